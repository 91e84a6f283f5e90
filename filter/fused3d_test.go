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

// TestMeanQuotExact: meanQuot (its AVX2 loop on the leading multiple of
// 8 sums in the SIMD build, the Go loop on the rest and in the default
// build) gives the exact rounded mean, integer arithmetic's ⌊(2S+n)/(2n)⌋,
// for every sum a UInt16 box can give around each multiple of n (where a
// float32 quotient would round the wrong way) and at random.
func TestMeanQuotExact(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for _, n := range []int{2, 3, 24, 125, 225, 255} {
		top := 65535 * n
		var sums []int
		for q := 0; q <= 65535; q += 1 + q/64 {
			for d := -2; d <= 2; d++ {
				for _, s := range []int{q*n + d, q*n + n/2 + d} {
					if s >= 0 && s <= top {
						sums = append(sums, s)
					}
				}
			}
		}
		for range 5000 {
			sums = append(sums, rng.IntN(top+1))
		}
		sums = append(sums, top)
		acc := make([]float32, len(sums))
		for i, s := range sums {
			acc[i] = float32(s)
		}
		meanQuot(acc, float32(n))
		for i, s := range sums {
			if want := (2*s + n) / (2 * n); acc[i] != float32(want) {
				t.Fatalf("n=%d S=%d: got %v, want %d", n, s, acc[i], want)
			}
		}
	}
}
