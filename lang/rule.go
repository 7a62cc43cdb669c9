package lang

import (
	"errors"
	"fmt"

	"gopkg.in/yaml.v3"
)

// Rule is a token pattern with what a match means. Kinds:
//
//   - trigger (the default): a match makes the clause a claim with Action;
//     the anchor is the claim's trigger word;
//   - modality: a match in a claim's clauses sets its modality to Value;
//   - attribution, actor, place, time, figure: the rule documents a step of
//     the Go grammar that fills that field (no tokens; its id is what claims
//     record), with examples that hold it to what it says.
//
// Tokens is a sequence read left to right, with exactly one anchor: the
// matcher finds the anchor's word, then checks the tokens before it
// (leftwards) and after it (rightwards). A token's Skip lets up to that many
// other tokens stand between it and the next one (vale's `sequence` checks
// have the same shape).
type Rule struct {
	ID       string   `yaml:"id"`
	Does     string   `yaml:"does"`
	Kind     string   `yaml:"kind"`
	Action   string   `yaml:"action"`
	Value    string   `yaml:"value"`
	Priority int      `yaml:"priority"` // among rules matching at one anchor, the highest wins
	Score    int      `yaml:"score"`    // fixed strength; 0: the grammar rates the anchor's form
	Form     string   `yaml:"form"`     // the form the grammar rates the anchor as, when not its own
	Tokens   []Token  `yaml:"tokens"`
	With     []Token  `yaml:"with"`    // the clause must also hold one of these
	Without  []Token  `yaml:"without"` // and none of these
	When     []string `yaml:"when"`    // grammar conditions the extractor checks by name
	Examples []string `yaml:"examples"`
	Counter  []string `yaml:"counter"` // sentences the rule must not read
	File     string   `yaml:"-"`
}

// Token is one position of a pattern. A word matches it when it passes one
// of the tests given (word, class, verb, noun, entity, number, punct, or
// one of the alternatives in Any) and, when Cap or Lower is set, is written
// so. Not turns the match around.
type Token struct {
	Word   Strings `yaml:"word"`   // one of these words (lower case) as written
	Class  Strings `yaml:"class"`  // a word of one of these classes
	Verb   Strings `yaml:"verb"`   // a form of one of these verbs
	Noun   Strings `yaml:"noun"`   // a form of one of these nouns
	Forms  Strings `yaml:"forms"`  // only these forms: base, third, past, part, gerund, noun, plural
	Entity Strings `yaml:"entity"` // a knowledge-pack mention: place, country, actor, speaker, airport
	Cap    bool    `yaml:"cap"`    // capitalised
	Lower  bool    `yaml:"lower"`  // not capitalised
	Number bool    `yaml:"number"` // a figure, in digits or words
	Punct  string  `yaml:"punct"`  // this punctuation mark
	Not    bool    `yaml:"not"`    // the token must fail the tests instead
	Any    []Token `yaml:"any"`    // or one of these alternatives

	Skip     int     `yaml:"skip"`     // up to this many tokens may come before the next position
	Through  Strings `yaml:"through"`  // skipped tokens must be of these classes
	Optional bool    `yaml:"optional"` // the position may be absent
	Anchor   bool    `yaml:"anchor"`
	// Role: what the matched token is to the claim: destination, origin,
	// via, location (a place's role), actor.
	Role string `yaml:"role"`
}

// Strings is a list that YAML may also give as one scalar.
type Strings []string

// UnmarshalYAML accepts a scalar or a sequence of scalars.
func (s *Strings) UnmarshalYAML(n *yaml.Node) error {
	switch n.Kind {
	case yaml.ScalarNode:
		*s = Strings{n.Value}
		return nil
	case yaml.SequenceNode:
		var l []string
		if err := n.Decode(&l); err != nil {
			return err
		}
		*s = l
		return nil
	}
	return fmt.Errorf("line %d: want a word or a list of words", n.Line)
}

// Rule kinds.
const (
	KindTrigger  = "trigger"
	KindModality = "modality"
	// KindVeto rules say when their anchor is no trigger: "border
	// crossing", "crossing point".
	KindVeto = "veto"
)

