package flights

import (
	"cmp"
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2"
	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"

	"github.com/triangulate/triangulate/errs"
	"github.com/triangulate/triangulate/series"
)

// Filter selects route series from a backend. Coverage is decided on the
// whole dataset (an outage is a dataset-wide collapse), then series are
// filtered.
type Filter struct {
	Origin, Dest string    // empty matches any
	From, To     time.Time // inclusive days; zero is open
	Coverage     CoverageOptions
}

// Backend computes per-route day counts with explicit coverage.
type Backend interface {
	PerRoute(ctx context.Context, f Filter) ([]series.Series, Coverage, error)
}

// Local is the in-process backend over a Series (from Load or CountParquetBTS).
type Local struct{ Series *Series }

// PerRoute implements Backend.
func (l Local) PerRoute(_ context.Context, f Filter) ([]series.Series, Coverage, error) {
	cov, ok := l.Series.Coverage(f.Coverage)
	if !ok {
		return nil, Coverage{}, nil
	}
	return filterSeries(l.Series.PerRoute(cov), f), cov, nil
}

func filterSeries(ss []series.Series, f Filter) []series.Series {
	out := ss[:0]
	for _, s := range ss {
		if (f.Origin != "" && s.Origin != f.Origin) || (f.Dest != "" && s.Dest != f.Dest) {
			continue
		}
		if s.Days = s.Window(f.From, f.To); len(s.Days) > 0 {
			out = append(out, s)
		}
	}
	return out
}

// ClickHouse pushes the route-day aggregation down to a ClickHouse table
// shaped like OpenSky's flights table (icao24, callsign, firstseen,
// lastseen, estdepartureairport, estarrivalairport, day); only aggregates
// come back. The SQL keeps to what Debian's ClickHouse 18.16 accepts:
// named columns in INSERT and plain GROUP BY.
type ClickHouse struct {
	conn  driver.Conn
	table string
	// LocalDays computes each flight's local day from firstseen in its
	// departure airport's time zone (one query per zone, needs Airports).
	// When false, the table's day column is taken as the local day already
	// (as InsertFlights writes it).
	LocalDays bool
	Airports  *Airports
	Groups    Groups
	Normalize bool
}

