package fuse

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"sort"
	"testing"

	"github.com/triangulate/triangulate/fuse/fusetest"
)

// summaryCases are the seed case and random cases dense in shared actors,
// places, accounts and context (block_test.go).
func summaryCases(t *testing.T) map[string][]*feat {
	t.Helper()
	out := map[string][]*feat{}
	cs, ss := fusetest.Gold(t)
	out["seed"], _ = Options{}.prepare(cs, ss)
	for seed := range uint64(30) {
		r := rand.New(rand.NewPCG(seed, 7))
		out[fmt.Sprintf("random %d", seed)], _ = Options{}.prepare(randomClaims(r, 20+r.IntN(200)), nil)
		cs, ss := randomCase(r, 20+r.IntN(200))
		out[fmt.Sprintf("random case %d", seed)], _ = Options{}.prepare(cs, ss)
	}
	return out
}

// TestSummaryScoresAsCompare: scoring a claim against a cluster's summary
// gives exactly what comparing it with every member gives, on the clusters
// grouping makes and on random sets of claims.
func TestSummaryScoresAsCompare(t *testing.T) {
	for name, feats := range summaryCases(t) {
		r := rand.New(rand.NewPCG(uint64(len(feats)), 3))
		var sets [][]*feat
		sets = append(sets, Options{}.cluster(feats)...)
		for range 20 {
			var set []*feat
			for _, f := range feats {
				if r.IntN(4) == 0 {
					set = append(set, f)
				}
			}
			if len(set) > 0 {
				sets = append(sets, set)
			}
		}
		for _, set := range sets {
			s := newSummary(set)
			for _, f := range feats {
				if slices.Contains(set, f) {
					continue
				}
				want := compareX(f, set, false)
				got := s.score(f)
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("%s: %s against %d claims: summary %+v, compare %+v", name, f.c.ID, len(set), got, want)
				}
				if c := conflictOf(f, set, false); s.conflict(f) != c {
					t.Fatalf("%s: %s: summary conflict %q, compare %q", name, f.c.ID, s.conflict(f), c)
				}
				// tied and apart, the grouping loops' shortcuts, agree with score.
				tied := s.tied(f)
				if tied.positive() != want.positive() || want.positive() && tied.score != want.score {
					t.Fatalf("%s: %s: tied %+v, compare %+v", name, f.c.ID, tied, want)
				}
				if s.apart(f) != (want.conflict != "") {
					t.Fatalf("%s: %s: apart %v, compare's conflict %q", name, f.c.ID, s.apart(f), want.conflict)
				}
			}
		}
	}
}

// TestClusterAsRestartingMerge: the merge loop gives the clusters of the
// plain one it replaced, which compared every member with every member and
// started over after each merge.
func TestClusterAsRestartingMerge(t *testing.T) {
	for name, feats := range summaryCases(t) {
		got := Options{}.cluster(feats)
		want := referenceCluster(feats)
		if !reflect.DeepEqual(ids(got), ids(want)) {
			t.Errorf("%s: %d clusters, reference %d", name, len(got), len(want))
		}
	}
}

func ids(cls [][]*feat) [][]string {
	var out [][]string
	for _, cl := range cls {
		var l []string
		for _, f := range cl {
			l = append(l, f.c.ID)
		}
		out = append(out, l)
	}
	return out
}

// referenceCluster is the grouping before summaries: greedy assignment by
// comparing with every member, then merging the first matching pair and
// starting over until none match.
func referenceCluster(feats []*feat) [][]*feat {
	var clusters [][]*feat
	for _, f := range feats {
		best, bestScore := -1, 0.0
		for i, cl := range clusters {
			m := score(f, cl)
			if m.positive() && (best < 0 || m.score > bestScore) {
				best, bestScore = i, m.score
			}
		}
		if best < 0 {
			clusters = append(clusters, []*feat{f})
		} else {
			clusters[best] = append(clusters[best], f)
		}
	}
	match := func(a, b []*feat) bool {
		if len(b) > len(a) {
			a, b = b, a
		}
		pos := false
		for _, f := range b {
			m := score(f, a)
			if m.conflict != "" {
				return false
			}
			pos = pos || m.positive()
		}
		if !pos {
			return false
		}
		for _, f := range a {
			if m := score(f, b); m.conflict != "" && !m.timeOnly {
				return false
			}
		}
		return true
	}
	for merged := true; merged; {
		merged = false
	outer:
		for i := range clusters {
			for j := i + 1; j < len(clusters); j++ {
				if match(clusters[i], clusters[j]) {
					clusters[i] = mergeOrdered(clusters[i], clusters[j])
					clusters = append(clusters[:j], clusters[j+1:]...)
					merged = true
					break outer
				}
			}
		}
	}
	sort.SliceStable(clusters, func(i, j int) bool { return clusters[i][0].order < clusters[j][0].order })
	return clusters
}

// TestAbsorbAsRebuild: merging two clusters' summaries scores every claim
// as the summary built from the merged members does.
func TestAbsorbAsRebuild(t *testing.T) {
	for name, feats := range summaryCases(t) {
		r := rand.New(rand.NewPCG(uint64(len(feats)), 5))
		for range 10 {
			var a, b []*feat
			for _, f := range feats {
				switch r.IntN(3) {
				case 0:
					a = append(a, f)
				case 1:
					b = append(b, f)
				}
			}
			got := newSummary(a).absorb(newSummary(b))
			want := newSummary(mergeOrdered(a, b))
			if got.famBest != want.famBest || got.famN != want.famN || !reflect.DeepEqual(ids([][]*feat{got.ordered()}), ids([][]*feat{want.ordered()})) {
				t.Fatalf("%s: absorbed family %s×%d, rebuilt %s×%d", name, got.famBest, got.famN, want.famBest, want.famN)
			}
			for _, f := range feats {
				if slices.Contains(a, f) || slices.Contains(b, f) {
					continue
				}
				if g, w := got.score(f), want.score(f); !reflect.DeepEqual(g, w) {
					t.Fatalf("%s: %s: absorbed %+v, rebuilt %+v", name, f.c.ID, g, w)
				}
				if g, w := got.conflict(f), want.conflict(f); g != w {
					t.Fatalf("%s: %s: absorbed conflict %q, rebuilt %q", name, f.c.ID, g, w)
				}
			}
		}
	}
}

// TestConflictsWithAsEveryMember: asking a summary's distinct kinds of
// claims whether one conflicts with another summary answers as asking
// every member, for summaries built whole and by absorbing.
func TestConflictsWithAsEveryMember(t *testing.T) {
	for name, feats := range summaryCases(t) {
		r := rand.New(rand.NewPCG(uint64(len(feats)), 5))
		pick := func() []*feat {
			var set []*feat
			for _, f := range feats {
				if r.IntN(3) == 0 {
					set = append(set, f)
				}
			}
			return set
		}
		for range 20 {
			a, b, c := pick(), pick(), pick()
			sb := newSummary(b)
			absorbed := newSummary(a).absorb(newSummary(c))
			for _, tc := range []struct {
				members []*feat
				s       *summary
			}{{a, newSummary(a)}, {mergeOrdered(a, c), absorbed}} {
				want := false
				for _, f := range tc.members {
					if sb.conflict(f) != "" {
						want = true
						break
					}
				}
				if got := tc.s.conflictsWith(sb); got != want {
					t.Fatalf("%s: %d claims against %d: conflictsWith %v, every member %v", name, len(tc.members), len(b), got, want)
				}
			}
		}
	}
}
