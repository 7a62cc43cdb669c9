package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/errs"
)

// MergeKind is what an analyst's merge joins.
type MergeKind string

// Merge kinds.
const (
	// MergeEvent: the claims fusion puts in event From go to event Into.
	MergeEvent MergeKind = "event"
	// MergeOrigin: origin key From is the same origin as key Into (two
	// names for one anonymous source), so independence counts it once.
	MergeOrigin MergeKind = "origin"
)

// Valid reports whether k is a known kind.
func (k MergeKind) Valid() bool { return k == MergeEvent || k == MergeOrigin }

// Merge is an analyst's durable judgement that two events, or two origins,
// are one. Fusion applies merges on every run (after grouping for events,
// before counting for origins), so they survive re-fusion and new sources.
type Merge struct {
	Kind MergeKind `json:"kind"`
	From string    `json:"from"` // the merged-away event id or origin key
	Into string    `json:"into"` // the one it joins
	By   string    `json:"by"`
	At   time.Time `json:"at"`
}

// resolve follows merges of one kind from key to the key it ends up under
// (key itself when not merged). A cycle, which PutMerge refuses, stops at
// the first key seen again.
func resolve(into map[string]string, key string) string {
	seen := map[string]bool{key: true}
	for {
		next, ok := into[key]
		if !ok || seen[next] {
			return key
		}
		seen[next] = true
		key = next
	}
}

// MergeMap maps, for one kind, each merged-away key to the key it ends up
// under, chains followed (a into b into c maps a and b to c): what fusion
// takes (fuse.Options).
func MergeMap(ms []Merge, kind MergeKind) map[string]string {
	step := map[string]string{}
	for _, m := range ms {
		if m.Kind == kind {
			step[m.From] = m.Into
		}
	}
	out := make(map[string]string, len(step))
	for from := range step {
		out[from] = resolve(step, from)
	}
	return out
}

// PutMerge records m, replacing an earlier merge of the same From. It
// refuses a merge of a key into itself or into a key that is (through other
// merges) merged into From, which would be a cycle.
func (s *sqlStore) PutMerge(ctx context.Context, m Merge) error {
	op := fmt.Sprintf("store: merge %s %s into %s", m.Kind, m.From, m.Into)
	switch {
	case !m.Kind.Valid():
		return errs.E(errs.BadInput, op, fmt.Sprintf("unknown kind %q (event, origin)", m.Kind))
	case m.From == "" || m.Into == "":
		return errs.E(errs.BadInput, op, "both keys are required")
	case m.From == m.Into:
		return errs.E(errs.BadInput, op, "a key cannot be merged into itself")
	case m.By == "":
		return errs.E(errs.BadInput, op, "who merged is required")
	}
	return s.writeCase(ctx, op, func(tx *sql.Tx) error {
		ms, err := s.merges(ctx, tx)
		if err != nil {
			return err
		}
		if into := MergeMap(ms, m.Kind)[m.Into]; m.Into == m.From || into == m.From {
			return errs.E(errs.BadInput, op, fmt.Sprintf("%s is already merged into %s", m.Into, m.From))
		}
		if err := s.markInputs(ctx, tx); err != nil {
			return err
		}
		var before any
		if i := slices.IndexFunc(ms, func(o Merge) bool { return o.Kind == m.Kind && o.From == m.From }); i >= 0 {
			before = ms[i]
		}
		m.At = s.now().UTC()
		if err := s.audit(ctx, tx, mergeAudit("merge", m), before, m); err != nil {
			return err
		}
		_, err = s.exec(ctx, tx, `INSERT INTO merges (kind, from_key, into_key, merged_by, merged_at) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (kind, from_key) DO UPDATE SET into_key = excluded.into_key,
			merged_by = excluded.merged_by, merged_at = excluded.merged_at`,
			string(m.Kind), m.From, m.Into, m.By, fmtTime(s.now()))
		return err
	})
}

