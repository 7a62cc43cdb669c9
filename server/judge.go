package server

import (
	"cmp"
	"context"
	"fmt"
	"html/template"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/errs"
	"github.com/triangulate/triangulate/pipeline"
	"github.com/triangulate/triangulate/report"
)

// judgeRoutes registers analysts' judgements and each event's history:
// the JSON API and the forms of the event page.
func (s *Server) judgeRoutes() {
	m := s.mux
	m.HandleFunc("GET /api/v1/events/{id}/notes", s.apiEventNotes)
	m.HandleFunc("POST /api/v1/events/{id}/notes", s.apiAddEventNote)
	m.HandleFunc("POST /api/v1/claims/{id}/notes", s.apiAddClaimNote)
	m.HandleFunc("PUT /api/v1/events/{id}/override", s.apiOverride)
	m.HandleFunc("POST /api/v1/events/{id}/signoff", s.apiSignOff)
	m.HandleFunc("GET /api/v1/events/{id}/hypotheses", s.apiHypotheses)
	m.HandleFunc("POST /api/v1/events/{id}/hypotheses", s.apiAddHypothesis)
	m.HandleFunc("PUT /api/v1/hypotheses/{id}/marks/{claim}", s.apiMark)
	m.HandleFunc("GET /api/v1/events/{id}/history", s.apiHistory)

	m.HandleFunc("POST /events/{id}/notes", s.formNote)
	m.HandleFunc("POST /events/{id}/override", s.formOverride)
	m.HandleFunc("POST /events/{id}/signoff", s.formSignOff)
	m.HandleFunc("POST /events/{id}/hypotheses", s.formHypothesis)
	m.HandleFunc("POST /events/{id}/hypotheses/{hid}/marks", s.formMarks)
}

// mayJudge refuses users who may only read.
func mayJudge(r *http.Request) error { return mayWrite(r, "judge", "writing judgements") }

// judged runs an analyst's write for the API or a form: the role is
// checked first, the cached view is dropped after.
func (s *Server) judged(w http.ResponseWriter, r *http.Request, write func(ctx context.Context, by string) error) bool {
	if err := mayJudge(r); err != nil {
		s.refuse(w, r, err)
		return false
	}
	err := write(r.Context(), userOf(r).Name)
	s.invalidateReport()
	if err != nil {
		if strings.HasPrefix(r.URL.Path, "/api/") {
			s.apiError(w, r, err)
		} else {
			s.pageError(w, r, err)
		}
		return false
	}
	return true
}

// eventNotes are the notes that bear on an event: on it, on its origins,
// and on its member claims.
func eventNotes(c *claim.Case, ev *claim.Event) []claim.Note {
	out := []claim.Note{}
	if len(c.Notes) == 0 {
		return out // most cases: no map of a big event's members a page view
	}
	members := map[string]bool{}
	for _, m := range ev.Members {
		members[m.ClaimID] = true
	}
	for _, n := range c.Notes {
		if n.Kind == claim.NoteOnClaim && members[n.Target] || n.Kind != claim.NoteOnClaim && n.EventID == ev.ID {
			out = append(out, n)
		}
	}
	return out
}

func (s *Server) caseEvent(r *http.Request) (*claim.Case, *claim.Event, error) {
	c, err := s.cs.Load(r.Context())
	if err != nil {
		return nil, nil, err
	}
	id := r.PathValue("id")
	i := slices.IndexFunc(c.Events, func(e claim.Event) bool { return e.ID == id })
	if i < 0 {
		return nil, nil, errs.E(errs.NotFound, "event", "no event "+strconv.Quote(id)+" in this case")
	}
	return c, &c.Events[i], nil
}

func (s *Server) apiEventNotes(w http.ResponseWriter, r *http.Request) {
	c, ev, err := s.caseEvent(r)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	ns := eventNotes(c, ev)
	writeJSON(w, http.StatusOK, List[claim.Note]{Items: ns})
}

// noteRequest is a note in the API's shape. On an event, kind is "event"
// (the default) or "origin" with the origin's key as target.
type noteRequest struct {
	Kind   claim.NoteKind `json:"kind,omitempty"`
	Target string         `json:"target,omitempty"`
	Text   string         `json:"text"`
}

