package fuse_test

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/fuse"
)

// An invented wire story, told in six sentences.
var wire = []string{
	"Armed volunteers from the northern provinces crossed into Valdoria over the weekend, two border officials said on Monday.",
	"The officials, who asked not to be named, said about 600 men passed through the Kessel crossing in buses.",
	"A spokesman for the Valdorian interior ministry declined to comment on the reports when reached by telephone.",
	"Residents of the border town of Kessel said they had seen convoys of buses heading south late on Saturday night.",
	"The movement comes two weeks after clashes between government troops and protesters in the capital left dozens dead.",
	"Neither government has confirmed that the volunteers were sent at the request of the authorities in the capital.",
}

func source(id int64, name, outlet, day, text string) claim.Source {
	pub, _ := time.Parse(time.DateOnly, day)
	return claim.Source{ID: id, Name: name, Outlet: outlet, Published: pub, Text: text, MediaType: "text/plain", ContentHash: name}
}

// claimIn makes a deploy claim on the sentence of text that holds needle,
// spoken by chain (who/kind pairs) or by the outlet itself.
func claimIn(id string, src claim.Source, needle string, chain ...string) claim.Claim {
	i := strings.Index(src.Text, needle)
	if i < 0 {
		panic(fmt.Sprintf("%q not in %s", needle, src.Name))
	}
	c := claim.Claim{ID: id, SourceID: src.ID, Source: src.Name, Start: i, End: i + len(needle), Evidence: needle,
		Action: claim.ActionDeploy, Modality: claim.Asserted,
		Actors: []claim.Actor{{Name: "armed volunteers"}},
		Places: []claim.Place{{Name: "Valdoria", Role: claim.RoleDestination, Kind: claim.KindCountry, Country: "VD"}}}
	for j := 0; j+1 < len(chain); j += 2 {
		c.Attribution = append(c.Attribution, claim.Attribution{Who: chain[j], Kind: claim.SourceKind(chain[j+1])})
	}
	c.Attribution = append(c.Attribution, claim.Attribution{Who: src.Outlet, Kind: claim.SpeakerOutlet})
	return c
}

// TestCopiesAreEchoes: a source that largely reproduces an earlier one,
// crediting it or not, is an echo of it: its voice and its unnamed sources
// are the original's, the event lists the copy with its share of sentences,
// and the independent count does not grow. Sources that merely tell the
// same story are not copies.
func TestCopiesAreEchoes(t *testing.T) {
	orig := source(1, "wire.txt", "Northern Wire", "2031-03-03", strings.Join(wire, " "))
	tests := []struct {
		name        string
		copy        string // the second source's text
		isCopy      bool
		independent int
	}{
		{
			name:   "wire copy republished under another headline",
			copy:   "Volunteers cross into Valdoria\n" + strings.Join(wire, " "),
			isCopy: true, independent: 1,
		},
		{
			name: "a rewrite with a few words changed and sentences reordered",
			copy: strings.Join([]string{
				strings.Replace(wire[1], "about 600", "some 600", 1),
				strings.Replace(wire[0], "over the weekend", "at the weekend", 1),
				strings.Replace(wire[3], "late on Saturday night", "on Saturday night", 1),
				wire[2],
				"Our correspondent could not reach the border on Tuesday because the road was closed by snow.",
			}, " "),
			isCopy: true, independent: 1,
		},
		{
			name: "an independent report of the same crossing",
			copy: "A local aid worker told our reporter that hundreds of armed men in civilian clothes had arrived in Kessel. " +
				"She said they were housed in a school and fed by the town council before moving on towards the south. " +
				"The Valdorian interior ministry declined to comment on the reports when reached by telephone on Monday. " +
				"Two shopkeepers said the newcomers spoke with northern accents and paid for supplies in foreign currency.",
			isCopy: false, independent: 2,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cp := source(2, "copy.txt", "Daily Echo", "2031-03-04", tt.copy)
			needle := "crossed into Valdoria"
			if !strings.Contains(tt.copy, needle) {
				needle = "armed men in civilian clothes had arrived in Kessel"
			}
			cs := []claim.Claim{
				claimIn("o1", orig, "crossed into Valdoria", "two border officials", "anonymous"),
				claimIn("c1", cp, needle, "a local aid worker", "anonymous"),
			}
			if tt.isCopy {
				cs[1] = claimIn("c1", cp, needle, "two border officials", "anonymous")
			}
			evs := fuse.Group(cs, []claim.Source{orig, cp}, nil)
			if len(evs) != 1 {
				t.Fatalf("%d events, want 1", len(evs))
			}
			e := evs[0]
			if e.Independent != tt.independent {
				t.Errorf("independent %d, want %d; origins %+v", e.Independent, tt.independent, e.Origins)
			}
			if !tt.isCopy {
				if len(e.Copies) != 0 {
					t.Errorf("an independent report taken for a copy: %+v", e.Copies)
				}
				return
			}
			if len(e.Copies) != 1 || e.Copies[0].Source != "copy.txt" || e.Copies[0].Of != "wire.txt" {
				t.Fatalf("copies %+v, want copy.txt copying wire.txt", e.Copies)
			}
			c := e.Copies[0]
			if c.Shared < 4 || c.Shared > c.Sentences || !strings.HasPrefix(c.String(), "copies Northern Wire (") {
				t.Errorf("copy %+v says %q", c, c.String())
			}
		})
	}
}

