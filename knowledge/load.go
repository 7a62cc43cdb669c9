package knowledge

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/geo"
)

// loader accumulates pack directories; later entries replace earlier ones
// with the same ID.
type loader struct {
	actors   []Actor
	speakers []Speaker
	patterns []SpeakerPattern
	places   []Place
	airports []Airport
	nations  []Nationality
	peoples  []People

	actorIdx, speakerIdx, placeIdx, airportIdx, nationIdx, peopleIdx map[string]int
}

func upsert[T any](list *[]T, idx *map[string]int, id string, v T) {
	if *idx == nil {
		*idx = make(map[string]int)
	}
	if i, ok := (*idx)[id]; ok {
		(*list)[i] = v
		return
	}
	(*idx)[id] = len(*list)
	*list = append(*list, v)
}

func (l *loader) loadDir(fsys fs.FS, dir string) error {
	read := func(name string) ([]byte, bool, error) {
		b, err := fs.ReadFile(fsys, path.Join(dir, name))
		if errors.Is(err, fs.ErrNotExist) {
			return nil, false, nil
		}
		if err != nil {
			return nil, false, fmt.Errorf("knowledge: %w", err)
		}
		return b, true, nil
	}

	// actors.json first, then actors-*.json in name order: the hand-written
	// regional table keeps its place at the head of the pack order.
	actorFiles, err := fs.Glob(fsys, path.Join(dir, "actors-*.json"))
	if err != nil {
		return fmt.Errorf("knowledge: %s: %w", dir, err)
	}
	slices.Sort(actorFiles)
	for _, name := range append([]string{"actors.json"}, actorFiles...) {
		err := readList(fsys, dir, path.Base(name), func(a Actor) error {
			if a.ID == "" || a.Name == "" {
				return fmt.Errorf("actor without id or name (%q)", a.Name)
			}
			if _, known := branches[a.Branch]; a.Branch != "" && !known {
				return fmt.Errorf("actor %s: unknown branch %q", a.ID, a.Branch)
			}
			if a.Branch != "" && a.Country == "" {
				return fmt.Errorf("actor %s has a branch but no country", a.ID)
			}
			upsert(&l.actors, &l.actorIdx, a.ID, a)
			return nil
		})
		if err != nil {
			return err
		}
	}
	err = errors.Join(
		readList(fsys, dir, "speakers.json", func(s Speaker) error {
			if s.ID == "" || s.Name == "" {
				return fmt.Errorf("speaker without id or name (%q)", s.Name)
			}
			upsert(&l.speakers, &l.speakerIdx, s.ID, s)
			return nil
		}),
		readList(fsys, dir, "speaker-patterns.json", func(p SpeakerPattern) error {
			if i := slices.IndexFunc(l.patterns, func(q SpeakerPattern) bool { return Fold(q.Head) == Fold(p.Head) }); i >= 0 {
				l.patterns[i] = p
			} else {
				l.patterns = append(l.patterns, p)
			}
			return nil
		}),
		readList(fsys, dir, "demonyms.json", func(n Nationality) error {
			if n.Country == "" || len(n.Adjectives)+len(n.Singular)+len(n.Plural) == 0 {
				return fmt.Errorf("demonyms without country or form (%q)", n.Country)
			}
			n.Country = strings.ToUpper(n.Country)
			upsert(&l.nations, &l.nationIdx, n.Country, n)
			return nil
		}),
		readList(fsys, dir, "peoples.json", func(pe People) error {
			if pe.ID == "" || pe.Name == "" || len(pe.Adjectives)+len(pe.Singular)+len(pe.Plural) == 0 {
				return fmt.Errorf("people without id, name or form (%q)", pe.Name)
			}
			upsert(&l.peoples, &l.peopleIdx, pe.ID, pe)
			return nil
		}),
	)
	if err != nil {
		return err
	}
	// Generated places first, then hand-written ones, so that a hand-written
	// entry can override a generated one by ID.
	generated, err := fs.Glob(fsys, path.Join(dir, "places-*.tsv"))
	if err != nil {
		return fmt.Errorf("knowledge: %s: %w", dir, err)
	}
	slices.Sort(generated)
	for _, name := range generated {
		b, _, err := read(path.Base(name))
		if err != nil {
			return err
		}
		ps, err := parsePlacesTSV(b)
		if err != nil {
			return fmt.Errorf("knowledge: %s: %w", name, err)
		}
		for _, p := range ps {
			upsert(&l.places, &l.placeIdx, p.ID, p)
		}
	}
	err = readList(fsys, dir, "places.json", func(p Place) error {
		if p.ID == "" || p.Name == "" {
			return fmt.Errorf("place without id or name (%q)", p.Name)
		}
		upsert(&l.places, &l.placeIdx, p.ID, p)
		return nil
	})
	if err != nil {
		return err
	}
	return l.loadAirports(fsys, dir)
}

