package fuse

import (
	"cmp"
	"encoding/binary"
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
// sentences, each with its shingles and LSH band keys. It is a pure
// function of the text (SignatureOf), so a caller may compute it once per
// source and keep it.
type Signature struct {
	Sentences []SentenceSignature
}

// SentenceSignature is one sentence of a source: its byte offsets and
// what copy detection compares of it, shared by every instance of the same
// sentence a Signer signed (relays repeat sentences word for word, and a
// case of thousands of relays holds each once).
type SentenceSignature struct {
	Start, End int
	*Shingled
}

// Shingled is a sentence's distinct word-shingle hashes (sorted) and the
// keys of its MinHash signature's LSH bands.
type Shingled struct {
	Shingles []uint64
	Bands    [bands]uint64
	key      uint64 // hash of Shingles, for grouping equal shingle sets
}

// bands is the number of LSH bands of a sentence's MinHash signature.
const bands = minHashes / bandRows

// SignatureOf computes a text's signature.
func SignatureOf(text string) Signature { return new(Signer).Of(text) }

// A Signer computes signatures, each distinct sentence once: the
// shingles and MinHash of a sentence repeated across sources (wire copy,
// relays) are computed and held once. The zero value is ready; a Signer
// is not safe for concurrent use.
type Signer struct {
	cur, prev map[string]*Shingled // sentence text → its shingles
}

// Of returns text's signature, equal to SignatureOf(text).
func (s *Signer) Of(text string) Signature {
	if s.cur == nil {
		s.cur = map[string]*Shingled{}
	}
	var sig Signature
	var ws []string
	for _, r := range sentences(text) {
		sent := text[r[0]:r[1]]
		sh, ok := s.cur[sent]
		if !ok {
			if sh, ok = s.prev[sent]; !ok {
				ws = appendWords(ws[:0], sent)
				if len(ws) >= minSentenceWords {
					sh = shingle(ws)
				}
			}
			// Cloned: a key must not pin the whole source text.
			s.cur[strings.Clone(sent)] = sh
		}
		if sh != nil {
			sig.Sentences = append(sig.Sentences, SentenceSignature{Start: r[0], End: r[1], Shingled: sh})
		}
	}
	return sig
}

// Forget drops the sentences not signed since the last Forget, so that a
// Signer kept across fusion runs holds no more than the last run's texts.
func (s *Signer) Forget() { s.prev, s.cur = s.cur, nil }

// shingle computes a sentence's shingles and band keys from its words.
func shingle(ws []string) *Shingled {
	sh := &Shingled{Shingles: make([]uint64, 0, len(ws)-shingleWords+1)}
	for i := 0; i+shingleWords <= len(ws); i++ {
		h := uint64(fnvOffset)
		for _, w := range ws[i : i+shingleWords] {
			h = fnvString(h, w)
			h = fnvByte(h, 0)
		}
		sh.Shingles = append(sh.Shingles, h)
	}
	slices.Sort(sh.Shingles)
	sh.Shingles = slices.Compact(sh.Shingles)
	var mh [minHashes]uint32
	for i := range mh {
		mh[i] = ^uint32(0)
	}
	for _, x := range sh.Shingles {
		for i, p := range hashParams {
			if v := uint32((p[0]*x + p[1]) >> 32); v < mh[i] {
				mh[i] = v
			}
		}
	}
	for b := range bands {
		var buf [4 + 4*bandRows]byte
		binary.LittleEndian.PutUint32(buf[:4], uint32(b))
		for r := range bandRows {
			binary.LittleEndian.PutUint32(buf[4+4*r:], mh[b*bandRows+r])
		}
		h := uint64(fnvOffset)
		for _, c := range buf {
			h = fnvByte(h, c)
		}
		sh.Bands[b] = h
	}
	h := uint64(fnvOffset)
	for _, x := range sh.Shingles {
		for i := range 8 {
			h = fnvByte(h, byte(x>>(8*i)))
		}
	}
	sh.key = h
	return sh
}

// FNV-1a, 64 bits (hash/fnv's, without an allocation per hash).
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func fnvByte(h uint64, c byte) uint64 { return (h ^ uint64(c)) * fnvPrime }

func fnvString(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h = fnvByte(h, s[i])
	}
	return h
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

// appendWords appends a text's words, folded, to dst.
func appendWords(dst []string, s string) []string {
	return append(dst, strings.FieldsFunc(fold(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })...)
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
	byPtr := map[*Shingled]int{}  // a Signer's shared sentence → its distinct sentence
	byKey := map[uint64][]int{}   // shingles' hash → distinct sentences
	buckets := map[uint64][]int{} // band hash → distinct sentences
	weight := map[uint64]int{}    // band hash → instances
	for si, sig := range sigs {
		for ti := range sig.Sentences {
			ss := &sig.Sentences[ti]
			d, ok := byPtr[ss.Shingled]
			if !ok {
				for _, e := range byKey[ss.key] {
					if slices.Equal(shingles[e], ss.Shingles) {
						d, ok = e, true
						break
					}
				}
				if !ok {
					d = len(distinct)
					byKey[ss.key] = append(byKey[ss.key], d)
					distinct = append(distinct, nil)
					shingles = append(shingles, ss.Shingles)
				}
				byPtr[ss.Shingled] = d
			}
			distinct[d] = append(distinct[d], ref{si, ti})
			for _, k := range ss.Bands {
				if !ok {
					buckets[k] = append(buckets[k], d)
				}
				weight[k]++
			}
		}
	}
	// Near-duplicate distinct sentences, checked exactly: nearOf lists
	// each one's others, self whether its instances match each other (it
	// shares a bucket of fitting weight with something, itself included).
	checked := map[[2]int]bool{}
	nearOf := make([][]int, len(distinct))
	self := make([]bool, len(distinct))
	for k, ds := range buckets {
		if weight[k] < 2 || weight[k] > maxBucket {
			continue
		}
		for i, a := range ds {
			self[a] = true
			for _, b := range ds[i+1:] {
				p := [2]int{min(a, b), max(a, b)}
				if checked[p] {
					continue
				}
				checked[p] = true
				if jaccard(shingles[a], shingles[b]) >= copyJaccard {
					nearOf[a] = append(nearOf[a], b)
					nearOf[b] = append(nearOf[b], a)
				}
			}
		}
	}
	// rank orders the sources as before does.
	rank := make([]int, len(sources))
	{
		idx := make([]int, len(sources))
		for i := range idx {
			idx[i] = i
		}
		slices.SortStableFunc(idx, func(a, b int) int {
			switch {
			case before(sources[a], sources[b]):
				return -1
			case before(sources[b], sources[a]):
				return 1
			}
			return 0
		})
		for r, i := range idx {
			rank[i] = r
		}
	}
	// Each later source counts, per earlier one, its sentences that
	// reproduce one of that source's: counts and marks are by source, and
	// a mark (the sentence that last counted for it) keeps a sentence
	// matching several of one source's from counting twice.
	count := make([]int, len(sources))
	mark := make([]int, len(sources))
	var touched []int
	stamp := 0
	out := map[string]copyOf{}
	for si, sig := range sigs {
		touched = touched[:0]
		for ti := range sig.Sentences {
			stamp++
			d := byPtr[sig.Sentences[ti].Shingled]
			visit := func(e int) {
				for _, b := range distinct[e] {
					if b.src == si || rank[b.src] > rank[si] || mark[b.src] == stamp {
						continue
					}
					mark[b.src] = stamp
					if count[b.src] == 0 {
						touched = append(touched, b.src)
					}
					count[b.src]++
				}
			}
			if self[d] {
				visit(d)
			}
			for _, e := range nearOf[d] {
				visit(e)
			}
		}
		total := len(sig.Sentences)
		best, bestN := -1, 0
		for _, b := range touched {
			n := count[b]
			count[b] = 0
			if n < copyMinSentences || float64(n) < copyShare*float64(total) {
				continue
			}
			if n > bestN || n == bestN && rank[b] < rank[best] {
				best, bestN = b, n
			}
		}
		if best < 0 {
			continue
		}
		name := sources[si].Name
		if prev, ok := out[name]; ok && (prev.shared > bestN || prev.shared == bestN && !before(sources[best], prev.of)) {
			continue
		}
		out[name] = copyOf{of: sources[best], shared: bestN, sentences: total}
	}
	return out
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
