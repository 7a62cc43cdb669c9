package main

import (
	"bufio"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/fuse/fusetest"
	"github.com/triangulate/triangulate/store"
)

// goldStore stores the seed sources and their gold claims, as ingest and
// extract would, and returns the database path.
func goldStore(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "case.db")
	cs, ss := fusetest.Gold(t)
	st, err := store.Open(t.Context(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for i := range ss {
		id, _, err := st.AddSource(t.Context(), &ss[i])
		if err != nil {
			t.Fatal(err)
		}
		var mine []claim.Claim
		for _, c := range cs {
			if c.Source == ss[i].Name {
				c.SourceID = id
				mine = append(mine, c)
			}
		}
		if err := st.ReplaceClaims(t.Context(), id, mine); err != nil {
			t.Fatal(err)
		}
	}
	return db
}

func TestFuseAndEventsCommands(t *testing.T) {
	db := goldStore(t)
	code, out, errOut := cli(t, "--db", db, "fuse")
	if code != 0 {
		t.Fatalf("fuse: exit %d: %s", code, errOut)
	}
	if _, again, _ := cli(t, "--db", db, "fuse"); again != out {
		t.Errorf("two fuse runs print different output:\n%s\n---\n%s", out, again)
	}
	var deployID string
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if strings.Contains(line, "Popular Mobilization Forces: deploy") {
			deployID = strings.Fields(line)[0]
			if !strings.Contains(line, "corroborated") {
				t.Errorf("deploy line %q", line)
			}
		}
	}
	if deployID == "" {
		t.Fatalf("no deploy event in:\n%s", out)
	}

	code, out, errOut = cli(t, "--db", db, "events", "--json")
	if code != 0 {
		t.Fatalf("events: exit %d: %s", code, errOut)
	}
	sc := bufio.NewScanner(strings.NewReader(out))
	n := 0
	for sc.Scan() {
		var r eventRow
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatal(err)
		}
		n++
		if r.ID == deployID && (r.Independent > r.EchoCount || r.Likelihood == "" || r.Admiralty == "") {
			t.Errorf("deploy row %+v", r)
		}
	}
	if n < 2 {
		t.Errorf("%d events listed", n)
	}

	code, out, _ = cli(t, "--db", db, "events", "show", deployID)
	for _, want := range []string{"conservative 800", "Khosravi", "neither confirmed nor denied", "possibly both true"} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("events show lacks %q (exit %d)", want, code)
		}
	}

	// A hand move survives a later fuse run.
	code, out, errOut = cli(t, "--db", db, "events", "move", "003-33", deployID)
	if code != 0 || !strings.Contains(out, "003-33 moved "+deployID) {
		t.Fatalf("move: exit %d: %s %s", code, out, errOut)
	}
	cli(t, "--db", db, "fuse")
	st, err := store.Open(t.Context(), db)
	if err != nil {
		t.Fatal(err)
	}
	c, err := st.Claim(t.Context(), "003-33")
	st.Close()
	if err != nil || c.EventID != deployID {
		t.Errorf("after re-run 003-33 is in %q (%v), want %s", c.EventID, err, deployID)
	}

	// Mistakes are usage errors.
	if code, _, _ := cli(t, "--db", db, "events", "move", "003-33", "ev-nope"); code != 2 {
		t.Errorf("move to a missing event: exit %d, want 2", code)
	}
	if code, _, _ := cli(t, "--db", db, "events", "move", "003-33"); code != 2 {
		t.Errorf("move with one argument: exit %d, want 2", code)
	}
}
