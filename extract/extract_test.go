package extract_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/extract"
)

// TestNewsParagraphs runs the extractor on paragraphs written for this test
// (testdata/news.txt), not taken from the gold set, and checks the general
// rules: list roles, crossings, denial, rights-group attribution, weekday
// resolution, flight baselines, neither-confirmed-nor-denied, hedging.
func TestNewsParagraphs(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "news.txt"))
	if err != nil {
		t.Fatal(err)
	}
	src := &claim.Source{Name: "news.txt", Outlet: "Example Post", Published: time.Date(2026, 3, 7, 0, 0, 0, 0, time.UTC), Text: string(b)}
	cs := extract.New(loadPack(t)).Extract(src)
	var got []extract.GoldClaim
	for _, c := range cs {
		if err := c.Validate(src.Text); err != nil {
			t.Error(err)
		}
		got = append(got, extract.ToGold(c))
	}
	find := func(action string) extract.GoldClaim {
		t.Helper()
		for _, g := range got {
			if g.Action == action {
				return g
			}
		}
		t.Fatalf("no %s claim in %d claims", action, len(got))
		return extract.GoldClaim{}
	}
	hasPlace := func(g extract.GoldClaim, name, role string) bool {
		return slices.ContainsFunc(g.Places, func(p extract.GoldPlace) bool { return p.Name == name && p.Role == role })
	}
	who := func(g extract.GoldClaim) []string {
		var out []string
		for _, a := range g.Attribution {
			out = append(out, a.Who+"/"+a.Kind)
		}
		return out
	}

	d := find("deploy")
	if !slices.Contains(d.Actors, "Kataib Hezbollah") {
		t.Errorf("deploy actors %v", d.Actors)
	}
	if !hasPlace(d, "Syria", "destination") || !hasPlace(d, "Anbar", "origin") {
		t.Errorf("deploy places %+v", d.Places)
	}
	if !slices.ContainsFunc(d.Places, func(p extract.GoldPlace) bool { return p.Role == "via" && p.Kind == "crossing" }) {
		t.Errorf("no crossing as via in %+v", d.Places)
	}
	if d.Time == nil || *d.Time.From != "2026-03-03" || d.Time.Precision != "day" {
		t.Errorf("deploy time %+v", d.Time)
	}
	if w := who(d); !slices.Equal(w, []string{"two local sources/anonymous", "Reuters/outlet", "Example Post/outlet"}) {
		t.Errorf("deploy attribution %v", w)
	}

	var denied *extract.GoldClaim
	for i := range got {
		if got[i].Modality == "denied" {
			denied = &got[i]
		}
	}
	// A denied claim is a denial that keeps the places of what it denies
	// (../shared/eval/dev/README.md, "Actions" and "Places").
	if denied == nil || denied.Action != "deny" || !hasPlace(*denied, "Syria", "destination") {
		t.Errorf("denial: %+v", denied)
	}

	k := find("kill")
	if len(k.Quantities) != 1 || k.Quantities[0].Min != 12 || k.Quantities[0].Qualifier != "at least" || k.Quantities[0].Unit != "people killed" {
		t.Errorf("kill quantities %+v", k.Quantities)
	}
	if k.Time == nil || *k.Time.From != "2026-03-03" {
		t.Errorf("kill time (Tuesday before 7 March 2026) %+v", k.Time)
	}
	if w := who(k); len(w) == 0 || w[0] != "Syrian Observatory for Human Rights/rights-group" {
		t.Errorf("kill attribution %v", w)
	}

	f := find("flights")
	if !hasPlace(f, "Tehran", "origin") || !hasPlace(f, "Damascus", "destination") {
		t.Errorf("flights places %+v", f.Places)
	}
	if len(f.Quantities) != 2 || f.Quantities[0].Min != 18 || f.Quantities[1].Kind != "baseline" || f.Quantities[1].Unit != "flights per day" {
		t.Errorf("flights quantities %+v", f.Quantities)
	}
	if f.Time == nil || *f.Time.From != "2026-03-01" || *f.Time.To != "2026-03-05" {
		t.Errorf("flights time %+v", f.Time)
	}

	n := find("no-comment")
	if n.Modality != "neither-confirmed-nor-denied" || !slices.Contains(n.Actors, "Pentagon") {
		t.Errorf("no-comment %+v", n)
	}

	var hedged bool
	for _, g := range got {
		if g.Modality == "hedged" && slices.Contains(g.Actors, "Iraqi armed groups") && len(g.Quantities) == 1 && g.Quantities[0].Min == 300 && g.Quantities[0].Qualifier == "some" {
			hedged = true
		}
	}
	if !hedged {
		t.Errorf("no hedged claim of some 300 fighters sent by Iraqi armed groups")
	}
	// The headline makes no claim.
	for _, g := range got {
		if g.Start < 25 {
			t.Errorf("claim from the headline: %q", g.Evidence)
		}
	}
}

