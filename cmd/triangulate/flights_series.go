package main

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/triangulate/triangulate/errs"
	"github.com/triangulate/triangulate/flights"
	"github.com/triangulate/triangulate/store"
)

func init() { addFlightsCommand(newFlightsSeriesCmd) }

// seriesDay is one day of a route in --json output; Count is null when the
// day is missing.
type seriesDay struct {
	Dataset string `json:"dataset"`
	Origin  string `json:"origin"`
	Dest    string `json:"dest"`
	Day     string `json:"day"`
	Count   *int   `json:"count"`
	Missing bool   `json:"missing"`
}

func newFlightsSeriesCmd(a *app) *cobra.Command {
	var (
		dataset, from, to, svg string
		asJSON, quiet          bool
	)
	cmd := &cobra.Command{
		Use:   "series ORIGIN DEST",
		Short: "Show one route's daily flight counts (missing days are unknown, not zero)",
		Long: `Series prints a route's flights per day (the departure airport's local day),
"missing" for days without coverage, and a sparkline per month: ▁ is a true
zero, ▂…█ scale to the busiest day, · is a missing day.

ORIGIN and DEST are airport codes (IATA, or ICAO when the data knows the
airport) or group names given at load time (--group TEHRAN=THR,IKA).
--svg FILE writes a bar chart with missing days shaded.`,
		Example: `  triangulate flights series ATL ORD
  triangulate flights series ATL ORD --from 2001-04-01 --to 2001-04-30 --json
  triangulate flights series TEHRAN NJF --dataset tehran --svg tehran-najaf.svg`,
		Args: exactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			for _, d := range []string{from, to} {
				if d != "" {
					if _, err := flights.ParseDay(d); err != nil {
						return badInput(err)
					}
				}
			}
			st, err := a.openStore(ctx)
			if err != nil {
				return err
			}
			defer st.Close()
			sets, err := flightDatasets(ctx, st, dataset)
			if err != nil {
				return err
			}
			if len(sets) > 1 {
				return usagef("several datasets are stored (%s): choose one with --dataset", strings.Join(sets, ", "))
			}
			ds := sets[0]
			airports, err := flightAirports(a)
			if err != nil {
				return err
			}
			origins := flightCodeVariants(airports, args[0])
			dests := flightCodeVariants(airports, args[1])
			var rows []store.RouteDay
			for _, o := range origins {
				for _, d := range dests {
					if rows, err = st.Series(ctx, store.SeriesFilter{Dataset: ds, Origin: o, Dest: d, From: from, To: to}); err != nil {
						return err
					}
					if len(rows) > 0 {
						break
					}
				}
				if len(rows) > 0 {
					break
				}
			}
			if len(rows) == 0 {
				return errs.E(errs.NotFound, "flights series", fmt.Sprintf("no route %s→%s in dataset %q in that period: no flight was seen on it (see 'triangulate flights routes')", args[0], args[1], ds))
			}
			if svg != "" {
				f, err := os.Create(svg)
				if err != nil {
					return err
				}
				title := fmt.Sprintf("%s → %s (%s)", rows[0].Origin, rows[0].Dest, ds)
				if err := flights.WriteSVG(f, title, rows); err != nil {
					f.Close()
					return err
				}
				if err := f.Close(); err != nil {
					return err
				}
			}
			if asJSON {
				enc := json.NewEncoder(a.stdout)
				for _, r := range rows {
					d := seriesDay{Dataset: ds, Origin: r.Origin, Dest: r.Dest, Day: r.Day, Missing: r.Missing}
					if !r.Missing {
						d.Count = &r.Count
					}
					if err := enc.Encode(d); err != nil {
						return err
					}
				}
				return nil
			}
			total, covered, missing := 0, 0, 0
			for _, r := range rows {
				if r.Missing {
					missing++
				} else {
					covered++
					total += r.Count
				}
			}
			fmt.Fprintf(a.stdout, "%s → %s, dataset %s, %s..%s (departure airport's local days)\n",
				rows[0].Origin, rows[0].Dest, ds, rows[0].Day, rows[len(rows)-1].Day)
			fmt.Fprintf(a.stdout, "%d flights on %d covered days; %d days missing (unknown, not zero)\n\n", total, covered, missing)
			if !quiet {
				for _, r := range rows {
					if r.Missing {
						fmt.Fprintf(a.stdout, "%s  missing\n", r.Day)
					} else {
						fmt.Fprintf(a.stdout, "%s  %d\n", r.Day, r.Count)
					}
				}
				fmt.Fprintln(a.stdout)
			}
			// One sparkline per month, scaled over the whole period.
			line := []rune(flights.Sparkline(rows))
			for i := 0; i < len(rows); {
				month := rows[i].Day[:7]
				j := i
				for j < len(rows) && rows[j].Day[:7] == month {
					j++
				}
				pad := 0
				if i == 0 {
					pad = int(rows[0].Day[8]-'0')*10 + int(rows[0].Day[9]-'0') - 1
				}
				fmt.Fprintf(a.stdout, "%s %s%s\n", month, strings.Repeat(" ", pad), string(line[i:j]))
				i = j
			}
			if svg != "" {
				fmt.Fprintf(a.stdout, "\nchart written to %s\n", svg)
			}
			return nil
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&dataset, "dataset", "", "dataset (needed when several are stored)")
	fl.StringVar(&from, "from", "", "first day, YYYY-MM-DD")
	fl.StringVar(&to, "to", "", "last day, YYYY-MM-DD")
	fl.BoolVar(&asJSON, "json", false, "one JSON object a line; count is null on missing days")
	fl.BoolVarP(&quiet, "quiet", "q", false, "sparkline only, no day-by-day list")
	fl.StringVar(&svg, "svg", "", "write an SVG bar chart (missing days shaded) to this file")
	return cmd
}

// flightCodeVariants is the code as typed, then the airport's other codes
// (a user may type OIIE for a dataset counted as IKA, or the reverse).
func flightCodeVariants(airports *flights.Airports, code string) []string {
	code = strings.ToUpper(strings.TrimSpace(code))
	out := []string{code}
	if x, ok := airports.Airport(code); ok {
		for _, c := range []string{x.IATA, x.ICAO} {
			if c != "" && c != code {
				out = append(out, c)
			}
		}
	}
	return out
}
