package extract

import (
	"time"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/knowledge"
	"github.com/triangulate/triangulate/lang"
)

// seg is a clause of a sentence, by token range.
type seg struct {
	from, to int
	colon    bool // opened by a colon: may elaborate the previous clause
	adjunct  bool // a trailing participle clause (", raising concerns …")
	// background: opened by a relative of place (", where the army
	// launched an offensive"): the writer's setting of the place, not
	// the words of the speaker of the clause before it.
	background bool
	sameTime   bool // opened by "when": it happened at the time of the clause before
}

// newClause reports a clause with its own subject and motion or violence
// verb starting at i: a name (or "the" and a noun) then, within a few
// words, a trigger verb, or a verb whose object is a happening noun ("the
// army launched an offensive", "rebels staged a raid").
func (d *doc) newClause(i, b int) bool { return d.newClauseWithin(i, b, 5) }

// newClauseWithin is newClause with the verb at most span words after
// the subject's first: a clause opened by a conjunction of time may have
// a long subject ("after the federal government of Prime Minister Abiy
// Ahmed launched …").
func (d *doc) newClauseWithin(i, b, span int) bool {
	if i >= b || d.toks[i].kind != tWord || !(d.toks[i].cap || d.is(i, cTheWord)) {
		return false
	}
	for k := i + 1; k < b && k <= i+span; k++ {
		if d.toks[k].kind == tPunct {
			return false
		}
		if t, ok := d.trig(k); ok && t.form != fNoun && t.form != fVBG && !d.toks[k].cap {
			return true
		}
		if k > i+1 && d.happeningObject(k, b) {
			return true
		}
	}
	return false
}

// happeningObject reports a lowercase word at k that is not itself a
// trigger, followed by an article and, within two more words, a trigger
// noun: "launched a military offensive", "carried the attack". The word
// before the article is the clause's verb, the noun what happened.
func (d *doc) happeningObject(k, b int) bool {
	if d.toks[k].kind != tWord || d.toks[k].cap || k+1 >= b || !d.is(k+1, cTheA) {
		return false
	}
	if _, ok := d.trig(k); ok {
		return false
	}
	for j := k + 2; j < b && j <= k+4; j++ {
		if d.toks[j].kind == tPunct {
			return false
		}
		if t, ok := d.trig(j); ok && t.form == fNoun {
			return true
		}
	}
	return false
}

// finiteClause reports a clause with its own subject starting at i, in
// any case ("…, where elements of Turkish intelligence have been active"):
// a few words, then an auxiliary, a modal or a finite trigger verb.
//
// A pronoun subject ("…, where they have taken part in …") goes on with
// the actors of the clause before: the two stay one claim.
func (d *doc) finiteClause(i, b int) bool {
	if i >= b || d.toks[i].kind != tWord || d.is(i, cAuxiliary) || d.is(i, cModal) || d.is(i, cPronounSubject) {
		return false
	}
	for k := i + 1; k < b && k < i+10; k++ {
		if d.toks[k].kind == tPunct {
			return false
		}
		if d.is(k, cAuxiliary) && !d.is(k, cGerundEnding) || d.is(k, cModal) || d.is(k, cClauseVerb) && !d.toks[k].cap {
			return true
		}
		if t, ok := d.trig(k); ok && (t.form == fPast || t.form == f3sg || t.form == fVBN) && !d.is(k-1, cDeterminer) {
			return true
		}
	}
	return false
}

// reportClause reports a speaker and a reporting verb then "that" or a
// name starting at i: "the sources reveal that", "the Observatory said
// Ankara had …" (a capitalised or definite subject of a few words).
func (d *doc) reportClause(i, b int) bool {
	if i >= b || d.toks[i].kind != tWord || !(d.toks[i].cap || d.is(i, cTheWord)) {
		return false
	}
	for k := i + 1; k < b && k < i+10; k++ {
		if d.toks[k].kind == tPunct {
			return false
		}
		if d.is(k, cReportVerb) && !d.toks[k].cap && !d.is(k, cReportNoun) {
			return k+1 < b && (d.is(k+1, cThatWord) || d.toks[k+1].cap)
		}
		if _, ok := d.trig(k); ok && !d.toks[k].cap {
			return false
		}
	}
	return false
}

