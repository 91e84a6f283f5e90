package stats

import "math"

// neumaier is a compensated float64 sum (Kahan-Babuška-Neumaier): its error
// does not grow with the number of terms, unlike a plain running sum.
type neumaier struct{ s, c float64 }

func (k *neumaier) add(v float64) {
	t := k.s + v
	if math.Abs(k.s) >= math.Abs(v) {
		k.c += (k.s - t) + v
	} else {
		k.c += (v - t) + k.s
	}
	k.s = t
}

// value is the sum. An infinite s is the sum itself, as in numpy (an
// infinite value, or partial sums past the float64 range): its
// compensation is NaN then (Inf - Inf), not a correction to add.
func (k neumaier) value() float64 {
	if math.IsInf(k.s, 0) {
		return k.s
	}
	return k.s + k.c
}

// merge adds another compensated sum (a band's) to k: its s, and its c
// unless s is infinite (c is NaN then, see value).
func (k *neumaier) merge(q neumaier) {
	k.add(q.s)
	if !math.IsInf(q.s, 0) {
		k.add(q.c)
	}
}

// addAll adds the values of vs in order, as add does one by one, with the
// sum and compensation in registers and the rounding error of each step
// from TwoSum, which needs no branch on which term is larger: it is the
// same exact error as add's (while no step overflows; a step that does
// makes c NaN either way), and c is never -0 (it starts +0, and a sum of
// non-zero values that cancels is +0), so the bits are add's
// (TestAddAllMatchesAdd). The sum's chain is one add a value; add's
// branch and its stores through k made the block sums' adds 40% of a
// float32 sum.
func (k *neumaier) addAll(vs []float64) {
	s, c := k.s, k.c
	for _, v := range vs {
		t := s + v
		bp := t - s
		c += (s - (t - bp)) + (v - bp)
		s = t
	}
	k.s, k.c = s, c
}

// sumFloats adds Σv over s to k (Real64 runs; Real32 ones take
// sumFloat32's wider blocks): plain float64 sums over blocks of 64
// values, each block added to k with compensation. The error stays within
// a few dozen ulps of Σ|v| whatever the length. A block's sum is
// (a0 + a1) + (a2 + a3), aj the running sum of its values j, j+4, j+8...:
// four chains, not one long one, and the four lanes of a SIMD vector,
// so that the SIMD twin (blockSums) gives the same bits.
func sumFloats[T ~float32 | ~float64](k *neumaier, s []T) {
	s = simdBlocks(k, s, 0, false)
	for len(s) > 0 {
		b := s[:min(len(s), 64)]
		s = s[len(b):]
		var a0, a1, a2, a3 float64
		i := 0
		for ; i+4 <= len(b); i += 4 {
			a0 += float64(b[i])
			a1 += float64(b[i+1])
			a2 += float64(b[i+2])
			a3 += float64(b[i+3])
		}
		for ; i < len(b); i++ {
			a0 += float64(b[i])
		}
		k.add((a0 + a1) + (a2 + a3))
	}
}

// sumSquares adds Σ(v - mean)² over s to k, blocked as sumFloats. Each
// square is rounded before it is added (float64(d*d): never fused into a
// multiply-add), as the SIMD twin's separate multiply and add round it.
func sumSquares[T ~float32 | ~float64](k *neumaier, s []T, mean float64) {
	s = simdBlocks(k, s, mean, true)
	for len(s) > 0 {
		b := s[:min(len(s), 64)]
		s = s[len(b):]
		var a0, a1, a2, a3 float64
		i := 0
		for ; i+4 <= len(b); i += 4 {
			d0, d1 := float64(b[i])-mean, float64(b[i+1])-mean
			d2, d3 := float64(b[i+2])-mean, float64(b[i+3])-mean
			a0 += float64(d0 * d0)
			a1 += float64(d1 * d1)
			a2 += float64(d2 * d2)
			a3 += float64(d3 * d3)
		}
		for ; i < len(b); i++ {
			d := float64(b[i]) - mean
			a0 += float64(d * d)
		}
		k.add((a0 + a1) + (a2 + a3))
	}
}

// simdBlocks adds to k the sums (sq false) or the sums of squared
// deviations from mean (sq true) of s's whole 64-value blocks, as many as
// the SIMD twin takes (none without it), and gives the rest of s. The
// twin sums up to 64 blocks into an array here, added to k in order.
func simdBlocks[T ~float32 | ~float64](k *neumaier, s []T, mean float64, sq bool) []T {
	var sums [64]float64
	for len(s) >= 64 {
		nb := min(len(s)/64, len(sums))
		if !blockSums(s[:nb*64], sums[:nb], mean, sq) {
			break
		}
		k.addAll(sums[:nb])
		s = s[nb*64:]
	}
	return s
}
