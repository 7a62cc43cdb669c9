package storetest

import (
	"fmt"
	"sync"
	"testing"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/errs"
	"github.com/triangulate/triangulate/store"
)

func judgements(t *testing.T, st store.Store) store.Judgements {
	t.Helper()
	j, ok := store.JudgementsOf(st)
	if !ok {
		t.Fatalf("%T keeps no judgements", st)
	}
	return j
}

// judgedCase stores the first seed's gold claims in two events, assessed.
func judgedCase(t *testing.T, st store.Store) (ga []claim.Claim, f store.Fusion) {
	t.Helper()
	ctx := t.Context()
	a := addSeed(t, st, seedA)
	ga = gold(t, seedA, a.ID)
	must(t, st.ReplaceClaims(ctx, a.ID, ga), "replace claims")
	f = store.Fusion{
		Events: []claim.Event{
			{ID: "ev-1", Title: "PMF enter Iran", Independent: 2,
				Origins: []claim.Origin{{Key: "o-a", Who: "an Iraqi security source"}, {Key: "o-b", Who: "Reuters"}, {Key: "o-c", Who: "a relay", EchoOf: []string{"o-a"}}},
				Members: []claim.Member{{ClaimID: ga[0].ID}, {ClaimID: ga[1].ID}, {ClaimID: ga[2].ID}}},
			{ID: "ev-2", Title: "Flights", Members: []claim.Member{{ClaimID: ga[13].ID}}},
		},
		Assessments: []claim.Assessment{
			{EventID: "ev-1", Status: claim.StatusContested, Probability: 0.85, Words: "very likely", Admiralty: "C1"},
			{EventID: "ev-2", Status: claim.StatusSingleSource, Probability: 0.5, Words: "roughly even chance", Admiralty: "C3"},
		},
	}
	must(t, st.ReplaceFusion(ctx, f), "ReplaceFusion")
	return ga, f
}

