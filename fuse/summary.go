package fuse

import (
	"slices"
	"strconv"
	"strings"

	"github.com/triangulate/triangulate/claim"
)

// A summary holds what compareX reads of a cluster, gathered once as
// members join, so that the grouping loops score a claim against a
// cluster in time proportional to the claim's own fields rather than the
// cluster's size: comparing every claim with every member of a big event
// made grouping quadratic. Every part is either a union or maximum (the
// conflicts, the time envelope, places by role), a count (the claims that
// continue or speak of a given one), or the earliest member holding a key
// (a shared subject scores the weight it has in the earliest member that
// shares it, as compareX reads members in order). scoreSum gives exactly
// compareX(f, members, false) (summary_test.go checks it on random cases).
type summary struct {
	members []*feat
	// Conflicts and fit.
	strong, dests, fine, ctry map[string]bool
	// Time: the union of the members' spans and their largest slack.
	env   interval
	slack int
	// Families, for mainFamily (the first to reach the top count wins a tie)
	// and subjectOfFamily.
	famCount map[string]int
	famOrder map[string][]int // family → its members' orders, ascending (for absorb)
	famBest  string
	famN     int
	famSubj  map[string]map[string]int // family → subject key → claims of the family it is the subject of
	// subj maps a subject key to the earliest member's order per side of
	// that key ("" when unknown).
	subj     map[string]map[string]int
	byOrder  map[int]*feat
	accounts map[string]bool
	adjTo    map[int]int // order of a claim → members continuing it
	targetTo map[int]int // order of a claim → bare stances speaking of it
	// Postings for the anchors that need a member's own fields.
	towns map[string][]*feat // town → one-place members dated exactly
	bare  map[string][]*feat // family/where → members naming no actor
	// bareSec is bare by the members' text and section (sectionKey).
	bareSec map[string][]*feat
	gen     map[string][]*feat // class/where → members with that class
	genG    map[string][]*feat // class/where → members known only by class
	party   map[string]bool    // party key/where → a member with classes names it there
	// Places: roles per fold; per country code, the roles of the
	// non-country places in it and of the country places naming it.
	roles     map[string]map[claim.PlaceRole]bool
	inCountry map[string]map[string]map[claim.PlaceRole]bool
	countries map[string]map[string]map[claim.PlaceRole]bool
	// kinds holds one member for each distinct set of what another
	// summary's conflict reads of a claim (conflictSig): whether any
	// member conflicts with another cluster is asked of these, not of
	// every member, which made merging into a big event grow with its
	// size at every merge.
	kinds map[string]*feat
}

func newSummary(fs []*feat) *summary {
	s := &summary{
		strong: map[string]bool{}, dests: map[string]bool{}, fine: map[string]bool{}, ctry: map[string]bool{},
		famCount: map[string]int{}, famOrder: map[string][]int{}, famSubj: map[string]map[string]int{}, subj: map[string]map[string]int{},
		byOrder: map[int]*feat{}, accounts: map[string]bool{}, adjTo: map[int]int{}, targetTo: map[int]int{},
		towns: map[string][]*feat{}, bare: map[string][]*feat{}, bareSec: map[string][]*feat{}, gen: map[string][]*feat{}, genG: map[string][]*feat{},
		party: map[string]bool{}, roles: map[string]map[claim.PlaceRole]bool{},
		inCountry: map[string]map[string]map[claim.PlaceRole]bool{}, countries: map[string]map[string]map[claim.PlaceRole]bool{},
		kinds: map[string]*feat{},
	}
	for _, f := range fs {
		s.add(f)
	}
	return s
}

