package extract

import (
	"strings"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/knowledge"
)

// quantitiesIn finds the figures of [from, to): a value or a range, its
// qualifier as written, the unit (the noun counted), and whether it is a
// count, a baseline ("under normal conditions … usually between four and
// five") or an increase ("increased by around two flights per day").
func (d *doc) quantitiesIn(from, to int, action claim.Action) []claim.Quantity {
	var out []claim.Quantity
	between := -1
	perDayText := " " + d.g.Table("unit_text")["per_day"]
	for i := from; i < to; i++ {
		if d.used[i] {
			continue
		}
		if d.toks[i].kind == tWord && !d.is(i, cNumberSpelled) && !d.is(i, cVagueNumber) && !d.is(i, cNumberWord) && !d.is(i, cQuantityLead) && !d.toks[i].hyph {
			continue
		}
		if d.is(i, cQuantityLead) {
			between = i
			continue
		}
		if _, ok := d.mentionAt(i); ok {
			continue
		}
		v, j, ok := d.numberAt(i, to)
		hi := v
		qual := ""
		vague := false
		if !ok {
			// "dozens of fighters", "in the thousands": a range named by a word.
			r, isVague := d.g.vague[d.w(i)]
			if !isVague || d.toks[i].kind != tWord {
				continue
			}
			v, hi, j, qual, vague = r[0], r[1], i+1, d.raw(i), true
			qual = strings.ToLower(qual)
			if j < to && d.is(j, cOfWord) {
				j++
				// "dozens of such trainers", "hundreds of these fighters".
				if j+1 < to && d.is(j, cDefinite) && !d.is(j, cTheWord) && d.unitNoun(j+1) {
					j++
				}
			}
		}
		if d.toks[i].kind == tNum {
			if _, isYear := yearNumber(d.raw(i)); isYear && (i == 0 || !d.is(i-1, cIntroAt)) {
				continue
			}
		}
		if d.is(i, cNumberWord) && d.g.small[d.w(i)] == 1 && j < to && d.is(j, cOfAnother) {
			continue
		}
		if j < to && (d.punct(j, '%') || d.is(j, cPercent) || d.is(j, cPerWord) && d.is(j+1, cCentWord)) {
			i = j
			continue
		}
		rangeBetween := between >= 0 && between >= i-2
		if !vague && j+1 < to && (d.is(j, cRangeSep) || d.isDash(j) || d.is(j, cAndWord) && rangeBetween) {
			if v2, j2, ok := d.numberAt(j+1, to); ok && v2 > v && !d.used[j+1] {
				hi = v2
				j = j2
			}
		}
		qStart := i
		if !vague && rangeBetween && hi > v && d.is(between, cBetweenWord) {
			qual = d.w(between)
			qStart = between
		} else if q, s := d.qualifierBefore(i, from); q != "" && !vague {
			qual = q
			qStart = s
		}
		unit, uEnd, perDay, ok := d.unitAfter(j, to)
		if ok {
			unit = d.peopleSent(unit, uEnd, action)
		} else if i > from && d.toks[i-1].kind == tPunct {
			// "$1,500 a month": a currency sign before the number is the
			// unit, written as the vocabulary records it.
			if e, _ := d.g.Lookup(d.raw(i - 1)); e != nil && e.Unit != nil {
				if u := d.g.Table("unit_text")["sign:"+d.raw(i-1)]; u != "" {
					unit, uEnd, ok = u, j, true
				}
			}
		}
		if !ok && uEnd < 0 && d.lastUnit != "" && d.g.placeRole[d.w(j)] == claim.RoleDestination {
			// "KH sent 500 fighters to Ahvaz, and Nujaba sent 300 to
			// Mashhad": the noun is left out the second time.
			unit, uEnd, ok = d.lastUnit, j, true
		}
		if !ok {
			if uEnd < 0 {
				i = j - 1
				continue // "two border points", "three weeks": not a figure we report
			}
			unit, perDay, ok = d.unitBefore(from, i)
			uEnd = j
			switch {
			case !ok && len(out) > 0 && d.comparisonBefore(qStart, from):
				// "22 flights …, compared with three or four on a typical
				// day": the figure compared with counts the same thing.
				unit, ok = strings.TrimSuffix(out[len(out)-1].Unit, perDayText), true
			case !ok && (d.is(qStart-1, cByWord) || d.dailyAfter(j, to)):
				// "Flights … increased by about two per day": the clause's
				// subject is what the figure counts.
				unit, ok = d.subjectUnit(from, qStart)
			case !ok && qStart == from && d.killAfter(j, min(to, j+5)) != "":
				// "Dozens have been reported killed and hundreds wounded":
				// a figure that is its clause's subject, with no noun,
				// counts the people the outcome befell (the outcome is
				// added below).
				unit, ok = d.g.Table("unit_text")["people"], true
			case !ok && d.reportUnit != "":
				// "Other rebels gave figures of between 700 and 1,000": the
				// figure counts what the text's last figure counted.
				unit, ok = d.reportUnit, true
			}
			if ok && !perDay {
				// "… a day", "… on a typical day", "… daily".
				perDay = d.dailyAfter(j, to)
			}
			if !ok {
				i = j - 1
				continue
			}
		}
		if !perDay {
			for k := max(from, i-3); k < i; k++ {
				if d.is(k, cDaily) {
					perDay = true
				}
			}
		}
		// "left 15 dead and dozens injured": the dead are people killed;
		// departures and landings are flights (the unit vocabulary's record).
		outcome := false
		if e, _ := d.g.Lookup(unit); e != nil && e.Unit != nil && e.Unit.Record != "" {
			unit, outcome = e.Unit.Record, e.Unit.Outcome
		}
		// "At least 2,400 protesters have reportedly been killed",
		// "killed at least 15 people".
		if !outcome {
			if kw := d.killAfter(uEnd, to); kw != "" {
				unit = withOutcome(unit, kw)
			} else if action == claim.ActionKill {
				for k := max(from, qStart-3); k < qStart; k++ {
					if kw, ok := d.g.killUnit[d.w(k)]; ok {
						unit = withOutcome(unit, kw)
						break
					}
				}
			}
		}
		if perDay {
			unit += perDayText
		}
		kind := claim.QuantityCount
		// "eight additional flights", "15 extra flights", "five more flights".
		if d.is(j, cExtra) && j+1 < to && d.unitNoun(j+1) {
			kind = claim.QuantityIncrease
		} else if d.isIncrease(qStart, from) {
			kind = claim.QuantityIncrease
		} else if d.hasBaseline(from, i) || d.baselineAfter(max(uEnd, j), to) || d.comparisonBefore(qStart, from) {
			kind = claim.QuantityBaseline
		}
		q := claim.Quantity{Min: v, Max: hi, Unit: unit, Qualifier: qual, Kind: kind, Span: d.span(qStart, max(uEnd, j))}
		d.lastUnit = strings.TrimSuffix(unit, perDayText)
		if sp := strings.LastIndexByte(d.lastUnit, ' '); sp > 0 {
			if _, isOutcome := d.g.killUnit[d.lastUnit[sp+1:]]; isOutcome {
				d.lastUnit = d.lastUnit[:sp]
			}
		}
		dup := false
		for _, o := range out {
			if o.Min == q.Min && o.Max == q.Max && o.Unit == q.Unit {
				dup = true
			}
		}
		if !dup {
			out = append(out, q)
		}
		i = max(uEnd, j) - 1
		between = -1
	}
	return out
}

