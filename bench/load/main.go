// Command load is a load bench for the workspace server: it builds a SQLite
// store holding the seed case plus 10,000 synthetic ingested sources, serves
// it in-process on 127.0.0.1, and drives an open-loop load at a fixed rate
// against the event page and the claims API, then reports throughput and
// latency percentiles. It is a bench script, not a timed test: run it with
// bench/load.sh.
//
// Open loop means requests are launched on a ticker regardless of how fast
// earlier ones finish, so a slow server shows up as latency (and queueing)
// rather than as a silently lower request rate.
package main

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/extract"
	"github.com/triangulate/triangulate/knowledge"
	"github.com/triangulate/triangulate/pipeline"
	"github.com/triangulate/triangulate/server"
	"github.com/triangulate/triangulate/store"
)

func main() {
	rate := flag.Int("rate", 200, "requests per second (open loop)")
	duration := flag.Duration("duration", 30*time.Second, "how long to send requests")
	sources := flag.Int("sources", 10000, "synthetic sources to add beside the seed case")
	bin := flag.String("triangulate", "", "triangulate binary for the seed demo (empty: go build one)")
	target := flag.Duration("p99", 50*time.Millisecond, "p99 latency target")
	flag.Parse()
	if err := run(*rate, *duration, *sources, *bin, *target); err != nil {
		fmt.Fprintln(os.Stderr, "load:", err)
		os.Exit(1)
	}
}

func run(rate int, duration time.Duration, nsrc int, bin string, target time.Duration) error {
	if rate <= 0 || duration <= 0 {
		return fmt.Errorf("rate and duration must be positive")
	}
	ctx := context.Background()
	tmp, err := os.MkdirTemp("", "triangulate-load-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	db := filepath.Join(tmp, "load.db")

	if bin == "" {
		bin = filepath.Join(tmp, "triangulate")
		fmt.Fprintln(os.Stderr, "building triangulate …")
		cmd := exec.Command("go", "build", "-o", bin, "github.com/triangulate/triangulate/cmd/triangulate")
		cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("build triangulate: %w", err)
		}
	}
	fmt.Fprintln(os.Stderr, "running seed demo pipeline …")
	demo := exec.Command(bin, "--db", db, "demo", "--html", "")
	demo.Stdout, demo.Stderr = io.Discard, os.Stderr
	if err := demo.Run(); err != nil {
		return fmt.Errorf("seed demo: %w", err)
	}

	st, err := store.Open(ctx, db)
	if err != nil {
		return err
	}
	defer st.Close()
	start := time.Now()
	if err := addSources(ctx, st, nsrc); err != nil {
		return err
	}
	n, err := st.CountSources(ctx)
	if err != nil {
		return err
	}
	cs, err := st.Claims(ctx, store.ClaimFilter{})
	if err != nil {
		return err
	}
	evs, err := st.Events(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "store ready: %d sources, %d claims, %d events (%d synthetic sources added, extracted and fused in %v)\n",
		n, len(cs), len(evs), nsrc, time.Since(start).Round(time.Millisecond))

	h, err := server.New(server.Config{Store: st, AllowAnonymous: true, Log: slog.New(slog.DiscardHandler)})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	defer srv.Close()
	base := "http://" + ln.Addr().String()

	client := &http.Client{
		Timeout:   10 * time.Second,
		Transport: &http.Transport{MaxIdleConns: 1000, MaxIdleConnsPerHost: 1000, IdleConnTimeout: time.Minute},
	}
	ev, err := pickEvent(client, base)
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "event %s (%q, %d members)\n", ev.ID, ev.Title, len(ev.Members))

	paths := []string{"/events/" + ev.ID, "/api/v1/claims?limit=50"}
	// Warm up connections and caches so the figures reflect steady state,
	// and show each path's unloaded (sequential) latency for comparison.
	for _, p := range paths {
		var best time.Duration = 1 << 62
		for range 5 {
			t0 := time.Now()
			if err := get(client, base+p); err != nil {
				return fmt.Errorf("warm-up: %w", err)
			}
			best = min(best, time.Since(t0))
		}
		fmt.Fprintf(os.Stderr, "unloaded %-28s best of 5: %v\n", p, best.Round(time.Microsecond))
	}

	res := fire(client, base, paths, rate, duration)
	report(os.Stdout, res, rate, duration, target)
	return nil
}

