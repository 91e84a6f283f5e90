package morpho

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"

	"github.com/gipsdev/gips"
)

// Helpers of the reference tests: inputs with plateaus and ties, the
// footprints sent to Python, and Python that applies a scipy function to
// every 2D plane or volume of a sample the way gips does.

var modes = []gips.BorderMode{gips.Reflect, gips.Nearest, gips.Mirror, gips.Constant, gips.Wrap}

func pyModes() string {
	q := make([]string, len(modes))
	for i, m := range modes {
		q[i] = fmt.Sprintf("%q", m.String())
	}
	return "[" + strings.Join(q, ", ") + "]"
}

// plateaus draws from six values (the type's ends and four others), so
// that neighbourhoods hold ties and flat runs.
func plateaus(t gips.BufferType, rng *rand.Rand) func() float64 {
	lo, hi := t.Range()
	if t.IsFloat() {
		lo, hi = -1000, 1000
	}
	vals := []float64{lo, hi}
	for range 4 {
		vals = append(vals, math.Floor(lo+rng.Float64()*(hi-lo)))
	}
	return func() float64 { return vals[rng.IntN(len(vals))] }
}

// seArray is the footprint as a numpy uint8 array, (y, x) or (z, y, x).
func seArray(s SE) gips.Array {
	b := s.Bools()
	u := make([]uint8, len(b))
	for i, v := range b {
		if v {
			u[i] = 1
		}
	}
	if s.size[2] == 1 {
		return gips.ArrayOf(u, s.size[1], s.size[0])
	}
	return gips.ArrayOf(u, s.size[2], s.size[1], s.size[0])
}

// is3D reports whether a Grid sample is a volume (shapes 3d, 3dthin, mc3d).
func is3D(name string) bool { return strings.Contains(name, "_3d") || strings.Contains(name, "_mc3d") }

// pyApply defines apply(name, arr, fn): fn(a, fp_ndim) applied to each
// channel of a multi-channel sample (names with _mc), to the whole array
// otherwise, and fit(fp, a) which gives a 2D footprint a leading axis of
// 1 on a volume (gips applies it plane by plane).
const pyApply = `
def apply(name, arr, fn):
    if "_mc" in name:
        return np.stack([fn(a) for a in arr])
    return fn(arr)
def fit(fp, a):
    fp = np.asarray(fp).astype(bool)
    while fp.ndim < a.ndim:
        fp = fp[None]
    return fp
`

// irregular is an even-sized footprint without symmetry, 2D (3 rows of 4)
// or 3D (2x3x2), to catch errors in reflection and the origin rule.
func irregular(ndim int) SE {
	if ndim == 2 {
		return FromBools([]bool{
			true, false, false, true,
			false, true, true, false,
			true, true, false, false}, 4, 3, 1)
	}
	return FromBools([]bool{
		true, false, false, false, true, true,
		false, true, true, false, false, false}, 2, 3, 2)
}
