package extract_test

import (
	"strings"
	"testing"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/extract"
)

// TestTrailingRelativeDenial: a clause after the claim that only says
// someone denied it ("…, a claim that Kigali rejected", "…, something
// Khartoum has denied", "…, which Ankara denied") is a denial claim of its
// own, by that someone; the claim before it keeps its modality.
func TestTrailingRelativeDenial(t *testing.T) {
	x := extract.New(loadPack(t))
	for _, tc := range []struct{ text, denier string }{
		{"Congo said Rwanda had sent troops into North Kivu, a claim that Kigali rejected.", "Kigali"},
		{"Chad said Sudan had sent fighters to Darfur, something Khartoum has denied.", "Khartoum"},
		{"Greece said Turkey had sent warships to Crete, an accusation Ankara has repeatedly denied.", "Ankara"},
		{"Armenia said Azerbaijan had brought mercenaries into Karabakh, charges that Baku denies.", "Baku"},
		{"Somalia said Ethiopia had moved troops into Gedo, which Addis Ababa rejected.", "Addis Ababa"},
	} {
		cs := extractText(t, x, tc.text)
		if len(cs) != 2 {
			t.Errorf("%q: %d claims (%s), want 2", tc.text, len(cs), actions(cs))
			continue
		}
		if cs[0].Modality != claim.Asserted {
			t.Errorf("%q: first claim %s, want asserted", tc.text, cs[0].Modality)
		}
		d := cs[1]
		if d.Action != claim.ActionDeny || d.Modality != claim.Denied {
			t.Errorf("%q: second claim %s %s, want a denial", tc.text, d.Action, d.Modality)
		}
		if !strings.Contains(d.Evidence, tc.denier) {
			t.Errorf("%q: denial's evidence %q, want it to name %s", tc.text, d.Evidence, tc.denier)
		}
	}
}

// TestForceMembersSpeak: members of a force who speak ("two Syrian rebels
// told Reuters") are unnamed individual sources: their account is
// asserted as any source's is, not hedged as a report nobody stands behind.
func TestForceMembersSpeak(t *testing.T) {
	x := extract.New(loadPack(t))
	for _, text := range []string{
		"Two Sudanese militiamen told AFP that Chad had sent fighters to Darfur.",
		"Several Somali soldiers said Ethiopian troops had crossed into Gedo.",
		"Three Libyan fighters told Reuters that they had been flown to Tripoli from Turkey.",
		"Two Chadian rebels, speaking from Abeche, said they were deploying to Darfur.",
	} {
		cs := extractText(t, x, text)
		if len(cs) != 1 {
			t.Errorf("%q: %d claims (%s), want 1", text, len(cs), actions(cs))
			continue
		}
		c := cs[0]
		if c.Modality != claim.Asserted || len(c.Attribution) < 2 || c.Attribution[0].Kind != claim.SpeakerAnonymous {
			t.Errorf("%q: %s told by %+v, want asserted by an anonymous source", text, c.Modality, c.Attribution)
		}
	}
}

// TestToldWithoutThat: "X told Reuters they had been sent …" leaves out
// "that": what was told starts after the hearer's name, and the hearer is
// a link of the chain.
func TestToldWithoutThat(t *testing.T) {
	x := extract.New(loadPack(t))
	for _, tc := range []struct{ text, hearer string }{
		{"Two Syrian fighters told Reuters they had been sent to Libya.", "Reuters"},
		{"An official told AFP he had seen troops cross into Sudan.", "AFP"},
		{"A Somali commander told the BBC on Monday Ethiopian troops had crossed into Gedo.", "BBC"},
		{"The official told Al Jazeera they crossed into Sudan in May.", "Al Jazeera"},
	} {
		cs := extractText(t, x, tc.text)
		if len(cs) != 1 {
			t.Errorf("%q: %d claims (%s), want 1", tc.text, len(cs), actions(cs))
			continue
		}
		c := cs[0]
		if c.Action != claim.ActionDeploy || len(c.Attribution) != 3 || !strings.Contains(c.Attribution[1].Who, tc.hearer) {
			t.Errorf("%q: %s told by %+v, want a deployment told to %s", tc.text, c.Action, c.Attribution, tc.hearer)
		}
	}
}

