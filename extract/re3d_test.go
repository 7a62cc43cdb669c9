package extract_test

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/extract"
	"github.com/triangulate/triangulate/internal/shared"
)

type re3dDoc struct {
	ID     string `json:"_id"`
	Text   string `json:"text"`
	Source string `json:"sourceName"`
}

type re3dEntity struct {
	Doc   string `json:"documentId"`
	Begin int    `json:"begin"`
	End   int    `json:"end"`
	Type  string `json:"type"`
}

func readJSONLines[T any](t *testing.T, path string) []T {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []T
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<22)
	for sc.Scan() {
		line := strings.TrimPrefix(sc.Text(), "\ufeff")
		var v T
		if err := json.Unmarshal([]byte(line), &v); err == nil {
			out = append(out, v)
		}
	}
	return out
}

// TestRe3dDocuments runs the extractor over dstl's re3d documents, texts
// nobody on this project wrote: every claim must validate against its text,
// and the places it reports must mostly be what re3d's annotators marked as
// locations.
func TestRe3dDocuments(t *testing.T) {
	x := extract.New(loadPack(t))
	dirs, err := filepath.Glob(filepath.Join(shared.Path(t, "data", "re3d"), "*"))
	if err != nil || len(dirs) == 0 {
		t.Fatalf("re3d folders: %v", err)
	}
	claims, places, annotated := 0, 0, 0
	for _, dir := range dirs {
		docs := readJSONLines[re3dDoc](t, filepath.Join(dir, "documents.json"))
		ents := readJSONLines[re3dEntity](t, filepath.Join(dir, "entities.json"))
		locs := map[string][][2]int{}
		for _, e := range ents {
			if e.Type == "Location" || e.Type == "Organisation" || e.Type == "Nationality" {
				locs[e.Doc] = append(locs[e.Doc], [2]int{e.Begin, e.End})
			}
		}
		for _, doc := range docs {
			src := &claim.Source{Name: doc.ID, Outlet: doc.Source, Published: time.Date(2016, 6, 1, 0, 0, 0, 0, time.UTC), Text: doc.Text}
			// re3d offsets count UTF-16 code units; map byte offsets to them.
			units := utf16Offsets(doc.Text)
			for _, c := range x.Extract(src) {
				claims++
				if err := c.Validate(doc.Text); err != nil {
					t.Errorf("%s: %v", doc.ID, err)
				}
				for _, p := range c.Places {
					if p.Span.End == 0 {
						continue // inherited, not in this sentence
					}
					places++
					b, e := units[p.Span.Start], units[p.Span.End]
					for _, l := range locs[doc.ID] {
						if b < l[1] && l[0] < e {
							annotated++
							break
						}
					}
				}
			}
		}
	}
	if claims < 30 {
		t.Errorf("only %d claims from the re3d documents", claims)
	}
	share := float64(annotated) / float64(max(places, 1))
	t.Logf("re3d: %d claims, %d places in text, %.0f%% of them annotated as locations (or organisations/nationalities)", claims, places, 100*share)
	if share < 0.7 {
		t.Errorf("only %.0f%% of extracted places are annotated in re3d", 100*share)
	}
}

// utf16Offsets maps each byte offset of s to its offset in UTF-16 units.
func utf16Offsets(s string) []int {
	out := make([]int, len(s)+1)
	u := 0
	for i, r := range s {
		for k := i; k < i+len(string(r)) && k < len(s); k++ {
			out[k] = u
		}
		u += len(utf16.Encode([]rune{r}))
	}
	out[len(s)] = u
	return out
}
