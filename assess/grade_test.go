package assess

import (
	"fmt"
	"math/rand"
	"reflect"
	"testing"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/fuse"
)

// randomEvent builds one event of n members spoken by about n/20 origins,
// drawing figures, places, actions and modalities from small pools so that
// members agree, differ and repeat each other as real relays do. Some
// origins are echoes, some claims belong to two origins or to none.
func randomEvent(r *rand.Rand, n int) (*claim.Event, []*claim.Claim, map[string]*graded, map[string][]claim.Signal) {
	units := []string{"fighters", "fighter", "soldiers", "flights", "protesters killed", "killed", "Flights"}
	quals := []string{"", "at least", "up to", "around", "about", "between", "more than"}
	places := []claim.Place{
		{Name: "Iraq", Kind: claim.KindCountry}, {Name: "Syria", Kind: claim.KindCountry},
		{Name: "Basra", Kind: claim.KindCity}, {Name: "basra", Kind: claim.KindCity}, {Name: "Qaim", Kind: claim.KindCrossing},
		{Name: "Anbar", Kind: claim.KindProvince}, {Name: "the border", Kind: claim.KindBorder}, {Name: "Mosul Airport", Kind: claim.KindAirport},
	}
	mods := []claim.Modality{claim.Asserted, claim.Asserted, claim.Asserted, claim.Hedged, claim.Unverified, claim.Denied, claim.NCND}
	acts := []claim.Action{claim.ActionDeploy, claim.ActionDeploy, claim.ActionKill, claim.ActionDeny, claim.ActionNoComment}
	nOrig := 1 + n/20
	e := &claim.Event{ID: "E1"}
	for j := 0; j < nOrig; j++ {
		o := claim.Origin{Key: fmt.Sprintf("name:o%d", j), Who: fmt.Sprintf("o%d", j), Kind: claim.SpeakerOfficial}
		o.Stance = []claim.Stance{claim.StanceSupports, claim.StanceSupports, claim.StanceDenies, claim.StanceNoComment}[r.Intn(4)]
		if j > 0 && r.Intn(5) == 0 {
			o.EchoOf = []string{e.Origins[r.Intn(j)].Key}
		}
		e.Origins = append(e.Origins, o)
	}
	gs := map[string]*graded{}
	for _, o := range e.Origins {
		gs[o.Key] = &graded{o: o, letter: string(rune('A' + r.Intn(6)))}
	}
	if nOrig > 2 {
		delete(gs, e.Origins[nOrig-1].Key) // an origin the grading does not know
	}
	signals := map[string][]claim.Signal{}
	var members []*claim.Claim
	for i := 0; i < n; i++ {
		c := &claim.Claim{ID: fmt.Sprintf("c%d", i), Action: acts[r.Intn(len(acts))], Modality: mods[r.Intn(len(mods))]}
		if i > 0 && r.Intn(50) == 0 {
			c.ID = members[r.Intn(i)].ID // the same claim twice
		}
		for q := r.Intn(3); q > 0 && r.Intn(2) == 0; q-- {
			v := float64([]int{10, 12, 50, 100, 200}[r.Intn(5)])
			c.Quantities = append(c.Quantities, claim.Quantity{Min: v, Max: v * float64(1+r.Intn(2)), Unit: units[r.Intn(len(units))],
				Qualifier: quals[r.Intn(len(quals))], Kind: []claim.QuantityKind{claim.QuantityCount, claim.QuantityCount, claim.QuantityIncrease}[r.Intn(3)]})
		}
		for p := r.Intn(3); p > 0; p-- {
			c.Places = append(c.Places, places[r.Intn(len(places))])
		}
		switch r.Intn(10) {
		case 0:
			signals[c.ID] = append(signals[c.ID], claim.Signal{Verdict: claim.Supported})
		case 1:
			signals[c.ID] = append(signals[c.ID], claim.Signal{Verdict: claim.Contradicted})
		}
		if r.Intn(15) != 0 {
			for o := 1 + r.Intn(3)/2; o > 0; o-- {
				j := r.Intn(nOrig)
				e.Origins[j].Claims = append(e.Origins[j].Claims, c.ID)
			}
		}
		members = append(members, c)
	}
	for i := 0; i < n/30; i++ {
		e.Contradictions = append(e.Contradictions, claim.Contradiction{A: members[r.Intn(n)].ID, B: members[r.Intn(n)].ID, Scope: r.Intn(2) == 0})
	}
	return e, members, gs, signals
}

