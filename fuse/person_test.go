package fuse

import (
	"maps"
	"testing"
)

func TestSamePerson(t *testing.T) {
	ms := func(keys ...string) []*mention {
		var out []*mention
		for _, k := range keys {
			out = append(out, &mention{key: k})
		}
		return out
	}
	tests := []struct {
		name string
		keys []string
		want map[string]string
	}{
		{"office alone and spelling variant join the holder",
			[]string{"name:am ambassador to russia", "name:am ambassador to russia vardan toghanyan", "name:vardan toganyan"},
			map[string]string{"name:am ambassador to russia": "name:am ambassador to russia vardan toghanyan", "name:vardan toganyan": "name:am ambassador to russia vardan toghanyan"}},
		{"title then name",
			[]string{"name:foreign minister sergey lavrov", "name:sergey lavrov"},
			map[string]string{"name:sergey lavrov": "name:foreign minister sergey lavrov"}},
		{"an office with two holders joins neither",
			[]string{"name:defence minister", "name:defence minister hulusi akar", "name:defence minister ali bey"},
			map[string]string{}},
		{"names more than one letter apart stay apart",
			[]string{"name:hikmet hajiyev", "name:aide khikmet gadzhiev"},
			map[string]string{}},
		{"short words must be equal",
			[]string{"name:ali reza", "name:general ali raza"},
			map[string]string{}},
		{"a body is not a person",
			[]string{"name:united nations", "name:iran s mission to the united nations"},
			map[string]string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := samePerson(ms(tt.keys...))
			if !maps.Equal(got, tt.want) {
				t.Errorf("samePerson(%q) = %v, want %v", tt.keys, got, tt.want)
			}
		})
	}
}