// withOutcome applies a kill_unit value to a unit: "+killed" appends the
// word, anything else replaces the unit ("wounded").
func withOutcome(unit, kw string) string {
	if w, ok := strings.CutPrefix(kw, "+"); ok {
		return unit + " " + w
	}
	return kw
}

// comparisonBefore reports a figure introduced as a comparison: "compared
// with", "compared to", "against", "versus", "up from", "down from".
func (d *doc) comparisonBefore(i, from int) bool {
	// "compared with a usual three": skip the article and the adjective.
	for i-1 >= from && d.is(i-1, cComparisonSkip) {
		i--
	}
	switch {
	case i-1 >= from && d.is(i-1, cComparison):
		return true
	case i-2 >= from && d.is(i-1, cComparedPrep) && d.is(i-2, cCompared):
		return true
	case i-2 >= from && d.is(i-1, cFromWord) && (d.is(i-2, cUpDown) || d.is(i-2, cIncrease)):
		return true
	}
	return false
}

// dailyAfter reports "a day", "per day", "each day", "daily" or "on a
// typical day" in the few words after token j.
func (d *doc) dailyAfter(j, to int) bool {
	for k := j; k < to && k < j+5 && d.toks[k].kind == tWord; k++ {
		if d.is(k, cDayDaily) {
			return true
		}
	}
	return false
}

