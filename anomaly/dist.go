package anomaly

import (
	"math"

	"gonum.org/v1/gonum/mathext"
)

// Dist is a negative binomial count distribution with mean Mu and size R
// (variance Mu + Mu²/R). R = +Inf (or 0, the zero value) is the Poisson limit.
// gonum's distuv has no negative binomial; its tails come from the
// regularised incomplete beta function: P(X ≤ k) = I_p(R, k+1), p = R/(R+Mu).
type Dist struct {
	Mu float64
	R  float64
}

// poisson reports whether d is (numerically) Poisson.
func (d Dist) poisson() bool { return d.R <= 0 || math.IsInf(d.R, 1) || d.R > 1e9*math.Max(d.Mu, 1) }

// Var is the variance.
func (d Dist) Var() float64 {
	if d.poisson() {
		return d.Mu
	}
	return d.Mu + d.Mu*d.Mu/d.R
}

// CDF returns P(X ≤ k).
func (d Dist) CDF(k int) float64 {
	switch {
	case k < 0:
		return 0
	case d.Mu <= 0:
		return 1
	case d.poisson():
		return mathext.GammaIncRegComp(float64(k+1), d.Mu)
	}
	return mathext.RegIncBeta(d.R, float64(k+1), d.R/(d.R+d.Mu))
}

// Survival returns P(X ≥ k), computed directly (not as 1 − CDF) so that
// tiny tail probabilities keep their precision.
func (d Dist) Survival(k int) float64 {
	switch {
	case k <= 0:
		return 1
	case d.Mu <= 0:
		return 0
	case d.poisson():
		return mathext.GammaIncReg(float64(k), d.Mu)
	}
	return mathext.RegIncBeta(float64(k), d.R, d.Mu/(d.R+d.Mu))
}

// LogPMF returns log P(X = k).
func (d Dist) LogPMF(k int) float64 {
	if k < 0 {
		return math.Inf(-1)
	}
	if d.Mu <= 0 {
		if k == 0 {
			return 0
		}
		return math.Inf(-1)
	}
	x := float64(k)
	lk, _ := math.Lgamma(x + 1)
	if d.poisson() {
		return x*math.Log(d.Mu) - d.Mu - lk
	}
	a, _ := math.Lgamma(x + d.R)
	b, _ := math.Lgamma(d.R)
	return a - b - lk + d.R*math.Log(d.R/(d.R+d.Mu)) + x*math.Log(d.Mu/(d.R+d.Mu))
}

// PMF returns P(X = k).
func (d Dist) PMF(k int) float64 { return math.Exp(d.LogPMF(k)) }

// Quantile returns the smallest k with P(X ≤ k) ≥ q. Above the median it
// is computed from the upper tail, so q may be as close to 1 as 1 − 1e-300.
func (d Dist) Quantile(q float64) int {
	if d.Mu <= 0 || q <= 0 {
		return 0
	}
	if q > 0.5 {
		return d.UpperPoint(1 - q)
	}
	return d.search(func(k int) bool { return d.CDF(k) >= q }, q)
}

// UpperPoint returns the smallest k with P(X > k) ≤ eps.
func (d Dist) UpperPoint(eps float64) int {
	if d.Mu <= 0 {
		return 0
	}
	return d.search(func(k int) bool { return d.Survival(k+1) <= eps }, 1-eps)
}

// search finds the smallest k ≥ 0 where ok (monotone) holds, starting from
// the normal approximation of the q-quantile and walking by a quarter of a
// standard deviation: a few tail evaluations even for counts in the tens of
// thousands.
func (d Dist) search(ok func(int) bool, q float64) int {
	sd := math.Sqrt(d.Var())
	z := 0.0
	if q > 0 && q < 1 {
		z = math.Sqrt2 * math.Erfinv(2*q-1)
	} else if q >= 1 {
		z = 40
	}
	if math.IsInf(z, 0) || math.IsNaN(z) {
		z = 40 * math.Copysign(1, z)
	}
	k := max(0, int(math.Floor(d.Mu+z*sd)))
	step := max(1, int(sd/4))
	for k > 0 && ok(k-1) { // too high: walk down
		k = max(0, k-step)
	}
	for !ok(k) { // too low: walk up, widening the step
		k += step
		step *= 2
	}
	// Now ok(k); bisect back to the smallest such k.
	lo := k - 1
	for lo >= 0 && ok(lo) {
		lo = max(-1, lo-step)
	}
	for k-lo > 1 {
		mid := (lo + k) / 2
		if ok(mid) {
			k = mid
		} else {
			lo = mid
		}
	}
	return k
}

// fromMoments returns the negative binomial with the given mean and variance
// (Poisson when the variance does not exceed the mean).
func fromMoments(mu, v float64) Dist {
	if v <= mu*(1+1e-9) {
		return Dist{Mu: mu}
	}
	return Dist{Mu: mu, R: mu * mu / (v - mu)}
}