// isTimeWord reports a month, weekday, figure or time noun at i ("in July
// when …", "last week when …"): "when" after it opens a clause of time,
// not a question ("without specifying when").
func (d *doc) isTimeWord(i int) bool {
	return d.toks[i].kind == tNum || d.is(i, cMonth) || d.is(i, cWeekday) || d.is(i, cTimeNoun)
}

// relativeDenial returns the deny verb of a relative clause at i that
// only says its subject denied what it refers to ("which Ankara and Baku
// both denied"), or -1: "which", a capitalised or definite subject, the
// verb, and the clause ends.
func (d *doc) relativeDenial(i, b int) int {
	if i+2 >= b || !d.is(i, cWhichWord) || !(d.toks[i+1].cap || d.is(i+1, cTheWord)) {
		return -1
	}
	for k := i + 2; k < b && k < i+10; k++ {
		if d.toks[k].kind == tPunct {
			return -1
		}
		if d.is(k, cDenyVerb) && !d.toks[k].cap {
			e := k + 1
			for e < b && (d.toks[e].kind == tPunct || d.is(e, cAdverb)) {
				e++
			}
			if e >= b {
				return k
			}
			return -1
		}
	}
	return -1
}

// skipTelling returns the token after a time of the telling opening at i
// ("on Monday"), or i.
func (d *doc) skipTelling(i, b int) int {
	if i+1 < b && d.is(i, cOnWord) && d.is(i+1, cWeekday) {
		return i + 2
	}
	return i
}

// onlyDate reports whether [a, k) is nothing but a date ("Jan. 4",
// "January 7-8", "On January 4").
func (d *doc) onlyDate(a, k int) bool {
	i := a
	if d.is(i, cOnThe) && !d.is(i, cTheWord) {
		i++
	}
	// Any publication day will do: only the shape matters here.
	_, j, ok := d.dateAtFull(i, k, time.Date(2000, 6, 15, 0, 0, 0, 0, time.UTC))
	if !ok {
		return false
	}
	for ; j < k; j++ {
		if !(d.toks[j].kind == tPunct || d.toks[j].kind == tNum || d.is(j, cAndWord)) {
			return false
		}
	}
	return true
}

// spacedDash reports a dash with space on both sides at k, inside [a, b).
func (d *doc) spacedDash(k, a, b int) bool {
	if k <= a || k+1 >= b || d.toks[k].kind != tPunct {
		return false
	}
	r := runeAt(d, k)
	return (r == '–' || r == '—' || r == '-') && d.toks[k].s > d.toks[k-1].e && d.toks[k+1].s > d.toks[k].e
}

// nextSpacedDash returns the next spaced dash in [k, b), or -1.
func (d *doc) nextSpacedDash(k, a, b int) int {
	for ; k < b; k++ {
		if d.spacedDash(k, a, b) {
			return k
		}
	}
	return -1
}

