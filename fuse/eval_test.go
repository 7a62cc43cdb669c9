package fuse_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/extract"
	"github.com/triangulate/triangulate/fuse"
	"github.com/triangulate/triangulate/fuse/fuseeval"
	"github.com/triangulate/triangulate/fuse/fusetest"
	"github.com/triangulate/triangulate/internal/shared"
	"github.com/triangulate/triangulate/knowledge"
)

// evalCase is the development texts and the seeds, as ingested.
type evalCase struct {
	pack    *knowledge.Pack
	sources []claim.Source
	gold    *fuseeval.Gold
	// goldPaths are the gold claim files (dev, seeds), for score_events.py.
	goldPaths []string
}

func loadEvalCase(t *testing.T) *evalCase {
	t.Helper()
	pack, err := knowledge.Load()
	if err != nil {
		t.Fatal(err)
	}
	ec := &evalCase{pack: pack}
	ec.sources = append(fusetest.Sources(t, shared.Path(t, "eval", "dev", "texts"), fusetest.DevMeta(t), 1),
		fusetest.Sources(t, shared.Path(t, "seeds"), fusetest.SeedMeta(), 100)...)
	ec.goldPaths = []string{shared.Path(t, "eval", "dev", "dev-gold.jsonl"), shared.Path(t, "eval", "seed-gold.jsonl")}
	var gcs []fuseeval.GoldClaim
	for _, p := range ec.goldPaths {
		f, err := os.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		cs, err := fuseeval.ReadClaims(f)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		gcs = append(gcs, cs...)
	}
	eg, err := os.Open(shared.Path(t, "eval", "dev", "events-gold.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer eg.Close()
	if ec.gold, err = fuseeval.NewGold(eg, gcs); err != nil {
		t.Fatal(err)
	}
	return ec
}

// oracle is the gold claims themselves, as the extractor would hand them over.
func (ec *evalCase) oracle(t *testing.T) []claim.Claim {
	var cs []claim.Claim
	for _, p := range ec.goldPaths {
		cs = append(cs, fusetest.Resolved(t, ec.pack, p, ec.sources)...)
	}
	return cs
}

// extracted is what the extractor finds in the texts.
func (ec *evalCase) extracted() []claim.Claim {
	x := extract.New(ec.pack)
	var cs []claim.Claim
	for i := range ec.sources {
		cs = append(cs, x.Extract(&ec.sources[i])...)
	}
	return cs
}

// fuseAndScore groups the claims, marks each with its event and scores the result.
func (ec *evalCase) fuseAndScore(cs []claim.Claim) ([]claim.Claim, []claim.Event, fuseeval.Result) {
	evs := fuse.Group(cs, ec.sources, nil)
	of := map[string]string{}
	for _, e := range evs {
		for _, m := range e.Members {
			of[m.ClaimID] = e.ID
		}
	}
	for i := range cs {
		cs[i].EventID = of[cs[i].ID]
	}
	return cs, evs, fuseeval.Score(ec.gold, cs, evs)
}

// floors are the scores fusion must keep: set at what it reaches, so
// that a change making it worse fails.
type floors struct {
	b3, pairF1          float64
	figuresOK, echoOK   int
	requireNoDistractor bool
}

func (f floors) check(t *testing.T, name string, r fuseeval.Result) {
	t.Helper()
	if r.B3F1 < f.b3 {
		t.Errorf("%s: B-cubed F1 %.3f below the floor %.3f", name, r.B3F1, f.b3)
	}
	if r.F1 < f.pairF1 {
		t.Errorf("%s: pairwise F1 %.3f below the floor %.3f", name, r.F1, f.pairF1)
	}
	if r.FiguresOK < f.figuresOK {
		t.Errorf("%s: %d figures fully right, floor %d", name, r.FiguresOK, f.figuresOK)
	}
	if r.EchoOK < f.echoOK {
		t.Errorf("%s: %d echo groups one origin, floor %d", name, r.EchoOK, f.echoOK)
	}
	if f.requireNoDistractor && (r.DistractorPairs > 0 || r.DistractorEvents > 0) {
		t.Errorf("%s: a distractor joined a current event (%d pairs, %d events)", name, r.DistractorPairs, r.DistractorEvents)
	}
}

// TestEventEvaluation scores fusion on the development texts with the seeds
// against their expected events, twice: on the gold claims themselves (the
// oracle: fusion measured apart from extraction) and on what the extractor
// finds. It prints the table, fails below the floors, and, when python3 is
// present, checks that the reference scorer gives the same headline numbers
// on the same output.
func TestEventEvaluation(t *testing.T) {
	ec := loadEvalCase(t)
	runs := []struct {
		name   string
		claims func() []claim.Claim
		floors floors
	}{
		{"oracle", func() []claim.Claim { return ec.oracle(t) }, floors{b3: 0.98, pairF1: 0.98, figuresOK: 14, echoOK: 14, requireNoDistractor: true}},
		{"extracted", ec.extracted, floors{b3: 0.97, pairF1: 0.97, figuresOK: 14, echoOK: 11, requireNoDistractor: true}},
	}
	for _, run := range runs {
		t.Run(run.name, func(t *testing.T) {
			cs, evs, r := ec.fuseAndScore(run.claims())
			t.Logf("%s (%d claims, %d events)", run.name, len(cs), len(evs))
			t.Logf("  clustering over %d scorable claims: pairwise P %.3f R %.3f F1 %.3f; B-cubed P %.3f R %.3f F1 %.3f",
				r.Scorable, r.P, r.R, r.F1, r.B3P, r.B3R, r.B3F1)
			for _, l := range r.Lines {
				t.Logf("  %s", l)
			}
			t.Logf("  %s", r.Summary())
			run.floors.check(t, run.name, r)
			crossCheck(t, ec, cs, evs, r)
		})
	}
}

// crossCheck runs score_events.py on the same output and compares.
func crossCheck(t *testing.T, ec *evalCase, cs []claim.Claim, evs []claim.Event, r fuseeval.Result) {
	t.Helper()
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Log("python3 not found: reference scorer not run")
		return
	}
	dir := t.TempDir()
	if d := os.Getenv("FUSE_EVAL_OUT"); d != "" { // keep the files for a closer look
		dir = filepath.Join(d, t.Name())
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	var claims bytes.Buffer
	enc := json.NewEncoder(&claims)
	for _, c := range cs {
		if err := enc.Encode(c); err != nil {
			t.Fatal(err)
		}
	}
	report, err := json.Marshal(map[string]any{"schema": "triangulate.report/v1", "case": map[string]any{"events": evs}})
	if err != nil {
		t.Fatal(err)
	}
	cp, rp, out := filepath.Join(dir, "claims.jsonl"), filepath.Join(dir, "report.json"), filepath.Join(dir, "score.json")
	if err := os.WriteFile(cp, claims.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(rp, report, 0o644); err != nil {
		t.Fatal(err)
	}
	gold := ec.goldPaths[0] + "," + ec.goldPaths[1]
	cmd := exec.Command(python, shared.Path(t, "eval", "score_events.py"), shared.Path(t, "eval", "dev", "events-gold.json"), gold, cp, rp, "--json", out)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("score_events.py: %v\n%s", err, b)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var py struct {
		Matched          int     `json:"matched"`
		F1               float64 `json:"F1"`
		B3F1             float64 `json:"b3F1"`
		DistractorPairs  int     `json:"distractor_pairs"`
		DistractorEvents int     `json:"distractor_events"`
		FiguresShown     int     `json:"figures_shown"`
		FiguresCountOK   int     `json:"figures_count_ok"`
		FiguresOK        int     `json:"figures_ok"`
		EchoOK           int     `json:"echo_ok"`
		EchoN            int     `json:"echo_n"`
	}
	if err := json.Unmarshal(b, &py); err != nil {
		t.Fatal(err)
	}
	got := fmt.Sprint(r.Matched, r.DistractorPairs, r.DistractorEvents, r.FiguresShown, r.FiguresCountOK, r.FiguresOK, r.EchoOK, r.EchoN)
	want := fmt.Sprint(py.Matched, py.DistractorPairs, py.DistractorEvents, py.FiguresShown, py.FiguresCountOK, py.FiguresOK, py.EchoOK, py.EchoN)
	if got != want || math.Abs(r.F1-py.F1) > 1e-9 || math.Abs(r.B3F1-py.B3F1) > 1e-9 {
		t.Errorf("the Go scorer and score_events.py disagree:\n go %s F1 %.6f B3 %.6f\n py %s F1 %.6f B3 %.6f", got, r.F1, r.B3F1, want, py.F1, py.B3F1)
	}
}
