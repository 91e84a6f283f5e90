//go:build goexperiment.simd && amd64

package arith

import "simd/archsimd"

// The AVX2 twins of the saturating UInt8 and UInt16 multiply: exact
// products in 16-bit lanes (UInt8: even and odd bytes apart, each product
// at most 255² < 2^16; UInt16: the low and high halves of the 32-bit
// product, the high half saying whether it saturates). The Go loop of
// multiply is the twin (TestMulSIMDMatchesGo).

// simdMul8 sets d = min(a*b, 255) on the first multiple of 32 bytes and
// returns how many it did (0 without AVX2).
func simdMul8(d, a, b []uint8) int {
	if !haveAVX2 {
		return 0
	}
	defer archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next: no AVX-SSE transition stalls
	n := len(d) &^ 31
	a, b = a[:n], b[:n]
	lowByte := archsimd.BroadcastUint16x16(0x00ff)
	for i := 0; i < n; i += 32 {
		x := archsimd.LoadUint8x32Slice(a[i : i+32]).AsUint16x16()
		y := archsimd.LoadUint8x32Slice(b[i : i+32]).AsUint16x16()
		even := x.And(lowByte).Mul(y.And(lowByte)).Min(lowByte)
		odd := highByte(x, lowByte).Mul(highByte(y, lowByte)).Min(lowByte)
		even.Or(odd.ShiftAllLeft(8)).AsUint8x32().StoreSlice(d[i : i+32])
	}
	return n
}

// highByte is the high byte of each 16-bit lane of x: an arithmetic
// shift and a mask, as byteOf does (a logical shift puts a legacy-SSE
// MOVQ of its count in the loop).
func highByte(x, lowByte archsimd.Uint16x16) archsimd.Uint16x16 {
	return x.AsInt16x16().ShiftAllRight(8).AsUint16x16().And(lowByte)
}

// simdMul16 sets d = min(a*b, 65535) on the first multiple of 16 pixels.
func simdMul16(d, a, b []uint16) int {
	if !haveAVX2 {
		return 0
	}
	defer archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next: no AVX-SSE transition stalls
	n := len(d) &^ 15
	a, b = a[:n], b[:n]
	var zero archsimd.Uint16x16
	one := archsimd.BroadcastUint16x16(1)
	for i := 0; i < n; i += 16 {
		x := archsimd.LoadUint16x16Slice(a[i : i+16])
		y := archsimd.LoadUint16x16Slice(b[i : i+16])
		// A non-zero high half saturates: 0 - min(high, 1) is all ones.
		x.Mul(y).Or(zero.Sub(x.MulHigh(y).Min(one))).StoreSlice(d[i : i+16])
	}
	return n
}
