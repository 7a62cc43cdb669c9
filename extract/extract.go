package extract

import (
	"crypto/sha256"
	"encoding/hex"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/knowledge"
	"github.com/triangulate/triangulate/lang"
)

// Extractor turns a source's text into claims. It is safe for concurrent
// use: all per-document state lives in the call to Extract.
type Extractor struct {
	pack *knowledge.Pack
	// langs are the compiled language packs by code; def is the default
	// language's, for sources that name none the extractor has.
	langs  map[string]*grammar
	def    *grammar
	heads  []speakerHead            // unnamed-source heads, longest first
	byLast map[string][]speakerHead // the same, by last word
	// airlines by their name without "Air", "Airlines" or "Airways", lower
	// case, for lists that name them bare ("Sepehran, Iran Air, …").
	airlines map[string]knowledge.Actor
	// actors by canonical name, to tell when a speaker is a pack actor.
	actorNames map[string]knowledge.Actor
	// vocabs are the words of each grammar and of the pack, by grammar.
	vocabs map[*grammar]map[string]vocabWord
}

// vocabWord is what the language pack and the knowledge pack know of a
// lower-case word: one map look per token of text gives both.
type vocabWord struct {
	e   *lang.Entry
	ax  lang.Set // the classes its affixes give it (lang.Grammar.Lookup)
	cls lang.Set // its entry's classes, ax and its lazy affix classes
	pid int32    // the pack's word ID (knowledge.Pack.Words), 0 for none
	dw  dateWord
	ph  uint16 // the phrase lists with a phrase that begins with it (phraseList.bit)
}

// dateWord is what the grammar's date tables say of a word: dateAtFull
// asks them of most words it tries, and the word's one look in the
// vocabulary answers instead of a look in each table.
type dateWord struct {
	month, weekday, weekOrd int32 // the tables' values, when has says so
	has                     uint8
}

const (
	hasMonth uint8 = 1 << iota
	hasWeekday
	hasWeekOrd
)

// dateWordOf looks w up in g's date tables.
func dateWordOf(g *grammar, w string) dateWord {
	var dw dateWord
	if m, ok := g.months[w]; ok {
		dw.month, dw.has = int32(m), dw.has|hasMonth
	}
	if wd, ok := g.weekdays[w]; ok {
		dw.weekday, dw.has = int32(wd), dw.has|hasWeekday
	}
	if n, ok := g.weekOrd[w]; ok {
		dw.weekOrd, dw.has = int32(n), dw.has|hasWeekOrd
	}
	return dw
}

// dateWordAt returns the date-table reading of token i (none out of
// range).
func (d *doc) dateWordAt(i int) dateWord {
	if uint(i) >= uint(len(d.dw)) {
		return dateWord{}
	}
	if d.toks[i].kind != tWord {
		// lookupWords reads words only.
		return dateWordOf(d.g, d.w(i))
	}
	return d.dw[i]
}

// monthAt, weekdayAt and weekOrdAt read token i in the grammar's month,
// weekday and week_ordinal tables.
func (d *doc) monthAt(i int) (int, bool) {
	dw := d.dateWordAt(i)
	return int(dw.month), dw.has&hasMonth != 0
}

func (d *doc) weekdayAt(i int) (int, bool) {
	dw := d.dateWordAt(i)
	return int(dw.weekday), dw.has&hasWeekday != 0
}

func (d *doc) weekOrdAt(i int) int { return int(d.dateWordAt(i).weekOrd) }

// maxSeen bounds a text's memo of vocabulary entries.
const maxSeen = 8192

// newVocab indexes every word of g and, when pack is not nil, of pack.
// Every word g has an entry for or a date table holds is in it, and every word of ASCII
// letters and digits that a pack name has: a word missing from it has no
// entry and no pack word ID.
func newVocab(g *grammar, pack *knowledge.Pack) map[string]vocabWord {
	v := map[string]vocabWord{}
	add := func(w string) vocabWord {
		if vw, ok := v[w]; ok {
			return vw
		}
		e, ax := g.Lookup(w)
		_, lazy := g.Affixes(w)
		vw := vocabWord{e: e, ax: ax, cls: lazy, dw: dateWordOf(g, w)}
		if e != nil {
			vw.cls.Or(&e.Classes)
		}
		vw.cls.Or(&ax)
		v[w] = vw
		return vw
	}
	g.Words(func(w string, _ *lang.Entry) { add(w) })
	for _, t := range []map[string]int{g.months, g.weekdays, g.weekOrd} {
		for w := range t {
			add(w)
		}
	}
	for w, bits := range g.phraseFirst {
		vw := add(w)
		vw.ph = bits
		v[w] = vw
	}
	if pack != nil {
		pack.Words(func(w string, id int32) {
			vw := add(w)
			vw.pid = id
			v[w] = vw
		})
	}
	return v
}

