package knowledge

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/triangulate/triangulate/claim"
)

// demonymAt returns the demonym match whose text is word in text.
func demonymAt(ms []Match, word string) (Match, bool) {
	for _, m := range ms {
		if m.Text == word {
			return m, m.Kind == DemonymMatch
		}
	}
	return Match{}, false
}

func TestScanDemonyms(t *testing.T) {
	p := loadPack(t)
	tests := []struct {
		text, word, want string
		others           []string
		form             DemonymForm
	}{
		// Adjectives before a force, three ways.
		{"Turkish troops crossed the border on Monday.", "Turkish", "TR", nil, FormAdjective},
		{"Witnesses saw Belarusian soldiers near the frontier.", "Belarusian", "BY", nil, FormAdjective | FormSingular},
		{"Officials said Belarussian units had moved south.", "Belarussian", "BY", nil, FormAdjective | FormSingular},
		// Multi-word forms match as one.
		{"South Sudanese forces took the town.", "South Sudanese", "SS", nil, FormAdjective | FormSingular | FormPlural},
		{"A South Korean destroyer sailed.", "South Korean", "KR", nil, FormAdjective | FormSingular},
		{"North Korean troops were seen in Kursk.", "North Korean", "KP", nil, FormAdjective | FormSingular},
		// Nouns for nationals, singular and plural.
		{"The Turks denied it.", "Turks", "TR", nil, FormPlural},
		{"An Afghan was among the dead.", "Afghan", "AF", nil, FormAdjective | FormSingular},
		{"Hundreds of Afghans fled.", "Afghans", "AF", nil, FormPlural},
		// Variants and ambiguous forms.
		{"Azeri forces shelled the village.", "Azeri", "AZ", nil, FormAdjective | FormSingular},
		{"Emirati drones were used.", "Emirati", "AE", nil, FormAdjective | FormSingular},
		{"Congolese soldiers fled Goma.", "Congolese", "CD", []string{"CG"}, FormAdjective | FormSingular | FormPlural},
		{"Korean officials met.", "Korean", "KR", []string{"KP"}, FormAdjective},
	}
	for _, tt := range tests {
		m, ok := demonymAt(p.Scan(tt.text), tt.word)
		if !ok || m.ID != tt.want || !slices.Equal(m.Others, tt.others) || m.Form != tt.form {
			t.Errorf("Scan(%q): %q = %+v (demonym %v), want %s others %v form %b", tt.text, tt.word, m, ok, tt.want, tt.others, tt.form)
		}
	}
}

// TestScanDemonymPrecedence: a longer actor or place name wins over a
// demonym, phrases that merely hold one give nothing, and lower case is no
// demonym.
func TestScanDemonymPrecedence(t *testing.T) {
	p := loadPack(t)
	tests := []struct {
		text, word string
		kind       MatchKind // 0: no match covers word
		id         string
	}{
		{"She flew Turkish Airlines to Baku.", "Turkish Airlines", ActorMatch, "turkish-airlines"},
		{"The Turkish Armed Forces said.", "Turkish Armed Forces", ActorMatch, "taf"},
		{"Turkish Land Forces units moved.", "Turkish Land Forces", ActorMatch, "tr-land-forces"},
		{"Latin American leaders met.", "Latin American", PeopleMatch, "latin-americans"},
		{"African American soldiers served.", "African American", 0, ""},
		{"Many South American states objected.", "South American", 0, ""},
		{"They will polish the plan; turkish coffee aside.", "turkish", 0, ""},
	}
	for _, tt := range tests {
		var got *Match
		ms := p.Scan(tt.text)
		at := strings.Index(tt.text, tt.word)
		for i := range ms {
			if ms[i].Start < at+len(tt.word) && at < ms[i].End {
				got = &ms[i]
				break
			}
		}
		switch {
		case tt.kind == 0 && got != nil:
			t.Errorf("Scan(%q): %q matched %+v, want nothing", tt.text, tt.word, *got)
		case tt.kind != 0 && (got == nil || got.Kind != tt.kind || got.ID != tt.id || got.Text != tt.word):
			t.Errorf("Scan(%q): %q = %+v, want %v %s", tt.text, tt.word, got, tt.kind, tt.id)
		}
	}
}

