package extract

import (
	"strconv"
	"strings"
)

var smallNumbers = map[string]int{
	"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
	"eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
	"fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}

var tensNumbers = map[string]int{
	"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
	"eighty": 80, "ninety": 90,
}

var scaleWords = map[string]float64{
	"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9,
	"dozen": 12, // "two dozen buses"
}

// spelledWord returns the value of one spelled-out word ("four",
// "twenty-five"), or false.
func spelledWord(w string) (int, bool) {
	if v, ok := smallNumbers[w]; ok {
		return v, true
	}
	if v, ok := tensNumbers[w]; ok {
		return v, true
	}
	if a, b, ok := strings.Cut(w, "-"); ok {
		t, ok1 := tensNumbers[a]
		u, ok2 := smallNumbers[b]
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
		if (w == "a" || w == "one") && j < end {
			switch d.w(j) {
			case "dozen":
				return 12, j + 1, true
			case "hundred", "thousand", "million":
				v = 1
				goto scale
			}
		}
		n, ok := spelledWord(w)
		if !ok {
			return 0, i, false
		}
		v = float64(n)
		// twenty five (without hyphen)
		if n >= 20 && n%10 == 0 && j < end {
			if u, ok := smallNumbers[d.w(j)]; ok && u > 0 && u < 10 {
				v += float64(u)
				j++
			}
		}
	default:
		return 0, i, false
	}
scale:
	for j < end && d.toks[j].kind == tWord {
		s, ok := scaleWords[d.w(j)]
		if !ok {
			break
		}
		if s == 100 {
			v *= s
			j++
			// two hundred and fifty
			if j+1 < end && d.w(j) == "and" {
				if n, ok := spelledWord(d.w(j + 1)); ok && n < 100 {
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
	d := newDoc(s)
	d.toks = tokenize(d.toks[:0], s, 0, len(s))
	if len(d.toks) == 0 {
		return 0, false
	}
	v, j, ok := d.numberAt(0, len(d.toks))
	if !ok || j != len(d.toks) {
		return 0, false
	}
	return v, true
}
