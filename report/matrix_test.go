package report

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/report/reporttest"
)

func TestMatrixSeed(t *testing.T) {
	r := Build(reporttest.SeedCase(t), Options{})
	m := r.Events[0].Matrix
	// Every claim of the event is in exactly one column; claims that read
	// the same share one.
	col := map[string]int{}
	for i, c := range m.Columns {
		for _, id := range c.ClaimIDs {
			if _, dup := col[id]; dup {
				t.Errorf("claim %s in two columns", id)
			}
			col[id] = i
		}
		if c.ClaimID != c.ClaimIDs[0] {
			t.Errorf("column %d: claim_id %s is not its first claim", i, c.ClaimID)
		}
	}
	if len(col) != len(r.Events[0].ClaimIDs) {
		t.Fatalf("columns cover %d of %d claims", len(col), len(r.Events[0].ClaimIDs))
	}
	if len(m.Columns) >= len(r.Events[0].ClaimIDs) {
		t.Errorf("%d columns for %d claims: the seed's three identical deployment claims should share one", len(m.Columns), len(r.Events[0].ClaimIDs))
	}
	if got := m.Columns[col["000-06"]].Label; got != "2,000 fighters" {
		t.Errorf("figure column label = %q", got)
	}
	rows := map[string]MatrixRow{}
	for _, row := range m.Rows {
		if len(row.Cells) != len(m.Columns) {
			t.Fatalf("row %s has %d cells for %d columns", row.Who, len(row.Cells), len(m.Columns))
		}
		rows[row.Who] = row
	}

	// CNN's Iraqi security source says close to 5,000: against the 2,000 of
	// the Amargi's sources, and its own claim is marked as its own.
	sec, ok := rows["an Iraqi security source"]
	if !ok {
		t.Fatalf("no row for the Iraqi security source; rows %v", m.Rows)
	}
	if c := sec.Cells[col["000-06"]]; c.Mark != MarkInconsistent || c.Why == "" {
		t.Errorf("security source on 2,000 = %+v, want inconsistent with a reason", c)
	}
	if c := sec.Cells[col["003-23"]]; c.Mark != MarkStates {
		t.Errorf("security source on its own 5,000 = %+v", c)
	}
	if !sec.Diagnostic {
		t.Error("a row both for and against claims is diagnostic")
	}
	if m.Columns[col["000-06"]].Inconsistent < 1 {
		t.Errorf("the 2,000 column counts no evidence against it: %+v", m.Columns[col["000-06"]])
	}

	// Officials who neither confirm nor deny are never counted against a claim.
	off, ok := rows["Iraqi and Iranian officials"]
	if !ok {
		t.Fatal("no row for the officials")
	}
	for i, c := range off.Cells {
		if c.Mark == MarkInconsistent || c.Mark == MarkConsistent {
			t.Errorf("NCND officials on %s = %s", m.Columns[i].ClaimID, c.Mark)
		}
	}
	if c := off.Cells[col["000-21"]]; c.Mark != MarkNoComment {
		t.Errorf("officials on their own statement = %+v, want no-comment", c)
	}
	// A supporting origin that speaks of the same happening is consistent
	// with the event's own action even without sharing that claim.
	if c := rows["Tasnim News Agency"].Cells[col["000-01"]]; c.Mark != MarkConsistent {
		t.Errorf("Tasnim on the deployment = %+v", c)
	}
}

func TestMatrixEmpty(t *testing.T) {
	r := Build(reporttest.SeedCase(t), Options{})
	for _, ev := range r.Events {
		if ev.Matrix.Columns == nil || ev.Matrix.Rows == nil {
			t.Errorf("event %s: matrix slices must be empty, not null, in JSON", ev.ID)
		}
	}
}