// TestScanPeoples: ethnic, religious and regional words are their own kind,
// a longer actor or place name still wins, and a country's demonym is no
// people.
func TestScanPeoples(t *testing.T) {
	p := loadPack(t)
	tests := []struct {
		text, word string
		kind       MatchKind
		id         string
		form       DemonymForm
	}{
		{"Kurdish fighters crossed the border.", "Kurdish", PeopleMatch, "kurds", FormAdjective},
		{"The Kurds say they were shelled.", "Kurds", PeopleMatch, "kurds", FormPlural},
		{"A Kurd was detained.", "Kurd", PeopleMatch, "kurds", FormSingular},
		{"Shiite militias moved in.", "Shiite", PeopleMatch, "shia", FormAdjective | FormSingular},
		{"Shi'ite fighters were seen.", "Shi'ite", PeopleMatch, "shia", FormAdjective | FormSingular},
		{"Shia groups denied it.", "Shia", PeopleMatch, "shia", FormAdjective},
		{"Western officials said.", "Western", PeopleMatch, "westerners", FormAdjective},
		{"European diplomats said.", "European", PeopleMatch, "europeans", FormAdjective | FormSingular},
		{"Gulf states objected.", "Gulf", PeopleMatch, "gulf", FormAdjective},
		{"The Kurdistan Workers' Party denied it.", "Kurdistan Workers' Party", ActorMatch, "pkk", 0},
		{"Protests spread in western Iran.", "western Iran", PlaceMatch, "region-western-iran", 0},
		{"Turkmen troops patrolled.", "Turkmen", DemonymMatch, "TM", FormAdjective | FormSingular},
	}
	for _, tt := range tests {
		var got *Match
		ms := p.Scan(tt.text)
		for i := range ms {
			if ms[i].Text == tt.word {
				got = &ms[i]
			}
		}
		if got == nil || got.Kind != tt.kind || got.ID != tt.id || got.Form != tt.form {
			t.Errorf("Scan(%q): %q = %+v, want %v %s form %b", tt.text, tt.word, got, tt.kind, tt.id, tt.form)
		}
	}
	if pe, ok := p.People("kurds"); !ok || pe.Kind != PeopleEthnic || !slices.Contains(pe.Countries, "IQ") {
		t.Errorf("People(kurds) = %+v, %v", pe, ok)
	}
}

func TestLookupDemonym(t *testing.T) {
	p := loadPack(t)
	for _, tt := range []struct {
		name string
		want []string
		form DemonymForm
	}{
		{"Turkish", []string{"TR"}, FormAdjective},
		{"turks", []string{"TR"}, FormPlural},
		{"Congolese", []string{"CD", "CG"}, FormAdjective | FormSingular | FormPlural},
		{"Ruritanian", nil, 0},
	} {
		got, form := p.LookupDemonym(tt.name)
		if !slices.Equal(got, tt.want) || form != tt.form {
			t.Errorf("LookupDemonym(%q) = %v %b, want %v %b", tt.name, got, form, tt.want, tt.form)
		}
	}
}

func TestMetonym(t *testing.T) {
	p := loadPack(t)
	moscow := p.LookupPlace("Moscow")
	if len(moscow) == 0 {
		t.Fatal("no Moscow")
	}
	for _, tt := range []struct {
		name, want string
	}{
		{"Ankara", "TR"},
		{"ANKARA", "TR"},
		{"Moscow", "RU"},
		{"the Kremlin", "RU"},
		{"Kremlin", "RU"},
		{"Washington", "US"},
		{"the White House", "US"},
		{"Minsk", "BY"},
		{"Asmara", "ER"},
		{moscow[0].ID, "RU"},
		{"Istanbul", ""},
		{"country-tr", ""}, // a country is not a metonym of itself
	} {
		got, ok := p.Metonym(tt.name)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("Metonym(%q) = %q, %v; want %q", tt.name, got, ok, tt.want)
		}
	}
}

