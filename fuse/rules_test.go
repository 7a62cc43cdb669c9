package fuse_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/triangulate/triangulate/assess"
	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/fuse"
)

// Invented cases for each grouping rule, three variants or more each. The
// names of forces and places are real enough for the default pack to know
// their countries; the happenings are made up.

// story builds the claims of a few texts in reading order.
type story struct {
	sources []claim.Source
	claims  []claim.Claim
	off     map[int64]int
}

func newStory() *story { return &story{off: map[int64]int{}} }

// text adds a source published on day by outlet; its text is filled from
// the claims' evidence as they are added.
func (s *story) text(name, outlet, day string) int64 {
	pub, _ := time.Parse(time.DateOnly, day)
	id := int64(len(s.sources) + 1)
	s.sources = append(s.sources, claim.Source{ID: id, Name: name, Outlet: outlet, Published: pub, MediaType: "text/plain", ContentHash: name})
	return id
}

// heading adds a heading line to a text: it starts a new section.
func (s *story) heading(src int64, line string) {
	s.sources[src-1].Text += line + "\n"
}

type opt func(*claim.Claim)

func actors(names ...string) opt {
	return func(c *claim.Claim) {
		for _, n := range names {
			c.Actors = append(c.Actors, claim.Actor{Name: n})
		}
	}
}

func packActor(name, id, umbrella string) opt {
	return func(c *claim.Claim) {
		c.Actors = append(c.Actors, claim.Actor{Name: name, PackID: id, Affiliation: umbrella})
	}
}

func place(name string, role claim.PlaceRole, kind claim.PlaceKind, cc string) opt {
	return func(c *claim.Claim) {
		c.Places = append(c.Places, claim.Place{Name: name, Role: role, Kind: kind, Country: cc})
	}
}

func into(country, cc string) opt {
	return place(country, claim.RoleDestination, claim.KindCountry, cc)
}

func in(country, cc string) opt { return place(country, claim.RoleLocation, claim.KindCountry, cc) }

func on(from, to string, p claim.TimePrecision) opt {
	return func(c *claim.Claim) { c.Time = &claim.TimeSpan{From: from, To: to, Precision: p} }
}

func figure(n float64, unit, qualifier string) opt {
	return func(c *claim.Claim) {
		c.Quantities = append(c.Quantities, claim.Quantity{Min: n, Max: n, Unit: unit, Qualifier: qualifier, Kind: claim.QuantityCount})
	}
}

func modality(m claim.Modality) opt { return func(c *claim.Claim) { c.Modality = m } }

// by sets the attribution chain (who/kind pairs, first to last) before the
// outlet; the speakers' spans are found in the evidence.
func by(chain ...string) opt {
	return func(c *claim.Claim) {
		for i := 0; i+1 < len(chain); i += 2 {
			a := claim.Attribution{Who: chain[i], Kind: claim.SourceKind(chain[i+1])}
			if j := strings.Index(c.Evidence, chain[i]); j >= 0 {
				a.Span = claim.Span{Start: c.Start + j, End: c.Start + j + len(chain[i]), Text: chain[i]}
			}
			c.Attribution = append(c.Attribution, a)
		}
	}
}

// say adds a claim: its evidence becomes the next sentence of the text.
func (s *story) say(id string, src int64, action claim.Action, evidence string, opts ...opt) {
	so := &s.sources[src-1]
	start := len(so.Text)
	so.Text += evidence + " "
	c := claim.Claim{ID: id, SourceID: src, Source: so.Name, Start: start, End: start + len(evidence), Evidence: evidence,
		Action: action, Modality: claim.Asserted}
	for _, o := range opts {
		o(&c)
	}
	c.Attribution = append(c.Attribution, claim.Attribution{Who: so.Outlet, Kind: claim.SpeakerOutlet})
	s.claims = append(s.claims, c)
}

func (s *story) group() []claim.Event { return fuse.Group(s.claims, s.sources, nil) }

func eventHolding(evs []claim.Event, id string) *claim.Event {
	for i := range evs {
		for _, m := range evs[i].Members {
			if m.ClaimID == id {
				return &evs[i]
			}
		}
	}
	return nil
}

func together(evs []claim.Event, ids ...string) bool {
	e := eventHolding(evs, ids[0])
	for _, id := range ids[1:] {
		if eventHolding(evs, id) != e {
			return false
		}
	}
	return e != nil
}

func describe(evs []claim.Event) string {
	var b strings.Builder
	for _, e := range evs {
		fmt.Fprintf(&b, "\n  %s:", e.Title)
		for _, m := range e.Members {
			fmt.Fprintf(&b, "\n    %s %v", m.ClaimID, m.Reasons)
		}
	}
	return b.String()
}

