package extract

import (
	"slices"
	"strings"
	"time"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/knowledge"
)

// seg is a clause of a sentence, by token range.
type seg struct {
	from, to int
	colon    bool // opened by a colon: may elaborate the previous clause
	adjunct  bool // a trailing participle clause (", raising concerns …")
}

// newClause reports a clause with its own subject and motion or violence
// verb starting at i: a name (or "the" and a noun) then, within a few
// words, a trigger verb.
func (d *doc) newClause(i, b int) bool {
	if i >= b || d.toks[i].kind != tWord || !(d.toks[i].cap || d.w(i) == "the") {
		return false
	}
	for k := i + 1; k < b && k < i+6; k++ {
		if d.toks[k].kind == tPunct {
			return false
		}
		if t, ok := triggers[d.w(k)]; ok && t.form != fNoun && t.form != fVBG && !d.toks[k].cap {
			return true
		}
	}
	return false
}

// onlyDate reports whether [a, k) is nothing but a date ("Jan. 4",
// "January 7-8", "On January 4").
func (d *doc) onlyDate(a, k int) bool {
	i := a
	if d.w(i) == "on" {
		i++
	}
	// Any publication day will do: only the shape matters here.
	_, j, ok := d.dateAtFull(i, k, time.Date(2000, 6, 15, 0, 0, 0, 0, time.UTC))
	if !ok {
		return false
	}
	for ; j < k; j++ {
		if !(d.toks[j].kind == tPunct || d.toks[j].kind == tNum || d.w(j) == "and") {
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
	colon, adjunct := false, false
	cut := func(k, next int, nextColon, nextAdjunct bool) {
		if k > start {
			dst = append(dst, seg{from: start, to: k, colon: colon, adjunct: adjunct})
		}
		start = next
		colon, adjunct = nextColon, nextAdjunct
	}
	for k := a; k < b; k++ {
		t := d.toks[k]
		if t.kind != tPunct {
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
			w := d.w(k + 1)
			if clauseConj[w] {
				cut(k, k+1, false, false)
			} else if (w == "and" || w == "but") && d.newClause(k+2, b) {
				// "KH sent 500 fighters to Ahvaz, and Nujaba sent 300 to
				// Mashhad": two claims.
				cut(k, k+2, false, false)
			} else if strings.HasSuffix(w, "ing") && !d.toks[k+1].cap && !prepGerunds[w] && len(w) > 5 {
				if _, isTrig := triggers[w]; isTrig && triggers[w].form == fNoun {
					continue
				}
				cut(k, k+1, false, true)
			}
		}
	}
	cut(b, b, false, false)
	return dst
}

// pending is a claim being assembled from one or more clauses.
type pending struct {
	hit     hit
	att     attrib
	chain   []claim.Attribution
	ranges  [][2]int // content ranges: the clause and any merged ones
	intro   [2]int
	evFrom  int
	evTo    int
	merged  bool
	adjunct bool // from a trailing participle clause
}

// sentence extracts the claims of the sentence [a, b).
func (x *Extractor) sentence(d *doc, st *state, a, b int, first bool, out []claim.Claim) []claim.Claim {
	d.lastUnit = ""
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
		if chains[k] == nil && len(atts[k-1].inner) > 0 {
			chains[k] = chains[k-1]
		}
	}
	for k := n - 2; k >= 0; k-- {
		if chains[k] == nil && len(atts[k+1].outer) > 0 && len(atts[k+1].inner) == 0 && (!hits[k+1].ok() || segs[k+1].adjunct) {
			chains[k] = chains[k+1]
		}
	}
	if first && n > 0 && !atts[0].own() && st.paraChain == nil && continues(d, a) {
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
		if chains[k] == nil {
			chains[k] = st.paraChain
		}
	}

	ps := st.pend[:0]
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
		case h.ok():
			ps = append(ps, &pending{hit: h, att: *at, chain: chains[k], ranges: [][2]int{{at.cFrom, at.cTo}}, intro: [2]int{at.introFrom, at.introTo}, evFrom: at.cFrom, evTo: at.cTo, adjunct: s.adjunct})
		case at.count || (at.own() && d.hasNumber(at.cFrom, at.cTo) && prev != nil):
			// "although one source placed the number of fighters at 2,000":
			// a figure for the event the sentence is about.
			act := claim.ActionDeploy
			if prev != nil {
				act = prev.hit.action
			}
			ps = append(ps, &pending{hit: hit{i: at.cFrom, action: act, score: 1}, att: *at, chain: chains[k], ranges: [][2]int{{at.cFrom, at.cTo}}, intro: [2]int{at.introFrom, at.introTo}, evFrom: at.cFrom, evTo: at.cTo})
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
	// The account the paragraph continues: the last speaker named.
	for k := n - 1; k >= 0; k-- {
		if atts[k].own() {
			st.paraChain = chains[k]
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

func (p *pending) add(at *attrib) {
	p.ranges = append(p.ranges, [2]int{at.cFrom, at.cTo})
	if at.cTo > p.evTo {
		p.evTo = at.cTo
	}
	p.merged = true
}

// continues reports whether a paragraph's first sentence goes on with the
// previous paragraph's account: it opens with a phrase pointing back ("The
// deployed forces", "These transfers", "A similar pattern").
func continues(d *doc, a int) bool {
	w := d.w(a)
	switch w {
	case "these", "this", "those", "such", "similarly", "likewise":
		return true
	case "a", "the":
		n := d.w(a + 1)
		if n == "similar" || n == "same" {
			return true
		}
		if w == "the" {
			if t, ok := triggers[n]; ok && (t.form == fPast || t.form == fNoun) {
				return true // "The deployed forces", "The deployment"
			}
			return n == "incoming" || n == "fighters" || n == "forces" || n == "militants"
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
}

func (h hit) ok() bool { return h.score > 0 }

// findTrigger chooses the word that makes the clause a claim and its action.
func (x *Extractor) findTrigger(d *doc, st *state, at *attrib, s seg) hit {
	from, to := at.cFrom, at.cTo
	d.reportedFrom = -1
	if at.verb != "" {
		d.reportedFrom = at.cFrom
	}
	if h, ok := d.noComment(from, to); ok {
		return h
	}
	if at.npObject {
		act := claim.ActionConfirm
		if at.denied {
			act = claim.ActionDeny
		}
		return hit{i: from, action: act, score: 4}
	}
	if h, ok := d.noComment(from, to); ok {
		return h
	}
	var best hit
	consider := func(h hit) {
		if h.score > best.score {
			best = h
		}
	}
	if h, ok := d.dataGap(from, to, st); ok {
		consider(h)
	}
	if h, ok := d.tookPart(from, to); ok {
		consider(h)
	}
	if h, ok := d.affiliation(from, to); ok {
		consider(h)
	}
	for i := from; i < to; i++ {
		if !d.is(i, lxTrigger) {
			continue
		}
		t, ok := triggers[d.w(i)]
		if !ok || d.toks[i].cap && i > from {
			continue
		}
		h := hit{i: i, action: t.action, lemma: t.lemma, form: t.form}
		// Attempts: "attempted to enter", "seeking to cross", "the attempted crossing".
		if t.action == claim.ActionDeploy {
			if t.form == fBase && i >= from+2 && d.w(i-1) == "to" && attemptVerbs[d.w(i-2)] {
				h.action = claim.ActionAttempt
				h.score = d.verbScore(i-2, from, to)
				consider(h)
				continue
			}
			if i > from && (d.w(i-1) == "attempted" || d.w(i-1) == "failed" || d.w(i-1) == "attempt") {
				h.action = claim.ActionAttempt
				h.score, h.definite = d.nounScore(i, from, to)
				consider(h)
				continue
			}
		}
		h.score, h.definite = d.triggerScore(i, from, to, t)
		if h.score == 0 {
			continue
		}
		if needsDest[t.lemma] && !d.hasDestAfter(i, to) {
			continue
		}
		// Triggers too common alone need their context ("passed" only
		// through a place, "fired" only on protesters …).
		if guard, ok := triggerGuards[t.lemma]; ok && !guard(d, i, from, to) {
			continue
		}
		consider(h)
	}
	if !best.ok() {
		// "Footage … shows dozens of armed men … at the Mehran crossing":
		// what imagery or data shows of armed men at a place is their
		// presence there.
		if showVerbs[at.verb] && d.hasForceNoun(from, to) && d.placeIn(from, to) {
			return hit{i: from, action: claim.ActionDeploy, score: 1}
		}
		return best
	}
	best.action = x.refineAction(d, best, from, to)
	return best
}

var showVerbs = map[string]bool{"shows": true, "show": true, "showed": true, "shown": true}

// placeIn reports a pack place named in [from, to).
func (d *doc) placeIn(from, to int) bool {
	for k := from; k < to; k++ {
		if m, ok := d.mentionAt(k); ok && m.kind == knowledge.PlaceMatch {
			return true
		}
	}
	return false
}

// refineAction adjusts a trigger's action to its context: aircraft that
// travel make a flights claim; transfers by airline are transport.
func (x *Extractor) refineAction(d *doc, h hit, from, to int) claim.Action {
	switch h.action {
	case claim.ActionDeploy:
		if h.form != fNoun {
			if subj := d.subjectNoun(h.i, from); aircraftNouns[subj] {
				return claim.ActionFlights
			}
		}
		if h.lemma == "transfer" || h.lemma == "move" {
			for k := from; k < to; k++ {
				switch d.w(k) {
				case "domestic", "airline", "airlines", "flights", "airlift", "air":
					return claim.ActionTransport
				}
				if m, ok := d.mentionAt(k); ok && m.kind == knowledge.ActorMatch && x.pack != nil {
					if a, ok := x.pack.Actor(m.id); ok && a.Kind == "airline" {
						return claim.ActionTransport
					}
				}
			}
		}
	}
	return h.action
}

// subjectNoun returns the nearest word before a verb, skipping adverbs and
// auxiliaries: the head of its subject in simple clauses.
func (d *doc) subjectNoun(i, from int) string {
	k := i - 1
	for k >= from && (adverbs[d.w(k)] || auxiliaries[d.w(k)] || modals[d.w(k)]) {
		k--
	}
	if k < from {
		return ""
	}
	return d.w(k)
}

// prevWord returns the index of the word before i, skipping adverbs.
func (d *doc) prevWord(i, from int) int {
	k := i - 1
	for k >= from && adverbs[d.w(k)] {
		k--
	}
	return k
}

// verbScore rates how surely the verb at i is a clause's predicate.
func (d *doc) verbScore(i, from, to int) int {
	pv := d.prevWord(i, from)
	if pv >= from && (auxiliaries[d.w(pv)] || modals[d.w(pv)] || aspectVerbs[d.w(pv)]) {
		return 3
	}
	if pv >= from && d.w(pv) == "to" {
		return 1
	}
	return 3
}

var prepositions = map[string]bool{
	"in": true, "of": true, "for": true, "on": true, "at": true, "by": true, "with": true,
	"from": true, "about": true, "into": true, "after": true, "before": true, "without": true,
	"against": true, "amid": true, "during": true, "over": true, "under": true, "through": true,
}

// triggerScore rates a lexicon word as the clause's trigger: 3 a finite
// verb, 2 a gerund or an indefinite noun, 1 a definite noun that something
// happens to, 0 not a trigger here (a purpose infinitive, a participle
// adjunct, background).
func (d *doc) triggerScore(i, from, to int, t trig) (int, bool) {
	pv := d.prevWord(i, from)
	prev := ""
	if pv >= from {
		prev = d.w(pv)
	}
	next := d.w(i + 1)
	if i+1 >= to {
		next = ""
	}
	switch t.form {
	case fNoun:
		// "The death toll has risen to at least 538": a toll with its
		// figure is news, definite or not.
		if t.lemma == "toll" {
			if d.hasNumber(i, to) {
				return 2, false
			}
			return 0, false
		}
		return d.nounScore(i, from, to)
	case fVBG:
		if t.lemma == "cross" {
			if prev == "border" || prev == "the" && d.isPlaceToken(i+1) {
				return 0, false
			}
			if m, ok := d.mentionAt(pv); ok && m.kind == knowledge.PlaceMatch {
				return 0, false
			}
			if next == "point" || next == "points" {
				return 0, false
			}
		}
		if next == "of" || determiners[prev] {
			return d.nounScore(i, from, to)
		}
		switch {
		case auxiliaries[prev] || aspectVerbs[prev]:
			return 3, false
		case pv < from:
			// ", killing at least three fighters": a result, not a side remark.
			if t.action == claim.ActionKill {
				return 2, false
			}
			return 0, false
		case d.isComma(i - 1):
			return 0, false
		case prev == "to":
			return 0, false
		}
		return 2, false
	case fBase, f3sg:
		if prev == "to" {
			if pv-1 >= from && controlVerbs[d.w(pv-1)] {
				return 2, false
			}
			return 0, false
		}
		if modals[prev] {
			return 3, false
		}
		if determiners[prev] || prepositions[prev] || pv < from || d.isAdjectiveBefore(pv) {
			return d.nounScore(i, from, to)
		}
		return 3, false
	case fPast, fVBN:
		if auxiliaries[prev] || modals[prev] {
			return 3, false
		}
		if prev == "to" {
			return 0, false
		}
		if determiners[prev] {
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
		if pv >= from && unitNouns[prev] && pv-1 >= from && (d.toks[pv-1].kind == tNum || d.is(pv-1, lxNumber) || isNationality(d.w(pv-1)) && pv-2 >= from && (d.toks[pv-2].kind == tNum || d.is(pv-2, lxNumber))) {
			return 2, false
		}
		if next == "" || i+1 < to && d.toks[i+1].kind == tPunct && !d.punct(i+1, '“') && !d.punct(i+1, '"') {
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
	w := d.w(k)
	return strings.HasSuffix(w, "ive") || strings.HasSuffix(w, "al") || strings.HasSuffix(w, "ful") || w == "harsh" || w == "violent" || w == "brutal" || w == "security"
}

// nounScore rates a nominal trigger.
func (d *doc) nounScore(i, from, to int) (int, bool) {
	// Background: "after weeks of demonstrations and a harsh crackdown",
	// "since the crackdown began", "following the attempted infiltration".
	for k := i - 1; k >= from && k >= i-12; k-- {
		if d.isComma(k) || d.punct(k, ';') {
			break
		}
		w := d.w(k)
		if backgroundPreps[w] {
			return 0, false
		}
		if t, ok := triggers[w]; ok && t.form != fNoun && !d.toks[k].cap && k < i-1 && t.form != fVBG {
			break
		}
		if auxiliaries[w] {
			break
		}
	}
	// The determiner of the noun phrase.
	k := i - 1
	for k >= from && k >= i-5 {
		w := d.w(k)
		if determiners[w] || d.toks[k].kind != tWord {
			break
		}
		if prepositions[w] && w != "of" {
			break
		}
		if w == "of" {
			// "much of the suppression": the determiner is after "of".
			break
		}
		k--
	}
	definite := k >= from && definiteDets[d.w(k)]
	if !definite {
		return 2, false
	}
	// A definite noun restates a known event unless the clause says it
	// happened now, or it opens the reported content.
	if d.reportedFrom >= 0 && k <= d.reportedFrom+1 {
		return 1, true
	}
	for q := i + 1; q < to && q <= i+14; q++ {
		if happenings[d.w(q)] {
			return 1, true
		}
	}
	return 0, true
}

func (d *doc) isPlaceToken(i int) bool {
	m, ok := d.mentionAt(i)
	return ok && m.kind == knowledge.PlaceMatch
}

// placeSoon reports a place within two tokens of i.
func (d *doc) placeSoon(i, to int) bool {
	for k := i; k < to && k < i+3; k++ {
		if d.isPlaceToken(k) || d.w(k) == "country" {
			return true
		}
	}
	return false
}

// hasDestAfter reports a destination phrase after a motion verb.
func (d *doc) hasDestAfter(i, to int) bool {
	for k := i + 1; k < to && k < i+12; k++ {
		switch d.w(k) {
		case "to", "into", "toward", "towards":
			if d.placeSoon(k+1, to) || k+1 < to && d.toks[k+1].cap && d.w(k+1) != "the" {
				return true
			}
		}
	}
	return false
}

// noComment recognises "neither confirmed nor denied" in its variants.
func (d *doc) noComment(from, to int) (hit, bool) {
	neither, nor := -1, -1
	for i := from; i < to; i++ {
		w := d.w(i)
		switch w {
		case "neither":
			neither = i
		case "nor":
			if neither >= 0 {
				nor = i
			}
		case "confirmed", "confirm", "denied", "deny", "refuted", "refute", "commented", "comment":
			if neither >= 0 && (nor >= 0 || hasAhead(d, i, to, "or", "nor")) {
				return hit{i: neither, action: claim.ActionNoComment, score: 5}, true
			}
			// "have not confirmed or denied", "declined to comment"
			if i+2 < to && d.w(i+1) == "or" && (strings.HasPrefix(d.w(i+2), "den") || strings.HasPrefix(d.w(i+2), "refut")) {
				for k := i - 1; k >= from && k >= i-4; k-- {
					if d.w(k) == "not" || d.w(k) == "never" || strings.HasSuffix(d.w(k), "n't") {
						return hit{i: k, action: claim.ActionNoComment, score: 5}, true
					}
				}
			}
			if (w == "comment" || w == "confirm") && i >= from+2 && d.w(i-1) == "to" && (d.w(i-2) == "declined" || d.w(i-2) == "refused") {
				return hit{i: i - 2, action: claim.ActionNoComment, score: 5}, true
			}
			// "Tehran has not commented on the reports", "did not comment".
			if (w == "commented" || w == "comment") && i > from {
				if k := i - 1; d.w(k) == "not" || d.w(k) == "never" || strings.HasSuffix(d.w(k), "n't") {
					return hit{i: k, action: claim.ActionNoComment, score: 5}, true
				}
			}
		case "respond", "responded", "reply", "replied":
			// "did not respond to a request for comment"
			if i > from && (d.w(i-1) == "not" || strings.HasSuffix(d.w(i-1), "n't")) {
				for k := i + 1; k < to && k < i+7; k++ {
					if d.w(k) == "comment" || d.w(k) == "comments" {
						return hit{i: i - 1, action: claim.ActionNoComment, score: 5}, true
					}
				}
			}
		}
	}
	return hit{}, false
}

func hasAhead(d *doc, i, to int, ws ...string) bool {
	for k := i + 1; k < to && k < i+4; k++ {
		for _, w := range ws {
			if d.w(k) == w {
				return true
			}
		}
	}
	return false
}

// triggerGuards hold, per trigger lemma, the context without which the
// word makes no claim. A lemma without a guard needs none.
var triggerGuards = map[string]func(d *doc, i, from, to int) bool{
	// "went into Iran", "going to Tehran".
	"go": func(d *doc, i, _, to int) bool { return d.prepThenPlace(i, to, "in", "into", "to") },
	// "passed through the Zurbatiya crossing".
	"pass": func(d *doc, i, _, to int) bool { return d.prepThenPlace(i, to, "through", "via", "into") },
	// "fired on demonstrators", "shooting at protesters".
	"fire":  func(d *doc, i, _, to int) bool { return d.firedOnProtesters(i, to) },
	"shoot": func(d *doc, i, _, to int) bool { return d.firedOnProtesters(i, to) },
	// "asked Iraqi militias for help".
	"ask": func(d *doc, i, _, to int) bool { return d.askedForHelp(i, to) },
	// "reached Tehran".
	"reach": func(d *doc, i, _, to int) bool { return i+1 < to && d.placeSoon(i+1, min(to, i+3)) },
	// "came in buses from Iraq".
	"come": func(d *doc, i, _, to int) bool { return d.placeAfterPrep(i, to) },
	// "leaving four Guards dead".
	"leave": func(d *doc, i, _, to int) bool { return d.leftDead(i, to) },
	// Armed men "seen in", "manning checkpoints around", "joined units in" a place.
	"see":  func(d *doc, i, from, to int) bool { return d.observedAt(i, from, to, true) },
	"man":  func(d *doc, i, from, to int) bool { return d.observedAt(i, from, to, false) },
	"join": func(d *doc, i, from, to int) bool { return d.observedAt(i, from, to, false) },
	// "34 strikes against ISIL", not a walkout.
	"strike": func(d *doc, i, from, to int) bool {
		return i > from && (d.toks[i-1].kind == tNum || d.is(i-1, lxNumber)) ||
			i+1 < to && (d.w(i+1) == "against" || d.w(i+1) == "on" || d.w(i+1) == "targeting")
	},
	// "were present in Iran".
	"present": func(d *doc, i, from, to int) bool {
		return i > from && auxiliaries[d.w(i-1)] && d.prepThenPlace(i, to, "in", "at", "inside")
	},
}

// prepThenPlace reports one of preps right after token i and a place just
// after it.
func (d *doc) prepThenPlace(i, to int, preps ...string) bool {
	return i+1 < to && slices.Contains(preps, d.w(i+1)) && d.placeSoon(i+2, to)
}

// tookPart recognises taking part in violence: "took part in the
// crackdown", "participated in operations against demonstrators". The
// crackdown is not a known event restated but what the subject did.
func (d *doc) tookPart(from, to int) (hit, bool) {
	for i := from; i+1 < to; i++ {
		w, n := d.w(i), d.w(i+1)
		if !((w == "part" && n == "in" && i > from && (d.w(i-1) == "took" || d.w(i-1) == "taken" || d.w(i-1) == "taking" || d.w(i-1) == "take")) ||
			((w == "participated" || w == "participating" || w == "involved") && n == "in")) {
			continue
		}
		// a negated "had not taken part" is still found here; modality decides.
		for k := i + 2; k < to && k < i+7; k++ {
			if t, ok := triggers[d.w(k)]; ok && t.form == fNoun && (t.action == claim.ActionSuppress || t.action == claim.ActionKill || t.action == claim.ActionClash) {
				return hit{i: k, action: t.action, lemma: t.lemma, form: t.form, score: 3}, true
			}
			if d.w(k) == "operations" || d.w(k) == "operation" {
				for q := k + 1; q < to && q < k+4; q++ {
					if victimNouns[d.w(q)] || d.w(q) == "protests" || d.w(q) == "protest" {
						return hit{i: k, action: claim.ActionSuppress, form: fNoun, score: 3}, true
					}
				}
			}
		}
	}
	return hit{}, false
}

// observedAt reports armed men observed at a place: a force noun or
// armed group before the verb at i (after a form of "be" when passive) and
// a place within a few words after it.
func (d *doc) observedAt(i, from, to int, passive bool) bool {
	if passive && !(i > from && (auxiliaries[d.w(i-1)] || adverbs[d.w(i-1)] && i-1 > from && auxiliaries[d.w(i-2)])) {
		return false
	}
	subject := d.hasForceNoun(from, i)
	for k := from; k < i && !subject; k++ {
		if m, ok := d.mentionAt(k); ok && m.kind == knowledge.ActorMatch {
			subject = true
		}
	}
	if !subject {
		return false
	}
	for k := i + 1; k < to && k < i+9; k++ {
		if d.isPlaceToken(k) {
			return true
		}
	}
	return false
}

// leftDead reports "left/leaving N (…) dead|killed|injured|wounded" at i.
func (d *doc) leftDead(i, to int) bool {
	if _, _, ok := d.numberAt(i+1, to); !ok {
		return false
	}
	for k := i + 2; k < to && k < i+6; k++ {
		switch d.w(k) {
		case "dead", "killed", "injured", "wounded":
			return true
		}
	}
	return false
}

// placeAfterPrep reports a place after "from", "to", "into" or "across"
// within a few words of a motion verb at i ("came in buses from Iraq").
func (d *doc) placeAfterPrep(i, to int) bool {
	for k := i + 1; k < to && k < i+7; k++ {
		switch d.w(k) {
		case "from", "to", "into", "across":
			if d.placeSoon(k+1, to) {
				return true
			}
		}
	}
	return false
}

// askedForHelp reports "asked X for help/assistance/support/reinforcements"
// or "asked X to send" at trigger i.
func (d *doc) askedForHelp(i, to int) bool {
	for k := i + 1; k < to && k < i+8; k++ {
		switch d.w(k) {
		case "for":
			switch d.w(k + 1) {
			case "help", "assistance", "support", "reinforcements", "backup", "fighters", "troops", "forces":
				return true
			}
			return false
		case "to":
			switch d.w(k + 1) {
			case "send", "dispatch", "deploy", "help", "assist", "provide":
				return true
			}
			return false
		}
	}
	return false
}

// firedOnProtesters reports "fired on/at demonstrators" or "opened fire
// on protesters" at trigger i: shooting at protests is their suppression.
func (d *doc) firedOnProtesters(i, to int) bool {
	if d.w(i) == "fire" && (i == 0 || d.w(i-1) != "opened" && d.w(i-1) != "open" && d.w(i-1) != "opening") {
		return false
	}
	if i+1 >= to || (d.w(i+1) != "on" && d.w(i+1) != "at" && d.w(i+1) != "upon") {
		return false
	}
	for k := i + 2; k < to && k < i+6; k++ {
		switch d.w(k) {
		case "protesters", "protestors", "demonstrators", "crowds", "crowd", "protest", "protests", "rally", "mourners":
			return true
		}
	}
	return false
}

// dataGap recognises statements that information is missing for a time:
// blackouts and shutdowns, or "it was not possible to access … between …".
func (d *doc) dataGap(from, to int, st *state) (hit, bool) {
	for i := from; i < to; i++ {
		w := d.w(i)
		switch w {
		case "blackout", "blackouts", "shutdown", "shutdowns", "outage", "outages":
			if s, _ := d.nounScore(i, from, to); s > 0 || i <= from+4 || d.hasDate(from, to, st) {
				return hit{i: i, action: claim.ActionDataGap, score: 3}, true
			}
		case "internet", "connectivity":
			// "connectivity in Iran collapsed on January 8", "the internet was cut".
			for k := i + 1; k < to && k < i+6; k++ {
				switch d.w(k) {
				case "collapsed", "cut", "severed", "disrupted", "down", "shut", "blocked", "restricted":
					if d.hasDate(from, to, st) {
						return hit{i: i, action: claim.ActionDataGap, score: 3}, true
					}
				}
			}
		case "possible", "impossible", "unable", "unavailable", "no":
			phrase := w == "unavailable" ||
				(w == "possible" && i > from && d.w(i-1) == "not" && d.w(i+1) == "to") ||
				(w == "impossible" && d.w(i+1) == "to") ||
				(w == "unable" && d.w(i+1) == "to") ||
				(w == "no" && (d.w(i+1) == "data" || d.w(i+1) == "coverage" || d.w(i+2) == "data"))
			if phrase && d.hasDate(from, to, st) {
				return hit{i: i, action: claim.ActionDataGap, score: 3}, true
			}
		}
	}
	return hit{}, false
}

func (d *doc) hasDate(from, to int, st *state) bool {
	return d.timeIn(from, to, st.pub, nil) != nil
}

// affiliation recognises "X belong to Y", "X are loyal to Y".
func (d *doc) affiliation(from, to int) (hit, bool) {
	for i := from; i+1 < to; i++ {
		w, n := d.w(i), d.w(i+1)
		ok := false
		switch {
		case (w == "belong" || w == "belongs" || w == "belonged" || w == "belonging") && n == "to":
			ok = i > from && !d.isComma(i-1)
		case (w == "is" || w == "are" || w == "was" || w == "were" || w == "be" || w == "been") &&
			(n == "loyal" || n == "affiliated" || n == "allied" || n == "aligned" || n == "linked" || n == "tied" || n == "part" || n == "members"):
			ok = true
		case (w == "operate" || w == "operates") && n == "under":
			ok = true
		}
		if !ok {
			continue
		}
		for k := i; k < to; k++ {
			if m, found := d.mentionAt(k); found && m.kind == knowledge.ActorMatch && !m.compound {
				return hit{i: i, action: claim.ActionAffiliation, score: 3}, true
			}
		}
	}
	return hit{}, false
}

func (d *doc) hasBaseline(from, to int) bool {
	for i := from; i < to; i++ {
		if !d.is(i, lxBaseline) {
			continue
		}
		w := d.w(i)
		if baselineCues[w] {
			return true
		}
		if w == "conditions" && i > from && d.w(i-1) == "normal" {
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
		if !d.is(i, lxNumber) {
			continue
		}
		if _, ok := spelledWord(d.w(i)); ok && d.w(i) != "one" {
			return true
		}
	}
	return false
}

func (d *doc) hasUnverified(from, to int) bool {
	for i := from; i < to; i++ {
		if !d.is(i, lxUnverify) {
			continue
		}
		w := d.w(i)
		if w == "unverified" {
			return true
		}
		if w == "verified" || w == "verify" {
			for k := i - 1; k >= from && k >= i-5; k-- {
				x := d.w(k)
				if x == "not" || x == "unable" || x == "cannot" || strings.HasSuffix(x, "n't") || x == "no" {
					return true
				}
			}
		}
	}
	return false
}
