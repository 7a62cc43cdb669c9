package main

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	_ "modernc.org/sqlite"

	"github.com/triangulate/triangulate/source"
	"github.com/triangulate/triangulate/store"
)

// cli runs the command line in-process and returns its exit code and output.
func cli(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(t.Context(), args, strings.NewReader(""), &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestIngestCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "case.db")
	seeds := filepath.Join("..", "..", "examples", "seed")

	code, out, errOut := cli(t, "--db", db, "ingest", seeds)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	want := "added #1 000_fb75171b0db195ae.txt (The Amargi, 2026-01-14)\n" +
		"added #2 003_e72e86618cf972b7.txt (TFI Global, 2026-01-16)\n"
	if out != want {
		t.Errorf("stdout:\n%s\nwant:\n%s", out, want)
	}

	// The same content again is a no-op that says so.
	code, out, _ = cli(t, "--db", db, "ingest", filepath.Join(seeds, "003_e72e86618cf972b7.txt"))
	if code != 0 || out != "unchanged: 003_e72e86618cf972b7.txt already stored as #2\n" {
		t.Errorf("exit %d, stdout %q", code, out)
	}

	// The stored text is the file's bytes.
	st, err := store.Open(t.Context(), db)
	if err != nil {
		t.Fatal(err)
	}
	s, err := st.Source(t.Context(), 1)
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(filepath.Join(seeds, "000_fb75171b0db195ae.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if s.Text != string(raw) || !bytes.Equal(s.Raw, raw) || s.ContentHash != source.Hash(raw) {
		t.Errorf("stored source is not the file")
	}

	code, out, _ = cli(t, "--db", db, "sources")
	if code != 0 || !strings.Contains(out, "000_fb75171b0db195ae.txt") || !strings.Contains(out, "TFI Global") ||
		!strings.Contains(out, "2026-01-16") || !strings.Contains(out, s.ContentHash[:12]) {
		t.Errorf("sources table:\n%s", out)
	}
	code, out, _ = cli(t, "--db", db, "sources", "--json")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != 0 || len(lines) != 2 {
		t.Fatalf("sources --json: exit %d\n%s", code, out)
	}
	var row sourceRow
	if err := json.Unmarshal([]byte(lines[0]), &row); err != nil {
		t.Fatal(err)
	}
	if row.ID != 1 || row.Outlet != "The Amargi" || row.ContentHash != s.ContentHash || row.TextBytes != len(raw) {
		t.Errorf("json row %+v", row)
	}
}

// TestIngestBadInputs checks that bad files each get one stderr line naming
// them, good files are still stored, the exit code is 1 and nothing of the
// bad files reaches the store.
func TestIngestBadInputs(t *testing.T) {
	dir := t.TempDir()
	files := map[string][]byte{
		"good.txt":      []byte("A good report.\n"),
		"empty.txt":     nil,
		"binary.txt":    []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
		"latin1.txt":    []byte("caf\xe9\n"),
		"truncated.htm": []byte("<!DOCTYPE html><html><head><title>Cut off</title><script>var a = 1;"),
	}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	f, err := os.Create(filepath.Join(dir, "huge.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(100 << 20); err != nil { // sparse
		t.Fatal(err)
	}
	f.Close()

	db := filepath.Join(t.TempDir(), "case.db")
	code, out, errOut := cli(t, "--db", db, "ingest", dir, "--outlet", "Wire", "--published", "2026-01-15")
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	if out != "added #1 good.txt (Wire, 2026-01-15)\n" {
		t.Errorf("stdout %q", out)
	}
	for name, want := range map[string]string{
		"empty.txt":     "file is empty",
		"binary.txt":    "binary file",
		"latin1.txt":    "invalid UTF-8 at byte 3 (line 1)",
		"truncated.htm": "HTML is truncated before any readable text",
		"huge.txt":      "too large: 100.0 MiB",
	} {
		line := "triangulate: ingest " + filepath.Join(dir, name) + ": " + want
		if !strings.Contains(errOut, line) {
			t.Errorf("stderr lacks %q:\n%s", line, errOut)
		}
	}
	if !strings.Contains(errOut, "1 added, 0 unchanged, 5 failed") {
		t.Errorf("no summary:\n%s", errOut)
	}
	st, err := store.Open(t.Context(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if n, err := st.CountSources(t.Context()); err != nil || n != 1 {
		t.Errorf("store holds %d sources (%v), want 1", n, err)
	}

	// Usage mistakes exit 2.
	if code, _, _ := cli(t, "--db", db, "ingest", "--published", "14/01/2026", dir); code != 2 {
		t.Errorf("bad --published: exit %d", code)
	}
	if code, _, _ := cli(t, "--db", db, "ingest"); code != 2 {
		t.Errorf("no args: exit %d", code)
	}
}

func TestIngestURL(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, `<html><head><title>Convoy seen</title><meta property="og:site_name" content="Local Wire"></head>
<body><article><p>Residents said a convoy of buses crossed the border at dawn on Monday.</p></article></body></html>`)
	}))
	defer srv.Close()
	db := filepath.Join(t.TempDir(), "case.db")

	code, out, errOut := cli(t, "--db", db, "ingest", srv.URL+"/news/convoy")
	if code != 1 || out != "" || !strings.Contains(errOut, "refused 127.0.0.1: loopback address") {
		t.Errorf("without --allow-private: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	code, out, errOut = cli(t, "--db", db, "ingest", "--allow-private", "--published", "2026-01-12", srv.URL+"/news/convoy")
	if code != 0 || out != "added #1 127.0.0.1_news_convoy (Local Wire, 2026-01-12)\n" {
		t.Errorf("with --allow-private: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	code, _, errOut = cli(t, "--db", db, "ingest", "file:///etc/passwd")
	if code != 1 || !strings.Contains(errOut, "only http and https URLs are fetched") {
		t.Errorf("file URL: exit %d, stderr %q", code, errOut)
	}
}

// TestIngestSurvivesSIGKILL kills `triangulate ingest` with SIGKILL in the
// middle of a large directory and checks the store opens cleanly and holds
// only whole sources, each equal to its file; ingesting again completes it.
func TestIngestSurvivesSIGKILL(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	tmp := t.TempDir()
	bin := filepath.Join(tmp, "triangulate")
	build := exec.Command("go", "build", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}

	const n = 3000
	dir := filepath.Join(tmp, "docs")
	contents := make(map[string][]byte, n)
	for i := range n {
		name := fmt.Sprintf("report-from-the-border-number-%05d.txt", i)
		// Sizes vary so that a torn write would show as a length mismatch.
		b := []byte(fmt.Sprintf("Report %d.\n%s\n", i, strings.Repeat(fmt.Sprintf("Line %d of a long dispatch. ", i), 10+i%90)))
		contents[name] = b
		if i == 0 {
			if err := os.MkdirAll(filepath.Join(dir, "sub"), 0o755); err != nil {
				t.Fatal(err)
			}
		}
		sub := dir
		if i%2 == 1 {
			sub = filepath.Join(dir, "sub") // recursion too
		}
		if err := os.WriteFile(filepath.Join(sub, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	db := filepath.Join(tmp, "case.db")

	cmd := exec.Command(bin, "--db", db, "ingest", dir)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Kill once a third of the files are reported stored; keep reading so
	// the child is busy writing, not blocked on a full pipe, when it dies.
	seen := 0
	sc := bufio.NewScanner(stdout)
	for sc.Scan() {
		if strings.HasPrefix(sc.Text(), "added #") {
			seen++
		}
		if seen == n/3 {
			if err := cmd.Process.Kill(); err != nil { // SIGKILL
				t.Fatal(err)
			}
			break
		}
	}
	for sc.Scan() {
	}
	err = cmd.Wait()
	if seen < n/3 {
		t.Fatalf("ingest ended after %d sources (%v): %s", seen, err, stderr.String())
	}
	if err == nil {
		t.Fatal("ingest exited normally before the kill")
	}

	ctx := context.Background()
	st, err := store.Open(ctx, db)
	if err != nil {
		t.Fatalf("store does not open after SIGKILL: %v", err)
	}
	ss, err := st.Sources(ctx, store.Page{})
	if err != nil {
		t.Fatal(err)
	}
	if len(ss) < seen || len(ss) >= n {
		t.Fatalf("store holds %d sources; %d were reported, %d files in all", len(ss), seen, n)
	}
	t.Logf("killed after %d reported; %d of %d stored", seen, len(ss), n)
	names := map[string]bool{}
	for _, s := range ss {
		want, ok := contents[s.Name]
		if !ok || names[s.Name] {
			t.Fatalf("unexpected or duplicate source %q", s.Name)
		}
		names[s.Name] = true
		if s.Text != string(want) || s.ContentHash != source.Hash(want) {
			t.Errorf("%s (#%d) is not whole: %d bytes of text, want %d", s.Name, s.ID, len(s.Text), len(want))
		}
	}
	// Raw bytes too, for a sample across the range.
	for i := 0; i < len(ss); i += 97 {
		full, err := st.Source(ctx, ss[i].ID)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(full.Raw, contents[full.Name]) {
			t.Errorf("%s: raw bytes differ from the file", full.Name)
		}
	}
	st.Close()

	sqldb, err := sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	var check string
	if err := sqldb.QueryRow("PRAGMA integrity_check").Scan(&check); err != nil {
		t.Fatal(err)
	}
	sqldb.Close()
	if check != "ok" {
		t.Errorf("integrity_check: %s", check)
	}

	// Running the same ingest again finishes the job: the stored sources are
	// reported unchanged and the rest added.
	out, err := exec.Command(bin, "--db", db, "ingest", dir).Output()
	if err != nil {
		t.Fatalf("second ingest: %v", err)
	}
	added := strings.Count(string(out), "added #")
	unchanged := strings.Count(string(out), "unchanged: ")
	if unchanged != len(ss) || added != n-len(ss) {
		t.Errorf("second ingest: %d added, %d unchanged; want %d and %d", added, unchanged, n-len(ss), len(ss))
	}
}
