package server

import (
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/export"
	"github.com/triangulate/triangulate/store"
)

// counted lists the origins an event counts as independent.
func counted(e *claim.Event) []string {
	var out []string
	for _, o := range e.Origins {
		if o.Stance == claim.StanceSupports && len(o.EchoOf) == 0 {
			out = append(out, o.Key)
		}
	}
	return out
}

// fetchText fetches path from the page, with the analyst's session, and
// returns the body.
func (s *session) fetchText(path string) string {
	s.t.Helper()
	v, err := chromedp.Run(s.ctx, chromedp.Evaluate[string](`fetch(`+jsString(path)+`).then(r => r.ok ? r.text() : "HTTP " + r.status)`, chromedp.EvalAwaitPromise))
	if err != nil {
		s.t.Fatalf("fetch %s: %v", path, err)
	}
	return v
}

func jsString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

// TestBrowserEventWork: in Chromium an analyst splits an event, merges
// two of its origins into one (the independence count follows, and both
// hold through re-fusion), exports the event's ClaimReview (publishable:
// the organisation as author, the claim's own words, its first appearance)
// and STIX (valid STIX 2.1) and its Markdown and CSV from the page's links;
// the dashboard, the event and a source are shot at 1400 and 390 px with no
// horizontal overflow at 390.
func TestBrowserEventWork(t *testing.T) {
	st, cs := workbenchCase(t)
	ctx := t.Context()
	const org = "Example Verification Desk"
	if err := cs.SetOrganisation(ctx, org, "alice"); err != nil {
		t.Fatal(err)
	}
	s := newSession(t, cs, Config{})
	ev := busiestEvent(t, st)
	before, err := st.Event(ctx, ev)
	if err != nil {
		t.Fatal(err)
	}
	if len(before.Members) < 3 {
		t.Fatalf("busiest event has %d claims", len(before.Members))
	}

	// Split: tick two claims, submit, land on the new event.
	moving := []string{before.Members[len(before.Members)-1].ClaimID, before.Members[len(before.Members)-2].ClaimID}
	s.open("/events/" + ev)
	s.submit(
		chromedp.Click(chromedp.CSS(`form.split-event input[value=`+jsString(moving[0])+`]`), chromedp.NodeVisible),
		chromedp.Click(chromedp.CSS(`form.split-event input[value=`+jsString(moving[1])+`]`), chromedp.NodeVisible),
		chromedp.Click(chromedp.CSS(`form.split-event button`), chromedp.NodeVisible),
	)
	loc := s.location()
	newID := loc[strings.LastIndex(loc, "/")+1:]
	if newID == ev || !strings.Contains(loc, "/events/") {
		t.Fatalf("after the split the browser is at %s", loc)
	}
	split, err := st.Event(ctx, newID)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, m := range split.Members {
		got = append(got, m.ClaimID)
	}
	slices.Sort(got)
	slices.Sort(moving)
	if !slices.Equal(got, moving) {
		t.Fatalf("split event holds %v, want %v", got, moving)
	}
	if n := eval[int](s, `document.querySelectorAll("main li[id^='claim-']").length`); n != 2 {
		t.Errorf("the new event's page lists %d claims, want 2", n)
	}

	// Merge two origins of an event that counts at least two.
	evs, _ := st.Events(ctx)
	i := slices.IndexFunc(evs, func(e claim.Event) bool { return len(counted(&e)) >= 2 })
	if i < 0 {
		t.Fatal("no event counts two independent origins")
	}
	target := evs[i]
	keys := counted(&target)
	s.open("/events/" + target.ID)
	s.submit(
		chromedp.SetValue(chromedp.CSS(`form.merge-origins select[name="from"]`), keys[1], chromedp.NodeVisible),
		chromedp.SetValue(chromedp.CSS(`form.merge-origins select[name="into"]`), keys[0], chromedp.NodeVisible),
		chromedp.Click(chromedp.CSS(`form.merge-origins button`), chromedp.NodeVisible),
	)
	if _, err := cs.Fuse(ctx); err != nil { // a later run keeps both changes
		t.Fatal(err)
	}
	after, err := st.Event(ctx, target.ID)
	if err != nil {
		t.Fatal(err)
	}
	if after.Independent != target.Independent-1 {
		t.Errorf("independent %d after merging two origins, want %d", after.Independent, target.Independent-1)
	}
	if again, _ := st.Event(ctx, newID); again == nil || len(again.Members) != 2 {
		t.Errorf("the split did not survive re-fusion")
	}
	s.open("/events/" + target.ID)
	if txt := s.text("section.eventwork"); !strings.Contains(txt, "counted as") || !strings.Contains(txt, "by alice") {
		t.Errorf("the event page does not list the origin merge with who made it:\n%s", txt)
	}
	if ms, _ := st.Merges(ctx); len(ms) != 1 || ms[0].Kind != store.MergeOrigin || ms[0].By != "alice" {
		t.Errorf("merges stored: %+v", ms)
	}

	// Exports of the event from its page's links.
	link := func(format string) string {
		return eval[string](s, `document.querySelector("p.exports a[href^='/api/v1/exports/`+format+`?event=']").getAttribute("href")`)
	}
	crv := s.fetchText(link("claimreview"))
	if err := export.ValidateClaimReview([]byte(crv)); err != nil {
		t.Errorf("the event's ClaimReview: %v", err)
	}
	doc := decodeAs[export.ClaimReviewDoc](t, crv)
	if len(doc.Graph) != 1 {
		t.Fatalf("ClaimReview of one event has %d reviews", len(doc.Graph))
	}
	r := doc.Graph[0]
	if r.Author.Name != org {
		t.Errorf("ClaimReview author %q, want the case's organisation %q", r.Author.Name, org)
	}
	if fa := r.ItemReviewed.FirstAppearance; fa == nil || r.ClaimReviewed == "" || r.ClaimReviewed != strings.Join(strings.Fields(fa.Text), " ") {
		t.Errorf("ClaimReview reviews %q; first appearance %+v", r.ClaimReviewed, fa)
	}
	if _, err := stixSchemas(t).ValidateBundle([]byte(s.fetchText(link("stix")))); err != nil {
		t.Errorf("the event's STIX bundle: %v", err)
	}
	if md := s.fetchText(link("md")); !strings.Contains(md, after.Title) {
		t.Errorf("the event's Markdown does not name it: %.200s", md)
	}
	if csv := s.fetchText(link("figures.csv")); !strings.HasPrefix(csv, "event_id,") {
		t.Errorf("the event's figures CSV: %.200s", csv)
	}

	// Screens at both widths, after the changes.
	srcs, err := st.Sources(ctx, store.Page{Limit: 1})
	if err != nil || len(srcs) == 0 {
		t.Fatalf("sources: %v", err)
	}
	for _, w := range []int64{1400, 390} {
		s.width(w)
		for _, p := range []struct{ name, path string }{{"dashboard", "/"}, {"event", "/events/" + target.ID}, {"source", "/sources/" + itoa(srcs[0].ID)}} {
			s.open(p.path)
			if sw := eval[int](s, `document.documentElement.scrollWidth`); w == 390 && sw > 390 {
				t.Errorf("%s at 390 px: the page is %d px wide", p.name, sw)
			}
			s.shot("eventwork-" + p.name + "-" + itoa(w))
		}
	}
}