// add records f, which must come after every member in order.
func (s *summary) add(f *feat) {
	s.members = append(s.members, f)
	if sig := conflictSig(f); sig != "" {
		if _, ok := s.kinds[sig]; !ok {
			s.kinds[sig] = f
		}
	}
	union := func(dst, src map[string]bool) {
		for k := range src {
			dst[k] = true
		}
	}
	union(s.strong, f.strong)
	if f.entry() {
		union(s.dests, f.dests)
	}
	if pointFamily(f.family) {
		union(s.fine, f.fine)
	}
	union(s.ctry, f.ctry)
	if f.span.ok {
		if !s.env.ok {
			s.slack = f.slack
		}
		s.env = s.env.union(f.span)
		s.slack = max(s.slack, f.slack)
	}
	if f.family != familyStance {
		s.famCount[f.family]++
		s.famOrder[f.family] = append(s.famOrder[f.family], f.order)
		if c := s.famCount[f.family]; c > s.famN {
			s.famBest, s.famN = f.family, c
		}
	}
	fam := s.famSubj[f.family]
	if fam == nil {
		fam = map[string]int{}
		s.famSubj[f.family] = fam
	}
	for k := range f.subjects {
		fam[k]++
		bySide := s.subj[k]
		if bySide == nil {
			bySide = map[string]int{}
			s.subj[k] = bySide
		}
		if _, ok := bySide[f.sides[k]]; !ok {
			bySide[f.sides[k]] = f.order
		}
	}
	s.byOrder[f.order] = f
	if f.account != "" {
		s.accounts[f.account] = true
	}
	if f.adj >= 0 {
		s.adjTo[f.adj]++
	}
	if f.target >= 0 {
		s.targetTo[f.target]++
	}
	if pointFamily(f.family) && f.exact() {
		for t := range f.towns {
			s.towns[t] = append(s.towns[t], f)
		}
	}
	for j, w := range whereFolds(f) {
		if f.nActors == 0 && f.family != familyStance {
			k, ks := bareKeys(f, j)
			s.bare[k] = append(s.bare[k], f)
			s.bareSec[ks] = append(s.bareSec[ks], f)
		}
		for c := range f.classes {
			s.gen[c+"/"+w] = append(s.gen[c+"/"+w], f)
			if f.generic {
				s.genG[c+"/"+w] = append(s.genG[c+"/"+w], f)
			}
		}
		if len(f.classes) > 0 {
			for k := range f.parties {
				s.party[k+"/"+w] = true
			}
		}
	}
	for _, q := range f.places {
		addRole(s.roles, q.fold, q.role)
		if q.country == "" {
			continue
		}
		m := s.inCountry
		if q.kind == claim.KindCountry {
			m = s.countries
		}
		by := m[q.country]
		if by == nil {
			by = map[string]map[claim.PlaceRole]bool{}
			m[q.country] = by
		}
		addRole(by, q.fold, q.role)
	}
}

// absorb makes s the summary of its members and t's together, exactly as
// newSummary of the merged members in order would be, in time proportional
// to the smaller of the two summaries (the caller keeps whichever it returns): rebuilding a
// big event's summary on each merge grew with its square.
func (s *summary) absorb(t *summary) *summary {
	if len(t.members) > len(s.members) {
		s, t = t, s
	}
	// Members are kept in no particular order (ordered sorts them): the
	// merge loop reads only how many there are, and merging them in order
	// cost the bigger side's size on every merge into a big event.
	s.members = append(s.members, t.members...)
	for sig, f := range t.kinds {
		if _, ok := s.kinds[sig]; !ok {
			s.kinds[sig] = f
		}
	}
	union := func(dst, src map[string]bool) {
		for k := range src {
			dst[k] = true
		}
	}
	union(s.strong, t.strong)
	union(s.dests, t.dests)
	union(s.fine, t.fine)
	union(s.ctry, t.ctry)
	switch {
	case s.env.ok && t.env.ok:
		s.slack = max(s.slack, t.slack)
	case t.env.ok:
		s.slack = t.slack
	}
	if t.env.ok {
		s.env = s.env.union(t.env)
	}
	for fam, n := range t.famCount {
		s.famCount[fam] += n
		s.famOrder[fam] = mergeInts(s.famOrder[fam], t.famOrder[fam])
	}
	// The first family to reach the top count (add's tie rule) is the one
	// whose top-count-th member comes first.
	s.famBest, s.famN = "", 0
	for fam, n := range s.famCount {
		if n > s.famN || (n == s.famN && s.famOrder[fam][n-1] < s.famOrder[s.famBest][n-1]) {
			s.famBest, s.famN = fam, n
		}
	}
	for fam, keys := range t.famSubj {
		dst := s.famSubj[fam]
		if dst == nil {
			dst = map[string]int{}
			s.famSubj[fam] = dst
		}
		for k, n := range keys {
			dst[k] += n
		}
	}
	for k, bySide := range t.subj {
		dst := s.subj[k]
		if dst == nil {
			dst = map[string]int{}
			s.subj[k] = dst
		}
		for side, o := range bySide {
			if old, ok := dst[side]; !ok || o < old {
				dst[side] = o
			}
		}
	}
	for o, f := range t.byOrder {
		s.byOrder[o] = f
	}
	union(s.accounts, t.accounts)
	for o, n := range t.adjTo {
		s.adjTo[o] += n
	}
	for o, n := range t.targetTo {
		s.targetTo[o] += n
	}
	// Postings are read as sets (score's hits), so their order is free.
	for _, p := range []struct{ dst, src map[string][]*feat }{{s.towns, t.towns}, {s.bare, t.bare}, {s.bareSec, t.bareSec}, {s.gen, t.gen}, {s.genG, t.genG}} {
		for k, l := range p.src {
			p.dst[k] = append(p.dst[k], l...)
		}
	}
	union(s.party, t.party)
	unionRoles := func(dst, src map[string]map[claim.PlaceRole]bool) {
		for fold, rs := range src {
			for r := range rs {
				addRole(dst, fold, r)
			}
		}
	}
	unionRoles(s.roles, t.roles)
	for _, p := range []struct {
		dst, src map[string]map[string]map[claim.PlaceRole]bool
	}{{s.inCountry, t.inCountry}, {s.countries, t.countries}} {
		for cc, by := range p.src {
			dst := p.dst[cc]
			if dst == nil {
				dst = map[string]map[claim.PlaceRole]bool{}
				p.dst[cc] = dst
			}
			unionRoles(dst, by)
		}
	}
	return s
}

