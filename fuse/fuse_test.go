package fuse_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/fuse"
	"github.com/triangulate/triangulate/fuse/fusetest"
)

// eventOf returns the event holding claim id.
func eventOf(t *testing.T, evs []claim.Event, id string) claim.Event {
	t.Helper()
	for _, e := range evs {
		for _, m := range e.Members {
			if m.ClaimID == id {
				return e
			}
		}
	}
	t.Fatalf("claim %s is in no event", id)
	return claim.Event{}
}

func memberIDs(e claim.Event) []string {
	var ids []string
	for _, m := range e.Members {
		ids = append(ids, m.ClaimID)
	}
	return ids
}

func TestSeedDeployEventMembers(t *testing.T) {
	cs, ss := fusetest.Gold(t)
	evs := fuse.Group(cs, ss, nil)
	deploy := eventOf(t, evs, "003-23")
	ids := memberIDs(deploy)
	// Paraphrases of the one movement across both outlets, however few words they share.
	for _, id := range []string{"000-01", "000-03", "000-04", "000-05", "000-06", "000-07", "000-10",
		"003-22", "003-23", "003-24", "003-25", "000-20", "000-21"} {
		if !slices.Contains(ids, id) {
			t.Errorf("deploy event lacks %s; members %v", id, ids)
		}
	}
	// Other happenings stay apart: the US carrier group, the Kurdish attempt,
	// the crackdown's toll, the flight counts, and Tasnim's armed groups
	// from Iraq, which the text tells in its section on Kurdish separatists.
	for _, id := range []string{"003-33", "003-28", "003-34", "000-14", "003-30"} {
		if slices.Contains(ids, id) {
			t.Errorf("deploy event wrongly holds %s", id)
		}
	}
	for _, m := range deploy.Members {
		if len(m.Reasons) < 2 {
			t.Errorf("member %s has no matched fields: %v", m.ClaimID, m.Reasons)
		}
	}
	if deploy.Action != claim.ActionDeploy || !strings.Contains(deploy.Title, "Popular Mobilization Forces") {
		t.Errorf("title %q action %s", deploy.Title, deploy.Action)
	}
}

func TestSeedFighterFigures(t *testing.T) {
	cs, ss := fusetest.Gold(t)
	deploy := eventOf(t, fuse.Group(cs, ss, nil), "003-23")
	var fighters *claim.FigureSet
	for i := range deploy.Figures {
		if deploy.Figures[i].Unit == "fighters" {
			fighters = &deploy.Figures[i]
		}
	}
	if fighters == nil {
		t.Fatalf("no fighters figure set in %+v", deploy.Figures)
	}
	want := []struct {
		value   float64
		claimID string
		origin  []string // words the origin must name
	}{
		{2000, "000-06", []string{"one source", "The Amargi"}},
		{5000, "003-23", []string{"Iraqi security source", "CNN"}},
		{800, "003-24", []string{"European military source", "CNN"}},
	}
	if len(fighters.Figures) != len(want) {
		t.Fatalf("figures %+v, want %d", fighters.Figures, len(want))
	}
	for _, w := range want {
		i := slices.IndexFunc(fighters.Figures, func(f claim.Figure) bool { return f.ClaimID == w.claimID })
		if i < 0 {
			t.Errorf("figure of %s missing", w.claimID)
			continue
		}
		f := fighters.Figures[i]
		if f.Quantity.Min != w.value {
			t.Errorf("%s: value %v, want %v", w.claimID, f.Quantity.Min, w.value)
		}
		for _, s := range w.origin {
			if !strings.Contains(f.Origin, s) {
				t.Errorf("%s: origin %q lacks %q", w.claimID, f.Origin, s)
			}
		}
	}
	if fighters.Low != 800 || fighters.High != 5000 || fighters.Conservative != 800 {
		t.Errorf("low %v high %v conservative %v, want 800 5000 800", fighters.Low, fighters.High, fighters.Conservative)
	}
	if fighters.Median != 2000 {
		t.Errorf("median of three origins %v, want 2000", fighters.Median)
	}
	if !strings.Contains(fighters.Why, "range stays open") || !strings.Contains(strings.ToLower(fighters.Why), "different scope") {
		t.Errorf("why does not say why the range is open: %s", fighters.Why)
	}
	// 800 from three provinces and 5,000 through two crossings: different scope.
	found := false
	for _, c := range deploy.Contradictions {
		if c.Field == "quantity" && pair(c, "003-23", "003-24") {
			found = true
			if !c.Scope {
				t.Errorf("5,000 via Shaib/Zurbatiya vs 800 from Diyala/Maysan/Basra flagged as a conflict: %s", c.Explain)
			}
			if c.ASpan.Text == "" || c.BSpan.Text == "" {
				t.Errorf("contradiction lacks spans: %+v", c)
			}
		}
	}
	if !found {
		t.Error("no quantity entry between 003-23 and 003-24")
	}
}

