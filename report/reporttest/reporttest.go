// Package reporttest builds the seed case as a claim.Case for tests of the
// packages that render cases (report, export, the web workspace): sources
// and claims from the gold annotations of the two seed texts, and events,
// assessments and signals made by hand, as fusion and assessment would make
// them. It reads ../shared, so tests using it skip without that folder
// (and fail under CI).
package reporttest

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/internal/shared"
)

// gold is one line of shared/eval/seed-gold.jsonl.
type gold struct {
	ID       string       `json:"id"`
	Source   string       `json:"source"`
	Start    int          `json:"start"`
	End      int          `json:"end"`
	Evidence string       `json:"evidence"`
	Action   claim.Action `json:"action"`
	Actors   []string     `json:"actors"`
	Places   []struct {
		Name string          `json:"name"`
		Role claim.PlaceRole `json:"role"`
		Kind claim.PlaceKind `json:"kind"`
	} `json:"places"`
	Time *struct {
		From      *string             `json:"from"`
		To        *string             `json:"to"`
		Precision claim.TimePrecision `json:"precision"`
	} `json:"time"`
	Quantities  []claim.Quantity    `json:"quantities"`
	Modality    claim.Modality      `json:"modality"`
	Attribution []claim.Attribution `json:"attribution"`
}

// coord is a gazetteer stand-in: what the knowledge pack resolves places to.
// Cities are GeoNames populated-place coordinates; provinces and countries
// approximate centroids; crossings the approximate position of the gate.
type coord struct {
	lat, lon  float64
	country   string
	precision claim.PlacePrecision
}

var gazetteer = map[string]coord{
	"Iran|country":        {32.43, 53.69, "IR", claim.PlaceCountry},
	"Iraq|country":        {33.22, 43.68, "IQ", claim.PlaceCountry},
	"Khosravi|crossing":   {34.38, 45.47, "IR", claim.PlaceExact},
	"Mehran|crossing":     {33.08, 46.07, "IR", claim.PlaceExact},
	"Shaib|crossing":      {31.87, 47.62, "IQ", claim.PlaceExact},
	"Zurbatiya|crossing":  {33.10, 46.04, "IQ", claim.PlaceExact},
	"Ilam|province":       {33.30, 46.95, "IR", claim.PlaceProvince},
	"Ilam|city":           {33.6374, 46.4227, "IR", claim.PlaceCity},
	"Kermanshah|province": {34.45, 46.60, "IR", claim.PlaceProvince},
	"Kermanshah|city":     {34.3142, 47.0650, "IR", claim.PlaceCity},
	"Tehran|city":         {35.6944, 51.4215, "IR", claim.PlaceCity},
	"Mashhad|city":        {36.2970, 59.6062, "IR", claim.PlaceCity},
	"Qom|city":            {34.6401, 50.8764, "IR", claim.PlaceCity},
	"Najaf|city":          {32.0259, 44.3462, "IQ", claim.PlaceCity},
	"Hamedan|city":        {34.7992, 48.5146, "IR", claim.PlaceCity},
	"Maysan|province":     {31.90, 47.10, "IQ", claim.PlaceProvince},
	"Wasit|province":      {32.60, 45.80, "IQ", claim.PlaceProvince},
	"Diyala|province":     {33.90, 45.00, "IQ", claim.PlaceProvince},
	"Basra|province":      {30.50, 47.50, "IQ", claim.PlaceProvince},
}