func (s *Server) apiAddEventNote(w http.ResponseWriter, r *http.Request) {
	var req noteRequest
	if err := decodeJSON(r, &req); err != nil {
		s.apiError(w, r, err)
		return
	}
	s.addNote(w, r, claim.Note{Kind: req.Kind, Target: req.Target, EventID: r.PathValue("id"), Text: req.Text})
}

func (s *Server) apiAddClaimNote(w http.ResponseWriter, r *http.Request) {
	var req noteRequest
	if err := decodeJSON(r, &req); err != nil {
		s.apiError(w, r, err)
		return
	}
	s.addNote(w, r, claim.Note{Kind: claim.NoteOnClaim, Target: r.PathValue("id"), Text: req.Text})
}

func (s *Server) addNote(w http.ResponseWriter, r *http.Request, n claim.Note) {
	if n.Kind == "" {
		n.Kind = claim.NoteOnEvent
	}
	var out claim.Note
	if s.judged(w, r, func(ctx context.Context, by string) (err error) {
		out, err = s.cs.Note(ctx, n, by)
		return err
	}) {
		writeJSON(w, http.StatusCreated, out)
	}
}

// overrideRequest is an analyst's status and likelihood with the reason;
// both empty clear the override.
type overrideRequest struct {
	Status     claim.Status `json:"status"`
	Likelihood string       `json:"likelihood"`
	Reason     string       `json:"reason"`
}

func (s *Server) apiOverride(w http.ResponseWriter, r *http.Request) {
	var req overrideRequest
	if err := decodeJSON(r, &req); err != nil {
		s.apiError(w, r, err)
		return
	}
	id := r.PathValue("id")
	if !s.judged(w, r, func(ctx context.Context, by string) error {
		return s.cs.Override(ctx, id, claim.Override{Status: req.Status, Likelihood: req.Likelihood, Reason: req.Reason}, by)
	}) {
		return
	}
	s.writeAssessment(w, r, id)
}

// writeAssessment answers with the event's assessment as loaded: the
// computed values with the override and sign-off beside them.
func (s *Server) writeAssessment(w http.ResponseWriter, r *http.Request, id string) {
	as, err := s.cfg.Store.Assessments(r.Context())
	if err == nil {
		err = pipeline.AttachJudgements(r.Context(), s.cfg.Store, as)
	}
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	for _, a := range as {
		if a.EventID == id {
			writeJSON(w, http.StatusOK, a)
			return
		}
	}
	s.apiError(w, r, errs.E(errs.NotFound, "assessment", "event "+strconv.Quote(id)+" has no assessment"))
}

func (s *Server) apiSignOff(w http.ResponseWriter, r *http.Request) {
	var so claim.SignOff
	id := r.PathValue("id")
	if s.judged(w, r, func(ctx context.Context, by string) (err error) {
		so, err = s.cs.SignOff(ctx, id, by)
		return err
	}) {
		writeJSON(w, http.StatusOK, so)
	}
}

func (s *Server) apiHypotheses(w http.ResponseWriter, r *http.Request) {
	c, ev, err := s.caseEvent(r)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	hs := eventHypotheses(c, ev.ID)
	writeJSON(w, http.StatusOK, List[claim.Hypothesis]{Items: hs})
}

func eventHypotheses(c *claim.Case, id string) []claim.Hypothesis {
	out := []claim.Hypothesis{}
	for _, h := range c.Hypotheses {
		if h.EventID == id {
			out = append(out, h)
		}
	}
	return out
}

type hypothesisRequest struct {
	Text string `json:"text"`
}

func (s *Server) apiAddHypothesis(w http.ResponseWriter, r *http.Request) {
	var req hypothesisRequest
	if err := decodeJSON(r, &req); err != nil {
		s.apiError(w, r, err)
		return
	}
	var h claim.Hypothesis
	if s.judged(w, r, func(ctx context.Context, by string) (err error) {
		h, err = s.cs.Hypothesize(ctx, r.PathValue("id"), req.Text, by)
		return err
	}) {
		writeJSON(w, http.StatusCreated, h)
	}
}

type markRequest struct {
	Mark claim.Mark `json:"mark"` // "" removes the mark
}

