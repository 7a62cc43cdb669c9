package server

import (
	"bytes"
	"cmp"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/errs"
	"github.com/triangulate/triangulate/export"
	"github.com/triangulate/triangulate/pipeline"
	"github.com/triangulate/triangulate/report"
	"github.com/triangulate/triangulate/store"
)

// List is the shape of every paginated API answer.
type List[T any] struct {
	Items  []T `json:"items"`
	Limit  int `json:"limit,omitempty"`
	Offset int `json:"offset,omitempty"`
	Total  int `json:"total,omitempty"` // when the store can count cheaply
}

func pathID(r *http.Request) (int64, error) {
	v := r.PathValue("id")
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil || id <= 0 {
		return 0, errs.E(errs.BadInput, "source id", "not a source id: "+strconv.Quote(v))
	}
	return id, nil
}

func (s *Server) apiSources(w http.ResponseWriter, r *http.Request) {
	p, err := page(r)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	ss, err := s.cfg.Store.Sources(r.Context(), p)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	n, err := s.cfg.Store.CountSources(r.Context())
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	out := List[*claim.Source]{Items: ss, Limit: p.Limit, Offset: p.Offset, Total: n}
	if out.Items == nil {
		out.Items = []*claim.Source{}
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) apiSource(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	src, err := s.cfg.Store.Source(r.Context(), id)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, src)
}

func (s *Server) apiClaims(w http.ResponseWriter, r *http.Request) {
	f, err := claimFilter(r)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	cs, err := s.cfg.Store.Claims(r.Context(), f)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	if cs == nil {
		cs = []claim.Claim{}
	}
	writeJSON(w, http.StatusOK, List[claim.Claim]{Items: cs, Limit: f.Limit, Offset: f.Offset})
}

// claimFilter reads ?source, ?action, ?event and the page.
func claimFilter(r *http.Request) (store.ClaimFilter, error) {
	p, err := page(r)
	if err != nil {
		return store.ClaimFilter{}, err
	}
	q := r.URL.Query()
	f := store.ClaimFilter{Page: p, EventID: q.Get("event"), Action: claim.Action(q.Get("action"))}
	if f.Action != "" && !f.Action.Valid() {
		return f, errs.E(errs.BadInput, "claims", "unknown action "+strconv.Quote(q.Get("action")))
	}
	if v := q.Get("source"); v != "" {
		if f.SourceID, err = strconv.ParseInt(v, 10, 64); err != nil || f.SourceID <= 0 {
			return f, errs.E(errs.BadInput, "claims", "source must be a source id, got "+strconv.Quote(v))
		}
	}
	return f, nil
}

func (s *Server) apiEvents(w http.ResponseWriter, r *http.Request) {
	evs, err := s.cfg.Store.Events(r.Context())
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	slices.SortStableFunc(evs, func(a, b claim.Event) int { return cmp.Compare(a.ID, b.ID) })
	if evs == nil {
		evs = []claim.Event{}
	}
	writeJSON(w, http.StatusOK, List[claim.Event]{Items: evs, Total: len(evs)})
}

func (s *Server) apiEvent(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	ev, err := s.cfg.Store.Event(r.Context(), id)
	if err != nil {
		// An event merged away is gone as an event, but its address says
		// where its claims went, so that a client can follow.
		if l, lerr := s.cs.MergedAway(r.Context(), id); errs.Is(err, errs.NotFound) && lerr == nil && l != nil {
			err = errs.E(errs.NotFound, "event", fmt.Sprintf("event %s was merged into %s by %s", id, l.Other, l.By))
		}
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, ev)
}

func (s *Server) apiAssessments(w http.ResponseWriter, r *http.Request) {
	as, err := s.cfg.Store.Assessments(r.Context())
	if err == nil {
		// The analyst's override and sign-off, beside the computed values.
		err = pipeline.AttachJudgements(r.Context(), s.cfg.Store, as)
	}
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	if as == nil {
		as = []claim.Assessment{}
	}
	writeJSON(w, http.StatusOK, List[claim.Assessment]{Items: as, Total: len(as)})
}

func (s *Server) apiSignals(w http.ResponseWriter, r *http.Request) {
	ss, err := s.cfg.Store.Signals(r.Context())
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	if ss == nil {
		ss = []claim.Signal{}
	}
	writeJSON(w, http.StatusOK, List[claim.Signal]{Items: ss, Total: len(ss)})
}

// exportTypes are the export formats by name, with their media types:
// export's interchange formats, and the report's layouts and tables.
var exportTypes = map[string]string{
	string(export.STIX):        "application/json",
	string(export.ClaimReview): "application/json",
	string(export.GeoJSON):     "application/geo+json",
	string(report.Markdown):    "text/markdown",
	string(report.HTML):        "text/html",
	string(report.ClaimsCSV):   "text/csv",
	string(report.FiguresCSV):  "text/csv",
}

// apiExport renders the whole case, or with ?event=ID that event alone, in
// one of export's formats.
func (s *Server) apiExport(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("format")
	event := r.URL.Query().Get("event")
	// Render fully before sending, so that a failure still gets an error status.
	var buf bytes.Buffer
	var err error
	ct, ok := exportTypes[name]
	switch {
	case !ok:
		s.apiError(w, r, errs.E(errs.NotFound, "export", "unknown format "+strconv.Quote(name)+" (stix, geojson, claimreview, md, html, claims.csv, figures.csv)"))
		return
	case strings.HasPrefix(ct, "application/"):
		err = s.cs.ExportEvent(r.Context(), &buf, export.Format(name), event)
	default: // the report's layouts and tables
		err = s.cs.ReportEvent(r.Context(), &buf, report.Format(name), report.Options{}, event)
	}
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", ct+"; charset=utf-8")
	if !strings.HasPrefix(ct, "application/") {
		// Offered as a file: what the analyst saw, to keep or send on.
		file := "case"
		if event != "" {
			file = event
		}
		w.Header().Set("Content-Disposition", `attachment; filename="`+file+"."+name+`"`)
	}
	_, _ = w.Write(buf.Bytes())
}
