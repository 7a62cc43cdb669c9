package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/examples"
	"github.com/triangulate/triangulate/pipeline"
	"github.com/triangulate/triangulate/report"
	"github.com/triangulate/triangulate/source"
)

func init() { addCommand(newDemoCmd) }

// demoDB is the demo's own store; the demo replaces it, never a user's store.
const demoDB = "triangulate-demo.db"

func newDemoCmd(a *app) *cobra.Command {
	var (
		htmlOut string
		serve   bool
		addr    string
	)
	cmd := &cobra.Command{
		Use:   "demo",
		Short: "Build the seed case end to end and print its report",
		Long: `Demo runs the whole pipeline on the seed case shipped in the binary: two
January 2026 reports (The Amargi; TFI Global, built on CNN and Reuters) that
Iraqi militias of the Popular Mobilization Forces entered Iran, with 800,
2,000 and close to 5,000 fighters by different sources.

Steps, as 'triangulate ingest' then 'triangulate report' run them: ingest
both texts (archived with SHA-256), extract attributed claims, check every
dated flight claim against the Gregorian, Hijri and Iranian calendars (a
holiday near a traffic surge is an alternative explanation), fuse claims
into events, assess each, then print the Markdown report and write a
self-contained HTML report with a map and a timeline.

Without --db (or TRIANGULATE_DB) the demo writes a fresh triangulate-demo.db
in the working directory, replacing an earlier demo file. With --db it adds
the seed case to that store (ingest is idempotent) and never deletes it.`,
		Example: `  triangulate demo
  triangulate demo --html case.html
  triangulate demo --serve            # then open http://127.0.0.1:8080/
  triangulate --db team.db demo`,
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			if a.db == "" {
				for _, suffix := range []string{"", "-wal", "-shm"} {
					if err := os.Remove(demoDB + suffix); err != nil && !errors.Is(err, fs.ErrNotExist) {
						return fmt.Errorf("demo: replace %s: %w", demoDB, err)
					}
				}
				a.db = demoDB
			}
			cs, st, err := a.openCase(ctx)
			if err != nil {
				return err
			}
			defer st.Close()
			if err := runDemo(ctx, a, cs); err != nil {
				return err
			}
			c, err := cs.Load(ctx)
			if err != nil {
				return err
			}
			if err := report.Write(a.stdout, c, report.Markdown, report.Options{Title: "Seed case: PMF fighters in Iran, January 2026"}); err != nil {
				return err
			}
			if htmlOut != "" {
				if err := writeOutput(a, htmlOut, func(w io.Writer) error {
					return report.Write(w, c, report.HTML, report.Options{Title: "Seed case: PMF fighters in Iran, January 2026"})
				}); err != nil {
					return err
				}
				fmt.Fprintf(a.stderr, "demo: HTML report with map and timeline written to %s\n", htmlOut)
			}
			fmt.Fprintf(a.stderr, "demo: store %s; try 'triangulate --db %s events' or 'claims --json'\n", a.dbPath(), a.dbPath())
			if serve {
				return serveCase(ctx, a, cs, addr, true, false)
			}
			fmt.Fprintf(a.stderr, "demo: to browse the case (events with their evidence matrix, sources, claims, flights), run 'triangulate demo --serve' and open http://%s/\n", addr)
			return nil
		},
	}
	cmd.Flags().BoolVar(&serve, "serve", false, "then serve the case read-only without login (anonymous) until interrupted")
	cmd.Flags().StringVar(&addr, "addr", "127.0.0.1:8080", "address for --serve")
	cmd.Flags().StringVar(&htmlOut, "html", "triangulate-demo.html", "also write the HTML report here (empty: don't)")
	return cmd
}

// runDemo ingests the embedded seed case into st as 'triangulate ingest'
// does (store, extract with the calendar checks of flight claims, fuse),
// logging each step on stderr.
func runDemo(ctx context.Context, a *app, cs *pipeline.Case) error {
	var in source.Ingester
	var srcs []*claim.Source
	for _, p := range examples.SeedFiles {
		ss, err := in.FromFS(examples.Seed, p)
		if err != nil {
			return fmt.Errorf("demo: ingest %s: %w", p, err)
		}
		srcs = append(srcs, ss...)
	}
	added, err := cs.Ingest(ctx, srcs)
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	claims := 0
	for _, ad := range added {
		s := ad.Source
		state := fmt.Sprintf("ingested and extracted %d claims from", ad.Claims)
		if ad.Existed {
			state = "already stored:"
		}
		claims += ad.Claims
		fmt.Fprintf(a.stderr, "demo: %s %s (%s, %s), sha256 %s…\n", state, s.Name, s.Outlet, s.Published.Format(time.DateOnly), s.ContentHash[:12])
	}
	sigs, err := cs.Store().Signals(ctx)
	if err != nil {
		return err
	}
	for _, s := range sigs {
		if s.Kind == "calendar" {
			fmt.Fprintf(a.stderr, "demo: calendar check on claim %s: %s\n", s.ClaimID, s.Summary)
		}
	}
	evs, err := cs.Store().Events(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stderr, "demo: fused %d claims into %d events\n\n", claims, len(evs))
	return nil
}