func (s *Server) apiMark(w http.ResponseWriter, r *http.Request) {
	var req markRequest
	if err := decodeJSON(r, &req); err != nil {
		s.apiError(w, r, err)
		return
	}
	hid, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.apiError(w, r, errs.E(errs.BadInput, "mark evidence", "the hypothesis id must be a number"))
		return
	}
	if s.judged(w, r, func(ctx context.Context, by string) error {
		return s.cs.MarkEvidence(ctx, hid, r.PathValue("claim"), req.Mark, by)
	}) {
		writeJSON(w, http.StatusOK, map[string]any{"hypothesis": hid, "claim": r.PathValue("claim"), "mark": req.Mark})
	}
}

// historyView is an event's history in the API.
type historyView struct {
	Versions []claim.AssessmentVersion `json:"versions"`
	Audit    []claim.AuditEntry        `json:"audit"`
}

func (s *Server) apiHistory(w http.ResponseWriter, r *http.Request) {
	h, a, err := s.cs.History(r.Context(), r.PathValue("id"))
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	out := historyView{Versions: h, Audit: a}
	if out.Versions == nil {
		out.Versions = []claim.AssessmentVersion{}
	}
	if out.Audit == nil {
		out.Audit = []claim.AuditEntry{}
	}
	writeJSON(w, http.StatusOK, out)
}

// eventBack is the event page a form returns to, at one of its sections.
func eventBack(id, anchor string) string { return "/events/" + id + "#" + anchor }

func (s *Server) formNote(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	// "on" is "event", "origin:<key>" or "claim:<id>".
	kind, target, _ := strings.Cut(r.PostFormValue("on"), ":")
	n := claim.Note{Kind: claim.NoteKind(cmp.Or(kind, string(claim.NoteOnEvent))), Target: target, EventID: id, Text: r.PostFormValue("text")}
	if s.judged(w, r, func(ctx context.Context, by string) error {
		_, err := s.cs.Note(ctx, n, by)
		return err
	}) {
		http.Redirect(w, r, eventBack(id, "notes"), http.StatusSeeOther)
	}
}

func (s *Server) formOverride(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	o := claim.Override{Status: claim.Status(r.PostFormValue("status")), Likelihood: r.PostFormValue("likelihood"), Reason: r.PostFormValue("reason")}
	if r.PostFormValue("clear") != "" {
		o.Status, o.Likelihood = "", ""
	}
	if s.judged(w, r, func(ctx context.Context, by string) error { return s.cs.Override(ctx, id, o, by) }) {
		http.Redirect(w, r, eventBack(id, "judgement"), http.StatusSeeOther)
	}
}

func (s *Server) formSignOff(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if s.judged(w, r, func(ctx context.Context, by string) error {
		_, err := s.cs.SignOff(ctx, id, by)
		return err
	}) {
		http.Redirect(w, r, eventBack(id, "judgement"), http.StatusSeeOther)
	}
}

func (s *Server) formHypothesis(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if s.judged(w, r, func(ctx context.Context, by string) error {
		_, err := s.cs.Hypothesize(ctx, id, r.PostFormValue("text"), by)
		return err
	}) {
		http.Redirect(w, r, eventBack(id, "hypotheses"), http.StatusSeeOther)
	}
}

