// Command scalecase supports bench/scale.sh, the fusion-at-scale bench. It
// has two jobs:
//
//	scalecase gen -n 8000 -out DIR [-seed 1] [-first 1]
//	    writes N plain-text sources built from real sentences of the re3d
//	    documents (../shared/data/re3d): 8 to 20 sentences drawn at random
//	    per source, so that sources overlap heavily, as wire copy, rewrites
//	    and relays of the same statements do on a monitoring desk. Each file
//	    gets a NAME.meta.json sidecar with an outlet (one of 60) and a
//	    publication date (spread over 90 days). The same seed gives the same
//	    files.
//
//	scalecase load -url URL [-rate 200] [-duration 20s] [-warmup 3s]
//	    sends an open-loop load (requests launched on a ticker whatever the
//	    server's pace, so slowness shows as latency) and prints the latency
//	    percentiles as one JSON line. First one request that may take up to
//	    -first-timeout (the server builds its view of the case; its time is
//	    printed on stderr), then -warmup at the rate, unmeasured.
//
// It is bench tooling, not part of the product.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/triangulate/triangulate/internal/shared"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: scalecase gen|load [flags]")
		os.Exit(2)
	}
	var err error
	switch os.Args[1] {
	case "gen":
		err = gen(os.Args[2:])
	case "load":
		err = load(os.Args[2:])
	default:
		err = fmt.Errorf("unknown command %q", os.Args[1])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "scalecase:", err)
		os.Exit(1)
	}
}

