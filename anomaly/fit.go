package anomaly

import (
	"math"
)

// obs is one day of a fit window.
type obs struct {
	y   float64
	y23 float64 // y^(2/3), for the Anscombe residual
	dow int     // 0 = Sunday
	s   float64 // weeks relative to the predicted day (negative: before)
	w   float64 // prior weight: 0 for excluded (holiday) days
}

// fit is a fitted baseline: log μ = a[dow] + b·s, quasi-Poisson dispersion phi.
type fit struct {
	a     [7]float64
	b     float64
	trend bool
	phi   float64
	n     int // days that carried weight
	// For the variance of a prediction: Var(η̂₀) = phi·(1/S0[d] + (s₀ − m[d])²/sigma).
	s0    [7]float64
	m     [7]float64
	sigma float64
	maxY  float64
	ea    [7]float64 // exp(a), the weekday means when there is no trend
}

// predict returns the predictive distribution for a day of week dow at s
// weeks: negative binomial with mean μ̂₀ and variance φμ̂₀ + Var(μ̂₀), so
// that both the overdispersion and the uncertainty of the fitted baseline
// widen the bound (Farrington et al. 1996, section 3.3).
func (f *fit) predict(dow int, s float64) Dist {
	eta := f.a[dow]
	if f.trend {
		eta += f.b * s
	}
	// A floor of half a flight over the window: a route silent for weeks
	// (or a trend running down to zero) must not turn one flight into a
	// one-in-a-billion event; the window cannot know a rate below that.
	mu := math.Max(math.Exp(eta), 0.5/float64(max(f.n, 1)))
	if math.IsNaN(mu) {
		return Dist{}
	}
	v := 1 / f.s0[dow]
	if f.trend {
		d := s - f.m[dow]
		v += d * d / f.sigma
	}
	return fromMoments(mu, f.phi*mu+mu*mu*f.phi*v)
}

// fitOptions are the parts of Config the fit needs.
type fitOptions struct {
	trend      bool
	dowPrior   float64 // pseudo-days shrinking each weekday's mean to the window's
	reweightAt float64 // Anscombe residual beyond which a day is down-weighted
}

// fitBaseline fits the baseline to the window xs (which it modifies: the
// weights). It reports false when the window holds no flights at all.
//
// Steps (Noufaily et al. 2013, adapted to daily counts with a weekday effect):
// a quasi-Poisson log-linear fit with a weekday factor; dispersion from the
// Pearson statistic; Anscombe residuals; days with |residual| > 2.58 (past
// surges and drops) down-weighted by residual⁻²; a refit; then a trend term,
// kept only when significant at 5% and when it does not predict beyond the
// window's largest count (Farrington's rule against runaway extrapolation).
func fitBaseline(xs []obs, o fitOptions) (*fit, bool) {
	f := &fit{}
	var sumY float64
	for _, x := range xs {
		if x.w > 0 {
			f.n++
			sumY += x.y
			f.maxY = math.Max(f.maxY, x.y)
		}
	}
	if f.n == 0 || sumY == 0 {
		return nil, false
	}
	f.fitDOW(xs, o.dowPrior)
	f.dispersion(xs)
	if f.reweight(xs, o.reweightAt) {
		f.fitDOW(xs, o.dowPrior)
		f.dispersion(xs)
	}
	if o.trend {
		f.tryTrend(xs)
	}
	return f, true
}

// fitDOW fits log μ = a[dow] in closed form: the (weighted) weekday means,
// shrunk towards the window mean by prior pseudo-days so that a weekday
// without flights in a sparse window does not get a zero expectation.
func (f *fit) fitDOW(xs []obs, prior float64) {
	var sw, swy [7]float64
	var tw, twy float64
	for _, x := range xs {
		sw[x.dow] += x.w
		swy[x.dow] += x.w * x.y
		tw += x.w
		twy += x.w * x.y
	}
	mean := twy / tw
	f.trend, f.b = false, 0
	for d := range 7 {
		mu := (swy[d] + prior*mean) / (sw[d] + prior)
		f.a[d] = math.Log(mu)
		f.ea[d] = mu
		f.s0[d] = (sw[d] + prior) * mu
		f.m[d] = 0
	}
	f.sigma = 0
}

func (f *fit) mu(x obs) float64 {
	if !f.trend {
		return f.ea[x.dow]
	}
	return math.Exp(f.a[x.dow] + f.b*x.s)
}

// params is the number of fitted parameters.
func (f *fit) params() int {
	if f.trend {
		return 8
	}
	return 7
}

// dispersion sets phi = max(1, Pearson χ² / (n − p)).
func (f *fit) dispersion(xs []obs) {
	var chi float64
	for _, x := range xs {
		if x.w > 0 {
			mu := f.mu(x)
			chi += x.w * (x.y - mu) * (x.y - mu) / mu
		}
	}
	df := float64(f.n - f.params())
	f.phi = 1
	if df > 0 && chi/df > 1 {
		f.phi = chi / df
	}
}

