package transform

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/imgtest"
	"github.com/gipsdev/gips/internal/testref"
)

// allModes is every mode, in the order of the reference scripts.
var allModes = []Mode{Constant, Reflect, Mirror, Nearest, Wrap, GridWrap, GridConstant, GridMirror}

func pyModes() string {
	q := make([]string, len(allModes))
	for i, m := range allModes {
		q[i] = fmt.Sprintf("%q", m.String())
	}
	return "[" + strings.Join(q, ", ") + "]"
}

// numpyTuple is a per-axis vector (x, y, z) in the order of the sample's
// numpy axes, with value ch for a channel axis.
func numpyTuple(g gips.Geometry, v [3]float64, _ float64) string {
	var s []string
	if g.Volume {
		s = append(s, fmt.Sprint(v[2]))
	}
	s = append(s, fmt.Sprint(v[1]), fmt.Sprint(v[0]))
	return "(" + strings.Join(s, ", ") + ",)"
}

func valueRange(v []float64) float64 {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, x := range v {
		lo, hi = min(lo, x), max(hi, x)
	}
	return max(hi-lo, 1)
}

// compareRef checks got against scipy's want: equal for orders 0 and 1
// (both float64), within 1e-6 of the input's range for orders 2 to 5.
func compareRef(t *testing.T, what string, order int, got, want []float64, rng float64) {
	t.Helper()
	compareSlack(t, what, order, got, want, rng, 0)
}

// compareSlack is compareRef with a tolerance of slack*rng for orders 0
// and 1.
func compareSlack(t *testing.T, what string, order int, got, want []float64, rng, slack float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d values, scipy %d", what, len(got), len(want))
	}
	tol := slack * rng
	if order > 1 {
		tol = 1e-6 * rng
	}
	for i := range want {
		if d := math.Abs(got[i] - want[i]); !(d <= tol) && !(math.IsNaN(got[i]) && math.IsNaN(want[i])) {
			t.Fatalf("%s: pixel %d: got %v, scipy %v (diff %.3g, tolerance %.3g)", what, i, got[i], want[i], d, tol)
		}
	}
}

// compareTyped checks an output in the input's integer type against
// scipy's output in that type: equal for orders 0 and 1; for orders 2 to
// 5 scipy's float64 value rounded half away from zero and saturated,
// within one where that value is within 1e-6 of the range of a .5 tie.
func compareTyped(t *testing.T, what string, bt gips.BufferType, order int, got, wantTyped, wantF []float64, rng float64) {
	t.Helper()
	lo, hi := bt.Range()
	for i := range got {
		if order <= 1 {
			if got[i] != wantTyped[i] && !(math.IsNaN(got[i]) && math.IsNaN(wantTyped[i])) {
				t.Fatalf("%s as %v: pixel %d: got %v, scipy %v", what, bt, i, got[i], wantTyped[i])
			}
			continue
		}
		if bt.IsFloat() {
			continue
		}
		w := min(max(math.Round(wantF[i]), lo), hi)
		frac := wantF[i] - math.Floor(wantF[i])
		if got[i] != w && (math.Abs(got[i]-w) != 1 || math.Abs(frac-0.5) > 1e-6*rng) {
			t.Fatalf("%s as %v: pixel %d: got %v, want %v (scipy %v)", what, bt, i, got[i], w, wantF[i])
		}
	}
}

// zoomPrelude defines Z, scipy's zoom applied to each channel alone when
// the array has a channel axis (gips never interpolates across channels).
const zoomPrelude = `import scipy.ndimage as ndi, warnings
warnings.simplefilter('ignore')
def Z(a, z, ch, **kw):
    if ch:
        return np.stack([ndi.zoom(a[c], z, **kw) for c in range(a.shape[0])])
    return ndi.zoom(a, z, **kw)
`

func pyBool(b bool) string {
	if b {
		return "True"
	}
	return "False"
}

type zoomCase struct {
	order int
	mode  Mode
	grid  bool
}

func zoomCases() []zoomCase {
	var cs []zoomCase
	for o := 0; o <= maxOrder; o++ {
		for _, m := range allModes {
			for _, g := range []bool{false, true} {
				cs = append(cs, zoomCase{o, m, g})
			}
		}
	}
	return cs
}

// TestZoomMatchesScipy runs every order, mode and grid mode on every
// layout of imgtest.Grid (odd sizes, 1-pixel rows and columns, volumes,
// channels; contiguous, padded, flipped and x-reversed memory) for four
// types against scipy.ndimage.zoom, both in float64 and in the input's
// type. Factors enlarge one axis and shrink another.
func TestZoomMatchesScipy(t *testing.T) {
	testZoom(t, [3]float64{1.7, 0.6, 1.4}, 2.5, []gips.BufferType{gips.UInt8, gips.Int16, gips.Real32, gips.Real64})
}

