package server

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/store"
)

// TestMergedAwayEvent: an analyst merges one event into another; the
// merged-away event keeps its override and note, its history stays
// readable under its own id, and the lineage names the event its claims
// went to. Undoing the merge brings it back with its own.
func TestMergedAwayEvent(t *testing.T) {
	ctx := t.Context()
	st, cs := workbenchCase(t)
	a, b := twoEvents(t, st)
	if _, err := cs.Note(ctx, claim.Note{Kind: claim.NoteOnEvent, EventID: a, Text: "note on A"}, "alice"); err != nil {
		t.Fatal(err)
	}
	if err := cs.Override(ctx, a, claim.Override{Status: claim.StatusDenied, Reason: "A is denied"}, "alice"); err != nil {
		t.Fatal(err)
	}
	into, err := cs.MergeEvents(ctx, a, b, "carol")
	if err != nil {
		t.Fatal(err)
	}
	l, err := cs.MergedAway(ctx, a)
	if err != nil || l == nil || l.Other != into.ID {
		t.Fatalf("MergedAway(%s) = %+v, %v; want a link to %s", a, l, err, into.ID)
	}
	vs, _, err := cs.History(ctx, a)
	if err != nil || len(vs) == 0 {
		t.Fatalf("history of the merged-away %s: %d versions, %v", a, len(vs), err)
	}
	j, _ := store.JudgementsOf(st)
	if ov, _ := j.Overrides(ctx); ov[a].Reason != "A is denied" {
		t.Fatalf("the merged-away event's override is lost: %+v", ov)
	}

	// The old address answers inside the layout: where the claims went,
	// the override and note kept, the history, and (for an analyst) the
	// undo. A plain unknown id is still a 404.
	addUser(t, st, "alice", store.Analyst)
	h, err := New(Config{Case: cs})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	alice := browser(t, srv.URL, "alice")
	resp, page := get(t, alice, srv.URL+"/events/"+a)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET /events/%s after the merge: %d\n%s", a, resp.StatusCode, page)
	}
	for _, want := range []string{
		"This event was merged into", `href="/events/` + into.ID + `"`, "by carol",
		"A is denied", "note on A", `id="history-h"`, `action="/merges/undo"`, `name="from" value="` + a + `"`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the merged-away page lacks %q", want)
		}
	}
	if resp, _ := get(t, alice, srv.URL+"/events/ev-no-such-event"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("an unknown event: status %d, want 404", resp.StatusCode)
	}

	if err := cs.Unmerge(ctx, store.MergeEvent, a, "carol"); err != nil {
		t.Fatal(err)
	}
	if l, err := cs.MergedAway(ctx, a); err != nil || l != nil {
		t.Fatalf("after the unmerge MergedAway(%s) = %+v, %v", a, l, err)
	}
	if ov, _ := j.Overrides(ctx); ov[a].Status != claim.StatusDenied {
		t.Fatalf("%s lost its override after the unmerge: %+v", a, ov)
	}
}

// tagText matches an HTML tag, for the text a page shows.
var tagText = regexp.MustCompile(`<[^>]*>`)

// TestMergedAwayEventPage: the address of an event merged into another
// answers, inside the workspace's layout, with which event it went into
// (linked), who merged it and when, and where its own history is; an
// address no event ever had is still not found, and undoing the merge
// brings the event's own page back.
func TestMergedAwayEventPage(t *testing.T) {
	ctx := t.Context()
	st, cs := workbenchCase(t)
	addUser(t, st, "carol", store.Analyst)
	a, b := twoEvents(t, st)
	into, err := cs.MergeEvents(ctx, a, b, "carol")
	if err != nil {
		t.Fatal(err)
	}
	srv := newServerWith(t, Config{Case: cs})
	c := browser(t, srv.URL, "carol")
	resp, page := get(t, c, srv.URL+"/events/"+a)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("the merged-away event's address: %d", resp.StatusCode)
	}
	for _, want := range []string{
		`<nav aria-label="Workspace">`, // inside the layout
		"merged into",
		`href="/events/` + into.ID + `"`,
		"by carol",
		`href="/api/v1/events/` + a + `/history"`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the merged-away event's page lacks %q:\n%s", want, page)
		}
	}
	// One heading, and the event it went into named, never by its id.
	if n := strings.Count(page, "<h1>"); n != 1 {
		t.Errorf("the merged-away page has %d h1 headings, want 1", n)
	}
	if text := tagText.ReplaceAllString(page, " "); strings.Contains(text, into.ID) {
		t.Errorf("the merged-away page names %s by its id:\n%s", into.ID, text)
	}
	if resp, _ := get(t, c, srv.URL+"/events/ev-never"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("an event that never was: %d, want 404", resp.StatusCode)
	}
	_, intoPage := get(t, c, srv.URL+"/events/"+into.ID)
	m := csrfField.FindStringSubmatch(intoPage)
	if m == nil {
		t.Fatal("no CSRF token on the event page")
	}
	form := url.Values{"csrf": {m[1]}, "kind": {"event"}, "from": {a}, "back": {"/events/" + into.ID}}
	if resp, err := c.PostForm(srv.URL+"/merges/undo", form); err != nil || resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("undo the merge: %v %v", resp, err)
	}
	if _, page := get(t, c, srv.URL+"/events/"+a); strings.Contains(page, "merged into") || !strings.Contains(page, "<h2>Evidence</h2>") {
		t.Error("after the unmerge the event's address is not its page again")
	}
}

// twoEvents returns the ids of the case's first two events of two claims
// or more, the pair the lineage tests merge.
func twoEvents(t *testing.T, st store.Store) (a, b string) {
	t.Helper()
	evs, err := st.Events(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range evs {
		if len(e.Members) >= 2 {
			if a == "" {
				a = e.ID
			} else if b == "" {
				b = e.ID
			}
		}
	}
	if b == "" {
		t.Fatal("the workbench case has fewer than two events of two claims")
	}
	return a, b
}
