//go:build tools

// This file pins the modules the project's packages use, so that go.mod lists
// them even while a package that imports one is being written.
package tools

import (
	_ "codeberg.org/readeck/go-readability/v2"
	_ "github.com/BobuSumisu/aho-corasick"
	_ "github.com/ClickHouse/clickhouse-go/v2"
	_ "github.com/PuerkitoBio/goquery"
	_ "github.com/chromedp/chromedp"
	_ "github.com/google/uuid"
	_ "github.com/hablullah/go-hijri"
	_ "github.com/jackc/pgx/v5/stdlib"
	_ "github.com/microcosm-cc/bluemonday"
	_ "github.com/mmcdole/gofeed"
	_ "github.com/parquet-go/parquet-go"
	_ "github.com/paulmach/orb"
	_ "github.com/santhosh-tekuri/jsonschema/v6"
	_ "github.com/schollz/progressbar/v3"
	_ "github.com/yaa110/go-persian-calendar"
	_ "golang.org/x/crypto/bcrypt"
	_ "golang.org/x/text/unicode/norm"
	_ "gonum.org/v1/gonum/mathext"
	_ "modernc.org/sqlite"
)
