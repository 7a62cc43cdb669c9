package flights

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strings"
	"time"

	"github.com/triangulate/triangulate/errs"
)

// readsbFile is either a trace (trace_full_ICAO.json: one aircraft, rows of
// [seconds after timestamp, lat, lon, alt|"ground", gs, track, flags, vrate,
// details, …]) or an aircraft.json snapshot (many aircraft at time "now").
type readsbFile struct {
	Icao      string            `json:"icao"`
	Timestamp float64           `json:"timestamp"`
	Trace     []json.RawMessage `json:"trace"`

	Now      float64           `json:"now"`
	Aircraft []json.RawMessage `json:"aircraft"`
}

func readReadsb(path string, rep *Report) ([]Position, error) {
	op := "flights: read " + path
	rc, err := openText(path)
	if err != nil {
		return nil, errs.E(errs.BadInput, op, err)
	}
	defer rc.Close()
	data, err := io.ReadAll(rc)
	if err != nil {
		return nil, errs.E(errs.BadInput, op, err)
	}
	var f readsbFile
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, errs.E(errs.BadInput, op, fmt.Errorf("not readsb JSON: %w", err))
	}
	switch {
	case f.Trace != nil:
		return readsbTrace(&f, rep), nil
	case f.Aircraft != nil:
		return readsbAircraft(&f, rep), nil
	}
	return nil, errs.E(errs.BadInput, op, "JSON has neither \"trace\" nor \"aircraft\"")
}

func readsbTrace(f *readsbFile, rep *Report) []Position {
	var ps []Position
	callsign := ""
	base := f.Timestamp
	for i, raw := range f.Trace {
		var row []any
		if err := json.Unmarshal(raw, &row); err != nil {
			rep.reject(i+1, "trace row", "trace row is not an array: %v", err)
			continue
		}
		if len(row) < 4 {
			rep.reject(i+1, "trace row", "trace row has %d fields, want at least 4", len(row))
			continue
		}
		dt, ok1 := row[0].(float64)
		lat, ok2 := row[1].(float64)
		lon, ok3 := row[2].(float64)
		if !ok1 || !ok2 || !ok3 || math.Abs(lat) > 90 || math.Abs(lon) > 180 {
			rep.reject(i+1, "trace row", "trace row without a valid time and position")
			continue
		}
		p := Position{Icao24: f.Icao, Time: unixFloat(base + dt), Lat: lat, Lon: lon, AltFt: math.NaN()}
		switch a := row[3].(type) {
		case float64:
			p.AltFt = a
		case string:
			if a == "ground" {
				p.OnGround, p.AltFt = true, 0
			}
		}
		if len(row) > 6 {
			if fl, ok := row[6].(float64); ok && int(fl)&2 != 0 {
				p.NewLeg = true
			}
		}
		if len(row) > 8 {
			if d, ok := row[8].(map[string]any); ok {
				if cs, ok := d["flight"].(string); ok && strings.TrimSpace(cs) != "" {
					callsign = strings.TrimSpace(cs)
				}
			}
		}
		p.Callsign = callsign
		rep.ok()
		ps = append(ps, p)
	}
	return ps
}

func readsbAircraft(f *readsbFile, rep *Report) []Position {
	var ps []Position
	for i, raw := range f.Aircraft {
		var a struct {
			Hex     string   `json:"hex"`
			Flight  string   `json:"flight"`
			AltBaro any      `json:"alt_baro"`
			Lat     *float64 `json:"lat"`
			Lon     *float64 `json:"lon"`
			SeenPos *float64 `json:"seen_pos"`
		}
		if err := json.Unmarshal(raw, &a); err != nil {
			rep.reject(i+1, "aircraft entry", "aircraft entry: %v", err)
			continue
		}
		hex := strings.TrimPrefix(strings.TrimSpace(a.Hex), "~")
		if hex == "" {
			rep.reject(i+1, "aircraft entry", "aircraft entry without hex")
			continue
		}
		rep.ok()
		if a.Lat == nil || a.Lon == nil {
			continue // a valid entry that carries no position
		}
		t := f.Now
		if a.SeenPos != nil {
			t -= *a.SeenPos
		}
		p := Position{Icao24: hex, Callsign: strings.TrimSpace(a.Flight), Time: unixFloat(t), Lat: *a.Lat, Lon: *a.Lon, AltFt: math.NaN()}
		switch v := a.AltBaro.(type) {
		case float64:
			p.AltFt = v
		case string:
			if v == "ground" {
				p.OnGround, p.AltFt = true, 0
			}
		}
		ps = append(ps, p)
	}
	return ps
}

func unixFloat(s float64) time.Time {
	sec, frac := math.Modf(s)
	return time.Unix(int64(sec), int64(frac*1e9)).UTC()
}
