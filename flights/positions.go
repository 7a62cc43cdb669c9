package flights

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/triangulate/triangulate/errs"
)

// Position is one report of an aircraft's position (ADS-B, MLAT, …).
type Position struct {
	Icao24, Callsign string
	Time             time.Time
	Lat, Lon         float64
	AltFt            float64 // barometric altitude in feet; NaN when unknown
	OnGround         bool
	NewLeg           bool // the source says a new leg starts here (readsb flag 2)
}

// LegOptions tune how tracks are cut into legs and matched to airports.
type LegOptions struct {
	MaxGap time.Duration // a longer silence ends a leg (default 30 min)…
	// …unless the aircraft was at cruise on both sides of it (at or above
	// CruiseFt, default 10,000 ft) and the silence is shorter than
	// MaxCruiseGap (default 3 h): coverage holes over sea or desert are
	// common, and an airliner seen at FL320 before and after 48 minutes of
	// silence has not landed in between.
	CruiseFt     float64
	MaxCruiseGap time.Duration
	NearKm       float64 // an airport must be this close to a takeoff or landing point (default 10)
	LowFt        float64 // below this a point counts as near the ground (default 2,000 ft)
}

func (o LegOptions) withDefaults() LegOptions {
	o.MaxGap = cmp.Or(o.MaxGap, 30*time.Minute)
	o.NearKm = cmp.Or(o.NearKm, 10)
	o.LowFt = cmp.Or(o.LowFt, 2000)
	o.CruiseFt = cmp.Or(o.CruiseFt, 10000)
	o.MaxCruiseGap = cmp.Or(o.MaxCruiseGap, 3*time.Hour)
	return o
}

// Leg is one flight inferred from a track. Origin or Dest is empty when the
// track does not start or end near the ground close to a known airport
// (for example when coverage starts mid-flight).
type Leg struct {
	Icao24, Callsign    string
	Start, End          time.Time // takeoff (or first point) and landing (or last point)
	Origin, Dest        string    // airport codes, or ""
	OriginKm, DestKm    float64   // distance of the takeoff/landing point to the airport
	Points              int
	TakeoffSeen, Landed bool // the track shows the takeoff / the landing
}

// InferLegs cuts positions into legs, as the traffic library's takeoff and
// landing logic does: per aircraft, in time order, a leg is an airborne run;
// it ends where the aircraft is on the ground, where the source flags a new
// leg, or after a silence longer than MaxGap (unless the aircraft stayed at
// cruise altitude across it; see LegOptions). The departure airport is the
// one nearest the last ground point before the run (or the first airborne
// point if it is below LowFt), within NearKm; the arrival airport likewise at
// the end.
func InferLegs(ps []Position, airports *Airports, opt LegOptions) []Leg {
	opt = opt.withDefaults()
	byAC := map[string][]Position{}
	var order []string
	for _, p := range ps {
		if math.IsNaN(p.Lat) || math.IsNaN(p.Lon) {
			continue
		}
		k := strings.ToLower(p.Icao24)
		if _, ok := byAC[k]; !ok {
			order = append(order, k)
		}
		byAC[k] = append(byAC[k], p)
	}
	slices.Sort(order)
	var legs []Leg
	for _, k := range order {
		track := byAC[k]
		slices.SortStableFunc(track, func(a, b Position) int { return a.Time.Compare(b.Time) })
		legs = append(legs, legsOf(track, airports, opt)...)
	}
	return legs
}

func grounded(p Position, opt LegOptions) bool {
	return p.OnGround && (math.IsNaN(p.AltFt) || p.AltFt < opt.LowFt)
}