// Sentences that carry no claim produce none.
func TestNoClaims(t *testing.T) {
	x := extract.New(loadPack(t))
	for _, text := range []string{
		"The current situation in Iran",
		"Several Arab countries have helped ease tensions between Washington and Tehran, a Gulf official told CNN.",
		"The deployment of foreign fighters is seen as another sign of the regime's vulnerability.",
		"This rise in air traffic comes at a time when there are no major religious holidays that would explain such an increase in travel.",
		"Also Read: Militias Deployed to the Border",
		"However, there is no precise information about the number of these fighters or their final destinations.",
	} {
		src := &claim.Source{Name: "t", Published: time.Date(2026, 1, 14, 0, 0, 0, 0, time.UTC), Text: text}
		if cs := x.Extract(src); len(cs) > 0 {
			t.Errorf("%q gave %d claims, first %q (%s)", text, len(cs), cs[0].Evidence, cs[0].Action)
		}
	}
}

// Without a pack the extractor still works, keeping names as written.
func TestNilPack(t *testing.T) {
	src := &claim.Source{Name: "t", Published: time.Date(2026, 1, 14, 0, 0, 0, 0, time.UTC),
		Text: "Iraqi armed groups have crossed the border on January 4, according to two sources."}
	cs := extract.New(nil).Extract(src)
	if len(cs) != 1 || cs[0].Action != claim.ActionDeploy || cs[0].Time == nil || cs[0].Time.From != "2026-01-04" {
		t.Fatalf("got %+v", cs)
	}
	if len(cs[0].Attribution) == 0 || cs[0].Attribution[0].Who != "two sources" {
		t.Errorf("attribution %+v", cs[0].Attribution)
	}
}