// testJudgements: notes, overrides, sign-offs and hypotheses are stored
// beside the computed assessment, each write audited and versioned.
func testJudgements(t *testing.T, st store.Store) {
	ctx := t.Context()
	j := judgements(t, st)
	ga, f := judgedCase(t, st)

	// Every event has its first version from the fusion that made it.
	h, err := j.History(ctx, "ev-1")
	must(t, err, "History")
	if len(h) != 1 || h[0].Cause != "fusion" || h[0].By != store.FusionBy || h[0].State.Status != claim.StatusContested ||
		h[0].State.Independent != 2 || len(h[0].State.Origins) != 2 {
		t.Fatalf("history after the first fusion = %+v", h)
	}
	// The same run again changes nothing, so it adds no version.
	must(t, st.ReplaceFusion(ctx, f), "same fusion again")
	if h, _ = j.History(ctx, "ev-1"); len(h) != 1 {
		t.Fatalf("an unchanged fusion added versions: %+v", h)
	}

	// Notes on a claim, an event and an origin.
	n, err := j.AddNote(ctx, claim.Note{Kind: claim.NoteOnClaim, Target: ga[0].ID, Text: "Check the original Arabic.", By: "alice"})
	must(t, err, "note on a claim")
	if n.ID == 0 || n.EventID != "ev-1" || n.At.IsZero() {
		t.Fatalf("claim note = %+v, want an id, filed under ev-1, a time", n)
	}
	_, err = j.AddNote(ctx, claim.Note{Kind: claim.NoteOnEvent, EventID: "ev-1", Text: "Two outlets, one source?", By: "bob"})
	must(t, err, "note on an event")
	_, err = j.AddNote(ctx, claim.Note{Kind: claim.NoteOnOrigin, EventID: "ev-1", Target: "o-b", Text: "Reuters' stringer.", By: "bob"})
	must(t, err, "note on an origin")
	for _, tc := range []struct {
		name string
		n    claim.Note
		kind errs.Kind
	}{
		{"empty text", claim.Note{Kind: claim.NoteOnEvent, EventID: "ev-1", Text: "  ", By: "bob"}, errs.BadInput},
		{"unknown kind", claim.Note{Kind: "source", Target: "1", Text: "x", By: "bob"}, errs.BadInput},
		{"unknown claim", claim.Note{Kind: claim.NoteOnClaim, Target: "no-such", Text: "x", By: "bob"}, errs.NotFound},
		{"unknown event", claim.Note{Kind: claim.NoteOnEvent, EventID: "ev-9", Text: "x", By: "bob"}, errs.NotFound},
		{"unknown origin", claim.Note{Kind: claim.NoteOnOrigin, EventID: "ev-1", Target: "o-z", Text: "x", By: "bob"}, errs.NotFound},
		{"nobody", claim.Note{Kind: claim.NoteOnEvent, EventID: "ev-1", Text: "x"}, errs.BadInput},
	} {
		_, err := j.AddNote(ctx, tc.n)
		wantKind(t, err, tc.kind, tc.name)
	}
	notes, err := j.Notes(ctx)
	must(t, err, "Notes")
	if len(notes) != 3 || notes[1].Target != "ev-1" || notes[2].Target != "o-b" || notes[2].By != "bob" {
		t.Fatalf("Notes = %+v", notes)
	}

	// An override needs a reason, is kept beside the computed assessment
	// and can be cleared.
	wantKind(t, j.SetOverride(ctx, "ev-1", claim.Override{Status: claim.StatusCorroborated, By: "alice"}), errs.BadInput, "override without a reason")
	wantKind(t, j.SetOverride(ctx, "ev-1", claim.Override{Status: "true", Reason: "x", By: "alice"}), errs.BadInput, "override to an unknown status")
	wantKind(t, j.SetOverride(ctx, "ev-9", claim.Override{Status: claim.StatusDenied, Reason: "x", By: "alice"}), errs.NotFound, "override of an unknown event")
	must(t, j.SetOverride(ctx, "ev-1", claim.Override{Status: claim.StatusCorroborated, Likelihood: "likely", Reason: "The denial is a non-denial.", By: "alice"}), "override")
	ov, err := j.Overrides(ctx)
	must(t, err, "Overrides")
	if o := ov["ev-1"]; len(ov) != 1 || o.Status != claim.StatusCorroborated || o.Reason != "The denial is a non-denial." || o.By != "alice" {
		t.Fatalf("Overrides = %+v", ov)
	}
	as, _ := st.Assessments(ctx)
	if as[0].Status != claim.StatusContested {
		t.Fatalf("the override replaced the computed status: %+v", as[0])
	}

	// A sign-off records what the computed assessment said.
	so, err := j.SignOff(ctx, "ev-1", "bob")
	must(t, err, "SignOff")
	if so.Status != claim.StatusContested || so.Likelihood != "very likely" || so.Admiralty != "C1" || so.By != "bob" {
		t.Fatalf("SignOff = %+v", so)
	}
	_, err = j.SignOff(ctx, "ev-9", "bob")
	wantKind(t, err, errs.NotFound, "sign-off of an unknown event")
	sos, err := j.SignOffs(ctx)
	must(t, err, "SignOffs")
	if len(sos) != 1 || sos["ev-1"].By != "bob" {
		t.Fatalf("SignOffs = %+v", sos)
	}

	// Hypotheses and their marks.
	hy, err := j.AddHypothesis(ctx, claim.Hypothesis{EventID: "ev-1", Text: "A rotation, not a deployment", By: "alice"})
	must(t, err, "AddHypothesis")
	must(t, j.MarkEvidence(ctx, hy.ID, ga[0].ID, claim.MarkInconsistent, "alice"), "mark")
	must(t, j.MarkEvidence(ctx, hy.ID, ga[1].ID, claim.MarkConsistent, "bob"), "mark")
	must(t, j.MarkEvidence(ctx, hy.ID, ga[1].ID, claim.MarkNeutral, "bob"), "re-mark")
	must(t, j.MarkEvidence(ctx, hy.ID, ga[2].ID, claim.MarkNeutral, "bob"), "mark")
	must(t, j.MarkEvidence(ctx, hy.ID, ga[2].ID, "", "bob"), "unmark")
	wantKind(t, j.MarkEvidence(ctx, hy.ID, ga[13].ID, claim.MarkConsistent, "bob"), errs.BadInput, "mark of a claim in another event")
	wantKind(t, j.MarkEvidence(ctx, hy.ID, ga[0].ID, "maybe", "bob"), errs.BadInput, "unknown mark")
	wantKind(t, j.MarkEvidence(ctx, hy.ID+99, ga[0].ID, claim.MarkConsistent, "bob"), errs.NotFound, "unknown hypothesis")
	_, err = j.AddHypothesis(ctx, claim.Hypothesis{EventID: "ev-1", By: "alice"})
	wantKind(t, err, errs.BadInput, "hypothesis without text")
	hs, err := j.Hypotheses(ctx)
	must(t, err, "Hypotheses")
	want := map[string]claim.Mark{ga[0].ID: claim.MarkInconsistent, ga[1].ID: claim.MarkNeutral}
	if len(hs) != 1 || hs[0].Text != "A rotation, not a deployment" || fmt.Sprint(hs[0].Marks) != fmt.Sprint(want) || hs[0].Against() != 1 {
		t.Fatalf("Hypotheses = %+v", hs)
	}

	// Each action is audited with before and after, and versioned.
	audit, err := j.Audit(ctx, "ev-1")
	must(t, err, "Audit")
	var actions []string
	for _, e := range audit {
		actions = append(actions, e.Action)
	}
	wantActions := "[fusion note note note override sign-off hypothesis mark evidence mark evidence mark evidence mark evidence mark evidence]"
	if fmt.Sprint(actions) != wantActions {
		t.Fatalf("audit actions = %v, want %s", actions, wantActions)
	}
	if e := audit[9]; e.Before != `"consistent"` || e.After != `"neutral"` || e.By != "bob" {
		t.Fatalf("re-mark audit = %+v", e)
	}
	h, _ = j.History(ctx, "ev-1")
	if len(h) != 1+len(audit)-1 {
		t.Fatalf("%d versions for %d audited actions", len(h), len(audit))
	}
	if v := h[4]; v.Cause != "override" || v.By != "alice" || v.State.OverrideStatus != claim.StatusCorroborated ||
		v.State.Status != claim.StatusContested || v.Version != 5 {
		t.Fatalf("version after the override = %+v", v)
	}
	if h[5].State.SignedBy != "bob" {
		t.Fatalf("version after the sign-off = %+v", h[5])
	}

	// A fusion that changes the computed assessment versions it.
	f.Assessments[0].Status, f.Assessments[0].Words = claim.StatusCorroborated, "likely"
	must(t, st.ReplaceFusion(ctx, f), "changed fusion")
	h, _ = j.History(ctx, "ev-1")
	if last := h[len(h)-1]; last.Cause != "fusion" || last.State.Status != claim.StatusCorroborated || last.State.OverrideStatus != claim.StatusCorroborated {
		t.Fatalf("last version = %+v", last)
	}

	// Clearing the override.
	must(t, j.SetOverride(ctx, "ev-1", claim.Override{By: "alice", Reason: "no longer needed"}), "clear")
	if ov, _ = j.Overrides(ctx); len(ov) != 0 {
		t.Fatalf("after clearing, Overrides = %+v", ov)
	}
	wantKind(t, j.SetOverride(ctx, "ev-1", claim.Override{By: "alice"}), errs.BadInput, "clearing no override")
}

