package flights

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/triangulate/triangulate/errs"
)

// Mapping names the columns of a generic CSV: --map origin=dep,dest=arr,time=first_seen.
type Mapping struct {
	Origin, Dest, Time string
	Callsign, Icao24   string
	// TimeFormat is a Go layout, or "unix"; empty tries the usual ones.
	TimeFormat string
	// Local says the times are the departure airport's local time.
	Local bool
}

// ParseMapping reads key=value pairs separated by commas. Keys: origin,
// dest, time, callsign, icao24, timefmt, local (true/false).
func ParseMapping(s string) (Mapping, error) {
	var m Mapping
	for _, kv := range strings.Split(s, ",") {
		k, v, ok := strings.Cut(kv, "=")
		k, v = strings.ToLower(strings.TrimSpace(k)), strings.TrimSpace(v)
		if !ok || v == "" {
			return m, fmt.Errorf("bad column mapping %q (want origin=COL,dest=COL,time=COL)", kv)
		}
		switch k {
		case "origin", "from", "departure":
			m.Origin = v
		case "dest", "destination", "to", "arrival":
			m.Dest = v
		case "time", "date", "dep":
			m.Time = v
		case "callsign":
			m.Callsign = v
		case "icao24":
			m.Icao24 = v
		case "timefmt":
			m.TimeFormat = v
		case "local":
			m.Local = v == "true" || v == "1" || v == "yes"
		default:
			return m, fmt.Errorf("unknown mapping key %q", k)
		}
	}
	if m.Origin == "" || m.Dest == "" || m.Time == "" {
		return m, fmt.Errorf("column mapping needs origin, dest and time")
	}
	return m, nil
}

// csvReader streams a CSV flight list; row turns a record into a flight.
type csvReader struct {
	rc   io.Closer
	r    *csv.Reader
	rep  *Report
	cols map[string]int
	nhdr int
	row  func(rec []string) (Flight, error)
}

func openCSV(path string, format Format, opt Options, rep *Report) (Reader, error) {
	op := "flights: open " + path
	rc, err := openText(path)
	if err != nil {
		return nil, errs.E(errs.BadInput, op, err)
	}
	r := csv.NewReader(rc)
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	r.ReuseRecord = true
	hdr, err := r.Read()
	if err != nil {
		rc.Close()
		return nil, errs.E(errs.BadInput, op, fmt.Errorf("read header: %w", err))
	}
	cr := &csvReader{rc: rc, r: r, rep: rep, cols: map[string]int{}, nhdr: len(hdr)}
	for i, h := range hdr {
		if _, dup := cr.cols[normCol(h)]; !dup {
			cr.cols[normCol(h)] = i
		}
	}
	if cr.row, err = cr.rowFunc(format, opt); err != nil {
		rc.Close()
		return nil, errs.E(errs.BadInput, op, err)
	}
	return cr, nil
}

// col finds the first of names among the header's columns.
func (c *csvReader) col(names ...string) int {
	for _, n := range names {
		if i, ok := c.cols[strings.ToLower(n)]; ok {
			return i
		}
	}
	return -1
}

func (c *csvReader) need(what string, names ...string) (int, error) {
	if i := c.col(names...); i >= 0 {
		return i, nil
	}
	return -1, fmt.Errorf("no %s column (looked for %s)", what, strings.Join(names, ", "))
}

func field(rec []string, i int) string {
	if i < 0 || i >= len(rec) {
		return ""
	}
	return strings.TrimSpace(rec[i])
}

func (c *csvReader) rowFunc(format Format, opt Options) (func([]string) (Flight, error), error) {
	switch format {
	case OpenSky:
		o, err := c.need("departure airport", "estdepartureairport", "origin")
		if err != nil {
			return nil, err
		}
		d, err := c.need("arrival airport", "estarrivalairport", "destination")
		if err != nil {
			return nil, err
		}
		t, err := c.need("departure time", "firstseen")
		if err != nil {
			return nil, err
		}
		cs, ic := c.col("callsign"), c.col("icao24")
		return func(rec []string) (Flight, error) {
			dep, err := parseTime(field(rec, t), "")
			if err != nil {
				return Flight{}, fmt.Errorf("firstseen: %v", err)
			}
			return Flight{Origin: field(rec, o), Dest: field(rec, d), Dep: dep.UTC(),
				Callsign: field(rec, cs), Icao24: field(rec, ic)}, nil
		}, nil
	case BTS:
		o, err := c.need("origin", "origin", "origin_airport")
		if err != nil {
			return nil, err
		}
		d, err := c.need("destination", "destination", "dest", "destination_airport")
		if err != nil {
			return nil, err
		}
		t, err := c.need("date", "date", "fl_date", "flightdate")
		if err != nil {
			return nil, err
		}
		return func(rec []string) (Flight, error) {
			dep, err := parseTime(field(rec, t), "")
			if err != nil {
				return Flight{}, fmt.Errorf("date: %v", err)
			}
			if field(rec, o) == "" || field(rec, d) == "" {
				return Flight{}, errors.New("empty origin or destination")
			}
			return Flight{Origin: field(rec, o), Dest: field(rec, d), Dep: dep, LocalTime: true}, nil
		}, nil
	case FR24:
		return c.fr24List()
	case CSV:
		m := opt.Mapping
		if m.Origin == "" {
			return nil, errors.New("generic CSV needs a column mapping (--map origin=COL,dest=COL,time=COL)")
		}
		o, err := c.need("origin", strings.ToLower(m.Origin))
		if err != nil {
			return nil, err
		}
		d, err := c.need("destination", strings.ToLower(m.Dest))
		if err != nil {
			return nil, err
		}
		t, err := c.need("time", strings.ToLower(m.Time))
		if err != nil {
			return nil, err
		}
		cs, ic := -1, -1
		if m.Callsign != "" {
			cs = c.col(strings.ToLower(m.Callsign))
		}
		if m.Icao24 != "" {
			ic = c.col(strings.ToLower(m.Icao24))
		}
		return func(rec []string) (Flight, error) {
			dep, err := parseTime(field(rec, t), m.TimeFormat)
			if err != nil {
				return Flight{}, fmt.Errorf("%s: %v", m.Time, err)
			}
			if !m.Local {
				dep = dep.UTC()
			}
			if field(rec, o) == "" || field(rec, d) == "" {
				return Flight{}, errors.New("empty origin or destination")
			}
			return Flight{Origin: field(rec, o), Dest: field(rec, d), Dep: dep, LocalTime: m.Local,
				Callsign: field(rec, cs), Icao24: field(rec, ic)}, nil
		}, nil
	}
	return nil, fmt.Errorf("format %s is not a CSV flight list", format)
}

