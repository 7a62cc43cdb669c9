package main

import "github.com/spf13/cobra"

func init() { addCommand(newFlightsCmd) }

// flightsCommands holds the constructors of `triangulate flights` subcommands;
// each subcommand's file adds its own in init.
var flightsCommands []func(*app) *cobra.Command

func addFlightsCommand(f func(*app) *cobra.Command) { flightsCommands = append(flightsCommands, f) }

func newFlightsCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "flights",
		Short: "Load flight records, build route-day series, find surges, test claims against data",
		Long: `Flight data corroborates or contradicts claims about movements.

  flights load FILE…            read flight lists or ADS-B positions into route-day counts
  flights routes                list routes with totals
  flights series ORIGIN DEST    show one route's daily counts (gaps are missing, not zero)
  flights anomalies             surge test over every route, with calendar explanations
  flights check ORIGIN DEST FROM..TO --at-least N --normal LO..HI
                                test a claim about flight counts against the data`,
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	for _, f := range flightsCommands {
		cmd.AddCommand(f(a))
	}
	return cmd
}