// segments cuts the sentence [a, b) at clause boundaries: semicolons,
// colons, spaced dashes, and commas before a contrastive conjunction or a
// participle.
func (d *doc) segments(dst []seg, a, b int) []seg {
	start := a
	colon, adjunct, background, when := false, false, false, false
	cut := func(k, next int, nextColon, nextAdjunct bool) {
		if k > start {
			dst = append(dst, seg{from: start, to: k, colon: colon, adjunct: adjunct, background: background, sameTime: when})
		}
		start = next
		colon, adjunct, background, when = nextColon, nextAdjunct, false, false
	}
	for k := a; k < b; k++ {
		t := d.toks[k]
		if t.kind == tWord && k > start+2 && d.is(k, cTimeClause) && !d.isComma(k-1) && d.newClauseWithin(k+1, b, 9) {
			// "… appeared in July when Armenia and Azerbaijan clashed near
			// Tovuz": the setting is a happening of its own.
			cut(k, k+1, false, false)
			background, when = true, d.is(k, cSameTimeClause)
			continue
		}
		if t.kind != tPunct {
			if k > start && d.toks[k-1].kind == tWord {
				switch {
				case d.is(k, cAfterClause) && d.is(k+1, cTheWord) && d.finiteClause(k+1, b) && d.hasTrigger(start, k) && d.hasTrigger(k+1, b):
					// "accused Eritrea of sending soldiers after the federal
					// government launched an offensive": the event before is
					// a claim of its own when it has its own subject and verb.
					cut(k, k+1, false, false)
				case d.is(k, cWhenClause) && d.isTimeWord(k-1) && d.newClause(k+1, b) && d.hasTrigger(start, k):
					// "reports appeared in July when Armenia and Azerbaijan
					// clashed": the time's own event is a claim.
					cut(k, k, false, false)
					when = true
				case d.is(k, cAndWord) && (d.hasTrigger(start, k) || d.hasReportVerb(start, k)):
					// "Armenia accused Turkey of sending mercenaries and on
					// Monday the Observatory said …": a second statement.
					if d.reportClause(d.skipTelling(k+1, b), b) {
						cut(k, k+1, false, false)
					}
				}
			}
			continue
		}
		r := runeAt(d, k)
		switch {
		case r == ';':
			cut(k, k+1, false, false)
		case r == ':':
			if k > a && k+1 < b && d.toks[k-1].kind == tNum && d.toks[k+1].kind == tNum {
				continue
			}
			// "Jan. 4: First PMF units cross into Iran": a dated entry, the
			// date is the entry's time.
			if k > a && d.onlyDate(a, k) {
				continue
			}
			cut(k, k+1, true, false)
		case d.spacedDash(k, a, b):
			// A pair of dashes sets off a parenthesis ("fighters from three
			// groups — A, B and C — crossed"): the clause goes on across it.
			if k2 := d.nextSpacedDash(k+1, a, b); k2 > 0 {
				k = k2
				continue
			}
			cut(k, k+1, false, false)
		case r == ',' && k+1 < b:
			if d.is(k+1, cClauseConj) || d.is(k+1, cClauseOpen) {
				cut(k, k+1, false, false)
			} else if d.is(k+1, cWhereClause) && (d.newClause(k+2, b) || d.finiteClause(k+2, b)) {
				// "… in Tigray, where Prime Minister Abiy launched an
				// offensive …": the place's own event is a claim.
				cut(k, k+2, false, false)
				background = true
			} else if d.relativeDenial(k+1, b) > 0 {
				// "Armenia accused Turkey of downing a warplane, which Ankara
				// and Baku both denied": the denial is a claim of its own.
				cut(k, k+1, false, false)
			} else if d.is(k+1, cAndBut) && d.newClause(k+2, b) {
				// "KH sent 500 fighters to Ahvaz, and Nujaba sent 300 to
				// Mashhad": two claims.
				cut(k, k+2, false, false)
			} else if k > start && d.reportClause(k+1, b) && d.hasFiniteVerb(start, k) {
				// "details remain sketchy, the sources reveal that …": a new
				// speaker and what they say.
				cut(k, k+1, false, false)
			} else if d.participle(k+1) && !d.toks[k+1].cap && !d.is(k+1, cPrepGerund) {
				if t, isTrig := d.trig(k + 1); isTrig && t.form == fNoun {
					continue
				}
				cut(k, k+1, false, true)
			}
		}
	}
	cut(b, b, false, false)
	return dst
}

// participle reports a gerund or present participle at token i: a word the
// language pack reads as a gerund, or one ending like one.
func (d *doc) participle(i int) bool {
	if t, ok := d.trig(i); ok {
		return t.form == fVBG
	}
	if e := d.lx[i]; e != nil {
		for _, s := range e.Senses {
			if s.Form == lang.FormGerund {
				return true
			}
		}
	}
	return d.is(i, cGerundEnding)
}

// pending is a claim being assembled from one or more clauses.
type pending struct {
	hit     hit
	att     attrib
	chain   []claim.Attribution
	ranges  [][2]int // content ranges: the clause and any merged ones
	intro   [2]int
	seg     [2]int // the clause with its attribution, for what qualifies the source ("unverified reports")
	evFrom  int
	evTo    int
	merged  bool
	adjunct bool // from a trailing participle clause
	// sameTime: from a "when" clause, which happened when the claim
	// before it did.
	sameTime bool
	setting  [2]int // for sameTime, the clause before it, whose time is its own
	// background: from a clause of the writer's setting (seg.background),
	// which names its own subject: no force of the context stands in.
	background bool
}

