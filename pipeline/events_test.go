package pipeline_test

import (
	"slices"
	"testing"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/errs"
	"github.com/triangulate/triangulate/store"
)

// biggest returns the event with the most members.
func biggest(evs []claim.Event) claim.Event {
	var out claim.Event
	for _, e := range evs {
		if len(e.Members) > len(out.Members) {
			out = e
		}
	}
	return out
}

func eventHolding(evs []claim.Event, claimID string) string {
	for _, e := range evs {
		if slices.ContainsFunc(e.Members, func(m claim.Member) bool { return m.ClaimID == claimID }) {
			return e.ID
		}
	}
	return ""
}

// TestSplitMergeSurviveRefusion: a split, an event merge and an origin
// merge hold through later fusion runs and re-ingest, and undoing the
// origin merge restores the count.
func TestSplitMergeSurviveRefusion(t *testing.T) {
	ctx := t.Context()
	st := openStore(t)
	cs := newCase(t, st)
	if _, err := cs.Ingest(ctx, seedSources(t)); err != nil {
		t.Fatal(err)
	}
	evs, _ := st.Events(ctx)
	big := biggest(evs)
	if len(big.Members) < 3 {
		t.Fatalf("biggest event has %d members", len(big.Members))
	}
	moving := []string{big.Members[len(big.Members)-1].ClaimID, big.Members[len(big.Members)-2].ClaimID}

	if _, err := cs.SplitEvent(ctx, big.ID, []string{"no-such-claim"}, "alice"); !errs.Is(err, errs.BadInput) {
		t.Fatalf("split of a claim not in the event: %v", err)
	}
	all := make([]string, 0, len(big.Members))
	for _, m := range big.Members {
		all = append(all, m.ClaimID)
	}
	if _, err := cs.SplitEvent(ctx, big.ID, all, "alice"); !errs.Is(err, errs.BadInput) {
		t.Fatalf("split of every claim: %v", err)
	}
	split, err := cs.SplitEvent(ctx, big.ID, moving, "alice")
	if err != nil {
		t.Fatal(err)
	}
	if split.ID == big.ID || len(split.Members) != 2 {
		t.Fatalf("split event %s has %d members", split.ID, len(split.Members))
	}
	if _, err := cs.Fuse(ctx); err != nil { // a later run keeps the split
		t.Fatal(err)
	}
	evs, _ = st.Events(ctx)
	for _, id := range moving {
		if got := eventHolding(evs, id); got != split.ID {
			t.Fatalf("after re-fusion %s is in %s, want %s", id, got, split.ID)
		}
	}

	// Merge the split-off event back: all its claims return, and stay.
	merged, err := cs.MergeEvents(ctx, split.ID, big.ID, "bob")
	if err != nil {
		t.Fatal(err)
	}
	if merged.ID != big.ID || len(merged.Members) != len(big.Members) {
		t.Fatalf("merged event %s has %d members, want %s with %d", merged.ID, len(merged.Members), big.ID, len(big.Members))
	}
	if _, err := cs.MergeEvents(ctx, big.ID, split.ID, "bob"); err == nil {
		t.Fatal("merged an event into one no longer listed")
	}
	if _, err := cs.Ingest(ctx, seedSources(t)); err != nil {
		t.Fatal(err)
	}
	if _, err := cs.Fuse(ctx); err != nil {
		t.Fatal(err)
	}
	evs, _ = st.Events(ctx)
	if got := eventHolding(evs, moving[0]); got != big.ID {
		t.Fatalf("after re-fusion the merged claim is in %s, want %s", got, big.ID)
	}

	// Two counted origins of the biggest event judged one.
	e, _ := st.Event(ctx, big.ID)
	var keys []string
	for _, o := range e.Origins {
		if o.Stance == claim.StanceSupports && len(o.EchoOf) == 0 {
			keys = append(keys, o.Key)
		}
	}
	if len(keys) < 2 {
		t.Fatalf("event %s has %d counted origins", e.ID, len(keys))
	}
	if err := cs.MergeOrigins(ctx, keys[1], "no-such-origin", "carol"); !errs.Is(err, errs.NotFound) {
		t.Fatalf("merge into an unknown origin: %v", err)
	}
	if err := cs.MergeOrigins(ctx, keys[1], keys[0], "carol"); err != nil {
		t.Fatal(err)
	}
	if _, err := cs.Fuse(ctx); err != nil {
		t.Fatal(err)
	}
	after, _ := st.Event(ctx, big.ID)
	if after.Independent != e.Independent-1 {
		t.Fatalf("independent %d after merging two origins, want %d", after.Independent, e.Independent-1)
	}
	ms, _ := cs.Merges(ctx)
	if len(ms) != 2 || ms[1].Kind != store.MergeOrigin || ms[1].By != "carol" {
		t.Fatalf("merges %+v", ms)
	}
	if err := cs.Unmerge(ctx, store.MergeOrigin, keys[1], "carol"); err != nil {
		t.Fatal(err)
	}
	if back, _ := st.Event(ctx, big.ID); back.Independent != e.Independent {
		t.Fatalf("independent %d after undoing the origin merge, want %d", back.Independent, e.Independent)
	}
}
