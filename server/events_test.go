package server

import (
	"encoding/json"
	"net/url"
	"slices"
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
