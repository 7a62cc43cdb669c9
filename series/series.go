// Package series is the route-day flight count series that every flight
// step shares: flights loads it, the store keeps it, anomaly tests it and
// the commands and pages draw it. A day without coverage is Missing: its
// count is unknown, never zero, and it is left out of fits and sums.
package series

import (
	"fmt"
	"strings"
	"time"
)

// Route is a directed airport pair: IATA codes (or ICAO, or a group name
// given at load time).
type Route struct{ Origin, Dest string }

func (r Route) String() string { return r.Origin + "-" + r.Dest }

// ParseRoute reads "NJF-THR".
func ParseRoute(s string) (Route, error) {
	o, d, ok := strings.Cut(strings.TrimSpace(s), "-")
	if !ok || o == "" || d == "" {
		return Route{}, fmt.Errorf("route %q: want ORIGIN-DEST", s)
	}
	return Route{strings.ToUpper(o), strings.ToUpper(d)}, nil
}

// Day is one day's flight count on a route. Date is midnight UTC of the
// departure airport's local day.
type Day struct {
	Date    time.Time
	Count   int
	Missing bool
}

// Series is one route's days in date order, one per day from the first to
// the last (a day with no flights inside the covered span is a true 0).
type Series struct {
	Route
	Days []Day
}

// Summary totals a series: flights on the covered days, the days covered
// (zeros included) and missing, and its first and last day.
type Summary struct {
	Route
	Flights, Covered, Missing int
	From, To                  time.Time
}

// Summarise totals s.
func (s Series) Summarise() Summary {
	sum := Summary{Route: s.Route}
	if len(s.Days) > 0 {
		sum.From, sum.To = s.Days[0].Date, s.Days[len(s.Days)-1].Date
	}
	for _, d := range s.Days {
		if d.Missing {
			sum.Missing++
		} else {
			sum.Covered++
			sum.Flights += d.Count
		}
	}
	return sum
}

// Window returns the days of s from from to to, inclusive; a zero bound is
// open.
func (s Series) Window(from, to time.Time) []Day {
	lo, hi := 0, len(s.Days)
	for lo < hi && !from.IsZero() && s.Days[lo].Date.Before(from) {
		lo++
	}
	for hi > lo && !to.IsZero() && s.Days[hi-1].Date.After(to) {
		hi--
	}
	return s.Days[lo:hi]
}

// Sparkline draws counts one character a day, scaled to the busiest day: a
// true zero is ▁, ▂…█ rise with the count, and a missing day is '·', so an
// unknown day never looks like a quiet one.
func Sparkline(days []Day) string {
	levels := []rune("▂▃▄▅▆▇█")
	peak := 0
	for _, d := range days {
		if !d.Missing {
			peak = max(peak, d.Count)
		}
	}
	var b strings.Builder
	for _, d := range days {
		switch {
		case d.Missing:
			b.WriteRune('·')
		case d.Count == 0:
			b.WriteRune('▁')
		default:
			b.WriteRune(levels[min((d.Count*len(levels)-1)/peak, len(levels)-1)])
		}
	}
	return b.String()
}