// TestOneHappeningOneEvent: entry, transport, role, affiliation, figures,
// denials and no-comment about one happening make one event, each join
// explained by the fields that matched.
func TestOneHappeningOneEvent(t *testing.T) {
	tests := []struct {
		name  string
		build func(s *story)
	}{
		{"fighters sent across a border, told by three outlets", func(s *story) {
			a := s.text("a.txt", "Outlet A", "2031-05-10")
			s.say("a1", a, claim.ActionDeploy, "Chadian fighters crossed into Sudan last week, a border official said.",
				actors("Chadian fighters"), into("Sudan", "SD"), by("a border official", "official"))
			s.say("a2", a, claim.ActionTransport, "The fighters were then taken by truck to Nyala.",
				actors("the fighters"), place("Nyala", claim.RoleDestination, claim.KindCity, "SD"), by("a border official", "official"))
			s.say("a3", a, claim.ActionAffiliation, "They belong to the Kessari Front, the official added.",
				actors("Chadian fighters", "Kessari Front"), by("a border official", "official"))
			b := s.text("b.txt", "Outlet B", "2031-05-11")
			s.say("b1", b, claim.ActionDeploy, "About 900 Chadian fighters have entered Sudan, a monitor said.",
				actors("Chadian fighters"), into("Sudan", "SD"), figure(900, "fighters", "about"), by("a monitor", "rights-group"))
			s.say("b2", b, claim.ActionDeny, "Sudan's foreign ministry denied that Chadian fighters had entered the country.",
				actors("Sudan's foreign ministry", "Chadian fighters"), into("Sudan", "SD"), modality(claim.Denied), by("Sudan's foreign ministry", "official"))
			s.say("b3", b, claim.ActionNoComment, "Chad's government did not respond to a request for comment.",
				actors("Chad's government"), modality(claim.NCND))
		}},
		{"troops in a neighbour's war: entry, role, toll among them, denial", func(s *story) {
			a := s.text("a.txt", "Outlet A", "2031-07-01")
			s.say("a1", a, claim.ActionDeploy, "Kenyan troops have entered Somalia's Gedo region, residents said.",
				actors("Kenyan troops"), place("Gedo", claim.RoleDestination, claim.KindProvince, "SO"), by("residents", "anonymous"))
			s.say("a2", a, claim.ActionClash, "The soldiers took part in an offensive on the town of Bardera, the residents said.",
				actors("the soldiers"), place("Bardera", claim.RoleLocation, claim.KindCity, "SO"), by("residents", "anonymous"))
			b := s.text("b.txt", "Outlet B", "2031-07-03")
			s.say("b1", b, claim.ActionKill, "Eleven Kenyan soldiers were killed near Bardera, a hospital source said.",
				actors("Kenyan soldiers"), place("Bardera", claim.RoleLocation, claim.KindCity, "SO"), figure(11, "soldiers killed", ""), by("a hospital source", "anonymous"))
			s.say("b2", b, claim.ActionDeny, "Kenya's defence ministry denied that Kenyan troops were in Somalia.",
				actors("Kenya's defence ministry", "Kenyan troops"), into("Somalia", "SO"), modality(claim.Denied), by("Kenya's defence ministry", "official"))
		}},
		{"an umbrella and its member groups, by pack identity", func(s *story) {
			a := s.text("a.txt", "Outlet A", "2031-02-01")
			s.say("a1", a, claim.ActionDeploy, "Popular Mobilization Forces units crossed into Syria, two sources said.",
				packActor("Popular Mobilization Forces", "pmf", ""), into("Syria", "SY"), by("two sources", "anonymous"))
			b := s.text("b.txt", "Outlet B", "2031-02-03")
			s.say("b1", b, claim.ActionTransport, "Kataib Hezbollah fighters were moved to Deir ez-Zor, a monitor said.",
				packActor("Kataib Hezbollah", "kataib-hezbollah", "Popular Mobilization Forces"),
				place("Deir ez-Zor", claim.RoleDestination, claim.KindCity, "SY"), by("a monitor", "rights-group"))
			s.say("b2", b, claim.ActionAffiliation, "Badr Organization members are among them, the monitor added.",
				packActor("Badr Organization", "badr", "Popular Mobilization Forces"), by("the monitor", "rights-group"))
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newStory()
			tt.build(s)
			evs := s.group()
			if len(evs) != 1 {
				t.Fatalf("%d events, want 1:%s", len(evs), describe(evs))
			}
			for _, m := range evs[0].Members {
				if len(m.Reasons) < 2 {
					t.Errorf("%s joined without the fields that matched: %v", m.ClaimID, m.Reasons)
				}
			}
		})
	}
}

// TestOtherHappeningsApart: claims about a different happening are not
// pulled in by a shared country or action family: the protests' own
// death toll, a separate armed group, the war's overall toll told with the
// local forces, a counter-claim about the other side.
func TestOtherHappeningsApart(t *testing.T) {
	base := func(s *story) int64 {
		a := s.text("a.txt", "Outlet A", "2031-05-10")
		s.say("core", a, claim.ActionDeploy, "Chadian fighters crossed into Sudan, a border official said.",
			actors("Chadian fighters"), into("Sudan", "SD"), by("a border official", "official"))
		s.say("role", a, claim.ActionSuppress, "The fighters helped the security forces break up protests in Khartoum.",
			actors("the fighters"), place("Khartoum", claim.RoleLocation, claim.KindCity, "SD"), by("a border official", "official"))
		return a
	}
	tests := []struct {
		name  string
		build func(s *story)
		apart string
	}{
		{"the protests' death toll", func(s *story) {
			b := s.text("b.txt", "Outlet B", "2031-05-11")
			s.say("toll", b, claim.ActionKill, "At least 300 protesters have been killed in Sudan since the unrest began, a rights group said.",
				in("Sudan", "SD"), figure(300, "protesters killed", "at least"), by("a rights group", "rights-group"))
		}, "toll"},
		{"a separate armed group entering the same country", func(s *story) {
			b := s.text("b.txt", "Outlet B", "2031-05-11")
			s.say("other", b, claim.ActionDeploy, "Eritrean troops crossed into Sudan on Monday, diplomats said.",
				actors("Eritrean troops"), into("Sudan", "SD"), by("diplomats", "anonymous"))
		}, "other"},
		{"the war's toll among the local forces", func(s *story) {
			b := s.text("b.txt", "Outlet B", "2031-05-11")
			s.say("war", b, claim.ActionKill, "Fighting between the Sudanese army and rebels has left 2,000 dead.",
				actors("Sudanese army", "rebels"), in("Sudan", "SD"), figure(2000, "killed", ""), by("aid agencies", "anonymous"))
		}, "war"},
		{"a counter-claim about the other side", func(s *story) {
			b := s.text("b.txt", "Outlet B", "2031-05-11")
			s.say("counter", b, claim.ActionDeploy, "Chad's defence minister said Sudan must send back the mercenaries it brought from abroad.",
				actors("Sudan", "mercenaries"), by("Chad's defence minister", "official"))
		}, "counter"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newStory()
			base(s)
			tt.build(s)
			evs := s.group()
			if !together(evs, "core", "role") {
				t.Errorf("the happening itself was split:%s", describe(evs))
			}
			if together(evs, "core", tt.apart) {
				t.Errorf("%s joined the happening:%s", tt.apart, describe(evs))
			}
		})
	}
}

