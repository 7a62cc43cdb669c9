package main

import (
	"encoding/json"
	"fmt"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/triangulate/triangulate/pipeline"
	"github.com/triangulate/triangulate/source"
	"github.com/triangulate/triangulate/watch"
)

func init() { addCommand(newWatchCmd) }

func newWatchCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "watch",
		Short: "Keep the case current: poll feeds and pages on a schedule",
		Long: `Watch attaches feeds (RSS, Atom, JSON Feed) and pages to the case and polls
them on a schedule. What is new is ingested, its claims extracted, and the
events fused and assessed again, as 'ingest', 'extract' and 'fuse' would.

Polling is polite and never stores anything twice: each request carries the
ETag and Last-Modified of the last response, so an unchanged feed costs one
304 Not Modified; when a feed changes, items already stored are recognised by
their content hash and skipped. A watch that fails (refused address, HTTP
error, timeout, unreadable content) is retried after a back-off that doubles
with each failure in a row (interval x 2^failures, at most a day); one failing
watch never holds up the others.

'triangulate watch run' polls until Ctrl-C; 'triangulate serve --watch 15m'
does the same alongside the web workspace.`,
		Example: `  triangulate watch add https://example.org/feed.xml https://example.com/news/rss
  triangulate watch list
  triangulate watch run --every 15m
  triangulate watch run --once          # e.g. from cron
  triangulate watch remove https://example.com/news/rss`,
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			return usagef("watch needs a subcommand: add, list, remove or run")
		},
	}
	cmd.AddCommand(newWatchAddCmd(a), newWatchListCmd(a), newWatchRemoveCmd(a), newWatchRunCmd(a))
	return cmd
}

func newWatchAddCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "add URL...",
		Short: "Watch feeds or pages",
		Long: `Add attaches http or https URLs to the case. A new watch is due at once:
the next 'watch run' (or 'serve --watch') polls it first. Adding a URL that is
already watched changes nothing. URLs are stored in a canonical form (lower-
case host, no #fragment).`,
		Example: `  triangulate watch add https://example.org/feed.xml
  triangulate watch add https://example.org/rss https://example.com/atom.xml`,
		Args: minArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			urls := make([]string, len(args))
			for i, arg := range args {
				u, err := watch.ParseURL(arg)
				if err != nil {
					return badInput(err)
				}
				urls[i] = u
			}
			st, acc, err := a.openAccounts(ctx, "watch")
			if err != nil {
				return err
			}
			defer st.Close()
			for _, u := range urls {
				added, err := watch.Add(ctx, acc, u)
				if err != nil {
					return err
				}
				if added {
					fmt.Fprintf(a.stdout, "watching %s\n", u)
				} else {
					fmt.Fprintf(a.stdout, "already watching %s\n", u)
				}
			}
			return nil
		},
	}
}

// watchRow is one line of 'watch list --json'.
type watchRow struct {
	URL          string    `json:"url"`
	LastPolled   time.Time `json:"last_polled,omitzero"`
	Failures     int       `json:"failures"`
	NextPoll     time.Time `json:"next_poll,omitzero"`
	ETag         string    `json:"etag,omitempty"`
	LastModified string    `json:"last_modified,omitempty"`
}

func newWatchListCmd(a *app) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List watched URLs and their polling state",
		Long: `List prints each watched URL with when it was last polled, its failures in a
row, when it is next due ("due" if now), and the validators (ETag,
Last-Modified) the next poll will send. Times are UTC.

--json prints one JSON object per line (JSON Lines).`,
		Example: `  triangulate watch list
  triangulate watch list --json | jq -r 'select(.failures > 0) | .url'`,
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			st, acc, err := a.openAccounts(ctx, "watch")
			if err != nil {
				return err
			}
			defer st.Close()
			ws, err := acc.Watches(ctx)
			if err != nil {
				return err
			}
			if asJSON {
				enc := json.NewEncoder(a.stdout)
				for _, w := range ws {
					r := watchRow{URL: w.URL, LastPolled: w.LastPolled.UTC(), Failures: w.Failures,
						NextPoll: w.NextPoll.UTC(), ETag: w.ETag, LastModified: w.LastModified}
					if err := enc.Encode(r); err != nil {
						return err
					}
				}
				return nil
			}
			if len(ws) == 0 {
				fmt.Fprintln(a.stderr, "nothing watched yet: add a feed with 'triangulate watch add URL'")
				return nil
			}
			now := time.Now()
			tw := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "URL\tLAST POLLED\tFAILURES\tNEXT POLL\tETAG\tLAST-MODIFIED")
			for _, w := range ws {
				polled := "never"
				if !w.LastPolled.IsZero() {
					polled = w.LastPolled.UTC().Format(time.DateTime)
				}
				next := "due"
				if w.NextPoll.After(now) {
					next = w.NextPoll.UTC().Format(time.DateTime)
				}
				fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%s\t%s\n", w.URL, polled, w.Failures, next,
					orDash(clip(w.ETag, 40)), orDash(w.LastModified))
			}
			return tw.Flush()
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON Lines instead of a table")
	return cmd
}

func newWatchRemoveCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:     "remove URL...",
		Aliases: []string{"rm"},
		Short:   "Stop watching URLs",
		Long: `Remove detaches URLs from the case; what was ingested from them stays. A URL
that is not watched is an error (exit code 1); the others are still removed.`,
		Example: `  triangulate watch remove https://example.com/news/rss`,
		Args:    minArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			st, acc, err := a.openAccounts(ctx, "watch")
			if err != nil {
				return err
			}
			defer st.Close()
			failed := 0
			for _, u := range args {
				if err := watch.Remove(ctx, acc, u); err != nil {
					fmt.Fprintf(a.stderr, "triangulate: %v\n", err)
					failed++
					continue
				}
				fmt.Fprintf(a.stdout, "stopped watching %s\n", u)
			}
			if failed > 0 {
				return fmt.Errorf("watch remove: %d of %d URLs not removed", failed, len(args))
			}
			return nil
		},
	}
}

// watchFlags configure the fetching of a poller, for 'watch run' and 'serve
// --watch'; zero values mean the source package's defaults.
type watchFlags struct {
	allowPrivate bool
	maxBytes     string
	timeout      time.Duration
}

func (f *watchFlags) register(cmd *cobra.Command) {
	fs := cmd.Flags()
	fs.BoolVar(&f.allowPrivate, "allow-private", false, "let the watcher fetch loopback, private and link-local addresses")
	fs.StringVar(&f.maxBytes, "max-bytes", "20MiB", "size cap for one watched feed or page")
	fs.DurationVar(&f.timeout, "timeout", source.DefaultTimeout, "time limit for fetching one watched URL")
}

// newPoller builds the watcher over the case, polling a healthy watch every
// interval.
func (a *app) newPoller(cs *pipeline.Case, interval time.Duration, f watchFlags) (*watch.Poller, error) {
	if interval <= 0 {
		return nil, usagef("the polling interval must be positive, e.g. 15m")
	}
	capBytes := int64(source.DefaultMaxBytes)
	if f.maxBytes != "" {
		n, err := parseSize(f.maxBytes)
		if err != nil {
			return nil, usagef("--max-bytes: %w", err)
		}
		capBytes = n
	}
	if f.timeout < 0 {
		return nil, usagef("--timeout must be positive")
	}
	return watch.NewPoller(watch.Config{
		Store: cs.Store(),
		Case:  cs,
		Ingester: &source.Ingester{
			Fetcher:  source.NewFetcher(source.FetchConfig{AllowPrivate: f.allowPrivate, MaxBytes: capBytes, Timeout: f.timeout}),
			MaxBytes: capBytes,
		},
		Interval: interval,
		Log:      a.log,
	})
}

func newWatchRunCmd(a *app) *cobra.Command {
	var (
		every time.Duration
		once  bool
		flags watchFlags
	)
	cmd := &cobra.Command{
		Use:   "run",
		Short: "Poll the watched URLs on a schedule until Ctrl-C",
		Long: `Run polls every watched URL that is due, then again as watches fall due, until
Ctrl-C. A healthy watch is due --every after its last poll; a failing one
backs off (--every x 2^failures, at most a day). New sources, their claims
and the re-fused events go to the store; each poll that found something or
failed is logged on stderr (-v logs the others too).

--once polls the due watches once, prints one line per watch, and exits: 1
if any poll failed (the failure is recorded and backed off all the same).
Lines read:
  URL: new N (C claims, E already stored)
  URL: unchanged (E items already stored)
  URL: not-modified
  URL: failed (F in a row, next try TIME): why

Fetching is guarded as for 'ingest': loopback, private and link-local
addresses are refused unless --allow-private is given.`,
		Example: `  triangulate watch run
  triangulate watch run --every 5m
  triangulate watch run --once
  triangulate watch run --once --allow-private   # a feed on this machine`,
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			st, acc, err := a.openAccounts(ctx, "watch")
			if err != nil {
				return err
			}
			defer st.Close()
			cs := pipeline.New(st, pipeline.Options{})
			if len(a.packDirs) > 0 {
				if err := cs.UsePacks(ctx, a.packDirs, author()); err != nil {
					return err
				}
			}
			p, err := a.newPoller(cs, every, flags)
			if err != nil {
				return err
			}
			ws, err := acc.Watches(ctx)
			if err != nil {
				return err
			}
			if len(ws) == 0 {
				fmt.Fprintln(a.stderr, "triangulate: nothing watched yet: add a feed with 'triangulate watch add URL'")
				if once {
					return nil
				}
			}
			if !once {
				fmt.Fprintf(a.stderr, "triangulate: watching %d URLs, polling every %s; Ctrl-C stops\n", len(ws), every)
				serverGC() // polls for days, as a server runs
				return p.Run(ctx, every)
			}
			rs, err := p.PollOnce(ctx)
			failed := 0
			for _, r := range rs {
				fmt.Fprintln(a.stdout, r)
				if r.Status == watch.Failed {
					failed++
				}
			}
			if err != nil {
				return err
			}
			if len(rs) == 0 && len(ws) > 0 {
				fmt.Fprintf(a.stderr, "triangulate: none of the %d watches is due\n", len(ws))
			}
			if failed > 0 {
				return fmt.Errorf("watch: %d of %d polls failed", failed, len(rs))
			}
			return nil
		},
	}
	cmd.Flags().DurationVar(&every, "every", watch.DefaultInterval, "time between polls of a watched URL")
	cmd.Flags().BoolVar(&once, "once", false, "poll the due watches once, print a report and exit")
	flags.register(cmd)
	return cmd
}
