package knowledge

import (
	"fmt"
	"io/fs"
	"os"
	"path"
)

// LoadAirports reads only the airports of the embedded default packs and of
// each user pack directory, as Load would (later entries replace earlier
// ones by code). Flight loads and scans need nothing else, and reading the
// airports alone takes milliseconds where indexing the whole pack for text
// takes tens of them.
func LoadAirports(extraDirs ...string) ([]Airport, error) {
	var l loader
	if err := eachPack(extraDirs, l.loadAirports); err != nil {
		return nil, err
	}
	return l.airports, nil
}

// eachPack calls visit on each embedded default pack, then on each user
// pack directory, in order.
func eachPack(extraDirs []string, visit func(fsys fs.FS, dir string) error) error {
	dirs, err := fs.ReadDir(embedded, "packs")
	if err != nil {
		return fmt.Errorf("knowledge: embedded packs: %w", err)
	}
	for _, d := range dirs {
		if d.IsDir() {
			if err := visit(embedded, path.Join("packs", d.Name())); err != nil {
				return err
			}
		}
	}
	for _, dir := range extraDirs {
		fi, err := os.Stat(dir)
		if err != nil {
			return fmt.Errorf("knowledge: pack %s: %w", dir, err)
		}
		if !fi.IsDir() {
			return fmt.Errorf("knowledge: pack %s: not a directory", dir)
		}
		if err := visit(os.DirFS(dir), "."); err != nil {
			return err
		}
	}
	return nil
}

func (l *loader) loadAirports(fsys fs.FS, dir string) error {
	name := path.Join(dir, "airports.tsv")
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		if os.IsNotExist(err) {
			return nil
		}
		return fmt.Errorf("knowledge: %w", err)
	}
	as, err := parseAirportsTSV(b)
	if err != nil {
		return fmt.Errorf("knowledge: %s: %w", name, err)
	}
	for _, a := range as {
		upsert(&l.airports, &l.airportIdx, cmpOr(a.ICAO, a.IATA), a)
	}
	return nil
}

// Code is the airport's IATA code, or its ICAO code when it has none: the
// code flight series count it under.
func (a Airport) Code() string {
	if a.IATA != "" {
		return a.IATA
	}
	return a.ICAO
}
