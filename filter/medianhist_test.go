package filter

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/border"
	"github.com/gipsdev/gips/internal/imgtest"
	"github.com/gipsdev/gips/internal/testref"
	"github.com/gipsdev/gips/morpho"
)

// bruteRankBox8 is the definition of the rank filter with a wx by wy box
// (centre wx/2, wy/2, as scipy) on 8-bit planes, for the tests: the box's
// values read through border.Index (cval beyond in Constant mode),
// counted in 256 bins (bin v+128 for int8), the value at rank r; each
// plane alone.
func bruteRankBox8[T uint8 | int8](src []T, nx, ny, nz, wx, wy, r int, m gips.BorderMode, cval T) []T {
	lo := 0
	if T(0)-1 < 0 {
		lo = -128
	}
	out := make([]T, len(src))
	for z := range nz {
		for y := range ny {
			for x := range nx {
				var cnt [256]int
				for dy := -(wy / 2); dy < wy-wy/2; dy++ {
					for dx := -(wx / 2); dx < wx-wx/2; dx++ {
						yy, oky := border.Index(y+dy, ny, m)
						xx, okx := border.Index(x+dx, nx, m)
						v := cval
						if oky && okx {
							v = src[(z*ny+yy)*nx+xx]
						}
						cnt[int(v)-lo]++
					}
				}
				v, below := 0, 0
				for below+cnt[v] <= r {
					below += cnt[v]
					v++
				}
				out[(z*ny+y)*nx+x] = T(v + lo)
			}
		}
	}
	return out
}

// TestHistRankMatchesBruteForce runs Median, Rank and Percentile with
// boxes from 4 to 41 pixels a side (odd, even, not square: the
// histograms' sizes, and 3x5 just below them, on the selection path)
// against bruteRankBox8 in every mode, on uint8 and int8 images with many
// distinct values and with plateaus (2 or 3 levels), 2D, one pixel wide
// or high, narrower and lower than the box, and a volume (planes alone).
func TestHistRankMatchesBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(100, 101))
	dims := [][3]int{{61, 37, 1}, {1, 29, 1}, {33, 1, 1}, {9, 6, 1}, {23, 17, 3}, {130, 9, 1}}
	boxes := [][2]int{{7, 7}, {8, 8}, {7, 9}, {15, 15}, {12, 20}, {41, 41}, {40, 3}, {2, 33}, {6, 8}, {4, 4}, {3, 5}}
	for _, d := range dims {
		for _, levels := range []int{2, 3, 256} {
			n := d[0] * d[1] * d[2]
			src := make([]uint8, n)
			lv := []uint8{uint8(rng.IntN(256)), uint8(rng.IntN(256)), 255, 0}
			for i := range src {
				if levels == 256 {
					src[i] = uint8(rng.IntN(256))
				} else {
					src[i] = lv[rng.IntN(levels)]
				}
			}
			s8 := make([]int8, n)
			for i, v := range src {
				s8[i] = int8(v) // the same bits: the order changes at 128
			}
			u8, i8 := imageOf(t, d, src), imageOf(t, d, s8)
			for _, b := range boxes {
				histCase(t, u8, d, src, b, rng)
				if d[2] == 1 && d[0] > 1 && levels > 2 { // int8: fewer cases, the same code
					histCase(t, i8, d, s8, b, rng)
				}
			}
		}
	}
}

// imageOf is a 2D image (a volume when d[2] > 1) of src's type and
// pixels (x fastest).
func imageOf[T uint8 | int8 | uint16 | int16](t *testing.T, d [3]int, src []T) *gips.Image {
	bt := gips.TypeOf[T]()
	g := gips.Geometry2d(bt, d[0], d[1])
	if d[2] > 1 {
		g = gips.Geometry3d(bt, d[0], d[1], d[2])
	}
	img, err := gips.CreateImage(g)
	if err != nil {
		t.Fatal(err)
	}
	in, err := gips.Planes[T](img)
	if err != nil {
		t.Fatal(err)
	}
	for z, p := range in {
		for y := range d[1] {
			copy(p.Row(y), src[(z*d[1]+y)*d[0]:][:d[0]])
		}
	}
	return img
}

func histCase[T uint8 | int8](t *testing.T, img *gips.Image, d [3]int, src []T, b [2]int, rng *rand.Rand) {
	rankCases(t, img, d, morpho.Rect(b[0], b[1]), b[0]*b[1], rng, func() T { return T(rng.IntN(256)) },
		func(r int, m gips.BorderMode, cval T) []T {
			return bruteRankBox8(src, d[0], d[1], d[2], b[0], b[1], r, m, cval)
		})
}

