package pipeline_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/triangulate/triangulate/assess"
	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/errs"
	"github.com/triangulate/triangulate/knowledge"
	"github.com/triangulate/triangulate/pipeline"
	"github.com/triangulate/triangulate/store"
)

// gradeOf finds the reliability the assessments gave the named outlet.
func gradeOf(as []claim.Assessment, who string) string {
	for _, a := range as {
		for _, g := range a.Sources {
			if strings.EqualFold(g.Who, who) {
				return g.Reliability
			}
		}
	}
	return ""
}

// TestCaseGradingIsKept: grading set on the case is used by every later
// fusion, including the one an analyst's edit runs, and each assessment
// names the settings version it was made with.
func TestCaseGradingIsKept(t *testing.T) {
	ctx := t.Context()
	st := openStore(t)
	cs := newCase(t, st)
	if _, err := cs.Ingest(ctx, seedSources(t)); err != nil {
		t.Fatal(err)
	}
	as, _ := st.Assessments(ctx)
	if g := gradeOf(as, "CNN"); g != "B" {
		t.Fatalf("CNN graded %q with the defaults, want the pack's B", g)
	}
	o, err := assess.ParseOverrides([]byte(`{"sources": {"CNN": "E"}}`))
	if err != nil {
		t.Fatal(err)
	}
	if err := cs.SetGrading(ctx, o, "alice"); err != nil {
		t.Fatal(err)
	}
	if s, _ := cs.Status(ctx); !s.Stale {
		t.Error("a new grading did not make the events stale")
	}
	f, err := cs.Fuse(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if g := gradeOf(f.Assessments, "CNN"); g != "E" {
		t.Fatalf("CNN graded %q after the case's grading, want E", g)
	}
	ver := f.Settings.Version
	hash := f.Assessments[0].SettingsHash
	if ver == 0 || f.Assessments[0].SettingsVersion != ver || len(hash) != 64 {
		t.Fatalf("assessment records settings v%d %q, want v%d", f.Assessments[0].SettingsVersion, hash, ver)
	}

	// An edit re-fuses: the grading stays the case's, however the edit came.
	claims, _ := st.Claims(ctx, store.ClaimFilter{})
	v, rejected := claims[0].Version, true
	again := pipeline.New(st, pipeline.Options{Pack: mustPack(t)}) // another door on the same store
	if _, err := again.EditClaim(ctx, claims[0].ID, pipeline.ClaimEdit{Version: &v, Rejected: &rejected}, "bob"); err != nil {
		t.Fatal(err)
	}
	as, _ = st.Assessments(ctx)
	if g := gradeOf(as, "CNN"); g != "E" {
		t.Errorf("after an edit CNN is graded %q, want the case's E", g)
	}
	if as[0].SettingsVersion != ver || as[0].SettingsHash != hash {
		t.Errorf("after an edit: settings v%d %s, want v%d %s", as[0].SettingsVersion, as[0].SettingsHash, ver, hash)
	}
	if s, _ := cs.Status(ctx); s.Stale {
		t.Error("stale after the edit's fusion")
	}
}

func mustPack(t *testing.T) *knowledge.Pack {
	t.Helper()
	p, err := defaultPack()
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestPacksInUse: the packs a case is read with are recorded with their
// hashes; a pack changed on disk is reloaded and its new hash recorded; a
// pack that vanished is bad input naming it.
func TestPacksInUse(t *testing.T) {
	ctx := t.Context()
	st := openStore(t)
	dir := t.TempDir()
	write := func(doc string) {
		if err := os.WriteFile(filepath.Join(dir, "speakers.json"), []byte(doc), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(`[{"id": "the-amargi", "name": "The Amargi", "kind": "outlet", "reliability": "B"}]`)
	cs := pipeline.New(st, pipeline.Options{})
	if err := cs.UsePacks(ctx, []string{dir}, "alice"); err != nil {
		t.Fatal(err)
	}
	set, _ := cs.Settings(ctx)
	if len(set.Packs) != 1 || set.Packs[0].Dir != dir || len(set.Packs[0].Hash) != 64 {
		t.Fatalf("packs recorded %+v", set.Packs)
	}
	first := set.Packs[0].Hash
	cfg, _, _, err := cs.Grading(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Sources["the amargi"] != "B" || cfg.Sources["cnn"] != "B" {
		t.Fatalf("grading from the default and the case's pack: amargi %q cnn %q", cfg.Sources["the amargi"], cfg.Sources["cnn"])
	}
	write(`[{"id": "the-amargi", "name": "The Amargi", "kind": "outlet", "reliability": "D"}]`)
	if cfg, _, _, err = cs.Grading(ctx); err != nil || cfg.Sources["the amargi"] != "D" {
		t.Fatalf("after the pack changed: amargi %q (%v), want D", cfg.Sources["the amargi"], err)
	}
	set, _ = cs.Settings(ctx)
	if set.Packs[0].Hash == first || set.Version != 2 {
		t.Errorf("a changed pack was not recorded: %+v (v%d)", set.Packs, set.Version)
	}
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	if _, err := cs.Pack(ctx); !errs.Is(err, errs.BadInput) || !strings.Contains(err.Error(), dir) {
		t.Errorf("vanished pack: %v, want bad input naming it", err)
	}
}
