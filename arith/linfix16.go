package arith

import "math"

// The UInt16 linear combination in 32-bit integers, for weights that are
// multiples of 2^-shift (a blend by halves or quarters, a difference,
// a sum): ka·a + kb·b + c is then (wa·a + wb·b + wc') / 2^shift exactly,
// and so is the float64 formula, whose products and sums of such values
// are exact (every term is a multiple of 2^-(shift+1) below 2^32, well
// within float64's 53 bits). Its rounding half away from zero, clamped to
// [0, 65535], is floor(v + 1/2) clamped (a negative v clamps to 0 either
// way, and floor(v + 1/2) = 0 for v in (-1/2, 0)): an arithmetic shift of
// wa·a + wb·b + wc with wc = (c + 1/2)·2^shift, clamped. linFix16For
// picks the weights only when every such sum fits in an int32.
// TestLinFix16MatchesFormula checks it against linOne, the float64
// formula, and TestLinFix16SIMDMatchesGo the AVX2 kernel against it.

// linFix16W are the weights of the 16-bit kernels:
// clamp((wa·a + wb·b + wc) >> shift, 0, 65535), arithmetic shift.
type linFix16W struct {
	wa, wb, wc int32
	shift      uint8
}

// linFix16 is the Go kernel of the UInt16 integer linear combination, the
// twin of simdLinearFix16.
func linFix16(a, b uint16, w linFix16W) uint16 {
	v := (w.wa*int32(a) + w.wb*int32(b) + w.wc) >> (w.shift & 31)
	return uint16(min(max(v, 0), 65535))
}

// linFix16For gives the integer weights for ka, kb and c when all three
// (c + 1/2 for the rounding) are whole multiples of 2^-shift for some
// shift of at most 16, |wa|·65535 + |wb|·65535 + |wc| < 2^31 and wa, wb
// fit in an int16 (the AVX2 kernel's products); false otherwise (then
// the float64 formula runs).
func linFix16For(ka, kb, c float64) (linFix16W, bool) {
	c += 0.5
	for s := 0; s <= 16; s++ {
		k := float64(int(1) << s)
		wa, wb, wc := ka*k, kb*k, c*k
		if wa != math.Trunc(wa) || wb != math.Trunc(wb) || wc != math.Trunc(wc) {
			continue // also NaN and ±Inf
		}
		if (math.Abs(wa)+math.Abs(wb))*65535+math.Abs(wc) < 1<<31 && max(math.Abs(wa), math.Abs(wb)) < 1<<15 {
			return linFix16W{int32(wa), int32(wb), int32(wc), uint8(s)}, true
		}
		break
	}
	return linFix16W{}, false
}

// linearFix16 sets d = linFix16(a, b, w) on UInt16 rows: AVX2 vectors
// first under GOEXPERIMENT=simd, then this loop.
func linearFix16(d, a, b []uint16, w linFix16W) {
	a, b = a[:len(d)], b[:len(d)]
	for i := simdLinearFix16(d, a, b, w); i < len(d); i++ {
		d[i] = linFix16(a[i], b[i], w)
	}
}
