package filter

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/gipsdev/gips"
)

// TestMeanFixedMatchesFloatPath: the integer box mean gives exactly what
// the float path (the implementation before it, run directly) gives, for
// random, 0/255 and flat 255 images, widths across the vector sizes,
// boxes from 1×2 to 256×1 (odd, even, wider than the image, wider than the
// vector row sum), every mode and Constant values 0, 255 and 7.
func TestMeanFixedMatchesFloatPath(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 15))
	boxes := [][2]int{{1, 2}, {2, 1}, {3, 3}, {5, 5}, {4, 6}, {2, 2}, {7, 1}, {1, 9}, {16, 16}, {15, 17}, {33, 3}, {40, 1}, {256, 1}, {1, 256}, {11, 11}}
	sizes := [][2]int{{70, 23}, {33, 40}, {1, 5}, {17, 1}, {96, 7}}
	ran := 0
	for _, sz := range sizes {
		w, h := sz[0], sz[1]
		for kind := range 3 {
			pix := make([]uint8, w*h)
			for i := range pix {
				switch kind {
				case 0:
					pix[i] = uint8(rng.IntN(256))
				case 1:
					pix[i] = uint8(255 * rng.IntN(2))
				case 2:
					pix[i] = 255
				}
			}
			img, err := gips.FromArray(gips.ArrayOf(pix, h, w))
			if err != nil {
				t.Fatal(err)
			}
			for _, b := range boxes {
				for _, m := range modes {
					for _, cval := range []float64{0, 255, 7} {
						if cval != 0 && m != Constant {
							continue
						}
						name := fmt.Sprintf("%dx%d kind %d box %v %v cval %v", w, h, kind, b, m, cval)
						c := collect([]Option{WithMode(m), WithCval(cval)})
						size := [3]int{b[0], b[1], 1}
						got, _ := gips.CreateImage(img.Geometry())
						done, err := meanFixed(got, img, size, c)
						if err != nil || !done {
							t.Fatalf("%s: integer path %v, %v", name, done, err)
						}
						ran++
						want, _ := gips.CreateImage(img.Geometry())
						if err := run(meanJob[float64](want, img, size, c)); err != nil {
							t.Fatal(err)
						}
						gp, _ := gips.Planes[uint8](got)
						wp, _ := gips.Planes[uint8](want)
						for y := range h {
							for x := range w {
								if g, w := gp[0].Row(y)[x], wp[0].Row(y)[x]; g != w {
									t.Fatalf("%s: pixel (%d, %d): integer %d, float path %d", name, x, y, g, w)
								}
							}
						}
					}
				}
			}
		}
	}
	t.Logf("%d integer box means equal to the float path", ran)
}

// TestBoxDivRoundsEverySum: for every box volume N from 2 to 256 and every
// sum S from 0 to 255·N, the stored mean is S/N rounded half away from
// zero (computed here in integers as 2S >= (2q+1)N), by the Go loop and
// the vector one; the divisor is boxDivOf's cached one, which a second
// lookup gives again.
func TestBoxDivRoundsEverySum(t *testing.T) {
	missing := 0
	for n := 2; n <= 256; n++ {
		d, ok := boxDivOf(n)
		if d2, ok2 := boxDivOf(n); d2 != d || ok2 != ok {
			t.Fatalf("N=%d: cached divisor %+v %v, then %+v %v", n, d, ok, d2, ok2)
		}
		if !ok {
			missing++ // meanFixed then leaves such boxes to the float path
			continue
		}
		top := 255 * n
		acc := make([]uint16, top+1)
		for s := range acc {
			acc[s] = uint16(s)
		}
		out := make([]uint8, len(acc))
		boxStore(out, acc, d)
		vec := make([]uint8, len(acc))
		zero := make([]uint16, len(acc))
		boxStep(vec, append([]uint16(nil), acc...), zero, zero, d)
		for s := range acc {
			q := s / n
			if 2*s >= (2*q+1)*n {
				q++
			}
			if int(out[s]) != q || int(vec[s]) != q {
				t.Fatalf("N %d, sum %d: stored %d (vector loop %d), want %d", n, s, out[s], vec[s], q)
			}
		}
	}
	if missing > 0 {
		t.Logf("%d box volumes have no uint16 reciprocal: they take the float path", missing)
	}
}

// TestBoxSIMDMatchesGo: the vector row sums and column steps equal the Go
// loops for every length 0 ... 100 and boxes 1 ... 40 wide.
func TestBoxSIMDMatchesGo(t *testing.T) {
	rng := rand.New(rand.NewPCG(22, 22))
	d, _ := newBoxDiv(25, 255*25+12)
	for n := 1; n <= 100; n++ {
		for _, sx := range []int{1, 2, 5, 16, 32, 33, 40} {
			ext := make([]uint16, n+sx-1)
			for i := range ext {
				ext[i] = uint16(rng.IntN(256))
			}
			want, got := make([]uint16, n), make([]uint16, n)
			for i := range want {
				for _, v := range ext[i : i+sx] {
					want[i] += v
				}
			}
			boxRowSum(got, ext, sx)
			for i := range want {
				if got[i] != want[i] {
					t.Fatalf("row sum n %d sx %d [%d]: %d, want %d", n, sx, i, got[i], want[i])
				}
			}
		}
		acc, add, sub := make([]uint16, n), make([]uint16, n), make([]uint16, n)
		for i := range acc {
			sub[i] = uint16(rng.IntN(5 * 255))
			acc[i] = sub[i] + uint16(rng.IntN(20*255))
			add[i] = uint16(rng.IntN(5 * 255))
		}
		accGo := append([]uint16(nil), acc...)
		want, got := make([]uint8, n), make([]uint8, n)
		for i := range accGo {
			accGo[i] += add[i] - sub[i]
		}
		boxStore(want, accGo, d)
		boxStep(got, acc, add, sub, d)
		for i := range want {
			if got[i] != want[i] || acc[i] != accGo[i] {
				t.Fatalf("step n %d [%d]: %d (sum %d), want %d (sum %d)", n, i, got[i], acc[i], want[i], accGo[i])
			}
		}
	}
}
