package fuse

import (
	"cmp"
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/triangulate/triangulate/claim"
)

// mention is one speaker of one claim: a leading link of its attribution
// chain, before the first outlet or platform that relays it.
type mention struct {
	claimID string
	who     string
	kind    claim.SourceKind
	relays  []string // the chain's later links, first to last
	carrier string   // folded first relay, else the publishing outlet
	unnamed bool     // identified only through its carrier (anonymous, "a source", "an official")
	desc    []string // descriptive words of an unnamed speaker ("iraqi security")
	count   int      // speakers the words stand for ("two Iraqi sources" → 2)
	another bool     // "another source": a speaker distinct from one already quoted
	cites   []string // what the speaker cites ("intelligence reports"), first to last
	self    string   // the speaker as its own words name it ("" for an undescribed "source")
	voice   string   // the body a named spokesperson speaks for, as the text names it
	key     string   // origin key, set once groups are formed
	said    string   // the speaker as the attribution writes it
}

// group is the origin that several mentions resolve to.
type group struct {
	key   string
	who   string
	kind  claim.SourceKind
	desc  []string
	quals map[string]bool
}

// origins resolves every claim's speakers to origin keys, across all claims,
// so that a key means the same thing in every event.
type origins struct {
	byClaim map[string][]*mention
	groups  map[string]*group
	source  func(*claim.Claim) *claim.Source
	// copies maps a source that copies an earlier one to what it copies
	// (copy.go): its own voice is the original's.
	copies map[string]copyOf
}

