package server

import (
	"bytes"
	"encoding/json"
	"html"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/examples"
	"github.com/triangulate/triangulate/source"
	"github.com/triangulate/triangulate/store"
)

// emptyStore is a new SQLite store with no sources.
func emptyStore(t *testing.T) store.Store {
	t.Helper()
	st, err := store.Open(t.Context(), filepath.Join(t.TempDir(), "case.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func newServerWith(t *testing.T, cfg Config) *httptest.Server {
	t.Helper()
	h, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

// seedText reads one of the seed texts shipped in examples, with its
// sidecar metadata as upload form fields.
func seedText(t *testing.T, i int) (name string, raw []byte, fields map[string]string) {
	t.Helper()
	file := examples.SeedFiles[i]
	raw, err := examples.Seed.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	side, err := examples.Seed.ReadFile(file + ".meta.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(side, &fields); err != nil {
		t.Fatal(err)
	}
	return path.Base(file), raw, fields
}

// upload posts a multipart form with one file part to the API; hdr are
// header pairs.
func upload(t *testing.T, c *http.Client, srvURL, token, name string, raw []byte, fields map[string]string, hdr ...string) (*http.Response, string) {
	t.Helper()
	if token != "" {
		hdr = append(hdr, "Authorization", "Bearer "+token)
	}
	return postForm(t, c, srvURL+"/api/v1/sources", fields, name, raw, hdr...)
}

func decodeAs[T any](t *testing.T, body string) T {
	t.Helper()
	var v T
	if err := json.Unmarshal([]byte(body), &v); err != nil {
		t.Fatalf("%v\n%s", err, body)
	}
	return v
}

type apiErr struct {
	Error struct{ Kind, Message string } `json:"error"`
}

func countSources(t *testing.T, st store.Store) int {
	t.Helper()
	n, err := st.CountSources(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestIngestUpload(t *testing.T) {
	st := emptyStore(t)
	analyst := addUser(t, st, "alice", store.Analyst)
	viewer := addUser(t, st, "victor", store.Viewer)
	srv := newServerWith(t, Config{Store: st, AllowAnonymous: true})
	c := srv.Client()
	name, raw, fields := seedText(t, 0)

	// Who may ingest: analysts and admins, never viewers or anonymous users
	// (not even on a server that lets anonymous users read).
	if resp, body := upload(t, c, srv.URL, viewer, name, raw, fields); resp.StatusCode != 403 ||
		decodeAs[apiErr](t, body).Error.Kind != "refused" {
		t.Fatalf("viewer upload: %d %s", resp.StatusCode, body)
	}
	if resp, body := upload(t, c, srv.URL, "", name, raw, fields); resp.StatusCode != 401 {
		t.Fatalf("anonymous upload: %d %s", resp.StatusCode, body)
	}
	if n := countSources(t, st); n != 0 {
		t.Fatalf("refused uploads stored %d sources", n)
	}

	resp, body := upload(t, c, srv.URL, analyst, name, raw, fields)
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("upload: %d %s", resp.StatusCode, body)
	}
	got := decodeAs[List[ingested]](t, body)
	if len(got.Items) != 1 {
		t.Fatalf("upload stored %d sources: %s", len(got.Items), body)
	}
	first := got.Items[0]
	if first.Existed || first.Name != name || first.Claims == 0 || first.Outlet != "The Amargi" {
		t.Fatalf("upload answer: %+v", first)
	}
	if loc := resp.Header.Get("Location"); loc != "/api/v1/sources/"+itoa(first.ID) {
		t.Fatalf("Location %q", loc)
	}

	// The claims and the events they fused into are served at once.
	var cls List[claim.Claim]
	getJSON(t, c, srv.URL+"/api/v1/claims?limit=1000&source="+itoa(first.ID), 200, &cls)
	if len(cls.Items) != first.Claims {
		t.Fatalf("%d claims listed, upload said %d", len(cls.Items), first.Claims)
	}
	text := string(raw)
	for _, cl := range cls.Items {
		if cl.Start < 0 || cl.End > len(text) || text[cl.Start:cl.End] != cl.Evidence {
			t.Fatalf("claim %s evidence does not quote the upload at %d..%d", cl.ID, cl.Start, cl.End)
		}
	}
	var evs List[claim.Event]
	getJSON(t, c, srv.URL+"/api/v1/events", 200, &evs)
	if len(evs.Items) == 0 {
		t.Fatal("no events after the upload")
	}
	var src claim.Source
	getJSON(t, c, srv.URL+"/api/v1/sources/"+itoa(first.ID), 200, &src)
	if src.Outlet != "The Amargi" || src.Published.Format("2006-01-02") != "2026-01-14" || src.Language != "en" || src.Text == "" {
		t.Fatalf("stored source: outlet %q published %v language %q", src.Outlet, src.Published, src.Language)
	}

	// The same bytes again change nothing: 200, the same id, and the claims
	// the stored copy has.
	resp, body = upload(t, c, srv.URL, analyst, "renamed.txt", raw, nil)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("second upload: %d %s", resp.StatusCode, body)
	}
	again := decodeAs[List[ingested]](t, body)
	if len(again.Items) != 1 || !again.Items[0].Existed || again.Items[0].ID != first.ID || again.Items[0].Claims != first.Claims ||
		again.Items[0].Name != name {
		t.Fatalf("second upload: %+v, first %+v", again.Items, first)
	}
	if n := countSources(t, st); n != 1 {
		t.Fatalf("%d sources after a repeated upload", n)
	}

	// Bad input is refused whole: nothing is stored.
	for _, tc := range []struct {
		name, file string
		raw        []byte
		fields     map[string]string
		status     int
		want       string
	}{
		{"invalid UTF-8", "latin1.txt", []byte("Caf\xe9 fighters crossed the border.\n"), nil, 400, "UTF-8"},
		{"empty", "empty.txt", []byte{}, nil, 400, "empty"},
		{"binary", "image.txt", append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), make([]byte, 64)...), nil, 400, "binary"},
		{"bad date", "x.txt", []byte("Fighters crossed the border.\n"), map[string]string{"published": "last Tuesday"}, 400, "published"},
		{"no file part", "", nil, map[string]string{"outlet": "X"}, 400, `"file"`},
	} {
		resp, body := upload(t, c, srv.URL, analyst, tc.file, tc.raw, tc.fields)
		e := decodeAs[apiErr](t, body)
		if resp.StatusCode != tc.status || e.Error.Kind != "bad input" || !strings.Contains(e.Error.Message, tc.want) {
			t.Errorf("%s: %d %s", tc.name, resp.StatusCode, body)
		}
	}
	req, _ := http.NewRequestWithContext(t.Context(), http.MethodPost, srv.URL+"/api/v1/sources", bytes.NewReader(raw))
	req.Header.Set("Authorization", "Bearer "+analyst)
	req.Header.Set("Content-Type", "text/plain")
	if resp, err := c.Do(req); err != nil {
		t.Fatal(err)
	} else {
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 400 || !strings.Contains(string(b), "multipart/form-data") {
			t.Errorf("neither form nor JSON: %d %s", resp.StatusCode, b)
		}
	}
	if n := countSources(t, st); n != 1 {
		t.Fatalf("%d sources after refused uploads", n)
	}
}

func TestIngestTooLarge(t *testing.T) {
	st := emptyStore(t)
	analyst := addUser(t, st, "alice", store.Analyst)
	const maxUpload = 4 << 10
	srv := newServerWith(t, Config{Store: st, MaxUpload: maxUpload})
	c := srv.Client()
	text := bytes.Repeat([]byte("Fighters crossed the border at dawn.\n"), 2*maxUpload/37)
	// Over the document cap but within the body cap: the part's size says so.
	resp, body := upload(t, c, srv.URL, analyst, "big.txt", text, nil)
	if resp.StatusCode != http.StatusRequestEntityTooLarge || decodeAs[apiErr](t, body).Error.Kind != "refused" {
		t.Fatalf("large upload: %d %s", resp.StatusCode, body)
	}
	// Over the body cap: the reader stops it.
	huge := bytes.Repeat(text, (MaxBody+maxUpload)/len(text)+2)
	resp, body = upload(t, c, srv.URL, analyst, "huge.txt", huge, nil)
	if resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Fatalf("huge upload: %d %s", resp.StatusCode, body)
	}
	if n := countSources(t, st); n != 0 {
		t.Fatalf("too-large uploads stored %d sources", n)
	}
	// Within the cap it goes through.
	if resp, body := upload(t, c, srv.URL, analyst, "small.txt", text[:maxUpload/2], nil); resp.StatusCode != 201 {
		t.Fatalf("small upload: %d %s", resp.StatusCode, body)
	}

	// The larger cap is the upload route's alone: other writes keep MaxBody.
	big, _ := json.Marshal(map[string]string{"event": strings.Repeat("x", MaxBody)})
	req, _ := http.NewRequestWithContext(t.Context(), http.MethodPost, srv.URL+"/api/v1/claims/x/move", bytes.NewReader(big))
	req.Header.Set("Authorization", "Bearer "+analyst)
	req.Header.Set("Content-Type", "application/json")
	r2, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(r2.Body)
	r2.Body.Close()
	if r2.StatusCode != 400 || !strings.Contains(string(b), "too large") {
		t.Fatalf("2 MiB move: %d %s", r2.StatusCode, b)
	}
}

