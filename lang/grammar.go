package lang

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Class is a word class's number in a Grammar.
type Class uint16

// MaxClasses bounds the classes of one grammar (a Set's bits).
const MaxClasses = 256

// Set is a set of classes.
type Set [MaxClasses / 64]uint64

// Has reports whether c is in s.
func (s *Set) Has(c Class) bool { return s[c>>6]&(1<<(c&63)) != 0 }

// Add puts c in s.
func (s *Set) Add(c Class) { s[c>>6] |= 1 << (c & 63) }

// Any reports whether s and o share a class.
func (s *Set) Any(o *Set) bool {
	for i := range s {
		if s[i]&o[i] != 0 {
			return true
		}
	}
	return false
}

// Empty reports whether s holds no class.
func (s *Set) Empty() bool { return *s == Set{} }

// Or adds the classes of o to s.
func (s *Set) Or(o *Set) { s.or(o) }

func (s *Set) or(o *Set) {
	for i := range s {
		s[i] |= o[i]
	}
}

// Form is the grammatical form of a word of a lemma.
type Form uint8

// Forms of verbs and nouns.
const (
	FormBase   Form = iota + 1 // enter (also the plural present)
	FormThird                  // enters
	FormPast                   // entered: a regular past tense or participle
	FormPart                   // sent, flown: an irregular past or participle
	FormGerund                 // entering
	FormNoun                   // deployment
	FormPlural                 // deployments
)

// Sense is one reading of a word: a form of a verb or a noun.
type Sense struct {
	Lemma string
	Noun  bool
	Form  Form
}

// Entry is what a grammar knows of one word.
type Entry struct {
	Classes Set
	Senses  []Sense
	Anchors []int32 // rules whose anchor may be this word
	Unit    *UnitSense
	// Trigger is the sense in which a trigger rule anchors on the word
	// (its first), when one does.
	Trigger *Sense
}

// UnitSense is what a figure's noun counts.
type UnitSense struct {
	Family  string // the vocabulary entry: personnel, killed …
	Record  string // the unit the claim records, when not the word
	Outcome bool   // it says what happened to those counted (killed, wounded)
}

// Grammar is a pack compiled for matching: one entry per word, class
// numbers fixed by the caller's order, rules with their tests resolved.
type Grammar struct {
	Pack     *Pack
	words    map[string]*Entry
	affixes  []affix
	classID  map[string]Class
	names    []string
	Rules    []*Compiled
	dynamic  []int32 // rules anchored on a class with affixes (tried on every word of it)
	phrases  map[string][][]string
	units    map[string]*UnitSense
	families map[string]Unit
	// Affixes by the byte they end (suffixes) or start (prefixes) with,
	// so that a word is tested against a few of them only.
	sufByLast  [256][]int32
	preByFirst [256][]int32
	// every affix, lazy or not, by its word-edge byte, for AffixIs
	allSuf [256][]int32
	allPre [256][]int32
	// Lazy are the classes with affixes that no rule tests: Lookup leaves
	// their affixes out (most words would pay for them), Is tests them.
	Lazy Set
}

type affix struct {
	text   string
	prefix bool
	min    int // the shortest word it matches
	cls    Set
	lazy   bool // no rule tests its classes (they are in Grammar.Lazy)
}

// Compiled is a rule ready for the matcher.
type Compiled struct {
	*Rule
	Tokens  []Test
	Anchor  int
	With    []Test
	Without []Test
}

// Test is a compiled Token.
type Test struct {
	Token
	Words   []string
	Classes Set
	Lemmas  []string
	Nouns   bool // Lemmas are nouns
	Forms   uint16
	Through Set
	Any     []Test
}

