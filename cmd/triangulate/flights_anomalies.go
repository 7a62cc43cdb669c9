package main

import (
	"cmp"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/triangulate/triangulate/anomaly"
	"github.com/triangulate/triangulate/pipeline"
	"github.com/triangulate/triangulate/series"
)

func init() { addFlightsCommand(newFlightsAnomaliesCmd) }

func parseDayFlag(name, s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}, usagef("--%s %q: want YYYY-MM-DD", name, s)
	}
	return t, nil
}

func newFlightsAnomaliesCmd(a *app) *cobra.Command {
	var (
		dataset, route, from, to, svg, tails string
		countries                            []string
		asJSON, all, save                    bool
		fdr                                  float64
		testDays, limit                      int
	)
	cmd := &cobra.Command{
		Use:   "anomalies",
		Short: "Find surges and drops in route-day flight counts, with calendar explanations",
		Long: `Anomalies tests each route-day against its own baseline: a negative-binomial
model with a weekday effect fitted on the trailing 12 weeks, ending a 7-day
guard band before the tested day, past outliers down-weighted and days around
major holidays left out (Farrington / Noufaily family; see 'go doc anomaly').
Each day gets an expected count, a 99% prediction band and an exact p-value;
Benjamini–Hochberg controls the false discovery rate across every route and
day scanned. Flagged days list the observances from 7 days before to 3 days
after them (US federal holidays and Easter, Shia observances by the Hijri
calendar, Iranian solar holidays), chosen by the countries of the route's
airports.

Missing days (no coverage) are never tested and never read as zero. Sparse
routes (under 0.1 flights a day) and days with under 28 observed days of
history are skipped with the reason. Without --from/--to, each route's last
28 days are tested (--days).

--json prints one object a line: route, day, observed, expected, lower,
upper, p_value, q_value, direction, flagged, observable, observances …
--svg FILE (with --route) charts observed against the expected band, gaps
shaded, observances marked. --save stores flagged days as signals.`,
		Example: `  triangulate flights anomalies
  triangulate flights anomalies --route NJF-THR --from 2026-01-01 --to 2026-01-14 --svg njf-thr.svg
  triangulate flights anomalies --from 2001-05-01 --to 2001-06-30 --json
  triangulate flights anomalies --route ATL-ORD --all`,
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			fromT, err := parseDayFlag("from", from)
			if err != nil {
				return err
			}
			toT, err := parseDayFlag("to", to)
			if err != nil {
				return err
			}
			var rt series.Route
			if route != "" {
				if rt, err = series.ParseRoute(route); err != nil {
					return badInput(err)
				}
			} else if svg != "" {
				return usagef("--svg needs --route: a chart shows one route")
			}
			switch anomaly.Tails(tails) {
			case anomaly.Both, anomaly.Upper, anomaly.Lower:
			default:
				return usagef("--tails %q: want both, upper or lower", tails)
			}
			cs, st, err := a.openCase(ctx)
			if err != nil {
				return err
			}
			defer st.Close()
			cfg := anomaly.Config{From: fromT, To: toT, FDR: fdr, TestDays: testDays, Tails: anomaly.Tails(tails)}
			sc, err := cs.ScanRoutes(ctx, pipeline.Scan{Dataset: dataset, Route: rt, Countries: countries, Config: cfg, Save: save})
			if err != nil {
				return err
			}
			results, ds := sc.Results, sc.Dataset
			if svg != "" {
				if err := writeChartFile(svg, sc.Chart(rt, fmt.Sprintf("%s flights a day (%s): observed vs expected", rt, ds))); err != nil {
					return err
				}
			}
			shown := make([]anomaly.Result, 0, len(results))
			for _, r := range results {
				if r.Flagged || (all && (r.Tested || r.Missing)) {
					shown = append(shown, r)
				}
			}
			if !all {
				// Most significant first; ties by route and day for a stable listing.
				sort.SliceStable(shown, func(i, j int) bool { return shown[i].PValue < shown[j].PValue })
			}
			if limit > 0 && len(shown) > limit {
				shown = shown[:limit]
			}
			if asJSON {
				enc := json.NewEncoder(a.stdout)
				for _, r := range shown {
					if err := enc.Encode(r); err != nil {
						return err
					}
				}
				return nil
			}
			printScanSummary(a, ds, results, cfg.FDR)
			for _, r := range shown {
				printResult(a, r)
			}
			if route != "" {
				lo, hi := anomaly.Span(results)
				if window := sc.Chart(rt, "").Days; len(window) > 0 && !lo.IsZero() {
					window = series.Series{Days: window}.Window(lo, hi)
					fmt.Fprintf(a.stdout, "\n%s %s..%s  %s  (· = no coverage)\n", rt, lo.Format(time.DateOnly), hi.Format(time.DateOnly), series.Sparkline(window))
				}
			}
			if svg != "" {
				fmt.Fprintf(a.stdout, "\nchart written to %s\n", svg)
			}
			return nil
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&dataset, "dataset", "", "dataset (needed when several are stored)")
	fl.StringVar(&route, "route", "", "only this route, ORIGIN-DEST (multiple testing then covers its days only)")
	fl.StringVar(&from, "from", "", "first day tested, YYYY-MM-DD (history before it is still used for the baseline)")
	fl.StringVar(&to, "to", "", "last day tested, YYYY-MM-DD")
	fl.IntVar(&testDays, "days", 28, "without --from/--to: test each route's last N days")
	fl.Float64Var(&fdr, "fdr", 0.05, "false discovery rate for flagging (Benjamini–Hochberg)")
	fl.StringVar(&tails, "tails", "both", "both (surges and drops), upper (surges) or lower (drops)")
	fl.StringSliceVar(&countries, "country", nil, "calendars to consult, ISO codes (default: the countries of each route's airports)")
	fl.BoolVar(&asJSON, "json", false, "one JSON object a line")
	fl.BoolVar(&all, "all", false, "list every tested and missing route-day, not only flagged ones")
	fl.IntVar(&limit, "limit", 0, "list at most N lines (0: all)")
	fl.StringVar(&svg, "svg", "", "with --route: write an SVG chart to this file")
	fl.BoolVar(&save, "save", false, "store flagged route-days as signals (kind flight-surge or flight-drop)")
	return cmd
}

