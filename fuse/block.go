package fuse

import (
	"slices"

	"github.com/triangulate/triangulate/claim"
)

// Blocking: compareX scores a claim against a cluster positively only
// through a shared actor key, a shared place name, or a place inside a
// country the other side names; time alone never reaches the threshold. So only clusters sharing
// one of those keys with a claim can take it, and the grouping loops
// compare those alone instead of every cluster: the result is the same,
// and a case of ten thousand unrelated claims groups in linear time rather
// than quadratic.

// blockKeys are the keys f is indexed under; queryKeys those a claim looks
// up to find the clusters it may match. They differ for countries: a place
// counts as inside a country only when one side names the country itself
// and the other a finer place in it, so a town is filed under "in XX" and
// looks up "is XX", and a country the other way round (two countries match
// by name anyway). Claims naming only towns of one country are then not
// all candidates of each other.
func blockKeys(f *feat) []string {
	if f.indexKeys == nil {
		f.indexKeys = keys(f, "C:", "c:")
	}
	return f.indexKeys
}

func queryKeys(f *feat) []string {
	if f.lookupKeys == nil {
		f.lookupKeys = keys(f, "c:", "C:")
	}
	return f.lookupKeys
}

// keys lists f's actor keys, place names, and for each place with a
// country code, country+cc for a country and finer+cc for a finer place.
func keys(f *feat, country, finer string) []string {
	out := make([]string, 0, len(f.actors)+2*len(f.places))
	for k := range f.actors {
		out = append(out, "a:"+k)
	}
	for _, p := range f.places {
		out = append(out, "p:"+p.fold)
		switch {
		case p.country == "":
		case p.kind == claim.KindCountry:
			out = append(out, country+p.country)
		default:
			out = append(out, finer+p.country)
		}
	}
	return out
}

// blocks indexes clusters by the keys of their members.
type blocks struct {
	by  map[string][]int // key → cluster indices (unsorted, may repeat)
	buf []int            // candidates' result, reused
	n   int              // clusters indexed
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
	for _, k := range blockKeys(f) {
		if l := b.by[k]; len(l) == 0 || l[len(l)-1] != i {
			b.by[k] = append(l, i)
		}
	}
}

// candidates returns, ascending, the clusters sharing a key with any of fs:
// the only ones that can match them. The slice is valid until the next call.
func (b *blocks) candidates(fs ...*feat) []int {
	out := b.buf[:0]
	if b.all {
		for i := range b.n {
			out = append(out, i)
		}
		b.buf = out
		return out
	}
	for _, f := range fs {
		for _, k := range queryKeys(f) {
			out = append(out, b.by[k]...)
		}
	}
	slices.Sort(out)
	b.buf = out
	return slices.Compact(out)
}
