// Command gen rebuilds the generated files of the default knowledge pack
// (places-geonames.tsv, places-countries.tsv, airports.tsv) from the shared
// reference data. Run it from the module root:
//
//	go run ./knowledge/internal/gen -shared ../shared/data -out knowledge/packs/default
//
// or with `go generate ./knowledge`. The product never runs it: it embeds
// the files it writes.
package main

import (
	"bufio"
	"cmp"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/triangulate/triangulate/geo"
	"github.com/triangulate/triangulate/knowledge"
)

func main() {
	shared := flag.String("shared", "../shared/data", "the shared reference data folder")
	out := flag.String("out", "knowledge/packs/default", "the pack folder to write")
	in := flag.String("in", "knowledge/internal/gen", "the folder of hand-written generator inputs")
	words := flag.String("words", "/usr/share/dict/words", "an English word list (Debian's wamerican, SCOWL): the world's towns whose names are lower-case words in it are left out")
	flag.Parse()
	if err := run(*shared, *in, *out, *words); err != nil {
		log.Fatal(err)
	}
}

func run(shared, in, out, wordsPath string) error {
	words, err := readWords(wordsPath)
	if err != nil {
		return err
	}
	// A town may not share a name with the pack's actors, demonyms and
	// peoples ("Fano", "TAK", "Brits"): they rank above places in a scan.
	kp, err := knowledge.Load()
	if err != nil {
		return err
	}
	for _, a := range kp.Actors() {
		for _, n := range append([]string{a.Name}, a.Aliases...) {
			words[knowledge.Fold(n)] = true
		}
	}
	for _, n := range kp.Nationalities() {
		for _, f := range slices.Concat(n.Adjectives, n.Singular, n.Plural) {
			words[knowledge.Fold(f)] = true
		}
	}
	for _, pe := range kp.Peoples() {
		for _, f := range slices.Concat(pe.Adjectives, pe.Singular, pe.Plural) {
			words[knowledge.Fold(f)] = true
		}
	}
	provinces, err := readProvinces(filepath.Join(out, "places.json"))
	if err != nil {
		return err
	}
	aliases, err := readAliases(filepath.Join(in, "place-aliases.tsv"))
	if err != nil {
		return err
	}
	gn, err := readGeoNames(filepath.Join(shared, "geonames-cities1000.tsv"))
	if err != nil {
		return err
	}
	metonyms, err := readMetonyms(filepath.Join(out, "demonyms.json"), filepath.Join(in, "countries.tsv"))
	if err != nil {
		return err
	}
	places := selectPlaces(gn, aliases, provinces, metonyms, words)
	if err := writeTSV(filepath.Join(out, "places-geonames.tsv"), placeHeader, placeRows(places)); err != nil {
		return err
	}
	countries, err := countryPlaces(filepath.Join(in, "countries.tsv"), filepath.Join(shared, "countries-50m.json"))
	if err != nil {
		return err
	}
	if err := writeTSV(filepath.Join(out, "places-countries.tsv"), placeHeader, placeRows(countries)); err != nil {
		return err
	}
	airports, err := readAirports(filepath.Join(shared, "openflights-airports.json"), gn)
	if err != nil {
		return err
	}
	if err := writeTSV(filepath.Join(out, "airports.tsv"), airportHeader, airports); err != nil {
		return err
	}
	log.Printf("wrote %d places, %d countries, %d airports", len(places), len(countries), len(airports))
	return nil
}

var (
	placeHeader   = []string{"id", "name", "aliases", "kind", "country", "admin1", "province", "lat", "lon", "precision", "population"}
	airportHeader = []string{"iata", "icao", "name", "city", "country", "country_code", "lat", "lon", "tz", "utc_offset"}
)

type place struct {
	id, name   string
	aliases    []string
	kind       string
	country    string
	admin1     string
	province   string
	lat, lon   float64
	precision  string
	population int
}

func placeRows(ps []place) [][]string {
	rows := make([][]string, 0, len(ps))
	for _, p := range ps {
		rows = append(rows, []string{p.id, p.name, strings.Join(p.aliases, "|"), p.kind, p.country, p.admin1, p.province,
			ftoa(p.lat), ftoa(p.lon), p.precision, strconv.Itoa(p.population)})
	}
	return rows
}

