package server

import (
	"bytes"
	"encoding/json"
	"html"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver, to create a test schema

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/store"
	"github.com/triangulate/triangulate/store/storetest"
)

// addUser creates an account with a role and returns an API token for it.
func addUser(t testing.TB, st store.Store, name string, role store.Role) string {
	t.Helper()
	acc, ok := store.AccountsOf(st)
	if !ok {
		t.Fatal("store keeps no accounts")
	}
	hash, err := HashPassword("password " + name)
	if err != nil {
		t.Fatal(err)
	}
	if err := acc.AddUser(t.Context(), store.User{Name: name, PasswordHash: hash, Role: role, Created: time.Now()}); err != nil {
		t.Fatal(err)
	}
	tok := NewToken()
	if err := acc.PutToken(t.Context(), store.APIToken{Hash: HashToken(tok), User: name, Name: "test", Created: time.Now()}); err != nil {
		t.Fatal(err)
	}
	return tok
}

var csrfField = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// browser logs name in through the form and returns a cookie client.
func browser(t *testing.T, srvURL, name string) *http.Client {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	b := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	_, form := get(t, b, srvURL+"/login")
	m := csrfField.FindStringSubmatch(form)
	if m == nil {
		t.Fatalf("login form has no CSRF token")
	}
	resp, err := b.PostForm(srvURL+"/login", url.Values{"name": {name}, "password": {"password " + name}, "csrf": {m[1]}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("log in %s: %d", name, resp.StatusCode)
	}
	return b
}

// send makes a request with a JSON body (nil for none) and returns the
// status and body.
func send(t *testing.T, c *http.Client, method, u, token string, body any) (int, string) {
	t.Helper()
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			t.Fatal(err)
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(t.Context(), method, u, rd)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, b := do(t, c, req)
	return resp.StatusCode, b
}

// claimByID reads a claim back through the API listing, rejected included.
func claimByID(t *testing.T, c *http.Client, srvURL, token, id string) claim.Claim {
	t.Helper()
	status, body := send(t, c, http.MethodGet, srvURL+"/api/v1/claims?limit=1000", token, nil)
	if status != 200 {
		t.Fatalf("claims: %d %s", status, body)
	}
	var l List[claim.Claim]
	if err := json.Unmarshal([]byte(body), &l); err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(l.Items, func(c claim.Claim) bool { return c.ID == id })
	if i < 0 {
		t.Fatalf("claim %s not listed", id)
	}
	return l.Items[i]
}

func eventClaims(t *testing.T, c *http.Client, srvURL, token, ev string) []string {
	t.Helper()
	status, body := send(t, c, http.MethodGet, srvURL+"/api/v1/claims?limit=1000&event="+ev, token, nil)
	if status != 200 {
		t.Fatalf("claims of %s: %d %s", ev, status, body)
	}
	var l List[claim.Claim]
	if err := json.Unmarshal([]byte(body), &l); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, cl := range l.Items {
		ids = append(ids, cl.ID)
	}
	return ids
}

// otherModality returns a modality different from m.
func otherModality(m claim.Modality) claim.Modality {
	if m == claim.Hedged {
		return claim.Unverified
	}
	return claim.Hedged
}

func TestPatchClaim(t *testing.T) {
	st, _ := seed(t)
	analyst := addUser(t, st, "alice", store.Analyst)
	viewer := addUser(t, st, "victor", store.Viewer)
	srv := newServer(t, st, false)
	c := srv.Client()

	ids := eventClaims(t, c, srv.URL, analyst, "ev-01")
	if len(ids) == 0 {
		t.Fatal("ev-01 has no claims")
	}
	before := claimByID(t, c, srv.URL, analyst, ids[0])
	want := otherModality(before.Modality)
	u := srv.URL + "/api/v1/claims/" + url.PathEscape(before.ID)

	if status, body := send(t, c, http.MethodPatch, u, viewer, map[string]any{"version": before.Version, "modality": want}); status != 403 {
		t.Fatalf("viewer edit: %d %s", status, body)
	}
	if status, body := send(t, c, http.MethodPatch, u, "", map[string]any{"version": before.Version, "modality": want}); status != 401 {
		t.Fatalf("anonymous edit: %d %s", status, body)
	}
	for name, bad := range map[string]map[string]any{
		"evidence is not editable": {"version": before.Version, "evidence": "something else"},
		"unknown modality":         {"version": before.Version, "modality": "maybe"},
		"unknown action":           {"version": before.Version, "action": "teleport"},
		"no version":               {"modality": want},
	} {
		if status, body := send(t, c, http.MethodPatch, u, analyst, bad); status != 400 {
			t.Errorf("%s: %d %s", name, status, body)
		}
	}
	if status, body := send(t, c, http.MethodPatch, srv.URL+"/api/v1/claims/no-such-claim", analyst, map[string]any{"version": 0}); status != 404 {
		t.Errorf("missing claim: %d %s", status, body)
	}

	status, body := send(t, c, http.MethodPatch, u, analyst, map[string]any{"version": before.Version, "modality": want})
	if status != 200 {
		t.Fatalf("analyst edit: %d %s", status, body)
	}
	var got claim.Claim
	if err := json.Unmarshal([]byte(body), &got); err != nil {
		t.Fatal(err)
	}
	if got.Modality != want || got.Version != before.Version+1 || !got.Edited || got.EditedBy != "alice" {
		t.Fatalf("edited claim: modality %s version %d edited %v by %q", got.Modality, got.Version, got.Edited, got.EditedBy)
	}
	if got.Evidence != before.Evidence || got.Start != before.Start || got.Action != before.Action {
		t.Fatalf("edit changed fields it was not asked to")
	}
	// Reloading shows the edit: it was stored, not just echoed.
	again := claimByID(t, c, srv.URL, viewer, before.ID)
	if again.Modality != want || again.Version != got.Version || again.EditedBy != "alice" {
		t.Fatalf("after reload: modality %s version %d by %q", again.Modality, again.Version, again.EditedBy)
	}

	// Actors are replaced by name, keeping what was known of kept names.
	status, body = send(t, c, http.MethodPatch, u, analyst, map[string]any{"version": got.Version, "actors": []string{"Kataib Test"}})
	if status != 200 {
		t.Fatalf("actors edit: %d %s", status, body)
	}
	again = claimByID(t, c, srv.URL, analyst, before.ID)
	if len(again.Actors) != 1 || again.Actors[0].Name != "Kataib Test" {
		t.Fatalf("actors after edit: %+v", again.Actors)
	}

	status, body = send(t, c, http.MethodGet, u+"/edits", viewer, nil)
	if status != 200 {
		t.Fatalf("edits: %d %s", status, body)
	}
	var edits List[editView]
	if err := json.Unmarshal([]byte(body), &edits); err != nil {
		t.Fatal(err)
	}
	if len(edits.Items) != 2 || edits.Items[0].By != "alice" || edits.Items[0].Version != before.Version+1 || edits.Items[0].At.IsZero() {
		t.Fatalf("edit history: %+v", edits.Items)
	}
	var was, now claim.Claim
	if json.Unmarshal(edits.Items[0].Before, &was) != nil || json.Unmarshal(edits.Items[0].After, &now) != nil ||
		was.Modality != before.Modality || now.Modality != want {
		t.Fatalf("edit history documents: before %s after %s", was.Modality, now.Modality)
	}

	// Rejecting takes the claim out of fusion: after the re-run it is in no event.
	status, body = send(t, c, http.MethodPatch, u, analyst, map[string]any{"version": again.Version, "rejected": true})
	if status != 200 {
		t.Fatalf("reject: %d %s", status, body)
	}
	var rejected claim.Claim
	if err := json.Unmarshal([]byte(body), &rejected); err != nil {
		t.Fatal(err)
	}
	if !rejected.Rejected || rejected.EventID != "" {
		t.Fatalf("rejected claim: rejected %v event %q", rejected.Rejected, rejected.EventID)
	}
}

// TestCookieSessionNeedsCSRF: a browser session cannot write without the
// session's form token, API or form.
func TestCookieSessionNeedsCSRF(t *testing.T) {
	st, _ := seed(t)
	addUser(t, st, "alice", store.Analyst)
	srv := newServer(t, st, false)
	b := browser(t, srv.URL, "alice")
	cls, err := st.Claims(t.Context(), store.ClaimFilter{})
	if err != nil {
		t.Fatal(err)
	}
	cl := cls[0]
	u := srv.URL + "/api/v1/claims/" + url.PathEscape(cl.ID)
	if status, body := send(t, b, http.MethodPatch, u, "", map[string]any{"version": cl.Version, "modality": otherModality(cl.Modality)}); status != 403 {
		t.Fatalf("cookie PATCH without CSRF: %d %s", status, body)
	}
	resp, err := b.PostForm(srv.URL+"/claims/"+url.PathEscape(cl.ID)+"/edit", url.Values{
		"version": {strconv.Itoa(cl.Version)}, "modality": {string(otherModality(cl.Modality))}, "action": {string(cl.Action)}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 403 {
		t.Fatalf("form without CSRF: %d", resp.StatusCode)
	}
	if got, _ := st.Claim(t.Context(), cl.ID); got.Modality != cl.Modality || got.Version != cl.Version {
		t.Fatalf("a refused edit was stored: %s v%d", got.Modality, got.Version)
	}

	// With the session's token in the X-CSRF-Token header the same call works.
	pr, err := b.Get(srv.URL + "/claims")
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(pr.Body)
	pr.Body.Close()
	tok := formFor(t, string(page), cl.ID).Get("csrf")
	body, _ := json.Marshal(map[string]any{"version": cl.Version, "modality": otherModality(cl.Modality)})
	req, _ := http.NewRequest(http.MethodPatch, u, bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-CSRF-Token", tok)
	resp, err = b.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("cookie PATCH with X-CSRF-Token: %d", resp.StatusCode)
	}
	if got, _ := st.Claim(t.Context(), cl.ID); got.Modality != otherModality(cl.Modality) {
		t.Fatalf("edit with header token not stored: %s", got.Modality)
	}
}

// formFor finds a claim's edit form on a page and returns its fields.
func formFor(t *testing.T, page, id string) url.Values {
	t.Helper()
	re := regexp.MustCompile(`(?s)<form method="post" action="/claims/` + regexp.QuoteMeta(html.EscapeString(id)) + `/edit"[^>]*>(.*?)</form>`)
	m := re.FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no edit form for %s", id)
	}
	v := url.Values{}
	for _, h := range regexp.MustCompile(`<input type="hidden" name="([a-z]+)" value="([^"]*)">`).FindAllStringSubmatch(m[1], -1) {
		v.Set(h[1], html.UnescapeString(h[2]))
	}
	for _, sel := range regexp.MustCompile(`(?s)<select name="([a-z]+)"[^>]*>(.*?)</select>`).FindAllStringSubmatch(m[1], -1) {
		if o := regexp.MustCompile(`<option value="([^"]+)" selected>`).FindStringSubmatch(sel[2]); o != nil {
			v.Set(sel[1], o[1])
		}
	}
	return v
}

// TestFormNoLostUpdate: two analysts load the same claim; the first save
// wins and the second is told to reload instead of overwriting it.
func TestFormNoLostUpdate(t *testing.T) {
	st, _ := seed(t)
	formNoLostUpdate(t, st)
}

// TestTeamOnPostgres: the workspace on the team store — pages, flight
// data, and two analysts' browser sessions racing on one claim.
func TestTeamOnPostgres(t *testing.T) {
	st := postgresStore(t)
	seedInto(t, st)
	storeBTS(t, st)
	addUser(t, st, "carol", store.Viewer)
	srv := newServer(t, st, false)
	carol := browser(t, srv.URL, "carol")
	srcs, err := st.Sources(t.Context(), store.Page{Limit: 1})
	if err != nil || len(srcs) == 0 {
		t.Fatalf("sources: %v", err)
	}
	for path, want := range map[string]string{
		"/":                            "Iraqi militia fighters crossed into Iran",
		"/events/ev-01":                "Evidence matrix",
		"/claims?action=deploy":        "deploy",
		"/sources/" + itoa(srcs[0].ID): "<mark id=\"claim-",
		"/flights?route=HOU-DAL":       "<td>2001-06-09</td>",
	} {
		resp, body := get(t, carol, srv.URL+path)
		if resp.StatusCode != http.StatusOK || !strings.Contains(body, want) {
			t.Errorf("%s on PostgreSQL: %d, has %q: %v", path, resp.StatusCode, want, strings.Contains(body, want))
		}
	}
	srv.Close()
	formNoLostUpdate(t, st)
}

// postgresStore opens a fresh schema of the test PostgreSQL server; under
// CI the server must be there.
func postgresStore(t *testing.T) store.Store {
	t.Helper()
	st, err := store.Open(t.Context(), storetest.PostgresSchema(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func formNoLostUpdate(t *testing.T, st store.Store) {
	t.Helper()
	addUser(t, st, "alice", store.Analyst)
	addUser(t, st, "bob", store.Analyst)
	addUser(t, st, "victor", store.Viewer)
	srv := newServer(t, st, false)
	alice, bob, victor := browser(t, srv.URL, "alice"), browser(t, srv.URL, "bob"), browser(t, srv.URL, "victor")

	cls, err := st.Claims(t.Context(), store.ClaimFilter{EventID: "ev-01"})
	if err != nil || len(cls) == 0 {
		t.Fatalf("claims of ev-01: %v", err)
	}
	cl := cls[0]
	_, pageA := get(t, alice, srv.URL+"/events/ev-01")
	_, pageB := get(t, bob, srv.URL+"/claims")
	formA, formB := formFor(t, pageA, cl.ID), formFor(t, pageB, cl.ID)
	if formA.Get("version") != formB.Get("version") || formA.Get("modality") != string(cl.Modality) || formA.Get("action") != string(cl.Action) {
		t.Fatalf("forms: %v / %v", formA, formB)
	}
	action := "/claims/" + url.PathEscape(cl.ID) + "/edit"

	formA.Set("modality", string(otherModality(cl.Modality)))
	resp, err := alice.PostForm(srv.URL+action, formA)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/events/ev-01" {
		t.Fatalf("alice's save: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}

	formB.Set("rejected", "1")
	resp, err = bob.PostForm(srv.URL+action, formB)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusConflict || !strings.Contains(string(body), "Someone else changed this claim") {
		t.Fatalf("bob's stale save: %d\n%s", resp.StatusCode, body)
	}
	// The claim as it is now names its source as every page does and links
	// to its words, not to the top of a file name.
	if src, err := st.Source(t.Context(), cl.SourceID); err != nil {
		t.Fatal(err)
	} else if b := string(body); !strings.Contains(b, `href="/sources/`+strconv.FormatInt(cl.SourceID, 10)+`#claim-`+cl.ID+`"`) ||
		!strings.Contains(b, src.Outlet) || strings.Contains(b, ">"+src.Name+"<") {
		t.Errorf("the conflict page does not name and link the claim's source (%s, %s):\n%s", src.Outlet, src.Name, b)
	}
	got, err := st.Claim(t.Context(), cl.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Rejected || got.Modality != otherModality(cl.Modality) || got.EditedBy != "alice" {
		t.Fatalf("stored after the race: rejected %v modality %s by %s", got.Rejected, got.Modality, got.EditedBy)
	}
	// Bob reloads and sees alice's change and who made it.
	_, pageB = get(t, bob, srv.URL+"/claims")
	formB = formFor(t, pageB, cl.ID)
	if formB.Get("modality") != string(got.Modality) || formB.Get("version") != strconv.Itoa(got.Version) {
		t.Fatalf("reloaded form: %v", formB)
	}
	if !strings.Contains(pageB, "Edited by alice") {
		t.Fatal("claims page does not say who edited the claim")
	}

	// A viewer is shown no form, and a forged post (with the viewer's own
	// valid session token) is refused.
	_, pageV := get(t, victor, srv.URL+"/claims")
	if strings.Contains(pageV, `action="/claims/`) {
		t.Error("a viewer is shown claim forms")
	}
	if !strings.Contains(pageV, "Edited by alice") {
		t.Error("a viewer is not told who edited the claim")
	}
	csrf := regexp.MustCompile(`name="csrf" value="([^"]+)"`).FindStringSubmatch(pageV)
	if csrf == nil {
		t.Fatal("no session token on the viewer's page (logout form)")
	}
	formV := url.Values{"csrf": {html.UnescapeString(csrf[1])}, "version": {strconv.Itoa(got.Version)}, "rejected": {"1"}}
	resp, err = victor.PostForm(srv.URL+action, formV)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 403 {
		t.Fatalf("viewer's form: %d", resp.StatusCode)
	}

	// The form cannot send the browser offsite.
	formB.Set("back", "//evil.example/")
	resp, err = bob.PostForm(srv.URL+action, formB)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/claims" {
		t.Fatalf("offsite back: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
}

// noLostUpdate: two clients hold the same version; the first PATCH wins and
// the second gets 409 without changing what the first stored.
func noLostUpdate(t *testing.T, st store.Store) {
	alice := addUser(t, st, "alice", store.Analyst)
	bob := addUser(t, st, "bob", store.Admin)
	srv := newServer(t, st, false)
	c := srv.Client()
	cls, err := st.Claims(t.Context(), store.ClaimFilter{})
	if err != nil || len(cls) == 0 {
		t.Fatalf("claims: %d, %v", len(cls), err)
	}
	cl := cls[0]
	u := srv.URL + "/api/v1/claims/" + url.PathEscape(cl.ID)
	loadedA := claimByID(t, c, srv.URL, alice, cl.ID)
	loadedB := claimByID(t, c, srv.URL, bob, cl.ID)
	if loadedA.Version != loadedB.Version {
		t.Fatalf("versions differ before editing: %d %d", loadedA.Version, loadedB.Version)
	}
	if status, body := send(t, c, http.MethodPatch, u, alice, map[string]any{"version": loadedA.Version, "modality": otherModality(cl.Modality)}); status != 200 {
		t.Fatalf("first PATCH: %d %s", status, body)
	}
	status, body := send(t, c, http.MethodPatch, u, bob, map[string]any{"version": loadedB.Version, "modality": claim.Denied})
	if status != http.StatusConflict || !strings.Contains(body, `"conflict"`) {
		t.Fatalf("second PATCH: %d %s", status, body)
	}
	got := claimByID(t, c, srv.URL, bob, cl.ID)
	if got.Modality != otherModality(cl.Modality) || got.EditedBy != "alice" || got.Version != loadedA.Version+1 {
		t.Fatalf("lost update: stored %s v%d by %s", got.Modality, got.Version, got.EditedBy)
	}
}

func TestNoLostUpdateSQLite(t *testing.T) {
	st, _ := seed(t)
	noLostUpdate(t, st)
}

func TestNoLostUpdatePostgres(t *testing.T) {
	st := postgresStore(t)
	seedInto(t, st)
	noLostUpdate(t, st)
}

func TestMoveClaim(t *testing.T) {
	st, _ := seed(t)
	analyst := addUser(t, st, "alice", store.Analyst)
	viewer := addUser(t, st, "victor", store.Viewer)
	srv := newServer(t, st, false)
	c := srv.Client()

	from := eventClaims(t, c, srv.URL, analyst, "ev-01")
	if len(from) < 2 {
		t.Fatalf("ev-01 has %d claims", len(from))
	}
	id := from[0]
	if slices.Contains(eventClaims(t, c, srv.URL, analyst, "ev-02"), id) {
		t.Fatal("claim already in ev-02")
	}
	u := srv.URL + "/api/v1/claims/" + url.PathEscape(id) + "/move"
	if status, body := send(t, c, http.MethodPost, u, viewer, map[string]string{"event": "ev-02"}); status != 403 {
		t.Fatalf("viewer move: %d %s", status, body)
	}
	if status, body := send(t, c, http.MethodPost, u, analyst, map[string]string{"event": "ev-99"}); status != 404 {
		t.Fatalf("move to a missing event: %d %s", status, body)
	}
	status, body := send(t, c, http.MethodPost, u, analyst, map[string]string{"event": "ev-02"})
	if status != 200 {
		t.Fatalf("move: %d %s", status, body)
	}
	var got claim.Claim
	if err := json.Unmarshal([]byte(body), &got); err != nil {
		t.Fatal(err)
	}
	if got.EventID != "ev-02" {
		t.Fatalf("moved claim is in %q", got.EventID)
	}
	// Fusion re-ran: the stored events list the claim in its new event.
	if !slices.Contains(eventClaims(t, c, srv.URL, analyst, "ev-02"), id) || slices.Contains(eventClaims(t, c, srv.URL, analyst, "ev-01"), id) {
		t.Fatal("claim listings do not reflect the move")
	}
	ev, err := st.Event(t.Context(), "ev-02")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(ev.Members, func(m claim.Member) bool { return m.ClaimID == id && m.Manual }) {
		t.Fatalf("event ev-02 does not list %s as a manual member", id)
	}
	as, err := st.Assessments(t.Context())
	if err != nil || !slices.ContainsFunc(as, func(a claim.Assessment) bool { return a.EventID == "ev-02" }) {
		t.Fatalf("assessments after the move: %d, %v", len(as), err)
	}
	// The event page shows it too.
	_, page := get(t, browser(t, srv.URL, "victor"), srv.URL+"/events/ev-02")
	if !strings.Contains(page, `id="claim-`+html.EscapeString(id)+`"`) {
		t.Fatal("event page does not show the moved claim")
	}
}

// TestMoveClaimForm: the move form on the event page pins a claim to
// another event, and the claim stays there after fusion re-runs.
func TestMoveClaimForm(t *testing.T) {
	st, _ := seed(t)
	addUser(t, st, "alice", store.Analyst)
	srv := newServer(t, st, false)
	alice := browser(t, srv.URL, "alice")

	_, page := get(t, alice, srv.URL+"/events/ev-01")
	cls, err := st.Claims(t.Context(), store.ClaimFilter{EventID: "ev-01"})
	if err != nil || len(cls) == 0 {
		t.Fatalf("claims of ev-01: %v", err)
	}
	id := cls[0].ID
	re := regexp.MustCompile(`(?s)<form method="post" action="/claims/` + regexp.QuoteMeta(html.EscapeString(id)) + `/move"[^>]*>(.*?)</form>`)
	m := re.FindStringSubmatch(page)
	if m == nil {
		t.Fatal("no move form on the event page")
	}
	if !strings.Contains(m[1], `<option value="ev-02"`) || !strings.Contains(m[1], `<option value="ev-01" selected>`) {
		t.Fatalf("move form does not offer the events with the current one selected:\n%s", m[1])
	}
	form := url.Values{"event": {"ev-02"}, "back": {"/events/ev-02"}}
	for _, h := range regexp.MustCompile(`<input type="hidden" name="(csrf)" value="([^"]*)">`).FindAllStringSubmatch(m[1], -1) {
		form.Set(h[1], html.UnescapeString(h[2]))
	}
	resp, err := alice.PostForm(srv.URL+"/claims/"+url.PathEscape(id)+"/move", form)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/events/ev-02" {
		t.Fatalf("move form: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	got, err := st.Claim(t.Context(), id)
	if err != nil || got.EventID != "ev-02" {
		t.Fatalf("after the move the claim is in %q (%v)", got.EventID, err)
	}
	// A move to an event that does not exist changes nothing.
	form.Set("event", "ev-99")
	resp, err = alice.PostForm(srv.URL+"/claims/"+url.PathEscape(id)+"/move", form)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound {
		t.Fatalf("move to ev-99: %d", resp.StatusCode)
	}
	if got, _ := st.Claim(t.Context(), id); got.EventID != "ev-02" {
		t.Fatalf("failed move changed the claim's event to %q", got.EventID)
	}
}

// TestClaimsFilters: the claims table filters by action, modality, words
// and rejection, and pages through the result.
func TestClaimsFilters(t *testing.T) {
	st, _ := seed(t)
	srv := newServer(t, st, true)
	c := srv.Client()
	all, err := st.Claims(t.Context(), store.ClaimFilter{})
	if err != nil {
		t.Fatal(err)
	}
	count := func(query string) int {
		t.Helper()
		resp, body := get(t, c, srv.URL+"/claims?"+query)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d %s", query, resp.StatusCode, body)
		}
		m := regexp.MustCompile(`<p>(\d+) claims?\.`).FindStringSubmatch(body)
		if m == nil {
			t.Fatalf("%s: no count", query)
		}
		n, _ := strconv.Atoi(m[1])
		return n
	}
	want := func(keep func(claim.Claim) bool) int {
		n := 0
		for _, cl := range all {
			if keep(cl) {
				n++
			}
		}
		return n
	}
	if got := count(""); got != len(all) {
		t.Errorf("unfiltered: %d, want %d", got, len(all))
	}
	if got, w := count("action=deploy"), want(func(cl claim.Claim) bool { return cl.Action == claim.ActionDeploy }); got != w || w == 0 {
		t.Errorf("action=deploy: %d, want %d", got, w)
	}
	if got, w := count("modality=neither-confirmed-nor-denied"), want(func(cl claim.Claim) bool { return cl.Modality == claim.NCND }); got != w || w == 0 {
		t.Errorf("modality NCND: %d, want %d", got, w)
	}
	if got, w := count("q=KHOSRAVI"), want(func(cl claim.Claim) bool { return strings.Contains(strings.ToLower(cl.Evidence), "khosravi") }); got < w || w == 0 {
		t.Errorf("q=KHOSRAVI: %d, want at least %d", got, w)
	}
	if resp, _ := get(t, c, srv.URL+"/claims?modality=rumour"); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("unknown modality: %d", resp.StatusCode)
	}
	// Pages: two claims a page, the second page links back and on.
	_, body := get(t, c, srv.URL+"/claims?limit=2&offset=2")
	if strings.Count(body, `<td class="quote" data-label="Evidence">`) != 2 || !strings.Contains(body, `rel="prev"`) || !strings.Contains(body, `rel="next"`) {
		t.Errorf("second page of two: %d rows, prev %v, next %v", strings.Count(body, `<td class="quote" data-label="Evidence">`), strings.Contains(body, `rel="prev"`), strings.Contains(body, `rel="next"`))
	}
}
