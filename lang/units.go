package lang

import (
	"strings"
	"sync"
)

// UnitFamily returns what a figure's unit counts, as the pack's unit
// vocabulary names it: "personnel" for "Syrian fighters" and "troops",
// "killed" for "soldiers killed" and "deaths", "injured" for "wounded",
// "flights" for "flights per day", "" when the vocabulary has no entry for
// any of its words. A word that says what happened to those counted
// (killed, wounded) decides over the noun counted; otherwise the last noun
// of the vocabulary does. This is the product's one unit vocabulary: the
// extractor records units by it and fusion compares figures by it.
func (p *Pack) UnitFamily(unit string) string {
	words := p.unitWords()
	fields := strings.Fields(strings.ToLower(unit))
	family := ""
	for _, w := range fields {
		w = strings.Trim(w, ".,;:()\"'")
		u, ok := words[w]
		if !ok {
			continue
		}
		if u.outcome {
			return u.family
		}
		if family == "" || u.family != "" {
			family = u.family
		}
	}
	return family
}

type unitWord struct {
	family  string
	outcome bool
}

var unitWordsCache sync.Map // *Pack → map[string]unitWord

func (p *Pack) unitWords() map[string]unitWord {
	if m, ok := unitWordsCache.Load(p); ok {
		return m.(map[string]unitWord)
	}
	irr := map[string]Lemma{}
	for _, l := range p.Words {
		irr[l.Lemma] = l
	}
	m := map[string]unitWord{}
	for _, u := range p.Units {
		for _, n := range u.Nouns {
			for _, f := range p.forms(irr, n, true) {
				m[f.word] = unitWord{family: u.Unit}
			}
		}
		for _, w := range u.Words {
			m[w] = unitWord{family: u.Unit, outcome: u.Outcome}
		}
	}
	unitWordsCache.Store(p, m)
	return m
}
