package store_test

import (
	"bufio"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver, for test set-up
	_ "modernc.org/sqlite"             // the "sqlite" driver, for inspecting files

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/errs"
	"github.com/triangulate/triangulate/series"
	"github.com/triangulate/triangulate/store"
	"github.com/triangulate/triangulate/store/storetest"
)

func TestSQLite(t *testing.T) {
	storetest.Run(t, openSQLite)
}

func openSQLite(t *testing.T) store.Store {
	t.Helper()
	st, err := store.Open(t.Context(), filepath.Join(t.TempDir(), "case.db"))
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func TestPostgres(t *testing.T) {
	storetest.PostgresDSN(t)
	storetest.Run(t, func(t *testing.T) store.Store {
		st, err := store.Open(t.Context(), storetest.PostgresSchema(t))
		if err != nil {
			t.Fatal(err)
		}
		return st
	})
}

// TestReopen checks that data and the recorded schema version persist, and
// that a database from a newer build is refused rather than misread.
func TestReopen(t *testing.T) {
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), "case.db")
	st, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	src := source(1, 100)
	if _, _, err := st.AddSource(ctx, src); err != nil {
		t.Fatal(err)
	}
	st.Close()

	st, err = store.Open(ctx, path)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	got, err := st.Source(ctx, src.ID)
	if err != nil || got.ContentHash != src.ContentHash {
		t.Fatalf("after reopening, Source = %v, %v", got, err)
	}
	st.Close()

	db := rawSQLite(t, path)
	var versions int
	if err := db.QueryRow(`SELECT COUNT(*) FROM schema_migrations`).Scan(&versions); err != nil || versions < 1 {
		t.Fatalf("schema_migrations rows = %d, %v", versions, err)
	}
	if _, err := db.Exec(`INSERT INTO schema_migrations (version, name, applied) VALUES (9999, 'from the future', '')`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	_, err = store.Open(ctx, path)
	if !errs.Is(err, errs.Unavailable) || !strings.Contains(err.Error(), "newer") {
		t.Fatalf("opening a newer schema: %v, want an unavailable error saying it is newer", err)
	}
}

func TestOpenErrors(t *testing.T) {
	ctx := t.Context()
	for _, tt := range []struct {
		dsn  string
		kind errs.Kind
	}{
		{filepath.Join(t.TempDir(), "no-such-dir", "case.db"), errs.Unavailable},
		{"", errs.BadInput},
		// Port 1 on the loopback refuses at once.
		{"postgres://triangulate@127.0.0.1:1/case?sslmode=disable&connect_timeout=5", errs.Unavailable},
		{"postgres://triangulate@127.0.0.1:1/case?sslmode=bogus", errs.BadInput},
	} {
		st, err := store.Open(ctx, tt.dsn)
		if err == nil {
			st.Close()
			t.Errorf("Open(%q) succeeded", tt.dsn)
			continue
		}
		if got := errs.KindOf(err); got != tt.kind {
			t.Errorf("Open(%q): %v (kind %v), want kind %v", tt.dsn, err, got, tt.kind)
		}
	}
}

// TestSQLiteTwoHandles writes through two stores open on one file at once,
// as the CLI and a running server do: busy_timeout and IMMEDIATE
// transactions must make them queue, not fail with SQLITE_BUSY.
func TestSQLiteTwoHandles(t *testing.T) {
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), "case.db")
	var handles [2]store.Store
	for i := range handles {
		st, err := store.Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		handles[i] = st
	}
	const perWorker = 15
	var wg sync.WaitGroup
	errc := make(chan error, 4*perWorker)
	for w := range 4 {
		st := handles[w%2]
		wg.Go(func() {
			for i := range perWorker {
				n := w*perWorker + i
				if _, err := st.AddSources(ctx, []*claim.Source{source(n, 2000), source(10000+n, 60)}); err != nil {
					errc <- err
				}
				if err := st.PutSeries(ctx, fmt.Sprintf("ds-%d", w), routeDays(50)); err != nil {
					errc <- err
				}
			}
		})
	}
	wg.Wait()
	close(errc)
	for err := range errc {
		t.Error(err)
	}
	if n, err := handles[1].CountSources(ctx); err != nil || n != 4*perWorker*2 {
		t.Fatalf("CountSources = %d, %v; want %d", n, err, 4*perWorker*2)
	}
}

// source makes a distinct source n with size bytes of text.
func source(n, size int) *claim.Source {
	text := strings.Repeat(fmt.Sprintf("source %d says forces crossed the border. ", n), size/40+1)[:size]
	sum := sha256.Sum256([]byte(text))
	return &claim.Source{Name: fmt.Sprintf("s%d.txt", n), MediaType: "text/plain", Fetched: time.Now(),
		ContentHash: hex.EncodeToString(sum[:]), Raw: []byte(text), Text: text}
}

