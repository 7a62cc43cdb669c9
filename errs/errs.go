// Package errs gives errors a kind, so that exit codes and HTTP statuses are
// decided in one place (ExitCode, HTTPStatus) rather than at every call site.
package errs

import (
	"errors"
	"fmt"
	"net/http"
)

// Kind classifies an error by what the caller can do about it.
type Kind int

// Kinds.
const (
	Internal    Kind = iota // a bug or an unexpected failure
	BadInput                // the user's input is wrong; fix it and retry
	NotFound                // the thing asked for does not exist
	Conflict                // a concurrent change won; reload and retry
	Unavailable             // a service (database, network) could not be reached
	Refused                 // a policy refused the request (SSRF guard, size cap)
	Duplicate               // the content is already stored
)

func (k Kind) String() string {
	switch k {
	case BadInput:
		return "bad input"
	case NotFound:
		return "not found"
	case Conflict:
		return "conflict"
	case Unavailable:
		return "unavailable"
	case Refused:
		return "refused"
	case Duplicate:
		return "duplicate"
	}
	return "internal"
}

// Error is an error with a kind and the operation that failed.
type Error struct {
	Kind Kind
	Op   string // e.g. "ingest seeds/a.txt"
	Err  error
}

func (e *Error) Error() string {
	if e.Op == "" {
		return e.Err.Error()
	}
	return e.Op + ": " + e.Err.Error()
}

func (e *Error) Unwrap() error { return e.Err }

// E builds an Error. err may be a string message or an error.
func E(kind Kind, op string, err any) error {
	var inner error
	switch v := err.(type) {
	case error:
		inner = v
	case string:
		inner = errors.New(v)
	default:
		inner = fmt.Errorf("%v", v)
	}
	return &Error{Kind: kind, Op: op, Err: inner}
}

// KindOf returns the kind of the outermost kinded error in err's chain.
func KindOf(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return Internal
}

// Is reports whether err has kind k.
func Is(err error, k Kind) bool { return err != nil && KindOf(err) == k }

// ExitCode maps an error to the CLI's exit code: 0 ok, 2 usage/bad input, 1 otherwise.
func ExitCode(err error) int {
	if err == nil {
		return 0
	}
	if KindOf(err) == BadInput {
		return 2
	}
	return 1
}

// HTTPStatus maps an error to an HTTP status.
func HTTPStatus(err error) int {
	switch KindOf(err) {
	case BadInput:
		return http.StatusBadRequest
	case NotFound:
		return http.StatusNotFound
	case Conflict, Duplicate:
		return http.StatusConflict
	case Unavailable:
		return http.StatusServiceUnavailable
	case Refused:
		return http.StatusForbidden
	}
	return http.StatusInternalServerError
}
