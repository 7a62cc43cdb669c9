package source

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html"

	"codeberg.org/readeck/go-readability/v2/render"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/errs"
)

// fromFeed turns an RSS, Atom or JSON feed into one source per item. An
// item's Raw is its content as the feed carries it (content, else summary),
// so its hash — and so de-duplication — depends on the item alone: polling a
// feed again does not store its old items twice. Items without text are
// skipped; a feed with none left is an error.
func (in *Ingester) fromFeed(name string, raw []byte, meta Meta) ([]*claim.Source, error) {
	if err := checkText(raw); err != nil {
		return nil, err
	}
	if err := checkDepth(raw); err != nil {
		return nil, err
	}
	feed, err := gofeed.NewParser().Parse(bytes.NewReader(raw))
	if err != nil {
		return nil, errs.E(errs.BadInput, "", fmt.Errorf("not a readable RSS, Atom or JSON feed: %w", err))
	}
	var out []*claim.Source
	seen := map[string]bool{}
	for i, it := range feed.Items {
		content := it.Content
		if strings.TrimSpace(content) == "" {
			content = it.Description
		}
		if strings.TrimSpace(content) == "" {
			content = it.Title
		}
		text := fragmentText(content)
		if text == "" {
			continue
		}
		doc := Meta{
			Outlet:   strings.TrimSpace(feed.Title),
			Title:    strings.TrimSpace(it.Title),
			URL:      it.Link,
			Language: feed.Language,
		}
		switch {
		case it.PublishedParsed != nil:
			doc.Published = *it.PublishedParsed
		case it.UpdatedParsed != nil:
			doc.Published = *it.UpdatedParsed
		}
		itemName := NameFromURL(it.Link)
		if itemName == "" {
			itemName = name + "#" + strconv.Itoa(i+1)
		}
		for base, n := itemName, 2; seen[itemName]; n++ {
			itemName = base + "#" + strconv.Itoa(n)
		}
		seen[itemName] = true
		s := &claim.Source{Name: itemName, MediaType: MediaHTML, Raw: []byte(content), Text: text}
		// The file's metadata (sidecar, flags) describes the feed, not each
		// item: only its outlet and language carry over.
		out = append(out, in.finish(s, doc, Meta{Outlet: meta.Outlet, Language: meta.Language}))
	}
	if len(out) == 0 {
		return nil, errs.E(errs.BadInput, "", fmt.Sprintf("%s feed has no items with text", feed.FeedType))
	}
	return out, nil
}

// maxDepth is how deeply a feed's XML elements may nest. The feed parser
// keeps a stack entry per open element, some hundred bytes each: a hostile
// feed of 20 MB of open tags would take gigabytes. 512 is the limit the HTML
// parser applies to pages; real feeds nest a handful of levels (their
// items' HTML is escaped or in CDATA).
const maxDepth = 512

// checkDepth refuses an XML document nested deeper than maxDepth. It reads
// raw tokens, which keep no stack, and leaves every other fault (a
// malformed or truncated document) to the feed parser to report. A JSON
// feed is the JSON decoder's to bound.
func checkDepth(raw []byte) error {
	if t := bytes.TrimLeft(raw, " \t\r\n\ufeff"); len(t) > 0 && t[0] != '<' {
		return nil
	}
	d := xml.NewDecoder(bytes.NewReader(raw))
	d.Strict = false
	depth := 0
	for {
		tok, err := d.RawToken()
		if err != nil {
			return nil
		}
		switch t := tok.(type) {
		case xml.StartElement:
			// Unescaped HTML in a sloppy feed leaves void elements open.
			if voidElements[strings.ToLower(t.Name.Local)] {
				continue
			}
			if depth++; depth > maxDepth {
				return errs.E(errs.BadInput, "", fmt.Sprintf("feed nests elements more than %d deep", maxDepth))
			}
		case xml.EndElement:
			if !voidElements[strings.ToLower(t.Name.Local)] {
				depth--
			}
		}
	}
}

// voidElements are the HTML elements that have no end tag.
var voidElements = map[string]bool{
	"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true, "img": true,
	"input": true, "link": true, "meta": true, "param": true, "source": true, "track": true, "wbr": true,
}

// fragmentText renders an HTML fragment (or plain text) as text.
func fragmentText(fragment string) string {
	doc, err := html.Parse(strings.NewReader(fragment))
	if err != nil {
		return ""
	}
	body := findElement(doc, "body")
	if body == nil {
		return ""
	}
	return cleanText(render.InnerText(body))
}

// NameFromURL derives a source name from a URL: host and path, with slashes
// turned into underscores ("example.org_news_2026_militias.html"). It returns
// "" for a URL without a host.
func NameFromURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return ""
	}
	p := strings.Trim(u.EscapedPath(), "/")
	if p2, err := url.PathUnescape(p); err == nil {
		p = p2
	}
	name := u.Hostname()
	if p != "" {
		name += "_" + strings.ReplaceAll(p, "/", "_")
	}
	if u.RawQuery != "" {
		name += "_" + u.RawQuery
	}
	name = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || strings.ContainsRune(`\:*?"<>|`, r) {
			return '-'
		}
		return r
	}, name)
	const maxName = 150
	if len(name) > maxName {
		cut := maxName
		for cut > 0 && !utf8RuneStart(name[cut]) {
			cut--
		}
		name = name[:cut]
	}
	return name
}

func utf8RuneStart(b byte) bool { return b&0xC0 != 0x80 }
