// Package pipeline is Triangulate's service layer: the use cases every door
// runs — the CLI, the web workspace and its API, the feed watcher — over one
// case. A Case holds what they need: the store, the knowledge packs the case
// is read with (loaded once, reloaded only when they change) and the case's
// own settings (grading, packs, organisation), which live in the store so
// that every door grades the case alike.
//
// Ingest stores, extracts and fuses; Fuse groups claims into events and
// assesses them in one store write; CheckClaim and ScanRoutes test claims
// and routes against stored flight series; CalendarSignals checks dated
// flight claims against the calendars; Export and Report render the case.
// Commands and handlers parse their input, call one of these and print or
// answer what they return.
package pipeline

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/triangulate/triangulate/assess"
	"github.com/triangulate/triangulate/errs"
	"github.com/triangulate/triangulate/extract"
	"github.com/triangulate/triangulate/fuse"
	"github.com/triangulate/triangulate/knowledge"
	"github.com/triangulate/triangulate/store"
)

// Case is the environment of one case's use cases. Build it with New; it
// is safe for concurrent use, and fusion runs through one Case never
// interleave.
type Case struct {
	st  store.Store
	now func() time.Time

	mu     sync.Mutex // guards the fields below
	loaded string     // key of the packs loaded: dirs and hashes
	pack   *knowledge.Pack
	x      *extract.Extractor
	fixed  bool // pack given by Options: never reloaded
	refs   []store.PackRef
	fuseMu sync.Mutex // serialises fusion runs
	// signer holds the copy signatures of the sentences the last fusion
	// run saw (guarded by fuseMu): a server or feed watcher fusing after
	// every added source computes only the new sources' new sentences.
	signer *fuse.Signer
}

// Options configure New.
type Options struct {
	// Pack, when set, is the knowledge pack to use instead of loading the
	// packs the settings name (tests; a process that loaded it already).
	Pack *knowledge.Pack
	// Now is the clock for signals; nil means time.Now.
	Now func() time.Time
}

// New returns the Case over st. It does no I/O: settings and packs are read
// when a use case first needs them.
func New(st store.Store, opt Options) *Case {
	c := &Case{st: st, now: opt.Now}
	if c.now == nil {
		c.now = time.Now
	}
	if opt.Pack != nil {
		c.pack, c.x, c.fixed = opt.Pack, extract.New(opt.Pack), true
		c.refs = []store.PackRef{{Dir: "default", Hash: knowledge.DefaultHash()}}
	}
	return c
}

// Store is the case's store.
func (c *Case) Store() store.Store { return c.st }

// Settings returns the case's current settings.
func (c *Case) Settings(ctx context.Context) (store.Settings, error) {
	return c.st.Settings(ctx)
}

// UpdateSettings applies change to the current settings and stores the
// result as a new version, on behalf of by. A concurrent change is retried
// on the newer version, so that two doors setting different things both
// keep theirs.
func (c *Case) UpdateSettings(ctx context.Context, by string, change func(*store.Settings) error) (store.Settings, error) {
	for range 5 {
		cur, err := c.st.Settings(ctx)
		if err != nil {
			return cur, err
		}
		next := cur
		next.Packs = slices.Clone(cur.Packs)
		if err := change(&next); err != nil {
			return cur, err
		}
		if settingsEqual(cur, next) {
			return cur, nil
		}
		next.By, next.At = by, time.Time{}
		err = c.st.PutSettings(ctx, &next)
		if errs.Is(err, errs.Conflict) {
			continue
		}
		return next, err
	}
	return store.Settings{}, errs.E(errs.Conflict, "settings", "the settings keep changing under this change: retry")
}

func settingsEqual(a, b store.Settings) bool {
	return a.Organisation == b.Organisation && string(a.Grading) == string(b.Grading) && slices.Equal(a.Packs, b.Packs)
}

// UsePacks makes dirs the knowledge packs the case is read with from now on
// (beside the embedded default), recording them in the settings with their
// hashes. Directories are stored as absolute paths, so that the server and
// the CLI find them from any working directory.
func (c *Case) UsePacks(ctx context.Context, dirs []string, by string) error {
	refs := make([]store.PackRef, 0, len(dirs))
	for _, d := range dirs {
		abs, err := filepath.Abs(d)
		if err != nil {
			return errs.E(errs.BadInput, "pack "+d, err)
		}
		h, err := knowledge.DirHash(abs)
		if err != nil {
			return errs.E(errs.BadInput, "pack "+d, err)
		}
		refs = append(refs, store.PackRef{Dir: abs, Hash: h})
	}
	_, err := c.UpdateSettings(ctx, by, func(s *store.Settings) error {
		s.Packs = refs
		return nil
	})
	return err
}

