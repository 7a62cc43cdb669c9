package extract

import (
	"strings"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/knowledge"
)

// attrib is the attribution found around one clause, and where the clause's
// content lies once it is removed.
type attrib struct {
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
	p := from
	// Leading conjunctions of a split clause.
	for p < to && (clauseConj[d.w(p)] || d.w(p) == "and" || d.toks[p].kind == tPunct && !isOpenQuote(runeAt(d, p))) {
		p++
	}
	a.introFrom = p
	// Introductory phrases, at most three ("However, due to …, it was …").
intros:
	for n := 0; n < 3 && p < to; n++ {
		w := d.w(p)
		if !introWords[w] {
			break
		}
		c := d.nextComma(p+1, min(to, p+22))
		if c < 0 || d.hasFiniteVerb(p, c) || w == "at" && d.w(p+1) == "least" {
			// "However" without a comma is no intro phrase, and neither is
			// "At least 2,400 protesters have been killed since …,".
			break
		}
		switch {
		case w == "according" && d.w(p+1) == "to", w == "based" && d.w(p+1) == "on":
			if links, ok := x.speakerPhrase(d, st, p+2, c); ok {
				a.outer = append(a.outer, links...)
			}
		case w == "citing":
			if links, ok := x.speakerPhrase(d, st, p+1, c); ok {
				a.outer = append(a.outer, links...)
			}
		default:
			if v := d.firstReportVerb(p+1, c); v > 0 {
				// "As Reuters reported, …": the speaker of the clause.
				if w == "as" {
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
		if n == 1 && len(a.outer) > 0 && d.w(c+1) != "citing" {
			a.outer = append(links, a.outer...)
		} else if d.w(c+1) == "citing" {
			a.inner = append(a.inner, links...)
		} else {
			a.outer = append(links, a.outer...)
		}
		a.cTo = c
	}
	// Leading speaker: "X said (that) …", "X told Y that …", "Y cited X as saying …".
	mark := len(st.speakers)
	subj := a.cFrom
	x.prefixAttribution(d, st, &a)
	// Speakers introduced here are reported through the outer links too:
	// "The Iraqi security source" later means the one "cited by CNN".
	for k := mark; k < len(st.speakers); k++ {
		if a.hearers > 0 {
			// "Two officials told AP …": later "the officials" spoke to AP too.
			st.speakers[k].chain = appendNew(st.speakers[k].chain, a.inner[len(a.inner)-a.hearers:]...)
		}
		st.speakers[k].chain = appendNew(st.speakers[k].chain, a.outer...)
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
			if pw := d.w(k - 1); pw == "on" || pw == "platform" || pw == "via" || pw == "network" {
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
		if introWords[d.w(q)] && !d.isDateLike(q) {
			if c := d.nextComma(q+1, min(a.cTo, q+12)); c > 0 && !d.hasReportVerb(q, c) && d.w(q) != "since" {
				a.cFrom = c + 1
			}
		}
	}
	return a
}

// hasFiniteVerb reports an auxiliary or a finite trigger verb in [i, j).
func (d *doc) hasFiniteVerb(i, j int) bool {
	for k := i; k < j; k++ {
		if !d.is(k, lxAux|lxModal|lxTrigger) {
			continue
		}
		w := d.w(k)
		if auxiliaries[w] && w != "being" || modals[w] {
			return true
		}
		if t, ok := triggers[w]; ok && (t.form == fPast || t.form == f3sg) && k > i && !determiners[d.w(k-1)] {
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
		if d.is(k, lxReport) {
			return k
		}
	}
	return -1
}

func (d *doc) hasReportVerb(i, j int) bool {
	for k := i; k < j; k++ {
		if d.is(k, lxReport) {
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
		if to-s <= 25 {
			if links, ok := x.tailAttribution(d, st, s, to); ok {
				return c, links, true
			}
		}
		if e := d.nextComma(s, to); e > s && e < to-1 && e-s <= 16 && d.hasTrigger(from, c) {
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
	w := d.w(s)
	switch {
	case w == "according" && d.w(s+1) == "to":
		return x.speakerPhrase(d, st, s+2, to)
	case w == "per" && !d.toks[s].cap || w == "via":
		// "…, per a US-based rights group" (wire and list style).
		return x.speakerPhrase(d, st, s+1, to)
	case w == "citing":
		return x.speakerPhrase(d, st, s+1, to)
	case reportVerbs[w] && !denyVerbs[w]:
		// Inverted: "…, said Ali Hassan, a spokesman".
		return x.speakerPhrase(d, st, s+1, to)
	}
	for v := s + 1; v < to && v < s+14; v++ {
		if !d.is(v, lxReport) || d.toks[v].cap {
			continue
		}
		npEnd := v
		for npEnd > s && (adverbs[d.w(npEnd-1)] || auxiliaries[d.w(npEnd-1)]) {
			npEnd--
		}
		tail := v + 1
		// hearer: "told CNN", "confirmed to The Amargi", "said in a statement"
		if tail < to && (d.w(tail) == "to" || d.w(tail) == "in" || d.w(tail) == "on") {
			tail++
		}
		if to-tail > 8 || d.hasTrigger(tail, to) {
			return nil, false
		}
		links, ok := x.speakerPhrase(d, st, s, npEnd)
		if !ok {
			return nil, false
		}
		if h, ok := x.hearer(d, st, v+1, to); ok {
			links = append(links, h...)
		}
		return links, true
	}
	return nil, false
}

// hasTrigger reports whether [i, j) holds a word of the trigger lexicon.
func (d *doc) hasTrigger(i, j int) bool {
	for k := i; k < j; k++ {
		if d.is(k, lxTrigger) {
			return true
		}
	}
	return false
}

// hearer reads who was told: "CNN", "to The Amargi", "in a post on X".
func (x *Extractor) hearer(d *doc, st *state, i, j int) ([]claim.Attribution, bool) {
	if i < j && d.w(i) == "to" {
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
	if len(out) == 0 && i < j && d.toks[i].cap {
		// An outlet the pack does not know: the capitalised run.
		k := i
		for k < j && d.toks[k].kind == tWord && (d.toks[k].cap || d.w(k) == "of") {
			k++
		}
		if k > i && k-i <= 5 {
			out = append(out, claim.Attribution{Who: d.text[d.toks[i].s:d.toks[k-1].e], Kind: claim.SpeakerOutlet, Span: d.span(i, k)})
		}
	}
	return out, len(out) > 0
}

// prefixAttribution reads "X said (that) …" at the start of the content.
func (x *Extractor) prefixAttribution(d *doc, st *state, a *attrib) {
	p, to := a.cFrom, a.cTo
	limit := min(to, p+30)
	for v := p + 1; v < limit; v++ {
		// "called the reports lies", "described the claims as baseless": a
		// denial, though these verbs do not report speech.
		if w := d.w(v); labelVerbs[w] && !d.toks[v].cap && d.falsity(v+1, to) {
			if links, ok := x.speakerPhrase(d, st, p, v); ok {
				a.inner = append(a.inner, links...)
				a.verb, a.npObject, a.denied = w, true, true
				a.subjFrom, a.subjTo = p, v
				a.cFrom = p
				return
			}
		}
		if d.lx[v] == 0 && d.toks[v].kind == tWord {
			continue
		}
		w := d.w(v)
		// ", who spoke on condition of anonymity," is an interjection in
		// the speaker's phrase; read on after it.
		if (w == "who" || w == "which") && d.isComma(v-1) {
			if c := d.nextComma(v+1, limit); c > v {
				v = c
				continue
			}
		}
		if w == "that" || w == "which" || w == "who" || d.punct(v, ';') || d.punct(v, ':') {
			return
		}
		if _, ok := triggers[w]; ok && !reportVerbs[w] {
			// A claim verb comes before any reporting verb: no prefix speaker.
			if t := triggers[w]; t.form != fNoun {
				return
			}
		}
		if !reportVerbs[w] || d.toks[v].cap {
			continue
		}
		if d.w(v-1) == "to" || d.w(v-1) == "be" || d.w(v-1) == "been" && !(w == "told" || w == "informed") {
			continue
		}
		npEnd := v
		for npEnd > p && (adverbs[d.w(npEnd-1)] || auxiliaries[d.w(npEnd-1)] || modals[d.w(npEnd-1)]) {
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
		if npEnd == p+1 && d.w(p) == "it" && v > p+1 && (w == "reported" || w == "claimed" || w == "alleged" || w == "said") && d.w(v+1) == "that" {
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
					if w := d.w(c + 1); w == "including" || w == "such" || w == "among" || w == "notably" || w == "especially" {
						break
					}
					if d.w(c+1) == "citing" {
						if links, ok := x.speakerPhrase(d, st, c+2, npEnd-1); ok {
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
			switch d.w(k) {
			case "neither", "nor", "not", "never", "no":
				return
			}
			if strings.HasSuffix(d.w(k), "n't") {
				return
			}
		}
		j := v + 1
		var hearers []claim.Attribution
		count := false
		switch {
		case w == "told" || w == "tells" || w == "informed" || w == "briefed":
			k := j
			for k < to && d.w(k) != "that" && !d.isComma(k) && k < j+6 {
				k++
			}
			if h, ok := x.hearer(d, st, j, k); ok {
				hearers = h
			}
			j = k
		case w == "cited" || w == "cites" || w == "quoted":
			// "Reuters earlier cited three sources, including …, as saying that …"
			k := j
			for k+1 < to && !(d.w(k) == "as" && (d.w(k+1) == "saying" || d.w(k+1) == "telling")) && k < j+20 {
				k++
			}
			if k+1 >= to || d.w(k) != "as" {
				return
			}
			mark := len(st.speakers)
			inner, ok := x.speakerPhrase(d, st, j, k)
			if !ok {
				return
			}
			innerEnd := len(st.speakers)
			outer, ok := x.speakerPhrase(d, st, p, npEnd)
			if !ok {
				return
			}
			for q := mark; q < innerEnd; q++ {
				st.speakers[q].chain = appendNew(st.speakers[q].chain, outer...)
			}
			a.inner = append(append(a.inner, inner...), outer...)
			j = k + 2
			if j < to && d.w(j) == "that" {
				j++
			}
			a.verb = w
			a.cFrom = j
			return
		case countVerbs[w]:
			if !(d.w(j) == "the" && (d.w(j+1) == "number" || d.w(j+1) == "toll" || d.w(j+1) == "figure" || d.w(j+1) == "death")) {
				continue
			}
			count = true
		case w == "shows" || w == "show" || w == "showed" || w == "shown" || w == "indicates" || w == "indicated":
			// Only data and documents "show".
		}
		if j < to && (d.w(j) == "to" || (d.w(j) == "on" && (w == "reported" || w == "reports"))) {
			if h, ok := x.hearer(d, st, j, min(to, j+5)); ok && w != "reported" {
				hearers = h
				k := j + 1
				for k < to && d.toks[k].kind == tWord && (d.toks[k].cap || d.w(k) == "the") {
					k++
				}
				j = k
			} else if d.w(j) == "on" {
				j++
			}
		}
		// "wrote on X that", "said on Telegram that": the platform is a link
		// of the chain (added below, in parseAttribution), not the content.
		if j+1 < to && d.w(j) == "on" && x.pack != nil {
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
		if j < to && d.w(j) == "in" && d.w(j+1) == "a" {
			// "said in a statement that"
			k := j
			for k < to && d.w(k) != "that" && !d.isComma(k) && k < j+8 {
				k++
			}
			if k < to && d.w(k) == "that" {
				j = k
			}
		}
		npObject := false
		// "denied reports that …", "confirmed claims that …": what follows
		// "that" is what is denied or confirmed.
		if (denyVerbs[w] || confirmVerbs[w]) && j+1 < to {
			k := j
			if d.w(k) == "the" || d.w(k) == "these" || d.w(k) == "those" {
				k++
			}
			switch d.w(k) {
			case "reports", "report", "claims", "claim", "allegations", "allegation", "accounts", "rumours", "rumors", "suggestions":
				if d.w(k+1) == "that" {
					j = k + 1
				}
			}
		}
		if j < to && d.w(j) == "that" {
			j++
		} else if j < to && d.punct(j, ':') {
			j++
		} else if confirmVerbs[w] || denyVerbs[w] {
			npObject = true
		}
		// "said the reports were completely false": what was said is a denial.
		falsity := !npObject && !denyVerbs[w] && d.falsity(j, to)
		if falsity {
			npObject = true
		}
		if j >= to {
			// "Tobias Ellwood, Minister for the Middle East, said:" ending the
			// paragraph: the paragraphs after it are what he said.
			if d.punct(to, ':') && to+1 >= len(d.toks)-1 {
				if links, ok := x.speakerPhrase(d, st, p, npEnd); ok {
					st.quoteChain, st.quoteParas = append(append([]claim.Attribution{}, links...), hearers...), 3
				}
			}
			return
		}
		links, ok := x.speakerPhrase(d, st, p, npEnd)
		if !ok {
			continue
		}
		if (w == "shows" || w == "show" || w == "showed" || w == "indicates" || w == "indicated") && links[0].Kind != claim.SpeakerData && links[0].Kind != claim.SpeakerDocument && links[0].Kind != claim.SpeakerSocial {
			return
		}
		if anonymous {
			links[0].Kind = claim.SpeakerAnonymous
		}
		links = append(cited, links...)
		a.inner = append(append(a.inner, links...), hearers...)
		a.hearers = len(hearers)
		a.verb = w
		a.hedged = hedgeVerbs[w]
		// "Footage … purportedly shows", "the source reportedly said".
		for k := npEnd; k < v; k++ {
			switch d.w(k) {
			case "purportedly", "reportedly", "allegedly", "apparently", "supposedly":
				a.hedged = true
			}
		}
		a.count = count
		if npObject {
			a.npObject = true
			a.subjFrom, a.subjTo = p, npEnd
			if denyVerbs[w] || falsity {
				a.denied = true
			}
			a.cFrom = p
			return
		}
		if denyVerbs[w] {
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
		w, n := d.w(k), d.w(k+1)
		if (n == "by" && (w == "cited" || w == "reviewed" || w == "quoted" || w == "seen" || w == "obtained" || w == "published" || w == "released")) ||
			(n == "to" && (w == "speaking" || w == "talking")) {
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
		if d.isComma(k) && d.w(k+1) == "including" {
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
		if d.w(k) == "including" && nestFrom < 0 {
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
		if d.w(k) == "and" || (d.isComma(k) && k+1 < core && d.w(k+1) != "and") {
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
		if len(links) == 1 && links[0].Kind == claim.SpeakerOutlet && len(nested) > 0 && nested[0].Kind == claim.SpeakerOutlet && !strings.EqualFold(d.w(pt[0]), "the") && !d.toks[pt[0]].cap {
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
	_, _, ok := x.headAt(d, i, j)
	return ok
}

// headAt finds the longest speaker pattern ending the phrase [i, j) (or
// ending just before "familiar with …" and similar). It returns where the
// pattern starts and its kind.
func (x *Extractor) headAt(d *doc, i, j int) (int, claim.SourceKind, bool) {
	end := j
	for k := i + 1; k < j; k++ {
		switch d.w(k) {
		case "familiar", "close", "with", "who", "from", "in", "at", "of", "on", "briefed", "aware",
			"circulating", "posted", "shared", "obtained", "filmed":
			if k > i {
				end = k
			}
		}
		if end != j {
			break
		}
	}
	if end <= i {
		return 0, "", false
	}
	// "people with knowledge of the matter": the head runs to "knowledge".
	if end+1 < j && d.w(end) == "with" && d.w(end+1) == "knowledge" {
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
	for i < j && (d.w(i) == "the" || d.w(i) == "this" || d.w(i) == "these" || d.w(i) == "that" || d.w(i) == "those") {
		definite = true
		i++
	}
	if j <= i {
		return nil, speakerEnt{}, false
	}
	sp := d.span(i, j)
	// A person named after a role: "Iran's foreign ministry spokesman
	// Esmaeil Baghaei" is Baghaei, not the ministry.
	if name, ns, ok := personRun(d, i, j); ok && ns > i && strings.Contains(name, " ") && titleWords[d.w(ns-1)] {
		if _, isPack := d.mentionAt(ns); !isPack {
			who := claim.Attribution{Who: name, Kind: d.roleKind(i, ns), Span: d.span(ns, j)}
			return []claim.Attribution{who}, speakerEnt{words: strings.Fields(strings.ToLower(name)), head: lastField(strings.ToLower(name)), last: lastField(name), person: true}, true
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
			if ent, ok := st.findSpeaker(words, last); ok {
				return append([]claim.Attribution{}, ent.chain...), speakerEnt{}, true
			}
		}
		// A named person after a role noun: "Former Iraqi official Entifadh Qanbar".
		if name, ns, ok := personRun(d, i, j); ok && ns > hs {
			who := claim.Attribution{Who: name, Kind: claim.SpeakerNamed, Span: d.span(ns, j)}
			return []claim.Attribution{who}, speakerEnt{words: strings.Fields(strings.ToLower(name)), head: lastField(strings.ToLower(name)), last: lastField(name)}, true
		}
		who := claim.Attribution{Who: d.text[sp.Start:sp.End], Kind: kind, Span: sp}
		return []claim.Attribution{who}, speakerEnt{words: words, head: last, person: personRoles[d.w(j-1)]}, true
	}
	if j-i == 1 && (d.w(i) == "he" || d.w(i) == "she") {
		for k := len(st.speakers) - 1; k >= 0; k-- {
			if st.speakers[k].last != "" || st.speakers[k].person {
				return append([]claim.Attribution{}, st.speakers[k].chain...), speakerEnt{}, true
			}
		}
		return nil, speakerEnt{}, false
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
		if !ok && orgHeads[d.w(j-1)] && j-i >= 2 {
			kind, ok = orgKind(d, i, j-1)
		}
		if ok {
			return []claim.Attribution{{Who: d.text[sp.Start:sp.End], Kind: kind, Span: sp}}, speakerEnt{words: contentWords(d, i, j), head: d.w(j - 1)}, true
		}
	}
	// Armed groups speaking for themselves: "Several Iraqi armed factions
	// denied …". Who they are is in the text, not in the pack.
	if w := d.w(j - 1); forceHeads[w] && !d.toks[j-1].cap && j-i >= 2 {
		kind := claim.SpeakerUnspecified
		switch w {
		case "authorities", "officials", "government", "military", "army", "police", "regime":
			kind = claim.SpeakerOfficial
		}
		return []claim.Attribution{{Who: d.text[sp.Start:sp.End], Kind: kind, Span: sp}}, speakerEnt{words: contentWords(d, i, j), head: w}, true
	}
	// A person: "Former Iraqi official Entifadh Qanbar", "Qanbar".
	if name, ns, ok := personRun(d, i, j); ok {
		if !strings.Contains(name, " ") {
			if ent, ok := st.findPerson(name); ok {
				return append([]claim.Attribution{}, ent.chain...), speakerEnt{}, true
			}
			// One unknown capitalised word is a name only after a title
			// ("spokesman Hassan"); else it may be anything ("Inquiry").
			if ns == i || !titleWords[d.w(ns-1)] {
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
	if j-i == 1 && (d.w(i) == "he" || d.w(i) == "she") {
		for k := len(st.speakers) - 1; k >= 0; k-- {
			if st.speakers[k].last != "" || st.speakers[k].person {
				return append([]claim.Attribution{}, st.speakers[k].chain...), speakerEnt{}, true
			}
		}
	}
	return nil, speakerEnt{}, false
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
		w := d.w(k)
		if determiners[w] || w == "another" {
			continue
		}
		if _, ok := smallNumbers[w]; ok {
			continue
		}
		out = append(out, w)
	}
	return out
}

var titleWords = map[string]bool{
	"president": true, "minister": true, "general": true, "gen": true, "colonel": true, "col": true,
	"spokesman": true, "spokeswoman": true, "spokesperson": true, "commander": true, "sheikh": true,
	"ayatollah": true, "mr": true, "mrs": true, "ms": true, "dr": true, "former": true, "prime": true,
	"foreign": true, "defense": true, "defence": true, "interior": true, "senator": true, "sen": true,
	"rep": true, "governor": true, "gov": true, "mayor": true, "lt": true, "maj": true, "capt": true,
	"sgt": true, "spc": true, "adm": true, "brig": true, "chief": true, "deputy": true, "vice": true,
	"secretary": true, "ambassador": true, "leader": true, "mp": true, "official": true, "analyst": true,
	"staff": true, "supreme": true, "chairman": true, "head": true, "director": true, "senior": true,
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
	w := d.raw(k)
	for _, p := range []string{"al-", "el-", "ad-", "an-", "ar-", "as-", "ash-", "at-", "az-"} {
		if len(w) > len(p) && strings.HasPrefix(w, p) && w[len(p)] >= 'A' && w[len(p)] <= 'Z' {
			return true
		}
	}
	switch w {
	case "bin", "ibn", "bint", "al", "el", "abu", "abd", "de", "van", "von", "der", "da", "di":
		return k+1 < j && d.toks[k+1].cap
	}
	return false
}

func personRun(d *doc, i, j int) (string, int, bool) {
	k := j
	// A nationality ends the walk ("Former Iraqi official …"), but the
	// name's last word is guessed by its ending only when it is a known
	// adjective: "Esmaeil Baghaei", "Mohammed Shia al-Sudani".
	for k > i && d.toks[k-1].kind == tWord && d.nameWord(k-1, j) && !titleWords[d.w(k-1)] &&
		!(d.toks[k-1].cap && (knownNationality(d.w(k-1)) || k < j && isNationality(d.w(k-1)))) {
		if _, ok := d.mentionAt(k - 1); ok {
			break
		}
		k--
	}
	if k == j || j-k > 4 {
		return "", 0, false
	}
	if k == i && j-k == 1 && determiners[d.w(k)] {
		return "", 0, false
	}
	for q := k; q < j; q++ {
		if _, ok := months[d.w(q)]; ok && j-k == 1 {
			return "", 0, false
		}
	}
	return d.text[d.toks[k].s:d.toks[j-1].e], k, true
}

// orgKind guesses the kind of an organisation the pack does not know.
func orgKind(d *doc, i, j int) (claim.SourceKind, bool) {
	for k := i; k < j; k++ {
		switch d.w(k) {
		case "agency", "news", "times", "post", "tv", "press", "media", "journal", "herald", "tribune", "daily", "radio", "channel", "television", "network", "gazette":
			return claim.SpeakerOutlet, true
		case "ministry", "government", "army", "council", "command", "office", "department", "presidency", "embassy", "parliament", "police", "forces", "military", "authority", "spokesman", "spokeswoman", "spokesperson", "statement":
			return claim.SpeakerOfficial, true
		case "observatory", "rights", "watch", "amnesty", "campaign", "activists":
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
		switch d.w(k) {
		case "anonymity", "anonymously", "unnamed":
			return true
		case "named", "identified":
			if k > i && (d.w(k-1) == "be" || d.w(k-2) == "not") {
				return true
			}
		case "authorised", "authorized":
			if k > i && d.w(k-1) == "not" {
				return true
			}
		}
	}
	return false
}

// officialRoles before a name make its bearer an official speaker.
var officialRoles = map[string]bool{
	"government": true, "ministry": true, "minister": true, "official": true,
	"spokesman": true, "spokeswoman": true, "spokesperson": true, "governor": true,
	"ambassador": true, "president": true, "prime": true, "deputy": false,
}

// labelVerbs call something by a name: with a word of falsity after them
// they deny ("called the reports lies").
var labelVerbs = map[string]bool{
	"called": true, "calls": true, "described": true, "describes": true, "branded": true,
	"brands": true, "labelled": true, "labeled": true, "termed": true,
}

// falsity reports, in the few tokens from i, reports or claims said to be
// false: "the reports were completely false", "the reports lies spread by
// …", "the allegations as baseless".
func (d *doc) falsity(i, to int) bool {
	noun := false
	for k := i; k < to && k < i+10; k++ {
		switch d.w(k) {
		case "report", "reports", "claim", "claims", "allegation", "allegations", "accounts",
			"stories", "rumours", "rumors", "news", "it", "this", "that":
			noun = true
		case "false", "untrue", "baseless", "fabricated", "fabrication", "fabrications", "unfounded",
			"lies", "lie", "fake", "incorrect", "inaccurate", "groundless", "nonsense", "propaganda":
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
	for k < to && k < j+6 && d.toks[k].kind != tPunct {
		w := d.w(k)
		_, wd := weekdays[w]
		_, mo := months[w]
		switch {
		case w == "that":
			if k == j {
				return j
			}
			return k
		case wd, mo, d.toks[k].kind == tNum, w == "on", w == "late", w == "early", w == "earlier",
			w == "this", w == "last", w == "week", w == "yesterday", w == "today", w == "morning",
			w == "evening", w == "night", w == "afternoon":
		default:
			return j
		}
		k++
	}
	return j
}

// orgHeads are generic nouns heading an organisation's name.
var orgHeads = map[string]bool{
	"group": true, "organisation": true, "organization": true, "network": true, "centre": true,
	"center": true, "committee": true, "association": true, "society": true, "foundation": true,
	"institute": true, "monitor": true, "collective": true, "coalition": true,
}

// trailingTime returns where a time phrase ending a speaker's phrase [p, e)
// begins ("factions on Wednesday", "officials late on Monday"), or e.
func (d *doc) trailingTime(p, e int) int {
	k := e
	for k > p {
		w := d.w(k - 1)
		_, wd := weekdays[w]
		switch {
		case wd, w == "yesterday", w == "today", w == "earlier", w == "later":
			k--
			continue
		case w == "on" || w == "late" || w == "early":
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

// personRoles are singular heads naming one person, whom "he" or "she" can
// take up: "a senior PMF commander … He said".
var personRoles = map[string]bool{
	"commander": true, "official": true, "spokesman": true, "spokeswoman": true, "minister": true,
	"diplomat": true, "lawmaker": true, "officer": true, "witness": true, "resident": true,
	"member": true, "analyst": true, "activist": true, "governor": true, "mayor": true,
	"source": true, "insider": true, "eyewitness": true, "parliamentarian": true, "ambassador": true,
}

// aboutTelling reports an introductory phrase about a statement or report
// ("In a statement released on Sunday", "In an interview on Monday").
func (d *doc) aboutTelling(i, j int) bool {
	for k := i; k < j; k++ {
		switch d.w(k) {
		case "statement", "interview", "briefing", "released", "published", "posted", "broadcast", "remarks", "speech":
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
		if w := d.w(k); w == "former" || strings.HasPrefix(w, "ex-") {
			return claim.SpeakerNamed
		} else if officialRoles[w] {
			kind = claim.SpeakerOfficial
		}
	}
	return kind
}