func TestStateForce(t *testing.T) {
	p := loadPack(t)
	for _, tt := range []struct {
		iso, branch, want string
	}{
		// "Turkish troops", "Ankara's soldiers", "TSK": the military.
		{"TR", BranchMilitary, "Turkish Armed Forces"},
		{"tr", BranchMilitary, "Turkish Armed Forces"},
		{"TR", BranchArmy, "Turkish Land Forces"},
		{"TR", BranchNavy, "Turkish Naval Forces"},
		{"TR", BranchIntelligence, "National Intelligence Organization (MIT)"},
		{"TR", BranchSecurity, "Gendarmerie General Command"},
		// "Belarusian soldiers", "the Belarusian army", "Belarus's navy":
		// no separate services, so the armed forces.
		{"BY", BranchMilitary, "Armed Forces of Belarus"},
		{"BY", BranchArmy, "Armed Forces of Belarus"},
		{"BY", BranchAirForce, "Armed Forces of Belarus"},
		// Intelligence and police never fall back to the military.
		{"ER", BranchMilitary, "Eritrean Defence Forces"},
		{"ER", BranchIntelligence, ""},
		{"ER", BranchPolice, ""},
		// Iran: the umbrella over the Artesh and the IRGC is the military.
		{"IR", BranchMilitary, "Islamic Republic of Iran Armed Forces"},
		{"IR", BranchArmy, "Islamic Republic of Iran Army"},
		{"IR", BranchNavy, "Islamic Republic of Iran Navy"},
		{"IR", BranchIntelligence, "Ministry of Intelligence of Iran"},
		{"IQ", BranchMilitary, "Iraqi Security Forces"},
		{"IQ", BranchArmy, "Iraqi Army"},
		{"ZZ", BranchMilitary, ""},
		{"TR", "cavalry", ""},
	} {
		a, ok := p.StateForce(tt.iso, tt.branch)
		if a.Name != tt.want || ok != (tt.want != "") {
			t.Errorf("StateForce(%s, %s) = %q, %v; want %q", tt.iso, tt.branch, a.Name, ok, tt.want)
		}
	}
}

func TestCountry(t *testing.T) {
	p := loadPack(t)
	for _, tt := range []struct{ iso, want string }{
		{"TR", "Turkey"}, {"by", "Belarus"}, {" ER ", "Eritrea"}, {"ZZ", ""},
	} {
		c, ok := p.Country(tt.iso)
		if c.Name != tt.want || ok != (tt.want != "") {
			t.Errorf("Country(%q) = %q, %v; want %q", tt.iso, c.Name, ok, tt.want)
		}
	}
}

// unMembers are the 193 member states of the United Nations and its two
// observer states (VA, PS).
const unMembers = `AF AL DZ AD AO AG AR AM AU AT AZ BS BH BD BB BY BE BZ BJ BT BO BA BW BR BN BG BF BI CV KH CM CA
CF TD CL CN CO KM CG CD CR CI HR CU CY CZ DK DJ DM DO EC EG SV GQ ER EE SZ ET FJ FI FR GA GM GE DE GH GR GD GT
GN GW GY HT HN HU IS IN ID IR IQ IE IL IT JM JP JO KZ KE KI KW KG LA LV LB LS LR LY LI LT LU MG MW MY MV ML MT
MH MR MU MX FM MD MC MN ME MA MZ MM NA NR NP NL NZ NI NE NG KP MK NO OM PK PW PA PG PY PE PH PL PT QA KR RO RU
RW KN LC VC WS SM ST SA SN RS SC SL SG SK SI SB SO ZA SS ES LK SD SR SE CH SY TJ TZ TH TL TG TO TT TN TR TM TV
UG UA AE GB US UY UZ VU VE VN YE ZM ZW`

// noArmedForces are the member states without a standing military (their
// police, coast guard or a paramilitary police unit is the national force).
var noArmedForces = map[string]bool{}

func init() {
	for _, iso := range strings.Fields("AD CR DM GD IS KI LI LC MH MU FM NR PW PA WS SB TV VC") {
		noArmedForces[iso] = true
	}
}

