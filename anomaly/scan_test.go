package anomaly

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/triangulate/triangulate/series"
)

func TestDensify(t *testing.T) {
	in := []series.Day{
		{Date: date("2026-01-03"), Count: 4},
		{Date: date("2026-01-01"), Count: 2},
		{Date: date("2026-01-05"), Missing: true, Count: 9}, // a gap's count is meaningless
		{Date: date("2026-01-03"), Count: 1},                // duplicates add up
	}
	got := Densify(in, time.Time{}, date("2026-01-06"))
	want := []series.Day{{Date: date("2026-01-01"), Count: 2, Missing: false}, {Date: date("2026-01-02"), Count: 0, Missing: false}, {Date: date("2026-01-03"), Count: 5, Missing: false},
		{Date: date("2026-01-04"), Count: 0, Missing: false}, {Date: date("2026-01-05"), Count: 0, Missing: true}, {Date: date("2026-01-06"), Count: 0, Missing: false}}
	if len(got) != len(want) {
		t.Fatalf("got %d days", len(got))
	}
	for i := range want {
		if !got[i].Date.Equal(want[i].Date) || got[i].Count != want[i].Count || got[i].Missing != want[i].Missing {
			t.Errorf("day %d: %+v, want %+v", i, got[i], want[i])
		}
	}
}

// A declared gap is unknown: never tested, never a drop, and left out of
// the baseline of the days after it.
func TestGapNeverDrop(t *testing.T) {
	var gap []string
	for t := date("2025-12-10"); !t.After(date("2025-12-24")); t = t.AddDate(0, 0, 1) {
		gap = append(gap, t.Format(time.DateOnly))
	}
	gap = append(gap, "2026-01-08")
	days := seedSeries(gap...)
	cfg := Config{From: date("2025-12-01"), To: date("2026-01-08"), Countries: func(series.Route) []string { return []string{"IQ", "IR"} }}
	res := ScanRoute(series.Route{Origin: "NJF", Dest: "THR"}, days, cfg)
	zeros := seedSeries()
	for i := range zeros {
		for _, g := range gap {
			if zeros[i].Date.Format(time.DateOnly) == g {
				zeros[i].Count = 0 // what a tool that reads gaps as zeros would see
			}
		}
	}
	resZero := ScanRoute(series.Route{Origin: "NJF", Dest: "THR"}, zeros, cfg)
	var gapDays, zeroDrops int
	for i, r := range res {
		if r.Missing {
			gapDays++
			if r.Tested || r.Flagged || r.Direction != "" || !strings.Contains(r.Reason, "unknown, not zero") {
				t.Errorf("gap day %s: %+v", r.Day(), r)
			}
			if z := resZero[i]; z.Tested && z.Direction == "drop" && z.PValue < 0.05 {
				zeroDrops++
			}
			continue
		}
		if r.Flagged && r.Direction == "drop" {
			t.Errorf("drop alarm on %s", r.Day())
		}
		// Days after the gap: the baseline is the 4-5 a day seen, not dragged down by zeros.
		if r.Tested && r.Date.After(date("2025-12-31")) && (r.Expected < 4 || r.Expected > 5) {
			t.Errorf("%s: expected %.2f after a gap; the gap leaked into the fit", r.Day(), r.Expected)
		}
		if r.Tested && r.Observable >= 1 && r.Date.After(date("2025-12-31")) {
			t.Errorf("%s: observable %.2f, but its fit window holds the gap", r.Day(), r.Observable)
		}
	}
	if gapDays != len(gap) {
		t.Errorf("%d gap results, want %d", gapDays, len(gap))
	}
	if zeroDrops == 0 {
		t.Errorf("control: reading the gap as zeros should have given significant drops")
	}
	// The surge on 7 January is still found.
	for _, r := range res {
		if r.Day() == "2026-01-07" && (!r.Flagged || r.Direction != "surge") {
			t.Errorf("7 January: %+v", r)
		}
	}
	// JSON line of a gap: observed null, no p-value.
	for _, r := range res {
		if r.Day() == "2026-01-08" {
			b, _ := json.Marshal(r)
			for _, want := range []string{`"observed":null`, `"p_value":null`, `"missing":true`, `"route":"NJF-THR"`} {
				if !bytes.Contains(b, []byte(want)) {
					t.Errorf("gap JSON lacks %s: %s", want, b)
				}
			}
		}
	}
}

