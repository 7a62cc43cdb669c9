// Package calendar knows the observances that move travel: Gregorian fixed
// and moveable holidays (US federal days and Easter), the Hijri calendar with
// the Shia observances that move pilgrim traffic between Iraq and Iran, and
// the Iranian solar calendar. It answers one question for the anomaly test:
// which observances lie near a given day and could explain an unusual count.
//
// Rules are data (observances.tsv, embedded); Load reads more rules in the
// same format, so a knowledge pack can add a country without code.
//
// Hijri dates are computed with the Umm al-Qura calendar
// (github.com/hablullah/go-hijri). Iraq and Iran fix Hijri months by moon
// sighting, so their observance can fall a day before or after the Umm
// al-Qura date: such observances carry Uncertain = 1 and Near widens its
// window by that much. Solar Hijri dates use
// github.com/yaa110/go-persian-calendar.
package calendar

import (
	"bufio"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	hijri "github.com/hablullah/go-hijri"
	ptime "github.com/yaa110/go-persian-calendar"
)

// Calendar systems an Observance can come from.
const (
	Gregorian  = "gregorian"
	Hijri      = "hijri"
	SolarHijri = "solar-hijri"
)

// Observance is one occurrence of a holiday or religious observance.
type Observance struct {
	Date      time.Time // the day, at midnight UTC
	Name      string
	Calendar  string // gregorian, hijri or solar-hijri
	Country   string // ISO codes where it is kept, comma-separated ("US", "IQ,IR")
	Tradition string // civic, Christianity, Islam, Shia Islam, Iranian
	Major     bool   // moves travel noticeably
	Local     string // the date in its own calendar, e.g. "13 Rajab 1447"
	Uncertain int    // days either side the local date may differ (moon sighting)
	Note      string
}

// Day returns the observance's date as YYYY-MM-DD.
func (o Observance) Day() string { return o.Date.Format(time.DateOnly) }

// DaysFrom returns how many days day lies after the observance (negative when before).
func (o Observance) DaysFrom(day time.Time) int {
	return int(Truncate(day).Sub(o.Date).Hours() / 24)
}

// Observed reports whether o is kept in any of countries (all when none given).
func (o Observance) Observed(countries ...string) bool {
	if len(countries) == 0 {
		return true
	}
	for _, c := range strings.Split(o.Country, ",") {
		for _, want := range countries {
			if strings.EqualFold(c, want) {
				return true
			}
		}
	}
	return false
}

// String renders the observance for a terminal line.
func (o Observance) String() string {
	s := o.Day() + " " + o.Name
	if o.Uncertain > 0 {
		s += fmt.Sprintf(" (±%d day by moon sighting)", o.Uncertain)
	}
	return s + " [" + o.Country + "]"
}

type observanceJSON struct {
	Date      string `json:"date"`
	Name      string `json:"name"`
	Calendar  string `json:"calendar"`
	Country   string `json:"country"`
	Tradition string `json:"tradition"`
	Major     bool   `json:"major"`
	Local     string `json:"local,omitempty"`
	Uncertain int    `json:"uncertain_days,omitempty"`
	Note      string `json:"note,omitempty"`
}

// MarshalJSON writes the date as YYYY-MM-DD.
func (o Observance) MarshalJSON() ([]byte, error) {
	return json.Marshal(observanceJSON{o.Day(), o.Name, o.Calendar, o.Country, o.Tradition,
		o.Major, o.Local, o.Uncertain, o.Note})
}

// UnmarshalJSON reads what MarshalJSON writes.
func (o *Observance) UnmarshalJSON(b []byte) error {
	var j observanceJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	d, err := time.Parse(time.DateOnly, j.Date)
	if err != nil {
		return fmt.Errorf("calendar: observance date: %w", err)
	}
	*o = Observance{d, j.Name, j.Calendar, j.Country, j.Tradition, j.Major, j.Local, j.Uncertain, j.Note}
	return nil
}

// Rule is one line of a rules file: how to find an observance's dates.
type Rule struct {
	Kind      string // fixed, fixed-observed, nth, easter, hijri, solar
	When      string
	Name      string
	Country   string
	Tradition string
	Major     bool
	Note      string
	// FromYear and ToYear bound the Gregorian years the rule holds (0: open).
	FromYear, ToYear int

	// parsed from When
	month, day, nth int
	weekday         time.Weekday
	last            bool
}

//go:embed observances.tsv
var defaultRules string

// Calendar holds a set of rules.
type Calendar struct{ rules []Rule }

