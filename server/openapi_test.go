package server

import (
	"bytes"
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/triangulate/triangulate/source"
	"github.com/triangulate/triangulate/store"
)

// openAPI is the embedded document, parsed, with a compiler for the
// schemas in it.
type openAPI struct {
	doc      map[string]any
	compiler *jsonschema.Compiler
	schemas  map[string]*jsonschema.Schema // by JSON pointer
}

const openAPIURL = "mem:///openapi.json"

func loadOpenAPI(t *testing.T) *openAPI {
	t.Helper()
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(openAPIDoc))
	if err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	doc, ok := v.(map[string]any)
	if !ok {
		t.Fatal("openapi.json is not an object")
	}
	c := jsonschema.NewCompiler()
	// OpenAPI 3.1 schemas are JSON Schema 2020-12 (the OAS base dialect
	// adds only annotations this document does not use).
	c.DefaultDraft(jsonschema.Draft2020)
	c.AssertFormat()
	if err := c.AddResource(openAPIURL, doc); err != nil {
		t.Fatal(err)
	}
	return &openAPI{doc: doc, compiler: c, schemas: map[string]*jsonschema.Schema{}}
}

// schema compiles the schema at a JSON pointer into the document.
func (o *openAPI) schema(t *testing.T, ptr string) *jsonschema.Schema {
	t.Helper()
	if s := o.schemas[ptr]; s != nil {
		return s
	}
	s, err := o.compiler.Compile(openAPIURL + "#" + fragmentEscape(ptr))
	if err != nil {
		t.Fatalf("compile %s: %v", ptr, err)
	}
	o.schemas[ptr] = s
	return s
}

// fragmentEscape percent-encodes what may not stand in a URL fragment.
func fragmentEscape(ptr string) string {
	return strings.NewReplacer("{", "%7B", "}", "%7D", "%", "%25").Replace(ptr)
}

func ptrEscape(s string) string {
	return strings.NewReplacer("~", "~0", "/", "~1").Replace(s)
}

// at follows a JSON pointer into the document.
func (o *openAPI) at(t *testing.T, ptr string) any {
	t.Helper()
	var v any = o.doc
	for _, tok := range strings.Split(strings.TrimPrefix(ptr, "/"), "/") {
		tok = strings.NewReplacer("~1", "/", "~0", "~").Replace(tok)
		m, ok := v.(map[string]any)
		if !ok {
			t.Fatalf("%s: %q is not in an object", ptr, tok)
		}
		if v, ok = m[tok]; !ok {
			t.Fatalf("%s: no %q", ptr, tok)
		}
	}
	return v
}

// resolve follows a $ref at ptr, returning the pointer of the target.
func (o *openAPI) resolve(t *testing.T, ptr string) string {
	t.Helper()
	if m, ok := o.at(t, ptr).(map[string]any); ok {
		if ref, ok := m["$ref"].(string); ok {
			target, ok := strings.CutPrefix(ref, "#")
			if !ok {
				t.Fatalf("%s: external $ref %s", ptr, ref)
			}
			return o.resolve(t, target)
		}
	}
	return ptr
}

// operations lists the documented operations as "METHOD /path".
func (o *openAPI) operations() []string {
	var ops []string
	for p, item := range o.doc["paths"].(map[string]any) {
		for m := range item.(map[string]any) {
			switch m {
			case "get", "put", "post", "delete", "options", "head", "patch", "trace":
				ops = append(ops, strings.ToUpper(m)+" "+p)
			}
		}
	}
	slices.Sort(ops)
	return ops
}

func opPointer(op string) string {
	method, p, _ := strings.Cut(op, " ")
	return "/paths/" + ptrEscape(p) + "/" + strings.ToLower(method)
}