// TestUnverifiedAccount: a sentence that says the speaker gave no
// evidence, or that the outlet could not confirm it, makes that speaker's
// account unverified: the claims before it (in the same or the previous
// paragraph) and those the speaker goes on to tell, not the setting
// the outlet narrates nor what another speaker says after.
func TestUnverifiedAccount(t *testing.T) {
	x := extract.New(loadPack(t))
	for _, text := range []string{
		"Rebel leader Abdel Karim accused Chad of sending troops into Darfur after the army launched an offensive last week.\n\n" +
			"He gave no evidence and Reuters was unable to confirm it.\n\n" +
			"“Chadian soldiers crossed the border at Adre,” he said.\n\n" +
			"A Sudanese army spokesman said the army had clashed with the rebels in Geneina.",
		"Rebel leader Abdel Karim accused Chad of sending troops into Darfur after the army launched an offensive last week.\n\n" +
			"Reuters could not independently verify the account.\n\n" +
			"“Chadian soldiers crossed the border at Adre,” he said.\n\n" +
			"A Sudanese army spokesman said the army had clashed with the rebels in Geneina.",
		"Rebel leader Abdel Karim accused Chad of sending troops into Darfur after the army launched an offensive last week. " +
			"He did not provide any proof.\n\n" +
			"“Chadian soldiers crossed the border at Adre,” he said.\n\n" +
			"A Sudanese army spokesman said the army had clashed with the rebels in Geneina.",
	} {
		cs := extractText(t, x, text)
		var got []string
		for _, c := range cs {
			got = append(got, string(c.Action)+"/"+string(c.Modality))
		}
		want := "deploy/unverified clash/asserted deploy/unverified clash/asserted"
		if strings.Join(got, " ") != want {
			t.Errorf("%q:\n got %v\nwant %s", text, got, want)
		}
	}
}

// TestPassiveReportNoSpeaker: "were reported killed" is a report nobody
// stands behind: its subject is what happened to, no speaker, and the
// claim is hedged.
func TestPassiveReportNoSpeaker(t *testing.T) {
	x := extract.New(loadPack(t))
	for _, text := range []string{
		"Dozens of Somali soldiers were reported killed in Gedo on Sunday.",
		"Several Ethiopian officers were reported wounded in Mekelle on Sunday.",
		"Hundreds of Eritrean troops were reported deployed to Humera on Sunday.",
	} {
		cs := extractText(t, x, text)
		if len(cs) != 1 {
			t.Errorf("%q: %d claims (%s), want 1", text, len(cs), actions(cs))
			continue
		}
		if c := cs[0]; c.Modality != claim.Hedged || len(c.Attribution) != 1 || c.Attribution[0].Who != "Example News" {
			t.Errorf("%q: %s told by %+v, want hedged, told by the outlet alone", text, c.Modality, c.Attribution)
		}
	}
}

// TestFirstNameEndingLikeDemonym: a first name that ends as demonyms do
// ("Hulusi", "Fathi", "Sergei") is part of the speaker's name; only a
// nationality the packs know ends a name ("Iraqi official …").
func TestFirstNameEndingLikeDemonym(t *testing.T) {
	x := extract.New(loadPack(t))
	for _, tc := range []struct{ text, who string }{
		{"Hulusi Akar said Armenian forces had crossed into Nakhchivan.", "Hulusi Akar"},
		{"Fathi Bashagha said Turkish troops had arrived in Tripoli.", "Fathi Bashagha"},
		{"Sergei Shoigu said Russian troops had crossed into Georgia.", "Sergei Shoigu"},
		{"Defence Minister Giorgi Gakharia said Russian troops had crossed into Georgia.", "Giorgi Gakharia"},
	} {
		cs := extractText(t, x, tc.text)
		if len(cs) != 1 || len(cs[0].Attribution) == 0 || cs[0].Attribution[0].Who != tc.who {
			t.Errorf("%q: %+v, want a claim told by %s", tc.text, cs, tc.who)
		}
	}
}

