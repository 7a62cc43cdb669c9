package extract_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/extract"
)

func extractText(t *testing.T, x *extract.Extractor, text string) []claim.Claim {
	t.Helper()
	src := &claim.Source{Name: "p.txt", Outlet: "Example News", Published: time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC), Text: text + "\n"}
	return x.Extract(src)
}

func actions(cs []claim.Claim) string {
	var out []string
	for _, c := range cs {
		out = append(out, string(c.Action))
	}
	return strings.Join(out, " ")
}

// TestClauseOfItsOwn: a clause with its own subject and verb inside a
// sentence is a claim of its own: after ", where" (a noun subject in any
// case), after "when" following a time, after a comma before a new speaker
// and "that", and after "and" before a new speaker; a pronoun subject or a
// "when" of a question keeps one claim.
func TestClauseOfItsOwn(t *testing.T) {
	x := extract.New(loadPack(t))
	for _, tc := range []struct {
		text string
		want string // the claims' actions, in order
	}{
		// ", where" and a subject in lower case.
		{"Kenya sent troops into Somalia, where units of the Ethiopian army clashed with militants in May.", "deploy clash"},
		{"Kenya sent troops into Somalia, where soldiers of the Ethiopian army clashed with militants in May.", "deploy clash"},
		{"Kenya sent troops into Somalia, where members of Ethiopian special forces had clashed with militants in May.", "deploy clash"},
		// A pronoun subject goes on with the clause before.
		{"Militiamen were seen in several cities inside Iran, including Hamedan, where they have reportedly taken part in suppressing protests.", "deploy"},
		// "when" after a time.
		{"Syrian fighters arrived in Libya in May when Turkish troops attacked Tripoli.", "deploy clash"},
		{"Syrian fighters arrived in Libya last week when Turkish troops attacked Tripoli.", "deploy clash"},
		{"Syrian fighters arrived in Libya on Monday when Turkish troops attacked Tripoli.", "deploy clash"},
		// "when" of a question.
		{"The general confirmed that Eritrean troops entered Tigray, without specifying when the soldiers crossed the border.", "deploy data-gap"},
		// A new speaker after a comma.
		{"Details remain sketchy as to the number of soldiers killed, the sources reveal that soldiers were sent into Tigray.", "data-gap deploy"},
		{"Details remain sketchy as to the number of soldiers killed, the officials said that soldiers were sent into Tigray.", "data-gap deploy"},
		{"Details remain sketchy as to the number of soldiers killed, the residents told Reuters that soldiers were sent into Tigray.", "data-gap deploy"},
		// A new speaker after "and".
		{"Uganda has accused Rwanda of sending troops into Congo and on Monday the UN said Kigali had dispatched at least 300 soldiers to Goma.", "deploy deploy"},
		{"Uganda has accused Rwanda of sending troops into Congo and the UN said Kigali had dispatched at least 300 soldiers to Goma.", "deploy deploy"},
		{"Uganda has accused Rwanda of sending troops into Congo and on Tuesday the monitors reported that Kigali had dispatched at least 300 soldiers to Goma.", "deploy deploy"},
		// ", where" and a verb that is no trigger but heads a clause.
		{"Sudan denied claims that Chadian troops were in Darfur, where President Deby launched an offensive against rebels in March.", "deny clash"},
		{"Sudan denied claims that Chadian troops were in Darfur, where the president began an offensive against rebels in March.", "deny clash"},
		{"Sudan denied claims that Chadian troops were in Darfur, where the army had started an offensive against rebels in March.", "deny clash"},
		// "after" and a definite subject with its own verb.
		{"Rebels accused Chad of sending soldiers across the border after the government of President Deby launched an offensive last week.", "deploy clash"},
		{"Rebels accused Chad of sending soldiers across the border after the army launched an offensive last week.", "deploy clash"},
		{"Rebels accused Chad of sending soldiers across the border after the federal government began an offensive last week.", "deploy clash"},
		// "after" and a gerund stays the setting.
		{"Some 4,000 fighters took part in hostilities after being deployed by Turkey.", "clash"},
		// Coordinated speakers are one.
		{"Officials from Uganda and Rwanda said troops had entered Congo.", "deploy"},
	} {
		if got := actions(extractText(t, x, tc.text)); got != tc.want {
			t.Errorf("%q: claims %q, want %q", tc.text, got, tc.want)
		}
	}
}

