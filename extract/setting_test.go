package extract_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/extract"
)

// extractWithPack reads text with the default pack (clauses_test.go's
// extractText with a fresh extractor).
func extractWithPack(t *testing.T, text string) []claim.Claim {
	t.Helper()
	return extractText(t, extract.New(loadPack(t)), text)
}

func claimWith(cs []claim.Claim, words string) (claim.Claim, bool) {
	for _, c := range cs {
		if strings.Contains(c.Evidence, words) {
			return c, true
		}
	}
	return claim.Claim{}, false
}

// TestSettingClauses: a clause of time ("when", "after") or of place
// (", where") with its own subject and verb is the setting of the claim
// before it, a happening of its own: it is a claim apart, told by the
// writer rather than by the speaker of the clause before it, about its
// own subject rather than the forces of the context; a "when" clause
// happened when the clause it sets did. The subject may be long, and the
// verb one whose object is a happening noun ("launched an offensive").
func TestSettingClauses(t *testing.T) {
	tests := []struct {
		text        string
		main, apart string // words of the claim and of its setting
		month       string // the setting's month ("2025-07"), "" for none required
	}{
		{"Reports of Chadian fighters in Sudan first surfaced in September when Sudanese and Chadian troops clashed near the border town of Adre.",
			"", "troops clashed near the border town of Adre", "2025-09"},
		{"The first accounts of foreign militiamen in Mali appeared in October when the army attacked rebels near Kidal.",
			"", "the army attacked rebels near Kidal", "2025-10"},
		{"Rebel fighters crossed into Chad in April when the Sudanese army launched an offensive on the border.",
			"Rebel fighters crossed into Chad in April", "the Sudanese army launched an offensive on the border", "2025-04"},
		{"The governor accused Chad of sending fighters over the border after the government of President Mahamat Deby launched an offensive against the rebels.",
			"sending fighters over the border", "the government of President Mahamat Deby launched an offensive against the rebels", ""},
		{"A rebel leader said Rwandan troops crossed into Congo after the Congolese army launched an attack on the town.",
			"Rwandan troops crossed into Congo", "the Congolese army launched an attack on the town", ""},
		{"The ministry has long denied reports that Chadian troops were in Darfur, where President Mahamat Deby launched a military offensive against rebel leaders in June that left hundreds dead.",
			"Chadian troops were in Darfur", "President Mahamat Deby launched a military offensive", "2025-06"},
	}
	for _, tt := range tests {
		cs := extractWithPack(t, tt.text)
		apart, ok := claimWith(cs, tt.apart)
		if !ok {
			t.Errorf("%q: no claim of its setting %q in %+v", tt.text, tt.apart, cs)
			continue
		}
		if tt.main != "" && strings.Contains(apart.Evidence, tt.main) {
			t.Errorf("%q: the setting %q holds the claim %q", tt.text, apart.Evidence, tt.main)
		}
		if tt.main != "" {
			if _, ok := claimWith(cs, tt.main); !ok {
				t.Errorf("%q: no claim %q", tt.text, tt.main)
			}
		}
		if len(apart.Attribution) != 1 || apart.Attribution[0].Who != "Example News" {
			t.Errorf("%q: the setting is told by %+v, want the outlet", tt.text, apart.Attribution)
		}
		for _, a := range apart.Actors {
			if a.Span.Start < apart.Start || a.Span.End > apart.End {
				t.Errorf("%q: the setting's actor %q comes from outside it", tt.text, a.Name)
			}
		}
		if tt.month != "" && (apart.Time == nil || !strings.HasPrefix(apart.Time.From, tt.month)) {
			t.Errorf("%q: the setting's time %+v, want %s", tt.text, apart.Time, tt.month)
		}
	}
}

// TestDateBeforeRelative: a date followed by "that" dates the telling
// when "that" opens what was told, but the claim when it opens a relative
// clause on what happened then.
func TestDateBeforeRelative(t *testing.T) {
	tests := []struct {
		text string
		time bool
	}{
		{"The army launched an offensive against the rebels in November that left thousands dead.", true},
		{"Government troops shelled the town in August that left hundreds homeless.", true},
		{"Militias clashed with the army in August that left hundreds wounded.", true},
		{"The minister told reporters on Monday that troops had crossed into Iran.", false},
		{"Officials said last week that fighters crossed the border.", false},
	}
	for _, tt := range tests {
		cs := extractWithPack(t, tt.text)
		if len(cs) == 0 {
			t.Errorf("%q: no claim", tt.text)
			continue
		}
		if got := cs[0].Time != nil; got != tt.time {
			t.Errorf("%q: time %+v, want dated %v", tt.text, cs[0].Time, tt.time)
		}
	}
}

