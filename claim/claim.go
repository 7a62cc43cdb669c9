// Package claim holds Triangulate's domain model: the plain values that flow
// through the pipeline (Source → Claim → Event → Assessment, and Signal from
// data) and their validation. It depends on nothing else in the project.
//
// JSON field names follow the gold format of the evaluation protocol
// (source, start, end, evidence, action, actors, places, time, quantities,
// modality, attribution) so that `triangulate claims --json` is stable.
package claim

import (
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// Source is one archived document: a file, a fetched page or one feed item.
type Source struct {
	ID          int64     `json:"id"`
	Name        string    `json:"name"` // base name of the ingested file, or a name derived from the URL
	Outlet      string    `json:"outlet,omitempty"`
	Title       string    `json:"title,omitempty"`
	URL         string    `json:"url,omitempty"`
	Published   time.Time `json:"published,omitzero"` // the date relative times resolve against
	Fetched     time.Time `json:"fetched"`
	Language    string    `json:"language,omitempty"`
	MediaType   string    `json:"media_type"`   // text/plain, text/html, application/rss+xml …
	ContentHash string    `json:"content_hash"` // hex SHA-256 of Raw
	Raw         []byte    `json:"-"`            // the bytes exactly as received
	Text        string    `json:"text"`         // the extracted text; every Span indexes it
}

// Validate reports whether s can be stored.
func (s *Source) Validate() error {
	var errs []error
	if s.Name == "" {
		errs = append(errs, errors.New("source has no name"))
	}
	if s.ContentHash == "" {
		errs = append(errs, errors.New("source has no content hash"))
	}
	if strings.TrimSpace(s.Text) == "" {
		errs = append(errs, errors.New("source has no text"))
	}
	if !utf8.ValidString(s.Text) {
		errs = append(errs, errors.New("source text is not valid UTF-8"))
	}
	return errors.Join(errs...)
}

// Span is a run of a source's text, by byte offsets (end exclusive).
type Span struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text,omitempty"`
}

// Valid reports whether sp lies within text and quotes it exactly.
func (sp Span) Valid(text string) bool {
	if sp.Start < 0 || sp.End < sp.Start || sp.End > len(text) {
		return false
	}
	return sp.Text == "" || text[sp.Start:sp.End] == sp.Text
}

// Action is what a claim says happened, from a small closed vocabulary.
type Action string

// The action vocabulary (shared with the evaluation protocol).
const (
	ActionDeploy      Action = "deploy"      // forces sent, entering, crossing, arriving
	ActionAttempt     Action = "attempt"     // an attempted crossing or move
	ActionTransport   Action = "transport"   // moved within a country, by air or road; transit
	ActionFlights     Action = "flights"     // flight numbers or traffic on routes
	ActionRequest     Action = "request"     // someone asked for help or forces
	ActionSuppress    Action = "suppress"    // crackdown on protests
	ActionKill        Action = "kill"        // killed or injured
	ActionClash       Action = "clash"       // armed clashes
	ActionWarn        Action = "warn"        // a warning passed on
	ActionAffiliation Action = "affiliation" // X belongs to or is loyal to Y
	ActionConfirm     Action = "confirm"
	ActionDeny        Action = "deny"
	ActionNoComment   Action = "no-comment" // neither confirmed nor denied
	ActionDataGap     Action = "data-gap"   // information unavailable for a period
	ActionOther       Action = "other"
)

// Actions lists the vocabulary in a stable order.
var Actions = []Action{ActionDeploy, ActionAttempt, ActionTransport, ActionFlights, ActionRequest,
	ActionSuppress, ActionKill, ActionClash, ActionWarn, ActionAffiliation, ActionConfirm,
	ActionDeny, ActionNoComment, ActionDataGap, ActionOther}

// Valid reports whether a is in the vocabulary.
func (a Action) Valid() bool {
	for _, x := range Actions {
		if a == x {
			return true
		}
	}
	return false
}

// Modality is how firmly a claim is put.
type Modality string

// Modalities.
const (
	Asserted   Modality = "asserted"
	Hedged     Modality = "hedged"     // reportedly, claimed, allegedly
	Unverified Modality = "unverified" // "has not been independently verified"
	Denied     Modality = "denied"
	NCND       Modality = "neither-confirmed-nor-denied"
)

// Valid reports whether m is a known modality.
func (m Modality) Valid() bool {
	switch m {
	case Asserted, Hedged, Unverified, Denied, NCND:
		return true
	}
	return false
}

// Actor is who acts in a claim.
type Actor struct {
	Name        string `json:"name"`                  // canonical pack name, else the text's own words
	PackID      string `json:"pack_id,omitempty"`     // knowledge-pack entry, when resolved
	Affiliation string `json:"affiliation,omitempty"` // canonical name of the umbrella it belongs to
	Span        Span   `json:"span"`
}

