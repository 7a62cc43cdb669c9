package fuse

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/triangulate/triangulate/claim"
)

// unitKey normalises a unit for reconciliation: folded, each word singular
// ("fighters" and "fighter" meet; "flights per day" stays a rate).
func unitKey(u string) string {
	words := strings.Fields(fold(u))
	for i, w := range words {
		switch {
		case strings.HasSuffix(w, "ies") && len(w) > 4:
			words[i] = w[:len(w)-3] + "y"
		case strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && len(w) > 3:
			words[i] = w[:len(w)-1]
		}
	}
	return strings.Join(words, " ")
}

// unitFamilies maps a unit's last word to a family, so that subsets
// ("protesters killed" within "killed") are flagged as different scope
// rather than reconciled as one number.
var unitFamilies = map[string]string{
	"killed": "deaths", "dead": "deaths", "death": "deaths", "fatality": "deaths", "died": "deaths",
	"injured": "injuries", "wounded": "injuries", "injury": "injuries",
	"fighter": "personnel", "militant": "personnel", "troop": "personnel", "soldier": "personnel",
	"force": "personnel", "member": "personnel", "men": "personnel", "personnel": "personnel",
	"arrested": "arrests", "arrest": "arrests", "detained": "arrests",
}

func unitFamily(key string) string {
	words := strings.Fields(key)
	if len(words) == 0 {
		return ""
	}
	if f, ok := unitFamilies[words[len(words)-1]]; ok {
		return f
	}
	return key
}

// bounds is the range of values a figure allows, widened by its qualifier:
// "around"/"close to"/"as many as" ±10 % (reporters write "as many as"
// for a large number, not a ceiling), "at least" open above, "up to" open
// below.
func bounds(q claim.Quantity) (lo, hi float64) {
	lo, hi = q.Min, q.Max
	qual := fold(q.Qualifier)
	switch {
	case hasAny(qual, "at least", "more than", "over", "over than", "no fewer than", "no less than", "upwards of"):
		hi = math.Inf(1)
	case hasAny(qual, "up to", "at most", "fewer than", "less than", "under", "no more than"):
		lo = 0
	case hasAny(qual, "around", "about", "close to", "nearly", "almost", "approximately", "some", "roughly", "an estimated", "estimated",
		"as many as", "as much as"):
		lo, hi = lo*0.9, hi*1.1
	}
	return lo, hi
}

func hasAny(s string, phrases ...string) bool {
	for _, p := range phrases {
		if s == p || strings.HasPrefix(s, p+" ") {
			return true
		}
	}
	return false
}

// scope is what a figure is tied to: the places finer than a country that
// its claim names, and its time window.
type scope struct {
	names   []string // display, claim order
	keys    []string // folded, sorted
	when    interval
	display string
}

func scopeOf(c *claim.Claim) scope {
	var s scope
	for _, p := range c.Places {
		pf := pfeat{kind: p.Kind}
		if !pf.fine() && p.Kind != claim.KindRegion {
			continue
		}
		if k := fold(p.Name); k != "" && !slices.Contains(s.keys, k) {
			s.keys = append(s.keys, k)
			s.names = append(s.names, p.Name)
		}
	}
	sort.Strings(s.keys)
	s.when = intervalOf(c.Time)
	var parts []string
	if len(s.names) > 0 {
		parts = append(parts, strings.Join(s.names, ", "))
	}
	if s.when.ok {
		parts = append(parts, s.when.String())
	}
	s.display = strings.Join(parts, "; ")
	return s
}

func (s scope) empty() bool { return len(s.keys) == 0 && !s.when.ok }

func samePlaces(a, b scope) bool { return slices.Equal(a.keys, b.keys) }

type figRef struct {
	f     claim.Figure
	feat  *feat
	scope scope
	echo  bool // its origin repeats another origin of the event
}

