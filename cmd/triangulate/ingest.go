package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/source"
)

func init() { addCommand(newIngestCmd) }

// progressThreshold is how many inputs make a progress bar worth drawing.
const progressThreshold = 20

func newIngestCmd(a *app) *cobra.Command {
	var (
		meta                    source.Meta
		published, maxBytes     string
		allowPrivate, forceMeta bool
		noExtract               bool
		timeout                 time.Duration
	)
	cmd := &cobra.Command{
		Use:   "ingest PATH|URL ...",
		Short: "Add documents to the case: archive, extract claims, fuse events",
		Long: `Ingest adds documents to the case as the workspace's upload and the feed
watcher do: each is stored as a source (its exact bytes and a SHA-256), the
claims of each new source are extracted, dated flight claims are checked
against the calendars, and the case is fused and assessed again, so that
'triangulate report' shows the events at once. --no-extract only archives
(then 'triangulate extract' and 'triangulate fuse' do the rest). Storing
the same content again is a no-op that says so.

Formats:
  plain text   the text is the file's bytes, unchanged (claim offsets index it)
  HTML         the main article is extracted; title, outlet (og:site_name),
               date (article:published_time, JSON-LD) and language are read
               from the page's metadata
  RSS / Atom   each item becomes a source, named after its link
  directories  walked recursively; files ending .txt .text .html .htm .xhtml
               .shtml .rss .atom .xml .rdf are ingested, hidden files, READMEs
               and other files are skipped
  URLs         http and https only, fetched under a guard (see below)

Metadata: the document's own metadata comes first; a sidecar file beside a
document, NAME.meta.json (e.g. report.txt.meta.json or report.meta.json),
can give it per file:
  {"outlet": "The Amargi", "published": "2026-01-14", "title": "…",
   "url": "https://…", "language": "en"}
and the flags fill what is still missing (--force-meta makes them win).
--published is the date that relative times in the text ("last Tuesday")
are resolved against.

URL fetching refuses loopback, private, link-local, multicast and other
non-public addresses — checked on the address actually connected to, after
DNS resolution and on every redirect — unless --allow-private is given.
Responses are capped by --max-bytes and the whole fetch by --timeout.

Each source is stored in its own transaction: an interrupted run leaves only
whole sources. Each stored source is one line on stdout; each bad input is one line on stderr naming it, and the run goes
on; the exit code is 1 if any input failed. The case is fused once, after
the last input, with its own grading (see 'triangulate settings').`,
		Example: `  triangulate ingest examples/seed
  triangulate ingest report.txt --outlet "The Amargi" --published 2026-01-14
  triangulate ingest https://example.org/feed.xml
  triangulate ingest --allow-private http://127.0.0.1:8080/article.html`,
		Args: minArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			fusionGC()
			ctx := cmd.Context()
			if published != "" {
				t, err := time.Parse(time.DateOnly, published)
				if err != nil {
					return usagef("--published %q: want YYYY-MM-DD", published)
				}
				meta.Published = t
			}
			capBytes, err := parseSize(maxBytes)
			if err != nil {
				return usagef("--max-bytes: %w", err)
			}
			if timeout <= 0 {
				return usagef("--timeout must be positive")
			}
			in := &source.Ingester{
				Fetcher: source.NewFetcher(source.FetchConfig{
					AllowPrivate: allowPrivate,
					MaxBytes:     capBytes,
					Timeout:      timeout,
				}),
				MaxBytes:  capBytes,
				Defaults:  meta,
				ForceMeta: forceMeta,
			}

			// List every input first, so that a progress bar knows its total.
			var inputs []string
			failed := 0
			for _, arg := range args {
				if isURL(arg) {
					inputs = append(inputs, arg)
					continue
				}
				fi, err := os.Stat(arg)
				if err != nil {
					fmt.Fprintf(a.stderr, "triangulate: ingest %s: %v\n", arg, pathErr(err))
					failed++
					continue
				}
				if !fi.IsDir() {
					inputs = append(inputs, arg)
					continue
				}
				files, err := source.Files(arg)
				if err != nil {
					fmt.Fprintf(a.stderr, "triangulate: %v\n", err)
					failed++
					continue
				}
				if len(files) == 0 {
					fmt.Fprintf(a.stderr, "triangulate: ingest %s: no documents in the directory\n", arg)
					failed++
				}
				inputs = append(inputs, files...)
			}

			cs, st, err := a.openCase(ctx)
			if err != nil {
				return err
			}
			defer st.Close()

			var bar *progressbar.ProgressBar
			if len(inputs) >= progressThreshold && a.stderrIsTerminal() {
				bar = progressbar.NewOptions(len(inputs),
					progressbar.OptionSetWriter(a.stderr),
					progressbar.OptionSetDescription("ingest"),
					progressbar.OptionShowCount(),
					progressbar.OptionClearOnFinish(),
					progressbar.OptionThrottle(100*time.Millisecond))
			}
			// say writes a line, first clearing the bar if the line goes to
			// the terminal it is drawn on.
			stdoutTTY := isTerminal(a.stdout)
			say := func(w io.Writer, format string, args ...any) {
				if bar != nil && (w == a.stderr || stdoutTTY) {
					bar.Clear()
				}
				fmt.Fprintf(w, format, args...)
			}

			added, unchanged, claims := 0, 0, 0
			for _, input := range inputs {
				if err := ctx.Err(); err != nil {
					return fmt.Errorf("ingest interrupted: %w", err)
				}
				var (
					ss  []*claim.Source
					err error
				)
				if isURL(input) {
					ss, err = in.FromURL(ctx, input)
				} else {
					ss, err = in.FromFile(input)
				}
				if err != nil {
					failed++
					say(a.stderr, "triangulate: %v\n", err)
				}
				for _, s := range ss {
					got, err := cs.Add(ctx, []*claim.Source{s}, !noExtract)
					for _, ad := range got {
						if ad.Existed {
							unchanged++
							say(a.stdout, "unchanged: %s already stored as #%d\n", s.Name, ad.ID)
							continue
						}
						added++
						claims += ad.Claims
						say(a.stdout, "added #%d %s%s\n", ad.ID, s.Name, describe(s))
					}
					if err != nil {
						failed++
						say(a.stderr, "triangulate: ingest %s: %v\n", input, err)
						if ctx.Err() != nil {
							return fmt.Errorf("ingest interrupted: %w", ctx.Err())
						}
					}
				}
				if bar != nil {
					bar.Add(1)
				}
			}
			if bar != nil {
				bar.Finish()
			}
			events := ""
			if added > 0 && !noExtract {
				f, err := cs.Fuse(ctx)
				if err != nil {
					return err
				}
				events = fmt.Sprintf("; %d claims extracted, %d events", claims, len(f.Events))
			}
			summary := fmt.Sprintf("ingest: %d added, %d unchanged, %d failed%s", added, unchanged, failed, events)
			if failed > 0 {
				return errors.New(summary) // exit code 1
			}
			if len(inputs) > 1 || events != "" {
				fmt.Fprintln(a.stderr, summary)
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&meta.Outlet, "outlet", "", "outlet, when the document does not name one")
	f.StringVar(&meta.Title, "title", "", "title, when the document has none")
	f.StringVar(&meta.URL, "url", "", "original URL of a file, when the document has none")
	f.StringVar(&published, "published", "", "publication date YYYY-MM-DD (relative times resolve against it), when the document has none")
	f.StringVar(&meta.Language, "language", "", "language code (en, ar, fa …), when the document has none")
	f.BoolVar(&forceMeta, "force-meta", false, "let the flags override the document's own metadata")
	f.BoolVar(&noExtract, "no-extract", false, "only archive: extract no claims and fuse nothing")
	f.BoolVar(&allowPrivate, "allow-private", false, "allow fetching from loopback, private and link-local addresses")
	f.StringVar(&maxBytes, "max-bytes", "20MiB", "size cap for any file or download (e.g. 500KB, 20MiB, 1GB, or bytes)")
	f.DurationVar(&timeout, "timeout", source.DefaultTimeout, "time limit for fetching one URL")
	return cmd
}

// describe renders " (outlet, date)" for what is known of a source.
func describe(s *claim.Source) string {
	var parts []string
	if s.Outlet != "" {
		parts = append(parts, s.Outlet)
	}
	if !s.Published.IsZero() {
		parts = append(parts, s.Published.Format(time.DateOnly))
	}
	if len(parts) == 0 {
		return ""
	}
	return " (" + strings.Join(parts, ", ") + ")"
}

// isURL reports whether an argument names a URL rather than a path. Any
// scheme counts, so that ftp:// or file:// get the fetcher's clear refusal
// rather than "no such file".
func isURL(arg string) bool {
	i := strings.Index(arg, "://")
	if i <= 0 {
		return false
	}
	for _, r := range arg[:i] {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '+' || r == '-' || r == '.') {
			return false
		}
	}
	return true
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// pathErr drops the path from an *os.PathError: the message names it already.
func pathErr(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}

// parseSize reads a byte count with an optional unit: B, KB/MB/GB (powers of
// 1000) or KiB/MiB/GiB (powers of 1024).
func parseSize(s string) (int64, error) {
	t := strings.TrimSpace(s)
	units := []struct {
		suffix string
		mult   int64
	}{
		{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30},
		{"KB", 1e3}, {"MB", 1e6}, {"GB", 1e9}, {"K", 1 << 10}, {"M", 1 << 20}, {"G", 1 << 30}, {"B", 1},
	}
	mult := int64(1)
	for _, u := range units {
		if len(t) > len(u.suffix) && strings.EqualFold(t[len(t)-len(u.suffix):], u.suffix) {
			t, mult = strings.TrimSpace(t[:len(t)-len(u.suffix)]), u.mult
			break
		}
	}
	n, err := strconv.ParseFloat(t, 64)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("%q is not a positive size such as 20MiB", s)
	}
	return int64(n * float64(mult)), nil
}