// sentence extracts the claims of the sentence [a, b).
func (x *Extractor) sentence(d *doc, st *state, a, b int, first bool, out []claim.Claim) []claim.Claim {
	d.lastUnit = ""
	d.sentFrom = a
	st.segs = d.segments(st.segs[:0], a, b)
	segs := st.segs
	n := len(segs)
	st.atts = grow(st.atts, n)
	st.hits = grow(st.hits, n)
	atts, hits := st.atts, st.hits
	for k, s := range segs {
		atts[k] = x.parseAttribution(d, st, s.from, s.to)
		hits[k] = x.findTrigger(d, st, &atts[k], s)
	}
	// Who says each clause: its own speaker; else a leading speaker of an
	// earlier clause ("X said that A: B"); else a trailing one of a later
	// clause ("A; B, X said"); else the paragraph's running account.
	st.chains = grow(st.chains, n)
	chains := st.chains
	for k := range atts {
		if atts[k].own() {
			chains[k] = atts[k].chain()
		}
	}
	for k := 1; k < n; k++ {
		if chains[k] == nil && len(atts[k-1].inner) > 0 && !segs[k].background {
			chains[k] = chains[k-1]
		}
		// "Commenting on the reports, the spokesman said: “…”": a speaker
		// read as the tail of a clause that claims nothing introduces
		// the words after the colon.
		if chains[k] == nil && segs[k].colon && len(atts[k-1].outer) > 0 && !hits[k-1].ok() {
			chains[k] = chains[k-1]
		}
	}
	for k := n - 2; k >= 0; k-- {
		if chains[k] == nil && len(atts[k+1].outer) > 0 && len(atts[k+1].inner) == 0 && (!hits[k+1].ok() || segs[k+1].adjunct) {
			chains[k] = chains[k+1]
		}
	}
	if first && n > 0 && !atts[0].own() && st.paraChain == nil && (continues(d, a) || st.speaksOn(d, a)) {
		st.paraChain = st.prevParaChain
	}
	if st.quoteChain != nil && st.paraChain == nil && n > 0 {
		if atts[0].own() || st.quoteParas <= 0 {
			st.quoteChain = nil // a new speaker, or long enough: the quote is over
		} else {
			st.paraChain = st.quoteChain
			if first {
				st.quoteParas--
			}
		}
	}
	for k := range chains {
		if chains[k] == nil && !segs[k].background {
			chains[k] = st.paraChain
		}
	}

	ps := st.pend[:0]
	st.pendBuf = st.pendBuf[:0]
	defer func() { st.pend = ps[:0] }()
	for k, s := range segs {
		at := &atts[k]
		h := hits[k]
		var prev *pending
		if len(ps) > 0 {
			prev = ps[len(ps)-1]
		}
		baseline := d.hasBaseline(at.cFrom, at.cTo)
		switch {
		case prev != nil && baseline && d.hasNumber(at.cFrom, at.cTo) && !at.own():
			prev.add(at)
		case prev != nil && s.adjunct && h.ok() && h.action == claim.ActionClash && !at.own() &&
			(prev.hit.action == claim.ActionDeploy || prev.hit.action == claim.ActionTransport):
			// "close to 2,000 mercenaries in the region, fighting against
			// Armenian forces": what the forces sent there do is their part
			// in the one happening, not a claim of its own.
			prev.add(at)
		case h.ok():
			var setting [2]int
			if s.sameTime && k > 0 {
				setting = [2]int{segs[k-1].from, segs[k-1].to}
			}
			evFrom, evTo := at.cFrom, at.cTo
			if at.own() {
				// The evidence is the statement with its attribution: "X
				// said that A", "A, according to X".
				evFrom, evTo = d.leadFrom(s.from, at.cFrom), s.to
			}
			ps = append(ps, st.newPending(pending{hit: h, att: *at, chain: chains[k], intro: [2]int{at.introFrom, at.introTo}, seg: [2]int{s.from, s.to}, evFrom: evFrom, evTo: evTo, adjunct: s.adjunct, sameTime: s.sameTime, background: s.background, setting: setting}, [2]int{at.cFrom, at.cTo}))
		case at.count || (at.own() && d.hasNumber(at.cFrom, at.cTo) && prev != nil):
			// "although one source placed the number of fighters at 2,000":
			// a figure for the event the sentence is about.
			act := claim.ActionDeploy
			if prev != nil {
				act = prev.hit.action
			}
			ps = append(ps, st.newPending(pending{hit: hit{i: at.cFrom, action: act, score: 1, rule: ruleFigureReport}, att: *at, chain: chains[k], intro: [2]int{at.introFrom, at.introTo}, seg: [2]int{s.from, s.to}, evFrom: at.cFrom, evTo: at.cTo}, [2]int{at.cFrom, at.cTo}))
		case prev != nil && (s.colon || baseline) && !s.adjunct, prev != nil && d.hasUnverified(at.cFrom, at.cTo):
			prev.add(at)
		}
	}
	var prevClaim *claim.Claim
	before := len(out)
	for _, p := range ps {
		c, ok := x.build(d, st, p)
		if !ok {
			continue
		}
		// ", killing at least three fighters": the result happened where
		// and when the main clause did (its actors may be the victims).
		if prevClaim != nil && p.adjunct {
			if len(c.Places) == 0 || c.Places[0].Span.End == 0 {
				c.Places = append([]claim.Place{}, prevClaim.Places...)
			}
			if c.Time == nil {
				c.Time = prevClaim.Time
			}
		}
		if prevClaim != nil && p.sameTime && c.Time == nil {
			c.Time = prevClaim.Time
		}
		out = append(out, c)
		prevClaim = &out[len(out)-1]
	}
	// "Minister for the Middle East, Tobias Ellwood said:" closing the
	// paragraph: the paragraphs after it are his words.
	if len(out) == before && b == len(d.toks) && b-1 > a && d.punct(b-1, ':') {
		for k := n - 1; k >= 0; k-- {
			if atts[k].own() {
				// A quote runs over a few paragraphs at most: narrative
				// resumes without saying so.
				st.quoteChain, st.quoteParas = atts[k].chain(), 3
				break
			}
		}
	}
	// "Reuters could not independently verify the footage.": a sentence
	// that only says the paragraph's last claim is unverified.
	if len(out) == before && len(out) > st.paraOut && d.hasUnverified(a, b) {
		if last := &out[len(out)-1]; last.Modality == claim.Asserted || last.Modality == claim.Hedged {
			last.Modality = claim.Unverified
		}
	}
	// The account the paragraph continues: the last speaker named. A
	// party that only denies ("Turkey and Azerbaijan both denied the
	// information") tells nothing the paragraph goes on with.
	for k := n - 1; k >= 0; k-- {
		if atts[k].own() {
			if !(atts[k].denied && atts[k].npObject) {
				st.paraChain = chains[k]
			}
			break
		}
	}
	x.observe(d, st, a, b)
	// Discourse memory is a window, not the whole document.
	if len(st.speakers) > 256 {
		st.speakers = append(st.speakers[:0], st.speakers[len(st.speakers)-128:]...)
	}
	return out
}

