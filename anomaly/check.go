package anomaly

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/triangulate/triangulate/calendar"
	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/series"
)

// Baseline is the expected daily count after a trailing window: fitted to
// the series, or taken from a claim's own "normal" when there is no history.
type Baseline struct {
	Source     string // "fitted" or "claimed normal"
	FitFrom    time.Time
	FitTo      time.Time
	FitDays    int     // observed non-holiday days that carried the fit
	Observable float64 // observed fraction of the fit window
	Dispersion float64
	Trend      bool
	ref        time.Time
	f          *fit
	normal     float64
}

// Predict returns the baseline's distribution for a day.
func (b *Baseline) Predict(day time.Time) Dist {
	if b.f == nil {
		return Dist{Mu: b.normal}
	}
	s := calendar.Truncate(day).Sub(b.ref).Hours() / 24 / 7
	return b.f.predict(int(day.Weekday()), s)
}

// Mean returns the baseline's average daily expectation over a week from ref.
func (b *Baseline) Mean() float64 {
	var m float64
	for i := range 7 {
		m += b.Predict(b.ref.AddDate(0, 0, i)).Mu
	}
	return m / 7
}

// FitBaseline fits the baseline for days from at on: the trailing window of
// cfg.Window days ending cfg.Guard days before at, gaps and days near major
// observances of countries left out. days must be dense (see Densify).
func FitBaseline(days []series.Day, at time.Time, cfg Config, countries ...string) (*Baseline, error) {
	cfg = cfg.withDefaults()
	at = calendar.Truncate(at)
	if len(days) == 0 {
		return nil, fmt.Errorf("anomaly: no data")
	}
	first := days[0].Date
	end := int(at.Sub(first).Hours()/24) - cfg.Guard // exclusive index
	start := max(0, end-cfg.Window)
	end = min(end, len(days))
	b := &Baseline{Source: "fitted", ref: at}
	if end <= start {
		return nil, fmt.Errorf("anomaly: no history before %s (guard band %d days)", at.Format(time.DateOnly), cfg.Guard)
	}
	hol := newHolidays(cfg, first, days[len(days)-1].Date).days(countries)
	var xs []obs
	for i := start; i < end; i++ {
		if days[i].Missing {
			continue
		}
		w := 1.0
		if hol[i] {
			w = 0
		}
		c := math.Cbrt(float64(days[i].Count))
		xs = append(xs, obs{y: float64(days[i].Count), y23: c * c, dow: int(days[i].Date.Weekday()),
			s: days[i].Date.Sub(at).Hours() / 24 / 7, w: w})
	}
	b.FitFrom, b.FitTo = days[start].Date, days[end-1].Date
	b.Observable = float64(len(xs)) / float64(end-start)
	for _, x := range xs {
		if x.w > 0 {
			b.FitDays++
		}
	}
	if b.FitDays < cfg.MinFit {
		return nil, fmt.Errorf("anomaly: too little history: %d observed days from %s to %s, %d needed",
			b.FitDays, b.FitFrom.Format(time.DateOnly), b.FitTo.Format(time.DateOnly), cfg.MinFit)
	}
	f, ok := fitBaseline(xs, fitOptions{trend: !cfg.NoTrend, dowPrior: cfg.DOWPrior, reweightAt: cfg.Reweight})
	if !ok {
		return nil, fmt.Errorf("anomaly: no flights from %s to %s", b.FitFrom.Format(time.DateOnly), b.FitTo.Format(time.DateOnly))
	}
	b.f, b.Dispersion, b.Trend = f, f.phi, f.trend
	return b, nil
}

// Check is a claim about flight counts made explicit: a route, a window of
// days, and what the claim says about it.
type Check struct {
	Origin, Dest string
	From, To     time.Time
	AtLeast      int     // "at least N flights" (0: no count claimed)
	NormalLo     float64 // "normally LO–HI a day" (0, 0: not claimed)
	NormalHi     float64
	Increase     float64 // "an increase of about N a day" (0: not claimed)
	// Countries whose observances matter (nil: all the calendar knows).
	Countries []string
	// CoverFrom, CoverTo bound the dataset's coverage: days outside are
	// unknown. Zero: the series' own first and last day.
	CoverFrom, CoverTo time.Time
	ClaimID            string
}

