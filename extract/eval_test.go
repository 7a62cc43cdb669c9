package extract_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
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
	m := seedMeta[name]
	return readSource(t, shared.Path(t, "seeds", name), m.outlet, m.published)
}

func readSource(t testing.TB, path, outlet, published string) *claim.Source {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	pub, err := time.Parse(time.DateOnly, published)
	if err != nil {
		t.Fatal(err)
	}
	return &claim.Source{ID: 1, Name: filepath.Base(path), Outlet: outlet, Published: pub, Text: string(b), MediaType: "text/plain", Language: "en"}
}

// evalSet is a set of texts with gold claims.
type evalSet struct {
	name    string
	gold    string // gold file
	sources []*claim.Source
}

func seedSet(t testing.TB) evalSet {
	s := evalSet{name: "seeds", gold: shared.Path(t, "eval", "seed-gold.jsonl")}
	for _, name := range slices.Sorted(func(yield func(string) bool) {
		for k := range seedMeta {
			if !yield(k) {
				return
			}
		}
	}) {
		s.sources = append(s.sources, seedSource(t, name))
	}
	return s
}

// devSet reads ../shared/eval/dev: texts nobody tuned the extractor to,
// with their outlet and publication date from sources.json.
func devSet(t testing.TB) evalSet {
	s := evalSet{name: "dev", gold: shared.Path(t, "eval", "dev", "dev-gold.jsonl")}
	for _, d := range shared.DevTexts(t) {
		s.sources = append(s.sources, readSource(t, d.Path, d.Outlet, d.Published))
	}
	return s
}

func (s evalSet) run(t testing.TB, x *extract.Extractor) (gold, pred []extract.GoldClaim) {
	t.Helper()
	f, err := os.Open(s.gold)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if gold, err = extract.ReadGold(f); err != nil {
		t.Fatal(err)
	}
	for _, src := range s.sources {
		for _, c := range x.Extract(src) {
			if err := c.Validate(src.Text); err != nil {
				t.Errorf("invalid claim: %v", err)
			}
			pred = append(pred, extract.ToGold(c))
		}
	}
	return gold, pred
}

// floors per set: each the score reached, rounded down a little, so that
// a regression fails the test.
var floors = map[string]map[string]float64{
	"seeds": {"detection recall": 0.99, "detection F1": 0.99, "action": 0.99, "actors": 0.94, "places": 0.99, "time": 0.99, "quantities": 0.99, "modality": 0.99, "attribution": 0.99, "overall": 0.99},
	"dev":   {"detection recall": 0.91, "detection F1": 0.91, "action": 0.91, "actors": 0.83, "places": 0.87, "time": 0.93, "quantities": 0.96, "modality": 0.97, "attribution": 0.88, "overall": 0.91},
}

// TestEval scores the extractor on the seeds and on the development set,
// separately and per field, and holds each score to its floor.
func TestEval(t *testing.T) {
	x := extract.New(loadPack(t))
	for _, s := range []evalSet{seedSet(t), devSet(t)} {
		t.Run(s.name, func(t *testing.T) {
			gold, pred := s.run(t, x)
			r := extract.Score(gold, pred)
			t.Logf("%s:\n%s", s.name, r)
			if testing.Verbose() || os.Getenv("EXTRACT_EVAL_DETAIL") != "" {
				logDetail(t, r)
			}
			got := map[string]float64{"detection recall": r.Recall, "detection F1": r.F1, "overall": r.Overall}
			for _, f := range extract.Fields {
				got[f] = r.Field[f]
			}
			for k, floor := range floors[s.name] {
				if got[k] < floor {
					t.Errorf("%s %s %.3f below its floor %.2f", s.name, k, got[k], floor)
				}
			}
		})
	}
}

