package transform

import (
	"errors"
	"strings"
	"testing"

	"github.com/gipsdev/gips"
)

// TestErrorsNameTheParameter: bad parameters and images are errors that
// name what is wrong, before anything is allocated or written.
func TestErrorsNameTheParameter(t *testing.T) {
	img, _ := gips.CreateImage(gips.Geometry2d(gips.UInt8, 5, 4))
	vol, _ := gips.CreateImage(gips.Geometry3d(gips.UInt8, 5, 4, 3))
	bin, _ := gips.CreateImage(gips.Geometry2d(gips.Binary, 5, 4))
	ro, _ := gips.FromArray(gips.Array{DType: "|u1", Shape: []int{4, 5}, Strides: []int{5, 1}, Data: make([]byte, 20), ReadOnly: true})
	cases := []struct {
		name string
		err  func() error
		want string
		is   error
	}{
		{"order", func() error { _, err := Zoom(img, 2, 2, 1, WithOrder(6)); return err }, "order 6", gips.ErrParam},
		{"factor", func() error { _, err := Zoom(img, 0.01, 2, 1); return err }, "factor 0.01 along x", gips.ErrParam},
		{"huge factor", func() error { _, err := Zoom(img, 1e300, 2, 1); return err }, "factor 1e+300 along x", gips.ErrParam},
		{"NaN factor", func() error { _, err := Zoom(img, 2, nanv(), 1); return err }, "along y", gips.ErrParam},
		{"mode", func() error { _, err := Zoom(img, 2, 2, 1, WithMode(Mode(99))); return err }, "mode Mode(99)", gips.ErrParam},
		{"output type", func() error { _, err := Zoom(img, 2, 2, 1, WithOutput(gips.Binary)); return err }, "output type Binary", gips.ErrBufferType},
		{"input type", func() error { _, err := Zoom(bin, 2, 2, 1); return err }, "input type Binary", gips.ErrBufferType},
		{"read-only", func() error { return ZoomInto(ro, img) }, "read-only", gips.ErrReadOnly},
		{"aliasing", func() error { return ShiftInto(img, img, 1, 0, 0) }, "shares memory", gips.ErrParam},
		{"dimensions", func() error { return ZoomInto(img, vol) }, "differ in channels", gips.ErrShape},
		{"shift", func() error { _, err := Shift(img, inf(), 0, 0); return err }, "shift +Inf along x", gips.ErrParam},
		{"matrix", func() error { _, err := Affine(img, [3][3]float64{{nanv()}}, [3]float64{}); return err }, "matrix[0][0]", gips.ErrParam},
		{"angle", func() error { _, err := Rotate(img, nanv()); return err }, "angle NaN", gips.ErrParam},
		{"axes", func() error { _, err := Rotate(img, 10, WithAxes(XZ)); return err }, "axes xz on a 2D image", gips.ErrParam},
		{"growth", func() error { _, err := Zoom(vol, 1e4, 1e4, 1); return err }, "more than", gips.ErrParam},
		{"pad growth", func() error { _, err := Pad(img, [3]int{1 << 20, 1 << 20, 0}, [3]int{}, PadEdge, 0); return err }, "widths", gips.ErrParam},
		{"resize growth", func() error { _, err := Resize(img, 1<<20, 1<<20, 1); return err }, "output size", gips.ErrParam},
		{"parse mode", func() error { _, err := ParseMode("bogus"); return err }, `mode "bogus"`, gips.ErrParam},
	}
	for _, c := range cases {
		err := c.err()
		if err == nil || !strings.Contains(err.Error(), c.want) || !errors.Is(err, c.is) {
			t.Errorf("%s: got %v, want an error containing %q wrapping %v", c.name, err, c.want, c.is)
		}
	}
}

// TestWildCoordinatesDoNotPanic: coordinates far outside any image, NaN
// and infinite ones, in every mode and order, give values, never a panic
// or an out-of-range read.
func TestWildCoordinatesDoNotPanic(t *testing.T) {
	img, _ := gips.CreateImage(gips.Geometry2d(gips.Real64, 5, 4))
	wild := []float64{1e300, -1e300, 1e18, -9.3e18, nanv(), inf(), -inf()}
	cx, _ := gips.FromArray(gips.ArrayOf(append([]float64{}, wild...), 1, len(wild)))
	cy, _ := gips.FromArray(gips.ArrayOf(append([]float64{}, wild...), 1, len(wild)))
	for o := 0; o <= maxOrder; o++ {
		for _, m := range allModes {
			if _, err := MapCoordinates(img, []*gips.Image{cx, cy}, WithOrder(o), WithMode(m)); err != nil {
				t.Fatal(err)
			}
			if _, err := Shift(img, 1e300, -1e18, 0, WithOrder(o), WithMode(m)); err != nil {
				t.Fatal(err)
			}
		}
	}
}
