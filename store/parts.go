package store

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/errs"
)

// Events and assessments grow with the claims they hold: one event of a
// case where thousands of sources relay the same statements has tens of
// thousands of members, mentions and figures. Stored as one JSON document,
// such an event passed the databases' limit on one value (1 GB in SQLite
// and PostgreSQL) and failed the whole fusion. So each is stored split: a
// head row (the document with its long lists left out) and part rows, each
// holding a run of one list's elements of at most about partBytes. No
// stored value then grows with the event; reading joins them back, so
// callers see whole values.
//
// A head written before the split (schema version 4 and earlier) holds its
// lists itself and has no parts; it reads unchanged.

// partBytes is the size a part row is filled to; one element larger than
// it gets a row of its own.
const partBytes = 64 << 10

// list is one long list field of a document type D, split into parts.
type list[D any] struct {
	name string
	// split encodes the list's elements in runs of about partBytes (each
	// a JSON array) and reports whether it had any; take clears it.
	split func(d *D) ([]string, error)
	take  func(d *D)
	// join appends one stored run to the list.
	join func(d *D, run string) error
}

// listOf builds the list for the field field returns.
func listOf[D, T any](name string, field func(d *D) *[]T) list[D] {
	return list[D]{
		name: name,
		split: func(d *D) ([]string, error) {
			var runs []string
			var b bytes.Buffer
			flush := func() {
				if b.Len() > 0 {
					b.WriteByte(']')
					runs = append(runs, b.String())
					b.Reset()
				}
			}
			xs := *field(d)
			for i := range xs {
				e, err := json.Marshal(&xs[i])
				if err != nil {
					return nil, fmt.Errorf("encode %s %d: %w", name, i, err)
				}
				if b.Len() > 0 && b.Len()+len(e) > partBytes {
					flush()
				}
				if b.Len() == 0 {
					b.WriteByte('[')
				} else {
					b.WriteByte(',')
				}
				b.Write(e)
			}
			flush()
			return runs, nil
		},
		take: func(d *D) {
			// An empty (non-nil) list stays in the head, so that it reads
			// back as empty rather than absent.
			if f := field(d); len(*f) > 0 {
				*f = nil
			}
		},
		join: func(d *D, run string) error {
			var xs []T
			if err := json.Unmarshal([]byte(run), &xs); err != nil {
				return fmt.Errorf("decode stored %s: %w", name, err)
			}
			f := field(d)
			*f = append(*f, xs...)
			return nil
		},
	}
}

// splitTable describes how one document type is stored split.
type splitTable[D any] struct {
	heads, parts string // tables: heads (key, doc), parts (key, seq, part, doc)
	key          string // the key column of both
	keyOf        func(d *D) string
	lists        []list[D]
}

var eventTable = splitTable[claim.Event]{
	heads: "events", parts: "event_parts", key: "id",
	keyOf: func(e *claim.Event) string { return e.ID },
	lists: []list[claim.Event]{
		listOf("members", func(e *claim.Event) *[]claim.Member { return &e.Members }),
		listOf("figures", func(e *claim.Event) *[]claim.FigureSet { return &e.Figures }),
		listOf("contradictions", func(e *claim.Event) *[]claim.Contradiction { return &e.Contradictions }),
		listOf("origins", func(e *claim.Event) *[]claim.Origin { return &e.Origins }),
		listOf("places", func(e *claim.Event) *[]claim.EventPlace { return &e.Places }),
		listOf("times", func(e *claim.Event) *[]claim.TimeMention { return &e.Times }),
		listOf("copies", func(e *claim.Event) *[]claim.Copy { return &e.Copies }),
	},
}

var assessmentTable = splitTable[claim.Assessment]{
	heads: "assessments", parts: "assessment_parts", key: "event_id",
	keyOf: func(a *claim.Assessment) string { return a.EventID },
	lists: []list[claim.Assessment]{
		listOf("reasons", func(a *claim.Assessment) *[]claim.Reason { return &a.Reasons }),
		listOf("sources", func(a *claim.Assessment) *[]claim.SourceGrade { return &a.Sources }),
		listOf("claims", func(a *claim.Assessment) *[]claim.ClaimGrade { return &a.Claims }),
	},
}

// partRow is one stored run of a list.
type partRow struct {
	key, part string
	seq       int
	doc       string
}

