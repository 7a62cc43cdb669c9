package main

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/triangulate/triangulate/anomaly"
	"github.com/triangulate/triangulate/pipeline"
)

func init() { addFlightsCommand(newFlightsCheckCmd) }

// parseWindow reads FROM..TO (or a single day).
func parseWindow(s string) (from, to time.Time, err error) {
	a, b, ok := strings.Cut(s, "..")
	if !ok {
		b = a
	}
	if from, err = time.Parse(time.DateOnly, strings.TrimSpace(a)); err != nil {
		return from, to, fmt.Errorf("window %q: want FROM..TO as YYYY-MM-DD..YYYY-MM-DD", s)
	}
	if to, err = time.Parse(time.DateOnly, strings.TrimSpace(b)); err != nil {
		return from, to, fmt.Errorf("window %q: want FROM..TO as YYYY-MM-DD..YYYY-MM-DD", s)
	}
	if to.Before(from) {
		return from, to, fmt.Errorf("window %q ends before it starts", s)
	}
	return from, to, nil
}

// parseRange reads LO..HI (or a single number).
func parseRange(s string) (lo, hi float64, err error) {
	a, b, ok := strings.Cut(s, "..")
	if !ok {
		b = a
	}
	if lo, err = strconv.ParseFloat(strings.TrimSpace(a), 64); err != nil {
		return 0, 0, fmt.Errorf("range %q: want LO..HI", s)
	}
	if hi, err = strconv.ParseFloat(strings.TrimSpace(b), 64); err != nil {
		return 0, 0, fmt.Errorf("range %q: want LO..HI", s)
	}
	if hi < lo || lo < 0 {
		return 0, 0, fmt.Errorf("range %q: want 0 ≤ LO ≤ HI", s)
	}
	return lo, hi, nil
}

func newFlightsCheckCmd(a *app) *cobra.Command {
	var (
		dataset, normal, claimID, svg string
		countries                     []string
		atLeast                       int
		increase                      float64
		asJSON, noSave                bool
	)
	cmd := &cobra.Command{
		Use:   "check [ORIGIN DEST FROM..TO]",
		Short: "Test a claim about flight counts on a route and dates against the data",
		Long: `Check turns a claim about flight counts into explicit tests and runs them on
the stored route-day series:

  --at-least N     is tested in both readings of the wording: N on each day of
                   the window, and N over the whole window (their p-values can
                   differ by orders of magnitude, so both are shown)
  --normal LO..HI  the claimed usual daily count, compared with the fitted
                   baseline; used as the baseline itself when the data has no
                   history before the window
  --increase N     "up by about N a day", tested as a shift in the window mean

The baseline is fitted on the 12 weeks before the window (7-day guard band,
weekday effect, negative binomial). The verdict is supported, contradicted
or untestable (the window's days are gaps, or there is no data), with the
observed fraction of the window, the p-value of the more conservative
reading, the observances from 7 days before to 3 days after the window that
could explain a rise (Shia observances by the Hijri calendar, Nowruz, US
holidays), and the tests to run next.

The result is stored as a signal (kind flight-check); --claim ID links it to a
claim, and fills the route, window and figures the command line leaves out.`,
		Example: `  triangulate flights check NJF THR 2026-01-07..2026-01-08 --at-least 15 --normal 4..5
  triangulate flights check NJF MHD 2026-01-06..2026-01-12 --increase 2
  triangulate flights check --claim 000-14
  triangulate flights check ATL ORD 2001-05-25..2001-05-28 --at-least 100 --json`,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			if len(args) != 0 && len(args) != 3 {
				return usagef("want ORIGIN DEST FROM..TO, or --claim ID alone")
			}
			if len(args) == 0 && claimID == "" {
				return usagef("want ORIGIN DEST FROM..TO, or --claim ID")
			}
			var chk anomaly.Check
			if len(args) == 3 {
				chk.Origin, chk.Dest = strings.ToUpper(args[0]), strings.ToUpper(args[1])
				from, to, err := parseWindow(args[2])
				if err != nil {
					return badInput(err)
				}
				chk.From, chk.To = from, to
			}
			if atLeast < 0 || increase < 0 {
				return usagef("--at-least and --increase must not be negative")
			}
			chk.AtLeast, chk.Increase = atLeast, increase
			if normal != "" {
				lo, hi, err := parseRange(normal)
				if err != nil {
					return usagef("--normal: %w", err)
				}
				chk.NormalLo, chk.NormalHi = lo, hi
			}
			cs, st, err := a.openCase(ctx)
			if err != nil {
				return err
			}
			defer st.Close()
			res, err := cs.CheckClaim(ctx, pipeline.FlightCheck{Dataset: dataset, Check: chk, ClaimID: claimID, Countries: countries, NoSave: noSave})
			if err != nil {
				return err
			}
			ds, sig := res.Dataset, res.Signal
			if svg != "" {
				title := fmt.Sprintf("%s %s..%s: observed vs expected (%s)", res.Route, res.From, res.To, ds)
				if err := writeChartFile(svg, res.Chart(title)); err != nil {
					return err
				}
			}
			if asJSON {
				return json.NewEncoder(a.stdout).Encode(struct {
					anomaly.CheckResult
					SignalID string `json:"signal_id"`
					ClaimID  string `json:"claim_id,omitempty"`
					Dataset  string `json:"dataset"`
				}{res.CheckResult, sig.ID, claimID, ds})
			}
			printCheck(a, res.CheckResult, ds)
			if !noSave {
				fmt.Fprintf(a.stdout, "\nstored signal %s", sig.ID)
				if claimID != "" {
					fmt.Fprintf(a.stdout, " linked to claim %s", claimID)
				}
				fmt.Fprintln(a.stdout)
			}
			if svg != "" {
				fmt.Fprintf(a.stdout, "chart written to %s\n", svg)
			}
			return nil
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&dataset, "dataset", "", "dataset (needed when several are stored)")
	fl.IntVar(&atLeast, "at-least", 0, "claimed count: at least N flights (tested per day and over the window)")
	fl.StringVar(&normal, "normal", "", "claimed usual flights a day, LO..HI")
	fl.Float64Var(&increase, "increase", 0, "claimed increase, flights a day above the baseline")
	fl.StringVar(&claimID, "claim", "", "link the result to this claim (and take route, window and figures from it when not given)")
	fl.StringSliceVar(&countries, "country", nil, "calendars to consult, ISO codes (default: the countries of the route's airports)")
	fl.BoolVar(&asJSON, "json", false, "print the result as one JSON object")
	fl.StringVar(&svg, "svg", "", "write an SVG chart of the window and the six weeks before it")
	fl.BoolVar(&noSave, "no-save", false, "do not store the signal")
	return cmd
}

