package source

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"
)

// SidecarSuffix ends the name of a metadata file that sits beside a document:
// for "report.txt" either "report.txt.meta.json" or "report.meta.json".
const SidecarSuffix = ".meta.json"

// Sidecar is the JSON form of a sidecar metadata file. Every field is optional:
//
//	{
//	  "outlet":    "The Amargi",
//	  "title":     "Iran-backed Iraqi Militias Deployed …",
//	  "url":       "https://example.org/article",
//	  "published": "2026-01-14",
//	  "language":  "en"
//	}
//
// published is YYYY-MM-DD or RFC 3339. Unknown fields are an error, so a typo
// does not silently drop a date.
type Sidecar struct {
	Outlet    string `json:"outlet,omitempty"`
	Title     string `json:"title,omitempty"`
	URL       string `json:"url,omitempty"`
	Published string `json:"published,omitempty"`
	Language  string `json:"language,omitempty"`
}

// Meta converts the sidecar to Meta, checking its date.
func (sc Sidecar) Meta() (Meta, error) {
	m := Meta{Outlet: sc.Outlet, Title: sc.Title, URL: sc.URL, Language: sc.Language}
	if sc.Published != "" {
		t, err := ParseDate(sc.Published)
		if err != nil {
			return Meta{}, err
		}
		m.Published = t
	}
	return m, nil
}

// ParseSidecar reads a sidecar file's content.
func ParseSidecar(b []byte) (Meta, error) {
	var sc Sidecar
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&sc); err != nil {
		return Meta{}, err
	}
	return sc.Meta()
}

// IsSidecar reports whether name is a sidecar metadata file, not a document.
func IsSidecar(name string) bool { return strings.HasSuffix(name, SidecarSuffix) }

// readSidecar returns the metadata of the sidecar beside name in fsys, or the
// zero Meta when there is none.
func readSidecar(fsys fs.FS, name string) (Meta, error) {
	candidates := []string{name + SidecarSuffix}
	if ext := path.Ext(name); ext != "" {
		candidates = append(candidates, strings.TrimSuffix(name, ext)+SidecarSuffix)
	}
	for _, c := range candidates {
		b, err := fs.ReadFile(fsys, c)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return Meta{}, fmt.Errorf("sidecar %s: %w", path.Base(c), cleanPathErr(err))
		}
		m, err := ParseSidecar(b)
		if err != nil {
			return Meta{}, fmt.Errorf("sidecar %s: %w", path.Base(c), err)
		}
		return m, nil
	}
	return Meta{}, nil
}