// TestReportingPhrases: "concluded that", "expressed concern that" and
// "voiced fears … that" report what a speaker says, as "said that" does.
func TestReportingPhrases(t *testing.T) {
	x := extract.New(loadPack(t))
	for _, tc := range []struct{ text, who string }{
		{"The sources conclude that Eritrean troops crossed into Tigray in May.", "sources"},
		{"Foreign Ministry spokeswoman Maria Zakharova expressed concern on Thursday that mercenaries from Syria had been sent to Karabakh.", "Maria Zakharova"},
		{"Kenyan officials voiced fears during a briefing that Somali militants had crossed into Mandera.", "Kenyan officials"},
		{"A Kenyan diplomat recalled that Ugandan troops had entered Juba in 2013.", "Kenyan diplomat"},
	} {
		cs := extractText(t, x, tc.text)
		if len(cs) != 1 || len(cs[0].Attribution) < 2 || !strings.Contains(cs[0].Attribution[0].Who, tc.who) {
			t.Errorf("%q: %+v, want a claim told by %s", tc.text, cs, tc.who)
		}
	}
}

// TestSpeakerHeads: unnamed speakers the speaker patterns of the pack
// name by their role ("an envoy", "an aide", "villagers", "survivors").
func TestSpeakerHeads(t *testing.T) {
	x := extract.New(loadPack(t))
	for _, tc := range []struct {
		text string
		kind claim.SourceKind
	}{
		{"A South Sudanese envoy said that Ugandan troops had entered Juba.", claim.SpeakerOfficial},
		{"An aide to the Somali president said Ethiopian troops had crossed into Gedo.", claim.SpeakerOfficial},
		{"Villagers told AFP that Eritrean soldiers had entered Zalambessa.", claim.SpeakerAnonymous},
		{"Two survivors said Chadian troops had crossed into Darfur.", claim.SpeakerAnonymous},
	} {
		cs := extractText(t, x, tc.text)
		if len(cs) != 1 || len(cs[0].Attribution) < 2 || cs[0].Attribution[0].Kind != tc.kind {
			t.Errorf("%q: %+v, want a claim told by a speaker of kind %s", tc.text, cs, tc.kind)
		}
	}
}

// TestTellingManner: a phrase of how or when the telling happened between
// the reporting verb and "that" ("confirmed for the first time on
// Tuesday that", "publicly acknowledged that") belongs to the telling:
// what follows "that" is the claim, with its own action and no time of
// the telling.
func TestTellingManner(t *testing.T) {
	x := extract.New(loadPack(t))
	for _, text := range []string{
		"Kenya's president confirmed for the first time on Tuesday that Kenyan troops had crossed into Somalia.",
		"Kenya's president publicly acknowledged that Kenyan troops had crossed into Somalia.",
		"Kenya's president admitted again on Friday that Kenyan troops had crossed into Somalia.",
	} {
		cs := extractText(t, x, text)
		if len(cs) != 1 {
			t.Errorf("%q: %d claims (%s), want 1", text, len(cs), actions(cs))
			continue
		}
		if c := cs[0]; c.Action != claim.ActionDeploy || c.Time != nil || len(c.Attribution) != 2 {
			t.Errorf("%q: %s at %+v told by %+v, want an undated deployment told by the president", text, c.Action, c.Time, c.Attribution)
		}
	}
}

// TestReducedRelative: a participle after its noun and before a
// preposition ("soldiers wounded in the fighting") describes the noun when
// a verb with its auxiliary follows: that verb makes the claim.
func TestReducedRelative(t *testing.T) {
	x := extract.New(loadPack(t))
	for _, text := range []string{
		"Ugandan soldiers wounded in the fighting in Juba are being transported to hospitals in Kampala.",
		"Ugandan soldiers injured in the fighting in Juba were airlifted to hospitals in Kampala.",
		"Ugandan soldiers killed during the fighting in Juba have been flown to Kampala.",
	} {
		cs := extractText(t, x, text)
		if len(cs) != 1 || cs[0].Action != claim.ActionTransport {
			t.Errorf("%q: %s, want one transport", text, actions(cs))
		}
	}
}

