package fusetest

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/internal/shared"
	"github.com/triangulate/triangulate/knowledge"
)

// Meta is what the ingest is told about a text: its outlet and publication date.
type Meta struct {
	Outlet    string
	Published string // YYYY-MM-DD
}

// SeedMeta describes the two seed texts (shared/eval/README.md).
func SeedMeta() map[string]Meta {
	out := map[string]Meta{}
	for _, s := range seedSources {
		out[s.name] = Meta{Outlet: s.outlet, Published: s.published}
	}
	return out
}

// DevMeta reads shared/eval/dev/sources.json.
func DevMeta(tb testing.TB) map[string]Meta {
	tb.Helper()
	b, err := os.ReadFile(shared.Path(tb, "eval", "dev", "sources.json"))
	if err != nil {
		tb.Fatal(err)
	}
	var raw map[string]struct {
		Outlet    string `json:"outlet"`
		Published string `json:"published"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		tb.Fatalf("dev sources: %v", err)
	}
	out := map[string]Meta{}
	for name, r := range raw {
		out[name] = Meta{Outlet: r.Outlet, Published: r.Published}
	}
	return out
}

// Sources reads the named texts from dir as the ingest would store them,
// numbered from firstID in name order.
func Sources(tb testing.TB, dir string, meta map[string]Meta, firstID int64) []claim.Source {
	tb.Helper()
	names := make([]string, 0, len(meta))
	for n := range meta {
		names = append(names, n)
	}
	sort.Strings(names)
	var out []claim.Source
	for i, n := range names {
		raw, err := os.ReadFile(filepath.Join(dir, n))
		if err != nil {
			tb.Fatal(err)
		}
		pub, err := time.Parse(time.DateOnly, meta[n].Published)
		if err != nil {
			tb.Fatalf("%s: published: %v", n, err)
		}
		sum := sha256.Sum256(raw)
		out = append(out, claim.Source{ID: firstID + int64(i), Name: n, Outlet: meta[n].Outlet, Published: pub,
			MediaType: "text/plain", ContentHash: hex.EncodeToString(sum[:]), Raw: raw, Text: string(raw)})
	}
	return out
}

// Resolved converts the gold claims in goldPath to claim.Claim the way the
// extractor hands claims to fusion: actors resolved against the pack (pack
// id and umbrella), places against the gazetteer (country, coordinates),
// spans located in the evidence, the chain's last link the outlet. Claims of
// sources not in srcs are left out.
func Resolved(tb testing.TB, pack *knowledge.Pack, goldPath string, srcs []claim.Source) []claim.Claim {
	tb.Helper()
	bySrc := map[string]*claim.Source{}
	for i := range srcs {
		bySrc[srcs[i].Name] = &srcs[i]
	}
	f, err := os.Open(goldPath)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var out []claim.Claim
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var g goldClaim
		if err := json.Unmarshal(sc.Bytes(), &g); err != nil {
			tb.Fatalf("gold: %v", err)
		}
		src := bySrc[g.Source]
		if src == nil {
			continue
		}
		c := claim.Claim{ID: g.ID, SourceID: src.ID, Source: g.Source, Start: g.Start, End: g.End,
			Evidence: g.Evidence, Action: claim.Action(g.Action), Modality: claim.Modality(g.Modality)}
		for _, name := range g.Actors {
			a := claim.Actor{Name: name, Span: find(g.Start, g.Evidence, name)}
			if pa, ok := pack.ActorByName(name); ok {
				a.Name, a.PackID, a.Affiliation = pa.Name, pa.ID, pa.Affiliation
			}
			c.Actors = append(c.Actors, a)
		}
		for _, p := range g.Places {
			pl := claim.Place{Name: p.Name, Role: claim.PlaceRole(p.Role), Kind: claim.PlaceKind(p.Kind), Span: find(g.Start, g.Evidence, p.Name)}
			if e, ok := placeEntry(pack, p.Name, pl.Kind); ok {
				pl.Country, pl.Lat, pl.Lon, pl.HasCoord, pl.Precision, pl.PackID = e.Country, e.Lat, e.Lon, true, e.Precision, e.ID
			}
			c.Places = append(c.Places, pl)
		}
		if g.Time != nil {
			ts := &claim.TimeSpan{Precision: claim.TimePrecision(g.Time.Precision)}
			if g.Time.From != nil {
				ts.From = *g.Time.From
			}
			if g.Time.To != nil {
				ts.To = *g.Time.To
			}
			c.Time = ts
		}
		for _, q := range g.Quantities {
			c.Quantities = append(c.Quantities, claim.Quantity{Min: q.Min, Max: q.Max, Unit: q.Unit,
				Qualifier: q.Qualifier, Kind: claim.QuantityKind(q.Kind)})
		}
		for _, a := range g.Attribution {
			c.Attribution = append(c.Attribution, claim.Attribution{Who: a.Who, Kind: claim.SourceKind(a.Kind),
				Span: find(g.Start, g.Evidence, a.Who)})
		}
		out = append(out, c)
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	return out
}

// placeEntry picks the gazetteer entry of a name, preferring the kind the
// claim gives it.
func placeEntry(pack *knowledge.Pack, name string, kind claim.PlaceKind) (knowledge.Place, bool) {
	ps := pack.LookupPlace(name)
	for _, p := range ps {
		if p.Kind == kind {
			return p, true
		}
	}
	if len(ps) > 0 {
		return ps[0], true
	}
	return knowledge.Place{}, false
}
