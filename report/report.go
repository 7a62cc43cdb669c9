// Package report renders a case (claim.Case) for people: Markdown for the
// terminal, a self-contained HTML page (inline CSS and SVG, no scripts) and
// JSON for programs. All three render one computed view, Report, and are
// byte-identical for identical input: nothing here reads the clock, and
// every list is in a stable order.
package report

import (
	"cmp"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/errs"
)

// Schema names the version of the JSON report; it changes only when a field
// is removed or changes meaning (adding fields keeps it).
const Schema = "triangulate.report/v1"

// Format is an output format of Write.
type Format string

// Formats.
const (
	Markdown Format = "md"
	HTML     Format = "html"
	JSON     Format = "json"
	// The tables: one row per claim, one row per figure given (csv.go).
	// Not among Formats: they carry the claims and figures, not the report.
	ClaimsCSV  Format = "claims.csv"
	FiguresCSV Format = "figures.csv"
)

// Formats lists the formats in the order help texts show them.
func Formats() []Format { return []Format{Markdown, HTML, JSON} }

// Options shape a report.
type Options struct {
	Title string // default "Triangulate case report"
}

// Write renders c in format f.
func Write(w io.Writer, c *claim.Case, f Format, opts Options) error {
	r := Build(c, opts)
	switch f {
	case Markdown, "":
		return WriteMarkdown(w, r)
	case HTML:
		return WriteHTML(w, r)
	case JSON:
		return WriteJSON(w, r)
	case ClaimsCSV:
		return WriteClaimsCSV(w, r)
	case FiguresCSV:
		return WriteFiguresCSV(w, r)
	}
	return errs.E(errs.BadInput, "report", fmt.Sprintf("unknown format %q (want md, html, json, claims.csv or figures.csv)", f))
}

// Report is the computed view of a case that every format renders. Its JSON
// encoding is the `report --format json` document; see SCHEMA.md.
type Report struct {
	Schema     string         `json:"schema"`
	Title      string         `json:"title"`
	AsOf       claim.Date     `json:"as_of,omitempty"` // the latest source publication date: the data's, never the clock's
	Summary    Summary        `json:"summary"`
	Events     []EventView    `json:"events"`
	Unassigned []string       `json:"unassigned_claims"` // ids of claims in no event
	Places     []PlaceView    `json:"places"`            // every place of the case
	Timeline   []TimelineItem `json:"timeline"`          // every dated claim, signal and gap
	Sources    []SourceView   `json:"sources"`
	Case       *claim.Case    `json:"case"`

	claims  map[string]*claim.Claim
	sources map[int64]*claim.Source
	byName  map[string]*claim.Source // source name → source
	signals map[string]*claim.Signal
	eventOf map[string]string // claim id → event id, from event membership
}

// Summary counts the case.
type Summary struct {
	Sources  int            `json:"sources"`
	Claims   int            `json:"claims"`
	Rejected int            `json:"rejected_claims"`
	Events   int            `json:"events"`
	Assessed int            `json:"assessed_events"`
	Signals  int            `json:"signals"`
	ByStatus map[string]int `json:"by_status"`
	From     claim.Date     `json:"from,omitempty"` // earliest date in claims, signals and publications
	To       claim.Date     `json:"to,omitempty"`
}

// EventView is one event with its assessment and everything that backs it.
type EventView struct {
	ID         string            `json:"id"`
	Title      string            `json:"title"`
	Action     claim.Action      `json:"action"`
	From       claim.Date        `json:"from,omitempty"`
	To         claim.Date        `json:"to,omitempty"`
	Assessment *claim.Assessment `json:"assessment,omitempty"`
	// Likelihood is the estimative phrase with its ICD 203 band, e.g. "likely (55–80 %)".
	Likelihood  string   `json:"likelihood,omitempty"`
	Independent int      `json:"independent_count"`
	Echo        int      `json:"echo_count"`
	Documents   int      `json:"documents,omitempty"` // distinct source documents, when fusion counted them
	Origins     []string `json:"origins"`             // distinct original speakers, first seen first
	// Copies names member sources that largely reproduce an earlier one:
	// "copy.txt (Daily Echo) copies Northern Wire (5 of its 6 sentences)".
	Copies []string `json:"copies,omitempty"`
	// Independence is fusion's account of who originally said it, relayed by
	// whom, and which origins only echo others (empty when fusion gave none).
	Independence []OriginRow `json:"independence"`
	// Grades are the assessment's Admiralty reliability per origin.
	Grades         []claim.SourceGrade `json:"grades"`
	Outlets        []string            `json:"outlets"` // distinct publishing outlets
	Root           *Quote              `json:"first_appearance,omitempty"`
	ClaimIDs       []string            `json:"claim_ids"`
	Figures        []FigureView        `json:"figures"`
	Contradictions []ContradictionView `json:"contradictions"`
	Places         []PlaceView         `json:"places"`
	Timeline       []TimelineItem      `json:"timeline"`
	Reasons        []ReasonView        `json:"reasons"`
	Signals        []SignalView        `json:"signals"`
	Matrix         Matrix              `json:"matrix"`
}

