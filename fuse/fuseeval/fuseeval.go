// Package fuseeval scores fusion against an expected cross-source result
// (an events-gold.json of the evaluation protocol): how claims were grouped
// into events (pairwise and B-cubed F1 over matched claims), whether a
// distractor text joined a current event, whether each expected figure is
// shown in one event with the right number of independent origins, and
// whether each echo group rests on one origin.
//
// It is the Go twin of the reference scorer score_events.py (shared/eval)
// and follows its rules line by line, so that a test can hold fusion to
// floors without Python and, where Python is present, check that both
// scorers agree on the same output. Only the headline numbers are computed
// (the reference scorer's informative sections are left to it).
package fuseeval

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"sort"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/extract"
)

// GoldClaim is a gold claim in the evaluation format, as the claim scorer
// reads it.
type GoldClaim = extract.GoldClaim

// ReadClaims reads gold claims, one JSON object a line.
func ReadClaims(r io.Reader) ([]GoldClaim, error) {
	cs, err := extract.ReadGold(r)
	if err != nil {
		return nil, fmt.Errorf("fuseeval: %w", err)
	}
	return cs, nil
}

// file is the part of events-gold.json the scorer reads.
type file struct {
	Events []struct {
		ID              string                     `json:"id"`
		Claims          []string                   `json:"claims"`
		SeedLinks       []string                   `json:"seed_links"`
		RelatedTo       string                     `json:"related_to"`
		AcceptableMerge bool                       `json:"acceptable_merge"`
		Figures         map[string][]goldFigureRaw `json:"figures"`
	} `json:"events"`
	EchoGroups []struct {
		ID     string   `json:"id"`
		Claims []string `json:"claims"`
		Pairs  []struct {
			Claims []string `json:"claims"`
		} `json:"pairs"`
		SeedLinks []string `json:"seed_links"`
	} `json:"echo_groups"`
	Distractors []struct {
		Source string   `json:"source"`
		Claims []string `json:"claims"`
	} `json:"distractors"`
}

type goldFigureRaw struct {
	Value              *float64        `json:"value"`
	Min                *float64        `json:"min"`
	Max                *float64        `json:"max"`
	Claims             []string        `json:"claims"`
	IndependentOrigins json.RawMessage `json:"independent_origins"`
}

// Figure is one expected figure.
type Figure struct {
	Event, Unit, Label string
	Min, Max           float64
	Fams               map[string]bool
	Claims             []string
	Expected           int
}

// Gold is an expected result over a set of gold claims.
type Gold struct {
	claims     map[string]GoldClaim
	order      []string
	events     []goldEvent
	g          map[string][]string // claim → gold events holding it, file order
	acceptable map[[2]string]bool
	d          map[string]bool // distractor claims
	dsources   map[string]bool
	echo       []echoGroup
	Figures    []Figure
}

type goldEvent struct {
	id  string
	ids []string
}

type echoGroup struct {
	id  string
	ids []string
}

// NewGold reads an events-gold.json over the given gold claims (several
// files' claims may be passed together; seed links count only when the
// seeds' claims are among them).
func NewGold(eventsGold io.Reader, claims []GoldClaim) (*Gold, error) {
	var f file
	if err := json.NewDecoder(eventsGold).Decode(&f); err != nil {
		return nil, fmt.Errorf("fuseeval: events gold: %w", err)
	}
	g := &Gold{claims: map[string]GoldClaim{}, g: map[string][]string{}, acceptable: map[[2]string]bool{},
		d: map[string]bool{}, dsources: map[string]bool{}}
	for _, c := range claims {
		g.claims[c.ID] = c
		g.order = append(g.order, c.ID)
	}
	for _, e := range f.Events {
		var ids []string
		for _, c := range append(slices.Clone(e.Claims), e.SeedLinks...) {
			if _, ok := g.claims[c]; ok {
				ids = append(ids, c)
			}
		}
		g.events = append(g.events, goldEvent{e.ID, ids})
		for _, c := range ids {
			if !slices.Contains(g.g[c], e.ID) {
				g.g[c] = append(g.g[c], e.ID)
			}
		}
		if e.AcceptableMerge && e.RelatedTo != "" {
			g.acceptable[pairKey(e.ID, e.RelatedTo)] = true
		}
	}
	for _, d := range f.Distractors {
		g.dsources[d.Source] = true
		for _, c := range d.Claims {
			if _, ok := g.claims[c]; ok {
				g.d[c] = true
			}
		}
	}
	for _, id := range g.order {
		if g.dsources[g.claims[id].Source] {
			g.d[id] = true
		}
	}
	for _, e := range f.EchoGroups {
		ids := slices.Clone(e.Claims)
		for _, p := range e.Pairs {
			ids = append(ids, p.Claims...)
		}
		ids = append(ids, e.SeedLinks...)
		var seen []string
		for _, c := range ids {
			if _, ok := g.claims[c]; ok && !slices.Contains(seen, c) {
				seen = append(seen, c)
			}
		}
		g.echo = append(g.echo, echoGroup{e.ID, seen})
	}
	g.figures(f)
	return g, nil
}

