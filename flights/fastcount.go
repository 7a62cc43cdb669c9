package flights

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"runtime"
	"slices"
	"sync"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/encoding"

	"github.com/triangulate/triangulate/errs"
)

// CountOptions say how codes are counted by the fast path.
type CountOptions struct {
	Airports  *Airports // with Normalize, codes are rewritten to IATA
	Normalize bool
	Groups    Groups
	Workers   int // row groups decoded in parallel; 0 means GOMAXPROCS
	MaxErrors int
}

// CountParquetBTS counts flights per route and local day in a BTS-style
// Parquet file (date as local departure time, origin, destination) without
// materialising rows: it decodes the three columns page by page, uses the
// dictionary indices of the string columns as integer keys, aggregates into
// flat per-route day arrays, decodes row groups in parallel, and maps ids
// back to airport codes only at the end. Rows with a null date, origin or
// destination are rejected and reported.
func CountParquetBTS(path string, opt CountOptions) (*Series, *Report, error) {
	op := "flights: count " + path
	p, err := openPQ(path)
	if err != nil {
		return nil, nil, err
	}
	defer p.f.Close()
	dc, ok1 := p.col("date")
	oc, ok2 := p.col("origin")
	tc, ok3 := p.col("destination", "dest")
	if !ok1 || !ok2 || !ok3 {
		return nil, nil, errs.E(errs.BadInput, op, "want columns date, origin, destination")
	}
	if !(dc.unit > 0 || dc.date) {
		return nil, nil, errs.E(errs.BadInput, op, "date is not a TIMESTAMP or DATE column: use flights.Open for this file")
	}
	rep := &Report{File: path, Format: BTS, MaxErrors: opt.MaxErrors}
	reg := &registry{id: map[string]int32{}, opt: opt}
	rgs := p.pf.RowGroups()
	offsets := make([]int64, len(rgs))
	var total int64
	for i, rg := range rgs {
		offsets[i] = total
		total += rg.NumRows()
	}
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = min(workers, max(1, len(rgs)))
	jobs := make(chan int)
	accs := make([]*accum, workers)
	errc := make(chan error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		acc := &accum{rep: &Report{File: path, MaxErrors: opt.MaxErrors}}
		accs[w] = acc
		wg.Add(1)
		go func() {
			defer wg.Done()
			var cols rgColumns
			for g := range jobs {
				if err := corrupt(func() error { return cols.decode(rgs[g], dc, oc, tc, reg) }); err != nil {
					errc <- fmt.Errorf("%s: row group %d: %w", op, g, err)
					for range jobs { // drain
					}
					return
				}
				acc.add(&cols, reg, offsets[g])
			}
		}()
	}
	for g := range rgs {
		jobs <- g
	}
	close(jobs)
	wg.Wait()
	close(errc)
	if err := <-errc; err != nil {
		return nil, nil, err
	}
	s := reg.series(accs)
	for _, a := range accs {
		rep.Merge(a.rep)
	}
	slices.SortFunc(rep.Errors, func(a, b RowError) int { return cmp.Compare(a.Line, b.Line) })
	return s, rep, nil
}

// registry assigns global ids to airport codes (after grouping and
// normalisation); workers translate each dictionary once.
type registry struct {
	mu    sync.Mutex
	id    map[string]int32
	codes []string
	opt   CountOptions
}

func (r *registry) lookup(raw string) int32 {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.lookupLocked(raw)
}

func (r *registry) lookupLocked(raw string) int32 {
	if raw == "" {
		return -1
	}
	c := canonical(raw, r.opt.Airports, r.opt.Normalize, r.opt.Groups)
	if id, ok := r.id[c]; ok {
		return id
	}
	id := int32(len(r.codes))
	r.codes = append(r.codes, c)
	r.id[c] = id
	return id
}

func (r *registry) size() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.codes)
}

// rgColumns holds one row group's decoded keys: day number and airport ids,
// -1 (or noDay) for nulls.
type rgColumns struct {
	day, org, dst []int32
}

const noDay = int32(-1 << 31)