// figures reconciles the event's figures per unit and kind, and lists
// disagreements between figures of different origins, each either a real
// contradiction or a difference of scope.
func figures(members []*feat, ori *origins, e *claim.Event) ([]claim.FigureSet, []claim.Contradiction) {
	echoes := map[string][]string{}
	for _, or := range e.Origins {
		echoes[or.Key] = or.EchoOf
	}
	type setKey struct{ unit, kind string }
	sets := map[setKey][]figRef{}
	var order []setKey
	for _, f := range members {
		if StanceOf(f.c) != claim.StanceSupports && f.c.Modality != claim.Denied {
			continue
		}
		// A figure is its speakers': two named side by side ("according
		// to A and B") are both credited, as the text credits them.
		ms := ori.byClaim[f.c.ID]
		if len(ms) == 0 {
			ms = []*mention{ori.first(f.c.ID)}
		}
		sc := scopeOf(f.c)
		for _, q := range f.c.Quantities {
			k := setKey{unitKey(q.Unit), string(q.Kind)}
			if _, ok := sets[k]; !ok {
				order = append(order, k)
			}
			for _, m := range ms {
				sets[k] = append(sets[k], figRef{
					f:     claim.Figure{ClaimID: f.c.ID, Source: f.c.Source, Origin: m.display(), OriginKey: m.key, Quantity: q, Scope: sc.display},
					feat:  f,
					scope: sc,
					echo:  len(echoes[m.key]) > 0,
				})
			}
		}
	}
	// A relay's figure is its first speaker's: where an outlet repeats
	// origins it relays here ("CNN reported close to 5,000"), the figure is
	// credited to the one of them that gave it, qualifiers drifting ("close
	// to", "nearly", "some", "as many as") or not. Where none or several
	// did, it stays the relay's and counts only when nothing else does.
	for _, k := range order {
		refs := sets[k]
		// The figures each origin gives itself, distinct, for the test.
		given := map[string][]claim.Quantity{}
		note := func(r *figRef) {
			if !r.echo && !slices.ContainsFunc(given[r.f.OriginKey], func(q claim.Quantity) bool { return sameValue(q, r.f.Quantity) }) {
				given[r.f.OriginKey] = append(given[r.f.OriginKey], r.f.Quantity)
			}
		}
		for i := range refs {
			note(&refs[i])
		}
		for i := range refs {
			r := &refs[i]
			if !r.echo {
				continue
			}
			var gave []string
			for _, key := range echoes[r.f.OriginKey] {
				if !slices.Contains(gave, key) && slices.ContainsFunc(given[key], func(q claim.Quantity) bool { return Agree(q, r.f.Quantity) }) {
					gave = append(gave, key)
				}
			}
			if len(gave) == 1 {
				r.f.Origin = fmt.Sprintf("%s, as given by %s", r.f.Origin, whoOf(e, gave[0]))
				r.f.OriginKey, r.echo = gave[0], false
				note(r)
			}
		}
	}
	sort.SliceStable(order, func(i, j int) bool {
		if order[i].kind != order[j].kind {
			return kindRank(order[i].kind) < kindRank(order[j].kind)
		}
		return order[i].unit < order[j].unit
	})
	var out []claim.FigureSet
	var cons []claim.Contradiction
	for _, k := range order {
		refs := sets[k]
		fs, cs := reconcile(refs)
		out = append(out, fs)
		cons = append(cons, cs...)
	}
	// Different units of one family (protesters killed, killed) are subsets,
	// not rival counts.
	for i := 0; i < len(order); i++ {
		for j := i + 1; j < len(order); j++ {
			a, b := order[i], order[j]
			if a.kind != b.kind || a.unit == b.unit || unitFamily(a.unit) != unitFamily(b.unit) {
				continue
			}
			ra, rb := sets[a][0], sets[b][0]
			cons = append(cons, claim.Contradiction{
				Field: "quantity", A: ra.f.ClaimID, B: rb.f.ClaimID,
				ASpan: quantitySpan(ra), BSpan: quantitySpan(rb), Scope: true,
				Explain: fmt.Sprintf("%s %s vs %s %s: different units of one kind (a subset), different scope, possibly both true",
					number(ra.f.Quantity), ra.f.Quantity.Unit, number(rb.f.Quantity), rb.f.Quantity.Unit),
			})
		}
	}
	return out, cons
}

