package flights

import (
	"cmp"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/triangulate/triangulate/series"
)

// Series holds a dataset's flight counts per route and day. Build one with
// Add (or a Counter, or CountParquetBTS); read it with PerRoute, which makes
// coverage explicit. Days inside the covered span with no flights are true zeros;
// days without coverage are missing.
type Series struct {
	codes  []string
	codeID map[string]int32
	routes [][2]int32 // route id → origin, dest code ids
	rid    map[[2]int32]int32
	first  Day
	counts [][]int32 // route id → day-first → count; all of length n
	n      int
	total  int64
}

// NewSeries returns an empty Series.
func NewSeries() *Series {
	return &Series{codeID: map[string]int32{}, rid: map[[2]int32]int32{}}
}

func (s *Series) code(c string) int32 {
	if id, ok := s.codeID[c]; ok {
		return id
	}
	id := int32(len(s.codes))
	s.codes = append(s.codes, c)
	s.codeID[c] = id
	return id
}

func (s *Series) route(o, d int32) int32 {
	k := [2]int32{o, d}
	if r, ok := s.rid[k]; ok {
		return r
	}
	r := int32(len(s.routes))
	s.routes = append(s.routes, k)
	s.rid[k] = r
	s.counts = append(s.counts, make([]int32, s.n))
	return r
}

// grow makes day addressable, with slack so that streaming input in any
// order reallocates rarely.
func (s *Series) grow(day Day) {
	if s.n > 0 && day >= s.first && int(day-s.first) < s.n {
		return
	}
	lo, hi := day, day
	if s.n > 0 {
		lo, hi = min(s.first, day), max(s.first+Day(s.n-1), day)
		if day < s.first {
			lo -= 31
		} else {
			hi += 31
		}
	}
	n := int(hi-lo) + 1
	shift := int(s.first - lo)
	for i, c := range s.counts {
		nc := make([]int32, n)
		if s.n > 0 {
			copy(nc[shift:], c)
		}
		s.counts[i] = nc
	}
	s.first, s.n = lo, n
}

// Add counts n flights on a route on a day.
func (s *Series) Add(origin, dest string, day Day, n int) {
	r := s.route(s.code(origin), s.code(dest))
	s.grow(day)
	s.counts[r][day-s.first] += int32(n)
	s.total += int64(n)
}

// Flights is the number of flights counted.
func (s *Series) Flights() int64 { return s.total }

// Routes lists the routes with at least one flight, sorted.
func (s *Series) Routes() []series.Route {
	out := make([]series.Route, 0, len(s.routes))
	for _, r := range s.routes {
		out = append(out, series.Route{Origin: s.codes[r[0]], Dest: s.codes[r[1]]})
	}
	slices.SortFunc(out, func(a, b series.Route) int {
		return cmp.Or(cmp.Compare(a.Origin, b.Origin), cmp.Compare(a.Dest, b.Dest))
	})
	return out
}

// Span is the first and last day with at least one flight.
func (s *Series) Span() (DayRange, bool) {
	t := s.Totals()
	lo, hi := -1, -1
	for i, v := range t {
		if v > 0 {
			if lo < 0 {
				lo = i
			}
			hi = i
		}
	}
	if lo < 0 {
		return DayRange{}, false
	}
	return DayRange{s.first + Day(lo), s.first + Day(hi)}, true
}

// Totals is the dataset-wide number of flights per day, from the Series'
// first day.
func (s *Series) Totals() []int64 {
	t := make([]int64, s.n)
	for _, c := range s.counts {
		for i, v := range c {
			t[i] += int64(v)
		}
	}
	return t
}

// Count is the number of flights on a route on a day (0 if none counted).
func (s *Series) Count(origin, dest string, day Day) int {
	o, ok1 := s.codeID[origin]
	d, ok2 := s.codeID[dest]
	if !ok1 || !ok2 {
		return 0
	}
	r, ok := s.rid[[2]int32{o, d}]
	if !ok || day < s.first || int(day-s.first) >= s.n {
		return 0
	}
	return int(s.counts[r][day-s.first])
}

// CoverageOptions says which days have no coverage.
type CoverageOptions struct {
	Gaps []DayRange // declared: the source did not cover these days
	// Infer marks as missing every day whose dataset-wide total falls below
	// MinRatio of the median of the Window covered days before it: a
	// collapse of the whole dataset is an outage, not a quiet day.
	Infer    bool
	MinRatio float64 // default 0.2
	Window   int     // default 14
}

// Coverage is the outcome: the covered span and which days in it are missing.
type Coverage struct {
	Span     DayRange // data span, extended over declared gaps
	Missing  []bool   // per day of Span
	Declared []DayRange
	Inferred []DayRange
}

// MissingDays counts the missing days.
func (c Coverage) MissingDays() int {
	n := 0
	for _, m := range c.Missing {
		if m {
			n++
		}
	}
	return n
}

