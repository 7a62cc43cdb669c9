package server

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/flights"
	"github.com/triangulate/triangulate/pipeline"
	"github.com/triangulate/triangulate/store"
)

// leaves is the rendered text of every element of main without children:
// a figure shown must be the whole text of one, not digits somewhere.
func (s *session) leaves() []string {
	s.t.Helper()
	return eval[[]string](s, `Array.from(document.querySelectorAll("main *")).filter(e => e.children.length === 0).map(e => (e.innerText ?? e.textContent).trim())`)
}

// selectText selects, as a mouse would, from the first occurrence of
// from in the reader's text to the end of the first occurrence of to at or
// after it; each must lie within one text node, but the two may be in
// different ones (across a highlight and its numbered link).
func (s *session) selectText(from, to string) {
	s.t.Helper()
	ok := eval[bool](s, `(() => {
		const from = `+jsString(from)+`, to = `+jsString(to)+`;
		const walk = document.createTreeWalker(document.getElementById("reader"), NodeFilter.SHOW_TEXT);
		const r = document.createRange();
		let n, started = false;
		while ((n = walk.nextNode())) {
			let k = 0;
			if (!started) {
				const i = n.data.indexOf(from);
				if (i < 0) continue;
				r.setStart(n, i);
				started = true;
				k = i;
			}
			const j = n.data.indexOf(to, k);
			if (j < 0) continue;
			r.setEnd(n, j + to.length);
			const sel = window.getSelection();
			sel.removeAllRanges();
			sel.addRange(r);
			return true;
		}
		return false;
	})()`)
	if !ok {
		s.t.Fatalf("the reader's text has no run from %q to %q", from, to)
	}
}

