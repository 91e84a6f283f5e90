package label

import (
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/imgtest"
	"github.com/gipsdev/gips/ops"
)

// TestComponentsOpOutputRule: output auto is Label16 up to 65535 pixels
// and Label32 beyond, whatever the count; label.count is the count and the
// labels' maximum; labelSizes is the Go result.
func TestComponentsOpOutputRule(t *testing.T) {
	for _, sz := range [][2]int{{255, 257}, {256, 257}} {
		img, _ := gips.CreateImage(gips.Geometry2d(gips.Binary, sz[0], sz[1]))
		for y := 0; y < sz[1]; y += 3 {
			row := img.Row(0, y)
			for x := y % 5; x < sz[0]; x += 4 {
				row[x] = 1
			}
		}
		res, err := ops.Call("label.components", []*gips.Image{img}, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		want := gips.Label16
		if sz[0]*sz[1] > 65535 {
			want = gips.Label32
		}
		if res.Image.Type() != want {
			t.Errorf("%v: output %v, want %v", sz, res.Image.Type(), want)
		}
		cnt, err := ops.Call("label.count", []*gips.Image{img}, nil, map[string]any{"connectivity": 2})
		mx := maxOf(imgtest.ImageValues(t, res.Image))
		if err != nil || cnt.Number != mx {
			t.Errorf("%v: count %v (%v), labels up to %v", sz, cnt.Number, err, mx)
		}
		s, err := ops.Call("label.labelSizes", []*gips.Image{res.Image}, nil, nil)
		sizes, _ := LabelSizes(res.Image)
		if err != nil || len(s.Vector) != len(sizes) || s.Vector[1] != float64(sizes[1]) {
			t.Errorf("labelSizes op %v (%v), Go %v", len(s.Vector), err, len(sizes))
		}
	}
}
