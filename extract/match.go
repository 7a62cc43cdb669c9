package extract

import (
	"slices"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/knowledge"
	"github.com/triangulate/triangulate/lang"
)

// The one matcher of the language pack's rules. A rule's tokens form a
// sequence with one anchor; the matcher starts at a word the anchor
// accepts (each word's entry lists the rules anchored on it), then reads
// the tokens before the anchor leftwards and those after it rightwards,
// letting each token's Skip stand between it and the next. The first word
// that fits a position is taken (no backtracking): rules are written for
// that.

// ruleMatch is a rule matched at an anchor.
type ruleMatch struct {
	rule  *lang.Compiled
	i     int        // the anchor token
	sense lang.Sense // the anchor's reading
	roles []roleMark // tokens the rule gave a role
}

// roleMark is a token a rule assigned a role to.
type roleMark struct {
	i    int
	role string
}

// matchRule tries rule r anchored at token i of [from, to).
func (d *doc) matchRule(r *lang.Compiled, i, from, to int) (ruleMatch, bool) {
	a := &r.Tokens[r.Anchor]
	if !d.test(a, i) {
		return ruleMatch{}, false
	}
	m := ruleMatch{rule: r, i: i}
	if s, ok := a.SenseOf(d.lx[i], d.w(i)); ok {
		m.sense = s
	}
	if a.Role != "" {
		m.roles = append(m.roles, roleMark{i, a.Role})
	}
	// Rightwards.
	pos, gap, through := i, a.Skip, &a.Through
	for k := r.Anchor + 1; k < len(r.Tokens); k++ {
		t := &r.Tokens[k]
		j, ok := d.seek(t, pos+1, min(to, pos+1+gap+1), 1, through)
		if !ok {
			if t.Optional {
				continue
			}
			return ruleMatch{}, false
		}
		if t.Role != "" {
			m.roles = append(m.roles, roleMark{j, t.Role})
		}
		pos, gap, through = d.entityEnd(j), t.Skip, &t.Through
	}
	// Leftwards: token k's Skip is the gap between it and token k+1.
	pos = i
	for k := r.Anchor - 1; k >= 0; k-- {
		t := &r.Tokens[k]
		j, ok := d.seek(t, pos-1, max(from-1, pos-1-t.Skip-1), -1, &t.Through)
		if !ok {
			if t.Optional {
				continue
			}
			return ruleMatch{}, false
		}
		if t.Role != "" {
			m.roles = append(m.roles, roleMark{j, t.Role})
		}
		pos = d.entityStart(j)
	}
	// Clause conditions.
	if len(r.With) > 0 && !d.anyIn(r.With, from, to) {
		return ruleMatch{}, false
	}
	if len(r.Without) > 0 && d.anyIn(r.Without, from, to) {
		return ruleMatch{}, false
	}
	return m, true
}

// seek finds the first token from start, stepping by dir until stop
// (exclusive), that passes t; the tokens passed over must have one of the
// classes in through, when it names any. A negated token is checked at
// start only, and holds when start is outside the range.
func (d *doc) seek(t *lang.Test, start, stop, dir int, through *lang.Set) (int, bool) {
	if t.Not {
		inside := dir > 0 && start < stop || dir < 0 && start > stop
		if !inside {
			return start - dir, true
		}
		return start, d.test(t, start)
	}
	for j := start; dir > 0 && j < stop || dir < 0 && j > stop; j += dir {
		if j < 0 || j >= len(d.toks) {
			break
		}
		if d.test(t, j) {
			return j, true
		}
		if !through.Empty() && !d.cls[j].Any(through) {
			break
		}
	}
	return 0, false
}

// test reports whether token j passes t.
func (d *doc) test(t *lang.Test, j int) bool {
	if j < 0 || j >= len(d.toks) {
		return false
	}
	ok := d.testWord(t, j)
	if t.Not {
		return !ok
	}
	return ok
}

func (d *doc) testWord(t *lang.Test, j int) bool {
	tk := d.toks[j]
	if t.Cap && !tk.cap || t.Lower && tk.cap {
		return false
	}
	alt := false
	if len(t.Words) > 0 {
		alt = true
		if tk.kind == tWord && slices.Contains(t.Words, d.w(j)) {
			return true
		}
	}
	e := d.lx[j]
	if !t.Classes.Empty() {
		alt = true
		if d.cls[j].Any(&t.Classes) {
			return true
		}
	}
	if len(t.Lemmas) > 0 {
		alt = true
		if _, ok := t.HasSense(e); ok {
			return true
		}
	}
	if len(t.Entity) > 0 {
		alt = true
		if m, ok := d.mentionAt(j); ok && !m.compound && d.entityIs(m, t.Entity) {
			return true
		}
	}
	if t.Number {
		alt = true
		if _, _, ok := d.numberAt(j, len(d.toks)); ok {
			return true
		}
	}
	if t.Punct != "" {
		alt = true
		if tk.kind == tPunct && d.text[tk.s:tk.e] == t.Punct {
			return true
		}
	}
	for k := range t.Any {
		alt = true
		if d.testWord(&t.Any[k], j) {
			return true
		}
	}
	return !alt
}

