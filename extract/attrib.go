package extract

import (
	"strings"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/knowledge"
)

// attrib is the attribution found around one clause, and where the clause's
// content lies once it is removed.
type attrib struct {
	relative  bool                // a relative clause that denies what it refers to ("…, which Baku denied")
	inner     []claim.Attribution // the speaker of "X said that …", innermost first
	outer     []claim.Attribution // "…, according to Y", "…, Y reported"
	cFrom     int                 // content tokens [cFrom, cTo)
	cTo       int
	introFrom int // introductory phrases stripped before the content
	introTo   int
	// tellFrom, tellTo bound the time of the telling ("reported on Sunday
	// that"), which dates the report, not the claim.
	tellFrom, tellTo int
	// hearers counts the links at the end of inner that were told
	// ("… told AP that"): they carry what the speaker says later too.
	hearers  int
	agents   int // the links at the start of inner that a passive's agent gave ("told by X")
	verb     string
	subjFrom int // the speaker phrase, for confirm/deny with a noun object
	subjTo   int
	hedged   bool // claimed, alleged
	denied   bool // denied that …
	npObject bool // "X confirmed the deployment of …": the statement itself is the claim
	count    bool // "X placed the number of fighters at 2,000"
}

func (a *attrib) own() bool { return len(a.inner) > 0 || len(a.outer) > 0 }

// chain returns the links, innermost first.
func (a *attrib) chain() []claim.Attribution {
	out := make([]claim.Attribution, 0, len(a.inner)+len(a.outer))
	out = append(out, a.inner...)
	out = append(out, a.outer...)
	return out
}

// parseAttribution strips introductory phrases and attributions from the
// clause [from, to) and returns them with the content range.
func (x *Extractor) parseAttribution(d *doc, st *state, from, to int) attrib {
	a := attrib{cFrom: from, cTo: to, introFrom: from, introTo: from, subjFrom: -1}
	p := max(from, min(to, d.leadSkip))
	// Leading conjunctions of a split clause.
	for p < to && (d.is(p, cClauseConj) || d.is(p, cAndWord) || d.toks[p].kind == tPunct && !isOpenQuote(runeAt(d, p))) {
		p++
	}
	a.introFrom = p
	// Introductory phrases, at most three ("However, due to …, it was …").
intros:
	for n := 0; n < 3 && p < to; n++ {
		if !d.is(p, cIntro) {
			break
		}
		c := d.nextComma(p+1, min(to, p+22))
		if c < 0 || d.hasFiniteVerb(p, c) || d.is(p, cIntroAt) && d.is(p+1, cLeast) {
			// "However" without a comma is no intro phrase, and neither is
			// "At least 2,400 protesters have been killed since …,".
			break
		}
		switch {
		case d.phraseAt(d.g.according, p, c) > p:
			if links, ok := x.speakerPhrase(d, st, d.phraseAt(d.g.according, p, c), c); ok {
				a.outer = append(a.outer, links...)
			}
		case d.is(p, cCiting):
			if links, ok := x.speakerPhrase(d, st, p+1, c); ok {
				a.outer = append(a.outer, links...)
			}
		default:
			if v := d.firstReportVerb(p+1, c); v > 0 {
				// "As Reuters reported, …": the speaker of the clause.
				if d.is(p, cAsWord) {
					if links, ok := x.speakerPhrase(d, st, p+1, v); ok {
						a.outer = append(a.outer, links...)
						break
					}
				}
				// Any other phrase with a reporting verb ("After X said
				// …,") is not read as an introduction: the clause keeps it.
				break intros
			}
		}
		// "In a statement released over the weekend, …": the time of the
		// telling, not of what is told.
		if a.tellTo == 0 && d.aboutTelling(p, c) {
			a.tellFrom, a.tellTo = p, c+1
		}
		p = c + 1
	}
	a.introTo = p
	a.cFrom = p
	// Trailing attribution: "…, according to X", "…, X said", "…, Reuters reported".
	end := to
	for end > p && d.toks[end-1].kind == tPunct && !isCloseQuote(runeAt(d, end-1)) {
		end--
	}
	a.cTo = end
	for n := 0; n < 2; n++ {
		c, links, ok := x.suffixAttribution(d, st, a.cFrom, a.cTo)
		if !ok {
			break
		}
		// The outer speaker comes last: "X said …, Reuters reported" and
		// "…, Reuters reported, citing X" both give X then Reuters.
		if n == 1 && len(a.outer) > 0 && !d.is(c+1, cCiting) {
			a.outer = append(links, a.outer...)
		} else if d.is(c+1, cCiting) {
			a.inner = append(a.inner, links...)
		} else {
			a.outer = append(links, a.outer...)
		}
		a.cTo = c
	}
	// Leading speaker: "X said (that) …", "X told Y that …", "Y cited X as saying …".
	mark := len(st.speakers)
	subj := a.cFrom
	if !x.relativeDenier(d, st, &a) {
		x.prefixAttribution(d, st, &a)
		x.nestedAttribution(d, st, &a)
	}
	// Speakers introduced here are reported through the outer links too:
	// "The Iraqi security source" later means the one "cited by CNN".
	for k := mark; k < len(st.speakers); k++ {
		if a.hearers > 0 {
			// "Two officials told AP …": later "the officials" spoke to AP too.
			st.speakers[k].chain = appendNew(st.speakers[k].chain, a.inner[len(a.inner)-a.hearers:]...)
		}
		st.speakers[k].chain = appendNew(st.speakers[k].chain, a.outer...)
	}
	// The medium a reporting verb names: "X tweeted that …".
	if len(a.inner) > 0 && a.verb != "" {
		for k := subj; k < a.cFrom; k++ {
			if d.w(k) == a.verb {
				x.platformVerb(d, &a, k)
				break
			}
		}
	}
	// The medium of a statement: "in a post on the social media platform X".
	if len(a.inner) > 0 {
		for k := subj; k < a.cTo; k++ {
			m, ok := d.mentionAt(k)
			if !ok || m.ti != k || m.kind != knowledge.SpeakerMatch || x.pack == nil {
				continue
			}
			sp, ok := x.pack.Speaker(m.id)
			if !ok || sp.Kind != claim.SpeakerSocial {
				continue
			}
			if d.is(k-1, cPlatformLead) {
				link := claim.Attribution{Who: sp.Name, Kind: sp.Kind, Span: d.span(m.ti, m.tj)}
				a.inner = append(a.inner[:1], append([]claim.Attribution{link}, a.inner[1:]...)...)
				break
			}
		}
	}
	// A clause that opens with an introductory phrase after the speaker:
	// "… added that in addition to Khosravi, some PMF militants …".
	if a.cFrom > a.introTo {
		q := a.cFrom
		if d.is(q, cIntro) && !d.isDateLike(q) {
			if c := d.nextComma(q+1, min(a.cTo, q+12)); c > 0 && !d.hasReportVerb(q, c) && !d.is(q, cSinceWord) {
				a.cFrom = c + 1
			}
		}
	}
	return a
}

// hasFiniteVerb reports an auxiliary or a finite trigger verb in [i, j).
func (d *doc) hasFiniteVerb(i, j int) bool {
	for k := i; k < j; k++ {
		if d.is(k, cAuxiliary) && !d.is(k, cGerundEnding) || d.is(k, cModal) {
			return true
		}
		if t, ok := d.trig(k); ok && (t.form == fPast || t.form == f3sg) && k > i && !d.is(k-1, cDeterminer) {
			return true
		}
	}
	return false
}

func runeAt(d *doc, i int) rune {
	r, _ := decode(d.text, d.toks[i].s)
	return r
}

// nextComma finds the first comma in [i, j), or -1.
func (d *doc) nextComma(i, j int) int {
	for k := i; k < j && k < len(d.toks); k++ {
		if d.isComma(k) {
			return k
		}
	}
	return -1
}

// firstReportVerb returns the first reporting verb in [i, j), or -1.
func (d *doc) firstReportVerb(i, j int) int {
	for k := i; k < j; k++ {
		if d.is(k, cReportVerb) {
			return k
		}
	}
	return -1
}