func legsOf(t []Position, airports *Airports, opt LegOptions) []Leg {
	var legs []Leg
	i := 0
	for i < len(t) {
		// Skip ground points; remember the last one as a takeoff candidate.
		for i < len(t) && grounded(t[i], opt) {
			i++
		}
		if i >= len(t) {
			break
		}
		start := i
		j := i
		for j+1 < len(t) && !grounded(t[j+1], opt) && !t[j+1].NewLeg && !gapEndsLeg(t[j], t[j+1], opt) {
			j++
		}
		leg := Leg{Icao24: t[start].Icao24, Start: t[start].Time, End: t[j].Time, Points: j - start + 1}
		// The last callsign wins: readsb carries a callsign forward until
		// the next identification message, which may come well into a leg.
		for k := j; k >= start; k-- {
			if cs := strings.TrimSpace(t[k].Callsign); cs != "" {
				leg.Callsign = cs
				break
			}
		}
		// Takeoff point: the ground point just before, if close in time
		// and not across a leg break; else the first point if low.
		var dep, arr *Position
		if start > 0 && grounded(t[start-1], opt) && !t[start].NewLeg && t[start].Time.Sub(t[start-1].Time) <= opt.MaxGap {
			dep = &t[start-1]
		} else if low(t[start], opt) {
			dep = &t[start]
		}
		if j+1 < len(t) && grounded(t[j+1], opt) && t[j+1].Time.Sub(t[j].Time) <= opt.MaxGap {
			arr = &t[j+1]
			leg.End = t[j+1].Time
		} else if low(t[j], opt) {
			arr = &t[j]
		}
		if dep != nil {
			leg.TakeoffSeen = true
			if ap, km, ok := airports.Nearest(dep.Lat, dep.Lon, opt.NearKm); ok {
				leg.Origin, leg.OriginKm = ap.Code(), km
			}
		}
		if arr != nil {
			leg.Landed = true
			if ap, km, ok := airports.Nearest(arr.Lat, arr.Lon, opt.NearKm); ok {
				leg.Dest, leg.DestKm = ap.Code(), km
			}
		}
		// A single isolated airborne point is noise, not a flight.
		if leg.Points > 1 || (dep != nil && arr != nil) {
			legs = append(legs, leg)
		}
		i = j + 1
	}
	return legs
}

// gapEndsLeg says whether the silence between two airborne points may hide
// a landing.
func gapEndsLeg(a, b Position, opt LegOptions) bool {
	gap := b.Time.Sub(a.Time)
	if gap <= opt.MaxGap {
		return false
	}
	cruise := a.AltFt >= opt.CruiseFt && b.AltFt >= opt.CruiseFt // false for NaN
	return !cruise || gap > opt.MaxCruiseGap
}

func low(p Position, opt LegOptions) bool {
	return p.OnGround || (!math.IsNaN(p.AltFt) && p.AltFt < opt.LowFt)
}

// Flight is the leg as a flight, departing at its takeoff.
func (l Leg) Flight() Flight {
	return Flight{Origin: l.Origin, Dest: l.Dest, Dep: l.Start.UTC(), Callsign: l.Callsign, Icao24: l.Icao24}
}

// ReadPositions reads every position of a position-data file: readsb trace
// or aircraft.json, SBS-1 lines, an FR24 track CSV, or OpenSky state vectors.
func ReadPositions(path string, format Format, opt Options) ([]Position, *Report, error) {
	if format == "" || format == Auto {
		f, err := Detect(path)
		if err != nil {
			return nil, nil, err
		}
		format = f
	}
	rep := &Report{File: path, Format: format, MaxErrors: opt.MaxErrors}
	var ps []Position
	var err error
	switch {
	case isParquet(path):
		ps, err = readStateVectors(path, rep)
	case format == Readsb:
		ps, err = readReadsb(path, rep)
	case format == SBS:
		ps, err = readSBS(path, opt.SBSZone, rep)
	case format == FR24:
		ps, err = readFR24Track(path, rep)
	default:
		return nil, nil, errs.E(errs.BadInput, "flights: read "+path, "format "+string(format)+" holds no positions")
	}
	return ps, rep, err
}

// IsPositionFormat reports whether a file of this format holds positions
// (to be pooled across files and cut into legs) rather than flights.
func IsPositionFormat(path string, format Format) bool {
	switch format {
	case Readsb, SBS, StateVectors:
		return true
	case FR24:
		if isParquet(path) {
			return false
		}
		h, _ := firstLine(path)
		return isFR24Track(h)
	}
	return false
}

func openPositions(path string, format Format, opt Options, rep *Report) (Reader, error) {
	ps, r, err := ReadPositions(path, format, opt)
	if err != nil {
		return nil, err
	}
	*rep = *r
	return LegReader(ps, opt, rep), nil
}

// LegReader infers legs from positions (possibly pooled from several files)
// and serves them as flights; rep gets the leg counts.
func LegReader(ps []Position, opt Options, rep *Report) Reader {
	legs := InferLegs(ps, opt.Airports, opt.Legs)
	fs := make([]Flight, 0, len(legs))
	for _, l := range legs {
		fs = append(fs, l.Flight())
		if l.Origin == "" || l.Dest == "" {
			rep.Unrouted++
		}
	}
	rep.Legs += len(legs)
	if opt.Airports == nil || opt.Airports.Len() == 0 {
		rep.note("no airport data: legs' airports cannot be inferred")
	}
	return &sliceReader{flights: fs, rep: rep}
}
