package anomaly

import (
	"cmp"
	"encoding/json"
	"fmt"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/triangulate/triangulate/calendar"
	"github.com/triangulate/triangulate/series"
)

// Tails selects which deviations a scan tests.
type Tails string

// Tails.
const (
	Both  Tails = "both"  // surges and drops; p = 2·min(upper, lower)
	Upper Tails = "upper" // surges only
	Lower Tails = "lower" // drops only
)

// Config tunes the baseline and the tests. The zero value of a field means
// its default (DefaultConfig).
type Config struct {
	Window   int     // trailing fit window, days (default 84: 12 weeks)
	Guard    int     // guard band between the fit window and the tested day (default 7)
	MinFit   int     // fewest observed days a fit needs (default 28)
	MinMean  float64 // routes whose mean is below this many flights a day are skipped (default 0.1)
	TestDays int     // without From/To: test each route's last TestDays days (default 28)
	// Refit is how many consecutive tested days share one baseline fit
	// (default 7, so the guard band of a day is Guard to Guard+6 days;
	// 1 refits for every day as the original Farrington method does).
	Refit    int
	From, To time.Time
	Alpha    float64 // level of the prediction bounds (default 0.01)
	FDR      float64 // Benjamini–Hochberg level for flagging (default 0.05)
	Tails    Tails   // default Both
	NoTrend  bool    // never fit a trend term
	DOWPrior float64 // pseudo-days shrinking each weekday mean to the window mean (default 1)
	Reweight float64 // Anscombe residual beyond which a fit day is down-weighted (default 2.58)

	// CUSUM: shift to detect per day is max(CUSUMShift, CUSUMSDs·sd) (defaults 2 and 1);
	// alarm when the statistic exceeds CUSUMH (default 5.9, i.e. ln 365: by
	// Lorden's bound at most about one false alarm a year per route).
	CUSUMShift, CUSUMSDs, CUSUMH float64

	// Calendar for holiday terms and explanations (default calendar.Default()).
	Calendar *calendar.Calendar
	// Countries gives the countries whose observances matter for a route
	// (nil: all the calendar knows).
	Countries func(series.Route) []string
	// Before and After bound the observances attached to a flagged day: from
	// Before days before it to After days after it (defaults 7 and 3, since
	// pilgrims travel home in the days after an observance).
	Before, After int
	// HolidayDays: days either side of a major observance left out of fits (default 1).
	HolidayDays int
	// Workers bounds parallel route fits (default GOMAXPROCS).
	Workers int
}

// DefaultConfig returns the documented defaults.
func DefaultConfig() Config { return Config{}.withDefaults() }

func (c Config) withDefaults() Config {
	set := func(p *int, v int) {
		if *p == 0 {
			*p = v
		}
	}
	setf := func(p *float64, v float64) {
		if *p == 0 {
			*p = v
		}
	}
	set(&c.Window, 84)
	set(&c.Guard, 7)
	set(&c.MinFit, 28)
	set(&c.TestDays, 28)
	set(&c.Refit, 7)
	set(&c.Before, 7)
	set(&c.After, 3)
	set(&c.HolidayDays, 1)
	set(&c.Workers, runtime.GOMAXPROCS(0))
	setf(&c.MinMean, 0.1)
	setf(&c.Alpha, 0.01)
	setf(&c.FDR, 0.05)
	setf(&c.DOWPrior, 1)
	setf(&c.Reweight, 2.58)
	setf(&c.CUSUMShift, 2)
	setf(&c.CUSUMSDs, 1)
	setf(&c.CUSUMH, math.Log(365))
	if c.Tails == "" {
		c.Tails = Both
	}
	if c.Calendar == nil {
		c.Calendar = calendar.Default()
	}
	if c.Guard < 0 {
		c.Guard = 0
	}
	return c
}

func (c Config) countries(r series.Route) []string {
	if c.Countries == nil {
		return nil
	}
	return c.Countries(r)
}