// A day where the whole dataset collapses is lost coverage, not a drop on every route.
func TestLostCoverage(t *testing.T) {
	byRoute := map[series.Route][]series.Day{}
	for i := range 30 {
		r := series.Route{Origin: "A" + string(rune('A'+i)), Dest: "ZZZ"}
		pattern := []int{8, 9, 10, 9, 8, 7, 9}
		for d, t := 0, date("2001-01-01"); !t.After(date("2001-04-01")); d, t = d+1, t.AddDate(0, 0, 1) {
			c := pattern[d%7]
			if t.Equal(date("2001-04-01")) {
				c = 0 // the file's last partial day
				if i == 0 {
					c = 1
				}
			}
			if c > 0 {
				byRoute[r] = append(byRoute[r], series.Day{Date: t, Count: c})
			}
		}
	}
	for _, r := range Scan(listOf(byRoute), Config{}) {
		if r.Day() == "2001-04-01" && (!r.Missing || r.Flagged) {
			t.Fatalf("partial last day: %+v", r)
		}
	}
}

func TestScanSkipsSparse(t *testing.T) {
	var days []series.Day
	for t := date("2001-01-01"); !t.After(date("2001-03-31")); t = t.AddDate(0, 0, 30) {
		days = append(days, series.Day{Date: t, Count: 1})
	}
	res := ScanRoute(series.Route{Origin: "XXX", Dest: "YYY"}, days, Config{TestDays: 5})
	if len(res) != 5 {
		t.Fatalf("%d results", len(res))
	}
	for _, r := range res {
		if r.Tested || !strings.HasPrefix(r.Reason, "sparse route") {
			t.Errorf("%+v", r)
		}
	}
}

func TestChartDeterministic(t *testing.T) {
	days := seedSeries("2026-01-08")
	cfg := Config{From: date("2025-12-15"), To: date("2026-01-08"), Countries: func(series.Route) []string { return []string{"IQ", "IR"} }}
	res := ScanRoute(series.Route{Origin: "NJF", Dest: "THR"}, days, cfg)
	window := Densify(days, date("2025-12-15"), date("2026-01-08"))
	obs := DefaultConfig().Calendar.Observances(date("2025-12-15"), date("2026-01-08"), "IQ", "IR")
	var a, b bytes.Buffer
	chart := Chart{Title: "NJF-THR <flights>", Days: window, Results: res, Observances: obs}
	if err := ChartSVG(&a, chart); err != nil {
		t.Fatal(err)
	}
	if err := ChartSVG(&b, chart); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("chart output differs between runs")
	}
	svg := a.String()
	for _, want := range []string{"<svg", "NJF-THR &lt;flights&gt;", "no coverage 2026-01-08..2026-01-08", "#d62728", "Birth of Imam Ali", "<polygon", "</svg>"} {
		if !strings.Contains(svg, want) {
			t.Errorf("SVG lacks %q", want)
		}
	}
	if spark := series.Sparkline(window); !strings.HasSuffix(spark, "█·") || len([]rune(spark)) != len(window) {
		t.Errorf("sparkline %q", spark)
	}
}

// listOf turns a map of days by route into the series Scan takes.
func listOf(m map[series.Route][]series.Day) []series.Series {
	out := make([]series.Series, 0, len(m))
	for r, days := range m {
		out = append(out, series.Series{Route: r, Days: days})
	}
	return out
}
