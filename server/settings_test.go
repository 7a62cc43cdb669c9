package server

import (
	"net/http"
	"strings"
	"testing"

	"github.com/triangulate/triangulate/assess"
	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/examples"
	"github.com/triangulate/triangulate/pipeline"
	"github.com/triangulate/triangulate/source"
	"github.com/triangulate/triangulate/store"
)

// cnnGrade is the reliability the stored assessments give CNN.
func cnnGrade(t *testing.T, st store.Store) (string, claim.Assessment) {
	t.Helper()
	as, err := st.Assessments(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range as {
		for _, g := range a.Sources {
			if strings.EqualFold(g.Who, "CNN") {
				return g.Reliability, a
			}
		}
	}
	t.Fatal("no assessment grades CNN")
	return "", claim.Assessment{}
}

// TestWebEditKeepsCaseGrading: a case fused with a custom grading (as
// 'triangulate fuse --grading FILE' does) keeps that grading when an
// analyst's edit in the workspace fuses it again: the server reads the
// grading from the case, not from its own defaults.
func TestWebEditKeepsCaseGrading(t *testing.T) {
	ctx := t.Context()
	st := emptyStore(t)
	// What the CLI does: ingest the seed, then fuse with a grading file.
	cli := pipeline.New(st, pipeline.Options{})
	in := &source.Ingester{}
	var srcs []*claim.Source
	for _, f := range examples.SeedFiles {
		ss, err := in.FromFS(examples.Seed, f)
		if err != nil {
			t.Fatal(err)
		}
		srcs = append(srcs, ss...)
	}
	if _, err := cli.Ingest(ctx, srcs); err != nil {
		t.Fatal(err)
	}
	if g, _ := cnnGrade(t, st); g != "B" {
		t.Fatalf("CNN graded %s by default, want B", g)
	}
	o, err := assess.ParseOverrides([]byte(`{"sources": {"CNN": "E"}}`))
	if err != nil {
		t.Fatal(err)
	}
	if err := cli.SetGrading(ctx, o, "cli"); err != nil {
		t.Fatal(err)
	}
	if _, err := cli.Fuse(ctx); err != nil {
		t.Fatal(err)
	}
	g, before := cnnGrade(t, st)
	if g != "E" {
		t.Fatalf("CNN graded %s after the custom grading, want E", g)
	}

	// The workspace, a process of its own over the same store.
	analyst := addUser(t, st, "alice", store.Analyst)
	srv := newServerWith(t, Config{Store: st})
	cs, err := st.Claims(ctx, store.ClaimFilter{})
	if err != nil || len(cs) == 0 {
		t.Fatalf("claims: %d %v", len(cs), err)
	}
	c := cs[0]
	status, body := send(t, srv.Client(), http.MethodPatch, srv.URL+"/api/v1/claims/"+c.ID, analyst,
		map[string]any{"version": c.Version, "modality": otherModality(c.Modality)})
	if status != http.StatusOK {
		t.Fatalf("PATCH: %d %s", status, body)
	}
	g, after := cnnGrade(t, st)
	if g != "E" {
		t.Errorf("after a web edit CNN is graded %s: the edit re-fused with the defaults, not the case's grading", g)
	}
	if after.SettingsVersion != before.SettingsVersion || after.SettingsHash != before.SettingsHash || after.SettingsVersion == 0 {
		t.Errorf("after a web edit the assessment names settings v%d %s, want v%d %s",
			after.SettingsVersion, after.SettingsHash, before.SettingsVersion, before.SettingsHash)
	}
}
