package flights

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strings"
	"time"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/format"

	"github.com/triangulate/triangulate/errs"
)

// pqFile is an open Parquet file with its columns looked up by name.
type pqFile struct {
	f    *os.File
	pf   *parquet.File
	cols map[string]pqCol
}

// pqCol is a leaf column: its index in a row and how to read a time from it.
type pqCol struct {
	idx  int
	unit time.Duration // timestamp unit; 0 if not a timestamp
	utc  bool          // timestamp is an instant (isAdjustedToUTC)
	date bool          // DATE: days since the epoch
}

func openPQ(path string) (*pqFile, error) {
	op := "flights: open " + path
	f, err := os.Open(path)
	if err != nil {
		return nil, errs.E(errs.BadInput, op, err)
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, errs.E(errs.BadInput, op, err)
	}
	if err := checkFooter(f, st.Size()); err != nil {
		f.Close()
		return nil, errs.E(errs.BadInput, op, fmt.Errorf("not a Parquet file: %w", err))
	}
	var pf *parquet.File
	err = corrupt(func() error {
		var err error
		pf, err = parquet.OpenFile(f, st.Size())
		return err
	})
	if err != nil {
		f.Close()
		return nil, errs.E(errs.BadInput, op, fmt.Errorf("not a Parquet file: %w", err))
	}
	p := &pqFile{f: f, pf: pf, cols: map[string]pqCol{}}
	for _, path := range pf.Schema().Columns() {
		if len(path) != 1 {
			continue // nested (lists): not needed
		}
		leaf, ok := pf.Schema().Lookup(path...)
		if !ok {
			continue
		}
		c := pqCol{idx: leaf.ColumnIndex, utc: true}
		if lt := leaf.Node.Type().LogicalType(); lt != nil {
			switch v := lt.Value.(type) {
			case *format.TimestampType:
				c.utc = v.IsAdjustedToUTC
				if v.Unit.Value != nil {
					c.unit = v.Unit.Value.Duration()
				}
			case *format.DateType:
				c.date = true
			}
		}
		p.cols[strings.ToLower(path[0])] = c
	}
	return p, nil
}

// checkFooter checks the length the file's tail declares for its footer
// against the file's size before parquet-go reads it: the library allocates
// the declared length (up to 4 GiB) first and reads second, so a 700-byte
// file could make it allocate gigabytes (found by FuzzCountParquetBTS).
func checkFooter(r io.ReaderAt, size int64) error {
	const magic = 4
	if size < 2*magic+4 {
		return fmt.Errorf("%d bytes is too short to hold a header, footer and its length", size)
	}
	var tail [8]byte
	if _, err := r.ReadAt(tail[:], size-8); err != nil {
		return fmt.Errorf("read footer length: %w", err)
	}
	if m := string(tail[4:]); m != "PAR1" && m != "PARE" {
		return fmt.Errorf("no Parquet magic at the end (%q)", m)
	}
	n := int64(binary.LittleEndian.Uint32(tail[:4]))
	if n > size-2*magic-4 {
		return fmt.Errorf("footer declares %d bytes, the file holds %d", n, size)
	}
	return nil
}

func (p *pqFile) has(names ...string) bool {
	for _, n := range names {
		if _, ok := p.cols[n]; !ok {
			return false
		}
	}
	return true
}

func (p *pqFile) col(names ...string) (pqCol, bool) {
	for _, n := range names {
		if c, ok := p.cols[n]; ok {
			return c, true
		}
	}
	return pqCol{idx: -1}, false
}

// time reads a time from a value; local reports a wall-clock time (a
// timestamp not adjusted to UTC).
func (c pqCol) time(v parquet.Value) (t time.Time, local bool, err error) {
	if v.IsNull() {
		return time.Time{}, false, errors.New("null")
	}
	switch v.Kind() {
	case parquet.Int64, parquet.Int32:
		n := v.Int64()
		if v.Kind() == parquet.Int32 {
			n = int64(v.Int32())
		}
		switch {
		case c.date:
			return time.Unix(n*86400, 0).UTC(), true, nil
		case c.unit > 0:
			return time.Unix(0, 0).Add(time.Duration(n) * c.unit).UTC(), !c.utc, nil
		}
		return time.Unix(n, 0).UTC(), false, nil // plain integer: Unix seconds
	case parquet.Double, parquet.Float:
		f := v.Double()
		if v.Kind() == parquet.Float {
			f = float64(v.Float())
		}
		if math.IsNaN(f) {
			return time.Time{}, false, errors.New("NaN")
		}
		return unixFloat(f), false, nil
	case parquet.ByteArray:
		t, err := parseTime(string(v.ByteArray()), "")
		return t, false, err
	}
	return time.Time{}, false, fmt.Errorf("unsupported time type %v", v.Kind())
}

