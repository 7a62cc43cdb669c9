package pipeline_test

import (
	"encoding/json"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/internal/shared"
	"github.com/triangulate/triangulate/source"
	"github.com/triangulate/triangulate/store"
	"github.com/triangulate/triangulate/store/storetest"
)

// devSources reads ../shared/eval/dev's texts with the outlet and date
// sources.json gives each.
func devSources(t *testing.T) []*claim.Source {
	t.Helper()
	in := &source.Ingester{}
	var out []*claim.Source
	for _, d := range shared.DevTexts(t) {
		ss, err := in.FromFS(os.DirFS(filepath.Dir(d.Path)), filepath.Base(d.Path))
		if err != nil {
			t.Fatal(err)
		}
		pub, err := time.Parse(time.DateOnly, d.Published)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range ss {
			s.Outlet, s.Published = d.Outlet, pub
		}
		out = append(out, ss...)
	}
	return out
}

// fusedBytes is what the store holds of the last fusion: its events and
// assessments as read back, and each claim's event.
func fusedBytes(t *testing.T, st store.Store) string {
	t.Helper()
	ctx := t.Context()
	evs, err := st.Events(ctx)
	if err != nil {
		t.Fatal(err)
	}
	as, err := st.Assessments(ctx)
	if err != nil {
		t.Fatal(err)
	}
	cs, err := st.Claims(ctx, store.ClaimFilter{IncludeRejected: true})
	if err != nil {
		t.Fatal(err)
	}
	eventOf := map[string]string{}
	for _, c := range cs {
		eventOf[c.ID] = c.EventID
	}
	b, err := json.Marshal([]any{evs, as, eventOf})
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestIncrementalFuse: sources added a batch at a time, each batch fused
// as ingest does it (incrementally), leave the store as a full re-fusion
// (FuseFull) of the same case does, and as fusing the whole case at once
// in a fresh store does: on the seed case, the development set, and
// random orders and batches of both, on SQLite and (under scripts/test.sh)
// PostgreSQL.
func TestIncrementalFuse(t *testing.T) {
	seeds := seedSources(t)
	dev := devSources(t)
	all := append(slices.Clone(seeds), dev...)
	type tc struct {
		name    string
		batches [][]*claim.Source
	}
	// one at a time, the last of each set added alone to the rest.
	cases := []tc{
		{"seed, last added", [][]*claim.Source{seeds[:len(seeds)-1], seeds[len(seeds)-1:]}},
		{"dev, last added", [][]*claim.Source{dev[:len(dev)-1], dev[len(dev)-1:]}},
		{"seed then dev", [][]*claim.Source{seeds, dev}},
	}
	r := rand.New(rand.NewPCG(12, 3))
	for k := range 3 {
		order := slices.Clone(all)
		r.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		var bs [][]*claim.Source
		for len(order) > 0 {
			n := min(len(order), 1+r.IntN(6))
			bs, order = append(bs, order[:n]), order[n:]
		}
		cases = append(cases, tc{"random " + string(rune('a'+k)), bs})
	}
	stores := []struct {
		name string
		open func(t *testing.T) store.Store
	}{
		{"sqlite", openStore},
		{"postgres", func(t *testing.T) store.Store {
			st, err := store.Open(t.Context(), storetest.PostgresSchema(t))
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { st.Close() })
			return st
		}},
	}
	for _, sk := range stores {
		t.Run(sk.name, func(t *testing.T) {
			for _, c := range cases {
				t.Run(c.name, func(t *testing.T) {
					ctx := t.Context()
					st := sk.open(t)
					cs := newCase(t, st)
					var every []*claim.Source
					for i, b := range c.batches {
						if _, err := cs.Ingest(ctx, cloneSources(b)); err != nil {
							t.Fatal(err)
						}
						every = append(every, b...)
						got := fusedBytes(t, st)
						if _, err := cs.FuseFull(ctx); err != nil {
							t.Fatal(err)
						}
						if want := fusedBytes(t, st); got != want {
							t.Fatalf("batch %d of %d: the incremental fusion stored %d bytes unlike the full one's %d", i+1, len(c.batches), len(got), len(want))
						}
					}
					fresh := sk.open(t)
					fc := newCase(t, fresh)
					if _, err := fc.Add(ctx, cloneSources(every), true); err != nil {
						t.Fatal(err)
					}
					if _, err := fc.FuseFull(ctx); err != nil {
						t.Fatal(err)
					}
					if got, want := fusedBytes(t, st), fusedBytes(t, fresh); got != want {
						t.Fatalf("added in %d batches, the case fused to %d bytes unlike the %d of fusing it at once", len(c.batches), len(got), len(want))
					}
				})
			}
		})
	}
}

// cloneSources copies sources so that one store's ids do not leak into
// another's.
func cloneSources(ss []*claim.Source) []*claim.Source {
	out := make([]*claim.Source, len(ss))
	for i, s := range ss {
		c := *s
		c.ID = 0
		out[i] = &c
	}
	return out
}
