package extract

import (
	"strings"
	"time"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/knowledge"
	"github.com/triangulate/triangulate/lang"
)

// datePoint is one calendar day found in text, with the part it plays.
type datePoint struct {
	t    time.Time
	role byte // 'a' at, 's' since (open-ended from), 'u' until/by, 'b' range start, 'e' range end
	prec claim.TimePrecision
	end  time.Time // for month precision: the last day
}

// timeIn finds the time a claim's tokens [from, to) speak of, resolving
// dates without a year and relative days against pub. Tokens of date
// expressions are marked in used so that quantities skip them. It returns
// nil when the tokens name no resolvable time.
func (d *doc) timeIn(from, to int, pub time.Time, used []bool) *claim.TimeSpan {
	return d.timeOf(from, to, pub, used, false)
}

// timeOf is timeIn; with noTelling it also leaves out a date that a
// complementiser follows ("told reporters on Monday that …", "wrote on
// Tuesday that …", "said last week that …"): that date is when something
// was told, not when what was told happened.
func (d *doc) timeOf(from, to int, pub time.Time, used []bool, noTelling bool) *claim.TimeSpan {
	// A paragraph's claims ask about the same token ranges again and again
	// (each claim of a sentence, then the telling's time, then hasDate).
	// The scan reads only the paragraph's tokens, so its answer is kept
	// with what it wrote (the used marks, the rule, the skipped tellings)
	// and replayed.
	k := timeKey{from: from, to: to, pub: pub, noTelling: noTelling, marks: used != nil}
	if at, ok := d.timeMemo[k]; ok {
		m := &d.timeRes[at]
		for _, r := range d.memoMarks[m.marks[0]:m.marks[1]] {
			d.mark(used, r[0], r[1])
		}
		d.timeRule = m.rule
		d.tellSkips += m.skips
		if !m.ok {
			return nil
		}
		ts := m.ts
		return &ts
	}
	base, skips := len(d.timeMarks), d.tellSkips
	d.timeDepth++
	ts := d.timeScan(from, to, pub, used, noTelling)
	d.timeDepth--
	m := timeResult{rule: d.timeRule, skips: d.tellSkips - skips, marks: [2]int{len(d.memoMarks), len(d.memoMarks) + len(d.timeMarks) - base}}
	d.memoMarks = append(d.memoMarks, d.timeMarks[base:]...)
	if ts != nil {
		m.ts, m.ok = *ts, true
	}
	if d.timeDepth == 0 {
		// The outermost call: nothing gathers these marks any more.
		d.timeMarks = d.timeMarks[:0]
	}
	if d.timeMemo == nil {
		d.timeMemo = make(map[timeKey]int)
	}
	// The map holds an index: a timeResult is too large for a map to
	// keep in place, and each entry would be an allocation of its own.
	d.timeMemo[k] = len(d.timeRes)
	d.timeRes = append(d.timeRes, m)
	return ts
}

// timeKey and timeResult are one memoised timeOf call.
type timeKey struct {
	from, to         int
	pub              time.Time
	noTelling, marks bool
}

type timeResult struct {
	ts    claim.TimeSpan
	ok    bool
	rule  string
	skips int
	marks [2]int // the used ranges it marked, in doc.memoMarks
}

// mark sets used over [i, j) and notes the range for the memo.
func (d *doc) mark(used []bool, i, j int) {
	markUsed(used, i, j)
	if used != nil {
		d.timeMarks = append(d.timeMarks, [2]int{i, j})
	}
}

