package assess_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/triangulate/triangulate/assess"
	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/errs"
	"github.com/triangulate/triangulate/fuse"
	"github.com/triangulate/triangulate/fuse/fusetest"
	"github.com/triangulate/triangulate/knowledge"
)

func TestICD203Bands(t *testing.T) {
	tests := []struct {
		p     float64
		words string
		band  string
	}{
		{0.01, "almost no chance", "1-5%"},
		{0.049, "almost no chance", "1-5%"},
		{0.05, "very unlikely", "5-20%"},
		{0.19, "very unlikely", "5-20%"},
		{0.20, "unlikely", "20-45%"},
		{0.44, "unlikely", "20-45%"},
		{0.45, "roughly even chance", "45-55%"},
		{0.50, "roughly even chance", "45-55%"},
		{0.55, "likely", "55-80%"},
		{0.79, "likely", "55-80%"},
		{0.80, "very likely", "80-95%"},
		{0.94, "very likely", "80-95%"},
		{0.95, "almost certain", "95-99%"},
		{0.99, "almost certain", "95-99%"},
	}
	for _, tt := range tests {
		b := assess.BandOf(tt.p)
		if b.Words != tt.words || b.Range != tt.band {
			t.Errorf("BandOf(%v) = %q %s, want %q %s", tt.p, b.Words, b.Range, tt.words, tt.band)
		}
	}
	if got := assess.STIXConfidence(0.857); got != 86 {
		t.Errorf("STIX confidence %d, want 86", got)
	}
}

func TestCredibilityDigit(t *testing.T) {
	tests := []struct {
		p       float64
		origins int
		want    int
	}{
		{0.99, 1, 2}, // one origin is never "confirmed", however strong
		{0.85, 2, 1},
		{0.70, 3, 2},
		{0.50, 1, 3},
		{0.30, 1, 4},
		{0.10, 2, 5},
		{0.50, 0, 6},
	}
	for _, tt := range tests {
		if got := assess.Credibility(tt.p, tt.origins); got != tt.want {
			t.Errorf("Credibility(%v, %d) = %d, want %d", tt.p, tt.origins, got, tt.want)
		}
	}
}

// defaults is the grading a case gets from the default pack.
func defaults(t *testing.T) assess.Config {
	t.Helper()
	p, err := loadPack()
	if err != nil {
		t.Fatal(err)
	}
	return assess.Defaults(p)
}

var loadPack = sync.OnceValues(func() (*knowledge.Pack, error) { return knowledge.Load() })

func seedCase(t *testing.T) *claim.Case {
	t.Helper()
	cs, ss := fusetest.Gold(t)
	return &claim.Case{Sources: ss, Claims: cs, Events: fuse.Group(cs, ss, nil)}
}

func eventOf(t *testing.T, c *claim.Case, claimID string) string {
	t.Helper()
	for _, e := range c.Events {
		for _, m := range e.Members {
			if m.ClaimID == claimID {
				return e.ID
			}
		}
	}
	t.Fatalf("claim %s in no event", claimID)
	return ""
}

func assessmentOf(t *testing.T, as []claim.Assessment, id string) claim.Assessment {
	t.Helper()
	for _, a := range as {
		if a.EventID == id {
			return a
		}
	}
	t.Fatalf("no assessment for %s", id)
	return claim.Assessment{}
}

