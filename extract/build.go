package extract

import (
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/knowledge"
	"github.com/triangulate/triangulate/lang"
)

// purposeCut returns where a purpose infinitive starts after i in [i, to),
// or to.
func (d *doc) purposeCut(i, to int) int {
	for k := i + 1; k+1 < to; k++ {
		// "… present in Crimea, where they train Russian personnel": what
		// the forces do at the place, after the claim's verb, names whom
		// they do it to, not who moved.
		if k > i+1 && d.isComma(k-1) && d.is(k, cWhereClause) && d.is(k+1, cPronounSubject) && d.hasClass(k+2, to, cForceHead) {
			return k - 1
		}
		// "entered because they feared attacks by X": the reason, after
		// the claim's verb, is not what the claim says happened.
		if d.is(k, cReasonWord) {
			return k
		}
		if !d.is(k, cToWord) || !d.is(k+1, cPurposeVerb) {
			continue
		}
		pv := d.prevWord(k, i)
		if pv >= 0 && d.is(pv, cControlVerb) {
			continue
		}
		return k
	}
	return to
}

// purposeWarPlaces reads the place of a war named in the purpose [from, to)
// of a movement: "to fight in Tigray" is where they go, "to help Azerbaijan
// fight over Nagorno-Karabakh" where they fight.
func (x *Extractor) purposeWarPlaces(d *doc, st *state, from, to int, action claim.Action) []claim.Place {
	for k := from; k < to; k++ {
		if !d.is(k, cConflictNoun) {
			continue
		}
		end := k + 1
		for end < to && !d.isComma(end) && !d.punct(end, ';') {
			end++ // the purpose ends at its clause's comma
		}
		var out []claim.Place
		for _, pl := range x.placesIn(d, st, k, end, action, nil) {
			if pl.Role == claim.RoleLocation || pl.Role == claim.RoleDestination {
				out = append(out, pl)
			}
		}
		return out
	}
	return nil
}

// speakerOrigins returns the origins a speaker's own words give ("two
// rebels from groups in northern Syria"), for a claim whose movers are the
// speakers.
//
// The speaker's phrase runs from the speaker's name to the content, cFrom.
func (x *Extractor) speakerOrigins(d *doc, st *state, sp claim.Span, cFrom int, action claim.Action) []claim.Place {
	if sp.End <= sp.Start {
		return nil
	}
	from, _ := slices.BinarySearchFunc(d.toks, sp.Start, func(t tok, off int) int { return t.s - off })
	to := min(cFrom, len(d.toks))
	if from >= to || to-from > 30 {
		return nil
	}
	var out []claim.Place
	for _, pl := range x.placesIn(d, st, from, to, action, nil) {
		if pl.Role == claim.RoleOrigin {
			out = append(out, pl)
		}
	}
	return out
}

// fromAbroad reports "from abroad", "from overseas" in [from, to).
func (d *doc) fromAbroad(from, to int) bool {
	for k := from + 1; k < to; k++ {
		if d.is(k, cAbroadWord) && d.placeRoleIs(k-1, claim.RoleOrigin) {
			return true
		}
	}
	return false
}

// purposeAlly reads "to support Azerbaijani forces", "to help the Malian
// army" in the purpose [from, to): the country of the forces helped.
func (x *Extractor) purposeAlly(d *doc, from, to int) (claim.Place, bool) {
	if x.pack == nil || !d.is(from, cToWord) || from+1 >= to || !d.is(from+1, cPurposeVerb) {
		return claim.Place{}, false
	}
	for j := from + 2; j < to && j <= from+4; j++ {
		// "the Azerbaijani army" may be read whole as the state's force.
		if m, ok := d.mentionAt(j); ok && m.ti == j && m.kind == knowledge.ActorMatch {
			a, ok := x.pack.Actor(m.id)
			if !ok || a.Branch == "" || a.Country == "" {
				return claim.Place{}, false
			}
			kp, ok := x.pack.Country(a.Country)
			if !ok {
				return claim.Place{}, false
			}
			return claim.Place{Name: kp.Name, Role: claim.RoleDestination, Kind: kp.Kind, Country: kp.Country, Lat: kp.Lat, Lon: kp.Lon,
				HasCoord: kp.Lat != 0 || kp.Lon != 0, Precision: kp.Precision, PackID: kp.ID, Span: d.span(m.ti, m.tj)}, true
		}
		dm, ok := d.demonymAt(j)
		if !ok {
			if d.is(j, cTheWord) || d.is(j, cPossessive) {
				continue
			}
			return claim.Place{}, false
		}
		if dm.iso == "" || dm.people != "" || dm.tj >= to || !d.is(dm.tj, cForceHead) {
			return claim.Place{}, false
		}
		kp, ok := x.pack.Country(dm.iso)
		if !ok {
			return claim.Place{}, false
		}
		return claim.Place{Name: kp.Name, Role: claim.RoleDestination, Kind: kp.Kind, Country: kp.Country, Lat: kp.Lat, Lon: kp.Lon,
			HasCoord: kp.Lat != 0 || kp.Lon != 0, Precision: kp.Precision, PackID: kp.ID, Span: d.span(dm.ti, dm.tj+1)}, true
	}
	return claim.Place{}, false
}

