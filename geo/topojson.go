// Package geo draws offline maps of a case's places. It owns the country
// boundaries kept in the repository (Natural Earth 1:50m as TopoJSON, see
// README.md), a small TopoJSON decoder, and an SVG renderer whose output is
// byte-identical for identical input.
package geo

import (
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"sync"

	"github.com/paulmach/orb"
)

//go:embed data/countries-50m.json
var countries50m []byte

// Country is one country's boundary.
type Country struct {
	ID    string           // ISO 3166-1 numeric code as world-atlas keys it ("364"), may be ""
	Name  string           // Natural Earth's short name ("Iran")
	Shape orb.MultiPolygon // lon/lat rings, outer ring first
	Bound orb.Bound
}

// decoded caches the embedded boundaries: they are constant, so decoding
// them once per process is safe to share.
var decoded = sync.OnceValues(func() ([]Country, error) {
	return DecodeCountries(countries50m, "countries")
})

// Countries returns the embedded Natural Earth 1:50m country boundaries, in
// file order. The geometry is shared between callers: do not modify it.
func Countries() ([]Country, error) {
	cs, err := decoded()
	if err != nil {
		return nil, err
	}
	return slices.Clone(cs), nil
}

// topology is the TopoJSON document (RFC-like spec at github.com/topojson/topojson-specification).
type topology struct {
	Type      string                  `json:"type"`
	Transform *transform              `json:"transform"`
	Objects   map[string]topoGeometry `json:"objects"`
	Arcs      [][][]float64           `json:"arcs"`
}

type transform struct {
	Scale     [2]float64 `json:"scale"`
	Translate [2]float64 `json:"translate"`
}

type topoGeometry struct {
	Type       string          `json:"type"`
	ID         json.RawMessage `json:"id"`
	Properties struct {
		Name string `json:"name"`
	} `json:"properties"`
	Arcs       json.RawMessage `json:"arcs"`
	Geometries []topoGeometry  `json:"geometries"`
}

// DecodeCountries decodes the named GeometryCollection object of a TopoJSON
// topology into countries: Polygon and MultiPolygon members become
// countries, other members are skipped.
func DecodeCountries(data []byte, object string) ([]Country, error) {
	var t topology
	if err := json.Unmarshal(data, &t); err != nil {
		return nil, fmt.Errorf("geo: decode topojson: %w", err)
	}
	if t.Type != "Topology" {
		return nil, fmt.Errorf("geo: decode topojson: type %q, want Topology", t.Type)
	}
	obj, ok := t.Objects[object]
	if !ok {
		return nil, fmt.Errorf("geo: decode topojson: no object %q", object)
	}
	arcs := decodeArcs(t.Arcs, t.Transform)
	members := obj.Geometries
	if obj.Type != "GeometryCollection" {
		members = []topoGeometry{obj}
	}
	var out []Country
	for i, g := range members {
		var shape orb.MultiPolygon
		switch g.Type {
		case "Polygon":
			var rings [][]int
			if err := json.Unmarshal(g.Arcs, &rings); err != nil {
				return nil, fmt.Errorf("geo: geometry %d: %w", i, err)
			}
			p, err := polygon(arcs, rings)
			if err != nil {
				return nil, fmt.Errorf("geo: geometry %d: %w", i, err)
			}
			shape = orb.MultiPolygon{p}
		case "MultiPolygon":
			var polys [][][]int
			if err := json.Unmarshal(g.Arcs, &polys); err != nil {
				return nil, fmt.Errorf("geo: geometry %d: %w", i, err)
			}
			for _, rings := range polys {
				p, err := polygon(arcs, rings)
				if err != nil {
					return nil, fmt.Errorf("geo: geometry %d: %w", i, err)
				}
				shape = append(shape, p)
			}
		default:
			continue
		}
		out = append(out, Country{ID: rawID(g.ID), Name: g.Properties.Name, Shape: shape, Bound: shape.Bound()})
	}
	return out, nil
}

// decodeArcs turns quantized, delta-encoded arcs into absolute lon/lat
// points. Without a transform the positions are already absolute.
func decodeArcs(raw [][][]float64, tr *transform) []orb.LineString {
	arcs := make([]orb.LineString, len(raw))
	for i, arc := range raw {
		ls := make(orb.LineString, 0, len(arc))
		var x, y float64
		for _, pos := range arc {
			if len(pos) < 2 {
				continue
			}
			if tr == nil {
				ls = append(ls, orb.Point{pos[0], pos[1]})
				continue
			}
			x += pos[0]
			y += pos[1]
			ls = append(ls, orb.Point{x*tr.Scale[0] + tr.Translate[0], y*tr.Scale[1] + tr.Translate[1]})
		}
		arcs[i] = ls
	}
	return arcs
}

// polygon stitches rings from arc indexes. A negative index ~i means arc i
// reversed; consecutive arcs share an end point, which is kept once.
func polygon(arcs []orb.LineString, rings [][]int) (orb.Polygon, error) {
	p := make(orb.Polygon, 0, len(rings))
	for _, idxs := range rings {
		var r orb.Ring
		for _, ai := range idxs {
			rev := ai < 0
			if rev {
				ai = ^ai
			}
			if ai >= len(arcs) {
				return nil, fmt.Errorf("arc %d out of range (%d arcs)", ai, len(arcs))
			}
			arc := arcs[ai]
			if len(r) > 0 {
				r = r[:len(r)-1]
			}
			if rev {
				for k := len(arc) - 1; k >= 0; k-- {
					r = append(r, arc[k])
				}
			} else {
				r = append(r, arc...)
			}
		}
		if len(r) == 0 {
			return nil, errors.New("empty ring")
		}
		if !r.Closed() {
			r = append(r, r[0])
		}
		p = append(p, r)
	}
	return p, nil
}

// rawID reads an id written as a JSON string or number.
func rawID(raw json.RawMessage) string {
	if len(raw) == 0 || string(raw) == "null" {
		return ""
	}
	if s, err := strconv.Unquote(string(raw)); err == nil {
		return s
	}
	return string(raw)
}

// Find returns the country with the given name or ISO numeric id.
func Find(cs []Country, nameOrID string) (Country, bool) {
	for _, c := range cs {
		if c.Name == nameOrID || (c.ID != "" && c.ID == nameOrID) {
			return c, true
		}
	}
	return Country{}, false
}
