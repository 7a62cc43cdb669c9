// Package knowledge owns Triangulate's knowledge packs: the actors, speakers,
// places, border crossings and airports of the region, with their aliases and
// transliteration variants, and the scanner that finds them in text.
//
// A pack is a directory of files (actors.json, actors-*.json, speakers.json,
// speaker-patterns.json, demonyms.json, peoples.json, places.json, places-*.tsv,
// airports.tsv; any may be missing); packs/default/README.md describes them
// and their origins. The default packs are embedded in the binary; Load adds
// user pack directories on top, whose entries extend or override the default
// ones by ID (demonyms by country).
package knowledge

import (
	"cmp"
	"embed"
	"fmt"
	"slices"
	"strings"

	"github.com/triangulate/triangulate/claim"
)

//go:generate go run ./internal/gen -shared ../../shared/data -in internal/gen -out packs/default

//go:embed packs
var embedded embed.FS

// Actor kinds.
const (
	KindMilitia      = "militia"
	KindStateForce   = "state-force"
	KindIntelligence = "intelligence"
	KindArmedGroup   = "armed-group"
	KindPMC          = "pmc" // private military companies
	KindGovernment   = "government"
	KindAirline      = "airline" // airlines are actors in flight claims
	KindInterGov     = "intergovernmental"
)

// Branches of a state's forces (Actor.Branch). Only a country's national
// forces have one; regional forces (Peshmerga), sub-units and non-state
// groups have none, so that StateForce never answers with them.
const (
	BranchMilitary      = "military"       // the armed forces as a whole
	BranchArmy          = "army"           // land forces
	BranchNavy          = "navy"           // naval forces
	BranchAirForce      = "air-force"      // air (and air-defence) forces
	BranchMarines       = "marines"        // a separate marine corps
	BranchSpecialForces = "special-forces" // a separate special-operations or counter-terrorism service
	BranchGuard         = "guard"          // a presidential or republican guard
	BranchIntelligence  = "intelligence"   // intelligence and state-security services
	BranchPolice        = "police"         // the national police
	BranchSecurity      = "security"       // gendarmeries, national guards, internal troops
	BranchBorderGuard   = "border-guard"   // border guards
	BranchCoastGuard    = "coast-guard"    // coast guards
)

// branches lists the known branches with the branch StateForce falls back
// to when a country has no entry of its own for it ("" for none): a
// country without a separate navy is still answered for "navy" by its armed
// forces, but intelligence, police or a guard never become the military.
var branches = map[string]string{
	BranchMilitary: "", BranchArmy: BranchMilitary, BranchNavy: BranchMilitary, BranchAirForce: BranchMilitary,
	BranchMarines: BranchMilitary, BranchSpecialForces: BranchMilitary, BranchGuard: "", BranchIntelligence: "",
	BranchPolice: "", BranchSecurity: "", BranchBorderGuard: "", BranchCoastGuard: "",
}

// Actor is an armed group, force, agency or government.
type Actor struct {
	ID          string   `json:"id"`
	Name        string   `json:"name"` // canonical name
	Aliases     []string `json:"aliases,omitempty"`
	Kind        string   `json:"kind"`                  // militia, state-force, intelligence, armed-group, pmc, government, airline, intergovernmental
	Affiliation string   `json:"affiliation,omitempty"` // canonical Name of the umbrella, e.g. "Popular Mobilization Forces"
	Country     string   `json:"country,omitempty"`     // ISO 3166-1 alpha-2
	Branch      string   `json:"branch,omitempty"`      // for a country's national forces: military, army, navy … (the Branch constants)
}

