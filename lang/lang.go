// Package lang holds the language packs the extractor reads text with: for
// each language, its words (lemmas whose inflected forms are generated from
// the pack's inflection rules, not typed form by form), the word classes and
// cue words the extractor's grammar refers to by name (reporting verbs,
// hedges, denials, motion and violence verbs, requests, counts and
// qualifiers, time words, force nouns and their branch), tables that give a
// word a value (a preposition's place role, a month's number), multi-word
// phrases, the unit vocabulary of figures, and the rules: token patterns
// that one matcher runs over the text.
//
// The packs are YAML files embedded in the binary (lang/<code>/*.yaml),
// decoded strictly: an unknown field, a class used but never defined or a
// rule without examples is an error when the pack loads. The Go code that
// uses a pack keeps sentence and clause splitting, spans, coreference and the
// matcher; which words do what is here.
package lang

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"
)

//go:embed en
var embedded embed.FS

// Pack is one language's data as written in its files.
type Pack struct {
	Code       string
	Name       string
	Inflection Inflection
	Words      []Lemma // lemmas with irregular forms or spelling flags
	Classes    map[string]ClassDef
	Tables     map[string]map[string]string
	Phrases    map[string][]string
	Units      []Unit
	Rules      []Rule
	Branches   map[string]string // force noun → branch of a state's forces
	// Paraphrases: sentences that say what their twin says in other
	// words and must be read the same way (tests hold the extractor to it).
	Paraphrases []Paraphrase
}

// Paraphrase is a sentence and others that say the same thing.
type Paraphrase struct {
	Twin string   `yaml:"twin"`
	Say  []string `yaml:"say"`
}

// file is the shape of one YAML file of a pack; every section is optional.
type file struct {
	Language    *struct{ Code, Name string } `yaml:"language"`
	Inflection  *Inflection                  `yaml:"inflection"`
	Words       []Lemma                      `yaml:"words"`
	Classes     map[string]ClassDef          `yaml:"classes"`
	Tables      map[string]map[string]string `yaml:"tables"`
	Phrases     map[string][]string          `yaml:"phrases"`
	Units       []Unit                       `yaml:"units"`
	Rules       []Rule                       `yaml:"rules"`
	Branches    map[string]string            `yaml:"branches"`
	Paraphrases []Paraphrase                 `yaml:"paraphrases"`
}

// Inflection holds the suffix rules that generate a lemma's forms: the
// first rule whose ending matches applies.
type Inflection struct {
	Third  []Suffix `yaml:"third"`  // enters, crosses (also noun plurals)
	Past   []Suffix `yaml:"past"`   // entered, crossed
	Gerund []Suffix `yaml:"gerund"` // entering, crossing
	// Doubling: the consonants a lemma flagged `double` repeats before a
	// vowel suffix (stop → stopped).
	Vowels string `yaml:"vowels"`
}

// Suffix rewrites the end of a lemma: when it ends with one of Ends (any
// ending when Ends is empty) and, if AfterConsonant, the letter before
// that ending is not a vowel, Drop letters are removed and Add appended.
type Suffix struct {
	Ends           []string `yaml:"ends"`
	AfterConsonant bool     `yaml:"after_consonant"`
	Drop           int      `yaml:"drop"`
	Add            string   `yaml:"add"`
}

// Lemma is a word with what its inflection rules cannot guess.
type Lemma struct {
	Lemma  string   `yaml:"lemma"`
	Past   []string `yaml:"past"`   // irregular past tense and participle
	Part   []string `yaml:"part"`   // irregular participle, when it differs from the past
	Third  []string `yaml:"third"`  // irregular third person
	Gerund []string `yaml:"gerund"` // irregular gerund
	Plural []string `yaml:"plural"` // irregular plural
	Double bool     `yaml:"double"` // doubles its last consonant: stopped, stopping
	// NoPlural: a noun without a plural form (personnel, transit).
	NoPlural bool `yaml:"no_plural"`
}

// ClassDef is a word class: words as written, verbs and nouns given by their
// lemma (all forms generated), phrases of several words, and other classes
// whose members it includes.
type ClassDef struct {
	Doc      string   `yaml:"doc"`
	Words    []string `yaml:"words"`
	Verbs    []string `yaml:"verbs"`
	Nouns    []string `yaml:"nouns"`
	Includes []string `yaml:"includes"`
	Tables   []string `yaml:"tables"` // the keys of these tables are members too
	// Forms limits the verbs' and nouns' generated forms to these (base,
	// third, past, part, gerund, noun, plural); empty: all of them.
	Forms Strings `yaml:"forms"`
}

// Unit is one entry of the unit vocabulary: what a figure counts, the nouns
// that name it, and the unit the claim records.
type Unit struct {
	Unit   string   `yaml:"unit"`   // personnel, killed, injured, flights …
	Doc    string   `yaml:"doc"`    // what it counts
	Nouns  []string `yaml:"nouns"`  // lemmas whose forms name it
	Words  []string `yaml:"words"`  // words as written ("dead", "wounded")
	Record string   `yaml:"record"` // the unit the claim records for these words, when not the word itself
	// Outcome: the words say what happened to those counted ("killed",
	// "wounded") and decide the unit over the noun counted.
	Outcome bool `yaml:"outcome"`
}

var (
	loadOnce sync.Once
	packs    map[string]*Pack
	loadErr  error
)

