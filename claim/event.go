package claim

import (
	"fmt"
	"time"
)

// Member records why a claim joined an event: which structured fields matched.
type Member struct {
	ClaimID string   `json:"claim_id"`
	Reasons []string `json:"reasons"`          // e.g. "action family deploy", "actor Popular Mobilization Forces", "place Iran"
	Manual  bool     `json:"manual,omitempty"` // moved here by an analyst; survives re-runs
}

// Figure is one source's number for an event, kept whatever the reconciliation says.
type Figure struct {
	ClaimID string `json:"claim_id"`
	Source  string `json:"source"`
	Origin  string `json:"origin"` // the original speaker, from the attribution chain
	// OriginKey is the key of the Origin (see Event.Origins) this figure counts under.
	OriginKey string   `json:"origin_key,omitempty"`
	Quantity  Quantity `json:"quantity"`
	Scope     string   `json:"scope,omitempty"` // places or window the figure is tied to
}

// FigureSet reconciles the figures of one unit within an event.
type FigureSet struct {
	Unit         string   `json:"unit"`
	Low          float64  `json:"low"`
	High         float64  `json:"high"`
	Conservative float64  `json:"conservative"` // the lowest credible figure (ACLED practice)
	Median       float64  `json:"median"`       // of independent origins
	Figures      []Figure `json:"figures"`
	Why          string   `json:"why"` // why the range stays open
}

// Contradiction is a conflict (or a difference of scope) between two claims.
type Contradiction struct {
	Field   string `json:"field"` // quantity, place, time, modality
	A       string `json:"a_claim"`
	B       string `json:"b_claim"`
	ASpan   Span   `json:"a_span"`
	BSpan   Span   `json:"b_span"`
	Scope   bool   `json:"different_scope"` // different scope, possibly both true
	Explain string `json:"explain"`
}

// Event groups claims from different sources about one happening.
type Event struct {
	ID             string          `json:"id"`
	Title          string          `json:"title"`
	Action         Action          `json:"action"`
	Members        []Member        `json:"members"`
	Figures        []FigureSet     `json:"figures,omitempty"`
	Contradictions []Contradiction `json:"contradictions,omitempty"`
	From           Date            `json:"from,omitempty"`
	To             Date            `json:"to,omitempty"`
	EchoCount      int             `json:"echo_count"`        // sources carrying it
	Independent    int             `json:"independent_count"` // distinct origins
	// The fields below are filled by fuse (see fuse/doc.go for the rules).
	// EchoCount there counts every (origin, carrying document) appearance of
	// the supporting origins; Independent counts their speakers once each;
	// Documents counts the distinct source documents among the members.
	Documents int           `json:"documents,omitempty"`
	Origins   []Origin      `json:"origins,omitempty"` // independence: who originally said it, relayed by whom
	Places    []EventPlace  `json:"places,omitempty"`  // every place named by a member, with who named it
	Times     []TimeMention `json:"times,omitempty"`   // every time span given by a member, with who gave it
	// Copies lists member sources whose sentences largely reproduce an
	// earlier source's: their voice counts as that source's, not again.
	Copies []Copy `json:"copies,omitempty"`
}

// Copy says that one source largely reproduces an earlier one ("copies
// Reuters (9 of its 11 sentences)"), whether or not it credits it.
type Copy struct {
	Source    string `json:"source"` // the copying source's name
	Outlet    string `json:"outlet,omitempty"`
	Of        string `json:"of"` // the source it copies
	OfOutlet  string `json:"of_outlet,omitempty"`
	Shared    int    `json:"shared"`    // its sentences that reproduce one of the original's
	Sentences int    `json:"sentences"` // its sentences long enough to compare
}

// String says what the copy is: "copies Reuters (9 of its 11 sentences)".
func (c Copy) String() string {
	of := c.OfOutlet
	if of == "" {
		of = c.Of
	}
	return fmt.Sprintf("copies %s (%d of its %d sentences)", of, c.Shared, c.Sentences)
}

// Stance is whether an origin's claims assert, deny or decline to comment on an event.
type Stance string

// Stances.
const (
	StanceSupports  Stance = "supports"
	StanceDenies    Stance = "denies"
	StanceNoComment Stance = "no-comment" // neither confirmed nor denied: never a denial
)

// Origin is one original source behind an event's claims, however many
// outlets carried it. Independence is counted over origins, not outlets.
type Origin struct {
	Key      string     `json:"key"`           // stable identity (fuse/doc.go defines it)
	Who      string     `json:"who"`           // as the text names it, e.g. "an Iraqi security source"
	Kind     SourceKind `json:"kind"`          // of the first speaker
	Via      []string   `json:"via,omitempty"` // relays, first to last (CNN, TFI Global)
	Speakers int        `json:"speakers"`      // speakers the text says stand behind it ("two Iraqi sources" → 2)
	Stance   Stance     `json:"stance"`
	Claims   []string   `json:"claims"`
	Carriers []string   `json:"carriers"`          // source documents carrying it (names)
	EchoOf   []string   `json:"echo_of,omitempty"` // when set, this origin repeats these origins and is not counted
}

