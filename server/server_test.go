package server

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/report/reporttest"
	"github.com/triangulate/triangulate/source"
	"github.com/triangulate/triangulate/store"
)

const xssText = "Breaking: <script>alert(1)</script> fighters crossed the border.\n"

// seed stores the seed case plus a hostile source in a new SQLite store.
// It returns the store and the hostile source's id.
func seed(t *testing.T) (store.Store, int64) {
	t.Helper()
	ctx := t.Context()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "case.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	seedInto(t, st)
	c := reporttest.SeedCase(t)

	hostile := &claim.Source{Name: "hostile.html", Title: "<b>hostile</b>", MediaType: "text/plain",
		ContentHash: source.Hash([]byte(xssText)), Raw: []byte(xssText), Text: xssText, Fetched: time.Unix(0, 0).UTC()}
	id, _, err := st.AddSource(ctx, hostile)
	if err != nil {
		t.Fatal(err)
	}
	// A claim whose span covers the script tag, so the marked reader must
	// escape inside <mark> as well as outside.
	cl := c.Claims[0]
	start := strings.Index(xssText, "<script>")
	end := strings.Index(xssText, " fighters")
	cl.ID, cl.SourceID, cl.Source, cl.Start, cl.End, cl.Evidence, cl.EventID = "hostile-1", id, hostile.Name, start, end, xssText[start:end], ""
	if err := st.ReplaceClaims(ctx, id, []claim.Claim{cl}); err != nil {
		t.Fatal(err)
	}
	return st, id
}

