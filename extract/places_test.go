package extract_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/extract"
)

// TestPlacesThatAct: a capital or country that speaks, denies or is the
// post of an envoy is no place of the claim; coordinated places that are
// only used or passed through stay places. A relative clause that denies
// what it follows (", which Ankara and Baku denied") is a denial claim of
// its own, and the capitals that deny are no place of either claim.
func TestPlacesThatAct(t *testing.T) {
	x := extract.New(loadPack(t))
	for _, tc := range []struct {
		text   string
		want   []string // name/role, of the first claim
		denial bool     // a second claim, the relative clause's denial
	}{
		{"Armenia said Turkey had sent fighters to Azerbaijan, which Ankara and Baku both denied.", []string{"azerbaijan/destination"}, true},
		{"Armenia said Turkey had sent fighters to Azerbaijan, which Ankara and Baku have denied.", []string{"azerbaijan/destination"}, true},
		{"Armenia said Turkey had sent fighters to Azerbaijan, which Ankara and Baku rejected.", []string{"azerbaijan/destination"}, true},
		{"Armenia's ambassador to Russia said Turkey had sent fighters to Azerbaijan.", []string{"azerbaijan/destination"}, false},
		{"The Armenian envoy to Russia said Turkey had sent fighters to Azerbaijan.", []string{"azerbaijan/destination"}, false},
		{"Syrian rebels said they were deploying to Azerbaijan in coordination with Ankara.", []string{"azerbaijan/destination"}, false},
		{"The minister said in Addis Ababa that Eritrean troops had entered Tigray.", []string{"tigray/destination"}, false},
		{"The minister said in Ankara that Syrian fighters had been sent to Azerbaijan.", []string{"azerbaijan/destination"}, false},
		{"A Turkish official told Reuters in Ankara on Monday that Syrian fighters had been sent to Azerbaijan.", []string{"azerbaijan/destination"}, false},
		{"Ilam and Kermanshah were used as transit points by the fighters.", []string{"ilam/via", "kermanshah/via"}, false},
	} {
		src := &claim.Source{Name: "p.txt", Outlet: "Example News", Published: time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC), Text: tc.text + "\n"}
		cs := x.Extract(src)
		want := 1
		if tc.denial {
			want = 2
		}
		if len(cs) != want {
			t.Errorf("%q: %d claims, want %d", tc.text, len(cs), want)
			continue
		}
		if tc.denial {
			if cs[1].Action != claim.ActionDeny || cs[1].Modality != claim.Denied {
				t.Errorf("%q: second claim %s %s, want a denial", tc.text, cs[1].Action, cs[1].Modality)
			}
			for _, p := range append(append([]claim.Place{}, cs[0].Places...), cs[1].Places...) {
				if n := strings.ToLower(p.Name); n == "ankara" || n == "baku" {
					t.Errorf("%q: the capital that denies, %s, is a place", tc.text, p.Name)
				}
			}
		}
		var got []string
		for _, p := range cs[0].Places {
			got = append(got, strings.ToLower(p.Name)+"/"+string(p.Role))
		}
		if strings.Join(got, " ") != strings.Join(tc.want, " ") {
			t.Errorf("%q: places %v, want %v", tc.text, got, tc.want)
		}
	}
}

// TestWhereClause: ", where" before a subject and its verb opens a claim of
// its own.
func TestWhereClause(t *testing.T) {
	x := extract.New(loadPack(t))
	for _, text := range []string{
		"Fighters were sent to the Tigray region, where the Eritrean army attacked local forces in November.",
		"Fighters were sent to the Tigray region, where Eritrean soldiers attacked local forces in November.",
		"Fighters were sent to the Tigray region, where the Eritrean army clashed with local forces in November.",
	} {
		src := &claim.Source{Name: "p.txt", Outlet: "Example News", Published: time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC), Text: text + "\n"}
		cs := x.Extract(src)
		if len(cs) != 2 || cs[0].Action != claim.ActionDeploy || cs[1].Action != claim.ActionClash {
			t.Errorf("%q: %d claims %+v, want a deployment and a clash", text, len(cs), cs)
		}
	}
}