// Mention is one member claim giving a value, and who gave it.
type Mention struct {
	ClaimID string `json:"claim_id"`
	Source  string `json:"source"`
	Origin  string `json:"origin"`
	Span    Span   `json:"span"`
}

// EventPlace is one place named within an event.
type EventPlace struct {
	Name     string      `json:"name"`
	Kind     PlaceKind   `json:"kind"`
	Roles    []PlaceRole `json:"roles"`
	Mentions []Mention   `json:"mentions"`
}

// TimeMention is one member's time span.
type TimeMention struct {
	From      Date          `json:"from"`
	To        Date          `json:"to"`
	Precision TimePrecision `json:"precision"`
	Mention
}

// Verdict is what data says of a claim.
type Verdict string

// Verdicts.
const (
	Supported    Verdict = "supported"
	Contradicted Verdict = "contradicted"
	Untestable   Verdict = "untestable"
)

// Signal is evidence from data (a flight count test, a calendar check) linked to a claim.
type Signal struct {
	ID      string         `json:"id"`
	Kind    string         `json:"kind"` // flight-surge, calendar, …
	ClaimID string         `json:"claim_id,omitempty"`
	Subject string         `json:"subject"` // e.g. route NJF-THR
	From    Date           `json:"from,omitempty"`
	To      Date           `json:"to,omitempty"`
	Verdict Verdict        `json:"verdict"`
	PValue  float64        `json:"p_value,omitempty"`
	Summary string         `json:"summary"`
	Details map[string]any `json:"details,omitempty"`
	Created time.Time      `json:"created"`
}

// Status is an event's standing after assessment.
type Status string

// Statuses.
const (
	StatusCorroborated Status = "corroborated"
	StatusSingleSource Status = "single-source"
	StatusContested    Status = "contested"
	StatusDenied       Status = "denied"
	StatusNCND         Status = "neither confirmed nor denied"
	StatusUnverifiable Status = "unverifiable"
)

// Reason is one line of an assessment's argument, traceable to spans or data.
type Reason struct {
	Text     string   `json:"text"`
	ClaimIDs []string `json:"claim_ids,omitempty"`
	SignalID string   `json:"signal_id,omitempty"`
	Weight   float64  `json:"weight,omitempty"`
	// Kind groups reasons for display: status, origin, echo, silence,
	// denial, figures, scope, contradiction, signal, calendar, probability.
	Kind string `json:"kind,omitempty"`
}

// SourceGrade is an origin's Admiralty reliability letter and why.
type SourceGrade struct {
	Origin      string     `json:"origin"` // Origin.Key
	Who         string     `json:"who"`
	Kind        SourceKind `json:"kind"`
	Reliability string     `json:"reliability"` // A–F
	Why         string     `json:"why"`
}

// ClaimGrade is a claim's Admiralty grade: its origin's reliability letter
// and its own credibility digit (1 confirmed … 6 cannot be judged).
type ClaimGrade struct {
	ClaimID     string `json:"claim_id"`
	Reliability string `json:"reliability"`
	Credibility int    `json:"credibility"`
	Why         string `json:"why"`
}

// Assessment is the conclusion on one event. One probability, shown three ways.
type Assessment struct {
	EventID        string   `json:"event_id"`
	Status         Status   `json:"status"`
	Probability    float64  `json:"probability"`     // internal, 0..1
	Words          string   `json:"likelihood"`      // ICD 203 expression
	Band           string   `json:"band"`            // ICD 203 band, e.g. "55-80%"
	Admiralty      string   `json:"admiralty"`       // e.g. "B2"
	STIXConfidence int      `json:"stix_confidence"` // 0..100
	Reasons        []Reason `json:"reasons"`
	// Per-origin and per-claim grades behind the conclusion.
	Sources []SourceGrade `json:"sources,omitempty"`
	Claims  []ClaimGrade  `json:"claims,omitempty"`
	// The case settings the assessment was made with: their version in the
	// store (0: never set, the defaults) and the SHA-256 of what they held
	// (packs with their hashes, grading overrides, organisation).
	SettingsVersion int    `json:"settings_version,omitempty"`
	SettingsHash    string `json:"settings_hash,omitempty"`
	// Set when the case is loaded, never by assess: an analyst's override,
	// kept beside the computed values above, and the sign-off in force.
	Override *Override `json:"override,omitempty"`
	SignOff  *SignOff  `json:"sign_off,omitempty"`
}

// Case is everything known about one investigation: what reports, exports
// and the web workspace render. Slices are in a stable order (sources by id,
// claims by source then offset, events by id).
type Case struct {
	Sources     []Source     `json:"sources"`
	Claims      []Claim      `json:"claims"`
	Events      []Event      `json:"events"`
	Assessments []Assessment `json:"assessments"`
	Signals     []Signal     `json:"signals"`
	// Analysts' judgements and each event's history (judgement.go).
	Notes      []Note              `json:"notes,omitempty"`
	Hypotheses []Hypothesis        `json:"hypotheses,omitempty"`
	History    []AssessmentVersion `json:"history,omitempty"`
}
