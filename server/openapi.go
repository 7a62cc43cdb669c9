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

// openAPIRoutes serves the API description. It sits behind the same
// authentication as the rest of the API (readable without an account only
// when the server allows anonymous reads): it gives nothing away, but one
// rule for every /api/v1 route is simpler to reason about than exceptions.
func (s *Server) openAPIRoutes() {
	s.mux.HandleFunc("GET /api/v1/openapi.json", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		_, _ = w.Write(openAPIDoc)
	})
}