// speakerHead is a speaker pattern split into folded words.
type speakerHead struct {
	words []string
	kind  claim.SourceKind
}

// New returns an extractor resolving names against pack. A nil pack is
// allowed: names then stay as written and nothing gets coordinates.
//
// The language packs are embedded (package lang) and checked by the tests;
// New panics if one does not compile.
func New(pack *knowledge.Pack) *Extractor {
	gs, err := loadGrammars()
	if err != nil {
		panic(err)
	}
	x := &Extractor{pack: pack, langs: gs, def: defaultGrammar(), airlines: map[string]knowledge.Actor{}, actorNames: map[string]knowledge.Actor{}}
	if pack != nil {
		for _, a := range pack.Actors() {
			x.actorNames[a.Name] = a
			if a.Kind != "airline" {
				continue
			}
			for _, n := range append([]string{a.Name}, a.Aliases...) {
				l := strings.ToLower(n)
				for _, suf := range []string{" airlines", " airways", " air"} {
					if base, ok := strings.CutSuffix(l, suf); ok && base != "" {
						if _, dup := x.airlines[base]; !dup {
							x.airlines[base] = a
						}
					}
				}
			}
		}
		for _, p := range pack.SpeakerPatterns() {
			ws := strings.Fields(strings.ToLower(strings.ReplaceAll(p.Head, "-", " ")))
			if len(ws) > 0 {
				x.heads = append(x.heads, speakerHead{words: ws, kind: p.Kind})
			}
		}
	}
	if len(x.heads) == 0 {
		// No pack: the language's own few speaker heads.
		for _, h := range slices.Sorted(maps.Keys(x.def.speakerKind)) {
			x.heads = append(x.heads, speakerHead{words: strings.Fields(h), kind: x.def.speakerKind[h]})
		}
	}
	x.vocabs = map[*grammar]map[string]vocabWord{}
	for _, g := range gs {
		x.vocabs[g] = newVocab(g, pack)
	}
	slices.SortStableFunc(x.heads, func(a, b speakerHead) int { return len(b.words) - len(a.words) })
	x.byLast = map[string][]speakerHead{}
	for _, h := range x.heads {
		last := h.words[len(h.words)-1]
		x.byLast[last] = append(x.byLast[last], h)
	}
	return x
}

