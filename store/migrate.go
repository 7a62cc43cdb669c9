package store

import (
	"context"
	"database/sql"
	"fmt"
)

// A migration moves the schema from version-1 to version. Its statements use
// three type tokens that each dialect fills in:
//
//	{{identity}}  an auto-assigned 64-bit integer primary key
//	{{blob}}      raw bytes (BLOB, BYTEA)
//	{{key}}       text compared byte by byte (PostgreSQL: COLLATE "C"), so
//	              listings come out in the same order from both backends
//	{{without_rowid}}  after a table keyed by its primary key alone: SQLite
//	              then keeps one b-tree instead of a table and an index
type migration struct {
	version int
	name    string
	stmts   []string
	// then, when set, runs after the statements in the same transaction:
	// for what SQL alone cannot move portably.
	then func(s *sqlStore, ctx context.Context, tx *sql.Tx) error
}

// migrations is the ordered schema history, shared by both dialects. Never
// edit an applied migration: append a new one. Each is applied in its own
// transaction together with its row in schema_migrations, so a crash leaves
// the schema at a whole version.
//
// Key columns (ids, foreign keys, what listings filter and sort on) are real
// columns; the rest of a claim, event, assessment or signal is a JSON
// document in a doc column, decoded into the claim package's types. Times
// are fixed-width UTC text (see timeLayout).
var migrations = []migration{
	{1, "initial schema", []string{
		`CREATE TABLE sources (
			id {{identity}},
			name {{key}} NOT NULL,
			content_hash {{key}} NOT NULL UNIQUE,
			raw {{blob}},
			doc TEXT NOT NULL
		)`,
		`CREATE INDEX sources_name ON sources (name)`,
		`CREATE TABLE claims (
			id {{key}} PRIMARY KEY,
			source_id BIGINT NOT NULL REFERENCES sources (id),
			start_off BIGINT NOT NULL,
			end_off BIGINT NOT NULL,
			action {{key}} NOT NULL,
			event_id {{key}},
			version BIGINT NOT NULL,
			edited BOOLEAN NOT NULL,
			rejected BOOLEAN NOT NULL,
			doc TEXT NOT NULL
		)`,
		`CREATE INDEX claims_order ON claims (source_id, start_off, id)`,
		`CREATE INDEX claims_event ON claims (event_id)`,
		`CREATE TABLE edits (
			claim_id {{key}} NOT NULL,
			version BIGINT NOT NULL,
			edited_by TEXT NOT NULL,
			edited_at TEXT NOT NULL,
			before_doc TEXT NOT NULL,
			after_doc TEXT NOT NULL,
			PRIMARY KEY (claim_id, version)
		)`,
		`CREATE TABLE events (
			id {{key}} PRIMARY KEY,
			doc TEXT NOT NULL
		)`,
		`CREATE TABLE pins (
			claim_id {{key}} PRIMARY KEY, -- no foreign key: a pin outlives re-extraction
			event_id {{key}} NOT NULL,
			pinned_by TEXT NOT NULL,
			pinned_at TEXT NOT NULL
		)`,
		`CREATE TABLE assessments (
			event_id {{key}} PRIMARY KEY,
			doc TEXT NOT NULL
		)`,
		`CREATE TABLE signals (
			id {{key}} PRIMARY KEY,
			kind {{key}} NOT NULL,
			claim_id {{key}},
			doc TEXT NOT NULL
		)`,
		`CREATE TABLE series (
			dataset {{key}} NOT NULL,
			origin {{key}} NOT NULL,
			dest {{key}} NOT NULL,
			day {{key}} NOT NULL,
			flights BIGINT NOT NULL,
			missing BOOLEAN NOT NULL,
			PRIMARY KEY (dataset, origin, dest, day)
		){{without_rowid}}`,
		`CREATE TABLE users (
			name {{key}} PRIMARY KEY,
			password_hash TEXT NOT NULL,
			role TEXT NOT NULL,
			created TEXT NOT NULL
		)`,
		`CREATE TABLE sessions (
			token {{key}} PRIMARY KEY,
			user_name {{key}} NOT NULL REFERENCES users (name) ON DELETE CASCADE,
			csrf TEXT NOT NULL,
			expires TEXT NOT NULL
		)`,
		`CREATE TABLE tokens (
			hash {{key}} PRIMARY KEY,
			user_name {{key}} NOT NULL REFERENCES users (name) ON DELETE CASCADE,
			name TEXT NOT NULL,
			created TEXT NOT NULL
		)`,
		`CREATE TABLE watches (
			url {{key}} PRIMARY KEY,
			etag TEXT NOT NULL,
			last_modified TEXT NOT NULL,
			last_polled TEXT NOT NULL,
			failures BIGINT NOT NULL,
			next_poll TEXT NOT NULL
		)`,
		`CREATE TABLE seen (
			user_name {{key}} PRIMARY KEY,
			seen_at TEXT NOT NULL
		)`,
	}, nil},
	{2, "case revision", []string{
		// One row counting the writes to the case, so that readers holding a
		// computed view can tell cheaply whether anything changed.
		`CREATE TABLE revision (
			id INTEGER PRIMARY KEY,
			n BIGINT NOT NULL
		)`,
		`INSERT INTO revision (id, n) VALUES (1, 0)`,
	}, nil},
	{3, "case settings and fusion marks", []string{
		// Each version of the case's settings, never overwritten, with the
		// case revision it was written at (settings.go).
		`CREATE TABLE settings (
			version BIGINT PRIMARY KEY,
			revision BIGINT NOT NULL,
			doc TEXT NOT NULL,
			written TEXT NOT NULL
		)`,
		// inputs counts the writes to what fusion reads (claims, pins,
		// signals, settings); fused is its value when the stored events and
		// assessments were computed (fusion.go).
		`ALTER TABLE revision ADD COLUMN inputs BIGINT NOT NULL DEFAULT 0`,
		`ALTER TABLE revision ADD COLUMN fused BIGINT NOT NULL DEFAULT 0`,
	}, nil},
	{4, "flight series one row per route", []string{
		// One row per dataset and route, its days encoded in counts
		// (series.go); the totals serve listings without decoding.
		`CREATE TABLE route_series (
			dataset {{key}} NOT NULL,
			origin {{key}} NOT NULL,
			dest {{key}} NOT NULL,
			first_day {{key}} NOT NULL,
			days BIGINT NOT NULL,
			flights BIGINT NOT NULL,
			missing BIGINT NOT NULL,
			counts {{blob}} NOT NULL,
			PRIMARY KEY (dataset, origin, dest)
		){{without_rowid}}`,
	}, (*sqlStore).convertSeries},
	{5, "events and assessments stored in parts", []string{
		// An event's long lists (members, figures, origins, mentions …) and
		// an assessment's grades, in runs of bounded size (parts.go), so
		// that no stored value grows with the event.
		`CREATE TABLE event_parts (
			id {{key}} NOT NULL,
			seq BIGINT NOT NULL,
			part {{key}} NOT NULL,
			doc TEXT NOT NULL,
			PRIMARY KEY (id, seq)
		)`,
		`CREATE TABLE assessment_parts (
			event_id {{key}} NOT NULL,
			seq BIGINT NOT NULL,
			part {{key}} NOT NULL,
			doc TEXT NOT NULL,
			PRIMARY KEY (event_id, seq)
		)`,
	}, nil},
	{10, "judgements and history", []string{
		// Analysts' judgements, keyed by event id (ReplaceFusion moves them
		// when a fusion renames an event: judgements.go). Overrides and
		// sign-offs are append-only: the newest row per event is in force.
		`CREATE TABLE notes (
			id {{identity}},
			event_id {{key}},
			kind {{key}} NOT NULL,
			target {{key}} NOT NULL,
			body TEXT NOT NULL,
			author TEXT NOT NULL,
			written TEXT NOT NULL
		)`,
		`CREATE INDEX notes_event ON notes (event_id)`,
		`CREATE TABLE overrides (
			id {{identity}},
			event_id {{key}} NOT NULL,
			doc TEXT NOT NULL
		)`,
		`CREATE INDEX overrides_event ON overrides (event_id, id)`,
		`CREATE TABLE signoffs (
			id {{identity}},
			event_id {{key}} NOT NULL,
			doc TEXT NOT NULL
		)`,
		`CREATE INDEX signoffs_event ON signoffs (event_id, id)`,
		`CREATE TABLE hypotheses (
			id {{identity}},
			event_id {{key}} NOT NULL,
			body TEXT NOT NULL,
			author TEXT NOT NULL,
			written TEXT NOT NULL
		)`,
		`CREATE INDEX hypotheses_event ON hypotheses (event_id)`,
		`CREATE TABLE hypothesis_marks (
			hypothesis_id BIGINT NOT NULL REFERENCES hypotheses (id),
			claim_id {{key}} NOT NULL,
			mark {{key}} NOT NULL,
			author TEXT NOT NULL,
			written TEXT NOT NULL,
			PRIMARY KEY (hypothesis_id, claim_id)
		)`,
		// Each event's versioned assessment (state: claim.AssessmentState
		// as JSON) and the audit trail of every fusion and analyst action.
		`CREATE TABLE assessment_versions (
			id {{identity}},
			event_id {{key}} NOT NULL,
			at TEXT NOT NULL,
			author TEXT NOT NULL,
			cause TEXT NOT NULL,
			state TEXT NOT NULL
		)`,
		`CREATE INDEX assessment_versions_event ON assessment_versions (event_id, id)`,
		`CREATE TABLE audit (
			id {{identity}},
			event_id {{key}},
			at TEXT NOT NULL,
			author TEXT NOT NULL,
			action TEXT NOT NULL,
			target TEXT NOT NULL,
			before_doc TEXT NOT NULL,
			after_doc TEXT NOT NULL
		)`,
		`CREATE INDEX audit_event ON audit (event_id, id)`,
	}, nil},
	{30, "analysts' merges of events and origins", []string{
		// One row per merged-away event or origin: fusion sends what it
		// computes under from_key to into_key (merges.go). Keys are not
		// foreign keys: events and origins are recomputed by every fusion
		// run, and a merge outlives them.
		`CREATE TABLE merges (
			kind {{key}} NOT NULL,
			from_key {{key}} NOT NULL,
			into_key {{key}} NOT NULL,
			merged_by TEXT NOT NULL,
			merged_at TEXT NOT NULL,
			PRIMARY KEY (kind, from_key)
		)`,
	}, nil},
	{31, "fusion digests", []string{
		// Each stored event and assessment keeps the SHA-256 of what it
		// stores (head and parts), so that a fusion rewrites only the rows
		// whose value changed (parts.go). An empty digest never matches:
		// rows from before are rewritten by the next fusion.
		`ALTER TABLE events ADD COLUMN digest TEXT NOT NULL DEFAULT ''`,
		`ALTER TABLE assessments ADD COLUMN digest TEXT NOT NULL DEFAULT ''`,
	}, nil},
	{32, "events merged away and split off", []string{
		// An event's lineage (lineage.go): kind "merged", event_id vanished
		// into other_id; kind "split", event_id was split off other_id.
		// Judgements and history stay keyed by the event they were made on.
		`CREATE TABLE event_links (
			kind {{key}} NOT NULL,
			event_id {{key}} NOT NULL,
			other_id {{key}} NOT NULL,
			title TEXT NOT NULL,
			at TEXT NOT NULL,
			author TEXT NOT NULL,
			why TEXT NOT NULL,
			PRIMARY KEY (kind, event_id)
		)`,
		`CREATE INDEX event_links_other ON event_links (other_id)`,
	}, nil},
}