// OriginRow is one origin of an event with how it counts.
type OriginRow struct {
	claim.Origin
	Counted string `json:"counted"` // "independent", or "echoes <origin names>"
	// CarriedBy names the documents carrying it as a reader knows them: the
	// outlet, else the document's title, else its file name.
	CarriedBy []string `json:"carried_by"`
}

// Quote is a span of a source, with where it comes from.
type Quote struct {
	ClaimID   string     `json:"claim_id,omitempty"`
	SourceID  int64      `json:"source_id"`
	Source    string     `json:"source"`
	Outlet    string     `json:"outlet,omitempty"`
	Published claim.Date `json:"published,omitempty"`
	Start     int        `json:"start"`
	End       int        `json:"end"`
	Text      string     `json:"text"`
	Chain     string     `json:"chain,omitempty"` // attribution chain, "two Iraqi sources → The Amargi"
}

// FigureView is one unit's reconciled figures.
type FigureView struct {
	Unit         string      `json:"unit"`
	Low          float64     `json:"low"`
	High         float64     `json:"high"`
	Conservative float64     `json:"conservative"`
	Median       float64     `json:"median"`
	Why          string      `json:"why"`
	Rows         []FigureRow `json:"rows"`
}

// FigureRow is one source's figure.
type FigureRow struct {
	ClaimID   string  `json:"claim_id"`
	Figure    string  `json:"figure"` // the number as displayed: "5,000", "4–5"
	Min       float64 `json:"min"`
	Max       float64 `json:"max"`
	Qualifier string  `json:"qualifier"`
	Kind      string  `json:"kind"`
	Chain     string  `json:"chain"` // who said it, first to last
	Source    string  `json:"source"`
	Scope     string  `json:"scope"`
	Quote     string  `json:"quote,omitempty"` // the figure's span
}

// ContradictionView puts the two conflicting spans side by side.
type ContradictionView struct {
	Field   string `json:"field"`
	Scope   bool   `json:"different_scope"`
	Explain string `json:"explain"`
	A       Quote  `json:"a"`
	B       Quote  `json:"b"`
}

// PlaceView is a place with the claims that name it.
type PlaceView struct {
	Key        string   `json:"key"` // PlaceKey of the place
	Name       string   `json:"name"`
	Kind       string   `json:"kind"`
	Country    string   `json:"country,omitempty"`
	HasCoord   bool     `json:"has_coord"`
	Lat        float64  `json:"lat,omitempty"`
	Lon        float64  `json:"lon,omitempty"`
	Precision  string   `json:"precision,omitempty"`
	Roles      []string `json:"roles"`
	ClaimCount int      `json:"claim_count"`
	ClaimIDs   []string `json:"claim_ids"`
}

// Timeline item kinds.
const (
	ItemClaim     = "claim"
	ItemSignal    = "signal"
	ItemGap       = "gap"       // a period without information (a data-gap claim, missing flight days)
	ItemPublished = "published" // a source's publication
)

// TimelineItem is one dated thing. From "" is open at the start, To "" open-ended.
type TimelineItem struct {
	From      claim.Date `json:"from"`
	To        claim.Date `json:"to"`
	Precision string     `json:"precision,omitempty"`
	Kind      string     `json:"kind"`
	ID        string     `json:"id"` // claim id, signal id or source name
	EventID   string     `json:"event_id,omitempty"`
	Label     string     `json:"label"`
	Verdict   string     `json:"verdict,omitempty"`
}

