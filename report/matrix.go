package report

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/triangulate/triangulate/claim"
)

// Matrix is an event's evidence matrix in the manner of Analysis of
// Competing Hypotheses: one row per origin (who originally said something,
// however many outlets carried it) and per data check, one column per
// claim, and in each cell whether that row's evidence is consistent with the
// claim, inconsistent with it, or silent. As in ACH, a claim is weighed by
// the evidence against it (Inconsistent), and a row is diagnostic only when
// it is consistent with some claims and inconsistent with others: evidence
// that fits every claim does not help choose between them.
type Matrix struct {
	Columns []MatrixColumn `json:"columns"`
	Rows    []MatrixRow    `json:"rows"`
}

// MatrixColumn is one claim of the event.
type MatrixColumn struct {
	ClaimID string `json:"claim_id"` // the first of ClaimIDs
	// ClaimIDs are the claims the column stands for: claims that read the
	// same (same label and topic) share one column.
	ClaimIDs []string `json:"claim_ids"`
	Label    string   `json:"label"` // short: the figure, or the action and actors
	Topic    string   `json:"topic"` // what the claim is about: "quantity fighters", "action deploy"
	Quote    string   `json:"quote"`
	Source   string   `json:"source"`
	// Consistent and Inconsistent count the rows other than the claim's own
	// that bear on it.
	Consistent   int `json:"consistent"`
	Inconsistent int `json:"inconsistent"`
}

// MatrixRow is one origin or data check.
type MatrixRow struct {
	Key   string       `json:"key"`
	Who   string       `json:"who"`
	Kind  string       `json:"kind"`          // "origin" or "data"
	Via   []string     `json:"via,omitempty"` // relays, for origins
	Echo  bool         `json:"echo,omitempty"`
	Cells []MatrixCell `json:"cells"` // one per column, in column order
	// Diagnostic: consistent with some claims and inconsistent with others.
	Diagnostic bool `json:"diagnostic"`
}

// Cell marks.
const (
	MarkStates       = "states"       // the row is where the claim comes from
	MarkConsistent   = "consistent"   // the row says something on the same topic that agrees
	MarkInconsistent = "inconsistent" // a contradiction, a denial, or data against it
	MarkScope        = "scope"        // differs, but about a different scope: both may hold
	MarkSilent       = "silent"       // the row says nothing on the claim's topic
	MarkNoComment    = "no-comment"   // neither confirms nor denies: never a denial
)

// MatrixCell is one row's standing on one column, with why.
type MatrixCell struct {
	Mark string `json:"mark"`
	Why  string `json:"why,omitempty"`
}

// Symbol is the cell's one-character display.
func (c MatrixCell) Symbol() string {
	switch c.Mark {
	case MarkStates:
		return "●"
	case MarkConsistent:
		return "+"
	case MarkInconsistent:
		return "−"
	case MarkScope:
		return "~"
	case MarkNoComment:
		return "?"
	}
	return "·" // silent; never blank, which tables show as a dash

}

// topic names what a claim is about, so that two rows can be compared only
// where they speak to the same thing: a figure is compared with figures of
// the same unit, anything else with claims of the same action.
func topic(cl *claim.Claim) string {
	for _, q := range cl.Quantities {
		if q.Unit != "" {
			return "quantity " + q.Unit
		}
	}
	return "action " + string(cl.Action)
}

