// Package examples holds the example input shipped with Triangulate, embedded
// so the binary can run its demo without the source tree.
package examples

import "embed"

// Seed holds the seed case: seed/*.txt (quoted news texts, byte for byte) and
// their sidecar metadata seed/*.txt.meta.json. Ingest them with
// source.Ingester.FromFS(examples.Seed, "seed/NAME.txt"), which reads the
// sidecars too; SeedFiles lists the texts.
//
//go:embed seed/*.txt seed/*.meta.json seed/README.md
var Seed embed.FS

// SeedFiles are the paths of the seed texts in Seed, in order.
var SeedFiles = []string{
	"seed/000_fb75171b0db195ae.txt",
	"seed/003_e72e86618cf972b7.txt",
}