// TestOpenAPIMetaSchema validates the document against the official
// OpenAPI 3.1 meta-schema and every schema in it against JSON Schema
// 2020-12, and checks that every reference resolves.
func TestOpenAPIMetaSchema(t *testing.T) {
	o := loadOpenAPI(t)
	mc := jsonschema.NewCompiler()
	meta, err := mc.Compile(filepath.Join("testdata", "openapi-3.1", "schema.json"))
	if err != nil {
		t.Fatalf("meta-schema: %v", err)
	}
	if err := meta.Validate(o.doc); err != nil {
		t.Fatalf("openapi.json is not a valid OpenAPI 3.1 document:\n%v", err)
	}
	if o.doc["openapi"] != "3.1.0" {
		t.Fatalf("openapi %v", o.doc["openapi"])
	}
	// The meta-schema must be able to fail.
	for name, breakIt := range map[string]func(doc map[string]any){
		"no info": func(doc map[string]any) { delete(doc, "info") },
		"a parameter in the body (OpenAPI 2)": func(doc map[string]any) {
			params := doc["components"].(map[string]any)["parameters"].(map[string]any)
			params["Limit"].(map[string]any)["in"] = "body"
		},
		"a response without a description": func(doc map[string]any) {
			delete(doc["components"].(map[string]any)["responses"].(map[string]any)["NotFound"].(map[string]any), "description")
		},
	} {
		var broken map[string]any
		if err := json.Unmarshal(openAPIDoc, &broken); err != nil {
			t.Fatal(err)
		}
		breakIt(broken)
		if meta.Validate(broken) == nil {
			t.Errorf("the meta-schema accepts a document with %s", name)
		}
	}

	// Every $ref resolves, and every schema compiles (the compiler checks
	// each against the 2020-12 meta-schema).
	var walk func(ptr string, v any)
	walk = func(ptr string, v any) {
		switch v := v.(type) {
		case map[string]any:
			if ref, ok := v["$ref"].(string); ok {
				target, ok := strings.CutPrefix(ref, "#")
				if !ok {
					t.Errorf("%s: external $ref %s", ptr, ref)
				} else {
					o.at(t, target)
				}
			}
			for k, e := range v {
				p := ptr + "/" + ptrEscape(k)
				if k == "schema" {
					o.schema(t, p)
				}
				walk(p, e)
			}
		case []any:
			for i, e := range v {
				walk(ptr+"/"+strconv.Itoa(i), e)
			}
		}
	}
	walk("", o.doc)
	for name := range o.doc["components"].(map[string]any)["schemas"].(map[string]any) {
		o.schema(t, "/components/schemas/"+ptrEscape(name))
	}
}

// registeredAPIRoutes reads the /api/v1 patterns this package registers on
// its mux, from the source: a ServeMux cannot list its patterns.
func registeredAPIRoutes(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	var routes []string
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(file, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) == 0 {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok || (sel.Sel.Name != "HandleFunc" && sel.Sel.Name != "Handle") {
				return true
			}
			lit, ok := call.Args[0].(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				t.Errorf("%s: a route pattern that is not a string literal; this test cannot read it", fset.Position(call.Pos()))
				return true
			}
			pat, err := strconv.Unquote(lit.Value)
			if err != nil {
				t.Fatal(err)
			}
			if method, p, ok := strings.Cut(pat, " "); ok && strings.HasPrefix(p, "/api/v1/") {
				routes = append(routes, method+" "+p)
			}
			return true
		})
	}
	slices.Sort(routes)
	return routes
}

// TestOpenAPIRoutes: the document and the mux agree, both ways.
func TestOpenAPIRoutes(t *testing.T) {
	o := loadOpenAPI(t)
	documented := o.operations()
	registered := registeredAPIRoutes(t)
	if len(registered) < 10 {
		t.Fatalf("found only %d registered routes: %v", len(registered), registered)
	}
	for _, r := range registered {
		if !slices.Contains(documented, r) {
			t.Errorf("route %s is registered but not documented", r)
		}
	}
	for _, d := range documented {
		if !slices.Contains(registered, d) {
			t.Errorf("operation %s is documented but not registered", d)
		}
	}

	// The live mux routes each documented operation to its own pattern,
	// not to the catch-all that answers "no such API endpoint".
	st, _ := seed(t)
	h, err := New(Config{Store: st})
	if err != nil {
		t.Fatal(err)
	}
	s := h.(*Server)
	for _, op := range documented {
		method, p, _ := strings.Cut(op, " ")
		concrete := strings.NewReplacer("{id}", "1", "{format}", "stix").Replace(p)
		req := httptest.NewRequest(method, concrete, nil)
		if _, pat := s.mux.Handler(req); pat != op {
			t.Errorf("%s %s is routed to %q", method, concrete, pat)
		}
	}
}

