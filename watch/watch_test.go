package watch_test

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"html"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/triangulate/triangulate/errs"
	"github.com/triangulate/triangulate/examples"
	"github.com/triangulate/triangulate/internal/shared"
	"github.com/triangulate/triangulate/knowledge"
	"github.com/triangulate/triangulate/pipeline"
	"github.com/triangulate/triangulate/source"
	"github.com/triangulate/triangulate/store"
	"github.com/triangulate/triangulate/watch"
)

// item is one entry of a test feed.
type item struct {
	title, link string
	published   time.Time
	text        string // plain text; each line becomes a paragraph
}

// seedItem turns an embedded seed article into a feed item dated by its sidecar.
func seedItem(t *testing.T, name string) item {
	t.Helper()
	text, err := fs.ReadFile(examples.Seed, "seed/"+name)
	if err != nil {
		t.Fatal(err)
	}
	side, err := fs.ReadFile(examples.Seed, "seed/"+name+".meta.json")
	if err != nil {
		t.Fatal(err)
	}
	var meta struct{ Title, Published string }
	if err := json.Unmarshal(side, &meta); err != nil {
		t.Fatal(err)
	}
	pub, err := time.Parse(time.DateOnly, meta.Published)
	if err != nil {
		t.Fatal(err)
	}
	title := meta.Title
	if title == "" {
		title, _, _ = strings.Cut(string(text), "\n")
	}
	return item{title: title, link: "https://news.example/" + strings.TrimSuffix(name, ".txt"), published: pub, text: string(text)}
}

// centcomItem is a real CENTCOM news article from the shared re3d data
// (its record has no date, so neither has the item).
func centcomItem(t *testing.T) item {
	t.Helper()
	f, err := os.Open(shared.Path(t, "data", "re3d", "centcom", "documents.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var d struct {
			SourceURL string `json:"sourceUrl"`
			Title     string `json:"title"`
			Text      string `json:"text"`
		}
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			t.Fatal(err)
		}
		if d.Title == centcomTitle {
			return item{title: d.Title, link: d.SourceURL, text: d.Text}
		}
	}
	t.Fatalf("no CENTCOM document %q: %v", centcomTitle, sc.Err())
	return item{}
}

const centcomTitle = "Iraqis Hold Line Against ISIL, DoD Spokesman Says"

