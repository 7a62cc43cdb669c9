package pipeline

import (
	"context"
	"fmt"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/store"
)

// Added is one source handed to Add or Ingest: its stored id, whether the
// same content was already stored (then nothing was extracted, unless it
// was Resumed), and the number of claims extracted from it.
type Added struct {
	Source  *claim.Source
	ID      int64
	Existed bool
	// Resumed: the content was stored already but has no claims, as an
	// ingest killed between storing a source and storing its claims leaves
	// it (bench/crash.sh); it was extracted now.
	Resumed bool
	Claims  int
}

// Add stores sources one by one (each in its own transaction, so a failure
// leaves only whole sources) and, when extract is set, extracts the claims
// of each new one. It does not fuse. It returns what was stored before any
// error.
func (c *Case) Add(ctx context.Context, sources []*claim.Source, extract bool) ([]Added, error) {
	var out []Added
	for _, s := range sources {
		id, existed, err := c.st.AddSource(ctx, s)
		if err != nil {
			return out, fmt.Errorf("ingest %s: %w", s.Name, err)
		}
		a := Added{Source: s, ID: id, Existed: existed}
		if existed && extract {
			// A source and its claims are two writes: finish one that a
			// crash cut between them, or its claims would never come.
			cs, err := c.st.Claims(ctx, store.ClaimFilter{SourceID: id, IncludeRejected: true, Page: store.Page{Limit: 1}})
			if err != nil {
				return out, fmt.Errorf("ingest %s: %w", s.Name, err)
			}
			a.Resumed = len(cs) == 0
		}
		if !existed || a.Resumed {
			s.ID = id
			if extract {
				if a.Claims, err = c.Extract(ctx, s); err != nil {
					return append(out, a), err // stored, not extracted
				}
			}
		}
		out = append(out, a)
	}
	return out, nil
}

// Ingest is what every door does with new documents: store them, extract
// the claims of each new one and, when anything new was stored, fuse the
// case again. Content already stored is a no-op reported as Existed.
func (c *Case) Ingest(ctx context.Context, sources []*claim.Source) ([]Added, error) {
	added, err := c.Add(ctx, sources, true)
	if err != nil {
		return added, err
	}
	if Fresh(added) {
		if _, err := c.Fuse(ctx); err != nil {
			return added, err
		}
	}
	return added, nil
}

// Fresh reports whether any of added was new.
func Fresh(added []Added) bool {
	for _, a := range added {
		if !a.Existed || a.Resumed {
			return true
		}
	}
	return false
}

// Extract extracts the claims of one stored source with the case's packs
// and stores them (claims an analyst edited or rejected stay), then checks
// its dated flight claims against the calendars (CalendarSignals). It
// returns the number of claims extracted.
func (c *Case) Extract(ctx context.Context, s *claim.Source) (int, error) {
	x, err := c.Extractor(ctx)
	if err != nil {
		return 0, err
	}
	if s.Text == "" {
		// Listings may leave the text out; fetch the whole source.
		full, err := c.st.Source(ctx, s.ID)
		if err != nil {
			return 0, err
		}
		s = full
	}
	cs := x.Extract(s)
	if err := c.st.ReplaceClaims(ctx, s.ID, cs); err != nil {
		return 0, fmt.Errorf("extract %s: %w", s.Name, err)
	}
	if _, err := c.CalendarSignals(ctx, cs); err != nil {
		return len(cs), fmt.Errorf("extract %s: %w", s.Name, err)
	}
	return len(cs), nil
}
