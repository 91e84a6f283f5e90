package transform

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/imgtest"
	"github.com/gipsdev/gips/internal/testref"
)

// TestZoomIntegerPathMatchesScipy: order-1 zooms and shifts whose weights
// are multiples of a power of two (factors 1/2, 2, 1/4, 4 in grid mode;
// half- and quarter-pixel shifts) take the integer path, and give
// scipy.ndimage's values bit for bit: in the input's type (uint8,
// uint16, int16), in float32 and float64, and in int8 (scipy's float64 value
// rounded half away from zero and saturated), on every layout of
// imgtest.Grid (2D and 3D, channels, padded and flipped memory), in every
// mode.
func TestZoomIntegerPathMatchesScipy(t *testing.T) {
	type tcase struct {
		name  string
		f     [3]float64 // zoom factors, or the shift when shift
		shift bool
	}
	cases := []tcase{
		{"half", [3]float64{0.5, 0.5, 0.5}, false},
		{"double", [3]float64{2, 2, 2}, false},
		{"quarter", [3]float64{0.25, 4, 0.5}, false},
		{"shift", [3]float64{0.5, -1.25, 2}, true},
	}
	// A side that a factor takes to 0 pixels is an error (zoom_test.go).
	skip := func(img *gips.Image, f [3]float64, shift bool) bool {
		_, err := ZoomGeometry(img.Geometry(), f[0], f[1], f[2])
		return !shift && err != nil
	}
	modes := []Mode{Nearest, Reflect, Mirror, Wrap, GridWrap, GridMirror, Constant, GridConstant}
	rng := rand.New(rand.NewPCG(11, 12))
	for _, bt := range []gips.BufferType{gips.UInt8, gips.UInt16, gips.Int16} {
		inp := map[string]gips.Array{}
		var script strings.Builder
		script.WriteString("import scipy.ndimage as ndi\n")
		samples := imgtest.Samples(t, rng, bt, nil)
		for _, s := range samples {
			if s.Img.Geometry().SizeC > 1 {
				continue
			}
			inp[s.Name] = s.Arr
			for _, c := range cases {
				if skip(s.Img, c.f, c.shift) {
					continue
				}
				z := numpyTuple(s.Img.Geometry(), c.f, 0)
				for _, m := range modes {
					key := fmt.Sprintf("%s %s %v", s.Name, c.name, m)
					call := fmt.Sprintf("ndi.zoom(a, %s, order=1, mode=%q, cval=3, grid_mode=True", z, m.String())
					if c.shift {
						call = fmt.Sprintf("ndi.shift(a, %s, order=1, mode=%q, cval=3", z, m.String())
					}
					fmt.Fprintf(&script, "a = inp[%q]\n", s.Name)
					fmt.Fprintf(&script, "out[%q] = %s)\n", key+" t", call)
					fmt.Fprintf(&script, "out[%q] = %s, output=np.float64)\n", key+" f", call)
					fmt.Fprintf(&script, "out[%q] = %s, output=np.float32)\n", key+" f32", call)
				}
			}
		}
		ref := testref.Run(t, script.String(), inp)
		for _, s := range samples {
			if s.Img.Geometry().SizeC > 1 {
				continue
			}
			for _, c := range cases {
				if skip(s.Img, c.f, c.shift) {
					continue
				}
				for _, m := range modes {
					key := fmt.Sprintf("%s %s %v", s.Name, c.name, m)
					opts := []Option{WithOrder(1), WithMode(m), WithCval(3), WithGridMode(true)}
					run := func(out gips.BufferType) []float64 {
						var img *gips.Image
						var err error
						o := append(opts, WithOutput(out))
						if c.shift {
							img, err = Shift(s.Img, c.f[0], c.f[1], c.f[2], o...)
						} else {
							img, err = Zoom(s.Img, c.f[0], c.f[1], c.f[2], o...)
						}
						if err != nil {
							t.Fatal(key, err)
						}
						return imgtest.ImageValues(t, img)
					}
					equal := func(what string, got, want []float64) {
						if len(got) != len(want) {
							t.Fatalf("%s %s: %d values, scipy %d", key, what, len(got), len(want))
						}
						for i := range want {
							if got[i] != want[i] {
								t.Fatalf("%s %s: pixel %d: got %v, scipy %v", key, what, i, got[i], want[i])
							}
						}
					}
					wantF := imgtest.Values(ref[key+" f"])
					equal("as "+bt.String(), run(bt), imgtest.Values(ref[key+" t"]))
					equal("as float64", run(gips.Real64), wantF)
					equal("as float32", run(gips.Real32), imgtest.Values(ref[key+" f32"]))
					i8 := make([]float64, len(wantF))
					for i, v := range wantF {
						i8[i] = min(max(math.Round(v), -128), 127)
					}
					equal("as int8", run(gips.Int8), i8)
				}
			}
		}
	}
}

// TestIntLinTakenForDyadicWeights: the integer path is chosen for the
// weights above and refused for others (a factor whose weights are not
// dyadic, a float or 8-bit signed source, orders other than 1), so the test
// above checks the path it means to.
func TestIntLinTakenForDyadicWeights(t *testing.T) {
	check := func(g gips.Geometry, f float64, order int, grid, want bool) {
		t.Helper()
		src, _ := gips.CreateImage(g)
		og, err := ZoomGeometry(g, f, f, f)
		if err != nil {
			t.Fatal(err)
		}
		dst, _ := gips.CreateImage(og)
		c := collect([]Option{WithOrder(order), WithMode(Nearest), WithGridMode(grid)})
		j := zoomJob(dst, src, c)
		lin := linTaps(j.m.tabs[0], order)
		var got bool
		switch g.Type {
		case gips.UInt8:
			got = newIntLin[uint8](j, lin) != nil
		case gips.UInt16:
			got = newIntLin[uint16](j, lin) != nil
		case gips.Int16:
			got = newIntLin[int16](j, lin) != nil
		case gips.Int8:
			got = newIntLin[int8](j, lin) != nil
		case gips.Real32:
			got = newIntLin[float32](j, lin) != nil
		}
		if got != want {
			t.Errorf("%v factor %v order %d grid %v: integer path %v, want %v", g, f, order, grid, got, want)
		}
	}
	g2 := gips.Geometry2d(gips.UInt8, 64, 48)
	check(g2, 0.5, 1, true, true)
	check(g2, 2, 1, true, true)
	check(gips.Geometry3d(gips.UInt16, 16, 8, 8), 0.5, 1, true, true)
	check(g2, 0.5, 1, false, false) // (n-1)/(m-1) is not dyadic
	check(g2, 0.7, 1, true, false)
	check(g2, 0.5, 3, true, false)
	check(gips.Geometry2d(gips.Int16, 64, 48), 0.5, 1, true, true)
	check(gips.Geometry2d(gips.Int8, 64, 48), 0.5, 1, true, false)
	check(gips.Geometry2d(gips.Real32, 64, 48), 0.5, 1, true, false)
}