// TestPackRegions: a region the pack knows (knowledge/packs/default
// places.json: disputed territories and the first-level regions reporters
// name in conflicts) is a place of the claim with its role, also when a
// compass word and "region" wrap it ("the northern Tigray region"), and it
// carries the pack's country and coordinates rather than being a bare name.
func TestPackRegions(t *testing.T) {
	x := extract.New(loadPack(t))
	for _, tc := range []struct {
		text, want, country string
	}{
		{"Troops from neighbouring Sudan entered the western Darfur region during the fighting.", "darfur/destination", "SD"},
		{"Rwandan soldiers crossed into the eastern North Kivu province last month.", "north kivu/destination", "CD"},
		{"Russian troops entered the eastern Donbas region on Monday.", "donbas/destination", "UA"},
		{"Syrian fighters were sent to Nagorno-Karabakh, officials said.", "nagorno-karabakh/destination", "AZ"},
		{"Iran has deployed drone instructors to Crimea, officials said.", "crimea/destination", "UA"},
		{"Rwandan troops were sent into Cabo Delgado in July.", "cabo delgado/destination", "MZ"},
	} {
		src := &claim.Source{Name: "p.txt", Outlet: "Example News", Published: time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC), Text: tc.text + "\n"}
		cs := x.Extract(src)
		if len(cs) == 0 {
			t.Errorf("%q: no claim", tc.text)
			continue
		}
		found := false
		for _, p := range cs[0].Places {
			if strings.ToLower(p.Name)+"/"+string(p.Role) == tc.want {
				found = true
				if p.Kind != claim.KindRegion || !p.HasCoord || p.Country != tc.country {
					t.Errorf("%q: %s is %s in %q (coordinates %v), want a region of %s with the pack's coordinates", tc.text, p.Name, p.Kind, p.Country, p.HasCoord, tc.country)
				}
			}
		}
		if !found {
			t.Errorf("%q: places %+v, want %s", tc.text, cs[0].Places, tc.want)
		}
	}
}

// TestIndefiniteSubjectKeepsItsWords: after a report that named one group
// ("mercenaries from Chad"), a new plural subject after the complementiser
// ("writes that fighters are sent") is indefinite, and a pronoun later in
// its clause ("where they change uniforms") stands for it: the claim's
// actor is the text's new noun, not the earlier group.
func TestIndefiniteSubjectKeepsItsWords(t *testing.T) {
	x := extract.New(loadPack(t))
	for _, tc := range []struct{ text, want string }{
		{"Officials said mercenaries from Chad were sent to Sudan. A witness says that fighters are first sent to the town of Geneina, where they receive weapons.", "fighters"},
		{"Reports say volunteers from Serbia were sent to Ukraine. The paper reports that recruits are first brought to the city of Belgorod, where they get uniforms.", "recruits"},
		{"Analysts said gunmen from Somalia were deployed to Kenya. Local media say that militants were first sent to the port of Lamu, where they regrouped.", "militants"},
	} {
		src := &claim.Source{Name: "p.txt", Outlet: "Example News", Published: time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC), Text: tc.text + "\n"}
		cs := x.Extract(src)
		if len(cs) < 2 {
			t.Errorf("%q: %d claims, want 2", tc.text, len(cs))
			continue
		}
		var got []string
		for _, a := range cs[1].Actors {
			got = append(got, a.Name)
		}
		if strings.Join(got, "|") != tc.want {
			t.Errorf("%q: second claim's actors %v, want [%s]", tc.text, got, tc.want)
		}
	}
}

// TestPlaceApposition: an indefinite apposition after a place (", a part of
// Ukraine annexed by Russia", ", a province of Mozambique") describes that
// place, and the places it names are no places of the claim.
func TestPlaceApposition(t *testing.T) {
	x := extract.New(loadPack(t))
	for _, tc := range []struct{ text, want string }{
		{"Iran has sent a small number of personnel to Crimea, a part of Ukraine annexed by Russia in 2014, to assist Russian troops.", "crimea/destination iran/origin"},
		{"Rwanda sent troops to Cabo Delgado, a province of Mozambique bordering Tanzania.", "cabo delgado/destination rwanda/origin"},
		{"Fighters took part in the battles in Abyei, an area claimed by Sudan and South Sudan.", "abyei/location"},
		{"Sudanese militiamen were sent to Darfur, a region of Sudan that borders Chad, last month.", "darfur/destination"},
	} {
		src := &claim.Source{Name: "p.txt", Outlet: "Example News", Published: time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC), Text: tc.text + "\n"}
		cs := x.Extract(src)
		if len(cs) == 0 {
			t.Errorf("%q: no claim", tc.text)
			continue
		}
		var got []string
		for _, p := range cs[0].Places {
			got = append(got, strings.ToLower(p.Name)+"/"+string(p.Role))
		}
		if strings.Join(got, " ") != tc.want {
			t.Errorf("%q: places %v, want [%s]", tc.text, got, tc.want)
		}
	}
}