// DeleteMerge undoes the merge of from on behalf of by; errs.NotFound
// when there is none.
func (s *sqlStore) DeleteMerge(ctx context.Context, kind MergeKind, from, by string) error {
	op := fmt.Sprintf("store: unmerge %s %s", kind, from)
	return s.writeCase(ctx, op, func(tx *sql.Tx) error {
		ms, err := s.merges(ctx, tx)
		if err != nil {
			return err
		}
		if i := slices.IndexFunc(ms, func(o Merge) bool { return o.Kind == kind && o.From == from }); i >= 0 {
			e := mergeAudit("unmerge", ms[i])
			e.By = by
			if err := s.audit(ctx, tx, e, ms[i], nil); err != nil {
				return err
			}
		}
		res, err := s.exec(ctx, tx, `DELETE FROM merges WHERE kind = ? AND from_key = ?`, string(kind), from)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return notFound(op, "merge")
		}
		return s.markInputs(ctx, tx)
	})
}

// Merges lists the merges by kind and From.
func (s *sqlStore) Merges(ctx context.Context) ([]Merge, error) {
	ms, err := s.merges(ctx, s.r)
	return ms, s.fail("store: list merges", err)
}

func (s *sqlStore) merges(ctx context.Context, q querier) ([]Merge, error) {
	rows, err := s.query(ctx, q, `SELECT kind, from_key, into_key, merged_by, merged_at FROM merges ORDER BY kind, from_key`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []Merge{}
	for rows.Next() {
		var m Merge
		var kind, at string
		if err := rows.Scan(&kind, &m.From, &m.Into, &m.By, &at); err != nil {
			return nil, err
		}
		m.Kind = MergeKind(kind)
		if m.At, err = parseTime(at); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// mergeAudit is the audit entry of a merge or its undoing (action "merge"
// or "unmerge"): an event merge is filed under the event it joined, an
// origin merge under the case.
func mergeAudit(action string, m Merge) claim.AuditEntry {
	e := claim.AuditEntry{By: m.By, Action: action + "-" + string(m.Kind), Target: m.From + " → " + m.Into}
	if m.Kind == MergeEvent {
		e.EventID = m.Into
	}
	return e
}

// PinClaims pins several claims to one event in one transaction (all or
// none): creating an event from chosen claims, or splitting some off.
func (s *sqlStore) PinClaims(ctx context.Context, claimIDs []string, eventID, by string) error {
	op := fmt.Sprintf("store: pin %d claims to %s", len(claimIDs), eventID)
	if eventID == "" || len(claimIDs) == 0 {
		return errs.E(errs.BadInput, op, "an event and at least one claim are required")
	}
	ids := slices.Clone(claimIDs)
	slices.Sort(ids)
	ids = slices.Compact(ids)
	return s.writeCase(ctx, op, func(tx *sql.Tx) error {
		if err := s.markInputs(ctx, tx); err != nil {
			return err
		}
		if err := s.audit(ctx, tx, claim.AuditEntry{By: by, Action: "pin-claims", EventID: eventID, Target: strings.Join(ids, " ")}, nil, ids); err != nil {
			return err
		}
		at := fmtTime(s.now())
		for _, id := range ids {
			var n int
			if err := s.row(ctx, tx, `SELECT COUNT(*) FROM claims WHERE id = ?`, id).Scan(&n); err != nil {
				return err
			}
			if n == 0 {
				return notFound(fmt.Sprintf("%s: claim %s", op, id), "claim")
			}
			if _, err := s.exec(ctx, tx, `INSERT INTO pins (claim_id, event_id, pinned_by, pinned_at) VALUES (?, ?, ?, ?)
				ON CONFLICT (claim_id) DO UPDATE SET event_id = excluded.event_id,
				pinned_by = excluded.pinned_by, pinned_at = excluded.pinned_at`,
				id, eventID, by, at); err != nil {
				return err
			}
		}
		return nil
	})
}
