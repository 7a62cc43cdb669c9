package knowledge

import (
	"bytes"
	"io/fs"
	"testing"
	"testing/fstest"
)

// packFiles are the names a pack directory may hold, as loadDir reads them.
var packFiles = []string{
	"actors.json", "actors-forces.json", "speakers.json", "speaker-patterns.json", "demonyms.json",
	"peoples.json", "places-geonames.tsv", "places.json", "airports.tsv",
}

// FuzzPackFile loads one user pack file of arbitrary content, seeded with
// the head of each default pack file. A bad file is refused with an error,
// never a panic; a pack that loads scans text with every match inside it.
func FuzzPackFile(f *testing.F) {
	for i, name := range packFiles {
		b, err := fs.ReadFile(embedded, "packs/default/"+name)
		if err != nil {
			f.Fatal(err)
		}
		// The first entries only: whole files are too large to mutate well.
		if len(b) > 4096 {
			b = b[:4096]
			if j := bytes.LastIndexAny(b, "\n"); j > 0 {
				b = b[:j+1]
			}
		}
		f.Add(uint8(i), b)
	}
	f.Add(uint8(0), []byte(`[{"id":"x","name":"Quds Force","aliases":["","  "]}]`))
	f.Add(uint8(7), []byte(`[{"id":"p","name":"a","lat":91,"lon":1e400}]`))
	texts := []string{
		"Iranian forces crossed into Iraq near Basra, the Quds Force said on Monday.",
		"", "a", "\xff\xfe", "ＩＲＧＣ — Tehran's ‘forces’",
	}
	f.Fuzz(func(t *testing.T, which uint8, data []byte) {
		name := packFiles[int(which)%len(packFiles)]
		var l loader
		if err := l.loadDir(fstest.MapFS{"p/" + name: {Data: data}}, "p"); err != nil {
			return
		}
		p, err := l.pack()
		if err != nil {
			return
		}
		for _, text := range append(texts, string(data)) {
			for _, m := range p.Scan(text) {
				if m.Start < 0 || m.End < m.Start || m.End > len(text) {
					t.Fatalf("match %+v outside the text (%d bytes)", m, len(text))
				}
			}
		}
	})
}