// build turns a pending clause into a claim.
func (x *Extractor) build(d *doc, st *state, p *pending) (claim.Claim, bool) {
	from, to := p.evFrom, p.evTo
	if (p.att.npObject || p.att.count) && p.att.subjFrom >= 0 {
		from = p.att.subjFrom
	}
	for from < to && d.toks[from].kind == tPunct && !isOpenQuote(runeAt(d, from)) {
		from++
	}
	for to > from && d.toks[to-1].kind == tPunct && !isCloseQuote(runeAt(d, to-1)) {
		to--
	}
	if to <= from {
		return claim.Claim{}, false
	}
	action := p.hit.action
	c := claim.Claim{Start: d.toks[from].s, End: d.toks[to-1].e, Action: action}
	c.Evidence = d.text[c.Start:c.End]

	// Ranges the arguments come from: the clause up to any purpose
	// infinitive, then merged clauses.
	primary := p.ranges[0]
	cut := d.purposeCut(max(p.hit.i, primary[0]), primary[1])
	argRanges := [][2]int{{primary[0], cut}}
	argRanges = append(argRanges, p.ranges[1:]...)

	// Time, over the introduction and the content. "On Monday, the
	// ambassador said Turkey had sent …", "Abiy confirmed for the first time
	// on Tuesday that troops entered …": before the content of a speaker's
	// "said (that)", and right before a "that", every time dates the
	// telling. The telling's time is kept aside: when the claim turns out to
	// be the statement itself (a denial, a confirmation), it is the claim's.
	start := min(p.intro[0], primary[0])
	whole := start
	sameNone := false
	if len(p.att.inner) > 0 && p.att.verb != "" && !p.att.npObject && !p.att.count && primary[0] > start {
		start = primary[0]
	}
	if tf, tt := p.att.tellFrom, p.att.tellTo; tt > tf && tf >= start {
		// Skip the time of the telling: "reported on Sunday that …".
		if c.Time = d.timeOf(tt, p.evTo, st.pub, d.used, true); c.Time == nil {
			c.Time = d.timeOf(start, tf, st.pub, d.used, true)
		}
	} else {
		skips := d.tellSkips
		c.Time = d.timeOf(start, p.evTo, st.pub, d.used, true)
		// Nothing dated there and no date left out as the telling's: the
		// telling's scan below of the same tokens would find nothing either
		// (timeOf reads nothing it writes), so it is not run again.
		sameNone = c.Time == nil && d.tellSkips == skips && whole == start
	}
	if c.Time == nil && p.setting[1] > p.setting[0] {
		// "… appeared back in July when the two armies clashed": the
		// clash is dated by the clause it sets.
		c.Time = d.timeIn(p.setting[0], p.setting[1], st.pub, d.used)
	}
	timeRule := d.timeRule
	var tellTime *claim.TimeSpan
	if c.Time == nil && !sameNone {
		tellTime = d.timeIn(whole, p.evTo, st.pub, d.used)
	}

	// Quantities.
	if p.hit.rule == ruleFigureReport {
		d.reportUnit = st.figUnit
	}
	for _, r := range p.ranges {
		c.Quantities = append(c.Quantities, d.quantitiesIn(r[0], r[1], action)...)
	}
	d.reportUnit = ""
	if n := len(c.Quantities); n > 0 {
		st.figUnit = c.Quantities[n-1].Unit
	}

	// Places.
	d.placeRules = d.placeRules[:0]
	introPlaces := p.intro[1] > p.intro[0] && d.is(p.intro[0], cIntroPlace) && d.isPlaceToken(p.intro[0]+1)
	if introPlaces {
		c.Places = append(c.Places, x.placesIn(d, st, p.intro[0], p.intro[1], action, nil)...)
	}
	for _, r := range argRanges {
		if ps := x.placesIn(d, st, r[0], r[1], action, p.hit.roles); len(c.Places) == 0 {
			c.Places = ps // placesIn's slice is the claim's own
		} else {
			c.Places = append(c.Places, ps...)
		}
	}
	// "sent fighters to help its ally fight Armenian forces over
	// Nagorno-Karabakh": the war a purpose names is where those sent fight,
	// though the purpose's other words are not the claim's.
	if (action == claim.ActionDeploy || action == claim.ActionAttempt || action == claim.ActionTransport || action == claim.ActionDeny) && cut < primary[1] {
		if ps := x.purposeWarPlaces(d, st, cut, primary[1], action); len(ps) > 0 {
			c.Places = append(c.Places, ps...)
			d.placeRules = append(d.placeRules, rulePlaceWar)
		}
	}
	// Places a rule gave a role that the clause's ranges left out ("sent
	// fighters to help its ally Azerbaijan": the purpose names the
	// destination).
	for _, r := range p.hit.roles {
		if r.role == "actor" {
			continue
		}
		if m, ok := d.mentionAt(r.i); ok && m.kind == knowledge.PlaceMatch && !m.compound {
			sp := d.span(m.ti, m.tj)
			if slices.ContainsFunc(c.Places, func(q claim.Place) bool { return q.Span.End > 0 && q.Span.Start <= sp.Start && sp.End <= q.Span.End }) {
				continue // read already, as part of a longer place ("Tigray's north")
			}
			if pl, ok := x.placeOf(d, m); ok {
				pl.Role = claim.PlaceRole(r.role)
				c.Places = append(c.Places, pl)
			}
		} else if dm, ok := d.demonymAt(r.i); ok && dm.iso != "" && dm.people == "" && x.pack != nil {
			// "to support Azerbaijani forces": the forces' country.
			if kp, ok := x.pack.Country(dm.iso); ok {
				c.Places = append(c.Places, claim.Place{Name: kp.Name, Role: claim.PlaceRole(r.role), Kind: kp.Kind, Country: kp.Country,
					Lat: kp.Lat, Lon: kp.Lon, HasCoord: kp.Lat != 0 || kp.Lon != 0, Precision: kp.Precision, PackID: kp.ID, Span: d.span(dm.ti, dm.tj)})
			}
		}
	}
	if p.att.npObject && p.att.subjTo > p.att.subjFrom {
		// The speaker's own name is no place of what is denied.
		keep := c.Places[:0]
		for _, pl := range c.Places {
			if pl.Span.End > 0 && pl.Span.Start >= d.toks[p.att.subjFrom].s && pl.Span.End <= d.toks[p.att.subjTo-1].e {
				continue
			}
			keep = append(keep, pl)
		}
		c.Places = keep
	}
	c.Places = dedupePlaces(c.Places)

	// Actors.
	d.actorRules = d.actorRules[:0]
	d.homeISO = st.homeCountry()
	d.focusISO = ""
	if fc, ok := st.focusCountry(); ok {
		d.focusISO = fc.Country
	}
	anaphor := ""
	anaphorAt, anaphorNew := -1, false
	pronounBare := false // "they" for forces named only by a bare noun
	var coActors []claim.Actor
	peopleN := 0 // actors that are a people standing for its state's force
	var bare claim.Actor
	var heads []string
	for k, r := range argRanges {
		if k > 0 {
			break
		}
		lo, hi := r[0], r[1]
		if action == claim.ActionRequest && p.hit.i > lo && p.hit.i < hi {
			hi = p.hit.i
		}
		// "12 members of the security forces were killed": in the passive the
		// subject is the victim; only "killed by X" names who did it.
		var victims []claim.Actor
		if action == claim.ActionKill && p.hit.form != fNoun && p.hit.i > lo && p.hit.i < hi && d.passiveAt(p.hit.i, lo) {
			// "ten Iranian military instructors were killed": dead who
			// belong to a named force are evidence of its presence.
			vs, _, _, _ := x.actorsIn(d, lo, p.hit.i, action)
			for _, v := range vs {
				if r, _ := utf8.DecodeRuneInString(v.Name); unicode.IsUpper(r) {
					victims = append(victims, v)
				}
			}
			d.actorRules = d.actorRules[:0]
			lo = p.hit.i + 1
		}
		as, hs, an, b := x.actorsIn(d, lo, hi, action)
		anaphorAt, anaphorNew = d.anaphorAt, d.anaphorNew
		coActors = append(coActors[:0], d.coActors...)
		if pa, ok := d.personSubject(lo, p.hit.i); ok && action != claim.ActionFlights && !slices.ContainsFunc(as, func(a claim.Actor) bool { return a.Span.End > 0 && a.Span.End <= d.toks[p.hit.i].s }) {
			// "Prime Minister Abiy Ahmed launched a military offensive",
			// "Major General Belay Seyoum, the head of …, went against those
			// denials": a titled person who is the clause's subject acts.
			as = append([]claim.Actor{pa}, as...)
			hs = append([]string{""}, hs...)
			d.actorRules = append(d.actorRules, ruleActorPerson)
		}
		for _, v := range victims {
			as = append(as, v)
			hs = append(hs, "")
		}
		bare = b
		c.Actors = append(c.Actors, as...)
		heads = append(heads, hs...)
		if anaphor == "" {
			anaphor = an
		}
	}
	if p.att.npObject && len(p.att.inner) > 0 {
		// "Turkey and Azerbaijan both denied the information": who denies
		// or confirms acts.
		var speakers []claim.Actor
		for _, sp := range p.att.inner {
			if (sp.Kind == claim.SpeakerNamed || sp.Kind == claim.SpeakerOfficial) && sp.Span.End > 0 && sp.Span.Start >= d.toks[p.att.subjFrom].s && sp.Span.End <= d.toks[max(p.att.subjFrom, p.att.subjTo-1)].e {
				if slices.ContainsFunc(speakers, func(a claim.Actor) bool { return a.Span == sp.Span }) {
					continue // a state of "the governments of A and B", given already
				}
				speakers = append(speakers, x.speakerActors(d, sp)...)
			}
		}
		if len(speakers) == 0 {
			if sp := p.att.inner[0]; sp.Kind == claim.SpeakerNamed || sp.Kind == claim.SpeakerOfficial {
				speakers = append(speakers, x.speakerActors(d, sp)...)
			}
		}
		c.Actors = append(speakers, c.Actors...)
		heads = append(make([]string, len(speakers)), heads...)
		// "Eritrea denied the claims": the denial is about the force the
		// text is about, which the speaker names no more.
		onlySpeakers := true
		for _, a := range c.Actors {
			if !slices.ContainsFunc(speakers, func(s claim.Actor) bool { return strings.EqualFold(s.Name, a.Name) }) {
				onlySpeakers = false
			}
		}
		// A force that denies ("Uganda's army denied sending troops") is
		// itself what the denial is about.
		forceSpeaks := slices.ContainsFunc(speakers, func(a claim.Actor) bool { return a.PackID != "" })
		if (action == claim.ActionDeny || action == claim.ActionConfirm) && onlySpeakers && !forceSpeaks {
			for _, a := range st.recentActors("") {
				c.Actors = append(c.Actors, a)
				heads = append(heads, "")
				d.actorRules = append(d.actorRules, ruleActorDenied)
			}
		}
	}
	if (action == claim.ActionDeny || action == claim.ActionConfirm) && len(p.chain) > 0 {
		// "Kanaani said: “We strongly deny this”": a denial or confirmation
		// in a named speaker's own words is the speaker's act.
		sp := p.chain[0]
		if x.personSpeaker(sp) && !slices.ContainsFunc(c.Actors, func(a claim.Actor) bool { return strings.EqualFold(a.Name, sp.Who) }) {
			if bs := x.speakerActors(d, sp); len(bs) != 1 || bs[0].Name == sp.Who {
				// (Bodies the speaker phrase names stand for it.)
				var add []claim.Actor
				for _, b := range bs {
					if !slices.ContainsFunc(c.Actors, func(a claim.Actor) bool { return strings.EqualFold(a.Name, b.Name) }) {
						add = append(add, b)
					}
				}
				c.Actors = append(add, c.Actors...)
				heads = append(make([]string, len(add)), heads...)
				d.actorRules = append(d.actorRules, ruleActorDenier)
			}
		}
	}
	if action == claim.ActionNoComment || action == claim.ActionConfirm || action == claim.ActionDeny {
		// "The Pentagon neither confirmed nor denied": the named body acts.
		for k := primary[0]; k < primary[1]; k++ {
			m, ok := d.mentionAt(k)
			if !ok || m.ti != k || m.kind != knowledge.SpeakerMatch || x.pack == nil {
				continue
			}
			// "Iranian Foreign Ministry spokesman Nasser Kanani denied", "a
			// State Department representative told Reuters": the body is
			// part of who speaks for it, and the speaker acts.
			ms, me := d.toks[m.ti].s, d.toks[m.tj-1].e
			inside := func(a claim.Attribution) bool {
				return a.Span.Start <= ms && me <= a.Span.End && a.Span.End-a.Span.Start > me-ms
			}
			if slices.ContainsFunc(p.chain, inside) || slices.ContainsFunc(p.att.inner, inside) || p.att.npObject && p.att.subjFrom >= 0 && m.ti >= p.att.subjFrom && m.tj <= p.att.subjTo && len(c.Actors) > 0 {
				continue
			}
			if sp, ok := x.pack.Speaker(m.id); ok && sp.Kind == claim.SpeakerOfficial {
				c.Actors = append(c.Actors, claim.Actor{Name: sp.Name, Span: d.span(m.ti, m.tj)})
				heads = append(heads, "")
			}
		}
	}
	c.Actors, heads = dedupeActors(c.Actors, heads)
	c.Actors, heads = x.deedAgents(d, p, c.Actors, heads)
	if action == claim.ActionDeploy || action == claim.ActionAttempt || action == claim.ActionTransport {
		c.Actors, heads = d.dropTargets(c.Actors, heads)
	}
	if action == claim.ActionConfirm && x.pack != nil && !x.namesForce(d, c.Actors) {
		// "Major General Belay Seyoum … went against those denials": a
		// party that vouches for what the text reports, naming no force,
		// vouches for the force the text is about.
		for _, a := range st.recentActors("") {
			c.Actors = append(c.Actors, a)
			heads = append(heads, "")
			d.actorRules = append(d.actorRules, ruleActorDenied)
		}
	}
	if action == claim.ActionNoComment && len(c.Actors) == 0 {
		// "There was no immediate comment from Chad's defence ministry":
		// the body that does not answer.
		if a, ok := d.stateBody(primary[0], primary[1]); ok {
			c.Actors = append(c.Actors, a)
			heads = append(heads, "")
		}
	}
	if action == claim.ActionDeny || action == claim.ActionNoComment {
		// "Eritrea denied the claims", "There was no immediate reaction
		// from Eritrea's government", "“We are not part of the conflict,”
		// Eritrea's foreign minister said": a state that denies or does
		// not answer, naming no force, answers for its own forces the
		// text named before.
		if a, ok := x.denierForce(d, st, c.Actors, p.chain); ok {
			c.Actors = append(c.Actors, a)
			heads = append(heads, "")
			d.actorRules = append(d.actorRules, ruleActorDenierForce)
		}
	}
	// "sent to Azerbaijan by Turkey": the agent is no place of the claim,
	// nor is the state that owns "the forces of Rwanda".
	if agent, owner := slices.Contains(d.actorRules, ruleActorAgent), slices.Contains(d.actorRules, ruleActorForceOf) || slices.Contains(d.actorRules, ruleActorGroupList); agent || owner {
		keep := c.Places[:0]
		for _, pl := range c.Places {
			if !slices.ContainsFunc(c.Actors, func(a claim.Actor) bool {
				return a.Span.End > 0 && (agent && a.Span == pl.Span || owner && a.Span.Start <= pl.Span.Start && pl.Span.End <= a.Span.End)
			}) {
				keep = append(keep, pl)
			}
		}
		c.Places = keep
	}
	// "US special forces were operating in Somalia", "Iraq army units": a
	// country that opens a force's name modifies it; it is no place where
	// anything happened.
	kept := c.Places[:0]
	for _, pl := range c.Places {
		modifies := pl.Kind == claim.KindCountry && slices.ContainsFunc(c.Actors, func(a claim.Actor) bool {
			return a.Span.Start == pl.Span.Start && a.Span.End > pl.Span.End && pl.Span.End > 0
		})
		if !modifies {
			kept = append(kept, pl)
		}
	}
	c.Places = kept

	// A clause needs something to be about.
	hasForce := anaphor != "" || d.hasForceNoun(primary[0], cut)
	if len(c.Actors) == 0 && len(c.Places) == 0 && c.Time == nil && len(c.Quantities) == 0 && !hasForce {
		switch action {
		case claim.ActionNoComment, claim.ActionConfirm, claim.ActionDeny, claim.ActionDataGap:
		default:
			return claim.Claim{}, false
		}
	}
	if action == claim.ActionFlights && len(c.Places) == 0 && len(c.Quantities) == 0 && c.Time == nil {
		return claim.Claim{}, false
	}

	// What the clause leaves implicit: "these forces", "the transfer", a
	// deployment without a destination, a crackdown without a place.
	deployLike := action == claim.ActionDeploy || action == claim.ActionAttempt || action == claim.ActionTransport
	// "Iran's Revolutionary Guards said they had killed …": the pronoun is
	// the speaker.
	// "The Nigerian army said it had killed 35 militants": with the
	// pronoun as subject, actors after the verb are its objects.
	objectsOnly := p.hit.i >= 0 && p.hit.i < len(d.toks) && !slices.ContainsFunc(c.Actors, func(a claim.Actor) bool {
		return a.Span.End == 0 || a.Span.Start < d.toks[p.hit.i].s
	})
	if (len(c.Actors) == 0 || objectsOnly) && len(p.att.inner) > 0 {
		k := primary[0]
		for k < primary[1] && k < primary[0]+4 && (d.is(k, cOnWord) || d.is(k, cInWord) || d.toks[k].cap || d.toks[k].kind == tNum || d.isComma(k)) {
			k++ // "said on Sunday they …"
		}
		if d.is(k, cPronounSubject) && k < p.hit.i {
			sp := p.att.inner[0]
			var a claim.Actor
			head := ""
			if pa, ok := x.actorNames[sp.Who]; ok {
				a = claim.Actor{Name: pa.Name, PackID: pa.ID, Affiliation: pa.Affiliation, Span: sp.Span}
			} else if pa, span, ok := x.actorInSpan(d, sp.Span); ok {
				// "a man identified as a Kataib Hezbollah member said he had
				// been sent": the speaker's group.
				a = claim.Actor{Name: pa.Name, PackID: pa.ID, Affiliation: pa.Affiliation, Span: span}
			} else if f := x.speakerActor(d, sp); f.PackID != "" {
				// "The Nigerian army said it had killed …": the state's force.
				a = f
			} else if name, h, ok := d.forceSpeaker(sp.Who); ok {
				// "Two Syrian rebels … said they were deploying": the
				// speakers are the force.
				a, head = claim.Actor{Name: name, Span: sp.Span}, h
				d.actorRules = append(d.actorRules, ruleActorSpeaker)
			}
			if a.Name != "" && !slices.ContainsFunc(c.Actors, func(b claim.Actor) bool { return strings.EqualFold(b.Name, a.Name) }) {
				c.Actors = append([]claim.Actor{a}, c.Actors...)
				heads = append([]string{head}, heads...)
			}
			// "Two Syrian rebels, from rebel groups in northern Syria, said
			// they were deploying": where the speakers who move come from.
			if len(c.Actors) > 0 && deployLike && !slices.ContainsFunc(c.Places, func(q claim.Place) bool { return q.Role == claim.RoleOrigin }) {
				for _, pl := range x.speakerOrigins(d, st, p.att.inner[0].Span, p.att.cFrom, action) {
					c.Places = append(c.Places, pl)
					d.placeRules = append(d.placeRules, rulePlaceSpeakerOrigin)
				}
			}
		}
	}
	// "the soldiers", "they", a bare "soldiers" whose noun a named force
	// was mentioned with: whatever the action, the force the text is about.
	if len(c.Actors) == 0 && !p.background && action != claim.ActionFlights && action != claim.ActionAffiliation && !d.pronounSubject(primary[0], cut) {
		head := strings.ToLower(bare.Name)
		if head == "" {
			// "a total of over 2,000 soldiers have suffered wounds".
			head = d.bareHead(primary[0], cut)
		}
		a, ok := st.actorWithHead(head)
		if !ok && head != "" {
			a, ok = x.stateForceBefore(d, st, head)
		}
		if ok && head != "" {
			c.Actors, heads, bare = []claim.Actor{a}, []string{head}, claim.Actor{}
			d.actorRules = append(d.actorRules, ruleActorAnaphor)
		}
	}
	// "fighters are sent to Kilis, where they change uniforms": a pronoun
	// after an indefinite subject stands for that subject, not for an
	// earlier actor.
	if len(c.Actors) == 0 && !p.background && action != claim.ActionFlights && action != claim.ActionAffiliation && (anaphor != "" || bare.Name == "" && d.theyIn(primary[0], cut)) {
		if anaphor != "" && !d.pronounSubject(primary[0], cut) {
			if a, ok := st.actorWithHead(anaphor); ok {
				c.Actors = []claim.Actor{a}
				d.actorRules = append(d.actorRules, ruleActorAnaphor)
			} else if a, ok := x.latestGroup(st); ok && d.g.forceCtx[anaphor] == ctxGeneric {
				// "Turkey sent Syrian mercenaries to Libya. The fighters
				// …": a generic noun takes up the latest armed group,
				// whatever its own noun.
				c.Actors = []claim.Actor{a}
				d.actorRules = append(d.actorRules, ruleActorAnaphor)
			} else if at := anaphorAt; anaphorNew && at >= 0 && !d.branchNoun(at) && !st.nounBefore(d, at) {
				// "The militiamen, who were trained in Libya, …" in a text
				// that has named no militiamen: a group of its own, in the
				// text's words, not whichever force came before.
				c.Actors = []claim.Actor{{Name: d.raw(at), Span: d.span(at, at+1)}}
				d.actorRules = append(d.actorRules, ruleActorNewDefinite)
			} else if c.Actors = st.recentActors(anaphor); len(c.Actors) > 0 {
				d.actorRules = append(d.actorRules, ruleActorAnaphor)
			}
		} else if c.Actors, pronounBare = x.pronounActors(st); len(c.Actors) > 0 {
			d.actorRules = append(d.actorRules, ruleActorAnaphor)
		}
		heads = make([]string, len(c.Actors))
		for k := range heads {
			heads[k] = anaphor
		}
	}
	// "the Eritreans had promised to leave", "the Iranians have put
	// trainers in Crimea": a people named with "the" in a text about its
	// state's forces is those forces.
	if !p.background && action != claim.ActionFlights && action != claim.ActionAffiliation {
		for k := primary[0]; k+1 < cut; k++ {
			dm, ok := d.demonymAt(k + 1)
			if !ok || dm.ti != k+1 || !d.is(k, cTheWord) || dm.iso == "" || dm.people != "" || dm.form&knowledge.FormPlural == 0 {
				continue
			}
			if a, ok := x.nationForceBefore(st, dm.iso); ok && !slices.ContainsFunc(c.Actors, func(b claim.Actor) bool { return b.PackID == a.PackID }) {
				peopleN++
				c.Actors = append(c.Actors, a)
				heads = append(heads, "")
				d.actorRules = append(d.actorRules, ruleActorAnaphor)
			}
		}
	}
	// A movement or a fight that names no one at all ("The flight passes
	// the airspace of Georgia") is about the force the text is about.
	if len(c.Actors) == 0 && bare.Name == "" && !p.background && (deployLike || action == claim.ActionSuppress || action == claim.ActionClash) {
		c.Actors = st.recentActors(anaphor)
		heads = make([]string, len(c.Actors))
		for k := range heads {
			heads[k] = anaphor
		}
	}
	// No actor named or in context: an indefinite bare noun at the start of
	// the clause is the actor as written ("Militiamen were deployed …").
	// "the Eritreans had promised to leave", after Eritrean troops: a
	// people named with the article takes up that nation's force the text
	// named before.
	if a, ok := x.peopleForce(d, st, primary[0], cut); ok && !slices.ContainsFunc(c.Actors, func(b claim.Actor) bool { return b.PackID == a.PackID }) {
		c.Actors = append([]claim.Actor{a}, c.Actors...)
		heads = append([]string{""}, heads...)
		pronounBare = false
		peopleN++
	}
	bareOnly := pronounBare
	if len(c.Actors) == 0 && bare.Name != "" {
		c.Actors, heads, bareOnly = []claim.Actor{bare}, []string{strings.ToLower(bare.Name)}, true
	} else if deployLike && (x.onlyGovernments(c.Actors) || peopleN == len(c.Actors)) {
		// "Turkey sent jihadists there", "the Iranians have put trainers
		// in Crimea": a state (or its people) that sends names the
		// sender; the forces sent, however bare, are who moved.
		if bare.Name == "" {
			bare = d.sentObject(p.hit.i, primary[1])
		}
		if bare.Name == "" {
			// "send back the mercenaries and terrorists it brought from
			// abroad": what the state brought, named before it.
			bare = d.relativeObject(primary[0], p.hit.i)
		}
		if bare.Name != "" {
			c.Actors = append(c.Actors, bare)
			heads = append(heads, strings.ToLower(bare.Name))
		}
	}
	for _, a := range coActors {
		if len(c.Actors) > 0 && !slices.ContainsFunc(c.Actors, func(b claim.Actor) bool { return b.PackID == a.PackID }) {
			c.Actors = append(c.Actors, a)
			heads = append(heads, "")
			d.actorRules = append(d.actorRules, ruleActorCoActor)
		}
		// The state that acts with them is no place of the claim.
		c.Places = slices.DeleteFunc(c.Places, func(pl claim.Place) bool { return pl.Span == a.Span && a.Span.End > 0 })
	}
	hasRole := func(r claim.PlaceRole) bool {
		for _, pl := range c.Places {
			if pl.Role == r {
				return true
			}
		}
		return false
	}
	// "… in Nagorno-Karabakh, where there has been heavy fighting": the
	// relative of place stands for the place it follows.
	if len(c.Places) == 0 {
		if pl, ok := x.whereAntecedent(d, st, p); ok {
			if deployLike {
				pl.Role = claim.RoleDestination
			}
			c.Places = append(c.Places, pl)
			d.placeRules = append(d.placeRules, rulePlaceWhere)
		}
	}
	// "it is not known whether they are still there": the place forces
	// were last sent to.
	if len(c.Places) == 0 && !deployLike && len(st.lastDest) > 0 && d.thereIn(primary[0], cut) {
		for _, pl := range st.lastDest {
			pl.Role, pl.Span = claim.RoleLocation, claim.Span{}
			c.Places = append(c.Places, pl)
		}
		d.placeRules = append(d.placeRules, rulePlaceThere)
	}
	// "had crossed the border": an unnamed border is no licence to reuse the
	// last destination.
	// Nor is "brought from abroad": a movement from another country into
	// the speaker's, whose frame is its own.
	if (action == claim.ActionDeploy || action == claim.ActionAttempt) && !hasRole(claim.RoleDestination) && !hasRole(claim.RoleVia) && !d.is(p.hit.i, cPresenceWord) && !d.hasClass(primary[0], primary[1], cBorderWord) && !d.fromAbroad(primary[0], primary[1]) {
		c.Places = append(c.Places, st.lastDest...)
		if len(st.lastDest) > 0 {
			d.placeRules = append(d.placeRules, rulePlaceLastDest)
		}
	}
	// "sent fighters from Syria to support Azerbaijani forces": with no
	// destination named or told before, the forces helped fight at home,
	// where those sent go. (After "sent to Crimea", "dispatched to assist
	// Russian forces" still goes to Crimea.)
	if (deployLike || action == claim.ActionDeny) && cut < primary[1] && !hasRole(claim.RoleDestination) {
		if pl, ok := x.purposeAlly(d, cut, primary[1]); ok {
			c.Places = append(c.Places, pl)
			d.placeRules = append(d.placeRules, rulePlaceAlly)
		}
	}
	// "Eritrea denied the claims": a denial takes the places of what it
	// denies, the deployment told last (or, before any, the headline's).
	// ", which Ankara and Baku both denied": a relative denial denies the
	// claim it follows, with that claim's places, or none.
	if len(c.Places) == 0 && action == claim.ActionDeny && p.att.relative {
		for _, pl := range st.prevPlaces {
			pl.Span = claim.Span{}
			c.Places = append(c.Places, pl)
		}
		if len(c.Places) > 0 {
			d.placeRules = append(d.placeRules, rulePlaceAntecedent)
		}
	} else if len(c.Places) == 0 && action == claim.ActionDeny {
		dest := st.lastDest
		if len(dest) == 0 {
			dest = st.headDest
		}
		for _, pl := range dest {
			pl.Role, pl.Span = claim.RoleDestination, claim.Span{}
			c.Places = append(c.Places, pl)
		}
		if len(dest) > 0 {
			d.placeRules = append(d.placeRules, rulePlaceDenied)
		}
	}
	// "a counter offensive alongside forces from the neighbouring region of
	// Amhara": in a clash, a killing or a crackdown, where a party comes
	// from describes the party; the event is where it happens.
	// (Unless the clause also tells the party's journey: "fighters from
	// Syria took part in hostilities after being deployed by Turkey".)
	switch action {
	case claim.ActionClash, claim.ActionKill, claim.ActionSuppress:
		if !d.hasClass(primary[0], primary[1], cArrivalVerb) {
			c.Places = slices.DeleteFunc(c.Places, func(q claim.Place) bool { return q.Role == claim.RoleOrigin })
		}
	}
	// A killing, a crackdown, a gap in the record or a confirmation that
	// names no place happened where the text's events do; a clash only
	// where the text's war is.
	if len(c.Places) == 0 {
		switch action {
		case claim.ActionSuppress, claim.ActionKill, claim.ActionDataGap, claim.ActionConfirm, claim.ActionClash:
			// "the assassination of Haiti's president": a clause that
			// names another country is not about the text's theatre.
			if th, ok := st.theatre(action == claim.ActionClash); ok && !x.namesOtherCountry(d, primary[0], cut, th.Country) {
				th.Role = claim.RoleLocation
				th.Span = claim.Span{}
				c.Places = append(c.Places, th)
				d.placeRules = append(d.placeRules, rulePlaceTheatre)
			}
		}
	}
	// "Iran has sent personnel to Crimea", "missiles supplied by Iran": a
	// state that sends its own servicemen or arms is where they come from
	// when the text names no origin. ("Turkey sent Syrian fighters" names
	// no origin: the fighters are not Turkey's.)
	// (A state that brings forces "from abroad" receives them.)
	if x.pack != nil && (action == claim.ActionDeploy || action == claim.ActionTransport) && !hasRole(claim.RoleOrigin) && d.hasClass(primary[0], cut, cOwnSent) && !d.hasClass(primary[0], cut, cProxyForce) && !d.fromAbroad(primary[0], primary[1]) {
		for _, a := range c.Actors {
			if slices.ContainsFunc(coActors, func(b claim.Actor) bool { return b.PackID == a.PackID }) {
				continue // a state acting beside them sends them not
			}
			kp, ok := x.pack.Place(a.PackID)
			if a.PackID == "" || !ok || kp.Kind != claim.KindCountry || slices.ContainsFunc(c.Places, func(q claim.Place) bool { return q.PackID == kp.ID }) {
				continue
			}
			c.Places = append(c.Places, claim.Place{
				Name: kp.Name, Role: claim.RoleOrigin, Kind: kp.Kind, Country: kp.Country, Lat: kp.Lat, Lon: kp.Lon,
				HasCoord: kp.Lat != 0 || kp.Lon != 0, Precision: kp.Precision, PackID: kp.ID,
			})
			d.placeRules = append(d.placeRules, rulePlaceSender)
		}
	}
	for _, pl := range c.Places {
		if pl.Kind == claim.KindRegion || pl.Kind == claim.KindProvince {
			st.lastRegion = pl
			st.lastRegion.Span = claim.Span{}
		}
	}
	// A confirmation that forces went somewhere ("confirmed that troops
	// entered Tigray") tells a deployment as much as a report of it does:
	// a later denial denies that.
	if action == claim.ActionDeploy || action == claim.ActionAttempt || action == claim.ActionConfirm {
		var dest []claim.Place
		for _, pl := range c.Places {
			if pl.Role == claim.RoleDestination {
				dest = append(dest, pl)
			}
		}
		if len(dest) > 0 {
			st.lastDest = dest
		}
	}
	// A bare noun names no one a later "the fighters" could mean, and
	// forces said not to be there are not whom a later clause is about.
	var modRule string
	c.Modality, modRule = d.modality(p, action)
	c.Rules = append(make([]claim.RuleRef, 0, 4), claim.RuleRef{Field: "claim", Rule: p.hit.rule})
	if modRule != "" {
		c.Rules = append(c.Rules, claim.RuleRef{Field: "modality", Rule: modRule})
	}
	for k, id := range d.actorRules {
		if !slices.Contains(d.actorRules[:k], id) {
			c.Rules = append(c.Rules, claim.RuleRef{Field: "actors", Rule: id})
		}
	}
	for k, id := range d.placeRules {
		if !slices.Contains(d.placeRules[:k], id) {
			c.Rules = append(c.Rules, claim.RuleRef{Field: "places", Rule: id})
		}
	}
	if st.wireRule != "" {
		c.Rules = append(c.Rules, claim.RuleRef{Field: "attribution", Rule: st.wireRule})
	}
	// "Turkey denied reports that it sent fighters", "none of its soldiers
	// had crossed": a denied claim is a denial, by the party that denies,
	// of the force and places it names.
	if c.Modality == claim.Denied && action != claim.ActionDeny {
		c.Action = claim.ActionDeny
		c.Rules = append(c.Rules, claim.RuleRef{Field: "action", Rule: modRule})
		if len(p.att.inner) > 0 {
			if sp := p.att.inner[0]; sp.Kind == claim.SpeakerNamed || sp.Kind == claim.SpeakerOfficial {
				c.Actors = append(x.speakerActors(d, sp), c.Actors...)
				c.Actors, _ = dedupeActors(c.Actors, make([]string, len(c.Actors)))
			}
		} else if len(p.chain) > 0 && x.personSpeaker(p.chain[0]) {
			// "“Rumours of militants … are complete nonsense,” said X": the
			// person whose words deny it denies.
			sp := p.chain[0]
			c.Actors = append([]claim.Actor{{Name: sp.Who, Span: sp.Span}}, c.Actors...)
			c.Actors, _ = dedupeActors(c.Actors, make([]string, len(c.Actors)))
			c.Rules = append(c.Rules, claim.RuleRef{Field: "actors", Rule: ruleActorDenier})
		}
	}
	if c.Time == nil && tellTime != nil {
		switch c.Action {
		case claim.ActionDeny, claim.ActionConfirm, claim.ActionNoComment:
			c.Time = tellTime
			c.Rules = append(c.Rules, claim.RuleRef{Field: "time", Rule: ruleTellingDay})
		}
	}
	if timeRule != "" {
		c.Rules = append(c.Rules, claim.RuleRef{Field: "time", Rule: timeRule})
	}
	st.claims++
	for k, a := range c.Actors {
		if c.Modality == claim.Denied && a.PackID != "" && len(st.deniedForces) < 32 {
			st.deniedForces = append(st.deniedForces, a)
		}
		if c.Modality != claim.Denied {
			// "alleged mercenaries" describe, as a bare noun does: no one
			// whom a later "the mercenaries" or a subjectless clause means.
			desc := false
			if w, _, ok := strings.Cut(a.Name, " "); ok && a.PackID == "" {
				desc = d.g.forceCtx[strings.ToLower(w)] == ctxDesc
			}
			st.actors = append(st.actors, actorEnt{actor: a, head: heads[k], fromDeploy: deployLike, seq: st.claims, bare: bareOnly || desc})
		}
	}
	if len(st.actors) > 64 {
		st.actors = append(st.actors[:0], st.actors[len(st.actors)-32:]...)
	}

	chain := p.chain
	if st.wire.Who != "" {
		chain = appendNew(append([]claim.Attribution(nil), chain...), st.wire)
	}
	if !st.leadSeen {
		st.leadSeen = true
		if o, ok := leadRelay(chain, st.outlet, st.fold); ok && st.wire.Who == "" {
			st.relay = o
		}
	} else if st.relay.Who != "" && otherOutlet(chain, st.relay, st.outlet, st.fold) {
		// "…, Spuntik Turkish reported": a text that names another
		// outlet than its lead's compiles several outlets' reports; what
		// a minister says after that is not known to come through the
		// lead's outlet (its own narration still does).
		st.compiled = true
	} else if st.relay.Who != "" && onRecord(chain) && !(st.compiled && len(chain) > 0) {
		// A claim that names no speaker, or only speakers on the record
		// (a minister, a ministry): the rewrite's outlet heard them. One
		// that names its own source ("a source", "the rights group",
		// "reports") is not the relay's.
		chain = appendNew(append([]claim.Attribution(nil), chain...), st.relay)
		c.Rules = append(c.Rules, claim.RuleRef{Field: "attribution", Rule: ruleLeadRelay})
	}
	c.Attribution = finishChain(chain, st.outlet, st.fold)
	for k, a := range c.Attribution {
		if a.Kind != claim.SpeakerOfficial {
			continue
		}
		if n, ok := x.stateAdjective(claim.Actor{Name: a.Who}); ok {
			c.Attribution[k].Who = n
			c.Rules = append(c.Rules, claim.RuleRef{Field: "attribution", Rule: ruleActorStateAdj})
		}
	}
	if c.Modality == claim.Asserted && len(c.Attribution) > 0 && c.Attribution[0].Kind == claim.SpeakerUnspecified {
		c.Modality = claim.Hedged
	}
	for k := range c.Actors {
		if n, ok := x.stateAdjective(c.Actors[k]); ok {
			c.Actors[k].Name = n
			c.Rules = append(c.Rules, claim.RuleRef{Field: "actors", Rule: ruleActorStateAdj})
		}
	}
	if c.Actors == nil {
		c.Actors = []claim.Actor{}
	}
	// The context's places (the last destination, the theatre) may repeat
	// one the clause named.
	c.Places = dedupePlaces(c.Places)
	st.prevPlaces = append(st.prevPlaces[:0], c.Places...)
	if c.Places == nil {
		c.Places = []claim.Place{}
	}
	if c.Quantities == nil {
		c.Quantities = []claim.Quantity{}
	}
	return c, true
}