// New returns a calendar with the given rules.
func New(rules ...Rule) *Calendar { return &Calendar{rules: rules} }

var defaultCalendar = sync.OnceValue(func() *Calendar {
	rules, err := Load(strings.NewReader(defaultRules))
	if err != nil {
		panic("calendar: embedded rules: " + err.Error()) // a build defect, caught by tests
	}
	return New(rules...)
})

// Default returns the calendar of the embedded rules (US, Iraq, Iran).
func Default() *Calendar { return defaultCalendar() }

// With returns a calendar holding c's rules and more.
func (c *Calendar) With(rules ...Rule) *Calendar {
	return New(append(slices.Clip(c.rules), rules...)...)
}

// Load parses rules in the tab-separated format of observances.tsv.
func Load(r io.Reader) ([]Rule, error) {
	var rules []Rule
	sc := bufio.NewScanner(r)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) < 6 {
			return nil, fmt.Errorf("calendar: line %d: want at least 6 tab-separated fields, got %d", n, len(f))
		}
		ru := Rule{Kind: f[0], When: f[1], Name: f[2], Country: f[3], Tradition: f[4], Major: f[5] == "yes"}
		if len(f) > 6 {
			ru.Note = f[6]
		}
		if len(f) > 7 && f[7] != "" {
			a, b, ok := strings.Cut(f[7], "-")
			var err1, err2 error
			if a != "" {
				ru.FromYear, err1 = strconv.Atoi(a)
			}
			if b != "" {
				ru.ToYear, err2 = strconv.Atoi(b)
			}
			if !ok || err1 != nil || err2 != nil {
				return nil, fmt.Errorf("calendar: line %d: years %q: want FROM-, -TO or FROM-TO", n, f[7])
			}
		}
		if err := ru.parse(); err != nil {
			return nil, fmt.Errorf("calendar: line %d: %w", n, err)
		}
		rules = append(rules, ru)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("calendar: read rules: %w", err)
	}
	return rules, nil
}

func (ru *Rule) parse() error {
	switch ru.Kind {
	case "fixed", "fixed-observed", "hijri", "solar":
		m, d, ok := strings.Cut(ru.When, "-")
		if !ok {
			return fmt.Errorf("%s rule %q: want MM-DD", ru.Kind, ru.When)
		}
		var err error
		if ru.month, err = strconv.Atoi(m); err != nil || ru.month < 1 || ru.month > 12 {
			return fmt.Errorf("%s rule %q: bad month", ru.Kind, ru.When)
		}
		if d == "last" && ru.Kind == "hijri" {
			ru.last = true
			return nil
		}
		if ru.day, err = strconv.Atoi(d); err != nil || ru.day < 1 || ru.day > 31 {
			return fmt.Errorf("%s rule %q: bad day", ru.Kind, ru.When)
		}
	case "nth":
		f := strings.Split(ru.When, "/")
		if len(f) != 3 {
			return fmt.Errorf("nth rule %q: want MM/N/Weekday", ru.When)
		}
		var err error
		if ru.month, err = strconv.Atoi(f[0]); err != nil || ru.month < 1 || ru.month > 12 {
			return fmt.Errorf("nth rule %q: bad month", ru.When)
		}
		if ru.nth, err = strconv.Atoi(f[1]); err != nil || ru.nth == 0 || ru.nth < -1 || ru.nth > 5 {
			return fmt.Errorf("nth rule %q: bad ordinal", ru.When)
		}
		wd, ok := weekdays[strings.ToLower(f[2])]
		if !ok {
			return fmt.Errorf("nth rule %q: bad weekday", ru.When)
		}
		ru.weekday = wd
	case "easter":
		d, err := strconv.Atoi(ru.When)
		if err != nil {
			return fmt.Errorf("easter rule %q: want a day offset", ru.When)
		}
		ru.day = d
	default:
		return fmt.Errorf("unknown rule kind %q", ru.Kind)
	}
	return nil
}

var weekdays = map[string]time.Weekday{"sun": time.Sunday, "mon": time.Monday, "tue": time.Tuesday,
	"wed": time.Wednesday, "thu": time.Thursday, "fri": time.Friday, "sat": time.Saturday}

