package pipeline

import (
	"context"
	"fmt"
	"strconv"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/errs"
	"github.com/triangulate/triangulate/store"
)

// FindSource finds a stored source by numeric id, then by name (the
// ingested file's base name); an unknown one is bad input naming it.
func (c *Case) FindSource(ctx context.Context, arg string) (*claim.Source, error) {
	if id, err := strconv.ParseInt(arg, 10, 64); err == nil {
		s, err := c.st.Source(ctx, id)
		if err == nil {
			return s, nil
		}
		if !errs.Is(err, errs.NotFound) {
			return nil, err
		}
	}
	s, err := c.st.SourceByName(ctx, arg)
	if errs.Is(err, errs.NotFound) {
		return nil, errs.E(errs.BadInput, "source", fmt.Sprintf("no source %q (see 'triangulate sources')", arg))
	}
	return s, err
}

// FindSources finds the sources args name (ids or names), or every stored
// source when there are none; a case with no source is errs.NotFound.
func (c *Case) FindSources(ctx context.Context, args []string) ([]*claim.Source, error) {
	if len(args) == 0 {
		ss, err := c.st.Sources(ctx, store.Page{})
		if err != nil {
			return nil, err
		}
		if len(ss) == 0 {
			return nil, errs.E(errs.NotFound, "sources", "no sources stored: run 'triangulate ingest' first")
		}
		return ss, nil
	}
	out := make([]*claim.Source, 0, len(args))
	for _, arg := range args {
		s, err := c.FindSource(ctx, arg)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

// Events returns the stored events by id with their assessments by event id.
func (c *Case) Events(ctx context.Context) ([]claim.Event, map[string]claim.Assessment, error) {
	evs, err := c.st.Events(ctx)
	if err != nil {
		return nil, nil, err
	}
	as, err := c.st.Assessments(ctx)
	if err != nil {
		return nil, nil, err
	}
	by := make(map[string]claim.Assessment, len(as))
	for _, a := range as {
		by[a.EventID] = a
	}
	return evs, by, nil
}

// Event returns one event and its assessment (zero if it has none).
func (c *Case) Event(ctx context.Context, id string) (*claim.Event, claim.Assessment, error) {
	e, err := c.st.Event(ctx, id)
	if err != nil {
		return nil, claim.Assessment{}, err
	}
	_, by, err := c.Events(ctx)
	if err != nil {
		return nil, claim.Assessment{}, err
	}
	return e, by[e.ID], nil
}
