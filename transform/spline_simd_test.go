package transform

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestSplineSIMDMatchesPureGo: the vector loops of the prefilter and of
// the z-first interpolation (present when built with GOEXPERIMENT=simd on
// AVX2) give the pure-Go loops' values bit for bit, at every length (the
// vector part and the Go tail), on values of very different magnitudes.
func TestSplineSIMDMatchesPureGo(t *testing.T) {
	if comb4F64 == nil || causalF64 == nil || anticausalF64 == nil || scaleF64 == nil {
		t.Skip("no SIMD spline loops in this build (build with GOEXPERIMENT=simd on AVX2)")
	}
	rng := rand.New(rand.NewPCG(3, 4))
	vals := func(n int) []float64 {
		v := make([]float64, n)
		for i := range v {
			v[i] = (rng.Float64() - 0.5) * math.Pow(10, float64(rng.IntN(30)-15))
		}
		return v
	}
	for n := 0; n < 41; n++ {
		a, b, c, d := vals(n), vals(n), vals(n), vals(n)
		w := vals(4)
		got, want := make([]float64, n), make([]float64, n)
		comb4(got, a, b, c, d, w[0], w[1], w[2], w[3])
		for x := range want {
			want[x] = w[0]*a[x] + w[1]*b[x] + w[2]*c[x] + w[3]*d[x]
		}
		checkBits(t, "comb4", n, got, want)

		row, prev, z := vals(n), vals(n), -0.267949192431122706
		got, want = slices.Clone(row), slices.Clone(row)
		causalRow(got, prev, z)
		for k := range want {
			want[k] += z * prev[k]
		}
		checkBits(t, "causal", n, got, want)

		got, want = slices.Clone(row), slices.Clone(row)
		anticausalRow(got, prev, z)
		for k := range want {
			want[k] = z * (prev[k] - want[k])
		}
		checkBits(t, "anticausal", n, got, want)

		got, want = slices.Clone(row), slices.Clone(row)
		scaleRowF64(got, 6.0000000000000004)
		for k := range want {
			want[k] *= 6.0000000000000004
		}
		checkBits(t, "scale", n, got, want)
	}
}

func checkBits(t *testing.T, what string, n int, got, want []float64) {
	t.Helper()
	for i := range want {
		if math.Float64bits(got[i]) != math.Float64bits(want[i]) {
			t.Fatalf("%s, length %d: sample %d: SIMD %v, Go %v", what, n, i, got[i], want[i])
		}
	}
}
