package server

import (
	"net/http"
	"strings"
	"testing"

	"github.com/triangulate/triangulate/flights"
	"github.com/triangulate/triangulate/internal/shared"
	"github.com/triangulate/triangulate/series"
	"github.com/triangulate/triangulate/store"
)

// storeBTS counts the 3 million US flights of the first half of 2001 and
// stores the routes touching Houston Hobby (HOU): Tropical Storm Allison
// closed Houston's airports on 9 June 2001.
func storeBTS(t *testing.T, st store.Store) {
	t.Helper()
	s, _, err := flights.CountParquetBTS(shared.Path(t, "data", "flights-3m.parquet"), flights.CountOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// As 'triangulate flights load' does by default: a day on which the
	// whole dataset collapses (its truncated last day) is an outage.
	cov, ok := s.Coverage(flights.CoverageOptions{Infer: true})
	if !ok {
		t.Fatal("no coverage")
	}
	var hou []series.Series
	for _, rs := range s.PerRoute(cov) {
		if rs.Origin == "HOU" || rs.Dest == "HOU" {
			hou = append(hou, rs)
		}
	}
	if err := st.PutSeries(t.Context(), "bts-2001", hou); err != nil {
		t.Fatal(err)
	}
}

func TestFlightsPage(t *testing.T) {
	st, _ := seed(t)
	srv := newServer(t, st, true)
	c := srv.Client()

	// Without flight data the page says how to load some.
	resp, body := get(t, c, srv.URL+"/flights")
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, "triangulate flights load") {
		t.Fatalf("empty flights page: %d\n%s", resp.StatusCode, body)
	}

	storeBTS(t, st)
	resp, body = get(t, c, srv.URL+"/flights?origin=HOU")
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, `route=HOU-DAL`) {
		t.Fatalf("routes from HOU: %d\n%s", resp.StatusCode, body)
	}

	// The default window is the route's last 28 days: the storm's day is
	// flagged as a drop, the one day without coverage is counted apart.
	resp, body = get(t, c, srv.URL+"/flights?route=hou-dal")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("HOU-DAL: %d\n%s", resp.StatusCode, body)
	}
	for _, want := range []string{"<svg", "observed vs expected", "1 without coverage", "<td>2001-06-09</td>", "<td>drop</td>"} {
		if !strings.Contains(body, want) {
			t.Errorf("HOU-DAL page lacks %q", want)
		}
	}
	// The CSP forbids inline script; the chart must not carry any.
	if strings.Contains(body, "<script") {
		t.Error("flight page has a script element")
	}

	// A window with Memorial Day shows the observance.
	_, body = get(t, c, srv.URL+"/flights?route=HOU-DAL&from=2001-05-14&to=2001-06-03")
	if !strings.Contains(body, "Memorial Day") {
		t.Error("Memorial Day 2001 is not among the window's observances")
	}

	for _, tc := range []struct {
		query string
		code  int
	}{
		{"route=HOUDAL", http.StatusBadRequest},
		{"route=HOU-XXX", http.StatusNotFound},
		{"route=HOU-DAL&from=2001-05-01", http.StatusBadRequest},
		{"route=HOU-DAL&from=May&to=June", http.StatusBadRequest},
		{"route=HOU-DAL&days=0", http.StatusBadRequest},
		{"dataset=nope", http.StatusNotFound},
	} {
		if resp, _ := get(t, c, srv.URL+"/flights?"+tc.query); resp.StatusCode != tc.code {
			t.Errorf("%s: status %d, want %d", tc.query, resp.StatusCode, tc.code)
		}
	}
}
