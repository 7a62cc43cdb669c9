package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/errs"
)

// Judgements is the part of the store that keeps analysts' judgements
// (notes, hypotheses, overrides, sign-offs) and each event's history
// (versioned assessments and the audit trail). Both implementations
// provide it; JudgementsOf returns it.
//
// Every write is one transaction that also appends an audit entry and a
// version of the event's assessment. Judgements are keyed by event id, and
// ReplaceFusion moves them (with the event's history) to the event that
// took over most of an event's claims when a fusion renames it, so they
// follow the event; an event merged into another keeps its own, linked to
// the other (EventLinks).
type Judgements interface {
	// AddNote stores a note on a claim, an event or an origin (of
	// n.EventID) and returns it with its id, author and time set.
	AddNote(ctx context.Context, n claim.Note) (claim.Note, error)
	Notes(ctx context.Context) ([]claim.Note, error) // by id
	// SetOverride records an analyst's status and likelihood for an event,
	// with a reason; an override with neither status nor likelihood clears it.
	SetOverride(ctx context.Context, eventID string, o claim.Override) error
	Overrides(ctx context.Context) (map[string]claim.Override, error) // in force, by event
	// SignOff signs the event's current computed assessment off as by.
	SignOff(ctx context.Context, eventID, by string) (claim.SignOff, error)
	SignOffs(ctx context.Context) (map[string]claim.SignOff, error) // latest, by event; Stale not set
	AddHypothesis(ctx context.Context, h claim.Hypothesis) (claim.Hypothesis, error)
	// MarkEvidence sets how one member claim of the hypothesis's event
	// bears on it; an empty mark removes the mark.
	MarkEvidence(ctx context.Context, hypothesisID int64, claimID string, m claim.Mark, by string) error
	Hypotheses(ctx context.Context) ([]claim.Hypothesis, error) // by id
	// History lists an event's versioned assessments, oldest first; all
	// events' (by event, then version) when eventID is "".
	History(ctx context.Context, eventID string) ([]claim.AssessmentVersion, error)
	// Audit lists the audit entries of an event, oldest first; all when
	// eventID is "".
	Audit(ctx context.Context, eventID string) ([]claim.AuditEntry, error)
	// EventLinks lists events merged into or split off others (lineage.go).
	EventLinks(ctx context.Context) ([]EventLink, error)
}

// JudgementsOf returns the Judgements side of a store opened by Open. ok
// is false only for other Store implementations that lack it.
func JudgementsOf(s Store) (j Judgements, ok bool) {
	j, ok = s.(Judgements)
	return j, ok
}

// MaxNote bounds a note, a hypothesis or a reason, in characters.
const MaxNote = 10000

// FusionBy is who the history names for a fusion run.
const FusionBy = "fusion"

// judgementTables hold rows keyed by event id that follow the event when
// a fusion renames it.
var judgementTables = []string{"notes", "overrides", "signoffs", "hypotheses", "assessment_versions", "audit"}

// text checks a required piece of an analyst's writing.
func text(op, what, s string) error {
	if strings.TrimSpace(s) == "" {
		return errs.E(errs.BadInput, op, what+" is required")
	}
	if n := utf8.RuneCountInString(s); n > MaxNote {
		return errs.E(errs.BadInput, op, fmt.Sprintf("%s is %d characters, more than %d", what, n, MaxNote))
	}
	if !utf8.ValidString(s) {
		return errs.E(errs.BadInput, op, what+" is not valid UTF-8")
	}
	return nil
}

// judge runs one analyst write on an event: write, then an audit entry
// (before and after as JSON) and a new version of the event's assessment,
// all in one case transaction.
func (s *sqlStore) judge(ctx context.Context, op, eventID, by, action, target string, write func(tx *sql.Tx) (before, after any, err error)) error {
	return s.judgeLater(ctx, op, &eventID, by, action, target, write)
}

