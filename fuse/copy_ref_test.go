package fuse

import (
	"encoding/binary"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/triangulate/triangulate/claim"
)

// TestFindCopiesAsPairwise: comparing distinct sentences once finds the
// copies comparing every pair of sentence instances found, on random
// sources that repeat, reword and share sentences as relays do (including
// sentences repeated so often that their buckets pass maxBucket).
func TestFindCopiesAsPairwise(t *testing.T) {
	words := strings.Fields("troops crossed the border near the town on monday according to officials who spoke on condition of anonymity while residents said convoys of fighters moved south")
	for seed := range uint64(12) {
		r := rand.New(rand.NewPCG(seed, 11))
		var pool []string
		for range 20 + r.IntN(40) {
			n := 8 + r.IntN(10)
			var ws []string
			for range n {
				ws = append(ws, words[r.IntN(len(words))])
			}
			pool = append(pool, strings.Join(ws, " ")+".")
		}
		var srcs []*claim.Source
		var sigs []Signature
		for i := range 30 + r.IntN(400) {
			var b strings.Builder
			for range 2 + r.IntN(8) {
				s := pool[r.IntN(len(pool))]
				if r.IntN(5) == 0 { // a reworded copy
					ws := strings.Fields(s)
					ws[r.IntN(len(ws))] = words[r.IntN(len(words))]
					s = strings.Join(ws, " ")
				}
				b.WriteString(s + " ")
			}
			src := &claim.Source{ID: int64(i + 1), Name: fmt.Sprintf("s%d", i), Text: b.String()}
			if r.IntN(3) > 0 {
				src.Published = time.Date(2030, 1, 1+r.IntN(20), 0, 0, 0, 0, time.UTC)
			}
			srcs = append(srcs, src)
			sigs = append(sigs, SignatureOf(src.Text))
		}
		got, want := findCopies(srcs, sigs), referenceFindCopies(srcs, sigs)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("seed %d: %d copies, pairwise %d", seed, len(got), len(want))
		}
		if seed == 0 && len(want) == 0 {
			t.Errorf("seed %d: the case finds no copies at all", seed)
		}
	}
}

// referenceFindCopies is findCopies before distinct sentences: it returns, for each source that copies an earlier one, what it
// copies (by source name). sigs are the sources' signatures, in the order
// of sources.
func referenceFindCopies(sources []*claim.Source, sigs []Signature) map[string]copyOf {
	type ref struct{ src, sent int }
	buckets := map[uint64][]ref{}
	for si, sig := range sigs {
		for ti := range sig.Sentences {
			for _, k := range sig.Sentences[ti].Bands {
				buckets[k] = append(buckets[k], ref{si, ti})
			}
		}
	}
	// Near-duplicate sentences, checked exactly, between sources.
	matched := map[[2]int]map[int]bool{} // {later, earlier} → sentences of later
	checked := map[[4]int]bool{}
	keys := make([]uint64, 0, len(buckets))
	for k := range buckets {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		refs := buckets[k]
		if len(refs) < 2 || len(refs) > maxBucket {
			continue
		}
		for i, a := range refs {
			for _, b := range refs[i+1:] {
				if a.src == b.src {
					continue
				}
				later, earlier := a, b
				if before(sources[a.src], sources[b.src]) {
					later, earlier = b, a
				}
				ck := [4]int{later.src, later.sent, earlier.src, earlier.sent}
				if checked[ck] {
					continue
				}
				checked[ck] = true
				if jaccard(sigs[later.src].Sentences[later.sent].Shingles, sigs[earlier.src].Sentences[earlier.sent].Shingles) < copyJaccard {
					continue
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

// TestSignerAsReference: the Signer's shingles and band keys are those of
// hashing each sentence on its own with hash/fnv and a full MinHash
// signature, whether a sentence is met first or again (in the same text,
// another one, or after Forget).
func TestSignerAsReference(t *testing.T) {
	texts := []string{
		"Troops crossed the border near the town on Monday, officials said. Short line.\nTroops crossed the border near the town on Monday, officials said.",
		"Residents said convoys of fighters moved south overnight toward the river. Troops crossed the border near the town on Monday, officials said!",
		"A headline\nAn official who spoke on condition of anonymity said the convoy had turned back before dawn?",
	}
	var sg Signer
	for round := range 2 {
		for i, text := range texts {
			got, want := sg.Of(text), referenceSignature(text)
			if len(got.Sentences) != len(want) {
				t.Fatalf("round %d text %d: %d sentences, want %d", round, i, len(got.Sentences), len(want))
			}
			for j, w := range want {
				g := got.Sentences[j]
				if g.Start != w.start || g.End != w.end || !slices.Equal(g.Shingles, w.shingles) || g.Bands != w.bands {
					t.Errorf("round %d text %d sentence %d: %+v, want %+v", round, i, j, g, w)
				}
			}
		}
		sg.Forget()
	}
}

type refSentence struct {
	start, end int
	shingles   []uint64
	bands      [bands]uint64
}

// referenceSignature is SignatureOf before Signer: every sentence hashed
// on its own, with hash/fnv, through a full MinHash signature.
func referenceSignature(text string) []refSentence {
	var out []refSentence
	for _, s := range sentences(text) {
		ws := strings.FieldsFunc(fold(text[s[0]:s[1]]), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		if len(ws) < minSentenceWords {
			continue
		}
		rs := refSentence{start: s[0], end: s[1]}
		for i := 0; i+shingleWords <= len(ws); i++ {
			h := fnv.New64a()
			for _, w := range ws[i : i+shingleWords] {
				h.Write([]byte(w))
				h.Write([]byte{0})
			}
			rs.shingles = append(rs.shingles, h.Sum64())
		}
		slices.Sort(rs.shingles)
		rs.shingles = slices.Compact(rs.shingles)
		var mh [minHashes]uint32
		for i := range mh {
			mh[i] = ^uint32(0)
		}
		for _, x := range rs.shingles {
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
			h := fnv.New64a()
			h.Write(buf[:])
			rs.bands[b] = h.Sum64()
		}
		out = append(out, rs)
	}
	return out
}