func pair(c claim.Contradiction, a, b string) bool {
	return (c.A == a && c.B == b) || (c.A == b && c.B == a)
}

func TestSeedCrossingsAndDates(t *testing.T) {
	cs, ss := fusetest.Gold(t)
	deploy := eventOf(t, fuse.Group(cs, ss, nil), "003-23")
	crossings := map[string][]string{}
	for _, p := range deploy.Places {
		if p.Kind == claim.KindCrossing {
			for _, m := range p.Mentions {
				if m.Origin == "" || m.Span.Text != p.Name {
					t.Errorf("crossing %s mention %+v lacks who or span", p.Name, m)
				}
				crossings[p.Name] = append(crossings[p.Name], m.ClaimID)
			}
		}
	}
	for name, id := range map[string]string{"Khosravi": "000-05", "Mehran": "000-07", "Shaib": "003-23", "Zurbatiya": "003-23"} {
		if !slices.Contains(crossings[name], id) {
			t.Errorf("crossing %s from %s missing: %v", name, id, crossings)
		}
	}
	if len(crossings) != 4 {
		t.Errorf("crossings %v, want exactly the four", crossings)
	}
	if deploy.From != "2026-01-04" || deploy.To != "" {
		t.Errorf("window %q..%q, want 2026-01-04 open-ended", deploy.From, deploy.To)
	}
	var times []string
	for _, tm := range deploy.Times {
		if !strings.Contains(tm.Origin, "The Amargi") {
			t.Errorf("time %+v lacks who said it", tm)
		}
		times = append(times, tm.ClaimID)
	}
	if !slices.Equal(times, []string{"000-03", "000-04"}) {
		t.Errorf("times from %v, want 000-03 and 000-04", times)
	}
}

func TestSeedIndependence(t *testing.T) {
	cs, ss := fusetest.Gold(t)
	deploy := eventOf(t, fuse.Group(cs, ss, nil), "003-23")
	if deploy.Independent > deploy.EchoCount {
		t.Errorf("independent %d > echo count %d", deploy.Independent, deploy.EchoCount)
	}
	if deploy.Documents != 2 {
		t.Errorf("documents %d, want 2", deploy.Documents)
	}
	byKey := map[string]claim.Origin{}
	counted := 0
	for _, o := range deploy.Origins {
		byKey[o.Key] = o
		if o.Stance == claim.StanceSupports && len(o.EchoOf) == 0 {
			counted++
		}
	}
	if counted != deploy.Independent {
		t.Errorf("independent %d, but %d counted origins listed", deploy.Independent, counted)
	}
	// CNN's own report (000-10, via The Amargi) repeats the two sources CNN
	// relays (003-22..24 via TFI Global): it must not count again.
	cnn := findOrigin(deploy.Origins, func(o claim.Origin) bool { return o.Who == "CNN" })
	if cnn == nil || len(cnn.EchoOf) != 2 {
		t.Fatalf("CNN's own report not folded into the sources it relays: %+v", cnn)
	}
	// Each CNN-relayed source is one origin, however many claims cite it.
	for _, who := range []string{"an Iraqi security source", "a European military source"} {
		n := 0
		for _, o := range deploy.Origins {
			if o.Who == who {
				n++
				if len(o.Claims) < 2 || !slices.Contains(o.Via, "CNN") {
					t.Errorf("%s: claims %v via %v", who, o.Claims, o.Via)
				}
			}
		}
		if n != 1 {
			t.Errorf("%s appears as %d origins, want 1", who, n)
		}
	}
	// The officials' silence is not an origin that supports or denies.
	amargi := findOrigin(deploy.Origins, func(o claim.Origin) bool { return slices.Contains(o.Claims, "000-21") })
	if amargi == nil || amargi.Stance != claim.StanceNoComment {
		t.Errorf("000-21's origin %+v, want stance no-comment", amargi)
	}
	for _, c := range deploy.Contradictions {
		if c.Field == "denial" {
			t.Errorf("silence listed as a denial: %+v", c)
		}
	}
}

