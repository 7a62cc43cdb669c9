package server

import (
	"encoding/json"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/store"
)

// eventWith returns a stored event for which ok holds, failing the test
// when there is none.
func eventWith(t *testing.T, st store.Store, ok func(claim.Event) bool) claim.Event {
	t.Helper()
	evs, err := st.Events(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(evs, ok)
	if i < 0 {
		t.Fatal("no stored event fits")
	}
	return evs[i]
}

func bigEnough(e claim.Event) bool { return len(e.Members) >= 2 }

// eventWrites are TestOpenAPIResponses' calls of the event and origin
// changes: every documented status of each, made on the case as fusion
// left it (claimID is a stored claim, viewer a viewer's token).
func eventWrites(t *testing.T, st store.Store, claimID, viewer string) []call {
	const jt = "application/json"
	js := func(v any) []byte { b, _ := json.Marshal(v); return b }
	var origin string // the origin merged away, for the undo
	split := func(cc *call, claims []string) {
		e := eventWith(t, st, bigEnough)
		cc.url = "/api/v1/events/" + url.PathEscape(e.ID) + "/split"
		if claims == nil {
			claims = []string{e.Members[0].ClaimID}
		}
		cc.body = js(map[string]any{"claims": claims})
	}
	merge := func(cc *call, into string) {
		e := eventWith(t, st, bigEnough)
		other := eventWith(t, st, func(o claim.Event) bool { return o.ID != e.ID })
		if into == "" {
			into = other.ID
		} else if into == "self" {
			into = e.ID
		}
		cc.url = "/api/v1/events/" + url.PathEscape(e.ID) + "/merge"
		cc.body = js(map[string]string{"into": into})
	}
	origins := func(cc *call, same, unknown bool) {
		e := eventWith(t, st, func(e claim.Event) bool { return len(e.Origins) >= 2 })
		from, into := e.Origins[1].Key, e.Origins[0].Key
		switch {
		case same:
			into = from
		case unknown:
			into = "name:nobody at all"
		default:
			origin = from
		}
		cc.body = js(map[string]string{"from": from, "into": into})
	}
	return []call{
		{op: "POST /api/v1/events", url: "/api/v1/events", token: viewer, ctype: jt, body: js(map[string]any{"claims": []string{claimID}}), status: 403},
		{op: "POST /api/v1/events", url: "/api/v1/events", ctype: jt, body: js(map[string]any{"claims": []string{"  "}}), status: 400},
		{op: "POST /api/v1/events", url: "/api/v1/events", ctype: jt, body: js(map[string]any{"claims": []string{"no-such-claim"}}), status: 404},
		{op: "POST /api/v1/events", url: "/api/v1/events", ctype: jt, body: js(map[string]any{"claims": []string{claimID}}), status: 201},
		{op: "POST /api/v1/events/{id}/split", ctype: jt, token: viewer, status: 403, prep: func(cc *call) { split(cc, nil) }},
		{op: "POST /api/v1/events/{id}/split", ctype: jt, status: 400, prep: func(cc *call) { split(cc, []string{"no-such-claim"}) }},
		{op: "POST /api/v1/events/{id}/split", url: "/api/v1/events/ev-99/split", ctype: jt, body: js(map[string]any{"claims": []string{claimID}}), status: 404},
		{op: "POST /api/v1/events/{id}/split", ctype: jt, status: 201, prep: func(cc *call) { split(cc, nil) }},
		{op: "POST /api/v1/events/{id}/merge", ctype: jt, token: viewer, status: 403, prep: func(cc *call) { merge(cc, "") }},
		{op: "POST /api/v1/events/{id}/merge", ctype: jt, status: 400, prep: func(cc *call) { merge(cc, "self") }},
		{op: "POST /api/v1/events/{id}/merge", ctype: jt, status: 404, prep: func(cc *call) { merge(cc, "ev-99") }},
		{op: "POST /api/v1/events/{id}/merge", ctype: jt, status: 200, prep: func(cc *call) { merge(cc, "") }},
		{op: "POST /api/v1/origins/merge", url: "/api/v1/origins/merge", ctype: jt, token: viewer, status: 403, prep: func(cc *call) { origins(cc, false, true) }},
		{op: "POST /api/v1/origins/merge", url: "/api/v1/origins/merge", ctype: jt, status: 400, prep: func(cc *call) { origins(cc, true, false) }},
		{op: "POST /api/v1/origins/merge", url: "/api/v1/origins/merge", ctype: jt, status: 404, prep: func(cc *call) { origins(cc, false, true) }},
		{op: "POST /api/v1/origins/merge", url: "/api/v1/origins/merge", ctype: jt, status: 204, prep: func(cc *call) { origins(cc, false, false) }},
		{op: "GET /api/v1/merges", url: "/api/v1/merges", status: 200, want: `"by": "alice"`},
		{op: "DELETE /api/v1/merges", url: "/api/v1/merges?kind=origin&from=x", token: viewer, status: 403},
		{op: "DELETE /api/v1/merges", url: "/api/v1/merges?kind=claim&from=x", status: 400},
		{op: "DELETE /api/v1/merges", status: 204, prep: func(cc *call) {
			cc.url = "/api/v1/merges?" + url.Values{"kind": {"origin"}, "from": {origin}}.Encode()
		}},
		{op: "DELETE /api/v1/merges", status: 404, prep: func(cc *call) {
			cc.url = "/api/v1/merges?" + url.Values{"kind": {"origin"}, "from": {origin}}.Encode()
		}},
		{op: "GET /api/v1/exports/{format}", url: "/api/v1/exports/md", status: 200, want: "# "},
		{op: "GET /api/v1/exports/{format}", url: "/api/v1/exports/html", status: 200, want: "<html"},
		{op: "GET /api/v1/exports/{format}", url: "/api/v1/exports/claims.csv", status: 200, want: "claim_id,"},
		{op: "GET /api/v1/exports/{format}", url: "/api/v1/exports/figures.csv", status: 200, want: "said_by"},
	}
}

// TestEventForms: the claims table's "new event" form makes an event of
// the ticked claims, the event page's merge form merges it into another,
// and its undo brings it back; each lands where the analyst can see it.
func TestEventForms(t *testing.T) {
	st, _ := seed(t)
	addUser(t, st, "alice", store.Analyst)
	addUser(t, st, "victor", store.Viewer)
	srv := newServer(t, st, false)
	alice := browser(t, srv.URL, "alice")

	_, page := get(t, alice, srv.URL+"/claims")
	m := regexp.MustCompile(`<form method="post" action="/events" id="new-event"[^>]*><input type="hidden" name="csrf" value="([^"]+)">`).FindStringSubmatch(page)
	if m == nil {
		t.Fatal("the claims table has no new-event form")
	}
	csrf := html.UnescapeString(m[1])
	cls, err := st.Claims(t.Context(), store.ClaimFilter{})
	if err != nil || len(cls) < 2 {
		t.Fatalf("claims: %d, %v", len(cls), err)
	}
	if !strings.Contains(page, `form="new-event"`) {
		t.Fatal("the claims table's rows cannot be chosen for a new event")
	}
	post := func(c *http.Client, path string, form url.Values) *http.Response {
		t.Helper()
		resp, err := c.PostForm(srv.URL+path, form)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp
	}
	picked := []string{cls[0].ID, cls[1].ID}
	resp := post(alice, "/events", url.Values{"csrf": {csrf}, "claim": picked})
	loc := resp.Header.Get("Location")
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/events/ev-") {
		t.Fatalf("new event form: %d to %q", resp.StatusCode, loc)
	}
	created := strings.TrimPrefix(loc, "/events/")
	for _, id := range picked {
		if c, _ := st.Claim(t.Context(), id); c.EventID != created {
			t.Fatalf("claim %s is in %q, want the new event %s", id, c.EventID, created)
		}
	}
	// A viewer may not change events.
	victor := browser(t, srv.URL, "victor")
	if resp := post(victor, "/events/"+created+"/merge", url.Values{"csrf": {csrf}, "into": {created}}); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("viewer's merge: %d", resp.StatusCode)
	}

	_, page = get(t, alice, srv.URL+"/events/"+created)
	if !strings.Contains(page, `action="/events/`+created+`/merge"`) || !strings.Contains(page, `action="/events/`+created+`/split"`) {
		t.Fatal("the event page lacks the merge or split form")
	}
	other := eventWith(t, st, func(e claim.Event) bool { return e.ID != created })
	resp = post(alice, "/events/"+created+"/merge", url.Values{"csrf": {csrf}, "into": {other.ID}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/events/"+other.ID {
		t.Fatalf("merge form: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	if c, _ := st.Claim(t.Context(), picked[0]); c.EventID != other.ID {
		t.Fatalf("after the merge claim %s is in %q, want %s", picked[0], c.EventID, other.ID)
	}
	_, page = get(t, alice, srv.URL+"/events/"+other.ID)
	if !strings.Contains(page, "merged into this one, by alice") {
		t.Fatal("the merged event's page does not list the merge with who made it")
	}
	resp = post(alice, "/merges/undo", url.Values{"csrf": {csrf}, "kind": {"event"}, "from": {created}, "back": {"/events/" + created}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("undo: %d", resp.StatusCode)
	}
	if c, _ := st.Claim(t.Context(), picked[0]); c.EventID != created {
		t.Fatalf("after the undo claim %s is in %q, want %s back", picked[0], c.EventID, created)
	}
}
