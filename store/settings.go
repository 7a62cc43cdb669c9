package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/triangulate/triangulate/errs"
)

// Settings are a case's own settings: every door that fuses (the CLI, the
// web workspace, uploads, watched feeds) reads them from the store, so a
// case keeps its grading whoever touches it. Each write is a new version;
// old versions stay, so an assessment can name the settings it was made with.
type Settings struct {
	// Version counts the writes (0: never set, the defaults); Revision is
	// the case revision the version was written at. Both are set by the store.
	Version  int   `json:"-"`
	Revision int64 `json:"-"`
	// Organisation names who keeps the case (reports and exports credit it).
	Organisation string `json:"organisation,omitempty"`
	// Packs are the knowledge pack directories the case is read with, on
	// top of the embedded default, in order, with the hash of their content
	// when last used.
	Packs []PackRef `json:"packs,omitempty"`
	// Grading overrides the grading defaults: a JSON object in the format of
	// a --grading file (assess.Overrides). Empty: the defaults.
	Grading json.RawMessage `json:"grading,omitempty"`
	// By and At say who wrote the version, and when.
	By string    `json:"by,omitempty"`
	At time.Time `json:"at"`
}

// PackRef is one knowledge pack in use: a directory and the SHA-256 of its
// files, or "default" and the hash of the embedded default packs.
type PackRef struct {
	Dir  string `json:"dir"`
	Hash string `json:"hash"`
}

// Settings returns the case's current settings; a case never configured
// gets zero Settings (Version 0).
func (s *sqlStore) Settings(ctx context.Context) (Settings, error) {
	return s.settings(ctx, s.r, `SELECT version, revision, doc FROM settings ORDER BY version DESC LIMIT 1`)
}

// SettingsVersion returns one version of the settings, as an assessment
// made with it names it.
func (s *sqlStore) SettingsVersion(ctx context.Context, version int) (Settings, error) {
	st, err := s.settings(ctx, s.r, `SELECT version, revision, doc FROM settings WHERE version = ?`, version)
	if err == nil && st.Version == 0 && version != 0 {
		return st, notFound(fmt.Sprintf("store: settings version %d", version), "settings version")
	}
	return st, err
}

func (s *sqlStore) settings(ctx context.Context, q querier, query string, args ...any) (Settings, error) {
	var (
		st  Settings
		doc string
	)
	err := s.row(ctx, q, query, args...).Scan(&st.Version, &st.Revision, &doc)
	if errors.Is(err, sql.ErrNoRows) {
		return Settings{}, nil
	}
	if err != nil {
		return Settings{}, s.fail("store: settings", err)
	}
	v, r := st.Version, st.Revision
	if err := json.Unmarshal([]byte(doc), &st); err != nil {
		return Settings{}, s.fail("store: settings", fmt.Errorf("decode stored settings: %w", err))
	}
	st.Version, st.Revision = v, r
	return st, nil
}

// PutSettings stores st as the next version. st.Version must be the
// version it was read at (optimistic concurrency, errs.Conflict otherwise);
// on success st holds the stored version and revision. Settings feed
// fusion, so the case's events count as stale until it runs again.
func (s *sqlStore) PutSettings(ctx context.Context, st *Settings) error {
	const op = "store: put settings"
	if len(st.Grading) > 0 && !json.Valid(st.Grading) {
		return errs.E(errs.BadInput, op, "grading is not JSON")
	}
	next := *st
	if next.At.IsZero() {
		next.At = s.now().UTC()
	}
	doc, err := marshal(&next)
	if err != nil {
		return err
	}
	err = s.writeCase(ctx, op, func(tx *sql.Tx) error {
		cur, err := s.settings(ctx, tx, `SELECT version, revision, doc FROM settings ORDER BY version DESC LIMIT 1`)
		if err != nil {
			return err
		}
		if cur.Version != st.Version {
			return errs.E(errs.Conflict, op, fmt.Sprintf(
				"settings were changed by someone else (stored version %d, change made on version %d): reload and retry",
				cur.Version, st.Version))
		}
		var rev int64
		if err := s.row(ctx, tx, `SELECT n FROM revision WHERE id = 1`).Scan(&rev); err != nil {
			return err
		}
		// writeCase bumps the revision once this function returns.
		next.Version, next.Revision = cur.Version+1, rev+1
		if _, err := s.exec(ctx, tx, `INSERT INTO settings (version, revision, doc, written) VALUES (?, ?, ?, ?)`,
			next.Version, next.Revision, doc, fmtTime(next.At)); err != nil {
			if s.d.isConstraint(err) { // another writer took the version first
				return errs.E(errs.Conflict, op, "settings were changed by someone else: reload and retry")
			}
			return err
		}
		return s.markInputs(ctx, tx)
	})
	if err != nil {
		return err
	}
	*st = next
	return nil
}
