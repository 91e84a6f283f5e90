//go:build goexperiment.simd && amd64

package arith

import "simd/archsimd"

// The AVX2 UInt8 linear combination in float32: trunc(clamp((ka*a + kb*b) +
// c5, 0, 255)) with the weights in float32 and c5 = c + 0.5 (rounding half
// up of non-negative values), no fused multiply-add. It is not the float64
// formula in general, so linear uses it only after checking
// it against the formula's table on all 65536 pairs of bytes (linF32Exact):
// every image result is then the formula's, bit for bit. Its Go twin is
// linOne32 (TestLinearF32SIMDMatchesGo).
//
// As in simdDiv8, the 32 bytes of a vector are 8 lanes of 4: byte j of
// every lane is shifted down, computed, and shifted back into place.

// simdLinear8 sets d = linOne32(a, b, ka, kb, c5) on the first multiple
// of 32 bytes and returns how many it did (0 without AVX2).
func simdLinear8(d, a, b []uint8, ka, kb, c5 float32) int {
	n := len(d) &^ 31
	if !haveAVX2 || n == 0 {
		return 0
	}
	defer archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next: no AVX-SSE transition stalls
	a, b = a[:n], b[:n]
	low := archsimd.BroadcastUint32x8(0xFF)
	vka, vkb, vc := archsimd.BroadcastFloat32x8(ka), archsimd.BroadcastFloat32x8(kb), archsimd.BroadcastFloat32x8(c5)
	var zero archsimd.Float32x8 // not BroadcastFloat32x8(0): a legacy-SSE XORPS
	top := archsimd.BroadcastFloat32x8(255)
	// byteV is the result for bytes xs, ys (0..255 in 32-bit lanes),
	// 0..255. The bytes come down by byteOf with constant counts (an
	// arithmetic shift and a mask, see div_simd_amd64.go): a count
	// computed in a closure became a register operand, twice the cost.
	byteV := func(xs, ys archsimd.Uint32x8) archsimd.Uint32x8 {
		fx, fy := xs.AsInt32x8().ConvertToFloat32(), ys.AsInt32x8().ConvertToFloat32()
		return vka.Mul(fx).Add(vkb.Mul(fy)).Add(vc).Max(zero).Min(top).ConvertToInt32().AsUint32x8()
	}
	for i := 0; i < n; i += 32 {
		x := archsimd.LoadUint8x32Slice(a[i : i+32]).AsUint32x8()
		y := archsimd.LoadUint8x32Slice(b[i : i+32]).AsUint32x8()
		r := byteV(x.And(low), y.And(low))
		r = r.Or(byteV(byteOf(x, 8, low), byteOf(y, 8, low)).ShiftAllLeft(8))
		r = r.Or(byteV(byteOf(x, 16, low), byteOf(y, 16, low)).ShiftAllLeft(16))
		r = r.Or(byteV(byteOf(x, 24, low), byteOf(y, 24, low)).ShiftAllLeft(24))
		r.AsUint8x32().StoreSlice(d[i : i+32])
	}
	return n
}

// simdAffine8 sets d = trunc(clamp(a*k + c5, 0, 255)) in float32 (c5 holds
// the + 0.5 of rounding) on the first multiple of 32 bytes and returns how
// many it did (0 without AVX2). Like simdLinear8 it is used only where
// it gives a byte formula's table on all 256 values (affine8); its Go
// twin is affineOne32.
func simdAffine8(d, a []uint8, k, c5 float32) int {
	n := len(d) &^ 31
	if !haveAVX2 || n == 0 {
		return 0
	}
	defer archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next: no AVX-SSE transition stalls
	a = a[:n]
	low := archsimd.BroadcastUint32x8(0xFF)
	vk, vc := archsimd.BroadcastFloat32x8(k), archsimd.BroadcastFloat32x8(c5)
	var zero archsimd.Float32x8 // not BroadcastFloat32x8(0): a legacy-SSE XORPS
	top := archsimd.BroadcastFloat32x8(255)
	byteV := func(xs archsimd.Uint32x8) archsimd.Uint32x8 { // constant shifts, as in simdLinear8
		return xs.AsInt32x8().ConvertToFloat32().Mul(vk).Add(vc).Max(zero).Min(top).ConvertToInt32().AsUint32x8()
	}
	for i := 0; i < n; i += 32 {
		x := archsimd.LoadUint8x32Slice(a[i : i+32]).AsUint32x8()
		r := byteV(x.And(low)).Or(byteV(byteOf(x, 8, low)).ShiftAllLeft(8))
		r = r.Or(byteV(byteOf(x, 16, low)).ShiftAllLeft(16)).Or(byteV(byteOf(x, 24, low)).ShiftAllLeft(24))
		r.AsUint8x32().StoreSlice(d[i : i+32])
	}
	return n
}

