package geo

import (
	"encoding/xml"
	"io"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"

	"github.com/triangulate/triangulate/internal/shared"
)

func TestCountries(t *testing.T) {
	cs, err := Countries()
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) < 200 {
		t.Fatalf("decoded %d countries, want the world's (~240)", len(cs))
	}
	tests := []struct {
		name, id string
		// A point well inside the country, and its bounding box roughly.
		inside   orb.Point
		min, max orb.Point
	}{
		{"Iran", "364", orb.Point{53.7, 32.4}, orb.Point{44.0, 25.0}, orb.Point{63.4, 39.8}},
		{"Iraq", "368", orb.Point{43.7, 33.2}, orb.Point{38.7, 29.0}, orb.Point{48.6, 37.4}},
	}
	for _, tt := range tests {
		c, ok := Find(cs, tt.name)
		if !ok {
			t.Fatalf("%s not found", tt.name)
		}
		if c.ID != tt.id {
			t.Errorf("%s id %q, want %q", tt.name, c.ID, tt.id)
		}
		if !planar.MultiPolygonContains(c.Shape, tt.inside) {
			t.Errorf("%s does not contain %v", tt.name, tt.inside)
		}
		for axis := range 2 {
			if math.Abs(c.Bound.Min[axis]-tt.min[axis]) > 0.3 || math.Abs(c.Bound.Max[axis]-tt.max[axis]) > 0.3 {
				t.Errorf("%s bound %v, want about %v–%v", tt.name, c.Bound, tt.min, tt.max)
			}
		}
		for _, poly := range c.Shape {
			for _, r := range poly {
				if !r.Closed() || len(r) < 4 {
					t.Fatalf("%s has an open or degenerate ring (%d points)", tt.name, len(r))
				}
			}
		}
	}
	// Tehran is in Iran, not Iraq; Baghdad the other way round.
	iran, _ := Find(cs, "Iran")
	iraq, _ := Find(cs, "Iraq")
	if planar.MultiPolygonContains(iraq.Shape, orb.Point{51.39, 35.69}) || !planar.MultiPolygonContains(iran.Shape, orb.Point{51.39, 35.69}) {
		t.Error("Tehran on the wrong side")
	}
	if !planar.MultiPolygonContains(iraq.Shape, orb.Point{44.40, 33.34}) {
		t.Error("Baghdad not in Iraq")
	}
}

// The embedded copy must be the shared reference file, unchanged.
func TestEmbeddedMatchesShared(t *testing.T) {
	want, err := os.ReadFile(shared.Path(t, "data", "countries-50m.json"))
	if err != nil {
		t.Fatal(err)
	}
	if string(want) != string(countries50m) {
		t.Fatal("geo/data/countries-50m.json differs from shared/data/countries-50m.json")
	}
}

// A hand-made topology exercises quantization, delta encoding, reversed
// arcs and shared arc end points.
func TestDecodeCountriesTopology(t *testing.T) {
	const topo = `{"type":"Topology","transform":{"scale":[0.5,0.25],"translate":[10,20]},
	"objects":{"c":{"type":"GeometryCollection","geometries":[
	  {"type":"Polygon","id":"1","properties":{"name":"West"},"arcs":[[0,1]]},
	  {"type":"Polygon","id":2,"properties":{"name":"East"},"arcs":[[-1,2]]},
	  {"type":"LineString","arcs":[0]}]}},
	"arcs":[[[2,0],[0,4]],[[2,4],[-2,0],[0,-4],[2,0]],[[2,0],[2,0],[0,4],[-2,0]]]}`
	cs, err := DecodeCountries([]byte(topo), "c")
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 2 {
		t.Fatalf("got %d countries, want 2 (the LineString skipped)", len(cs))
	}
	west := orb.Ring{{11, 20}, {11, 21}, {10, 21}, {10, 20}, {11, 20}}
	east := orb.Ring{{11, 21}, {11, 20}, {12, 20}, {12, 21}, {11, 21}}
	if !cs[0].Shape[0][0].Equal(west) || cs[0].ID != "1" || cs[0].Name != "West" {
		t.Errorf("west = %v %q %q, want %v", cs[0].Shape[0][0], cs[0].ID, cs[0].Name, west)
	}
	if !cs[1].Shape[0][0].Equal(east) || cs[1].ID != "2" {
		t.Errorf("east = %v %q, want %v", cs[1].Shape[0][0], cs[1].ID, east)
	}
	for _, bad := range []string{`{`, `{"type":"Feature"}`, `{"type":"Topology","objects":{}}`,
		`{"type":"Topology","objects":{"c":{"type":"Polygon","arcs":[[5]]}},"arcs":[]}`} {
		if _, err := DecodeCountries([]byte(bad), "c"); err == nil {
			t.Errorf("DecodeCountries(%s) succeeded, want an error", bad)
		}
	}
}

