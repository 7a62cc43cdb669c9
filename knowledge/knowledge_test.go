package knowledge

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/internal/shared"
)

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Hamadān", "hamadan"},
		{"Hamedan", "hamedan"},
		{"Īlām", "ilam"},
		{"ILAM", "ilam"},
		{"Kata'ib Hizballah", "kataib hizballah"},
		{"Kata’ib  Hizballah", "kataib hizballah"},
		{"Kataʼib Hizballah", "kataib hizballah"},
		{"al-Hashd al-Shaabi", "al hashd al shaabi"},
		{"Hashd al‐Sha‘bi", "hashd al shabi"},
		{"Iran–Iraq border", "iran iraq border"},
		{"Al ‘Amārah", "al amarah"},
		{"Ḩalabjah", "halabjah"},
		{"Millî İstihbarat Teşkilatı", "milli istihbarat teskilati"},
		{"Sarpol-e Z̄ahāb", "sarpol e zahab"},
		{"  Tehran\n", "tehran"},
		{"U.S. Central Command", "u s central command"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFoldLoose(t *testing.T) {
	tests := []struct{ in, want string }{
		{"al-Hashd al-Shaabi", "hashd al shaabi"},
		{"Al Kūt", "kut"},
		{"El-Arish", "arish"},
		{"As Sulaymānīyah", "sulaymaniyah"},
		{"Kut", "kut"},
		{"Al", "al"},
	}
	for _, tt := range tests {
		if got := FoldLoose(tt.in); got != tt.want {
			t.Errorf("FoldLoose(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func loadPack(t testing.TB) *Pack {
	t.Helper()
	p, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestLoad(t *testing.T) {
	p := loadPack(t)
	// The canonical actor names the evaluation uses.
	for _, name := range []string{"Popular Mobilization Forces", "Kataib Hezbollah", "Harakat Hezbollah al-Nujaba",
		"Asaib Ahl al-Haq", "Kataib Sayyid al-Shuhada", "Badr Organization", "Islamic Revolutionary Guard Corps",
		"National Intelligence Organization (MIT)"} {
		a, ok := p.ActorByName(name)
		if !ok || a.Name != name {
			t.Errorf("actor %q: got %+v, %v", name, a, ok)
		}
	}
	for _, a := range p.Actors() {
		if a.Affiliation != "" {
			if _, ok := p.ActorByName(a.Affiliation); !ok {
				t.Errorf("actor %s: affiliation %q is no actor's name", a.ID, a.Affiliation)
			}
		}
	}
	if a, _ := p.Actor("kataib-hezbollah"); a.Affiliation != "Popular Mobilization Forces" {
		t.Errorf("Kataib Hezbollah affiliation = %q", a.Affiliation)
	}
	counts := map[string]int{}
	for _, pl := range p.Places() {
		if pl.Kind == claim.KindProvince {
			counts[pl.Country]++
		}
		if pl.Lat < -90 || pl.Lat > 90 || pl.Lon < -180 || pl.Lon > 180 || (pl.Lat == 0 && pl.Lon == 0) {
			t.Errorf("place %s has bad coordinates %v,%v", pl.ID, pl.Lat, pl.Lon)
		}
		if pl.Precision == claim.PlaceUnknown {
			t.Errorf("place %s states no precision", pl.ID)
		}
		if pl.Kind == claim.KindCrossing && (pl.Counterpart == "" || pl.Province == "") {
			t.Errorf("crossing %s lacks its counterpart or province", pl.ID)
		}
	}
	if counts["IR"] != 31 {
		t.Errorf("Iranian provinces = %d, want 31", counts["IR"])
	}
	if counts["IQ"] != 19 { // 18 governorates and Halabja
		t.Errorf("Iraqi governorates = %d, want 19", counts["IQ"])
	}
	var ir, iq int
	for _, pl := range p.Places() {
		if pl.Kind == claim.KindCity {
			switch pl.Country {
			case "IR":
				ir++
			case "IQ":
				iq++
			}
		}
	}
	if ir < 400 || iq < 130 {
		t.Errorf("populated places: IR %d, IQ %d; want all of GeoNames' (≈440, ≈140)", ir, iq)
	}
	if len(p.Airports()) < 7000 {
		t.Errorf("airports = %d", len(p.Airports()))
	}
	heads := p.SpeakerPatterns()
	if len(heads) == 0 || len(heads[0].Head) < len(heads[len(heads)-1].Head) {
		t.Errorf("speaker patterns not longest first")
	}
	for _, s := range p.Speakers() {
		if !strings.Contains("ABCDEF", s.Reliability) || len(s.Reliability) != 1 {
			t.Errorf("speaker %s: reliability %q", s.ID, s.Reliability)
		}
	}
}

func TestLookupPlace(t *testing.T) {
	p := loadPack(t)
	tests := []struct {
		name     string
		wantName string
		wantKind claim.PlaceKind
	}{
		{"Hamedan", "Hamadan", claim.KindCity},
		{"Hamadan", "Hamadan", claim.KindCity},
		{"Hamadān", "Hamadan", claim.KindCity},
		{"Īlām", "Ilam", claim.KindCity},
		{"Ilam province", "Ilam", claim.KindProvince},
		{"Al Kut", "Kut", claim.KindCity},
		{"al-Kut", "Kut", claim.KindCity},
		{"Basrah", "Basra", claim.KindCity},
		{"Basra Governorate", "Basra", claim.KindProvince},
		{"Maysan", "Maysan", claim.KindProvince},
		{"Mehran", "Mehran", claim.KindCrossing},
		{"Zurbatiyah", "Zurbatiya", claim.KindCrossing},
		{"Al-Sheeb", "Shaib", claim.KindCrossing},
		{"Haji Omaran", "Haji Omaran", claim.KindCrossing},
		{"Iran", "Iran", claim.KindCountry},
		{"Türkiye", "Turkey", claim.KindCountry},
		{"Kurdistan Region", "Kurdistan Region", claim.KindRegion},
		{"Arbil", "Erbil", claim.KindCity},
		{"Orumiyeh", "Urmia", claim.KindCity},
		{"Qasr-i Shirin", "Qasr-e Shirin", claim.KindCity},
		// Towns of 15,000 or more anywhere, with the English name where
		// GeoNames' differs.
		{"Benghazi", "Benghazi", claim.KindCity},
		{"Jilib", "Jilib", claim.KindCity},
		{"Goma", "Goma", claim.KindCity},
		{"Maiduguri", "Maiduguri", claim.KindCity},
		{"Mekelle", "Mekelle", claim.KindCity},
		{"Mek'ele", "Mekelle", claim.KindCity},
	}
	for _, tt := range tests {
		got := p.LookupPlace(tt.name)
		if len(got) == 0 {
			t.Errorf("LookupPlace(%q) found nothing", tt.name)
			continue
		}
		if got[0].Name != tt.wantName || got[0].Kind != tt.wantKind {
			t.Errorf("LookupPlace(%q)[0] = %s %q, want %s %q", tt.name, got[0].Kind, got[0].Name, tt.wantKind, tt.wantName)
		}
	}
	if got := p.LookupPlace("Mehran"); len(got) < 2 || got[0].Counterpart != "Zurbatiya" {
		t.Errorf("Mehran: %+v", got)
	}
	// Towns named with an English word, or with a pack actor's or a
	// demonym's name, are left out: they would be found in every sentence
	// that opens with the word.
	for _, w := range []string{"Police", "Bar", "Hope", "Mobile", "Fano", "Brits"} {
		if got := p.LookupPlace(w); len(got) != 0 {
			t.Errorf("LookupPlace(%q) = %+v, want none", w, got)
		}
	}
	if got := p.LookupPlace("Nowhere-in-particular"); len(got) != 0 {
		t.Errorf("unknown place found: %+v", got)
	}
}

func TestAirports(t *testing.T) {
	p := loadPack(t)
	tests := []struct{ code, iata, city, tz string }{
		{"NJF", "NJF", "Najaf", "Asia/Baghdad"},
		{"ORNI", "NJF", "Najaf", "Asia/Baghdad"},
		{"THR", "THR", "Teheran", "Asia/Tehran"},
		{"IKA", "IKA", "Tehran", "Asia/Tehran"},
		{"OIIE", "IKA", "Tehran", "Asia/Tehran"},
		{"mhd", "MHD", "Mashhad", "Asia/Tehran"},
		{"BGW", "BGW", "Baghdad", "Asia/Baghdad"},
		{"KSH", "KSH", "Bakhtaran", "Asia/Tehran"},
	}
	for _, tt := range tests {
		a, ok := p.Airport(tt.code)
		if !ok {
			t.Errorf("Airport(%q) not found", tt.code)
			continue
		}
		if a.IATA != tt.iata || a.City != tt.city || a.TZ != tt.tz {
			t.Errorf("Airport(%q) = %+v", tt.code, a)
		}
	}
	if a, _ := p.Airport("IKA"); a.CountryCode != "IR" || a.UTCOffset != 3.5 || a.Lat < 35 || a.Lat > 36 {
		t.Errorf("IKA: %+v", a)
	}
	if _, ok := p.Airport("ZZZZ"); ok {
		t.Error("Airport(ZZZZ) found")
	}
	codes := func(as []Airport) []string {
		var out []string
		for _, a := range as {
			out = append(out, a.IATA)
		}
		return out
	}
	tehran := codes(p.AirportsByCity("Tehran"))
	if !strings.Contains(strings.Join(tehran, ","), "THR") || !strings.Contains(strings.Join(tehran, ","), "IKA") {
		t.Errorf("AirportsByCity(Tehran) = %v, want THR and IKA", tehran)
	}
	if k := codes(p.AirportsByCity("Kermanshah")); len(k) == 0 || k[0] != "KSH" {
		t.Errorf("AirportsByCity(Kermanshah) = %v", k)
	}
}

// checkMatches asserts every match quotes text exactly at word boundaries.
func checkMatches(t *testing.T, text string, ms []Match) {
	t.Helper()
	end := 0
	for _, m := range ms {
		if m.Start < end || m.End <= m.Start || m.End > len(text) {
			t.Errorf("match %+v overlaps or is out of order", m)
			continue
		}
		end = m.End
		if text[m.Start:m.End] != m.Text {
			t.Errorf("match %+v: text[%d:%d] = %q", m, m.Start, m.End, text[m.Start:m.End])
		}
		if r, _ := utf8.DecodeLastRuneInString(text[:m.Start]); m.Start > 0 && isWordRune(r) {
			t.Errorf("match %q starts inside a word", m.Text)
		}
		if r, _ := utf8.DecodeRuneInString(text[m.End:]); m.End < len(text) && isWordRune(r) {
			t.Errorf("match %q ends inside a word", m.Text)
		}
	}
}

func TestScan(t *testing.T) {
	p := loadPack(t)
	type want struct {
		text string // the matched words
		kind MatchKind
		name string // the entry's canonical name
	}
	tests := []struct {
		in   string
		want []want
	}{
		{"fighters of the Popular Mobilization Forces (PMF), known as Hashd al-Shaabi, entered Iran’s west",
			[]want{{"Popular Mobilization Forces", ActorMatch, "Popular Mobilization Forces"}, {"PMF", ActorMatch, "Popular Mobilization Forces"},
				{"Hashd al-Shaabi", ActorMatch, "Popular Mobilization Forces"}, {"Iran", PlaceMatch, "Iran"}}},
		{"Kata'ib Hizballah and the Nujaba Movement; al-Hashd al-Shaabi",
			[]want{{"Kata'ib Hizballah", ActorMatch, "Kataib Hezbollah"}, {"Nujaba Movement", ActorMatch, "Harakat Hezbollah al-Nujaba"},
				{"al-Hashd al-Shaabi", ActorMatch, "Popular Mobilization Forces"}}},
		{"Iran's Hamadān and Īlām", []want{{"Iran", PlaceMatch, "Iran"}, {"Hamadān", PlaceMatch, "Hamadan"}, {"Īlām", PlaceMatch, "Ilam"}}},
		{"at the Iran–Iraq border near Mehran", []want{{"Iran–Iraq border", PlaceMatch, "Iran-Iraq border"}, {"Mehran", PlaceMatch, "Mehran"}}},
		{"Turkey's MIT and the IRGC", []want{{"Turkey", PlaceMatch, "Turkey"}, {"MIT", ActorMatch, "National Intelligence Organization (MIT)"},
			{"IRGC", ActorMatch, "Islamic Revolutionary Guard Corps"}}},
		{"U.S. Central Command said", []want{{"U.S. Central Command", ActorMatch, "United States Central Command"}}},
		{"PMF-backed groups in al-Kut", []want{{"PMF", ActorMatch, "Popular Mobilization Forces"}, {"al-Kut", PlaceMatch, "Kut"}}},
		{"flights from NJF to IKA", []want{{"NJF", AirportMatch, "Al Najaf International Airport"}, {"IKA", AirportMatch, "Imam Khomeini International Airport"}}},
		{"landed at Imam Khomeini airport, not Kermanshah Airport", []want{{"Imam Khomeini airport", AirportMatch, "Imam Khomeini International Airport"},
			{"Kermanshah Airport", AirportMatch, "Shahid Ashrafi Esfahani Airport"}}},
		{"Reuters and Tasnim reported", []want{{"Reuters", SpeakerMatch, "Reuters"}, {"Tasnim", SpeakerMatch, "Tasnim News Agency"}}},
		// No place inside words (Iranian, Tehrani), in lower case, or across
		// clause punctuation; demonyms are their own kind.
		{"Iranian Iraqis Tehrani mit basra kermanshah pmf", []want{{"Iranian", DemonymMatch, "IR"}, {"Iraqis", DemonymMatch, "IQ"}}},
		{"Hashd. Al-Shaabi", []want{{"Hashd", ActorMatch, "Popular Mobilization Forces"}}},
		{"", nil},
	}
	for _, tt := range tests {
		ms := p.Scan(tt.in)
		checkMatches(t, tt.in, ms)
		var got []want
		for _, m := range ms {
			got = append(got, want{m.Text, m.Kind, p.entryName(m)})
		}
		if len(got) != len(tt.want) {
			t.Errorf("Scan(%q) = %v, want %v", tt.in, got, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("Scan(%q)[%d] = %v, want %v", tt.in, i, got[i], tt.want[i])
			}
		}
	}
}

// entryName returns the canonical name of a match's entry.
func (p *Pack) entryName(m Match) string {
	switch m.Kind {
	case ActorMatch:
		a, _ := p.Actor(m.ID)
		return a.Name
	case SpeakerMatch:
		s, _ := p.Speaker(m.ID)
		return s.Name
	case PlaceMatch:
		pl, _ := p.Place(m.ID)
		return pl.Name
	case AirportMatch:
		a, _ := p.Airport(m.ID)
		return a.Name
	case DemonymMatch:
		return m.ID
	}
	return ""
}

func readSeeds(t testing.TB) []string {
	t.Helper()
	dir := shared.Path(t, "seeds")
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no seed texts in %s: %v", dir, err)
	}
	var out []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, string(b))
	}
	return out
}

func TestScanSeeds(t *testing.T) {
	p := loadPack(t)
	found := map[string]bool{} // "kind|canonical name|matched words"
	for _, text := range readSeeds(t) {
		ms := p.Scan(text)
		checkMatches(t, text, ms)
		for _, m := range ms {
			found[m.Kind.String()+"|"+p.entryName(m)+"|"+m.Text] = true
		}
	}
	has := func(kind MatchKind, name, words string) bool {
		for k := range found {
			f := strings.SplitN(k, "|", 3)
			if f[0] == kind.String() && f[1] == name && strings.Contains(f[2], words) {
				return true
			}
		}
		return false
	}
	for _, w := range []struct {
		kind        MatchKind
		name, words string
	}{
		{ActorMatch, "Popular Mobilization Forces", "Hashd al-Shaabi"},
		{ActorMatch, "Popular Mobilization Forces", "PMF"},
		{ActorMatch, "Popular Mobilization Forces", "Popular Mobilization Forces"},
		{ActorMatch, "Kataib Hezbollah", "Kataib Hezbollah"},
		{ActorMatch, "Harakat Hezbollah al-Nujaba", "Nujaba Movement"},
		{ActorMatch, "Harakat Hezbollah al-Nujaba", "Harakat Hezbollah al-Nujaba"},
		{ActorMatch, "Asaib Ahl al-Haq", "Asaib Ahl al-Haq"},
		{ActorMatch, "Kataib Sayyid al-Shuhada", "Kataib Sayyid al-Shuhada"},
		{ActorMatch, "Badr Organization", "Badr Organization"},
		{ActorMatch, "Islamic Revolutionary Guard Corps", "IRGC"},
		{ActorMatch, "National Intelligence Organization (MIT)", "MIT"},
		{PlaceMatch, "Khosravi", "Khosravi"},
		{PlaceMatch, "Mehran", "Mehran"},
		{PlaceMatch, "Shaib", "Shaib"},
		{PlaceMatch, "Zurbatiya", "Zurbatiya"},
		{PlaceMatch, "Ilam", "Ilam"},
		{PlaceMatch, "Kermanshah", "Kermanshah"},
		{PlaceMatch, "Hamadan", "Hamedan"},
		{PlaceMatch, "Tehran", "Tehran"},
		{PlaceMatch, "Mashhad", "Mashhad"},
		{PlaceMatch, "Qom", "Qom"},
		{PlaceMatch, "Maysan", "Maysan"},
		{PlaceMatch, "Wasit", "Wasit"},
		{PlaceMatch, "Diyala", "Diyala"},
		{PlaceMatch, "Basra", "Basra"},
		{PlaceMatch, "Najaf", "Najaf"},
		{PlaceMatch, "Iran", "Iran"},
		{PlaceMatch, "Iraq", "Iraq"},
		{PlaceMatch, "Iran-Iraq border", "Iran-Iraq border"},
		{SpeakerMatch, "The Amargi", "The Amargi"},
		{SpeakerMatch, "CNN", "CNN"},
		{SpeakerMatch, "Reuters", "Reuters"},
		{SpeakerMatch, "Flightradar24", "Flightradar24"},
		{SpeakerMatch, "Tasnim News Agency", "Tasnim News Agency"},
		{SpeakerMatch, "Middle East Monitor", "Middle East Monitor"},
		{SpeakerMatch, "Iraqi Observatory for Rights and Freedom", "Iraqi Observatory for Rights and Freedom"},
	} {
		if !has(w.kind, w.name, w.words) {
			t.Errorf("seeds: no %s match of %q for %q", w.kind, w.words, w.name)
		}
	}
}

func TestUserPack(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("actors.json", `[
  {"id": "pmf", "name": "Popular Mobilization Forces", "kind": "militia", "country": "IQ", "aliases": ["Hashd", "Mobilisation Committee"]},
  {"id": "liwa-test", "name": "Liwa al-Test", "kind": "militia", "affiliation": "Popular Mobilization Forces", "aliases": ["Test Brigade"]}
]`)
	write("places.json", `[{"id": "x-camp", "name": "Camp Testville", "kind": "city", "country": "IQ", "lat": 33.1, "lon": 44.2, "precision": "exact"}]`)
	p, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	text := "The Test Brigade and the Mobilisation Committee met at Camp Testville in Basra."
	ms := p.Scan(text)
	checkMatches(t, text, ms)
	var got []string
	for _, m := range ms {
		got = append(got, m.ID)
	}
	want := "liwa-test pmf x-camp gn-99532"
	if strings.Join(got, " ") != want {
		t.Errorf("user pack scan = %v, want %s", got, want)
	}
	// The override replaced the default entry: its old aliases are gone.
	if ms := p.Scan("PMF"); len(ms) != 0 {
		t.Errorf("overridden actor still matches PMF: %+v", ms)
	}
	if len(p.Actors()) != len(loadPack(t).Actors())+1 {
		t.Errorf("user pack should add one actor")
	}
	if _, err := Load(filepath.Join(dir, "missing")); err == nil {
		t.Error("Load of a missing directory succeeded")
	}
	bad := t.TempDir()
	if err := os.WriteFile(filepath.Join(bad, "actors.json"), []byte(`[{"id": "x", "nam": "typo"}]`), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(bad); err == nil {
		t.Error("Load accepted an unknown field")
	}
}

// TestRe3dLocations measures how many of re3d's Location annotations (texts
// on Syria and Iraq that nobody on this project wrote) Scan finds. It logs
// the figures and holds a low floor, since many annotations are descriptive
// ("the city", "north of the town") that no gazetteer should match.
func TestRe3dLocations(t *testing.T) {
	p := loadPack(t)
	root := shared.Path(t, "data", "re3d")
	dirs, err := os.ReadDir(root)
	if err != nil {
		t.Fatal(err)
	}
	var locs, found, proper, properFound, places, placesOnEntity int
	var missed []string
	for _, d := range dirs {
		if !d.IsDir() {
			continue
		}
		docs := map[string]string{}
		readJSONL(t, filepath.Join(root, d.Name(), "documents.json"), func(b []byte) {
			var doc struct {
				ID   string `json:"_id"`
				Text string `json:"text"`
			}
			if err := json.Unmarshal(b, &doc); err != nil {
				t.Fatal(err)
			}
			docs[doc.ID] = doc.Text
		})
		type span struct{ start, end int }
		entities := map[string][]span{} // by document, all types
		type loc struct {
			doc   string
			start int
			end   int
			value string
		}
		var docLocs []loc
		readJSONL(t, filepath.Join(root, d.Name(), "entities.json"), func(b []byte) {
			var e struct {
				Doc   string `json:"documentId"`
				Begin int    `json:"begin"`
				End   int    `json:"end"`
				Type  string `json:"type"`
				Value string `json:"value"`
			}
			if err := json.Unmarshal(b, &e); err != nil {
				t.Fatal(err)
			}
			text, ok := docs[e.Doc]
			if !ok {
				return
			}
			s, en := byteOffset(text, e.Begin), byteOffset(text, e.End)
			entities[e.Doc] = append(entities[e.Doc], span{s, en})
			if e.Type == "Location" {
				docLocs = append(docLocs, loc{e.Doc, s, en, e.Value})
			}
		})
		matches := map[string][]Match{}
		for id, text := range docs {
			for _, m := range p.Scan(text) {
				if m.Kind == PlaceMatch || m.Kind == AirportMatch {
					matches[id] = append(matches[id], m)
					places++
					for _, e := range entities[id] {
						if m.Start < e.end && e.start < m.End {
							placesOnEntity++
							break
						}
					}
				}
			}
		}
		for _, l := range docLocs {
			locs++
			isProper := startsUpper(l.value)
			if isProper {
				proper++
			}
			hit := false
			for _, m := range matches[l.doc] {
				if m.Start < l.end && l.start < m.End {
					hit = true
					break
				}
			}
			if hit {
				found++
				if isProper {
					properFound++
				}
			} else if isProper && len(missed) < 40 {
				missed = append(missed, l.value)
			}
		}
	}
	if locs == 0 {
		t.Fatal("no Location entities read")
	}
	t.Logf("re3d Location entities: %d; Scan overlaps %d (%.1f%%)", locs, found, 100*float64(found)/float64(locs))
	t.Logf("  capitalised (proper-name) ones: %d; found %d (%.1f%%)", proper, properFound, 100*float64(properFound)/float64(proper))
	t.Logf("  place matches: %d, of which on an annotated entity of any type: %d (%.1f%%)", places, placesOnEntity, 100*float64(placesOnEntity)/float64(places))
	t.Logf("  some capitalised misses: %s", strings.Join(missed, "; "))
	if r := float64(properFound) / float64(proper); r < 0.6 {
		t.Errorf("Scan finds only %.0f%% of capitalised re3d locations, want at least 60%%", 100*r)
	}
}

func startsUpper(s string) bool {
	s = strings.TrimPrefix(strings.TrimPrefix(s, "the "), "The ")
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// byteOffset converts re3d's character offset (UTF-16 code units, as Java
// counts) into a byte offset of text.
func byteOffset(text string, units int) int {
	n := 0
	for i, r := range text {
		if n >= units {
			return i
		}
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
	}
	return len(text)
}

func readJSONL(t *testing.T, path string, row func([]byte)) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 1<<20), 16<<20)
	for sc.Scan() {
		b := sc.Bytes()
		b = []byte(strings.TrimPrefix(string(b), "\ufeff"))
		if len(strings.TrimSpace(string(b))) == 0 {
			continue
		}
		row(b)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
}

func BenchmarkScan(b *testing.B) {
	p := loadPack(b)
	var sb strings.Builder
	seeds := readSeeds(b)
	for sb.Len() < 10<<20 {
		for _, s := range seeds {
			sb.WriteString(s)
			sb.WriteByte('\n')
		}
	}
	text := sb.String()
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		p.Scan(text)
	}
}

func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load(); err != nil {
			b.Fatal(err)
		}
	}
}

