package assess

import (
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

// DefaultConfig returns the default grading rules.
//
// Letters are the Admiralty (NATO AJP-2.1) reliability scale: A completely
// reliable, B usually reliable, C fairly reliable, D not usually reliable,
// E unreliable, F reliability cannot be judged. Outlets not listed are F:
// an unknown outlet is not thereby unreliable, only unjudged. Anonymous and
// document sources take the letter of the outlet that vetted them, one step
// lower (a source quoted by CNN, B, is C), and F when that outlet is unknown.
func DefaultConfig() Config {
	return Config{
		Sources: map[string]string{
			// Wire services and broadcasters with published corrections policies.
			"reuters": "B", "associated press": "B", "ap": "B", "afp": "B", "agence france presse": "B",
			"cnn": "B", "bbc": "B", "bbc news": "B", "bbc persian": "B", "the new york times": "B",
			"the washington post": "B", "the guardian": "B", "al jazeera": "C", "middle east monitor": "C",
			// State media: speak for a party to the conflict.
			"tasnim news agency": "D", "tasnim": "D", "fars news agency": "D", "irna": "D", "press tv": "D",
			"mehr news agency": "D", "al alam": "D",
			// Flight tracking data: reliable where covered; gaps are missing, not zero.
			"flightradar24": "B", "opensky network": "B", "adsb exchange": "B",
		},
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

// LoadConfig reads a JSON file over the defaults: maps are merged key by key,
// numbers given replace the defaults.
func LoadConfig(path string) (Config, error) {
	cfg := DefaultConfig()
	b, err := os.ReadFile(path)
	if err != nil {
		return cfg, errs.E(errs.BadInput, "assess: load config", err)
	}
	var over struct {
		Sources            map[string]string           `json:"sources"`
		Kinds              map[claim.SourceKind]string `json:"kinds"`
		Evidence           map[string]float64          `json:"evidence"`
		Hedged             *float64                    `json:"hedged"`
		Unverified         *float64                    `json:"unverified"`
		SignalSupported    *float64                    `json:"signal_supported"`
		SignalContradicted *float64                    `json:"signal_contradicted"`
		ObservanceFactor   *float64                    `json:"observance_factor"`
		Prior              *float64                    `json:"prior"`
	}
	if err := json.Unmarshal(b, &over); err != nil {
		return cfg, errs.E(errs.BadInput, "assess: load config "+path, err)
	}
	for k, v := range over.Sources {
		cfg.Sources[knowledge.Fold(k)] = strings.ToUpper(v)
	}
	for k, v := range over.Kinds {
		cfg.Kinds[k] = strings.ToUpper(v)
	}
	maps.Copy(cfg.Evidence, over.Evidence)
	for _, f := range []struct {
		dst *float64
		src *float64
	}{{&cfg.Hedged, over.Hedged}, {&cfg.Unverified, over.Unverified}, {&cfg.SignalSupported, over.SignalSupported},
		{&cfg.SignalContradicted, over.SignalContradicted}, {&cfg.ObservanceFactor, over.ObservanceFactor}, {&cfg.Prior, over.Prior}} {
		if f.src != nil {
			*f.dst = *f.src
		}
	}
	return cfg, cfg.Validate()
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
