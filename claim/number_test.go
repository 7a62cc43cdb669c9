package claim

import (
	"math"
	"testing"
)

func TestFormatNumber(t *testing.T) {
	for _, tt := range []struct {
		in   float64
		want string
	}{
		{0, "0"}, {800, "800"}, {5000, "5,000"}, {4500.5, "4,500.5"}, {4.5, "4.5"}, {-1234567, "-1,234,567"},
		{1e15, "1,000,000,000,000,000"}, {0.25, "0.25"}, {math.Inf(1), "+Inf"},
	} {
		if got := FormatNumber(tt.in); got != tt.want {
			t.Errorf("FormatNumber(%v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
