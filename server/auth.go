package server

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"net"
	"net/http"
	"strings"
	"time"

	"golang.org/x/crypto/bcrypt"

	"github.com/triangulate/triangulate/errs"
	"github.com/triangulate/triangulate/store"
)

const (
	sessionCookie = "triangulate_session"
	csrfCookie    = "triangulate_login_csrf"
	// SessionTTL is how long a login lasts.
	SessionTTL = 12 * time.Hour
)

// user is who made a request.
type user struct {
	Name  string
	Role  store.Role
	CSRF  string // the session's token for forms; empty for API tokens
	Token bool   // authenticated by bearer token (no cookie, so no CSRF risk)
}

type userKey struct{}

func userOf(r *http.Request) *user {
	u, _ := r.Context().Value(userKey{}).(*user)
	return u
}

// NewToken returns a random 256-bit token, URL-safe.
func NewToken() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b) // crypto/rand.Read never fails (it panics instead)
	return base64.RawURLEncoding.EncodeToString(b)
}

// HashToken is how API tokens are stored: only the SHA-256 of a token is
// kept, so a leaked database does not leak working tokens. (Tokens are
// random, so a fast hash suffices; passwords use bcrypt.)
func HashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// HashPassword hashes a password for store.User.PasswordHash.
func HashPassword(password string) (string, error) {
	if len(password) < 8 {
		return "", errs.E(errs.BadInput, "password", "must be at least 8 characters")
	}
	h, err := bcrypt.GenerateFromPassword([]byte(password), bcrypt.DefaultCost)
	if err != nil {
		return "", errs.E(errs.BadInput, "password", err)
	}
	return string(h), nil
}

// public paths need no account: health checks, the stylesheet, logging in,
// and the API's description (it gives nothing of the case away, and client
// generators and API browsers fetch it before they have credentials).
func public(r *http.Request) bool {
	p := r.URL.Path
	return p == "/healthz" || p == "/login" || strings.HasPrefix(p, "/static/") ||
		(p == "/api/v1/openapi.json" && safeMethod(r.Method))
}

// authenticate finds the request's user from a bearer token or a session
// cookie and decides whether the request may proceed. It writes the refusal
// itself when it returns false.
func (s *Server) authenticate(w http.ResponseWriter, r *http.Request) (*http.Request, bool) {
	u, err := s.identify(r)
	if err != nil {
		s.refuse(w, r, err)
		return r, false
	}
	if u != nil {
		r = r.WithContext(context.WithValue(r.Context(), userKey{}, u))
		// Cookie-authenticated writes must carry the session's CSRF token.
		if !u.Token && !safeMethod(r.Method) && r.URL.Path != "/login" {
			// Forms send it as a field, API calls as the X-CSRF-Token header.
			tok := r.Header.Get("X-CSRF-Token")
			if tok == "" {
				tok = r.PostFormValue("csrf")
			}
			if subtle.ConstantTimeCompare([]byte(tok), []byte(u.CSRF)) != 1 || u.CSRF == "" {
				s.refuse(w, r, errs.E(errs.Refused, "csrf", "missing or wrong form token; reload the page"))
				return r, false
			}
		}
		return r, true
	}
	if public(r) || (s.cfg.AllowAnonymous && safeMethod(r.Method)) {
		return r, true
	}
	if !strings.HasPrefix(r.URL.Path, "/api/") && safeMethod(r.Method) {
		http.Redirect(w, r, "/login", http.StatusSeeOther)
		return r, false
	}
	s.refuse(w, r, errUnauthenticated)
	return r, false
}

var errUnauthenticated = errs.E(errs.Refused, "auth", "log in or send Authorization: Bearer TOKEN")

func safeMethod(m string) bool { return m == http.MethodGet || m == http.MethodHead }

