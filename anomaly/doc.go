// Package anomaly tests daily flight counts against a baseline: which
// route-days are surges (or drops), and whether a claim about flight counts
// on a route and dates holds, with the calendar's alternative explanations.
//
// # The baseline (a documented choice)
//
// Counts on a route are small (four or five a day) and overdispersed, with
// a weekly cycle. Methods that assume near-normal noise (S-H-ESD, Prophet)
// fail at these counts, so the baseline follows the outbreak-detection
// family built for sparse counts, Farrington et al. (1996) as improved by
// Noufaily et al. (2013), adapted from weekly to daily data:
//
//   - Fit window: the trailing Window days (default 84, twelve weeks) ending a
//     guard band of Guard days (default 7) before the tested day, so that a
//     surge building up over a few days does not inflate its own baseline.
//     The fit is refreshed every Refit tested days (default 7): the days of
//     one week share the fit anchored at its first day, so their guard band
//     is 7 to 13 days. Refit 1 refits for every day, as Farrington does; the
//     weekly refit makes a scan of every route about five times cheaper.
//   - Model: log-linear, log μ = a[weekday] (+ b·t), fitted as quasi-Poisson
//     (variance φμ, φ from the Pearson statistic, at least 1). Each weekday
//     mean is shrunk towards the window mean by DOWPrior pseudo-days, so a
//     weekday without flights in a sparse window is not given a zero mean.
//   - Past outliers down-weighted: days whose Anscombe residual exceeds 2.58
//     in absolute value (past surges and past drops, such as storms) get
//     weight residual⁻², then the model is refitted (Noufaily et al. 2013).
//   - Trend: tried by a score test, kept only when significant at 5% and when
//     it does not predict beyond the largest count in the window (Farrington).
//   - Holiday terms: days within HolidayDays (default 1) of a major observance
//     of the route's countries (package calendar; US federal holidays and
//     Easter; Shia observances, Nowruz) are left out of the fit.
//   - Gaps (series.Day.Missing) are left out of fits and sums; every result states
//     how much of its window was observable.
//
// The prediction for a day is negative binomial with mean μ̂₀ and variance
// φμ̂₀ + Var(μ̂₀): the dispersion and the uncertainty of the fitted mean both
// widen it. gonum's distuv has no negative binomial; its tails come from the
// regularised incomplete beta function (gonum mathext.RegIncBeta),
// P(X ≤ k) = I_p(r, k+1) with p = r/(r+μ), and for small means from the exact
// recurrence of the probability mass function. Upper tails are summed
// directly so that p-values of 1e-12 keep their precision.
//
// # Tests
//
//   - Single days: the exact upper (and lower) tail probability of the
//     observed count; two-sided p = 2·min by default (Tails).
//   - Multi-day windows: the exact distribution of the window sum by
//     convolving the daily probability mass functions (counts are small; a sum
//     of negative binomials only closes when they share p), with a
//     moment-matched negative binomial above 20,000 flights.
//   - Sustained shifts ("+2 a day"): an upward count CUSUM (Lucas 1985) of
//     log-likelihood ratios; the threshold h = ln 365 keeps the in-control run
//     length above a year by Lorden's bound.
//   - Multiple testing: Benjamini–Hochberg (1995) across every route and day
//     tested in one scan; a day is flagged when its q-value is at most FDR.
//
// # Claims
//
// TestWindow turns a claim into explicit readings and tests each: "at least
// 15 flights on January 7 and 8" is tested per day (each day ≥ 15) and over
// the window (the sum ≥ 15), since the p-values differ by orders of
// magnitude. The verdict is supported, contradicted or untestable (gaps, no
// data); the p-value reported is the more conservative reading's. Nearby
// observances are attached as possible alternative explanations, with the
// tests an analyst would run next.
//
// # Validation (tests beside the code)
//
// On flights-3m.parquet (US flights, January–June 2001): the weekly cycle
// raises no alarm; the Memorial Day weekend drops are flagged with Memorial
// Day attached; a route tripled for two days is found with p < 1e-6; the
// per-test alarm rate on synthetic clean data built from every route's own
// profile stays under the nominal level.
//
// # References
//
//   - Farrington C.P., Andrews N.J., Beale A.D., Catchpole M.A. (1996). A
//     statistical algorithm for the early detection of outbreaks of infectious
//     disease. J. R. Stat. Soc. A 159(3), 547–563.
//   - Noufaily A., Enki D.G., Farrington P., Garthwaite P., Andrews N.,
//     Charlett A. (2013). An improved algorithm for outbreak detection in
//     multiple surveillance systems. Statistics in Medicine 32(7), 1206–1222.
//   - Benjamini Y., Hochberg Y. (1995). Controlling the false discovery rate.
//     J. R. Stat. Soc. B 57(1), 289–300.
//   - Lucas J.M. (1985). Counted data CUSUMs. Technometrics 27(2), 129–144.
//   - Lorden G. (1971). Procedures for reacting to a change in distribution.
//     Ann. Math. Statist. 42(6), 1897–1908.
package anomaly