// TestTimeWindows: a claim without a time falls back on its source's
// publication date; claims whose windows are far apart never merge, however
// alike their actors and places.
func TestTimeWindows(t *testing.T) {
	tests := []struct {
		name     string
		earlier  string // publication of the earlier report
		dated    opt    // a time its claim gives, or nil
		together bool
	}{
		{"reports a week apart", "2031-05-03", nil, true},
		{"reports six months apart", "2030-11-10", nil, false},
		{"reports fourteen years apart", "2017-05-10", nil, false},
		{"a current report dating its claim two years back", "2031-05-09", on("2029-03-01", "2029-03-31", claim.TimeMonth), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newStory()
			a := s.text("old.txt", "Outlet A", tt.earlier)
			opts := []opt{actors("Chadian fighters"), into("Sudan", "SD"), by("a monitor", "rights-group")}
			if tt.dated != nil {
				opts = append(opts, tt.dated)
			}
			s.say("old", a, claim.ActionDeploy, "Chadian fighters have arrived in Sudan, a monitor said.", opts...)
			b := s.text("new.txt", "Outlet B", "2031-05-10")
			s.say("new", b, claim.ActionDeploy, "Chadian fighters are in Sudan, officials said.",
				actors("Chadian fighters"), into("Sudan", "SD"), by("officials", "official"))
			evs := s.group()
			if got := together(evs, "old", "new"); got != tt.together {
				t.Errorf("together %v, want %v:%s", got, tt.together, describe(evs))
			}
		})
	}
}

// TestDenialsJoinWhatTheyDeny: a denial joins the event it denies, which is
// then contested with both sides named; silence is neither.
func TestDenialsJoinWhatTheyDeny(t *testing.T) {
	tests := []struct {
		name  string
		build func(s *story, b int64)
	}{
		{"reports of it are false", func(s *story, b int64) {
			s.say("d", b, claim.ActionDeny, "Reports that Chadian fighters entered Sudan are false and baseless, the ministry said.",
				actors("Sudan's interior ministry", "Chadian fighters"), into("Sudan", "SD"), modality(claim.Denied),
				by("Sudan's interior ministry", "official"))
		}},
		{"a negated claim", func(s *story, b int64) {
			s.say("d", b, claim.ActionDeploy, "No Chadian fighter has set foot in Sudan, the army spokesman said.",
				actors("Chadian fighters"), into("Sudan", "SD"), modality(claim.Denied), by("the army spokesman", "official"))
		}},
		{"a denial that names nothing of its own", func(s *story, b int64) {
			s.say("x", b, claim.ActionDeploy, "A local paper reported that Chadian fighters were seen in Sudan's west,",
				actors("Chadian fighters"), into("Sudan", "SD"), by("a local paper", "outlet"))
			s.say("d", b, claim.ActionDeny, "which Khartoum denied.", actors("Khartoum"), modality(claim.Denied), by("Khartoum", "official"))
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newStory()
			src := s.text("a.txt", "Outlet A", "2031-05-10")
			s.say("a1", src, claim.ActionDeploy, "Chadian fighters crossed into Sudan, a border official said.",
				actors("Chadian fighters"), into("Sudan", "SD"), by("a border official", "official"))
			b := s.text("b.txt", "Outlet B", "2031-05-12")
			tt.build(s, b)
			s.say("nc", b, claim.ActionNoComment, "Chad's government has neither confirmed nor denied the reports about Chadian fighters in Sudan.",
				actors("Chad's government", "Chadian fighters"), into("Sudan", "SD"), modality(claim.NCND), by("Chad's government", "official"))
			evs := s.group()
			if !together(evs, "a1", "d", "nc") {
				t.Fatalf("the denial or the silence is not with what it speaks of:%s", describe(evs))
			}
			e := eventHolding(evs, "a1")
			as := assess.Assess(assess.DefaultConfig(), &claim.Case{Claims: s.claims, Sources: s.sources, Events: []claim.Event{*e}})[0]
			if as.Status != claim.StatusContested {
				t.Fatalf("status %s, want contested; origins %+v", as.Status, e.Origins)
			}
			status := as.Reasons[0].Text
			if !strings.Contains(status, "a border official") || !strings.Contains(status, "den") {
				t.Errorf("the status does not name both sides: %s", status)
			}
			for _, o := range e.Origins {
				if strings.HasPrefix(o.Who, "Chad's government") && o.Stance != claim.StanceNoComment {
					t.Errorf("silence counted as %s", o.Stance)
				}
			}
		})
	}
}

