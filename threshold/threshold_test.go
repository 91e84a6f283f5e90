package threshold

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/imgtest"
	"github.com/gipsdev/gips/internal/testref"
)

// bimodal draws from two overlapping clusters in the type's range, so that
// Otsu has a real choice to make, with some pixels at the extremes.
func bimodal(rng *rand.Rand, bt gips.BufferType) func() float64 {
	lo, hi := bt.Range()
	if bt.IsFloat() {
		lo, hi = -1000, 1000
	}
	lo, hi = narrow(bt, lo, hi)
	return func() float64 {
		c := 0.3
		if rng.IntN(3) == 0 {
			c = 0.7
		}
		v := lo + (hi-lo)*(c+0.1*rng.NormFloat64())
		return min(max(v, lo), hi)
	}
}

// narrow keeps 32-bit integer images to a range that scikit-image's
// one-bin-per-value histogram can allocate: UInt32 just above the dense
// counting limit, Int32 below it (TestOtsuWideRange covers wider ones).
func narrow(bt gips.BufferType, lo, hi float64) (float64, float64) {
	switch bt {
	case gips.UInt32:
		return 0, 1.5e5
	case gips.Int32:
		return -5e4, 1e5
	}
	return lo, hi
}

// hystScript is the hysteresis reference: scikit-image's for face
// connectivity, its algorithm with scipy's structure of connectivity conn
// otherwise (0: full).
const hystScript = `import skimage.filters as skf, scipy.ndimage as ndi
def hyst(a, low, high, conn, multi):
    if multi:
        return np.stack([hyst(c, low, high, conn, False) for c in a])
    if conn == 1:
        return skf.apply_hysteresis_threshold(a, low, high)
    st = ndi.generate_binary_structure(a.ndim, conn or a.ndim)
    lab, n = ndi.label(a > low, structure=st)
    keep = np.zeros(n + 1, bool); keep[np.unique(lab[a > high])] = True; keep[0] = False
    return keep[lab]
`

// TestThresholdsMatchSkimage: Otsu equals skimage.filters.threshold_otsu
// exactly (every type, shape and layout, nbins 256 and 37), the Otsu mask
// equals image > threshold, Range/Light/Dark equal numpy's comparisons, and
// Hysteresis equals skimage.filters.apply_hysteresis_threshold (face
// connectivity) and, with connectivity 2 (18 in 3D) and full, the same
// algorithm labelled with scipy's structure of that connectivity. Multi-channel images are thresholded per
// channel by hysteresis, as a whole by Otsu.
func TestThresholdsMatchSkimage(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	inp := map[string]gips.Array{}
	var py strings.Builder
	py.WriteString(hystScript)
	bounds := map[gips.BufferType][2]float64{}
	all := map[gips.BufferType][]imgtest.Sample{}
	for _, bt := range imgtest.NumericTypes {
		cs := imgtest.Samples(t, rng, bt, bimodal(rng, bt))
		lo, hi := bt.Range()
		if bt.IsFloat() {
			lo, hi = -1000, 1000
		}
		lo, hi = narrow(bt, lo, hi)
		a, b := lo+(hi-lo)*0.4, lo+(hi-lo)*0.75
		bounds[bt], all[bt] = [2]float64{a, b}, cs
		for _, c := range cs {
			inp[c.Name] = c.Arr
			multi := "False"
			if c.Img.Geometry().SizeC > 1 {
				multi = "True"
			}
			fmt.Fprintf(&py, `a = inp[%[1]q]
out[%[1]q + "_otsu"] = np.array([skf.threshold_otsu(a), skf.threshold_otsu(a, nbins=37)], np.float64)
out[%[1]q + "_range"] = ((a >= %[2]g) & (a <= %[3]g)).astype(np.uint8)
out[%[1]q + "_light"] = (a >= %[2]g).astype(np.uint8)
out[%[1]q + "_dark"] = (a <= %[2]g).astype(np.uint8)
out[%[1]q + "_hyst"] = hyst(a, %[2]g, %[3]g, 1, %[4]s).astype(np.uint8)
out[%[1]q + "_hyst2"] = hyst(a, %[2]g, %[3]g, 2, %[4]s).astype(np.uint8)
out[%[1]q + "_hystfull"] = hyst(a, %[2]g, %[3]g, 0, %[4]s).astype(np.uint8)
`, c.Name, a, b, multi)
		}
	}
	ref := testref.Run(t, py.String(), inp)
	for _, bt := range imgtest.NumericTypes {
		t.Run(bt.String(), func(t *testing.T) {
			cs, a, b := all[bt], bounds[bt][0], bounds[bt][1]
			for _, c := range cs {
				r := func(k string) []float64 { return imgtest.Values(ref[c.Name+"_"+k]) }
				want := r("otsu")
				o, err := Otsu(c.Img)
				if err != nil {
					t.Fatal(err)
				}
				o37, _ := OtsuBins(c.Img, 37)
				if o != want[0] || o37 != want[1] {
					t.Errorf("%s: otsu %v (37 bins %v), skimage %v", c.Name, o, o37, want)
				}
				mask, th, err := OtsuApply(c.Img)
				if err != nil || th != o {
					t.Fatal(th, err)
				}
				in := imgtest.ImageValues(t, c.Img)
				got := imgtest.ImageValues(t, mask)
				for i, v := range in {
					if (got[i] == 1) != (v > o) {
						t.Fatalf("%s: otsu mask pixel %d = %v for %v > %v", c.Name, i, got[i], v, o)
					}
				}
				check := func(what string, img *gips.Image, err error) {
					t.Helper()
					if err != nil {
						t.Fatal(err)
					}
					if img.Type() != gips.Binary {
						t.Fatalf("%s %s: type %v", c.Name, what, img.Type())
					}
					got, want := imgtest.ImageValues(t, img), r(what)
					for i := range want {
						if got[i] != want[i] {
							t.Fatalf("%s %s: pixel %d = %v, reference %v", c.Name, what, i, got[i], want[i])
						}
					}
				}
				img, err := Range(c.Img, a, b)
				check("range", img, err)
				img, err = Light(c.Img, a)
				check("light", img, err)
				img, err = Dark(c.Img, a)
				check("dark", img, err)
				img, err = Hysteresis(c.Img, a, b, gips.Conn4)
				check("hyst", img, err)
				img, err = Hysteresis(c.Img, a, b, gips.Conn8) // 18 neighbours in 3D
				check("hyst2", img, err)
				img, err = Hysteresis(c.Img, a, b, gips.Full)
				check("hystfull", img, err)
			}
		})
	}
}

