package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/errs"
	"github.com/triangulate/triangulate/pipeline"
)

func init() { addCommand(newEventsCmd) }

// eventRow is one line of `events --json`.
type eventRow struct {
	ID             string       `json:"id"`
	Title          string       `json:"title"`
	Action         claim.Action `json:"action"`
	Status         claim.Status `json:"status"`
	Probability    float64      `json:"probability"`
	Likelihood     string       `json:"likelihood"`
	Band           string       `json:"band"`
	Admiralty      string       `json:"admiralty"`
	STIXConfidence int          `json:"stix_confidence"`
	Independent    int          `json:"independent_count"`
	EchoCount      int          `json:"echo_count"`
	Documents      int          `json:"documents"`
	Claims         []string     `json:"claims"`
	From           string       `json:"from,omitempty"`
	To             string       `json:"to,omitempty"`
}

func newEventsCmd(a *app) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "events",
		Short: "List events with their status, likelihood and independent sources",
		Long: `Events lists the events of the last 'triangulate fuse' run: id, status
(corroborated, single-source, contested, denied, neither confirmed nor
denied, unverifiable), likelihood in ICD 203 words with its band, Admiralty
grade, independent origins and their appearances (echoes), number of claims
and title.

  events show EVENT          members, figures, contradictions and reasons
  events move CLAIM EVENT    move a claim into an event by hand; the move
                             survives re-runs. EVENT "new" makes a new event
                             around the claim; "auto" removes the pin.

--json prints one JSON object per line (JSON Lines).`,
		Example: `  triangulate events
  triangulate events --json | jq 'select(.status == "contested")'
  triangulate events show ev-810f5e9537
  triangulate events move 003-33 ev-810f5e9537`,
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			cs, st, err := a.openCase(cmd.Context())
			if err != nil {
				return err
			}
			defer st.Close()
			if err := a.noteStale(cmd.Context(), cs); err != nil {
				return err
			}
			evs, byID, err := cs.Events(cmd.Context())
			if err != nil {
				return err
			}
			if asJSON {
				enc := json.NewEncoder(a.stdout)
				for _, e := range evs {
					x := byID[e.ID]
					r := eventRow{ID: e.ID, Title: e.Title, Action: e.Action, Status: x.Status, Probability: x.Probability,
						Likelihood: x.Words, Band: x.Band, Admiralty: x.Admiralty, STIXConfidence: x.STIXConfidence,
						Independent: e.Independent, EchoCount: e.EchoCount, Documents: e.Documents, From: e.From, To: e.To}
					for _, m := range e.Members {
						r.Claims = append(r.Claims, m.ClaimID)
					}
					if err := enc.Encode(r); err != nil {
						return err
					}
				}
				return nil
			}
			if len(evs) == 0 {
				fmt.Fprintln(a.stderr, "no events yet: add documents with 'triangulate ingest'")
				return nil
			}
			tw := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "ID\tSTATUS\tLIKELIHOOD\tGRADE\tINDEP\tECHO\tCLAIMS\tTITLE")
			for _, e := range evs {
				x := byID[e.ID]
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\t%d\t%d\t%s\n", e.ID, orDash(string(x.Status)),
					orDash(x.Words)+" ("+orDash(x.Band)+")", orDash(x.Admiralty), e.Independent, e.EchoCount,
					len(e.Members), clip(e.Title, 60))
			}
			return tw.Flush()
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON Lines instead of a table")
	cmd.AddCommand(newEventsMoveCmd(a), newEventsShowCmd(a))
	return cmd
}