// audit appends one audit entry; before and after are encoded as JSON
// unless nil (or already JSON: json.RawMessage).
func (s *sqlStore) audit(ctx context.Context, tx *sql.Tx, e claim.AuditEntry, before, after any) error {
	enc := func(v any) (string, error) {
		if v == nil {
			return "", nil
		}
		if raw, ok := v.(json.RawMessage); ok {
			return string(raw), nil
		}
		return marshal(v)
	}
	b, err := enc(before)
	if err != nil {
		return err
	}
	a, err := enc(after)
	if err != nil {
		return err
	}
	_, err = s.exec(ctx, tx, `INSERT INTO audit (event_id, at, author, action, target, before_doc, after_doc) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		nullString(e.EventID), fmtTime(s.now()), e.By, e.Action, e.Target, b, a)
	return err
}

// addVersion appends a version of an event's assessment.
func (s *sqlStore) addVersion(ctx context.Context, tx *sql.Tx, eventID, by, cause string, st claim.AssessmentState) error {
	state, err := marshal(&st)
	if err != nil {
		return err
	}
	_, err = s.exec(ctx, tx, `INSERT INTO assessment_versions (event_id, at, author, cause, state) VALUES (?, ?, ?, ?, ?)`,
		eventID, fmtTime(s.now()), by, cause, state)
	return err
}

// stateOf is what history tracks of an event: a nil assessment or event
// leaves its part empty.
func stateOf(ev *claim.Event, a *claim.Assessment, o *claim.Override, so *claim.SignOff) claim.AssessmentState {
	var st claim.AssessmentState
	if a != nil {
		st.Status, st.Likelihood, st.Probability, st.Admiralty = a.Status, a.Words, a.Probability, a.Admiralty
	}
	if ev != nil {
		st.Independent = ev.Independent
		for _, o := range ev.Origins {
			if len(o.EchoOf) == 0 && !slices.Contains(st.Origins, o.Who) {
				st.Origins = append(st.Origins, o.Who)
			}
		}
	}
	if o != nil {
		st.OverrideStatus, st.OverrideLikelihood = o.Status, o.Likelihood
	}
	if so != nil {
		st.SignedBy = so.By
	}
	return st
}

// stateNow reads an event's current state inside tx.
func (s *sqlStore) stateNow(ctx context.Context, tx *sql.Tx, eventID string) (claim.AssessmentState, error) {
	ev, err := eventTable.one(ctx, s, tx, eventID)
	if err != nil {
		return claim.AssessmentState{}, err
	}
	a, err := assessmentTable.one(ctx, s, tx, eventID)
	if err != nil {
		return claim.AssessmentState{}, err
	}
	o, err := txDoc[claim.Override](ctx, s, tx, `SELECT doc FROM overrides WHERE event_id = ? ORDER BY id DESC LIMIT 1`, eventID)
	if err != nil {
		return claim.AssessmentState{}, err
	}
	if o != nil && o.Status == "" && o.Likelihood == "" {
		o = nil
	}
	so, err := txDoc[claim.SignOff](ctx, s, tx, `SELECT doc FROM signoffs WHERE event_id = ? ORDER BY id DESC LIMIT 1`, eventID)
	if err != nil {
		return claim.AssessmentState{}, err
	}
	return stateOf(ev, a, o, so), nil
}

// txDoc reads at most one JSON document inside tx; nil when there is none.
func txDoc[T any](ctx context.Context, s *sqlStore, tx *sql.Tx, query string, args ...any) (*T, error) {
	var doc string
	err := s.row(ctx, tx, query, args...).Scan(&doc)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	v := new(T)
	if err := json.Unmarshal([]byte(doc), v); err != nil {
		return nil, fmt.Errorf("decode stored %T: %w", *v, err)
	}
	return v, nil
}

// eventExists fails with errs.NotFound unless the event is stored.
func (s *sqlStore) eventExists(ctx context.Context, tx *sql.Tx, op, eventID string) error {
	var n int
	if err := s.row(ctx, tx, `SELECT COUNT(*) FROM events WHERE id = ?`, eventID).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return notFound(op, "event "+eventID)
	}
	return nil
}

// AddNote stores a note. A claim note is filed under the claim's event;
// an origin note must name an origin of its event.
func (s *sqlStore) AddNote(ctx context.Context, n claim.Note) (claim.Note, error) {
	op := fmt.Sprintf("store: note on %s %s", n.Kind, n.Target)
	if !n.Kind.Valid() {
		return n, errs.E(errs.BadInput, op, fmt.Sprintf("unknown note kind %q: claim, event or origin", n.Kind))
	}
	if err := text(op, "the note", n.Text); err != nil {
		return n, err
	}
	if n.Kind == claim.NoteOnEvent {
		n.Target = n.EventID
	}
	if n.Target == "" {
		return n, errs.E(errs.BadInput, op, "the note names nothing to write on")
	}
	n.At = s.now().UTC()
	err := s.judgeLater(ctx, op, &n.EventID, n.By, "note", string(n.Kind)+" "+n.Target, func(tx *sql.Tx) (any, any, error) {
		switch n.Kind {
		case claim.NoteOnClaim:
			var ev sql.NullString
			err := s.row(ctx, tx, `SELECT event_id FROM claims WHERE id = ?`, n.Target).Scan(&ev)
			if errors.Is(err, sql.ErrNoRows) {
				return nil, nil, notFound(op, "claim")
			}
			if err != nil {
				return nil, nil, err
			}
			n.EventID = ev.String
		case claim.NoteOnEvent, claim.NoteOnOrigin:
			if n.EventID == "" {
				return nil, nil, errs.E(errs.BadInput, op, "the note names no event")
			}
			if err := s.eventExists(ctx, tx, op, n.EventID); err != nil {
				return nil, nil, err
			}
			if n.Kind == claim.NoteOnOrigin {
				ev, err := eventTable.one(ctx, s, tx, n.EventID)
				if err != nil {
					return nil, nil, err
				}
				if !slices.ContainsFunc(ev.Origins, func(o claim.Origin) bool { return o.Key == n.Target }) {
					return nil, nil, notFound(op, "origin "+n.Target+" of event "+n.EventID)
				}
			}
		}
		err := s.row(ctx, tx, `INSERT INTO notes (event_id, kind, target, body, author, written) VALUES (?, ?, ?, ?, ?, ?) RETURNING id`,
			nullString(n.EventID), string(n.Kind), n.Target, n.Text, n.By, fmtTime(n.At)).Scan(&n.ID)
		return nil, &n, err
	})
	return n, err
}

// judgeLater is judge for writes that learn their event inside the
// transaction (a claim note): *eventID is read after write ran.
func (s *sqlStore) judgeLater(ctx context.Context, op string, eventID *string, by, action, target string, write func(tx *sql.Tx) (before, after any, err error)) error {
	if strings.TrimSpace(by) == "" {
		return errs.E(errs.BadInput, op, "no analyst named")
	}
	return s.writeCase(ctx, op, func(tx *sql.Tx) error {
		before, after, err := write(tx)
		if err != nil {
			return err
		}
		if err := s.audit(ctx, tx, claim.AuditEntry{By: by, Action: action, EventID: *eventID, Target: target}, before, after); err != nil {
			return err
		}
		if *eventID == "" {
			return nil
		}
		st, err := s.stateNow(ctx, tx, *eventID)
		if err != nil {
			return err
		}
		return s.addVersion(ctx, tx, *eventID, by, action, st)
	})
}

// Notes lists every note by id.
func (s *sqlStore) Notes(ctx context.Context) ([]claim.Note, error) {
	const op = "store: list notes"
	rows, err := s.query(ctx, s.r, `SELECT id, event_id, kind, target, body, author, written FROM notes ORDER BY id`)
	if err != nil {
		return nil, s.fail(op, err)
	}
	defer rows.Close()
	var out []claim.Note
	for rows.Next() {
		var n claim.Note
		var ev sql.NullString
		var kind, at string
		if err := rows.Scan(&n.ID, &ev, &kind, &n.Target, &n.Text, &n.By, &at); err != nil {
			return nil, s.fail(op, err)
		}
		n.EventID, n.Kind = ev.String, claim.NoteKind(kind)
		if n.At, err = parseTime(at); err != nil {
			return nil, s.fail(op, err)
		}
		out = append(out, n)
	}
	return out, s.fail(op, rows.Err())
}

// SetOverride appends the event's override; the previous one is the audit
// entry's before.
func (s *sqlStore) SetOverride(ctx context.Context, eventID string, o claim.Override) error {
	op := fmt.Sprintf("store: override event %s", eventID)
	clear := o.Status == "" && o.Likelihood == ""
	if !clear {
		if err := text(op, "a reason", o.Reason); err != nil {
			return err
		}
	} else if len(o.Reason) > MaxNote {
		return errs.E(errs.BadInput, op, "the reason is too long")
	}
	if o.Status != "" && !o.Status.Valid() {
		return errs.E(errs.BadInput, op, fmt.Sprintf("unknown status %q", o.Status))
	}
	o.At = s.now().UTC()
	action := "override"
	if clear {
		action = "clear override"
	}
	return s.judge(ctx, op, eventID, o.By, action, eventID, func(tx *sql.Tx) (any, any, error) {
		if err := s.eventExists(ctx, tx, op, eventID); err != nil {
			return nil, nil, err
		}
		prev, err := txDoc[claim.Override](ctx, s, tx, `SELECT doc FROM overrides WHERE event_id = ? ORDER BY id DESC LIMIT 1`, eventID)
		if err != nil {
			return nil, nil, err
		}
		var before any
		if prev != nil && (prev.Status != "" || prev.Likelihood != "") {
			before = prev
		} else if clear {
			return nil, nil, errs.E(errs.BadInput, op, "the event has no override to clear")
		}
		doc, err := marshal(&o)
		if err != nil {
			return nil, nil, err
		}
		_, err = s.exec(ctx, tx, `INSERT INTO overrides (event_id, doc) VALUES (?, ?)`, eventID, doc)
		var after any = &o
		if clear {
			after = nil
		}
		return before, after, err
	})
}

// latest reads the newest document per event of an append-only table.
func latest[T any](ctx context.Context, s *sqlStore, q querier, table string) (map[string]T, error) {
	rows, err := s.query(ctx, q, `SELECT t.event_id, t.doc FROM `+table+` t
		WHERE t.id = (SELECT MAX(id) FROM `+table+` u WHERE u.event_id = t.event_id) ORDER BY t.event_id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]T{}
	for rows.Next() {
		var ev, doc string
		if err := rows.Scan(&ev, &doc); err != nil {
			return nil, err
		}
		var v T
		if err := json.Unmarshal([]byte(doc), &v); err != nil {
			return nil, fmt.Errorf("decode stored %T: %w", v, err)
		}
		out[ev] = v
	}
	return out, rows.Err()
}