func (d *doc) hasReportVerb(i, j int) bool {
	for k := i; k < j; k++ {
		if d.is(k, cReportVerb) {
			return true
		}
	}
	return false
}

func (d *doc) isDateLike(i int) bool {
	if i+1 >= len(d.toks) {
		return false
	}
	return d.isMonthAt(i + 1)
}

// suffixAttribution looks for an attribution at the end of [from, to),
// after a comma, and returns the comma's index and the links. A
// parenthetical attribution inside the clause (", two security sources
// said on Monday, as clashes …") counts too: the claim is what precedes it.
func (x *Extractor) suffixAttribution(d *doc, st *state, from, to int) (int, []claim.Attribution, bool) {
	for c := to - 2; c > from && c > to-80; c-- {
		if !d.isComma(c) && !(d.isDash(c) && d.toks[c].s > d.toks[c-1].e) {
			continue
		}
		s := c + 1
		// "… nonsense,” said Khikmet Gadzhiev": the quote closes after
		// the comma.
		for s < to-1 && d.toks[s].kind == tPunct && isCloseQuote(runeAt(d, s)) {
			s++
		}
		if to-s <= 25 {
			if links, ok := x.tailAttribution(d, st, s, to); ok {
				return c, links, true
			}
		}
		// A comma-set phrase before a reporting verb ("A CNN report,
		// citing two officials, says that …") is an interjection in the
		// speaker's phrase, not a parenthetical attribution.
		if e := d.nextComma(s, to); e > s && e < to-1 && e-s <= 16 && d.hasTrigger(from, c) && !d.is(e+1, cReportVerb) {
			if links, ok := x.tailAttribution(d, st, s, e); ok {
				return c, links, true
			}
		}
	}
	return 0, nil, false
}

// tailAttribution reads an attribution filling [s, to): "according to X",
// "citing X", "said X", "X said", "X told CNN", "Reuters reported".
func (x *Extractor) tailAttribution(d *doc, st *state, s, to int) ([]claim.Attribution, bool) {
	switch {
	case d.phraseAt(d.g.according, s, to) > s:
		return x.speakerPhrase(d, st, d.phraseAt(d.g.according, s, to), to)
	case d.is(s, cWireLead) && !d.toks[s].cap:
		// "…, per a US-based rights group" (wire and list style).
		return x.speakerPhrase(d, st, s+1, to)
	case d.is(s, cCiting):
		// "A CNN report, citing two officials, says that …": the citing
		// phrase is an interjection in the speaker's phrase, not a tail.
		if e := d.nextComma(s+1, to); e > 0 && d.is(e+1, cReportVerb) {
			return nil, false
		}
		return x.speakerPhrase(d, st, s+1, to)
	case d.is(s, cReportVerb) && !d.is(s, cDenyVerb) && !d.is(s+1, cThatWord):
		// Inverted: "…, said Ali Hassan, a spokesman". A speaker whose
		// first word is also a reporting verb ("state media said",
		// "report says") is read below when this reading fails.
		if links, ok := x.speakerPhrase(d, st, s+1, to); ok {
			return links, true
		}
	case s+3 < to+1 && d.is(s, cAsWord) && (d.is(s+1, cReportVerb) || d.is(s+1, cCiteVerb)) && d.is(s+2, cByWord):
		// "…, as cited by Armenpress", "…, as reported by Reuters".
		if links, ok := x.hearer(d, st, s+3, to); ok {
			return links, true
		}
		return x.speakerPhrase(d, st, s+3, to)
	}
	// "…, in a video seen by AFP", "…, in documents obtained by Reuters":
	// the outlet that saw the record carries the claim.
	for k := s + 1; k+2 < to && k < s+8; k++ {
		if d.is(k, cViaVerb) && d.is(k+1, cByWord) && d.is(s, cHearerPrep) && !d.hasTrigger(s, k) && !d.hasFiniteVerb(s, k) {
			if h, ok := x.hearer(d, st, k+2, to); ok {
				return h, true
			}
			break
		}
	}
	for v := s + 1; v < to && v < s+14; v++ {
		if !d.is(v, cReportVerb) || d.toks[v].cap {
			continue
		}
		npEnd := v
		for npEnd > s && (d.is(npEnd-1, cAdverb) || d.is(npEnd-1, cAuxiliary)) {
			npEnd--
		}
		tail := v + 1
		// hearer: "told CNN", "confirmed to The Amargi", "said in a statement"
		if tail < to && d.is(tail, cHearerPrep) {
			tail++
		}
		// "…, a spokesperson told Reuters on Thursday, despite denials by
		// both countries": a comma-set phrase after the hearer with no verb
		// of its own qualifies the telling; the hearer ends at its comma.
		end := to
		if e := d.nextComma(tail, to); e > tail && !d.hasFiniteVerb(e+1, to) && !d.hasReportVerb(e+1, to) {
			end = e
		}
		if end-tail > 8 || d.hasTrigger(tail, end) {
			return nil, false
		}
		links, ok := x.speakerPhrase(d, st, s, npEnd)
		if !ok && d.is(v, cPublishVerb) {
			// "…, Hawar reported", "…, Spuntik Turkish reported": a name
			// the pack does not know that publishes is an outlet.
			links, ok = unknownOutlet(d, s, npEnd)
		}
		if !ok {
			// "…, Russian state media reported": "state" is a reporting
			// verb too; the phrase may end at a later one.
			continue
		}
		if h, ok := x.hearer(d, st, v+1, end); ok {
			links = append(links, h...)
		}
		return links, true
	}
	return nil, false
}

// hasTrigger reports whether [i, j) holds a word of the trigger lexicon.
func (d *doc) hasTrigger(i, j int) bool {
	for k := i; k < j; k++ {
		if _, ok := d.trig(k); ok {
			return true
		}
	}
	return false
}

// hearer reads who was told: "CNN", "to The Amargi", "in a post on X".
func (x *Extractor) hearer(d *doc, st *state, i, j int) ([]claim.Attribution, bool) {
	if i < j && d.is(i, cToWord) {
		i++
	}
	var out []claim.Attribution
	for k := i; k < j; k++ {
		m, ok := d.mentionAt(k)
		if !ok || m.ti != k || m.kind != knowledge.SpeakerMatch || m.compound {
			continue
		}
		if sp, ok := x.pack.Speaker(m.id); ok {
			out = append(out, claim.Attribution{Who: sp.Name, Kind: sp.Kind, Span: d.span(m.ti, m.tj)})
		}
		k = m.tj - 1
	}
	if len(out) == 0 && i+1 < j && d.is(i, cTheWord) && !d.toks[i].cap && d.toks[i+1].cap {
		i++ // "told the Sudan Tribune"
	}
	if len(out) == 0 && i < j && d.toks[i].cap {
		// An outlet the pack does not know: the capitalised run.
		k := i
		for k < j && d.toks[k].kind == tWord && (d.toks[k].cap || d.is(k, cOfWord)) {
			k++
		}
		// "told Russian media": a lower-case word naming news media ends
		// the name.
		if k < j && k > i && d.is(k, cOutletWord) && !d.toks[k].cap {
			k++
		}
		if k > i && k-i <= 5 {
			out = append(out, claim.Attribution{Who: d.text[d.toks[i].s:d.toks[k-1].e], Kind: claim.SpeakerOutlet, Span: d.span(i, k)})
		}
	}
	return out, len(out) > 0
}

// hearerEnd returns the end of a hearer named at i, before j: a speaker of
// the pack ("the BBC") or a capitalised run, as hearer reads them; or i.
func (d *doc) hearerEnd(i, j int) int {
	k := i
	if k+1 < j && d.is(k, cTheWord) && d.toks[k+1].cap {
		k++
	}
	if m, ok := d.mentionAt(k); ok && m.ti == k && m.kind == knowledge.SpeakerMatch && !m.compound && m.tj <= j {
		return m.tj
	}
	if k >= j || !d.toks[k].cap || d.toks[k].kind != tWord {
		return i
	}
	e := k
	for e < j && d.toks[e].kind == tWord && (d.toks[e].cap || d.is(e, cOfWord)) {
		e++
	}
	if e < j && d.is(e, cOutletWord) && !d.toks[e].cap {
		e++
	}
	if e-k > 5 {
		return i
	}
	return e
}

