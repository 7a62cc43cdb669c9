package server

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"html/template"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/triangulate/triangulate/anomaly"
	"github.com/triangulate/triangulate/calendar"
	"github.com/triangulate/triangulate/errs"
	"github.com/triangulate/triangulate/flights"
	"github.com/triangulate/triangulate/store"
)

func (s *Server) flightRoutes() {
	s.mux.HandleFunc("GET /flights", s.pageFlights)
}

// flightsView is what flights.html gets.
type flightsView struct {
	Datasets []string
	Dataset  string
	Route    string
	Origin   string
	From     string
	To       string
	Days     int
	// Checked lists the routes the case's data checks name, as shortcuts.
	Checked []string
	// Routes from Origin, busiest first.
	Routes []routeRow
	// The chart of Route and what the test found.
	Chart       template.HTML
	Span        string
	Tested      int
	MissingDays int
	Untested    string // why days were not tested, when none was
	Flagged     []anomaly.Result
	Observances []calendar.Observance
}

type routeRow struct {
	Route   string
	Flights int
	Days    int
	Missing int
	Spark   string
}

var routeRE = regexp.MustCompile(`\b([A-Z0-9]{3,4})-([A-Z0-9]{3,4})\b`)

// routeIn finds an ORIGIN-DEST route in a signal subject ("route NJF-THR").
func routeIn(subject string) string {
	return routeRE.FindString(strings.ToUpper(subject))
}

// pageFlights draws flight data: a form to choose a dataset and route, the
// routes out of an airport, and for one route the observed daily counts
// against the expected band of its baseline, days without coverage shaded
// as unknown, flagged days, and the observances of the route's countries.
func (s *Server) pageFlights(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	q := r.URL.Query()
	v := flightsView{
		Dataset: q.Get("dataset"), Route: strings.ToUpper(strings.TrimSpace(q.Get("route"))),
		Origin: strings.ToUpper(strings.TrimSpace(q.Get("origin"))), From: q.Get("from"), To: q.Get("to"), Days: 28,
	}
	if d := q.Get("days"); d != "" {
		n, err := strconv.Atoi(d)
		if err != nil || n < 1 || n > 366 {
			s.pageError(w, r, errs.E(errs.BadInput, "flights", fmt.Sprintf("days must be 1 to 366, got %q", d)))
			return
		}
		v.Days = n
	}
	var err error
	if v.Datasets, err = s.cfg.Store.Datasets(ctx); err != nil {
		s.pageError(w, r, err)
		return
	}
	if v.Dataset == "" && len(v.Datasets) > 0 {
		v.Dataset = v.Datasets[0]
	}
	if v.Dataset != "" && !slices.Contains(v.Datasets, v.Dataset) {
		s.pageError(w, r, errs.E(errs.NotFound, "flights", "no dataset "+strconv.Quote(v.Dataset)))
		return
	}
	sigs, err := s.cfg.Store.Signals(ctx)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	for _, sg := range sigs {
		if rt := routeIn(sg.Subject); rt != "" && strings.HasPrefix(sg.Kind, "flight") && !slices.Contains(v.Checked, rt) {
			v.Checked = append(v.Checked, rt)
		}
	}
	slices.Sort(v.Checked)

	switch {
	case v.Dataset == "":
	case v.Route != "":
		if err := s.routeChart(r, &v); err != nil {
			s.pageError(w, r, err)
			return
		}
	case v.Origin != "":
		rows, err := s.cfg.Store.Series(ctx, store.SeriesFilter{Dataset: v.Dataset, Origin: v.Origin})
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		v.Routes = routeRows(rows)
	}
	title := "Flights"
	if v.Route != "" {
		title = "Flights " + v.Route
	}
	s.render(w, r, http.StatusOK, "flights", view{Title: title, Data: v})
}

func routeRows(rows []store.RouteDay) []routeRow {
	by := map[string][]store.RouteDay{}
	for _, rd := range rows {
		k := rd.Origin + "-" + rd.Dest
		by[k] = append(by[k], rd)
	}
	var out []routeRow
	for k, rds := range by {
		slices.SortFunc(rds, func(a, b store.RouteDay) int { return cmp.Compare(a.Day, b.Day) })
		row := routeRow{Route: k, Days: len(rds)}
		for _, rd := range rds {
			if rd.Missing {
				row.Missing++
			}
			row.Flights += rd.Count
		}
		row.Spark = flights.Sparkline(rds[max(0, len(rds)-60):])
		out = append(out, row)
	}
	slices.SortFunc(out, func(a, b routeRow) int {
		return cmp.Or(cmp.Compare(b.Flights, a.Flights), cmp.Compare(a.Route, b.Route))
	})
	return out
}

