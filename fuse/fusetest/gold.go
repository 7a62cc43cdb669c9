// Package fusetest loads the seed case's gold claims (../shared/eval) as
// claim values, the way the extractor would hand them to fuse and assess.
// It is for tests only.
package fusetest

import (
	"strings"
	"testing"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/internal/shared"
	"github.com/triangulate/triangulate/knowledge"
)

// seedSources describes the two seed texts as the ingest would store them.
var seedSources = []struct {
	id        int64
	name      string
	outlet    string
	published string
}{
	{1, "000_fb75171b0db195ae.txt", "The Amargi", "2026-01-14"},
	{2, "003_e72e86618cf972b7.txt", "TFI Global", "2026-01-16"},
}

type goldClaim struct {
	ID       string `json:"id"`
	Source   string `json:"source"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
	Evidence string `json:"evidence"`
	Action   string `json:"action"`
	Actors   []string
	Places   []struct{ Name, Role, Kind string }
	Time     *struct {
		From      *string `json:"from"`
		To        *string `json:"to"`
		Precision string  `json:"precision"`
	}
	Quantities []struct {
		Min, Max              float64
		Unit, Qualifier, Kind string
	}
	Modality    string
	Attribution []struct{ Who, Kind string }
}

// Gold returns the seed sources and the gold claims converted to claim.Claim
// as the extractor would hand them over (see Resolved): actors resolved
// against the default pack, places' countries from its gazetteer.
func Gold(tb testing.TB) ([]claim.Claim, []claim.Source) {
	tb.Helper()
	pack, err := knowledge.Load()
	if err != nil {
		tb.Fatal(err)
	}
	srcs := Sources(tb, shared.Path(tb, "seeds"), SeedMeta(), 1)
	return Resolved(tb, pack, shared.Path(tb, "eval", "seed-gold.jsonl"), srcs), srcs
}

// find locates name in the evidence (which starts at byte start of the
// source) and returns its span, or a zero span when the text words it otherwise.
func find(start int, evidence, name string) claim.Span {
	i := strings.Index(evidence, name)
	if i < 0 {
		return claim.Span{}
	}
	return claim.Span{Start: start + i, End: start + i + len(name), Text: name}
}

// ByID indexes claims by id.
func ByID(cs []claim.Claim) map[string]claim.Claim {
	m := make(map[string]claim.Claim, len(cs))
	for _, c := range cs {
		m[c.ID] = c
	}
	return m
}