// Nationality holds the words for one country's people and state: the
// demonyms ("Turkish"; "Turk", "Turks") and the capitals or seats of
// government that reporters write for the state ("Ankara", "the Kremlin").
type Nationality struct {
	Country    string   `json:"country"`            // ISO 3166-1 alpha-2 (or the pack's user-assigned code, see README)
	Adjectives []string `json:"adjectives"`         // "Turkish", "South Korean"
	Singular   []string `json:"singular,omitempty"` // a national: "Turk", "Afghan"
	Plural     []string `json:"plural,omitempty"`   // nationals: "Turks", "Afghans"
	Metonyms   []string `json:"metonyms,omitempty"` // "Ankara", "Kremlin": names standing for the state
	Not        []string `json:"not,omitempty"`      // longer phrases holding a demonym that do not mean the country ("Latin American")
}

// Speaker is a named source: an outlet, a state medium, a rights group, an
// agency or a data provider.
type Speaker struct {
	ID          string           `json:"id"`
	Name        string           `json:"name"`
	Aliases     []string         `json:"aliases,omitempty"`
	Kind        claim.SourceKind `json:"kind"`
	Reliability string           `json:"reliability"` // default Admiralty source letter A–F
	Country     string           `json:"country,omitempty"`
	Note        string           `json:"note,omitempty"` // why the letter, affiliations
	// PartOf is the ID of the body this one belongs to and speaks for
	// (a president's national security council is part of the presidency):
	// fusion counts their statements as one origin.
	PartOf string `json:"part_of,omitempty"`
}

// SpeakerPattern is the head word of an unnamed source ("a senior Iraqi
// security source", "officials"), with the kind of speaker it denotes.
type SpeakerPattern struct {
	Head string           `json:"head"` // "source", "security source", "official" …
	Kind claim.SourceKind `json:"kind"`
}

// Place is a gazetteer entry.
type Place struct {
	ID          string               `json:"id"`
	Name        string               `json:"name"`
	Aliases     []string             `json:"aliases,omitempty"`
	Kind        claim.PlaceKind      `json:"kind"`
	Country     string               `json:"country,omitempty"` // ISO 3166-1 alpha-2
	Admin1      string               `json:"admin1,omitempty"`  // GeoNames admin1 code
	Province    string               `json:"province,omitempty"`
	Lat         float64              `json:"lat"`
	Lon         float64              `json:"lon"`
	Precision   claim.PlacePrecision `json:"precision"`
	Population  int                  `json:"population,omitempty"`
	Counterpart string               `json:"counterpart,omitempty"` // crossings: the other side's name
}

// Airport is an OpenFlights airport.
type Airport struct {
	IATA        string  `json:"iata,omitempty"`
	ICAO        string  `json:"icao,omitempty"`
	Name        string  `json:"name"`
	City        string  `json:"city"`
	Country     string  `json:"country"`                // country name as OpenFlights spells it
	CountryCode string  `json:"country_code,omitempty"` // ISO 3166-1 alpha-2, when known
	Lat         float64 `json:"lat"`
	Lon         float64 `json:"lon"`
	TZ          string  `json:"tz,omitempty"` // IANA time zone, "" when unknown
	UTCOffset   float64 `json:"utc_offset"`   // standard offset in hours
}

// People is an ethnic, religious or regional group (the Kurds, Shia
// Muslims, Europeans). Its adjective qualifies unnamed actors as a demonym
// does ("Kurdish fighters", "Shiite militias", "Western officials"), but it
// is no state and has no forces.
type People struct {
	ID         string   `json:"id"`
	Name       string   `json:"name"`
	Kind       string   `json:"kind"` // ethnic, religious, regional
	Adjectives []string `json:"adjectives,omitempty"`
	Singular   []string `json:"singular,omitempty"`
	Plural     []string `json:"plural,omitempty"`
	Countries  []string `json:"countries,omitempty"` // where they chiefly live, ISO codes
}

// People kinds.
const (
	PeopleEthnic    = "ethnic"
	PeopleReligious = "religious"
	PeopleRegional  = "regional"
)

// MatchKind says which table a Match refers to.
type MatchKind int