// TestSignalWho: a data check's row says its kind once.
func TestSignalWho(t *testing.T) {
	for _, c := range []struct{ kind, subject, want string }{
		{"calendar", "calendar IQ,IR", "calendar IQ,IR"},
		{"calendar", "calendar SY", "calendar SY"},
		{"flights", "BGW-THR", "flights BGW-THR"},
		{"anomaly", "route day series", "anomaly route day series"},
		{"calendar", "calendar", "calendar"},
		{"", "satellite pass", "satellite pass"},
		{"flights", "", "flights"},
	} {
		if got := SignalWho(&claim.Signal{Kind: c.kind, Subject: c.subject}); got != c.want {
			t.Errorf("SignalWho(%q, %q) = %q, want %q", c.kind, c.subject, got, c.want)
		}
	}
}

// TestMatrixAsClaimByClaim: building the matrix column by column gives
// exactly the matrix built claim by claim and then merged, on the seed
// case and on random events dense in shared labels, denials, origins,
// contradictions (of scope or not) and data checks.
func TestMatrixAsClaimByClaim(t *testing.T) {
	r := Build(reporttest.SeedCase(t), Options{})
	seed := reporttest.SeedCase(t)
	cls := map[string]*claim.Claim{}
	for i := range seed.Claims {
		cls[seed.Claims[i].ID] = &seed.Claims[i]
	}
	for _, ev := range seed.Events {
		var members []*claim.Claim
		for _, m := range ev.Members {
			if cl := cls[m.ClaimID]; cl != nil && !cl.Rejected {
				members = append(members, cl)
			}
		}
		if got, want := r.matrix(ev, members, seed.Signals), r.referenceMatrix(ev, members, seed.Signals); !reflect.DeepEqual(got, want) {
			t.Errorf("seed event %s: matrices differ", ev.ID)
		}
	}
	for seed := range uint64(200) {
		rng := rand.New(rand.NewPCG(seed, 11))
		ev, members, sigs := randomMatrixEvent(rng)
		rep := &Report{sources: map[int64]*claim.Source{}}
		for i := range 4 {
			rep.sources[int64(i)] = &claim.Source{ID: int64(i), Outlet: []string{"Outlet 1", "Outlet 12", "Wire", "Outlet 2"}[i]}
		}
		got, want := rep.matrix(ev, members, sigs), rep.referenceMatrix(ev, members, sigs)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("random event %d: matrices differ\n got %+v\nwant %+v", seed, got, want)
		}
	}
}

// randomMatrixEvent is an event of a few actions, units and actors, so
// that many claims share a column.
func randomMatrixEvent(r *rand.Rand) (claim.Event, []*claim.Claim, []claim.Signal) {
	n := 1 + r.IntN(40)
	ev := claim.Event{ID: "ev", Action: []claim.Action{claim.ActionDeploy, claim.ActionKill}[r.IntN(2)]}
	var members []*claim.Claim
	for i := range n {
		cl := &claim.Claim{ID: fmt.Sprintf("c%02d", i), SourceID: int64(r.IntN(4)), Evidence: "words",
			Action: []claim.Action{claim.ActionDeploy, claim.ActionKill, claim.ActionDeny}[r.IntN(3)]}
		if r.IntN(4) == 0 {
			cl.Modality = claim.Denied
		}
		if r.IntN(3) == 0 {
			cl.Quantities = []claim.Quantity{{Min: float64(100 * (1 + r.IntN(2))), Max: 300, Unit: []string{"fighters", "dead"}[r.IntN(2)]}}
		}
		if r.IntN(2) == 0 {
			cl.Actors = []claim.Actor{{Name: []string{"Group A", "Group B"}[r.IntN(2)]}}
		}
		members = append(members, cl)
		ev.Members = append(ev.Members, claim.Member{ClaimID: cl.ID})
	}
	for i := range 1 + r.IntN(6) {
		o := claim.Origin{Key: fmt.Sprintf("o%d", i), Who: fmt.Sprintf("origin %d", i),
			Stance: []claim.Stance{claim.StanceSupports, claim.StanceDenies, claim.StanceNoComment}[r.IntN(3)]}
		for _, cl := range members {
			if r.IntN(4) == 0 {
				o.Claims = append(o.Claims, cl.ID)
			}
		}
		if r.IntN(5) == 0 {
			o.Claims = append(o.Claims, "rejected")
		}
		if r.IntN(3) == 0 {
			o.EchoOf = []string{"o0"}
		}
		ev.Origins = append(ev.Origins, o)
	}
	for range r.IntN(2 * n) {
		a, b := members[r.IntN(n)], members[r.IntN(n)]
		if a == b {
			continue
		}
		ev.Contradictions = append(ev.Contradictions, claim.Contradiction{Field: "quantity", A: a.ID, B: b.ID,
			Scope: r.IntN(3) == 0, Explain: fmt.Sprintf("%s against %s", a.ID, b.ID)})
	}
	var sigs []claim.Signal
	for i := range r.IntN(4) {
		sigs = append(sigs, claim.Signal{ID: fmt.Sprintf("s%d", i), Kind: "flights", ClaimID: members[r.IntN(n)].ID, Summary: "a check",
			Verdict: []claim.Verdict{claim.Supported, claim.Contradicted, claim.Untestable}[r.IntN(3)]})
	}
	return ev, members, sigs
}