// TestSecondPredicateHedge: a hedging reporting verb coordinated after
// the claim ("… and accused the rebels of …") hedges its own predicate,
// not the claim before it.
func TestSecondPredicateHedge(t *testing.T) {
	x := extract.New(loadPack(t))
	for _, text := range []string{
		"A Sudanese official said clashes erupted in Geneina after the incursion and accused the rebels of exploiting the chaos.",
		"A Sudanese official said clashes erupted in Geneina after the incursion and claimed the rebels wanted the town.",
		"A Sudanese official said clashes erupted in Geneina after the incursion and alleged that the rebels had help.",
	} {
		cs := extractText(t, x, text)
		if len(cs) == 0 || cs[0].Action != claim.ActionClash || cs[0].Modality != claim.Asserted {
			t.Errorf("%q: %+v, want an asserted clash first", text, cs)
		}
	}
}

// TestActingSpeaker: who confirms or denies without a reporting verb
// ("X went against those denials", "ran counter to the denials") is the
// speaker of the confirmation, and a video it was said in is its medium,
// not a report that hedges it.
func TestActingSpeaker(t *testing.T) {
	x := extract.New(loadPack(t))
	for _, tc := range []struct{ text, who string }{
		{"But Major General James Kabarebe, the head of the Rwandan army's western division, went against those denials in a video that emerged on Wednesday.", "James Kabarebe"},
		{"Colonel Amadou Diallo, a senior Malian officer, ran counter to those denials on Monday.", "Amadou Diallo"},
		{"A senior Chadian general went against the official denials in a video that surfaced in May.", "A senior Chadian general"},
	} {
		cs := extractText(t, x, tc.text)
		if len(cs) != 1 {
			t.Errorf("%q: %d claims (%s), want 1", tc.text, len(cs), actions(cs))
			continue
		}
		c := cs[0]
		if c.Action != claim.ActionConfirm || c.Modality != claim.Asserted || len(c.Attribution) < 2 || c.Attribution[0].Who != tc.who {
			t.Errorf("%q: %s %s told by %+v, want an asserted confirmation by %s", tc.text, c.Action, c.Modality, c.Attribution, tc.who)
		}
	}
}

// TestPlatformVerb: a verb that names the platform a statement was made
// on ("tweeted that", "denied the claim, tweeting: …") puts that platform
// in the chain after the speaker; a journalist's role before the name is
// no part of it.
func TestPlatformVerb(t *testing.T) {
	x := extract.New(loadPack(t))
	for _, tc := range []struct{ text, who string }{
		{"Journalist Pieter Jansen tweeted that Russian troops had entered Kherson.", "Pieter Jansen"},
		{"Days later, reporter Pieter Jansen tweeted about Russian troops entering Kherson.", "Pieter Jansen"},
		{"Ukraine's envoy Olena Kovalenko denied the claim, tweeting: “Our troops never entered Belgorod.”", "Olena Kovalenko"},
	} {
		cs := extractText(t, x, tc.text)
		if len(cs) == 0 {
			t.Errorf("%q: no claim", tc.text)
			continue
		}
		a := cs[0].Attribution
		if len(a) != 3 || a[0].Who != tc.who || a[1].Who != "Twitter" || a[1].Kind != claim.SpeakerSocial {
			t.Errorf("%q: told by %+v, want %s on Twitter", tc.text, a, tc.who)
		}
	}
}

