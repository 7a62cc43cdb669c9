package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/extract"
	"github.com/triangulate/triangulate/store"
)

func init() { addCommand(newClaimsCmd) }

func newClaimsCmd(a *app) *cobra.Command {
	var (
		asJSON   bool
		source   string
		action   string
		rejected bool
		page     store.Page
	)
	cmd := &cobra.Command{
		Use:   "claims",
		Short: "List extracted claims",
		Long: `Claims lists the stored claims in text order per source: id, source,
action, modality, actors, places (with their role), time, figures,
attribution and the evidence (shortened).

--json prints one claim a line (JSON Lines) in the evaluation format of the
project (fields id, source, start, end, evidence, action, actors, places
{name, role, kind}, time {from, to, precision} with null for an open end,
quantities {min, max, unit, qualifier, kind}, modality, attribution [{who,
kind}]). start and end are byte offsets of the evidence in the stored text,
which for a plain-text file is the file's own bytes. Places also carry lat
and lon when known. This output is read by outside scorers: it is stable.

Actions: ` + actionList() + `.`,
		Example: `  triangulate claims
  triangulate claims --json > claims.jsonl
  triangulate claims --source 000_fb75171b0db195ae.txt --action deploy`,
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if action != "" && !claim.Action(action).Valid() {
				return usagef("unknown action %q (one of %s)", action, actionList())
			}
			if page.Limit < 0 || page.Offset < 0 {
				return usagef("--limit and --offset must not be negative")
			}
			ctx := cmd.Context()
			kase, st, err := a.openCase(ctx)
			if err != nil {
				return err
			}
			defer st.Close()
			f := store.ClaimFilter{Action: claim.Action(action), IncludeRejected: rejected, Page: page}
			if source != "" {
				s, err := kase.FindSource(ctx, source)
				if err != nil {
					return err
				}
				f.SourceID = s.ID
			}
			cs, err := st.Claims(ctx, f)
			if err != nil {
				return err
			}
			if asJSON {
				enc := json.NewEncoder(a.stdout)
				enc.SetEscapeHTML(false)
				for _, c := range cs {
					if err := enc.Encode(extract.ToGold(c)); err != nil {
						return err
					}
				}
				return nil
			}
			tw := tabwriter.NewWriter(a.stdout, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "ID\tSOURCE\tACTION\tMODALITY\tACTORS\tPLACES\tTIME\tQUANTITY\tATTRIBUTION\tEVIDENCE")
			for _, c := range cs {
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", c.ID, c.Source, c.Action, c.Modality,
					actorsCell(c), placesCell(c), timeCell(c.Time), quantityCell(c), attributionCell(c), clipText(c.Evidence, 60))
			}
			return tw.Flush()
		},
	}
	fl := cmd.Flags()
	fl.BoolVar(&asJSON, "json", false, "print JSON Lines in the evaluation format")
	fl.StringVar(&source, "source", "", "only claims of this source (name or id)")
	fl.StringVar(&action, "action", "", "only claims with this action")
	fl.BoolVar(&rejected, "rejected", false, "include claims an analyst rejected")
	fl.IntVar(&page.Limit, "limit", 0, "at most this many claims (0: all)")
	fl.IntVar(&page.Offset, "offset", 0, "skip this many claims")
	return cmd
}

func actionList() string {
	names := make([]string, len(claim.Actions))
	for i, a := range claim.Actions {
		names[i] = string(a)
	}
	return strings.Join(names, ", ")
}

func actorsCell(c claim.Claim) string {
	names := make([]string, len(c.Actors))
	for i, a := range c.Actors {
		names[i] = a.Name
	}
	return cellOrDash(clipText(strings.Join(names, "; "), 40))
}

func placesCell(c claim.Claim) string {
	parts := make([]string, len(c.Places))
	for i, p := range c.Places {
		parts[i] = p.Name + " (" + string(p.Role) + ")"
	}
	return cellOrDash(clipText(strings.Join(parts, "; "), 50))
}

func timeCell(t *claim.TimeSpan) string {
	if t == nil {
		return "-"
	}
	from, to := t.From, t.To
	if from == "" {
		from = "…"
	}
	if to == "" {
		to = "…"
	}
	if from == to {
		return from
	}
	return from + ".." + to
}

func quantityCell(c claim.Claim) string {
	parts := make([]string, len(c.Quantities))
	for i, q := range c.Quantities {
		v := fmt.Sprintf("%g", q.Min)
		if q.Max != q.Min {
			v += "–" + fmt.Sprintf("%g", q.Max)
		}
		s := strings.TrimSpace(q.Qualifier + " " + v + " " + q.Unit)
		if q.Kind != claim.QuantityCount {
			s += " (" + string(q.Kind) + ")"
		}
		parts[i] = s
	}
	return cellOrDash(strings.Join(parts, "; "))
}

func attributionCell(c claim.Claim) string {
	parts := make([]string, len(c.Attribution))
	for i, a := range c.Attribution {
		parts[i] = a.Who
	}
	return cellOrDash(clipText(strings.Join(parts, " → "), 50))
}

func cellOrDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// clipText cuts s to at most n runes, marking the cut with an ellipsis.
func clipText(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}
