package pipeline

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"slices"
	"strconv"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/errs"
	"github.com/triangulate/triangulate/export"
	"github.com/triangulate/triangulate/report"
	"github.com/triangulate/triangulate/store"
)

// Load reads everything stored into one claim.Case in the Case's stable
// order (the same order as the reports), rejected claims included.
func (c *Case) Load(ctx context.Context) (*claim.Case, error) { return LoadCase(ctx, c.st) }

// LoadCase is Load over a bare store.
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
	if err := loadJudgements(ctx, st, c); err != nil {
		return nil, fmt.Errorf("load case: judgements: %w", err)
	}
	return c, nil
}

// Export writes the whole case to w in one of export's formats, published
// by the case's organisation (the ClaimReview author).
func (c *Case) Export(ctx context.Context, w io.Writer, f export.Format) error {
	return c.ExportEvent(ctx, w, f, "")
}

// ExportEvent is Export of one event (all of the case when eventID is ""):
// the event, its assessment, its claims, the sources carrying them and the
// data checks run on them.
func (c *Case) ExportEvent(ctx context.Context, w io.Writer, f export.Format, eventID string) error {
	cs, err := c.Load(ctx)
	if err != nil {
		return err
	}
	if eventID != "" {
		if cs, err = OnlyEvent(cs, eventID); err != nil {
			return err
		}
	}
	set, err := c.st.Settings(ctx)
	if err != nil {
		return err
	}
	return export.WriteWith(w, cs, f, export.Options{Organisation: set.Organisation})
}

// Report writes the case report to w. Without a title of its own, a case
// kept by a named organisation is titled after it.
func (c *Case) Report(ctx context.Context, w io.Writer, f report.Format, opt report.Options) error {
	return c.ReportEvent(ctx, w, f, opt, "")
}

// ReportEvent is Report of one event (all of the case when eventID is ""),
// in the report's layout: the part of the case OnlyEvent keeps.
func (c *Case) ReportEvent(ctx context.Context, w io.Writer, f report.Format, opt report.Options, eventID string) error {
	cs, err := c.Load(ctx)
	if err != nil {
		return err
	}
	if eventID != "" {
		if cs, err = OnlyEvent(cs, eventID); err != nil {
			return err
		}
	}
	if opt.Title == "" {
		set, err := c.st.Settings(ctx)
		if err != nil {
			return err
		}
		if set.Organisation != "" {
			opt.Title = set.Organisation + ": case report"
		}
	}
	return report.Write(w, cs, f, opt)
}

// OnlyEvent is the part of cs that bears on one event: the event, its
// assessment, its member claims, their sources and their signals. An
// unknown event is a not-found error.
func OnlyEvent(cs *claim.Case, eventID string) (*claim.Case, error) {
	out := &claim.Case{}
	members := map[string]bool{}
	for _, ev := range cs.Events {
		if ev.ID == eventID {
			out.Events = append(out.Events, ev)
			for _, m := range ev.Members {
				members[m.ClaimID] = true
			}
		}
	}
	if len(out.Events) == 0 {
		return nil, errs.E(errs.NotFound, "export", "no event "+strconv.Quote(eventID))
	}
	srcs := map[int64]bool{}
	for _, cl := range cs.Claims {
		if members[cl.ID] {
			out.Claims = append(out.Claims, cl)
			srcs[cl.SourceID] = true
		}
	}
	for _, s := range cs.Sources {
		if srcs[s.ID] {
			out.Sources = append(out.Sources, s)
		}
	}
	for _, a := range cs.Assessments {
		if a.EventID == eventID {
			out.Assessments = append(out.Assessments, a)
		}
	}
	for _, sg := range cs.Signals {
		if members[sg.ClaimID] {
			out.Signals = append(out.Signals, sg)
		}
	}
	onlyEventJudgements(cs, out, eventID, members)
	return out, nil
}