// grow returns s resized to n zeroed elements, reusing its array.
func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	s = s[:n]
	clear(s)
	return s
}

// leadFrom returns where a clause's statement starts in [from, to): after
// the conjunctions and punctuation that join it to what comes before.
func (d *doc) leadFrom(from, to int) int {
	for from < to && (d.is(from, cClauseConj) || d.is(from, cAndWord) || d.toks[from].kind == tPunct && !isOpenQuote(runeAt(d, from))) {
		from++
	}
	return from
}

// newPending returns p, with the content range first as its only one, in
// storage that sentence reuses from one sentence to the next: no pending
// outlives the sentence that made it. The ranges reuse the array of the
// slot's last holder.
func (st *state) newPending(p pending, first [2]int) *pending {
	n := len(st.pendBuf)
	if n == cap(st.pendBuf) {
		// A new array: the pendings handed out stay where they are.
		st.pendBuf = append(st.pendBuf, pending{})
	} else {
		st.pendBuf = st.pendBuf[:n+1]
	}
	q := &st.pendBuf[n]
	p.ranges = append(q.ranges[:0], first)
	*q = p
	return q
}

func (p *pending) add(at *attrib) {
	p.ranges = append(p.ranges, [2]int{at.cFrom, at.cTo})
	if at.cTo > p.evTo {
		p.evTo = at.cTo
	}
	p.merged = true
}

