package flights

import (
	"bufio"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/triangulate/triangulate/errs"
)

// readSBS reads SBS-1 BaseStation lines (dump1090's port 30003):
//
//	MSG,3,1,1,4CA2D6,1,2016/02/23,13:35:33.360,2016/02/23,13:35:33.360,,37000,,,51.45735,-1.02826,,,0,0,0,0
//
// Parsing is lenient, because dump1090 and its forks deviate from
// BaseStation: trailing fields may be missing, flags may be -1 or 1 for
// true, dates may use '-' or '/', milliseconds may be absent, hex idents of
// non-ICAO (TIS-B) addresses start with '~', and CR line ends occur. Only
// lines whose fields contradict the format are rejected. Message types other
// than MSG (SEL, ID, AIR, STA, CLK) are valid but carry no position.
func readSBS(path string, zone *time.Location, rep *Report) ([]Position, error) {
	op := "flights: read " + path
	if zone == nil {
		zone = time.UTC
	}
	rc, err := openText(path)
	if err != nil {
		return nil, errs.E(errs.BadInput, op, err)
	}
	defer rc.Close()
	type state struct {
		callsign string
		alt      float64
		altAt    time.Time
		ground   bool
	}
	ac := map[string]*state{}
	var ps []Position
	sc := bufio.NewScanner(rc)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimSpace(sc.Text())
		if text == "" {
			continue
		}
		f := strings.Split(text, ",")
		for i := range f {
			f[i] = strings.TrimSpace(f[i])
		}
		switch f[0] {
		case "SEL", "ID", "AIR", "STA", "CLK":
			rep.ok()
			continue
		case "MSG":
		default:
			rep.reject(line, "message type", "unknown message type %q", truncate(f[0], 12))
			continue
		}
		if len(f) < 10 {
			rep.reject(line, "wrong number of fields", "MSG line has %d fields, want at least 10", len(f))
			continue
		}
		typ, err := strconv.Atoi(f[1])
		if err != nil || typ < 1 || typ > 8 {
			rep.reject(line, "transmission type", "bad transmission type %q", f[1])
			continue
		}
		hex := strings.ToLower(strings.TrimPrefix(f[4], "~"))
		if _, err := strconv.ParseUint(hex, 16, 32); err != nil || len(hex) != 6 {
			rep.reject(line, "hex ident", "bad hex ident %q", f[4])
			continue
		}
		t, err := sbsTime(f[6], f[7], zone)
		if err != nil {
			if t, err = sbsTime(f[8], f[9], zone); err != nil {
				rep.reject(line, "date/time", "bad date/time %q %q", f[6], f[7])
				continue
			}
		}
		s := ac[hex]
		if s == nil {
			s = &state{alt: math.NaN()}
			ac[hex] = s
		}
		if cs := sbsField(f, 10); cs != "" {
			s.callsign = cs
		}
		if a := sbsField(f, 11); a != "" {
			v, err := strconv.ParseFloat(a, 64)
			if err != nil {
				rep.reject(line, "altitude", "bad altitude %q", a)
				continue
			}
			s.alt, s.altAt = v, t
		}
		if g := sbsField(f, 21); g != "" {
			s.ground = g == "-1" || g == "1"
		}
		if typ == 2 { // surface position
			s.ground = true
		} else if typ == 3 && sbsField(f, 21) == "" {
			s.ground = false // airborne position message
		}
		latS, lonS := sbsField(f, 14), sbsField(f, 15)
		if latS == "" && lonS == "" {
			rep.ok()
			continue
		}
		lat, err1 := strconv.ParseFloat(latS, 64)
		lon, err2 := strconv.ParseFloat(lonS, 64)
		if err1 != nil || err2 != nil || math.Abs(lat) > 90 || math.Abs(lon) > 180 {
			rep.reject(line, "position", "bad position %q,%q", latS, lonS)
			continue
		}
		alt := math.NaN()
		if !math.IsNaN(s.alt) && t.Sub(s.altAt) <= time.Minute {
			alt = s.alt
		}
		if s.ground {
			alt = 0
		}
		rep.ok()
		ps = append(ps, Position{Icao24: hex, Callsign: s.callsign, Time: t, Lat: lat, Lon: lon, AltFt: alt, OnGround: s.ground})
	}
	if err := sc.Err(); err != nil {
		return ps, errs.E(errs.BadInput, op, fmt.Errorf("line %d: %w", line+1, err))
	}
	return ps, nil
}

func sbsField(f []string, i int) string {
	if i < len(f) {
		return f[i]
	}
	return ""
}

func sbsTime(d, t string, zone *time.Location) (time.Time, error) {
	d = strings.ReplaceAll(d, "-", "/")
	for _, l := range []string{"2006/01/02 15:04:05.999999999", "2006/01/02 15:04:05"} {
		if v, err := time.ParseInLocation(l, d+" "+t, zone); err == nil {
			return v.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("bad time")
}
