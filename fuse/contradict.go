package fuse

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/triangulate/triangulate/claim"
)

// contradictions lists conflicting places, times and denials between claims
// of different origins. Places and windows that differ within a movement
// (several crossings, a flow over weeks) or where a claim names several
// places of that role are a difference of scope; for one-place happenings
// they conflict. Silence ("neither confirmed nor denied") is never listed.
func contradictions(members []*feat, ori *origins, family string, tol int) []claim.Contradiction {
	var out []claim.Contradiction
	sameOrigin := func(a, b *feat) bool {
		for _, m := range ori.byClaim[a.c.ID] {
			for _, n := range ori.byClaim[b.c.ID] {
				if m.key == n.key {
					return true
				}
			}
		}
		return false
	}
	// Claims are compared as distinct rows: a row is one value (the places
	// of a role, a time span) as told by one set of origins, represented by
	// its first claim; each pair of disagreeing values is listed once, for
	// the first pair of its rows of different origins. Comparing claim by
	// claim grew with the square of an event and listed a thousand times
	// what relays repeat.
	roles := []claim.PlaceRole{claim.RoleVia, claim.RoleDestination, claim.RoleOrigin, claim.RoleLocation}
	placeRows := make([]*valueRows, len(roles))
	for i := range placeRows {
		placeRows[i] = newValueRows()
	}
	timeRows := newValueRows()
	for _, f := range members {
		if f.family == familyStance {
			continue
		}
		ok := originsKey(ori, f)
		for i, role := range roles {
			if ps := finePlaces(f, role); len(ps) > 0 {
				placeRows[i].add(names(ps), ok, f)
			}
		}
		if f.when.ok {
			timeRows.add(f.when.String(), ok, f)
		}
	}
	for i, role := range roles {
		placeRows[i].pairs(sameOrigin, func(a, b *feat) {
			pa, pb := finePlaces(a, role), finePlaces(b, role)
			if sharesPlace(pa, pb) {
				return
			}
			scope := spreadFamily(family) || len(pa) > 1 || len(pb) > 1
			c := claim.Contradiction{Field: "place", A: a.c.ID, B: b.c.ID,
				ASpan: placeSpan(a.c, pa[0]), BSpan: placeSpan(b.c, pb[0]), Scope: scope}
			c.Explain = fmt.Sprintf("%s %s (%s) vs %s (%s)", role, names(pa), ori.first(a.c.ID).display(), names(pb), ori.first(b.c.ID).display())
			if scope {
				c.Explain += ": different scope, possibly both true"
			} else {
				c.Explain += ": one happening cannot be in both places"
			}
			out = append(out, c)
		})
	}
	timeRows.pairs(sameOrigin, func(a, b *feat) {
		if a.when.overlaps(b.when, 0) {
			return
		}
		scope := spreadFamily(family) || a.when.overlaps(b.when, tol)
		c := claim.Contradiction{Field: "time", A: a.c.ID, B: b.c.ID,
			ASpan: timeSpan(a.c), BSpan: timeSpan(b.c), Scope: scope}
		c.Explain = fmt.Sprintf("%s (%s) vs %s (%s)", a.when, ori.first(a.c.ID).display(), b.when, ori.first(b.c.ID).display())
		if scope {
			c.Explain += ": different windows, possibly both true"
		} else {
			c.Explain += ": the dates conflict"
		}
		out = append(out, c)
	})
	// Denials against the first supporting claim of each origin.
	firstOf := map[string]*feat{}
	var supKeys []string
	for _, f := range members {
		if StanceOf(f.c) != claim.StanceSupports {
			continue
		}
		for _, m := range ori.byClaim[f.c.ID] {
			if firstOf[m.key] == nil {
				firstOf[m.key] = f
				supKeys = append(supKeys, m.key)
			}
		}
	}
	sort.Strings(supKeys)
	denied := map[string]bool{} // origins of the denials listed
	for _, d := range members {
		if StanceOf(d.c) != claim.StanceDenies {
			continue
		}
		if k := originsKey(ori, d); denied[k] {
			continue // the same origins' denial again: listed once
		} else {
			denied[k] = true
		}
		seen := map[string]bool{}
		for _, k := range supKeys {
			s := firstOf[k]
			if seen[s.c.ID] || sameOrigin(s, d) {
				continue
			}
			seen[s.c.ID] = true
			out = append(out, claim.Contradiction{Field: "denial", A: s.c.ID, B: d.c.ID,
				ASpan: evidenceSpan(s.c), BSpan: evidenceSpan(d.c),
				Explain: fmt.Sprintf("%s denies what %s asserts", ori.first(d.c.ID).display(), ori.first(s.c.ID).display())})
		}
	}
	return out
}

// rowsPerValue bounds the rows of distinct origins kept for one value:
// enough to find a pair of different origins between two values.
const rowsPerValue = 4

// valueRows gathers claims into distinct rows per value, in order.
type valueRows struct {
	values []string
	rows   map[string][]*feat // value → first claims of its distinct origin sets
	seen   map[[2]string]bool // (value, origins) rows already kept
}

func newValueRows() *valueRows {
	return &valueRows{rows: map[string][]*feat{}, seen: map[[2]string]bool{}}
}

func (v *valueRows) add(value, origins string, f *feat) {
	rs, ok := v.rows[value]
	if !ok {
		v.values = append(v.values, value)
	}
	if k := [2]string{value, origins}; !v.seen[k] && len(rs) < rowsPerValue {
		v.seen[k] = true
		v.rows[value] = append(rs, f)
	}
}