func ftoa(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

func writeTSV(path string, header []string, rows [][]string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	fmt.Fprintln(w, strings.Join(header, "\t"))
	for _, r := range rows {
		for i, c := range r {
			if strings.ContainsAny(c, "\t\n") {
				return fmt.Errorf("%s: field %q holds a tab or newline", path, c)
			}
			if i > 0 {
				w.WriteByte('\t')
			}
			w.WriteString(c)
		}
		w.WriteByte('\n')
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// readProvinces maps "IR/09" to the province's name, from the hand-written places.
func readProvinces(path string) (map[string]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var ps []knowledge.Place
	if err := json.Unmarshal(b, &ps); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	m := make(map[string]string)
	for _, p := range ps {
		if p.Kind == "province" && p.Admin1 != "" {
			m[p.Country+"/"+p.Admin1] = p.Name
		}
	}
	return m, nil
}

// readMetonyms returns the capitals and seats named in the hand-written
// demonym table, as "GeoNames country/folded name", so that the capital of
// a small country is kept as a place although it is not in the region and
// has not a million people (Hargeisa, Tiraspol). A territory that GeoNames
// files under another country names it in the table of countries.
func readMetonyms(path, countries string) (map[string]bool, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var ns []knowledge.Nationality
	if err := json.Unmarshal(b, &ns); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	rows, err := readLines(countries)
	if err != nil {
		return nil, err
	}
	filedUnder := map[string]string{}
	for _, f := range rows {
		if len(f) >= 7 && f[6] != "" {
			filedUnder[f[0]] = f[6]
		}
	}
	m := make(map[string]bool)
	for _, n := range ns {
		for _, name := range n.Metonyms {
			m[cmp.Or(filedUnder[n.Country], n.Country)+"/"+knowledge.Fold(name)] = true
		}
	}
	return m, nil
}

type aliasRow struct {
	preferred string
	aliases   []string
}

// readAliases reads the hand-written English names, keyed "IQ/Al Kūt".
func readAliases(path string) (map[string]aliasRow, error) {
	rows, err := readLines(path)
	if err != nil {
		return nil, err
	}
	m := make(map[string]aliasRow)
	for _, f := range rows {
		if len(f) < 3 {
			return nil, fmt.Errorf("%s: short row %q", path, f)
		}
		r := aliasRow{preferred: f[2]}
		if len(f) > 3 && f[3] != "" {
			r.aliases = strings.Split(f[3], "|")
		}
		m[f[0]+"/"+f[1]] = r
	}
	return m, nil
}

// readLines reads a tab-separated file, skipping blank lines and # comments.
func readLines(path string) ([][]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var out [][]string
	for _, l := range strings.Split(string(b), "\n") {
		if strings.TrimSpace(l) == "" || strings.HasPrefix(l, "#") {
			continue
		}
		out = append(out, strings.Split(l, "\t"))
	}
	return out, nil
}

type gnRow struct {
	id, name, country, code, admin1 string
	population                      int
	lat, lon                        float64
}

func readGeoNames(path string) ([]gnRow, error) {
	rows, err := readLines(path)
	if err != nil {
		return nil, err
	}
	var out []gnRow
	for i, f := range rows {
		if i == 0 {
			continue // header
		}
		if len(f) != 9 {
			return nil, fmt.Errorf("%s: row %d has %d fields", path, i+1, len(f))
		}
		pop, _ := strconv.Atoi(f[6])
		lat, err1 := strconv.ParseFloat(f[7], 64)
		lon, err2 := strconv.ParseFloat(f[8], 64)
		if err1 != nil || err2 != nil {
			return nil, fmt.Errorf("%s: row %d: bad coordinates", path, i+1)
		}
		out = append(out, gnRow{id: f[0], name: f[1], country: f[3], code: f[4], admin1: f[5], population: pop, lat: lat, lon: lon})
	}
	return out, nil
}

// Neighbours of Iran and Iraq and the wider region: their towns of 50,000
// or more are kept (all of Iran's, Iraq's and Syria's).
var region = map[string]bool{"SY": true, "TR": true, "SA": true, "KW": true, "JO": true, "LB": true, "AF": true,
	"PK": true, "AZ": true, "AM": true, "IL": true, "PS": true, "AE": true, "QA": true, "BH": true, "OM": true,
	"YE": true, "TM": true, "GE": true, "EG": true}

// Arabic-speaking countries, where "-ah" endings are often written "-a".
var arabic = map[string]bool{"IQ": true, "SY": true, "SA": true, "KW": true, "JO": true, "LB": true, "PS": true,
	"AE": true, "QA": true, "BH": true, "OM": true, "YE": true, "EG": true}

// stop lists folded names that are common English words (or given names):
// as place names they would be found in ordinary prose.
var stop = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`a an the of and or in on at to by as is it be he we us man men war bush jam mary male queens
		shaft police army camp station university hospital center centre city town village new old north south east west
		central market bridge garden gardens university port union victoria regina hope faith grace joy liberty independence
		mobile split nice reading bath orange march may june august mercy paradise zion eden trinity temple church mosque
		sur nur ana bana bane sine khaneh salman hamza diana qasim tuz sina deyr kousa dadu moro mohr bonab famast rabor
		hiran likak sinah ardal garmeh germi anar anuch budta pamas razan rehnan teni givi tala tanda sibi nir showt mawet`) {
		stop[w] = true
	}
}

// worldTown is the population from which a town anywhere is kept: reports
// of any region name their towns, and a name no pack knows is read only
// after a preposition.
const worldTown = 15000

// readWords returns the folded lower-case entries of an English word list.
func readWords(path string) (map[string]bool, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("gen: the English word list (install Debian's wamerican, or pass -words): %w", err)
	}
	out := map[string]bool{}
	for _, w := range strings.Fields(string(b)) {
		if r, _ := utf8.DecodeRuneInString(w); unicode.IsLower(r) && !strings.HasSuffix(w, "'s") {
			out[knowledge.Fold(w)] = true
		}
	}
	return out, nil
}