// doc holds one document's text and the current paragraph's tokens and
// pack mentions.
type doc struct {
	// timeRule is the grammar step that decided the last timeOf, if any.
	timeRule string
	// tellSkips counts the dates timeOf has left out as the time of a
	// telling: a scan that left none out reads the same as one that keeps
	// them, so build need not scan again.
	tellSkips int
	// timeMemo holds the paragraph's timeOf answers, by index into
	// timeRes, and memoMarks the used ranges they marked; timeMarks
	// gathers the used ranges of the scan under way.
	timeMemo  map[timeKey]int
	timeRes   []timeResult
	memoMarks [][2]int
	timeMarks [][2]int
	timeDepth int // timeOf calls under way
	// day is dayOf at midnight UTC (pubDay), when dayOK.
	dayOf, day time.Time
	dayOK      bool
	g          *grammar
	pack       *knowledge.Pack
	text, low  string
	toks       []tok
	ms         []mention
	mAt        []int32 // per token: index of the mention covering it, or -1
	demAt      []int32 // per token: index of the demonym covering it, or -1
	dems       []demonym
	used       []bool        // per token: taken by a date expression
	lx         []*lang.Entry // per token: what the language pack knows of the word (nil: nothing)
	ax         []lang.Set    // per token: the classes its affixes give it
	// cls is, per token with an entry, its entry's classes and its affix
	// classes in one set: is() is the hottest test of the extractor, and
	// one contiguous set saves a pointer chase and a second look.
	cls      []lang.Set
	mplaces  []knowledge.Place // the pack places of this paragraph's place mentions (mention.pi)
	placeBuf []claim.Place     // placesIn's scratch
	pid      []int32           // per plain token: its pack word ID (vocabWord.pid)
	dw       []dateWord        // per word: its date-table reading (vocabWord.dw)
	ph       []uint16          // per word: the phrase lists it may begin (vocabWord.ph)
	// vocab is the extractor's index of the grammar's and the pack's
	// words (nil outside an extractor: lookupWords asks the grammar).
	vocab   map[string]vocabWord
	seen    map[string]vocabWord // vocab entries this text has used (at most maxSeen); nil for short texts
	hint    wordHint
	matches []knowledge.Match // the paragraph's pack matches, reused
	// lastUnit is the unit of the sentence's last figure, for a figure
	// whose noun is left out ("… and Nujaba sent 300 to Mashhad").
	lastUnit string
	// reportUnit is what a figure report's figure counts when it names
	// nothing ("other rebels gave figures of between 700 and 1,000"): the
	// unit of the text's last figure before it; "" outside such a report.
	reportUnit string
	// reportedFrom is where the content of a reporting verb starts in the
	// clause being read ("reported on the transfer …"), or -1.
	reportedFrom int
	// sentFrom is the first token of the sentence being read, where a
	// possessive's owner is looked for ("Eritrea denied … its troops").
	sentFrom int
	// leadSkip is the first token after a paragraph's "(SomaliNet)"
	// dateline, which no clause reads as its own words (0: none).
	leadSkip int
	// dateEnd is the first token after a paragraph's wire dateline
	// ("NAIROBI (Reuters) –"), 0 without one.
	dateEnd int
	// actorRules are the grammar steps that named the actors of the
	// claim being built, in order.
	actorRules []string
	// placeRules are the grammar steps that filled the claim's places.
	placeRules []string
	// anaphorAt is the token of the definite description actorsIn
	// returned ("the militiamen"), -1 for none; anaphorNew says its
	// determiner may introduce a group ("the", "these", "of"), which a
	// possessive ("their soldiers") never does.
	anaphorAt  int
	anaphorNew bool
	// homeISO is the country of the text's war, whose forces "the
	// federal military" are ("" when unknown).
	homeISO string
	// focusISO is the country the text names most ("" when none).
	focusISO string
	// coActors are the states actorsIn read after a co_actor phrase
	// ("in coordination with Ankara"): actors beside the clause's own.
	coActors []claim.Actor
}

// demonym is a nationality word the pack knows ("Eritrean", "Turkish"),
// by token range, with the country it names.
type demonym struct {
	ti, tj int
	iso    string
	others []string // other countries the form may name
	form   knowledge.DemonymForm
	people string // a people rather than a country: its pack ID
}

// demonymAt returns the demonym covering token i.
func (d *doc) demonymAt(i int) (demonym, bool) {
	if i < 0 || i >= len(d.demAt) || d.demAt[i] < 0 {
		return demonym{}, false
	}
	return d.dems[d.demAt[i]], true
}

// mention is a pack entry found in the text, by token range.
type mention struct {
	ti, tj   int
	kind     knowledge.MatchKind
	id       string
	others   []string
	compound bool  // part of a hyphenated word (Iran-aligned) or otherwise misaligned
	pi       int32 // for a place, 1 + its index in doc.mplaces; 0 when not looked up
}

func newDoc(g *grammar, pack *knowledge.Pack, text string) *doc {
	return &doc{g: g, pack: pack, text: text, low: lowerASCII(text)}
}

// w returns token i in lower case.
func (d *doc) w(i int) string {
	if i < 0 || i >= len(d.toks) {
		return ""
	}
	return d.low[d.toks[i].s:d.toks[i].e]
}

// is reports whether token i has the word class c. It is the hottest
// test of the extractor, kept to one bit test that the compiler inlines:
// cls holds every class of the token, the lazy affix classes included.
func (d *doc) is(i int, c lang.Class) bool {
	return uint(i) < uint(len(d.cls)) && d.cls[i].Has(c)
}