// TestIngestCookieSession: a browser session uploads only with the
// session's CSRF token.
func TestIngestCookieSession(t *testing.T) {
	st := emptyStore(t)
	addUser(t, st, "alice", store.Analyst)
	srv := newServerWith(t, Config{Store: st})
	b := browser(t, srv.URL, "alice")
	raw := []byte("Two Iraqi sources said 800 fighters crossed into Iran on 3 January.\n")
	if resp, body := upload(t, b, srv.URL, "", "note.txt", raw, nil); resp.StatusCode != 403 {
		t.Fatalf("cookie upload without CSRF: %d %s", resp.StatusCode, body)
	}
	if n := countSources(t, st); n != 0 {
		t.Fatalf("upload without CSRF stored %d sources", n)
	}
	_, page := get(t, b, srv.URL+"/")
	m := csrfField.FindStringSubmatch(page)
	if m == nil {
		t.Fatal("page after login has no CSRF token")
	}
	if resp, body := upload(t, b, srv.URL, "", "note.txt", raw, nil, "X-CSRF-Token", m[1]); resp.StatusCode != 201 {
		t.Fatalf("cookie upload with X-CSRF-Token: %d %s", resp.StatusCode, body)
	}
	// A plain HTML form sends the token as a field instead.
	if resp, body := upload(t, b, srv.URL, "", "note2.txt", append(raw, "Officials denied it.\n"...), map[string]string{"csrf": m[1]}); resp.StatusCode != 201 {
		t.Fatalf("cookie upload with csrf field: %d %s", resp.StatusCode, body)
	}
}

