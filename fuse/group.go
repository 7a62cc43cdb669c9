package fuse

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"sort"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/knowledge"
)

// Options tunes grouping. The zero value means the defaults.
type Options struct {
	// TimeToleranceDays lets exact time spans a few days apart still meet
	// (default 3): "until January 8" and "resumed on January 10" are one
	// movement with a pause, not two. Approximate spans (months, the
	// publication date) have a month's slack (context.go).
	TimeToleranceDays int
	// Pack is the knowledge pack whose countries, demonyms and actors tell
	// forces from parties and name their countries; nil means the
	// embedded default packs.
	Pack *knowledge.Pack
	// MergedEvents maps an event id to the event an analyst merged it into:
	// the claims grouping puts under the first go to the second, on every
	// run. Values are final: a chain a into b into c maps a and b to c
	// (store.MergeMap resolves chains).
	MergedEvents map[string]string
	// SameOrigins maps an origin key to the origin an analyst judged it to
	// be (two names for one anonymous source): its mentions count under
	// that key, for grouping, figures and independence alike. Values are
	// final, as for MergedEvents.
	SameOrigins map[string]string
	// Signature, when set, returns SignatureOf(text): a long-running
	// process keeps the signatures of the sources it fused before, the
	// costliest part of finding copies, instead of computing them on
	// every run. It must return exactly what SignatureOf does.
	Signature func(text string) Signature
	// exhaustive compares every claim with every cluster instead of
	// blocking (block.go); tests use it to check that blocking changes
	// nothing.
	exhaustive bool
}

func (o Options) tol() int {
	if o.TimeToleranceDays <= 0 {
		return 3
	}
	return o.TimeToleranceDays
}

// Group fuses claims into events with the default options. See Options.Group.
func Group(claims []claim.Claim, sources []claim.Source, pins map[string]string) []claim.Event {
	return Options{}.Group(claims, sources, pins)
}