// SeedCase returns the seed case. Every call builds a fresh value, so a test
// may modify it.
func SeedCase(tb testing.TB) *claim.Case {
	tb.Helper()
	c := &claim.Case{}
	meta := []struct {
		name, outlet, title string
		published           string
	}{
		{"000_fb75171b0db195ae.txt", "The Amargi", "", "2026-01-14"},
		{"003_e72e86618cf972b7.txt", "TFI Global", "", "2026-01-16"},
	}
	for i, m := range meta {
		raw, err := os.ReadFile(shared.Path(tb, "seeds", m.name))
		if err != nil {
			tb.Fatal(err)
		}
		sum := sha256.Sum256(raw)
		pub, _ := time.Parse(time.DateOnly, m.published)
		title := m.title
		if i == 0 { // The Amargi's file starts with its headline.
			title, _, _ = strings.Cut(string(raw), "\n")
		}
		c.Sources = append(c.Sources, claim.Source{
			ID: int64(i + 1), Name: m.name, Outlet: m.outlet, Title: title, Published: pub,
			Fetched:  time.Date(2026, 1, 20, 9, 0, 0, 0, time.UTC),
			Language: "en", MediaType: "text/plain", ContentHash: hex.EncodeToString(sum[:]),
			Raw: raw, Text: string(raw),
		})
	}
	data, err := os.ReadFile(shared.Path(tb, "eval", "seed-gold.jsonl"))
	if err != nil {
		tb.Fatal(err)
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var g gold
		if err := json.Unmarshal(sc.Bytes(), &g); err != nil {
			tb.Fatalf("gold: %v", err)
		}
		c.Claims = append(c.Claims, fromGold(tb, c, g))
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	addEvents(tb, c)
	for i := range c.Claims {
		if err := c.Claims[i].Validate(sourceText(c, c.Claims[i].SourceID)); err != nil {
			tb.Fatalf("fixture claim invalid: %v", err)
		}
	}
	return c
}

func sourceText(c *claim.Case, id int64) string {
	for _, s := range c.Sources {
		if s.ID == id {
			return s.Text
		}
	}
	return ""
}

// spanOf finds needle within [from, to) of text.
func spanOf(tb testing.TB, text string, from, to int, needle string) claim.Span {
	tb.Helper()
	i := strings.Index(text[from:to], needle)
	if i < 0 {
		tb.Fatalf("fixture: %q not in %q", needle, text[from:to])
	}
	return claim.Span{Start: from + i, End: from + i + len(needle), Text: needle}
}

func fromGold(tb testing.TB, c *claim.Case, g gold) claim.Claim {
	var src *claim.Source
	for i := range c.Sources {
		if c.Sources[i].Name == g.Source {
			src = &c.Sources[i]
		}
	}
	if src == nil {
		tb.Fatalf("fixture: unknown source %s", g.Source)
	}
	cl := claim.Claim{
		ID: g.ID, SourceID: src.ID, Source: src.Name, Start: g.Start, End: g.End, Evidence: g.Evidence,
		Action: g.Action, Modality: g.Modality, Attribution: g.Attribution,
		Actors: []claim.Actor{}, Places: []claim.Place{}, Quantities: []claim.Quantity{},
	}
	for _, a := range g.Actors {
		act := claim.Actor{Name: a}
		if strings.Contains(a, "Hezbollah") || strings.Contains(a, "Asaib") || strings.Contains(a, "Badr") {
			act.Affiliation = "Popular Mobilization Forces"
		}
		cl.Actors = append(cl.Actors, act)
	}
	for _, p := range g.Places {
		pl := claim.Place{Name: p.Name, Role: p.Role, Kind: p.Kind}
		if co, ok := gazetteer[p.Name+"|"+string(p.Kind)]; ok {
			pl.Lat, pl.Lon, pl.HasCoord, pl.Country, pl.Precision = co.lat, co.lon, true, co.country, co.precision
		} else {
			pl.Precision = claim.PlaceRegion
		}
		if i := strings.Index(g.Evidence, p.Name); i >= 0 {
			pl.Span = claim.Span{Start: g.Start + i, End: g.Start + i + len(p.Name), Text: p.Name}
		}
		cl.Places = append(cl.Places, pl)
	}
	if g.Time != nil {
		ts := &claim.TimeSpan{Precision: g.Time.Precision}
		if g.Time.From != nil {
			ts.From = *g.Time.From
		}
		if g.Time.To != nil {
			ts.To = *g.Time.To
		}
		cl.Time = ts
	}
	cl.Quantities = append(cl.Quantities, g.Quantities...)
	for i := range cl.Attribution {
		if i == len(cl.Attribution)-1 && cl.Attribution[i].Who == src.Outlet {
			continue
		}
		if j := strings.Index(g.Evidence, cl.Attribution[i].Who); j >= 0 {
			cl.Attribution[i].Span = claim.Span{Start: g.Start + j, End: g.Start + j + len(cl.Attribution[i].Who), Text: cl.Attribution[i].Who}
		}
	}
	return cl
}

func find(c *claim.Case, id string) *claim.Claim {
	for i := range c.Claims {
		if c.Claims[i].ID == id {
			return &c.Claims[i]
		}
	}
	return nil
}

func figure(tb testing.TB, c *claim.Case, claimID, needle, scope string) claim.Figure {
	cl := find(c, claimID)
	q := cl.Quantities[0]
	q.Span = spanOf(tb, sourceText(c, cl.SourceID), cl.Start, cl.End, needle)
	return claim.Figure{ClaimID: claimID, Source: cl.Source, Origin: cl.Originator().Who, Quantity: q, Scope: scope}
}

func members(reason string, ids ...string) []claim.Member {
	ms := make([]claim.Member, len(ids))
	for i, id := range ids {
		ms[i] = claim.Member{ClaimID: id, Reasons: []string{reason}}
	}
	return ms
}

// addEvents adds the hand-made fusion and assessment results.
func addEvents(tb testing.TB, c *claim.Case) {
	deployFigures := []claim.Figure{
		figure(tb, c, "000-06", "2,000", ""),
		figure(tb, c, "003-23", "close to 5,000", "via Shaib (Maysan) and Zurbatiya (Wasit)"),
		figure(tb, c, "003-24", "around 800", "from Diyala, Maysan and Basra"),
	}
	c5000, c800 := find(c, "003-23"), find(c, "003-24")
	c2000 := find(c, "000-06")
	c.Events = []claim.Event{
		{
			ID: "ev-01", Title: "Iraqi militia fighters crossed into Iran", Action: claim.ActionDeploy,
			Members: members("action family deploy; place Iran (destination)",
				"000-01", "000-03", "000-04", "000-05", "000-06", "000-07", "000-08", "000-09", "000-10", "000-12",
				"000-20", "000-21", "003-22", "003-23", "003-24", "003-25", "003-26", "003-30"),
			Figures: []claim.FigureSet{{
				Unit: "fighters", Low: 800, High: 5000, Conservative: 800, Median: 2000, Figures: deployFigures,
				Why: "three origins count different things: crossings at Shaib and Zurbatiya, provinces of origin, and an unscoped total",
			}},
			Contradictions: []claim.Contradiction{
				{Field: "quantity", A: "003-23", B: "003-24", ASpan: deployFigures[1].Quantity.Span, BSpan: deployFigures[2].Quantity.Span, Scope: true,
					Explain: "5,000 via two southern crossings against 800 from three provinces: different scopes, possibly both true"},
				{Field: "quantity", A: "000-06", B: "003-23", ASpan: spanOf(tb, sourceText(c, c2000.SourceID), c2000.Start, c2000.End, "2,000"),
					BSpan:   spanOf(tb, sourceText(c, c5000.SourceID), c5000.Start, c5000.End, "close to 5,000"),
					Explain: "2,000 against close to 5,000, neither scoped to the other"},
			},
			From: "2026-01-04", EchoCount: 2, Independent: 7, Documents: 2,
			Origins: []claim.Origin{
				{Key: "anon:two-iraqi-sources", Who: "two Iraqi sources", Kind: claim.SpeakerAnonymous, Via: []string{"The Amargi"}, Speakers: 2,
					Stance: claim.StanceSupports, Claims: []string{"000-01", "000-03", "000-04", "000-05"}, Carriers: []string{"000_fb75171b0db195ae.txt"}},
				{Key: "anon:iraqi-security-source", Who: "an Iraqi security source", Kind: claim.SpeakerAnonymous, Via: []string{"CNN", "TFI Global"}, Speakers: 1,
					Stance: claim.StanceSupports, Claims: []string{"003-23"}, Carriers: []string{"003_e72e86618cf972b7.txt"}},
				{Key: "named:tasnim", Who: "Tasnim News Agency", Kind: claim.SpeakerStateMedia, Via: []string{"Middle East Monitor", "TFI Global"}, Speakers: 1,
					Stance: claim.StanceSupports, Claims: []string{"003-30"}, Carriers: []string{"003_e72e86618cf972b7.txt"}},
				{Key: "officials:no-comment", Who: "Iraqi and Iranian officials", Kind: claim.SpeakerOfficial, Speakers: 2,
					Stance: claim.StanceNoComment, Claims: []string{"000-21"}, Carriers: []string{"000_fb75171b0db195ae.txt"}},
				{Key: "outlet:cnn", Who: "CNN", Kind: claim.SpeakerOutlet, Via: []string{"The Amargi"}, Speakers: 1,
					Stance: claim.StanceSupports, Claims: []string{"000-10"}, Carriers: []string{"000_fb75171b0db195ae.txt"},
					EchoOf: []string{"anon:iraqi-security-source"}},
			},
		},
		{
			ID: "ev-02", Title: "Surge of flights from Najaf to Tehran and Mashhad", Action: claim.ActionFlights,
			Members: members("action flights; place Najaf (origin)", "000-13", "000-14", "000-15", "000-16", "000-17", "000-18"),
			Figures: []claim.FigureSet{{
				Unit: "flights", Low: 15, High: 15, Conservative: 15, Median: 15,
				Figures: []claim.Figure{figure(tb, c, "000-14", "at least 15", "Najaf to Tehran, 7–8 January")},
				Why:     "one origin (Flightradar24 as read by The Amargi); no second count",
			}},
			From: "2026-01-05", To: "2026-01-08", EchoCount: 1, Independent: 1,
		},
		{
			ID: "ev-03", Title: "Foreign militias took part in the crackdown on protests", Action: claim.ActionSuppress,
			Members:   members("action suppress; place Iran", "000-11", "003-27", "003-29"),
			EchoCount: 2, Independent: 3,
			Contradictions: []claim.Contradiction{{Field: "modality", A: "000-11", B: "003-29",
				ASpan:   claim.Span{Start: find(c, "000-11").Start, End: find(c, "000-11").End, Text: find(c, "000-11").Evidence},
				BSpan:   claim.Span{Start: find(c, "003-29").Start, End: find(c, "003-29").End, Text: find(c, "003-29").Evidence},
				Explain: "hedged opposition report against an official account naming the IRGC"}},
		},
		{
			ID: "ev-04", Title: "Kurdish factions tried to cross from Iraq into Iran", Action: claim.ActionAttempt,
			Members:   members("action attempt; actor Kurdish fighters", "003-28", "003-31", "003-32"),
			EchoCount: 1, Independent: 2,
		},
		{
			ID: "ev-05", Title: "At least 2,400 protesters killed", Action: claim.ActionKill,
			Members: members("action kill", "003-34"),
			Figures: []claim.FigureSet{{
				Unit: "protesters killed", Low: 2400, High: 2400, Conservative: 2400, Median: 2400,
				Figures: []claim.Figure{figure(tb, c, "003-34", "2,400", "Iran")},
				Why:     "a single origin, reported as a floor (at least)",
			}},
			EchoCount: 1, Independent: 1,
		},
		{
			ID: "ev-06", Title: "Internet blackout in Iran", Action: claim.ActionDataGap,
			Members: members("action data-gap; place Iran", "000-19", "003-35"),
			From:    "2026-01-08", To: "2026-01-13", EchoCount: 2, Independent: 2,
		},
		{
			ID: "ev-07", Title: "Iran asked allied Iraqi groups for help", Action: claim.ActionRequest,
			Members:   members("action request", "000-02"),
			EchoCount: 1, Independent: 1,
		},
	}
	for _, ev := range c.Events {
		for _, m := range ev.Members {
			find(c, m.ClaimID).EventID = ev.ID
		}
	}
	_ = c800
	// Signals in id order, as loadCase returns them.
	c.Signals = []claim.Signal{
		{
			ID: "sig-flight-KSH-THR-20260105", Kind: "flight-surge", ClaimID: "000-16", Subject: "route KSH-THR",
			From: "2026-01-05", To: "2026-01-06", Verdict: claim.Untestable,
			Summary: "no coverage on 5–6 January: missing days are unknown, not zero",
			Details: map[string]any{"missing_days": []any{"2026-01-05", "2026-01-06"}},
			Created: time.Date(2026, 1, 20, 10, 0, 0, 0, time.UTC),
		},
		{
			ID: "sig-flight-NJF-IKA-20260107", Kind: "flight-surge", ClaimID: "000-14", Subject: "route NJF-IKA",
			From: "2026-01-07", To: "2026-01-08", Verdict: claim.Supported, PValue: 0.0031,
			Summary: "16 flights on 7–8 January against 9 expected from a 28-day baseline (4.5 a day)",
			Details: map[string]any{"observed": 16, "expected": 9.0, "baseline_days": 28, "missing_days": []any{"2026-01-10"}, "observances": []any{}},
			Created: time.Date(2026, 1, 20, 10, 0, 0, 0, time.UTC),
		},
	}
	c.Assessments = []claim.Assessment{
		{EventID: "ev-01", Status: claim.StatusCorroborated, Probability: 0.72, Words: "likely", Band: "55-80%", Admiralty: "C3", STIXConfidence: 70,
			Sources: []claim.SourceGrade{
				{Origin: "anon:two-iraqi-sources", Who: "two Iraqi sources", Kind: claim.SpeakerAnonymous, Reliability: "F", Why: "anonymous: reliability cannot be judged"},
				{Origin: "named:tasnim", Who: "Tasnim News Agency", Kind: claim.SpeakerStateMedia, Reliability: "D", Why: "state-affiliated outlet (IRGC)"},
			},
			Reasons: []claim.Reason{
				{Text: "seven independent origins in two outlets report fighters crossing into Iran", ClaimIDs: []string{"000-01", "003-23", "003-24", "003-25", "003-30"}, Weight: 0.4},
				{Text: "figures disagree (800 to 5,000) but count different scopes", ClaimIDs: []string{c5000.ID, c800.ID}, Weight: 0.1},
				{Text: "flight data show a surge on Najaf–Tehran on 7–8 January", SignalID: "sig-flight-NJF-IKA-20260107", Weight: 0.2},
				{Text: "no official confirmation or denial", ClaimIDs: []string{"000-21"}, Weight: -0.1},
			}},
		{EventID: "ev-02", Status: claim.StatusSingleSource, Probability: 0.62, Words: "likely", Band: "55-80%", Admiralty: "B2", STIXConfidence: 60,
			Reasons: []claim.Reason{
				{Text: "one origin: Flightradar24 data read by The Amargi", ClaimIDs: []string{"000-14"}, Weight: 0.2},
				{Text: "route-day counts confirm a surge on Najaf–Tehran", SignalID: "sig-flight-NJF-IKA-20260107", Weight: 0.3},
				{Text: "Kermanshah and Ilam flights cannot be tested: no coverage", SignalID: "sig-flight-KSH-THR-20260105"},
			}},
		{EventID: "ev-03", Status: claim.StatusContested, Probability: 0.5, Words: "roughly even chance", Band: "45-55%", Admiralty: "D3", STIXConfidence: 50,
			Reasons: []claim.Reason{{Text: "hedged reports only; the official account names the IRGC, not foreign militias", ClaimIDs: []string{"000-11", "003-27", "003-29"}}}},
		{EventID: "ev-04", Status: claim.StatusUnverifiable, Probability: 0.35, Words: "unlikely", Band: "20-45%", Admiralty: "E4", STIXConfidence: 30,
			Reasons: []claim.Reason{{Text: "unattributed reports of an attempt; the clash comes from one Iranian official", ClaimIDs: []string{"003-28", "003-32"}}}},
		{EventID: "ev-05", Status: claim.StatusSingleSource, Probability: 0.6, Words: "likely", Band: "55-80%", Admiralty: "B3", STIXConfidence: 60,
			Reasons: []claim.Reason{{Text: "one rights organization, reported as a floor", ClaimIDs: []string{"003-34"}}}},
		{EventID: "ev-06", Status: claim.StatusCorroborated, Probability: 0.9, Words: "very likely", Band: "80-95%", Admiralty: "B2", STIXConfidence: 85,
			Reasons: []claim.Reason{{Text: "two outlets, independent origins, report the blackout", ClaimIDs: []string{"000-19", "003-35"}}}},
	}
}
