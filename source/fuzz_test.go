package source

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/internal/shared"
)

// FuzzIngest feeds arbitrary bytes to ingest as text, HTML, RSS, Atom and
// JSON Feed (the name and media type pick the reader, as for an upload or a
// fetch), seeded with the testdata documents and real reports. A document
// may be refused, but without a panic, and every source made must be valid
// (named, hashed, non-empty UTF-8 text), keep its bytes, and hold no more
// text than its input could give.
func FuzzIngest(f *testing.F) {
	kinds := []struct{ name, contentType string }{
		{"doc.txt", ""},
		{"page.html", ""},
		{"feed.rss", ""},
		{"feed.atom", ""},
		{"feed.json", "application/feed+json"},
		{"upload", "text/html; charset=windows-1252"},
		{"upload", ""},
	}
	for i, p := range []string{"article.html", "feed.rss", "feed.atom"} {
		b, err := os.ReadFile(filepath.Join("testdata", p))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(uint8(i+1), b)
	}
	for _, name := range []string{"000_fb75171b0db195ae.txt", "003_e72e86618cf972b7.txt"} {
		b, err := os.ReadFile(shared.Path(f, "seeds", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(uint8(0), b)
	}
	f.Add(uint8(4), []byte(`{"version":"https://jsonfeed.org/version/1.1","title":"T","items":[{"id":"1","url":"https://x.example/1","content_text":"Forces crossed the border on Monday, officials said."}]}`))
	f.Add(uint8(2), []byte(`<rss><channel><item><description>&lt;p&gt;a&lt;/p&gt;</description></item></channel></rss>`))
	// Found by fuzzing: a page in windows-1252 that says so only in its
	// Content-Type was stored but could not be shown (ReadableHTML decoded
	// its bytes as UTF-8).
	f.Add(uint8(5), []byte("<html><body><article><p>Le caf\xe9 de la gare a \xe9t\xe9 touch\xe9 lundi, selon des t\xe9moins.</p></article></body></html>"))
	in := &Ingester{MaxBytes: 1 << 20}
	f.Fuzz(func(t *testing.T, kind uint8, raw []byte) {
		k := kinds[int(kind)%len(kinds)]
		var ss []*claim.Source
		var err error
		done := make(chan struct{})
		go func() {
			defer close(done)
			ss, err = in.FromBytes(k.name, raw, k.contentType, Meta{})
		}()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			t.Fatalf("%s (%q) did not finish in 5 s on %q", k.name, k.contentType, raw)
		}
		if err != nil {
			return
		}
		text := 0
		for _, s := range ss {
			if err := s.Validate(); err != nil {
				t.Fatalf("%s from %q: invalid source: %v", k.name, raw, err)
			}
			if !utf8.ValidString(s.Text) {
				t.Fatalf("source text is not UTF-8")
			}
			if s.ContentHash != Hash(s.Raw) {
				t.Fatalf("content hash %s is not the hash of the kept bytes", s.ContentHash)
			}
			text += len(s.Text)
			if _, err := ReadableHTML(s); err != nil && s.MediaType == MediaHTML {
				t.Fatalf("stored HTML cannot be displayed: %v", err)
			}
		}
		// Entities and charset decoding can grow text a little (one byte of
		// windows-1252 is up to three of UTF-8); more means text made up.
		if text > 4*len(raw)+64 {
			t.Fatalf("%d bytes of text from %d bytes of input", text, len(raw))
		}
	})
}

// FuzzSidecar: a sidecar's metadata parses or is refused, never panics,
// and what it accepts survives being written back and read again.
func FuzzSidecar(f *testing.F) {
	for _, s := range []string{
		`{"outlet": "The Amargi", "published": "2026-01-14", "title": "T", "url": "https://x.example/a", "language": "en"}`,
		`{"published": "2026-01-14T08:00:00+03:00"}`,
		`{"publshed": "2026-01-14"}`, `{}`, `[]`, `{"published": "14/01/2026"}`, ``,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := ParseSidecar(b)
		if err != nil {
			return
		}
		sc := Sidecar{Outlet: m.Outlet, Title: m.Title, URL: m.URL, Language: m.Language}
		if !m.Published.IsZero() {
			sc.Published = m.Published.Format(time.RFC3339Nano)
		}
		again, err := json.Marshal(sc)
		if err != nil {
			t.Fatal(err)
		}
		m2, err := ParseSidecar(again)
		if err != nil || m2.Outlet != m.Outlet || m2.Title != m.Title || m2.URL != m.URL ||
			m2.Language != m.Language || !m2.Published.Equal(m.Published) {
			t.Fatalf("%q read as %+v, written back as %s, read again as %+v (%v)", b, m, again, m2, err)
		}
	})
}