// maxConvolve bounds the support of an exact window-sum convolution; larger
// sums (national totals, thousands a day) use a moment-matched negative
// binomial instead, whose error is negligible at those counts.
const maxConvolve = 20000

// SumSurvival returns P(X₁+…+Xₙ ≥ s) for independent ds: exact, by
// convolving the daily probability mass functions, when counts are small;
// by a moment-matched negative binomial when they are large (exact also
// when all ds share p = R/(R+Mu), where the sum is itself negative binomial).
func SumSurvival(ds []Dist, s int) float64 {
	if s <= 0 {
		return 1
	}
	if len(ds) == 0 {
		return 0
	}
	var mu, v float64
	hi := make([]int, len(ds))
	total := 0
	for i, d := range ds {
		mu += d.Mu
		v += d.Var()
		// Each day's support reaches s, so no mass that could make up the
		// sum is cut off.
		hi[i] = max(d.UpperPoint(1e-17), s)
		total += hi[i]
	}
	if len(ds) == 1 {
		return ds[0].Survival(s)
	}
	if total > maxConvolve {
		return fromMoments(mu, v).Survival(s)
	}
	// The upper tail is summed from the convolved pmf where s lies above the
	// mean (precise for tiny p-values) and as 1 − lower sum otherwise.
	pmf := []float64{1}
	for i, d := range ds {
		p := make([]float64, hi[i]+1)
		for k := range p {
			p[k] = d.PMF(k)
		}
		next := make([]float64, len(pmf)+len(p)-1)
		for a, x := range pmf {
			if x == 0 {
				continue
			}
			for b, y := range p {
				next[a+b] += x * y
			}
		}
		pmf = next
	}
	if float64(s) > mu {
		var up float64
		for k := s; k < len(pmf); k++ {
			up += pmf[k]
		}
		return math.Min(1, up)
	}
	var lo float64
	for k := 0; k < s && k < len(pmf); k++ {
		lo += pmf[k]
	}
	return math.Max(0, 1-lo)
}

// tails returns, for an observed count x, P(X ≥ x), P(X ≤ x) and the
// prediction bounds at level alpha: lower, the largest l with P(X < l) ≤ alpha,
// and upper, the smallest u with P(X > u) ≤ alpha. Small means (every route
// but the busiest) walk the probability mass function by its recurrence,
// which costs a few dozen multiplications instead of a dozen incomplete-beta
// evaluations; the upper tail is summed directly so tiny p-values keep their
// precision.
func (d Dist) tails(x int, alpha float64) (up, low float64, lower, upper int) {
	if d.Mu <= 0 {
		if x <= 0 {
			return 1, 1, 0, 0
		}
		return 0, 1, 0, 0
	}
	if d.Mu > 100 {
		return d.Survival(x), d.CDF(x), lowerBound(d, alpha), d.UpperPoint(alpha)
	}
	// p(0) and the ratio p(k+1)/p(k).
	var p0 float64
	var ratio func(k int) float64
	if d.poisson() {
		p0 = math.Exp(-d.Mu)
		ratio = func(k int) float64 { return d.Mu / float64(k+1) }
	} else {
		q := d.Mu / (d.R + d.Mu)
		p0 = math.Exp(d.R * math.Log1p(-q))
		ratio = func(k int) float64 { return (float64(k) + d.R) / float64(k+1) * q }
	}
	if p0 < 1e-250 { // extreme dispersion: leave it to the special functions
		return d.Survival(x), d.CDF(x), lowerBound(d, alpha), d.UpperPoint(alpha)
	}
	// Walk k = 0, 1, … accumulating the CDF, until past x and the upper bound.
	var cdf, tailFromX, px float64
	p := p0
	lower, upper = -1, -1
	for k := 0; ; k++ {
		if k == x {
			low, px = cdf+p, p
		}
		if k >= x {
			tailFromX += p
		}
		if lower < 0 && cdf+p > alpha { // P(X < k+1) > alpha: k is the largest with P(X < k) ≤ alpha
			lower = k
		}
		cdf += p
		if upper < 0 && 1-cdf <= alpha {
			upper = k
		}
		if k >= x && upper >= 0 && (p < 1e-18*tailFromX || p == 0) && float64(k) > d.Mu {
			break
		}
		if k > 100000 {
			break
		}
		p *= ratio(k)
	}
	if x <= 0 {
		return 1, low, lower, upper
	}
	// Above the mean the directly summed tail is the precise one; below it,
	// the complement of the lower sum is.
	if float64(x) > d.Mu {
		return math.Min(1, tailFromX), math.Min(1, low), lower, upper
	}
	return math.Max(0, 1-(low-px)), math.Min(1, low), lower, upper
}