func gen(args []string) error {
	fs := flag.NewFlagSet("gen", flag.ExitOnError)
	n := fs.Int("n", 1000, "sources to write")
	out := fs.String("out", "", "directory to write into (created)")
	seed := fs.Uint64("seed", 1, "random seed")
	first := fs.Int("first", 1, "number of the first source (to add more to an existing case)")
	fs.Parse(args)
	if *out == "" {
		return fmt.Errorf("gen: -out is required")
	}
	dir := shared.Dir()
	if dir == "" {
		return fmt.Errorf("gen: ../shared not found beside the module root (or set TRIANGULATE_SHARED)")
	}
	pool, err := sentences(filepath.Join(dir, "data", "re3d"))
	if err != nil {
		return err
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return err
	}
	base := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	for i := *first; i < *first+*n; i++ {
		// One generator per source, so that source i is the same whatever
		// -first and -n select.
		r := rand.New(rand.NewPCG(*seed, uint64(i)))
		k := 8 + r.IntN(13)
		var b strings.Builder
		for j := 0; j < k; j++ {
			if j > 0 {
				if r.IntN(4) == 0 {
					b.WriteString("\n\n")
				} else {
					b.WriteByte(' ')
				}
			}
			b.WriteString(pool[r.IntN(len(pool))])
		}
		b.WriteByte('\n')
		name := filepath.Join(*out, fmt.Sprintf("src-%06d.txt", i))
		if err := os.WriteFile(name, []byte(b.String()), 0o644); err != nil {
			return err
		}
		meta, _ := json.Marshal(map[string]string{
			"outlet":    fmt.Sprintf("Outlet %02d", 1+r.IntN(60)),
			"published": base.AddDate(0, 0, r.IntN(90)).Format(time.DateOnly),
			"language":  "en",
		})
		if err := os.WriteFile(name+".meta.json", meta, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// sentences reads every re3d document and cuts its text into sentences, in
// a stable order.
func sentences(root string) ([]string, error) {
	files, err := filepath.Glob(filepath.Join(root, "*", "documents.json"))
	if err != nil {
		return nil, err
	}
	slices.Sort(files)
	var out []string
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			return nil, err
		}
		dec := json.NewDecoder(bufio.NewReader(fh))
		for {
			var d struct {
				Text string `json:"text"`
			}
			if err := dec.Decode(&d); err == io.EOF {
				break
			} else if err != nil {
				fh.Close()
				return nil, fmt.Errorf("%s: %w", f, err)
			}
			out = append(out, split(d.Text)...)
		}
		fh.Close()
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no sentences under %s", root)
	}
	return out, nil
}

// split cuts at ". ", "! ", "? " followed by an upper-case letter; good
// enough for drawing whole sentences, which is all the bench needs.
func split(text string) []string {
	text = strings.Join(strings.Fields(text), " ")
	var out []string
	start := 0
	rs := []rune(text)
	for i := 0; i+2 < len(rs); i++ {
		if (rs[i] == '.' || rs[i] == '!' || rs[i] == '?') && rs[i+1] == ' ' && unicode.IsUpper(rs[i+2]) {
			if s := strings.TrimSpace(string(rs[start : i+1])); len(s) > 20 {
				out = append(out, s)
			}
			start = i + 2
		}
	}
	if s := strings.TrimSpace(string(rs[start:])); len(s) > 20 {
		out = append(out, s)
	}
	return out
}

func load(args []string) error {
	fs := flag.NewFlagSet("load", flag.ExitOnError)
	url := fs.String("url", "", "URL to request")
	rate := fs.Int("rate", 200, "requests per second (open loop)")
	duration := fs.Duration("duration", 20*time.Second, "how long to send")
	warmup := fs.Duration("warmup", 3*time.Second, "how long to send at the rate, unmeasured, before measuring")
	first := fs.Duration("first-timeout", 10*time.Minute, "how long the first request may take (the server builds its view of the case)")
	fs.Parse(args)
	if *url == "" || *rate <= 0 {
		return fmt.Errorf("load: -url and a positive -rate are required")
	}
	// The first request waits for the server to build its view of the
	// case, which takes seconds on a big one: measured, it would only say
	// how long that build takes.
	cold := &http.Client{Timeout: *first}
	t0 := time.Now()
	if resp, err := cold.Get(*url); err != nil {
		return fmt.Errorf("load: warm-up: %w", err)
	} else {
		n, _ := io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 {
			return fmt.Errorf("load: warm-up: %s", resp.Status)
		}
		fmt.Fprintf(os.Stderr, "load: first request %.2f s, %d bytes\n", time.Since(t0).Seconds(), n)
	}
	client := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 256}}
	// Then a few seconds at the rate, unmeasured: connections open, caches
	// filled, the runtime settled.
	if *warmup > 0 {
		if _, err := send(client, *url, *rate, *warmup); err != nil {
			return err
		}
	}
	res, err := send(client, *url, *rate, *duration)
	if err != nil {
		return err
	}
	b, _ := json.Marshal(res)
	fmt.Println(string(b))
	return nil
}

// send requests url at rate a second for d, open loop (requests launched
// on a ticker whatever the answers' times), and summarises the latencies
// of the answers that came back 200.
func send(client *http.Client, url string, rate int, d time.Duration) (map[string]any, error) {
	var (
		mu     sync.Mutex
		lat    []time.Duration
		errors int
		wg     sync.WaitGroup
	)
	tick := time.NewTicker(time.Second / time.Duration(rate))
	defer tick.Stop()
	end := time.Now().Add(d)
	for time.Now().Before(end) {
		<-tick.C
		wg.Add(1)
		go func() {
			defer wg.Done()
			t0 := time.Now()
			resp, err := client.Get(url)
			ok := err == nil
			if ok {
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				ok = resp.StatusCode == 200
			}
			d := time.Since(t0)
			mu.Lock()
			defer mu.Unlock()
			if !ok {
				errors++
				return
			}
			lat = append(lat, d)
		}()
	}
	wg.Wait()
	slices.Sort(lat)
	pct := func(p float64) float64 {
		if len(lat) == 0 {
			return 0
		}
		i := int(p * float64(len(lat)-1))
		return float64(lat[i].Microseconds()) / 1000
	}
	return map[string]any{
		"requests": len(lat) + errors, "errors": errors,
		"p50_ms": pct(0.50), "p90_ms": pct(0.90), "p99_ms": pct(0.99), "max_ms": pct(1),
	}, nil
}