// entityIs reports whether a mention is of one of the entity kinds.
func (d *doc) entityIs(m mention, kinds []string) bool {
	for _, k := range kinds {
		switch k {
		case "place":
			if m.kind == knowledge.PlaceMatch {
				return true
			}
		case "country":
			if m.kind == knowledge.PlaceMatch && d.countryMention(m) || m.kind == knowledge.DemonymMatch {
				return true
			}
		case "actor":
			if m.kind == knowledge.ActorMatch {
				return true
			}
		case "speaker":
			if m.kind == knowledge.SpeakerMatch {
				return true
			}
		case "airport":
			if m.kind == knowledge.AirportMatch {
				return true
			}
		}
	}
	return false
}

// entityEnd is the last token of the mention covering i, or i.
func (d *doc) entityEnd(i int) int {
	if m, ok := d.mentionAt(i); ok && m.tj-1 > i {
		return m.tj - 1
	}
	return i
}

// entityStart is the first token of the mention covering i, or i.
func (d *doc) entityStart(i int) int {
	if m, ok := d.mentionAt(i); ok && m.ti < i {
		return m.ti
	}
	return i
}

// anyIn reports a token in [from, to) that passes one of ts.
func (d *doc) anyIn(ts []lang.Test, from, to int) bool {
	for j := from; j < to; j++ {
		for k := range ts {
			if d.test(&ts[k], j) {
				return true
			}
		}
	}
	return false
}

// anchored calls fn with each rule anchored at token i's word, the rules
// anchored on an affix class included when the word has affixes.
func (d *doc) anchored(i int, fn func(r *lang.Compiled) bool) {
	e := d.lx[i]
	if e == nil {
		return
	}
	for _, id := range e.Anchors {
		if !fn(d.g.Rules[id]) {
			return
		}
	}
	if !d.ax[i].Empty() {
		for _, id := range d.g.Dynamic() {
			r := d.g.Rules[id]
			if !d.ax[i].Any(&r.Tokens[r.Anchor].Classes) {
				continue
			}
			if !fn(r) {
				return
			}
		}
	}
}

// hasAnchors reports whether any rule may be anchored at token i.
func (d *doc) hasAnchors(i int) bool {
	e := d.lx[i]
	return e != nil && (len(e.Anchors) > 0 || !d.ax[i].Empty() && len(d.g.Dynamic()) > 0)
}

// matchesAt returns the rules of the given kind anchored at token i that
// match in [from, to), best first (priority, then order in the pack).
func (d *doc) matchesAt(dst []ruleMatch, kind string, i, from, to int) []ruleMatch {
	e := d.lx[i]
	if e == nil {
		return dst
	}
	try := func(r *lang.Compiled) {
		if r.KindOf() == kind {
			if m, ok := d.matchRule(r, i, from, to); ok {
				dst = append(dst, m)
			}
		}
	}
	for _, id := range e.Anchors {
		try(d.g.Rules[id])
	}
	if !d.ax[i].Empty() {
		for _, id := range d.g.Dynamic() {
			if r := d.g.Rules[id]; d.ax[i].Any(&r.Tokens[r.Anchor].Classes) {
				try(r)
			}
		}
	}
	if len(dst) > 1 {
		slices.SortStableFunc(dst, func(a, b ruleMatch) int { return b.rule.Priority - a.rule.Priority })
	}
	return dst
}

// vetoed reports a veto rule matching at token i.
func (d *doc) vetoed(i, from, to int) (string, bool) {
	id := ""
	d.anchored(i, func(r *lang.Compiled) bool {
		if r.KindOf() == lang.KindVeto {
			if _, ok := d.matchRule(r, i, from, to); ok {
				id = r.ID
				return false
			}
		}
		return true
	})
	return id, id != ""
}

// Ids of the grammar steps (lang/<code>/rules/grammar.yaml) that claims
// record as their reason when no token rule decided.
const (
	ruleFigureReport  = "clause.figure-report"
	ruleConfirmObject = "clause.confirm-object"
	ruleDenyObject    = "clause.deny-object"
	ruleShownPresence = "clause.shown-presence"
	ruleNegated       = "modality.negated"
	ruleDeniedThat    = "modality.denied-that"
	ruleHedgeVerb     = "modality.hedge-verb"
	ruleNoComment     = "modality.no-comment"

	ruleActorOrigin      = "actor.origin-description"
	ruleActorFromState   = "actor.force-from-state"
	ruleActorPossessor   = "actor.possessive"
	ruleActorAnaphor     = "actor.anaphor"
	ruleActorAgent       = "actor.passive-agent"
	ruleActorDenied      = "actor.denied-force"
	ruleActorSpeaker     = "actor.speaker-force"
	ruleActorDenier      = "actor.speaker-denies"
	ruleActorStateAdj    = "actor.state-adjective"
	ruleActorCounted     = "actor.counted-people"
	ruleActorNewDefinite = "actor.new-definite"
	ruleActorForceOf     = "actor.force-of-state"
	ruleActorHomeForce   = "actor.home-force"
	ruleActorDenierForce = "actor.denier-own-force"
	ruleActorGroupList   = "actor.group-list"
	ruleActorDeedAgent   = "actor.deed-agent"
	ruleActorPerson      = "actor.person-subject"
	ruleActorTarget      = "actor.target"
	ruleActorCoActor     = "actor.co-actor"
	ruleParenDateline    = "attribution.paren-dateline"
	ruleLeadRelay        = "attribution.lead-relay"
	ruleQuoteSpeaker     = "attribution.quote-speaker"
	ruleNamedLater       = "attribution.named-later"
	ruleTellingDay       = "time.telling-day"
	ruleSinceDay         = "time.since-day"

	rulePlacePresence = "place.presence-destination"
	rulePlaceWhere    = "place.where-antecedent"
	rulePlaceThere    = "place.there"
	rulePlaceLastDest = "place.last-destination"
	rulePlaceDenied   = "place.denied-destination"
	rulePlaceTheatre  = "place.theatre"
	rulePlaceSender   = "place.sender-origin"
	rulePlaceAlly     = "place.purpose-ally"
	rulePlaceWar      = "place.purpose-war"
	// rulePlaceSpeakerOrigin: the speakers who move come from where their
	// own description says.
	rulePlaceSpeakerOrigin = "place.speaker-origin"
	rulePlaceAntecedent    = "place.denied-antecedent"
)