// noEntry stands for a word the language pack knows only by its affixes.
var noEntry lang.Entry

// trig returns the trigger reading of token i: the sense in which a
// trigger rule of the language pack anchors on it.
func (d *doc) trig(i int) (trig, bool) {
	if i < 0 || i >= len(d.lx) || d.lx[i] == nil || d.lx[i].Trigger == nil {
		return trig{}, false
	}
	s := d.lx[i].Trigger
	return trig{lemma: s.Lemma, form: formOf(s.Form)}, true
}

// known reports whether the language pack knows token i at all.
func (d *doc) known(i int) bool { return i >= 0 && i < len(d.lx) && d.lx[i] != nil }

// countryMention reports a place mention that names a country.
func (d *doc) countryMention(m mention) bool {
	if d.pack == nil || m.kind != knowledge.PlaceMatch {
		return false
	}
	p, ok := d.pack.Place(m.id)
	return ok && p.Kind == claim.KindCountry
}

// capAt reports whether token i exists and is capitalised.
func (d *doc) capAt(i int) bool { return i >= 0 && i < len(d.toks) && d.toks[i].cap }

// raw returns token i as written.
func (d *doc) raw(i int) string { return d.text[d.toks[i].s:d.toks[i].e] }

// punct reports whether token i is the punctuation rune r.
func (d *doc) punct(i int, r rune) bool {
	if uint(i) >= uint(len(d.toks)) || d.toks[i].kind != tPunct {
		return false
	}
	if c := d.text[d.toks[i].s]; c < utf8.RuneSelf {
		return rune(c) == r
	}
	c, _ := decode(d.text, d.toks[i].s)
	return c == r
}

func (d *doc) isComma(i int) bool { return d.punct(i, ',') }

// span returns the text of tokens [i, j).
func (d *doc) span(i, j int) claim.Span {
	if j <= i {
		return claim.Span{}
	}
	s := claim.Span{Start: d.toks[i].s, End: d.toks[j-1].e}
	s.Text = d.text[s.Start:s.End]
	return s
}

// mentionAt returns the mention covering token i.
func (d *doc) mentionAt(i int) (mention, bool) {
	if i < 0 || i >= len(d.mAt) || d.mAt[i] < 0 {
		return mention{}, false
	}
	return d.ms[d.mAt[i]], true
}

// scanParagraph tokenises text[start:end] and finds pack mentions in it.
// Pack is the knowledge pack the extractor resolves names against (nil
// when it has none).
func (x *Extractor) Pack() *knowledge.Pack { return x.pack }

func (x *Extractor) scanParagraph(d *doc, start, end int) {
	d.toks = tokenize(d.toks[:0], d.text, start, end)
	d.lookupWords()
	if x.pack == nil || len(d.toks) == 0 {
		return
	}
	d.hint = wordHint{d: d, base: start}
	d.matches = x.pack.ScanAppendHint(d.matches[:0], d.text[start:end], &d.hint)
	// The matches come in text order without overlapping, so the first
	// token at or after each one's start and end only moves forward.
	ti, tj := 0, 0
	for _, m := range d.matches {
		s, e := m.Start+start, m.End+start
		for ti < len(d.toks) && d.toks[ti].s < s {
			ti++
		}
		tj = max(tj, ti)
		for tj < len(d.toks) && d.toks[tj].s < e {
			tj++
		}
		if ti >= len(d.toks) || tj <= ti {
			continue
		}
		if m.Kind == knowledge.DemonymMatch || m.Kind == knowledge.PeopleMatch {
			// Nationality and people words modify actors; they are not
			// mentions of a country.
			idx := int32(len(d.dems))
			dm := demonym{ti: ti, tj: tj, iso: m.ID, others: m.Others, form: m.Form}
			if m.Kind == knowledge.PeopleMatch {
				dm.iso, dm.people = "", m.ID
			}
			d.dems = append(d.dems, dm)
			for k := ti; k < tj; k++ {
				d.demAt[k] = idx
			}
			continue
		}
		if m.Kind == knowledge.PlaceMatch && (d.inPersonName(ti, tj) || d.speaksNext(tj)) {
			// (A capital that speaks is its state: "Ankara said".)
			if pl, ok := x.pack.Place(m.ID); ok && pl.Kind == claim.KindCity {
				if _, metonym := x.pack.Metonym(m.Text); !metonym {
					continue
				}
			}
		}
		mn := mention{ti: ti, tj: tj, kind: m.Kind, id: m.ID, others: m.Others}
		if m.Kind == knowledge.PlaceMatch {
			// placeOf reads the place many times; one look-up here.
			if pl, ok := x.pack.Place(m.ID); ok {
				d.mplaces = append(d.mplaces, pl)
				mn.pi = int32(len(d.mplaces))
			}
		}
		if d.toks[ti].s != s || d.toks[tj-1].e != e {
			mn.compound = true
		}
		idx := int32(len(d.ms))
		d.ms = append(d.ms, mn)
		for k := ti; k < tj; k++ {
			if d.mAt[k] < 0 {
				d.mAt[k] = idx
			}
		}
	}
}