// simdLinear16 sets d = linOne(a, b, ka, kb, c, 0, 65535) for UInt16 rows
// on the first multiple of 16 pixels and returns how many it did (0
// without AVX2). It is the float64 formula itself, four pixels a vector:
// the products and sums rounded one by one in the same order (no fused
// multiply-add), NaN as 0, clamped, then rounded half away from zero as
// roundHalfAway does (truncate, and one step up at a fraction of 1/2), so
// every result is linOne's bit for bit (TestLinear16SIMDMatchesGo).
func simdLinear16(d, a, b []uint16, ka, kb, c float64) int {
	n := len(d) &^ 15
	if !haveAVX2 || n == 0 {
		return 0
	}
	defer archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next: no AVX-SSE transition stalls
	a, b = a[:n], b[:n]
	vka, vkb, vc := archsimd.BroadcastFloat64x4(ka), archsimd.BroadcastFloat64x4(kb), archsimd.BroadcastFloat64x4(c)
	var lo archsimd.Float64x4 // not BroadcastFloat64x4(0): a legacy-SSE XORPS
	hi := archsimd.BroadcastFloat64x4(65535)
	half, one := archsimd.BroadcastFloat64x4(0.5), archsimd.BroadcastFloat64x4(1)
	// four is the results of four pixels, as int32.
	four := func(x, y archsimd.Uint32x4) archsimd.Int32x4 {
		v := vka.Mul(x.AsInt32x4().ConvertToFloat64()).Add(vkb.Mul(y.AsInt32x4().ConvertToFloat64())).Add(vc)
		v = v.Masked(v.Equal(v)).Max(lo).Min(hi) // NaN is 0; no NaN reaches Max and Min
		t := v.Trunc()
		return t.Add(one.Masked(v.Sub(t).GreaterEqual(half))).ConvertToInt32()
	}
	// eight is the results of eight pixels, as uint16.
	eight := func(x, y archsimd.Uint16x8) archsimd.Uint16x8 {
		x32, y32 := x.ExtendToUint32(), y.ExtendToUint32()
		return four(x32.GetLo(), y32.GetLo()).SaturateToUint16Concat(four(x32.GetHi(), y32.GetHi()))
	}
	for i := 0; i < n; i += 16 {
		x, y := archsimd.LoadUint16x16Slice(a[i:i+16]), archsimd.LoadUint16x16Slice(b[i:i+16])
		eight(x.GetLo(), y.GetLo()).StoreSlice(d[i : i+8])
		eight(x.GetHi(), y.GetHi()).StoreSlice(d[i+8 : i+16])
	}
	return n
}