// speaksOn reports a paragraph that opens a quote in the first person
// ("“We are aware of …", "“I can confirm …") without naming a speaker,
// after a paragraph whose account a person or a body gave: the quote is
// that speaker's words going on. An outlet does not speak as "we" in a
// report, so an account only an outlet carries is not continued.
func (st *state) speaksOn(d *doc, a int) bool {
	if a+1 >= len(d.toks) || d.toks[a].kind != tPunct || !isOpenQuote(runeAt(d, a)) || !d.is(a+1, cFirstPerson) {
		return false
	}
	if len(st.prevParaChain) == 0 {
		return false
	}
	k := st.prevParaChain[0].Kind
	return !isOutletKind(k) && k != claim.SpeakerSocial
}

// continues reports whether a paragraph's first sentence goes on with the
// previous paragraph's account: it opens with a phrase pointing back ("The
// deployed forces", "These transfers", "A similar pattern").
func continues(d *doc, a int) bool {
	switch {
	case d.is(a, cContinuer):
		return true
	case d.is(a, cTheA):
		if d.is(a+1, cSameSimilar) {
			return true
		}
		if d.is(a, cTheWord) {
			if t, ok := d.trig(a + 1); ok && (t.form == fPast || t.form == fNoun) {
				return true // "The deployed forces", "The deployment"
			}
			return d.is(a+1, cContinueNoun)
		}
	}
	return false
}

// hit is the trigger chosen for a clause.
type hit struct {
	i        int
	action   claim.Action
	lemma    string
	form     form
	score    int
	definite bool
	rule     string     // the language-pack rule that made it
	roles    []roleMark // tokens the rule gave a role
}

func (h hit) ok() bool { return h.score > 0 }

// findTrigger chooses the word that makes the clause a claim and its
// action: the best match of the language pack's trigger rules. A rule's
// fixed score wins as it is (no-comment 5, affiliation 3 …); otherwise the
// grammar rates the anchor's form (triggerScore): a finite verb outranks a
// gerund or an indefinite noun, which outranks a definite one.
func (x *Extractor) findTrigger(d *doc, st *state, at *attrib, s seg) hit {
	from, to := at.cFrom, at.cTo
	d.reportedFrom = -1
	if at.verb != "" {
		d.reportedFrom = at.cFrom
	}
	var best hit
	consider := func(h hit) {
		if h.score > best.score {
			best = h
		}
	}
	ms := st.matches[:0]
	for i := from; i < to; i++ {
		if !d.hasAnchors(i) || d.toks[i].cap && i > from {
			continue
		}
		ms = d.matchesAt(ms[:0], lang.KindTrigger, i, from, to)
		if len(ms) == 0 {
			continue
		}
		if _, vetoed := d.vetoed(i, from, to); vetoed {
			continue
		}
		for _, m := range ms {
			if !x.conditions(d, st, m, from, to) {
				continue
			}
			f := formOf(m.sense.Form)
			if lf, ok := lang.FormNamed(m.rule.Form); ok {
				f = formOf(lf)
			}
			h := hit{i: i, action: claim.Action(m.rule.Action), lemma: m.sense.Lemma, form: f, rule: m.rule.ID, roles: m.roles}
			if m.rule.Score > 0 {
				h.score = m.rule.Score
			} else {
				h.score, h.definite = d.triggerScore(i, from, to, trig{lemma: m.sense.Lemma, form: f}, h.action)
			}
			if h.score == 0 {
				continue
			}
			consider(h)
			break // the best rule at this anchor decides its reading
		}
	}
	st.matches = ms
	if best.score >= scoreNoComment {
		return best
	}
	if at.npObject {
		act, rule := claim.ActionConfirm, ruleConfirmObject
		if at.denied {
			act, rule = claim.ActionDeny, ruleDenyObject
		}
		return hit{i: from, action: act, score: 4, rule: rule}
	}
	if !best.ok() {
		// "Footage … shows dozens of armed men … at the Mehran crossing":
		// what imagery or data shows of armed men at a place is their
		// presence there.
		if d.g.wordIs(at.verb, cShowVerb) && d.hasForceNoun(from, to) && d.placeIn(from, to) {
			return hit{i: from, action: claim.ActionDeploy, score: 1, rule: ruleShownPresence}
		}
	}
	return best
}

