package anomaly

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/series"
)

func date(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// seedSeries reproduces the seed report's numbers on NJF-THR: about ten
// weeks of four or five flights a day, then 15 a day on 7 and 8 January
// 2026. gap lists days without coverage.
func seedSeries(gap ...string) []series.Day {
	pattern := []int{4, 5, 4, 5, 5, 4, 5, 4, 4, 5, 5, 4, 4, 5}
	var days []series.Day
	start := date("2025-10-25")
	for i, t := 0, start; !t.After(date("2026-01-08")); i, t = i+1, t.AddDate(0, 0, 1) {
		d := series.Day{Date: t, Count: pattern[i%len(pattern)]}
		switch t.Format(time.DateOnly) {
		case "2026-01-07", "2026-01-08":
			d.Count = 15
		}
		for _, g := range gap {
			if t.Format(time.DateOnly) == g {
				d.Missing, d.Count = true, 0
			}
		}
		days = append(days, d)
	}
	return days
}

func seedCheck() Check {
	return Check{Origin: "NJF", Dest: "THR", From: date("2026-01-07"), To: date("2026-01-08"),
		AtLeast: 15, NormalLo: 4, NormalHi: 5, Countries: []string{"IQ", "IR"}}
}

func TestCheckSeedSupported(t *testing.T) {
	res := TestWindow(seedSeries(), seedCheck(), Config{})
	t.Logf("%s", res.Summary)
	for _, r := range res.Readings {
		t.Logf("  %s: %s p=%.3g p_claim=%.3g — %s", r.Name, r.Verdict, *r.PValue, *r.PClaim, r.Why)
	}
	t.Logf("  baseline: %s; %s", res.Baseline, res.Normal)
	if res.Verdict != claim.Supported {
		t.Fatalf("verdict %s, want supported", res.Verdict)
	}
	if res.PValue == nil || *res.PValue > 1e-6 {
		t.Fatalf("p-value %v, want < 1e-6 for 15+15 against 4-5 a day", res.PValue)
	}
	if !strings.HasPrefix(res.Baseline, "fitted") || res.Observable != 1 {
		t.Errorf("baseline %q observable %v", res.Baseline, res.Observable)
	}
	if !strings.Contains(res.Normal, "consistent with") || strings.Contains(res.Normal, "inconsistent") {
		t.Errorf("claimed normal 4-5 should match the data: %s", res.Normal)
	}
	if len(res.Readings) != 2 || res.Readings[0].Name != "per day" || res.Readings[1].Name != "over the window" {
		t.Fatalf("readings: %+v", res.Readings)
	}
	// The two readings of the claimed figure differ by orders of magnitude:
	// 15 on each day versus 15 over both days.
	perDay, window := *res.Readings[0].PClaim, *res.Readings[1].PClaim
	if window/perDay < 1e3 {
		t.Errorf("claimed-figure p-values: per day %g, over the window %g; want orders of magnitude apart", perDay, window)
	}
	// The conservative p-value is the larger of the supported readings'.
	if *res.PValue != max(*res.Readings[0].PValue, *res.Readings[1].PValue) {
		t.Errorf("p %g is not the more conservative reading's", *res.PValue)
	}
}

func TestCheckSeedCalendar(t *testing.T) {
	res := TestWindow(seedSeries(), seedCheck(), Config{})
	var found bool
	for _, o := range res.Observances {
		if o.Name == "Birth of Imam Ali (13 Rajab)" && o.Day() == "2026-01-02" {
			found = true
		}
	}
	if !found {
		t.Fatalf("13 Rajab 1447 (2026-01-02) not surfaced; observances: %v", res.Observances)
	}
	cal := strings.Join(res.Calendar, "\n")
	for _, want := range []string{"13 Rajab 1447", "5 days before the window", "2026-01-01..2026-01-03", "alternative explanation"} {
		if !strings.Contains(cal, want) {
			t.Errorf("calendar text lacks %q:\n%s", want, cal)
		}
	}
	next := strings.Join(res.NextTests, "\n")
	// Earlier years' 13 Rajab (1446 = 2025-01-13 by Umm al-Qura) and flights TO Najaf.
	for _, want := range []string{"2025-01-13", "earlier years", "flights TO NJF", "THR-NJF"} {
		if !strings.Contains(next, want) {
			t.Errorf("next tests lack %q:\n%s", want, next)
		}
	}
	if !strings.Contains(res.Summary, "major observance") {
		t.Errorf("summary does not mention the observance: %s", res.Summary)
	}
}

func TestCheckSurgeInGap(t *testing.T) {
	res := TestWindow(seedSeries("2026-01-07", "2026-01-08"), seedCheck(), Config{})
	if res.Verdict != claim.Untestable || res.Observable != 0 || res.PValue != nil {
		t.Fatalf("surge days in a gap: verdict %s observable %v p %v, want untestable", res.Verdict, res.Observable, res.PValue)
	}
	for _, r := range res.Readings {
		if r.Verdict != claim.Untestable {
			t.Errorf("%s: %s, want untestable", r.Name, r.Verdict)
		}
	}
	if !strings.Contains(strings.Join(res.NextTests, " "), "gap days (2026-01-07, 2026-01-08)") {
		t.Errorf("next tests should ask for coverage of the gap: %v", res.NextTests)
	}
	// One of the two days in the gap (the seed's own situation: no data from 8 January).
	half := TestWindow(seedSeries("2026-01-08"), seedCheck(), Config{})
	if half.Observable != 0.5 || half.Readings[0].Verdict != claim.Supported || half.Readings[1].Verdict != claim.Supported {
		t.Errorf("one gap day: observable %v, readings %+v", half.Observable, half.Readings)
	}
}

func TestCheckContradicted(t *testing.T) {
	days := seedSeries()
	for i := range days {
		if days[i].Date.Equal(date("2026-01-07")) || days[i].Date.Equal(date("2026-01-08")) {
			days[i].Count = 5
		}
	}
	res := TestWindow(days, seedCheck(), Config{})
	if res.Verdict != claim.Contradicted {
		t.Fatalf("5 and 5 against 'at least 15': %s", res.Verdict)
	}
	// Over the window 10 < 15 as well.
	if res.Readings[1].Verdict != claim.Contradicted {
		t.Errorf("window reading: %+v", res.Readings[1])
	}
}

func TestCheckClaimedNormalOnly(t *testing.T) {
	// No history: only the surge days are known; the baseline is the claim's own normal.
	var days []series.Day
	for _, d := range seedSeries() {
		if !d.Date.Before(date("2026-01-07")) {
			days = append(days, d)
		}
	}
	res := TestWindow(days, seedCheck(), Config{})
	if res.Verdict != claim.Supported || !strings.HasPrefix(res.Baseline, "the claim's own normal") {
		t.Fatalf("verdict %s baseline %q", res.Verdict, res.Baseline)
	}
	if res.PValue == nil || *res.PValue > 1e-6 {
		t.Errorf("p %v", res.PValue)
	}
}

func TestCheckIncrease(t *testing.T) {
	// NJF-MHD-like: about 3 a day, then +2 a day for two weeks.
	pattern := []int{3, 2, 4, 3, 3, 2, 3, 4, 3, 2}
	var days []series.Day
	for i, t := 0, date("2025-10-20"); !t.After(date("2026-01-19")); i, t = i+1, t.AddDate(0, 0, 1) {
		c := pattern[i%len(pattern)]
		if !t.Before(date("2026-01-06")) {
			c += 2
		}
		days = append(days, series.Day{Date: t, Count: c})
	}
	c := Check{Origin: "NJF", Dest: "MHD", From: date("2026-01-06"), To: date("2026-01-19"), Increase: 2}
	res := TestWindow(days, c, Config{})
	if len(res.Readings) != 1 || res.Readings[0].Verdict != claim.Supported {
		t.Fatalf("increase reading: %+v", res.Readings)
	}
	c.Increase = 8
	if res := TestWindow(days, c, Config{}); res.Readings[0].Verdict != claim.Contradicted {
		t.Errorf("+8 a day claimed, +2 observed: %+v", res.Readings[0])
	}
	// The count CUSUM picks up the sustained +2 that no single day shows.
	dense := Densify(days, time.Time{}, time.Time{})
	b, err := FitBaseline(dense, c.From, Config{})
	if err != nil {
		t.Fatal(err)
	}
	var base []Dist
	var window []series.Day
	for _, d := range dense {
		if !d.Date.Before(c.From) {
			window = append(window, d)
			base = append(base, b.Predict(d.Date))
		}
	}
	pts := CUSUM(window, base, 2, DefaultConfig().CUSUMH)
	if !pts[len(pts)-1].Alarm {
		t.Errorf("CUSUM after two weeks of +2 a day: %+v", pts[len(pts)-1])
	}
	// Before the shift the CUSUM stays quiet.
	var pre []series.Day
	var preBase []Dist
	for _, d := range dense {
		if d.Date.Before(c.From) && !d.Date.Before(date("2025-12-20")) {
			pre = append(pre, d)
			preBase = append(preBase, b.Predict(d.Date))
		}
	}
	for _, p := range CUSUM(pre, preBase, 2, DefaultConfig().CUSUMH) {
		if p.Alarm {
			t.Errorf("CUSUM alarm before the shift: %+v", p)
		}
	}
}

func TestSignal(t *testing.T) {
	res := TestWindow(seedSeries(), seedCheck(), Config{})
	now := date("2026-01-20")
	s := res.Signal("000-14", now)
	if s.Kind != "flight-check" || s.Subject != "NJF-THR" || s.ClaimID != "000-14" || s.Verdict != claim.Supported ||
		s.PValue != *res.PValue || s.From != "2026-01-07" || s.To != "2026-01-08" {
		t.Fatalf("signal: %+v", s)
	}
	if s2 := TestWindow(seedSeries(), seedCheck(), Config{}).Signal("000-14", now); s2.ID != s.ID {
		t.Errorf("signal id not stable: %s vs %s", s.ID, s2.ID)
	}
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"readings"`, `"per day"`, `"over the window"`, `"observable":1`, `"13 Rajab 1447 AH"`, `"next_tests"`} {
		if !bytes.Contains(b, []byte(want)) {
			t.Errorf("signal JSON lacks %s", want)
		}
	}
}