func (c *rgColumns) decode(rg parquet.RowGroup, dc, oc, tc pqCol, reg *registry) error {
	n := int(rg.NumRows())
	c.day = resize(c.day, n)
	c.org = resize(c.org, n)
	c.dst = resize(c.dst, n)
	chunks := rg.ColumnChunks()
	if err := decodeColumn(chunks[dc.idx], c.day, func(d parquet.Dictionary) []int32 { return dayTable(d, dc) }, func(v encoding.Values, out []int32) error {
		return plainDays(v, out, dc)
	}); err != nil {
		return fmt.Errorf("date: %w", err)
	}
	strTable := func(d parquet.Dictionary) []int32 {
		t := make([]int32, d.Len())
		reg.mu.Lock()
		for i := range t {
			t[i] = reg.lookupLocked(string(d.Index(int32(i)).ByteArray()))
		}
		reg.mu.Unlock()
		return t
	}
	plainStr := func(v encoding.Values, out []int32) error {
		if v.Kind() != encoding.ByteArray {
			return errors.New("not a string column")
		}
		data, offs := v.ByteArray()
		for i := range out {
			out[i] = reg.lookup(string(data[offs[i]:offs[i+1]]))
		}
		return nil
	}
	if err := decodeColumn(chunks[oc.idx], c.org, strTable, plainStr); err != nil {
		return fmt.Errorf("origin: %w", err)
	}
	if err := decodeColumn(chunks[tc.idx], c.dst, strTable, plainStr); err != nil {
		return fmt.Errorf("destination: %w", err)
	}
	return nil
}

func resize(s []int32, n int) []int32 {
	if cap(s) < n {
		return make([]int32, n)
	}
	return s[:n]
}

// decodeColumn fills out (one entry per row) from a column chunk: dictionary
// indices go through table (built once per dictionary), plain pages through
// plain; null rows get -1 (noDay for days, detected by the caller as < 0…).
func decodeColumn(cc parquet.ColumnChunk, out []int32, table func(parquet.Dictionary) []int32, plain func(encoding.Values, []int32) error) error {
	pages := cc.Pages()
	defer pages.Close()
	var dict parquet.Dictionary
	var tab []int32
	pos := 0
	var vals []int32
	for {
		page, err := pages.ReadPage()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		nrows := int(page.NumValues())
		if pos+nrows > len(out) {
			parquet.Release(page)
			return fmt.Errorf("page overruns the row group (%d+%d > %d rows)", pos, nrows, len(out))
		}
		nvals := nrows - int(page.NumNulls())
		vals = resize(vals, nvals)
		data := page.Data()
		if d := page.Dictionary(); d != nil {
			if d != dict {
				dict, tab = d, table(d)
			}
			idx := data.Int32()
			if len(idx) < nvals {
				parquet.Release(page)
				return fmt.Errorf("page has %d values, want %d", len(idx), nvals)
			}
			for i, x := range idx[:nvals] {
				vals[i] = tab[x]
			}
		} else if err := plain(data, vals); err != nil {
			parquet.Release(page)
			return err
		}
		dst := out[pos : pos+nrows]
		if nvals == nrows {
			copy(dst, vals)
		} else {
			defs := page.DefinitionLevels()
			maxDef := byte(0)
			for _, l := range defs {
				maxDef = max(maxDef, l)
			}
			k := 0
			for i := range dst {
				if defs[i] == maxDef {
					dst[i] = vals[k]
					k++
				} else {
					dst[i] = nullKey
				}
			}
		}
		pos += nrows
		parquet.Release(page)
	}
	if pos != len(out) {
		return fmt.Errorf("column has %d rows, row group %d", pos, len(out))
	}
	return nil
}

// nullKey marks a null in any decoded column (airport ids are ≥ 0, and no
// day of interest is this far before 1970).
const nullKey = noDay

func dayTable(d parquet.Dictionary, c pqCol) []int32 {
	t := make([]int32, d.Len())
	for i := range t {
		t[i] = dayNumber(d.Index(int32(i)).Int64(), c)
	}
	return t
}

