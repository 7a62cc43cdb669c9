package server

import (
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/errs"
	"github.com/triangulate/triangulate/knowledge"
	"github.com/triangulate/triangulate/report"
)

// claimSearch is what the claims page searches for beyond the store's
// filters: words, a speaker, a place, a time window and a figure. Text is
// matched folded (case, diacritics, apostrophes, thousands separators), a
// name also in other romanisations of it (spellingKey: "Toghanyan" finds
// "Toganyan"), and names resolved to a pack entry also match by the
// entry's aliases, so "Hashed al-Shaabi" finds a claim whose text says
// "Hashd".
type claimSearch struct {
	Words    []string // folded tokens, all of which must occur
	Speaker  []string
	Place    []string
	From, To string  // YYYY-MM-DD, inclusive; "" open
	FigLo    float64 // a figure: the claim has a quantity overlapping [FigLo, FigHi]
	FigHi    float64
	HasFig   bool
}

// parseClaimSearch reads q, speaker, place, from, to and figure.
func parseClaimSearch(q url.Values) (claimSearch, error) {
	cs := claimSearch{
		Words:   searchTokens(q.Get("q")),
		Speaker: searchTokens(q.Get("speaker")),
		Place:   searchTokens(q.Get("place")),
	}
	for _, f := range []struct {
		name string
		dst  *string
	}{{"from", &cs.From}, {"to", &cs.To}} {
		v := strings.TrimSpace(q.Get(f.name))
		if v == "" {
			continue
		}
		if _, err := time.Parse(time.DateOnly, v); err != nil {
			return cs, errs.E(errs.BadInput, "claims", f.name+" must be a date as YYYY-MM-DD, got "+strconv.Quote(v))
		}
		*f.dst = v
	}
	if v := strings.TrimSpace(q.Get("figure")); v != "" {
		lo, hi, ok := parseFigure(v)
		if !ok {
			return cs, errs.E(errs.BadInput, "claims", "figure must be a number or a range such as 2000-5000, got "+strconv.Quote(v))
		}
		cs.FigLo, cs.FigHi, cs.HasFig = lo, hi, true
	}
	return cs, nil
}

// Empty reports whether nothing is searched for.
func (cs claimSearch) Empty() bool {
	return len(cs.Words) == 0 && len(cs.Speaker) == 0 && len(cs.Place) == 0 && cs.From == "" && cs.To == "" && !cs.HasFig
}

// thousands matches a separator between digit groups: "5,000", "5.000",
// "5 000" (with a plain, no-break or thin space).
var thousands = regexp.MustCompile(`(\d)[,.\x{00A0}\x{202F}\x{2009} ](\d{3})\b`)

// searchFold folds s for search: thousands separators dropped so that
// "5,000" and "5000" meet, then knowledge.Fold.
func searchFold(s string) string {
	for {
		t := thousands.ReplaceAllString(s, "$1$2")
		if t == s {
			break
		}
		s = t
	}
	return knowledge.Fold(s)
}

func searchTokens(s string) []string { return strings.Fields(searchFold(s)) }

// parseFigure reads "5000", "5,000" or a range "2000-5000" / "2,000–5,000".
func parseFigure(v string) (lo, hi float64, ok bool) {
	v = strings.NewReplacer("–", "-", "—", "-", " to ", "-").Replace(v)
	parts := strings.SplitN(v, "-", 2)
	num := func(s string) (float64, bool) {
		s = strings.Join(strings.Fields(searchFold(s)), "")
		f, err := strconv.ParseFloat(s, 64)
		return f, err == nil && f >= 0
	}
	if lo, ok = num(parts[0]); !ok {
		return 0, 0, false
	}
	hi = lo
	if len(parts) == 2 {
		if hi, ok = num(parts[1]); !ok || hi < lo {
			return 0, 0, false
		}
	}
	return lo, hi, true
}

// containsAll reports whether every token occurs in hay (folded), as
// written or, for a name, in another romanisation of it (spellingKey):
// "Toghanyan" finds "Toganyan", "Hashed" finds "Hashd", "Kanaani" finds
// "Kanani".
func containsAll(hay string, toks []string) bool {
	var keys map[string]bool // hay's spelling keys, made at the first need
	for _, t := range toks {
		if strings.Contains(hay, t) {
			continue
		}
		k := spellingKey(t)
		if k == "" {
			return false
		}
		if keys == nil {
			keys = map[string]bool{}
			for _, w := range strings.Fields(hay) {
				if wk := spellingKey(w); wk != "" {
					keys[wk] = true
				}
			}
		}
		if !keys[k] {
			return false
		}
	}
	return true
}

