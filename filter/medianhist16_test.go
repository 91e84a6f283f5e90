package filter

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/border"
	"github.com/gipsdev/gips/internal/imgtest"
	"github.com/gipsdev/gips/internal/testref"
	"github.com/gipsdev/gips/morpho"
)

// bruteRankBox16 is the definition of the rank filter with a wx by wy by
// wz box (centre w/2 on each axis, as scipy) on a 16-bit volume, for the
// tests: the box's values read through border.Index on every axis (cval
// beyond in Constant mode), sorted, the value at rank r.
func bruteRankBox16[T uint16 | int16](src []T, d, w [3]int, r int, m gips.BorderMode, cval T) []T {
	out := make([]T, len(src))
	vals := make([]T, 0, w[0]*w[1]*w[2])
	for z := range d[2] {
		for y := range d[1] {
			for x := range d[0] {
				vals = vals[:0]
				for dz := -(w[2] / 2); dz < w[2]-w[2]/2; dz++ {
					for dy := -(w[1] / 2); dy < w[1]-w[1]/2; dy++ {
						for dx := -(w[0] / 2); dx < w[0]-w[0]/2; dx++ {
							zz, okz := border.Index(z+dz, d[2], m)
							yy, oky := border.Index(y+dy, d[1], m)
							xx, okx := border.Index(x+dx, d[0], m)
							v := cval
							if okz && oky && okx {
								v = src[(zz*d[1]+yy)*d[0]+xx]
							}
							vals = append(vals, v)
						}
					}
				}
				slices.Sort(vals)
				out[(z*d[1]+y)*d[0]+x] = vals[r]
			}
		}
	}
	return out
}

// values16 is n random 16-bit values of a kind: the full range, a few
// levels with the extremes (plateaus and ties), or a narrow range (every
// value in one or two coarse bins, so that the middle and fine levels do
// the work).
func values16(rng *rand.Rand, kind string, n int) []uint16 {
	src := make([]uint16, n)
	lv := []uint16{uint16(rng.IntN(65536)), 0, 65535, uint16(rng.IntN(65536))}
	base := rng.IntN(65536 - 600)
	for i := range src {
		switch kind {
		case "full":
			src[i] = uint16(rng.IntN(65536))
		case "levels":
			src[i] = lv[rng.IntN(len(lv))]
		default:
			src[i] = uint16(base + rng.IntN(600))
		}
	}
	return src
}

// TestHistRank16MatchesBruteForce runs Median, Rank and Percentile with
// 2D and 3D boxes the sliding histogram takes (odd, even, not square,
// larger than the image) against bruteRankBox16 in every mode, on uint16
// and int16 images of every kind of values, 2D, one pixel wide or high,
// and volumes (a 2D box plane by plane, a 3D box across planes).
func TestHistRank16MatchesBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(160, 161))
	dims := [][3]int{{37, 23, 1}, {1, 29, 1}, {33, 1, 1}, {9, 6, 1}, {13, 11, 5}, {70, 5, 1}}
	boxes := [][3]int{{5, 5, 1}, {6, 4, 1}, {15, 15, 1}, {41, 3, 1}, {2, 17, 1}, {3, 3, 3}, {5, 5, 5}, {4, 2, 4}, {1, 1, 31}}
	for _, d := range dims {
		for _, kind := range []string{"full", "levels", "narrow"} {
			n := d[0] * d[1] * d[2]
			src := values16(rng, kind, n)
			s16 := make([]int16, n)
			for i, v := range src {
				s16[i] = int16(v) // the same bits: the order changes at 32768
			}
			u16, i16 := imageOf(t, d, src), imageOf(t, d, s16)
			for _, b := range boxes {
				if b[2] > 1 && d[2] == 1 {
					continue
				}
				hist16Case(t, u16, d, src, b, rng)
				if kind != "narrow" {
					hist16Case(t, i16, d, s16, b, rng)
				}
			}
		}
	}
}

func boxSE(b [3]int) morpho.SE {
	if b[2] == 1 {
		return morpho.Rect(b[0], b[1])
	}
	return morpho.Box(b[0], b[1], b[2])
}

func hist16Case[T uint16 | int16](t *testing.T, img *gips.Image, d [3]int, src []T, b [3]int, rng *rand.Rand) {
	rankCases(t, img, d, boxSE(b), b[0]*b[1]*b[2], rng, func() T { return T(rng.IntN(65536)) },
		func(r int, m gips.BorderMode, cval T) []T { return bruteRankBox16(src, d, b, r, m, cval) })
}