func pairKey(a, b string) [2]string {
	if a > b {
		a, b = b, a
	}
	return [2]string{a, b}
}

func (g *Gold) qty(id string, lo, hi float64) (string, bool) {
	for _, q := range g.claims[id].Quantities {
		if q.Min == lo && q.Max == hi {
			return q.Unit, true
		}
	}
	return "", false
}

func (g *Gold) figures(f file) {
	egOf := map[string][]string{}
	egIDs := map[string][]string{}
	for _, e := range g.echo {
		egIDs[e.id] = e.ids
		for _, c := range e.ids {
			egOf[c] = append(egOf[c], e.id)
		}
	}
	for _, e := range f.Events {
		units := make([]string, 0, len(e.Figures))
		for u := range e.Figures {
			units = append(units, u)
		}
		sort.Strings(units)
		for _, unit := range units {
			for _, raw := range e.Figures[unit] {
				var lo, hi float64
				switch {
				case raw.Value != nil:
					lo, hi = *raw.Value, *raw.Value
				case raw.Min != nil && raw.Max != nil:
					lo, hi = *raw.Min, *raw.Max
				}
				var ids []string
				for _, c := range raw.Claims {
					if _, ok := g.claims[c]; ok {
						ids = append(ids, c)
					}
				}
				fams := map[string]bool{}
				for _, c := range ids {
					if u, ok := g.qty(c, lo, hi); ok {
						fams[UnitFamily(u)] = true
					}
				}
				if len(fams) == 0 {
					fams[UnitFamily(unit)] = true
				}
				for _, c := range slices.Clone(ids) {
					for _, gid := range egOf[c] {
						for _, o := range egIDs[gid] {
							if u, ok := g.qty(o, lo, hi); ok && !slices.Contains(ids, o) && fams[UnitFamily(u)] {
								ids = append(ids, o)
							}
						}
					}
				}
				exp := 1
				var n int
				if json.Unmarshal(raw.IndependentOrigins, &n) == nil && len(raw.IndependentOrigins) > 0 {
					exp = n
				}
				label := fmt.Sprintf("%s %s %g", e.ID, unit, lo)
				if lo != hi {
					label = fmt.Sprintf("%s %s %g-%g", e.ID, unit, lo, hi)
				}
				g.Figures = append(g.Figures, Figure{Event: e.ID, Unit: unit, Label: label, Min: lo, Max: hi, Fams: fams, Claims: ids, Expected: exp})
			}
		}
	}
}

// pevent is a predicted event as the scorer sees it.
type pevent struct {
	id      string
	members []string
	rows    []row
	origins map[string]*porigin
	okeys   []string // origin keys in the event's order
}

type porigin struct {
	claims map[string]bool
	echoOf []string
}

type row struct {
	claimID  string
	fam      string
	min, max float64
	keys     []string
	set      int
}

func fromEvent(e claim.Event) *pevent {
	p := &pevent{id: e.ID, origins: map[string]*porigin{}}
	for _, m := range e.Members {
		p.members = append(p.members, m.ClaimID)
	}
	for _, o := range e.Origins {
		po := &porigin{claims: map[string]bool{}, echoOf: o.EchoOf}
		for _, c := range o.Claims {
			po.claims[c] = true
		}
		if _, dup := p.origins[o.Key]; !dup {
			p.okeys = append(p.okeys, o.Key)
		}
		p.origins[o.Key] = po
	}
	for si, fs := range e.Figures {
		for _, f := range fs.Figures {
			var keys []string
			if f.OriginKey != "" {
				keys = []string{f.OriginKey}
			} else if ks := p.claimKeys(f.ClaimID); len(ks) > 0 {
				keys = ks[:1]
			}
			unit := f.Quantity.Unit
			if unit == "" {
				unit = fs.Unit
			}
			p.rows = append(p.rows, row{claimID: f.ClaimID, fam: UnitFamily(unit), min: f.Quantity.Min, max: f.Quantity.Max, keys: keys, set: si})
		}
	}
	return p
}

