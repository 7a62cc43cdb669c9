// Package web holds the workspace's HTML templates and static files, embedded
// so that the binary serves them without any files beside it.
package web

import "embed"

// FS holds templates/*.html and static/*.
//
//go:embed templates/*.html static/*
var FS embed.FS
