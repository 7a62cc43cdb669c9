package server

import (
	"context"
	"net/http"
	"net/url"
	"strings"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/errs"
	"github.com/triangulate/triangulate/store"
)

// eventRoutes registers analysts' changes to events and origins: create an
// event from chosen claims, split one, merge two, merge two origins, and
// undo a merge. Each is stored as a constraint fusion honours on every run
// (pipeline/events.go), with who made it and when.
func (s *Server) eventRoutes() {
	m := s.mux
	m.HandleFunc("POST /api/v1/events", s.apiCreateEvent)
	m.HandleFunc("POST /api/v1/events/{id}/split", s.apiSplitEvent)
	m.HandleFunc("POST /api/v1/events/{id}/merge", s.apiMergeEvent)
	m.HandleFunc("POST /api/v1/origins/merge", s.apiMergeOrigins)
	m.HandleFunc("GET /api/v1/merges", s.apiMerges)
	m.HandleFunc("DELETE /api/v1/merges", s.apiUnmerge)
	m.HandleFunc("POST /events", s.formCreateEvent)
	m.HandleFunc("POST /events/{id}/split", s.formSplitEvent)
	m.HandleFunc("POST /events/{id}/merge", s.formMergeEvent)
	m.HandleFunc("POST /origins/merge", s.formMergeOrigins)
	m.HandleFunc("POST /merges/undo", s.formUnmerge)
}

// claimsRequest names claims: those of a new event, or those split off.
type claimsRequest struct {
	Claims []string `json:"claims"`
}

// mergeRequest merges From into Into; for an event merge From is the
// event in the path.
type mergeRequest struct {
	From string `json:"from,omitempty"`
	Into string `json:"into"`
}

// mayChangeEvents refuses users who may only read.
func mayChangeEvents(r *http.Request) error { return mayWrite(r, "change events", "changing events") }

// changeEvents runs one change to events or origins for the user (already
// allowed by mayChangeEvents), then drops the cached report so every page
// shows the new fusion.
func (s *Server) changeEvents(r *http.Request, fn func(ctx context.Context, by string) (claim.Event, error)) (claim.Event, error) {
	e, err := fn(r.Context(), userOf(r).Name)
	s.invalidateReport()
	return e, err
}

// apiChange decodes the request into req, runs fn and answers with the
// event it returns (status), or the error.
func apiChange[T any](s *Server, w http.ResponseWriter, r *http.Request, status int, fn func(ctx context.Context, req T, by string) (claim.Event, error)) {
	if err := mayChangeEvents(r); err != nil {
		s.refuse(w, r, err)
		return
	}
	var req T
	if err := decodeJSON(r, &req); err != nil {
		s.apiError(w, r, err)
		return
	}
	e, err := s.changeEvents(r, func(ctx context.Context, by string) (claim.Event, error) { return fn(ctx, req, by) })
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	if e.ID == "" {
		w.WriteHeader(http.StatusNoContent)
		return
	}
	writeJSON(w, status, e)
}

func (s *Server) apiCreateEvent(w http.ResponseWriter, r *http.Request) {
	apiChange(s, w, r, http.StatusCreated, func(ctx context.Context, req claimsRequest, by string) (claim.Event, error) {
		return s.cs.CreateEvent(ctx, req.Claims, by)
	})
}

func (s *Server) apiSplitEvent(w http.ResponseWriter, r *http.Request) {
	apiChange(s, w, r, http.StatusCreated, func(ctx context.Context, req claimsRequest, by string) (claim.Event, error) {
		return s.cs.SplitEvent(ctx, r.PathValue("id"), req.Claims, by)
	})
}

func (s *Server) apiMergeEvent(w http.ResponseWriter, r *http.Request) {
	apiChange(s, w, r, http.StatusOK, func(ctx context.Context, req mergeRequest, by string) (claim.Event, error) {
		if req.From != "" && req.From != r.PathValue("id") {
			return claim.Event{}, errs.E(errs.BadInput, "merge event", `"from" is the event in the path; leave it out`)
		}
		return s.cs.MergeEvents(ctx, r.PathValue("id"), req.Into, by)
	})
}