// matrix builds the evidence matrix of ev from its live member claims and
// the data checks tied to them.
//
// Claims that read the same share a column (mergeColumns), and a row's
// cell on a shared column is its strongest on any of its claims, the
// first of them on a tie. A big event has thousands of claims in a few
// hundred columns, so the cells are found column by column, not claim by
// claim: on the claims of a column that are neither the row's own nor
// contradict one of them, a row's cell depends only on whether the claim
// is itself a denial, so one claim of each kind stands for them all.
func (r *Report) matrix(ev claim.Event, cls []*claim.Claim, sigs []claim.Signal) Matrix {
	m := Matrix{Columns: []MatrixColumn{}, Rows: []MatrixRow{}}
	if len(cls) == 0 {
		return m
	}
	byID := map[string]*claim.Claim{}
	for _, cl := range cls {
		byID[cl.ID] = cl
	}
	var groups [][]*claim.Claim
	m.Columns, groups = mergeColumns(cls, r.sourceName)
	colOf := make(map[string]int, len(cls)) // claim id → its column
	posOf := make(map[string]int, len(cls)) // claim id → its place in its column
	for j, g := range groups {
		for i, cl := range g {
			colOf[cl.ID], posOf[cl.ID] = j, i
		}
	}
	// plain[j][d] lists, in order, the claims of column j that are
	// denials (d = 1) or not (0), to find the first of each kind that is
	// not special to a row.
	plain := make([][2][]*claim.Claim, len(groups))
	for j, g := range groups {
		for _, cl := range g {
			d := denialIdx(cl)
			plain[j][d] = append(plain[j][d], cl)
		}
	}
	// conflicts[a][b] is the contradiction between claims a and b, either way round.
	conflicts := map[string]map[string]claim.Contradiction{}
	put := func(a, b string, ct claim.Contradiction) {
		if conflicts[a] == nil {
			conflicts[a] = map[string]claim.Contradiction{}
		}
		conflicts[a][b] = ct
	}
	for _, ct := range ev.Contradictions {
		put(ct.A, ct.B, ct)
		put(ct.B, ct.A, ct)
	}
	colFor := func(j int, cl *claim.Claim) MatrixColumn {
		return MatrixColumn{ClaimID: cl.ID, Topic: m.Columns[j].Topic}
	}

	for _, o := range ev.Origins {
		row := MatrixRow{Key: o.Key, Who: o.Who, Kind: "origin", Via: o.Via, Echo: len(o.EchoOf) > 0, Cells: []MatrixCell{}}
		own := map[string]bool{}
		topics := map[string]bool{}
		for _, id := range o.Claims {
			if cl := byID[id]; cl != nil {
				own[id] = true
				topics[topic(cl)] = true
			}
		}
		if len(own) == 0 {
			continue // every claim of this origin was rejected
		}
		ownSorted := sortedKeys(own) // once a row, not once a cell
		// The special claims: the row's own, and those contradicting one
		// of them. Every other claim of a column is one of two kinds.
		special := map[string]bool{}
		for id := range own {
			special[id] = true
			for other := range conflicts[id] {
				if byID[other] != nil {
					special[other] = true
				}
			}
		}
		best := make([]cand, len(groups))
		for j := range best {
			best[j].pos = -1
		}
		offer := func(j, pos int, cell MatrixCell) {
			b := &best[j]
			if b.pos < 0 || markRank[cell.Mark] > markRank[b.cell.Mark] ||
				markRank[cell.Mark] == markRank[b.cell.Mark] && pos < b.pos {
				*b = cand{pos: pos, cell: cell}
			}
		}
		for id := range special {
			j := colOf[id]
			offer(j, posOf[id], originCell(o, own, ownSorted, topics, colFor(j, byID[id]), ev.Action, conflicts[id], byID))
		}
		for j := range groups {
			for d := range 2 {
				for _, cl := range plain[j][d] {
					if special[cl.ID] {
						continue
					}
					offer(j, posOf[cl.ID], originCell(o, own, ownSorted, topics, colFor(j, cl), ev.Action, nil, byID))
					break
				}
			}
			row.Cells = append(row.Cells, best[j].cell)
		}
		m.Rows = append(m.Rows, row)
	}
	for _, s := range sigs {
		if s.ClaimID == "" || byID[s.ClaimID] == nil {
			continue
		}
		row := MatrixRow{Key: s.ID, Who: SignalWho(&s), Kind: "data", Cells: make([]MatrixCell, len(groups))}
		for j := range row.Cells {
			row.Cells[j] = MatrixCell{Mark: MarkSilent}
		}
		c := MatrixCell{Mark: MarkSilent, Why: s.Summary}
		switch s.Verdict {
		case claim.Supported:
			c.Mark = MarkConsistent
		case claim.Contradicted:
			c.Mark = MarkInconsistent
		default:
			c.Why = "untestable: " + s.Summary
		}
		// The checked claim's cell outranks silence on its column unless
		// it is silent too, and then the first claim's is kept: the same.
		if j := colOf[s.ClaimID]; markRank[c.Mark] > markRank[MarkSilent] || posOf[s.ClaimID] == 0 {
			row.Cells[j] = c
		}
		m.Rows = append(m.Rows, row)
	}

	for i := range m.Columns {
		col := &m.Columns[i]
		for _, row := range m.Rows {
			switch row.Cells[i].Mark {
			case MarkConsistent:
				col.Consistent++
			case MarkInconsistent:
				col.Inconsistent++
			}
		}
	}
	for i := range m.Rows {
		row := &m.Rows[i]
		plus, minus := false, false
		for _, c := range row.Cells {
			plus = plus || c.Mark == MarkConsistent || c.Mark == MarkStates
			minus = minus || c.Mark == MarkInconsistent
		}
		row.Diagnostic = plus && minus
	}
	return m
}

// cand is the cell a row has so far on a column, and the place in the
// column of the claim it is on.
type cand struct {
	pos  int
	cell MatrixCell
}

// denialIdx is 1 for a claim that is itself a denial, the one thing of a
// claim (beyond its column's topic) a row's cell reads when the claim is
// neither the row's own nor contradicts one of them.
func denialIdx(cl *claim.Claim) int {
	if cl.Modality == claim.Denied {
		return 1
	}
	return 0
}

// markRank orders marks for merging columns: a row's standing on merged
// claims is its strongest on any of them.
var markRank = map[string]int{
	MarkSilent: 0, MarkNoComment: 1, MarkConsistent: 2, MarkScope: 3, MarkInconsistent: 4, MarkStates: 5,
}