// ReasonView is one line of an assessment with its evidence quoted.
type ReasonView struct {
	Text   string      `json:"text"`
	Weight float64     `json:"weight,omitempty"`
	Quotes []Quote     `json:"quotes"`
	Signal *SignalView `json:"signal,omitempty"`
}

// SignalView is a data check with its details flattened for display.
type SignalView struct {
	ID      string        `json:"id"`
	Kind    string        `json:"kind"`
	ClaimID string        `json:"claim_id,omitempty"`
	Subject string        `json:"subject"`
	From    claim.Date    `json:"from,omitempty"`
	To      claim.Date    `json:"to,omitempty"`
	Verdict claim.Verdict `json:"verdict"`
	PValue  float64       `json:"p_value,omitempty"`
	Summary string        `json:"summary"`
	Details []Detail      `json:"details"` // sorted by key
}

// Detail is one key of a signal's details, formatted.
type Detail struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

// SourceView is one row of the per-source table.
type SourceView struct {
	ID        int64      `json:"id"`
	Name      string     `json:"name"`
	Outlet    string     `json:"outlet,omitempty"`
	Title     string     `json:"title,omitempty"`
	URL       string     `json:"url,omitempty"`
	Published claim.Date `json:"published,omitempty"`
	Claims    int        `json:"claims"`
	Events    []string   `json:"events"`
	Origins   []string   `json:"origins"` // original speakers it carries
}

// EventOf returns the event a live (not rejected) claim belongs to, or "".
func (r *Report) EventOf(claimID string) string {
	if cl := r.claims[claimID]; cl == nil || cl.Rejected {
		return ""
	}
	return r.eventOf[claimID]
}

// Build computes the report view of c. c is not modified; the Report keeps
// a reference to it.
func Build(c *claim.Case, opts Options) *Report {
	r := &Report{
		Schema:     Schema,
		Title:      cmp.Or(opts.Title, "Triangulate case report"),
		Case:       c,
		Events:     []EventView{},
		Unassigned: []string{},
		claims:     map[string]*claim.Claim{},
		sources:    map[int64]*claim.Source{},
		byName:     map[string]*claim.Source{},
		signals:    map[string]*claim.Signal{},
		eventOf:    map[string]string{},
	}
	for i := range c.Sources {
		r.sources[c.Sources[i].ID] = &c.Sources[i]
		r.byName[c.Sources[i].Name] = &c.Sources[i]
		if d := date(c.Sources[i].Published); d > r.AsOf {
			r.AsOf = d
		}
	}
	for i := range c.Claims {
		r.claims[c.Claims[i].ID] = &c.Claims[i]
	}
	for i := range c.Signals {
		r.signals[c.Signals[i].ID] = &c.Signals[i]
	}
	for _, ev := range c.Events {
		for _, m := range ev.Members {
			if _, ok := r.eventOf[m.ClaimID]; !ok {
				r.eventOf[m.ClaimID] = ev.ID
			}
		}
	}
	assessments := map[string]*claim.Assessment{}
	for i := range c.Assessments {
		assessments[c.Assessments[i].EventID] = &c.Assessments[i]
	}

	inEvent := map[string]bool{}
	for _, ev := range c.Events {
		v := r.event(ev, assessments[ev.ID])
		for _, id := range v.ClaimIDs {
			inEvent[id] = true
		}
		r.Events = append(r.Events, v)
	}
	// Lead with the events an analyst acts on: most independent origins
	// first, then most claims; the id breaks ties so the order is stable.
	slices.SortStableFunc(r.Events, func(a, b EventView) int {
		if a.Independent != b.Independent {
			return b.Independent - a.Independent
		}
		if len(a.ClaimIDs) != len(b.ClaimIDs) {
			return len(b.ClaimIDs) - len(a.ClaimIDs)
		}
		return strings.Compare(a.ID, b.ID)
	})
	var live []*claim.Claim
	for i := range c.Claims {
		cl := &c.Claims[i]
		if cl.Rejected {
			r.Summary.Rejected++
			continue
		}
		live = append(live, cl)
		if !inEvent[cl.ID] {
			r.Unassigned = append(r.Unassigned, cl.ID)
		}
	}
	r.Places = places(live)
	r.Timeline = r.timeline(live, c.Signals, true)
	r.Sources = r.sourceRows()

	r.Summary.Sources = len(c.Sources)
	r.Summary.Claims = len(live)
	r.Summary.Events = len(c.Events)
	r.Summary.Signals = len(c.Signals)
	r.Summary.ByStatus = map[string]int{}
	for _, ev := range r.Events {
		if ev.Assessment != nil {
			r.Summary.Assessed++
			r.Summary.ByStatus[string(ev.Assessment.Status)]++
		}
	}
	for _, it := range r.Timeline {
		for _, d := range []claim.Date{it.From, it.To} {
			if d == "" {
				continue
			}
			if r.Summary.From == "" || d < r.Summary.From {
				r.Summary.From = d
			}
			if d > r.Summary.To {
				r.Summary.To = d
			}
		}
	}
	return r
}

