package flights

import (
	"os"
	"sync"
	"testing"

	"github.com/triangulate/triangulate/internal/shared"
)

var (
	airportsOnce sync.Once
	airportsList []Airport
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

func writeFile(t testing.TB, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}
