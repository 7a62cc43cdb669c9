package flights

import (
	"fmt"
	"strings"
	"time"
)

// Day is a calendar day, counted from 1970-01-01 (day 0).
type Day int32

// DayOf is the calendar day of t's wall clock in t's location.
func DayOf(t time.Time) Day {
	y, m, d := t.Date()
	return Day(floorDiv(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix(), 86400))
}

// ParseDay reads YYYY-MM-DD.
func ParseDay(s string) (Day, error) {
	t, err := time.Parse(time.DateOnly, strings.TrimSpace(s))
	if err != nil {
		return 0, fmt.Errorf("bad day %q (want YYYY-MM-DD)", s)
	}
	return DayOf(t), nil
}

// Time is midnight UTC of the day.
func (d Day) Time() time.Time { return time.Unix(int64(d)*86400, 0).UTC() }

func (d Day) String() string { return d.Time().Format(time.DateOnly) }

func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

// DayRange is an inclusive range of days.
type DayRange struct{ From, To Day }

// ParseDayRange reads FROM..TO (inclusive) or a single day.
func ParseDayRange(s string) (DayRange, error) {
	from, to, found := strings.Cut(s, "..")
	if !found {
		to = from
	}
	f, err := ParseDay(from)
	if err != nil {
		return DayRange{}, err
	}
	t, err := ParseDay(to)
	if err != nil {
		return DayRange{}, err
	}
	if t < f {
		return DayRange{}, fmt.Errorf("bad range %q: end before start", s)
	}
	return DayRange{f, t}, nil
}

func (r DayRange) String() string {
	if r.From == r.To {
		return r.From.String()
	}
	return r.From.String() + ".." + r.To.String()
}

// Days is the number of days in the range.
func (r DayRange) Days() int { return int(r.To-r.From) + 1 }

// ranges turns a per-day flag into maximal runs.
func ranges(first Day, flags []bool) []DayRange {
	var out []DayRange
	for i := 0; i < len(flags); i++ {
		if !flags[i] {
			continue
		}
		j := i
		for j+1 < len(flags) && flags[j+1] {
			j++
		}
		out = append(out, DayRange{first + Day(i), first + Day(j)})
		i = j
	}
	return out
}