// simdLinearFix8 sets d = linFix(a, b, w) on the first multiple of 32
// bytes and returns how many it did (0 without AVX2): the UInt8 linear
// combination in 16-bit integer lanes, (wa·a + wb·b + c) >> shift capped
// at 255, for non-negative weights whose sum cannot pass 2^16 (linFixFor
// makes them). Even and odd bytes are computed apart, each pixel in a
// 16-bit lane: about a third of the float32 kernel's work. Like it, it is
// used only where it gives the formula's table on all 65536 pairs of
// bytes (linFixExact); its Go twin is linFix.
func simdLinearFix8(d, a, b []uint8, w linFixW) int {
	n := len(d) &^ 31
	if !haveAVX2 || n == 0 {
		return 0
	}
	defer archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next: no AVX-SSE transition stalls
	a, b = a[:n], b[:n]
	low := archsimd.BroadcastUint16x16(0x00FF)
	va, vb, vc := archsimd.BroadcastUint16x16(w.wa), archsimd.BroadcastUint16x16(w.wb), archsimd.BroadcastUint16x16(w.c)
	// The sums (below 2^16) shift right by s as the high half of their
	// product with 2^(16-s) (VPMULHUW): a logical shift by a count in a
	// register puts a legacy-SSE MOVD of the count in the loop, which
	// stalls there. A shift of 0 has no such factor and needs no shift.
	shifted := w.shift > 0
	m := archsimd.BroadcastUint16x16(uint16(1 << (16 - w.shift) & 0xFFFF))
	fix := func(v archsimd.Uint16x16) archsimd.Uint16x16 {
		if shifted {
			v = v.MulHigh(m)
		}
		return v.Min(low)
	}
	for i := 0; i < n; i += 32 {
		x := archsimd.LoadUint8x32Slice(a[i : i+32]).AsUint16x16()
		y := archsimd.LoadUint8x32Slice(b[i : i+32]).AsUint16x16()
		even := fix(x.And(low).Mul(va).Add(y.And(low).Mul(vb)).Add(vc))
		odd := fix(highByte(x, low).Mul(va).Add(highByte(y, low).Mul(vb)).Add(vc))
		even.Or(odd.ShiftAllLeft(8)).AsUint8x32().StoreSlice(d[i : i+32])
	}
	return n
}

// simdLinearFix16 sets d = linFix16(a, b, w) on the first multiple of 16
// UInt16 pixels and returns how many it did (0 without AVX2). The 16
// pixels of a vector are 8 lanes of 2, as in simdDiv16, the even and odd
// pixels computed apart in int32 lanes by VPMADDWD (DotProductPairs,
// signed 16-bit products summed in pairs): the pixels are biased to
// signed (a ^ 0x8000 = a - 32768) and the weight vector holds wa in one
// half of each pair and 0 in the other, so a pair's sum is wa·(a - 32768)
// for the pixel of that half; the bias comes back in the constant,
// wc + 32768·(wa + wb). The sum is taken mod 2^32 and the result fits
// (linFix16For), so it is exact.
func simdLinearFix16(d, a, b []uint16, w linFix16W) int {
	n := len(d) &^ 15
	if !haveAVX2 || n == 0 {
		return 0
	}
	defer archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next: no AVX-SSE transition stalls
	a, b = a[:n], b[:n]
	low := archsimd.BroadcastInt32x8(0xFFFF)
	zero := archsimd.BroadcastInt32x8(0)
	bias := archsimd.BroadcastUint16x16(0x8000)
	ua, ub := uint32(uint16(int16(w.wa))), uint32(uint16(int16(w.wb)))
	vaE, vbE := archsimd.BroadcastUint32x8(ua).AsInt16x16(), archsimd.BroadcastUint32x8(ub).AsInt16x16()
	vaO, vbO := archsimd.BroadcastUint32x8(ua<<16).AsInt16x16(), archsimd.BroadcastUint32x8(ub<<16).AsInt16x16()
	vc := archsimd.BroadcastInt32x8(int32(int64(w.wc) + 32768*(int64(w.wa)+int64(w.wb))))
	s := archsimd.BroadcastInt32x8(int32(w.shift)) // a shift by a vector: ShiftAllRight(count) puts a legacy-SSE MOVD in the loop
	for i := 0; i < n; i += 16 {
		x := archsimd.LoadUint16x16Slice(a[i : i+16]).Xor(bias).AsInt16x16()
		y := archsimd.LoadUint16x16Slice(b[i : i+16]).Xor(bias).AsInt16x16()
		even := x.DotProductPairs(vaE).Add(y.DotProductPairs(vbE)).Add(vc).ShiftRight(s).Max(zero).Min(low)
		odd := x.DotProductPairs(vaO).Add(y.DotProductPairs(vbO)).Add(vc).ShiftRight(s).Max(zero).Min(low)
		even.Or(odd.ShiftAllLeft(16)).AsUint16x16().StoreSlice(d[i : i+16])
	}
	return n
}
