package distance

import (
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/imgtest"
	"github.com/gipsdev/gips/internal/testref"
)

// TestRowGapsIntBruteForce: the integer pass along x (short gaps by brute
// force, long ones by the envelope) against the minimum over every pair,
// on rows with gaps of every length and columns without zeros.
func TestRowGapsIntBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for trial := range 400 {
		n := 1 + rng.IntN(120)
		col := make([]int32, n)
		zeros := rng.IntN(30) // 1 in zeros+1 pixels is a zero
		for x := range col {
			switch {
			case zeros > 0 && rng.IntN(zeros+1) == 0:
				col[x] = 0
			case rng.IntN(25) == 0:
				col[x] = farCol + int32(rng.IntN(100))
			default:
				col[x] = 1 + int32(rng.IntN(1+trial%40))
			}
		}
		d2, v, g := make([]int64, n), make([]int32, n), make([]int64, n)
		rowGapsInt(col, d2, v, g)
		for q := range n {
			want := int64(infD2)
			for p, c := range col {
				if c < farCol {
					want = min(want, int64(q-p)*int64(q-p)+int64(c)*int64(c))
				}
			}
			if d2[q] != want {
				t.Fatalf("row %v: pixel %d = %d, brute force %d", col, q, d2[q], want)
			}
		}
	}
}

// TestPlane2DMatchesScipy: the integer 2D path on images of many strips
// (columns and rows without zeros across strips, one zero pixel, gaps of
// every length), every output, unit and square non-unit pixels, and with
// 1 and several workers' strips, against distance_transform_edt.
func TestPlane2DMatchesScipy(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	type tc struct {
		name   string
		sx, sy int
		zero   func(x, y int) bool
	}
	cases := []tc{
		{"sparse", 77, 301, func(x, y int) bool { return rng.IntN(60) == 0 }},
		{"dense", 130, 190, func(x, y int) bool { return rng.IntN(3) == 0 }},
		{"one", 41, 257, func(x, y int) bool { return x == 40 && y == 3 }},
		{"band", 64, 400, func(x, y int) bool { return y >= 150 && y < 152 && x%7 != 0 }},
		{"cols", 50, 333, func(x, y int) bool { return x%9 == 0 && (y == 0 || y == 332) }},
	}
	inp := map[string]gips.Array{}
	imgs := map[string]*gips.Image{}
	var py strings.Builder
	py.WriteString("import scipy.ndimage as ndi\n")
	for _, c := range cases {
		pix := make([]uint8, c.sx*c.sy)
		for i := range pix {
			pix[i] = 1
			if c.zero(i%c.sx, i/c.sx) {
				pix[i] = 0
			}
		}
		a := gips.ArrayOf(pix, c.sy, c.sx)
		inp[c.name] = a
		imgs[c.name], _ = gips.FromArray(a)
		fmt.Fprintf(&py, "out[%q] = ndi.distance_transform_edt(inp[%[1]q])\n", c.name)
		fmt.Fprintf(&py, "out[%q + 's'] = ndi.distance_transform_edt(inp[%[1]q], sampling=0.37)\n", c.name)
	}
	ref := testref.Run(t, py.String(), inp)
	prev := runtime.GOMAXPROCS(0)
	defer runtime.GOMAXPROCS(prev)
	for k, c := range cases {
		runtime.GOMAXPROCS(1 + 2*(k%2)) // strips of 32 rows and of sy/24
		for _, s := range []float64{1, 0.37} {
			want := imgtest.Values(ref[c.name])
			if s != 1 {
				want = imgtest.Values(ref[c.name+"s"])
			}
			for _, ot := range []gips.BufferType{gips.Real64, gips.Real32} {
				got, err := EDT(imgs[c.name], WithSampling(s), WithOutput(ot))
				if err != nil {
					t.Fatal(err)
				}
				closeTo(t, fmt.Sprint(c.name, " sampling ", s, " ", ot), imgtest.ImageValues(t, got), want, ot)
			}
		}
	}
}

// TestPlane2DEqualsFloat64Path: in unit sampling the integer path gives
// the float64 passes' values bit for bit (Real64), on the bench's blobs.
func TestPlane2DEqualsFloat64Path(t *testing.T) {
	img := imgtest.Blobs(300, 517, 1, false)
	got, err := EDT(img, WithOutput(gips.Real64))
	if err != nil {
		t.Fatal(err)
	}
	v, err := newVolume("edt", img, collect(nil), false)
	if err != nil {
		t.Fatal(err)
	}
	v.f = make([]float64, img.Geometry().Pixels())
	if err := v.squared(img, 0, false); err != nil {
		t.Fatal(err)
	}
	for i, g := range imgtest.ImageValues(t, got) {
		if w := math.Sqrt(v.f[i]); g != w {
			t.Fatalf("pixel %d = %v, float64 passes %v", i, g, w)
		}
	}
}
