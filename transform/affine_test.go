package transform

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/imgtest"
	"github.com/gipsdev/gips/internal/testref"
)

// someLayouts are the Grid layouts the slower reference tests use: every
// shape, and for the 2D one every memory arrangement.
func someLayouts(t *testing.T, rng *rand.Rand, bt gips.BufferType) []imgtest.Sample {
	var out []imgtest.Sample
	for _, s := range imgtest.Samples(t, rng, bt, nil) {
		if strings.HasSuffix(s.Name, "_c") || strings.Contains(s.Name, "_2d_") {
			out = append(out, s)
		}
	}
	return out
}

// numpyMatrix is scipy's matrix (numpy order) for an x-first one.
func numpyMatrix(m [3][3]float64, volume bool) string {
	r := 2
	if volume {
		r = 3
	}
	var rows []string
	for h := 0; h < r; h++ {
		var cols []string
		for l := 0; l < r; l++ {
			cols = append(cols, fmt.Sprint(m[r-1-h][r-1-l]))
		}
		rows = append(rows, "["+strings.Join(cols, ", ")+"]")
	}
	return "np.array([" + strings.Join(rows, ", ") + "])"
}

const perChannel = `import scipy.ndimage as ndi, warnings
warnings.simplefilter('ignore')
def C(f, a, ch):
    if ch:
        return np.stack([f(a[c]) for c in range(a.shape[0])])
    return f(a)
`

// TestAffineMatchesScipy: a shear-rotation-scale matrix with an offset
// and an output shape unlike the input's, every order and mode, against
// scipy.ndimage.affine_transform (matrix given to scipy in numpy order).
func TestAffineMatchesScipy(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	mat := [3][3]float64{{0.9, 0.3, 0.1}, {-0.25, 1.1, -0.05}, {0.07, 0.12, 0.8}}
	off := [3]float64{-1.5, 2.25, 0.7}
	var script strings.Builder
	script.WriteString(perChannel)
	inp := map[string]gips.Array{}
	types := []gips.BufferType{gips.UInt16, gips.Real64}
	samples := map[gips.BufferType][]imgtest.Sample{}
	outSize := func(g gips.Geometry) gips.Geometry {
		g.SizeX += 3
		g.SizeY = max(1, g.SizeY-2)
		if g.Volume {
			g.SizeZ++
		}
		return g
	}
	for _, bt := range types {
		samples[bt] = someLayouts(t, rng, bt)
		for _, s := range samples[bt] {
			g := s.Img.Geometry()
			og := outSize(g)
			inp[s.Name] = s.Arr
			shape := numpyTuple(g, [3]float64{float64(og.SizeX), float64(og.SizeY), float64(og.SizeZ)}, 0)
			var offs string
			if g.Volume {
				offs = fmt.Sprintf("(%g, %g, %g)", off[2], off[1], off[0])
			} else {
				offs = fmt.Sprintf("(%g, %g)", off[1], off[0])
			}
			fmt.Fprintf(&script, "a = inp[%q].astype(np.float64)\nout[%q] = np.stack([C(lambda b: ndi.affine_transform(b, %s, %s, output_shape=tuple(int(v) for v in %s), order=o, mode=m, cval=3.5), a, %s) for o in range(6) for m in %s])\n",
				s.Name, s.Name, numpyMatrix(mat, g.Volume), offs, shape, pyBool(g.SizeC > 1), pyModes())
		}
	}
	ref := testref.Run(t, script.String(), inp)
	for _, bt := range types {
		for _, s := range samples[bt] {
			r := valueRange(imgtest.ImageValues(t, s.Img))
			i := 0
			for o := 0; o <= maxOrder; o++ {
				for _, m := range allModes {
					dst, err := gips.CreateImage(outSize(s.Img.Geometry()).WithType(gips.Real64))
					if err != nil {
						t.Fatal(err)
					}
					if err := AffineInto(dst, s.Img, mat, off, WithOrder(o), WithMode(m), WithCval(3.5)); err != nil {
						t.Fatal(err)
					}
					compareRef(t, fmt.Sprintf("%s order %d %v", s.Name, o, m), o, imgtest.ImageValues(t, dst), imgtest.Values(ref[s.Name].Index(0, i)), r)
					i++
				}
			}
		}
	}
}

// TestRotateMatchesScipy: angles that are and are not multiples of 90,
// reshape on and off, every plane of a volume, every order and mode,
// against scipy.ndimage.rotate.
func TestRotateMatchesScipy(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	var script strings.Builder
	script.WriteString(perChannel)
	inp := map[string]gips.Array{}
	type rc struct {
		angle   float64
		axes    Axes
		reshape bool
	}
	cases := func(g gips.Geometry) []rc {
		var cs []rc
		for _, a := range []float64{30, 90, -135.5, 270, 1000} {
			for _, re := range []bool{true, false} {
				cs = append(cs, rc{a, XY, re})
				if g.Volume {
					cs = append(cs, rc{a, XZ, re}, rc{a, YZ, re})
				}
			}
		}
		return cs
	}
	npAxes := map[Axes]string{XY: "(1, 0)", XZ: "(2, 0)", YZ: "(1, 0)"}
	samples := someLayouts(t, rng, gips.Real32)
	for _, s := range samples {
		g := s.Img.Geometry()
		inp[s.Name] = s.Arr
		fmt.Fprintf(&script, "a = inp[%q].astype(np.float64)\n", s.Name)
		for k, c := range cases(g) {
			ax := npAxes[c.axes]
			if g.Volume && c.axes == XY {
				ax = "(2, 1)"
			}
			fmt.Fprintf(&script, "out['%s_%d'] = np.stack([C(lambda b: ndi.rotate(b, %g, axes=%s, reshape=%s, order=o, mode=m, cval=-2), a, %s) for o in range(6) for m in %s])\n",
				s.Name, k, c.angle, ax, pyBool(c.reshape), pyBool(g.SizeC > 1), pyModes())
		}
	}
	ref := testref.Run(t, script.String(), inp)
	for _, s := range samples {
		r := valueRange(imgtest.ImageValues(t, s.Img))
		for k, c := range cases(s.Img.Geometry()) {
			want := ref[fmt.Sprintf("%s_%d", s.Name, k)]
			i := 0
			for o := 0; o <= maxOrder; o++ {
				for _, m := range allModes {
					what := fmt.Sprintf("%s angle %v %v reshape %v order %d %v", s.Name, c.angle, c.axes, c.reshape, o, m)
					out, err := Rotate(s.Img, c.angle, WithAxes(c.axes), WithReshape(c.reshape), WithOrder(o), WithMode(m), WithCval(-2), WithOutput(gips.Real64))
					if err != nil {
						t.Fatal(what, err)
					}
					w := want.Index(0, i)
					if got := out.Geometry().Shape(); fmt.Sprint(got) != fmt.Sprint(w.Shape) {
						t.Fatalf("%s: shape %v, scipy %v", what, got, w.Shape)
					}
					compareRef(t, what, o, imgtest.ImageValues(t, out), imgtest.Values(w), r)
					i++
				}
			}
		}
	}
}
