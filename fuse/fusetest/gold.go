// Package fusetest loads the seed case's gold claims (../shared/eval) as
// claim values, the way the extractor would hand them to fuse and assess.
// It is for tests only.
package fusetest

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/internal/shared"
	"github.com/triangulate/triangulate/knowledge"
)

// seedSources describes the two seed texts as the ingest would store them.
var seedSources = []struct {
	id        int64
	name      string
	outlet    string
	published string
}{
	{1, "000_fb75171b0db195ae.txt", "The Amargi", "2026-01-14"},
	{2, "003_e72e86618cf972b7.txt", "TFI Global", "2026-01-16"},
}

// affiliation mirrors what the knowledge pack resolves for the gold's
// canonical actor names: the umbrella each militia belongs to.
var affiliation = map[string]string{
	"Kataib Hezbollah":            "Popular Mobilization Forces",
	"Harakat Hezbollah al-Nujaba": "Popular Mobilization Forces",
	"Asaib Ahl al-Haq":            "Popular Mobilization Forces",
	"Kataib Sayyid al-Shuhada":    "Popular Mobilization Forces",
	"Badr Organization":           "Popular Mobilization Forces",
}

// country mirrors the gazetteer's country for the gold's place names.
var country = map[string]string{
	"Iran": "IR", "Iraq": "IQ",
	"Tehran": "IR", "Mashhad": "IR", "Qom": "IR", "Hamedan": "IR", "Kermanshah": "IR", "Ilam": "IR",
	"Khosravi": "IR", "Mehran": "IR", "western Iran": "IR", "western and northwestern Iran": "IR",
	"Shaib": "IQ", "Zurbatiya": "IQ", "Maysan": "IQ", "Wasit": "IQ", "Diyala": "IQ", "Basra": "IQ", "Najaf": "IQ",
}

type goldClaim struct {
	ID       string `json:"id"`
	Source   string `json:"source"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
	Evidence string `json:"evidence"`
	Action   string `json:"action"`
	Actors   []string
	Places   []struct{ Name, Role, Kind string }
	Time     *struct {
		From      *string `json:"from"`
		To        *string `json:"to"`
		Precision string  `json:"precision"`
	}
	Quantities []struct {
		Min, Max              float64
		Unit, Qualifier, Kind string
	}
	Modality    string
	Attribution []struct{ Who, Kind string }
}

// Gold returns the seed sources and the gold claims converted to claim.Claim,
// with place spans located in the evidence, actors resolved against the
// default pack (pack id, umbrella) and places' countries filled as the
// extractor would from the packs.
func Gold(tb testing.TB) ([]claim.Claim, []claim.Source) {
	tb.Helper()
	var srcs []claim.Source
	ids := map[string]int64{}
	for _, s := range seedSources {
		raw, err := os.ReadFile(shared.Path(tb, "seeds", s.name))
		if err != nil {
			tb.Fatal(err)
		}
		pub, _ := time.Parse(time.DateOnly, s.published)
		sum := sha256.Sum256(raw)
		srcs = append(srcs, claim.Source{ID: s.id, Name: s.name, Outlet: s.outlet, Published: pub,
			MediaType: "text/plain", ContentHash: hex.EncodeToString(sum[:]), Raw: raw, Text: string(raw)})
		ids[s.name] = s.id
	}
	pack, err := knowledge.Load()
	if err != nil {
		tb.Fatal(err)
	}
	f, err := os.Open(shared.Path(tb, "eval", "seed-gold.jsonl"))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var out []claim.Claim
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var g goldClaim
		if err := json.Unmarshal(sc.Bytes(), &g); err != nil {
			tb.Fatalf("gold: %v", err)
		}
		c := claim.Claim{ID: g.ID, SourceID: ids[g.Source], Source: g.Source, Start: g.Start, End: g.End,
			Evidence: g.Evidence, Action: claim.Action(g.Action), Modality: claim.Modality(g.Modality)}
		for _, a := range g.Actors {
			act := claim.Actor{Name: a, Affiliation: affiliation[a], Span: find(g.Start, g.Evidence, a)}
			if pa, ok := pack.ActorByName(a); ok {
				act.Name, act.PackID, act.Affiliation = pa.Name, pa.ID, pa.Affiliation
			}
			c.Actors = append(c.Actors, act)
		}
		for _, p := range g.Places {
			c.Places = append(c.Places, claim.Place{Name: p.Name, Role: claim.PlaceRole(p.Role), Kind: claim.PlaceKind(p.Kind),
				Country: country[p.Name], Span: find(g.Start, g.Evidence, p.Name)})
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
	return out, srcs
}

// find locates name in the evidence (which starts at byte start of the
// source) and returns its span, or a zero span when the text words it otherwise.
func find(start int, evidence, name string) claim.Span {
	i := strings.Index(evidence, name)
	if i < 0 {
		return claim.Span{}
	}
	return claim.Span{Start: start + i, End: start + i + len(name), Text: name}
}

// ByID indexes claims by id.
func ByID(cs []claim.Claim) map[string]claim.Claim {
	m := make(map[string]claim.Claim, len(cs))
	for _, c := range cs {
		m[c.ID] = c
	}
	return m
}
