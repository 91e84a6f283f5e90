package morpho

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/imgtest"
	"github.com/gipsdev/gips/internal/testref"
)

var greyFuncs = []func(dst, src *gips.Image, se SE, opts ...Option) error{
	ErodeInto, DilateInto, OpeningInto, ClosingInto, WhiteTophatInto, BlackTophatInto, GradientInto,
}

// The scipy reference of each grey op; the differences are saturated (sat)
// where scipy's unsigned arithmetic would wrap around.
const pyGrey = `
def _ero(a, fp, m): return ndi.grey_erosion(a, footprint=fp, mode=m, cval=CVAL)
def _dil(a, fp, m): return ndi.grey_dilation(a, footprint=fp, mode=m, cval=CVAL)
def _ope(a, fp, m): return ndi.grey_opening(a, footprint=fp, mode=m, cval=CVAL)
def _clo(a, fp, m): return ndi.grey_closing(a, footprint=fp, mode=m, cval=CVAL)
_f64 = lambda x: x.astype(np.float64)
greys = [_ero, _dil, _ope, _clo,
    lambda a, fp, m: sat(_f64(a) - _f64(_ope(a, fp, m)), a.dtype),
    lambda a, fp, m: sat(_f64(_clo(a, fp, m)) - _f64(a), a.dtype),
    lambda a, fp, m: sat(_f64(_dil(a, fp, m)) - _f64(_ero(a, fp, m)), a.dtype)]
`

// footprints2 and footprints3 are the footprints of the grey and rank
// tests on 2D samples and volumes: odd and even boxes (the even ones test
// scipy's origin rule and the reflection of dilation), long boxes (the van
// Herk path), disks, crosses and irregular even footprints (the line
// kernel, with runs of 1 to 5), and a 2D footprint on a volume.
func footprints2() []SE {
	return []SE{Rect(3, 3), Rect(4, 2), Rect(7, 9), Disk(2), Cross(2), irregular(2), Diamond(1), Rect(1, 1)}
}

func footprints3() []SE {
	return []SE{Box(3, 3, 3), Box(2, 3, 4), Box(1, 1, 6), Ball(1), Octahedron(2), irregular(3), Disk(1)}
}

// TestGreyMatchesScipy runs the seven grey ops on every numeric type, on
// 2D, 1-pixel-wide and -tall, 3D and multi-channel samples in contiguous,
// padded, flipped and x-reversed layouts, with every footprint and border
// mode, and compares each pixel with scipy.ndimage (exactly). The
// constant is fractional (truncated toward zero, as scipy's cast does)
// and within the type's range: scipy handles one outside it differently
// in its box and footprint paths (it compares in double in one and casts
// cval to the type, wrapping around, in the other); gips clamps it.
func TestGreyMatchesScipy(t *testing.T) {
	testGrey(t, imgtest.NumericTypes)
}

// cvalFor is the test's constant for type bt: negative for signed types.
func cvalFor(bt gips.BufferType) float64 {
	if bt.IsSigned() {
		return -3.7
	}
	return 2.5
}

func testGrey(t *testing.T, types []gips.BufferType) {
	rng := rand.New(rand.NewPCG(10, 11))
	fps := map[int][]SE{2: footprints2(), 3: footprints3()}
	inp := map[string]gips.Array{}
	for nd, l := range fps {
		for i, s := range l {
			inp[fmt.Sprintf("fp%d_%d", nd, i)] = seArray(s)
		}
	}
	var script strings.Builder
	fmt.Fprintf(&script, "import scipy.ndimage as ndi\n%s\n%s\n%s\n", imgtest.Prelude, pyApply, pyGrey)
	samples := map[gips.BufferType][]imgtest.Sample{}
	for _, bt := range types {
		samples[bt] = imgtest.Samples(t, rng, bt, plateaus(bt, rng))
		for _, c := range samples[bt] {
			inp[c.Name] = c.Arr
			nd := 2
			if is3D(c.Name) {
				nd = 3
			}
			fmt.Fprintf(&script, "CVAL = %g\n", cvalFor(bt))
			fmt.Fprintf(&script, "out[%q] = np.stack([apply(%q, inp[%q], lambda a: g(a, fit(inp['fp%d_%%d' %% i], a), m)) for g in greys for i in range(%d) for m in %s])\n",
				c.Name, c.Name, c.Name, nd, len(fps[nd]), pyModes())
		}
	}
	ref := testref.Run(t, script.String(), inp)
	for _, bt := range types {
		for _, c := range samples[bt] {
			nd := 2
			if is3D(c.Name) {
				nd = 3
			}
			before := imgtest.ImageValues(t, c.Img)
			k := 0
			for gi, f := range greyFuncs {
				for fi, s := range fps[nd] {
					for _, m := range modes {
						out, err := gips.CreateImage(c.Img.Geometry())
						if err != nil {
							t.Fatal(err)
						}
						name := fmt.Sprintf("%s %s fp%d %v", c.Name, greyNames[gi], fi, m)
						if err := f(out, c.Img, s, WithMode(m), WithCval(cvalFor(bt))); err != nil {
							t.Fatalf("%s: %v", name, err)
						}
						a, _ := out.Array()
						imgtest.Equal(t, name, a, ref[c.Name].Index(0, k))
						k++
					}
				}
			}
			if fmt.Sprint(before) != fmt.Sprint(imgtest.ImageValues(t, c.Img)) {
				t.Fatalf("%s: the input changed", c.Name)
			}
		}
	}
}
