package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"

	"github.com/spf13/cobra"

	"github.com/triangulate/triangulate/report"
)

func init() { addCommand(newReportCmd) }

func newReportCmd(a *app) *cobra.Command {
	var (
		format, out, title string
	)
	cmd := &cobra.Command{
		Use:   "report",
		Short: "Write the case report: Markdown, self-contained HTML or JSON",
		Long: `Report renders the whole case: for each event its status, likelihood in
ICD 203 words with its band ("likely (55–80 %)"), Admiralty grade and STIX
confidence; independent origins against echoes; each unit's figures per
source (figure, qualifier, who said it, source, scope) with low, high,
conservative and median and why the range stays open; contradictions with
both quoted spans; places with coordinates; a timeline; the reasons with
their quoted evidence and claim ids; data signals (verdict, p-value, details).
Then a table of sources and an appendix of every claim.

Formats:
  md     Markdown (default), laid out to read in a terminal
  html   one self-contained page: inline CSS, an SVG map of the places and an
         SVG timeline, no scripts, no network; open it anywhere, or print it
  json   the report's data (schema "` + report.Schema + `", see report/SCHEMA.md)

The same store gives the same bytes: nothing depends on the clock.`,
		Example: `  triangulate report | less
  triangulate report --format html --out case.html
  triangulate report --format json | jq '.events[] | {title, likelihood}'`,
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			f := report.Format(format)
			if !slices.Contains(report.Formats(), f) {
				return usagef("--format %q: want md, html or json", format)
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
			return writeOutput(a, out, func(w io.Writer) error {
				return cs.Report(ctx, w, f, report.Options{Title: title})
			})
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&format, "format", "f", "md", "md, html or json")
	fl.StringVarP(&out, "out", "o", "", "write to FILE instead of standard output")
	fl.StringVar(&title, "title", "", `report title (default "Triangulate case report")`)
	return cmd
}

// writeOutput runs write against standard output, or against a temporary
// file renamed over path once complete, so that a failed run never leaves
// a half-written report where the last good one was.
func writeOutput(a *app, path string, write func(io.Writer) error) error {
	if path == "" || path == "-" {
		return write(a.stdout)
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer os.Remove(tmp.Name()) // no-op once renamed
	if err := write(tmp); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
