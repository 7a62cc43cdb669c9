package main

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/triangulate/triangulate/errs"
	"github.com/triangulate/triangulate/store"
)

func init() { addFlightsCommand(newFlightsRoutesCmd) }

// flightDatasets resolves --dataset: the one named, or every stored dataset.
func flightDatasets(ctx context.Context, st store.Store, name string) ([]string, error) {
	all, err := st.Datasets(ctx)
	if err != nil {
		return nil, err
	}
	if len(all) == 0 {
		return nil, errs.E(errs.NotFound, "flights", "no flight data stored: run 'triangulate flights load FILE…' first")
	}
	if name == "" {
		return all, nil
	}
	if !slices.Contains(all, name) {
		return nil, errs.E(errs.NotFound, "flights", fmt.Sprintf("no dataset %q (stored: %s)", name, strings.Join(all, ", ")))
	}
	return []string{name}, nil
}

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

func summariseRoutes(dataset string, rows []store.RouteDay) []flightRoute {
	var out []flightRoute
	for i := 0; i < len(rows); {
		j := i
		r := flightRoute{Dataset: dataset, Origin: rows[i].Origin, Dest: rows[i].Dest, From: rows[i].Day}
		for ; j < len(rows) && rows[j].Origin == r.Origin && rows[j].Dest == r.Dest; j++ {
			if rows[j].Missing {
				r.Missing++
			} else {
				r.Days++
				r.Flights += rows[j].Count
			}
			r.To = rows[j].Day
		}
		out = append(out, r)
		i = j
	}
	return out
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
			st, err := a.openStore(ctx)
			if err != nil {
				return err
			}
			defer st.Close()
			sets, err := flightDatasets(ctx, st, dataset)
			if err != nil {
				return err
			}
			var routes []flightRoute
			for _, ds := range sets {
				rows, err := st.Series(ctx, store.SeriesFilter{Dataset: ds, Origin: strings.ToUpper(origin)})
				if err != nil {
					return err
				}
				routes = append(routes, summariseRoutes(ds, rows)...)
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
