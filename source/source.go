// Package source turns documents into archived claim.Source values: plain
// text, HTML articles (main-article extraction, sanitised on display), RSS and
// Atom feeds (one source per item), directories, and URLs fetched through an
// SSRF-guarded client with size and time limits.
//
// Every source keeps the bytes exactly as received (Raw) and their SHA-256
// (ContentHash); the store de-duplicates on that hash. Text is what claim
// spans index: for plain text it is the file's bytes unchanged, for HTML the
// article's text as extracted.
//
// Bad input — empty, binary, invalid UTF-8, over the size cap, HTML with no
// readable text — is refused with a one-line error naming the document, before
// anything reaches the store.
package source

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/errs"
)

// DefaultMaxBytes is the size cap when none is set: large enough for any
// article or feed, small enough that a stray disk image is refused quickly.
const DefaultMaxBytes = 20 << 20

// Media types recorded in claim.Source.MediaType.
const (
	MediaText = "text/plain"
	MediaHTML = "text/html" // HTML pages, and feed items (whose Raw is the item's HTML content)
)

// Meta is what is known about a document besides its content. Document
// metadata (<title>, og:site_name, article:published_time, JSON-LD, feed
// fields) fills it first; a caller's Meta fills what the document leaves out.
type Meta struct {
	Outlet    string
	Title     string
	URL       string
	Published time.Time // the date relative times in the text resolve against
	Language  string
}

// fill returns m with its empty fields taken from o.
func (m Meta) fill(o Meta) Meta {
	if m.Outlet == "" {
		m.Outlet = o.Outlet
	}
	if m.Title == "" {
		m.Title = o.Title
	}
	if m.URL == "" {
		m.URL = o.URL
	}
	if m.Published.IsZero() {
		m.Published = o.Published
	}
	if m.Language == "" {
		m.Language = o.Language
	}
	return m
}

// ParseDate reads a publication date as YYYY-MM-DD (midnight UTC) or RFC 3339.
func ParseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	return time.Time{}, fmt.Errorf("date %q is neither YYYY-MM-DD nor RFC 3339", s)
}

// Ingester turns files, readers and URLs into sources. Its zero value ingests
// files with the default size cap and refuses URLs (no Fetcher).
type Ingester struct {
	// Fetcher fetches URLs; nil refuses them.
	Fetcher *Fetcher
	// MaxBytes caps the size of any document; 0 means DefaultMaxBytes.
	MaxBytes int64
	// Defaults fills metadata that neither the document nor a sidecar gives.
	Defaults Meta
	// ForceMeta makes Defaults override the document's own metadata.
	ForceMeta bool
	// Now stamps claim.Source.Fetched; nil means time.Now.
	Now func() time.Time
}

func (in *Ingester) maxBytes() int64 {
	if in.MaxBytes > 0 {
		return in.MaxBytes
	}
	return DefaultMaxBytes
}

func (in *Ingester) now() time.Time {
	if in.Now != nil {
		return in.Now().UTC()
	}
	return time.Now().UTC()
}

// FromFile ingests one file. A sidecar NAME.meta.json beside it (see
// ReadSidecar) supplies per-file metadata. A feed yields one source per item.
func (in *Ingester) FromFile(file string) ([]*claim.Source, error) {
	return in.fromFS(os.DirFS(filepath.Dir(file)), filepath.Base(file), file)
}

// FromFS ingests the file name of fsys, as FromFile does (sidecars included).
// It lets callers ingest embedded documents such as the seed examples.
func (in *Ingester) FromFS(fsys fs.FS, name string) ([]*claim.Source, error) {
	return in.fromFS(fsys, name, name)
}

func (in *Ingester) fromFS(fsys fs.FS, name, display string) ([]*claim.Source, error) {
	op := "ingest " + display
	f, err := fsys.Open(name)
	if err != nil {
		return nil, errs.E(errs.BadInput, op, cleanPathErr(err))
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, errs.E(errs.BadInput, op, cleanPathErr(err))
	}
	if fi.IsDir() {
		return nil, errs.E(errs.BadInput, op, "is a directory")
	}
	// Refuse an oversized regular file from its size alone, without reading it.
	if fi.Mode().IsRegular() && fi.Size() > in.maxBytes() {
		return nil, errs.E(errs.Refused, op, tooLarge(fi.Size(), in.maxBytes()))
	}
	side, err := readSidecar(fsys, name)
	if err != nil {
		return nil, errs.E(errs.BadInput, op, err)
	}
	raw, err := readCapped(f, in.maxBytes())
	if err != nil {
		return nil, errs.E(errs.KindOf(err), op, err)
	}
	return in.build(op, path.Base(name), raw, "", side)
}