func date(t time.Time) claim.Date {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.DateOnly)
}

// Chain writes an attribution chain first to last.
func Chain(as []claim.Attribution) string {
	parts := make([]string, 0, len(as))
	for _, a := range as {
		parts = append(parts, a.Who)
	}
	return strings.Join(parts, " → ")
}

// quote builds the quote of a claim's evidence, or of span sp within it.
func (r *Report) quote(claimID string, sp *claim.Span) Quote {
	cl := r.claims[claimID]
	if cl == nil {
		q := Quote{ClaimID: claimID, Text: "(claim not in the case)"}
		if sp != nil {
			q.Start, q.End, q.Text = sp.Start, sp.End, sp.Text
		}
		return q
	}
	q := Quote{ClaimID: cl.ID, SourceID: cl.SourceID, Source: cl.Source, Start: cl.Start, End: cl.End, Text: cl.Evidence, Chain: Chain(cl.Attribution)}
	if s := r.sources[cl.SourceID]; s != nil {
		q.Outlet, q.Published = s.Outlet, date(s.Published)
		if sp != nil && sp.End > sp.Start && sp.End <= len(s.Text) {
			q.Start, q.End, q.Text = sp.Start, sp.End, s.Text[sp.Start:sp.End]
		}
	} else if sp != nil && sp.Text != "" {
		q.Start, q.End, q.Text = sp.Start, sp.End, sp.Text
	}
	return q
}

// carriedBy names source documents (by their stored names) as a reader
// knows them, each once.
func (r *Report) carriedBy(names []string) []string {
	out := []string{}
	for _, n := range names {
		label := n
		if s := r.byName[n]; s != nil {
			label = cmp.Or(s.Outlet, s.Title, s.Name)
		}
		if !slices.Contains(out, label) {
			out = append(out, label)
		}
	}
	return out
}

// allRejected reports whether every one of the claims is rejected (or unknown).
func allRejected(ids []string, claims map[string]*claim.Claim) bool {
	for _, id := range ids {
		if cl := claims[id]; cl != nil && !cl.Rejected {
			return false
		}
	}
	return true
}