// replace makes ds the stored documents of t, in tx. Keys must be
// non-empty and distinct (a repeated key fails on the primary key). Each
// head row keeps the SHA-256 of what it stores (head and parts): unless
// whole is set, a document whose digest is stored already is left as it
// is, so a fusion that changed a few events writes a few rows, and the
// stored bytes are the same as a rewrite of every row. It returns whether
// the stored set changed at all.
func (t *splitTable[D]) replace(ctx context.Context, s *sqlStore, tx *sql.Tx, op string, ds []D, whole bool) (bool, error) {
	keys := make([]string, len(ds))
	heads := make([]string, len(ds))
	digests := make([]string, len(ds))
	parts := make([][]partRow, len(ds))
	for i := range ds {
		d := ds[i] // a shallow copy: take clears the copy's lists, not the caller's
		if keys[i] = t.keyOf(&d); keys[i] == "" {
			return false, errs.E(errs.BadInput, op, fmt.Sprintf("%s row %d has no %s", t.heads, i, t.key))
		}
		h := sha256.New()
		seq := 0
		for _, l := range t.lists {
			runs, err := l.split(&d)
			if err != nil {
				return false, fmt.Errorf("%s %s: %w", t.heads, keys[i], err)
			}
			for _, r := range runs {
				parts[i] = append(parts[i], partRow{key: keys[i], part: l.name, seq: seq, doc: r})
				fmt.Fprintf(h, "%s\x00%d\x00%d\x00%s", l.name, seq, len(r), r)
				seq++
			}
			l.take(&d)
		}
		var err error
		if heads[i], err = marshal(&d); err != nil {
			return false, err
		}
		h.Write([]byte(heads[i]))
		digests[i] = hex.EncodeToString(h.Sum(nil))
	}
	stored := map[string]string{}
	if !whole {
		var err error
		if stored, err = s.digests(ctx, tx, t.heads, t.key); err != nil {
			return false, err
		}
	}
	var dropped []string // stored keys to delete: gone, or changed
	var written []int    // indices of ds to write
	inNew := make(map[string]bool, len(ds))
	for i, k := range keys {
		if inNew[k] {
			return false, errs.E(errs.BadInput, op, fmt.Sprintf("%s %s given twice", t.heads, k))
		}
		inNew[k] = true
		d, ok := stored[k]
		if ok && d != "" && d == digests[i] {
			continue
		}
		if ok {
			dropped = append(dropped, k)
		}
		written = append(written, i)
	}
	for k := range stored {
		if !inNew[k] {
			dropped = append(dropped, k)
		}
	}
	slices.Sort(dropped)
	if whole || len(dropped) > len(stored)/2 {
		// Most rows change (or the caller asked for a full write):
		// deleting everything is the cheaper statement.
		written = written[:0]
		for i := range ds {
			written = append(written, i)
		}
		for _, table := range []string{t.parts, t.heads} {
			if _, err := tx.ExecContext(ctx, `DELETE FROM `+table); err != nil {
				return false, err
			}
		}
	} else {
		for _, table := range []string{t.parts, t.heads} {
			if err := s.execEach(ctx, tx, `DELETE FROM `+table+` WHERE `+t.key+` = ?`, dropped); err != nil {
				return false, err
			}
		}
	}
	if err := s.insertRows(ctx, tx, t.heads, []string{t.key, "doc", "digest"}, len(written), func(j int, a []any) {
		i := written[j]
		a[0], a[1], a[2] = keys[i], heads[i], digests[i]
	}); err != nil {
		return false, err
	}
	var rows []partRow
	for _, i := range written {
		rows = append(rows, parts[i]...)
	}
	err := s.insertRows(ctx, tx, t.parts, []string{t.key, "seq", "part", "doc"}, len(rows), func(i int, a []any) {
		p := &rows[i]
		a[0], a[1], a[2], a[3] = p.key, p.seq, p.part, p.doc
	})
	return len(dropped) > 0 || len(written) > 0, err
}

// digests reads the stored digest of every row of a head table by key.
func (s *sqlStore) digests(ctx context.Context, q querier, table, key string) (map[string]string, error) {
	return s.pairs(ctx, q, `SELECT `+key+`, digest FROM `+table)
}

// execEach runs the one-argument statement query once for each of args.
func (s *sqlStore) execEach(ctx context.Context, tx *sql.Tx, query string, args []string) error {
	if len(args) == 0 {
		return nil
	}
	stmt, err := tx.PrepareContext(ctx, s.q(query))
	if err != nil {
		return err
	}
	defer stmt.Close()
	for _, a := range args {
		if _, err := stmt.ExecContext(ctx, a); err != nil {
			return err
		}
	}
	return nil
}

// read returns the documents of t by key, whole: all of them, or the one
// with key key when one is given. Heads and parts are read in one
// statement, so that a fusion committing meanwhile cannot mix two runs.
func (t *splitTable[D]) read(ctx context.Context, s *sqlStore, key ...string) ([]D, error) {
	return t.readIn(ctx, s, s.r, key...)
}

// readIn is read on q, a transaction's view or the store's reader.
func (t *splitTable[D]) readIn(ctx context.Context, s *sqlStore, q querier, key ...string) ([]D, error) {
	where, args := "", []any(nil)
	if len(key) > 0 {
		where, args = " WHERE "+t.key+" = ?", []any{key[0], key[0]}
	}
	// A head sorts before its parts (seq -1); parts keep their order.
	query := `SELECT ` + t.key + ` AS k, -1 AS seq, '' AS part, doc FROM ` + t.heads + where +
		` UNION ALL SELECT ` + t.key + `, seq, part, doc FROM ` + t.parts + where +
		` ORDER BY k, seq`
	rows, err := s.query(ctx, q, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	byName := make(map[string]list[D], len(t.lists))
	for _, l := range t.lists {
		byName[l.name] = l
	}
	var (
		out  []D
		last string
	)
	for rows.Next() {
		var p partRow
		if err := rows.Scan(&p.key, &p.seq, &p.part, &p.doc); err != nil {
			return nil, err
		}
		if p.seq < 0 {
			var d D
			if err := json.Unmarshal([]byte(p.doc), &d); err != nil {
				return nil, fmt.Errorf("decode stored %T %s: %w", d, p.key, err)
			}
			out, last = append(out, d), p.key
			continue
		}
		l, ok := byName[p.part]
		if !ok || len(out) == 0 || last != p.key {
			// Parts without their head, or of a list this build does not
			// know: a store written by a newer build, not to be misread.
			return nil, fmt.Errorf("%s %s: stored part %q (%d) has no place", t.heads, p.key, p.part, p.seq)
		}
		if err := l.join(&out[len(out)-1], p.doc); err != nil {
			return nil, fmt.Errorf("%s %s: %w", t.heads, p.key, err)
		}
	}
	return out, rows.Err()
}

// one reads the document with key key in tx, whole; nil if there is none.
func (t *splitTable[D]) one(ctx context.Context, s *sqlStore, tx *sql.Tx, key string) (*D, error) {
	ds, err := t.readIn(ctx, s, tx, key)
	if err != nil || len(ds) == 0 {
		return nil, err
	}
	return &ds[0], nil
}
