package server

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/flights"
	"github.com/triangulate/triangulate/pipeline"
	"github.com/triangulate/triangulate/store"
	"github.com/triangulate/triangulate/store/storetest"
)

// apiCall sends a JSON request with a bearer token from any goroutine (no
// t.Fatal) and decodes a 2xx answer into out.
func apiCall(c *http.Client, method, u, tok string, body, out any) (int, error) {
	var rd io.Reader = http.NoBody
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return 0, err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, u, rd)
	if err != nil {
		return 0, err
	}
	req.Header.Set("Authorization", "Bearer "+tok)
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return resp.StatusCode, err
	}
	if resp.StatusCode/100 != 2 {
		return resp.StatusCode, fmt.Errorf("%s %s: %d %s", method, u, resp.StatusCode, b)
	}
	if out != nil {
		if err := json.Unmarshal(b, out); err != nil {
			return resp.StatusCode, fmt.Errorf("%s %s: %w", method, u, err)
		}
	}
	return resp.StatusCode, nil
}

// TestClaimsByHandTwoAnalystsPostgres: two analysts, each on a workspace of
// their own over one PostgreSQL database (two 'serve' processes), at once
// add claims by hand, correct their figures, race to correct the same
// claim's figure, and run the same flight check, while the CLI extracts
// the sources again. Nothing is lost (every
// claim, every successful correction, in order, in the claim's history),
// nothing is half-written (one flight check per claim and dataset, every
// claim in an event that exists and lists it), and the events are current.
func TestClaimsByHandTwoAnalystsPostgres(t *testing.T) {
	dsn := storetest.PostgresSchema(t)
	claimsByHandTwoAnalysts(t, dsn)
}

// TestClaimsByHandTwoAnalystsSQLite: the same on one SQLite file.
func TestClaimsByHandTwoAnalystsSQLite(t *testing.T) {
	claimsByHandTwoAnalysts(t, filepath.Join(t.TempDir(), "case.db"))
}