// fr24Code finds an airport code in an FR24 cell: "Tehran (IKA)",
// "Tehran (IKA/OIIE)", or a bare code.
var fr24Code = regexp.MustCompile(`\(([A-Z0-9]{3,4})(?:/([A-Z0-9]{4}))?\)\s*$|^([A-Z0-9]{3,4})$`)

func fr24Airport(s string) string {
	m := fr24Code.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return ""
	}
	if m[1] != "" {
		return m[1]
	}
	return m[3]
}

// fr24List reads a Flightradar24 flight-history export: DATE, FROM, TO,
// FLIGHT, STD, ATD, … Times are UTC. A row with a date but no time is
// counted on that date as given (FR24 lists dates by local day).
func (c *csvReader) fr24List() (func([]string) (Flight, error), error) {
	o, err := c.need("origin", "from", "origin")
	if err != nil {
		return nil, err
	}
	d, err := c.need("destination", "to", "destination")
	if err != nil {
		return nil, err
	}
	date := c.col("date")
	atd, std := c.col("atd"), c.col("std")
	if date < 0 && atd < 0 && std < 0 {
		return nil, errors.New("no DATE, ATD or STD column")
	}
	cs := c.col("flight", "callsign")
	return func(rec []string) (Flight, error) {
		f := Flight{Origin: fr24Airport(field(rec, o)), Dest: fr24Airport(field(rec, d)), Callsign: field(rec, cs)}
		if f.Origin == "" || f.Dest == "" {
			return Flight{}, fmt.Errorf("no airport code: %q → %q", field(rec, o), field(rec, d))
		}
		day := field(rec, date)
		for _, col := range []int{atd, std} {
			v := field(rec, col)
			if v == "" || v == "—" || v == "-" {
				continue
			}
			if !strings.ContainsAny(v, "-/") && day != "" { // a bare clock time
				v = day + " " + v
			}
			t, err := parseTime(v, "")
			if err != nil {
				return Flight{}, fmt.Errorf("departure time: %v", err)
			}
			f.Dep = t.UTC()
			return f, nil
		}
		t, err := parseTime(day, "")
		if err != nil {
			return Flight{}, fmt.Errorf("date: %v", err)
		}
		f.Dep, f.LocalTime = t, true
		return f, nil
	}, nil
}

func (c *csvReader) Next() (Flight, error) {
	for {
		rec, err := c.r.Read()
		line, _ := c.r.FieldPos(0)
		if err == io.EOF {
			return Flight{}, io.EOF
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				c.rep.reject(pe.StartLine, "CSV syntax", "%v", pe.Err)
				continue
			}
			return Flight{}, fmt.Errorf("flights: read %s: %w", c.rep.File, err)
		}
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue // blank line
		}
		if end := multiLine(rec); end > 0 {
			// Legal CSV, but a flight list never quotes a line break: an
			// unbalanced quote has swallowed the lines after it. Say so.
			c.rep.reject(line, "unbalanced quote", "a quoted field runs over %d lines, %d to %d (unbalanced quote?): all are rejected with this row", end+1, line, line+end)
			continue
		}
		if len(rec) != c.nhdr {
			// Too many fields is as wrong as too few: the columns no longer
			// line up with the header, so any value read may be another's.
			c.rep.reject(line, "wrong number of fields", "%d fields, the header has %d", len(rec), c.nhdr)
			continue
		}
		f, err := c.row(rec)
		if err != nil {
			c.rep.rejectErr(line, err)
			continue
		}
		c.rep.ok()
		if f.Origin == "" || f.Dest == "" {
			c.rep.Unrouted++
		}
		return f, nil
	}
}

// multiLine is the number of line breaks inside the record's fields.
func multiLine(rec []string) int {
	n := 0
	for _, f := range rec {
		n += strings.Count(strings.TrimRight(f, "\r\n"), "\n")
	}
	return n
}

func (c *csvReader) Report() *Report { return c.rep }
func (c *csvReader) Close() error    { return c.rc.Close() }