// TestGradeClaimsIndexedEqualsPairwise checks the indexed grading gives the
// same grades as the pairwise reference on random events.
func TestGradeClaimsIndexedEqualsPairwise(t *testing.T) {
	r := rand.New(rand.NewSource(12))
	for trial := 0; trial < 300; trial++ {
		n := 1 + r.Intn(120)
		e, members, gs, signals := randomEvent(r, n)
		denied, backed := r.Intn(2) == 0, r.Intn(2) == 0
		got := gradeClaims(e, members, gs, signals, denied, backed)
		want := gradeClaimsPairwise(e, members, gs, signals, denied, backed)
		if !reflect.DeepEqual(got, want) {
			for i := range want {
				if i < len(got) && !reflect.DeepEqual(got[i], want[i]) {
					t.Fatalf("trial %d (n=%d), claim %s: got %+v, want %+v", trial, n, want[i].ClaimID, got[i], want[i])
				}
			}
			t.Fatalf("trial %d: %d grades, want %d", trial, len(got), len(want))
		}
	}
}

// BenchmarkGradeClaims grades one big event, indexed against the pairwise
// reference, at sizes that show how each grows.
func BenchmarkGradeClaims(b *testing.B) {
	for _, n := range []int{500, 2000, 8000} {
		e, members, gs, signals := randomEvent(rand.New(rand.NewSource(1)), n)
		b.Run(fmt.Sprintf("indexed/n=%d", n), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				gradeClaims(e, members, gs, signals, false, true)
			}
		})
		b.Run(fmt.Sprintf("pairwise/n=%d", n), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				gradeClaimsPairwise(e, members, gs, signals, false, true)
			}
		})
	}
}

// gradeClaimsPairwise is the grading as it was, comparing every member with
// every other: the reference the indexed gradeClaims must equal.
//
// It gives each member its Admiralty grade. A claim's credibility
// counts the independent origins that back its specifics: an agreeing figure
// for a claim with figures, a shared place for a claim tied to places, and
// any supporting origin otherwise; a supporting signal on the claim counts
// as one more (data) origin. 1 needs at least two.
func gradeClaimsPairwise(e *claim.Event, members []*claim.Claim, gs map[string]*graded, signals map[string][]claim.Signal, denied, eventBacked bool) []claim.ClaimGrade {
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
	var out []claim.ClaimGrade
	for _, c := range members {
		g := claim.ClaimGrade{ClaimID: c.ID, Reliability: "F"}
		own := keysOf[c.ID]
		if len(own) > 0 && gs[own[0]] != nil {
			g.Reliability = gs[own[0]].letter
		}
		st := fuse.StanceOf(c)
		k := 0 // its own origins (a claim spoken by two at once has two), echoes aside
		for _, key := range own {
			if og := gs[key]; og != nil && len(og.o.EchoOf) == 0 && og.o.Stance == st {
				k++
			}
		}
		backers := map[string]bool{}
		for _, d := range members {
			if d.ID == c.ID || fuse.StanceOf(d) != st || !backs(c, d) {
				continue
			}
			for _, key := range keysOf[d.ID] {
				if contains(own, key) || backers[key] {
					continue
				}
				og := gs[key]
				if og == nil || len(og.o.EchoOf) > 0 {
					continue
				}
				backers[key] = true
				k++
			}
		}
		credibility(&g, c, k, signals[c.ID], st, denied, realConflict[c.ID], eventBacked)
		out = append(out, g)
	}
	return out
}

// backs reports whether claim d backs the specifics of claim c.
func backs(c, d *claim.Claim) bool {
	if len(c.Quantities) > 0 {
		for _, q := range c.Quantities {
			for _, r := range d.Quantities {
				if fuse.Agree(q, r) {
					return true
				}
			}
		}
		return false
	}
	if fc := fine(c); len(fc) > 0 {
		fd := fine(d)
		for k := range fc {
			if fd[k] {
				return true
			}
		}
		return false
	}
	return true
}