func findOrigin(os []claim.Origin, f func(claim.Origin) bool) *claim.Origin {
	for i := range os {
		if f(os[i]) {
			return &os[i]
		}
	}
	return nil
}

// mk builds a claim: chain lists who/kind pairs, first to last.
func mk(id string, src int64, action claim.Action, actors []string, places []claim.Place, chain ...string) claim.Claim {
	c := claim.Claim{ID: id, SourceID: src, Source: "doc" + string(rune('0'+src)), Start: len(id), End: len(id) + 10,
		Evidence: "evidence " + id, Action: action, Modality: claim.Asserted}
	for _, a := range actors {
		c.Actors = append(c.Actors, claim.Actor{Name: a})
	}
	c.Places = places
	for i := 0; i+1 < len(chain); i += 2 {
		c.Attribution = append(c.Attribution, claim.Attribution{Who: chain[i], Kind: claim.SourceKind(chain[i+1])})
	}
	return c
}

func dest(name, country string) claim.Place {
	return claim.Place{Name: name, Role: claim.RoleDestination, Kind: claim.KindCountry, Country: country}
}

func via(name string) claim.Place {
	return claim.Place{Name: name, Role: claim.RoleVia, Kind: claim.KindCrossing, Country: "IR"}
}

func fighters(c claim.Claim, n float64) claim.Claim {
	c.Quantities = []claim.Quantity{{Min: n, Max: n, Unit: "fighters", Kind: claim.QuantityCount}}
	return c
}

