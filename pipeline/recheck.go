package pipeline

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/errs"
	"github.com/triangulate/triangulate/series"
	"github.com/triangulate/triangulate/store"
)

// FlightCheckKind is the kind of the signals CheckClaim stores.
const FlightCheckKind = "flight-check"

// Recheck recomputes the data checks of cs after they, or the flight data,
// changed: the calendar signal of each dated flight claim (which says
// whether flight data is loaded), and every flight check already run on one
// of them, again with the claim as it is now. A claim that is no longer a
// live flight claim loses its checks. A check that cannot run any more is
// kept as untestable, saying why, rather than left showing an old result.
func (c *Case) Recheck(ctx context.Context, cs []claim.Claim) error {
	const op = "recheck data"
	var live []claim.Claim
	for _, cl := range cs {
		if cl.Action == claim.ActionFlights && !cl.Rejected {
			live = append(live, cl)
			continue
		}
		for _, kind := range []string{"calendar", FlightCheckKind} {
			if err := c.st.ReplaceClaimSignals(ctx, cl.ID, kind, nil); err != nil {
				return fmt.Errorf("%s: %w", op, err)
			}
		}
	}
	if len(live) == 0 {
		return nil
	}
	if _, err := c.CalendarSignals(ctx, live); err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	sets, err := c.st.Datasets(ctx)
	if err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	sigs, err := c.st.Signals(ctx)
	if err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	old := map[string][]claim.Signal{}
	for _, s := range sigs {
		if s.Kind == FlightCheckKind && s.ClaimID != "" {
			old[s.ClaimID] = append(old[s.ClaimID], s)
		}
	}
	for _, cl := range live {
		prev := old[cl.ID]
		if len(prev) == 0 {
			continue
		}
		var next []claim.Signal
		seen := map[string]bool{}
		for _, p := range prev {
			ds, _ := p.Details["dataset"].(string)
			if seen[ds] {
				continue
			}
			seen[ds] = true
			next = append(next, c.recheckOne(ctx, cl, p, ds, sets))
		}
		if err := c.st.ReplaceClaimSignals(ctx, cl.ID, FlightCheckKind, next); err != nil {
			return fmt.Errorf("%s: %w", op, err)
		}
	}
	return nil
}

// recheckOne runs the flight check prev recorded again on claim cl as it
// is now: the route from the claim, else the route prev tested.
func (c *Case) recheckOne(ctx context.Context, cl claim.Claim, prev claim.Signal, ds string, sets []string) claim.Signal {
	if !slices.Contains(sets, ds) {
		ds = ""
	}
	q := FlightCheck{Dataset: ds, ClaimID: cl.ID, NoSave: true}
	got, err := c.CheckClaim(ctx, q)
	if errs.Is(err, errs.BadInput) {
		if r, perr := series.ParseRoute(routeOf(prev.Subject)); perr == nil {
			q.Check.Origin, q.Check.Dest = r.Origin, r.Dest
			got, err = c.CheckClaim(ctx, q)
		}
	}
	if err == nil {
		return got.Signal
	}
	s := prev
	s.Verdict, s.PValue = claim.Untestable, 0
	s.Summary = "the check could not run again after the claim or the flight data changed: " + reason(err)
	s.Created = c.now().UTC()
	return s
}

// routeOf finds "ORIG-DEST" in a check's subject ("route NJF-IKA").
func routeOf(subject string) string {
	for _, f := range strings.Fields(subject) {
		if o, d, ok := strings.Cut(f, "-"); ok && len(o) >= 3 && len(d) >= 3 {
			return strings.ToUpper(f)
		}
	}
	return ""
}

// recheckFlightClaims rechecks every live flight claim of the case, after
// its flight data changed.
func (c *Case) recheckFlightClaims(ctx context.Context) error {
	cs, err := c.st.Claims(ctx, store.ClaimFilter{Action: claim.ActionFlights})
	if err != nil {
		return err
	}
	return c.Recheck(ctx, cs)
}

// CheckedClaim runs the flight check of one stored claim, as
// 'triangulate flights check --claim ID' does, on the named dataset (empty:
// the only one), and stores it in place of the claim's earlier checks on
// that dataset.
func (c *Case) CheckedClaim(ctx context.Context, claimID, dataset string) (*FlightChecked, error) {
	got, err := c.CheckClaim(ctx, FlightCheck{ClaimID: claimID, Dataset: dataset, NoSave: true})
	if err != nil {
		return nil, err
	}
	sigs, err := c.st.Signals(ctx)
	if err != nil {
		return nil, err
	}
	keep := []claim.Signal{got.Signal}
	for _, s := range sigs {
		if ds, _ := s.Details["dataset"].(string); s.Kind == FlightCheckKind && s.ClaimID == claimID &&
			s.ID != got.Signal.ID && ds != got.Dataset {
			keep = append(keep, s)
		}
	}
	if err := c.st.ReplaceClaimSignals(ctx, claimID, FlightCheckKind, keep); err != nil {
		return got, err
	}
	got.Saved = true
	return got, nil
}

// reason is the innermost kinded error's message, without the operations
// wrapped around it: what a reader of the signal needs.
func reason(err error) string {
	msg := err.Error()
	for e := err; e != nil; e = errors.Unwrap(e) {
		if k, ok := e.(*errs.Error); ok {
			msg = k.Err.Error()
		}
	}
	return msg
}