// TestPackData checks the hand-written data for the mistakes that are easy
// to make when editing it: unknown kinds and one name given to two entries.
func TestPackData(t *testing.T) {
	p := loadPack(t)
	actorKinds := map[string]bool{KindMilitia: true, KindStateForce: true, KindIntelligence: true, KindArmedGroup: true, KindPMC: true,
		KindGovernment: true, KindAirline: true, KindInterGov: true}
	owner := map[string]string{}
	claimName := func(kind, id, name string) {
		f := Fold(name)
		if prev, ok := owner[f]; ok && prev != kind+" "+id {
			t.Errorf("%q names both %s and %s %s", name, prev, kind, id)
		}
		owner[f] = kind + " " + id
	}
	for _, a := range p.Actors() {
		if !actorKinds[a.Kind] {
			t.Errorf("actor %s: unknown kind %q", a.ID, a.Kind)
		}
		for _, n := range append([]string{a.Name}, a.Aliases...) {
			claimName("actor", a.ID, n)
		}
	}
	sourceKinds := map[claim.SourceKind]bool{claim.SpeakerAnonymous: true, claim.SpeakerNamed: true, claim.SpeakerOfficial: true,
		claim.SpeakerOutlet: true, claim.SpeakerStateMedia: true, claim.SpeakerRightsGroup: true, claim.SpeakerDocument: true,
		claim.SpeakerData: true, claim.SpeakerSocial: true, claim.SpeakerUnspecified: true}
	for _, s := range p.Speakers() {
		if !sourceKinds[s.Kind] {
			t.Errorf("speaker %s: unknown kind %q", s.ID, s.Kind)
		}
		for _, n := range append([]string{s.Name}, s.Aliases...) {
			claimName("speaker", s.ID, n)
		}
	}
	for _, sp := range p.SpeakerPatterns() {
		if !sourceKinds[sp.Kind] {
			t.Errorf("speaker pattern %q: unknown kind %q", sp.Head, sp.Kind)
		}
	}
	placeKinds := map[claim.PlaceKind]bool{claim.KindCountry: true, claim.KindProvince: true, claim.KindCity: true,
		claim.KindCrossing: true, claim.KindRegion: true, claim.KindBorder: true, claim.KindAirport: true}
	precisions := map[claim.PlacePrecision]bool{claim.PlaceExact: true, claim.PlaceCity: true, claim.PlaceProvince: true,
		claim.PlaceCountry: true, claim.PlaceRegion: true}
	for _, pl := range p.Places() {
		if !placeKinds[pl.Kind] || !precisions[pl.Precision] {
			t.Errorf("place %s: kind %q precision %q", pl.ID, pl.Kind, pl.Precision)
		}
		if pl.Kind == claim.KindCrossing {
			if other := p.LookupPlace(pl.Counterpart); len(other) == 0 || other[0].Kind != claim.KindCrossing {
				t.Errorf("crossing %s: counterpart %q is not a crossing", pl.ID, pl.Counterpart)
			}
		}
	}
}

func TestAirportCountries(t *testing.T) {
	p, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		codes []string
		want  string
	}{
		{[]string{"NJF", "THR"}, "IQ,IR"},
		{[]string{"ORNI", "OIII"}, "IQ,IR"}, // ICAO codes
		{[]string{"IKA", "THR"}, "IR"},
		{[]string{"ZZZ", "THR"}, "IR"},
		{[]string{"ZZZ"}, ""},
	} {
		if got := strings.Join(p.AirportCountries(tc.codes...), ","); got != tc.want {
			t.Errorf("AirportCountries(%v) = %q, want %q", tc.codes, got, tc.want)
		}
	}
}
