package fuse

import (
	"cmp"
	"encoding/binary"
	"hash/fnv"
	"slices"
	"strings"
	"unicode"

	"github.com/triangulate/triangulate/claim"
)

// Copies. A source whose sentences largely reproduce an earlier source's
// (wire copy republished, a story rewritten with a few words changed) is
// an echo of it even when it names no source: what it says in its own
// voice, and what its unnamed sources say, is what the earlier source
// said. Sentences are compared by their word 3-shingles: two sentences are
// near-duplicates when the Jaccard similarity of their shingle sets is at
// least copyJaccard. Candidates are found with MinHash and locality-
// sensitive hashing (bands of a sentence's MinHash signature as bucket
// keys), so the cost grows with the number of sentences, not with the
// number of pairs of sources; only candidates are compared exactly.
//
// A source copies an earlier one (earlier by publication, then by id) when
// at least copyShare of its sentences and at least copyMinSentences of them
// are near-duplicates of sentences of that source.
const (
	shingleWords     = 3
	minSentenceWords = 8 // shorter sentences (headlines, datelines) say too little
	minHashes        = 96
	bandRows         = 3 // 32 bands: a pair at Jaccard 0.5 becomes a candidate with p ≈ 0.99
	copyJaccard      = 0.5
	copyShare        = 0.5
	copyMinSentences = 2
	// A bucket holding more sentences than this is boilerplate shared by
	// many sources (a standard disclaimer), not evidence of copying.
	maxBucket = 64
)

// Signature is what copy detection keeps of a source's text: its
// sentences' shingles and MinHash signatures. It is a pure function of the
// text (SignatureOf), so a caller may compute it once per source and keep it.
type Signature struct {
	Sentences []SentenceSignature
}

// SentenceSignature is one sentence of a source: its byte offsets, its
// distinct shingle hashes (sorted) and its MinHash signature.
type SentenceSignature struct {
	Start, End int
	Shingles   []uint64
	MinHash    [minHashes]uint32
}

// SignatureOf computes a text's signature.
func SignatureOf(text string) Signature {
	var sig Signature
	for _, s := range sentences(text) {
		ws := wordsOf(text[s[0]:s[1]])
		if len(ws) < minSentenceWords {
			continue
		}
		ss := SentenceSignature{Start: s[0], End: s[1]}
		for i := 0; i+shingleWords <= len(ws); i++ {
			h := fnv.New64a()
			for _, w := range ws[i : i+shingleWords] {
				h.Write([]byte(w))
				h.Write([]byte{0})
			}
			ss.Shingles = append(ss.Shingles, h.Sum64())
		}
		slices.Sort(ss.Shingles)
		ss.Shingles = slices.Compact(ss.Shingles)
		for i := range ss.MinHash {
			ss.MinHash[i] = ^uint32(0)
		}
		for _, x := range ss.Shingles {
			for i, p := range hashParams {
				if v := uint32((p[0]*x + p[1]) >> 32); v < ss.MinHash[i] {
					ss.MinHash[i] = v
				}
			}
		}
		sig.Sentences = append(sig.Sentences, ss)
	}
	return sig
}

// hashParams are the MinHash permutations x ↦ a·x + b (mod 2⁶⁴, a odd),
// drawn once from a fixed seed so that signatures are the same everywhere.
var hashParams = func() [minHashes][2]uint64 {
	var out [minHashes][2]uint64
	state := uint64(0x9E3779B97F4A7C15)
	next := func() uint64 { // splitmix64
		state += 0x9E3779B97F4A7C15
		z := state
		z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9
		z = (z ^ (z >> 27)) * 0x94D049BB133111EB
		return z ^ (z >> 31)
	}
	for i := range out {
		out[i] = [2]uint64{next() | 1, next()}
	}
	return out
}()

// sentences splits a text at sentence ends (. ! ? followed by a space or
// the end) and at line breaks, returning byte ranges.
func sentences(text string) [][2]int {
	var out [][2]int
	start := 0
	flush := func(end int) {
		if strings.TrimSpace(text[start:end]) != "" {
			out = append(out, [2]int{start, end})
		}
		start = end
	}
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case '\n':
			flush(i + 1)
		case '.', '!', '?':
			if i+1 == len(text) || text[i+1] == ' ' || text[i+1] == '\n' || text[i+1] == '"' {
				flush(i + 1)
			}
		}
	}
	flush(len(text))
	return out
}