func (p *pevent) claimKeys(id string) []string {
	var out []string
	for _, k := range p.okeys {
		if p.origins[k].claims[id] {
			out = append(out, k)
		}
	}
	return out
}

func (p *pevent) roots(key string, seen []string) map[string]bool {
	o := p.origins[key]
	if o == nil || len(o.echoOf) == 0 {
		return map[string]bool{key: true}
	}
	out := map[string]bool{}
	for _, k := range o.echoOf {
		if k != key && !slices.Contains(seen, k) {
			for r := range p.roots(k, append(slices.Clone(seen), key)) {
				out[r] = true
			}
		}
	}
	if len(out) == 0 {
		out[key] = true
	}
	return out
}

func (p *pevent) isEcho(k string) bool {
	o := p.origins[k]
	return o != nil && len(o.echoOf) > 0
}

func (p *pevent) kept(r *row) bool {
	echo := false
	for _, k := range r.keys {
		echo = echo || p.isEcho(k)
	}
	if !echo {
		return true
	}
	for i := range p.rows {
		o := &p.rows[i]
		if o == r || o.set != r.set {
			continue
		}
		oEcho := false
		for _, k := range o.keys {
			oEcho = oEcho || p.isEcho(k)
		}
		if !oEcho && !sameSet(o.keys, r.keys) {
			return false
		}
	}
	return true
}

func sameSet(a, b []string) bool {
	x, y := slices.Clone(a), slices.Clone(b)
	slices.Sort(x)
	slices.Sort(y)
	return slices.Equal(slices.Compact(x), slices.Compact(y))
}

// Result holds the headline numbers (the fields of score_events.py's --json
// output of the same names).
type Result struct {
	Gold, Pred, Matched       int
	Scorable                  int
	TP, FP, FN                int
	P, R, F1                  float64
	B3P, B3R, B3F1            float64
	DistractorPairs           int
	DistractorEvents          int
	Figures, FiguresShown     int
	FiguresCountOK, FiguresOK int
	EchoOK, EchoN             int
	// Lines describes each figure and echo group, for a test to print.
	Lines []string
}

// Summary is the reference scorer's summary line (without its informative
// event counts).
func (r Result) Summary() string {
	return fmt.Sprintf("events: matched %d/%d; pairwise P %.3f R %.3f F1 %.3f; B3 F1 %.3f; distractor %d pairs/%d events; "+
		"figures shown %d/%d origins-right %d/%d fully-right %d/%d; echo groups one-origin %d/%d",
		r.Matched, r.Gold, r.P, r.R, r.F1, r.B3F1, r.DistractorPairs, r.DistractorEvents,
		r.FiguresShown, r.Figures, r.FiguresCountOK, r.Figures, r.FiguresOK, r.Figures, r.EchoOK, r.EchoN)
}

const (
	must = iota + 1
	may
	cannot
)

