package extract

import (
	"strconv"
	"strings"
)

// spelledWord returns the value of one spelled-out word ("four",
// "twenty-five"), or false.
func (g *grammar) spelledWord(w string) (int, bool) {
	if v, ok := g.small[w]; ok {
		return v, true
	}
	if v, ok := g.tens[w]; ok {
		return v, true
	}
	if a, b, ok := strings.Cut(w, "-"); ok {
		t, ok1 := g.tens[a]
		u, ok2 := g.small[b]
		if ok1 && ok2 && u > 0 && u < 10 {
			return t + u, true
		}
	}
	return 0, false
}

// parseDigits reads "2,000" or "1.5" or "15".
func parseDigits(s string) (float64, bool) {
	if strings.IndexByte(s, ',') >= 0 {
		// Thousands separators must group by three: 2,000 and 12,500 but not 1,5.
		parts := strings.Split(s, ",")
		for k, p := range parts[1:] {
			if k == len(parts)-2 {
				p, _, _ = strings.Cut(p, ".")
			}
			if len(p) != 3 {
				return 0, false
			}
		}
		s = strings.ReplaceAll(s, ",", "")
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, false
	}
	return v, true
}

// numberAt parses a number written at token i of d (digits, spelled-out
// words, "a dozen", "1.5 million", "two hundred and fifty") and returns its
// value and the index of the first token after it.
func (d *doc) numberAt(i, end int) (float64, int, bool) {
	if i >= end {
		return 0, i, false
	}
	t := d.toks[i]
	var v float64
	j := i + 1
	switch {
	case t.kind == tNum:
		x, ok := parseDigits(d.text[t.s:t.e])
		if !ok {
			return 0, i, false
		}
		v = x
	case t.kind == tWord:
		w := d.w(i)
		// "a dozen", "a hundred", "one thousand".
		if d.is(i, cNumberWord) && j < end {
			if s, ok := d.g.scale[d.w(j)]; ok {
				return s, j + 1, true
			}
		}
		n, ok := d.g.spelledWord(w)
		if !ok {
			return 0, i, false
		}
		v = float64(n)
		// twenty five (without hyphen)
		if n >= 20 && n%10 == 0 && j < end {
			if u, ok := d.g.small[d.w(j)]; ok && u > 0 && u < 10 {
				v += float64(u)
				j++
			}
		}
	default:
		return 0, i, false
	}
	for j < end && d.toks[j].kind == tWord {
		s, ok := d.g.scale[d.w(j)]
		if !ok {
			break
		}
		if s == 100 {
			v *= s
			j++
			// two hundred and fifty
			if j+1 < end && d.is(j, cAndWord) {
				if n, ok := d.g.spelledWord(d.w(j + 1)); ok && n < 100 {
					v += float64(n)
					j += 2
				}
			}
			continue
		}
		v *= s
		j++
		break
	}
	return v, j, true
}

// ParseNumber reads a number written in s: digits with thousands separators
// ("2,000"), decimals with a scale ("1.5 million"), or words ("four",
// "twenty-five", "two hundred and fifty", "a dozen"). The whole of s must be
// the number, apart from surrounding space.
func ParseNumber(s string) (float64, bool) {
	d := newDoc(defaultGrammar(), nil, s)
	d.toks = tokenize(d.toks[:0], s, 0, len(s))
	if len(d.toks) == 0 {
		return 0, false
	}
	d.lookupWords()
	v, j, ok := d.numberAt(0, len(d.toks))
	if !ok || j != len(d.toks) {
		return 0, false
	}
	return v, true
}