// TestOtsuWideRange: a UInt32 image whose values span far more than its
// pixel count (gips counts a sorted copy), and an Int32 one with negative
// values, against threshold_otsu.
func TestOtsuWideRange(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	u := make([]uint32, 31*17)
	for i := range u {
		u[i] = uint32(rng.IntN(100)) * 17000
		if i%3 == 0 {
			u[i] += 1_000_000
		}
	}
	s := make([]int32, 29*13)
	for i := range s {
		s[i] = int32(rng.IntN(3000)) - 2000
	}
	ua, sa := gips.ArrayOf(u, 17, 31), gips.ArrayOf(s, 13, 29)
	ref := testref.Run(t, `import skimage.filters as skf
out["u"] = np.array([skf.threshold_otsu(inp["u"])], np.float64)
out["s"] = np.array([skf.threshold_otsu(inp["s"])], np.float64)`, map[string]gips.Array{"u": ua, "s": sa})
	for name, a := range map[string]gips.Array{"u": ua, "s": sa} {
		img, err := gips.FromArray(a)
		if err != nil {
			t.Fatal(err)
		}
		got, err := Otsu(img)
		if want := ref[name].Get(0); err != nil || got != want {
			t.Errorf("%s: otsu %v (%v), skimage %v", name, got, err, want)
		}
	}
}

// TestInPlaceAndConstant: Range and Hysteresis may write into their UInt8
// source; a constant image's Otsu threshold is its value.
func TestInPlaceAndConstant(t *testing.T) {
	data := []uint8{1, 5, 9, 5, 1, 9, 9, 1, 1}
	img, _ := gips.FromArray(gips.ArrayOf(append([]uint8(nil), data...), 3, 3))
	if err := HysteresisInto(img, img, 4, 8, gips.Conn4); err != nil {
		t.Fatal(err)
	}
	row := img.Row(0, 0)
	// 5 at (1,0) touches 9 at (2,0); 5 at (0,1) touches 5 at (1,0) diagonally only... via (1,1)? no: (1,1) is 1.
	if row[0] != 0 || row[1] != 1 || row[2] != 1 {
		t.Errorf("hysteresis in place: first row %v", row)
	}
	c, _ := gips.FromArray(gips.ArrayOf([]float32{2.5, 2.5, 2.5, 2.5}, 2, 2))
	if v, err := Otsu(c); v != 2.5 || err != nil {
		t.Errorf("otsu of a constant image: %v %v", v, err)
	}
}
