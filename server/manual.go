package server

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/triangulate/triangulate/anomaly"
	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/errs"
	"github.com/triangulate/triangulate/pipeline"
	"github.com/triangulate/triangulate/series"
)

// manualRoutes registers claims made and corrected by hand, and data
// checks run from the event page: the forms and the JSON API.
func (s *Server) manualRoutes() {
	m := s.mux
	m.HandleFunc("GET /sources/{id}/claims/new", s.pageNewClaim)
	m.HandleFunc("POST /sources/{id}/claims", s.formAddClaim)
	m.HandleFunc("GET /claims/{id}/correct", s.pageCorrectClaim)
	m.HandleFunc("POST /claims/{id}/correct", s.formCorrectClaim)
	m.HandleFunc("POST /events/{id}/check", s.formCheckClaim)
	m.HandleFunc("POST /api/v1/sources/{id}/drafts", s.apiDraftClaim)
	m.HandleFunc("POST /api/v1/claims", s.apiAddClaim)
	m.HandleFunc("POST /api/v1/claims/{id}/check", s.apiCheckClaim)
}

// claimFormView is what claimform.html gets: a claim to complete (a draft
// from selected words, Action the form's target) or to correct.
type claimFormView struct {
	Claim    claim.Claim
	New      bool
	Action   string // where the form posts
	Back     string
	Error    string
	Context  string // the sentence around the words, for the analyst to read
	Blank    []int  // how many empty rows to offer for each list
	Speakers []claim.SourceKind
}

func (s *Server) renderClaimForm(w http.ResponseWriter, r *http.Request, status int, v claimFormView) {
	v.Blank, v.Speakers = []int{1, 2}, pipeline.SpeakerKinds
	title := "Correct a claim"
	if v.New {
		title = "Add a claim"
	}
	n := newNames(nil)
	if rep, err := s.report(r); err == nil {
		n = s.derivedFor(rep).names
	}
	s.render(w, r, status, "claimform", view{Title: title, Data: v, Names: n})
}

// draftFrom reads the selection of a request: byte offsets start and end,
// or, without them, the words themselves (quote), found in the text.
func (s *Server) draftFrom(ctx context.Context, sourceID int64, get func(string) string) (*claim.Claim, error) {
	start, end := get("start"), get("end")
	if start == "" && end == "" {
		src, err := s.cfg.Store.Source(ctx, sourceID)
		if err != nil {
			return nil, err
		}
		from, _ := strconv.Atoi(get("from"))
		a, b, err := pipeline.FindQuote(src.Text, get("quote"), from)
		if err != nil {
			return nil, err
		}
		return s.cs.DraftClaim(ctx, sourceID, a, b)
	}
	a, err1 := strconv.Atoi(start)
	b, err2 := strconv.Atoi(end)
	if err1 != nil || err2 != nil {
		return nil, errs.E(errs.BadInput, "add a claim", "start and end are byte offsets into the source's text")
	}
	return s.cs.DraftClaim(ctx, sourceID, a, b)
}

// sentenceAround is the text around a claim's words, up to the sentence
// ends either side, for the form.
func sentenceAround(text string, start, end int) string {
	lo := strings.LastIndexAny(text[:start], ".!?\n")
	hi := strings.IndexAny(text[end:], ".!?\n")
	if hi < 0 {
		hi = len(text)
	} else {
		hi += end + 1
	}
	return strings.TrimSpace(text[lo+1 : hi])
}

