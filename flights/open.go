package flights

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/triangulate/triangulate/errs"
)

// Reader streams the flights of one file. Records it cannot use are not
// returned as errors: they are counted and described in Report, so that a
// few bad rows never stop a load and never vanish silently.
type Reader interface {
	// Next returns the next flight, or io.EOF when there are no more. Any
	// other error means the file as a whole could not be read.
	Next() (Flight, error)
	Report() *Report
	Close() error
}

// Options configure the readers.
type Options struct {
	// Mapping names the columns of a generic CSV (Format CSV).
	Mapping Mapping
	// Airports are needed to infer legs' airports from position data.
	Airports *Airports
	Legs     LegOptions
	// SBSZone is the time zone of SBS-1 timestamps (receiver-local in
	// dump1090); nil means UTC.
	SBSZone   *time.Location
	MaxErrors int // row errors kept per file; 0 means MaxRowErrors
}

// Open opens a file of the given format (Auto detects it). Gzip-compressed
// files are read transparently (readsb writes its traces gzipped).
func Open(path string, format Format, opt Options) (Reader, error) {
	if format == "" || format == Auto {
		f, err := Detect(path)
		if err != nil {
			return nil, err
		}
		format = f
	}
	rep := &Report{File: path, Format: format, MaxErrors: opt.MaxErrors}
	if isParquet(path) {
		return openParquet(path, format, opt, rep)
	}
	switch format {
	case Readsb, SBS, StateVectors:
		return openPositions(path, format, opt, rep)
	case FR24:
		// A track export (Timestamp,UTC,Callsign,Position,…) is position data;
		// a flight-history export is a flight list.
		hdr, _ := firstLine(path)
		if isFR24Track(hdr) {
			return openPositions(path, format, opt, rep)
		}
	}
	return openCSV(path, format, opt, rep)
}

// Detect guesses a file's format from its name and first bytes.
func Detect(path string) (Format, error) {
	op := "flights: detect " + path
	if isParquet(path) {
		return detectParquet(path)
	}
	if strings.HasSuffix(strings.ToLower(path), ".bin") {
		return "", errs.E(errs.BadInput, op, "Beast binary captures are not supported: decode them with dump1090/readsb and load its SBS-1 (port 30003) or JSON output")
	}
	head, err := peek(path, 4096)
	if err != nil {
		return "", errs.E(errs.BadInput, op, err)
	}
	t := bytes.TrimLeft(head, "\ufeff \t\r\n")
	if len(t) > 0 && t[0] == '{' {
		if bytes.Contains(t, []byte(`"trace"`)) || bytes.Contains(t, []byte(`"aircraft"`)) {
			return Readsb, nil
		}
		return "", errs.E(errs.BadInput, op, "JSON that is neither a readsb trace nor aircraft.json")
	}
	line, _, _ := strings.Cut(string(t), "\n")
	line = strings.TrimSpace(line)
	cols := headerSet(line)
	switch {
	case strings.HasPrefix(line, "MSG,") || strings.HasPrefix(line, "SEL,") || strings.HasPrefix(line, "ID,") ||
		strings.HasPrefix(line, "AIR,") || strings.HasPrefix(line, "STA,") || strings.HasPrefix(line, "CLK,"):
		return SBS, nil
	case cols["estdepartureairport"] || cols["firstseen"]:
		return OpenSky, nil
	case isFR24Track(line):
		return FR24, nil
	case (cols["from"] && cols["to"]) && (cols["flight"] || cols["std"] || cols["atd"]):
		return FR24, nil
	case (cols["origin"] || cols["origin_airport"]) && (cols["destination"] || cols["dest"] || cols["destination_airport"]):
		return BTS, nil
	}
	return "", errs.E(errs.BadInput, op, fmt.Sprintf("cannot tell the format from the header %q: name it with --format (generic CSV: --format csv --map origin=COL,dest=COL,time=COL)", truncate(line, 120)))
}

func isParquet(path string) bool {
	if strings.HasSuffix(strings.ToLower(path), ".parquet") {
		return true
	}
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	var b [4]byte
	_, err = io.ReadFull(f, b[:])
	return err == nil && string(b[:]) == "PAR1"
}

func isFR24Track(header string) bool {
	c := headerSet(header)
	return c["timestamp"] && c["position"] && c["altitude"]
}

func headerSet(line string) map[string]bool {
	m := map[string]bool{}
	for _, f := range strings.Split(line, ",") {
		m[normCol(f)] = true
	}
	return m
}

func normCol(s string) string {
	return strings.ToLower(strings.Trim(strings.TrimSpace(s), "\"\ufeff"))
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// openText opens a file for reading, undoing gzip compression if present.
func openText(path string) (io.ReadCloser, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	br := bufio.NewReaderSize(f, 1<<16)
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			f.Close()
			return nil, err
		}
		return struct {
			io.Reader
			io.Closer
		}{zr, f}, nil
	}
	return struct {
		io.Reader
		io.Closer
	}{br, f}, nil
}

func peek(path string, n int) ([]byte, error) {
	rc, err := openText(path)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	b := make([]byte, n)
	k, err := io.ReadFull(rc, b)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return nil, err
	}
	return b[:k], nil
}

func firstLine(path string) (string, error) {
	b, err := peek(path, 4096)
	if err != nil {
		return "", err
	}
	line, _, _ := strings.Cut(string(bytes.TrimLeft(b, "\ufeff")), "\n")
	return strings.TrimSpace(line), nil
}

// DatasetName is a dataset name derived from a file name: its base name
// without extensions.
func DatasetName(path string) string {
	b := filepath.Base(path)
	for {
		ext := filepath.Ext(b)
		if ext == "" || ext == b {
			return b
		}
		b = strings.TrimSuffix(b, ext)
	}
}

// sliceReader serves flights already in memory (legs inferred from positions).
type sliceReader struct {
	flights []Flight
	rep     *Report
}

func (r *sliceReader) Next() (Flight, error) {
	if len(r.flights) == 0 {
		return Flight{}, io.EOF
	}
	f := r.flights[0]
	r.flights = r.flights[1:]
	return f, nil
}
func (r *sliceReader) Report() *Report { return r.rep }
func (r *sliceReader) Close() error    { return nil }
