package knowledge

import (
	"slices"
	"strings"
	"testing"
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
		{"Officials said Belarussian units had moved south.", "Belarussian", "BY", nil, FormAdjective},
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
		{"Latin American leaders met.", "Latin American", 0, ""},
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
