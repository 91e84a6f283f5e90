package color

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

var allTypes = []gips.BufferType{gips.UInt8, gips.Int8, gips.UInt16, gips.Int16, gips.UInt32, gips.Int32, gips.Real32, gips.Real64}

// rgbLayout is a channel-first RGB array laid out in memory some way.
type rgbLayout struct {
	name  string
	shape []int // numpy (3, ...) shape
	view  func(base func(shape ...int) gips.Array) gips.Array
}

var rgbLayouts = []rgbLayout{
	{"2d", []int{3, 17, 29}, func(b func(...int) gips.Array) gips.Array { return b(3, 17, 29) }},
	{"2d-padded", []int{3, 17, 29}, func(b func(...int) gips.Array) gips.Array { return b(3, 17, 32).Slice(2, 1, 30, 1) }},
	{"2d-flipped", []int{3, 17, 29}, func(b func(...int) gips.Array) gips.Array { return b(3, 17, 29).Reverse(1) }},
	{"2d-x-reversed", []int{3, 17, 29}, func(b func(...int) gips.Array) gips.Array { return b(3, 17, 29).Reverse(2) }},
	// An interleaved (Y, X, 3) image seen channel first: x stride 3 items.
	{"2d-interleaved", []int{3, 17, 29}, func(b func(...int) gips.Array) gips.Array { return b(17, 29, 3).Transpose(2, 0, 1) }},
	{"1-row", []int{3, 1, 7}, func(b func(...int) gips.Array) gips.Array { return b(3, 1, 7) }},
	{"3d", []int{3, 5, 9, 11}, func(b func(...int) gips.Array) gips.Array { return b(3, 5, 9, 11) }},
}

// rgbSamples fills each layout with values of type bt: integers over the
// type's whole range, floats in [0, 1] with a few outside.
func rgbSamples(t *testing.T, rng *rand.Rand, bt gips.BufferType) []imgtest.Sample {
	lo, hi := bt.Range()
	var out []imgtest.Sample
	for _, l := range rgbLayouts {
		var base gips.Array
		a := l.view(func(shape ...int) gips.Array {
			n := 1
			for _, s := range shape {
				n *= s
			}
			base = newArray(bt, n, shape)
			return base
		})
		idx := make([]int, len(base.Shape))
		for n := base.Size(); n > 0; n-- {
			v := lo + rng.Float64()*(hi-lo)
			if bt.IsFloat() {
				v = rng.Float64()*1.2 - 0.1
			} else {
				v = math.Floor(v)
			}
			if rng.IntN(10) == 0 {
				v = [3]float64{lo, hi, 0}[rng.IntN(3)]
				if bt.IsFloat() {
					v = [3]float64{0, 1, 0.5}[rng.IntN(3)]
				}
			}
			base.Put(v, idx...)
			imgtest.Next(idx, base.Shape)
		}
		var img *gips.Image
		var err error
		if len(l.shape) == 4 { // FromRgbArray is 2D: a volume takes its geometry
			img, err = gips.FromArrayGeometry(a, gips.GeometryRgb3d(bt, l.shape[3], l.shape[2], l.shape[1]))
		} else {
			img, err = gips.FromRgbArray(a)
		}
		if err != nil {
			t.Fatalf("%s: %v", l.name, err)
		}
		out = append(out, imgtest.Sample{Name: strings.ToLower(bt.String()) + "_" + strings.ReplaceAll(l.name, "-", "_"), Img: img, Arr: a})
	}
	return out
}

func newArray(bt gips.BufferType, n int, shape []int) gips.Array {
	switch bt {
	case gips.UInt8:
		return gips.ArrayOf(make([]uint8, n), shape...)
	case gips.Int8:
		return gips.ArrayOf(make([]int8, n), shape...)
	case gips.UInt16:
		return gips.ArrayOf(make([]uint16, n), shape...)
	case gips.Int16:
		return gips.ArrayOf(make([]int16, n), shape...)
	case gips.UInt32:
		return gips.ArrayOf(make([]uint32, n), shape...)
	case gips.Int32:
		return gips.ArrayOf(make([]int32, n), shape...)
	case gips.Real32:
		return gips.ArrayOf(make([]float32, n), shape...)
	}
	return gips.ArrayOf(make([]float64, n), shape...)
}

