package assess

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/fuse"
	"github.com/triangulate/triangulate/knowledge"
)

// Assess grades every event of the case and returns one assessment per
// event, sorted by event id. Events must come from fuse (they carry the
// origins that decide independence); signals are matched to events through
// their ClaimID.
func Assess(cfg Config, c *claim.Case) []claim.Assessment {
	claims := map[string]*claim.Claim{}
	for i := range c.Claims {
		claims[c.Claims[i].ID] = &c.Claims[i]
	}
	signals := map[string][]claim.Signal{}
	for _, s := range c.Signals {
		if s.ClaimID != "" {
			signals[s.ClaimID] = append(signals[s.ClaimID], s)
		}
	}
	for _, ss := range signals {
		sort.Slice(ss, func(i, j int) bool { return ss[i].ID < ss[j].ID })
	}
	out := make([]claim.Assessment, 0, len(c.Events))
	for i := range c.Events {
		out = append(out, assessEvent(cfg, &c.Events[i], claims, signals))
	}
	sort.Slice(out, func(i, j int) bool { return out[i].EventID < out[j].EventID })
	return out
}

// graded is an origin with its letter and weight.
type graded struct {
	o      claim.Origin
	letter string
	why    string
	weight float64 // per speaker, modality applied
	mod    string  // the modality factor's reason, if any
}