// Match kinds.
const (
	ActorMatch MatchKind = iota + 1
	PlaceMatch
	SpeakerMatch
	AirportMatch
	DemonymMatch // ID is the country's ISO code, Others the other countries of an ambiguous form
	PeopleMatch  // an ethnic, religious or regional group's word; ID is the People's ID
)

// DemonymForm says how a demonym is used; a form may be several at once
// ("Iranian" is an adjective and a singular noun).
type DemonymForm uint8

// Demonym forms (bits).
const (
	FormAdjective DemonymForm = 1 << iota // "Turkish troops"
	FormSingular                          // "a Turk"
	FormPlural                            // "Turks"
)

func (k MatchKind) String() string {
	switch k {
	case ActorMatch:
		return "actor"
	case PlaceMatch:
		return "place"
	case SpeakerMatch:
		return "speaker"
	case AirportMatch:
		return "airport"
	case DemonymMatch:
		return "demonym"
	case PeopleMatch:
		return "people"
	}
	return fmt.Sprintf("MatchKind(%d)", int(k))
}

// Match is one mention found by Scan.
type Match struct {
	Start, End int // byte offsets into the scanned text
	Kind       MatchKind
	ID         string // the entry's ID (airports: the IATA or ICAO code)
	Text       string // text[Start:End]
	// Others lists further entries of the same kind sharing the name, best
	// first ("Mehran" the crossing and the town), for callers that disambiguate.
	Others []string
	Form   DemonymForm // DemonymMatch, PeopleMatch: how the form is used (for ID's entry)
}

// Pack is a loaded, immutable set of knowledge packs with its scanner. It is
// safe for concurrent use.
type Pack struct {
	actors   []Actor
	speakers []Speaker
	patterns []SpeakerPattern
	places   []Place
	airports []Airport
	nations  []Nationality
	peoples  []People

	actorByID     map[string]int
	speakerByID   map[string]int
	speakerByName map[string]int // folded name or alias → speaker, the name winning over an alias
	placeByID     map[string]int
	placeByName   map[string][]int // folded name or alias → places, best first
	airportByCode map[string]int
	airportByCity map[string][]int
	countryByISO  map[string]int    // ISO code → the country's place
	nationByISO   map[string]int    // ISO code → nations
	peopleByID    map[string]int    // People ID → peoples
	demonymByName map[string][]int  // folded form → nations, first listed first
	metonymName   map[string]string // folded name, "the" dropped → ISO code
	metonymPlace  map[string]string // place ID of a capital → ISO code
	forces        map[[2]string]int // {ISO code, branch} → the first such actor

	scan *scanner
}

// Load reads the embedded default packs and then each user pack directory in
// turn; an entry whose ID is already known replaces the earlier one.
func Load(extraDirs ...string) (*Pack, error) {
	var l loader
	if err := eachPack(extraDirs, l.loadDir); err != nil {
		return nil, err
	}
	return l.pack()
}

// Actors returns every actor, in pack order.
func (p *Pack) Actors() []Actor { return slices.Clone(p.actors) }

// Actor returns the actor with the given ID.
func (p *Pack) Actor(id string) (Actor, bool) {
	i, ok := p.actorByID[id]
	if !ok {
		return Actor{}, false
	}
	return p.actors[i], true
}

// ActorByName returns the actor whose canonical name or alias folds to the
// same as name.
func (p *Pack) ActorByName(name string) (Actor, bool) {
	f := Fold(name)
	for _, a := range p.actors {
		if Fold(a.Name) == f {
			return a, true
		}
	}
	for _, a := range p.actors {
		for _, al := range a.Aliases {
			if Fold(al) == f {
				return a, true
			}
		}
	}
	return Actor{}, false
}

// Speakers returns every named speaker, in pack order.
func (p *Pack) Speakers() []Speaker { return slices.Clone(p.speakers) }

