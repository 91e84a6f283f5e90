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

// simdDiv16 sets d = a / b for UInt16 rows (rounded half away from zero,
// 0 where b is 0) on the first multiple of 16 pixels and returns how
// many it did (0 without AVX2). Exact, in float32 and then integers,
// without a division (VDIVPS was most of the kernel's time): the
// hardware reciprocal of b (relative error at most 1.5·2^-12 on every
// x86) refined by one Newton step, r·(2 - b·r), is within about 2^-21
// of 1/b, so q = a·r + 1/2 is within 0.05 of a/b + 1/2 and its
// truncation t is the rounded quotient R = floor((2a + b) / 2b) or one
// off. The integer error e = (2a + b) - 2b·t is exact in 32-bit lanes,
// and R is the t with 0 <= e < 2b: t is lowered by one when e < 0 and
// raised by one when e >= 2b. Whatever the machine's reciprocal, the
// result is the exact quotient; its Go twin is divide's 16-bit loop, and
// TestDiv16SIMDMatchesIntegers checks it against the quotient counted
// out (every pair under GIPS_EXHAUSTIVE=1).
//
// The 16 pixels of a vector are taken as 8 lanes of 2: the low and high
// halves of each lane are computed apart and put back in place.
func simdDiv16(d, a, b []uint16) int {
	n := len(d) &^ 15
	if !haveAVX2 || n == 0 {
		return 0
	}
	defer archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next: no AVX-SSE transition stalls
	a, b = a[:n], b[:n]
	low := archsimd.BroadcastInt32x8(0xFFFF)
	one := archsimd.BroadcastInt32x8(1)
	two, half := archsimd.BroadcastFloat32x8(2), archsimd.BroadcastFloat32x8(0.5)
	var zero archsimd.Uint16x16
	// rounded is the rounded quotient of one half of each lane, xs / ys
	// (0..65535 in int32 lanes). A zero divisor gives garbage, masked
	// below.
	rounded := func(xs, ys archsimd.Int32x8) archsimd.Int32x8 {
		fx, fy := xs.ConvertToFloat32(), ys.ConvertToFloat32()
		r := fy.Reciprocal()
		r = r.Mul(two.Sub(fy.Mul(r)))
		t := fx.Mul(r).Add(half).ConvertToInt32()
		y2 := ys.Add(ys)
		e := xs.Add(xs).Add(ys).Sub(t.Mul(y2))                                      // (2a + b) - 2b·t
		return t.Add(e.ShiftAllRight(31)).Sub(y2.Sub(one).Sub(e).ShiftAllRight(31)) // -1 if e < 0, +1 if e >= 2b
	}
	for i := 0; i < n; i += 16 {
		yb := archsimd.LoadUint16x16Slice(b[i : i+16])
		x, y := archsimd.LoadUint16x16Slice(a[i:i+16]).AsUint32x8(), yb.AsUint32x8()
		lo := rounded(x.AsInt32x8().And(low), y.AsInt32x8().And(low))
		hi := rounded(x.ShiftAllRight(16).AsInt32x8(), y.ShiftAllRight(16).AsInt32x8())
		q := lo.And(low).Or(hi.ShiftAllLeft(16))
		q.AsUint16x16().AndNot(yb.Equal(zero).ToInt16x16().AsUint16x16()).StoreSlice(d[i : i+16])
	}
	return n
}
