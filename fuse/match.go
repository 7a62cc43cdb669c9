package fuse

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/knowledge"
)

// Action families. Claims group only within one family; stance claims
// (confirm, deny, no-comment) have none and attach to the event they speak of.
const (
	FamilyMovement = "movement" // deploy, transport: forces moving, by whatever route
	FamilyViolence = "violence" // suppress, kill, clash: the crackdown and its toll
	familyStance   = ""
)

// Family returns the grouping family of an action: deploy and transport are
// one movement, suppress, kill and clash one violence; confirm, deny and
// no-comment have no family of their own (""), every other action is its own.
func Family(a claim.Action) string {
	switch a {
	case claim.ActionDeploy, claim.ActionTransport:
		return FamilyMovement
	case claim.ActionSuppress, claim.ActionKill, claim.ActionClash:
		return FamilyViolence
	case claim.ActionConfirm, claim.ActionDeny, claim.ActionNoComment:
		return familyStance
	}
	return string(a)
}

// StanceOf says whether a claim asserts its happening, denies it or declines
// to comment. Silence ("neither confirmed nor denied") is never a denial.
func StanceOf(c *claim.Claim) claim.Stance {
	switch {
	case c.Action == claim.ActionNoComment || c.Modality == claim.NCND:
		return claim.StanceNoComment
	case c.Action == claim.ActionDeny || c.Modality == claim.Denied:
		return claim.StanceDenies
	}
	return claim.StanceSupports
}

// pointFamily reports families whose happenings occur at one place: two
// different towns mean two events, not two routes of one movement.
func pointFamily(f string) bool { return f == FamilyViolence }

// spreadFamily reports families whose happenings spread over places and days,
// where different places or windows are usually parts of one whole.
func spreadFamily(f string) bool { return f == FamilyMovement || f == string(claim.ActionFlights) }

// fold normalises names for matching.
func fold(s string) string { return knowledge.Fold(s) }

// interval is a closed range of days; open ends are ±inf.
type interval struct {
	from, to int
	ok       bool
}

const (
	negInf = math.MinInt32
	posInf = math.MaxInt32
)

func dayNumber(d string) (int, bool) {
	t, err := time.Parse(time.DateOnly, d)
	if err != nil {
		return 0, false
	}
	return int(t.Unix() / 86400), true
}

func intervalOf(ts *claim.TimeSpan) interval {
	if ts == nil || (ts.From == "" && ts.To == "") {
		return interval{}
	}
	iv := interval{from: negInf, to: posInf, ok: true}
	if d, ok := dayNumber(ts.From); ok {
		iv.from = d
	}
	if d, ok := dayNumber(ts.To); ok {
		iv.to = d
	} else if ts.To == "" && ts.Precision != claim.TimeOpen && ts.From != "" {
		iv.to = iv.from // a single day written without an end
	}
	if iv.from == negInf && iv.to == posInf {
		return interval{}
	}
	return iv
}

func (a interval) overlaps(b interval, tol int) bool {
	if !a.ok || !b.ok {
		return true
	}
	return a.from <= addDays(b.to, tol) && b.from <= addDays(a.to, tol)
}

func (a interval) union(b interval) interval {
	switch {
	case !a.ok:
		return b
	case !b.ok:
		return a
	}
	return interval{from: min(a.from, b.from), to: max(a.to, b.to), ok: true}
}

func addDays(d, n int) int {
	if d == negInf || d == posInf {
		return d
	}
	return d + n
}

// pfeat is a place reduced to what matching needs.
type pfeat struct {
	name, fold string
	role       claim.PlaceRole
	kind       claim.PlaceKind
	country    string
}

// fine reports places finer than a country or region: a province, city,
// crossing or airport, which can tie a figure to a part of the whole.
func (p pfeat) fine() bool {
	return p.kind != claim.KindCountry && p.kind != claim.KindRegion && p.kind != claim.KindBorder
}

// feat is a claim reduced to its grouping fields.
type feat struct {
	c      *claim.Claim
	order  int
	family string
	actors map[string]string // match key → display name
	places []pfeat
	when   interval
	// Blocking keys (block.go), computed once.
	indexKeys, lookupKeys []string
}

