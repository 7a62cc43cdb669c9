package source

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"net/url"
	"strings"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"
	"codeberg.org/readeck/go-readability/v2/render"
	"github.com/microcosm-cc/bluemonday"
	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/transform"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/errs"
)

// fromHTML extracts an HTML page's main article. Raw keeps the page's bytes;
// Text is the article's text, one paragraph per line. Scripts,
// styles and hidden elements never reach Text.
func (in *Ingester) fromHTML(name string, raw []byte, contentType string, meta Meta) (*claim.Source, error) {
	utf, err := decodeHTML(raw, contentType)
	if err != nil {
		return nil, err
	}
	var base *url.URL
	if meta.URL != "" {
		base, _ = url.Parse(meta.URL)
	}
	art, text, err := readArticle(utf, base)
	if err != nil {
		return nil, err
	}
	doc := Meta{Outlet: art.SiteName(), Title: strings.TrimSpace(art.Title()), Language: art.Language()}
	if t, err := art.PublishedTime(); err == nil {
		doc.Published = t
	}
	s := &claim.Source{Name: name, MediaType: MediaHTML, Raw: raw, Text: text}
	return in.finish(s, doc, meta), nil
}

// decodeHTML returns the page as UTF-8. A page that declares another charset
// (byte-order mark, Content-Type, <meta charset>) is converted; an undeclared
// one must already be UTF-8.
func decodeHTML(raw []byte, contentType string) ([]byte, error) {
	if len(raw) == 0 {
		return nil, errs.E(errs.BadInput, "", "file is empty")
	}
	if !utf8.Valid(raw) {
		enc, name, certain := charset.DetermineEncoding(raw, contentType)
		declared := certain || name != "windows-1252" ||
			bytes.Contains(bytes.ToLower(raw[:min(len(raw), 1024)]), []byte("charset"))
		if declared && name != "utf-8" {
			out, _, err := transform.Bytes(enc.NewDecoder(), raw)
			if err != nil {
				return nil, errs.E(errs.BadInput, "", fmt.Errorf("decode %s: %w", name, err))
			}
			raw = out
		}
	}
	if err := checkText(raw); err != nil {
		return nil, err
	}
	return raw, nil
}

// readArticle runs readability over page and renders the article's text.
// When readability finds no article (a short or truncated page) the text of
// the whole body is used instead; no text at all is an error.
func readArticle(page []byte, base *url.URL) (readability.Article, string, error) {
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		return readability.Article{}, "", errs.E(errs.BadInput, "", fmt.Errorf("parse HTML: %w", err))
	}
	p := readability.NewParser()
	art, err := p.ParseDocument(doc, base)
	var text string
	if err == nil && art.Node != nil {
		text = cleanText(render.InnerText(art.Node))
	}
	if text == "" {
		if body := findElement(doc, "body"); body != nil {
			text = cleanText(render.InnerText(body))
		}
	}
	if text == "" {
		msg := "HTML has no readable text"
		if looksTruncated(page) {
			msg = "HTML is truncated before any readable text"
		}
		return art, "", errs.E(errs.BadInput, "", msg)
	}
	return art, text, nil
}

// looksTruncated reports whether a page stops before closing its body.
func looksTruncated(page []byte) bool {
	tail := bytes.ToLower(page[max(0, len(page)-4096):])
	return !bytes.Contains(tail, []byte("</body")) && !bytes.Contains(tail, []byte("</html"))
}

func findElement(n *html.Node, tag string) *html.Node {
	if n.Type == html.ElementNode && n.Data == tag {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := findElement(c, tag); f != nil {
			return f
		}
	}
	return nil
}

// cleanText trims trailing blanks from each line and drops blank lines, so
// that paragraphs are separated by one newline, as in the plain-text seeds,
// and the text claims index is stable.
func cleanText(s string) string {
	lines := strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
	var b strings.Builder
	for _, l := range lines {
		l = strings.TrimRight(l, " \t\u00a0")
		if strings.TrimSpace(l) == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(l)
	}
	return b.String()
}

// sanitizer is the policy for any HTML shown to a person: user-generated
// content rules (no scripts, no event handlers, no javascript: URLs, no
// styles), links forced to rel="nofollow noreferrer" and opened elsewhere.
func sanitizer() *bluemonday.Policy {
	p := bluemonday.UGCPolicy()
	p.RequireNoReferrerOnLinks(true)
	p.AddTargetBlankToFullyQualifiedLinks(true)
	return p
}

// SanitizeHTML makes untrusted HTML safe to embed in a page.
func SanitizeHTML(untrusted string) template.HTML {
	return template.HTML(sanitizer().Sanitize(untrusted)) //nolint:gosec // sanitised just now
}

// ReadableHTML renders a stored source for reading: the extracted article of
// an HTML source, sanitised; for any other source its text, escaped, one
// paragraph per line. Raw is an archive and must never be served as HTML:
// this is the only way a source's HTML reaches a browser.
func ReadableHTML(s *claim.Source) (template.HTML, error) {
	// A page whose charset only its HTTP Content-Type gave cannot be decoded
	// again from its bytes: its text, extracted at ingest, is shown instead.
	if page, err := decodeHTML(s.Raw, ""); s.MediaType == MediaHTML && len(s.Raw) > 0 && err == nil {
		base, _ := url.Parse(s.URL)
		art, _, err := readArticle(page, base)
		if err == nil && art.Node != nil {
			var b strings.Builder
			if err := art.RenderHTML(&b); err == nil {
				return SanitizeHTML(b.String()), nil
			}
		}
	}
	if s.Text == "" {
		return "", errors.New("source has no text")
	}
	var b strings.Builder
	for _, para := range strings.Split(s.Text, "\n") {
		if strings.TrimSpace(para) == "" {
			continue
		}
		b.WriteString("<p>")
		template.HTMLEscape(&b, []byte(para))
		b.WriteString("</p>\n")
	}
	return template.HTML(b.String()), nil //nolint:gosec // every piece escaped above
}