// ordered returns the summary's members in order.
func (s *summary) ordered() []*feat {
	slices.SortFunc(s.members, func(a, b *feat) int { return a.order - b.order })
	return s.members
}

// mergeInts merges two ascending lists.
func mergeInts(a, b []int) []int {
	out := make([]int, 0, len(a)+len(b))
	for len(a) > 0 && len(b) > 0 {
		if a[0] <= b[0] {
			out, a = append(out, a[0]), a[1:]
		} else {
			out, b = append(out, b[0]), b[1:]
		}
	}
	return append(append(out, a...), b...)
}

func addRole(m map[string]map[claim.PlaceRole]bool, fold string, r claim.PlaceRole) {
	rs := m[fold]
	if rs == nil {
		rs = map[claim.PlaceRole]bool{}
		m[fold] = rs
	}
	rs[r] = true
}

// whereFolds lists, once each and in order, the folded places that say
// where f's happening is.
func whereFolds(f *feat) []string {
	if f.where != nil {
		return f.where
	}
	out := []string{}
	for _, p := range f.places {
		if p.where() && !slices.Contains(out, p.fold) {
			out = append(out, p.fold)
		}
	}
	f.where = out
	return out
}

// whereNames is, for each of whereFolds, the name sharedWhere gives it:
// that of f's first place saying where with that fold.
func whereNames(f *feat) []string {
	if f.whereN != nil {
		return f.whereN
	}
	folds := whereFolds(f)
	out := make([]string, len(folds))
	for i, w := range folds {
		for _, p := range f.places {
			if p.where() && p.fold == w {
				out[i] = p.name
				break
			}
		}
	}
	f.whereN = out
	return out
}

// bareKeys are the keys of bare and bareSec a claim naming no actor is
// listed under for its j-th whereFolds: family/where, and that with its
// text and section.
func bareKeys(f *feat, j int) (string, string) {
	if f.bareK == nil {
		folds := whereFolds(f)
		f.bareK, f.bareSecK = make([]string, len(folds)), make([]string, len(folds))
		sec := "\x00" + f.doc + "\x00" + strconv.Itoa(f.section)
		for i, w := range folds {
			f.bareK[i] = f.family + "/" + w
			f.bareSecK[i] = f.bareK[i] + sec
		}
	}
	return f.bareK[j], f.bareSecK[j]
}

// anyIn reports whether one of keys is in m: intersects for a claim's
// sets listed once (featLists), as the grouping loops test them against
// big clusters' sets for every candidate.
func anyIn(keys []string, m map[string]bool) bool {
	for _, k := range keys {
		if m[k] {
			return true
		}
	}
	return false
}

// conflictSig is what conflict reads of f, as one string: f's strong
// keys, its destination countries when it is an entry and its fine places
// when of a point family. Claims with the same signature conflict with the
// same summaries; "" is a claim that conflicts with none.
func conflictSig(f *feat) string {
	if f.sig != nil {
		return *f.sig
	}
	var b strings.Builder
	if len(f.strong) > 0 {
		b.WriteString(strings.Join(f.lists.strong, "\x1f"))
	}
	if f.entry() && len(f.dests) > 0 {
		b.WriteString("\x1ed:")
		b.WriteString(strings.Join(f.lists.dests, "\x1f"))
	}
	if pointFamily(f.family) && len(f.fine) > 0 {
		b.WriteString("\x1ef:")
		b.WriteString(strings.Join(f.lists.fine, "\x1f"))
	}
	sig := b.String()
	f.sig = &sig
	return sig
}

