package arith

import (
	"math"
	"testing"

	"github.com/gipsdev/gips"
)

// The table path of the 8-bit linear combination (images of at least
// linTableMin pixels) against the formula computed here per pixel: every
// (a, b) pair of UInt8 and Int8, with weights that round, saturate and
// land on halves.
func TestLinearCombinationTableMatchesFormula(t *testing.T) {
	const w, h = 512, 512 // 2^18 pixels: every pair 4 times
	for _, k := range [][3]float64{{0.5, 0.5, 0}, {0.3, -1.7, 2.5}, {1, 1, 0}, {-0.25, 0.75, -100}} {
		ua, ub := make([]uint8, w*h), make([]uint8, w*h)
		sa, sb := make([]int8, w*h), make([]int8, w*h)
		for i := range ua {
			ua[i], ub[i] = uint8(i>>8), uint8(i)
			sa[i], sb[i] = int8(ua[i]), int8(ub[i])
		}
		checkLin(t, ua, ub, w, h, k, 0, 255)
		checkLin(t, sa, sb, w, h, k, -128, 127)
	}
}

func checkLin[T uint8 | int8](t *testing.T, a, b []T, w, h int, k [3]float64, lo, hi float64) {
	t.Helper()
	ia, _ := gips.FromArray(gips.ArrayOf(a, h, w))
	ib, _ := gips.FromArray(gips.ArrayOf(b, h, w))
	got, err := LinearCombination(ia, ib, k[0], k[1], k[2])
	if err != nil {
		t.Fatal(err)
	}
	ps, _ := gips.Planes[T](got)
	for y := range h {
		for x, g := range ps[0].Row(y) {
			i := y*w + x
			v := float64(k[0]*float64(a[i])) + float64(k[1]*float64(b[i])) + k[2]
			want := math.Min(math.Max(math.Round(v), lo), hi)
			if float64(g) != want {
				t.Fatalf("%T %v: %v*%d + %v*%d + %v = %v, want %v", a[0], k, k[0], a[i], k[1], b[i], k[2], g, want)
			}
		}
	}
}
