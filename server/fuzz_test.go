package server

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/examples"
	"github.com/triangulate/triangulate/pipeline"
	"github.com/triangulate/triangulate/source"
	"github.com/triangulate/triangulate/store"
)

// FuzzAPIBodies sends arbitrary request bodies, as an analyst, to the API
// endpoints that read one: a claim's patch and move, and a source by URL
// (JSON) or upload (multipart, under the body's own boundary). However
// malformed, the answer is a JSON error or success, never an internal error
// (500), and the server still answers the next request.
func FuzzAPIBodies(f *testing.F) {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(f.TempDir(), "case.db"))
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { st.Close() })
	cs := pipeline.New(st, pipeline.Options{})
	in := &source.Ingester{}
	var srcs []*claim.Source
	for _, name := range examples.SeedFiles {
		ss, err := in.FromFS(examples.Seed, name)
		if err != nil {
			f.Fatal(err)
		}
		srcs = append(srcs, ss...)
	}
	if _, err := cs.Ingest(ctx, srcs); err != nil {
		f.Fatal(err)
	}
	cls, err := st.Claims(ctx, store.ClaimFilter{})
	if err != nil || len(cls) == 0 {
		f.Fatalf("no claims to edit (%v)", err)
	}
	acc, _ := store.AccountsOf(st)
	hash, err := HashPassword("password")
	if err != nil {
		f.Fatal(err)
	}
	if err := acc.AddUser(ctx, store.User{Name: "fuzz", PasswordHash: hash, Role: store.Analyst, Created: time.Now()}); err != nil {
		f.Fatal(err)
	}
	tok := NewToken()
	if err := acc.PutToken(ctx, store.APIToken{Hash: HashToken(tok), User: "fuzz", Name: "fuzz", Created: time.Now()}); err != nil {
		f.Fatal(err)
	}
	// Fetches are refused (no fetcher): a URL body is parsed and checked
	// but nothing leaves the machine.
	h, err := New(Config{Store: st, Case: cs})
	if err != nil {
		f.Fatal(err)
	}
	id := cls[0].ID
	routes := []struct{ method, path, contentType string }{
		{http.MethodPatch, "/api/v1/claims/" + id, "application/json"},
		{http.MethodPost, "/api/v1/claims/" + id + "/move", "application/json"},
		{http.MethodPost, "/api/v1/sources", "application/json"},
		{http.MethodPost, "/api/v1/sources", "multipart/form-data; boundary=XyZ"},
	}
	f.Add(uint8(0), []byte(`{"version": 1, "modality": "asserted", "actors": ["x"]}`))
	f.Add(uint8(0), []byte(`{"version": 99, "action": "strike"}`))
	f.Add(uint8(0), []byte(`{"version": 1, "evidence": "x"}`))
	f.Add(uint8(1), []byte(`{"event": "ev-1"}`))
	f.Add(uint8(1), []byte(`{"event": ""}`))
	f.Add(uint8(2), []byte(`{"url": "https://news.example/a", "published": "2026-01-14"}`))
	f.Add(uint8(2), []byte(`{"url": "http://127.0.0.1/"}`))
	f.Add(uint8(3), []byte("--XyZ\r\nContent-Disposition: form-data; name=\"outlet\"\r\n\r\nWire\r\n--XyZ\r\n"+
		"Content-Disposition: form-data; name=\"file\"; filename=\"r.txt\"\r\nContent-Type: text/plain\r\n\r\n"+
		"Forces crossed the border on Monday, officials said.\r\n--XyZ--\r\n"))
	f.Add(uint8(3), []byte("--XyZ\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\n\xff\r\n--XyZ--"))
	f.Fuzz(func(t *testing.T, which uint8, body []byte) {
		rt := routes[int(which)%len(routes)]
		req := httptest.NewRequest(rt.method, rt.path, bytes.NewReader(body))
		req.Header.Set("Content-Type", rt.contentType)
		req.Header.Set("Authorization", "Bearer "+tok)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		if w.Code == http.StatusInternalServerError {
			t.Fatalf("%s %s %q: %d %s", rt.method, rt.path, body, w.Code, w.Body)
		}
		if !json.Valid(w.Body.Bytes()) {
			t.Fatalf("%s %s %q: %d with a body that is not JSON: %q", rt.method, rt.path, body, w.Code, w.Body)
		}
		ok := httptest.NewRecorder()
		h.ServeHTTP(ok, httptest.NewRequest(http.MethodGet, "/healthz", nil))
		if ok.Code != http.StatusOK {
			t.Fatalf("after %q the server answers %d", body, ok.Code)
		}
	})
}
