package report

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"flag"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/errs"
	"github.com/triangulate/triangulate/report/reporttest"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

func render(t *testing.T, c *claim.Case, f Format) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, c, f, Options{}); err != nil {
		t.Fatalf("Write %s: %v", f, err)
	}
	return b.Bytes()
}

// golden compares got with testdata/name, or rewrites it under -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./report -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file; inspect with -update and git diff", name)
	}
}

func TestGolden(t *testing.T) {
	for _, f := range Formats() {
		t.Run(string(f), func(t *testing.T) {
			c := reporttest.SeedCase(t)
			got := render(t, c, f)
			// Determinism: a second run over a freshly built case gives the same bytes.
			if again := render(t, reporttest.SeedCase(t), f); !bytes.Equal(got, again) {
				t.Fatal("two runs over the same case differ")
			}
			golden(t, "seed."+string(f), got)
		})
	}
}

func TestUnknownFormat(t *testing.T) {
	err := Write(io.Discard, &claim.Case{}, "pdf", Options{})
	if !errs.Is(err, errs.BadInput) {
		t.Fatalf("Write pdf = %v, want a bad-input error", err)
	}
}

func TestEmptyCase(t *testing.T) {
	for _, f := range Formats() {
		if got := render(t, &claim.Case{}, f); len(got) == 0 {
			t.Errorf("%s: empty output for an empty case", f)
		}
	}
}

func TestBuildSeed(t *testing.T) {
	c := reporttest.SeedCase(t)
	r := Build(c, Options{})
	if r.AsOf != "2026-01-16" {
		t.Errorf("AsOf = %q, want the latest publication date 2026-01-16", r.AsOf)
	}
	if r.Summary.Claims != 35 || r.Summary.Events != 7 || r.Summary.Assessed != 6 {
		t.Errorf("summary = %+v", r.Summary)
	}
	if len(r.Unassigned) != 1 || r.Unassigned[0] != "003-33" {
		t.Errorf("unassigned = %v, want [003-33]", r.Unassigned)
	}
	ev := r.Events[0]
	if ev.Likelihood != "likely (55–80 %)" {
		t.Errorf("likelihood = %q", ev.Likelihood)
	}
	// The echo chain's root is the earliest publication: The Amargi, 14 January.
	if ev.Root == nil || ev.Root.Outlet != "The Amargi" || ev.Root.ClaimID != "000-01" {
		t.Errorf("root = %+v", ev.Root)
	}
	rows := ev.Figures[0].Rows
	if len(rows) != 3 || rows[1].Figure != "5,000" || rows[1].Qualifier != "close to" || rows[1].Chain != "an Iraqi security source → CNN → TFI Global" {
		t.Errorf("figure rows = %+v", rows)
	}
	// Contradiction spans quote the source text exactly.
	for _, ct := range ev.Contradictions {
		for _, q := range []Quote{ct.A, ct.B} {
			if text := sourceText(c, q.SourceID); text[q.Start:q.End] != q.Text {
				t.Errorf("contradiction quote %q is not source bytes %d–%d", q.Text, q.Start, q.End)
			}
		}
	}
	var iran *PlaceView
	for i := range r.Places {
		if r.Places[i].Name == "Iran" && r.Places[i].Kind == "country" {
			iran = &r.Places[i]
		}
	}
	if iran == nil || iran.ClaimCount < 15 || strings.Join(iran.Roles, ",") != "destination,location" {
		t.Errorf("Iran place = %+v", iran)
	}
	// The untested route's missing days become a gap on the timeline.
	var gap bool
	for _, it := range r.Timeline {
		if it.Kind == ItemGap && it.ID == "sig-flight-KSH-THR-20260105" && it.From == "2026-01-05" && it.To == "2026-01-06" {
			gap = true
		}
	}
	if !gap {
		t.Error("missing flight days are not on the timeline as a gap")
	}
}

func sourceText(c *claim.Case, id int64) string {
	for _, s := range c.Sources {
		if s.ID == id {
			return s.Text
		}
	}
	return ""
}

func TestHTMLSafe(t *testing.T) {
	c := reporttest.SeedCase(t)
	const hostile = `<script>alert(1)</script>`
	c.Claims[0].Evidence = "fighters " + hostile + " entered"
	c.Claims[0].Attribution[0].Who = `"><img src=x onerror=alert(2)>`
	c.Events[0].Title = hostile
	c.Sources[0].URL = "javascript:alert(3)"
	c.Signals[0].Details["note"] = hostile
	out := string(render(t, c, HTML))
	if strings.Contains(strings.ToLower(out), "<script") {
		t.Fatal("HTML contains a <script> element")
	}
	if strings.Contains(out, "<img") || strings.Contains(out, `href="javascript:`) {
		t.Fatal("hostile markup or URL passed through")
	}
	if !strings.Contains(out, "&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Error("hostile evidence is not shown escaped")
	}
	// No external resources: nothing is fetched when the page opens.
	for _, re := range []string{`(?i)<link\b`, `(?i)<[^>]+\ssrc=`, `(?i)url\(`, `(?i)@import`} {
		if regexp.MustCompile(re).MatchString(out) {
			t.Errorf("HTML matches %s: it must be self-contained", re)
		}
	}
	// The inline SVGs are well-formed XML.
	for _, svg := range regexp.MustCompile(`(?s)<svg.*?</svg>`).FindAllString(out, -1) {
		dec := xml.NewDecoder(strings.NewReader(svg))
		for {
			_, err := dec.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("inline SVG is not well-formed: %v", err)
			}
		}
	}
	if n := strings.Count(out, "<svg"); n != 2 {
		t.Errorf("%d inline SVGs, want the map and the timeline", n)
	}
}