func plainDays(v encoding.Values, out []int32, c pqCol) error {
	switch v.Kind() {
	case encoding.Int64:
		for i, x := range v.Int64()[:len(out)] {
			out[i] = dayNumber(x, c)
		}
	case encoding.Int32:
		for i, x := range v.Int32()[:len(out)] {
			out[i] = dayNumber(int64(x), c)
		}
	default:
		return errors.New("date is not an integer column")
	}
	return nil
}

// dayNumber is the day of a wall-clock timestamp (BTS dates are local).
func dayNumber(v int64, c pqCol) int32 {
	if c.date {
		return int32(v)
	}
	perDay := int64(86400e9 / c.unit)
	return int32(floorDiv(v, perDay))
}

// accum is one worker's counts: dense route table over global airport ids,
// and per-route day arrays.
type accum struct {
	stride int     // route table is stride×stride
	rt     []int32 // (origin*stride + dest) → local route id, -1 none
	routes [][2]int32
	first  int32
	n      int
	counts [][]int32
	rep    *Report
}

func (a *accum) add(c *rgColumns, reg *registry, rowOffset int64) {
	if na := reg.size(); na > a.stride {
		a.rebuild(na)
	}
	lo, hi := int32(1<<31-1), int32(-1<<31)
	for _, d := range c.day {
		if d != nullKey {
			lo, hi = min(lo, d), max(hi, d)
		}
	}
	if lo <= hi {
		a.grow(lo, hi)
	}
	stride, rt := int32(a.stride), a.rt
	nulls := 0
	for i, d := range c.day {
		o, t := c.org[i], c.dst[i]
		if d == nullKey || o < 0 || t < 0 {
			a.rep.reject(int(rowOffset)+i+1, "null field", "null %s", nullWhich(d, o, t))
			nulls++
			continue
		}
		k := o*stride + t
		r := rt[k]
		if r < 0 {
			r = int32(len(a.routes))
			rt[k] = r
			a.routes = append(a.routes, [2]int32{o, t})
			a.counts = append(a.counts, make([]int32, a.n))
		}
		a.counts[r][d-a.first]++
	}
	a.rep.OK += len(c.day) - nulls
	a.rep.Rows += len(c.day) - nulls
}

func nullWhich(d, o, t int32) string {
	switch {
	case d == nullKey:
		return "date"
	case o < 0:
		return "origin"
	}
	return "destination"
}

func (a *accum) rebuild(na int) {
	stride := 64
	for stride < na {
		stride *= 2
	}
	rt := make([]int32, stride*stride)
	for i := range rt {
		rt[i] = -1
	}
	for r, k := range a.routes {
		rt[int(k[0])*stride+int(k[1])] = int32(r)
	}
	a.stride, a.rt = stride, rt
}

func (a *accum) grow(lo, hi int32) {
	if a.n > 0 && lo >= a.first && int(hi-a.first) < a.n {
		return
	}
	if a.n > 0 {
		lo, hi = min(lo, a.first), max(hi, a.first+int32(a.n)-1)
	}
	n := int(hi-lo) + 1
	shift := 0
	if a.n > 0 {
		shift = int(a.first - lo)
	}
	for i, c := range a.counts {
		nc := make([]int32, n)
		copy(nc[shift:], c)
		a.counts[i] = nc
	}
	a.first, a.n = lo, n
}

// series merges the workers' counts into a Series keyed by airport code.
func (r *registry) series(accs []*accum) *Series {
	s := NewSeries()
	first, last, any := int32(0), int32(0), false
	for _, a := range accs {
		if a.n == 0 {
			continue
		}
		if !any {
			first, last, any = a.first, a.first+int32(a.n)-1, true
		}
		first, last = min(first, a.first), max(last, a.first+int32(a.n)-1)
	}
	if !any {
		return s
	}
	s.first, s.n = Day(first), int(last-first)+1
	s.codes = append(s.codes, r.codes...)
	for i, c := range r.codes {
		s.codeID[c] = int32(i)
	}
	for _, a := range accs {
		off := int(a.first - first)
		for lr, k := range a.routes {
			gr := s.route(k[0], k[1])
			dst := s.counts[gr][off:]
			for i, v := range a.counts[lr] {
				dst[i] += v
				s.total += int64(v)
			}
		}
	}
	return s
}