// Subject is the route as "NJF-THR".
func (c Check) Subject() string { return c.Origin + "-" + c.Dest }

// Reading is one way of understanding a claim's words, tested.
type Reading struct {
	Name      string        `json:"name"`      // per day, over the window, increase
	Claim     string        `json:"claim"`     // the reading in words
	Statistic float64       `json:"statistic"` // the observed value tested
	Expected  float64       `json:"expected"`  // its expectation under the baseline
	PValue    *float64      `json:"p_value"`   // P(baseline gives the observed statistic or more)
	PClaim    *float64      `json:"p_claim"`   // P(baseline reaches what the claim states)
	Verdict   claim.Verdict `json:"verdict"`
	Why       string        `json:"why"`
}

// WindowDay is one day of a checked window.
type WindowDay struct {
	Day      string   `json:"day"`
	Observed *int     `json:"observed"` // nil: a gap
	Expected float64  `json:"expected"`
	Upper    int      `json:"upper"`
	PUpper   *float64 `json:"p_upper"` // nil: a gap, or no baseline
}

// CheckResult is a tested claim.
type CheckResult struct {
	Check       Check                 `json:"-"`
	Subject     string                `json:"subject"`
	From        string                `json:"from"`
	To          string                `json:"to"`
	Baseline    string                `json:"baseline"` // how the expectation was obtained
	BaselineDay float64               `json:"baseline_per_day"`
	Normal      string                `json:"normal,omitempty"` // the claimed normal against the data
	Days        []WindowDay           `json:"days"`
	Observable  float64               `json:"observable"` // observed fraction of the window
	Readings    []Reading             `json:"readings"`
	Verdict     claim.Verdict         `json:"verdict"`
	PValue      *float64              `json:"p_value"`
	Observances []calendar.Observance `json:"observances"`
	Calendar    []string              `json:"calendar"`   // what the observances mean for the claim
	NextTests   []string              `json:"next_tests"` // what an analyst should run next
	// FollowUps are those next tests run on the loaded data (RunFollowUps).
	FollowUps []FollowUp `json:"follow_ups"`
	Summary   string     `json:"summary"`
	baseline  *Baseline
}

// TestWindow tests a claim against a route's series. The baseline is fitted
// on the trailing window before c.From (guard band and holiday terms as in
// Scan) or, without enough history, taken from the claim's own normal
// (Poisson), and the result says which. Each reading of the wording is tested
// and shown; gap days are left out of every sum and the observable fraction
// is reported.
func TestWindow(days []series.Day, c Check, cfg Config) CheckResult {
	cfg = cfg.withDefaults()
	c.From, c.To = calendar.Truncate(c.From), calendar.Truncate(c.To)
	if c.To.Before(c.From) {
		c.From, c.To = c.To, c.From
	}
	res := CheckResult{Check: c, Subject: c.Subject(), From: c.From.Format(time.DateOnly), To: c.To.Format(time.DateOnly)}

	dense := Densify(days, c.CoverFrom, c.CoverTo)
	at := func(t time.Time) series.Day {
		if len(dense) == 0 {
			return series.Day{Date: t, Missing: true}
		}
		i := int(t.Sub(dense[0].Date).Hours() / 24)
		if i < 0 || i >= len(dense) {
			return series.Day{Date: t, Missing: true}
		}
		return dense[i]
	}

	b, err := FitBaseline(dense, c.From, cfg, c.Countries...)
	switch {
	case err == nil:
		res.Baseline = fmt.Sprintf("fitted: negative binomial, weekday effect, %d observed days from %s to %s (%.0f%% of the window observed), guard band %d days, dispersion %.2f",
			b.FitDays, b.FitFrom.Format(time.DateOnly), b.FitTo.Format(time.DateOnly), 100*b.Observable, cfg.Guard, b.Dispersion)
		if b.Trend {
			res.Baseline += ", with trend"
		}
	case c.NormalHi > 0:
		b = &Baseline{Source: "claimed normal", normal: (c.NormalLo + c.NormalHi) / 2, ref: c.From}
		res.Baseline = fmt.Sprintf("the claim's own normal, %s a day, as Poisson with mean %.1f (no usable history: %v)",
			rangeText(c.NormalLo, c.NormalHi), b.normal, err)
	default:
		b = nil
		res.Baseline = fmt.Sprintf("none (%v; the claim states no normal)", err)
	}
	res.baseline = b

	var dists, obsDists []Dist
	var observed []int
	n := 0
	for t := c.From; !t.After(c.To); t = t.AddDate(0, 0, 1) {
		n++
		d := at(t)
		wd := WindowDay{Day: t.Format(time.DateOnly)}
		var dist Dist
		if b != nil {
			dist = b.Predict(t)
			wd.Expected = round(dist.Mu, 2)
			wd.Upper = dist.Quantile(1 - cfg.Alpha)
		}
		dists = append(dists, dist)
		if !d.Missing {
			x := d.Count
			wd.Observed = &x
			observed = append(observed, x)
			obsDists = append(obsDists, dist)
			if b != nil {
				wd.PUpper = ptr(dist.Survival(x))
			}
		}
		res.Days = append(res.Days, wd)
	}
	res.Observable = float64(len(observed)) / float64(n)
	if b != nil {
		res.BaselineDay = round(b.Mean(), 2)
		res.Normal = normalCheck(c, b)
	}

	if c.AtLeast > 0 {
		res.Readings = append(res.Readings, perDay(c, n, observed, dists, obsDists, b != nil, cfg),
			overWindow(c, n, observed, dists, obsDists, b != nil))
	}
	if c.Increase > 0 {
		res.Readings = append(res.Readings, increase(c, observed, obsDists, b != nil, cfg))
	}
	res.Verdict, res.PValue = overall(res.Readings)
	if len(res.Readings) == 0 {
		res.Verdict = claim.Untestable
	}
	res.observances(cfg)
	res.nextTests(cfg)
	res.Summary = res.summary()
	return res
}

