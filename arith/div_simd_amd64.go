//go:build goexperiment.simd && amd64

package arith

import "simd/archsimd"

// The AVX2 twin of the UInt8 divide table: the float32 quotient of two
// bytes, correctly rounded, is within 2^-16 of the true one, while a
// quotient of bytes is a half exactly or at least 1/510 from one; so
// truncating q + 0.5 (itself within 2^-16 of exact) rounds half away from
// zero exactly, as intQuotient does. TestDivSIMDMatchesTable proves it on
// every pair of bytes.
//
// The 32 bytes of a vector are taken as 8 lanes of 4: byte j of every
// lane is shifted down, converted, divided, and its quotient shifted back
// into place, so no byte crosses a lane and the results need no shuffle.

// simdDiv8 sets d = a / b (0 where b is 0) on the first multiple of 32
// bytes and returns how many it did (0 without AVX2).
func simdDiv8(d, a, b []uint8) int {
	n := len(d) &^ 31
	if !haveAVX2 || n == 0 {
		return 0
	}
	defer archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next: no AVX-SSE transition stalls
	a, b = a[:n], b[:n]
	low := archsimd.BroadcastUint32x8(0xFF)
	half := archsimd.BroadcastFloat32x8(0.5)
	var zero archsimd.Uint8x32
	// byteQ is the rounded quotient of byte j of each lane (0..255 in
	// the lane's low byte; the Inf or NaN of a zero divisor converts to
	// 0x80000000, whose low byte is 0, and is masked below anyway).
	byteQ := func(x, y archsimd.Uint32x8, j uint64) archsimd.Uint32x8 {
		fx := x.ShiftAllRight(8 * j).And(low).AsInt32x8().ConvertToFloat32()
		fy := y.ShiftAllRight(8 * j).And(low).AsInt32x8().ConvertToFloat32()
		return fx.Div(fy).Add(half).ConvertToInt32().AsUint32x8().And(low).ShiftAllLeft(8 * j)
	}
	for i := 0; i < n; i += 32 {
		xb := archsimd.LoadUint8x32Slice(b[i : i+32])
		x, y := archsimd.LoadUint8x32Slice(a[i:i+32]).AsUint32x8(), xb.AsUint32x8()
		q := byteQ(x, y, 0).Or(byteQ(x, y, 1)).Or(byteQ(x, y, 2)).Or(byteQ(x, y, 3))
		q.AsUint8x32().AndNot(xb.Equal(zero).ToInt8x32().AsUint8x32()).StoreSlice(d[i : i+32])
	}
	return n
}
