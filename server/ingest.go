package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/errs"
	"github.com/triangulate/triangulate/pipeline"
	"github.com/triangulate/triangulate/source"
	"github.com/triangulate/triangulate/store"
)

// DefaultMaxUpload caps an uploaded document when Config.MaxUpload is 0:
// the same cap as the ingester's, so whatever 'triangulate ingest' takes
// from a file the API takes too.
const DefaultMaxUpload = source.DefaultMaxBytes

// PrivateHint is how the workspace's refusal of a non-public address says
// it can be allowed: by whoever runs the server, not by the user.
const PrivateHint = "this workspace fetches private addresses only when served with --ingest-private"

// uploadPath is the one route whose body may exceed MaxBody.
const uploadPath = "/api/v1/sources"

// ingestState is what ingesting needs beyond the case: the guarded
// fetcher and the upload cap.
type ingestState struct {
	fetcher   *source.Fetcher
	maxUpload int64
}

func newIngestState(cfg Config) *ingestState {
	st := &ingestState{fetcher: cfg.Fetcher, maxUpload: cfg.MaxUpload}
	if st.fetcher == nil {
		// The default guard refuses loopback and private addresses: a
		// workspace user must not make the server fetch its own network.
		// The refusal names the switch that applies here, not the CLI's.
		st.fetcher = source.NewFetcher(source.FetchConfig{MaxBytes: DefaultMaxUpload,
			AllowPrivate: cfg.AllowPrivate, PrivateHint: PrivateHint})
	}
	if st.maxUpload <= 0 {
		st.maxUpload = DefaultMaxUpload
	}
	return st
}

// ingestRoutes registers adding sources through the API.
func (s *Server) ingestRoutes() {
	s.ingest = newIngestState(s.cfg)
	// The pattern is spelled out (not built from uploadPath) so that
	// openapi_test.go finds it when it reads the routes from the source.
	s.mux.HandleFunc("POST /api/v1/sources", s.apiIngest)
	s.mux.HandleFunc("POST /sources", s.formIngest) // the sources page's form
}

// bodyLimit is the request body cap for r: uploads get room for a whole
// document plus the form around it, everything else MaxBody.
func (s *Server) bodyLimit(r *http.Request) int64 {
	if r.Method == http.MethodPost && (r.URL.Path == uploadPath || r.URL.Path == "/sources") && s.ingest != nil {
		return s.ingest.maxUpload + MaxBody
	}
	return MaxBody
}

// ingested is one stored source in the answer to POST /api/v1/sources.
type ingested struct {
	ID      int64  `json:"id"`
	Name    string `json:"name"`
	Title   string `json:"title,omitempty"`
	Outlet  string `json:"outlet,omitempty"`
	URL     string `json:"url,omitempty"`
	Existed bool   `json:"existed"` // the same content was already stored; nothing changed
	Claims  int    `json:"claims"`  // claims stored for the source
}

// ingestURL is the JSON form of POST /api/v1/sources: a URL to fetch and
// the metadata to fill what the page does not say.
type ingestURL struct {
	URL       string `json:"url"`
	Outlet    string `json:"outlet,omitempty"`
	Title     string `json:"title,omitempty"`
	Published string `json:"published,omitempty"`
	Language  string `json:"language,omitempty"`
}

// mayIngest refuses users who may only read.
func mayIngest(r *http.Request) error { return mayWrite(r, "ingest", "adding sources") }

// apiIngest adds sources: an uploaded file (multipart/form-data, part
// "file") or a URL fetched under the SSRF guard (JSON {"url": ...}). New
// sources have their claims extracted and the case is fused again. It
// answers 201 when anything new was stored and 200 when all of it was
// already there.
func (s *Server) apiIngest(w http.ResponseWriter, r *http.Request) {
	if err := mayIngest(r); err != nil {
		s.refuse(w, r, err)
		return
	}
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	var (
		srcs []*claim.Source
		err  error
	)
	switch mt {
	case "multipart/form-data":
		srcs, err = s.ingestUpload(r)
	case "application/json":
		srcs, err = s.ingestFetch(w, r)
	default:
		err = errs.E(errs.BadInput, "ingest", fmt.Sprintf("Content-Type %q: send multipart/form-data with a file part, or application/json with a url", mt))
	}
	if err != nil {
		s.ingestError(w, r, err)
		return
	}
	added, err := s.ingestSources(r.Context(), srcs)
	if err != nil {
		s.ingestError(w, r, err)
		return
	}
	out := List[ingested]{Items: []ingested{}}
	status, location := http.StatusOK, ""
	for _, a := range added {
		src, n := a.Source, a.Claims
		if a.Existed {
			// Nothing was stored or extracted this time: describe the
			// stored copy, which may have come under another name.
			if src, err = s.cfg.Store.Source(r.Context(), a.ID); err != nil {
				s.apiError(w, r, err)
				return
			}
			cs, err := s.cfg.Store.Claims(r.Context(), store.ClaimFilter{SourceID: a.ID, IncludeRejected: true})
			if err != nil {
				s.apiError(w, r, err)
				return
			}
			n = len(cs)
		} else if status != http.StatusCreated {
			status = http.StatusCreated
			location = uploadPath + "/" + strconv.FormatInt(a.ID, 10)
		}
		out.Items = append(out.Items, ingested{ID: a.ID, Name: src.Name, Title: src.Title,
			Outlet: src.Outlet, URL: src.URL, Existed: a.Existed, Claims: n})
	}
	if location != "" {
		w.Header().Set("Location", location)
	}
	writeJSON(w, status, out)
}

