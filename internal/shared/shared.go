// Package shared locates the project's shared reference material (seeds, gold
// annotations, real data) for tests and benchmarks. The product itself never
// reads it: what the product needs at run time is copied into the repository.
package shared

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// Dir returns the shared/ folder beside the module root (../shared relative
// to the directory holding go.mod), or "" if there is none.
func Dir() string {
	if d := os.Getenv("TRIANGULATE_SHARED"); d != "" {
		return d
	}
	wd, err := os.Getwd()
	if err != nil {
		return ""
	}
	for d := wd; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			s := filepath.Join(filepath.Dir(d), "shared")
			if fi, err := os.Stat(s); err == nil && fi.IsDir() {
				return s
			}
			return ""
		}
		if filepath.Dir(d) == d {
			return ""
		}
	}
}

// Path joins elem under the shared folder. When the folder is missing the
// test is skipped, except under CI (CI=true) where that is a failure: CI
// always has shared/ beside the clone, so a skip there would hide a test.
func Path(tb testing.TB, elem ...string) string {
	tb.Helper()
	d := Dir()
	if d == "" {
		if os.Getenv("CI") != "" {
			tb.Fatal("shared/ folder not found beside the module root")
		}
		tb.Skip("shared/ folder not found beside the module root")
	}
	p := filepath.Join(append([]string{d}, elem...)...)
	if _, err := os.Stat(p); err != nil {
		tb.Fatalf("shared file: %v", err)
	}
	return p
}

// DevText is one text of the development set (eval/dev) with what its
// index, sources.json, says of it.
type DevText struct {
	Path      string // the text file
	Outlet    string
	URL       string
	Published string // YYYY-MM-DD, or "" when unknown
}

// DevTexts reads the development set's index and returns its texts in
// file-name order, so that every test that builds a case from them builds
// the same one.
func DevTexts(tb testing.TB) []DevText {
	tb.Helper()
	dir := Path(tb, "eval", "dev")
	b, err := os.ReadFile(filepath.Join(dir, "sources.json"))
	if err != nil {
		tb.Fatal(err)
	}
	var meta map[string]struct{ Outlet, URL, Published string }
	if err := json.Unmarshal(b, &meta); err != nil {
		tb.Fatalf("dev sources.json: %v", err)
	}
	out := make([]DevText, 0, len(meta))
	for name, m := range meta {
		out = append(out, DevText{Path: filepath.Join(dir, "texts", name), Outlet: m.Outlet, URL: m.URL, Published: m.Published})
	}
	slices.SortFunc(out, func(a, b DevText) int { return strings.Compare(a.Path, b.Path) })
	return out
}
