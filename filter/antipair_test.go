package filter

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestAntiPairSIMDMatchesPureGo: the vector antiPair2 (GOEXPERIMENT=simd
// on AVX2) and the pure-Go loop agree bit for bit at every length from 0
// to 40 (vector body and tail).
func TestAntiPairSIMDMatchesPureGo(t *testing.T) {
	if antiPair2F32 == nil {
		t.Skip("no SIMD antiPair2 in this build (build with GOEXPERIMENT=simd on AVX2)")
	}
	rng := rand.New(rand.NewPCG(5, 6))
	for n := 0; n <= 40; n++ {
		src := make([][]float32, 4)
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
		w1, w2 := float32(0.137), float32(-0.0213)
		for i := range want { // the pure-Go loop, written out
			want[i] += w1*(src[0][i]-src[1][i]) + w2*(src[2][i]-src[3][i])
		}
		antiPair2(got, src[0], src[1], src[2], src[3], w1, w2)
		for i := range want {
			if math.Float32bits(got[i]) != math.Float32bits(want[i]) {
				t.Fatalf("antiPair2 n=%d [%d]: SIMD %v, pure Go %v", n, i, got[i], want[i])
			}
		}
	}
}
