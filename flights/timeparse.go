package flights

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// timeLayouts are tried in order for textual times; a layout without a zone
// yields a wall-clock time that the caller labels UTC or local.
var timeLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05.999999999Z07:00",
	"2006-01-02T15:04:05.999999999",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02 15:04",
	"2006-01-02T15:04",
	"2006/01/02 15:04:05.999999999",
	"2006/01/02 15:04",
	"2006-01-02",
	"2006/01/02",
}

// parseTime reads a time as a Unix timestamp (seconds, or milliseconds when
// too large for seconds) or in one of timeLayouts. layout, when not empty,
// is a Go layout tried first ("unix" forces a timestamp).
func parseTime(s, layout string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, fmt.Errorf("empty time")
	}
	if layout != "" && layout != "unix" {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil && !strings.ContainsAny(s, "-/:") {
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return time.Time{}, fmt.Errorf("bad time %q", s)
		}
		if math.Abs(f) > 1e11 { // milliseconds
			f /= 1000
		}
		sec, frac := math.Modf(f)
		return time.Unix(int64(sec), int64(frac*1e9)).UTC(), nil
	}
	if layout == "unix" {
		return time.Time{}, fmt.Errorf("bad Unix time %q", s)
	}
	for _, l := range timeLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("bad time %q", s)
}
