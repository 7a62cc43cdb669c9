package fuse

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
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

// fold normalises names for matching. A case names the same few hundred
// forces and places in tens of thousands of claims, and every fusion
// folds each mention again, so the answers of knowledge.Fold (a pure
// function) are kept, up to maxFolds of them.
func fold(s string) string {
	if v, ok := folds.Load(s); ok {
		return v.(string)
	}
	k := knowledge.Fold(s)
	if nFolds.Add(1) > maxFolds {
		folds.Clear()
		nFolds.Store(0)
	}
	folds.Store(s, k)
	return k
}

const maxFolds = 1 << 16

var (
	folds  sync.Map // name → knowledge.Fold(name)
	nFolds atomic.Int64
)

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
	country    string // ISO code of the country it lies in, "" when unknown
}

// fine reports places finer than a country or region: a province, city,
// crossing or airport, which can tie a figure to a part of the whole.
func (p pfeat) fine() bool {
	return p.kind != claim.KindCountry && p.kind != claim.KindRegion && p.kind != claim.KindBorder
}

// where reports the places that say where a happening is: destinations
// and locations (not where it came from or passed through).
func (p pfeat) where() bool {
	return p.role == claim.RoleDestination || p.role == claim.RoleLocation || p.role == ""
}

// feat is a claim reduced to its grouping fields.
type feat struct {
	c      *claim.Claim
	order  int
	family string
	stance claim.Stance
	// Who: the claim's subject forces (subject.go) by identity key, the
	// strong keys among them (pack ids, umbrellas, nationalities), the
	// classes of its subject forces, and its parties.
	subjects map[string]string // identity key → display
	sides    map[string]string // nationality key → the side of its forces (subject.go), "" when unknown
	strong   map[string]bool
	proper   map[string]bool // keys of forces named by a proper name
	classes  map[string]bool
	generic  bool // it names forces only by their class ("mercenaries")
	parties  map[string]string
	nActors  int
	places   []pfeat
	// Computed once from the above, for the grouping loops.
	subjKeys, partyKeys      []string
	fine, towns, dests, ctry map[string]bool
	// Where and when.
	theatre map[string]bool // countries of its destinations, else locations
	when    interval        // the claim's own time
	span    interval        // when its happening may be: own time, else before publication
	slack   int             // days two spans may lie apart and still meet
	// Its place in its text (context.go): the claim it continues, the
	// account it belongs to, the claim it denies.
	doc        string
	section    int
	adj        int    // order of the claim it continues, -1
	account    string // source and speaker's origin key, "" when none
	accountWho string
	relay      string          // the outlet whose report the claim passes on, "" when its own
	target     int             // order of the claim a stance without content speaks of, -1
	others     map[string]bool // keys of forces that are not its subject
	// The sets the summary's conflict and fit tests read, as lists.
	lists featLists
	// Blocking keys (block.go), whereFolds, whereNames and bareKeys,
	// computed once.
	keys, where, whereN []string
	bareK, bareSecK     []string
	sig                 *string // conflictSig, once computed
	// countryFolds are the places every claim of the case names as a
	// country (block.go); nil leaves the keys unnarrowed.
	countryFolds map[string]bool
}

// featLists are a claim's strong keys, destination countries, fine
// places and countries as lists (newFeat sets them once the sets are
// final).
type featLists struct{ strong, dests, fine, ctry []string }

func listsOf(f *feat) featLists {
	return featLists{strong: sortedKeys(f.strong), dests: sortedKeys(f.dests), fine: sortedKeys(f.fine), ctry: sortedKeys(f.ctry)}
}

// entry reports claims whose destination says where the happening is: a
// movement into a place, an attempt, or a stance on one (a leg of a route,
// a transfer or flight, may end anywhere).
func (f *feat) entry() bool {
	switch f.c.Action {
	case claim.ActionDeploy, claim.ActionAttempt:
		return true
	}
	return f.family == familyStance
}

// contentless reports a claim that names no force: a stance such as "which
// Ankara and Baku both denied" speaks of the claim before it.
func (f *feat) contentless() bool { return len(f.subjects) == 0 && len(f.classes) == 0 }

// match is how a claim relates to a set of other claims.
type match struct {
	score    float64
	anchor   bool     // something ties them: a shared subject, account, context or target
	conflict string   // why they cannot be one happening; "" if they can
	timeOnly bool     // the only conflict is their times
	reasons  []string // which fields matched, for Member.Reasons
}

// positive reports whether they may be one happening and something ties them.
func (m match) positive() bool { return m.conflict == "" && m.anchor }

// compare relates f to the claims in others.
func compare(f *feat, others []*feat) match { return compareX(f, others, true) }

// score is compare without the reasons, for the grouping loops.
func score(f *feat, others []*feat) match { return compareX(f, others, false) }

