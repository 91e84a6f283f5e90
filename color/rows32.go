package color

import "math"

// The float32-in, float32-out rgbToGrey and rgbToYCbCr compute in float32,
// as skimage does for a float32 image (rgb @ coeffs, the coefficients
// rounded to float32), each channel a chain of fused multiply-adds:
// greyF32SIMD and ycbcrF32SIMD run these operations 8 (AVX2) or 16
// (AVX-512) pixels at a time, and greyRow32 and ycbcrRow32 are their Go
// twins (fma32 for the vector FMA), so every path gives the same float32s
// (TestF32SIMDIsGo). TestF32GreyYCbCrBound holds them to doc.go's bound
// against the float64 formulas.

// greyRow32 is rgbToGrey for float32 in and out: R·wr + (G·wg + B·wb)
// with two fused multiply-adds.
func greyRow32(o, r, g, b []float32) {
	n := len(o)
	r, g, b = r[:n], g[:n], b[:n]
	for x := range o {
		o[x] = fma32(r[x], wr, fma32(g[x], wg, b[x]*wb))
	}
}

// ycbcrRow32 is rgbToYCbCr for float32 in and out: each channel
// R·kR + (G·kG + (B·kB + kO)), three fused multiply-adds. It reads a
// pixel before it writes it: the outputs may be the inputs.
func ycbcrRow32(o0, o1, o2, r, g, b []float32) {
	n := len(o0)
	o1, o2, r, g, b = o1[:n], o2[:n], r[:n], g[:n], b[:n]
	for x := range o0 {
		R, G, B := r[x], g[x], b[x]
		o0[x] = fma32(R, yR, fma32(G, yG, fma32(B, yB, yO)))
		o1[x] = fma32(R, bR, fma32(G, bG, fma32(B, bB, bO)))
		o2[x] = fma32(R, rR, fma32(G, rG, fma32(B, rB, rO)))
	}
}

// fma32 is x·y + z rounded once to float32, the vector FMA's result.
// float32(math.FMA(x, y, z)) would round twice (to 53 bits, then to 24):
// wrong where the first rounding lands on a float32 midpoint. So the sum
// of the exact product (48 bits) and z is rounded to 53 bits by odd
// rounding instead (the float64 sum, moved one ulp toward the exact sum
// where that was inexact and the last bit is even), which the second
// rounding to 24 bits leaves correct (Boldo and Melquiond, 2008).
func fma32(x, y, z float32) float32 {
	p, c := float64(x)*float64(y), float64(z) // p exact
	s := p + c
	// TwoSum: the addition's error, exact (no overflow from float32s).
	bv := s - p
	e := (p - (s - bv)) + (c - bv)
	if bits := math.Float64bits(s); e != 0 && bits&1 == 0 && s-s == 0 {
		// e != 0 implies s != 0 (p and c are multiples of 2^-298).
		if (e > 0) == (s > 0) {
			bits++
		} else {
			bits--
		}
		s = math.Float64frombits(bits)
	}
	return float32(s)
}