func rangeText(lo, hi float64) string {
	if lo == hi {
		return fmt.Sprintf("%g", lo)
	}
	return fmt.Sprintf("%g–%g", lo, hi)
}

func ptr(x float64) *float64 { return &x }

// perDay: "at least N on each day". The statistic is the smallest observed
// day; its p-value is P(every day ≥ that) = Π P(Xᵢ ≥ min).
func perDay(c Check, n int, observed []int, dists, obsDists []Dist, hasBase bool, cfg Config) Reading {
	r := Reading{Name: "per day", Claim: fmt.Sprintf("at least %d flights on each of the %d days", c.AtLeast, n)}
	if hasBase {
		pc := 1.0
		for _, d := range dists {
			pc *= d.Survival(c.AtLeast)
		}
		r.PClaim = ptr(pc)
	}
	if len(observed) == 0 {
		r.Verdict, r.Why = claim.Untestable, "every day of the window is a gap in the data"
		return r
	}
	lowest := observed[0]
	for _, x := range observed {
		lowest = min(lowest, x)
	}
	r.Statistic = float64(lowest)
	if hasBase {
		p := 1.0
		var e float64
		for _, d := range obsDists {
			p *= d.Survival(lowest)
			e += d.Mu
		}
		r.Expected = round(e/float64(len(obsDists)), 2)
		r.PValue = ptr(p)
	}
	gaps := n - len(observed)
	switch {
	case lowest < c.AtLeast:
		r.Verdict = claim.Contradicted
		r.Why = fmt.Sprintf("an observed day had %d flights, fewer than %d", lowest, c.AtLeast)
	case float64(len(observed))/float64(n) < cfg.minObservable():
		r.Verdict = claim.Untestable
		r.Why = fmt.Sprintf("only %d of %d days observed", len(observed), n)
	case gaps > 0:
		r.Verdict = claim.Supported
		r.Why = fmt.Sprintf("every observed day had at least %d flights (lowest %d); %d of %d days are gaps", c.AtLeast, lowest, gaps, n)
	default:
		r.Verdict = claim.Supported
		r.Why = fmt.Sprintf("every day had at least %d flights (lowest %d)", c.AtLeast, lowest)
	}
	return r
}