// referenceMatrix is matrix as it was before it merged columns first: it builds the evidence matrix of ev from its live member claims and
// the data checks tied to them.
func (r *Report) referenceMatrix(ev claim.Event, cls []*claim.Claim, sigs []claim.Signal) Matrix {
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

	m = referenceMergeColumns(m)
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
var referenceMarkRank = map[string]int{
	MarkSilent: 0, MarkNoComment: 1, MarkConsistent: 2, MarkScope: 3, MarkInconsistent: 4, MarkStates: 5,
}

// mergeColumns joins columns that read the same (label and topic): three
// claims "deploy: Popular Mobilization Forces (Iran)" from three sentences
// are one hypothesis to weigh, not three.
func referenceMergeColumns(m Matrix) Matrix {
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
				if c := m.Rows[r].Cells[i]; referenceMarkRank[c.Mark] > referenceMarkRank[best.Mark] {
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

// bigMatrixEvent is an event the size of the 8,000-source case's
// largest: thousands of claims reading one of a few dozen ways, a hundred
// origins each with a share of them, and some contradictions.
func bigMatrixEvent() (*Report, claim.Event, []*claim.Claim) {
	r := rand.New(rand.NewPCG(1, 2))
	rep := &Report{sources: map[int64]*claim.Source{}}
	for i := range 50 {
		rep.sources[int64(i)] = &claim.Source{ID: int64(i), Outlet: fmt.Sprintf("Outlet %d", i)}
	}
	ev := claim.Event{ID: "ev", Action: claim.ActionKill}
	var members []*claim.Claim
	for i := range 7500 {
		cl := &claim.Claim{ID: fmt.Sprintf("c%05d", i), SourceID: int64(r.IntN(50)), Evidence: "words", Action: claim.ActionKill,
			Actors: []claim.Actor{{Name: fmt.Sprintf("Group %d", r.IntN(30))}}}
		if r.IntN(10) == 0 {
			cl.Modality = claim.Denied
		}
		members = append(members, cl)
	}
	for i := range 120 {
		o := claim.Origin{Key: fmt.Sprintf("o%d", i), Who: fmt.Sprintf("origin %d", i), Stance: claim.StanceSupports}
		for range 1 + r.IntN(200) {
			o.Claims = append(o.Claims, members[r.IntN(len(members))].ID)
		}
		ev.Origins = append(ev.Origins, o)
	}
	for range 300 {
		a, b := members[r.IntN(len(members))], members[r.IntN(len(members))]
		ev.Contradictions = append(ev.Contradictions, claim.Contradiction{Field: "quantity", A: a.ID, B: b.ID, Explain: "differs"})
	}
	return rep, ev, members
}

func BenchmarkMatrixBig(b *testing.B) {
	rep, ev, members := bigMatrixEvent()
	b.ReportAllocs()
	for b.Loop() {
		rep.matrix(ev, members, nil)
	}
}

// BenchmarkReferenceMatrixBig is the claim-by-claim build, for the ratio.
func BenchmarkReferenceMatrixBig(b *testing.B) {
	rep, ev, members := bigMatrixEvent()
	b.ReportAllocs()
	for b.Loop() {
		rep.referenceMatrix(ev, members, nil)
	}
}
