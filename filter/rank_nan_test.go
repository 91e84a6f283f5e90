package filter

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/testref"
	"github.com/gipsdev/gips/morpho"
)

// nanFootprints are footprints for every path of the rank filters on
// float pixels: the 3x3 box (median network, 9-pixel ranks), the 5x5 box
// (float32 network), a 7x7 box (quickselect past its insertion sort), a
// disk, a cross (a box with false corners: scipy's minimum is then not
// separable), odd and even irregular ones; on volumes the 3x3x3 box, a
// ball, 2D footprints plane by plane and an even 3D box.
func nanFootprints(nd int) []morpho.SE {
	irr := morpho.FromBools([]bool{true, false, false, true, false, true, true, false, true, true, false, false}, 4, 3, 1)
	cross := morpho.FromBools([]bool{false, true, false, true, true, true, false, true, false}, 3, 3, 1)
	if nd == 2 {
		return []morpho.SE{morpho.Rect(3, 3), morpho.Rect(5, 5), morpho.Rect(7, 7), morpho.Disk(2), cross, irr, morpho.Rect(4, 2), morpho.Rect(5, 1)}
	}
	return []morpho.SE{morpho.Box(3, 3, 3), morpho.Ball(1), morpho.Rect(3, 3), morpho.Rect(5, 5), morpho.Box(2, 3, 2), cross}
}

// nanRanks are the ranks tried on every footprint: with the median they
// are every rank of 9 pixels, and the least and greatest of any.
var nanRanks = []int{0, 1, 2, 3, -4, -3, -2, -1}

// nanModes are the border modes, and Constant with a NaN constant and
// with one that float32 does not hold (scipy's box minimum compares it
// as a float64).
var nanModes = []struct {
	m    Mode
	cval float64
}{{Reflect, 2.5}, {Nearest, 2.5}, {Mirror, 2.5}, {Constant, 2.5}, {Wrap, 2.5}, {Constant, math.NaN()}, {Constant, 0.1}}

// nanImage is a 2D image (70x12) or volume (40x7x6) of values from a few
// levels (ties, and float32's 0.1) with NaNs at the given rate, as an array in numpy's order.
func nanImage[T float32 | float64](rng *rand.Rand, nd int, rate float64) gips.Array {
	shape := []int{12, 70}
	if nd == 3 {
		shape = []int{6, 7, 40}
	}
	n := 1
	for _, s := range shape {
		n *= s
	}
	levels := []float64{-7, -1.5, 0, float64(float32(0.1)), 2.5, 3, 11, math.Inf(1), math.Inf(-1)}
	pix := make([]T, n)
	for i := range pix {
		pix[i] = T(levels[rng.IntN(len(levels))])
		if rng.Float64() < rate {
			pix[i] = T(math.NaN())
		}
	}
	return gips.ArrayOf(pix, shape...)
}

