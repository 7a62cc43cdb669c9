package extract

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/lang"
)

// grammar is a language pack compiled for the extractor: the classes by
// the numbers of classes.go, and the pack's tables read into the types the
// extractor uses.
type grammar struct {
	*lang.Grammar
	code           string
	placeRole      map[string]claim.PlaceRole
	placeRole2     map[[2]string]claim.PlaceRole // two-word prepositions ("out of"), by their words
	placeRole2Last []string                      // their second words: the cheap test before the map
	killUnit       map[string]string
	postMod        map[string]string
	postModAny     map[string]int
	months         map[string]int
	weekdays       map[string]int
	small          map[string]int
	tens           map[string]int
	scale          map[string]float64
	vague          map[string][2]float64
	timeUnit       map[string]int
	weekOrd        map[string]int
	monthPart      map[string]string
	speakerKind    map[string]claim.SourceKind
	pluralHead     map[string]string
	qualifiers     [][]string
	according      phraseList
	dailyRate      phraseList
	coActor        [][]string
	bpPrefix       []string
	bpSub          []string
	plural         []string
	notPlural      []string
	rules          map[string]*lang.Compiled
	forceCtx       map[string]string
	ordinalSuffix  []string

	// Place phrases (phrases.yaml): a list's plural noun, a first stage,
	// words that exclude places, a country's ground, the front line, a
	// visit, the verbs of leaving a place.
	placeList, firstStage, excludePlace, nationalGround, frontLine, visitNoun, leaveVerb phraseList
	// phraseFirst holds, by word, the bits of the phrase lists with a
	// phrase that begins with it (newPhraseList).
	phraseFirst map[string]uint16
	phraseBits  int
	// compassPart gives a compass noun's adjective ("Syria's north":
	// northern Syria).
	compassPart map[string]string
}

// The values of the force_context table.
const (
	ctxNoun    = "noun"    // after a force word, makes it a modifier: "military cargo"
	ctxHome    = "home"    // before a force noun, names its state's home role: "federal"
	ctxDesc    = "desc"    // before a force noun, describes it in the text's words: "alleged"
	ctxTarget  = "target"  // before a force in a movement, makes it the target: "attacking"
	ctxGeneric = "generic" // a force noun that, definite, takes up any armed group: "the fighters"
)

func compileGrammar(p *lang.Pack) (*grammar, error) {
	lg, err := p.Compile(classNames)
	if err != nil {
		return nil, err
	}
	g := &grammar{Grammar: lg, code: p.Code, rules: map[string]*lang.Compiled{}}
	var errs []string
	ints := func(name string) map[string]int {
		out := map[string]int{}
		for k, v := range p.Table(name) {
			n, err := strconv.Atoi(v)
			if err != nil {
				errs = append(errs, fmt.Sprintf("table %s: %s: %q is not a number", name, k, v))
			}
			out[k] = n
		}
		if len(out) == 0 {
			errs = append(errs, "no table "+name)
		}
		return out
	}
	strs := func(name string) map[string]string {
		t := p.Table(name)
		if len(t) == 0 {
			errs = append(errs, "no table "+name)
		}
		return t
	}
	g.placeRole = map[string]claim.PlaceRole{}
	g.placeRole2 = map[[2]string]claim.PlaceRole{}
	for k, v := range strs("place_role") {
		r := claim.PlaceRole(v)
		switch r {
		case claim.RoleOrigin, claim.RoleDestination, claim.RoleVia, claim.RoleLocation:
		default:
			errs = append(errs, fmt.Sprintf("table place_role: %s: unknown role %q", k, v))
		}
		if a, b, two := strings.Cut(k, " "); two {
			g.placeRole2[[2]string{a, b}] = r
			if !slices.Contains(g.placeRole2Last, b) {
				g.placeRole2Last = append(g.placeRole2Last, b)
			}
			continue
		}
		g.placeRole[k] = r
	}
	g.killUnit = strs("kill_unit")
	g.postMod = strs("post_modifier")
	g.forceCtx = strs("force_context")
	for k, v := range g.forceCtx {
		switch v {
		case ctxNoun, ctxHome, ctxDesc, ctxTarget, ctxGeneric:
		default:
			errs = append(errs, fmt.Sprintf("table force_context: %s: unknown value %q", k, v))
		}
	}
	g.postModAny = ints("post_modifier_any")
	g.months = ints("month")
	g.weekdays = ints("weekday")
	g.small = ints("small_number")
	g.tens = ints("tens_number")
	g.timeUnit = ints("time_unit")
	g.weekOrd = ints("week_ordinal")
	g.monthPart = strs("month_part")
	g.scale = map[string]float64{}
	for k, v := range ints("scale_number") {
		g.scale[k] = float64(v)
	}
	g.vague = map[string][2]float64{}
	for k, v := range strs("vague_number") {
		lo, hi, ok := strings.Cut(v, "-")
		a, err1 := strconv.Atoi(lo)
		b, err2 := strconv.Atoi(hi)
		if !ok || err1 != nil || err2 != nil {
			errs = append(errs, fmt.Sprintf("table vague_number: %s: %q is not a range", k, v))
		}
		g.vague[k] = [2]float64{float64(a), float64(b)}
	}
	g.speakerKind = map[string]claim.SourceKind{}
	for k, v := range strs("speaker_kind") {
		g.speakerKind[k] = claim.SourceKind(v)
	}
	g.pluralHead = strs("plural_head")
	g.qualifiers = lg.Phrases("qualifier")
	g.according = g.newPhraseList(lg.Phrases("according"))
	g.dailyRate = g.newPhraseList(lg.Phrases("daily_rate"))
	g.compassPart = strs("compass_part")
	g.placeList = g.newPhraseList(lg.Phrases("place_list"))
	g.firstStage = g.newPhraseList(lg.Phrases("first_stage"))
	g.excludePlace = g.newPhraseList(lg.Phrases("exclude_place"))
	g.nationalGround = g.newPhraseList(lg.Phrases("national_ground"))
	g.frontLine = g.newPhraseList(lg.Phrases("front_line"))
	g.visitNoun = g.newPhraseList(lg.Phrases("visit_noun"))
	g.coActor = lg.Phrases("co_actor")
	g.leaveVerb = g.newPhraseList(lg.Phrases("leave_verb"))
	g.bpPrefix = lg.RawPhrases("boilerplate_prefix")
	g.bpSub = lg.RawPhrases("boilerplate_substring")
	g.plural = lg.RawPhrases("plural_suffix")
	g.notPlural = lg.RawPhrases("not_plural_suffix")
	g.ordinalSuffix = lg.RawPhrases("ordinal_suffix")
	for _, r := range lg.Rules {
		g.rules[r.ID] = r
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("extract: language pack %s: %s", p.Code, strings.Join(errs, "; "))
	}
	return g, nil
}