// Overrides maps events to the override in force.
func (s *sqlStore) Overrides(ctx context.Context) (map[string]claim.Override, error) {
	m, err := latest[claim.Override](ctx, s, s.r, "overrides")
	for ev, o := range m {
		if o.Status == "" && o.Likelihood == "" {
			delete(m, ev)
		}
	}
	return m, s.fail("store: list overrides", err)
}

// SignOff signs off what the event's computed assessment says now.
func (s *sqlStore) SignOff(ctx context.Context, eventID, by string) (claim.SignOff, error) {
	op := fmt.Sprintf("store: sign off event %s", eventID)
	so := claim.SignOff{By: by, At: s.now().UTC()}
	err := s.judge(ctx, op, eventID, by, "sign-off", eventID, func(tx *sql.Tx) (any, any, error) {
		if err := s.eventExists(ctx, tx, op, eventID); err != nil {
			return nil, nil, err
		}
		a, err := assessmentTable.one(ctx, s, tx, eventID)
		if err != nil {
			return nil, nil, err
		}
		if a == nil {
			return nil, nil, errs.E(errs.Conflict, op, "the event has no assessment to sign off yet")
		}
		so.Status, so.Likelihood, so.Admiralty = a.Status, a.Words, a.Admiralty
		prev, err := txDoc[claim.SignOff](ctx, s, tx, `SELECT doc FROM signoffs WHERE event_id = ? ORDER BY id DESC LIMIT 1`, eventID)
		if err != nil {
			return nil, nil, err
		}
		doc, err := marshal(&so)
		if err != nil {
			return nil, nil, err
		}
		_, err = s.exec(ctx, tx, `INSERT INTO signoffs (event_id, doc) VALUES (?, ?)`, eventID, doc)
		var before any
		if prev != nil {
			before = prev
		}
		return before, &so, err
	})
	return so, err
}

