// Package server is the web workspace: a JSON API under /api/v1 and HTML
// pages over the same store. Pages are rendered on the server with
// html/template and need no JavaScript, so a strict Content-Security-Policy
// applies to every response.
package server

import (
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"sync"
	"time"

	"golang.org/x/crypto/bcrypt"

	"github.com/triangulate/triangulate/errs"
	"github.com/triangulate/triangulate/pipeline"
	"github.com/triangulate/triangulate/report"
	"github.com/triangulate/triangulate/source"
	"github.com/triangulate/triangulate/store"
)

// Config is what the workspace needs to run.
type Config struct {
	// Case is the case served: its store, packs and settings, and the use
	// cases every write runs. nil means pipeline.New(Store).
	Case  *pipeline.Case
	Store store.Store  // the case's store; set from Case when nil
	Log   *slog.Logger // nil discards
	// AllowAnonymous lets requests without a session or token read (GET and
	// HEAD only). Writes always need an account.
	AllowAnonymous bool
	// Now is the clock for sessions and rate limiting; nil means time.Now.
	Now func() time.Time
	// Fetcher fetches the URLs given to POST /api/v1/sources and the
	// sources page's form; nil means a fetcher with the SSRF guard, which
	// refuses loopback and private addresses unless AllowPrivate.
	Fetcher *source.Fetcher
	// AllowPrivate is the workspace's own setting for non-public addresses
	// (serve --ingest-private): on, the add-source form and API may fetch
	// loopback, private and link-local URLs. The feed watcher has its own.
	AllowPrivate bool
	// MaxUpload caps an uploaded document; 0 means DefaultMaxUpload.
	MaxUpload int64
}

// MaxBody caps request bodies; the workspace only receives small forms.
// Uploads to POST /api/v1/sources get MaxUpload more (ingest.go).
const MaxBody = 1 << 20

// csp allows nothing but the workspace's own files: no inline script or
// style, so injected markup in a source cannot run or restyle the page.
const csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; frame-ancestors 'none'"

// Server is the workspace's handler; build it with New.
type Server struct {
	cfg      Config
	log      *slog.Logger
	accounts store.Accounts // nil when the store keeps no accounts
	pages    *pages
	mux      *http.ServeMux
	limiter  *limiter
	now      func() time.Time
	// dummyHash makes a login for an unknown name cost as much as one for
	// a known name, so response times do not reveal which names exist.
	dummyHash []byte
	cs        *pipeline.Case
	ingest    *ingestState // ingest.go

	buildMu     sync.Mutex     // serialises report builds
	repMu       sync.Mutex     // guards the fields below
	rep         *report.Report // nil: build on the next page view
	repBuilt    time.Time
	repRev      int64 // the store's revision the view was built at
	repGen      int   // bumped by every invalidation
	repBuilding bool  // a background rebuild is running

	derMu sync.Mutex
	der   *derived // what event pages of the cached report reuse (eventpage.go)
}

// New returns the workspace's handler. It fails only when the embedded
// templates do not parse, which is a build mistake.
func New(cfg Config) (http.Handler, error) {
	if cfg.Store == nil && cfg.Case != nil {
		cfg.Store = cfg.Case.Store()
	}
	if cfg.Store == nil {
		return nil, errors.New("server: no store")
	}
	if cfg.Case == nil {
		cfg.Case = pipeline.New(cfg.Store, pipeline.Options{})
	}
	s := &Server{cfg: cfg, log: cfg.Log, now: cfg.Now, cs: cfg.Case}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if s.now == nil {
		s.now = time.Now
	}
	s.accounts, _ = store.AccountsOf(cfg.Store)
	if s.accounts != nil {
		h, err := bcrypt.GenerateFromPassword([]byte(NewToken()), bcrypt.DefaultCost)
		if err != nil {
			return nil, fmt.Errorf("server: %w", err)
		}
		s.dummyHash = h
	}
	s.limiter = newLimiter(5, 15*time.Minute)
	var err error
	if s.pages, err = parsePages(); err != nil {
		return nil, err
	}
	s.mux = http.NewServeMux()
	s.routes()
	return s, nil
}

