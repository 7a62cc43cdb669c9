package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/errs"
)

const claimColumns = `id, source_id, event_id, version, edited, rejected, doc`

// ReplaceClaims replaces the claims extracted from a source. Claims an
// analyst edited or rejected stay, and a new claim with the id of one of
// them is dropped: the analyst's version wins. Every claim must quote its
// source (claim.Validate against the source's text): a claim without a span
// in a stored source does not exist.
func (s *sqlStore) ReplaceClaims(ctx context.Context, sourceID int64, cs []claim.Claim) error {
	op := fmt.Sprintf("store: replace claims of source %d", sourceID)
	return s.writeCase(ctx, op, func(tx *sql.Tx) error {
		src, err := s.oneSource(ctx, tx, op, `WHERE id = ?`, sourceID)
		if err != nil {
			return err
		}
		if err := s.markInputs(ctx, tx); err != nil {
			return err
		}
		// A kept claim also hides a fresh claim quoting exactly its words
		// under another id (the extractor's rules changed, or an analyst
		// added by hand what the extractor now finds): one claim per span.
		kept := map[string]bool{}
		keptSpan := map[[2]int]bool{}
		rows, err := s.query(ctx, tx, `SELECT id, start_off, end_off FROM claims WHERE source_id = ? AND (edited OR rejected)`, sourceID)
		if err != nil {
			return err
		}
		for rows.Next() {
			var id string
			var start, end int
			if err := rows.Scan(&id, &start, &end); err != nil {
				rows.Close()
				return err
			}
			kept[id] = true
			keptSpan[[2]int{start, end}] = true
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		var fresh []claim.Claim
		for _, c := range cs {
			if kept[c.ID] || keptSpan[[2]int{c.Start, c.End}] {
				continue
			}
			if err := checkClaim(&c, src); err != nil {
				return errs.E(errs.BadInput, op, err)
			}
			fresh = append(fresh, c)
		}
		if _, err := s.exec(ctx, tx, `DELETE FROM claims WHERE source_id = ? AND NOT edited AND NOT rejected`, sourceID); err != nil {
			return err
		}
		docs := make([]string, len(fresh))
		for i := range fresh {
			if docs[i], err = marshal(&fresh[i]); err != nil {
				return err
			}
		}
		cols := []string{"id", "source_id", "start_off", "end_off", "action", "event_id", "version", "edited", "rejected", "doc"}
		return s.insertRows(ctx, tx, "claims", cols, len(fresh), func(i int, a []any) {
			c := &fresh[i]
			a[0], a[1], a[2], a[3], a[4] = c.ID, c.SourceID, c.Start, c.End, string(c.Action)
			a[5], a[6], a[7], a[8], a[9] = nullString(c.EventID), c.Version, c.Edited, c.Rejected, docs[i]
		})
	})
}

// checkClaim ties c to src (filling its source id and name) and validates
// it against the source's text.
func checkClaim(c *claim.Claim, src *claim.Source) error {
	if c.SourceID != 0 && c.SourceID != src.ID {
		return fmt.Errorf("claim %s belongs to source %d, not %d", c.ID, c.SourceID, src.ID)
	}
	c.SourceID = src.ID
	if c.Source == "" {
		c.Source = src.Name
	}
	return c.Validate(src.Text)
}

// Claim returns one claim.
func (s *sqlStore) Claim(ctx context.Context, id string) (*claim.Claim, error) {
	op := fmt.Sprintf("store: claim %s", id)
	cs, err := s.claims(ctx, s.r, `SELECT `+claimColumns+` FROM claims WHERE id = ?`, id)
	if err != nil {
		return nil, s.fail(op, err)
	}
	if len(cs) == 0 {
		return nil, notFound(op, "claim")
	}
	return &cs[0], nil
}

// Claims lists claims by source id, start offset and id.
func (s *sqlStore) Claims(ctx context.Context, f ClaimFilter) ([]claim.Claim, error) {
	var where []string
	var args []any
	add := func(cond string, arg any) {
		where = append(where, cond)
		args = append(args, arg)
	}
	if f.SourceID != 0 {
		add(`source_id = ?`, f.SourceID)
	}
	if f.EventID != "" {
		add(`event_id = ?`, f.EventID)
	}
	if f.Action != "" {
		add(`action = ?`, string(f.Action))
	}
	if !f.IncludeRejected {
		add(`rejected = ?`, false)
	}
	query := `SELECT ` + claimColumns + ` FROM claims`
	if len(where) > 0 {
		query += ` WHERE ` + strings.Join(where, ` AND `)
	}
	query, args = paged(query+` ORDER BY source_id, start_off, id`, args, f.Page)
	cs, err := s.claims(ctx, s.r, query, args...)
	if err != nil {
		return nil, s.fail("store: list claims", err)
	}
	return cs, nil
}

// claims runs a query selecting claimColumns. The columns are the truth
// where they differ from the document: event_id is set by fusion runs
// without rewriting each claim's document.
func (s *sqlStore) claims(ctx context.Context, q querier, query string, args ...any) ([]claim.Claim, error) {
	rows, err := s.query(ctx, q, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []claim.Claim
	for rows.Next() {
		var (
			c                 claim.Claim
			id, doc           string
			sourceID, version int64
			event             sql.NullString
			edited, rejected  bool
		)
		if err := rows.Scan(&id, &sourceID, &event, &version, &edited, &rejected, &doc); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(doc), &c); err != nil {
			return nil, fmt.Errorf("decode stored claim %s: %w", id, err)
		}
		c.ID, c.SourceID, c.EventID, c.Version, c.Edited, c.Rejected = id, sourceID, event.String, int(version), edited, rejected
		out = append(out, c)
	}
	return out, rows.Err()
}

// UpdateClaim stores an analyst's edit of c. On success c holds what was
// stored: its next version, Edited and EditedBy set. The claim stays with
// its source and its event (events change through fusion and PinClaim).
func (s *sqlStore) UpdateClaim(ctx context.Context, c *claim.Claim, by string) error {
	op := fmt.Sprintf("store: update claim %s", c.ID)
	if by == "" {
		return errs.E(errs.BadInput, op, "no editor named")
	}
	var next claim.Claim
	err := s.writeCase(ctx, op, func(tx *sql.Tx) error {
		stored, err := s.claims(ctx, tx, `SELECT `+claimColumns+` FROM claims WHERE id = ?`, c.ID)
		if err != nil {
			return err
		}
		if len(stored) == 0 {
			return notFound(op, "claim")
		}
		if err := s.markInputs(ctx, tx); err != nil {
			return err
		}
		before := stored[0]
		beforeDoc, err := marshal(&before)
		if err != nil {
			return err
		}
		if before.Version != c.Version {
			return errs.E(errs.Conflict, op, fmt.Sprintf(
				"claim was changed by someone else (stored version %d, edit made on version %d): reload and retry",
				before.Version, c.Version))
		}
		src, err := s.oneSource(ctx, tx, op, `WHERE id = ?`, before.SourceID)
		if err != nil {
			return err
		}
		next = *c
		if next.SourceID == 0 {
			next.SourceID = before.SourceID
		}
		if err := checkClaim(&next, src); err != nil {
			return errs.E(errs.BadInput, op, err)
		}
		next.EventID = before.EventID
		next.Version = c.Version + 1
		next.Edited, next.EditedBy = true, by
		afterDoc, err := marshal(&next)
		if err != nil {
			return err
		}
		// The version condition makes the update atomic against a
		// concurrent editor on PostgreSQL, where rows are not locked by the
		// SELECT above.
		res, err := s.exec(ctx, tx, `UPDATE claims SET start_off = ?, end_off = ?, action = ?, version = ?,
			edited = ?, rejected = ?, doc = ? WHERE id = ? AND version = ?`,
			next.Start, next.End, string(next.Action), next.Version, true, next.Rejected, afterDoc, c.ID, c.Version)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n != 1 {
			return errs.E(errs.Conflict, op, "claim was changed by someone else: reload and retry")
		}
		_, err = s.exec(ctx, tx, `INSERT INTO edits (claim_id, version, edited_by, edited_at, before_doc, after_doc)
			VALUES (?, ?, ?, ?, ?, ?)`, c.ID, next.Version, by, fmtTime(s.now()), beforeDoc, afterDoc)
		return err
	})
	if err != nil {
		return err
	}
	*c = next
	return nil
}

// Edits lists a claim's edits, oldest first.
func (s *sqlStore) Edits(ctx context.Context, claimID string) ([]Edit, error) {
	op := fmt.Sprintf("store: edits of claim %s", claimID)
	rows, err := s.query(ctx, s.r, `SELECT version, edited_by, edited_at, before_doc, after_doc
		FROM edits WHERE claim_id = ? ORDER BY version`, claimID)
	if err != nil {
		return nil, s.fail(op, err)
	}
	defer rows.Close()
	var out []Edit
	for rows.Next() {
		e := Edit{ClaimID: claimID}
		var at string
		if err := rows.Scan(&e.Version, &e.By, &at, &e.Before, &e.After); err != nil {
			return nil, s.fail(op, err)
		}
		if e.At, err = parseTime(at); err != nil {
			return nil, s.fail(op, err)
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, s.fail(op, err)
	}
	return out, nil
}

// AddClaim stores a claim an analyst made by hand on behalf of by. It must
// quote its source like any claim; it is stored Edited and Manual at
// version 1 with an edit record (before: null), so re-extraction keeps it.
// An id already stored is errs.Duplicate. On success c holds what was stored.
func (s *sqlStore) AddClaim(ctx context.Context, c *claim.Claim, by string) error {
	op := fmt.Sprintf("store: add claim %s", c.ID)
	if by == "" {
		return errs.E(errs.BadInput, op, "no analyst named")
	}
	next := *c
	next.Version, next.Edited, next.EditedBy, next.Manual, next.EventID = 1, true, by, true, ""
	err := s.writeCase(ctx, op, func(tx *sql.Tx) error {
		src, err := s.oneSource(ctx, tx, op, `WHERE id = ?`, next.SourceID)
		if err != nil {
			return err
		}
		if err := checkClaim(&next, src); err != nil {
			return errs.E(errs.BadInput, op, err)
		}
		var n int
		if err := s.row(ctx, tx, `SELECT COUNT(*) FROM claims WHERE id = ?`, next.ID).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return errs.E(errs.Duplicate, op, "a claim with this id is already stored")
		}
		if err := s.markInputs(ctx, tx); err != nil {
			return err
		}
		doc, err := marshal(&next)
		if err != nil {
			return err
		}
		if _, err := s.exec(ctx, tx, `INSERT INTO claims (id, source_id, start_off, end_off, action, event_id, version, edited, rejected, doc)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, next.ID, next.SourceID, next.Start, next.End, string(next.Action),
			nil, next.Version, true, next.Rejected, doc); err != nil {
			return err
		}
		_, err = s.exec(ctx, tx, `INSERT INTO edits (claim_id, version, edited_by, edited_at, before_doc, after_doc)
			VALUES (?, ?, ?, ?, ?, ?)`, next.ID, next.Version, by, fmtTime(s.now()), "null", doc)
		return err
	})
	if err != nil {
		return err
	}
	*c = next
	return nil
}
