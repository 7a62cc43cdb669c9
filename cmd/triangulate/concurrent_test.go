package main

import (
	"context"
	"database/sql"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/triangulate/triangulate/internal/shared"
	"github.com/triangulate/triangulate/source"
	"github.com/triangulate/triangulate/store"
	"github.com/triangulate/triangulate/store/storetest"
)

// buildBinary builds triangulate into a temporary directory.
func buildBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := filepath.Join(t.TempDir(), "triangulate")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// holdEnv names the store a re-executed test binary holds the write lock
// of (see TestHoldWriteLock).
const holdEnv = "TRIANGULATE_TEST_HOLD_LOCK"

// holdFor is how long the holder keeps the lock: longer than the 10 s
// busy_timeout writers once waited, as a fusion or flight load of a large
// case does.
const holdFor = 12 * time.Second

// TestHoldWriteLock is not a test: re-executed with holdEnv set, it opens
// the store named there, takes the case's write lock, says "held" on
// stdout, keeps it for holdFor and commits, like a long write.
func TestHoldWriteLock(t *testing.T) {
	dsn := os.Getenv(holdEnv)
	if dsn == "" {
		t.Skip("a helper process for TestConcurrentWriters")
	}
	ctx := context.Background()
	st, err := store.Open(ctx, dsn)
	if err != nil {
		fmt.Fprintln(os.Stderr, "holder: open:", err)
		os.Exit(1)
	}
	st.Close()
	driver, conf, begin := "sqlite", dsn+"?_pragma=busy_timeout(120000)", "BEGIN IMMEDIATE"
	if strings.HasPrefix(dsn, "postgres") {
		driver, conf, begin = "pgx", dsn, "BEGIN"
	}
	db, err := sql.Open(driver, conf)
	if err != nil {
		fmt.Fprintln(os.Stderr, "holder:", err)
		os.Exit(1)
	}
	conn, err := db.Conn(ctx)
	if err == nil {
		_, err = conn.ExecContext(ctx, begin)
	}
	if err == nil {
		// Every case write bumps this row: the others queue behind it.
		_, err = conn.ExecContext(ctx, `UPDATE revision SET n = n + 1 WHERE id = 1`)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "holder: lock:", err)
		os.Exit(1)
	}
	fmt.Println("held")
	time.Sleep(holdFor)
	if _, err := conn.ExecContext(ctx, "COMMIT"); err != nil {
		fmt.Fprintln(os.Stderr, "holder: commit:", err)
		os.Exit(1)
	}
	os.Exit(0)
}