// TestHistRank16MatchesSelection compares the sliding histogram with the
// selection path (the one below hist16MinPixels) on images large enough
// for many bands of rows (a band starts in the middle of a plane, and a
// band crosses planes), 2D and 3D boxes, every mode.
func TestHistRank16MatchesSelection(t *testing.T) {
	rng := rand.New(rand.NewPCG(162, 163))
	cases := []struct{ d, b [3]int }{
		{[3]int{200, 150, 1}, [3]int{15, 15, 1}},
		{[3]int{120, 90, 1}, [3]int{8, 6, 1}},
		{[3]int{40, 30, 6}, [3]int{3, 3, 3}},
		{[3]int{31, 40, 7}, [3]int{5, 4, 5}},
	}
	for _, c := range cases {
		n := c.d[0] * c.d[1] * c.d[2]
		src := values16(rng, "full", n)
		img := imageOf(t, c.d, src)
		se := boxSE(c.b)
		for _, m := range modes {
			for _, rank := range []int{-1, 0, 7} {
				got, err := Rank(img, rank, se, WithMode(m), WithCval(1234))
				if err != nil {
					t.Fatal(err)
				}
				old := hist16MinPixels
				hist16MinPixels = math.MaxInt
				want, err := Rank(img, rank, se, WithMode(m), WithCval(1234))
				hist16MinPixels = old
				if err != nil {
					t.Fatal(err)
				}
				ga, _ := got.Array()
				wa, _ := want.Array()
				imgtest.Equal(t, fmt.Sprintf("%v box %v rank %d %v", c.d, c.b, rank, m), ga, wa)
			}
		}
	}
}

// TestHistRank16MatchesScipy compares Median, Rank and Percentile with
// boxes the sliding histogram takes (7x7, 8x10, 15x15 and, on volumes,
// 5x5x5 and 4x6x3) with scipy.ndimage's median_filter, rank_filter and
// percentile_filter on uint16 and int16 images in every Grid layout
// (padded, flipped, volumes, channels) and border mode, exactly.
func TestHistRank16MatchesScipy(t *testing.T) {
	rng := rand.New(rand.NewPCG(164, 165))
	boxes := [][3]int{{7, 7, 1}, {8, 10, 1}, {15, 15, 1}, {5, 5, 5}, {4, 6, 3}}
	inp := map[string]gips.Array{}
	var script strings.Builder
	fmt.Fprintf(&script, `import scipy.ndimage as ndi
fns = [lambda a, fp, m, c: ndi.median_filter(a, footprint=fp, mode=m, cval=c),
       lambda a, fp, m, c: ndi.rank_filter(a, 5, footprint=fp, mode=m, cval=c),
       lambda a, fp, m, c: ndi.percentile_filter(a, 80, footprint=fp, mode=m, cval=c)]
def run(name, a, nd, c):
    res = []
    for (wx, wy, wz) in %[1]s:
        if wz > 1 and nd == 2:
            continue
        fp = np.ones((wy, wx), bool) if nd == 2 else np.ones((wz, wy, wx), bool)
        for f in fns:
            for m in %[2]s:
                if "_mc" in name:
                    res.append(np.stack([f(x, fp, m, c) for x in a]))
                else:
                    res.append(f(a, fp, m, c))
    return np.stack(res)
`, pyBoxes3(boxes), pyModes())
	var samples []imgtest.Sample
	for _, bt := range []gips.BufferType{gips.UInt16, gips.Int16} {
		for _, c := range imgtest.Samples(t, rng, bt, plateaus(bt, rng)) {
			samples = append(samples, c)
			inp[c.Name] = c.Arr
			fmt.Fprintf(&script, "out[%q] = run(%q, inp[%q], %d, %g)\n", c.Name, c.Name, c.Name, ndimOf(c.Name), cvalOf(bt))
		}
	}
	ref := testref.Run(t, script.String(), inp)
	for _, c := range samples {
		cval := cvalOf(c.Img.Type())
		k := 0
		for _, b := range boxes {
			if b[2] > 1 && ndimOf(c.Name) == 2 {
				continue
			}
			se := boxSE(b)
			runs := []func(m Mode) (*gips.Image, error){
				func(m Mode) (*gips.Image, error) { return Median(c.Img, se, WithMode(m), WithCval(cval)) },
				func(m Mode) (*gips.Image, error) { return Rank(c.Img, 5, se, WithMode(m), WithCval(cval)) },
				func(m Mode) (*gips.Image, error) { return Percentile(c.Img, 80, se, WithMode(m), WithCval(cval)) },
			}
			for i, run := range runs {
				for _, m := range modes {
					out, err := run(m)
					if err != nil {
						t.Fatal(err)
					}
					a, _ := out.Array()
					imgtest.Equal(t, fmt.Sprintf("%s box %v fn %d %v", c.Name, b, i, m), a, ref[c.Name].Index(0, k))
					k++
				}
			}
		}
	}
}

func pyBoxes3(bs [][3]int) string {
	var s []string
	for _, b := range bs {
		s = append(s, fmt.Sprintf("(%d, %d, %d)", b[0], b[1], b[2]))
	}
	return "[" + strings.Join(s, ", ") + "]"
}
