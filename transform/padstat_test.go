package transform

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/imgtest"
	"github.com/gipsdev/gips/internal/testref"
)

// TestPadStatisticsMatchNumpy: numpy.pad's maximum, mean, median,
// minimum and linear_ramp modes with and without stat_length and
// end_values, every layout, integer and float types, widths narrower
// and wider than the image (the corners are statistics of pixels
// padded along an earlier axis). Exact, except a float mean: numpy sums
// in the image's type, pairwise.
func TestPadStatisticsMatchNumpy(t *testing.T) {
	rng := rand.New(rand.NewPCG(43, 44))
	widths := [][2][3]int{{{1, 2, 1}, {3, 0, 2}}, {{9, 7, 5}, {4, 11, 6}}}
	statModes := []PadMode{PadMaximum, PadMean, PadMedian, PadMinimum, PadLinearRamp}
	type opt struct {
		length [3]int
		end    float64
	}
	for _, bt := range []gips.BufferType{gips.UInt8, gips.Int16, gips.UInt32, gips.Real32, gips.Real64} {
		end := -7.5
		if !bt.IsFloat() && bt != gips.Int16 {
			end = 20
		}
		opts := []opt{{}, {length: [3]int{2, 3, 1}, end: end}}
		// small integers in floats too: ties for the median, exact sums
		samples := imgtest.Samples(t, rng, bt, func() float64 { return float64(rng.IntN(200)) - map[bool]float64{true: 50}[bt.IsSigned()] })
		inp := map[string]gips.Array{}
		var script strings.Builder
		for _, s := range samples {
			g := s.Img.Geometry()
			inp[s.Name] = s.Arr
			for wi, w := range widths {
				for oi, o := range opts {
					var pw, sl []string
					if g.SizeC > 1 {
						pw, sl = append(pw, "(0, 0)"), append(sl, "(1, 1)")
					}
					axes := []int{1, 0}
					if g.Volume {
						axes = []int{2, 1, 0}
					}
					for _, a := range axes {
						pw = append(pw, fmt.Sprintf("(%d, %d)", w[0][a], w[1][a]))
						sl = append(sl, fmt.Sprintf("(%d, %d)", o.length[a], o.length[a]))
					}
					for _, m := range statModes {
						kw := ""
						switch {
						case m == PadLinearRamp:
							kw = fmt.Sprintf(", end_values=%v", o.end)
						case o.length != [3]int{}:
							kw = fmt.Sprintf(", stat_length=(%s,)", strings.Join(sl, ", "))
						}
						fmt.Fprintf(&script, "out['%s_%d_%d_%v'] = np.pad(inp[%q], (%s,), mode=%q%s)\n",
							s.Name, wi, oi, m, s.Name, strings.Join(pw, ", "), m, kw)
					}
				}
			}
		}
		ref := testref.Run(t, script.String(), inp)
		for _, s := range samples {
			for wi, w := range widths {
				for oi, o := range opts {
					for _, m := range statModes {
						var po []PadOption
						if o.length != [3]int{} {
							po = append(po, PadStatLength(o.length))
						}
						if m == PadLinearRamp {
							po = append(po, PadEndValue(o.end))
						}
						got, err := Pad(s.Img, w[0], w[1], m, 0, po...)
						if err != nil {
							t.Fatal(err)
						}
						want := ref[fmt.Sprintf("%s_%d_%d_%v", s.Name, wi, oi, m)]
						if fmt.Sprint(got.Geometry().Shape()) != fmt.Sprint(want.Shape) {
							t.Fatalf("%s %v: shape %v, numpy %v", s.Name, m, got.Geometry().Shape(), want.Shape)
						}
						tol := 0.0
						if m == PadMean && bt.IsFloat() {
							tol = 1e-6
						}
						gv, wv := imgtest.ImageValues(t, got), imgtest.Values(want)
						for i := range wv {
							if math.Abs(gv[i]-wv[i]) > tol*math.Max(1, math.Abs(wv[i])) {
								t.Fatalf("%s widths %v %v options %+v: pixel %d: got %v, numpy %v", s.Name, w, m, o, i, gv[i], wv[i])
							}
						}
					}
				}
			}
		}
	}
}

// TestPadRampStepZero: numpy's linspace takes another formula for a whole
// side as soon as one of its steps is zero (an edge pixel equal to the
// end value), which changes the floored integer of a few ramps; a
// float64 image whose edges hold the end value in one line and thirds
// in the others shows it.
func TestPadRampStepZero(t *testing.T) {
	g := gips.Geometry{SizeX: 5, SizeY: 7, SizeZ: 1, SizeC: 1, SizeT: 1, Type: gips.Int32}
	for _, bt := range []gips.BufferType{gips.Int32, gips.Real64, gips.Real32} {
		g.Type = bt
		img, err := gips.CreateImage(g)
		if err != nil {
			t.Fatal(err)
		}
		vals := []float64{3, 0, 9, 6, 27, 1, 12}
		switch bt {
		case gips.Int32:
			setRows[int32](t, img, vals)
		case gips.Real32:
			setRows[float32](t, img, vals)
		default:
			setRows[float64](t, img, vals)
		}
		arr, err := img.Array()
		if err != nil {
			t.Fatal(err)
		}
		ref := testref.Run(t, "out['r'] = np.pad(inp['a'], ((2, 3), (9, 27)), mode='linear_ramp')\n", map[string]gips.Array{"a": arr})
		got, err := Pad(img, [3]int{9, 2, 0}, [3]int{27, 3, 0}, PadLinearRamp, 0)
		if err != nil {
			t.Fatal(err)
		}
		gv, wv := imgtest.ImageValues(t, got), imgtest.Values(ref["r"])
		for i := range wv {
			if gv[i] != wv[i] {
				t.Fatalf("%v: pixel %d: got %v, numpy %v", bt, i, gv[i], wv[i])
			}
		}
	}
}

func TestPadStatisticBadInput(t *testing.T) {
	img, err := gips.CreateImage(gips.Geometry{SizeX: 4, SizeY: 3, SizeZ: 1, SizeC: 1, SizeT: 1, Type: gips.UInt8})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		mode PadMode
		opt  PadOption
	}{
		{"stat length", PadMean, PadStatLength([3]int{1, -1, 0})},
		{"end value", PadLinearRamp, PadEndValue(math.NaN())},
		{"PadMode(", PadEmpty + 1, PadEndValue(0)},
	} {
		_, err := Pad(img, [3]int{1, 1, 0}, [3]int{1, 1, 0}, c.mode, 0, c.opt)
		if !errors.Is(err, ErrParam) || !strings.Contains(err.Error(), c.name) {
			t.Errorf("%s: got %v, want an ErrParam naming it", c.name, err)
		}
	}
}

// setRows sets every pixel of row y of a 2D image to vals[y].
func setRows[T gips.Pixel](t *testing.T, img *gips.Image, vals []float64) {
	p, err := gips.WritablePlanes[T](img)
	if err != nil {
		t.Fatal(err)
	}
	for y, v := range vals {
		r := p[0].Row(y)
		for x := range r {
			r[x] = T(v)
		}
	}
}
