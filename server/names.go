package server

import (
	"strconv"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/report"
)

// names turns the ids and file names stored on claims into what an analyst
// reads: a source by its outlet and title, an event by its title, a quote
// by a link to its highlighted words in the reader.
type names struct {
	byName map[string]*claim.Source
	byID   map[int64]*claim.Source
	claims map[string]*claim.Claim
	events map[string]string
}

func newNames(rep *report.Report) *names {
	n := &names{byName: map[string]*claim.Source{}, byID: map[int64]*claim.Source{},
		claims: map[string]*claim.Claim{}, events: map[string]string{}}
	if rep == nil || rep.Case == nil {
		return n
	}
	for i := range rep.Case.Sources {
		s := &rep.Case.Sources[i]
		n.byID[s.ID] = s
		n.byName[s.Name] = s // names are unique in a case but for re-ingested files: the last wins
	}
	for i := range rep.Case.Claims {
		n.claims[rep.Case.Claims[i].ID] = &rep.Case.Claims[i]
	}
	for _, ev := range rep.Events {
		n.events[ev.ID] = ev.Title
	}
	return n
}

// label is "Outlet: Title", either alone, or the file name when the
// source has neither.
func label(s *claim.Source) string {
	switch {
	case s.Outlet != "" && s.Title != "":
		return s.Outlet + ": " + s.Title
	case s.Title != "":
		return s.Title
	case s.Outlet != "":
		return s.Outlet + " (" + s.Name + ")"
	}
	return s.Name
}

// Source names the source stored as name.
func (n *names) Source(name string) string {
	if s, ok := n.byName[name]; ok {
		return label(s)
	}
	return name
}

// SourceID names the source with id.
func (n *names) SourceID(id int64) string {
	if s, ok := n.byID[id]; ok {
		return label(s)
	}
	return "source " + strconv.FormatInt(id, 10)
}

// Outlet is the outlet of the source stored as name, else its label.
func (n *names) Outlet(name string) string {
	if s, ok := n.byName[name]; ok && s.Outlet != "" {
		return s.Outlet
	}
	return n.Source(name)
}

// Event is the event's title, else its id.
func (n *names) Event(id string) string {
	if t, ok := n.events[id]; ok && t != "" {
		return t
	}
	return id
}

// Quote is the address of a claim's words in its source's reader, where
// they are highlighted; sourceID is the fallback when the claim is gone.
func (n *names) Quote(claimID string, sourceID int64) string {
	if cl, ok := n.claims[claimID]; ok {
		return "/sources/" + strconv.FormatInt(cl.SourceID, 10) + "#claim-" + claimID
	}
	if claimID != "" && sourceID != 0 {
		return "/sources/" + strconv.FormatInt(sourceID, 10) + "#claim-" + claimID
	}
	return "/sources/" + strconv.FormatInt(sourceID, 10)
}
