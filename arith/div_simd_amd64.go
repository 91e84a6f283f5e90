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
// byteOf takes byte j down by an arithmetic shift and a mask: Go 1.26
// has no immediate form for a logical shift (ShiftAllRight on unsigned
// lanes) and loads its count through a legacy-SSE (non-VEX) MOVQ at
// every use, which stalls inside an AVX2 loop while the upper halves of
// the vector registers hold values (simdDiv8 ran at about a third of its
// speed).

// byteOf is byte j (shift = 8j) of each 32-bit lane of x, in the lane's
// low byte.
func byteOf(x archsimd.Uint32x8, shift uint64, low archsimd.Uint32x8) archsimd.Uint32x8 {
	return x.AsInt32x8().ShiftAllRight(shift).AsUint32x8().And(low)
}

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
	// q is the rounded quotient of bytes xs / ys held in 32-bit lanes:
	// 0..255, or 0x80000000 (the conversion's answer to the Inf or NaN
	// of a zero divisor), which only byte 0's result keeps in place
	// (bit 31) and must clear; the others shift it out.
	q := func(xs, ys archsimd.Uint32x8) archsimd.Uint32x8 {
		fx, fy := xs.AsInt32x8().ConvertToFloat32(), ys.AsInt32x8().ConvertToFloat32()
		return fx.Div(fy).Add(half).ConvertToInt32().AsUint32x8()
	}
	for i := 0; i < n; i += 32 {
		xb := archsimd.LoadUint8x32Slice(b[i : i+32])
		x, y := archsimd.LoadUint8x32Slice(a[i:i+32]).AsUint32x8(), xb.AsUint32x8()
		r := q(x.And(low), y.And(low)).And(low)
		r = r.Or(q(byteOf(x, 8, low), byteOf(y, 8, low)).ShiftAllLeft(8))
		r = r.Or(q(byteOf(x, 16, low), byteOf(y, 16, low)).ShiftAllLeft(16))
		r = r.Or(q(byteOf(x, 24, low), byteOf(y, 24, low)).ShiftAllLeft(24))
		r.AsUint8x32().AndNot(xb.Equal(zero).ToInt8x32().AsUint8x32()).StoreSlice(d[i : i+32])
	}
	return n
}

// simdDiv16 sets d = a / b for UInt16 rows (rounded half away from zero,
// 0 where b is 0) on the first multiple of 16 pixels and returns how
// many it did (0 without AVX2). Exact, in float32 and then integers:
// for a, b < 2^16 the float32 quotient, correctly rounded, is within
// (a/b)·2^-24 < 1/b of a/b, and a non-integer a/b is at least 1/b below
// the next integer, so truncating it gives floor(a/b) = t exactly. The
// remainder r = a - t·b is then exact in 32-bit lanes, and the quotient
// rounds up when 2r >= b: t + 1, plus the mask of b > 2r (-1). Its Go twin is
// divide's 16-bit loop; TestDiv16SIMDMatchesIntegers checks it against
// the integer quotient.
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
	var zero archsimd.Uint16x16
	// rounded is the rounded quotient xs / ys of one half of each lane
	// (values 0..65535 in the int32 lanes): t + 1, less one where
	// b > 2r (the compare's mask is -1 there). A zero divisor gives
	// garbage, masked below.
	rounded := func(xs, ys archsimd.Int32x8) archsimd.Int32x8 {
		t := xs.ConvertToFloat32().Div(ys.ConvertToFloat32()).ConvertToInt32()
		r := xs.Sub(t.Mul(ys))
		return t.Add(one).Add(ys.Greater(r.Add(r)).ToInt32x8())
	}
	for i := 0; i < n; i += 16 {
		yb := archsimd.LoadUint16x16Slice(b[i : i+16])
		x, y := archsimd.LoadUint16x16Slice(a[i:i+16]).AsUint32x8(), yb.AsUint32x8()
		lo := rounded(x.AsInt32x8().And(low), y.AsInt32x8().And(low))
		hi := rounded(x.AsInt32x8().ShiftAllRight(16).And(low), y.AsInt32x8().ShiftAllRight(16).And(low)) // arithmetic: see byteOf
		q := lo.And(low).Or(hi.ShiftAllLeft(16))                                                          // the shift drops a zero divisor's garbage; the And keeps lo's out of hi
		q.AsUint16x16().AndNot(yb.Equal(zero).ToInt16x16().AsUint16x16()).StoreSlice(d[i : i+16])
	}
	return n
}
