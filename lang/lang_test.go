package lang

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

func TestEmbeddedPacksLoad(t *testing.T) {
	for _, code := range Codes() {
		p, ok, err := Load(code)
		if err != nil || !ok {
			t.Fatalf("%s: %v (found %v)", code, err, ok)
		}
		if _, err := p.Compile(nil); err != nil {
			t.Errorf("%s: %v", code, err)
		}
	}
	p, ok, err := Load("en-GB")
	if err != nil || !ok || p.Code != "en" {
		t.Errorf("en-GB: %v %v %v", p, ok, err)
	}
	if p, ok, err := Load("xx"); err != nil || ok || p.Code != Default {
		t.Errorf("unknown language: %v %v %v, want the default pack and ok=false", p, ok, err)
	}
}

func TestInflection(t *testing.T) {
	p, _, err := Load("en")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		lemma string
		noun  bool
		want  []string
	}{
		{"enter", false, []string{"enter", "enters", "entered", "entering"}},
		{"arrive", false, []string{"arrive", "arrives", "arrived", "arriving"}},
		{"carry", false, []string{"carry", "carries", "carried", "carrying"}},
		{"die", false, []string{"die", "dies", "died", "dying"}},
		{"stop", false, []string{"stop", "stops", "stopped", "stopping"}},
		{"send", false, []string{"send", "sends", "sent", "sending"}},
		{"go", false, []string{"go", "goes", "went", "gone", "going"}},
		{"cross", false, []string{"cross", "crosses", "crossed", "crossing"}},
		{"militia", true, []string{"militia", "militias"}},
		{"gunman", true, []string{"gunman", "gunmen"}},
		{"deployment", true, []string{"deployment", "deployments"}},
	} {
		if got := p.Forms(tt.lemma, tt.noun); !slices.Equal(got, tt.want) {
			t.Errorf("Forms(%q) = %v, want %v", tt.lemma, got, tt.want)
		}
	}
}

// A pack with a typo fails to load with an error that names it.
func TestStrictDecoding(t *testing.T) {
	base := "language: {code: zz, name: Test}\n"
	for _, tt := range []struct{ name, file, want string }{
		{"unknown field", "classes:\n  a: {wrods: [x]}\n", "wrods"},
		{"undefined include", "classes:\n  a: {includes: [b]}\n", `undefined class "b"`},
		{"empty class", "classes:\n  a: {doc: nothing}\n", "is empty"},
		{"rule with few examples", "classes:\n  a: {words: [x]}\nrules:\n  - {id: r, does: d, action: deploy, tokens: [{class: [a], anchor: true}], examples: [one]}\n", "at least three"},
		{"rule without anchor", "classes:\n  a: {words: [x]}\nrules:\n  - {id: r, does: d, action: deploy, tokens: [{class: [a]}], examples: [a, b, c]}\n", "0 anchors"},
		{"rule with undefined class", "rules:\n  - {id: r, does: d, action: deploy, tokens: [{class: [nope], anchor: true}], examples: [a, b, c]}\n", `undefined class "nope"`},
		{"rule twice", "classes:\n  a: {words: [x]}\nrules:\n  - {id: r, does: d, action: deploy, tokens: [{class: [a], anchor: true}], examples: [a, b, c]}\n  - {id: r, does: d, action: deploy, tokens: [{class: [a], anchor: true}], examples: [a, b, c]}\n", "defined twice"},
		{"unknown role", "classes:\n  a: {words: [x]}\nrules:\n  - {id: r, does: d, action: deploy, tokens: [{class: [a], anchor: true, role: sideways}], examples: [a, b, c]}\n", "unknown role"},
	} {
		fsys := fstest.MapFS{"zz/a.yaml": {Data: []byte(base)}, "zz/b.yaml": {Data: []byte(tt.file)}}
		_, err := LoadFS(fsys, "zz")
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want one saying %q", tt.name, err, tt.want)
		}
	}
}

func TestAffixClasses(t *testing.T) {
	fsys := fstest.MapFS{"zz/a.yaml": {Data: []byte("language: {code: zz}\nclasses:\n  neg: {words: [not, \"*n't\"]}\n  demonym: {words: [\"*i:5\"]}\n")}}
	p, err := LoadFS(fsys, "zz")
	if err != nil {
		t.Fatal(err)
	}
	g, err := p.Compile([]string{"neg", "demonym"})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		w    string
		c    Class
		want bool
	}{
		{"not", 0, true}, {"didn't", 0, true}, {"isn't", 0, true}, {"n't", 0, false},
		{"iraqi", 1, true}, {"ali", 1, false},
	} {
		if got := g.Is(tt.w, tt.c); got != tt.want {
			t.Errorf("Is(%q, %s) = %v, want %v", tt.w, g.ClassName(tt.c), got, tt.want)
		}
	}
}

func TestUnitFamily(t *testing.T) {
	p, _, err := Load("en")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range [][2]string{
		{"fighters", "personnel"}, {"Syrian fighters", "personnel"}, {"troops", "personnel"},
		{"soldiers killed", "killed"}, {"people killed", "killed"}, {"deaths", "killed"},
		{"wounded", "injured"}, {"flights per day", "flights"}, {"departures", "flights"},
		{"arrests", "arrests"}, {"detainees", "arrests"}, {"buses", "vehicles"}, {"USD per month", "money"},
		{"tons of grain", ""},
	} {
		if got := p.UnitFamily(tt[0]); got != tt[1] {
			t.Errorf("UnitFamily(%q) = %q, want %q", tt[0], got, tt[1])
		}
	}
}
