package main

import (
	"io"
	"slices"

	"github.com/spf13/cobra"

	"github.com/triangulate/triangulate/export"
)

func init() { addCommand(newExportCmd) }

func newExportCmd(a *app) *cobra.Command {
	var format, out string
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Export the case as STIX 2.1, GeoJSON or schema.org ClaimReview",
		Long: `Export writes the case in a standard format for other tools.

  stix         a STIX 2.1 bundle: identities for speakers and outlets,
               threat-actors (or identities) for actors, locations, a note per
               claim quoting its span, a grouping per event, an opinion per
               assessment (confidence = STIX confidence), relationships
               (attributed-to, located-at, originates-from, affiliated-with),
               data signals as observed-data with a note, and a sighting when
               the data supports the claim; one report wraps it all. Valid
               against the official STIX 2.1 JSON schemas.
  geojson      an RFC 7946 FeatureCollection of the places: Points
               [longitude, latitude] with name, kind, precision, claim_count,
               roles, claim ids and events; unresolved places have a null
               geometry.
  claimreview  schema.org ClaimReview JSON-LD, one per assessed event, with
               the likelihood as rating and firstAppearance at the root of
               the echo chain (the earliest publication carrying the event).

Identifiers are derived from content and times from the sources' dates, so
the same store gives the same bytes.`,
		Example: `  triangulate export --format stix --out case.stix.json
  triangulate export --format geojson > places.geojson
  triangulate export --format claimreview | jq '.["@graph"][].reviewRating'`,
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			f := export.Format(format)
			if format == "" {
				return usagef("--format is required: stix, geojson or claimreview")
			}
			if !slices.Contains(export.Formats(), f) {
				return usagef("--format %q: want stix, geojson or claimreview", format)
			}
			ctx := cmd.Context()
			cs, st, err := a.openCase(ctx)
			if err != nil {
				return err
			}
			defer st.Close()
			if err := a.noteStale(ctx, cs); err != nil {
				return err
			}
			return writeOutput(a, out, func(w io.Writer) error { return cs.Export(ctx, w, f) })
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&format, "format", "f", "", "stix, geojson or claimreview (required)")
	fl.StringVarP(&out, "out", "o", "", "write to FILE instead of standard output")
	return cmd
}