// Group fuses claims into events. Rejected claims are left out. pins maps a
// claim id to the event id an analyst moved it to; pinned claims go there
// whatever the rules say (an event is created under that id if no computed
// event has it). The result is sorted by event id and does not depend on
// the order of claims or sources.
func (o Options) Group(claims []claim.Claim, sources []claim.Source, pins map[string]string) []claim.Event {
	feats, ori := o.prepare(claims, sources)

	// Ids come from a run that ignores pins, so that moving a claim out of
	// an event does not rename the event it left.
	idOf := map[string]string{} // claim id → event id of its unpinned cluster
	unpinned := o.cluster(feats)
	for _, cl := range unpinned {
		id := eventID(cl[0].c.ID)
		for _, f := range cl {
			idOf[f.c.ID] = id
		}
	}
	var free, pinned []*feat
	for _, f := range feats {
		if pins[f.c.ID] != "" {
			pinned = append(pinned, f)
		} else {
			free = append(free, f)
		}
	}
	type ev struct {
		id      string
		members []*feat
		manual  map[string]bool
	}
	byID := map[string]*ev{}
	var evs []*ev
	clusters := unpinned
	if len(pinned) > 0 {
		clusters = o.cluster(free)
	}
	for _, cl := range clusters {
		id := idOf[cl[0].c.ID]
		if byID[id] != nil {
			id = eventID(cl[0].c.ID)
		}
		e := &ev{id: id, members: cl, manual: map[string]bool{}}
		byID[id] = e
		evs = append(evs, e)
	}
	for _, f := range pinned {
		id := pins[f.c.ID]
		e := byID[id]
		if e == nil {
			e = &ev{id: id, manual: map[string]bool{}}
			byID[id] = e
			evs = append(evs, e)
		}
		e.members = append(e.members, f)
		e.manual[f.c.ID] = true
	}
	// Analysts' merges, after pins: a claim pinned to an event merged away
	// follows it.
	if len(o.MergedEvents) > 0 {
		var kept []*ev
		for _, e := range evs {
			into, ok := o.MergedEvents[e.id]
			if !ok || into == e.id {
				kept = append(kept, e)
				continue
			}
			t := byID[into]
			if t == nil {
				t = &ev{id: into, manual: map[string]bool{}}
				byID[into] = t
				kept = append(kept, t)
			}
			for _, f := range e.members {
				t.members = append(t.members, f)
				t.manual[f.c.ID] = true
			}
			delete(byID, e.id)
		}
		evs = kept
	}
	out := make([]claim.Event, 0, len(evs))
	for _, e := range evs {
		sort.Slice(e.members, func(i, j int) bool { return e.members[i].order < e.members[j].order })
		out = append(out, o.build(e.id, e.members, e.manual, ori))
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// prepare reduces the claims that are not rejected to their grouping
// fields, in the fixed order grouping takes them.
func (o Options) prepare(claims []claim.Claim, sources []claim.Source) ([]*feat, *origins) {
	var cs []*claim.Claim
	for i := range claims {
		if !claims[i].Rejected {
			cs = append(cs, &claims[i])
		}
	}
	slices.SortFunc(cs, func(a, b *claim.Claim) int {
		return cmp.Or(cmp.Compare(a.SourceID, b.SourceID), cmp.Compare(a.Source, b.Source),
			cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End), cmp.Compare(a.ID, b.ID))
	})
	srcs := map[int64]*claim.Source{}
	srcByName := map[string]*claim.Source{}
	for i := range sources {
		srcs[sources[i].ID] = &sources[i]
		srcByName[sources[i].Name] = &sources[i]
	}
	sourceOf := func(c *claim.Claim) *claim.Source {
		if s := srcs[c.SourceID]; s != nil && c.SourceID != 0 {
			return s
		}
		return srcByName[c.Source]
	}
	pack := o.Pack
	if pack == nil {
		pack = defaultPack()
	}
	lex := lexiconOf(pack)
	copies := o.copies(sources)
	ori := newOrigins(cs, sourceOf, copies, lex)
	ori.alias(o.SameOrigins)
	feats := newFeats(cs, sourceOf, ori, lex, o.tol())
	countries := countryFolds(feats)
	for _, f := range feats {
		f.countryFolds = countries
	}

	return feats, ori
}

// copies finds the sources that copy earlier ones (copy.go).
func (o Options) copies(sources []claim.Source) map[string]copyOf {
	var ss []*claim.Source
	var sigs []Signature
	sign := o.Signature
	if sign == nil {
		sign = new(Signer).Of
	}
	for i := range sources {
		if sources[i].Text == "" {
			continue
		}
		ss = append(ss, &sources[i])
		sigs = append(sigs, sign(sources[i].Text))
	}
	return findCopies(ss, sigs)
}

// eventID derives an event's id from its seed, its earliest claim.
func eventID(seedClaim string) string {
	sum := sha256.Sum256([]byte(seedClaim))
	return "ev-" + hex.EncodeToString(sum[:5])
}

// NewEventID is the id of an event created by hand around one claim
// (`triangulate events move CLAIM new`).
func NewEventID(claimID string) string { return eventID("manual:" + claimID) }

// cluster groups feats (in order) into clusters, each in order.
//
// Each claim joins the best-scoring earlier cluster it is tied to (a
// shared subject, one speaker's account, the claim it continues or the
// claim a bare stance speaks of; match.go) and does not conflict with
// (times apart, destinations in different countries, different towns for a
// one-place happening, known forces with nothing in common); then clusters
// that match each other are merged until none do, so the result does not
// depend on which claim came first.
func (o Options) cluster(feats []*feat) [][]*feat {
	clusters, sums := greedy(feats, o.exhaustive)
	// Merge the first matching pair (by index, lowest first) until none
	// match. Only pairs with a cluster that just grew can have changed, so
	// rather than starting over after each merge the scan goes back to the
	// earliest cluster that may now match the grown one; indices stay put
	// (dead marks the absorbed), which keeps the clusters' order.
	idx := newBlocks(clusters, o.exhaustive)
	dead := make([]bool, len(clusters))
	// Each cluster's keys, once each: a big event's members share most of
	// theirs, and listing its candidates member by member grew with the
	// event's size times the postings of its commonest keys.
	// The value of a key is the merge (clock, below) that last brought
	// the cluster a member holding it, 0 for its own.
	keys := make([]map[string]int, len(clusters))
	for i, cl := range clusters {
		keys[i] = map[string]int{}
		for _, f := range cl {
			for _, k := range blockKeys(f) {
				keys[i][k] = 0
			}
		}
	}
	// Each cluster's candidates, kept from merge to merge rather than
	// listed again from the postings of its keys (a big event has a key per
	// member, and it was listed again after each of its merges): a cluster
	// listed under one of its keys is absorbed only into one then listed
	// under all of that one's keys, so the live candidates are the absorbers
	// (find) of those it had, and a merged cluster's are the union of both.
	parent := make([]int, len(clusters))
	for i := range parent {
		parent[i] = i
	}
	find := func(x int) int {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	cand := make([][]int, len(clusters)) // nil until first listed
	listed := func(i int) []int {
		if cand[i] == nil {
			cand[i] = slices.Clone(idx.candidatesOf(keys[i]))
		}
		return cand[i]
	}
	// candidates returns, ascending, the live clusters other than i that
	// share a key with it.
	candidates := func(i int) []int {
		l := listed(i)
		for x := range l {
			l[x] = find(l[x])
		}
		slices.Sort(l)
		l = slices.Compact(l)
		cand[i] = l
		out := make([]int, 0, len(l))
		for _, x := range l {
			if x != i {
				out = append(out, x)
			}
		}
		return out
	}
	// A cluster found apart from all its later candidates need not be
	// compared again with those of them that did not change since (the
	// loop comes back over it after each merge into an earlier cluster, a
	// big event's merges brought it back over most of the case): clock
	// counts merges, changed is when a cluster last grew, scanned when its
	// last scan found nothing.
	clock := 0
	changed := make([]int, len(clusters))
	scanned := make([]int, len(clusters))
	for i := range scanned {
		scanned[i] = -1
	}
	// untied remembers pairs found apart because no claim of the smaller
	// is tied to the larger (most pairs a big event is tried against), so
	// that they are not tried again after every merge into the big one
	// while nothing they depend on changed (untiedPair.still). since[i] is the
	// merge before which nothing remembered about i as the larger holds;
	// ctryAt[i] when its countries last grew.
	untied := make([]map[int]untiedPair, len(clusters)) // by the larger's index, then the smaller's
	since := make([]int, len(clusters))
	ctryAt := make([]int, len(clusters))
	merge := func(i, j int) {
		clock++
		changed[i] = clock
		cand[i] = append(listed(i), listed(j)...)
		cand[j], parent[j] = nil, i
		// Kept in no particular order until the loop ends (clustersMatch
		// reads a cluster as a set): merging in order cost the bigger
		// side's size on every merge into a big event.
		absorbed := clusters[j]
		if len(clusters[j]) > len(clusters[i]) {
			clusters[i], clusters[j] = clusters[j], clusters[i]
		}
		clusters[i] = append(clusters[i], clusters[j]...)
		nc := len(sums[i].ctry)
		sums[i] = sums[i].absorb(sums[j])
		if len(sums[i].ctry) != nc {
			ctryAt[i] = clock
		}
		for _, f := range absorbed {
			idx.add(i, f)
		}
		if len(keys[j]) > len(keys[i]) {
			// Stamping the bigger side's keys would cost its size: what
			// was remembered about i is dropped instead.
			keys[i], keys[j] = keys[j], keys[i]
			since[i], untied[i] = clock, nil
			for k := range keys[j] {
				keys[i][k] = clock
			}
		} else {
			for k := range keys[j] {
				keys[i][k] = clock
			}
		}
		clusters[j], sums[j], keys[j], dead[j], untied[j] = nil, nil, nil, true, nil
	}
	// matches is clustersMatch(x, y), skipping pairs remembered untied
	// whose answer cannot have changed.
	matches := func(x, y int) bool {
		l, sm := x, y
		if len(clusters[y]) > len(clusters[x]) {
			l, sm = y, x
		}
		if !o.exhaustive {
			if u, ok := untied[l][sm]; ok && u.still(changed[sm], since[l], ctryAt[l], sums[l], keys[l], keys[sm]) {
				return false
			}
		}
		ok, noTie := clustersMatch(clusters[x], sums[x], clusters[y], sums[y])
		if noTie && !o.exhaustive && !crossFamilyIn(clusters[sm], sums[l].famBest) {
			if untied[l] == nil {
				untied[l] = map[int]untiedPair{}
			}
			untied[l][sm] = untiedPair{at: clock, own: sums[l].famBest}
		}
		return ok
	}
	for i := 0; i < len(clusters); {
		if dead[i] {
			i++
			continue
		}
		grown := false
		known := changed[i] <= scanned[i]
		for _, j := range candidates(i) {
			if j <= i || dead[j] || known && changed[j] <= scanned[i] || !matches(i, j) {
				continue
			}
			merge(i, j)
			grown = true
			break
		}
		if !grown {
			scanned[i] = clock
			i++
			continue
		}
		// Cluster i grew: an earlier cluster k may now match it, and (k, i)
		// is then the first matching pair, every other pair of k having
		// been found apart already.
		for back := true; back; {
			back = false
			for _, k := range candidates(i) {
				if k >= i {
					break
				}
				if !dead[k] && matches(k, i) {
					merge(k, i)
					i, back = k, true
					break
				}
			}
		}
	}
	var out [][]*feat
	for i, cl := range clusters {
		if !dead[i] {
			slices.SortFunc(cl, func(a, b *feat) int { return a.order - b.order })
			out = append(out, cl)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i][0].order < out[j][0].order })
	return out
}

// greedy assigns feats in order to the best matching cluster or a new one.
func greedy(feats []*feat, exhaustive bool) ([][]*feat, []*summary) {
	var clusters [][]*feat
	var sums []*summary
	idx := newBlocks(nil, exhaustive)
	for _, f := range feats {
		best, bestScore := -1, 0.0
		for _, i := range idx.candidates(f) {
			m := sums[i].tied(f)
			if m.positive() && (best < 0 || m.score > bestScore) {
				best, bestScore = i, m.score
			}
		}
		if best < 0 {
			best = len(clusters)
			clusters = append(clusters, []*feat{f})
			sums = append(sums, newSummary(nil))
		} else {
			clusters[best] = append(clusters[best], f)
		}
		sums[best].add(f)
		idx.add(best, f)
	}
	return clusters, sums
}

// clustersMatch reports whether some claim of one is tied to the other and
// no claim of either conflicts with the other, and, when not, whether it
// was because no claim of the smaller is tied to the larger (and none
// conflicts with it).
func clustersMatch(a []*feat, sa *summary, b []*feat, sb *summary) (ok, noTie bool) {
	// The larger cluster says what the event is about (its family), so the
	// smaller one's claims are the ones tried against it.
	if len(b) > len(a) {
		a, b, sa, sb = b, a, sb, sa
	}
	// Once one claim is tied, the others need only be free of conflict.
	pos := false
	for _, f := range b {
		if pos {
			if sa.apart(f) {
				return false, false
			}
			continue
		}
		m := sa.tied(f)
		if m.conflict != "" {
			return false, false
		}
		pos = m.positive()
	}
	if !pos {
		return false, true
	}
	// The other way round only for what one claim tells of another: the
	// times were compared above, claim by claim with the whole of a.
	return !sa.conflictsWith(sb), false
}

// untiedPair is a pair of clusters found apart in the merge loop because
// no claim of the smaller is tied to the larger: at is the merge count
// then, own the larger's family.
type untiedPair struct {
	at  int
	own string
}

// still reports whether the smaller is still untied to the larger, without
// trying it again. A claim is tied to a cluster only through a member
// sharing a blocking key with it (block.go), so while the smaller did not
// change (smallAt, when it last grew), no member sharing one of its keys
// joined the larger (the stamps of keys), and what the larger's ties read
// of the whole of it did not change (its family, which decides which
// claims are of another family, and its countries, which decide whether
// claims that continue one another fit), its claims tie to it no more than
// before; the remembered pairs have no claim of another family than the
// larger's, whose ties depend on the larger's counts.
func (u untiedPair) still(smallAt, since, ctryAt int, large *summary, largeKeys, smallKeys map[string]int) bool {
	if smallAt > u.at || since > u.at || ctryAt > u.at || large.famBest != u.own {
		return false
	}
	for k := range smallKeys {
		if at, ok := largeKeys[k]; ok && at > u.at {
			return false
		}
	}
	return true
}

// crossFamilyIn reports whether some claim of cl is of another family than
// own, as summary.match reads it.
func crossFamilyIn(cl []*feat, own string) bool {
	for _, f := range cl {
		if own != "" && f.family != familyStance && f.family != own {
			return true
		}
	}
	return false
}

// mergeOrdered merges two clusters, each in order, into one in order.
func mergeOrdered(a, b []*feat) []*feat {
	out := make([]*feat, 0, len(a)+len(b))
	for len(a) > 0 && len(b) > 0 {
		if a[0].order <= b[0].order {
			out, a = append(out, a[0]), a[1:]
		} else {
			out, b = append(out, b[0]), b[1:]
		}
	}
	return append(append(out, a...), b...)
}

// build turns a cluster into an Event with reasons, origins, figures and contradictions.
func (o Options) build(id string, members []*feat, manual map[string]bool, ori *origins) claim.Event {
	e := claim.Event{ID: id, Action: mainAction(members)}
	family := Family(e.Action)
	near := nearIndex(members)
	for _, f := range members {
		m := claim.Member{ClaimID: f.c.ID, Manual: manual[f.c.ID]}
		if m.Manual {
			m.Reasons = append(m.Reasons, "moved here by an analyst")
		}
		others := near(f)
		switch {
		case f.family == familyStance:
			m.Reasons = append(m.Reasons, fmt.Sprintf("%s (%s) speaks of this event", f.c.Action, f.stance))
		case f.family == family:
			m.Reasons = append(m.Reasons, fmt.Sprintf("action family %s (%s)", f.family, f.c.Action))
		default:
			m.Reasons = append(m.Reasons, fmt.Sprintf("action %s, about the same happening as the event's %s", f.c.Action, family))
		}
		if len(others) == 0 {
			m.Reasons = append(m.Reasons, "no other claim is tied to it by subject, account or context")
		} else {
			mt := compare(f, others)
			m.Reasons = append(m.Reasons, mt.reasons...)
			if mt.conflict != "" {
				m.Reasons = append(m.Reasons, "despite: "+mt.conflict)
			}
		}
		e.Members = append(e.Members, m)
	}
	ori.fill(&e, members)
	e.Copies = ori.copiesIn(members)
	e.Figures, e.Contradictions = figures(members, ori, &e)
	e.Contradictions = append(e.Contradictions, contradictions(members, ori, family, o.tol())...)
	e.Places, e.Times = placesAndTimes(members, ori)
	e.From, e.To = window(members)
	e.Title = title(e.Action, members)
	return e
}

// maxCited bounds the members a member's reasons are found against: in an
// event of more claims, explaining each member by every other would grow
// with the square of the event (and so would the reasons' lists of ids).
const maxCited = 48

// nearIndex returns, for a member, the others its reasons are found
// against: every other member in an event of at most maxCited+1 claims,
// else the earliest maxCited members sharing a blocking key or a place
// with it (block.go), which are those it can be tied to.
func nearIndex(members []*feat) func(*feat) []*feat {
	if len(members) <= maxCited+1 {
		return func(f *feat) []*feat {
			out := make([]*feat, 0, len(members)-1)
			for _, g := range members {
				if g != f {
					out = append(out, g)
				}
			}
			return out
		}
	}
	keysOf := func(f *feat) []string {
		ks := keysOf(f, false)
		for _, p := range f.places {
			ks = append(ks, "pl:"+p.fold)
			if p.country != "" {
				ks = append(ks, "cc:"+p.country)
			}
		}
		return ks
	}
	// Each member's postings, found once: the look-up below runs once per
	// member and would otherwise build every key string again.
	post := map[string][]*feat{} // key → its first maxCited+1 members, in order
	lists := make(map[*feat][][]*feat, len(members))
	for _, f := range members {
		for _, k := range keysOf(f) {
			if l := post[k]; len(l) <= maxCited && (len(l) == 0 || l[len(l)-1] != f) {
				post[k] = append(l, f)
			}
		}
	}
	for _, f := range members {
		ks := keysOf(f)
		ls := make([][]*feat, 0, len(ks))
		for _, k := range ks {
			ls = append(ls, post[k])
		}
		lists[f] = ls
	}
	var heads []int
	return func(f *feat) []*feat {
		// The postings are each in order, so the earliest maxCited members
		// of their union (f left out) are a merge of their heads.
		ls := lists[f]
		heads = append(heads[:0], make([]int, len(ls))...)
		var out []*feat
		for len(out) < maxCited {
			best := -1
			for i, l := range ls {
				for heads[i] < len(l) && l[heads[i]] == f {
					heads[i]++
				}
				if heads[i] < len(l) && (best < 0 || l[heads[i]].order < ls[best][heads[best]].order) {
					best = i
				}
			}
			if best < 0 {
				break
			}
			g := ls[best][heads[best]]
			if len(out) == 0 || out[len(out)-1] != g {
				out = append(out, g)
			}
			heads[best]++
		}
		return out
	}
}

// mainAction is the most common action among non-stance members (ties by
// vocabulary order), or the most common stance when there are only those.
func mainAction(members []*feat) claim.Action {
	count := map[claim.Action]int{}
	stanceOnly := true
	for _, f := range members {
		if f.family != familyStance {
			stanceOnly = false
		}
	}
	for _, f := range members {
		if stanceOnly || f.family != familyStance {
			count[f.c.Action]++
		}
	}
	best, n := claim.ActionOther, 0
	for _, a := range claim.Actions {
		if count[a] > n {
			best, n = a, count[a]
		}
	}
	return best
}
