package assess

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"strings"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/errs"
	"github.com/triangulate/triangulate/knowledge"
)

// Config holds every grading rule's numbers, in one place. DefaultConfig
// gives the defaults; LoadConfig overlays a JSON file on them.
type Config struct {
	// Sources grades named speakers and outlets by folded name ("cnn",
	// "tasnim news agency"): an Admiralty reliability letter A–F.
	Sources map[string]string `json:"sources"`
	// Kinds grades a speaker the Sources table does not list, by kind.
	Kinds map[claim.SourceKind]string `json:"kinds"`
	// Evidence is the log-odds weight one independent supporting origin of
	// each reliability letter adds (a denying origin subtracts it).
	Evidence map[string]float64 `json:"evidence"`
	// Hedged and Unverified scale an origin's weight when none of its
	// claims is asserted outright ("reportedly"; "not independently verified").
	Hedged     float64 `json:"hedged"`
	Unverified float64 `json:"unverified"`
	// SignalSupported and SignalContradicted are the log-odds a data signal
	// adds or subtracts; ObservanceFactor scales a supporting signal that a
	// calendar observance could also explain.
	SignalSupported    float64 `json:"signal_supported"`
	SignalContradicted float64 `json:"signal_contradicted"`
	ObservanceFactor   float64 `json:"observance_factor"`
	// Prior is the probability before any evidence.
	Prior float64 `json:"prior"`
}

// DefaultConfig returns the built-in grading rules: letters by kind of
// speaker and the evidence weights. It names no outlet: the letters of
// named outlets and speakers are pack data (speakers.json), added by
// Defaults.
//
// Letters are the Admiralty (NATO AJP-2.1) reliability scale: A completely
// reliable, B usually reliable, C fairly reliable, D not usually reliable,
// E unreliable, F reliability cannot be judged. Outlets not listed are F:
// an unknown outlet is not thereby unreliable, only unjudged. Anonymous and
// document sources take the letter of the outlet that vetted them, one step
// lower (a source quoted by CNN, B, is C), and F when that outlet is unknown.
func DefaultConfig() Config {
	return Config{
		Sources: map[string]string{},
		Kinds: map[claim.SourceKind]string{
			claim.SpeakerOfficial:    "C", // knows, but speaks for a party
			claim.SpeakerRightsGroup: "C",
			claim.SpeakerStateMedia:  "D",
			claim.SpeakerData:        "C",
			claim.SpeakerSocial:      "E",
			claim.SpeakerNamed:       "F",
			claim.SpeakerOutlet:      "F",
			claim.SpeakerAnonymous:   "F",
			claim.SpeakerDocument:    "F",
			claim.SpeakerUnspecified: "F",
		},
		Evidence:           map[string]float64{"A": 1.6, "B": 1.2, "C": 0.8, "D": 0.4, "E": 0.05, "F": 0.15},
		Hedged:             0.6,
		Unverified:         0.4,
		SignalSupported:    1.0,
		SignalContradicted: 1.5,
		ObservanceFactor:   0.5,
		Prior:              0.5,
	}
}

// Defaults returns the built-in rules with the reliability letters of the
// pack's speakers, under their names and aliases: the grading a case gets
// before its own settings override any of it.
func Defaults(p *knowledge.Pack) Config {
	cfg := DefaultConfig()
	if p == nil {
		return cfg
	}
	for _, sp := range p.Speakers() {
		l := strings.ToUpper(strings.TrimSpace(sp.Reliability))
		if !validLetter(l) {
			continue
		}
		for _, n := range append([]string{sp.Name}, sp.Aliases...) {
			if f := knowledge.Fold(n); f != "" {
				cfg.Sources[f] = l // user packs come after the default: theirs wins
			}
		}
	}
	return cfg
}

// Overrides are what a grading file (or a case's settings) changes in a
// Config: maps are merged key by key, numbers given replace the defaults.
// Source names are folded and letters upper-cased by ParseOverrides.
type Overrides struct {
	Sources            map[string]string           `json:"sources,omitempty"`
	Kinds              map[claim.SourceKind]string `json:"kinds,omitempty"`
	Evidence           map[string]float64          `json:"evidence,omitempty"`
	Hedged             *float64                    `json:"hedged,omitempty"`
	Unverified         *float64                    `json:"unverified,omitempty"`
	SignalSupported    *float64                    `json:"signal_supported,omitempty"`
	SignalContradicted *float64                    `json:"signal_contradicted,omitempty"`
	ObservanceFactor   *float64                    `json:"observance_factor,omitempty"`
	Prior              *float64                    `json:"prior,omitempty"`
}