// TestSenderOrigin: a state that sends its own servicemen or arms is their
// origin when the text names none; one that sends fighters not its own is
// not ("Turkey sent Syrian fighters": the fighters come from Syria, which
// the text may or may not say).
func TestSenderOrigin(t *testing.T) {
	x := extract.New(loadPack(t))
	for _, tc := range []struct{ text, want string }{
		{"Chad dispatched several hundred troops to Darfur last month.", "chad/origin darfur/destination"},
		{"Military advisers have been sent to Donbas by Belarus, officials said.", "belarus/origin donbas/destination"},
		{"Attack drones have been supplied by North Korea, the ministry said.", "north korea/origin"},
		{"Kenya has deployed hundreds of police officers to Haiti.", "haiti/destination kenya/origin"},
		{"Turkey has sent about a thousand Syrian fighters to Libya.", "libya/destination"},
		{"Russia sent mercenaries to Mali in December.", "mali/destination"},
	} {
		src := &claim.Source{Name: "p.txt", Outlet: "Example News", Published: time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC), Text: tc.text + "\n"}
		cs := x.Extract(src)
		if len(cs) == 0 {
			t.Errorf("%q: no claim", tc.text)
			continue
		}
		var got []string
		for _, p := range cs[0].Places {
			got = append(got, strings.ToLower(p.Name)+"/"+string(p.Role))
		}
		slices.Sort(got)
		if strings.Join(got, " ") != tc.want {
			t.Errorf("%q: places %v, want [%s]", tc.text, got, tc.want)
		}
	}
}

// TestJourneyEnd: after "through" or "via", a phrase naming the end of the
// journey ("en route for", "on their way to", "bound for", "headed for")
// makes the place after it the destination, not another stage.
func TestJourneyEnd(t *testing.T) {
	x := extract.New(loadPack(t))
	for _, tc := range []struct{ text, want string }{
		{"Syrian fighters passed through the city of Gaziantep en route for Libya.", "gaziantep/via libya/destination"},
		{"Syrian fighters were flown via Amman bound for Tripoli.", "amman/via tripoli/destination"},
		{"Chadian troops crossed through Cameroon, headed for Bangui.", "cameroon/via bangui/destination"},
		{"Kenyan troops moved through Nairobi en route to Mogadishu.", "nairobi/via mogadishu/destination"},
	} {
		src := &claim.Source{Name: "p.txt", Outlet: "Example News", Published: time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC), Text: tc.text + "\n"}
		cs := x.Extract(src)
		if len(cs) == 0 {
			t.Errorf("%q: no claim", tc.text)
			continue
		}
		var got []string
		for _, p := range cs[0].Places {
			got = append(got, strings.ToLower(p.Name)+"/"+string(p.Role))
		}
		if strings.Join(got, " ") != tc.want {
			t.Errorf("%q: places %v, want [%s]", tc.text, got, tc.want)
		}
	}
}

// TestOnwardLeg: a destination followed by a further leg ("to fly to",
// "and then to", "and continued to") is a stage of the journey (via); two
// destinations of one sending stay destinations.
func TestOnwardLeg(t *testing.T) {
	x := extract.New(loadPack(t))
	for _, tc := range []struct{ text, want string }{
		{"Then the recruits are taken to Adana airport to fly to Tripoli.", "adana/via tripoli/destination"},
		{"Fighters were sent to Kilis and then to Libya.", "kilis/via libya/destination"},
		{"Kenyan troops were flown to Nairobi and continued to Mogadishu.", "nairobi/via mogadishu/destination"},
		{"Turkey sent fighters to Libya and Azerbaijan.", "libya/destination azerbaijan/destination"},
	} {
		src := &claim.Source{Name: "p.txt", Outlet: "Example News", Published: time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC), Text: tc.text + "\n"}
		cs := x.Extract(src)
		if len(cs) == 0 {
			t.Errorf("%q: no claim", tc.text)
			continue
		}
		var got []string
		for _, p := range cs[0].Places {
			got = append(got, strings.ToLower(p.Name)+"/"+string(p.Role))
		}
		if strings.Join(got, " ") != tc.want {
			t.Errorf("%q: places %v, want [%s]", tc.text, got, tc.want)
		}
	}
}

// TestReasonClause: the reason after the claim's verb ("because they
// feared attacks by X") names no actor of the claim.
func TestReasonClause(t *testing.T) {
	x := extract.New(loadPack(t))
	for _, tc := range []struct{ text, want string }{
		{"Rwandan troops crossed into Congo because they were concerned they would be attacked by Congolese militias.", "Rwanda Defence Force"},
		{"Chadian soldiers entered Sudan because they feared attacks by Sudanese rebels.", "Chadian National Army"},
		{"Kenyan troops crossed into Somalia because they expected to be ambushed by Shabaab fighters.", "Kenya Defence Forces"},
	} {
		src := &claim.Source{Name: "p.txt", Outlet: "Example News", Published: time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC), Text: tc.text + "\n"}
		cs := x.Extract(src)
		if len(cs) == 0 {
			t.Errorf("%q: no claim", tc.text)
			continue
		}
		var got []string
		for _, a := range cs[0].Actors {
			got = append(got, a.Name)
		}
		if strings.Join(got, "|") != tc.want {
			t.Errorf("%q: actors %v, want [%s]", tc.text, got, tc.want)
		}
	}
}

