// Package pipeline runs the steps that read and write a whole case in the
// store: loading it for reports, exports and the web, and re-running fusion
// and assessment after claims change. The CLI and the server share it.
package pipeline

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/triangulate/triangulate/assess"
	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/extract"
	"github.com/triangulate/triangulate/fuse"
	"github.com/triangulate/triangulate/store"
)

// LoadCase reads everything stored into one claim.Case in the Case's stable
// order (the same order as the CLI's reports), rejected claims included.
func LoadCase(ctx context.Context, st store.Store) (*claim.Case, error) {
	c := &claim.Case{}
	ss, err := st.Sources(ctx, store.Page{})
	if err != nil {
		return nil, fmt.Errorf("load case: sources: %w", err)
	}
	for _, s := range ss {
		c.Sources = append(c.Sources, *s)
	}
	slices.SortStableFunc(c.Sources, func(a, b claim.Source) int { return cmp.Compare(a.ID, b.ID) })
	if c.Claims, err = st.Claims(ctx, store.ClaimFilter{IncludeRejected: true}); err != nil {
		return nil, fmt.Errorf("load case: claims: %w", err)
	}
	slices.SortStableFunc(c.Claims, func(a, b claim.Claim) int {
		return cmp.Or(cmp.Compare(a.SourceID, b.SourceID), cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End), cmp.Compare(a.ID, b.ID))
	})
	if c.Events, err = st.Events(ctx); err != nil {
		return nil, fmt.Errorf("load case: events: %w", err)
	}
	slices.SortStableFunc(c.Events, func(a, b claim.Event) int { return cmp.Compare(a.ID, b.ID) })
	if c.Assessments, err = st.Assessments(ctx); err != nil {
		return nil, fmt.Errorf("load case: assessments: %w", err)
	}
	slices.SortStableFunc(c.Assessments, func(a, b claim.Assessment) int { return cmp.Compare(a.EventID, b.EventID) })
	if c.Signals, err = st.Signals(ctx); err != nil {
		return nil, fmt.Errorf("load case: signals: %w", err)
	}
	slices.SortStableFunc(c.Signals, func(a, b claim.Signal) int { return cmp.Compare(a.ID, b.ID) })
	return c, nil
}

// Fuse groups the stored claims into events, honouring
// analysts' pins, assesses them and stores both, as 'triangulate fuse' does.
func Fuse(ctx context.Context, st store.Store, cfg assess.Config) ([]claim.Event, []claim.Assessment, error) {
	srcPtrs, err := st.Sources(ctx, store.Page{})
	if err != nil {
		return nil, nil, fmt.Errorf("fuse: %w", err)
	}
	sources := make([]claim.Source, len(srcPtrs))
	for i, src := range srcPtrs {
		sources[i] = *src
	}
	claims, err := st.Claims(ctx, store.ClaimFilter{})
	if err != nil {
		return nil, nil, fmt.Errorf("fuse: %w", err)
	}
	pins, err := st.Pins(ctx)
	if err != nil {
		return nil, nil, fmt.Errorf("fuse: %w", err)
	}
	signals, err := st.Signals(ctx)
	if err != nil {
		return nil, nil, fmt.Errorf("fuse: %w", err)
	}
	evs := fuse.Group(claims, sources, pins)
	as := assess.Assess(cfg, &claim.Case{Sources: sources, Claims: claims, Events: evs, Signals: signals})
	if err := st.ReplaceEvents(ctx, evs); err != nil {
		return nil, nil, fmt.Errorf("fuse: %w", err)
	}
	if err := st.ReplaceAssessments(ctx, as); err != nil {
		return nil, nil, fmt.Errorf("fuse: %w", err)
	}
	return evs, as, nil
}

// Added is one source handed to Ingest: its stored id, whether the same
// content was already stored (then nothing was extracted), and the number
// of claims extracted from it.
type Added struct {
	Source  *claim.Source
	ID      int64
	Existed bool
	Claims  int
}

// Ingest stores sources one by one (each in its own transaction, so a
// failure leaves only whole sources), extracts claims from each new one
// with x, and — when anything new was stored — re-runs fusion and
// assessment. Content already stored is a no-op reported as Existed. It
// returns what was stored before any error.
func Ingest(ctx context.Context, st store.Store, x *extract.Extractor, cfg assess.Config, sources []*claim.Source) ([]Added, error) {
	var out []Added
	fresh := false
	for _, s := range sources {
		id, existed, err := st.AddSource(ctx, s)
		if err != nil {
			return out, fmt.Errorf("ingest %s: %w", s.Name, err)
		}
		a := Added{Source: s, ID: id, Existed: existed}
		if !existed {
			s.ID = id
			cs := x.Extract(s)
			if err := st.ReplaceClaims(ctx, id, cs); err != nil {
				return out, fmt.Errorf("extract %s: %w", s.Name, err)
			}
			a.Claims = len(cs)
			fresh = true
		}
		out = append(out, a)
	}
	if fresh {
		if _, _, err := Fuse(ctx, st, cfg); err != nil {
			return out, err
		}
	}
	return out, nil
}
