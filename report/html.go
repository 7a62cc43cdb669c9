package report

import (
	"bufio"
	"embed"
	"html/template"
	"io"
	"strings"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/geo"
)

//go:embed templates/report.html
var templates embed.FS

// page is what the HTML template sees: the report plus its drawings. The
// drawings are built by this package with every text escaped, which is
// why they may be marked template.HTML.
type page struct {
	*Report
	Map         template.HTML
	TimelineSVG template.HTML
}

// Likelihood is the displayed likelihood of an assessment.
func (p page) Likelihood(a *claim.Assessment) string { return Likelihood(a) }

// EventOf names the event a claim belongs to.
func (p page) EventOf(id string) string {
	if ev := p.eventOf[id]; ev != "" {
		return ev
	}
	return "no event"
}

var funcs = template.FuncMap{
	"dateRange":    dateRange,
	"num":          claim.FormatNumber,
	"pvalue":       formatP,
	"coords":       coords,
	"join":         strings.Join,
	"plural":       plural,
	"sourcesLine":  sourcesLine,
	"chain":        Chain,
	"statusClass":  statusClass,
	"overrideLine": OverrideLine,
	"signOffLine":  SignOffLine,
	"weight":       signed,
	"inc":          func(i int) int { return i + 1 },
}

func signed(w float64) string {
	s := claim.FormatNumber(w)
	if w > 0 {
		s = "+" + s
	}
	return s
}

// statusClass maps a status to a CSS class from a closed set, so that no
// stored text ever becomes a class name.
func statusClass(s claim.Status) string {
	switch s {
	case claim.StatusCorroborated:
		return "st-corroborated"
	case claim.StatusSingleSource:
		return "st-single-source"
	case claim.StatusContested:
		return "st-contested"
	case claim.StatusDenied:
		return "st-denied"
	case claim.StatusNCND:
		return "st-ncnd"
	}
	return "st-unverifiable"
}

var pageTemplate = template.Must(template.New("report.html").Funcs(funcs).ParseFS(templates, "templates/report.html"))

// WriteHTML writes r as one self-contained HTML page: inline CSS, an inline
// SVG map and timeline, no scripts and no external resources, so it opens
// offline and under a strict Content-Security-Policy. All case text goes
// through html/template's contextual escaping.
func WriteHTML(w io.Writer, r *Report) error {
	p := page{Report: r, Map: template.HTML(MapSVG(r, 760)), TimelineSVG: template.HTML(TimelineSVG(r))}
	bw := bufio.NewWriter(w)
	if err := pageTemplate.Execute(bw, p); err != nil {
		return err
	}
	return bw.Flush()
}

// MapSVG draws the report's places with coordinates on the embedded
// boundaries, shading the countries the claims name. It returns "" when no
// place has coordinates.
func MapSVG(r *Report, width int) string {
	var markers []geo.Marker
	var highlight []string
	for _, p := range r.Places {
		if p.Kind == string(claim.KindCountry) {
			highlight = append(highlight, p.Name)
		}
		if !p.HasCoord {
			continue
		}
		coarse := false
		switch claim.PlacePrecision(p.Precision) {
		case claim.PlaceCountry, claim.PlaceProvince, claim.PlaceRegion:
			coarse = true
		}
		markers = append(markers, geo.Marker{
			Name: p.Name, Lon: p.Lon, Lat: p.Lat, Count: p.ClaimCount,
			Crossing: p.Kind == string(claim.KindCrossing), Coarse: coarse,
			Note: p.Kind + ", " + strings.Join(p.Roles, "/") + ", " + claim.FormatNumber(float64(p.ClaimCount)) + " claim" + plural(p.ClaimCount),
		})
	}
	if len(markers) == 0 {
		return ""
	}
	return geo.MapSVG(geo.MapOptions{Width: width, Highlight: highlight, Title: "Places named in the case", Labels: true}, markers)
}
