package pipeline

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/triangulate/triangulate/anomaly"
	"github.com/triangulate/triangulate/calendar"
	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/errs"
	"github.com/triangulate/triangulate/flights"
	"github.com/triangulate/triangulate/knowledge"
	"github.com/triangulate/triangulate/series"
	"github.com/triangulate/triangulate/store"
)

// Airports indexes the airports of the case's packs. Flight loads and
// scans need only these, so they are read alone (milliseconds) unless the
// whole pack is loaded already.
func (c *Case) Airports(ctx context.Context) (*flights.Airports, error) {
	c.mu.Lock()
	p := c.pack
	c.mu.Unlock()
	if p != nil {
		return flights.NewAirports(p.Airports()), nil
	}
	set, err := c.st.Settings(ctx)
	if err != nil {
		return nil, err
	}
	dirs := make([]string, len(set.Packs))
	for i, r := range set.Packs {
		dirs[i] = r.Dir
	}
	list, err := knowledge.LoadAirports(dirs...)
	if err != nil {
		return nil, errs.E(errs.BadInput, "load the packs' airports", err)
	}
	return flights.NewAirports(list), nil
}

// Dataset resolves the one dataset a command reads: name when given (it
// must exist), else the only one stored.
func (c *Case) Dataset(ctx context.Context, name string) (string, error) {
	all, err := c.Datasets(ctx, name)
	if err != nil {
		return "", err
	}
	if len(all) > 1 {
		return "", errs.E(errs.BadInput, "flights", fmt.Sprintf("several datasets are stored (%s): choose one with --dataset", strings.Join(all, ", ")))
	}
	return all[0], nil
}

// Datasets resolves a dataset name: the one named (it must exist), or
// every stored dataset when name is empty; none stored is errs.NotFound.
func (c *Case) Datasets(ctx context.Context, name string) ([]string, error) {
	all, err := c.st.Datasets(ctx)
	if err != nil {
		return nil, err
	}
	if len(all) == 0 {
		return nil, errs.E(errs.NotFound, "flights", "no flight data stored: run 'triangulate flights load FILE…' first")
	}
	if name == "" {
		return all, nil
	}
	if !slices.Contains(all, name) {
		return nil, errs.E(errs.NotFound, "flights", fmt.Sprintf("no dataset %q (stored: %s)", name, strings.Join(all, ", ")))
	}
	return []string{name}, nil
}

// DefaultMaxRejected is the share of rejected rows above which a flight
// load stores nothing.
const DefaultMaxRejected = 0.01

// FlightLoad is what to load: files (or, with ClickHouse and no files, a
// table as it is), how to read them, and into which dataset.
type FlightLoad struct {
	Files   []string
	Dataset string // default: the first file's name
	Format  flights.Format
	Reader  flights.Options // Airports are the case's
	Groups  flights.Groups
	// KeepCodes keeps airport codes as the source gives them (default:
	// IATA when the airport is known).
	KeepCodes bool
	Coverage  flights.CoverageOptions
	// MaxRejected is the largest share of rejected rows a load accepts
	// (0: DefaultMaxRejected; 1 accepts anything). Above it the load fails
	// and stores nothing.
	MaxRejected float64
	// ClickHouse, when set, counts in ClickHouse: files are inserted into
	// the table first, then the table is aggregated there.
	ClickHouse *ClickHouseSource
	// Progress, if set, is called after each file read.
	Progress func(done int)
}

// ClickHouseSource names a ClickHouse table shaped like OpenSky's flights.
type ClickHouseSource struct{ DSN, Table string }

// FlightsLoaded accounts for a load: every file's report, the rejections
// by reason, what was counted and the coverage decided. Stored says
// whether the dataset was written.
type FlightsLoaded struct {
	Dataset  string
	Reports  []*flights.Report
	Rows     int
	Rejected int
	Reasons  map[string]int // rejected rows by kind of reason, over every file
	Legs     int            // inferred from position data
	Unrouted int            // flights or legs without both airports: not counted
	UTCDays  int            // counted by UTC day: their airport's zone is unknown
	Flights  int64          // counted (local backend)
	Inserted int            // inserted into ClickHouse
	Coverage flights.Coverage
	Routes   int
	Days     int // route-days stored
	Stored   bool
}

