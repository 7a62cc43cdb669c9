package pipeline

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/triangulate/triangulate/assess"
	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/errs"
	"github.com/triangulate/triangulate/fuse"
	"github.com/triangulate/triangulate/store"
)

// Fused is one fusion run: the events, their assessments, and the
// settings they were graded with.
type Fused struct {
	Events      []claim.Event
	Assessments []claim.Assessment
	Settings    store.Settings
}

// Fuse groups the stored claims into events, honouring analysts' pins and
// merges, assesses them with the case's grading (and the stored signals),
// and stores both in one write. Each assessment records the settings version
// and hash it was made with.
//
// Fusion is recomputed over the whole case every time (grouping joins
// claims through origins and copies that span the case, so a run over
// only the claims a new source touches could differ from a full one);
// the store then writes only the events and assessments whose stored
// bytes changed, which is what one added source mostly costs.
func (c *Case) Fuse(ctx context.Context) (*Fused, error) { return c.fuse(ctx, "", false) }

// FuseFull is Fuse rewriting every stored event and assessment (the
// stored result is the same as Fuse's).
func (c *Case) FuseFull(ctx context.Context) (*Fused, error) { return c.fuse(ctx, "", true) }

// fuseBy is Fuse on behalf of an analyst whose action made it run: the
// events' history names them (empty: store.FusionBy).
func (c *Case) fuseBy(ctx context.Context, by string) (*Fused, error) { return c.fuse(ctx, by, false) }

func (c *Case) fuse(ctx context.Context, by string, full bool) (*Fused, error) {
	c.fuseMu.Lock()
	defer c.fuseMu.Unlock()
	const op = "fuse"
	// Read the input counter before the inputs: a write landing while this
	// run reads leaves the case marked stale, never falsely current.
	state, err := c.st.FusionState(ctx)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", op, err)
	}
	cfg, set, hash, err := c.Grading(ctx)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", op, err)
	}
	srcPtrs, err := c.st.Sources(ctx, store.Page{})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", op, err)
	}
	sources := make([]claim.Source, len(srcPtrs))
	for i, src := range srcPtrs {
		sources[i] = *src
	}
	claims, err := c.st.Claims(ctx, store.ClaimFilter{})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", op, err)
	}
	pins, err := c.st.Pins(ctx)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", op, err)
	}
	signals, err := c.st.Signals(ctx)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", op, err)
	}
	merges, err := c.st.Merges(ctx)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", op, err)
	}
	// The signer keeps the sentences of the last run's texts: a server or
	// feed watcher fusing after every added source signs only the new
	// sources' new sentences, and sentences this run does not see are
	// forgotten, so it holds no more than the case.
	if c.signer == nil {
		c.signer = new(fuse.Signer)
	}
	evs := fuse.Options{
		MergedEvents: store.MergeMap(merges, store.MergeEvent),
		SameOrigins:  store.MergeMap(merges, store.MergeOrigin),
		Signature:    c.signer.Of,
	}.Group(claims, sources, pins)
	c.signer.Forget()
	as := assess.Assess(cfg, &claim.Case{Sources: sources, Claims: claims, Events: evs, Signals: signals})
	for i := range as {
		as[i].SettingsVersion, as[i].SettingsHash = set.Version, hash
	}
	if err := c.st.ReplaceFusion(ctx, store.Fusion{Events: evs, Assessments: as, Inputs: state.Inputs, By: by, Full: full}); err != nil {
		return nil, fmt.Errorf("%s: %w", op, err)
	}
	return &Fused{Events: evs, Assessments: as, Settings: set}, nil
}

// FusionStatus says whether the stored events reflect the stored claims.
type FusionStatus struct {
	// Stale: claims, pins, signals or settings changed after the last
	// fusion (or claims were never fused).
	Stale bool
	// Claims is whether any claim is stored at all.
	Claims bool
}

// Status reports whether the case needs fusing again, for the commands
// and pages that show events.
func (c *Case) Status(ctx context.Context) (FusionStatus, error) {
	fs, err := c.st.FusionState(ctx)
	if err != nil {
		return FusionStatus{}, err
	}
	cs, err := c.st.Claims(ctx, store.ClaimFilter{IncludeRejected: true, Page: store.Page{Limit: 1}})
	if err != nil {
		return FusionStatus{}, err
	}
	out := FusionStatus{Stale: fs.Stale(), Claims: len(cs) > 0}
	if !out.Stale && out.Claims && fs.Fused == 0 {
		// A store that has never been fused (or predates the fusion
		// marks): stale if claims have no events.
		evs, err := c.st.Events(ctx)
		if err != nil {
			return FusionStatus{}, err
		}
		out.Stale = len(evs) == 0
	}
	return out, nil
}