// Words that count or introduce speakers rather than describe them.
var (
	numberWords = map[string]int{"a": 1, "an": 1, "one": 1, "another": 1, "two": 2, "three": 3, "four": 4,
		"five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "several": 2, "some": 2, "multiple": 2}
	fillerWords = map[string]bool{"the": true, "other": true, "second": true, "third": true, "source": true,
		"sources": true, "including": true, "who": true, "spoke": true, "speaking": true, "on": true, "condition": true,
		"of": true, "anonymity": true, "person": true, "people": true, "persons": true, "familiar": true,
		"with": true, "matter": true, "and": true}
)

// isRelay reports links that pass words on rather than speak them.
func isRelay(k claim.SourceKind) bool { return k == claim.SpeakerOutlet || k == claim.SpeakerSocial }

// sectorWords qualify an unnamed speaker's side: a security source is not
// a diplomatic one.
var sectorWords = words("military security intelligence diplomatic diplomat diplomats government police medical " +
	"rights humanitarian opposition judicial parliamentary western european arab gulf african asian regional local " +
	"defence defense foreign ministry")

// qualifiers are the words of an unnamed speaker's description that place
// it: nationalities and sectors.
func qualifiers(lex *lexicon, desc []string) map[string]bool {
	out := map[string]bool{}
	for _, w := range desc {
		if sectorWords[w] {
			out[w] = true
		} else if cc := lex.nationOf(w); cc != "" {
			out["c:"+cc] = true
		}
	}
	return out
}

func containsAll(a, b map[string]bool) bool {
	for k := range b {
		if !a[k] {
			return false
		}
	}
	return true
}

func newOrigins(cs []*claim.Claim, source func(*claim.Claim) *claim.Source, copies map[string]copyOf, lex *lexicon) *origins {
	o := &origins{byClaim: map[string][]*mention{}, groups: map[string]*group{}, source: source, copies: copies}
	byCarrier := map[string][]*mention{}
	var named []*mention
	for _, c := range cs {
		for _, m := range o.mentions(c) {
			o.byClaim[c.ID] = append(o.byClaim[c.ID], m)
			if m.unnamed {
				// Data never merges with people: "available data" is not "a source".
				class := "people"
				if m.kind == claim.SpeakerData {
					class = "data"
				}
				byCarrier[m.carrier+"\x00"+class] = append(byCarrier[m.carrier+"\x00"+class], m)
			} else {
				named = append(named, m)
			}
		}
	}
	o.nameKeys(named, lex)
	// Unnamed speakers at one carrier are one origin when their descriptions
	// are compatible: one's words contain the other's, or, for speakers of
	// one kind, nothing in their words sets them apart (no different
	// nationality or sector: "two Syrian rebels", "a fighter from Jaish
	// al-Nukhba" and "their brigade commanders" at one relay cannot be told
	// apart from outside, so they count once). An undescribed one ("one
	// source") joins the carrier's first group rather than add a count.
	for _, carrier := range sortedKeys(byCarrier) {
		ms := byCarrier[carrier]
		sort.SliceStable(ms, func(i, j int) bool {
			a, b := ms[i], ms[j]
			if len(a.desc) != len(b.desc) {
				return len(a.desc) > len(b.desc)
			}
			if x, y := strings.Join(a.desc, " "), strings.Join(b.desc, " "); x != y {
				return x < y
			}
			return a.claimID < b.claimID
		})
		var gs []*group
		for _, m := range ms {
			var g *group
			mq := qualifiers(lex, m.desc)
			for _, h := range gs {
				if len(m.desc) == 0 || subset(m.desc, h.desc) || subset(h.desc, m.desc) ||
					m.kind == h.kind && (containsAll(mq, h.quals) || containsAll(h.quals, mq)) {
					g = h
					break
				}
			}
			if g == nil {
				g = &group{key: "unnamed:" + m.carrier + "/" + strings.Join(m.desc, " "), who: m.who, kind: m.kind, desc: m.desc, quals: map[string]bool{}}
				gs = append(gs, g)
				o.groups[g.key] = g
			}
			for q := range mq { // what any member says of the group sets it apart
				g.quals[q] = true
			}
			m.key = g.key
		}
	}
	o.describedSpeaker(cs, lex)
	return o
}

// alias moves every mention of an origin an analyst merged into another
// under that other's key, so each counts once wherever it appears.
func (o *origins) alias(same map[string]string) {
	if len(same) == 0 {
		return
	}
	for _, ms := range o.byClaim {
		for _, m := range ms {
			if k, ok := same[m.key]; ok {
				m.key = k
			}
		}
	}
}

// mentions splits a claim's attribution chain into its speakers.
func (o *origins) mentions(c *claim.Claim) []*mention {
	publisher := c.Source
	src := o.source(c)
	if src != nil && src.Outlet != "" {
		publisher = src.Outlet
	}
	chain := c.Attribution
	if len(chain) == 0 {
		chain = []claim.Attribution{{Who: publisher, Kind: claim.SpeakerOutlet}}
	}
	// A copy speaks with its original's voice: where it names itself, or
	// carries unnamed sources in its own name, read the original.
	if src != nil {
		if orig := original(o.copies, src); orig != src {
			own, by := fold(publisher), cmp.Or(orig.Outlet, orig.Name)
			chain = slices.Clone(chain)
			for i := range chain {
				if fold(chain[i].Who) == own {
					chain[i].Who = by
				}
			}
			publisher = by
		}
	}
	// Speakers run up to the first relay: an outlet, a platform, or a state
	// medium carrying someone else's words (a state medium speaks only as
	// the first link, "Tasnim said").
	//
	// Outlets named side by side ("according to articles by the Guardian
	// and Reuters") are each a speaker of the claim, not one the other's
	// relay.
	var text string
	if s := o.source(c); s != nil {
		text = s.Text
	}
	n := 1
	for n < len(chain) && (!isRelay(chain[n].Kind) && chain[n].Kind != claim.SpeakerStateMedia ||
		isRelay(chain[n-1].Kind) && sideBySide(text, chain[n-1].Span, chain[n].Span)) {
		n++
	}
	var relays []string
	for _, a := range chain[n:] {
		relays = append(relays, a.Who)
	}
	carrier := fold(publisher)
	if len(relays) > 0 {
		carrier = fold(relays[0])
	}
	// Several speakers before the relay are either named side by side ("a
	// European military source and an Iraqi security source") or one cites
	// the other ("intelligence reports" cited by Macron, the Eritreans as
	// Abiy quoted them). Side by side, each is a speaker; otherwise the
	// last, whom the relay quotes, is the one who gave the claim: what he
	// cites is known only through him. Where the text does not show which,
	// the last alone counts.
	first := n - 1
	for first > 0 && sideBySide(text, chain[first-1].Span, chain[first].Span) {
		first--
	}
	var cites []string
	for _, a := range chain[:first] {
		cites = append(cites, a.Who)
	}
	var out []*mention
	for _, a := range chain[first:n] {
		m := &mention{claimID: c.ID, who: a.Who, said: a.Who, kind: a.Kind, relays: relays, carrier: carrier, count: 1, cites: cites}
		words := strings.Fields(fold(a.Who))
		if len(words) > 0 {
			if k, ok := numberWords[words[0]]; ok {
				m.unnamed = true
				m.count = k
				m.another = words[0] == "another"
			}
		}
		switch a.Kind {
		case claim.SpeakerAnonymous, claim.SpeakerUnspecified, claim.SpeakerDocument:
			m.unnamed = true
		}
		if slices.Contains(words, "source") || slices.Contains(words, "sources") || !hasCapital(a.Who) {
			// "a source", or a description rather than a name ("available data").
			m.unnamed = true
		}
		if m.unnamed {
			for _, w := range words {
				if _, num := numberWords[w]; !num && !fillerWords[w] {
					m.desc = append(m.desc, w)
				}
			}
			if len(m.desc) > 0 {
				m.self = "unnamed:" + carrier + "/" + strings.Join(m.desc, " ")
			}
			if m.count == 1 && len(words) > 0 && (words[len(words)-1] == "sources" || words[len(words)-1] == "officials") {
				m.count = 2
			}
		}
		if !m.unnamed {
			m.self = "name:" + fold(m.who)
			m.voice = voiceOf(text, a.Who)
		}
		out = append(out, m)
	}
	return out
}

// roleWords name a body's voice rather than another speaker: the State
// Department's spokesperson speaks for the State Department.
var roleWords = words("spokesperson spokesman spokeswoman spokespeople representative representatives press office")

// nameKeys gives named speakers their origin keys. A name is its folded
// words without a trailing role ("State Department spokesperson" is the
// State Department); a name without a country's qualifier is the one
// qualified name with the same rest ("State Department" and "US State
// Department"), unless several countries' bodies share that rest
// (Iran's and Turkey's foreign ministries stay apart, and an unqualified
// "foreign ministry" joins neither).
func (o *origins) nameKeys(named []*mention, lex *lexicon) {
	base := func(who string) (qual, rest string) {
		ws := strings.Fields(fold(who))
		if len(ws) > 0 && ws[0] == "the" {
			ws = ws[1:]
		}
		for len(ws) > 1 && roleWords[ws[len(ws)-1]] {
			ws = ws[:len(ws)-1]
		}
		if len(ws) > 2 && lex.nationOf(ws[0]) != "" {
			return lex.nationOf(ws[0]), strings.Join(ws[1:], " ")
		}
		return "", strings.Join(ws, " ")
	}
	quals := map[string]map[string]string{} // rest → qualifier → key
	for _, m := range named {
		m.who = lex.voice(cmp.Or(m.voice, m.who))
	}
	for _, m := range named {
		if q, rest := base(m.who); q != "" {
			if quals[rest] == nil {
				quals[rest] = map[string]string{}
			}
			quals[rest][q] = "name:" + strings.ToLower(q) + " " + rest
		}
	}
	for _, m := range named {
		q, rest := base(m.who)
		m.key = "name:" + rest
		switch {
		case q != "":
			m.key = quals[rest][q]
		case len(quals[rest]) == 1:
			for _, k := range quals[rest] {
				m.key = k
			}
		}
	}
	same := samePerson(named)
	for _, m := range named {
		if k, ok := same[m.key]; ok {
			m.key = k
		}
	}
	// The group is named by its fullest form ("Armenian ambassador to
	// Russia Vardan Toghanyan" rather than "the Armenian ambassador").
	for _, m := range named {
		if g := o.groups[m.key]; g == nil {
			o.groups[m.key] = &group{key: m.key, who: m.who, kind: m.kind}
		} else if len(strings.Fields(m.who)) > len(strings.Fields(g.who)) {
			g.who = m.who
		}
	}
}

// titleWords end an office held by one person, so that the words after
// them are that person's name ("ambassador to Russia Vardan Toghanyan",
// "Foreign Minister Sergey Lavrov").
var titleWords = words("ambassador envoy minister president director spokesman spokeswoman spokesperson commander general chief secretary adviser advisor aide governor mayor premier chancellor colonel lieutenant admiral marshal leader head deputy")

// samePerson maps the name keys that one speaker is given under different
// forms to one key, as an analyst reading several reports would: an office
// named alone ("the Armenian ambassador to Russia") is the one holder of
// it named elsewhere ("Armenian ambassador to Russia Vardan Toghanyan"),
// and a personal name ("Vardan Toganyan") is the holder whose name it
// spells, letter for letter or one letter apart in each word
// (transliterations: Toganyan, Toghanyan). Where an office or a name fits
// several holders, it joins none.
func samePerson(named []*mention) map[string]string {
	rest := map[string][]string{}
	for _, m := range named {
		if _, ok := rest[m.key]; !ok {
			rest[m.key] = strings.Fields(m.key[strings.IndexByte(m.key, ':')+1:])
		}
	}
	keys := sortedKeys(rest)
	// holder splits a key into its office and its holder's name: the words
	// after the last title word and the one-word place it may be of ("to
	// Russia", "of the interior"), when there are one to three of them.
	holder := func(ws []string) (office, name []string) {
		for i := len(ws) - 2; i >= 0; i-- {
			if !titleWords[ws[i]] {
				continue
			}
			j := i + 1
			if j < len(ws) && (ws[j] == "to" || ws[j] == "of" || ws[j] == "for") {
				j++
				if j < len(ws) && ws[j] == "the" {
					j++
				}
				j++
			}
			if n := len(ws) - j; n >= 1 && n <= 3 {
				return ws[:j], ws[j:]
			}
			return nil, nil
		}
		return nil, nil
	}
	same := map[string]string{}
	for _, k := range keys {
		ws := rest[k]
		var fits []string
		for _, h := range keys {
			if h == k {
				continue
			}
			office, name := holder(rest[h])
			if office == nil {
				continue
			}
			switch {
			case len(ws) >= 2 && slices.Equal(ws, office):
				fits = append(fits, h)
			case len(ws) >= 2 && len(ws) == len(name) && sameName(ws, name):
				fits = append(fits, h)
			}
		}
		if len(fits) == 1 {
			same[k] = fits[0]
		}
	}
	return same
}

// sameName reports two personal names that agree word for word, each word
// equal or, from five letters on, one letter apart.
func sameName(a, b []string) bool {
	for i := range a {
		if a[i] != b[i] && (len(a[i]) < 5 || len(b[i]) < 5 || !oneApart(a[i], b[i])) {
			return false
		}
	}
	return true
}

// oneApart reports whether a and b differ by one inserted, deleted or
// replaced letter.
func oneApart(a, b string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(b)-len(a) > 1 {
		return false
	}
	i := 0
	for i < len(a) && a[i] == b[i] {
		i++
	}
	if len(a) == len(b) {
		return a[i+1:] == b[i+1:]
	}
	return a[i:] == b[i+1:]
}

// sideBySide reports two attribution links named together ("Ankara and
// Baku", "a European military source and an Iraqi security source"):
// their spans in the text are separated only by "and", "or", a comma or
// "as well as".
func sideBySide(text string, a, b claim.Span) bool {
	if a.End <= a.Start || b.End <= b.Start || a.End > b.Start || b.Start > len(text) {
		return false
	}
	switch strings.TrimSpace(strings.ToLower(text[a.End:b.Start])) {
	case "and", "or", ",", ", and", "as well as", "&", "and the", "and an", "and a", ", and the", "as well as the", "or the":
		return true
	}
	return false
}

func subset(a, b []string) bool {
	for _, w := range a {
		if !slices.Contains(b, w) {
			return false
		}
	}
	return true
}

// display names a claim's first speaker and its relays: "a European military
// source via CNN → TFI Global".
func (m *mention) display() string {
	who := m.who
	if len(m.cites) > 0 {
		who = strings.Join(m.cites, ", ") + " cited by " + who
	}
	if len(m.relays) == 0 {
		return who
	}
	return who + " via " + strings.Join(m.relays, " → ")
}

// first returns the claim's first speaker.
func (o *origins) first(id string) *mention {
	if ms := o.byClaim[id]; len(ms) > 0 {
		return ms[0]
	}
	return &mention{claimID: id, who: "unknown", key: "unknown"}
}

// fill sets the event's Origins, Independent, EchoCount and Documents.
//
// Independence: each origin key counts once however many claims and
// documents carry it (Speakers only reports what its words claim). An origin
// spoken by an outlet (or platform) that also relays other origins of the
// same event ("CNN reported …" beside "an Iraqi security source cited by
// CNN") repeats those and is not counted; its carriers add to their echoes.
func (o *origins) fill(e *claim.Event, members []*feat) {
	byKey := map[string]*claim.Origin{}
	var keys []string
	docs := map[string]bool{}
	anothers, plain := map[string]int{}, map[string]int{} // "another" mentions; all mentions
	// viaStance: an origin's stance in the claims each relay carries of it
	// (origin key → folded relay → stance).
	viaStance := map[string]map[string]claim.Stance{}
	for _, f := range members {
		docs[f.c.Source] = true
		st := StanceOf(f.c)
		for _, m := range o.byClaim[f.c.ID] {
			or := byKey[m.key]
			if or == nil {
				// Named as this event's first mention of it names it; the
				// key and the speaker count are the carrier-wide group's.
				or = &claim.Origin{Key: m.key, Who: m.who, Kind: m.kind, Via: m.relays, Speakers: 1}
				byKey[m.key] = or
				keys = append(keys, m.key)
			}
			// Speakers counts what this event's mentions say: "two Iraqi
			// sources" is two; "one source" and "another source" are two.
			or.Speakers = max(or.Speakers, m.count)
			plain[m.key]++
			if m.another {
				anothers[m.key]++
			}
			or.Claims = appendOnce(or.Claims, f.c.ID)
			or.Carriers = appendOnce(or.Carriers, f.c.Source)
			or.Stance = strongerStance(or.Stance, st)
			for _, r := range m.relays {
				if viaStance[m.key] == nil {
					viaStance[m.key] = map[string]claim.Stance{}
				}
				viaStance[m.key][fold(r)] = strongerStance(viaStance[m.key][fold(r)], st)
			}
		}
	}
	for k, n := range anothers {
		if n > 0 && n < plain[k] { // "another" beside a first mention
			byKey[k].Speakers = max(byKey[k].Speakers, 2)
		}
	}
	// Echoes: a speaker that relays other origins here. What it says in its
	// own voice repeats the origins it relays on the same side: an outlet's
	// line that supports the claim ("after the envoy said 4,000 fighters
	// were sent") repeats the envoy it quotes, not the aide who denies it.
	// Where it relays nobody on its side, it repeats them all, as nothing
	// shows it has a source of its own. The side is what the speaker says
	// through this outlet: a government that denies in the outlet's text is
	// not on the outlet's side because another text has it support. Of
	// several on its side, each own line repeats the one its text quoted
	// last before it (lastQuoted).
	byDoc := map[string][]*feat{} // members by text, in text order
	for _, f := range members {
		byDoc[f.c.Source] = append(byDoc[f.c.Source], f)
	}
	for _, fs := range byDoc {
		sort.SliceStable(fs, func(i, j int) bool { return fs[i].c.Start < fs[j].c.Start })
	}
	for _, k := range keys {
		or := byKey[k]
		if !strings.HasPrefix(k, "name:") {
			continue
		}
		name := fold(or.Who)
		var all, side []string
		for _, k2 := range keys {
			if k2 == k {
				continue
			}
			if slices.ContainsFunc(byKey[k2].Via, func(r string) bool { return fold(r) == name }) {
				all = append(all, k2)
				st := byKey[k2].Stance
				if vs, ok := viaStance[k2][name]; ok {
					st = vs
				}
				if st == or.Stance {
					side = append(side, k2)
				}
			}
		}
		if len(side) == 0 {
			side = all
		}
		side = sameTexts(byKey, side, or.Carriers)
		if len(side) > 1 {
			side = lastQuoted(o, byDoc, k, side)
		}
		or.EchoOf = side
		sort.Strings(or.EchoOf)
	}
	sort.Strings(keys)
	for _, k := range keys {
		or := byKey[k]
		sort.Strings(or.Carriers)
		e.Origins = append(e.Origins, *or)
	}
	for _, or := range e.Origins {
		if or.Stance != claim.StanceSupports || len(or.EchoOf) > 0 {
			continue
		}
		e.Independent++
		carriers := slices.Clone(or.Carriers)
		for _, echo := range e.Origins {
			if slices.Contains(echo.EchoOf, or.Key) && echo.Stance == claim.StanceSupports {
				for _, c := range echo.Carriers {
					carriers = appendOnce(carriers, c)
				}
			}
		}
		e.EchoCount += len(carriers)
	}
	e.Documents = len(docs)
}

// sameTexts narrows the origins an outlet's own lines repeat to those it
// relays in the texts that carry those lines: PanARMENIAN's lede crediting
// Reuters repeats the rebels its own text quotes through Reuters, not a
// spokesman another outlet's text quotes through Reuters. Where no text is
// shared, nothing shows which account the line repeats, and all stay.
func sameTexts(byKey map[string]*claim.Origin, side, carriers []string) []string {
	var out []string
	for _, k := range side {
		if slices.ContainsFunc(byKey[k].Carriers, func(c string) bool { return slices.Contains(carriers, c) }) {
			out = append(out, k)
		}
	}
	if len(out) == 0 {
		return side
	}
	return out
}

// lastQuoted narrows the origins an outlet's own lines repeat to those its
// text quoted last before each line: a line after the text has quoted
// someone on its side goes on with that account ("… several volunteers
// said. Men in Idlib say a recruitment drive began a month ago" repeats the
// volunteers, not rebels quoted paragraphs earlier). A line before any of
// them (a headline, a lede) repeats them all.
func lastQuoted(o *origins, byDoc map[string][]*feat, key string, side []string) []string {
	has := func(f *feat, keep func(string) bool) bool {
		return slices.ContainsFunc(o.byClaim[f.c.ID], func(m *mention) bool { return keep(m.key) })
	}
	inSide := func(k string) bool { return slices.Contains(side, k) }
	var out []string
	for _, fs := range byDoc {
		for i, f := range fs {
			if !has(f, func(k string) bool { return k == key }) {
				continue
			}
			j := i - 1
			for j >= 0 && !has(fs[j], inSide) {
				j--
			}
			if j < 0 {
				return side
			}
			for _, m := range o.byClaim[fs[j].c.ID] {
				if inSide(m.key) {
					out = appendOnce(out, m.key)
				}
			}
		}
	}
	if len(out) == 0 {
		return side
	}
	return out
}

// strongerStance keeps "supports" over "denies" over "no-comment".
func strongerStance(a, b claim.Stance) claim.Stance {
	rank := map[claim.Stance]int{"": 0, claim.StanceNoComment: 1, claim.StanceDenies: 2, claim.StanceSupports: 3}
	if rank[b] > rank[a] {
		return b
	}
	return a
}

func hasCapital(s string) bool {
	for _, r := range s {
		if unicode.IsUpper(r) {
			return true
		}
	}
	return false
}

// Speakers returns how many speakers an attribution's words stand for:
// "two Iraqi sources" 2, "three sources including …" 3, "sources" 2,
// anything else 1.
func Speakers(who string) int {
	words := strings.Fields(fold(who))
	if len(words) == 0 {
		return 1
	}
	if k, ok := numberWords[words[0]]; ok {
		if k == 1 && (words[len(words)-1] == "sources" || words[len(words)-1] == "officials") {
			return 2
		}
		return k
	}
	if words[len(words)-1] == "sources" {
		return 2
	}
	return 1
}
