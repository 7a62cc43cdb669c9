package watch_test

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/triangulate/triangulate/knowledge"
	"github.com/triangulate/triangulate/pipeline"
	"github.com/triangulate/triangulate/source"
	"github.com/triangulate/triangulate/store"
	"github.com/triangulate/triangulate/watch"
)

// hostile serves feeds that misbehave, each in its own way, and counts the
// bytes it managed to send.
type hostile struct {
	*httptest.Server
	sent atomic.Int64
}

const gig = 1 << 30

func newHostile(t *testing.T) *hostile {
	t.Helper()
	// A gzip bomb: members of 16 MiB of zeros each (16 KiB compressed),
	// concatenated into one stream that inflates to 1 GiB.
	var member bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&member, gzip.BestCompression)
	zw.Write(make([]byte, 16<<20))
	zw.Close()
	h := &hostile{}
	send := func(w http.ResponseWriter, b []byte) bool {
		n, err := w.Write(b)
		h.sent.Add(int64(n))
		return err == nil
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/hang", func(w http.ResponseWriter, r *http.Request) {
		<-r.Context().Done() // no answer, ever
	})
	mux.HandleFunc("/drip", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		for _, c := range []byte(strings.Repeat("<rss><channel><item>", 1000)) {
			if !send(w, []byte{c}) {
				return
			}
			w.(http.Flusher).Flush()
			time.Sleep(50 * time.Millisecond)
		}
	})
	mux.HandleFunc("/huge", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		chunk := []byte(strings.Repeat("<item><title>x</title></item>", 2048))
		send(w, []byte("<rss><channel>"))
		for sent := 0; sent < gig; sent += len(chunk) {
			if !send(w, chunk) {
				return
			}
		}
	})
	mux.HandleFunc("/huge-declared", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Header().Set("Content-Length", fmt.Sprint(gig))
		chunk := make([]byte, 64<<10)
		for sent := 0; sent < gig; sent += len(chunk) {
			if !send(w, chunk) {
				return
			}
		}
	})
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop?n="+fmt.Sprint(len(r.URL.RawQuery)), http.StatusFound)
	})
	mux.HandleFunc("/bomb", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Header().Set("Content-Encoding", "gzip")
		for range gig / (16 << 20) {
			if !send(w, member.Bytes()) {
				return
			}
		}
	})
	mux.HandleFunc("/malformed", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		send(w, []byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><title>a &bogus; b</title><description><![CDATA[unterminated`))
	})
	mux.HandleFunc("/deep", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		send(w, []byte("<rss><channel><item><description>"+strings.Repeat("<a>", 1<<20)))
	})
	mux.HandleFunc("/fail", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "no", http.StatusInternalServerError)
	})
	h.Server = httptest.NewServer(mux)
	t.Cleanup(h.Close)
	return h
}

// TestHostileFeeds polls feeds that hang, drip, send a gigabyte (declared
// or not), redirect forever, inflate to a gigabyte, are malformed or
// nested a million deep, or answer 500: every poll fails within the fetch
// timeout with one log line, reads a bounded number of bytes, keeps the
// process's heap bounded, and backs off; a 500 every time backs off
// further each time.
func TestHostileFeeds(t *testing.T) {
	if testing.Short() {
		t.Skip("sends a few hundred megabytes over loopback")
	}
	ctx := t.Context()
	h := newHostile(t)
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "case.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	acc, _ := store.AccountsOf(st)
	pack, err := knowledge.Load()
	if err != nil {
		t.Fatal(err)
	}
	var logBuf syncBuffer
	now := time.Date(2026, 1, 16, 12, 0, 0, 0, time.UTC)
	const timeout, maxBytes = 2 * time.Second, 4 << 20
	p, err := watch.NewPoller(watch.Config{
		Store:    st,
		Case:     pipeline.New(st, pipeline.Options{Pack: pack}),
		Accounts: acc,
		Ingester: &source.Ingester{MaxBytes: maxBytes, Fetcher: source.NewFetcher(source.FetchConfig{
			AllowPrivate: true, Timeout: timeout, MaxBytes: maxBytes})},
		Interval: interval,
		Now:      func() time.Time { return now },
		Log:      slog.New(slog.NewTextHandler(&logBuf, nil)),
	})
	if err != nil {
		t.Fatal(err)
	}
	paths := []string{"/hang", "/drip", "/huge", "/huge-declared", "/loop", "/bomb", "/malformed", "/deep", "/fail"}
	for _, path := range paths {
		if _, err := p.Add(ctx, h.URL+path); err != nil {
			t.Fatal(err)
		}
	}

	// The heap, sampled while the polls run, above what it was before.
	// The collector runs often meanwhile, so that what is sampled is what
	// the polls hold, not garbage the default pacing lets pile up in
	// proportion to the rest of the heap (the knowledge pack, the store).
	defer debug.SetGCPercent(debug.SetGCPercent(10))
	var base runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&base)
	var peak atomic.Uint64
	stop := make(chan struct{})
	var sampler sync.WaitGroup
	sampler.Go(func() {
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			if ms.HeapAlloc > peak.Load() {
				peak.Store(ms.HeapAlloc)
			}
			select {
			case <-stop:
				return
			case <-time.After(5 * time.Millisecond):
			}
		}
	})
	start := time.Now()
	rs, err := p.PollOnce(ctx)
	took := time.Since(start)
	close(stop)
	sampler.Wait()
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != len(paths) {
		t.Fatalf("%d results for %d watches", len(rs), len(paths))
	}
	for _, r := range rs {
		if r.Status != watch.Failed || r.Failures != 1 || !r.NextPoll.After(now) {
			t.Errorf("%s: %v", r.URL, r)
		}
	}
	// Bounded in time: each poll within its timeout (plus the work on what
	// it read), not the hour a hanging or dripping feed would take.
	if limit := time.Duration(len(paths)) * (timeout + time.Second); took > limit {
		t.Errorf("the polls took %v, more than %v", took, limit)
	}
	// Bounded in bytes: what the feeds got out is the cap per feed plus
	// what loopback buffers hold, not the gigabytes they offered.
	if sent := h.sent.Load(); sent > int64(len(paths))*(maxBytes+8<<20) {
		t.Errorf("the feeds sent %d MB", sent>>20)
	}
	// Bounded in memory: a few times the byte cap, whatever the content.
	if grew := int64(peak.Load()) - int64(base.HeapAlloc); grew > 8*maxBytes {
		t.Errorf("the heap grew by %d MB polling feeds capped at %d MB", grew>>20, maxBytes>>20)
	}
	lines := strings.Split(strings.TrimSpace(logBuf.String()), "\n")
	if len(lines) != len(paths) {
		t.Errorf("%d log lines for %d failed polls:\n%s", len(lines), len(paths), logBuf.String())
	}
	for _, l := range lines {
		if !strings.Contains(l, "watch: poll failed") {
			t.Errorf("log line %q", l)
		}
	}
	t.Logf("%d hostile polls in %v; feeds sent %d MB; heap grew by %d MB", len(paths), took.Round(time.Millisecond),
		h.sent.Load()>>20, (int64(peak.Load())-int64(base.HeapAlloc))>>20)

	// Backed off: polling again at once fetches nothing.
	if rs, err := p.PollOnce(ctx); err != nil || len(rs) != 0 {
		t.Fatalf("polled again at once: %v, %v", rs, err)
	}
	// A feed that answers 500 every time waits twice as long each time.
	var last time.Duration
	for n := 2; n <= 6; n++ {
		var next time.Time
		ws, _ := acc.Watches(ctx)
		for _, w := range ws {
			if w.URL == h.URL+"/fail" {
				next = w.NextPoll
			}
		}
		wait := next.Sub(now)
		if last > 0 && wait != 2*last {
			t.Fatalf("failure %d: waits %v after %v", n-1, wait, last)
		}
		last = wait
		now = next
		// Only the 500 feed is polled: the others are further off.
		for _, path := range paths {
			if path != "/fail" {
				if err := acc.DeleteWatch(ctx, h.URL+path); err != nil && n == 2 {
					t.Fatal(err)
				}
			}
		}
		rs, err := p.PollOnce(ctx)
		if err != nil || len(rs) != 1 || rs[0].Failures != n {
			t.Fatalf("poll %d of the failing feed: %v, %v", n, rs, err)
		}
	}
}

// syncBuffer is a bytes.Buffer safe for the logger's concurrent writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
