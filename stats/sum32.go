package stats

// The sum of Real32 pixels (Sum, Mean, Measure's sum). A float32 converts
// to float64 exactly, so the only roundings are float64 additions:
//
//   - Blocks of up to 256 values are summed in 32 lanes, lane j taking
//     the values j, j+32, j+64... (at most 8, added in order), and the
//     lanes are added in a fixed tree of 5 levels (blockSum32). Every
//     value passes through at most 7 + 5 = 12 rounded additions, so the
//     block's computed sum B̂ satisfies |B̂ - B| <= γ₁₂·Σ|v|, γₙ = nu/(1-nu),
//     u = 2⁻⁵³ (Higham, Accuracy and Stability of Numerical Algorithms,
//     2nd ed., §4.2: a summation tree whose paths hold at most d
//     additions errs by at most γ_d·Σ|v|). float64 additions of float32
//     values cannot underflow inexactly (a sum of multiples of 2⁻¹⁴⁹ that
//     small is exact) nor overflow (256 values of at most 2¹²⁸ each), so
//     the model fl(a+b) = (a+b)(1+δ), |δ| <= u, holds at every step.
//   - The block sums are added with Neumaier's compensation (addAll), whose
//     error is at most 2u·|ΣB̂| + O(m·u²)·Σ|B̂| over m blocks, whatever m
//     (Higham §4.3).
//
// So a run's sum errs by at most 2u·|S| + (12 + O(m·u))·u·Σ|v|: less than
// the 64-value blocks of sumFloats (four chains of 16 values and two
// levels: 17·u·Σ|v|), which float64 images and the squares of Std keep.
// An infinity or NaN among the values makes the block sum ±Inf or NaN and
// the compensated sum gives numpy's result (neumaier.value).
//
// The lanes are the AVX-512 twin's (blockSums32): four vectors of eight
// float64 lanes, a step of 32 values, eight steps a block; its tree adds
// the four vectors, then the vector's halves twice, then the last two
// lanes. The blocks' bits are the same either way (TestFloatScanTwins),
// and the whole blocks run two to four times as fast as the 64-value
// blocks' AVX2 twin did (sum_f32, issue 15; an AVX2 twin of these lanes,
// eight Float64x4 chains, was 1.5-2x slower than the AVX-512 one: the
// conversions are the limit).

const block32 = 256

// sumFloat32 adds Σv over s to k: whole blocks by the SIMD twin when
// there is one, the rest (and everything without it) by blockSum32.
func sumFloat32(k *neumaier, s []float32) {
	var sums [64]float64
	for len(s) >= block32 {
		nb := min(len(s)/block32, len(sums))
		if !blockSums32(s[:nb*block32], sums[:nb]) {
			break
		}
		k.addAll(sums[:nb])
		s = s[nb*block32:]
	}
	for len(s) > 0 {
		nb := 0
		for ; nb < len(sums) && len(s) > 0; nb++ {
			b := s[:min(len(s), block32)]
			sums[nb] = blockSum32(b)
			s = s[len(b):]
		}
		k.addAll(sums[:nb])
	}
}

// blockSum32 is the sum of b (at most 256 values) in blockSums32's lanes
// and tree: a lane starts at its first value (as a vector starts at its
// first load: a -0 stays -0), a lane with no value is +0.
func blockSum32(b []float32) float64 {
	var a [32]float64
	for j, v := range b[:min(32, len(b))] {
		a[j] = float64(v)
	}
	for i := 32; i < len(b); i += 32 {
		for j, v := range b[i:min(i+32, len(b))] {
			a[j] += float64(v)
		}
	}
	var h [8]float64
	for l := range h {
		h[l] = (a[l] + a[8+l]) + (a[16+l] + a[24+l])
	}
	return ((h[0] + h[4]) + (h[2] + h[6])) + ((h[1] + h[5]) + (h[3] + h[7]))
}
