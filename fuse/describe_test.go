package fuse_test

import (
	"slices"
	"testing"

	"github.com/triangulate/triangulate/claim"
)

// TestDescribedSpeakerIsTheNamedOne: within one text, "a senior member of
// X's navy" and the one person the text names with an apposition giving X's
// navy are one speaker; where the body differs, where two named people fit,
// or where the speaker is an anonymous source, they stay apart.
func TestDescribedSpeakerIsTheNamedOne(t *testing.T) {
	deploy := []opt{actors("Somali fishing militias"), into("Kenya", "KE")}
	with := func(more ...opt) []opt { return append(slices.Clone(deploy), more...) }
	// tell builds a text: a described speaker's claim, the sentences that
	// name people with their posts, then the named speaker's claim.
	tell := func(described string, posts []string, named string) func(s *story) {
		return func(s *story) {
			a := s.text("a.txt", "Outlet A", "2031-03-02")
			s.say("a1", a, claim.ActionDeploy, described+" said Somali fishing militias entered Kenya, in a video seen by Agency X.",
				with(by(described, "anonymous", "Agency X", "outlet"))...)
			for i, p := range posts {
				s.say("p"+string(rune('0'+i)), a, claim.ActionDeploy, p+" spoke about the Somali fishing militias entering Kenya.",
					with(by("Agency X", "outlet"))...)
			}
			s.say("a2", a, claim.ActionDeploy, "The Somali fishing militias came into Kenya on their own, "+named+" said.",
				with(by(named, "official", "Agency X", "outlet"))...)
		}
	}
	tests := []struct {
		name  string
		build func(s *story)
		want  int // independent origins of the event
	}{
		{"navy member and the named fleet commander",
			tell("A senior member of Kenya's navy", []string{"Rear Admiral Jane Mwangi, the commander of the Kenyan navy's coastal fleet,"}, "Jane Mwangi"), 1},
		{"police officer and the named head of a police unit",
			tell("A high-ranking officer of Kenya's police", []string{"Colonel Peter Otieno, the head of the Kenyan police's border unit,"}, "Peter Otieno"), 1},
		{"border guard official and the named chief, two organisation words",
			tell("A top official of Kenya's border guard", []string{"General Amina Hassan, the chief of the Kenyan border guard,"}, "Amina Hassan"), 1},
		{"another country's navy stays apart",
			tell("A senior member of Kenya's navy", []string{"Admiral Joseph Kimaro, the commander of Tanzania's navy,"}, "Joseph Kimaro"), 2},
		{"another organisation stays apart",
			tell("A senior member of Kenya's navy", []string{"Colonel Peter Otieno, the head of the Kenyan police's border unit,"}, "Peter Otieno"), 2},
		{"an anonymous source is never the named person",
			tell("A senior Kenyan navy source", []string{"Rear Admiral Jane Mwangi, the commander of the Kenyan navy's coastal fleet,"}, "Jane Mwangi"), 2},
		{"two named people fit: neither is chosen", func(s *story) {
			tell("A senior member of Kenya's navy", []string{"Rear Admiral Jane Mwangi, the commander of the Kenyan navy's coastal fleet,"}, "Jane Mwangi")(s)
			a := int64(1)
			s.say("a3", a, claim.ActionDeploy, "Captain Ali Juma, the deputy of the Kenyan navy's northern squadron, confirmed Somali fishing militias entered Kenya.",
				with(by("Ali Juma", "official", "Agency X", "outlet"))...)
		}, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newStory()
			tt.build(s)
			evs := s.group()
			if len(evs) != 1 {
				t.Fatalf("%d events, want 1:%s", len(evs), describe(evs))
			}
			got := 0
			for _, o := range evs[0].Origins {
				if len(o.EchoOf) == 0 { // the outlet's own lines echo the speakers
					got++
				}
			}
			if got != tt.want {
				t.Errorf("%d origins, want %d: %+v", got, tt.want, evs[0].Origins)
			}
		})
	}
}

// TestSideBySideOutletsEachSpeak: a claim credited to two outlets named
// together is each outlet's, not the second's relay of the first.
func TestSideBySideOutletsEachSpeak(t *testing.T) {
	tests := []struct{ name, text, a, b string }{
		{"separate articles by", "Chadian fighters entered Sudan, according to separate articles by Agence Nord and Daily Sahel.", "Agence Nord", "Daily Sahel"},
		{"as well as", "Chadian fighters entered Sudan, according to reports by Radio Kanem as well as the Khartoum Ledger.", "Radio Kanem", "Khartoum Ledger"},
		{"comma and", "Chadian fighters entered Sudan, according to Sahel Wire, and Nile Post.", "Sahel Wire", "Nile Post"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newStory()
			a := s.text("a.txt", "Outlet A", "2031-05-10")
			s.say("a1", a, claim.ActionDeploy, tt.text, actors("Chadian fighters"), into("Sudan", "SD"), by(tt.a, "outlet", tt.b, "outlet"))
			evs := s.group()
			if len(evs) != 1 {
				t.Fatalf("%d events, want 1:%s", len(evs), describe(evs))
			}
			got := map[string][]string{}
			for _, o := range evs[0].Origins {
				got[o.Who] = o.Via
			}
			for _, who := range []string{tt.a, tt.b} {
				via, ok := got[who]
				if !ok || !slices.Equal(via, []string{"Outlet A"}) {
					t.Errorf("origin %q: present %v, via %q; want via [Outlet A]; origins %+v", who, ok, via, evs[0].Origins)
				}
			}
		})
	}
}
