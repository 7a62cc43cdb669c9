package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"time"
	_ "time/tzdata" // local days need time zones even where the system has none

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"github.com/triangulate/triangulate/errs"
	"github.com/triangulate/triangulate/flights"
	"github.com/triangulate/triangulate/knowledge"
	"github.com/triangulate/triangulate/store"
)

func init() { addFlightsCommand(newFlightsLoadCmd) }

// flightAirports indexes the knowledge packs' airports for the flights package.
func flightAirports(a *app) (*flights.Airports, error) {
	pack, err := knowledge.Load(a.packDirs...)
	if err != nil {
		return nil, err
	}
	kas := pack.Airports()
	list := make([]flights.Airport, 0, len(kas))
	for _, k := range kas {
		list = append(list, flights.Airport{IATA: k.IATA, ICAO: k.ICAO, Name: k.Name, City: k.City,
			Country: k.Country, Lat: k.Lat, Lon: k.Lon, TZ: k.TZ, UTCOffset: k.UTCOffset})
	}
	return flights.NewAirports(list), nil
}

// flightGroups parses repeated --group NAME=CODE,CODE flags.
func flightGroups(specs []string) (flights.Groups, error) {
	g := flights.Groups{}
	for _, s := range specs {
		if err := g.Parse(s); err != nil {
			return nil, badInput(err)
		}
	}
	return g, nil
}

// flightCoverage parses --gap flags into coverage options.
func flightCoverage(gaps []string, infer bool, ratio float64) (flights.CoverageOptions, error) {
	opt := flights.CoverageOptions{Infer: infer, MinRatio: ratio}
	for _, g := range gaps {
		r, err := flights.ParseDayRange(g)
		if err != nil {
			return opt, usagef("--gap: %w", err)
		}
		opt.Gaps = append(opt.Gaps, r)
	}
	return opt, nil
}