// TestPhrasings covers phrasings met outside the seed case, each in a
// sentence written for this test: speakers set off by an interjection,
// names with Arabic particles, denials by named officials, motion through
// a crossing, fire on protesters, and internet blackouts.
// Denials read as the dev gold reads them: "X denied that forces entered
// Y" is a deny claim, denied, with the places of what it denies.
func TestPhrasings(t *testing.T) {
	x := extract.New(loadPack(t))
	pub := time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC) // a Thursday
	for _, tc := range []struct {
		text               string
		action, modality   string
		actor, place, role string // place and role: one of the claim's places
		who, kind          string // the first link of the attribution chain
		from, to           string // time, when the sentence gives one
	}{
		{text: "Two Iraqi security officials, speaking on condition of anonymity, said some 3,000 militiamen had entered Iran through the Mehran crossing.",
			action: "deploy", modality: "asserted", place: "Mehran", role: "via", who: "Two Iraqi security officials", kind: "anonymous"},
		{text: "Rudaw, a Kurdish broadcaster, reported that militia fighters crossed into Iran on January 9.",
			action: "deploy", modality: "asserted", place: "Iran", role: "destination", who: "Rudaw", kind: "outlet", from: "2026-01-09", to: "2026-01-09"},
		// A demonym and a force noun name the state's force.
		{text: "Iraqi government spokesman Basim al-Awadi denied that any Iraqi forces had entered Iran.",
			action: "deny", modality: "denied", actor: "Iraqi Security Forces", place: "Iran", role: "destination", who: "Basim al-Awadi", kind: "official"},
		{text: "Qais al-Khazali denied the reports.",
			action: "deny", modality: "denied", who: "Qais al-Khazali", kind: "named"},
		{text: "Witnesses said buses carrying fighters passed through the Zurbatiya crossing on January 6.",
			action: "deploy", modality: "asserted", place: "Zurbatiya", role: "via", who: "Witnesses", kind: "anonymous", from: "2026-01-06", to: "2026-01-06"},
		{text: "Witnesses said Arabic-speaking gunmen fired on demonstrators in Mashhad.",
			action: "suppress", modality: "asserted", actor: "Arabic-speaking gunmen", place: "Mashhad", role: "location", who: "Witnesses", kind: "anonymous"},
		{text: "NetBlocks said connectivity in Iran had collapsed on January 8, and the blackout lasted until January 13.",
			action: "data-gap", modality: "asserted", place: "Iran", role: "location", from: "2026-01-08", to: "2026-01-13"},
		{text: "A PMF spokesman said the reports were \"completely false\".",
			action: "deny", modality: "denied", actor: "Popular Mobilization Forces"},
		{text: "Asaib Ahl al-Haq leader Qais al-Khazali called the reports \"lies spread by the enemies of Iraq\".",
			action: "deny", modality: "denied", actor: "Asaib Ahl al-Haq", who: "Qais al-Khazali", kind: "named"},
		{text: "The fighters were flown from Najaf airport to Mashhad aboard Iraqi Airways planes.",
			action: "transport", modality: "asserted", place: "Najaf", role: "origin"},
		{text: "The New York Times, citing two Iranian officials, reported that the IRGC had asked Iraqi militias for help in late December.",
			action: "request", modality: "asserted", actor: "Islamic Revolutionary Guard Corps", who: "two Iranian officials", kind: "official", from: "2025-12-21", to: "2025-12-31"},
		{text: "Iran International reported on Sunday that Kataib Sayyid al-Shuhada fighters had been deployed to Kermanshah.",
			action: "deploy", modality: "asserted", place: "Kermanshah", role: "destination", who: "Iran International", kind: "outlet"},
		{text: "It is reported that some 400 members of the Badr Organization reached Tehran on January 7.",
			action: "deploy", modality: "hedged", actor: "Badr Organization", place: "Tehran", role: "destination", from: "2026-01-07", to: "2026-01-07"},
		{text: "Roughly two dozen buses crossed the Zurbatiya border on January 6.",
			action: "deploy", modality: "asserted", place: "Zurbatiya", role: "via", from: "2026-01-06", to: "2026-01-06"},
		{text: "Several Iraqi armed factions on Wednesday denied reports that their members had been sent to Iran.",
			action: "deny", modality: "denied", place: "Iran", role: "destination", who: "Several Iraqi armed factions", kind: "unspecified"},
		{text: "\"We have not sent a single fighter to Iran,\" Kataib Hezbollah spokesman Abu Ali al-Askari said.",
			action: "deny", modality: "denied", place: "Iran", role: "destination", who: "Abu Ali al-Askari"},
		{text: "A senior PMF commander, who spoke on condition of anonymity because he was not authorised to speak to the media, said volunteers had travelled to Mashhad in early January.",
			action: "deploy", modality: "asserted", place: "Mashhad", role: "destination", who: "A senior PMF commander", kind: "anonymous", from: "2026-01-01", to: "2026-01-10"},
		{text: "Iran's foreign ministry spokesman Esmaeil Baghaei dismissed the claims as \"baseless lies by hostile media\".",
			action: "deny", modality: "denied", who: "Esmaeil Baghaei", kind: "official"},
		{text: "\"They came in buses from Iraq at night,\" one resident said.",
			action: "deploy", modality: "asserted", place: "Iraq", role: "origin", who: "one resident", kind: "anonymous"},
		{text: "Security forces killed dozens of protesters in Ilam over the weekend, rights groups said.",
			action: "kill", modality: "asserted", place: "Ilam", role: "location", who: "rights groups", kind: "rights-group", from: "2026-01-10", to: "2026-01-11"},
		{text: "Militiamen were deployed to Ahvaz on January 8, two security sources told Reuters.",
			action: "deploy", modality: "asserted", actor: "Militiamen", place: "Ahvaz", role: "destination", who: "two security sources", kind: "anonymous", from: "2026-01-08", to: "2026-01-08"},
		{text: "According to the rights group Hengaw, Iraqi-accented gunmen were filmed shooting at demonstrators in Ilam.",
			action: "suppress", modality: "asserted", actor: "Iraqi-accented gunmen", place: "Ilam", role: "location", kind: "rights-group", who: "Hengaw Organization for Human Rights"},
		{text: "Officials said fighters from three groups — Kataib Hezbollah, Nujaba and Kataib Sayyid al-Shuhada — crossed at Shalamcheh on January 3.",
			action: "deploy", modality: "asserted", actor: "Kataib Sayyid al-Shuhada", place: "Shalamcheh", role: "via", who: "Officials", kind: "official", from: "2026-01-03", to: "2026-01-03"},
		// Where forces are said to be present is their destination
		// (../shared/eval/dev/README.md, "Places").
		{text: "Press TV quoted an unnamed official as saying that no foreign forces were present in Iran.",
			action: "deny", modality: "denied", actor: "foreign forces", place: "Iran", role: "destination", who: "an unnamed official", kind: "official"},
		{text: "Between January 3 and 9, at least 22 flights carrying militiamen landed at Mashhad's Hashemi Nejad airport, the official said.",
			action: "flights", modality: "asserted", place: "Mashhad", role: "destination", from: "2026-01-03", to: "2026-01-09"},
		{text: "On Jan. 8, Coalition military forces conducted 34 strikes against ISIL terrorists in Syria and Iraq.",
			action: "clash", modality: "asserted", place: "Syria", role: "location", from: "2026-01-08", to: "2026-01-08"},
		{text: "Bazaar merchants went on strike in Tehran on January 5.",
			action: "", modality: ""},
		{text: "Members of Kataib Hezbollah were seen in the streets of Ahvaz wearing police uniforms, two residents told Iran International.",
			action: "deploy", modality: "asserted", actor: "Kataib Hezbollah", place: "Ahvaz", role: "location", who: "two residents", kind: "anonymous"},
		{text: "Iraqi fighters manned checkpoints around Mashhad's Imam Reza shrine, a witness said.",
			action: "deploy", modality: "asserted", actor: "Iraqi fighters", place: "Mashhad", role: "location", who: "a witness", kind: "anonymous"},
		{text: "The minister was seen in Baghdad on Monday.",
			action: "", modality: ""},
		{text: "Iraqi volunteers took part in the crackdown on protesters in Ahvaz, according to a leaked IRGC document.",
			action: "suppress", modality: "asserted", actor: "Iraqi volunteers", place: "Ahvaz", role: "location", kind: "document", who: "a leaked IRGC document"},
		{text: "Some 300 Iraqi militiamen participated in operations against demonstrators in Kermanshah, the document said.",
			action: "suppress", modality: "asserted", actor: "Iraqi militiamen", place: "Kermanshah", role: "location"},
		{text: "Fighters from Kataib Hezbollah joined Basij units in Ilam on January 9, the rights group Hengaw said.",
			action: "deploy", modality: "asserted", actor: "Kataib Hezbollah", place: "Ilam", role: "location", from: "2026-01-09", to: "2026-01-09"},
		{text: "The three were killed in clashes with protesters in Kermanshah on January 10, their families said.",
			action: "kill", modality: "asserted", place: "Kermanshah", role: "location", who: "their families", kind: "anonymous", from: "2026-01-10", to: "2026-01-10"},
		{text: "- At least 2,400 protesters killed, per a US-based rights group.",
			action: "kill", modality: "asserted", who: "a US-based rights group", kind: "rights-group"},
		{text: "Tehran has not commented on the reports.",
			action: "no-comment", modality: "neither-confirmed-nor-denied"},
		{text: "As Reuters reported, militiamen crossed into Iran from Iraq on January 4.",
			action: "deploy", modality: "asserted", place: "Iran", role: "destination", who: "Reuters", kind: "outlet", from: "2026-01-04", to: "2026-01-04"},
		{text: "After Reuters reported the move, militiamen crossed into Iran from Iraq on January 4.",
			action: "deploy", modality: "asserted", place: "Iran", role: "destination"},
		{text: "Security forces opened fire on mourners in Zahedan, the Baloch Campaign group said.",
			action: "suppress", modality: "asserted", place: "Zahedan", role: "location", who: "Baloch Campaign group", kind: "rights-group"},
	} {
		t.Run(tc.text[:24], func(t *testing.T) {
			src := &claim.Source{Name: "p.txt", Outlet: "Example News", Published: pub, Text: tc.text + "\n"}
			cs := x.Extract(src)
			if tc.action == "" {
				if len(cs) != 0 {
					t.Fatalf("%d claims, want none: %+v", len(cs), cs)
				}
				return
			}
			if len(cs) != 1 {
				t.Fatalf("%d claims, want 1: %+v", len(cs), cs)
			}
			g := extract.ToGold(cs[0])
			if g.Action != tc.action || g.Modality != tc.modality {
				t.Errorf("action %s %s, want %s %s", g.Action, g.Modality, tc.action, tc.modality)
			}
			if tc.actor != "" && !slices.Contains(g.Actors, tc.actor) {
				t.Errorf("actors %v, want %q among them", g.Actors, tc.actor)
			}
			if tc.place != "" && !slices.ContainsFunc(g.Places, func(p extract.GoldPlace) bool { return p.Name == tc.place && p.Role == tc.role }) {
				t.Errorf("places %+v, want %s as %s", g.Places, tc.place, tc.role)
			}
			if tc.who != "" && (len(g.Attribution) == 0 || g.Attribution[0].Who != tc.who || tc.kind != "" && g.Attribution[0].Kind != tc.kind) {
				t.Errorf("attribution %+v, want %s (%s) first", g.Attribution, tc.who, tc.kind)
			}
			if tc.from != "" && (g.Time == nil || g.Time.From == nil || *g.Time.From != tc.from || g.Time.To == nil || *g.Time.To != tc.to) {
				t.Errorf("time %+v, want %s..%s", g.Time, tc.from, tc.to)
			}
		})
	}
}

