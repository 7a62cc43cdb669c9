package server

import (
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/triangulate/triangulate/export/stixcheck"

	"github.com/triangulate/triangulate/export"
	"github.com/triangulate/triangulate/internal/shared"
	"github.com/triangulate/triangulate/report"
	"github.com/triangulate/triangulate/store"
)

func TestQuoteOnce(t *testing.T) {
	q := func(id string) report.Quote { return report.Quote{ClaimID: id, Text: "words of " + id} }
	got := quoteOnce([]report.ReasonView{
		{Text: "a", Quotes: []report.Quote{q("x"), q("y")}},
		{Text: "b", Quotes: []report.Quote{q("y"), q("z")}},
		{Text: "c", Quotes: []report.Quote{q("x")}},
	})
	type cite struct {
		n     int
		first bool
	}
	want := [][]cite{{{1, true}, {2, true}}, {{2, false}, {3, true}}, {{1, false}}}
	for i, r := range got {
		for j, c := range r.Cited {
			if c.N != want[i][j].n || c.First != want[i][j].first {
				t.Errorf("reason %d quote %d: %d %v, want %+v", i, j, c.N, c.First, want[i][j])
			}
		}
	}
}

// bareID is a claim's id in a page's text, with what comes before it.
var bareID = regexp.MustCompile(`(--claim |\W)[0-9a-f]{12}\b`)

