package threshold

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/childtest"
	"github.com/gipsdev/gips/internal/imgtest"
	"github.com/gipsdev/gips/internal/testref"
)

// TestBinaryInputsReadZeroOne: a Binary image is any byte, non-zero
// meaning true. Masks holding 0/1, 0/255 and (from an int8 array) 0/-1 give
// identical thresholds and masks, equal to scikit-image's and numpy's on
// the 0/1 values. In a child process: Otsu and OtsuApply on a 0/255 mask
// indexed out of range in a worker goroutine, aborting the process.
func TestBinaryInputsReadZeroOne(t *testing.T) {
	if !childtest.InChild(t, 2*time.Minute) {
		return
	}
	rng := rand.New(rand.NewPCG(2, 9))
	for _, shape := range [][]int{{23, 41}, {4, 9, 13}} {
		n := 1
		for _, s := range shape {
			n *= s
		}
		u1, u255, i8 := make([]uint8, n), make([]uint8, n), make([]int8, n)
		for i := range u1 {
			if rng.IntN(5) < 2 {
				u1[i], u255[i], i8[i] = 1, 255, -1
			}
		}
		ref := testref.Run(t, hystScript+`a = inp["a"]
out["otsu"] = np.array([skf.threshold_otsu(a)], np.float64)
out["above"] = (a > skf.threshold_otsu(a)).astype(np.uint8)
out["range"] = ((a >= 0.5) & (a <= 7)).astype(np.uint8)
out["dark"] = (a <= 0).astype(np.uint8)
out["hyst"] = hyst(a, 0.5, 0.7, False, False).astype(np.uint8)
`, map[string]gips.Array{"a": gips.ArrayOf(slices.Clone(u1), shape...)})
		for k, a := range []gips.Array{gips.ArrayOf(u1, shape...), gips.ArrayOf(u255, shape...), gips.ArrayOf(i8, shape...)} {
			m, err := gips.FromBinaryArray(a)
			if err != nil {
				t.Fatal(err)
			}
			name := fmt.Sprintf("%v mask %d", shape, k)
			th, err := Otsu(m)
			if err != nil || th != ref["otsu"].Get(0) {
				t.Fatalf("%s: Otsu = %v, %v; scikit-image %v", name, th, err, ref["otsu"].Get(0))
			}
			above, th2, err := OtsuApply(m)
			if err != nil || th2 != th {
				t.Fatalf("%s: OtsuApply: %v %v", name, th2, err)
			}
			r, _ := Range(m, 0.5, 7)
			d, _ := Dark(m, 0)
			h, err := Hysteresis(m, 0.5, 0.7, gips.Conn4)
			if err != nil {
				t.Fatal(err)
			}
			for what, img := range map[string]*gips.Image{"above": above, "range": r, "dark": d, "hyst": h} {
				got, want := imgtest.ImageValues(t, img), imgtest.Values(ref[what])
				if !slices.Equal(got, want) {
					t.Fatalf("%s: %s differs from numpy's on the 0/1 values", name, what)
				}
			}
			// In place, as RangeInto allows for a Binary source: v >= 1
			// is every true pixel.
			c, _ := gips.Copy(m)
			if err := RangeInto(c, c, 1, math.Inf(1)); err != nil {
				t.Fatal(err)
			}
			for i, v := range imgtest.ImageValues(t, c) {
				if v != float64(u1[i]) {
					t.Fatalf("%s: in-place Light(1): pixel %d = %v, want %d", name, i, v, u1[i])
				}
			}
		}
	}
}

// TestOtsuOfHugeValues: Otsu of a Real64 image holding values near ±1e300
// (whose between-class variance overflows float64) is scikit-image's
// threshold of the same values scaled exactly by 2^-600, scaled back;
// scikit-image on the raw values overflows to Inf and picks the first bin
// (and gips returned -Inf). Values near ±1.7e308, whose range itself
// overflows, give scikit-image's scaled threshold within one bin (their
// edges are computed without overflow, so not as numpy's linspace, which
// fails there).
func TestOtsuOfHugeValues(t *testing.T) {
	rng := rand.New(rand.NewPCG(12, 5))
	huge := make([]float64, 600)
	for i := range huge {
		c := -0.6
		if rng.IntN(3) == 0 {
			c = 0.5
		}
		huge[i] = (c + 0.2*rng.NormFloat64()) * 1e300
	}
	edge := []float64{-1.7e308, 1.7e308, -1.6e308, 1.5e308, -1.65e308, 1.69e308, 0, 1e308}
	ref := testref.Run(t, `import skimage.filters as skf
for k, a in inp.items():
    out[k] = np.array([skf.threshold_otsu(a * 2.0**-600) * 2.0**600])`,
		map[string]gips.Array{"huge": gips.ArrayOf(slices.Clone(huge), 20, 30), "edge": gips.ArrayOf(slices.Clone(edge), 2, 4)})
	img, _ := gips.FromArray(gips.ArrayOf(huge, 20, 30))
	got, err := Otsu(img)
	if err != nil || got != ref["huge"].Get(0) {
		t.Fatalf("Otsu(±1e300) = %v, %v; scikit-image on the exactly scaled values %v", got, err, ref["huge"].Get(0))
	}
	img, _ = gips.FromArray(gips.ArrayOf(edge, 2, 4))
	got, err = Otsu(img)
	if want, bin := ref["edge"].Get(0), 3.4e308/256; err != nil || !(math.Abs(got-want) <= bin) {
		t.Fatalf("Otsu(±1.7e308) = %v, %v; scikit-image on the exactly scaled values %v", got, err, want)
	}
}
