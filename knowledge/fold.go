package knowledge

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Fold normalises a name for matching: compatibility decomposition (NFKD)
// with combining marks stripped (Hamadān → hamadan, Īlām → ilam), lower
// case, apostrophe-like marks (’ ‘ ʼ ʻ ʿ ʾ ` ´) removed so that Kata'ib and
// Kataib meet, hyphens, dashes and other punctuation turned into spaces, and
// runs of spaces collapsed. Transliteration variants (Hezbollah/Hizballah)
// are not Fold's business: the packs list them as aliases.
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, tok := range foldTokens(s) {
		if space {
			b.WriteByte(' ')
		}
		b.WriteString(tok)
		space = true
	}
	return b.String()
}

// FoldLoose is Fold with a leading Arabic article ("al-", "el-", "Al ") dropped,
// so that "Al Kut" and "Kut" or "al-Hashd al-Shaabi" and "Hashd al-Shaabi" meet.
func FoldLoose(s string) string {
	f := Fold(s)
	for _, art := range []string{"al ", "el ", "ad ", "an ", "ar ", "as ", "ash ", "at ", "az "} {
		if rest, ok := strings.CutPrefix(f, art); ok && rest != "" {
			return rest
		}
	}
	return f
}

// foldTokens splits s into folded words the same way Scan does.
func foldTokens(s string) []string {
	var out []string
	var buf []byte
	for i := 0; i < len(s); {
		start, end, next := nextWord(s, i)
		if start < 0 {
			break
		}
		buf = foldWord(buf[:0], s[start:end])
		if len(buf) > 0 {
			out = append(out, string(buf))
		}
		i = next
	}
	return out
}

// isApostrophe reports marks that are deleted inside words.
func isApostrophe(r rune) bool {
	switch r {
	case '\'', '’', '‘', 'ʼ', 'ʻ', 'ʿ', 'ʾ', '`', '´', '′', 'ʹ':
		return true
	}
	return false
}

// isWordRune reports runes that belong to words.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiWord[r]
	}
	if r == 'ʿ' || r == 'ʾ' || r == 'ʼ' || r == 'ʻ' || r == 'ʹ' {
		return false // modifier letters used as apostrophes (ʿAyn, hamza)
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

var asciiWord = func() (t [utf8.RuneSelf]bool) {
	for c := '0'; c <= '9'; c++ {
		t[c] = true
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c] = true
		t[c-'a'+'A'] = true
	}
	return t
}()

// nextWord finds the next word at or after byte i of s. A word is a run of
// letters, digits and marks, possibly joined by apostrophes (Kata'ib), but a
// possessive "'s" or a trailing apostrophe is left outside it (Iran’s → Iran).
// It returns the word's byte range and where to continue, or start = -1.
func nextWord(s string, i int) (start, end, next int) {
	// Skip to the first word rune.
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			if asciiWord[c] {
				break
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if isWordRune(r) {
			break
		}
		i += n
	}
	if i >= len(s) {
		return -1, -1, len(s)
	}
	start = i
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			if asciiWord[c] {
				i++
				continue
			}
			if c != '\'' && c != '`' {
				break
			}
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if isWordRune(r) {
			i += n
			continue
		}
		if !isApostrophe(r) {
			break
		}
		// An apostrophe stays inside the word only when a word rune follows
		// and it is not a possessive 's at the end of a word.
		j := i + n
		if j >= len(s) {
			break
		}
		r2, n2 := utf8.DecodeRuneInString(s[j:])
		if !isWordRune(r2) {
			break
		}
		if r2 == 's' || r2 == 'S' {
			k := j + n2
			if k >= len(s) {
				break
			}
			r3, _ := utf8.DecodeRuneInString(s[k:])
			if !isWordRune(r3) {
				break
			}
		}
		i = j
	}
	return start, i, i
}

// folded reports whether the word w (as found by nextWord) is its own
// folded form: ASCII without capitals or apostrophes, as most words of
// running text are, which Scan then looks up without copying.
func folded(w string) bool {
	for i := 0; i < len(w); i++ {
		if c := w[i]; c >= utf8.RuneSelf || 'A' <= c && c <= 'Z' || c == '\'' || c == '`' {
			return false
		}
	}
	return true
}

// foldWord appends the folded form of word w (as found by nextWord) to dst.
func foldWord(dst []byte, w string) []byte {
	ascii := true
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		for i := 0; i < len(w); i++ {
			c := w[i]
			switch {
			case c >= 'A' && c <= 'Z':
				dst = append(dst, c+'a'-'A')
			case c == '\'' || c == '`':
			default:
				dst = append(dst, c)
			}
		}
		return dst
	}
	for _, r := range norm.NFKD.String(w) {
		switch {
		case unicode.Is(unicode.Mn, r), isApostrophe(r):
			continue
		}
		if sp, ok := special[r]; ok {
			dst = append(dst, sp...)
			continue
		}
		dst = utf8.AppendRune(dst, unicode.ToLower(r))
	}
	return dst
}

// special maps letters that NFKD does not decompose to their usual
// Latin transliteration.
var special = map[rune]string{
	'ı': "i", 'ł': "l", 'Ł': "l", 'ø': "o", 'Ø': "o", 'đ': "d", 'Đ': "d", 'ð': "d", 'Ð': "d",
	'ß': "ss", 'æ': "ae", 'Æ': "ae", 'œ': "oe", 'Œ': "oe", 'þ': "th", 'Þ': "th", 'ħ': "h", 'Ħ': "h",
	'ə': "a", 'Ə': "a",
}