// readList decodes the JSON array in file name of a pack directory, when
// there is one, and hands each entry to add, which rejects a bad one.
func readList[T any](fsys fs.FS, dir, name string, add func(T) error) error {
	b, err := fs.ReadFile(fsys, path.Join(dir, name))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("knowledge: %w", err)
	}
	var list []T
	if err := decodeJSON(b, &list); err != nil {
		return fmt.Errorf("knowledge: %s: %w", path.Join(dir, name), err)
	}
	for _, v := range list {
		if err := add(v); err != nil {
			return fmt.Errorf("knowledge: %s: %w", path.Join(dir, name), err)
		}
	}
	return nil
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func decodeJSON(b []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	return dec.Decode(v)
}

// Column orders of the generated TSV files (a header line names them).
var (
	placeColumns   = []string{"id", "name", "aliases", "kind", "country", "admin1", "province", "lat", "lon", "precision", "population"}
	airportColumns = []string{"iata", "icao", "name", "city", "country", "country_code", "lat", "lon", "tz", "utc_offset"}
)

func readTSV(b []byte, columns []string, row func(f []string) error) error {
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(make([]byte, 0, 64*1024), 4*1024*1024)
	line := 0
	for sc.Scan() {
		line++
		if !utf8.Valid(sc.Bytes()) {
			return fmt.Errorf("line %d: not valid UTF-8", line+1)
		}
		f := strings.Split(sc.Text(), "\t")
		if line == 1 {
			if !slices.Equal(f, columns) {
				return fmt.Errorf("header %q, want %q", f, columns)
			}
			continue
		}
		if len(f) != len(columns) {
			return fmt.Errorf("line %d: %d fields, want %d", line, len(f), len(columns))
		}
		if err := row(f); err != nil {
			return fmt.Errorf("line %d: %w", line, err)
		}
	}
	return sc.Err()
}

func parsePlacesTSV(b []byte) ([]Place, error) {
	var out []Place
	err := readTSV(b, placeColumns, func(f []string) error {
		lat, err1 := strconv.ParseFloat(f[7], 64)
		lon, err2 := strconv.ParseFloat(f[8], 64)
		pop, err3 := strconv.Atoi(cmpOr(f[10], "0"))
		if err := errors.Join(err1, err2, err3); err != nil {
			return err
		}
		p := Place{
			ID: f[0], Name: f[1], Kind: claim.PlaceKind(f[3]), Country: f[4], Admin1: f[5],
			Province: f[6], Lat: lat, Lon: lon, Precision: claim.PlacePrecision(f[9]), Population: pop,
		}
		if f[2] != "" {
			p.Aliases = strings.Split(f[2], "|")
		}
		out = append(out, p)
		return nil
	})
	return out, err
}

func parseAirportsTSV(b []byte) ([]Airport, error) {
	var out []Airport
	err := readTSV(b, airportColumns, func(f []string) error {
		lat, err1 := strconv.ParseFloat(f[6], 64)
		lon, err2 := strconv.ParseFloat(f[7], 64)
		off, err3 := strconv.ParseFloat(cmpOr(f[9], "0"), 64)
		if err := errors.Join(err1, err2, err3); err != nil {
			return err
		}
		out = append(out, Airport{IATA: f[0], ICAO: f[1], Name: f[2], City: f[3], Country: f[4],
			CountryCode: f[5], Lat: lat, Lon: lon, TZ: f[8], UTCOffset: off})
		return nil
	})
	return out, err
}

