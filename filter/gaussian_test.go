package filter

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

var modes = []Mode{Reflect, Nearest, Mirror, Constant, Wrap}

// numpySigma is (sx, sy, sz) in the order of the case's numpy axes; the
// channel axis of a multi-channel image is not filtered.
func numpySigma(c imgtest.Sample, s [3]float64) string {
	g := c.Img.Geometry()
	switch {
	case g.Volume && g.SizeC > 1:
		return fmt.Sprintf("(0, %g, %g, %g)", s[2], s[1], s[0])
	case g.Volume:
		return fmt.Sprintf("(%g, %g, %g)", s[2], s[1], s[0])
	case g.SizeC > 1:
		return fmt.Sprintf("(0, %g, %g)", s[1], s[0])
	}
	return fmt.Sprintf("(%g, %g)", s[1], s[0])
}

// TestGaussianMatchesScipyAllModes compares every type, layout and shape in
// every border mode with scipy.ndimage.gaussian_filter computed in float64.
// Real32 output: within 1e-5 of the input's range (float32 accumulation).
// Integer output (the input type): equal to scipy's value rounded half
// away from zero and clipped, except off by one where scipy's value lies
// within the accumulation error of a .5 tie (4e-7 of the range for 8- and
// 16-bit inputs, accumulated in float32; 1e-12 for 32-bit ones).
func TestGaussianMatchesScipyAllModes(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	testGaussian(t, rng, imgtest.NumericTypes, [3]float64{1.5, 2.5, 0.8}, 4, 7.5)
}

// TestGaussianWideKernel uses kernels much wider than the image (radius 28
// on 23 rows, 1-pixel lines), where every mode's pattern repeats.
func TestGaussianWideKernel(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	testGaussian(t, rng, []gips.BufferType{gips.UInt16}, [3]float64{7, 9, 3}, 3.1, -2)
}

func testGaussian(t *testing.T, rng *rand.Rand, types []gips.BufferType, sigma [3]float64, truncate, cval float64) {
	inp := map[string]gips.Array{}
	var script strings.Builder
	script.WriteString("import scipy.ndimage as ndi\n")
	all := map[gips.BufferType][]imgtest.Sample{}
	for _, bt := range types {
		all[bt] = imgtest.Samples(t, rng, bt, nil)
		for _, c := range all[bt] {
			inp[c.Name] = c.Arr
			fmt.Fprintf(&script, "out[%q] = np.stack([ndi.gaussian_filter(inp[%q].astype(np.float64), %s, mode=m, cval=%g, truncate=%g) for m in %s])\n",
				c.Name, c.Name, numpySigma(c, sigma), cval, truncate, pyModes())
		}
	}
	ref := testref.Run(t, script.String(), inp)
	for _, bt := range types {
		t.Run(bt.String(), func(t *testing.T) {
			worst, ties, n := 0.0, 0, 0
			for _, c := range all[bt] {
				in := imgtest.ImageValues(t, c.Img)
				rng := max(valueRange(in), 1)
				for mi, m := range modes {
					want := imgtest.Values(ref[c.Name].Index(0, mi))
					opts := []Option{WithMode(m), WithCval(cval), WithTruncate(truncate)}
					f, err := GaussianXYZ(c.Img, sigma[0], sigma[1], sigma[2], opts...)
					if err != nil {
						t.Fatal(err)
					}
					got := imgtest.ImageValues(t, f)
					n += len(want)
					for i := range want {
						d := math.Abs(got[i] - want[i])
						worst = max(worst, d/rng)
						if d > 1e-5*rng {
							t.Fatalf("%s %v: pixel %d: got %v, scipy %v (range %v)", c.Name, m, i, got[i], want[i], rng)
						}
					}
					if bt.IsFloat() {
						continue
					}
					lo, hi := bt.Range()
					if bt == gips.UInt8 { // the default: fixed point, within one grey level
						fixed, err := GaussianXYZ(c.Img, sigma[0], sigma[1], sigma[2], append(opts, WithOutput(bt))...)
						if err != nil {
							t.Fatal(err)
						}
						for i, v := range imgtest.ImageValues(t, fixed) {
							if w := min(max(math.Round(want[i]), lo), hi); math.Abs(v-w) > 1 {
								t.Fatalf("%s %v as %v (fixed point): pixel %d: got %v, want %v ± 1 (scipy %v)", c.Name, m, bt, i, v, w, want[i])
							}
						}
					}
					typed, err := GaussianXYZ(c.Img, sigma[0], sigma[1], sigma[2], append(opts, WithOutput(bt), WithPrecise())...)
					if err != nil {
						t.Fatal(err)
					}
					got = imgtest.ImageValues(t, typed)
					// A tie zone around .5 as wide as the accumulation error:
					// float32 for 8- and 16-bit inputs, float64 for 32-bit.
					tie := 4e-7 * rng
					if bt.ItemSize() == 4 {
						tie = 1e-12 * rng
					}
					for i := range want {
						w := min(max(math.Round(want[i]), lo), hi) // math.Round: half away from zero
						frac := want[i] - math.Floor(want[i])
						if got[i] == w {
							continue
						}
						if math.Abs(got[i]-w) != 1 || math.Abs(frac-0.5) >= tie {
							t.Fatalf("%s %v as %v: pixel %d: got %v, want %v (scipy %v)", c.Name, m, bt, i, got[i], w, want[i])
						}
						ties++
					}
				}
			}
			t.Logf("%v: worst Real32 difference %.2g of the input range; %d of %d integer outputs off by one at a .5 tie", bt, worst, ties, n)
		})
	}
}

func valueRange(v []float64) float64 {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, x := range v {
		lo, hi = min(lo, x), max(hi, x)
	}
	return hi - lo
}

// TestWideVolumeMatchesScipy: rows long enough that the z pass works on
// blocks of several rows with a partial last block (1000 x 13 x 5), for
// the Gaussian (Real32 and in-type outputs) and the mean.
func TestWideVolumeMatchesScipy(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 5))
	data := make([]uint16, 1000*13*5)
	for i := range data {
		data[i] = uint16(rng.IntN(65536))
	}
	a := gips.ArrayOf(data, 5, 13, 1000)
	img, _ := gips.FromArray(a)
	ref := testref.Run(t, `import scipy.ndimage as ndi
f = inp["a"].astype(np.float64)
out["g"] = ndi.gaussian_filter(f, (1.5, 1, 0.7), mode="constant", cval=3)
out["m"] = ndi.uniform_filter(f, (3, 2, 4), mode="wrap")`, map[string]gips.Array{"a": a})
	g, err := GaussianXYZ(img, 0.7, 1, 1.5, WithMode(Constant), WithCval(3))
	if err != nil {
		t.Fatal(err)
	}
	m, err := MeanXYZ(img, 4, 2, 3, WithMode(Wrap), WithOutput(gips.Real64))
	if err != nil {
		t.Fatal(err)
	}
	for name, got := range map[string]*gips.Image{"g": g, "m": m} {
		gv, want := imgtest.ImageValues(t, got), imgtest.Values(ref[name])
		for i := range want {
			if math.Abs(gv[i]-want[i]) > 1e-5*65535 {
				t.Fatalf("%s: pixel %d: got %v, scipy %v", name, i, gv[i], want[i])
			}
		}
	}
}