// leverage is the hat value of x in the weighted fit.
func (f *fit) leverage(x obs, mu float64) float64 {
	v := 1 / f.s0[x.dow]
	if f.trend {
		d := x.s - f.m[x.dow]
		v += d * d / f.sigma
	}
	return math.Min(x.w*mu*v, 0.99)
}

// reweight down-weights outlying days; it reports whether any weight changed.
func (f *fit) reweight(xs []obs, at float64) bool {
	changed := false
	var total, n float64
	// μ^(2/3) and μ^(1/6) per weekday: without a trend μ only varies by weekday.
	var mu23, mu16 [7]float64
	if !f.trend {
		for d := range 7 {
			c := math.Cbrt(f.ea[d])
			mu23[d], mu16[d] = c*c, math.Sqrt(c)
		}
	}
	sphi := math.Sqrt(f.phi)
	for i, x := range xs {
		if x.w <= 0 {
			continue
		}
		mu := f.mu(x)
		m23, m16 := mu23[x.dow], mu16[x.dow]
		if f.trend {
			c := math.Cbrt(mu)
			m23, m16 = c*c, math.Sqrt(c)
		}
		h := f.leverage(x, mu)
		r := 1.5 * (x.y23 - m23) / (m16 * sphi * math.Sqrt(1-h))
		if math.Abs(r) > at {
			xs[i].w = x.w / (r * r)
			changed = true
		}
		total += xs[i].w
		n++
	}
	if !changed {
		return false
	}
	// Rescale so the weights sum to the number of days, as Farrington's γ does.
	for i := range xs {
		xs[i].w *= n / total
	}
	return true
}

// tryTrend fits log μ = a[dow] + b·s by Newton–Raphson (IRLS) and keeps it
// when it passes Farrington's tests. A score test at b = 0 first saves the
// iterations when no trend is visible, which is most windows.
func (f *fit) tryTrend(xs []obs) {
	for d := range 7 {
		if math.IsInf(f.a[d], -1) {
			return
		}
	}
	g := *f
	g.trend = true
	g.b = 0
	// Exact (unshrunk) weekday means start the iteration; a weekday without
	// flights has no finite MLE, so such windows keep the weekday-only fit.
	var sw, swy [7]float64
	for _, x := range xs {
		sw[x.dow] += x.w
		swy[x.dow] += x.w * x.y
	}
	for d := range 7 {
		if sw[d] > 0 && swy[d] == 0 {
			return
		}
		if sw[d] > 0 {
			g.a[d] = math.Log(swy[d] / sw[d])
		}
	}
	var ea0 [7]float64
	for d := range 7 {
		ea0[d] = math.Exp(g.a[d])
	}
	for iter := 0; iter < 25; iter++ {
		var s0, s1, u [7]float64
		var e, ub float64
		for _, x := range xs {
			if x.w <= 0 {
				continue
			}
			var mu float64
			if iter == 0 {
				mu = ea0[x.dow] // b = 0
			} else {
				mu = g.mu(x)
			}
			W := x.w * mu
			r := x.w * (x.y - mu)
			s0[x.dow] += W
			s1[x.dow] += W * x.s
			e += W * x.s * x.s
			u[x.dow] += r
			ub += r * x.s
		}
		sigma := e
		for d := range 7 {
			if s0[d] > 0 {
				sigma -= s1[d] * s1[d] / s0[d]
				g.m[d] = s1[d] / s0[d]
			}
			g.s0[d] = s0[d]
		}
		if sigma <= 1e-12 {
			return
		}
		g.sigma = sigma
		cross := ub
		for d := range 7 {
			if s0[d] > 0 {
				cross -= s1[d] * u[d] / s0[d]
			}
		}
		if iter == 0 && cross*cross/(f.phi*sigma) < 1.96*1.96 {
			return // score test: no trend worth fitting
		}
		db := cross / sigma
		g.b += db
		maxStep := 0.0
		for d := range 7 {
			if s0[d] > 0 {
				da := (u[d] - s1[d]*db) / s0[d]
				g.a[d] += da
				maxStep = math.Max(maxStep, math.Abs(da))
			}
		}
		if math.Abs(db) < 1e-8 && maxStep < 1e-8 {
			break
		}
	}
	for d := range 7 {
		if g.s0[d] <= 0 { // weekday absent from the window: keep the weekday-only value
			g.a[d] = f.a[d]
			g.s0[d] = f.s0[d]
			g.m[d] = 0
		}
	}
	g.dispersion(xs)
	se := math.Sqrt(g.phi / g.sigma)
	if math.IsNaN(g.b) || math.Abs(g.b) < 1.96*se {
		return
	}
	// Farrington: drop the trend if it predicts beyond what the window saw.
	for d := range 7 {
		if math.Exp(g.a[d]) > f.maxY {
			return
		}
	}
	*f = g
}
