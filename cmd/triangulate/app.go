package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"sort"
	"strings"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/triangulate/triangulate/errs"
	"github.com/triangulate/triangulate/pipeline"
	"github.com/triangulate/triangulate/store"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

// app carries what every subcommand needs; it is passed explicitly, never global.
type app struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	log            *slog.Logger

	db       string   // --db or TRIANGULATE_DB
	packDirs []string // --pack
	verbose  bool
}

// commands holds the constructors of the subcommands; each command's file
// adds its own in init, so commands can be added without editing one list.
var commands []func(*app) *cobra.Command

func addCommand(f func(*app) *cobra.Command) { commands = append(commands, f) }

// run executes the CLI and returns the process exit code:
// 0 ok, 1 failure, 2 usage or bad input.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	a := &app{stdin: stdin, stdout: stdout, stderr: stderr}
	root := newRoot(a)
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return 0
	}
	if !errs.Is(err, errs.BadInput) && strings.HasPrefix(err.Error(), "unknown command") {
		err = badInput(err) // cobra's own, unkinded
	}
	fmt.Fprintf(stderr, "triangulate: %v\n", err)
	code := errs.ExitCode(err)
	if code == 2 {
		fmt.Fprintln(stderr, "Run 'triangulate --help' (or 'triangulate COMMAND --help') for usage.")
	}
	return code
}

// badInput gives a command-line mistake the bad-input kind (exit code 2).
func badInput(err error) error { return errs.E(errs.BadInput, "", err) }

// usagef is badInput of a formatted error.
func usagef(format string, args ...any) error { return badInput(fmt.Errorf(format, args...)) }

func newRoot(a *app) *cobra.Command {
	root := &cobra.Command{
		Use:   "triangulate",
		Short: "Triangulate conflicting reports: extract claims, fuse events, test them against data",
		Long: `Triangulate ingests news reports, extracts attributed claims with exact spans,
groups them into events across sources, counts independent origins, tests
claims against flight data and calendars, and assesses each event in standard
estimative language.

The store is a SQLite file (default triangulate.db) or a PostgreSQL URL:
  --db PATH | --db postgres://user@host/db   (or TRIANGULATE_DB)

Start with:  triangulate demo`,
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error {
			level := slog.LevelInfo
			if a.verbose {
				level = slog.LevelDebug
			}
			a.log = slog.New(slog.NewTextHandler(a.stderr, &slog.HandlerOptions{Level: level}))
			if !cmd.Flags().Changed("db") && a.db == "" {
				a.db = os.Getenv("TRIANGULATE_DB")
			}
			return nil
		},
	}
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return badInput(err) })
	pf := root.PersistentFlags()
	pf.StringVar(&a.db, "db", "", "store: SQLite file path or postgres:// URL (env TRIANGULATE_DB; default triangulate.db)")
	pf.StringSliceVar(&a.packDirs, "pack", nil, "extra knowledge pack directory (repeatable)")
	pf.BoolVarP(&a.verbose, "verbose", "v", false, "debug logging on stderr")

	cmds := make([]*cobra.Command, 0, len(commands))
	for _, f := range commands {
		cmds = append(cmds, f(a))
	}
	sort.Slice(cmds, func(i, j int) bool { return cmds[i].Name() < cmds[j].Name() })
	root.AddCommand(cmds...)
	root.SetHelpCommand(&cobra.Command{Hidden: true})
	return root
}

// dbPath is the store the user chose, or the default.
func (a *app) dbPath() string {
	if a.db != "" {
		return a.db
	}
	return "triangulate.db"
}

// openStore opens the chosen store, creating and migrating it if needed.
func (a *app) openStore(ctx context.Context) (store.Store, error) {
	return store.Open(ctx, a.dbPath())
}

// openCase opens the store and the case over it. Packs given with --pack
// become the packs the case is read with, recorded in its settings, so that
// the server and the watcher read it the same way. The caller closes the
// store.
func (a *app) openCase(ctx context.Context) (*pipeline.Case, store.Store, error) {
	st, err := a.openStore(ctx)
	if err != nil {
		return nil, nil, err
	}
	cs := pipeline.New(st, pipeline.Options{})
	if len(a.packDirs) > 0 {
		if err := cs.UsePacks(ctx, a.packDirs, author()); err != nil {
			st.Close()
			return nil, nil, err
		}
	}
	return cs, st, nil
}

// noteStale says on stderr when the events shown do not reflect the stored
// claims, pins, signals or settings.
func (a *app) noteStale(ctx context.Context, cs *pipeline.Case) error {
	s, err := cs.Status(ctx)
	if err != nil {
		return err
	}
	if s.Stale {
		fmt.Fprintln(a.stderr, "triangulate: note: claims (or pins, signals, settings) changed after the last fusion; the events shown are older: run 'triangulate fuse'")
	}
	return nil
}

// author names the person at the terminal for audit trails (pins, edits,
// settings).
func author() string {
	if u := os.Getenv("USER"); u != "" {
		return u
	}
	return "cli"
}

// stderrIsTerminal reports whether progress bars should be drawn.
func (a *app) stderrIsTerminal() bool {
	f, ok := a.stderr.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// exactArgs is cobra.ExactArgs returning a usage error.
func exactArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if err := cobra.ExactArgs(n)(cmd, args); err != nil {
			return badInput(err)
		}
		return nil
	}
}

// minArgs is cobra.MinimumNArgs returning a usage error.
func minArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if err := cobra.MinimumNArgs(n)(cmd, args); err != nil {
			return badInput(err)
		}
		return nil
	}
}