// Speaker returns the speaker with the given ID.
func (p *Pack) Speaker(id string) (Speaker, bool) {
	i, ok := p.speakerByID[id]
	if !ok {
		return Speaker{}, false
	}
	return p.speakers[i], true
}

// SpeakerByName returns the speaker whose name or alias folds to the same
// as name.
func (p *Pack) SpeakerByName(name string) (Speaker, bool) {
	i, ok := p.speakerByName[Fold(name)]
	if !ok {
		return Speaker{}, false
	}
	return p.speakers[i], true
}

// Voice returns the outermost body that the named speaker is part of,
// following PartOf links; the speaker itself when it is part of none.
func (p *Pack) Voice(sp Speaker) Speaker {
	for range len(p.speakers) { // links are checked acyclic at load; bound anyway
		i, ok := p.speakerByID[sp.PartOf]
		if !ok {
			break
		}
		sp = p.speakers[i]
	}
	return sp
}

// SpeakerPatterns returns the head words of unnamed sources, longest first,
// so that "security source" is tried before "source".
func (p *Pack) SpeakerPatterns() []SpeakerPattern { return slices.Clone(p.patterns) }

// Places returns every place, in pack order.
func (p *Pack) Places() []Place { return slices.Clone(p.places) }

// Place returns the place with the given ID.
func (p *Pack) Place(id string) (Place, bool) {
	i, ok := p.placeByID[id]
	if !ok {
		return Place{}, false
	}
	return p.places[i], true
}

// LookupPlace returns the places whose name or alias folds to the same as
// name, best first: countries, then crossings, then cities of 100,000 or
// more, provinces, regions and borders, and smaller towns last; within a
// rank, larger populations first. When nothing matches exactly it
// retries without a leading Arabic article (Al Kut → Kut).
func (p *Pack) LookupPlace(name string) []Place {
	idx := p.placeByName[Fold(name)]
	if len(idx) == 0 {
		idx = p.placeByName[FoldLoose(name)]
	}
	out := make([]Place, len(idx))
	for i, j := range idx {
		out[i] = p.places[j]
	}
	return out
}

// Airport returns the airport with the given IATA or ICAO code.
func (p *Pack) Airport(code string) (Airport, bool) {
	i, ok := p.airportByCode[strings.ToUpper(strings.TrimSpace(code))]
	if !ok {
		return Airport{}, false
	}
	return p.airports[i], true
}

// AirportCountries returns the ISO countries of the airports with the given
// codes, each once, in order; unknown codes are skipped. A route's
// countries are the calendars that may explain its traffic.
func (p *Pack) AirportCountries(codes ...string) []string {
	var cs []string
	for _, code := range codes {
		if ap, ok := p.Airport(code); ok && ap.CountryCode != "" && !slices.Contains(cs, ap.CountryCode) {
			cs = append(cs, ap.CountryCode)
		}
	}
	return cs
}

// Airports returns every airport.
func (p *Pack) Airports() []Airport { return slices.Clone(p.airports) }

// AirportsByCity returns the airports serving a city (by folded name),
// those with an IATA code first.
func (p *Pack) AirportsByCity(city string) []Airport {
	idx := p.airportByCity[Fold(city)]
	out := make([]Airport, len(idx))
	for i, j := range idx {
		out[i] = p.airports[j]
	}
	return out
}

// majorCity is the population from which a city outranks the province of
// the same name: "Kermanshah" or "Basra" alone usually means the city.
const majorCity = 100000

// placeRank orders places of the same name: the lower the better.
func placeRank(p *Place) int {
	switch p.Kind {
	case claim.KindCountry:
		return 0
	case claim.KindCrossing:
		return 1
	case claim.KindCity:
		if p.Population >= majorCity {
			return 2
		}
		return 5
	case claim.KindProvince:
		return 3
	case claim.KindRegion, claim.KindBorder:
		return 4
	}
	return 6
}

func comparePlaces(a, b *Place) int {
	return cmp.Or(
		cmp.Compare(placeRank(a), placeRank(b)),
		cmp.Compare(b.Population, a.Population),
		cmp.Compare(a.ID, b.ID),
	)
}

