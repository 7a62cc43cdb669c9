package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/spf13/cobra"

	"github.com/triangulate/triangulate/pipeline"
	"github.com/triangulate/triangulate/server"
)

func init() { addCommand(newServeCmd) }

func newServeCmd(a *app) *cobra.Command {
	var addr string
	var anonymous, ingestPrivate bool
	var every time.Duration
	var wf watchFlags
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the web workspace and JSON API",
		Long: `Serve the web workspace over the store: a dashboard of events with their
assessments, a page per event (figures per source, contradictions, reasons,
evidence), a reader for each source with its claims marked, a claims table,
and a JSON API under /api/v1 (sources, claims, events, assessments, signals,
exports/{stix,geojson,claimreview}).

Pages and API need an account (see 'triangulate users add') through a login
session or an 'Authorization: Bearer TOKEN' header, unless --anonymous lets
anyone read. The server stops cleanly on Ctrl-C.

--watch 15m keeps the case current while it is served: the watched feeds
and pages (see 'triangulate watch add') are polled as 'triangulate watch run
--every 15m' would, and what is new is ingested, extracted and fused; pages
show it on their next view. --allow-private lets the watcher fetch loopback
and private addresses.

URLs added through the workspace (the sources page's form and POST
/api/v1/sources) are fetched under the same guard: loopback, private,
link-local and other non-public addresses are refused, after DNS resolution
and on every redirect, unless --ingest-private is given. It is the
workspace's own setting, apart from the watcher's --allow-private, because
any analyst can type a URL into the form.`,
		Example: `  triangulate serve
  triangulate serve --addr 127.0.0.1:9000 --anonymous
  triangulate serve --watch 15m
  curl -H "Authorization: Bearer $TOKEN" http://127.0.0.1:8080/api/v1/events`,
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			cs, st, err := a.openCase(ctx)
			if err != nil {
				return err
			}
			defer st.Close()
			if every == 0 {
				return serveCase(ctx, a, cs, addr, anonymous, ingestPrivate)
			}
			p, err := a.newPoller(cs, every, wf)
			if err != nil {
				return err
			}
			// The watcher stops with the server, and before the store closes.
			wctx, stop := context.WithCancel(ctx)
			watched := make(chan struct{})
			go func() {
				defer close(watched)
				if err := p.Run(wctx, every); err != nil {
					a.log.Error("watch: stopped", "err", err)
				}
			}()
			defer func() { stop(); <-watched }()
			fmt.Fprintf(a.stderr, "triangulate: polling watched URLs every %s\n", every)
			return serveCase(ctx, a, cs, addr, anonymous, ingestPrivate)
		},
	}
	cmd.Flags().StringVar(&addr, "addr", "127.0.0.1:8080", "address to listen on")
	cmd.Flags().BoolVar(&anonymous, "anonymous", false, "let requests without an account read (never write)")
	cmd.Flags().DurationVar(&every, "watch", 0, "poll the watched feeds and pages this often (e.g. 15m; 0: off)")
	wf.register(cmd) // --allow-private, --max-bytes, --timeout, as for 'watch run'
	cmd.Flags().BoolVar(&ingestPrivate, "ingest-private", false, "let the workspace's add-source form and API fetch loopback, private and link-local addresses")
	return cmd
}

// serveCase serves the case on addr until ctx is cancelled, then shuts
// down gracefully.
func serveCase(ctx context.Context, a *app, cs *pipeline.Case, addr string, anonymous, ingestPrivate bool) error {
	serverGC()
	log := a.log
	if log == nil {
		log = slog.New(slog.NewTextHandler(a.stderr, nil))
	}
	// The case's packs and settings: sources added through the workspace
	// are read, and the case graded, as the CLI does.
	h, err := server.New(server.Config{Case: cs, Log: log, AllowAnonymous: anonymous, AllowPrivate: ingestPrivate})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return usagef("serve: listen on %s: %w", addr, err)
	}
	srv := &http.Server{
		Handler:           server.AccessLog(log, h),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	fmt.Fprintf(a.stderr, "triangulate: serving http://%s/ (anonymous read: %t)\n", ln.Addr(), anonymous)
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	// Give requests in flight a moment to finish.
	shutCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutCtx); err != nil {
		return fmt.Errorf("serve: shutdown: %w", err)
	}
	if err := <-done; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	return nil
}
