package store

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/binary"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/triangulate/triangulate/errs"
	"github.com/triangulate/triangulate/series"
)

// Flight series are stored one row per route and dataset: the first day,
// the number of days, totals for listings, and the days' counts encoded in
// one blob (encodeDays). A six-month dataset of 3,400 routes is 3,400 rows
// of a few hundred bytes, written and read in milliseconds, where one row
// per route-day was 620,000 rows and seconds.
var seriesColumns = []string{"dataset", "origin", "dest", "first_day", "days", "flights", "missing", "counts"}

// PutSeries replaces a dataset's series in one transaction. Each series
// must hold consecutive days; a route given twice is bad input.
func (s *sqlStore) PutSeries(ctx context.Context, dataset string, ss []series.Series) error {
	op := fmt.Sprintf("store: put series %q", dataset)
	if dataset == "" {
		return errs.E(errs.BadInput, op, "no dataset name")
	}
	type row struct {
		r                      series.Route
		first                  string
		days, flights, missing int
		blob                   []byte
	}
	rows := make([]row, 0, len(ss))
	var buf []byte
	for i := range ss {
		sum, err := checkSeries(&ss[i])
		if err != nil {
			return errs.E(errs.BadInput, op, fmt.Errorf("series %d: %w", i, err))
		}
		start := len(buf)
		buf = encodeDays(buf, ss[i].Days)
		r := row{r: ss[i].Route, days: len(ss[i].Days), flights: sum.Flights, missing: sum.Missing, blob: buf[start:len(buf):len(buf)]}
		if r.days > 0 {
			r.first = sum.From.Format(time.DateOnly)
		}
		rows = append(rows, r)
	}
	// Key order fills b-tree pages one after another; it also puts a
	// duplicate route next to its twin.
	slices.SortFunc(rows, func(a, b row) int {
		return cmp.Or(strings.Compare(a.r.Origin, b.r.Origin), strings.Compare(a.r.Dest, b.r.Dest))
	})
	for i := 1; i < len(rows); i++ {
		if rows[i].r == rows[i-1].r {
			return errs.E(errs.BadInput, op, fmt.Sprintf("route %s given twice", rows[i].r))
		}
	}
	return s.writeCase(ctx, op, func(tx *sql.Tx) error {
		if _, err := s.exec(ctx, tx, `DELETE FROM route_series WHERE dataset = ?`, dataset); err != nil {
			return err
		}
		return s.insertRows(ctx, tx, "route_series", seriesColumns, len(rows), func(i int, a []any) {
			r := &rows[i]
			a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7] = dataset, r.r.Origin, r.r.Dest, r.first, r.days, r.flights, r.missing, r.blob
		})
	})
}

// checkSeries rejects series that would be misread later.
func checkSeries(s *series.Series) (series.Summary, error) {
	switch {
	case s.Origin == "" || s.Dest == "":
		return series.Summary{}, fmt.Errorf("route %q-%q lacks an airport", s.Origin, s.Dest)
	case len(s.Days) == 0:
		return series.Summary{}, fmt.Errorf("route %s has no days", s.Route)
	}
	first := s.Days[0].Date
	f := first.Unix()
	if f%86400 != 0 || first.Location() != time.UTC || first.Nanosecond() != 0 {
		return series.Summary{}, fmt.Errorf("route %s: day %s is not midnight UTC", s.Route, first)
	}
	for i, d := range s.Days {
		switch {
		// Seconds, not AddDate: every UTC day is 86,400 of them, and this
		// runs for each of hundreds of thousands of days.
		case d.Date.Unix() != f+int64(i)*86400 || d.Date.Nanosecond() != 0:
			return series.Summary{}, fmt.Errorf("route %s: day %d is %s, want %s (days must follow one another)",
				s.Route, i, d.Date.Format(time.DateOnly), first.AddDate(0, 0, i).Format(time.DateOnly))
		case d.Count < 0:
			return series.Summary{}, fmt.Errorf("route %s: negative count %d on %s", s.Route, d.Count, d.Date.Format(time.DateOnly))
		case d.Missing && d.Count != 0:
			return series.Summary{}, fmt.Errorf("route %s: missing day %s has count %d: missing is unknown, not a number",
				s.Route, d.Date.Format(time.DateOnly), d.Count)
		}
	}
	return s.Summarise(), nil
}

// encodeDays appends one unsigned varint a day: 0 for a missing day,
// count+1 otherwise.
func encodeDays(dst []byte, days []series.Day) []byte {
	for _, d := range days {
		v := uint64(0)
		if !d.Missing {
			v = uint64(d.Count) + 1
		}
		dst = binary.AppendUvarint(dst, v)
	}
	return dst
}

// decodeDays reads n days from first on into dst.
func decodeDays(dst []series.Day, blob []byte, first time.Time, n int) ([]series.Day, error) {
	for i := range n {
		v, k := binary.Uvarint(blob)
		if k <= 0 {
			return dst, fmt.Errorf("stored counts end after %d of %d days", i, n)
		}
		blob = blob[k:]
		d := series.Day{Date: first.Add(time.Duration(i) * 24 * time.Hour)} // UTC: every day is 24 hours
		if v == 0 {
			d.Missing = true
		} else {
			d.Count = int(v - 1)
		}
		dst = append(dst, d)
	}
	if len(blob) != 0 {
		return dst, fmt.Errorf("%d bytes after the last of %d days", len(blob), n)
	}
	return dst, nil
}