type convCase struct {
	name  string
	f     func(*gips.Image, ...Option) (*gips.Image, error)
	sk    string // the skimage.color function
	three bool
	types []gips.BufferType
}

var convCases = []convCase{
	{"grey", RgbToGrey, "rgb2gray", false, allTypes},
	{"hsv", RgbToHsv, "rgb2hsv", true, allTypes},
	// hsv2rgb takes floor(6h) through uint8: hues outside [0, 1] (signed
	// types give negative ones) are numpy's undefined cast.
	{"hsv2rgb", HsvToRgb, "hsv2rgb", true, []gips.BufferType{gips.UInt8, gips.UInt16, gips.UInt32, gips.Real32, gips.Real64}},
	{"lab", RgbToLab, "rgb2lab", true, allTypes},
	{"lab2rgb", LabToRgb, "lab2rgb", true, allTypes},
	{"ycbcr", RgbToYCbCr, "rgb2ycbcr", true, allTypes},
}

// TestConversionsMatchSkimage runs every conversion on every type and RGB
// layout (contiguous, padded, flipped, x-reversed, interleaved, one row,
// a volume) against skimage.color on the channel-last array. Lab inputs
// to lab2rgb are the RGB samples scaled to Lab's ranges.
func TestConversionsMatchSkimage(t *testing.T) {
	rng := rand.New(rand.NewPCG(51, 52))
	inp := map[string]gips.Array{}
	var script strings.Builder
	script.WriteString("import skimage.color as skc, warnings\nwarnings.simplefilter('ignore')\n" +
		"def F(f, a, three):\n    r = f(np.moveaxis(a, 0, -1))\n    return np.moveaxis(r, -1, 0) if three else r\n")
	samples := map[gips.BufferType][]imgtest.Sample{}
	for _, bt := range allTypes {
		samples[bt] = rgbSamples(t, rng, bt)
		for _, s := range samples[bt] {
			inp[s.Name] = s.Arr
			for _, c := range convCases {
				fmt.Fprintf(&script, "out['%s_%s'] = F(skc.%s, inp[%q], %s)\n", s.Name, c.name, c.sk, s.Name, map[bool]string{true: "True", false: "False"}[c.three])
			}
		}
	}
	ref := testref.Run(t, script.String(), inp)
	for _, c := range convCases {
		for _, bt := range c.types {
			for _, s := range samples[bt] {
				got, err := c.f(s.Img)
				if err != nil {
					t.Fatalf("%s %s: %v", c.name, s.Name, err)
				}
				want := ref[s.Name+"_"+c.name]
				if wt := FloatType(bt); got.Type() != wt {
					t.Fatalf("%s %s: type %v, want %v", c.name, s.Name, got.Type(), wt)
				}
				if fmt.Sprint(got.Geometry().Shape()) != fmt.Sprint(want.Shape) {
					t.Fatalf("%s %s: shape %v, skimage %v", c.name, s.Name, got.Geometry().Shape(), want.Shape)
				}
				g, w := imgtest.ImageValues(t, got), imgtest.Values(want)
				r := 1.0
				for _, v := range w {
					if !math.IsInf(v, 0) {
						r = max(r, math.Abs(v))
					}
				}
				tol := 1e-12 * r
				if bt == gips.Real32 {
					tol = 2e-6 * r // skimage computes in float32
				}
				for i := range w {
					if d := math.Abs(g[i] - w[i]); !(d <= tol) && g[i] != w[i] {
						t.Fatalf("%s %s: value %d: got %v, skimage %v (tolerance %.2g)", c.name, s.Name, i, g[i], w[i], tol)
					}
				}
			}
		}
	}
}
