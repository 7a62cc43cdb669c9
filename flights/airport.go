package flights

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strings"
	"sync"
	"time"

	"github.com/triangulate/triangulate/geo"
	"github.com/triangulate/triangulate/knowledge"
)

// AirportResolver finds an airport by IATA or ICAO code.
type AirportResolver interface {
	Airport(code string) (knowledge.Airport, bool)
}

// Airports is an in-memory index of the knowledge packs' airports (what the
// readers need: codes, where each is, to infer legs from tracks, and its
// time zone, to count local days): by code, by position, and each
// airport's time zone. It is safe for concurrent use.
type Airports struct {
	list   []knowledge.Airport
	byCode map[string]int
	cells  map[[2]int][]int // 1°×1° cells → indices, for Nearest

	mu   sync.Mutex
	locs map[string]*time.Location
}

// NewAirports indexes a list of airports.
func NewAirports(list []knowledge.Airport) *Airports {
	a := &Airports{
		list:   list,
		byCode: make(map[string]int, 2*len(list)),
		cells:  make(map[[2]int][]int),
		locs:   make(map[string]*time.Location),
	}
	for i, ap := range list {
		for _, c := range []string{ap.IATA, ap.ICAO} {
			c = strings.ToUpper(strings.TrimSpace(c))
			if c == "" || c == `\N` {
				continue
			}
			if _, dup := a.byCode[c]; !dup {
				a.byCode[c] = i
			}
		}
		k := cellOf(ap.Lat, ap.Lon)
		a.cells[k] = append(a.cells[k], i)
	}
	return a
}

// Len is the number of airports.
func (a *Airports) Len() int { return len(a.list) }

// Airport looks an airport up by IATA or ICAO code.
func (a *Airports) Airport(code string) (knowledge.Airport, bool) {
	if a == nil {
		return knowledge.Airport{}, false
	}
	i, ok := a.byCode[strings.ToUpper(strings.TrimSpace(code))]
	if !ok {
		return knowledge.Airport{}, false
	}
	return a.list[i], true
}

// Nearest returns the airport nearest to (lat, lon) within maxKm.
func (a *Airports) Nearest(lat, lon, maxKm float64) (knowledge.Airport, float64, bool) {
	if a == nil {
		return knowledge.Airport{}, 0, false
	}
	best, bestKm := -1, math.Inf(1)
	c := cellOf(lat, lon)
	// maxKm is small (tens of km), so the 3×3 neighbourhood of 1° cells
	// (≥ 111 km in latitude) holds every candidate except near the poles,
	// where longitude cells shrink; widen the longitude span there.
	dlon := 1
	if cl := math.Cos(lat * math.Pi / 180); cl > 0.01 {
		dlon = int(math.Ceil(maxKm/(111*cl))) + 1
	} else {
		dlon = 180
	}
	for dy := -1; dy <= 1; dy++ {
		for dx := -dlon; dx <= dlon; dx++ {
			for _, i := range a.cells[[2]int{c[0] + dy, wrapLon(c[1] + dx)}] {
				ap := a.list[i]
				if d := geo.DistanceKm(lat, lon, ap.Lat, ap.Lon); d < bestKm {
					best, bestKm = i, d
				}
			}
		}
	}
	if best < 0 || bestKm > maxKm {
		return knowledge.Airport{}, 0, false
	}
	return a.list[best], bestKm, true
}

func cellOf(lat, lon float64) [2]int {
	return [2]int{int(math.Floor(lat)), wrapLon(int(math.Floor(lon)))}
}

func wrapLon(x int) int { return ((x+180)%360+360)%360 - 180 }

// Location returns the time zone of the airport with the given code: its IANA
// zone when the system knows it, else a fixed zone at its standard offset.
// ok is false when the airport is unknown.
func (a *Airports) Location(code string) (loc *time.Location, ok bool) {
	ap, ok := a.Airport(code)
	if !ok {
		return nil, false
	}
	return a.location(ap), true
}

func (a *Airports) location(ap knowledge.Airport) *time.Location {
	key := ap.TZ + "|" + fmt.Sprint(ap.UTCOffset)
	a.mu.Lock()
	defer a.mu.Unlock()
	if l, ok := a.locs[key]; ok {
		return l
	}
	l, err := time.LoadLocation(ap.TZ)
	if ap.TZ == "" || err != nil {
		l = time.FixedZone(fmt.Sprintf("UTC%+g", ap.UTCOffset), int(ap.UTCOffset*3600))
	}
	a.locs[key] = l
	return l
}

// ParseOpenFlights reads the OpenFlights airports JSON (an array of objects
// with name, city, country, iata, icao, latitude, longitude, timezone, tz).
func ParseOpenFlights(r io.Reader) ([]knowledge.Airport, error) {
	var raw []struct {
		Name, City, Country, IATA, ICAO, TZ string
		Latitude, Longitude                 float64
		Timezone                            any // hours; sometimes "\\N"
	}
	if err := json.NewDecoder(r).Decode(&raw); err != nil {
		return nil, fmt.Errorf("flights: parse airports: %w", err)
	}
	out := make([]knowledge.Airport, 0, len(raw))
	for _, x := range raw {
		ap := knowledge.Airport{IATA: clean(x.IATA), ICAO: clean(x.ICAO), Name: x.Name, City: x.City,
			Country: x.Country, Lat: x.Latitude, Lon: x.Longitude, TZ: clean(x.TZ)}
		if f, ok := x.Timezone.(float64); ok {
			ap.UTCOffset = f
		}
		if ap.IATA == "" && ap.ICAO == "" {
			continue
		}
		out = append(out, ap)
	}
	return out, nil
}

func clean(s string) string {
	s = strings.TrimSpace(s)
	if s == `\N` {
		return ""
	}
	return s
}