func assessEvent(cfg Config, e *claim.Event, claims map[string]*claim.Claim, signals map[string][]claim.Signal) claim.Assessment {
	a := claim.Assessment{EventID: e.ID}
	var members []*claim.Claim
	for _, m := range e.Members {
		if c := claims[m.ClaimID]; c != nil {
			members = append(members, c)
		}
	}

	// Origins: letters, weights, stances.
	gs := map[string]*graded{}
	var supporters, deniers []*graded
	nSupport, nDeny := 0, 0
	for _, o := range e.Origins {
		l, why := Reliability(cfg, o)
		g := &graded{o: o, letter: l, why: why, weight: cfg.Evidence[l]}
		g.weight, g.mod = modalityFactor(cfg, o, claims, g.weight)
		gs[o.Key] = g
		a.Sources = append(a.Sources, claim.SourceGrade{Origin: o.Key, Who: o.Who, Kind: o.Kind, Reliability: l, Why: why})
		if len(o.EchoOf) > 0 {
			continue
		}
		switch o.Stance {
		case claim.StanceSupports:
			supporters = append(supporters, g)
			nSupport++
		case claim.StanceDenies:
			deniers = append(deniers, g)
			nDeny++
		}
	}

	// Signals on member claims.
	var sigs []claim.Signal
	for _, c := range members {
		sigs = append(sigs, signals[c.ID]...)
	}
	supportedSignal, contradicted := false, 0
	for _, s := range sigs {
		switch s.Verdict {
		case claim.Supported:
			supportedSignal = true
		case claim.Contradicted:
			contradicted++
		}
	}
	k := nSupport // independent origins behind the event, data included
	if supportedSignal {
		k++
	}

	// Status, in order of precedence.
	ncnd := noComments(members)
	allUnverified := len(supporters) > 0
	for _, c := range members {
		if fuse.StanceOf(c) == claim.StanceSupports && c.Modality != claim.Unverified {
			allUnverified = false
		}
	}
	switch {
	case nSupport == 0 && nDeny > 0:
		a.Status = claim.StatusDenied
	case nSupport > 0 && (nDeny > 0 || contradicted > 0):
		a.Status = claim.StatusContested
	case nSupport == 0 && len(ncnd) > 0:
		a.Status = claim.StatusNCND
	case nSupport == 0:
		a.Status = claim.StatusUnverifiable
	case allUnverified && !supportedSignal:
		a.Status = claim.StatusUnverifiable
	case k >= 2:
		a.Status = claim.StatusCorroborated
	default:
		a.Status = claim.StatusSingleSource
	}

	// The probability: prior log-odds plus each independent origin's weight,
	// the i-th strongest counted 1/i (agreeing sources add less each);
	// denials subtract the same way; signals add or subtract their own.
	logit := math.Log(cfg.Prior / (1 - cfg.Prior))
	sumFor := decayed(supporters)
	sumAgainst := decayed(deniers)
	logit += sumFor - sumAgainst
	var sigReasons []claim.Reason
	for _, s := range sigs {
		r := claim.Reason{SignalID: s.ID, ClaimIDs: []string{s.ClaimID}, Kind: "signal"}
		switch s.Verdict {
		case claim.Supported:
			w := cfg.SignalSupported
			if obs := observances(s); obs != "" {
				w *= cfg.ObservanceFactor
				sigReasons = append(sigReasons, claim.Reason{SignalID: s.ID, ClaimIDs: []string{s.ClaimID}, Kind: "calendar",
					Text: fmt.Sprintf("calendar: %s could also explain what %s shows; its weight is scaled by %.2g", obs, s.Subject, cfg.ObservanceFactor)})
			}
			logit += w
			r.Weight = w
			r.Text = fmt.Sprintf("data supports claim %s: %s%s", s.ClaimID, s.Summary, pvalue(s))
		case claim.Contradicted:
			logit -= cfg.SignalContradicted
			r.Weight = -cfg.SignalContradicted
			r.Text = fmt.Sprintf("data contradicts claim %s: %s%s", s.ClaimID, s.Summary, pvalue(s))
		default:
			r.Text = fmt.Sprintf("data cannot test claim %s: %s", s.ClaimID, s.Summary)
		}
		sigReasons = append([]claim.Reason{r}, sigReasons...)
	}
	p := 1 / (1 + math.Exp(-logit))
	p = math.Max(0.01, math.Min(0.99, p))
	a.Probability = math.Round(p*1000) / 1000
	band := BandOf(a.Probability)
	a.Words, a.Band = band.Words, band.Range
	a.STIXConfidence = STIXConfidence(a.Probability)
	best := "F"
	for _, g := range supporters {
		if g.letter < best {
			best = g.letter
		}
	}
	digit := Credibility(a.Probability, k)
	a.Admiralty = fmt.Sprintf("%s%d", best, digit)

	// Reasons, most decisive first.
	a.Reasons = append(a.Reasons, statusReason(a.Status, e, supporters, deniers, nSupport, nDeny, k, supportedSignal, contradicted))
	for _, g := range append(append([]*graded{}, supporters...), deniers...) {
		verb := "supports"
		if g.o.Stance == claim.StanceDenies {
			verb = "denies"
		}
		text := fmt.Sprintf("%s %s (%s%s): reliability %s, %s", display(g.o), verb, g.o.Kind, speakers(g.o), g.letter, g.why)
		if g.mod != "" {
			text += "; " + g.mod
		}
		a.Reasons = append(a.Reasons, claim.Reason{Text: text, ClaimIDs: g.o.Claims, Weight: round3(g.weight), Kind: "origin"})
	}
	for _, o := range e.Origins {
		if len(o.EchoOf) > 0 && o.Stance == claim.StanceSupports {
			a.Reasons = append(a.Reasons, claim.Reason{Kind: "echo", ClaimIDs: o.Claims,
				Text: fmt.Sprintf("%s repeats origins it relays here (%s): counted with them, not again", display(o), strings.Join(whoOf(e, o.EchoOf), "; "))})
		}
	}
	for _, c := range ncnd {
		a.Reasons = append(a.Reasons, claim.Reason{Kind: "silence", ClaimIDs: []string{c.ID},
			Text: fmt.Sprintf("neither confirmed nor denied: “%s” (%s); silence is not a denial and weighs nothing either way", c.Evidence, c.ID)})
	}
	for _, fs := range e.Figures {
		var ids []string
		for _, f := range fs.Figures {
			ids = append(ids, f.ClaimID)
		}
		a.Reasons = append(a.Reasons, claim.Reason{Kind: "figures", ClaimIDs: ids,
			Text: fmt.Sprintf("%s: low %s, high %s, conservative %s, median of origins %s; %s", fs.Unit,
				claim.FormatNumber(fs.Low), claim.FormatNumber(fs.High), claim.FormatNumber(fs.Conservative), claim.FormatNumber(fs.Median), fs.Why)})
	}
	for _, ct := range e.Contradictions {
		kind := "contradiction"
		if ct.Scope {
			kind = "scope"
		}
		a.Reasons = append(a.Reasons, claim.Reason{Kind: kind, ClaimIDs: []string{ct.A, ct.B}, Text: ct.Field + ": " + ct.Explain})
	}
	a.Reasons = append(a.Reasons, sigReasons...)
	a.Reasons = append(a.Reasons, claim.Reason{Kind: "probability", Weight: round3(logit),
		Text: fmt.Sprintf("probability %s: %s (ICD 203 band %s); Admiralty %s (reliability %s, credibility %d %s); STIX confidence %d",
			pct(a.Probability), band.Words, band.Range, a.Admiralty, best, digit, credibilityWords(digit), a.STIXConfidence)})

	a.Claims = gradeClaims(e, members, gs, signals, nDeny > 0, nSupport > 1)
	return a
}