// LoadFlights reads flight records into per-route day counts with explicit
// coverage and stores them as a dataset, replacing one of the same name.
// A load whose rejected share exceeds MaxRejected stores nothing and fails
// with errs.BadInput; the result still holds the reports, so that the
// caller can show what was wrong.
func (c *Case) LoadFlights(ctx context.Context, req FlightLoad) (*FlightsLoaded, error) {
	const op = "flights load"
	if req.Dataset == "" {
		if len(req.Files) == 0 {
			return nil, errs.E(errs.BadInput, op, "name the dataset with --dataset")
		}
		req.Dataset = flights.DatasetName(req.Files[0])
	}
	if req.ClickHouse == nil && len(req.Files) == 0 {
		return nil, errs.E(errs.BadInput, op, "no FILE given")
	}
	maxRejected := cmp.Or(req.MaxRejected, DefaultMaxRejected)
	if maxRejected < 0 || maxRejected > 1 {
		return nil, errs.E(errs.BadInput, op, fmt.Sprintf("the largest rejected share must be 0 to 100%%, not %g", maxRejected))
	}
	airports, err := c.Airports(ctx)
	if err != nil {
		return nil, err
	}
	req.Reader.Airports = airports
	req.Reader.MaxErrors = max(req.Reader.MaxErrors, flights.MaxRowErrors)
	out := &FlightsLoaded{Dataset: req.Dataset}
	var ss []series.Series
	if req.ClickHouse != nil {
		ss, err = c.loadClickHouse(ctx, req, out, maxRejected)
	} else {
		ss, err = loadLocal(ctx, req, out, maxRejected)
	}
	if err != nil {
		return out, err
	}
	out.Routes = len(ss)
	for _, s := range ss {
		out.Days += len(s.Days)
	}
	if err := c.st.PutSeries(ctx, req.Dataset, ss); err != nil {
		return out, err
	}
	out.Stored = true
	// The data checks made before (and the calendar signals saying no data
	// was loaded) would be stale beside the new data.
	if err := c.recheckFlightClaims(ctx); err != nil {
		return out, fmt.Errorf("%s: stored %s, but rechecking the flight claims failed: %w", op, req.Dataset, err)
	}
	return out, nil
}

func loadLocal(ctx context.Context, req FlightLoad, out *FlightsLoaded, maxRejected float64) ([]series.Series, error) {
	res, err := flights.Load(ctx, req.Files, flights.LoadOptions{Format: req.Format, Reader: req.Reader, Groups: req.Groups,
		Normalize: !req.KeepCodes, Progress: req.Progress})
	if err != nil {
		return nil, err
	}
	out.Reports, out.Legs, out.Unrouted, out.UTCDays, out.Flights = res.Reports, res.Legs, res.Unrouted, res.UTCDays, res.Series.Flights()
	if err := out.account(maxRejected); err != nil {
		return nil, err
	}
	ss, cov, err := res.PerRoute(req.Coverage)
	out.Coverage = cov
	if err != nil {
		return nil, errs.E(errs.BadInput, "flights load", err)
	}
	return ss, nil
}

func (c *Case) loadClickHouse(ctx context.Context, req FlightLoad, out *FlightsLoaded, maxRejected float64) ([]series.Series, error) {
	const op = "flights load"
	if req.ClickHouse.DSN == "" {
		return nil, errs.E(errs.BadInput, op, "ClickHouse needs a DSN (--dsn)")
	}
	ch, err := flights.OpenClickHouse(ctx, req.ClickHouse.DSN, req.ClickHouse.Table)
	if err != nil {
		return nil, err
	}
	defer ch.Close()
	ch.Airports, ch.Groups, ch.Normalize, ch.LocalDays = req.Reader.Airports, req.Groups, !req.KeepCodes, true
	if len(req.Files) > 0 {
		// Read every file before inserting any, so that a load refused for
		// its rejected rows leaves the table as it was.
		var all []flights.Flight
		for i, path := range req.Files {
			r, err := flights.Open(path, req.Format, req.Reader)
			if err != nil {
				return nil, err
			}
			for {
				f, err := r.Next()
				if err == io.EOF {
					break
				}
				if err != nil {
					r.Close()
					return nil, err
				}
				all = append(all, f)
			}
			r.Close()
			out.Reports = append(out.Reports, r.Report())
			if req.Progress != nil {
				req.Progress(i + 1)
			}
		}
		if err := out.account(maxRejected); err != nil {
			return nil, err
		}
		if err := ch.CreateTable(ctx); err != nil {
			return nil, err
		}
		if out.Inserted, err = ch.InsertFlights(ctx, all, req.Reader.Airports, 0); err != nil {
			return nil, err
		}
	}
	ss, cov, err := ch.PerRoute(ctx, flights.Filter{Coverage: req.Coverage})
	out.Coverage = cov
	if err != nil {
		return nil, err
	}
	if len(ss) == 0 {
		return nil, errs.E(errs.NotFound, op, "the ClickHouse table holds no flights with both airports")
	}
	return ss, nil
}