// wordIs reports whether the lower-case word w has class c.
func (g *grammar) wordIs(w string, c lang.Class) bool { return g.Is(w, c) }

// singular returns a plural noun without its plural ending ("divisions"
// → "division"), or w.
func (g *grammar) singular(w string) string {
	if !g.isPlural(w) {
		return w
	}
	for _, s := range g.plural {
		if strings.HasSuffix(w, s) {
			return strings.TrimSuffix(w, s)
		}
	}
	return w
}

// isPlural reports a word that reads as a plural noun by its ending.
func (g *grammar) isPlural(w string) bool {
	if len(w) <= 3 {
		return false
	}
	for _, s := range g.notPlural {
		if strings.HasSuffix(w, s) {
			return false
		}
	}
	for _, s := range g.plural {
		if strings.HasSuffix(w, s) {
			return true
		}
	}
	return false
}

var (
	grammarsOnce sync.Once
	grammars     map[string]*grammar
	grammarsErr  error
)

// loadGrammars compiles every embedded language pack once.
func loadGrammars() (map[string]*grammar, error) {
	grammarsOnce.Do(func() {
		grammars = map[string]*grammar{}
		// lang.Codes lists nothing when the embedded packs fail to load:
		// the error must surface, not leave the extractor without rules.
		if _, _, err := lang.Load(lang.Default); err != nil {
			grammarsErr = err
			return
		}
		for _, code := range lang.Codes() {
			p, _, err := lang.Load(code)
			if err != nil {
				grammarsErr = err
				return
			}
			g, err := compileGrammar(p)
			if err != nil {
				grammarsErr = err
				return
			}
			grammars[code] = g
		}
	})
	return grammars, grammarsErr
}

// defaultGrammar is the grammar of the default language, for the helpers
// that parse a fragment without a source (ParseNumber, ParseTime).
func defaultGrammar() *grammar {
	gs, err := loadGrammars()
	if err != nil {
		panic(err) // the embedded packs are checked by the tests
	}
	return gs[lang.Default]
}

// grammarFor returns the grammar of a source's language, the default
// language's when the source gives none or one without a pack.
func (x *Extractor) grammarFor(code string) *grammar {
	p, _, err := lang.Load(code)
	if err != nil || p == nil {
		return x.def
	}
	if g, ok := x.langs[p.Code]; ok {
		return g
	}
	return x.def
}