// call is one request of TestOpenAPIResponses.
type call struct {
	op     string // "METHOD /template" as documented
	url    string // the concrete path and query
	token  string
	ctype  string // request Content-Type
	body   []byte
	status int
	want   string // in the body, when set
	// prep, when set, fills the call from the store's state at the time
	// (fusion re-runs renumber events).
	prep func(*call)
}

// TestOpenAPIResponses calls every documented operation on the real
// handlers over a seeded store and checks each answer against the
// document: its status is documented for the operation, its body matches
// the documented schema for that status and media type, and documented
// headers are sent. Every documented status (but 5XX) must be produced by
// some call, so the document cannot promise answers that never come.
func TestOpenAPIResponses(t *testing.T) {
	o := loadOpenAPI(t)
	st, _ := seed(t)
	analyst := addUser(t, st, "alice", store.Analyst)
	viewer := addUser(t, st, "victor", store.Viewer)
	news, _ := site(t, []byte("Officials said 300 fighters crossed the Khosravi border crossing on 5 January.\n"))
	srv := newServerWith(t, Config{Store: st, MaxUpload: 64 << 10,
		Fetcher: source.NewFetcher(source.FetchConfig{AllowPrivate: true})})
	c := srv.Client()

	cls, err := st.Claims(t.Context(), store.ClaimFilter{EventID: "ev-01"})
	if err != nil || len(cls) == 0 {
		t.Fatalf("claims of ev-01: %d, %v", len(cls), err)
	}
	cl := cls[0]
	claimPath := "/api/v1/claims/" + cl.ID
	patch := func(v int) []byte {
		b, _ := json.Marshal(map[string]any{"version": v, "modality": otherModality(cl.Modality)})
		return b
	}
	form := func(name string, raw []byte) (string, []byte) {
		var b bytes.Buffer
		mw := multipart.NewWriter(&b)
		mw.WriteField("outlet", "Test Wire")
		mw.WriteField("published", "2026-01-17")
		fw, _ := mw.CreateFormFile("file", name)
		fw.Write(raw)
		mw.Close()
		return mw.FormDataContentType(), b.Bytes()
	}
	note := []byte("A local official said about 500 fighters entered Iran through Mehran on 4 January.\n")
	formType, formBody := form("note.txt", note)
	badType, badForm := form("bad.txt", []byte("caf\xe9\n"))
	bigType, bigForm := form("big.txt", bytes.Repeat([]byte("fighters crossed. "), 5000))
	const jt = "application/json"

	reads := []call{
		{op: "GET /api/v1/sources", url: "/api/v1/sources", status: 200},
		{op: "GET /api/v1/sources", url: "/api/v1/sources?limit=2&offset=1", status: 200},
		{op: "GET /api/v1/sources", url: "/api/v1/sources?offset=x", status: 400},
		{op: "GET /api/v1/sources/{id}", url: "/api/v1/sources/1", status: 200},
		{op: "GET /api/v1/sources/{id}", url: "/api/v1/sources/99", status: 404},
		{op: "GET /api/v1/sources/{id}", url: "/api/v1/sources/x", status: 400},
		{op: "GET /api/v1/claims", url: "/api/v1/claims?limit=1000", status: 200},
		{op: "GET /api/v1/claims", url: "/api/v1/claims?event=ev-01&action=deploy&source=1", status: 200},
		{op: "GET /api/v1/claims", url: "/api/v1/claims?action=teleport", status: 400},
		{op: "GET /api/v1/events", url: "/api/v1/events", status: 200},
		{op: "GET /api/v1/events/{id}", status: 200, prep: func(cc *call) { cc.url = "/api/v1/events/" + url.PathEscape(anEvent(t, st, "")) }},
		{op: "GET /api/v1/events/{id}", url: "/api/v1/events/ev-99", status: 404},
		{op: "GET /api/v1/assessments", url: "/api/v1/assessments", status: 200},
		{op: "GET /api/v1/signals", url: "/api/v1/signals", status: 200},
		{op: "GET /api/v1/exports/{format}", url: "/api/v1/exports/stix", status: 200},
		{op: "GET /api/v1/exports/{format}", url: "/api/v1/exports/geojson", status: 200},
		{op: "GET /api/v1/exports/{format}", url: "/api/v1/exports/claimreview", status: 200},
		{op: "GET /api/v1/exports/{format}", url: "/api/v1/exports/pdf", status: 404},
		{op: "GET /api/v1/openapi.json", url: "/api/v1/openapi.json", status: 200},
		{op: "GET /api/v1/claims/{id}/edits", url: claimPath + "/edits", status: 200},
		{op: "GET /api/v1/claims/{id}/edits", url: "/api/v1/claims/no-such-claim/edits", status: 404},
	}
	writes := []call{
		{op: "PATCH /api/v1/claims/{id}", url: claimPath, token: viewer, ctype: jt, body: patch(cl.Version), status: 403},
		{op: "PATCH /api/v1/claims/{id}", url: claimPath, ctype: jt, body: []byte(`{"version": 0, "evidence": "x"}`), status: 400},
		{op: "PATCH /api/v1/claims/{id}", url: "/api/v1/claims/no-such-claim", ctype: jt, body: patch(0), status: 404},
		{op: "PATCH /api/v1/claims/{id}", url: claimPath, ctype: jt, body: patch(cl.Version), status: 200},
		{op: "PATCH /api/v1/claims/{id}", url: claimPath, ctype: jt, body: patch(cl.Version), status: 409},
		{op: "POST /api/v1/claims/{id}/move", url: claimPath + "/move", ctype: jt, status: 200, prep: func(cc *call) {
			cur, err := st.Claim(t.Context(), cl.ID)
			if err != nil {
				t.Fatal(err)
			}
			cc.body, _ = json.Marshal(map[string]string{"event": anEvent(t, st, cur.EventID)})
		}},
		{op: "POST /api/v1/claims/{id}/move", url: claimPath + "/move", ctype: jt, body: []byte(`{"event": ""}`), status: 400},
		{op: "POST /api/v1/claims/{id}/move", url: claimPath + "/move", ctype: jt, body: []byte(`{"event": "ev-99"}`), status: 404},
		{op: "POST /api/v1/claims/{id}/move", url: claimPath + "/move", token: viewer, ctype: jt, body: []byte(`{"event": "ev-02"}`), status: 403},
		{op: "POST /api/v1/sources", url: "/api/v1/sources", ctype: formType, body: formBody, status: 201},
		{op: "POST /api/v1/sources", url: "/api/v1/sources", ctype: formType, body: formBody, status: 200},
		{op: "POST /api/v1/sources", url: "/api/v1/sources", ctype: badType, body: badForm, status: 400, want: "invalid UTF-8"},
		{op: "POST /api/v1/sources", url: "/api/v1/sources", ctype: bigType, body: bigForm, status: 413, want: "upload cap"},
		{op: "POST /api/v1/sources", url: "/api/v1/sources", token: viewer, ctype: formType, body: formBody, status: 403},
		{op: "POST /api/v1/sources", url: "/api/v1/sources", ctype: jt, body: []byte(`{"url": "` + news.URL + `/article.txt", "outlet": "Wire"}`), status: 201},
		{op: "POST /api/v1/sources", url: "/api/v1/sources", ctype: jt, body: []byte(`{"url": "` + news.URL + `/gone"}`), status: 404},
		{op: "GET /api/v1/claims/{id}/edits", url: claimPath + "/edits", status: 200},
		{op: "POST /api/v1/sources/{id}/drafts", url: "/api/v1/sources/1/drafts", ctype: jt, body: []byte(`{"start": 0, "end": 40}`), status: 200},
		{op: "POST /api/v1/sources/{id}/drafts", url: "/api/v1/sources/1/drafts", ctype: jt, body: []byte(`{"start": 40, "end": 2}`), status: 400},
		{op: "POST /api/v1/sources/{id}/drafts", url: "/api/v1/sources/99/drafts", ctype: jt, body: []byte(`{"start": 0, "end": 4}`), status: 404},
		{op: "POST /api/v1/sources/{id}/drafts", url: "/api/v1/sources/1/drafts", token: viewer, ctype: jt, body: []byte(`{"start": 0, "end": 4}`), status: 403},
		{op: "POST /api/v1/claims", url: "/api/v1/claims", ctype: jt, body: []byte(`{"source_id": 1, "start": 0, "end": 40, "modality": "hedged"}`), status: 201},
		{op: "POST /api/v1/claims", url: "/api/v1/claims", ctype: jt, body: []byte(`{"source_id": 1, "start": 0, "end": 40}`), status: 409},
		{op: "POST /api/v1/claims", url: "/api/v1/claims", body: []byte(`{"source_id": 1, "end": 40}`), status: 400},
		{op: "POST /api/v1/claims", url: "/api/v1/claims", ctype: jt, body: []byte(`{"source_id": 99, "start": 0, "end": 4}`), status: 404},
		{op: "POST /api/v1/claims", url: "/api/v1/claims", token: viewer, ctype: jt, body: []byte(`{"source_id": 1, "start": 0, "end": 4}`), status: 403},
		{op: "POST /api/v1/claims/{id}/check", url: claimPath + "/check", token: viewer, status: 403},
		{op: "POST /api/v1/claims/{id}/check", url: "/api/v1/claims/no-such-claim/check", status: 404},
		{op: "POST /api/v1/claims/{id}/check", url: claimPath + "/check", body: []byte(`{"dataset": "x", "extra": 1}`), status: 400},
	}
	writes = append(writes, judgementCalls(t, st, viewer)...)
	writes = append(writes, eventWrites(t, st, cl.ID, viewer)...)
	// After the writes, fusion has re-run: the events, assessments and
	// exports served now are what the real pipeline made, not the fixture.
	calls := append(append(reads, writes...), reads...)
	// Every operation refuses a request without credentials, except those
	// the document declares public (an empty security list).
	for _, op := range o.operations() {
		_, p, _ := strings.Cut(op, " ")
		concrete := strings.NewReplacer("{id}", "1", "{format}", "stix").Replace(p)
		status := 401
		if sec, ok := o.at(t, opPointer(op)).(map[string]any)["security"].([]any); ok && len(sec) == 0 {
			status = 200
		}
		calls = append(calls, call{op: op, url: concrete, token: "-", status: status})
	}

	seen := map[string]bool{}
	for _, cc := range calls {
		if cc.prep != nil {
			cc.prep(&cc)
		}
		method, _, _ := strings.Cut(cc.op, " ")
		tok := cc.token
		switch tok {
		case "":
			tok = analyst
		case "-":
			tok = ""
		}
		req, err := http.NewRequestWithContext(t.Context(), method, srv.URL+cc.url, bytes.NewReader(cc.body))
		if err != nil {
			t.Fatal(err)
		}
		if cc.ctype != "" {
			req.Header.Set("Content-Type", cc.ctype)
		}
		if tok != "" {
			req.Header.Set("Authorization", "Bearer "+tok)
		}
		resp, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			t.Fatal(err)
		}
		name := fmt.Sprintf("%s %s", method, cc.url)
		if resp.StatusCode != cc.status {
			t.Errorf("%s: status %d, want %d: %.300s", name, resp.StatusCode, cc.status, body)
			continue
		}
		if !bytes.Contains(body, []byte(cc.want)) {
			t.Errorf("%s: body lacks %q: %.300s", name, cc.want, body)
		}
		seen[cc.op+" "+strconv.Itoa(resp.StatusCode)] = true
		if cc.ctype == jt && method != http.MethodGet {
			o.checkRequest(t, name, cc.op, cc.body)
		}
		o.checkResponse(t, name, cc.op, resp, body)
	}

	for _, op := range o.operations() {
		for status := range o.at(t, opPointer(op)+"/responses").(map[string]any) {
			if !strings.HasSuffix(status, "XX") && !seen[op+" "+status] {
				t.Errorf("%s: documented status %s is never produced by this test", op, status)
			}
		}
	}
}

