package extract_test

import (
	"testing"
	"time"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/extract"
)

// TestTimeOfTelling: a time in a speaker's phrase, or right before "that",
// dates the telling and not what is told; a denial is the telling, so it
// keeps the day; a background event's exact day opens a claim nothing else
// dates. Published Thursday 2026-01-15.
func TestTimeOfTelling(t *testing.T) {
	x := extract.New(loadPack(t))
	for _, tc := range []struct {
		text, from, to string // from "" means no time
		prec           claim.TimePrecision
	}{
		// Fronted, or inside the speaker's phrase.
		{"On Monday, the Armenian ambassador said Turkey had sent fighters to Azerbaijan.", "", "", ""},
		{"Last week a Syrian commander said fighters had been sent to Azerbaijan.", "", "", ""},
		{"The ambassador on Monday said Turkey had sent fighters to Azerbaijan.", "", "", ""},
		// Right before the complementiser.
		{"The minister told reporters on Monday that fighters had been sent to Azerbaijan.", "", "", ""},
		{"The minister wrote on Tuesday that fighters had been sent to Azerbaijan.", "", "", ""},
		{"The minister said last week that fighters had been sent to Azerbaijan.", "", "", ""},
		// The content's own time stays.
		{"On Monday, the ambassador said fighters had crossed into Azerbaijan on Sunday.", "2026-01-11", "2026-01-11", claim.TimeDay},
		// A denial is dated by its telling.
		{"Turkey on Tuesday denied reports that it sent fighters to Azerbaijan.", "2026-01-13", "2026-01-13", claim.TimeDay},
		{"On Tuesday, Turkey denied that it had sent fighters to Azerbaijan.", "2026-01-13", "2026-01-13", claim.TimeDay},
		{"The foreign minister told reporters on Tuesday that none of its soldiers had crossed into Azerbaijan.", "2026-01-13", "2026-01-13", claim.TimeDay},
		// Background "since" clauses.
		{"Dozens have been killed since clashes broke out on Sunday.", "2026-01-11", "", claim.TimeOpen},
		{"Dozens have died since fighting erupted on January 4.", "2026-01-04", "", claim.TimeOpen},
		{"Twelve soldiers have been killed since fighting began nearly three weeks ago.", "", "", ""},
		// A year.
		{"Hezbollah fighters were sent to Qusayr in 2013, a commander said.", "2013-01-01", "2013-12-31", claim.TimeRange},
		{"Chadian troops have been deployed in Mali since 2013.", "2013-01-01", "", claim.TimeOpen},
		{"During 2019 Turkish soldiers crossed into Syria.", "2019-01-01", "2019-12-31", claim.TimeRange},
		// A place's apposition carries the place's history, not the claim's time.
		{"Iran has sent personnel to Crimea, a peninsula annexed by Russia in 2014, to train Russian troops.", "", "", ""},
		{"Chadian fighters crossed into Darfur, a region of Sudan at war since 2003, officials said.", "", "", ""},
		{"Rwandan soldiers moved into North Kivu, a province overrun by rebels in 2012, on Monday.", "2026-01-12", "2026-01-12", claim.TimeDay},
	} {
		src := &claim.Source{Name: "p.txt", Outlet: "Example News", Published: time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC), Text: tc.text + "\n"}
		cs := x.Extract(src)
		if len(cs) != 1 {
			t.Errorf("%q: %d claims, want 1", tc.text, len(cs))
			continue
		}
		got := cs[0].Time
		switch {
		case tc.from == "" && got != nil:
			t.Errorf("%q: time %+v, want none", tc.text, *got)
		case tc.from != "" && got == nil:
			t.Errorf("%q: no time, want %s–%s", tc.text, tc.from, tc.to)
		case tc.from != "" && (got.From != tc.from || got.To != tc.to || got.Precision != tc.prec):
			t.Errorf("%q: time %s–%s %s, want %s–%s %s", tc.text, got.From, got.To, got.Precision, tc.from, tc.to, tc.prec)
		}
	}
}
