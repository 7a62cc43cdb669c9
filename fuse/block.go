package fuse

import (
	"slices"
	"strconv"
)

// Blocking: a claim is tied to a cluster (match.go) only through a shared
// subject key, a shared account, the claim it continues or the claim it
// speaks of, or a place both name as where the happening is (for forces
// known by their class, and for parties). Every one of these is a key
// below, the same for indexing and looking up, so two claims that can be
// tied share a key: the grouping loops compare a claim only with the
// clusters sharing one, which gives the same groups as comparing everything
// (block_test.go), and a case of ten thousand unrelated claims groups in
// near-linear time rather than quadratic.

// blockKeys are the keys f is indexed and looked up under. Two of them
// are narrower than the place they name, as the ties they stand for are:
// claims naming no actor tie at a place every claim names as a country
// (countryFolds) only within one section of one text, so their key there
// names the section; a party ties only claims about forces (with
// classes), so only those have its key.
func blockKeys(f *feat) []string {
	if f.keys == nil {
		f.keys = keysOf(f, true)
	}
	return f.keys
}

// keysOf lists f's keys; narrow is false for the keys before narrowing,
// which nearIndex lists a big event's members by.
func keysOf(f *feat, narrow bool) []string {
	out := []string{"o:" + strconv.Itoa(f.order)}
	if f.adj >= 0 {
		out = append(out, "o:"+strconv.Itoa(f.adj))
	}
	if f.target >= 0 {
		out = append(out, "o:"+strconv.Itoa(f.target))
	}
	if f.account != "" {
		out = append(out, "a:"+f.account)
	}
	for _, k := range f.subjKeys {
		out = append(out, "s:"+k)
	}
	if pointFamily(f.family) && f.exact() {
		for _, k := range sortedKeys(f.towns) {
			out = append(out, "i:"+k)
		}
	}
	var where []string
	for _, p := range f.places {
		if p.where() && !slices.Contains(where, p.fold) {
			where = append(where, p.fold)
		}
	}
	for _, w := range where {
		if f.nActors == 0 && (!narrow || f.family != familyStance) {
			k := "b:" + f.family + "/" + w
			if narrow && f.countryFolds[w] {
				k += "\x00" + f.doc + "\x00" + strconv.Itoa(f.section)
			}
			out = append(out, k)
		}
		for _, c := range sortedKeys(f.classes) {
			out = append(out, "g:"+c+"/"+w)
		}
		if !narrow || len(f.classes) > 0 {
			for _, k := range f.partyKeys {
				out = append(out, "p:"+k+"/"+w)
			}
		}
	}
	return out
}

// countryFolds returns the folds that every claim of feats naming them as
// where its happening is names as a country (sharedIsCountry): a tie of
// claims naming no actor at such a place needs them in one section of one
// text (compareX, summary.match).
func countryFolds(feats []*feat) map[string]bool {
	out := map[string]bool{}
	mixed := map[string]bool{}
	for _, f := range feats {
		for _, p := range f.places {
			if !p.where() {
				continue
			}
			if sharedIsCountry(f, p.name) {
				out[p.fold] = true
			} else {
				mixed[p.fold] = true
			}
		}
	}
	for w := range mixed {
		delete(out, w)
	}
	return out
}

// blocks indexes clusters by the keys of their members.
type blocks struct {
	by map[string][]int // key → cluster indices (unsorted, each once)
	// has is, by cluster, the keys it is listed under: a big event's
	// members share most of their keys, and listing the event once per
	// member made every look-up of a common key walk the event's size.
	has []map[string]struct{}
	buf []int // candidates' result, reused
	// seen marks, by cluster, the call that last listed it (stamp), so
	// candidates lists each once without sorting every key's postings.
	seen  []int
	stamp int
	n     int // clusters indexed
	// all makes every cluster a candidate: the exhaustive comparison that
	// blocking must agree with (tested in block_test.go).
	all bool
}

func newBlocks(clusters [][]*feat, all bool) *blocks {
	b := &blocks{by: map[string][]int{}, n: len(clusters), all: all}
	for i, cl := range clusters {
		for _, f := range cl {
			b.add(i, f)
		}
	}
	return b
}

// add records that cluster i holds f.
func (b *blocks) add(i int, f *feat) {
	b.n = max(b.n, i+1)
	for len(b.has) <= i {
		b.has = append(b.has, nil)
	}
	has := b.has[i]
	if has == nil {
		has = map[string]struct{}{}
		b.has[i] = has
	}
	for _, k := range blockKeys(f) {
		if _, ok := has[k]; !ok {
			has[k] = struct{}{}
			b.by[k] = append(b.by[k], i)
		}
	}
}

// candidates returns, ascending, the clusters sharing a key with any of fs:
// the only ones that can match them. The slice is valid until the next call.
func (b *blocks) candidates(fs ...*feat) []int {
	if b.all {
		return b.every()
	}
	b.begin()
	for _, f := range fs {
		for _, k := range blockKeys(f) {
			b.collect(k)
		}
	}
	return b.end()
}

// candidatesOf is candidates for a set of keys (a cluster's, each once).
func (b *blocks) candidatesOf(keys map[string]int) []int {
	if b.all {
		return b.every()
	}
	b.begin()
	for k := range keys {
		b.collect(k)
	}
	return b.end()
}

func (b *blocks) every() []int {
	out := b.buf[:0]
	for i := range b.n {
		out = append(out, i)
	}
	b.buf = out
	return out
}

func (b *blocks) begin() {
	b.stamp++
	if len(b.seen) < b.n {
		b.seen = append(b.seen, make([]int, b.n-len(b.seen))...)
	}
	b.buf = b.buf[:0]
}

func (b *blocks) collect(k string) {
	for _, i := range b.by[k] {
		if b.seen[i] != b.stamp {
			b.seen[i] = b.stamp
			b.buf = append(b.buf, i)
		}
	}
}

func (b *blocks) end() []int {
	slices.Sort(b.buf)
	return b.buf
}