// TestCitingInterjection: "A CNN report, citing two officials, says that
// …": the report is the speaker, the officials come first in the chain,
// and what follows "that" is the claim, however long.
func TestCitingInterjection(t *testing.T) {
	x := extract.New(loadPack(t))
	for _, tc := range []struct {
		text string
		want string // the chain
	}{
		{"A CNN report, citing two US intelligence officials, says that Iran has sent military personnel to Crimea to help train Russian troops on the use of drones.", "two US intelligence officials|CNN|Example News"},
		{"A BBC report, quoting three diplomats, said that Rwanda has sent troops to Goma to help train local militias on the use of drones.", "three diplomats|BBC|Example News"},
		{"The Reuters report, citing two sources, says that Rwanda has sent troops to Goma to help train local militias.", "two sources|Reuters|Example News"},
	} {
		cs := extractText(t, x, tc.text)
		if len(cs) != 1 || cs[0].Action != claim.ActionDeploy {
			t.Errorf("%q: claims %q, want one deployment", tc.text, actions(cs))
			continue
		}
		var chain []string
		for _, a := range cs[0].Attribution {
			chain = append(chain, a.Who)
		}
		if got := strings.Join(chain, "|"); got != tc.want {
			t.Errorf("%q: chain %s, want %s", tc.text, got, tc.want)
		}
	}
}

// TestPlacePhrase: a place no pack knows, named after a noun of its kind
// ("to the port of Kismayo"), is the claim's place.
func TestPlacePhrase(t *testing.T) {
	x := extract.New(loadPack(t))
	for _, tc := range []struct{ text, want string }{
		{"The Islamist fighters were heading to the port of Kismayo.", "Kismayo/destination"},
		{"The Islamist fighters were heading to the southern port town of Barawe.", "Barawe/destination"},
		{"The Islamist fighters were heading into the border town of Bunagana.", "Bunagana/destination"},
	} {
		cs := extractText(t, x, tc.text)
		if len(cs) != 1 {
			t.Errorf("%q: %d claims, want 1", tc.text, len(cs))
			continue
		}
		var got []string
		for _, p := range cs[0].Places {
			got = append(got, p.Name+"/"+string(p.Role))
		}
		if strings.Join(got, " ") != tc.want {
			t.Errorf("%q: places %v, want %s", tc.text, got, tc.want)
		}
	}
}

// TestDatelineNotOwner: "its troops" are the forces of the state the
// sentence names, not of the city a wire dateline names.
func TestDatelineNotOwner(t *testing.T) {
	x := extract.New(loadPack(t))
	for _, tc := range []struct{ text, want, not string }{
		{"NAIROBI (Reuters) – Uganda denied on Tuesday that its troops had crossed into South Sudan.", "Uganda People's Defence Force", "Kenya Defence Forces"},
		{"KAMPALA (Reuters) – Rwanda denied on Tuesday that its troops had crossed into Congo.", "Rwanda Defence Force", "Uganda People's Defence Force"},
		{"ADDIS ABABA (Reuters) – Eritrea denied on Tuesday that its troops had crossed into Tigray.", "Eritrean Defence Forces", "Ethiopian National Defense Force"},
	} {
		cs := extractText(t, x, tc.text)
		if len(cs) != 1 {
			t.Errorf("%q: %d claims, want 1", tc.text, len(cs))
			continue
		}
		var names []string
		for _, a := range cs[0].Actors {
			names = append(names, a.Name)
		}
		got := strings.Join(names, "|")
		if !strings.Contains(got, tc.want) || strings.Contains(got, tc.not) {
			t.Errorf("%q: actors %s, want %s and not %s", tc.text, got, tc.want, tc.not)
		}
	}
}