// TestDatelineOwnsNoPossessive: the place a story was filed from
// ("NAIROBI (Reuters) –") is not the state whose troops "its troops" are.
func TestDatelineOwnsNoPossessive(t *testing.T) {
	for _, tt := range []struct{ text, want string }{
		{"NAIROBI (Reuters) – Eritrea’s government denied on Tuesday that its troops had crossed the border.", "er-edf"},
		{"BAGHDAD (Reuters) – Iran denied on Monday that its forces had entered Iraq.", "iran-"},
		{"ANKARA (Reuters) – Syria's government said its troops had crossed into Turkey.", "sy-"},
	} {
		cs := extractWithPack(t, tt.text)
		found := false
		for _, c := range cs {
			for _, a := range c.Actors {
				if strings.HasPrefix(a.PackID, tt.want) {
					found = true
				}
			}
		}
		if !found {
			t.Errorf("%q: no actor of %s in %+v", tt.text, tt.want, cs)
		}
	}
}

// TestDeniedPresencePlace: where a denial or a confirmation says forces
// are or are not is their destination, as for a claim of their presence.
func TestDeniedPresencePlace(t *testing.T) {
	for _, text := range []string{
		"The government has long denied claims that Chadian troops were in Darfur.",
		"Kigali denied reports that Rwandan soldiers were in North Kivu.",
		"The ministry confirmed that Iranian advisers were in Crimea.",
	} {
		cs := extractWithPack(t, text)
		if len(cs) == 0 {
			t.Errorf("%q: no claim", text)
			continue
		}
		ok := false
		for _, p := range cs[0].Places {
			ok = ok || p.Role == claim.RoleDestination
		}
		if !ok {
			t.Errorf("%q: places %+v, want a destination", text, cs[0].Places)
		}
	}
}

// TestDeniedDeedOfAState: a state whose deed a stance names as a noun after
// it ("denied Eritrea's involvement", "Chad's role") acts in the claim.
func TestDeniedDeedOfAState(t *testing.T) {
	for _, tt := range []struct{ text, state string }{
		{"Officials in Khartoum have repeatedly denied Chad's role in the fighting.", "Chad"},
		{"The ministry rejected reports of Iran's participation in the war.", "Iran"},
		{"The governments of Uganda and Congo have denied Rwanda's involvement.", "Rwanda"},
		{"Bamako confirmed Niger's presence along the border.", "Niger"},
	} {
		cs := extractWithPack(t, tt.text)
		if len(cs) == 0 {
			t.Errorf("%q: no claim", tt.text)
			continue
		}
		found := false
		for _, a := range cs[0].Actors {
			found = found || a.Name == tt.state
		}
		if !found {
			t.Errorf("%q: actors %+v, want %s", tt.text, cs[0].Actors, tt.state)
		}
	}
}

// TestCountedWithoutItsNoun: figures whose noun is left out, kept apart by
// a determiner, or is a people: the subject of an outcome counts people
// ("Dozens have been reported killed"), suffered wounds are the wounded,
// "dozens of such trainers" counts trainers, and a people counted in a
// movement counts its fighters.
func TestCountedWithoutItsNoun(t *testing.T) {
	tests := []struct {
		text string
		min  float64
		unit string
	}{
		{"Dozens have been reported killed since the fighting broke out near Kidal.", 24, "people killed"},
		{"Hundreds have been killed in the clashes between the army and the rebels.", 100, "people killed"},
		{"Hundreds have been reported wounded since the militias attacked the town.", 100, "wounded"},
		{"Over 1,500 soldiers have suffered serious wounds in the offensive.", 1500, "wounded"},
		{"About 300 fighters have suffered injuries since the army attacked the town.", 300, "wounded"},
		{"Officials said dozens of such advisers had been sent to Mali.", 24, "advisers"},
		{"Sources said hundreds of these mercenaries were flown to Libya.", 100, "mercenary fighters"},
		{"He said nearly 2,000 Chadians were set to be deployed to Sudan.", 2000, "Chadian fighters"},
		{"Some 400 Afghans were sent to Syria last year, the monitor said.", 400, "Afghan fighters"},
		{"Around 800 Syrians were transferred to Libya through Turkey.", 800, "Syrian fighters"},
	}
	for _, tt := range tests {
		cs := extractWithPack(t, tt.text)
		found := false
		for _, c := range cs {
			for _, q := range c.Quantities {
				found = found || q.Min == tt.min && q.Unit == tt.unit
			}
		}
		if !found {
			var got [][]claim.Quantity
			for _, c := range cs {
				got = append(got, c.Quantities)
			}
			t.Errorf("%q: no %v %s in %+v", tt.text, tt.min, tt.unit, got)
		}
	}
}

