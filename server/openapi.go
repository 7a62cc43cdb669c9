package server

import (
	_ "embed"
	"net/http"
)

// openAPIDoc describes every /api/v1 route (OpenAPI 3.1). openapi_test.go
// checks it against the official meta-schema, against the routes this
// package registers, and against what the handlers actually answer.
//
//go:embed openapi.json
var openAPIDoc []byte

// openAPIRoutes serves the API description, to anyone (see public): like
// the published descriptions of other APIs, it is what a client reads
// before it has credentials.
func (s *Server) openAPIRoutes() {
	s.mux.HandleFunc("GET /api/v1/openapi.json", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		_, _ = w.Write(openAPIDoc)
	})
}