func newFlightsLoadCmd(a *app) *cobra.Command {
	var (
		format, dataset, mapping, backend, dsn, table, sbsZone string
		gaps, groups                                           []string
		noInfer, keepCodes                                     bool
		ratio                                                  float64
		showErrors                                             int
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

Rows that cannot be read are rejected with file:line: reason; the count of
rejected rows is always printed, and the first --show-errors of them.

With --backend clickhouse the aggregation runs in ClickHouse over an
OpenSky-like flights table (--dsn, --table): FILEs given are inserted into
that table first; with no FILE the table is aggregated as it is.`,
		Example: `  triangulate flights load ../shared/data/flights-3m.parquet
  triangulate flights load --dataset tehran --group TEHRAN=THR,IKA --gap 2024-04-13..2024-04-14 fr24-*.csv
  triangulate flights load --format readsb traces/*/trace_full_*.json
  triangulate flights load --format csv --map origin=dep,dest=arr,time=off_utc,timefmt=unix flights.csv
  triangulate flights load --backend clickhouse --dsn clickhouse://127.0.0.1:9000/default --table flights --dataset opensky`,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			f, err := flights.ParseFormat(format)
			if err != nil {
				return badInput(err)
			}
			grp, err := flightGroups(groups)
			if err != nil {
				return err
			}
			cov, err := flightCoverage(gaps, !noInfer, ratio)
			if err != nil {
				return err
			}
			ropt := flights.Options{MaxErrors: max(showErrors, flights.MaxRowErrors)}
			if mapping != "" {
				if ropt.Mapping, err = flights.ParseMapping(mapping); err != nil {
					return badInput(err)
				}
				if f == flights.Auto {
					f = flights.CSV
				}
			}
			if sbsZone != "" {
				if ropt.SBSZone, err = time.LoadLocation(sbsZone); err != nil {
					return usagef("--sbs-zone: %w", err)
				}
			}
			if ropt.Airports, err = flightAirports(a); err != nil {
				return err
			}
			if dataset == "" {
				if len(args) == 0 {
					return usagef("name the dataset with --dataset")
				}
				dataset = flights.DatasetName(args[0])
			}
			var rows []store.RouteDay
			var c flights.Coverage
			switch backend {
			case "local":
				if len(args) == 0 {
					return usagef("no FILE given")
				}
				rows, c, err = loadFlightsLocal(ctx, a, args, f, ropt, grp, !keepCodes, cov, showErrors)
			case "clickhouse":
				rows, c, err = loadFlightsClickHouse(ctx, a, args, dsn, table, f, ropt, grp, !keepCodes, cov, showErrors)
			default:
				return usagef("--backend %q: want local or clickhouse", backend)
			}
			if err != nil {
				return err
			}
			printFlightCoverage(a.stdout, c)
			st, err := a.openStore(ctx)
			if err != nil {
				return err
			}
			defer st.Close()
			if err := st.PutSeries(ctx, dataset, rows); err != nil {
				return err
			}
			routes := map[[2]string]bool{}
			for _, r := range rows {
				routes[[2]string{r.Origin, r.Dest}] = true
			}
			fmt.Fprintf(a.stdout, "stored %d route-days on %d routes as dataset %q\n", len(rows), len(routes), dataset)
			return nil
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
	fl.StringVar(&backend, "backend", "local", "where to count: local or clickhouse")
	fl.StringVar(&dsn, "dsn", os.Getenv("TRIANGULATE_CLICKHOUSE"), "ClickHouse native-protocol DSN, e.g. clickhouse://127.0.0.1:9000/default (env TRIANGULATE_CLICKHOUSE)")
	fl.StringVar(&table, "table", "flights", "ClickHouse table shaped like OpenSky's flights table")
	return cmd
}

func loadFlightsLocal(ctx context.Context, a *app, files []string, f flights.Format, ropt flights.Options, grp flights.Groups, normalize bool, cov flights.CoverageOptions, showErrors int) ([]store.RouteDay, flights.Coverage, error) {
	opt := flights.LoadOptions{Format: f, Reader: ropt, Groups: grp, Normalize: normalize}
	var bar *progressbar.ProgressBar
	if a.stderrIsTerminal() && len(files) > 1 {
		bar = progressbar.NewOptions(len(files), progressbar.OptionSetWriter(a.stderr),
			progressbar.OptionSetDescription("reading"), progressbar.OptionClearOnFinish())
		opt.Progress = func(done int) { bar.Set(done) }
	}
	res, err := flights.Load(ctx, files, opt)
	if bar != nil {
		bar.Finish()
	}
	if err != nil {
		return nil, flights.Coverage{}, err
	}
	printFlightReports(a, res.Reports, showErrors)
	if res.Legs > 0 {
		fmt.Fprintf(a.stdout, "inferred %d flight legs from positions\n", res.Legs)
	}
	if res.Unrouted > 0 {
		fmt.Fprintf(a.stdout, "not counted: %d flights or legs without both a departure and an arrival airport\n", res.Unrouted)
	}
	fmt.Fprintf(a.stdout, "counted %d flights by the departure airport's local day", res.Series.Flights())
	if res.UTCDays > 0 {
		fmt.Fprintf(a.stdout, " (%d by UTC day: their airport's time zone is unknown)", res.UTCDays)
	}
	fmt.Fprintln(a.stdout)
	rows, c, err := res.RouteDays(cov)
	if err != nil {
		return nil, c, errs.E(errs.BadInput, "flights load", err)
	}
	return rows, c, nil
}

func loadFlightsClickHouse(ctx context.Context, a *app, files []string, dsn, table string, f flights.Format, ropt flights.Options, grp flights.Groups, normalize bool, cov flights.CoverageOptions, showErrors int) ([]store.RouteDay, flights.Coverage, error) {
	if dsn == "" {
		return nil, flights.Coverage{}, usagef("--backend clickhouse needs --dsn")
	}
	ch, err := flights.OpenClickHouse(ctx, dsn, table)
	if err != nil {
		return nil, flights.Coverage{}, err
	}
	defer ch.Close()
	ch.Airports, ch.Groups, ch.Normalize, ch.LocalDays = ropt.Airports, grp, normalize, true
	if len(files) > 0 {
		if err := ch.CreateTable(ctx); err != nil {
			return nil, flights.Coverage{}, err
		}
		var reps []*flights.Report
		total := 0
		for _, path := range files {
			r, err := flights.Open(path, f, ropt)
			if err != nil {
				return nil, flights.Coverage{}, err
			}
			var fs []flights.Flight
			for {
				fl, err := r.Next()
				if err == io.EOF {
					break
				}
				if err != nil {
					r.Close()
					return nil, flights.Coverage{}, err
				}
				fs = append(fs, fl)
			}
			r.Close()
			reps = append(reps, r.Report())
			n, err := ch.InsertFlights(ctx, fs, ropt.Airports, 0)
			total += n
			if err != nil {
				return nil, flights.Coverage{}, err
			}
		}
		printFlightReports(a, reps, showErrors)
		fmt.Fprintf(a.stdout, "inserted %d flights into ClickHouse table %s\n", total, table)
	}
	rows, c, err := ch.RouteDays(ctx, flights.Filter{Coverage: cov})
	if err != nil {
		return nil, c, err
	}
	if len(rows) == 0 {
		return nil, c, errs.E(errs.NotFound, "flights load", "the ClickHouse table holds no flights with both airports")
	}
	fmt.Fprintf(a.stdout, "counted by the departure airport's local day, in ClickHouse\n")
	return rows, c, nil
}

func printFlightReports(a *app, reps []*flights.Report, showErrors int) {
	shown := 0
	for _, r := range reps {
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
	var rejected int
	for _, r := range reps {
		rejected += r.Rejected
	}
	if rejected > shown {
		fmt.Fprintf(a.stderr, "… %d more rejected rows not shown (--show-errors N)\n", rejected-shown)
	}
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