// site serves a seed text as a news page would, counting requests.
func site(t *testing.T, raw []byte) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var hits atomic.Int32
	h := http.NewServeMux()
	h.HandleFunc("GET /article.txt", func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Write(raw)
	})
	h.HandleFunc("GET /gone", func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		http.NotFound(w, r)
	})
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv, &hits
}

func TestIngestURL(t *testing.T) {
	_, raw, _ := seedText(t, 1)
	news, hits := site(t, raw)
	articleURL := news.URL + "/article.txt"

	t.Run("default guard refuses loopback", func(t *testing.T) {
		st := emptyStore(t)
		analyst := addUser(t, st, "alice", store.Analyst)
		srv := newServerWith(t, Config{Store: st})
		c := srv.Client()
		for _, tc := range []struct {
			name   string
			body   any
			status int
			kind   string
			want   string
		}{
			{"loopback", map[string]string{"url": articleURL}, 403, "refused", "loopback address"},
			{"localhost name", map[string]string{"url": strings.Replace(articleURL, "127.0.0.1", "localhost", 1)}, 403, "refused", "loopback address"},
			{"private", map[string]string{"url": "http://10.0.0.1/x"}, 403, "refused", "private address"},
			{"link-local metadata", map[string]string{"url": "http://169.254.169.254/latest/meta-data/"}, 403, "refused", "link-local address"},
			{"file scheme", map[string]string{"url": "file:///etc/passwd"}, 403, "refused", "only http and https"},
			{"no url", map[string]string{"outlet": "X"}, 400, "bad input", `"url" is required`},
			{"unknown field", map[string]string{"url": articleURL, "evil": "1"}, 400, "bad input", "unknown field"},
			{"bad date", map[string]string{"url": articleURL, "published": "soon"}, 400, "bad input", "published"},
		} {
			status, body := send(t, c, http.MethodPost, srv.URL+"/api/v1/sources", analyst, tc.body)
			e := decodeAs[apiErr](t, body)
			if status != tc.status || e.Error.Kind != tc.kind || !strings.Contains(e.Error.Message, tc.want) {
				t.Errorf("%s: %d %s", tc.name, status, body)
			}
		}
		if n := hits.Load(); n != 0 {
			t.Fatalf("the guard let %d requests reach the loopback site", n)
		}
		if n := countSources(t, st); n != 0 {
			t.Fatalf("refused fetches stored %d sources", n)
		}
	})

	t.Run("allowed private", func(t *testing.T) {
		st := emptyStore(t)
		analyst := addUser(t, st, "alice", store.Analyst)
		viewer := addUser(t, st, "victor", store.Viewer)
		srv := newServerWith(t, Config{Store: st, Fetcher: source.NewFetcher(source.FetchConfig{AllowPrivate: true})})
		c := srv.Client()
		req := map[string]string{"url": articleURL, "outlet": "TFI Global", "published": "2026-01-16"}
		if status, body := send(t, c, http.MethodPost, srv.URL+"/api/v1/sources", viewer, req); status != 403 {
			t.Fatalf("viewer fetch: %d %s", status, body)
		}
		before := hits.Load()
		status, body := send(t, c, http.MethodPost, srv.URL+"/api/v1/sources", analyst, req)
		if status != 201 {
			t.Fatalf("fetch: %d %s", status, body)
		}
		if hits.Load() != before+1 {
			t.Fatalf("the site saw %d requests, want 1", hits.Load()-before)
		}
		got := decodeAs[List[ingested]](t, body)
		if len(got.Items) != 1 || got.Items[0].Existed || got.Items[0].Claims == 0 || got.Items[0].URL != articleURL || got.Items[0].Outlet != "TFI Global" {
			t.Fatalf("fetch answer: %s", body)
		}
		status, body = send(t, c, http.MethodGet, srv.URL+"/api/v1/claims?limit=1000&source="+strconv.FormatInt(got.Items[0].ID, 10), analyst, nil)
		if cls := decodeAs[List[claim.Claim]](t, body); status != 200 || len(cls.Items) != got.Items[0].Claims {
			t.Fatalf("claims of the fetched source: %d, %d listed, answer said %d", status, len(cls.Items), got.Items[0].Claims)
		}
		status, body = send(t, c, http.MethodGet, srv.URL+"/api/v1/events", analyst, nil)
		if evs := decodeAs[List[claim.Event]](t, body); status != 200 || len(evs.Items) == 0 {
			t.Fatalf("events after fetch: %d %s", status, body)
		}

		status, body = send(t, c, http.MethodPost, srv.URL+"/api/v1/sources", analyst, map[string]string{"url": articleURL})
		if status != 200 || !decodeAs[List[ingested]](t, body).Items[0].Existed {
			t.Fatalf("second fetch: %d %s", status, body)
		}
		status, body = send(t, c, http.MethodPost, srv.URL+"/api/v1/sources", analyst, map[string]string{"url": news.URL + "/gone"})
		if status != 404 || decodeAs[apiErr](t, body).Error.Kind != "not found" {
			t.Fatalf("missing page: %d %s", status, body)
		}
		if n := countSources(t, st); n != 1 {
			t.Fatalf("%d sources, want 1", n)
		}
	})
}