// FromReader ingests a document read from r; name becomes claim.Source.Name
// and its extension, if any, hints at the format. meta is this document's own
// metadata and fills what the content does not say.
func (in *Ingester) FromReader(name string, r io.Reader, meta Meta) ([]*claim.Source, error) {
	op := "ingest " + name
	raw, err := readCapped(r, in.maxBytes())
	if err != nil {
		return nil, errs.E(errs.KindOf(err), op, err)
	}
	return in.build(op, name, raw, "", meta)
}

// FromBytes ingests raw with an optional media type (a Content-Type header
// value) deciding the format; otherwise the name's extension and the content
// decide.
func (in *Ingester) FromBytes(name string, raw []byte, contentType string, meta Meta) ([]*claim.Source, error) {
	op := "ingest " + name
	if int64(len(raw)) > in.maxBytes() {
		return nil, errs.E(errs.Refused, op, tooLarge(int64(len(raw)), in.maxBytes()))
	}
	return in.build(op, name, raw, contentType, meta)
}

// readCapped reads r whole unless it holds more than max bytes.
func readCapped(r io.Reader, max int64) ([]byte, error) {
	raw, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, errs.E(errs.BadInput, "", err)
	}
	if int64(len(raw)) > max {
		return nil, errs.E(errs.Refused, "", fmt.Sprintf("too large: more than %s (the cap; raise --max-bytes)", humanBytes(max)))
	}
	return raw, nil
}

