package anomaly

import (
	"bufio"
	"fmt"
	"html"
	"io"
	"math"
	"strings"
	"time"

	"github.com/triangulate/triangulate/calendar"
	"github.com/triangulate/triangulate/series"
)

// Chart is what ChartSVG draws: a series, the baseline results for its days
// (Expected and the Lower..Upper band; flagged days marked), and observances.
type Chart struct {
	Title       string
	Days        []series.Day
	Results     []Result // by date; days without a tested result show no band
	Observances []calendar.Observance
	Width       int // pixels (default 900)
	Height      int // pixels (default 320)
	// Claim, when set, is the claim under test drawn over the data: its
	// count over its window and the normal it says the route had.
	Claim *Claimed
}

// Claimed is what a claim about a route says, for a chart to draw: at
// least AtLeast flights a day From..To (0: no count), against a normal of
// NormalLo..NormalHi a day (0..0: none said).
type Claimed struct {
	From, To           time.Time
	AtLeast            float64
	NormalLo, NormalHi float64
}

// ChartSVG writes an SVG chart: observed counts as a line with points,
// the expected count and its prediction band, gap days shaded and labelled
// as unknown, flagged days in red, observances as dashed vertical lines.
// The output depends only on the input (no clock, no randomness).
func ChartSVG(w io.Writer, c Chart) error {
	if c.Width == 0 {
		c.Width = 900
	}
	if c.Height == 0 {
		c.Height = 320
	}
	days := c.Days
	bw := bufio.NewWriter(w)
	p := func(format string, a ...any) { fmt.Fprintf(bw, format, a...) }
	W, H := float64(c.Width), float64(c.Height)
	const left, right, top, bottom = 48.0, 16.0, 28.0, 64.0
	p(`<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="sans-serif" font-size="11">`+"\n", c.Width, c.Height, c.Width, c.Height)
	p(`<rect width="100%%" height="100%%" fill="#fff"/>` + "\n")
	p(`<text x="%g" y="18" font-size="13" font-weight="bold">%s</text>`+"\n", left, html.EscapeString(c.Title))
	if len(days) == 0 {
		p(`<text x="%g" y="%g">no data</text>`+"\n", left, H/2)
		p("</svg>\n")
		return bw.Flush()
	}
	first := calendar.Truncate(days[0].Date)
	n := len(days)
	byDay := map[int]Result{}
	ymax := 1.0
	for _, r := range c.Results {
		i := int(calendar.Truncate(r.Date).Sub(first).Hours() / 24)
		if i >= 0 && i < n {
			byDay[i] = r
			if r.Tested {
				ymax = math.Max(ymax, float64(r.Upper))
			}
		}
	}
	for _, d := range days {
		if !d.Missing {
			ymax = math.Max(ymax, float64(d.Count))
		}
	}
	if cl := c.Claim; cl != nil {
		ymax = math.Max(ymax, math.Max(cl.AtLeast, cl.NormalHi))
	}
	ymax = niceCeil(ymax * 1.05)
	pw, ph := W-left-right, H-top-bottom
	x := func(i int) float64 { return left + pw*(float64(i)+0.5)/float64(n) }
	y := func(v float64) float64 { return top + ph*(1-v/ymax) }
	dayW := pw / float64(n)

	// Axes and grid.
	for k := 0; k <= 4; k++ {
		v := ymax * float64(k) / 4
		p(`<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#e5e5e5"/>`+"\n", left, y(v), W-right, y(v))
		p(`<text x="%.1f" y="%.1f" text-anchor="end" fill="#555">%s</text>`+"\n", left-4, y(v)+4, fmtCount(v))
	}
	// Gaps: shaded, never drawn as zero.
	for i := 0; i < n; {
		if !days[i].Missing {
			i++
			continue
		}
		j := i
		for j < n && days[j].Missing {
			j++
		}
		x0 := left + dayW*float64(i)
		p(`<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="#d9d9d9" fill-opacity="0.6"><title>no coverage %s..%s (unknown, not zero)</title></rect>`+"\n",
			x0, top, dayW*float64(j-i), ph, days[i].Date.Format(time.DateOnly), days[j-1].Date.Format(time.DateOnly))
		p(`<text x="%.1f" y="%.1f" text-anchor="middle" fill="#666">gap</text>`+"\n", x0+dayW*float64(j-i)/2, top+12)
		i = j
	}
	// Prediction band and expected line, in runs of tested days.
	var runs [][]int
	var cur []int
	for i := 0; i < n; i++ {
		if r, ok := byDay[i]; ok && r.Tested {
			cur = append(cur, i)
			continue
		}
		if len(cur) > 0 {
			runs = append(runs, cur)
			cur = nil
		}
	}
	if len(cur) > 0 {
		runs = append(runs, cur)
	}
	for _, run := range runs {
		var band, exp []string
		for _, i := range run {
			band = append(band, fmt.Sprintf("%.1f,%.1f", x(i), y(float64(byDay[i].Upper))))
			exp = append(exp, fmt.Sprintf("%.1f,%.1f", x(i), y(byDay[i].Expected)))
		}
		for k := len(run) - 1; k >= 0; k-- {
			i := run[k]
			band = append(band, fmt.Sprintf("%.1f,%.1f", x(i), y(float64(byDay[i].Lower))))
		}
		p(`<polygon points="%s" fill="#9ecae1" fill-opacity="0.5" stroke="none"/>`+"\n", strings.Join(band, " "))
		p(`<polyline points="%s" fill="none" stroke="#3182bd" stroke-width="1.5" stroke-dasharray="4 2"/>`+"\n", strings.Join(exp, " "))
	}
	// Observed: a line broken at gaps, and points.
	var seg []string
	flush := func() {
		if len(seg) > 1 {
			p(`<polyline points="%s" fill="none" stroke="#222" stroke-width="1.2"/>`+"\n", strings.Join(seg, " "))
		}
		seg = nil
	}
	for i, d := range days {
		if d.Missing {
			flush()
			continue
		}
		seg = append(seg, fmt.Sprintf("%.1f,%.1f", x(i), y(float64(d.Count))))
	}
	flush()
	for i, d := range days {
		if d.Missing {
			continue
		}
		r, ok := byDay[i]
		fill, rad := "#222", 1.8
		title := fmt.Sprintf("%s: %d", d.Date.Format(time.DateOnly), d.Count)
		if ok && r.Tested {
			title += fmt.Sprintf(", expected %.1f (%d–%d), p = %.2g", r.Expected, r.Lower, r.Upper, r.PValue)
		}
		if ok && r.Flagged {
			fill, rad = "#d62728", 3.5
		}
		p(`<circle cx="%.1f" cy="%.1f" r="%.1f" fill="%s"><title>%s</title></circle>`+"\n", x(i), y(float64(d.Count)), rad, fill, html.EscapeString(title))
	}
	// Observances.
	for k, o := range c.Observances {
		i := int(o.Date.Sub(first).Hours() / 24)
		if i < 0 || i >= n {
			continue
		}
		color := "#31a354"
		if o.Major {
			color = "#e6550d"
		}
		p(`<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="%s" stroke-dasharray="3 3"><title>%s</title></line>`+"\n",
			x(i), top, x(i), top+ph, color, html.EscapeString(o.String()))
		p(`<text x="%.1f" y="%.1f" fill="%s" font-size="10" transform="rotate(-90 %.1f %.1f)">%s</text>`+"\n",
			x(i)+3, top+ph-4-float64(k%2)*0, color, x(i)+3, top+ph-4, html.EscapeString(shorten(o.Name, 28)))
	}
	if cl := c.Claim; cl != nil {
		claimOverlay(p, cl, first, n, x, y, dayW, left, W-right)
	}
	// Date labels: about eight.
	step := max(1, n/8)
	for i := 0; i < n; i += step {
		p(`<text x="%.1f" y="%.1f" text-anchor="middle" fill="#555">%s</text>`+"\n", x(i), top+ph+14, days[i].Date.Format("Jan 2"))
	}
	p(`<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#999"/>`+"\n", left, top+ph, W-right, top+ph)
	// Legend.
	ly := H - 18
	p(`<g fill="#333"><circle cx="%.1f" cy="%.1f" r="3" fill="#222"/><text x="%.1f" y="%.1f">observed</text>`, left, ly-4, left+8, ly)
	p(`<rect x="%.1f" y="%.1f" width="14" height="8" fill="#9ecae1"/><text x="%.1f" y="%.1f">expected and prediction band</text>`, left+80, ly-9, left+98, ly)
	p(`<circle cx="%.1f" cy="%.1f" r="3.5" fill="#d62728"/><text x="%.1f" y="%.1f">flagged</text>`, left+292, ly-4, left+300, ly)
	p(`<rect x="%.1f" y="%.1f" width="14" height="8" fill="#d9d9d9"/><text x="%.1f" y="%.1f">gap (unknown)</text>`, left+362, ly-9, left+380, ly)
	p(`<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#e6550d" stroke-dasharray="3 3"/><text x="%.1f" y="%.1f">observance</text></g>`+"\n", left+482, ly-10, left+482, ly, left+488, ly)
	p("</svg>\n")
	return bw.Flush()
}

