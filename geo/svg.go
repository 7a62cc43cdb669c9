package geo

import (
	"cmp"
	"fmt"
	"html"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/clip"
	"github.com/paulmach/orb/planar"
)

// MapOptions shapes a map. The zero value draws a 640-pixel-wide map fitted
// to the markers (or to DefaultView when there are none).
type MapOptions struct {
	Width  int       // pixels; default 640
	Height int       // pixels; 0 derives it from the view (between half and all of Width)
	View   orb.Bound // lon/lat window; the zero Bound fits the markers
	// Pad is how many degrees to leave around the markers when fitting (default 2);
	// MinSpan the smallest side of a fitted window in degrees (default 10), so
	// that one marker still shows its neighbourhood.
	Pad, MinSpan float64
	Highlight    []string // names or ISO numeric ids of countries to shade and label
	Title        string   // accessible title of the image
	// Labels writes marker names beside the markers, except coarse markers
	// of highlighted countries, whose name is already on the map.
	Labels bool
}

// Marker is a place drawn on a map.
type Marker struct {
	Name     string
	Lon, Lat float64
	Count    int    // claims naming the place; sizes the marker
	Crossing bool   // a border crossing: drawn as a diamond
	Coarse   bool   // coordinates are a country's or province's centroid: drawn as a dashed ring
	Note     string // tooltip line (roles, kind)
}

// DefaultView is the window of the first case: Iraq, Iran and their neighbours.
func DefaultView() orb.Bound {
	return orb.Bound{Min: orb.Point{36, 24}, Max: orb.Point{64, 42}}
}

// Colours of the map, chosen to print well in grey.
const (
	seaFill       = "#dfe9f0"
	landFill      = "#f7f6f2"
	highlightFill = "#e9dcbf"
	borderStroke  = "#8f887c"
	gridStroke    = "#c5d3dd"
	placeFill     = "#b03a2e"
	crossingFill  = "#1f5f99"
	inkColour     = "#222222"
)

// projection is an equirectangular projection with its standard parallel
// at the window's middle latitude, which keeps shapes near that latitude
// undistorted at regional scale.
type projection struct {
	view       orb.Bound
	cosPhi, k  float64
	w, h       float64
	offX, offY float64
}

func newProjection(view orb.Bound, w, h int) projection {
	p := projection{view: view, w: float64(w), h: float64(h)}
	p.cosPhi = math.Cos((view.Min[1] + view.Max[1]) / 2 * math.Pi / 180)
	spanX := (view.Max[0] - view.Min[0]) * p.cosPhi
	spanY := view.Max[1] - view.Min[1]
	p.k = math.Min(p.w/spanX, p.h/spanY)
	p.offX = (p.w - spanX*p.k) / 2
	p.offY = (p.h - spanY*p.k) / 2
	return p
}

func (p projection) xy(pt orb.Point) (float64, float64) {
	x := p.offX + (pt[0]-p.view.Min[0])*p.cosPhi*p.k
	y := p.offY + (p.view.Max[1]-pt[1])*p.k
	return x, y
}

// visible is the lon/lat window the image actually shows (the fitted view
// plus the margins the aspect ratio adds).
func (p projection) visible() orb.Bound {
	dx := p.offX / (p.cosPhi * p.k)
	dy := p.offY / p.k
	return orb.Bound{
		Min: orb.Point{p.view.Min[0] - dx, p.view.Min[1] - dy},
		Max: orb.Point{p.view.Max[0] + dx, p.view.Max[1] + dy},
	}
}

// num formats a coordinate with one decimal: enough for a screen, and fixed
// so that output is byte-identical across runs and platforms.
func num(v float64) string {
	v = math.Round(v*10) / 10
	if v == 0 {
		v = 0 // no "-0.0"
	}
	return strconv.FormatFloat(v, 'f', 1, 64)
}