// TestFiguresKeyedToFirstSpeaker: a figure is its first speaker's: relays
// of one statement with drifting qualifiers are one origin, a relay's
// figure goes to the relayed source that gave it, a speaker citing another
// is the origin, and a figure two sources are said to give jointly is
// credited to both.
func TestFiguresKeyedToFirstSpeaker(t *testing.T) {
	deploy := []opt{actors("Chadian fighters"), into("Sudan", "SD")}
	with := func(more ...opt) []opt { return append(slices.Clone(deploy), more...) }
	tests := []struct {
		name  string
		build func(s *story)
		value float64
		want  []string // the origins (who) the figure is credited to
	}{
		{"one statement relayed with drifting qualifiers", func(s *story) {
			for i, q := range []string{"around", "nearly", "some"} {
				src := s.text(fmt.Sprintf("r%d.txt", i), fmt.Sprintf("Relay %d", i), "2031-05-1"+fmt.Sprint(i))
				s.say(fmt.Sprintf("r%d", i), src, claim.ActionDeploy, q+" 900 Chadian fighters entered Sudan, an official told Agency X.",
					with(figure(900, "fighters", q), by("an official", "official", "Agency X", "outlet"))...)
			}
		}, 900, []string{"an official"}},
		{"a relay's figure goes to the source that gave it", func(s *story) {
			a := s.text("a.txt", "Outlet A", "2031-05-10")
			s.say("a1", a, claim.ActionDeploy, "About 900 fighters entered, a security source told Agency X.",
				with(figure(900, "fighters", "about"), by("a security source", "anonymous", "Agency X", "outlet"))...)
			s.say("a2", a, claim.ActionDeploy, "Close to 3,000 fighters entered, a diplomatic source told Agency X separately.",
				with(figure(3000, "fighters", "close to"), by("a diplomatic source", "anonymous", "Agency X", "outlet"))...)
			b := s.text("b.txt", "Outlet B", "2031-05-11")
			s.say("b1", b, claim.ActionDeploy, "Agency X reported that nearly 3,000 Chadian fighters had entered Sudan.",
				with(figure(3000, "fighters", "nearly"), by("Agency X", "outlet"))...)
		}, 3000, []string{"a diplomatic source"}},
		{"a speaker citing another", func(s *story) {
			a := s.text("a.txt", "Outlet A", "2031-05-10")
			s.say("a1", a, claim.ActionDeploy, "Intelligence reports show 400 fighters entered, the president said.",
				with(figure(400, "fighters", ""), by("intelligence reports", "document", "the president", "official"))...)
			s.say("a2", a, claim.ActionDeploy, "The president said Chadian fighters were arriving in Sudan.",
				with(by("the president", "official"))...)
		}, 400, []string{"the president"}},
		{"a figure two sources give jointly", func(s *story) {
			a := s.text("a.txt", "Outlet A", "2031-05-10")
			s.say("a1", a, claim.ActionDeploy, "500 fighters entered, according to a local official and a rights monitor.",
				with(figure(500, "fighters", ""), by("a local official", "official", "a rights monitor", "rights-group"))...)
		}, 500, []string{"a local official", "a rights monitor"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newStory()
			tt.build(s)
			evs := s.group()
			if len(evs) != 1 {
				t.Fatalf("%d events, want 1:%s", len(evs), describe(evs))
			}
			e := evs[0]
			who := map[string]string{}
			for _, o := range e.Origins {
				who[o.Key] = o.Who
			}
			var got []string
			for _, fs := range e.Figures {
				for _, f := range fs.Figures {
					if f.Quantity.Min == tt.value && !slices.Contains(got, who[f.OriginKey]) {
						got = append(got, who[f.OriginKey])
					}
				}
			}
			slices.Sort(got)
			if !slices.Equal(got, tt.want) {
				t.Errorf("figure %v credited to %q, want %q; origins %+v", tt.value, got, tt.want, e.Origins)
			}
		})
	}
}

// TestTextContext: a claim that names no force of its own continues the
// claim before it in its section; a heading starts a new story, and so
// does a force or party the claim before did not name.
func TestTextContext(t *testing.T) {
	tests := []struct {
		name     string
		heading  string
		second   []opt
		together bool
	}{
		{"the fighters' pay, after their arrival", "", []opt{actors("the men")}, true},
		{"the same words after a heading", "Unrest in the capital", []opt{actors("the men")}, false},
		{"a new named force in the next sentence", "", []opt{actors("Eritrean troops")}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newStory()
			a := s.text("a.txt", "Outlet A", "2031-05-10")
			s.say("arrive", a, claim.ActionDeploy, "Chadian fighters crossed into Sudan, a border official said.",
				actors("Chadian fighters"), into("Sudan", "SD"), by("a border official", "official"))
			if tt.heading != "" {
				s.sources[0].Text += "\n"
				s.heading(a, tt.heading)
			}
			s.say("next", a, claim.ActionOther, "The men are paid 500 dollars a month, residents said.",
				append(tt.second, figure(500, "USD per month", ""), by("residents", "anonymous"))...)
			evs := s.group()
			if got := together(evs, "arrive", "next"); got != tt.together {
				t.Errorf("together %v, want %v:%s", got, tt.together, describe(evs))
			}
		})
	}
}

// TestUntracedRelayFigureSaysSo: a relay's figure that none of the sources
// it relays gave is kept with the relay, and the figure set says that its
// independence cannot be told.
func TestUntracedRelayFigureSaysSo(t *testing.T) {
	for _, value := range []float64{7000, 12, 450} {
		s := newStory()
		a := s.text("a.txt", "Outlet A", "2031-05-10")
		s.say("a1", a, claim.ActionDeploy, "About 900 Chadian fighters entered Sudan, a security source told Agency X.",
			actors("Chadian fighters"), into("Sudan", "SD"), figure(900, "fighters", "about"), by("a security source", "anonymous", "Agency X", "outlet"))
		s.say("a2", a, claim.ActionDeploy, "Chadian fighters are in Sudan, a diplomatic source told Agency X.",
			actors("Chadian fighters"), into("Sudan", "SD"), by("a diplomatic source", "anonymous", "Agency X", "outlet"))
		b := s.text("b.txt", "Outlet B", "2031-05-11")
		s.say("b1", b, claim.ActionDeploy, "Agency X reported that Chadian fighters had entered Sudan.",
			actors("Chadian fighters"), into("Sudan", "SD"), figure(value, "fighters", ""), by("Agency X", "outlet"))
		evs := s.group()
		if len(evs) != 1 || len(evs[0].Figures) != 1 {
			t.Fatalf("%v: events %s", value, describe(evs))
		}
		if why := evs[0].Figures[0].Why; !strings.Contains(why, "Independence cannot be told for "+claim.FormatNumber(value)) {
			t.Errorf("%v: figure set does not say its independence cannot be told: %s", value, why)
		}
	}
}