// inPersonName reports a name at [ti, tj) that sits inside a person's name:
// after a name particle or a title ("Karin von der Heide", "General
// Hassan"), or beside a capitalised word the language does not know
// ("Ali Hassan", "Abu Ali al-Askari"). Many towns share their name with
// people: such a town is no place.
func (d *doc) inPersonName(ti, tj int) bool {
	if p := ti - 1; p >= 0 && d.toks[p].kind == tWord && d.toks[p].e < d.toks[ti].s {
		// (A demonym or another name of the pack before it qualifies the
		// town: "the Libyan Benghazi".)
		if d.is(p, cNameParticle) || d.toks[p].cap && (d.is(p, cTitle) || d.nameLike(p) && d.demAt[p] < 0 && d.mAt[p] < 0) {
			return true
		}
	}
	if tj < len(d.toks) && d.toks[tj].kind == tWord && d.toks[tj].cap && d.nameLike(tj) && d.toks[tj-1].e < d.toks[tj].s && !d.toks[tj-1].poss {
		return true
	}
	return false
}

// speaksNext reports a reporting verb right after a name ending at tj
// ("Jackson said", "Hassan told Reuters"): a town does not speak, so the
// name is a person's.
func (d *doc) speaksNext(tj int) bool {
	return tj < len(d.toks) && d.toks[tj].kind == tWord && !d.toks[tj].cap && d.is(tj, cReportVerb) && d.toks[tj-1].e < d.toks[tj].s && !d.toks[tj-1].poss
}

// lookupWords sizes the per-token tables for d.toks and looks every word
// up in the language pack and, for the pack scan, the knowledge pack.
func (d *doc) lookupWords() {
	n := len(d.toks)
	d.mAt = slices.Grow(d.mAt[:0], n)[:n]
	d.demAt = slices.Grow(d.demAt[:0], n)[:n]
	d.used = slices.Grow(d.used[:0], n)[:n]
	d.lx = slices.Grow(d.lx[:0], n)[:n]
	d.ax = slices.Grow(d.ax[:0], n)[:n]
	d.cls = slices.Grow(d.cls[:0], n)[:n]
	d.pid = slices.Grow(d.pid[:0], n)[:n]
	d.dw = slices.Grow(d.dw[:0], n)[:n]
	d.ph = slices.Grow(d.ph[:0], n)[:n]
	clear(d.timeMemo)
	d.timeRes, d.memoMarks = d.timeRes[:0], d.memoMarks[:0]
	d.ms = d.ms[:0]
	d.mplaces = d.mplaces[:0]
	d.dems = d.dems[:0]
	for i := range d.mAt {
		d.mAt[i] = -1
		d.demAt[i] = -1
		d.used[i] = false
		d.lx[i] = nil
		d.ax[i] = lang.Set{}
		d.cls[i] = lang.Set{}
		d.pid[i] = 0
		d.dw[i] = dateWord{}
		d.ph[i] = 0
		if d.toks[i].kind != tWord {
			continue
		}
		// cls takes in the classes of affixes no rule tests
		// (lang.Grammar.Lazy): only is() asks for them, and one look here
		// is cheaper than an affix test at each of its calls. They stay
		// out of lx and ax, which say what the rules see.
		w := d.w(i)
		// Words repeat within a text: a small memo of this text's words
		// answers most look-ups from cache before the whole vocabulary.
		vw, ok := d.seen[w]
		if !ok {
			vw, ok = d.vocab[w]
			if ok && d.seen != nil && len(d.seen) < maxSeen {
				d.seen[w] = vw
			}
		}
		if !ok {
			// A word the vocabulary lacks has no entry and no pack word;
			// without a vocabulary the grammar is asked.
			vw.ax, vw.cls = d.g.Affixes(w)
			if d.vocab == nil {
				vw.e, _ = d.g.Lookup(w)
				if vw.e != nil {
					vw.cls.Or(&vw.e.Classes)
				}
				vw.dw = dateWordOf(d.g, w)
				vw.ph = d.g.phraseFirst[w]
			}
			vw.cls.Or(&vw.ax)
		}
		e := vw.e
		if e == nil && !vw.ax.Empty() {
			e = &noEntry // known by its affixes only
		}
		d.lx[i], d.ax[i], d.cls[i], d.pid[i], d.dw[i], d.ph[i] = e, vw.ax, vw.cls, vw.pid, vw.dw, vw.ph
	}
}