// subjectUnit returns the first countable plural in [from, i): the subject
// a bare figure counts ("Flights … increased by two per day").
func (d *doc) subjectUnit(from, i int) (string, bool) {
	for k := from; k < i; k++ {
		if d.unitNoun(k) && d.g.isPlural(d.w(k)) {
			return d.w(k), true
		}
	}
	return "", false
}

// baselineAfter reports a cue right after a figure that makes it the normal
// level: "three or four on a typical day", "five a day normally".
func (d *doc) baselineAfter(k, to int) bool {
	for end := min(to, k+5); k < end; k++ {
		if d.toks[k].kind == tPunct {
			return false
		}
		if d.is(k, cBaseline) && !d.is(k, cCompared) {
			return true
		}
	}
	return false
}

// qualifierBefore returns the qualifier written just before token i.
func (d *doc) qualifierBefore(i, from int) (string, int) {
	for _, q := range d.g.qualifiers {
		s := i - len(q)
		if s < from {
			continue
		}
		if d.wordsAt(q, s, i) {
			return strings.Join(q, " "), s
		}
	}
	return "", i
}

// unitAfter finds the noun a number counts, skipping adjectives: "800
// Shiite fighters", "15 flights", "two flights per day". It returns ok=false
// with end=-1 when the noun is one the extractor does not count (days,
// points, sources), and end>=0 when there is no noun at all.
func (d *doc) unitAfter(j, to int) (unit string, end int, perDay bool, ok bool) {
	for k := j; k < to && k < j+4; k++ {
		t := d.toks[k]
		if t.kind != tWord {
			return "", j, false, false
		}
		w := d.w(k)
		if d.is(k, cNotUnit) {
			return "", -1, false, false
		}
		if _, isTime := d.g.timeUnit[w]; isTime {
			return "", -1, false, false
		}
		if d.is(k, cOfWord) && k == j {
			// "2,000 of them": no noun here.
			return "", j, false, false
		}
		if t.cap && d.mAt[k] >= 0 && k+1 < to && d.mAt[k+1] < 0 && d.toks[k+1].kind == tWord {
			// "400 Wagner Group mercenaries", "300 Sultan Murad Division
			// fighters": a name's last word is no unit when a noun follows.
			continue
		}
		if d.unitNoun(k) || d.g.isPlural(w) && !d.isVerbish(k) && !t.cap {
			e := k + 1
			if e+1 < to {
				if r := d.phraseAt(d.g.dailyRate, e, to); r > e {
					return w, r, true, true
				}
			}
			if e < to && d.is(e, cDaily) {
				return w, e + 1, true, true
			}
			return w, e, false, true
		}
		if t.cap && k == j && !d.unitNoun(k+1) && !d.is(k+1, cUnitAdjective) {
			// "nearly 1,000 Syrians were set to be deployed": a people
			// counted as such.
			if dm, found := d.demonymAt(k); found && dm.tj == k+1 && dm.form&knowledge.FormPlural != 0 && dm.form&knowledge.FormAdjective == 0 {
				return d.raw(k), k + 1, false, true
			}
		}
		if t.cap || d.is(k, cUnitAdjective) || d.is(k, cForceMod) || t.hyph || k == j && d.is(k, cUnitDeterminer) {
			continue
		}
		return "", j, false, false
	}
	return "", j, false, false
}

