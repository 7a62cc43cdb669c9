package server

import (
	"bytes"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/report"
)

// An event of a case where thousands of sources relay one another holds
// thousands of claims, origins and contradictions. Drawn whole, its page
// ran to tens of megabytes and seconds of work a view, so every list on
// the event page is bounded: the long ones are shown a page at a time
// (?evidence=, ?origins=, ?contradictions=, ?grades=, ?rows=, ?cols= give
// the offset), the others are cut with an honest count of what is left out
// and a link to where all of it is. A small event shows exactly as before.
const (
	// evidencePage is the claims shown a page of the Evidence list (and
	// of the lists that follow it: hypotheses, split and note forms).
	evidencePage = 50
	// listPage is the rows of any other paged or cut list.
	listPage = 25
	// matrixPage is the rows and the columns of the evidence matrix shown.
	matrixPage = 20
	// cellList is the entries of a list inside one table cell (an
	// origin's claims and carriers) or one reason (its quotes), and the
	// units of figures and rows of each unit shown.
	cellList = 10
	// maxChoices is the most options a form's choice lists; past it the
	// form asks for an id instead (a case has thousands of events).
	maxChoices = 200
)

// pager is one paged list of the event page: which slice is shown and the
// links to its neighbours, which keep the other lists where they are.
type pager struct {
	Noun       string // what the list holds, plural: "claims"
	Anchor     string // the id of the pager's line, where its links land
	Total      int
	From, To   int // 1-based positions shown; From > To when empty
	Prev, Next string
	offset     int
}

// Paged reports whether the list is longer than one page, so that the
// page says which part it shows.
func (p pager) Paged() bool { return p.Prev != "" || p.Next != "" }

// newPager reads the offset of the list named key from the request (a bad
// one is the first page: a link, not a form) and cuts total to size.
func newPager(r *http.Request, key, noun, anchor string, total, size int) pager {
	q := r.URL.Query()
	off, err := strconv.Atoi(q.Get(key))
	if err != nil || off < 0 || off >= total {
		off = 0
	}
	off -= off % size // pages start at multiples of size, so links are few
	p := pager{Noun: noun, Anchor: anchor, Total: total, From: off + 1, To: min(off+size, total), offset: off}
	link := func(o int) string {
		q := r.URL.Query()
		if o == 0 {
			q.Del(key)
		} else {
			q.Set(key, strconv.Itoa(o))
		}
		u := url.URL{Path: r.URL.Path, RawQuery: q.Encode(), Fragment: anchor}
		return u.String()
	}
	if off > 0 {
		p.Prev = link(max(0, off-size))
	}
	if off+size < total {
		p.Next = link(off + size)
	}
	return p
}

// cut returns the slice of xs the pager shows.
func cut[T any](xs []T, p pager) []T {
	return xs[min(p.offset, len(xs)):min(p.offset+(p.To-p.From+1), len(xs))]
}

// firstOf is xs cut to n, with how many were left out.
func firstOf[T any](xs []T, n int) ([]T, int) {
	if len(xs) <= n {
		return xs, 0
	}
	return xs[:n], len(xs) - n
}

// eventPage is the bounded event page's data: the event's lists cut to
// what is shown, with the pagers and counts that say what is not.
type eventPage struct {
	Ev   report.EventView // the event with its lists cut
	Full *report.EventView

	Evidence, Origins, Contradictions, Grades pager
	Rows, Cols                                pager
	Matrix                                    report.Matrix // cut to Rows × Cols
	MoreCopies, MoreReasons, MoreSignals      int
	MoreFigures                               int            // figure units left out
	MoreFigureRows                            map[string]int // unit → rows left out
	MoreQuotes                                []int          // per reason shown, quotes left out
	Reasons                                   []reasonQuotes
	// evidencePos is where each claim of the event is in the Evidence
	// list, to link a claim on another page of it.
	evidencePos map[string]int
}

// ClaimHref links a claim of the event in its Evidence list: an anchor on
// this page, or the page of the list that holds it.
func (p *eventPage) ClaimHref(id string) string {
	i, ok := p.evidencePos[id]
	if !ok || i+1 >= p.Evidence.From && i+1 <= p.Evidence.To {
		return "#claim-" + id
	}
	q := url.Values{}
	if off := i - i%evidencePage; off > 0 {
		q.Set("evidence", strconv.Itoa(off))
	}
	u := url.URL{Path: "/events/" + p.Ev.ID, RawQuery: q.Encode(), Fragment: "claim-" + id}
	return u.String()
}

// ColN is the 1-based number of the i-th column shown of the matrix.
func (p *eventPage) ColN(i int) int { return p.Cols.From + i }