// ingestSources stores, extracts and fuses srcs as every door does, with
// the case's packs and settings.
func (s *Server) ingestSources(ctx context.Context, srcs []*claim.Source) ([]pipeline.Added, error) {
	added, err := s.cs.Ingest(ctx, srcs)
	if pipeline.Fresh(added) {
		s.invalidateReport()
	}
	return added, err
}

// ingestUpload reads the uploaded document and its metadata fields.
func (s *Server) ingestUpload(r *http.Request) ([]*claim.Source, error) {
	const op = "upload"
	// Parts beyond the in-memory budget would spill to temporary files; the
	// body cap keeps the whole form within it.
	if err := r.ParseMultipartForm(s.ingest.maxUpload + MaxBody); err != nil {
		return nil, errs.E(errs.BadInput, op, err)
	}
	defer r.MultipartForm.RemoveAll()
	fhs := r.MultipartForm.File["file"]
	if len(fhs) != 1 {
		return nil, errs.E(errs.BadInput, op, fmt.Sprintf(`send exactly one "file" part (got %d)`, len(fhs)))
	}
	fh := fhs[0]
	if fh.Size > s.ingest.maxUpload {
		return nil, tooLargeError(op, s.ingest.maxUpload)
	}
	meta, err := formMeta(r)
	if err != nil {
		return nil, err
	}
	f, err := fh.Open()
	if err != nil {
		return nil, errs.E(errs.BadInput, op, err)
	}
	defer f.Close()
	raw := make([]byte, fh.Size)
	if _, err := io.ReadFull(f, raw); err != nil {
		return nil, errs.E(errs.BadInput, op, err)
	}
	name := strings.TrimSpace(fh.Filename)
	if name == "" {
		name = "upload"
	}
	// Browsers label files they do not know as octet-stream: then the name
	// and the content decide the format.
	ct := fh.Header.Get("Content-Type")
	if strings.HasPrefix(ct, "application/octet-stream") {
		ct = ""
	}
	in := &source.Ingester{MaxBytes: s.ingest.maxUpload}
	return in.FromBytes(name, raw, ct, meta)
}

// formMeta reads the optional metadata fields of an upload.
func formMeta(r *http.Request) (source.Meta, error) {
	m := source.Meta{
		Outlet:   strings.TrimSpace(r.PostFormValue("outlet")),
		Title:    strings.TrimSpace(r.PostFormValue("title")),
		URL:      strings.TrimSpace(r.PostFormValue("url")),
		Language: strings.TrimSpace(r.PostFormValue("language")),
	}
	return m, parsePublished(&m, r.PostFormValue("published"))
}

func parsePublished(m *source.Meta, v string) error {
	if strings.TrimSpace(v) == "" {
		return nil
	}
	t, err := source.ParseDate(v)
	if err != nil {
		return errs.E(errs.BadInput, "published", err)
	}
	m.Published = t
	return nil
}

// ingestFetch fetches the requested URL under the SSRF guard.
func (s *Server) ingestFetch(w http.ResponseWriter, r *http.Request) ([]*claim.Source, error) {
	// The upload allowance is for documents; a JSON request is small.
	r.Body = http.MaxBytesReader(w, r.Body, MaxBody)
	var req ingestURL
	if err := decodeJSON(r, &req); err != nil {
		return nil, err
	}
	req.URL = strings.TrimSpace(req.URL)
	if req.URL == "" {
		return nil, errs.E(errs.BadInput, "ingest", `"url" is required (or upload a file as multipart/form-data)`)
	}
	meta := source.Meta{Outlet: req.Outlet, Title: req.Title, Language: req.Language}
	if err := parsePublished(&meta, req.Published); err != nil {
		return nil, err
	}
	return s.fetch(r, req.URL, meta)
}

// fetch fetches rawURL under the SSRF guard and reads it as sources.
func (s *Server) fetch(r *http.Request, rawURL string, meta source.Meta) ([]*claim.Source, error) {
	resp, err := s.ingest.fetcher.Fetch(r.Context(), rawURL, source.Validators{})
	if err != nil {
		return nil, err
	}
	in := &source.Ingester{Fetcher: s.ingest.fetcher, MaxBytes: s.ingest.fetcher.Config().MaxBytes}
	return in.FromResponse(resp, meta)
}

// fetchSources is the sources form's URL: its metadata fields as an upload's.
func (s *Server) fetchSources(r *http.Request, rawURL string) ([]*claim.Source, error) {
	meta, err := formMeta(r)
	if err != nil {
		return nil, err
	}
	meta.URL = "" // the fetched URL is the source's own
	return s.fetch(r, rawURL, meta)
}

// errTooLarge marks an upload over the cap, answered 413.
var errTooLarge = errors.New("too large")

func tooLargeError(op string, max int64) error {
	return errs.E(errs.Refused, op, fmt.Errorf("%w: the document is over the %d-byte upload cap", errTooLarge, max))
}

// ingestError is apiError, except that an upload over the size cap is 413
// Content Too Large rather than the 403 of other refusals.
func (s *Server) ingestError(w http.ResponseWriter, r *http.Request, err error) {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		err = tooLargeError("upload", s.ingest.maxUpload)
	}
	if errors.Is(err, errTooLarge) {
		writeJSON(w, http.StatusRequestEntityTooLarge, map[string]any{"error": map[string]string{
			"kind": errs.KindOf(err).String(), "message": err.Error()}})
		return
	}
	s.apiError(w, r, err)
}
