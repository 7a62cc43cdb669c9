package fuse

import (
	"regexp"
	"slices"
	"strings"

	"github.com/triangulate/triangulate/claim"
)

// A report often introduces a speaker by what he is before it names him:
// "a senior member of Kenya's navy said …", then "Rear Admiral Jane Doe,
// the commander of the Kenyan navy's coastal fleet, …", then "she said".
// The description and the name are one speaker, so one origin. The rule
// is read within one text and for one carrier only, and only where the
// named person's apposition gives the description's body (its country and
// its organisation word) and no other named speaker of the text fits: an
// analyst could not tell them apart, and counting them twice would make
// one speaker look like two independent ones.

// rankWords say where in a body a speaker stands, not which body: they are
// left out when a description is matched against an apposition.
var rankWords = words("top ranking high senior junior member members officer officers official officials " +
	"figure leading head chief level rank ranked serving former retired s")

// apposition reads the phrase set off by commas right after a name: ",
// the commander of the Kenyan navy's coastal fleet,".
var apposition = regexp.MustCompile(`^,\s+(?:the|a|an)\s+([^,.;:"“”]{3,160})`)

// appositionOf returns the folded words of the phrase in apposition to the
// first mention of who in text, or nil when it has none.
func appositionOf(text, who string) []string {
	if who == "" {
		return nil
	}
	i := strings.Index(text, who)
	if i < 0 {
		return nil
	}
	m := apposition.FindStringSubmatch(text[i+len(who):])
	if m == nil {
		return nil
	}
	return strings.Fields(fold(m[1]))
}

// bodyWords splits a description into the countries it names and the
// words that name its organisation ("top-ranking member of Ethiopia's
// army" → ET, army).
func bodyWords(lex *lexicon, desc []string) (nations map[string]bool, org []string) {
	nations = map[string]bool{}
	for _, w := range desc {
		switch {
		case lex.nationOf(w) != "":
			nations[lex.nationOf(w)] = true
		case rankWords[w] || fillerWords[w] || len(w) <= 2:
		default:
			org = append(org, w)
		}
	}
	return nations, org
}

// describes reports whether a description's body is the one an apposition
// gives: every country it names, and every organisation word.
func describes(lex *lexicon, desc, app []string) bool {
	nations, org := bodyWords(lex, desc)
	if len(org) == 0 {
		return false
	}
	appNations, _ := bodyWords(lex, app)
	for n := range nations {
		if !appNations[n] {
			return false
		}
	}
	for _, w := range org {
		if !slices.Contains(app, w) {
			return false
		}
	}
	return true
}

// describedSpeaker gives a described speaker the key of the one named
// speaker of the same text and carrier whose apposition matches the
// description (the apposition is read where the name, as the attribution
// writes it, first appears in the source's text).
func (o *origins) describedSpeaker(cs []*claim.Claim, lex *lexicon) {
	type cand struct {
		key, who string
		kind     claim.SourceKind
		app      []string
	}
	bySource := map[string][]*claim.Claim{}
	for _, c := range cs {
		bySource[c.Source] = append(bySource[c.Source], c)
	}
	for _, name := range sortedKeys(bySource) {
		group := bySource[name]
		src := o.source(group[0])
		if src == nil || src.Text == "" {
			continue
		}
		named := map[string]map[string]cand{} // carrier → key → candidate
		var described []*mention
		for _, c := range group {
			for _, m := range o.byClaim[c.ID] {
				switch {
				case !m.unnamed:
					if named[m.carrier] == nil {
						named[m.carrier] = map[string]cand{}
					}
					if _, ok := named[m.carrier][m.key]; !ok {
						named[m.carrier][m.key] = cand{m.key, m.who, m.kind, appositionOf(src.Text, m.said)}
					}
				case m.count == 1 && !m.another && m.kind != claim.SpeakerData && m.kind != claim.SpeakerDocument && !sourceWord(m.who):
					described = append(described, m)
				}
			}
		}
		for _, m := range described {
			var fits []cand
			for _, k := range sortedKeys(named[m.carrier]) {
				if c := named[m.carrier][k]; describes(lex, m.desc, c.app) {
					fits = append(fits, c)
				}
			}
			if len(fits) == 1 {
				// The origin is the person the text names: shown by name.
				m.key, m.who, m.kind, m.unnamed = fits[0].key, fits[0].who, fits[0].kind, false
			}
		}
	}
}

// sourceWord reports a speaker described as a source ("a senior military
// source"): a source is kept anonymous on purpose, so it is never taken
// for a person the text names.
func sourceWord(who string) bool {
	for _, w := range strings.Fields(fold(who)) {
		if w == "source" || w == "sources" {
			return true
		}
	}
	return false
}
