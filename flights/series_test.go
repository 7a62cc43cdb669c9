package flights

import (
	"testing"

	"github.com/triangulate/triangulate/internal/shared"
)

// testSeries: a busy route A→B (100 a day) over 2024-01-01..2024-01-20,
// a quiet route C→D with flights only on 2024-01-03, and an outage on
// 2024-01-10 when the whole dataset saw 4 flights.
func testSeries(t *testing.T) *Series {
	s := NewSeries()
	first := mustDay(t, "2024-01-01")
	for i := range 20 {
		n := 100
		if i == 9 {
			n = 4
		}
		s.Add("A", "B", first+Day(i), n)
	}
	s.Add("C", "D", first+2, 3)
	return s
}

func TestCoverageGapsAreNeverZero(t *testing.T) {
	s := testSeries(t)
	cov, ok := s.Coverage(CoverageOptions{Infer: true, Gaps: []DayRange{mustRange(t, "2024-01-15"), mustRange(t, "2024-01-21..2024-01-22")}})
	if !ok {
		t.Fatal("no coverage")
	}
	if cov.Span.String() != "2024-01-01..2024-01-22" {
		t.Errorf("span %s: declared gaps after the data must extend it", cov.Span)
	}
	if len(cov.Inferred) != 1 || cov.Inferred[0].String() != "2024-01-10" {
		t.Errorf("inferred %v, want the 2024-01-10 collapse", cov.Inferred)
	}
	rows := flat(s.PerRoute(cov))
	if len(rows) != 2*22 {
		t.Fatalf("%d rows, want 44 (2 routes × 22 days)", len(rows))
	}
	missing := map[string]bool{"2024-01-10": true, "2024-01-15": true, "2024-01-21": true, "2024-01-22": true}
	for _, r := range rows {
		if r.Missing != missing[r.Day] {
			t.Errorf("%s-%s %s missing=%v", r.Origin, r.Dest, r.Day, r.Missing)
		}
		if r.Missing && r.Count != 0 {
			t.Errorf("missing day with a count: %+v", r)
		}
	}
	// C→D: a true zero on covered days, its 3 flights on the 3rd.
	for _, r := range rows {
		if r.Origin != "C" || r.Missing {
			continue
		}
		want := 0
		if r.Day == "2024-01-03" {
			want = 3
		}
		if r.Count != want {
			t.Errorf("C-D %s = %d, want %d", r.Day, r.Count, want)
		}
	}
	// Without inference the collapse is a (low) count, not a gap.
	cov, _ = s.Coverage(CoverageOptions{})
	if cov.MissingDays() != 0 || flat(s.PerRoute(cov))[9].Count != 4 {
		t.Errorf("without inference: %d missing", cov.MissingDays())
	}
}

func TestInferGapsTolerateHolidays(t *testing.T) {
	// A holiday at half the usual traffic is a real dip, not an outage.
	totals := []int64{100, 98, 102, 99, 101, 100, 97, 50, 100, 101, 99, 0, 100}
	got := inferGaps(totals, make([]bool, len(totals)), 0.2, 14)
	for i, g := range got {
		if g != (i == 11) {
			t.Errorf("day %d (total %d) inferred missing = %v", i, totals[i], g)
		}
	}
}

func TestParseGroupAndDayRange(t *testing.T) {
	g := Groups{}
	if err := g.Parse("tehran=THR, ika"); err != nil || g["IKA"] != "TEHRAN" || g["THR"] != "TEHRAN" {
		t.Errorf("groups %v, err %v", g, err)
	}
	if err := g.Parse("OTHER=IKA"); err == nil {
		t.Error("an airport in two groups was accepted")
	}
	for _, bad := range []string{"NOEQUALS", "=THR", "X="} {
		if err := (Groups{}).Parse(bad); err == nil {
			t.Errorf("group %q accepted", bad)
		}
	}
	if _, err := ParseDayRange("2024-01-05..2024-01-01"); err == nil {
		t.Error("backwards range accepted")
	}
	if r, err := ParseDayRange("2024-02-28..2024-03-01"); err != nil || r.Days() != 3 {
		t.Errorf("leap-year range %v days, err %v", r.Days(), err)
	}
}

// Groups and ICAO→IATA normalisation work the same on the columnar fast path.
func TestCountParquetBTSGroups(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 3M rows twice")
	}
	path := shared.Path(t, "data", "flights-3m.parquet")
	plain, _, err := CountParquetBTS(path, CountOptions{})
	if err != nil {
		t.Fatal(err)
	}
	g := Groups{}
	if err := g.Parse("NYC=JFK,LGA,EWR"); err != nil {
		t.Fatal(err)
	}
	grouped, _, err := CountParquetBTS(path, CountOptions{Groups: g, Airports: testAirports(t), Normalize: true})
	if err != nil {
		t.Fatal(err)
	}
	if plain.Flights() != grouped.Flights() {
		t.Fatalf("flights %d vs %d", plain.Flights(), grouped.Flights())
	}
	day := mustDay(t, "2001-03-15")
	sum := 0
	for _, m := range []string{"JFK", "LGA", "EWR"} {
		sum += plain.Count("ATL", m, day)
	}
	if got := grouped.Count("ATL", "NYC", day); got != sum || sum == 0 {
		t.Errorf("ATL→NYC = %d, members sum to %d", got, sum)
	}
}
