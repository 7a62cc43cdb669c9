package source

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/errs"
	"github.com/triangulate/triangulate/internal/shared"
)

var fixedNow = func() time.Time { return time.Date(2026, 2, 1, 12, 0, 0, 0, time.UTC) }

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// TestFormats ingests one document of each format and checks what a later
// step relies on: the text, its metadata and the hash of the raw bytes.
func TestFormats(t *testing.T) {
	seed := shared.Path(t, "seeds", "000_fb75171b0db195ae.txt")
	tests := []struct {
		name  string
		path  string
		check func(t *testing.T, raw []byte, ss []*claim.Source)
	}{
		{"plain text seed", seed, func(t *testing.T, raw []byte, ss []*claim.Source) {
			one(t, ss)
			s := ss[0]
			if s.Text != string(raw) {
				t.Errorf("text differs from the file's bytes")
			}
			if s.Name != "000_fb75171b0db195ae.txt" || s.MediaType != MediaText {
				t.Errorf("name %q media %q", s.Name, s.MediaType)
			}
			if !bytes.Equal(s.Raw, raw) || s.ContentHash != Hash(raw) {
				t.Errorf("raw or hash not the file's")
			}
		}},
		{"plain text kept byte for byte", "testdata/dir/sub/c.txt", func(t *testing.T, raw []byte, ss []*claim.Source) {
			one(t, ss)
			if ss[0].Text != "  Indented first line, CRLF lines\r\nand a trailing blank line\r\n\r\n" {
				t.Errorf("text was changed: %q", ss[0].Text)
			}
		}},
		{"html article", "testdata/article.html", func(t *testing.T, raw []byte, ss []*claim.Source) {
			one(t, ss)
			s := ss[0]
			if s.MediaType != MediaHTML || !bytes.Equal(s.Raw, raw) || s.ContentHash != Hash(raw) {
				t.Errorf("media %q, raw kept %v", s.MediaType, bytes.Equal(s.Raw, raw))
			}
			if s.Outlet != "Border Monitor" || s.Title != "Iraqi fighters reported crossing into Iran" || s.Language != "en-GB" {
				t.Errorf("metadata: outlet %q title %q language %q", s.Outlet, s.Title, s.Language)
			}
			if want := time.Date(2026, 1, 16, 6, 45, 0, 0, time.UTC); !s.Published.Equal(want) {
				t.Errorf("published %v, want %v", s.Published, want)
			}
			for _, want := range []string{
				"Armed groups from Iraq have crossed into Iran over the past two weeks, according to two security sources who spoke on condition of anonymity.",
				"One source said that close to 3,000 fighters entered through the Shalamcheh crossing in Basra province.",
				"Flight-tracking data showed an unusual number of flights from Najaf to Mashhad between January 5 and January 9, the sources added.",
				"convoys of buses with Iraqi number plates",
			} {
				if !strings.Contains(s.Text, want) {
					t.Errorf("text lacks %q", want)
				}
			}
			// Paragraphs are lines of their own.
			if !strings.Contains(s.Text, "anonymity.\nOne source said") {
				t.Errorf("paragraphs not separated by a newline:\n%s", s.Text)
			}
			for _, bad := range []string{"alert", "stolen", "__track", "Subscribe", "All rights reserved", "Protests continue"} {
				if strings.Contains(s.Text, bad) {
					t.Errorf("text keeps %q (script or page furniture):\n%s", bad, s.Text)
				}
			}
		}},
		{"rss feed", "testdata/feed.rss", func(t *testing.T, raw []byte, ss []*claim.Source) {
			// The gallery item has no text and is skipped.
			if len(ss) != 2 {
				t.Fatalf("got %d sources, want 2", len(ss))
			}
			s := ss[0]
			if s.Name != "bordermonitor.example_2026_01_14_mehran-crossing" {
				t.Errorf("name %q", s.Name)
			}
			if s.Outlet != "Border Monitor" || s.Title != "Fighters reported at Mehran crossing" ||
				s.URL != "https://bordermonitor.example/2026/01/14/mehran-crossing" || s.Language != "en" {
				t.Errorf("metadata %+v", s)
			}
			if !s.Published.Equal(time.Date(2026, 1, 14, 10, 0, 0, 0, time.UTC)) {
				t.Errorf("published %v", s.Published)
			}
			if s.Text != "Witnesses said buses carrying armed men crossed at Mehran on Tuesday night.\nOfficials declined to comment." {
				t.Errorf("text %q", s.Text)
			}
			if s.ContentHash != Hash(s.Raw) || !strings.Contains(string(s.Raw), "Witnesses said") {
				t.Errorf("item raw/hash: %q", s.Raw)
			}
			if ss[1].Text != "Connectivity in Iran remained at about 3% of normal levels, monitors said." {
				t.Errorf("description item text %q", ss[1].Text)
			}
		}},
		{"atom feed", "testdata/feed.atom", func(t *testing.T, raw []byte, ss []*claim.Source) {
			if len(ss) != 2 {
				t.Fatalf("got %d sources, want 2", len(ss))
			}
			if ss[0].Outlet != "Gulf Wire" || ss[0].Name != "gulfwire.example_news_najaf-flights" ||
				ss[0].Text != "An Iraqi airline added two daily flights from Najaf to Mashhad, citing pilgrim demand." {
				t.Errorf("entry 1: %+v", ss[0])
			}
			if !ss[0].Published.Equal(time.Date(2026, 1, 15, 7, 0, 0, 0, time.UTC)) {
				t.Errorf("entry 1 published %v", ss[0].Published)
			}
			// Without <published> the entry's <updated> dates it.
			if !ss[1].Published.Equal(time.Date(2026, 1, 16, 11, 0, 0, 0, time.UTC)) ||
				ss[1].Text != "A government spokesman neither confirmed nor denied the reports." {
				t.Errorf("entry 2: %+v", ss[1])
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			raw, err := os.ReadFile(tt.path)
			if err != nil {
				t.Fatal(err)
			}
			in := &Ingester{Now: fixedNow}
			ss, err := in.FromFile(tt.path)
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range ss {
				if err := s.Validate(); err != nil {
					t.Errorf("%s: %v", s.Name, err)
				}
				if !s.Fetched.Equal(fixedNow()) {
					t.Errorf("fetched %v", s.Fetched)
				}
			}
			tt.check(t, raw, ss)
			// The same content again gives the same hashes: the store's
			// de-duplication rests on that.
			again, err := in.FromFile(tt.path)
			if err != nil {
				t.Fatal(err)
			}
			for i := range ss {
				if again[i].ContentHash != ss[i].ContentHash {
					t.Errorf("hash of %s changed between ingests", ss[i].Name)
				}
			}
		})
	}
}

func one(t *testing.T, ss []*claim.Source) {
	t.Helper()
	if len(ss) != 1 {
		t.Fatalf("got %d sources, want 1", len(ss))
	}
}

// TestHostileHTMLNeverSurvives checks that script, event handlers and
// javascript: URLs reach neither the text nor any HTML shown to a person.
func TestHostileHTMLNeverSurvives(t *testing.T) {
	in := &Ingester{}
	for _, p := range []string{"testdata/article.html", "testdata/feed.rss"} {
		ss, err := in.FromFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range ss {
			h, err := ReadableHTML(s)
			if err != nil {
				t.Fatalf("%s: %v", s.Name, err)
			}
			low := strings.ToLower(string(h))
			for _, bad := range []string{"<script", "onerror", "onload", "javascript:", "<iframe", "<style", "alert(", "document.cookie", "<form", "<input"} {
				if strings.Contains(low, bad) {
					t.Errorf("%s: readable HTML keeps %q:\n%s", s.Name, bad, h)
				}
			}
			if first, _, _ := strings.Cut(s.Text, "\n"); !strings.Contains(string(h), first[:12]) {
				t.Errorf("%s: readable HTML lost the text:\n%s", s.Name, h)
			}
		}
	}
	got := string(SanitizeHTML(`<p onclick="x()">ok<script>alert(1)</script><a href="javascript:alert(1)">l</a><img src=x onerror=alert(1)></p>`))
	for _, bad := range []string{"onclick", "<script", "javascript:", "onerror"} {
		if strings.Contains(got, bad) {
			t.Errorf("SanitizeHTML keeps %q: %s", bad, got)
		}
	}
	// Plain-text sources are escaped, never interpreted.
	h, err := ReadableHTML(&claim.Source{MediaType: MediaText, Text: "a <script>alert(1)</script>\nb"})
	if err != nil || strings.Contains(string(h), "<script") || !strings.Contains(string(h), "<p>b</p>") {
		t.Errorf("plain text rendered as %q (%v)", h, err)
	}
}

func TestWalk(t *testing.T) {
	var got []string
	var srcs []*claim.Source
	in := &Ingester{Defaults: Meta{Outlet: "Flag Outlet", Published: day("2026-01-20")}}
	err := in.Walk(t.Context(), "testdata/dir", func(r Result) error {
		if r.Err != nil {
			t.Errorf("%s: %v", r.Path, r.Err)
		}
		got = append(got, filepath.ToSlash(r.Path))
		srcs = append(srcs, r.Sources...)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// Hidden files and folders, READMEs and sidecars are not documents.
	want := []string{"testdata/dir/a.txt", "testdata/dir/sub/b.htm", "testdata/dir/sub/c.txt"}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("walked %v, want %v", got, want)
	}
	// a.txt's sidecar beats the flags; the others take the flags.
	if srcs[0].Outlet != "Plain Times" || !srcs[0].Published.Equal(day("2026-01-14")) || srcs[0].Language != "en" {
		t.Errorf("a.txt metadata %q %v %q", srcs[0].Outlet, srcs[0].Published, srcs[0].Language)
	}
	if srcs[1].Title != "Nested page" || srcs[1].Outlet != "Flag Outlet" || !srcs[1].Published.Equal(day("2026-01-20")) {
		t.Errorf("b.htm metadata %q %q %v", srcs[1].Title, srcs[1].Outlet, srcs[1].Published)
	}
	if srcs[1].Text != "A nested HTML page with one paragraph of text about the border." {
		t.Errorf("b.htm text %q", srcs[1].Text)
	}
	if srcs[2].Outlet != "Flag Outlet" {
		t.Errorf("c.txt outlet %q", srcs[2].Outlet)
	}
}

func TestMetaPrecedence(t *testing.T) {
	flags := Meta{Outlet: "Flag", Title: "Flag title", Published: day("2026-03-01"), Language: "fa"}
	tests := []struct {
		name       string
		force      bool
		wantOutlet string
		wantTitle  string
		wantDay    time.Time
	}{
		{"document metadata wins", false, "Border Monitor", "Iraqi fighters reported crossing into Iran", time.Date(2026, 1, 16, 6, 45, 0, 0, time.UTC)},
		{"forced flags win", true, "Flag", "Flag title", day("2026-03-01")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := &Ingester{Defaults: flags, ForceMeta: tt.force}
			ss, err := in.FromFile("testdata/article.html")
			if err != nil {
				t.Fatal(err)
			}
			s := ss[0]
			if s.Outlet != tt.wantOutlet || s.Title != tt.wantTitle || !s.Published.Equal(tt.wantDay) {
				t.Errorf("got %q %q %v", s.Outlet, s.Title, s.Published)
			}
		})
	}
	// A reader's own meta fills what plain text cannot say.
	in := &Ingester{Defaults: flags}
	ss, err := in.FromReader("note.txt", strings.NewReader("Some text."), Meta{Outlet: "Own"})
	if err != nil {
		t.Fatal(err)
	}
	if ss[0].Outlet != "Own" || ss[0].Title != "Flag title" || ss[0].Language != "fa" {
		t.Errorf("reader meta: %+v", ss[0])
	}
}

// TestBadInput checks that each kind of bad input gets a one-line error
// naming the file, of the right kind, and yields no source.
func TestBadInput(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	article, err := os.ReadFile("testdata/article.html")
	if err != nil {
		t.Fatal(err)
	}
	huge := filepath.Join(dir, "huge.txt")
	f, err := os.Create(huge)
	if err != nil {
		t.Fatal(err)
	}
	// Sparse: 100 MB on paper, nothing on disk.
	if err := f.Truncate(100 << 20); err != nil {
		t.Fatal(err)
	}
	f.Close()

	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89")
	tests := []struct {
		name string
		path string
		kind errs.Kind
		want string
	}{
		{"empty", write("empty.txt", nil), errs.BadInput, "file is empty"},
		{"white space only", write("blank.txt", []byte(" \n\t\n")), errs.BadInput, "only white space"},
		{"binary image", write("photo.txt", png), errs.BadInput, "binary file"},
		{"binary with NUL", write("data.bin", []byte("abc\x00def")), errs.BadInput, "NUL byte at offset 3"},
		{"pdf", write("doc.txt", []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")), errs.BadInput, "binary file (looks like application/pdf)"},
		{"latin-1", write("latin1.txt", []byte("line one\ncaf\xe9 au lait\n")), errs.BadInput, "invalid UTF-8 at byte 12 (line 2)"},
		{"utf-16", write("utf16.txt", []byte("\xff\xfeh\x00i\x00")), errs.BadInput, "UTF-16"},
		{"100 MB", huge, errs.Refused, "too large: 100.0 MiB is over the 20.0 MiB cap"},
		{"html truncated in head", write("cut.html", article[:bytes.Index(article, []byte("<style>"))+20]), errs.BadInput, "HTML is truncated before any readable text"},
		{"html without text", write("empty.html", []byte("<html><head><title>t</title></head><body><img src=x></body></html>")), errs.BadInput, "HTML has no readable text"},
		{"not a feed", write("data.xml", []byte("<?xml version=\"1.0\"?><config><a>1</a></config>")), errs.BadInput, "not a readable RSS, Atom or JSON feed"},
		{"missing", filepath.Join(dir, "nope.txt"), errs.BadInput, "no such file"},
		{"directory", dir, errs.BadInput, "is a directory"},
		{"bad sidecar", func() string {
			write("s.txt.meta.json", []byte(`{"outlet":"x","publshed":"2026-01-01"}`))
			return write("s.txt", []byte("text"))
		}(), errs.BadInput, `unknown field "publshed"`},
	}
	in := &Ingester{}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ss, err := in.FromFile(tt.path)
			if err == nil {
				t.Fatalf("no error; got %d sources", len(ss))
			}
			if ss != nil {
				t.Errorf("sources returned with the error")
			}
			msg := err.Error()
			if !strings.Contains(msg, tt.path) || !strings.Contains(msg, tt.want) {
				t.Errorf("error %q does not name the file and say %q", msg, tt.want)
			}
			if strings.Contains(msg, "\n") {
				t.Errorf("error is not one line: %q", msg)
			}
			if errs.KindOf(err) != tt.kind {
				t.Errorf("kind %v, want %v", errs.KindOf(err), tt.kind)
			}
		})
	}
}