// Compile builds a grammar whose classes named in order get the numbers
// 0, 1, 2 … in that order (the caller's constants); the pack's other
// classes follow. A name in order the pack does not define is an error.
func (p *Pack) Compile(order []string) (*Grammar, error) {
	g := &Grammar{Pack: p, words: map[string]*Entry{}, classID: map[string]Class{}, phrases: map[string][][]string{}, units: map[string]*UnitSense{}, families: map[string]Unit{}}
	var errs []error
	for _, n := range order {
		if _, ok := p.Classes[n]; !ok {
			errs = append(errs, fmt.Errorf("the %s pack defines no class %q", p.Code, n))
		}
		g.addClass(n)
	}
	var rest []string
	for n := range p.Classes {
		if _, ok := g.classID[n]; !ok {
			rest = append(rest, n)
		}
	}
	slices.Sort(rest)
	for _, n := range rest {
		g.addClass(n)
	}
	if len(g.names) > MaxClasses {
		errs = append(errs, fmt.Errorf("%d classes, at most %d", len(g.names), MaxClasses))
	}
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("lang: %w", err)
	}
	irregular := map[string]Lemma{}
	for _, l := range p.Words {
		irregular[l.Lemma] = l
	}
	// Class members, with includes resolved.
	for _, n := range g.names {
		var s Set
		s.Add(g.classID[n])
		seen := map[string]bool{}
		var add func(name string)
		add = func(name string) {
			if seen[name] {
				return
			}
			seen[name] = true
			c := p.Classes[name]
			for _, w := range c.Words {
				g.addWord(w, s)
			}
			for _, t := range c.Tables {
				for w := range p.Tables[t] {
					g.addWord(w, s)
				}
			}
			var mask uint16
			for _, f := range c.Forms {
				mask |= 1 << formNames[f]
			}
			for _, v := range c.Verbs {
				for _, f := range p.forms(irregular, v, false) {
					if mask == 0 || mask&(1<<f.form) != 0 {
						g.entry(f.word).Classes.or(&s)
					}
				}
			}
			for _, v := range c.Nouns {
				for _, f := range p.forms(irregular, v, true) {
					if mask == 0 || mask&(1<<f.form) != 0 {
						g.entry(f.word).Classes.or(&s)
					}
				}
			}
			for _, inc := range c.Includes {
				add(inc)
			}
		}
		add(n)
	}
	// Units.
	for _, u := range p.Units {
		g.families[u.Unit] = u
		for _, n := range u.Nouns {
			for _, f := range p.forms(irregular, n, true) {
				g.units[f.word] = &UnitSense{Family: u.Unit, Record: u.Record, Outcome: u.Outcome}
			}
		}
		for _, w := range u.Words {
			g.units[w] = &UnitSense{Family: u.Unit, Record: u.Record, Outcome: u.Outcome}
		}
	}
	for name, ps := range p.Phrases {
		for _, ph := range ps {
			g.phrases[name] = append(g.phrases[name], strings.Fields(ph))
		}
		// Longest first: "no more than" before "more than".
		slices.SortStableFunc(g.phrases[name], func(a, b []string) int { return len(b) - len(a) })
	}
	// Rules.
	for i := range p.Rules {
		r := &p.Rules[i]
		if len(r.Tokens) == 0 {
			g.Rules = append(g.Rules, &Compiled{Rule: r, Anchor: -1})
			continue
		}
		c := &Compiled{Rule: r}
		for k, t := range r.Tokens {
			c.Tokens = append(c.Tokens, g.test(irregular, t))
			if t.Anchor {
				c.Anchor = k
			}
		}
		for _, t := range r.With {
			c.With = append(c.With, g.test(irregular, t))
		}
		for _, t := range r.Without {
			c.Without = append(c.Without, g.test(irregular, t))
		}
		id := int32(len(g.Rules))
		g.Rules = append(g.Rules, c)
		a := &c.Tokens[c.Anchor]
		for _, w := range g.anchorWords(irregular, a) {
			e := g.entry(w)
			if !slices.Contains(e.Anchors, id) {
				e.Anchors = append(e.Anchors, id)
			}
			if r.kind() == KindTrigger && e.Trigger == nil {
				if s, ok := a.senseOf(e, w); ok {
					e.Trigger = &s
				}
			}
		}
		if !a.Classes.Empty() {
			for _, af := range g.affixes {
				if af.cls.Any(&a.Classes) {
					g.dynamic = append(g.dynamic, id)
					break
				}
			}
		}
	}
	var ruleClasses Set
	var collect func(ts []Test)
	collect = func(ts []Test) {
		for k := range ts {
			ruleClasses.or(&ts[k].Classes)
			ruleClasses.or(&ts[k].Through)
			collect(ts[k].Any)
		}
	}
	for _, r := range g.Rules {
		collect(r.Tokens)
		collect(r.With)
		collect(r.Without)
	}
	for k, a := range g.affixes {
		if a.prefix {
			g.allPre[a.text[0]] = append(g.allPre[a.text[0]], int32(k))
		} else {
			g.allSuf[a.text[len(a.text)-1]] = append(g.allSuf[a.text[len(a.text)-1]], int32(k))
		}
		if !a.cls.Any(&ruleClasses) {
			g.Lazy.or(&a.cls)
			g.affixes[k].lazy = true
			continue
		}
		if a.prefix {
			g.preByFirst[a.text[0]] = append(g.preByFirst[a.text[0]], int32(k))
		} else {
			g.sufByLast[a.text[len(a.text)-1]] = append(g.sufByLast[a.text[len(a.text)-1]], int32(k))
		}
	}
	for w, us := range g.units {
		g.entry(w).Unit = us
	}
	return g, nil
}