// testJudgementsFollowEvents: when a fusion renames an event (its seed
// claim changed), its judgements and history go to the event that holds
// most of its claims.
func testJudgementsFollowEvents(t *testing.T, st store.Store) {
	ctx := t.Context()
	j := judgements(t, st)
	ga, f := judgedCase(t, st)
	must(t, j.SetOverride(ctx, "ev-1", claim.Override{Status: claim.StatusCorroborated, Reason: "seen the footage", By: "alice"}), "override")
	_, err := j.AddNote(ctx, claim.Note{Kind: claim.NoteOnEvent, EventID: "ev-1", Text: "keep", By: "alice"})
	must(t, err, "note")
	_, err = j.SignOff(ctx, "ev-1", "bob")
	must(t, err, "sign-off")
	hy, err := j.AddHypothesis(ctx, claim.Hypothesis{EventID: "ev-1", Text: "rotation", By: "alice"})
	must(t, err, "hypothesis")

	// ev-1's claims split: two go to ev-0, one to ev-3; ev-2 stays.
	next := store.Fusion{
		Events: []claim.Event{
			{ID: "ev-0", Title: "PMF enter Iran", Members: []claim.Member{{ClaimID: ga[1].ID}, {ClaimID: ga[2].ID}, {ClaimID: ga[5].ID}}},
			{ID: "ev-2", Title: "Flights", Members: []claim.Member{{ClaimID: ga[13].ID}}},
			{ID: "ev-3", Title: "Other", Members: []claim.Member{{ClaimID: ga[0].ID}}},
		},
		Assessments: f.Assessments[1:],
	}
	next.Assessments = append(next.Assessments, claim.Assessment{EventID: "ev-0", Status: claim.StatusContested, Words: "very likely", Admiralty: "C1"})
	must(t, st.ReplaceFusion(ctx, next), "renaming fusion")
	ov, _ := j.Overrides(ctx)
	if _, ok := ov["ev-0"]; !ok || len(ov) != 1 {
		t.Fatalf("the override did not follow the event: %+v", ov)
	}
	notes, _ := j.Notes(ctx)
	if len(notes) != 1 || notes[0].EventID != "ev-0" {
		t.Fatalf("the note did not follow the event: %+v", notes)
	}
	if sos, _ := j.SignOffs(ctx); sos["ev-0"].By != "bob" {
		t.Fatalf("the sign-off did not follow: %+v", sos)
	}
	if hs, _ := j.Hypotheses(ctx); hs[0].EventID != "ev-0" || hs[0].ID != hy.ID {
		t.Fatalf("the hypothesis did not follow: %+v", hs)
	}
	h, _ := j.History(ctx, "ev-0")
	if len(h) < 5 || h[0].Cause != "fusion" || h[0].Version != 1 {
		t.Fatalf("ev-0's history does not start with ev-1's: %+v", h)
	}
	if old, _ := j.History(ctx, "ev-1"); len(old) != 0 {
		t.Fatalf("ev-1 kept history: %+v", old)
	}
	audit, _ := j.Audit(ctx, "ev-0")
	found := false
	for _, e := range audit {
		found = found || e.Action == "event renamed" && e.Target == "ev-1"
	}
	if !found {
		t.Fatalf("no audit entry says ev-1 became ev-0: %+v", audit)
	}
}