// TestComparedFigure: a figure given for comparison counts what the claim's
// figure counts, as its baseline.
func TestComparedFigure(t *testing.T) {
	text := "Flightradar24 showed at least 22 flights between Najaf and Mashhad on January 6 and 7, compared with three or four on a typical day.\n"
	src := &claim.Source{Name: "p.txt", Outlet: "Example News", Published: time.Date(2026, 1, 13, 0, 0, 0, 0, time.UTC), Text: text}
	cs := extract.New(loadPack(t)).Extract(src)
	if len(cs) != 1 {
		t.Fatalf("%d claims", len(cs))
	}
	qs := cs[0].Quantities
	if len(qs) != 2 || qs[0].Min != 22 || qs[0].Kind != claim.QuantityCount ||
		qs[1].Min != 3 || qs[1].Max != 4 || qs[1].Unit != "flights per day" || qs[1].Kind != claim.QuantityBaseline {
		t.Errorf("quantities %+v", qs)
	}
}

// TestTellingTimeNotClaimTime: "reported on Sunday that …" dates the report.
func TestTellingTimeNotClaimTime(t *testing.T) {
	text := "Iran International reported on Sunday that fighters had been deployed to Kermanshah.\n"
	src := &claim.Source{Name: "p.txt", Published: time.Date(2026, 1, 14, 0, 0, 0, 0, time.UTC), Text: text}
	cs := extract.New(loadPack(t)).Extract(src)
	if len(cs) != 1 || cs[0].Time != nil {
		t.Fatalf("claims %+v: want one with no time", cs)
	}
	// The evidence is the statement with its telling, as the evaluation
	// protocol's gold reads it; the telling's time is still not the claim's.
	if cs[0].Evidence != "Iran International reported on Sunday that fighters had been deployed to Kermanshah" {
		t.Errorf("evidence %q", cs[0].Evidence)
	}
}

// TestPlatformInChain: a post on X is a link of the chain, and a one-letter
// platform name is not swallowed by an outlet whose name contains the letter.
func TestPlatformInChain(t *testing.T) {
	text := "Iraqi lawmaker Mustafa Sanad wrote on X that militia convoys were seen heading toward the Mehran border on January 5.\n"
	src := &claim.Source{Name: "p.txt", Outlet: "Example Wire", Published: time.Date(2026, 1, 14, 0, 0, 0, 0, time.UTC), Text: text}
	cs := extract.New(loadPack(t)).Extract(src)
	if len(cs) != 1 {
		t.Fatalf("%d claims", len(cs))
	}
	var chain []string
	for _, a := range cs[0].Attribution {
		chain = append(chain, a.Who+"/"+string(a.Kind))
	}
	if !slices.Equal(chain, []string{"Mustafa Sanad/named", "X/social", "Example Wire/outlet"}) {
		t.Errorf("chain %v", chain)
	}
	if want := strings.TrimSuffix(text, ".\n"); cs[0].Evidence != want {
		t.Errorf("evidence %q, want the statement with its telling %q", cs[0].Evidence, want)
	}
}