// fitView returns the window around the markers.
func fitView(opts MapOptions, markers []Marker) orb.Bound {
	if len(markers) == 0 {
		return DefaultView()
	}
	pad := cmp.Or(opts.Pad, 2)
	minSpan := cmp.Or(opts.MinSpan, 10)
	b := orb.Bound{Min: orb.Point{markers[0].Lon, markers[0].Lat}, Max: orb.Point{markers[0].Lon, markers[0].Lat}}
	for _, m := range markers[1:] {
		b = b.Extend(orb.Point{m.Lon, m.Lat})
	}
	b = b.Pad(pad)
	for axis := range 2 {
		if span := b.Max[axis] - b.Min[axis]; span < minSpan {
			grow := (minSpan - span) / 2
			b.Min[axis] -= grow
			b.Max[axis] += grow
		}
	}
	b.Min[1] = math.Max(b.Min[1], -85)
	b.Max[1] = math.Min(b.Max[1], 85)
	b.Min[0] = math.Max(b.Min[0], -180)
	b.Max[0] = math.Min(b.Max[0], 180)
	return b
}

// MapSVG draws the countries around the markers and the markers themselves
// as a standalone SVG element (no scripts, no external references, no
// element ids, so several maps can share one page). Text is XML-escaped.
// It panics only if the embedded boundaries cannot be decoded, which the
// package's tests rule out.
func MapSVG(opts MapOptions, markers []Marker) string {
	countries, err := decoded()
	if err != nil {
		panic(fmt.Sprintf("geo: embedded boundaries: %v", err))
	}
	return renderMap(countries, opts, markers)
}

func renderMap(countries []Country, opts MapOptions, markers []Marker) string {
	view := opts.View
	if view.IsEmpty() || view.Max[0] <= view.Min[0] || view.Max[1] <= view.Min[1] {
		view = fitView(opts, markers)
	}
	w := cmp.Or(opts.Width, 640)
	h := opts.Height
	if h == 0 {
		cosPhi := math.Cos((view.Min[1] + view.Max[1]) / 2 * math.Pi / 180)
		aspect := (view.Max[1] - view.Min[1]) / ((view.Max[0] - view.Min[0]) * cosPhi)
		h = int(math.Round(float64(w) * math.Min(math.Max(aspect, 0.5), 1)))
	}
	p := newProjection(view, w, h)
	visible := p.visible()
	clipBox := visible.Pad(0.5)

	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" width="%d" height="%d" role="img" font-family="sans-serif">`, w, h, w, h)
	b.WriteString("\n<title>" + html.EscapeString(cmp.Or(opts.Title, "Map of places")) + "</title>\n")
	fmt.Fprintf(&b, `<rect x="0" y="0" width="%d" height="%d" fill="%s"/>`+"\n", w, h, seaFill)

	highlighted := func(c Country) bool {
		return slices.Contains(opts.Highlight, c.Name) || (c.ID != "" && slices.Contains(opts.Highlight, c.ID))
	}
	var labels []string
	for _, c := range countries {
		if !c.Bound.Intersects(clipBox) {
			continue
		}
		d := pathData(p, clip.MultiPolygon(clipBox, c.Shape.Clone()))
		if d == "" {
			continue
		}
		fill := landFill
		if highlighted(c) {
			fill = highlightFill
			if x, y, ok := labelPoint(p, clip.MultiPolygon(visible.Pad(-0.5), c.Shape.Clone())); ok {
				labels = append(labels, fmt.Sprintf(`<text x="%s" y="%s" font-size="13" font-weight="bold" fill="#7a6f5c" text-anchor="middle" letter-spacing="2">%s</text>`,
					num(x), num(y), html.EscapeString(strings.ToUpper(c.Name))))
			}
		}
		fmt.Fprintf(&b, `<path d="%s" fill="%s" stroke="%s" stroke-width="0.6" stroke-linejoin="round"><title>%s</title></path>`+"\n",
			d, fill, borderStroke, html.EscapeString(c.Name))
	}
	writeGraticule(&b, p, visible)
	for _, l := range labels {
		b.WriteString(l + "\n")
	}
	writeMarkers(&b, p, markers, opts)
	writeLegend(&b, w, h)
	b.WriteString("</svg>")
	return b.String()
}

// pathData projects polygons to an SVG path, dropping points closer than
// half a pixel to the previous one: at map scale they are invisible and
// would only swell the page.
func pathData(p projection, mp orb.MultiPolygon) string {
	var b strings.Builder
	for _, poly := range mp {
		for _, ring := range poly {
			var pts [][2]string
			var lx, ly float64
			for i, pt := range ring {
				x, y := p.xy(pt)
				if i > 0 && math.Hypot(x-lx, y-ly) < 0.5 && i != len(ring)-1 {
					continue
				}
				lx, ly = x, y
				pts = append(pts, [2]string{num(x), num(y)})
			}
			if len(pts) < 4 {
				continue
			}
			b.WriteString("M")
			for i, xy := range pts {
				if i > 0 {
					b.WriteByte(' ')
				}
				b.WriteString(xy[0] + " " + xy[1])
			}
			b.WriteString("Z")
		}
	}
	return b.String()
}

