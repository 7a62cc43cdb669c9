package claim

import (
	"slices"
	"time"
)

// Statuses lists every status an assessment (or an analyst's override) may give.
var Statuses = []Status{StatusCorroborated, StatusSingleSource, StatusContested, StatusDenied, StatusNCND, StatusUnverifiable}

// Valid reports whether s is one of Statuses.
func (s Status) Valid() bool { return slices.Contains(Statuses, s) }

// Override is an analyst's judgement of an event's status and likelihood.
// It is kept beside the computed assessment, never in its place: readers
// show both and say which is which.
type Override struct {
	Status     Status    `json:"status,omitempty"`     // empty: the computed status stands
	Likelihood string    `json:"likelihood,omitempty"` // ICD 203 words; empty: the computed likelihood stands
	Reason     string    `json:"reason"`               // required
	By         string    `json:"by"`
	At         time.Time `json:"at"`
}

// SignOff records that an analyst signed an event's assessment off. What
// was signed is the computed assessment at that moment; the sign-off is
// stale once fusion computes something else.
type SignOff struct {
	By         string    `json:"by"`
	At         time.Time `json:"at"`
	Status     Status    `json:"status"`     // computed, as signed
	Likelihood string    `json:"likelihood"` // computed, as signed
	Admiralty  string    `json:"admiralty"`
	// Stale is set when read: the computed assessment no longer matches.
	Stale bool `json:"stale,omitempty"`
}

// NoteKind says what a note is written on.
type NoteKind string

// What notes are written on.
const (
	NoteOnClaim  NoteKind = "claim"
	NoteOnEvent  NoteKind = "event"
	NoteOnOrigin NoteKind = "origin"
)

// Valid reports whether k is a known kind.
func (k NoteKind) Valid() bool {
	return k == NoteOnClaim || k == NoteOnEvent || k == NoteOnOrigin
}

// Note is an analyst's remark on a claim, an event or one of an event's
// origins. Target is the claim id, the event id or the origin's key;
// EventID is the event it was written in (for claim notes, the claim's
// event at the time), so that it follows the event across fusions.
type Note struct {
	ID      int64     `json:"id"`
	Kind    NoteKind  `json:"kind"`
	Target  string    `json:"target"`
	EventID string    `json:"event_id,omitempty"`
	Text    string    `json:"text"`
	By      string    `json:"by"`
	At      time.Time `json:"at"`
}

// Mark is an analyst's reading of one piece of evidence against a
// hypothesis, as in Analysis of Competing Hypotheses.
type Mark string

// Marks.
const (
	MarkConsistent   Mark = "consistent"
	MarkInconsistent Mark = "inconsistent"
	MarkNeutral      Mark = "neutral"
)

// Marks lists the marks in the order forms offer them.
var Marks = []Mark{MarkConsistent, MarkInconsistent, MarkNeutral}

// Valid reports whether m is one of Marks.
func (m Mark) Valid() bool { return slices.Contains(Marks, m) }

// Symbol is the mark as the evidence matrix draws it.
func (m Mark) Symbol() string {
	switch m {
	case MarkConsistent:
		return "+"
	case MarkInconsistent:
		return "−"
	case MarkNeutral:
		return "~"
	}
	return "·"
}

// Hypothesis is an analyst's explanation of an event, a column of its
// evidence matrix. Marks maps claim ids to the analyst's reading of each.
type Hypothesis struct {
	ID      int64           `json:"id"`
	EventID string          `json:"event_id"`
	Text    string          `json:"text"`
	By      string          `json:"by"`
	At      time.Time       `json:"at"`
	Marks   map[string]Mark `json:"marks"`
}

// Against counts the evidence marked inconsistent: ACH weighs a
// hypothesis by what speaks against it.
func (h Hypothesis) Against() int {
	n := 0
	for _, m := range h.Marks {
		if m == MarkInconsistent {
			n++
		}
	}
	return n
}

// AssessmentState is what an event's history tracks: the computed
// assessment's headline, its origins, and the analyst's judgements on it.
type AssessmentState struct {
	Status      Status   `json:"status"`
	Likelihood  string   `json:"likelihood"`
	Probability float64  `json:"probability"`
	Admiralty   string   `json:"admiralty"`
	Independent int      `json:"independent"`
	Origins     []string `json:"origins,omitempty"` // who, of the counted origins
	// The analyst's override and sign-off in force, if any.
	OverrideStatus     Status `json:"override_status,omitempty"`
	OverrideLikelihood string `json:"override_likelihood,omitempty"`
	SignedBy           string `json:"signed_by,omitempty"`
}

// AssessmentVersion is one version of an event's assessment: written by
// every fusion that changed it and every analyst action on the event.
type AssessmentVersion struct {
	EventID string          `json:"event_id"`
	Version int             `json:"version"` // 1, 2, … per event
	At      time.Time       `json:"at"`
	By      string          `json:"by"`    // the analyst, or "fusion"
	Cause   string          `json:"cause"` // fusion, override, sign-off, note, hypothesis, …
	State   AssessmentState `json:"state"`
}

// AuditEntry records one change: who, when, what, before and after (JSON
// documents; empty when there was nothing before or is nothing after).
type AuditEntry struct {
	ID      int64     `json:"id"`
	At      time.Time `json:"at"`
	By      string    `json:"by"`
	Action  string    `json:"action"`
	EventID string    `json:"event_id,omitempty"`
	Target  string    `json:"target,omitempty"`
	Before  string    `json:"before,omitempty"`
	After   string    `json:"after,omitempty"`
}
