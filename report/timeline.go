package report

import (
	"fmt"
	"html"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/triangulate/triangulate/claim"
)

// Timeline drawing constants, in pixels.
const (
	tlLabelW  = 200
	tlPlotW   = 700
	tlRowH    = 13
	tlLaneGap = 10
	tlTop     = 44
)

var verdictColour = map[string]string{
	string(claim.Supported):    "#2e7d32",
	string(claim.Contradicted): "#c62828",
	string(claim.Untestable):   "#757575",
}

var laneColours = []string{"#b03a2e", "#1f5f99", "#7b5ea7", "#b7791f", "#2c7a7b", "#8a4f7d", "#4a6b2f"}

type lane struct {
	title string
	items []TimelineItem
	rows  [][]TimelineItem // items packed so that none overlap in a row
}

// TimelineSVG draws the report's timeline: one lane per event, one for
// claims in no event, one for data signals; data gaps shaded across the
// chart, days without flight data shaded in the signal lane, publication
// days as dashed lines. Open ends run to the chart's edge with an arrow.
// It returns "" when nothing is dated.
func TimelineSVG(r *Report) string {
	first, last, ok := r.dateSpan()
	if !ok {
		return ""
	}
	days := int(last.Sub(first).Hours()/24) + 1
	dayW := float64(tlPlotW) / float64(days)
	x := func(d claim.Date, end bool) float64 {
		t, err := time.Parse(time.DateOnly, d)
		if err != nil {
			return tlLabelW
		}
		n := t.Sub(first).Hours() / 24
		if end {
			n++
		}
		return tlLabelW + n*dayW
	}

	var lanes []*lane
	byEvent := map[string]*lane{}
	for _, ev := range r.Events {
		l := &lane{title: ev.ID + " " + ev.Title}
		byEvent[ev.ID] = l
		lanes = append(lanes, l)
	}
	other := &lane{title: "claims in no event"}
	signals := &lane{title: "data signals"}
	var gaps, published, signalGaps []TimelineItem
	for _, it := range r.Timeline {
		switch {
		case it.Kind == ItemPublished:
			published = append(published, it)
		case it.Kind == ItemGap && r.signals[it.ID] != nil:
			signalGaps = append(signalGaps, it)
		case it.Kind == ItemGap:
			gaps = append(gaps, it)
			if l := byEvent[it.EventID]; l != nil {
				l.items = append(l.items, it)
			} else {
				other.items = append(other.items, it)
			}
		case it.Kind == ItemSignal:
			signals.items = append(signals.items, it)
		default:
			if l := byEvent[it.EventID]; l != nil {
				l.items = append(l.items, it)
			} else {
				other.items = append(other.items, it)
			}
		}
	}
	lanes = append(lanes, other, signals)
	var shown []*lane
	for _, l := range lanes {
		if len(l.items) == 0 && !(l == signals && len(signalGaps) > 0) {
			continue
		}
		l.pack(x)
		shown = append(shown, l)
	}

	height := tlTop
	for _, l := range shown {
		height += max(len(l.rows), 1)*tlRowH + tlLaneGap
	}
	height += 24
	width := tlLabelW + tlPlotW + 20

	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" width="%d" height="%d" role="img" font-family="sans-serif" font-size="10">`,
		width, height, width, height)
	b.WriteString("\n<title>Timeline of claims and data signals</title>\n")

	plotBottom := float64(height - 24)
	// Gaps first, under everything.
	for _, g := range gaps {
		x1, x2 := spanX(g, x)
		fmt.Fprintf(&b, `<g><title>%s</title><rect x="%s" y="%d" width="%s" height="%s" fill="#9e9e9e" fill-opacity="0.18"/><text x="%s" y="%d" fill="#616161">data gap</text></g>`+"\n",
			esc(dateRange(g.From, g.To)+" · "+g.ID+" · "+g.Label), f1(x1), tlTop-6, f1(x2-x1), f1(plotBottom-float64(tlTop)+6), f1(x1+2), tlTop-30)
	}
	// Day ticks.
	step := 1
	for float64(step)*dayW < 34 {
		step++
	}
	b.WriteString(`<g stroke="#e0e0e0" stroke-width="0.5">`)
	for i := 0; i <= days; i++ {
		xx := tlLabelW + float64(i)*dayW
		fmt.Fprintf(&b, `<line x1="%s" y1="%d" x2="%s" y2="%s"/>`, f1(xx), tlTop-4, f1(xx), f1(plotBottom))
	}
	b.WriteString("</g>\n<g fill=\"#555555\">")
	for i := 0; i < days; i += step {
		d := first.AddDate(0, 0, i)
		fmt.Fprintf(&b, `<text x="%s" y="%s">%s</text>`, f1(tlLabelW+float64(i)*dayW+2), f1(plotBottom+12), d.Format("2 Jan"))
	}
	b.WriteString("</g>\n")
	for i, p := range published {
		// Alternate label rows, so that sources published on near days stay legible.
		xx := x(p.From, false) + dayW/2
		fmt.Fprintf(&b, `<g><title>%s</title><line x1="%s" y1="%d" x2="%s" y2="%s" stroke="#333333" stroke-dasharray="2 3"/><text x="%s" y="%d" fill="#333333" text-anchor="end">%s</text></g>`+"\n",
			esc(p.From+" · "+p.Label), f1(xx), tlTop-4-(i%2)*11, f1(xx), f1(plotBottom), f1(xx-2), tlTop-6-(i%2)*11, esc(p.Label))
	}

	y := tlTop
	for li, l := range shown {
		laneH := max(len(l.rows), 1)*tlRowH + tlLaneGap
		if li%2 == 0 {
			fmt.Fprintf(&b, `<rect x="0" y="%d" width="%d" height="%d" fill="#f6f6f6" fill-opacity="0.6"/>`+"\n", y-2, width, laneH)
		}
		fmt.Fprintf(&b, `<text x="4" y="%d" fill="#222222">%s</text>`+"\n", y+9, esc(truncate(l.title, 34)))
		colour := laneColours[li%len(laneColours)]
		if l == signals {
			for _, g := range signalGaps {
				x1, x2 := spanX(g, x)
				fmt.Fprintf(&b, `<g><title>%s</title><rect x="%s" y="%d" width="%s" height="%d" fill="none" stroke="#757575" stroke-dasharray="2 2"/><text x="%s" y="%d" fill="#757575" font-size="8">no data</text></g>`+"\n",
					esc(dateRange(g.From, g.To)+" · "+g.Label), f1(x1), y-1, f1(x2-x1), laneH-tlLaneGap+2, f1(x1+2), y+laneH-tlLaneGap-1)
			}
		}
		for ri, row := range l.rows {
			cy := float64(y + ri*tlRowH + 5)
			for _, it := range row {
				drawItem(&b, it, x, cy, colour)
			}
		}
		y += laneH
	}
	b.WriteString("</svg>")
	return b.String()
}

