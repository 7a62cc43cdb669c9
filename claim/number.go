package claim

import (
	"math"
	"strconv"
	"strings"
)

// FormatNumber writes a figure's number as a reader expects: thousands
// separated, no needless decimals (5000 → "5,000", 4500.5 → "4,500.5",
// 4.5 → "4.5"). Fusion's reasons, assessments, reports, exports and the
// workspace all write numbers with it, so one figure reads the same
// everywhere.
func FormatNumber(n float64) string {
	if math.IsNaN(n) || math.IsInf(n, 0) {
		return strconv.FormatFloat(n, 'f', -1, 64)
	}
	neg := n < 0
	if neg {
		n = -n
	}
	s := strconv.FormatFloat(n, 'f', -1, 64)
	intPart, frac, hasFrac := strings.Cut(s, ".")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, d := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(d)
	}
	if hasFrac {
		b.WriteString("." + frac)
	}
	return b.String()
}