func newFeat(c *claim.Claim, order int) *feat {
	f := &feat{c: c, order: order, family: Family(c.Action), actors: map[string]string{}, when: intervalOf(c.Time)}
	for _, a := range c.Actors {
		if k := fold(a.Name); k != "" {
			f.actors["n:"+k] = a.Name
		}
		if a.PackID != "" {
			f.actors["p:"+a.PackID] = a.Name
		}
		if k := fold(a.Affiliation); k != "" {
			f.actors["n:"+k] = a.Affiliation
		}
	}
	for _, p := range c.Places {
		if k := fold(p.Name); k != "" {
			f.places = append(f.places, pfeat{name: p.Name, fold: k, role: p.Role, kind: p.Kind, country: strings.ToUpper(p.Country)})
		}
	}
	return f
}

// resolved reports whether the claim names an actor the packs know, so that a
// disjoint set of known actors is a real difference and not a paraphrase.
func (f *feat) resolved() bool {
	for _, a := range f.c.Actors {
		if a.PackID != "" || a.Affiliation != "" {
			return true
		}
	}
	return false
}

// match is how a claim relates to a set of other claims.
type match struct {
	score    float64
	conflict string   // why they cannot be one happening; "" if they can
	reasons  []string // which fields matched, for Member.Reasons
}

// positive reports whether something beyond the family matched.
func (m match) positive() bool { return m.conflict == "" && m.score >= 1 }

// compare relates f to the claims in others (same family assumed unless
// stance). tol is the time tolerance in days.
func compare(f *feat, others []*feat, tol int, family string) match {
	return compareX(f, others, tol, family, true)
}

// score is compare without the reasons, for the grouping loops.
func score(f *feat, others []*feat, tol int, family string) match {
	return compareX(f, others, tol, family, false)
}

func compareX(f *feat, others []*feat, tol int, family string, explain bool) match {
	var m match
	// Actors.
	actorHits := map[string][]string{} // display → claim ids
	resolvedOthers, actorOverlap := false, false
	for _, o := range others {
		if o.resolved() {
			resolvedOthers = true
		}
		for k, name := range f.actors {
			if _, ok := o.actors[k]; ok {
				actorOverlap = true
				if explain || actorHits[name] == nil {
					actorHits[name] = appendOnce(actorHits[name], o.c.ID)
				}
			}
		}
	}
	if f.resolved() && resolvedOthers && !actorOverlap && len(others) > 0 {
		// Only known actors on both sides, none shared: different forces.
		if allResolved(f) && allResolvedAll(others) {
			m.conflict = "known actors differ"
		}
	}
	m.score += 2 * float64(len(actorHits))
	if explain {
		for _, name := range sortedKeys(actorHits) {
			m.reasons = append(m.reasons, fmt.Sprintf("actor %s (as in %s)", name, idList(actorHits[name])))
		}
	}
	// Places.
	type hit struct {
		text string
		ids  []string
		w    float64
	}
	hits := map[string]*hit{}
	add := func(key string, text func() string, w float64, id string) {
		h := hits[key]
		if h == nil {
			h = &hit{}
			if explain {
				h.text = text()
			}
			hits[key] = h
		}
		h.w = max(h.w, w)
		if explain {
			h.ids = appendOnce(h.ids, id)
		}
	}
	for _, p := range f.places {
		for _, o := range others {
			for _, q := range o.places {
				switch {
				case p.fold == q.fold && p.role == q.role:
					add("s:"+p.fold+string(p.role), func() string { return fmt.Sprintf("place %s (%s)", p.name, p.role) }, 1, o.c.ID)
				case p.fold == q.fold:
					add("r:"+p.fold, func() string { return fmt.Sprintf("place %s (%s, there %s)", p.name, p.role, q.role) }, 0.5, o.c.ID)
				case p.kind == claim.KindCountry && p.country != "" && q.kind != claim.KindCountry && q.country == p.country:
					add("c:"+q.fold, func() string { return fmt.Sprintf("place %s within %s", q.name, p.name) }, within(p, q), o.c.ID)
				case q.kind == claim.KindCountry && q.country != "" && p.kind != claim.KindCountry && p.country == q.country:
					add("c:"+p.fold, func() string { return fmt.Sprintf("place %s within %s", p.name, q.name) }, within(p, q), o.c.ID)
				}
			}
		}
	}
	direct := false
	for k := range hits {
		direct = direct || !strings.HasPrefix(k, "c:")
	}
	var inside []string
	var insideIDs []string
	for _, k := range sortedKeys(hits) {
		h := hits[k]
		m.score += h.w
		if !explain {
			continue
		}
		if strings.HasPrefix(k, "c:") {
			// Containment is reported only when no name matched, in one line.
			inside = append(inside, strings.TrimPrefix(h.text, "place "))
			for _, id := range h.ids {
				insideIDs = appendOnce(insideIDs, id)
			}
			continue
		}
		m.reasons = append(m.reasons, fmt.Sprintf("%s (as in %s)", h.text, idList(h.ids)))
	}
	if !direct && len(inside) > 0 {
		if len(inside) > 3 {
			inside = append(inside[:3], fmt.Sprintf("%d more", len(inside)-3))
		}
		m.reasons = append(m.reasons, fmt.Sprintf("places %s (as in %s)", strings.Join(inside, "; "), idList(insideIDs)))
	}
	// Destination countries: a movement into Syria is not one into Iran.
	if family == FamilyMovement || family == familyStance {
		mine, theirs := destCountries(f.places), map[string]bool{}
		for _, o := range others {
			for k := range destCountries(o.places) {
				theirs[k] = true
			}
		}
		if len(mine) > 0 && len(theirs) > 0 && !intersects(mine, theirs) {
			m.conflict = "destination countries differ"
		}
	}
	// One-place happenings in different towns are different happenings.
	if pointFamily(family) {
		mine, theirs := fineNames(f.places), map[string]bool{}
		for _, o := range others {
			for k := range fineNames(o.places) {
				theirs[k] = true
			}
		}
		if len(mine) > 0 && len(theirs) > 0 && !intersects(mine, theirs) {
			m.conflict = "different locations"
		}
	}
	// Time.
	var env interval
	var envIDs []string
	for _, o := range others {
		if o.when.ok {
			env = env.union(o.when)
			if explain {
				envIDs = append(envIDs, o.c.ID)
			}
		}
	}
	if f.when.ok && env.ok {
		if f.when.overlaps(env, tol) {
			m.score += 0.5
			if explain {
				m.reasons = append(m.reasons, fmt.Sprintf("time %s overlaps %s (as in %s)", f.when, env, idList(envIDs)))
			}
		} else {
			m.conflict = "time spans apart"
			if explain {
				m.conflict = fmt.Sprintf("time %s does not overlap %s", f.when, env)
			}
		}
	}
	return m
}

