package export

import (
	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/report"
)

// FeatureCollectionDoc is an RFC 7946 FeatureCollection.
type FeatureCollectionDoc struct {
	Type     string    `json:"type"`
	Features []Feature `json:"features"`
}

// Feature is an RFC 7946 Feature. Geometry is null for a place the
// gazetteer could not resolve: it is named by claims but has no position,
// and dropping it would hide it.
type Feature struct {
	Type       string          `json:"type"`
	ID         string          `json:"id"`
	Geometry   *Point          `json:"geometry"`
	Properties PlaceProperties `json:"properties"`
}

// Point is an RFC 7946 Point: [longitude, latitude], in that order.
type Point struct {
	Type        string     `json:"type"`
	Coordinates [2]float64 `json:"coordinates"`
}

// PlaceProperties are the members of a place feature's properties.
type PlaceProperties struct {
	Name       string   `json:"name"`
	Kind       string   `json:"kind"`
	Country    string   `json:"country,omitempty"`
	Precision  string   `json:"precision"`
	ClaimCount int      `json:"claim_count"`
	Roles      []string `json:"roles"`
	ClaimIDs   []string `json:"claim_ids"`
	Events     []string `json:"events"`
}

// FeatureCollection lists the case's places as GeoJSON Points with their
// claim counts and roles. Coordinates are rounded to six decimals (about
// 10 cm, RFC 7946 §11.2); there is no "crs" member (RFC 7946 §4: WGS 84 only).
func FeatureCollection(c *claim.Case) *FeatureCollectionDoc {
	eventOf := map[string][]string{}
	for _, ev := range c.Events {
		for _, m := range ev.Members {
			eventOf[m.ClaimID] = append(eventOf[m.ClaimID], ev.ID)
		}
	}
	fc := &FeatureCollectionDoc{Type: "FeatureCollection", Features: []Feature{}}
	for _, p := range report.Places(c.Claims) {
		f := Feature{Type: "Feature", ID: p.Key, Properties: PlaceProperties{
			Name: p.Name, Kind: p.Kind, Country: p.Country, Precision: p.Precision, ClaimCount: p.ClaimCount,
			Roles: p.Roles, ClaimIDs: p.ClaimIDs, Events: []string{},
		}}
		for _, id := range p.ClaimIDs {
			for _, ev := range eventOf[id] {
				f.Properties.Events = appendNew(f.Properties.Events, ev)
			}
		}
		if p.HasCoord {
			f.Geometry = &Point{Type: "Point", Coordinates: [2]float64{round6(p.Lon), round6(p.Lat)}}
		}
		fc.Features = append(fc.Features, f)
	}
	return fc
}
