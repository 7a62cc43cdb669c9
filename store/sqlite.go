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
}

// sqliteConstraint reports whether err is SQLITE_CONSTRAINT or one of its
// extended codes.
func sqliteConstraint(err error) bool {
	var e *sqlite.Error
	return errors.As(err, &e) && e.Code()&0xff == sqlite3.SQLITE_CONSTRAINT
}

// The pragmas every connection gets. busy_timeout must come first: it makes
// the connection wait, rather than fail, if another one holds the lock while
// this one switches to WAL. WAL lets readers run beside the writer;
// synchronous=NORMAL is safe under WAL (a crash loses no committed
// transaction, a power loss at most the last ones) and much faster than FULL.
// A 32 MB page cache keeps a large series write from spilling to the WAL
// half-way; journal_size_limit trims the WAL file after big checkpoints.
const sqlitePragmas = "_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)&_pragma=foreign_keys(ON)" +
	"&_pragma=cache_size(-32000)&_pragma=temp_store(MEMORY)&_pragma=journal_size_limit(200000000)"

// openSQLite opens (creating if needed) the SQLite file at path.
func openSQLite(ctx context.Context, path string) (*sqlStore, error) {
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
	w, err := sql.Open("sqlite", path+"?"+sqlitePragmas+"&_txlock=immediate")
	if err != nil {
		return nil, errs.E(errs.Unavailable, op, err)
	}
	w.SetMaxOpenConns(1)
	w.SetConnMaxIdleTime(0)
	s := &sqlStore{d: sqliteDialect, w: w, r: w, now: time.Now}
	if err := w.PingContext(ctx); err != nil {
		w.Close()
		return nil, errs.E(errs.Unavailable, op, fmt.Errorf("%s: %w", path, err))
	}
	if memory {
		// Every connection to :memory: is a database of its own: one connection only.
		return s, nil
	}
	r, err := sql.Open("sqlite", path+"?"+sqlitePragmas+"&_pragma=query_only(1)")
	if err != nil {
		w.Close()
		return nil, errs.E(errs.Unavailable, op, err)
	}
	r.SetMaxOpenConns(max(4, runtime.NumCPU()))
	s.r = r
	return s, nil
}