func rss(items []item) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Iran Protests Wire</title><link>https://news.example/</link><description>Reports on the January 2026 protests</description><language>en</language>
`)
	for _, it := range items {
		var body strings.Builder
		for l := range strings.SplitSeq(it.text, "\n") {
			if strings.TrimSpace(l) != "" {
				body.WriteString("<p>" + html.EscapeString(l) + "</p>")
			}
		}
		pub := ""
		if !it.published.IsZero() {
			pub = "<pubDate>" + it.published.Format(time.RFC1123Z) + "</pubDate>"
		}
		fmt.Fprintf(&b, "<item><title>%s</title><link>%s</link><guid>%s</guid>%s<content:encoded><![CDATA[%s]]></content:encoded></item>\n",
			html.EscapeString(it.title), html.EscapeString(it.link), html.EscapeString(it.link), pub, body.String())
	}
	b.WriteString("</channel></rss>\n")
	return b.String()
}

// feedServer serves one feed with an ETag and a Last-Modified, answering
// conditional requests with 304, and records what it was asked.
type feedServer struct {
	*httptest.Server
	mu       sync.Mutex
	body     string
	modified time.Time
	fail     int // answer this status instead, when non-zero
	hang     bool
	requests []http.Header
	full     int // 200 responses
}

func newFeedServer(t *testing.T, body string) *feedServer {
	fs := &feedServer{body: body, modified: time.Date(2026, 1, 16, 9, 0, 0, 0, time.UTC)}
	fs.Server = httptest.NewServer(http.HandlerFunc(fs.serve))
	t.Cleanup(fs.Close)
	return fs
}

func (fs *feedServer) etag() string {
	sum := sha256.Sum256([]byte(fs.body))
	return `"` + hex.EncodeToString(sum[:8]) + `"`
}

func (fs *feedServer) serve(w http.ResponseWriter, r *http.Request) {
	fs.mu.Lock()
	fs.requests = append(fs.requests, r.Header.Clone())
	fail, hang, body, etag, mod := fs.fail, fs.hang, fs.body, fs.etag(), fs.modified.Format(http.TimeFormat)
	if !hang && fail == 0 && r.Header.Get("If-None-Match") != etag {
		fs.full++
	}
	fs.mu.Unlock()
	switch {
	case hang:
		<-r.Context().Done() // until the client gives up
		return
	case fail != 0:
		http.Error(w, http.StatusText(fail), fail)
		return
	}
	w.Header().Set("ETag", etag)
	w.Header().Set("Last-Modified", mod)
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
	fmt.Fprint(w, body)
}

func (fs *feedServer) set(f func(fs *feedServer)) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	f(fs)
}

func (fs *feedServer) lastRequest(t *testing.T) http.Header {
	t.Helper()
	fs.mu.Lock()
	defer fs.mu.Unlock()
	if len(fs.requests) == 0 {
		t.Fatal("the feed server saw no request")
	}
	return fs.requests[len(fs.requests)-1]
}

func (fs *feedServer) counts() (requests, full int) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	return len(fs.requests), fs.full
}

// clock is a settable clock: back-off is tested without sleeping.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

const interval = 15 * time.Minute

type env struct {
	st  store.Store
	acc store.Accounts
	p   *watch.Poller
	clk *clock
}

func newEnv(t *testing.T, fc source.FetchConfig) *env {
	t.Helper()
	ctx := t.Context()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "case.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	acc, ok := store.AccountsOf(st)
	if !ok {
		t.Fatal("store keeps no watches")
	}
	pack, err := knowledge.Load()
	if err != nil {
		t.Fatal(err)
	}
	clk := &clock{t: time.Date(2026, 1, 16, 12, 0, 0, 0, time.UTC)}
	p, err := watch.NewPoller(watch.Config{
		Store:    st,
		Case:     pipeline.New(st, pipeline.Options{Pack: pack}),
		Accounts: acc,
		Ingester: &source.Ingester{Fetcher: source.NewFetcher(fc)},
		Interval: interval,
		Now:      clk.Now,
	})
	if err != nil {
		t.Fatal(err)
	}
	return &env{st: st, acc: acc, p: p, clk: clk}
}

func (e *env) watch(t *testing.T, url string) store.Watch {
	t.Helper()
	ws, err := e.acc.Watches(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range ws {
		if w.URL == url {
			return w
		}
	}
	t.Fatalf("%s is not watched: %+v", url, ws)
	return store.Watch{}
}

func (e *env) pollOne(t *testing.T) watch.Result {
	t.Helper()
	rs, err := e.p.PollOnce(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 1 {
		t.Fatalf("PollOnce polled %d watches, want 1: %v", len(rs), rs)
	}
	return rs[0]
}

// claimIDs maps each stored source to the ids of its claims.
func claimIDs(t *testing.T, st store.Store) map[int64][]string {
	t.Helper()
	cs, err := st.Claims(t.Context(), store.ClaimFilter{IncludeRejected: true})
	if err != nil {
		t.Fatal(err)
	}
	out := map[int64][]string{}
	for _, c := range cs {
		out[c.SourceID] = append(out[c.SourceID], c.ID)
	}
	for _, ids := range out {
		slices.Sort(ids)
	}
	return out
}

func TestWatchFeedKeepsCaseCurrent(t *testing.T) {
	ctx := t.Context()
	a, b := seedItem(t, "000_fb75171b0db195ae.txt"), seedItem(t, "003_e72e86618cf972b7.txt")
	srv := newFeedServer(t, rss([]item{a, b}))
	e := newEnv(t, source.FetchConfig{AllowPrivate: true})
	url := srv.URL + "/feed.rss"
	if added, err := e.p.Add(ctx, url); err != nil || !added {
		t.Fatalf("Add = %t, %v", added, err)
	}
	if added, err := e.p.Add(ctx, url); err != nil || added {
		t.Fatalf("Add again = %t, %v; want false, nil", added, err)
	}

	// First poll: both items become sources, with claims, fused into events.
	start := e.clk.Now()
	r := e.pollOne(t)
	if r.Status != watch.New || r.Added != 2 || r.Existed != 0 || r.Err != nil {
		t.Fatalf("first poll: %v", r)
	}
	if h := srv.lastRequest(t); h.Get("If-None-Match") != "" || h.Get("If-Modified-Since") != "" {
		t.Errorf("first poll was conditional: %v", h)
	}
	ss, err := e.st.Sources(ctx, store.Page{})
	if err != nil {
		t.Fatal(err)
	}
	if len(ss) != 2 {
		t.Fatalf("%d sources stored, want 2", len(ss))
	}
	for _, s := range ss {
		if s.Outlet != "Iran Protests Wire" || s.Published.IsZero() || !strings.HasPrefix(s.URL, "https://news.example/") {
			t.Errorf("source %s lacks the feed's metadata: %+v", s.Name, s)
		}
	}
	ids := claimIDs(t, e.st)
	if len(ids) != 2 || r.Claims != len(ids[ss[0].ID])+len(ids[ss[1].ID]) {
		t.Fatalf("claims per source %v, poll reported %d", ids, r.Claims)
	}
	for _, s := range ss {
		if len(ids[s.ID]) == 0 {
			t.Errorf("no claims extracted from %s", s.Name)
		}
	}
	evs, err := e.st.Events(ctx)
	if err != nil || len(evs) == 0 {
		t.Fatalf("no events fused: %v", err)
	}
	as, err := e.st.Assessments(ctx)
	if err != nil || len(as) != len(evs) {
		t.Fatalf("%d assessments for %d events: %v", len(as), len(evs), err)
	}
	w := e.watch(t, url)
	if w.ETag != srv.etag() || w.LastModified != "Fri, 16 Jan 2026 09:00:00 GMT" || w.Failures != 0 ||
		!w.LastPolled.Equal(start) || !w.NextPoll.Equal(start.Add(interval)) {
		t.Fatalf("watch after first poll: %+v", w)
	}

	// Not due yet: nothing is fetched.
	if rs, err := e.p.PollOnce(ctx); err != nil || len(rs) != 0 {
		t.Fatalf("poll before due: %v, %v", rs, err)
	}
	if n, _ := srv.counts(); n != 1 {
		t.Fatalf("server saw %d requests, want 1", n)
	}

	// Due again, unchanged: a conditional request answered 304.
	e.clk.Advance(interval)
	r = e.pollOne(t)
	if r.Status != watch.NotModified || r.Added != 0 {
		t.Fatalf("second poll: %v", r)
	}
	h := srv.lastRequest(t)
	if h.Get("If-None-Match") != w.ETag || h.Get("If-Modified-Since") != w.LastModified {
		t.Errorf("second poll sent If-None-Match %q, If-Modified-Since %q; want %q, %q",
			h.Get("If-None-Match"), h.Get("If-Modified-Since"), w.ETag, w.LastModified)
	}
	if n, err := e.st.CountSources(ctx); err != nil || n != 2 {
		t.Fatalf("after 304: %d sources, %v", n, err)
	}
	w2 := e.watch(t, url)
	if !w2.LastPolled.Equal(e.clk.Now()) || !w2.NextPoll.Equal(e.clk.Now().Add(interval)) || w2.ETag != w.ETag {
		t.Fatalf("watch after 304: %+v", w2)
	}

	// The feed gains one item: only it is stored; the others are recognised
	// by their content and keep their claims untouched.
	c := centcomItem(t)
	srv.set(func(fs *feedServer) {
		fs.body = rss([]item{c, a, b})
		fs.modified = fs.modified.Add(3 * time.Hour)
	})
	e.clk.Advance(interval)
	r = e.pollOne(t)
	if r.Status != watch.New || r.Added != 1 || r.Existed != 2 {
		t.Fatalf("poll of the changed feed: %v", r)
	}
	ss, _ = e.st.Sources(ctx, store.Page{})
	if len(ss) != 3 {
		t.Fatalf("%d sources after the new item, want 3", len(ss))
	}
	after := claimIDs(t, e.st)
	for id, before := range ids {
		if !slices.Equal(before, after[id]) {
			t.Errorf("claims of source %d changed: %v → %v", id, before, after[id])
		}
	}
	newest := ss[len(ss)-1]
	if newest.URL != c.link || r.Claims == 0 || len(after[newest.ID]) != r.Claims {
		t.Errorf("new source %+v has %d claims, poll reported %d", newest.URL, len(after[newest.ID]), r.Claims)
	}
	// Fusion ran again: the new source's claims are members of events.
	evs, err = e.st.Events(ctx)
	if err != nil {
		t.Fatal(err)
	}
	fused := 0
	for _, ev := range evs {
		for _, m := range ev.Members {
			if slices.Contains(after[newest.ID], m.ClaimID) {
				fused++
			}
		}
	}
	if fused == 0 {
		t.Errorf("none of the new source's claims %v is in an event", after[newest.ID])
	}
	if w3 := e.watch(t, url); w3.ETag != srv.etag() || w3.ETag == w.ETag || w3.LastModified != "Fri, 16 Jan 2026 12:00:00 GMT" {
		t.Errorf("validators not updated: %+v", w3)
	}
	if _, full := srv.counts(); full != 2 {
		t.Errorf("server sent the feed %d times, want 2", full)
	}

	// Republished unchanged under a new ETag: fetched, nothing new.
	srv.set(func(fs *feedServer) { fs.body = rss([]item{a, b, c}) })
	e.clk.Advance(interval)
	if r = e.pollOne(t); r.Status != watch.Unchanged || r.Existed != 3 || r.Added != 0 {
		t.Fatalf("poll of the reordered feed: %v", r)
	}
}

func TestWatchBacksOffOnFailure(t *testing.T) {
	ctx := t.Context()
	a := seedItem(t, "000_fb75171b0db195ae.txt")
	bad := newFeedServer(t, rss([]item{a}))
	good := newFeedServer(t, rss([]item{a}))
	e := newEnv(t, source.FetchConfig{AllowPrivate: true})
	badURL, goodURL := bad.URL+"/feed", good.URL+"/feed"
	for _, u := range []string{badURL, goodURL} {
		if _, err := e.p.Add(ctx, u); err != nil {
			t.Fatal(err)
		}
	}
	bad.set(func(fs *feedServer) { fs.fail = http.StatusServiceUnavailable })

	// One failing watch does not stop the other.
	rs, err := e.p.PollOnce(ctx)
	if err != nil || len(rs) != 2 {
		t.Fatalf("PollOnce = %v, %v", rs, err)
	}
	byURL := map[string]watch.Result{rs[0].URL: rs[0], rs[1].URL: rs[1]}
	if r := byURL[goodURL]; r.Status != watch.New || r.Added != 1 {
		t.Fatalf("good watch: %v", r)
	}
	r := byURL[badURL]
	if r.Status != watch.Failed || errs.KindOf(r.Err) != errs.Unavailable || r.Failures != 1 {
		t.Fatalf("bad watch: %v (kind %v)", r, errs.KindOf(r.Err))
	}

	// The n-th failure in a row waits interval·2ⁿ, capped at a day.
	for n := 1; n <= 9; n++ {
		want := min(interval<<n, 24*time.Hour)
		w := e.watch(t, badURL)
		if w.Failures != n || !w.NextPoll.Equal(e.clk.Now().Add(want)) || !w.LastPolled.Equal(e.clk.Now()) {
			t.Fatalf("after failure %d: %+v, want next poll in %s", n, w, want)
		}
		// Not due a moment before: no request.
		e.clk.Advance(want - time.Second)
		before, _ := bad.counts()
		rs, err := e.p.PollOnce(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rs {
			if r.URL == badURL {
				t.Fatalf("failure %d: polled %s before its back-off ended", n, want)
			}
		}
		if after, _ := bad.counts(); after != before {
			t.Fatalf("failure %d: request before the back-off ended", n)
		}
		e.clk.Advance(time.Second)
		rs, err = e.p.PollOnce(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if i := slices.IndexFunc(rs, func(r watch.Result) bool { return r.URL == badURL }); i < 0 || rs[i].Status != watch.Failed {
			t.Fatalf("failure %d: due poll gave %v", n, rs)
		}
	}

	// Recovery resets the count and the interval.
	bad.set(func(fs *feedServer) { fs.fail = 0 })
	e.clk.Advance(24 * time.Hour)
	rs, err = e.p.PollOnce(ctx)
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(rs, func(r watch.Result) bool { return r.URL == badURL })
	// The same content as the good feed's item: stored already.
	if i < 0 || rs[i].Status != watch.Unchanged || rs[i].Existed != 1 {
		t.Fatalf("recovered poll: %v", rs)
	}
	if w := e.watch(t, badURL); w.Failures != 0 || !w.NextPoll.Equal(e.clk.Now().Add(interval)) || w.ETag != bad.etag() {
		t.Fatalf("after recovery: %+v", w)
	}
}

func TestWatchFailures(t *testing.T) {
	a := seedItem(t, "000_fb75171b0db195ae.txt")
	tests := []struct {
		name string
		set  func(fs *feedServer)
		fc   source.FetchConfig
		kind errs.Kind
	}{
		{"server error", func(fs *feedServer) { fs.fail = http.StatusInternalServerError }, source.FetchConfig{AllowPrivate: true}, errs.Unavailable},
		{"gone", func(fs *feedServer) { fs.fail = http.StatusNotFound }, source.FetchConfig{AllowPrivate: true}, errs.NotFound},
		{"bad content", func(fs *feedServer) { fs.body = "<rss><channel><item>" }, source.FetchConfig{AllowPrivate: true}, errs.BadInput},
		{"timeout", func(fs *feedServer) { fs.hang = true }, source.FetchConfig{AllowPrivate: true, Timeout: 200 * time.Millisecond}, errs.Unavailable},
		{"private address", nil, source.FetchConfig{}, errs.Refused},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newFeedServer(t, rss([]item{a}))
			if tt.set != nil {
				srv.set(tt.set)
			}
			e := newEnv(t, tt.fc)
			url := srv.URL + "/feed"
			if _, err := e.p.Add(t.Context(), url); err != nil {
				t.Fatal(err)
			}
			r := e.pollOne(t)
			if r.Status != watch.Failed || errs.KindOf(r.Err) != tt.kind || r.Failures != 1 {
				t.Fatalf("%v: kind %v, want failure of kind %v", r, errs.KindOf(r.Err), tt.kind)
			}
			w := e.watch(t, url)
			if w.Failures != 1 || !w.NextPoll.Equal(e.clk.Now().Add(2*interval)) || w.ETag != "" {
				t.Fatalf("watch after %s: %+v", tt.name, w)
			}
			if n, err := e.st.CountSources(t.Context()); err != nil || n != 0 {
				t.Fatalf("%d sources stored after a failure (%v)", n, err)
			}
			if requests, _ := srv.counts(); tt.kind == errs.Refused && requests != 0 {
				t.Fatalf("refused address was contacted %d times", requests)
			}
		})
	}
}

func TestParseURL(t *testing.T) {
	tests := []struct {
		in, want string // want "" means refused
	}{
		{"https://news.example/feed.xml", "https://news.example/feed.xml"},
		{"  http://News.Example:8080/rss?cat=iran#top ", "http://news.example:8080/rss?cat=iran"},
		{"HTTPS://news.example/", "https://news.example/"},
		{"ftp://news.example/feed", ""},
		{"file:///etc/passwd", ""},
		{"javascript:alert(1)", ""},
		{"news.example/feed", ""},
		{"https:///feed", ""},
		{"http://[::1", ""},
	}
	for _, tt := range tests {
		got, err := watch.ParseURL(tt.in)
		switch {
		case tt.want == "" && (err == nil || errs.KindOf(err) != errs.BadInput):
			t.Errorf("ParseURL(%q) = %q, %v; want a BadInput error", tt.in, got, err)
		case tt.want != "" && (err != nil || got != tt.want):
			t.Errorf("ParseURL(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
}

func TestWatchAddRemove(t *testing.T) {
	ctx := t.Context()
	e := newEnv(t, source.FetchConfig{})
	if _, err := watch.Add(ctx, e.acc, "gopher://news.example/"); errs.KindOf(err) != errs.BadInput {
		t.Fatalf("Add of a gopher URL: %v", err)
	}
	if added, err := watch.Add(ctx, e.acc, "https://News.Example/feed#latest"); err != nil || !added {
		t.Fatalf("Add = %t, %v", added, err)
	}
	// The same resource written differently is the same watch.
	if added, err := watch.Add(ctx, e.acc, "https://news.example/feed"); err != nil || added {
		t.Fatalf("Add of the canonical form = %t, %v", added, err)
	}
	w := e.watch(t, "https://news.example/feed")
	if !w.NextPoll.IsZero() || !w.LastPolled.IsZero() {
		t.Fatalf("a new watch is not due at once: %+v", w)
	}
	if err := watch.Remove(ctx, e.acc, "https://NEWS.example/feed"); err != nil {
		t.Fatalf("Remove: %v", err)
	}
	if ws, _ := e.acc.Watches(ctx); len(ws) != 0 {
		t.Fatalf("after Remove: %+v", ws)
	}
	if err := watch.Remove(ctx, e.acc, "https://news.example/feed"); errs.KindOf(err) != errs.NotFound {
		t.Fatalf("Remove of an absent watch: %v", err)
	}
}

func TestWatchRunStopsWithContext(t *testing.T) {
	a := seedItem(t, "000_fb75171b0db195ae.txt")
	srv := newFeedServer(t, rss([]item{a}))
	e := newEnv(t, source.FetchConfig{AllowPrivate: true})
	if _, err := e.p.Add(t.Context(), srv.URL+"/feed"); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- e.p.Run(ctx, time.Hour) }()
	// Run polls at once; wait for the poll to be recorded (readiness, not
	// a timing assertion).
	for range 400 {
		if w := e.watch(t, srv.URL+"/feed"); !w.LastPolled.IsZero() {
			break
		}
		time.Sleep(25 * time.Millisecond)
	}
	w := e.watch(t, srv.URL+"/feed")
	if w.LastPolled.IsZero() || w.Failures != 0 {
		t.Fatalf("Run did not poll: %+v", w)
	}
	if n, _ := e.st.CountSources(t.Context()); n != 1 {
		t.Fatalf("%d sources after Run's first poll, want 1", n)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("Run = %v after cancel, want nil", err)
	}
}
