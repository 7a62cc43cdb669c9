package server

import (
	"context"
	"encoding/json"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/errs"
	"github.com/triangulate/triangulate/pipeline"
	"github.com/triangulate/triangulate/report"
	"github.com/triangulate/triangulate/store"
)

// editRoutes registers analysts' corrections: the JSON API and the form
// behind the claims table and the event page.
func (s *Server) editRoutes() {
	m := s.mux
	m.HandleFunc("PATCH /api/v1/claims/{id}", s.apiPatchClaim)
	m.HandleFunc("POST /api/v1/claims/{id}/move", s.apiMoveClaim)
	m.HandleFunc("GET /api/v1/claims/{id}/edits", s.apiClaimEdits)
	m.HandleFunc("POST /claims/{id}/edit", s.formEditClaim)
	m.HandleFunc("POST /claims/{id}/move", s.formMoveClaim)
}

// editFuncs are the template helpers of the claimedit form.
func editFuncs() template.FuncMap {
	return template.FuncMap{
		"actions": func() []claim.Action { return claim.Actions },
		"modalities": func() []claim.Modality {
			return []claim.Modality{claim.Asserted, claim.Hedged, claim.Unverified, claim.Denied, claim.NCND}
		},
		"figureKinds": func() []claim.QuantityKind {
			return []claim.QuantityKind{claim.QuantityCount, claim.QuantityBaseline, claim.QuantityIncrease}
		},
		"placeRoles": func() []claim.PlaceRole {
			return []claim.PlaceRole{claim.RoleOrigin, claim.RoleDestination, claim.RoleVia, claim.RoleLocation}
		},
		"placeKinds": func() []claim.PlaceKind {
			return []claim.PlaceKind{claim.KindCountry, claim.KindProvince, claim.KindCity, claim.KindCrossing,
				claim.KindRegion, claim.KindBorder, claim.KindAirport}
		},
		"timePrecisions": func() []claim.TimePrecision {
			return []claim.TimePrecision{claim.TimeDay, claim.TimeRange, claim.TimeOpen, claim.TimeMonth, claim.TimeApproximate}
		},
		"editForm": func(c claim.Claim, v view, back string) editForm {
			return editForm{Claim: c, CSRF: v.EditCSRF, Back: back, Events: v.Events}
		},
	}
}

// editForm is what the claimedit template gets for one claim.
type editForm struct {
	Claim  claim.Claim
	CSRF   string // empty: the user may not edit, so no form is drawn
	Back   string
	Events []eventChoice
}

// eventChoice is an event a claim may be moved to.
type eventChoice struct {
	ID    string
	Title string
}

// eventChoices lists the case's events for the move form, titled as on
// the dashboard.
func eventChoices(rep *report.Report) []eventChoice {
	titles := eventTitles(rep)
	out := make([]eventChoice, 0, len(rep.Events))
	for _, ev := range rep.Events {
		out = append(out, eventChoice{ID: ev.ID, Title: titles[ev.ID]})
	}
	return out
}

// eventTitles names each event by its title, told apart from any other
// of the same title (fusion titles an event by its actor, action and
// place, so two groups of one story share one) by its dates and its
// number of claims, and by its place in the list when even those agree:
// in a choice of events "Turkey: deploy, Azerbaijan" twice is no choice.
func eventTitles(rep *report.Report) map[string]string {
	out := make(map[string]string, len(rep.Events))
	same := map[string]int{}
	for _, ev := range rep.Events {
		same[ev.Title]++
	}
	seen := map[string]int{}
	for _, ev := range rep.Events {
		t := ev.Title
		if same[t] > 1 {
			var parts []string
			switch {
			case ev.From != "" && ev.To != "" && ev.From != ev.To:
				parts = append(parts, string(ev.From)+" – "+string(ev.To))
			case ev.From != "":
				parts = append(parts, string(ev.From))
			case ev.To != "":
				parts = append(parts, "by "+string(ev.To))
			}
			n := len(ev.ClaimIDs)
			parts = append(parts, plural(n, "claim", "claims"))
			t += " (" + strings.Join(parts, ", ") + ")"
		}
		seen[t]++
		if seen[t] > 1 {
			t += " #" + strconv.Itoa(seen[t])
		}
		out[ev.ID] = t
	}
	return out
}

