package fuse

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/fuse/fusetest"
)

// randomClaims draws n claims over a small vocabulary, so that actors,
// places (countries and towns in them, in every role), times and actions
// collide often: the cases where blocking could wrongly skip a cluster.
func randomClaims(r *rand.Rand, n int) []claim.Claim {
	actors := []string{"PMF", "Kataib Hezbollah", "IRGC", "Badr Organization", "Kurdish fighters", "police"}
	type pl struct{ name, country string }
	countries := []pl{{"Iran", "IR"}, {"Iraq", "IQ"}, {"Syria", "SY"}}
	towns := []pl{{"Mehran", "IR"}, {"Ilam", "IR"}, {"Tehran", "IR"}, {"Najaf", "IQ"}, {"Basra", "IQ"}, {"Deir ez-Zor", "SY"}, {"Nowhere", ""}}
	roles := []claim.PlaceRole{claim.RoleDestination, claim.RoleOrigin, claim.RoleVia, claim.RoleLocation}
	var out []claim.Claim
	for i := range n {
		c := claim.Claim{ID: fmt.Sprintf("r%04d", i), SourceID: int64(1 + r.IntN(8)), Source: fmt.Sprintf("doc%d", i%8),
			Action: claim.Actions[r.IntN(len(claim.Actions))], Modality: claim.Asserted, Start: i, End: i + 5, Evidence: "x"}
		for range r.IntN(3) {
			c.Actors = append(c.Actors, claim.Actor{Name: actors[r.IntN(len(actors))]})
		}
		for range r.IntN(3) {
			p := claim.Place{Role: roles[r.IntN(len(roles))]}
			if r.IntN(2) == 0 {
				q := countries[r.IntN(len(countries))]
				p.Name, p.Country, p.Kind = q.name, q.country, claim.KindCountry
			} else {
				q := towns[r.IntN(len(towns))]
				p.Name, p.Country, p.Kind = q.name, q.country, claim.KindCity
			}
			c.Places = append(c.Places, p)
		}
		if r.IntN(3) > 0 {
			d := 1 + r.IntN(20)
			c.Time = &claim.TimeSpan{From: claim.Date(fmt.Sprintf("2026-01-%02d", d)), Precision: claim.TimeDay}
		}
		c.Attribution = []claim.Attribution{{Who: fmt.Sprintf("source %d", r.IntN(5)), Kind: claim.SourceKind("anonymous")}}
		out = append(out, c)
	}
	return out
}

// TestBlockingChangesNothing: grouping with blocking gives exactly the
// events of comparing every claim with every cluster, on the seed case and
// on random cases dense in shared actors, places and countries.
func TestBlockingChangesNothing(t *testing.T) {
	check := func(name string, cs []claim.Claim, ss []claim.Source) {
		t.Helper()
		got := Options{}.Group(cs, ss, nil)
		want := Options{exhaustive: true}.Group(cs, ss, nil)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: blocking changed the events: %d vs %d exhaustive", name, len(got), len(want))
		}
	}
	cs, ss := fusetest.Gold(t)
	check("seed", cs, ss)
	for seed := range uint64(30) {
		r := rand.New(rand.NewPCG(seed, 7))
		check(fmt.Sprintf("random %d", seed), randomClaims(r, 20+r.IntN(200)), nil)
	}
}
