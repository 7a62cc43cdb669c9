package knowledge

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"strconv"
	"strings"
	"sync"
)

// DefaultHash is the SHA-256 of the embedded default packs: a case records
// it among the packs it was read with.
var DefaultHash = sync.OnceValue(func() string {
	h, err := hashFS(embedded, "packs")
	if err != nil {
		panic(err) // the embedded tree is fixed at build time
	}
	return h
})

// DirHash is the SHA-256 of a pack directory's files (names and contents,
// in name order; hidden files left out), so that a case can tell when a
// pack it was read with has changed on disk.
func DirHash(dir string) (string, error) {
	fi, err := os.Stat(dir)
	if err != nil {
		return "", fmt.Errorf("knowledge: pack %s: %w", dir, err)
	}
	if !fi.IsDir() {
		return "", fmt.Errorf("knowledge: pack %s: not a directory", dir)
	}
	return hashFS(os.DirFS(dir), ".")
}

func hashFS(fsys fs.FS, root string) (string, error) {
	h := sha256.New()
	err := fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p != root && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() {
			return nil
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		// Length-prefixed, so that no two trees hash alike by shifting bytes
		// between a name and a content.
		h.Write([]byte(p + "\x00" + strconv.Itoa(len(b)) + "\x00"))
		h.Write(b)
		return nil
	})
	if err != nil {
		return "", fmt.Errorf("knowledge: hash packs: %w", err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
