package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/errs"
)

// Events lists events by id.
func (s *sqlStore) Events(ctx context.Context) ([]claim.Event, error) {
	evs, err := eventTable.read(ctx, s)
	return evs, s.fail("store: list events", err)
}

// Event returns one event.
func (s *sqlStore) Event(ctx context.Context, id string) (*claim.Event, error) {
	op := fmt.Sprintf("store: event %s", id)
	evs, err := eventTable.read(ctx, s, id)
	if err != nil {
		return nil, s.fail(op, err)
	}
	if len(evs) == 0 {
		return nil, notFound(op, "event")
	}
	return &evs[0], nil
}

// PinClaim records an analyst's move of a claim into an event; an empty
// eventID removes the pin. Pins outlive re-extraction and fusion runs.
func (s *sqlStore) PinClaim(ctx context.Context, claimID, eventID, by string) error {
	op := fmt.Sprintf("store: pin claim %s", claimID)
	return s.writeCase(ctx, op, func(tx *sql.Tx) error {
		if err := s.markInputs(ctx, tx); err != nil {
			return err
		}
		if eventID == "" {
			_, err := s.exec(ctx, tx, `DELETE FROM pins WHERE claim_id = ?`, claimID)
			return err
		}
		var n int
		if err := s.row(ctx, tx, `SELECT COUNT(*) FROM claims WHERE id = ?`, claimID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return notFound(op, "claim")
		}
		_, err := s.exec(ctx, tx, `INSERT INTO pins (claim_id, event_id, pinned_by, pinned_at) VALUES (?, ?, ?, ?)
			ON CONFLICT (claim_id) DO UPDATE SET event_id = excluded.event_id,
			pinned_by = excluded.pinned_by, pinned_at = excluded.pinned_at`,
			claimID, eventID, by, fmtTime(s.now()))
		return err
	})
}

// Pins maps pinned claim ids to their events.
func (s *sqlStore) Pins(ctx context.Context) (map[string]string, error) {
	const op = "store: list pins"
	rows, err := s.query(ctx, s.r, `SELECT claim_id, event_id FROM pins`)
	if err != nil {
		return nil, s.fail(op, err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var c, e string
		if err := rows.Scan(&c, &e); err != nil {
			return nil, s.fail(op, err)
		}
		out[c] = e
	}
	return out, s.fail(op, rows.Err())
}

// Assessments lists assessments by event id.
func (s *sqlStore) Assessments(ctx context.Context) ([]claim.Assessment, error) {
	as, err := assessmentTable.read(ctx, s)
	return as, s.fail("store: list assessments", err)
}

// PutSignals inserts signals, replacing those with the same id.
func (s *sqlStore) PutSignals(ctx context.Context, ss []claim.Signal) error {
	const op = "store: put signals"
	for i := range ss {
		if ss[i].ID == "" {
			return errs.E(errs.BadInput, op, fmt.Sprintf("signal %d has no id", i))
		}
	}
	return s.writeCase(ctx, op, func(tx *sql.Tx) error {
		if err := s.markInputs(ctx, tx); err != nil {
			return err
		}
		stmt, err := tx.PrepareContext(ctx, s.q(`INSERT INTO signals (id, kind, claim_id, doc) VALUES (?, ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, claim_id = excluded.claim_id, doc = excluded.doc`))
		if err != nil {
			return err
		}
		defer stmt.Close()
		for i := range ss {
			doc, err := marshal(&ss[i])
			if err != nil {
				return err
			}
			if _, err := stmt.ExecContext(ctx, ss[i].ID, ss[i].Kind, nullString(ss[i].ClaimID), doc); err != nil {
				return fmt.Errorf("signal %s: %w", ss[i].ID, err)
			}
		}
		return nil
	})
}

// Signals lists signals by id.
func (s *sqlStore) Signals(ctx context.Context) ([]claim.Signal, error) {
	ss, err := docs[claim.Signal](ctx, s, `SELECT doc FROM signals ORDER BY id`)
	return ss, s.fail("store: list signals", err)
}

// ReplaceClaimSignals replaces the signals of one kind linked to a claim
// with ss (each linked to the claim and of that kind), in one transaction:
// a recomputed data check leaves no stale result beside it.
func (s *sqlStore) ReplaceClaimSignals(ctx context.Context, claimID, kind string, ss []claim.Signal) error {
	op := fmt.Sprintf("store: replace %s signals of claim %s", kind, claimID)
	if claimID == "" || kind == "" {
		return errs.E(errs.BadInput, op, "claim and kind are required")
	}
	for i := range ss {
		if ss[i].ID == "" || ss[i].ClaimID != claimID || ss[i].Kind != kind {
			return errs.E(errs.BadInput, op, fmt.Sprintf("signal %d is not a %s signal of claim %s with an id", i, kind, claimID))
		}
	}
	return s.writeCase(ctx, op, func(tx *sql.Tx) error {
		res, err := s.exec(ctx, tx, `DELETE FROM signals WHERE claim_id = ? AND kind = ?`, claimID, kind)
		if err != nil {
			return err
		}
		// Fusion reads signals: only a change makes it stale.
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n > 0 || len(ss) > 0 {
			if err := s.markInputs(ctx, tx); err != nil {
				return err
			}
		}
		for i := range ss {
			doc, err := marshal(&ss[i])
			if err != nil {
				return err
			}
			if _, err := s.exec(ctx, tx, `INSERT INTO signals (id, kind, claim_id, doc) VALUES (?, ?, ?, ?)
				ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, claim_id = excluded.claim_id, doc = excluded.doc`,
				ss[i].ID, kind, claimID, doc); err != nil {
				return fmt.Errorf("signal %s: %w", ss[i].ID, err)
			}
		}
		return nil
	})
}
