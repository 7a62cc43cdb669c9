package knowledge

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/triangulate/triangulate/internal/shared"
)

// lowerWords returns the words written in lower case in real English news
// texts nobody on this project wrote (re3d, the development texts) and the
// seeds: the ordinary words of the language, which a name must not be, or it
// is found at every sentence start and in every headline.
func lowerWords(t *testing.T) map[string]bool {
	t.Helper()
	texts := readSeeds(t)
	dev, err := filepath.Glob(filepath.Join(shared.Path(t, "eval", "dev", "texts"), "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range dev {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(b))
	}
	root := shared.Path(t, "data", "re3d")
	dirs, err := os.ReadDir(root)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range dirs {
		if d.IsDir() {
			readJSONL(t, filepath.Join(root, d.Name(), "documents.json"), func(b []byte) {
				var doc struct {
					Text string `json:"text"`
				}
				if err := json.Unmarshal(b, &doc); err != nil {
					t.Fatal(err)
				}
				texts = append(texts, doc.Text)
			})
		}
	}
	// Single words, and runs of up to five lower-case words within a clause.
	words := map[string]bool{}
	for _, text := range texts {
		var run []string
		last := 0
		for i := 0; i < len(text); {
			start, end, next := nextWord(text, i)
			if start < 0 {
				break
			}
			w := text[start:end]
			if strings.IndexFunc(w, unicode.IsUpper) >= 0 || strings.ContainsAny(text[last:start], ".,;:!?()\"\n") {
				run = run[:0]
			}
			if strings.IndexFunc(w, unicode.IsUpper) < 0 {
				run = append(run, Fold(w))
				if len(run) > 5 {
					run = run[1:]
				}
				for k := range run {
					words[strings.Join(run[k:], " ")] = true
				}
			}
			last, i = end, next
		}
	}
	if len(words) < 2500 {
		t.Fatalf("only %d lower-case words read", len(words))
	}
	return words
}

// knownCollisions are names that the checks below flag but that stay, each
// for a reason: acronyms whose letters also spell a word but which are
// matched only in capitals ("IS", "ICE"), and a few older names.
var knownCollisions = map[string]bool{
	// The regional pack's names for the anti-ISIS coalition.
	"coalition": true, "coalition forces": true, "global coalition": true,
	// Acronyms, matched only as written in capitals.
	"is": true, "ice": true, "un": true, "eu": true, "kh": true, "aq": true,
	// An airline and the country's short name.
	"emirates": true,
	// "Western officials": the West; a capitalised "Western" at a sentence
	// start may be the direction, which the extractor tells by what follows.
	"western": true,
}

// TestNameCollisions checks every actor and speaker name and every demonym
// against ordinary words, place names and each other.
func TestNameCollisions(t *testing.T) {
	p := loadPack(t)
	words := lowerWords(t)
	placeNames := map[string]string{}
	for _, pl := range p.Places() {
		for _, n := range names(pl.Name, pl.Aliases) {
			if _, ok := placeNames[Fold(n)]; !ok {
				placeNames[Fold(n)] = pl.ID
			}
		}
	}
	check := func(what, name string) {
		f := Fold(name)
		if knownCollisions[f] {
			return
		}
		if ruleFor(name) == caseExact {
			// An acronym: exact capitals only; a two-letter one is too
			// easily a word or an initial in capitals.
			if words[f] || len([]rune(f)) < 3 {
				t.Errorf("%s: acronym %q is also the word %q", what, name, f)
			}
			return
		}
		if words[f] {
			t.Errorf("%s: name %q is also ordinary words %q", what, name, f)
		}
	}
	demonymOf := map[string]string{}
	for _, n := range p.Nationalities() {
		for _, d := range slices.Concat(n.Adjectives, n.Singular, n.Plural) {
			demonymOf[Fold(d)] = n.Country
			check("demonym of "+n.Country, d)
			if id, ok := placeNames[Fold(d)]; ok {
				t.Errorf("demonym %q of %s is also the name of place %s", d, n.Country, id)
			}
		}
	}
	for _, pe := range p.Peoples() {
		if pe.Kind != PeopleEthnic && pe.Kind != PeopleReligious && pe.Kind != PeopleRegional {
			t.Errorf("people %s: unknown kind %q", pe.ID, pe.Kind)
		}
		for _, d := range slices.Concat(pe.Adjectives, pe.Singular, pe.Plural) {
			check("people "+pe.ID, d)
			if id, ok := placeNames[Fold(d)]; ok {
				t.Errorf("people %s: %q is also the name of place %s", pe.ID, d, id)
			}
			if other, ok := demonymOf[Fold(d)]; ok && other != pe.ID {
				t.Errorf("people %s: %q is also a demonym of %s", pe.ID, d, other)
			}
			demonymOf[Fold(d)] = pe.ID
		}
	}
	for _, a := range p.Actors() {
		for _, n := range names(a.Name, a.Aliases) {
			check("actor "+a.ID, n)
			if id, ok := placeNames[Fold(n)]; ok && !knownCollisions[Fold(n)] {
				t.Errorf("actor %s: %q is also the name of place %s", a.ID, n, id)
			}
			if iso, ok := demonymOf[Fold(n)]; ok {
				t.Errorf("actor %s: %q is also a demonym of %s", a.ID, n, iso)
			}
		}
	}
	for _, s := range p.Speakers() {
		for _, n := range names(s.Name, s.Aliases) {
			if iso, ok := demonymOf[Fold(n)]; ok {
				t.Errorf("speaker %s: %q is also a demonym of %s", s.ID, n, iso)
			}
		}
	}
}