// TestFigures: figures whose unit or kind the words around them give.
func TestFigures(t *testing.T) {
	x := extract.New(loadPack(t))
	type q struct {
		min, max float64
		unit     string
		kind     claim.QuantityKind
	}
	for _, tc := range []struct {
		text string
		want []q
	}{
		{"The number of flights rose from four a day to 15 a day.",
			[]q{{4, 4, "flights per day", claim.QuantityBaseline}, {15, 15, "flights per day", claim.QuantityCount}}},
		{"Flights between Najaf and Tehran increased by about two per day.",
			[]q{{2, 2, "flights per day", claim.QuantityIncrease}}},
		{"At least 12 members of the security forces were killed in clashes with protesters in Kermanshah on January 9.",
			[]q{{12, 12, "members killed", claim.QuantityCount}}},
		{"The death toll from the crackdown has risen to at least 538, according to HRANA.",
			[]q{{538, 538, "people killed", claim.QuantityCount}}},
		// "dozens" is a figure of 24 to 99 and the injured are counted as
		// wounded (../shared/eval/dev/README.md, "Quantities").
		{"Clashes in Zahedan left 15 dead and dozens injured on January 10.",
			[]q{{15, 15, "people killed", claim.QuantityCount}, {24, 99, "wounded", claim.QuantityCount}}},
		{"On January 7, there were 16 departures from Baghdad to Mashhad, compared with a usual three.",
			[]q{{16, 16, "flights", claim.QuantityCount}, {3, 3, "flights", claim.QuantityBaseline}}},
		{"Sources put the number of Iraqi fighters in Iran at between 3,000 and 5,000.",
			[]q{{3000, 5000, "fighters", claim.QuantityCount}}},
		{"Flight data showed that Iraqi Airways operated eight additional flights from Baghdad to Tehran on January 10.",
			[]q{{8, 8, "flights", claim.QuantityIncrease}}},
		{"Roughly two dozen buses crossed the Zurbatiya border on January 6.",
			[]q{{24, 24, "buses", claim.QuantityCount}}},
		// A group's name before the counted noun is not the unit.
		{"About 400 Wagner Group mercenaries arrived in Bamako on January 6.",
			[]q{{400, 400, "mercenary fighters", claim.QuantityCount}}},
		{"Some 300 Sultan Murad Division fighters were sent to Libya on January 6.",
			[]q{{300, 300, "fighters", claim.QuantityCount}}},
		{"Nearly 200 Hezbollah fighters crossed into Syria on January 6.",
			[]q{{200, 200, "fighters", claim.QuantityCount}}},
	} {
		src := &claim.Source{Name: "p.txt", Published: time.Date(2026, 1, 14, 0, 0, 0, 0, time.UTC), Text: tc.text + "\n"}
		cs := x.Extract(src)
		if len(cs) != 1 {
			t.Errorf("%q: %d claims", tc.text, len(cs))
			continue
		}
		var got []q
		for _, g := range cs[0].Quantities {
			got = append(got, q{g.Min, g.Max, g.Unit, g.Kind})
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%q: quantities %+v, want %+v", tc.text, got, tc.want)
		}
	}
}

// TestHeAfterUnnamedSpeaker: "he" takes up the last single person who
// spoke, named or not.
func TestHeAfterUnnamedSpeaker(t *testing.T) {
	text := "Kataib Hezbollah spokesman Abu Ali al-Askari said no fighters had gone to Iran.\n\n" +
		"A senior PMF commander, who spoke on condition of anonymity, said volunteers had travelled to Mashhad.\n\n" +
		"He said the volunteers had not taken part in any crackdown.\n"
	src := &claim.Source{Name: "p.txt", Published: time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC), Text: text}
	cs := extract.New(loadPack(t)).Extract(src)
	last := cs[len(cs)-1]
	if last.Action != claim.ActionDeny || last.Modality != claim.Denied {
		t.Fatalf("last claim %s %s: %q", last.Action, last.Modality, last.Evidence)
	}
	if len(last.Attribution) == 0 || last.Attribution[0].Who != "A senior PMF commander" {
		t.Errorf("he = %+v, want the commander", last.Attribution)
	}
}

// TestStatementTimeNotClaimTime: an introductory phrase about the
// statement dates the telling.
func TestStatementTimeNotClaimTime(t *testing.T) {
	text := "In a statement released over the weekend, a rights group said that fighters have been entering Iran.\n"
	src := &claim.Source{Name: "p.txt", Published: time.Date(2026, 1, 16, 0, 0, 0, 0, time.UTC), Text: text}
	cs := extract.New(loadPack(t)).Extract(src)
	if len(cs) != 1 || cs[0].Time != nil {
		t.Fatalf("claims %+v: want one with no time", cs)
	}
}