// routeChart tests v.Route's days with the anomaly baseline and draws them.
func (s *Server) routeChart(r *http.Request, v *flightsView) error {
	rt, err := anomaly.ParseRoute(v.Route)
	if err != nil {
		return errs.E(errs.BadInput, "flights", err)
	}
	cfg := anomaly.Config{TestDays: v.Days, Tails: anomaly.Both}
	for _, f := range []struct {
		raw string
		dst *time.Time
	}{{v.From, &cfg.From}, {v.To, &cfg.To}} {
		if f.raw == "" {
			continue
		}
		t, err := time.Parse(time.DateOnly, f.raw)
		if err != nil {
			return errs.E(errs.BadInput, "flights", fmt.Sprintf("dates are YYYY-MM-DD, got %q", f.raw))
		}
		*f.dst = t
	}
	if !cfg.From.IsZero() && cfg.To.IsZero() || cfg.From.IsZero() && !cfg.To.IsZero() {
		return errs.E(errs.BadInput, "flights", "give both from and to, or neither")
	}
	countries, err := s.routeCountries(r.Context(), rt)
	if err != nil {
		return err
	}
	cfg.Countries = func(anomaly.Route) []string { return countries }

	rows, err := s.cfg.Store.Series(r.Context(), store.SeriesFilter{Dataset: v.Dataset, Origin: rt.Origin, Dest: rt.Dest})
	if err != nil {
		return err
	}
	if len(rows) == 0 {
		return errs.E(errs.NotFound, "flights", fmt.Sprintf("no days stored for %s in %s", rt, v.Dataset))
	}
	days := make([]anomaly.Day, 0, len(rows))
	for _, rd := range rows {
		t, err := time.Parse(time.DateOnly, rd.Day)
		if err != nil {
			return fmt.Errorf("flights: stored day %q: %w", rd.Day, err)
		}
		days = append(days, anomaly.Day{Date: t, Count: rd.Count, Missing: rd.Missing})
	}
	results := anomaly.ScanRoute(rt, days, cfg)
	for _, res := range results {
		switch {
		case res.Missing:
			v.MissingDays++
		case res.Tested:
			v.Tested++
		default:
			v.Untested = res.Reason
		}
		if res.Flagged {
			v.Flagged = append(v.Flagged, res)
		}
	}
	lo, hi := anomaly.Span(results)
	if lo.IsZero() {
		return errs.E(errs.NotFound, "flights", fmt.Sprintf("no days of %s in the window asked for", rt))
	}
	// Show the fit window before the tested days too, so the band has context.
	show := lo.AddDate(0, 0, -28)
	window := anomaly.Densify(days, show, hi)
	if len(window) > 0 && window[0].Date.After(show) {
		show = window[0].Date
	}
	v.Observances = calendar.Default().Observances(show, hi, countries...)
	v.Span = show.Format(time.DateOnly) + " – " + hi.Format(time.DateOnly)
	var buf bytes.Buffer
	err = anomaly.ChartSVG(&buf, anomaly.Chart{
		Title: fmt.Sprintf("%s flights a day (%s): observed vs expected", rt, v.Dataset),
		Days:  window, Results: results, Observances: v.Observances,
	})
	if err != nil {
		return fmt.Errorf("flights: chart %s: %w", rt, err)
	}
	v.Chart = template.HTML(buf.String()) // drawn by anomaly.ChartSVG, which escapes its text
	return nil
}

// routeCountries are the countries of the route's airports, whose calendars
// may explain its counts; nil (every calendar) when neither is known.
func (s *Server) routeCountries(ctx context.Context, rt anomaly.Route) ([]string, error) {
	pack, err := s.cs.Pack(ctx)
	if err != nil {
		return nil, fmt.Errorf("flights: knowledge pack: %w", err)
	}
	return pack.AirportCountries(rt.Origin, rt.Dest), nil
}