// MoveClaim pins a claim to an event and fuses again, so the move shows at
// once; the pin survives later runs and re-extraction. eventID is an
// existing event, NewEventFor(claimID) for a new event around the claim
// alone, or "" to remove the pin. It returns the event the claim is in
// afterwards.
func (c *Case) MoveClaim(ctx context.Context, claimID, eventID, by string) (claim.Event, *Fused, error) {
	op := "move claim " + claimID
	if _, err := c.st.Claim(ctx, claimID); err != nil {
		return claim.Event{}, nil, err
	}
	if eventID != "" && eventID != NewEventFor(claimID) {
		// Only existing events are targets: a typo must not invent one.
		if _, err := c.st.Event(ctx, eventID); err != nil {
			return claim.Event{}, nil, err
		}
	}
	if err := c.st.PinClaim(ctx, claimID, eventID, by); err != nil {
		return claim.Event{}, nil, err
	}
	f, err := c.fuseBy(ctx, by)
	if err != nil {
		return claim.Event{}, nil, err
	}
	for _, e := range f.Events {
		if slices.ContainsFunc(e.Members, func(m claim.Member) bool { return m.ClaimID == claimID }) {
			return e, f, nil
		}
	}
	return claim.Event{}, f, errs.E(errs.Internal, op, "the claim is in no event after fusion")
}

// NewEventFor is the id of the event a claim moved "to a new event" gets.
func NewEventFor(claimID string) string { return fuse.NewEventID(claimID) }

// ClaimEdit is an analyst's correction of a claim. Nil fields keep their
// stored value; the evidence (span, quote, source) cannot be edited.
type ClaimEdit struct {
	Version  *int // the version the analyst loaded; required
	Modality *claim.Modality
	Action   *claim.Action
	Rejected *bool
	Actors   *[]string // names; known ones keep their span and pack entry
	// The rest replace the stored field whole when set: the speaker chain
	// (first link the original speaker), figures, places with their roles,
	// and the time (NoTime clears it).
	Attribution *[]claim.Attribution
	Quantities  *[]claim.Quantity
	Places      *[]claim.Place
	Time        *claim.TimeSpan
	NoTime      bool
}

// EditClaim applies e to the stored claim id on behalf of by, then fuses
// again: every editable field feeds grouping or assessment. A stale
// Version is errs.Conflict.
func (c *Case) EditClaim(ctx context.Context, id string, e ClaimEdit, by string) (*claim.Claim, error) {
	op := "edit claim " + id
	if e.Version == nil {
		return nil, errs.E(errs.BadInput, op, "version is required: send the version you loaded")
	}
	cl, err := c.st.Claim(ctx, id)
	if err != nil {
		return nil, err
	}
	cl.Version = *e.Version
	if e.Modality != nil {
		if !e.Modality.Valid() {
			return nil, errs.E(errs.BadInput, op, fmt.Sprintf("unknown modality %q", *e.Modality))
		}
		cl.Modality = *e.Modality
	}
	if e.Action != nil {
		if !e.Action.Valid() {
			return nil, errs.E(errs.BadInput, op, fmt.Sprintf("unknown action %q", *e.Action))
		}
		cl.Action = *e.Action
	}
	if e.Rejected != nil {
		cl.Rejected = *e.Rejected
	}
	if e.Actors != nil {
		cl.Actors = actorsNamed(cl.Actors, *e.Actors)
	}
	if e.Attribution != nil {
		cl.Attribution = *e.Attribution
	}
	if e.Quantities != nil {
		cl.Quantities = *e.Quantities
	}
	if e.Places != nil {
		cl.Places = *e.Places
	}
	switch {
	case e.NoTime:
		cl.Time = nil
	case e.Time != nil:
		t := *e.Time
		cl.Time = &t
	}
	if err := checkFields(cl); err != nil {
		return nil, errs.E(errs.BadInput, op, err)
	}
	if err := c.st.UpdateClaim(ctx, cl, by); err != nil {
		return nil, err
	}
	if err := c.Recheck(ctx, []claim.Claim{*cl}); err != nil {
		return nil, err
	}
	if _, err := c.fuseBy(ctx, by); err != nil {
		return nil, err
	}
	return c.st.Claim(ctx, id)
}

// actorsNamed returns the actors named, keeping what was known (span, pack
// entry, affiliation) about names the claim already had.
func actorsNamed(old []claim.Actor, names []string) []claim.Actor {
	out := []claim.Actor{}
	for _, n := range names {
		n = strings.TrimSpace(n)
		if n == "" {
			continue
		}
		if i := slices.IndexFunc(old, func(a claim.Actor) bool { return a.Name == n }); i >= 0 {
			out = append(out, old[i])
			continue
		}
		out = append(out, claim.Actor{Name: n})
	}
	return out
}
