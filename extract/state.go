package extract

import (
	"strings"
	"time"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/knowledge"
)

// state is what the extractor remembers while reading one document: the
// speakers introduced so far (for "the source", "the assessment"), the
// attribution that the current paragraph continues, the actors and
// destinations of recent claims (for "these forces"), and the countries
// mentioned (for "the country" and for claims that happen "in" the
// document's country without naming it).
type state struct {
	paraOut int // index in the output of the paragraph's first claim
	pub     time.Time
	outlet  claim.Attribution
	wire    claim.Attribution // the agency of a dateline, "(Reuters) -"
	// wireRule is the grammar step that read the wire, when one records it.
	wireRule string
	// relay is the outlet the article's first claim came through ("…, a
	// State Department spokesperson told Reuters", "A CNN report, citing
	// …"): a rewrite of one outlet's report carries it on every claim
	// that names no outlet of its own. leadSeen is set after that claim.
	relay    claim.Attribution
	leadSeen bool

	speakers []speakerEnt

	paraChain []claim.Attribution // the account the current paragraph continues
	// quoteChain is the speaker of a paragraph that ended "X said:"; the
	// paragraphs after it, until one names its own speaker, are the quote.
	quoteChain    []claim.Attribution
	quoteParas    int // paragraphs the quote may still run over
	prevParaChain []claim.Attribution
	paraClaims    int

	actors   []actorEnt    // actors of recent claims, newest last
	figUnit  string        // unit of the latest claim's last figure
	lastDest []claim.Place // destinations of the latest deploy claim
	// headDest is where a headline sends forces ("… troop incursion into
	// Tigray"): what a denial before any claim of the body denies.
	headDest []claim.Place
	// conflict is the place of the text's war ("the conflict in Tigray",
	// "fighting over Nagorno-Karabakh"), the first the text names: where
	// a killing or a clash that names no place happened.
	conflict claim.Place
	// lastRegion is the region or province the text named last, what "the
	// region" means.
	lastRegion claim.Place

	// Scratch buffers reused from sentence to sentence.
	segs    []seg
	atts    []attrib
	hits    []hit
	chains  [][]claim.Attribution
	pend    []*pending
	pendBuf []pending // what pend points into (state.newPending)
	matches []ruleMatch

	folds       map[string]string
	countries   map[string]int // place ID → mentions
	countryInfo map[string]claim.Place
	lastCountry string

	// described holds the speakers introduced by an indefinite role and no
	// name ("A spokesman for the AK Party"); prevParaOut is where the
	// previous paragraph's claims begin in the output.
	described   map[string]bool
	prevParaOut int
}

// speakerEnt is a speaker introduced in the document.
type speakerEnt struct {
	words []string // folded content words of the phrase (no determiners)
	head  string   // last word: source, sources, official, assessment
	chain []claim.Attribution
	last  string // a named person's surname
	// person: one person ("a senior PMF commander", or a named one), whom
	// a later "he" or "she" may mean.
	person bool
	// role: the title words a named person was introduced with
	// ("foreign minister" of "Eritrea's Foreign Minister Osman Saleh"),
	// which a later "its foreign minister" takes up.
	role []string
}

// actorEnt is an actor of an earlier claim with the noun it was mentioned with.
type actorEnt struct {
	actor      claim.Actor
	head       string // fighters, forces, militias … ("" when unknown)
	fromDeploy bool
}

func newState(src *claim.Source) *state {
	st := &state{pub: src.Published, countries: map[string]int{}, countryInfo: map[string]claim.Place{}, folds: map[string]string{}}
	if src.Outlet != "" {
		st.outlet = claim.Attribution{Who: src.Outlet, Kind: claim.SpeakerOutlet}
	}
	return st
}

// fold folds a speaker's name, remembering the answers: the same few
// names recur in every claim of a document.
func (st *state) fold(s string) string {
	if f, ok := st.folds[s]; ok {
		return f
	}
	if len(st.folds) > 1024 {
		clear(st.folds)
	}
	f := fold(s)
	st.folds[s] = f
	return f
}

func (st *state) startParagraph() {
	if st.paraChain != nil {
		st.prevParaChain = st.paraChain
	}
	st.paraChain = nil
	st.paraClaims = 0
}