// selected waits for select.js to fill the add-claim form from the
// selection (on selectionchange, which fires after the selection is made)
// and returns its start and end.
func (s *session) selected() (string, string) {
	s.t.Helper()
	if _, err := chromedp.Run(s.ctx, chromedp.Poll[bool](`document.getElementById("add-claim-end").value !== ""`,
		chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		s.t.Fatalf("the selection did not fill the add-claim form: %v", err)
	}
	got := eval[[]string](s, `["start", "end"].map(k => document.getElementById("add-claim-" + k).value)`)
	return got[0], got[1]
}

// TestBrowserClaimsByHand: in Chromium an analyst selects words of a
// source the extractor read no claim from and adds a claim from them (the
// form is filled from the selection with the words' byte offsets, and
// pre-filled by the extractor); it shows in its event, and survives the
// source being extracted again. Then the analyst corrects a claim's
// figure from the event page, and the event shows the corrected figure.
func TestBrowserClaimsByHand(t *testing.T) {
	st, _ := seed(t)
	ctx := t.Context()
	cs := pipeline.New(st, pipeline.Options{})
	s := newSession(t, cs, Config{})

	// Words the extractor made no claim of: Qanbar blaming Baghdad.
	const words = "Qanbar also said the Iraqi government bears responsibility for the deployment"
	src, err := st.Source(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	start := strings.Index(src.Text, words)
	if start < 0 {
		t.Fatalf("the seed source lacks %q", words)
	}
	end := start + len(words)
	if strings.Count(src.Text[:start], "’")+strings.Count(src.Text[:start], "“") == 0 {
		t.Fatal("no multi-byte character before the words: the offsets would not tell bytes from characters")
	}
	before, err := st.Claims(ctx, store.ClaimFilter{SourceID: 1})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range before {
		if c.Start < end && start < c.End {
			t.Fatalf("claim %s already covers the words", c.ID)
		}
	}

	// A selection from a highlighted claim across its numbered link into
	// the plain text after it: the link's number is not the source's text.
	s.open("/sources/1")
	const across = "Entifadh Qanbar confirmed"
	s.selectText(across, "Qanbar also said")
	a, b := s.selected()
	if i := strings.Index(src.Text, across); a != itoa(int64(i)) || b != itoa(int64(start+len("Qanbar also said"))) {
		t.Errorf("a selection across a highlight gave bytes %s..%s, want %d..%d", a, b, i, start+len("Qanbar also said"))
	}

	s.open("/sources/1")
	s.selectText(words, words)
	a, b = s.selected()
	if quote := eval[string](s, `document.getElementById("add-claim-quote").value`); quote != words || a != itoa(int64(start)) || b != itoa(int64(end)) {
		t.Fatalf("the selection filled the form with %q, bytes %s..%s, want bytes %d..%d", quote, a, b, start, end)
	}
	s.submit(chromedp.Click(chromedp.CSS(`#add-claim button[type="submit"]`), chromedp.NodeVisible))
	if !strings.Contains(s.location(), "/sources/1/claims/new?") {
		t.Fatalf("adding from the selection went to %s", s.location())
	}
	if q := s.text("main .quote"); q != "“"+words+"”" {
		t.Errorf("the claim form quotes %q, want the selected words", q)
	}
	// Whatever the extractor pre-filled, the analyst says what it is: a
	// confirmation of the deployment, by Qanbar.
	s.submit(
		chromedp.SetValue(chromedp.CSS(`form.claim-form select[name="action"]`), string(claim.ActionDeploy), chromedp.NodeVisible),
		chromedp.SetValue(chromedp.CSS(`form.claim-form select[name="modality"]`), string(claim.Asserted), chromedp.NodeVisible),
		chromedp.SetValue(chromedp.CSS(`form.claim-form textarea[name="actors"]`), "Popular Mobilization Forces", chromedp.NodeVisible),
		chromedp.Click(chromedp.CSS(`form.claim-form button[type="submit"]`), chromedp.NodeVisible),
	)
	id := pipeline.ManualClaimID(src.Name, start, end)
	hand, err := st.Claim(ctx, id)
	if err != nil {
		t.Fatalf("the hand-made claim %s is not stored: %v (at %s)", id, err, s.location())
	}
	if !hand.Manual || hand.EditedBy != "alice" || hand.Evidence != words || hand.Action != claim.ActionDeploy {
		t.Errorf("stored hand-made claim: manual %v by %q, %q %s", hand.Manual, hand.EditedBy, hand.Evidence, hand.Action)
	}
	if hand.EventID == "" {
		t.Fatal("the hand-made claim joined no event")
	}
	if want := s.url + "/events/" + hand.EventID + "#claim-" + id; s.location() != want {
		t.Errorf("after adding the claim the browser is at %s, want %s", s.location(), want)
	}
	li := s.text(`main li[id="claim-` + id + `"]`)
	if !strings.Contains(li, words) || !strings.Contains(li, "Added by hand by alice") {
		t.Errorf("the event page lists the hand-made claim as:\n%s", li)
	}
	s.shot("byhand-event")

	// Correct a figure: the anonymous source's 2,000 fighters were 3,500.
	fig, err := st.Claim(ctx, "000-06")
	if err != nil {
		t.Fatal(err)
	}
	if len(fig.Quantities) != 1 || fig.Quantities[0].Min != 2000 {
		t.Fatalf("claim 000-06 has figures %+v, want 2,000 fighters", fig.Quantities)
	}
	s.open("/events/" + fig.EventID)
	if !slices.Contains(s.leaves(), "2,000") {
		t.Fatal("the event page does not show the figure 2,000 before the correction")
	}
	s.submit(chromedp.Click(chromedp.CSS(`li[id="claim-000-06"] a.correct`), chromedp.NodeVisible))
	if want := s.url + "/claims/000-06/correct"; s.location() != want {
		t.Fatalf("the correction link went to %s", s.location())
	}
	if v := eval[string](s, `document.querySelector('form.claim-form input[name="q_min"]').value`); v != "2,000" && v != "2000" {
		t.Errorf("the correction form shows the figure as %q", v)
	}
	s.submit(
		chromedp.SetValue(chromedp.CSS(`form.claim-form input[name="q_min"]`), "3,500", chromedp.NodeVisible),
		chromedp.Click(chromedp.CSS(`form.claim-form button[type="submit"]`), chromedp.NodeVisible),
	)
	fixed, err := st.Claim(ctx, "000-06")
	if err != nil {
		t.Fatal(err)
	}
	if len(fixed.Quantities) != 1 || fixed.Quantities[0].Min != 3500 || fixed.Quantities[0].Unit != fig.Quantities[0].Unit ||
		fixed.Quantities[0].Span != fig.Quantities[0].Span || fixed.EditedBy != "alice" {
		t.Errorf("after the correction the claim has figures %+v (edited by %q), want 3,500 %s with the old span",
			fixed.Quantities, fixed.EditedBy, fig.Quantities[0].Unit)
	}
	if !strings.HasPrefix(s.location(), s.url+"/events/"+fixed.EventID) {
		t.Errorf("after the correction the browser is at %s, want the claim's event", s.location())
	}
	leaves := s.leaves()
	if !slices.Contains(leaves, "3,500") {
		t.Error("the event page does not show the corrected figure 3,500")
	}
	if rows := eval[[]string](s, `Array.from(document.querySelectorAll(".figures tbody tr")).map(r => r.innerText)`); slices.ContainsFunc(rows, func(r string) bool {
		return strings.Contains(r, "2,000") && strings.Contains(r, "Amargi")
	}) {
		t.Errorf("the figures still credit the old 2,000 to the corrected report: %q", rows)
	}
	if li := s.text(`li[id="claim-000-06"]`); !strings.Contains(li, "Edited by alice") {
		t.Errorf("the corrected claim does not say who edited it:\n%s", li)
	}
	s.shot("byhand-corrected")
	// Extracting the source again (the CLI's 'triangulate extract') keeps
	// the hand-made claim with its span, and the corrected figure.
	if _, err := cs.Extract(ctx, src); err != nil {
		t.Fatal(err)
	}
	if _, err := cs.Fuse(ctx); err != nil {
		t.Fatal(err)
	}
	s.changedElsewhere()
	again, err := st.Claim(ctx, id)
	if err != nil || again.Start != start || again.End != end || again.EventID == "" || !again.Manual {
		t.Fatalf("after re-extraction the hand-made claim is %+v (%v)", again, err)
	}
	if kept, err := st.Claim(ctx, "000-06"); err != nil || kept.Quantities[0].Min != 3500 {
		t.Errorf("after re-extraction the corrected claim is %+v (%v)", kept, err)
	}
	s.open("/events/" + again.EventID)
	if n := eval[int](s, `document.querySelectorAll('main li[id="claim-`+id+`"]').length`); n != 1 {
		t.Errorf("after re-extraction the event lists the hand-made claim %d times", n)
	}
}

// writeNajafFlights writes an OpenSky-style flight list of Najaf (ORNI) to
// Tehran Mehrabad (OIII): four or five flights a day from late November
// 2025, fifteen on 7 and 8 January 2026, to 12 January; and the same days
// the other way, two a day. It is made up for the test, in the shape of the
// seed report's claim.
func writeNajafFlights(t *testing.T) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("icao24,callsign,firstseen,lastseen,estdepartureairport,estarrivalairport,day\n")
	n := 0
	row := func(day time.Time, dep, arr string, k int) {
		off := day.Add(time.Duration(6+k) * time.Hour)
		fmt.Fprintf(&b, "%06x,IRA%03d,%d,%d,%s,%s,%s\n", 0x730000+n, n%1000, off.Unix(), off.Add(2*time.Hour).Unix(), dep, arr, day.Format(time.DateOnly))
		n++
	}
	from := time.Date(2025, 11, 20, 0, 0, 0, 0, time.UTC)
	to := time.Date(2026, 1, 12, 0, 0, 0, 0, time.UTC)
	for d, i := from, 0; !d.After(to); d, i = d.AddDate(0, 0, 1), i+1 {
		out := 4 + i%2
		if d.Month() == time.January && (d.Day() == 7 || d.Day() == 8) {
			out = 15
		}
		for k := range out {
			row(d, "ORNI", "OIII", k)
		}
		for k := range 2 {
			row(d, "OIII", "ORNI", k)
		}
	}
	path := filepath.Join(t.TempDir(), "najaf-flights.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestBrowserFlightCheck: with flight data loaded (as 'triangulate flights
// load' does), an analyst runs the flight check of the seed report's claim
// (at least 15 flights from Najaf to Tehran on 7 and 8 January, against a
// normal of four or five) from its event's page: the page shows the
// result, and the chart draws the claim over the data; the check is
// weighed by the event's assessment.
func TestBrowserFlightCheck(t *testing.T) {
	st, _ := seed(t)
	ctx := t.Context()
	cs := pipeline.New(st, pipeline.Options{})
	s := newSession(t, cs, Config{})
	const id = "000-14"
	cl, err := st.Claim(ctx, id)
	if err != nil {
		t.Fatal(err)
	}

	// Before any flight data the panel says how to load some.
	s.open("/events/" + cl.EventID)
	if got := s.text("#checks"); !strings.Contains(got, "No flight data is loaded") {
		t.Errorf("the check panel without data reads:\n%s", got)
	}

	loaded, err := cs.LoadFlights(ctx, pipeline.FlightLoad{Files: []string{writeNajafFlights(t)}, Dataset: "najaf",
		Coverage: flights.CoverageOptions{Infer: true}})
	if err != nil {
		t.Fatal(err)
	}
	if loaded.Routes != 2 || loaded.Rejected != 0 {
		t.Fatalf("loaded %d routes, %d rows rejected", loaded.Routes, loaded.Rejected)
	}
	s.open("/events/" + cl.EventID)
	// Loading the data re-reads the claim's calendar check: the page no
	// longer says that no flight data is loaded.
	if body := s.text("main"); strings.Contains(body, "no flight data loaded") {
		t.Error("after loading flight data the event page still says no flight data is loaded")
	}
	form := `form.check-claim:has(input[name="claim"][value="` + id + `"])`
	if n := eval[int](s, `document.querySelectorAll("#checks .flight-check").length`); n != 0 {
		t.Errorf("%d flight checks shown before any was run", n)
	}
	s.submit(chromedp.Click(chromedp.CSS(form+` button[type="submit"]`), chromedp.NodeVisible))
	// The check fuses the case again: the claim's event is where it is now
	// (the seed case's ids are not the ones fusion gives).
	if cl, err = st.Claim(ctx, id); err != nil {
		t.Fatal(err)
	}
	if want := s.url + "/events/" + cl.EventID + "#checks"; s.location() != want {
		t.Errorf("after the check the browser is at %s, want %s", s.location(), want)
	}
	res := s.text("#checks .flight-check")
	for _, want := range []string{string(claim.Supported), "NJF-THR", id} {
		if !strings.Contains(res, want) {
			t.Errorf("the check's result lacks %q:\n%s", want, res)
		}
	}
	// The chart: the route's days with the claim drawn over them, its count
	// and its stated normal labelled in words.
	overlay := eval[[]int](s, `["#checks .chart svg", "#checks svg .claimed-count", "#checks svg .claimed-normal"].map(q => document.querySelectorAll(q).length)`)
	if !slices.Equal(overlay, []int{1, 1, 1}) {
		t.Errorf("chart, claimed count, claimed normal = %v, want one each", overlay)
	}
	labels := eval[string](s, `document.querySelector("#checks svg").textContent`)
	for _, want := range []string{"claimed 15 a day", "claimed normal 4–5 a day"} {
		if !strings.Contains(labels, want) {
			t.Errorf("the chart lacks the label %q:\n%s", want, labels)
		}
	}
	// Only the calendars of the route's countries (Iraq, Iran) mark it.
	if strings.Contains(labels, "Thanksgiving") {
		t.Errorf("the chart of a route from Najaf to Tehran marks Thanksgiving:\n%s", labels)
	}
	sigs, err := st.Signals(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var checks []claim.Signal
	for _, sg := range sigs {
		if sg.Kind == pipeline.FlightCheckKind && sg.ClaimID == id {
			checks = append(checks, sg)
		}
	}
	if len(checks) != 1 || checks[0].Verdict != claim.Supported || checks[0].Details["dataset"] != "najaf" {
		t.Fatalf("stored flight checks of %s: %+v", id, checks)
	}
	// The event's reasons weigh it, on the same page.
	if body := s.text("main"); !strings.Contains(body, "Data check: "+checks[0].Summary) {
		t.Errorf("the event's reasons do not weigh the check %q", checks[0].Summary)
	}
	s.shot("flightcheck-1400")
	s.shotOf("flightcheck-chart", "#checks .flight-check")

	// Running it again replaces the result instead of adding another.
	s.submit(chromedp.Click(chromedp.CSS(form+` button[type="submit"]`), chromedp.NodeVisible))
	if n := eval[int](s, `document.querySelectorAll("#checks .flight-check").length`); n != 1 {
		t.Errorf("after a second run the page shows %d checks, want 1", n)
	}

	// Correcting the claim's figures re-runs its check with the claim as it
	// is now: one check still, testing the new count.
	cur, err := st.Claim(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	qs := slices.Clone(cur.Quantities)
	i := slices.IndexFunc(qs, func(q claim.Quantity) bool { return q.Min == 15 })
	if i < 0 {
		t.Fatalf("the claim has no figure of 15: %+v", qs)
	}
	qs[i].Min, qs[i].Max = 12, 12
	if _, err := cs.EditClaim(ctx, id, pipeline.ClaimEdit{Version: &cur.Version, Quantities: &qs}, "alice"); err != nil {
		t.Fatal(err)
	}
	sigs, err = st.Signals(ctx)
	if err != nil {
		t.Fatal(err)
	}
	checks = checks[:0]
	for _, sg := range sigs {
		if sg.Kind == pipeline.FlightCheckKind && sg.ClaimID == id {
			checks = append(checks, sg)
		}
	}
	if len(checks) != 1 || fmt.Sprint(checks[0].Details["at_least"]) != "12" {
		t.Errorf("after correcting the figure to 12 the checks of %s read: %+v", id, checks)
	}

	s.width(390)
	s.open("/events/" + cl.EventID)
	if got := eval[[]int](s, `[document.documentElement.scrollWidth, window.innerWidth]`); got[0] > got[1] {
		t.Errorf("the event page with a flight check at 390 px is %d px wide", got[0])
	}
	s.shot("flightcheck-390")
}