// finishChain copies a chain, ends it with the outlet and drops repeats
// ("two Iraqi sources confirmed to The Amargi" published by The Amargi).
// containsWords reports whether folded name b occurs in a as whole words:
// "cnn" in "cnn international", but not "x" in "example wire".
func containsWords(a, b string) bool {
	i := strings.Index(a, b)
	for i >= 0 {
		end := i + len(b)
		if (i == 0 || a[i-1] == ' ') && (end == len(a) || a[end] == ' ') {
			return true
		}
		next := strings.Index(a[i+1:], b)
		if next < 0 {
			return false
		}
		i += 1 + next
	}
	return false
}

func finishChain(chain []claim.Attribution, outlet claim.Attribution, fold func(string) string) []claim.Attribution {
	out := make([]claim.Attribution, 0, len(chain)+1)
	seen := make([]string, 0, len(chain)+1)
	add := func(a claim.Attribution) {
		f := fold(a.Who)
		if f == "" {
			return
		}
		for k, s := range seen {
			if s == f || containsWords(s, f) || containsWords(f, s) {
				if a.Who == outlet.Who && k == len(seen)-1 {
					out[k] = a
				}
				return
			}
		}
		seen = append(seen, f)
		out = append(out, a)
	}
	for _, a := range chain {
		add(a)
	}
	if outlet.Who != "" {
		// The outlet ends the chain even if a speaker "told" it earlier.
		f := fold(outlet.Who)
		keep := out[:0]
		for _, a := range out {
			g := fold(a.Who)
			if g == f || containsWords(g, f) || containsWords(f, g) {
				continue
			}
			keep = append(keep, a)
		}
		out = append(keep, outlet)
	}
	return out
}

