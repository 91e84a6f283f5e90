package filter

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/gipsdev/gips"
)

// TestForgetMatchesBruteForce: forgetful selection over rows (AVX2 under
// GOEXPERIMENT=simd, the Go loop on the tails) equals the middle of the
// sorted values, for odd counts from 5 to maxForget and rows whose
// lengths cross the vector sizes, with ties and without.
func TestForgetMatchesBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(84, 85))
	for _, n := range []int{5, 7, 9, 13, 21, 25, 27, 49} {
		for _, w := range []int{1, 16, 31, 32, 33, 70} {
			for _, levels := range []int{3, 1 << 16} {
				forgetCase(t, rng, n, w, func() uint8 { return uint8(rng.IntN(levels)) })
				forgetCase(t, rng, n, w, func() uint16 { return uint16(rng.IntN(levels) * 3) })
				forgetCase(t, rng, n, w, func() float32 { return float32(rng.IntN(levels)) - 0.5 })
			}
		}
	}
}

func forgetCase[T gips.Pixel](t *testing.T, rng *rand.Rand, n, w int, gen func() T) {
	rows := make([][]T, n)
	for k := range rows {
		rows[k] = make([]T, w+rng.IntN(3)) // rows may be longer than out
		for i := range rows[k] {
			rows[k][i] = gen()
		}
	}
	out := make([]T, w)
	forgetRows(out, rows, nil)
	v := make([]T, n)
	for x := range out {
		for k := range rows {
			v[k] = rows[k][x]
		}
		slices.Sort(v)
		if out[x] != v[n/2] {
			t.Fatalf("%T n=%d width %d pixel %d: got %v, want %v", out[0], n, w, x, out[x], v[n/2])
		}
	}
}
