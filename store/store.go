// Package store persists Triangulate's values between pipeline steps. One
// interface, Store, has two implementations that pass one shared test suite
// (storetest): SQLite (the embedded default, modernc.org/sqlite, no cgo) and
// PostgreSQL (pgx) for teams. Open picks one from a path or a postgres:// URL.
package store

import (
	"context"
	"time"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/series"
)

// Store is everything the pipeline and the server read and write.
// Every multi-row write happens in one transaction: a failed call leaves
// nothing half-written.
type Store interface {
	// AddSource stores a source and returns its id. If a source with the same
	// content hash exists, it returns that id, existed=true, and stores nothing.
	AddSource(ctx context.Context, s *claim.Source) (id int64, existed bool, err error)
	// AddSources stores several sources in one transaction (all or none).
	// The result holds, for each input, its id and whether it already existed.
	AddSources(ctx context.Context, ss []*claim.Source) ([]Added, error)
	Source(ctx context.Context, id int64) (*claim.Source, error) // with Raw
	SourceByName(ctx context.Context, name string) (*claim.Source, error)
	Sources(ctx context.Context, page Page) ([]*claim.Source, error) // without Raw
	CountSources(ctx context.Context) (int, error)

	// ReplaceClaims replaces a source's extracted claims, keeping claims an
	// analyst edited or rejected (Edited/Rejected): those survive re-extraction.
	ReplaceClaims(ctx context.Context, sourceID int64, cs []claim.Claim) error
	Claim(ctx context.Context, id string) (*claim.Claim, error)
	Claims(ctx context.Context, f ClaimFilter) ([]claim.Claim, error)
	// UpdateClaim stores an analyst's edit. c.Version must equal the stored
	// version (optimistic concurrency); it returns errs.Conflict otherwise.
	// The stored version becomes c.Version+1 and an Edit row records who/when.
	UpdateClaim(ctx context.Context, c *claim.Claim, by string) error
	Edits(ctx context.Context, claimID string) ([]Edit, error)
	// AddClaim stores a claim an analyst made by hand (Edited and Manual,
	// version 1, one Edit row); it survives re-extraction like an edit.
	AddClaim(ctx context.Context, c *claim.Claim, by string) error

	// ReplaceFusion replaces all events and assessments with one fusion
	// run, in one transaction, and marks the case fused (FusionState).
	ReplaceFusion(ctx context.Context, f Fusion) error
	// FusionState tells whether claims, pins, signals or settings changed
	// after the stored events were computed.
	FusionState(ctx context.Context) (FusionState, error)
	Events(ctx context.Context) ([]claim.Event, error)
	Event(ctx context.Context, id string) (*claim.Event, error)
	// Pins are analysts' manual moves of a claim into an event; fusion honours them.
	PinClaim(ctx context.Context, claimID, eventID, by string) error
	Pins(ctx context.Context) (map[string]string, error) // claim id → event id
	// PinClaims pins several claims to one event in one transaction:
	// an event created from chosen claims, or split off another.
	PinClaims(ctx context.Context, claimIDs []string, eventID, by string) error
	// Merges are analysts' judgements that two events, or two origins, are
	// one (merges.go); fusion applies them on every run.
	PutMerge(ctx context.Context, m Merge) error
	DeleteMerge(ctx context.Context, kind MergeKind, from, by string) error
	Merges(ctx context.Context) ([]Merge, error)

	Assessments(ctx context.Context) ([]claim.Assessment, error)

	PutSignals(ctx context.Context, ss []claim.Signal) error // upsert by id
	Signals(ctx context.Context) ([]claim.Signal, error)
	// ReplaceClaimSignals replaces a claim's signals of one kind (a data
	// check recomputed), in one transaction.
	ReplaceClaimSignals(ctx context.Context, claimID, kind string, ss []claim.Signal) error

	// PutSeries replaces the flight series of a dataset (one transaction):
	// one per route, each of consecutive days, missing days marked.
	PutSeries(ctx context.Context, dataset string, ss []series.Series) error
	Series(ctx context.Context, f SeriesFilter) ([]series.Series, error)
	Datasets(ctx context.Context) ([]string, error)

	// Settings returns the case's current settings (Version 0 when never
	// set); SettingsVersion one earlier version. PutSettings stores a new
	// version, refusing with errs.Conflict one made on a stale version.
	Settings(ctx context.Context) (Settings, error)
	SettingsVersion(ctx context.Context, version int) (Settings, error)
	PutSettings(ctx context.Context, s *Settings) error

	// Revision counts the writes to the case (not accounts or sessions):
	// a reader that computed a view at one revision can skip recomputing
	// while it is unchanged, whichever process wrote.
	Revision(ctx context.Context) (int64, error)

	Close() error
}

// Added reports the outcome of storing one source.
type Added struct {
	ID      int64
	Existed bool
}

// Page selects a window of a listing; Limit 0 means all.
type Page struct {
	Limit, Offset int
}

// ClaimFilter selects claims; zero fields match everything.
type ClaimFilter struct {
	SourceID        int64
	EventID         string
	Action          claim.Action
	IncludeRejected bool
	Page
}

// Edit records an analyst's change to a claim.
type Edit struct {
	ClaimID string
	Version int
	By      string
	At      time.Time
	Before  string // JSON of the claim before the edit
	After   string // JSON after
}

// SeriesFilter selects a dataset's route series (Dataset is required);
// empty Origin or Dest match any, From and To (inclusive, zero for open)
// trim the days.
type SeriesFilter struct {
	Dataset      string
	Origin, Dest string
	From, To     time.Time
}

// Accounts is the part of the store the web workspace needs for users,
// sessions, API tokens and watched feeds. Both implementations provide it.
type Accounts interface {
	AddUser(ctx context.Context, u User) error // errs.Duplicate if the name exists
	User(ctx context.Context, name string) (*User, error)
	Users(ctx context.Context) ([]User, error)
	PutSession(ctx context.Context, s Session) error
	Session(ctx context.Context, token string) (*Session, error) // errs.NotFound when absent or expired
	DeleteSession(ctx context.Context, token string) error
	PutToken(ctx context.Context, t APIToken) error
	Token(ctx context.Context, hash string) (*APIToken, error)

	PutWatch(ctx context.Context, w Watch) error // upsert by URL
	Watches(ctx context.Context) ([]Watch, error)
	DeleteWatch(ctx context.Context, url string) error // errs.NotFound if not watched
	// SeenAt records when a user last looked at the case, for "changed since".
	SetSeen(ctx context.Context, user string, at time.Time) error
	Seen(ctx context.Context, user string) (time.Time, error)
}

// Role is what a user may do.
type Role string

// Roles.
const (
	Viewer  Role = "viewer"
	Analyst Role = "analyst"
	Admin   Role = "admin"
)

// User is an account. PasswordHash is a bcrypt or argon2 hash, never the password.
type User struct {
	Name         string
	PasswordHash string
	Role         Role
	Created      time.Time
}

// Session is a logged-in browser. Token is random; CSRF is its anti-forgery token.
type Session struct {
	Token   string
	User    string
	CSRF    string
	Expires time.Time
}

// APIToken lets a script act as a user; only its SHA-256 is stored.
type APIToken struct {
	Hash    string
	User    string
	Name    string
	Created time.Time
}

// Watch is a feed or URL polled on a schedule.
type Watch struct {
	URL          string
	ETag         string
	LastModified string
	LastPolled   time.Time
	Failures     int // consecutive; drives back-off
	NextPoll     time.Time
}