// prefixAttribution reads "X said (that) …" at the start of the content.
func (x *Extractor) prefixAttribution(d *doc, st *state, a *attrib) {
	p, to := a.cFrom, a.cTo
	limit := min(to, p+30)
	for v := p + 1; v < limit; v++ {
		// "called the reports lies", "described the claims as baseless": a
		// denial, though these verbs do not report speech.
		if w := d.w(v); d.is(v, cLabelVerb) && !d.toks[v].cap && d.falsity(v+1, to) {
			if links, ok := x.speakerPhrase(d, st, p, v); ok {
				a.inner = append(a.inner, links...)
				a.verb, a.npObject, a.denied = w, true, true
				a.subjFrom, a.subjTo = p, v
				a.cFrom = p
				return
			}
		}
		if !d.known(v) && d.toks[v].kind == tWord {
			continue
		}
		w := d.w(v)
		// ", who spoke on condition of anonymity," is an interjection in
		// the speaker's phrase; read on after it.
		if d.is(v, cInterjectionRelative) && d.isComma(v-1) {
			if c := d.nextComma(v+1, limit); c > v {
				v = c
				continue
			}
		}
		if d.is(v, cSpeechStop) || d.punct(v, ';') || d.punct(v, ':') {
			return
		}
		// "journalist Lindsey Snell published a photo that showed …",
		// "Armenian forces released footage that allegedly shows …": who
		// put the images out tells what they show.
		if d.is(v, cReleaseVerb) && !d.toks[v].cap {
			if e, hedged := d.mediaShows(v+1, to); e > 0 {
				npEnd := v
				for npEnd > p && (d.is(npEnd-1, cAdverb) || d.is(npEnd-1, cAuxiliary)) {
					npEnd--
				}
				if links, ok := x.speakerPhrase(d, st, p, npEnd); ok {
					a.inner = append(a.inner, links...)
					a.verb, a.hedged, a.cFrom = w, hedged, e
					return
				}
			}
		}
		if t, ok := d.trig(v); ok && !d.is(v, cReportVerb) {
			// A claim verb comes before any reporting verb: no prefix speaker.
			if t.form != fNoun {
				return
			}
		}
		// A count verb reports only a figure ("gave figures of"): the case
		// below checks its object.
		if !d.is(v, cReportVerb) && !d.is(v, cCountVerb) && !((d.is(v, cThatReportVerb) || d.is(v, cItReport)) && d.is(v+1, cThatWord)) || d.toks[v].cap {
			continue
		}
		if d.is(v-1, cToWord) || d.is(v-1, cBeBase) || d.is(v-1, cBeenWord) && !d.is(v, cToldInformed) {
			continue
		}
		// "Other units are believed to have been involved", "is said to
		// have crossed", "were reported killed": a passive hedge, its
		// subject is no speaker.
		if d.is(v-1, cBe) && d.is(v+1, cToWord) {
			continue
		}
		if _, ok := d.trig(v + 1); ok && d.is(v-1, cBe) && !d.toks[v+1].cap {
			continue
		}
		// "A CNN report, citing two officials, says …", "the report said":
		// a reporting word that is also a noun, after a determiner and names
		// is a noun, the head of the speaker's phrase.
		if d.reportNoun(p, v) {
			continue
		}
		// "intelligence reports had established that …", "claims have
		// emerged": a reporting word right before an auxiliary is a noun.
		if v+1 < to && d.is(v+1, cAuxiliary) && !d.is(v+1, cBeenWord) {
			continue
		}
		npEnd := v
		for npEnd > p && (d.is(npEnd-1, cAdverb) || d.is(npEnd-1, cAuxiliary) || d.is(npEnd-1, cModal)) {
			npEnd--
		}
		// "Several factions on Wednesday denied …": the day is not the speaker.
		if k := d.trailingTime(p, npEnd); k < npEnd {
			a.tellFrom, a.tellTo = k, npEnd
			npEnd = k
		}
		if npEnd <= p {
			return
		}
		// "It is reported that …", "it was claimed that …": a report with no
		// one behind it, hedged.
		if npEnd == p+1 && d.is(p, cItWord) && v > p+1 && d.is(v, cItReport) && d.is(v+1, cThatWord) {
			a.verb, a.hedged, a.cFrom = w, true, v+2
			return
		}
		// "Two officials, speaking on condition of anonymity, said …",
		// "Rudaw, a Kurdish outlet, reported …": the speaker is the phrase
		// before an interjection set off by commas.
		// An interjection that names members ("several outlets, including
		// CNN, reported") is part of who spoke and stays.
		anonymous := false
		var cited []claim.Attribution // "The New York Times, citing two officials, reported"
		interFrom, interTo := -1, -1  // the interjection's commas
		if npEnd-1 > p && d.isComma(npEnd-1) {
			for c := p + 1; c < npEnd-1; c++ {
				if d.isComma(c) {
					if d.is(c+1, cInterjectionList) {
						break
					}
					if d.is(c+1, cCiting) {
						from := c + 2
						if d.is(from, cToWord) {
							from++ // "referring to two officials"
						}
						if links, ok := x.speakerPhrase(d, st, from, npEnd-1); ok {
							cited = links
						}
					}
					anonymous = d.anonymity(c+1, npEnd-1)
					interFrom, interTo = c, npEnd
					npEnd = c
					break
				}
			}
		}
		// "neither … nor … officials have confirmed", "have not said": no one spoke.
		for k := p; k < v; k++ {
			if k >= interFrom && k < interTo {
				continue // inside an interjection: "who was not authorised to speak"
			}
			if d.is(k, cNoSpeaker) {
				return
			}
		}
		j := v + 1
		var hearers, agent []claim.Attribution
		count := false
		switch {
		case d.is(v, cTellVerb) && d.is(j, cByWord) && d.is(v-1, cBe):
			// "they had been told by their commanders (that) …": the agent
			// told the subject, who tells the outlet.
			k := j + 1
			for k < to && !d.is(k, cThatWord) && !d.isComma(k) && k < j+9 && !(k > j+1 && d.is(k, cPronounSubject)) {
				k++
			}
			// The agent is no speaker a later description takes up ("The
			// other fighter" is not "their commanders").
			mark := len(st.speakers)
			if links, ok := x.speakerPhrase(d, st, j+1, k); ok {
				agent = links
			} else if links, ok := x.citedPhrase(d, st, j+1, k); ok {
				agent = links
			}
			st.speakers = st.speakers[:mark]
			j = k
		case d.is(v, cTellVerb) && d.is(v-1, cBe):
			// "he had been told nearly 1,000 Syrians were …": the subject
			// is the hearer; what was told follows.
		case d.is(v, cTellVerb):
			k := j
			for k < to && !d.is(k, cThatWord) && !d.isComma(k) && k < j+6 {
				k++
			}
			if k >= to || !d.is(k, cThatWord) && !d.isComma(k) {
				// "told Reuters they had been sent to Libya": without
				// "that", what was told starts after the hearer's name.
				if e := d.hearerEnd(j, k); e > j {
					k = e
				}
			}
			if h, ok := x.hearer(d, st, j, k); ok {
				hearers = h
			}
			j = k
		case d.is(v, cCiteVerb):
			// "Reuters earlier cited three sources, including …, as saying that …"
			k := j
			for k+1 < to && !(d.is(k, cAsWord) && d.is(k+1, cSaying)) && k < j+20 {
				k++
			}
			if k+1 >= to || !d.is(k, cAsWord) {
				return
			}
			mark := len(st.speakers)
			inner, ok := x.speakerPhrase(d, st, j, k)
			if !ok {
				// "quoted Vardan Toganyan, Armenia's ambassador to Russia, as
				// saying": the name before the apposition; "cited several
				// volunteers in Idlib as saying": the words as written.
				inner, ok = x.citedPhrase(d, st, j, k)
			}
			if !ok {
				return
			}
			innerEnd := len(st.speakers)
			outer, ok := x.speakerPhrase(d, st, p, npEnd)
			if !ok {
				outer, ok = x.citedPhrase(d, st, p, npEnd)
			}
			if !ok {
				return
			}
			for q := mark; q < innerEnd; q++ {
				st.speakers[q].chain = appendNew(st.speakers[q].chain, outer...)
			}
			a.inner = append(append(a.inner, inner...), outer...)
			j = k + 2
			if j < to && d.is(j, cThatWord) {
				j++
			}
			a.verb = w
			a.cFrom = j
			return
		case d.is(v, cCountVerb):
			// "placed the number at", "gave figures of", "put the toll at".
			k := j
			if d.is(k, cDeterminer) {
				k++
			}
			if !d.is(k, cReportNounLead) {
				continue
			}
			count = true
		}
		if j < to && (d.is(j, cToWord) || (d.is(j, cOnWord) && d.is(v, cReportedWord))) {
			if h, ok := x.hearer(d, st, j, min(to, j+5)); ok && !d.is(v, cReportedWord) {
				hearers = h
				k := j + 1
				for k < to && d.toks[k].kind == tWord && (d.toks[k].cap || d.is(k, cTheWord)) {
					k++
				}
				j = k
			} else if d.is(j, cOnWord) {
				j++
			}
		}
		// "wrote on X that", "said on Telegram that": the platform is a link
		// of the chain (added below, in parseAttribution), not the content.
		if j+1 < to && d.is(j, cOnWord) && x.pack != nil {
			if m, ok := d.mentionAt(j + 1); ok && m.ti == j+1 && m.kind == knowledge.SpeakerMatch {
				if sp, ok := x.pack.Speaker(m.id); ok && sp.Kind == claim.SpeakerSocial {
					j = m.tj // the medium code in parseAttribution adds the link
				}
			}
		}
		// "reported on Sunday that", "said late on Monday that": the day of
		// the telling is not part of what was told.
		if k := d.tellingTime(j, to); k > j {
			a.tellFrom, a.tellTo = j, k
			j = k
		}
		if j < to && (d.is(j, cInWord) && d.is(j+1, cAWord) || d.is(j, cConcernNoun)) {
			// "said in a statement that", "expressed concern during a
			// briefing on Thursday that"
			k := j
			for k < to && !d.is(k, cThatWord) && !d.isComma(k) && k < j+8 {
				k++
			}
			if k < to && d.is(k, cThatWord) {
				j = k
			}
		}
		npObject := false
		deny, confirm := d.is(v, cDenyVerb), d.is(v, cConfirmVerb)
		// "denied reports that …", "confirmed claims that …": what follows
		// "that" is what is denied or confirmed.
		if (deny || confirm) && j+1 < to {
			k := j
			if d.is(k, cDefiniteLead) {
				k++
			}
			if d.is(k, cReportObject) && d.is(k+1, cThatWord) {
				j = k + 1
			}
		}
		if j < to && d.is(j, cThatWord) {
			j++
		} else if j < to && d.punct(j, ':') {
			j++
		} else if confirm || deny {
			npObject = true
		}
		// "said the reports were completely false": what was said is a denial.
		falsity := !npObject && !deny && d.falsity(j, to)
		if falsity {
			npObject = true
		}
		if j >= to {
			if !d.punct(to, ':') {
				return
			}
			links, ok := x.speakerPhrase(d, st, p, npEnd)
			if !ok {
				return
			}
			links = append(append([]claim.Attribution{}, links...), hearers...)
			// "Tobias Ellwood, Minister for the Middle East, said:" ending the
			// paragraph: the paragraphs after it are what he said.
			if to+1 >= len(d.toks)-1 {
				st.quoteChain, st.quoteParas = links, 3
				return
			}
			// "The spokesman said: “…”": the clause after the colon is
			// what he said.
			a.inner = append(a.inner, links...)
			a.verb = w
			a.cFrom = to
			return
		}
		// "When fighting escalated into a war, both local and international
		// media reported …": an introductory clause with its own verb
		// before a comma is no part of the speaker.
		sp := p
		for c := npEnd - 1; c > p && d.is(p, cIntro); c-- {
			if d.isComma(c) {
				if d.hasFiniteVerb(p, c) {
					sp = c + 1
				}
				break
			}
		}
		links, ok := x.speakerPhrase(d, st, sp, npEnd)
		if !ok && (deny || confirm) && d.firstPerson(p, npEnd) {
			// "“We strongly deny this”": the speaker of the quote denies;
			// who that is, the clause's chain says (the sentence's or the
			// paragraph's speaker).
			a.verb = w
			a.npObject, a.denied = npObject, deny || falsity
			a.subjFrom, a.subjTo = p, npEnd
			a.cFrom = p
			if !npObject {
				a.cFrom = j
			}
			return
		}
		if len(agent) > 0 && npEnd == sp+1 && d.is(sp, cPronounSubject) {
			// "… said they had been told by their commanders that …": the
			// pronoun is the hearer, whom the outer clause names.
			links, ok = []claim.Attribution{}, true
		}
		if !ok {
			continue
		}
		// Only data and documents "show".
		if d.is(v, cShowVerb) && len(links) > 0 && links[0].Kind != claim.SpeakerData && links[0].Kind != claim.SpeakerDocument && links[0].Kind != claim.SpeakerSocial {
			return
		}
		if anonymous && len(links) > 0 {
			links[0].Kind = claim.SpeakerAnonymous
		}
		links = append(append(agent, cited...), links...)
		a.agents = len(agent)
		a.inner = append(append(a.inner, links...), hearers...)
		a.hearers = len(hearers)
		a.verb = w
		a.hedged = d.is(v, cHedgeVerb)
		// "Footage … purportedly shows", "the source reportedly said".
		for k := npEnd; k < v; k++ {
			if d.is(k, cHedgeAdverb) {
				a.hedged = true
			}
		}
		a.count = count
		if npObject {
			a.npObject = true
			a.subjFrom, a.subjTo = p, npEnd
			if deny || falsity {
				a.denied = true
			}
			a.cFrom = p
			return
		}
		if deny {
			a.denied = true
		}
		if count {
			a.subjFrom, a.subjTo = p, npEnd
			a.cFrom = p
			return
		}
		a.cFrom = j
		return
	}
}