func selectPlaces(gn []gnRow, aliases map[string]aliasRow, provinces map[string]string, metonyms map[string]bool, words map[string]bool) []place {
	// The most populous place of each metonym's name is its capital.
	capital := map[string]gnRow{}
	for _, r := range gn {
		names := []string{r.name, asciify(r.name)}
		if a, ok := aliases[r.country+"/"+r.name]; ok {
			names = append(append(names, a.preferred), a.aliases...)
		}
		for _, n := range names {
			if f := r.country + "/" + knowledge.Fold(n); metonyms[f] && r.population > capital[f].population {
				capital[f] = r
			}
		}
	}
	isCapital := map[string]bool{}
	for _, r := range capital {
		isCapital[r.id] = true
	}
	var out []place
	for _, r := range gn {
		keep := r.country == "IR" || r.country == "IQ" || r.country == "SY" ||
			(region[r.country] && r.population >= 50000) ||
			r.population >= 1000000 || r.code == "PPLC" || isCapital[r.id]
		// Elsewhere, towns of 15,000 or more whose names are no English
		// word ("Police", "Bar", "Hope" are towns too, and open sentences).
		world := !keep && r.population >= worldTown
		if !keep && !world {
			continue
		}
		p := place{id: "gn-" + r.id, name: r.name, kind: "city", country: r.country, admin1: r.admin1,
			province: provinces[r.country+"/"+r.admin1], lat: r.lat, lon: r.lon, precision: "city", population: r.population}
		// The Name is plain ASCII (Qaşr-e Shīrīn → Qasr-e Shirin) unless the
		// alias table gives the usual English name; GeoNames' spelling stays
		// an alias.
		p.name = asciify(r.name)
		names := []string{p.name, r.name}
		if a, ok := aliases[r.country+"/"+r.name]; ok {
			p.name = a.preferred
			names = append([]string{a.preferred, r.name}, a.aliases...)
		}
		var kept []string
		seen := map[string]bool{}
		for _, n := range names {
			for _, v := range variants(n, r.country) {
				f := knowledge.Fold(v)
				if seen[v] || len([]rune(f)) < 3 || (stop[f] && r.code != "PPLC") || stop[knowledge.FoldLoose(v)] {
					continue
				}
				if world && (words[f] || words[knowledge.FoldLoose(v)]) {
					continue
				}
				seen[v] = true
				kept = append(kept, v)
			}
		}
		if len(kept) == 0 {
			continue // every name is a common word
		}
		if !slices.Contains(kept, p.name) {
			p.name = kept[0]
		}
		for _, k := range kept {
			if k != p.name {
				p.aliases = append(p.aliases, k)
			}
		}
		out = append(out, p)
	}
	slices.SortFunc(out, func(a, b place) int {
		return cmp.Or(cmp.Compare(a.country, b.country), cmp.Compare(b.population, a.population), cmp.Compare(a.id, b.id))
	})
	return out
}

