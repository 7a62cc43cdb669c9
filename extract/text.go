package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// tokKind classifies a token.
type tokKind uint8

const (
	tWord  tokKind = iota // letters, possibly with digits, hyphens and apostrophes
	tNum                  // digits, possibly with thousands separators and a decimal point
	tPunct                // one punctuation rune
)

// tok is one token of a paragraph, by byte offsets into the document text.
type tok struct {
	s, e int
	kind tokKind
	cap  bool // starts with an upper-case letter
	poss bool // followed by a possessive 's (left out of the token)
	hyph bool // contains a hyphen (a compound such as Iran-aligned)
	// plain: a word of ASCII letters and digits only, which the knowledge
	// pack's scan reads as one word, folded to its lower case.
	plain bool
}

// maxTokens bounds a sentence: longer runs without a sentence end (tables,
// lists, binary junk) are cut, so that work per sentence stays bounded.
const maxTokens = 400

// lowerASCII returns s with ASCII letters lower-cased; other bytes are kept,
// so offsets into the result equal offsets into s.
func lowerASCII(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	run := 0 // start of the pending run without capitals
	for i := 0; i < len(s); i++ {
		if c := s[i]; 'A' <= c && c <= 'Z' {
			b.WriteString(s[run:i])
			b.WriteByte(c + 'a' - 'A')
			run = i + 1
		}
	}
	b.WriteString(s[run:])
	return b.String()
}

func isApos(r rune) bool { return r == '\'' || r == '’' || r == 'ʼ' }

func isHyphen(r rune) bool { return r == '-' || r == '‐' || r == '‑' }

// isLetter is inlined for ASCII, which nearly all news text is; the
// Unicode tables are a call of their own.
func isLetter(r rune) bool {
	if uint32(r) < utf8.RuneSelf {
		return 'a' <= r|0x20 && r|0x20 <= 'z'
	}
	return isLetterSlow(r)
}

//go:noinline
func isLetterSlow(r rune) bool { return unicode.IsLetter(r) || unicode.IsMark(r) }

// asciiAlnum marks the bytes that are ASCII letters and digits.
var asciiAlnum = func() (t [256]bool) {
	for c := 0; c < utf8.RuneSelf; c++ {
		t[c] = isLetter(rune(c)) || isDigit(rune(c))
	}
	return t
}()

func isDigit(r rune) bool { return '0' <= r && r <= '9' }

func decode(s string, i int) (rune, int) {
	if i >= len(s) {
		return -1, 0
	}
	c := s[i]
	if c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(s[i:])
}

// isSpace is unicode.IsSpace with the ASCII case inlined.
func isSpace(r rune) bool {
	if uint32(r) < utf8.RuneSelf {
		return r == ' ' || '\t' <= r && r <= '\r'
	}
	return unicode.IsSpace(r)
}

// isUpper is unicode.IsUpper with the ASCII case inlined.
func isUpper(r rune) bool {
	if uint32(r) < utf8.RuneSelf {
		return 'A' <= r && r <= 'Z'
	}
	return isUpperSlow(r)
}

//go:noinline
func isUpperSlow(r rune) bool { return unicode.IsUpper(r) }

// tokenize cuts text[from:to] into tokens, appending to dst.
func tokenize(dst []tok, text string, from, to int) []tok {
	i := from
	for i < to {
		// The ASCII case is written out here and below: these loops see
		// every byte of the text, and decode is too large to inline.
		r, n := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(text[i:])
		}
		if r == utf8.RuneError && n <= 1 {
			i++ // invalid byte: skip it
			continue
		}
		if isSpace(r) {
			i += n
			continue
		}
		switch {
		case isDigit(r):
			j := i + n
			for j < to {
				c, m := rune(text[j]), 1
				if c >= utf8.RuneSelf {
					c, m = utf8.DecodeRuneInString(text[j:])
				}
				if isDigit(c) {
					j += m
					continue
				}
				// 2,000 and 1.5: a separator between digits.
				if (c == ',' || c == '.') && j+1 < to && isDigit(rune(text[j+1])) {
					j += m
					continue
				}
				break
			}
			// 9th, 21st, 20-plus, Flightradar24-like: digits glued to letters make a word.
			k := j
			for k < to {
				c, m := rune(text[k]), 1
				if c >= utf8.RuneSelf {
					c, m = utf8.DecodeRuneInString(text[k:])
				}
				if isLetter(c) {
					k += m
					continue
				}
				break
			}
			if k > j {
				dst = append(dst, tok{s: i, e: k, kind: tWord})
				i = k
			} else {
				dst = append(dst, tok{s: i, e: j, kind: tNum})
				i = j
			}
		case isLetter(r):
			t := tok{s: i, kind: tWord, cap: isUpper(r), plain: r < utf8.RuneSelf}
			j := i + n
			for j < to {
				// Most of a word is ASCII letters: one table look a byte.
				if asciiAlnum[text[j]] {
					j++
					continue
				}
				// Whatever the word takes in from here on is not ASCII
				// alphanumeric; a possessive's 's is left out of it.
				plain := t.plain
				t.plain = false
				c, m := rune(text[j]), 1
				if c >= utf8.RuneSelf {
					c, m = utf8.DecodeRuneInString(text[j:])
				}
				if isLetter(c) || isDigit(c) {
					j += m
					continue
				}
				if isHyphen(c) && j+m < to {
					if d, _ := decode(text, j+m); isLetter(d) || isDigit(d) {
						t.hyph = true
						j += m
						continue
					}
				}
				if isApos(c) && j+m < to {
					d, dm := decode(text, j+m)
					if d == 's' || d == 'S' {
						// Possessive 's: keep it out of the word.
						e, _ := decode(text, j+m+dm)
						if e < 0 || !isLetter(e) {
							t.poss = true
							t.plain = plain
							t.e = j
							dst = append(dst, t)
							j += m + dm
							goto next
						}
					}
					if isLetter(d) {
						j += m
						continue
					}
				}
				// U.S., U.N.: a capital, a dot, a capital, a dot.
				if c == '.' && j-i == 1 && t.cap && j+2 < to && text[j+1] >= 'A' && text[j+1] <= 'Z' && text[j+2] == '.' {
					j += 3
					continue
				}
				t.plain = plain // nothing taken in: the word ends here
				break
			}
			t.e = j
			dst = append(dst, t)
		next:
			i = j
		default:
			dst = append(dst, tok{s: i, e: i + n, kind: tPunct})
			i += n
		}
	}
	return dst
}