// timeScan is timeOf without the memo.
func (d *doc) timeScan(from, to int, pub time.Time, used []bool, noTelling bool) *claim.TimeSpan {
	d.timeRule = ""
	var pts []datePoint
	var first, last = -1, -1
	open := false
	skipTo := -1 // tokens of a background clause ("since protests began …")
	var bg *claim.TimeSpan
	for i := from; i < to; i++ {
		if i < skipTo {
			continue
		}
		t := d.toks[i]
		if t.kind != tWord && t.kind != tNum {
			continue
		}
		// "since violent protests began nearly three weeks ago": the times in
		// it date the background event, not the claim.
		if d.is(i, cSinceWord) && i+1 < to {
			if _, ok := d.dateAt(i+1, to, pub); !ok && !d.isRelativeStart(i+1, to) {
				if d.is(i+1, cThenWord) {
					open = true
					continue
				}
				k := i + 1
				for k < to && !(d.toks[k].kind == tPunct && d.text[d.toks[k].s] == ',') {
					k++
				}
				skipTo = k
				// "since clashes broke out on Sunday": with nothing else
				// dating the claim, a background event's exact day opens
				// it; an approximate one ("began nearly three weeks ago")
				// bounds nothing.
				if bg == nil {
					if ts := d.timeScan(i+1, k, pub, used, noTelling); ts != nil && ts.Precision == claim.TimeDay {
						bg = ts
					}
				}
				continue
			}
		}
		if k := d.placeApposition(i, to); k > i {
			i = k - 1 // resumes at the closing comma
			continue
		}
		if !d.mayStartDate(i) {
			goto word
		}
		if p, j, ok := d.dateAtFull(i, to, pub); ok {
			if noTelling && j < to && d.is(j, cThatWord) && !d.finiteVerb(j+1) {
				d.tellSkips++
				d.mark(used, i, j)
				i = j - 1
				continue
			}
			// The role is read only for a date: most tokens start none.
			role := d.timeRole(i, from)
			p.role = role
			// January 7 and 8, January 4-8, January 4 to 8: a second day.
			if j+1 < to && (d.is(j, cDateAnd) || d.isDash(j)) &&
				d.toks[j+1].kind == tNum && p.prec == claim.TimeDay {
				if day, ok := dayNumber(d.text[d.toks[j+1].s:d.toks[j+1].e]); ok && (j+2 >= to || !d.isMonthAt(j+2)) {
					q := p
					q.t = time.Date(p.t.Year(), p.t.Month(), day, 0, 0, 0, 0, time.UTC)
					if q.t.After(p.t) {
						p.role = pick(role, 'b')
						q.role = 'e'
						if role == 's' {
							q.role = 's'
						}
						pts = append(pts, p, q)
						d.mark(used, i, j+2)
						if first < 0 {
							first = i
						}
						last = j + 2
						i = j + 1
						continue
					}
				}
			}
			pts = append(pts, p)
			d.mark(used, i, j)
			if first < 0 {
				first = i
			}
			last = j
			i = j - 1
			continue
		}
	word:
		switch {
		case d.is(i, cSinceWord):
			continue
		case d.is(i, cOngoing):
			open = true
		case d.is(i, cContinuedWord):
			// "has continued since", "continued since then"
			if i+1 < to && d.is(i+1, cSinceWord) && (i+2 >= to || d.toks[i+2].kind == tPunct || d.is(i+2, cThenWord)) {
				open = true
			}
		}
	}
	if len(pts) == 0 {
		if bg != nil {
			d.timeRule = ruleSinceDay
			return &claim.TimeSpan{From: bg.From, Precision: claim.TimeOpen, Span: bg.Span}
		}
		return nil
	}
	ts := combine(pts, open)
	if ts == nil {
		return nil
	}
	ts.Span = claim.Span{Start: d.toks[first].s, End: d.toks[last-1].e}
	ts.Span.Text = d.text[ts.Span.Start:ts.Span.End]
	return ts
}

// placeApposition returns the end of an indefinite apposition describing a
// place that ends at token i-1 ("Crimea, a part of Ukraine annexed by
// Russia in 2014, …"): its dates are the place's history, not the claim's
// time. It runs to the next comma; i when there is none at i.
func (d *doc) placeApposition(i, to int) int {
	if i < 1 || i+1 >= to || !d.isComma(i-1) || !d.is(i, cAWord) {
		return i
	}
	m, ok := d.mentionAt(i - 2)
	if !ok || m.tj != i-1 || m.kind != knowledge.PlaceMatch {
		return i
	}
	k := i + 1
	for k < to && !d.isComma(k) {
		k++
	}
	return k
}

// mayStartDate is a cheap test before dateAtFull: a capitalised word, a
// number, or a word that opens a relative date.
func (d *doc) mayStartDate(i int) bool {
	t := d.toks[i]
	if t.cap || t.kind == tNum {
		return true
	}
	return d.is(i, cDateStart)
}

func pick(a, b byte) byte {
	if a == 'a' {
		return b
	}
	return a
}

func markUsed(used []bool, i, j int) {
	if used == nil {
		return
	}
	for k := i; k < j && k < len(used); k++ {
		used[k] = true
	}
}