func newEventsMoveCmd(a *app) *cobra.Command {
	var grading string
	cmd := &cobra.Command{
		Use:   "move CLAIM EVENT",
		Short: "Move a claim into an event by hand; the move survives re-runs",
		Long: `Move pins CLAIM to EVENT and re-runs fusion and assessment so the move
shows at once. Pinned claims stay where an analyst put them in every later
'triangulate fuse'. EVENT is an event id from 'triangulate events', "new"
for a new event holding only this claim, or "auto" to remove the pin and let
the rules place the claim again.`,
		Example: `  triangulate events move 003-33 ev-810f5e9537
  triangulate events move 000-12 new
  triangulate events move 000-12 auto`,
		Args: exactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			claimID, eventID := args[0], args[1]
			ctx := cmd.Context()
			cs, st, err := a.openCase(ctx)
			if err != nil {
				return err
			}
			defer st.Close()
			if err := setGrading(ctx, cs, grading); err != nil {
				return err
			}
			switch eventID {
			case "auto":
				eventID = ""
			case "new":
				eventID = pipeline.NewEventFor(claimID)
			}
			e, f, err := cs.MoveClaim(ctx, claimID, eventID, author())
			if errs.Is(err, errs.NotFound) && eventID != "" {
				if _, cerr := st.Claim(ctx, claimID); cerr == nil {
					return errs.E(errs.BadInput, "events move", fmt.Sprintf("no event %s: list them with 'triangulate events', or use \"new\"", eventID))
				}
			}
			if err != nil {
				return err
			}
			verb := "moved"
			if eventID == "" {
				verb = "unpinned; placed by the rules in"
			}
			fmt.Fprintf(a.stdout, "%s %s %s (%s); %d events\n", claimID, verb, e.ID, e.Title, len(f.Events))
			return nil
		},
	}
	cmd.Flags().StringVar(&grading, "grading", "", "JSON file of grading overrides, kept as the case's grading")
	return cmd
}

func newEventsShowCmd(a *app) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "show EVENT",
		Short: "Show one event: members, figures, contradictions, origins and reasons",
		Long: `Show prints one event as fusion and assessment left it: why each claim
joined, the reconciled figures with each source's number, contradictions
(real or a difference of scope), the independent origins and who relayed
them, and the assessment with every reason. --json prints the event and its
assessment as one JSON object.`,
		Example: `  triangulate events show ev-810f5e9537
  triangulate events show ev-810f5e9537 --json | jq .assessment.reasons`,
		Args: exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			cs, st, err := a.openCase(ctx)
			if err != nil {
				return err
			}
			defer st.Close()
			e, x, err := cs.Event(ctx, args[0])
			if err != nil {
				return err
			}
			if asJSON {
				enc := json.NewEncoder(a.stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(struct {
					Event      *claim.Event     `json:"event"`
					Assessment claim.Assessment `json:"assessment"`
				}{e, x})
			}
			w := a.stdout
			fmt.Fprintf(w, "%s  %s\n", e.ID, e.Title)
			fmt.Fprintf(w, "status %s; %s (%s); Admiralty %s; STIX confidence %d\n", x.Status, x.Words, x.Band, x.Admiralty, x.STIXConfidence)
			fmt.Fprintf(w, "%d independent origins, %d appearances in %d documents; window %s..%s\n",
				e.Independent, e.EchoCount, e.Documents, orDash(e.From), orDash(e.To))
			fmt.Fprintln(w, "\nmembers:")
			for _, m := range e.Members {
				pin := ""
				if m.Manual {
					pin = " [pinned]"
				}
				fmt.Fprintf(w, "  %s%s: %s\n", m.ClaimID, pin, strings.Join(m.Reasons, "; "))
				// Why the extractor made the claim: its language-pack rules.
				if c, err := st.Claim(ctx, m.ClaimID); err == nil && len(c.Rules) > 0 {
					fmt.Fprintf(w, "    rules: %s\n", claim.FormatRules(c.Rules))
				}
			}
			for _, fs := range e.Figures {
				fmt.Fprintf(w, "\n%s: low %s, high %s, conservative %s, median %s\n", fs.Unit, claim.FormatNumber(fs.Low),
					claim.FormatNumber(fs.High), claim.FormatNumber(fs.Conservative), claim.FormatNumber(fs.Median))
				for _, f := range fs.Figures {
					fmt.Fprintf(w, "  %s %s  %s  [%s]%s\n", f.ClaimID, claim.FormatNumber(f.Quantity.Min), f.Origin, f.Source, scopeNote(f.Scope))
				}
				fmt.Fprintf(w, "  why: %s\n", fs.Why)
			}
			if len(e.Contradictions) > 0 {
				fmt.Fprintln(w, "\ncontradictions:")
				for _, c := range e.Contradictions {
					kind := "CONFLICT"
					if c.Scope {
						kind = "scope"
					}
					fmt.Fprintf(w, "  %-8s %s %s/%s: %s\n", kind, c.Field, c.A, c.B, c.Explain)
				}
			}
			fmt.Fprintln(w, "\nreasons:")
			for _, r := range x.Reasons {
				fmt.Fprintf(w, "  [%s] %s\n", r.Kind, r.Text)
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the event and its assessment as JSON")
	return cmd
}

func scopeNote(s string) string {
	if s == "" {
		return ""
	}
	return "  scope: " + s
}