// Truncate returns t's calendar day at midnight UTC (its own location's day).
func Truncate(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// Observances returns the default calendar's observances from from to to
// (inclusive), kept in any of countries (all when none are given).
func Observances(from, to time.Time, countries ...string) []Observance {
	return Default().Observances(from, to, countries...)
}

// Near returns the default calendar's observances that could explain day:
// those from before days before it to after days after it, widened by each
// observance's sighting uncertainty.
func Near(day time.Time, before, after int, countries ...string) []Observance {
	return Default().Near(day, before, after, countries...)
}

// Near returns c's observances from before days before day to after days
// after it (an observance that may be kept a day off by moon sighting counts
// when any of its possible dates falls inside), nearest first.
func (c *Calendar) Near(day time.Time, before, after int, countries ...string) []Observance {
	day = Truncate(day)
	from, to := day.AddDate(0, 0, -before), day.AddDate(0, 0, after)
	obs := c.Observances(from.AddDate(0, 0, -maxUncertain), to.AddDate(0, 0, maxUncertain), countries...)
	var out []Observance
	for _, o := range obs {
		lo, hi := o.Date.AddDate(0, 0, -o.Uncertain), o.Date.AddDate(0, 0, o.Uncertain)
		if !hi.Before(from) && !lo.After(to) {
			out = append(out, o)
		}
	}
	slices.SortStableFunc(out, func(a, b Observance) int {
		da, db := abs(a.DaysFrom(day)), abs(b.DaysFrom(day))
		if da != db {
			return da - db
		}
		return a.Date.Compare(b.Date)
	})
	return out
}

const maxUncertain = 1

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// Observances returns c's observances from from to to (inclusive), sorted by
// date then name, kept in any of countries (all when none are given).
func (c *Calendar) Observances(from, to time.Time, countries ...string) []Observance {
	from, to = Truncate(from), Truncate(to)
	if to.Before(from) {
		return nil
	}
	var out []Observance
	for _, ru := range c.rules {
		add := func(o Observance) {
			y := o.Date.Year()
			if (ru.FromYear != 0 && y < ru.FromYear) || (ru.ToYear != 0 && y > ru.ToYear) {
				return
			}
			if !o.Date.Before(from) && !o.Date.After(to) && o.Observed(countries...) {
				out = append(out, o)
			}
		}
		base := Observance{Name: ru.Name, Country: ru.Country, Tradition: ru.Tradition, Major: ru.Major, Note: ru.Note}
		if !base.Observed(countries...) {
			continue
		}
		switch ru.Kind {
		case "fixed", "fixed-observed", "nth", "easter":
			base.Calendar = Gregorian
			for y := from.Year(); y <= to.Year(); y++ {
				for _, o := range ru.gregorian(y, base) {
					add(o)
				}
			}
		case "hijri":
			base.Calendar = Hijri
			ru.hijri(from, to, base, add)
		case "solar":
			base.Calendar = SolarHijri
			ru.solar(from, to, base, add)
		}
	}
	slices.SortStableFunc(out, func(a, b Observance) int {
		if c := a.Date.Compare(b.Date); c != 0 {
			return c
		}
		return strings.Compare(a.Name, b.Name)
	})
	return out
}

func (ru *Rule) gregorian(y int, base Observance) []Observance {
	o := base
	switch ru.Kind {
	case "fixed", "fixed-observed":
		o.Date = time.Date(y, time.Month(ru.month), ru.day, 0, 0, 0, 0, time.UTC)
		if o.Date.Month() != time.Month(ru.month) { // Feb 29 in a common year
			return nil
		}
		if ru.Kind == "fixed-observed" {
			shift := 0
			switch o.Date.Weekday() {
			case time.Saturday:
				shift = -1
			case time.Sunday:
				shift = 1
			}
			if shift != 0 {
				obs := o
				obs.Date = o.Date.AddDate(0, 0, shift)
				obs.Name = o.Name + " (observed)"
				obs.Note = "Federal holiday observed on " + obs.Date.Weekday().String() + " because " + o.Day() + " is a " + o.Date.Weekday().String()
				return []Observance{o, obs}
			}
		}
	case "nth":
		o.Date = nthWeekday(y, time.Month(ru.month), ru.nth, ru.weekday)
	case "easter":
		o.Date = Easter(y).AddDate(0, 0, ru.day)
	}
	return []Observance{o}
}

// nthWeekday returns the n-th given weekday of a month (n = -1: the last).
func nthWeekday(y int, m time.Month, n int, wd time.Weekday) time.Time {
	if n < 0 {
		last := time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC)
		return last.AddDate(0, 0, -((int(last.Weekday()) - int(wd) + 7) % 7))
	}
	first := time.Date(y, m, 1, 0, 0, 0, 0, time.UTC)
	return first.AddDate(0, 0, (int(wd)-int(first.Weekday())+7)%7+7*(n-1))
}

