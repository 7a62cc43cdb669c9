package extract

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/triangulate/triangulate/knowledge"
)

// Fields scored on matched claims, in report order.
var Fields = []string{"action", "actors", "places", "time", "quantities", "modality", "attribution"}

// Report is the outcome of scoring predicted claims against gold ones, as
// ../shared/eval/README.md defines it.
type Report struct {
	Gold, Pred, Matched   int
	Precision, Recall, F1 float64            // detection
	Field                 map[string]float64 // mean per matched pair, Fields order
	Overall               float64            // mean of detection F1 and the field scores
	Pairs                 []Pair
	Missed                []GoldClaim // gold claims no prediction matched
	Spurious              []GoldClaim // predictions that matched no gold claim
}

// Pair is a matched gold and predicted claim with its per-field scores.
type Pair struct {
	Gold, Pred GoldClaim
	Scores     map[string]float64
}

// Score matches predictions to gold claims and scores them:
//
//   - detection: a prediction matches a gold claim of the same source when
//     their spans overlap by at least half of the shorter one; each gold claim
//     matches at most one prediction, greedily by overlap;
//   - fields on matched pairs: action and modality exact; actors set F1 over
//     folded names; places set F1 over (folded name, role); time exact on
//     from and to; quantities set F1 over (min, max, unit family);
//     attribution F1 over (who, kind), where a who matches when one folded
//     name contains the other. Each field is the mean over matched pairs;
//   - overall: the mean of detection F1 and the seven field scores.
func Score(gold, pred []GoldClaim) Report {
	r := Report{Gold: len(gold), Pred: len(pred), Field: map[string]float64{}}
	type cand struct{ g, p, overlap int }
	var cands []cand
	for gi, g := range gold {
		for pi, p := range pred {
			if g.Source != p.Source {
				continue
			}
			ov := min(g.End, p.End) - max(g.Start, p.Start)
			short := min(g.End-g.Start, p.End-p.Start)
			if ov <= 0 || 2*ov < short {
				continue
			}
			cands = append(cands, cand{gi, pi, ov})
		}
	}
	slices.SortStableFunc(cands, func(a, b cand) int {
		return cmp.Or(cmp.Compare(b.overlap, a.overlap), cmp.Compare(a.g, b.g), cmp.Compare(a.p, b.p))
	})
	gUsed := make([]bool, len(gold))
	pUsed := make([]bool, len(pred))
	for _, c := range cands {
		if gUsed[c.g] || pUsed[c.p] {
			continue
		}
		gUsed[c.g], pUsed[c.p] = true, true
		r.Pairs = append(r.Pairs, Pair{Gold: gold[c.g], Pred: pred[c.p], Scores: scorePair(gold[c.g], pred[c.p])})
	}
	slices.SortStableFunc(r.Pairs, func(a, b Pair) int {
		return cmp.Or(cmp.Compare(a.Gold.Source, b.Gold.Source), cmp.Compare(a.Gold.Start, b.Gold.Start))
	})
	for i, u := range gUsed {
		if !u {
			r.Missed = append(r.Missed, gold[i])
		}
	}
	for i, u := range pUsed {
		if !u {
			r.Spurious = append(r.Spurious, pred[i])
		}
	}
	r.Matched = len(r.Pairs)
	if r.Pred > 0 {
		r.Precision = float64(r.Matched) / float64(r.Pred)
	}
	if r.Gold > 0 {
		r.Recall = float64(r.Matched) / float64(r.Gold)
	}
	r.F1 = f1(r.Precision, r.Recall)
	sum := r.F1
	for _, f := range Fields {
		v := 0.0
		for _, p := range r.Pairs {
			v += p.Scores[f]
		}
		if len(r.Pairs) > 0 {
			v /= float64(len(r.Pairs))
		}
		r.Field[f] = v
		sum += v
	}
	r.Overall = sum / float64(1+len(Fields))
	return r
}

func f1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func scorePair(g, p GoldClaim) map[string]float64 {
	s := map[string]float64{}
	s["action"] = boolScore(g.Action == p.Action)
	s["modality"] = boolScore(g.Modality == p.Modality)
	s["actors"] = setF1(foldAll(g.Actors), foldAll(p.Actors), func(a, b string) bool { return a == b })
	gp, pp := placeKeys(g.Places), placeKeys(p.Places)
	s["places"] = setF1(gp, pp, func(a, b string) bool { return a == b })
	s["time"] = boolScore(sameTime(g.Time, p.Time))
	s["quantities"] = setF1(quantityKeys(g.Quantities), quantityKeys(p.Quantities), func(a, b string) bool { return a == b })
	ga, pa := attributionKeys(g.Attribution), attributionKeys(p.Attribution)
	s["attribution"] = setF1(ga, pa, func(a, b string) bool {
		aw, ak, _ := strings.Cut(a, "\x00")
		bw, bk, _ := strings.Cut(b, "\x00")
		return ak == bk && (strings.Contains(aw, bw) || strings.Contains(bw, aw))
	})
	return s
}

