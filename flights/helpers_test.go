package flights

import (
	"os"
	"sync"
	"testing"
	"time"

	"github.com/triangulate/triangulate/internal/shared"
	"github.com/triangulate/triangulate/knowledge"
	"github.com/triangulate/triangulate/series"
)

var (
	airportsOnce sync.Once
	airportsList []knowledge.Airport
	airportsErr  error
)

// testAirports indexes the OpenFlights airports from ../shared.
func testAirports(t testing.TB) *Airports {
	t.Helper()
	path := shared.Path(t, "data", "openflights-airports.json")
	airportsOnce.Do(func() {
		f, err := os.Open(path)
		if err != nil {
			airportsErr = err
			return
		}
		defer f.Close()
		airportsList, airportsErr = ParseOpenFlights(f)
	})
	if airportsErr != nil {
		t.Fatal(airportsErr)
	}
	return NewAirports(airportsList)
}

func mustRange(t testing.TB, s string) DayRange {
	t.Helper()
	r, err := ParseDayRange(s)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func mustDay(t testing.TB, s string) Day {
	t.Helper()
	d, err := ParseDay(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// routeDay is one day of one route, flattened so that tests compare
// whole datasets with slices.Equal.
type routeDay struct {
	Origin, Dest, Day string
	Count             int
	Missing           bool
}

func flat(ss []series.Series) []routeDay {
	var out []routeDay
	for _, s := range ss {
		for _, d := range s.Days {
			out = append(out, routeDay{s.Origin, s.Dest, d.Date.Format(time.DateOnly), d.Count, d.Missing})
		}
	}
	return out
}

// flatOf flattens what a backend returned.
func flatOf(ss []series.Series, cov Coverage, err error) ([]routeDay, Coverage, error) {
	return flat(ss), cov, err
}

func writeFile(t testing.TB, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}
