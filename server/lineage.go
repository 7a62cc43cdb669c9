package server

import (
	"html/template"
	"net/http"
	"strings"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/store"
)

// mergedAwayView is the page at the address of an event an analyst merged
// into another. Links and bookmarks to it keep working: the page says where
// its claims went, and shows what was recorded on it (override, notes,
// versions), which the merge keeps rather than deletes.
type mergedAwayView struct {
	ID        string
	Title     string // the event's title when it was merged
	Link      store.EventLink
	IntoTitle string // the title of the event its claims are in now; empty if that is gone too
	Why       string // the link's reason, the events in it named by their titles
	Override  *claim.Override
	Notes     []claim.Note
}

// pageMergedAway renders the merged-away page for id and reports whether id
// names such an event; when it does not, nothing is written.
func (s *Server) pageMergedAway(w http.ResponseWriter, r *http.Request, d *derived, id string) bool {
	ctx := r.Context()
	if _, ok := store.JudgementsOf(s.cfg.Store); !ok {
		return false
	}
	l, err := s.cs.MergedAway(ctx, id)
	if err != nil || l == nil {
		return false
	}
	rep := d.rep
	v := mergedAwayView{ID: id, Title: l.Title, Link: *l}
	if v.Title == "" {
		v.Title = "Event " + id
	}
	v.Why = l.Why
	if _, held := d.index[l.Other]; held {
		v.IntoTitle = d.names.Event(l.Other)
		// The store's reason names the event by its id ("… are now in
		// ev-…"); the page names it as every other page does.
		v.Why = strings.ReplaceAll(v.Why, l.Other, "“"+v.IntoTitle+"”")
	}
	if j, ok := store.JudgementsOf(s.cfg.Store); ok {
		if ov, err := j.Overrides(ctx); err == nil {
			if o, ok := ov[id]; ok {
				v.Override = &o
			}
		}
	}
	for _, n := range rep.Case.Notes {
		if n.Kind != claim.NoteOnClaim && n.EventID == id {
			v.Notes = append(v.Notes, n)
		}
	}
	versions, _, err := s.cs.History(ctx, id)
	if err != nil {
		s.pageError(w, r, err)
		return true
	}
	judged := &judgedView{History: versions, Chart: template.HTML(historySVG(versions))}
	s.render(w, r, http.StatusOK, "eventgone", view{Title: v.Title + " (merged)", Data: v, Judged: judged})
	return true
}