// speakerPhrase reads a phrase naming who speaks ("two Iraqi sources", "a
// European military source and an Iraqi security source cited by CNN",
// "Data from Flightradar24", "the sources") and returns the chain of links
// it gives, innermost first. Definite descriptions resolve to the speaker
// they refer back to, with that speaker's own chain.
// citedPhrase reads who is cited in [i, j) when speakerPhrase cannot: the
// phrase before an apposition, else the words as written, anonymous when
// they describe rather than name.
func (x *Extractor) citedPhrase(d *doc, st *state, i, j int) ([]claim.Attribution, bool) {
	for c := i + 1; c < j; c++ {
		if d.isComma(c) {
			if links, ok := x.speakerPhrase(d, st, i, c); ok {
				// "Armenia's ambassador to Russia": a later "the
				// ambassador" is the person named.
				for r := c + 1; r < j; r++ {
					if d.is(r, cPersonRole) || d.is(r, cTitle) {
						st.speakers = append(st.speakers, speakerEnt{words: contentWords(d, r, r+1), head: d.w(r), chain: append([]claim.Attribution{}, links...), person: true})
						break
					}
				}
				return links, true
			}
			j = c
			break
		}
	}
	for j > i && d.toks[j-1].kind == tPunct {
		j--
	}
	if j <= i || j-i > 12 {
		return nil, false
	}
	kind := claim.SpeakerAnonymous
	switch {
	case d.is(j-1, cOutletWord):
		kind = claim.SpeakerOutlet
	case d.toks[i].cap && !d.is(i, cTheA) && !d.is(i, cDeterminer):
		kind = claim.SpeakerNamed
	}
	if kind == claim.SpeakerOutlet {
		// "The Interfax and RIA news agencies": two outlets, each named by
		// its capitalised words.
		var out []claim.Attribution
		k := i
		for k < j {
			for k < j && !d.toks[k].cap {
				k++
			}
			e := k
			for e < j && d.toks[e].cap && !d.is(e, cTheA) {
				e++
			}
			if e > k {
				sp := d.span(k, e)
				out = append(out, claim.Attribution{Who: d.text[sp.Start:sp.End], Kind: kind, Span: sp})
			}
			k = max(e, k+1)
		}
		if len(out) > 1 && d.hasClass(i, j, cAndWord) {
			return out, true
		}
	}
	sp := d.span(i, j)
	return []claim.Attribution{{Who: d.text[sp.Start:sp.End], Kind: kind, Span: sp}}, true
}

