package main

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"
)

func init() { addFlightsCommand(newFlightsRoutesCmd) }

// flightRoute summarises one route of a dataset.
type flightRoute struct {
	Dataset string `json:"dataset"`
	Origin  string `json:"origin"`
	Dest    string `json:"dest"`
	Flights int    `json:"flights"`
	Days    int    `json:"days_covered"`
	Missing int    `json:"days_missing"`
	From    string `json:"from"`
	To      string `json:"to"`
}

func newFlightsRoutesCmd(a *app) *cobra.Command {
	var (
		dataset, origin, sortBy string
		asJSON                  bool
		limit                   int
	)
	cmd := &cobra.Command{
		Use:   "routes",
		Short: "List routes with their total flights, covered and missing days",
		Long: `Routes lists each stored route: total flights, days covered (counted, zero
included) and days missing (no coverage: unknown, not zero), and the span.`,
		Example: `  triangulate flights routes --limit 20
  triangulate flights routes --origin IKA --json
  triangulate flights routes --dataset flights-3m --sort route`,
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			if sortBy != "flights" && sortBy != "route" {
				return usagef("--sort %q: want flights or route", sortBy)
			}
			cs, st, err := a.openCase(ctx)
			if err != nil {
				return err
			}
			defer st.Close()
			sums, err := cs.Routes(ctx, dataset, origin)
			if err != nil {
				return err
			}
			routes := make([]flightRoute, len(sums))
			for i, r := range sums {
				routes[i] = flightRoute{Dataset: r.Dataset, Origin: r.Origin, Dest: r.Dest, Flights: r.Flights, Days: r.Covered,
					Missing: r.Missing, From: r.From.Format(time.DateOnly), To: r.To.Format(time.DateOnly)}
			}
			if sortBy == "flights" {
				slices.SortStableFunc(routes, func(x, y flightRoute) int { return cmp.Compare(y.Flights, x.Flights) })
			}
			if limit > 0 && len(routes) > limit {
				routes = routes[:limit]
			}
			if asJSON {
				enc := json.NewEncoder(a.stdout)
				for _, r := range routes {
					if err := enc.Encode(r); err != nil {
						return err
					}
				}
				return nil
			}
			tw := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', tabwriter.AlignRight)
			fmt.Fprintln(tw, "DATASET\tORIGIN\tDEST\tFLIGHTS\tDAYS\tMISSING\tFROM\tTO\t")
			for _, r := range routes {
				fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%d\t%d\t%s\t%s\t\n", r.Dataset, r.Origin, r.Dest, r.Flights, r.Days, r.Missing, r.From, r.To)
			}
			return tw.Flush()
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&dataset, "dataset", "", "only this dataset (default: all)")
	fl.StringVar(&origin, "origin", "", "only routes from this airport")
	fl.StringVar(&sortBy, "sort", "flights", "order: flights (most first) or route")
	fl.IntVar(&limit, "limit", 0, "show at most N routes (0: all)")
	fl.BoolVar(&asJSON, "json", false, "one JSON object a line")
	return cmd
}