// TestGroupShortName: a Syrian National Army faction named by its short
// name ("the Sultan Murad faction", "Sultan Murad fighters") is the pack's
// group, and "from the Sultan Murad …" is no place of origin.
func TestGroupShortName(t *testing.T) {
	x := extract.New(loadPack(t))
	for _, text := range []string{
		"Turkey sent 150 fighters belonging to the Sultan Murad faction to Libya.",
		"Fighters from the Sultan Murad and Hamza factions arrived in Libya on Friday.",
		"Sultan Murad fighters crossed into Libya last week.",
	} {
		src := &claim.Source{Name: "p.txt", Outlet: "Example News", Published: time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC), Text: text + "\n"}
		cs := x.Extract(src)
		if len(cs) == 0 {
			t.Errorf("%q: no claim", text)
			continue
		}
		if !slices.ContainsFunc(cs[0].Actors, func(a claim.Actor) bool { return a.Name == "Sultan Murad Division" }) {
			t.Errorf("%q: actors %+v, want the Sultan Murad Division among them", text, cs[0].Actors)
		}
		for _, p := range cs[0].Places {
			if p.Role != claim.RoleDestination || p.Name != "Libya" {
				t.Errorf("%q: place %s/%s, want only Libya/destination", text, p.Name, p.Role)
			}
		}
	}
}

// TestDenialAfterConfirmation: a denial that names no place denies the
// movement a confirmation told before it ("confirmed that troops entered
// Tigray … denied Eritrea's involvement"): its destination is that one.
func TestDenialAfterConfirmation(t *testing.T) {
	x := extract.New(loadPack(t))
	for _, tc := range []struct{ text, want string }{
		{"Kenya's president confirmed for the first time on Monday that troops from neighbouring Uganda entered the Turkana region. The governments of both Uganda and Kenya have repeatedly denied Uganda's involvement.", "Turkana"},
		{"Sudan's army chief confirmed for the first time on Sunday that soldiers from neighbouring Chad entered the Darfur region. The governments of Chad and Sudan have denied Chad's involvement.", "Darfur"},
		{"Congo's prime minister confirmed for the first time that troops from neighbouring Rwanda entered the North Kivu province. Both governments have denied Rwanda's involvement.", "North Kivu"},
	} {
		src := &claim.Source{Name: "p.txt", Outlet: "Example News", Published: time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC), Text: tc.text + "\n"}
		cs := x.Extract(src)
		if len(cs) < 2 {
			t.Errorf("%q: %d claims, want 2", tc.text, len(cs))
			continue
		}
		c := cs[len(cs)-1]
		if c.Action != claim.ActionDeny || !slices.ContainsFunc(c.Places, func(p claim.Place) bool { return p.Name == tc.want && p.Role == claim.RoleDestination }) {
			t.Errorf("%q: last claim %s places %+v, want %s as destination", tc.text, c.Action, c.Places, tc.want)
		}
	}
}

// TestCountedPeople: a counted people's plural ("1,000 Syrians") is the
// group a deployment moves, named in the text's own word.
func TestCountedPeople(t *testing.T) {
	x := extract.New(loadPack(t))
	for _, tc := range []struct{ text, want string }{
		{"He said nearly 1,000 Afghans were set to be deployed to Iran.", "Afghans"},
		{"About 500 Eritreans were sent to Libya last week.", "Eritreans"},
		{"Some 300 Chadians were deployed to Libya in March.", "Chadians"},
	} {
		src := &claim.Source{Name: "p.txt", Outlet: "Example News", Published: time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC), Text: tc.text + "\n"}
		cs := x.Extract(src)
		if len(cs) == 0 {
			t.Errorf("%q: no claim", tc.text)
			continue
		}
		if !slices.ContainsFunc(cs[0].Actors, func(a claim.Actor) bool { return a.Name == tc.want }) {
			t.Errorf("%q: actors %+v, want %s among them", tc.text, cs[0].Actors, tc.want)
		}
	}
}

// TestDataGapStateForce: a gap in the record about a state's soldiers ("the
// number of Eritrean soldiers killed") names that state's forces as actor.
func TestDataGapStateForce(t *testing.T) {
	x := extract.New(loadPack(t))
	for _, tc := range []struct{ text, want string }{
		{"Details remain sketchy as to the number of Rwandan soldiers killed in the conflict.", "Rwanda Defence Force"},
		{"It is not known how many Kenyan troops died in the fighting.", "Kenya Defence Forces"},
		{"It is not known how many Eritrean soldiers died in the fighting.", "Eritrean Defence Forces"},
	} {
		src := &claim.Source{Name: "p.txt", Outlet: "Example News", Published: time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC), Text: tc.text + "\n"}
		cs := x.Extract(src)
		if len(cs) == 0 {
			t.Errorf("%q: no claim", tc.text)
			continue
		}
		if cs[0].Action != claim.ActionDataGap || !slices.ContainsFunc(cs[0].Actors, func(a claim.Actor) bool { return a.Name == tc.want }) {
			t.Errorf("%q: %s actors %+v, want data-gap with %s", tc.text, cs[0].Action, cs[0].Actors, tc.want)
		}
	}
}