// SetGrading makes o the case's grading overrides (zero Overrides: the
// defaults).
func (c *Case) SetGrading(ctx context.Context, o assess.Overrides, by string) error {
	var doc json.RawMessage
	if !o.IsZero() {
		b, err := json.Marshal(o) // map keys sorted: the same overrides, the same bytes
		if err != nil {
			return fmt.Errorf("settings: grading: %w", err)
		}
		doc = b
	}
	_, err := c.UpdateSettings(ctx, by, func(s *store.Settings) error {
		s.Grading = doc
		return nil
	})
	return err
}

// SetOrganisation names who keeps the case.
func (c *Case) SetOrganisation(ctx context.Context, name, by string) error {
	_, err := c.UpdateSettings(ctx, by, func(s *store.Settings) error {
		s.Organisation = strings.TrimSpace(name)
		return nil
	})
	return err
}

// Pack returns the knowledge pack the case is read with: the embedded
// default and the packs its settings name, loaded once and again only when
// the settings or a pack's files change. A pack that changed on disk gets
// its new hash recorded in the settings, so that what an assessment says it
// was made with stays true.
func (c *Case) Pack(ctx context.Context) (*knowledge.Pack, error) {
	p, _, _, err := c.packs(ctx)
	return p, err
}

// Extractor returns the extractor over the case's pack.
func (c *Case) Extractor(ctx context.Context) (*extract.Extractor, error) {
	_, x, _, err := c.packs(ctx)
	return x, err
}

// packs loads (or reuses) the pack and returns it with its extractor and
// the packs in use with their hashes.
func (c *Case) packs(ctx context.Context) (*knowledge.Pack, *extract.Extractor, []store.PackRef, error) {
	if c.fixed { // set by New, never changed
		return c.pack, c.x, c.refs, nil
	}
	set, err := c.st.Settings(ctx)
	if err != nil {
		return nil, nil, nil, err
	}
	refs, changed, err := currentRefs(set.Packs)
	if err != nil {
		return nil, nil, nil, err
	}
	if changed {
		// Record what the case is read with now; a failure to record must
		// not hide the pack, so it is only logged by the next write.
		if _, err := c.UpdateSettings(ctx, "triangulate (a pack changed on disk)", func(s *store.Settings) error {
			if slices.EqualFunc(s.Packs, set.Packs, func(a, b store.PackRef) bool { return a == b }) {
				s.Packs = refs[1:]
			}
			return nil
		}); err != nil {
			return nil, nil, nil, err
		}
	}
	key := fmt.Sprint(refs)
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.pack != nil && c.loaded == key {
		return c.pack, c.x, c.refs, nil
	}
	dirs := make([]string, 0, len(refs)-1)
	for _, r := range refs[1:] {
		dirs = append(dirs, r.Dir)
	}
	p, err := knowledge.Load(dirs...)
	if err != nil {
		return nil, nil, nil, errs.E(errs.BadInput, "load knowledge packs", err)
	}
	c.pack, c.x, c.refs, c.loaded = p, extract.New(p), refs, key
	return p, c.x, refs, nil
}

// currentRefs is the default pack and the recorded ones with the hashes
// of their files now; changed says whether any differs from the record.
func currentRefs(recorded []store.PackRef) ([]store.PackRef, bool, error) {
	refs := []store.PackRef{{Dir: "default", Hash: knowledge.DefaultHash()}}
	changed := false
	for _, r := range recorded {
		h, err := knowledge.DirHash(r.Dir)
		if err != nil {
			return nil, false, errs.E(errs.BadInput, "case settings",
				fmt.Sprintf("the case is read with the pack %s, which cannot be read (%v): restore it, or choose the packs again with --pack", r.Dir, err))
		}
		changed = changed || h != r.Hash
		refs = append(refs, store.PackRef{Dir: r.Dir, Hash: h})
	}
	return refs, changed, nil
}

// Grading returns the grading the case's settings give: the built-in rules
// with the pack's reliability letters, overlaid with the case's overrides;
// and the settings with the hash of what they held.
func (c *Case) Grading(ctx context.Context) (assess.Config, store.Settings, string, error) {
	p, _, refs, err := c.packs(ctx)
	if err != nil {
		return assess.Config{}, store.Settings{}, "", err
	}
	set, err := c.st.Settings(ctx)
	if err != nil {
		return assess.Config{}, set, "", err
	}
	o, err := assess.ParseOverrides(set.Grading)
	if err != nil {
		return assess.Config{}, set, "", fmt.Errorf("case settings v%d: %w", set.Version, err)
	}
	cfg, err := assess.Defaults(p).With(o)
	if err != nil {
		return cfg, set, "", fmt.Errorf("case settings v%d: %w", set.Version, err)
	}
	return cfg, set, settingsHash(set, refs), nil
}

// settingsHash is the SHA-256 of what decides an assessment besides the
// claims: the packs with their hashes, the grading overrides and the
// organisation.
func settingsHash(s store.Settings, refs []store.PackRef) string {
	b, _ := json.Marshal(struct {
		Organisation string          `json:"organisation"`
		Packs        []store.PackRef `json:"packs"`
		Grading      json.RawMessage `json:"grading,omitempty"`
	}{s.Organisation, refs, s.Grading})
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}