func TestSeedDeployAssessment(t *testing.T) {
	c := seedCase(t)
	as := assess.Assess(defaults(t), c)
	if len(as) != len(c.Events) {
		t.Fatalf("%d assessments for %d events", len(as), len(c.Events))
	}
	a := assessmentOf(t, as, eventOf(t, c, "003-23"))
	if a.Status != claim.StatusCorroborated {
		t.Errorf("status %s, want corroborated", a.Status)
	}
	// One probability, three ways.
	b := assess.BandOf(a.Probability)
	if a.Words != b.Words || a.Band != b.Range || a.STIXConfidence != assess.STIXConfidence(a.Probability) {
		t.Errorf("probability %v shown as %q %s STIX %d", a.Probability, a.Words, a.Band, a.STIXConfidence)
	}
	if len(a.Admiralty) != 2 || !strings.Contains("ABCDEF", a.Admiralty[:1]) {
		t.Errorf("Admiralty grade %q", a.Admiralty)
	}
	kinds := map[string][]claim.Reason{}
	for _, r := range a.Reasons {
		if r.Text == "" {
			t.Errorf("empty reason %+v", r)
		}
		kinds[r.Kind] = append(kinds[r.Kind], r)
	}
	// The officials' silence: neither confirmed nor denied, never a denial.
	if len(kinds["silence"]) != 1 || !strings.Contains(kinds["silence"][0].Text, "neither confirmed nor denied") ||
		kinds["silence"][0].ClaimIDs[0] != "000-21" {
		t.Errorf("silence reasons %+v", kinds["silence"])
	}
	if len(kinds["denial"]) > 0 || a.Status == claim.StatusDenied || a.Status == claim.StatusContested {
		t.Errorf("silence read as a denial: status %s, %+v", a.Status, kinds["denial"])
	}
	for _, s := range a.Sources {
		if s.Origin == "" || s.Reliability == "" || s.Why == "" {
			t.Errorf("source grade %+v incomplete", s)
		}
	}
	// CNN's report is an echo, and the reasons say so.
	if len(kinds["echo"]) != 1 || !strings.Contains(kinds["echo"][0].Text, "CNN") {
		t.Errorf("echo reasons %+v", kinds["echo"])
	}
	if !strings.Contains(kinds["status"][0].Text, "7 independent origins") {
		t.Errorf("status reason %q", kinds["status"][0].Text)
	}
	if len(kinds["figures"]) == 0 || !strings.Contains(kinds["figures"][0].Text, "conservative 800") {
		t.Errorf("figures reasons %+v", kinds["figures"])
	}
	grades := map[string]claim.ClaimGrade{}
	for _, g := range a.Claims {
		grades[g.ClaimID] = g
		if g.Credibility < 1 || g.Credibility > 6 || g.Why == "" {
			t.Errorf("claim grade %+v", g)
		}
	}
	// The three fighter figures stand on one origin each: never confirmed.
	for _, id := range []string{"000-06", "003-23", "003-24"} {
		if grades[id].Credibility == 1 {
			t.Errorf("%s confirmed on one origin: %+v", id, grades[id])
		}
	}
	// "PMF entered Iran" is backed by several independent origins.
	if grades["000-01"].Credibility != 1 {
		t.Errorf("000-01 %+v, want credibility 1", grades["000-01"])
	}
}

// mk builds a deploy claim into Iran spoken by who (kind) via outlet.
func mk(id string, src int64, who string, kind claim.SourceKind, relays ...string) claim.Claim {
	c := claim.Claim{ID: id, SourceID: src, Source: "doc" + id, Start: 0, End: 10, Evidence: "evidence " + id,
		Action: claim.ActionDeploy, Modality: claim.Asserted, Actors: []claim.Actor{{Name: "militias"}},
		Places: []claim.Place{{Name: "Iran", Role: claim.RoleDestination, Kind: claim.KindCountry, Country: "IR"}}}
	c.Attribution = append(c.Attribution, claim.Attribution{Who: who, Kind: kind})
	for _, r := range relays {
		c.Attribution = append(c.Attribution, claim.Attribution{Who: r, Kind: claim.SpeakerOutlet})
	}
	return c
}

func run(t *testing.T, cs []claim.Claim, sigs ...claim.Signal) claim.Assessment {
	t.Helper()
	c := &claim.Case{Claims: cs, Events: fuse.Group(cs, nil, nil), Signals: sigs}
	if len(c.Events) != 1 {
		t.Fatalf("%d events, want 1", len(c.Events))
	}
	return assess.Assess(defaults(t), c)[0]
}

func grade(a claim.Assessment, id string) claim.ClaimGrade {
	for _, g := range a.Claims {
		if g.ClaimID == id {
			return g
		}
	}
	return claim.ClaimGrade{}
}

