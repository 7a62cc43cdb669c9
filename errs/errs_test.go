package errs

import (
	"errors"
	"fmt"
	"net/http"
	"testing"
)

func TestKindsMapToExitCodesAndStatuses(t *testing.T) {
	tests := []struct {
		err    error
		exit   int
		status int
	}{
		{nil, 0, 0},
		{errors.New("plain"), 1, http.StatusInternalServerError},
		{E(BadInput, "ingest a.txt", "empty file"), 2, http.StatusBadRequest},
		{fmt.Errorf("wrapped: %w", E(NotFound, "claim x", "no such claim")), 1, http.StatusNotFound},
		{E(Conflict, "update", "stale version"), 1, http.StatusConflict},
		{E(Refused, "fetch", "private address"), 1, http.StatusForbidden},
		{E(Unavailable, "open", errors.New("refused")), 1, http.StatusServiceUnavailable},
	}
	for _, tt := range tests {
		if got := ExitCode(tt.err); got != tt.exit {
			t.Errorf("ExitCode(%v) = %d, want %d", tt.err, got, tt.exit)
		}
		if tt.err == nil {
			continue
		}
		if got := HTTPStatus(tt.err); got != tt.status {
			t.Errorf("HTTPStatus(%v) = %d, want %d", tt.err, got, tt.status)
		}
	}
	if got := E(BadInput, "ingest a.txt", "empty file").Error(); got != "ingest a.txt: empty file" {
		t.Errorf("message %q", got)
	}
}
