package extract_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/extract"
	"github.com/triangulate/triangulate/internal/shared"
	"github.com/triangulate/triangulate/knowledge"
)

var (
	packOnce sync.Once
	pack     *knowledge.Pack
	packErr  error
)

func loadPack(t testing.TB) *knowledge.Pack {
	t.Helper()
	packOnce.Do(func() { pack, packErr = knowledge.Load() })
	if packErr != nil {
		t.Fatalf("load pack: %v", packErr)
	}
	return pack
}

// seedMeta is what ingest would record for the seed files, as the
// evaluation README states it (publication date and outlet).
var seedMeta = map[string]struct {
	published string
	outlet    string
}{
	"000_fb75171b0db195ae.txt": {"2026-01-14", "The Amargi"},
	"003_e72e86618cf972b7.txt": {"2026-01-16", "TFI Global"},
}

func seedSource(t testing.TB, name string) *claim.Source {
	t.Helper()
	b, err := os.ReadFile(shared.Path(t, "seeds", name))
	if err != nil {
		t.Fatal(err)
	}
	m := seedMeta[name]
	pub, err := time.Parse(time.DateOnly, m.published)
	if err != nil {
		t.Fatal(err)
	}
	return &claim.Source{ID: 1, Name: name, Outlet: m.outlet, Published: pub, Text: string(b), MediaType: "text/plain"}
}

// Floors from ../shared/eval/README.md.
const (
	floorDetection   = 0.75
	floorQuantities  = 0.9
	floorAttribution = 0.7
	floorOverall     = 0.7
)

func TestEvalSeedGold(t *testing.T) {
	f, err := os.Open(shared.Path(t, "eval", "seed-gold.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	gold, err := extract.ReadGold(f)
	if err != nil {
		t.Fatal(err)
	}
	x := extract.New(loadPack(t))
	var pred []extract.GoldClaim
	for name := range seedMeta {
		src := seedSource(t, name)
		for _, c := range x.Extract(src) {
			if err := c.Validate(src.Text); err != nil {
				t.Errorf("invalid claim: %v", err)
			}
			pred = append(pred, extract.ToGold(c))
		}
	}
	r := extract.Score(gold, pred)
	t.Logf("evaluation on the seed gold set:\n%s", r)
	if testing.Verbose() || os.Getenv("EXTRACT_EVAL_DETAIL") != "" {
		for _, p := range r.Pairs {
			var bad []string
			for _, f := range extract.Fields {
				if p.Scores[f] < 1 {
					bad = append(bad, fmt.Sprintf("%s=%.2f", f, p.Scores[f]))
				}
			}
			if len(bad) > 0 {
				t.Logf("%s %s\n  gold: %s\n  pred: %s", p.Gold.ID, strings.Join(bad, " "), jsonLine(p.Gold), jsonLine(p.Pred))
			}
		}
		for _, g := range r.Missed {
			t.Logf("missed %s: %q", g.ID, g.Evidence)
		}
		for _, p := range r.Spurious {
			t.Logf("spurious: %s", jsonLine(p))
		}
	}
	if r.F1 < floorDetection {
		t.Errorf("detection F1 %.3f below floor %.2f", r.F1, floorDetection)
	}
	if q := r.Field["quantities"]; q < floorQuantities {
		t.Errorf("quantities %.3f below floor %.2f", q, floorQuantities)
	}
	if a := r.Field["attribution"]; a < floorAttribution {
		t.Errorf("attribution F1 %.3f below floor %.2f", a, floorAttribution)
	}
	if r.Overall < floorOverall {
		t.Errorf("overall %.3f below floor %.2f", r.Overall, floorOverall)
	}
}

func jsonLine(g extract.GoldClaim) string {
	g.ID, g.Source = "", ""
	for i := range g.Places {
		g.Places[i].Lat, g.Places[i].Lon = nil, nil
	}
	b, _ := json.Marshal(g)
	return string(b)
}

// The scorer scores the gold set against itself perfectly.
func TestScoreGoldAgainstItself(t *testing.T) {
	f, err := os.Open(filepath.Join(shared.Path(t, "eval"), "seed-gold.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	gold, err := extract.ReadGold(f)
	if err != nil {
		t.Fatal(err)
	}
	if len(gold) < 30 {
		t.Fatalf("read %d gold claims", len(gold))
	}
	r := extract.Score(gold, gold)
	if r.F1 != 1 || r.Overall != 1 {
		t.Errorf("gold against itself: F1 %v overall %v\n%s", r.F1, r.Overall, r)
	}
}
