package server

import (
	"context"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/examples"
	"github.com/triangulate/triangulate/internal/shared"
	"github.com/triangulate/triangulate/pipeline"
	"github.com/triangulate/triangulate/source"
	"github.com/triangulate/triangulate/store"
)

// workbenchCase is a case as an analyst builds it: the seed documents and
// the sixteen dev reports (real articles, with their outlets and dates)
// ingested through the service layer, extracted and fused. The pages of a
// real case are long and wide where the seed case's are short.
func workbenchCase(t *testing.T) (store.Store, *pipeline.Case) {
	t.Helper()
	ctx := t.Context()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "case.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	cs := pipeline.New(st, pipeline.Options{})
	in := &source.Ingester{}
	var srcs []*claim.Source
	for _, p := range examples.SeedFiles {
		ss, err := in.FromFS(examples.Seed, p)
		if err != nil {
			t.Fatal(err)
		}
		srcs = append(srcs, ss...)
	}
	for _, d := range shared.DevTexts(t) {
		b, err := os.ReadFile(d.Path)
		if err != nil {
			t.Fatal(err)
		}
		sm := source.Meta{Outlet: d.Outlet, URL: d.URL}
		if d.Published != "" {
			if sm.Published, err = source.ParseDate(d.Published); err != nil {
				t.Fatal(err)
			}
		}
		ss, err := in.FromBytes(filepath.Base(d.Path), b, "text/plain", sm)
		if err != nil {
			t.Fatal(err)
		}
		srcs = append(srcs, ss...)
	}
	if _, err := cs.Ingest(ctx, srcs); err != nil {
		t.Fatal(err)
	}
	return st, cs
}

// session is a logged-in Chromium driving the workspace.
type session struct {
	t      *testing.T
	ctx    context.Context
	url    string  // the server's base URL
	server *Server // for a test that changes the store behind its back
}

// newSession starts a workspace over cs with an analyst account, starts
// Chromium and logs the analyst in through the form.
func newSession(t *testing.T, cs *pipeline.Case, cfg Config) *session {
	t.Helper()
	exec := chromium(t)
	addUser(t, cs.Store(), "alice", store.Analyst) // password "password alice"
	cfg.Case = cs
	h, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	bctx, cancel := context.WithTimeout(t.Context(), 4*time.Minute)
	t.Cleanup(cancel)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exec),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-component-update", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1400, 900),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(bctx, opts...)
	t.Cleanup(cancelAlloc)
	bc, cancelBrowser := chromedp.NewContext(actx)
	t.Cleanup(cancelBrowser)
	s := &session{t: t, ctx: bc, url: srv.URL, server: h.(*Server)}
	s.open("/login")
	s.submit(
		chromedp.SendKeys(chromedp.CSS(`input[name="name"]`), "alice"),
		chromedp.SendKeys(chromedp.CSS(`input[name="password"]`), "password alice"),
		chromedp.Click(chromedp.CSS(`form.login button[type="submit"]`)),
	)
	if u := s.location(); u != srv.URL+"/" {
		t.Fatalf("after logging in: at %s", u)
	}
	return s
}

// changedElsewhere tells the server the store was changed by another
// process (the CLI), as its revision check finds out within reportTTL.
func (s *session) changedElsewhere() { s.server.invalidateReport() }

// open navigates to path and fails unless the page answers 200.
func (s *session) open(path string) {
	s.t.Helper()
	s.openStatus(path, 200)
}

func (s *session) openStatus(path string, want int64) {
	s.t.Helper()
	resp, err := chromedp.RunResponse(s.ctx, chromedp.Navigate(s.url+path))
	if err != nil {
		s.t.Fatalf("open %s: %v", path, err)
	}
	if resp.Status != want {
		s.t.Fatalf("open %s: status %d, want %d\n%s", path, resp.Status, want, s.text("body"))
	}
}