// TestConcurrentWriters runs, at once on one new store, four `triangulate
// ingest` processes over disjoint sets of real reports, a process holding
// the write lock for longer than the old busy timeout, and `serve --watch`
// polling a feed. Every process must complete, and every source must be
// whole: its bytes equal its file's, its claims those a lone ingest
// extracts from it.
func TestConcurrentWriters(t *testing.T) {
	bin := buildBinary(t)
	dev := shared.Path(t, "eval", "dev", "texts")
	files, err := filepath.Glob(filepath.Join(dev, "*.txt"))
	if err != nil || len(files) < 8 {
		t.Fatalf("dev texts: %v (%d)", err, len(files))
	}
	tmp := t.TempDir()
	var dirs [4]string
	for i := range dirs {
		dirs[i] = filepath.Join(tmp, fmt.Sprintf("batch%d", i))
		if err := os.Mkdir(dirs[i], 0o755); err != nil {
			t.Fatal(err)
		}
	}
	contents := map[string][]byte{}
	for i, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Base(f)
		contents[name] = b
		if err := os.WriteFile(filepath.Join(dirs[i%4], name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// What a lone ingest extracts from each file.
	ref := filepath.Join(tmp, "ref.db")
	for _, d := range dirs {
		if out, err := exec.Command(bin, "--db", ref, "ingest", d).CombinedOutput(); err != nil {
			t.Fatalf("reference ingest: %v\n%s", err, out)
		}
	}
	want := claimsBySource(t, ref)

	t.Run("SQLite", func(t *testing.T) {
		concurrentWriters(t, bin, filepath.Join(t.TempDir(), "case.db"), dirs[:], contents, want)
	})
	t.Run("PostgreSQL", func(t *testing.T) {
		concurrentWriters(t, bin, storetest.PostgresSchema(t), dirs[:], contents, want)
	})
}

func concurrentWriters(t *testing.T, bin, dsn string, dirs []string, contents map[string][]byte, want map[string][]string) {
	feed := newSeedFeed(t)
	ctx, cancel := context.WithTimeout(t.Context(), 3*time.Minute)
	defer cancel()

	type result struct {
		what string
		err  error
		out  string
	}
	results := make(chan result, 8)
	var wg sync.WaitGroup
	start := func(what string, cmd *exec.Cmd) {
		wg.Go(func() {
			out, err := cmd.CombinedOutput()
			results <- result{what, err, string(out)}
		})
	}

	// The holder starts with the others, on the same new store: it holds
	// the lock as soon as it has opened (and perhaps migrated) it.
	holder := exec.CommandContext(ctx, os.Args[0], "-test.run=^TestHoldWriteLock$")
	holder.Env = append(os.Environ(), holdEnv+"="+dsn)
	start("lock holder", holder)
	for i, d := range dirs {
		start(fmt.Sprintf("ingest %d", i), exec.CommandContext(ctx, bin, "--db", dsn, "ingest", d))
	}
	// serve --watch starts once its watch is stored, while the others write.
	if out, err := exec.CommandContext(ctx, bin, "--db", dsn, "watch", "add", feed.URL+"/feed.rss").CombinedOutput(); err != nil {
		t.Fatalf("watch add: %v\n%s", err, out)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	serve := exec.CommandContext(ctx, bin, "--db", dsn, "serve", "--addr", addr, "--anonymous", "--watch", "1h", "--allow-private")
	var serveOut strings.Builder
	serve.Stdout, serve.Stderr = &serveOut, &serveOut
	if err := serve.Start(); err != nil {
		t.Fatal(err)
	}
	defer serve.Process.Kill()

	wg.Wait()
	close(results)
	for r := range results {
		if r.err != nil {
			t.Errorf("%s: %v\n%s", r.what, r.err, r.out)
		}
	}

	// The watcher's poll lands beside the others (readiness, not timing).
	st, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatalf("open after the run: %v", err)
	}
	defer st.Close()
	total := len(contents) + 2
	var n int
	for range 600 {
		if n, err = st.CountSources(ctx); err != nil || n >= total {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if n != total {
		t.Errorf("store holds %d sources (%v), want %d files and the feed's 2\nserve: %s", n, err, total, serveOut.String())
	}
	resp, err := http.Get("http://" + addr + "/")
	if err != nil {
		t.Errorf("serve does not answer: %v", err)
	} else if resp.Body.Close(); resp.StatusCode != http.StatusOK {
		t.Errorf("serve answered %s", resp.Status)
	}
	if err := serve.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if err := serve.Wait(); err != nil {
		t.Errorf("serve --watch: %v\n%s", err, serveOut.String())
	}

	ss, err := st.Sources(ctx, store.Page{})
	if err != nil {
		t.Fatal(err)
	}
	got := claimsOf(t, st)
	for _, s := range ss {
		b, ok := contents[s.Name]
		if !ok {
			continue // a feed item
		}
		full, err := st.Source(ctx, s.ID)
		if err != nil {
			t.Fatal(err)
		}
		if string(full.Raw) != string(b) || s.ContentHash != source.Hash(b) {
			t.Errorf("%s is not whole: %d bytes stored, the file has %d", s.Name, len(full.Raw), len(b))
		}
		if !slices.Equal(got[s.Name], want[s.Name]) {
			t.Errorf("%s: claims %v, a lone ingest extracts %v", s.Name, got[s.Name], want[s.Name])
		}
	}
	if evs, err := st.Events(ctx); err != nil || len(evs) == 0 {
		t.Errorf("no events after the run (%v)", err)
	}
}

// claimsBySource opens the store at dsn and returns claimsOf it.
func claimsBySource(t *testing.T, dsn string) map[string][]string {
	t.Helper()
	st, err := store.Open(t.Context(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	return claimsOf(t, st)
}

// claimsOf lists each source's claims by name as "start-end action".
func claimsOf(t *testing.T, st store.Store) map[string][]string {
	t.Helper()
	ss, err := st.Sources(t.Context(), store.Page{})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	for _, s := range ss {
		cs, err := st.Claims(t.Context(), store.ClaimFilter{SourceID: s.ID})
		if err != nil {
			t.Fatal(err)
		}
		var l []string
		for _, c := range cs {
			l = append(l, fmt.Sprintf("%d-%d %s", c.Start, c.End, c.Action))
		}
		slices.Sort(l)
		out[s.Name] = l
	}
	return out
}