func logDetail(t *testing.T, r extract.Report) {
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

func jsonLine(g extract.GoldClaim) string {
	g.ID, g.Source = "", ""
	for i := range g.Places {
		g.Places[i].Lat, g.Places[i].Lon = nil, nil
	}
	b, _ := json.Marshal(g)
	return string(b)
}

// The scorer scores the gold sets against themselves perfectly.
func TestScoreGoldAgainstItself(t *testing.T) {
	for _, s := range []evalSet{seedSet(t), devSet(t)} {
		f, err := os.Open(s.gold)
		if err != nil {
			t.Fatal(err)
		}
		gold, err := extract.ReadGold(f)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		if len(gold) < 30 {
			t.Fatalf("%s: read %d gold claims", s.name, len(gold))
		}
		r := extract.Score(gold, gold)
		if r.F1 != 1 || r.Overall != 1 {
			t.Errorf("%s gold against itself: F1 %v overall %v\n%s", s.name, r.F1, r.Overall, r)
		}
	}
}

// TestScoreAgreesWithReference runs the reference Python scorer on the
// same predictions and compares every printed figure with Score's.
func TestScoreAgreesWithReference(t *testing.T) {
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not installed")
	}
	script := shared.Path(t, "eval", "score_claims.py")
	x := extract.New(loadPack(t))
	for _, s := range []evalSet{seedSet(t), devSet(t)} {
		gold, pred := s.run(t, x)
		// The scores of a perturbed prediction set too, so that the
		// comparison sees partial matches of every field.
		var shifted []extract.GoldClaim
		for k, p := range pred {
			if k%3 == 0 {
				p.Start += (p.End - p.Start) / 3
				p.Actors = append(p.Actors, "Someone Else")
				if len(p.Quantities) > 0 {
					p.Quantities[0].Unit = "trucks"
				}
			}
			shifted = append(shifted, p)
		}
		for _, ps := range [][]extract.GoldClaim{pred, shifted} {
			path := filepath.Join(t.TempDir(), "pred.jsonl")
			var buf bytes.Buffer
			for _, p := range ps {
				b, err := json.Marshal(p)
				if err != nil {
					t.Fatal(err)
				}
				buf.Write(b)
				buf.WriteByte('\n')
			}
			if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			out, err := exec.Command(py, script, s.gold, path).Output()
			if err != nil {
				t.Fatalf("%s: reference scorer: %v", script, err)
			}
			ref := parseReference(t, out)
			r := extract.Score(gold, ps)
			mine := map[string]float64{"P": r.Precision, "R": r.Recall, "F1": r.F1, "overall": r.Overall}
			for _, f := range extract.Fields {
				mine[f] = r.Field[f]
			}
			for k, v := range ref {
				format := "%.2f"
				if k == "overall" {
					format = "%.3f"
				}
				if a, b := fmt.Sprintf(format, mine[k]), fmt.Sprintf(format, v); a != b {
					t.Errorf("%s: %s is %s here (%.4f), %s by the reference scorer", s.name, k, a, mine[k], b)
				}
			}
			if len(ref) != 3+len(extract.Fields)+1 {
				t.Errorf("%s: read %d figures from the reference scorer:\n%s", s.name, len(ref), out)
			}
		}
	}
}

var (
	refDetection = regexp.MustCompile(`^detection\s+P (\S+)\s+R (\S+)\s+F1 (\S+)`)
	refField     = regexp.MustCompile(`^(\w+)\s+([0-9.]+)$`)
	refOverall   = regexp.MustCompile(`^overall ([0-9.]+)`)
)

func parseReference(t *testing.T, out []byte) map[string]float64 {
	ref := map[string]float64{}
	num := func(s string) float64 {
		v, err := strconv.ParseFloat(s, 64)
		if err != nil {
			t.Fatalf("reference scorer printed %q", s)
		}
		return v
	}
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		line := sc.Text()
		if m := refDetection.FindStringSubmatch(line); m != nil {
			ref["P"], ref["R"], ref["F1"] = num(m[1]), num(m[2]), num(m[3])
		} else if m := refOverall.FindStringSubmatch(line); m != nil {
			ref["overall"] = num(m[1])
		} else if m := refField.FindStringSubmatch(line); m != nil && slices.Contains(extract.Fields, m[1]) {
			ref[m[1]] = num(m[2])
		}
	}
	return ref
}