func (r *Report) event(ev claim.Event, a *claim.Assessment) EventView {
	v := EventView{
		ID: ev.ID, Title: ev.Title, Action: ev.Action, From: ev.From, To: ev.To, Assessment: a,
		Independent: ev.Independent, Echo: ev.EchoCount, Documents: ev.Documents,
		Origins: []string{}, Outlets: []string{}, ClaimIDs: []string{},
		Independence: []OriginRow{}, Grades: []claim.SourceGrade{},
		Figures: []FigureView{}, Contradictions: []ContradictionView{}, Reasons: []ReasonView{}, Signals: []SignalView{},
	}
	for _, c := range ev.Copies {
		who := c.Source
		if c.Outlet != "" {
			who += " (" + c.Outlet + ")"
		}
		v.Copies = append(v.Copies, who+" "+c.String())
	}
	names := map[string]string{}
	for _, o := range ev.Origins {
		names[o.Key] = o.Who
	}
	for _, o := range ev.Origins {
		row := OriginRow{Origin: o, Counted: "independent", CarriedBy: r.carriedBy(o.Carriers)}
		if len(o.EchoOf) == 0 && !allRejected(o.Claims, r.claims) && !slices.Contains(v.Origins, o.Who) {
			// The original speakers are the independent origins, as counted,
			// not every first link of a chain: an outlet relaying CNN is not one.
			v.Origins = append(v.Origins, o.Who)
		}
		if len(o.EchoOf) > 0 {
			var of []string
			for _, k := range o.EchoOf {
				of = append(of, cmp.Or(names[k], k))
			}
			row.Counted = "echoes " + strings.Join(of, ", ")
		}
		v.Independence = append(v.Independence, row)
	}
	if a != nil {
		v.Likelihood = Likelihood(a)
		v.Grades = append(v.Grades, a.Sources...)
	}
	var cls []*claim.Claim
	for _, m := range ev.Members {
		cl := r.claims[m.ClaimID]
		if cl == nil || cl.Rejected {
			continue
		}
		v.ClaimIDs = append(v.ClaimIDs, cl.ID)
		cls = append(cls, cl)
		if o := cl.Originator().Who; len(ev.Origins) == 0 && o != "" && !slices.Contains(v.Origins, o) {
			v.Origins = append(v.Origins, o) // an event fused before origins were kept
		}
		if s := r.sources[cl.SourceID]; s != nil && s.Outlet != "" && !slices.Contains(v.Outlets, s.Outlet) {
			v.Outlets = append(v.Outlets, s.Outlet)
		}
	}
	if root := r.root(cls); root != nil {
		q := r.quote(root.ID, nil)
		v.Root = &q
	}
	for _, fs := range ev.Figures {
		fv := FigureView{Unit: fs.Unit, Low: fs.Low, High: fs.High, Conservative: fs.Conservative, Median: fs.Median, Why: fs.Why, Rows: []FigureRow{}}
		for _, f := range fs.Figures {
			row := FigureRow{ClaimID: f.ClaimID, Figure: formatRange(f.Quantity.Min, f.Quantity.Max), Min: f.Quantity.Min, Max: f.Quantity.Max,
				Qualifier: f.Quantity.Qualifier, Kind: string(f.Quantity.Kind), Source: f.Source, Scope: f.Scope, Quote: f.Quantity.Span.Text}
			if cl := r.claims[f.ClaimID]; cl != nil {
				row.Chain = Chain(cl.Attribution)
				if s := r.sources[cl.SourceID]; s != nil && s.Outlet != "" {
					row.Source = s.Outlet
				}
			}
			if row.Chain == "" {
				row.Chain = f.Origin
			}
			fv.Rows = append(fv.Rows, row)
		}
		v.Figures = append(v.Figures, fv)
	}
	for _, ct := range ev.Contradictions {
		v.Contradictions = append(v.Contradictions, ContradictionView{
			Field: ct.Field, Scope: ct.Scope, Explain: ct.Explain,
			A: r.quote(ct.A, &ct.ASpan), B: r.quote(ct.B, &ct.BSpan),
		})
	}
	v.Places = places(cls)
	// Signals: those tied to the event's claims, then those its reasons cite.
	seen := map[string]bool{}
	addSignal := func(s *claim.Signal) {
		if s != nil && !seen[s.ID] {
			seen[s.ID] = true
			v.Signals = append(v.Signals, signalView(s))
		}
	}
	for _, s := range r.Case.Signals {
		if s.ClaimID != "" && slices.Contains(v.ClaimIDs, s.ClaimID) {
			addSignal(r.signals[s.ID])
		}
	}
	if a != nil {
		for _, rs := range a.Reasons {
			rv := ReasonView{Text: rs.Text, Weight: rs.Weight, Quotes: []Quote{}}
			for _, id := range rs.ClaimIDs {
				rv.Quotes = append(rv.Quotes, r.quote(id, nil))
			}
			if rs.SignalID != "" {
				if s := r.signals[rs.SignalID]; s != nil {
					sv := signalView(s)
					rv.Signal = &sv
					addSignal(s)
				} else {
					rv.Signal = &SignalView{ID: rs.SignalID, Summary: "(signal not in the case)", Details: []Detail{}}
				}
			}
			v.Reasons = append(v.Reasons, rv)
		}
	}
	var sigs []claim.Signal
	for _, sv := range v.Signals {
		sigs = append(sigs, *r.signals[sv.ID])
	}
	v.Timeline = r.timeline(cls, sigs, false)
	v.Matrix = r.matrix(ev, cls, sigs)
	return v
}

