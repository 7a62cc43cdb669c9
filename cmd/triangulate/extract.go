package main

import (
	"fmt"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
)

func init() { addCommand(newExtractCmd) }

func newExtractCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "extract [SOURCE…]",
		Short: "Extract attributed claims from stored sources",
		Long: `Extract reads stored sources and stores the claims they make: for each clause
that reports something (forces deployed or crossing, transport, flights,
requests, crackdowns, killings, clashes, warnings, affiliations,
confirmations, denials, "no comment", data gaps) a claim with its actors,
places and their roles, time, figures, modality and attribution chain, each
with the exact span of the text that supports it.

SOURCE is a source name (the ingested file's base name) or a numeric id; with
none, every stored source is extracted. Re-extracting replaces a source's
claims but keeps those an analyst edited or rejected. Names resolve against
the embedded knowledge packs and the case's packs (--pack sets them).
'triangulate ingest' extracts by default; this command re-extracts, e.g.
after a pack changed. The events stay as they were until 'triangulate fuse'.

It prints the number of claims stored per source.`,
		Example: `  triangulate extract
  triangulate extract 000_fb75171b0db195ae.txt
  triangulate --pack ./mypack extract 3 4`,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			cs, st, err := a.openCase(ctx)
			if err != nil {
				return err
			}
			defer st.Close()
			srcs, err := cs.FindSources(ctx, args)
			if err != nil {
				return err
			}
			var bar *progressbar.ProgressBar
			if a.stderrIsTerminal() && len(srcs) > 1 {
				bar = progressbar.NewOptions(len(srcs), progressbar.OptionSetWriter(a.stderr),
					progressbar.OptionSetDescription("extracting"), progressbar.OptionClearOnFinish())
			}
			total := 0
			for _, src := range srcs {
				n, err := cs.Extract(ctx, src)
				if err != nil {
					return err
				}
				total += n
				if bar != nil {
					bar.Add(1)
				}
				fmt.Fprintf(a.stdout, "%s: %d claims\n", src.Name, n)
			}
			if bar != nil {
				bar.Finish()
			}
			if len(srcs) > 1 {
				fmt.Fprintf(a.stdout, "%d claims from %d sources\n", total, len(srcs))
			}
			return nil
		},
	}
}
