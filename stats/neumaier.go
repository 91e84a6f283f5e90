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

func (k neumaier) value() float64 { return k.s + k.c }

// sumFloats adds Σv over s to k: plain float64 sums over blocks of 64
// values (four accumulators, so the loop is not one long dependency
// chain), each block added to k with compensation. The error stays within
// a few dozen ulps of Σ|v| whatever the length.
func sumFloats[T ~float32 | ~float64](k *neumaier, s []T, _ float64) {
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

// sumSquares adds Σ(v - mean)² over s to k, blocked as sumFloats.
func sumSquares[T ~float32 | ~float64](k *neumaier, s []T, mean float64) {
	for len(s) > 0 {
		b := s[:min(len(s), 64)]
		s = s[len(b):]
		var a0, a1 float64
		i := 0
		for ; i+2 <= len(b); i += 2 {
			d0, d1 := float64(b[i])-mean, float64(b[i+1])-mean
			a0 += d0 * d0
			a1 += d1 * d1
		}
		for ; i < len(b); i++ {
			d := float64(b[i]) - mean
			a0 += d * d
		}
		k.add(a0 + a1)
	}
}