// Reliability grades one origin: its letter and why.
func Reliability(cfg Config, o claim.Origin) (string, string) {
	name := knowledge.Fold(o.Who)
	if strings.HasPrefix(o.Key, "name:") {
		if l, ok := cfg.Sources[name]; ok {
			return l, fmt.Sprintf("%s is graded %s in the source table", o.Who, l)
		}
	} else if len(o.Via) > 0 {
		if l, ok := cfg.Sources[knowledge.Fold(o.Via[0])]; ok {
			s := stepDown(l)
			return s, fmt.Sprintf("unnamed, vetted by %s (%s): one step lower", o.Via[0], l)
		}
	}
	l := cfg.Kinds[o.Kind]
	if l == "" {
		l = "F"
	}
	return l, fmt.Sprintf("default for %s speakers not in the source table", o.Kind)
}

// modalityFactor scales an origin's weight when none of its claims here is
// put firmly.
func modalityFactor(cfg Config, o claim.Origin, claims map[string]*claim.Claim, w float64) (float64, string) {
	best := 0.0
	why := ""
	for _, id := range o.Claims {
		c := claims[id]
		if c == nil {
			continue
		}
		f, reason := 1.0, ""
		switch c.Modality {
		case claim.Hedged:
			f, reason = cfg.Hedged, "only hedged claims (reportedly, claimed)"
		case claim.Unverified:
			f, reason = cfg.Unverified, "only claims its outlet calls unverified"
		}
		if f > best {
			best, why = f, reason
		}
	}
	if best == 0 || best == 1 {
		return w, ""
	}
	return w * best, fmt.Sprintf("%s: weight × %.2g", why, best)
}

// decayed sums the weights of origins, the i-th strongest divided by i.
func decayed(gs []*graded) float64 {
	var ws []float64
	for _, g := range gs {
		ws = append(ws, g.weight)
	}
	sort.Sort(sort.Reverse(sort.Float64Slice(ws)))
	sum := 0.0
	for i, w := range ws {
		sum += w / float64(i+1)
	}
	return sum
}

func noComments(members []*claim.Claim) []*claim.Claim {
	var out []*claim.Claim
	for _, c := range members {
		if fuse.StanceOf(c) == claim.StanceNoComment {
			out = append(out, c)
		}
	}
	return out
}

func statusReason(st claim.Status, e *claim.Event, sup, den []*graded, nSup, nDen, k int, sigOK bool, contra int) claim.Reason {
	var ids []string
	var who []string
	for _, g := range sup {
		ids = append(ids, g.o.Claims...)
		who = append(who, display(g.o))
	}
	var text string
	switch st {
	case claim.StatusCorroborated:
		text = fmt.Sprintf("corroborated: %d independent origins (%s)", nSup, strings.Join(who, "; "))
		if sigOK {
			text += ", and data supports it"
		}
	case claim.StatusSingleSource:
		text = fmt.Sprintf("single source: one independent origin (%s)", strings.Join(who, "; "))
	case claim.StatusContested:
		var against []string
		for _, g := range den {
			against = append(against, display(g.o))
		}
		text = fmt.Sprintf("contested: %s (%s); %s (%s)", count(nSup, "independent origin supports it", "independent origins support it"),
			strings.Join(who, "; "), count(nDen, "origin denies it", "origins deny it"), strings.Join(against, "; "))
		if contra > 0 {
			text += "; " + count(contra, "data signal contradicts it", "data signals contradict it")
		}
	case claim.StatusDenied:
		text = fmt.Sprintf("denied: %d independent origins deny it and none supports it", nDen)
	case claim.StatusNCND:
		text = "neither confirmed nor denied: no origin supports or denies it; officials' silence is not a denial"
	case claim.StatusUnverifiable:
		text = "unverifiable: no independent origin can be traced, or every supporting claim is marked unverified and no data tests it"
	}
	for _, g := range den {
		ids = append(ids, g.o.Claims...)
	}
	text += fmt.Sprintf("; carried %d times in %d documents (echoes), %d independent", e.EchoCount, e.Documents, e.Independent)
	_ = k
	return claim.Reason{Text: text, ClaimIDs: uniqSorted(ids), Kind: "status"}
}