// mergeColumns makes the columns of cls, joining claims that read the
// same (label and topic): three claims "deploy: Popular Mobilization
// Forces (Iran)" from three sentences are one hypothesis to weigh, not
// three. It returns the columns and, for each, its claims in order.
func mergeColumns(cls []*claim.Claim, sourceName func(*claim.Claim) string) ([]MatrixColumn, [][]*claim.Claim) {
	type key struct{ label, topic string }
	index := map[key]int{}
	var cols []MatrixColumn
	var groups [][]*claim.Claim
	// seen is, per column, the source names looked for in its Source:
	// a column of thousands of claims has its Source searched once per
	// claim, and the string grows with the distinct sources.
	var seen []map[string]bool
	for _, cl := range cls {
		c := MatrixColumn{
			ClaimID: cl.ID, ClaimIDs: []string{cl.ID}, Label: columnLabel(cl), Topic: topic(cl),
			Quote: cl.Evidence, Source: sourceName(cl),
		}
		k := key{c.Label, c.Topic}
		if j, ok := index[k]; ok {
			cols[j].ClaimIDs = append(cols[j].ClaimIDs, c.ClaimID)
			// A name looked for before is in Source now: found, or added.
			if !seen[j][c.Source] {
				if !strings.Contains(cols[j].Source, c.Source) {
					cols[j].Source += ", " + c.Source
				}
				seen[j][c.Source] = true
			}
			groups[j] = append(groups[j], cl)
			continue
		}
		index[k] = len(cols)
		cols = append(cols, c)
		groups = append(groups, []*claim.Claim{cl})
		seen = append(seen, map[string]bool{c.Source: true})
	}
	return cols, groups
}

// originCell is origin o's standing on column col. own holds o's live
// claims (ownSorted the same, in order), topics what they are about, conflicts the contradictions of col's
// claim keyed by the other claim. Fusion put every origin's claims in the
// event because they describe the same happening, so an origin that
// supports the event is consistent with every claim of the event's own
// action; figures and other actions are compared topic by topic.
func originCell(o claim.Origin, own map[string]bool, ownSorted []string, topics map[string]bool, col MatrixColumn, action claim.Action, conflicts map[string]claim.Contradiction, byID map[string]*claim.Claim) MatrixCell {
	if own[col.ClaimID] {
		if o.Stance == claim.StanceNoComment {
			return MatrixCell{Mark: MarkNoComment, Why: "neither confirms nor denies"}
		}
		return MatrixCell{Mark: MarkStates}
	}
	// A contradiction with one of the origin's own claims outranks
	// agreement on the topic; a difference of scope is not a contradiction.
	scope := ""
	for _, id := range ownSorted {
		ct, ok := conflicts[id]
		if !ok {
			continue
		}
		if !ct.Scope {
			return MatrixCell{Mark: MarkInconsistent, Why: ct.Explain}
		}
		scope = ct.Explain
	}
	if scope != "" {
		return MatrixCell{Mark: MarkScope, Why: scope}
	}
	switch o.Stance {
	case claim.StanceDenies:
		if cl := byID[col.ClaimID]; cl != nil && cl.Modality != claim.Denied {
			return MatrixCell{Mark: MarkInconsistent, Why: o.Who + " denies it"}
		}
	case claim.StanceNoComment:
		return MatrixCell{Mark: MarkSilent, Why: "neither confirms nor denies"}
	}
	if o.Stance == claim.StanceSupports && col.Topic == "action "+string(action) {
		return MatrixCell{Mark: MarkConsistent, Why: o.Who + " reports the same happening"}
	}
	if topics[col.Topic] {
		return MatrixCell{Mark: MarkConsistent, Why: fmt.Sprintf("also speaks of %s, without conflict", strings.TrimPrefix(strings.TrimPrefix(col.Topic, "quantity "), "action "))}
	}
	return MatrixCell{Mark: MarkSilent}
}

func sortedKeys(m map[string]bool) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// columnLabel is a claim's short heading: its first figure with unit and
// qualifier when it has one, else its action and actors.
func columnLabel(cl *claim.Claim) string {
	for _, q := range cl.Quantities {
		if q.Unit == "" {
			continue
		}
		fig := claim.FormatNumber(q.Min)
		if q.Max > q.Min {
			fig += "–" + claim.FormatNumber(q.Max)
		}
		return strings.TrimSpace(q.Qualifier + " " + fig + " " + q.Unit)
	}
	return ClaimLabel(cl)
}

// SignalWho names a data check's row: its kind and subject, the kind once
// when the subject already says it ("calendar IQ,IR", not "calendar
// calendar IQ,IR").
func SignalWho(s *claim.Signal) string {
	if s.Kind == "" || s.Subject == s.Kind || strings.HasPrefix(s.Subject, s.Kind+" ") {
		return strings.TrimSpace(s.Subject)
	}
	return strings.TrimSpace(s.Kind + " " + s.Subject)
}

func (r *Report) sourceName(cl *claim.Claim) string {
	if s := r.sources[cl.SourceID]; s != nil {
		return cmp.Or(s.Outlet, s.Name)
	}
	return cl.Source
}