// submit runs actions that end in a navigation (a form posted) and fails
// unless the page they land on answers 200.
func (s *session) submit(actions ...chromedp.Action[chromedp.Void]) {
	s.t.Helper()
	resp, err := chromedp.RunResponse(s.ctx, actions...)
	if err != nil {
		s.t.Fatalf("submit: %v", err)
	}
	if resp.Status != 200 {
		s.t.Fatalf("submit: status %d at %s\n%s", resp.Status, s.location(), s.text("body"))
	}
}

func (s *session) location() string {
	s.t.Helper()
	u, err := chromedp.Run(s.ctx, chromedp.Location())
	if err != nil {
		s.t.Fatal(err)
	}
	return u
}

// text is the rendered text of the first element matching css.
func (s *session) text(css string) string {
	s.t.Helper()
	v, err := chromedp.Run(s.ctx, chromedp.Text(chromedp.CSS(css)))
	if err != nil {
		s.t.Fatalf("text of %s: %v", css, err)
	}
	return v
}

// eval evaluates js in the page.
func eval[T any](s *session, js string) T {
	s.t.Helper()
	v, err := chromedp.Run(s.ctx, chromedp.Evaluate[T](js))
	if err != nil {
		s.t.Fatalf("evaluate %s: %v", js, err)
	}
	return v
}

// width emulates a viewport width px wide.
func (s *session) width(px int64) {
	s.t.Helper()
	if err := chromedp.Do(s.ctx, chromedp.EmulateViewport(px, 900)); err != nil {
		s.t.Fatal(err)
	}
}

// shot saves a full-page screenshot as test-artifacts/NAME.png.
func (s *session) shot(name string) {
	s.t.Helper()
	png, err := chromedp.Run(s.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		s.t.Fatalf("screenshot %s: %v", name, err)
	}
	path := filepath.Join(artifactDir(s.t), name+".png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		s.t.Fatal(err)
	}
	s.t.Logf("screenshot: %s", path)
}

// shotOf saves a screenshot of the first element matching css.
func (s *session) shotOf(name, css string) {
	s.t.Helper()
	png, err := chromedp.Run(s.ctx, chromedp.Screenshot(chromedp.CSS(css), chromedp.NodeVisible))
	if err != nil {
		s.t.Fatalf("screenshot %s of %s: %v", name, css, err)
	}
	path := filepath.Join(artifactDir(s.t), name+".png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		s.t.Fatal(err)
	}
	s.t.Logf("screenshot: %s", path)
}

