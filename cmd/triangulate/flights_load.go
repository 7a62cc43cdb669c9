package main

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // local days need time zones even where the system has none

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"github.com/triangulate/triangulate/flights"
	"github.com/triangulate/triangulate/pipeline"
)

func init() { addFlightsCommand(newFlightsLoadCmd) }

func newFlightsLoadCmd(a *app) *cobra.Command {
	var (
		format, dataset, mapping, backend, dsn, table, sbsZone, maxRejected string
		gaps, groups                                                        []string
		noInfer, keepCodes                                                  bool
		ratio                                                               float64
		showErrors                                                          int
	)
	cmd := &cobra.Command{
		Use:   "load [flags] FILE…",
		Short: "Read flight lists or ADS-B positions into route-day counts",
		Long: `Load reads flight records and stores route-day counts (flights per origin,
destination and day) as a dataset. Raw rows are not stored: the series is.

Formats (--format auto picks one from each file's name and first bytes):
  opensky       OpenSky flight list, CSV or Parquet (icao24, callsign, firstseen,
                lastseen, estdepartureairport, estarrivalairport, day)
  fr24          Flightradar24 CSV: a per-flight track (Timestamp,UTC,Callsign,
                Position,…) or a flight-history list (DATE, FROM, TO, FLIGHT, STD, ATD)
  readsb        readsb/tar1090 trace JSON (trace_full_*.json, gzipped or not)
                or aircraft.json snapshots (adsb.lol archives)
  sbs           SBS-1 BaseStation lines (dump1090 port 30003), read leniently
  statevectors  OpenSky state vectors, Parquet (Trino state_vectors_data4)
  bts           date (local departure time), origin, destination; CSV or Parquet
  csv           any CSV, with --map origin=COL,dest=COL,time=COL[,timefmt=unix][,local=true]

Position data (readsb, sbs, statevectors, FR24 tracks) is pooled across the
files given and cut into legs; a leg's airports are those nearest (within
10 km) to where it took off and landed, or unknown. Legs or flights without
both airports are reported and not counted.

Days are the departure airport's local days (a flight leaving Tehran at
23:30 UTC counts on the next day); BTS dates are local already. Airports are
counted by IATA code when the airport data knows them (--keep-codes to keep
the source's codes). --group TEHRAN=THR,IKA counts several airports as one.

Missing is not zero. A day the source did not cover is stored as missing:
declare such days with --gap FROM..TO; days when the whole dataset's daily
total collapses below --gap-ratio of the trailing 14-day median are inferred
missing for every route (--no-infer-gaps to turn that off). Inside the
covered span, a route with no flights on a day has a true 0.

Rows that cannot be read are rejected with file:line: reason (a row with
more fields than the header, as one with fewer); the count of rejected rows
is always printed, by reason, and the first --show-errors of them. A load
whose rejected rows pass --max-rejected (default 1 % of the rows read) fails
and stores nothing: a file half of whose rows are wrong is not a dataset.
--max-rejected 100% accepts anything.

With --backend clickhouse the aggregation runs in ClickHouse over an
OpenSky-like flights table (--dsn, --table): FILEs given are inserted into
that table first; with no FILE the table is aggregated as it is.`,
		Example: `  triangulate flights load ../shared/data/flights-3m.parquet
  triangulate flights load --dataset tehran --group TEHRAN=THR,IKA --gap 2024-04-13..2024-04-14 fr24-*.csv
  triangulate flights load --format readsb traces/*/trace_full_*.json
  triangulate flights load --format csv --map origin=dep,dest=arr,time=off_utc,timefmt=unix flights.csv
  triangulate flights load --max-rejected 5% messy-export.csv
  triangulate flights load --backend clickhouse --dsn clickhouse://127.0.0.1:9000/default --table flights --dataset opensky`,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			req := pipeline.FlightLoad{Files: args, Dataset: dataset, KeepCodes: keepCodes,
				Groups: flights.Groups{}, Coverage: flights.CoverageOptions{Infer: !noInfer, MinRatio: ratio}}
			var err error
			if req.Format, err = flights.ParseFormat(format); err != nil {
				return badInput(err)
			}
			for _, g := range groups {
				if err := req.Groups.Parse(g); err != nil {
					return badInput(err)
				}
			}
			for _, g := range gaps {
				r, err := flights.ParseDayRange(g)
				if err != nil {
					return usagef("--gap: %w", err)
				}
				req.Coverage.Gaps = append(req.Coverage.Gaps, r)
			}
			req.Reader.MaxErrors = showErrors
			if mapping != "" {
				if req.Reader.Mapping, err = flights.ParseMapping(mapping); err != nil {
					return badInput(err)
				}
				if req.Format == flights.Auto {
					req.Format = flights.CSV
				}
			}
			if sbsZone != "" {
				if req.Reader.SBSZone, err = time.LoadLocation(sbsZone); err != nil {
					return usagef("--sbs-zone: %w", err)
				}
			}
			if req.MaxRejected, err = parsePercent(maxRejected); err != nil {
				return usagef("--max-rejected: %w", err)
			}
			switch backend {
			case "local":
				if len(args) == 0 {
					return usagef("no FILE given")
				}
			case "clickhouse":
				if dsn == "" {
					return usagef("--backend clickhouse needs --dsn")
				}
				req.ClickHouse = &pipeline.ClickHouseSource{DSN: dsn, Table: table}
			default:
				return usagef("--backend %q: want local or clickhouse", backend)
			}
			var bar *progressbar.ProgressBar
			if a.stderrIsTerminal() && len(args) > 1 {
				bar = progressbar.NewOptions(len(args), progressbar.OptionSetWriter(a.stderr),
					progressbar.OptionSetDescription("reading"), progressbar.OptionClearOnFinish())
				req.Progress = func(done int) { bar.Set(done) }
			}
			cs, st, err := a.openCase(ctx)
			if err != nil {
				return err
			}
			defer st.Close()
			res, err := cs.LoadFlights(ctx, req)
			if bar != nil {
				bar.Finish()
			}
			if res != nil {
				printFlightsLoaded(a, res, backend, table, showErrors)
			}
			return err
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&format, "format", "auto", "input format: auto|opensky|fr24|readsb|sbs|statevectors|bts|csv")
	fl.StringArrayVar(&gaps, "gap", nil, "days the source did not cover, FROM..TO or DAY (repeatable): stored as missing")
	fl.StringVar(&dataset, "dataset", "", "dataset name (default: the first file's name)")
	fl.StringArrayVar(&groups, "group", nil, "count airports as one: NAME=CODE,CODE (repeatable), e.g. TEHRAN=THR,IKA")
	fl.StringVar(&mapping, "map", "", "generic CSV columns: origin=COL,dest=COL,time=COL[,callsign=COL][,timefmt=unix|LAYOUT][,local=true]")
	fl.BoolVar(&noInfer, "no-infer-gaps", false, "do not mark days missing when the whole dataset's total collapses")
	fl.Float64Var(&ratio, "gap-ratio", 0.2, "a day whose total is below this share of the trailing 14-day median is missing")
	fl.BoolVar(&keepCodes, "keep-codes", false, "keep airport codes as the source gives them (default: IATA when known)")
	fl.StringVar(&sbsZone, "sbs-zone", "", "time zone of SBS-1 timestamps (dump1090 writes the receiver's local time; default UTC)")
	fl.IntVar(&showErrors, "show-errors", 10, "how many rejected rows to print (file:line: reason)")
	fl.StringVar(&maxRejected, "max-rejected", "1%", "largest share of rejected rows a load accepts, e.g. 1%, 0.5%, 100% (then nothing is refused)")
	fl.StringVar(&backend, "backend", "local", "where to count: local or clickhouse")
	fl.StringVar(&dsn, "dsn", os.Getenv("TRIANGULATE_CLICKHOUSE"), "ClickHouse native-protocol DSN, e.g. clickhouse://127.0.0.1:9000/default (env TRIANGULATE_CLICKHOUSE)")
	fl.StringVar(&table, "table", "flights", "ClickHouse table shaped like OpenSky's flights table")
	return cmd
}

