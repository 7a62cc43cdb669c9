package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/export"
	"github.com/triangulate/triangulate/pipeline"
	"github.com/triangulate/triangulate/report"
	"github.com/triangulate/triangulate/report/reporttest"
	"github.com/triangulate/triangulate/store"
)

// runCLI runs the command line in-process.
func runCLI(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(t.Context(), args, strings.NewReader(""), &out, &errOut)
	return code, out.String(), errOut.String()
}

// seedStore stores the seed case (gold claims, hand-made events) in a new
// SQLite file and returns its path and the case as stored.
func seedStore(t *testing.T) (string, *claim.Case) {
	t.Helper()
	c := reporttest.SeedCase(t)
	db := filepath.Join(t.TempDir(), "case.db")
	ctx := t.Context()
	st, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for i := range c.Sources {
		s := c.Sources[i]
		id, _, err := st.AddSource(ctx, &s)
		if err != nil {
			t.Fatal(err)
		}
		if id != s.ID {
			t.Fatalf("source stored as %d, fixture says %d", id, s.ID)
		}
		var cls []claim.Claim
		for _, cl := range c.Claims {
			if cl.SourceID == id {
				cls = append(cls, cl)
			}
		}
		if err := st.ReplaceClaims(ctx, id, cls); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.ReplaceFusion(ctx, store.Fusion{Events: c.Events, Assessments: c.Assessments}); err != nil {
		t.Fatal(err)
	}
	if err := st.PutSignals(ctx, c.Signals); err != nil {
		t.Fatal(err)
	}
	loaded, err := pipeline.LoadCase(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	return db, loaded
}

func TestLoadCase(t *testing.T) {
	_, c := seedStore(t)
	want := reporttest.SeedCase(t)
	if len(c.Sources) != 2 || len(c.Claims) != len(want.Claims) || len(c.Events) != len(want.Events) ||
		len(c.Assessments) != len(want.Assessments) || len(c.Signals) != len(want.Signals) {
		t.Fatalf("loaded %d sources, %d claims, %d events, %d assessments, %d signals",
			len(c.Sources), len(c.Claims), len(c.Events), len(c.Assessments), len(c.Signals))
	}
	for i := range c.Claims {
		if c.Claims[i].ID != want.Claims[i].ID || c.Claims[i].Evidence != want.Claims[i].Evidence {
			t.Fatalf("claim %d: %s, want %s in source-then-offset order", i, c.Claims[i].ID, want.Claims[i].ID)
		}
	}
	if c.Sources[0].Raw != nil {
		t.Error("loadCase read raw bytes")
	}
}

func TestReportCommand(t *testing.T) {
	db, stored := seedStore(t)
	for _, f := range report.Formats() {
		code, out, errOut := runCLI(t, "--db", db, "report", "--format", string(f))
		if code != 0 {
			t.Fatalf("report --format %s: exit %d: %s", f, code, errOut)
		}
		var want bytes.Buffer
		if err := report.Write(&want, stored, f, report.Options{}); err != nil {
			t.Fatal(err)
		}
		if out != want.String() {
			t.Errorf("report --format %s differs from report.Write over the stored case", f)
		}
		_, again, _ := runCLI(t, "--db", db, "report", "--format", string(f))
		if again != out {
			t.Errorf("report --format %s: two runs differ", f)
		}
	}
	// The Markdown of the stored case matches the fixture's: the store
	// round-trips everything the report shows.
	var fixture bytes.Buffer
	report.Write(&fixture, reporttest.SeedCase(t), report.Markdown, report.Options{})
	_, md, _ := runCLI(t, "--db", db, "report")
	if md != fixture.String() {
		t.Error("report of the stored case differs from the report of the case before storing")
	}

	path := filepath.Join(t.TempDir(), "case.html")
	if code, _, errOut := runCLI(t, "--db", db, "report", "-f", "html", "--out", path); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	b, err := os.ReadFile(path)
	if err != nil || !strings.HasPrefix(string(b), "<!DOCTYPE html>") {
		t.Fatalf("--out wrote %q… (%v)", b[:min(len(b), 40)], err)
	}
	if code, _, _ := runCLI(t, "--db", db, "report", "--format", "pdf"); code != 2 {
		t.Errorf("--format pdf: exit %d, want 2", code)
	}
}

func TestExportCommand(t *testing.T) {
	db, stored := seedStore(t)
	for _, f := range export.Formats() {
		code, out, errOut := runCLI(t, "--db", db, "export", "--format", string(f))
		if code != 0 {
			t.Fatalf("export --format %s: exit %d: %s", f, code, errOut)
		}
		var want bytes.Buffer
		if err := export.Write(&want, stored, f); err != nil {
			t.Fatal(err)
		}
		if out != want.String() {
			t.Errorf("export --format %s differs from export.Write over the stored case", f)
		}
		var fixture bytes.Buffer
		export.Write(&fixture, reporttest.SeedCase(t), f)
		if out != fixture.String() {
			t.Errorf("export --format %s of the stored case differs from the fixture's", f)
		}
	}
	for _, args := range [][]string{{"export"}, {"export", "--format", "kml"}} {
		if code, _, _ := runCLI(t, append([]string{"--db", db}, args...)...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
}