// Result is the test of one route-day.
type Result struct {
	Route    series.Route
	Date     time.Time
	Observed int
	Reason   string // why not tested
	Expected float64
	Lower    int // lower prediction bound: P(X < Lower) ≤ Alpha
	Upper    int // upper prediction bound: P(X > Upper) ≤ Alpha
	PUpper   float64
	PLower   float64
	PValue   float64 // by Tails
	QValue   float64 // Benjamini–Hochberg over every route-day tested in the scan
	// Direction is "surge" or "drop", by the smaller tail.
	Direction string
	// Baseline facts: the fit window, how much of it was observed, dispersion.
	FitFrom, FitTo time.Time
	FitDays        int     // observed, non-holiday days that carried the fit
	Observable     float64 // observed fraction of the fit window
	Dispersion     float64 // quasi-Poisson φ
	CUSUM          float64 // upward count CUSUM statistic
	// Observances near a flagged day; Explained when one of them is major.
	Observances []calendar.Observance

	// The flags sit together: a scan holds one Result per route-day tested,
	// and padding after each lone bool would make every one larger.
	Missing    bool // no coverage: not tested, never a drop
	Tested     bool // false with Reason when no test was possible
	Flagged    bool // QValue ≤ FDR
	Trend      bool // the baseline has a trend term
	CUSUMAlarm bool
	Explained  bool
}

// Span returns the first and last dates among results; both are zero when
// there are none.
func Span(results []Result) (first, last time.Time) {
	for _, r := range results {
		if first.IsZero() || r.Date.Before(first) {
			first = r.Date
		}
		if r.Date.After(last) {
			last = r.Date
		}
	}
	return first, last
}

// Day returns the result's date as YYYY-MM-DD.
func (r Result) Day() string { return r.Date.Format(time.DateOnly) }

// MarshalJSON writes one flat object (the --json line format).
func (r Result) MarshalJSON() ([]byte, error) {
	type line struct {
		Route       string                `json:"route"`
		Origin      string                `json:"origin"`
		Dest        string                `json:"dest"`
		Day         string                `json:"day"`
		Observed    *int                  `json:"observed"`
		Missing     bool                  `json:"missing,omitempty"`
		Tested      bool                  `json:"tested"`
		Reason      string                `json:"reason,omitempty"`
		Expected    float64               `json:"expected"`
		Lower       int                   `json:"lower"`
		Upper       int                   `json:"upper"`
		PValue      *float64              `json:"p_value"` // null when not tested
		PUpper      *float64              `json:"p_upper"`
		PLower      *float64              `json:"p_lower"`
		QValue      *float64              `json:"q_value"`
		Direction   string                `json:"direction,omitempty"`
		Flagged     bool                  `json:"flagged"`
		FitFrom     string                `json:"fit_from,omitempty"`
		FitTo       string                `json:"fit_to,omitempty"`
		FitDays     int                   `json:"fit_days"`
		Observable  float64               `json:"observable"`
		Dispersion  float64               `json:"dispersion"`
		Trend       bool                  `json:"trend"`
		CUSUM       float64               `json:"cusum"`
		CUSUMAlarm  bool                  `json:"cusum_alarm"`
		Observances []calendar.Observance `json:"observances"`
		Explained   bool                  `json:"explained"`
	}
	l := line{Route: r.Route.String(), Origin: r.Route.Origin, Dest: r.Route.Dest, Day: r.Day(),
		Missing: r.Missing, Tested: r.Tested, Reason: r.Reason, Expected: round(r.Expected, 3),
		Lower: r.Lower, Upper: r.Upper, Direction: r.Direction, Flagged: r.Flagged, FitDays: r.FitDays,
		Observable: round(r.Observable, 3), Dispersion: round(r.Dispersion, 3), Trend: r.Trend,
		CUSUM: round(r.CUSUM, 3), CUSUMAlarm: r.CUSUMAlarm, Observances: r.Observances, Explained: r.Explained}
	if !r.Missing {
		l.Observed = &r.Observed
	}
	if r.Tested {
		l.PValue, l.PUpper, l.PLower, l.QValue = &r.PValue, &r.PUpper, &r.PLower, &r.QValue
	}
	if !r.FitFrom.IsZero() {
		l.FitFrom, l.FitTo = r.FitFrom.Format(time.DateOnly), r.FitTo.Format(time.DateOnly)
	}
	if l.Observances == nil {
		l.Observances = []calendar.Observance{}
	}
	return json.Marshal(l)
}