// modality decides how firmly the claim is put.
func (d *doc) modality(p *pending, action claim.Action) (claim.Modality, string) {
	if action == claim.ActionNoComment {
		return claim.NCND, ruleNoComment
	}
	if p.att.relative {
		if id, ok := d.modalityRule(claim.Denied, p.ranges[0][0], p.ranges[0][1]); ok {
			return claim.Denied, id
		}
	}
	if p.att.denied {
		return claim.Denied, ruleDeniedThat
	}
	// "We are not part of the conflict": a denial is denied, whatever
	// reads it.
	if action == claim.ActionDeny {
		return claim.Denied, ruleNegated
	}
	for _, r := range p.ranges {
		if id, ok := d.modalityRule(claim.Unverified, r[0], r[1]); ok {
			return claim.Unverified, id
		}
	}
	if id, ok := d.modalityRule(claim.Unverified, p.seg[0], p.seg[1]); ok {
		return claim.Unverified, id
	}
	// "The claim that Turkey sent fighters is not true", "…, which Ankara
	// and Baku both denied": the clause itself calls the claim false.
	if r := p.ranges[0]; true {
		if id, ok := d.modalityRule(claim.Denied, r[0], r[1]); ok {
			return claim.Denied, id
		}
	}
	// "We have not sent a single fighter", "had not taken part in any
	// crackdown": the speaker denies it.
	if d.negated(p.hit, p.ranges[0][0]) {
		return claim.Denied, ruleNegated
	}
	if p.att.hedged {
		return claim.Hedged, ruleHedgeVerb
	}
	// A hedge hedges its own clause: "clashes erupted …, and he accused
	// the fighters of …" asserts the clashes (unverified, above, covers
	// the whole account), as does "clashes erupted … and accused the
	// fighters of …", a second predicate of the speaker.
	if r := p.ranges[0]; true {
		if id, ok := d.modalityRule(claim.Hedged, r[0], d.secondReport(p.hit.i, r[1])); ok {
			return claim.Hedged, id
		}
	}
	return claim.Asserted, ""
}

// secondReport returns where a second reporting predicate coordinated
// after the trigger at i begins ("… erupted following the infiltration
// and accused the fighters of …"), or to.
func (d *doc) secondReport(i, to int) int {
	for k := i + 1; k+1 < to; k++ {
		if d.is(k, cAndWord) && d.is(k+1, cReportVerb) && !d.toks[k+1].cap {
			return k
		}
	}
	return to
}

// hasClass reports a word of class c in [from, to).
func (d *doc) hasClass(from, to int, c lang.Class) bool {
	for k := from; k < to; k++ {
		if d.is(k, c) {
			return true
		}
	}
	return false
}

// speakerActor is a speaker who acts (denies, confirms) as an actor: the
// force its words name when they name exactly one the pack knows ("The
// Sudanese army denied …" is the Sudanese Armed Forces, as "its soldiers"
// after it are), else its words as written.
func (x *Extractor) speakerActor(d *doc, sp claim.Attribution) claim.Actor {
	a := claim.Actor{Name: sp.Who, Span: sp.Span}
	i, j, ok := d.tokensOf(sp.Span)
	if !ok {
		return a
	}
	rules := len(d.actorRules)
	as, _, _, _ := x.actorsIn(d, i, j, claim.ActionDeploy)
	d.actorRules = d.actorRules[:rules]
	if len(as) == 1 && as[0].PackID != "" {
		if f, ok := x.pack.Actor(as[0].PackID); ok && f.Kind == knowledge.KindStateForce {
			return as[0]
		}
	}
	return a
}

// tokensOf returns the tokens [i, j) that span sp covers exactly.
func (d *doc) tokensOf(sp claim.Span) (int, int, bool) {
	if sp.End <= sp.Start {
		return 0, 0, false
	}
	i, j := d.tokAt(sp.Start), d.tokAt(sp.End)
	if i >= j || d.toks[i].s != sp.Start || d.toks[j-1].e != sp.End {
		return 0, 0, false
	}
	return i, j, true
}

// namesOtherCountry reports a country other than iso mentioned in
// [from, to), in any role (a possessive included).
func (x *Extractor) namesOtherCountry(d *doc, from, to int, iso string) bool {
	for k := from; k < to; k++ {
		if p, _, ok := x.countryAt(d, k); ok && p.Country != iso {
			return true
		}
	}
	return false
}

// actorInSpan returns the first pack actor mentioned inside a speaker's
// span of the text.
func (x *Extractor) actorInSpan(d *doc, sp claim.Span) (knowledge.Actor, claim.Span, bool) {
	if x.pack == nil || sp.End <= sp.Start {
		return knowledge.Actor{}, claim.Span{}, false
	}
	for _, m := range d.ms {
		if m.kind != knowledge.ActorMatch || m.compound || d.toks[m.ti].s < sp.Start || d.toks[m.tj-1].e > sp.End {
			continue
		}
		if a, ok := x.pack.Actor(m.id); ok {
			return a, d.span(m.ti, m.tj), true
		}
	}
	return knowledge.Actor{}, claim.Span{}, false
}

// passiveAt reports a passive verb at i: "were killed", "have been killed".
func (d *doc) passiveAt(i, from int) bool {
	// "three PMF members killed in Iran": a reduced relative clause.
	if i > from && (d.unitNoun(i-1) || d.is(i-1, cForceHead)) && d.is(i+1, cReducedRelativePrep) {
		return true
	}
	for k := i - 1; k >= from && k >= i-3; k-- {
		switch {
		case d.is(k, cBe):
			return true
		case d.is(k, cAdverb):
			continue
		}
		return false
	}
	return false
}

// negated reports a trigger under negation: a verb with "not", "never" or
// "-n't" among the auxiliaries and adverbs before it, or a noun after "no"
// or after "any" in a negated clause.
func (d *doc) negated(h hit, from int) bool {
	switch h.action {
	case claim.ActionNoComment, claim.ActionDataGap, claim.ActionConfirm, claim.ActionDeny:
		return false
	}
	i := h.i
	// A form of "be" that places forces: "no Kenyan troops are in
	// Somalia", "there are no Kenyan troops in Somalia".
	if d.is(i, cBe) {
		for k := i - 1; k >= from && k >= i-4; k-- {
			if d.is(k, cNegatorNp) && d.hasForceNoun(k, i) {
				return true
			}
		}
		for k := i + 1; k < len(d.toks) && k <= i+2; k++ {
			if d.is(k, cNegatorNp) && d.hasForceNoun(k, min(len(d.toks), k+5)) {
				return true
			}
		}
	}
	if h.form == fNoun {
		switch {
		case i-1 >= from && d.is(i-1, cNegatorNp):
			return true
		case i-1 >= from && d.is(i-1, cNegatorAny):
			for k := i - 2; k >= from && k >= i-7; k-- {
				if d.is(k, cNegator) {
					return true
				}
			}
		}
		return false
	}
	// "no foreign forces were present in Iran": a subject with "no".
	if d.is(from, cNegatorNp) && d.hasForceNoun(from, i) {
		return true
	}
	for k := i - 1; k >= from && k >= i-4; k-- {
		if d.is(k, cNegator) {
			return true
		}
		if !d.is(k, cAuxiliary) && !d.is(k, cModal) && !d.is(k, cAdverb) {
			return false
		}
	}
	return false
}

// forceSpeaker reads a speaker named as a force ("Two Syrian rebels"):
// the name without its count or determiner, and its head noun.
func (d *doc) forceSpeaker(who string) (string, string, bool) {
	ws := strings.Fields(who)
	for len(ws) > 0 {
		w := strings.ToLower(ws[0])
		if _, ok := d.g.spelledWord(w); ok || d.g.wordIs(w, cDeterminer) || w != "" && w[0] >= '0' && w[0] <= '9' {
			ws = ws[1:]
			continue
		}
		break
	}
	if len(ws) < 2 {
		return "", "", false
	}
	head := ws[len(ws)-1]
	if !d.g.wordIs(head, cForceHead) || d.g.wordIs(head, cMenWord) {
		return "", "", false
	}
	if r, _ := utf8.DecodeRuneInString(ws[0]); !unicode.IsUpper(r) {
		return "", "", false
	}
	return strings.Join(ws, " "), head, true
}

// stateForceBefore returns the latest state force of earlier claims when
// head is a noun of a branch of state forces: "soldiers" after "Eritrean
// army units" are the Eritrean Defence Forces.
func (x *Extractor) stateForceBefore(d *doc, st *state, head string) (claim.Actor, bool) {
	if _, ok := d.g.Pack.Branches[head]; !ok || x.pack == nil {
		return claim.Actor{}, false
	}
	for k := len(st.actors) - 1; k >= 0; k-- {
		if id := st.actors[k].actor.PackID; id != "" {
			if a, ok := x.pack.Actor(id); ok && a.Kind == knowledge.KindStateForce {
				return st.actors[k].actor, true
			}
		}
	}
	return claim.Actor{}, false
}

// nationForceBefore returns the latest state force of country iso among
// earlier claims' actors.
func (x *Extractor) nationForceBefore(st *state, iso string) (claim.Actor, bool) {
	if x.pack == nil {
		return claim.Actor{}, false
	}
	for k := len(st.actors) - 1; k >= 0; k-- {
		if id := st.actors[k].actor.PackID; id != "" {
			if a, ok := x.pack.Actor(id); ok && a.Kind == knowledge.KindStateForce && a.Country == iso {
				return st.actors[k].actor, true
			}
		}
	}
	return claim.Actor{}, false
}

// bareHead returns the first force noun of [from, to) written without a
// modifier ("over 2,000 soldiers"), or "".
func (d *doc) bareHead(from, to int) string {
	for k := from; k < to; k++ {
		if !d.is(k, cForceHead) || d.toks[k].cap || d.is(k, cMenWord) || d.is(k, cVictim) {
			continue
		}
		if k > from && (d.nationality(k-1) || d.is(k-1, cForceMod) || d.toks[k-1].hyph || d.is(k-1, cForceHead)) {
			continue
		}
		if _, ok := d.mentionAt(k - 1); ok {
			continue
		}
		return d.w(k)
	}
	return ""
}