func TestMarkdownHostile(t *testing.T) {
	c := reporttest.SeedCase(t)
	c.Claims[0].Evidence = "a | b\nc"
	c.Events[0].Figures[0].Figures[0].Scope = "x | y"
	out := string(render(t, c, Markdown))
	if strings.Contains(out, "| x | y |") {
		t.Error("a pipe in a table cell is not escaped")
	}
	if !strings.Contains(out, "> a | b c") {
		t.Error("a newline in evidence breaks the blockquote")
	}
}

func TestJSONSchema(t *testing.T) {
	c := reporttest.SeedCase(t)
	var doc map[string]any
	if err := json.Unmarshal(render(t, c, JSON), &doc); err != nil {
		t.Fatal(err)
	}
	if doc["schema"] != Schema {
		t.Errorf("schema = %v", doc["schema"])
	}
	for _, k := range []string{"title", "as_of", "summary", "events", "unassigned_claims", "places", "timeline", "sources", "case"} {
		if _, ok := doc[k]; !ok {
			t.Errorf("JSON report lacks %q", k)
		}
	}
	// The case round-trips.
	var back struct {
		Case claim.Case `json:"case"`
	}
	if err := json.Unmarshal(render(t, c, JSON), &back); err != nil {
		t.Fatal(err)
	}
	if len(back.Case.Claims) != len(c.Claims) || back.Case.Claims[5].Evidence != c.Claims[5].Evidence {
		t.Error("the case does not round-trip through the JSON report")
	}
}

func TestBand(t *testing.T) {
	tests := []struct {
		p           float64
		words, band string
	}{
		{0.01, "almost no chance", "01–05 %"},
		{0.1, "very unlikely", "05–20 %"},
		{0.5, "roughly even chance", "45–55 %"},
		{0.72, "likely", "55–80 %"},
		{0.8, "likely", "55–80 %"},
		{0.9, "very likely", "80–95 %"},
		{0.999, "almost certain", "95–99 %"},
	}
	for _, tt := range tests {
		w, b := Band(tt.p)
		if w != tt.words || b != tt.band {
			t.Errorf("Band(%v) = %q %q, want %q %q", tt.p, w, b, tt.words, tt.band)
		}
	}
	a := &claim.Assessment{Probability: 0.3}
	if got := Likelihood(a); got != "unlikely (20–45 %)" {
		t.Errorf("Likelihood without words = %q", got)
	}
}

func TestFormatQuantity(t *testing.T) {
	tests := []struct {
		q    claim.Quantity
		want string
	}{
		{claim.Quantity{Min: 5000, Max: 5000, Unit: "fighters", Qualifier: "close to"}, "close to 5,000 fighters"},
		{claim.Quantity{Min: 4, Max: 5, Unit: "flights per day", Qualifier: "between"}, "between 4–5 flights per day"},
		{claim.Quantity{Min: 1234567.5, Max: 1234567.5, Unit: "x"}, "1,234,567.5 x"},
		{claim.Quantity{Min: -1200, Max: -1200, Unit: "y"}, "-1,200 y"},
	}
	for _, tt := range tests {
		if got := FormatQuantity(tt.q); got != tt.want {
			t.Errorf("FormatQuantity(%+v) = %q, want %q", tt.q, got, tt.want)
		}
	}
}

func BenchmarkHTML(b *testing.B) {
	c := reporttest.SeedCase(b)
	for b.Loop() {
		if err := Write(io.Discard, c, HTML, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestCopiesShown: an event whose member source copies another says so in
// every format: "copies X (N of its M sentences)".
func TestCopiesShown(t *testing.T) {
	c := reporttest.SeedCase(t)
	c.Events[0].Copies = []claim.Copy{{Source: c.Sources[1].Name, Outlet: c.Sources[1].Outlet, Of: c.Sources[0].Name,
		OfOutlet: c.Sources[0].Outlet, Shared: 7, Sentences: 9}}
	want := "copies " + c.Sources[0].Outlet + " (7 of its 9 sentences)"
	for _, f := range Formats() {
		if got := string(render(t, c, f)); !strings.Contains(got, want) {
			t.Errorf("%s report does not say %q", f, want)
		}
	}
}

// TestCSVTables: the claims table has one row per claim and the figures
// table one row per figure given, each saying who gave it; both are
// deterministic and match their golden files.
func TestCSVTables(t *testing.T) {
	c := reporttest.SeedCase(t)
	r := Build(c, Options{})
	figures := 0
	for _, ev := range r.Events {
		for _, fs := range ev.Figures {
			figures += len(fs.Rows)
		}
	}
	for _, tc := range []struct {
		f    Format
		rows int
		col  string
	}{{ClaimsCSV, len(c.Claims), "said_by"}, {FiguresCSV, figures, "said_by"}} {
		got := render(t, c, tc.f)
		if again := render(t, reporttest.SeedCase(t), tc.f); !bytes.Equal(got, again) {
			t.Fatalf("%s: two runs differ", tc.f)
		}
		recs, err := csv.NewReader(bytes.NewReader(got)).ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", tc.f, err)
		}
		if len(recs)-1 != tc.rows || tc.rows == 0 {
			t.Fatalf("%s: %d rows, want %d", tc.f, len(recs)-1, tc.rows)
		}
		col := slices.Index(recs[0], tc.col)
		for _, rec := range recs[1:] {
			if col < 0 || rec[col] == "" {
				t.Fatalf("%s: a row without who gave it: %v", tc.f, rec)
			}
		}
		golden(t, "seed."+string(tc.f), got)
	}
}