var identRE = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$`)

// OpenClickHouse connects over the native protocol, e.g.
// clickhouse://127.0.0.1:9000/default. table may be "db.table".
func OpenClickHouse(ctx context.Context, dsn, table string) (*ClickHouse, error) {
	op := "flights: clickhouse"
	if !identRE.MatchString(table) {
		return nil, errs.E(errs.BadInput, op, fmt.Sprintf("bad table name %q", table))
	}
	o, err := clickhouse.ParseDSN(dsn)
	if err != nil {
		return nil, errs.E(errs.BadInput, op, fmt.Errorf("bad DSN: %w", err))
	}
	o.DialTimeout = cmp.Or(o.DialTimeout, 10*time.Second)
	conn, err := clickhouse.Open(o)
	if err != nil {
		return nil, errs.E(errs.Unavailable, op, err)
	}
	if err := conn.Ping(ctx); err != nil {
		conn.Close()
		return nil, errs.E(errs.Unavailable, op, fmt.Errorf("ping %s: %w", strings.Join(o.Addr, ","), err))
	}
	return &ClickHouse{conn: conn, table: table}, nil
}

// Close closes the connection.
func (c *ClickHouse) Close() error { return c.conn.Close() }

// CreateTable creates the flights table if it does not exist.
func (c *ClickHouse) CreateTable(ctx context.Context) error {
	q := `CREATE TABLE IF NOT EXISTS ` + c.table + ` (
		icao24 String, callsign String,
		firstseen DateTime, lastseen DateTime,
		estdepartureairport String, estarrivalairport String,
		day Date
	) ENGINE = MergeTree() PARTITION BY toYYYYMM(day)
	ORDER BY (estdepartureairport, estarrivalairport, day)`
	if err := c.conn.Exec(ctx, q); err != nil {
		return fmt.Errorf("flights: clickhouse: create %s: %w", c.table, err)
	}
	return nil
}

// DropTable drops the table (tests).
func (c *ClickHouse) DropTable(ctx context.Context) error {
	return c.conn.Exec(ctx, `DROP TABLE IF EXISTS `+c.table)
}

// InsertFlights inserts flights in batches. firstseen is the departure
// instant: a local-time flight (BTS) is converted with its departure
// airport's zone when known (else taken as UTC); day is the local day.
// Flights without an origin or destination are skipped; it returns how
// many were inserted.
func (c *ClickHouse) InsertFlights(ctx context.Context, fs []Flight, airports *Airports, batchSize int) (int, error) {
	batchSize = cmp.Or(batchSize, 50000)
	cols := `INSERT INTO ` + c.table + ` (icao24, callsign, firstseen, lastseen, estdepartureairport, estarrivalairport, day)`
	n := 0
	for start := 0; start < len(fs); start += batchSize {
		b, err := c.conn.PrepareBatch(ctx, cols)
		if err != nil {
			return n, fmt.Errorf("flights: clickhouse: prepare insert: %w", err)
		}
		for _, f := range fs[start:min(len(fs), start+batchSize)] {
			if f.Origin == "" || f.Dest == "" {
				continue
			}
			inst, day := instantAndDay(f, airports)
			if err := b.Append(f.Icao24, f.Callsign, inst, inst, f.Origin, f.Dest, day.Time()); err != nil {
				b.Abort()
				return n, fmt.Errorf("flights: clickhouse: append: %w", err)
			}
			n++
		}
		if err := b.Send(); err != nil {
			return n, fmt.Errorf("flights: clickhouse: insert: %w", err)
		}
	}
	return n, nil
}

// instantAndDay is a flight's departure instant and local day.
func instantAndDay(f Flight, airports *Airports) (time.Time, Day) {
	loc := time.UTC
	if l, ok := airports.Location(f.Origin); ok {
		loc = l
	}
	if f.LocalTime {
		y, m, d := f.Dep.Date()
		hh, mm, ss := f.Dep.Clock()
		t := time.Date(y, m, d, hh, mm, ss, f.Dep.Nanosecond(), loc)
		return t.UTC(), DayOf(f.Dep)
	}
	return f.Dep.UTC(), DayOf(f.Dep.In(loc))
}

// PerRoute implements Backend: the counts come from a GROUP BY in
// ClickHouse; coverage and zero-filling are applied here, exactly as for
// the local backend.
func (c *ClickHouse) PerRoute(ctx context.Context, f Filter) ([]series.Series, Coverage, error) {
	s := NewSeries()
	add := func(o, d string, day time.Time, n uint64) {
		s.Add(canonical(o, c.Airports, c.Normalize, c.Groups), canonical(d, c.Airports, c.Normalize, c.Groups), DayOf(day), int(n))
	}
	if !c.LocalDays {
		q := `SELECT estdepartureairport, estarrivalairport, day, count() FROM ` + c.table +
			` WHERE estdepartureairport != '' AND estarrivalairport != '' GROUP BY estdepartureairport, estarrivalairport, day`
		if err := c.scan(ctx, q, nil, add); err != nil {
			return nil, Coverage{}, err
		}
	} else {
		zones, err := c.zones(ctx)
		if err != nil {
			return nil, Coverage{}, err
		}
		for _, z := range zones {
			q := `SELECT estdepartureairport, estarrivalairport, toDate(firstseen, '` + z.name + `') AS d, count() FROM ` + c.table +
				` WHERE estdepartureairport IN (` + sqlStrings(z.codes) + `) AND estarrivalairport != '' GROUP BY estdepartureairport, estarrivalairport, d`
			if err := c.scan(ctx, q, nil, add); err != nil {
				return nil, Coverage{}, err
			}
		}
	}
	return Local{s}.PerRoute(ctx, f)
}

func (c *ClickHouse) scan(ctx context.Context, q string, args []any, fn func(o, d string, day time.Time, n uint64)) error {
	rows, err := c.conn.Query(ctx, q, args...)
	if err != nil {
		return fmt.Errorf("flights: clickhouse: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var o, d string
		var day time.Time
		var n uint64
		if err := rows.Scan(&o, &d, &day, &n); err != nil {
			return fmt.Errorf("flights: clickhouse: scan: %w", err)
		}
		fn(o, d, day, n)
	}
	return rows.Err()
}

type zone struct {
	name  string
	codes []string
}

// zones groups the table's departure airports by time zone, so that each
// zone's local days are computed by one plain GROUP BY.
func (c *ClickHouse) zones(ctx context.Context) ([]zone, error) {
	rows, err := c.conn.Query(ctx, `SELECT DISTINCT estdepartureairport FROM `+c.table+` WHERE estdepartureairport != ''`)
	if err != nil {
		return nil, fmt.Errorf("flights: clickhouse: %w", err)
	}
	defer rows.Close()
	by := map[string][]string{}
	for rows.Next() {
		var code string
		if err := rows.Scan(&code); err != nil {
			return nil, err
		}
		name := "UTC"
		if ap, ok := c.Airports.Airport(code); ok && ap.TZ != "" && tzNameRE.MatchString(ap.TZ) {
			name = ap.TZ
		}
		by[name] = append(by[name], code)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := make([]zone, 0, len(by))
	for name, codes := range by {
		slices.Sort(codes)
		out = append(out, zone{name, codes})
	}
	slices.SortFunc(out, func(a, b zone) int { return cmp.Compare(a.name, b.name) })
	return out, nil
}

// sqlStrings renders string literals for IN (…): 18.16 takes a tuple, not
// the array the driver binds a slice as.
func sqlStrings(ss []string) string {
	var b strings.Builder
	for i, s := range ss {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteByte('\'')
		b.WriteString(strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s))
		b.WriteByte('\'')
	}
	return b.String()
}

var tzNameRE = regexp.MustCompile(`^[A-Za-z0-9_+\-/]+$`)
