package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/triangulate/triangulate/errs"
)

// AddUser stores a new user; a zero Created is set to now.
func (s *sqlStore) AddUser(ctx context.Context, u User) error {
	op := fmt.Sprintf("store: add user %q", u.Name)
	switch {
	case u.Name == "":
		return errs.E(errs.BadInput, op, "user has no name")
	case u.PasswordHash == "":
		return errs.E(errs.BadInput, op, "user has no password hash")
	case u.Role != Viewer && u.Role != Analyst && u.Role != Admin:
		return errs.E(errs.BadInput, op, fmt.Sprintf("unknown role %q (want viewer, analyst or admin)", u.Role))
	}
	if u.Created.IsZero() {
		u.Created = s.now()
	}
	res, err := s.wexec(ctx, `INSERT INTO users (name, password_hash, role, created) VALUES (?, ?, ?, ?)
		ON CONFLICT (name) DO NOTHING`, u.Name, u.PasswordHash, string(u.Role), fmtTime(u.Created))
	if err != nil {
		return s.fail(op, err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return s.fail(op, err)
	} else if n == 0 {
		return errs.E(errs.Duplicate, op, "a user with that name exists")
	}
	return nil
}

// User returns one user.
func (s *sqlStore) User(ctx context.Context, name string) (*User, error) {
	op := fmt.Sprintf("store: user %q", name)
	us, err := s.users(ctx, `WHERE name = ?`, name)
	if err != nil {
		return nil, s.fail(op, err)
	}
	if len(us) == 0 {
		return nil, notFound(op, "user")
	}
	return &us[0], nil
}

// Users lists users by name.
func (s *sqlStore) Users(ctx context.Context) ([]User, error) {
	us, err := s.users(ctx, `ORDER BY name`)
	return us, s.fail("store: list users", err)
}

func (s *sqlStore) users(ctx context.Context, tail string, args ...any) ([]User, error) {
	rows, err := s.query(ctx, s.r, `SELECT name, password_hash, role, created FROM users `+tail, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []User
	for rows.Next() {
		var u User
		var created string
		if err := rows.Scan(&u.Name, &u.PasswordHash, &u.Role, &created); err != nil {
			return nil, err
		}
		if u.Created, err = parseTime(created); err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// PutSession stores or replaces a session, and drops expired ones.
func (s *sqlStore) PutSession(ctx context.Context, se Session) error {
	const op = "store: put session"
	if se.Token == "" || se.User == "" {
		return errs.E(errs.BadInput, op, "session needs a token and a user")
	}
	return s.tx(ctx, op, func(tx *sql.Tx) error {
		if _, err := s.exec(ctx, tx, `DELETE FROM sessions WHERE expires <= ?`, fmtTime(s.now())); err != nil {
			return err
		}
		if err := s.userExists(ctx, tx, op, se.User); err != nil {
			return err
		}
		_, err := s.exec(ctx, tx, `INSERT INTO sessions (token, user_name, csrf, expires) VALUES (?, ?, ?, ?)
			ON CONFLICT (token) DO UPDATE SET user_name = excluded.user_name, csrf = excluded.csrf, expires = excluded.expires`,
			se.Token, se.User, se.CSRF, fmtTime(se.Expires))
		return err
	})
}

// userExists returns NotFound unless the user exists.
func (s *sqlStore) userExists(ctx context.Context, tx *sql.Tx, op, name string) error {
	var n int
	if err := s.row(ctx, tx, `SELECT COUNT(*) FROM users WHERE name = ?`, name).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return notFound(op, fmt.Sprintf("user %q", name))
	}
	return nil
}

// Session returns a live session; an expired one is NotFound.
func (s *sqlStore) Session(ctx context.Context, token string) (*Session, error) {
	const op = "store: session"
	se := Session{Token: token}
	var expires string
	err := s.row(ctx, s.r, `SELECT user_name, csrf, expires FROM sessions WHERE token = ? AND expires > ?`,
		token, fmtTime(s.now())).Scan(&se.User, &se.CSRF, &expires)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound(op, "session (absent or expired)")
	}
	if err == nil {
		se.Expires, err = parseTime(expires)
	}
	if err != nil {
		return nil, s.fail(op, err)
	}
	return &se, nil
}

// DeleteSession removes a session; removing an absent one is not an error.
func (s *sqlStore) DeleteSession(ctx context.Context, token string) error {
	_, err := s.wexec(ctx, `DELETE FROM sessions WHERE token = ?`, token)
	return s.fail("store: delete session", err)
}

// PutToken stores or replaces an API token; a zero Created is set to now.
func (s *sqlStore) PutToken(ctx context.Context, t APIToken) error {
	const op = "store: put token"
	if t.Hash == "" || t.User == "" {
		return errs.E(errs.BadInput, op, "token needs a hash and a user")
	}
	if t.Created.IsZero() {
		t.Created = s.now()
	}
	return s.tx(ctx, op, func(tx *sql.Tx) error {
		if err := s.userExists(ctx, tx, op, t.User); err != nil {
			return err
		}
		_, err := s.exec(ctx, tx, `INSERT INTO tokens (hash, user_name, name, created) VALUES (?, ?, ?, ?)
			ON CONFLICT (hash) DO UPDATE SET user_name = excluded.user_name, name = excluded.name, created = excluded.created`,
			t.Hash, t.User, t.Name, fmtTime(t.Created))
		return err
	})
}

// Token returns the API token with the given SHA-256.
func (s *sqlStore) Token(ctx context.Context, hash string) (*APIToken, error) {
	const op = "store: token"
	t := APIToken{Hash: hash}
	var created string
	err := s.row(ctx, s.r, `SELECT user_name, name, created FROM tokens WHERE hash = ?`, hash).Scan(&t.User, &t.Name, &created)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound(op, "token")
	}
	if err == nil {
		t.Created, err = parseTime(created)
	}
	if err != nil {
		return nil, s.fail(op, err)
	}
	return &t, nil
}

// PutWatch stores a watched URL or replaces its state.
func (s *sqlStore) PutWatch(ctx context.Context, w Watch) error {
	const op = "store: put watch"
	if w.URL == "" {
		return errs.E(errs.BadInput, op, "watch has no URL")
	}
	_, err := s.wexec(ctx, `INSERT INTO watches (url, etag, last_modified, last_polled, failures, next_poll)
		VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,
		last_polled = excluded.last_polled, failures = excluded.failures, next_poll = excluded.next_poll`,
		w.URL, w.ETag, w.LastModified, fmtTime(w.LastPolled), w.Failures, fmtTime(w.NextPoll))
	return s.fail(op, err)
}

// Watches lists watched URLs by URL.
func (s *sqlStore) Watches(ctx context.Context) ([]Watch, error) {
	const op = "store: list watches"
	rows, err := s.query(ctx, s.r, `SELECT url, etag, last_modified, last_polled, failures, next_poll FROM watches ORDER BY url`)
	if err != nil {
		return nil, s.fail(op, err)
	}
	defer rows.Close()
	var out []Watch
	for rows.Next() {
		var w Watch
		var polled, next string
		if err := rows.Scan(&w.URL, &w.ETag, &w.LastModified, &polled, &w.Failures, &next); err != nil {
			return nil, s.fail(op, err)
		}
		if w.LastPolled, err = parseTime(polled); err == nil {
			w.NextPoll, err = parseTime(next)
		}
		if err != nil {
			return nil, s.fail(op, err)
		}
		out = append(out, w)
	}
	return out, s.fail(op, rows.Err())
}

// DeleteWatch stops watching a URL.
func (s *sqlStore) DeleteWatch(ctx context.Context, url string) error {
	op := fmt.Sprintf("store: delete watch %q", url)
	res, err := s.wexec(ctx, `DELETE FROM watches WHERE url = ?`, url)
	if err != nil {
		return s.fail(op, err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return s.fail(op, err)
	} else if n == 0 {
		return notFound(op, "watch")
	}
	return nil
}

// SetSeen records when a user last looked at the case.
func (s *sqlStore) SetSeen(ctx context.Context, user string, at time.Time) error {
	_, err := s.wexec(ctx, `INSERT INTO seen (user_name, seen_at) VALUES (?, ?)
		ON CONFLICT (user_name) DO UPDATE SET seen_at = excluded.seen_at`, user, fmtTime(at))
	return s.fail("store: set seen", err)
}

// Seen returns when a user last looked at the case; the zero time if never,
// so that everything counts as changed since.
func (s *sqlStore) Seen(ctx context.Context, user string) (time.Time, error) {
	const op = "store: seen"
	var at string
	err := s.row(ctx, s.r, `SELECT seen_at FROM seen WHERE user_name = ?`, user).Scan(&at)
	if errors.Is(err, sql.ErrNoRows) {
		return time.Time{}, nil
	}
	if err != nil {
		return time.Time{}, s.fail(op, err)
	}
	t, err := parseTime(at)
	return t, s.fail(op, err)
}