// credibility sets g's credibility and its reason from k, the independent
// origins backing the claim's specifics (its own and others'), the signals
// on it, and how the event stands: denied, in real conflict over it, backed
// as a whole.
func credibility(g *claim.ClaimGrade, c *claim.Claim, k int, signals []claim.Signal, st claim.Stance, denied, conflict, eventBacked bool) {
	var sigOK, sigBad bool
	for _, s := range signals {
		sigOK = sigOK || s.Verdict == claim.Supported
		sigBad = sigBad || s.Verdict == claim.Contradicted
	}
	if sigOK {
		k++
	}
	firm := c.Modality == claim.Asserted || c.Modality == claim.NCND || c.Modality == claim.Denied
	switch {
	case k == 0:
		g.Credibility, g.Why = 6, "no origin can be traced"
	case sigBad:
		g.Credibility, g.Why = 5, "data contradicts it"
	case denied && st == claim.StanceSupports:
		g.Credibility = pick(k >= 2, 3, 4)
		g.Why = fmt.Sprintf("%s, but it is denied", backedBy(k))
	case conflict:
		g.Credibility = pick(k >= 2, 2, pick(eventBacked, 3, 4))
		g.Why = fmt.Sprintf("%s; another origin's figure or place conflicts with it", backedBy(k))
	case !firm:
		g.Credibility = pick(k >= 2, 2, pick(eventBacked, 3, 4))
		g.Why = fmt.Sprintf("%s; put as %s", backedBy(k), c.Modality)
	case k >= 2:
		g.Credibility, g.Why = 1, backedBy(k)
	case eventBacked:
		g.Credibility, g.Why = 2, "one origin for its specifics; other origins back the event"
	default:
		g.Credibility, g.Why = 3, "one origin, nothing else on the subject"
	}
	g.Why = fmt.Sprintf("%s%d %s: %s", g.Reliability, g.Credibility, credibilityWords(g.Credibility), g.Why)
}

// count writes n with the singular or plural phrase: "1 origin denies it".
func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// gradeClaims gives each member its Admiralty grade. A claim's credibility
// counts the independent origins that back its specifics: an agreeing figure
// for a claim with figures, a shared place for a claim tied to places, and
// any supporting origin otherwise; a supporting signal on the claim counts
// as one more (data) origin. 1 needs at least two.
//
// The backers are found through an index of the event (backing), not by
// comparing every member with every other: the work grows with the members
// and their distinct figures and places, not with the square of the event.
func gradeClaims(e *claim.Event, members []*claim.Claim, gs map[string]*graded, signals map[string][]claim.Signal, denied, eventBacked bool) []claim.ClaimGrade {
	keysOf := map[string][]string{}
	for _, o := range e.Origins {
		for _, id := range o.Claims {
			keysOf[id] = append(keysOf[id], o.Key)
		}
	}
	realConflict := map[string]bool{}
	for _, ct := range e.Contradictions {
		if !ct.Scope {
			realConflict[ct.A], realConflict[ct.B] = true, true
		}
	}
	ix := newBacking(members, keysOf, gs)
	var out []claim.ClaimGrade
	for i, c := range members {
		g := claim.ClaimGrade{ClaimID: c.ID, Reliability: "F"}
		own := keysOf[c.ID]
		if len(own) > 0 && gs[own[0]] != nil {
			g.Reliability = gs[own[0]].letter
		}
		st := ix.stance[i]
		k := 0 // its own origins (a claim spoken by two at once has two), echoes aside
		for _, key := range own {
			if og := gs[key]; og != nil && len(og.o.EchoOf) == 0 && og.o.Stance == st {
				k++
			}
		}
		k += ix.backers(i, own)
		credibility(&g, c, k, signals[c.ID], st, denied, realConflict[c.ID], eventBacked)
		out = append(out, g)
	}
	return out
}

