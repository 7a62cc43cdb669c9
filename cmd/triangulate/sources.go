package main

import (
	"encoding/json"
	"fmt"
	"text/tabwriter"
	"time"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/store"
)

func init() { addCommand(newSourcesCmd) }

// sourceRow is one line of `sources --json`: the listing without the text.
type sourceRow struct {
	ID          int64     `json:"id"`
	Name        string    `json:"name"`
	Outlet      string    `json:"outlet,omitempty"`
	Title       string    `json:"title,omitempty"`
	URL         string    `json:"url,omitempty"`
	Published   time.Time `json:"published,omitzero"`
	Fetched     time.Time `json:"fetched"`
	Language    string    `json:"language,omitempty"`
	MediaType   string    `json:"media_type"`
	ContentHash string    `json:"content_hash"`
	TextBytes   int       `json:"text_bytes"`
}

func newSourcesCmd(a *app) *cobra.Command {
	var (
		asJSON bool
		page   store.Page
	)
	cmd := &cobra.Command{
		Use:   "sources",
		Short: "List stored sources",
		Long: `Sources lists the stored sources in the order they were added: id, name,
outlet, publication date, size of the text in bytes, the first 12 hex digits
of the content hash (SHA-256 of the raw bytes) and title.

--json prints one JSON object per line (JSON Lines) with every field but the
text itself.`,
		Example: `  triangulate sources
  triangulate sources --json | jq -r .content_hash
  triangulate sources --limit 20 --offset 40`,
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if page.Limit < 0 || page.Offset < 0 {
				return usagef("--limit and --offset must not be negative")
			}
			st, err := a.openStore(cmd.Context())
			if err != nil {
				return err
			}
			defer st.Close()
			ss, err := st.Sources(cmd.Context(), page)
			if err != nil {
				return err
			}
			if asJSON {
				enc := json.NewEncoder(a.stdout)
				for _, s := range ss {
					if err := enc.Encode(row(s)); err != nil {
						return err
					}
				}
				return nil
			}
			if len(ss) == 0 {
				fmt.Fprintln(a.stderr, "no sources stored yet: add some with 'triangulate ingest PATH|URL'")
				return nil
			}
			tw := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "ID\tNAME\tOUTLET\tPUBLISHED\tBYTES\tHASH\tTITLE")
			for _, s := range ss {
				pub := "-"
				if !s.Published.IsZero() {
					pub = s.Published.Format(time.DateOnly)
				}
				fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%d\t%s\t%s\n", s.ID, clip(s.Name, 48), orDash(clip(s.Outlet, 24)),
					pub, len(s.Text), s.ContentHash[:min(12, len(s.ContentHash))], clip(s.Title, 60))
			}
			return tw.Flush()
		},
	}
	f := cmd.Flags()
	f.BoolVar(&asJSON, "json", false, "print JSON Lines instead of a table")
	f.IntVar(&page.Limit, "limit", 0, "list at most this many (0: all)")
	f.IntVar(&page.Offset, "offset", 0, "skip this many first")
	return cmd
}

func row(s *claim.Source) sourceRow {
	return sourceRow{ID: s.ID, Name: s.Name, Outlet: s.Outlet, Title: s.Title, URL: s.URL,
		Published: s.Published, Fetched: s.Fetched, Language: s.Language, MediaType: s.MediaType,
		ContentHash: s.ContentHash, TextBytes: len(s.Text)}
}

// clip shortens s to at most n runes, marking the cut with an ellipsis.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
