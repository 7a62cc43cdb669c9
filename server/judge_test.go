package server

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/pipeline"
	"github.com/triangulate/triangulate/report"
	"github.com/triangulate/triangulate/store"
)

// judgementCalls are TestOpenAPIResponses's calls of the judgement and
// history operations; events are looked up when each call runs (writes
// before them re-fuse the case).
func judgementCalls(t *testing.T, st store.Store, viewer string) []call {
	const jt = "application/json"
	ev := func(suffix string) func(*call) {
		return func(cc *call) { cc.url = "/api/v1/events/" + url.PathEscape(anEvent(t, st, "")) + suffix }
	}
	member := func() (string, string) {
		id := anEvent(t, st, "")
		cls, err := st.Claims(t.Context(), store.ClaimFilter{EventID: id})
		if err != nil || len(cls) == 0 {
			t.Fatalf("claims of %s: %d, %v", id, len(cls), err)
		}
		return id, cls[0].ID
	}
	hypothesis := func() int64 {
		j, _ := store.JudgementsOf(st)
		hs, err := j.Hypotheses(t.Context())
		if err != nil || len(hs) == 0 {
			t.Fatalf("no hypothesis: %v", err)
		}
		return hs[len(hs)-1].ID
	}
	mark := func(m string) func(*call) {
		return func(cc *call) {
			_, cl := member()
			cc.url = fmt.Sprintf("/api/v1/hypotheses/%d/marks/%s", hypothesis(), url.PathEscape(cl))
			cc.body = []byte(`{"mark": "` + m + `"}`)
		}
	}
	return []call{
		{op: "POST /api/v1/events/{id}/notes", ctype: jt, body: []byte(`{"text": "Two outlets, one stringer?"}`), status: 201, prep: ev("/notes")},
		{op: "POST /api/v1/events/{id}/notes", ctype: jt, body: []byte(`{"text": " "}`), status: 400, prep: ev("/notes")},
		{op: "POST /api/v1/events/{id}/notes", url: "/api/v1/events/ev-99/notes", ctype: jt, body: []byte(`{"text": "x"}`), status: 404},
		{op: "POST /api/v1/events/{id}/notes", token: viewer, ctype: jt, body: []byte(`{"text": "x"}`), status: 403, prep: ev("/notes")},
		{op: "GET /api/v1/events/{id}/notes", status: 200, prep: ev("/notes")},
		{op: "GET /api/v1/events/{id}/notes", url: "/api/v1/events/ev-99/notes", status: 404},
		{op: "POST /api/v1/claims/{id}/notes", ctype: jt, body: []byte(`{"text": "Check the Arabic original."}`), status: 201, prep: func(cc *call) {
			_, cl := member()
			cc.url = "/api/v1/claims/" + url.PathEscape(cl) + "/notes"
		}},
		{op: "POST /api/v1/claims/{id}/notes", url: "/api/v1/claims/no-such-claim/notes", ctype: jt, body: []byte(`{"text": "x"}`), status: 404},
		{op: "POST /api/v1/claims/{id}/notes", url: "/api/v1/claims/no-such-claim/notes", ctype: jt, body: []byte(`{"text": " "}`), status: 400},
		{op: "POST /api/v1/claims/{id}/notes", url: "/api/v1/claims/no-such-claim/notes", token: viewer, ctype: jt, body: []byte(`{"text": "x"}`), status: 403},
		{op: "PUT /api/v1/events/{id}/override", ctype: jt, body: []byte(`{"status": "corroborated", "likelihood": "likely", "reason": "The denial is a non-denial."}`), status: 200, want: `"override"`, prep: ev("/override")},
		{op: "PUT /api/v1/events/{id}/override", ctype: jt, body: []byte(`{"status": "corroborated", "reason": ""}`), status: 400, want: "reason is required", prep: ev("/override")},
		{op: "PUT /api/v1/events/{id}/override", url: "/api/v1/events/ev-99/override", ctype: jt, body: []byte(`{"status": "denied", "reason": "x"}`), status: 404},
		{op: "PUT /api/v1/events/{id}/override", token: viewer, ctype: jt, body: []byte(`{"status": "denied", "reason": "x"}`), status: 403, prep: ev("/override")},
		{op: "POST /api/v1/events/{id}/signoff", status: 200, prep: ev("/signoff")},
		{op: "POST /api/v1/events/{id}/signoff", url: "/api/v1/events/ev-99/signoff", status: 404},
		{op: "POST /api/v1/events/{id}/signoff", token: viewer, status: 403, prep: ev("/signoff")},
		{op: "POST /api/v1/events/{id}/hypotheses", ctype: jt, body: []byte(`{"text": "A rotation, not a deployment"}`), status: 201, prep: ev("/hypotheses")},
		{op: "POST /api/v1/events/{id}/hypotheses", ctype: jt, body: []byte(`{"text": " "}`), status: 400, prep: ev("/hypotheses")},
		{op: "POST /api/v1/events/{id}/hypotheses", url: "/api/v1/events/ev-99/hypotheses", ctype: jt, body: []byte(`{"text": "x"}`), status: 404},
		{op: "POST /api/v1/events/{id}/hypotheses", token: viewer, ctype: jt, body: []byte(`{"text": "x"}`), status: 403, prep: ev("/hypotheses")},
		{op: "GET /api/v1/events/{id}/hypotheses", status: 200, want: "A rotation", prep: ev("/hypotheses")},
		{op: "GET /api/v1/events/{id}/hypotheses", url: "/api/v1/events/ev-99/hypotheses", status: 404},
		{op: "PUT /api/v1/hypotheses/{id}/marks/{claim}", ctype: jt, status: 200, prep: mark("inconsistent")},
		{op: "PUT /api/v1/hypotheses/{id}/marks/{claim}", ctype: jt, status: 400, want: "is not in event", prep: func(cc *call) {
			// A claim of another event than the hypothesis's.
			cls, err := st.Claims(t.Context(), store.ClaimFilter{EventID: anEvent(t, st, anEvent(t, st, ""))})
			if err != nil || len(cls) == 0 {
				t.Fatalf("claims of another event: %v", err)
			}
			cc.url = fmt.Sprintf("/api/v1/hypotheses/%d/marks/%s", hypothesis(), url.PathEscape(cls[0].ID))
			cc.body = []byte(`{"mark": "consistent"}`)
		}},
		{op: "PUT /api/v1/hypotheses/{id}/marks/{claim}", url: "/api/v1/hypotheses/999/marks/x", ctype: jt, body: []byte(`{"mark": "neutral"}`), status: 404},
		{op: "PUT /api/v1/hypotheses/{id}/marks/{claim}", url: "/api/v1/hypotheses/1/marks/x", token: viewer, ctype: jt, body: []byte(`{"mark": "neutral"}`), status: 403},
		{op: "GET /api/v1/events/{id}/history", status: 200, want: `"cause": "override"`, prep: ev("/history")},
		{op: "GET /api/v1/events/{id}/history", url: "/api/v1/events/ev-99/history", status: 404},
	}
}