// Score scores predicted claims and the events fusion made of them.
// Membership is read from the events; a claim in none is an event of its own.
func Score(g *Gold, pred []claim.Claim, events []claim.Event) Result {
	res := Result{Gold: len(g.claims), Pred: len(pred)}
	srcs := map[string]bool{}
	for _, id := range g.order {
		srcs[g.claims[id].Source] = true
	}
	var cand []claim.Claim
	byID := map[string]claim.Claim{}
	for _, p := range pred {
		byID[p.ID] = p
		if srcs[p.Source] {
			cand = append(cand, p)
		}
	}
	m := g.match(cand)
	res.Matched = len(m)
	pev := map[string]*pevent{}
	evOf := map[string]string{}
	for _, p := range pred {
		evOf[p.ID] = p.EventID
	}
	for _, e := range events {
		pe := fromEvent(e)
		pev[e.ID] = pe
		for _, c := range pe.members {
			if _, ok := byID[c]; ok {
				evOf[c] = e.ID
			}
		}
	}
	for c, e := range evOf {
		if e == "" {
			evOf[c] = "(none)" + c
		}
	}
	var items []string
	for _, id := range g.order {
		if _, ok := m[id]; ok && (len(g.g[id]) > 0 || g.d[id]) {
			items = append(items, id)
		}
	}
	res.Scorable = len(items)
	cluster := map[string]string{}
	for gid, pid := range m {
		cluster[gid] = evOf[pid]
	}
	prim := g.primaries(items, cluster)
	rel := map[[2]string]int{}
	for i, a := range items {
		for _, b := range items[i+1:] {
			r := g.relation(a, b, prim)
			rel[[2]string{a, b}], rel[[2]string{b, a}] = r, r
			same := cluster[a] == cluster[b]
			switch {
			case r == must && same:
				res.TP++
			case r == cannot && same:
				res.FP++
			case r == must && !same:
				res.FN++
			}
		}
	}
	var sp, sr float64
	for _, a := range items {
		both, same, mustN := 1, 1, 1
		for _, b := range items {
			if b == a {
				continue
			}
			r := rel[[2]string{a, b}]
			if r == may {
				continue
			}
			s := cluster[a] == cluster[b]
			if s {
				same++
			}
			if r == must {
				mustN++
				if s {
					both++
				}
			}
		}
		sp += float64(both) / float64(same)
		sr += float64(both) / float64(mustN)
	}
	res.P, res.R, res.F1 = prf(res.TP, res.FP, res.FN)
	if len(items) > 0 {
		res.B3P, res.B3R = sp/float64(len(items)), sr/float64(len(items))
	}
	if res.B3P+res.B3R > 0 {
		res.B3F1 = 2 * res.B3P * res.B3R / (res.B3P + res.B3R)
	}

	// The program event of each gold event.
	mainOf := map[string]string{}
	for _, e := range g.events {
		own, all := map[string]int{}, map[string]int{}
		for _, c := range e.ids {
			if _, ok := m[c]; !ok {
				continue
			}
			all[cluster[c]]++
			if prim[c] == e.id {
				own[cluster[c]]++
			}
		}
		if len(own) == 0 {
			own = all
		}
		if best, ok := argmax(own, nil); ok {
			mainOf[e.id] = best
		}
	}

	// Distractor.
	for _, a := range g.order {
		if _, ok := m[a]; !ok || !g.d[a] {
			continue
		}
		for b := range m {
			if !g.d[b] && !g.dsources[g.claims[b].Source] && cluster[a] == cluster[b] {
				res.DistractorPairs++
			}
		}
	}
	evMembers := map[string][]string{}
	for c, e := range evOf {
		evMembers[e] = append(evMembers[e], c)
	}
	for e, fromClaims := range evMembers {
		var mem []string
		if pe := pev[e]; pe != nil {
			for _, c := range pe.members {
				if _, ok := byID[c]; ok {
					mem = append(mem, c)
				}
			}
		}
		if len(mem) == 0 {
			mem = fromClaims
		}
		ds, others := false, false
		for _, c := range mem {
			if g.dsources[byID[c].Source] {
				ds = true
			} else {
				others = true
			}
		}
		if ds && others {
			res.DistractorEvents++
		}
	}

	// Figures.
	res.Figures = len(g.Figures)
	for _, f := range g.Figures {
		cnt := map[string]int{}
		for _, c := range f.Claims {
			if _, ok := m[c]; ok {
				cnt[cluster[c]]++
			}
		}
		if len(cnt) == 0 {
			res.Lines = append(res.Lines, fmt.Sprintf("figure %-28s 0/%d claims matched", f.Label, len(f.Claims)))
			continue
		}
		e, _ := argmax(cnt, func(e string) bool { return e != mainOf[f.Event] })
		pe := pev[e]
		var rows []*row
		if pe != nil {
			for i := range pe.rows {
				x := &pe.rows[i]
				if f.Fams[x.fam] && x.min == f.Min && x.max == f.Max {
					rows = append(rows, x)
				}
			}
		}
		counted := map[string]bool{}
		for _, x := range rows {
			if pe.kept(x) {
				for _, k := range x.keys {
					counted[k] = true
				}
			}
		}
		shown := len(rows) > 0
		ok := shown && len(counted) == f.Expected && len(cnt) == 1
		if shown {
			res.FiguresShown++
			if len(counted) == f.Expected {
				res.FiguresCountOK++
			}
		}
		if ok {
			res.FiguresOK++
		}
		res.Lines = append(res.Lines, fmt.Sprintf("figure %-28s in %d event(s); shown %v; origins %d vs %d -> %s",
			f.Label, len(cnt), shown, len(counted), f.Expected, okWord(ok)))
	}

	// Echo groups.
	for _, eg := range g.echo {
		var mids []string
		for _, c := range eg.ids {
			if _, ok := m[c]; ok {
				mids = append(mids, c)
			}
		}
		if len(mids) < 2 {
			continue
		}
		keys := map[string]bool{}
		evs := map[string]bool{}
		for _, c := range mids {
			evs[cluster[c]] = true
			pe := pev[cluster[c]]
			if pe == nil {
				continue
			}
			for _, k := range pe.claimKeys(m[c]) {
				for r := range pe.roots(k, nil) {
					keys[r] = true
				}
			}
		}
		res.EchoN++
		ok := len(keys) == 1
		if ok {
			res.EchoOK++
		}
		ks := make([]string, 0, len(keys))
		for k := range keys {
			ks = append(ks, k)
		}
		sort.Strings(ks)
		res.Lines = append(res.Lines, fmt.Sprintf("echo %-5s %d claims in %d event(s): origins %d %v -> %s", eg.id, len(mids), len(evs), len(keys), ks, okWord(ok)))
	}
	return res
}

