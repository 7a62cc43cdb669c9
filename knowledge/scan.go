package knowledge

import (
	"cmp"
	"slices"
	"unicode"
	"unicode/utf8"
)

// The scanner matches whole words. Text and names are cut into words the
// same way (nextWord) and each word is folded (foldWord) and interned; names
// become paths in a trie over word IDs. Scanning is then one map lookup per
// word of text plus a short walk where a word starts a name, and offsets stay
// those of the original text because words are never rewritten in place.
//
// A byte-level Aho–Corasick automaton (github.com/BobuSumisu/aho-corasick)
// was the first plan, but its dense 256-way transition table costs 2 KiB per
// state, and the default pack's 13,000 names make about 156,000 states:
// over 300 MB. Matching on words also gives word boundaries for free.
type scanner struct {
	words    map[string]int32 // folded word → word ID (from 1)
	trans    map[uint64]int32 // node<<32 | word → child node
	terminal map[int32][]candidate
	nodes    int32
	// What freeze derives from the above for Scan, which runs one lookup
	// of these per word of text: the root's children by word ID (the
	// transition nearly every word tries, and the only one most try), the
	// candidates by node, and the word IDs of the Arabic article.
	rootChild []int32
	term      [][]candidate
	al, el    int32
}

// caseRule says how the original text must be written to count as a mention.
type caseRule uint8

const (
	caseUpperStart caseRule = iota // "Basra": the first letter upper-case
	caseExact                      // "PMF", "MIT": exactly as written
	caseSomeUpper                  // "al-Hashd al-Shaabi", "western Iran": some letter upper-case
)

type candidate struct {
	kind  MatchKind
	index int32 // into the pack's table of that kind
	rule  caseRule
	form  DemonymForm // demonyms: how this country uses the form
	exact string      // the alias as written, for caseExact
}

// blockMatch marks a phrase that holds a demonym but does not mean the
// country ("Latin American", "Indian Ocean"): Scan passes over it whole and
// reports nothing, unless a place or an actor has the same name.
const blockMatch MatchKind = -1

func newScanner() *scanner {
	return &scanner{
		words:    make(map[string]int32),
		trans:    make(map[uint64]int32),
		terminal: make(map[int32][]candidate),
		nodes:    1, // node 1 is the root
	}
}

// add registers one written name of an entry.
func (s *scanner) add(kind MatchKind, index int, alias string) { s.addForm(kind, index, alias, 0) }

// addForm registers one written name of an entry, with its demonym form;
// the forms of one country's same name are merged ("Iranian" adjective and
// singular noun).
func (s *scanner) addForm(kind MatchKind, index int, alias string, form DemonymForm) {
	toks := foldTokens(alias)
	if len(toks) == 0 {
		return
	}
	node := int32(1)
	for _, t := range toks {
		w, ok := s.words[t]
		if !ok {
			w = int32(len(s.words) + 1)
			s.words[t] = w
		}
		k := uint64(node)<<32 | uint64(w)
		next, ok := s.trans[k]
		if !ok {
			s.nodes++
			next = s.nodes
			s.trans[k] = next
		}
		node = next
	}
	c := candidate{kind: kind, index: int32(index), rule: ruleFor(alias), form: form}
	if c.rule == caseExact {
		c.exact = alias
	}
	cs := s.terminal[node]
	for k := range cs {
		if old := &cs[k]; old.kind == c.kind && old.index == c.index && old.rule == c.rule && old.exact == c.exact {
			old.form |= form
			return
		}
	}
	s.terminal[node] = append(s.terminal[node], c)
}

// ruleFor decides the case rule from how a name is written: acronyms
// (two or more letters, none lower-case) must match exactly.
func ruleFor(alias string) caseRule {
	letters, upper, lower := 0, 0, 0
	for _, r := range alias {
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				upper++
			} else if unicode.IsLower(r) {
				lower++
			}
		}
	}
	if letters >= 2 && lower == 0 && upper >= 2 {
		return caseExact
	}
	for _, r := range alias {
		if unicode.IsLetter(r) {
			if unicode.IsUpper(r) {
				return caseUpperStart
			}
			if unicode.IsLower(r) {
				return caseSomeUpper
			}
			return caseUpperStart // scripts without case
		}
	}
	return caseUpperStart
}

