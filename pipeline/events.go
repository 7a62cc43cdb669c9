package pipeline

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/errs"
	"github.com/triangulate/triangulate/store"
)

// Analysts' changes to events and origins. Each is a durable constraint
// fusion honours on every run (pins for claims, merges for events and
// origins), recorded with who and when, and each fuses again so the change
// shows at once.

// CreateEvent makes a new event of the chosen claims, pinning them to it,
// and returns it. The event's id is derived from the chosen claims, so the
// same choice names the same event.
func (c *Case) CreateEvent(ctx context.Context, claimIDs []string, by string) (claim.Event, error) {
	ids := slices.Clone(claimIDs)
	slices.Sort(ids)
	ids = slices.Compact(slices.DeleteFunc(ids, func(s string) bool { return strings.TrimSpace(s) == "" }))
	if len(ids) == 0 {
		return claim.Event{}, errs.E(errs.BadInput, "create event", "choose at least one claim")
	}
	id := NewEventFor(strings.Join(ids, "+"))
	if err := c.st.PinClaims(ctx, ids, id, by); err != nil {
		return claim.Event{}, err
	}
	return c.fusedEvent(ctx, "create event", id, by)
}

// SplitEvent moves the chosen claims of event eventID to a new event of
// their own and returns the new event. Every chosen claim must be in the
// event, and at least one must stay.
func (c *Case) SplitEvent(ctx context.Context, eventID string, claimIDs []string, by string) (claim.Event, error) {
	op := "split event " + eventID
	e, err := c.st.Event(ctx, eventID)
	if err != nil {
		return claim.Event{}, err
	}
	if len(claimIDs) == 0 {
		return claim.Event{}, errs.E(errs.BadInput, op, "choose the claims to move to the new event")
	}
	members := map[string]bool{}
	for _, m := range e.Members {
		members[m.ClaimID] = true
	}
	moving := map[string]bool{}
	for _, id := range claimIDs {
		if !members[id] {
			return claim.Event{}, errs.E(errs.BadInput, op, fmt.Sprintf("claim %s is not in this event", id))
		}
		moving[id] = true
	}
	if len(moving) == len(members) {
		return claim.Event{}, errs.E(errs.BadInput, op, "leave at least one claim in the event (moving all of them is not a split)")
	}
	return c.CreateEvent(ctx, claimIDs, by)
}

// MergeEvents merges event from into event into: from's claims, and any
// claim later grouped into it, go to into. It returns the merged event.
func (c *Case) MergeEvents(ctx context.Context, from, into, by string) (claim.Event, error) {
	op := fmt.Sprintf("merge event %s into %s", from, into)
	for _, id := range []string{from, into} {
		if _, err := c.st.Event(ctx, id); err != nil {
			return claim.Event{}, err
		}
	}
	if from == into {
		return claim.Event{}, errs.E(errs.BadInput, op, "choose another event to merge with")
	}
	if err := c.st.PutMerge(ctx, store.Merge{Kind: store.MergeEvent, From: from, Into: into, By: by}); err != nil {
		return claim.Event{}, err
	}
	ms, err := c.st.Merges(ctx)
	if err != nil {
		return claim.Event{}, err
	}
	if final, ok := store.MergeMap(ms, store.MergeEvent)[into]; ok {
		into = final
	}
	return c.fusedEvent(ctx, op, into, by)
}

// MergeOrigins records that origin key from is the same origin as key into
// (two names for one source) everywhere in the case, and fuses again so
// independence counts it once. Both keys must be origins of current events.
func (c *Case) MergeOrigins(ctx context.Context, from, into, by string) error {
	op := fmt.Sprintf("merge origin %s into %s", from, into)
	if from == into {
		return errs.E(errs.BadInput, op, "choose two different origins")
	}
	evs, err := c.st.Events(ctx)
	if err != nil {
		return err
	}
	known := map[string]bool{}
	for _, e := range evs {
		for _, o := range e.Origins {
			known[o.Key] = true
		}
	}
	for _, k := range []string{from, into} {
		if !known[k] {
			return errs.E(errs.NotFound, op, fmt.Sprintf("no event has origin %q", k))
		}
	}
	if err := c.st.PutMerge(ctx, store.Merge{Kind: store.MergeOrigin, From: from, Into: into, By: by}); err != nil {
		return err
	}
	_, err = c.fuseBy(ctx, by)
	return err
}

// Unmerge undoes an analyst's merge of an event or origin and fuses again.
func (c *Case) Unmerge(ctx context.Context, kind store.MergeKind, from, by string) error {
	if err := c.st.DeleteMerge(ctx, kind, from, by); err != nil {
		return err
	}
	_, err := c.fuseBy(ctx, by)
	return err
}

// Merges lists the analysts' merges, with who made them and when.
func (c *Case) Merges(ctx context.Context) ([]store.Merge, error) { return c.st.Merges(ctx) }

// fusedEvent fuses on behalf of by and returns event id as fusion made it.
func (c *Case) fusedEvent(ctx context.Context, op, id, by string) (claim.Event, error) {
	f, err := c.fuseBy(ctx, by)
	if err != nil {
		return claim.Event{}, err
	}
	if i := slices.IndexFunc(f.Events, func(e claim.Event) bool { return e.ID == id }); i >= 0 {
		return f.Events[i], nil
	}
	return claim.Event{}, errs.E(errs.Internal, op, "event "+id+" is missing after fusion")
}
