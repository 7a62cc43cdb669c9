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
	"github.com/triangulate/triangulate/source"
	"github.com/triangulate/triangulate/store"
)

// pwnText is a source that tries to run script in the reader two ways.
const pwnText = "Leaked memo <script>window.__pwned=1</script> says " +
	`<img src=x onerror="window.__pwned=1"> 800 fighters moved.` + "\n"

// chromium returns the browser the test drives: TRIANGULATE_TEST_CHROMIUM,
// else Debian's /usr/bin/chromium. Without one the test is skipped on a
// developer's machine but fails in CI, so CI cannot pass by accident.
func chromium(t *testing.T) string {
	t.Helper()
	path := os.Getenv("TRIANGULATE_TEST_CHROMIUM")
	if path == "" {
		path = "/usr/bin/chromium"
	}
	if _, err := os.Stat(path); err != nil {
		if os.Getenv("CI") == "" {
			t.Skipf("no chromium at %s (set TRIANGULATE_TEST_CHROMIUM, or run scripts/test.sh which installs it)", path)
		}
		t.Fatalf("CI: no chromium at %s: %v", path, err)
	}
	return path
}

// artifactDir is test-artifacts/ at the module root (ignored by git), where
// screenshots are kept for a person to look at.
func artifactDir(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test's directory")
		}
		dir = parent
	}
	dir = filepath.Join(dir, "test-artifacts")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestBrowser(t *testing.T) {
	exec := chromium(t)

	st, _ := seed(t)
	ctx := t.Context()
	pwn := &claim.Source{Name: "pwn.html", Title: "Leaked memo", MediaType: "text/plain",
		ContentHash: source.Hash([]byte(pwnText)), Raw: []byte(pwnText), Text: pwnText, Fetched: time.Unix(0, 0).UTC()}
	pwnID, _, err := st.AddSource(ctx, pwn)
	if err != nil {
		t.Fatal(err)
	}
	acc, ok := store.AccountsOf(st)
	if !ok {
		t.Fatal("SQLite store keeps no accounts")
	}
	hash, err := HashPassword("correct horse")
	if err != nil {
		t.Fatal(err)
	}
	if err := acc.AddUser(ctx, store.User{Name: "alice", PasswordHash: hash, Role: store.Analyst, Created: time.Now()}); err != nil {
		t.Fatal(err)
	}
	h, err := New(Config{Store: st})
	if err != nil {
		t.Fatal(err)
	}
	// No shim: Chromium's own /favicon.ico request, redirected to /login
	// while logged out, must not invalidate the login form on screen.
	srv := httptest.NewServer(h) // listens on 127.0.0.1
	t.Cleanup(srv.Close)

	// One bound for the whole browser session, so a hung browser fails the
	// test instead of stalling it until go test's own timeout.
	bctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exec),
		chromedp.NoSandbox, // CI runs as root, where Chromium's sandbox refuses to start
		chromedp.DisableGPU,
		chromedp.Flag("disable-component-update", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(bctx, opts...)
	defer cancelAlloc()
	bc, cancelBrowser := chromedp.NewContext(actx)
	defer cancelBrowser()

	dir := artifactDir(t)
	shot := func(name string) {
		t.Helper()
		png, err := chromedp.Run(bc, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatalf("screenshot %s: %v", name, err)
		}
		path := filepath.Join(dir, "browser-"+name+".png")
		if err := os.WriteFile(path, png, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("screenshot: %s", path)
	}
	location := func() string {
		t.Helper()
		u, err := chromedp.Run(bc, chromedp.Location())
		if err != nil {
			t.Fatal(err)
		}
		return u
	}
	bodyText := func() string {
		t.Helper()
		s, err := chromedp.Run(bc, chromedp.Text(chromedp.CSS("body")))
		if err != nil {
			t.Fatal(err)
		}
		return s
	}

	// Anonymous visitors are sent to the login form.
	if err := chromedp.Do(bc, chromedp.Navigate(srv.URL+"/")); err != nil {
		t.Fatal(err)
	}
	if u := location(); u != srv.URL+"/login" {
		t.Fatalf("anonymous visit ended at %s, want the login page", u)
	}

	// Log in through the form; its hidden CSRF token travels with it.
	resp, err := chromedp.RunResponse(bc,
		chromedp.SendKeys(chromedp.CSS(`input[name="name"]`), "alice"),
		chromedp.SendKeys(chromedp.CSS(`input[name="password"]`), "correct horse"),
		chromedp.Click(chromedp.CSS(`form.login button[type="submit"]`)),
	)
	if err != nil {
		t.Fatalf("log in: %v", err)
	}
	if resp.Status != 200 || location() != srv.URL+"/" {
		t.Fatalf("after logging in: status %d at %s", resp.Status, location())
	}
	if csp, _ := resp.Headers["Content-Security-Policy"].(string); !strings.Contains(csp, "script-src 'self'") {
		t.Fatalf("dashboard CSP as the browser saw it: %q", csp)
	}
	body := bodyText()
	for _, want := range []string{"alice", "Log out", "Iraqi militia fighters crossed into Iran"} {
		if !strings.Contains(body, want) {
			t.Errorf("dashboard lacks %q:\n%s", want, body)
		}
	}
	shot("dashboard")

	// Follow the dashboard's link to the deploy event.
	resp, err = chromedp.RunResponse(bc, chromedp.Click(chromedp.CSS(`a[href="/events/ev-01"]`)))
	if err != nil {
		t.Fatalf("open event: %v", err)
	}
	if resp.Status != 200 || location() != srv.URL+"/events/ev-01" {
		t.Fatalf("event page: status %d at %s", resp.Status, location())
	}
	// The figures must each be the whole rendered text of some element,
	// not merely digits somewhere on the page.
	leaves, err := chromedp.Run(bc, chromedp.Evaluate[[]string](
		`Array.from(document.querySelectorAll("main *")).filter(e => e.children.length === 0).map(e => e.innerText.trim())`))
	if err != nil {
		t.Fatal(err)
	}
	for _, fig := range []string{"800", "2,000", "5,000"} {
		if !slices.Contains(leaves, fig) {
			t.Errorf("event page does not show the figure %s", fig)
		}
	}
	if body := bodyText(); !strings.Contains(body, "Contradictions") {
		t.Errorf("event page lacks its contradictions:\n%s", body)
	}
	// The evidence matrix sets origins against claims; the two fighter
	// figures of 2,000 and 5,000 stand against each other in it.
	against, err := chromedp.Run(bc, chromedp.Evaluate[int](`document.querySelectorAll("table.matrix td.inconsistent").length`))
	if err != nil {
		t.Fatal(err)
	}
	if against == 0 {
		t.Error("the event page's evidence matrix shows nothing inconsistent")
	}
	shot("event")

	// The hostile source's markup must arrive as text: nothing runs, no
	// image loads, and the policy stops script injected after the fact.
	resp, err = chromedp.RunResponse(bc, chromedp.Navigate(srv.URL+"/sources/"+itoa(pwnID)))
	if err != nil {
		t.Fatalf("open hostile source: %v", err)
	}
	if resp.Status != 200 {
		t.Fatalf("hostile source: status %d", resp.Status)
	}
	pwned, err := chromedp.Run(bc, chromedp.Evaluate[bool](`window.__pwned === undefined`))
	if err != nil {
		t.Fatal(err)
	}
	if !pwned {
		t.Fatal("the hostile source's script ran in the reader")
	}
	reader, err := chromedp.Run(bc, chromedp.Text(chromedp.CSS(".reader")))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"<script>window.__pwned=1</script>", `<img src=x onerror="window.__pwned=1">`} {
		if !strings.Contains(reader, want) {
			t.Errorf("reader does not show %q as text:\n%s", want, reader)
		}
	}
	counts, err := chromedp.Run(bc, chromedp.Evaluate[[]int](
		`[[...document.scripts].filter(s => !s.src.startsWith(location.origin + "/static/")).length, document.images.length, document.querySelectorAll("[onerror],[onload],[onclick]").length]`))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(counts, []int{0, 0, 0}) {
		t.Errorf("reader has scripts (other than the workspace's own), images, handler attributes = %v, want none", counts)
	}
	// Inline script added to the page now must be refused by the CSP: an
	// allowed inline script runs as soon as it is appended, so the flag
	// tells synchronously; the violation report says which rule refused it.
	verdict, err := chromedp.Run(bc, chromedp.Evaluate[string](`new Promise(resolve => {
		document.addEventListener("securitypolicyviolation", e => resolve(e.effectiveDirective), {once: true});
		const s = document.createElement("script");
		s.textContent = "window.__inline = 1";
		document.body.appendChild(s);
		if (window.__inline !== undefined) resolve("inline script ran");
		setTimeout(() => resolve("no violation reported"), 10000);
	})`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("injected inline script refused by: %s", verdict)
	if !strings.HasPrefix(verdict, "script-src") {
		t.Errorf("injected inline script: %s, want it blocked by script-src", verdict)
	}
	shot("source")

	// The seed case's own source shows its claims marked in place.
	if err := chromedp.Do(bc, chromedp.Navigate(srv.URL+"/sources/1")); err != nil {
		t.Fatal(err)
	}
	marks, err := chromedp.Run(bc, chromedp.Evaluate[int](`document.querySelectorAll(".reader mark[id^='claim-']").length`))
	if err != nil {
		t.Fatal(err)
	}
	if marks == 0 {
		t.Error("the seed source's reader marks no claims")
	}

	// Correct the first claim's modality through its edit form on /claims;
	// the change must survive a reload and reach the store.
	if err := chromedp.Do(bc, chromedp.Navigate(srv.URL+"/claims")); err != nil {
		t.Fatal(err)
	}
	firstForm := `form[action$="/edit"]` // CSS is querySelector: the first match
	action, err := chromedp.Run(bc, chromedp.AttributeValue(chromedp.CSS(firstForm), "action", chromedp.NodeVisible))
	if err != nil {
		t.Fatalf("claims page has no edit form: %v", err)
	}
	if !action.Exists {
		t.Fatal("the first edit form has no action")
	}
	claimID := strings.TrimSuffix(strings.TrimPrefix(action.Value, "/claims/"), "/edit")
	before, err := st.Claim(ctx, claimID)
	if err != nil {
		t.Fatalf("claim %q behind the first form: %v", claimID, err)
	}
	form := `form[action="` + action.Value + `"]`
	modality := form + ` select[name="modality"]`
	shown, err := chromedp.Run(bc, chromedp.Value(chromedp.CSS(modality), chromedp.NodeVisible))
	if err != nil {
		t.Fatal(err)
	}
	if shown != string(before.Modality) {
		t.Fatalf("form shows modality %q, store has %q", shown, before.Modality)
	}
	want := claim.Denied
	if before.Modality == want {
		want = claim.Hedged
	}
	resp, err = chromedp.RunResponse(bc,
		chromedp.SetValue(chromedp.CSS(modality), string(want), chromedp.NodeVisible),
		chromedp.Click(chromedp.CSS(form+` button[type="submit"]`), chromedp.NodeVisible),
	)
	if err != nil {
		t.Fatalf("save claim edit: %v", err)
	}
	if resp.Status != 200 || location() != srv.URL+"/claims" {
		t.Fatalf("after saving the edit: status %d at %s", resp.Status, location())
	}
	if err := chromedp.Do(bc, chromedp.Reload()); err != nil {
		t.Fatalf("reload claims: %v", err)
	}
	shown, err = chromedp.Run(bc, chromedp.Value(chromedp.CSS(modality), chromedp.NodeVisible))
	if err != nil {
		t.Fatal(err)
	}
	if shown != string(want) {
		t.Errorf("after reload the form shows modality %q, want %q", shown, want)
	}
	cell, err := chromedp.Run(bc, chromedp.Text(chromedp.CSS(`td[id="claim-`+claimID+`"]`), chromedp.NodeVisible))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(cell, "Edited by alice") {
		t.Errorf("edited claim's cell does not credit alice:\n%s", cell)
	}
	after, err := st.Claim(ctx, claimID)
	if err != nil {
		t.Fatal(err)
	}
	if after.Modality != want {
		t.Errorf("store has modality %q after the edit, want %q", after.Modality, want)
	}
	if after.Action != before.Action || after.Rejected != before.Rejected {
		t.Errorf("edit changed more than the modality: action %q->%q, rejected %v->%v",
			before.Action, after.Action, before.Rejected, after.Rejected)
	}
	shot("claims")

	// Flight data: the chart of a route against its expected band, with
	// the day Tropical Storm Allison closed Houston flagged.
	storeBTS(t, st)
	if err := chromedp.Do(bc, chromedp.Navigate(srv.URL+"/flights?route=HOU-DAL")); err != nil {
		t.Fatal(err)
	}
	svgs, err := chromedp.Run(bc, chromedp.Evaluate[int](`document.querySelectorAll(".flight-chart svg").length`))
	if err != nil {
		t.Fatal(err)
	}
	if svgs != 1 || !strings.Contains(bodyText(), "2001-06-09") {
		t.Errorf("flight page: %d charts, flagged day shown %v", svgs, strings.Contains(bodyText(), "2001-06-09"))
	}
	shot("flights")
}
