package report

import (
	"fmt"
	"strings"

	"github.com/triangulate/triangulate/claim"
)

// OverrideLine says what an analyst's override holds beside the computed
// values, naming which is which: "Analyst's judgement (alice, 2026-01-09):
// corroborated, likely; computed: contested, very likely. Reason: …".
// It ends with a full stop; empty when there is no override.
func OverrideLine(a *claim.Assessment) string {
	o := a.Override
	if o == nil {
		return ""
	}
	status, lik := string(o.Status), o.Likelihood
	if status == "" {
		status = string(a.Status) + " (as computed)"
	}
	if lik == "" {
		lik = a.Words + " (as computed)"
	}
	return fmt.Sprintf("Analyst's judgement (%s, %s): %s, %s; computed: %s, %s. Reason: %s.",
		o.By, o.At.UTC().Format("2006-01-02 15:04 UTC"), status, lik, a.Status, a.Words, strings.TrimRight(o.Reason, ". "))
}

// SignOffLine says who signed the assessment off and when, and whether the
// computed assessment has changed since. Empty when nobody signed it off.
func SignOffLine(a *claim.Assessment) string {
	so := a.SignOff
	if so == nil {
		return ""
	}
	s := fmt.Sprintf("Signed off by %s on %s (%s, %s, Admiralty %s)", so.By, so.At.UTC().Format("2006-01-02 15:04 UTC"),
		so.Status, so.Likelihood, so.Admiralty)
	if so.Stale {
		s += "; stale: the computed assessment has changed since"
	}
	return s + "."
}

// StatusShown is an event's status for a listing: the analyst's override
// when there is one, saying so and giving the computed status beside it.
func StatusShown(a *claim.Assessment) string {
	if a.Override != nil && a.Override.Status != "" && a.Override.Status != a.Status {
		return fmt.Sprintf("%s (analyst; computed %s)", a.Override.Status, a.Status)
	}
	return string(a.Status)
}