// TestSidesOfAFight: a force that appears only as the other side in a
// fight an event tells of does not pull that force's own happenings into
// the event, and a state's army and an armed group of the same country are
// not tied by their country. The province is one the pack cannot place in
// a country, as happens with regions the gazetteer lacks.
func TestSidesOfAFight(t *testing.T) {
	darfur := func(role claim.PlaceRole) opt { return place("Darfur", role, claim.KindProvince, "") }
	base := func(s *story) {
		a := s.text("a.txt", "Outlet A", "2031-05-10")
		s.say("core", a, claim.ActionDeploy, "Chadian troops crossed into Darfur, diplomats said.",
			actors("Chadian troops"), darfur(claim.RoleDestination), by("diplomats", "anonymous"))
		b := s.text("b.txt", "Outlet B", "2031-05-12")
		s.say("fight", b, claim.ActionKill, "The Rapid Support Forces said they had killed dozens of Chadian troops in Darfur.",
			packActor("Rapid Support Forces", "rsf", ""), actors("Chadian troops"), darfur(claim.RoleLocation),
			by("The Rapid Support Forces", "named"))
		s.say("withdraw", b, claim.ActionDeploy, "Sudanese Armed Forces units withdrew into Chad, a commander said.",
			packActor("Sudanese Armed Forces", "sd-saf", ""), into("Chad", "TD"), by("a commander", "official"))
	}
	tests := []struct {
		name string
		say  func(s *story, c int64)
	}{
		{"the other side's own attack", func(s *story, c int64) {
			s.say("own", c, claim.ActionClash, "RSF fighters attacked army bases across Darfur overnight.",
				packActor("RSF fighters", "rsf", ""), darfur(claim.RoleLocation), on("2031-05-13", "2031-05-13", claim.TimeDay))
		}},
		{"the other side's shelling of a town", func(s *story, c int64) {
			s.say("own", c, claim.ActionClash, "The Rapid Support Forces shelled El Fasher for a third day.",
				packActor("The Rapid Support Forces", "rsf", ""), place("El Fasher", claim.RoleLocation, claim.KindCity, ""))
		}},
		{"another armed group of the country", func(s *story, c int64) {
			s.say("own", c, claim.ActionClash, "Justice and Equality Movement fighters clashed with police in Darfur.",
				packActor("Justice and Equality Movement fighters", "jem", ""), darfur(claim.RoleLocation))
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newStory()
			base(s)
			tt.say(s, s.text("c.txt", "Outlet C", "2031-05-14"))
			evs := s.group()
			if !together(evs, "core", "fight") {
				t.Errorf("the fight with the deployed troops left their event:%s", describe(evs))
			}
			for _, other := range []string{"core", "withdraw"} {
				if together(evs, other, "own") {
					t.Errorf("the armed group's own happening joined %s:%s", other, describe(evs))
				}
			}
		})
	}
}

// TestHostForcesBesideUnknownOnes: outside a fight, a claim naming the
// theatre's own forces beside forces it cannot identify is about the
// unidentified ones, and joins their happening rather than a battle of the
// host's army.
func TestHostForcesBesideUnknownOnes(t *testing.T) {
	base := func(s *story) {
		a := s.text("a.txt", "Outlet A", "2030-10-01")
		s.say("core", a, claim.ActionDeploy, "Syrian fighters were flown to Azerbaijan, a monitor said.",
			actors("Syrian fighters"), into("Azerbaijan", "AZ"), by("a monitor", "ngo"))
		b := s.text("b.txt", "Outlet B", "2030-10-02")
		s.say("war", b, claim.ActionClash, "Azerbaijani forces and Armenian forces fought near the front line.",
			packActor("Azerbaijani forces", "az-armed-forces", ""), actors("Armenian forces"), in("Azerbaijan", "AZ"))
	}
	tests := []struct {
		name string
		say  func(s *story, c int64)
	}{
		{"men in a border service's uniform", func(s *story, c int64) {
			s.say("men", c, claim.ActionOther, "Men in the photos wear the uniform of the State Border Service of Azerbaijan.",
				actors("men in the photos"), packActor("State Border Service of Azerbaijan", "az-border-service", ""), in("Azerbaijan", "AZ"))
		}},
		{"mercenaries under the army's command", func(s *story, c int64) {
			s.say("men", c, claim.ActionOther, "The mercenaries serve under the command of the Azerbaijani army.",
				actors("The mercenaries"), packActor("the Azerbaijani army", "az-armed-forces", ""), in("Azerbaijan", "AZ"))
		}},
		{"fighters guarding a security service's posts", func(s *story, c int64) {
			s.say("men", c, claim.ActionOther, "Foreign fighters guard posts of the State Security Service in Azerbaijan.",
				actors("Foreign fighters"), packActor("State Security Service", "az-dtx", ""), in("Azerbaijan", "AZ"))
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newStory()
			base(s)
			tt.say(s, s.text("c.txt", "Outlet C", "2030-10-03"))
			evs := s.group()
			if !together(evs, "core", "men") {
				t.Errorf("the unidentified forces left their happening:%s", describe(evs))
			}
			if together(evs, "war", "men") {
				t.Errorf("the host's own forces pulled the claim into a battle:%s", describe(evs))
			}
		})
	}
}

// TestOutletVoiceEchoesItsSide: an outlet's own line supporting a claim
// repeats the speaker it quotes in support, not the one it quotes denying;
// and one speaker named two ways across reports is one origin.
func TestOutletVoiceEchoesItsSide(t *testing.T) {
	s := newStory()
	a := s.text("a.txt", "Outlet A", "2031-05-10")
	s.say("own", a, claim.ActionDeploy, "Chadian fighters were sent into Sudan after the envoy spoke.",
		actors("Chadian fighters"), into("Sudan", "SD"), by("Outlet A", "outlet"))
	s.say("q", a, claim.ActionDeploy, "Chadian fighters were sent into Sudan, Ahmed Haroun said, Outlet A reported.",
		actors("Chadian fighters"), into("Sudan", "SD"), by("Ahmed Haroun", "named", "Outlet A", "outlet"))
	s.say("d", a, claim.ActionDeny, "Chad denied sending Chadian fighters into Sudan, Outlet A reported.",
		actors("Chad", "Chadian fighters"), into("Sudan", "SD"), modality(claim.Denied), by("Chad", "official", "Outlet A", "outlet"))
	b := s.text("b.txt", "Outlet B", "2031-05-11")
	s.say("b1", b, claim.ActionDeploy, "Chadian fighters entered Sudan, the Sudanese envoy to Chad Ahmed Harun said, Outlet B reported.",
		actors("Chadian fighters"), into("Sudan", "SD"), by("the Sudanese envoy to Chad Ahmed Harun", "official", "Outlet B", "outlet"))
	evs := s.group()
	if !together(evs, "own", "q", "d", "b1") {
		t.Fatalf("not one event:%s", describe(evs))
	}
	e := eventHolding(evs, "own")
	for _, or := range e.Origins {
		if or.Who == "Outlet A" && (len(or.EchoOf) != 1 || or.EchoOf[0] == "name:chad") {
			t.Errorf("Outlet A's own line echoes %v, want only the envoy", or.EchoOf)
		}
	}
	if e.Independent != 1 {
		t.Errorf("independent %d, want 1 (the envoy, named two ways); origins %+v", e.Independent, e.Origins)
	}
}