func (x *Extractor) speakerPhrase(d *doc, st *state, i, j int) ([]claim.Attribution, bool) {
	for i < j && d.toks[i].kind == tPunct {
		i++
	}
	for j > i && d.toks[j-1].kind == tPunct {
		j--
	}
	if j <= i || j-i > 20 {
		return nil, false
	}
	// Via: "… cited by CNN", "… reviewed by CNN", "… speaking to The Amargi".
	core := j
	var via []claim.Attribution
	for k := i + 1; k+1 < j; k++ {
		if d.is(k+1, cByWord) && d.is(k, cViaVerb) || d.is(k+1, cToWord) && d.is(k, cSpeakingTo) {
			e := k + 2
			for e < j && !d.isComma(e) {
				e++
			}
			if h, ok := x.hearer(d, st, k+2, e); ok {
				via = h
			}
			core = k
			break
		}
	}
	// Nested: "three sources, including a senior Iranian official".
	nestFrom, nestTo := -1, -1
	for k := i + 1; k < core; k++ {
		if d.isComma(k) && d.is(k+1, cIncluding) {
			nestFrom = k + 2
			nestTo = core
			for e := nestFrom; e < core; e++ {
				if d.isComma(e) {
					nestTo = e
					break
				}
			}
			core = k
			break
		}
		if d.is(k, cIncluding) && nestFrom < 0 {
			nestFrom, nestTo = k+1, core
			core = k
			break
		}
	}
	for core > i && d.toks[core-1].kind == tPunct {
		core--
	}
	// Coordination: "a European military source and an Iraqi security source".
	var parts [][2]int
	start := i
	for k := i + 1; k < core; k++ {
		if m, ok := d.mentionAt(k); ok && m.ti < k {
			continue // inside a name: "Iraqi Observatory for Rights and Freedom"
		}
		if d.is(k, cAndWord) || (d.isComma(k) && k+1 < core && !d.is(k+1, cAndWord)) {
			if x.looksLikeSpeaker(d, st, start, k) && x.looksLikeSpeaker(d, st, k+1, core) {
				parts = append(parts, [2]int{start, k})
				start = k + 1
			}
		}
	}
	parts = append(parts, [2]int{start, core})
	var out []claim.Attribution
	var nested []claim.Attribution
	if nestFrom >= 0 && nestTo > nestFrom {
		if l, ent, ok := x.resolveSpeaker(d, st, nestFrom, nestTo); ok {
			nested = l
			ent.chain = append(append([]claim.Attribution{}, l...), via...)
			if len(l) == 1 {
				st.speakers = append(st.speakers, ent)
			}
		}
	}
	for _, pt := range parts {
		links, ent, ok := x.resolveSpeaker(d, st, pt[0], pt[1])
		if !ok {
			// "several media outlets, including CNN": the named one speaks.
			if len(nested) > 0 {
				out = append(out, nested...)
				continue
			}
			return nil, false
		}
		if len(links) == 1 && links[0].Kind == claim.SpeakerOutlet && len(nested) > 0 && nested[0].Kind == claim.SpeakerOutlet && !d.is(pt[0], cTheWord) && !d.toks[pt[0]].cap {
			// "media outlets, including CNN": the generic phrase yields to the named outlet.
			out = append(out, nested...)
			continue
		}
		out = append(out, links...)
		if ent.head != "" {
			ent.chain = append(append([]claim.Attribution{}, links...), via...)
			st.speakers = append(st.speakers, ent)
		}
	}
	if len(out) == 0 {
		return nil, false
	}
	return append(out, via...), true
}

// looksLikeSpeaker is a cheap test used to split coordinated speakers.
func (x *Extractor) looksLikeSpeaker(d *doc, st *state, i, j int) bool {
	if j <= i {
		return false
	}
	for k := i; k < j; k++ {
		if m, ok := d.mentionAt(k); ok && m.kind == knowledge.SpeakerMatch && m.ti >= i && m.tj <= j {
			return true
		}
	}
	if m, ok := d.mentionAt(i); ok && m.ti == i && m.tj == j && m.kind == knowledge.PlaceMatch {
		if _, ok := x.stateOf(d, m); ok {
			return true
		}
	}
	_, _, ok := x.headAt(d, i, j)
	return ok
}

// headAt finds the longest speaker pattern ending the phrase [i, j) (or
// ending just before "familiar with …" and similar). It returns where the
// pattern starts and its kind.
func (x *Extractor) headAt(d *doc, i, j int) (int, claim.SourceKind, bool) {
	end := j
	for k := i + 1; k < j; k++ {
		if d.is(k, cHeadEnd) {
			end = k
			break
		}
	}
	if end <= i {
		return 0, "", false
	}
	// "people with knowledge of the matter": the head runs to "knowledge".
	if end+1 < j && d.is(end, cWithWord) && d.is(end+1, cKnowledgeWord) {
		end += 2
	}
	last := d.w(end - 1)
	if k := strings.LastIndexByte(last, '-'); k >= 0 {
		last = last[k+1:]
	}
	for _, h := range x.byLast[last] {
		n := len(h.words)
		s := end - n
		if s < i {
			continue
		}
		ok := true
		for q, w := range h.words {
			tw := d.w(s + q)
			if tw != w && !(strings.ContainsRune(tw, '-') && strings.ReplaceAll(tw, "-", " ") == w) {
				ok = false
				break
			}
		}
		if ok {
			return s, h.kind, true
		}
	}
	return 0, "", false
}