// pronounSubject reports a clause of [from, to) whose subject is "they":
// "They were heading to Kismayu, wary of mines laid by the ICU fighters"
// is about whom "they" means, whatever definite noun comes later.
func (d *doc) pronounSubject(from, to int) bool {
	for k := from; k < to && k < from+3; k++ {
		if d.is(k, cPronounGroup) {
			return true
		}
		if !d.is(k, cAdverb) && !d.isComma(k) && !isOpenQuote(runeAt(d, k)) {
			return false
		}
	}
	return false
}

// theyIn reports a plural pronoun standing for a group in [from, to):
// "they were attacking", "whether they are still there".
func (d *doc) theyIn(from, to int) bool {
	for i := from; i < to; i++ {
		if d.is(i, cPronounGroup) {
			return true
		}
	}
	return false
}

func (d *doc) hasForceNoun(from, to int) bool {
	for i := from; i < to; i++ {
		if d.is(i, cForceHead) && !d.toks[i].cap {
			return true
		}
	}
	return false
}

// dedupePlaces drops repeated places. A place plays one part in a claim:
// when the same place is also given a role of the journey (origin,
// destination, via), its bare location is the weaker reading of the same
// mention or of the context ("entered our territory during the fighting in
// Tigray", "passes the airspace of Georgia").
func dedupePlaces(ps []claim.Place) []claim.Place {
	journey := func(name string) bool {
		for _, q := range ps {
			if q.Role != claim.RoleLocation && strings.EqualFold(q.Name, name) {
				return true
			}
		}
		return false
	}
	dupOf := func(p claim.Place, kept []claim.Place) bool {
		if p.Role == claim.RoleLocation && journey(p.Name) {
			return true
		}
		for _, q := range kept {
			if q.Role == p.Role && strings.EqualFold(q.Name, p.Name) {
				return true
			}
		}
		return false
	}
	// Most lists have no repeat: they are returned as they are, without a
	// copy.
	first := -1
	for i, p := range ps {
		if dupOf(p, ps[:i]) {
			first = i
			break
		}
	}
	if first < 0 {
		return ps
	}
	out := make([]claim.Place, first, len(ps))
	copy(out, ps[:first])
	for _, p := range ps[first:] {
		if !dupOf(p, out) {
			out = append(out, p)
		}
	}
	return out
}

func dedupeActors(as []claim.Actor, heads []string) ([]claim.Actor, []string) {
	out := as[:0]
	oh := heads[:0]
	for k, a := range as {
		dup := false
		for _, b := range out {
			if strings.EqualFold(a.Name, b.Name) {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, a)
			oh = append(oh, heads[k])
		}
	}
	return out, oh
}

// actorsIn finds who acts in [from, to): pack actors, and armed groups or
// authorities described in the text's own words ("Iraqi armed groups",
// "neither Iraqi nor Iranian officials"). It also returns the head noun of
// a definite description that names no one ("these forces").
func (x *Extractor) actorsIn(d *doc, from, to int, action claim.Action) ([]claim.Actor, []string, string, claim.Actor) {
	var out []claim.Actor
	var heads []string
	anaphor := ""
	d.anaphorAt, d.anaphorNew = -1, false
	d.coActors = d.coActors[:0]
	var bare claim.Actor // an indefinite bare force noun near the start: "Militiamen", "800 fighters"
	packOnly := action == claim.ActionAffiliation || action == claim.ActionFlights || action == claim.ActionDataGap
	for i := from; i < to; i++ {
		m, ok := d.mentionAt(i)
		if ok && m.ti == i && m.tj <= to {
			// "Turkey had sent fighters", "Ankara denied": a state that is
			// the subject of a verb acts, as does one whose deed is named as
			// a noun after it ("denied Eritrea's involvement").
			if m.kind == knowledge.PlaceMatch && !m.compound && !packOnly && (d.isSubject(m) || d.isAgent(m) || d.toks[m.tj-1].poss && d.is(m.tj, cInvolvementNoun)) {
				if a, ok := x.stateOf(d, m); ok {
					out = append(out, a)
					heads = append(heads, "")
					if !d.isSubject(m) && d.isAgent(m) {
						d.actorRules = append(d.actorRules, ruleActorAgent)
					}
				}
			} else if m.kind == knowledge.PlaceMatch && !m.compound && !packOnly && d.coActorBefore(m.ti) {
				// "deploying to Azerbaijan in coordination with Ankara":
				// the state acts beside the clause's actors.
				if a, ok := x.stateOf(d, m); ok {
					d.coActors = append(d.coActors, a)
				}
			}
			if m.kind == knowledge.ActorMatch && !m.compound && x.pack != nil {
				if d.is(m.tj, cProxyWord) || d.toks[m.tj-1].poss && !d.is(m.tj, cForceHead) {
					i = m.tj - 1
					continue
				}
				if a, ok := x.pack.Actor(m.id); ok {
					out = append(out, claim.Actor{Name: a.Name, PackID: a.ID, Affiliation: a.Affiliation, Span: d.span(m.ti, m.tj)})
					h := ""
					if d.is(m.tj, cForceHead) {
						h = d.w(m.tj)
					}
					heads = append(heads, h)
				}
			}
			i = m.tj - 1
			continue
		}
		// "a government-imposed blackout", "regime-ordered arrests": the
		// body of the text's country did it.
		if a, ok := x.compoundBody(d, i); ok {
			out = append(out, a)
			heads = append(heads, "")
			d.actorRules = append(d.actorRules, ruleActorHomeForce)
			continue
		}
		if !d.known(i) && !d.toks[i].cap {
			continue
		}
		w := d.w(i)
		// A list of airlines: "Sepehran, Iran Air, Mahan Air" — a bare
		// name among pack airlines is one too.
		if d.toks[i].cap && !ok && x.pack != nil && i > from && (d.isComma(i+1) || d.is(i+1, cAndWord)) && (d.isComma(i-1) || d.is(i-1, cIncluding)) && x.airlineNear(d, i) {
			if a, found := x.airlines[d.w(i)]; found {
				out = append(out, claim.Actor{Name: a.Name, PackID: a.ID, Span: d.span(i, i+1)})
				heads = append(heads, "")
			}
			continue
		}
		// "nearly 1,000 Syrians were set to be deployed", "some 300
		// Chadians were sent": a counted people's plural is the group
		// that moves, in the text's own word.
		if dm, ok := d.demonymAt(i); ok && !packOnly && dm.ti == i && dm.tj == i+1 && dm.form&knowledge.FormPlural != 0 && dm.form&knowledge.FormAdjective == 0 && i > from && (d.toks[i-1].kind == tNum || d.is(i-1, cNumberSpelled)) && (action == claim.ActionDeploy || action == claim.ActionAttempt || action == claim.ActionTransport) {
			out = append(out, claim.Actor{Name: d.text[d.toks[i].s:d.toks[i].e], Span: d.span(i, i+1)})
			heads = append(heads, "")
			d.actorRules = append(d.actorRules, ruleActorCounted)
			continue
		}
		// A gap in the record names only forces it can place: "the number
		// of Eritrean soldiers killed" counts a state's soldiers.
		stateForce := action == claim.ActionDataGap && i > from && d.knownNationality(i-1)
		if packOnly && !stateForce || !d.is(i, cForceHead) || d.toks[i].cap && i > from {
			continue
		}
		// "Iraqi pilgrims, not fighters, had travelled": what they are not.
		if i > from && d.is(i-1, cNotWord) {
			continue
		}
		// "militia fighters", "group members": the later noun is the head.
		if d.is(i+1, cForceHead) && i+1 < to {
			continue
		}
		// "fighters from the Sultan Murad, al-Mu'tasim and Al-Shamal
		// Brigade factions", "the 13th, 16th and 525th divisions": each
		// group of the list.
		if gs := x.listGroups(d, from, i); len(gs) > 0 {
			for _, g := range gs {
				out = append(out, g)
				heads = append(heads, "")
			}
			d.actorRules = append(d.actorRules, ruleActorGroupList)
			continue
		}
		// "the army of (Eritrean leader) Isaias", "the troops of Rwanda":
		// the state's force.
		if bs, end := x.bodiesOf(d, i, to); len(bs) > 0 {
			// "the governments of both Eritrea and Ethiopia", "the armies
			// of Rwanda and Uganda": each state's.
			for _, b := range bs {
				out = append(out, b)
				heads = append(heads, "")
			}
			d.actorRules = append(d.actorRules, ruleActorForceOf)
			i = end - 1
			continue
		}
		if sf, end, ok := x.forceOf(d, i, to); ok {
			out = append(out, claim.Actor{Name: sf.Name, PackID: sf.ID, Affiliation: sf.Affiliation, Span: d.span(i, end)})
			heads = append(heads, w)
			d.actorRules = append(d.actorRules, ruleActorForceOf)
			i = end - 1
			continue
		}
		// "fighters from influential Iraqi militias", "groups of … fighters":
		// the group named after is the actor.
		if d.is(i+1, cFromOf) && d.forceWithin(i+2, min(to, i+7)) {
			continue
		}
		k := i - 1
		subsumed := false
		for k >= from {
			t := d.toks[k]
			if mm, ok := d.mentionAt(k); ok && !(t.hyph && d.is(k, cCompoundMod)) {
				if mm.kind == knowledge.ActorMatch && !mm.compound {
					subsumed = true // "PMF fighters" are the PMF
					break
				}
				// "US military", "Iraq army", "Ankara's soldiers": a country
				// (or a capital standing for it) used as a modifier.
				if mm.kind == knowledge.PlaceMatch && !mm.compound && mm.tj == k+1 && d.toks[mm.ti].cap {
					if _, ok := x.stateISO(d, mm); ok || !t.poss {
						k = mm.ti - 1
						continue
					}
				}
				break
			}
			if t.kind != tWord || d.is(k, cNotMod) {
				break
			}
			if t.hyph && d.is(k, cCompoundMod) || d.nationality(k) || d.is(k, cForceMod) || (d.g.forceCtx[d.w(k)] == ctxHome || d.g.forceCtx[d.w(k)] == ctxDesc) && (!t.cap || k == d.sentFrom) {
				k--
				continue
			}
			// "Chechen fighters", "Tigrayan forces": a proper adjective no
			// pack knows names them in the text's own words.
			if t.cap && k == i-1 && !d.known(k) && !t.poss && d.is(k, cProperAdjective) && !d.allCaps(k) {
				k--
				continue
			}
			break
		}
		if subsumed {
			continue
		}
		modFrom := k + 1
		// "signed up to work for a security company as border guards": a
		// role the actors take, no actor of its own ("such as" lists some).
		if k >= from && d.is(k, cAsWord) && !d.toks[k].cap && !d.is(k-1, cSuchWord) {
			continue
		}
		// "a military offensive", "the transport of military cargo": a
		// force noun that modifies the noun after it names no one, unless
		// a state owns it ("Eritrean military involvement").
		if i+1 < to && d.g.forceCtx[d.w(i+1)] == ctxNoun && !d.toks[i+1].cap && !d.toks[i].poss {
			if sf, ok := x.stateForce(d, modFrom, i); ok {
				out = append(out, claim.Actor{Name: sf.Name, PackID: sf.ID, Affiliation: sf.Affiliation, Span: d.span(modFrom, i+1)})
				heads = append(heads, w)
			}
			continue
		}
		// Post-modifier: "aligned with Iran", "operating out of Iraq", "linked to the PMF".
		end := i + 1
		if pm, ok := d.g.postMod[d.w(i+1)]; ok && i+2 < to {
			q := i + 2
			if n, any := d.g.postModAny[d.w(q)]; pm == "-" && any {
				q += n
			} else if pm == "=" {
				// "fighters from Syria": the name follows the word itself.
			} else if pm != "-" && d.w(q) == pm {
				q++
			} else {
				q = -1
			}
			if q > 0 && q < to && d.is(q, cTheWord) {
				q++
			}
			// "from northern Syria", "from Turkish-controlled northern
			// Syria": compass words and compounds before the name.
			for n := 0; q > 0 && q < to && n < 3 && (d.is(q, cDirection) || d.is(q, cPlaceLead) || d.toks[q].hyph && d.is(q, cCompoundMod)); n++ {
				if mm, ok := d.mentionAt(q); ok && mm.ti == q {
					break
				}
				q++
			}
			if q > 0 && q < to {
				if mm, ok := d.mentionAt(q); ok && mm.ti == q && mm.tj <= to {
					if d.is(i+1, cPostModSubsumes) && mm.kind == knowledge.ActorMatch {
						continue
					}
					if mm.kind == knowledge.ActorMatch || mm.kind == knowledge.PlaceMatch {
						end = mm.tj
					}
				}
			}
		}
		if modFrom >= i && end == i+1 {
			// "Eritrea denied that its troops had crossed": the forces of
			// the state or group the sentence is about.
			if k >= from && d.is(k, cPossessive) {
				if a, ok := x.possessor(d, k, i); ok {
					out = append(out, a)
					heads = append(heads, w)
					d.actorRules = append(d.actorRules, ruleActorPossessor)
					continue
				}
			}
			// A bare noun: "the fighters", "these forces", "forces" after "of".
			// The complementiser before a plural ("writes that fighters are
			// sent") determines nothing: the noun is indefinite.
			complementiser := k >= from && d.is(k, cThatWord) && modFrom == i && d.g.isPlural(w)
			if k >= from && (d.is(k, cDefinite) && !complementiser || d.is(k, cOfWord)) {
				if anaphor == "" {
					anaphor = w
					d.anaphorAt, d.anaphorNew = i, !d.is(k, cPossessive)
				}
			} else if bare.Name == "" && i <= from+4 && !d.is(i, cVictim) && !d.is(i, cMenWord) {
				bare = claim.Actor{Name: d.raw(i), Span: d.span(i, i+1)}
			}
			continue
		}
		if d.is(i, cVictim) {
			continue
		}
		// "neither Iraqi nor Iranian officials", "Iraqi and Syrian forces".
		if k-1 >= from && d.is(k, cAndOr) && d.nationality(k-1) {
			name := d.raw(k-1) + " " + d.text[d.toks[i].s:d.toks[end-1].e]
			a := claim.Actor{Name: name, Span: d.span(k-1, k)}
			if sf, ok := x.stateForce(d, k-1, i); ok && end == i+1 {
				// "Ethiopian and Somali government forces": each state's
				// force, as "Ethiopian forces" alone would be.
				a.Name, a.PackID, a.Affiliation = sf.Name, sf.ID, sf.Affiliation
			}
			out = append(out, a)
			heads = append(heads, w)
		}
		// "his military troops": the forces of the state the sentence is
		// about, as "his troops" would be.
		if k >= from && d.is(k, cPossessive) && end == i+1 && d.onlyForceMods(modFrom, i) {
			if a, ok := x.possessor(d, k, i); ok {
				out = append(out, a)
				heads = append(heads, w)
				d.actorRules = append(d.actorRules, ruleActorPossessor)
				continue
			}
		}
		a := claim.Actor{Name: d.text[d.toks[modFrom].s:d.toks[end-1].e], Span: d.span(modFrom, end)}
		if sf, ok := x.homeForce(d, modFrom, i); ok && end == i+1 {
			// "the federal military", "some administration troops": the
			// force of the country whose war the text tells.
			a.Name, a.PackID, a.Affiliation = sf.Name, sf.ID, sf.Affiliation
			d.actorRules = append(d.actorRules, ruleActorHomeForce)
		} else if sf, ok := x.stateForce(d, modFrom, i); ok && end == i+1 {
			// "Eritrean troops", "Ankara's soldiers": the state's force.
			a.Name, a.PackID, a.Affiliation = sf.Name, sf.ID, sf.Affiliation
		} else if sf, ok := x.forceFrom(d, i, end); ok && modFrom == i {
			// "troops from neighbouring Eritrea": the same.
			a.Name, a.PackID, a.Affiliation = sf.Name, sf.ID, sf.Affiliation
			d.actorRules = append(d.actorRules, ruleActorFromState)
		} else if end > i+1 && modFrom == i && d.is(i+1, cFromWord) {
			d.actorRules = append(d.actorRules, ruleActorOrigin)
		}
		out = append(out, a)
		heads = append(heads, w)
		i = end - 1
	}
	return out, heads, anaphor, bare
}

