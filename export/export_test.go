package export

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/triangulate/triangulate/export/stixcheck"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/errs"
	"github.com/triangulate/triangulate/report"
	"github.com/triangulate/triangulate/report/reporttest"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

func export(t *testing.T, c *claim.Case, f Format) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, c, f); err != nil {
		t.Fatalf("Write %s: %v", f, err)
	}
	return b.Bytes()
}

func TestGolden(t *testing.T) {
	for _, f := range Formats() {
		t.Run(string(f), func(t *testing.T) {
			got := export(t, reporttest.SeedCase(t), f)
			if again := export(t, reporttest.SeedCase(t), f); !bytes.Equal(got, again) {
				t.Fatal("two runs over the same case differ")
			}
			path := filepath.Join("testdata", "seed."+string(f)+".json")
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./export -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from the golden file; inspect with -update and git diff", path)
			}
		})
	}
}

func TestUnknownFormat(t *testing.T) {
	if err := Write(&bytes.Buffer{}, &claim.Case{}, "kml"); !errs.Is(err, errs.BadInput) {
		t.Fatalf("Write kml = %v, want a bad-input error", err)
	}
}

func stixSchemas(t *testing.T) *stixcheck.Schemas {
	t.Helper()
	s, err := stixcheck.Load(filepath.Join("testdata", "stix2.1-schemas"))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestSTIXValidates checks the bundle against the official STIX 2.1 JSON
// schemas (stixcheck: every object against its type's schema, the bundle
// against bundle.json), then that it holds what the case says.
func TestSTIXValidates(t *testing.T) {
	schemas := stixSchemas(t)
	out := export(t, reporttest.SeedCase(t), STIX)
	found, err := schemas.ValidateBundle(out)
	if err != nil {
		t.Error(err)
	}
	types, ids := found.Types, found.IDs
	for _, typ := range []string{"identity", "threat-actor", "location", "note", "grouping", "opinion", "relationship",
		"observed-data", "sighting", "report", "x-triangulate-signal"} {
		if types[typ] == 0 {
			t.Errorf("bundle has no %s object", typ)
		}
	}
	// Every reference resolves inside the bundle.
	refRE := regexp.MustCompile(`"[a-z_]*_refs?": *(\[[^\]]*\]|"[^"]*")`)
	idRE := regexp.MustCompile(`[a-z0-9-]+--[0-9a-f-]{36}`)
	for _, m := range refRE.FindAllString(string(out), -1) {
		for _, id := range idRE.FindAllString(m, -1) {
			if !ids[id] {
				t.Errorf("dangling reference %s", id)
			}
		}
	}
	if types["grouping"] != 7 || types["opinion"] != 6 || types["note"] != 35+2 {
		t.Errorf("object counts %v: want 7 groupings, 6 opinions, 37 notes", types)
	}
}

// A broken object must fail: the validation is not vacuous.
func TestSTIXSchemaRejects(t *testing.T) {
	schemas := stixSchemas(t)
	bad := []string{
		`{"type":"note","spec_version":"2.1","id":"note--6ba7b810-9dad-51d1-80b4-00c04fd430c8","created":"2026-01-14T00:00:00Z","modified":"2026-01-14T00:00:00.000Z","content":"x","object_refs":["identity--6ba7b810-9dad-51d1-80b4-00c04fd430c8"]}`,
		`{"type":"location","spec_version":"2.1","id":"location--6ba7b810-9dad-51d1-80b4-00c04fd430c8","created":"2026-01-14T00:00:00.000Z","modified":"2026-01-14T00:00:00.000Z","latitude":33}`,
		`{"type":"opinion","spec_version":"2.1","id":"opinion--6ba7b810-9dad-51d1-80b4-00c04fd430c8","created":"2026-01-14T00:00:00.000Z","modified":"2026-01-14T00:00:00.000Z","opinion":"maybe","object_refs":["identity--6ba7b810-9dad-51d1-80b4-00c04fd430c8"]}`,
	}
	for i, doc := range bad {
		typ := []string{"note", "location", "opinion"}[i]
		if err := schemas.Validate("sdos/"+typ, []byte(doc)); err == nil {
			t.Errorf("invalid %s validated", typ)
		}
	}
}

func TestSTIXIDsStable(t *testing.T) {
	c := reporttest.SeedCase(t)
	a := STIXBundle(c)
	// Dropping a source's claims keeps the ids of the rest.
	c.Claims = slices.DeleteFunc(c.Claims, func(cl claim.Claim) bool { return cl.SourceID == 2 })
	b := STIXBundle(c)
	noteIDs := func(bd *Bundle) map[string]string {
		m := map[string]string{}
		for _, o := range bd.Objects {
			if n, ok := o.(Note); ok && n.ClaimID != "" && !strings.HasPrefix(n.Abstract, "route") {
				m[n.ClaimID] = n.ID
			}
		}
		return m
	}
	na, nb := noteIDs(a), noteIDs(b)
	if len(nb) != 21 {
		t.Fatalf("%d claim notes after dropping a source, want 21", len(nb))
	}
	for id, nid := range nb {
		if na[id] != nid {
			t.Errorf("note id of claim %s changed: %s → %s", id, na[id], nid)
		}
	}
	for _, o := range a.Objects {
		if r, ok := o.(Report); ok && r.Published != "2026-01-16T00:00:00.000Z" {
			t.Errorf("report published %s, want the latest source date", r.Published)
		}
	}
}

// TestGeoJSONRFC7946 checks the rules of RFC 7946 that matter for points.
func TestGeoJSONRFC7946(t *testing.T) {
	c := reporttest.SeedCase(t)
	out := export(t, c, GeoJSON)
	var doc map[string]any
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	if doc["type"] != "FeatureCollection" {
		t.Fatalf("type %v", doc["type"])
	}
	if _, ok := doc["crs"]; ok {
		t.Error("RFC 7946 §4: no crs member")
	}
	feats := doc["features"].([]any)
	byName := map[string]map[string]any{}
	located := 0
	for _, f := range feats {
		f := f.(map[string]any)
		if f["type"] != "Feature" {
			t.Errorf("feature type %v", f["type"])
		}
		if _, ok := f["properties"].(map[string]any); !ok {
			t.Error("feature without a properties object")
		}
		for _, e := range geometryErrors(f["geometry"]) {
			t.Error(e)
		}
		props := f["properties"].(map[string]any)
		byName[props["name"].(string)+"|"+props["kind"].(string)] = f
		if f["geometry"] != nil {
			located++
		}
	}
	resolved := map[string]bool{}
	for _, cl := range c.Claims {
		for _, p := range cl.Places {
			if p.HasCoord {
				resolved[report.PlaceKey(p)] = true
			}
		}
	}
	if located != len(resolved) || located < 15 {
		t.Errorf("%d located features, want one per resolved place (%d)", located, len(resolved))
	}
	// Longitude first: Tehran is at 51.42 E, 35.69 N.
	teh := byName["Tehran|city"]
	coords := teh["geometry"].(map[string]any)["coordinates"].([]any)
	if coords[0].(float64) != 51.4215 || coords[1].(float64) != 35.6944 {
		t.Errorf("Tehran at %v, want [51.4215, 35.6944] (lon, lat)", coords)
	}
	props := byName["Iran|country"]["properties"].(map[string]any)
	if props["claim_count"].(float64) < 15 || len(props["roles"].([]any)) != 2 {
		t.Errorf("Iran properties %v", props)
	}
	if byName["West Asia|region"]["geometry"] != nil {
		t.Error("an unresolved region has a geometry")
	}
}

// geometryErrors applies RFC 7946 §3.1 to a decoded geometry: positions are
// [lon, lat] within range, rings are closed with at least four positions,
// exterior rings counterclockwise and holes clockwise (§3.1.6). A null
// geometry is allowed (§3.2).
func geometryErrors(g any) []string {
	if g == nil {
		return nil
	}
	var errs []string
	m, ok := g.(map[string]any)
	if !ok {
		return []string{fmt.Sprintf("geometry %v is not an object", g)}
	}
	pos := func(v any) [2]float64 {
		p, _ := v.([]any)
		if len(p) < 2 || len(p) > 3 {
			errs = append(errs, fmt.Sprintf("position %v", v))
			return [2]float64{}
		}
		lon, _ := p[0].(float64)
		lat, _ := p[1].(float64)
		if lon < -180 || lon > 180 || lat < -90 || lat > 90 {
			errs = append(errs, fmt.Sprintf("position %v out of range (lon, lat order?)", p))
		}
		return [2]float64{lon, lat}
	}
	ring := func(v any, outer bool) {
		rs, _ := v.([]any)
		if len(rs) < 4 {
			errs = append(errs, fmt.Sprintf("ring with %d positions", len(rs)))
			return
		}
		if pos(rs[0]) != pos(rs[len(rs)-1]) {
			errs = append(errs, "ring not closed")
		}
		area := 0.0
		for i := 0; i+1 < len(rs); i++ {
			a, b := pos(rs[i]), pos(rs[i+1])
			area += a[0]*b[1] - b[0]*a[1]
		}
		if (area > 0) != outer {
			errs = append(errs, "ring winding violates the right-hand rule")
		}
	}
	switch m["type"] {
	case "Point":
		pos(m["coordinates"])
	case "Polygon":
		rings, _ := m["coordinates"].([]any)
		for i, r := range rings {
			ring(r, i == 0)
		}
	default:
		errs = append(errs, fmt.Sprintf("unexpected geometry %v", m["type"]))
	}
	return errs
}

// The checker itself must catch swapped coordinates and open or wrongly
// wound rings, or its silence above would mean nothing.
func TestGeometryErrors(t *testing.T) {
	tests := []struct {
		name string
		g    string
		bad  bool
	}{
		{"point", `{"type":"Point","coordinates":[51.42,35.69]}`, false},
		{"lat first", `{"type":"Point","coordinates":[35.69,151.42]}`, true},
		{"ccw square", `{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1],[0,0]]]}`, false},
		{"open ring", `{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1]]]}`, true},
		{"cw exterior", `{"type":"Polygon","coordinates":[[[0,0],[0,1],[1,1],[1,0],[0,0]]]}`, true},
	}
	for _, tt := range tests {
		var g any
		if err := json.Unmarshal([]byte(tt.g), &g); err != nil {
			t.Fatal(err)
		}
		if got := len(geometryErrors(g)) > 0; got != tt.bad {
			t.Errorf("%s: errors %v, want bad=%v", tt.name, geometryErrors(g), tt.bad)
		}
	}
}

func TestClaimReview(t *testing.T) {
	c := reporttest.SeedCase(t)
	var doc ClaimReviewDoc
	if err := json.Unmarshal(export(t, c, ClaimReview), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Context != "https://schema.org" || len(doc.Graph) != 6 {
		t.Fatalf("context %q, %d reviews; want schema.org and one per assessed event (6)", doc.Context, len(doc.Graph))
	}
	cr := doc.Graph[0]
	// The claim reviewed is the claim's own words where it first appeared,
	// not the event's title.
	if cr.Type != "ClaimReview" || cr.ItemReviewed.FirstAppearance == nil ||
		cr.ClaimReviewed != strings.Join(strings.Fields(cr.ItemReviewed.FirstAppearance.Text), " ") ||
		cr.ClaimReviewed == "Iraqi militia fighters crossed into Iran" {
		t.Errorf("first review %+v", cr)
	}
	// The case's organisation is the author.
	var buf bytes.Buffer
	if err := WriteWith(&buf, c, ClaimReview, Options{Organisation: "Example Desk"}); err != nil {
		t.Fatal(err)
	}
	var byOrg ClaimReviewDoc
	if err := json.Unmarshal(buf.Bytes(), &byOrg); err != nil {
		t.Fatal(err)
	}
	for _, r := range byOrg.Graph {
		if r.Author.Name != "Example Desk" || r.Author.Type != "Organization" {
			t.Errorf("%s: author %+v, want the organisation", r.ID, r.Author)
		}
	}
	if cr.ReviewRating.AlternateName != "corroborated: likely (55–80 %)" || cr.ReviewRating.RatingValue != 5 {
		t.Errorf("rating %+v", cr.ReviewRating)
	}
	fa := cr.ItemReviewed.FirstAppearance
	if fa == nil || fa.Publisher == nil || fa.Publisher.Name != "The Amargi" || fa.DatePublished != "2026-01-14" {
		t.Errorf("firstAppearance %+v, want The Amargi, 2026-01-14 (the echo chain's root)", fa)
	}
	if len(cr.ItemReviewed.Appearance) != 2 {
		t.Errorf("%d appearances, want both outlets", len(cr.ItemReviewed.Appearance))
	}
	if cr.ItemReviewed.Author == nil || cr.ItemReviewed.Author.Name != "two Iraqi sources" {
		t.Errorf("claim author %+v", cr.ItemReviewed.Author)
	}
}
