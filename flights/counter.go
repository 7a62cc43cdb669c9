package flights

import (
	"strings"
	"time"
)

// Counter counts flights into a Series by route and the departure airport's
// local day.
type Counter struct {
	// Airports resolves codes to time zones (and, with Normalize, to one
	// code per airport). Nil means every instant is counted by its UTC day.
	Airports *Airports
	// Normalize rewrites known airports to their IATA code (ICAO when they
	// have none), so OpenSky's OIIE and a BTS-style IKA are one airport.
	Normalize bool
	Groups    Groups

	Series *Series
	// UTCDays counts flights given as instants whose departure airport's
	// time zone is unknown: they are counted by their UTC day.
	UTCDays  int
	Unrouted int // flights without an origin or a destination: not counted
	canon    map[string]string
}

// NewCounter returns a Counter filling a new Series.
func NewCounter(airports *Airports, groups Groups) *Counter {
	return &Counter{Airports: airports, Normalize: airports != nil, Groups: groups, Series: NewSeries(), canon: map[string]string{}}
}

// Canonical is the code a flight's airport is counted under.
func (c *Counter) Canonical(code string) string {
	if v, ok := c.canon[code]; ok {
		return v
	}
	v := canonical(code, c.Airports, c.Normalize, c.Groups)
	if c.canon == nil {
		c.canon = map[string]string{}
	}
	c.canon[code] = v
	return v
}

func canonical(code string, airports *Airports, normalize bool, groups Groups) string {
	up := strings.ToUpper(strings.TrimSpace(code))
	if g, ok := groups[up]; ok {
		return g
	}
	if normalize && airports != nil {
		if ap, ok := airports.Airport(up); ok {
			up = ap.Code()
			if g, ok := groups[up]; ok {
				return g
			}
			// A group may name the ICAO code while the flight gives the IATA one.
			if g, ok := groups[ap.ICAO]; ok {
				return g
			}
		}
	}
	return up
}

// LocalDay is the departure airport's local day of a flight, and whether its
// time zone was known (false: the UTC day).
func (c *Counter) LocalDay(f Flight) (Day, bool) {
	if f.LocalTime {
		return DayOf(f.Dep), true
	}
	if c.Airports != nil {
		if loc, ok := c.Airports.Location(f.Origin); ok {
			return DayOf(f.Dep.In(loc)), true
		}
	}
	return DayOf(f.Dep.In(time.UTC)), false
}

// Add counts one flight.
func (c *Counter) Add(f Flight) {
	if strings.TrimSpace(f.Origin) == "" || strings.TrimSpace(f.Dest) == "" {
		c.Unrouted++
		return
	}
	day, known := c.LocalDay(f)
	if !known {
		c.UTCDays++
	}
	c.Series.Add(c.Canonical(f.Origin), c.Canonical(f.Dest), day, 1)
}
