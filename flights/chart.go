package flights

import (
	"fmt"
	"html"
	"io"
	"strings"

	"github.com/triangulate/triangulate/store"
)

// Sparkline draws counts as ▁▂▃▄▅▆▇█, scaled to the largest count: a true
// zero is ▁ and a missing day is '·', so the two never look alike.
func Sparkline(rows []store.RouteDay) string {
	const bars = "▂▃▄▅▆▇█"
	levels := []rune(bars)
	peak := 0
	for _, r := range rows {
		if !r.Missing {
			peak = max(peak, r.Count)
		}
	}
	var b strings.Builder
	for _, r := range rows {
		switch {
		case r.Missing:
			b.WriteRune('·')
		case r.Count == 0:
			b.WriteRune('▁')
		default:
			i := (r.Count*len(levels) - 1) / peak
			b.WriteRune(levels[min(i, len(levels)-1)])
		}
	}
	return b.String()
}

// WriteSVG draws one route's daily counts as bars, with missing days shaded
// and labelled: an observed-series chart (the expected band is the anomaly
// package's).
func WriteSVG(w io.Writer, title string, rows []store.RouteDay) error {
	const (
		width, height    = 900, 320
		left, right, top = 50, 20, 40
		bottom           = 50
		plotW, plotH     = width - left - right, height - top - bottom
	)
	peak := 1
	for _, r := range rows {
		if !r.Missing {
			peak = max(peak, r.Count)
		}
	}
	n := max(1, len(rows))
	bw := float64(plotW) / float64(n)
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="sans-serif" font-size="11">`+"\n", width, height, width, height)
	fmt.Fprintf(&b, `<rect width="%d" height="%d" fill="white"/>`+"\n", width, height)
	fmt.Fprintf(&b, `<text x="%d" y="22" font-size="14" font-weight="bold">%s</text>`+"\n", left, html.EscapeString(title))
	// Missing days first, as shaded columns behind everything.
	missing := 0
	for i, r := range rows {
		if r.Missing {
			missing++
			fmt.Fprintf(&b, `<rect x="%.2f" y="%d" width="%.2f" height="%d" fill="#d9d9d9"><title>%s: missing (no coverage)</title></rect>`+"\n",
				float64(left)+float64(i)*bw, top, bw, plotH, r.Day)
		}
	}
	for i, r := range rows {
		if r.Missing {
			continue
		}
		h := float64(r.Count) / float64(peak) * float64(plotH)
		fmt.Fprintf(&b, `<rect x="%.2f" y="%.2f" width="%.2f" height="%.2f" fill="#3b6ea5"><title>%s: %d</title></rect>`+"\n",
			float64(left)+float64(i)*bw+bw*0.1, float64(top+plotH)-h, bw*0.8, h, r.Day, r.Count)
	}
	// Axes and labels.
	fmt.Fprintf(&b, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="black"/>`+"\n", left, top+plotH, left+plotW, top+plotH)
	fmt.Fprintf(&b, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="black"/>`+"\n", left, top, left, top+plotH)
	fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="end">%d</text>`+"\n", left-4, top+4, peak)
	fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="end">0</text>`+"\n", left-4, top+plotH+4)
	if len(rows) > 0 {
		fmt.Fprintf(&b, `<text x="%d" y="%d">%s</text>`+"\n", left, top+plotH+16, rows[0].Day)
		fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="end">%s</text>`+"\n", left+plotW, top+plotH+16, rows[len(rows)-1].Day)
	}
	fmt.Fprintf(&b, `<rect x="%d" y="%d" width="12" height="12" fill="#3b6ea5"/><text x="%d" y="%d">flights per day (departure airport's local day)</text>`+"\n",
		left, height-22, left+16, height-12)
	if missing > 0 {
		fmt.Fprintf(&b, `<rect x="%d" y="%d" width="12" height="12" fill="#d9d9d9"/><text x="%d" y="%d">missing: no coverage (%d days)</text>`+"\n",
			left+330, height-22, left+346, height-12, missing)
	}
	b.WriteString("</svg>\n")
	_, err := io.WriteString(w, b.String())
	return err
}
