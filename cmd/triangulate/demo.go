package main

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/triangulate/triangulate/calendar"
	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/examples"
	"github.com/triangulate/triangulate/extract"
	"github.com/triangulate/triangulate/knowledge"
	"github.com/triangulate/triangulate/pipeline"
	"github.com/triangulate/triangulate/report"
	"github.com/triangulate/triangulate/source"
	"github.com/triangulate/triangulate/store"
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

Steps: ingest both texts (archived with SHA-256), extract attributed claims,
check every dated flight claim against the Gregorian, Hijri and Iranian
calendars (a holiday near a traffic surge is an alternative explanation),
fuse claims into events, assess each, then print the Markdown report and
write a self-contained HTML report with a map and a timeline.

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
			st, err := a.openStore(ctx)
			if err != nil {
				return err
			}
			defer st.Close()
			if err := runDemo(ctx, a, st); err != nil {
				return err
			}
			c, err := pipeline.LoadCase(ctx, st)
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
				return serveStore(ctx, a, st, addr, true)
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

// runDemo ingests the embedded seed case into st, extracts, checks calendars
// and fuses, logging each step on stderr.
func runDemo(ctx context.Context, a *app, st store.Store) error {
	var in source.Ingester
	var srcs []*claim.Source
	for _, p := range examples.SeedFiles {
		ss, err := in.FromFS(examples.Seed, p)
		if err != nil {
			return fmt.Errorf("demo: ingest %s: %w", p, err)
		}
		for _, s := range ss {
			id, existed, err := st.AddSource(ctx, s)
			if err != nil {
				return fmt.Errorf("demo: store %s: %w", s.Name, err)
			}
			s.ID = id
			state := "ingested"
			if existed {
				state = "already stored"
			}
			fmt.Fprintf(a.stderr, "demo: %s %s (%s, %s), sha256 %s…\n", state, s.Name, s.Outlet, s.Published.Format(time.DateOnly), s.ContentHash[:12])
			srcs = append(srcs, s)
		}
	}
	pack, err := knowledge.Load(a.packDirs...)
	if err != nil {
		return fmt.Errorf("demo: load knowledge packs: %w", err)
	}
	x := extract.New(pack)
	var all []claim.Claim
	for _, s := range srcs {
		cs := x.Extract(s)
		if err := st.ReplaceClaims(ctx, s.ID, cs); err != nil {
			return fmt.Errorf("demo: store claims of %s: %w", s.Name, err)
		}
		fmt.Fprintf(a.stderr, "demo: extracted %d claims from %s\n", len(cs), s.Name)
		all = append(all, cs...)
	}
	sigs := calendarSignals(all, pack)
	if err := st.PutSignals(ctx, sigs); err != nil {
		return fmt.Errorf("demo: store calendar signals: %w", err)
	}
	for _, s := range sigs {
		fmt.Fprintf(a.stderr, "demo: calendar check on claim %s: %s\n", s.ClaimID, s.Summary)
	}
	cfg, err := gradingConfig("")
	if err != nil {
		return err
	}
	evs, _, err := pipeline.Fuse(ctx, st, cfg)
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stderr, "demo: fused %d claims into %d events\n\n", len(all), len(evs))
	return nil
}

// calendarSignals checks each dated flight claim for observances that could
// explain a change in traffic: the window runs from 7 days before the claim's
// start to 3 days after its end (pilgrims travel home after an observance),
// in the calendars of the countries of the places it names. Without flight
// data the count itself stays untestable; the signal records that too.
func calendarSignals(cs []claim.Claim, pack *knowledge.Pack) []claim.Signal {
	var out []claim.Signal
	for _, c := range cs {
		if c.Action != claim.ActionFlights || c.Time == nil || c.Time.From == "" {
			continue
		}
		from, err := time.Parse(time.DateOnly, c.Time.From)
		if err != nil {
			continue
		}
		to := from
		if c.Time.To != "" {
			if t, err := time.Parse(time.DateOnly, c.Time.To); err == nil {
				to = t
			}
		}
		countries := claimCountries(c, pack)
		seen := map[string]bool{}
		var names []string
		var lines []string
		for d := from; !d.After(to); d = d.AddDate(0, 0, 1) {
			for _, o := range calendar.Near(d, 7, 3, countries...) {
				key := o.Day() + o.Name
				if seen[key] || !o.Major {
					continue
				}
				seen[key] = true
				names = append(names, fmt.Sprintf("%s (%s, %s)", o.Name, o.Local, o.Day()))
				lines = append(lines, fmt.Sprintf("%s on %s is %d days from %s", o.Name, o.Day(), -o.DaysFrom(from), c.Time.From))
			}
		}
		summary := "no major observance within 7 days before to 3 days after " + c.Time.From
		if len(names) > 0 {
			summary = "possible alternative explanation: " + strings.Join(names, "; ")
		}
		summary += "; no flight data loaded, so the counts themselves are untestable ('triangulate flights load', then 'flights check --claim " + c.ID + "')"
		h := sha256.Sum256([]byte("calendar|" + c.ID))
		out = append(out, claim.Signal{
			ID:      fmt.Sprintf("sig-cal-%x", h[:5]),
			Kind:    "calendar",
			ClaimID: c.ID,
			Subject: "calendar " + strings.Join(countries, ","),
			From:    c.Time.From,
			To:      c.Time.To,
			Verdict: claim.Untestable,
			Summary: summary,
			Details: map[string]any{"observances": names, "explain": lines, "countries": countries},
			Created: from,
		})
	}
	return out
}

// claimCountries lists the ISO codes of the places a claim names, in order.
func claimCountries(c claim.Claim, pack *knowledge.Pack) []string {
	var out []string
	seen := map[string]bool{}
	for _, p := range c.Places {
		cc := p.Country
		if cc == "" {
			if ps := pack.LookupPlace(p.Name); len(ps) > 0 {
				cc = ps[0].Country
			}
		}
		if cc != "" && !seen[cc] {
			seen[cc] = true
			out = append(out, cc)
		}
	}
	return out
}