// addSources stores n small text sources with unique content in batches.
func addSources(ctx context.Context, st store.Store, n int) error {
	const batch = 500
	now := time.Now().UTC()
	var all []*claim.Source
	for i := 0; i < n; i += batch {
		var ss []*claim.Source
		for j := i; j < min(i+batch, n); j++ {
			raw := []byte(fmt.Sprintf(
				"Load test report %05d. Officials in district %d said on Monday that %d vehicles were seen near the depot. "+
					"A spokesperson declined to comment on report %05d. Residents counted %d trucks by evening.\n",
				j, j%97, j%53+1, j, j%31+2))
			sum := sha256.Sum256(raw)
			ss = append(ss, &claim.Source{
				Name:        fmt.Sprintf("load-%05d.txt", j),
				Outlet:      "Load Test",
				MediaType:   "text/plain",
				ContentHash: hex.EncodeToString(sum[:]),
				Raw:         raw,
				Text:        string(raw),
				Fetched:     now,
			})
		}
		if _, err := st.AddSources(ctx, ss); err != nil {
			return fmt.Errorf("add sources %d..%d: %w", i, i+len(ss), err)
		}
		all = append(all, ss...)
	}
	// Extract their claims and fuse the whole case, as ingesting through
	// the workspace or the watcher would: the pages then serve a case of
	// thousands of claims and events, not the seed's few.
	pack, err := knowledge.Load()
	if err != nil {
		return err
	}
	x := extract.New(pack)
	for _, src := range all {
		if err := st.ReplaceClaims(ctx, src.ID, x.Extract(src)); err != nil {
			return fmt.Errorf("extract %s: %w", src.Name, err)
		}
	}
	_, err = pipeline.New(st, pipeline.Options{Pack: pack}).Fuse(ctx)
	return err
}

// pickEvent returns the largest event whose title mentions "deploy", else
// the one with most members.
func pickEvent(c *http.Client, base string) (claim.Event, error) {
	resp, err := c.Get(base + "/api/v1/events")
	if err != nil {
		return claim.Event{}, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return claim.Event{}, fmt.Errorf("GET /api/v1/events: %s", resp.Status)
	}
	var list struct {
		Items []claim.Event `json:"items"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&list); err != nil {
		return claim.Event{}, fmt.Errorf("decode events: %w", err)
	}
	if len(list.Items) == 0 {
		return claim.Event{}, fmt.Errorf("no events in the store")
	}
	byMembers := func(a, b claim.Event) int { return cmp.Compare(len(a.Members), len(b.Members)) }
	var deploy []claim.Event
	for _, e := range list.Items {
		if strings.Contains(strings.ToLower(e.Title), "deploy") {
			deploy = append(deploy, e)
		}
	}
	if len(deploy) > 0 {
		return slices.MaxFunc(deploy, byMembers), nil
	}
	return slices.MaxFunc(list.Items, byMembers), nil
}

type result struct {
	lat     []time.Duration
	errs    int
	firstEr string
	elapsed time.Duration
}

// fire launches rate requests a second for duration and waits for all of them.
func fire(c *http.Client, base string, paths []string, rate int, duration time.Duration) result {
	var (
		mu  sync.Mutex
		wg  sync.WaitGroup
		res result
	)
	// Request i is due at start+i*interval; sleeping until each due time
	// (rather than reading a ticker, which drops ticks when the sender is
	// descheduled) keeps the offered rate exact on a busy machine.
	interval := time.Second / time.Duration(rate)
	start := time.Now()
	total := int(duration / interval)
	for i := 0; i < total; i++ {
		time.Sleep(time.Until(start.Add(time.Duration(i) * interval)))
		wg.Add(1)
		go func(url string) {
			defer wg.Done()
			t0 := time.Now()
			err := get(c, url)
			d := time.Since(t0)
			mu.Lock()
			res.lat = append(res.lat, d)
			if err != nil {
				res.errs++
				if res.firstEr == "" {
					res.firstEr = err.Error()
				}
			}
			mu.Unlock()
		}(base + paths[i%len(paths)])
	}
	wg.Wait()
	res.elapsed = time.Since(start)
	return res
}

// get fetches url, reading the whole body; non-2xx is an error.
func get(c *http.Client, url string) error {
	resp, err := c.Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if _, err := io.Copy(io.Discard, resp.Body); err != nil {
		return err
	}
	if resp.StatusCode/100 != 2 {
		return fmt.Errorf("GET %s: %s", url, resp.Status)
	}
	return nil
}

func report(w io.Writer, r result, rate int, duration, target time.Duration) {
	slices.Sort(r.lat)
	pct := func(p float64) time.Duration {
		if len(r.lat) == 0 {
			return 0
		}
		return r.lat[min(len(r.lat)-1, int(p*float64(len(r.lat))))]
	}
	fmt.Fprintf(w, "target rate   %d req/s for %v\n", rate, duration)
	fmt.Fprintf(w, "requests      %d\n", len(r.lat))
	fmt.Fprintf(w, "errors        %d\n", r.errs)
	if r.firstEr != "" {
		fmt.Fprintf(w, "first error   %s\n", r.firstEr)
	}
	fmt.Fprintf(w, "throughput    %.1f req/s\n", float64(len(r.lat))/r.elapsed.Seconds())
	fmt.Fprintf(w, "p50           %v\n", pct(0.50).Round(time.Microsecond))
	fmt.Fprintf(w, "p90           %v\n", pct(0.90).Round(time.Microsecond))
	fmt.Fprintf(w, "p99           %v\n", pct(0.99).Round(time.Microsecond))
	if len(r.lat) > 0 {
		fmt.Fprintf(w, "max           %v\n", r.lat[len(r.lat)-1].Round(time.Microsecond))
	}
	ok := r.errs == 0 && len(r.lat) > 0 && pct(0.99) < target
	verdict := "FAIL"
	if ok {
		verdict = "PASS"
	}
	fmt.Fprintf(w, "verdict       %s (p99 < %v with no errors)\n", verdict, target)
}