// TestPassiveKillVictims: in "X were killed" and "X killed in Y" X are
// the victims, not who killed; victims who belong to a named armed force
// are listed as that force (the evaluation's convention: their losses are
// evidence of its presence), unnamed ones are not.
func TestPassiveKillVictims(t *testing.T) {
	for _, tc := range []struct {
		text   string
		actors []string
	}{
		{"At least 12 members of the security forces were killed in Kermanshah on January 9.\n", nil},
		{"Iraqi media published photos of funerals in Basra for three PMF members killed in Iran.\n", []string{"Popular Mobilization Forces"}},
		{"Ten Iranian military instructors were killed in Crimea on October 21.\n", []string{"Iranian military instructors"}},
	} {
		src := &claim.Source{Name: "p.txt", Published: time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC), Text: tc.text}
		cs := extract.New(loadPack(t)).Extract(src)
		if len(cs) != 1 || cs[0].Action != claim.ActionKill {
			t.Errorf("%q: claims %+v: want one kill", tc.text, cs)
			continue
		}
		var got []string
		for _, a := range cs[0].Actors {
			got = append(got, a.Name)
		}
		if !slices.Equal(got, tc.actors) {
			t.Errorf("%q: actors %q, want %q", tc.text, got, tc.actors)
		}
	}
}

// TestCoordinatedClauses: ", and <subject> <verb>" starts a second claim,
// whose figure may leave its noun out.
func TestCoordinatedClauses(t *testing.T) {
	text := "Kataib Hezbollah sent 500 fighters to Ahvaz, and Nujaba sent 300 to Mashhad.\n"
	src := &claim.Source{Name: "p.txt", Published: time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC), Text: text}
	cs := extract.New(loadPack(t)).Extract(src)
	if len(cs) != 2 {
		t.Fatalf("%d claims, want 2", len(cs))
	}
	for i, want := range []struct {
		actor, place string
		n            float64
	}{{"Kataib Hezbollah", "Ahvaz", 500}, {"Harakat Hezbollah al-Nujaba", "Mashhad", 300}} {
		c := cs[i]
		if len(c.Actors) != 1 || c.Actors[0].Name != want.actor || len(c.Places) != 1 || c.Places[0].Name != want.place ||
			len(c.Quantities) != 1 || c.Quantities[0].Min != want.n || c.Quantities[0].Unit != "fighters" {
			t.Errorf("claim %d: %+v %+v %+v", i, c.Actors, c.Places, c.Quantities)
		}
	}
}

// TestFootage: what footage shows of armed men at a place is their
// presence there; "purportedly" hedges it, and a following sentence saying
// it could not be verified makes it unverified.
func TestFootage(t *testing.T) {
	x := extract.New(loadPack(t))
	pub := time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC)
	one := "Footage circulating on social media purportedly shows dozens of armed men in PMF uniforms at the Mehran crossing."
	for _, tc := range []struct {
		text     string
		modality claim.Modality
	}{
		{one + "\n", claim.Hedged},
		{one + " Reuters could not independently verify the footage.\n", claim.Unverified},
	} {
		cs := x.Extract(&claim.Source{Name: "p.txt", Published: pub, Text: tc.text})
		if len(cs) != 1 {
			t.Fatalf("%d claims from %q", len(cs), tc.text)
		}
		c := cs[0]
		if c.Action != claim.ActionDeploy || c.Modality != tc.modality || len(c.Places) != 1 || c.Places[0].Name != "Mehran" ||
			len(c.Attribution) == 0 || c.Attribution[0].Kind != claim.SpeakerSocial {
			t.Errorf("%q: %s %s %+v %+v", tc.text, c.Action, c.Modality, c.Places, c.Attribution)
		}
	}
	// The group of a speaker who says "he had been sent" is the actor.
	cs := x.Extract(&claim.Source{Name: "p.txt", Published: pub,
		Text: "In a video posted on Telegram, a man identified as a Kataib Hezbollah member said he had been sent to Iran on January 6.\n"})
	if len(cs) != 1 || len(cs[0].Actors) != 1 || cs[0].Actors[0].Name != "Kataib Hezbollah" {
		t.Errorf("speaker's group as actor: %+v", cs)
	}
}

// TestNotActors: "pilgrims, not fighters" has no fighters for actors, and
// forces said not to be present are not inherited by the next claim.
func TestNotActors(t *testing.T) {
	text := "Tasnim said Iraqi pilgrims, not fighters, had travelled to Mashhad.\n\n" +
		"An official said no foreign forces were present in Iran.\n\n" +
		"IRNA reported that 40 buses arrived in Mashhad on January 5.\n"
	cs := extract.New(loadPack(t)).Extract(&claim.Source{Name: "p.txt", Published: time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC), Text: text})
	if len(cs) != 3 {
		t.Fatalf("%d claims", len(cs))
	}
	if len(cs[0].Actors) != 0 {
		t.Errorf("pilgrims, not fighters: actors %+v", cs[0].Actors)
	}
	if len(cs[2].Actors) != 0 {
		t.Errorf("buses after a denial: actors %+v inherited", cs[2].Actors)
	}
}

// TestHearerCarries: officials who told AP something speak to AP when
// "the officials" say more.
func TestHearerCarries(t *testing.T) {
	text := "Two Iraqi officials told AP that PMF members crossed into Iran on January 3.\n\n" +
		"The officials said the fighters were later flown to Mashhad.\n"
	cs := extract.New(loadPack(t)).Extract(&claim.Source{Name: "p.txt", Outlet: "Example Wire", Published: time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC), Text: text})
	if len(cs) != 2 {
		t.Fatalf("%d claims", len(cs))
	}
	var chain []string
	for _, a := range cs[1].Attribution {
		chain = append(chain, a.Who)
	}
	if !slices.Equal(chain, []string{"Two Iraqi officials", "Associated Press", "Example Wire"}) {
		t.Errorf("chain %v", chain)
	}
}