// pack indexes what was loaded.
func (l *loader) pack() (*Pack, error) {
	p := &Pack{
		actors: l.actors, speakers: l.speakers, patterns: l.patterns, places: l.places, airports: l.airports, nations: l.nations, peoples: l.peoples,
		actorByID: make(map[string]int), speakerByID: make(map[string]int), speakerByName: make(map[string]int), placeByID: make(map[string]int),
		placeByName: make(map[string][]int), airportByCode: make(map[string]int), airportByCity: make(map[string][]int),
		countryByISO: make(map[string]int), nationByISO: make(map[string]int), peopleByID: make(map[string]int), demonymByName: make(map[string][]int),
		metonymName: make(map[string]string), metonymPlace: make(map[string]string), forces: make(map[[2]string]int),
	}
	// Longest heads first so that callers can take the first that matches.
	slices.SortStableFunc(p.patterns, func(a, b SpeakerPattern) int { return len(b.Head) - len(a.Head) })
	s := newScanner()
	for i, a := range p.actors {
		p.actorByID[a.ID] = i
		for _, n := range names(a.Name, a.Aliases) {
			s.add(ActorMatch, i, n)
		}
		if k := [2]string{a.Country, a.Branch}; a.Branch != "" {
			if _, dup := p.forces[k]; !dup {
				p.forces[k] = i
			}
		}
	}
	for i, sp := range p.speakers {
		p.speakerByID[sp.ID] = i
		for _, n := range names(sp.Name, sp.Aliases) {
			s.add(SpeakerMatch, i, n)
		}
	}
	for _, aliases := range []bool{false, true} {
		for i, sp := range p.speakers {
			ns := []string{sp.Name}
			if aliases {
				ns = sp.Aliases
			}
			for _, n := range ns {
				if f := Fold(n); f != "" {
					if _, dup := p.speakerByName[f]; !dup {
						p.speakerByName[f] = i
					}
				}
			}
		}
	}
	if err := p.checkPartOf(); err != nil {
		return nil, err
	}
	for i, pl := range p.places {
		p.placeByID[pl.ID] = i
		seen := map[string]bool{}
		for _, n := range names(pl.Name, pl.Aliases) {
			for _, f := range []string{Fold(n), FoldLoose(n)} {
				if f != "" && !seen[f] {
					seen[f] = true
					p.placeByName[f] = append(p.placeByName[f], i)
				}
			}
			s.add(PlaceMatch, i, n)
			if loose := looseForm(n); loose != "" {
				s.add(PlaceMatch, i, loose)
			}
		}
	}
	for _, idx := range p.placeByName {
		slices.SortStableFunc(idx, func(a, b int) int { return comparePlaces(&p.places[a], &p.places[b]) })
	}
	for i, pl := range p.places {
		if _, dup := p.countryByISO[pl.Country]; pl.Kind == claim.KindCountry && pl.Country != "" && !dup {
			p.countryByISO[pl.Country] = i
		}
	}
	p.indexNations(s)
	for i, a := range p.airports {
		for _, c := range []string{a.IATA, a.ICAO} {
			if c != "" {
				if _, dup := p.airportByCode[c]; !dup {
					p.airportByCode[c] = i
				}
			}
		}
		for _, c := range p.airportCities(a) {
			p.airportByCity[c] = append(p.airportByCity[c], i)
		}
		if a.Name != "" {
			s.add(AirportMatch, i, a.Name)
		}
		if scanCodes[a.CountryCode] {
			// In the region, codes and "<city> airport" are how texts name airports.
			for _, c := range []string{a.IATA, a.ICAO} {
				if c != "" {
					s.add(AirportMatch, i, c)
				}
			}
			if short := strings.Replace(a.Name, " International Airport", " Airport", 1); short != a.Name {
				s.add(AirportMatch, i, short) // "Imam Khomeini airport"
			}
			for _, c := range p.airportCityNames(a) {
				s.add(AirportMatch, i, c+" Airport")
				s.add(AirportMatch, i, c+" International Airport")
			}
		}
	}
	for _, idx := range p.airportByCity {
		slices.SortStableFunc(idx, func(a, b int) int {
			return boolRank(p.airports[a].IATA == "") - boolRank(p.airports[b].IATA == "")
		})
	}
	s.sortCandidates(p)
	s.freeze()
	p.scan = s
	return p, nil
}