// TestOutletVoiceSideIsWhatItRelays: the side of a speaker an outlet
// quotes is what the speaker says through that outlet. A government that
// denies in the outlet's text stays off the side of the outlet's own
// supporting line though another outlet has it support something of the
// same event.
func TestOutletVoiceSideIsWhatItRelays(t *testing.T) {
	tests := []struct {
		name, gov, govCC, fighters, into, intoCC, envoy string
	}{
		{"Chad and Sudan", "Chad", "TD", "Chadian fighters", "Sudan", "SD", "Ahmed Haroun"},
		{"Niger and Mali", "Niger", "NE", "Nigerien fighters", "Mali", "ML", "Moussa Traore"},
		{"Uganda and Congo", "Uganda", "UG", "Ugandan fighters", "Congo", "CD", "Jean Mbala"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newStory()
			a := s.text("a.txt", "Outlet A", "2031-05-10")
			s.say("own", a, claim.ActionDeploy, tt.fighters+" were sent into "+tt.into+" after the envoy spoke.",
				actors(tt.fighters), into(tt.into, tt.intoCC), by("Outlet A", "outlet"))
			s.say("d", a, claim.ActionDeny, tt.gov+" denied sending "+tt.fighters+" into "+tt.into+", Outlet A reported.",
				actors(tt.gov, tt.fighters), into(tt.into, tt.intoCC), modality(claim.Denied), by(tt.gov, "official", "Outlet A", "outlet"))
			s.say("q", a, claim.ActionDeploy, tt.fighters+" were sent into "+tt.into+", "+tt.envoy+" said, Outlet A reported.",
				actors(tt.fighters), into(tt.into, tt.intoCC), by(tt.envoy, "named", "Outlet A", "outlet"))
			b := s.text("b.txt", "Outlet B", "2031-05-11")
			s.say("b1", b, claim.ActionDeploy, tt.gov+" said "+tt.fighters+" had crossed into "+tt.into+" on their own, Outlet B reported.",
				actors(tt.fighters), into(tt.into, tt.intoCC), by(tt.gov, "official", "Outlet B", "outlet"))
			evs := s.group()
			if !together(evs, "own", "q", "d", "b1") {
				t.Fatalf("not one event:%s", describe(evs))
			}
			e := eventHolding(evs, "own")
			gov := "name:" + strings.ToLower(tt.gov)
			for _, or := range e.Origins {
				if or.Who == "Outlet A" && (len(or.EchoOf) != 1 || or.EchoOf[0] == gov) {
					t.Errorf("Outlet A's own line echoes %v, want only %s", or.EchoOf, tt.envoy)
				}
			}
		})
	}
}

// TestBareStancePassesOverSettings: a stance that names nothing of its
// own ("went against those denials") answers the last claim before it
// that names someone, not a setting the writer put in between that names
// no actor ("where the president launched an offensive"), which is a
// happening of its own and stays apart.
func TestBareStancePassesOverSettings(t *testing.T) {
	tests := []struct {
		name             string
		setting, stance  string
		action           claim.Action
		settingIsViolent bool
	}{
		{"an offensive, then a confirmation", "where the president launched an offensive against rebel leaders in March",
			"A general later went against those denials in a video.", claim.ActionConfirm, true},
		{"a war's outbreak, then a denial", "where fighting broke out in March",
			"The ministry rejected this again on Friday.", claim.ActionDeny, true},
		{"a flight count, then silence", "where 12 flights landed in March",
			"The government declined to comment.", claim.ActionNoComment, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newStory()
			a := s.text("a.txt", "Outlet A", "2031-05-10")
			s.say("entry", a, claim.ActionDeploy, "Chadian troops crossed into Darfur, residents said.",
				actors("Chadian troops"), place("Darfur", claim.RoleDestination, claim.KindProvince, "SD"), by("residents", "anonymous"))
			act := claim.ActionFlights
			if tt.settingIsViolent {
				act = claim.ActionClash
			}
			s.say("setting", a, act, tt.setting, place("Darfur", claim.RoleLocation, claim.KindProvince, "SD"), on("2031-03-01", "2031-03-31", claim.TimeMonth))
			s.say("stance", a, tt.action, tt.stance)
			evs := s.group()
			if !together(evs, "entry", "stance") {
				t.Errorf("the stance left what it answers:%s", describe(evs))
			}
			if together(evs, "entry", "setting") {
				t.Errorf("the setting joined the entry:%s", describe(evs))
			}
		})
	}
}