// forceFrom returns the state force of "troops from (neighbouring)
// Eritrea": a force noun with a branch at i, "from" and a country ending
// at end.
func (x *Extractor) forceFrom(d *doc, i, end int) (knowledge.Actor, bool) {
	branch, ok := d.g.Pack.Branches[d.w(i)]
	if !ok || x.pack == nil || !d.is(i+1, cFromWord) {
		return knowledge.Actor{}, false
	}
	m, ok := d.mentionAt(end - 1)
	if !ok || m.tj != end || m.kind != knowledge.PlaceMatch {
		return knowledge.Actor{}, false
	}
	pl, ok := x.pack.Place(m.id)
	if !ok || pl.Kind != claim.KindCountry || pl.Country == "" {
		return knowledge.Actor{}, false
	}
	for k := i + 2; k < m.ti; k++ {
		if !d.is(k, cPlaceLead) && !d.is(k, cTheWord) {
			return knowledge.Actor{}, false // "troops from northern Syria" keep the text's words
		}
	}
	return x.pack.StateForce(pl.Country, branch)
}

// namesForce reports an actor that is a force: a pack actor that is no
// government, or one named by a force noun in the text's words.
func (x *Extractor) namesForce(d *doc, as []claim.Actor) bool {
	for _, a := range as {
		if a.PackID == "" {
			if ws := strings.Fields(a.Name); len(ws) > 0 && d.g.wordIs(strings.ToLower(ws[len(ws)-1]), cForceHead) {
				return true
			}
			continue
		}
		if pa, ok := x.pack.Actor(a.PackID); ok && pa.Kind != knowledge.KindGovernment {
			return true
		}
	}
	return false
}

// personSubject returns the titled person who opens the clause [from,
// trigger) as its subject: titles, a name of capitalised words, and an
// apposition set off by commas ("Major General Belay Seyoum, the head of
// the army's northern division, went …"), before the trigger.
func (d *doc) personSubject(from, trigger int) (claim.Actor, bool) {
	k := from
	for k < trigger && (d.is(k, cAndBut) || d.is(k, cIntro) || d.isComma(k)) {
		k++ // "But …"
	}
	j := k
	for j < trigger && j < k+7 && d.groupNameWord(j) {
		j++ // "General Abdel Fattah al-Burhan"
	}
	name, ns, ok := personRun(d, k, j)
	if !ok || ns <= k || !d.is(ns-1, cTitle) || !strings.Contains(name, " ") {
		return claim.Actor{}, false
	}
	if _, ok := d.mentionAt(ns); ok {
		return claim.Actor{}, false // a pack actor or place, not a person
	}
	if d.isComma(j) {
		// The apposition ends at the next comma, before the trigger.
		c := d.nextComma(j+1, trigger)
		if c < 0 {
			return claim.Actor{}, false
		}
		j = c + 1
	}
	// The verb follows: the trigger itself or the one that governs it,
	// with no clause of another subject between ("expressed concern that
	// mercenaries are being transferred"); a relative clause whose verb
	// is the trigger is the same deed ("launched an offensive that left
	// thousands dead").
	if j >= trigger || d.toks[j].kind != tWord || d.toks[j].cap || d.is(j, cReportVerb) {
		if j != trigger {
			return claim.Actor{}, false
		}
	}
	for q := j; q < trigger; q++ {
		if isOpenQuote(runeAt(d, q)) || d.is(q, cThatWord) && q+1 != trigger {
			return claim.Actor{}, false
		}
	}
	return claim.Actor{Name: name, Span: d.span(ns, ns+len(strings.Fields(name)))}, true
}

// dropTargets leaves out of a movement's actors the forces its movers
// attack ("accused Eritrea of sending soldiers over the border and
// attacking local forces"): a force right after a force_context "target"
// word, or after it and an article.
func (d *doc) dropTargets(as []claim.Actor, heads []string) ([]claim.Actor, []string) {
	outA, outH := as[:0], heads[:0]
	for k, a := range as {
		target := false
		if j := d.tokAt(a.Span.Start); a.Span.End > 0 && j < len(d.toks) && d.toks[j].s == a.Span.Start {
			q := j - 1
			if q >= 0 && (d.is(q, cTheWord) || d.is(q, cDeterminer)) {
				q--
			}
			target = q >= 0 && d.g.forceCtx[d.w(q)] == ctxTarget
		}
		if target {
			d.actorRules = append(d.actorRules, ruleActorTarget)
			continue
		}
		outA, outH = append(outA, a), append(outH, heads[k])
	}
	return outA, outH
}

// deedAgents keeps, of a claim whose trigger is a noun with its agent
// after it ("accusations of looting by Eritrean soldiers", "information
// on participation of Syrian mercenaries"), the actors from the noun on:
// a state or body before it that accuses, knows or reports is no actor of
// the deed. An owner written on the noun ("Eritrea's involvement") acts.
func (x *Extractor) deedAgents(d *doc, p *pending, as []claim.Actor, heads []string) ([]claim.Actor, []string) {
	h := p.hit
	switch h.action {
	case claim.ActionDeny, claim.ActionConfirm, claim.ActionNoComment, claim.ActionDataGap, claim.ActionFlights:
		return as, heads
	}
	if h.form != fNoun || h.i+2 >= len(d.toks) || !d.is(h.i+1, cOfWord) && !d.is(h.i+1, cByWord) {
		// "abuses by", "participation of"; a list of deeds ("looting and
		// rights abuses by") has its agent after the last.
		if h.form != fNoun || !d.deedAgentAfter(h.i) {
			return as, heads
		}
	}
	start := d.toks[h.i].s
	after := slices.ContainsFunc(as, func(a claim.Actor) bool { return a.Span.Start > start })
	if !after {
		return as, heads
	}
	owner := -1
	if h.i > 0 && d.toks[h.i-1].poss {
		owner = d.toks[h.i-1].e
	}
	outA, outH := as[:0], heads[:0]
	for k, a := range as {
		if a.Span.End > 0 && a.Span.End <= start && a.Span.End != owner {
			d.actorRules = append(d.actorRules, ruleActorDeedAgent)
			continue
		}
		outA, outH = append(outA, a), append(outH, heads[k])
	}
	return outA, outH
}

// deedAgentAfter reports "by" or "of" and a force within a few words
// after the noun at i, past other nouns of a list ("looting and rights
// abuses by Eritrean soldiers").
func (d *doc) deedAgentAfter(i int) bool {
	for k := i + 1; k < len(d.toks) && k <= i+5; k++ {
		if d.toks[k].kind == tPunct {
			return false
		}
		if d.is(k, cByWord) || d.is(k, cOfWord) {
			return d.forceWithin(k+1, min(len(d.toks), k+5))
		}
	}
	return false
}

// denierForce returns the force of the state a denial or a non-answer is
// by, when its actors name no force: the state force of that country the
// text named before. The state is an actor that is a country, or the
// country named inside an actor or inside the first speaker ("Eritrea's
// government", "Eritrea's Foreign Minister Osman Saleh").
func (x *Extractor) denierForce(d *doc, st *state, as []claim.Actor, chain []claim.Attribution) (claim.Actor, bool) {
	if x.pack == nil {
		return claim.Actor{}, false
	}
	iso := ""
	for _, a := range as {
		if pa, ok := x.pack.Actor(a.PackID); ok && pa.Kind != knowledge.KindGovernment {
			return claim.Actor{}, false // a force is named
		}
		if pl, ok := x.pack.Place(a.PackID); ok && pl.Kind == claim.KindCountry {
			if iso == "" {
				iso = pl.Country
			}
			continue
		}
		if a.PackID == "" && iso == "" {
			iso = d.stateInSpan(x, a.Span)
		}
	}
	if iso == "" && len(chain) > 0 {
		iso = d.stateInSpan(x, chain[0].Span)
	}
	if iso == "" {
		return claim.Actor{}, false
	}
	a, ok := x.nationForceBefore(st, iso)
	for k := len(st.deniedForces) - 1; k >= 0 && !ok; k-- {
		// "Eritrea denied that its troops crossed … “We are not part of
		// the conflict,” its foreign minister said": the forces a denial
		// named are those a later one answers for.
		if pa, found := x.pack.Actor(st.deniedForces[k].PackID); found && pa.Kind == knowledge.KindStateForce && pa.Country == iso {
			a, ok = st.deniedForces[k], true
		}
	}
	if ok && slices.ContainsFunc(as, func(b claim.Actor) bool { return b.PackID == a.PackID }) {
		return claim.Actor{}, false
	}
	a.Span = claim.Span{}
	return a, ok
}

// stateInSpan returns the country a demonym or a state mention inside
// span names ("Eritrea's government", "Iranian Foreign Ministry
// spokesman"), or in the title written before it ("Eritrea's Foreign
// Minister Osman Saleh"), or "".
func (d *doc) stateInSpan(x *Extractor, sp claim.Span) string {
	if sp.End <= sp.Start {
		return ""
	}
	from := d.tokAt(sp.Start)
	if from >= len(d.toks) {
		return ""
	}
	for n := 0; n < 5 && from > 0 && (d.is(from-1, cTitle) || d.toks[from-1].cap); n++ {
		from--
	}
	for k := from; k < len(d.toks) && d.toks[k].e <= sp.End; k++ {
		if dm, ok := d.demonymAt(k); ok && dm.iso != "" && dm.people == "" {
			return dm.iso
		}
		if m, ok := d.mentionAt(k); ok && m.ti == k && m.kind == knowledge.PlaceMatch && !m.compound {
			if iso, ok := x.stateISO(d, m); ok {
				return iso
			}
		}
	}
	return ""
}

// listGroups reads a list of named groups that shares the plural force
// noun at i: "the Sultan Murad, al-Mu'tasim and Al-Shamal Brigade
// factions" (each name in the text's words, a pack actor by the pack's
// name), "the 13th, 16th and 525th divisions" (each ordinal with the
// noun: "13th division"). It needs two names at least, joined by commas
// and "and"; a nationality or a place is no name of a group ("Iraqi and
// Syrian forces").
func (x *Extractor) listGroups(d *doc, from, i int) []claim.Actor {
	w := d.w(i)
	if d.toks[i].cap || !d.g.isPlural(w) || i-1 < from {
		return nil
	}
	type conj struct{ a, b int }
	var cs []conj
	k := i - 1
	ordinals := false
	for k >= from {
		end := k + 1
		if d.ordinal(k) {
			ordinals = true
			k--
		} else {
			for k >= from && d.groupNameWord(k) && !d.nationality(k) {
				if m, ok := d.mentionAt(k); ok && m.kind == knowledge.PlaceMatch && d.countryMention(m) {
					break
				}
				k--
			}
		}
		if k+1 == end {
			break
		}
		cs = append(cs, conj{k + 1, end})
		if k >= from && d.is(k, cAndOr) {
			k--
			if k >= from && d.isComma(k) {
				k--
			}
		} else if k >= from && d.isComma(k) {
			k--
		} else {
			break
		}
	}
	if len(cs) < 2 || ordinals && !slices.ContainsFunc(cs, func(c conj) bool { return d.ordinal(c.a) }) {
		return nil
	}
	noun := d.g.singular(w)
	out := make([]claim.Actor, 0, len(cs))
	for j := len(cs) - 1; j >= 0; j-- {
		c := cs[j]
		if d.ordinal(c.a) != ordinals {
			return nil // "the 13th and Tigray divisions": no one list
		}
		a := claim.Actor{Name: d.text[d.toks[c.a].s:d.toks[c.b-1].e], Span: d.span(c.a, c.b)}
		if ordinals {
			a.Name += " " + noun
			a.Span = d.span(c.a, i+1)
		} else if m, ok := d.mentionAt(c.a); ok && m.ti == c.a && m.kind == knowledge.ActorMatch && x.pack != nil {
			if pa, ok := x.pack.Actor(m.id); ok {
				a = claim.Actor{Name: pa.Name, PackID: pa.ID, Affiliation: pa.Affiliation, Span: d.span(c.a, c.b)}
			}
		}
		out = append(out, a)
	}
	return out
}

