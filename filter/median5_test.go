package filter

import (
	"fmt"
	"math/bits"
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

// TestMedian5Exhaustive01 proves the 5x5 network for every input. Its
// exchanges are monotone, so it selects the median of all inputs if it
// does of all inputs of zeros and ones (the 0-1 principle). cols5 is tried
// on all 32 columns of zeros and ones; med5Row, which reads sorted
// columns, on all 6^5 windows of sorted 0/1 columns (a sorted column of
// five is fixed by its number of ones). Rows are long enough for the SIMD
// rows under GOEXPERIMENT=simd (with and without AVX-512), and run for 8-
// and 16-bit types.
func TestMedian5Exhaustive01(t *testing.T) {
	forEachSIMDWidth(t, func(t *testing.T) {
		med5Exhaustive[uint8](t)
		med5Exhaustive[uint16](t)
		med5Exhaustive[int8](t)
		med5Exhaustive[int16](t)
	})
}

func med5Exhaustive[T small](t *testing.T) {
	const w = 2 * 32 * 5 // each 0/1 column twice, in every vector lane
	var rows, s [5][]T
	for k := range rows {
		rows[k], s[k] = make([]T, w), make([]T, w)
		for x := range w {
			rows[k][x] = T(x >> k & 1)
		}
	}
	cols5(&s, &rows)
	for x := range w {
		ones := bits.OnesCount(uint(x & 31))
		for k := range s {
			want := T(0)
			if k >= 5-ones {
				want = 1
			}
			if s[k][x] != want {
				t.Fatalf("%T cols5: column %05b: rank %d is %v, want %v", s[0][0], x&31, k, s[k][x], want)
			}
		}
	}
	const windows = 6 * 6 * 6 * 6 * 6
	for k := range s {
		s[k] = make([]T, 5*windows+4)
	}
	for q := range windows { // window q at columns 5q ... 5q+4
		c := q
		for j := range 5 {
			ones := c % 6
			c /= 6
			for k := range s {
				if k >= 5-ones {
					s[k][5*q+j] = 1
				}
			}
		}
	}
	out := make([]T, 5*windows)
	med5Row(out, &s)
	for q := range windows {
		ones, c := 0, q
		for range 5 {
			ones += c % 6
			c /= 6
		}
		want := T(0)
		if ones >= 13 {
			want = 1
		}
		if out[5*q] != want {
			t.Fatalf("%T med5Row: window %d with %d ones: got %v, want %v", out[0], q, ones, out[5*q], want)
		}
	}
}

// bruteMedian5 is the definition of the 5x5 median, for the tests: the
// 25 values read through border.Index (cval beyond in Constant mode),
// sorted, the 13th, each plane alone.
func bruteMedian5[T gips.Pixel](src []T, nx, ny, nz int, m gips.BorderMode, cval T) []T {
	out := make([]T, len(src))
	v := make([]T, 25)
	for z := range nz {
		for y := range ny {
			for x := range nx {
				k := 0
				for dy := -2; dy <= 2; dy++ {
					for dx := -2; dx <= 2; dx++ {
						yy, oky := border.Index(y+dy, ny, m)
						xx, okx := border.Index(x+dx, nx, m)
						v[k] = cval
						if oky && okx {
							v[k] = src[(z*ny+yy)*nx+xx]
						}
						k++
					}
				}
				slices.Sort(v)
				out[(z*ny+y)*nx+x] = v[12]
			}
		}
	}
	return out
}

// TestMedian5MatchesBruteForce runs Median with the 5x5 box (its AVX2 and
// AVX-512 rows under GOEXPERIMENT=simd, the Go loops on the tails) against
// bruteMedian5 in every mode, for 8- and 16-bit types, widths around the
// vector sizes and narrower than the box, 2D and a volume (planes alone),
// with few distinct values (ties) and with many.
func TestMedian5MatchesBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(86, 87))
	dims := [][3]int{{77, 13, 1}, {45, 40, 1}, {33, 6, 2}, {1, 7, 1}, {3, 3, 1}, {64, 2, 1}, {16, 5, 1}, {5, 9, 1}, {150, 5, 1}, {129, 6, 1}}
	forEachSIMDWidth(t, func(t *testing.T) {
		for _, d := range dims {
			for _, levels := range []int{2, 3, 1 << 16} {
				n := d[0] * d[1] * d[2]
				u8, u16, i8, i16 := make([]uint8, n), make([]uint16, n), make([]int8, n), make([]int16, n)
				for i := range u8 {
					r := rng.IntN(levels)
					u8[i], u16[i], i8[i], i16[i] = uint8(r), uint16(r*7), int8(r-levels/2), int16(r-levels/2)
				}
				median5Case(t, d, gips.UInt8, u8, 1)
				median5Case(t, d, gips.UInt16, u16, 9)
				median5Case(t, d, gips.Int8, i8, -2)
				median5Case(t, d, gips.Int16, i16, -2)
			}
		}
	})
}

func median5Case[T gips.Pixel](t *testing.T, d [3]int, bt gips.BufferType, src []T, cval T) {
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
	for _, m := range modes {
		want := bruteMedian5(src, d[0], d[1], d[2], m, cval)
		out, err := Median(img, morpho.Rect(5, 5), WithMode(m), WithCval(float64(cval)))
		if err != nil {
			t.Fatal(err)
		}
		got, err := gips.Planes[T](out)
		if err != nil {
			t.Fatal(err)
		}
		for z, p := range got {
			for y := range d[1] {
				for x, v := range p.Row(y) {
					if w := want[(z*d[1]+y)*d[0]+x]; v != w {
						t.Fatalf("%v %v %v: pixel (%d, %d, %d): got %v, brute force %v", bt, d, m, x, y, z, v, w)
					}
				}
			}
		}
	}
}

// TestMedian5MatchesScipy compares Median with the 5x5 box with
// scipy.ndimage.median_filter(size=5) on the 8- and 16-bit types, every
// Grid layout and border mode, exactly.
func TestMedian5MatchesScipy(t *testing.T) {
	rng := rand.New(rand.NewPCG(88, 89))
	inp := map[string]gips.Array{}
	var script strings.Builder
	script.WriteString("import scipy.ndimage as ndi\n")
	types := []gips.BufferType{gips.UInt8, gips.Int8, gips.UInt16, gips.Int16}
	all := map[gips.BufferType][]imgtest.Sample{}
	for _, bt := range types {
		all[bt] = imgtest.Samples(t, rng, bt, plateaus(bt, rng))
		for _, c := range all[bt] {
			inp[c.Name] = c.Arr
			fp := "np.ones((5, 5), bool)"
			if ndimOf(c.Name) == 3 {
				fp = "np.ones((1, 5, 5), bool)"
			}
			fmt.Fprintf(&script, `a = inp[%q]
fp = %s
f = lambda a: np.stack([ndi.median_filter(a, footprint=fp, mode=m, cval=%g) for m in %s])
out[%q] = np.stack([f(x) for x in a], 1) if "_mc" in %q else f(a)
`, c.Name, fp, cvalOf(bt), pyModes(), c.Name, c.Name)
		}
	}
	ref := testref.Run(t, script.String(), inp)
	for _, bt := range types {
		for _, c := range all[bt] {
			for k, m := range modes {
				name := fmt.Sprintf("%s median 5x5 %v", c.Name, m)
				out, err := Median(c.Img, morpho.Rect(5, 5), WithMode(m), WithCval(cvalOf(bt)))
				if err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				a, _ := out.Array()
				imgtest.Equal(t, name, a, ref[c.Name].Index(0, k))
			}
		}
	}
}