// SignOffs maps events to their latest sign-off.
func (s *sqlStore) SignOffs(ctx context.Context) (map[string]claim.SignOff, error) {
	m, err := latest[claim.SignOff](ctx, s, s.r, "signoffs")
	return m, s.fail("store: list sign-offs", err)
}

// AddHypothesis stores an analyst's hypothesis about an event.
func (s *sqlStore) AddHypothesis(ctx context.Context, h claim.Hypothesis) (claim.Hypothesis, error) {
	op := fmt.Sprintf("store: hypothesis on event %s", h.EventID)
	if err := text(op, "the hypothesis", h.Text); err != nil {
		return h, err
	}
	h.At, h.Marks = s.now().UTC(), map[string]claim.Mark{}
	err := s.judge(ctx, op, h.EventID, h.By, "hypothesis", h.EventID, func(tx *sql.Tx) (any, any, error) {
		if err := s.eventExists(ctx, tx, op, h.EventID); err != nil {
			return nil, nil, err
		}
		err := s.row(ctx, tx, `INSERT INTO hypotheses (event_id, body, author, written) VALUES (?, ?, ?, ?) RETURNING id`,
			h.EventID, h.Text, h.By, fmtTime(h.At)).Scan(&h.ID)
		return nil, &h, err
	})
	return h, err
}

