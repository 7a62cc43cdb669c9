package source

import (
	"context"
	"io/fs"
	"path/filepath"
	"strings"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/errs"
)

// walkExts are the extensions a directory walk ingests. A file named on the
// command line is ingested whatever its name; in a directory only documents
// are, so READMEs, sidecars and stray files are left alone.
var walkExts = map[string]bool{
	".txt": true, ".text": true,
	".html": true, ".htm": true, ".xhtml": true, ".shtml": true,
	".rss": true, ".atom": true, ".xml": true, ".rdf": true,
}

// Ingestible reports whether a directory walk ingests a file of this name.
func Ingestible(name string) bool {
	base := filepath.Base(name)
	if strings.HasPrefix(base, ".") || IsSidecar(base) {
		return false
	}
	return walkExts[strings.ToLower(filepath.Ext(base))]
}

// Files lists the documents under root, recursively and in lexical order,
// skipping hidden files and directories and names Ingestible refuses. A root
// that is a file is returned as is.
func Files(root string) ([]string, error) {
	var out []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p != root && strings.HasPrefix(d.Name(), ".") {
				return filepath.SkipDir
			}
			return nil
		}
		if p == root || Ingestible(p) {
			out = append(out, p)
		}
		return nil
	})
	if err != nil {
		return nil, errs.E(errs.BadInput, "list "+root, cleanPathErr(err))
	}
	return out, nil
}

// Result is the outcome of ingesting one file of a walk.
type Result struct {
	Path    string
	Sources []*claim.Source
	Err     error
}

// Walk ingests every document under root (see Files), calling fn with each
// file's result in lexical order. A bad file's error goes to fn, and the walk
// goes on; Walk stops early when fn returns an error or ctx is done.
func (in *Ingester) Walk(ctx context.Context, root string, fn func(Result) error) error {
	files, err := Files(root)
	if err != nil {
		return err
	}
	for _, p := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		ss, err := in.FromFile(p)
		if err := fn(Result{Path: p, Sources: ss, Err: err}); err != nil {
			return err
		}
	}
	return nil
}