// PlaceRole is the part a place plays in a claim.
type PlaceRole string

// Place roles.
const (
	RoleOrigin      PlaceRole = "origin"
	RoleDestination PlaceRole = "destination"
	RoleVia         PlaceRole = "via"
	RoleLocation    PlaceRole = "location"
)

// PlaceKind is what sort of place it is.
type PlaceKind string

// Place kinds.
const (
	KindCountry  PlaceKind = "country"
	KindProvince PlaceKind = "province"
	KindCity     PlaceKind = "city"
	KindCrossing PlaceKind = "crossing"
	KindRegion   PlaceKind = "region"
	KindBorder   PlaceKind = "border"
	KindAirport  PlaceKind = "airport"
)

// PlacePrecision says how exactly a place's coordinates locate it. It is a
// type of its own, never mixed with time precision.
type PlacePrecision string

// Place precisions, from exact to coarse.
const (
	PlaceExact    PlacePrecision = "exact"    // a point within about 1 km (airport, crossing gate)
	PlaceCity     PlacePrecision = "city"     // a populated place's centre
	PlaceProvince PlacePrecision = "province" // a province's centroid
	PlaceCountry  PlacePrecision = "country"  // a country's centroid
	PlaceRegion   PlacePrecision = "region"   // a vaguer area
	PlaceUnknown  PlacePrecision = ""
)

// Place is a location named in a claim, resolved against the gazetteer when possible.
type Place struct {
	Name      string         `json:"name"`
	Role      PlaceRole      `json:"role"`
	Kind      PlaceKind      `json:"kind"`
	Country   string         `json:"country,omitempty"` // ISO 3166-1 alpha-2
	Lat       float64        `json:"lat,omitempty"`
	Lon       float64        `json:"lon,omitempty"`
	HasCoord  bool           `json:"has_coord,omitempty"`
	Precision PlacePrecision `json:"precision,omitempty"`
	PackID    string         `json:"pack_id,omitempty"`
	Span      Span           `json:"span"`
}

// TimePrecision says how exactly a time span is known.
type TimePrecision string

// Time precisions.
const (
	TimeDay         TimePrecision = "day"
	TimeRange       TimePrecision = "range"
	TimeOpen        TimePrecision = "open" // open at one end ("since …", "by …")
	TimeMonth       TimePrecision = "month"
	TimeApproximate TimePrecision = "approximate"
)

// Date is a calendar day written as YYYY-MM-DD; "" means open.
type Date = string

// TimeSpan is when a claim says something happened. From "" means open at the
// start; To "" means open-ended.
type TimeSpan struct {
	From      Date          `json:"from"`
	To        Date          `json:"to"`
	Precision TimePrecision `json:"precision"`
	Span      Span          `json:"span"`
}

// Validate checks the dates parse and are ordered.
func (t *TimeSpan) Validate() error {
	var from, to time.Time
	var err error
	if t.From != "" {
		if from, err = time.Parse(time.DateOnly, t.From); err != nil {
			return fmt.Errorf("time from: %w", err)
		}
	}
	if t.To != "" {
		if to, err = time.Parse(time.DateOnly, t.To); err != nil {
			return fmt.Errorf("time to: %w", err)
		}
	}
	if t.From == "" && t.To == "" {
		return errors.New("time span open at both ends")
	}
	if !from.IsZero() && !to.IsZero() && to.Before(from) {
		return fmt.Errorf("time span ends (%s) before it starts (%s)", t.To, t.From)
	}
	switch t.Precision {
	case TimeDay, TimeRange, TimeOpen, TimeMonth, TimeApproximate:
	default:
		return fmt.Errorf("unknown time precision %q", t.Precision)
	}
	return nil
}

// QuantityKind distinguishes a count from a baseline or an increase.
type QuantityKind string

// Quantity kinds.
const (
	QuantityCount    QuantityKind = "count"
	QuantityBaseline QuantityKind = "baseline"
	QuantityIncrease QuantityKind = "increase"
)

// Quantity is a figure: a value (Min == Max) or a range, with its qualifier as written.
type Quantity struct {
	Min       float64      `json:"min"`
	Max       float64      `json:"max"`
	Unit      string       `json:"unit"`      // fighters, flights, flights per day, protesters killed …
	Qualifier string       `json:"qualifier"` // at least, close to, around, between … or ""
	Kind      QuantityKind `json:"kind"`
	Span      Span         `json:"span"`
}

