package filter

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestSIMDMatchesPureGo runs the vector axpy8 and axpy9 (present when built with
// GOEXPERIMENT=simd on AVX2+FMA) and the pure-Go loop on the same rows,
// every length from 0 to 40 (vector body and scalar tail), and requires
// them to agree within float32 rounding. In the default build there is no
// vector version and the test says so.
func TestSIMDMatchesPureGo(t *testing.T) {
	if axpy8F32 == nil {
		t.Skip("no SIMD axpy8 in this build (build with GOEXPERIMENT=simd on AVX2)")
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for n := 0; n <= 40; n++ {
		src := make([][]float32, 8)
		for k := range src {
			src[k] = make([]float32, n)
			for i := range src[k] {
				src[k][i] = rng.Float32()*2000 - 1000
			}
		}
		want, got := make([]float32, n), make([]float32, n)
		for i := range want {
			want[i] = rng.Float32()
			got[i] = want[i]
		}
		w := [4]float32{0.2, 0.1, 0.05, 0.01}
		axpy8Go(want, src[0], src[1], src[2], src[3], src[4], src[5], src[6], src[7], w[0], w[1], w[2], w[3])
		axpy8(got, src[0], src[1], src[2], src[3], src[4], src[5], src[6], src[7], w[0], w[1], w[2], w[3])
		for i := range want {
			if math.Float32bits(got[i]) != math.Float32bits(want[i]) { // bit for bit: see axpy8AVX2
				t.Fatalf("axpy8 n=%d [%d]: SIMD %v, pure Go %v", n, i, got[i], want[i])
			}
		}
		axpy9Go(want, src[0], src[1], src[2], src[3], src[4], src[5], src[6], src[7], src[0], 0.3, w[0], w[1], w[2], w[3])
		axpy9(got, src[0], src[1], src[2], src[3], src[4], src[5], src[6], src[7], src[0], 0.3, w[0], w[1], w[2], w[3])
		for i := range want {
			if math.Float32bits(got[i]) != math.Float32bits(want[i]) {
				t.Fatalf("axpy9 n=%d [%d]: SIMD %v, pure Go %v", n, i, got[i], want[i])
			}
		}
	}
}
