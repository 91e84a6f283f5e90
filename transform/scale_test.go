package transform

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestScaleSIMDMatchesPureGo: the vector scaleRow and scaleRow2 kernels
// (present when built with GOEXPERIMENT=simd on AVX2) give the pure-Go
// loop's numbers bit for bit, at lengths with and without a tail.
func TestScaleSIMDMatchesPureGo(t *testing.T) {
	if scaleU8 == nil {
		t.Skip("no SIMD scale kernels in this build (build with GOEXPERIMENT=simd on AVX2)")
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for _, n := range []int{0, 1, 15, 16, 17, 31, 33, 100, 257} {
		u8 := make([]uint8, n)
		u16 := make([]uint16, n)
		for i := range u8 {
			u8[i], u16[i] = uint8(rng.IntN(256)), uint16(rng.IntN(65536))
		}
		w1, w2 := rng.Float64(), 1-rng.Float64()
		check := func(what string, got []float64, want func(k int) float64) {
			for k := range got {
				if math.Float64bits(got[k]) != math.Float64bits(want(k)) {
					t.Fatalf("%s n=%d [%d]: SIMD %v, pure Go %v", what, n, k, got[k], want(k))
				}
			}
		}
		p := make([]float64, n)
		scaleRow(p, u8, w1)
		check("scaleRow uint8", p, func(k int) float64 { return float64(u8[k]) * w1 })
		scaleRow(p, u16, w1)
		check("scaleRow uint16", p, func(k int) float64 { return float64(u16[k]) * w1 })
		scaleRow2(p, u8, w1, w2)
		check("scaleRow2 uint8", p, func(k int) float64 { return float64(u8[k]) * w1 * w2 })
		scaleRow2(p, u16, w1, w2)
		check("scaleRow2 uint16", p, func(k int) float64 { return float64(u16[k]) * w1 * w2 })
	}
}
