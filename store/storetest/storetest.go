// Package storetest is the one test suite every store.Store implementation
// must pass. The SQLite and PostgreSQL stores run it from store's tests; a
// future implementation calls Run from its own.
package storetest

import (
	"bufio"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the pgx driver for PostgresSchema

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/errs"
	"github.com/triangulate/triangulate/internal/shared"
	"github.com/triangulate/triangulate/series"
	"github.com/triangulate/triangulate/store"
)

// The seed case: two real articles and their gold claims.
const (
	seedA = "000_fb75171b0db195ae.txt"
	seedB = "003_e72e86618cf972b7.txt"
)

// Run runs the suite. open must return a new, empty, migrated store each
// time it is called; Run closes it when the subtest ends.
func Run(t *testing.T, open func(t *testing.T) store.Store) {
	tests := []struct {
		name string
		fn   func(t *testing.T, st store.Store)
	}{
		{"Sources", testSources},
		{"AddSourcesAllOrNothing", testAddSourcesAtomic},
		{"Claims", testClaims},
		{"ReplaceClaimsRollsBack", testReplaceClaimsRollback},
		{"EditsSurviveReextraction", testEditsSurvive},
		{"VersionConflict", testVersionConflict},
		{"EventsAndPins", testEventsAndPins},
		{"MergesAndPinClaims", testMerges},
		{"Assessments", testAssessments},
		{"FusionIsOneWrite", testFusionOneWrite},
		{"LargeEvent", testLargeEvent},
		{"IncrementalFusionWrite", testIncrementalWrite},
		{"FusionState", testFusionState},
		{"Settings", testSettings},
		{"Signals", testSignals},
		{"ManualClaims", testManualClaims},
		{"ReplaceClaimSignals", testReplaceClaimSignals},
		{"Series", testSeries},
		{"Users", testUsers},
		{"Sessions", testSessions},
		{"Tokens", testTokens},
		{"Watches", testWatches},
		{"Seen", testSeen},
		{"ConcurrentWriters", testConcurrentWriters},
		{"Revision", testRevision},
		{"Judgements", testJudgements},
		{"JudgementsFollowEvents", testJudgementsFollowEvents},
		{"JudgementsMergedAway", testJudgementsMergedAway},
		{"JudgementsConcurrent", testJudgementsConcurrent},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := open(t)
			t.Cleanup(func() {
				if err := st.Close(); err != nil {
					t.Errorf("close: %v", err)
				}
			})
			tt.fn(t, st)
		})
	}
}

// wantKind fails unless err has kind k.
func wantKind(t *testing.T, err error, k errs.Kind, what string) {
	t.Helper()
	if err == nil {
		t.Fatalf("%s: no error, want %v", what, k)
	}
	if got := errs.KindOf(err); got != k {
		t.Fatalf("%s: error kind %v (%v), want %v", what, got, err, k)
	}
}

func must(t *testing.T, err error, what string) {
	t.Helper()
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// seed reads one of the seed articles as an ingested plain-text source.
func seed(t *testing.T, name string) *claim.Source {
	t.Helper()
	raw, err := os.ReadFile(shared.Path(t, "seeds", name))
	must(t, err, "read seed")
	return newSource(name, raw)
}

// newSource builds a plain-text source from raw bytes.
func newSource(name string, raw []byte) *claim.Source {
	sum := sha256.Sum256(raw)
	return &claim.Source{
		Name:        name,
		Outlet:      "The Amargi",
		Published:   time.Date(2026, 1, 14, 0, 0, 0, 0, time.UTC),
		Fetched:     time.Date(2026, 1, 15, 9, 30, 0, 123456789, time.UTC),
		MediaType:   "text/plain",
		ContentHash: hex.EncodeToString(sum[:]),
		Raw:         raw,
		Text:        string(raw),
	}
}

// synthetic is a small made-up source, distinct for each n.
func synthetic(n int) *claim.Source {
	return newSource(fmt.Sprintf("synthetic-%d.txt", n), fmt.Appendf(nil, "Report number %d: forces crossed the border.\n", n))
}

// gold returns the gold claims of a seed as claim values for sourceID.
func gold(t *testing.T, source string, sourceID int64) []claim.Claim {
	t.Helper()
	f, err := os.Open(shared.Path(t, "eval", "seed-gold.jsonl"))
	must(t, err, "open gold")
	defer f.Close()
	var out []claim.Claim
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		// The gold names actors as plain strings; the model holds structs.
		var g struct {
			claim.Claim
			Actors []string `json:"actors"`
		}
		must(t, json.Unmarshal(sc.Bytes(), &g), "decode gold")
		if g.Source != source {
			continue
		}
		c := g.Claim
		for _, a := range g.Actors {
			c.Actors = append(c.Actors, claim.Actor{Name: a})
		}
		c.SourceID = sourceID
		out = append(out, c)
	}
	must(t, sc.Err(), "read gold")
	if len(out) == 0 {
		t.Fatalf("no gold claims for %s", source)
	}
	return out
}

// addSeed stores a seed article and returns it with its id set.
func addSeed(t *testing.T, st store.Store, name string) *claim.Source {
	t.Helper()
	src := seed(t, name)
	_, _, err := st.AddSource(t.Context(), src)
	must(t, err, "add "+name)
	return src
}

func claimIDs(cs []claim.Claim) []string {
	ids := make([]string, len(cs))
	for i, c := range cs {
		ids[i] = c.ID
	}
	return ids
}

func testSources(t *testing.T, st store.Store) {
	ctx := t.Context()
	a, b := seed(t, seedA), seed(t, seedB)
	idA, existed, err := st.AddSource(ctx, a)
	must(t, err, "add A")
	if existed || idA <= 0 || a.ID != idA {
		t.Fatalf("add A: id %d existed %v, source ID %d", idA, existed, a.ID)
	}
	idB, existed, err := st.AddSource(ctx, b)
	must(t, err, "add B")
	if existed || idB == idA {
		t.Fatalf("add B: id %d existed %v (A is %d)", idB, existed, idA)
	}

	// The same bytes under another name are the same source.
	again := seed(t, seedA)
	again.Name = "copy-of-a.txt"
	id, existed, err := st.AddSource(ctx, again)
	must(t, err, "add A again")
	if !existed || id != idA {
		t.Fatalf("re-adding A: id %d existed %v, want %d true", id, existed, idA)
	}
	if n, err := st.CountSources(ctx); err != nil || n != 2 {
		t.Fatalf("CountSources = %d, %v; want 2", n, err)
	}

	got, err := st.Source(ctx, idA)
	must(t, err, "Source")
	if got.ID != idA || got.Name != seedA || got.Text != a.Text || string(got.Raw) != string(a.Raw) ||
		got.ContentHash != a.ContentHash || got.Outlet != a.Outlet || got.MediaType != a.MediaType ||
		!got.Published.Equal(a.Published) || !got.Fetched.Equal(a.Fetched) {
		t.Fatalf("Source(%d) did not round-trip:\n got %+v\nwant %+v", idA, got, a)
	}
	byName, err := st.SourceByName(ctx, seedB)
	must(t, err, "SourceByName")
	if byName.ID != idB || byName.Text != b.Text {
		t.Fatalf("SourceByName(%s) = id %d", seedB, byName.ID)
	}

	list, err := st.Sources(ctx, store.Page{})
	must(t, err, "Sources")
	if len(list) != 2 || list[0].ID != idA || list[1].ID != idB {
		t.Fatalf("Sources = %d sources, want A then B", len(list))
	}
	for _, s := range list {
		if s.Raw != nil {
			t.Errorf("Sources returned raw bytes for %d; the listing is without Raw", s.ID)
		}
		if s.Text == "" || s.ContentHash == "" {
			t.Errorf("Sources lost the text or hash of %d", s.ID)
		}
	}
	for _, p := range []struct {
		page store.Page
		want []int64
	}{
		{store.Page{Limit: 1}, []int64{idA}},
		{store.Page{Limit: 1, Offset: 1}, []int64{idB}},
		{store.Page{Offset: 1}, []int64{idB}},
		{store.Page{Offset: 2}, nil},
	} {
		list, err := st.Sources(ctx, p.page)
		must(t, err, "Sources page")
		var ids []int64
		for _, s := range list {
			ids = append(ids, s.ID)
		}
		if !slices.Equal(ids, p.want) {
			t.Errorf("Sources(%+v) ids %v, want %v", p.page, ids, p.want)
		}
	}

	_, err = st.Source(ctx, idA+idB+100)
	wantKind(t, err, errs.NotFound, "Source of unknown id")
	_, err = st.SourceByName(ctx, "no-such-source.txt")
	wantKind(t, err, errs.NotFound, "SourceByName of unknown name")
	_, _, err = st.AddSource(ctx, &claim.Source{Name: "empty.txt", ContentHash: "00"})
	wantKind(t, err, errs.BadInput, "AddSource without text")
}