// TestAsideForceBringsNoFight: an event is about the forces most of its
// claims are about. A force that one of its many claims names beside them
// ("Sudanese troops filmed two Chadian fighters …") is not, and a fight
// or a toll of that force does not join the event through it; a fight of
// the event's own forces still does.
func TestAsideForceBringsNoFight(t *testing.T) {
	tests := []struct {
		name, aside, fight string
		fightActors        []string
		joins              bool
	}{
		{"the toll of a force filmed beside them", "Sudanese troops released a video of two Chadian fighters recruited in Chad.",
			"Dozens of Sudanese troops were killed in clashes with rebels.", []string{"Sudanese troops"}, false},
		{"a battle of a force that captured some of them", "Sudanese troops said they had captured Chadian fighters recruited in Chad.",
			"Sudanese troops and rebels fought near El Geneina.", []string{"Sudanese troops", "rebels"}, false},
		{"a fight of the event's own forces", "Sudanese troops said they had seen Chadian fighters recruited in Chad.",
			"Chadian fighters clashed with rebels near El Geneina.", []string{"Chadian fighters", "rebels"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newStory()
			a := s.text("a.txt", "Outlet A", "2031-05-10")
			for i, line := range []string{"Chadian fighters crossed into Darfur, a monitor said.", "Chadian fighters were flown to Darfur, residents said.",
				"More Chadian fighters arrived in Darfur on Monday, officials said."} {
				s.say(fmt.Sprintf("m%d", i), a, claim.ActionDeploy, line, actors("Chadian fighters"),
					place("Darfur", claim.RoleDestination, claim.KindProvince, "SD"), by("a monitor", "ngo"))
			}
			b := s.text("b.txt", "Outlet B", "2031-05-11")
			// Told where the fighters came from, not where they are: both
			// forces are its subject.
			s.say("aside", b, claim.ActionDeploy, tt.aside, actors("Sudanese troops", "Chadian fighters"),
				place("Chad", claim.RoleOrigin, claim.KindCountry, "TD"), by("Sudanese troops", "official"))
			c := s.text("c.txt", "Outlet C", "2031-05-12")
			s.say("fight", c, claim.ActionClash, tt.fight, actors(tt.fightActors...))
			evs := s.group()
			if !together(evs, "m0", "aside") {
				t.Errorf("the claim naming a force beside the event's left it:%s", describe(evs))
			}
			if got := together(evs, "m0", "fight"); got != tt.joins {
				t.Errorf("the fight joined the event: %v, want %v:%s", got, tt.joins, describe(evs))
			}
		})
	}
}

// TestNamelessSameKindContinues: a claim naming no actor goes on with the
// claim before it in its section when it tells the same kind of happening
// (recruitment after recruitment, pay after pay) and its places fit; a
// nameless movement or fight, another kind of happening, or a place in
// another country starts a story of its own.
func TestNamelessSameKindContinues(t *testing.T) {
	tests := []struct {
		name     string
		action   claim.Action
		text     string
		where    opt
		together bool
	}{
		{"a recruitment drive after recruits signing up", claim.ActionOther, "Men in Abeche say a recruitment drive began a month ago.",
			place("Abeche", claim.RoleLocation, claim.KindCity, "TD"), true},
		{"recruiters' pay after recruits signing up", claim.ActionOther, "Recruiters in N'Djamena are offering 600 dollars a month.",
			place("N'Djamena", claim.RoleLocation, claim.KindCity, "TD"), true},
		{"the same kind in another country", claim.ActionOther, "A recruitment drive began in Niamey a month ago.",
			place("Niamey", claim.RoleLocation, claim.KindCity, "NE"), false},
		{"a nameless fight", claim.ActionClash, "Clashes broke out in Abeche overnight.",
			place("Abeche", claim.RoleLocation, claim.KindCity, "TD"), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newStory()
			a := s.text("a.txt", "Outlet A", "2031-05-10")
			s.say("arrive", a, claim.ActionDeploy, "Chadian fighters crossed into Sudan, a border official said.",
				actors("Chadian fighters"), into("Sudan", "SD"), place("Chad", claim.RoleOrigin, claim.KindCountry, "TD"), by("a border official", "official"))
			s.say("signed", a, claim.ActionOther, "Chadian fighters have signed up with a recruiter in Chad, volunteers said.",
				actors("Chadian fighters"), in("Chad", "TD"), by("volunteers", "anonymous"))
			s.say("next", a, tt.action, tt.text, tt.where)
			evs := s.group()
			if got := together(evs, "signed", "next"); got != tt.together {
				t.Errorf("together %v, want %v:%s", got, tt.together, describe(evs))
			}
		})
	}
}

// TestNamelessGapRemarks: a gap in the record naming no one ("details remain
// sketchy as to the number killed") remarks on the story before it in its
// section and joins it where its places fit; in another country it does not.
func TestNamelessGapRemarks(t *testing.T) {
	tests := []struct {
		name     string
		text     string
		where    opt
		together bool
	}{
		{"the toll unclear", "Details remain sketchy as to the number of soldiers killed in Darfur.",
			in("Darfur", "SD"), true},
		{"how many not known", "It is not known how many of them were wounded in Sudan.",
			in("Sudan", "SD"), true},
		{"figures scarce", "Figures remain scarce on the casualties around El Fasher.",
			place("El Fasher", claim.RoleLocation, claim.KindCity, "SD"), true},
		{"a gap in another country", "Details remain sketchy as to the number of soldiers killed in Niger.",
			in("Niger", "NE"), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newStory()
			a := s.text("a.txt", "Outlet A", "2031-05-10")
			s.say("sent", a, claim.ActionDeploy, "Chadian fighters were sent into Sudan, a border official said.",
				actors("Chadian fighters"), into("Sudan", "SD"), by("a border official", "official"))
			s.say("hurt", a, claim.ActionKill, "Chadian fighters wounded in Sudan are treated in hospitals, the official said.",
				actors("Chadian fighters"), in("Sudan", "SD"), by("a border official", "official"))
			s.say("gap", a, claim.ActionDataGap, tt.text, tt.where)
			evs := s.group()
			if got := together(evs, "hurt", "gap"); got != tt.together {
				t.Errorf("together %v, want %v:%s", got, tt.together, describe(evs))
			}
		})
	}
}

