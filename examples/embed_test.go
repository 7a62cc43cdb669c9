package examples_test

import (
	"bytes"
	"io/fs"
	"os"
	"path"
	"testing"
	"time"

	"github.com/triangulate/triangulate/examples"
	"github.com/triangulate/triangulate/internal/shared"
	"github.com/triangulate/triangulate/source"
)

// TestSeedsAreExactCopies guards the byte offsets the gold claims index.
func TestSeedsAreExactCopies(t *testing.T) {
	for _, p := range examples.SeedFiles {
		got, err := fs.ReadFile(examples.Seed, p)
		if err != nil {
			t.Fatal(err)
		}
		want, err := os.ReadFile(shared.Path(t, "seeds", path.Base(p)))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from the shared seed", p)
		}
	}
}

// TestSeedsIngest checks the sidecars give each seed its outlet and date.
func TestSeedsIngest(t *testing.T) {
	want := map[string]struct {
		outlet, day string
	}{
		"000_fb75171b0db195ae.txt": {"The Amargi", "2026-01-14"},
		"003_e72e86618cf972b7.txt": {"TFI Global", "2026-01-16"},
	}
	in := &source.Ingester{}
	for _, p := range examples.SeedFiles {
		ss, err := in.FromFS(examples.Seed, p)
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := fs.ReadFile(examples.Seed, p)
		s := ss[0]
		w := want[s.Name]
		if s.Outlet != w.outlet || s.Published.Format(time.DateOnly) != w.day || s.Language != "en" {
			t.Errorf("%s: outlet %q published %v", s.Name, s.Outlet, s.Published)
		}
		if s.Text != string(raw) || s.ContentHash != source.Hash(raw) {
			t.Errorf("%s: text or hash is not the file's", s.Name)
		}
	}
}
