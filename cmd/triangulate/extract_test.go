package main

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The extract and claims commands on the seed case: counts per source, and
// JSON Lines in the evaluation format whose spans quote the files' bytes.
func TestExtractAndClaimsCommands(t *testing.T) {
	db := filepath.Join(t.TempDir(), "case.db")
	seeds := filepath.Join("..", "..", "examples", "seed")
	if code, _, errOut := cli(t, "--db", db, "ingest", seeds); code != 0 {
		t.Fatalf("ingest: exit %d: %s", code, errOut)
	}
	code, out, errOut := cli(t, "--db", db, "extract")
	if code != 0 {
		t.Fatalf("extract: exit %d: %s", code, errOut)
	}
	for _, want := range []string{"000_fb75171b0db195ae.txt: ", "003_e72e86618cf972b7.txt: ", " claims from 2 sources"} {
		if !strings.Contains(out, want) {
			t.Errorf("extract output lacks %q:\n%s", want, out)
		}
	}

	code, out, errOut = cli(t, "--db", db, "claims", "--json")
	if code != 0 {
		t.Fatalf("claims --json: exit %d: %s", code, errOut)
	}
	files := map[string][]byte{}
	n := 0
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		n++
		var line map[string]any
		if err := json.Unmarshal(sc.Bytes(), &line); err != nil {
			t.Fatalf("line %d: %v", n, err)
		}
		for _, f := range []string{"id", "source", "start", "end", "evidence", "action", "actors", "places", "time", "quantities", "modality", "attribution"} {
			if _, ok := line[f]; !ok {
				t.Errorf("line %d lacks %q", n, f)
			}
		}
		name := line["source"].(string)
		if files[name] == nil {
			b, err := os.ReadFile(filepath.Join(seeds, name))
			if err != nil {
				t.Fatalf("line %d: source %q is not a seed file: %v", n, name, err)
			}
			files[name] = b
		}
		start, end := int(line["start"].(float64)), int(line["end"].(float64))
		if got := string(files[name][start:end]); got != line["evidence"] {
			t.Errorf("line %d: bytes %d..%d are %q, evidence %q", n, start, end, got, line["evidence"])
		}
	}
	if n < 20 {
		t.Errorf("claims --json printed %d claims", n)
	}

	// Filters and the table.
	code, out, _ = cli(t, "--db", db, "claims", "--source", "000_fb75171b0db195ae.txt", "--action", "flights")
	if code != 0 || !strings.Contains(out, "flights") || strings.Contains(out, "003_e72e86618cf972b7.txt") {
		t.Errorf("claims --source --action: exit %d\n%s", code, out)
	}
	if code, _, _ = cli(t, "--db", db, "claims", "--action", "teleport"); code != 2 {
		t.Errorf("unknown action: exit %d, want 2", code)
	}
	if code, _, _ = cli(t, "--db", db, "extract", "no-such-source.txt"); code != 2 {
		t.Errorf("unknown source: exit %d, want 2", code)
	}
}