func TestMapSVG(t *testing.T) {
	markers := []Marker{
		{Name: "Tehran", Lon: 51.42, Lat: 35.69, Count: 5, Note: "destination"},
		{Name: "Najaf", Lon: 44.34, Lat: 32.0, Count: 3},
		{Name: "Mehran <crossing> & \"co\"", Lon: 46.16, Lat: 33.12, Count: 1, Crossing: true},
		{Name: "Iran", Lon: 53.7, Lat: 32.4, Count: 12, Coarse: true},
	}
	opts := MapOptions{Width: 600, Highlight: []string{"Iran", "368"}, Title: "Places <of> the case", Labels: true}
	svg := MapSVG(opts, markers)
	if svg != MapSVG(opts, markers) {
		t.Fatal("two renderings differ")
	}
	// Well-formed XML, with every marker name escaped in it.
	dec := xml.NewDecoder(strings.NewReader(svg))
	var texts []string
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("SVG is not well-formed XML: %v", err)
		}
		if cd, ok := tok.(xml.CharData); ok {
			texts = append(texts, string(cd))
		}
	}
	all := strings.Join(texts, "\n")
	for _, want := range []string{"Mehran <crossing> & \"co\"", "Places <of> the case", "IRAN", "IRAQ", "Turkey", "Tehran — destination"} {
		if !strings.Contains(all, want) {
			t.Errorf("SVG text lacks %q", want)
		}
	}
	for _, bad := range []string{"<script", "href", "NaN", "Inf", "-0.0 "} {
		if strings.Contains(svg, bad) {
			t.Errorf("SVG contains %q", bad)
		}
	}
	if strings.Contains(svg, "Brazil") || strings.Contains(svg, "Australia") {
		t.Error("countries far outside the view are drawn")
	}
	if n := len(svg); n > 150_000 {
		t.Errorf("SVG is %d bytes; the decimation should keep a regional map small", n)
	}
}

func TestFitView(t *testing.T) {
	// One marker: a window of at least MinSpan degrees centred on it.
	v := fitView(MapOptions{}, []Marker{{Lon: 50, Lat: 30}})
	if v.Min[0] > 45.01 || v.Max[0] < 54.99 || v.Center()[0] != 50 || v.Center()[1] != 30 {
		t.Errorf("fitView one marker = %v", v)
	}
	// Spread markers: padded by Pad around them.
	v = fitView(MapOptions{Pad: 1}, []Marker{{Lon: 40, Lat: 25}, {Lon: 60, Lat: 40}})
	if v.Min != (orb.Point{39, 24}) || v.Max != (orb.Point{61, 41}) {
		t.Errorf("fitView spread = %v", v)
	}
	if fitView(MapOptions{}, nil) != DefaultView() {
		t.Error("no markers should give the default view")
	}
}

func BenchmarkMapSVG(b *testing.B) {
	markers := []Marker{{Name: "Tehran", Lon: 51.42, Lat: 35.69, Count: 5}, {Name: "Najaf", Lon: 44.34, Lat: 32.0, Count: 3}}
	MapSVG(MapOptions{}, markers)
	for b.Loop() {
		MapSVG(MapOptions{}, markers)
	}
}

func TestDistanceKm(t *testing.T) {
	for _, tt := range []struct {
		name                   string
		lat1, lon1, lat2, lon2 float64
		want, tol              float64
	}{
		{"Najaf–Tehran", 31.9890, 44.3249, 35.6892, 51.3890, 780, 15},
		{"same point", 35.7, 51.4, 35.7, 51.4, 0, 1e-9},
		{"across the antimeridian", 0, 179.5, 0, -179.5, 111.3, 0.5},
		{"a quarter meridian", 0, 0, 90, 0, 10019, 10},
	} {
		if got := DistanceKm(tt.lat1, tt.lon1, tt.lat2, tt.lon2); math.Abs(got-tt.want) > tt.tol {
			t.Errorf("%s: %.1f km, want %.1f ± %.1f", tt.name, got, tt.want, tt.tol)
		}
	}
}