// sortCandidates orders each terminal's candidates: actors, speakers,
// demonyms (in pack order), peoples, places (best first), blocks, airports.
func (s *scanner) sortCandidates(p *Pack) {
	for _, cs := range s.terminal {
		slices.SortStableFunc(cs, func(a, b candidate) int {
			if c := cmp.Compare(a.kind, b.kind); c != 0 {
				return kindOrder(a.kind) - kindOrder(b.kind)
			}
			if a.kind == PlaceMatch {
				return comparePlaces(&p.places[a.index], &p.places[b.index])
			}
			return cmp.Compare(a.index, b.index)
		})
	}
}

func kindOrder(k MatchKind) int {
	switch k {
	case ActorMatch:
		return 0
	case SpeakerMatch:
		return 1
	case DemonymMatch:
		return 2
	case PeopleMatch:
		return 3
	case PlaceMatch:
		return 4
	case blockMatch:
		return 5
	}
	return 6
}

// freeze builds the lookup tables Scan reads; the scanner takes no
// names after it.
func (s *scanner) freeze() {
	s.rootChild = make([]int32, len(s.words)+1)
	for k, next := range s.trans {
		if k>>32 == 1 {
			s.rootChild[int32(k)] = next
		}
	}
	s.term = make([][]candidate, s.nodes+1)
	for node, cs := range s.terminal {
		s.term[node] = cs
	}
	s.al, s.el = s.words["al"], s.words["el"]
}

// child returns the node reached from node by word w, or 0.
func (s *scanner) child(node, w int32) int32 {
	if node == 1 {
		return s.rootChild[w]
	}
	return s.trans[uint64(node)<<32|uint64(w)]
}

// isArticle reports whether word w is the Arabic article (al, el).
func (s *scanner) isArticle(w int32) bool {
	return w != 0 && (w == s.al || w == s.el)
}

// attached reports whether an article is joined to the next word: "al-",
// "al-‘", "al‑".
func attached(gap string) bool {
	if gap == "" {
		return false
	}
	r, n := utf8.DecodeRuneInString(gap)
	if r != '-' && r != '‐' && r != '‑' {
		return false
	}
	rest := gap[n:]
	if rest == "" {
		return true
	}
	r, n = utf8.DecodeRuneInString(rest)
	return isApostrophe(r) && n == len(rest)
}

type token struct {
	start, end int
	word       int32
}

// Scan finds every mention of a pack entry in text: whole words only, the
// longest name wins, matches do not overlap and come in text order. Names
// written with a capital must be capitalised in the text too, and acronyms
// (PMF, MIT, IRGC) must match exactly, so that "mit" or "basra" in lower case
// are not taken for names.
func (p *Pack) Scan(text string) []Match {
	// News prose names something every few hundred bytes; sizing for that
	// saves most of the copying as out grows.
	return p.ScanAppend(make([]Match, 0, len(text)/256+4), text)
}

// ScanAppend is Scan appending to dst, so that a caller scanning many texts
// can reuse one slice.
func (p *Pack) ScanAppend(dst []Match, text string) []Match {
	return p.ScanAppendHint(dst, text, nil)
}

// WordHint is what a caller that has looked the words of a text up
// already (see Words) tells ScanAppendHint, which then need not look
// them up again.
type WordHint interface {
	// WordID returns the word ID (as Words gives it, 0 for a word no name
	// has) of the word at text[start:end] as Scan cuts the text into
	// words, with ok = false when the caller does not know it.
	WordID(start, end int) (id int32, ok bool)
}

// Words calls fn with each word the pack's names are made of, folded as
// Fold folds a word, and its word ID (from 1). Any other word has ID 0.
func (p *Pack) Words(fn func(w string, id int32)) {
	for w, id := range p.scan.words {
		fn(w, id)
	}
}

