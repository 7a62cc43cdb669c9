package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/triangulate/triangulate/errs"
)

// Open opens the store named by dsn: a postgres:// or postgresql:// URL
// selects PostgreSQL, anything else is a SQLite file path (created if
// missing). The schema is migrated to the current version. The returned
// value also implements Accounts (see AccountsOf).
//
// # Schema
//
// Both backends share one schema and one implementation over database/sql;
// a small dialect supplies what differs (placeholders, identity and blob
// types, text collation, the migration lock). Key columns are real
// columns: sources (id, name, content_hash UNIQUE, raw bytes), claims (id,
// source_id, offsets, action, event_id, version, edited, rejected), events,
// assessments and signals by id, case settings by version, flight series
// one row per (dataset, origin, dest) with the days encoded (series.go),
// and the account tables. The rest of
// each domain value is a JSON document of the claim package's type. Times
// are fixed-width UTC text, comparable as strings.
//
// # Migrations
//
// A schema_migrations table records the versions applied. Migrations are an
// ordered list in the code (migrate.go); each is applied in its own
// transaction with its schema_migrations row, on PostgreSQL under an
// advisory lock, so concurrent openers and crashes leave a whole version.
// A database migrated by a newer build is refused rather than misread.
//
// # SQLite
//
// The file runs in WAL mode with foreign keys on and synchronous=NORMAL.
// Writes go through a single connection whose transactions begin IMMEDIATE,
// reads through a pool of read-only connections, so concurrent writers
// queue instead of failing with SQLITE_BUSY, also across processes sharing
// the file: busy_timeout (LockWait) is the first pragma of every
// connection, and a write that still loses the lock is run again until
// LockWait has passed (see retry). Opening a database already at the
// current version takes no write lock.
//
// # Concurrent writers
//
// Every case write locks the revision row first, so PostgreSQL writers take
// turns as SQLite's do; a deadlock or serialization failure is retried like
// SQLITE_BUSY.
func Open(ctx context.Context, dsn string) (Store, error) {
	s, err := open(ctx, dsn, LockWait)
	if err != nil {
		return nil, err
	}
	return s, nil
}

// open is Open with writers waiting up to wait for the lock.
func open(ctx context.Context, dsn string, wait time.Duration) (*sqlStore, error) {
	var s *sqlStore
	var err error
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		s, err = openPostgres(ctx, dsn, wait)
	} else {
		s, err = openSQLite(ctx, dsn, wait)
	}
	if err != nil {
		return nil, err
	}
	// A database already at the current version is only read: opening it
	// takes no write lock, so a CLI run beside a long write starts at once.
	v, err := s.version(ctx)
	if err != nil || v < migrations[len(migrations)-1].version {
		if err := s.migrate(ctx); err != nil {
			s.Close()
			return nil, err
		}
		v, err = s.version(ctx)
	}
	if err != nil {
		s.Close()
		return nil, s.fail("store: open", err)
	}
	if latest := migrations[len(migrations)-1].version; v > latest {
		s.Close()
		return nil, errs.E(errs.Unavailable, "store: open",
			fmt.Sprintf("database schema is at version %d, newer than this build knows (%d): upgrade triangulate", v, latest))
	}
	return s, nil
}

// AccountsOf returns the Accounts side of a store opened by Open. ok is
// false only for other Store implementations that lack it.
func AccountsOf(s Store) (a Accounts, ok bool) {
	a, ok = s.(Accounts)
	return a, ok
}