// Validate checks the range is ordered and the kind known.
func (q *Quantity) Validate() error {
	if q.Max < q.Min {
		return fmt.Errorf("quantity max %v below min %v", q.Max, q.Min)
	}
	switch q.Kind {
	case QuantityCount, QuantityBaseline, QuantityIncrease:
	default:
		return fmt.Errorf("unknown quantity kind %q", q.Kind)
	}
	if q.Unit == "" {
		return errors.New("quantity has no unit")
	}
	return nil
}

// SourceKind is what sort of speaker a link in an attribution chain is.
type SourceKind string

// Source kinds.
const (
	SpeakerAnonymous   SourceKind = "anonymous"
	SpeakerNamed       SourceKind = "named"
	SpeakerOfficial    SourceKind = "official"
	SpeakerOutlet      SourceKind = "outlet"
	SpeakerStateMedia  SourceKind = "state-media"
	SpeakerRightsGroup SourceKind = "rights-group"
	SpeakerDocument    SourceKind = "document"
	SpeakerData        SourceKind = "data"
	SpeakerSocial      SourceKind = "social"
	SpeakerUnspecified SourceKind = "unspecified"
)

// Attribution is one link of the chain from the original speaker to the
// publishing outlet, first to last.
type Attribution struct {
	Who  string     `json:"who"`
	Kind SourceKind `json:"kind"`
	Span Span       `json:"span"`
}

// Claim is one statement extracted from a source, with the spans that carry it.
type Claim struct {
	ID          string        `json:"id"` // stable: derived from source and span
	SourceID    int64         `json:"source_id"`
	Source      string        `json:"source"` // the source's Name
	Start       int           `json:"start"`  // byte offsets of Evidence in the source's text
	End         int           `json:"end"`
	Evidence    string        `json:"evidence"`
	Action      Action        `json:"action"`
	Actors      []Actor       `json:"actors"`
	Places      []Place       `json:"places"`
	Time        *TimeSpan     `json:"time"`
	Quantities  []Quantity    `json:"quantities"`
	Modality    Modality      `json:"modality"`
	Attribution []Attribution `json:"attribution"`
	EventID     string        `json:"event_id,omitempty"`
	// Rules are the reason for the claim: the ids of the language-pack
	// rules that made it and filled each of its fields.
	Rules []RuleRef `json:"rules,omitempty"`
	// Version counts edits; stores use it for optimistic concurrency.
	Version int `json:"version,omitempty"`
	// Edited marks a claim corrected by an analyst; re-extraction keeps it.
	Edited   bool   `json:"edited,omitempty"`
	EditedBy string `json:"edited_by,omitempty"`
	Rejected bool   `json:"rejected,omitempty"`
	// Manual marks a claim an analyst added by hand (EditedBy made it); it
	// is Edited too, so re-extraction keeps it.
	Manual bool `json:"manual,omitempty"`
}

// RuleRef names a rule of the extractor's language pack (lang/<code>) and
// the part of a claim it decided: "claim" for the rule that made the claim
// and its action, else the field it filled (actors, places, time,
// quantities, modality, attribution).
type RuleRef struct {
	Field string `json:"field"`
	Rule  string `json:"rule"`
}

// FormatRules writes rule references for people: "claim deploy.motion-verb,
// modality modality.hedge-word".
func FormatRules(rs []RuleRef) string {
	parts := make([]string, len(rs))
	for i, r := range rs {
		parts[i] = r.Field + " " + r.Rule
	}
	return strings.Join(parts, ", ")
}

// Validate checks the claim against its source text (when given) and vocabularies.
func (c *Claim) Validate(text string) error {
	var errs []error
	if c.ID == "" {
		errs = append(errs, errors.New("claim has no id"))
	}
	if !c.Action.Valid() {
		errs = append(errs, fmt.Errorf("unknown action %q", c.Action))
	}
	if !c.Modality.Valid() {
		errs = append(errs, fmt.Errorf("unknown modality %q", c.Modality))
	}
	if c.End <= c.Start {
		errs = append(errs, fmt.Errorf("empty evidence span %d..%d", c.Start, c.End))
	}
	if text != "" && !(Span{Start: c.Start, End: c.End, Text: c.Evidence}).Valid(text) {
		errs = append(errs, fmt.Errorf("evidence span %d..%d does not quote the source", c.Start, c.End))
	}
	if c.Time != nil {
		if err := c.Time.Validate(); err != nil {
			errs = append(errs, err)
		}
	}
	for i := range c.Quantities {
		if err := c.Quantities[i].Validate(); err != nil {
			errs = append(errs, err)
		}
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("claim %s: %w", c.ID, err)
	}
	return nil
}

// Originator returns the first link of the attribution chain: the original
// speaker, which decides independence. It is empty when the chain is.
func (c *Claim) Originator() Attribution {
	if len(c.Attribution) == 0 {
		return Attribution{}
	}
	return c.Attribution[0]
}