// TestRankNaNMatchesScipy compares Median, Rank and Percentile on float32
// and float64 images holding NaNs with scipy.ndimage (whose answer there
// depends on the order of its comparisons) on every footprint path,
// several ranks and every border mode, NaN equal to NaN. It counts the
// cases (image, footprint, rank, mode) that differ.
func TestRankNaNMatchesScipy(t *testing.T) {
	rng := rand.New(rand.NewPCG(60, 61))
	inp := map[string]gips.Array{}
	type img struct {
		name string
		nd   int
	}
	var imgs []img
	for _, nd := range []int{2, 3} {
		for i, s := range nanFootprints(nd) {
			inp[fmt.Sprintf("fp%d_%d", nd, i)] = seArray(s)
		}
		for _, rate := range []float64{0, 0.003, 0.03, 0.3} { // rare NaNs leave rows to the vectors; none: a NaN constant alone
			for _, bt := range []string{"f4", "f8"} {
				name := fmt.Sprintf("%s_%dd_%g", bt, nd, rate*100)
				if bt == "f4" {
					inp[name] = nanImage[float32](rng, nd, rate)
				} else {
					inp[name] = nanImage[float64](rng, nd, rate)
				}
				imgs = append(imgs, img{name, nd})
			}
		}
	}
	var modes []string
	for _, m := range nanModes {
		modes = append(modes, fmt.Sprintf("(%q, float(%q))", m.m.String(), fmt.Sprint(m.cval)))
	}
	var ranks []string
	for _, r := range nanRanks {
		ranks = append(ranks, fmt.Sprintf("lambda a, fp, m, c: ndi.rank_filter(a, %d, footprint=fp, mode=m, cval=c)", r))
	}
	var script strings.Builder
	fmt.Fprintf(&script, `import scipy.ndimage as ndi
ranks = [lambda a, fp, m, c: ndi.median_filter(a, footprint=fp, mode=m, cval=c),
         lambda a, fp, m, c: ndi.percentile_filter(a, 30, footprint=fp, mode=m, cval=c), %s]
modes = [%s]
def fit(fp, a):
    fp = np.asarray(fp).astype(bool)
    while fp.ndim < a.ndim:
        fp = fp[None]
    return fp
`, strings.Join(ranks, ", "), strings.Join(modes, ", "))
	for _, im := range imgs {
		fmt.Fprintf(&script, "out[%q] = np.stack([r(inp[%q], fit(inp['fp%d_%%d' %% i], inp[%q]), m, c) for r in ranks for i in range(%d) for m, c in modes])\n",
			im.name, im.name, im.nd, im.name, len(nanFootprints(im.nd)))
	}
	ref := testref.Run(t, script.String(), inp)

	type variant struct {
		name string
		run  func(dst, src *gips.Image, se morpho.SE, o ...Option) error
	}
	variants := []variant{{"median", MedianInto}, {"pct30", func(d, s *gips.Image, se morpho.SE, o ...Option) error { return PercentileInto(d, s, 30, se, o...) }}}
	for _, r := range nanRanks {
		variants = append(variants, variant{fmt.Sprint("rank", r), func(d, s *gips.Image, se morpho.SE, o ...Option) error { return RankInto(d, s, r, se, o...) }})
	}
	cases, bad := 0, 0
	for _, im := range imgs {
		src, err := gips.FromArray(inp[im.name])
		if err != nil {
			t.Fatal(err)
		}
		want := ref[im.name]
		k := 0
		for _, v := range variants {
			for i, se := range nanFootprints(im.nd) {
				for _, m := range nanModes {
					out, err := gips.CreateImage(src.Geometry())
					if err != nil {
						t.Fatal(err)
					}
					name := fmt.Sprintf("%s %s fp%d %v cval %v", im.name, v.name, i, m.m, m.cval)
					if err := v.run(out, src, se, WithMode(m.m), WithCval(m.cval)); err != nil {
						t.Fatalf("%s: %v", name, err)
					}
					in, err := gips.Copy(src) // and in place, through the copy the filters take
					if err != nil {
						t.Fatal(err)
					}
					if err := v.run(in, in, se, WithMode(m.m), WithCval(m.cval)); err != nil {
						t.Fatalf("%s in place: %v", name, err)
					}
					got, _ := out.Array()
					inPlace, _ := in.Array()
					d := nanDiff(got, want, k)
					if d == "" {
						d = nanDiff(inPlace, want, k)
					}
					if d != "" {
						bad++
						if bad <= 8 {
							t.Errorf("%s: %s", name, d)
						}
					}
					cases++
					k++
				}
			}
		}
	}
	if bad > 0 {
		t.Errorf("%d of %d cases differ from scipy", bad, cases)
	}
	t.Logf("%d cases with NaNs compared with scipy, %d differ", cases, bad)
}

// nanDiff describes where got differs from case k of want (NaN equal to
// NaN), or is "".
func nanDiff(got, want gips.Array, k int) string {
	n, first := 0, ""
	idx := make([]int, len(got.Shape))
	for i := range got.Size() {
		rem := i
		for a := len(idx) - 1; a >= 0; a-- {
			idx[a], rem = rem%got.Shape[a], rem/got.Shape[a]
		}
		g := got.Get(idx...)
		w := want.Get(append([]int{k}, idx...)...)
		if g != w && !(g != g && w != w) {
			if n == 0 {
				first = fmt.Sprintf("at %v got %v want %v", idx, g, w)
			}
			n++
		}
	}
	if n == 0 {
		return ""
	}
	return fmt.Sprintf("%d pixels differ, first %s", n, first)
}
