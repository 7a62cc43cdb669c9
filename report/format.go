package report

import (
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/triangulate/triangulate/claim"
)

// band is one ICD 203 likelihood expression and its probability range.
type band struct {
	words    string
	low, top float64 // percent
}

// icd203 is the estimative-language scale of US Intelligence Community
// Directive 203 (2015), lowest first.
var icd203 = []band{
	{"almost no chance", 1, 5},
	{"very unlikely", 5, 20},
	{"unlikely", 20, 45},
	{"roughly even chance", 45, 55},
	{"likely", 55, 80},
	{"very likely", 80, 95},
	{"almost certain", 95, 99},
}

// Band returns the ICD 203 words and band ("55–80 %") for a probability.
func Band(p float64) (words, rng string) {
	pc := p * 100
	for _, b := range icd203 {
		if pc <= b.top {
			return b.words, formatBand(b.low, b.top)
		}
	}
	last := icd203[len(icd203)-1]
	return last.words, formatBand(last.low, last.top)
}

func formatBand(lo, hi float64) string {
	return fmt.Sprintf("%02.0f–%02.0f %%", lo, hi)
}

// Likelihood writes an assessment's probability the way the report shows it:
// the estimative words and their band, "likely (55–80 %)". The assessment's
// own words and band win; the probability fills in what is missing.
func Likelihood(a *claim.Assessment) string {
	words, rng := Band(a.Probability)
	if a.Words != "" {
		words = a.Words
	}
	if a.Band != "" {
		rng = normaliseBand(a.Band)
	}
	return words + " (" + rng + ")"
}

// normaliseBand writes "55-80%" as "55–80 %".
func normaliseBand(s string) string {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "%"))
	s = strings.Replace(s, "-", "–", 1)
	return s + " %"
}

// FormatQuantity writes a figure as a reader would say it: "close to 5,000
// fighters", "between 4–5 flights per day".
func FormatQuantity(q claim.Quantity) string {
	s := formatRange(q.Min, q.Max) + " " + q.Unit
	if q.Qualifier != "" {
		s = q.Qualifier + " " + s
	}
	return s
}

func formatRange(lo, hi float64) string {
	if lo == hi {
		return claim.FormatNumber(lo)
	}
	return claim.FormatNumber(lo) + "–" + claim.FormatNumber(hi)
}

// formatP writes a p-value with three significant digits.
func formatP(p float64) string {
	if p == 0 {
		return "—"
	}
	if p < 0.001 {
		return strconv.FormatFloat(p, 'e', 2, 64)
	}
	return strconv.FormatFloat(p, 'g', 3, 64)
}

// formatAny writes a detail value compactly and deterministically.
func formatAny(v any) string {
	switch x := v.(type) {
	case nil:
		return "—"
	case string:
		return x
	case float64:
		return claim.FormatNumber(x)
	case float32:
		return claim.FormatNumber(float64(x))
	case int:
		return claim.FormatNumber(float64(x))
	case int64:
		return claim.FormatNumber(float64(x))
	case bool:
		return strconv.FormatBool(x)
	case []string:
		if len(x) == 0 {
			return "none"
		}
		return strings.Join(x, ", ")
	case []any:
		if len(x) == 0 {
			return "none"
		}
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = formatAny(e)
		}
		return strings.Join(parts, ", ")
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		parts := make([]string, len(keys))
		for i, k := range keys {
			parts[i] = k + "=" + formatAny(x[k])
		}
		return strings.Join(parts, ", ")
	}
	// encoding/json sorts map keys, so this is deterministic too.
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

// dateRange writes a time span for reading: "2026-01-04 – 2026-01-08",
// "since 2026-01-10", "by 2026-01-11", one day alone.
func dateRange(from, to claim.Date) string {
	switch {
	case from == "" && to == "":
		return "undated"
	case to == "":
		return "since " + from
	case from == "":
		return "by " + to
	case from == to:
		return from
	}
	return from + " – " + to
}
