package server

import (
	"cmp"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

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
	labels map[int64]string    // each source's label, unique in the case
	copies map[string][]string // event id → its near-copies said with sources named
}

func newNames(rep *report.Report) *names {
	n := &names{byName: map[string]*claim.Source{}, byID: map[int64]*claim.Source{},
		claims: map[string]*claim.Claim{}, events: map[string]string{}}
	if rep == nil {
		return n
	}
	n.events = eventTitles(rep)
	if rep.Case == nil {
		return n
	}
	labels := map[string]int{}
	for i := range rep.Case.Sources {
		s := &rep.Case.Sources[i]
		n.byID[s.ID] = s
		n.byName[s.Name] = s // names are unique in a case but for re-ingested files: the last wins
		labels[label(s)]++
	}
	// Two sources an analyst would read as one (the same outlet on the same
	// day, neither with a headline) are told apart by their file names.
	n.labels = map[int64]string{}
	for i := range rep.Case.Sources {
		s := &rep.Case.Sources[i]
		l := label(s)
		if labels[l] > 1 && l != s.Name {
			l += " (" + s.Name + ")"
		}
		n.labels[s.ID] = l
	}
	for i := range rep.Case.Claims {
		n.claims[rep.Case.Claims[i].ID] = &rep.Case.Claims[i]
	}
	n.copies = map[string][]string{}
	for _, ev := range rep.Case.Events {
		for _, c := range ev.Copies {
			n.copies[ev.ID] = append(n.copies[ev.ID], n.Source(c.Source)+" copies "+n.Source(c.Of)+
				" ("+strconv.Itoa(c.Shared)+" of its "+strconv.Itoa(c.Sentences)+" sentences)")
		}
	}
	return n
}

// label is what a reader calls a source: "Outlet: Title", or the title
// alone; a plain text's own headline stands for a title it was not given;
// without either, the outlet and the day it published; the file name only
// when there is nothing else.
func label(s *claim.Source) string {
	title := s.Title
	if title == "" {
		title = headline(s.Text)
	}
	switch {
	case s.Outlet != "" && title != "":
		return s.Outlet + ": " + title
	case title != "":
		return title
	case s.Outlet != "" && !s.Published.IsZero():
		return s.Outlet + ", " + s.Published.UTC().Format("2 January 2006")
	case s.Outlet != "":
		return s.Outlet + " (" + s.Name + ")"
	}
	return s.Name
}

// sourceTitle is what heads a source: its title, its own headline, else
// its label (outlet and day, or file name).
func sourceTitle(s *claim.Source) string {
	if t := cmp.Or(s.Title, headline(s.Text)); t != "" {
		return t
	}
	return label(s)
}

// maxHeadline is the longest first line read as a headline, in characters.
const maxHeadline = 160

// headline is a text's first line when it stands apart as a headline does:
// a short line, a blank line after it, and no full stop at its end (a
// sentence run on into the next line, or a lead paragraph, is not one).
func headline(text string) string {
	first, rest, ok := strings.Cut(text, "\n")
	first = strings.TrimSpace(first)
	if !ok || first == "" || utf8.RuneCountInString(first) > maxHeadline {
		return ""
	}
	next, _, _ := strings.Cut(rest, "\n")
	if strings.TrimSpace(next) != "" {
		return ""
	}
	if strings.ContainsAny(first[len(first)-1:], ".,;:") || len(strings.Fields(first)) < 3 {
		return ""
	}
	return first
}

// labelOf is s's label, told apart from any other source's.
func (n *names) labelOf(s *claim.Source) string {
	if l, ok := n.labels[s.ID]; ok {
		return l
	}
	return label(s)
}

// Source names the source stored as name.
func (n *names) Source(name string) string {
	if s, ok := n.byName[name]; ok {
		return n.labelOf(s)
	}
	return name
}

// SourceID names the source with id.
func (n *names) SourceID(id int64) string {
	if s, ok := n.byID[id]; ok {
		return n.labelOf(s)
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

// claimRef is "claim ID" in a reason's or data check's text, and
// claimTag a bare " (ID)" after the claim's quoted words.
var (
	claimRef = regexp.MustCompile(`\bclaim ([0-9a-f]{12})\b`)
	claimTag = regexp.MustCompile(` ?\(([0-9a-f]{12})\)`)
)

// quoteWords is how many of a claim's words stand for it in running text.
const quoteWords = 8

// Words is text (a reason, a data check's summary) with each claim named
// by its opening words instead of its id, as a reader knows it; an id in
// a command line ("--claim ID") is left for the command to work.
func (n *names) Words(text string) string {
	text = claimTag.ReplaceAllStringFunc(text, func(m string) string {
		if _, ok := n.claims[claimTag.FindStringSubmatch(m)[1]]; ok {
			return "" // the quote before it already says which claim
		}
		return m
	})
	ms := claimRef.FindAllStringSubmatchIndex(text, -1)
	if ms == nil {
		return text
	}
	var b strings.Builder
	last := 0
	for _, m := range ms {
		cl, ok := n.claims[text[m[2]:m[3]]]
		if !ok || (m[0] > 0 && text[m[0]-1] == '-') {
			continue
		}
		words := strings.Fields(cl.Evidence)
		quote := strings.Join(words[:min(len(words), quoteWords)], " ")
		if len(words) > quoteWords {
			quote += " …"
		}
		b.WriteString(text[last:m[0]])
		b.WriteString("the claim “" + quote + "”")
		last = m[1]
	}
	b.WriteString(text[last:])
	return b.String()
}