func okWord(ok bool) string {
	if ok {
		return "ok"
	}
	return "WRONG"
}

// argmax returns the key with the highest count; ties go to keys for which
// demote is false, then to the smaller key.
func argmax(cnt map[string]int, demote func(string) bool) (string, bool) {
	keys := make([]string, 0, len(cnt))
	for k := range cnt {
		keys = append(keys, k)
	}
	if len(keys) == 0 {
		return "", false
	}
	slices.SortFunc(keys, func(a, b string) int {
		if c := cmp.Compare(cnt[b], cnt[a]); c != 0 {
			return c
		}
		if demote != nil {
			if c := cmp.Compare(b2i(demote(a)), b2i(demote(b))); c != 0 {
				return c
			}
		}
		return cmp.Compare(a, b)
	})
	return keys[0], true
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func prf(tp, fp, fn int) (p, r, f float64) {
	if tp+fp > 0 {
		p = float64(tp) / float64(tp+fp)
	}
	if tp+fn > 0 {
		r = float64(tp) / float64(tp+fn)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return p, r, f
}

// match pairs gold and predicted claims as score_claims.py does: spans in
// one source overlapping by at least half of the shorter, greedy by
// overlap, one to one. It returns gold id → predicted id.
func (g *Gold) match(pred []claim.Claim) map[string]string {
	type cand struct {
		ov     float64
		gi, pi int
	}
	var cs []cand
	for gi, id := range g.order {
		gc := g.claims[id]
		for pi, p := range pred {
			if ov := overlap(gc, p); ov > 0 {
				cs = append(cs, cand{ov, gi, pi})
			}
		}
	}
	// Python sorts (overlap, gi, pi) tuples in reverse.
	slices.SortFunc(cs, func(a, b cand) int {
		return cmp.Or(cmp.Compare(b.ov, a.ov), cmp.Compare(b.gi, a.gi), cmp.Compare(b.pi, a.pi))
	})
	gdone, pdone := map[int]bool{}, map[int]bool{}
	out := map[string]string{}
	for _, c := range cs {
		if c.ov < 0.5 {
			break
		}
		if gdone[c.gi] || pdone[c.pi] {
			continue
		}
		gdone[c.gi], pdone[c.pi] = true, true
		out[g.order[c.gi]] = pred[c.pi].ID
	}
	return out
}

func overlap(g GoldClaim, p claim.Claim) float64 {
	if g.Source != p.Source {
		return 0
	}
	inter := min(g.End, p.End) - max(g.Start, p.Start)
	shorter := max(1, min(g.End-g.Start, p.End-p.Start))
	if inter <= 0 {
		return 0
	}
	return float64(inter) / float64(shorter)
}

func (g *Gold) primaries(items []string, cluster map[string]string) map[string]string {
	prim := map[string]string{}
	for _, a := range items {
		ga := g.g[a]
		if len(ga) <= 1 {
			if len(ga) == 1 {
				prim[a] = ga[0]
			}
			continue
		}
		best, bestN := ga[0], -1
		for _, eid := range ga {
			n := 0
			for _, b := range items {
				if b != a && slices.Contains(g.g[b], eid) && cluster[b] == cluster[a] {
					n++
				}
			}
			if n > bestN {
				best, bestN = eid, n
			}
		}
		prim[a] = best
	}
	return prim
}

func (g *Gold) relation(a, b string, prim map[string]string) int {
	ga, gb := g.g[a], g.g[b]
	if len(ga) > 0 && len(gb) > 0 {
		for _, x := range ga {
			if slices.Contains(gb, x) {
				if slices.Contains(gb, prim[a]) && slices.Contains(ga, prim[b]) {
					return must
				}
				return may
			}
		}
		for _, x := range ga {
			for _, y := range gb {
				if g.acceptable[pairKey(x, y)] {
					return may
				}
			}
		}
		return cannot
	}
	if g.d[a] && g.d[b] {
		return may
	}
	return cannot
}

// UnitFamily is score_claims.py's unit family, which score_events.py
// imports: the claim scorer's twin in extract is the one definition.
func UnitFamily(u string) string { return extract.ScoreUnitFamily(u) }
