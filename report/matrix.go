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
func (r *Report) matrix(ev claim.Event, cls []*claim.Claim, sigs []claim.Signal) Matrix {
	m := Matrix{Columns: []MatrixColumn{}, Rows: []MatrixRow{}}
	byID := map[string]*claim.Claim{}
	for _, cl := range cls {
		byID[cl.ID] = cl
		m.Columns = append(m.Columns, MatrixColumn{
			ClaimID: cl.ID, ClaimIDs: []string{cl.ID}, Label: columnLabel(cl), Topic: topic(cl),
			Quote: cl.Evidence, Source: r.sourceName(cl),
		})
	}
	if len(m.Columns) == 0 {
		return m
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
		for _, col := range m.Columns {
			row.Cells = append(row.Cells, originCell(o, own, ownSorted, topics, col, ev.Action, conflicts[col.ClaimID], byID))
		}
		m.Rows = append(m.Rows, row)
	}
	for _, s := range sigs {
		if s.ClaimID == "" || byID[s.ClaimID] == nil {
			continue
		}
		row := MatrixRow{Key: s.ID, Who: SignalWho(&s), Kind: "data", Cells: []MatrixCell{}}
		for _, col := range m.Columns {
			c := MatrixCell{Mark: MarkSilent}
			if col.ClaimID == s.ClaimID {
				c.Why = s.Summary
				switch s.Verdict {
				case claim.Supported:
					c.Mark = MarkConsistent
				case claim.Contradicted:
					c.Mark = MarkInconsistent
				default:
					c.Why = "untestable: " + s.Summary
				}
			}
			row.Cells = append(row.Cells, c)
		}
		m.Rows = append(m.Rows, row)
	}

	m = mergeColumns(m)
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

// markRank orders marks for merging columns: a row's standing on merged
// claims is its strongest on any of them.
var markRank = map[string]int{
	MarkSilent: 0, MarkNoComment: 1, MarkConsistent: 2, MarkScope: 3, MarkInconsistent: 4, MarkStates: 5,
}

// mergeColumns joins columns that read the same (label and topic): three
// claims "deploy: Popular Mobilization Forces (Iran)" from three sentences
// are one hypothesis to weigh, not three.
func mergeColumns(m Matrix) Matrix {
	type key struct{ label, topic string }
	index := map[key]int{}
	var cols []MatrixColumn
	groups := [][]int{} // per merged column, the original column indices
	for i, c := range m.Columns {
		k := key{c.Label, c.Topic}
		if j, ok := index[k]; ok {
			cols[j].ClaimIDs = append(cols[j].ClaimIDs, c.ClaimID)
			if !strings.Contains(cols[j].Source, c.Source) {
				cols[j].Source += ", " + c.Source
			}
			groups[j] = append(groups[j], i)
			continue
		}
		index[k] = len(cols)
		cols = append(cols, c)
		groups = append(groups, []int{i})
	}
	if len(cols) == len(m.Columns) {
		return m
	}
	for r := range m.Rows {
		cells := make([]MatrixCell, len(cols))
		for j, g := range groups {
			best := m.Rows[r].Cells[g[0]]
			for _, i := range g[1:] {
				if c := m.Rows[r].Cells[i]; markRank[c.Mark] > markRank[best.Mark] {
					best = c
				}
			}
			cells[j] = best
		}
		m.Rows[r].Cells = cells
	}
	m.Columns = cols
	return m
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
