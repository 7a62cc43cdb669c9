package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestIngestThenReport: what a new user runs. Ingest extracts and fuses, so
// the report shows the seed's events at once, with nothing stale.
func TestIngestThenReport(t *testing.T) {
	db := filepath.Join(t.TempDir(), "case.db")
	code, _, errOut := cli(t, "--db", db, "ingest", filepath.Join("..", "..", "examples", "seed"))
	if code != 0 {
		t.Fatalf("ingest: exit %d: %s", code, errOut)
	}
	if !strings.Contains(errOut, "claims extracted") || !strings.Contains(errOut, "events") {
		t.Errorf("ingest summary %q names no claims or events", errOut)
	}
	code, out, errOut := cli(t, "--db", db, "report")
	if code != 0 {
		t.Fatalf("report: exit %d: %s", code, errOut)
	}
	if strings.Contains(out, "0 events") || !strings.Contains(out, "Popular Mobilization Forces") || !strings.Contains(out, "corroborated") {
		t.Errorf("report after ingest shows no seed events:\n%.600s", out)
	}
	if strings.Contains(errOut, "changed after the last fusion") {
		t.Errorf("report after ingest calls the events stale: %s", errOut)
	}
}

// TestStaleNote: after --no-extract and a separate extract, the events are
// older than the claims, and report, events and export say so until fuse.
func TestStaleNote(t *testing.T) {
	db := filepath.Join(t.TempDir(), "case.db")
	seeds := filepath.Join("..", "..", "examples", "seed")
	if code, _, errOut := cli(t, "--db", db, "ingest", "--no-extract", seeds); code != 0 {
		t.Fatalf("ingest --no-extract: exit %d: %s", code, errOut)
	}
	if code, out, _ := cli(t, "--db", db, "claims", "--json"); code != 0 || out != "" {
		t.Fatalf("--no-extract extracted claims: %q", out)
	}
	if code, _, errOut := cli(t, "--db", db, "extract"); code != 0 {
		t.Fatalf("extract: exit %d: %s", code, errOut)
	}
	const note = "changed after the last fusion"
	for _, args := range [][]string{{"report"}, {"events"}, {"export", "--format", "geojson"}} {
		code, _, errOut := cli(t, append([]string{"--db", db}, args...)...)
		if code != 0 || !strings.Contains(errOut, note) {
			t.Errorf("%s on stale events: exit %d, stderr %q", args[0], code, errOut)
		}
	}
	if code, _, errOut := cli(t, "--db", db, "fuse"); code != 0 {
		t.Fatalf("fuse: exit %d: %s", code, errOut)
	}
	if _, _, errOut := cli(t, "--db", db, "events"); strings.Contains(errOut, note) {
		t.Errorf("events still stale after fuse: %s", errOut)
	}
}

// TestGradingIsTheCases: 'fuse --grading' keeps the grading in the case, so
// a later 'events move' (no --grading) grades alike; bad files exit 2.
func TestGradingIsTheCases(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "case.db")
	if code, _, errOut := cli(t, "--db", db, "ingest", filepath.Join("..", "..", "examples", "seed")); code != 0 {
		t.Fatalf("ingest: exit %d: %s", code, errOut)
	}
	g := filepath.Join(dir, "grading.json")
	if err := os.WriteFile(g, []byte(`{"sources": {"CNN": "E", "Reuters": "E"}, "prior": 0.3}`), 0o644); err != nil {
		t.Fatal(err)
	}
	_, before, _ := cli(t, "--db", db, "events", "--json")
	if code, _, errOut := cli(t, "--db", db, "fuse", "--grading", g); code != 0 {
		t.Fatalf("fuse --grading: exit %d: %s", code, errOut)
	}
	_, graded, _ := cli(t, "--db", db, "events", "--json")
	if graded == before {
		t.Fatal("the grading file changed no event")
	}
	if code, _, errOut := cli(t, "--db", db, "fuse"); code != 0 {
		t.Fatalf("fuse: exit %d: %s", code, errOut)
	}
	if _, again, _ := cli(t, "--db", db, "events", "--json"); again != graded {
		t.Errorf("a plain fuse after 'fuse --grading' regraded the case:\n%s\nwant\n%s", again, graded)
	}
	if code, out, _ := cli(t, "--db", db, "settings"); code != 0 || !strings.Contains(out, `"cnn": "E"`) {
		t.Errorf("settings do not show the grading: exit %d\n%s", code, out)
	}
	for _, args := range [][]string{
		{"fuse", "--grading", filepath.Join(dir, "nonexistent.json")},
		{"--pack", filepath.Join(dir, "nonexistent"), "fuse"},
		{"--pack", filepath.Join(dir, "nonexistent"), "extract"},
	} {
		if code, _, errOut := cli(t, append([]string{"--db", db}, args...)...); code != 2 {
			t.Errorf("%v: exit %d, want 2 (%s)", args, code, errOut)
		}
	}
}

// TestOrganisationTitlesReport: the organisation in the case's settings
// titles its report.
func TestOrganisationTitlesReport(t *testing.T) {
	db := filepath.Join(t.TempDir(), "case.db")
	if code, _, errOut := cli(t, "--db", db, "ingest", filepath.Join("..", "..", "examples", "seed")); code != 0 {
		t.Fatalf("ingest: %s", errOut)
	}
	if code, _, errOut := cli(t, "--db", db, "settings", "--organisation", "Open Source Desk"); code != 0 {
		t.Fatalf("settings: %s", errOut)
	}
	if _, out, _ := cli(t, "--db", db, "report"); !strings.Contains(out, "Open Source Desk: case report") {
		t.Errorf("report title:\n%.200s", out)
	}
	if _, out, _ := cli(t, "--db", db, "report", "--title", "Mine"); strings.Contains(out, "Open Source Desk") {
		t.Errorf("--title did not win:\n%.200s", out)
	}
}