// variants returns n and its common transliteration variants: "-ah" written
// "-a" in Arabic names (Basrah/Basra, Nasiriyah/Nasiriya), and the Persian
// ezafe written -i- or run together (Qasr-e Shirin, Qasr-i Shirin, Shahrekord).
func variants(n, country string) []string {
	out := []string{n}
	fold := knowledge.Fold(n)
	last := fold[strings.LastIndex(fold, " ")+1:]
	if arabic[country] && strings.HasSuffix(last, "ah") && len(last) > 4 {
		out = append(out, strings.TrimSuffix(strings.TrimSuffix(n, "h"), "ḩ"))
	}
	if country == "IR" || country == "AF" {
		if before, after, ok := strings.Cut(n, "-e "); ok {
			out = append(out, before+"-i "+after, before+"-i-"+after)
			if !strings.Contains(after, " ") {
				r, n := utf8.DecodeRuneInString(after)
				out = append(out, before+"e"+string(unicode.ToLower(r))+after[n:])
			}
		}
	}
	return out
}

// countryPlaces reads the hand-written country table and places each
// country at the centroid of its largest polygon in Natural Earth.
func countryPlaces(tablePath, topoPath string) ([]place, error) {
	rows, err := readLines(tablePath)
	if err != nil {
		return nil, err
	}
	centroids, err := topoCentroids(topoPath)
	if err != nil {
		return nil, err
	}
	var out []place
	for _, f := range rows {
		for len(f) < 4 {
			f = append(f, "")
		}
		iso, name, topo := f[0], f[1], cmp.Or(f[2], f[1])
		c, ok := centroids[topo]
		if len(f) >= 6 && f[4] != "" {
			// A hand-placed point, for shapes that cross the antimeridian.
			lat, err1 := strconv.ParseFloat(f[4], 64)
			lon, err2 := strconv.ParseFloat(f[5], 64)
			if err1 != nil || err2 != nil {
				return nil, fmt.Errorf("%s: %s: bad coordinates", tablePath, iso)
			}
			c, ok = [2]float64{lon, lat}, true
		}
		if !ok {
			return nil, fmt.Errorf("%s: no Natural Earth shape named %q", tablePath, topo)
		}
		if c[0] < -180 || c[0] > 180 || c[1] < -90 || c[1] > 90 {
			return nil, fmt.Errorf("%s: %s: centroid %v out of range (place it by hand)", tablePath, iso, c)
		}
		p := place{id: "country-" + strings.ToLower(iso), name: name, kind: "country", country: iso,
			lat: round(c[1], 3), lon: round(c[0], 3), precision: "country"}
		if f[3] != "" {
			p.aliases = strings.Split(f[3], "|")
		}
		out = append(out, p)
	}
	return out, nil
}

func round(f float64, d int) float64 {
	m := math.Pow(10, float64(d))
	return math.Round(f*m) / m
}

// topoCentroids decodes a TopoJSON file of countries and returns, by name,
// the area centroid [lon, lat] of each country's largest polygon (so that
// overseas territories do not drag a country's point out to sea).
func topoCentroids(path string) (map[string][2]float64, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var topo struct {
		Arcs      [][][2]float64 `json:"arcs"`
		Transform struct {
			Scale     [2]float64 `json:"scale"`
			Translate [2]float64 `json:"translate"`
		} `json:"transform"`
		Objects struct {
			Countries struct {
				Geometries []struct {
					Type       string          `json:"type"`
					Arcs       json.RawMessage `json:"arcs"`
					Properties struct {
						Name string `json:"name"`
					} `json:"properties"`
				} `json:"geometries"`
			} `json:"countries"`
		} `json:"objects"`
	}
	b, err := io.ReadAll(f)
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(b, &topo); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	// Decode the delta-encoded, quantised arcs once.
	arcs := make([][][2]float64, len(topo.Arcs))
	for i, a := range topo.Arcs {
		var x, y float64
		pts := make([][2]float64, len(a))
		for j, d := range a {
			x += d[0]
			y += d[1]
			pts[j] = [2]float64{x*topo.Transform.Scale[0] + topo.Transform.Translate[0], y*topo.Transform.Scale[1] + topo.Transform.Translate[1]}
		}
		arcs[i] = pts
	}
	ring := func(idx []int) [][2]float64 {
		var pts [][2]float64
		for _, i := range idx {
			var a [][2]float64
			if i >= 0 {
				a = arcs[i]
			} else {
				a = slices.Clone(arcs[^i])
				slices.Reverse(a)
			}
			if len(pts) > 0 && len(a) > 0 {
				a = a[1:] // arcs share their end points
			}
			pts = append(pts, a...)
		}
		return pts
	}
	out := make(map[string][2]float64)
	for _, g := range topo.Objects.Countries.Geometries {
		var polys [][][]int
		switch g.Type {
		case "Polygon":
			var p [][]int
			if err := json.Unmarshal(g.Arcs, &p); err != nil {
				return nil, err
			}
			polys = [][][]int{p}
		case "MultiPolygon":
			if err := json.Unmarshal(g.Arcs, &polys); err != nil {
				return nil, err
			}
		default:
			continue
		}
		best, bestArea := [2]float64{}, -1.0
		for _, p := range polys {
			if len(p) == 0 {
				continue
			}
			c, a := centroid(ring(p[0]))
			if math.Abs(a) > bestArea {
				best, bestArea = c, math.Abs(a)
			}
		}
		if bestArea > 0 {
			out[g.Properties.Name] = best
		}
	}
	return out, nil
}