// account totals the reports and refuses a load whose rejected share
// passes max.
func (out *FlightsLoaded) account(max float64) error {
	out.Reasons = map[string]int{}
	for _, r := range out.Reports {
		out.Rows += r.Rows
		out.Rejected += r.Rejected
		for k, n := range r.Reasons {
			out.Reasons[k] += n
		}
	}
	if out.Rows == 0 {
		return errs.E(errs.BadInput, "flights load", "no rows read")
	}
	if share := float64(out.Rejected) / float64(out.Rows); share > max {
		return errs.E(errs.BadInput, "flights load", fmt.Sprintf(
			"%d of %d rows rejected (%s), more than the %s allowed (--max-rejected): nothing stored",
			out.Rejected, out.Rows, percent(share), percent(max)))
	}
	return nil
}

func percent(x float64) string {
	s := fmt.Sprintf("%.2f", 100*x)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	return s + " %"
}

// ReasonCounts lists reasons by count (most first), then name.
func ReasonCounts(m map[string]int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int { return cmp.Or(cmp.Compare(m[b], m[a]), cmp.Compare(a, b)) })
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = fmt.Sprintf("%d %s", m[k], k)
	}
	return out
}

// RouteCountries returns, for a route, the ISO countries of its airports
// whose calendars may explain its counts (nil, every calendar, for unknown
// airports); override, when given, is used for every route.
func RouteCountries(airports *flights.Airports, override []string) func(series.Route) []string {
	if len(override) > 0 {
		cs := make([]string, len(override))
		for i, c := range override {
			cs[i] = strings.ToUpper(c)
		}
		return func(series.Route) []string { return cs }
	}
	return func(r series.Route) []string {
		var cs []string
		for _, code := range []string{r.Origin, r.Dest} {
			if ap, ok := airports.Airport(code); ok && ap.CountryCode != "" && !slices.Contains(cs, ap.CountryCode) {
				cs = append(cs, ap.CountryCode)
			}
		}
		return cs
	}
}

// Scan is an anomaly scan to run: a dataset (empty: the only one), one
// route or all, the days tested and the test's settings.
type Scan struct {
	Dataset   string
	Route     series.Route // zero: every route
	Countries []string     // calendars to consult (default: each route's airports')
	Config    anomaly.Config
	Save      bool // store flagged days as signals
}

// Scanned is a scan's outcome.
type Scanned struct {
	Dataset string
	Results []anomaly.Result
	Series  []series.Series // what was scanned
	// Countries gives each route's calendars, as the scan used them.
	Countries func(series.Route) []string
	Saved     int // signals stored
}

// ScanRoutes tests every route-day of a dataset (or one route's days)
// against its own baseline, with Benjamini–Hochberg across all of them,
// and optionally stores the flagged days as signals.
func (c *Case) ScanRoutes(ctx context.Context, q Scan) (*Scanned, error) {
	const op = "flights anomalies"
	ds, err := c.Dataset(ctx, q.Dataset)
	if err != nil {
		return nil, err
	}
	ss, err := c.st.Series(ctx, store.SeriesFilter{Dataset: ds, Origin: q.Route.Origin, Dest: q.Route.Dest})
	if err != nil {
		return nil, err
	}
	if len(ss) == 0 {
		if q.Route.Origin != "" {
			return nil, errs.E(errs.NotFound, op, fmt.Sprintf("no route %s in dataset %q", q.Route, ds))
		}
		return nil, errs.E(errs.NotFound, op, fmt.Sprintf("dataset %q is empty", ds))
	}
	airports, err := c.Airports(ctx)
	if err != nil {
		return nil, err
	}
	cfg := q.Config
	cfg.Countries = RouteCountries(airports, q.Countries)
	out := &Scanned{Dataset: ds, Series: ss, Countries: cfg.Countries, Results: anomaly.Scan(ss, cfg)}
	if q.Save {
		sigs := anomalySignals(ds, out.Results, c.now().UTC())
		if len(sigs) > 0 {
			if err := c.st.PutSignals(ctx, sigs); err != nil {
				return out, err
			}
		}
		out.Saved = len(sigs)
	}
	return out, nil
}