// newEventPage cuts ev for the request's pages. pos is where each of the
// event's claims is in its Evidence list, reasons are ev's reasons with
// each quote numbered (quoteOnce).
func newEventPage(r *http.Request, ev *report.EventView, pos map[string]int, reasons []reasonQuotes) *eventPage {
	p := &eventPage{Ev: *ev, Full: ev, MoreFigureRows: map[string]int{}, evidencePos: pos}
	p.Evidence = newPager(r, "evidence", "claims", "evidence-pages", len(pos), evidencePage)
	p.Origins = newPager(r, "origins", "origins", "origin-pages", len(ev.Independence), listPage)
	p.Ev.Independence = cut(ev.Independence, p.Origins)
	p.Grades = newPager(r, "grades", "grades", "grade-pages", len(ev.Grades), listPage)
	p.Ev.Grades = cut(ev.Grades, p.Grades)
	p.Contradictions = newPager(r, "contradictions", "contradictions", "contradiction-pages", len(ev.Contradictions), listPage)
	p.Ev.Contradictions = cut(ev.Contradictions, p.Contradictions)
	p.Ev.Copies, p.MoreCopies = firstOf(ev.Copies, listPage)
	p.Ev.Signals, p.MoreSignals = firstOf(ev.Signals, listPage)

	var figs []report.FigureView
	figs, p.MoreFigures = firstOf(ev.Figures, cellList)
	p.Ev.Figures = make([]report.FigureView, len(figs))
	for i, f := range figs {
		var more int
		f.Rows, more = firstOf(f.Rows, cellList)
		if more > 0 {
			p.MoreFigureRows[f.Unit] = more
		}
		p.Ev.Figures[i] = f
	}

	// Quotes are numbered over every reason, as quoteOnce numbers them, so
	// a quote keeps its number whichever are shown.
	reasons, p.MoreReasons = firstOf(reasons, listPage)
	p.Reasons = make([]reasonQuotes, len(reasons))
	p.MoreQuotes = make([]int, len(reasons))
	full := map[int]bool{} // quotes shown in full so far
	for i, rq := range reasons {
		rq.Cited, p.MoreQuotes[i] = firstOf(rq.Cited, cellList)
		rq.Cited = slices.Clone(rq.Cited)
		for j := range rq.Cited {
			// A quote first cited where the page cut it is quoted here, so
			// that every reference back has its quote above.
			c := &rq.Cited[j]
			c.First = c.First || !full[c.N]
			full[c.N] = true
		}
		p.Reasons[i] = rq
	}

	m := ev.Matrix
	p.Rows = newPager(r, "rows", "rows", "matrix-rows", len(m.Rows), matrixPage)
	p.Cols = newPager(r, "cols", "columns", "matrix-cols", len(m.Columns), matrixPage)
	p.Matrix.Columns = cut(m.Columns, p.Cols)
	p.Matrix.Rows = make([]report.MatrixRow, 0, p.Rows.To-p.Rows.From+1)
	for _, row := range cut(m.Rows, p.Rows) {
		row.Cells = cut(row.Cells, p.Cols)
		p.Matrix.Rows = append(p.Matrix.Rows, row)
	}
	return p
}

// derived is what every event page of one built report reuses: the names
// of things, the events to choose from, each event's claims, and the
// rendered parts of event pages that do not depend on who reads them.
// It lives as long as its report; a rebuilt report gets a new one.
type derived struct {
	rep      *report.Report
	names    *names
	choices  []eventChoice
	index    map[string]int   // event id → position in rep.Events
	evidence map[string][]int // event id → its claims' positions in rep.Case.Claims
	// pos is, by event id, where each claim is in the event's Evidence list.
	pos map[string]map[string]int

	mu       sync.Mutex
	parts    map[string]eventParts    // by event page and the lists' offsets
	bodies   map[string]template.HTML // readers' page bodies, by partsKey
	verdicts map[string]*verdict      // by event id
	reasons  map[string][]reasonQuotes
	flights  map[string][]claim.Claim
}

// reasonsOf is the event's reasons with their quotes numbered, worked out
// once a report (a reason of a big event cites thousands of claims).
func (d *derived) reasonsOf(ev *report.EventView) []reasonQuotes {
	d.mu.Lock()
	defer d.mu.Unlock()
	rs, ok := d.reasons[ev.ID]
	if !ok {
		rs = quoteOnce(ev.Reasons)
		d.reasons[ev.ID] = rs
	}
	return rs
}

// verdict is the event's opening paragraph, worked out once a report.
func (d *derived) verdict(ev *report.EventView) verdict {
	d.mu.Lock()
	defer d.mu.Unlock()
	v, ok := d.verdicts[ev.ID]
	if !ok {
		vd := eventVerdict(ev)
		v = &vd
		d.verdicts[ev.ID] = v
	}
	return *v
}

// eventParts are the rendered parts of an event page shared by every
// reader: the facts (copies to signals) and the evidence matrix, and the
// whole body under the heading for readers who may not edit.
type eventParts struct {
	Facts, Matrix template.HTML
	Body          template.HTML
}

// maxParts bounds the rendered parts kept for one report: past it the
// cache starts again (readers page through a few events at a time).
const maxParts = 512