// conflictsWith reports whether some member of s conflicts with t, as
// t.conflict(f) != "" for some f of s.members.
func (s *summary) conflictsWith(t *summary) bool {
	for _, f := range s.kinds {
		if t.conflict(f) != "" {
			return true
		}
	}
	return false
}

// conflict is conflictOf(f, members) without the explanation.
func (s *summary) conflict(f *feat) string {
	if len(f.strong) > 0 && len(s.strong) > 0 && !anyIn(f.lists.strong, s.strong) {
		return "known actors differ"
	}
	if f.entry() && len(f.dests) > 0 && len(s.dests) > 0 && !anyIn(f.lists.dests, s.dests) {
		return "destination countries differ"
	}
	if pointFamily(f.family) && len(f.fine) > 0 && len(s.fine) > 0 && !anyIn(f.lists.fine, s.fine) {
		return "different locations"
	}
	return ""
}

// score is compareX(f, s.members, false), f not being a member.
func (s *summary) score(f *feat) match { return s.match(f, true) }

// tied is score for the grouping loops, which read the score only of a
// claim that is tied and not in conflict: it tests the times (cheapest)
// before the other conflicts, and does not weigh places without a tie.
// Its positive() and, when positive, its score are score's.
func (s *summary) tied(f *feat) match { return s.match(f, false) }

// apart reports whether f conflicts with the summary's members, as
// score(f).conflict != "" does.
func (s *summary) apart(f *feat) bool {
	if f.span.ok && s.env.ok && !f.span.overlaps(s.env, max(f.slack, s.slack)) {
		return true
	}
	return s.conflict(f) != ""
}