// findSpeaker resolves a definite description ("the sources", "The Iraqi
// security source") to the latest speaker with the same head word whose
// words include the description's.
// plurals maps a singular speaker head to the plural a group of speakers
// is named with (the language pack's speaker_plural table).
func (st *state) findSpeaker(words []string, head string, plurals map[string]string) (speakerEnt, bool) {
	for k := len(st.speakers) - 1; k >= 0; k-- {
		s := st.speakers[k]
		if s.head != head {
			continue
		}
		ok := true
		for _, w := range words {
			if !containsWord(s.words, w) {
				ok = false
				break
			}
		}
		if ok {
			return s, true
		}
	}
	// "the person said" after "three people with knowledge of the matter":
	// one of a group the text named.
	if plural, ok := plurals[head]; ok {
		for k := len(st.speakers) - 1; k >= 0; k-- {
			if containsWord(st.speakers[k].words, plural) {
				return st.speakers[k], true
			}
		}
	}
	return speakerEnt{}, false
}

// lastGroup returns the last unnamed speaker who is not one person
// ("two Syrian rebels", "residents"), whom "both men" or "the other
// fighter" take up.
func (st *state) lastGroup() (speakerEnt, bool) {
	for k := len(st.speakers) - 1; k >= 0; k-- {
		s := st.speakers[k]
		if s.last == "" && !s.person && len(s.chain) > 0 && s.chain[0].Kind != claim.SpeakerOutlet && s.chain[0].Kind != claim.SpeakerOfficial {
			return s, true
		}
	}
	return speakerEnt{}, false
}

// lastGroupCounted is lastGroup among the groups named with the count
// word n ("two Syrian rebels" for "the two men"): a counted anaphor takes up
// the group of its number, not other speakers quoted since ("other rebels").
func (st *state) lastGroupCounted(n string) (speakerEnt, bool) {
	for k := len(st.speakers) - 1; k >= 0; k-- {
		s := st.speakers[k]
		if s.last == "" && !s.person && len(s.chain) > 0 && s.chain[0].Kind != claim.SpeakerOutlet && s.chain[0].Kind != claim.SpeakerOfficial {
			if ws := strings.Fields(strings.ToLower(s.chain[0].Who)); len(ws) > 0 && ws[0] == n {
				return s, true
			}
		}
	}
	return st.lastGroup()
}

// findPerson returns the last named person called by name: the surname,
// or the first name the text may use alone ("Abiy" for Abiy Ahmed).
func (st *state) findPerson(name string) (speakerEnt, bool) {
	for k := len(st.speakers) - 1; k >= 0; k-- {
		if st.speakers[k].last != "" && st.speakers[k].last == name {
			return st.speakers[k], true
		}
	}
	first := strings.ToLower(name)
	for k := len(st.speakers) - 1; k >= 0; k-- {
		if s := st.speakers[k]; s.last != "" && len(s.words) > 1 && s.words[0] == first {
			return s, true
		}
	}
	return speakerEnt{}, false
}

// findByRole returns the latest named person introduced with a title
// that holds every title word of a description ("its foreign minister",
// "the spokesman") and ends in the same head: the description is that
// person, named where the text introduced them.
func (st *state) findByRole(words []string) (speakerEnt, bool) {
	if len(words) == 0 {
		return speakerEnt{}, false
	}
	head := words[len(words)-1]
	for k := len(st.speakers) - 1; k >= 0; k-- {
		s := st.speakers[k]
		if s.last == "" || len(s.role) == 0 || s.role[len(s.role)-1] != head {
			continue
		}
		ok := true
		for _, w := range words {
			if !containsWord(s.role, w) {
				ok = false
				break
			}
		}
		if ok {
			return s, true
		}
	}
	return speakerEnt{}, false
}

func containsWord(ws []string, w string) bool {
	for _, x := range ws {
		if x == w {
			return true
		}
	}
	return false
}

// noteCountry counts a mention of a country.
func (st *state) noteCountry(p claim.Place) {
	st.countries[p.PackID]++
	if _, ok := st.countryInfo[p.PackID]; !ok {
		st.countryInfo[p.PackID] = p
	}
	st.lastCountry = p.PackID
}

// focusCountry is the country the document mentions most (ties: first seen).
func (st *state) focusCountry() (claim.Place, bool) {
	best, n := "", 0
	for id, c := range st.countries {
		if c > n || c == n && id < best {
			best, n = id, c
		}
	}
	if best == "" {
		return claim.Place{}, false
	}
	return st.countryInfo[best], true
}

// observe records what a sentence mentions, so that later claims can
// resolve "the country" and "the region" and place what they leave
// unplaced: the countries named, the last region, and the place of the
// text's war.
func (x *Extractor) observe(d *doc, st *state, a, b int) {
	x.observeSubject(d, st, a, b)
	for i := a; i < b; i++ {
		if st.conflict.Name == "" && d.is(i, cConflictNoun) {
			st.conflict = x.conflictPlace(d, st, i, a, b)
		}
		m, ok := d.mentionAt(i)
		if !ok || m.ti != i || m.kind != knowledge.PlaceMatch || m.compound || d.toks[m.tj-1].poss {
			continue
		}
		if p, ok := x.placeOf(d, m); ok {
			switch p.Kind {
			case claim.KindCountry:
				st.noteCountry(p)
			case claim.KindRegion, claim.KindProvince:
				st.lastRegion = p
			}
		}
	}
}