// backing indexes an event's members by what can back another claim's
// specifics: per stance, the independent origins (keys) behind each distinct
// figure, behind each fine place, and behind any claim at all. A claim is
// backed by the origins of the members that share its stance and agree with
// one of its figures (if it has figures), else share one of its fine places
// (if it names any), else by all of them, less its own origins. Figures are
// normalised once (fuse.FigureOf) and compared only within their unit and
// kind.
type backing struct {
	stance []claim.Stance
	qids   [][]int    // per member: ids of its distinct normalised figures
	fines  [][]string // per member: its fine places, folded and sorted
	figs   []fuse.Figure
	// per stance: keys behind all members, behind each figure id, behind
	// each fine place; the figure ids present under each unit and kind.
	all     map[claim.Stance]map[string]bool
	byQ     map[claim.Stance]map[int]map[string]bool
	byPlace map[claim.Stance]map[string]map[string]bool
	byUnit  map[claim.Stance]map[unitKind][]int
	agreed  map[claim.Stance]map[int]map[string]bool // figure id → keys behind the figures agreeing with it
	memo    map[string]map[string]bool               // a member's demand → its backers' keys
}

type unitKind struct {
	unit string
	kind claim.QuantityKind
}

// figureKey holds exactly what fuse.FigureOf reads of a quantity.
type figureKey struct {
	min, max        float64
	unit, qualifier string
	kind            claim.QuantityKind
}

func newBacking(members []*claim.Claim, keysOf map[string][]string, gs map[string]*graded) *backing {
	b := &backing{
		stance: make([]claim.Stance, len(members)), qids: make([][]int, len(members)), fines: make([][]string, len(members)),
		all: map[claim.Stance]map[string]bool{}, byQ: map[claim.Stance]map[int]map[string]bool{},
		byPlace: map[claim.Stance]map[string]map[string]bool{}, byUnit: map[claim.Stance]map[unitKind][]int{},
		agreed: map[claim.Stance]map[int]map[string]bool{}, memo: map[string]map[string]bool{},
	}
	raw := map[figureKey]int{}
	ids := map[fuse.Figure]int{}
	for i, d := range members {
		st := fuse.StanceOf(d)
		b.stance[i] = st
		for _, q := range d.Quantities {
			rk := figureKey{q.Min, q.Max, q.Unit, q.Qualifier, q.Kind}
			id, ok := raw[rk]
			if !ok {
				f := fuse.FigureOf(q)
				if id, ok = ids[f]; !ok {
					id = len(b.figs)
					ids[f] = id
					b.figs = append(b.figs, f)
				}
				raw[rk] = id
			}
			b.qids[i] = append(b.qids[i], id)
		}
		b.qids[i] = uniqInts(b.qids[i])
		for p := range fine(d) {
			b.fines[i] = append(b.fines[i], p)
		}
		sort.Strings(b.fines[i])
		var valid []string // its independent origins; echoes count with what they relay
		for _, key := range keysOf[d.ID] {
			if og := gs[key]; og != nil && len(og.o.EchoOf) == 0 {
				valid = append(valid, key)
			}
		}
		if len(valid) == 0 {
			continue
		}
		addKeys(setOf(b.all, st), valid)
		for _, id := range b.qids[i] {
			byQ := mapOf(b.byQ, st)
			if byQ[id] == nil {
				uk := unitKind{b.figs[id].Unit, b.figs[id].Kind}
				byUnit := mapOf(b.byUnit, st)
				byUnit[uk] = append(byUnit[uk], id)
			}
			addKeys(setOf(byQ, id), valid)
		}
		for _, p := range b.fines[i] {
			addKeys(setOf(mapOf(b.byPlace, st), p), valid)
		}
	}
	return b
}

// backers counts the independent origins, other than own, behind the
// members that back member i's specifics.
func (b *backing) backers(i int, own []string) int {
	set := b.backerKeys(i)
	n := len(set)
	for j, key := range own {
		if set[key] && !contains(own[:j], key) {
			n--
		}
	}
	return n
}