func pqString(v parquet.Value) string {
	if v.IsNull() || v.Kind() != parquet.ByteArray {
		return ""
	}
	return strings.TrimSpace(string(v.ByteArray()))
}

func pqFloat(v parquet.Value) float64 {
	if v.IsNull() {
		return math.NaN()
	}
	switch v.Kind() {
	case parquet.Double:
		return v.Double()
	case parquet.Float:
		return float64(v.Float())
	case parquet.Int64:
		return float64(v.Int64())
	case parquet.Int32:
		return float64(v.Int32())
	}
	return math.NaN()
}

// corrupt runs fn, which reads a Parquet file, and turns a panic of the
// Parquet library into an error. parquet-go trusts the offsets and lengths
// a file declares: a damaged or hostile file makes it slice out of range
// (found by FuzzBTSParquet), and bad input must be an error, not a crash.
func corrupt(fn func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("corrupt Parquet file (%v)", r)
		}
	}()
	return fn()
}

// rows calls fn for each row (1-based number, values indexed by column).
func (p *pqFile) rows(fn func(n int, vals []parquet.Value)) error {
	if err := corrupt(func() error { return p.readRows(fn) }); err != nil {
		return errs.E(errs.BadInput, "flights: read "+p.f.Name(), err)
	}
	return nil
}

func (p *pqFile) readRows(fn func(n int, vals []parquet.Value)) error {
	ncol := len(p.pf.Schema().Columns())
	vals := make([]parquet.Value, ncol)
	buf := make([]parquet.Row, 512)
	n := 0
	for _, rg := range p.pf.RowGroups() {
		rr := rg.Rows()
		for {
			k, err := rr.ReadRows(buf)
			for _, row := range buf[:k] {
				n++
				clear(vals)
				for _, v := range row {
					if c := v.Column(); c >= 0 && c < ncol && vals[c].IsNull() {
						vals[c] = v
					}
				}
				fn(n, vals)
			}
			if err == io.EOF {
				break
			}
			if err != nil {
				rr.Close()
				return err
			}
		}
		rr.Close()
	}
	return nil
}

func detectParquet(path string) (Format, error) {
	p, err := openPQ(path)
	if err != nil {
		return "", err
	}
	defer p.f.Close()
	switch {
	case p.has("estdepartureairport", "estarrivalairport"):
		return OpenSky, nil
	case p.has("rawmsg"):
		return "", errs.E(errs.BadInput, "flights: detect "+path, "OpenSky raw Mode S messages (rawmsg) are not supported: reading them means decoding Mode S; load state vectors (state_vectors_data4) instead")
	case p.has("icao24", "lat", "lon", "time"):
		return StateVectors, nil
	case p.has("origin") && (p.has("destination") || p.has("dest")):
		return BTS, nil
	}
	return "", errs.E(errs.BadInput, "flights: detect "+path, "Parquet columns match no known flight format (want OpenSky flights, OpenSky state vectors, or date/origin/destination)")
}