// anomalySignals turns flagged route-days into signals (upserted by id).
func anomalySignals(ds string, results []anomaly.Result, now time.Time) []claim.Signal {
	var sigs []claim.Signal
	for _, r := range results {
		if !r.Flagged {
			continue
		}
		kind := "flight-" + r.Direction
		summary := fmt.Sprintf("%s on %s: %d flights against %.1f expected (99%% band %d–%d), p = %.2g, q = %.2g",
			r.Route, r.Day(), r.Observed, r.Expected, r.Lower, r.Upper, r.PValue, r.QValue)
		if r.Explained {
			summary += "; a major observance is near: " + r.Observances[0].Name
		}
		sigs = append(sigs, claim.Signal{
			ID:      fmt.Sprintf("%s-%s-%s-%s", kind, ds, r.Route, r.Day()),
			Kind:    kind,
			Subject: r.Route.String(),
			From:    r.Day(),
			To:      r.Day(),
			Verdict: claim.Supported,
			PValue:  r.PValue,
			Summary: summary,
			Details: map[string]any{"dataset": ds, "result": r},
			Created: now,
		})
	}
	return sigs
}

// FlightCheck is a claim about flight counts to test: the route, window and
// figures the caller gives, the rest taken from ClaimID's claim.
type FlightCheck struct {
	Dataset   string
	Check     anomaly.Check // Origin, Dest, From, To, AtLeast, NormalLo/Hi, Increase as given
	ClaimID   string        // fills what Check leaves open, and links the signal
	Countries []string      // calendars to consult (default: the route's airports')
	NoSave    bool          // do not store the signal
}

// FlightChecked is a tested claim: the result with its follow-up tests run
// on the loaded data, the signal stored (unless NoSave) and the route's
// series for charts.
type FlightChecked struct {
	anomaly.CheckResult
	Dataset   string
	Signal    claim.Signal
	Saved     bool
	Route     series.Route
	Days      []series.Day // the route's stored days
	Countries func(series.Route) []string
}

// CheckClaim tests a claim about flight counts against the stored series:
// the route from the claim's places (airport codes, or the airports of a
// named city), the window from its time and the figures from its
// quantities, where the request leaves them open. The dataset's span
// bounds what is known; the follow-ups (the same days in earlier years, the
// reverse route, the other routes out) run where the data reaches. The
// result is stored as a signal linked to the claim.
func (c *Case) CheckClaim(ctx context.Context, q FlightCheck) (*FlightChecked, error) {
	const op = "flights check"
	chk := q.Check
	chk.Origin, chk.Dest = strings.ToUpper(chk.Origin), strings.ToUpper(chk.Dest)
	if q.ClaimID != "" {
		cl, err := c.st.Claim(ctx, q.ClaimID)
		if err != nil {
			return nil, err
		}
		var p *knowledge.Pack
		if chk.Origin == "" || chk.Dest == "" {
			if p, err = c.Pack(ctx); err != nil {
				return nil, err
			}
		}
		if err := checkFromClaim(cl, p, &chk); err != nil {
			return nil, err
		}
	}
	switch {
	case chk.Origin == "" || chk.Dest == "" || chk.From.IsZero():
		return nil, errs.E(errs.BadInput, op, "want ORIGIN DEST FROM..TO, or a claim that names them")
	case chk.To.Before(chk.From):
		return nil, errs.E(errs.BadInput, op, "the window ends before it starts")
	case chk.AtLeast == 0 && chk.Increase == 0:
		return nil, errs.E(errs.BadInput, op, "nothing to test: give --at-least N or --increase N (or a claim with a count)")
	}
	ds, err := c.Dataset(ctx, q.Dataset)
	if err != nil {
		return nil, err
	}
	airports, err := c.Airports(ctx)
	if err != nil {
		return nil, err
	}
	route := series.Route{Origin: chk.Origin, Dest: chk.Dest}
	countries := RouteCountries(airports, q.Countries)
	chk.Countries = countries(route)
	chk.ClaimID = q.ClaimID
	// The origin's routes (the dataset's span bounds what is known) and the
	// reverse route, for the follow-ups.
	out, err := c.st.Series(ctx, store.SeriesFilter{Dataset: ds, Origin: chk.Origin})
	if err != nil {
		return nil, err
	}
	back, err := c.st.Series(ctx, store.SeriesFilter{Dataset: ds, Origin: chk.Dest, Dest: chk.Origin})
	if err != nil {
		return nil, err
	}
	var days []series.Day
	for _, s := range out {
		if s.Route == route {
			days = s.Days
		}
		if sum := s.Summarise(); !sum.From.IsZero() {
			if chk.CoverFrom.IsZero() || sum.From.Before(chk.CoverFrom) {
				chk.CoverFrom = sum.From
			}
			if sum.To.After(chk.CoverTo) {
				chk.CoverTo = sum.To
			}
		}
	}
	res := anomaly.TestWindow(days, chk, anomaly.Config{})
	res.RunFollowUps(append(out, back...), anomaly.Config{})
	sig := res.Signal(q.ClaimID, c.now().UTC())
	sig.Details["dataset"] = ds
	got := &FlightChecked{CheckResult: res, Dataset: ds, Signal: sig, Route: route, Days: days, Countries: countries}
	if !q.NoSave {
		if err := c.st.PutSignals(ctx, []claim.Signal{sig}); err != nil {
			return got, err
		}
		got.Saved = true
	}
	return got, nil
}

