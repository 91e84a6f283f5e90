package filter

import (
	"math"
	"unsafe"

	"github.com/gipsdev/gips"
)

// storer converts accumulated values to the output type D: divided by div
// (when it is not 1), then for integers rounded to nearest, half away from
// zero, and saturated to D's range (NaN becomes 0), as gips.Saturate does;
// floats are converted directly.
//
// exact32 says that float32 arithmetic rounds these sums as the float64
// loop does (see job.exact32): the AVX2 loops (simdStore, simdStoreI16)
// may then store float32 sums into 8- and 16-bit rows.
type storer[D gips.Pixel, A accum] struct {
	integer bool
	exact32 bool
	lo, hi  float64
	div     A
}

func newStorer[D gips.Pixel, A accum](div A) storer[D, A] {
	t := gips.TypeOf[D]()
	lo, hi := t.Range()
	return storer[D, A]{integer: !t.IsFloat(), lo: lo, hi: hi, div: div}
}

// simdStore is the AVX2 twin of the integer loop of store for float32
// sums into uint8 (w16 false) or uint16 rows of bytes: acc[i]·mul rounded
// half away from zero and saturated, NaN as 0. It returns the pixels done
// (none in the pure-Go build). simdStoreI16 is the same into int16 rows.
var (
	simdStore    = func(w16 bool, dst []byte, acc []float32, mul float32) int { return 0 }
	simdStoreI16 = func(dst []byte, acc []float32, mul float32) int { return 0 }
)

func (s storer[D, A]) store(dst []D, acc []A) {
	acc = acc[:len(dst)]
	if !s.integer {
		if d, ok := any(dst).([]A); ok && s.div == 1 {
			copy(d, acc)
			return
		}
		if s.div == 1 {
			for i, v := range acc {
				dst[i] = D(v)
			}
			return
		}
		div := float64(s.div)
		for i, v := range acc {
			dst[i] = D(float64(v) / div)
		}
		return
	}
	// Truncating v ± 0.5 rounds half away from zero when v cannot sit
	// within an ulp of a half: a float32 sum (exact in float64), or a mean
	// of integers, S·(1/N), which lies at least 1/(2N) from any half (its
	// error, a few ulps, is far smaller while |S| < 2^51). Other float64
	// values need math.Round: 0.5 - 2^-54 + 0.5 rounds up to 1.
	inv := 1 / float64(s.div)
	if a32, ok := any(acc).([]float32); ok && s.exact32 {
		done := 0
		switch d := any(dst).(type) {
		case []uint8:
			done = simdStore(false, d, a32, float32(inv))
		case []uint16:
			done = simdStore(true, bytesOf(d), a32, float32(inv))
		case []int16:
			done = simdStoreI16(bytesOf(d), a32, float32(inv))
		}
		dst, acc = dst[done:], acc[done:]
	}
	fast := unsafe.Sizeof(A(0)) == 4 || s.div != 1
	lo, hi := s.lo, s.hi
	for i, a := range acc {
		v := float64(a) * inv
		switch { // predictable branches beat min, max and Copysign here
		case v >= 0:
			v += 0.5
		case v < 0:
			v -= 0.5
		default: // NaN
			v = 0
		}
		if v < lo {
			v = lo
		} else if v > hi {
			v = hi
		}
		if !fast {
			v = math.Round(float64(a) * inv)
			v = min(max(v, lo), hi)
			if v != v {
				v = 0
			}
		}
		dst[i] = D(v)
	}
}
