package pipeline_test

import (
	"path/filepath"
	"sync"
	"testing"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/examples"
	"github.com/triangulate/triangulate/knowledge"
	"github.com/triangulate/triangulate/pipeline"
	"github.com/triangulate/triangulate/source"
	"github.com/triangulate/triangulate/store"
)

var defaultPack = sync.OnceValues(func() (*knowledge.Pack, error) { return knowledge.Load() })

// newCase is a Case over st with the default pack, loaded once per test binary.
func newCase(t *testing.T, st store.Store) *pipeline.Case {
	t.Helper()
	p, err := defaultPack()
	if err != nil {
		t.Fatal(err)
	}
	return pipeline.New(st, pipeline.Options{Pack: p})
}

func openStore(t *testing.T) store.Store {
	t.Helper()
	st, err := store.Open(t.Context(), filepath.Join(t.TempDir(), "case.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func seedSources(t *testing.T) []*claim.Source {
	t.Helper()
	in := &source.Ingester{}
	var out []*claim.Source
	for _, f := range examples.SeedFiles {
		ss, err := in.FromFS(examples.Seed, f)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, ss...)
	}
	return out
}

// TestIngest: the seed articles are stored, extracted and fused into the
// PMF event with its independent origins; the same content again is a
// no-op that leaves the claims as they were.
func TestIngest(t *testing.T) {
	ctx := t.Context()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "case.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	cs := newCase(t, st)
	added, err := cs.Ingest(ctx, seedSources(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(added) != len(examples.SeedFiles) {
		t.Fatalf("%d added for %d seed files", len(added), len(examples.SeedFiles))
	}
	total := 0
	for _, a := range added {
		if a.Existed || a.ID == 0 || a.Claims == 0 {
			t.Errorf("%s: %+v", a.Source.Name, a)
		}
		total += a.Claims
	}
	stored, err := st.Claims(ctx, store.ClaimFilter{})
	if err != nil || len(stored) != total {
		t.Fatalf("stored claims %d, extracted %d (%v)", len(stored), total, err)
	}
	c, err := cs.Load(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var pmf *claim.Event
	for i := range c.Events {
		if c.Events[i].Action == claim.ActionDeploy && (pmf == nil || len(c.Events[i].Members) > len(pmf.Members)) {
			pmf = &c.Events[i]
		}
	}
	if pmf == nil || pmf.Independent < 3 || len(c.Assessments) == 0 {
		t.Fatalf("after ingest: deploy event %+v, %d assessments", pmf, len(c.Assessments))
	}

	again, err := cs.Ingest(ctx, seedSources(t))
	if err != nil {
		t.Fatal(err)
	}
	for i, a := range again {
		if !a.Existed || a.ID != added[i].ID || a.Claims != 0 {
			t.Errorf("second ingest of %s: %+v", a.Source.Name, a)
		}
	}
	if cs2, _ := st.Claims(ctx, store.ClaimFilter{}); len(cs2) != len(stored) {
		t.Errorf("claims changed on a no-op ingest: %d -> %d", len(stored), len(cs2))
	}
}

// TestIngestResumesUnextracted: a source stored without its claims (an
// ingest killed between the two writes, which bench/crash.sh does) gets
// them when the same content is ingested again, and only once.
func TestIngestResumesUnextracted(t *testing.T) {
	ctx := t.Context()
	want := 0
	for _, a := range must(newCase(t, openStore(t)).Ingest(ctx, seedSources(t)))(t) {
		want += a.Claims
	}
	st := openStore(t)
	cs := newCase(t, st)
	if _, err := cs.Add(ctx, seedSources(t), false); err != nil { // stored, not extracted
		t.Fatal(err)
	}
	got := 0
	for _, a := range must(cs.Ingest(ctx, seedSources(t)))(t) {
		if !a.Existed || !a.Resumed || a.Claims == 0 {
			t.Errorf("ingest after a cut one, %s: %+v", a.Source.Name, a)
		}
		got += a.Claims
	}
	if got != want {
		t.Errorf("resumed ingest extracted %d claims, a whole one %d", got, want)
	}
	for _, a := range must(cs.Ingest(ctx, seedSources(t)))(t) {
		if !a.Existed || a.Resumed || a.Claims != 0 {
			t.Errorf("third ingest of %s: %+v", a.Source.Name, a)
		}
	}
	if stored := must(st.Claims(ctx, store.ClaimFilter{IncludeRejected: true}))(t); len(stored) != want {
		t.Errorf("%d claims stored, want %d", len(stored), want)
	}
}

// must returns v for a test, failing it on err.
func must[T any](v T, err error) func(*testing.T) T {
	return func(t *testing.T) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}