// claimPatch is an analyst's correction in the API's shape
// (pipeline.ClaimEdit). Absent fields keep their stored value; the evidence
// (span, quote, source) cannot be edited, so unknown fields are refused
// rather than silently dropped.
type claimPatch struct {
	Version  *int            `json:"version"`
	Modality *claim.Modality `json:"modality,omitempty"`
	Action   *claim.Action   `json:"action,omitempty"`
	Rejected *bool           `json:"rejected,omitempty"`
	Actors   *[]string       `json:"actors,omitempty"`
	// Whole replacements of the speaker chain, figures, places and time
	// (time null clears it).
	Attribution *[]claim.Attribution `json:"attribution,omitempty"`
	Quantities  *[]claim.Quantity    `json:"quantities,omitempty"`
	Places      *[]claim.Place       `json:"places,omitempty"`
	Time        json.RawMessage      `json:"time,omitempty"`
}

// mayEdit refuses users who may only read.
func mayEdit(r *http.Request) error { return mayWrite(r, "edit", "editing") }

// mayWrite refuses anonymous requests and users who may only read; op and
// doing name the refused write in the error.
func mayWrite(r *http.Request, op, doing string) error {
	u := userOf(r)
	if u == nil {
		return errUnauthenticated
	}
	if u.Role != store.Analyst && u.Role != store.Admin {
		return errs.E(errs.Refused, op, fmt.Sprintf("user %s is a %s; %s needs the analyst or admin role", u.Name, u.Role, doing))
	}
	return nil
}

// editClaim applies p to the stored claim id on behalf of by; the case is
// fused again with its own settings.
func (s *Server) editClaim(ctx context.Context, id string, p claimPatch, by string) (*claim.Claim, error) {
	e := pipeline.ClaimEdit{Version: p.Version, Modality: p.Modality, Action: p.Action,
		Rejected: p.Rejected, Actors: p.Actors, Attribution: p.Attribution, Quantities: p.Quantities, Places: p.Places}
	if len(p.Time) > 0 {
		if string(p.Time) == "null" {
			e.NoTime = true
		} else if err := json.Unmarshal(p.Time, &e.Time); err != nil {
			return nil, errs.E(errs.BadInput, "edit claim "+id, fmt.Errorf("time: %w", err))
		}
	}
	c, err := s.cs.EditClaim(ctx, id, e, by)
	s.invalidateReport()
	return c, err
}

func (s *Server) apiPatchClaim(w http.ResponseWriter, r *http.Request) {
	if err := mayEdit(r); err != nil {
		s.refuse(w, r, err)
		return
	}
	var p claimPatch
	if err := decodeJSON(r, &p); err != nil {
		s.apiError(w, r, err)
		return
	}
	c, err := s.editClaim(r.Context(), r.PathValue("id"), p, userOf(r).Name)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, c)
}

// decodeJSON reads one JSON object, refusing unknown fields.
func decodeJSON(r *http.Request, v any) error {
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return errs.E(errs.BadInput, "request body", err)
	}
	return nil
}

type moveRequest struct {
	Event string `json:"event"`
}

func (s *Server) apiMoveClaim(w http.ResponseWriter, r *http.Request) {
	if err := mayEdit(r); err != nil {
		s.refuse(w, r, err)
		return
	}
	var m moveRequest
	if err := decodeJSON(r, &m); err != nil {
		s.apiError(w, r, err)
		return
	}
	ctx, id := r.Context(), r.PathValue("id")
	if err := s.moveClaim(ctx, id, m.Event, userOf(r).Name); err != nil {
		s.apiError(w, r, err)
		return
	}
	c, err := s.cfg.Store.Claim(ctx, id)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, c)
}

// editView is one edit in the API, with the claim before and after.
type editView struct {
	ClaimID string          `json:"claim_id"`
	Version int             `json:"version"`
	By      string          `json:"by"`
	At      time.Time       `json:"at"`
	Before  json.RawMessage `json:"before"`
	After   json.RawMessage `json:"after"`
}