// TestZoomHalfAndDouble: the everyday factors 0.5 and 2.
func TestZoomHalfAndDouble(t *testing.T) {
	two := []gips.BufferType{gips.UInt16, gips.Real64}
	testZoom(t, [3]float64{0.5, 0.5, 0.5}, 0, two)
	testZoom(t, [3]float64{2, 2, 2}, -7, two)
}

func testZoom(t *testing.T, f [3]float64, cval float64, types []gips.BufferType) {
	rng := rand.New(rand.NewPCG(7, uint64(f[0]*100)))
	inp := map[string]gips.Array{}
	var script strings.Builder
	script.WriteString(zoomPrelude)
	cases := zoomCases()
	all := map[gips.BufferType][]imgtest.Sample{}
	for _, bt := range types {
		all[bt] = imgtest.Samples(t, rng, bt, nil)
		for _, s := range all[bt] {
			inp[s.Name] = s.Arr
			z := numpyTuple(s.Img.Geometry().WithType(bt), f, 0)
			fmt.Fprintf(&script, "a = inp[%q]\n", s.Name)
			fmt.Fprintf(&script, "out[%q] = np.stack([Z(a.astype(np.float64), %s, %v, order=o, mode=m, cval=%g, grid_mode=g) for o in range(6) for m in %s for g in (False, True)])\n",
				s.Name+"_f", z, pyBool(s.Img.Geometry().SizeC > 1), cval, pyModes())
			fmt.Fprintf(&script, "out[%q] = np.stack([Z(a, %s, %v, order=o, mode=m, cval=%g, grid_mode=g) for o in range(2) for m in %s for g in (False, True)])\n",
				s.Name+"_t", z, pyBool(s.Img.Geometry().SizeC > 1), cval, pyModes())
		}
	}
	ref := testref.Run(t, script.String(), inp)
	for _, bt := range types {
		for _, s := range all[bt] {
			in := imgtest.ImageValues(t, s.Img)
			r := valueRange(in)
			for ci, c := range cases {
				what := fmt.Sprintf("%s order %d %v grid %v", s.Name, c.order, c.mode, c.grid)
				opts := []Option{WithOrder(c.order), WithMode(c.mode), WithCval(cval), WithGridMode(c.grid)}
				if _, err := ZoomGeometry(s.Img.Geometry(), f[0], f[1], f[2]); err != nil {
					// A side that rounds to 0 pixels: scipy returns an empty
					// array, gips an error naming the factor.
					if sh := ref[s.Name+"_f"].Shape; !slices.Contains(sh, 0) || !strings.Contains(err.Error(), "factor") {
						t.Fatalf("%s: %v, but scipy gives shape %v", what, err, sh)
					}
					continue
				}
				wantF := imgtest.Values(ref[s.Name+"_f"].Index(0, ci))
				out, err := Zoom(s.Img, f[0], f[1], f[2], append(opts, WithOutput(gips.Real64))...)
				if err != nil {
					t.Fatal(what, err)
				}
				compareRef(t, what, c.order, imgtest.ImageValues(t, out), wantF, r)
				typed, err := Zoom(s.Img, f[0], f[1], f[2], opts...)
				if err != nil {
					t.Fatal(what, err)
				}
				var wantT []float64
				if c.order <= 1 {
					wantT = imgtest.Values(ref[s.Name+"_t"].Index(0, ci))
				}
				compareTyped(t, what, bt, c.order, imgtest.ImageValues(t, typed), wantT, wantF, r)
			}
		}
	}
}

// TestZoomLongLines: lines long enough (1500) that the prefilter's
// initialisation stops at negligible terms, every order above 1 and
// every mode, against scipy.
func TestZoomLongLines(t *testing.T) {
	rng := rand.New(rand.NewPCG(81, 82))
	data := make([]float64, 3*1500)
	for i := range data {
		data[i] = rng.Float64()*2000 - 1000
	}
	a := gips.ArrayOf(data, 3, 1500)
	img, _ := gips.FromArray(a)
	ref := testref.Run(t, zoomPrelude+`out["z"] = np.stack([ndi.zoom(inp["a"], (1.5, 0.7), order=o, mode=m, grid_mode=g) for o in range(2, 6) for m in `+pyModes()+` for g in (False, True)])`,
		map[string]gips.Array{"a": a})
	i := 0
	for o := 2; o <= maxOrder; o++ {
		for _, m := range allModes {
			for _, g := range []bool{false, true} {
				got, err := Zoom(img, 0.7, 1.5, 1, WithOrder(o), WithMode(m), WithGridMode(g))
				if err != nil {
					t.Fatal(err)
				}
				compareRef(t, fmt.Sprintf("order %d %v grid %v", o, m, g), o, imgtest.ImageValues(t, got), imgtest.Values(ref["z"].Index(0, i)), 2000)
				i++
			}
		}
	}
}
