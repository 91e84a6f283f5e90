package filter

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestFusedSIMDMatchesPureGo runs the AVX2 fused kernels (GOEXPERIMENT=simd
// on AVX2) and their pure-Go twins on the same lines, lengths 0 to 100
// (vector blocks and scalar tails) and radii 1 to 9, and requires equal
// bits: a pixel's value must not depend on which of the two computed it.
// In the default build there is no vector version and the test says so.
func TestFusedSIMDMatchesPureGo(t *testing.T) {
	if fusedF32.sym == nil {
		t.Skip("no SIMD fused kernels in this build (build with GOEXPERIMENT=simd on AVX2)")
	}
	rng := rand.New(rand.NewPCG(3, 4))
	line := func(n int) []float32 {
		s := make([]float32, n)
		for i := range s {
			s[i] = rng.Float32()*2000 - 1000
		}
		return s
	}
	same := func(what string, n, r int, got, want []float32) {
		t.Helper()
		for i := range want {
			if math.Float32bits(got[i]) != math.Float32bits(want[i]) {
				t.Fatalf("%s n=%d r=%d [%d]: SIMD %v, pure Go %v", what, n, r, i, got[i], want[i])
			}
		}
	}
	for r := 1; r <= 9; r++ {
		for n := 0; n <= 100; n++ {
			c := line(n)
			lo, hi := make([][]float32, r+1), make([][]float32, r+1)
			w := line(r + 1)
			for j := 1; j <= r; j++ {
				lo[j], hi[j] = line(n), line(n)
			}
			want, got := line(n), line(n)
			symFusedGo(want, c, lo, hi, w)
			k := fusedF32.sym(got, c, lo, hi, w)
			symFusedGo(got[k:], c[k:], tails(lo, k), tails(hi, k), w)
			same("sym", n, r, got, want)

			antiFusedGo(want, lo, hi, w)
			k = fusedF32.anti(got, lo, hi, w)
			antiFusedGo(got[k:], tails(lo, k), tails(hi, k), w)
			same("anti", n, r, got, want)

			copy(got, want)
			normAdd(got, c, false)
			for i, v := range c {
				want[i] += float32(v * v)
			}
			same("norm", n, r, got, want)

			for i := range c {
				c[i] = float32(math.Abs(float64(c[i])))
				want[i] = float32(math.Sqrt(float64(c[i]))) * 0.7
			}
			sqrtScale(got, c, 0.7)
			same("sqrt", n, r, got, want)
		}
	}
}

func tails(s [][]float32, k int) [][]float32 {
	out := make([][]float32, len(s))
	for j, l := range s {
		if l != nil {
			out[j] = l[k:]
		}
	}
	return out
}

// TestApplyFusedMatchesApply: the fused kernels compute what taps.apply
// does (up to float32 rounding: their sums run in another order) for
// symmetric, antisymmetric and general kernels.
func TestApplyFusedMatchesApply(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for _, k := range [][]float64{
		gaussianDerivKernel(2, 0, 4), gaussianDerivKernel(2, 1, 4), gaussianDerivKernel(1.5, 2, 4),
		{1}, {-1, 0, 1}, {1, 2, 3},
	} {
		kf := make([]float32, len(k))
		for i, v := range k {
			kf[i] = float32(v)
		}
		tp := newTaps(kf)
		r := len(kf) / 2
		for _, n := range []int{0, 5, 31, 32, 77} {
			ext := make([]float32, n+2*r)
			for i := range ext {
				ext[i] = rng.Float32()*200 - 100
			}
			src := func(j int) []float32 { return ext[r+j : r+j+n] }
			want, got := make([]float32, n), make([]float32, n)
			tp.apply(want, src)
			applyFused(tp, got, src, make([][]float32, r+1), make([][]float32, r+1))
			for i := range want {
				if d := math.Abs(float64(got[i] - want[i])); d > 1e-4 {
					t.Fatalf("kernel %v n=%d [%d]: fused %v, apply %v", k, n, i, got[i], want[i])
				}
			}
		}
	}
}