func round(x float64, digits int) float64 {
	p := math.Pow(10, float64(digits))
	return math.Round(x*p) / p
}

// Densify returns days as a gap-free daily sequence from from to to: days
// absent from the input count as covered with zero flights (flight lists
// record flights, not empty days), days marked Missing stay missing. Zero
// from or to means the input's first or last day. Duplicate dates are summed.
func Densify(days []series.Day, from, to time.Time) []series.Day {
	if len(days) == 0 && (from.IsZero() || to.IsZero()) {
		return nil
	}
	if dense(days, from, to) {
		// Stored series are dense already: copy, nothing to merge.
		return slices.Clone(days)
	}
	var first, last time.Time
	for i, d := range days {
		t := calendar.Truncate(d.Date)
		if i == 0 || t.Before(first) {
			first = t
		}
		if i == 0 || t.After(last) {
			last = t
		}
	}
	if !from.IsZero() {
		first = calendar.Truncate(from)
	}
	if !to.IsZero() {
		last = calendar.Truncate(to)
	}
	if last.Before(first) {
		return nil
	}
	n := dayIndex(first, last) + 1
	out := make([]series.Day, n)
	seen := make([]bool, n)
	for i := range out {
		out[i] = series.Day{Date: first.AddDate(0, 0, i)}
	}
	for _, d := range days {
		i := dayIndex(first, calendar.Truncate(d.Date))
		if i < 0 || i >= n {
			continue
		}
		switch {
		case !seen[i]:
			out[i].Count, out[i].Missing = d.Count, d.Missing
		case d.Missing: // a duplicate gap row adds nothing
		case out[i].Missing:
			out[i].Count, out[i].Missing = d.Count, false
		default:
			out[i].Count += d.Count
		}
		seen[i] = true
		if out[i].Missing {
			out[i].Count = 0
		}
	}
	return out
}

// dense reports whether days are already what Densify would make of them:
// one a day, at midnight UTC, from from to to (or their own first and last).
func dense(days []series.Day, from, to time.Time) bool {
	if len(days) == 0 {
		return false
	}
	f := dayNumber(days[0].Date)
	if (!from.IsZero() && dayNumber(from) != f) || (!to.IsZero() && dayNumber(to) != f+int64(len(days))-1) {
		return false
	}
	for i, d := range days {
		if d.Date.Location() != time.UTC || d.Date.Unix() != (f+int64(i))*86400 || (d.Missing && d.Count != 0) {
			return false
		}
	}
	return true
}

// dayIndex is the number of whole days from first to t (both at midnight UTC).
func dayIndex(first, t time.Time) int {
	return int(t.Sub(first).Hours()/24 + 0.5*sign(t.Sub(first)))
}

func sign(d time.Duration) float64 {
	if d < 0 {
		return -1
	}
	return 1
}