// TestPlaceRoleClasses holds classes of place phrasing, each in several
// wordings: names no pack knows (one ending like a demonym, lists of them),
// the noun of a journey's end ("to camps in Libya"), where a participle
// placed those who move ("stationed in Qatar … moved to Libya"), the place
// of a war a movement goes to or a purpose names, and a place that plays
// one part only. want lists name/role of the first claim, sorted.
func TestPlaceRoleClasses(t *testing.T) {
	x := extract.New(loadPack(t))
	for _, tc := range []struct {
		text string
		want []string
	}{
		// A word ending like a demonym with no noun after it is a name.
		{"Militiamen were flown to Benghazi in May.", []string{"benghazi/destination"}},
		{"Malian troops were sent to Mopti in March.", []string{"mopti/destination"}},
		{"Hundreds of soldiers were moved to Makeni.", []string{"makeni/destination"}},
		// Lists of names: after "and", a colon's list, pairs before "routes".
		{"Mercenaries were sent to Bengazi and Misrata in May.", []string{"bengazi/destination", "misrata/destination"}},
		{"Chadian troops entered Sudan through three border towns: Adre, Tine and Kulbus.", []string{"adre/via", "kulbus/via", "sudan/destination", "tine/via"}},
		{"Soldiers are being transported to Asmara through the Adre – Geneina, Foro – Kornoi routes.", []string{"adre/via", "asmara/destination", "foro/via", "geneina/via", "kornoi/via"}},
		{"Two brothers from Azaz, Omar and Khaled, were sent to Libya.", []string{"azaz/origin", "libya/destination"}},
		// The noun of a journey's end or start keeps the preposition's role.
		{"Syrian fighters were sent to training camps in Libya.", []string{"libya/destination"}},
		{"Fighters were moved from villages in Darfur to Libya.", []string{"darfur/origin", "libya/destination"}},
		{"Wounded soldiers were flown to military hospitals in Asmara.", []string{"asmara/destination"}},
		// Where a participle placed those who then move is their origin.
		{"Turkish troops stationed in Qatar were moved to Libya.", []string{"libya/destination", "qatar/origin"}},
		{"Rebels based in Idlib were sent to Azerbaijan.", []string{"azerbaijan/destination", "idlib/origin"}},
		{"Eritrean units based in the conflict zone in Tigray were transported to bases in Eritrea.", []string{"eritrea/destination", "tigray/origin"}},
		{"Turkish troops were stationed in Qatar.", []string{"qatar/destination"}},
		// A movement to a war goes to its place; a purpose's war is where
		// they fight.
		{"Soldiers are being dispatched to the conflict in Tigray.", []string{"tigray/destination"}},
		{"Hundreds of recruits were sent to the war in Yemen.", []string{"yemen/destination"}},
		{"Turkey sent Syrian fighters to help Azerbaijan fight Armenian forces over Nagorno-Karabakh.", []string{"azerbaijan/destination", "nagorno-karabakh/location"}},
		{"Iran sent advisers to help Russia fight Ukrainian forces over Donbas.", []string{"donbas/location", "iran/origin", "russia/destination"}},
		// A denied movement's purpose names its destination as the
		// movement's does.
		{"Baku rejected a report that Turkey had sent fighters from Syria to support Azerbaijani forces.", []string{"azerbaijan/destination", "syria/origin"}},
		{"Kigali dismissed claims that it had sent soldiers to help Congolese rebels.", []string{"democratic republic of the congo/destination"}},
		{"Khartoum denied reports that Chad had sent fighters to reinforce Sudanese troops.", []string{"sudan/destination"}},
		// A visit's end is where the visitors were.
		{"Reporters on a trip to Tigray saw truckloads of Eritrean soldiers in Adigrat.", []string{"adigrat/location", "tigray/location"}},
		{"Monitors on a visit to Darfur saw truckloads of Chadian fighters in Geneina.", []string{"darfur/location", "geneina/location"}},
		{"Diplomats on a tour to Cabo Delgado saw truckloads of Rwandan troops in Palma.", []string{"cabo delgado/location", "palma/location"}},
		// Both sides' names of one place.
		{"Armenian and Azerbaijani forces clashed near the Tavush/Tovuz border.", []string{"tavush/tovuz/location"}},
		{"Sudanese and Chadian troops clashed near the Adre/Geneina border.", []string{"adre/geneina/location"}},
		{"Kenyan and Somali forces clashed near the Mandera/Bula Hawa border.", []string{"mandera/bula hawa/location"}},
		// A participle set off by commas before the destination.
		{"Turkey has sent 150 fighters, belonging to the Sultan Murad faction, to western Libya.", []string{"western libya/destination"}},
		{"Rwanda deployed 500 soldiers, drawn from its special forces, to Cabo Delgado.", []string{"cabo delgado/destination", "rwanda/origin"}},
		{"Russia sent 200 mercenaries, recruited in Syria, to Mali.", []string{"mali/destination", "syria/origin"}},
		// A people's name with no noun after it is its land.
		{"Tigrayan fighters were moved from Mekelle to Amhara.", []string{"amhara/destination", "mekelle/origin"}},
		{"Eritrean troops withdrew into Afar.", []string{"afar/destination"}},
		{"Ethiopian soldiers were sent to Oromia and Amhara.", []string{"amhara/destination", "oromia/destination"}},
		{"Kurdish fighters were sent to support Amhara militias.", nil},
		// Where a party to a clash comes from is not where it fights.
		{"Eritrean soldiers and forces from the neighbouring region of Amhara clashed with Tigrayan fighters in Humera.", []string{"humera/location"}},
		{"Troops from Chad clashed with rebels in Darfur.", []string{"darfur/location"}},
		{"Militiamen from Idlib killed 12 soldiers in Afrin.", []string{"afrin/location"}},
		{"Some 4,000 fighters from Syria took part in hostilities after being deployed by Turkey.", []string{"syria/origin"}},
		// The place left is the origin.
		{"Sudanese refugees fleeing El Fasher arrived in Tawila on foot.", []string{"el fasher/origin", "tawila/destination"}},
		{"Civilians escaping Goma crossed into Rwanda.", []string{"goma/origin", "rwanda/destination"}},
		{"Soldiers who fled Tessalit were flown to Gao.", []string{"gao/destination", "tessalit/origin"}},
		{"Wagner fighters who left Bangui for Bamako were flown to Gao.", []string{"bamako/via", "bangui/origin", "gao/destination"}},
		// A new predicate right after the place: its places without a
		// preposition are not the claim's.
		{"Officials said mercenaries being transported to the Caucasus caused concern for Russia.", []string{"caucasus/destination"}},
		{"Officials said fighters sent to Libya alarmed Egypt.", []string{"libya/destination"}},
		{"Diplomats said troops moved to Darfur worried Chad.", []string{"darfur/destination"}},
		// "including" drops the container only for the places it lists.
		{"Recruits from Sawa camp including cadets of the last round were sent to Tigray.", []string{"sawa/origin", "tigray/destination"}},
		{"Fighters from Idlib province, including teenagers, were sent to Libya.", []string{"idlib/origin", "libya/destination"}},
		{"Militiamen were deployed to several countries, including Libya.", []string{"libya/destination"}},
		// One part for one place.
		{"Eritrean troops entered Tigray during the fighting in Tigray.", []string{"tigray/destination"}},
		{"The convoy passed through the airspace of Georgia.", []string{"georgia/via"}},
		// A compass part: a country's is a region, a region's the region.
		{"Turkish troops moved into Syria's north in October.", []string{"northern syria/destination"}},
		{"Turkish troops moved into the north of Syria in October.", []string{"northern syria/destination"}},
		{"Chadian troops moved into the east of Niger in October.", []string{"eastern niger/destination"}},
		{"Rwandan units moved into North Kivu's south in October.", []string{"north kivu/destination"}},
		// The first stage of a journey is passed through.
		{"The recruits are first sent to the border town of Kilis, where they receive uniforms.", []string{"kilis/via"}},
		{"The mercenaries were initially flown to Istanbul.", []string{"istanbul/via"}},
		{"Fighters were first taken to Gaziantep.", []string{"gaziantep/via"}},
		// Places excluded are none of the claim's.
		{"Fighters from countries other than Syria were sent to Libya.", []string{"libya/destination"}},
		{"Mercenaries from every neighbour except Chad were sent to Darfur.", []string{"darfur/destination"}},
		{"Fighters from states apart from Iran were deployed to Iraq.", []string{"iraq/destination"}},
		// A demonym's ground is its country.
		{"Eritrean troops crossed into Ethiopian territory in November.", []string{"ethiopia/destination"}},
		{"Russian mercenaries entered Malian territory in May.", []string{"mali/destination"}},
		{"Rwandan soldiers moved into Congolese territory.", []string{"democratic republic of the congo/destination"}},
		{"Turkey moved Syrian fighters into the Azerbaijani region of Zangezur.", []string{"zangezur/destination"}},
		// A force's presence, and a deployed force, are where it went.
		{"Kigali denied Rwandan soldiers' presence in North Kivu.", []string{"north kivu/destination"}},
		{"Witnesses said Ugandan soldiers in South Sudan were marching north.", []string{"south sudan/destination"}},
		{"He said that Chadian troops in Niger were sneaking across the border.", []string{"niger/destination"}},
		{"Officials said that Kenyan soldiers in Somalia were marching towards Kismayo.", []string{"kismayo/destination", "somalia/destination"}},
		{"Fighters from Kataib Hezbollah joined Basij units in Ilam.", []string{"ilam/location"}},
	} {
		src := &claim.Source{Name: "p.txt", Outlet: "Example News", Published: time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC), Text: tc.text + "\n"}
		cs := x.Extract(src)
		if len(cs) == 0 {
			t.Errorf("%q: no claim", tc.text)
			continue
		}
		var got []string
		for _, p := range cs[0].Places {
			got = append(got, strings.ToLower(p.Name)+"/"+string(p.Role))
		}
		slices.Sort(got)
		if strings.Join(got, " ") != strings.Join(tc.want, " ") {
			t.Errorf("%q: places %v, want %v", tc.text, got, tc.want)
		}
	}
}