func TestStatusAndCredibility(t *testing.T) {
	deny := func(c claim.Claim) claim.Claim { c.Modality = claim.Denied; return c }
	silent := func(c claim.Claim) claim.Claim {
		c.Action, c.Modality = claim.ActionNoComment, claim.NCND
		return c
	}
	tests := []struct {
		name   string
		claims []claim.Claim
		status claim.Status
		cred   int // credibility of claim "a"
	}{
		{"one origin", []claim.Claim{mk("a", 1, "a source", claim.SpeakerAnonymous, "Outlet One")}, claim.StatusSingleSource, 3},
		{"two outlets, one CNN source: still one origin", []claim.Claim{
			mk("a", 1, "an Iraqi security source", claim.SpeakerAnonymous, "CNN", "Outlet One"),
			mk("b", 2, "an Iraqi security source", claim.SpeakerAnonymous, "CNN", "Outlet Two")}, claim.StatusSingleSource, 3},
		{"two sources of one outlet: one origin", []claim.Claim{
			mk("a", 1, "two Iraqi sources", claim.SpeakerAnonymous, "Outlet One")}, claim.StatusSingleSource, 3},
		{"two independent origins", []claim.Claim{
			mk("a", 1, "an Iraqi security source", claim.SpeakerAnonymous, "CNN", "Outlet One"),
			mk("b", 2, "Iraqi Observatory for Rights and Freedom", claim.SpeakerRightsGroup, "Outlet Two")}, claim.StatusCorroborated, 1},
		{"denied only", []claim.Claim{deny(mk("a", 1, "Iraqi government", claim.SpeakerOfficial, "Outlet One"))}, claim.StatusDenied, 3},
		{"asserted and denied", []claim.Claim{
			mk("a", 1, "a source", claim.SpeakerAnonymous, "Outlet One"),
			deny(mk("b", 2, "Iraqi government", claim.SpeakerOfficial, "Outlet Two"))}, claim.StatusContested, 4},
		{"silence only", []claim.Claim{silent(mk("a", 1, "Outlet One", claim.SpeakerOutlet))}, claim.StatusNCND, 3},
		{"silence beside one source", []claim.Claim{
			mk("a", 1, "a source", claim.SpeakerAnonymous, "Outlet One"),
			silent(mk("b", 2, "Outlet Two", claim.SpeakerOutlet))}, claim.StatusSingleSource, 3},
		{"no traceable origin", []claim.Claim{func() claim.Claim {
			c := mk("a", 1, "x", claim.SpeakerAnonymous)
			c.Modality = claim.Unverified
			return c
		}()}, claim.StatusUnverifiable, 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := run(t, tt.claims)
			if a.Status != tt.status {
				t.Errorf("status %s, want %s; reasons %+v", a.Status, tt.status, a.Reasons)
			}
			if g := grade(a, "a"); g.Credibility != tt.cred {
				t.Errorf("credibility of a: %+v, want %d", g, tt.cred)
			}
			for _, g := range a.Claims {
				if g.Credibility == 1 && !strings.Contains(tt.name, "independent") {
					t.Errorf("credibility 1 without two independent origins: %+v", g)
				}
			}
		})
	}
}

func TestSignalsAsReasons(t *testing.T) {
	base := []claim.Claim{mk("a", 1, "a source", claim.SpeakerAnonymous, "Outlet One")}
	plain := run(t, base)
	sig := func(v claim.Verdict, details map[string]any) claim.Signal {
		return claim.Signal{ID: "s1", Kind: "flight-surge", ClaimID: "a", Subject: "NJF-IKA", Verdict: v, PValue: 0.001,
			Summary: "15 flights against a normal 4–5", Details: details}
	}
	up := run(t, base, sig(claim.Supported, nil))
	if up.Probability <= plain.Probability || up.Status != claim.StatusCorroborated {
		t.Errorf("supported signal: p %v → %v, status %s", plain.Probability, up.Probability, up.Status)
	}
	if g := grade(up, "a"); g.Credibility != 1 {
		t.Errorf("source plus data is two independent origins: %+v", g)
	}
	obs := run(t, base, sig(claim.Supported, map[string]any{"observances": []any{"Arbaeen"}}))
	if !(obs.Probability > plain.Probability && obs.Probability < up.Probability) {
		t.Errorf("observance should halve the signal: %v < %v < %v", plain.Probability, obs.Probability, up.Probability)
	}
	if !hasReason(obs, "calendar", "Arbaeen") {
		t.Errorf("no calendar reason: %+v", obs.Reasons)
	}
	down := run(t, base, sig(claim.Contradicted, nil))
	if down.Probability >= plain.Probability || down.Status != claim.StatusContested || grade(down, "a").Credibility != 5 {
		t.Errorf("contradicted signal: p %v → %v, status %s, grade %+v", plain.Probability, down.Probability, down.Status, grade(down, "a"))
	}
	flat := run(t, base, sig(claim.Untestable, nil))
	if flat.Probability != plain.Probability || !hasReason(flat, "signal", "cannot test") {
		t.Errorf("untestable signal: p %v → %v; reasons %+v", plain.Probability, flat.Probability, flat.Reasons)
	}
}