func TestIndependenceRules(t *testing.T) {
	tests := []struct {
		name        string
		claims      []claim.Claim
		independent int
		echo        int
		speakers    map[string]int // origin who → speakers
	}{
		{
			name: "one anonymous source relayed by CNN through two outlets is one origin",
			claims: []claim.Claim{
				mk("a", 1, claim.ActionDeploy, []string{"militias"}, []claim.Place{dest("Iran", "IR")}, "an Iraqi security source", "anonymous", "CNN", "outlet", "TFI Global", "outlet"),
				mk("b", 2, claim.ActionDeploy, []string{"militias"}, []claim.Place{dest("Iran", "IR")}, "an Iraqi security source", "anonymous", "CNN", "outlet", "Other Daily", "outlet"),
			},
			independent: 1, echo: 2,
		},
		{
			name: "the same words at two different outlets are two origins",
			claims: []claim.Claim{
				mk("a", 1, claim.ActionDeploy, []string{"militias"}, []claim.Place{dest("Iran", "IR")}, "a security source", "anonymous", "Outlet One", "outlet"),
				mk("b", 2, claim.ActionDeploy, []string{"militias"}, []claim.Place{dest("Iran", "IR")}, "a security source", "anonymous", "Outlet Two", "outlet"),
			},
			independent: 2, echo: 2,
		},
		{
			name: "one source and another source at one outlet: one origin, two speakers",
			claims: []claim.Claim{
				mk("a", 1, claim.ActionDeploy, []string{"militias"}, []claim.Place{dest("Iran", "IR")}, "one source", "anonymous", "Outlet One", "outlet"),
				mk("b", 1, claim.ActionDeploy, []string{"militias"}, []claim.Place{dest("Iran", "IR")}, "another source", "anonymous", "Outlet One", "outlet"),
			},
			independent: 1, echo: 1, speakers: map[string]int{"one source": 2},
		},
		{
			name: "differently described sources at one outlet are two origins",
			claims: []claim.Claim{
				mk("a", 1, claim.ActionDeploy, []string{"militias"}, []claim.Place{dest("Iran", "IR")}, "a European military source", "anonymous", "CNN", "outlet"),
				mk("b", 1, claim.ActionDeploy, []string{"militias"}, []claim.Place{dest("Iran", "IR")}, "an Iraqi security source", "anonymous", "CNN", "outlet"),
			},
			independent: 2, echo: 2,
		},
		{
			name: "an outlet repeating Reuters counts with Reuters' source",
			claims: []claim.Claim{
				mk("a", 1, claim.ActionDeploy, []string{"militias"}, []claim.Place{dest("Iran", "IR")}, "Reuters", "outlet", "Outlet One", "outlet"),
				mk("b", 2, claim.ActionDeploy, []string{"militias"}, []claim.Place{dest("Iran", "IR")}, "a senior official", "official", "Reuters", "outlet", "Outlet Two", "outlet"),
			},
			independent: 1, echo: 2,
		},
		{
			name: "a body's spokesperson speaks for it, with or without its country",
			claims: []claim.Claim{
				mk("a", 1, claim.ActionDeploy, []string{"militias"}, []claim.Place{dest("Iran", "IR")}, "State Department spokesperson", "official", "Outlet One", "outlet"),
				mk("b", 2, claim.ActionDeploy, []string{"militias"}, []claim.Place{dest("Iran", "IR")}, "US State Department", "official", "Outlet Two", "outlet"),
			},
			independent: 1, echo: 2,
		},
		{
			name: "two countries' ministries of one name are two origins",
			claims: []claim.Claim{
				mk("a", 1, claim.ActionDeploy, []string{"militias"}, []claim.Place{dest("Iran", "IR")}, "Iraqi Foreign Ministry", "official", "Outlet One", "outlet"),
				mk("b", 2, claim.ActionDeploy, []string{"militias"}, []claim.Place{dest("Iran", "IR")}, "Turkish Foreign Ministry", "official", "Outlet Two", "outlet"),
				mk("c", 3, claim.ActionDeploy, []string{"militias"}, []claim.Place{dest("Iran", "IR")}, "the Foreign Ministry", "official", "Outlet Three", "outlet"),
			},
			independent: 3, echo: 3,
		},
		{
			name: "unnamed speakers one relay quotes, set apart by nothing, are one origin",
			claims: []claim.Claim{
				mk("a", 1, claim.ActionDeploy, []string{"militias"}, []claim.Place{dest("Iran", "IR")}, "two Iraqi fighters", "anonymous", "Agency X", "outlet", "Outlet One", "outlet"),
				mk("b", 2, claim.ActionDeploy, []string{"militias"}, []claim.Place{dest("Iran", "IR")}, "an Iraqi commander from the Kessari unit", "anonymous", "Agency X", "outlet", "Outlet Two", "outlet"),
				mk("c", 2, claim.ActionDeploy, []string{"militias"}, []claim.Place{dest("Iran", "IR")}, "a European diplomat", "anonymous", "Agency X", "outlet", "Outlet Two", "outlet"),
			},
			independent: 2, echo: 3,
		},
		{
			name: "flight data is an origin of its own",
			claims: []claim.Claim{
				mk("a", 1, claim.ActionDeploy, []string{"militias"}, []claim.Place{dest("Iran", "IR")}, "Flightradar24", "data", "Outlet One", "outlet"),
				mk("b", 2, claim.ActionDeploy, []string{"militias"}, []claim.Place{dest("Iran", "IR")}, "a source", "anonymous", "Outlet Two", "outlet"),
			},
			independent: 2, echo: 2,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			evs := fuse.Group(tt.claims, nil, nil)
			if len(evs) != 1 {
				t.Fatalf("%d events, want 1", len(evs))
			}
			e := evs[0]
			if e.Independent != tt.independent || e.EchoCount != tt.echo {
				t.Errorf("independent %d echo %d, want %d %d; origins %+v", e.Independent, e.EchoCount, tt.independent, tt.echo, e.Origins)
			}
			for who, n := range tt.speakers {
				o := findOrigin(e.Origins, func(o claim.Origin) bool { return o.Who == who })
				if o == nil || o.Speakers != n {
					t.Errorf("origin %q: %+v, want %d speakers", who, o, n)
				}
			}
		})
	}
}