// centroid is the area centroid of a closed ring in plane lon/lat, with its signed area.
func centroid(pts [][2]float64) ([2]float64, float64) {
	var a, cx, cy float64
	for i := range pts {
		p, q := pts[i], pts[(i+1)%len(pts)]
		cross := p[0]*q[1] - q[0]*p[1]
		a += cross
		cx += (p[0] + q[0]) * cross
		cy += (p[1] + q[1]) * cross
	}
	if a == 0 {
		return pts[0], 0
	}
	return [2]float64{cx / (3 * a), cy / (3 * a)}, a / 2
}

// readAirports converts the OpenFlights table, giving each airport the
// ISO country code that most airports of its country name lie nearest to in
// GeoNames (OpenFlights names countries in English only).
func readAirports(path string, gn []gnRow) ([][]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var raw []struct {
		Name     string   `json:"name"`
		City     string   `json:"city"`
		Country  string   `json:"country"`
		IATA     *string  `json:"iata"`
		ICAO     *string  `json:"icao"`
		Lat      float64  `json:"latitude"`
		Lon      float64  `json:"longitude"`
		Timezone *float64 `json:"timezone"`
		TZ       *string  `json:"tz"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	grid := newGrid(gn)
	votes := map[string]map[string]int{}
	for _, a := range raw {
		if cc := grid.nearestCountry(a.Lat, a.Lon, 50); cc != "" {
			if votes[a.Country] == nil {
				votes[a.Country] = map[string]int{}
			}
			votes[a.Country][cc]++
		}
	}
	code := map[string]string{}
	for name, v := range votes {
		best, n := "", 0
		for cc, k := range v {
			if k > n || (k == n && cc < best) {
				best, n = cc, k
			}
		}
		code[name] = best
	}
	str := func(p *string) string {
		if p == nil || *p == `\N` {
			return ""
		}
		return strings.TrimSpace(*p)
	}
	var rows [][]string
	for _, a := range raw {
		iata, icao := str(a.IATA), str(a.ICAO)
		if iata == "" && icao == "" {
			continue
		}
		off := ""
		if a.Timezone != nil {
			off = ftoa(*a.Timezone)
		}
		rows = append(rows, []string{iata, icao, clean(a.Name), clean(a.City), clean(a.Country), code[a.Country],
			ftoa(a.Lat), ftoa(a.Lon), str(a.TZ), off})
	}
	return rows, nil
}

func clean(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, strings.TrimSpace(s))
}

// grid buckets GeoNames places by whole degree for nearest-place look-ups.
type grid map[[2]int][]gnRow

func newGrid(gn []gnRow) grid {
	g := grid{}
	for _, r := range gn {
		k := [2]int{int(math.Floor(r.lat)), int(math.Floor(r.lon))}
		g[k] = append(g[k], r)
	}
	return g
}

func (g grid) nearestCountry(lat, lon, maxKm float64) string {
	best, bestD := "", maxKm
	for dy := -1; dy <= 1; dy++ {
		for dx := -1; dx <= 1; dx++ {
			for _, r := range g[[2]int{int(math.Floor(lat)) + dy, int(math.Floor(lon)) + dx}] {
				if d := geo.DistanceKm(lat, lon, r.lat, r.lon); d < bestD {
					best, bestD = r.country, d
				}
			}
		}
	}
	return best
}

// asciify strips diacritics and ‘ayn/hamza marks from a name, keeping its case.
func asciify(s string) string {
	var b strings.Builder
	for _, r := range norm.NFKD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case strings.ContainsRune("‘’ʿʾʼʻ`´", r):
		case r == 'ı':
			b.WriteRune('i')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
