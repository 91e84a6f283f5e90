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
	"github.com/gipsdev/gips/morpho"
)

// rankFootprints are the rank tests' footprints for 2D samples and
// volumes: the 3x3 box (the sorting network), odd and even boxes, a disk,
// an irregular even footprint and a 2D footprint on a volume.
func rankFootprints(nd int) []morpho.SE {
	irr := morpho.FromBools([]bool{true, false, false, true, false, true, true, false, true, true, false, false}, 4, 3, 1)
	if nd == 2 {
		return []morpho.SE{morpho.Rect(3, 3), morpho.Rect(4, 2), morpho.Disk(2), irr, morpho.Rect(5, 1)}
	}
	return []morpho.SE{morpho.Box(3, 3, 3), morpho.Box(2, 3, 2), morpho.Ball(1), morpho.Rect(3, 3), irr}
}

func seArray(s morpho.SE) gips.Array {
	b := s.Bools()
	u := make([]uint8, len(b))
	for i, v := range b {
		if v {
			u[i] = 1
		}
	}
	sz := s.Size()
	if sz[2] == 1 {
		return gips.ArrayOf(u, sz[1], sz[0])
	}
	return gips.ArrayOf(u, sz[2], sz[1], sz[0])
}

// rankVariant is one of: the median, a rank or a percentile.
type rankVariant struct {
	name string
	py   string // scipy call on a and fp with mode m and cval c
	run  func(dst, src *gips.Image, se morpho.SE, opts ...Option) error
}

var rankVariants = []rankVariant{
	{"median", "ndi.median_filter(a, footprint=fp, mode=m, cval=c)", MedianInto},
	{"rank0", "ndi.rank_filter(a, 0, footprint=fp, mode=m, cval=c)", func(d, s *gips.Image, se morpho.SE, o ...Option) error { return RankInto(d, s, 0, se, o...) }},
	{"rank-1", "ndi.rank_filter(a, -1, footprint=fp, mode=m, cval=c)", func(d, s *gips.Image, se morpho.SE, o ...Option) error { return RankInto(d, s, -1, se, o...) }},
	{"rank1", "ndi.rank_filter(a, 1, footprint=fp, mode=m, cval=c)", func(d, s *gips.Image, se morpho.SE, o ...Option) error { return RankInto(d, s, 1, se, o...) }},
	{"rank-2", "ndi.rank_filter(a, -2, footprint=fp, mode=m, cval=c)", func(d, s *gips.Image, se morpho.SE, o ...Option) error { return RankInto(d, s, -2, se, o...) }},
	{"pct30", "ndi.percentile_filter(a, 30, footprint=fp, mode=m, cval=c)", func(d, s *gips.Image, se morpho.SE, o ...Option) error { return PercentileInto(d, s, 30, se, o...) }},
	{"pct-25", "ndi.percentile_filter(a, -25, footprint=fp, mode=m, cval=c)", func(d, s *gips.Image, se morpho.SE, o ...Option) error { return PercentileInto(d, s, -25, se, o...) }},
}

// plateaus draws from six values so that windows hold ties.
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

// TestRankMatchesScipy compares Median, Rank and Percentile with
// scipy.ndimage's median_filter, rank_filter and percentile_filter on
// every numeric type, Grid layout (2D, lines, volumes, multi-channel;
// padded, flipped, x-reversed), border mode and footprint, exactly. The
// constant is within the type's range (see TestGreyMatchesScipy in morpho
// for scipy's handling of one outside it).
func TestRankMatchesScipy(t *testing.T) {
	rng := rand.New(rand.NewPCG(50, 51))
	inp := map[string]gips.Array{}
	for _, nd := range []int{2, 3} {
		for i, s := range rankFootprints(nd) {
			inp[fmt.Sprintf("fp%d_%d", nd, i)] = seArray(s)
		}
	}
	var calls []string
	for _, v := range rankVariants {
		calls = append(calls, "lambda a, fp, m, c: "+v.py)
	}
	var script strings.Builder
	fmt.Fprintf(&script, `import scipy.ndimage as ndi
ranks = [%s]
def apply(name, arr, fn):
    if "_mc" in name:
        return np.stack([fn(a) for a in arr])
    return fn(arr)
def fit(fp, a):
    fp = np.asarray(fp).astype(bool)
    while fp.ndim < a.ndim:
        fp = fp[None]
    return fp
`, strings.Join(calls, ", "))
	all := map[gips.BufferType][]imgtest.Sample{}
	for _, bt := range imgtest.NumericTypes {
		all[bt] = imgtest.Samples(t, rng, bt, plateaus(bt, rng))
		for _, c := range all[bt] {
			inp[c.Name] = c.Arr
			fmt.Fprintf(&script, "out[%q] = np.stack([apply(%q, inp[%q], lambda a: r(a, fit(inp['fp%d_%%d' %% i], a), m, %g)) for r in ranks for i in range(5) for m in %s])\n",
				c.Name, c.Name, c.Name, ndimOf(c.Name), cvalOf(bt), pyModes())
		}
	}
	ref := testref.Run(t, script.String(), inp)
	for _, bt := range imgtest.NumericTypes {
		for _, c := range all[bt] {
			k := 0
			for _, v := range rankVariants {
				for i, s := range rankFootprints(ndimOf(c.Name)) {
					for _, m := range modes {
						out, err := gips.CreateImage(c.Img.Geometry())
						if err != nil {
							t.Fatal(err)
						}
						name := fmt.Sprintf("%s %s fp%d %v", c.Name, v.name, i, m)
						if err := v.run(out, c.Img, s, WithMode(m), WithCval(cvalOf(bt))); err != nil {
							t.Fatalf("%s: %v", name, err)
						}
						a, _ := out.Array()
						imgtest.Equal(t, name, a, ref[c.Name].Index(0, k))
						k++
					}
				}
			}
		}
	}
}

func ndimOf(name string) int {
	if strings.Contains(name, "_3d") || strings.Contains(name, "_mc3d") {
		return 3
	}
	return 2
}

func cvalOf(bt gips.BufferType) float64 {
	if bt.IsSigned() {
		return -3.7
	}
	return 2.5
}
