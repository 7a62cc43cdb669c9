package store

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"

	"github.com/triangulate/triangulate/errs"
)

var seriesColumns = []string{"dataset", "origin", "dest", "day", "flights", "missing"}

// PutSeries replaces a dataset's route-day rows in one transaction.
// A (origin, dest, day) given twice is bad input.
func (s *sqlStore) PutSeries(ctx context.Context, dataset string, rows []RouteDay) error {
	op := fmt.Sprintf("store: put series %q", dataset)
	if dataset == "" {
		return errs.E(errs.BadInput, op, "no dataset name")
	}
	for i := range rows {
		if err := checkRouteDay(&rows[i]); err != nil {
			return errs.E(errs.BadInput, op, fmt.Errorf("row %d: %w", i, err))
		}
	}
	// Inserting in key order fills b-tree pages one after another instead
	// of splitting them all over.
	order := make([]int, len(rows))
	for i := range order {
		order[i] = i
	}
	byKey := func(i, j int) int {
		a, b := &rows[i], &rows[j]
		return cmp.Or(strings.Compare(a.Origin, b.Origin), strings.Compare(a.Dest, b.Dest), strings.Compare(a.Day, b.Day))
	}
	if !slices.IsSortedFunc(order, byKey) { // series readers usually give them sorted
		slices.SortFunc(order, byKey)
	}
	if s.d.putSeries != nil {
		return s.fail(op, s.d.putSeries(ctx, s.w, dataset, rows, order))
	}
	return s.writeCase(ctx, op, func(tx *sql.Tx) error {
		if _, err := s.exec(ctx, tx, `DELETE FROM series WHERE dataset = ?`, dataset); err != nil {
			return err
		}
		return s.insertRows(ctx, tx, "series", seriesColumns, len(rows), func(i int, a []any) {
			r := &rows[order[i]]
			a[0], a[1], a[2], a[3], a[4], a[5] = dataset, r.Origin, r.Dest, r.Day, r.Count, r.Missing
		})
	})
}

// checkRouteDay rejects rows that would be misread later.
func checkRouteDay(r *RouteDay) error {
	switch {
	case r.Origin == "" || r.Dest == "":
		return fmt.Errorf("route %q-%q lacks an airport", r.Origin, r.Dest)
	case !isDay(r.Day):
		return fmt.Errorf("day %q is not YYYY-MM-DD", r.Day)
	case r.Count < 0:
		return fmt.Errorf("negative count %d", r.Count)
	case r.Missing && r.Count != 0:
		return fmt.Errorf("missing day %s has count %d: missing is unknown, not a number", r.Day, r.Count)
	}
	return nil
}

// isDay checks the shape YYYY-MM-DD cheaply: PutSeries checks every one of
// hundreds of thousands of rows.
func isDay(d string) bool {
	if len(d) != 10 || d[4] != '-' || d[7] != '-' {
		return false
	}
	for i := 0; i < 10; i++ {
		if i != 4 && i != 7 && (d[i] < '0' || d[i] > '9') {
			return false
		}
	}
	return d[5:7] >= "01" && d[5:7] <= "12" && d[8:10] >= "01" && d[8:10] <= "31"
}

// Series lists route-day rows by dataset, origin, destination and day.
// From and To are inclusive days.
func (s *sqlStore) Series(ctx context.Context, f SeriesFilter) ([]RouteDay, error) {
	const op = "store: series"
	var where []string
	var args []any
	for _, c := range []struct {
		cond, val string
	}{
		{"dataset = ?", f.Dataset}, {"origin = ?", f.Origin}, {"dest = ?", f.Dest},
		{"day >= ?", f.From}, {"day <= ?", f.To},
	} {
		if c.val != "" {
			where = append(where, c.cond)
			args = append(args, c.val)
		}
	}
	query := `SELECT origin, dest, day, flights, missing FROM series`
	if len(where) > 0 {
		query += ` WHERE ` + strings.Join(where, ` AND `)
	}
	rows, err := s.query(ctx, s.r, query+` ORDER BY dataset, origin, dest, day`, args...)
	if err != nil {
		return nil, s.fail(op, err)
	}
	defer rows.Close()
	var out []RouteDay
	for rows.Next() {
		var r RouteDay
		if err := rows.Scan(&r.Origin, &r.Dest, &r.Day, &r.Count, &r.Missing); err != nil {
			return nil, s.fail(op, err)
		}
		out = append(out, r)
	}
	return out, s.fail(op, rows.Err())
}

// Datasets lists the names of stored series.
func (s *sqlStore) Datasets(ctx context.Context) ([]string, error) {
	const op = "store: datasets"
	rows, err := s.query(ctx, s.r, `SELECT DISTINCT dataset FROM series ORDER BY dataset`)
	if err != nil {
		return nil, s.fail(op, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var d string
		if err := rows.Scan(&d); err != nil {
			return nil, s.fail(op, err)
		}
		out = append(out, d)
	}
	return out, s.fail(op, rows.Err())
}
