package extract_test

import (
	"testing"
	"time"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/extract"
)

func TestParseNumber(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		ok   bool
	}{
		{"2,000", 2000, true},
		{"5,000", 5000, true},
		{"15", 15, true},
		{"1.5 million", 1.5e6, true},
		{"four", 4, true},
		{"twenty-five", 25, true},
		{"twenty five", 25, true},
		{"two hundred", 200, true},
		{"two hundred and fifty", 250, true},
		{"three thousand", 3000, true},
		{"a dozen", 12, true},
		{"a hundred", 100, true},
		{"1,5", 0, false},
		{"four and five", 0, false}, // two numbers, not one
		{"fighters", 0, false},
		{"", 0, false},
	}
	for _, tt := range tests {
		got, ok := extract.ParseNumber(tt.in)
		if ok != tt.ok || got != tt.want {
			t.Errorf("ParseNumber(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestParseTime(t *testing.T) {
	pub := time.Date(2026, 1, 14, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		in             string
		from, to       string
		prec           claim.TimePrecision
		none           bool
		publishedFirst bool
	}{
		{in: "on January 4", from: "2026-01-04", to: "2026-01-04", prec: claim.TimeDay},
		{in: "on January 7 and 8", from: "2026-01-07", to: "2026-01-08", prec: claim.TimeRange},
		{in: "between January 8 and January 13", from: "2026-01-08", to: "2026-01-13", prec: claim.TimeRange},
		{in: "from January 4 to January 8", from: "2026-01-04", to: "2026-01-08", prec: claim.TimeRange},
		{in: "began on January 4 and continued until January 8", from: "2026-01-04", to: "2026-01-08", prec: claim.TimeRange},
		{in: "since January 6", from: "2026-01-06", prec: claim.TimeOpen},
		{in: "resumed on January 10 and has continued since", from: "2026-01-10", prec: claim.TimeOpen},
		{in: "by January 11", to: "2026-01-11", prec: claim.TimeOpen},
		{in: "January 4-8", from: "2026-01-04", to: "2026-01-08", prec: claim.TimeRange},
		{in: "4 January 2026", from: "2026-01-04", to: "2026-01-04", prec: claim.TimeDay},
		{in: "on June 22, 2023", from: "2023-06-22", to: "2023-06-22", prec: claim.TimeDay},
		{in: "in December", from: "2025-12-01", to: "2025-12-31", prec: claim.TimeMonth},
		{in: "on December 30", from: "2025-12-30", to: "2025-12-30", prec: claim.TimeDay},
		{in: "yesterday", from: "2026-01-13", to: "2026-01-13", prec: claim.TimeDay},
		{in: "on Monday", from: "2026-01-12", to: "2026-01-12", prec: claim.TimeDay},
		{in: "nearly three weeks ago", from: "2025-12-24", to: "2025-12-24", prec: claim.TimeApproximate},
		{in: "two days ago", from: "2026-01-12", to: "2026-01-12", prec: claim.TimeDay},
		{in: "in late December", from: "2025-12-21", to: "2025-12-31", prec: claim.TimeApproximate},
		{in: "in early January", from: "2026-01-01", to: "2026-01-10", prec: claim.TimeApproximate},
		{in: "in mid-December", from: "2025-12-11", to: "2025-12-20", prec: claim.TimeApproximate},
		{in: "last week", from: "2026-01-05", to: "2026-01-11", prec: claim.TimeApproximate},
		{in: "earlier this month", from: "2026-01-01", to: "2026-01-13", prec: claim.TimeApproximate},
		{in: "last month", from: "2025-12-01", to: "2025-12-31", prec: claim.TimeMonth},
		{in: "in the first week of January", from: "2026-01-01", to: "2026-01-07", prec: claim.TimeApproximate},
		{in: "in the days after January 2", from: "2026-01-03", prec: claim.TimeOpen},
		{in: "Jan. 4: First PMF units cross into Iran", from: "2026-01-04", to: "2026-01-04", prec: claim.TimeDay},
		{in: "in the last week of December", from: "2025-12-25", to: "2025-12-31", prec: claim.TimeApproximate},
		{in: "in March", from: "2025-03-01", to: "2025-03-31", prec: claim.TimeMonth},
		{in: "during May", from: "2025-05-01", to: "2025-05-31", prec: claim.TimeMonth},
		{in: "in 2013", from: "2013-01-01", to: "2013-12-31", prec: claim.TimeRange},
		{in: "during 2019", from: "2019-01-01", to: "2019-12-31", prec: claim.TimeRange},
		{in: "since 2014", from: "2014-01-01", prec: claim.TimeOpen},
		{in: "in 2000 fighters", none: true},
		// The times of a background event are not the claim's.
		{in: "since violent protests began nearly three weeks ago", none: true},
		{in: "in recent weeks", none: true},
		{in: "on February 30", none: true},
		{in: "2,000 fighters", none: true},
	}
	for _, tt := range tests {
		ts := extract.ParseTime(tt.in, pub)
		if tt.none {
			if ts != nil {
				t.Errorf("ParseTime(%q) = %+v, want none", tt.in, *ts)
			}
			continue
		}
		if ts == nil {
			t.Errorf("ParseTime(%q) = nil", tt.in)
			continue
		}
		if ts.From != tt.from || ts.To != tt.to || ts.Precision != tt.prec {
			t.Errorf("ParseTime(%q) = %s..%s %s; want %s..%s %s", tt.in, ts.From, ts.To, ts.Precision, tt.from, tt.to, tt.prec)
		}
		if err := ts.Validate(); err != nil {
			t.Errorf("ParseTime(%q): %v", tt.in, err)
		}
	}
	// Without a publication date, only dates with a year resolve.
	if ts := extract.ParseTime("on January 4", time.Time{}); ts != nil {
		t.Errorf("no publication date: got %+v", *ts)
	}
	if ts := extract.ParseTime("on 4 January 2026", time.Time{}); ts == nil || ts.From != "2026-01-04" {
		t.Errorf("explicit year without publication date: got %+v", ts)
	}
}

// The scorer's unit families are the reference scorer's: what the
// evaluation counts as the same figure.
func TestScoreUnitFamily(t *testing.T) {
	for _, tt := range [][2]string{
		{"Syrian fighters", "fighters"}, {"troops", "fighters"}, {"soldiers per unit", "fighters"},
		{"people killed", "killed"}, {"deaths", "killed"}, {"flights per day", "flight"},
		{"USD per month", "money"}, {"wounded", "wounded"}, {"buses", "buses"}, {"arrests", "arrested"},
	} {
		if got := extract.ScoreUnitFamily(tt[0]); got != tt[1] {
			t.Errorf("ScoreUnitFamily(%q) = %q, want %q", tt[0], got, tt[1])
		}
	}
}