// groupNameWord reports a word that may be part of a group's name:
// capitalised, or a particle joined to a name ("al-Mu'tasim").
func (d *doc) groupNameWord(k int) bool {
	t := d.toks[k]
	if t.kind != tWord {
		return false
	}
	if t.cap {
		return true
	}
	if !t.hyph {
		return false
	}
	r := d.raw(k)
	for j, c := range r {
		if isHyphen(c) {
			return d.g.wordIs(strings.ToLower(r[:j]), cNameParticle)
		}
	}
	return false
}

// ordinal reports a word of digits with an ordinal ending: "13th".
func (d *doc) ordinal(k int) bool {
	if k < 0 || k >= len(d.toks) || d.toks[k].kind != tWord {
		return false
	}
	r := d.raw(k)
	if r == "" || !isDigit(rune(r[0])) {
		return false
	}
	for _, suf := range d.g.ordinalSuffix {
		if strings.HasSuffix(strings.ToLower(r), suf) {
			return true
		}
	}
	return false
}

// onlyForceMods reports modifiers [from, to) that are all lower-case
// force modifiers ("military" of "his military troops"), at least one.
func (d *doc) onlyForceMods(from, to int) bool {
	for k := from; k < to; k++ {
		if !d.is(k, cForceMod) || d.toks[k].cap {
			return false
		}
	}
	return to > from
}

// homeForce returns the state force that modifiers [from, i) name by the
// state's home role alone ("the federal military", "government troops",
// "some administration troops"): the force of the country the text's war
// is in (d.homeISO), of the branch of the noun at i.
func (x *Extractor) homeForce(d *doc, from, i int) (knowledge.Actor, bool) {
	branch, ok := d.g.Pack.Branches[d.w(i)]
	if !ok || x.pack == nil || d.homeISO == "" || from >= i {
		return knowledge.Actor{}, false
	}
	for k := from; k < i; k++ {
		if d.g.forceCtx[d.w(k)] != ctxHome || d.toks[k].cap && k != d.sentFrom {
			return knowledge.Actor{}, false
		}
	}
	return x.pack.StateForce(d.homeISO, branch)
}

// compoundBody reads a compound of a state's body and a participle at i
// ("government-imposed", "regime-ordered", "army-run"): that body of the
// country the text is about (its war's, else the one it names most),
// named with the country's adjective ("Iranian government").
func (x *Extractor) compoundBody(d *doc, i int) (claim.Actor, bool) {
	t := d.toks[i]
	if !t.hyph || x.pack == nil || d.focusISO == "" && d.homeISO == "" {
		return claim.Actor{}, false
	}
	head, rest, ok := strings.Cut(d.w(i), "-")
	if !ok || !d.g.wordIs(head, cOfficialForce) || !d.g.wordIs(rest, cFiniteEnding) || d.g.wordIs(rest, cCompoundMod) || d.g.wordIs(d.w(i), cCompoundMod) {
		return claim.Actor{}, false
	}
	iso := d.homeISO
	if iso == "" {
		iso = d.focusISO
	}
	nat, ok := x.pack.Nationality(iso)
	if !ok || len(nat.Adjectives) == 0 {
		return claim.Actor{}, false
	}
	return claim.Actor{Name: nat.Adjectives[0] + " " + head, Span: d.span(i, i+1)}, true
}

// homeCountry is the country of the text's war, whose government a
// "federal" or "government" force is: the war's place, else the region
// the text named last.
func (st *state) homeCountry() string {
	if st.conflict.Country != "" {
		return st.conflict.Country
	}
	return st.lastRegion.Country
}

// forceOf returns the state force of a branch noun at i followed by "of"
// and a state: the country itself ("the army of Eritrea"), or its
// adjective or possessive before a leader's title ("the army of (Eritrean
// leader) Isaias", "the troops of Rwanda's president"). end is where the
// phrase ends, after the leader's name. A group named after "of" ("the
// forces of the Syrian National Army") is no state's.
func (x *Extractor) forceOf(d *doc, i, to int) (knowledge.Actor, int, bool) {
	branch, ok := d.g.Pack.Branches[d.w(i)]
	if !ok || x.pack == nil || !d.is(i+1, cOfWord) {
		return knowledge.Actor{}, 0, false
	}
	k := i + 2
	for k < to && (d.is(k, cTheWord) || d.punct(k, '(')) {
		k++
	}
	iso, next := "", k
	if m, found := d.mentionAt(k); found && m.ti == k {
		if m.kind != knowledge.PlaceMatch || m.compound {
			return knowledge.Actor{}, 0, false
		}
		if iso, ok = x.stateISO(d, m); !ok {
			return knowledge.Actor{}, 0, false
		}
		next = m.tj
		if !d.toks[m.tj-1].poss && !d.is(next, cTitle) {
			// "the army of Eritrea" ends with the country.
			return x.stateForceEnd(iso, branch, next)
		}
	} else if dm, found := d.demonymAt(k); found && dm.ti == k && dm.iso != "" {
		iso, next = dm.iso, dm.tj
	} else {
		return knowledge.Actor{}, 0, false
	}
	// A title and the leader's name: "leader) Isaias (Afwerki)".
	if next >= to || !d.is(next, cTitle) {
		return knowledge.Actor{}, 0, false
	}
	end := next + 1
	for end < to && (d.is(end, cTitle) || d.toks[end].cap || d.punct(end, '(') || d.punct(end, ')')) {
		end++
	}
	return x.stateForceEnd(iso, branch, end)
}

// stateBody returns a state's body named in [from, to) by the state's
// possessive or adjective and an official word ("Chad's defence
// ministry", "the Rwandan foreign ministry"), in the text's words.
func (d *doc) stateBody(from, to int) (claim.Actor, bool) {
	for k := from; k < to; k++ {
		m, isPlace := d.mentionAt(k)
		poss := isPlace && m.ti == k && m.kind == knowledge.PlaceMatch && d.toks[m.tj-1].poss && d.countryMention(m)
		dm, isDem := d.demonymAt(k)
		adj := !poss && isDem && dm.ti == k && dm.iso != "" && dm.form&knowledge.FormAdjective != 0
		if !poss && !adj {
			continue
		}
		start, j := k, dm.tj
		if poss {
			j = m.tj
		}
		for n := 0; j < to && n < 3; n, j = n+1, j+1 {
			if d.is(j, cOfficialWord) {
				return claim.Actor{Name: d.text[d.toks[start].s:d.toks[j].e], Span: d.span(start, j+1)}, true
			}
			if d.toks[j].kind != tWord {
				break
			}
		}
	}
	return claim.Actor{}, false
}

// tokAt returns the first token that starts at or after byte offset
// off, len(d.toks) when none does.
func (d *doc) tokAt(off int) int {
	return sort.Search(len(d.toks), func(k int) bool { return d.toks[k].s >= off })
}