// TestCopyUncreditedSelfVoice: a copy that names no source at all (its own
// voice) is counted with the original outlet's own voice, once.
func TestCopyUncreditedSelfVoice(t *testing.T) {
	for i, variant := range []struct{ prefix, suffix string }{
		{"", ""},
		{"BREAKING\n", ""},
		{"", " Reporting by staff; editing by the desk."},
	} {
		orig := source(1, "a.txt", "Northern Wire", "2031-03-03", strings.Join(wire, " "))
		cp := source(2, "b.txt", "Daily Echo", "2031-03-05", variant.prefix+strings.Join(wire, " ")+variant.suffix)
		cs := []claim.Claim{claimIn("a1", orig, "crossed into Valdoria"), claimIn("b1", cp, "crossed into Valdoria")}
		e := fuse.Group(cs, []claim.Source{orig, cp}, nil)[0]
		if e.Independent != 1 || e.EchoCount != 2 || len(e.Copies) != 1 {
			t.Errorf("variant %d: independent %d echo %d copies %+v; origins %+v", i, e.Independent, e.EchoCount, e.Copies, e.Origins)
		}
	}
}

// TestSignatureIsPure: a source's signature depends on its text alone.
func TestSignatureIsPure(t *testing.T) {
	text := strings.Join(wire, " ")
	a, b := fuse.SignatureOf(text), fuse.SignatureOf(strings.Clone(text))
	if !reflect.DeepEqual(a, b) || len(a.Sentences) != len(wire) {
		t.Fatalf("signatures differ or miss sentences: %d vs %d sentences", len(a.Sentences), len(b.Sentences))
	}
}

// BenchmarkCopies1000 finds copies among 1,000 sources of ten sentences,
// one in ten a rewrite of another: the cost grows with the sentences.
func BenchmarkCopies1000(b *testing.B) {
	var srcs []claim.Source
	for i := range 1000 {
		var ss []string
		base := i
		if i%10 == 9 {
			base = i - 1 // a rewrite of the previous source
		}
		for j := range 10 {
			ss = append(ss, fmt.Sprintf("Report %d says that group %d moved %d fighters to town %d on day %d of the month.", base, base%37, base*j, j, base%28))
		}
		srcs = append(srcs, source(int64(i+1), fmt.Sprintf("s%04d.txt", i), fmt.Sprintf("Outlet %d", i), "2031-03-03", strings.Join(ss, " ")))
	}
	b.ReportAllocs()
	for b.Loop() {
		fuse.Group(nil, srcs, nil)
	}
}