// TestPassiveHedge: "X are believed to have …", "X is said to have …": a
// hedge, and X acts (no speaker).
func TestPassiveHedge(t *testing.T) {
	x := extract.New(loadPack(t))
	for _, text := range []string{
		"Chadian units are believed to have been involved in the fighting in Darfur.",
		"Chadian units are said to have been involved in the fighting in Darfur.",
		"Chadian units were reported to have been involved in the fighting in Darfur.",
	} {
		cs := extractText(t, x, text)
		if len(cs) != 1 || cs[0].Action != claim.ActionClash || cs[0].Modality != claim.Hedged || len(cs[0].Actors) == 0 || cs[0].Actors[0].Name != "Chadian units" {
			t.Errorf("%q: %+v, want one hedged clash by Chadian units", text, cs)
		}
	}
}

// TestAccusedOf: "accused X of sending …": X does the sending.
func TestAccusedOf(t *testing.T) {
	x := extract.New(loadPack(t))
	for _, text := range []string{
		"Uganda accused Rwanda of sending troops into Congo.",
		"Uganda has accused Rwanda of sending troops into Congo.",
		"Uganda suspects Rwanda of sending troops into Congo.",
	} {
		cs := extractText(t, x, text)
		if len(cs) != 1 || cs[0].Action != claim.ActionDeploy || len(cs[0].Actors) == 0 || cs[0].Actors[0].Name != "Rwanda" {
			t.Errorf("%q: %+v, want a deployment by Rwanda", text, cs)
		}
	}
}

// TestSentPronoun: "they expected to be despatched": a pronoun taking up
// the force named before is sent, where the last deployment went; "had
// to die" is no purpose infinitive.
func TestSentPronoun(t *testing.T) {
	x := extract.New(loadPack(t))
	for _, tc := range []struct{ text, want string }{
		{"Rwanda sent fighters to Goma. Two of the fighters said they expected to be despatched on May 3.", "deploy deploy"},
		{"Rwanda sent fighters to Goma. Two of the fighters said they would be dispatched on May 3.", "deploy deploy"},
		{"Rwanda sent fighters to Goma. Two of the fighters said they were sent on May 3.", "deploy deploy"},
		{"Officials said the families want to know why their sons had to die in the Darfur conflict.", "kill"},
		{"Officials said the families want to know why their sons have to die in the Darfur conflict.", "kill"},
		{"Officials said the families want to know why their sons needed to die in the Darfur conflict.", "kill"},
	} {
		if got := actions(extractText(t, x, tc.text)); got != tc.want {
			t.Errorf("%q: claims %q, want %q", tc.text, got, tc.want)
		}
	}
}

// TestFigureDeterminer: "dozens of such trainers", "hundreds of these
// fighters": the figure counts the noun after the determiner.
func TestFigureDeterminer(t *testing.T) {
	x := extract.New(loadPack(t))
	for _, tc := range []struct{ text, want string }{
		{"Dozens of such trainers from Chad have been sent to Darfur.", "24-99 trainers"},
		{"Dozens of these trainers from Chad have been sent to Darfur.", "24-99 trainers"},
		{"Dozens of their trainers from Chad have been sent to Darfur.", "24-99 trainers"},
	} {
		cs := extractText(t, x, tc.text)
		if len(cs) != 1 || len(cs[0].Quantities) != 1 {
			t.Errorf("%q: %+v, want one claim with one figure", tc.text, cs)
			continue
		}
		q := cs[0].Quantities[0]
		if got := fmt.Sprintf("%g-%g %s", q.Min, q.Max, q.Unit); got != tc.want {
			t.Errorf("%q: figure %s, want %s", tc.text, got, tc.want)
		}
	}
}

// TestPlaceOfCountry: "into Ethiopia’s Tigray": a place no pack knows,
// named after the country that holds it, is the claim's place.
func TestPlaceOfCountry(t *testing.T) {
	x := extract.New(loadPack(t))
	for _, tc := range []struct{ text, want string }{
		{"Eritrea denies troop incursion into Ethiopia’s Tigray.", "Tigray/destination"},
		{"Kenya denies troop incursion into Somalia's Gedo.", "Gedo/destination"},
		{"Rwandan troops crossed into Uganda's Kisoro on Monday.", "Kisoro/destination"},
	} {
		cs := extractText(t, x, tc.text)
		if len(cs) != 1 {
			t.Errorf("%q: %d claims, want 1", tc.text, len(cs))
			continue
		}
		var got []string
		for _, p := range cs[0].Places {
			got = append(got, p.Name+"/"+string(p.Role))
		}
		if strings.Join(got, " ") != tc.want {
			t.Errorf("%q: places %v, want %s", tc.text, got, tc.want)
		}
	}
}

