package store

import (
	"context"
	"database/sql"
	"time"
)

// An event's lineage: when a fusion run (an analyst's merge or split, or
// new claims) makes one event of two or two of one, the judgements and the
// history stay with the event they were made on, and a link says where it
// went. A merged-away event's notes, override, sign-off, hypotheses and
// history remain its own (an override of one event never silently becomes
// another's), shown on the event it went into, and return to it if the
// merge is undone; a split-off event names the event it came from, which
// keeps the judgements. (An event that is only renamed, its claims now
// under another id that no event had before, hands everything on:
// followEvents.)

// Kinds of EventLink.
const (
	// LinkMerged: Event vanished into Other, which took most of its claims.
	LinkMerged = "merged"
	// LinkSplit: Event was made of claims most of which were in Other,
	// which goes on.
	LinkSplit = "split"
)

// EventLink records that an event was merged into, or split off, another.
type EventLink struct {
	Kind  string    `json:"kind"`
	Event string    `json:"event"`
	Other string    `json:"other"`
	Title string    `json:"title"` // Event's title when the link was made
	At    time.Time `json:"at"`
	By    string    `json:"by"`
	Why   string    `json:"why"`
}

// EventLinks lists every event's merges into and splits off others, oldest
// first.
func (s *sqlStore) EventLinks(ctx context.Context) ([]EventLink, error) {
	const op = "store: list event links"
	rows, err := s.query(ctx, s.r, `SELECT kind, event_id, other_id, title, at, author, why FROM event_links ORDER BY at, kind, event_id`)
	if err != nil {
		return nil, s.fail(op, err)
	}
	defer rows.Close()
	var out []EventLink
	for rows.Next() {
		var l EventLink
		var at string
		if err := rows.Scan(&l.Kind, &l.Event, &l.Other, &l.Title, &at, &l.By, &l.Why); err != nil {
			return nil, s.fail(op, err)
		}
		if l.At, err = parseTime(at); err != nil {
			return nil, s.fail(op, err)
		}
		out = append(out, l)
	}
	return out, s.fail(op, rows.Err())
}

// putLink records (or renews) a link inside a fusion's transaction.
func (s *sqlStore) putLink(ctx context.Context, tx *sql.Tx, l EventLink) error {
	_, err := s.exec(ctx, tx, `INSERT INTO event_links (kind, event_id, other_id, title, at, author, why) VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (kind, event_id) DO UPDATE SET other_id = excluded.other_id, title = excluded.title,
		at = excluded.at, author = excluded.author, why = excluded.why`,
		l.Kind, l.Event, l.Other, l.Title, fmtTime(s.now()), l.By, l.Why)
	return err
}

// MergedInto follows links from a merged-away event to the event that has
// its claims now: "" when id was never merged away. Cycles (an event
// merged, back, and merged the other way) stop at the first event seen
// twice.
func MergedInto(links []EventLink, id string) string {
	into := map[string]string{}
	for _, l := range links {
		if l.Kind == LinkMerged {
			into[l.Event] = l.Other
		}
	}
	seen := map[string]bool{id: true}
	at := id
	for {
		next, ok := into[at]
		if !ok || seen[next] {
			break
		}
		seen[next] = true
		at = next
	}
	if at == id {
		return ""
	}
	return at
}
