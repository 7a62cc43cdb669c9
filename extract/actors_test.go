package extract_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/triangulate/triangulate/claim"
)

func actorNames(c claim.Claim) []string {
	var out []string
	for _, a := range c.Actors {
		out = append(out, a.Name)
	}
	return out
}

// lastClaim returns the last claim of text, failing when there is none.
func lastClaim(t *testing.T, text string) (claim.Claim, bool) {
	t.Helper()
	cs := extractWithPack(t, text)
	if len(cs) == 0 {
		t.Errorf("%q: no claim", text)
		return claim.Claim{}, false
	}
	return cs[len(cs)-1], true
}

// TestTheyAreTheLatestMovers: a "they" opening a clause means the forces
// that moved in the latest claim of a movement, all of them, even when
// named by a bare noun; not the force the text named most, nor a definite
// noun later in the clause.
func TestTheyAreTheLatestMovers(t *testing.T) {
	for _, tt := range []struct {
		text string
		want []string
	}{
		{"Chadian and Sudanese government troops took control of Adre on Monday. They were heading to the town of Geneina.",
			[]string{"Chadian National Army", "Sudanese Armed Forces"}},
		{"Rwandan and Ugandan government forces entered Beni in May. They were later sent to Goma, wary of mines laid by the fighters on the run.",
			[]string{"Rwanda Defence Force", "Uganda People's Defence Force"}},
		{"Fighters are first sent to the border town of Kilis, a source said. Then they are taken to Gaziantep to fly to Baku.",
			[]string{"Fighters"}},
		{"Turkish troops entered Libya in May. Turkey later sent mercenaries to Libya. They were then moved to Sirte.",
			[]string{"mercenaries"}},
		{"Eritrean soldiers entered Tigray in November. Local militias crossed into Amhara in December. They were attacking via Humera.",
			[]string{"Local militias"}},
	} {
		c, ok := lastClaim(t, tt.text)
		if ok && !slices.Equal(actorNames(c), tt.want) {
			t.Errorf("%q: actors %q, want %q", tt.text, actorNames(c), tt.want)
		}
	}
}

// TestCoordinatedStateForces: "Ethiopian and Somali government forces"
// are each state's force, as each demonym alone would give.
func TestCoordinatedStateForces(t *testing.T) {
	for _, tt := range []struct {
		text string
		want []string
	}{
		{"Ethiopian and Somali government forces took control of Jilib district on Monday.", []string{"Ethiopian National Defense Force", "Somali Armed Forces"}},
		{"Rwandan and Ugandan troops entered Beni in May.", []string{"Rwanda Defence Force", "Uganda People's Defence Force"}},
		{"Chadian and Sudanese soldiers crossed into Darfur in June.", []string{"Chadian National Army", "Sudanese Armed Forces"}},
	} {
		c, ok := lastClaim(t, tt.text)
		if ok && !slices.Equal(actorNames(c), tt.want) {
			t.Errorf("%q: actors %q, want %q", tt.text, actorNames(c), tt.want)
		}
	}
}

// TestForceNounAsModifier: a force noun that modifies the noun after it
// ("a military offensive", "military cargo") names no actor, unless a
// state owns it ("Rwandan military involvement").
func TestForceNounAsModifier(t *testing.T) {
	for _, tt := range []struct {
		text string
		not  string // no actor may hold this
		want string // an actor must be this ("" for none required)
	}{
		{"Sudan denied that its troops had crossed the border in support of a federal government military offensive.", "military", "Sudanese Armed Forces"},
		{"Rwanda denied that its soldiers had entered Congo to back an army offensive near Goma.", "army", "Rwanda Defence Force"},
		{"Chad denied that its troops had crossed into Darfur to guard a military convoy.", "military", "Chadian National Army"},
		{"Washington said it was aware of reports of Rwandan military involvement in North Kivu.", "", "Rwanda Defence Force"},
	} {
		c, ok := lastClaim(t, tt.text)
		if !ok {
			continue
		}
		names := actorNames(c)
		if tt.not != "" && slices.ContainsFunc(names, func(n string) bool { return strings.Contains(n, tt.not) }) {
			t.Errorf("%q: actors %q hold %q", tt.text, names, tt.not)
		}
		if tt.want != "" && !slices.Contains(names, tt.want) {
			t.Errorf("%q: actors %q lack %q", tt.text, names, tt.want)
		}
	}
}