func printScanSummary(a *app, ds string, results []anomaly.Result, fdr float64) {
	routes := map[series.Route]bool{}
	skipped := map[string]map[series.Route]bool{}
	var tested, flagged, missing, explained int
	for _, r := range results {
		routes[r.Route] = true
		switch {
		case r.Tested:
			tested++
		case r.Missing:
			missing++
		default:
			reason := r.Reason
			if i := strings.Index(reason, ":"); i > 0 {
				reason = reason[:i]
			}
			if skipped[reason] == nil {
				skipped[reason] = map[series.Route]bool{}
			}
			skipped[reason][r.Route] = true
		}
		if r.Flagged {
			flagged++
			if r.Explained {
				explained++
			}
		}
	}
	fmt.Fprintf(a.stdout, "dataset %s: %d routes, %d route-days tested, %d missing (not tested), %d flagged at FDR %.0f%% (%d near a major observance)\n",
		ds, len(routes), tested, missing, flagged, 100*cmp.Or(fdr, anomaly.DefaultConfig().FDR), explained)
	reasons := make([]string, 0, len(skipped))
	for k := range skipped {
		reasons = append(reasons, k)
	}
	sort.Strings(reasons)
	for _, k := range reasons {
		fmt.Fprintf(a.stdout, "  not tested: %s (%d routes)\n", k, len(skipped[k]))
	}
	fmt.Fprintln(a.stdout)
}

func printResult(a *app, r anomaly.Result) {
	if !r.Tested {
		obs := fmt.Sprint(r.Observed)
		if r.Missing {
			obs = "missing"
		}
		fmt.Fprintf(a.stdout, "%s %s  %-9s %8s  not tested: %s\n", r.Day(), r.Date.Weekday().String()[:3], r.Route, obs, r.Reason)
		return
	}
	mark := " "
	if r.Flagged {
		mark = "!"
	}
	fmt.Fprintf(a.stdout, "%s%s %s  %-9s %8d  expected %.1f (%d–%d)  p=%.2g q=%.2g  %s  %.0f%% of fit window observed",
		mark, r.Day(), r.Date.Weekday().String()[:3], r.Route, r.Observed, r.Expected, r.Lower, r.Upper, r.PValue, r.QValue, r.Direction, 100*r.Observable)
	if r.CUSUMAlarm {
		fmt.Fprintf(a.stdout, "  CUSUM %.1f (sustained shift)", r.CUSUM)
	}
	fmt.Fprintln(a.stdout)
	for _, o := range r.Observances {
		fmt.Fprintf(a.stdout, "      %s %+d days: %s", o.Day(), -o.DaysFrom(r.Date), o.Name)
		if o.Uncertain > 0 {
			fmt.Fprintf(a.stdout, " (±%d by moon sighting)", o.Uncertain)
		}
		if o.Major {
			fmt.Fprint(a.stdout, " — moves travel")
		}
		fmt.Fprintln(a.stdout)
	}
}

// writeChartFile writes the SVG of a chart to path.
func writeChartFile(path string, c pipeline.Chart) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("chart: %w", err)
	}
	if _, err := pipeline.WriteChart(f, c); err != nil {
		f.Close()
		return fmt.Errorf("chart %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("chart %s: %w", path, err)
	}
	return nil
}