func kindRank(k string) int {
	switch claim.QuantityKind(k) {
	case claim.QuantityCount:
		return 0
	case claim.QuantityIncrease:
		return 1
	case claim.QuantityBaseline:
		return 2
	}
	return 3
}

func reconcile(refs []figRef) (claim.FigureSet, []claim.Contradiction) {
	fs := claim.FigureSet{Unit: refs[0].f.Quantity.Unit, Low: math.Inf(1), High: math.Inf(-1), Conservative: math.Inf(1)}
	for _, r := range refs {
		q := r.f.Quantity
		fs.Figures = append(fs.Figures, r.f)
		fs.Low = min(fs.Low, q.Min)
		fs.High = max(fs.High, q.Max)
		if r.feat.c.Modality != claim.Denied {
			fs.Conservative = min(fs.Conservative, q.Min)
		}
	}
	if math.IsInf(fs.Conservative, 1) {
		fs.Conservative = fs.Low
	}
	// Median over origins: each origin's own median first, echoes left out
	// when the origin they repeat gives a figure here.
	nonEcho := map[string]int{} // origin → its refs that are not echoes
	total := 0
	for _, r := range refs {
		if !r.echo {
			nonEcho[r.f.OriginKey]++
			total++
		}
	}
	perOrigin := map[string][]float64{}
	for _, r := range refs {
		// An echo is left out when another origin gives a figure here.
		if r.echo && total-nonEcho[r.f.OriginKey] > 0 {
			continue
		}
		q := r.f.Quantity
		perOrigin[r.f.OriginKey] = append(perOrigin[r.f.OriginKey], (q.Min+q.Max)/2)
	}
	var vals []float64
	for _, k := range sortedKeys(perOrigin) {
		vals = append(vals, median(perOrigin[k]))
	}
	fs.Median = median(vals)

	// Disagreements over distinct rows (a value and scope as one origin
	// gives it), each pair of values once.
	var cons []claim.Contradiction
	var real, scoped []string
	var values []string
	rows := map[string][]int{} // value → refs of its first distinct origins
	for i, r := range refs {
		v := figureValue(r)
		rs, ok := rows[v]
		if !ok {
			values = append(values, v)
		}
		if len(rs) < rowsPerValue && !slices.ContainsFunc(rs, func(j int) bool { return refs[j].f.OriginKey == r.f.OriginKey }) {
			rows[v] = append(rs, i)
		}
	}
	for i, x := range values {
		for _, y := range values[i+1:] {
			ai, bi := -1, -1
		find:
			for _, p := range rows[x] {
				for _, q := range rows[y] {
					if refs[p].f.OriginKey != refs[q].f.OriginKey {
						ai, bi = min(p, q), max(p, q)
						break find
					}
				}
			}
			if ai < 0 {
				continue
			}
			a, b := refs[ai], refs[bi]
			alo, ahi := bounds(a.f.Quantity)
			blo, bhi := bounds(b.f.Quantity)
			if alo <= bhi && blo <= ahi {
				continue // they agree within their qualifiers
			}
			isScope, why := scopeVerdict(a, b)
			c := claim.Contradiction{Field: "quantity", A: a.f.ClaimID, B: b.f.ClaimID,
				ASpan: quantitySpan(a), BSpan: quantitySpan(b), Scope: isScope}
			pair := fmt.Sprintf("%s (%s) vs %s (%s)", number(a.f.Quantity), a.f.Origin, number(b.f.Quantity), b.f.Origin)
			if isScope {
				c.Explain = pair + ": " + why + "; different scope, possibly both true"
				scoped = append(scoped, fmt.Sprintf("%s vs %s: %s", number(a.f.Quantity), number(b.f.Quantity), why))
			} else {
				c.Explain = pair + ": " + why
				real = append(real, fmt.Sprintf("%s vs %s: %s", number(a.f.Quantity), number(b.f.Quantity), why))
			}
			cons = append(cons, c)
		}
	}
	fs.Why = why(fs, refs, len(vals), real, scoped)
	var untraced []string
	for _, r := range refs {
		if r.echo {
			untraced = append(untraced, fmt.Sprintf("%s (%s)", number(r.f.Quantity), r.f.Origin))
		}
	}
	if len(untraced) > 0 {
		fs.Why += fmt.Sprintf(". Independence cannot be told for %s: repeated by a relay of several origins, none of which gave it here; counted only where no other origin gives a figure",
			strings.Join(untraced, "; "))
	}
	return fs, cons
}

