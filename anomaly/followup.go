package anomaly

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/triangulate/triangulate/calendar"
	"github.com/triangulate/triangulate/series"
)

// Follow-up kinds: the tests an analyst runs next to tell a claimed cause
// of a rise from a calendar one.
const (
	// FollowEarlierYear: the same days after the same observance in an
	// earlier year. A rise then too points to the observance.
	FollowEarlierYear = "earlier-year"
	// FollowInbound: the reverse route in the week before the observance.
	// Pilgrims fly in before it and home after it.
	FollowInbound = "inbound-before"
	// FollowOtherRoutes: the other routes out of the origin in the claim's
	// window. A return of pilgrims lifts every route home; a movement of
	// forces concentrates on a few destinations.
	FollowOtherRoutes = "other-routes"
)

// FollowUp is one next test, run on the loaded data when it covers it.
type FollowUp struct {
	Kind       string   `json:"kind"`
	Question   string   `json:"question"`
	Route      string   `json:"route"`
	From       string   `json:"from"`
	To         string   `json:"to"`
	Ran        bool     `json:"ran"` // false: the data does not cover it (see Finding)
	Observed   int      `json:"observed"`
	Expected   float64  `json:"expected"`
	PValue     *float64 `json:"p_value"`    // upper tail of the window's sum under the baseline
	Observable float64  `json:"observable"` // observed fraction of the window
	Rose       bool     `json:"rose"`       // PValue below the test level
	Finding    string   `json:"finding"`
}

// FollowUps runs the next tests of a check on series (every route loaded:
// the checked one, its reverse, the others out of its origin). For each
// major observance near the window it tests the same offset after the
// same observance in earlier years, and the reverse route in the week
// before the observance; when there are observances at all, it tests the
// other routes out of the origin in the claim's window. Tests the data does
// not cover are returned with Ran false and say so: an analyst should know
// which questions remain open.
func FollowUps(ss []series.Series, res CheckResult, cfg Config) []FollowUp {
	cfg = cfg.withDefaults()
	byRoute := make(map[series.Route][]series.Day, len(ss))
	for _, s := range ss {
		byRoute[s.Route] = append(byRoute[s.Route], s.Days...)
	}
	c := res.Check
	route := series.Route{Origin: c.Origin, Dest: c.Dest}
	var out []FollowUp
	done := map[string]bool{} // observance names already followed up
	for _, o := range res.Observances {
		if !o.Major || done[o.Name] {
			continue
		}
		done[o.Name] = true
		shift := func(p time.Time) (time.Time, time.Time) {
			return p.Add(c.From.Sub(o.Date)), p.Add(c.To.Sub(o.Date))
		}
		for _, p := range earlier(cfg.Calendar, o, c.Countries) {
			from, to := shift(p.Date)
			out = append(out, windowTest(byRoute[route], FollowUp{
				Kind:     FollowEarlierYear,
				Question: fmt.Sprintf("Did %s rise as much after %s in %d (%s)?", route, o.Name, p.Date.Year(), p.Day()),
				Route:    route.String(),
			}, from, to, cfg, c.Countries))
		}
		back := series.Route{Origin: c.Dest, Dest: c.Origin}
		out = append(out, windowTest(byRoute[back], FollowUp{
			Kind:     FollowInbound,
			Question: fmt.Sprintf("Did flights into %s (%s) rise in the week before %s (%s)?", c.Origin, back, o.Name, o.Day()),
			Route:    back.String(),
		}, o.Date.AddDate(0, 0, -7), o.Date.AddDate(0, 0, -1), cfg, c.Countries))
	}
	if len(res.Observances) > 0 {
		var others []series.Route
		for r := range byRoute {
			if r.Origin == c.Origin && r.Dest != c.Dest {
				others = append(others, r)
			}
		}
		slices.SortFunc(others, func(a, b series.Route) int { return strings.Compare(a.String(), b.String()) })
		for _, r := range others {
			out = append(out, windowTest(byRoute[r], FollowUp{
				Kind:     FollowOtherRoutes,
				Question: fmt.Sprintf("Did %s, another route out of %s, rise in the same window?", r, c.Origin),
				Route:    r.String(),
			}, c.From, c.To, cfg, c.Countries))
		}
	}
	return out
}

// earlier returns the occurrences of o in the three years before it.
func earlier(cal *calendar.Calendar, o calendar.Observance, countries []string) []calendar.Observance {
	var out []calendar.Observance
	for _, p := range cal.Observances(o.Date.AddDate(-3, 0, -20), o.Date.AddDate(0, 0, -300), countries...) {
		if p.Name == o.Name && !slices.ContainsFunc(out, func(q calendar.Observance) bool { return q.Date.Year() == p.Date.Year() }) {
			out = append(out, p)
		}
	}
	return out
}

// windowTest tests whether days rose over [from, to] against a baseline
// fitted before from, as a check's "over the window" reading does.
func windowTest(days []series.Day, f FollowUp, from, to time.Time, cfg Config, countries []string) FollowUp {
	from, to = calendar.Truncate(from), calendar.Truncate(to)
	f.From, f.To = from.Format(time.DateOnly), to.Format(time.DateOnly)
	if len(days) == 0 {
		f.Finding = "not run: no flights of this route are loaded"
		return f
	}
	dense := Densify(days, time.Time{}, time.Time{})
	first, last := dense[0].Date, dense[len(dense)-1].Date
	if to.Before(first) || from.After(last) {
		f.Finding = fmt.Sprintf("not run: the loaded data covers %s to %s only", first.Format(time.DateOnly), last.Format(time.DateOnly))
		return f
	}
	b, err := FitBaseline(dense, from, cfg, countries...)
	if err != nil {
		f.Finding = fmt.Sprintf("not run: no baseline before %s (%v)", f.From, err)
		return f
	}
	var obs []Dist
	n := 0
	for t := from; !t.After(to); t = t.AddDate(0, 0, 1) {
		n++
		i := int(t.Sub(first).Hours() / 24)
		if i < 0 || i >= len(dense) || dense[i].Missing {
			continue // a gap: unknown, left out of the sum
		}
		f.Observed += dense[i].Count
		d := b.Predict(t)
		f.Expected += d.Mu
		obs = append(obs, d)
	}
	f.Expected = round(f.Expected, 2)
	f.Observable = round(float64(len(obs))/float64(n), 3)
	if len(obs) == 0 {
		f.Finding = "not run: every day of the window is a gap in the data"
		return f
	}
	f.Ran = true
	f.PValue = ptr(SumSurvival(obs, f.Observed))
	f.Rose = *f.PValue < cfg.Alpha
	verb := "no rise"
	if f.Rose {
		verb = "rose"
	}
	f.Finding = fmt.Sprintf("%s: %d flights against %.1f expected (p = %.2g)", verb, f.Observed, f.Expected, *f.PValue)
	if f.Observable < 1 {
		f.Finding += fmt.Sprintf(", %.0f%% of the window observed", 100*f.Observable)
	}
	return f
}
