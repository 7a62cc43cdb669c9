// Package flights turns flight records into route-day counts. It owns the
// readers (flight lists from OpenSky, Flightradar24, BTS and generic CSV;
// position data from readsb, OpenSky state vectors, SBS-1 and FR24 tracks,
// turned into legs), the route-day Series with explicit coverage (a day
// without coverage is missing, never zero), and the backends that compute
// route-day counts: local (streaming, with a columnar fast path for Parquet)
// and ClickHouse (the aggregation pushed down as SQL).
//
// Days are the departure airport's local days: a flight leaving Tehran at
// 23:30 UTC is counted on the next day, because Tehran is UTC+3:30.
package flights

import (
	"cmp"
	"fmt"
	"strings"
	"time"
)

// Flight is one departure on a route.
type Flight struct {
	Origin, Dest string // airport codes as the source gives them (IATA or ICAO)
	// Dep is the departure time. When LocalTime is true its wall clock is
	// already the departure airport's local time (BTS records are), and its
	// location carries no meaning; otherwise Dep is an instant (UTC).
	Dep       time.Time
	LocalTime bool
	Callsign  string
	Icao24    string
}

// RowError is a record a reader rejected, with where and why.
type RowError struct {
	File   string
	Line   int // 1-based line, or row number for formats without lines
	Reason string
}

func (e RowError) String() string { return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Reason) }

// MaxRowErrors is how many row errors a Report keeps by default; the count
// of rejected rows is always complete.
const MaxRowErrors = 100

// Report accounts for every record a reader saw: Rows = OK + Rejected, always.
type Report struct {
	File     string
	Format   Format
	Rows     int        // records read (lines, rows, positions)
	OK       int        // records accepted
	Rejected int        // records refused, each with a reason
	Errors   []RowError // the first MaxErrors of them
	// Reasons counts every rejected record by the kind of its reason
	// ("wrong number of fields", "date", …), however many Errors keeps.
	Reasons map[string]int
	// MaxErrors caps Errors; 0 means MaxRowErrors.
	MaxErrors int
	// Legs is the number of flight legs inferred from position data, and
	// Unrouted how many of them (or of the flights read) lack an origin or a
	// destination airport and so cannot be counted on a route.
	Legs     int
	Unrouted int
	Notes    []string // things the user should know (e.g. an unsupported encoding)
}

func (r *Report) ok() { r.Rows++; r.OK++ }

// reject records a refused record: kind is a short label of its reason,
// counted in Reasons; format and args give the whole reason.
func (r *Report) reject(line int, kind, format string, args ...any) {
	r.Rows++
	r.Rejected++
	if r.Reasons == nil {
		r.Reasons = map[string]int{}
	}
	r.Reasons[kind]++
	max := r.MaxErrors
	if max == 0 {
		max = MaxRowErrors
	}
	if len(r.Errors) < max {
		r.Errors = append(r.Errors, RowError{File: r.File, Line: line, Reason: fmt.Sprintf(format, args...)})
	}
}

// rejectErr records a record refused by err, whose kind is the text
// before its first ": " (the row readers write "date: …", "departure
// time: …"), or all of it.
func (r *Report) rejectErr(line int, err error) {
	msg := err.Error()
	kind, _, _ := strings.Cut(msg, ": ")
	r.reject(line, kind, "%s", msg)
}

// Merge adds o's counts and reasons to r (the errors up to r's cap).
func (r *Report) Merge(o *Report) {
	r.Rows += o.Rows
	r.OK += o.OK
	r.Rejected += o.Rejected
	for k, n := range o.Reasons {
		if r.Reasons == nil {
			r.Reasons = map[string]int{}
		}
		r.Reasons[k] += n
	}
	for _, e := range o.Errors {
		if len(r.Errors) < cmp.Or(r.MaxErrors, MaxRowErrors) {
			r.Errors = append(r.Errors, e)
		}
	}
}

func (r *Report) note(format string, args ...any) {
	r.Notes = append(r.Notes, fmt.Sprintf(format, args...))
}

// Format names an input format.
type Format string

// Formats. Auto picks one from the file's name and first bytes.
const (
	Auto    Format = "auto"
	OpenSky Format = "opensky" // flight list: icao24, callsign, firstseen, lastseen, estdepartureairport, estarrivalairport, day
	FR24    Format = "fr24"    // Flightradar24 CSV: per-flight track or flight-history list
	Readsb  Format = "readsb"  // readsb/tar1090 trace JSON or aircraft.json
	SBS     Format = "sbs"     // SBS-1 BaseStation lines (dump1090 port 30003)
	BTS     Format = "bts"     // date, origin, destination (CSV or Parquet)
	CSV     Format = "csv"     // generic CSV with a column mapping
	// StateVectors is OpenSky's state_vectors_data4 (Parquet), turned into legs.
	StateVectors Format = "statevectors"
)

// Formats lists the formats a user may name.
var Formats = []Format{Auto, OpenSky, FR24, Readsb, SBS, BTS, CSV, StateVectors}

// ParseFormat checks a format name.
func ParseFormat(s string) (Format, error) {
	for _, f := range Formats {
		if string(f) == s {
			return f, nil
		}
	}
	return "", fmt.Errorf("unknown format %q (want one of auto, opensky, fr24, readsb, sbs, bts, csv, statevectors)", s)
}