// figureValue is what makes two figures one row apart from their origin:
// the number with its qualifier, and the scope.
func figureValue(r figRef) string {
	q := r.f.Quantity
	return fmt.Sprintf("%v\x00%v\x00%s\x00%s\x00%s\x00%v", q.Min, q.Max, q.Qualifier, strings.Join(r.scope.keys, "/"), r.scope.display, r.scope.when)
}

// sameValue reports one number given with the same qualifier.
func sameValue(a, b claim.Quantity) bool {
	return a.Min == b.Min && a.Max == b.Max && a.Qualifier == b.Qualifier
}

// scopeVerdict tells a difference of scope from a real contradiction for two
// disagreeing figures. Figures tied to different places (crossings,
// provinces) or different windows may both be true; a part that exceeds a
// figure given without scope, or a count over a window that exceeds the
// count over a window containing it, cannot.
func scopeVerdict(a, b figRef) (bool, string) {
	sa, sb := a.scope, b.scope
	switch {
	case sa.empty() && sb.empty():
		return false, "same scope, different numbers"
	case sa.empty() || sb.empty():
		part, whole := a, b
		if sa.empty() {
			part, whole = b, a
		}
		if part.f.Quantity.Min <= whole.f.Quantity.Max {
			return true, fmt.Sprintf("%s is tied to %s, %s is given without scope and may be a total", number(part.f.Quantity), part.scope.display, number(whole.f.Quantity))
		}
		return false, fmt.Sprintf("%s tied to %s exceeds %s given without scope", number(part.f.Quantity), part.scope.display, number(whole.f.Quantity))
	}
	if samePlaces(sa, sb) {
		if sa.when.ok && sb.when.ok && sa.when != sb.when {
			inner, outer := a, b
			if contains(sa.when, sb.when) {
				inner, outer = b, a
			}
			if contains(outer.scope.when, inner.scope.when) && a.f.Quantity.Kind == claim.QuantityCount &&
				inner.f.Quantity.Min > outer.f.Quantity.Max {
				return false, fmt.Sprintf("the count over %s exceeds the count over %s, which contains it", inner.scope.when, outer.scope.when)
			}
			return true, fmt.Sprintf("different windows (%s vs %s)", sa.when, sb.when)
		}
		if len(sa.keys) == 0 || sa.when == sb.when {
			return false, "same scope, different numbers"
		}
		return false, "same places (" + strings.Join(sa.names, ", ") + "), different numbers"
	}
	return true, fmt.Sprintf("tied to different places (%s vs %s)", orNone(sa.names), orNone(sb.names))
}

func orNone(names []string) string {
	if len(names) == 0 {
		return "no place"
	}
	return strings.Join(names, ", ")
}

func contains(outer, inner interval) bool {
	return outer.ok && inner.ok && outer.from <= inner.from && inner.to <= outer.to
}

// maxGiven bounds the figures FigureSet.Why quotes.
const maxGiven = 12

