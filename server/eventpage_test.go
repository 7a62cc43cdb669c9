package server

import (
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/source"
	"github.com/triangulate/triangulate/store"
)

// bigEvent is the shape of a synthetic event as large as the relay case's
// biggest: every source carries the same happening, so one event holds
// every claim.
type bigEvent struct {
	sources, perSource, origins int
}

func (b bigEvent) claims() int         { return b.sources * b.perSource }
func (b bigEvent) contradictions() int { return b.sources - 1 }
func (b bigEvent) figureRows() int     { return b.sources } // the first claim of each source has a figure

// columns are the evidence matrix's: one a figure, and one for the claims
// without a figure, which read alike.
func (b bigEvent) columns() int { return b.sources + 1 }

// bigEventCase stores the event in a new SQLite store: b.sources sources of
// b.perSource claims each, the first of each with a figure that differs
// from the previous source's (a contradiction), the claims spread over
// b.origins speakers, one reason citing every claim and a grade per origin.
// It returns the store and the claims' ids in case order.
func bigEventCase(tb testing.TB, b bigEvent) (store.Store, []string) {
	tb.Helper()
	ctx := tb.Context()
	st, err := store.Open(ctx, filepath.Join(tb.TempDir(), "big.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	ev := claim.Event{ID: "ev-big", Title: "Fighters crossed the river", Action: claim.ActionDeploy}
	origins := make([]claim.Origin, b.origins)
	for i := range origins {
		origins[i] = claim.Origin{Key: fmt.Sprintf("person/official-%d", i), Who: fmt.Sprintf("official %d", i),
			Kind: claim.SpeakerOfficial, Speakers: 1, Stance: claim.StanceSupports}
	}
	figs := claim.FigureSet{Unit: "fighters", Low: 100, High: 100 + float64(b.sources), Conservative: 100}
	var ids []string
	prev := ""
	for s := range b.sources {
		var text strings.Builder
		for k := range b.perSource {
			fmt.Fprintf(&text, "Sentence %d: about %d fighters crossed the river at dawn, an official said. ", k, 100+s)
		}
		src := &claim.Source{Name: fmt.Sprintf("relay-%05d.txt", s), Outlet: fmt.Sprintf("Outlet %d", s%50),
			Title: fmt.Sprintf("Report %d", s), MediaType: "text/plain", Text: text.String(), Raw: []byte(text.String()),
			ContentHash: source.Hash([]byte(text.String())), Fetched: time.Unix(int64(s), 0).UTC()}
		sid, _, err := st.AddSource(ctx, src)
		if err != nil {
			tb.Fatal(err)
		}
		var cls []claim.Claim
		at := 0
		for k := range b.perSource {
			sentence := fmt.Sprintf("Sentence %d: about %d fighters crossed the river at dawn, an official said.", k, 100+s)
			n := len(ids)
			o := &origins[n%b.origins]
			cl := claim.Claim{ID: fmt.Sprintf("c-%05d-%d", s, k), SourceID: sid, Source: src.Name, Start: at, End: at + len(sentence),
				Evidence: sentence, Action: claim.ActionDeploy, Modality: claim.Asserted,
				Attribution: []claim.Attribution{{Who: o.Who, Kind: claim.SpeakerOfficial}}}
			if k == 0 {
				cl.Quantities = []claim.Quantity{{Min: float64(100 + s), Max: float64(100 + s), Unit: "fighters", Qualifier: "about", Kind: claim.QuantityCount}}
				figs.Figures = append(figs.Figures, claim.Figure{ClaimID: cl.ID, Source: src.Name, Origin: o.Who, OriginKey: o.Key, Quantity: cl.Quantities[0]})
				if prev != "" {
					ev.Contradictions = append(ev.Contradictions, claim.Contradiction{Field: "quantity", A: prev, B: cl.ID,
						Explain: fmt.Sprintf("fighters: %d vs %d", 99+s, 100+s)})
				}
				prev = cl.ID
			}
			at += len(sentence) + 1
			cls = append(cls, cl)
			ids = append(ids, cl.ID)
			ev.Members = append(ev.Members, claim.Member{ClaimID: cl.ID, Reasons: []string{"action family deploy"}})
			o.Claims = append(o.Claims, cl.ID)
			if len(o.Carriers) == 0 || o.Carriers[len(o.Carriers)-1] != src.Name {
				o.Carriers = append(o.Carriers, src.Name)
			}
		}
		if err := st.ReplaceClaims(ctx, sid, cls); err != nil {
			tb.Fatal(err)
		}
	}
	ev.Origins, ev.Figures = origins, []claim.FigureSet{figs}
	ev.Independent, ev.EchoCount, ev.Documents = b.origins, b.sources, b.sources
	a := claim.Assessment{EventID: ev.ID, Status: claim.StatusContested, Words: "likely", Admiralty: "B2",
		Reasons: []claim.Reason{{Text: "Many officials report it.", ClaimIDs: ids, Kind: "origin"}}}
	for _, o := range origins {
		a.Sources = append(a.Sources, claim.SourceGrade{Origin: o.Key, Who: o.Who, Kind: o.Kind, Reliability: "B", Why: "an official"})
	}
	if err := st.ReplaceFusion(ctx, store.Fusion{Events: []claim.Event{ev}, Assessments: []claim.Assessment{a}}); err != nil {
		tb.Fatal(err)
	}
	return st, ids
}

// TestEventPageBounded: the page of an event of thousands of claims is
// bounded, whatever the event's size, and says honestly what it leaves
// out: each long list a page at a time with its total, the others cut
// with how many more and where they all are.
func TestEventPageBounded(t *testing.T) {
	b := bigEvent{sources: 1500, perSource: 2, origins: 250}
	st, ids := bigEventCase(t, b)
	addUser(t, st, "alice", store.Analyst)
	srv := newServerWith(t, Config{Store: st})
	alice := browser(t, srv.URL, "alice")

	resp, page := get(t, alice, srv.URL+"/events/ev-big")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("event page: %d", resp.StatusCode)
	}
	if n := len(page); n > 400<<10 {
		t.Errorf("the page of an event of %d claims runs to %d KB", b.claims(), n>>10)
	}
	count := func(page, pattern string) int { return len(regexp.MustCompile(pattern).FindAllStringIndex(page, -1)) }
	section := func(page, from, to string) string {
		i := strings.Index(page, from)
		if i < 0 {
			t.Fatalf("no %q on the page", from)
		}
		rest := page[i:]
		if j := strings.Index(rest[len(from):], to); j >= 0 {
			return rest[:len(from)+j]
		}
		return rest
	}
	for _, c := range []struct {
		what, pattern string
		want          int
	}{
		{"evidence items", `<li id="claim-`, evidencePage},
		{"split checkboxes", `<input type="checkbox" name="claim"`, evidencePage},
		{"note form's claims", `<option value="claim:`, evidencePage},
		{"note form's origins", `<option value="origin:`, listPage}, // 250 origins: too many for one list
		{"matrix rows", `<tr class="origin`, matrixPage},
		{"matrix columns listed", `<li id="col-`, matrixPage},
	} {
		if got := count(page, c.pattern); got != c.want {
			t.Errorf("%s: %d, want %d", c.what, got, c.want)
		}
	}
	pagers := []string{
		fmt.Sprintf("Showing claims 1–%d of %d.", evidencePage, b.claims()),
		fmt.Sprintf("Showing origins 1–%d of %d.", listPage, b.origins),
		fmt.Sprintf("Showing grades 1–%d of %d.", listPage, b.origins),
		fmt.Sprintf("Showing contradictions 1–%d of %d.", listPage, b.contradictions()),
		fmt.Sprintf("Showing rows 1–%d of %d.", matrixPage, b.origins),
		fmt.Sprintf("And %d more rows", b.figureRows()-cellList),
		fmt.Sprintf("Showing columns 1–%d of %d.", matrixPage, b.columns()),
		fmt.Sprintf("And %d more quotes", b.claims()-cellList),
	}
	for _, want := range pagers {
		if !strings.Contains(page, want) {
			t.Errorf("the page does not say %q", want)
		}
	}
	indep := section(page, "<h2>Independence</h2>", "</table>")
	if got := count(indep, `<tr><td data-label="Origin">`); got != listPage {
		t.Errorf("Independence rows: %d, want %d", got, listPage)
	}
	perOrigin := b.claims() / b.origins
	if want := fmt.Sprintf(" and %d more</td>", perOrigin-cellList); !strings.Contains(indep, want) {
		t.Errorf("an origin's claims are not cut to %d with %q", cellList, want)
	}
	if got := count(section(page, "<h2>Contradictions</h2>", "</table>"), `<tr><td data-label="Field">`); got != listPage {
		t.Errorf("contradiction rows: %d, want %d", got, listPage)
	}
	if got := count(section(page, "<h2>Figures</h2>", "<h2>"), `<tr><td data-label="Source">`); got != cellList {
		t.Errorf("figure rows: %d, want %d", got, cellList)
	}
	// Origin 0's claims are every 250th: its second is on another page of
	// the evidence, and links there.
	second := ids[b.origins]
	if want := fmt.Sprintf(`href="/events/ev-big?evidence=%d#claim-%s"`, b.origins/evidencePage*evidencePage, second); !strings.Contains(page, want) {
		t.Errorf("a claim on another page of the evidence is not linked there (%s)", want)
	}
	if !strings.Contains(page, `href="#claim-`+ids[0]+`"`) {
		t.Error("a claim on this page of the evidence is not linked in place")
	}
	verdict := regexp.MustCompile(`(?s)<section class="verdict" aria-label="Verdict">\s*<p>(.*?)</p>`).FindStringSubmatch(page)
	if verdict == nil || len(verdict[1]) > 1600 || !strings.Contains(verdict[1], fmt.Sprintf("and %d more", b.origins-verdictNames)) {
		t.Errorf("the verdict does not name a few origins and count the rest: %q", verdict)
	}

	// The next page of the evidence, and the last.
	next := fmt.Sprintf(`/events/ev-big?evidence=%d`, evidencePage)
	if !strings.Contains(page, `href="`+next+`#evidence-pages" rel="next"`) {
		t.Fatalf("no link to the next page of the evidence")
	}
	_, page2 := get(t, alice, srv.URL+next)
	if got := count(page2, `<li id="claim-`); got != evidencePage {
		t.Errorf("page 2 of the evidence: %d claims", got)
	}
	if !strings.Contains(page2, `<li id="claim-`+ids[evidencePage]+`">`) || strings.Contains(page2, `<li id="claim-`+ids[0]+`">`) {
		t.Error("page 2 of the evidence does not start at its 51st claim")
	}
	if !strings.Contains(page2, fmt.Sprintf("Showing claims %d–%d of %d.", evidencePage+1, 2*evidencePage, b.claims())) || !strings.Contains(page2, `rel="prev"`) {
		t.Error("page 2 of the evidence does not say where it is")
	}
	last := (b.claims() - 1) / evidencePage * evidencePage
	_, pageN := get(t, alice, fmt.Sprintf("%s/events/ev-big?evidence=%d&origins=%d", srv.URL, last, listPage))
	if !strings.Contains(pageN, fmt.Sprintf("Showing claims %d–%d of %d.", last+1, b.claims(), b.claims())) ||
		strings.Contains(pageN, `#evidence-pages" rel="next"`) {
		t.Error("the last page of the evidence is not its end")
	}
	if !strings.Contains(pageN, fmt.Sprintf("Showing origins %d–%d of %d.", listPage+1, 2*listPage, b.origins)) ||
		!strings.Contains(pageN, `<option value="origin:person/official-`+fmt.Sprint(listPage)+`">`) {
		t.Error("the second page of origins is not the one shown and offered")
	}
	// A bad offset is the first page, not an error: it came from a link.
	if resp, page := get(t, alice, srv.URL+"/events/ev-big?evidence=oops&rows=-3"); resp.StatusCode != 200 || !strings.Contains(page, "Showing claims 1–") {
		t.Errorf("a bad offset: %d", resp.StatusCode)
	}
}

// TestEventPageSmallUnchanged: an event that fits shows no pager and no
// "more" line.
func TestEventPageSmallUnchanged(t *testing.T) {
	st, _ := bigEventCase(t, bigEvent{sources: 5, perSource: 2, origins: 3})
	srv := newServer(t, st, true)
	_, page := get(t, srv.Client(), srv.URL+"/events/ev-big")
	for _, no := range []string{`class="pager"`, `class="more"`, " more</td>"} {
		if strings.Contains(page, no) {
			t.Errorf("a small event's page has %s", no)
		}
	}
	if got := strings.Count(page, `<li id="claim-`); got != 10 {
		t.Errorf("evidence: %d claims, want 10", got)
	}
}

// TestEventPageHistoryBounded: an event re-assessed more times than the
// history table lists shows the latest versions and counts the earlier
// ones, which the audit trail keeps.
func TestEventPageHistoryBounded(t *testing.T) {
	ctx := t.Context()
	st, _ := bigEventCase(t, bigEvent{sources: 3, perSource: 1, origins: 2})
	ev, err := st.Event(ctx, "ev-big")
	if err != nil {
		t.Fatal(err)
	}
	as, err := st.Assessments(ctx)
	if err != nil || len(as) != 1 {
		t.Fatalf("assessments: %d, %v", len(as), err)
	}
	const runs = listPage + 7
	for i := range runs {
		a := as[0]
		a.Probability = float64(i+1) / (runs + 1)
		if err := st.ReplaceFusion(ctx, store.Fusion{Events: []claim.Event{*ev}, Assessments: []claim.Assessment{a}}); err != nil {
			t.Fatal(err)
		}
	}
	hist, ok := store.JudgementsOf(st)
	if !ok {
		t.Fatal("the store keeps no judgements")
	}
	vs, herr := hist.History(ctx, "ev-big")
	if herr != nil || len(vs) <= listPage {
		t.Fatalf("%d versions stored (%v): the test needs more than %d", len(vs), herr, listPage)
	}
	srv := newServer(t, st, true)
	_, page := get(t, srv.Client(), srv.URL+"/events/ev-big")
	table := page[strings.Index(page, `<table class="cards history-table">`):]
	table = table[:strings.Index(table, "</table>")]
	if got := strings.Count(table, `<td data-label="Version">`); got != listPage {
		t.Errorf("history table: %d versions, want the latest %d", got, listPage)
	}
	if want := fmt.Sprintf("<td data-label=\"Version\">v%d</td>", vs[len(vs)-1].Version); !strings.Contains(table, want) {
		t.Errorf("the history table lacks the latest version (%s)", want)
	}
	if want := fmt.Sprintf("%d earlier in the audit trail", len(vs)-listPage); !strings.Contains(page, want) {
		t.Errorf("the page does not say %q", want)
	}
}

// BenchmarkEventPage is the page of an event of 6,000 claims from 3,000
// sources once the report is built: as a reader gets it (the same for
// every reader, kept once rendered) and as an analyst does (forms drawn
// at each view).
func BenchmarkEventPage(b *testing.B) {
	st, _ := bigEventCase(b, bigEvent{sources: 3000, perSource: 2, origins: 600})
	addUser(b, st, "alice", store.Analyst)
	h, err := New(Config{Store: st, AllowAnonymous: true})
	if err != nil {
		b.Fatal(err)
	}
	srv := httptest.NewServer(h)
	b.Cleanup(srv.Close)
	anonymous := srv.Client()
	jar, _ := cookiejar.New(nil)
	analyst := &http.Client{Jar: jar}
	resp, err := analyst.Get(srv.URL + "/login")
	if err != nil {
		b.Fatal(err)
	}
	form, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	m := csrfField.FindSubmatch(form)
	if m == nil {
		b.Fatal("no CSRF token on the login form")
	}
	if resp, err = analyst.PostForm(srv.URL+"/login", url.Values{"name": {"alice"}, "password": {"password alice"}, "csrf": {string(m[1])}}); err != nil {
		b.Fatal(err)
	}
	resp.Body.Close()
	get := func(b *testing.B, c *http.Client) int {
		resp, err := c.Get(srv.URL + "/events/ev-big")
		if err != nil {
			b.Fatal(err)
		}
		n, _ := io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			b.Fatalf("event page: %d", resp.StatusCode)
		}
		return int(n)
	}
	get(b, anonymous) // builds the report
	for _, c := range []struct {
		name   string
		client *http.Client
	}{{"reader", anonymous}, {"analyst", analyst}} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			n := 0
			for b.Loop() {
				n = get(b, c.client)
			}
			b.ReportMetric(float64(n), "page-bytes")
		})
	}
}
