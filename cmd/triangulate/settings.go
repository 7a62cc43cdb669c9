package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/triangulate/triangulate/assess"
	"github.com/triangulate/triangulate/store"
)

func init() { addCommand(newSettingsCmd) }

func newSettingsCmd(a *app) *cobra.Command {
	var (
		org, grading                 string
		defaultGrading, defaultPacks bool
		asJSON                       bool
	)
	cmd := &cobra.Command{
		Use:   "settings",
		Short: "Show or change the case's settings: grading, packs, organisation",
		Long: `Settings belong to the case and live in its store, so every door — the CLI,
an edit in the workspace, an upload, a watched feed — grades and reads the
case alike. Each change is a new version; each assessment records the
version (and a hash of it) it was made with.

  grading       overrides of the grading defaults, in the format of a
                --grading file (assess/README.md). The defaults are the
                reliability letters of the knowledge packs' speakers and the
                rules in assess/rules.go; the case's overrides win.
  packs         knowledge pack directories the case is read with beside the
                embedded default, with the SHA-256 of their files; the global
                --pack flag sets them. A pack changed on disk is re-read and
                its new hash recorded.
  organisation  who keeps the case.

With no flag, settings prints them. A change makes the events stale until
'triangulate fuse'.`,
		Example: `  triangulate settings
  triangulate settings --grading grading.json
  triangulate settings --organisation "Open Source Desk"
  triangulate --pack ./mypack settings
  triangulate settings --default-grading --default-packs`,
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			if grading != "" && defaultGrading {
				return usagef("--grading and --default-grading exclude each other")
			}
			if defaultPacks && len(a.packDirs) > 0 {
				return usagef("--pack and --default-packs exclude each other")
			}
			cs, st, err := a.openCase(ctx)
			if err != nil {
				return err
			}
			defer st.Close()
			if err := setGrading(ctx, cs, grading); err != nil {
				return err
			}
			if defaultGrading {
				if err := cs.SetGrading(ctx, assess.Overrides{}, author()); err != nil {
					return err
				}
			}
			if defaultPacks {
				if err := cs.UsePacks(ctx, nil, author()); err != nil {
					return err
				}
			}
			if cmd.Flags().Changed("organisation") {
				if err := cs.SetOrganisation(ctx, org, author()); err != nil {
					return err
				}
			}
			set, err := cs.Settings(ctx)
			if err != nil {
				return err
			}
			if asJSON {
				enc := json.NewEncoder(a.stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(struct {
					Version  int   `json:"version"`
					Revision int64 `json:"revision"`
					store.Settings
				}{set.Version, set.Revision, set})
			}
			printSettings(a, set)
			return nil
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&grading, "grading", "", "make this JSON file the case's grading overrides")
	fl.BoolVar(&defaultGrading, "default-grading", false, "drop the case's grading overrides")
	fl.BoolVar(&defaultPacks, "default-packs", false, "read the case with the embedded default packs only")
	fl.StringVar(&org, "organisation", "", "name who keeps the case")
	fl.BoolVar(&asJSON, "json", false, "print the settings as JSON")
	return cmd
}

func printSettings(a *app, s store.Settings) {
	w := a.stdout
	if s.Version == 0 {
		fmt.Fprintln(w, "settings: the defaults (never changed)")
	} else {
		fmt.Fprintf(w, "settings version %d (case revision %d), by %s at %s\n", s.Version, s.Revision, orDash(s.By), s.At.UTC().Format(time.RFC3339))
	}
	fmt.Fprintf(w, "organisation: %s\n", orDash(s.Organisation))
	fmt.Fprintln(w, "packs: the embedded default")
	for _, p := range s.Packs {
		fmt.Fprintf(w, "  %s  sha256 %s\n", p.Dir, p.Hash)
	}
	if len(s.Grading) == 0 {
		fmt.Fprintln(w, "grading: the defaults (the packs' reliability letters, assess/rules.go)")
		return
	}
	var b bytes.Buffer
	if err := json.Indent(&b, s.Grading, "  ", "  "); err != nil {
		b.Reset()
		b.Write(s.Grading)
	}
	fmt.Fprintf(w, "grading overrides:\n  %s\n", b.String())
}