func (s *Server) pageNewClaim(w http.ResponseWriter, r *http.Request) {
	if err := mayEdit(r); err != nil {
		s.refuse(w, r, err)
		return
	}
	id, err := pathID(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	d, err := s.draftFrom(r.Context(), id, r.URL.Query().Get)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	src, err := s.cfg.Store.Source(r.Context(), id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.renderClaimForm(w, r, http.StatusOK, claimFormView{Claim: *d, New: true, Action: fmt.Sprintf("/sources/%d/claims", id),
		Back: fmt.Sprintf("/sources/%d", id), Context: sentenceAround(src.Text, d.Start, d.End)})
}

func (s *Server) formAddClaim(w http.ResponseWriter, r *http.Request) {
	if err := mayEdit(r); err != nil {
		s.refuse(w, r, err)
		return
	}
	id, err := pathID(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	ctx := r.Context()
	d, err := s.draftFrom(ctx, id, r.PostFormValue)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	form := claimFormView{Claim: *d, New: true, Action: fmt.Sprintf("/sources/%d/claims", id), Back: fmt.Sprintf("/sources/%d", id)}
	if err := applyClaimForm(r.PostForm, d); err != nil {
		form.Error = userMessage(err)
		s.renderClaimForm(w, r, http.StatusBadRequest, form)
		return
	}
	c, err := s.cs.AddClaim(ctx, *d, userOf(r).Name)
	s.invalidateReport()
	if err != nil {
		if errs.HTTPStatus(err) >= 500 {
			s.pageError(w, r, err)
			return
		}
		form.Claim, form.Error = *d, userMessage(err)
		s.renderClaimForm(w, r, errs.HTTPStatus(err), form)
		return
	}
	http.Redirect(w, r, claimHome(c), http.StatusSeeOther)
}

// claimHome is where a stored claim shows: in its event, else its source.
func claimHome(c *claim.Claim) string {
	if c.EventID != "" {
		return "/events/" + url.PathEscape(c.EventID) + "#claim-" + c.ID
	}
	return fmt.Sprintf("/sources/%d#claim-%s", c.SourceID, c.ID)
}

func (s *Server) pageCorrectClaim(w http.ResponseWriter, r *http.Request) {
	if err := mayEdit(r); err != nil {
		s.refuse(w, r, err)
		return
	}
	c, err := s.cfg.Store.Claim(r.Context(), r.PathValue("id"))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v := claimFormView{Claim: *c, Action: "/claims/" + c.ID + "/correct", Back: claimHome(c)}
	if src, err := s.cfg.Store.Source(r.Context(), c.SourceID); err == nil && c.End <= len(src.Text) {
		v.Context = sentenceAround(src.Text, c.Start, c.End)
	}
	s.renderClaimForm(w, r, http.StatusOK, v)
}

func (s *Server) formCorrectClaim(w http.ResponseWriter, r *http.Request) {
	if err := mayEdit(r); err != nil {
		s.refuse(w, r, err)
		return
	}
	ctx, id := r.Context(), r.PathValue("id")
	stored, err := s.cfg.Store.Claim(ctx, id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v, err := strconv.Atoi(r.PostFormValue("version"))
	if err != nil {
		s.pageError(w, r, errs.E(errs.BadInput, "correct claim "+id, "the form has no version; reload the page"))
		return
	}
	next := *stored
	form := claimFormView{Claim: next, Action: "/claims/" + id + "/correct", Back: claimHome(stored)}
	if err := applyClaimForm(r.PostForm, &next); err != nil {
		form.Error = userMessage(err)
		s.renderClaimForm(w, r, http.StatusBadRequest, form)
		return
	}
	names := make([]string, len(next.Actors))
	for i, a := range next.Actors {
		names[i] = a.Name
	}
	e := pipeline.ClaimEdit{Version: &v, Modality: &next.Modality, Action: &next.Action, Rejected: &next.Rejected,
		Actors: &names, Attribution: &next.Attribution, Quantities: &next.Quantities, Places: &next.Places,
		Time: next.Time, NoTime: next.Time == nil}
	c, err := s.cs.EditClaim(ctx, id, e, userOf(r).Name)
	s.invalidateReport()
	if err != nil {
		if errs.Is(err, errs.Conflict) {
			s.renderConflict(w, r, id, form.Back)
			return
		}
		if errs.HTTPStatus(err) >= 500 {
			s.pageError(w, r, err)
			return
		}
		form.Claim, form.Error = next, userMessage(err)
		s.renderClaimForm(w, r, errs.HTTPStatus(err), form)
		return
	}
	http.Redirect(w, r, claimHome(c), http.StatusSeeOther)
}

// applyClaimForm sets every field of c from the full claim form: action,
// modality, rejection, the speaker chain, actors, figures, places and the
// time. Lists come as rows of same-named fields; a row without its key
// (who, unit, name) is dropped. A row's hidden span ("start:end") keeps
// the words it was read from, and a place whose name and span are
// unchanged keeps what the gazetteer knew of it (coordinates, pack entry).
func applyClaimForm(f url.Values, c *claim.Claim) error {
	if a := claim.Action(f.Get("action")); a != "" {
		if !a.Valid() {
			return errs.E(errs.BadInput, "claim form", fmt.Sprintf("unknown action %q", a))
		}
		c.Action = a
	}
	if m := claim.Modality(f.Get("modality")); m != "" {
		if !m.Valid() {
			return errs.E(errs.BadInput, "claim form", fmt.Sprintf("unknown modality %q", m))
		}
		c.Modality = m
	}
	c.Rejected = f.Get("rejected") != ""
	row := func(key string, i int) string {
		if vs := f[key]; i < len(vs) {
			return strings.TrimSpace(vs[i])
		}
		return ""
	}
	span := func(key string, i int) claim.Span {
		a, b, ok := strings.Cut(row(key, i), ":")
		x, err1 := strconv.Atoi(a)
		y, err2 := strconv.Atoi(b)
		if !ok || err1 != nil || err2 != nil {
			return claim.Span{}
		}
		return claim.Span{Start: x, End: y}
	}
	c.Attribution = []claim.Attribution{}
	for i := range f["a_who"] {
		if who := row("a_who", i); who != "" {
			c.Attribution = append(c.Attribution, claim.Attribution{Who: who,
				Kind: claim.SourceKind(cmpOr(row("a_kind", i), string(claim.SpeakerUnspecified))), Span: span("a_span", i)})
		}
	}
	var actors []string
	for _, l := range strings.Split(f.Get("actors"), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			actors = append(actors, l)
		}
	}
	old := c.Actors
	c.Actors = []claim.Actor{}
	for _, n := range actors {
		if i := slices.IndexFunc(old, func(a claim.Actor) bool { return a.Name == n }); i >= 0 {
			c.Actors = append(c.Actors, old[i])
		} else {
			c.Actors = append(c.Actors, claim.Actor{Name: n})
		}
	}
	c.Quantities = []claim.Quantity{}
	for i := range f["q_unit"] {
		unit, lo, hi := row("q_unit", i), row("q_min", i), row("q_max", i)
		if unit == "" && lo == "" && hi == "" {
			continue
		}
		q := claim.Quantity{Unit: unit, Qualifier: row("q_qual", i), Kind: claim.QuantityKind(cmpOr(row("q_kind", i), string(claim.QuantityCount))),
			Span: span("q_span", i)}
		var err error
		if q.Min, err = figure(lo); err != nil {
			return err
		}
		q.Max = q.Min
		if hi != "" {
			if q.Max, err = figure(hi); err != nil {
				return err
			}
		}
		if err := q.Validate(); err != nil {
			return errs.E(errs.BadInput, "claim form", fmt.Errorf("figure %d: %w", i+1, err))
		}
		c.Quantities = append(c.Quantities, q)
	}
	oldPlaces := c.Places
	c.Places = []claim.Place{}
	for i := range f["p_name"] {
		name := row("p_name", i)
		if name == "" {
			continue
		}
		sp := span("p_span", i)
		p := claim.Place{Name: name, Span: sp}
		if j := slices.IndexFunc(oldPlaces, func(o claim.Place) bool { return o.Name == name && o.Span.Start == sp.Start && o.Span.End == sp.End }); j >= 0 {
			p = oldPlaces[j]
		}
		p.Role = claim.PlaceRole(cmpOr(row("p_role", i), string(claim.RoleLocation)))
		if k := row("p_kind", i); k != "" {
			p.Kind = claim.PlaceKind(k)
		}
		if cc := row("p_country", i); cc != "" || p.Country != "" {
			p.Country = strings.ToUpper(cc)
		}
		c.Places = append(c.Places, p)
	}
	from, to := strings.TrimSpace(f.Get("t_from")), strings.TrimSpace(f.Get("t_to"))
	if from == "" && to == "" {
		c.Time = nil
	} else {
		t := &claim.TimeSpan{From: from, To: to, Precision: claim.TimePrecision(cmpOr(f.Get("t_precision"), string(claim.TimeDay))), Span: span("t_span", 0)}
		if err := t.Validate(); err != nil {
			return errs.E(errs.BadInput, "claim form", err)
		}
		c.Time = t
	}
	return nil
}

// figure reads a number as an analyst types it: "5,000", "15", "2.5".
func figure(s string) (float64, error) {
	v, err := strconv.ParseFloat(strings.ReplaceAll(s, ",", ""), 64)
	if err != nil {
		return 0, errs.E(errs.BadInput, "claim form", fmt.Sprintf("%q is not a number", s))
	}
	return v, nil
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// draftRequest is the API's selection: byte offsets, or the words.
type draftRequest struct {
	Start *int   `json:"start,omitempty"`
	End   *int   `json:"end,omitempty"`
	Quote string `json:"quote,omitempty"`
	From  int    `json:"from,omitempty"` // where to look for Quote from
}

func (s *Server) apiDraftClaim(w http.ResponseWriter, r *http.Request) {
	if err := mayEdit(r); err != nil {
		s.refuse(w, r, err)
		return
	}
	id, err := pathID(r)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	var q draftRequest
	if err := decodeJSON(r, &q); err != nil {
		s.apiError(w, r, err)
		return
	}
	vals := url.Values{"quote": {q.Quote}, "from": {strconv.Itoa(q.From)}}
	if q.Start != nil || q.End != nil {
		vals.Set("start", strconv.Itoa(deref(q.Start)))
		vals.Set("end", strconv.Itoa(deref(q.End)))
	}
	d, err := s.draftFrom(r.Context(), id, vals.Get)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, d)
}

func deref(p *int) int {
	if p == nil {
		return -1
	}
	return *p
}

// apiAddClaim stores a claim made by hand: source_id, start and end are
// required, the evidence must quote them if given; the other fields are
// the analyst's (absent ones are pre-filled by the extractor).
func (s *Server) apiAddClaim(w http.ResponseWriter, r *http.Request) {
	if err := mayEdit(r); err != nil {
		s.refuse(w, r, err)
		return
	}
	var raw map[string]json.RawMessage
	if err := decodeJSON(r, &raw); err != nil {
		s.apiError(w, r, err)
		return
	}
	var in claim.Claim
	b, _ := json.Marshal(raw)
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&in); err != nil {
		s.apiError(w, r, errs.E(errs.BadInput, "request body", err))
		return
	}
	if raw["source_id"] == nil || raw["start"] == nil || raw["end"] == nil {
		s.apiError(w, r, errs.E(errs.BadInput, "add a claim", `"source_id", "start" and "end" are required`))
		return
	}
	ctx := r.Context()
	d, err := s.cs.DraftClaim(ctx, in.SourceID, in.Start, in.End)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	if in.Evidence != "" && in.Evidence != d.Evidence {
		s.apiError(w, r, errs.E(errs.BadInput, "add a claim", "the evidence does not quote the source's text from start to end"))
		return
	}
	for key, set := range map[string]func(){
		"action":      func() { d.Action = in.Action },
		"modality":    func() { d.Modality = in.Modality },
		"actors":      func() { d.Actors = in.Actors },
		"places":      func() { d.Places = in.Places },
		"time":        func() { d.Time = in.Time },
		"quantities":  func() { d.Quantities = in.Quantities },
		"attribution": func() { d.Attribution = in.Attribution },
		"rejected":    func() { d.Rejected = in.Rejected },
	} {
		if raw[key] != nil {
			set()
		}
	}
	c, err := s.cs.AddClaim(ctx, *d, userOf(r).Name)
	s.invalidateReport()
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/claims?source="+strconv.FormatInt(c.SourceID, 10))
	writeJSON(w, http.StatusCreated, c)
}

// checkRequest names the dataset a flight check runs on (empty: the only one).
type checkRequest struct {
	Dataset string `json:"dataset,omitempty"`
}

func (s *Server) apiCheckClaim(w http.ResponseWriter, r *http.Request) {
	if err := mayEdit(r); err != nil {
		s.refuse(w, r, err)
		return
	}
	var q checkRequest
	if r.ContentLength != 0 {
		if err := decodeJSON(r, &q); err != nil {
			s.apiError(w, r, err)
			return
		}
	}
	got, err := s.checkClaim(r.Context(), r.PathValue("id"), q.Dataset)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, got.Signal)
}

// checkClaim runs the CLI's flight check of a claim and fuses again, so
// the assessment weighs the new result.
func (s *Server) checkClaim(ctx context.Context, id, dataset string) (*pipeline.FlightChecked, error) {
	got, err := s.cs.CheckedClaim(ctx, id, dataset)
	if err == nil {
		_, err = s.cs.Fuse(ctx)
	}
	s.invalidateReport()
	return got, err
}

func (s *Server) formCheckClaim(w http.ResponseWriter, r *http.Request) {
	if err := mayEdit(r); err != nil {
		s.refuse(w, r, err)
		return
	}
	ctx, ev, id := r.Context(), r.PathValue("id"), r.PostFormValue("claim")
	_, err := s.checkClaim(ctx, id, r.PostFormValue("dataset"))
	// The check fuses again, which may name the claim's event anew (its
	// earliest claim changed, say): go back to where the claim is now.
	if c, cerr := s.cfg.Store.Claim(ctx, id); cerr == nil && c.EventID != "" {
		ev = c.EventID
	}
	back := "/events/" + url.PathEscape(ev) + "#checks"
	if err != nil {
		if errs.HTTPStatus(err) >= 500 {
			s.pageError(w, r, err)
			return
		}
		back = "/events/" + url.PathEscape(ev) + "?check_error=" + url.QueryEscape(userMessage(err)) + "#checks"
	}
	http.Redirect(w, r, back, http.StatusSeeOther)
}

// flightChecks is the event page's data-check panel: the flight claims a
// check can run on, the datasets to choose from, and each stored flight
// check drawn with the claim under test over the data.
type flightChecks struct {
	Claims   []claim.Claim
	Datasets []string
	Results  []checkResult
	Error    string // why the last check from the page did not run
	// MoreClaims and MoreResults are the flight claims and checks past the
	// first listPage of each, left off the page (eventpage.go).
	MoreClaims, MoreResults int
}

type checkResult struct {
	ClaimID string
	Signal  claim.Signal
	Chart   template.HTML // drawn by anomaly.ChartSVG, which escapes its text
}

// eventChecks gathers the panel for an event's claims.
func (s *Server) eventChecks(ctx context.Context, evidence []claim.Claim) (*flightChecks, error) {
	fc := &flightChecks{}
	ids := map[string]bool{}
	for _, c := range evidence {
		if c.Action == claim.ActionFlights {
			fc.Claims = append(fc.Claims, c)
			ids[c.ID] = true
		}
	}
	if len(fc.Claims) == 0 {
		return nil, nil
	}
	fc.Claims, fc.MoreClaims = firstOf(fc.Claims, listPage)
	var err error
	if fc.Datasets, err = s.cfg.Store.Datasets(ctx); err != nil {
		return nil, err
	}
	sigs, err := s.cfg.Store.Signals(ctx)
	if err != nil {
		return nil, err
	}
	for _, sg := range sigs {
		if sg.Kind != pipeline.FlightCheckKind || !ids[sg.ClaimID] {
			continue
		}
		if len(fc.Results) == listPage { // each chart reads the store: draw a page of them
			fc.MoreResults++
			continue
		}
		res := checkResult{ClaimID: sg.ClaimID, Signal: sg}
		if svg, err := s.checkChart(ctx, sg); err == nil {
			res.Chart = svg
		} else if !errs.Is(err, errs.NotFound) {
			s.log.Warn("flight check chart", "signal", sg.ID, "err", err)
		}
		fc.Results = append(fc.Results, res)
	}
	return fc, nil
}

// checkChart draws a stored flight check: the route's days over the window
// and six weeks before, against the baseline a scan of them fits, with the
// claim's count and stated normal over them.
func (s *Server) checkChart(ctx context.Context, sg claim.Signal) (template.HTML, error) {
	rt, err := series.ParseRoute(routeIn(sg.Subject))
	if err != nil {
		return "", errs.E(errs.NotFound, "chart", "no route in the check")
	}
	ds, _ := sg.Details["dataset"].(string)
	from, err1 := time.Parse(time.DateOnly, sg.From)
	to, err2 := time.Parse(time.DateOnly, cmpOr(sg.To, sg.From))
	if ds == "" || err1 != nil || err2 != nil {
		return "", errs.E(errs.NotFound, "chart", "the check names no dataset or window")
	}
	lo, hi := from.AddDate(0, 0, -42), to.AddDate(0, 0, 7)
	ser, err := s.cs.RouteSeries(ctx, ds, rt.Origin, rt.Dest, lo, hi)
	if err != nil {
		return "", err
	}
	// The calendars of the route's airports, as the check used them: not
	// every country's holidays.
	airports, err := s.cs.Airports(ctx)
	if err != nil {
		return "", err
	}
	countries := pipeline.RouteCountries(airports, nil)
	num := func(k string) float64 { v, _ := sg.Details[k].(float64); return v }
	c := pipeline.Chart{
		Title:     fmt.Sprintf("%s flights a day (%s): the claim against the data", rt, ds),
		Days:      ser.Days,
		Results:   anomaly.ScanRoute(rt, ser.Days, anomaly.Config{From: lo, To: hi, Countries: countries}),
		Countries: countries(rt),
		Claim:     &anomaly.Claimed{From: from, To: to, AtLeast: num("at_least"), NormalLo: num("normal_lo"), NormalHi: num("normal_hi")},
	}
	var buf bytes.Buffer
	if _, err := pipeline.WriteChart(&buf, c); err != nil {
		return "", err
	}
	return template.HTML(buf.String()), nil
}
