package store

import (
	"cmp"
	"context"
	"database/sql"

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
		if err := eventTable.replace(ctx, s, tx, op, f.Events); err != nil {
			return err
		}
		if _, err := s.exec(ctx, tx, `UPDATE claims SET event_id = NULL WHERE event_id IS NOT NULL`); err != nil {
			return err
		}
		stmt, err := tx.PrepareContext(ctx, s.q(`UPDATE claims SET event_id = ? WHERE id = ?`))
		if err != nil {
			return err
		}
		defer stmt.Close()
		for i := range f.Events {
			for _, m := range f.Events[i].Members {
				if _, err := stmt.ExecContext(ctx, f.Events[i].ID, m.ClaimID); err != nil {
					return err
				}
			}
		}
		if err := assessmentTable.replace(ctx, s, tx, op, f.Assessments); err != nil {
			return err
		}
		if err := s.recordFusion(ctx, tx, f, by); err != nil {
			return err
		}
		_, err = s.exec(ctx, tx, `UPDATE revision SET fused = ? WHERE id = 1`, f.Inputs)
		return err
	})
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
}

// FusionState tells whether the stored events are current. Inputs counts
// the writes to what fusion reads (claims, pins, signals, settings); Fused
// is the count the stored events and assessments were computed from.
type FusionState struct {
	Inputs, Fused int64
}

// Stale reports whether fusion inputs changed after the last run.
func (f FusionState) Stale() bool { return f.Inputs != f.Fused }