// resolveSpeaker names one speaker phrase [i, j).
func (x *Extractor) resolveSpeaker(d *doc, st *state, i, j int) ([]claim.Attribution, speakerEnt, bool) {
	orig := i // a pack name may begin with its article: "The New York Times"
	definite := false
	for i < j && d.is(i, cDefiniteLead) {
		definite = true
		i++
	}
	if j <= i {
		return nil, speakerEnt{}, false
	}
	// "Both men said", "the other fighter said": the unnamed group that
	// spoke last, with its relays.
	if (definite || d.is(i, cBothWord)) && d.is(i, cGroupAnaphor) && j-i >= 2 && j-i <= 3 && !d.toks[j-1].cap {
		group := st.lastGroup
		if d.is(i, cNumberSpelled) { // "the two men": the group of two
			group = func() (speakerEnt, bool) { return st.lastGroupCounted(d.w(i)) }
		}
		if ent, ok := group(); ok {
			return append([]claim.Attribution{}, ent.chain...), speakerEnt{}, true
		}
	}
	// A title alone, definite or possessive ("its foreign minister", "the
	// spokesman"): the person the text named with that title before.
	if t := i + boolInt(!definite && d.is(i, cPossessive)); (definite || t > i) && t < j {
		var words []string
		for k := t; k < j && d.toks[k].kind == tWord && !d.toks[k].cap && d.is(k, cTitle); k++ {
			words = append(words, d.w(k))
		}
		if len(words) == j-t {
			if ent, ok := st.findByRole(words); ok {
				return append([]claim.Attribution{}, ent.chain...), speakerEnt{}, true
			}
		}
	}
	sp := d.span(i, j)
	// A person described by a role: "an aide to Azerbaijan's President",
	// "a spokesman for the AK Party", "the leader of Ethiopia's Tigray
	// region". The description stays the speaker's name.
	r := i + boolInt(d.is(i, cAWord))
	for r < j && d.nationality(r) {
		r++ // "the Armenian ambassador to Russia"
	}
	if (d.is(r, cPersonRole) || d.is(r, cTitle)) && j-r >= 3 && d.is(r+1, cRoleLink) && !d.toks[r].cap {
		kind := claim.SpeakerNamed
		if d.is(r, cOfficialRole) {
			kind = claim.SpeakerOfficial
		}
		who := claim.Attribution{Who: d.text[d.toks[orig].s:d.toks[j-1].e], Kind: kind, Span: d.span(orig, j)}
		if d.is(i, cAWord) && orig == i {
			if st.described == nil {
				st.described = map[string]bool{}
			}
			st.described[who.Who] = true
		}
		return []claim.Attribution{who}, speakerEnt{words: contentWords(d, i, j), head: d.w(r), person: true}, true
	}
	// A person named after a role: "Iran's foreign ministry spokesman
	// Esmaeil Baghaei" is Baghaei, not the ministry.
	if name, ns, ok := personRun(d, i, j); ok && ns > i && strings.Contains(name, " ") && d.is(ns-1, cTitle) {
		if _, isPack := d.mentionAt(ns); !isPack {
			who := claim.Attribution{Who: name, Kind: d.roleKind(i, ns), Span: d.span(ns, j)}
			var role []string
			for k := ns - 1; k >= i && d.toks[k].kind == tWord && d.is(k, cTitle); k-- {
				role = append([]string{d.w(k)}, role...)
			}
			return []claim.Attribution{who}, speakerEnt{words: strings.Fields(strings.ToLower(name)), head: lastField(strings.ToLower(name)), last: lastField(name), person: true, role: role}, true
		}
	}
	// A named speaker of the pack.
	for k := i; k < j; k++ {
		m, ok := d.mentionAt(k)
		if !ok || m.compound || m.ti < orig || m.tj > j {
			continue
		}
		if m.kind == knowledge.SpeakerMatch && x.pack != nil {
			s, ok := x.pack.Speaker(m.id)
			if !ok {
				continue
			}
			// "Iranian opposition media" contains no name; "Data from
			// Flightradar24" and "the same Flightradar24 data" do.
			return []claim.Attribution{{Who: s.Name, Kind: s.Kind, Span: d.span(m.ti, m.tj)}}, speakerEnt{}, true
		}
		k = m.tj - 1
	}
	// An unnamed source: "two Iraqi sources", "a European military assessment".
	if hs, kind, ok := x.headAt(d, i, j); ok {
		words := contentWords(d, i, j)
		last := lastWordOfHead(d, i, j, hs, x)
		if definite {
			if ent, ok := st.findSpeaker(words, last, d.g.Table("speaker_plural")); ok {
				return append([]claim.Attribution{}, ent.chain...), speakerEnt{}, true
			}
		}
		// A named person after a role noun: "Former Iraqi official Entifadh
		// Qanbar"; not a place after the head ("Residents in Geneina").
		if name, ns, ok := personRun(d, i, j); ok && ns > hs && !d.hasClass(hs, ns, cHeadEnd) {
			who := claim.Attribution{Who: name, Kind: claim.SpeakerNamed, Span: d.span(ns, j)}
			return []claim.Attribution{who}, speakerEnt{words: strings.Fields(strings.ToLower(name)), head: lastField(strings.ToLower(name)), last: lastField(name)}, true
		}
		who := claim.Attribution{Who: d.text[sp.Start:sp.End], Kind: kind, Span: sp}
		return []claim.Attribution{who}, speakerEnt{words: words, head: last, person: d.is(j-1, cPersonRole)}, true
	}
	if j-i == 1 && d.is(i, cPronounPerson) {
		for k := len(st.speakers) - 1; k >= 0; k-- {
			if st.speakers[k].last != "" || st.speakers[k].person {
				return append([]claim.Attribution{}, st.speakers[k].chain...), speakerEnt{}, true
			}
		}
		return nil, speakerEnt{}, false
	}
	// A state speaking: "Turkey denied", "Ankara said". It speaks officially.
	if m, ok := d.mentionAt(i); ok && m.ti == i && m.tj == j && m.kind == knowledge.PlaceMatch && !m.compound {
		if a, ok := x.stateOf(d, m); ok {
			return []claim.Attribution{{Who: a.Name, Kind: claim.SpeakerOfficial, Span: a.Span}}, speakerEnt{}, true
		}
	}
	// An actor of the pack speaking: "Iran's Revolutionary Guards said",
	// "Hezbollah denied". Governments and forces speak officially.
	if m, ok := d.mentionAt(j - 1); ok && m.kind == knowledge.ActorMatch && !m.compound && m.tj == j && x.pack != nil {
		if a, ok := x.pack.Actor(m.id); ok {
			kind := claim.SpeakerNamed
			switch a.Kind {
			case knowledge.KindGovernment, knowledge.KindStateForce, knowledge.KindIntelligence:
				kind = claim.SpeakerOfficial
			}
			return []claim.Attribution{{Who: a.Name, Kind: kind, Span: d.span(m.ti, m.tj)}}, speakerEnt{}, true
		}
	}
	// An institution the pack does not name: "the civil aviation authority",
	// "the Baloch Campaign group" (a generic head takes its kind from the
	// words before it).
	if d.toks[j-1].kind == tWord && !d.toks[j-1].cap {
		kind, ok := orgKind(d, j-1, j)
		if !ok && d.is(j-1, cOrgHead) && j-i >= 2 {
			kind, ok = orgKind(d, i, j-1)
		}
		if ok {
			ent := speakerEnt{words: contentWords(d, i, j), head: d.w(j - 1)}
			if names := d.coordinatedNames(i, j); kind == claim.SpeakerOutlet && len(names) > 1 {
				// "The Interfax and RIA news agencies": two outlets.
				out := make([]claim.Attribution, 0, len(names))
				for _, n := range names {
					out = append(out, claim.Attribution{Who: d.text[d.toks[n[0]].s:d.toks[n[1]-1].e], Kind: kind, Span: d.span(n[0], n[1])})
				}
				return out, ent, true
			}
			return []claim.Attribution{{Who: d.text[sp.Start:sp.End], Kind: kind, Span: sp}}, ent, true
		}
	}
	// Armed groups speaking for themselves: "Several Iraqi armed factions
	// denied …". Who they are is in the text, not in the pack. Members of
	// a force ("Two Syrian rebels told Reuters") speak as unnamed
	// individuals, sources like any other, not as an unsourced report.
	if w := d.w(j - 1); d.is(j-1, cForceHead) && !d.toks[j-1].cap && j-i >= 2 {
		kind := claim.SpeakerUnspecified
		switch {
		case d.is(j-1, cOfficialForce):
			kind = claim.SpeakerOfficial
		case d.is(j-1, cForcePerson):
			kind = claim.SpeakerAnonymous
		}
		return []claim.Attribution{{Who: d.text[sp.Start:sp.End], Kind: kind, Span: sp}}, speakerEnt{words: contentWords(d, i, j), head: w}, true
	}
	// A person: "Former Iraqi official Entifadh Qanbar", "Qanbar".
	if name, ns, ok := personRun(d, i, j); ok {
		if ns > i && d.is(ns-1, cOutletLead) {
			// "Kurdish news outlet Hawar", "the daily Haaretz".
			return []claim.Attribution{{Who: name, Kind: claim.SpeakerOutlet, Span: d.span(ns, j)}}, speakerEnt{}, true
		}
		if !strings.Contains(name, " ") {
			if ent, ok := st.findPerson(name); ok {
				return append([]claim.Attribution{}, ent.chain...), speakerEnt{}, true
			}
			// "NG writes that …" after "Novaya Gazeta": the acronym of a
			// speaker named before.
			if ent, ok := st.findAcronym(name); ok {
				return append([]claim.Attribution{}, ent.chain...), speakerEnt{}, true
			}
			// One unknown capitalised word is a name only after a title
			// ("spokesman Hassan"); else it may be anything ("Inquiry").
			if ns == i || !d.is(ns-1, cTitle) {
				if kind, ok := orgKind(d, ns, j); ok {
					return []claim.Attribution{{Who: name, Kind: kind, Span: d.span(ns, j)}}, speakerEnt{}, true
				}
				return nil, speakerEnt{}, false
			}
		}
		who := claim.Attribution{Who: name, Kind: d.roleKind(i, ns), Span: d.span(ns, j)}
		if kind, ok := orgKind(d, ns, j); ok {
			who.Kind = kind
			return []claim.Attribution{who}, speakerEnt{words: contentWords(d, i, j), head: d.w(j - 1)}, true
		}
		return []claim.Attribution{who}, speakerEnt{words: strings.Fields(strings.ToLower(name)), head: lastField(strings.ToLower(name)), last: lastField(name)}, true
	}
	if j-i == 1 && d.is(i, cPronounPerson) {
		for k := len(st.speakers) - 1; k >= 0; k-- {
			if st.speakers[k].last != "" || st.speakers[k].person {
				return append([]claim.Attribution{}, st.speakers[k].chain...), speakerEnt{}, true
			}
		}
	}
	return nil, speakerEnt{}, false
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func lastField(s string) string {
	if k := strings.LastIndexByte(s, ' '); k >= 0 {
		return s[k+1:]
	}
	return s
}

// lastWordOfHead is the last word of the matched head pattern.
func lastWordOfHead(d *doc, i, j, hs int, x *Extractor) string {
	for _, h := range x.heads {
		n := len(h.words)
		if hs+n <= j && d.w(hs+n-1) == h.words[n-1] {
			ok := true
			for q, w := range h.words {
				tw := d.w(hs + q)
				if tw != w && strings.ReplaceAll(tw, "-", " ") != w {
					ok = false
					break
				}
			}
			if ok {
				return h.words[n-1]
			}
		}
	}
	return d.w(j - 1)
}

// contentWords are the folded words of [i, j) without determiners and numbers.
func contentWords(d *doc, i, j int) []string {
	var out []string
	for k := i; k < j; k++ {
		if d.toks[k].kind != tWord {
			continue
		}
		if d.is(k, cDeterminer) || d.is(k, cAnotherWord) {
			continue
		}
		if _, ok := d.g.small[d.w(k)]; ok {
			continue
		}
		out = append(out, d.w(k))
	}
	return out
}

// personRun finds the capitalised name that ends the phrase [i, j), after
// any titles: "Former Iraqi official Entifadh Qanbar" → "Entifadh Qanbar".
// nameWord reports whether token k (before j) can be part of a person's
// name: a capitalised word, or a lower-case particle inside one
// ("al-Khazali", "bin Salman", "Abu Fadak al-Mohammedawi"), which never
// ends the name.
func (d *doc) nameWord(k, j int) bool {
	if d.toks[k].cap {
		return true
	}
	if d.is(k, cNamePrefix) {
		// "al-Khazali": the name goes on in capitals after the prefix.
		w := d.raw(k)
		if h := strings.IndexAny(w, "-‐‑"); h >= 0 && h+1 < len(w) && w[h+1] >= 'A' && w[h+1] <= 'Z' {
			return true
		}
	}
	if d.is(k, cNameParticle) && !strings.ContainsAny(d.raw(k), "-") {
		// "van der Weide": particles may come two in a row.
		return k+1 < j && (d.toks[k+1].cap || d.is(k+1, cNameParticle) && k+2 < j && d.toks[k+2].cap)
	}
	return false
}

func personRun(d *doc, i, j int) (string, int, bool) {
	k := j
	// A nationality the packs know ends the walk ("Former Iraqi official
	// …"); one guessed by its ending would take names for adjectives:
	// "Esmaeil Baghaei", "Mohammed Shia al-Sudani", "Hulusi Akar".
	for k > i && d.toks[k-1].kind == tWord && d.nameWord(k-1, j) && !d.is(k-1, cTitle) &&
		!(d.toks[k-1].cap && d.knownNationality(k-1)) {
		if _, ok := d.mentionAt(k - 1); ok {
			break
		}
		k--
	}
	if k == j || j-k > 4 {
		return "", 0, false
	}
	if k == i && j-k == 1 && d.is(k, cDeterminer) {
		return "", 0, false
	}
	for q := k; q < j; q++ {
		if d.is(q, cMonth) && j-k == 1 {
			return "", 0, false
		}
	}
	return d.text[d.toks[k].s:d.toks[j-1].e], k, true
}

// orgKind guesses the kind of an organisation the pack does not know.
func orgKind(d *doc, i, j int) (claim.SourceKind, bool) {
	for k := i; k < j; k++ {
		switch {
		case d.is(k, cOutletWord):
			return claim.SpeakerOutlet, true
		case d.is(k, cOfficialWord):
			return claim.SpeakerOfficial, true
		case d.is(k, cRightsWord):
			return claim.SpeakerRightsGroup, true
		}
	}
	return "", false
}

// appendNew appends the links of more that chain does not hold yet.
func appendNew(chain []claim.Attribution, more ...claim.Attribution) []claim.Attribution {
	for _, m := range more {
		dup := false
		for _, c := range chain {
			if c.Who == m.Who {
				dup = true
				break
			}
		}
		if !dup {
			chain = append(chain, m)
		}
	}
	return chain
}

// anonymity reports an interjection saying the speaker is not named:
// "speaking on condition of anonymity", "who asked not to be named",
// "not authorised to speak to the media".
func (d *doc) anonymity(i, j int) bool {
	for k := i; k < j; k++ {
		switch {
		case d.is(k, cAnonymity):
			return true
		case d.is(k, cNamedWord):
			if k > i && (d.is(k-1, cBe) || d.is(k-2, cNegator)) {
				return true
			}
		case d.is(k, cAuthorised):
			if k > i && d.is(k-1, cNegator) {
				return true
			}
		}
	}
	return false
}

// falsity reports, in the few tokens from i, reports or claims said to be
// false: "the reports were completely false", "the reports lies spread by
// …", "the allegations as baseless".
func (d *doc) falsity(i, to int) bool {
	noun := false
	for k := i; k < to && k < i+10; k++ {
		switch {
		case d.is(k, cFalsityObject):
			noun = true
		case d.is(k, cFalsity):
			return noun
		}
	}
	return false
}

// tellingTime returns the token of "that" after a short time phrase at j
// ("on Sunday that", "late on Monday that", "earlier this week that"), or
// j when there is none.
func (d *doc) tellingTime(j, to int) int {
	k := j
	for k < to && k < j+8 && d.toks[k].kind != tPunct {
		switch {
		case d.is(k, cThatWord):
			if k == j {
				return j
			}
			return k
		case d.is(k, cWeekday), d.is(k, cMonth), d.toks[k].kind == tNum, d.is(k, cTimeTell), d.is(k, cDaytime):
		default:
			return j
		}
		k++
	}
	return j
}

// trailingTime returns where a time phrase ending a speaker's phrase [p, e)
// begins ("factions on Wednesday", "officials late on Monday"), or e.
func (d *doc) trailingTime(p, e int) int {
	k := e
	for k > p {
		switch {
		case d.is(k-1, cWeekday), d.is(k-1, cTimeTrail):
			k--
			continue
		case d.is(k-1, cTimeTrailLead):
			if k < e {
				k--
				continue
			}
		}
		break
	}
	if k == p {
		return e
	}
	return k
}

// aboutTelling reports an introductory phrase about a statement or report
// ("In a statement released on Sunday", "In an interview on Monday").
func (d *doc) aboutTelling(i, j int) bool {
	for k := i; k < j; k++ {
		if d.is(k, cTellingNoun) {
			return true
		}
	}
	return false
}

// roleKind is the kind of a person named after the role words [i, ns):
// "Iraqi government spokesman Basim al-Awadi" is an official; "Former
// Iraqi official Entifadh Qanbar" speaks for himself (named).
func (d *doc) roleKind(i, ns int) claim.SourceKind {
	kind := claim.SpeakerNamed
	for k := i; k < ns; k++ {
		if d.is(k, cFormer) {
			return claim.SpeakerNamed
		} else if d.is(k, cOfficialRole) {
			kind = claim.SpeakerOfficial
		}
	}
	return kind
}

// unknownOutlet reads [i, j) as the name of an outlet the pack does not
// know, after any lower-case description ("Kurdish news outlet Hawar",
// "the Spuntik Turkish"): a run of at most four capitalised words ending
// the phrase.
func unknownOutlet(d *doc, i, j int) ([]claim.Attribution, bool) {
	k := j
	for k > i && d.toks[k-1].kind == tWord && d.toks[k-1].cap && j-k < 4 {
		k--
	}
	if k == j || k > i && d.toks[k-1].kind == tWord && d.toks[k-1].cap {
		return nil, false
	}
	for q := i; q < k; q++ {
		if d.toks[q].kind != tWord || d.toks[q].cap && !d.is(q, cTheA) && !d.nationality(q) {
			return nil, false
		}
	}
	sp := d.span(k, j)
	return []claim.Attribution{{Who: d.text[sp.Start:sp.End], Kind: claim.SpeakerOutlet, Span: sp}}, true
}

// reportNoun reports whether the reporting word at v, in the phrase opened
// at p, is a noun: in its base form, right after a determiner, or after a
// determiner and capitalised names only ("A CNN report"); its class says
// which words may be read so.
func (d *doc) reportNoun(p, v int) bool {
	if !d.is(v, cReportNoun) || v == p {
		return false
	}
	k := v - 1
	for k > p && d.toks[k].cap {
		k--
	}
	return d.is(k, cDeterminer) && (k == v-1 || k == p)
}

// firstPerson reports a subject [p, npEnd) that is only a first-person
// pronoun, after an opening quote if any ("“We deny …").
func (d *doc) firstPerson(p, npEnd int) bool {
	if p < npEnd && d.toks[p].kind == tPunct && isOpenQuote(runeAt(d, p)) {
		p++
	}
	return npEnd == p+1 && d.is(p, cFirstPerson)
}

// platformVerb adds, after the speaker, the platform a verb at i names
// ("tweeted", "tweeting": Twitter; lang table platform_verb), unless the
// chain holds a platform already.
func (x *Extractor) platformVerb(d *doc, a *attrib, i int) {
	if i < 0 || i >= len(d.toks) || len(a.inner) == 0 {
		return
	}
	who, ok := d.g.Table("platform_verb")[d.w(i)]
	if !ok {
		return
	}
	for _, l := range a.inner {
		if l.Kind == claim.SpeakerSocial {
			return
		}
	}
	link := claim.Attribution{Who: who, Kind: claim.SpeakerSocial, Span: d.span(i, i+1)}
	a.inner = append(a.inner[:1], append([]claim.Attribution{link}, a.inner[1:]...)...)
}

// coordinatedNames returns the capitalised names coordinated before the
// lower-case head of [i, j) ("The Interfax and RIA news agencies":
// Interfax, RIA), or nil when the phrase names fewer than two.
func (d *doc) coordinatedNames(i, j int) [][2]int {
	if i < j && d.is(i, cTheWord) {
		i++
	}
	var names [][2]int
	k := i
	for k < j {
		s := k
		for k < j && d.toks[k].kind == tWord && d.toks[k].cap {
			k++
		}
		if k == s {
			break
		}
		names = append(names, [2]int{s, k})
		if k < j && (d.is(k, cAndWord) || d.isComma(k)) {
			k++
			if k < j && d.is(k, cAndWord) {
				k++
			}
			continue
		}
		break
	}
	// The names must run up to the head: "Interfax and RIA news agencies",
	// not "Interfax and other news agencies".
	if len(names) < 2 || k >= j || d.toks[k].cap {
		return nil
	}
	for q := k; q < j; q++ {
		if d.toks[q].kind != tWord || d.toks[q].cap {
			return nil
		}
	}
	return names
}

// nestedAttribution reads a second speaker at the start of what the first
// said ("Macron alleged that intelligence reports had established that
// …", "the minister said two officials had told him that …"): the inner
// speaker comes first in the chain, and the content is what it said.
func (x *Extractor) nestedAttribution(d *doc, st *state, a *attrib) {
	if len(a.inner) == 0 || a.npObject || a.count || a.cFrom >= a.cTo {
		return
	}
	b := attrib{cFrom: a.cFrom, cTo: a.cTo, introFrom: a.cFrom, introTo: a.cFrom, subjFrom: -1}
	x.prefixAttribution(d, st, &b)
	if len(b.inner) == 0 || b.cFrom <= a.cFrom || b.npObject || b.count {
		return
	}
	// "… said he had been told …": a pronoun subject is the outer
	// speaker; only an agent ("told by X") is a speaker of its own.
	if d.is(a.cFrom, cPronounSubject) {
		if b.agents == 0 {
			return
		}
		b.inner = b.inner[:b.agents]
	}
	a.inner = append(append([]claim.Attribution{}, b.inner...), a.inner...)
	a.cFrom = b.cFrom
	a.hedged = a.hedged || b.hedged
	a.denied = a.denied || b.denied
}

// mediaShows reads "a photo that showed", "new footage which allegedly
// shows" at i: it returns the token after the showing verb and whether a
// hedge came before it, or -1.
func (d *doc) mediaShows(i, to int) (int, bool) {
	k := i
	for k < to && k < i+3 && !d.is(k, cMediaNoun) && d.toks[k].kind == tWord && !d.toks[k].cap {
		k++
	}
	if k >= to || !d.is(k, cMediaNoun) {
		return -1, false
	}
	k++
	if k < to && d.is(k, cRelativeThat) {
		k++
	}
	hedged := false
	for k < to && (d.is(k, cAdverb) || d.is(k, cHedge)) && !d.is(k, cShowVerb) {
		hedged = hedged || d.is(k, cHedge)
		k++
	}
	if k >= to || !d.is(k, cShowVerb) {
		return -1, false
	}
	return k + 1, hedged
}

// actingSpeaker reads the subject of a confirmation or denial that no
// reporting verb made ("Major General Belay Seyoum, the head of …, went
// against those denials", "the ministry vouched for the reports"): the
// one who confirms or denies is its speaker. An apposition after the name
// is left out.
func (x *Extractor) actingSpeaker(d *doc, st *state, a *attrib, h hit) {
	if !h.ok() || a.own() || h.rule == ruleConfirmObject || h.rule == ruleDenyObject ||
		h.action != claim.ActionConfirm && h.action != claim.ActionDeny {
		return
	}
	from, end := a.cFrom, h.i
	for end > from && (d.is(end-1, cAdverb) || d.is(end-1, cAuxiliary) || d.is(end-1, cModal)) {
		end--
	}
	for k := from + 1; k < end; k++ {
		if d.isComma(k) {
			end = k
			break
		}
	}
	if end <= from {
		return
	}
	links, ok := x.speakerPhrase(d, st, from, end)
	if !ok {
		return
	}
	a.inner = append(a.inner, links...)
	a.subjFrom, a.subjTo = from, end
}

// relativeDenier reads the clause "which Ankara and Baku both denied" or
// "a claim that Kigali rejected" (cut off by segments): its subject denies
// what the relative refers to, a denial claim whose speakers are the
// subject. The clause keeps "which" or the noun, the words the modality
// rules modality.which-denied and modality.relative-denied read.
func (x *Extractor) relativeDenier(d *doc, st *state, a *attrib) bool {
	s, v := d.relativeDenial(a.cFrom, a.cTo)
	if v < 0 {
		return false
	}
	npEnd := v
	for npEnd > s+1 && (d.is(npEnd-1, cAdverb) || d.is(npEnd-1, cAuxiliary) || d.is(npEnd-1, cBothWord)) {
		npEnd--
	}
	links, ok := x.speakerPhrase(d, st, s, npEnd)
	if !ok {
		return false
	}
	a.inner = append(a.inner, links...)
	a.verb = d.w(v)
	a.npObject, a.denied, a.relative = true, true, true
	a.subjFrom, a.subjTo = s, npEnd
	return true
}