// TestPackIntegrity holds the default pack to its promise: every UN member
// state is a place with demonyms and armed forces, and every observer
// state and listed territory is a place.
func TestPackIntegrity(t *testing.T) {
	p := loadPack(t)
	members := strings.Fields(unMembers)
	if len(members) != 193 {
		t.Fatalf("%d UN members listed, want 193", len(members))
	}
	for _, iso := range members {
		if _, ok := p.Country(iso); !ok {
			t.Errorf("%s: no country place", iso)
		}
		if n, ok := p.Nationality(iso); !ok || len(n.Adjectives)+len(n.Singular)+len(n.Plural) == 0 {
			t.Errorf("%s: no demonym", iso)
		}
		if noArmedForces[iso] {
			// Its police or security force stands in: some national force.
			if !slices.ContainsFunc(p.Actors(), func(a Actor) bool { return a.Country == iso && a.Branch != "" }) {
				t.Errorf("%s: no national force at all", iso)
			}
			if a, ok := p.StateForce(iso, BranchMilitary); ok {
				t.Errorf("%s has no armed forces, but StateForce gives %s", iso, a.ID)
			}
			continue
		}
		if a, ok := p.StateForce(iso, BranchMilitary); !ok || a.Kind != KindStateForce {
			t.Errorf("%s: no military (%+v)", iso, a)
		}
	}
	for _, iso := range strings.Fields("VA PS TW XK EH XS XC HK") {
		if _, ok := p.Country(iso); !ok {
			t.Errorf("%s: no country place", iso)
		}
	}
	for _, n := range p.Nationalities() {
		if _, ok := p.Country(n.Country); !ok {
			t.Errorf("demonyms of %s: no such country", n.Country)
		}
		for _, m := range n.Metonyms {
			// A metonym must be a name Scan finds: a city of that country
			// (or, for a territory, of any) or an official speaker.
			ms := p.Scan(m)
			if len(ms) != 1 || ms[0].Text != m {
				t.Errorf("metonym %q of %s: Scan finds %+v", m, n.Country, ms)
				continue
			}
			switch ms[0].Kind {
			case PlaceMatch:
				pl, _ := p.Place(ms[0].ID)
				if iso, ok := p.Metonym(pl.ID); pl.Kind != claim.KindCity || !ok || iso != n.Country {
					t.Errorf("metonym %q of %s is place %s (%s, %s), which stands for %q", m, n.Country, pl.ID, pl.Kind, pl.Country, iso)
				}
			case SpeakerMatch:
				if sp, _ := p.Speaker(ms[0].ID); sp.Country != n.Country {
					t.Errorf("metonym %q of %s is speaker %s of %s", m, n.Country, sp.ID, sp.Country)
				}
			default:
				t.Errorf("metonym %q of %s is a %v", m, n.Country, ms[0].Kind)
			}
		}
	}
	for _, a := range p.Actors() {
		if a.Branch != "" {
			if _, ok := p.Country(a.Country); !ok {
				t.Errorf("actor %s: country %q is no country", a.ID, a.Country)
			}
			if a.Kind != KindStateForce && a.Kind != KindIntelligence {
				t.Errorf("actor %s: branch %q on a %s", a.ID, a.Branch, a.Kind)
			}
		}
		if a.Affiliation != "" {
			if up, ok := p.ActorByName(a.Affiliation); !ok || up.ID == a.ID {
				t.Errorf("actor %s: affiliation %q is no other actor's name", a.ID, a.Affiliation)
			}
		}
	}
}