func boolScore(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// setF1 is the F1 of two sets under a match relation, matched greedily;
// two empty sets score 1.
func setF1(gold, pred []string, match func(a, b string) bool) float64 {
	if len(gold) == 0 && len(pred) == 0 {
		return 1
	}
	if len(gold) == 0 || len(pred) == 0 {
		return 0
	}
	used := make([]bool, len(pred))
	tp := 0
	for _, g := range gold {
		for k, p := range pred {
			if !used[k] && match(g, p) {
				used[k] = true
				tp++
				break
			}
		}
	}
	return f1(float64(tp)/float64(len(pred)), float64(tp)/float64(len(gold)))
}

func foldAll(ss []string) []string {
	out := make([]string, 0, len(ss))
	for _, s := range ss {
		if f := knowledge.Fold(s); !slices.Contains(out, f) {
			out = append(out, f)
		}
	}
	return out
}

func placeKeys(ps []GoldPlace) []string {
	var out []string
	for _, p := range ps {
		k := knowledge.Fold(p.Name) + "\x00" + p.Role
		if !slices.Contains(out, k) {
			out = append(out, k)
		}
	}
	return out
}

func attributionKeys(as []GoldAttribution) []string {
	var out []string
	for _, a := range as {
		k := knowledge.Fold(a.Who) + "\x00" + a.Kind
		if !slices.Contains(out, k) {
			out = append(out, k)
		}
	}
	return out
}

func quantityKeys(qs []GoldQuantity) []string {
	var out []string
	for _, q := range qs {
		k := fmt.Sprintf("%g\x00%g\x00%s", q.Min, q.Max, UnitFamily(q.Unit))
		if !slices.Contains(out, k) {
			out = append(out, k)
		}
	}
	return out
}

func sameTime(a, b *GoldTime) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	eq := func(x, y *string) bool {
		if x == nil || y == nil {
			return x == nil && y == nil
		}
		return *x == *y
	}
	return eq(a.From, b.From) && eq(a.To, b.To)
}

// UnitFamily groups units that count the same thing: fighters, troops and
// militants are personnel; "protesters killed" and "deaths" are killed; a
// rate ("flights per day") is its own family.
func UnitFamily(u string) string {
	f := knowledge.Fold(u)
	rate := ""
	for _, s := range []string{" per day", " a day", " each day", " daily"} {
		if strings.HasSuffix(f, s) {
			f = strings.TrimSuffix(f, s)
			rate = "/day"
		}
	}
	if strings.HasPrefix(f, "daily ") {
		f = strings.TrimPrefix(f, "daily ")
		rate = "/day"
	}
	has := func(ws ...string) bool {
		for _, w := range ws {
			if strings.Contains(" "+f+" ", " "+w+" ") {
				return true
			}
		}
		return false
	}
	switch {
	case has("killed", "dead", "deaths", "death", "fatalities", "died", "executed"):
		return "killed" + rate
	case has("injured", "wounded", "injuries"):
		return "injured" + rate
	case has("flights", "flight", "planes", "plane", "aircraft", "jets", "airliners", "sorties", "departures", "landings"):
		return "flights" + rate
	case has("fighters", "fighter", "troops", "soldiers", "militants", "militiamen", "members", "personnel", "forces", "gunmen", "combatants", "men", "militia", "recruits", "volunteers", "mercenaries", "rebels", "insurgents"):
		return "personnel" + rate
	case has("protesters", "protestors", "demonstrators"):
		return "protesters" + rate
	}
	f = strings.TrimSuffix(f, "s")
	return f + rate
}

// String formats the report as a table of per-field scores.
func (r Report) String() string {
	var b strings.Builder
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "field\tscore\t\n")
	fmt.Fprintf(tw, "detection precision\t%.3f\t\n", r.Precision)
	fmt.Fprintf(tw, "detection recall\t%.3f\t\n", r.Recall)
	fmt.Fprintf(tw, "detection F1\t%.3f\t\n", r.F1)
	for _, f := range Fields {
		fmt.Fprintf(tw, "%s\t%.3f\t\n", f, r.Field[f])
	}
	fmt.Fprintf(tw, "overall\t%.3f\t\n", r.Overall)
	tw.Flush()
	fmt.Fprintf(&b, "gold %d, predicted %d, matched %d\n", r.Gold, r.Pred, r.Matched)
	return b.String()
}
