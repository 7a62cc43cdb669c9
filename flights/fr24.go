package flights

import (
	"encoding/csv"
	"errors"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/triangulate/triangulate/errs"
)

// readFR24Track reads a Flightradar24 per-flight CSV export:
//
//	Timestamp,UTC,Callsign,Position,Altitude,Speed,Direction
//	1704180175,2024-01-02T07:22:55Z,JAL516,"42.787994,141.685074",0,0,73
//
// FR24 has no on-ground flag in these exports; it reports altitude 0 on the
// ground, so altitude 0 is taken as on the ground.
func readFR24Track(path string, rep *Report) ([]Position, error) {
	op := "flights: read " + path
	rc, err := openText(path)
	if err != nil {
		return nil, errs.E(errs.BadInput, op, err)
	}
	defer rc.Close()
	r := csv.NewReader(rc)
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	hdr, err := r.Read()
	if err != nil {
		return nil, errs.E(errs.BadInput, op, err)
	}
	col := map[string]int{}
	for i, h := range hdr {
		col[normCol(h)] = i
	}
	ti, hasT := col["timestamp"]
	ui, hasU := col["utc"]
	pi, hasP := col["position"]
	ai, hasA := col["altitude"]
	ci, hasC := col["callsign"]
	if !(hasT || hasU) || !hasP || !hasA {
		return nil, errs.E(errs.BadInput, op, "not an FR24 track: need Timestamp or UTC, Position and Altitude columns")
	}
	if !hasT {
		ti = -1
	}
	if !hasU {
		ui = -1
	}
	if !hasC {
		ci = -1
	}
	icao := DatasetName(path)
	var ps []Position
	for {
		rec, err := r.Read()
		line, _ := r.FieldPos(0)
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				rep.reject(pe.StartLine, "CSV syntax", "%v", pe.Err)
				continue
			}
			return ps, errs.E(errs.BadInput, op, err)
		}
		if len(rec) != len(hdr) {
			rep.reject(line, "wrong number of fields", "%d fields, the header has %d", len(rec), len(hdr))
			continue
		}
		tsS := field(rec, ti)
		if tsS == "" {
			tsS = field(rec, ui)
		}
		ts, err := parseTime(tsS, "")
		if err != nil {
			rep.reject(line, "time", "time: %v", err)
			continue
		}
		latS, lonS, ok := strings.Cut(field(rec, pi), ",")
		lat, err1 := strconv.ParseFloat(strings.TrimSpace(latS), 64)
		lon, err2 := strconv.ParseFloat(strings.TrimSpace(lonS), 64)
		if !ok || err1 != nil || err2 != nil || math.Abs(lat) > 90 || math.Abs(lon) > 180 {
			rep.reject(line, "position", "bad position %q", field(rec, pi))
			continue
		}
		alt, err := strconv.ParseFloat(field(rec, ai), 64)
		if err != nil {
			rep.reject(line, "altitude", "bad altitude %q", field(rec, ai))
			continue
		}
		cs := field(rec, ci)
		rep.ok()
		// One export is one flight of one aircraft; FR24 gives no ICAO
		// address, so the callsign (or the file) identifies the track.
		id := cs
		if id == "" {
			id = icao
		}
		ps = append(ps, Position{Icao24: id, Callsign: cs, Time: ts.UTC(), Lat: lat, Lon: lon, AltFt: alt, OnGround: alt <= 0})
	}
	return ps, nil
}
