package anomaly

import (
	"math"
	"testing"
)

func near(a, b, rel float64) bool {
	return math.Abs(a-b) <= rel*math.Max(math.Abs(a), math.Abs(b))+1e-300
}

func TestDistTails(t *testing.T) {
	for _, d := range []Dist{{Mu: 4.5}, {Mu: 4.5, R: 3}, {Mu: 0.3, R: 0.5}, {Mu: 40, R: 12}, {Mu: 17000, R: 3000}} {
		// CDF from the incomplete beta/gamma must match summed pmfs.
		var cum float64
		for k := 0; k <= int(d.Mu*3)+20 && k < 200; k++ {
			cum += d.PMF(k)
			if !near(d.CDF(k), cum, 1e-9) {
				t.Fatalf("%+v: CDF(%d) = %g, summed pmf %g", d, k, d.CDF(k), cum)
			}
			if !near(d.Survival(k+1), 1-cum, 1e-6) && 1-cum > 1e-7 {
				t.Fatalf("%+v: Survival(%d) = %g, want %g", d, k+1, d.Survival(k+1), 1-cum)
			}
		}
		// Mean and variance from the pmf.
		if d.Mu < 100 {
			var m, v float64
			for k := 0; k < 2000; k++ {
				m += float64(k) * d.PMF(k)
			}
			for k := 0; k < 2000; k++ {
				v += (float64(k) - m) * (float64(k) - m) * d.PMF(k)
			}
			if !near(m, d.Mu, 1e-6) || !near(v, d.Var(), 1e-6) {
				t.Errorf("%+v: pmf mean %g var %g, want %g %g", d, m, v, d.Mu, d.Var())
			}
		}
		for _, q := range []float64{0.005, 0.5, 0.99, 0.999999} {
			k := d.Quantile(q)
			if d.CDF(k) < q || (k > 0 && d.CDF(k-1) >= q) {
				t.Errorf("%+v: Quantile(%g) = %d: CDF %g, CDF(k-1) %g", d, q, k, d.CDF(k), d.CDF(k-1))
			}
		}
	}
	// A tiny tail keeps its precision: P(X ≥ 15 | Poisson 4.5) ≈ 1.2e-4.
	if p := (Dist{Mu: 4.5}).Survival(15); !near(p, 7.36605e-5, 1e-5) {
		t.Errorf("Poisson(4.5) P(X≥15) = %g", p)
	}
	if p := (Dist{Mu: 4.5}).Survival(60); p <= 0 || p > 1e-30 {
		t.Errorf("Poisson(4.5) P(X≥60) = %g, want tiny but positive", p)
	}
}

func TestSumSurvival(t *testing.T) {
	ds := []Dist{{Mu: 4.2, R: 6}, {Mu: 5.1, R: 2}, {Mu: 3}}
	// Brute force over all triples.
	var pmf [3][120]float64
	for i, d := range ds {
		for k := range pmf[i] {
			pmf[i][k] = d.PMF(k)
		}
	}
	for _, s := range []int{0, 5, 12, 20, 30, 45} {
		var want float64
		for a := 0; a < 120; a++ {
			for b := 0; b < 120; b++ {
				for c := max(0, s-a-b); c < 120; c++ {
					want += pmf[0][a] * pmf[1][b] * pmf[2][c]
				}
			}
		}
		if got := SumSurvival(ds, s); !near(got, want, 1e-7) {
			t.Errorf("SumSurvival(%d) = %g, want %g", s, got, want)
		}
	}
	// With a common p the sum is NB(ΣR, p): the exact convolution must agree.
	p := 0.4
	same := []Dist{{Mu: 2 * (1 - p) / p, R: 2}, {Mu: 3.5 * (1 - p) / p, R: 3.5}}
	closed := Dist{Mu: 5.5 * (1 - p) / p, R: 5.5}
	for _, s := range []int{3, 10, 25, 40} {
		if got, want := SumSurvival(same, s), closed.Survival(s); !near(got, want, 1e-8) {
			t.Errorf("common-p sum ≥ %d: %g, closed form %g", s, got, want)
		}
	}
	// Large counts take the moment-matched path and stay sensible.
	big := []Dist{{Mu: 17000, R: 4000}, {Mu: 16000, R: 4000}}
	if p := SumSurvival(big, 33000); p < 0.4 || p > 0.6 {
		t.Errorf("national sum at its mean: p = %g", p)
	}
}

// The recurrence used by scans agrees with the special functions.
func TestTailsMatch(t *testing.T) {
	for _, d := range []Dist{{Mu: 4.5}, {Mu: 4.5, R: 3}, {Mu: 0.2, R: 0.4}, {Mu: 0.05}, {Mu: 35, R: 20}, {Mu: 90, R: 1e6}, {Mu: 500, R: 50}} {
		for _, x := range []int{0, 1, 2, 4, 5, 9, 15, 30, 60, 120, 600} {
			up, low, lower, upper := d.tails(x, 0.01)
			if !near(up, d.Survival(x), 1e-8) || !near(low, d.CDF(x), 1e-8) {
				t.Errorf("%+v x=%d: tails %g %g, special functions %g %g", d, x, up, low, d.Survival(x), d.CDF(x))
			}
			if lower != lowerBound(d, 0.01) || upper != d.UpperPoint(0.01) {
				t.Errorf("%+v: bounds %d..%d, want %d..%d", d, lower, upper, lowerBound(d, 0.01), d.UpperPoint(0.01))
			}
		}
	}
}