func TestScopeVersusContradiction(t *testing.T) {
	src := func(id string, src int64, who string) claim.Claim {
		return mk(id, src, claim.ActionDeploy, []string{"militias"}, []claim.Place{dest("Iran", "IR")}, who, "anonymous", "Outlet "+id, "outlet")
	}
	withPlace := func(c claim.Claim, p claim.Place) claim.Claim { c.Places = append(c.Places, p); return c }
	killed := func(c claim.Claim, unit string, n float64) claim.Claim {
		c.Action = claim.ActionKill
		c.Places = []claim.Place{{Name: "Iran", Role: claim.RoleLocation, Kind: claim.KindCountry, Country: "IR"}}
		c.Quantities = []claim.Quantity{{Min: n, Max: n, Unit: unit, Kind: claim.QuantityCount}}
		return c
	}
	window := func(c claim.Claim, from, to string) claim.Claim {
		c.Time = &claim.TimeSpan{From: from, To: to, Precision: claim.TimeRange}
		return c
	}
	tests := []struct {
		name  string
		a, b  claim.Claim
		scope bool
	}{
		{"different crossings", withPlace(fighters(src("a", 1, "a source"), 800), via("Shaib")), withPlace(fighters(src("b", 2, "a source"), 5000), via("Mehran")), true},
		{"same scope, different numbers", fighters(src("a", 1, "a source"), 800), fighters(src("b", 2, "a source"), 5000), false},
		{"same crossing, different numbers", withPlace(fighters(src("a", 1, "a source"), 800), via("Shaib")), withPlace(fighters(src("b", 2, "a source"), 5000), via("Shaib")), false},
		{"part below an unscoped total", withPlace(fighters(src("a", 1, "a source"), 800), via("Shaib")), fighters(src("b", 2, "a source"), 5000), true},
		{"part above an unscoped total", withPlace(fighters(src("a", 1, "a source"), 5000), via("Shaib")), fighters(src("b", 2, "a source"), 800), false},
		{"disjoint windows", window(fighters(src("a", 1, "a source"), 800), "2026-01-01", "2026-01-03"), window(fighters(src("b", 2, "a source"), 5000), "2026-01-04", "2026-01-06"), true},
		{"shorter window with the larger count", window(fighters(src("a", 1, "a source"), 5000), "2026-01-02", "2026-01-03"), window(fighters(src("b", 2, "a source"), 800), "2026-01-01", "2026-01-06"), false},
		{"protesters only vs all deaths", killed(src("a", 1, "a source"), "protesters killed", 2400), killed(src("b", 2, "a source"), "killed", 3000), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			evs := fuse.Group([]claim.Claim{tt.a, tt.b}, nil, nil)
			if len(evs) != 1 {
				t.Fatalf("%d events, want 1", len(evs))
			}
			var got []claim.Contradiction
			for _, c := range evs[0].Contradictions {
				if c.Field == "quantity" {
					got = append(got, c)
				}
			}
			if len(got) != 1 {
				t.Fatalf("quantity entries %+v, want 1", got)
			}
			if got[0].Scope != tt.scope {
				t.Errorf("scope %v, want %v: %s", got[0].Scope, tt.scope, got[0].Explain)
			}
			if tt.scope != strings.Contains(got[0].Explain, "possibly both true") {
				t.Errorf("explanation does not match the verdict: %s", got[0].Explain)
			}
		})
	}
	// Agreeing figures are no contradiction: "around 800" and 850.
	a := fighters(src("a", 1, "a source"), 800)
	a.Quantities[0].Qualifier = "around"
	evs := fuse.Group([]claim.Claim{a, fighters(src("b", 2, "a source"), 850)}, nil, nil)
	if n := len(evs[0].Contradictions); n != 0 {
		t.Errorf("around 800 vs 850: %d contradictions", n)
	}
}