// TestFightingAsPartOfPresence: a participle of fighting after a claim of
// forces sent or present ("…, fighting against the army") is their part
// in that happening: one claim, whose actors are the forces sent.
func TestFightingAsPartOfPresence(t *testing.T) {
	for _, tt := range []struct{ text, actor string }{
		{"A monitor said there were already some 900 Chadian fighters in Darfur, fighting against the Sudanese army.", "Chadian fighters"},
		{"Officials said Chadian fighters were sent to Darfur, battling the Sudanese army near El Geneina.", "Chadian fighters"},
		{"Residents said Chadian fighters had entered Darfur, attacking Sudanese army posts.", "Chadian fighters"},
	} {
		cs := extractWithPack(t, tt.text)
		if len(cs) != 1 {
			t.Errorf("%q: %d claims, want 1: %+v", tt.text, len(cs), cs)
			continue
		}
		if len(cs[0].Actors) == 0 || cs[0].Actors[0].Name != tt.actor || cs[0].Action != claim.ActionDeploy {
			t.Errorf("%q: %s %+v, want deploy by %s", tt.text, cs[0].Action, cs[0].Actors, tt.actor)
		}
	}
}

// TestStateSendsBareForces: when a state sends forces named only by
// their class ("Turkey sent jihadists"), the forces sent are actors
// beside the sender.
func TestStateSendsBareForces(t *testing.T) {
	for _, tt := range []struct{ text, force string }{
		{"Officials said Chad sent mercenaries to Darfur.", "mercenaries"},
		{"Iran has dispatched some 300 militiamen to Syria, the monitor said.", "militiamen"},
		{"The ministry denied that Rwanda had deployed soldiers there.", "soldiers"},
	} {
		cs := extractWithPack(t, tt.text)
		found := false
		for _, c := range cs {
			for _, a := range c.Actors {
				found = found || a.Name == tt.force
			}
		}
		if !found {
			t.Errorf("%q: no actor %q in %+v", tt.text, tt.force, cs)
		}
	}
}

// TestHiredFightersCounted: mercenaries and proxies are counted as the
// fighters they are, so that their figures meet other counts of fighters.
func TestHiredFightersCounted(t *testing.T) {
	for _, tt := range []struct {
		text string
		unit string
	}{
		{"Officials said there were already close to 900 foreign mercenaries in Darfur.", "mercenary fighters"},
		{"A monitor said Chad had sent at least 300 proxies to Darfur.", "proxy fighters"},
		{"Around 1,200 mercenaries have been flown to Libya, the monitor said.", "mercenary fighters"},
	} {
		cs := extractWithPack(t, tt.text)
		if len(cs) == 0 || len(cs[0].Quantities) == 0 || cs[0].Quantities[0].Unit != tt.unit {
			t.Errorf("%q: %+v, want a count of %s", tt.text, cs, tt.unit)
		}
	}
}

// TestCurrencySign: a currency sign before a number is the figure's unit.
func TestCurrencySign(t *testing.T) {
	for _, tt := range []struct {
		text string
		min  float64
	}{
		{"The fighters are paid $500 a month, residents said.", 500},
		{"Recruits were told they would earn around $1,200 a month.", 1200},
		{"The militiamen are paid $800 a month, a commander said.", 800},
	} {
		cs := extractWithPack(t, tt.text)
		if len(cs) == 0 || len(cs[0].Quantities) == 0 || cs[0].Quantities[0].Unit != "USD" || cs[0].Quantities[0].Min != tt.min {
			t.Errorf("%q: %+v, want %v USD", tt.text, cs, tt.min)
		}
	}
}