// anEvent returns the id of a stored event other than not.
func anEvent(t *testing.T, st store.Store, not string) string {
	t.Helper()
	evs, err := st.Events(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	for _, ev := range evs {
		if ev.ID != not {
			return ev.ID
		}
	}
	t.Fatalf("no event besides %q", not)
	return ""
}

// checkRequest validates a JSON request body against the documented one
// (for a call the handler accepted or refused for reasons other than shape).
func (o *openAPI) checkRequest(t *testing.T, name, op string, body []byte) {
	t.Helper()
	ptr := opPointer(op) + "/requestBody/content/application~1json/schema"
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(body))
	if err != nil {
		t.Fatalf("%s: request body: %v", name, err)
	}
	err = o.schema(t, ptr).Validate(v)
	// Some calls send a body the handler must refuse as malformed; the
	// document must refuse it too.
	if bytes.Contains(body, []byte(`"evidence"`)) || bytes.Contains(body, []byte(`"event": ""`)) {
		if err == nil {
			t.Errorf("%s: the documented request schema accepts a body the handler refuses: %s", name, body)
		}
		return
	}
	if err != nil {
		t.Errorf("%s: request body does not match the document: %v", name, err)
	}
}

// checkResponse validates one answer against the document.
func (o *openAPI) checkResponse(t *testing.T, name, op string, resp *http.Response, body []byte) {
	t.Helper()
	rs := o.at(t, opPointer(op)+"/responses").(map[string]any)
	status := strconv.Itoa(resp.StatusCode)
	if _, ok := rs[status]; !ok {
		status = status[:1] + "XX"
		if _, ok := rs[status]; !ok {
			t.Errorf("%s: status %d is not documented", name, resp.StatusCode)
			return
		}
	}
	rptr := o.resolve(t, opPointer(op)+"/responses/"+ptrEscape(status))
	r := o.at(t, rptr).(map[string]any)
	if hs, ok := r["headers"].(map[string]any); ok {
		for h := range hs {
			if resp.Header.Get(h) == "" {
				t.Errorf("%s: documented header %s not sent", name, h)
			}
		}
	}
	content, ok := r["content"].(map[string]any)
	if !ok {
		if len(body) != 0 {
			t.Errorf("%s: documented without content, got %.200s", name, body)
		}
		return
	}
	mt, _, err := mime.ParseMediaType(resp.Header.Get("Content-Type"))
	if err != nil {
		t.Errorf("%s: Content-Type %q: %v", name, resp.Header.Get("Content-Type"), err)
		return
	}
	if _, ok := content[mt]; !ok {
		t.Errorf("%s: media type %s is not documented for %s", name, mt, status)
		return
	}
	if mt != "application/json" && !strings.HasSuffix(mt, "+json") {
		return // a text export (Markdown, HTML, CSV): its content is the report's own tests'
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(body))
	if err != nil {
		t.Errorf("%s: body is not JSON: %v", name, err)
		return
	}
	sch := o.schema(t, o.resolve(t, rptr+"/content/"+ptrEscape(mt)+"/schema"))
	if err := sch.Validate(v); err != nil {
		t.Errorf("%s: %d body does not match the document:\n%v", name, resp.StatusCode, err)
	}
}