func (s *Server) routes() {
	m := s.mux
	m.HandleFunc("GET /healthz", s.healthz)
	m.Handle("GET /static/", staticHandler())

	m.HandleFunc("GET /api/v1/sources", s.apiSources)
	m.HandleFunc("GET /api/v1/sources/{id}", s.apiSource)
	m.HandleFunc("GET /api/v1/claims", s.apiClaims)
	m.HandleFunc("GET /api/v1/events", s.apiEvents)
	m.HandleFunc("GET /api/v1/events/{id}", s.apiEvent)
	m.HandleFunc("GET /api/v1/assessments", s.apiAssessments)
	m.HandleFunc("GET /api/v1/signals", s.apiSignals)
	m.HandleFunc("GET /api/v1/exports/{format}", s.apiExport)
	m.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		s.apiError(w, r, errs.E(errs.NotFound, r.URL.Path, "no such API endpoint"))
	})

	m.HandleFunc("GET /{$}", s.pageDashboard)
	// Any other address is a page that does not exist, answered inside
	// the layout like every other error.
	m.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.pageError(w, r, errs.E(errs.NotFound, "page", "there is no page at "+r.URL.Path))
	})
	m.HandleFunc("GET /events/{id}", s.pageEvent)
	m.HandleFunc("GET /sources", s.pageSources)
	m.HandleFunc("GET /sources/{id}", s.pageSource)
	m.HandleFunc("GET /claims", s.pageClaims)
	m.HandleFunc("GET /login", s.pageLogin)
	m.HandleFunc("POST /login", s.login)
	m.HandleFunc("POST /logout", s.logout)
	m.HandleFunc("POST /seen", s.markSeen)
	s.editRoutes()
	s.judgeRoutes()
	s.eventRoutes()
	s.manualRoutes()
	s.ingestRoutes()
	s.flightRoutes()
	s.openAPIRoutes()
}

// ServeHTTP sets the security headers, caps the body, authenticates and
// routes.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", csp)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "same-origin")
	h.Set("X-Frame-Options", "DENY")
	if r.Body != nil {
		r.Body = http.MaxBytesReader(w, r.Body, s.bodyLimit(r))
	}
	r, ok := s.authenticate(w, r)
	if !ok {
		return
	}
	s.mux.ServeHTTP(w, r)
}

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	if _, err := s.cfg.Store.CountSources(r.Context()); err != nil {
		s.apiError(w, r, errs.E(errs.Unavailable, "healthz", err))
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

// apiError writes err as {"error": {"kind", "message"}} with the status its
// kind maps to. Internal errors are logged and not shown in full.
func (s *Server) apiError(w http.ResponseWriter, r *http.Request, err error) {
	status := errs.HTTPStatus(err)
	msg := err.Error()
	if status >= 500 {
		s.log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
		msg = http.StatusText(status)
	}
	writeJSON(w, status, map[string]any{"error": map[string]string{"kind": errs.KindOf(err).String(), "message": msg}})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	_ = enc.Encode(v) // the status is sent; a failed write means the client left
}

// page reads ?limit and ?offset: limit defaults to 100 and is capped at 1000.
func page(r *http.Request) (store.Page, error) {
	p := store.Page{Limit: 100}
	for _, f := range []struct {
		name string
		dst  *int
	}{{"limit", &p.Limit}, {"offset", &p.Offset}} {
		v := r.URL.Query().Get(f.name)
		if v == "" {
			continue
		}
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return p, errs.E(errs.BadInput, "page", fmt.Sprintf("%s must be a non-negative integer, got %q", f.name, v))
		}
		*f.dst = n
	}
	if p.Limit == 0 {
		p.Limit = 100
	}
	p.Limit = min(p.Limit, 1000)
	return p, nil
}

// limiter counts failed logins per key in a fixed window, so that guessing
// passwords is slow without locking out the real user for long.
type limiter struct {
	mu     sync.Mutex
	max    int
	window time.Duration
	fails  map[string]*window
}

type window struct {
	start time.Time
	n     int
}

func newLimiter(maxFails int, d time.Duration) *limiter {
	return &limiter{max: maxFails, window: d, fails: map[string]*window{}}
}

// allowed reports whether key may try again at now.
func (l *limiter) allowed(key string, now time.Time) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	w := l.fails[key]
	if w == nil || now.Sub(w.start) > l.window {
		return true
	}
	return w.n < l.max
}

func (l *limiter) fail(key string, now time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	w := l.fails[key]
	if w == nil || now.Sub(w.start) > l.window {
		w = &window{start: now}
		l.fails[key] = w
	}
	w.n++
	if len(l.fails) > 10000 { // bound memory under a spray of names
		for k, v := range l.fails {
			if now.Sub(v.start) > l.window {
				delete(l.fails, k)
			}
		}
	}
}

func (l *limiter) reset(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.fails, key)
}
