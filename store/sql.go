package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"strconv"
	"strings"
	"time"

	"github.com/triangulate/triangulate/errs"
)

// dialect is what differs between SQLite and PostgreSQL. Everything else —
// queries, migrations, transactions — is shared by the one implementation,
// sqlStore, so both backends behave alike and pass one test suite.
type dialect struct {
	name string
	// dollar selects $1, $2 … placeholders (PostgreSQL) instead of ?.
	dollar bool
	// types fills the type tokens of migrations ({{identity}}, {{blob}}, {{key}}).
	types *strings.Replacer
	// lockMigrations, when set, runs first in each migration transaction so
	// that two processes opening a fresh database do not migrate it twice.
	lockMigrations string
	// isConstraint reports whether err is a constraint violation (unique,
	// foreign key, not null, check): the caller's input is at fault.
	isConstraint func(err error) bool
	// maxParams bounds the placeholders in one statement.
	maxParams int
	// isBusy reports whether err means another writer holds a lock the
	// statement needed (SQLITE_BUSY, a PostgreSQL deadlock or serialization
	// failure): the transaction did nothing and may be run again.
	isBusy func(err error) bool
}

// sqlStore implements Store and Accounts over database/sql.
//
// SQLite allows one writer at a time, so writes go through w, a pool of a
// single connection whose transactions begin IMMEDIATE: writers queue in Go
// (and behind busy_timeout across processes) instead of failing with
// SQLITE_BUSY. Reads go through r, a pool of read-only connections that WAL
// lets run beside the writer. For PostgreSQL r and w are the same pool.
type sqlStore struct {
	d   dialect
	w   *sql.DB
	r   *sql.DB
	now func() time.Time
	// lockWait is how long a write waits for other writers, from its first
	// attempt to its last retry (see retry).
	lockWait time.Duration
}

// LockWait is how long a write waits behind other writers (other processes
// sharing a SQLite file, concurrent PostgreSQL transactions) before it fails
// with SQLITE_BUSY or a deadlock. A fusion or flight load of a big case can
// hold SQLite's write lock for a minute; a CLI run beside it should queue,
// not die.
const LockWait = 5 * time.Minute

// querier is what *sql.DB and *sql.Tx share.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// Close closes both pools.
func (s *sqlStore) Close() error {
	err := s.w.Close()
	if s.r != s.w {
		err = errors.Join(err, s.r.Close())
	}
	return err
}

// q rewrites a query written with ? placeholders for the dialect.
func (s *sqlStore) q(query string) string {
	if !s.d.dollar {
		return query
	}
	var b strings.Builder
	b.Grow(len(query) + 16)
	n := 0
	for i := 0; i < len(query); i++ {
		if query[i] == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(query[i])
	}
	return b.String()
}

// exec runs a statement on q.
func (s *sqlStore) exec(ctx context.Context, q querier, query string, args ...any) (sql.Result, error) {
	return q.ExecContext(ctx, s.q(query), args...)
}

// query runs a query on q.
func (s *sqlStore) query(ctx context.Context, q querier, query string, args ...any) (*sql.Rows, error) {
	return q.QueryContext(ctx, s.q(query), args...)
}

// row runs a single-row query on q.
func (s *sqlStore) row(ctx context.Context, q querier, query string, args ...any) *sql.Row {
	return q.QueryRowContext(ctx, s.q(query), args...)
}

// tx runs fn in a write transaction, committing if it returns nil and
// rolling back otherwise. Kinded errors from fn pass through unchanged. A
// transaction that lost a lock to another writer is run again (see retry),
// so fn must do nothing outside tx that a second run would repeat.
func (s *sqlStore) tx(ctx context.Context, op string, fn func(tx *sql.Tx) error) error {
	return s.fail(op, s.retry(ctx, func() error {
		tx, err := s.w.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		if err := fn(tx); err != nil {
			_ = tx.Rollback()
			return err
		}
		return tx.Commit()
	}))
}

// wexec runs one write statement outside a transaction, retried like tx.
func (s *sqlStore) wexec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	var res sql.Result
	err := s.retry(ctx, func() error {
		var err error
		res, err = s.exec(ctx, s.w, query, args...)
		return err
	})
	return res, err
}

// retry runs attempt until it succeeds, fails for another reason than a
// lock held by another writer, or lockWait has passed since the first try.
// SQLite's busy_timeout already waits inside one statement, but SQLite
// returns SQLITE_BUSY without waiting where waiting could deadlock, and a
// PostgreSQL deadlock or serialization failure is reported at once: both
// mean the transaction did nothing, so it is run again after a pause that
// grows to a second, jittered so that the losers do not collide again.
func (s *sqlStore) retry(ctx context.Context, attempt func() error) error {
	deadline := time.Now().Add(s.lockWait)
	pause := 10 * time.Millisecond
	for {
		err := attempt()
		if err == nil || !s.d.isBusy(err) || !time.Now().Before(deadline) {
			return err
		}
		wait := pause/2 + time.Duration(rand.Int64N(int64(pause)))
		t := time.NewTimer(min(wait, time.Until(deadline)))
		select {
		case <-ctx.Done():
			t.Stop()
			return errors.Join(err, ctx.Err())
		case <-t.C:
		}
		pause = min(2*pause, time.Second)
	}
}