// indexNations registers the demonyms with the scanner and indexes the
// metonyms: by name, and by the place ID of the capital of that name (the
// best-ranked city so called).
func (p *Pack) indexNations(s *scanner) {
	for i, n := range p.nations {
		p.nationByISO[n.Country] = i
		for _, l := range forms(n.Adjectives, n.Singular, n.Plural) {
			for _, d := range l.names {
				s.addForm(DemonymMatch, i, d, l.form)
				f := Fold(d)
				if idx := p.demonymByName[f]; !slices.Contains(idx, i) {
					p.demonymByName[f] = append(idx, i)
				}
			}
		}
		for _, phrase := range n.Not {
			s.add(blockMatch, i, phrase)
		}
		for _, m := range n.Metonyms {
			k := metonymKey(m)
			if _, dup := p.metonymName[k]; dup || k == "" {
				continue
			}
			p.metonymName[k] = n.Country
			// The capital is the best city of the name in the country, or,
			// for a territory that the gazetteer files under another
			// country (Hargeisa), the best city of the name.
			capital := -1
			for _, j := range p.placeByName[Fold(m)] {
				if pl := &p.places[j]; pl.Kind == claim.KindCity {
					if pl.Country == n.Country {
						capital = j
						break
					}
					if capital < 0 {
						capital = j
					}
				}
			}
			if capital >= 0 {
				if _, dup := p.metonymPlace[p.places[capital].ID]; !dup {
					p.metonymPlace[p.places[capital].ID] = n.Country
				}
			}
		}
	}
	for i, pe := range p.peoples {
		p.peopleByID[pe.ID] = i
		for _, l := range forms(pe.Adjectives, pe.Singular, pe.Plural) {
			for _, d := range l.names {
				s.addForm(PeopleMatch, i, d, l.form)
			}
		}
	}
}

func boolRank(b bool) int {
	if b {
		return 1
	}
	return 0
}

func names(name string, aliases []string) []string {
	return append([]string{name}, aliases...)
}

// looseForm returns name without a leading Arabic article, keeping the
// original spelling of the rest ("Al Kut" → "Kut", "al-Basrah" → "Basrah"),
// or "" when there is none.
func looseForm(name string) string {
	for _, art := range []string{"al-", "Al-", "el-", "El-", "Al ", "al ", "El ", "el ", "Ad ", "An ", "Ar ", "As ", "Ash ", "At ", "Az ", "Ad-", "An-", "Ar-", "As-", "Ash-", "At-", "Az-", "ad-", "an-", "ar-", "as-", "ash-", "at-", "az-"} {
		if rest, ok := strings.CutPrefix(name, art); ok && rest != "" {
			return rest
		}
	}
	return ""
}

// scanCodes lists the countries whose airport codes Scan finds in text.
var scanCodes = map[string]bool{"IR": true, "IQ": true}

// airportCityNames returns the names of the city an airport serves: its
// OpenFlights city and the gazetteer name of that city when they differ
// ("Bakhtaran" is Kermanshah, "Teheran" Tehran). The gazetteer place must lie
// within 75 km of the airport.
func (p *Pack) airportCityNames(a Airport) []string {
	if a.City == "" {
		return nil
	}
	out := []string{a.City}
	for _, i := range p.placeByName[Fold(a.City)] {
		pl := &p.places[i]
		if pl.Kind != claim.KindCity || (a.CountryCode != "" && pl.Country != a.CountryCode) {
			continue
		}
		if geo.DistanceKm(a.Lat, a.Lon, pl.Lat, pl.Lon) > 75 {
			continue
		}
		if !slices.Contains(out, pl.Name) {
			out = append(out, pl.Name)
		}
		break
	}
	return out
}

func (p *Pack) airportCities(a Airport) []string {
	var out []string
	for _, n := range p.airportCityNames(a) {
		if f := Fold(n); !slices.Contains(out, f) {
			out = append(out, f)
		}
	}
	return out
}

// checkPartOf refuses a speaker part of an unknown body, or a chain of
// PartOf links that comes back to where it started.
func (p *Pack) checkPartOf() error {
	for _, sp := range p.speakers {
		seen := map[string]bool{sp.ID: true}
		for cur := sp; cur.PartOf != ""; {
			i, ok := p.speakerByID[cur.PartOf]
			if !ok {
				return fmt.Errorf("knowledge: speaker %s: part_of %q is no speaker", cur.ID, cur.PartOf)
			}
			cur = p.speakers[i]
			if seen[cur.ID] {
				return fmt.Errorf("knowledge: speaker %s: part_of links form a loop", sp.ID)
			}
			seen[cur.ID] = true
		}
	}
	return nil
}
