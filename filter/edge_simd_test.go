package filter

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestEdgeSIMDMatchesPureGo: the vector edgeLine and edgeMag (GOEXPERIMENT=simd
// on AVX2) agree bit for bit with the Go loops, written out here, at every
// length from 0 to 40 (vector body and tail).
func TestEdgeSIMDMatchesPureGo(t *testing.T) {
	if edgeLineF32 == nil {
		t.Skip("no SIMD edge kernels in this build (build with GOEXPERIMENT=simd on AVX2)")
	}
	rng := rand.New(rand.NewPCG(7, 8))
	s0, s1, inv := float32(1), float32(2), float32(1/8.0)
	for n := 0; n <= 40; n++ {
		v := make([][]float32, 5)
		for k := range v {
			v[k] = make([]float32, n)
			for i := range v[k] {
				v[k][i] = rng.Float32()*512 - 256
			}
		}
		d, sm := make([]float32, n), make([]float32, n)
		edgeLine(d, sm, v[0], v[1], v[2], s0, 0.3)
		for x := 0; x < n; x++ {
			wd := v[2][x] - v[0][x]
			ws := s0*(v[0][x]+v[2][x]) + 0.3*v[1][x]
			if math.Float32bits(d[x]) != math.Float32bits(wd) || math.Float32bits(sm[x]) != math.Float32bits(ws) {
				t.Fatalf("edgeLine n=%d [%d]: SIMD %v %v, pure Go %v %v", n, x, d[x], sm[x], wd, ws)
			}
		}
		acc := make([]float32, n)
		edgeMag(acc, v[0], v[1], v[2], v[3], v[4], s0, s1, inv)
		for x := 0; x < n; x++ {
			gx := s0*(v[0][x]+v[2][x]) + s1*v[1][x]
			gy := v[4][x] - v[3][x]
			w := float32(math.Sqrt(float64(gx*gx+gy*gy))) * inv
			if math.Float32bits(acc[x]) != math.Float32bits(w) {
				t.Fatalf("edgeMag n=%d [%d]: SIMD %v, pure Go %v", n, x, acc[x], w)
			}
		}
	}
}
