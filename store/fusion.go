package store

import (
	"cmp"
	"context"
	"database/sql"
	"slices"

	"github.com/triangulate/triangulate/claim"
)

// ReplaceFusion stores one fusion run whole, in one transaction: the
// events (setting each member claim's EventID, clearing it on claims in
// none) and their assessments, and marks the case fused as of f.Inputs.
// A failure leaves the previous run as it was; a run computed from older
// inputs than the stored one's leaves the stored one.
func (s *sqlStore) ReplaceFusion(ctx context.Context, f Fusion) error {
	const op = "store: replace fusion"
	return s.writeCase(ctx, op, func(tx *sql.Tx) error {
		// A run that read older inputs than the stored one (two processes
		// fusing at once) would replace newer events with staler ones: the
		// stored run stands.
		var fused int64
		if err := s.row(ctx, tx, `SELECT fused FROM revision WHERE id = 1`).Scan(&fused); err != nil {
			return err
		}
		if fused > f.Inputs {
			return nil
		}
		by := cmp.Or(f.By, FusionBy)
		if err := s.followEvents(ctx, tx, f, by); err != nil {
			return err
		}
		if _, err := eventTable.replace(ctx, s, tx, op, f.Events, f.Full); err != nil {
			return err
		}
		if err := s.setEventOf(ctx, tx, f.Events); err != nil {
			return err
		}
		if _, err := assessmentTable.replace(ctx, s, tx, op, f.Assessments, f.Full); err != nil {
			return err
		}
		if err := s.recordFusion(ctx, tx, f, by); err != nil {
			return err
		}
		_, err := s.exec(ctx, tx, `UPDATE revision SET fused = ? WHERE id = 1`, f.Inputs)
		return err
	})
}

// setEventOf sets each claim's EventID to the event of evs holding it, and
// clears it on claims in none, writing only the claims whose event
// changed (most keep theirs from one run to the next).
func (s *sqlStore) setEventOf(ctx context.Context, tx *sql.Tx, evs []claim.Event) error {
	want := map[string]string{}
	for i := range evs {
		for _, m := range evs[i].Members {
			want[m.ClaimID] = evs[i].ID
		}
	}
	rows, err := s.query(ctx, tx, `SELECT id, event_id FROM claims WHERE event_id IS NOT NULL`)
	if err != nil {
		return err
	}
	var clear []string
	has := map[string]string{}
	for rows.Next() {
		var id, ev string
		if err := rows.Scan(&id, &ev); err != nil {
			rows.Close()
			return err
		}
		has[id] = ev
		if want[id] == "" {
			clear = append(clear, id)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	slices.Sort(clear)
	if err := s.execEach(ctx, tx, `UPDATE claims SET event_id = NULL WHERE id = ?`, clear); err != nil {
		return err
	}
	ids := make([]string, 0, len(want))
	for id, ev := range want {
		if has[id] != ev {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	stmt, err := tx.PrepareContext(ctx, s.q(`UPDATE claims SET event_id = ? WHERE id = ?`))
	if err != nil {
		return err
	}
	defer stmt.Close()
	for _, id := range ids {
		if _, err := stmt.ExecContext(ctx, want[id], id); err != nil {
			return err
		}
	}
	return nil
}

// FusionState reads the fusion-input counter and the mark of the last run.
func (s *sqlStore) FusionState(ctx context.Context) (FusionState, error) {
	var fs FusionState
	if err := s.row(ctx, s.r, `SELECT inputs, fused FROM revision WHERE id = 1`).Scan(&fs.Inputs, &fs.Fused); err != nil {
		return fs, s.fail("store: fusion state", err)
	}
	return fs, nil
}

// markInputs records, inside a write's transaction, that something fusion
// reads has changed.
func (s *sqlStore) markInputs(ctx context.Context, tx *sql.Tx) error {
	_, err := s.exec(ctx, tx, `UPDATE revision SET inputs = inputs + 1 WHERE id = 1`)
	return err
}

// Fusion is one run of fusion and assessment, stored whole by ReplaceFusion.
type Fusion struct {
	Events      []claim.Event
	Assessments []claim.Assessment
	// Inputs is FusionState.Inputs as read before the run read its claims:
	// the run reflects every input write up to it.
	Inputs int64
	// By names who ran it in the events' history; empty is FusionBy.
	By string
	// Full rewrites every stored event and assessment; otherwise only
	// the rows whose stored bytes change are written. Either way the
	// stored result is the same.
	Full bool
}

// FusionState tells whether the stored events are current. Inputs counts
// the writes to what fusion reads (claims, pins, signals, settings); Fused
// is the count the stored events and assessments were computed from.
type FusionState struct {
	Inputs, Fused int64
}

// Stale reports whether fusion inputs changed after the last run.
func (f FusionState) Stale() bool { return f.Inputs != f.Fused }
