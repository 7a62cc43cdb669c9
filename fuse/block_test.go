package fuse

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"

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

// randomCase draws claims over a few texts with publication dates and
// headings, so that every join rule fires often: shared subjects (names,
// nationalities, pack umbrellas), forces known by class or parties at one
// place, speakers' accounts, claims continuing the one before, bare stances
// speaking of the claim before, incidents in one town on one day, and time
// windows from the publication date.
func randomCase(r *rand.Rand, n int) ([]claim.Claim, []claim.Source) {
	var srcs []claim.Source
	for i := range 6 {
		day := time.Date(2031, 1, 1+r.IntN(90), 0, 0, 0, 0, time.UTC)
		var text strings.Builder
		for j := range 40 {
			if r.IntN(8) == 0 {
				text.WriteString("A heading here\n")
			}
			fmt.Fprintf(&text, "Sentence %d of text %d says something about the happening in some detail.\n", j, i)
		}
		srcs = append(srcs, claim.Source{ID: int64(i + 1), Name: fmt.Sprintf("t%d.txt", i), Outlet: fmt.Sprintf("Outlet %d", i%4),
			Published: day, Text: text.String()})
	}
	actors := []claim.Actor{{Name: "Chadian fighters"}, {Name: "Eritrean troops"}, {Name: "mercenaries"}, {Name: "the men"},
		{Name: "Sudan"}, {Name: "Chad's government"}, {Name: "Kessari Front"},
		{Name: "Popular Mobilization Forces", PackID: "pmf"}, {Name: "Kataib Hezbollah", PackID: "kataib-hezbollah", Affiliation: "Popular Mobilization Forces"}}
	type pl struct{ name, country string }
	countries := []pl{{"Sudan", "SD"}, {"Chad", "TD"}, {"Libya", "LY"}}
	towns := []pl{{"Nyala", "SD"}, {"Geneina", "SD"}, {"Abeche", "TD"}, {"Kufra", "LY"}, {"Nowhere", ""}}
	roles := []claim.PlaceRole{claim.RoleDestination, claim.RoleOrigin, claim.RoleVia, claim.RoleLocation}
	speakers := []claim.Attribution{{Who: "a border official", Kind: claim.SpeakerOfficial}, {Who: "residents", Kind: claim.SpeakerAnonymous},
		{Who: "Agency X", Kind: claim.SpeakerOutlet}, {Who: "a monitor", Kind: claim.SpeakerRightsGroup}}
	var out []claim.Claim
	for i := range n {
		s := srcs[r.IntN(len(srcs))]
		start := r.IntN(len(s.Text) - 10)
		c := claim.Claim{ID: fmt.Sprintf("r%04d", i), SourceID: s.ID, Source: s.Name,
			Action: claim.Actions[r.IntN(len(claim.Actions))], Modality: claim.Asserted, Start: start, End: start + 5, Evidence: "x"}
		if r.IntN(6) == 0 {
			c.Modality = claim.Denied
		}
		for range r.IntN(3) {
			c.Actors = append(c.Actors, actors[r.IntN(len(actors))])
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
		if r.IntN(3) == 0 {
			d := 1 + r.IntN(28)
			c.Time = &claim.TimeSpan{From: fmt.Sprintf("2031-0%d-%02d", 1+r.IntN(3), d), Precision: claim.TimeDay}
		}
		if r.IntN(4) > 0 {
			c.Attribution = append(c.Attribution, speakers[r.IntN(len(speakers))])
		}
		c.Attribution = append(c.Attribution, claim.Attribution{Who: s.Outlet, Kind: claim.SpeakerOutlet})
		out = append(out, c)
	}
	return out, srcs
}

// TestBlockingChangesNothing: grouping with blocking gives exactly the
// events of comparing every claim with every cluster, on the seed case and
// on random cases dense in shared actors, places, countries, accounts and
// text context.
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
		cs, ss := randomCase(r, 20+r.IntN(200))
		check(fmt.Sprintf("random case %d", seed), cs, ss)
	}
}
