package stats

import (
	"math"

	"github.com/gipsdev/gips"
	pw "github.com/gipsdev/gips/internal/pointwise"
)

// scanFloats is scanRun for a run of Real32 or Real64 pixels: what asks
// for the compensated sum (sumFloat32, sumFloats), the extremes (floatExtremes) or
// both. A NaN extreme stays NaN, as min and max propagate it.
func scanFloats[T gips.Pixel](p *partial, row []T, lo, hi T, what need) (T, T) {
	if what&needSum != 0 {
		switch r := any(row).(type) {
		case []float32:
			sumFloat32(&p.fsum, r)
		case []float64:
			sumFloats(&p.fsum, r)
		}
	}
	if what&needExtremes == 0 || lo != lo {
		return lo, hi
	}
	var l, h float64
	switch r := any(row).(type) {
	case []float32:
		l, h = floatExtremes(r, float64(lo), float64(hi))
	case []float64:
		l, h = floatExtremes(r, float64(lo), float64(hi))
	}
	return T(l), T(h)
}

// Float extremes are taken over ordered integer keys: the bits of a float
// as a signed integer, the 63 bits under the sign flipped for negative
// floats, order as the floats do, with -0 below +0 and NaN beyond ±Inf.
// Integer min and max over keys give Go's min and max of the floats
// (-0 the least of ±0, +0 the greatest) without a branch or a NaN test a
// value; a NaN shows as a key beyond ±Inf's at the end. A float32's key
// is its float64's: the SIMD twins use 32-bit keys of the same order.
func key64(v float64) int64 {
	b := int64(math.Float64bits(v))
	return b ^ int64(uint64(b>>63)>>1)
}

// unkey64 is key64's inverse (flipping is its own inverse: the sign bit
// stays).
func unkey64(k int64) float64 { return math.Float64frombits(uint64(k ^ int64(uint64(k>>63)>>1))) }

var keyNegInf, keyPosInf = key64(math.Inf(-1)), key64(math.Inf(1))

// floatExtremes is the least and greatest of lo, hi (not NaN) and s, NaN
// and NaN if s holds a NaN, as numpy's min and max. The SIMD twin does
// s's first multiple of its vectors from s's first whole cache line on:
// numpy's arrays start 16 bytes into a line, and every 64-byte load across
// two lines costs two (as the integer scan, scanRun); the pixels before
// that line join the scalar tail.
func floatExtremes[T float32 | float64](s []T, lo, hi float64) (float64, float64) {
	kl, kh := key64(lo), key64(hi)
	head := s[:0]
	if h := pw.Head(s); h > 0 && h < len(s) {
		head, s = s[:h], s[h:]
	}
	if l, h, n := extremesSIMD(s); n > 0 {
		kl, kh = min(kl, key64(l)), max(kh, key64(h))
		s = s[n:]
	}
	kl, kh = keyExtremes(s, kl, kh)
	kl, kh = keyExtremes(head, kl, kh)
	if kl < keyNegInf || kh > keyPosInf {
		return math.NaN(), math.NaN()
	}
	return unkey64(kl), unkey64(kh)
}

// keyExtremes extends the key range kl, kh by s's keys.
func keyExtremes[T float32 | float64](s []T, kl, kh int64) (int64, int64) {
	l1, h1 := kl, kh // two chains: the compare-and-moves do not wait on each other
	i := 0
	for ; i+2 <= len(s); i += 2 {
		k0, k1 := key64(float64(s[i])), key64(float64(s[i+1]))
		kl, kh = min(kl, k0), max(kh, k0)
		l1, h1 = min(l1, k1), max(h1, k1)
	}
	if i < len(s) {
		k := key64(float64(s[i]))
		kl, kh = min(kl, k), max(kh, k)
	}
	return min(kl, l1), max(kh, h1)
}

func extremesSIMD[T float32 | float64](s []T) (lo, hi float64, n int) {
	switch r := any(s).(type) {
	case []float32:
		return extremes32(r)
	case []float64:
		return extremes64(r)
	}
	return 0, 0, 0
}
