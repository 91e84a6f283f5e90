package arith

import "math"

// The Int16 linear combination in 32-bit integers, for weights that are
// multiples of 2^-shift (a blend by halves, a difference), as linfix16.go
// does for UInt16: with wa = ka·2^shift, wb and wc = c·2^shift whole and
// S = wa·a + wb·b + wc within an int32, the float64 formula's products
// and sums are exact, so its value is S / 2^shift exactly, and its
// rounding half away from zero is (S + 2^(shift-1)) >> shift for S >= 0,
// (S + 2^(shift-1) - 1) >> shift below (an arithmetic shift floors):
// the - 1 is S >> 31 (S taken before the 2^(shift-1) is added). TestLinearRowsMatchFormula checks the kernels
// against linOne.

// linFixS16For gives the weights for ka, kb and c when all three are whole multiples of 2^-shift
// for some shift in [1, 16], |wa|·32768 + |wb|·32768 + |wc| < 2^31 and
// wa, wb fit in an int16 (VPMADDWD's products); false otherwise.
func linFixS16For(ka, kb, c float64) (linFix16W, bool) {
	for s := 1; s <= 16; s++ {
		k := float64(int(1) << s)
		wa, wb, wc := ka*k, kb*k, c*k
		if wa != math.Trunc(wa) || wb != math.Trunc(wb) || wc != math.Trunc(wc) {
			continue // also NaN and ±Inf
		}
		if (math.Abs(wa)+math.Abs(wb))*32768+math.Abs(wc)+k < 1<<31 && max(math.Abs(wa), math.Abs(wb)) < 1<<15 {
			return linFix16W{int32(wa), int32(wb), int32(wc), uint8(s)}, true
		}
		break
	}
	return linFix16W{}, false
}

// linFixS16 is the Go kernel of the Int16 integer linear combination,
// the twin of simdLinFixS16.
func linFixS16(a, b int16, w linFix16W) int16 {
	s := w.wa*int32(a) + w.wb*int32(b) + w.wc
	return int16(min(max((s+s>>31+1<<(w.shift-1))>>(w.shift&31), -32768), 32767))
}

// linearFixS16 sets d = linFixS16(a, b, w) on Int16 rows, AVX-512
// vectors first under GOEXPERIMENT=simd.
func linearFixS16(d, a, b []int16, w linFix16W) {
	a, b = a[:len(d)], b[:len(d)]
	for i := simdLinFixS16(d, a, b, w); i < len(d); i++ {
		d[i] = linFixS16(a[i], b[i], w)
	}
}