// TestOpenAPIServed: the document is served as JSON to anyone, without
// credentials, on a server that lets no one else read anonymously; the
// rest of the API still needs them.
func TestOpenAPIServed(t *testing.T) {
	st, _ := seed(t)
	tok := addUser(t, st, "victor", store.Viewer)
	srv := newServer(t, st, false)
	for name, hdr := range map[string][]string{"anonymous": nil, "with a token": {"Authorization", "Bearer " + tok}} {
		resp, body := get(t, srv.Client(), srv.URL+"/api/v1/openapi.json", hdr...)
		if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") || body != string(openAPIDoc) {
			t.Fatalf("openapi.json %s: %d %s", name, resp.StatusCode, resp.Header.Get("Content-Type"))
		}
	}
	if resp, _ := get(t, srv.Client(), srv.URL+"/api/v1/events"); resp.StatusCode != 401 {
		t.Errorf("anonymous /api/v1/events: %d, want 401", resp.StatusCode)
	}
	req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, srv.URL+"/api/v1/openapi.json", nil)
	if err != nil {
		t.Fatal(err)
	}
	if resp, _ := do(t, srv.Client(), req); resp.StatusCode != 401 {
		t.Errorf("anonymous POST to the document: %d, want 401", resp.StatusCode)
	}
}