// TestEventVerdictFirst: every event page of a real case opens with one
// paragraph saying what is established, what is contested and why, the
// independent origins and what would change the judgement; its reasons
// quote each span once; it has the CLI report's Independence and Source
// grades tables.
func TestEventVerdictFirst(t *testing.T) {
	st, cs := workbenchCase(t)
	addUser(t, st, "alice", store.Analyst)
	srv := newServerWith(t, Config{Case: cs})
	c := browser(t, srv.URL, "alice")
	evs, err := st.Events(t.Context())
	if err != nil || len(evs) == 0 {
		t.Fatalf("events: %d, %v", len(evs), err)
	}
	opening := regexp.MustCompile(`(?s)<h1>[^<]*</h1>\s*<section class="verdict" aria-label="Verdict">\s*<p>(.*?)</p>\s*</section>`)
	full := regexp.MustCompile(`<li class="quote" id="q-(\d+)">`)
	srcs, err := st.Sources(t.Context(), store.Page{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	contested := 0
	for _, ev := range evs {
		_, body := get(t, c, srv.URL+"/events/"+ev.ID)
		// Sources are named by outlet and title or headline, never by file,
		// and a data check by its kind once.
		text := tagText.ReplaceAllString(body, " ")
		for _, sr := range srcs {
			if strings.Contains(text, sr.Name) {
				t.Errorf("%s: the page names source %d by its file %q", ev.ID, sr.ID, sr.Name)
				break
			}
		}
		for _, m := range bareID.FindAllStringSubmatch(text, -1) {
			if m[1] != "--claim " {
				t.Errorf("%s: the page names a claim by its id: %q", ev.ID, m[0])
				break
			}
		}
		if strings.Contains(text, "calendar calendar") {
			t.Errorf("%s: a data check is named 'calendar calendar'", ev.ID)
		}
		m := opening.FindStringSubmatch(body)
		if m == nil {
			t.Errorf("%s: the page does not open with the verdict", ev.ID)
			continue
		}
		p := m[1]
		if ev.ID == busiestEvent(t, st) {
			t.Logf("%s: %s", ev.ID, p)
		}
		if n := len(p); n > 1600 {
			t.Errorf("%s: the verdict runs to %d bytes, not a paragraph:\n%s", ev.ID, n, p)
		}
		for _, want := range []string{"Status ", "Admiralty", "independent origin", "What would change the judgement:"} {
			if !strings.Contains(p, want) {
				t.Errorf("%s: the verdict lacks %q:\n%s", ev.ID, want, p)
			}
		}
		hard := false
		for _, ct := range ev.Contradictions {
			hard = hard || !ct.Scope
		}
		if hard {
			contested++
			if !strings.Contains(p, "ontested on") && !strings.Contains(p, "enied by") {
				t.Errorf("%s has contradictions but its verdict does not say what is contested:\n%s", ev.ID, p)
			}
		}
		seen := map[string]bool{}
		for _, q := range full.FindAllStringSubmatch(body, -1) {
			if seen[q[1]] {
				t.Errorf("%s: quote %s is quoted in full twice", ev.ID, q[1])
			}
			seen[q[1]] = true
		}
		if len(ev.Origins) > 0 && !strings.Contains(body, "<h2>Independence</h2>") {
			t.Errorf("%s: no Independence table", ev.ID)
		}
	}
	if contested == 0 {
		t.Log("no event of the case has a hard contradiction")
	}
	// Grades are the assessment's: an assessed event shows them.
	_, body := get(t, c, srv.URL+"/events/"+busiestEvent(t, st))
	if !strings.Contains(body, "<h2>Source grades</h2>") {
		t.Error("the busiest event has no Source grades table")
	}
}

// TestClaimReviewPublishable: the workspace's ClaimReview export names the
// case's organisation as author and reviews the claim's own words at its
// first appearance; the dashboard and event page say who it names, or that
// it is not publishable until the organisation is set.
func TestClaimReviewPublishable(t *testing.T) {
	st, cs := workbenchCase(t)
	tok := addUser(t, st, "alice", store.Analyst)
	srv := newServerWith(t, Config{Case: cs})
	// Until the case names its organisation, the pages that offer the
	// ClaimReview say it is not ready to publish, and how to make it so.
	alice := browser(t, srv.URL, "alice")
	pages := []string{"/", "/events/" + busiestEvent(t, st)}
	for _, p := range pages {
		if _, page := get(t, alice, srv.URL+p); !strings.Contains(page, "not ready to publish") || !strings.Contains(page, "triangulate settings --organisation") {
			t.Errorf("%s does not say the ClaimReview names no organisation", p)
		}
	}
	if err := cs.SetOrganisation(t.Context(), "Example Verification Desk", "alice"); err != nil {
		t.Fatal(err)
	}
	for _, p := range pages {
		if _, page := get(t, alice, srv.URL+p); !strings.Contains(page, "names Example Verification Desk as its author") || strings.Contains(page, "not ready to publish") {
			t.Errorf("%s does not name the organisation the ClaimReview is by", p)
		}
	}
	status, body := send(t, srv.Client(), http.MethodGet, srv.URL+"/api/v1/exports/claimreview", tok, nil)
	if status != 200 {
		t.Fatalf("export: %d %s", status, body)
	}
	if err := export.ValidateClaimReview([]byte(body)); err != nil {
		t.Errorf("the workspace's ClaimReview: %v", err)
	}
	doc := decodeAs[export.ClaimReviewDoc](t, body)
	if len(doc.Graph) == 0 {
		t.Fatal("no reviews")
	}
	for _, r := range doc.Graph {
		if r.Author.Name != "Example Verification Desk" {
			t.Errorf("%s: author %q", r.ID, r.Author.Name)
		}
		if fa := r.ItemReviewed.FirstAppearance; fa != nil && r.ClaimReviewed != strings.Join(strings.Fields(fa.Text), " ") {
			t.Errorf("%s: reviews %q, not the words of its first appearance %q", r.ID, r.ClaimReviewed, fa.Text)
		}
	}
}

// TestExportOneEvent: ?event= limits an export to that event: the STIX
// bundle validates against the official STIX 2.1 schemas and mentions no
// other event's claims; an unknown event is 404.
func TestExportOneEvent(t *testing.T) {
	st, cs := workbenchCase(t)
	tok := addUser(t, st, "alice", store.Analyst)
	srv := newServerWith(t, Config{Case: cs})
	ev := busiestEvent(t, st)
	status, body := send(t, srv.Client(), http.MethodGet, srv.URL+"/api/v1/exports/claimreview?event="+ev, tok, nil)
	if status != 200 {
		t.Fatalf("claimreview: %d %s", status, body)
	}
	if doc := decodeAs[export.ClaimReviewDoc](t, body); len(doc.Graph) != 1 || doc.Graph[0].ID != "urn:triangulate:event:"+ev {
		t.Errorf("claimreview of %s: %d reviews", ev, len(doc.Graph))
	}
	status, body = send(t, srv.Client(), http.MethodGet, srv.URL+"/api/v1/exports/stix?event="+ev, tok, nil)
	if status != 200 {
		t.Fatalf("stix: %d %s", status, body)
	}
	if _, err := stixSchemas(t).ValidateBundle([]byte(body)); err != nil {
		t.Error(err)
	}
	if status, _ := send(t, srv.Client(), http.MethodGet, srv.URL+"/api/v1/exports/stix?event=ev-nope", tok, nil); status != 404 {
		t.Errorf("unknown event: %d, want 404", status)
	}
}

// stixSchemas compiles the official STIX 2.1 schemas from the shared copy.
func stixSchemas(t *testing.T) *stixcheck.Schemas {
	t.Helper()
	s, err := stixcheck.Load(shared.Path(t, "data", "stix2.1-schemas"))
	if err != nil {
		t.Fatal(err)
	}
	return s
}