// spellingDigraphs are the letter pairs that romanisations of one sound
// write differently (Arabic, Persian, Armenian, Russian and Amharic names
// in English text): "gh"/"g", "kh"/"h"/"k", "dzh"/"j", "ph"/"f", "q"/"k".
var spellingDigraphs = strings.NewReplacer("dzh", "j", "zh", "j", "kh", "h", "gh", "g", "ph", "f", "q", "k", "ck", "k", "w", "v")

// spellingKey is what romanisations of one name share: doubled letters
// written once, digraphs made one letter, then its first letter and the
// consonants after it (vowels, y and an h after a consonant dropped). A
// token shorter than five letters, or with anything but letters, has no
// key (""): too short to tell names apart.
func spellingKey(tok string) string {
	if len(tok) < 5 {
		return ""
	}
	for _, r := range tok {
		if r < 'a' || r > 'z' {
			return ""
		}
	}
	var single []byte
	for i := 0; i < len(tok); i++ {
		if i == 0 || tok[i] != tok[i-1] {
			single = append(single, tok[i])
		}
	}
	s := spellingDigraphs.Replace(string(single))
	var b strings.Builder
	b.WriteByte(s[0])
	for i := 1; i < len(s); i++ {
		c := s[i]
		if strings.IndexByte("aeiouy", c) >= 0 || c == 'h' && strings.IndexByte("aeiouy", s[i-1]) < 0 {
			continue // "Ahmad"/"Ahmed" keep their h; "Shaabi"'s s-h is one sound
		}
		b.WriteByte(c)
	}
	if b.Len() < 3 {
		return ""
	}
	return b.String()
}

// matcher tests claims against a search with the case's pack, which gives
// the aliases of resolved actors and places.
type matcher struct {
	q    claimSearch
	pack *knowledge.Pack // nil: no aliases
}

// actorText is the folded names a claim's actors go by.
func (m matcher) actorText(cl *claim.Claim) string {
	var b strings.Builder
	for _, a := range cl.Actors {
		b.WriteString(" " + searchFold(a.Name) + " " + searchFold(a.Affiliation))
		if m.pack == nil || a.PackID == "" {
			continue
		}
		if e, ok := m.pack.Actor(a.PackID); ok {
			for _, al := range e.Aliases {
				b.WriteString(" " + searchFold(al))
			}
		}
	}
	return b.String()
}

func (m matcher) placeText(cl *claim.Claim) string {
	var b strings.Builder
	for _, p := range cl.Places {
		b.WriteString(" " + searchFold(p.Name))
		if m.pack == nil {
			continue
		}
		if e, ok := m.pack.Place(p.PackID); ok && p.PackID != "" {
			for _, al := range e.Aliases {
				b.WriteString(" " + searchFold(al))
			}
		}
		if c, ok := m.pack.Country(p.Country); ok && p.Country != "" {
			b.WriteString(" " + searchFold(c.Name))
		}
	}
	return b.String()
}

// match reports whether cl answers the search.
func (m matcher) match(cl *claim.Claim) bool {
	q := m.q
	if len(q.Words) > 0 {
		hay := searchFold(cl.Evidence) + " " + searchFold(report.ClaimLabel(cl)) + m.actorText(cl) + m.placeText(cl)
		if !containsAll(hay, q.Words) {
			return false
		}
	}
	if len(q.Speaker) > 0 {
		var b strings.Builder
		for _, a := range cl.Attribution {
			b.WriteString(" " + searchFold(a.Who))
		}
		if !containsAll(b.String(), q.Speaker) {
			return false
		}
	}
	if len(q.Place) > 0 && !containsAll(m.placeText(cl), q.Place) {
		return false
	}
	if q.From != "" || q.To != "" {
		t := cl.Time
		if t == nil || (t.From == "" && t.To == "") {
			return false
		}
		// Overlap of [t.From, t.To] with [q.From, q.To]; dates compare as text.
		if q.To != "" && t.From != "" && t.From > q.To {
			return false
		}
		if q.From != "" && t.To != "" && t.To < q.From {
			return false
		}
	}
	if q.HasFig {
		hit := false
		for _, x := range cl.Quantities {
			if x.Min <= q.FigHi && x.Max >= q.FigLo {
				hit = true
				break
			}
		}
		if !hit {
			return false
		}
	}
	return true
}