// ScanAppendHint is ScanAppend taking the IDs of words from hint where
// it knows them (nil: nowhere). With a hint that answers as Words does,
// the matches are those of ScanAppend.
func (p *Pack) ScanAppendHint(dst []Match, text string, hint WordHint) []Match {
	s := p.scan
	out := dst
	win := make([]token, 0, 32)
	var buf []byte
	pos := 0
	fill := func() bool {
		start, end, next := nextWord(text, pos)
		if start < 0 {
			pos = len(text)
			return false
		}
		pos = next
		id, ok := int32(0), false
		if hint != nil {
			id, ok = hint.WordID(start, end)
		}
		if !ok {
			if w := text[start:end]; folded(w) {
				id = s.words[w]
			} else {
				buf = foldWord(buf[:0], w)
				id = s.words[string(buf)]
			}
		}
		win = append(win, token{start: start, end: end, word: id})
		return true
	}
	// win[i] is the word being tried; win[i-1], when i > 0, the word before
	// it, kept for the article check.
	i, lastEnd := 0, 0
	for {
		if i >= len(win) {
			if len(win) > 0 {
				win[0], win, i = win[len(win)-1], win[:1], 1
			}
			if !fill() {
				break
			}
		} else if i >= 16 {
			n := copy(win, win[i-1:])
			win, i = win[:n], 1
		}
		if win[i].word == 0 {
			i++
			continue
		}
		node := int32(1)
		var best []candidate
		bestJ := -1
		for j := i; ; j++ {
			if j >= len(win) && !fill() {
				break
			}
			t := win[j]
			if t.word == 0 || (j > i && !gapOK(text, win[j-1], t)) {
				break
			}
			next := s.child(node, t.word)
			if next == 0 {
				break
			}
			node = next
			if cs := s.term[node]; cs != nil {
				if valid := validCandidates(cs, text[win[i].start:t.end]); valid != nil {
					best, bestJ = valid, j
				}
			}
		}
		if bestJ < 0 {
			i++
			continue
		}
		start, end := win[i].start, win[bestJ].end
		if best[0].kind == blockMatch {
			i, lastEnd = bestJ+1, end
			continue
		}
		if i > 0 && best[0].kind != SpeakerMatch && best[0].kind != DemonymMatch && best[0].kind != PeopleMatch && best[0].kind != AirportMatch {
			// Take in an attached Arabic article: "al-Hadar", not "Hadar".
			if prev := win[i-1]; prev.start >= lastEnd && s.isArticle(prev.word) && attached(text[prev.end:start]) {
				start = prev.start
			}
		}
		out = append(out, p.match(best, start, end, text))
		i, lastEnd = bestJ+1, end
	}
	return out
}

// validCandidates returns the candidates whose case rule the written text
// satisfies, or nil.
func validCandidates(cs []candidate, written string) []candidate {
	var first = -1
	n := 0
	for k, c := range cs {
		if caseOK(c, written) {
			if first < 0 {
				first = k
			}
			n++
		}
	}
	if n == 0 {
		return nil
	}
	if n == len(cs) {
		return cs
	}
	out := make([]candidate, 0, n)
	for _, c := range cs {
		if caseOK(c, written) {
			out = append(out, c)
		}
	}
	return out
}

func caseOK(c candidate, written string) bool {
	switch c.rule {
	case caseExact:
		return written == c.exact
	case caseUpperStart:
		r, _ := utf8.DecodeRuneInString(written)
		return !unicode.IsLower(r)
	default:
		for _, r := range written {
			if unicode.IsUpper(r) {
				return true
			}
		}
		return false
	}
}

func (p *Pack) match(cs []candidate, start, end int, text string) Match {
	m := Match{Start: start, End: end, Kind: cs[0].kind, ID: p.candidateID(cs[0]), Text: text[start:end], Form: cs[0].form}
	for _, c := range cs[1:] {
		if c.kind != m.Kind {
			break
		}
		id := p.candidateID(c)
		if id != m.ID && !slices.Contains(m.Others, id) {
			m.Others = append(m.Others, id)
		}
	}
	return m
}

func (p *Pack) candidateID(c candidate) string {
	switch c.kind {
	case ActorMatch:
		return p.actors[c.index].ID
	case SpeakerMatch:
		return p.speakers[c.index].ID
	case PlaceMatch:
		return p.places[c.index].ID
	case AirportMatch:
		a := p.airports[c.index]
		return cmp.Or(a.IATA, a.ICAO)
	case DemonymMatch:
		return p.nations[c.index].Country
	case PeopleMatch:
		return p.peoples[c.index].ID
	}
	return ""
}

// gapOK reports whether the characters between two words may sit inside one
// name: spaces (at most one line break), or a hyphen, dash, dot or
// apostrophe ("al-Shaabi", "Iran–Iraq", "U.S."), but not sentence or clause
// punctuation.
func gapOK(text string, a, b token) bool {
	gap := text[a.end:b.start]
	if gap == " " || gap == "-" {
		return true
	}
	marks, newlines := 0, 0
	for k, r := range gap {
		switch {
		case r == '\n':
			newlines++
		case unicode.IsSpace(r):
		case r == '-' || r == '‐' || r == '‑' || r == '–' || isApostrophe(r):
			marks++
		case r == '.':
			// Only after an initial, as in "U.S. Army".
			if a.end-a.start != 1 || k != 0 {
				return false
			}
			marks++
		default:
			return false
		}
	}
	return marks <= 2 && newlines <= 1
}
