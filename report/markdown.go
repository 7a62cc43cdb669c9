package report

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/triangulate/triangulate/claim"
)

// WriteMarkdown writes r as Markdown laid out to read well in a terminal
// as it is: short lines of prose, pipe tables, quotes in blockquotes.
func WriteMarkdown(w io.Writer, r *Report) error {
	bw := bufio.NewWriter(w)
	m := mdWriter{w: bw}
	m.report(r)
	return bw.Flush()
}

type mdWriter struct{ w *bufio.Writer }

func (m mdWriter) p(format string, args ...any) { fmt.Fprintf(m.w, format, args...) }
func (m mdWriter) line(s string)                { m.w.WriteString(s + "\n") }

// cell makes s safe inside a pipe-table cell.
func cell(s string) string {
	if s == "" {
		return "—"
	}
	s = strings.NewReplacer("|", `\|`, "\r\n", " ", "\n", " ", "\r", " ").Replace(s)
	return s
}

// inline keeps s on one line.
func inline(s string) string {
	return strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ").Replace(s)
}

func (m mdWriter) table(head []string, rows [][]string) {
	m.line("| " + strings.Join(head, " | ") + " |")
	seps := make([]string, len(head))
	for i := range seps {
		seps[i] = "---"
	}
	m.line("|" + strings.Join(seps, "|") + "|")
	for _, row := range rows {
		cells := make([]string, len(row))
		for i, c := range row {
			cells[i] = cell(c)
		}
		m.line("| " + strings.Join(cells, " | ") + " |")
	}
	m.line("")
}

func (m mdWriter) report(r *Report) {
	s := r.Summary
	m.line("# " + inline(r.Title))
	m.line("")
	asOf := ""
	if r.AsOf != "" {
		asOf = "As of " + r.AsOf + " · "
	}
	m.p("%s%d sources · %d claims · %d events (%d assessed) · %d data signals\n", asOf, s.Sources, s.Claims, s.Events, s.Assessed, s.Signals)
	if s.From != "" {
		m.p("Dates covered: %s – %s\n", s.From, s.To)
	}
	m.line("")

	if len(r.Events) > 0 {
		m.line("## Events at a glance")
		m.line("")
		var rows [][]string
		for _, ev := range r.Events {
			status, lik, adm := "not assessed", "", ""
			if a := ev.Assessment; a != nil {
				status, lik, adm = StatusShown(a), ev.Likelihood, a.Admiralty
			}
			rows = append(rows, []string{ev.ID, ev.Title, status, lik, adm,
				fmt.Sprintf("%d / %d", ev.Independent, ev.Echo)})
		}
		m.table([]string{"Event", "Title", "Status", "Likelihood", "Admiralty", "Independent / echo"}, rows)
	}

	for i := range r.Events {
		m.event(&r.Events[i])
	}

	if len(r.Unassigned) > 0 {
		m.line("## Claims in no event")
		m.line("")
		m.line(strings.Join(r.Unassigned, ", "))
		m.line("")
	}

	m.line("## Sources")
	m.line("")
	var rows [][]string
	for _, sv := range r.Sources {
		rows = append(rows, []string{strconv.FormatInt(sv.ID, 10), sv.Name, sv.Outlet, sv.Published,
			strconv.Itoa(sv.Claims), strings.Join(sv.Events, ", "), strings.Join(sv.Origins, "; ")})
	}
	m.table([]string{"#", "Source", "Outlet", "Published", "Claims", "Events", "Original speakers"}, rows)

	m.line("## Appendix: all claims")
	m.line("")
	for _, cl := range r.Case.Claims {
		flags := ""
		if cl.Rejected {
			flags += " · rejected"
		}
		if cl.Edited {
			flags += " · edited"
			if cl.EditedBy != "" {
				flags += " by " + cl.EditedBy
			}
		}
		ev := r.eventOf[cl.ID]
		if ev == "" {
			ev = "no event"
		}
		when := ""
		if cl.Time != nil {
			when = " · " + dateRange(cl.Time.From, cl.Time.To)
		}
		m.p("- **%s** %s · %s%s · %s · %s [%s %d–%d]%s\n", cl.ID, cl.Action, cl.Modality, when, ev,
			inline(Chain(cl.Attribution)), inline(cl.Source), cl.Start, cl.End, flags)
		m.p("  > %s\n", inline(cl.Evidence))
	}
	m.line("")
}