// coActorBefore reports a co_actor phrase ("in coordination with",
// "together with") right before token k, or before an article there.
func (d *doc) coActorBefore(k int) bool {
	if k > 0 && d.is(k-1, cTheWord) {
		k--
	}
	for _, ph := range d.g.coActor {
		n := len(ph)
		if k-n < 0 {
			continue
		}
		ok := true
		for j, w := range ph {
			if d.w(k-n+j) != w {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// speakerActors is who a speaker who denies or confirms is as actors: the
// speaker, or the bodies its phrase names ("The governments of both
// Eritrea and Ethiopia denied" → the Eritrean and the Ethiopian
// government).
func (x *Extractor) speakerActors(d *doc, sp claim.Attribution) []claim.Actor {
	if sp.Span.End > sp.Span.Start {
		for k := d.tokAt(sp.Span.Start); k < len(d.toks); k++ {
			if d.toks[k].e > sp.Span.End {
				break
			}
			if bs, _ := x.bodiesOf(d, k, len(d.toks)); len(bs) > 0 {
				d.actorRules = append(d.actorRules, ruleActorForceOf)
				return bs
			}
		}
	}
	return []claim.Actor{x.speakerActor(d, sp)}
}

// bodiesOf reads a force or government noun at i "of" two states or more
// ("the governments of both Eritrea and Ethiopia", "the armies of Rwanda
// and Uganda"): each state's force of the noun's branch, or its body named
// with the state's adjective ("Eritrean government"). end is where the
// list ends.
func (x *Extractor) bodiesOf(d *doc, i, to int) ([]claim.Actor, int) {
	if x.pack == nil || !d.is(i+1, cOfWord) {
		return nil, 0
	}
	noun := d.w(i)
	branch, isBranch := d.g.Pack.Branches[noun]
	switch {
	case isBranch, d.is(i, cOfficialForce):
	case d.g.wordIs(d.g.singular(noun), cOfficialForce):
		noun = d.g.singular(noun) // "the governments of A and B": each a government
	default:
		return nil, 0
	}
	k := i + 2
	for k < to && (d.is(k, cTheWord) || d.is(k, cBothWord)) {
		k++
	}
	var isos []string
	var spans []claim.Span
	for k < to {
		m, ok := d.mentionAt(k)
		if !ok || m.ti != k || m.kind != knowledge.PlaceMatch || m.compound || d.toks[m.tj-1].poss {
			break
		}
		iso, ok := x.stateISO(d, m)
		if !ok {
			break
		}
		isos, spans = append(isos, iso), append(spans, d.span(m.ti, m.tj))
		k = m.tj
		if k < to && d.isComma(k) {
			k++
		}
		if k < to && d.is(k, cAndOr) {
			k++
		} else if k < to && !d.isComma(k-1) {
			break
		}
	}
	if len(isos) < 2 {
		return nil, 0
	}
	out := make([]claim.Actor, 0, len(isos))
	for n, iso := range isos {
		if isBranch {
			sf, ok := x.pack.StateForce(iso, branch)
			if !ok {
				return nil, 0
			}
			out = append(out, claim.Actor{Name: sf.Name, PackID: sf.ID, Affiliation: sf.Affiliation, Span: spans[n]})
			continue
		}
		nat, ok := x.pack.Nationality(iso)
		if !ok || len(nat.Adjectives) == 0 {
			return nil, 0
		}
		out = append(out, claim.Actor{Name: nat.Adjectives[0] + " " + noun, Span: spans[n]})
	}
	return out, k
}

func (x *Extractor) stateForceEnd(iso, branch string, end int) (knowledge.Actor, int, bool) {
	sf, ok := x.pack.StateForce(iso, branch)
	return sf, end, ok
}

// isAgent reports a mention that is the agent of a passive trigger verb:
// "after being deployed by Turkey", "were sent to Azerbaijan by Turkey".
func (d *doc) isAgent(m mention) bool {
	k := m.ti - 1
	if k >= 0 && d.is(k, cTheWord) {
		k--
	}
	if k < 1 || !d.is(k, cByWord) {
		return false
	}
	for v := k - 1; v >= 1 && v >= k-8; v-- {
		if d.toks[v].kind == tPunct {
			return false
		}
		if t, ok := d.trig(v); ok && (t.form == fVBN || t.form == fPast) {
			return d.passiveAt(v, max(0, v-3))
		}
	}
	return false
}

// possessor returns whose forces "its" or "their" at k names before the
// force noun at i: the first pack actor, state or nationality the sentence
// names before it (its subject, as a rule), as that state's force of the
// noun's branch ("Eritrea's government denied that its troops …" → the
// Eritrean Defence Forces).
func (x *Extractor) possessor(d *doc, k, i int) (claim.Actor, bool) {
	if x.pack == nil {
		return claim.Actor{}, false
	}
	branch, ok := d.g.Pack.Branches[d.w(i)]
	// The dateline ("NAIROBI (Reuters) –") names where the report was
	// filed, not whose troops.
	for j := max(d.sentFrom, d.dateEnd); j < k; j++ {
		if m, found := d.mentionAt(j); found && m.ti == j && !m.compound {
			switch m.kind {
			case knowledge.ActorMatch:
				if a, found := x.pack.Actor(m.id); found && a.Kind != "airline" {
					return claim.Actor{Name: a.Name, PackID: a.ID, Affiliation: a.Affiliation, Span: d.span(k, i+1)}, true
				}
			case knowledge.PlaceMatch:
				if iso, found := x.stateISO(d, m); found && ok {
					if sf, found := x.pack.StateForce(iso, branch); found {
						return claim.Actor{Name: sf.Name, PackID: sf.ID, Affiliation: sf.Affiliation, Span: d.span(k, i+1)}, true
					}
				}
			}
			j = m.tj - 1
			continue
		}
		if dm, found := d.demonymAt(j); found && dm.iso != "" && ok {
			if sf, found := x.pack.StateForce(dm.iso, branch); found {
				return claim.Actor{Name: sf.Name, PackID: sf.ID, Affiliation: sf.Affiliation, Span: d.span(k, i+1)}, true
			}
			j = dm.tj - 1
		}
	}
	return claim.Actor{}, false
}

// stateForce returns the national force named by the modifiers [from, i)
// and the force noun at i: a demonym, or a country or capital in the
// possessive, before a noun the language pack gives a branch ("Eritrean troops" → the armed
// forces, "Turkish intelligence" → the intelligence service).
func (x *Extractor) stateForce(d *doc, from, i int) (knowledge.Actor, bool) {
	if x.pack == nil {
		return knowledge.Actor{}, false
	}
	branch, ok := "", false
	if i > from {
		branch, ok = d.g.Pack.Branches[d.w(i-1)+" "+d.w(i)]
	}
	if !ok {
		if branch, ok = d.g.Pack.Branches[d.w(i)]; !ok {
			return knowledge.Actor{}, false
		}
	}
	iso := ""
	for k := from; k < i && iso == ""; k++ {
		if dm, ok := d.demonymAt(k); ok && dm.iso != "" {
			iso = dm.iso
			continue
		}
		// "Ankara's soldiers"; a bare country name as a modifier ("US
		// military") keeps the text's words.
		if m, ok := d.mentionAt(k); ok && m.kind == knowledge.PlaceMatch && d.toks[m.tj-1].poss {
			iso, _ = x.stateISO(d, m)
		}
	}
	if iso == "" {
		return knowledge.Actor{}, false
	}
	return x.pack.StateForce(iso, branch)
}

// stateISO returns the country code of a place mention that names a
// state: a country, or a capital or seat standing for one.
func (x *Extractor) stateISO(d *doc, m mention) (string, bool) {
	if x.pack == nil {
		return "", false
	}
	pl, ok := x.pack.Place(m.id)
	if !ok {
		return "", false
	}
	if pl.Kind == claim.KindCountry {
		return pl.Country, pl.Country != ""
	}
	return x.pack.Metonym(d.text[d.toks[m.ti].s:d.toks[m.tj-1].e])
}

// stateOf returns the state a place mention names: a country, or a
// capital or seat standing for one ("Ankara", "the Kremlin").
func (x *Extractor) stateOf(d *doc, m mention) (claim.Actor, bool) {
	if x.pack == nil {
		return claim.Actor{}, false
	}
	pl, ok := x.pack.Place(m.id)
	if !ok {
		return claim.Actor{}, false
	}
	if pl.Kind != claim.KindCountry {
		iso, ok := x.pack.Metonym(d.text[d.toks[m.ti].s:d.toks[m.tj-1].e])
		if !ok {
			return claim.Actor{}, false
		}
		if pl, ok = x.pack.Country(iso); !ok {
			return claim.Actor{}, false
		}
	}
	return claim.Actor{Name: pl.Name, PackID: pl.ID, Span: d.span(m.ti, m.tj)}, true
}

// airlineNear reports a pack airline within a few tokens of i.
func (x *Extractor) airlineNear(d *doc, i int) bool {
	for k := max(0, i-4); k < min(len(d.toks), i+5); k++ {
		if m, ok := d.mentionAt(k); ok && m.kind == knowledge.ActorMatch {
			if a, ok := x.pack.Actor(m.id); ok && a.Kind == "airline" {
				return true
			}
		}
	}
	return false
}

func (d *doc) forceWithin(i, j int) bool {
	for k := i; k < j; k++ {
		if d.is(k, cForceHead) {
			return true
		}
		if m, ok := d.mentionAt(k); ok && m.kind == knowledge.ActorMatch {
			return true
		}
	}
	return false
}

// fold is knowledge.Fold with a fast path for ASCII names, which most
// speaker and outlet names are: lower case, punctuation as spaces.
func fold(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 || s[i] == '\'' {
			return knowledge.Fold(s)
		}
	}
	b := make([]byte, 0, len(s))
	space := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
		default:
			space = len(b) > 0
			continue
		}
		if space {
			b = append(b, ' ')
			space = false
		}
		b = append(b, c)
	}
	return string(b)
}

// whereAntecedent is the place a clause opened by ", where" follows:
// "… in Tigray, where …".
func (x *Extractor) whereAntecedent(d *doc, st *state, p *pending) (claim.Place, bool) {
	w := p.seg[0] - 1
	if w-1 <= d.sentFrom || !d.is(w, cWhereClause) || !d.isComma(w-1) {
		return claim.Place{}, false
	}
	ps := x.placesIn(d, st, d.sentFrom, w-1, claim.ActionClash, nil)
	if len(ps) == 0 {
		return claim.Place{}, false
	}
	pl := ps[len(ps)-1]
	pl.Role, pl.Span = claim.RoleLocation, claim.Span{}
	return pl, true
}

// thereIn reports a "there" of place in [from, to): "still there", not
// "there were" or "there has been".
func (d *doc) thereIn(from, to int) bool {
	for k := from; k < to; k++ {
		if d.is(k, cThereWord) && !d.toks[k].cap && !d.is(k+1, cBe) && !d.is(k+1, cAuxiliary) && !d.is(k+1, cModal) {
			return true
		}
	}
	return false
}

// leadRelay returns the one outlet, other than the publisher, that the
// chain of an article's first claim runs through.
func leadRelay(chain []claim.Attribution, outlet claim.Attribution, fold func(string) string) (claim.Attribution, bool) {
	var o claim.Attribution
	n := 0
	for _, a := range chain {
		if isOutletKind(a.Kind) && fold(a.Who) != fold(outlet.Who) {
			o = a
			n++
		}
	}
	// A description ("local and international media") is no one outlet.
	return o, n == 1 && len(strings.Fields(o.Who)) <= 4 && o.Who != strings.ToLower(o.Who)
}

// otherOutlet reports an outlet in chain that is neither the relay nor
// the publishing outlet.
func otherOutlet(chain []claim.Attribution, relay, outlet claim.Attribution, fold func(string) string) bool {
	for _, a := range chain {
		if isOutletKind(a.Kind) && fold(a.Who) != fold(relay.Who) && fold(a.Who) != fold(outlet.Who) {
			return true
		}
	}
	return false
}

func isOutletKind(k claim.SourceKind) bool {
	return k == claim.SpeakerOutlet || k == claim.SpeakerStateMedia
}

// onRecord reports a chain of named and official speakers only (or none);
// the platform one of them spoke on ("Fitsum Arega", "Twitter") keeps it
// on the record.
func onRecord(chain []claim.Attribution) bool {
	for k, a := range chain {
		if a.Kind == claim.SpeakerSocial && k > 0 {
			continue
		}
		if a.Kind != claim.SpeakerNamed && a.Kind != claim.SpeakerOfficial {
			return false
		}
	}
	return true
}

// stateAdjective names an actor in the text's words that is a country's
// body ("Eritrea’s government", "Turkey's foreign ministry") the way the
// knowledge pack's demonym does ("Eritrean government"): one body, one
// name, however the text puts it.
func (x *Extractor) stateAdjective(a claim.Actor) (string, bool) {
	if a.PackID != "" || x.pack == nil {
		return "", false
	}
	i := strings.Index(a.Name, "’s ")
	n := len("’s ")
	if j := strings.Index(a.Name, "'s "); j > 0 && (i < 0 || j < i) {
		i, n = j, len("'s ")
	}
	if i <= 0 {
		return "", false
	}
	rest := a.Name[i+n:]
	if rest == "" || rest[0] < 'a' || rest[0] > 'z' {
		return "", false
	}
	for _, pl := range x.pack.LookupPlace(a.Name[:i]) {
		if pl.Kind != claim.KindCountry {
			continue
		}
		if nat, ok := x.pack.Nationality(pl.Country); ok && len(nat.Adjectives) > 0 {
			return nat.Adjectives[0] + " " + rest, true
		}
	}
	return "", false
}

// personSpeaker reports a speaker who is a person: named, or an official
// the text names ("Foreign Ministry spokesman Nasser Kanaani") rather than
// a body the pack knows ("US State Department").
func (x *Extractor) personSpeaker(sp claim.Attribution) bool {
	switch sp.Kind {
	case claim.SpeakerNamed:
		return true
	case claim.SpeakerOfficial:
		if x.pack == nil {
			return false
		}
		if _, ok := x.pack.SpeakerByName(sp.Who); ok {
			return false
		}
		_, ok := x.pack.ActorByName(sp.Who)
		return !ok
	}
	return false
}

// onlyGovernments reports actors that are all states (a country named
// as an actor) or governments of the pack, none a force; at least one.
func (x *Extractor) onlyGovernments(as []claim.Actor) bool {
	if x.pack == nil || len(as) == 0 {
		return false
	}
	for _, a := range as {
		if a.PackID == "" {
			return false
		}
		if pl, ok := x.pack.Place(a.PackID); ok && pl.Kind == claim.KindCountry {
			continue
		}
		if k, ok := x.pack.Actor(a.PackID); !ok || k.Kind != knowledge.KindGovernment {
			return false
		}
	}
	return true
}

// branchNoun reports a force noun at i that names a branch or a body of
// a state ("the army", "the soldiers", "the authorities"): a state's, not
// a group of its own.
func (d *doc) branchNoun(i int) bool {
	_, ok := d.g.Pack.Branches[d.w(i)]
	return ok || d.is(i, cOfficialForce)
}

// latestGroup returns the latest actor that is an armed group rather
// than a state, its government or its forces, named by more than a bare
// noun.
func (x *Extractor) latestGroup(st *state) (claim.Actor, bool) {
	for k := len(st.actors) - 1; k >= 0; k-- {
		a := st.actors[k]
		if a.bare || a.head == "" && a.actor.PackID == "" {
			continue
		}
		if x.pack != nil && a.actor.PackID != "" {
			if _, ok := x.pack.Place(a.actor.PackID); ok {
				continue
			}
			if pa, ok := x.pack.Actor(a.actor.PackID); ok && (pa.Kind == knowledge.KindStateForce || pa.Kind == knowledge.KindGovernment) {
				continue
			}
		}
		return a.actor, true
	}
	return claim.Actor{}, false
}

// pronounActors returns whom a "they" with no noun of its own means: the
// forces that moved in the latest claim of a movement ("Ethiopian and
// Somali forces took Jilib. They were heading to Kismayu": both), even
// when named by a bare noun ("fighters are sent to Kilis. Then they are
// taken to Gaziantep"); a state or a government that sent them is not
// who "they" are. With none, the force the text is most about.
//
// bare reports that all of them were named by a bare noun: the claim
// names them no better, and remembers them as bare too.
func (x *Extractor) pronounActors(st *state) (out []claim.Actor, bare bool) {
	seq := -1
	bare = true
	for k := len(st.actors) - 1; k >= 0; k-- {
		a := st.actors[k]
		if seq >= 0 && a.seq != seq {
			break
		}
		if !a.fromDeploy || x.onlyGovernments([]claim.Actor{a.actor}) {
			continue
		}
		seq = a.seq
		out = append(out, a.actor)
		bare = bare && a.bare
	}
	if len(out) == 0 {
		return st.recentActors(""), false
	}
	slices.Reverse(out)
	return out, bare
}

// relativeObject returns the forces a relative clause's verb at i sends
// or brings, named before it: "the mercenaries and terrorists (that) it
// brought", "the fighters which they had sent". The name is the text's,
// from after the article to the noun.
func (d *doc) relativeObject(from, i int) claim.Actor {
	k := i - 1
	for k > from && (d.is(k, cAuxiliary) || d.is(k, cAdverb)) {
		k-- // "it had brought"
	}
	if k <= from || !d.is(k, cPronounSubject) {
		return claim.Actor{}
	}
	k--
	if k > from && (d.is(k, cThatWord) || d.is(k, cWhichWord)) {
		k--
	}
	end := k + 1
	force := false
	for k >= from && end-k <= 4 && d.toks[k].kind == tWord && !d.toks[k].cap && !d.is(k, cDefinite) {
		force = force || d.is(k, cForceHead) && !d.is(k, cMenWord)
		k--
	}
	if !force || k+1 >= end || !d.g.isPlural(d.w(end-1)) {
		return claim.Actor{}
	}
	return claim.Actor{Name: d.text[d.toks[k+1].s:d.toks[end-1].e], Span: d.span(k+1, end)}
}

// sentObject returns the bare force noun a few words after a sending
// verb at i ("sent jihadists", "dispatched some 300 fighters"), or no
// actor.
func (d *doc) sentObject(i, to int) claim.Actor {
	for k := i + 1; k < to && k <= i+4; k++ {
		if d.toks[k].kind == tPunct || d.toks[k].cap {
			break
		}
		if d.is(k, cForceHead) && !d.is(k, cVictim) && !d.is(k, cMenWord) {
			return claim.Actor{Name: d.raw(k), Span: d.span(k, k+1)}
		}
	}
	return claim.Actor{}
}

// peopleForce returns, for "the <people>" in [from, to) ("the
// Eritreans"), the force of that nation the text named before, the one
// the article takes up; a people the text named no force of stays no
// actor ("the Syrians fled").
func (x *Extractor) peopleForce(d *doc, st *state, from, to int) (claim.Actor, bool) {
	if x.pack == nil {
		return claim.Actor{}, false
	}
	for k := from + 1; k < to; k++ {
		if !d.is(k-1, cTheWord) {
			continue
		}
		dm, ok := d.demonymAt(k)
		if !ok || dm.ti != k || dm.tj != k+1 || dm.iso == "" || dm.form&knowledge.FormPlural == 0 || dm.form&knowledge.FormAdjective != 0 || d.unitNoun(k+1) {
			continue
		}
		for j := len(st.actors) - 1; j >= 0; j-- {
			a := st.actors[j].actor
			if pa, ok := x.pack.Actor(a.PackID); ok && pa.Kind == knowledge.KindStateForce && pa.Country == dm.iso {
				a.Span = d.span(k-1, k+1)
				return a, true
			}
		}
	}
	return claim.Actor{}, false
}

// allCaps reports a word written in capitals throughout ("ICU", "SNA"):
// an acronym, not an adjective.
func (d *doc) allCaps(k int) bool {
	w := d.text[d.toks[k].s:d.toks[k].e]
	return w == strings.ToUpper(w)
}