func testAddSourcesAtomic(t *testing.T, st store.Store) {
	ctx := t.Context()
	first := addSeed(t, st, seedA)
	b := seed(t, seedB)
	invalid := newSource("bad.txt", []byte("x"))
	invalid.Text = "  " // no text: invalid
	_, err := st.AddSources(ctx, []*claim.Source{b, seed(t, seedA), invalid})
	wantKind(t, err, errs.BadInput, "AddSources with an invalid source")
	if n, err := st.CountSources(ctx); err != nil || n != 1 {
		t.Fatalf("after a failed AddSources CountSources = %d, %v; want 1 (nothing stored)", n, err)
	}
	if _, err := st.SourceByName(ctx, seedB); !errs.Is(err, errs.NotFound) {
		t.Fatalf("B stored by a failed batch: %v", err)
	}

	// A batch may repeat itself and what is stored.
	s1, s2 := synthetic(1), synthetic(1)
	added, err := st.AddSources(ctx, []*claim.Source{b, seed(t, seedA), s1, s2})
	must(t, err, "AddSources")
	if len(added) != 4 {
		t.Fatalf("AddSources returned %d results for 4 sources", len(added))
	}
	want := []store.Added{{ID: b.ID}, {ID: first.ID, Existed: true}, {ID: s1.ID}, {ID: s1.ID, Existed: true}}
	if !slices.Equal(added, want) {
		t.Fatalf("AddSources = %+v, want %+v", added, want)
	}
	if n, _ := st.CountSources(ctx); n != 3 {
		t.Fatalf("CountSources = %d, want 3", n)
	}
}