// Country returns the country (or territory) with the given ISO 3166-1
// alpha-2 code as a place.
func (p *Pack) Country(iso2 string) (Place, bool) {
	i, ok := p.countryByISO[strings.ToUpper(strings.TrimSpace(iso2))]
	if !ok {
		return Place{}, false
	}
	return p.places[i], true
}

// Nationalities returns every country's demonyms and metonyms, in pack order.
func (p *Pack) Nationalities() []Nationality { return slices.Clone(p.nations) }

// Nationality returns the demonyms and metonyms of the country with the
// given ISO code.
func (p *Pack) Nationality(iso2 string) (Nationality, bool) {
	i, ok := p.nationByISO[strings.ToUpper(strings.TrimSpace(iso2))]
	if !ok {
		return Nationality{}, false
	}
	return p.nations[i], true
}

// Peoples returns every ethnic, religious and regional group, in pack order.
func (p *Pack) Peoples() []People { return slices.Clone(p.peoples) }

// People returns the group with the given ID.
func (p *Pack) People(id string) (People, bool) {
	i, ok := p.peopleByID[id]
	if !ok {
		return People{}, false
	}
	return p.peoples[i], true
}

// LookupDemonym returns the countries whose demonym folds to the same as
// name, the usual reading first ("Congolese": CD, then CG), and how the
// form is used for the first of them.
func (p *Pack) LookupDemonym(name string) ([]string, DemonymForm) {
	f := Fold(name)
	idx := p.demonymByName[f]
	if len(idx) == 0 {
		return nil, 0
	}
	out := make([]string, len(idx))
	for i, j := range idx {
		out[i] = p.nations[j].Country
	}
	return out, demonymForm(&p.nations[idx[0]], f)
}

func demonymForm(n *Nationality, folded string) DemonymForm {
	var form DemonymForm
	for _, l := range forms(n.Adjectives, n.Singular, n.Plural) {
		for _, s := range l.names {
			if Fold(s) == folded {
				form |= l.form
			}
		}
	}
	return form
}

type formList struct {
	names []string
	form  DemonymForm
}

// forms pairs the adjectives and nouns of a demonym or a people with their form.
func forms(adjectives, singular, plural []string) []formList {
	return []formList{{adjectives, FormAdjective}, {singular, FormSingular}, {plural, FormPlural}}
}

// Metonym reports the country whose capital or seat of government name
// stands for ("Ankara", "Moscow", "the Kremlin", "Washington"). name is a
// name as written (a leading "the" is ignored) or a place ID; a place ID
// answers only for the capital itself, so the Lebanese Tripoli does not
// stand for Libya although the name "Tripoli" does.
func (p *Pack) Metonym(name string) (iso string, ok bool) {
	if _, isPlace := p.placeByID[name]; isPlace {
		iso, ok = p.metonymPlace[name]
		return iso, ok
	}
	iso, ok = p.metonymName[metonymKey(name)]
	return iso, ok
}

// metonymKey folds a metonym and drops a leading article.
func metonymKey(name string) string {
	f := Fold(name)
	if rest, ok := strings.CutPrefix(f, "the "); ok {
		return rest
	}
	return f
}

// StateForce returns a country's national force of the given branch (the
// Branch constants): the first such entry in pack order. When the country
// has none, an army, navy, air force, marine corps or special-forces
// request falls back to its armed forces as a whole (BranchMilitary);
// intelligence, police, security, guard and border requests never do.
func (p *Pack) StateForce(iso2, branch string) (Actor, bool) {
	iso := strings.ToUpper(strings.TrimSpace(iso2))
	for b := branch; b != ""; b = branches[b] {
		if i, ok := p.forces[[2]string{iso, b}]; ok {
			return p.actors[i], true
		}
	}
	return Actor{}, false
}
