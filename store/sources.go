package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/errs"
)

// AddSource stores s unless a source with its content hash exists. On
// success s.ID is set to the stored id.
func (s *sqlStore) AddSource(ctx context.Context, src *claim.Source) (int64, bool, error) {
	added, err := s.AddSources(ctx, []*claim.Source{src})
	if err != nil {
		return 0, false, err
	}
	return added[0].ID, added[0].Existed, nil
}

// AddSources stores ss in one transaction: if any is invalid, none is
// stored. Each stored source's ID is set.
func (s *sqlStore) AddSources(ctx context.Context, ss []*claim.Source) ([]Added, error) {
	const op = "store: add sources"
	for i, src := range ss {
		if err := src.Validate(); err != nil {
			return nil, errs.E(errs.BadInput, op, fmt.Errorf("source %d (%s): %w", i, src.Name, err))
		}
	}
	out := make([]Added, len(ss))
	err := s.writeCase(ctx, op, func(tx *sql.Tx) error {
		for i, src := range ss {
			a, err := s.addSource(ctx, tx, src)
			if err != nil {
				return fmt.Errorf("source %s: %w", src.Name, err)
			}
			out[i] = a
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for i, src := range ss {
		src.ID = out[i].ID
	}
	return out, nil
}

func (s *sqlStore) addSource(ctx context.Context, tx *sql.Tx, src *claim.Source) (Added, error) {
	doc, err := marshal(src)
	if err != nil {
		return Added{}, err
	}
	raw := src.Raw
	if raw == nil {
		raw = []byte{} // NOT NULL in spirit: "no bytes" is not "unknown bytes"
	}
	// ON CONFLICT DO NOTHING returns no row for a duplicate; that is the
	// de-duplication, race-free even with concurrent PostgreSQL writers.
	var id int64
	err = s.row(ctx, tx, `INSERT INTO sources (name, content_hash, raw, doc) VALUES (?, ?, ?, ?)
		ON CONFLICT (content_hash) DO NOTHING RETURNING id`,
		src.Name, src.ContentHash, raw, doc).Scan(&id)
	if err == nil {
		return Added{ID: id}, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return Added{}, err
	}
	if err := s.row(ctx, tx, `SELECT id FROM sources WHERE content_hash = ?`, src.ContentHash).Scan(&id); err != nil {
		return Added{}, err
	}
	return Added{ID: id, Existed: true}, nil
}

// Source returns the source with its raw bytes.
func (s *sqlStore) Source(ctx context.Context, id int64) (*claim.Source, error) {
	return s.oneSource(ctx, s.r, fmt.Sprintf("store: source %d", id), `WHERE id = ?`, id)
}

// SourceByName returns the most recently added source called name: a file
// ingested again after it changed is found in its latest form.
func (s *sqlStore) SourceByName(ctx context.Context, name string) (*claim.Source, error) {
	return s.oneSource(ctx, s.r, fmt.Sprintf("store: source %q", name), `WHERE name = ? ORDER BY id DESC LIMIT 1`, name)
}

func (s *sqlStore) oneSource(ctx context.Context, q querier, op, where string, arg any) (*claim.Source, error) {
	var (
		src claim.Source
		id  int64
		raw []byte
		doc string
	)
	err := s.row(ctx, q, `SELECT id, raw, doc FROM sources `+where, arg).Scan(&id, &raw, &doc)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound(op, "source")
	}
	if err != nil {
		return nil, s.fail(op, err)
	}
	if err := json.Unmarshal([]byte(doc), &src); err != nil {
		return nil, s.fail(op, fmt.Errorf("decode stored source: %w", err))
	}
	src.ID, src.Raw = id, raw
	return &src, nil
}

// Sources lists sources by id, without their raw bytes.
func (s *sqlStore) Sources(ctx context.Context, page Page) ([]*claim.Source, error) {
	const op = "store: list sources"
	query, args := paged(`SELECT id, doc FROM sources ORDER BY id`, nil, page)
	rows, err := s.query(ctx, s.r, query, args...)
	if err != nil {
		return nil, s.fail(op, err)
	}
	defer rows.Close()
	var out []*claim.Source
	for rows.Next() {
		var (
			src claim.Source
			id  int64
			doc string
		)
		if err := rows.Scan(&id, &doc); err != nil {
			return nil, s.fail(op, err)
		}
		if err := json.Unmarshal([]byte(doc), &src); err != nil {
			return nil, s.fail(op, fmt.Errorf("decode stored source %d: %w", id, err))
		}
		src.ID = id
		out = append(out, &src)
	}
	if err := rows.Err(); err != nil {
		return nil, s.fail(op, err)
	}
	return out, nil
}

// CountSources returns the number of stored sources.
func (s *sqlStore) CountSources(ctx context.Context) (int, error) {
	var n int
	if err := s.row(ctx, s.r, `SELECT COUNT(*) FROM sources`).Scan(&n); err != nil {
		return 0, s.fail("store: count sources", err)
	}
	return n, nil
}

// paged appends LIMIT/OFFSET for page to query.
func paged(query string, args []any, page Page) (string, []any) {
	if page.Limit <= 0 && page.Offset <= 0 {
		return query, args
	}
	limit := int64(page.Limit)
	if limit <= 0 {
		limit = math.MaxInt64 // both dialects need a LIMIT before OFFSET
	}
	return query + ` LIMIT ? OFFSET ?`, append(args, limit, max(page.Offset, 0))
}
