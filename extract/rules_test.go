package extract

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/knowledge"
	"github.com/triangulate/triangulate/lang"
)

// The tests of this file are generated from the language packs: every
// rule's examples must be read by the rule, and read the same way (the
// paraphrase table: the first example is the twin, the others say it in
// other words), and its counter-examples must not be.

var (
	testPack    *knowledge.Pack
	testPackErr error
)

func rulesPack(t *testing.T) *knowledge.Pack {
	t.Helper()
	if testPack == nil && testPackErr == nil {
		testPack, testPackErr = knowledge.Load()
	}
	if testPackErr != nil {
		t.Fatal(testPackErr)
	}
	return testPack
}

func extractOne(x *Extractor, code, text string) []claim.Claim {
	src := &claim.Source{Name: "rule.txt", Outlet: "Example News", Language: code,
		Published: time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC), Text: text + "\n"}
	return x.Extract(src)
}

// usesRule reports the claim that records rule id, if any.
func usesRule(cs []claim.Claim, id string) (claim.Claim, bool) {
	for _, c := range cs {
		for _, r := range c.Rules {
			if r.Rule == id {
				return c, true
			}
		}
	}
	return claim.Claim{}, false
}

// reading is what a paraphrase must share with its twin.
func reading(c claim.Claim) string {
	var ps, as []string
	for _, p := range c.Places {
		ps = append(ps, strings.ToLower(p.Name)+"/"+string(p.Role))
	}
	for _, a := range c.Actors {
		as = append(as, strings.ToLower(a.Name))
	}
	slices.Sort(ps)
	slices.Sort(as)
	return fmt.Sprintf("%s %s places=%v actors=%v", c.Action, c.Modality, ps, as)
}

func TestRuleExamples(t *testing.T) {
	x := New(rulesPack(t))
	for code, g := range x.langs {
		for _, r := range g.Rules {
			t.Run(code+"/"+r.ID, func(t *testing.T) {
				twin := ""
				for k, ex := range r.Examples {
					cs := extractOne(x, code, ex)
					switch r.KindOf() {
					case lang.KindVeto:
						if len(cs) > 0 {
							t.Errorf("%q: %d claims, want none (%s)", ex, len(cs), reading(cs[0]))
						}
						continue
					}
					c, ok := usesRule(cs, r.ID)
					if !ok {
						var got []string
						for _, c := range cs {
							got = append(got, fmt.Sprintf("%s %v", reading(c), c.Rules))
						}
						t.Errorf("%q: no claim records %s; got %v", ex, r.ID, got)
						continue
					}
					if r.KindOf() == lang.KindTrigger && string(c.Action) != r.Action {
						t.Errorf("%q: action %s, want %s", ex, c.Action, r.Action)
					}
					if k == 0 {
						twin = reading(c)
					} else if got := reading(c); got != twin && twin != "" {
						t.Errorf("%q reads %s, its twin %q reads %s", ex, got, r.Examples[0], twin)
					}
				}
				for _, ex := range r.Counter {
					cs := extractOne(x, code, ex)
					if r.KindOf() == lang.KindVeto {
						if len(cs) == 0 {
							t.Errorf("counter-example %q: no claim, want one", ex)
						}
						continue
					}
					if c, ok := usesRule(cs, r.ID); ok {
						t.Errorf("counter-example %q is read by the rule: %s", ex, reading(c))
					}
				}
			})
		}
	}
}

// Every grammar step the Go code records as a reason is documented by a
// rule of every language pack.
func TestGrammarRulesDocumented(t *testing.T) {
	gs, err := loadGrammars()
	if err != nil {
		t.Fatal(err)
	}
	for code, g := range gs {
		for _, id := range grammarRules {
			if _, ok := g.rules[id]; !ok {
				t.Errorf("%s: no rule documents %s", code, id)
			}
		}
	}
}

// TestParaphrases holds the extractor to the paraphrase table of each
// language pack: every sentence reads as its twin does.
func TestParaphrases(t *testing.T) {
	x := New(rulesPack(t))
	for code, g := range x.langs {
		for _, p := range g.Pack.Paraphrases {
			cs := extractOne(x, code, p.Twin)
			if len(cs) != 1 {
				t.Errorf("%s twin %q: %d claims, want 1", code, p.Twin, len(cs))
				continue
			}
			want := reading(cs[0])
			for _, s := range p.Say {
				got := extractOne(x, code, s)
				if len(got) != 1 {
					t.Errorf("%s %q: %d claims, want 1 (its twin reads %s)", code, s, len(got), want)
					continue
				}
				if r := reading(got[0]); r != want {
					t.Errorf("%s %q reads %s; its twin %q reads %s", code, s, r, p.Twin, want)
				}
			}
		}
	}
}

// Demonyms and peoples have one source, the knowledge packs: a language's
// people_word class holds only the modifiers that name neither.
func TestPeopleWordsNotDemonyms(t *testing.T) {
	kp := rulesPack(t)
	adjectives := map[string]string{}
	for _, p := range kp.Peoples() {
		for _, a := range p.Adjectives {
			adjectives[knowledge.Fold(a)] = p.ID
		}
	}
	x := New(kp)
	for code, g := range x.langs {
		for _, w := range g.Pack.Classes["people_word"].Words {
			if isos, _ := kp.LookupDemonym(w); len(isos) > 0 {
				t.Errorf("%s people_word %q is a demonym of %v in the knowledge pack", code, w, isos)
			}
			if id, ok := adjectives[knowledge.Fold(w)]; ok {
				t.Errorf("%s people_word %q is an adjective of the pack's people %s", code, w, id)
			}
		}
	}
}