// TestPlatformKeepsRelay: a named speaker's platform keeps the claim on
// the record, so a rewrite's relay (the agency its lead came through)
// still carries it.
func TestPlatformKeepsRelay(t *testing.T) {
	x := extract.New(loadPack(t))
	for _, text := range []string{
		"A senior Rwandan officer confirmed that Rwandan troops had entered North Kivu, in a video seen by AFP.\n\nCongo's envoy Jean Mbala denied the claim, tweeting: “No such troops are here.”",
		"A senior Rwandan officer confirmed that Rwandan troops had entered North Kivu, in a video seen by AFP.\n\nCongo's envoy Jean Mbala tweeted that Rwandan troops had entered Goma.",
		"A senior Rwandan officer confirmed that Rwandan troops had entered North Kivu, in a video seen by AFP.\n\nCongo's envoy Jean Mbala rejected the account, tweeting: “No such troops are here.”",
	} {
		cs := extractText(t, x, text)
		if len(cs) < 2 {
			t.Errorf("%q: %d claims (%s), want 2", text, len(cs), actions(cs))
			continue
		}
		var got []string
		for _, a := range cs[1].Attribution {
			got = append(got, a.Who)
		}
		if strings.Join(got, "|") != "Jean Mbala|Twitter|AFP|Example News" {
			t.Errorf("%q: second claim told by %v, want Jean Mbala|Twitter|AFP|Example News", text, got)
		}
	}
}

// TestCoordinatedOutlets: outlets named together before one plural head
// ("The Interfax and RIA news agencies") are links of their own; a
// description with a lower-case word among the names stays one.
func TestCoordinatedOutlets(t *testing.T) {
	x := extract.New(loadPack(t))
	for _, tc := range []struct{ text, want string }{
		{"The Tass and Interfax agencies reported that Turkish troops had entered Idlib.", "Tass|Interfax|Example News"},
		{"The Daily Nation and Standard newspapers reported that Kenyan troops had crossed into Somalia.", "Daily Nation|Standard|Example News"},
		{"The Interfax and RIA news agencies quoted the minister as saying Turkey had sent troops to Idlib.", "minister|Interfax|RIA|Example News"},
		{"Tass and other news agencies reported that Turkish troops had entered Idlib.", "Tass and other news agencies|Example News"},
	} {
		cs := extractText(t, x, tc.text)
		if len(cs) != 1 {
			t.Errorf("%q: %d claims (%s), want 1", tc.text, len(cs), actions(cs))
			continue
		}
		var got []string
		for _, a := range cs[0].Attribution {
			got = append(got, a.Who)
		}
		if strings.Join(got, "|") != tc.want {
			t.Errorf("%q: told by %v, want %s", tc.text, got, tc.want)
		}
	}
}

// TestNestedSpeaker: what a speaker says may open with another speaker
// ("the minister said two officials had told him that …", "they had been
// told by their commanders that …"): that speaker comes first in the
// chain; a passive "had been told" with no agent keeps what was told
// whole.
func TestNestedSpeaker(t *testing.T) {
	x := extract.New(loadPack(t))
	for _, tc := range []struct{ text, want string }{
		{"A Sudanese minister said two officials had told him that Chadian troops had crossed into Darfur.", "two officials|A Sudanese minister|Example News"},
		{"Two Kenyan officials said witnesses reported that Somali militants had crossed into Mandera.", "witnesses|Two Kenyan officials|Example News"},
		{"Two Chadian fighters said they had been told by their commanders that they would be sent to Libya.", "their commanders|Two Chadian fighters|Example News"},
		{"Two Chadian fighters said they were told by a Sudanese officer they would be deployed to Darfur.", "a Sudanese officer|Two Chadian fighters|Example News"},
	} {
		cs := extractText(t, x, tc.text)
		if len(cs) != 1 {
			t.Errorf("%q: %d claims (%s), want 1", tc.text, len(cs), actions(cs))
			continue
		}
		var got []string
		for _, a := range cs[0].Attribution {
			got = append(got, a.Who)
		}
		if strings.Join(got, "|") != tc.want {
			t.Errorf("%q: told by %v, want %s", tc.text, got, tc.want)
		}
	}
	cs := extractText(t, x, "A Chadian fighter said he had been told nearly 1,000 Chadians were set to be deployed to Libya.")
	if len(cs) != 1 || len(cs[0].Quantities) != 1 || cs[0].Quantities[0].Min != 1000 {
		t.Errorf("passive told: %+v, want one claim counting 1,000", cs)
	}
}

