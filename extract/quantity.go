package extract

import (
	"strings"

	"github.com/triangulate/triangulate/claim"
)

// unitAdjectives may sit between a number and the noun it counts.
var unitAdjectives = map[string]bool{
	"more": true, "additional": true, "daily": true, "new": true, "other": true, "domestic": true,
	"international": true, "civilian": true, "foreign": true, "armed": true, "extra": true,
	"separate": true, "commercial": true, "cargo": true, "military": true, "militia": true,
	"local": true, "young": true, "unarmed": true, "innocent": true, "suspected": true,
	"charter": true, "chartered": true, "passenger": true, "weekly": true, "regular": true,
	"scheduled": true, "direct": true, "special": true, "elite": true, "security": true,
}

// killWords after a counted noun make its unit "… killed" or "… injured".
var killWords = map[string]string{
	"killed": "killed", "dead": "killed", "died": "killed", "executed": "killed",
	"injured": "injured", "wounded": "injured", "killing": "killed", "kills": "killed",
	"wounding": "injured", "injuring": "injured",
}

// quantitiesIn finds the figures of [from, to): a value or a range, its
// qualifier as written, the unit (the noun counted), and whether it is a
// count, a baseline ("under normal conditions … usually between four and
// five") or an increase ("increased by around two flights per day").
func (d *doc) quantitiesIn(from, to int, action claim.Action) []claim.Quantity {
	var out []claim.Quantity
	between := -1
	for i := from; i < to; i++ {
		if d.used[i] {
			continue
		}
		if d.toks[i].kind == tWord && !d.is(i, lxNumber|lxQuantity) {
			continue
		}
		w := d.w(i)
		if w == "between" || w == "from" {
			between = i
			continue
		}
		if _, ok := d.mentionAt(i); ok {
			continue
		}
		v, j, ok := d.numberAt(i, to)
		if !ok {
			continue
		}
		if d.toks[i].kind == tNum {
			if _, isYear := yearNumber(d.raw(i)); isYear && (i == 0 || d.w(i-1) != "at") {
				continue
			}
		}
		if w == "one" && j < to && (d.w(j) == "of" || d.w(j) == "another") {
			continue
		}
		if j < to && (d.punct(j, '%') || d.w(j) == "percent" || d.w(j) == "per" && d.w(j+1) == "cent") {
			i = j
			continue
		}
		hi := v
		rangeBetween := between >= 0 && between >= i-2
		if j+1 < to && (d.w(j) == "to" || d.isDash(j) || d.w(j) == "or" || d.w(j) == "and" && rangeBetween) {
			if v2, j2, ok := d.numberAt(j+1, to); ok && v2 > v && !d.used[j+1] {
				hi = v2
				j = j2
			}
		}
		qStart := i
		qual := ""
		if rangeBetween && hi > v && d.w(between) == "between" {
			qual = "between"
			qStart = between
		} else if q, s := d.qualifierBefore(i, from); q != "" {
			qual = q
			qStart = s
		}
		unit, uEnd, perDay, ok := d.unitAfter(j, to)
		if !ok && uEnd < 0 && d.lastUnit != "" && (d.w(j) == "to" || d.w(j) == "into") {
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
				unit, ok = strings.TrimSuffix(out[len(out)-1].Unit, " per day"), true
			case !ok && (d.w(qStart-1) == "by" || d.dailyAfter(j, to)):
				// "Flights … increased by about two per day": the clause's
				// subject is what the figure counts.
				unit, ok = d.subjectUnit(from, qStart)
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
				if d.w(k) == "daily" {
					perDay = true
				}
			}
		}
		// "left 15 dead and dozens injured": the dead are people killed;
		// departures and landings are flights.
		switch unit {
		case "departures", "landings":
			unit = "flights"
		case "dead", "deaths", "fatalities":
			unit = "people killed"
		case "wounded", "injured", "injuries":
			unit = "people injured"
		}
		// "At least 2,400 protesters have reportedly been killed",
		// "killed at least 15 people".
		if strings.HasPrefix(unit, "people ") {
			// The unit already says what happened to them.
		} else if kw := d.killAfter(uEnd, to); kw != "" {
			unit += " " + kw
		} else if action == claim.ActionKill {
			for k := max(from, qStart-3); k < qStart; k++ {
				if kw, ok := killWords[d.w(k)]; ok {
					unit += " " + kw
					break
				}
			}
		}
		if perDay {
			unit += " per day"
		}
		kind := claim.QuantityCount
		// "eight additional flights", "15 extra flights", "five more flights".
		if w := d.w(j); (w == "additional" || w == "extra" || w == "more") && j+1 < to && unitNouns[d.w(j+1)] {
			kind = claim.QuantityIncrease
		} else if d.isIncrease(qStart, from) {
			kind = claim.QuantityIncrease
		} else if d.hasBaseline(from, i) || d.baselineAfter(max(uEnd, j), to) || d.comparisonBefore(qStart, from) {
			kind = claim.QuantityBaseline
			if qual == "" && hi == v {
				qual = ""
			}
		}
		q := claim.Quantity{Min: v, Max: hi, Unit: unit, Qualifier: qual, Kind: kind, Span: d.span(qStart, max(uEnd, j))}
		d.lastUnit = strings.TrimSuffix(strings.TrimSuffix(unit, " per day"), " killed")
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

// comparisonBefore reports a figure introduced as a comparison: "compared
// with", "compared to", "against", "versus", "up from", "down from".
func (d *doc) comparisonBefore(i, from int) bool {
	// "compared with a usual three": skip the article and the adjective.
	for i-1 >= from {
		switch d.w(i - 1) {
		case "a", "an", "the", "usual", "normal", "typical", "average", "regular":
			i--
			continue
		}
		break
	}
	w1, w2 := "", ""
	if i-1 >= from {
		w1 = d.w(i - 1)
	}
	if i-2 >= from {
		w2 = d.w(i - 2)
	}
	switch {
	case w1 == "against" || w1 == "versus" || w1 == "vs":
		return true
	case (w1 == "with" || w1 == "to") && w2 == "compared":
		return true
	case w1 == "from" && (w2 == "up" || w2 == "down" || increaseWords[w2]):
		return true
	}
	return false
}

// dailyAfter reports "a day", "per day", "each day", "daily" or "on a
// typical day" in the few words after token j.
func (d *doc) dailyAfter(j, to int) bool {
	for k := j; k < to && k < j+5 && d.toks[k].kind == tWord; k++ {
		switch d.w(k) {
		case "day", "daily":
			return true
		}
	}
	return false
}

// subjectUnit returns the first countable plural in [from, i): the subject
// a bare figure counts ("Flights … increased by two per day").
func (d *doc) subjectUnit(from, i int) (string, bool) {
	for k := from; k < i; k++ {
		if w := d.w(k); unitNouns[w] && plural(w) {
			return w, true
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
		if d.is(k, lxBaseline) && baselineCues[d.w(k)] && d.w(k) != "compared" {
			return true
		}
	}
	return false
}

// qualifierBefore returns the qualifier written just before token i.
func (d *doc) qualifierBefore(i, from int) (string, int) {
	for _, q := range qualifiers {
		s := i - len(q)
		if s < from {
			continue
		}
		ok := true
		for k, w := range q {
			if d.w(s+k) != w {
				ok = false
				break
			}
		}
		if ok {
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
		if notUnits[w] {
			return "", -1, false, false
		}
		if _, isTime := timeUnits[w]; isTime {
			return "", -1, false, false
		}
		if w == "of" && k == j {
			// "2,000 of them": no noun here.
			return "", j, false, false
		}
		if unitNouns[w] || plural(w) && !isVerbish(w) && !t.cap {
			e := k + 1
			if e+1 < to && (d.w(e) == "per" || d.w(e) == "a" || d.w(e) == "each") && d.w(e+1) == "day" {
				return w, e + 2, true, true
			}
			if e < to && d.w(e) == "daily" {
				return w, e + 1, true, true
			}
			return w, e, false, true
		}
		if t.cap || unitAdjectives[w] || forceMods[w] || t.hyph {
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
		if d.w(k) != "number" && d.w(k) != "toll" {
			continue
		}
		if d.w(k) == "toll" {
			return "people killed", false, true
		}
		perDay := k > from && d.w(k-1) == "daily"
		q := k + 1
		if d.w(q) != "of" {
			continue
		}
		q++
		if d.w(q) == "daily" {
			perDay = true
			q++
		}
		// "the number of Iraqi fighters": skip a nationality or two.
		for n := 0; n < 2 && q < i && d.toks[q].cap && isNationality(d.w(q)); n++ {
			q++
		}
		if unitNouns[d.w(q)] || plural(d.w(q)) {
			return d.w(q), perDay, true
		}
	}
	return "", false, false
}

func (d *doc) killAfter(i, to int) string {
	// "12 members of the security forces were killed": a few words may
	// stand between the counted noun and the verb.
	for k := i; k < to && k < i+8; k++ {
		if kw, ok := killWords[d.w(k)]; ok {
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
	switch d.w(k) {
	case "by":
		for q := k - 1; q >= from && q >= k-3; q-- {
			if increaseWords[d.w(q)] {
				return true
			}
		}
	case "of":
		return k-1 >= from && increaseWords[d.w(k-1)]
	case "additional", "extra", "more":
		return true
	}
	return false
}

func plural(w string) bool {
	return len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is")
}

func isVerbish(w string) bool {
	if _, ok := triggers[w]; ok && triggers[w].form != fNoun {
		return true
	}
	return reportVerbs[w] || auxiliaries[w]
}