// rankCases runs Median, Rank (first, last, a random rank) and
// Percentile with the box se of n pixels on img in every mode (a random
// cval) against brute(rank, mode, cval), the image d's expected pixels.
func rankCases[T uint8 | int8 | uint16 | int16](t *testing.T, img *gips.Image, d [3]int, se morpho.SE, n int, rng *rand.Rand, cvalOf func() T, brute func(r int, m gips.BorderMode, cval T) []T) {
	type variant struct {
		name string
		rank int
		run  func(m Mode, cval float64) (*gips.Image, error)
	}
	r := rng.IntN(n)
	vs := []variant{
		{"median", n / 2, func(m Mode, c float64) (*gips.Image, error) { return Median(img, se, WithMode(m), WithCval(c)) }},
		{"rank0", 0, func(m Mode, c float64) (*gips.Image, error) { return Rank(img, 0, se, WithMode(m), WithCval(c)) }},
		{"rank-1", n - 1, func(m Mode, c float64) (*gips.Image, error) { return Rank(img, -1, se, WithMode(m), WithCval(c)) }},
		{fmt.Sprint("rank", r), r, func(m Mode, c float64) (*gips.Image, error) { return Rank(img, r, se, WithMode(m), WithCval(c)) }},
		{"pct30", int(float64(n) * 30 / 100), func(m Mode, c float64) (*gips.Image, error) { return Percentile(img, 30, se, WithMode(m), WithCval(c)) }},
	}
	for _, m := range modes {
		cval := cvalOf()
		for _, v := range vs {
			want := brute(v.rank, m, cval)
			out, err := v.run(m, float64(cval))
			if err != nil {
				t.Fatal(err)
			}
			got, err := gips.Planes[T](out)
			if err != nil {
				t.Fatal(err)
			}
			for z, p := range got {
				for y := range d[1] {
					for x, g := range p.Row(y) {
						if w := want[(z*d[1]+y)*d[0]+x]; g != w {
							t.Fatalf("%v %v box of %d %s %v cval %d: pixel (%d, %d, %d): got %d, brute force %d", img.Type(), d, n, v.name, m, cval, x, y, z, g, w)
						}
					}
				}
			}
		}
	}
}

// TestHistRankMatchesScipy compares Median, Rank and Percentile with
// boxes the histograms take (7x7, 8x10, 15x15) with scipy.ndimage's
// median_filter, rank_filter and percentile_filter on uint8 and int8
// images in every Grid layout (padded, flipped, volumes, channels) and
// border mode, exactly.
func TestHistRankMatchesScipy(t *testing.T) {
	rng := rand.New(rand.NewPCG(102, 103))
	boxes := [][2]int{{7, 7}, {8, 10}, {15, 15}}
	inp := map[string]gips.Array{}
	var script strings.Builder
	fmt.Fprintf(&script, `import scipy.ndimage as ndi
fns = [lambda a, fp, m, c: ndi.median_filter(a, footprint=fp, mode=m, cval=c),
       lambda a, fp, m, c: ndi.rank_filter(a, 5, footprint=fp, mode=m, cval=c),
       lambda a, fp, m, c: ndi.percentile_filter(a, 80, footprint=fp, mode=m, cval=c)]
def run(name, a, nd, c):
    res = []
    for (wx, wy) in %[1]s:
        fp = np.ones((wy, wx), bool) if nd == 2 else np.ones((1, wy, wx), bool)
        for f in fns:
            for m in %[2]s:
                if "_mc" in name:
                    res.append(np.stack([f(x, fp, m, c) for x in a]))
                else:
                    res.append(f(a, fp, m, c))
    return np.stack(res)
`, pyBoxes(boxes), pyModes())
	var samples []imgtest.Sample
	for _, bt := range []gips.BufferType{gips.UInt8, gips.Int8} {
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
			se := morpho.Rect(b[0], b[1])
			runs := []func(m Mode) (*gips.Image, error){
				func(m Mode) (*gips.Image, error) { return Median(c.Img, se, WithMode(m), WithCval(cval)) },
				func(m Mode) (*gips.Image, error) {
					return Rank(c.Img, 5, se, WithMode(m), WithCval(cval))
				},
				func(m Mode) (*gips.Image, error) {
					return Percentile(c.Img, 80, se, WithMode(m), WithCval(cval))
				},
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

func pyBoxes(bs [][2]int) string {
	var s []string
	for _, b := range bs {
		s = append(s, fmt.Sprintf("(%d, %d)", b[0], b[1]))
	}
	return "[" + strings.Join(s, ", ") + "]"
}