// TestLeavingDead: ", leaving four Guards dead" is a killing where and when
// the clash was.
func TestLeavingDead(t *testing.T) {
	text := "PJAK fighters clashed with IRGC forces near Marivan on January 11, leaving four Guards dead.\n"
	cs := extract.New(loadPack(t)).Extract(&claim.Source{Name: "p.txt", Published: time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC), Text: text})
	if len(cs) != 2 || cs[0].Action != claim.ActionClash || cs[1].Action != claim.ActionKill {
		t.Fatalf("claims %+v", cs)
	}
	k := cs[1]
	if len(k.Quantities) != 1 || k.Quantities[0].Min != 4 || !strings.HasSuffix(k.Quantities[0].Unit, "killed") ||
		len(k.Places) != 1 || k.Places[0].Name != "Marivan" || k.Time == nil || k.Time.From != "2026-01-11" {
		t.Errorf("kill %+v %+v %+v", k.Quantities, k.Places, k.Time)
	}
}

// TestDatedEntries: a timeline's "Jan. 4: …" dates its entry.
func TestDatedEntries(t *testing.T) {
	text := "Timeline:\n\nJan. 4: First PMF units cross into Iran via Khosravi, according to Iraqi sources.\n\nJan. 8: Internet blackout begins across Iran.\n"
	cs := extract.New(loadPack(t)).Extract(&claim.Source{Name: "p.txt", Published: time.Date(2026, 1, 16, 0, 0, 0, 0, time.UTC), Text: text})
	if len(cs) != 2 {
		t.Fatalf("%d claims", len(cs))
	}
	for i, want := range []struct {
		action claim.Action
		day    claim.Date
	}{{claim.ActionDeploy, "2026-01-04"}, {claim.ActionDataGap, "2026-01-08"}} {
		if cs[i].Action != want.action || cs[i].Time == nil || cs[i].Time.From != want.day {
			t.Errorf("entry %d: %s %+v", i, cs[i].Action, cs[i].Time)
		}
	}
	if len(cs[0].Attribution) == 0 || cs[0].Attribution[0].Who != "Iraqi sources" {
		t.Errorf("entry 0 attribution %+v", cs[0].Attribution)
	}
}

// TestColonQuote: "X said:" closing a paragraph makes the next paragraphs
// X's words, for a few paragraphs or until another speaker is named.
func TestColonQuote(t *testing.T) {
	text := "UK statement\n\nMinister for the Middle East, Tobias Ellwood said:\n\n" +
		"ISIL has killed 70 members of the Al Bu Nimr tribe in Anbar province.\n\n" +
		"ISIL fighters attacked Ramadi on Monday.\n\n" +
		"Reuters reported that Iraqi forces entered Ramadi on Tuesday.\n"
	cs := extract.New(loadPack(t)).Extract(&claim.Source{Name: "p.txt", Outlet: "UK Government", Published: time.Date(2015, 11, 1, 0, 0, 0, 0, time.UTC), Text: text})
	if len(cs) != 3 {
		t.Fatalf("%d claims", len(cs))
	}
	for i, want := range []string{"Tobias Ellwood", "Tobias Ellwood", "Reuters"} {
		if len(cs[i].Attribution) == 0 || cs[i].Attribution[0].Who != want {
			t.Errorf("claim %d (%q): chain %+v, want %s first", i, cs[i].Evidence, cs[i].Attribution, want)
		}
	}
}

// TestPeopleWithKnowledge: "three people with knowledge of the matter" is
// one anonymous speaker, and "one of the people" and "the person" are it.
func TestPeopleWithKnowledge(t *testing.T) {
	text := "Iraqi militiamen are helping Iran's security forces crush protests, according to three people with knowledge of the matter.\n\n" +
		"The fighters are mostly stationed in Kermanshah and Ilam, one of the people said.\n\n" +
		"Iran's Revolutionary Guards requested the help, the person said.\n\n" +
		"A spokesman for the Iraqi government did not respond to a request for comment.\n"
	cs := extract.New(loadPack(t)).Extract(&claim.Source{Name: "p.txt", Published: time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC), Text: text})
	if len(cs) != 4 {
		t.Fatalf("%d claims", len(cs))
	}
	for i, c := range cs[:3] {
		if len(c.Attribution) == 0 || c.Attribution[0].Who != "three people with knowledge of the matter" || c.Attribution[0].Kind != claim.SpeakerAnonymous {
			t.Errorf("claim %d (%s): chain %+v", i, c.Action, c.Attribution)
		}
	}
	if cs[0].Action != claim.ActionSuppress || cs[3].Action != claim.ActionNoComment {
		t.Errorf("actions %s, %s", cs[0].Action, cs[3].Action)
	}
}