// overWindow: "at least N over the whole window". The statistic is the
// observed sum; gaps can only add to it, so a sum already ≥ N supports the
// reading even with gaps, and a shorter sum with gaps cannot decide it.
func overWindow(c Check, n int, observed []int, dists, obsDists []Dist, hasBase bool) Reading {
	r := Reading{Name: "over the window", Claim: fmt.Sprintf("at least %d flights in total over the %d days", c.AtLeast, n)}
	if hasBase {
		r.PClaim = ptr(SumSurvival(dists, c.AtLeast))
	}
	if len(observed) == 0 {
		r.Verdict, r.Why = claim.Untestable, "every day of the window is a gap in the data"
		return r
	}
	sum := 0
	for _, x := range observed {
		sum += x
	}
	r.Statistic = float64(sum)
	if hasBase {
		var e float64
		for _, d := range obsDists {
			e += d.Mu
		}
		r.Expected = round(e, 2)
		r.PValue = ptr(SumSurvival(obsDists, sum))
	}
	gaps := n - len(observed)
	switch {
	case sum >= c.AtLeast:
		r.Verdict = claim.Supported
		r.Why = fmt.Sprintf("%d flights over the observed days, at least %d", sum, c.AtLeast)
		if gaps > 0 {
			r.Why += fmt.Sprintf(" (%d of %d days are gaps and can only add)", gaps, n)
		}
	case gaps > 0:
		r.Verdict = claim.Untestable
		r.Why = fmt.Sprintf("%d flights over the %d observed days; the %d gap days could hold the rest", sum, len(observed), gaps)
	default:
		r.Verdict = claim.Contradicted
		r.Why = fmt.Sprintf("%d flights over the window, fewer than %d", sum, c.AtLeast)
	}
	return r
}

// increase: "up by about δ a day". The estimate is (observed − expected) per
// observed day with its standard error from the baseline variances.
func increase(c Check, observed []int, obsDists []Dist, hasBase bool, cfg Config) Reading {
	r := Reading{Name: "increase", Claim: fmt.Sprintf("about %g more flights a day than the baseline", c.Increase)}
	if len(observed) == 0 {
		r.Verdict, r.Why = claim.Untestable, "every day of the window is a gap in the data"
		return r
	}
	if !hasBase {
		r.Verdict, r.Why = claim.Untestable, "no baseline to measure an increase against"
		return r
	}
	sum := 0
	var e, v float64
	for i, x := range observed {
		sum += x
		e += obsDists[i].Mu
		v += obsDists[i].Var()
	}
	k := float64(len(observed))
	est, se := (float64(sum)-e)/k, math.Sqrt(v)/k
	r.Statistic, r.Expected = round(est, 2), 0
	p := SumSurvival(obsDists, sum)
	r.PValue = ptr(p)
	shifted := make([]Dist, len(obsDists))
	for i, d := range obsDists {
		shifted[i] = d
		shifted[i].Mu += c.Increase
	}
	var ec float64
	for _, d := range shifted {
		ec += d.Mu
	}
	r.PClaim = ptr(SumSurvival(obsDists, int(math.Ceil(ec))))
	switch {
	case math.Abs(est-c.Increase) > 2*se:
		r.Verdict = claim.Contradicted
		r.Why = fmt.Sprintf("estimated change %+.1f ± %.1f a day, not %+g", est, 2*se, c.Increase)
	case p < cfg.Alpha:
		r.Verdict = claim.Supported
		r.Why = fmt.Sprintf("estimated change %+.1f ± %.1f a day, significant (p = %.2g)", est, 2*se, p)
	default:
		r.Verdict = claim.Untestable
		r.Why = fmt.Sprintf("estimated change %+.1f ± %.1f a day: too noisy to tell %+g from no change", est, 2*se, c.Increase)
	}
	return r
}

func (c Config) minObservable() float64 { return 0.5 }

// overall: supported when any reading is (the claim holds under some
// reading), with the p-value of the most conservative supported reading;
// contradicted when every decidable reading is; untestable otherwise.
func overall(rs []Reading) (claim.Verdict, *float64) {
	var sup, con, unt int
	var p *float64
	for _, r := range rs {
		switch r.Verdict {
		case claim.Supported:
			sup++
			if r.PValue != nil && (p == nil || *r.PValue > *p) {
				p = r.PValue
			}
		case claim.Contradicted:
			con++
		default:
			unt++
		}
	}
	switch {
	case sup > 0:
		return claim.Supported, p
	case con > 0:
		for _, r := range rs {
			if r.PValue != nil && (p == nil || *r.PValue > *p) {
				p = r.PValue
			}
		}
		return claim.Contradicted, p
	}
	return claim.Untestable, nil
}