// Coverage decides which days are covered.
func (s *Series) Coverage(opt CoverageOptions) (Coverage, bool) {
	span, ok := s.Span()
	for _, g := range opt.Gaps {
		if !ok {
			span, ok = g, true
			continue
		}
		span.From, span.To = min(span.From, g.From), max(span.To, g.To)
	}
	if !ok {
		return Coverage{}, false
	}
	c := Coverage{Span: span, Missing: make([]bool, span.Days()), Declared: opt.Gaps}
	for _, g := range opt.Gaps {
		for d := g.From; d <= g.To; d++ {
			c.Missing[d-span.From] = true
		}
	}
	if opt.Infer {
		totals := make([]int64, span.Days())
		all := s.Totals()
		for i := range totals {
			if j := int(span.From - s.first + Day(i)); j >= 0 && j < len(all) {
				totals[i] = all[j]
			}
		}
		inferred := inferGaps(totals, c.Missing, cmp.Or(opt.MinRatio, 0.2), cmp.Or(opt.Window, 14))
		for i, m := range inferred {
			if m {
				c.Missing[i] = true
			}
		}
		c.Inferred = ranges(span.From, inferred)
	}
	return c, true
}

// inferGaps flags days (not already missing) whose total is below ratio × the
// median of the previous window covered days. The first days, with too few
// days behind them, are compared with the median of the first window days.
func inferGaps(totals []int64, missing []bool, ratio float64, window int) []bool {
	out := make([]bool, len(totals))
	var covered []int64 // totals of days judged covered, in order
	var head []int64
	for i, t := range totals {
		if !missing[i] && len(head) < window {
			head = append(head, t)
		}
	}
	headMed := median(head)
	for i, t := range totals {
		if missing[i] {
			continue
		}
		ref := headMed
		if len(covered) >= window/2 {
			ref = median(covered[max(0, len(covered)-window):])
		}
		if ref > 0 && float64(t) < ratio*ref {
			out[i] = true
			continue
		}
		covered = append(covered, t)
	}
	return out
}

func median(xs []int64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	m := len(s) / 2
	if len(s)%2 == 1 {
		return float64(s[m])
	}
	return float64(s[m-1]+s[m]) / 2
}

// PerRoute splits the Series into one series per route, sorted by origin
// and destination, each with one day per day of the covered span: Count 0
// is a true zero, and days without coverage are Missing (Count 0, to be
// read as unknown).
func (s *Series) PerRoute(c Coverage) []series.Series {
	routes := make([]int, len(s.routes))
	for i := range routes {
		routes[i] = i
	}
	sort.Slice(routes, func(i, j int) bool {
		a, b := s.routes[routes[i]], s.routes[routes[j]]
		if oa, ob := s.codes[a[0]], s.codes[b[0]]; oa != ob {
			return oa < ob
		}
		return s.codes[a[1]] < s.codes[b[1]]
	})
	days := c.Span.Days()
	if len(c.Missing) == 0 {
		days = 0
	}
	dates := make([]time.Time, days)
	for i := range dates {
		dates[i] = (c.Span.From + Day(i)).Time()
	}
	// One backing array for every route's days: a few allocations, not one
	// per route.
	all := make([]series.Day, len(routes)*days)
	out := make([]series.Series, len(routes))
	for k, r := range routes {
		cnt := s.counts[r]
		ds := all[k*days : (k+1)*days : (k+1)*days]
		for i := range ds {
			ds[i].Date = dates[i]
			if c.Missing[i] {
				ds[i].Missing = true
			} else if j := int(c.Span.From - s.first + Day(i)); j >= 0 && j < len(cnt) {
				ds[i].Count = int(cnt[j])
			}
		}
		out[k] = series.Series{Route: series.Route{Origin: s.codes[s.routes[r][0]], Dest: s.codes[s.routes[r][1]]}, Days: ds}
	}
	return out
}

// Groups maps member airport codes to a group name (Tehran = THR + IKA), so
// that a group counts as one airport.
type Groups map[string]string

// ParseGroup reads NAME=CODE,CODE,… into g.
func (g Groups) Parse(s string) error {
	name, members, ok := strings.Cut(s, "=")
	name = strings.ToUpper(strings.TrimSpace(name))
	if !ok || name == "" || strings.TrimSpace(members) == "" {
		return fmt.Errorf("bad airport group %q (want NAME=CODE,CODE,…)", s)
	}
	for _, m := range strings.Split(members, ",") {
		m = strings.ToUpper(strings.TrimSpace(m))
		if m == "" {
			continue
		}
		if prev, dup := g[m]; dup && prev != name {
			return fmt.Errorf("airport %s is in groups %s and %s", m, prev, name)
		}
		g[m] = name
	}
	return nil
}
