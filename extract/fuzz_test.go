package extract_test

import (
	"os"
	"testing"
	"time"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/extract"
	"github.com/triangulate/triangulate/internal/shared"
)

// FuzzExtract checks that no input makes the extractor panic and that every
// claim it returns quotes the text and passes validation.
func FuzzExtract(f *testing.F) {
	for name := range seedMeta {
		if b, err := os.ReadFile(shared.Path(f, "seeds", name)); err == nil {
			f.Add(string(b))
		}
	}
	for _, s := range []string{
		"", ".", "\n\n", "At least", "between four and", "January 31 and 2", "since",
		"According to ,", "X said", ", according to", "the Iran-Iraq border", "–:;,", "Mr. X. Y.",
		"fighters crossed into Iran from Iraq on January 4-8, 2026, two sources told CNN.",
		"neither confirmed nor", "\xff\xfe invalid \xc3", "U.S. forces entered", "’s ’ ' -",
	} {
		f.Add(s)
	}
	x := extract.New(loadPack(f))
	pub := time.Date(2026, 1, 14, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, text string) {
		src := &claim.Source{Name: "fuzz.txt", Outlet: "Outlet", Published: pub, Text: text}
		for _, c := range x.Extract(src) {
			if err := c.Validate(text); err != nil {
				t.Fatalf("invalid claim from %q: %v", text, err)
			}
			for _, a := range c.Actors {
				if !a.Span.Valid(text) {
					t.Fatalf("actor span %+v does not quote the text", a.Span)
				}
			}
			for _, p := range c.Places {
				if !p.Span.Valid(text) {
					t.Fatalf("place span %+v does not quote the text", p.Span)
				}
			}
			_ = extract.ToGold(c)
		}
	})
}

func FuzzParseNumber(f *testing.F) {
	for _, s := range []string{"2,000", "1.5 million", "twenty-five", "two hundred and fifty", "a dozen", "9,99,9", "1e308 billion"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, ok := extract.ParseNumber(s)
		if ok && v < 0 {
			t.Fatalf("ParseNumber(%q) = %v", s, v)
		}
	})
}

func FuzzParseTime(f *testing.F) {
	for _, s := range []string{"on January 7 and 8", "between January 8 and January 13", "since January 6", "nearly three weeks ago", "January 31-2", "Feb. 29, 2023", "9999 days ago"} {
		f.Add(s)
	}
	pub := time.Date(2026, 1, 14, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, s string) {
		if ts := extract.ParseTime(s, pub); ts != nil {
			if err := ts.Validate(); err != nil {
				t.Fatalf("ParseTime(%q) = %+v: %v", s, *ts, err)
			}
		}
	})
}