// TestDenierAnswersForItsForces: a state's denial in its official's own
// words names that state's forces the text told of before, also when the
// earlier claim was itself a denial.
func TestDenierAnswersForItsForces(t *testing.T) {
	for _, tt := range []struct{ text, want string }{
		{"Chad denied that its troops had crossed into Darfur. “We are not part of this war,” Chad's Foreign Minister Ali Hassan told reporters.", "Chadian National Army"},
		{"Rwanda has denied that its soldiers entered North Kivu. “We are not part of the conflict,” Rwanda's Foreign Minister Paul Ndoli said on Monday.", "Rwanda Defence Force"},
		{"Chadian troops were killed in Darfur, witnesses said. Chad denied the claims, calling them propaganda.", "Chadian National Army"},
	} {
		c, ok := lastClaim(t, tt.text)
		if ok && (c.Action != claim.ActionDeny || !slices.Contains(actorNames(c), tt.want)) {
			t.Errorf("%q: %s by %q, want a denial naming %q", tt.text, c.Action, actorNames(c), tt.want)
		}
	}
}

// TestGroupLists: a list of groups sharing one plural noun names each of
// them; ordinals take the noun in the singular.
func TestGroupLists(t *testing.T) {
	for _, tt := range []struct {
		text string
		want []string
	}{
		{"The Rwandan units involved in the conflict are from the 3rd, 7th and 21st brigades, the sources said.", []string{"3rd brigade", "7th brigade", "21st brigade"}},
		{"The Chadian army units sent to Darfur come from the 2nd, 5th, and 11th divisions.", []string{"2nd division", "5th division", "11th division"}},
		{"Around 300 fighters from the Hamza, al-Hamra and Sultan Murad factions arrived in Libya on Friday.", []string{"Hamza", "al-Hamra", "Sultan Murad Division"}},
		{"Militiamen of the Kata'ib, al-Nujaba and Badr groups crossed into Syria.", []string{"Kata'ib", "Harakat Hezbollah al-Nujaba", "Badr Organization"}},
	} {
		c, ok := lastClaim(t, tt.text)
		if !ok {
			continue
		}
		for _, w := range tt.want {
			if !slices.Contains(actorNames(c), w) {
				t.Errorf("%q: actors %q lack %q", tt.text, actorNames(c), w)
			}
		}
	}
}

// TestBelongingNotAClause: ", belonging to the X faction," says whose the
// noun before it is; the claim goes on past it to its destination.
func TestBelongingNotAClause(t *testing.T) {
	for _, text := range []string{
		"Turkey has sent a new wave of at least 150 fighters, belonging to the Sultan Murad faction, to western Libya.",
		"Chad has sent about 200 fighters, affiliated with the Sultan Murad faction, to western Libya.",
		"Sudan sent some 300 fighters, linked to the Sultan Murad faction, to western Libya.",
	} {
		c, ok := lastClaim(t, text)
		if !ok {
			continue
		}
		if !slices.Contains(actorNames(c), "Sultan Murad Division") || !slices.ContainsFunc(c.Places, func(p claim.Place) bool { return p.Role == claim.RoleDestination }) {
			t.Errorf("%q: actors %q places %+v, want the Sultan Murad Division sent to a destination", text, actorNames(c), c.Places)
		}
	}
}

