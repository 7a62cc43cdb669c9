// Package shared locates the project's shared reference material (seeds, gold
// annotations, real data) for tests and benchmarks. The product itself never
// reads it: what the product needs at run time is copied into the repository.
package shared

import (
	"os"
	"path/filepath"
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