// labelPoint places a country's name at the centroid of the largest of its
// polygons as clipped to the window.
func labelPoint(p projection, shown orb.MultiPolygon) (float64, float64, bool) {
	var best orb.Polygon
	bestArea := 0.5 // square degrees: too small a part is not worth a label
	for _, poly := range shown {
		if a := math.Abs(planar.Area(poly)); a > bestArea {
			best, bestArea = poly, a
		}
	}
	if best == nil {
		return 0, 0, false
	}
	ctr, _ := planar.CentroidArea(best)
	x, y := p.xy(ctr)
	return x, y, true
}

// writeGraticule draws parallels and meridians at a round step.
func writeGraticule(b *strings.Builder, p projection, v orb.Bound) {
	span := math.Max(v.Max[0]-v.Min[0], v.Max[1]-v.Min[1])
	step := 5.0
	switch {
	case span > 60:
		step = 20
	case span > 30:
		step = 10
	case span < 8:
		step = 2
	}
	b.WriteString(`<g stroke="` + gridStroke + `" stroke-width="0.5" fill="none">`)
	for lon := math.Ceil(v.Min[0]/step) * step; lon <= v.Max[0]; lon += step {
		x1, y1 := p.xy(orb.Point{lon, v.Max[1]})
		x2, y2 := p.xy(orb.Point{lon, v.Min[1]})
		fmt.Fprintf(b, `<line x1="%s" y1="%s" x2="%s" y2="%s"/>`, num(x1), num(y1), num(x2), num(y2))
	}
	for lat := math.Ceil(v.Min[1]/step) * step; lat <= v.Max[1]; lat += step {
		x1, y1 := p.xy(orb.Point{v.Min[0], lat})
		x2, y2 := p.xy(orb.Point{v.Max[0], lat})
		fmt.Fprintf(b, `<line x1="%s" y1="%s" x2="%s" y2="%s"/>`, num(x1), num(y1), num(x2), num(y2))
	}
	b.WriteString("</g>\n")
	b.WriteString(`<g font-size="9" fill="#6b7c88">`)
	for lon := math.Ceil(v.Min[0]/step) * step; lon <= v.Max[0]; lon += step {
		x, _ := p.xy(orb.Point{lon, v.Max[1]})
		fmt.Fprintf(b, `<text x="%s" y="10" text-anchor="middle">%s</text>`, num(x), degrees(lon, "E", "W"))
	}
	for lat := math.Ceil(v.Min[1]/step) * step; lat <= v.Max[1]; lat += step {
		_, y := p.xy(orb.Point{v.Min[0], lat})
		fmt.Fprintf(b, `<text x="3" y="%s">%s</text>`, num(y-2), degrees(lat, "N", "S"))
	}
	b.WriteString("</g>\n")
}

func degrees(v float64, pos, neg string) string {
	h := pos
	if v < 0 {
		h, v = neg, -v
	}
	if v == 0 {
		h = ""
	}
	return strconv.FormatFloat(v, 'f', -1, 64) + "°" + h
}

// markerRadius grows with the square root of the claim count, so that
// areas, not radii, compare.
func markerRadius(count int) float64 {
	return math.Min(3.5+2.2*math.Sqrt(float64(max(count, 1))), 16)
}