func (s *Server) apiMergeOrigins(w http.ResponseWriter, r *http.Request) {
	apiChange(s, w, r, http.StatusNoContent, func(ctx context.Context, req mergeRequest, by string) (claim.Event, error) {
		return claim.Event{}, s.cs.MergeOrigins(ctx, req.From, req.Into, by)
	})
}

func (s *Server) apiMerges(w http.ResponseWriter, r *http.Request) {
	ms, err := s.cs.Merges(r.Context())
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, List[store.Merge]{Items: ms})
}

// apiUnmerge undoes ?kind=event|origin&from=KEY (origin keys hold slashes,
// so they travel in the query rather than the path).
func (s *Server) apiUnmerge(w http.ResponseWriter, r *http.Request) {
	if err := mayChangeEvents(r); err != nil {
		s.refuse(w, r, err)
		return
	}
	q := r.URL.Query()
	_, err := s.changeEvents(r, func(ctx context.Context, by string) (claim.Event, error) {
		return claim.Event{}, s.unmerge(ctx, q.Get("kind"), q.Get("from"), by)
	})
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) unmerge(ctx context.Context, kind, from, by string) error {
	k := store.MergeKind(kind)
	if !k.Valid() || from == "" {
		return errs.E(errs.BadInput, "undo merge", `"kind" (event or origin) and "from" are required`)
	}
	return s.cs.Unmerge(ctx, k, from, by)
}

// formChange runs a form's change and redirects to the event it returns,
// else back where the form came from.
func (s *Server) formChange(w http.ResponseWriter, r *http.Request, fn func(ctx context.Context, by string) (claim.Event, error)) {
	if err := mayChangeEvents(r); err != nil {
		s.refuse(w, r, err)
		return
	}
	e, err := s.changeEvents(r, fn)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	to := backPath(r)
	if e.ID != "" {
		to = "/events/" + url.PathEscape(e.ID)
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
}

// formClaims is the claims a form's checkboxes chose.
func formClaims(r *http.Request) []string {
	_ = r.ParseForm()
	var out []string
	for _, c := range r.PostForm["claim"] {
		if c = strings.TrimSpace(c); c != "" {
			out = append(out, c)
		}
	}
	return out
}

func (s *Server) formCreateEvent(w http.ResponseWriter, r *http.Request) {
	s.formChange(w, r, func(ctx context.Context, by string) (claim.Event, error) {
		return s.cs.CreateEvent(ctx, formClaims(r), by)
	})
}

func (s *Server) formSplitEvent(w http.ResponseWriter, r *http.Request) {
	s.formChange(w, r, func(ctx context.Context, by string) (claim.Event, error) {
		return s.cs.SplitEvent(ctx, r.PathValue("id"), formClaims(r), by)
	})
}

func (s *Server) formMergeEvent(w http.ResponseWriter, r *http.Request) {
	s.formChange(w, r, func(ctx context.Context, by string) (claim.Event, error) {
		return s.cs.MergeEvents(ctx, r.PathValue("id"), r.PostFormValue("into"), by)
	})
}

func (s *Server) formMergeOrigins(w http.ResponseWriter, r *http.Request) {
	s.formChange(w, r, func(ctx context.Context, by string) (claim.Event, error) {
		return claim.Event{}, s.cs.MergeOrigins(ctx, r.PostFormValue("from"), r.PostFormValue("into"), by)
	})
}

func (s *Server) formUnmerge(w http.ResponseWriter, r *http.Request) {
	s.formChange(w, r, func(ctx context.Context, by string) (claim.Event, error) {
		return claim.Event{}, s.unmerge(ctx, r.PostFormValue("kind"), r.PostFormValue("from"), by)
	})
}

// eventMerges are the merges that shaped event e: events merged into it
// and merges of its origins, for the event page's list with undo buttons.
func eventMerges(ms []store.Merge, id string, origins []string) []store.Merge {
	mine := map[string]bool{}
	for _, k := range origins {
		mine[k] = true
	}
	var out []store.Merge
	for _, m := range ms {
		if m.Kind == store.MergeEvent && m.Into == id || m.Kind == store.MergeOrigin && (mine[m.Into] || mine[m.From]) {
			out = append(out, m)
		}
	}
	return out
}
