package extract

import (
	"cmp"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Fields scored on matched claims, in report order.
var Fields = []string{"action", "actors", "places", "time", "quantities", "modality", "attribution"}

// Report is the outcome of scoring predicted claims against gold ones, as
// ../shared/eval/README.md defines it and ../shared/eval/score_claims.py
// computes it.
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

// Score matches predictions to gold claims and scores them the way the
// reference scorer (score_claims.py) does, quirks included, so that the
// project's own evaluation and an outside one agree:
//
//   - detection: a prediction matches a gold claim of the same source when
//     their overlap is at least half of the shorter span; candidates are taken
//     greedily by that ratio (ties: the later gold claim, then the later
//     prediction, first), each gold claim and prediction at most once;
//   - fields on matched pairs: action and modality exact; actors, places
//     (folded name and role) and attribution (folded who only) as set F1 where
//     two strings match when equal or when one contains the other; time exact
//     on from and to; quantities exact on the sorted (min, max, unit family)
//     keys, else their set F1 as above. Each field is the mean over pairs;
//   - overall: the mean of detection F1 and the seven field scores.
func Score(gold, pred []GoldClaim) Report {
	r := Report{Gold: len(gold), Pred: len(pred), Field: map[string]float64{}}
	type cand struct {
		ratio float64
		g, p  int
	}
	var cands []cand
	for gi, g := range gold {
		for pi, p := range pred {
			if g.Source != p.Source {
				continue
			}
			inter := min(g.End, p.End) - max(g.Start, p.Start)
			if inter <= 0 {
				continue
			}
			ratio := float64(inter) / float64(max(1, min(g.End-g.Start, p.End-p.Start)))
			if ratio < 0.5 {
				continue
			}
			cands = append(cands, cand{ratio, gi, pi})
		}
	}
	// Python sorts the (ratio, gold, pred) tuples in reverse.
	slices.SortStableFunc(cands, func(a, b cand) int {
		return cmp.Or(cmp.Compare(b.ratio, a.ratio), cmp.Compare(b.g, a.g), cmp.Compare(b.p, a.p))
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
	if r.Matched > 0 {
		r.F1 = 2 * r.Precision * r.Recall / (r.Precision + r.Recall)
	}
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

func scorePair(g, p GoldClaim) map[string]float64 {
	s := map[string]float64{}
	s["action"] = boolScore(g.Action == p.Action)
	s["modality"] = boolScore(g.Modality == p.Modality)
	s["actors"] = setF1(scoreNames(g.Actors), scoreNames(p.Actors))
	s["places"] = setF1(placeKeys(g.Places), placeKeys(p.Places))
	s["time"] = timeScore(g.Time, p.Time)
	gq, pq := quantityKeys(g.Quantities), quantityKeys(p.Quantities)
	if sq, sp := slices.Sorted(slices.Values(gq)), slices.Sorted(slices.Values(pq)); slices.Equal(sq, sp) {
		s["quantities"] = 1
	} else {
		s["quantities"] = setF1(gq, pq)
	}
	s["attribution"] = setF1(attributionWhos(g.Attribution), attributionWhos(p.Attribution))
	return s
}

func boolScore(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// setF1 is the reference scorer's set F1: each gold string takes the first
// unused prediction equal to it or containing or contained in it; two empty
// sets score 1.
func setF1(gold, pred []string) float64 {
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
			if used[k] {
				continue
			}
			if g == p || g != "" && p != "" && (strings.Contains(p, g) || strings.Contains(g, p)) {
				used[k] = true
				tp++
				break
			}
		}
	}
	if tp == 0 {
		return 0
	}
	prec, rec := float64(tp)/float64(len(pred)), float64(tp)/float64(len(gold))
	return 2 * prec * rec / (prec + rec)
}

var (
	notScoreChars = regexp.MustCompile(`[^a-z0-9' ]+`)
	scoreStop     = regexp.MustCompile(`\b(the|of|al|el)\b`)
)

// ScoreFold folds a name as the reference scorer does: compatibility
// decomposition without combining marks, lower case, curly apostrophes
// straight, other punctuation as space, the words "the", "of", "al" and
// "el" dropped, spaces collapsed.
func ScoreFold(s string) string {
	s = norm.NFKD.String(s)
	var b strings.Builder
	for _, r := range s {
		if norm.NFKD.PropertiesString(string(r)).CCC() != 0 || unicode.Is(unicode.Mn, r) {
			continue
		}
		b.WriteRune(r)
	}
	s = strings.ToLower(b.String())
	s = strings.NewReplacer("’", "'", "‘", "'").Replace(s)
	s = notScoreChars.ReplaceAllString(s, " ")
	s = scoreStop.ReplaceAllString(s, " ")
	return strings.Join(strings.Fields(s), " ")
}

func scoreNames(ss []string) []string {
	out := make([]string, 0, len(ss))
	for _, s := range ss {
		if f := ScoreFold(s); f != "" {
			out = append(out, f)
		}
	}
	return out
}

func placeKeys(ps []GoldPlace) []string {
	out := make([]string, 0, len(ps))
	for _, p := range ps {
		out = append(out, ScoreFold(p.Name)+"|"+p.Role)
	}
	return out
}

func attributionWhos(as []GoldAttribution) []string {
	out := make([]string, 0, len(as))
	for _, a := range as {
		if f := ScoreFold(a.Who); f != "" {
			out = append(out, f)
		}
	}
	return out
}

func quantityKeys(qs []GoldQuantity) []string {
	out := make([]string, 0, len(qs))
	for _, q := range qs {
		out = append(out, pyNumber(q.Min)+"|"+pyNumber(q.Max)+"|"+ScoreUnitFamily(q.Unit))
	}
	return out
}

// pyNumber writes a number as Python prints the value json.loads gives for
// it: whole numbers (written without a fraction, as encoding/json does) as
// integers, others in the shortest form.
func pyNumber(v float64) string {
	if v == math.Trunc(v) && math.Abs(v) < 1e21 {
		return strconv.FormatFloat(v, 'f', 0, 64)
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

func timeScore(a, b *GoldTime) float64 {
	empty := func(t *GoldTime) bool { return t == nil || t.From == nil && t.To == nil && t.Precision == "" }
	if empty(a) && empty(b) {
		return 1
	}
	if empty(a) || empty(b) {
		return 0
	}
	eq := func(x, y *string) bool {
		if x == nil || y == nil {
			return x == nil && y == nil
		}
		return *x == *y
	}
	return boolScore(eq(a.From, b.From) && eq(a.To, b.To))
}

// scoreFamilies are the reference scorer's unit families, first match
// first: a unit belongs to the first family one of whose stems occurs in
// its folded words. They are a convention of the evaluation (what counts
// as the same figure), not the product's unit vocabulary.
var scoreFamilies = []struct {
	family string
	stems  []string
}{
	{"flight", []string{"flight"}},
	{"killed", []string{"kill", "death", "dead", "fatalit"}},
	{"arrested", []string{"arrest", "detain"}},
	{"fighters", []string{"fighter", "militia", "militant", "troop", "soldier", "combatant", "operative"}},
	{"buses", []string{"bus"}},
	{"days", []string{"day"}},
	{"money", []string{"usd", "dollar", "$"}},
}

// ScoreUnitFamily is the family the reference scorer puts a unit in; a unit
// of no family is its own folded text.
func ScoreUnitFamily(u string) string {
	f := ScoreFold(u)
	for _, fam := range scoreFamilies {
		for _, s := range fam.stems {
			if strings.Contains(f, s) {
				return fam.family
			}
		}
	}
	return f
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