// pairs calls fn once for each pair of different values, earlier value
// first, with the first pair of their rows whose origins differ.
func (v *valueRows) pairs(sameOrigin func(a, b *feat) bool, fn func(a, b *feat)) {
	for i, x := range v.values {
		for _, y := range v.values[i+1:] {
		find:
			for _, a := range v.rows[x] {
				for _, b := range v.rows[y] {
					if !sameOrigin(a, b) {
						if a.order > b.order {
							a, b = b, a
						}
						fn(a, b)
						break find
					}
				}
			}
		}
	}
}

// originsKey names the set of a claim's origins.
func originsKey(ori *origins, f *feat) string {
	var ks []string
	for _, m := range ori.byClaim[f.c.ID] {
		ks = append(ks, m.key)
	}
	slices.Sort(ks)
	return strings.Join(slices.Compact(ks), "\x00")
}

func finePlaces(f *feat, role claim.PlaceRole) []claim.Place {
	var out []claim.Place
	for _, p := range f.c.Places {
		pf := pfeat{kind: p.Kind}
		if p.Role == role && pf.fine() {
			out = append(out, p)
		}
	}
	return out
}

func sharesPlace(a, b []claim.Place) bool {
	for _, p := range a {
		for _, q := range b {
			if fold(p.Name) == fold(q.Name) {
				return true
			}
		}
	}
	return false
}

func names(ps []claim.Place) string {
	var s []string
	for _, p := range ps {
		s = append(s, p.Name)
	}
	return strings.Join(s, ", ")
}

func placeSpan(c *claim.Claim, p claim.Place) claim.Span {
	if p.Span.End > p.Span.Start {
		return p.Span
	}
	return evidenceSpan(c)
}

func timeSpan(c *claim.Claim) claim.Span {
	if c.Time != nil && c.Time.Span.End > c.Time.Span.Start {
		return c.Time.Span
	}
	return evidenceSpan(c)
}

// placesAndTimes lists every place and time span the members give, with who gave it.
func placesAndTimes(members []*feat, ori *origins) ([]claim.EventPlace, []claim.TimeMention) {
	byKey := map[string]*claim.EventPlace{}
	var keys []string
	var times []claim.TimeMention
	for _, f := range members {
		who := ori.first(f.c.ID).display()
		for _, p := range f.c.Places {
			k := string(p.Kind) + "|" + fold(p.Name)
			ep := byKey[k]
			if ep == nil {
				ep = &claim.EventPlace{Name: p.Name, Kind: p.Kind}
				byKey[k] = ep
				keys = append(keys, k)
			}
			if !slices.Contains(ep.Roles, p.Role) {
				ep.Roles = append(ep.Roles, p.Role)
			}
			ep.Mentions = append(ep.Mentions, claim.Mention{ClaimID: f.c.ID, Source: f.c.Source, Origin: who, Span: placeSpan(f.c, p)})
		}
		if f.c.Time != nil {
			times = append(times, claim.TimeMention{From: f.c.Time.From, To: f.c.Time.To, Precision: f.c.Time.Precision,
				Mention: claim.Mention{ClaimID: f.c.ID, Source: f.c.Source, Origin: who, Span: timeSpan(f.c)}})
		}
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := byKey[keys[i]], byKey[keys[j]]
		if kindRank2(a.Kind) != kindRank2(b.Kind) {
			return kindRank2(a.Kind) < kindRank2(b.Kind)
		}
		return fold(a.Name) < fold(b.Name)
	})
	var places []claim.EventPlace
	for _, k := range keys {
		places = append(places, *byKey[k])
	}
	return places, times
}

func kindRank2(k claim.PlaceKind) int {
	for i, x := range []claim.PlaceKind{claim.KindCountry, claim.KindRegion, claim.KindBorder, claim.KindProvince,
		claim.KindCrossing, claim.KindCity, claim.KindAirport} {
		if k == x {
			return i
		}
	}
	return 99
}

// window is the earliest start and latest end the supporting members give;
// To stays open ("") when any of them is open-ended.
func window(members []*feat) (from, to claim.Date) {
	open := false
	for _, f := range members {
		t := f.c.Time
		if t == nil || StanceOf(f.c) != claim.StanceSupports {
			continue
		}
		if t.From != "" && (from == "" || t.From < from) {
			from = t.From
		}
		end := t.To
		if end == "" && t.Precision != claim.TimeOpen {
			end = t.From
		}
		if end == "" {
			open = true
		} else if end > to {
			to = end
		}
	}
	if open {
		to = ""
	}
	return from, to
}

// title names the event by its action, its most named actor and its most
// named destination or location.
func title(a claim.Action, members []*feat) string {
	actor := mostNamed(members, func(c *claim.Claim) []string {
		var out []string
		for _, x := range c.Actors {
			out = append(out, x.Name)
			if x.Affiliation != "" {
				out = append(out, x.Affiliation)
			}
		}
		return out
	})
	place := mostNamed(members, func(c *claim.Claim) []string {
		var out []string
		for _, p := range c.Places {
			if p.Role == claim.RoleDestination || p.Role == claim.RoleLocation {
				out = append(out, p.Name)
			}
		}
		return out
	})
	t := string(a)
	if actor != "" {
		t = actor + ": " + t
	}
	if place != "" {
		t += ", " + place
	}
	return t
}

func mostNamed(members []*feat, names func(*claim.Claim) []string) string {
	count := map[string]int{}
	display := map[string]string{}
	for _, f := range members {
		seen := map[string]bool{}
		for _, n := range names(f.c) {
			k := fold(n)
			if k == "" || seen[k] {
				continue
			}
			seen[k] = true
			count[k]++
			if display[k] == "" {
				display[k] = n
			}
		}
	}
	best := ""
	for _, k := range sortedKeys(count) {
		if best == "" || count[k] > count[best] {
			best = k
		}
	}
	return display[best]
}