func (s *Server) apiClaimEdits(w http.ResponseWriter, r *http.Request) {
	ctx, id := r.Context(), r.PathValue("id")
	if _, err := s.cfg.Store.Claim(ctx, id); err != nil {
		s.apiError(w, r, err)
		return
	}
	es, err := s.cfg.Store.Edits(ctx, id)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	out := List[editView]{Items: []editView{}}
	for _, e := range es {
		out.Items = append(out.Items, editView{ClaimID: e.ClaimID, Version: e.Version, By: e.By, At: e.At,
			Before: rawJSON(e.Before), After: rawJSON(e.After)})
	}
	writeJSON(w, http.StatusOK, out)
}

// rawJSON passes a stored document through, or null if it is not JSON.
func rawJSON(doc string) json.RawMessage {
	if !json.Valid([]byte(doc)) {
		return json.RawMessage("null")
	}
	return json.RawMessage(doc)
}

// conflictView is the page shown when an edit lost a race.
type conflictView struct {
	Claim *claim.Claim // as stored now; nil if it vanished
	Back  string
}

// renderConflict answers an edit that lost the race to another analyst's
// with the claim as it is now, its source named as everywhere else and
// linked to the claim's words.
func (s *Server) renderConflict(w http.ResponseWriter, r *http.Request, id, back string) {
	cur, _ := s.cfg.Store.Claim(r.Context(), id)
	n := newNames(nil)
	if rep, err := s.report(r); err == nil {
		n = s.derivedFor(rep).names
	}
	s.render(w, r, http.StatusConflict, "conflict", view{Title: "Someone else changed this claim",
		Data: conflictView{Claim: cur, Back: back}, Names: n})
}

// formEditClaim handles the edit form: modality, action and rejection.
func (s *Server) formEditClaim(w http.ResponseWriter, r *http.Request) {
	if err := mayEdit(r); err != nil {
		s.refuse(w, r, err)
		return
	}
	id := r.PathValue("id")
	back := backPath(r)
	v, err := strconv.Atoi(r.PostFormValue("version"))
	if err != nil {
		s.pageError(w, r, errs.E(errs.BadInput, "edit claim "+id, "the form has no version; reload the page"))
		return
	}
	p := claimPatch{Version: &v}
	if m := claim.Modality(r.PostFormValue("modality")); m != "" {
		p.Modality = &m
	}
	if a := claim.Action(r.PostFormValue("action")); a != "" {
		p.Action = &a
	}
	rejected := r.PostFormValue("rejected") != ""
	p.Rejected = &rejected
	if _, err := s.editClaim(r.Context(), id, p, userOf(r).Name); err != nil {
		if errs.Is(err, errs.Conflict) {
			s.renderConflict(w, r, id, back)
			return
		}
		s.pageError(w, r, err)
		return
	}
	http.Redirect(w, r, back, http.StatusSeeOther)
}

// backPath is where a form returns to: the form's own "back" field when it
// is a path on this site, else the claims table. Absolute and
// protocol-relative URLs are refused so the form cannot redirect offsite.
func backPath(r *http.Request) string {
	b := r.PostFormValue("back")
	u, err := url.Parse(b)
	if err != nil || b == "" || u.Scheme != "" || u.Host != "" || !strings.HasPrefix(b, "/") ||
		strings.HasPrefix(b, "//") || strings.ContainsAny(b, "\\\r\n") {
		return "/claims"
	}
	return b
}

// moveClaim pins claim id to the existing event on behalf of by and fuses
// again; the pin survives later runs and re-extraction.
func (s *Server) moveClaim(ctx context.Context, id, event, by string) error {
	if event == "" {
		return errs.E(errs.BadInput, "move claim "+id, `"event" is required`)
	}
	// Only existing events are targets here: the forms list them.
	if _, err := s.cfg.Store.Event(ctx, event); err != nil {
		return err
	}
	_, _, err := s.cs.MoveClaim(ctx, id, event, by)
	s.invalidateReport()
	return err
}

// formMoveClaim handles the move form: pin a claim to another event.
func (s *Server) formMoveClaim(w http.ResponseWriter, r *http.Request) {
	if err := mayEdit(r); err != nil {
		s.refuse(w, r, err)
		return
	}
	id := r.PathValue("id")
	if err := s.moveClaim(r.Context(), id, r.PostFormValue("event"), userOf(r).Name); err != nil {
		s.pageError(w, r, err)
		return
	}
	http.Redirect(w, r, backPath(r), http.StatusSeeOther)
}
