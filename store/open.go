package store

import (
	"context"
	"strings"

	"github.com/triangulate/triangulate/errs"
)

// Open opens the store named by dsn: a postgres:// or postgresql:// URL
// selects PostgreSQL, anything else is a SQLite file path. The schema is
// migrated to the current version.
func Open(ctx context.Context, dsn string) (Store, error) {
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		return nil, errs.E(errs.Unavailable, "open store", "postgres store not built yet")
	}
	return nil, errs.E(errs.Unavailable, "open store", "sqlite store not built yet")
}
