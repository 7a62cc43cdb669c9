package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/triangulate/triangulate/flights"
	"github.com/triangulate/triangulate/pipeline"
	"github.com/triangulate/triangulate/series"
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
--svg FILE writes a chart of the daily counts with missing days shaded.`,
		Example: `  triangulate flights series ATL ORD
  triangulate flights series ATL ORD --from 2001-04-01 --to 2001-04-30 --json
  triangulate flights series TEHRAN NJF --dataset tehran --svg tehran-najaf.svg`,
		Args: exactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			var fromT, toT time.Time
			for _, d := range []struct {
				s   string
				dst *time.Time
			}{{from, &fromT}, {to, &toT}} {
				if d.s != "" {
					day, err := flights.ParseDay(d.s)
					if err != nil {
						return badInput(err)
					}
					*d.dst = day.Time()
				}
			}
			cs, st, err := a.openCase(ctx)
			if err != nil {
				return err
			}
			defer st.Close()
			ds, err := cs.Dataset(ctx, dataset)
			if err != nil {
				return err
			}
			rs, err := cs.RouteSeries(ctx, ds, args[0], args[1], fromT, toT)
			if err != nil {
				return err
			}
			if svg != "" {
				if err := writeChartFile(svg, pipeline.Chart{Title: fmt.Sprintf("%s → %s (%s)", rs.Origin, rs.Dest, ds), Days: rs.Days}); err != nil {
					return err
				}
			}
			if asJSON {
				enc := json.NewEncoder(a.stdout)
				for _, d := range rs.Days {
					r := seriesDay{Dataset: ds, Origin: rs.Origin, Dest: rs.Dest, Day: d.Date.Format(time.DateOnly), Missing: d.Missing}
					if !d.Missing {
						r.Count = &d.Count
					}
					if err := enc.Encode(r); err != nil {
						return err
					}
				}
				return nil
			}
			sum := rs.Summarise()
			fmt.Fprintf(a.stdout, "%s → %s, dataset %s, %s..%s (departure airport's local days)\n",
				rs.Origin, rs.Dest, ds, sum.From.Format(time.DateOnly), sum.To.Format(time.DateOnly))
			fmt.Fprintf(a.stdout, "%d flights on %d covered days; %d days missing (unknown, not zero)\n\n", sum.Flights, sum.Covered, sum.Missing)
			if !quiet {
				for _, d := range rs.Days {
					if d.Missing {
						fmt.Fprintf(a.stdout, "%s  missing\n", d.Date.Format(time.DateOnly))
					} else {
						fmt.Fprintf(a.stdout, "%s  %d\n", d.Date.Format(time.DateOnly), d.Count)
					}
				}
				fmt.Fprintln(a.stdout)
			}
			// One sparkline per month, scaled over the whole period.
			line := []rune(series.Sparkline(rs.Days))
			for i := 0; i < len(rs.Days); {
				month := rs.Days[i].Date.Format("2006-01")
				j := i
				for j < len(rs.Days) && rs.Days[j].Date.Format("2006-01") == month {
					j++
				}
				pad := 0
				if i == 0 {
					pad = rs.Days[0].Date.Day() - 1
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
	fl.StringVar(&svg, "svg", "", "write an SVG chart (missing days shaded) to this file")
	return cmd
}
