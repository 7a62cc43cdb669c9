package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/triangulate/triangulate/assess"
	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/pipeline"
)

func init() { addCommand(newFuseCmd) }

func newFuseCmd(a *app) *cobra.Command {
	var grading string
	var full bool
	cmd := &cobra.Command{
		Use:   "fuse",
		Short: "Group claims into events and assess each event",
		Long: `Fuse groups the stored claims into events and assesses each one.

One happening (who moved where, when) is one event, whatever each claim's
action: an entry, a transport, a role in a crackdown, a figure, a denial. A
claim joins an event only through a tie: the same force (by pack entry,
umbrella, nationality or name), one speaker's account in one text, the claim
it continues in its section, the claim a bare denial speaks of, forces of one
kind at one place, one incident. A shared country or action family alone never
joins claims, and forces that differ, destinations in different countries,
different towns for one-place happenings or times too far apart keep them
apart. A claim with no date of its own is dated by its source's publication.
Sources that copy most of an earlier one's sentences (found by text reuse,
credited or not) speak with that source's voice. Every member lists the fields
that tied it. Claims moved by hand ('triangulate events move') stay where
they were put.

Each event gets its figures reconciled (low, high, conservative, median of
independent origins, each source's number), its contradictions (flagged as a
real conflict or a difference of scope), its independent origins (ten outlets
repeating one anonymous source count once) and an assessment: a status, a
probability shown as ICD 203 words, an Admiralty grade and a STIX confidence,
with the reasons behind it. Flight and calendar signals already stored
('triangulate flights check') count as reasons.

Grading is the case's: the reliability letters of the knowledge packs'
speakers and the rules in assess/rules.go, overridden by the case's own
settings. --grading FILE (JSON, see assess/README.md) makes the file the
case's grading overrides from now on, for every later fusion whichever way
it runs (an edit in the workspace, an upload, a watched feed); see
'triangulate settings'.

Fuse replaces the stored events and assessments, writing only those whose
stored value changed; --full rewrites every one (the stored result is the
same either way). It prints one line per
event: id, status, likelihood, Admiralty grade, independent origins /
appearances, number of claims and title.`,
		Example: `  triangulate fuse
  triangulate fuse --full
  triangulate fuse --grading grading.json
  triangulate events`,
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			fusionGC()
			ctx := cmd.Context()
			cs, st, err := a.openCase(ctx)
			if err != nil {
				return err
			}
			defer st.Close()
			if err := setGrading(ctx, cs, grading); err != nil {
				return err
			}
			fuse := cs.Fuse
			if full {
				fuse = cs.FuseFull
			}
			f, err := fuse(ctx)
			if err != nil {
				return err
			}
			if len(f.Events) == 0 {
				fmt.Fprintln(a.stderr, "no claims to fuse: ingest some documents first with 'triangulate ingest'")
				return nil
			}
			return printEvents(a.stdout, f.Events, f.Assessments)
		},
	}
	cmd.Flags().BoolVar(&full, "full", false, "rewrite every stored event and assessment, not only those that changed")
	cmd.Flags().StringVar(&grading, "grading", "", "JSON file of grading overrides (outlet letters, weights), kept as the case's grading")
	return cmd
}

// setGrading makes the grading file at path the case's grading; "" keeps
// the case's.
func setGrading(ctx context.Context, cs *pipeline.Case, path string) error {
	if path == "" {
		return nil
	}
	o, err := assess.ReadOverrides(path)
	if err != nil {
		return err
	}
	return cs.SetGrading(ctx, o, author())
}

// printEvents writes one line per event.
func printEvents(w io.Writer, evs []claim.Event, as []claim.Assessment) error {
	byID := map[string]claim.Assessment{}
	for _, x := range as {
		byID[x.EventID] = x
	}
	for _, e := range evs {
		x := byID[e.ID]
		if _, err := fmt.Fprintf(w, "%s  %-28s  %-19s %-7s %-5s %2d/%-2d  %2d claims  %s\n", e.ID, orDash(string(x.Status)),
			orDash(x.Words), "("+orDash(x.Band)+")", orDash(x.Admiralty), e.Independent, e.EchoCount, len(e.Members),
			clip(strings.TrimSpace(e.Title), 70)); err != nil {
			return err
		}
	}
	return nil
}
