package storetest

import (
	"slices"
	"strings"
	"testing"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/errs"
	"github.com/triangulate/triangulate/store"
)

// testManualClaims: a claim added by hand is stored Edited and Manual with
// an edit record, refuses a span that does not quote the source and a
// second claim of its id, and survives re-extraction, which also drops a
// fresh claim quoting exactly its words under another id.
func testManualClaims(t *testing.T, st store.Store) {
	ctx := t.Context()
	a := addSeed(t, st, seedA)
	ga := gold(t, seedA, a.ID)
	must(t, st.ReplaceClaims(ctx, a.ID, ga), "replace")

	// Words no gold claim starts at: the first sentence's first word.
	end := strings.IndexAny(a.Text, " \n")
	if end <= 0 {
		t.Fatalf("seed %s has no first word", seedA)
	}
	start := 0
	for _, g := range ga {
		if g.Start == start && g.End == end {
			t.Fatalf("a gold claim already quotes %q", a.Text[start:end])
		}
	}
	hand := claim.Claim{ID: "hand-test-1", SourceID: a.ID, Start: start, End: end, Evidence: a.Text[start:end],
		Action: claim.ActionOther, Modality: claim.Asserted,
		Quantities:  []claim.Quantity{{Min: 15, Max: 15, Unit: "flights per day", Qualifier: "at least", Kind: claim.QuantityCount}},
		Attribution: []claim.Attribution{{Who: "an official", Kind: claim.SpeakerAnonymous}}}
	wantKind(t, st.AddClaim(ctx, &hand, ""), errs.BadInput, "claim added by nobody")
	must(t, st.AddClaim(ctx, &hand, "alice"), "AddClaim")
	if hand.Version != 1 || !hand.Edited || !hand.Manual || hand.EditedBy != "alice" || hand.Source != a.Name {
		t.Fatalf("after AddClaim: %+v", hand)
	}
	wantKind(t, st.AddClaim(ctx, &claim.Claim{ID: hand.ID, SourceID: a.ID, Start: start, End: end,
		Evidence: hand.Evidence, Action: claim.ActionOther, Modality: claim.Asserted}, "bob"), errs.Duplicate, "second claim of one id")
	bad := hand
	bad.ID, bad.Evidence = "hand-test-2", "words not in the source"
	wantKind(t, st.AddClaim(ctx, &bad, "alice"), errs.BadInput, "claim that does not quote its source")
	ghost := hand
	ghost.ID, ghost.SourceID = "hand-test-3", a.ID+1000
	wantKind(t, st.AddClaim(ctx, &ghost, "alice"), errs.NotFound, "claim of an unknown source")

	edits, err := st.Edits(ctx, hand.ID)
	must(t, err, "Edits")
	if len(edits) != 1 || edits[0].By != "alice" || edits[0].Before != "null" {
		t.Fatalf("edit record of a claim made by hand: %+v", edits)
	}

	// Re-extraction: the extractor now finds the same words under its own
	// id; the analyst's claim stays and the machine's copy is dropped.
	copyOf := hand
	copyOf.ID, copyOf.Manual, copyOf.Edited, copyOf.Version, copyOf.EditedBy = "machine-copy", false, false, 0, ""
	copyOf.Quantities = nil
	must(t, st.ReplaceClaims(ctx, a.ID, append(slices.Clone(ga), copyOf)), "re-extract")
	got, err := st.Claim(ctx, hand.ID)
	must(t, err, "reload the hand-made claim")
	if !got.Manual || len(got.Quantities) != 1 || got.Quantities[0].Min != 15 || got.Version != 1 {
		t.Fatalf("the hand-made claim changed on re-extraction: %+v", got)
	}
	all, err := st.Claims(ctx, store.ClaimFilter{SourceID: a.ID})
	must(t, err, "Claims")
	if ids := claimIDs(all); slices.Contains(ids, copyOf.ID) || len(all) != len(ga)+1 {
		t.Fatalf("after re-extraction: %d claims (want %d), machine copy listed: %v", len(all), len(ga)+1, slices.Contains(ids, copyOf.ID))
	}
}

// testReplaceClaimSignals: a claim's signals of one kind are replaced as a
// set; other kinds and other claims' signals stay.
func testReplaceClaimSignals(t *testing.T, st store.Store) {
	ctx := t.Context()
	ss := []claim.Signal{
		{ID: "chk-old", Kind: "flight-check", ClaimID: "c1", Verdict: claim.Untestable},
		{ID: "cal-1", Kind: "calendar", ClaimID: "c1", Verdict: claim.Untestable},
		{ID: "chk-other", Kind: "flight-check", ClaimID: "c2", Verdict: claim.Supported},
	}
	must(t, st.PutSignals(ctx, ss), "PutSignals")
	must(t, st.ReplaceClaimSignals(ctx, "c1", "flight-check", []claim.Signal{
		{ID: "chk-new", Kind: "flight-check", ClaimID: "c1", Verdict: claim.Supported}}), "ReplaceClaimSignals")
	got, err := st.Signals(ctx)
	must(t, err, "Signals")
	var ids []string
	for _, s := range got {
		ids = append(ids, s.ID)
	}
	if want := []string{"cal-1", "chk-new", "chk-other"}; !slices.Equal(ids, want) {
		t.Fatalf("signals after replace = %v, want %v", ids, want)
	}
	wantKind(t, st.ReplaceClaimSignals(ctx, "c1", "flight-check", []claim.Signal{{ID: "x", Kind: "calendar", ClaimID: "c1"}}),
		errs.BadInput, "a signal of another kind")
	got, _ = st.Signals(ctx)
	if len(got) != 3 {
		t.Fatalf("a refused replace changed the signals: %d", len(got))
	}
}