// scoreNoComment is the score of the rules that read a refusal to comment:
// they win over any other reading of the clause.
const scoreNoComment = 5

// conditions checks the named grammar conditions of a rule's When.
func (x *Extractor) conditions(d *doc, st *state, m ruleMatch, from, to int) bool {
	i := m.i
	for _, c := range m.rule.When {
		ok := false
		switch c {
		case "figure": // a figure after the anchor
			ok = d.hasNumber(i, to)
		case "not_after_comma": // the anchor does not open a comma-set phrase
			ok = i > from && !d.isComma(i-1)
		case "actor_whole": // a pack actor, not part of a compound, at or after the anchor
			for k := i; k < to && !ok; k++ {
				if mm, found := d.mentionAt(k); found && mm.kind == knowledge.ActorMatch && !mm.compound {
					ok = true
				}
			}
		case "gap_noun": // a blackout that is news: indefinite, early in the clause, or dated
			s, _ := d.nounScore(i, from, to)
			ok = s > 0 || i <= from+4 || d.hasDate(from, to, st)
		case "dated": // the clause gives a time
			ok = d.hasDate(from, to, st)
		default:
			ok = false // an unknown condition never holds (the pack tests catch it)
		}
		if !ok {
			return false
		}
	}
	return true
}

// placeIn reports a pack place named in [from, to).
func (d *doc) placeIn(from, to int) bool {
	for k := from; k < to; k++ {
		if m, ok := d.mentionAt(k); ok && m.kind == knowledge.PlaceMatch {
			return true
		}
	}
	return false
}

// prevWord returns the index of the word before i, skipping adverbs.
func (d *doc) prevWord(i, from int) int {
	k := i - 1
	for k >= from && d.is(k, cAdverb) {
		k--
	}
	return k
}

// triggerScore rates a lexicon word as the clause's trigger: 3 a finite
// verb, 2 a gerund or an indefinite noun, 1 a definite noun that something
// happens to, 0 not a trigger here (a purpose infinitive, a participle
// adjunct, background).
func (d *doc) triggerScore(i, from, to int, t trig, action claim.Action) (int, bool) {
	pv := d.prevWord(i, from)
	has := func(k int, c lang.Class) bool { return k >= from && d.is(k, c) }
	hasNext := i+1 < to
	switch t.form {
	case fNoun:
		return d.nounScore(i, from, to)
	case fVBG:
		if hasNext && d.is(i+1, cOfWord) || has(pv, cDeterminer) {
			return d.nounScore(i, from, to)
		}
		switch {
		case has(pv, cAuxiliary) || has(pv, cAspectVerb):
			return 3, false
		case pv < from:
			// ", killing at least three fighters": a result, not a side
			// remark; other participles opening a clause are side remarks.
			if action == claim.ActionKill {
				return 2, false
			}
			return 0, false
		case d.isComma(i - 1):
			return 0, false
		case has(pv, cToWord):
			return 0, false
		}
		return 2, false
	case fBase, f3sg:
		if has(pv, cToWord) {
			if has(pv-1, cControlVerb) {
				return 2, false
			}
			return 0, false
		}
		if has(pv, cModal) {
			return 3, false
		}
		if has(pv, cDeterminer) || has(pv, cPreposition) || pv < from || d.isAdjectiveBefore(pv) {
			return d.nounScore(i, from, to)
		}
		return 3, false
	case fPast, fVBN:
		// "an offensive that left thousands dead": after a relative
		// pronoun the verb is finite, not a noun's modifier.
		if has(pv, cAuxiliary) || has(pv, cModal) || has(pv, cRelativeThat) {
			return 3, false
		}
		if has(pv, cToWord) {
			return 0, false
		}
		if has(pv, cDeterminer) {
			s, def := d.nounScore(i, from, to)
			if s > 1 {
				s = 1
			}
			return s, def
		}
		if pv >= from && d.isComma(pv) {
			return 1, false
		}
		// Telegraphic style of lists and summaries: "At least 2,400
		// protesters killed, per a rights group": a figure, its noun, the verb.
		isNum := func(k int) bool { return k >= from && (d.toks[k].kind == tNum || d.is(k, cNumberWord) || d.spelled(k)) }
		if pv >= from && d.unitNoun(pv) && (isNum(pv-1) || d.nationality(pv-1) && isNum(pv-2)) {
			return 2, false
		}
		if !hasNext || d.toks[i+1].kind == tPunct && !d.punct(i+1, '“') && !d.punct(i+1, '"') {
			return 0, false
		}
		if pv < from {
			return 1, false
		}
		return 3, false
	}
	return 0, false
}