// wordHint gives the pack scan the word IDs lookupWords found, for the
// paragraph starting at base: a plain token is one word of the scan's,
// folded to the same lower case.
type wordHint struct {
	d    *doc
	base int
	k    int // the first token not before the last word asked about
}

func (h *wordHint) WordID(start, end int) (int32, bool) {
	d := h.d
	s, e := start+h.base, end+h.base
	for h.k < len(d.toks) && d.toks[h.k].s < s {
		h.k++
	}
	if h.k < len(d.toks) {
		if t := d.toks[h.k]; t.s == s && t.e == e && t.plain {
			return d.pid[h.k], true
		}
	}
	return 0, false
}

// Extract returns the claims of src, in text order. Claim IDs are derived
// from the source name and the evidence span, so re-extraction is stable.
func (x *Extractor) Extract(src *claim.Source) []claim.Claim {
	if src == nil || src.Text == "" {
		return nil
	}
	d := newDoc(x.grammarFor(src.Language), x.pack, src.Text)
	d.vocab = x.vocabs[d.g]
	if len(src.Text) > 4<<10 {
		d.seen = make(map[string]vocabWord, 256)
	}
	st := newState(src)
	// About one claim per 200 to 300 bytes of news text; sizing up front saves
	// regrowing a slice of large values.
	out := make([]claim.Claim, 0, min(len(src.Text)/200+4, 1<<20))
	var sents [][2]int
	paragraphs(d.text, func(start, end int) {
		if d.boilerplate(d.low[start:end]) {
			return
		}
		x.scanParagraph(d, start, end)
		if len(d.toks) == 0 {
			return
		}
		if w, ok := x.dateline(d); ok && st.wire.Who == "" {
			st.wire = w
			if d.leadSkip > 0 {
				st.wireRule = ruleParenDateline
			}
		}
		st.startParagraph()
		st.paraOut = len(out)
		headline := isHeadline(d)
		sents = d.sentences(sents[:0])
		for k, s := range sents {
			if headline {
				x.observeHeadline(d, st, s[0], s[1])
				x.observe(d, st, s[0], s[1])
				continue
			}
			out = x.sentence(d, st, s[0], s[1], k == 0, out)
		}
		x.quoteSpeaker(d, st, out[st.paraOut:])
		namedLater(st, out[st.prevParaOut:st.paraOut], out[:st.prevParaOut], out[st.paraOut:])
		st.prevParaOut = st.paraOut
	})
	seen := make(map[string]bool, len(out))
	keep := out[:0]
	for _, c := range out {
		c.ID = claimID(src.Name, c.Start, c.End)
		if seen[c.ID] {
			continue
		}
		seen[c.ID] = true
		c.SourceID = src.ID
		c.Source = src.Name
		keep = append(keep, c)
	}
	return keep
}

// claimID hashes "name\x00start:end". The input is built in one buffer
// (on the stack for a short name) and only the ID's six bytes are
// encoded: one allocation, the ID itself.
func claimID(name string, start, end int) string {
	var stack [128]byte
	b := append(stack[:0], name...)
	b = append(b, 0)
	b = strconv.AppendInt(b, int64(start), 10)
	b = append(b, ':')
	b = strconv.AppendInt(b, int64(end), 10)
	sum := sha256.Sum256(b)
	var id [12]byte
	hex.Encode(id[:], sum[:6])
	return string(id[:])
}