// postForm posts a multipart form like a browser's: fields, then an
// optional file part named name; hdr are header pairs.
func postForm(t *testing.T, c *http.Client, u string, fields map[string]string, name string, raw []byte, hdr ...string) (*http.Response, string) {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for k, v := range fields {
		if err := mw.WriteField(k, v); err != nil {
			t.Fatal(err)
		}
	}
	if name != "" {
		fw, err := mw.CreateFormFile("file", name)
		if err != nil {
			t.Fatal(err)
		}
		fw.Write(raw)
	}
	if err := mw.Close(); err != nil {
		t.Fatal(err)
	}
	req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, u, &body)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return do(t, c, req, hdr...)
}

// TestSourcesForm: an analyst adds a seed article through the sources
// page's form and lands on its reader with claims marked; a viewer gets no
// form; a URL to a private address is refused with the reason on the page.
func TestSourcesForm(t *testing.T) {
	st := emptyStore(t)
	addUser(t, st, "alice", store.Analyst)
	addUser(t, st, "victor", store.Viewer)
	srv := newServerWith(t, Config{Store: st})
	alice, victor := browser(t, srv.URL, "alice"), browser(t, srv.URL, "victor")

	_, page := get(t, alice, srv.URL+"/sources")
	m := csrfField.FindStringSubmatch(page)
	if !strings.Contains(page, `action="/sources" enctype="multipart/form-data"`) || m == nil {
		t.Fatal("no add-source form for an analyst")
	}
	name, raw, fields := seedText(t, 0)
	fields["csrf"] = html.UnescapeString(m[1])
	resp, _ := postForm(t, alice, srv.URL+"/sources", fields, name, raw)
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/sources/") {
		t.Fatalf("add by form: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	_, reader := get(t, alice, srv.URL+resp.Header.Get("Location"))
	if !strings.Contains(reader, `<mark id="claim-`) {
		t.Error("the new source's reader marks no claims: extraction did not run")
	}
	if n, _ := st.CountSources(t.Context()); n != 1 {
		t.Fatalf("%d sources after one upload", n)
	}

	// A private address is refused, the reason shown, nothing stored.
	resp, body := postForm(t, alice, srv.URL+"/sources", map[string]string{"csrf": fields["csrf"], "fetch": "http://127.0.0.1:9/x"}, "", nil)
	if resp.StatusCode != http.StatusForbidden || !strings.Contains(body, "loopback") {
		t.Errorf("private URL by form: %d\n%s", resp.StatusCode, body)
	}
	// Neither file nor URL.
	if resp, _ := postForm(t, alice, srv.URL+"/sources", map[string]string{"csrf": fields["csrf"]}, "", nil); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("empty form: %d", resp.StatusCode)
	}
	if n, _ := st.CountSources(t.Context()); n != 1 {
		t.Fatalf("%d sources after refused adds", n)
	}

	// Viewers see no form, and their posts are refused.
	_, vpage := get(t, victor, srv.URL+"/sources")
	if strings.Contains(vpage, `action="/sources"`) {
		t.Error("a viewer is shown the add-source form")
	}
	vm := csrfField.FindStringSubmatch(vpage)
	if vm == nil {
		t.Fatal("no session token on the viewer's page")
	}
	_, raw2, _ := seedText(t, 1)
	if resp, _ := postForm(t, victor, srv.URL+"/sources", map[string]string{"csrf": html.UnescapeString(vm[1])}, "b.txt", raw2); resp.StatusCode != http.StatusForbidden {
		t.Errorf("viewer's add: %d", resp.StatusCode)
	}
}