func writeMarkers(b *strings.Builder, p projection, markers []Marker, opts MapOptions) {
	// Big markers first, so that small ones stay visible on top of them.
	ms := slices.Clone(markers)
	slices.SortStableFunc(ms, func(a, b Marker) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Name, b.Name))
	})
	type box struct{ x1, y1, x2, y2 float64 }
	var taken []box
	overlaps := func(c box) bool {
		if c.x1 < 0 || c.y1 < 0 || c.x2 > p.w || c.y2 > p.h {
			return true
		}
		for _, t := range taken {
			if c.x1 < t.x2 && t.x1 < c.x2 && c.y1 < t.y2 && t.y1 < c.y2 {
				return true
			}
		}
		return false
	}
	for _, m := range ms {
		x, y := p.xy(orb.Point{m.Lon, m.Lat})
		r := markerRadius(m.Count)
		taken = append(taken, box{x - r, y - r, x + r, y + r})
	}
	var labels strings.Builder
	for _, m := range ms {
		x, y := p.xy(orb.Point{m.Lon, m.Lat})
		r := markerRadius(m.Count)
		tip := m.Name
		if m.Note != "" {
			tip += " — " + m.Note
		}
		b.WriteString("<g>")
		b.WriteString("<title>" + html.EscapeString(tip) + "</title>")
		switch {
		case m.Crossing:
			fmt.Fprintf(b, `<path d="M%s %s L%s %s L%s %s L%s %s Z" fill="%s" fill-opacity="0.85" stroke="#ffffff" stroke-width="1.2"/>`,
				num(x), num(y-r-1), num(x+r+1), num(y), num(x), num(y+r+1), num(x-r-1), num(y), crossingFill)
		case m.Coarse:
			fmt.Fprintf(b, `<circle cx="%s" cy="%s" r="%s" fill="%s" fill-opacity="0.15" stroke="%s" stroke-width="1.4" stroke-dasharray="3 2"/>`,
				num(x), num(y), num(r), placeFill, placeFill)
		default:
			fmt.Fprintf(b, `<circle cx="%s" cy="%s" r="%s" fill="%s" fill-opacity="0.75" stroke="#ffffff" stroke-width="1.2"/>`,
				num(x), num(y), num(r), placeFill)
		}
		b.WriteString("</g>\n")
		if !opts.Labels || (m.Coarse && slices.Contains(opts.Highlight, m.Name)) {
			continue
		}
		// Try right, left, above, below; a label that fits nowhere is left
		// to the tooltip rather than drawn over another.
		tw := 6.2*float64(len([]rune(m.Name))) + 2
		cands := []struct {
			b      box
			tx, ty float64
			anchor string
		}{
			{box{x + r + 2, y - 8, x + r + 2 + tw, y + 5}, x + r + 3, y + 4, "start"},
			{box{x - r - 2 - tw, y - 8, x - r - 2, y + 5}, x - r - 3, y + 4, "end"},
			{box{x - tw/2, y - r - 15, x + tw/2, y - r - 2}, x, y - r - 4, "middle"},
			{box{x - tw/2, y + r + 2, x + tw/2, y + r + 15}, x, y + r + 12, "middle"},
		}
		for _, c := range cands {
			if overlaps(c.b) {
				continue
			}
			taken = append(taken, c.b)
			fmt.Fprintf(&labels, `<text x="%s" y="%s" text-anchor="%s" font-size="11" fill="%s" stroke="#ffffff" stroke-width="3" paint-order="stroke" stroke-linejoin="round">%s</text>`+"\n",
				num(c.tx), num(c.ty), c.anchor, inkColour, html.EscapeString(m.Name))
			break
		}
	}
	b.WriteString(labels.String())
}

func writeLegend(b *strings.Builder, w, h int) {
	x, y := 8.0, float64(h)-62
	fmt.Fprintf(b, `<g font-size="10" fill="%s"><rect x="%s" y="%s" width="178" height="56" fill="#ffffff" fill-opacity="0.85" stroke="#bbbbbb" stroke-width="0.5"/>`,
		inkColour, num(x), num(y))
	fmt.Fprintf(b, `<circle cx="%s" cy="%s" r="5" fill="%s" fill-opacity="0.75"/><text x="%s" y="%s">place (area ∝ claims)</text>`,
		num(x+12), num(y+12), placeFill, num(x+24), num(y+15))
	fmt.Fprintf(b, `<path d="M%s %s L%s %s L%s %s L%s %s Z" fill="%s"/><text x="%s" y="%s">border crossing</text>`,
		num(x+12), num(y+22), num(x+18), num(y+28), num(x+12), num(y+34), num(x+6), num(y+28), crossingFill, num(x+24), num(y+31))
	fmt.Fprintf(b, `<circle cx="%s" cy="%s" r="5" fill="none" stroke="%s" stroke-dasharray="3 2"/><text x="%s" y="%s">country/province centroid</text>`,
		num(x+12), num(y+45), placeFill, num(x+24), num(y+48))
	b.WriteString("</g>\n")
	fmt.Fprintf(b, `<text x="%d" y="%d" font-size="8" fill="#6b7c88" text-anchor="end">Boundaries: Natural Earth</text>`+"\n", w-4, h-4)
}
