package anomaly

import (
	"math"
	"time"

	"github.com/triangulate/triangulate/series"
)

// CUSUMPoint is the count CUSUM after one day.
type CUSUMPoint struct {
	Date    time.Time
	S       float64 // the statistic; unchanged over a gap day
	Missing bool
	Alarm   bool
}

// CUSUM runs an upward count CUSUM (Lucas 1985) over days against their
// baseline distributions: S_t = max(0, S_{t−1} + log-likelihood ratio of
// count x_t under the shifted mean μ_t + shift versus μ_t), for a negative
// binomial of fixed size (Poisson in the limit). It signals when S > h;
// by Lorden's bound the in-control run length is at least eᴴ days. Gap days
// leave S unchanged. A sustained "+2 a day" on a route of 4–5 a day, which
// single-day tests miss, crosses h in a few days.
func CUSUM(days []series.Day, base []Dist, shift, h float64) []CUSUMPoint {
	out := make([]CUSUMPoint, len(days))
	var s float64
	for i, d := range days {
		if !d.Missing && i < len(base) {
			s = math.Max(0, s+llr(d.Count, base[i], shift))
		}
		out[i] = CUSUMPoint{Date: d.Date, S: s, Missing: d.Missing, Alarm: s > h}
	}
	return out
}

// llr is log P(x | mean μ+shift) − log P(x | μ) for a negative binomial of
// size R (the same size under both means), Poisson when R is infinite.
func llr(x int, d Dist, shift float64) float64 {
	mu0 := math.Max(d.Mu, 1e-9)
	mu1 := mu0 + shift
	xf := float64(x)
	if d.poisson() {
		return xf*math.Log(mu1/mu0) - (mu1 - mu0)
	}
	r := d.R
	return xf*math.Log(mu1*(r+mu0)/(mu0*(r+mu1))) + r*math.Log((r+mu0)/(r+mu1))
}

// cusumStep advances a scan's running CUSUM by one day, with the shift the
// scan's configuration asks for.
func cusumStep(s float64, x int, d Dist, cfg Config) float64 {
	shift := math.Max(cfg.CUSUMShift, cfg.CUSUMSDs*math.Sqrt(d.Var()))
	return math.Max(0, s+llr(x, d, shift))
}