// TestAccuserNotAnActor: who raises accusations of a deed by a force, or
// has information on it, is no actor of the deed.
func TestAccuserNotAnActor(t *testing.T) {
	for _, tt := range []struct{ text, want, not string }{
		{"The Congolese government had also raised accusations of widespread looting and rights abuses by Rwandan soldiers.", "Rwanda Defence Force", "Congolese government"},
		{"Uganda's government has made allegations of killings by Rwandan troops in North Kivu.", "Rwanda Defence Force", "Ugandan government"},
		{"Mali has reliable information about the involvement of Wagner fighters in the fighting near Gao.", "Wagner Group", "Mali"},
	} {
		c, ok := lastClaim(t, tt.text)
		if ok && (!slices.Contains(actorNames(c), tt.want) || slices.Contains(actorNames(c), tt.not)) {
			t.Errorf("%q: actors %q, want %q and not %q", tt.text, actorNames(c), tt.want, tt.not)
		}
	}
}

// TestConfirmerVouchesForTheForce: a titled person who goes against the
// denials, naming no force, vouches for the force the text is about.
func TestConfirmerVouchesForTheForce(t *testing.T) {
	lead := "Residents said Chadian troops had entered Darfur in May. Chad denied the reports. "
	for _, next := range []string{
		"General Ali Hassan, the head of the army's northern command, went against those denials in a video.",
		"But General Ali Hassan went against those denials in a video posted on Monday.",
		"Colonel Amina Diallo, a senior army officer, went against the denials on Tuesday.",
	} {
		c, ok := lastClaim(t, lead+next)
		if !ok {
			continue
		}
		names := actorNames(c)
		if c.Action != claim.ActionConfirm || len(names) < 2 || !slices.Contains(names, "Chadian National Army") {
			t.Errorf("%q: %s by %q, want the officer and the Chadian National Army", next, c.Action, names)
		}
	}
}

// TestDescribedForceKeepsItsWords: a force the text describes in its own
// words ("alleged mercenaries", "other auxiliary units") is named so, not
// by the force named before with the same noun.
func TestDescribedForceKeepsItsWords(t *testing.T) {
	lead := "Officials said mercenaries from northern Syria entered Libya in May. "
	for _, tt := range []struct{ next, want string }{
		{"In June, videos and photos of alleged mercenaries appeared on social media.", "alleged mercenaries"},
		{"A reporter published a photo that showed alleged mercenaries being transported to Libya.", "alleged mercenaries"},
		{"Residents said suspected mercenaries were seen crossing into Libya.", "suspected mercenaries"},
		{"Other auxiliary units are believed to have also been involved in the conflict, the sources said.", "auxiliary units"},
		{"Some reserve units were later sent to Libya as well.", "reserve units"},
	} {
		c, ok := lastClaim(t, lead+tt.next)
		if ok && !slices.Contains(actorNames(c), tt.want) {
			t.Errorf("%q: actors %q, want %q", tt.next, actorNames(c), tt.want)
		}
	}
}

// TestRoleIsNoActor: "as border guards" is the role the actors take, not
// an actor of its own; "such as" lists actors.
func TestRoleIsNoActor(t *testing.T) {
	for _, tt := range []struct{ text, want, not string }{
		{"Syrian rebel fighters have signed up to work for a private security company as border guards in Libya.", "Syrian rebel fighters", "border guards"},
		{"Hundreds of Sudanese men were recruited as mercenaries and sent to Libya.", "Sudanese men", "mercenaries"},
		{"Chadian fighters were sent to Libya as paid guards for oil fields, a monitor said.", "Chadian fighters", "paid guards"},
	} {
		c, ok := lastClaim(t, tt.text)
		if ok && (!slices.Contains(actorNames(c), tt.want) || slices.Contains(actorNames(c), tt.not)) {
			t.Errorf("%q: actors %q, want %q and not %q", tt.text, actorNames(c), tt.want, tt.not)
		}
	}
}

