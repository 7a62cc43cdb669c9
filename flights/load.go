package flights

import (
	"context"
	"fmt"
	"io"

	"github.com/triangulate/triangulate/series"
)

// LoadOptions configure Load.
type LoadOptions struct {
	Format Format // Auto detects each file's format
	Reader Options
	Groups Groups
	// Normalize rewrites known airports to IATA codes (needs Reader.Airports).
	Normalize bool
	// Progress, if set, is called after each file with the number of files done.
	Progress func(done int)
}

// LoadResult is what a load produced: the counts, and an account of every
// record read.
type LoadResult struct {
	Series  *Series
	Reports []*Report // one per file
	// Legs were inferred from the position files, pooled across files (one
	// aircraft's positions may be spread over many aircraft.json snapshots).
	Legs int
	// Unrouted flights or legs lack an origin or destination and are not
	// counted; UTCDays were counted by UTC day because their departure
	// airport's time zone is unknown.
	Unrouted, UTCDays int
}

// Load reads files into route-day counts, by the departure airport's local
// day. BTS-style Parquet files take the columnar fast path; position files
// are pooled and cut into legs; everything else streams through a Counter.
func Load(ctx context.Context, paths []string, opt LoadOptions) (*LoadResult, error) {
	c := NewCounter(opt.Reader.Airports, opt.Groups)
	c.Normalize = opt.Normalize && opt.Reader.Airports != nil
	res := &LoadResult{Series: c.Series}
	var pool []Position
	var posReports []*Report
	for i, path := range paths {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		format := opt.Format
		if format == "" || format == Auto {
			f, err := Detect(path)
			if err != nil {
				return nil, err
			}
			format = f
		}
		switch {
		case format == BTS && isParquet(path):
			s, rep, err := CountParquetBTS(path, CountOptions{Airports: c.Airports, Normalize: c.Normalize, Groups: c.Groups, MaxErrors: opt.Reader.MaxErrors})
			if err != nil {
				return nil, err
			}
			c.Series.Merge(s)
			res.Reports = append(res.Reports, rep)
		case IsPositionFormat(path, format):
			ps, rep, err := ReadPositions(path, format, opt.Reader)
			if err != nil {
				return nil, err
			}
			pool = append(pool, ps...)
			posReports = append(posReports, rep)
			res.Reports = append(res.Reports, rep)
		default:
			r, err := Open(path, format, opt.Reader)
			if err != nil {
				return nil, err
			}
			if err := drain(r, c); err != nil {
				r.Close()
				return nil, err
			}
			r.Close()
			res.Reports = append(res.Reports, r.Report())
		}
		if opt.Progress != nil {
			opt.Progress(i + 1)
		}
	}
	if len(posReports) > 0 {
		// Legs are attributed to the first position file's report; the
		// totals are what matter, as positions were pooled.
		rep := &Report{}
		lr := LegReader(pool, opt.Reader, rep)
		if err := drain(lr, c); err != nil {
			return nil, err
		}
		res.Legs = rep.Legs
		posReports[0].Legs += rep.Legs
		posReports[0].Unrouted += rep.Unrouted
		posReports[0].Notes = append(posReports[0].Notes, rep.Notes...)
	}
	res.Unrouted, res.UTCDays = c.Unrouted, c.UTCDays
	return res, nil
}

func drain(r Reader, c *Counter) error {
	for {
		f, err := r.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		c.Add(f)
	}
}

// Rows and Rejected total the reports.
func (r *LoadResult) Rows() (rows, rejected int) {
	for _, rep := range r.Reports {
		rows += rep.Rows
		rejected += rep.Rejected
	}
	return rows, rejected
}

// PerRoute applies coverage and splits the counts into one series per route.
func (r *LoadResult) PerRoute(opt CoverageOptions) ([]series.Series, Coverage, error) {
	cov, ok := r.Series.Coverage(opt)
	if !ok {
		return nil, Coverage{}, fmt.Errorf("flights: no flights on any route and no declared coverage")
	}
	return r.Series.PerRoute(cov), cov, nil
}

// Merge adds another Series' counts into s.
func (s *Series) Merge(o *Series) {
	if o.n == 0 {
		return
	}
	s.grow(o.first)
	s.grow(o.first + Day(o.n-1))
	for r, k := range o.routes {
		dst := s.counts[s.route(s.code(o.codes[k[0]]), s.code(o.codes[k[1]]))]
		off := int(o.first - s.first)
		for i, v := range o.counts[r] {
			dst[off+i] += v
		}
	}
	s.total += o.total
}