// TestTruncatedHTMLWithText keeps what a page cut mid-article says.
func TestTruncatedHTMLWithText(t *testing.T) {
	article, err := os.ReadFile("testdata/article.html")
	if err != nil {
		t.Fatal(err)
	}
	cut := article[:bytes.Index(article, []byte("A second source"))]
	ss, err := (&Ingester{}).FromReader("cut.html", bytes.NewReader(cut), Meta{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(ss[0].Text, "close to 3,000 fighters entered through the Shalamcheh crossing") {
		t.Errorf("text %q", ss[0].Text)
	}
	if !bytes.Equal(ss[0].Raw, cut) {
		t.Errorf("raw is not the truncated bytes")
	}
}

func TestHTMLCharset(t *testing.T) {
	// windows-1256 Arabic: "بغداد" (Baghdad), declared in a meta tag.
	page := []byte("<html><head><meta charset=\"windows-1256\"><title>t</title></head><body><p>\xc8\xdb\xcf\xc7\xcf is the capital.</p></body></html>")
	ss, err := (&Ingester{}).FromReader("ar.html", bytes.NewReader(page), Meta{})
	if err != nil {
		t.Fatal(err)
	}
	if ss[0].Text != "بغداد is the capital." || !bytes.Equal(ss[0].Raw, page) {
		t.Errorf("text %q", ss[0].Text)
	}
	// Undeclared and not UTF-8: refused with the offset.
	_, err = (&Ingester{}).FromReader("bad.html", strings.NewReader("<p>caf\xe9</p>"), Meta{})
	if err == nil || !strings.Contains(err.Error(), "invalid UTF-8 at byte 6") {
		t.Errorf("err %v", err)
	}
}

func TestSizeCapOnReaders(t *testing.T) {
	in := &Ingester{MaxBytes: 10}
	_, err := in.FromReader("big.txt", strings.NewReader("eleven byte"), Meta{})
	if !errs.Is(err, errs.Refused) || !strings.Contains(err.Error(), "big.txt: too large") {
		t.Errorf("err %v", err)
	}
	if _, err := in.FromReader("ok.txt", strings.NewReader("ten bytes!"), Meta{}); err != nil {
		t.Errorf("at the cap: %v", err)
	}
}

func TestNameFromURL(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://tfiglobalnews.com/2026/01/16/iraqi-militias/", "tfiglobalnews.com_2026_01_16_iraqi-militias"},
		{"http://example.org", "example.org"},
		{"https://example.org:8443/a%20b/c.html?id=3", "example.org_a b_c.html_id=3"},
		{"not a url", ""},
	}
	for _, tt := range tests {
		if got := NameFromURL(tt.in); got != tt.want {
			t.Errorf("NameFromURL(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParseSidecar(t *testing.T) {
	m, err := ParseSidecar([]byte(`{"outlet":"The Amargi","published":"2026-01-14","title":"T","url":"https://x.example/","language":"en"}`))
	if err != nil {
		t.Fatal(err)
	}
	if m.Outlet != "The Amargi" || !m.Published.Equal(day("2026-01-14")) || m.Title != "T" || m.URL != "https://x.example/" || m.Language != "en" {
		t.Errorf("%+v", m)
	}
	if _, err := ParseSidecar([]byte(`{"published":"14/01/2026"}`)); err == nil {
		t.Error("bad date accepted")
	}
}

// TestFeedDepth: a feed nested deeper than HTML pages may be is refused
// before the feed parser builds its stack (a hostile feed of open tags
// would take gigabytes); void HTML elements left open in a sloppy feed do
// not count.
func TestFeedDepth(t *testing.T) {
	item := "<item><title>Crossing</title><description>Forces crossed the border on Monday, officials said.%s</description></item>"
	for _, tt := range []struct {
		name, extra string
		ok          bool
	}{
		{"shallow", "", true},
		{"deep", strings.Repeat("<a>", 600), false},
		{"open void elements", strings.Repeat("<br>", 600), true},
		{"just under", strings.Repeat("<a>", 500) + strings.Repeat("</a>", 500), true},
	} {
		raw := "<rss version=\"2.0\"><channel><title>Wire</title>" + fmt.Sprintf(item, tt.extra) + "</channel></rss>"
		_, err := (&Ingester{}).FromBytes("feed.rss", []byte(raw), "", Meta{})
		if (err == nil) != tt.ok {
			t.Errorf("%s: err = %v, want ok %v", tt.name, err, tt.ok)
		}
		if !tt.ok && !strings.Contains(fmt.Sprint(err), "more than 512 deep") {
			t.Errorf("%s: error %v does not say why", tt.name, err)
		}
	}
}