// normalCheck compares the claimed normal with the fitted baseline.
func normalCheck(c Check, b *Baseline) string {
	if c.NormalHi <= 0 {
		return ""
	}
	m := b.Mean()
	if b.f == nil {
		return fmt.Sprintf("claimed normal %s a day used as the baseline (no history to check it against)", rangeText(c.NormalLo, c.NormalHi))
	}
	se := math.Sqrt(b.Dispersion * m / math.Max(1, float64(b.FitDays)))
	lo, hi := m-2*se, m+2*se
	verdict := "consistent with"
	if hi < c.NormalLo || lo > c.NormalHi {
		verdict = "inconsistent with"
	}
	return fmt.Sprintf("claimed normal %s a day is %s the data's baseline of %.2f a day (95%% interval %.2f–%.2f)",
		rangeText(c.NormalLo, c.NormalHi), verdict, m, math.Max(0, lo), hi)
}

// observances attaches what the calendar holds near the window and what it means.
func (res *CheckResult) observances(cfg Config) {
	c := res.Check
	from, to := c.From, c.To
	seen := map[string]bool{}
	for t := from; !t.After(to); t = t.AddDate(0, 0, 1) {
		for _, o := range cfg.Calendar.Near(t, cfg.Before, cfg.After, c.Countries...) {
			key := o.Day() + o.Name
			if !seen[key] {
				seen[key] = true
				res.Observances = append(res.Observances, o)
			}
		}
	}
	sortObservances(res.Observances)
	for _, o := range res.Observances {
		off := from.Sub(o.Date).Hours() / 24
		var when string
		switch {
		case o.Date.Before(from):
			when = days(int(off)) + " before the window"
		case o.Date.After(to):
			when = days(int(o.Date.Sub(to).Hours()/24)) + " after the window"
		default:
			when = "inside the window"
		}
		line := fmt.Sprintf("%s: %s (%s), %s", o.Day(), o.Name, o.Local, when)
		if o.Local == "" {
			line = fmt.Sprintf("%s: %s, %s", o.Day(), o.Name, when)
		}
		if o.Uncertain > 0 {
			line += fmt.Sprintf("; by moon sighting it may be kept %s..%s", o.Date.AddDate(0, 0, -o.Uncertain).Format(time.DateOnly), o.Date.AddDate(0, 0, o.Uncertain).Format(time.DateOnly))
		}
		if o.Major {
			line += ". It moves travel: a possible alternative explanation for a rise in this window"
			if o.Date.Before(from) {
				line += " (pilgrims travel home in the days after an observance)"
			}
		}
		res.Calendar = append(res.Calendar, line)
	}
}

func days(n int) string {
	if n == 1 {
		return "1 day"
	}
	return fmt.Sprintf("%d days", n)
}

func sortObservances(obs []calendar.Observance) {
	for i := 1; i < len(obs); i++ {
		for j := i; j > 0 && (obs[j].Date.Before(obs[j-1].Date) || (obs[j].Date.Equal(obs[j-1].Date) && obs[j].Name < obs[j-1].Name)); j-- {
			obs[j], obs[j-1] = obs[j-1], obs[j]
		}
	}
}