// Easter returns Western (Gregorian) Easter Sunday of year y, by the
// anonymous Gregorian algorithm (Meeus/Jones/Butcher).
func Easter(y int) time.Time {
	a := y % 19
	b, c := y/100, y%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return time.Date(y, time.Month(month), day, 0, 0, 0, 0, time.UTC)
}

// The Umm al-Qura tables of go-hijri cover 1937-03-14 .. 2077-11-16.
var (
	ummAlQuraFirst = time.Date(1937, 3, 14, 0, 0, 0, 0, time.UTC)
	ummAlQuraLast  = time.Date(2077, 11, 16, 0, 0, 0, 0, time.UTC)
)

var hijriMonths = [...]string{"", "Muharram", "Safar", "Rabi al-Awwal", "Rabi al-Thani", "Jumada al-Awwal",
	"Jumada al-Thani", "Rajab", "Sha'ban", "Ramadan", "Shawwal", "Dhu al-Qadah", "Dhu al-Hijjah"}

const sightingNote = "Umm al-Qura date; Iraq and Iran fix Hijri months by moon sighting, so it may be kept a day earlier or later there"

func (ru *Rule) hijri(from, to time.Time, base Observance, add func(Observance)) {
	lo, hi := from.AddDate(0, 0, -31), to.AddDate(0, 0, 31)
	if lo.Before(ummAlQuraFirst) {
		lo = ummAlQuraFirst
	}
	if hi.After(ummAlQuraLast) {
		hi = ummAlQuraLast
	}
	if hi.Before(lo) {
		return
	}
	first, err1 := hijri.CreateUmmAlQuraDate(lo)
	last, err2 := hijri.CreateUmmAlQuraDate(hi)
	if err1 != nil || err2 != nil {
		return
	}
	for y := first.Year; y <= last.Year; y++ {
		var d time.Time
		var local string
		if ru.last {
			// The month's last day is the day before the next month's first.
			ny, nm := y, int64(ru.month)+1
			if nm > 12 {
				ny, nm = y+1, 1
			}
			next, ok := ummAlQura(ny, nm, 1)
			if !ok {
				continue
			}
			d = next.AddDate(0, 0, -1)
			h, err := hijri.CreateUmmAlQuraDate(d)
			if err != nil {
				continue
			}
			local = fmt.Sprintf("%d %s %d", h.Day, hijriMonths[ru.month], y)
		} else {
			var ok bool
			if d, ok = ummAlQura(y, int64(ru.month), int64(ru.day)); !ok {
				continue
			}
			local = fmt.Sprintf("%d %s %d", ru.day, hijriMonths[ru.month], y)
		}
		o := base
		o.Date, o.Local, o.Uncertain = d, local+" AH", 1
		if o.Note != "" {
			o.Note += ". "
		}
		o.Note += sightingNote + fmt.Sprintf(" (%s..%s)", d.AddDate(0, 0, -1).Format(time.DateOnly), d.AddDate(0, 0, 1).Format(time.DateOnly))
		add(o)
	}
}

// ummAlQura converts a Umm al-Qura date, reporting false outside the tables.
func ummAlQura(y, m, d int64) (t time.Time, ok bool) {
	if y < 1356 || y > 1500 {
		return time.Time{}, false
	}
	defer func() {
		if recover() != nil { // the library indexes its table without a bounds check
			ok = false
		}
	}()
	g := hijri.UmmAlQuraDate{Year: y, Month: m, Day: d}.ToGregorian()
	return Truncate(g), true
}

var solarMonths = [...]string{"", "Farvardin", "Ordibehesht", "Khordad", "Tir", "Mordad", "Shahrivar",
	"Mehr", "Aban", "Azar", "Dey", "Bahman", "Esfand"}

func (ru *Rule) solar(from, to time.Time, base Observance, add func(Observance)) {
	y0 := ptime.New(from).Year()
	y1 := ptime.New(to).Year()
	for y := y0; y <= y1; y++ {
		p := ptime.Date(y, ptime.Month(ru.month), ru.day, 12, 0, 0, 0, time.UTC)
		if p.Month() != ptime.Month(ru.month) || p.Day() != ru.day { // 30 Esfand in a common year
			continue
		}
		o := base
		o.Date = Truncate(p.Time())
		o.Local = fmt.Sprintf("%d %s %d SH", ru.day, solarMonths[ru.month], y)
		add(o)
	}
}