// TestSourcesFormPrivateSetting: the add-source form follows the
// workspace's own setting for private addresses. Off, the refusal names
// the switch that applies to the workspace (serve --ingest-private), not
// the CLI's --allow-private; on, the same loopback URL is fetched.
func TestSourcesFormPrivateSetting(t *testing.T) {
	_, raw, _ := seedText(t, 0)
	news, hits := site(t, raw)
	articleURL := news.URL + "/article.txt"
	for _, allow := range []bool{false, true} {
		st := emptyStore(t)
		addUser(t, st, "alice", store.Analyst)
		srv := newServerWith(t, Config{Store: st, AllowPrivate: allow})
		alice := browser(t, srv.URL, "alice")
		_, page := get(t, alice, srv.URL+"/sources")
		m := csrfField.FindStringSubmatch(page)
		if m == nil {
			t.Fatal("no add-source form")
		}
		before := hits.Load()
		resp, body := postForm(t, alice, srv.URL+"/sources", map[string]string{"csrf": html.UnescapeString(m[1]), "fetch": articleURL, "outlet": "Local Wire"}, "", nil)
		if !allow {
			if resp.StatusCode != http.StatusForbidden || !strings.Contains(body, "loopback address") ||
				!strings.Contains(body, "--ingest-private") || strings.Contains(body, "--allow-private") {
				t.Errorf("refusal without the setting: %d\n%s", resp.StatusCode, body)
			}
			if hits.Load() != before {
				t.Error("the refused fetch reached the site")
			}
			if n, _ := st.CountSources(t.Context()); n != 0 {
				t.Errorf("a refused fetch stored %d sources", n)
			}
			continue
		}
		if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/sources/") {
			t.Fatalf("with the setting on: %d to %q\n%s", resp.StatusCode, resp.Header.Get("Location"), body)
		}
		if hits.Load() != before+1 {
			t.Errorf("the site saw %d requests, want 1", hits.Load()-before)
		}
		if n, _ := st.CountSources(t.Context()); n != 1 {
			t.Errorf("%d sources after the allowed fetch", n)
		}
	}
}