// TestReportsBeforeThat: verbs that report only before "that"
// ("intelligence reports had established that", "investigators found
// that") name a speaker there, and nowhere else ("established a base").
func TestReportsBeforeThat(t *testing.T) {
	x := extract.New(loadPack(t))
	for _, tc := range []struct{ text, want string }{
		{"French President Emmanuel Macron alleged that intelligence reports had established that 300 Syrian fighters had passed through Gaziantep.", "intelligence reports|Emmanuel Macron|Example News"},
		{"UN investigators found that Rwandan troops had crossed into North Kivu.", "UN investigators|Example News"},
		{"Two officials determined that Rwandan troops had crossed into North Kivu.", "Two officials|Example News"},
		{"Turkey established a base in Libya and deployed troops to Tripoli.", "Example News"},
	} {
		cs := extractText(t, x, tc.text)
		if len(cs) != 1 {
			t.Errorf("%q: %d claims (%s), want 1", tc.text, len(cs), actions(cs))
			continue
		}
		var got []string
		for _, a := range cs[0].Attribution {
			got = append(got, a.Who)
		}
		if strings.Join(got, "|") != tc.want {
			t.Errorf("%q: told by %v, want %s", tc.text, got, tc.want)
		}
	}
}

// TestReleasedImages: who published, released or posted images that show
// something ("published a photo that showed …", "released footage that
// allegedly shows …") tells what they show; a hedge before "shows" hedges it.
func TestReleasedImages(t *testing.T) {
	x := extract.New(loadPack(t))
	for _, tc := range []struct {
		text, who string
		mod       claim.Modality
	}{
		{"Journalist Pieter Jansen published a photo that showed Chadian troops crossing into Darfur.", "Pieter Jansen", claim.Asserted},
		{"Sudanese forces released footage that allegedly shows Chadian troops crossing into Darfur.", "Sudanese forces", claim.Hedged},
		{"Journalist Pieter Jansen posted a video which shows Chadian troops crossing into Darfur.", "Pieter Jansen", claim.Asserted},
	} {
		cs := extractText(t, x, tc.text)
		if len(cs) != 1 {
			t.Errorf("%q: %d claims (%s), want 1", tc.text, len(cs), actions(cs))
			continue
		}
		if c := cs[0]; len(c.Attribution) != 2 || c.Attribution[0].Who != tc.who || c.Modality != tc.mod {
			t.Errorf("%q: %s told by %+v, want %s told by %s", tc.text, c.Modality, c.Attribution, tc.mod, tc.who)
		}
	}
}

// TestAcronymSpeaker: an acronym stands for the speaker whose name it
// shortens ("NG writes that …" after "Novaya Gazeta recreated …"), and
// reconstructing a route is telling it.
func TestAcronymSpeaker(t *testing.T) {
	x := extract.New(loadPack(t))
	for _, text := range []string{
		"The Darfur Monitoring Group said Chadian troops had crossed into Geneina. DMG added that the troops had been sent to El Fasher.",
		"The Darfur Monitoring Group reported that Chadian troops had crossed into Geneina. DMG writes that the troops had been sent to El Fasher.",
		"The Darfur Monitoring Group reconstructed the route of Chadian troops from Abeche to Geneina. DMG writes that the troops had been sent to El Fasher.",
	} {
		cs := extractText(t, x, text)
		if len(cs) != 2 {
			t.Errorf("%q: %d claims (%s), want 2", text, len(cs), actions(cs))
			continue
		}
		for _, c := range cs {
			if len(c.Attribution) != 2 || c.Attribution[0].Who != "Darfur Monitoring Group" {
				t.Errorf("%q: %q told by %+v, want the Darfur Monitoring Group", text, c.Evidence, c.Attribution)
			}
		}
	}
}

