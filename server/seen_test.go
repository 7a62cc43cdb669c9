package server

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/source"
	"github.com/triangulate/triangulate/store"
)

// TestChangedSinceLastLooked: the dashboard marks sources and events that
// changed after the analyst last marked the case seen, and the mark clears
// when they say so.
func TestChangedSinceLastLooked(t *testing.T) {
	st, _ := seed(t)
	addUser(t, st, "alice", store.Analyst)
	// Sessions expire by the store's clock, so the test clock starts now.
	var clock atomic.Int64
	clock.Store(time.Now().Unix())
	now := func() time.Time { return time.Unix(clock.Load(), 0).UTC() }
	h, err := New(Config{Store: st, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	alice := browser(t, srv.URL, "alice")

	// First visit: nothing is marked, and the present is recorded as seen.
	_, page := get(t, alice, srv.URL+"/")
	if strings.Contains(page, `class="new"`) || strings.Contains(page, "new source") {
		t.Fatal("a first visit marks things as new")
	}

	// A watcher ingests a new report an hour later, carrying a claim of ev-01.
	ctx := t.Context()
	text := "Witnesses said more fighters crossed at Mehran on Sunday.\n"
	src := &claim.Source{Name: "later.txt", Title: "Later report", Outlet: "Rudaw", MediaType: "text/plain",
		ContentHash: source.Hash([]byte(text)), Raw: []byte(text), Text: text, Fetched: now().Add(time.Hour)}
	id, _, err := st.AddSource(ctx, src)
	if err != nil {
		t.Fatal(err)
	}
	cl := claim.Claim{ID: "later-1", SourceID: id, Source: src.Name, Start: 0, End: len(text) - 1, Evidence: text[:len(text)-1],
		Action: claim.ActionDeploy, Modality: claim.Asserted}
	if err := st.ReplaceClaims(ctx, id, []claim.Claim{cl}); err != nil {
		t.Fatal(err)
	}
	evs, err := st.Events(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for i := range evs {
		if evs[i].ID == "ev-01" {
			evs[i].Members = append(evs[i].Members, claim.Member{ClaimID: "later-1", Reasons: []string{"test"}})
		}
	}
	as, err := st.Assessments(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.ReplaceFusion(ctx, store.Fusion{Events: evs, Assessments: as}); err != nil {
		t.Fatal(err)
	}
	clock.Add(2 * 3600)
	h.(*Server).invalidateReport()

	_, page = get(t, alice, srv.URL+"/")
	for _, want := range []string{"1 new source", "Later report", "1 new claim", "Mark all as seen"} {
		if !strings.Contains(page, want) {
			t.Errorf("dashboard lacks %q", want)
		}
	}
	row := regexp.MustCompile(`(?s)<a href="/events/ev-01">.*?</td>`).FindString(page)
	if !strings.Contains(row, "1 new claim") {
		t.Errorf("ev-01's row is not marked: %s", row)
	}

	// Mark all as seen: the marks are gone.
	m := csrfField.FindStringSubmatch(page)
	resp, err := alice.PostForm(srv.URL+"/seen", url.Values{"csrf": {m[1]}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("mark seen: %d", resp.StatusCode)
	}
	_, page = get(t, alice, srv.URL+"/")
	if strings.Contains(page, `class="new"`) || !strings.Contains(page, "Nothing new since") {
		t.Error("marks remain after marking the case seen")
	}
	// Without the form token the mark is refused.
	resp, err = alice.PostForm(srv.URL+"/seen", url.Values{})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("mark seen without CSRF: %d", resp.StatusCode)
	}
}

// TestDashboardPages: a large case's events table comes a page at a time.
func TestDashboardPages(t *testing.T) {
	st, _ := seed(t)
	srv := newServer(t, st, true)
	evs, err := st.Events(t.Context())
	if err != nil || len(evs) < 3 {
		t.Fatalf("events: %d, %v", len(evs), err)
	}
	_, page := get(t, srv.Client(), srv.URL+"/?limit=2")
	if rows := strings.Count(page, `<td data-label="Event"><a href="/events/`); rows != 2 {
		t.Errorf("first page has %d event rows, want 2", rows)
	}
	if !strings.Contains(page, fmt.Sprintf("Events 1–2 of %d.", len(evs))) || !strings.Contains(page, `rel="next"`) || strings.Contains(page, `rel="prev"`) {
		t.Error("first page does not say where it is or link on")
	}
	_, page = get(t, srv.Client(), srv.URL+fmt.Sprintf("/?limit=2&offset=%d", len(evs)-1))
	if rows := strings.Count(page, `<td data-label="Event"><a href="/events/`); rows != 1 || !strings.Contains(page, `rel="prev"`) || strings.Contains(page, `rel="next"`) {
		t.Errorf("last page: %d rows", rows)
	}
	if resp, _ := get(t, srv.Client(), srv.URL+"/?offset=-1"); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("negative offset: %d", resp.StatusCode)
	}
}

// TestRevalidate: the cached case view is rebuilt when another writer moved
// the store's revision, and kept as it is when nothing changed.
func TestRevalidate(t *testing.T) {
	st, _ := seed(t)
	h, err := New(Config{Store: st})
	if err != nil {
		t.Fatal(err)
	}
	s := h.(*Server)
	ctx := t.Context()
	first, err := s.buildReport(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.revalidate(ctx); err != nil {
		t.Fatal(err)
	}
	if s.rep != first {
		t.Fatal("revalidate rebuilt the view though the store did not change")
	}
	// Another process adds a source.
	text := "A later report.\n"
	if _, _, err := st.AddSource(ctx, &claim.Source{Name: "later.txt", MediaType: "text/plain",
		ContentHash: source.Hash([]byte(text)), Raw: []byte(text), Text: text, Fetched: time.Unix(1, 0).UTC()}); err != nil {
		t.Fatal(err)
	}
	if err := s.revalidate(ctx); err != nil {
		t.Fatal(err)
	}
	if s.rep == first || s.rep.Summary.Sources != first.Summary.Sources+1 {
		t.Fatalf("after a write the view has %d sources, want %d", s.rep.Summary.Sources, first.Summary.Sources+1)
	}
}