// seedInto stores the seed case in st: sources, claims, events,
// assessments and signals.
func seedInto(t *testing.T, st store.Store) {
	t.Helper()
	c := reporttest.SeedCase(t)
	ctx := t.Context()
	for i := range c.Sources {
		s := c.Sources[i]
		id, _, err := st.AddSource(ctx, &s)
		if err != nil {
			t.Fatal(err)
		}
		var cls []claim.Claim
		for _, cl := range c.Claims {
			if cl.SourceID == s.ID {
				cl.SourceID = id
				cls = append(cls, cl)
			}
		}
		if err := st.ReplaceClaims(ctx, id, cls); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.ReplaceFusion(ctx, store.Fusion{Events: c.Events, Assessments: c.Assessments}); err != nil {
		t.Fatal(err)
	}
	if err := st.PutSignals(ctx, c.Signals); err != nil {
		t.Fatal(err)
	}
}

func newServer(t *testing.T, st store.Store, anonymous bool) *httptest.Server {
	t.Helper()
	h, err := New(Config{Store: st, AllowAnonymous: anonymous})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

func get(t *testing.T, c *http.Client, u string, hdr ...string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, u, nil)
	if err != nil {
		t.Fatal(err)
	}
	return do(t, c, req, hdr...)
}

// do sends req with the header pairs hdr and returns the response and its
// whole body.
func do(t *testing.T, c *http.Client, req *http.Request, hdr ...string) (*http.Response, string) {
	t.Helper()
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, string(b)
}

func noRedirect() *http.Client {
	return &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

func TestHealthzAndHeaders(t *testing.T) {
	st, _ := seed(t)
	srv := newServer(t, st, false)
	for _, path := range []string{"/healthz", "/", "/api/v1/events", "/static/app.css"} {
		resp, _ := get(t, noRedirect(), srv.URL+path)
		if got := resp.Header.Get("Content-Security-Policy"); !strings.Contains(got, "script-src 'self'") || !strings.Contains(got, "frame-ancestors 'none'") {
			t.Errorf("%s: CSP %q", path, got)
		}
		if resp.Header.Get("X-Content-Type-Options") != "nosniff" || resp.Header.Get("Referrer-Policy") == "" {
			t.Errorf("%s: headers %v", path, resp.Header)
		}
	}
	resp, body := get(t, srv.Client(), srv.URL+"/healthz")
	if resp.StatusCode != 200 || !strings.Contains(body, `"ok"`) {
		t.Fatalf("healthz: %d %s", resp.StatusCode, body)
	}
	resp, body = get(t, srv.Client(), srv.URL+"/static/app.css")
	if resp.StatusCode != 200 || !strings.Contains(resp.Header.Get("Content-Type"), "text/css") || !strings.Contains(body, "mark") {
		t.Fatalf("app.css: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
}

func TestAPI(t *testing.T) {
	st, hostile := seed(t)
	srv := newServer(t, st, true)
	c := srv.Client()

	var sources List[claim.Source]
	getJSON(t, c, srv.URL+"/api/v1/sources?limit=2", 200, &sources)
	if sources.Total != 3 || len(sources.Items) != 2 || sources.Limit != 2 || sources.Items[0].ID != 1 {
		t.Fatalf("sources page 1: total %d, %d items, limit %d", sources.Total, len(sources.Items), sources.Limit)
	}
	getJSON(t, c, srv.URL+"/api/v1/sources?limit=2&offset=2", 200, &sources)
	if len(sources.Items) != 1 || sources.Items[0].ID != hostile || sources.Offset != 2 {
		t.Fatalf("sources page 2: %+v", sources.Items)
	}
	var one claim.Source
	getJSON(t, c, srv.URL+"/api/v1/sources/1", 200, &one)
	if one.ID != 1 || one.Text == "" {
		t.Fatalf("source 1: %+v", one)
	}

	var all, page1, page2, ev1 List[claim.Claim]
	getJSON(t, c, srv.URL+"/api/v1/claims?limit=1000", 200, &all)
	getJSON(t, c, srv.URL+"/api/v1/claims?limit=3", 200, &page1)
	getJSON(t, c, srv.URL+"/api/v1/claims?limit=3&offset=3", 200, &page2)
	if len(all.Items) < 6 || len(page1.Items) != 3 || len(page2.Items) != 3 || page1.Items[0].ID == page2.Items[0].ID {
		t.Fatalf("claims pagination: %d all, pages %d/%d", len(all.Items), len(page1.Items), len(page2.Items))
	}
	getJSON(t, c, srv.URL+"/api/v1/claims?event=ev-01&limit=1000", 200, &ev1)
	if len(ev1.Items) == 0 || len(ev1.Items) >= len(all.Items) {
		t.Fatalf("event filter: %d of %d", len(ev1.Items), len(all.Items))
	}
	for _, cl := range ev1.Items {
		if cl.EventID != "ev-01" {
			t.Errorf("event filter let through %s of %s", cl.ID, cl.EventID)
		}
	}
	var bySource List[claim.Claim]
	getJSON(t, c, srv.URL+"/api/v1/claims?source=3", 200, &bySource)
	if len(bySource.Items) != 1 || bySource.Items[0].ID != "hostile-1" {
		t.Fatalf("source filter: %+v", bySource.Items)
	}
	action := string(ev1.Items[0].Action)
	var byAction List[claim.Claim]
	getJSON(t, c, srv.URL+"/api/v1/claims?limit=1000&action="+action, 200, &byAction)
	for _, cl := range byAction.Items {
		if string(cl.Action) != action {
			t.Errorf("action filter let through %s", cl.Action)
		}
	}

	var evs List[claim.Event]
	getJSON(t, c, srv.URL+"/api/v1/events", 200, &evs)
	if len(evs.Items) != 7 || evs.Items[0].ID != "ev-01" {
		t.Fatalf("events: %d", len(evs.Items))
	}
	var ev claim.Event
	getJSON(t, c, srv.URL+"/api/v1/events/ev-01", 200, &ev)
	if ev.Title != "Iraqi militia fighters crossed into Iran" {
		t.Fatalf("event: %+v", ev.Title)
	}
	var as List[claim.Assessment]
	getJSON(t, c, srv.URL+"/api/v1/assessments", 200, &as)
	if len(as.Items) == 0 || as.Items[0].EventID != "ev-01" {
		t.Fatalf("assessments: %+v", as.Items)
	}
	var sigs List[claim.Signal]
	getJSON(t, c, srv.URL+"/api/v1/signals", 200, &sigs)
	if len(sigs.Items) == 0 {
		t.Fatal("no signals")
	}

	var stix struct {
		Type    string            `json:"type"`
		Objects []json.RawMessage `json:"objects"`
	}
	getJSON(t, c, srv.URL+"/api/v1/exports/stix", 200, &stix)
	if stix.Type != "bundle" || len(stix.Objects) == 0 {
		t.Fatalf("stix: %q with %d objects", stix.Type, len(stix.Objects))
	}

	for _, tc := range []struct {
		path   string
		status int
		kind   string
	}{
		{"/api/v1/sources/99", 404, "not found"},
		{"/api/v1/sources/x", 400, "bad input"},
		{"/api/v1/sources?limit=-1", 400, "bad input"},
		{"/api/v1/claims?action=nonsense", 400, "bad input"},
		{"/api/v1/events/ev-99", 404, "not found"},
		{"/api/v1/exports/pdf", 404, "not found"},
		{"/api/v1/nothing", 404, "not found"},
	} {
		var e struct {
			Error struct{ Kind, Message string } `json:"error"`
		}
		getJSON(t, c, srv.URL+tc.path, tc.status, &e)
		if e.Error.Kind != tc.kind || e.Error.Message == "" {
			t.Errorf("%s: error %+v, want kind %q", tc.path, e.Error, tc.kind)
		}
	}
}

func getJSON(t *testing.T, c *http.Client, u string, status int, v any) {
	t.Helper()
	resp, body := get(t, c, u)
	if resp.StatusCode != status {
		t.Fatalf("GET %s: status %d, want %d: %s", u, resp.StatusCode, status, body)
	}
	if !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/") {
		t.Fatalf("GET %s: content type %q", u, resp.Header.Get("Content-Type"))
	}
	if err := json.Unmarshal([]byte(body), v); err != nil {
		t.Fatalf("GET %s: %v\n%s", u, err, body)
	}
}

func TestPages(t *testing.T) {
	st, hostile := seed(t)
	srv := newServer(t, st, true)
	c := srv.Client()

	resp, body := get(t, c, srv.URL+"/")
	if resp.StatusCode != 200 || !strings.Contains(body, `href="/events/ev-01"`) || !strings.Contains(body, "<svg") ||
		!strings.Contains(body, "corroborated") || !strings.Contains(body, "likely") {
		t.Fatalf("dashboard: %d\n%s", resp.StatusCode, body)
	}

	resp, body = get(t, c, srv.URL+"/events/ev-01")
	if resp.StatusCode != 200 {
		t.Fatalf("event: %d", resp.StatusCode)
	}
	for _, fig := range []string{">800<", ">2,000<", ">5,000<"} {
		if !strings.Contains(body, fig) {
			t.Errorf("event page lacks figure %s", fig)
		}
	}
	if !strings.Contains(body, "Contradictions") || !strings.Contains(body, "Reasons") {
		t.Errorf("event page lacks contradictions or reasons")
	}
	if resp, _ := get(t, c, srv.URL+"/events/ev-99"); resp.StatusCode != 404 {
		t.Errorf("missing event: %d", resp.StatusCode)
	}

	resp, body = get(t, c, srv.URL+"/claims?event=ev-01")
	if resp.StatusCode != 200 || !strings.Contains(body, `<td data-label="Action">deploy</td>`) {
		t.Errorf("claims page: %d", resp.StatusCode)
	}
	resp, body = get(t, c, srv.URL+"/sources")
	if resp.StatusCode != 200 || !strings.Contains(body, "&lt;b&gt;hostile&lt;/b&gt;") {
		t.Errorf("sources page: %d", resp.StatusCode)
	}

	resp, body = get(t, c, srv.URL+"/sources/1")
	if resp.StatusCode != 200 || !regexp.MustCompile(`<mark id="claim-[^"]+" aria-describedby="note-[^"]+">`).MatchString(body) {
		t.Fatalf("reader: %d, no marks\n%s", resp.StatusCode, body)
	}

	resp, body = get(t, c, srv.URL+"/sources/"+itoa(hostile))
	if resp.StatusCode != 200 {
		t.Fatalf("hostile reader: %d", resp.StatusCode)
	}
	if strings.Contains(strings.ToLower(body), "<script") || strings.Contains(body, "<b>hostile") {
		t.Fatalf("hostile source rendered raw:\n%s", body)
	}
	if !strings.Contains(body, "&lt;script&gt;alert(1)&lt;/script&gt;</mark>") {
		t.Fatalf("hostile span not escaped inside its mark:\n%s", body)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func TestAuth(t *testing.T) {
	st, _ := seed(t)
	acc, ok := store.AccountsOf(st)
	if !ok {
		t.Fatal("SQLite store keeps no accounts")
	}
	hash, err := HashPassword("correct horse")
	if err != nil {
		t.Fatal(err)
	}
	if err := acc.AddUser(t.Context(), store.User{Name: "alice", PasswordHash: hash, Role: store.Analyst, Created: time.Now()}); err != nil {
		t.Fatal(err)
	}
	tok := NewToken()
	if err := acc.PutToken(t.Context(), store.APIToken{Hash: HashToken(tok), User: "alice", Name: "test", Created: time.Now()}); err != nil {
		t.Fatal(err)
	}
	srv := newServer(t, st, false)
	c := noRedirect()

	resp, _ := get(t, c, srv.URL+"/api/v1/events")
	if resp.StatusCode != 401 {
		t.Fatalf("anonymous API: %d", resp.StatusCode)
	}
	resp, _ = get(t, c, srv.URL+"/")
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/login" {
		t.Fatalf("anonymous page: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	resp, _ = get(t, c, srv.URL+"/api/v1/events", "Authorization", "Bearer wrong")
	if resp.StatusCode != 401 {
		t.Fatalf("wrong token: %d", resp.StatusCode)
	}
	resp, _ = get(t, c, srv.URL+"/api/v1/events", "Authorization", "Bearer "+tok)
	if resp.StatusCode != 200 {
		t.Fatalf("token: %d", resp.StatusCode)
	}
	if resp, _ = get(t, c, srv.URL+"/healthz"); resp.StatusCode != 200 {
		t.Fatalf("healthz needs no account: %d", resp.StatusCode)
	}

	// Log in through the form, as a browser would.
	jar, _ := cookiejar.New(nil)
	b := &http.Client{Jar: jar, CheckRedirect: c.CheckRedirect}
	login := func(password, csrf string) *http.Response {
		t.Helper()
		resp, err := b.PostForm(srv.URL+"/login", url.Values{"name": {"alice"}, "password": {password}, "csrf": {csrf}})
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp
	}
	_, form := get(t, b, srv.URL+"/login")
	csrf := regexp.MustCompile(`name="csrf" value="([^"]+)"`).FindStringSubmatch(form)
	if csrf == nil {
		t.Fatalf("login form has no CSRF token:\n%s", form)
	}
	if resp := login("correct horse", "forged"); resp.StatusCode != 403 {
		t.Fatalf("forged CSRF: %d", resp.StatusCode)
	}
	_, form = get(t, b, srv.URL+"/login")
	csrf = regexp.MustCompile(`name="csrf" value="([^"]+)"`).FindStringSubmatch(form)
	if resp := login("wrong password", csrf[1]); resp.StatusCode != 401 {
		t.Fatalf("wrong password: %d", resp.StatusCode)
	}
	// Each rendering of the form carries a fresh token, as a browser would see.
	_, form = get(t, b, srv.URL+"/login")
	csrf = regexp.MustCompile(`name="csrf" value="([^"]+)"`).FindStringSubmatch(form)
	resp = login("correct horse", csrf[1])
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("login: %d", resp.StatusCode)
	}
	var sess *http.Cookie
	for _, ck := range resp.Cookies() {
		if ck.Name == sessionCookie {
			sess = ck
		}
	}
	if sess == nil || !sess.HttpOnly || sess.SameSite != http.SameSiteLaxMode {
		t.Fatalf("session cookie: %+v", sess)
	}
	resp, body := get(t, b, srv.URL+"/")
	if resp.StatusCode != 200 || !strings.Contains(body, "alice") {
		t.Fatalf("page after login: %d", resp.StatusCode)
	}
	// Logging out needs the session's form token.
	resp, err = b.PostForm(srv.URL+"/logout", url.Values{})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 403 {
		t.Fatalf("logout without CSRF: %d", resp.StatusCode)
	}
	token := regexp.MustCompile(`name="csrf" value="([^"]+)"`).FindStringSubmatch(body)
	if token == nil {
		t.Fatal("page after login has no logout form token")
	}
	resp, err = b.PostForm(srv.URL+"/logout", url.Values{"csrf": {token[1]}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("logout: %d", resp.StatusCode)
	}
	if resp, _ := get(t, b, srv.URL+"/"); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("page after logout: %d, want a redirect to log in", resp.StatusCode)
	}
}

func TestLoginRateLimit(t *testing.T) {
	st, _ := seed(t)
	srv := newServer(t, st, false)
	jar, _ := cookiejar.New(nil)
	b := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	var last int
	for range 6 {
		_, form := get(t, b, srv.URL+"/login")
		csrf := regexp.MustCompile(`name="csrf" value="([^"]+)"`).FindStringSubmatch(form)
		resp, err := b.PostForm(srv.URL+"/login", url.Values{"name": {"mallory"}, "password": {"guess"}, "csrf": {csrf[1]}})
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		last = resp.StatusCode
	}
	if last != http.StatusTooManyRequests {
		t.Fatalf("sixth failed login: %d, want 429", last)
	}
}

func TestMarkSpans(t *testing.T) {
	text := "a <b> c & d"
	got, notes, over := markSpans(text, []claim.Claim{
		{ID: "1", Start: 2, End: 5, Action: "deploy"},
		{ID: "2", Start: 3, End: 7, Action: "deploy"}, // overlaps 1
		{ID: "3", Start: 8, End: 99},                  // stale
	})
	want := `a <mark id="claim-1" aria-describedby="note-1">&lt;b&gt;</mark><a class="tag" href="#note-1">1</a> c &amp; d`
	if string(got) != want {
		t.Fatalf("got  %s\nwant %s", got, want)
	}
	if len(notes) != 1 || notes[0].ClaimID != "1" || notes[0].N != 1 || notes[0].Label != markTitle(&claim.Claim{Action: "deploy"}) {
		t.Fatalf("notes: %+v", notes)
	}
	if len(over) != 1 || over[0].ID != "2" {
		t.Fatalf("overlapping: %+v", over)
	}
}