// TestStateSendsForcesNamedBefore: the forces a state sent, named before
// the relative clause that sends them ("the mercenaries it brought"), are
// actors beside the state.
func TestStateSendsForcesNamedBefore(t *testing.T) {
	for _, tt := range []struct{ text, state, force string }{
		{"The minister said Armenia must “send back the mercenaries and terrorists it brought from abroad”.", "Armenia", "mercenaries and terrorists"},
		{"Officials said Chad must withdraw the militiamen which it had sent to Darfur.", "Chad", "militiamen"},
		{"Rwanda must recall the soldiers that it has deployed to North Kivu, the minister said.", "Rwanda", "soldiers"},
	} {
		c, ok := lastClaim(t, tt.text)
		if ok && (!slices.Contains(actorNames(c), tt.state) || !slices.Contains(actorNames(c), tt.force)) {
			t.Errorf("%q: actors %q, want %q and %q", tt.text, actorNames(c), tt.state, tt.force)
		}
	}
}

// TestBodiesOfSeveralStates: "the governments of both A and B", "the
// armies of A and B" name each state's body or force, also as the party
// that denies.
func TestBodiesOfSeveralStates(t *testing.T) {
	for _, tt := range []struct {
		text string
		want []string
	}{
		{"The governments of both Chad and Sudan have repeatedly denied the reports.", []string{"Chadian government", "Sudanese government"}},
		{"The governments of Rwanda and Uganda rejected the reports on Monday.", []string{"Rwandan government", "Ugandan government"}},
		{"The armies of Rwanda and Uganda entered Congo in 1998.", []string{"Rwanda Defence Force", "Uganda People's Defence Force"}},
		{"The authorities of Chad and Sudan denied that troops had crossed the border.", []string{"Chadian authorities", "Sudanese authorities"}},
	} {
		c, ok := lastClaim(t, tt.text)
		if !ok {
			continue
		}
		for _, w := range tt.want {
			if !slices.Contains(actorNames(c), w) {
				t.Errorf("%q: actors %q lack %q", tt.text, actorNames(c), w)
			}
		}
		for _, n := range actorNames(c) {
			if strings.Contains(n, " of ") {
				t.Errorf("%q: actor %q is the phrase, not its bodies", tt.text, n)
			}
		}
	}
}

// TestNoCommentBody: the state body that does not answer is the actor of
// a no-comment, beside that state's forces named before.
func TestNoCommentBody(t *testing.T) {
	lead := "Chadian troops were seen in Darfur, residents said. "
	for _, tt := range []struct{ next, body string }{
		{"There was no immediate comment from Chad's defence ministry.", "Chadian defence ministry"},
		{"There was no immediate reaction from the Chadian foreign ministry.", "Chadian foreign ministry"},
		{"There was no immediate comment from Chad’s government.", "Chadian government"},
	} {
		c, ok := lastClaim(t, lead+tt.next)
		if ok && (c.Action != claim.ActionNoComment || !slices.Equal(actorNames(c), []string{tt.body, "Chadian National Army"})) {
			t.Errorf("%q: %s by %q, want %q and the Chadian National Army", tt.next, c.Action, actorNames(c), tt.body)
		}
	}
}

// TestPersonSubjectNames: a titled person's name runs over the particles
// joined to it.
func TestPersonSubjectNames(t *testing.T) {
	for _, tt := range []struct{ text, who string }{
		{"General Abdel Fattah al-Burhan launched an assault on Geneina in June that left dozens dead.", "Abdel Fattah al-Burhan"},
		{"President Mahamat Idriss Deby launched an offensive near Adre in May that left hundreds dead.", "Mahamat Idriss Deby"},
		{"Colonel Amadou Diarra ordered an offensive near Kidal in March that left 40 dead.", "Amadou Diarra"},
	} {
		c, ok := lastClaim(t, tt.text)
		if ok && !slices.Contains(actorNames(c), tt.who) {
			t.Errorf("%q: actors %q, want %q", tt.text, actorNames(c), tt.who)
		}
	}
}