// TestWarPlaceReferences: "the frontline" and "the region" of a text about a
// war are the war's place, whatever region the text named last. want is
// name/role of the last claim, sorted.
func TestWarPlaceReferences(t *testing.T) {
	x := extract.New(loadPack(t))
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Rwanda has denied any role in the conflict in North Kivu. A captured fighter said he was transferred to the frontline from Rwanda.", []string{"north kivu/destination", "rwanda/origin"}},
		{"Chad is accused of fuelling the war in Darfur. A recruit said fighters were sent to the front line from Chad.", []string{"chad/origin", "darfur/destination"}},
		{"The fighting in Tigray has displaced thousands. Witnesses said Eritrean units were sent to the front in Ethiopia.", []string{"ethiopia/destination"}},
		{"Fighters took part in the conflict in Nagorno-Karabakh, officials said, citing services in the Middle East. Lavrov said there were 2,000 mercenaries in the region.", []string{"nagorno-karabakh/destination"}},
		{"The war in Darfur drew fighters, an envoy in the Sahel said. Monitors said there were 500 Libyan fighters in the region.", []string{"darfur/destination"}},
		{"Militias fought in the conflict in Cabo Delgado. Rwandan troops were later deployed in the region, residents said.", []string{"cabo delgado/destination"}},
		// The war's place is the one after its word, not the side before it.
		{"Turkey sent fighters to help its ally Azerbaijan fight Armenian forces over Nagorno-Karabakh. Dozens have been killed since clashes broke out on Sunday.", []string{"nagorno-karabakh/location"}},
		{"Rwanda sent troops to help its neighbour Mozambique fight insurgents in Cabo Delgado. Dozens have been killed since the offensive began.", []string{"cabo delgado/location"}},
		{"Chad sent men to help its ally Sudan fight rebels in Darfur. Hundreds have died since the fighting began.", []string{"darfur/location"}},
	} {
		src := &claim.Source{Name: "p.txt", Outlet: "Example News", Published: time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC), Text: tc.text + "\n"}
		cs := x.Extract(src)
		if len(cs) == 0 {
			t.Errorf("%q: no claim", tc.text)
			continue
		}
		var got []string
		for _, p := range cs[len(cs)-1].Places {
			got = append(got, strings.ToLower(p.Name)+"/"+string(p.Role))
		}
		slices.Sort(got)
		if strings.Join(got, " ") != strings.Join(tc.want, " ") {
			t.Errorf("%q: places %v, want %v", tc.text, got, tc.want)
		}
	}
}