// root is the echo chain's root among an event's claims: the claim of the
// earliest-published source (then the lowest source id, then the earliest
// offset). Sources without a date come last.
func (r *Report) root(cls []*claim.Claim) *claim.Claim {
	var best *claim.Claim
	key := func(cl *claim.Claim) (string, int64, int) {
		d := "9999-99-99"
		if s := r.sources[cl.SourceID]; s != nil && !s.Published.IsZero() {
			d = date(s.Published)
		}
		return d, cl.SourceID, cl.Start
	}
	for _, cl := range cls {
		if best == nil {
			best = cl
			continue
		}
		d1, s1, o1 := key(cl)
		d2, s2, o2 := key(best)
		if cmp.Or(cmp.Compare(d1, d2), cmp.Compare(s1, s2), cmp.Compare(o1, o2)) < 0 {
			best = cl
		}
	}
	return best
}

func signalView(s *claim.Signal) SignalView {
	v := SignalView{ID: s.ID, Kind: s.Kind, ClaimID: s.ClaimID, Subject: s.Subject, From: s.From, To: s.To,
		Verdict: s.Verdict, PValue: s.PValue, Summary: s.Summary, Details: []Detail{}}
	for _, k := range slices.Sorted(maps.Keys(s.Details)) {
		v.Details = append(v.Details, Detail{Key: k, Value: formatAny(s.Details[k])})
	}
	return v
}

// Places aggregates the places named by claims: one entry per place (by
// pack id, else name and kind), in order of first mention, with the roles
// it plays and how many claims name it.
func Places(cls []claim.Claim) []PlaceView {
	ps := make([]*claim.Claim, 0, len(cls))
	for i := range cls {
		if !cls[i].Rejected {
			ps = append(ps, &cls[i])
		}
	}
	return places(ps)
}

// PlaceKey identifies a place across claims: its pack id when resolved,
// else its folded name and kind ("ilam|province" and "ilam|city" differ).
func PlaceKey(p claim.Place) string {
	if p.PackID != "" {
		return "pack:" + p.PackID
	}
	return strings.ToLower(strings.TrimSpace(p.Name)) + "|" + string(p.Kind)
}

func places(cls []*claim.Claim) []PlaceView {
	out := []PlaceView{}
	index := map[string]int{}
	for _, cl := range cls {
		for _, p := range cl.Places {
			key := PlaceKey(p)
			i, ok := index[key]
			if !ok {
				i = len(out)
				index[key] = i
				out = append(out, PlaceView{Key: key, Name: p.Name, Kind: string(p.Kind), Roles: []string{}, ClaimIDs: []string{}})
			}
			pv := &out[i]
			if !pv.HasCoord && p.HasCoord {
				pv.HasCoord, pv.Lat, pv.Lon, pv.Precision = true, p.Lat, p.Lon, string(p.Precision)
			}
			if pv.Country == "" {
				pv.Country = p.Country
			}
			if p.Role != "" && !slices.Contains(pv.Roles, string(p.Role)) {
				pv.Roles = append(pv.Roles, string(p.Role))
			}
			if !slices.Contains(pv.ClaimIDs, cl.ID) {
				pv.ClaimIDs = append(pv.ClaimIDs, cl.ID)
				pv.ClaimCount++
			}
		}
	}
	for i := range out {
		slices.Sort(out[i].Roles)
		if out[i].Precision == "" && !out[i].HasCoord {
			out[i].Precision = "unresolved"
		}
	}
	return out
}