// TestForcesFromText reads a force the way an extractor would with this
// API: a named force is an actor; a demonym, a capital or a country before
// a force word is that state's force of the branch the word names.
func TestForcesFromText(t *testing.T) {
	p := loadPack(t)
	branchOf := map[string]string{"troops": BranchMilitary, "soldiers": BranchMilitary, "forces": BranchMilitary,
		"military": BranchMilitary, "army": BranchArmy, "navy": BranchNavy, "warplanes": BranchAirForce, "spies": BranchIntelligence}
	resolve := func(text string) string {
		ms := p.Scan(text)
		if len(ms) == 0 {
			return ""
		}
		m := ms[0]
		head := strings.Fields(strings.ToLower(strings.TrimPrefix(text[m.End:], "'s")))
		branch := BranchMilitary
		if len(head) > 0 && branchOf[head[0]] != "" {
			branch = branchOf[head[0]]
		}
		var iso string
		switch m.Kind {
		case ActorMatch:
			a, _ := p.Actor(m.ID)
			return a.Name
		case DemonymMatch:
			iso = m.ID
		case PlaceMatch, SpeakerMatch:
			if c, ok := p.Metonym(m.Text); ok {
				iso = c
			} else if pl, ok := p.Place(m.ID); ok && pl.Kind == claim.KindCountry {
				iso = pl.Country
			}
		}
		a, _ := p.StateForce(iso, branch)
		return a.Name
	}
	for _, tt := range []struct{ text, want string }{
		{"Turkish troops crossed into Iraq", "Turkish Armed Forces"},
		{"Ankara's soldiers entered the town", "Turkish Armed Forces"},
		{"TSK units shelled the hills", "Turkish Armed Forces"},
		{"Turkey's navy sent a frigate", "Turkish Naval Forces"},
		{"Belarusian soldiers massed at the border", "Armed Forces of Belarus"},
		{"Minsk's troops held exercises", "Armed Forces of Belarus"},
		{"Belarus's army moved west", "Armed Forces of Belarus"},
		{"Eritrean troops were seen in Tigray", "Eritrean Defence Forces"},
		{"Asmara's forces withdrew", "Eritrean Defence Forces"},
		{"EDF units looted the town", "Eritrean Defence Forces"},
		{"Russian warplanes struck Idlib", "Russian Aerospace Forces"},
		{"the Kremlin's spies", "Federal Security Service"},
		{"Iranian troops and advisers", "Islamic Republic of Iran Armed Forces"},
		{"Sudanese soldiers fled", "Sudanese Armed Forces"},
		{"Congolese soldiers fled Goma", "Armed Forces of the Democratic Republic of the Congo"},
	} {
		if got := resolve(tt.text); got != tt.want {
			t.Errorf("%q → %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestUserPackNations(t *testing.T) {
	write := func(t *testing.T, files map[string]string) string {
		dir := t.TempDir()
		for name, body := range files {
			if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return dir
	}
	for _, tt := range []struct {
		name, file, body, wantErr string
	}{
		{"unknown branch", "actors.json", `[{"id": "x", "name": "X Force", "kind": "state-force", "country": "TR", "branch": "cavalry"}]`, "unknown branch"},
		{"branch without country", "actors-mine.json", `[{"id": "x", "name": "X Force", "kind": "state-force", "branch": "army"}]`, "no country"},
		{"demonym without form", "demonyms.json", `[{"country": "TR"}]`, "without country or form"},
		{"unknown field", "peoples.json", `[{"id": "x", "name": "X", "kind": "ethnic", "adjective": ["X"]}]`, "unknown field"},
	} {
		_, err := Load(write(t, map[string]string{tt.file: tt.body}))
		if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !strings.Contains(err.Error(), tt.file) {
			t.Errorf("%s: Load error %v, want one naming %s and %q", tt.name, err, tt.file, tt.wantErr)
		}
	}
	// A user pack replaces a country's demonyms whole and adds forces after
	// the default ones.
	p, err := Load(write(t, map[string]string{
		"demonyms.json":    `[{"country": "tr", "adjectives": ["Turkic-test"], "metonyms": ["Ankara"]}]`,
		"actors-mine.json": `[{"id": "tr-second", "name": "Second Turkish Force", "kind": "state-force", "country": "TR", "branch": "military"}]`,
	}))
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := p.LookupDemonym("Turkish"); got != nil {
		t.Errorf("replaced demonym Turkish still resolves to %v", got)
	}
	if got, _ := p.LookupDemonym("Turkic-test"); !slices.Equal(got, []string{"TR"}) {
		t.Errorf("user demonym resolves to %v", got)
	}
	if a, _ := p.StateForce("TR", BranchMilitary); a.ID != "taf" {
		t.Errorf("StateForce(TR) = %s, want the default pack's taf", a.ID)
	}
}