// wordsOf returns a text's words, folded.
func wordsOf(s string) []string {
	return strings.FieldsFunc(fold(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

func jaccard(a, b []uint64) float64 {
	i, j, inter := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] == b[j]:
			inter++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	union := len(a) + len(b) - inter
	if union == 0 {
		return 0
	}
	return float64(inter) / float64(union)
}

// copyOf is what copy detection found of one source.
type copyOf struct {
	of        *claim.Source // the source it copies
	shared    int           // its sentences that reproduce one of of's
	sentences int           // its sentences long enough to compare
}

// findCopies returns, for each source that copies an earlier one, what it
// copies (by source name). sigs are the sources' signatures, in the order
// of sources.
//
// Relays repeat sentences word for word, so sentences with the same
// shingles are hashed and compared once, as one distinct sentence carrying
// its instances: a bucket's size still counts instances (maxBucket), and
// two instances are near-duplicates when their distinct sentences are.
func findCopies(sources []*claim.Source, sigs []Signature) map[string]copyOf {
	type ref struct{ src, sent int }
	var distinct [][]ref // distinct sentence → its instances
	var shingles [][]uint64
	byText := map[string]int{}
	buckets := map[uint64][]int{} // band hash → distinct sentences
	weight := map[uint64]int{}    // band hash → instances
	for si, sig := range sigs {
		for ti := range sig.Sentences {
			ss := &sig.Sentences[ti]
			key := shingleKey(ss.Shingles)
			d, ok := byText[key]
			if !ok {
				d = len(distinct)
				byText[key] = d
				distinct = append(distinct, nil)
				shingles = append(shingles, ss.Shingles)
			}
			distinct[d] = append(distinct[d], ref{si, ti})
			for b := 0; b < minHashes/bandRows; b++ {
				var buf [4 + 4*bandRows]byte
				binary.LittleEndian.PutUint32(buf[:4], uint32(b))
				for r := range bandRows {
					binary.LittleEndian.PutUint32(buf[4+4*r:], ss.MinHash[b*bandRows+r])
				}
				h := fnv.New64a()
				h.Write(buf[:])
				k := h.Sum64()
				if !ok {
					buckets[k] = append(buckets[k], d)
				}
				weight[k]++
			}
		}
	}
	// Near-duplicate distinct sentences (each with itself), checked exactly.
	near := map[[2]int]bool{}
	for k, ds := range buckets {
		if weight[k] < 2 || weight[k] > maxBucket {
			continue
		}
		for i, a := range ds {
			near[[2]int{a, a}] = true
			for _, b := range ds[i+1:] {
				p := [2]int{min(a, b), max(a, b)}
				if _, seen := near[p]; !seen {
					near[p] = jaccard(shingles[a], shingles[b]) >= copyJaccard
				}
			}
		}
	}
	matched := map[[2]int]map[int]bool{} // {later, earlier} → sentences of later
	for p, ok := range near {
		if !ok {
			continue
		}
		for _, a := range distinct[p[0]] {
			for _, b := range distinct[p[1]] {
				if a.src == b.src {
					continue
				}
				later, earlier := a, b
				if before(sources[a.src], sources[b.src]) {
					later, earlier = b, a
				}
				pk := [2]int{later.src, earlier.src}
				if matched[pk] == nil {
					matched[pk] = map[int]bool{}
				}
				matched[pk][later.sent] = true
			}
		}
	}
	out := map[string]copyOf{}
	for pk, sents := range matched {
		later, earlier := pk[0], pk[1]
		n, total := len(sents), len(sigs[later].Sentences)
		if n < copyMinSentences || float64(n) < copyShare*float64(total) {
			continue
		}
		name := sources[later].Name
		if prev, ok := out[name]; ok && (prev.shared > n || prev.shared == n && before(prev.of, sources[earlier])) {
			continue
		}
		out[name] = copyOf{of: sources[earlier], shared: n, sentences: total}
	}
	return out
}

// shingleKey is a sentence's shingles as a map key.
func shingleKey(sh []uint64) string {
	b := make([]byte, 8*len(sh))
	for i, x := range sh {
		binary.LittleEndian.PutUint64(b[8*i:], x)
	}
	return string(b)
}

// before orders sources by publication (undated ones last), then id.
func before(a, b *claim.Source) bool {
	switch {
	case a.Published.IsZero() != b.Published.IsZero():
		return !a.Published.IsZero()
	case !a.Published.Equal(b.Published):
		return a.Published.Before(b.Published)
	}
	return cmp.Or(cmp.Compare(a.ID, b.ID), strings.Compare(a.Name, b.Name)) < 0
}

// original follows a copy to the source it ultimately copies.
func original(copies map[string]copyOf, s *claim.Source) *claim.Source {
	for range len(copies) + 1 {
		c, ok := copies[s.Name]
		if !ok {
			return s
		}
		s = c.of
	}
	return s
}

// copiesIn lists the member sources that copy another source.
func (o *origins) copiesIn(members []*feat) []claim.Copy {
	var out []claim.Copy
	seen := map[string]bool{}
	for _, f := range members {
		if seen[f.c.Source] {
			continue
		}
		seen[f.c.Source] = true
		if c, ok := o.copies[f.c.Source]; ok {
			cp := claim.Copy{Source: f.c.Source, Of: c.of.Name, OfOutlet: c.of.Outlet, Shared: c.shared, Sentences: c.sentences}
			if s := o.source(f.c); s != nil {
				cp.Outlet = s.Outlet
			}
			out = append(out, cp)
		}
	}
	slices.SortFunc(out, func(a, b claim.Copy) int { return strings.Compare(a.Source, b.Source) })
	return out
}