// timeline lists dated claims, signals and gaps, by start date.
func (r *Report) timeline(cls []*claim.Claim, sigs []claim.Signal, withPublished bool) []TimelineItem {
	out := []TimelineItem{}
	for _, cl := range cls {
		if cl.Time == nil || (cl.Time.From == "" && cl.Time.To == "") {
			continue
		}
		kind := ItemClaim
		if cl.Action == claim.ActionDataGap {
			kind = ItemGap
		}
		out = append(out, TimelineItem{From: cl.Time.From, To: cl.Time.To, Precision: string(cl.Time.Precision),
			Kind: kind, ID: cl.ID, EventID: r.eventOf[cl.ID], Label: ClaimLabel(cl)})
	}
	for _, s := range sigs {
		if s.From != "" || s.To != "" {
			out = append(out, TimelineItem{From: s.From, To: cmp.Or(s.To, s.From), Kind: ItemSignal, ID: s.ID,
				Label: s.Subject + ": " + string(s.Verdict), Verdict: string(s.Verdict)})
		}
		for _, g := range missingRuns(s.Details["missing_days"]) {
			out = append(out, TimelineItem{From: g[0], To: g[1], Kind: ItemGap, ID: s.ID, Label: s.Subject + ": no data"})
		}
	}
	if withPublished {
		for _, s := range r.Case.Sources {
			if d := date(s.Published); d != "" {
				out = append(out, TimelineItem{From: d, To: d, Precision: "day", Kind: ItemPublished, ID: s.Name,
					Label: cmp.Or(s.Outlet, s.Name) + " published"})
			}
		}
	}
	slices.SortStableFunc(out, func(a, b TimelineItem) int {
		return cmp.Or(cmp.Compare(a.From, b.From), cmp.Compare(a.To, b.To), cmp.Compare(a.Kind, b.Kind), cmp.Compare(a.ID, b.ID))
	})
	return out
}

// missingRuns turns a signal's "missing_days" detail (a list of YYYY-MM-DD)
// into runs of consecutive days.
func missingRuns(v any) [][2]claim.Date {
	var days []string
	switch x := v.(type) {
	case []string:
		days = slices.Clone(x)
	case []any:
		for _, d := range x {
			if s, ok := d.(string); ok {
				days = append(days, s)
			}
		}
	}
	slices.Sort(days)
	var runs [][2]claim.Date
	for _, d := range days {
		t, err := time.Parse(time.DateOnly, d)
		if err != nil {
			continue
		}
		if n := len(runs); n > 0 {
			last, _ := time.Parse(time.DateOnly, runs[n-1][1])
			if t.Sub(last) <= 24*time.Hour {
				runs[n-1][1] = d
				continue
			}
		}
		runs = append(runs, [2]claim.Date{d, d})
	}
	return runs
}

// ClaimLabel is a short line naming what a claim says: action, actors and places.
func ClaimLabel(cl *claim.Claim) string {
	var b strings.Builder
	b.WriteString(string(cl.Action))
	var names []string
	for _, a := range cl.Actors {
		names = append(names, a.Name)
	}
	if len(names) > 0 {
		b.WriteString(": " + strings.Join(names, ", "))
	}
	var ps []string
	for _, p := range cl.Places {
		ps = append(ps, p.Name)
	}
	if len(ps) > 0 {
		b.WriteString(" (" + strings.Join(ps, ", ") + ")")
	}
	return b.String()
}

func (r *Report) sourceRows() []SourceView {
	out := []SourceView{}
	// The claims of each source, in case order: one pass over the claims,
	// not one per source (a case of thousands of sources has tens of
	// thousands of claims).
	bySource := map[int64][]*claim.Claim{}
	for i := range r.Case.Claims {
		if cl := &r.Case.Claims[i]; !cl.Rejected {
			bySource[cl.SourceID] = append(bySource[cl.SourceID], cl)
		}
	}
	for _, s := range r.Case.Sources {
		v := SourceView{ID: s.ID, Name: s.Name, Outlet: s.Outlet, Title: s.Title, URL: s.URL, Published: date(s.Published),
			Events: []string{}, Origins: []string{}}
		for _, cl := range bySource[s.ID] {
			v.Claims++
			if ev := r.eventOf[cl.ID]; ev != "" && !slices.Contains(v.Events, ev) {
				v.Events = append(v.Events, ev)
			}
			if o := cl.Originator().Who; o != "" && !slices.Contains(v.Origins, o) {
				v.Origins = append(v.Origins, o)
			}
		}
		slices.Sort(v.Events)
		out = append(out, v)
	}
	return out
}