// TestTownsNamedLikePeople: a town whose name is also a person's (Hassan,
// Heide, Jackson) is no place inside a person's name, and is one on its own.
func TestTownsNamedLikePeople(t *testing.T) {
	x := extract.New(loadPack(t))
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Minister Ali Hassan said Chadian troops had entered Darfur.", []string{"darfur/destination"}},
		{"Colonel Heide said Chadian troops had entered Darfur.", []string{"darfur/destination"}},
		{"Analyst Karin von der Heide said Chadian troops had entered Darfur.", []string{"darfur/destination"}},
		{"Jackson Mwangi said Kenyan troops had entered Somalia.", []string{"somalia/destination"}},
		{"Indian troops were moved to Hassan in May.", []string{"hassan/destination"}},
		// A town does not speak: before a reporting verb the name is a
		// person's (a capital's stays its state's).
		{"Hassan told reporters that Indian troops were moved to Srinagar.", []string{"srinagar/destination"}},
		{"Heide said that German troops were moved to Lithuania.", []string{"lithuania/destination"}},
	} {
		src := &claim.Source{Name: "p.txt", Outlet: "Example News", Published: time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC), Text: tc.text + "\n"}
		cs := x.Extract(src)
		if len(cs) == 0 {
			t.Errorf("%q: no claim", tc.text)
			continue
		}
		var got []string
		for _, p := range cs[0].Places {
			got = append(got, strings.ToLower(p.Name)+"/"+string(p.Role))
		}
		slices.Sort(got)
		if strings.Join(got, " ") != strings.Join(tc.want, " ") {
			t.Errorf("%q: places %v, want %v", tc.text, got, tc.want)
		}
	}
}