// Scan tests every route-day in the chosen range against its own trailing
// baseline, then controls the false discovery rate across all routes and
// days with Benjamini–Hochberg. Each series is densified over the span of
// all series (see Densify), so they should come from one dataset (days of a
// route given twice are summed). Results come
// sorted by route then day; every route-day in the range has one, with
// Tested false and a Reason when it could not be tested (a gap, too little
// history, a sparse route).
//
// A dataset-wide day whose total across many routes collapses below a tenth
// of the typical day is treated as lost coverage (a partial file, an
// outage), not as a drop on every route.
func Scan(ss []series.Series, cfg Config) []Result {
	cfg = cfg.withDefaults()
	byRoute := make(map[series.Route][]series.Day, len(ss))
	routes := make([]series.Route, 0, len(ss))
	lo, hi := int64(math.MaxInt64), int64(math.MinInt64)
	for _, s := range ss {
		if prev, dup := byRoute[s.Route]; dup {
			byRoute[s.Route] = append(slices.Clip(prev), s.Days...) // a copy: the caller's days stay as they are
		} else {
			routes = append(routes, s.Route)
			byRoute[s.Route] = s.Days
		}
		for _, d := range s.Days {
			n := dayNumber(d.Date)
			lo, hi = min(lo, n), max(hi, n)
		}
	}
	if lo > hi {
		return nil
	}
	first, last := fromDayNumber(lo), fromDayNumber(hi)
	slices.SortFunc(routes, func(a, b series.Route) int {
		return cmp.Or(cmp.Compare(a.Origin, b.Origin), cmp.Compare(a.Dest, b.Dest))
	})
	span := int(last.Sub(first).Hours()/24) + 1
	lost := lostCoverage(byRoute, first, span)
	anyLost := slices.Contains(lost, true)
	hol := newHolidays(cfg, first, last)

	// Every route is densified over the same span, so every route has the
	// same days tested: the results go straight into one slice, each
	// route's into its own part, never copied.
	tlo, thi := testRange(span, first, cfg)
	k := max(0, thi-tlo+1)
	all := make([]Result, 0, len(routes)*k)
	parts := make([][]Result, len(routes))
	var wg sync.WaitGroup
	next := make(chan int)
	for range max(1, cfg.Workers) {
		wg.Go(func() {
			var buf []obs
			for i := range next {
				days := byRoute[routes[i]]
				if !dense(days, first, last) || anyLost {
					// A copy to change, never the caller's days.
					days = Densify(days, first, last)
					for j := range days {
						if lost[j] {
							days[j].Missing, days[j].Count = true, 0
						}
					}
				}
				dst := all[i*k : i*k : (i+1)*k]
				parts[i], buf = scanRoute(dst, routes[i], days, cfg, hol, buf)
			}
		})
	}
	for i := range routes {
		next <- i
	}
	close(next)
	wg.Wait()
	all = all[:len(routes)*k]
	for i, p := range parts {
		if len(p) != k || (k > 0 && &p[0] != &all[i*k]) {
			panic(fmt.Sprintf("anomaly: route %s gave %d results, want %d", routes[i], len(p), k))
		}
	}
	BH(all, cfg.FDR)
	for i := range all {
		r := &all[i]
		if r.Flagged {
			r.Observances = cfg.Calendar.Near(r.Date, cfg.Before, cfg.After, cfg.countries(r.Route)...)
			for _, o := range r.Observances {
				r.Explained = r.Explained || o.Major
			}
		}
	}
	return all
}

// ScanRoute scans one route's series alone (BH over its own days).
func ScanRoute(route series.Route, days []series.Day, cfg Config) []Result {
	return Scan([]series.Series{{Route: route, Days: days}}, cfg)
}

// lostCoverage marks days whose dataset-wide total is below a tenth of the
// median day: with at least 20 routes such a collapse is lost coverage.
func lostCoverage(byRoute map[series.Route][]series.Day, first time.Time, span int) []bool {
	lost := make([]bool, span)
	if len(byRoute) < 20 {
		return lost
	}
	totals := make([]float64, span)
	f := dayNumber(first)
	for _, days := range byRoute {
		for _, d := range days {
			if !d.Missing {
				totals[dayNumber(d.Date)-f] += float64(d.Count)
			}
		}
	}
	sorted := slices.Clone(totals)
	slices.Sort(sorted)
	med := sorted[len(sorted)/2]
	for i, t := range totals {
		lost[i] = t < med/10
	}
	return lost
}

// holidays caches, per set of countries, which days of the scanned span sit
// within HolidayDays of a major observance (left out of fits).
type holidays struct {
	mu    sync.Mutex
	cfg   Config
	first time.Time
	span  int
	by    map[string][]bool
}

func newHolidays(cfg Config, first, last time.Time) *holidays {
	return &holidays{cfg: cfg, first: first, span: int(last.Sub(first).Hours()/24) + 1, by: map[string][]bool{}}
}

func (h *holidays) days(countries []string) []bool {
	key := strings.Join(countries, ",")
	h.mu.Lock()
	defer h.mu.Unlock()
	if m, ok := h.by[key]; ok {
		return m
	}
	m := make([]bool, h.span)
	k := h.cfg.HolidayDays
	last := h.first.AddDate(0, 0, h.span-1)
	for _, o := range h.cfg.Calendar.Observances(h.first.AddDate(0, 0, -k-1), last.AddDate(0, 0, k+1), countries...) {
		if !o.Major {
			continue
		}
		lo, hi := -k-o.Uncertain, k+o.Uncertain
		for dd := lo; dd <= hi; dd++ {
			i := int(o.Date.AddDate(0, 0, dd).Sub(h.first).Hours() / 24)
			if i >= 0 && i < h.span {
				m[i] = true
			}
		}
	}
	h.by[key] = m
	return m
}

