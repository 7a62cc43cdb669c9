package report

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"

	"github.com/triangulate/triangulate/claim"
)

// WriteClaimsCSV writes one row per claim of the report's case, rejected
// ones marked, in the case's order: what a spreadsheet needs to check or
// count claims by outlet, speaker, place or date. Cells are plain text
// (lists joined with "; ") and the output is byte-identical for one case.
func WriteClaimsCSV(w io.Writer, r *Report) error {
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"claim_id", "event_id", "event", "source_id", "source", "outlet", "published",
		"action", "modality", "said_by", "actors", "places", "from", "to", "quantities", "evidence", "start", "end", "edited", "rejected"})
	titles := map[string]string{}
	for _, ev := range r.Events {
		titles[ev.ID] = ev.Title
	}
	for i := range r.Case.Claims {
		cl := &r.Case.Claims[i]
		ev := r.EventOf(cl.ID)
		var outlet, published string
		if s := r.sourceOf(cl); s != nil {
			outlet, published = s.Outlet, date(s.Published)
		}
		var actors, places, qs []string
		for _, a := range cl.Actors {
			actors = append(actors, a.Name)
		}
		for _, p := range cl.Places {
			places = append(places, p.Name+" ("+string(p.Role)+")")
		}
		for _, q := range cl.Quantities {
			qs = append(qs, FormatQuantity(q))
		}
		var from, to string
		if cl.Time != nil {
			from, to = string(cl.Time.From), string(cl.Time.To)
		}
		_ = cw.Write([]string{cl.ID, ev, titles[ev], strconv.FormatInt(cl.SourceID, 10), cl.Source, outlet, published,
			string(cl.Action), string(cl.Modality), Chain(cl.Attribution), strings.Join(actors, "; "), strings.Join(places, "; "),
			from, to, strings.Join(qs, "; "), cl.Evidence, strconv.Itoa(cl.Start), strconv.Itoa(cl.End),
			strconv.FormatBool(cl.Edited), strconv.FormatBool(cl.Rejected)})
	}
	cw.Flush()
	return cw.Error()
}

// WriteFiguresCSV writes one row per figure given for each event: the
// event, the unit's range as fusion reconciled it, and the figure with who
// gave it (the attribution chain, first to last), the source as readers
// know it (its outlet, else its title or name), and the words.
func WriteFiguresCSV(w io.Writer, r *Report) error {
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"event_id", "event", "unit", "low", "high", "conservative", "figure", "min", "max",
		"qualifier", "kind", "said_by", "source", "scope", "claim_id", "quote"})
	num := func(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }
	for _, ev := range r.Events {
		for _, fs := range ev.Figures {
			for _, row := range fs.Rows {
				_ = cw.Write([]string{ev.ID, ev.Title, fs.Unit, num(fs.Low), num(fs.High), num(fs.Conservative),
					row.Figure, num(row.Min), num(row.Max), row.Qualifier, row.Kind, row.Chain, row.Source,
					row.Scope, row.ClaimID, row.Quote})
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// sourceOf is the source carrying cl, by id, else by name.
func (r *Report) sourceOf(cl *claim.Claim) *claim.Source {
	if s := r.sources[cl.SourceID]; s != nil {
		return s
	}
	return r.byName[cl.Source]
}
