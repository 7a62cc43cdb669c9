package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/triangulate/triangulate/errs"
)

var sqliteDialect = dialect{
	name:         "sqlite",
	types:        strings.NewReplacer("{{identity}}", "INTEGER PRIMARY KEY AUTOINCREMENT", "{{blob}}", "BLOB", "{{key}}", "TEXT", "{{without_rowid}}", " WITHOUT ROWID"),
	isConstraint: sqliteConstraint,
	maxParams:    32766, // SQLITE_MAX_VARIABLE_NUMBER since 3.32
	isBusy:       sqliteBusy,
}

// sqliteBusy reports whether err is SQLITE_BUSY or SQLITE_LOCKED (or one of
// their extended codes): another connection holds the lock.
func sqliteBusy(err error) bool {
	var e *sqlite.Error
	if !errors.As(err, &e) {
		return false
	}
	c := e.Code() & 0xff
	return c == sqlite3.SQLITE_BUSY || c == sqlite3.SQLITE_LOCKED
}

// sqliteConstraint reports whether err is SQLITE_CONSTRAINT or one of its
// extended codes.
func sqliteConstraint(err error) bool {
	var e *sqlite.Error
	return errors.As(err, &e) && e.Code()&0xff == sqlite3.SQLITE_CONSTRAINT
}

// The pragmas every connection gets, after busy_timeout (sqliteDSN). The
// driver runs busy_timeout first: it makes the connection wait, rather than
// fail, if another one holds the lock while this one switches to WAL. WAL lets readers run beside the writer;
// synchronous=NORMAL is safe under WAL (a crash loses no committed
// transaction, a power loss at most the last ones) and much faster than FULL.
// A 32 MB page cache keeps a large series write from spilling to the WAL
// half-way; journal_size_limit trims the WAL file after big checkpoints.
const sqlitePragmas = "_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)&_pragma=foreign_keys(ON)" +
	"&_pragma=cache_size(-32000)&_pragma=temp_store(MEMORY)&_pragma=journal_size_limit(200000000)"

// sqliteDSN is the driver's name for the file at path with the pragmas, a
// busy timeout of wait, and extra parameters.
func sqliteDSN(path string, wait time.Duration, extra string) string {
	return fmt.Sprintf("%s?_pragma=busy_timeout(%d)&%s%s", path, wait.Milliseconds(), sqlitePragmas, extra)
}

// openSQLite opens (creating if needed) the SQLite file at path. Writers
// wait up to wait for the lock.
func openSQLite(ctx context.Context, path string, wait time.Duration) (*sqlStore, error) {
	const op = "store: open sqlite"
	if path == "" {
		return nil, errs.E(errs.BadInput, op, "empty database path")
	}
	memory := path == ":memory:"
	if !memory {
		dir := filepath.Dir(path)
		if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
			return nil, errs.E(errs.Unavailable, op, fmt.Sprintf("cannot create %s: directory %s does not exist", path, dir))
		}
	}
	// The writer's transactions BEGIN IMMEDIATE: they take the write lock at
	// once (waiting behind busy_timeout), so a transaction that reads and
	// then writes cannot fail half-way on a lock upgrade.
	w, err := sql.Open("sqlite", sqliteDSN(path, wait, "&_txlock=immediate"))
	if err != nil {
		return nil, errs.E(errs.Unavailable, op, err)
	}
	w.SetMaxOpenConns(1)
	w.SetConnMaxIdleTime(0)
	s := &sqlStore{d: sqliteDialect, w: w, r: w, now: time.Now, lockWait: wait}
	// The first connection runs the pragmas, journal_mode(WAL) among them,
	// which on a new file takes the write lock: retried like any write.
	if err := s.retry(ctx, func() error { return w.PingContext(ctx) }); err != nil {
		w.Close()
		return nil, errs.E(errs.Unavailable, op, fmt.Errorf("%s: %w", path, err))
	}
	if memory {
		// Every connection to :memory: is a database of its own: one connection only.
		return s, nil
	}
	r, err := sql.Open("sqlite", sqliteDSN(path, wait, "&_pragma=query_only(1)"))
	if err != nil {
		w.Close()
		return nil, errs.E(errs.Unavailable, op, err)
	}
	r.SetMaxOpenConns(max(4, runtime.NumCPU()))
	s.r = r
	return s, nil
}
