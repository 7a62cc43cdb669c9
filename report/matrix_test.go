package report

import (
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