// TestCommentingIntro: "Commenting on the reports, X said: “…”": the
// participle phrase is an introduction, not a claim, and X says what
// follows the colon.
func TestCommentingIntro(t *testing.T) {
	x := extract.New(loadPack(t))
	for _, text := range []string{
		`Commenting on recent allegations of Kigali's involvement in the war in Congo, Rwandan army spokesman Ronald Rwivanga said: "We strongly deny this."`,
		`Responding to recent allegations of Kigali's involvement in the war in Congo, Rwandan army spokesman Ronald Rwivanga said: "We strongly deny this."`,
		`Asked about recent allegations of Kigali's involvement in the war in Congo, Rwandan army spokesman Ronald Rwivanga said: "We strongly deny this."`,
	} {
		cs := extractText(t, x, text)
		if len(cs) != 1 || cs[0].Action != claim.ActionDeny || len(cs[0].Attribution) == 0 || cs[0].Attribution[0].Who != "Ronald Rwivanga" {
			t.Errorf("%q: %q, want one denial by Ronald Rwivanga", text, actions(cs))
		}
	}
}

// TestCoordinatedStatesAct: "Armenia and Azerbaijan clashed": states
// coordinated before their verb act; a clause of time after a time
// happened then.
func TestCoordinatedStatesAct(t *testing.T) {
	x := extract.New(loadPack(t))
	for _, tc := range []struct{ text, want string }{
		{"Uganda and Rwanda clashed near the border on Monday.", "Uganda|Rwanda"},
		{"Refugees fled on Monday when Uganda and Rwanda clashed near the border.", "Uganda|Rwanda"},
		{"Sudan and Chad clashed near the border on Monday.", "Sudan|Chad"},
	} {
		cs := extractText(t, x, tc.text)
		if len(cs) == 0 {
			t.Errorf("%q: no claim", tc.text)
			continue
		}
		c := cs[len(cs)-1]
		var names []string
		for _, a := range c.Actors {
			names = append(names, a.Name)
		}
		if got := strings.Join(names, "|"); c.Action != claim.ActionClash || got != tc.want {
			t.Errorf("%q: %s by %s, want a clash by %s", tc.text, c.Action, got, tc.want)
		}
		if c.Time == nil || c.Time.From != "2026-01-12" {
			t.Errorf("%q: time %+v, want Monday 12 January", tc.text, c.Time)
		}
	}
}

// TestSpeakerAfterIntroClause: "When fighting escalated, both local and
// international media reported …": the introductory clause is no part of
// the speaker; "X demanded that …" makes X the speaker "he" takes up.
func TestSpeakerAfterIntroClause(t *testing.T) {
	x := extract.New(loadPack(t))
	for _, tc := range []struct{ text, want string }{
		{"When fighting in Darfur escalated last year, several rights groups reported that Chadian troops had crossed into Sudan.", "several rights groups"},
		{"As fighting in Darfur escalated last year, several rights groups reported that Chadian troops had crossed into Sudan.", "several rights groups"},
		{"After fighting in Darfur escalated last year, several rights groups said that Chadian troops had crossed into Sudan.", "several rights groups"},
		{"Sudanese President Omar al-Bashir demanded that Chad explain the raids. He alleged that Chadian troops had crossed into Sudan.", "Omar al-Bashir"},
		{"Sudanese President Omar al-Bashir on Monday demanded that Chad explain the raids. He said that Chadian troops had crossed into Sudan.", "Omar al-Bashir"},
		{"Sudanese President Omar al-Bashir demanded that Chad explain the raids. He claimed that Chadian troops had crossed into Sudan.", "Omar al-Bashir"},
	} {
		cs := extractText(t, x, tc.text)
		if len(cs) == 0 {
			t.Errorf("%q: no claim", tc.text)
			continue
		}
		c := cs[len(cs)-1]
		if c.Action != claim.ActionDeploy || len(c.Attribution) == 0 || c.Attribution[0].Who != tc.want {
			t.Errorf("%q: %s told by %+v, want a deployment told by %s", tc.text, c.Action, c.Attribution, tc.want)
		}
	}
}