// writeCase is tx for writes to the case (sources, claims, events,
// assessments, signals, pins, flight series): the same transaction bumps
// the case revision, so Revision changes exactly when the case does. The
// revision row is locked first (a no-op update): its row lock makes case writes on PostgreSQL take turns
// as SQLite's single writer does, so that two fusions replacing the events
// at once cannot both delete the old rows and then collide inserting theirs.
func (s *sqlStore) writeCase(ctx context.Context, op string, fn func(tx *sql.Tx) error) error {
	return s.tx(ctx, op, func(tx *sql.Tx) error {
		if _, err := s.exec(ctx, tx, `UPDATE revision SET n = n WHERE id = 1`); err != nil {
			return err
		}
		if err := fn(tx); err != nil {
			return err
		}
		_, err := s.exec(ctx, tx, `UPDATE revision SET n = n + 1 WHERE id = 1`)
		return err
	})
}

// Revision returns the case's write counter.
func (s *sqlStore) Revision(ctx context.Context) (int64, error) {
	var n int64
	if err := s.row(ctx, s.r, `SELECT n FROM revision WHERE id = 1`).Scan(&n); err != nil {
		return 0, s.fail("store: revision", err)
	}
	return n, nil
}

// fail gives err its kind: errors already kinded keep theirs; constraint
// violations are bad input; lost connections are unavailable.
func (s *sqlStore) fail(op string, err error) error {
	if err == nil {
		return nil
	}
	var e *errs.Error
	switch {
	case errors.As(err, &e):
		return err
	case s.d.isConstraint(err):
		return errs.E(errs.BadInput, op, err)
	case s.d.isBusy(err):
		return errs.E(errs.Unavailable, op, fmt.Errorf("%s database busy: other writers held the lock for more than %v: %w", s.d.name, s.lockWait, err))
	case unreachable(err):
		return errs.E(errs.Unavailable, op, fmt.Errorf("%s database unreachable: %w", s.d.name, err))
	}
	return errs.E(errs.Internal, op, err)
}

// unreachable reports whether err means the database could not be reached.
func unreachable(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) || errors.Is(err, driver.ErrBadConn) || errors.Is(err, sql.ErrConnDone)
}

// notFound is the error for a missing row.
func notFound(op, what string) error {
	return errs.E(errs.NotFound, op, what+" not found")
}

// timeLayout is fixed-width UTC, so stored times sort as text in both
// dialects and comparisons in SQL agree with time.Time's.
const timeLayout = "2006-01-02T15:04:05.000000000Z"

func fmtTime(t time.Time) string { return t.UTC().Format(timeLayout) }

func parseTime(s string) (time.Time, error) {
	t, err := time.Parse(timeLayout, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("stored time %q: %w", s, err)
	}
	return t, nil
}

// nullString stores "" as NULL, for optional keys such as a claim's event.
func nullString(s string) sql.NullString { return sql.NullString{String: s, Valid: s != ""} }

// docs runs a query whose single column is a JSON document and decodes each
// row into a T.
func docs[T any](ctx context.Context, s *sqlStore, query string, args ...any) ([]T, error) {
	rows, err := s.query(ctx, s.r, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		var doc string
		if err := rows.Scan(&doc); err != nil {
			return nil, err
		}
		var v T
		if err := json.Unmarshal([]byte(doc), &v); err != nil {
			return nil, fmt.Errorf("decode stored %T: %w", v, err)
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// marshal encodes a value for a JSON document column.
func marshal(v any) (string, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return "", fmt.Errorf("encode %T: %w", v, err)
	}
	return string(b), nil
}

// insertRows inserts n rows into table with the portable multi-row INSERT,
// as few statements as the dialect's placeholder limit allows. The full-size
// statement is prepared once and reused.
func (s *sqlStore) insertRows(ctx context.Context, tx *sql.Tx, table string, cols []string, n int, row func(i int, args []any)) error {
	per := s.d.maxParams / len(cols)
	if per > 1000 {
		per = 1000
	}
	stmtFor := func(rows int) string {
		var b strings.Builder
		fmt.Fprintf(&b, "INSERT INTO %s (%s) VALUES ", table, strings.Join(cols, ", "))
		tuple := "(" + strings.TrimSuffix(strings.Repeat("?, ", len(cols)), ", ") + ")"
		for i := range rows {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(tuple)
		}
		return s.q(b.String())
	}
	var full *sql.Stmt
	defer func() {
		if full != nil {
			full.Close()
		}
	}()
	args := make([]any, per*len(cols))
	for start := 0; start < n; start += per {
		k := min(per, n-start)
		a := args[:k*len(cols)]
		for i := range k {
			row(start+i, a[i*len(cols):(i+1)*len(cols)])
		}
		var err error
		if k == per {
			if full == nil {
				if full, err = tx.PrepareContext(ctx, stmtFor(per)); err != nil {
					return err
				}
			}
			_, err = full.ExecContext(ctx, a...)
		} else {
			_, err = tx.ExecContext(ctx, stmtFor(k), a...)
		}
		if err != nil {
			return fmt.Errorf("insert into %s: %w", table, err)
		}
	}
	return nil
}