// TestOutletLineRepeatsLastQuoted: an outlet's own line after its text has
// quoted several speakers on its side repeats the one quoted last before
// it; its line before any of them (a lede) repeats them all.
func TestOutletLineRepeatsLastQuoted(t *testing.T) {
	tests := []struct {
		name, fighters, into, intoCC, first, second string
	}{
		{"rebels then volunteers", "Chadian fighters", "Sudan", "SD", "two rebels", "several volunteers"},
		{"a commander then recruits", "Nigerien fighters", "Mali", "ML", "a militia commander", "three recruits"},
		{"officials then residents", "Ugandan fighters", "Congo", "CD", "two officials", "some residents"},
	}
	for _, tt := range tests {
		for _, lede := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/lede=%v", tt.name, lede), func(t *testing.T) {
				s := newStory()
				a := s.text("a.txt", "Outlet A", "2031-05-10")
				own := func() {
					s.say("own", a, claim.ActionDeploy, "Recruiters in "+tt.into+" are signing up more "+tt.fighters+".",
						actors(tt.fighters), into(tt.into, tt.intoCC))
				}
				if lede {
					own()
				}
				s.say("q1", a, claim.ActionDeploy, tt.first+" said "+tt.fighters+" were sent into "+tt.into+".",
					actors(tt.fighters), into(tt.into, tt.intoCC), by(tt.first, "anonymous"))
				s.say("q2", a, claim.ActionDeploy, "Outlet B cited "+tt.second+" as saying "+tt.fighters+" went to "+tt.into+".",
					actors(tt.fighters), into(tt.into, tt.intoCC), by(tt.second, "anonymous", "Outlet B", "outlet"))
				if !lede {
					own()
				}
				evs := s.group()
				if !together(evs, "own", "q1", "q2") {
					t.Fatalf("not one event:%s", describe(evs))
				}
				e := eventHolding(evs, "own")
				keyOf := map[string]string{}
				var echo []string
				for _, or := range e.Origins {
					keyOf[or.Who] = or.Key
					if or.Who == "Outlet A" {
						echo = or.EchoOf
					}
				}
				want := []string{keyOf[tt.second]}
				if lede {
					want = []string{keyOf[tt.first], keyOf[tt.second]}
					slices.Sort(want)
				}
				if !slices.Equal(echo, want) {
					t.Errorf("Outlet A's own line echoes %v, want %v; origins %+v", echo, want, e.Origins)
				}
			})
		}
	}
}

// TestBareStanceAfterOpeningStance: a stance naming no force that only a
// stance comes before in its section (a text opening with a government's
// denial, then its minister's own words) answers what that stance answers.
func TestBareStanceAfterOpeningStance(t *testing.T) {
	tests := []struct {
		name, gov, force, into, intoCC, minister, words string
	}{
		{"Chad in Sudan", "Chad", "Chadian troops", "Sudan", "SD", "Ali Mahamat", "“We have nothing to do with this war,” Chad's foreign minister Ali Mahamat said."},
		{"Niger in Mali", "Niger", "Nigerien troops", "Mali", "ML", "Issa Diallo", "“This is not our fight,” Niger's foreign minister Issa Diallo told reporters."},
		{"Uganda in Congo", "Uganda", "Ugandan troops", "Congo", "CD", "Sam Okello", "“We are not a party to the conflict,” Uganda's foreign minister Sam Okello said by telephone."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newStory()
			b := s.text("b.txt", "Outlet B", "2031-05-09")
			s.say("entry", b, claim.ActionDeploy, tt.force+" crossed into "+tt.into+", residents said.",
				actors(tt.force), into(tt.into, tt.intoCC), by("residents", "anonymous"))
			a := s.text("a.txt", "Outlet A", "2031-05-10")
			s.say("denial", a, claim.ActionDeny, tt.gov+" denied that its troops had crossed into "+tt.into+".",
				actors(tt.gov, tt.force), into(tt.into, tt.intoCC), modality(claim.Denied), by(tt.gov, "official"))
			s.say("words", a, claim.ActionDeny, tt.words, actors(tt.minister), by(tt.minister, "official"))
			evs := s.group()
			if !together(evs, "entry", "denial", "words") {
				t.Errorf("the minister's words left the denial they go on with:%s", describe(evs))
			}
		})
	}
}

// TestOutletLineRepeatsItsOwnText: an outlet's own line, carried by one
// text, repeats the speakers that text quotes through the outlet, not a
// speaker another text quotes through the same outlet.
func TestOutletLineRepeatsItsOwnText(t *testing.T) {
	tests := []struct {
		name, fighters, into, intoCC, here, elsewhere string
	}{
		{"rebels here, an envoy elsewhere", "Chadian fighters", "Sudan", "SD", "two rebels", "an envoy"},
		{"recruits here, a minister elsewhere", "Nigerien fighters", "Mali", "ML", "three recruits", "a minister"},
		{"residents here, a commander elsewhere", "Ugandan fighters", "Congo", "CD", "some residents", "a commander"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newStory()
			a := s.text("a.txt", "Outlet A", "2031-05-10")
			s.say("lede", a, claim.ActionDeploy, tt.fighters+" are being sent to "+tt.into+", according to Wire.",
				actors(tt.fighters), into(tt.into, tt.intoCC), by("Wire", "outlet"))
			s.say("here", a, claim.ActionDeploy, tt.here+" told Wire that "+tt.fighters+" were sent into "+tt.into+".",
				actors(tt.fighters), into(tt.into, tt.intoCC), by(tt.here, "anonymous", "Wire", "outlet"))
			b := s.text("b.txt", "Outlet C", "2031-05-11")
			s.say("elsewhere", b, claim.ActionDeploy, tt.elsewhere+" told Wire that "+tt.fighters+" went to "+tt.into+".",
				actors(tt.fighters), into(tt.into, tt.intoCC), by(tt.elsewhere, "official", "Wire", "outlet"))
			evs := s.group()
			if !together(evs, "lede", "here", "elsewhere") {
				t.Fatalf("not one event:%s", describe(evs))
			}
			e := eventHolding(evs, "lede")
			keyOf := map[string]string{}
			var echo []string
			for _, or := range e.Origins {
				keyOf[or.Who] = or.Key
				if or.Who == "Wire" {
					echo = or.EchoOf
				}
			}
			if want := []string{keyOf[tt.here]}; !slices.Equal(echo, want) {
				t.Errorf("Wire's own line echoes %v, want %v; origins %+v", echo, want, e.Origins)
			}
		})
	}
}