// combine turns the dates of a claim into one span.
func combine(pts []datePoint, open bool) *claim.TimeSpan {
	var since, until, lo, hi time.Time
	month := false
	var monthEnd time.Time
	approx := false
	var spanEnd, yearEnd time.Time
	for _, p := range pts {
		switch p.role {
		case 's', 'A':
			t := p.t
			if p.role == 'A' {
				t = t.AddDate(0, 0, 1)
			}
			if since.IsZero() || t.Before(since) {
				since = t
			}
			continue
		case 'u':
			if until.IsZero() || p.t.After(until) {
				until = p.t
			}
			continue
		}
		if p.prec == claim.TimeMonth {
			month = true
			monthEnd = p.end
		}
		if p.prec == claim.TimeRange && !p.end.IsZero() {
			yearEnd = p.end // "in 2013"
		}
		if p.prec == claim.TimeApproximate {
			approx = true
			if !p.end.IsZero() {
				spanEnd = p.end // "late December", "last week"
			}
		}
		if lo.IsZero() || p.t.Before(lo) {
			lo = p.t
		}
		if hi.IsZero() || p.t.After(hi) {
			hi = p.t
		}
	}
	day := func(t time.Time) string { return t.Format(time.DateOnly) }
	switch {
	case !since.IsZero():
		ts := &claim.TimeSpan{From: day(since), Precision: claim.TimeOpen}
		if !until.IsZero() && until.After(since) {
			ts.To, ts.Precision = day(until), claim.TimeRange
		}
		return ts
	case !lo.IsZero() && !until.IsZero() && until.After(hi):
		return &claim.TimeSpan{From: day(lo), To: day(until), Precision: claim.TimeRange}
	case lo.IsZero() && !until.IsZero():
		return &claim.TimeSpan{To: day(until), Precision: claim.TimeOpen}
	case lo.IsZero():
		return nil
	case !yearEnd.IsZero() && lo.Equal(hi):
		return &claim.TimeSpan{From: day(lo), To: day(yearEnd), Precision: claim.TimeRange}
	case month && lo.Equal(hi):
		return &claim.TimeSpan{From: day(lo), To: day(monthEnd), Precision: claim.TimeMonth}
	case !lo.Equal(hi):
		return &claim.TimeSpan{From: day(lo), To: day(hi), Precision: claim.TimeRange}
	case open:
		return &claim.TimeSpan{From: day(lo), Precision: claim.TimeOpen}
	case approx && !spanEnd.IsZero():
		return &claim.TimeSpan{From: day(lo), To: day(spanEnd), Precision: claim.TimeApproximate}
	case approx:
		return &claim.TimeSpan{From: day(lo), To: day(lo), Precision: claim.TimeApproximate}
	}
	return &claim.TimeSpan{From: day(lo), To: day(lo), Precision: claim.TimeDay}
}

// timeRole reads the preposition before a date at token i.
func (d *doc) timeRole(i, from int) byte {
	k := i - 1
	if k >= from && d.is(k, cOnThe) {
		k--
	}
	if k < from {
		return 'a'
	}
	switch {
	case d.is(k, cSinceWord):
		return 's'
	case d.is(k, cAfterWord):
		// "in the days after January 2": open from the day after.
		return 'A'
	case d.is(k, cRangeEndWord):
		return 'u'
	case d.is(k, cQuantityLead):
		return 'b'
	}
	return 'a'
}

func (d *doc) isDash(i int) bool {
	if d.toks[i].kind != tPunct {
		return false
	}
	r, _ := decode(d.text, d.toks[i].s)
	return r == '-' || r == '–' || r == '—' || r == '‐' || r == '‑'
}

func (d *doc) isMonthAt(i int) bool {
	_, ok := d.monthAt(i)
	return ok && d.toks[i].cap
}

