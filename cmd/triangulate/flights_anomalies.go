package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/triangulate/triangulate/anomaly"
	"github.com/triangulate/triangulate/calendar"
	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/errs"
	"github.com/triangulate/triangulate/knowledge"
	"github.com/triangulate/triangulate/store"
)

func init() { addFlightsCommand(newFlightsAnomaliesCmd) }

// anomalyDataset picks the one dataset a scan or check reads.
func anomalyDataset(ctx context.Context, st store.Store, name string) (string, error) {
	sets, err := flightDatasets(ctx, st, name)
	if err != nil {
		return "", err
	}
	if len(sets) > 1 {
		return "", usagef("several datasets are stored (%s): choose one with --dataset", strings.Join(sets, ", "))
	}
	return sets[0], nil
}

// seriesFromRows groups store rows into per-route series.
func seriesFromRows(rows []store.RouteDay) (map[anomaly.Route][]anomaly.Day, error) {
	out := map[anomaly.Route][]anomaly.Day{}
	for _, r := range rows {
		t, err := time.Parse(time.DateOnly, r.Day)
		if err != nil {
			return nil, fmt.Errorf("flights: stored day %q: %w", r.Day, err)
		}
		k := anomaly.Route{Origin: r.Origin, Dest: r.Dest}
		out[k] = append(out[k], anomaly.Day{Date: t, Count: r.Count, Missing: r.Missing})
	}
	return out, nil
}

// routeCountries returns, for a route, the ISO countries of its airports
// (from the knowledge pack), whose calendars may explain its counts.
// countries, when given, overrides the lookup.
func routeCountries(a *app, countries []string) (func(anomaly.Route) []string, error) {
	if len(countries) > 0 {
		cs := make([]string, len(countries))
		for i, c := range countries {
			cs[i] = strings.ToUpper(c)
		}
		return func(anomaly.Route) []string { return cs }, nil
	}
	pack, err := knowledge.Load(a.packDirs...)
	if err != nil {
		return nil, err
	}
	return func(r anomaly.Route) []string {
		// nil for unknown airports: then every calendar is consulted.
		return pack.AirportCountries(r.Origin, r.Dest)
	}, nil
}

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
			var rt anomaly.Route
			if route != "" {
				if rt, err = anomaly.ParseRoute(route); err != nil {
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
			st, err := a.openStore(ctx)
			if err != nil {
				return err
			}
			defer st.Close()
			ds, err := anomalyDataset(ctx, st, dataset)
			if err != nil {
				return err
			}
			rows, err := st.Series(ctx, store.SeriesFilter{Dataset: ds, Origin: rt.Origin, Dest: rt.Dest})
			if err != nil {
				return err
			}
			if len(rows) == 0 {
				if route != "" {
					return errs.E(errs.NotFound, "flights anomalies", fmt.Sprintf("no route %s in dataset %q", rt, ds))
				}
				return errs.E(errs.NotFound, "flights anomalies", fmt.Sprintf("dataset %q is empty", ds))
			}
			series, err := seriesFromRows(rows)
			if err != nil {
				return err
			}
			cf, err := routeCountries(a, countries)
			if err != nil {
				return err
			}
			cfg := anomaly.Config{From: fromT, To: toT, FDR: fdr, TestDays: testDays, Tails: anomaly.Tails(tails), Countries: cf}
			results := anomaly.Scan(series, cfg)

			if save {
				if err := saveAnomalySignals(ctx, st, ds, results); err != nil {
					return err
				}
			}
			if svg != "" {
				if err := writeRouteChart(svg, fmt.Sprintf("%s flights a day (%s): observed vs expected", rt, ds), series[rt], results, cf(rt)); err != nil {
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
			printScanSummary(a, ds, results, cfg)
			for _, r := range shown {
				printResult(a, r)
			}
			if route != "" {
				days := anomaly.Densify(series[rt], time.Time{}, time.Time{})
				lo, hi := anomaly.Span(results)
				var window []anomaly.Day
				for _, d := range days {
					if !d.Date.Before(lo) && !d.Date.After(hi) {
						window = append(window, d)
					}
				}
				if len(window) > 0 {
					fmt.Fprintf(a.stdout, "\n%s %s..%s  %s  (· = no coverage)\n", rt, lo.Format(time.DateOnly), hi.Format(time.DateOnly), anomaly.Sparkline(window))
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

func printScanSummary(a *app, ds string, results []anomaly.Result, cfg anomaly.Config) {
	routes := map[anomaly.Route]bool{}
	skipped := map[string]map[anomaly.Route]bool{}
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
				skipped[reason] = map[anomaly.Route]bool{}
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
		ds, len(routes), tested, missing, flagged, 100*cfg.FDR, explained)
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

// writeRouteChart writes the SVG of one route: the days results cover, with
// the observances of its countries.
func writeRouteChart(path, title string, days []anomaly.Day, results []anomaly.Result, countries []string) error {
	lo, hi := anomaly.Span(results)
	if lo.IsZero() {
		return errs.E(errs.NotFound, "chart", "no days to chart")
	}
	window := anomaly.Densify(days, lo, hi)
	obs := calendar.Default().Observances(lo, hi, countries...)
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("chart: %w", err)
	}
	if err := anomaly.ChartSVG(f, anomaly.Chart{Title: title, Days: window, Results: results, Observances: obs}); err != nil {
		f.Close()
		return fmt.Errorf("chart %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("chart %s: %w", path, err)
	}
	return nil
}

// saveAnomalySignals stores flagged route-days as signals (upserted by id).
func saveAnomalySignals(ctx context.Context, st store.Store, ds string, results []anomaly.Result) error {
	now := time.Now().UTC()
	var sigs []claim.Signal
	for _, r := range results {
		if !r.Flagged {
			continue
		}
		kind := "flight-" + r.Direction
		summary := fmt.Sprintf("%s on %s: %d flights against %.1f expected (99%% band %d–%d), p = %.2g, q = %.2g",
			r.Route, r.Day(), r.Observed, r.Expected, r.Lower, r.Upper, r.PValue, r.QValue)
		if r.Explained {
			summary += "; a major observance is near: " + r.Observances[0].Name
		}
		sigs = append(sigs, claim.Signal{
			ID:      fmt.Sprintf("%s-%s-%s-%s", kind, ds, r.Route, r.Day()),
			Kind:    kind,
			Subject: r.Route.String(),
			From:    r.Day(),
			To:      r.Day(),
			Verdict: claim.Supported,
			PValue:  r.PValue,
			Summary: summary,
			Details: map[string]any{"dataset": ds, "result": r},
			Created: now,
		})
	}
	if len(sigs) == 0 {
		return nil
	}
	return st.PutSignals(ctx, sigs)
}