func (g *Grammar) addClass(n string) {
	if _, ok := g.classID[n]; ok {
		return
	}
	g.classID[n] = Class(len(g.names))
	g.names = append(g.names, n)
}

func (g *Grammar) entry(w string) *Entry {
	e, ok := g.words[w]
	if !ok {
		e = &Entry{}
		g.words[w] = e
	}
	return e
}

// addWord adds a class word; "*n't" is a suffix and "pro-*" a prefix,
// matching words at least two letters longer than the affix, or as long as
// a length given after a colon ("*i:5").
func (g *Grammar) addWord(w string, s Set) {
	text, minLen := w, 0
	if k := strings.LastIndexByte(w, ':'); k > 0 && (strings.HasPrefix(w, "*") || strings.HasSuffix(w[:k], "*")) {
		if n, err := strconv.Atoi(w[k+1:]); err == nil {
			text, minLen = w[:k], n
		}
	}
	switch {
	case strings.HasPrefix(text, "*") && len(text) > 1:
		g.affixes = append(g.affixes, affix{text: text[1:], min: max(minLen, len(text)+1), cls: s})
	case strings.HasSuffix(text, "*") && len(text) > 1:
		g.affixes = append(g.affixes, affix{text: text[:len(text)-1], prefix: true, min: max(minLen, len(text)+1), cls: s})
	default:
		g.entry(w).Classes.or(&s)
	}
}

func (g *Grammar) test(irr map[string]Lemma, t Token) Test {
	out := Test{Token: t, Words: t.Word}
	for _, c := range t.Class {
		out.Classes.Add(g.classID[c])
	}
	for _, c := range t.Through {
		out.Through.Add(g.classID[c])
	}
	if len(t.Verb) > 0 {
		out.Lemmas = t.Verb
	} else if len(t.Noun) > 0 {
		out.Lemmas, out.Nouns = t.Noun, true
	}
	for _, f := range t.Forms {
		out.Forms |= 1 << formNames[f]
	}
	for _, a := range t.Any {
		out.Any = append(out.Any, g.test(irr, a))
	}
	// Every form of a lemma the rule names is a known word with its sense.
	for _, l := range out.Lemmas {
		for _, f := range g.Pack.forms(irr, l, out.Nouns) {
			e := g.entry(f.word)
			s := Sense{Lemma: l, Noun: out.Nouns, Form: f.form}
			if !slices.Contains(e.Senses, s) {
				e.Senses = append(e.Senses, s)
			}
		}
	}
	return out
}

// senseOf returns the sense in which the test (or one of its
// alternatives) reads word w with entry e.
func (t *Test) senseOf(e *Entry, w string) (Sense, bool) {
	if s, ok := t.HasSense(e); ok {
		return s, true
	}
	if slices.Contains(t.Words, w) {
		return Sense{Lemma: w, Form: t.wordForm()}, true
	}
	for k := range t.Any {
		if s, ok := t.Any[k].senseOf(e, w); ok {
			return s, true
		}
	}
	return Sense{}, false
}

// SenseOf is senseOf for the matcher.
func (t *Test) SenseOf(e *Entry, w string) (Sense, bool) { return t.senseOf(e, w) }

// wordForm is the form an anchor given by its words has: the first of
// its Forms, else a noun.
func (t *Test) wordForm() Form {
	for f := FormBase; f <= FormPlural; f++ {
		if t.Forms&(1<<f) != 0 {
			return f
		}
	}
	return FormNoun
}