func isCloseQuote(r rune) bool {
	return r == '"' || r == '”' || r == '’' || r == '\'' || r == ')' || r == ']' || r == '»'
}

func isOpenQuote(r rune) bool {
	return r == '"' || r == '“' || r == '‘' || r == '\'' || r == '(' || r == '[' || r == '«'
}

// sentences cuts a paragraph's tokens into sentences, as [start, end) token
// index pairs appended to dst. A sentence ends at . ! ? (and any closing
// quotes) when the next token opens a new sentence, unless the dot follows an
// abbreviation or an initial.
func (d *doc) sentences(dst [][2]int) [][2]int {
	toks, text, low := d.toks, d.text, d.low
	start := 0
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if i-start >= maxTokens {
			dst = append(dst, [2]int{start, i})
			start = i
		}
		if t.kind != tPunct {
			continue
		}
		r, _ := decode(text, t.s)
		if r != '.' && r != '!' && r != '?' && r != '…' {
			continue
		}
		end := i + 1
		for end < len(toks) && toks[end].kind == tPunct {
			q, _ := decode(text, toks[end].s)
			if !isCloseQuote(q) && q != '.' && q != '!' && q != '?' {
				break
			}
			end++
		}
		if end >= len(toks) {
			break
		}
		if r == '.' && i > 0 && toks[i-1].e == t.s && toks[i-1].kind == tWord {
			w := low[toks[i-1].s:toks[i-1].e]
			// An initial ("George W. Bush") follows a capitalised word.
			initial := toks[i-1].e-toks[i-1].s == 1 && toks[i-1].cap && i >= 2 && toks[i-2].cap
			if d.g.wordIs(w, cAbbreviation) || initial {
				continue
			}
		}
		nt := toks[end]
		nr, _ := decode(text, nt.s)
		if !(nt.cap || nt.kind == tNum || isOpenQuote(nr) || (nt.kind == tPunct && !isCloseQuote(nr))) {
			continue
		}
		dst = append(dst, [2]int{start, end})
		start = end
		i = end - 1
	}
	if start < len(toks) {
		dst = append(dst, [2]int{start, len(toks)})
	}
	return dst
}

// paragraphs calls fn for each paragraph of text: the runs between line
// breaks, trimmed of surrounding space. Very long paragraphs are cut at a
// sentence-looking boundary so that per-paragraph work stays bounded.
func paragraphs(text string, fn func(start, end int)) {
	const maxPara = 1 << 16
	i := 0
	for i < len(text) {
		j := len(text)
		if k := strings.IndexByte(text[i:], '\n'); k >= 0 {
			j = i + k
		}
		for s := i; s < j; {
			e := j
			if e-s > maxPara {
				e = cutPoint(text, s, s+maxPara)
			}
			fn(s, e)
			s = e
		}
		i = j + 1
	}
}

// cutPoint finds a place to cut text before limit: after ". " if there is
// one in the last quarter, else at a space, else at a rune boundary.
func cutPoint(text string, start, limit int) int {
	lo := start + (limit-start)*3/4
	for k := limit - 1; k > lo; k-- {
		if text[k] == ' ' && text[k-1] == '.' {
			return k + 1
		}
	}
	for k := limit - 1; k > lo; k-- {
		if text[k] == ' ' {
			return k + 1
		}
	}
	k := limit
	for k > start+1 && !utf8.RuneStart(text[k]) {
		k--
	}
	return k
}