// identify returns the request's user, nil when it carries no credentials,
// or an error when it carries bad ones.
func (s *Server) identify(r *http.Request) (*user, error) {
	if s.accounts == nil {
		return nil, nil
	}
	ctx := r.Context()
	if h := r.Header.Get("Authorization"); h != "" {
		tok, ok := strings.CutPrefix(h, "Bearer ")
		if !ok || tok == "" {
			return nil, errUnauthenticated
		}
		t, err := s.accounts.Token(ctx, HashToken(tok))
		if err != nil {
			return nil, errUnauthenticated
		}
		acct, err := s.accounts.User(ctx, t.User)
		if err != nil {
			return nil, errUnauthenticated
		}
		return &user{Name: acct.Name, Role: acct.Role, Token: true}, nil
	}
	c, err := r.Cookie(sessionCookie)
	if err != nil || c.Value == "" {
		return nil, nil
	}
	sess, err := s.accounts.Session(ctx, c.Value)
	if err != nil || !sess.Expires.After(s.now()) {
		return nil, nil // an expired cookie is the same as none
	}
	acct, err := s.accounts.User(ctx, sess.User)
	if err != nil {
		return nil, nil
	}
	return &user{Name: acct.Name, Role: acct.Role, CSRF: sess.CSRF}, nil
}

func (s *Server) refuse(w http.ResponseWriter, r *http.Request, err error) {
	status := errs.HTTPStatus(err)
	if err == errUnauthenticated {
		status = http.StatusUnauthorized
		w.Header().Set("WWW-Authenticate", `Bearer realm="triangulate"`)
	}
	if strings.HasPrefix(r.URL.Path, "/api/") {
		writeJSON(w, status, map[string]any{"error": map[string]string{"kind": errs.KindOf(err).String(), "message": err.Error()}})
		return
	}
	s.errorPage(w, r, status, userMessage(err))
}

type loginView struct {
	CSRF  string
	Error string
}

// pageLogin shows the form with a fresh double-submit token: before logging
// in there is no session to hold one, so the token lives in a cookie that
// the form must echo.
func (s *Server) pageLogin(w http.ResponseWriter, r *http.Request) {
	s.renderLogin(w, r, http.StatusOK, "")
}

func (s *Server) renderLogin(w http.ResponseWriter, r *http.Request, status int, msg string) {
	// Reuse the browser's login token when it has one: a page drawn again
	// behind the user's back (a favicon request redirected here, a second
	// tab) must not invalidate the form already on screen.
	tok := NewToken()
	if c, err := r.Cookie(csrfCookie); err == nil && len(c.Value) == len(tok) {
		tok = c.Value
	}
	http.SetCookie(w, &http.Cookie{Name: csrfCookie, Value: tok, Path: "/login", HttpOnly: true,
		SameSite: http.SameSiteStrictMode, Secure: r.TLS != nil})
	s.render(w, r, status, "login", view{Title: "Log in", Data: loginView{CSRF: tok, Error: msg}})
}

func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	if s.accounts == nil {
		http.Error(w, "this store keeps no accounts", http.StatusNotFound)
		return
	}
	c, err := r.Cookie(csrfCookie)
	if err != nil || c.Value == "" || subtle.ConstantTimeCompare([]byte(c.Value), []byte(r.PostFormValue("csrf"))) != 1 {
		s.renderLogin(w, r, http.StatusForbidden, "The form expired; please try again.")
		return
	}
	name := r.PostFormValue("name")
	key := clientIP(r) + "\x00" + name
	now := s.now()
	if !s.limiter.allowed(key, now) {
		s.renderLogin(w, r, http.StatusTooManyRequests, "Too many failed attempts; wait a few minutes.")
		return
	}
	acct, err := s.accounts.User(r.Context(), name)
	hash := s.dummyHash
	if err == nil {
		hash = []byte(acct.PasswordHash)
	}
	if bcrypt.CompareHashAndPassword(hash, []byte(r.PostFormValue("password"))) != nil || err != nil {
		s.limiter.fail(key, now)
		s.renderLogin(w, r, http.StatusUnauthorized, "Wrong name or password.")
		return
	}
	s.limiter.reset(key)
	sess := store.Session{Token: NewToken(), User: acct.Name, CSRF: NewToken(), Expires: now.Add(SessionTTL)}
	if err := s.accounts.PutSession(r.Context(), sess); err != nil {
		s.pageError(w, r, err)
		return
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: sess.Token, Path: "/", HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: r.TLS != nil, Expires: sess.Expires})
	http.SetCookie(w, &http.Cookie{Name: csrfCookie, Path: "/login", MaxAge: -1})
	s.log.Info("login", "user", acct.Name)
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request) {
	if c, err := r.Cookie(sessionCookie); err == nil && s.accounts != nil {
		if err := s.accounts.DeleteSession(r.Context(), c.Value); err != nil && !errs.Is(err, errs.NotFound) {
			s.pageError(w, r, err)
			return
		}
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Path: "/", MaxAge: -1, HttpOnly: true})
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}

func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