func TestGroupingOnFieldsNotWords(t *testing.T) {
	strike := func(id string, src int64, text, town, day string) claim.Claim {
		c := mk(id, src, claim.ActionKill, []string{"drone"}, []claim.Place{{Name: town, Role: claim.RoleLocation, Kind: claim.KindCity, Country: "IQ"}}, "a source", "anonymous", "Outlet "+id, "outlet")
		c.Evidence = text
		c.Time = &claim.TimeSpan{From: day, Precision: claim.TimeDay}
		return c
	}
	evs := fuse.Group([]claim.Claim{
		strike("a", 1, "A drone hit a car near Jurf al-Sakhar on Monday", "Jurf al-Sakhar", "2026-01-05"),
		strike("b", 2, "Three killed as unmanned aircraft targets vehicle", "Jurf al-Sakhar", "2026-01-05"),
		strike("c", 3, "A drone hit a car near Jurf al-Sakhar on Monday", "Al-Qaim", "2026-01-05"),
		strike("d", 4, "A drone hit a car near Jurf al-Sakhar on Monday", "Jurf al-Sakhar", "2026-01-20"),
	}, nil, nil)
	together := func(x, y string) bool {
		return eventOf(t, evs, x).ID == eventOf(t, evs, y).ID
	}
	if !together("a", "b") {
		t.Error("paraphrases of one strike (same place, day) were split")
	}
	if together("a", "c") {
		t.Error("same words, different town: merged")
	}
	if together("a", "d") {
		t.Error("same words, fifteen days apart: merged")
	}
}

func TestPinSurvivesRerun(t *testing.T) {
	cs, ss := fusetest.Gold(t)
	first := fuse.Group(cs, ss, nil)
	deploy := eventOf(t, first, "003-23")
	us := eventOf(t, first, "003-33")
	pins := map[string]string{
		"003-33": deploy.ID,                 // the US carrier group, moved by hand into the deploy event
		"000-01": us.ID,                     // the deploy event's seed, moved out
		"000-19": fuse.NewEventID("000-19"), // a new event of its own
	}
	for run := range 2 {
		evs := fuse.Group(cs, ss, pins)
		for claimID, eventID := range pins {
			e := eventOf(t, evs, claimID)
			if e.ID != eventID {
				t.Errorf("run %d: %s in %s, pinned to %s", run, claimID, e.ID, eventID)
			}
			i := slices.IndexFunc(e.Members, func(m claim.Member) bool { return m.ClaimID == claimID })
			if !e.Members[i].Manual {
				t.Errorf("run %d: %s not marked manual", run, claimID)
			}
		}
		if got := eventOf(t, evs, "003-24").ID; got != deploy.ID {
			t.Errorf("run %d: moving the seed out renamed the deploy event %s → %s", run, deploy.ID, got)
		}
	}
}