// TestPeopleSendsForces: a people standing for its state ("the
// Iranians") that sends or puts forces somewhere names the forces sent
// beside it, as a state that sends does.
func TestPeopleSendsForces(t *testing.T) {
	lead := "Residents said Chadian soldiers were in Darfur. "
	for _, tt := range []struct{ next, force string }{
		{"The Chadians later sent advisers to Geneina, a diplomat said.", "advisers"},
		{"The Chadians have put trainers in Geneina, a diplomat said.", "trainers"},
		{"The Chadians have deployed instructors in Geneina, a diplomat said.", "instructors"},
	} {
		c, ok := lastClaim(t, lead+tt.next)
		if ok && (!slices.Contains(actorNames(c), "Chadian National Army") || !slices.Contains(actorNames(c), tt.force)) {
			t.Errorf("%q: actors %q, want the Chadian National Army and %q", tt.next, actorNames(c), tt.force)
		}
	}
}

// TestCompoundBody: "a government-imposed blackout" was imposed by the
// government of the country the text is about.
func TestCompoundBody(t *testing.T) {
	for _, tt := range []struct{ text, want string }{
		{"Security forces cracked down on protesters across Iran. A government-imposed communications blackout has now entered its second week.", "Iranian government"},
		{"Police fired on protesters in Sudan on Monday. A government-ordered internet shutdown has continued since Tuesday.", "Sudanese government"},
		{"Troops fired on protesters in Myanmar on Friday. A regime-imposed internet blackout has lasted for ten days.", "Burmese regime"},
	} {
		c, ok := lastClaim(t, tt.text)
		if ok && !slices.Contains(actorNames(c), tt.want) {
			t.Errorf("%q: actors %q, want %q", tt.text, actorNames(c), tt.want)
		}
	}
}

// TestGenericNounTakesUpGroup: a definite generic force noun ("the
// fighters") takes up the latest armed group whatever its own noun; a
// state's force is no such group, and a specific noun the text has not
// used is a group of its own.
func TestGenericNounTakesUpGroup(t *testing.T) {
	for _, tt := range []struct{ text, want string }{
		{"Turkey sent Syrian mercenaries to Libya in May. The fighters were later moved to Sirte.", "Syrian mercenaries"},
		{"Chad sent Darfuri rebels to Libya in May. The militants were later moved to Sirte.", "Darfuri rebels"},
		{"Kataib Hezbollah members crossed into Syria. The combatants were later sent to Deir ez-Zor.", "Kataib Hezbollah"},
		{"Malian troops entered Niger in May. The fighters, who were trained in Libya, were later sent to the Sahel.", "fighters"},
		{"Syrian mercenaries entered Libya in May. The militiamen, who were trained in Chad, were later sent to the Sahel.", "militiamen"},
	} {
		c, ok := lastClaim(t, tt.text)
		if ok && !slices.Equal(actorNames(c), []string{tt.want}) {
			t.Errorf("%q: actors %q, want %q", tt.text, actorNames(c), tt.want)
		}
	}
}

// TestQuotedDenierActs: a person whose quoted words call a claim false
// is an actor of the denial, beside the force it is about.
func TestQuotedDenierActs(t *testing.T) {
	for _, text := range []string{
		"“Rumours of militants from Syria allegedly being redeployed to Libya are complete nonsense,” said Ali Hassan.",
		"“Reports that Chadian troops crossed into Darfur are a lie,” Ali Hassan told reporters.",
		"“The claim that Chadian troops entered Darfur is false,” said Foreign Minister Ali Hassan.",
	} {
		c, ok := lastClaim(t, text)
		if ok && (c.Action != claim.ActionDeny || len(c.Actors) < 2 || c.Actors[0].Name != "Ali Hassan") {
			t.Errorf("%q: %s by %q, want a denial by Ali Hassan and the force", text, c.Action, actorNames(c))
		}
	}
}