func tooLarge(size, max int64) string {
	return fmt.Sprintf("too large: %s is over the %s cap (raise --max-bytes)", humanBytes(size), humanBytes(max))
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// cleanPathErr drops the path from an fs.PathError: the op already names it.
func cleanPathErr(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	return err
}

type format int

const (
	formatText format = iota
	formatHTML
	formatFeed
)

// detect decides a document's format from, in order, a Content-Type, the
// name's extension and the content itself.
func detect(name, contentType string, raw []byte) format {
	if contentType != "" {
		mt, _, _ := mime.ParseMediaType(contentType)
		switch mt {
		case "text/html", "application/xhtml+xml":
			return formatHTML
		case "application/rss+xml", "application/atom+xml", "application/feed+json",
			"application/rdf+xml":
			return formatFeed
		case "text/plain":
			return formatText
		}
	}
	switch strings.ToLower(path.Ext(name)) {
	case ".html", ".htm", ".xhtml", ".shtml":
		return formatHTML
	case ".rss", ".atom", ".xml", ".rdf":
		return formatFeed
	case ".txt", ".text":
		return formatText
	}
	head := strings.ToLower(string(bytes.TrimLeft(bytes.TrimPrefix(raw[:min(len(raw), 1024)], utf8BOM), " \t\r\n")))
	switch {
	case strings.HasPrefix(head, "<!doctype html"), strings.HasPrefix(head, "<html"):
		return formatHTML
	case strings.HasPrefix(head, "<?xml"), strings.HasPrefix(head, "<rss"), strings.HasPrefix(head, "<feed"),
		strings.HasPrefix(head, "<rdf:rdf"):
		return formatFeed
	}
	if strings.HasPrefix(http.DetectContentType(raw), "text/html") {
		return formatHTML
	}
	return formatText
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// checkText refuses content that cannot be a text document: empty, binary,
// UTF-16, or not UTF-8 (naming the byte offset and line of the first bad byte).
func checkText(raw []byte) error {
	if len(raw) == 0 {
		return errs.E(errs.BadInput, "", "file is empty")
	}
	if bytes.HasPrefix(raw, []byte{0xFF, 0xFE}) || bytes.HasPrefix(raw, []byte{0xFE, 0xFF}) {
		return errs.E(errs.BadInput, "", "UTF-16 text: convert it to UTF-8 first")
	}
	if i := bytes.IndexByte(raw, 0); i >= 0 {
		return errs.E(errs.BadInput, "", fmt.Sprintf("binary file (NUL byte at offset %d)", i))
	}
	if sniff := http.DetectContentType(raw); isBinaryType(sniff, raw) {
		return errs.E(errs.BadInput, "", fmt.Sprintf("binary file (looks like %s)", sniff))
	}
	if off := invalidUTF8(raw); off >= 0 {
		line := bytes.Count(raw[:off], []byte{'\n'}) + 1
		return errs.E(errs.BadInput, "", fmt.Sprintf("invalid UTF-8 at byte %d (line %d): convert the file to UTF-8", off, line))
	}
	if len(bytes.TrimSpace(raw)) == 0 {
		return errs.E(errs.BadInput, "", "file holds only white space")
	}
	return nil
}

// isBinaryType reports whether a sniffed content type means "not text". The
// sniffer calls any control byte binary; a few stray ones (a form feed, a
// vertical tab from a word processor) do not make a text file binary, so
// application/octet-stream only counts when control bytes are common.
func isBinaryType(sniff string, raw []byte) bool {
	mt, _, _ := mime.ParseMediaType(sniff)
	switch {
	case strings.HasPrefix(mt, "text/"), strings.Contains(mt, "xml"), strings.Contains(mt, "json"):
		return false
	case mt == "application/octet-stream":
		head := raw[:min(len(raw), 8192)]
		ctrl := 0
		for _, b := range head {
			if b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f' && b != '\v' && b != 0x1b {
				ctrl++
			}
		}
		return ctrl*100 > len(head)
	}
	return true
}

// invalidUTF8 returns the offset of the first byte that is not valid UTF-8, or -1.
func invalidUTF8(b []byte) int {
	if utf8.Valid(b) {
		return -1
	}
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return -1
}

// Hash is the content hash stored in claim.Source.ContentHash: hex SHA-256.
func Hash(raw []byte) string {
	sum := sha256.Sum256(raw)
	return hex.EncodeToString(sum[:])
}

// build dispatches raw to its format's reader and finishes the sources.
func (in *Ingester) build(op, name string, raw []byte, contentType string, meta Meta) ([]*claim.Source, error) {
	var (
		out []*claim.Source
		err error
	)
	switch detect(name, contentType, raw) {
	case formatHTML:
		var s *claim.Source
		s, err = in.fromHTML(name, raw, contentType, meta)
		out = []*claim.Source{s}
	case formatFeed:
		out, err = in.fromFeed(name, raw, meta)
	default:
		var s *claim.Source
		s, err = in.fromText(name, raw, meta)
		out = []*claim.Source{s}
	}
	if err != nil {
		return nil, errs.E(errs.KindOf(err), op, err)
	}
	for _, s := range out {
		if err := s.Validate(); err != nil {
			return nil, errs.E(errs.BadInput, op, oneLine(err))
		}
	}
	return out, nil
}

// finish sets the fields every source shares.
func (in *Ingester) finish(s *claim.Source, doc, meta Meta) *claim.Source {
	var m Meta
	if in.ForceMeta {
		m = in.Defaults.fill(meta).fill(doc)
	} else {
		m = meta.fill(doc).fill(in.Defaults)
	}
	s.Outlet, s.Title, s.URL, s.Published, s.Language = m.Outlet, m.Title, m.URL, m.Published, m.Language
	s.Fetched = in.now()
	s.ContentHash = Hash(s.Raw)
	return s
}

// fromText keeps a plain-text file's bytes as its text, unchanged: outside
// evaluation scores byte offsets into exactly these bytes.
func (in *Ingester) fromText(name string, raw []byte, meta Meta) (*claim.Source, error) {
	if err := checkText(raw); err != nil {
		return nil, err
	}
	s := &claim.Source{Name: name, MediaType: MediaText, Raw: raw, Text: string(raw)}
	return in.finish(s, Meta{}, meta), nil
}

// oneLine joins a multi-line error message into one line.
func oneLine(err error) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(err.Error(), "\n", "; ")), " ")
}
