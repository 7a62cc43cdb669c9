package server

import (
	"fmt"
	"html"
	"strings"
	"time"

	"github.com/triangulate/triangulate/claim"
)

// historySVG draws how an event's likelihood and status moved: one point
// per version at its probability, labelled where the status changed, an
// analyst's override as a ring. Plain SVG, no script. Empty for fewer than
// two versions.
func historySVG(vs []claim.AssessmentVersion) string {
	if len(vs) < 2 {
		return ""
	}
	const w, h, left, right, top, bottom = 640, 170, 44, 16, 24, 30
	x := func(i int) float64 {
		return left + float64(i)*float64(w-left-right)/float64(len(vs)-1)
	}
	y := func(p float64) float64 { return top + (1-p)*float64(h-top-bottom) }
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="history" viewBox="0 0 %d %d" role="img" aria-labelledby="history-title" xmlns="http://www.w3.org/2000/svg">`, w, h)
	b.WriteString(`<title id="history-title">How the computed likelihood and status moved, version by version</title>`)
	for _, p := range []float64{0, 0.5, 1} {
		fmt.Fprintf(&b, `<line x1="%d" x2="%d" y1="%.1f" y2="%.1f" class="grid"/><text x="4" y="%.1f" class="axis">%.0f%%</text>`,
			left, w-right, y(p), y(p), y(p)+4, p*100)
	}
	var pts []string
	for i, v := range vs {
		pts = append(pts, fmt.Sprintf("%.1f,%.1f", x(i), y(v.State.Probability)))
	}
	fmt.Fprintf(&b, `<polyline points="%s" class="line"/>`, strings.Join(pts, " "))
	for i, v := range vs {
		cx, cy := x(i), y(v.State.Probability)
		fmt.Fprintf(&b, `<circle cx="%.1f" cy="%.1f" r="4" class="point"><title>v%d %s: %s, %s</title></circle>`,
			cx, cy, v.Version, html.EscapeString(v.Cause), html.EscapeString(string(v.State.Status)), html.EscapeString(v.State.Likelihood))
		if v.State.OverrideStatus != "" || v.State.OverrideLikelihood != "" {
			fmt.Fprintf(&b, `<circle cx="%.1f" cy="%.1f" r="8" class="override"/>`, cx, cy)
		}
		if i == 0 || vs[i-1].State.Status != v.State.Status {
			fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" class="label">%s</text>`, cx+6, cy-8, html.EscapeString(string(v.State.Status)))
		}
		fmt.Fprintf(&b, `<text x="%.1f" y="%d" class="axis" text-anchor="middle">v%d</text>`, cx, h-10, v.Version)
	}
	b.WriteString(`</svg>`)
	return b.String()
}

// statusChanges says, per event, how its status and likelihood moved
// since a moment: the state of the last version at or before since
// against the latest, for events that had a version before since.
func statusChanges(hist []claim.AssessmentVersion, since time.Time) map[string]string {
	before := map[string]claim.AssessmentState{}
	latest := map[string]claim.AssessmentVersion{}
	var order []string
	for _, v := range hist {
		if !v.At.After(since) {
			before[v.EventID] = v.State
		}
		if _, ok := latest[v.EventID]; !ok {
			order = append(order, v.EventID)
		}
		latest[v.EventID] = v
	}
	out := map[string]string{}
	for _, ev := range order {
		was, ok := before[ev]
		now := latest[ev]
		if !ok || !now.At.After(since) {
			continue
		}
		var parts []string
		if was.Status != now.State.Status {
			parts = append(parts, fmt.Sprintf("status %s → %s", was.Status, now.State.Status))
		}
		if was.Likelihood != now.State.Likelihood {
			parts = append(parts, fmt.Sprintf("likelihood %s → %s", was.Likelihood, now.State.Likelihood))
		}
		if was.OverrideStatus != now.State.OverrideStatus || was.OverrideLikelihood != now.State.OverrideLikelihood {
			parts = append(parts, "analyst's judgement "+overrideWords(now.State))
		}
		if len(parts) > 0 {
			out[ev] = strings.Join(parts, "; ")
		}
	}
	return out
}

func overrideWords(st claim.AssessmentState) string {
	if st.OverrideStatus == "" && st.OverrideLikelihood == "" {
		return "cleared"
	}
	return "now " + strings.Trim(string(st.OverrideStatus)+", "+st.OverrideLikelihood, ", ")
}