// anchorWords lists the words an anchor test may match.
func (g *Grammar) anchorWords(irr map[string]Lemma, t *Test) []string {
	var out []string
	for k := range t.Any {
		out = append(out, g.anchorWords(irr, &t.Any[k])...)
	}
	out = append(out, t.Words...)
	for _, l := range t.Lemmas {
		for _, f := range g.Pack.forms(irr, l, t.Nouns) {
			if t.Forms == 0 || t.Forms&(1<<f.form) != 0 {
				out = append(out, f.word)
			}
		}
	}
	if !t.Classes.Empty() {
		for w, e := range g.words {
			if e.Classes.Any(&t.Classes) {
				out = append(out, w)
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// Class returns the number of a named class.
func (g *Grammar) Class(name string) (Class, bool) {
	c, ok := g.classID[name]
	return c, ok
}

// Lookup returns the entry of a lower-case word, or nil, and the classes
// its affixes give it ("*n't", "pro-*"), which no entry holds: words with
// affixes are open-ended (names, compounds).
func (g *Grammar) Lookup(w string) (*Entry, Set) {
	e := g.words[w]
	var extra Set
	if len(w) == 0 {
		return e, extra
	}
	for _, k := range g.sufByLast[w[len(w)-1]] {
		if a := &g.affixes[k]; len(w) >= a.min && strings.HasSuffix(w, a.text) {
			extra.or(&a.cls)
		}
	}
	for _, k := range g.preByFirst[w[0]] {
		if a := &g.affixes[k]; len(w) >= a.min && strings.HasPrefix(w, a.text) {
			extra.or(&a.cls)
		}
	}
	return e, extra
}

// Is reports whether the lower-case word w has class c, by its entry or
// its affixes.
func (g *Grammar) Is(w string, c Class) bool {
	e, extra := g.Lookup(w)
	return extra.Has(c) || e != nil && e.Classes.Has(c) || g.Lazy.Has(c) && g.AffixIs(w, c)
}

// AffixIs reports whether an affix of class c fits the word w.
// Only the affixes that end (or start) with the word's last (or first)
// byte can fit, so those are the only ones looked at: this runs for every
// word a rule asks about.
func (g *Grammar) AffixIs(w string, c Class) bool {
	if w == "" {
		return false
	}
	for _, k := range g.allSuf[w[len(w)-1]] {
		if a := &g.affixes[k]; a.cls.Has(c) && len(w) >= a.min && strings.HasSuffix(w, a.text) {
			return true
		}
	}
	for _, k := range g.allPre[w[0]] {
		if a := &g.affixes[k]; a.cls.Has(c) && len(w) >= a.min && strings.HasPrefix(w, a.text) {
			return true
		}
	}
	return false
}

// Affixes returns the classes the affixes give the lower-case word w, as
// Lookup does (affix), and the classes of the lazy ones (lazy): for a
// class in Lazy, c is in lazy or affix exactly when AffixIs(w, c). A
// caller that tests many classes of one word gets them all with one look
// at the affixes instead of asking AffixIs each time.
func (g *Grammar) Affixes(w string) (affix, lazy Set) {
	if len(w) == 0 {
		return affix, lazy
	}
	for _, k := range g.allSuf[w[len(w)-1]] {
		if a := &g.affixes[k]; len(w) >= a.min && strings.HasSuffix(w, a.text) {
			if a.lazy {
				lazy.or(&a.cls)
			} else {
				affix.or(&a.cls)
			}
		}
	}
	for _, k := range g.allPre[w[0]] {
		if a := &g.affixes[k]; len(w) >= a.min && strings.HasPrefix(w, a.text) {
			if a.lazy {
				lazy.or(&a.cls)
			} else {
				affix.or(&a.cls)
			}
		}
	}
	return affix, lazy
}

// Words calls fn with every word the grammar has an entry for: Lookup
// returns a nil entry for any other.
func (g *Grammar) Words(fn func(w string, e *Entry)) {
	for w, e := range g.words {
		fn(w, e)
	}
}

// Dynamic lists the rules anchored on a class that has affixes: they are
// tried on every word with affix classes.
func (g *Grammar) Dynamic() []int32 { return g.dynamic }

// Kind returns the rule's kind, trigger when it gives none.
func (r *Rule) KindOf() string { return r.kind() }

// RawPhrases returns a named phrase list as written.
func (g *Grammar) RawPhrases(name string) []string { return g.Pack.Phrases[name] }

// Phrases returns a named phrase list, each phrase split into words,
// longest first.
func (g *Grammar) Phrases(name string) [][]string { return g.phrases[name] }

// Table returns a named table.
func (g *Grammar) Table(name string) map[string]string { return g.Pack.Tables[name] }

// ClassName returns the name of class c.
func (g *Grammar) ClassName(c Class) string { return g.names[c] }

// RuleByID returns a rule by its id.
func (g *Grammar) RuleByID(id string) (*Compiled, bool) {
	for _, r := range g.Rules {
		if r.ID == id {
			return r, true
		}
	}
	return nil, false
}

// HasSense reports whether a word entry has a sense the test asks for,
// and returns it.
func (t *Test) HasSense(e *Entry) (Sense, bool) {
	if e == nil {
		return Sense{}, false
	}
	for _, s := range e.Senses {
		if s.Noun != t.Nouns || !slices.Contains(t.Lemmas, s.Lemma) {
			continue
		}
		if t.Forms != 0 && t.Forms&(1<<s.Form) == 0 {
			continue
		}
		return s, true
	}
	return Sense{}, false
}

type formWord struct {
	word string
	form Form
}

// forms generates the forms of a verb or noun lemma from the inflection
// rules and the lemma's irregular forms.
func (p *Pack) forms(irr map[string]Lemma, lemma string, noun bool) []formWord {
	l := irr[lemma]
	if noun {
		out := []formWord{{lemma, FormNoun}}
		if l.NoPlural {
			return out
		}
		if len(l.Plural) > 0 {
			for _, w := range l.Plural {
				out = append(out, formWord{w, FormPlural})
			}
			return out
		}
		return append(out, formWord{p.inflect(p.Inflection.Third, lemma, false), FormPlural})
	}
	out := []formWord{{lemma, FormBase}}
	add := func(list []string, gen string, f Form) {
		if len(list) > 0 {
			for _, w := range list {
				out = append(out, formWord{w, f})
			}
			return
		}
		out = append(out, formWord{gen, f})
	}
	add(l.Third, p.inflect(p.Inflection.Third, lemma, false), FormThird)
	if len(l.Past) > 0 {
		add(l.Past, "", FormPart)
		add(l.Part, "", FormPart)
	} else {
		add(nil, p.inflect(p.Inflection.Past, lemma, l.Double), FormPast)
	}
	add(l.Gerund, p.inflect(p.Inflection.Gerund, lemma, l.Double), FormGerund)
	// Unique words; the first form given wins.
	seen := map[string]bool{}
	keep := out[:0]
	for _, f := range out {
		if f.word != "" && !seen[f.word] {
			seen[f.word] = true
			keep = append(keep, f)
		}
	}
	return keep
}

func (p *Pack) inflect(rules []Suffix, w string, double bool) string {
	for _, r := range rules {
		end := ""
		if len(r.Ends) > 0 {
			for _, e := range r.Ends {
				if strings.HasSuffix(w, e) && len(w) > len(e) {
					end = e
					break
				}
			}
			if end == "" {
				continue
			}
			if r.AfterConsonant && strings.ContainsRune(p.Inflection.Vowels, rune(w[len(w)-len(end)-1])) {
				continue
			}
		}
		base := w[:len(w)-min(r.Drop, len(w))]
		if double && r.Drop == 0 && r.Add != "" && strings.ContainsRune(p.Inflection.Vowels, rune(r.Add[0])) {
			base += w[len(w)-1:]
		}
		return base + r.Add
	}
	return w
}

// Forms returns the generated forms of a lemma, for tests and tools.
func (p *Pack) Forms(lemma string, noun bool) []string {
	irr := map[string]Lemma{}
	for _, l := range p.Words {
		irr[l.Lemma] = l
	}
	var out []string
	for _, f := range p.forms(irr, lemma, noun) {
		out = append(out, f.word)
	}
	return out
}