// TestGroupAnaphorSpeaker: "both men", "the other fighter", "the two
// rebels" take up the unnamed group that spoke before, with its relays;
// "other rebels" without the article are new speakers.
func TestGroupAnaphorSpeaker(t *testing.T) {
	lead := "Two Chadian fighters, who spoke to Agency X, said they would be sent to Darfur.\n\n"
	for _, tt := range []struct {
		next string
		same bool
	}{
		{"Both men said they had been told they would earn $600 a month.", true},
		{"The other fighter said he had been told 500 Chadians were set to be deployed to Darfur.", true},
		{"The two fighters said they had been told they would earn $600 a month.", true},
		{"Other rebels, who declined to be named, said 700 fighters were sent to Darfur.", false},
	} {
		cs := extractWithPack(t, lead+tt.next)
		if len(cs) < 2 || len(cs[len(cs)-1].Attribution) == 0 {
			t.Errorf("%q: %+v", tt.next, cs)
			continue
		}
		got := cs[len(cs)-1].Attribution[0].Who == "Two Chadian fighters"
		if got != tt.same {
			t.Errorf("%q: speaker %+v, same as the two fighters %v, want %v", tt.next, cs[len(cs)-1].Attribution, got, tt.same)
		}
	}
}

// TestCountedGroupAnaphor: "the two men" takes up the group named with its
// number, passing over other unnamed speakers quoted since ("other
// rebels"); "both men" still takes up the group that spoke last.
func TestCountedGroupAnaphor(t *testing.T) {
	lead := "Two Chadian fighters, who spoke to Agency X, said they would be sent to Darfur.\n\n" +
		"Other rebels, who declined to be named, said 700 fighters were sent to Darfur.\n\n"
	for _, tt := range []struct {
		next, want string
	}{
		{"The two men said they expected to be sent on May 3 to guard a depot.", "Two Chadian fighters"},
		{"The two fighters, who spoke to Agency X last week, said they would earn $600 a month.", "Two Chadian fighters"},
		{"The two volunteers said they would be flown to Darfur next week.", "Two Chadian fighters"},
		{"Both men said they had been told they would earn $600 a month.", "Other rebels"},
	} {
		cs := extractWithPack(t, lead+tt.next)
		if len(cs) < 3 || len(cs[len(cs)-1].Attribution) == 0 {
			t.Errorf("%q: %+v", tt.next, cs)
			continue
		}
		if got := cs[len(cs)-1].Attribution[0].Who; got != tt.want {
			t.Errorf("%q: speaker %q, want %q", tt.next, got, tt.want)
		}
	}
}

// TestHeAfterTitledSubject: a person with a title opening a sentence is
// the one a later "he" means, though that sentence gave him as no speaker.
func TestHeAfterTitledSubject(t *testing.T) {
	for _, tt := range []struct{ text, who string }{
		{"President Mahamat Deby on Monday demanded that Sudan explain the shelling. He alleged that 300 Sudanese fighters had crossed into Chad.", "Mahamat Deby"},
		{"General Ali Hassan, the head of the northern command, went against those denials. He said that Chadian troops had entered Darfur.", "Ali Hassan"},
		{"Foreign Minister Amina Diallo visited the border on Tuesday. She said that 200 Malian fighters had crossed into Niger.", "Amina Diallo"},
	} {
		cs := extractWithPack(t, tt.text)
		if len(cs) == 0 {
			t.Errorf("%q: no claim", tt.text)
			continue
		}
		last := cs[len(cs)-1]
		if len(last.Attribution) == 0 || last.Attribution[0].Who != tt.who {
			t.Errorf("%q: speaker %+v, want %s", tt.text, last.Attribution, tt.who)
		}
	}
}

// TestPeopleForTheirForces: a people named with "the" ("the Rwandans had
// promised to leave") in a text about its state's forces is those
// forces; with no such force before, it adds none.
func TestPeopleForTheirForces(t *testing.T) {
	for _, tt := range []struct {
		text, want string
	}{
		{"Officials said Rwandan soldiers had crossed into North Kivu. The Rwandans had promised to leave once the Congolese army could hold the border.", "Rwanda"},
		{"The White House said Iranian troops were in Crimea. Russian forces used drones there. “We know that the Iranians have put trainers in Crimea,” Kirby said.", "Iran"},
		{"The premier said Eritrean troops had entered along the frontier. The Eritreans had agreed to withdraw once Ethiopia's army could hold it.", "Eritrean"},
		{"Rebels clashed with militiamen near Gao. The Malians had pledged to leave once the army could hold the border.", ""},
	} {
		cs := extractWithPack(t, tt.text)
		if len(cs) < 2 {
			t.Errorf("%q: %+v", tt.text, cs)
			continue
		}
		var got []string
		for _, a := range cs[len(cs)-1].Actors {
			if a.PackID != "" {
				got = append(got, a.Name)
			}
		}
		ok := slices.ContainsFunc(got, func(n string) bool { return tt.want != "" && strings.Contains(n, tt.want) })
		if tt.want == "" {
			ok = !slices.ContainsFunc(got, func(n string) bool { return strings.Contains(n, "Mali") })
		}
		if !ok {
			t.Errorf("%q: pack actors %v of the last claim, want one of %q", tt.text, got, tt.want)
		}
	}
}