// within weighs a place inside a country the other claim names: as much as
// a shared name when both play the same role (Tehran and Iran as
// destinations), half otherwise.
func within(p, q pfeat) float64 {
	if p.role == q.role {
		return 1
	}
	return 0.5
}

func allResolved(f *feat) bool {
	for _, a := range f.c.Actors {
		if a.PackID == "" && a.Affiliation == "" {
			return false
		}
	}
	return len(f.c.Actors) > 0
}

func allResolvedAll(fs []*feat) bool {
	for _, f := range fs {
		if len(f.c.Actors) > 0 && !allResolved(f) {
			return false
		}
	}
	return true
}

func destCountries(ps []pfeat) map[string]bool {
	out := map[string]bool{}
	for _, p := range ps {
		if p.role == claim.RoleDestination && p.kind == claim.KindCountry {
			k := p.country
			if k == "" {
				k = p.fold
			}
			out[k] = true
		}
	}
	return out
}

func fineNames(ps []pfeat) map[string]bool {
	out := map[string]bool{}
	for _, p := range ps {
		if p.fine() && (p.role == claim.RoleLocation || p.role == "") {
			out[p.fold] = true
		}
	}
	return out
}

func intersects(a, b map[string]bool) bool {
	for k := range a {
		if b[k] {
			return true
		}
	}
	return false
}

func (iv interval) String() string {
	day := func(d int) string {
		switch d {
		case negInf, posInf:
			return "…"
		}
		return time.Unix(int64(d)*86400, 0).UTC().Format(time.DateOnly)
	}
	if iv.from == iv.to {
		return day(iv.from)
	}
	return day(iv.from) + ".." + day(iv.to)
}

func appendOnce(s []string, v string) []string {
	if slices.Contains(s, v) {
		return s
	}
	return append(s, v)
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// idList shows at most three claim ids.
func idList(ids []string) string {
	ids = slices.Clone(ids)
	sort.Strings(ids)
	if len(ids) > 3 {
		return strings.Join(ids[:3], ", ") + fmt.Sprintf(" and %d more", len(ids)-3)
	}
	return strings.Join(ids, ", ")
}