// TestAnalystMerges: an event merged into another brings all its claims
// (pinned ones too) on every run, and two origins judged one count once.
func TestAnalystMerges(t *testing.T) {
	cs, ss := fusetest.Gold(t)
	first := fuse.Group(cs, ss, nil)
	deploy := eventOf(t, first, "003-23")
	us := eventOf(t, first, "003-33")
	pins := map[string]string{"000-19": us.ID} // pinned into the event merged away
	o := fuse.Options{MergedEvents: map[string]string{us.ID: deploy.ID}}
	for run := range 2 {
		evs := o.Group(cs, ss, pins)
		for _, id := range append(memberIDs(us), "000-19", "003-23") {
			if got := eventOf(t, evs, id); got.ID != deploy.ID {
				t.Errorf("run %d: %s in %s, want the merged event %s", run, id, got.ID, deploy.ID)
			}
		}
		if slices.ContainsFunc(evs, func(e claim.Event) bool { return e.ID == us.ID }) {
			t.Errorf("run %d: event %s still listed after its merge", run, us.ID)
		}
	}

	// Two CNN-relayed anonymous sources, judged by an analyst to be one.
	var keys []string
	for _, or := range deploy.Origins {
		if or.Stance == claim.StanceSupports && len(or.EchoOf) == 0 && slices.Contains(or.Via, "CNN") {
			keys = append(keys, or.Key)
		}
	}
	if len(keys) < 2 {
		t.Fatalf("deploy event has %d counted CNN-relayed origins, want 2: %+v", len(keys), deploy.Origins)
	}
	o = fuse.Options{SameOrigins: map[string]string{keys[1]: keys[0]}}
	merged := eventOf(t, o.Group(cs, ss, nil), "003-23")
	if merged.Independent != deploy.Independent-1 {
		t.Errorf("independent %d after merging two origins, want %d", merged.Independent, deploy.Independent-1)
	}
	for _, or := range merged.Origins {
		if or.Key == keys[1] {
			t.Errorf("merged-away origin %s still listed", keys[1])
		}
	}
	for _, fs := range merged.Figures {
		for _, f := range fs.Figures {
			if f.OriginKey == keys[1] {
				t.Errorf("figure %s still counted under the merged-away origin", f.ClaimID)
			}
		}
	}
}

func TestDeterministic(t *testing.T) {
	cs, ss := fusetest.Gold(t)
	marshal := func(evs []claim.Event) []byte {
		b, err := json.Marshal(evs)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	want := marshal(fuse.Group(cs, ss, nil))
	if again := marshal(fuse.Group(cs, ss, nil)); !bytes.Equal(want, again) {
		t.Fatal("two runs differ")
	}
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 5 {
		c2, s2 := slices.Clone(cs), slices.Clone(ss)
		r.Shuffle(len(c2), func(i, j int) { c2[i], c2[j] = c2[j], c2[i] })
		r.Shuffle(len(s2), func(i, j int) { s2[i], s2[j] = s2[j], s2[i] })
		if got := marshal(fuse.Group(c2, s2, nil)); !bytes.Equal(want, got) {
			t.Fatalf("shuffle %d changes the output", i)
		}
	}
}

func TestRejectedClaimsLeftOut(t *testing.T) {
	cs, ss := fusetest.Gold(t)
	for i := range cs {
		if cs[i].ID == "003-23" {
			cs[i].Rejected = true
		}
	}
	for _, e := range fuse.Group(cs, ss, nil) {
		if slices.Contains(memberIDs(e), "003-23") {
			t.Fatal("rejected claim grouped")
		}
	}
}

func BenchmarkGroupSeed(b *testing.B) {
	cs, ss := fusetest.Gold(b)
	for b.Loop() {
		fuse.Group(cs, ss, nil)
	}
}

// BenchmarkGroup1000 groups 1,000 claims about 100 happenings (ten outlets each).
func BenchmarkGroup1000(b *testing.B) { benchGroup(b, 1000) }

// BenchmarkGroup10000 groups 10,000 claims about 1,000 happenings, all in
// one country: a large case, where comparing every claim with every
// cluster would be quadratic.
func BenchmarkGroup10000(b *testing.B) { benchGroup(b, 10000) }

func benchGroup(b *testing.B, n int) {
	var cs []claim.Claim
	for i := range n {
		h := i % (n / 10)
		c := mk(string(rune('a'+h%26))+"-"+strings.Repeat("x", h/26%8)+"-"+formatInt(i), int64(i/10+1), claim.ActionKill,
			[]string{"group " + formatInt(h%7)}, []claim.Place{{Name: "town " + formatInt(h), Role: claim.RoleLocation, Kind: claim.KindCity, Country: "IQ"}},
			"a source", "anonymous", "Outlet "+formatInt(i%10), "outlet")
		day := 1 + h%28
		c.Time = &claim.TimeSpan{From: "2026-01-" + pad(day), Precision: claim.TimeDay}
		cs = append(cs, c)
	}
	b.ReportAllocs()
	for b.Loop() {
		fuse.Group(cs, nil, nil)
	}
}

func formatInt(i int) string { return strconv.Itoa(i) }

func pad(d int) string { return fmt.Sprintf("%02d", d) }
