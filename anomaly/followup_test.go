package anomaly

import (
	"strings"
	"testing"
	"time"

	"github.com/triangulate/triangulate/calendar"
	"github.com/triangulate/triangulate/series"
)

// flat is a route with four or five flights a day from..to; bump adds
// extra flights on the given days.
func flat(from, to time.Time, bump map[string]int) []series.Day {
	pattern := []int{4, 5, 4, 5, 5, 4, 5, 4, 4, 5, 5, 4, 4, 5}
	var days []series.Day
	for i, t := 0, from; !t.After(to); i, t = i+1, t.AddDate(0, 0, 1) {
		days = append(days, series.Day{Date: t, Count: pattern[i%len(pattern)] + bump[t.Format(time.DateOnly)]})
	}
	return days
}

// TestFollowUpsSeed: the seed's surge on NJF-THR, 7–8 January 2026, with
// 13 Rajab 1447 five days before it. The follow-ups find the same rise
// after 13 Rajab 1446 a year earlier, the inbound rise before the
// observance, and that the other route out of Najaf did not rise.
func TestFollowUpsSeed(t *testing.T) {
	chk := seedCheck()
	cal := calendar.Default()
	var rajab, prev calendar.Observance
	for _, o := range cal.Observances(date("2024-12-01"), date("2026-01-08"), chk.Countries...) {
		if strings.Contains(o.Name, "Imam Ali") && o.Major {
			if o.Date.Year() == 2026 || o.Date.Month() == time.December && o.Date.Year() == 2025 {
				if rajab.Date.IsZero() {
					rajab = o
				}
			} else if prev.Date.IsZero() {
				prev = o
			}
		}
	}
	if rajab.Date.IsZero() || prev.Date.IsZero() {
		t.Fatalf("13 Rajab not found in the calendar: %+v %+v", rajab, prev)
	}
	offset := chk.From.Sub(rajab.Date)
	start, end := date("2024-09-01"), date("2026-01-08")
	bump := map[string]int{"2026-01-07": 11, "2026-01-08": 10}
	// A year earlier: the same days after the observance rose too.
	for d := prev.Date.Add(offset); !d.After(prev.Date.Add(offset).AddDate(0, 0, 1)); d = d.AddDate(0, 0, 1) {
		bump[d.Format(time.DateOnly)] = 10
	}
	inbound := map[string]int{}
	for d := rajab.Date.AddDate(0, 0, -6); d.Before(rajab.Date); d = d.AddDate(0, 0, 1) {
		inbound[d.Format(time.DateOnly)] = 6
	}
	byRoute := map[series.Route][]series.Day{
		{Origin: "NJF", Dest: "THR"}: flat(start, end, bump),
		{Origin: "THR", Dest: "NJF"}: flat(start, end, inbound),
		{Origin: "NJF", Dest: "MHD"}: flat(start, end, nil),
	}
	res := TestWindow(byRoute[series.Route{Origin: "NJF", Dest: "THR"}], chk, Config{})
	res.RunFollowUps(listOf(byRoute), Config{})
	got := map[string]FollowUp{}
	for _, f := range res.FollowUps {
		t.Logf("%s %s %s..%s: %s", f.Kind, f.Route, f.From, f.To, f.Finding)
		if _, ok := got[f.Kind]; !ok || f.Ran {
			got[f.Kind] = f
		}
	}
	if f := got[FollowEarlierYear]; !f.Ran || !f.Rose || f.Route != "NJF-THR" || f.From != prev.Date.Add(offset).Format(time.DateOnly) {
		t.Errorf("earlier year: %+v", f)
	}
	if f := got[FollowInbound]; !f.Ran || !f.Rose || f.Route != "THR-NJF" {
		t.Errorf("inbound before the observance: %+v", f)
	}
	if f := got[FollowOtherRoutes]; !f.Ran || f.Rose || f.Route != "NJF-MHD" || f.PValue == nil || *f.PValue < 0.05 {
		t.Errorf("other routes: %+v", f)
	}
	if !strings.Contains(res.Summary, "0 of 1 other routes out of NJF rose") {
		t.Errorf("summary does not report the follow-ups: %s", res.Summary)
	}
	sig := res.Signal("", time.Unix(0, 0))
	if fs, ok := sig.Details["follow_ups"].([]FollowUp); !ok || len(fs) != len(res.FollowUps) {
		t.Errorf("signal details carry %T, want the follow-ups", sig.Details["follow_ups"])
	}
}

// TestFollowUpsNoData: without earlier years or the reverse route the
// follow-ups say they were not run, and why — never a silent "no rise".
func TestFollowUpsNoData(t *testing.T) {
	chk := seedCheck()
	byRoute := map[series.Route][]series.Day{{Origin: "NJF", Dest: "THR"}: seedSeries()}
	res := TestWindow(byRoute[series.Route{Origin: "NJF", Dest: "THR"}], chk, Config{})
	res.RunFollowUps(listOf(byRoute), Config{})
	if len(res.FollowUps) == 0 {
		t.Fatal("no follow-ups for a window with a major observance")
	}
	for _, f := range res.FollowUps {
		if f.Ran || f.Rose || !strings.HasPrefix(f.Finding, "not run: ") {
			t.Errorf("%s %s: ran %v rose %v, %q", f.Kind, f.Route, f.Ran, f.Rose, f.Finding)
		}
	}
}