// grammarRules lists the ids above, for the test that every one is
// documented in each language pack.
var grammarRules = []string{ruleFigureReport, ruleConfirmObject, ruleDenyObject, ruleShownPresence, ruleNegated, ruleDeniedThat, ruleHedgeVerb, ruleNoComment,
	ruleActorOrigin, ruleActorFromState, ruleActorPossessor, ruleActorAnaphor, ruleActorAgent, ruleActorDenied, ruleActorSpeaker, ruleActorDenier, ruleActorStateAdj, ruleActorCounted, ruleActorNewDefinite, ruleActorForceOf, ruleActorHomeForce, ruleActorDenierForce, ruleActorGroupList, ruleActorDeedAgent, ruleActorPerson, ruleActorTarget, ruleParenDateline, ruleQuoteSpeaker, ruleNamedLater, ruleTellingDay, ruleSinceDay, rulePlacePresence, rulePlaceWhere, rulePlaceThere, rulePlaceLastDest, rulePlaceDenied, rulePlaceTheatre, rulePlaceSender, rulePlaceAlly, rulePlaceWar, rulePlaceSpeakerOrigin, ruleActorCoActor, rulePlaceAntecedent}

// modalityRule returns the first modality rule with the given value that
// matches in [from, to).
func (d *doc) modalityRule(value claim.Modality, from, to int) (string, bool) {
	id := ""
	for i := from; i < to && id == ""; i++ {
		if !d.hasAnchors(i) {
			continue
		}
		d.anchored(i, func(r *lang.Compiled) bool {
			if r.KindOf() != lang.KindModality || claim.Modality(r.Value) != value {
				return true
			}
			if _, ok := d.matchRule(r, i, from, to); ok {
				id = r.ID
				return false
			}
			return true
		})
	}
	return id, id != ""
}

// unitNoun reports a noun of the unit vocabulary at token i: something a
// figure counts.
func (d *doc) unitNoun(i int) bool {
	return i >= 0 && i < len(d.lx) && d.lx[i] != nil && d.lx[i].Unit != nil
}

// phraseAt returns the end of the first phrase of ps written at token i
// (before limit), or i when none is.
func (d *doc) phraseAt(ps phraseList, i, limit int) int {
	if i < 0 || i >= limit || i >= len(d.ph) || d.ph[i]&ps.bit == 0 {
		return i
	}
	for _, p := range ps.first[d.w(i)] {
		if d.wordsAt(p, i, limit) {
			return i + len(p)
		}
	}
	return i
}

// phraseList holds a list of phrases by their first word: a test at a
// token reads only the phrases that begin with its word, in list order,
// and none when the word's lookup (lookupWords) says no phrase of the list
// begins with it.
type phraseList struct {
	bit   uint16 // the list's bit in grammar.phraseFirst
	first map[string][][]string
}

// newPhraseList indexes ps and gives it the next bit of g.phraseFirst.
func (g *grammar) newPhraseList(ps [][]string) phraseList {
	if g.phraseFirst == nil {
		g.phraseFirst = map[string]uint16{}
	}
	if g.phraseBits >= 16 {
		panic("extract: more than 16 indexed phrase lists")
	}
	l := phraseList{bit: 1 << g.phraseBits, first: map[string][][]string{}}
	g.phraseBits++
	for _, p := range ps {
		if len(p) > 0 {
			l.first[p[0]] = append(l.first[p[0]], p)
			g.phraseFirst[p[0]] |= l.bit
		}
	}
	return l
}

// wordsAt reports whether the words of p are written at token i, before
// limit.
func (d *doc) wordsAt(p []string, i, limit int) bool {
	if i < 0 || i+len(p) > limit {
		return false
	}
	for k, w := range p {
		if d.toks[i+k].kind == tPunct || d.w(i+k) != w {
			return false
		}
	}
	return true
}