// dateline reads a wire dateline opening a paragraph, "BAGHDAD, Jan 12
// (Reuters) -", and returns the agency: the whole story comes through it.
func (x *Extractor) dateline(d *doc) (claim.Attribution, bool) {
	d.leadSkip, d.dateEnd = 0, 0
	if x.pack == nil || len(d.toks) < 4 {
		return claim.Attribution{}, false
	}
	d.leadSkip, d.dateEnd = 0, 0
	if w, end, ok := x.parenDateline(d); ok {
		d.leadSkip, d.dateEnd = end, end
		return w, true
	}
	for k := 0; k < len(d.toks) && k < 12; k++ {
		if !d.punct(k, '(') {
			continue
		}
		m, ok := d.mentionAt(k + 1)
		if !ok || m.kind != knowledge.SpeakerMatch || !d.punct(m.tj, ')') || !d.isDash(m.tj+1) {
			return claim.Attribution{}, false
		}
		// The place before the date is written in capitals.
		if !allCaps(d.raw(0)) || d.toks[0].kind != tWord {
			return claim.Attribution{}, false
		}
		sp, ok := x.pack.Speaker(m.id)
		if !ok {
			return claim.Attribution{}, false
		}
		d.dateEnd = m.tj + 2
		return claim.Attribution{Who: sp.Name, Kind: sp.Kind, Span: d.span(m.ti, m.tj)}, true
	}
	return claim.Attribution{}, false
}

// parenDateline reads an outlet in parentheses opening a paragraph, with
// no place before it: "(SomaliNet) Eritrea has denied …", "(Reuters) The
// ministry said …". The outlet is named by its capitalised words, at most
// three, that name no place or actor. It also returns the token after
// the parenthesis.
func (x *Extractor) parenDateline(d *doc) (claim.Attribution, int, bool) {
	if !d.punct(0, '(') {
		return claim.Attribution{}, 0, false
	}
	k := 1
	for k < len(d.toks) && k <= 3 && d.toks[k].kind == tWord && d.toks[k].cap {
		k++
	}
	if k == 1 || !d.punct(k, ')') || k+1 >= len(d.toks) || d.toks[k+1].kind != tWord || !d.toks[k+1].cap {
		return claim.Attribution{}, 0, false
	}
	if m, ok := d.mentionAt(1); ok && m.tj == k {
		if m.kind != knowledge.SpeakerMatch || x.pack == nil {
			return claim.Attribution{}, 0, false
		}
		if sp, ok := x.pack.Speaker(m.id); ok && (sp.Kind == claim.SpeakerOutlet || sp.Kind == claim.SpeakerStateMedia) {
			return claim.Attribution{Who: sp.Name, Kind: sp.Kind, Span: d.span(m.ti, m.tj)}, k + 1, true
		}
		return claim.Attribution{}, 0, false
	}
	for j := 1; j < k; j++ {
		if _, ok := d.mentionAt(j); ok {
			return claim.Attribution{}, 0, false
		}
	}
	return claim.Attribution{Who: d.text[d.toks[1].s:d.toks[k-1].e], Kind: claim.SpeakerOutlet, Span: d.span(1, k)}, k + 1, true
}

// boilerplate reports lines that are never claims: photo credits, "Also
// read" links.
func (d *doc) boilerplate(low string) bool {
	low = strings.TrimSpace(low)
	for _, p := range d.g.bpPrefix {
		if strings.HasPrefix(low, p) {
			return true
		}
	}
	for _, p := range d.g.bpSub {
		if strings.Contains(low, p) {
			return true
		}
	}
	return false
}

// isHeadline reports a paragraph that reads as a title: no sentence-final
// punctuation and short.
func isHeadline(d *doc) bool {
	n := len(d.toks)
	last := n - 1
	for last >= 0 && d.toks[last].kind == tPunct {
		r, _ := decode(d.text, d.toks[last].s)
		// A line ending in a colon leads into a quote or a list ("Tobias
		// Ellwood said:"), which a headline does not.
		if r == '.' || r == '?' || r == '!' || r == '…' || r == ':' {
			return false
		}
		if !isCloseQuote(r) {
			break
		}
		last--
	}
	words := 0
	for _, t := range d.toks {
		if t.kind != tPunct {
			words++
		}
	}
	return words < 30
}