func drawItem(b *strings.Builder, it TimelineItem, x func(claim.Date, bool) float64, cy float64, colour string) {
	x1, x2 := spanX(it, x)
	tip := esc(dateRange(it.From, it.To) + " · " + it.ID + " · " + it.Label)
	b.WriteString("<g><title>" + tip + "</title>")
	switch it.Kind {
	case ItemSignal:
		c := verdictColour[it.Verdict]
		if c == "" {
			c = "#757575"
		}
		mid := (x1 + x2) / 2
		fmt.Fprintf(b, `<rect x="%s" y="%s" width="%s" height="2" fill="%s"/>`, f1(x1), f1(cy-1), f1(x2-x1), c)
		fmt.Fprintf(b, `<path d="M%s %s L%s %s L%s %s L%s %s Z" fill="%s"/>`, f1(mid), f1(cy-5), f1(mid+5), f1(cy), f1(mid), f1(cy+5), f1(mid-5), f1(cy), c)
	case ItemGap:
		fmt.Fprintf(b, `<rect x="%s" y="%s" width="%s" height="8" fill="#9e9e9e" fill-opacity="0.55"/>`, f1(x1), f1(cy-4), f1(x2-x1))
	default:
		opacity := "0.8"
		if it.From == "" || it.To == "" {
			opacity = "0.4"
		}
		fmt.Fprintf(b, `<rect x="%s" y="%s" width="%s" height="8" rx="2" fill="%s" fill-opacity="%s"/>`, f1(x1), f1(cy-4), f1(math.Max(x2-x1, 3)), colour, opacity)
		if it.To == "" {
			fmt.Fprintf(b, `<path d="M%s %s L%s %s L%s %s Z" fill="%s"/>`, f1(x2), f1(cy-5), f1(x2+6), f1(cy), f1(x2), f1(cy+5), colour)
		}
		if it.From == "" {
			fmt.Fprintf(b, `<path d="M%s %s L%s %s L%s %s Z" fill="%s"/>`, f1(x1), f1(cy-5), f1(x1-6), f1(cy), f1(x1), f1(cy+5), colour)
		}
	}
	b.WriteString("</g>\n")
}

// spanX is an item's horizontal extent; open ends reach the chart's edges.
func spanX(it TimelineItem, x func(claim.Date, bool) float64) (float64, float64) {
	x1, x2 := float64(tlLabelW), float64(tlLabelW+tlPlotW)
	if it.From != "" {
		x1 = x(it.From, false)
	}
	if it.To != "" {
		x2 = x(it.To, true)
	} else if it.From != "" && it.Kind == ItemSignal {
		x2 = x(it.From, true)
	}
	return x1, x2
}

// pack puts each item in the first row where it overlaps nothing.
func (l *lane) pack(x func(claim.Date, bool) float64) {
	var ends []float64
	for _, it := range l.items {
		x1, x2 := spanX(it, x)
		placed := false
		for i, e := range ends {
			if x1 >= e+2 {
				l.rows[i] = append(l.rows[i], it)
				ends[i] = x2
				placed = true
				break
			}
		}
		if !placed {
			l.rows = append(l.rows, []TimelineItem{it})
			ends = append(ends, x2)
		}
	}
}

// dateSpan is the first and last day on the timeline.
func (r *Report) dateSpan() (time.Time, time.Time, bool) {
	var first, last time.Time
	for _, it := range r.Timeline {
		for _, d := range []claim.Date{it.From, it.To} {
			t, err := time.Parse(time.DateOnly, d)
			if err != nil {
				continue
			}
			if first.IsZero() || t.Before(first) {
				first = t
			}
			if t.After(last) {
				last = t
			}
		}
	}
	if first.IsZero() {
		return first, last, false
	}
	// One day of margin on each side, so that open ends show as open.
	return first.AddDate(0, 0, -1), last.AddDate(0, 0, 1), true
}

func f1(v float64) string {
	v = math.Round(v*10) / 10
	if v == 0 {
		v = 0
	}
	return strconv.FormatFloat(v, 'f', 1, 64)
}

func esc(s string) string { return html.EscapeString(s) }

func truncate(s string, n int) string {
	rs := []rune(s)
	if len(rs) <= n {
		return s
	}
	return string(rs[:n-1]) + "…"
}