func (b *backing) backerKeys(i int) map[string]bool {
	st := b.stance[i]
	switch {
	case len(b.qids[i]) == 1:
		return b.agreeing(st, b.qids[i][0])
	case len(b.qids[i]) > 1:
		key := fmt.Sprint(st, "\x00q", b.qids[i])
		if set, ok := b.memo[key]; ok {
			return set
		}
		set := map[string]bool{}
		for _, q := range b.qids[i] {
			addSet(set, b.agreeing(st, q))
		}
		b.memo[key] = set
		return set
	case len(b.fines[i]) == 1:
		return b.byPlace[st][b.fines[i][0]]
	case len(b.fines[i]) > 1:
		key := string(st) + "\x00p\x00" + strings.Join(b.fines[i], "\x00")
		if set, ok := b.memo[key]; ok {
			return set
		}
		set := map[string]bool{}
		for _, p := range b.fines[i] {
			addSet(set, b.byPlace[st][p])
		}
		b.memo[key] = set
		return set
	}
	return b.all[st]
}

// agreeing is the keys behind the figures of stance st that agree with
// figure q, computed once per figure.
func (b *backing) agreeing(st claim.Stance, q int) map[string]bool {
	memo := mapOf(b.agreed, st)
	if set, ok := memo[q]; ok {
		return set
	}
	f := b.figs[q]
	set := map[string]bool{}
	for _, r := range b.byUnit[st][unitKind{f.Unit, f.Kind}] {
		if f.Agrees(b.figs[r]) {
			addSet(set, b.byQ[st][r])
		}
	}
	memo[q] = set
	return set
}

func mapOf[K comparable, V any](m map[claim.Stance]map[K]V, st claim.Stance) map[K]V {
	v := m[st]
	if v == nil {
		v = map[K]V{}
		m[st] = v
	}
	return v
}

func setOf[K comparable](m map[K]map[string]bool, k K) map[string]bool {
	s := m[k]
	if s == nil {
		s = map[string]bool{}
		m[k] = s
	}
	return s
}

func addKeys(set map[string]bool, keys []string) {
	for _, k := range keys {
		set[k] = true
	}
}

func addSet(set, from map[string]bool) {
	for k := range from {
		set[k] = true
	}
}

func uniqInts(s []int) []int {
	sort.Ints(s)
	var out []int
	for i, v := range s {
		if i == 0 || v != s[i-1] {
			out = append(out, v)
		}
	}
	return out
}

func fine(c *claim.Claim) map[string]bool {
	out := map[string]bool{}
	for _, p := range c.Places {
		switch p.Kind {
		case claim.KindCountry, claim.KindRegion, claim.KindBorder:
			continue
		}
		out[knowledge.Fold(p.Name)] = true
	}
	return out
}

func observances(s claim.Signal) string {
	v, ok := s.Details["observances"]
	if !ok || v == nil {
		return ""
	}
	switch x := v.(type) {
	case string:
		return x
	case []string:
		return strings.Join(x, ", ")
	case []any:
		var parts []string
		for _, e := range x {
			switch y := e.(type) {
			case string:
				parts = append(parts, y)
			case map[string]any:
				if n, ok := y["name"].(string); ok {
					parts = append(parts, n)
				}
			default:
				parts = append(parts, fmt.Sprint(y))
			}
		}
		return strings.Join(parts, ", ")
	}
	return fmt.Sprint(v)
}

func pvalue(s claim.Signal) string {
	if s.PValue > 0 {
		return fmt.Sprintf(" (p = %.3g)", s.PValue)
	}
	return ""
}

func display(o claim.Origin) string {
	if len(o.Via) == 0 {
		return o.Who
	}
	return o.Who + " via " + strings.Join(o.Via, " → ")
}

func speakers(o claim.Origin) string {
	if o.Speakers > 1 {
		return fmt.Sprintf(", %d speakers", o.Speakers)
	}
	return ""
}

func whoOf(e *claim.Event, keys []string) []string {
	var out []string
	for _, o := range e.Origins {
		if contains(keys, o.Key) {
			out = append(out, display(o))
		}
	}
	return out
}

func contains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

func uniqSorted(s []string) []string {
	sort.Strings(s)
	var out []string
	for i, v := range s {
		if i == 0 || v != s[i-1] {
			out = append(out, v)
		}
	}
	return out
}

func pick(cond bool, a, b int) int {
	if cond {
		return a
	}
	return b
}

func round3(f float64) float64 { return math.Round(f*1000) / 1000 }

func backedBy(k int) string {
	if k == 1 {
		return "1 independent origin backs it"
	}
	return fmt.Sprintf("%d independent origins back it", k)
}