func openParquet(path string, format Format, opt Options, rep *Report) (Reader, error) {
	op := "flights: read " + path
	switch format {
	case StateVectors:
		return openPositions(path, format, opt, rep)
	case OpenSky, BTS, CSV:
	default:
		return nil, errs.E(errs.BadInput, op, "format "+string(format)+" is not read from Parquet")
	}
	p, err := openPQ(path)
	if err != nil {
		return nil, err
	}
	defer p.f.Close()
	if p.has("rawmsg") {
		return nil, errs.E(errs.BadInput, op, "OpenSky raw Mode S messages (rawmsg) are not supported")
	}
	var o, d, t, cs, ic pqCol
	var ok1, ok2, ok3 bool
	local := false
	switch format {
	case OpenSky:
		o, ok1 = p.col("estdepartureairport")
		d, ok2 = p.col("estarrivalairport")
		t, ok3 = p.col("firstseen")
		cs, _ = p.col("callsign")
		ic, _ = p.col("icao24")
	case BTS:
		o, ok1 = p.col("origin")
		d, ok2 = p.col("destination", "dest")
		t, ok3 = p.col("date")
		local = true
	case CSV:
		m := opt.Mapping
		o, ok1 = p.col(strings.ToLower(m.Origin))
		d, ok2 = p.col(strings.ToLower(m.Dest))
		t, ok3 = p.col(strings.ToLower(m.Time))
		cs, _ = p.col(strings.ToLower(m.Callsign))
		ic, _ = p.col(strings.ToLower(m.Icao24))
		local = m.Local
	}
	if !ok1 || !ok2 || !ok3 {
		return nil, errs.E(errs.BadInput, op, "missing origin, destination or time column for format "+string(format))
	}
	// Rows are read into memory as flights: this is the general path. The
	// columnar fast path for large BTS-style files is CountParquetBTS.
	var fs []Flight
	err = p.rows(func(n int, v []parquet.Value) {
		dep, wall, err := t.time(v[t.idx])
		if err != nil {
			rep.reject(n, "departure time", "departure time: %v", err)
			return
		}
		f := Flight{Origin: pqString(v[o.idx]), Dest: pqString(v[d.idx]), Dep: dep, LocalTime: local || wall}
		if cs.idx >= 0 {
			f.Callsign = pqString(v[cs.idx])
		}
		if ic.idx >= 0 {
			f.Icao24 = pqString(v[ic.idx])
		}
		if format != OpenSky && (f.Origin == "" || f.Dest == "") {
			rep.reject(n, "empty origin or destination", "empty origin or destination")
			return
		}
		rep.ok()
		if f.Origin == "" || f.Dest == "" {
			rep.Unrouted++
		}
		fs = append(fs, f)
	})
	if err != nil {
		return nil, err
	}
	return &sliceReader{flights: fs, rep: rep}, nil
}

// readStateVectors reads OpenSky state vectors (Trino state_vectors_data4):
// time, icao24, lat, lon, callsign, onground, baroaltitude (metres).
func readStateVectors(path string, rep *Report) ([]Position, error) {
	op := "flights: read " + path
	p, err := openPQ(path)
	if err != nil {
		return nil, err
	}
	defer p.f.Close()
	if p.has("rawmsg") {
		return nil, errs.E(errs.BadInput, op, "OpenSky raw Mode S messages (rawmsg) are not supported: reading them means decoding Mode S; load state vectors instead")
	}
	if !p.has("time", "icao24", "lat", "lon") {
		return nil, errs.E(errs.BadInput, op, "not OpenSky state vectors: need time, icao24, lat, lon")
	}
	tc, _ := p.col("time")
	ic, _ := p.col("icao24")
	la, _ := p.col("lat")
	lo, _ := p.col("lon")
	cs, _ := p.col("callsign")
	og, hasGround := p.col("onground")
	alt, hasAlt := p.col("baroaltitude")
	geo, hasGeo := p.col("geoaltitude")
	var ps []Position
	err = p.rows(func(n int, v []parquet.Value) {
		t, _, err := tc.time(v[tc.idx])
		if err != nil {
			rep.reject(n, "time", "time: %v", err)
			return
		}
		icao := pqString(v[ic.idx])
		if icao == "" {
			rep.reject(n, "no icao24", "no icao24")
			return
		}
		rep.ok()
		lat, lon := pqFloat(v[la.idx]), pqFloat(v[lo.idx])
		if math.IsNaN(lat) || math.IsNaN(lon) {
			return // a valid row without a position fix
		}
		pos := Position{Icao24: icao, Time: t, Lat: lat, Lon: lon, AltFt: math.NaN()}
		if cs.idx >= 0 {
			pos.Callsign = pqString(v[cs.idx])
		}
		if hasGround && !v[og.idx].IsNull() {
			pos.OnGround = v[og.idx].Boolean()
		}
		if hasAlt {
			pos.AltFt = pqFloat(v[alt.idx]) / 0.3048
		}
		if math.IsNaN(pos.AltFt) && hasGeo {
			pos.AltFt = pqFloat(v[geo.idx]) / 0.3048
		}
		if pos.OnGround && math.IsNaN(pos.AltFt) {
			pos.AltFt = 0
		}
		ps = append(ps, pos)
	})
	return ps, err
}