func rawSQLite(t *testing.T, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	return db
}

// The crash test's child writes batches of sources until it is killed.
const crashEnv = "TRIANGULATE_STORE_CRASH_CHILD"

const crashBatch = 4

// TestCrashSafety kills a process in the middle of writing (SIGKILL: no
// clean-up of any kind) and checks the file reopens intact with only whole
// batches of whole sources, and none that was reported committed lost.
func TestCrashSafety(t *testing.T) {
	if path := os.Getenv(crashEnv); path != "" {
		crashChild(t, path)
		return
	}
	path := filepath.Join(t.TempDir(), "case.db")
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashSafety$", "-test.count=1")
	cmd.Env = append(os.Environ(), crashEnv+"="+path)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Kill once the child has committed a good number of batches; it is
	// writing the next one at that moment.
	committed := 0
	sc := bufio.NewScanner(out)
	for sc.Scan() && committed < 40*crashBatch {
		if n, ok := strings.CutPrefix(sc.Text(), "committed "); ok {
			committed, _ = strconv.Atoi(n)
		}
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	if committed < 40*crashBatch {
		t.Fatalf("child stopped after %d sources without being killed", committed)
	}

	db := rawSQLite(t, path)
	var check string
	if err := db.QueryRow(`PRAGMA integrity_check`).Scan(&check); err != nil || check != "ok" {
		t.Fatalf("integrity_check after SIGKILL: %q, %v", check, err)
	}
	db.Close()

	ctx := t.Context()
	st, err := store.Open(ctx, path)
	if err != nil {
		t.Fatalf("reopen after SIGKILL: %v", err)
	}
	defer st.Close()
	n, err := st.CountSources(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if n < committed || n%crashBatch != 0 {
		t.Fatalf("%d sources after the crash; %d were committed, in batches of %d", n, committed, crashBatch)
	}
	list, err := st.Sources(ctx, store.Page{})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range list {
		full, err := st.Source(ctx, s.ID)
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(full.Raw)
		if hex.EncodeToString(sum[:]) != full.ContentHash || full.Text != string(full.Raw) {
			t.Fatalf("source %d is torn: %d raw bytes do not match its hash or text", s.ID, len(full.Raw))
		}
	}
}

// crashChild writes batches of 16 KiB sources and reports each commit on
// stdout. It stops by itself after a bounded number, if nobody kills it.
func crashChild(t *testing.T, path string) {
	ctx := t.Context()
	st, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for i := 0; i < 5000; i += crashBatch {
		batch := make([]*claim.Source, crashBatch)
		for j := range batch {
			batch[j] = source(i+j, 16<<10)
		}
		if _, err := st.AddSources(ctx, batch); err != nil {
			t.Fatal(err)
		}
		fmt.Printf("committed %d\n", i+crashBatch)
	}
}

// routeDays makes about n route-days on up to 100 routes.
func routeDays(n int) []series.Series {
	start := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	ss := make([]series.Series, min(100, n))
	for r := range ss {
		ss[r].Route = series.Route{Origin: fmt.Sprintf("A%02d", r%10), Dest: fmt.Sprintf("B%02d", r/10)}
		for d := range n / len(ss) {
			i := d*len(ss) + r
			ss[r].Days = append(ss[r].Days, series.Day{Date: start.AddDate(0, 0, d), Count: i % 37, Missing: i%37 == 0 && i%2 == 0})
		}
		for d := range ss[r].Days {
			if ss[r].Days[d].Missing {
				ss[r].Days[d].Count = 0
			}
		}
	}
	return ss
}

func benchmarkPutSeries(b *testing.B, st store.Store, n int) {
	rows := routeDays(n)
	ctx := b.Context()
	for b.Loop() {
		if err := st.PutSeries(ctx, "bench", rows); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "route-days/s")
}

// BenchmarkPutSeries measures replacing a dataset; 600k route-days is the
// size of ../shared/data/flights-3m.parquet's six months.
func BenchmarkPutSeries(b *testing.B) {
	for _, n := range []int{100_000, 600_000} {
		b.Run(fmt.Sprintf("rows=%dk", n/1000), func(b *testing.B) {
			st, err := store.Open(b.Context(), filepath.Join(b.TempDir(), "bench.db"))
			if err != nil {
				b.Fatal(err)
			}
			defer st.Close()
			benchmarkPutSeries(b, st, n)
		})
	}
}

func BenchmarkPutSeriesPostgres(b *testing.B) {
	st, err := store.Open(b.Context(), storetest.PostgresSchema(b))
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	benchmarkPutSeries(b, st, 100_000)
}
