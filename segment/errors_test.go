package segment

import (
	"strings"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/ops"
)

// TestWatershedBadInput: markers of other sizes or a float type, a mask of
// other sizes, a negative compactness, connectivity 3 on a 2D image: errors
// naming the culprit, from Go and through the registry.
func TestWatershedBadInput(t *testing.T) {
	mk := func(t gips.BufferType, sx, sy int) *gips.Image {
		img, _ := gips.CreateImage(gips.Geometry2d(t, sx, sy))
		return img
	}
	img := mk(gips.UInt8, 5, 4)
	for _, c := range []struct {
		want string
		err  func() error
	}{
		{"markers", func() error { _, err := Watershed(img, mk(gips.Label16, 4, 4)); return err }},
		{"markers", func() error { _, err := Watershed(img, mk(gips.Real32, 5, 4)); return err }},
		{"mask", func() error {
			_, err := Watershed(img, mk(gips.Label16, 5, 4), WithMask(mk(gips.Binary, 5, 5)))
			return err
		}},
		{"compactness", func() error { _, err := Watershed(img, mk(gips.Label16, 5, 4), WithCompactness(-1)); return err }},
		{"connectivity", func() error { _, err := Watershed(img, mk(gips.Label16, 5, 4), WithConnectivity(3)); return err }},
		{"markers", func() error {
			_, err := ops.Call("segment.watershed", []*gips.Image{img, mk(gips.Label16, 4, 4)}, nil, nil)
			return err
		}},
		{"markers", func() error {
			_, err := ops.Call("segment.watershed", []*gips.Image{img, mk(gips.Real64, 5, 4)}, nil, nil)
			return err
		}},
		{"connectivity", func() error {
			_, err := ops.Call("segment.watershedMasked", []*gips.Image{img, mk(gips.Label16, 5, 4), mk(gips.Binary, 5, 4)}, nil, map[string]any{"connectivity": 3})
			return err
		}},
	} {
		if err := c.err(); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("want an error naming %s, got %v", c.want, err)
		}
	}
}

// TestWatershedOpsEqualGo: the registry's two ops give the Go function's
// result, the masked one with its mask.
func TestWatershedOpsEqualGo(t *testing.T) {
	pix := []uint8{3, 2, 1, 2, 3, 3, 2, 0, 2, 3, 1, 1, 2, 1, 1}
	lab := []uint16{1, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0}
	msk := []uint8{1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1}
	img, _ := gips.FromArray(gips.ArrayOf(pix, 3, 5))
	m, _ := gips.FromArrayGeometry(gips.ArrayOf(lab, 3, 5), gips.Geometry2d(gips.Label16, 5, 3))
	k, _ := gips.FromArrayGeometry(gips.ArrayOf(msk, 3, 5), gips.Geometry2d(gips.Binary, 5, 3))
	for _, masked := range []bool{false, true} {
		name, in, opts := "segment.watershed", []*gips.Image{img, m}, []Option{WithWatershedLine(true), WithConnectivity(2)}
		if masked {
			name, in, opts = "segment.watershedMasked", append(in, k), append(opts, WithMask(k))
		}
		res, err := ops.Call(name, in, nil, map[string]any{"watershed_line": true, "connectivity": 2})
		if err != nil {
			t.Fatal(err)
		}
		want, _ := Watershed(img, m, opts...)
		for y := range 3 {
			if string(res.Image.Row(0, y)) != string(want.Row(0, y)) {
				t.Errorf("%s row %d: %v, Go %v", name, y, res.Image.Row(0, y), want.Row(0, y))
			}
		}
	}
}