func newDerived(rep *report.Report) *derived {
	d := &derived{rep: rep, names: newNames(rep), choices: eventChoices(rep),
		index: make(map[string]int, len(rep.Events)), evidence: map[string][]int{}, pos: map[string]map[string]int{}, parts: map[string]eventParts{}, bodies: map[string]template.HTML{}, verdicts: map[string]*verdict{}, reasons: map[string][]reasonQuotes{}, flights: map[string][]claim.Claim{}}
	holders := map[string][]string{} // claim id → events listing it
	for i := range rep.Events {
		ev := &rep.Events[i]
		d.index[ev.ID] = i
		for _, id := range ev.ClaimIDs {
			if h := holders[id]; len(h) == 0 || h[len(h)-1] != ev.ID {
				holders[id] = append(h, ev.ID)
			}
		}
	}
	for i := range rep.Case.Claims {
		id := rep.Case.Claims[i].ID
		for _, ev := range holders[id] {
			if d.pos[ev] == nil {
				d.pos[ev] = map[string]int{}
			}
			d.pos[ev][id] = len(d.evidence[ev])
			d.evidence[ev] = append(d.evidence[ev], i)
		}
	}
	return d
}

// derivedFor returns the reusable views of rep, built on first use.
func (s *Server) derivedFor(rep *report.Report) *derived {
	s.derMu.Lock()
	defer s.derMu.Unlock()
	if s.der == nil || s.der.rep != rep {
		s.der = newDerived(rep)
	}
	return s.der
}

// claimsOf are the event's claims in case order that the pager shows.
func (d *derived) claimsOf(id string, p pager) []claim.Claim {
	idx := cut(d.evidence[id], p)
	out := make([]claim.Claim, len(idx))
	for i, j := range idx {
		out[i] = d.rep.Case.Claims[j]
	}
	return out
}

// flightClaims are the event's claims of flights, in case order, found
// once a report.
func (d *derived) flightClaims(id string) []claim.Claim {
	d.mu.Lock()
	defer d.mu.Unlock()
	out, ok := d.flights[id]
	if !ok {
		for _, j := range d.evidence[id] {
			if cl := &d.rep.Case.Claims[j]; cl.Action == claim.ActionFlights {
				out = append(out, *cl)
			}
		}
		d.flights[id] = out
	}
	return out
}

// partsKey names the page p with the lists' offsets it shows, and more:
// the same report, event, offsets and more render the same bytes.
func partsKey(p *eventPage, more ...string) string {
	return strings.Join(append([]string{p.Ev.ID, strconv.Itoa(p.Evidence.From), strconv.Itoa(p.Origins.From),
		strconv.Itoa(p.Grades.From), strconv.Itoa(p.Contradictions.From), strconv.Itoa(p.Rows.From), strconv.Itoa(p.Cols.From)}, more...), "\x00")
}

// cached is the readers' page body kept under key.
func (d *derived) cached(key string) (template.HTML, bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	b, ok := d.bodies[key]
	return b, ok
}

// keep keeps a readers' page body under key.
func (d *derived) keep(key string, body template.HTML) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if len(d.bodies) >= maxParts {
		clear(d.bodies)
	}
	d.bodies[key] = body
}

// eventParts renders (or finds rendered) the parts of the page p shared
// by every reader.
func (s *Server) eventParts(d *derived, p *eventPage) (eventParts, error) {
	key := partsKey(p)
	d.mu.Lock()
	got, ok := d.parts[key]
	d.mu.Unlock()
	if ok {
		return got, nil
	}
	v := view{Data: p.Full, Page: p, Names: d.names}
	var facts, matrix bytes.Buffer
	t := s.pages.t["event"]
	if err := t.ExecuteTemplate(&facts, "eventfacts", v); err != nil {
		return got, err
	}
	if err := t.ExecuteTemplate(&matrix, "eventmatrix", v); err != nil {
		return got, err
	}
	got = eventParts{Facts: template.HTML(facts.String()), Matrix: template.HTML(matrix.String())}
	d.mu.Lock()
	if len(d.parts) >= maxParts {
		clear(d.parts)
	}
	d.parts[key] = got
	d.mu.Unlock()
	return got, nil
}

// someNames is names as a phrase, the first n of them and how many more:
// "A, B, C and 12 more".
func someNames(names []string, n int, sep string) string {
	shown, more := firstOf(names, n)
	s := strings.Join(shown, sep)
	if more > 0 {
		s += " and " + strconv.Itoa(more) + " more"
	}
	return s
}

// choicesOrID is whether a form's choice among xs is drawn as a list.
func choicesOrID(n int) bool { return n <= maxChoices }

// headStrings is the first n of xs; restStrings how many are left out.
func headStrings(n int, xs []string) []string { h, _ := firstOf(xs, n); return h }
func restStrings(n int, xs []string) int      { _, m := firstOf(xs, n); return m }

// originsChoice are the origins a form offers: all of them when few
// enough, else those of the Independence table's page.
func originsChoice(p *eventPage) []report.OriginRow {
	if choicesOrID(len(p.Full.Independence)) {
		return p.Full.Independence
	}
	return p.Ev.Independence
}