func (s *summary) match(f *feat, all bool) match {
	var m match
	if !all && f.span.ok && s.env.ok && !f.span.overlaps(s.env, max(f.slack, s.slack)) {
		m.conflict, m.timeOnly = "time spans apart", true
		return m
	}
	if c := s.conflict(f); c != "" {
		m.conflict = c
		return m
	}
	if f.span.ok && s.env.ok {
		if f.span.overlaps(s.env, max(f.slack, s.slack)) {
			if f.when.ok {
				m.score += wTimeSeen
			}
		} else {
			m.conflict, m.timeOnly = "time spans apart", true
			return m
		}
	}

	// Subjects: each force named scores once, at the weight its keys have
	// in the earliest member sharing one of them.
	own := s.famBest
	crossFamily := own != "" && f.family != familyStance && f.family != own
	// firsts are the forces named, in order, each with the earliest member
	// sharing one of its keys; passed marks the keys (by index in
	// f.subjKeys) that were shared. Small arrays: this runs for every
	// candidate of every claim.
	type first struct {
		name  string
		order int
	}
	var firstBuf [8]first
	firsts := firstBuf[:0]
	var passedBuf [16]bool
	passed := passedBuf[:0]
	if len(f.subjKeys) > len(passedBuf) {
		passed = make([]bool, 0, len(f.subjKeys))
	}
	for _, k := range f.subjKeys {
		passed = append(passed, false)
		bySide := s.subj[k]
		if bySide == nil || (crossFamily && !mainSubject(s.famSubj[own][k], s.famCount[own])) {
			continue
		}
		o, ok := -1, false
		for side, ord := range bySide {
			if fs := f.sides[k]; fs != "" && side != "" && side != fs {
				continue
			}
			if !ok || ord < o {
				o, ok = ord, true
			}
		}
		if !ok {
			continue
		}
		passed[len(passed)-1] = true
		name := f.subjects[k]
		i := slices.IndexFunc(firsts, func(fr first) bool { return fr.name == name })
		if i < 0 {
			firsts = append(firsts, first{name: name, order: o})
			continue
		}
		firsts[i].order = min(firsts[i].order, o)
	}
	for _, fr := range firsts {
		o := s.byOrder[fr.order]
		w := 0.0
		for j, k := range f.subjKeys {
			if !passed[j] || f.subjects[k] != fr.name {
				continue
			}
			if _, ok := o.subjects[k]; !ok {
				continue
			}
			if fs, os := f.sides[k], o.sides[k]; fs != "" && os != "" && fs != os {
				continue
			}
			kw := float64(wName)
			switch {
			case k[0] == 'c':
				kw = wNation
			case k[0] == 'p' || f.strong[k]:
				kw = wPack
			}
			w = max(w, kw)
		}
		m.anchor = true
		m.score += w
	}
	if f.account != "" && s.accounts[f.account] {
		m.anchor = true
		m.score += wAccount
	}
	fits := len(f.ctry) == 0 || len(s.ctry) == 0 || anyIn(f.lists.ctry, s.ctry)
	if fits {
		n := s.adjTo[f.order]
		if f.adj >= 0 && s.byOrder[f.adj] != nil {
			n++
		}
		if n > 0 {
			m.anchor = true
			m.score += float64(n) * wContext
		}
	}
	if pointFamily(f.family) && f.exact() {
		seen := map[int]bool{}
		for _, t := range sortedKeys(f.towns) {
			for _, o := range s.towns[t] {
				if !seen[o.order] && f.when.overlaps(o.when, f.slack) {
					seen[o.order] = true
				}
			}
		}
		if len(seen) > 0 {
			m.anchor = true
			m.score += float64(len(seen)) * wIncident
		}
	}
	if n := s.targetTo[f.order]; n > 0 || (f.target >= 0 && s.byOrder[f.target] != nil) {
		if f.target >= 0 && s.byOrder[f.target] != nil {
			n++
		}
		m.anchor = true
		m.score += float64(n) * wTarget
	}
	where := whereFolds(f)
	if len(where) > 0 {
		// The first place of f each candidate shares with it names the tie,
		// as sharedWhere does.
		if f.nActors == 0 && f.family != familyStance {
			hit := map[string]bool{}
			names := whereNames(f)
			for j := range where {
				// A member listed under w shares one of where[:j+1] first
				// (sharedWhere): when all of those are hit it adds none,
				// and when the ones left are countries only a member of
				// f's own section can hit them.
				open, fine := false, false
				for _, n := range names[:j+1] {
					if !hit[n] {
						open = true
						fine = fine || !sharedIsCountry(f, n)
					}
				}
				if !open {
					continue
				}
				k, ks := bareKeys(f, j)
				post := s.bare[k]
				if !fine {
					post = s.bareSec[ks]
				}
				for _, o := range post {
					if len(hit) == len(where) {
						break
					}
					shared := sharedWhere(f, o)
					if hit[shared] {
						continue
					}
					if (f.doc == o.doc && f.section == o.section) || !sharedIsCountry(f, shared) {
						hit[shared] = true
					}
				}
			}
			if len(hit) > 0 {
				m.anchor = true
				m.score += float64(len(hit)) * wGeneric
			}
		}
		hit := map[string]bool{}
		post := s.genG
		if f.generic {
			post = s.gen
		}
		for _, c := range sortedKeys(f.classes) {
			for _, w := range where {
				for _, o := range post[c+"/"+w] {
					if len(hit) == len(where) {
						break
					}
					hit[sharedWhere(f, o)] = true
				}
			}
		}
		if len(hit) > 0 {
			m.anchor = true
			m.score += float64(len(hit)) * wGeneric
		}
		if len(f.classes) > 0 {
			for _, k := range f.partyKeys {
				for _, w := range where {
					if s.party[k+"/"+w] {
						m.anchor = true
						m.score += wParty
						break
					}
				}
			}
		}
	}
	if !all && !m.anchor {
		return m // not tied: places only add to a tie's score
	}
	// Places, as compareX weighs them: the best weight per key.
	// The keys are compareX's: a claim naming a country is weighed against
	// every place of a big event within it, and concatenating each key
	// as a string cost an allocation.
	ph := map[placeKey]float64{}
	put := func(k placeKey, w float64) { ph[k] = max(ph[k], w) }
	for _, p := range f.places {
		if rs := s.roles[p.fold]; rs != nil {
			if rs[p.role] {
				put(placeKey{'s', p.fold, p.role}, wPlace)
			}
			for r := range rs {
				if r != p.role {
					put(placeKey{'r', p.fold, ""}, wPlace/2)
					break
				}
			}
		}
		if p.country == "" {
			continue
		}
		if p.kind == claim.KindCountry {
			for q, rs := range s.inCountry[p.country] {
				if q != p.fold {
					put(placeKey{'c', q, ""}, withinRoles(p.role, rs))
				}
			}
		} else {
			for q, rs := range s.countries[p.country] {
				if q != p.fold {
					put(placeKey{'c', p.fold, ""}, withinRoles(p.role, rs))
				}
			}
		}
	}
	for _, w := range ph {
		m.score += w
	}
	return m
}

// withinRoles is within(p, q) at its best over q's roles.
func withinRoles(r claim.PlaceRole, rs map[claim.PlaceRole]bool) float64 {
	if rs[r] {
		return 1
	}
	return 0.5
}
