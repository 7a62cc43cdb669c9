package assess

import "fmt"

// Band is one ICD 203 expression of likelihood with its probability range.
type Band struct {
	Words   string  // "very likely"
	Alt     string  // the synonym ICD 203 pairs with it: "highly probable"
	Low     float64 // inclusive
	High    float64 // exclusive, except the top band
	Range   string  // "80-95%"
	Ordinal int     // 1 (almost no chance) … 7 (almost certain)
}

// Bands returns ICD 203's seven expressions of likelihood with the
// probability bands the directive itself gives (ICD 203, 2 January 2015,
// section D.6.b.(2)(a)): 1–5 %, 5–20 %, 20–45 %, 45–55 %, 55–80 %, 80–95 %,
// 95–99 %. STIX 2.1's Appendix B maps words to confidence scores with a
// different table; Triangulate uses ICD 203's bands for words and reports
// the STIX confidence as the probability in percent.
func Bands() []Band {
	return []Band{
		{"almost no chance", "remote", 0, 0.05, "1-5%", 1},
		{"very unlikely", "highly improbable", 0.05, 0.20, "5-20%", 2},
		{"unlikely", "improbable", 0.20, 0.45, "20-45%", 3},
		{"roughly even chance", "roughly even odds", 0.45, 0.55, "45-55%", 4},
		{"likely", "probable", 0.55, 0.80, "55-80%", 5},
		{"very likely", "highly probable", 0.80, 0.95, "80-95%", 6},
		{"almost certain", "nearly certain", 0.95, 1.0001, "95-99%", 7},
	}
}

// BandOf returns the ICD 203 band that holds probability p (0..1).
func BandOf(p float64) Band {
	bs := Bands()
	for _, b := range bs {
		if p < b.High {
			return b
		}
	}
	return bs[len(bs)-1]
}

// STIXConfidence is the probability as a STIX 2.1 confidence (0–100).
func STIXConfidence(p float64) int {
	c := int(p*100 + 0.5)
	return max(0, min(100, c))
}

// Credibility is the Admiralty credibility digit for an event's probability
// and the number of independent origins behind it: 1 confirmed (needs ≥ 2
// independent origins), 2 probably true, 3 possibly true, 4 doubtful,
// 5 improbable, 6 cannot be judged (no origin at all).
func Credibility(p float64, origins int) int {
	switch {
	case origins == 0:
		return 6
	case p >= 0.80 && origins >= 2:
		return 1
	case p >= 0.55:
		return 2
	case p >= 0.45:
		return 3
	case p >= 0.20:
		return 4
	}
	return 5
}

// credibilityWords names each Admiralty credibility digit.
func credibilityWords(d int) string {
	return [...]string{"", "confirmed", "probably true", "possibly true", "doubtful", "improbable", "cannot be judged"}[d]
}

func pct(p float64) string { return fmt.Sprintf("%.0f%%", p*100) }
