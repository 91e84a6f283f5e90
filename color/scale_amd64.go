//go:build goexperiment.simd && amd64

package color

import "simd/archsimd"

// Scaled uint8 inputs in vectors: float64(v)·k, skimage's img_as_float,
// the numbers of the scaling table (the same product), without a table
// look-up per value (three per pixel were most of rgbToHsv's and
// rgbToYCbCr's time in cache).

// u8x16 is sixteen bytes as four vectors of float64 times k. hiBytes is
// loaded at each use, as evenBytes is (see there).
func u8x16(p []uint8, k archsimd.Float64x4) (a, b, c, d archsimd.Float64x4) {
	v := archsimd.LoadUint8x16Slice(p)
	lo, hi := v.ExtendLo8ToUint32().AsInt32x8(), v.PermuteOrZero(archsimd.LoadInt8x16(&hiBytes)).ExtendLo8ToUint32().AsInt32x8()
	return lo.GetLo().ConvertToFloat64().Mul(k), lo.GetHi().ConvertToFloat64().Mul(k),
		hi.GetLo().ConvertToFloat64().Mul(k), hi.GetHi().ConvertToFloat64().Mul(k)
}

// hiBytes moves bytes 8-15 to 0-7.
var hiBytes = [16]int8{8, 9, 10, 11, 12, 13, 14, 15, -1, -1, -1, -1, -1, -1, -1, -1}

// scaleU8SIMD sets dst[i] = float64(src[i])·k sixteen values at a time,
// and returns the values done (a multiple of 16).
func scaleU8SIMD(dst []float64, src []uint8, k float64) int {
	n := len(dst) &^ 15
	if !haveAVX2 || useGo || n == 0 {
		return 0
	}
	defer archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next
	src = src[:len(dst)]
	vk := archsimd.BroadcastFloat64x4(k)
	for i := 0; i < n; i += 16 {
		a, b, c, d := u8x16(src[i:i+16], vk)
		a.StoreSlice(dst[i : i+4])
		b.StoreSlice(dst[i+4 : i+8])
		c.StoreSlice(dst[i+8 : i+12])
		d.StoreSlice(dst[i+12 : i+16])
	}
	return n
}

// greyU8F64SIMD is greyRowLut for uint8 in, float64 out, sixteen pixels
// at a time: each term (v·k)·w as the table holds it, summed in its
// order. It returns the pixels done (a multiple of 16; of 8 with
// AVX-512: greyU8F64AVX512).
func greyU8F64SIMD(o []float64, rr, gg, bb []uint8, k float64) int {
	n := len(o) &^ 15
	if !haveAVX2 || useGo || n == 0 {
		return 0
	}
	if haveAVX512 && !avx2Only {
		return greyU8F64AVX512(o, rr, gg, bb, k)
	}
	defer archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next
	rr, gg, bb = rr[:len(o)], gg[:len(o)], bb[:len(o)]
	vk := archsimd.BroadcastFloat64x4(k)
	w0, w1, w2 := archsimd.BroadcastFloat64x4(wr), archsimd.BroadcastFloat64x4(wg), archsimd.BroadcastFloat64x4(wb)
	for i := 0; i < n; i += 16 {
		r0, r1, r2, r3 := u8x16(rr[i:i+16], vk)
		g0, g1, g2, g3 := u8x16(gg[i:i+16], vk)
		b0, b1, b2, b3 := u8x16(bb[i:i+16], vk)
		r0.Mul(w0).Add(g0.Mul(w1)).Add(b0.Mul(w2)).StoreSlice(o[i : i+4])
		r1.Mul(w0).Add(g1.Mul(w1)).Add(b1.Mul(w2)).StoreSlice(o[i+4 : i+8])
		r2.Mul(w0).Add(g2.Mul(w1)).Add(b2.Mul(w2)).StoreSlice(o[i+8 : i+12])
		r3.Mul(w0).Add(g3.Mul(w1)).Add(b3.Mul(w2)).StoreSlice(o[i+12 : i+16])
	}
	return n
}