// checkFromClaim fills what the request left open from a stored claim: the
// route from its origin and destination places, the window from its time,
// and the figures from its quantities (a count with "at least", a
// baseline, an increase).
func checkFromClaim(c *claim.Claim, pack *knowledge.Pack, chk *anomaly.Check) error {
	const op = "flights check"
	if chk.Origin == "" || chk.Dest == "" {
		for _, p := range c.Places {
			code := placeAirport(p, pack)
			switch {
			case p.Role == claim.RoleOrigin && chk.Origin == "" && code != "":
				chk.Origin = code
			case p.Role == claim.RoleDestination && chk.Dest == "" && code != "":
				chk.Dest = code
			}
		}
		if chk.Origin == "" || chk.Dest == "" {
			return errs.E(errs.BadInput, op, fmt.Sprintf("claim %s names no origin and destination airport: give ORIGIN DEST FROM..TO", c.ID))
		}
	}
	if chk.From.IsZero() {
		if c.Time == nil || c.Time.From == "" {
			return errs.E(errs.BadInput, op, fmt.Sprintf("claim %s has no dated window: give ORIGIN DEST FROM..TO", c.ID))
		}
		to := cmp.Or(c.Time.To, c.Time.From)
		from, err1 := time.Parse(time.DateOnly, c.Time.From)
		end, err2 := time.Parse(time.DateOnly, to)
		if err1 != nil || err2 != nil || end.Before(from) {
			return errs.E(errs.BadInput, op, fmt.Sprintf("claim %s: window %s..%s is not two days in order", c.ID, c.Time.From, to))
		}
		chk.From, chk.To = from, end
	}
	for _, q := range c.Quantities {
		switch q.Kind {
		case claim.QuantityCount:
			if chk.AtLeast == 0 {
				chk.AtLeast = int(q.Min)
			}
		case claim.QuantityBaseline:
			if chk.NormalHi == 0 {
				chk.NormalLo, chk.NormalHi = q.Min, q.Max
			}
		case claim.QuantityIncrease:
			if chk.Increase == 0 {
				chk.Increase = q.Min
			}
		}
	}
	return nil
}

// placeAirport resolves a claim's place to an airport code: a code as
// written, a pack airport id, or the first airport serving the named city.
func placeAirport(p claim.Place, pack *knowledge.Pack) string {
	if pack == nil {
		return ""
	}
	for _, s := range []string{p.PackID, p.Name} {
		s = strings.TrimPrefix(strings.TrimSpace(s), "airport:")
		if ap, ok := pack.Airport(strings.ToUpper(s)); ok && len(s) >= 3 && len(s) <= 4 {
			return ap.Code()
		}
	}
	for _, ap := range pack.AirportsByCity(p.Name) {
		if ap.IATA != "" {
			return ap.IATA
		}
	}
	return ""
}

// RouteSeries returns one route's stored days, from..to (zero: open). The
// codes may be typed as the dataset does not count them (OIIE for IKA, or
// the reverse): each code's other codes are tried too.
func (c *Case) RouteSeries(ctx context.Context, dataset, origin, dest string, from, to time.Time) (series.Series, error) {
	airports, err := c.Airports(ctx)
	if err != nil {
		return series.Series{}, err
	}
	for _, o := range codeVariants(airports, origin) {
		for _, d := range codeVariants(airports, dest) {
			ss, err := c.st.Series(ctx, store.SeriesFilter{Dataset: dataset, Origin: o, Dest: d, From: from, To: to})
			if err != nil {
				return series.Series{}, err
			}
			if len(ss) > 0 {
				return ss[0], nil
			}
		}
	}
	return series.Series{}, errs.E(errs.NotFound, "flights series", fmt.Sprintf(
		"no route %s→%s in dataset %q in that period: no flight was seen on it (see 'triangulate flights routes')", origin, dest, dataset))
}