func printCheck(a *app, res anomaly.CheckResult, ds string) {
	w := a.stdout
	fmt.Fprintf(w, "%s  %s..%s  (dataset %s)\n", res.Subject, res.From, res.To, ds)
	fmt.Fprintf(w, "verdict: %s", strings.ToUpper(string(res.Verdict)))
	if res.PValue != nil {
		fmt.Fprintf(w, "   p = %.3g (the more conservative reading)", *res.PValue)
	}
	fmt.Fprintf(w, "   %.0f%% of the window observed\n\n", 100*res.Observable)
	fmt.Fprintf(w, "baseline: %s\n", res.Baseline)
	if res.Normal != "" {
		fmt.Fprintf(w, "normal:   %s\n", res.Normal)
	}
	fmt.Fprintln(w, "\nday         observed  expected  99% upper  P(X ≥ observed)")
	for _, d := range res.Days {
		if d.Observed == nil {
			fmt.Fprintf(w, "%s  %8s  %8.1f  %9d  gap: unknown, not zero\n", d.Day, "missing", d.Expected, d.Upper)
			continue
		}
		p := "-"
		if d.PUpper != nil {
			p = fmt.Sprintf("%.3g", *d.PUpper)
		}
		fmt.Fprintf(w, "%s  %8d  %8.1f  %9d  %s\n", d.Day, *d.Observed, d.Expected, d.Upper, p)
	}
	fmt.Fprintln(w, "\nreadings:")
	for _, r := range res.Readings {
		fmt.Fprintf(w, "  %-16s %-12s %s\n", r.Name, r.Verdict, r.Claim)
		fmt.Fprintf(w, "  %-16s %-12s %s", "", "", r.Why)
		if r.PValue != nil {
			fmt.Fprintf(w, "; p = %.3g", *r.PValue)
		}
		if r.PClaim != nil {
			fmt.Fprintf(w, "; P(claimed figure | baseline) = %.3g", *r.PClaim)
		}
		fmt.Fprintln(w)
	}
	if len(res.Calendar) > 0 {
		fmt.Fprintln(w, "\ncalendar (observances from 7 days before to 3 days after the window):")
		for _, c := range res.Calendar {
			fmt.Fprintf(w, "  - %s\n", c)
		}
	} else {
		fmt.Fprintln(w, "\ncalendar: no observance near the window")
	}
	if len(res.FollowUps) > 0 {
		fmt.Fprintln(w, "\nfollow-up tests on the loaded data:")
		// Other routes are many at a hub: list those that rose, count the rest
		// (--json has every one).
		var others, rose, notRun int
		for _, f := range res.FollowUps {
			if f.Kind != anomaly.FollowOtherRoutes {
				fmt.Fprintf(w, "  - %s %s..%s: %s\n", f.Question, f.From, f.To, f.Finding)
				continue
			}
			switch {
			case !f.Ran:
				notRun++
			case f.Rose:
				rose++
				fmt.Fprintf(w, "  - %s rose too: %s\n", f.Route, f.Finding)
			}
			others++
		}
		if others > 0 {
			fmt.Fprintf(w, "  - other routes out of %s in the window: %d of %d rose, %d could not be tested\n",
				res.Check.Origin, rose, others-notRun, notRun)
		}
	}
	if len(res.NextTests) > 0 {
		fmt.Fprintln(w, "\nnext tests:")
		for _, t := range res.NextTests {
			fmt.Fprintf(w, "  - %s\n", t)
		}
	}
}
