// Package watch keeps a case current. It polls the feeds and pages attached
// to a case (store.Watch) on a schedule and sends what is new through
// ingestion, extraction and fusion (pipeline.Case.Ingest), with the
// case's own packs and settings, as every other door.
//
// Polling is polite and idempotent: each fetch is conditional on the
// validators of the last one (ETag, Last-Modified), so an unchanged feed
// costs a 304 and nothing else; a feed that changed yields all its items
// again, but content already stored is recognised by its hash and never
// re-ingested. A watch that fails (refused address, HTTP error, timeout,
// unreadable content) is retried after an exponential back-off, and one bad
// watch never stops the others.
package watch

import (
	"context"
	"fmt"
	"log/slog"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/triangulate/triangulate/errs"
	"github.com/triangulate/triangulate/pipeline"
	"github.com/triangulate/triangulate/source"
	"github.com/triangulate/triangulate/store"
)

// Defaults.
const (
	// DefaultInterval is how long after a good poll a watch is polled again.
	DefaultInterval = 15 * time.Minute
	// DefaultMaxBackoff caps the wait after repeated failures.
	DefaultMaxBackoff = 24 * time.Hour
	// minWait keeps Run from spinning if a watch's state cannot be saved
	// and it therefore stays due.
	minWait = time.Second
)

// Config is what a Poller needs. Store, Ingester (with a Fetcher) and
// Case (the case over Store) are required.
type Config struct {
	Store store.Store
	Case  *pipeline.Case
	// Accounts holds the watches; nil means store.AccountsOf(Store).
	Accounts store.Accounts
	Ingester *source.Ingester
	// Interval is the time between polls of a healthy watch; 0 means
	// DefaultInterval.
	Interval time.Duration
	// MaxBackoff caps the back-off after failures; 0 means DefaultMaxBackoff.
	MaxBackoff time.Duration
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Log receives a line per poll that found something or failed; nil
	// discards.
	Log *slog.Logger
}

// Poller polls the watched URLs of one store. Its methods are safe for
// concurrent use; polls of one Poller never overlap.
type Poller struct {
	cfg Config
	mu  sync.Mutex // serialises polls
}

// NewPoller returns a Poller for cfg.
func NewPoller(cfg Config) (*Poller, error) {
	const op = "watch: new poller"
	switch {
	case cfg.Store == nil:
		return nil, errs.E(errs.Internal, op, "no store")
	case cfg.Ingester == nil || cfg.Ingester.Fetcher == nil:
		return nil, errs.E(errs.Internal, op, "no ingester with a fetcher")
	case cfg.Case == nil:
		return nil, errs.E(errs.Internal, op, "no case")
	case cfg.Interval < 0 || cfg.MaxBackoff < 0:
		return nil, errs.E(errs.BadInput, op, "negative interval or back-off")
	}
	if cfg.Accounts == nil {
		acc, ok := store.AccountsOf(cfg.Store)
		if !ok {
			return nil, errs.E(errs.Internal, op, fmt.Sprintf("store %T keeps no watches", cfg.Store))
		}
		cfg.Accounts = acc
	}
	if cfg.Interval == 0 {
		cfg.Interval = DefaultInterval
	}
	if cfg.MaxBackoff == 0 {
		cfg.MaxBackoff = DefaultMaxBackoff
	}
	if cfg.MaxBackoff < cfg.Interval {
		cfg.MaxBackoff = cfg.Interval
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	return &Poller{cfg: cfg}, nil
}

// Interval returns the time between polls of a healthy watch.
func (p *Poller) Interval() time.Duration { return p.cfg.Interval }

// ParseURL checks that raw is an absolute http or https URL with a host and
// returns its canonical form (lower-case host, no fragment), the form a
// watch is stored under.
func ParseURL(raw string) (string, error) {
	op := fmt.Sprintf("watch %q", raw)
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return "", errs.E(errs.BadInput, op, fmt.Errorf("not a URL: %w", err))
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return "", errs.E(errs.BadInput, op, "only http and https URLs can be watched")
	}
	if u.Host == "" || u.Hostname() == "" {
		return "", errs.E(errs.BadInput, op, "URL has no host")
	}
	u.Host = strings.ToLower(u.Host)
	// The fragment never reaches the server: two URLs differing only in it
	// are one resource.
	u.Fragment, u.RawFragment = "", ""
	return u.String(), nil
}

