package fuse

import (
	"slices"
	"strings"
	"sync"
	"unicode"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/knowledge"
)

// Who a claim is about. An event is one happening: who moved where, when.
// Its actors fall into three sorts, told apart by the pack entry they
// resolve to or, for the text's own words, by their head noun:
//
//   - forces (troops, fighters, militias, intelligence services): the
//     subject of a happening, identified by pack id, umbrella, nationality
//     (a demonym or a "from <country>" in their words, never a sponsor's
//     "-backed" or "-aligned") and, for descriptions naming more than a
//     generic noun, their words;
//   - parties (states, governments, officials, named people): they send,
//     host, deny or confirm, and tie claims together only where the same
//     place is named;
//   - anything else (airlines, the dead, "two brothers").
//
// A claim's theatre is where its happening takes place: the countries of
// its destinations, else of its locations.

// actorSort is what an actor is to a happening.
type actorSort int

const (
	sortOther actorSort = iota
	sortForce
	sortParty
)

// Sides of a country's forces: its state's own and the armed groups
// against or apart from it share a country, not a side.
const (
	sideState = "state"
	sideRebel = "rebel"
)

// Force classes: irregulars and regulars. A force the text only describes
// ("mercenaries", "the troops") is known by its class alone.
const (
	classIrregular = "irregular"
	classRegular   = "regular"
)

var (
	irregularNouns = words("fighter fighters militant militants mercenary mercenaries jihadist jihadists proxy proxies " +
		"rebel rebels combatant combatants militia militias militiaman militiamen paramilitary paramilitaries volunteer volunteers " +
		"recruit recruits insurgent insurgents guerrilla guerrillas faction factions group groups brigade brigades men man " +
		"commander commanders operative operatives gunmen gunman")
	regularNouns = words("troop troops soldier soldiers army armies force forces military personnel unit units division divisions " +
		"battalion battalions regiment instructor instructors trainer trainers adviser advisers advisor advisors officer officers " +
		"guard guards commando commandos marines navy corps members member intelligence service services support")
	partyNouns = words("government governments ministry ministries authorities authority official officials president premier " +
		"minister ministers leader leaders spokesman spokeswoman spokesperson embassy parliament cabinet administration " +
		"department state states office presidency regime kremlin council")
	// Words after which a noun phrase's modifiers follow ("fighters from
	// Syria", "members of a branch"): the head noun comes before them.
	postModifiers = words("from of in at on to who which that with operating loyal living based belonging linked near " +
		"drawn sent being bearing bear")
	// Compounds naming a sponsor or ally, not a nationality: "Turkish-backed".
	sponsorSuffixes = []string{"backed", "allied", "aligned", "controlled", "led", "sponsored", "supported", "trained", "funded", "built", "made", "held"}
)