func (m mdWriter) event(ev *EventView) {
	m.p("## %s · %s\n\n", ev.ID, inline(ev.Title))
	if a := ev.Assessment; a != nil {
		m.p("- **Status:** %s\n", a.Status)
		m.p("- **Likelihood:** %s · Admiralty %s · STIX confidence %d\n", ev.Likelihood, a.Admiralty, a.STIXConfidence)
		if l := OverrideLine(a); l != "" {
			m.p("- **Analyst override:** %s\n", inline(l))
		}
		if l := SignOffLine(a); l != "" {
			m.p("- **Sign-off:** %s\n", inline(l))
		}
	} else {
		m.line("- **Status:** not assessed")
	}
	m.p("- **Sources:** %s\n", sourcesLine(ev))
	if len(ev.Origins) > 0 {
		m.p("- **Original speakers:** %s\n", inline(strings.Join(ev.Origins, "; ")))
	}
	if len(ev.Outlets) > 0 {
		m.p("- **Outlets:** %s\n", inline(strings.Join(ev.Outlets, "; ")))
	}
	if len(ev.Copies) > 0 {
		m.p("- **Copies:** %s\n", inline(strings.Join(ev.Copies, "; ")))
	}
	if q := ev.Root; q != nil {
		m.p("- **First appearance:** %s, %s (%s, claim %s)\n", inline(orDash(q.Outlet)), orDash(q.Published), inline(q.Source), q.ClaimID)
	}
	if ev.From != "" || ev.To != "" {
		m.p("- **When:** %s\n", dateRange(ev.From, ev.To))
	}
	m.p("- **Claims:** %s\n\n", strings.Join(ev.ClaimIDs, ", "))

	if len(ev.Independence) > 0 {
		m.line("### Independence")
		m.line("")
		var rows [][]string
		for _, o := range ev.Independence {
			rows = append(rows, []string{o.Who, string(o.Kind), strings.Join(o.Via, " → "), string(o.Stance),
				strings.Join(o.CarriedBy, ", "), strings.Join(o.Claims, ", "), o.Counted})
		}
		m.table([]string{"Origin", "Kind", "Via", "Stance", "Carried by", "Claims", "Counted"}, rows)
	}

	if len(ev.Grades) > 0 {
		m.line("### Source grades")
		m.line("")
		var rows [][]string
		for _, g := range ev.Grades {
			rows = append(rows, []string{g.Who, string(g.Kind), g.Reliability, g.Why})
		}
		m.table([]string{"Origin", "Kind", "Reliability", "Why"}, rows)
	}

	for _, f := range ev.Figures {
		m.p("### Figures: %s\n\n", inline(f.Unit))
		var rows [][]string
		for _, row := range f.Rows {
			rows = append(rows, []string{row.Figure, row.Qualifier, row.Chain, row.Source, row.Scope, row.ClaimID})
		}
		m.table([]string{"Figure", "Qualifier", "Who said it", "Source", "Scope", "Claim"}, rows)
		m.p("Low %s · high %s · conservative %s · median %s\n", claim.FormatNumber(f.Low), claim.FormatNumber(f.High),
			claim.FormatNumber(f.Conservative), claim.FormatNumber(f.Median))
		if f.Why != "" {
			m.p("Why the range is open: %s\n", inline(f.Why))
		}
		m.line("")
	}

	if len(ev.Contradictions) > 0 {
		m.line("### Contradictions")
		m.line("")
		for i, c := range ev.Contradictions {
			scope := "conflict"
			if c.Scope {
				scope = "different scope, possibly both true"
			}
			m.p("%d. **%s** (%s): %s\n\n", i+1, c.Field, scope, inline(c.Explain))
			m.table([]string{quoteHead(c.A), quoteHead(c.B)}, [][]string{{"“" + c.A.Text + "”", "“" + c.B.Text + "”"}})
		}
	}

	if len(ev.Places) > 0 {
		m.line("### Places")
		m.line("")
		var rows [][]string
		for _, p := range ev.Places {
			rows = append(rows, []string{p.Name, p.Kind, strings.Join(p.Roles, ", "), strconv.Itoa(p.ClaimCount), coords(p), p.Precision})
		}
		m.table([]string{"Place", "Kind", "Roles", "Claims", "Lat, lon", "Precision"}, rows)
	}

	if len(ev.Timeline) > 0 {
		m.line("### Timeline")
		m.line("")
		for _, it := range ev.Timeline {
			m.p("- %s · %s %s · %s\n", dateRange(it.From, it.To), it.Kind, it.ID, inline(it.Label))
		}
		m.line("")
	}

	if len(ev.Reasons) > 0 {
		m.line("### Reasons")
		m.line("")
		for i, rs := range ev.Reasons {
			weight := ""
			if rs.Weight != 0 {
				weight = fmt.Sprintf(" (weight %+.2f)", rs.Weight)
			}
			m.p("%d. %s%s\n", i+1, inline(rs.Text), weight)
			for _, q := range rs.Quotes {
				m.p("   > “%s” — %s, %s\n", inline(q.Text), q.ClaimID, inline(orDash(q.Chain)))
			}
			if s := rs.Signal; s != nil {
				m.p("   > signal %s: %s%s — %s\n", s.ID, orDash(string(s.Verdict)), pText(s.PValue), inline(s.Summary))
			}
		}
		m.line("")
	}

	if mx := ev.Matrix; len(mx.Rows) > 1 {
		m.line("### Evidence matrix")
		m.line("")
		m.line("Rows: who originally said it, and data checks; columns: the event's claims. ● own claim, + consistent, − inconsistent, ~ different scope, ? neither confirms nor denies, · silent.")
		m.line("")
		head := []string{"Origin / data"}
		for i := range mx.Columns {
			head = append(head, strconv.Itoa(i+1))
		}
		var rows [][]string
		for _, row := range mx.Rows {
			r := []string{row.Who}
			for _, c := range row.Cells {
				r = append(r, c.Symbol())
			}
			rows = append(rows, r)
		}
		against := []string{"against"}
		for _, c := range mx.Columns {
			against = append(against, strconv.Itoa(c.Inconsistent))
		}
		rows = append(rows, against)
		m.table(head, rows)
		for i, c := range mx.Columns {
			m.p("%d. %s (%s) — %s\n", i+1, inline(c.Label), strings.Join(c.ClaimIDs, ", "), inline(c.Source))
		}
		m.line("")
	}

	if len(ev.Signals) > 0 {
		m.line("### Data signals")
		m.line("")
		var rows [][]string
		for _, s := range ev.Signals {
			rows = append(rows, []string{s.ID, s.Kind, s.Subject, dateRange(s.From, s.To), string(s.Verdict),
				formatP(s.PValue), s.ClaimID, s.Summary, details(s.Details)})
		}
		m.table([]string{"Signal", "Kind", "Subject", "Dates", "Verdict", "p-value", "Claim", "Summary", "Details"}, rows)
	}
}

func quoteHead(q Quote) string {
	return q.ClaimID + " · " + orDash(q.Outlet) + " · " + orDash(q.Chain)
}

func coords(p PlaceView) string {
	if !p.HasCoord {
		return ""
	}
	return strconv.FormatFloat(p.Lat, 'f', 4, 64) + ", " + strconv.FormatFloat(p.Lon, 'f', 4, 64)
}

func details(ds []Detail) string {
	parts := make([]string, len(ds))
	for i, d := range ds {
		parts[i] = d.Key + ": " + d.Value
	}
	return strings.Join(parts, "; ")
}

func pText(p float64) string {
	if p == 0 {
		return ""
	}
	return ", p = " + formatP(p)
}

// sourcesLine sets independence against echo: "7 independent origins ·
// echo count 9 · 2 documents".
func sourcesLine(ev *EventView) string {
	s := fmt.Sprintf("%d independent origin%s · echo count %d", ev.Independent, plural(ev.Independent), ev.Echo)
	if ev.Documents > 0 {
		s += fmt.Sprintf(" · %d document%s", ev.Documents, plural(ev.Documents))
	}
	return s
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}