// Add starts watching rawURL; it is due at once. Adding a URL already
// watched changes nothing and returns added=false.
func Add(ctx context.Context, acc store.Accounts, rawURL string) (added bool, err error) {
	u, err := ParseURL(rawURL)
	if err != nil {
		return false, err
	}
	ws, err := acc.Watches(ctx)
	if err != nil {
		return false, fmt.Errorf("watch: add %s: %w", u, err)
	}
	for _, w := range ws {
		if w.URL == u {
			return false, nil
		}
	}
	if err := acc.PutWatch(ctx, store.Watch{URL: u}); err != nil {
		return false, fmt.Errorf("watch: add %s: %w", u, err)
	}
	return true, nil
}

// Remove stops watching rawURL, as given or in its canonical form.
// It is errs.NotFound if the URL is not watched.
func Remove(ctx context.Context, acc store.Accounts, rawURL string) error {
	err := acc.DeleteWatch(ctx, rawURL)
	if err != nil && errs.KindOf(err) == errs.NotFound {
		if u, perr := ParseURL(rawURL); perr == nil && u != rawURL {
			err = acc.DeleteWatch(ctx, u)
		}
	}
	if err != nil {
		return fmt.Errorf("watch: remove: %w", err)
	}
	return nil
}

// Add starts watching rawURL in the Poller's store (see Add).
func (p *Poller) Add(ctx context.Context, rawURL string) (added bool, err error) {
	return Add(ctx, p.cfg.Accounts, rawURL)
}

// Status is the outcome of polling one watch.
type Status string

// Statuses.
const (
	NotModified Status = "not-modified" // 304: the copy we have is current
	New         Status = "new"          // something new was ingested
	Unchanged   Status = "unchanged"    // fetched, but every item was stored already
	Failed      Status = "failed"       // see Result.Err; the watch backs off
)

// Result reports the poll of one watch.
type Result struct {
	URL     string
	Status  Status
	Added   int   // sources stored by this poll
	Existed int   // items fetched that were stored already
	Claims  int   // claims extracted from the added sources
	Err     error // why it failed
	// Failures and NextPoll are the watch's state after the poll.
	Failures int
	NextPoll time.Time
}

func (r Result) String() string {
	switch r.Status {
	case New:
		return fmt.Sprintf("%s: new %d (%d claims, %d already stored)", r.URL, r.Added, r.Claims, r.Existed)
	case Unchanged:
		return fmt.Sprintf("%s: unchanged (%d items already stored)", r.URL, r.Existed)
	case Failed:
		return fmt.Sprintf("%s: failed (%d in a row, next try %s): %v", r.URL, r.Failures,
			r.NextPoll.UTC().Format(time.RFC3339), r.Err)
	}
	return fmt.Sprintf("%s: %s", r.URL, r.Status)
}

// PollOnce polls every watch that is due, one after another, and returns a
// Result for each. A watch's failure is in its Result, not the error: the
// error is only for a store that cannot list the watches, or ctx ending (a
// poll cut short by ctx is not counted as the watch's failure).
func (p *Poller) PollOnce(ctx context.Context) ([]Result, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	ws, err := p.cfg.Accounts.Watches(ctx)
	if err != nil {
		return nil, fmt.Errorf("watch: list watches: %w", err)
	}
	var out []Result
	for _, w := range ws {
		if err := ctx.Err(); err != nil {
			return out, err
		}
		if w.NextPoll.After(p.cfg.Now()) {
			continue
		}
		r, ok := p.poll(ctx, w)
		if !ok {
			return out, ctx.Err()
		}
		out = append(out, r)
		p.logResult(r)
	}
	return out, nil
}

