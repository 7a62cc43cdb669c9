package pipeline

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/triangulate/triangulate/assess"
	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/errs"
	"github.com/triangulate/triangulate/store"
)

// judgements returns the store's judgements, or an error saying the store
// keeps none.
func (c *Case) judgements(op string) (store.Judgements, error) {
	j, ok := store.JudgementsOf(c.st)
	if !ok {
		return nil, errs.E(errs.Unavailable, op, "this store keeps no judgements")
	}
	return j, nil
}

// Note writes an analyst's note on a claim, an event or one of an event's
// origins (n.Kind, n.Target, n.EventID, n.Text), signed by.
func (c *Case) Note(ctx context.Context, n claim.Note, by string) (claim.Note, error) {
	j, err := c.judgements("note")
	if err != nil {
		return n, err
	}
	n.By, n.Text = by, strings.TrimSpace(n.Text)
	return j.AddNote(ctx, n)
}

// Override records an analyst's status and likelihood for an event with a
// reason; the computed assessment stays as it is, beside it. Empty status
// and likelihood clear the override. The likelihood must be one of ICD
// 203's expressions.
func (c *Case) Override(ctx context.Context, eventID string, o claim.Override, by string) error {
	op := "override event " + eventID
	j, err := c.judgements(op)
	if err != nil {
		return err
	}
	o.By, o.Reason = by, strings.TrimSpace(o.Reason)
	if o.Likelihood != "" && !slices.Contains(Likelihoods(), o.Likelihood) {
		return errs.E(errs.BadInput, op, fmt.Sprintf("unknown likelihood %q: one of %s", o.Likelihood, strings.Join(Likelihoods(), ", ")))
	}
	return j.SetOverride(ctx, eventID, o)
}

// Likelihoods lists ICD 203's expressions of likelihood, least likely first.
func Likelihoods() []string {
	var out []string
	for _, b := range assess.Bands() {
		out = append(out, b.Words)
	}
	return out
}

// SignOff signs the event's computed assessment off as by. It goes stale
// when a later fusion computes something else.
func (c *Case) SignOff(ctx context.Context, eventID, by string) (claim.SignOff, error) {
	j, err := c.judgements("sign off event " + eventID)
	if err != nil {
		return claim.SignOff{}, err
	}
	return j.SignOff(ctx, eventID, by)
}

// Hypothesize adds an analyst's hypothesis to an event's evidence matrix.
func (c *Case) Hypothesize(ctx context.Context, eventID, text, by string) (claim.Hypothesis, error) {
	j, err := c.judgements("hypothesis on event " + eventID)
	if err != nil {
		return claim.Hypothesis{}, err
	}
	return j.AddHypothesis(ctx, claim.Hypothesis{EventID: eventID, Text: strings.TrimSpace(text), By: by})
}

// MarkEvidence records how one claim bears on a hypothesis ("" removes the mark).
func (c *Case) MarkEvidence(ctx context.Context, hypothesisID int64, claimID string, m claim.Mark, by string) error {
	j, err := c.judgements("mark evidence")
	if err != nil {
		return err
	}
	return j.MarkEvidence(ctx, hypothesisID, claimID, m, by)
}

// History lists an event's versioned assessments and its audit trail; an
// event merged into another keeps its own, up to the merge.
func (c *Case) History(ctx context.Context, eventID string) ([]claim.AssessmentVersion, []claim.AuditEntry, error) {
	j, err := c.judgements("history of event " + eventID)
	if err != nil {
		return nil, nil, err
	}
	if _, err := c.st.Event(ctx, eventID); err != nil {
		if !errs.Is(err, errs.NotFound) {
			return nil, nil, err
		}
		if l, lerr := c.MergedAway(ctx, eventID); lerr != nil || l == nil {
			return nil, nil, err
		}
	}
	h, err := j.History(ctx, eventID)
	if err != nil {
		return nil, nil, err
	}
	a, err := j.Audit(ctx, eventID)
	return h, a, err
}

// EventLinks lists the events merged into or split off others.
func (c *Case) EventLinks(ctx context.Context) ([]store.EventLink, error) {
	j, err := c.judgements("event links")
	if err != nil {
		return nil, err
	}
	return j.EventLinks(ctx)
}

// MergedAway returns the link of an event merged into another (nil if it
// was not), its Other the event its claims are in now, following later
// merges.
func (c *Case) MergedAway(ctx context.Context, eventID string) (*store.EventLink, error) {
	ls, err := c.EventLinks(ctx)
	if err != nil {
		return nil, err
	}
	for _, l := range ls {
		if l.Kind == store.LinkMerged && l.Event == eventID {
			l.Other = cmp.Or(store.MergedInto(ls, eventID), l.Other)
			return &l, nil
		}
	}
	return nil, nil
}

// AttachJudgements sets each assessment's override and sign-off (stale
// when the computed assessment moved since it was signed) from the store,
// beside the computed values. A store without judgements leaves them unset.
func AttachJudgements(ctx context.Context, st store.Store, as []claim.Assessment) error {
	j, ok := store.JudgementsOf(st)
	if !ok {
		return nil
	}
	ov, err := j.Overrides(ctx)
	if err != nil {
		return err
	}
	sos, err := j.SignOffs(ctx)
	if err != nil {
		return err
	}
	for i := range as {
		a := &as[i]
		if o, ok := ov[a.EventID]; ok {
			a.Override = &o
		}
		if so, ok := sos[a.EventID]; ok {
			so.Stale = so.Status != a.Status || so.Likelihood != a.Words || so.Admiralty != a.Admiralty
			a.SignOff = &so
		}
	}
	return nil
}

// loadJudgements adds what analysts judged to a loaded case: each
// assessment's override and sign-off, the notes, the hypotheses and every
// event's history.
func loadJudgements(ctx context.Context, st store.Store, c *claim.Case) error {
	j, ok := store.JudgementsOf(st)
	if !ok {
		return nil
	}
	if err := AttachJudgements(ctx, st, c.Assessments); err != nil {
		return err
	}
	var err error
	if c.Notes, err = j.Notes(ctx); err != nil {
		return err
	}
	if c.Hypotheses, err = j.Hypotheses(ctx); err != nil {
		return err
	}
	c.History, err = j.History(ctx, "")
	return err
}

// onlyEventJudgements keeps the judgements of cs that bear on one event.
func onlyEventJudgements(cs, out *claim.Case, eventID string, members map[string]bool) {
	for _, n := range cs.Notes {
		if n.EventID == eventID || n.Kind == claim.NoteOnClaim && members[n.Target] {
			out.Notes = append(out.Notes, n)
		}
	}
	for _, h := range cs.Hypotheses {
		if h.EventID == eventID {
			out.Hypotheses = append(out.Hypotheses, h)
		}
	}
	for _, v := range cs.History {
		if v.EventID == eventID {
			out.History = append(out.History, v)
		}
	}
}