// TestDeniedPresence: a denial or confirmation that forces were in a
// place is about their deployment there: the place is the destination.
func TestDeniedPresence(t *testing.T) {
	x := extract.New(loadPack(t))
	for _, text := range []string{
		"Uganda has long denied persistent claims that Ugandan troops were in Juba.",
		"Uganda has denied reports that its soldiers are still in Juba.",
		"A top Ugandan general confirmed that Ugandan troops were in Juba.",
	} {
		cs := extractText(t, x, text)
		if len(cs) != 1 {
			t.Errorf("%q: %d claims, want 1", text, len(cs))
			continue
		}
		var got []string
		for _, p := range cs[0].Places {
			got = append(got, p.Name+"/"+string(p.Role))
		}
		if strings.Join(got, " ") != "Juba/destination" {
			t.Errorf("%q: places %v, want Juba/destination", text, got)
		}
	}
}

// TestTitledPersonAntecedent: a titled person opening a sentence is whom a
// later "he" means, though no reporting verb made him a speaker.
func TestTitledPersonAntecedent(t *testing.T) {
	x := extract.New(loadPack(t))
	for _, text := range []string{
		"But General James Kabarebe went against those denials in a video. “Rwandan troops crossed into Congo in May,” he said in the video.",
		"Colonel James Kabarebe contradicted those denials in a video. “Rwandan troops crossed into Congo in May,” he said in the video.",
		"And Minister James Kabarebe broke with those denials on Monday. “Rwandan troops crossed into Congo in May,” he said.",
	} {
		cs := extractText(t, x, text)
		c := cs[len(cs)-1]
		if len(cs) == 0 || c.Action != claim.ActionDeploy || len(c.Attribution) == 0 || c.Attribution[0].Who != "James Kabarebe" {
			t.Errorf("%q: %+v, want a deployment told by James Kabarebe", text, cs)
		}
	}
}

// TestDenierNarratesNothing: after "X both denied the information", the
// paragraph's next claims are not X's account.
func TestDenierNarratesNothing(t *testing.T) {
	x := extract.New(loadPack(t))
	for _, text := range []string{
		"Chad and Sudan both denied the information. In May, videos of Chadian mercenaries in Darfur appeared on social media.",
		"Chad and Sudan have denied the reports. In May, videos of Chadian mercenaries in Darfur appeared on social media.",
		"Chad denied the reports. In May, photos of Chadian mercenaries in Darfur appeared on social media.",
	} {
		cs := extractText(t, x, text)
		if len(cs) != 2 {
			t.Errorf("%q: %d claims, want 2", text, len(cs))
			continue
		}
		if a := cs[1].Attribution; len(a) != 1 || a[0].Who != "Example News" {
			t.Errorf("%q: second claim told by %+v, want the outlet alone", text, a)
		}
	}
}

// TestNameParticles: "van der Weide": two particles inside a name.
func TestNameParticles(t *testing.T) {
	x := extract.New(loadPack(t))
	for _, tc := range []struct{ text, want string }{
		{"Analyst Pieter van der Berg said Chadian troops had crossed into Sudan.", "Pieter van der Berg"},
		{"Analyst Karin von der Heide said Chadian troops had crossed into Sudan.", "Karin von der Heide"},
		{"Analyst Maarten van der Linden said Chadian troops had crossed into Sudan.", "Maarten van der Linden"},
	} {
		cs := extractText(t, x, tc.text)
		if len(cs) != 1 || len(cs[0].Attribution) == 0 || cs[0].Attribution[0].Who != tc.want {
			t.Errorf("%q: %+v, want a claim told by %s", tc.text, cs, tc.want)
		}
	}
}