func hasReason(a claim.Assessment, kind, text string) bool {
	for _, r := range a.Reasons {
		if r.Kind == kind && strings.Contains(r.Text, text) {
			return true
		}
	}
	return false
}

func TestOverrides(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "grading.json")
	if err := os.WriteFile(good, []byte(`{"sources": {"The Amargi": "b"}, "kinds": {"anonymous": "E"}, "prior": 0.4}`), 0o644); err != nil {
		t.Fatal(err)
	}
	o, err := assess.ReadOverrides(good)
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := defaults(t).With(o)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Sources["the amargi"] != "B" || cfg.Kinds[claim.SpeakerAnonymous] != "E" || cfg.Prior != 0.4 || cfg.Sources["cnn"] != "B" {
		t.Errorf("overrides not overlaid on the defaults: %+v", cfg)
	}
	l, why := assess.Reliability(cfg, claim.Origin{Key: "unnamed:the amargi/iraqi", Who: "two Iraqi sources", Kind: claim.SpeakerAnonymous, Via: []string{"The Amargi"}})
	if l != "C" || !strings.Contains(why, "The Amargi") {
		t.Errorf("anonymous via a B outlet: %s (%s), want C", l, why)
	}
	for name, doc := range map[string]string{
		"letter G":      `{"sources": {"x": "G"}}`,
		"unknown field": `{"sourcs": {"x": "B"}}`,
		"prior 1":       `{"prior": 1}`,
		"not JSON":      `{"sources": `,
	} {
		bad := filepath.Join(dir, "bad.json")
		os.WriteFile(bad, []byte(doc), 0o644)
		if _, err := assess.ReadOverrides(bad); !errs.Is(err, errs.BadInput) {
			t.Errorf("%s accepted: %v", name, err)
		}
	}
	if _, err := assess.ReadOverrides(filepath.Join(dir, "missing.json")); !errs.Is(err, errs.BadInput) {
		t.Errorf("missing file: %v, want bad input", err)
	}
}

// TestPackLettersAreDefaults: the pack's reliability letters grade named
// outlets (IRNA is C in the pack), the built-in rules name none, and a
// case's overrides win over the pack.
func TestPackLettersAreDefaults(t *testing.T) {
	irna := claim.Origin{Key: "name:irna", Who: "IRNA", Kind: claim.SpeakerStateMedia}
	if l, _ := assess.Reliability(assess.DefaultConfig(), irna); l != "D" {
		t.Errorf("built-in rules: IRNA %s, want the state-media default D", l)
	}
	cfg := defaults(t)
	if l, why := assess.Reliability(cfg, irna); l != "C" || !strings.Contains(why, "source table") {
		t.Errorf("pack defaults: IRNA %s (%s), want the pack's C", l, why)
	}
	if l, _ := assess.Reliability(cfg, claim.Origin{Key: "name:islamic republic news agency", Who: "Islamic Republic News Agency", Kind: claim.SpeakerStateMedia}); l != "C" {
		t.Errorf("pack alias: %s, want C", l)
	}
	o, err := assess.ParseOverrides([]byte(`{"sources": {"IRNA": "e"}}`))
	if err != nil {
		t.Fatal(err)
	}
	over, err := cfg.With(o)
	if err != nil {
		t.Fatal(err)
	}
	if l, _ := assess.Reliability(over, irna); l != "E" {
		t.Errorf("override: IRNA %s, want E", l)
	}
	if cfg.Sources["irna"] != "C" {
		t.Error("With changed the config it was called on")
	}
}

func TestDeterministic(t *testing.T) {
	c := seedCase(t)
	one, _ := json.Marshal(assess.Assess(defaults(t), c))
	two, _ := json.Marshal(assess.Assess(defaults(t), seedCase(t)))
	if !bytes.Equal(one, two) {
		t.Fatal("two runs differ")
	}
}