// testJudgementsConcurrent: analysts writing at once lose nothing.
func testJudgementsConcurrent(t *testing.T, st store.Store) {
	ctx := t.Context()
	j := judgements(t, st)
	judgedCase(t, st)
	var wg sync.WaitGroup
	errc := make(chan error, 40)
	for _, who := range []string{"alice", "bob"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 10 {
				if _, err := j.AddNote(ctx, claim.Note{Kind: claim.NoteOnEvent, EventID: "ev-1", Text: fmt.Sprintf("%s %d", who, i), By: who}); err != nil {
					errc <- err
				}
				if err := j.SetOverride(ctx, "ev-1", claim.Override{Status: claim.StatusDenied, Reason: who, By: who}); err != nil {
					errc <- err
				}
			}
		}()
	}
	wg.Wait()
	close(errc)
	for err := range errc {
		t.Fatal(err)
	}
	notes, _ := j.Notes(ctx)
	h, _ := j.History(ctx, "ev-1")
	audit, _ := j.Audit(ctx, "ev-1")
	if len(notes) != 20 || len(h) != 41 || len(audit) != 41 {
		t.Fatalf("%d notes, %d versions, %d audit entries; want 20, 41, 41", len(notes), len(h), len(audit))
	}
}

// testJudgementsMergedAway: when a fusion merges an event into one that
// goes on, the vanished event keeps its judgements and its history,
// readable under its own id, and a link names the event its claims went
// to; undoing the merge brings it back. A new event made of claims of one
// that goes on is recorded as split off it.
func testJudgementsMergedAway(t *testing.T, st store.Store) {
	ctx := t.Context()
	j := judgements(t, st)
	ga, f := judgedCase(t, st)
	must(t, j.SetOverride(ctx, "ev-2", claim.Override{Status: claim.StatusDenied, Reason: "the flights were cargo", By: "alice"}), "override")
	_, err := j.AddNote(ctx, claim.Note{Kind: claim.NoteOnEvent, EventID: "ev-2", Text: "check the tail numbers", By: "bob"})
	must(t, err, "note")

	// ev-2's one claim joins ev-1, which goes on.
	merged := store.Fusion{
		Events: []claim.Event{{ID: "ev-1", Title: "PMF enter Iran",
			Members: []claim.Member{{ClaimID: ga[0].ID}, {ClaimID: ga[1].ID}, {ClaimID: ga[2].ID}, {ClaimID: ga[13].ID}}}},
		Assessments: f.Assessments[:1],
	}
	must(t, st.ReplaceFusion(ctx, merged), "merging fusion")
	links, err := j.EventLinks(ctx)
	must(t, err, "event links")
	if len(links) != 1 || links[0].Kind != store.LinkMerged || links[0].Event != "ev-2" || links[0].Other != "ev-1" || links[0].Title != "Flights" {
		t.Fatalf("links after the merge = %+v, want ev-2 merged into ev-1", links)
	}
	if got := store.MergedInto(links, "ev-2"); got != "ev-1" {
		t.Fatalf("MergedInto(ev-2) = %q, want ev-1", got)
	}
	if ov, _ := j.Overrides(ctx); ov["ev-2"].Reason != "the flights were cargo" || ov["ev-1"].Status != "" {
		t.Fatalf("the override moved or was lost: %+v", ov)
	}
	if h, _ := j.History(ctx, "ev-2"); len(h) == 0 {
		t.Fatal("the merged-away event's history is gone")
	}
	found := map[string]bool{}
	for _, id := range []string{"ev-1", "ev-2"} {
		a, err := j.Audit(ctx, id)
		must(t, err, "audit")
		for _, e := range a {
			found[id+" "+e.Action+" "+e.Target] = true
		}
	}
	if !found["ev-1 event merged in ev-2"] || !found["ev-2 merged into ev-1"] {
		t.Fatalf("the audit does not record the merge on both events: %v", found)
	}

	// The merge undone: ev-2 is back with its own.
	must(t, st.ReplaceFusion(ctx, f), "unmerging fusion")
	if links, _ = j.EventLinks(ctx); len(links) != 0 {
		t.Fatalf("links after the merge was undone = %+v", links)
	}
	if ov, _ := j.Overrides(ctx); ov["ev-2"].Status != claim.StatusDenied {
		t.Fatalf("ev-2 lost its override: %+v", ov)
	}

	// A new event made of one of ev-1's claims, ev-1 going on: split off.
	split := store.Fusion{
		Events: []claim.Event{
			{ID: "ev-1", Title: "PMF enter Iran", Members: []claim.Member{{ClaimID: ga[0].ID}, {ClaimID: ga[1].ID}}},
			{ID: "ev-2", Title: "Flights", Members: []claim.Member{{ClaimID: ga[13].ID}}},
			{ID: "ev-9", Title: "Crossing", Members: []claim.Member{{ClaimID: ga[2].ID}}},
		},
		Assessments: f.Assessments,
	}
	must(t, st.ReplaceFusion(ctx, split), "splitting fusion")
	links, _ = j.EventLinks(ctx)
	if len(links) != 1 || links[0].Kind != store.LinkSplit || links[0].Event != "ev-9" || links[0].Other != "ev-1" {
		t.Fatalf("links after the split = %+v, want ev-9 split off ev-1", links)
	}
}
