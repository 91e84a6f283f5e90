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

// TestResizeMatchesSkimage: shrinking (anti-aliased) and growing axes,
// orders 0 to 3, every mode, four types, 2D and 3D, against
// skimage.transform.resize with its defaults otherwise (for order 0 on
// integers anti-aliasing off, see AntiAliasing).
func TestResizeMatchesSkimage(t *testing.T) {
	rng := rand.New(rand.NewPCG(61, 62))
	types := []gips.BufferType{gips.UInt8, gips.Int16, gips.Real32, gips.Real64}
	type rc struct {
		name  string
		shape []int // numpy
		out   [3]int
	}
	shapes := []rc{{"2d", []int{23, 37}, [3]int{15, 9, 1}}, {"2dup", []int{7, 6}, [3]int{13, 16, 1}},
		{"2dhalf", []int{30, 70}, [3]int{35, 15, 1}}, // the merged pass's stride-2 case (resize_merged.go)
		{"3d", []int{5, 19, 33}, [3]int{40, 10, 3}}}
	inp := map[string]gips.Array{}
	imgs := map[string]*gips.Image{}
	var script strings.Builder
	script.WriteString("from skimage.transform import resize\nimport warnings\nwarnings.simplefilter('ignore')\n")
	for _, bt := range types {
		for _, s := range shapes {
			name := strings.ToLower(bt.String()) + "_" + s.name
			n := 1
			for _, v := range s.shape {
				n *= v
			}
			a := newTestArray(bt, n, s.shape)
			gen := imgtest.RangeValues(bt, rng)
			idx := make([]int, len(s.shape))
			for k := 0; k < n; k++ {
				a.Put(gen(), idx...)
				imgtest.Next(idx, s.shape)
			}
			img, err := gips.FromArray(a)
			if err != nil {
				t.Fatal(err)
			}
			inp[name], imgs[name] = a, img
			out := fmt.Sprintf("(%d, %d)", s.out[1], s.out[0])
			if len(s.shape) == 3 {
				out = fmt.Sprintf("(%d, %d, %d)", s.out[2], s.out[1], s.out[0])
			}
			aa := ""
			if !bt.IsFloat() {
				aa = ", anti_aliasing=(o > 0)"
			}
			fmt.Fprintf(&script, "out[%q] = np.stack([resize(inp[%q], %s, order=o, mode=m, cval=0.25%s) for o in range(4) for m in %s])\n",
				name, name, out, aa, pyList(BorderPadModeNames))
		}
	}
	ref := testref.Run(t, script.String(), inp)
	for _, bt := range types {
		for _, s := range shapes {
			name := strings.ToLower(bt.String()) + "_" + s.name
			i := 0
			for o := 0; o < 4; o++ {
				for mi, m := range BorderPadModeNames {
					got, err := Resize(imgs[name], s.out[0], s.out[1], s.out[2], ResizeOrder(o), ResizeMode(PadMode(mi)), ResizeCval(0.25))
					if err != nil {
						t.Fatal(name, err)
					}
					want := ref[name].Index(0, i)
					i++
					gv, wv := imgtest.ImageValues(t, got), imgtest.Values(want)
					r := 1.0
					for _, v := range wv {
						r = max(r, math.Abs(v))
					}
					tol := 1e-9 * r
					if bt == gips.Real32 {
						tol = 1e-5 * r // scipy rounds to float32 after each Gaussian pass
					}
					for k := range wv {
						if d := math.Abs(gv[k] - wv[k]); !(d <= tol) {
							t.Fatalf("%s order %d %s: pixel %d: got %v, skimage %v", name, o, m, k, gv[k], wv[k])
						}
					}
				}
			}
		}
	}
}

func pyList(s []string) string {
	q := make([]string, len(s))
	for i, v := range s {
		q[i] = fmt.Sprintf("%q", v)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

func newTestArray(bt gips.BufferType, n int, shape []int) gips.Array {
	switch bt {
	case gips.UInt8:
		return gips.ArrayOf(make([]uint8, n), shape...)
	case gips.Int16:
		return gips.ArrayOf(make([]int16, n), shape...)
	case gips.Real32:
		return gips.ArrayOf(make([]float32, n), shape...)
	}
	return gips.ArrayOf(make([]float64, n), shape...)
}

// TestResampleMatchesScipy: a volume of 0.5 x 0.5 x 2 voxels resampled to
// isotropic 1 x 1 x 1 is scipy's zoom by (2, 0.5, 0.5) in grid mode,
// linear, nearest border; the calibration follows the sizes.
func TestResampleMatchesScipy(t *testing.T) {
	rng := rand.New(rand.NewPCG(63, 64))
	data := make([]float64, 6*9*11)
	for i := range data {
		data[i] = rng.Float64()
	}
	a := gips.ArrayOf(data, 6, 9, 11)
	img, _ := gips.FromArray(a)
	img.SetCalibration(gips.Calibration{X: 0.5, Y: 0.5, Z: 2, Unit: "um"})
	ref := testref.Run(t, `import scipy.ndimage as ndi
out["r"] = ndi.zoom(inp["a"], (2, 0.5, 0.5), order=1, mode="nearest", grid_mode=True)`, map[string]gips.Array{"a": a})
	got, err := Resample(img, 1, 1, 1)
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(got.Geometry().Shape()) != fmt.Sprint(ref["r"].Shape) {
		t.Fatalf("shape %v, scipy %v", got.Geometry().Shape(), ref["r"].Shape)
	}
	compareRef(t, "resample", 1, imgtest.ImageValues(t, got), imgtest.Values(ref["r"]), 1)
	if c := got.Calibration(); c.X != 11*0.5/6 || c.Z != 1 || c.Unit != "um" {
		t.Fatalf("calibration %+v", c)
	}
}
