package extract

import "github.com/triangulate/triangulate/lang"

// The extractor's words are the language pack's (package lang): which words
// trigger which action, which report speech, which head an armed group,
// which count things. This file only maps the pack's readings to the forms
// the grammar of this package reasons with.

// form is the grammatical form of a trigger word.
type form uint8

const (
	fBase form = iota // enter, cross (also plural present)
	f3sg              // enters
	fPast             // entered: past tense or participle
	fVBN              // sent, flown: participle (also past tense for some)
	fVBG              // entering
	fNoun             // deployment, crackdown, flights
)

// trig is the trigger reading of a word.
type trig struct {
	lemma string
	form  form
}

func formOf(f lang.Form) form {
	switch f {
	case lang.FormBase:
		return fBase
	case lang.FormThird:
		return f3sg
	case lang.FormPast:
		return fPast
	case lang.FormPart:
		return fVBN
	case lang.FormGerund:
		return fVBG
	}
	return fNoun
}

// nationality reports a capitalised word of people or place at token i
// (Iraqi, Iranian, Kurdish, Shiite): a demonym the knowledge pack knows, a
// people word of the language, or a word with a demonym's ending.
func (d *doc) nationality(i int) bool {
	if i < 0 || i >= len(d.toks) || !d.toks[i].cap {
		return false
	}
	return d.knownNationality(i) || d.is(i, cDemonymEnding)
}

// knownNationality is nationality without the guess by ending, which
// would take surnames such as Baghaei or al-Sudani for adjectives.
func (d *doc) knownNationality(i int) bool {
	if _, ok := d.demonymAt(i); ok {
		return true
	}
	return d.is(i, cPeopleWord) || d.is(i, cShortDemonym)
}