func testClaims(t *testing.T, st store.Store) {
	ctx := t.Context()
	a, b := addSeed(t, st, seedA), addSeed(t, st, seedB)
	ga, gb := gold(t, seedA, a.ID), gold(t, seedB, b.ID)
	// Stored in any order, listed by source, then offset, then id.
	must(t, st.ReplaceClaims(ctx, b.ID, gb), "replace B")
	rev := slices.Clone(ga)
	slices.Reverse(rev)
	must(t, st.ReplaceClaims(ctx, a.ID, rev), "replace A")

	all, err := st.Claims(ctx, store.ClaimFilter{})
	must(t, err, "Claims")
	if len(all) != len(ga)+len(gb) {
		t.Fatalf("Claims = %d, want %d", len(all), len(ga)+len(gb))
	}
	if !slices.IsSortedFunc(all, func(x, y claim.Claim) int {
		if x.SourceID != y.SourceID {
			return int(x.SourceID - y.SourceID)
		}
		if x.Start != y.Start {
			return x.Start - y.Start
		}
		return strings.Compare(x.ID, y.ID)
	}) {
		t.Fatalf("Claims not in (source, start, id) order: %v", claimIDs(all))
	}
	for _, c := range all {
		src := a
		if c.SourceID == b.ID {
			src = b
		}
		if src.Text[c.Start:c.End] != c.Evidence {
			t.Errorf("claim %s: evidence does not quote the stored source", c.ID)
		}
		if c.Source != src.Name {
			t.Errorf("claim %s: source name %q, want %q", c.ID, c.Source, src.Name)
		}
	}

	onlyB, err := st.Claims(ctx, store.ClaimFilter{SourceID: b.ID})
	must(t, err, "Claims of B")
	if !slices.Equal(claimIDs(onlyB), claimIDs(gb)) {
		t.Fatalf("Claims of B = %v, want %v", claimIDs(onlyB), claimIDs(gb))
	}
	flights, err := st.Claims(ctx, store.ClaimFilter{Action: claim.ActionFlights})
	must(t, err, "Claims by action")
	if len(flights) == 0 {
		t.Fatal("no flights claims in the seed case")
	}
	for _, c := range flights {
		if c.Action != claim.ActionFlights {
			t.Errorf("action filter returned %s (%s)", c.ID, c.Action)
		}
	}
	page, err := st.Claims(ctx, store.ClaimFilter{Page: store.Page{Limit: 3, Offset: 2}})
	must(t, err, "Claims page")
	if !slices.Equal(claimIDs(page), claimIDs(all[2:5])) {
		t.Fatalf("Claims page = %v, want %v", claimIDs(page), claimIDs(all[2:5]))
	}

	// One claim round-trips whole, structure included.
	want := ga[13] // 000-14: two quantities and a time range
	got, err := st.Claim(ctx, want.ID)
	must(t, err, "Claim")
	want.Source = seedA
	if wj, gj := mustJSON(t, want), mustJSON(t, *got); wj != gj {
		t.Fatalf("Claim(%s) did not round-trip:\n got %s\nwant %s", want.ID, gj, wj)
	}
	_, err = st.Claim(ctx, "no-such-claim")
	wantKind(t, err, errs.NotFound, "Claim of unknown id")

	// Provenance: a claim must quote its source, and belong to it.
	bad := ga[0]
	bad.Start++
	wantKind(t, st.ReplaceClaims(ctx, a.ID, []claim.Claim{bad}), errs.BadInput, "claim not quoting its source")
	wantKind(t, st.ReplaceClaims(ctx, a.ID, gb[:1]), errs.BadInput, "claim of another source")
	wantKind(t, st.ReplaceClaims(ctx, a.ID+b.ID+100, nil), errs.NotFound, "claims of an unknown source")
	if n, _ := st.Claims(ctx, store.ClaimFilter{SourceID: a.ID}); len(n) != len(ga) {
		t.Fatalf("failed ReplaceClaims changed the stored claims: %d, want %d", len(n), len(ga))
	}

	// Replacing with nothing removes a source's claims, not another's.
	must(t, st.ReplaceClaims(ctx, a.ID, nil), "replace A with nothing")
	all, _ = st.Claims(ctx, store.ClaimFilter{})
	if !slices.Equal(claimIDs(all), claimIDs(gb)) {
		t.Fatalf("after clearing A, Claims = %v", claimIDs(all))
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	must(t, err, "marshal")
	return string(b)
}

func testReplaceClaimsRollback(t *testing.T, st store.Store) {
	ctx := t.Context()
	a, b := addSeed(t, st, seedA), addSeed(t, st, seedB)
	ga, gb := gold(t, seedA, a.ID), gold(t, seedB, b.ID)
	must(t, st.ReplaceClaims(ctx, a.ID, ga), "replace A")
	must(t, st.ReplaceClaims(ctx, b.ID, gb), "replace B")
	// A new claim of A whose id is taken by a claim of B: the database
	// refuses it only after A's old claims were deleted in the same
	// transaction, which must therefore roll back.
	clash := ga[0]
	clash.ID = gb[0].ID
	err := st.ReplaceClaims(ctx, a.ID, []claim.Claim{ga[1], clash})
	if err == nil {
		t.Fatal("ReplaceClaims with an id of another source's claim succeeded")
	}
	got, err := st.Claims(ctx, store.ClaimFilter{SourceID: a.ID})
	must(t, err, "Claims")
	if !slices.Equal(claimIDs(got), claimIDs(ga)) {
		t.Fatalf("after a failed ReplaceClaims, A's claims = %v, want them unchanged", claimIDs(got))
	}
}

func testEditsSurvive(t *testing.T, st store.Store) {
	ctx := t.Context()
	a := addSeed(t, st, seedA)
	ga := gold(t, seedA, a.ID)
	must(t, st.ReplaceClaims(ctx, a.ID, ga), "replace")

	// An analyst corrects one claim and rejects another.
	edited, err := st.Claim(ctx, ga[10].ID) // 000-11, hedged suppress
	must(t, err, "load")
	edited.Modality = claim.Unverified
	edited.Actors = append(edited.Actors, claim.Actor{Name: "Iraqi militias"})
	before := time.Now().Add(-time.Minute)
	must(t, st.UpdateClaim(ctx, edited, "alice"), "edit")
	if edited.Version != 1 || !edited.Edited || edited.EditedBy != "alice" {
		t.Fatalf("after UpdateClaim: version %d edited %v by %q", edited.Version, edited.Edited, edited.EditedBy)
	}
	rejected, err := st.Claim(ctx, ga[2].ID)
	must(t, err, "load")
	rejected.Rejected = true
	must(t, st.UpdateClaim(ctx, rejected, "bob"), "reject")

	// Re-extraction: the gold minus one claim, plus a new one, with the
	// extractor's original view of the edited and rejected claims.
	next := slices.Clone(ga[:len(ga)-1])
	extra := ga[len(ga)-1]
	extra.ID = "000-new"
	next = append(next, extra)
	must(t, st.ReplaceClaims(ctx, a.ID, next), "re-extract")

	got, err := st.Claim(ctx, edited.ID)
	must(t, err, "reload edited")
	if got.Modality != claim.Unverified || len(got.Actors) != len(ga[10].Actors)+1 || !got.Edited || got.Version != 1 {
		t.Fatalf("the analyst's edit did not survive re-extraction: %+v", got)
	}
	visible, err := st.Claims(ctx, store.ClaimFilter{SourceID: a.ID})
	must(t, err, "Claims")
	ids := claimIDs(visible)
	if slices.Contains(ids, rejected.ID) {
		t.Errorf("rejected claim %s listed without IncludeRejected", rejected.ID)
	}
	if slices.Contains(ids, ga[len(ga)-1].ID) {
		t.Errorf("claim %s dropped by re-extraction is still listed", ga[len(ga)-1].ID)
	}
	if !slices.Contains(ids, "000-new") {
		t.Errorf("new claim missing after re-extraction")
	}
	withRejected, err := st.Claims(ctx, store.ClaimFilter{SourceID: a.ID, IncludeRejected: true})
	must(t, err, "Claims with rejected")
	if len(withRejected) != len(visible)+1 || !slices.Contains(claimIDs(withRejected), rejected.ID) {
		t.Errorf("IncludeRejected: %d claims, want %d with %s", len(withRejected), len(visible)+1, rejected.ID)
	}

	edits, err := st.Edits(ctx, edited.ID)
	must(t, err, "Edits")
	if len(edits) != 1 {
		t.Fatalf("Edits = %d, want 1", len(edits))
	}
	e := edits[0]
	if e.ClaimID != edited.ID || e.Version != 1 || e.By != "alice" || e.At.Before(before) || e.At.After(time.Now().Add(time.Minute)) {
		t.Fatalf("edit record %+v", e)
	}
	var was, is claim.Claim
	must(t, json.Unmarshal([]byte(e.Before), &was), "decode Before")
	must(t, json.Unmarshal([]byte(e.After), &is), "decode After")
	if was.Modality != claim.Hedged || is.Modality != claim.Unverified || is.EditedBy != "alice" {
		t.Fatalf("edit Before/After: %s → %s", was.Modality, is.Modality)
	}
	if none, err := st.Edits(ctx, ga[0].ID); err != nil || len(none) != 0 {
		t.Fatalf("Edits of an unedited claim = %v, %v", none, err)
	}

	// An edit must still quote the source.
	bad := *got
	bad.End = bad.Start
	wantKind(t, st.UpdateClaim(ctx, &bad, "alice"), errs.BadInput, "edit with an empty span")
	ghost := ga[0]
	ghost.ID = "no-such-claim"
	wantKind(t, st.UpdateClaim(ctx, &ghost, "alice"), errs.NotFound, "edit of an unknown claim")
}

func testVersionConflict(t *testing.T, st store.Store) {
	ctx := t.Context()
	a := addSeed(t, st, seedA)
	ga := gold(t, seedA, a.ID)
	must(t, st.ReplaceClaims(ctx, a.ID, ga), "replace")

	// Two analysts open the same claim; the first to save wins.
	alice, err := st.Claim(ctx, ga[5].ID)
	must(t, err, "alice loads")
	bob, err := st.Claim(ctx, ga[5].ID)
	must(t, err, "bob loads")
	alice.Modality = claim.Hedged
	must(t, st.UpdateClaim(ctx, alice, "alice"), "alice saves")
	bob.Modality = claim.Denied
	wantKind(t, st.UpdateClaim(ctx, bob, "bob"), errs.Conflict, "bob saves a stale version")
	got, _ := st.Claim(ctx, ga[5].ID)
	if got.Modality != claim.Hedged || got.Version != 1 {
		t.Fatalf("after the conflict: %s version %d, want alice's edit at version 1", got.Modality, got.Version)
	}
	// Bob reloads and tries again.
	bob, _ = st.Claim(ctx, ga[5].ID)
	bob.Modality = claim.Denied
	must(t, st.UpdateClaim(ctx, bob, "bob"), "bob saves after reloading")
	if bob.Version != 2 {
		t.Fatalf("version after two edits = %d", bob.Version)
	}

	// Many sessions racing on one version: exactly one wins.
	base, _ := st.Claim(ctx, ga[6].ID)
	const n = 8
	var wg sync.WaitGroup
	results := make([]error, n)
	for i := range n {
		wg.Go(func() {
			c := *base
			c.Modality = claim.Hedged
			results[i] = st.UpdateClaim(ctx, &c, fmt.Sprintf("analyst-%d", i))
		})
	}
	wg.Wait()
	wins := 0
	for _, err := range results {
		switch {
		case err == nil:
			wins++
		case !errs.Is(err, errs.Conflict):
			t.Errorf("racing edit: %v, want success or conflict", err)
		}
	}
	if wins != 1 {
		t.Fatalf("%d racing edits of one version succeeded, want exactly 1", wins)
	}
	if edits, _ := st.Edits(ctx, ga[6].ID); len(edits) != 1 {
		t.Fatalf("%d edits recorded for one winning edit", len(edits))
	}
}

func testEventsAndPins(t *testing.T, st store.Store) {
	ctx := t.Context()
	a := addSeed(t, st, seedA)
	ga := gold(t, seedA, a.ID)
	must(t, st.ReplaceClaims(ctx, a.ID, ga), "replace claims")
	evs := []claim.Event{
		{ID: "ev-2", Title: "Flights Najaf to Tehran", Action: claim.ActionFlights,
			Members: []claim.Member{{ClaimID: ga[13].ID, Reasons: []string{"action family flights"}}}},
		{ID: "ev-1", Title: "PMF enter Iran", Action: claim.ActionDeploy, From: "2026-01-04", EchoCount: 2, Independent: 1,
			Members: []claim.Member{{ClaimID: ga[0].ID, Reasons: []string{"actor Popular Mobilization Forces"}}, {ClaimID: ga[2].ID}},
			Figures: []claim.FigureSet{{Unit: "fighters", Low: 800, High: 5000, Conservative: 800, Median: 2000,
				Figures: []claim.Figure{{ClaimID: ga[5].ID, Quantity: claim.Quantity{Min: 2000, Max: 2000, Unit: "fighters", Kind: claim.QuantityCount}}}}}},
	}
	must(t, st.ReplaceFusion(ctx, store.Fusion{Events: evs}), "ReplaceFusion")
	got, err := st.Events(ctx)
	must(t, err, "Events")
	if len(got) != 2 || got[0].ID != "ev-1" || got[1].ID != "ev-2" {
		t.Fatalf("Events not by id: %+v", got)
	}
	if mustJSON(t, got[0]) != mustJSON(t, evs[1]) {
		t.Fatalf("event did not round-trip:\n got %s\nwant %s", mustJSON(t, got[0]), mustJSON(t, evs[1]))
	}
	one, err := st.Event(ctx, "ev-2")
	must(t, err, "Event")
	if one.Title != evs[0].Title {
		t.Fatalf("Event(ev-2) = %+v", one)
	}
	members, err := st.Claims(ctx, store.ClaimFilter{EventID: "ev-1"})
	must(t, err, "Claims of event")
	if !slices.Equal(claimIDs(members), []string{ga[0].ID, ga[2].ID}) {
		t.Fatalf("claims of ev-1 = %v", claimIDs(members))
	}
	if c, _ := st.Claim(ctx, ga[13].ID); c.EventID != "ev-2" {
		t.Fatalf("claim %s event %q, want ev-2", ga[13].ID, c.EventID)
	}

	// A new fusion run replaces everything.
	must(t, st.ReplaceFusion(ctx, store.Fusion{Events: []claim.Event{{ID: "ev-3", Members: []claim.Member{{ClaimID: ga[0].ID}}}}}), "ReplaceFusion again")
	_, err = st.Event(ctx, "ev-1")
	wantKind(t, err, errs.NotFound, "Event of a replaced event")
	if c, _ := st.Claim(ctx, ga[13].ID); c.EventID != "" {
		t.Fatalf("claim %s still in event %q after it was dropped", ga[13].ID, c.EventID)
	}
	if c, _ := st.Claim(ctx, ga[0].ID); c.EventID != "ev-3" {
		t.Fatalf("claim %s in event %q, want ev-3", ga[0].ID, c.EventID)
	}
	wantKind(t, st.ReplaceFusion(ctx, store.Fusion{Events: []claim.Event{{Title: "no id"}}}), errs.BadInput, "event without id")
	if evs, _ := st.Events(ctx); len(evs) != 1 {
		t.Fatalf("a failed ReplaceFusion changed the events: %d", len(evs))
	}

	// Pins: an analyst's moves, kept across re-extraction.
	must(t, st.PinClaim(ctx, ga[3].ID, "ev-3", "alice"), "pin")
	must(t, st.PinClaim(ctx, ga[4].ID, "ev-9", "alice"), "pin")
	must(t, st.PinClaim(ctx, ga[4].ID, "ev-3", "bob"), "re-pin")
	wantKind(t, st.PinClaim(ctx, "no-such-claim", "ev-3", "alice"), errs.NotFound, "pin of an unknown claim")
	must(t, st.ReplaceClaims(ctx, a.ID, ga), "re-extract")
	pins, err := st.Pins(ctx)
	must(t, err, "Pins")
	if want := map[string]string{ga[3].ID: "ev-3", ga[4].ID: "ev-3"}; !mapsEqual(pins, want) {
		t.Fatalf("Pins = %v, want %v", pins, want)
	}
	must(t, st.PinClaim(ctx, ga[3].ID, "", "alice"), "unpin")
	pins, _ = st.Pins(ctx)
	if want := map[string]string{ga[4].ID: "ev-3"}; !mapsEqual(pins, want) {
		t.Fatalf("after unpinning, Pins = %v, want %v", pins, want)
	}
}

// testMerges checks the analysts' merges of events and origins and the
// batch pin behind creating and splitting events: who and when are kept,
// cycles and unknown claims are refused whole, and each write marks the
// case for fusion.
func testMerges(t *testing.T, st store.Store) {
	ctx := t.Context()
	a := addSeed(t, st, seedA)
	ga := gold(t, seedA, a.ID)
	must(t, st.ReplaceClaims(ctx, a.ID, ga), "replace claims")

	before, err := st.FusionState(ctx)
	must(t, err, "FusionState")
	must(t, st.PinClaims(ctx, []string{ga[2].ID, ga[1].ID, ga[2].ID}, "ev-new", "alice"), "PinClaims")
	wantKind(t, st.PinClaims(ctx, []string{ga[3].ID, "no-such-claim"}, "ev-new", "alice"), errs.NotFound, "pin of an unknown claim")
	wantKind(t, st.PinClaims(ctx, nil, "ev-new", "alice"), errs.BadInput, "pin of no claims")
	pins, _ := st.Pins(ctx)
	if want := map[string]string{ga[1].ID: "ev-new", ga[2].ID: "ev-new"}; !mapsEqual(pins, want) {
		t.Fatalf("Pins = %v, want %v (a failed batch must pin nothing)", pins, want)
	}

	must(t, st.PutMerge(ctx, store.Merge{Kind: store.MergeEvent, From: "ev-b", Into: "ev-a", By: "alice"}), "merge b into a")
	must(t, st.PutMerge(ctx, store.Merge{Kind: store.MergeEvent, From: "ev-c", Into: "ev-b", By: "bob"}), "merge c into b")
	must(t, st.PutMerge(ctx, store.Merge{Kind: store.MergeOrigin, From: "unnamed:X/a source", Into: "unnamed:X/an official", By: "bob"}), "merge origins")
	wantKind(t, st.PutMerge(ctx, store.Merge{Kind: store.MergeEvent, From: "ev-a", Into: "ev-c", By: "bob"}), errs.BadInput, "a cycle of merges")
	wantKind(t, st.PutMerge(ctx, store.Merge{Kind: store.MergeEvent, From: "ev-a", Into: "ev-a", By: "bob"}), errs.BadInput, "a merge into itself")
	wantKind(t, st.PutMerge(ctx, store.Merge{Kind: "claim", From: "x", Into: "y", By: "bob"}), errs.BadInput, "an unknown kind")
	ms, err := st.Merges(ctx)
	must(t, err, "Merges")
	if len(ms) != 3 || ms[0].Kind != store.MergeEvent || ms[0].From != "ev-b" || ms[0].By != "alice" || ms[0].At.IsZero() ||
		ms[2].Kind != store.MergeOrigin || ms[2].Into != "unnamed:X/an official" {
		t.Fatalf("Merges = %+v", ms)
	}
	if into := store.MergeMap(ms, store.MergeEvent); !mapsEqual(into, map[string]string{"ev-b": "ev-a", "ev-c": "ev-a"}) {
		t.Fatalf("MergeMap = %v, want ev-c through ev-b to ev-a", into)
	}
	must(t, st.DeleteMerge(ctx, store.MergeEvent, "ev-c", "carol"), "unmerge")
	wantKind(t, st.DeleteMerge(ctx, store.MergeEvent, "ev-c", "carol"), errs.NotFound, "unmerge twice")
	if ms, _ := st.Merges(ctx); len(ms) != 2 {
		t.Fatalf("after unmerging, Merges = %+v", ms)
	}
	after, _ := st.FusionState(ctx)
	if after.Inputs <= before.Inputs {
		t.Fatalf("merges and pins did not mark the case for fusion: inputs %d → %d", before.Inputs, after.Inputs)
	}
	// Each change is in the audit trail with who made it, under its event.
	if j, ok := store.JudgementsOf(st); ok {
		var got []string
		for _, ev := range []string{"ev-new", "ev-a", "ev-b", ""} {
			es, err := j.Audit(ctx, ev)
			must(t, err, "Audit")
			for _, e := range es {
				if ev != "" || e.EventID == "" {
					got = append(got, e.Action+" "+e.By+" "+e.EventID)
				}
			}
		}
		want := []string{"pin-claims alice ev-new", "merge-event alice ev-a", "unmerge-event carol ev-b", "merge-event bob ev-b", "merge-origin bob "}
		for _, w := range want {
			if !slices.Contains(got, w) {
				t.Errorf("audit lacks %q: %q", w, got)
			}
		}
	}
}

func mapsEqual(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

func testAssessments(t *testing.T, st store.Store) {
	ctx := t.Context()
	as := []claim.Assessment{
		{EventID: "ev-2", Status: claim.StatusSingleSource, Probability: 0.4, Words: "roughly even chance", Band: "40-50%", Admiralty: "C3", STIXConfidence: 45},
		{EventID: "ev-1", Status: claim.StatusCorroborated, Probability: 0.7, Words: "likely", Band: "55-80%", Admiralty: "B2", STIXConfidence: 70,
			Reasons: []claim.Reason{{Text: "two independent origins", ClaimIDs: []string{"000-01", "003-22"}, Weight: 0.3}}},
	}
	must(t, st.ReplaceFusion(ctx, store.Fusion{Assessments: as}), "ReplaceFusion")
	got, err := st.Assessments(ctx)
	must(t, err, "Assessments")
	if len(got) != 2 || mustJSON(t, got[0]) != mustJSON(t, as[1]) || mustJSON(t, got[1]) != mustJSON(t, as[0]) {
		t.Fatalf("Assessments = %+v, want by event id", got)
	}
	must(t, st.ReplaceFusion(ctx, store.Fusion{Assessments: as[:1]}), "replace again")
	got, _ = st.Assessments(ctx)
	if len(got) != 1 || got[0].EventID != "ev-2" {
		t.Fatalf("after replacing, Assessments = %+v", got)
	}
	wantKind(t, st.ReplaceFusion(ctx, store.Fusion{Assessments: []claim.Assessment{as[0], as[0]}}), errs.BadInput, "two assessments of one event")
	if got, _ = st.Assessments(ctx); len(got) != 1 {
		t.Fatalf("a failed ReplaceFusion changed them: %d", len(got))
	}
	must(t, st.ReplaceFusion(ctx, store.Fusion{}), "clear")
	if got, _ = st.Assessments(ctx); len(got) != 0 {
		t.Fatalf("after clearing, %d assessments", len(got))
	}
}

func testSignals(t *testing.T, st store.Store) {
	ctx := t.Context()
	created := time.Date(2026, 1, 20, 8, 0, 0, 0, time.UTC)
	ss := []claim.Signal{
		{ID: "sig-b", Kind: "calendar", Subject: "2026-01-08", Verdict: claim.Untestable, Summary: "no holiday", Created: created},
		{ID: "sig-a", Kind: "flight-surge", ClaimID: "000-14", Subject: "route NJF-IKA", From: "2026-01-07", To: "2026-01-08",
			Verdict: claim.Supported, PValue: 0.003, Summary: "7 flights/day against a baseline of 2",
			Details: map[string]any{"baseline": 2.0, "observed": []any{7.0, 6.0}}, Created: created},
	}
	must(t, st.PutSignals(ctx, ss), "PutSignals")
	got, err := st.Signals(ctx)
	must(t, err, "Signals")
	if len(got) != 2 || mustJSON(t, got[0]) != mustJSON(t, ss[1]) || mustJSON(t, got[1]) != mustJSON(t, ss[0]) {
		t.Fatalf("Signals did not round-trip by id:\n got %s\nwant %s", mustJSON(t, got), mustJSON(t, []claim.Signal{ss[1], ss[0]}))
	}
	up := ss[1]
	up.Verdict, up.PValue = claim.Contradicted, 0.9
	must(t, st.PutSignals(ctx, []claim.Signal{up, {ID: "sig-c", Kind: "calendar", Verdict: claim.Untestable}}), "upsert")
	got, _ = st.Signals(ctx)
	if len(got) != 3 || got[0].Verdict != claim.Contradicted || got[1].ID != "sig-b" || got[2].ID != "sig-c" {
		t.Fatalf("after upsert, Signals = %+v", got)
	}
	wantKind(t, st.PutSignals(ctx, []claim.Signal{{Kind: "x"}}), errs.BadInput, "signal without id")
}

// day is midnight UTC of a YYYY-MM-DD.
func day(t *testing.T, s string) time.Time {
	t.Helper()
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// route builds n consecutive days from first with count(i) flights and
// missing(i) marking gaps.
func route(t *testing.T, o, d, first string, n int, count func(i int) int, missing func(i int) bool) series.Series {
	s := series.Series{Route: series.Route{Origin: o, Dest: d}}
	f := day(t, first)
	for i := range n {
		dd := series.Day{Date: f.AddDate(0, 0, i)}
		if missing != nil && missing(i) {
			dd.Missing = true
		} else {
			dd.Count = count(i)
		}
		s.Days = append(s.Days, dd)
	}
	return s
}

func testSeries(t *testing.T, st store.Store) {
	ctx := t.Context()
	ss := []series.Series{
		route(t, "NJF", "IKA", "2026-01-01", 20, func(i int) int { return i + 1 }, nil),
		route(t, "NJF", "MHD", "2026-01-01", 20, func(i int) int { return 2 * (i + 1) }, nil),
		route(t, "BGW", "IKA", "2026-01-01", 20, func(int) int { return 0 }, func(i int) bool { return i+1 >= 8 && i+1 <= 13 }),
		// A busy route: counts past one varint byte, a long span.
		route(t, "ATL", "ORD", "2001-01-01", 400, func(i int) int { return 100 + i*i }, func(i int) bool { return i == 181 }),
	}
	must(t, st.PutSeries(ctx, "fr24", ss), "PutSeries")
	must(t, st.PutSeries(ctx, "adsb", ss[:1]), "PutSeries other dataset")

	got, err := st.Series(ctx, store.SeriesFilter{Dataset: "fr24", Origin: "NJF", Dest: "IKA", From: day(t, "2026-01-05"), To: day(t, "2026-01-07")})
	must(t, err, "Series")
	if len(got) != 1 || !slices.Equal(got[0].Days, ss[0].Days[4:7]) || got[0].Route != ss[0].Route {
		t.Fatalf("Series(NJF-IKA 5..7) = %+v, want %+v", got, ss[0].Days[4:7])
	}
	bgw, err := st.Series(ctx, store.SeriesFilter{Dataset: "fr24", Origin: "BGW"})
	must(t, err, "Series BGW")
	if len(bgw) != 1 || !slices.Equal(bgw[0].Days, ss[2].Days) {
		t.Fatalf("BGW = %+v", bgw)
	}
	if sum := bgw[0].Summarise(); sum.Missing != 6 || sum.Covered != 14 {
		t.Fatalf("BGW summary %+v, want 6 missing and 14 covered (zeros)", sum)
	}
	all, err := st.Series(ctx, store.SeriesFilter{Dataset: "fr24"})
	must(t, err, "Series all")
	if len(all) != len(ss) || !slices.IsSortedFunc(all, func(a, b series.Series) int {
		return strings.Compare(a.Origin+"-"+a.Dest, b.Origin+"-"+b.Dest)
	}) {
		t.Fatalf("Series(fr24) = %d series, sorted by route? want %d", len(all), len(ss))
	}
	for _, g := range all {
		for _, w := range ss {
			if g.Route == w.Route && !slices.Equal(g.Days, w.Days) {
				t.Errorf("%s did not round-trip", g.Route)
			}
		}
	}
	dest, _ := st.Series(ctx, store.SeriesFilter{Dataset: "fr24", Dest: "IKA"})
	if len(dest) != 2 {
		t.Fatalf("Series(fr24 dest IKA) = %d series, want 2", len(dest))
	}
	if other, _ := st.Series(ctx, store.SeriesFilter{Dataset: "adsb", Origin: "NJF", Dest: "IKA", From: day(t, "2026-01-01"), To: day(t, "2026-01-01")}); len(other) != 1 || len(other[0].Days) != 1 {
		t.Fatalf("adsb NJF-IKA on one day = %+v", other)
	}
	if none, _ := st.Series(ctx, store.SeriesFilter{Dataset: "fr24", Origin: "NJF", From: day(t, "2027-01-01")}); len(none) != 0 {
		t.Fatalf("a window after the data gives %d series", len(none))
	}
	_, err = st.Series(ctx, store.SeriesFilter{Origin: "NJF"})
	wantKind(t, err, errs.BadInput, "Series without a dataset")
	ds, err := st.Datasets(ctx)
	must(t, err, "Datasets")
	if !slices.Equal(ds, []string{"adsb", "fr24"}) {
		t.Fatalf("Datasets = %v", ds)
	}

	// Replacing a dataset drops its old series and leaves the others.
	must(t, st.PutSeries(ctx, "fr24", ss[1:2]), "replace fr24")
	if all, _ = st.Series(ctx, store.SeriesFilter{Dataset: "fr24"}); len(all) != 1 {
		t.Fatalf("after replacing, fr24 has %d series, want 1", len(all))
	}
	if other, _ := st.Series(ctx, store.SeriesFilter{Dataset: "adsb"}); len(other) != 1 {
		t.Fatalf("replacing fr24 changed adsb: %d series", len(other))
	}

	// Bad series store nothing.
	gappy := route(t, "NJF", "IKA", "2026-01-01", 3, func(int) int { return 1 }, nil)
	gappy.Days[2].Date = day(t, "2026-01-05")
	negative := route(t, "NJF", "IKA", "2026-01-01", 2, func(i int) int { return -i }, nil)
	counted := route(t, "NJF", "IKA", "2026-01-01", 2, func(int) int { return 3 }, nil)
	counted.Days[1].Missing = true
	for name, bad := range map[string][]series.Series{
		"a route twice":         {ss[0], ss[1], ss[0]},
		"a day skipped":         {gappy},
		"a negative count":      {negative},
		"a missing day counted": {counted},
		"no origin":             {route(t, "", "IKA", "2026-01-01", 1, func(int) int { return 1 }, nil)},
		"no days":               {{Route: series.Route{Origin: "NJF", Dest: "IKA"}}},
	} {
		wantKind(t, st.PutSeries(ctx, "fr24", bad), errs.BadInput, "PutSeries with "+name)
	}
	if all, _ = st.Series(ctx, store.SeriesFilter{Dataset: "fr24"}); len(all) != 1 || all[0].Route != ss[1].Route {
		t.Fatalf("a failed PutSeries changed fr24: %+v", all)
	}
	must(t, st.PutSeries(ctx, "fr24", nil), "clear fr24")
	if ds, _ = st.Datasets(ctx); !slices.Equal(ds, []string{"adsb"}) {
		t.Fatalf("after clearing fr24, Datasets = %v", ds)
	}
}

func testUsers(t *testing.T, st store.Store) {
	ctx := t.Context()
	acc := accounts(t, st)
	created := time.Date(2026, 1, 2, 3, 4, 5, 6, time.UTC)
	must(t, acc.AddUser(ctx, store.User{Name: "zoe", PasswordHash: "$2a$hash-z", Role: store.Viewer, Created: created}), "add zoe")
	must(t, acc.AddUser(ctx, store.User{Name: "alice", PasswordHash: "$2a$hash-a", Role: store.Admin}), "add alice")
	wantKind(t, acc.AddUser(ctx, store.User{Name: "alice", PasswordHash: "other", Role: store.Viewer}), errs.Duplicate, "add alice twice")
	wantKind(t, acc.AddUser(ctx, store.User{Name: "eve", PasswordHash: "h", Role: "root"}), errs.BadInput, "unknown role")
	wantKind(t, acc.AddUser(ctx, store.User{Name: "", PasswordHash: "h", Role: store.Viewer}), errs.BadInput, "no name")

	u, err := acc.User(ctx, "zoe")
	must(t, err, "User")
	if u.Name != "zoe" || u.PasswordHash != "$2a$hash-z" || u.Role != store.Viewer || !u.Created.Equal(created) {
		t.Fatalf("User(zoe) = %+v", u)
	}
	a, _ := acc.User(ctx, "alice")
	if a.PasswordHash != "$2a$hash-a" || a.Role != store.Admin || a.Created.IsZero() {
		t.Fatalf("User(alice) = %+v: the duplicate must not overwrite it", a)
	}
	_, err = acc.User(ctx, "nobody")
	wantKind(t, err, errs.NotFound, "unknown user")
	us, err := acc.Users(ctx)
	must(t, err, "Users")
	if len(us) != 2 || us[0].Name != "alice" || us[1].Name != "zoe" {
		t.Fatalf("Users = %+v", us)
	}
}

func accounts(t *testing.T, st store.Store) store.Accounts {
	t.Helper()
	acc, ok := store.AccountsOf(st)
	if !ok {
		t.Fatalf("%T does not implement store.Accounts", st)
	}
	return acc
}

func testSessions(t *testing.T, st store.Store) {
	ctx := t.Context()
	acc := accounts(t, st)
	must(t, acc.AddUser(ctx, store.User{Name: "alice", PasswordHash: "h", Role: store.Analyst}), "add user")
	live := store.Session{Token: "tok-live", User: "alice", CSRF: "csrf-1", Expires: time.Now().Add(time.Hour)}
	old := store.Session{Token: "tok-old", User: "alice", CSRF: "csrf-2", Expires: time.Now().Add(-time.Second)}
	must(t, acc.PutSession(ctx, live), "put live")
	must(t, acc.PutSession(ctx, old), "put expired")
	got, err := acc.Session(ctx, "tok-live")
	must(t, err, "Session")
	if got.User != "alice" || got.CSRF != "csrf-1" || !got.Expires.Equal(live.Expires) {
		t.Fatalf("Session = %+v, want %+v", got, live)
	}
	_, err = acc.Session(ctx, "tok-old")
	wantKind(t, err, errs.NotFound, "expired session")
	_, err = acc.Session(ctx, "tok-none")
	wantKind(t, err, errs.NotFound, "absent session")

	// Renewing replaces the session.
	live.Expires = time.Now().Add(2 * time.Hour)
	live.CSRF = "csrf-3"
	must(t, acc.PutSession(ctx, live), "renew")
	if got, _ = acc.Session(ctx, "tok-live"); got == nil || got.CSRF != "csrf-3" {
		t.Fatalf("renewed session = %+v", got)
	}
	must(t, acc.DeleteSession(ctx, "tok-live"), "delete")
	_, err = acc.Session(ctx, "tok-live")
	wantKind(t, err, errs.NotFound, "deleted session")
	must(t, acc.DeleteSession(ctx, "tok-live"), "delete again")
	wantKind(t, acc.PutSession(ctx, store.Session{Token: "t", User: "ghost", Expires: time.Now().Add(time.Hour)}),
		errs.NotFound, "session of an unknown user")
}

func testTokens(t *testing.T, st store.Store) {
	ctx := t.Context()
	acc := accounts(t, st)
	must(t, acc.AddUser(ctx, store.User{Name: "bot", PasswordHash: "h", Role: store.Analyst}), "add user")
	sum := sha256.Sum256([]byte("secret token"))
	tok := store.APIToken{Hash: hex.EncodeToString(sum[:]), User: "bot", Name: "nightly ingest", Created: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	must(t, acc.PutToken(ctx, tok), "PutToken")
	got, err := acc.Token(ctx, tok.Hash)
	must(t, err, "Token")
	if got.User != "bot" || got.Name != "nightly ingest" || !got.Created.Equal(tok.Created) {
		t.Fatalf("Token = %+v", got)
	}
	_, err = acc.Token(ctx, "0000")
	wantKind(t, err, errs.NotFound, "unknown token")
	wantKind(t, acc.PutToken(ctx, store.APIToken{Hash: "ff", User: "ghost"}), errs.NotFound, "token of an unknown user")
}

func testWatches(t *testing.T, st store.Store) {
	ctx := t.Context()
	acc := accounts(t, st)
	polled := time.Date(2026, 1, 14, 12, 0, 0, 0, time.UTC)
	ws := []store.Watch{
		{URL: "https://example.org/feed.xml", ETag: `"abc"`, LastModified: "Wed, 14 Jan 2026 11:00:00 GMT", LastPolled: polled, NextPoll: polled.Add(time.Hour)},
		{URL: "https://example.com/rss", Failures: 3, NextPoll: polled.Add(8 * time.Hour)},
	}
	for _, w := range ws {
		must(t, acc.PutWatch(ctx, w), "PutWatch")
	}
	got, err := acc.Watches(ctx)
	must(t, err, "Watches")
	if len(got) != 2 || got[0].URL != ws[1].URL || got[1].URL != ws[0].URL {
		t.Fatalf("Watches = %+v, want by URL", got)
	}
	w := got[1]
	if w.ETag != ws[0].ETag || w.LastModified != ws[0].LastModified || !w.LastPolled.Equal(polled) || !w.NextPoll.Equal(ws[0].NextPoll) {
		t.Fatalf("watch did not round-trip: %+v", w)
	}
	if !got[0].LastPolled.IsZero() || got[0].Failures != 3 {
		t.Fatalf("never-polled watch = %+v", got[0])
	}
	// Upsert by URL: a successful poll resets the failures.
	up := got[0]
	up.Failures, up.LastPolled, up.ETag = 0, polled, `"new"`
	must(t, acc.PutWatch(ctx, up), "update")
	got, _ = acc.Watches(ctx)
	if len(got) != 2 || got[0].Failures != 0 || got[0].ETag != `"new"` {
		t.Fatalf("after update, Watches = %+v", got)
	}
	wantKind(t, acc.PutWatch(ctx, store.Watch{}), errs.BadInput, "watch without URL")
	must(t, acc.DeleteWatch(ctx, ws[1].URL), "DeleteWatch")
	if got, _ = acc.Watches(ctx); len(got) != 1 || got[0].URL != ws[0].URL {
		t.Fatalf("after delete, Watches = %+v", got)
	}
	wantKind(t, acc.DeleteWatch(ctx, ws[1].URL), errs.NotFound, "deleting an absent watch")
}

func testSeen(t *testing.T, st store.Store) {
	ctx := t.Context()
	acc := accounts(t, st)
	at, err := acc.Seen(ctx, "alice")
	must(t, err, "Seen never")
	if !at.IsZero() {
		t.Fatalf("Seen of a user who never looked = %v, want zero", at)
	}
	first := time.Date(2026, 1, 15, 10, 0, 0, 500, time.FixedZone("IRST", 12600))
	must(t, acc.SetSeen(ctx, "alice", first), "SetSeen")
	if at, _ = acc.Seen(ctx, "alice"); !at.Equal(first) {
		t.Fatalf("Seen = %v, want %v", at, first)
	}
	second := first.Add(time.Hour)
	must(t, acc.SetSeen(ctx, "alice", second), "SetSeen again")
	if at, _ = acc.Seen(ctx, "alice"); !at.Equal(second) {
		t.Fatalf("Seen = %v, want %v", at, second)
	}
}

// testConcurrentWriters runs several goroutines writing at once, as the
// server's handlers and a background poller do: none may fail.
func testConcurrentWriters(t *testing.T, st store.Store) {
	ctx := t.Context()
	acc := accounts(t, st)
	const workers, rounds = 6, 8
	var wg sync.WaitGroup
	errc := make(chan error, workers*rounds*6)
	for w := range workers {
		wg.Go(func() {
			for r := range rounds {
				n := 1 + w*rounds + r
				src := synthetic(n)
				if _, _, err := st.AddSource(ctx, src); err != nil {
					errc <- fmt.Errorf("AddSource %d: %w", n, err)
					continue
				}
				// All workers also add one same source: one stores it, the
				// others find it.
				if _, _, err := st.AddSource(ctx, synthetic(0)); err != nil {
					errc <- fmt.Errorf("AddSource shared: %w", err)
				}
				text := src.Text
				start := strings.Index(text, "forces")
				c := claim.Claim{ID: fmt.Sprintf("c-%d", n), Start: start, End: start + len("forces crossed"),
					Evidence: "forces crossed", Action: claim.ActionDeploy, Modality: claim.Asserted}
				if err := st.ReplaceClaims(ctx, src.ID, []claim.Claim{c}); err != nil {
					errc <- fmt.Errorf("ReplaceClaims %d: %w", n, err)
				}
				if err := st.PutSignals(ctx, []claim.Signal{{ID: fmt.Sprintf("s-%d", n), Kind: "calendar", Verdict: claim.Untestable}}); err != nil {
					errc <- fmt.Errorf("PutSignals %d: %w", n, err)
				}
				if err := acc.SetSeen(ctx, fmt.Sprintf("user-%d", w), time.Now()); err != nil {
					errc <- fmt.Errorf("set seen: %w", err)
				}
				if _, err := st.Claims(ctx, store.ClaimFilter{}); err != nil {
					errc <- fmt.Errorf("list claims: %w", err)
				}
			}
		})
	}
	wg.Wait()
	close(errc)
	for err := range errc {
		t.Error(err)
	}
	if n, _ := st.CountSources(ctx); n != workers*rounds+1 {
		t.Errorf("CountSources = %d, want %d", n, workers*rounds+1)
	}
	if cs, _ := st.Claims(ctx, store.ClaimFilter{}); len(cs) != workers*rounds {
		t.Errorf("Claims = %d, want %d", len(cs), workers*rounds)
	}
	if ss, _ := st.Signals(ctx); len(ss) != workers*rounds {
		t.Errorf("Signals = %d, want %d", len(ss), workers*rounds)
	}
}

// testRevision: every write to the case moves the revision, reads and
// account writes do not, and a write that fails leaves it where it was.
func testRevision(t *testing.T, st store.Store) {
	ctx := t.Context()
	rev := func() int64 {
		t.Helper()
		n, err := st.Revision(ctx)
		must(t, err, "Revision")
		return n
	}
	r0 := rev()
	moved := func(what string, before int64) int64 {
		t.Helper()
		r := rev()
		if r <= before {
			t.Errorf("%s did not move the revision (%d → %d)", what, before, r)
		}
		return r
	}
	a := addSeed(t, st, seedA)
	r1 := moved("AddSource", r0)
	ga := gold(t, seedA, a.ID)
	must(t, st.ReplaceClaims(ctx, a.ID, ga), "ReplaceClaims")
	r2 := moved("ReplaceClaims", r1)
	must(t, st.ReplaceFusion(ctx, store.Fusion{Events: []claim.Event{{ID: "ev-1", Title: "t", Action: claim.ActionDeploy, Members: []claim.Member{{ClaimID: ga[0].ID}}}}}), "ReplaceFusion")
	r3 := moved("ReplaceFusion", r2)
	must(t, st.PutSignals(ctx, []claim.Signal{{ID: "sig-1", Kind: "calendar", Subject: "x", Verdict: claim.Untestable, Summary: "s", Created: time.Unix(0, 0).UTC()}}), "PutSignals")
	r4 := moved("PutSignals", r3)
	must(t, st.PutSeries(ctx, "ds", []series.Series{route(t, "NJF", "THR", "2026-01-07", 1, func(int) int { return 15 }, nil)}), "PutSeries")
	r5 := moved("PutSeries", r4)

	// Reads leave it alone.
	_, _ = st.Claims(ctx, store.ClaimFilter{})
	_, _ = st.Events(ctx)
	_, _ = st.Sources(ctx, store.Page{})
	if r := rev(); r != r5 {
		t.Errorf("reads moved the revision %d → %d", r5, r)
	}
	// A failed write leaves it alone too: its transaction rolled back.
	clash := ga[0]
	b := addSeed(t, st, seedB)
	r6 := moved("second AddSource", r5)
	clash.SourceID = b.ID
	if err := st.ReplaceClaims(ctx, b.ID, []claim.Claim{clash}); err == nil {
		t.Fatal("ReplaceClaims with another source's claim id succeeded")
	}
	if r := rev(); r != r6 {
		t.Errorf("a failed write moved the revision %d → %d", r6, r)
	}
	// Account writes are not case writes.
	if acc, ok := store.AccountsOf(st); ok {
		must(t, acc.SetSeen(ctx, "alice", time.Unix(0, 0).UTC()), "SetSeen")
		if r := rev(); r != r6 {
			t.Errorf("SetSeen moved the case revision %d → %d", r6, r)
		}
	}
}

// testFusionOneWrite: events and assessments are one write; an assessment
// that cannot be stored leaves the previous run's events too.
func testFusionOneWrite(t *testing.T, st store.Store) {
	ctx := t.Context()
	a := addSeed(t, st, seedA)
	ga := gold(t, seedA, a.ID)
	must(t, st.ReplaceClaims(ctx, a.ID, ga), "replace claims")
	first := store.Fusion{
		Events:      []claim.Event{{ID: "ev-1", Title: "first", Members: []claim.Member{{ClaimID: ga[0].ID}}}},
		Assessments: []claim.Assessment{{EventID: "ev-1", Status: claim.StatusSingleSource, Words: "likely"}},
	}
	must(t, st.ReplaceFusion(ctx, first), "first run")
	bad := store.Fusion{
		Events:      []claim.Event{{ID: "ev-2", Title: "second", Members: []claim.Member{{ClaimID: ga[1].ID}}}},
		Assessments: []claim.Assessment{{EventID: "ev-2"}, {EventID: "ev-2"}},
	}
	wantKind(t, st.ReplaceFusion(ctx, bad), errs.BadInput, "two assessments of one event")
	evs, err := st.Events(ctx)
	must(t, err, "Events")
	if len(evs) != 1 || evs[0].ID != "ev-1" {
		t.Fatalf("a failed run changed the events: %+v", evs)
	}
	if c, _ := st.Claim(ctx, ga[1].ID); c.EventID != "" {
		t.Fatalf("a failed run moved claim %s into %q", ga[1].ID, c.EventID)
	}
	as, _ := st.Assessments(ctx)
	if len(as) != 1 || as[0].EventID != "ev-1" {
		t.Fatalf("a failed run changed the assessments: %+v", as)
	}
}

// bigEvent is a synthetic event of a relayed story: n members from n/2
// sources, each naming the same place and giving a figure and a time, one
// origin carried by every source, and a contradiction per hundred claims.
// Stored as one document it would hold well over ten megabytes.
func bigEvent(id string, n int) (claim.Event, claim.Assessment) {
	ev := claim.Event{ID: id, Title: "a story relayed by every outlet", Action: claim.Action("deploy"), EchoCount: n / 2, Independent: 1, Documents: n / 2}
	fig := claim.FigureSet{Unit: "fighters", Low: 100, High: 100 + float64(n), Conservative: 100, Median: 500, Why: "the sources differ"}
	place := claim.EventPlace{Name: "Tal Afar", Kind: claim.PlaceKind("city"), Roles: []claim.PlaceRole{claim.PlaceRole("target")}}
	origin := claim.Origin{Key: "who:ministry", Who: "the ministry", Kind: claim.SourceKind("official"), Speakers: 1, Stance: claim.StanceSupports}
	as := claim.Assessment{EventID: id, Status: claim.StatusCorroborated, Words: "likely", Probability: 0.7}
	for i := range n {
		cid := fmt.Sprintf("%06d-%02d", i/2, i%2)
		src := fmt.Sprintf("src-%06d.txt", i/2)
		ev.Members = append(ev.Members, claim.Member{ClaimID: cid, Reasons: []string{"action family deploy", "place Tal Afar", fmt.Sprintf("actor unit %d", i%40)}})
		m := claim.Mention{ClaimID: cid, Source: src, Origin: "the ministry", Span: claim.Span{Start: 10 * i, End: 10*i + 40}}
		place.Mentions = append(place.Mentions, m)
		ev.Times = append(ev.Times, claim.TimeMention{Precision: claim.TimePrecision("day"), Mention: m})
		fig.Figures = append(fig.Figures, claim.Figure{ClaimID: cid, Source: src, Origin: "the ministry", OriginKey: origin.Key,
			Quantity: claim.Quantity{Min: float64(100 + i), Max: float64(100 + i), Unit: "fighters", Kind: claim.QuantityCount}})
		origin.Claims = append(origin.Claims, cid)
		if i%2 == 0 {
			origin.Carriers = append(origin.Carriers, src)
		}
		if i%100 == 99 {
			ev.Contradictions = append(ev.Contradictions, claim.Contradiction{Field: "quantity", A: cid, B: fmt.Sprintf("%06d-00", 0),
				Explain: fmt.Sprintf("%d fighters against 100", 100+i)})
		}
		as.Claims = append(as.Claims, claim.ClaimGrade{ClaimID: cid})
	}
	ev.Figures, ev.Places, ev.Origins = []claim.FigureSet{fig}, []claim.EventPlace{place}, []claim.Origin{origin}
	as.Reasons = []claim.Reason{{Text: "one origin relayed by every outlet", ClaimIDs: origin.Claims[:50], Weight: 0.1}}
	return ev, as
}

// testLargeEvent: an event of many thousand members is stored and read
// back whole, and a run that fails after it leaves it in place.
func testLargeEvent(t *testing.T, st store.Store) {
	ctx := t.Context()
	big, bigAs := bigEvent("ev-big", 20000)
	small := claim.Event{ID: "ev-small", Title: "small", Members: []claim.Member{}}
	f := store.Fusion{Events: []claim.Event{small, big}, Assessments: []claim.Assessment{bigAs}}
	want := mustJSON(t, big)
	must(t, st.ReplaceFusion(ctx, f), "ReplaceFusion of a large event")
	if mustJSON(t, f.Events[1]) != want {
		t.Fatal("ReplaceFusion changed the caller's event")
	}
	check := func(when string) {
		t.Helper()
		evs, err := st.Events(ctx)
		must(t, err, "Events")
		if len(evs) != 2 || evs[0].ID != "ev-big" || evs[1].ID != "ev-small" {
			t.Fatalf("%s: Events = %d events", when, len(evs))
		}
		if got := mustJSON(t, evs[0]); got != want {
			t.Fatalf("%s: the large event did not round-trip (%d bytes read, %d stored)", when, len(got), len(want))
		}
		if evs[1].Members == nil || len(evs[1].Members) != 0 {
			t.Fatalf("%s: an empty member list read back as %#v", when, evs[1].Members)
		}
		one, err := st.Event(ctx, "ev-big")
		must(t, err, "Event")
		if got := mustJSON(t, one); got != want {
			t.Fatalf("%s: Event(ev-big) did not round-trip", when)
		}
		as, err := st.Assessments(ctx)
		must(t, err, "Assessments")
		if len(as) != 1 || mustJSON(t, as[0]) != mustJSON(t, bigAs) {
			t.Fatalf("%s: the large assessment did not round-trip", when)
		}
	}
	check("stored")
	// A later run that fails (here on a repeated event id, after the large
	// event's parts were written) leaves the stored run whole.
	again, _ := bigEvent("ev-again", 5000)
	wantKind(t, st.ReplaceFusion(ctx, store.Fusion{Events: []claim.Event{again, again}}), errs.BadInput, "two events with one id")
	check("after a failed run")
	must(t, st.ReplaceFusion(ctx, store.Fusion{Events: []claim.Event{small}}), "replace with a small run")
	evs, _ := st.Events(ctx)
	if len(evs) != 1 || evs[0].ID != "ev-small" {
		t.Fatalf("the large event outlived the next run: %d events", len(evs))
	}
	if _, err := st.Event(ctx, "ev-big"); !errs.Is(err, errs.NotFound) {
		t.Fatalf("Event(ev-big) after it was replaced: %v", err)
	}
}

// testIncrementalWrite: a run written incrementally (only the events and
// assessments whose stored bytes change) leaves the store as a full
// rewrite of the same run does, whatever changed: a large event's parts,
// an event gone, one new, one unchanged, an assessment changed.
func testIncrementalWrite(t *testing.T, st store.Store) {
	ctx := t.Context()
	snapshot := func() string {
		t.Helper()
		evs, err := st.Events(ctx)
		must(t, err, "Events")
		as, err := st.Assessments(ctx)
		must(t, err, "Assessments")
		return mustJSON(t, evs) + mustJSON(t, as)
	}
	big, bigAs := bigEvent("ev-big", 3000)
	mid, midAs := bigEvent("ev-mid", 40)
	small := claim.Event{ID: "ev-small", Title: "small", Members: []claim.Member{}}
	runs := [][]claim.Event{{big, mid, small}}
	asOf := [][]claim.Assessment{{bigAs, midAs}}
	// The big event loses a member in the middle of a part and gains a
	// figure; the small one is gone and a new one comes.
	big2, bigAs2 := bigEvent("ev-big", 3000)
	big2.Members = slices.Delete(big2.Members, 1500, 1501)
	big2.Figures[0].Figures = append(big2.Figures[0].Figures, claim.Figure{ClaimID: "new-00", Source: "src-new.txt"})
	bigAs2.Words = "very likely"
	other := claim.Event{ID: "ev-other", Title: "other", Members: []claim.Member{{ClaimID: "x-00"}}}
	runs = append(runs, []claim.Event{big2, mid, other}, []claim.Event{big2, mid, other}, []claim.Event{mid})
	asOf = append(asOf, []claim.Assessment{bigAs2, midAs}, []claim.Assessment{bigAs2, midAs}, []claim.Assessment{midAs})
	for i := range runs {
		must(t, st.ReplaceFusion(ctx, store.Fusion{Events: runs[i], Assessments: asOf[i]}), "incremental run")
		got := snapshot()
		must(t, st.ReplaceFusion(ctx, store.Fusion{Events: runs[i], Assessments: asOf[i], Full: true}), "full run")
		if want := snapshot(); got != want {
			t.Fatalf("run %d: the incremental write stored %d bytes unlike the full one's %d", i, len(got), len(want))
		}
	}
}

// testFusionState: writes to what fusion reads make the events stale; a
// run marked with the inputs it read makes them current again.
func testFusionState(t *testing.T, st store.Store) {
	ctx := t.Context()
	state := func() store.FusionState {
		t.Helper()
		fs, err := st.FusionState(ctx)
		must(t, err, "FusionState")
		return fs
	}
	if state().Stale() {
		t.Fatal("an empty case is stale")
	}
	a := addSeed(t, st, seedA)
	if state().Stale() {
		t.Fatal("adding a source (no claims yet) made the events stale")
	}
	ga := gold(t, seedA, a.ID)
	must(t, st.ReplaceClaims(ctx, a.ID, ga), "replace claims")
	fs := state()
	if !fs.Stale() {
		t.Fatal("new claims did not make the events stale")
	}
	must(t, st.ReplaceFusion(ctx, store.Fusion{Events: []claim.Event{{ID: "ev-1", Members: []claim.Member{{ClaimID: ga[0].ID}}}}, Inputs: fs.Inputs}), "fuse")
	if state().Stale() {
		t.Fatal("stale right after fusion")
	}
	// A run computed from older inputs (another process fusing at once)
	// does not replace the newer stored one.
	must(t, st.ReplaceFusion(ctx, store.Fusion{Events: []claim.Event{{ID: "ev-old"}}, Inputs: fs.Inputs - 1}), "stale fuse")
	if evs, err := st.Events(ctx); err != nil || len(evs) != 1 || evs[0].ID != "ev-1" || state().Stale() {
		t.Fatalf("an older run replaced the stored one: %v (%v), %+v", evs, err, state())
	}
	for _, w := range []struct {
		what string
		do   func() error
	}{
		{"PinClaim", func() error { return st.PinClaim(ctx, ga[1].ID, "ev-1", "alice") }},
		{"UpdateClaim", func() error {
			c, err := st.Claim(ctx, ga[2].ID)
			if err != nil {
				return err
			}
			c.Rejected = true
			return st.UpdateClaim(ctx, c, "alice")
		}},
		{"PutSignals", func() error {
			return st.PutSignals(ctx, []claim.Signal{{ID: "sig-1", Kind: "calendar", Subject: "x", Verdict: claim.Untestable, Summary: "s", Created: time.Unix(0, 0).UTC()}})
		}},
		{"PutSettings", func() error {
			cur, err := st.Settings(ctx)
			if err != nil {
				return err
			}
			cur.Organisation = "Desk " + fmt.Sprint(cur.Version)
			return st.PutSettings(ctx, &cur)
		}},
	} {
		fs := state()
		must(t, w.do(), w.what)
		after := state()
		if !after.Stale() {
			t.Errorf("%s did not make the events stale", w.what)
		}
		must(t, st.ReplaceFusion(ctx, store.Fusion{Inputs: after.Inputs}), "fuse after "+w.what)
		_ = fs
	}
	// A run marked with inputs read before a later write stays stale.
	before := state()
	must(t, st.ReplaceClaims(ctx, a.ID, ga), "re-extract")
	must(t, st.ReplaceFusion(ctx, store.Fusion{Inputs: before.Inputs}), "fuse with an old mark")
	if !state().Stale() {
		t.Error("a run that read inputs before a write is not stale")
	}
}

// testSettings: settings are versioned, old versions stay readable, and a
// change made on a stale version is refused.
func testSettings(t *testing.T, st store.Store) {
	ctx := t.Context()
	cur, err := st.Settings(ctx)
	must(t, err, "Settings of a new case")
	if cur.Version != 0 || cur.Organisation != "" || len(cur.Grading) != 0 {
		t.Fatalf("new case has settings %+v", cur)
	}
	one := store.Settings{Organisation: "Open desk", Packs: []store.PackRef{{Dir: "default", Hash: "ab12"}},
		Grading: json.RawMessage(`{"sources":{"The Amargi":"B"}}`), By: "alice"}
	must(t, st.PutSettings(ctx, &one), "first PutSettings")
	rev, _ := st.Revision(ctx)
	if one.Version != 1 || one.Revision != rev {
		t.Fatalf("stored version %d at revision %d, want 1 at %d", one.Version, one.Revision, rev)
	}
	two := one
	two.Grading = json.RawMessage(`{"prior":0.4}`)
	must(t, st.PutSettings(ctx, &two), "second PutSettings")
	stale := one
	stale.Organisation = "late"
	wantKind(t, st.PutSettings(ctx, &stale), errs.Conflict, "PutSettings on version 1 after version 2")
	got, err := st.Settings(ctx)
	must(t, err, "Settings")
	if got.Version != 2 || string(got.Grading) != `{"prior":0.4}` || got.Organisation != "Open desk" || len(got.Packs) != 1 || got.By != "alice" {
		t.Fatalf("Settings = %+v", got)
	}
	old, err := st.SettingsVersion(ctx, 1)
	must(t, err, "SettingsVersion 1")
	if string(old.Grading) != `{"sources":{"The Amargi":"B"}}` || old.Version != 1 {
		t.Fatalf("version 1 = %+v", old)
	}
	_, err = st.SettingsVersion(ctx, 7)
	wantKind(t, err, errs.NotFound, "SettingsVersion 7")
	bad := got
	bad.Grading = json.RawMessage(`{not json`)
	wantKind(t, st.PutSettings(ctx, &bad), errs.BadInput, "grading that is not JSON")
}

// PostgresDSN returns the test server's URL (TRIANGULATE_TEST_POSTGRES),
// skipping the test when there is none. Under CI a missing server is a
// failure: scripts/test.sh always starts one, so a skip would hide a suite.
func PostgresDSN(tb testing.TB) string {
	tb.Helper()
	dsn := os.Getenv("TRIANGULATE_TEST_POSTGRES")
	if dsn == "" {
		if os.Getenv("CI") == "true" {
			tb.Fatal("TRIANGULATE_TEST_POSTGRES is empty under CI: run the tests with scripts/test.sh, which starts PostgreSQL")
		}
		tb.Skip("TRIANGULATE_TEST_POSTGRES not set (scripts/test.sh sets it)")
	}
	return dsn
}

// PostgresSchema creates a schema of its own for one test, dropped when the
// test ends, and returns a DSN whose search_path selects it, so that tests
// running in parallel on one server never see each other's tables.
func PostgresSchema(tb testing.TB) string {
	tb.Helper()
	dsn := PostgresDSN(tb)
	admin, err := sql.Open("pgx", dsn)
	if err != nil {
		tb.Fatal(err)
	}
	schema := strings.ToLower("test_" + rand.Text()[:12])
	if _, err := admin.ExecContext(tb.Context(), `CREATE SCHEMA `+schema); err != nil {
		admin.Close()
		tb.Fatalf("create schema: %v", err)
	}
	tb.Cleanup(func() {
		defer admin.Close()
		if _, err := admin.Exec(`DROP SCHEMA ` + schema + ` CASCADE`); err != nil {
			tb.Errorf("drop schema %s: %v", schema, err)
		}
	})
	u, err := url.Parse(dsn)
	if err != nil {
		tb.Fatalf("TRIANGULATE_TEST_POSTGRES is not a URL: %v", err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}