// MarkEvidence sets (or with an empty mark removes) one claim's mark on a
// hypothesis. The claim must be in the hypothesis's event.
func (s *sqlStore) MarkEvidence(ctx context.Context, hypothesisID int64, claimID string, m claim.Mark, by string) error {
	op := fmt.Sprintf("store: mark claim %s on hypothesis %d", claimID, hypothesisID)
	if m != "" && !m.Valid() {
		return errs.E(errs.BadInput, op, fmt.Sprintf("unknown mark %q: consistent, inconsistent or neutral", m))
	}
	// The event is read first (outside the write) only to name it in the
	// audit; the transaction checks it again.
	var eventID string
	err := s.row(ctx, s.r, `SELECT event_id FROM hypotheses WHERE id = ?`, hypothesisID).Scan(&eventID)
	if errors.Is(err, sql.ErrNoRows) {
		return notFound(op, "hypothesis")
	}
	if err != nil {
		return s.fail(op, err)
	}
	target := fmt.Sprintf("hypothesis %d claim %s", hypothesisID, claimID)
	return s.judge(ctx, op, eventID, by, "mark evidence", target, func(tx *sql.Tx) (any, any, error) {
		var ev sql.NullString
		err := s.row(ctx, tx, `SELECT event_id FROM claims WHERE id = ?`, claimID).Scan(&ev)
		if errors.Is(err, sql.ErrNoRows) {
			return nil, nil, notFound(op, "claim")
		}
		if err != nil {
			return nil, nil, err
		}
		if ev.String != eventID {
			return nil, nil, errs.E(errs.BadInput, op, fmt.Sprintf("claim %s is not in event %s", claimID, eventID))
		}
		var prev string
		err = s.row(ctx, tx, `SELECT mark FROM hypothesis_marks WHERE hypothesis_id = ? AND claim_id = ?`, hypothesisID, claimID).Scan(&prev)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return nil, nil, err
		}
		if m == "" {
			_, err = s.exec(ctx, tx, `DELETE FROM hypothesis_marks WHERE hypothesis_id = ? AND claim_id = ?`, hypothesisID, claimID)
		} else {
			_, err = s.exec(ctx, tx, `INSERT INTO hypothesis_marks (hypothesis_id, claim_id, mark, author, written) VALUES (?, ?, ?, ?, ?)
				ON CONFLICT (hypothesis_id, claim_id) DO UPDATE SET mark = excluded.mark, author = excluded.author, written = excluded.written`,
				hypothesisID, claimID, string(m), by, fmtTime(s.now()))
		}
		var before, after any
		if prev != "" {
			before = prev
		}
		if m != "" {
			after = string(m)
		}
		return before, after, err
	})
}