func claimsByHandTwoAnalysts(t *testing.T, dsn string) {
	ctx := t.Context()
	open := func() store.Store {
		st, err := store.Open(ctx, dsn)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		return st
	}
	st := open()
	seedInto(t, st)
	cs := pipeline.New(st, pipeline.Options{})
	if _, err := cs.LoadFlights(ctx, pipeline.FlightLoad{Files: []string{writeNajafFlights(t)}, Dataset: "najaf",
		Coverage: flights.CoverageOptions{Infer: true}}); err != nil {
		t.Fatal(err)
	}
	// The sources' claims as the extractor reads them (ids from their
	// spans), so that extracting them again while the analysts work keeps
	// the same ids; events as fusion names them.
	srcs, err := st.Sources(ctx, store.Page{})
	if err != nil {
		t.Fatal(err)
	}
	srcs = srcs[:2]
	for _, src := range srcs {
		if _, err := cs.Extract(ctx, src); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := cs.Fuse(ctx); err != nil {
		t.Fatal(err)
	}
	quoting := func(words string) string {
		t.Helper()
		all, err := st.Claims(ctx, store.ClaimFilter{})
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range all {
			if strings.Contains(c.Evidence, words) {
				return c.ID
			}
		}
		t.Fatalf("no claim quotes %q", words)
		return ""
	}
	shared, flight := quoting("the number of fighters at 2,000"), quoting("at least 15 flights from Najaf to Tehran")
	toks := map[string]string{"alice": addUser(t, st, "alice", store.Analyst), "bob": addUser(t, st, "bob", store.Analyst)}
	urls := map[string]string{}
	for who := range toks {
		other := open()
		h, err := New(Config{Case: pipeline.New(other, pipeline.Options{})})
		if err != nil {
			t.Fatal(err)
		}
		srv := httptest.NewServer(h)
		t.Cleanup(srv.Close)
		urls[who] = srv.URL
	}

	// Each analyst adds claims from words of their own source that no
	// claim covers.
	words := map[string][]string{
		"000_fb75171b0db195ae.txt": {
			"Qanbar also said the Iraqi government bears responsibility for the deployment",
			"This rise in air traffic comes at a time when there are no major Shiite religious holidays",
			"the scale and geographic spread of the protests across various parts of Iran",
			"Another source speaking to The Amargi on the condition of anonymity",
		},
		"003_e72e86618cf972b7.txt": {
			"The deployment of foreign fighters is seen as another sign of the Iranian regime",
			"relying on external militias is part of a deliberate security strategy",
			"Tehran is showing tentative signs of returning to normal life",
			"Several Arab countries have helped ease tensions between Washington and Tehran",
		},
	}
	type span struct {
		source     int64
		start, end int
	}
	spans := map[string][]span{}
	for i, src := range srcs {
		full, err := st.Source(ctx, src.ID)
		if err != nil {
			t.Fatal(err)
		}
		who := []string{"alice", "bob"}[i]
		for _, w := range words[src.Name] {
			at := strings.Index(full.Text, w)
			if at < 0 {
				t.Fatalf("%s lacks %q", src.Name, w)
			}
			spans[who] = append(spans[who], span{src.ID, at, at + len(w)})
		}
	}
	before, err := st.Claim(ctx, shared)
	if err != nil {
		t.Fatal(err)
	}
	figure := func(n float64) []claim.Quantity {
		q := before.Quantities[0]
		q.Min, q.Max = n, n
		return []claim.Quantity{q}
	}

	var (
		wg      sync.WaitGroup
		mu      sync.Mutex
		made    = map[string]string{}  // hand-made claim id → analyst
		set     = map[float64]string{} // figure of the shared claim → who set it
		fixes   = map[string]int{}     // successful corrections of the shared claim
		clashes int
	)
	for who, tok := range toks {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c, base := &http.Client{}, urls[who]
			fail := func(err error) { t.Errorf("%s: %v", who, err) }
			for i, sp := range spans[who] {
				var cl claim.Claim
				if _, err := apiCall(c, "POST", base+"/api/v1/claims", tok, map[string]any{
					"source_id": sp.source, "start": sp.start, "end": sp.end, "action": claim.ActionDeploy,
				}, &cl); err != nil {
					fail(err)
					return
				}
				mu.Lock()
				made[cl.ID] = who
				mu.Unlock()
				// Correct the new claim's figure at once.
				q := []claim.Quantity{{Min: float64(100 * (i + 1)), Max: float64(100 * (i + 1)), Unit: "fighters", Kind: claim.QuantityCount}}
				if _, err := apiCall(c, "PATCH", base+"/api/v1/claims/"+cl.ID, tok, map[string]any{"version": cl.Version, "quantities": q}, nil); err != nil {
					fail(err)
					return
				}
				// Both raise the shared claim's figure by one: a stale
				// version is refused, and the analyst reloads and tries again.
				for {
					var l List[claim.Claim]
					if _, err := apiCall(c, "GET", base+"/api/v1/claims?limit=1000&source="+itoa(before.SourceID), tok, nil, &l); err != nil {
						fail(err)
						return
					}
					var cur *claim.Claim
					for j := range l.Items {
						if l.Items[j].ID == shared {
							cur = &l.Items[j]
						}
					}
					if cur == nil {
						fail(fmt.Errorf("claim %s not listed", shared))
						return
					}
					next := cur.Quantities[0].Min + 1
					status, err := apiCall(c, "PATCH", base+"/api/v1/claims/"+shared, tok, map[string]any{"version": cur.Version, "quantities": figure(next)}, nil)
					if status == http.StatusConflict {
						mu.Lock()
						clashes++
						mu.Unlock()
						continue
					}
					if err != nil {
						fail(err)
						return
					}
					mu.Lock()
					if by, ok := set[next]; ok {
						t.Errorf("%s and %s both set the figure to %v: one correction overwrote the other", by, who, next)
					}
					set[next] = who
					fixes[who]++
					mu.Unlock()
					break
				}
				if _, err := apiCall(c, "POST", base+"/api/v1/claims/"+flight+"/check", tok, nil, nil); err != nil {
					fail(err)
					return
				}
			}
		}()
	}
	// Meanwhile the CLI (a process of its own) extracts both sources again
	// and fuses, three times over.
	wg.Add(1)
	go func() {
		defer wg.Done()
		cli := pipeline.New(open(), pipeline.Options{})
		for range 3 {
			for _, src := range srcs {
				if _, err := cli.Extract(ctx, src); err != nil {
					t.Errorf("cli: %v", err)
					return
				}
			}
			if _, err := cli.Fuse(ctx); err != nil {
				t.Errorf("cli: %v", err)
				return
			}
		}
	}()
	wg.Wait()
	if t.Failed() {
		t.FailNow()
	}
	t.Logf("%d stale corrections refused and retried", clashes)

	// Every hand-made claim is stored whole, by its maker, in an event.
	if len(made) != len(spans["alice"])+len(spans["bob"]) {
		t.Fatalf("%d hand-made claims stored, want %d", len(made), len(spans["alice"])+len(spans["bob"]))
	}
	evs, err := st.Events(ctx)
	if err != nil {
		t.Fatal(err)
	}
	members := map[string]string{}
	for _, e := range evs {
		for _, m := range e.Members {
			if prev, ok := members[m.ClaimID]; ok {
				t.Errorf("claim %s is in two events, %s and %s", m.ClaimID, prev, e.ID)
			}
			members[m.ClaimID] = e.ID
		}
	}
	for id, who := range made {
		cl, err := st.Claim(ctx, id)
		if err != nil {
			t.Fatalf("hand-made claim %s: %v", id, err)
		}
		if !cl.Manual || cl.EditedBy != who || len(cl.Quantities) != 1 || cl.Quantities[0].Unit != "fighters" || cl.Version != 2 {
			t.Errorf("hand-made claim %s: manual %v by %q, figures %+v, version %d", id, cl.Manual, cl.EditedBy, cl.Quantities, cl.Version)
		}
		if cl.EventID == "" || members[id] != cl.EventID {
			t.Errorf("hand-made claim %s says it is in event %q, the events put it in %q", id, cl.EventID, members[id])
		}
	}
	all, err := st.Claims(ctx, store.ClaimFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, cl := range all {
		if cl.EventID != "" && members[cl.ID] != cl.EventID {
			t.Errorf("claim %s says it is in event %q, the events put it in %q", cl.ID, cl.EventID, members[cl.ID])
		}
	}
	if fs, err := cs.Status(ctx); err != nil || fs.Stale {
		t.Errorf("after both analysts finished the events are stale (%v): a fusion of older claims overwrote a newer one", err)
	}

	// The shared claim: every successful correction counted, one after
	// another, each in its history.
	total := fixes["alice"] + fixes["bob"]
	after, err := st.Claim(ctx, shared)
	if err != nil {
		t.Fatal(err)
	}
	if after.Quantities[0].Min != before.Quantities[0].Min+float64(total) || after.Version != before.Version+total {
		t.Errorf("the shared claim reads %v at version %d after %d corrections from %v at version %d",
			after.Quantities[0].Min, after.Version, total, before.Quantities[0].Min, before.Version)
	}
	edits, err := st.Edits(ctx, shared)
	if err != nil {
		t.Fatal(err)
	}
	by := map[string]int{}
	for _, e := range edits {
		by[e.By]++
	}
	if len(edits) != total || by["alice"] != fixes["alice"] || by["bob"] != fixes["bob"] {
		t.Errorf("the shared claim's history has %d edits %v, want %v", len(edits), by, fixes)
	}

	// One flight check of the claim on the dataset, however many ran.
	sigs, err := st.Signals(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var checks []claim.Signal
	for _, sg := range sigs {
		if sg.Kind == pipeline.FlightCheckKind && sg.ClaimID == flight {
			checks = append(checks, sg)
		}
	}
	if len(checks) != 1 || checks[0].Verdict != claim.Supported {
		t.Errorf("flight checks of %s stored: %+v", flight, checks)
	}
}
