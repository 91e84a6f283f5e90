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
	zero, top := archsimd.BroadcastFloat32x8(0), archsimd.BroadcastFloat32x8(255)
	byteV := func(x, y archsimd.Uint32x8, j uint64) archsimd.Uint32x8 {
		fx := x.ShiftAllRight(8 * j).And(low).AsInt32x8().ConvertToFloat32()
		fy := y.ShiftAllRight(8 * j).And(low).AsInt32x8().ConvertToFloat32()
		v := vka.Mul(fx).Add(vkb.Mul(fy)).Add(vc).Max(zero).Min(top)
		return v.ConvertToInt32().AsUint32x8().ShiftAllLeft(8 * j)
	}
	for i := 0; i < n; i += 32 {
		x := archsimd.LoadUint8x32Slice(a[i : i+32]).AsUint32x8()
		y := archsimd.LoadUint8x32Slice(b[i : i+32]).AsUint32x8()
		r := byteV(x, y, 0).Or(byteV(x, y, 1)).Or(byteV(x, y, 2)).Or(byteV(x, y, 3))
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
	zero, top := archsimd.BroadcastFloat32x8(0), archsimd.BroadcastFloat32x8(255)
	byteV := func(x archsimd.Uint32x8, j uint64) archsimd.Uint32x8 {
		fx := x.ShiftAllRight(8 * j).And(low).AsInt32x8().ConvertToFloat32()
		return fx.Mul(vk).Add(vc).Max(zero).Min(top).ConvertToInt32().AsUint32x8().ShiftAllLeft(8 * j)
	}
	for i := 0; i < n; i += 32 {
		x := archsimd.LoadUint8x32Slice(a[i : i+32]).AsUint32x8()
		byteV(x, 0).Or(byteV(x, 1)).Or(byteV(x, 2)).Or(byteV(x, 3)).AsUint8x32().StoreSlice(d[i : i+32])
	}
	return n
}