// isAdjectiveBefore reports a lower-case word that modifies a noun trigger
// ("a harsh crackdown"), which makes a base-form trigger a noun.
func (d *doc) isAdjectiveBefore(k int) bool {
	return d.is(k, cAdjectiveNounMod)
}

// nounScore rates a nominal trigger.
func (d *doc) nounScore(i, from, to int) (int, bool) {
	// Background: "after weeks of demonstrations and a harsh crackdown",
	// "since the crackdown began", "following the attempted infiltration".
	for k := i - 1; k >= from && k >= i-12; k-- {
		if d.isComma(k) || d.punct(k, ';') {
			break
		}
		if d.is(k, cBackgroundPrep) {
			return 0, false
		}
		if t, ok := d.trig(k); ok && t.form != fNoun && !d.toks[k].cap && k < i-1 && t.form != fVBG {
			break
		}
		if d.is(k, cAuxiliary) {
			break
		}
	}
	// The determiner of the noun phrase ("much of the suppression": the
	// determiner is after "of").
	k := i - 1
	for k >= from && k >= i-5 {
		if d.is(k, cDeterminer) || d.toks[k].kind != tWord || d.is(k, cPreposition) {
			break
		}
		k--
	}
	definite := k >= from && d.is(k, cDefinite)
	if !definite {
		return 2, false
	}
	// A definite noun restates a known event unless the clause says it
	// happened now, or it opens the reported content.
	if d.reportedFrom >= 0 && k <= d.reportedFrom+1 {
		return 1, true
	}
	for q := i + 1; q < to && q <= i+14; q++ {
		if d.is(q, cHappening) {
			return 1, true
		}
	}
	return 0, true
}

func (d *doc) isPlaceToken(i int) bool {
	m, ok := d.mentionAt(i)
	return ok && m.kind == knowledge.PlaceMatch
}

func (d *doc) hasDate(from, to int, st *state) bool {
	return d.timeIn(from, to, st.pub, nil) != nil
}

func (d *doc) hasBaseline(from, to int) bool {
	for i := from; i < to; i++ {
		if d.is(i, cBaseline) || d.is(i, cNormalConditions) && i > from && d.is(i-1, cNormalWord) {
			return true
		}
	}
	return false
}

func (d *doc) hasNumber(from, to int) bool {
	for i := from; i < to; i++ {
		if d.used[i] {
			continue
		}
		if d.toks[i].kind == tNum {
			if _, ok := yearNumber(d.raw(i)); !ok {
				return true
			}
		}
		if d.spelled(i) && !d.is(i, cNumberWord) {
			return true
		}
	}
	return false
}

// spelled reports a number word at token i ("four", "twenty-five").
func (d *doc) spelled(i int) bool {
	if i < 0 || i >= len(d.toks) || d.toks[i].kind != tWord {
		return false
	}
	_, ok := d.g.spelledWord(d.w(i))
	return ok
}

func (d *doc) hasUnverified(from, to int) bool {
	_, ok := d.modalityRule(claim.Unverified, from, to)
	return ok
}