// testRange is the indexes of the days tested in a dense series of n days
// from first: the last TestDays, or From to To.
func testRange(n int, first time.Time, cfg Config) (lo, hi int) {
	lo, hi = n-cfg.TestDays, n-1
	if !cfg.From.IsZero() || !cfg.To.IsZero() {
		lo, hi = 0, n-1
		if !cfg.From.IsZero() {
			lo = int(calendar.Truncate(cfg.From).Sub(first).Hours() / 24)
		}
		if !cfg.To.IsZero() {
			hi = int(calendar.Truncate(cfg.To).Sub(first).Hours() / 24)
		}
	}
	return max(lo, 0), min(hi, n-1)
}

// dayNumber counts days from 1970-01-01 to t's calendar day (in t's
// location); fromDayNumber is midnight UTC of such a day.
func dayNumber(t time.Time) int64 {
	if t.Location() != time.UTC {
		t = calendar.Truncate(t)
	}
	u := t.Unix()
	n := u / 86400
	if u%86400 < 0 {
		n--
	}
	return n
}

func fromDayNumber(n int64) time.Time { return time.Unix(n*86400, 0).UTC() }

// scanRoute tests the chosen days of one dense series, appending one
// result a tested day to dst.
func scanRoute(dst []Result, route series.Route, days []series.Day, cfg Config, hol *holidays, buf []obs) ([]Result, []obs) {
	if len(days) == 0 {
		return dst, buf
	}
	lo, hi := testRange(len(days), days[0].Date, cfg)
	if hi < lo {
		return dst, buf
	}
	results := dst

	// A route too sparse to model is skipped as a whole, with its reason.
	var sum, n float64
	for _, d := range days[:hi+1] {
		if !d.Missing {
			sum += float64(d.Count)
			n++
		}
	}
	skip := ""
	if n == 0 {
		skip = "no observed days"
	} else if mean := sum / n; mean < cfg.MinMean {
		skip = fmt.Sprintf("sparse route: %.2f flights a day on average, below %.2g", mean, cfg.MinMean)
	}

	excluded := hol.days(cfg.countries(route))
	// y^(2/3) once per day, not once per fit, for the days fits read.
	y23 := make([]float64, len(days))
	for i := max(0, lo-cfg.Guard-cfg.Window); i <= hi; i++ {
		c := math.Cbrt(float64(days[i].Count))
		y23[i] = c * c
	}
	opts := fitOptions{trend: !cfg.NoTrend, dowPrior: cfg.DOWPrior, reweightAt: cfg.Reweight}
	// days is dense: day i is days[0] plus i days, a weekday i later.
	at := denseAt{off: dayIndex(hol.first, calendar.Truncate(days[0].Date)), dow0: int(days[0].Date.Weekday())}
	var (
		cusum  float64
		anchor int
		have   bool
		bf     blockFit
	)
	for t := lo; t <= hi; t++ {
		d := days[t]
		// Built in place: a Result is large, and there is one per day tested.
		results = append(results, Result{Route: route, Date: d.Date, Observed: d.Count, Missing: d.Missing})
		r := &results[len(results)-1]
		switch {
		case d.Missing:
			r.Reason = "no coverage (gap): unknown, not zero"
		case skip != "":
			r.Reason = skip
		}
		if r.Reason != "" {
			continue
		}
		// The baseline is refitted every cfg.Refit days, anchored at the
		// first tested day of each block: a later day of the block lies
		// further from the fit window, so its guard band only grows.
		if !have || t-anchor >= cfg.Refit {
			anchor, have = t, true
			bf, buf = fitBlock(days, t, cfg, opts, at, excluded, y23, buf)
		}
		r.FitFrom, r.FitTo, r.FitDays, r.Observable = bf.from, bf.to, bf.days, bf.observable
		if bf.reason != "" {
			r.Reason = bf.reason
			continue
		}
		f := bf.f
		dist := f.predict(at.dow(t), float64(t-anchor)/7)
		r.Tested = true
		r.Expected = dist.Mu
		r.Dispersion = f.phi
		r.Trend = f.trend
		r.PUpper, r.PLower, r.Lower, r.Upper = dist.tails(d.Count, cfg.Alpha)
		r.PValue, r.Direction = pValue(r.PUpper, r.PLower, cfg.Tails)
		cusum = cusumStep(cusum, d.Count, dist, cfg)
		r.CUSUM = cusum
		r.CUSUMAlarm = cusum > cfg.CUSUMH
	}
	return results, buf
}