// quoteSpeaker gives the speaker a quote of several sentences names at its
// end ("“… is not true, this is a lie. Both are lies,” Omer Celik told a
// news conference") to the claims of its earlier sentences, which name no
// speaker of their own: they are the same person's words.
func (x *Extractor) quoteSpeaker(d *doc, st *state, cs []claim.Claim) {
	if len(cs) == 0 || len(d.toks) < 4 {
		return
	}
	if r := runeAt(d, 0); d.toks[0].kind != tPunct || r != '"' && r != '“' {
		return
	}
	open := d.toks[0].s
	// The quote closes at the first closing double quote, after a comma.
	q := -1
	for k := 1; k < len(d.toks); k++ {
		if r := runeAt(d, k); d.toks[k].kind == tPunct && (r == '"' || r == '”') {
			q = k
			break
		}
	}
	if q < 2 || !d.isComma(q-1) || q+1 >= len(d.toks) {
		return
	}
	to := q + 1
	for to < len(d.toks) && !(d.toks[to].kind == tPunct && d.text[d.toks[to].s:d.toks[to].e] == ".") {
		to++
	}
	links, ok := x.tailAttribution(d, st, q+1, to)
	if !ok || len(links) == 0 || links[0].Kind == claim.SpeakerOutlet {
		return
	}
	closeAt := d.toks[q].s
	for k := range cs {
		c := &cs[k]
		if c.Start < open || c.End > closeAt || slices.ContainsFunc(c.Attribution, func(a claim.Attribution) bool { return a.Kind != claim.SpeakerOutlet }) {
			continue
		}
		c.Attribution = appendNew(append([]claim.Attribution(nil), links...), c.Attribution...)
		c.Rules = append(c.Rules, claim.RuleRef{Field: "attribution", Rule: ruleQuoteSpeaker})
		sp := links[0]
		if (c.Action == claim.ActionDeny || c.Action == claim.ActionConfirm) && x.personSpeaker(sp) && !slices.ContainsFunc(c.Actors, func(a claim.Actor) bool { return strings.EqualFold(a.Name, sp.Who) }) {
			c.Actors = append([]claim.Actor{{Name: sp.Who, Span: sp.Span}}, c.Actors...)
			c.Rules = append(c.Rules, claim.RuleRef{Field: "actors", Rule: ruleActorDenier})
		}
	}
}

// namedLater names the person a paragraph introduced only by role ("A
// spokesman for Turkish President Tayyip Erdogan's AK Party denied both
// reports.") when the next paragraph quotes a person by bare name the text
// has not named before ("…,” Omer Celik told a news conference"): the
// reporter describes, then names, the same speaker.
func namedLater(st *state, prev, before, cur []claim.Claim) {
	if len(st.described) == 0 || len(prev) == 0 {
		return
	}
	var named claim.Attribution
	for _, c := range cur {
		if len(c.Attribution) > 0 && c.Attribution[0].Kind == claim.SpeakerNamed && strings.Contains(c.Attribution[0].Who, " ") {
			named = c.Attribution[0]
			break
		}
	}
	if named.Who == "" {
		return
	}
	seen := func(cs []claim.Claim) bool {
		return slices.ContainsFunc(cs, func(c claim.Claim) bool {
			return slices.ContainsFunc(c.Attribution, func(a claim.Attribution) bool { return a.Who == named.Who })
		})
	}
	if seen(before) || seen(prev) {
		return
	}
	for k := range prev {
		c := &prev[k]
		if len(c.Attribution) == 0 || !st.described[c.Attribution[0].Who] {
			continue
		}
		desc := c.Attribution[0].Who
		c.Attribution[0].Who = named.Who
		for j := range c.Actors {
			if c.Actors[j].Name == desc {
				c.Actors[j].Name = named.Who
			}
		}
		c.Rules = append(c.Rules, claim.RuleRef{Field: "attribution", Rule: ruleNamedLater})
	}
}