// observeSubject records a person with a title who opens a sentence
// ("French President Emmanuel Macron on Friday demanded …", "Major
// General Belay Seyoum, the head of …, went against those denials") as
// the one a later "he" or "she" may mean, though the sentence did not
// give him as a speaker: "He alleged that …" in the next is his.
func (x *Extractor) observeSubject(d *doc, st *state, a, b int) {
	for j := a + 2; j < b && j <= a+6; j++ {
		if d.toks[j].kind == tWord && d.toks[j].cap {
			continue
		}
		name, ns, ok := personRun(d, a, j)
		if !ok || ns <= a || !d.is(ns-1, cTitle) || !strings.Contains(name, " ") {
			return
		}
		if n := len(st.speakers); n > 0 && st.speakers[n-1].last == lastField(name) {
			return // given as a speaker already
		}
		who := claim.Attribution{Who: name, Kind: d.roleKind(a, ns), Span: d.span(ns, j)}
		st.speakers = append(st.speakers, speakerEnt{words: strings.Fields(strings.ToLower(name)), head: lastField(strings.ToLower(name)),
			last: lastField(name), chain: []claim.Attribution{who}, person: true})
		return
	}
}

// observeHeadline records where a headline sends forces.
func (x *Extractor) observeHeadline(d *doc, st *state, a, b int) {
	if len(st.headDest) > 0 {
		return
	}
	for _, p := range x.placesIn(d, st, a, b, claim.ActionDeploy, nil) {
		if p.Role == claim.RoleDestination {
			p.Span = claim.Span{}
			st.headDest = append(st.headDest, p)
		}
	}
}

// conflictPlace reads the place of a war named at i: "the conflict in
// Tigray", "fighting erupted in Tigray", "fighting over the disputed
// Nagorno-Karabakh region", "the Tigray conflict".
func (x *Extractor) conflictPlace(d *doc, st *state, i, a, b int) claim.Place {
	if m, ok := d.mentionAt(i - 1); ok && i > a && m.tj == i && m.kind == knowledge.PlaceMatch && !m.compound {
		if p, ok := x.placeOf(d, m); ok {
			p.Role, p.Span = claim.RoleLocation, claim.Span{}
			return p
		}
	}
	for j := i + 1; j < b && j <= i+3; j++ {
		if d.is(j, cConflictPrep) {
			for _, p := range x.placesIn(d, st, j, min(b, j+7), claim.ActionClash, nil) {
				p.Role, p.Span = claim.RoleLocation, claim.Span{}
				return p
			}
			return claim.Place{}
		}
		if d.toks[j].kind != tWord || d.is(j, cClauseBreak) {
			break
		}
	}
	return claim.Place{}
}

// theatre is where the text's events happen when a claim does not say:
// the place of its war, else the country it names most, else where its
// forces were last sent.
func (st *state) theatre(war bool) (claim.Place, bool) {
	if st.conflict.Name != "" {
		return st.conflict, true
	}
	if war {
		return claim.Place{}, false
	}
	if p, ok := st.focusCountry(); ok {
		return p, true
	}
	if len(st.lastDest) > 0 {
		p := st.lastDest[0]
		p.Span = claim.Span{}
		return p, true
	}
	return claim.Place{}, false
}

// actorWithHead returns the latest actor mentioned with head noun head.
func (st *state) actorWithHead(head string) (claim.Actor, bool) {
	for k := len(st.actors) - 1; k >= 0; k-- {
		a := st.actors[k]
		if a.head == head || strings.HasSuffix(strings.ToLower(a.actor.Name), " "+head) {
			return a.actor, true
		}
	}
	return claim.Actor{}, false
}

// recentActors returns the actors to inherit for an anaphoric subject with
// head noun head ("the fighters"): the latest actor mentioned with that
// noun, else the actors of the latest deploy-like claim.
func (st *state) recentActors(head string) []claim.Actor {
	if head != "" {
		if a, ok := st.actorWithHead(head); ok {
			return []claim.Actor{a}
		}
	}
	// The most frequent actor of deploy-like claims, ties to the latest.
	best, n := -1, 0
	for k, a := range st.actors {
		if !a.fromDeploy {
			continue
		}
		c := 0
		for _, b := range st.actors[:k+1] {
			if b.fromDeploy && b.actor.Name == a.actor.Name {
				c++
			}
		}
		if c >= n {
			best, n = k, c
		}
	}
	if best < 0 {
		return nil
	}
	return []claim.Actor{st.actors[best].actor}
}