// TestParagraphPointsBack: a paragraph that opens with "Other …",
// "Another …" or "Further …" goes on with the previous paragraph's
// account.
func TestParagraphPointsBack(t *testing.T) {
	x := extract.New(loadPack(t))
	for _, text := range []string{
		"A Sudanese monitor said Chadian troops had crossed into Geneina on Monday.\n\nOther units arrived in El Fasher on Friday.",
		"A Sudanese monitor said Chadian troops had crossed into Geneina on Monday.\n\nAnother 300 fighters arrived in El Fasher on Friday.",
		"A Sudanese monitor said Chadian troops had crossed into Geneina on Monday.\n\nFurther reinforcements arrived in El Fasher on Friday.",
	} {
		cs := extractText(t, x, text)
		if len(cs) != 2 {
			t.Errorf("%q: %d claims (%s), want 2", text, len(cs), actions(cs))
			continue
		}
		if a := cs[1].Attribution; len(a) != 2 || a[0].Who != "A Sudanese monitor" {
			t.Errorf("%q: second claim told by %+v, want the monitor", text, a)
		}
	}
	// "More than 100 …" opens a figure, not a pointer back.
	cs := extractText(t, x, "A Sudanese monitor said Chadian troops had crossed into Geneina on Monday.\n\nMore than 100 people were killed in clashes in El Fasher on Friday.")
	if len(cs) != 2 || len(cs[1].Attribution) != 1 {
		t.Errorf("a figure opening a paragraph: %+v, want the second claim told by the outlet alone", cs)
	}
}

// TestPlaceAfterHead: a place after a speaker's head ("Residents in
// Geneina") belongs to the description; it is no person named after a
// role ("Former Sudanese official Ahmed Haroun").
func TestPlaceAfterHead(t *testing.T) {
	x := extract.New(loadPack(t))
	for _, tc := range []struct{ text, who string }{
		{"Residents in Geneina say that Chadian troops crossed into Darfur.", "Residents in Geneina"},
		{"Witnesses in Adre said that Chadian troops crossed into Darfur.", "Witnesses in Adre"},
		{"Doctors at Nyala said that Chadian troops crossed into Darfur.", "Doctors at Nyala"},
		{"Former Sudanese official Ahmed Haroun said Chadian troops crossed into Darfur.", "Ahmed Haroun"},
	} {
		cs := extractText(t, x, tc.text)
		if len(cs) != 1 || len(cs[0].Attribution) != 2 || cs[0].Attribution[0].Who != tc.who {
			t.Errorf("%q: %+v, want a claim told by %s", tc.text, cs, tc.who)
		}
	}
}

// TestCompiledNoRelay: once a text names another outlet than the one its
// lead came through, what an official says later is not known to come
// through the lead's outlet; before that, it is.
func TestCompiledNoRelay(t *testing.T) {
	x := extract.New(loadPack(t))
	for _, tc := range []struct{ text, want string }{
		{"Chadian troops crossed into Darfur, a Sudanese official told the Sudan Tribune.\n\nAccording to the official, more troops arrived in Geneina, Radio Dabanga reported.\n\nSudanese Foreign Minister Ali Sadiq said Chadian troops had entered El Fasher.",
			"Ali Sadiq|Example News"},
		{"Chadian troops crossed into Darfur, a Sudanese official told the Sudan Tribune.\n\nMore troops arrived in Geneina, Radio Dabanga reported.\n\nSudanese Foreign Minister Ali Sadiq said Chadian troops had entered El Fasher.",
			"Ali Sadiq|Example News"},
		{"Chadian troops crossed into Darfur, a Sudanese official told the Sudan Tribune.\n\nSudanese Foreign Minister Ali Sadiq said Chadian troops had entered El Fasher.",
			"Ali Sadiq|Sudan Tribune|Example News"},
		{"Chadian troops crossed into Darfur, a Sudanese official told Reuters.\n\nMore troops arrived in Geneina, Radio Dabanga reported.\n\nSudanese Foreign Minister Ali Sadiq said Chadian troops had entered El Fasher.",
			"Ali Sadiq|Example News"},
	} {
		cs := extractText(t, x, tc.text)
		if len(cs) == 0 {
			t.Errorf("%q: no claims", tc.text)
			continue
		}
		var got []string
		for _, a := range cs[len(cs)-1].Attribution {
			got = append(got, a.Who)
		}
		if strings.Join(got, "|") != tc.want {
			t.Errorf("%q: last claim told by %v, want %s", tc.text, got, tc.want)
		}
	}
}

