package threshold

import (
	"math/rand/v2"
	"testing"
)

// skimageIndex is threshold_otsu's selection written as scikit-image 0.19
// does it, over every bin from the least value to the greatest: float64
// cumulative sums from the bottom and, over the reversed arrays, from the
// top, then the first argmax of w1[:-1]·w2[1:]·(m1[:-1] - m2[1:])².
func skimageIndex(counts []int64, v0 int64) int {
	n := len(counts)
	h, c := make([]float64, n), make([]float64, n)
	for i := range counts {
		h[i], c[i] = float64(counts[i]), float64(v0+int64(i))
	}
	w1, m1, w2, m2 := make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)
	var s, sm float64
	for i := range n {
		s += h[i]
		sm += h[i] * c[i]
		w1[i], m1[i] = s, sm
	}
	for i := range n {
		m1[i] /= w1[i]
	}
	s, sm = 0, 0
	for i := n - 1; i >= 0; i-- {
		s += h[i]
		sm += h[i] * c[i]
		w2[i], m2[i] = s, sm/s
	}
	arg := 0
	var best float64
	for i := range n - 1 {
		d := m1[i] - m2[i+1]
		v := w1[i] * w2[i+1] * (d * d)
		if i == 0 || v > best {
			arg, best = i, v
		}
	}
	return arg
}

// TestOtsuCountsMatchSkimageFormula: otsuCounts (exact integer sums, zero
// bins skipped, no arrays) picks the bin that scikit-image's float64
// formula picks, on random dense counts: sparse and full, with runs of
// empty bins, negative and positive values, symmetric counts (ties), and
// counts so large that the sums pass 2^53 (otsuCounts then takes the
// float path).
func TestOtsuCountsMatchSkimageFormula(t *testing.T) {
	rng := rand.New(rand.NewPCG(31, 32))
	for trial := range 3000 {
		n := 2 + rng.IntN(300)
		if trial%50 == 0 {
			n = 2 + rng.IntN(70000)
		}
		counts := make([]int64, n)
		fill := rng.Float64()
		scale := int64(1) << rng.IntN(20)
		if trial%10 == 0 {
			scale = 1 << (38 + rng.IntN(12)) // sums past 2^53
		}
		for i := range counts {
			if rng.Float64() < fill {
				counts[i] = 1 + rng.Int64N(scale)
			}
		}
		if trial%7 == 0 { // symmetric: equal criteria on both sides
			for i := range n / 2 {
				counts[n-1-i] = counts[i]
			}
		}
		counts[0], counts[n-1] = max(counts[0], 1), max(counts[n-1], 1)
		v0 := rng.Int64N(70000) - 35000
		if got, want := otsuCounts(counts, v0), skimageIndex(counts, v0); got != want {
			t.Fatalf("trial %d (%d bins from %d): bin %d, scikit-image's %d", trial, n, v0, got, want)
		}
	}
}
