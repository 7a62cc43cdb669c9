package server

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"html"
	"html/template"
	"io/fs"
	"maps"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/errs"
	"github.com/triangulate/triangulate/pipeline"
	"github.com/triangulate/triangulate/report"
	"github.com/triangulate/triangulate/store"
	"github.com/triangulate/triangulate/web"
)

// pages holds one template set per page, each with the shared layout.
type pages struct {
	t map[string]*template.Template
}

func parsePages() (*pages, error) {
	funcs := template.FuncMap{
		"num":  claim.FormatNumber,
		"inc":  func(i int) int { return i + 1 },
		"join": strings.Join,
		// routeIn finds ORIGIN-DEST in a data check's subject, to link its chart.
		"routeIn": routeIn,
		// sourceTitle heads a source by its title or headline, not its file.
		"sourceTitle": sourceTitle,
		// signalWho names a data check by its kind and subject, the kind once.
		"signalWho": func(kind, subject string) string {
			return report.SignalWho(&claim.Signal{Kind: kind, Subject: subject})
		},
		// echoes is how many appearances only repeat an origin already
		// counted: every document carrying an independent origin beyond its
		// first, not every outlet.
		"echoes": func(ev report.EventView) int { return max(0, ev.Echo-ev.Independent) },
		// statusShown is the analyst's status when overridden, saying so.
		"statusShown": report.StatusShown,
		// The event page's bounds (eventpage.go): the first n of a list in a
		// cell, how many are left out, whether a choice fits one list.
		"head":          headStrings,
		"rest":          restStrings,
		"choices":       choicesOrID,
		"originsChoice": originsChoice,
	}
	maps.Copy(funcs, editFuncs()) // the claim correction form (edit.go)
	p := &pages{t: map[string]*template.Template{}}
	for _, name := range []string{"dashboard", "event", "source", "sources", "claims", "login", "conflict", "flights", "error", "claimform", "eventgone"} {
		t, err := template.New(name).Funcs(funcs).ParseFS(web.FS, "templates/layout.html", "templates/claimedit.html", "templates/judged.html", "templates/eventwork.html", "templates/"+name+".html")
		if err != nil {
			return nil, fmt.Errorf("server: parse %s template: %w", name, err)
		}
		p.t[name] = t
	}
	return p, nil
}

func staticHandler() http.Handler {
	sub, err := fs.Sub(web.FS, "static")
	if err != nil {
		panic(err) // the embed pattern guarantees the folder
	}
	return http.StripPrefix("/static/", http.FileServerFS(sub))
}

// view is what every page template gets.
type view struct {
	Title string
	User  string
	CSRF  string
	// EditCSRF is the CSRF token when the user may correct claims (analysts
	// and admins), else empty: viewers are not shown forms they cannot use.
	EditCSRF string
	// Events are the targets of the claim form's "move to event" choice.
	Events      []eventChoice
	Data        any
	Map         template.HTML // trusted: drawn by report from the case, no script
	Timeline    template.HTML
	Body        template.HTML // trusted: built by markSpans, which escapes the text
	Evidence    []claim.Claim
	Overlapping []claim.Claim
	Notes       []markNote // what the reader's highlights say
	Names       *names     // sources, claims and events by what people call them
	Verdict     *verdict   // the event page's opening paragraph
	Reasons     []reasonQuotes
	Judged      *judgedView   // the event page's judgements and history (judge.go)
	Merges      []store.Merge // the event page's merges, with undo (events.go)
	Checks      *flightChecks // the event page's flight checks (manual.go)
	Page        *eventPage    // the event page's lists as shown (eventpage.go)
	Parts       eventParts    // the event page's parts shared by every reader
	// Organisation is the case's organisation, the author its ClaimReview
	// names; empty until set ('triangulate settings --organisation').
	Organisation string
}