// codeVariants is the code as typed, then the airport's other codes.
func codeVariants(airports *flights.Airports, code string) []string {
	code = strings.ToUpper(strings.TrimSpace(code))
	out := []string{code}
	if x, ok := airports.Airport(code); ok {
		for _, c := range []string{x.IATA, x.ICAO} {
			if c != "" && c != code {
				out = append(out, c)
			}
		}
	}
	return out
}

// RouteSummary is one stored route of a dataset, totalled.
type RouteSummary struct {
	Dataset string
	series.Summary
	// Recent is the route's last days (up to 60), for a sparkline.
	Recent []series.Day
}

// Routes totals the stored routes of the datasets named (empty: all),
// optionally only those out of origin, by route.
func (c *Case) Routes(ctx context.Context, dataset, origin string) ([]RouteSummary, error) {
	sets, err := c.Datasets(ctx, dataset)
	if err != nil {
		return nil, err
	}
	var out []RouteSummary
	for _, ds := range sets {
		ss, err := c.st.Series(ctx, store.SeriesFilter{Dataset: ds, Origin: strings.ToUpper(origin)})
		if err != nil {
			return nil, err
		}
		for _, s := range ss {
			out = append(out, RouteSummary{Dataset: ds, Summary: s.Summarise(), Recent: s.Days[max(0, len(s.Days)-60):]})
		}
	}
	return out, nil
}

// Chart is one route drawn: its days against the baseline results, the
// observances of its countries marked.
type Chart struct {
	Title     string
	Days      []series.Day
	Results   []anomaly.Result
	Countries []string
	// Context is how many days before the first result to show too (the
	// fit window behind the band).
	Context int
	// Claim is the claim under test, drawn over the data when set.
	Claim *anomaly.Claimed
}

// Shown is the span a chart drew and the observances it marked.
type Shown struct {
	From, To    time.Time
	Observances []calendar.Observance
}

// WriteChart draws c as SVG: the days results cover (and Context days
// before, as far as the series reaches), gaps shaded, flagged days marked,
// observances as lines. Without results it draws the days alone.
func WriteChart(w io.Writer, c Chart) (Shown, error) {
	lo, hi := anomaly.Span(c.Results)
	if lo.IsZero() && len(c.Days) > 0 {
		lo, hi = c.Days[0].Date, c.Days[len(c.Days)-1].Date
	}
	if lo.IsZero() {
		return Shown{}, errs.E(errs.NotFound, "chart", "no days to chart")
	}
	show := lo.AddDate(0, 0, -c.Context)
	if len(c.Days) > 0 && c.Days[0].Date.After(show) {
		show = c.Days[0].Date
	}
	if show.After(lo) {
		show = lo
	}
	sh := Shown{From: show, To: hi, Observances: calendar.Default().Observances(show, hi, c.Countries...)}
	window := anomaly.Densify(c.Days, show, hi)
	if err := anomaly.ChartSVG(w, anomaly.Chart{Title: c.Title, Days: window, Results: c.Results, Observances: sh.Observances, Claim: c.Claim}); err != nil {
		return sh, fmt.Errorf("chart: %w", err)
	}
	return sh, nil
}

// Chart draws the checked route over its window and the six weeks before,
// against the baseline a scan of those days fits.
func (f *FlightChecked) Chart(title string) Chart {
	lo, hi := f.Check.From.AddDate(0, 0, -42), f.Check.To.AddDate(0, 0, 7)
	results := anomaly.ScanRoute(f.Route, f.Days, anomaly.Config{From: lo, To: hi, Countries: f.Countries})
	return Chart{Title: title, Days: f.Days, Results: results, Countries: f.Check.Countries}
}

// Chart draws one scanned route against its results.
func (s *Scanned) Chart(r series.Route, title string) Chart {
	c := Chart{Title: title, Countries: s.Countries(r)}
	for _, x := range s.Series {
		if x.Route == r {
			c.Days = x.Days
		}
	}
	for _, res := range s.Results {
		if res.Route == r {
			c.Results = append(c.Results, res)
		}
	}
	return c
}
