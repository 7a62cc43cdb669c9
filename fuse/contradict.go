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
	roles := []claim.PlaceRole{claim.RoleVia, claim.RoleDestination, claim.RoleOrigin, claim.RoleLocation}
	for i, a := range members {
		for _, b := range members[i+1:] {
			if a.family == familyStance || b.family == familyStance || sameOrigin(a, b) {
				continue
			}
			for _, role := range roles {
				pa, pb := finePlaces(a, role), finePlaces(b, role)
				if len(pa) == 0 || len(pb) == 0 || sharesPlace(pa, pb) {
					continue
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
			}
			if a.when.ok && b.when.ok && !a.when.overlaps(b.when, 0) {
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
			}
		}
	}
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
	for _, d := range members {
		if StanceOf(d.c) != claim.StanceDenies {
			continue
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