// formMarks stores a hypothesis's column of marks: one field per claim,
// "mark-<claim id>"; only marks that changed are written.
func (s *Server) formMarks(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	hid, err := strconv.ParseInt(r.PathValue("hid"), 10, 64)
	if err != nil {
		s.pageError(w, r, errs.E(errs.BadInput, "mark evidence", "the hypothesis id must be a number"))
		return
	}
	if err := mayJudge(r); err != nil {
		s.refuse(w, r, err)
		return
	}
	c, err := s.cs.Load(r.Context())
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	i := slices.IndexFunc(c.Hypotheses, func(h claim.Hypothesis) bool { return h.ID == hid && h.EventID == id })
	if i < 0 {
		s.pageError(w, r, errs.E(errs.NotFound, "mark evidence", fmt.Sprintf("event %s has no hypothesis %d", id, hid)))
		return
	}
	h := c.Hypotheses[i]
	if err := r.ParseForm(); err != nil {
		s.pageError(w, r, errs.E(errs.BadInput, "mark evidence", err))
		return
	}
	var keys []string
	for k := range r.PostForm {
		if strings.HasPrefix(k, "mark-") {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	if s.judged(w, r, func(ctx context.Context, by string) error {
		for _, k := range keys {
			cl, m := strings.TrimPrefix(k, "mark-"), claim.Mark(r.PostFormValue(k))
			if h.Marks[cl] == m {
				continue
			}
			if err := s.cs.MarkEvidence(ctx, hid, cl, m, by); err != nil {
				return err
			}
		}
		return nil
	}) {
		http.Redirect(w, r, eventBack(id, "hypotheses"), http.StatusSeeOther)
	}
}

// judgedView is what the event page shows of analysts' judgements and
// the event's history.
type judgedView struct {
	Assessment  *claim.Assessment // computed, with Override and SignOff beside
	Override    string            // report.OverrideLine
	SignOff     string            // report.SignOffLine
	Statuses    []claim.Status
	Likelihoods []string
	Notes       []claim.Note
	Origins     []claim.Origin
	// NoteOrigins are the origins the note form offers: all of them, or
	// those of the Independence table's page when too many for one list.
	NoteOrigins []claim.Origin
	Hypotheses  []hypothesisColumn
	Evidence    []evidenceRow
	Marks       []claim.Mark
	History     []claim.AssessmentVersion // the latest listPage versions
	Earlier     int                       // versions before those, in the audit trail
	Chart       template.HTML             // trusted: drawn by historySVG from numbers and escaped words
}

// hypothesisColumn is one hypothesis of the ACH table.
type hypothesisColumn struct {
	claim.Hypothesis
	Against int
}

// evidenceRow is one claim of the ACH table with each hypothesis's mark.
type evidenceRow struct {
	N       int
	ClaimID string
	Quote   string
	Marks   []claim.Mark // per hypothesis, "" unmarked
}

func (j *judgedView) Symbol(m claim.Mark) string { return m.Symbol() }

// OriginWho names an origin of the event by its key, as the text names it.
func (j *judgedView) OriginWho(key string) string {
	for _, o := range j.Origins {
		if o.Key == key {
			return o.Who
		}
	}
	return key
}

// chartVersions is the most versions the event page's history chart draws.
const chartVersions = 100

// newJudgedView gathers the event's judgements from the loaded case.
// evidence is the page of the event's claims shown, first the number of
// its first; origins are the keys of the origins shown.
func newJudgedView(c *claim.Case, ev *report.EventView, evidence []claim.Claim, first int, origins []string) *judgedView {
	v := &judgedView{Assessment: ev.Assessment, Statuses: claim.Statuses, Likelihoods: pipeline.Likelihoods(), Marks: claim.Marks}
	if a := ev.Assessment; a != nil {
		v.Override, v.SignOff = report.OverrideLine(a), report.SignOffLine(a)
	}
	for i := range c.Events {
		if c.Events[i].ID == ev.ID {
			v.Notes = eventNotes(c, &c.Events[i])
			v.Origins = c.Events[i].Origins
		}
	}
	v.NoteOrigins = v.Origins
	if !choicesOrID(len(v.Origins)) {
		v.NoteOrigins = nil
		for _, o := range v.Origins {
			if slices.Contains(origins, o.Key) {
				v.NoteOrigins = append(v.NoteOrigins, o)
			}
		}
	}
	for _, h := range eventHypotheses(c, ev.ID) {
		v.Hypotheses = append(v.Hypotheses, hypothesisColumn{Hypothesis: h, Against: h.Against()})
	}
	for i, cl := range evidence {
		row := evidenceRow{N: first + i, ClaimID: cl.ID, Quote: cl.Evidence}
		for _, h := range v.Hypotheses {
			row.Marks = append(row.Marks, h.Marks[cl.ID])
		}
		v.Evidence = append(v.Evidence, row)
	}
	for _, h := range c.History {
		if h.EventID == ev.ID {
			v.History = append(v.History, h)
		}
	}
	// The chart draws the latest chartVersions versions and the table the
	// latest listPage; the audit trail keeps every one (a watched case is
	// re-fused for months).
	v.Chart = template.HTML(historySVG(v.History[max(0, len(v.History)-chartVersions):]))
	if n := len(v.History); n > listPage {
		v.Earlier, v.History = n-listPage, v.History[n-listPage:]
	}
	return v
}