// migrate applies the migrations the database has not seen yet, each in
// its own transaction.
func (s *sqlStore) migrate(ctx context.Context) error { return s.apply(ctx, migrations) }

// apply applies the migrations of ms the database has not seen yet.
func (s *sqlStore) apply(ctx context.Context, ms []migration) error {
	for _, m := range ms {
		err := s.tx(ctx, fmt.Sprintf("store: migrate to %d (%s)", m.version, m.name), func(tx *sql.Tx) error {
			if s.d.lockMigrations != "" {
				if _, err := tx.ExecContext(ctx, s.d.lockMigrations); err != nil {
					return err
				}
			}
			if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
				version BIGINT PRIMARY KEY,
				name TEXT NOT NULL,
				applied TEXT NOT NULL
			)`); err != nil {
				return err
			}
			var n int
			if err := s.row(ctx, tx, `SELECT COUNT(*) FROM schema_migrations WHERE version = ?`, m.version).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				return nil
			}
			for _, stmt := range m.stmts {
				if _, err := tx.ExecContext(ctx, s.d.types.Replace(stmt)); err != nil {
					return fmt.Errorf("%s: %w", stmt, err)
				}
			}
			if m.then != nil {
				if err := m.then(s, ctx, tx); err != nil {
					return err
				}
			}
			_, err := s.exec(ctx, tx, `INSERT INTO schema_migrations (version, name, applied) VALUES (?, ?, ?)`,
				m.version, m.name, fmtTime(s.now()))
			return err
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// Version reports the schema version the database is at.
func (s *sqlStore) version(ctx context.Context) (int, error) {
	var v sql.NullInt64
	err := s.row(ctx, s.r, `SELECT MAX(version) FROM schema_migrations`).Scan(&v)
	return int(v.Int64), err
}