// poll fetches one watch, ingests what is new and records the watch's new
// state. ok is false when ctx ended during the poll; nothing is recorded then.
func (p *Poller) poll(ctx context.Context, w store.Watch) (r Result, ok bool) {
	r = Result{URL: w.URL}
	v, err := p.fetch(ctx, w, &r)
	if err != nil && ctx.Err() != nil {
		return r, false
	}
	now := p.cfg.Now()
	w.LastPolled = now
	if err != nil {
		w.Failures++
		w.NextPoll = now.Add(p.backoff(w.Failures))
		r.Status, r.Err = Failed, err
	} else {
		w.Failures = 0
		w.NextPoll = now.Add(p.cfg.Interval)
		w.ETag, w.LastModified = v.ETag, v.LastModified
	}
	if err := p.cfg.Accounts.PutWatch(ctx, w); err != nil {
		if ctx.Err() != nil {
			return r, false
		}
		// What was ingested stays ingested; the watch stays due and is
		// polled again (cheaply, the content being stored) next time.
		r.Status, r.Err = Failed, fmt.Errorf("record poll: %w", err)
	}
	r.Failures, r.NextPoll = w.Failures, w.NextPoll
	return r, true
}

// fetch does the conditional fetch and the ingestion, filling r's counts
// and status, and returns the validators to store. On error the old
// validators must be kept: a partly ingested response has to be fetched
// whole again, not answered with a 304.
func (p *Poller) fetch(ctx context.Context, w store.Watch, r *Result) (source.Validators, error) {
	old := source.Validators{ETag: w.ETag, LastModified: w.LastModified}
	resp, err := p.cfg.Ingester.Fetcher.Fetch(ctx, w.URL, old)
	if err != nil {
		return old, err
	}
	if resp.NotModified {
		r.Status = NotModified
		// A 304 may carry fresher validators; one without keeps ours.
		v := old
		if resp.ETag != "" {
			v.ETag = resp.ETag
		}
		if resp.LastModified != "" {
			v.LastModified = resp.LastModified
		}
		return v, nil
	}
	ss, err := p.cfg.Ingester.FromResponse(resp, source.Meta{})
	if err != nil {
		return old, err
	}
	added, err := p.cfg.Case.Ingest(ctx, ss)
	for _, a := range added {
		if a.Existed {
			r.Existed++
		} else {
			r.Added++
			r.Claims += a.Claims
		}
	}
	if err != nil {
		return old, err
	}
	r.Status = Unchanged
	if r.Added > 0 {
		r.Status = New
	}
	// The response's own validators, even empty ones: the old ones describe
	// content that is gone.
	return resp.Validators(), nil
}

// backoff is the wait after the n-th failure in a row: Interval·2ⁿ, capped
// at MaxBackoff.
func (p *Poller) backoff(n int) time.Duration {
	d := p.cfg.Interval
	for range n {
		if d >= p.cfg.MaxBackoff/2 {
			return p.cfg.MaxBackoff
		}
		d *= 2
	}
	return min(d, p.cfg.MaxBackoff)
}

func (p *Poller) logResult(r Result) {
	log := p.cfg.Log
	switch r.Status {
	case New:
		log.Info("watch: new sources", "url", r.URL, "added", r.Added, "claims", r.Claims, "existed", r.Existed)
	case Failed:
		log.Warn("watch: poll failed", "url", r.URL, "failures", r.Failures,
			"next_poll", r.NextPoll.UTC().Format(time.RFC3339), "err", r.Err)
	default:
		log.Debug("watch: polled", "url", r.URL, "status", string(r.Status), "existed", r.Existed)
	}
}

// Run polls due watches until ctx ends, then returns nil. It polls at once,
// then wakes at the latest every `every` (0 means the Poller's interval) —
// sooner when a watch, e.g. one backing off, is due before that — so
// watches added meanwhile, by another process too, are picked up.
func (p *Poller) Run(ctx context.Context, every time.Duration) error {
	if every <= 0 {
		every = p.cfg.Interval
	}
	timer := time.NewTimer(0)
	defer timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-timer.C:
		}
		if _, err := p.PollOnce(ctx); err != nil {
			if ctx.Err() != nil {
				return nil
			}
			// A store hiccup is no reason to stop keeping the case current.
			p.cfg.Log.Error("watch: poll", "err", err)
		}
		timer.Reset(p.untilDue(ctx, every))
	}
}

// untilDue is how long Run sleeps: until the earliest due watch, at most
// every, at least minWait.
func (p *Poller) untilDue(ctx context.Context, every time.Duration) time.Duration {
	wait := every
	ws, err := p.cfg.Accounts.Watches(ctx)
	if err != nil {
		return wait
	}
	now := p.cfg.Now()
	for _, w := range ws {
		wait = min(wait, w.NextPoll.Sub(now))
	}
	return max(wait, minWait)
}
