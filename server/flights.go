package server

import (
	"bytes"
	"cmp"
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
	"github.com/triangulate/triangulate/pipeline"
	"github.com/triangulate/triangulate/series"
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
		routes, err := s.cs.Routes(ctx, v.Dataset, v.Origin)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		v.Routes = routeRows(routes)
	}
	title := "Flights"
	if v.Route != "" {
		title = "Flights " + v.Route
	}
	s.render(w, r, http.StatusOK, "flights", view{Title: title, Data: v})
}

func routeRows(routes []pipeline.RouteSummary) []routeRow {
	out := make([]routeRow, 0, len(routes))
	for _, rt := range routes {
		out = append(out, routeRow{Route: rt.Route.String(), Flights: rt.Flights, Days: rt.Covered + rt.Missing,
			Missing: rt.Missing, Spark: series.Sparkline(rt.Recent)})
	}
	slices.SortFunc(out, func(a, b routeRow) int {
		return cmp.Or(cmp.Compare(b.Flights, a.Flights), cmp.Compare(a.Route, b.Route))
	})
	return out
}

// routeChart tests v.Route's days with the anomaly baseline and draws them
// with the fit window before them, so the band has context.
func (s *Server) routeChart(r *http.Request, v *flightsView) error {
	rt, err := series.ParseRoute(v.Route)
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
	sc, err := s.cs.ScanRoutes(r.Context(), pipeline.Scan{Dataset: v.Dataset, Route: rt, Config: cfg})
	if errs.Is(err, errs.NotFound) {
		return errs.E(errs.NotFound, "flights", fmt.Sprintf("no days stored for %s in %s", rt, v.Dataset))
	}
	if err != nil {
		return err
	}
	for _, res := range sc.Results {
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
	if len(sc.Results) == 0 {
		return errs.E(errs.NotFound, "flights", fmt.Sprintf("no days of %s in the window asked for", rt))
	}
	c := sc.Chart(rt, fmt.Sprintf("%s flights a day (%s): observed vs expected", rt, v.Dataset))
	c.Context = 28
	var buf bytes.Buffer
	shown, err := pipeline.WriteChart(&buf, c)
	if err != nil {
		return fmt.Errorf("flights: chart %s: %w", rt, err)
	}
	v.Observances = shown.Observances
	v.Span = shown.From.Format(time.DateOnly) + " – " + shown.To.Format(time.DateOnly)
	v.Chart = template.HTML(buf.String()) // drawn by anomaly.ChartSVG, which escapes its text
	return nil
}