// Series lists a dataset's series by origin and destination; From and To
// (inclusive, zero for open) trim their days.
func (s *sqlStore) Series(ctx context.Context, f SeriesFilter) ([]series.Series, error) {
	const op = "store: series"
	if f.Dataset == "" {
		return nil, errs.E(errs.BadInput, op, "no dataset named")
	}
	where := []string{"dataset = ?"}
	args := []any{f.Dataset}
	if f.Origin != "" {
		where, args = append(where, "origin = ?"), append(args, f.Origin)
	}
	if f.Dest != "" {
		where, args = append(where, "dest = ?"), append(args, f.Dest)
	}
	rows, err := s.query(ctx, s.r, `SELECT origin, dest, first_day, days, counts FROM route_series WHERE `+
		strings.Join(where, ` AND `)+` ORDER BY origin, dest`, args...)
	if err != nil {
		return nil, s.fail(op, err)
	}
	defer rows.Close()
	type stored struct {
		r     series.Route
		first time.Time
		n     int
		blob  []byte
	}
	var got []stored
	total := 0
	for rows.Next() {
		var (
			x     stored
			first string
		)
		if err := rows.Scan(&x.r.Origin, &x.r.Dest, &first, &x.n, &x.blob); err != nil {
			return nil, s.fail(op, err)
		}
		if x.first, err = time.Parse(time.DateOnly, first); err != nil {
			return nil, s.fail(op, fmt.Errorf("route %s: stored first day %q: %w", x.r, first, err))
		}
		got = append(got, x)
		total += x.n
	}
	if err := rows.Err(); err != nil {
		return nil, s.fail(op, err)
	}
	// Every route's days in one backing array (a few allocations, not one
	// per route), decoded in parallel parts: a dataset is hundreds of
	// thousands of days.
	all := make([]series.Day, total)
	decoded := make([]series.Series, len(got))
	parts := min(runtime.GOMAXPROCS(0), max(1, len(got)/256))
	failed := make([]error, parts)
	var wg sync.WaitGroup
	offsets := make([]int, len(got)+1)
	for i, x := range got {
		offsets[i+1] = offsets[i] + x.n
	}
	for p := range parts {
		wg.Go(func() {
			for i := p * len(got) / parts; i < (p+1)*len(got)/parts; i++ {
				x := got[i]
				lo, hi := offsets[i], offsets[i+1]
				if _, err := decodeDays(all[lo:lo:hi], x.blob, x.first, x.n); err != nil {
					failed[p] = fmt.Errorf("route %s: %w", x.r, err)
					return
				}
				decoded[i] = series.Series{Route: x.r, Days: all[lo:hi:hi]}
			}
		})
	}
	wg.Wait()
	for _, err := range failed {
		if err != nil {
			return nil, s.fail(op, err)
		}
	}
	out := decoded[:0]
	for _, sr := range decoded {
		if sr.Days = sr.Window(f.From, f.To); len(sr.Days) > 0 {
			out = append(out, sr)
		}
	}
	return out, nil
}

// Datasets lists the names of stored series.
func (s *sqlStore) Datasets(ctx context.Context) ([]string, error) {
	const op = "store: datasets"
	rows, err := s.query(ctx, s.r, `SELECT DISTINCT dataset FROM route_series ORDER BY dataset`)
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

// convertSeries moves series stored one row per route-day (schema 3 and
// before) into route_series, within the migration's transaction. Days a
// route has no row for inside its span were read as zero flights then, and
// are stored as zero now.
func (s *sqlStore) convertSeries(ctx context.Context, tx *sql.Tx) error {
	rows, err := s.query(ctx, tx, `SELECT dataset, origin, dest, day, flights, missing FROM series ORDER BY dataset, origin, dest, day`)
	if err != nil {
		return err
	}
	type key struct {
		dataset string
		r       series.Route
	}
	var (
		keys []key
		all  [][]series.Day
	)
	for rows.Next() {
		var (
			k       key
			day     string
			n       int
			missing bool
		)
		if err := rows.Scan(&k.dataset, &k.r.Origin, &k.r.Dest, &day, &n, &missing); err != nil {
			rows.Close()
			return err
		}
		t, err := time.Parse(time.DateOnly, day)
		if err != nil {
			rows.Close()
			return fmt.Errorf("stored day %q: %w", day, err)
		}
		if len(keys) == 0 || keys[len(keys)-1] != k {
			keys, all = append(keys, k), append(all, nil)
		}
		days := all[len(all)-1]
		for len(days) > 0 && days[len(days)-1].Date.Before(t.AddDate(0, 0, -1)) {
			days = append(days, series.Day{Date: days[len(days)-1].Date.AddDate(0, 0, 1)})
		}
		all[len(all)-1] = append(days, series.Day{Date: t, Count: n, Missing: missing})
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	var buf []byte
	for i, k := range keys {
		sr := series.Series{Route: k.r, Days: all[i]}
		sum := sr.Summarise()
		buf = encodeDays(buf[:0], sr.Days)
		if _, err := s.exec(ctx, tx, `INSERT INTO route_series (`+strings.Join(seriesColumns, ", ")+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			k.dataset, k.r.Origin, k.r.Dest, sum.From.Format(time.DateOnly), len(sr.Days), sum.Flights, sum.Missing, buf); err != nil {
			return err
		}
	}
	_, err = tx.ExecContext(ctx, `DROP TABLE series`)
	return err
}