// Hypotheses lists every hypothesis by id, with its marks.
func (s *sqlStore) Hypotheses(ctx context.Context) ([]claim.Hypothesis, error) {
	const op = "store: list hypotheses"
	rows, err := s.query(ctx, s.r, `SELECT id, event_id, body, author, written FROM hypotheses ORDER BY id`)
	if err != nil {
		return nil, s.fail(op, err)
	}
	var out []claim.Hypothesis
	at := map[int64]int{}
	for rows.Next() {
		var h claim.Hypothesis
		var written string
		if err := rows.Scan(&h.ID, &h.EventID, &h.Text, &h.By, &written); err != nil {
			rows.Close()
			return nil, s.fail(op, err)
		}
		if h.At, err = parseTime(written); err != nil {
			rows.Close()
			return nil, s.fail(op, err)
		}
		h.Marks = map[string]claim.Mark{}
		at[h.ID] = len(out)
		out = append(out, h)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, s.fail(op, err)
	}
	rows, err = s.query(ctx, s.r, `SELECT hypothesis_id, claim_id, mark FROM hypothesis_marks`)
	if err != nil {
		return nil, s.fail(op, err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var c, m string
		if err := rows.Scan(&id, &c, &m); err != nil {
			return nil, s.fail(op, err)
		}
		if i, ok := at[id]; ok {
			out[i].Marks[c] = claim.Mark(m)
		}
	}
	return out, s.fail(op, rows.Err())
}

// History lists versions oldest first, numbered per event.
func (s *sqlStore) History(ctx context.Context, eventID string) ([]claim.AssessmentVersion, error) {
	const op = "store: history"
	q, args := `SELECT event_id, at, author, cause, state FROM assessment_versions ORDER BY event_id, id`, []any{}
	if eventID != "" {
		q, args = `SELECT event_id, at, author, cause, state FROM assessment_versions WHERE event_id = ? ORDER BY id`, []any{eventID}
	}
	rows, err := s.query(ctx, s.r, q, args...)
	if err != nil {
		return nil, s.fail(op, err)
	}
	defer rows.Close()
	var out []claim.AssessmentVersion
	n := map[string]int{}
	for rows.Next() {
		var v claim.AssessmentVersion
		var at, state string
		if err := rows.Scan(&v.EventID, &at, &v.By, &v.Cause, &state); err != nil {
			return nil, s.fail(op, err)
		}
		if v.At, err = parseTime(at); err != nil {
			return nil, s.fail(op, err)
		}
		if err := json.Unmarshal([]byte(state), &v.State); err != nil {
			return nil, s.fail(op, fmt.Errorf("decode stored assessment state: %w", err))
		}
		n[v.EventID]++
		v.Version = n[v.EventID]
		out = append(out, v)
	}
	return out, s.fail(op, rows.Err())
}

// Audit lists audit entries oldest first.
func (s *sqlStore) Audit(ctx context.Context, eventID string) ([]claim.AuditEntry, error) {
	const op = "store: audit"
	q, args := `SELECT id, event_id, at, author, action, target, before_doc, after_doc FROM audit ORDER BY id`, []any{}
	if eventID != "" {
		q, args = `SELECT id, event_id, at, author, action, target, before_doc, after_doc FROM audit WHERE event_id = ? ORDER BY id`, []any{eventID}
	}
	rows, err := s.query(ctx, s.r, q, args...)
	if err != nil {
		return nil, s.fail(op, err)
	}
	defer rows.Close()
	var out []claim.AuditEntry
	for rows.Next() {
		var e claim.AuditEntry
		var ev sql.NullString
		var at string
		if err := rows.Scan(&e.ID, &ev, &at, &e.By, &e.Action, &e.Target, &e.Before, &e.After); err != nil {
			return nil, s.fail(op, err)
		}
		e.EventID = ev.String
		if e.At, err = parseTime(at); err != nil {
			return nil, s.fail(op, err)
		}
		out = append(out, e)
	}
	return out, s.fail(op, rows.Err())
}

// followEvents runs inside ReplaceFusion before the old events are
// replaced. An event id that the new run no longer has either was renamed
// or was merged into another (lineage.go):
//
//   - renamed: the new event holding most of its claims (ties: the smaller
//     id) is one no event had before, and no other vanished event took it
//     first: the judgements and history are handed to it, with an audit
//     entry saying so;
//   - merged: that event existed before (or took another's identity in
//     this run): everything stays under the vanished id, and a link and an
//     audit entry on both say where it went.
//
// An event merged away that the new run has again (the merge undone) gets
// its own back, as nothing moved. A new event made of claims most of which
// were in an event that goes on was split off it: a link says so.
func (s *sqlStore) followEvents(ctx context.Context, tx *sql.Tx, f Fusion, by string) error {
	inNew := make(map[string]bool, len(f.Events))
	eventOf := map[string]string{} // claim id → new event
	for i := range f.Events {
		inNew[f.Events[i].ID] = true
		for _, m := range f.Events[i].Members {
			eventOf[m.ClaimID] = f.Events[i].ID
		}
	}
	before, err := s.column(ctx, tx, `SELECT id FROM events`)
	if err != nil {
		return err
	}
	existed := make(map[string]bool, len(before))
	for _, id := range before {
		existed[id] = true
	}
	// Only ids someone judged or that have history need following.
	ids, err := s.column(ctx, tx, `SELECT DISTINCT event_id FROM assessment_versions`)
	if err != nil {
		return err
	}
	var gone []string
	for _, id := range ids {
		if !inNew[id] {
			gone = append(gone, id)
		}
	}
	slices.Sort(gone)
	taken := map[string]bool{} // new ids that took a vanished event's identity
	for _, old := range gone {
		ev, err := eventTable.one(ctx, s, tx, old)
		if err != nil {
			return err
		}
		if ev == nil {
			continue // gone in an earlier run; its history stays under its id
		}
		overlap := map[string]int{}
		for _, m := range ev.Members {
			if to := eventOf[m.ClaimID]; to != "" {
				overlap[to]++
			}
		}
		to, best := most(overlap)
		if to == "" {
			continue
		}
		why := fmt.Sprintf("%d of its %d claims are now in %s", best, len(ev.Members), to)
		if existed[to] || taken[to] {
			if err := s.putLink(ctx, tx, EventLink{Kind: LinkMerged, Event: old, Other: to, Title: ev.Title, By: by, Why: why}); err != nil {
				return err
			}
			for _, e := range []claim.AuditEntry{{EventID: to, Action: "event merged in", Target: old}, {EventID: old, Action: "merged into", Target: to}} {
				e.By = by
				if err := s.audit(ctx, tx, e, old+": "+why, to); err != nil {
					return err
				}
			}
			continue
		}
		taken[to] = true
		for _, t := range judgementTables {
			if _, err := s.exec(ctx, tx, `UPDATE `+t+` SET event_id = ? WHERE event_id = ?`, to, old); err != nil {
				return err
			}
		}
		// What was merged into or split off the old id now points at the new.
		if _, err := s.exec(ctx, tx, `UPDATE event_links SET other_id = ? WHERE other_id = ?`, to, old); err != nil {
			return err
		}
		if err := s.audit(ctx, tx, claim.AuditEntry{By: by, Action: "event renamed", EventID: to, Target: old}, old+": "+why, to); err != nil {
			return err
		}
	}
	// Merged-away events that are back.
	merged, err := s.column(ctx, tx, `SELECT event_id FROM event_links WHERE kind = ?`, LinkMerged)
	if err != nil {
		return err
	}
	back := map[string]bool{} // merged-away events the new run has again
	for _, id := range merged {
		if !inNew[id] {
			continue
		}
		back[id] = true
		if _, err := s.exec(ctx, tx, `DELETE FROM event_links WHERE kind = ? AND event_id = ?`, LinkMerged, id); err != nil {
			return err
		}
		if err := s.audit(ctx, tx, claim.AuditEntry{By: by, Action: "event back", EventID: id, Target: id}, nil, nil); err != nil {
			return err
		}
	}
	// New events split off one that goes on.
	prev, err := s.pairs(ctx, tx, `SELECT id, event_id FROM claims WHERE event_id IS NOT NULL`)
	if err != nil {
		return err
	}
	for i := range f.Events {
		e := &f.Events[i]
		if existed[e.ID] || taken[e.ID] || back[e.ID] {
			continue
		}
		from := map[string]int{}
		for _, m := range e.Members {
			if p := prev[m.ClaimID]; p != "" && p != e.ID && inNew[p] {
				from[p]++
			}
		}
		src, best := most(from)
		if src == "" {
			continue
		}
		why := fmt.Sprintf("%d of its %d claims were in %s", best, len(e.Members), src)
		if err := s.putLink(ctx, tx, EventLink{Kind: LinkSplit, Event: e.ID, Other: src, Title: e.Title, By: by, Why: why}); err != nil {
			return err
		}
		if err := s.audit(ctx, tx, claim.AuditEntry{By: by, Action: "event split", EventID: src, Target: e.ID}, e.ID+": "+why, nil); err != nil {
			return err
		}
	}
	return nil
}

// most returns the id counted most often and its count, the smallest id
// among equals, so that the lineage a fusion records is deterministic.
func most(counts map[string]int) (string, int) {
	id, best := "", 0
	for k, n := range counts {
		if n > best || n == best && k < id {
			id, best = k, n
		}
	}
	return id, best
}

// column reads a query's one text column.
func (s *sqlStore) column(ctx context.Context, tx querier, q string, args ...any) ([]string, error) {
	rows, err := s.query(ctx, tx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// pairs reads a query's two text columns as a map from the first.
func (s *sqlStore) pairs(ctx context.Context, tx querier, q string, args ...any) (map[string]string, error) {
	rows, err := s.query(ctx, tx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return nil, err
		}
		out[k] = v
	}
	return out, rows.Err()
}

// recordFusion runs inside ReplaceFusion after the new run is written: a
// version and an audit entry for every event whose state changed (or is
// new).
func (s *sqlStore) recordFusion(ctx context.Context, tx *sql.Tx, f Fusion, by string) error {
	last := map[string]string{}
	rows, err := s.query(ctx, tx, `SELECT v.event_id, v.state FROM assessment_versions v
		WHERE v.id = (SELECT MAX(id) FROM assessment_versions u WHERE u.event_id = v.event_id)`)
	if err != nil {
		return err
	}
	for rows.Next() {
		var ev, st string
		if err := rows.Scan(&ev, &st); err != nil {
			rows.Close()
			return err
		}
		last[ev] = st
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	overrides, err := latest[claim.Override](ctx, s, tx, "overrides")
	if err != nil {
		return err
	}
	signs, err := latest[claim.SignOff](ctx, s, tx, "signoffs")
	if err != nil {
		return err
	}
	as := make(map[string]*claim.Assessment, len(f.Assessments))
	for i := range f.Assessments {
		as[f.Assessments[i].EventID] = &f.Assessments[i]
	}
	type change struct{ ev, before, after string }
	var changes []change
	for i := range f.Events {
		ev := &f.Events[i]
		var o *claim.Override
		if v, ok := overrides[ev.ID]; ok && (v.Status != "" || v.Likelihood != "") {
			o = &v
		}
		var so *claim.SignOff
		if v, ok := signs[ev.ID]; ok {
			so = &v
		}
		st := stateOf(ev, as[ev.ID], o, so)
		doc, err := marshal(&st)
		if err != nil {
			return err
		}
		if last[ev.ID] != doc {
			changes = append(changes, change{ev.ID, last[ev.ID], doc})
		}
	}
	at := fmtTime(s.now())
	if err := s.insertRows(ctx, tx, "assessment_versions", []string{"event_id", "at", "author", "cause", "state"}, len(changes), func(i int, a []any) {
		a[0], a[1], a[2], a[3], a[4] = changes[i].ev, at, by, "fusion", changes[i].after
	}); err != nil {
		return err
	}
	return s.insertRows(ctx, tx, "audit", []string{"event_id", "at", "author", "action", "target", "before_doc", "after_doc"}, len(changes), func(i int, a []any) {
		a[0], a[1], a[2], a[3], a[4], a[5], a[6] = changes[i].ev, at, by, "fusion", changes[i].ev, changes[i].before, changes[i].after
	})
}