// denseAt locates the days of a dense series: day i is the holiday
// table's day off+i and weekday dow(i).
type denseAt struct{ off, dow0 int }

func (d denseAt) dow(i int) int { return (d.dow0 + i) % 7 }

// blockFit is a baseline fitted for the days from an anchor day on.
type blockFit struct {
	f          *fit
	from, to   time.Time
	days       int
	observable float64
	reason     string // why no baseline could be fitted
}

// fitBlock fits the baseline for tested day t: the trailing window ends
// cfg.Guard days before t and holds cfg.Window days; gap days are left out
// and holidays get no weight.
func fitBlock(days []series.Day, t int, cfg Config, opts fitOptions, at denseAt, excluded []bool, y23 []float64, buf []obs) (blockFit, []obs) {
	var bf blockFit
	fitEnd := t - cfg.Guard // exclusive
	fitStart := max(0, fitEnd-cfg.Window)
	buf = buf[:0]
	for i := fitStart; i < fitEnd; i++ {
		if days[i].Missing {
			continue
		}
		w := 1.0
		if excluded[at.off+i] {
			w = 0
		}
		buf = append(buf, obs{y: float64(days[i].Count), y23: y23[i], dow: at.dow(i),
			s: float64(i-t) / 7, w: w})
	}
	if fitEnd > fitStart {
		bf.from, bf.to = days[fitStart].Date, days[fitEnd-1].Date
	}
	for _, x := range buf {
		if x.w > 0 {
			bf.days++
		}
	}
	if window := fitEnd - fitStart; window > 0 {
		bf.observable = float64(len(buf)) / float64(window)
	}
	if bf.days < cfg.MinFit {
		bf.reason = fmt.Sprintf("too little history: %d observed days in the fit window, %d needed", bf.days, cfg.MinFit)
		return bf, buf
	}
	f, ok := fitBaseline(buf, opts)
	if !ok {
		bf.reason = "no flights in the fit window"
		return bf, buf
	}
	bf.f = f
	return bf, buf
}

// lowerBound is the largest l with P(X < l) ≤ alpha.
func lowerBound(d Dist, alpha float64) int {
	l := d.Quantile(alpha) // smallest k with P(X ≤ k) ≥ alpha
	if d.CDF(l-1) <= alpha {
		return l
	}
	return max(0, l-1)
}

func pValue(up, low float64, tails Tails) (float64, string) {
	dir := "surge"
	if low < up {
		dir = "drop"
	}
	switch tails {
	case Upper:
		return up, "surge"
	case Lower:
		return low, "drop"
	}
	return math.Min(1, 2*math.Min(up, low)), dir
}

// BH sets QValue (Benjamini–Hochberg adjusted p-values, 1995) on the tested
// results and flags those with QValue ≤ fdr.
func BH(rs []Result, fdr float64) {
	// Ordered by p-value, ties by position (as a stable sort would), on a
	// small copy of the keys: sorting the large results themselves or
	// through a closure over them costs more than the test.
	type key struct {
		p float64
		i int
	}
	idx := make([]key, 0, len(rs))
	for i := range rs {
		if rs[i].Tested {
			idx = append(idx, key{rs[i].PValue, i})
		}
	}
	slices.SortFunc(idx, func(a, b key) int { return cmp.Or(cmp.Compare(a.p, b.p), cmp.Compare(a.i, b.i)) })
	m := float64(len(idx))
	q := 1.0
	for k := len(idx) - 1; k >= 0; k-- {
		r := &rs[idx[k].i]
		q = math.Min(q, r.PValue*m/float64(k+1))
		r.QValue = q
		r.Flagged = q <= fdr
	}
}