// Load returns the embedded pack of a language by its code ("en"). An empty
// or unknown code gives the default pack, English, and ok=false for an
// unknown one.
func Load(code string) (*Pack, bool, error) {
	loadOnce.Do(func() { packs, loadErr = loadEmbedded(embedded) })
	if loadErr != nil {
		return nil, false, loadErr
	}
	code = strings.ToLower(strings.TrimSpace(code))
	if i := strings.IndexAny(code, "-_"); i > 0 {
		code = code[:i] // en-GB → en
	}
	if p, ok := packs[code]; ok {
		return p, true, nil
	}
	return packs[Default], code == "", nil
}

// Default is the language of texts that do not say theirs.
const Default = "en"

// Codes lists the embedded languages.
func Codes() []string {
	loadOnce.Do(func() { packs, loadErr = loadEmbedded(embedded) })
	out := make([]string, 0, len(packs))
	for c := range packs {
		out = append(out, c)
	}
	slices.Sort(out)
	return out
}

func loadEmbedded(fsys fs.FS) (map[string]*Pack, error) {
	dirs, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, fmt.Errorf("lang: %w", err)
	}
	out := map[string]*Pack{}
	for _, d := range dirs {
		if !d.IsDir() {
			continue
		}
		p, err := LoadFS(fsys, d.Name())
		if err != nil {
			return nil, err
		}
		out[p.Code] = p
	}
	if _, ok := out[Default]; !ok {
		return nil, fmt.Errorf("lang: no %q pack embedded", Default)
	}
	return out, nil
}

// LoadFS reads the pack in directory dir of fsys: every *.yaml file in it
// and its subdirectories, in name order, merged. Decoding is strict.
func LoadFS(fsys fs.FS, dir string) (*Pack, error) {
	p := &Pack{Classes: map[string]ClassDef{}, Tables: map[string]map[string]string{}, Phrases: map[string][]string{}, Branches: map[string]string{}}
	var names []string
	err := fs.WalkDir(fsys, dir, func(n string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && path.Ext(n) == ".yaml" {
			names = append(names, n)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("lang: read %s: %w", dir, err)
	}
	sort.Strings(names)
	for _, n := range names {
		b, err := fs.ReadFile(fsys, n)
		if err != nil {
			return nil, fmt.Errorf("lang: %w", err)
		}
		var f file
		dec := yaml.NewDecoder(bytes.NewReader(b))
		dec.KnownFields(true)
		if err := dec.Decode(&f); err != nil {
			return nil, fmt.Errorf("lang: %s: %w", n, err)
		}
		if err := p.merge(&f, n); err != nil {
			return nil, fmt.Errorf("lang: %s: %w", n, err)
		}
	}
	if p.Code == "" {
		return nil, fmt.Errorf("lang: %s: no file gives the language code", dir)
	}
	if err := p.check(); err != nil {
		return nil, fmt.Errorf("lang: %s: %w", dir, err)
	}
	return p, nil
}

func (p *Pack) merge(f *file, name string) error {
	if f.Language != nil {
		if p.Code != "" {
			return errors.New("language given twice")
		}
		p.Code, p.Name = f.Language.Code, f.Language.Name
	}
	if f.Inflection != nil {
		p.Inflection = *f.Inflection
	}
	p.Words = append(p.Words, f.Words...)
	for k, v := range f.Classes {
		if _, dup := p.Classes[k]; dup {
			return fmt.Errorf("class %q defined twice", k)
		}
		p.Classes[k] = v
	}
	for k, v := range f.Tables {
		if _, dup := p.Tables[k]; dup {
			return fmt.Errorf("table %q defined twice", k)
		}
		p.Tables[k] = v
	}
	for k, v := range f.Phrases {
		if _, dup := p.Phrases[k]; dup {
			return fmt.Errorf("phrase list %q defined twice", k)
		}
		p.Phrases[k] = v
	}
	for k, v := range f.Branches {
		p.Branches[k] = v
	}
	p.Units = append(p.Units, f.Units...)
	p.Paraphrases = append(p.Paraphrases, f.Paraphrases...)
	for _, r := range f.Rules {
		r.File = path.Base(name)
		p.Rules = append(p.Rules, r)
	}
	return nil
}

// check reports what a strict decoder cannot: classes that include or
// rules that use a class no file defines, duplicate rule ids, rules
// without a description or examples.
func (p *Pack) check() error {
	var errs []error
	for name, c := range p.Classes {
		for _, inc := range c.Includes {
			if _, ok := p.Classes[inc]; !ok {
				errs = append(errs, fmt.Errorf("class %q includes undefined class %q", name, inc))
			}
		}
		for _, t := range c.Tables {
			if _, ok := p.Tables[t]; !ok {
				errs = append(errs, fmt.Errorf("class %q takes the keys of undefined table %q", name, t))
			}
		}
		if len(c.Words)+len(c.Verbs)+len(c.Nouns)+len(c.Includes)+len(c.Tables) == 0 {
			errs = append(errs, fmt.Errorf("class %q is empty", name))
		}
	}
	ids := map[string]bool{}
	for _, r := range p.Rules {
		if r.ID == "" {
			errs = append(errs, fmt.Errorf("%s: a rule without an id", r.File))
			continue
		}
		if ids[r.ID] {
			errs = append(errs, fmt.Errorf("rule %s defined twice", r.ID))
		}
		ids[r.ID] = true
		if err := r.check(p); err != nil {
			errs = append(errs, fmt.Errorf("rule %s (%s): %w", r.ID, r.File, err))
		}
	}
	return errors.Join(errs...)
}

// Table returns a named table of word values; a missing table is empty.
func (p *Pack) Table(name string) map[string]string { return p.Tables[name] }