// Anchor weights: what ties two claims to one happening, strongest first.
const (
	wTarget   = 4   // a stance without content and the claim it speaks of
	wPack     = 3   // the same pack entry or umbrella
	wAccount  = 3   // one speaker's account in one text
	wContext  = 2.5 // the claim continues the one before it
	wNation   = 2   // forces of one country
	wName     = 2   // forces of one name
	wParty    = 1.5 // the same state or person at the same place
	wGeneric  = 1   // forces of one class at the same place
	wIncident = 1   // a one-place happening in the same town on the same days
	wPlace    = 1   // a shared place in the same role
	wTimeSeen = 0.5 // overlapping times
)

func compareX(f *feat, others []*feat, explain bool) match {
	var m match
	// A reason scores and is told once, at its first claim: kind and name
	// say which reason it is ("s", an actor's name).
	type hitKey struct{ kind, name string }
	hits := map[hitKey]bool{}
	hit := func(kind, name string, w float64, text func() string) {
		if k := (hitKey{kind, name}); !hits[k] {
			m.score += w
			hits[k] = true
			if explain {
				m.reasons = append(m.reasons, text())
			}
		}
	}
	// Conflicts, cheapest first; the grouping loops need no more once one is found.
	if c := conflictOf(f, others, explain); c != "" {
		m.conflict = c
		if !explain {
			return m
		}
	}
	// Time: spans further apart than either side's slack never meet.
	var env interval
	var envIDs []string
	slack := f.slack
	for _, o := range others {
		if o.span.ok {
			env = env.union(o.span)
			slack = max(slack, o.slack)
			if explain {
				envIDs = append(envIDs, o.c.ID)
			}
		}
	}
	if f.span.ok && env.ok {
		if f.span.overlaps(env, slack) {
			if f.when.ok {
				hit("time", "", wTimeSeen, func() string {
					return fmt.Sprintf("time %s overlaps %s (as in %s)", f.span, env, idList(envIDs))
				})
			}
		} else if m.conflict == "" {
			m.conflict, m.timeOnly = "time spans apart", true
			if explain {
				m.conflict = fmt.Sprintf("time %s is more than %d days from %s", f.span, slack, env)
			}
		}
	}
	if m.conflict != "" && !explain {
		return m
	}

	// Anchors. A claim of another family than the event's own (a clash
	// beside a deployment) is tied by a force only when the event's own
	// claims are about that force (subjectOfFamily): a force that appears
	// only as another side in a fight the event tells of ("the TPLF killed
	// Eritrean soldiers"), or beside the event's forces in one of its
	// claims, is not what the event is about.
	own := mainFamily(others)
	crossFamily := own != "" && f.family != familyStance && f.family != own
	best := map[string]float64{} // reused from one other claim to the next
	var names []string
	// ofFamily[j] is subjectOfFamily(others, f.subjKeys[j], own), the same
	// for every other claim, found once: 1 yes, 2 no, 0 not yet.
	var ofFamily []int8
	if crossFamily {
		ofFamily = make([]int8, len(f.subjKeys))
	}
	for _, o := range others {
		// One reason per force named, at the weight of its strongest key.
		clear(best)
		names = names[:0]
		for j, k := range f.subjKeys {
			if _, ok := o.subjects[k]; !ok {
				continue
			}
			if crossFamily {
				if ofFamily[j] == 0 {
					ofFamily[j] = 2
					if subjectOfFamily(others, k, own) {
						ofFamily[j] = 1
					}
				}
				if ofFamily[j] == 2 {
					continue
				}
			}
			if fs, os := f.sides[k], o.sides[k]; fs != "" && os != "" && fs != os {
				continue // a state's army and an armed group of its country
			}
			w := float64(wName)
			switch {
			case k[0] == 'c':
				w = wNation
			case k[0] == 'p' || f.strong[k]:
				w = wPack
			}
			name := f.subjects[k]
			if _, seen := best[name]; !seen {
				names = append(names, name)
			}
			best[name] = max(best[name], w)
		}
		for _, name := range names {
			m.anchor = true
			hit("s", name, best[name], func() string { return fmt.Sprintf("actor %s (as in %s)", name, o.c.ID) })
		}
		if f.account != "" && f.account == o.account {
			m.anchor = true
			hit("acc", "", wAccount, func() string {
				return fmt.Sprintf("one account: %s in %s (as in %s)", f.accountWho, f.c.Source, o.c.ID)
			})
		}
		if (f.adj == o.order || o.adj == f.order) && placesFit(f, others) {
			m.anchor = true
			hit("adj", o.c.ID, wContext, func() string {
				if f.adj == o.order {
					return fmt.Sprintf("continues %s, the claim before it in %s", o.c.ID, f.c.Source)
				}
				return fmt.Sprintf("%s continues it in %s", o.c.ID, f.c.Source)
			})
		}
		if incident(f, o) {
			m.anchor = true
			hit("inc", o.c.ID, wIncident, func() string {
				return fmt.Sprintf("one incident: the same town on the same days (as in %s)", o.c.ID)
			})
		}
		if f.target == o.order || o.target == f.order {
			m.anchor = true
			hit("tgt", o.c.ID, wTarget, func() string {
				if f.target == o.order {
					return fmt.Sprintf("%s (%s) speaks of %s, the claim before it in %s", f.c.Action, f.stance, o.c.ID, f.c.Source)
				}
				return fmt.Sprintf("%s (%s) speaks of it in %s", o.c.ID, o.stance, f.c.Source)
			})
		}
		// Claims naming no actor at all are placed only by what they tell
		// and where: the same kind of happening at the same place finer
		// than a country ("deploy, Tigray"), or in the same country when
		// one section of one text tells both; never across texts by a
		// country alone.
		if f.nActors == 0 && o.nActors == 0 && f.family == o.family && f.family != familyStance {
			sameText := f.doc == o.doc && f.section == o.section
			if shared := sharedWhere(f, o); shared != "" && (sameText || !sharedIsCountry(f, shared)) {
				m.anchor = true
				hit("bare", shared, wGeneric, func() string {
					return fmt.Sprintf("%s at %s, no actor named (as in %s)", f.family, shared, o.c.ID)
				})
			}
		}
		// Forces known only by their class, or parties, at a place the other names.
		if shared := sharedWhere(f, o); shared != "" {
			if (f.generic && intersects(f.classes, o.classes)) || (o.generic && intersects(o.classes, f.classes)) {
				m.anchor = true
				hit("g", shared, wGeneric, func() string {
					return fmt.Sprintf("forces of one kind at %s (as in %s)", shared, o.c.ID)
				})
			}
			for _, k := range f.partyKeys {
				name := f.parties[k]
				// A party ties claims about forces (Turkey sending fighters to
				// Azerbaijan), not a party's own deeds.
				if _, ok := o.parties[k]; ok && len(f.classes) > 0 && len(o.classes) > 0 {
					m.anchor = true
					hit("pt", k, wParty, func() string {
						return fmt.Sprintf("party %s at %s (as in %s)", name, shared, o.c.ID)
					})
				}
			}
		}
	}
	// Places add to the score, never tie claims alone.
	type phit struct {
		text string
		ids  []string
		w    float64
	}
	// A place reason's key is kind ('s' same role, 'r' other role, 'c'
	// within a country) and fold (and role): reasons are told in the order
	// of the keys written out, kind+":"+fold+role (placeKey.String).
	phits := map[placeKey]*phit{}
	add := func(key placeKey, text func() string, w float64, id string) {
		h := phits[key]
		if h == nil {
			h = &phit{}
			if explain {
				h.text = text()
			}
			phits[key] = h
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
					add(placeKey{'s', p.fold, p.role}, func() string { return fmt.Sprintf("place %s (%s)", p.name, p.role) }, wPlace, o.c.ID)
				case p.fold == q.fold:
					add(placeKey{'r', p.fold, ""}, func() string { return fmt.Sprintf("place %s (%s, there %s)", p.name, p.role, q.role) }, wPlace/2, o.c.ID)
				case p.kind == claim.KindCountry && p.country != "" && q.kind != claim.KindCountry && q.country == p.country:
					add(placeKey{'c', q.fold, ""}, func() string { return fmt.Sprintf("place %s within %s", q.name, p.name) }, within(p, q), o.c.ID)
				case q.kind == claim.KindCountry && q.country != "" && p.kind != claim.KindCountry && p.country == q.country:
					add(placeKey{'c', p.fold, ""}, func() string { return fmt.Sprintf("place %s within %s", p.name, q.name) }, within(p, q), o.c.ID)
				}
			}
		}
	}
	direct := false
	keys := make([]placeKey, 0, len(phits))
	for k := range phits {
		direct = direct || k.kind != 'c'
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b placeKey) int { return strings.Compare(a.String(), b.String()) })
	var inside, insideIDs []string
	for _, k := range keys {
		h := phits[k]
		m.score += h.w
		if !explain {
			continue
		}
		if k.kind == 'c' {
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
	return m
}

// mainFamily is the most common family among claims that are not stances,
// "" when all are (ties go to the family of the earliest claim).
func mainFamily(fs []*feat) string {
	count := map[string]int{}
	best, n := "", 0
	for _, f := range fs {
		if f.family == familyStance {
			continue
		}
		count[f.family]++
		if c := count[f.family]; c > n {
			best, n = f.family, c
		}
	}
	return best
}

// subjectOfFamily reports whether force key k is what the claims of
// family fam among fs are about: the subject of at least a third of them
// (mainSubject). A force one of many claims happens to name beside the
// event's own ("Armenian forces released footage of two Syrian fighters")
// is not, and does not bring in the happenings of that force (the war's
// toll among Armenian forces).
func subjectOfFamily(fs []*feat, k, fam string) bool {
	n, of := 0, 0
	for _, f := range fs {
		if f.family == fam {
			of++
			if _, ok := f.subjects[k]; ok {
				n++
			}
		}
	}
	return mainSubject(n, of)
}

// mainSubject reports whether a force that is the subject of n of an
// event's of claims of its family is what the event is about.
func mainSubject(n, of int) bool { return n > 0 && 3*n >= of }

// conflictOf says why f and others cannot be one happening: forces known
// on both sides with nothing in common, destinations in different
// countries, one-place happenings in different towns; "" when none.
func conflictOf(f *feat, others []*feat, explain bool) string {
	if len(f.strong) > 0 && disjointAll(f.strong, others, func(o *feat) map[string]bool { return o.strong }) {
		if explain {
			var theirs []string
			for _, o := range others {
				theirs = append(theirs, sortedKeys(o.strong)...)
			}
			slices.Sort(theirs)
			return fmt.Sprintf("known actors differ (%s against %s)", strings.Join(sortedKeys(f.strong), ", "), strings.Join(slices.Compact(theirs), ", "))
		}
		return "known actors differ"
	}
	// A movement into Syria is not one into Iran.
	if f.entry() && len(f.dests) > 0 && disjointAll(f.dests, others, func(o *feat) map[string]bool {
		if o.entry() {
			return o.dests
		}
		return nil
	}) {
		return "destination countries differ"
	}
	if pointFamily(f.family) && len(f.fine) > 0 && disjointAll(f.fine, others, func(o *feat) map[string]bool {
		if pointFamily(o.family) {
			return o.fine
		}
		return nil
	}) {
		return "different locations"
	}
	return ""
}

// disjointAll reports whether set shares nothing with the sets of others
// and at least one of those is not empty.
func disjointAll(set map[string]bool, others []*feat, of func(*feat) map[string]bool) bool {
	any := false
	for _, o := range others {
		t := of(o)
		if len(t) == 0 {
			continue
		}
		any = true
		if intersects(set, t) {
			return false
		}
	}
	return any
}

// incident reports two claims of a one-place happening (a strike, a
// clash) in the same town on the same days, both dated exactly: one
// incident, however differently told.
func incident(f, o *feat) bool {
	if !pointFamily(f.family) || !pointFamily(o.family) || !f.exact() || !o.exact() || !f.when.overlaps(o.when, f.slack) {
		return false
	}
	return intersects(f.towns, o.towns)
}

// exact reports a claim dated to a day or a closed range of days.
func (f *feat) exact() bool {
	if !f.when.ok || f.when.from == negInf || f.when.to == posInf || f.c.Time == nil {
		return false
	}
	switch f.c.Time.Precision {
	case claim.TimeDay, claim.TimeRange:
		return true
	}
	return false
}

// towns are the places finer than a province where a one-place happening is.
func towns(ps []pfeat) map[string]bool {
	out := map[string]bool{}
	for _, p := range ps {
		if p.fine() && p.kind != claim.KindProvince && p.where() {
			out[p.fold] = true
		}
	}
	return out
}

// placesFit reports whether f's places lie in a country the others name
// (or either names none): a claim that continues another's story stays in
// its theatre.
func placesFit(f *feat, others []*feat) bool {
	if len(f.ctry) == 0 {
		return true
	}
	return !disjointAll(f.ctry, others, func(o *feat) map[string]bool { return o.ctry })
}

func sharedIsCountry(f *feat, name string) bool {
	for _, p := range f.places {
		if p.name == name {
			return p.kind == claim.KindCountry
		}
	}
	return false
}

// sharedWhere returns a place both claims say the happening is at (a
// destination or location of each), "" when none.
func sharedWhere(f, o *feat) string {
	for _, p := range f.places {
		if !p.where() {
			continue
		}
		for _, q := range o.places {
			if q.where() && p.fold == q.fold {
				return p.name
			}
		}
	}
	return ""
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

// placeKey names a place reason of compareX and summary.match: kind
// 's' (a place shared in the same role), 'r' (in another role) or 'c' (a
// place within a country the other names), the fold, and the role for 's'.
type placeKey struct {
	kind byte
	fold string
	role claim.PlaceRole
}

// String is the key written out, kind:fold and role: the order reasons are
// told in.
func (k placeKey) String() string { return string(k.kind) + ":" + k.fold + string(k.role) }

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