// TestConflictThere: "the conflict there" is the war in the place forces
// were just said to enter; later claims that name no place happen there.
func TestConflictThere(t *testing.T) {
	x := extract.New(loadPack(t))
	for _, tc := range []struct {
		text, want string
	}{
		{"A general confirmed that troops from Eritrea entered the Tigray region during the conflict there. Thousands of soldiers were killed, he said.", "tigray/location"},
		{"Officials said Rwandan soldiers crossed into North Kivu during the war there. Hundreds of soldiers have died, they said.", "north kivu/location"},
		{"Witnesses said Chadian fighters entered Darfur during the fighting there. Dozens of soldiers were killed, they said.", "darfur/location"},
	} {
		src := &claim.Source{Name: "p.txt", Outlet: "Example News", Published: time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC), Text: tc.text + "\n"}
		cs := x.Extract(src)
		if len(cs) < 2 {
			t.Errorf("%q: %d claims, want 2", tc.text, len(cs))
			continue
		}
		var got []string
		for _, p := range cs[len(cs)-1].Places {
			got = append(got, strings.ToLower(p.Name)+"/"+string(p.Role))
		}
		if strings.Join(got, " ") != tc.want {
			t.Errorf("%q: last claim's places %v, want %s", tc.text, got, tc.want)
		}
	}
}

// TestTownsOfEveryRegion: the default pack knows the towns of every region
// (GeoNames towns of 30,000 or more outside the anglophone countries), and
// a town's name written as part of a person's name is no place.
func TestTownsOfEveryRegion(t *testing.T) {
	x := extract.New(loadPack(t))
	for _, tc := range []struct {
		text string
		want []string // name/role of the claim's places
	}{
		{"Rwandan soldiers entered Goma on Monday, residents said.", []string{"goma/destination"}},
		{"Some 300 Syrian fighters were flown to Benghazi in May.", []string{"benghazi/destination"}},
		{"Ethiopian troops pulled out of Baidoa on Saturday, residents said.", []string{"baidoa/origin"}},
		{"Russian paratroopers landed in Mariupol in March.", []string{"mariupol/destination"}},
		// Hassan (India) and Linden (Guyana) are towns; here they are names.
		{"General Ali Hassan said Chadian troops had crossed into Sudan.", []string{"sudan/destination"}},
		{"Analyst Maarten van der Linden said Chadian troops had crossed into Sudan.", []string{"sudan/destination"}},
		{"Hassan Nasrallah said Hezbollah fighters had crossed into Syria.", []string{"syria/destination"}},
	} {
		src := &claim.Source{Name: "p.txt", Outlet: "Example News", Published: time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC), Text: tc.text + "\n"}
		cs := x.Extract(src)
		if len(cs) != 1 {
			t.Errorf("%q: %d claims, want 1", tc.text, len(cs))
			continue
		}
		var got []string
		for _, p := range cs[0].Places {
			got = append(got, strings.ToLower(p.Name)+"/"+string(p.Role))
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%q: places %v, want %v", tc.text, got, tc.want)
		}
	}
}

// TestTheatreNotForAnotherCountry: a killing that names no place happened
// where the text's events do, unless its clause names another country.
func TestTheatreNotForAnotherCountry(t *testing.T) {
	x := extract.New(loadPack(t))
	for _, second := range []string{
		"Colombian mercenaries took part in the assassination of Haiti's president, police said.",
		"Gunmen shot dead the president of Haiti, police said.",
		"Two of Chad's generals were killed, officials said.",
	} {
		text := "Kenyan troops crossed into southern Somalia on Tuesday, a military spokesman said.\n\n" + second + "\n"
		cs := x.Extract(&claim.Source{Name: "p.txt", Published: time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC), Text: text})
		if len(cs) != 2 {
			t.Errorf("%q: %d claims, want 2", second, len(cs))
			continue
		}
		for _, p := range cs[1].Places {
			if p.Country == "SO" {
				t.Errorf("%q: took the theatre's place %s", second, p.Name)
			}
		}
	}
}

// TestDistanceReference: a town named only as the point a distance is
// measured from ("500 km south of Mogadishu") is no place of the claim;
// "the south of Syria" still is.
func TestDistanceReference(t *testing.T) {
	x := extract.New(loadPack(t))
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Kenyan troops entered Kismayo, some 500 km south of Mogadishu, on Monday.", []string{"kismayo/destination"}},
		{"Kenyan troops entered Kismayo, 300 miles (480 km) south of Mogadishu, on Monday.", []string{"kismayo/destination"}},
		{"Rwandan soldiers entered Goma, about 10 kilometres north of Gisenyi, on Monday.", []string{"goma/destination"}},
		{"Rebel fighters abandoned their last stronghold of Kismayo on Monday.", []string{"kismayo/origin"}},
	} {
		cs := x.Extract(&claim.Source{Name: "p.txt", Outlet: "Example News", Published: time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC), Text: tc.text + "\n"})
		if len(cs) != 1 {
			t.Errorf("%q: %d claims, want 1", tc.text, len(cs))
			continue
		}
		var got []string
		for _, p := range cs[0].Places {
			got = append(got, strings.ToLower(p.Name)+"/"+string(p.Role))
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%q: places %v, want %v", tc.text, got, tc.want)
		}
	}
}