// TestPeopleTakesUpItsForce: "the Eritreans" after Eritrean troops are
// those troops; a people the text named no force of is no force.
func TestPeopleTakesUpItsForce(t *testing.T) {
	for _, tt := range []struct {
		text, force string // a force the later claim must name; with "!", must not
	}{
		{"The minister said on Monday that Chadian troops had entered Darfur because they feared an attack, adding that the Chadians had promised to leave when Sudan's army was able to control the border.", "Chadian"},
		{"Residents said Eritrean soldiers were in Tigray. They said the Eritreans had attacked local forces near the border.", "Eritrea"},
		{"The president said on Friday that Rwandan troops had crossed into Congo because they feared an attack, adding that the Rwandans had promised to withdraw when Congo's army was able to control the border.", "Rwanda"},
		{"Witnesses said Rwandan troops had crossed into North Kivu. A diplomat said the Ugandans had entered Goma.", "!Uganda"},
	} {
		cs := extractWithPack(t, tt.text)
		var names []string
		for _, c := range cs[1:] {
			for _, a := range c.Actors {
				names = append(names, a.Name)
			}
		}
		want, not := strings.CutPrefix(tt.force, "!")
		got := strings.Contains(strings.Join(names, "|"), want)
		if got == not {
			t.Errorf("%q: later actors %q, want %s", tt.text, names, tt.force)
		}
	}
}

// TestFigureReportUnit: a figure report whose figure names nothing it
// counts ("other rebels gave figures of between 700 and 1,000") counts what
// the text's last figure counted; a figure with its own noun keeps it.
func TestFigureReportUnit(t *testing.T) {
	lead := "A commander said nearly 600 Chadians were set to be deployed to Darfur. "
	for _, tt := range []struct {
		next, unit string
		min        float64
	}{
		{"Other rebels, who declined to be named, gave figures of between 400 and 600.", "Chadian fighters", 400},
		{"Two officials put the number at about 800.", "Chadian fighters", 800},
		{"Local sources gave a figure of nearly 900.", "Chadian fighters", 900},
		{"Other rebels gave figures of between 400 and 600 mercenaries.", "mercenary fighters", 400},
	} {
		cs := extractWithPack(t, lead+tt.next)
		if len(cs) < 2 {
			t.Errorf("%q: %+v", tt.next, cs)
			continue
		}
		qs := cs[len(cs)-1].Quantities
		if len(qs) == 0 || qs[0].Unit != tt.unit || qs[0].Min != tt.min {
			t.Errorf("%q: quantities %+v, want %v %s", tt.next, qs, tt.min, tt.unit)
		}
	}
}

// TestWhereTheyDoNotActors: "…, where they train Russian personnel"
// after a claim of forces somewhere names whom they work with there, not
// who moved; "where they went" names no one and keeps the places after it.
func TestWhereTheyDoNotActors(t *testing.T) {
	for _, tt := range []struct{ text, not, place string }{
		{"Sources said Iranian instructors were present in Crimea, where they train Russian military personnel.", "Russian", ""},
		{"Officials said Chadian advisers had been sent to Darfur, where they assist Sudanese forces with drones.", "Sudanese", ""},
		{"A monitor said Turkish trainers were deployed to Libya, where they instruct local militias.", "militias", ""},
		{"He did not say when the soldiers crossed the border, where they went, or whether they were still in Ethiopia.", "", "Ethiopia"},
	} {
		cs := extractWithPack(t, tt.text)
		if len(cs) == 0 {
			t.Errorf("%q: no claim", tt.text)
			continue
		}
		for _, a := range cs[0].Actors {
			if tt.not != "" && strings.Contains(a.Name, tt.not) {
				t.Errorf("%q: actor %q", tt.text, a.Name)
			}
		}
		if tt.place != "" && !slices.ContainsFunc(cs[0].Places, func(p claim.Place) bool { return p.Name == tt.place }) {
			t.Errorf("%q: places %+v lack %s", tt.text, cs[0].Places, tt.place)
		}
	}
}