// unitBefore finds the noun of "the number of fighters … at 2,000" or
// "the daily number of flights … is usually between four and five".
func (d *doc) unitBefore(from, i int) (string, bool, bool) {
	for k := i - 1; k >= from && k >= i-25; k-- {
		if !d.is(k, cNumberNoun) {
			continue
		}
		if d.is(k, cToll) {
			return d.killedUnit(), false, true
		}
		perDay := k > from && d.is(k-1, cDaily)
		q := k + 1
		if !d.is(q, cOfWord) {
			continue
		}
		q++
		if d.is(q, cDaily) {
			perDay = true
			q++
		}
		// "the number of Iraqi fighters", "the number of killed soldiers":
		// skip a nationality or two, and an outcome.
		kw := ""
		if o, ok := d.g.killUnit[d.w(q)]; ok {
			kw = o
			q++
		}
		for n := 0; n < 2 && q < i && d.nationality(q); n++ {
			q++
		}
		if d.unitNoun(q) || d.g.isPlural(d.w(q)) {
			u := d.w(q)
			if kw == "" {
				kw = d.killAfter(q+1, min(i, q+3))
			}
			if kw != "" {
				u = withOutcome(u, kw)
			}
			return u, perDay, true
		}
	}
	return "", false, false
}

// killedUnit is the unit the vocabulary records for the dead.
func (d *doc) killedUnit() string {
	for _, u := range d.g.Pack.Units {
		if u.Unit == "killed" && u.Record != "" {
			return u.Record
		}
	}
	return "killed"
}

func (d *doc) killAfter(i, to int) string {
	// "12 members of the security forces were killed": a few words may
	// stand between the counted noun and the verb.
	for k := i; k < to && k < i+8; k++ {
		if kw, ok := d.g.killUnit[d.w(k)]; ok {
			return kw
		}
		if d.toks[k].kind == tPunct {
			return ""
		}
	}
	return ""
}

// isIncrease reports "increased by around two …", "a rise of 15 …".
func (d *doc) isIncrease(qStart, from int) bool {
	k := qStart - 1
	if k < from {
		return false
	}
	switch {
	case d.is(k, cByWord):
		for q := k - 1; q >= from && q >= k-3; q-- {
			if d.is(q, cIncrease) {
				return true
			}
		}
	case d.is(k, cOfWord):
		return k-1 >= from && d.is(k-1, cIncrease)
	case d.is(k, cExtra):
		return true
	}
	return false
}

// isVerbish reports a verb form at token k: a trigger verb, a reporting
// verb or an auxiliary.
func (d *doc) isVerbish(k int) bool {
	if t, ok := d.trig(k); ok && t.form != fNoun {
		return true
	}
	return d.is(k, cReportVerb) || d.is(k, cAuxiliary)
}

// peopleSent names the unit of a people counted in a movement ("nearly
// 1,000 Syrians were set to be deployed"): those sent are its fighters,
// "Syrian fighters"; elsewhere the people are counted as written.
func (d *doc) peopleSent(unit string, end int, action claim.Action) string {
	switch action {
	case claim.ActionDeploy, claim.ActionTransport, claim.ActionAttempt:
	default:
		return unit
	}
	dm, found := d.demonymAt(end - 1)
	if !found || dm.tj != end || dm.iso == "" || dm.form&knowledge.FormPlural == 0 || d.pack == nil {
		return unit
	}
	n, ok := d.pack.Nationality(dm.iso)
	if !ok || len(n.Adjectives) == 0 {
		return unit
	}
	return n.Adjectives[0] + " " + d.g.Table("unit_text")["people_sent"]
}