// apiDo sends a JSON request with a bearer token and decodes the answer.
func apiDo(t *testing.T, c *http.Client, method, u, tok string, body any, status int, out any) string {
	t.Helper()
	var r *bytes.Reader
	if s, ok := body.(string); ok {
		r = bytes.NewReader([]byte(s))
	} else {
		b, _ := json.Marshal(body)
		r = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(t.Context(), method, u, r)
	if err != nil {
		t.Fatal(err)
	}
	resp, got := do(t, c, req, "Authorization", "Bearer "+tok, "Content-Type", "application/json")
	if resp.StatusCode != status {
		t.Fatalf("%s %s: %d, want %d: %s", method, u, resp.StatusCode, status, got)
	}
	if out != nil {
		if err := json.Unmarshal([]byte(got), out); err != nil {
			t.Fatalf("%s %s: %v\n%s", method, u, err, got)
		}
	}
	return got
}

// TestOverrideBesideComputed: an override needs a reason, is shown beside
// the computed assessment (API, page, report, exports), survives re-fusion,
// and a sign-off goes stale when the computed assessment moves.
func TestOverrideBesideComputed(t *testing.T) {
	st, _ := seed(t)
	alice := addUser(t, st, "alice", store.Analyst)
	srv := newServer(t, st, false)
	c := srv.Client()
	ctx := t.Context()
	before, err := st.Assessments(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var computed claim.Assessment
	for _, a := range before {
		if a.EventID == "ev-01" {
			computed = a
		}
	}
	other := claim.StatusCorroborated
	if computed.Status == other {
		other = claim.StatusDenied
	}
	base := srv.URL + "/api/v1/events/ev-01"
	apiDo(t, c, "PUT", base+"/override", alice, map[string]string{"status": string(other)}, 400, nil)
	apiDo(t, c, "PUT", base+"/override", alice, map[string]string{"likelihood": "perhaps", "reason": "x"}, 400, nil)
	apiDo(t, c, "PUT", base+"/override", alice, map[string]string{"status": "true", "reason": "x"}, 400, nil)
	var a claim.Assessment
	apiDo(t, c, "PUT", base+"/override", alice, map[string]string{"status": string(other), "likelihood": "unlikely", "reason": "The footage is from 2019."}, 200, &a)
	if a.Status != computed.Status || a.Words != computed.Words || a.Override == nil || a.Override.Status != other ||
		a.Override.Likelihood != "unlikely" || a.Override.By != "alice" || a.Override.Reason != "The footage is from 2019." {
		t.Fatalf("assessment after the override = %+v (override %+v); computed was %s, %s", a, a.Override, computed.Status, computed.Words)
	}
	var list List[claim.Assessment]
	apiDo(t, c, "GET", srv.URL+"/api/v1/assessments", alice, "", 200, &list)
	for _, got := range list.Items {
		if got.EventID == "ev-01" && (got.Status != computed.Status || got.Override == nil || got.Override.Status != other) {
			t.Errorf("/api/v1/assessments: ev-01 %s with override %+v", got.Status, got.Override)
		}
	}
	var so claim.SignOff
	apiDo(t, c, "POST", base+"/signoff", alice, "", 200, &so)
	if so.Status != computed.Status || so.By != "alice" {
		t.Fatalf("sign-off = %+v", so)
	}

	// The event page names both values; so do the CLI report and the exports.
	_, page := get(t, c, base[:len(srv.URL)]+"/events/ev-01", "Authorization", "Bearer "+alice)
	for _, want := range []string{`<dd class="computed"><span class="status">` + string(computed.Status) + `</span>`,
		`<dd class="override"><span class="status">` + string(other) + `</span>`, "Reason: The footage is from 2019.", "not signed off"} {
		if want == "not signed off" {
			if strings.Contains(page, want) {
				t.Errorf("event page says %q after the sign-off", want)
			}
			continue
		}
		if !strings.Contains(page, want) {
			t.Errorf("event page lacks %q", want)
		}
	}
	var md bytes.Buffer
	if err := pipeline.New(st, pipeline.Options{}).Report(ctx, &md, report.Markdown, report.Options{}); err != nil {
		t.Fatal(err)
	}
	wantLine := fmt.Sprintf("%s, unlikely; computed: %s, %s. Reason: The footage is from 2019.", other, computed.Status, computed.Words)
	if !strings.Contains(md.String(), "**Analyst override:** Analyst's judgement (alice,") || !strings.Contains(md.String(), wantLine) {
		t.Errorf("the Markdown report does not say which is which:\n%s", md.String())
	}
	_, stix := get(t, c, srv.URL+"/api/v1/exports/stix?event=ev-01", "Authorization", "Bearer "+alice)
	if !strings.Contains(stix, `"x_triangulate_status": "`+string(computed.Status)+`"`) || !strings.Contains(stix, `"x_triangulate_analyst_status": "`+string(other)+`"`) {
		t.Errorf("STIX lacks the computed or the analyst's status")
	}
	if _, err := stixSchemas(t).ValidateBundle([]byte(stix)); err != nil {
		t.Errorf("the STIX bundle with an override is not valid STIX 2.1: %v", err)
	}

	// The computed assessment moves: the override stays, the sign-off is stale.
	fs, _ := st.FusionState(ctx)
	evs, _ := st.Events(ctx)
	moved := append([]claim.Assessment(nil), before...)
	for i := range moved {
		if moved[i].EventID == "ev-01" {
			moved[i].Words, moved[i].Probability = "almost certain", 0.97
		}
	}
	if err := st.ReplaceFusion(ctx, store.Fusion{Events: evs, Assessments: moved, Inputs: fs.Inputs}); err != nil {
		t.Fatal(err)
	}
	var after claim.Assessment
	apiDo(t, c, "PUT", base+"/override", alice, map[string]string{"status": string(other), "likelihood": "unlikely", "reason": "Still from 2019."}, 200, &after)
	if after.Words != "almost certain" || after.Override == nil || after.SignOff == nil || !after.SignOff.Stale {
		t.Fatalf("after re-fusion: %+v override %+v sign-off %+v", after, after.Override, after.SignOff)
	}
	var h historyView
	apiDo(t, c, "GET", base+"/history", alice, "", 200, &h)
	var causes []string
	for _, v := range h.Versions {
		causes = append(causes, v.Cause)
	}
	if got := strings.Join(causes, ","); got != "fusion,override,sign-off,fusion,override" {
		t.Fatalf("history causes = %s", got)
	}
	if len(h.Audit) != len(h.Versions) || h.Audit[1].Action != "override" || h.Audit[1].By != "alice" || !strings.Contains(h.Audit[1].After, "2019") {
		t.Fatalf("audit = %+v", h.Audit)
	}
	if h.Versions[3].State.Likelihood != "almost certain" || h.Versions[3].State.OverrideStatus != other {
		t.Fatalf("version 4 = %+v", h.Versions[3])
	}
}

// TestHistoryOnPageAndChangedSince: after a change the event page shows
// its history (table and chart) and the dashboard's "changed since" names
// the status and likelihood moves.
func TestHistoryOnPageAndChangedSince(t *testing.T) {
	st, _ := seed(t)
	aliceTok := addUser(t, st, "alice", store.Analyst)
	addUser(t, st, "bob", store.Analyst)
	srv := newServer(t, st, false)
	alice, bob := browser(t, srv.URL, "alice"), browser(t, srv.URL, "bob")
	ctx := t.Context()
	get(t, bob, srv.URL+"/") // bob's first visit marks the case seen

	_, page := get(t, alice, srv.URL+"/events/ev-01")
	found := regexp.MustCompile(`(?s)<form method="post" action="/events/ev-01/override" class="override-form">\s*<input type="hidden" name="csrf" value="([^"]+)"`).FindStringSubmatch(page)
	if found == nil {
		t.Fatal("the event page has no override form for an analyst")
	}
	m := found[1]
	resp, err := alice.PostForm(srv.URL+"/events/ev-01/override", url.Values{"csrf": {m}, "status": {"denied"}, "likelihood": {""}, "reason": {""}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusBadRequest {
		t.Fatalf("an override without a reason: %d", resp.StatusCode)
	}
	resp, err = alice.PostForm(srv.URL+"/events/ev-01/override", url.Values{"csrf": {m}, "status": {"denied"}, "reason": {"The ministry retracted it."}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/events/ev-01#judgement" {
		t.Fatalf("override form: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	for path, v := range map[string]url.Values{
		"/events/ev-01/notes":      {"csrf": {m}, "on": {"event"}, "text": {"A note from alice."}},
		"/events/ev-01/hypotheses": {"csrf": {m}, "text": {"The ministry is protecting a partner"}},
	} {
		resp, err := alice.PostForm(srv.URL+path, v)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("POST %s: %d", path, resp.StatusCode)
		}
	}
	// Moving a claim changes what fusion computes: a new version.
	cls, _ := st.Claims(ctx, store.ClaimFilter{EventID: "ev-01"})
	apiDo(t, srv.Client(), "POST", srv.URL+"/api/v1/claims/"+url.PathEscape(cls[0].ID)+"/move", aliceTok, map[string]string{"event": "ev-02"}, 200, nil)

	// The real pipeline's fusion renamed the fixture's events; the
	// judgements followed ev-01 to the event holding most of its claims.
	j, _ := store.JudgementsOf(st)
	ov, err := j.Overrides(ctx)
	if err != nil || len(ov) != 1 {
		t.Fatalf("overrides after re-fusion: %v, %v", ov, err)
	}
	var now string
	for id := range ov {
		now = id
	}
	resp, page = get(t, alice, srv.URL+"/events/"+now)
	if resp.StatusCode != 200 {
		t.Fatalf("GET /events/%s: %d", now, resp.StatusCode)
	}
	for _, want := range []string{`<section id="history"`, `<svg class="history"`, "<td data-label=\"What\">override</td>", "<td data-label=\"Who\">alice</td>",
		"A note from alice.", "The ministry is protecting a partner", "Reason: The ministry retracted it."} {
		if !strings.Contains(page, want) {
			t.Errorf("event page lacks %q", want)
		}
	}
	_, dash := get(t, bob, srv.URL+"/")
	if !strings.Contains(dash, "changed their assessment") || !strings.Contains(dash, "analyst&#39;s judgement now denied") {
		t.Errorf("bob's dashboard does not say what changed since:\n%s", dash)
	}
}

// TestJudgementsTwoAnalystsPostgres: two analysts judging one event at
// once on PostgreSQL lose nothing, and each action is audited.
func TestJudgementsTwoAnalystsPostgres(t *testing.T) {
	st := postgresStore(t)
	seedInto(t, st)
	toks := map[string]string{"alice": addUser(t, st, "alice", store.Analyst), "bob": addUser(t, st, "bob", store.Analyst)}
	srv := newServer(t, st, false)
	c := srv.Client()
	var wg sync.WaitGroup
	for who, tok := range toks {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 5 {
				for _, r := range []struct {
					method, path string
					body         any
					status       int
				}{
					{"POST", "/notes", map[string]string{"text": fmt.Sprintf("%s's note %d", who, i)}, 201},
					{"PUT", "/override", map[string]string{"status": "contested", "reason": who + " thinks so"}, 200},
					{"POST", "/signoff", "", 200},
				} {
					b, _ := json.Marshal(r.body)
					if s, ok := r.body.(string); ok {
						b = []byte(s)
					}
					req, _ := http.NewRequestWithContext(t.Context(), r.method, srv.URL+"/api/v1/events/ev-01"+r.path, bytes.NewReader(b))
					req.Header.Set("Authorization", "Bearer "+tok)
					req.Header.Set("Content-Type", "application/json")
					resp, err := c.Do(req)
					if err != nil {
						t.Error(err)
						return
					}
					resp.Body.Close()
					if resp.StatusCode != r.status {
						t.Errorf("%s %s by %s: %d", r.method, r.path, who, resp.StatusCode)
					}
				}
			}
		}()
	}
	wg.Wait()
	var notes List[claim.Note]
	apiDo(t, c, "GET", srv.URL+"/api/v1/events/ev-01/notes", toks["alice"], "", 200, &notes)
	var h historyView
	apiDo(t, c, "GET", srv.URL+"/api/v1/events/ev-01/history", toks["bob"], "", 200, &h)
	by := map[string]int{}
	for _, e := range h.Audit {
		by[e.By]++
	}
	if len(notes.Items) != 10 || len(h.Versions) != 31 || by["alice"] != 15 || by["bob"] != 15 {
		t.Fatalf("%d notes, %d versions, audit by %v; want 10, 31, 15 each", len(notes.Items), len(h.Versions), by)
	}
}

// TestStatusChanges: "changed since" compares the last version before the
// moment with the latest one after it.
func TestStatusChanges(t *testing.T) {
	at := func(m int) time.Time { return time.Date(2026, 1, 9, 10, m, 0, 0, time.UTC) }
	v := func(ev string, m int, st claim.Status, lik string, ov claim.Status) claim.AssessmentVersion {
		return claim.AssessmentVersion{EventID: ev, At: at(m), State: claim.AssessmentState{Status: st, Likelihood: lik, OverrideStatus: ov}}
	}
	hist := []claim.AssessmentVersion{
		v("ev-a", 1, claim.StatusContested, "very likely", ""), v("ev-a", 5, claim.StatusCorroborated, "likely", ""),
		v("ev-b", 1, claim.StatusDenied, "unlikely", ""), v("ev-b", 2, claim.StatusDenied, "unlikely", claim.StatusContested),
		v("ev-c", 1, claim.StatusDenied, "unlikely", ""), v("ev-c", 6, claim.StatusDenied, "unlikely", claim.StatusCorroborated),
		v("ev-d", 6, claim.StatusDenied, "unlikely", ""), // new since: no move to report
		v("ev-e", 1, claim.StatusDenied, "unlikely", ""), v("ev-e", 6, claim.StatusDenied, "unlikely", ""),
	}
	got := statusChanges(hist, at(3))
	want := map[string]string{
		"ev-a": "status contested → corroborated; likelihood very likely → likely",
		"ev-c": "analyst's judgement now corroborated",
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("statusChanges = %v, want %v", got, want)
	}
}