var grammarKinds = map[string]bool{"attribution": true, "actor": true, "place": true, "time": true, "figure": true, "clause": true}

var roles = map[string]bool{"destination": true, "origin": true, "via": true, "location": true, "actor": true}

var entities = map[string]bool{"place": true, "country": true, "actor": true, "speaker": true, "airport": true}

var formNames = map[string]Form{"base": FormBase, "third": FormThird, "past": FormPast, "part": FormPart, "gerund": FormGerund, "noun": FormNoun, "plural": FormPlural}

// FormNamed returns the form of a name used in the pack files.
func FormNamed(name string) (Form, bool) {
	f, ok := formNames[name]
	return f, ok
}

func (r *Rule) kind() string {
	if r.Kind == "" {
		return KindTrigger
	}
	return r.Kind
}

func (r *Rule) check(p *Pack) error {
	var errs []error
	if r.Does == "" {
		errs = append(errs, errors.New("no description (does)"))
	}
	if len(r.Examples) < 3 {
		errs = append(errs, fmt.Errorf("%d examples; every rule needs at least three sentences it reads the same way", len(r.Examples)))
	}
	switch k := r.kind(); {
	case k == KindTrigger:
		if r.Action == "" {
			errs = append(errs, errors.New("a trigger rule without an action"))
		}
	case k == KindVeto:
		if r.Action != "" {
			errs = append(errs, errors.New("a veto rule makes no claim and has no action"))
		}
	case k == KindModality:
		if r.Value == "" {
			errs = append(errs, errors.New("a modality rule without a value"))
		}
	case grammarKinds[k]:
		if len(r.Tokens) > 0 {
			errs = append(errs, fmt.Errorf("a %s rule documents grammar and has no tokens", k))
		}
		return errors.Join(errs...)
	default:
		errs = append(errs, fmt.Errorf("unknown kind %q", k))
	}
	if _, ok := formNames[r.Form]; r.Form != "" && !ok {
		errs = append(errs, fmt.Errorf("unknown form %q", r.Form))
	}
	anchors := 0
	for i, t := range r.Tokens {
		if t.Anchor {
			anchors++
			if len(t.Word)+len(t.Class)+len(t.Verb)+len(t.Noun)+len(t.Any) == 0 || t.Not || t.Optional {
				errs = append(errs, fmt.Errorf("token %d: the anchor must name words, a class, a verb or a noun and be neither negated nor optional", i+1))
			}
		}
		errs = append(errs, t.check(p, i+1))
	}
	for i, t := range append(append([]Token{}, r.With...), r.Without...) {
		errs = append(errs, t.check(p, i+1))
	}
	if anchors != 1 {
		errs = append(errs, fmt.Errorf("%d anchors; a pattern has exactly one", anchors))
	}
	return errors.Join(errs...)
}

func (t *Token) check(p *Pack, n int) error {
	var errs []error
	for _, c := range append(append(Strings{}, t.Class...), t.Through...) {
		if _, ok := p.Classes[c]; !ok {
			errs = append(errs, fmt.Errorf("token %d: undefined class %q", n, c))
		}
	}
	for _, f := range t.Forms {
		if _, ok := formNames[f]; !ok {
			errs = append(errs, fmt.Errorf("token %d: unknown form %q", n, f))
		}
	}
	for _, e := range t.Entity {
		if !entities[e] {
			errs = append(errs, fmt.Errorf("token %d: unknown entity %q", n, e))
		}
	}
	if t.Role != "" && !roles[t.Role] {
		errs = append(errs, fmt.Errorf("token %d: unknown role %q", n, t.Role))
	}
	if len(t.Word)+len(t.Class)+len(t.Verb)+len(t.Noun)+len(t.Entity)+len(t.Punct)+len(t.Any) == 0 && !t.Cap && !t.Lower && !t.Number {
		errs = append(errs, fmt.Errorf("token %d tests nothing", n))
	}
	for _, a := range t.Any {
		if a.Skip != 0 || a.Anchor || a.Optional || a.Role != "" || len(a.Any) > 0 {
			errs = append(errs, fmt.Errorf("token %d: an alternative only tests a word", n))
		}
		errs = append(errs, a.check(p, n))
	}
	return errors.Join(errs...)
}