// busiestEvent is the id of the event with the most claims.
func busiestEvent(t *testing.T, st store.Store) string {
	t.Helper()
	evs, err := st.Events(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	best, n := "", -1
	for _, e := range evs {
		if len(e.Members) > n {
			best, n = e.ID, len(e.Members)
		}
	}
	if best == "" {
		t.Fatal("the case has no events")
	}
	return best
}

// TestScreens: every main page at 1400 and 390 px wide, with no horizontal
// overflow at 390 (the document no wider than the viewport), screenshots
// kept in test-artifacts/; landmarks and a skip link on every page; what
// the evidence matrix and the reader's highlights say is on the page as
// text, not in hover-only titles; error pages inside the layout, without
// internal prefixes.
func TestScreens(t *testing.T) {
	st, cs := workbenchCase(t)
	s := newSession(t, cs, Config{})
	ev := busiestEvent(t, st)
	srcs, err := st.Sources(t.Context(), store.Page{Limit: 1})
	if err != nil || len(srcs) == 0 {
		t.Fatalf("sources: %v", err)
	}
	evc, err := st.Event(t.Context(), ev)
	if err != nil || len(evc.Members) == 0 {
		t.Fatalf("event %s: %v", ev, err)
	}
	pages := []struct{ name, path string }{
		{"dashboard", "/"},
		{"event", "/events/" + ev},
		{"source", "/sources/" + itoa(srcs[0].ID)},
		{"sources", "/sources"},
		{"claims", "/claims"},
		{"flights", "/flights"},
		{"claim-new", "/sources/" + itoa(srcs[0].ID) + "/claims/new?start=0&end=60"},
		{"claim-correct", "/claims/" + evc.Members[0].ClaimID + "/correct"},
	}
	for _, w := range []int64{1400, 390} {
		s.width(w)
		for _, p := range pages {
			s.open(p.path)
			// What a click unfolds (the timeline in words) must fit too.
			eval[int](s, `document.querySelectorAll("details").forEach(d => d.open = true), 0`)
			got := eval[[]int](s, `[document.documentElement.scrollWidth, window.innerWidth]`)
			if w == 390 && got[0] > got[1] {
				wide := eval[[]string](s, `Array.from(document.querySelectorAll("body *")).filter(e => e.getBoundingClientRect().right > window.innerWidth + 1).slice(0, 8).map(e => e.tagName + "." + e.className + " " + Math.round(e.getBoundingClientRect().right))`)
				t.Errorf("%s at %d px: the document is %d px wide (viewport %d); widest: %v", p.name, w, got[0], got[1], wide)
			}
			s.shot("screen-" + p.name + "-" + itoa(w))
			lm := eval[[]int](s, `[document.querySelectorAll("header").length, document.querySelectorAll("nav").length, document.querySelectorAll("main#main").length, document.querySelectorAll("a.skip[href='#main']").length]`)
			if w == 1400 && !slices.Equal(lm, []int{1, 1, 1, 1}) {
				t.Errorf("%s: header, nav, main, skip link = %v, want one each", p.name, lm)
			}
		}
	}

	// Nothing is said only in a title attribute (a hover tooltip): every
	// titled element's title also appears as the page's text.
	for _, p := range []string{"/events/" + ev, "/sources/" + itoa(srcs[0].ID)} {
		s.open(p)
		hidden := eval[[]string](s, `(() => { const text = document.body.innerText; return Array.from(document.querySelectorAll("[title]")).map(e => e.title).filter(t => !text.includes(t)).slice(0, 5); })()`)
		if len(hidden) > 0 {
			t.Errorf("%s says in tooltips only: %q", p, hidden)
		}
	}
	s.open("/events/" + ev)
	if n := eval[int](s, `Array.from(document.querySelectorAll("table.matrix td.cell a[href^='#why-']")).filter(a => document.getElementById(a.hash.slice(1))).length`); n == 0 {
		t.Error("the evidence matrix's cells do not say why as text")
	}

	// The skip link takes the keyboard to the content.
	s.width(1400)
	s.open("/")
	if err := chromedp.Do(s.ctx, chromedp.KeyEvent("\t")); err != nil {
		t.Fatal(err)
	}
	if f := eval[string](s, `document.activeElement.className`); f != "skip" {
		t.Errorf("the first Tab lands on %q, want the skip link", f)
	}

	// Error pages are pages: the layout, a person's message, no "store: ".
	for _, c := range []struct {
		path   string
		status int64
		want   string
	}{
		{"/sources/999999", 404, "not found"},
		{"/events/ev-nope", 404, "No event"},
		{"/claims?modality=perhaps", 400, "Unknown modality"},
		{"/no/such/page", 404, "There is no page at /no/such/page"},
	} {
		s.openStatus(c.path, c.status)
		body := s.text("main")
		if !strings.Contains(body, c.want) || strings.Contains(body, "store:") || strings.Contains(body, "pipeline:") {
			t.Errorf("%s: error page says:\n%s", c.path, body)
		}
		if n := eval[int](s, `document.querySelectorAll("header nav a").length`); n == 0 {
			t.Errorf("%s: the error page is outside the layout", c.path)
		}
	}
	s.width(390)
	s.openStatus("/sources/999999", 404)
	s.shot("screen-error-390")

	// The address of an event merged into another is a page like the rest.
	evs, err := st.Events(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(evs, func(e claim.Event) bool { return e.ID != ev && len(e.Members) >= 2 })
	if i < 0 {
		t.Fatal("no second event of two claims to merge")
	}
	if _, err := cs.MergeEvents(t.Context(), evs[i].ID, ev, "alice"); err != nil {
		t.Fatal(err)
	}
	s.changedElsewhere()
	for _, w := range []int64{1400, 390} {
		s.width(w)
		s.open("/events/" + evs[i].ID)
		if !strings.Contains(s.text("main"), "merged into") {
			t.Fatalf("the merged-away event's address says:\n%s", s.text("main"))
		}
		if got := eval[[]int](s, `[document.documentElement.scrollWidth, window.innerWidth]`); w == 390 && got[0] > got[1] {
			t.Errorf("the merged-away page at 390 px is %d px wide", got[0])
		}
		lm := eval[[]int](s, `[document.querySelectorAll("header").length, document.querySelectorAll("nav").length, document.querySelectorAll("main#main").length, document.querySelectorAll("a.skip[href='#main']").length]`)
		if !slices.Equal(lm, []int{1, 1, 1, 1}) {
			t.Errorf("merged-away page: header, nav, main, skip link = %v, want one each", lm)
		}
		hidden := eval[[]string](s, `(() => { const text = document.body.innerText; return Array.from(document.querySelectorAll("[title]")).map(e => e.title).filter(t => !text.includes(t)).slice(0, 5); })()`)
		if len(hidden) > 0 {
			t.Errorf("the merged-away page says in tooltips only: %q", hidden)
		}
		s.shot("screen-merged-away-" + itoa(w))
	}
}

// TestQuoteLinks: on the event page every quote links to its own words in
// the source's reader, and following one lands on the highlighted span.
func TestQuoteLinks(t *testing.T) {
	st, cs := workbenchCase(t)
	s := newSession(t, cs, Config{})
	ev := busiestEvent(t, st)
	s.open("/events/" + ev)
	bare := eval[[]string](s, `Array.from(document.querySelectorAll("main a[href^='/sources/']")).filter(a => !a.hash.startsWith("#claim-")).map(a => a.getAttribute("href"))`)
	if len(bare) > 0 {
		t.Errorf("links to a source's top instead of its words: %v", bare)
	}
	names := eval[[]string](s, `Array.from(document.querySelectorAll("main a[href^='/sources/']")).map(a => a.textContent)`)
	if i := slices.IndexFunc(names, func(n string) bool { return strings.HasSuffix(n, ".txt") }); i >= 0 {
		t.Errorf("a source is named by its file: %q", names[i])
	}
	href := eval[string](s, `document.querySelector("main li.quote a[href^='/sources/']").getAttribute("href")`)
	quote := eval[string](s, `document.querySelector("main li.quote a[href^='/sources/']").closest("li").querySelector(".words").textContent`)
	s.submit(chromedp.Click(chromedp.CSS(`main li.quote a[href^='/sources/']`)))
	if !strings.HasSuffix(s.location(), href) {
		t.Fatalf("the quote link went to %s, want %s", s.location(), href)
	}
	target := eval[[]string](s, `(() => { const e = document.querySelector(":target"); return e ? [e.tagName, e.textContent] : []; })()`)
	if len(target) != 2 || target[0] != "MARK" || strings.Join(strings.Fields(target[1]), " ") != strings.Join(strings.Fields(quote), " ") {
		t.Errorf("landed on %v, want the highlighted quote %q", target, quote)
	}
	// The span is scrolled into view: its box meets the window (scrolled to
	// the top, its top may sit a fraction of a pixel above 0).
	box := eval[[]float64](s, `(() => { const r = document.querySelector(":target").getBoundingClientRect(); return [r.top, r.bottom, window.innerHeight]; })()`)
	if len(box) != 3 || box[1] <= 0 || box[0] >= box[2] {
		t.Errorf("the highlighted span (top, bottom, window height) %v px is out of view", box)
	}
}
