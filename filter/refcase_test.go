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

// refCase is one filter compared with a Python reference on every Grid
// layout and border mode. py is an expression of v (one volume or 2D
// image as float64, numpy order, a channel at a time), m (the mode name),
// cval and nd (2 or 3); run is the gips side. The tolerance is tol times
// the larger of the input's value range (at least 1) and the reference's
// largest magnitude (filters with a gain, such as a 3D Scharr's 512).
type refCase struct {
	name string
	py   string
	run  func(img *gips.Image, m Mode, cval float64) (*gips.Image, error)
	tol  float64
	// raw: v keeps the input's dtype (for references that scale integer
	// images themselves, as skimage's img_as_float).
	raw bool
	// ofResult: the tolerance is relative to the reference's largest
	// magnitude alone (results on a scale of their own, as vesselness).
	ofResult bool
	// only, when set, picks the layouts the op accepts (the reference is
	// computed for all and must not fail on the others).
	only func(g gips.Geometry) bool
}

// refPrelude defines vols, which applies f to each channel of a
// multi-channel array (shape (C, ...)) and to the array itself otherwise.
const refPrelude = `import scipy.ndimage as ndi
import skimage.filters as skf
def vols(a, nd, f, raw=False):
    if not raw:
        a = a.astype(np.float64)
    return f(a) if a.ndim == nd else np.stack([f(x) for x in a])
`

// compareRef runs every case on every layout of every type in every mode
// (cval for Constant), after the Python definitions defs, and fails on the first pixel beyond tolerance.
func compareRef(t *testing.T, seed uint64, types []gips.BufferType, modeList []Mode, cval float64, defs string, cases []refCase) {
	rng := rand.New(rand.NewPCG(seed, 7))
	inp := map[string]gips.Array{}
	var script strings.Builder
	script.WriteString(refPrelude + defs)
	all := map[gips.BufferType][]imgtest.Sample{}
	var pm []string
	for _, m := range modeList {
		pm = append(pm, fmt.Sprintf("%q", ModeNames[m]))
	}
	var names []string
	for _, bt := range types {
		all[bt] = imgtest.Samples(t, rng, bt, nil)
		for _, s := range all[bt] {
			inp[s.Name] = s.Arr
			names = append(names, fmt.Sprintf("(%q, %d)", s.Name, ndims(s.Img)))
		}
	}
	fmt.Fprintf(&script, "samples = [%s]\nmodes = [%s]\ncval = %g\n", strings.Join(names, ", "), strings.Join(pm, ", "), cval)
	for ci, c := range cases {
		fmt.Fprintf(&script, "for name, nd in samples:\n    out[name + '__%d'] = np.stack([vols(inp[name], nd, lambda v, m=m, nd=nd: %s, %s) for m in modes])\n", ci, c.py, map[bool]string{true: "True", false: "False"}[c.raw])
	}
	ref := testref.Run(t, script.String(), inp)
	for _, bt := range types {
		for _, s := range all[bt] {
			in := imgtest.ImageValues(t, s.Img)
			rg := max(valueRange(in), 1)
			for ci, c := range cases {
				if c.only != nil && !c.only(s.Img.Geometry()) {
					continue
				}
				r := ref[fmt.Sprintf("%s__%d", s.Name, ci)]
				for mi, m := range modeList {
					got, err := c.run(s.Img, m, cval)
					if err != nil {
						t.Fatalf("%s %s %v: %v", c.name, s.Name, m, err)
					}
					gv, want := imgtest.ImageValues(t, got), imgtest.Values(r.Index(0, mi))
					if len(gv) != len(want) {
						t.Fatalf("%s %s %v: %d values, reference %d", c.name, s.Name, m, len(gv), len(want))
					}
					scale := rg
					if c.ofResult {
						scale = 1e-300
					}
					for _, w := range want {
						scale = max(scale, math.Abs(w))
					}
					for i := range want {
						if d := math.Abs(gv[i] - want[i]); !(d <= c.tol*scale) {
							t.Fatalf("%s %s %v: pixel %d: got %v, reference %v (range %v)", c.name, s.Name, m, i, gv[i], want[i], rg)
						}
					}
				}
			}
		}
	}
}

func contains(err error, s string) bool { return err != nil && strings.Contains(err.Error(), s) }