// TestAsCitedBy: "…, as cited by X", "…, as reported by X", "…, as quoted
// by X" name the link that carried the claim.
func TestAsCitedBy(t *testing.T) {
	x := extract.New(loadPack(t))
	for _, tc := range []struct{ text, want string }{
		{"Foreign Ministry spokeswoman Maria Zakharova said mercenaries had been sent to Karabakh, as cited by Armenpress.", "Maria Zakharova|Armenpress|Example News"},
		{"Syrian fighters were sent to Karabakh, as reported by Reuters.", "Reuters|Example News"},
		{"Syrian fighters were sent to Karabakh, as quoted by the Sudan Tribune.", "Sudan Tribune|Example News"},
	} {
		cs := extractText(t, x, tc.text)
		if len(cs) != 1 {
			t.Errorf("%q: %d claims (%s), want 1", tc.text, len(cs), actions(cs))
			continue
		}
		var got []string
		for _, a := range cs[0].Attribution {
			got = append(got, a.Who)
		}
		if strings.Join(got, "|") != tc.want {
			t.Errorf("%q: told by %v, want %s", tc.text, got, tc.want)
		}
	}
}

// TestFalsitySentence: a sentence that only calls what came before it
// false ("Both are lies.", "These are fabrications.") denies the last
// sentence's claims told as claims ("the claim that …"); a speaker's own
// assertion stays asserted.
func TestFalsitySentence(t *testing.T) {
	x := extract.New(loadPack(t))
	for _, text := range []string{
		"“The claim that Chad armed the rebels is not true. As is the claim that Chad sent troops to Darfur. Both are lies,” a Chadian minister told reporters.",
		"“The claim that Chad armed the rebels is not true. So is the claim that Chad sent troops to Darfur. These are fabrications,” a Chadian minister told reporters.",
		"“The claim that Chad armed the rebels is not true. Then there are reports that Chad sent troops to Darfur. All are lies,” a Chadian minister told reporters.",
	} {
		cs := extractText(t, x, text)
		if len(cs) == 0 {
			t.Errorf("%q: no claims", text)
			continue
		}
		if c := cs[len(cs)-1]; c.Modality != claim.Denied || c.Action != claim.ActionDeny {
			t.Errorf("%q: last claim %s %s (%q), want a denial", text, c.Action, c.Modality, c.Evidence)
		}
	}
	cs := extractText(t, x, "Sudan said Chadian troops had crossed into Darfur. This is a lie.")
	if len(cs) != 1 || cs[0].Modality != claim.Asserted {
		t.Errorf("a speaker's assertion: %+v, want it asserted", cs)
	}
}

// TestImpersonalBelief: "it is believed / thought / feared that …" is a
// report no one stands behind: hedged.
func TestImpersonalBelief(t *testing.T) {
	x := extract.New(loadPack(t))
	for _, text := range []string{
		"It is believed that around 2,000 Rwandan troops are operating in North Kivu.",
		"It is thought that around 2,000 Rwandan troops are operating in North Kivu.",
		"It is feared that around 2,000 Rwandan troops are operating in North Kivu.",
	} {
		cs := x.Extract(&claim.Source{Name: "p.txt", Text: text + "\n"})
		if len(cs) != 1 || cs[0].Modality != claim.Hedged {
			t.Errorf("%q: %+v, want one hedged claim", text, cs)
		}
	}
}

// TestNoForcesThere: "no troops are in X", "there are no troops in X": a
// statement that forces are not there denies their presence.
func TestNoForcesThere(t *testing.T) {
	x := extract.New(loadPack(t))
	for _, text := range []string{
		"The government insists that no Kenyan troops are in Somalia.",
		"There are no Kenyan troops in Somalia, the spokesman said.",
		"The ministry said there were no Chadian soldiers in Darfur.",
	} {
		cs := x.Extract(&claim.Source{Name: "p.txt", Text: text + "\n"})
		if len(cs) != 1 || cs[0].Modality != claim.Denied {
			t.Errorf("%q: %+v, want one denied claim", text, cs)
		}
	}
}