// nextTests lists what an analyst would run next to tell the claim's
// explanation from the calendar's.
func (res *CheckResult) nextTests(cfg Config) {
	c := res.Check
	var tests []string
	for _, o := range res.Observances {
		if !o.Major {
			continue
		}
		// The same observance in earlier years: did the route rise after it then?
		prev := cfg.Calendar.Observances(o.Date.AddDate(-3, 0, -20), o.Date.AddDate(0, 0, -300), c.Countries...)
		var dates []string
		for _, p := range prev {
			if p.Name == o.Name {
				dates = append(dates, p.Day())
			}
		}
		if len(dates) > 0 {
			tests = append(tests, fmt.Sprintf("Run %s for the same days after %s in earlier years (%s): was there a matching rise then?",
				c.Subject(), o.Name, strings.Join(dates, ", ")))
		}
		tests = append(tests, fmt.Sprintf("Check flights TO %s (%s-%s and other routes into %s) in the week before %s: pilgrims travelling to the observance raise inbound traffic before it and outbound after.",
			c.Origin, c.Dest, c.Origin, c.Origin, o.Day()))
	}
	if len(res.Observances) > 0 {
		tests = append(tests, fmt.Sprintf("Compare the other routes out of %s on the same days: a pilgrim return lifts every route home, a movement of forces concentrates on a few destinations.", c.Origin))
	}
	var gaps []string
	for _, d := range res.Days {
		if d.Observed == nil {
			gaps = append(gaps, d.Day)
		}
	}
	if len(gaps) > 0 {
		tests = append(tests, fmt.Sprintf("Find coverage for the gap days (%s) in another source (a Flightradar24 export, an ADS-B archive): they are unknown, not zero.", strings.Join(gaps, ", ")))
	}
	res.NextTests = tests
}

func (res *CheckResult) summary() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s..%s: %s", res.Subject, res.From, res.To, res.Verdict)
	if res.PValue != nil {
		fmt.Fprintf(&b, " (p = %.2g, the more conservative reading)", *res.PValue)
	}
	fmt.Fprintf(&b, "; %.0f%% of the window observed", 100*res.Observable)
	for _, r := range res.Readings {
		fmt.Fprintf(&b, "; %s: %s", r.Name, r.Verdict)
	}
	major := 0
	for _, o := range res.Observances {
		if o.Major {
			major++
		}
	}
	if major > 0 {
		fmt.Fprintf(&b, "; %d major observance(s) nearby could explain a rise", major)
	}
	return b.String()
}

// Signal turns the result into a claim.Signal (kind flight-check) linked to
// claimID (may be empty). Its id is derived from what was tested, so
// re-running the same check replaces the stored signal.
func (res CheckResult) Signal(claimID string, now time.Time) claim.Signal {
	c := res.Check
	h := sha256.Sum256(fmt.Appendf(nil, "%s|%s|%s|%d|%g|%g|%g|%s", res.Subject, res.From, res.To, c.AtLeast, c.NormalLo, c.NormalHi, c.Increase, claimID))
	s := claim.Signal{
		ID:      "flight-check-" + hex.EncodeToString(h[:6]),
		Kind:    "flight-check",
		ClaimID: claimID,
		Subject: res.Subject,
		From:    res.From,
		To:      res.To,
		Verdict: res.Verdict,
		Summary: res.Summary,
		Created: now,
		Details: map[string]any{
			"baseline":         res.Baseline,
			"baseline_per_day": res.BaselineDay,
			"normal":           res.Normal,
			"days":             res.Days,
			"observable":       round(res.Observable, 3),
			"readings":         res.Readings,
			"observances":      res.Observances,
			"calendar":         res.Calendar,
			"next_tests":       res.NextTests,
			"follow_ups":       res.FollowUps,
			"at_least":         c.AtLeast,
			"normal_lo":        c.NormalLo,
			"normal_hi":        c.NormalHi,
			"increase":         c.Increase,
		},
	}
	if res.PValue != nil {
		s.PValue = *res.PValue
	}
	return s
}

// RunFollowUps runs the check's next tests on series (see FollowUps) and
// adds what they found to the summary.
func (res *CheckResult) RunFollowUps(ss []series.Series, cfg Config) {
	res.FollowUps = FollowUps(ss, *res, cfg)
	var found []string
	for _, f := range res.FollowUps {
		if f.Ran && f.Kind != FollowOtherRoutes {
			found = append(found, f.Question+" "+f.Finding)
		}
	}
	rose, ran := 0, 0
	for _, f := range res.FollowUps {
		if f.Ran && f.Kind == FollowOtherRoutes {
			ran++
			if f.Rose {
				rose++
			}
		}
	}
	if ran > 0 {
		found = append(found, fmt.Sprintf("%d of %d other routes out of %s rose in the same window", rose, ran, res.Check.Origin))
	}
	if len(found) > 0 {
		res.Summary += ". Follow-ups: " + strings.Join(found, "; ")
	}
}

// BaselineOf returns the baseline the result was tested against (nil when none).
func (res CheckResult) BaselineOf() *Baseline { return res.baseline }