// ParseOverrides reads a grading file's JSON. Unknown fields are refused (a
// misspelt key must not be ignored silently), and the result is checked by
// applying it to the built-in rules.
func ParseOverrides(b []byte) (Overrides, error) {
	const op = "assess: grading"
	var o Overrides
	if len(bytes.TrimSpace(b)) == 0 {
		return o, nil
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&o); err != nil {
		return o, errs.E(errs.BadInput, op, err)
	}
	norm := Overrides{Evidence: o.Evidence, Hedged: o.Hedged, Unverified: o.Unverified, SignalSupported: o.SignalSupported,
		SignalContradicted: o.SignalContradicted, ObservanceFactor: o.ObservanceFactor, Prior: o.Prior}
	if len(o.Sources) > 0 {
		norm.Sources = make(map[string]string, len(o.Sources))
		for k, v := range o.Sources {
			norm.Sources[knowledge.Fold(k)] = strings.ToUpper(strings.TrimSpace(v))
		}
	}
	if len(o.Kinds) > 0 {
		norm.Kinds = make(map[claim.SourceKind]string, len(o.Kinds))
		for k, v := range o.Kinds {
			norm.Kinds[k] = strings.ToUpper(strings.TrimSpace(v))
		}
	}
	if _, err := DefaultConfig().With(norm); err != nil {
		return Overrides{}, err
	}
	return norm, nil
}

// ReadOverrides reads a grading file.
func ReadOverrides(path string) (Overrides, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return Overrides{}, errs.E(errs.BadInput, "assess: grading file", err)
	}
	o, err := ParseOverrides(b)
	if err != nil {
		return o, fmt.Errorf("%s: %w", path, err)
	}
	return o, nil
}

// IsZero reports whether o changes nothing.
func (o Overrides) IsZero() bool {
	return len(o.Sources) == 0 && len(o.Kinds) == 0 && len(o.Evidence) == 0 && o.Hedged == nil && o.Unverified == nil &&
		o.SignalSupported == nil && o.SignalContradicted == nil && o.ObservanceFactor == nil && o.Prior == nil
}

// With returns c overlaid with o, leaving c unchanged, and validated.
func (c Config) With(o Overrides) (Config, error) {
	out := c
	out.Sources = maps.Clone(c.Sources)
	out.Kinds = maps.Clone(c.Kinds)
	out.Evidence = maps.Clone(c.Evidence)
	if out.Sources == nil {
		out.Sources = map[string]string{}
	}
	maps.Copy(out.Sources, o.Sources)
	if out.Kinds == nil {
		out.Kinds = map[claim.SourceKind]string{}
	}
	maps.Copy(out.Kinds, o.Kinds)
	if out.Evidence == nil {
		out.Evidence = map[string]float64{}
	}
	maps.Copy(out.Evidence, o.Evidence)
	for _, f := range []struct {
		dst *float64
		src *float64
	}{{&out.Hedged, o.Hedged}, {&out.Unverified, o.Unverified}, {&out.SignalSupported, o.SignalSupported},
		{&out.SignalContradicted, o.SignalContradicted}, {&out.ObservanceFactor, o.ObservanceFactor}, {&out.Prior, o.Prior}} {
		if f.src != nil {
			*f.dst = *f.src
		}
	}
	return out, out.Validate()
}

// Validate checks letters and numbers are in range.
func (c Config) Validate() error {
	bad := func(format string, a ...any) error {
		return errs.E(errs.BadInput, "assess: config", fmt.Sprintf(format, a...))
	}
	for k, v := range c.Sources {
		if !validLetter(v) {
			return bad("source %q: letter %q not in A–F", k, v)
		}
	}
	for k, v := range c.Kinds {
		if !validLetter(v) {
			return bad("kind %q: letter %q not in A–F", k, v)
		}
	}
	for _, l := range letters {
		if _, ok := c.Evidence[l]; !ok {
			return bad("evidence weight for %s missing", l)
		}
	}
	if c.Prior <= 0 || c.Prior >= 1 {
		return bad("prior %v not within (0, 1)", c.Prior)
	}
	return nil
}

var letters = []string{"A", "B", "C", "D", "E", "F"}

func validLetter(s string) bool {
	for _, l := range letters {
		if s == l {
			return true
		}
	}
	return false
}

// stepDown lowers a letter one step (A→B … E→F is not a step: F means
// unjudged, so E stays E and F stays F).
func stepDown(l string) string {
	switch l {
	case "A":
		return "B"
	case "B":
		return "C"
	case "C":
		return "D"
	case "D":
		return "E"
	}
	return l
}