// parsePercent reads a share of rows written as a percentage: "1%", "0.5 %",
// "100%" (the sign may be left out).
func parsePercent(s string) (float64, error) {
	t := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "%"))
	p, err := strconv.ParseFloat(t, 64)
	if err != nil || p < 0 || p > 100 {
		return 0, fmt.Errorf("%q is not a percentage from 0%% to 100%%", s)
	}
	if p == 0 {
		return 1e-12, nil // 0 % refuses any rejected row (0 would mean the default)
	}
	return p / 100, nil
}

// printFlightsLoaded reports a load: each file, the rejections by reason
// and the first rejected rows, what was counted, the coverage, what was
// stored.
func printFlightsLoaded(a *app, res *pipeline.FlightsLoaded, backend, table string, showErrors int) {
	shown := 0
	for _, r := range res.Reports {
		fmt.Fprintf(a.stdout, "%s (%s): %d rows read, %d ok, %d rejected\n", r.File, r.Format, r.Rows, r.OK, r.Rejected)
		for _, n := range r.Notes {
			fmt.Fprintf(a.stdout, "  note: %s\n", n)
		}
		for _, e := range r.Errors {
			if shown >= showErrors {
				break
			}
			fmt.Fprintf(a.stderr, "%s\n", e)
			shown++
		}
	}
	if res.Rejected > shown {
		fmt.Fprintf(a.stderr, "… %d more rejected rows not shown (--show-errors N)\n", res.Rejected-shown)
	}
	if res.Rejected > 0 {
		fmt.Fprintf(a.stdout, "rejected by reason: %s\n", strings.Join(pipeline.ReasonCounts(res.Reasons), ", "))
	}
	if backend == "clickhouse" {
		if len(res.Reports) > 0 {
			fmt.Fprintf(a.stdout, "inserted %d flights into ClickHouse table %s\n", res.Inserted, table)
		}
		if res.Stored {
			fmt.Fprintln(a.stdout, "counted by the departure airport's local day, in ClickHouse")
		}
	} else if res.Coverage.Span.Days() > 0 || res.Stored {
		if res.Legs > 0 {
			fmt.Fprintf(a.stdout, "inferred %d flight legs from positions\n", res.Legs)
		}
		if res.Unrouted > 0 {
			fmt.Fprintf(a.stdout, "not counted: %d flights or legs without both a departure and an arrival airport\n", res.Unrouted)
		}
		fmt.Fprintf(a.stdout, "counted %d flights by the departure airport's local day", res.Flights)
		if res.UTCDays > 0 {
			fmt.Fprintf(a.stdout, " (%d by UTC day: their airport's time zone is unknown)", res.UTCDays)
		}
		fmt.Fprintln(a.stdout)
	}
	if !res.Stored {
		return
	}
	printFlightCoverage(a.stdout, res.Coverage)
	fmt.Fprintf(a.stdout, "stored %d route-days on %d routes as dataset %q\n", res.Days, res.Routes, res.Dataset)
}

func printFlightCoverage(w io.Writer, c flights.Coverage) {
	fmt.Fprintf(w, "coverage %s: %d days, %d missing", c.Span, c.Span.Days(), c.MissingDays())
	var parts []string
	for _, g := range c.Declared {
		parts = append(parts, g.String()+" declared")
	}
	for _, g := range c.Inferred {
		parts = append(parts, g.String()+" inferred (dataset-wide collapse)")
	}
	if len(parts) > 0 {
		fmt.Fprintf(w, " (%s)", strings.Join(parts, "; "))
	}
	fmt.Fprintln(w)
}