func dayNumber(s string) (int, bool) {
	if len(s) == 0 || len(s) > 2 {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	return n, n >= 1 && n <= 31
}

func yearNumber(s string) (int, bool) {
	if len(s) != 4 {
		return 0, false
	}
	n := 0
	for i := 0; i < 4; i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	return n, n >= 1900 && n <= 2100
}

// resolveYear picks the year of a month and day written without one: the
// publication year, or the year before when that would put the day more
// than a month after publication.
func resolveYear(m, day int, pub time.Time) (time.Time, bool) {
	if pub.IsZero() {
		return time.Time{}, false
	}
	t := time.Date(pub.Year(), time.Month(m), day, 0, 0, 0, 0, time.UTC)
	if t.Month() != time.Month(m) {
		return time.Time{}, false // February 30
	}
	if t.Sub(pub) > 31*24*time.Hour {
		t = t.AddDate(-1, 0, 0)
	}
	return t, true
}

func (d *doc) dateAt(i, to int, pub time.Time) (datePoint, bool) {
	p, _, ok := d.dateAtFull(i, to, pub)
	return p, ok
}

func (d *doc) isRelativeStart(i, to int) bool {
	if d.is(i, cRelativeStart) || d.is(i, cWeekday) {
		return true
	}
	_, ok := d.g.spelledWord(d.w(i))
	return ok || d.toks[i].kind == tNum
}

// dateAtFull parses a date expression starting at token i: "January 4",
// "Jan. 4, 2026", "4 January", "January 2026", "in January", "Monday",
// "yesterday", "three days ago", "nearly three weeks ago". It returns the
// point and the index after the expression.
func (d *doc) dateAtFull(i, to int, pub time.Time) (datePoint, int, bool) {
	t := d.toks[i]
	// Month first.
	if m, ok := d.monthAt(i); ok && t.cap {
		j := i + 1
		if j < to && d.toks[j].kind == tPunct && d.text[d.toks[j].s] == '.' {
			j++
		}
		if j < to && d.toks[j].kind == tNum {
			num := d.text[d.toks[j].s:d.toks[j].e]
			// "4:30" is a time of day; "January 4: …" is a dated entry.
			clock := j+2 < to && d.text[d.toks[j+1].s] == ':' && d.toks[j+2].kind == tNum && d.toks[j+2].s == d.toks[j+1].e
			if day, ok := dayNumber(num); ok && !clock {
				k := j + 1
				var tm time.Time
				if k+1 < to && d.text[d.toks[k].s] == ',' && d.toks[k+1].kind == tNum {
					if y, ok := yearNumber(d.text[d.toks[k+1].s:d.toks[k+1].e]); ok {
						tm = time.Date(y, time.Month(m), day, 0, 0, 0, 0, time.UTC)
						k += 2
					}
				} else if k < to && d.toks[k].kind == tNum {
					if y, ok := yearNumber(d.text[d.toks[k].s:d.toks[k].e]); ok {
						tm = time.Date(y, time.Month(m), day, 0, 0, 0, 0, time.UTC)
						k++
					}
				}
				if tm.IsZero() {
					var ok bool
					if tm, ok = resolveYear(m, day, pub); !ok {
						return datePoint{}, i, false
					}
				}
				if tm.Month() != time.Month(m) {
					return datePoint{}, i, false
				}
				return datePoint{t: tm, prec: claim.TimeDay}, k, true
			}
			if y, ok := yearNumber(num); ok {
				start := time.Date(y, time.Month(m), 1, 0, 0, 0, 0, time.UTC)
				return datePoint{t: start, end: start.AddDate(0, 1, -1), prec: claim.TimeMonth}, j + 1, true
			}
		}
		// "in January": a month of the publication year (or the one before).
		// "in March", "since May": capitalised after the lead, the word that
		// is also a verb or a modal is the month.
		if i > 0 && d.is(i-1, cMonthLead) {
			start, ok := resolveYear(m, 1, pub)
			if !ok {
				return datePoint{}, i, false
			}
			return datePoint{t: start, end: start.AddDate(0, 1, -1), prec: claim.TimeMonth}, i + 1, true
		}
		return datePoint{}, i, false
	}
	// Day first: 4 January (2026).
	if t.kind == tNum && i+1 < to && d.isMonthAt(i+1) {
		if day, ok := dayNumber(d.text[t.s:t.e]); ok {
			m, _ := d.monthAt(i + 1)
			k := i + 2
			var tm time.Time
			if k < to && d.toks[k].kind == tNum {
				if y, ok := yearNumber(d.text[d.toks[k].s:d.toks[k].e]); ok {
					tm = time.Date(y, time.Month(m), day, 0, 0, 0, 0, time.UTC)
					k++
				}
			}
			if tm.IsZero() {
				var ok bool
				if tm, ok = resolveYear(m, day, pub); !ok {
					return datePoint{}, i, false
				}
			}
			if tm.Month() != time.Month(m) {
				return datePoint{}, i, false
			}
			return datePoint{t: tm, prec: claim.TimeDay}, k, true
		}
	}
	// A year after "in", "since", "during" ("in 2013"): the whole year, unless
	// the number counts something ("in 2000 fighters' hands" is no date).
	if t.kind == tNum && i > 0 && d.is(i-1, cMonthLead) && !d.unitNoun(i+1) {
		if y, ok := yearNumber(d.text[t.s:t.e]); ok {
			start := time.Date(y, time.January, 1, 0, 0, 0, 0, time.UTC)
			return datePoint{t: start, end: start.AddDate(1, 0, -1), prec: claim.TimeRange}, i + 1, true
		}
	}
	// Part of a month: "early January", "mid-December", "late December".
	if p, j, ok := d.partOfMonth(i, to, pub); ok {
		return p, j, true
	}
	// "the first week of January": days 1–7, 8–14, 15–21, 22–28, or the last seven.
	if p, j, ok := d.weekOfMonth(i, to, pub); ok {
		return p, j, true
	}
	if pub.IsZero() {
		return datePoint{}, i, false
	}
	p0 := d.pubDay(pub)
	// "last week", "this week", "earlier this month", "last month".
	if p, j, ok := relativePeriod(d, i, to, p0); ok {
		return p, j, true
	}
	switch {
	case d.is(i, cYesterday):
		return datePoint{t: p0.AddDate(0, 0, -1), prec: claim.TimeDay}, i + 1, true
	case d.is(i, cToday):
		return datePoint{t: p0, prec: claim.TimeDay}, i + 1, true
	}
	if wd, ok := d.weekdayAt(i); ok && t.cap {
		back := (int(p0.Weekday()) - wd + 7) % 7
		return datePoint{t: p0.AddDate(0, 0, -back), prec: claim.TimeDay}, i + 1, true
	}
	// N days/weeks ago, with an optional "nearly", "about", "some".
	k := i
	approx := false
	if d.is(i, cApproxTime) {
		approx = true
		k++
		if k < to && d.is(k, cThanWord) {
			k++
		}
	}
	if k < to {
		n, j, ok := d.numberAt(k, to)
		if !ok && d.is(k, cNumberWord) {
			n, j, ok = 1, k+1, true
		}
		if ok && j+1 < to && n > 0 && n < 1000 {
			if days, ok := d.g.timeUnit[d.w(j)]; ok && d.is(j+1, cAgo) {
				back := int(n) * days
				prec := claim.TimeDay
				if approx || days > 1 {
					prec = claim.TimeApproximate
				}
				return datePoint{t: p0.AddDate(0, 0, -back), prec: prec}, j + 2, true
			}
		}
	}
	return datePoint{}, i, false
}

// pubDay returns the day of pub at midnight UTC, computed once a
// publication time: dateAtFull asks for it at every word it tries.
func (d *doc) pubDay(pub time.Time) time.Time {
	if !d.dayOK || pub != d.dayOf {
		d.dayOf, d.dayOK = pub, true
		d.day = time.Date(pub.Year(), pub.Month(), pub.Day(), 0, 0, 0, 0, time.UTC)
	}
	return d.day
}

// weekOfMonth reads "first/second/third/fourth/last week of <Month>".
func (d *doc) weekOfMonth(i, to int, pub time.Time) (datePoint, int, bool) {
	n := d.weekOrdAt(i)
	if n == 0 || i+3 >= to || !d.is(i+1, cWeek) || !d.is(i+2, cOfWord) || !d.isMonthAt(i+3) {
		return datePoint{}, i, false
	}
	m, _ := d.monthAt(i + 3)
	start, ok := resolveYear(m, 1, pub)
	if !ok {
		return datePoint{}, i, false
	}
	end := start.AddDate(0, 1, -1)
	if n > 0 {
		start = start.AddDate(0, 0, 7*(n-1))
		end = start.AddDate(0, 0, 6)
	} else {
		start = end.AddDate(0, 0, -6)
	}
	return datePoint{t: start, end: end, prec: claim.TimeApproximate}, i + 4, true
}

// partOfMonth reads "early/mid/late <Month>" and "mid-<Month>": the first,
// middle or last third of the month, approximately.
func (d *doc) partOfMonth(i, to int, pub time.Time) (datePoint, int, bool) {
	w := d.w(i)
	// "mid-December": a part glued to the month.
	if p, rest, ok := strings.Cut(w, "-"); ok {
		if part, isPart := d.g.monthPart[p]; isPart {
			if m, ok := d.g.months[rest]; ok {
				return monthPart(part, m, pub, i+1)
			}
		}
		return datePoint{}, i, false
	}
	// (The month's test, from the word's lookup, comes before the table's.)
	if i+1 >= to || !d.isMonthAt(i+1) {
		return datePoint{}, i, false
	}
	part, isPart := d.g.monthPart[w]
	if !isPart {
		return datePoint{}, i, false
	}
	m, _ := d.monthAt(i + 1)
	return monthPart(part, m, pub, i+2)
}

func monthPart(part string, m int, pub time.Time, j int) (datePoint, int, bool) {
	start, ok := resolveYear(m, 1, pub)
	if !ok {
		return datePoint{}, j, false
	}
	end := start.AddDate(0, 1, -1)
	switch part {
	case "early":
		end = start.AddDate(0, 0, 9)
	case "mid":
		start, end = start.AddDate(0, 0, 10), start.AddDate(0, 0, 19)
	case "late":
		start = start.AddDate(0, 0, 20)
	}
	return datePoint{t: start, end: end, prec: claim.TimeApproximate}, j, true
}

// relativePeriod reads periods relative to the publication day p0: "last
// week" (Monday to Sunday before this week), "this week", "earlier this
// week/month" (up to the day before), "last month".
func relativePeriod(d *doc, i, to int, p0 time.Time) (datePoint, int, bool) {
	if i+1 >= to || !(d.is(i, cLastWord) || d.is(i, cOverAtDuring) || d.is(i, cThisWord) || d.is(i, cEarlierWord)) {
		return datePoint{}, i, false
	}
	is := d.is
	monday := p0.AddDate(0, 0, -((int(p0.Weekday()) + 6) % 7))
	monthStart := time.Date(p0.Year(), p0.Month(), 1, 0, 0, 0, 0, time.UTC)
	span := func(from, end time.Time, j int) (datePoint, int, bool) {
		if end.Before(from) {
			end = from
		}
		return datePoint{t: from, end: end, prec: claim.TimeApproximate}, j, true
	}
	switch {
	case is(i, cLastWord) && is(i+1, cWeek):
		return span(monday.AddDate(0, 0, -7), monday.AddDate(0, 0, -1), i+2)
	case is(i, cLastWord) && is(i+1, cWeekend):
		return span(monday.AddDate(0, 0, -2), monday.AddDate(0, 0, -1), i+2)
	case is(i, cOverAtDuring) && is(i+1, cTheWord) && is(i+2, cWeekend) && i+2 < to:
		// The latest weekend up to the publication day.
		sat := p0.AddDate(0, 0, -((int(p0.Weekday()) + 1) % 7)) // Saturday on or before p0
		return span(sat, sat.AddDate(0, 0, 1), i+3)
	case is(i, cThisWord) && is(i+1, cWeek):
		return span(monday, p0, i+2)
	case is(i, cEarlierWord) && is(i+1, cThisWord) && is(i+2, cWeek) && i+2 < to:
		return span(monday, p0.AddDate(0, 0, -1), i+3)
	case is(i, cEarlierWord) && is(i+1, cThisWord) && is(i+2, cMonthNoun) && i+2 < to:
		return span(monthStart, p0.AddDate(0, 0, -1), i+3)
	case is(i, cLastWord) && is(i+1, cMonthNoun):
		start := monthStart.AddDate(0, -1, 0)
		return datePoint{t: start, end: monthStart.AddDate(0, 0, -1), prec: claim.TimeMonth}, i + 2, true
	}
	return datePoint{}, i, false
}

// ParseTime reads the time expressions in s ("on January 7 and 8",
// "between January 8 and January 13", "since January 6", "nearly three
// weeks ago") and resolves them against the publication date pub. It
// returns nil when s names no time.
func ParseTime(s string, pub time.Time) *claim.TimeSpan {
	d := newDoc(defaultGrammar(), nil, s)
	d.toks = tokenize(d.toks[:0], s, 0, len(s))
	d.lookupWords()
	return d.timeIn(0, len(d.toks), pub, nil)
}

// finiteVerb reports a word at i that the language pack reads only as a
// verb's tensed form ("left", "killed", "begins"): after a date, "that"
// and such a verb are a relative clause on what happened then ("an
// offensive in November that left thousands dead"), not the content of a
// telling ("said on Monday that troops had crossed").
func (d *doc) finiteVerb(i int) bool {
	if i >= len(d.lx) || d.lx[i] == nil || d.toks[i].cap {
		return false
	}
	verb := false
	for _, s := range d.lx[i].Senses {
		switch {
		case s.Noun:
			return false
		case s.Form == lang.FormPast || s.Form == lang.FormPart || s.Form == lang.FormThird:
			verb = true
		}
	}
	return verb
}
