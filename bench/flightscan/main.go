// Command flightscan is the Triangulate side of bench/flights.sh: it counts
// the route-days of a BTS-style Parquet file (the columnar fast path) and
// runs the anomaly scan over every route, printing how long each step took.
package main

import (
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/triangulate/triangulate/anomaly"
	"github.com/triangulate/triangulate/flights"
	"github.com/triangulate/triangulate/store"
)

func main() {
	countOnly := flag.Bool("count-only", false, "skip the anomaly scan")
	all := flag.Bool("all-days", false, "test every day that has a full fit window behind it, not only the last 28")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: flightscan [-count-only] [-all-days] FILE.parquet")
		os.Exit(2)
	}
	start := time.Now()
	s, rep, err := flights.CountParquetBTS(flag.Arg(0), flights.CountOptions{})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	cov, _ := s.Coverage(flights.CoverageOptions{Infer: true})
	rows := s.RouteDays(cov)
	counted := time.Since(start)
	fmt.Printf("count: %d rows (%d rejected), %d routes, %d route-days (%d missing days) in %v\n",
		rep.Rows, rep.Rejected, len(s.Routes()), len(rows), cov.MissingDays(), counted.Round(time.Millisecond))
	if *countOnly {
		return
	}
	days := map[string]time.Time{}
	series := anomaly.Series(rows, func(r store.RouteDay) (anomaly.Route, anomaly.Day) {
		t, ok := days[r.Day]
		if !ok {
			t, _ = time.Parse(time.DateOnly, r.Day)
			days[r.Day] = t
		}
		return anomaly.Route{Origin: r.Origin, Dest: r.Dest}, anomaly.Day{Date: t, Count: r.Count, Missing: r.Missing}
	})
	cfg := anomaly.Config{}
	if *all {
		cfg.From = cov.Span.From.Time().AddDate(0, 0, 84+7)
		cfg.To = cov.Span.To.Time()
	}
	t1 := time.Now()
	results := anomaly.Scan(series, cfg)
	flagged := 0
	for _, r := range results {
		if r.Flagged {
			flagged++
		}
	}
	fmt.Printf("scan: %d routes, %d route-days tested, %d flagged in %v\n", len(series), len(results), flagged, time.Since(t1).Round(time.Millisecond))
	fmt.Printf("total: %v\n", time.Since(start).Round(time.Millisecond))
}