// atMost keeps the first maxGiven items and says how many more there are.
func atMost(l []string) []string {
	if len(l) <= maxGiven {
		return l
	}
	return append(l[:maxGiven:maxGiven], fmt.Sprintf("and %d more", len(l)-maxGiven))
}

func why(fs claim.FigureSet, refs []figRef, origins int, real, scoped []string) string {
	if len(refs) == 1 {
		return fmt.Sprintf("one figure only: %s, from %s", number(refs[0].f.Quantity), refs[0].f.Origin)
	}
	// Each figure once per origin giving it, the first maxGiven of them.
	var given []string
	seen := map[string]bool{}
	for _, r := range refs {
		if g := fmt.Sprintf("%s (%s)", number(r.f.Quantity), r.f.Origin); !seen[g] {
			seen[g] = true
			given = append(given, g)
		}
	}
	given, real, scoped = atMost(given), atMost(real), atMost(scoped)
	if len(real) == 0 && len(scoped) == 0 {
		return fmt.Sprintf("%d figures from %d origins agree within their qualifiers: %s", len(refs), origins, strings.Join(given, "; "))
	}
	var b strings.Builder
	fmt.Fprintf(&b, "range stays open: %d origins give %s", origins, strings.Join(given, "; "))
	if len(real) > 0 {
		fmt.Fprintf(&b, ". Real disagreement: %s", strings.Join(real, "; "))
	}
	if len(scoped) > 0 {
		fmt.Fprintf(&b, ". Different scope, possibly both true: %s", strings.Join(scoped, "; "))
	}
	fmt.Fprintf(&b, ". No figure is preferred; the conservative value is the lowest credible figure (%s)", claim.FormatNumber(fs.Conservative))
	return b.String()
}

func median(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	s := slices.Clone(v)
	sort.Float64s(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// number writes a figure as its text would: "close to 5,000", "4–5".
func number(q claim.Quantity) string {
	v := claim.FormatNumber(q.Min)
	if q.Max != q.Min {
		v += "–" + claim.FormatNumber(q.Max)
	}
	if q.Qualifier != "" {
		v = q.Qualifier + " " + v
	}
	return v
}

// quantitySpan is the figure's own span, else its claim's evidence.
func quantitySpan(r figRef) claim.Span {
	if r.f.Quantity.Span.End > r.f.Quantity.Span.Start {
		return r.f.Quantity.Span
	}
	return evidenceSpan(r.feat.c)
}

func evidenceSpan(c *claim.Claim) claim.Span {
	return claim.Span{Start: c.Start, End: c.End, Text: c.Evidence}
}

// whoOf names an origin of the event by its key.
func whoOf(e *claim.Event, key string) string {
	for _, o := range e.Origins {
		if o.Key == key {
			return o.Who
		}
	}
	return key
}

// UnitKey is the normalised unit under which figures are reconciled.
func UnitKey(unit string) string { return unitKey(unit) }

// Agree reports whether two figures agree within their qualifiers ("around
// 800" and "850" do; "800" and "2,000" do not).
func Agree(a, b claim.Quantity) bool { return FigureOf(a).Agrees(FigureOf(b)) }

// Figure is a quantity normalised once for comparison (its unit's key, kind
// and the bounds its qualifier allows), for callers that compare one figure
// with many.
type Figure struct {
	Unit   string
	Kind   claim.QuantityKind
	Lo, Hi float64
}

// FigureOf normalises q.
func FigureOf(q claim.Quantity) Figure {
	lo, hi := bounds(q)
	return Figure{Unit: unitKey(q.Unit), Kind: q.Kind, Lo: lo, Hi: hi}
}

// Agrees is Agree on normalised figures.
func (a Figure) Agrees(b Figure) bool {
	return a.Unit == b.Unit && a.Kind == b.Kind && a.Lo <= b.Hi && b.Lo <= a.Hi
}