func words(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// lexicon is what fusion reads from a knowledge pack: country names and
// aliases, demonyms, capitals standing for states, and the pack's actors.
type lexicon struct {
	pack      *knowledge.Pack
	countries map[string]string // folded country name or alias → ISO code
}

var (
	defaultPack = sync.OnceValue(func() *knowledge.Pack {
		p, err := knowledge.Load()
		if err != nil {
			return nil // the embedded packs do not load: fusion does without
		}
		return p
	})
	lexicons sync.Map // *knowledge.Pack → *lexicon
)

func lexiconOf(p *knowledge.Pack) *lexicon {
	if p == nil {
		return &lexicon{countries: map[string]string{}}
	}
	if l, ok := lexicons.Load(p); ok {
		return l.(*lexicon)
	}
	l := &lexicon{pack: p, countries: map[string]string{}}
	for _, pl := range p.Places() {
		if pl.Kind != claim.KindCountry || pl.Country == "" {
			continue
		}
		for _, n := range append([]string{pl.Name}, pl.Aliases...) {
			if k := fold(n); k != "" {
				if _, dup := l.countries[k]; !dup {
					l.countries[k] = pl.Country
				}
			}
		}
	}
	v, _ := lexicons.LoadOrStore(p, l)
	return v.(*lexicon)
}

// country returns the country a folded word or phrase names as a country.
func (l *lexicon) country(w string) string {
	if cc, ok := l.countries[w]; ok {
		return cc
	}
	return ""
}

// demonym returns the country a folded word is the demonym of: the pack's
// demonyms first, then the English suffixes that make a demonym of a
// country's name (Syria → Syrian, Iran → Iranian, Iraq → Iraqi, Ukraine →
// Ukrainian, Somalia → Somali, Sudan → Sudanese), accepted only when they
// give a country the pack knows.
func (l *lexicon) demonym(w string) string {
	if l.pack != nil {
		if isos, _ := l.pack.LookupDemonym(w); len(isos) == 1 {
			return isos[0]
		}
	}
	if len(w) < 4 {
		return ""
	}
	cands := []string{w + "a"}
	for _, suf := range []string{"ian", "an", "n", "i", "ese"} {
		if stem, ok := strings.CutSuffix(w, suf); ok && len(stem) >= 3 {
			cands = append(cands, stem, stem+"a", stem+"e")
		}
	}
	for _, c := range cands {
		if cc := l.country(c); cc != "" {
			return cc
		}
	}
	return ""
}

// nationOf returns the country a folded word stands for: a country's name
// or its demonym.
func (l *lexicon) nationOf(w string) string {
	if cc := l.country(w); cc != "" {
		return cc
	}
	return l.demonym(w)
}

// placeCountry is the country a place lies in: as resolved, else the
// gazetteer's, else a country its name contains ("northern Syria",
// "territories of Ukraine": the last one named). Borders lie in none.
func (l *lexicon) placeCountry(p claim.Place) string {
	if p.Country != "" {
		return strings.ToUpper(p.Country)
	}
	if p.Kind == claim.KindBorder {
		return ""
	}
	if p.Kind == claim.KindCountry {
		if cc := l.country(fold(p.Name)); cc != "" {
			return cc
		}
	}
	if l.pack != nil {
		if ps := l.pack.LookupPlace(p.Name); len(ps) > 0 && ps[0].Country != "" {
			return ps[0].Country
		}
	}
	ws := strings.Fields(fold(p.Name))
	for i := len(ws) - 1; i >= 0; i-- {
		if cc := l.country(ws[i]); cc != "" {
			return cc
		}
		if i > 0 {
			if cc := l.country(ws[i-1] + " " + ws[i]); cc != "" {
				return cc
			}
		}
	}
	return ""
}

// actorInfo is an actor reduced to what grouping needs.
type actorInfo struct {
	sort    actorSort
	class   string   // force class, "" when not a force
	nation  string   // ISO code of a force's or party's country, "" when unknown
	keys    []string // identity keys: "p:" pack id, "n:" folded name or umbrella
	strong  []string // the keys among them the pack vouches for
	display string
	// side is "state" for a state's forces, "rebel" for an armed group the
	// pack knows as non-state, "" when the pack does not say (militias,
	// private companies, forces known only from the text's words).
	side string
}

// strongKeys are the keys that tell two forces apart for certain: pack
// ids, the pack's names and umbrellas, nationalities.
func (a actorInfo) strongKeys() []string {
	out := slices.Clone(a.strong)
	for _, k := range a.keys {
		if strings.HasPrefix(k, "p:") {
			out = append(out, k)
		}
	}
	if a.nation != "" {
		out = append(out, "c:"+a.nation)
	}
	return out
}

// analyse sorts an actor and finds what identifies it.
func (l *lexicon) analyse(a claim.Actor) actorInfo {
	info := actorInfo{display: a.Name}
	name := fold(a.Name)
	if a.PackID != "" {
		info.keys = append(info.keys, "p:"+a.PackID)
	}
	if aff := fold(a.Affiliation); aff != "" {
		info.keys = append(info.keys, "n:"+aff)
		info.strong = append(info.strong, "n:"+aff)
	}
	if a.PackID != "" && l.pack != nil {
		if pa, ok := l.pack.Actor(a.PackID); ok {
			switch pa.Kind {
			case knowledge.KindMilitia, knowledge.KindStateForce, knowledge.KindIntelligence, knowledge.KindArmedGroup, knowledge.KindPMC:
				info.sort, info.class = sortForce, classRegular
				if pa.Kind == knowledge.KindMilitia || pa.Kind == knowledge.KindArmedGroup || pa.Kind == knowledge.KindPMC {
					info.class = classIrregular
				}
				switch pa.Kind {
				case knowledge.KindStateForce, knowledge.KindIntelligence:
					info.side = sideState
				case knowledge.KindArmedGroup:
					info.side = sideRebel
				}
			case knowledge.KindGovernment, knowledge.KindInterGov:
				info.sort = sortParty
			default:
				return info
			}
			info.nation = strings.ToUpper(pa.Country)
			info.keys = append(info.keys, "n:"+fold(pa.Name))
			info.strong = append(info.strong, "n:"+fold(pa.Name))
			if name != "" && name != fold(pa.Name) {
				info.keys = append(info.keys, "n:"+name)
			}
			return info
		}
	}
	if name == "" {
		return info
	}
	// A state named by its country or capital.
	if cc := l.country(name); cc != "" {
		info.sort, info.nation = sortParty, cc
		info.keys = append(info.keys, "c:"+cc)
		return info
	}
	if l.pack != nil {
		if cc, ok := l.pack.Metonym(a.Name); ok {
			info.sort, info.nation = sortParty, strings.ToUpper(cc)
			info.keys = append(info.keys, "c:"+info.nation)
			return info
		}
	}
	if a.Affiliation != "" {
		info.sort, info.class = sortForce, classIrregular // a member of an umbrella the pack knows
		info.keys = append(info.keys, "n:"+name)
		return info
	}
	// The head noun decides; modifiers after it ("from Syria") may name the
	// force's country.
	ws := strings.Fields(strings.ReplaceAll(a.Name, "-", " - "))
	var pre, post []string
	capital := false // a capital before the modifiers: a proper name
	for i, raw := range ws {
		if raw == "-" {
			pre = append(pre, "-")
			continue
		}
		w := fold(raw)
		if postModifiers[w] && i > 0 && ws[i-1] != "-" {
			post = ws[i:]
			break
		}
		if w != "" {
			pre = append(pre, w)
			capital = capital || hasCapital(raw)
		}
	}
	for _, w := range pre {
		switch {
		case irregularNouns[w] && info.class == "":
			info.sort, info.class = sortForce, classIrregular
		case regularNouns[w] && info.class == "":
			info.sort, info.class = sortForce, classRegular
		}
	}
	if info.sort != sortForce && len(pre) == 1 && strings.HasSuffix(pre[0], "s") && l.demonym(strings.TrimSuffix(pre[0], "s")) != "" {
		info.sort, info.class = sortForce, classIrregular // "Syrians" sent somewhere
	}
	if info.sort != sortForce {
		for _, w := range pre {
			if partyNouns[w] {
				info.sort = sortParty
			}
		}
	}
	if info.sort == sortOther && capital && !strings.ContainsAny(a.Name, "0123456789") {
		info.sort = sortParty // a person or body named by its proper name
	}
	info.nation = l.nationality(pre, post)
	generic := true
	for i, w := range pre {
		if w == "-" || irregularNouns[w] || regularNouns[w] || genericWords[w] || sponsorWord(pre, i) {
			continue
		}
		generic = false
	}
	if !generic {
		info.keys = append(info.keys, "n:"+name)
	}
	if info.sort == sortParty && info.nation != "" {
		info.keys = append(info.keys, "c:"+info.nation)
	}
	return info
}

// genericWords qualify a force without identifying it.
var genericWords = words("a an the some several many other another armed foreign alleged such these those their its " +
	"his her two three four five hundreds thousands dozens of new additional more local regional federal")

// sponsorWord reports the words of a sponsor compound ("Turkish-backed",
// "pro-Turkish"): they name who backs a force, not the force.
func sponsorWord(pre []string, i int) bool {
	w := pre[i]
	switch {
	case slices.Contains(sponsorSuffixes, w) && i >= 2 && pre[i-1] == "-":
		return true
	case i+2 < len(pre) && pre[i+1] == "-" && slices.Contains(sponsorSuffixes, pre[i+2]):
		return true
	case w == "pro" && i+1 < len(pre) && pre[i+1] == "-":
		return true
	case i >= 2 && pre[i-1] == "-" && pre[i-2] == "pro":
		return true
	}
	return false
}

// nationality finds the country a force's words name: a demonym before the
// head (not a sponsor's "-backed"), else a country after "from".
func (l *lexicon) nationality(pre, post []string) string {
	for i, w := range pre {
		if w == "-" {
			continue
		}
		if sponsorWord(pre, i) || i > 0 && pre[i-1] == "-" {
			continue // "Turkish-backed", "Iran-aligned", "pro-Turkish"
		}
		if cc := l.nationOf(w); cc != "" {
			return cc
		}
		if base, ok := strings.CutSuffix(w, "s"); ok && len(pre) == 1 {
			if cc := l.demonym(base); cc != "" {
				return cc
			}
		}
	}
	if len(post) > 1 && fold(post[0]) == "from" {
		rest := strings.Fields(fold(strings.Join(post[1:], " ")))
		for i := len(rest) - 1; i >= 0; i-- {
			if cc := l.country(rest[i]); cc != "" {
				return cc
			}
		}
	}
	return ""
}

// newFeat reduces a claim to its grouping fields (context.go adds its
// place in its text).
func newFeat(c *claim.Claim, order int, lex *lexicon) *feat {
	f := &feat{c: c, order: order, family: Family(c.Action), stance: StanceOf(c), when: intervalOf(c.Time),
		subjects: map[string]string{}, strong: map[string]bool{}, proper: map[string]bool{}, classes: map[string]bool{},
		parties: map[string]string{}, others: map[string]bool{}, sides: map[string]string{}, theatre: map[string]bool{}, adj: -1, target: -1,
		nActors: len(c.Actors)}
	for _, p := range c.Places {
		if k := fold(p.Name); k != "" {
			f.places = append(f.places, pfeat{name: p.Name, fold: k, role: p.Role, kind: p.Kind, country: lex.placeCountry(p)})
		}
	}
	for _, role := range []claim.PlaceRole{claim.RoleDestination, claim.RoleLocation} {
		for _, p := range f.places {
			if p.role == role && p.country != "" {
				f.theatre[p.country] = true
			}
		}
		if len(f.theatre) > 0 {
			break
		}
	}
	var forces []actorInfo
	for _, a := range c.Actors {
		info := lex.analyse(a)
		switch info.sort {
		case sortForce:
			forces = append(forces, info)
		case sortParty:
			for _, k := range info.keys {
				f.parties[k] = info.display
			}
		}
	}
	// The subject: the forces known for certain, and of those the foreign
	// ones where the claim also names forces of the theatre's own country
	// (Eritrean troops beside Ethiopia's army in Tigray); else every force.
	// When the only known forces are the theatre's own and the claim also
	// names forces it cannot identify, outside a fight those are its
	// subject: men in the uniform of a country's border guards, fighters
	// under its army's command. In a fight both are sides ("the army and
	// rebels"), and the known one stays the subject.
	var strong, foreign, unknown []actorInfo
	for _, a := range forces {
		if len(a.strongKeys()) > 0 {
			strong = append(strong, a)
			if a.nation == "" || !f.theatre[a.nation] {
				foreign = append(foreign, a)
			}
		} else {
			unknown = append(unknown, a)
		}
	}
	subjects := forces
	switch {
	case len(foreign) > 0 && len(foreign) < len(strong):
		subjects = foreign
	case len(strong) > 0 && len(foreign) == 0 && len(unknown) > 0 && f.family != FamilyViolence:
		subjects = unknown
	case len(strong) > 0:
		subjects = strong
	}
	f.generic = len(forces) > 0
	for _, a := range subjects {
		f.classes[a.class] = true // the kind of forces the claim is about, not of every force it names
		for _, k := range a.keys {
			f.subjects[k] = a.display
			if k[0] == 'n' && properName(a.display) {
				f.proper[k] = true
			}
		}
		if a.nation != "" {
			k := "c:" + a.nation
			f.subjects[k] = a.display
			if prev, seen := f.sides[k]; !seen || prev == a.side {
				f.sides[k] = a.side
			} else {
				f.sides[k] = "" // both sides of one country: either may be the one
			}
		}
		for _, k := range a.strongKeys() {
			f.strong[k] = true
		}
		if len(a.keys) > 0 || a.nation != "" {
			f.generic = false
		}
	}
	for _, a := range forces {
		for _, k := range a.keys {
			if _, ok := f.subjects[k]; !ok {
				f.others[k] = true
			}
		}
	}
	f.subjKeys, f.partyKeys = sortedKeys(f.subjects), sortedKeys(f.parties)
	f.fine, f.towns, f.dests, f.ctry = fineNames(f.places), towns(f.places), destCountries(f.places), countries(f.places)
	f.lists = listsOf(f)
	return f
}

// properName reports a name written as a proper name: its words other than
// small ones capitalised ("Tigray People's Liberation Front", not "Syrian
// rebel fighters").
func properName(s string) bool {
	n := 0
	for _, w := range strings.Fields(s) {
		r := []rune(w)
		if len(r) == 0 || len(w) <= 3 && unicode.IsLower(r[0]) {
			continue // of, the, al
		}
		if !unicode.IsUpper(r[0]) && !unicode.IsDigit(r[0]) {
			return false
		}
		n++
	}
	return n > 0
}
