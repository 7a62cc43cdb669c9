package extract

import (
	"os"
	"reflect"
	"sync"
	"testing"

	"github.com/triangulate/triangulate/internal/shared"
	"github.com/triangulate/triangulate/knowledge"
)

var (
	hintPackOnce sync.Once
	hintPack     *knowledge.Pack
	hintPackErr  error
)

// FuzzScanHint checks that the pack scan reads the same names whether it
// looks every word up itself or takes the word IDs lookupWords found
// (wordHint): the shared lookup is a saving, never a different reading.
func FuzzScanHint(f *testing.F) {
	for _, name := range []string{"000_fb75171b0db195ae.txt", "003_e72e86618cf972b7.txt"} {
		if b, err := os.ReadFile(shared.Path(f, "seeds", name)); err == nil {
			f.Add(string(b))
		}
	}
	for _, s := range []string{
		"", "Kata`ib Hezbollah and Kata'ib Sayyid al-Shuhada", "Iran’s army, Iraq's PMF",
		"U.S. forces", "2,000 fighters of al‑Hashd al-Shaabi", "Hamadān and Īlām", "ISIS-K",
		"the Turkish Armed Forces (TSK) entered northern Iraq", "Al Kut, al Kut, AL KUT",
		"Basra\nbasra BASRA", "’s ’ ' -", "\xff\xfe invalid \xc3 Erbil",
	} {
		f.Add(s)
	}
	hintPackOnce.Do(func() { hintPack, hintPackErr = knowledge.Load() })
	if hintPackErr != nil {
		f.Fatal(hintPackErr)
	}
	x := New(hintPack)
	f.Fuzz(func(t *testing.T, text string) {
		d := newDoc(x.def, x.pack, text)
		d.vocab = x.vocabs[d.g]
		paragraphs(text, func(start, end int) {
			d.toks = tokenize(d.toks[:0], d.text, start, end)
			d.lookupWords()
			want := x.pack.ScanAppend(nil, text[start:end])
			d.hint = wordHint{d: d, base: start}
			got := x.pack.ScanAppendHint(nil, text[start:end], &d.hint)
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("%q: with the hint %v, without %v", text[start:end], got, want)
			}
		})
	})
}