// render executes a page into a buffer first, so that a template error
// yields a clean 500 rather than half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, v view) {
	if u := userOf(r); u != nil {
		v.User, v.CSRF = u.Name, u.CSRF
		if mayEdit(r) == nil {
			v.EditCSRF = u.CSRF
		}
	}
	buf := renderBuffers.Get().(*bytes.Buffer)
	defer putBuffer(buf)
	if err := s.pages.t[name].ExecuteTemplate(buf, name+".html", v); err != nil {
		s.pageError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// renderBuffers are reused across page views: a page of a big event is a
// few hundred kilobytes, and allocating them anew at every view makes the
// collector walk the case's whole view in memory again and again.
var renderBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// putBuffer returns buf to the pool unless it grew past what pages need.
func putBuffer(buf *bytes.Buffer) {
	if buf.Cap() > 4<<20 {
		return
	}
	buf.Reset()
	renderBuffers.Put(buf)
}

// pageError answers a page's failure inside the layout, with the status
// its kind maps to and a message for a person: internal failures are
// logged and shown only by their status.
func (s *Server) pageError(w http.ResponseWriter, r *http.Request, err error) {
	status := errs.HTTPStatus(err)
	msg := userMessage(err)
	if status >= 500 {
		s.log.Error("page failed", "method", r.Method, "path", r.URL.Path, "err", err)
		msg = "Something went wrong on the server; it has been logged."
	}
	s.errorPage(w, r, status, msg)
}

// errorView is the error page's data.
type errorView struct {
	Status  int
	Message string
}

// errorPage renders the error template; should that fail (a build
// mistake), plain text still says what happened.
func (s *Server) errorPage(w http.ResponseWriter, r *http.Request, status int, msg string) {
	v := view{Title: http.StatusText(status), Data: errorView{Status: status, Message: msg}}
	if u := userOf(r); u != nil {
		v.User, v.CSRF = u.Name, u.CSRF
	}
	var buf bytes.Buffer
	if err := s.pages.t["error"].ExecuteTemplate(&buf, "error.html", v); err != nil {
		s.log.Error("error page failed", "err", err)
		http.Error(w, msg, status)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// internalPrefix matches the package names this module's errors begin their
// operations with ("store: ", "pipeline: "): where the failure happened
// inside the program, which tells an analyst nothing.
var internalPrefix = regexp.MustCompile(`\b(?:store|pipeline|server|export|report|fuse|assess|extract|knowledge|source|claim|anomaly|series|watch): `)

// userMessage is what err says to a person: the message of the innermost
// kinded error (the operations wrapped around it name places in the
// program), without internal prefixes, capitalised, ending in a full stop.
func userMessage(err error) string {
	inner := err
	for e := err; e != nil; e = errors.Unwrap(e) {
		if k, ok := e.(*errs.Error); ok {
			inner = k.Err
		}
	}
	msg := strings.TrimSpace(internalPrefix.ReplaceAllString(inner.Error(), ""))
	if msg == "" {
		return "Something went wrong."
	}
	msg = strings.ToUpper(msg[:1]) + msg[1:]
	if !strings.HasSuffix(msg, ".") {
		msg += "."
	}
	return msg
}

// reportTTL bounds how stale a page may be after another process (the CLI,
// a watcher) changed the store; the server's own edits invalidate at once.
const reportTTL = 2 * time.Second

// report returns the case's computed view. Loading the whole case costs
// time in proportion to the number of sources, far too much to repeat for
// every page view, so the view is cached: once it is older than reportTTL a
// background check asks the store for its revision and rebuilds only if it
// moved, while requests go on being served the cached view
// (stale-while-revalidate). Only a missing view (first request, or after
// the server's own edit) is built while the request waits.
func (s *Server) report(r *http.Request) (*report.Report, error) {
	s.repMu.Lock()
	rep, stale := s.rep, time.Since(s.repBuilt) >= reportTTL
	if rep != nil && stale && !s.repBuilding {
		s.repBuilding = true
		go func() {
			ctx, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), time.Minute)
			defer cancel()
			if err := s.revalidate(ctx); err != nil {
				s.log.Warn("rebuild report", "err", err)
			}
		}()
	}
	s.repMu.Unlock()
	if rep != nil {
		return rep, nil
	}
	return s.buildReport(r.Context())
}

// revalidate rebuilds the cached view if the store's revision moved since
// it was built, and otherwise marks it fresh again.
func (s *Server) revalidate(ctx context.Context) error {
	rev, err := s.cfg.Store.Revision(ctx)
	if err == nil {
		s.repMu.Lock()
		same := s.rep != nil && rev == s.repRev
		if same {
			s.repBuilt, s.repBuilding = time.Now(), false
		}
		s.repMu.Unlock()
		if same {
			return nil
		}
	}
	_, err = s.buildReport(ctx)
	return err
}

// buildReport loads the case and stores its view; builds are serialised.
func (s *Server) buildReport(ctx context.Context) (*report.Report, error) {
	s.buildMu.Lock()
	defer s.buildMu.Unlock()
	s.repMu.Lock()
	gen := s.repGen
	s.repMu.Unlock()
	// The revision is read before the case, so a write landing during the
	// load leaves the view marked older than it is and rebuilt next time.
	rev, err := s.cfg.Store.Revision(ctx)
	var c *claim.Case
	if err == nil {
		c, err = s.cs.Load(ctx)
	}
	if err == nil {
		rep := report.Build(c, report.Options{})
		s.repMu.Lock()
		// An edit invalidated the view while this build read the store: keep
		// the result for this caller but do not cache it.
		if gen == s.repGen {
			s.rep, s.repBuilt, s.repRev = rep, time.Now(), rev
		}
		s.repBuilding = false
		s.repMu.Unlock()
		return rep, nil
	}
	s.repMu.Lock()
	s.repBuilding = false
	s.repMu.Unlock()
	return nil, err
}

// invalidateReport makes the next page view rebuild the report.
func (s *Server) invalidateReport() {
	s.repMu.Lock()
	s.rep = nil
	s.repGen++
	s.repMu.Unlock()
}

// dashboard is the events table with what changed since the user last
// marked the case as seen.
type dashboard struct {
	*report.Report
	// Since is when the user last marked the case seen; zero for anonymous
	// readers, who get no marks.
	Since      time.Time
	NewSources []claim.Source    // fetched since, newest first (at most maxNewListed)
	NewCount   int               // all sources fetched since
	NewClaims  map[string]int    // event id → its claims from sources fetched since
	NewSignals map[string]int    // event id → data checks run since on its claims
	NewStatus  map[string]string // event id → how its status and likelihood moved since
	// Shown is the page of events in the table (a large case has thousands);
	// From and To are its 1-based positions, Prev and Next the neighbours' queries.
	Shown      []report.EventView
	From, To   int
	Prev, Next string
	// Dated is the timeline in words, for those who cannot hover over the
	// chart's marks (a touch screen, a screen reader): its first
	// maxTimelineListed items, DatedMore the rest.
	Dated     []timelineLine
	DatedMore int
}

const maxNewListed = 20

// maxTimelineListed bounds the dashboard's timeline in words; the Markdown
// export lists all of it.
const maxTimelineListed = 100

// timelineLine is one mark of the timeline chart, said in words.
type timelineLine struct {
	When, What string
	Event      string // the event's id, linked by title; "" for none
}

// timelineLines says the timeline's items as the chart's tooltips do, an
// event by its title instead of claim and signal ids.
func timelineLines(items []report.TimelineItem) ([]timelineLine, int) {
	shown, more := firstOf(items, maxTimelineListed)
	out := make([]timelineLine, 0, len(shown))
	for _, it := range shown {
		when := string(it.From)
		switch {
		case it.From == "":
			when = "by " + string(it.To)
		case it.To != "" && it.To != it.From:
			when += " – " + string(it.To)
		}
		out = append(out, timelineLine{When: when, What: it.Label, Event: it.EventID})
	}
	return out, more
}

func (s *Server) pageDashboard(w http.ResponseWriter, r *http.Request) {
	rep, err := s.report(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	p, err := page(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	d := dashboard{Report: rep}
	d.Dated, d.DatedMore = timelineLines(rep.Timeline)
	lo := min(p.Offset, len(rep.Events))
	hi := min(lo+p.Limit, len(rep.Events))
	d.Shown, d.From, d.To = rep.Events[lo:hi], lo+1, hi
	link := func(offset int) string {
		return url.Values{"offset": {strconv.Itoa(offset)}, "limit": {strconv.Itoa(p.Limit)}}.Encode()
	}
	if lo > 0 {
		d.Prev = link(max(0, lo-p.Limit))
	}
	if hi < len(rep.Events) {
		d.Next = link(hi)
	}
	if err := s.changedSince(r, &d); err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "dashboard", view{
		Title:        "Events",
		Data:         d,
		Names:        s.derivedFor(rep).names,
		Organisation: s.organisation(r.Context()),
		Map:          template.HTML(report.MapSVG(rep, 720)),
		Timeline:     template.HTML(report.TimelineSVG(rep)),
	})
}

// changedSince fills d's marks for the logged-in user. A first visit
// records the present as seen, so that only what arrives later is marked.
func (s *Server) changedSince(r *http.Request, d *dashboard) error {
	u := userOf(r)
	if u == nil || s.accounts == nil {
		return nil
	}
	ctx := r.Context()
	since, err := s.accounts.Seen(ctx, u.Name)
	if err != nil {
		return err
	}
	if since.IsZero() {
		return s.accounts.SetSeen(ctx, u.Name, s.now())
	}
	d.Since = since
	d.NewClaims, d.NewSignals = map[string]int{}, map[string]int{}
	fresh := map[int64]bool{}
	for _, src := range d.Case.Sources {
		if src.Fetched.After(since) {
			fresh[src.ID] = true
			d.NewCount++
			d.NewSources = append(d.NewSources, src)
		}
	}
	slices.SortStableFunc(d.NewSources, func(a, b claim.Source) int { return b.Fetched.Compare(a.Fetched) })
	d.NewSources = d.NewSources[:min(len(d.NewSources), maxNewListed)]
	for _, cl := range d.Case.Claims {
		if ev := d.EventOf(cl.ID); ev != "" && fresh[cl.SourceID] {
			d.NewClaims[ev]++
		}
	}
	for _, sg := range d.Case.Signals {
		if ev := d.EventOf(sg.ClaimID); ev != "" && sg.Created.After(since) {
			d.NewSignals[ev]++
		}
	}
	d.NewStatus = statusChanges(d.Case.History, since)
	return nil
}

// markSeen records that the user has looked at everything on the dashboard.
func (s *Server) markSeen(w http.ResponseWriter, r *http.Request) {
	u := userOf(r)
	if u == nil || s.accounts == nil {
		s.refuse(w, r, errUnauthenticated)
		return
	}
	if err := s.accounts.SetSeen(r.Context(), u.Name, s.now()); err != nil {
		s.pageError(w, r, err)
		return
	}
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

func (s *Server) pageEvent(w http.ResponseWriter, r *http.Request) {
	rep, err := s.report(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	d := s.derivedFor(rep)
	id := r.PathValue("id")
	i, ok := d.index[id]
	if !ok {
		if !s.pageMergedAway(w, r, d, id) {
			s.pageError(w, r, errs.E(errs.NotFound, "event", "no event "+strconv.Quote(id)+" in this case"))
		}
		return
	}
	ev := &rep.Events[i]
	p := newEventPage(r, ev, d.pos[ev.ID], d.reasonsOf(ev))
	if lines := d.names.copies[ev.ID]; len(lines) == len(ev.Copies) {
		p.Ev.Copies, _ = firstOf(lines, listPage) // the report's, with sources named
	}
	// A reader who may not edit gets no forms: the same page as every
	// other such reader, rendered once (the layout still names the user).
	// A failed check's message, only ever shown to the analyst who ran it,
	// is not kept.
	u := userOf(r)
	reader := u == nil || u.CSRF == "" || mayEdit(r) != nil // as render sets EditCSRF
	keep := reader && r.URL.Query().Get("check_error") == ""
	key := partsKey(p, "reader")
	if keep {
		if body, ok := d.cached(key); ok {
			s.render(w, r, http.StatusOK, "event", view{Title: ev.Title, Parts: eventParts{Body: body}})
			return
		}
	}
	v, err := s.eventView(r, d, ev, p, reader)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	if keep {
		var body bytes.Buffer
		if err := s.pages.t["event"].ExecuteTemplate(&body, "eventbody", v); err != nil {
			s.pageError(w, r, err)
			return
		}
		v.Parts.Body = template.HTML(body.String())
		d.keep(key, v.Parts.Body)
	}
	s.render(w, r, http.StatusOK, "event", v)
}

// eventView gathers the event page's data; reader leaves out what only
// analysts' forms show.
func (s *Server) eventView(r *http.Request, d *derived, ev *report.EventView, p *eventPage, reader bool) (view, error) {
	ctx := r.Context()
	evidence := d.claimsOf(ev.ID, p.Evidence)
	vd := d.verdict(ev)
	var merges []store.Merge
	if !reader {
		ms, err := s.cs.Merges(ctx)
		if err != nil {
			return view{}, err
		}
		keys := make([]string, len(ev.Independence))
		for i, o := range ev.Independence {
			keys[i] = o.Key
		}
		merges = eventMerges(ms, ev.ID, keys)
	}
	checks, err := s.eventChecks(ctx, d.flightClaims(ev.ID))
	if err != nil {
		return view{}, err
	}
	if checks != nil {
		checks.Error = r.URL.Query().Get("check_error")
	}
	parts, err := s.eventParts(d, p)
	if err != nil {
		return view{}, err
	}
	shown := make([]string, len(p.Ev.Independence))
	for i, o := range p.Ev.Independence {
		shown[i] = o.Key
	}
	return view{Title: ev.Title, Data: ev, Evidence: evidence,
		Events: d.choices, Names: d.names, Verdict: &vd, Page: p, Parts: parts,
		Judged: newJudgedView(d.rep.Case, ev, evidence, p.Evidence.From, shown),
		Merges: merges, Checks: checks, Organisation: s.organisation(ctx)}, nil
}

// organisation is the case's organisation, or "" when none is set or the
// settings cannot be read (the page then says how to set it).
func (s *Server) organisation(ctx context.Context) string {
	set, err := s.cs.Settings(ctx)
	if err != nil {
		return ""
	}
	return set.Organisation
}

// sourcesView is the sources list, a page at a time, with the form that
// adds sources.
type sourcesView struct {
	Sources    []*claim.Source
	Total      int
	From, To   int // 1-based positions shown
	Prev, Next string
	Error      string // why the last add failed
}

func (s *Server) pageSources(w http.ResponseWriter, r *http.Request) {
	s.renderSources(w, r, http.StatusOK, "")
}

func (s *Server) renderSources(w http.ResponseWriter, r *http.Request, status int, msg string) {
	p, err := page(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	ss, err := s.cfg.Store.Sources(r.Context(), p)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	total, err := s.cfg.Store.CountSources(r.Context())
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v := sourcesView{Sources: ss, Total: total, From: min(p.Offset+1, total), To: p.Offset + len(ss), Error: msg}
	link := func(offset int) string {
		return url.Values{"offset": {strconv.Itoa(offset)}, "limit": {strconv.Itoa(p.Limit)}}.Encode()
	}
	if p.Offset > 0 {
		v.Prev = link(max(0, p.Offset-p.Limit))
	}
	if p.Offset+len(ss) < total {
		v.Next = link(p.Offset + len(ss))
	}
	s.render(w, r, status, "sources", view{Title: "Sources", Data: v})
}

// formIngest is the sources page's form: upload a document or give a URL to
// fetch (under the same guard as the API), then open the stored source.
func (s *Server) formIngest(w http.ResponseWriter, r *http.Request) {
	if err := mayIngest(r); err != nil {
		s.refuse(w, r, err)
		return
	}
	var (
		srcs []*claim.Source
		err  error
	)
	if r.MultipartForm == nil {
		err = r.ParseMultipartForm(s.ingest.maxUpload + MaxBody)
	}
	if err == nil {
		if fhs := r.MultipartForm.File["file"]; len(fhs) > 0 && fhs[0].Size > 0 {
			srcs, err = s.ingestUpload(r)
		} else if u := strings.TrimSpace(r.PostFormValue("fetch")); u != "" {
			srcs, err = s.fetchSources(r, u)
		} else {
			err = errs.E(errs.BadInput, "add source", "choose a file to upload or give a URL to fetch")
		}
	}
	var added []pipeline.Added
	if err == nil {
		added, err = s.ingestSources(r.Context(), srcs)
	}
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			err = tooLargeError("upload", s.ingest.maxUpload)
		}
		status := errs.HTTPStatus(err)
		if status >= 500 {
			s.log.Error("add source failed", "err", err)
		}
		msg := userMessage(err)
		if status >= 500 {
			msg = "The source could not be added: something went wrong on the server; it has been logged."
		}
		s.renderSources(w, r, status, msg)
		return
	}
	if len(added) == 0 {
		s.renderSources(w, r, http.StatusBadRequest, "the document held no source")
		return
	}
	http.Redirect(w, r, "/sources/"+strconv.FormatInt(added[0].ID, 10), http.StatusSeeOther)
}

func (s *Server) pageSource(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	src, err := s.cfg.Store.Source(r.Context(), id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	cls, err := s.cfg.Store.Claims(r.Context(), store.ClaimFilter{SourceID: id})
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	body, notes, overlapping := markSpans(src.Text, cls)
	title := sourceTitle(src)
	s.render(w, r, http.StatusOK, "source", view{Title: title, Data: src, Body: body, Notes: notes, Overlapping: overlapping})
}

// claimsView is the claims table with its filters.
type claimsView struct {
	Claims     []claim.Claim
	Total      int // matching the filters, over all pages
	Action     string
	Event      string
	Source     string
	Modality   string
	Query      string
	Speaker    string
	Place      string
	From, To   string
	Figure     string
	Rejected   bool
	EventList  []eventChoice // the filter's choice of events, by title
	Actions    []claim.Action
	Modalities []claim.Modality
	Prev, Next string // query strings of the neighbouring pages; empty at an end
}

// pageClaims is the claims table, filtered by action, event, source,
// modality, words in the evidence, and whether to show rejected claims.
func (s *Server) pageClaims(w http.ResponseWriter, r *http.Request) {
	f, err := claimFilter(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	q := r.URL.Query()
	v := claimsView{
		Action: q.Get("action"), Event: q.Get("event"), Source: q.Get("source"),
		Modality: q.Get("modality"), Query: strings.TrimSpace(q.Get("q")), Rejected: q.Get("rejected") != "",
		Speaker: q.Get("speaker"), Place: q.Get("place"), From: q.Get("from"), To: q.Get("to"), Figure: q.Get("figure"),
		Actions: claim.Actions, Modalities: modalityChoices,
	}
	if v.Modality != "" && !claim.Modality(v.Modality).Valid() {
		s.pageError(w, r, errs.E(errs.BadInput, "claims", "unknown modality "+strconv.Quote(v.Modality)))
		return
	}
	// The store filters what it can; modality and words are matched here,
	// so the page is cut from the whole filtered list.
	pg := f.Page
	f.Page = store.Page{}
	f.IncludeRejected = v.Rejected
	cs, err := s.cfg.Store.Claims(r.Context(), f)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	search, err := parseClaimSearch(q)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	m := matcher{q: search}
	if !search.Empty() {
		if m.pack, err = s.cs.Pack(r.Context()); err != nil {
			s.pageError(w, r, err)
			return
		}
	}
	kept := cs[:0]
	for _, c := range cs {
		if v.Modality != "" && string(c.Modality) != v.Modality {
			continue
		}
		if !m.match(&c) {
			continue
		}
		kept = append(kept, c)
	}
	v.Total = len(kept)
	lo := min(pg.Offset, len(kept))
	hi := min(lo+pg.Limit, len(kept))
	v.Claims = kept[lo:hi]
	link := func(offset int) string {
		u := r.URL.Query()
		u.Set("offset", strconv.Itoa(offset))
		return u.Encode()
	}
	if lo > 0 {
		v.Prev = link(max(0, lo-pg.Limit))
	}
	if hi < len(kept) {
		v.Next = link(hi)
	}
	rep, err := s.report(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	d := s.derivedFor(rep)
	v.EventList = d.choices
	var events []eventChoice
	if mayEdit(r) == nil {
		events = v.EventList
	}
	s.render(w, r, http.StatusOK, "claims", view{Title: "Claims", Data: v, Events: events, Names: d.names})
}

var modalityChoices = []claim.Modality{claim.Asserted, claim.Hedged, claim.Unverified, claim.Denied, claim.NCND}

// markSpans escapes text and wraps each claim's evidence span in a <mark>
// titled with what the claim says. Spans that start inside an earlier mark
// cannot nest in valid HTML, so they are returned to be listed instead;
// spans that do not index the text (a stale claim) are skipped.
func markSpans(text string, cls []claim.Claim) (template.HTML, []markNote, []claim.Claim) {
	cls = slices.Clone(cls)
	slices.SortStableFunc(cls, func(a, b claim.Claim) int {
		return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(b.End, a.End))
	})
	var b strings.Builder
	var (
		notes       []markNote
		overlapping []claim.Claim
	)
	at := 0
	for _, cl := range cls {
		if cl.Start < 0 || cl.End > len(text) || cl.Start >= cl.End {
			continue
		}
		if cl.Start < at {
			overlapping = append(overlapping, cl)
			continue
		}
		n := len(notes) + 1
		id := html.EscapeString(cl.ID)
		b.WriteString(html.EscapeString(text[at:cl.Start]))
		fmt.Fprintf(&b, `<mark id="claim-%s" aria-describedby="note-%s">`, id, id)
		b.WriteString(html.EscapeString(text[cl.Start:cl.End]))
		// The number after the words links to what the highlight says, in
		// the list below the text: readable without hovering, by keyboard
		// and on a phone.
		fmt.Fprintf(&b, `</mark><a class="tag" href="#note-%s">%d</a>`, id, n)
		notes = append(notes, markNote{N: n, ClaimID: cl.ID, Label: markTitle(&cl)})
		at = cl.End
	}
	b.WriteString(html.EscapeString(text[at:]))
	return template.HTML(b.String()), notes, overlapping
}

// markNote is what one highlight in the reader says, listed under the text.
type markNote struct {
	N       int
	ClaimID string
	Label   string
}

// markTitle names the claim's action first, then what it says.
func markTitle(cl *claim.Claim) string {
	label := report.ClaimLabel(cl)
	if !strings.HasPrefix(label, string(cl.Action)) {
		label = string(cl.Action) + " — " + label
	}
	if len(cl.Rules) > 0 {
		label += " — rules: " + claim.FormatRules(cl.Rules) // why the extractor read it so
	}
	return label
}