// TestProperAdjectiveForces: a people's or region's adjective no pack knows
// keeps its place in the actor's name ("Chechen fighters", not "fighters"),
// while an acronym or a place name before the noun does not.
func TestProperAdjectiveForces(t *testing.T) {
	x := extract.New(loadPack(t))
	for _, tc := range []struct{ text, want string }{
		{"Chechen fighters were sent to Mariupol in March.", "Chechen fighters"},
		{"Tigrayan forces entered Ethiopia's Amhara region on Monday.", "Tigrayan forces"},
		{"Ogadeni fighters crossed into Somalia on Monday.", "Ogadeni fighters"},
		{"Ossetian militiamen moved into Georgia on Monday.", "Ossetian militiamen"},
	} {
		src := &claim.Source{Name: "p.txt", Published: time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC), Text: tc.text + "\n"}
		cs := x.Extract(src)
		if len(cs) != 1 || len(cs[0].Actors) == 0 || cs[0].Actors[0].Name != tc.want {
			t.Errorf("%q: %+v, want actor %s", tc.text, cs, tc.want)
		}
	}
}

// TestForceDeniesItself: a state force that denies is the force the pack
// knows, once, not its words beside the force they name.
func TestForceDeniesItself(t *testing.T) {
	x := extract.New(loadPack(t))
	for _, tc := range []struct{ text, want string }{
		{"The Sudanese army rejected claims that its soldiers had crossed into Chad.", "Sudanese Armed Forces"},
		{"Uganda's army denied sending troops into South Sudan.", "Uganda People's Defence Force"},
		{"The Kenyan military denied that its troops had entered Somalia.", "Kenya Defence Forces"},
	} {
		src := &claim.Source{Name: "p.txt", Published: time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC), Text: tc.text + "\n"}
		cs := x.Extract(src)
		if len(cs) != 1 || cs[0].Action != claim.ActionDeny {
			t.Errorf("%q: %+v, want one denial", tc.text, cs)
			continue
		}
		var names []string
		for _, a := range cs[0].Actors {
			names = append(names, a.Name)
		}
		if !slices.Equal(names, []string{tc.want}) {
			t.Errorf("%q: actors %q, want [%s]", tc.text, names, tc.want)
		}
	}
}

// TestSpeakerPronounWithObject: "X said it had killed Y": the pronoun
// subject is the speaker, even when the clause names its objects.
func TestSpeakerPronounWithObject(t *testing.T) {
	x := extract.New(loadPack(t))
	for _, tc := range []struct{ text, want string }{
		{"The Nigerian army said it had killed 35 Boko Haram militants near Maiduguri on Sunday.", "Nigerian Army"},
		{"The Kenyan army said it had killed 20 al-Shabaab fighters near Kismayo on Sunday.", "Kenya Defence Forces"},
		{"The Malian army said it had killed 12 jihadists near Gao on Sunday.", "Malian Armed Forces"},
	} {
		src := &claim.Source{Name: "p.txt", Published: time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC), Text: tc.text + "\n"}
		cs := x.Extract(src)
		if len(cs) != 1 || len(cs[0].Actors) == 0 || cs[0].Actors[0].Name != tc.want {
			t.Errorf("%q: %+v, want first actor %s", tc.text, cs, tc.want)
		}
	}
}

// TestCountryModifierNoPlace: a country that opens a force's name ("US
// special forces") is no place of the claim; a force that denies is what
// its denial is about, not the force of the paragraph before.
func TestCountryModifierNoPlace(t *testing.T) {
	x := extract.New(loadPack(t))
	for _, text := range []string{
		"The Pentagon confirmed that US special forces were operating in Somalia.",
		"Residents said US commandos had been operating in Somalia.",
		"Officials said US troops had crossed into Somalia.",
		"Residents said France special forces had entered Somalia.",
	} {
		cs := x.Extract(&claim.Source{Name: "p.txt", Published: time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC), Text: text + "\n"})
		if len(cs) != 1 {
			t.Errorf("%q: %d claims", text, len(cs))
			continue
		}
		for _, p := range cs[0].Places {
			if p.Name != "Somalia" {
				t.Errorf("%q: place %s, want only Somalia", text, p.Name)
			}
		}
	}
	text := "Hundreds of Iranian Revolutionary Guards have been stationed in Deir ez-Zor since 2017.\n\nUganda's army denied sending troops into South Sudan.\n"
	cs := x.Extract(&claim.Source{Name: "p.txt", Published: time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC), Text: text})
	if len(cs) != 2 || len(cs[1].Actors) != 1 || cs[1].Actors[0].Name != "Uganda People's Defence Force" {
		t.Errorf("Uganda's denial: %+v", cs)
	}
}

// TestForcesLanded: forces that land somewhere arrived there (a
// deployment); flights or aircraft that land are a flights claim.
func TestForcesLanded(t *testing.T) {
	x := extract.New(loadPack(t))
	for _, tc := range []struct {
		text string
		want claim.Action
	}{
		{"Sources told AFP that 150 Russian instructors landed in Bangui.", claim.ActionDeploy},
		{"Officials said Turkish commandos had landed in Tripoli.", claim.ActionDeploy},
		{"Residents said Rwandan paratroopers landed in Goma.", claim.ActionDeploy},
		{"Officials said two flights carrying soldiers landed in Tripoli.", claim.ActionFlights},
	} {
		cs := x.Extract(&claim.Source{Name: "p.txt", Published: time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC), Text: tc.text + "\n"})
		if len(cs) != 1 || cs[0].Action != tc.want {
			t.Errorf("%q: %+v, want one %s claim", tc.text, cs, tc.want)
		}
	}
}