func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

func fmtCount(v float64) string {
	if v == math.Trunc(v) {
		return fmt.Sprintf("%.0f", v)
	}
	return fmt.Sprintf("%.1f", v)
}

// niceCeil rounds v up to 1, 2 or 5 times a power of ten (for axis ticks of v/4).
func niceCeil(v float64) float64 {
	if v <= 0 {
		return 1
	}
	e := math.Pow(10, math.Floor(math.Log10(v)))
	for _, m := range []float64{1, 2, 4, 5, 8, 10} {
		if m*e >= v {
			return m * e
		}
	}
	return 10 * e
}

// claimOverlay draws the claim under test: the normal it states as a
// dotted band across the chart, and its count as a thick dashed line over
// its window, each labelled in words (not only in a title) so that the
// chart reads without hovering.
func claimOverlay(p func(string, ...any), cl *Claimed, first time.Time, n int,
	x func(int) float64, y func(float64) float64, dayW, x0, x1 float64) {
	const color = "#d62728"
	if cl.NormalHi > 0 {
		p(`<rect class="claimed-normal" x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="none" stroke="%s" stroke-dasharray="2 3"/>`+"\n",
			x0, y(cl.NormalHi), x1-x0, math.Max(1, y(cl.NormalLo)-y(cl.NormalHi)), color)
		p(`<text x="%.1f" y="%.1f" text-anchor="end" fill="%s">claimed normal %s–%s a day</text>`+"\n",
			x1-4, y(cl.NormalHi)-4, color, fmtCount(cl.NormalLo), fmtCount(cl.NormalHi))
	}
	if cl.AtLeast > 0 && !cl.From.IsZero() {
		i := int(calendar.Truncate(cl.From).Sub(first).Hours() / 24)
		j := int(calendar.Truncate(cl.To).Sub(first).Hours() / 24)
		i, j = max(0, i), min(n-1, max(i, j))
		if i < n && j >= 0 {
			xa, xb := x(i)-dayW/2, x(j)+dayW/2
			p(`<line class="claimed-count" x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="%s" stroke-width="3" stroke-dasharray="6 3"/>`+"\n",
				xa, y(cl.AtLeast), xb, y(cl.AtLeast), color)
			p(`<text x="%.1f" y="%.1f" text-anchor="end" fill="%s" font-weight="bold">claimed %s a day</text>`+"\n",
				xb, y(cl.AtLeast)-6, color, fmtCount(cl.AtLeast))
		}
	}
}
