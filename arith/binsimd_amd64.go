//go:build goexperiment.simd && amd64

package arith

import (
	"simd/archsimd"
	"unsafe"

	"github.com/gipsdev/gips"
)

// The SIMD bulk of the image-image ops on Int8, Int16, Int32, UInt32,
// Real32 and Real64 rows: 32-byte AVX2 vectors, and AVX-512 for the
// 32-bit multiply and divide, which go through float64 as their Go twins
// do (binary.go, muldiv.go; TestBinVecMatchesGo compares them bit for
// bit). Each kernel gives exactly its Go loop's result:
//   - float min and max do what the compiler's code for Go's min and max
//     does (m = x < y ? x : y, then m | (m < x ? m : x); max through
//     negations), so NaN payloads and ±0 come out alike: with compares
//     and blends, as VMINPS is commutative to the compiler, which may
//     swap its operands and so the NaN it returns;
//   - float absDiff negates a - b where it is < 0 (not -0, not NaN);
//   - integers saturate: with the hardware's saturating instructions for
//     8 and 16 bits, an overflow test for 32 bits, and 16-bit products
//     through their 32-bit values packed with saturation;
//   - Int16 divide is floor(|a| / |b|) in float32 (exact for operands
//     below 2^24, see simdDiv16) put right by the integer remainder, its
//     sign from a and b; 32-bit divide is the float64 quotient rounded as
//     floatQuotient rounds it.

var haveAVX512 = archsimd.X86.AVX512()

// binVec is the SIMD bulk of op for rows of T: a kernel that does the
// first whole vectors of d = op(a, b) (a and b as long as d) and returns
// the pixels done; nil when T and op have none here.
func binVec[T gips.Pixel](op binOp) func(d, a, b []T) int {
	if !haveAVX2 || binGoOnly {
		return nil
	}
	var k any
	switch any(*new(T)).(type) {
	case float32:
		k = vecF32(op)
	case float64:
		k = vecF64(op)
	case int8:
		k = vecI8(op)
	case int16:
		k = vecI16(op)
	case int32:
		k = vecI32(op)
	case uint32:
		k = vecU32(op)
	}
	f, _ := k.(func(d, a, b []T) int)
	if f == nil {
		return nil
	}
	return func(d, a, b []T) int {
		n := f(d, a, b)
		archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next: no AVX-SSE transition stalls
		return n
	}
}

// The loops run d = f(a, b) over the first n pixels (whole vectors; a
// and b as long as d) through pointers, as loop8x32 does. One per vector
// type: Go's generics take no vector type argument (the compiler cannot
// pass one in registers). Each is inlined with its literal f, so that
// each kernel is straight vector code.

func loopF32(n int, d, a, b []float32, f func(x, y archsimd.Float32x8) archsimd.Float32x8) int {
	dp, ap, bp := ptrs(n, d, a, b)
	for i := 0; i < 4*n; i += 32 {
		f(archsimd.LoadFloat32x8((*[8]float32)(unsafe.Add(ap, i))), archsimd.LoadFloat32x8((*[8]float32)(unsafe.Add(bp, i)))).Store((*[8]float32)(unsafe.Add(dp, i)))
	}
	return n
}

func loopF64(n int, d, a, b []float64, f func(x, y archsimd.Float64x4) archsimd.Float64x4) int {
	dp, ap, bp := ptrs(n, d, a, b)
	for i := 0; i < 8*n; i += 32 {
		f(archsimd.LoadFloat64x4((*[4]float64)(unsafe.Add(ap, i))), archsimd.LoadFloat64x4((*[4]float64)(unsafe.Add(bp, i)))).Store((*[4]float64)(unsafe.Add(dp, i)))
	}
	return n
}

func loopI8(n int, d, a, b []int8, f func(x, y archsimd.Int8x32) archsimd.Int8x32) int {
	dp, ap, bp := ptrs(n, d, a, b)
	for i := 0; i < n; i += 32 {
		f(archsimd.LoadInt8x32((*[32]int8)(unsafe.Add(ap, i))), archsimd.LoadInt8x32((*[32]int8)(unsafe.Add(bp, i)))).Store((*[32]int8)(unsafe.Add(dp, i)))
	}
	return n
}

func loopI16(n int, d, a, b []int16, f func(x, y archsimd.Int16x16) archsimd.Int16x16) int {
	dp, ap, bp := ptrs(n, d, a, b)
	for i := 0; i < 2*n; i += 32 {
		f(archsimd.LoadInt16x16((*[16]int16)(unsafe.Add(ap, i))), archsimd.LoadInt16x16((*[16]int16)(unsafe.Add(bp, i)))).Store((*[16]int16)(unsafe.Add(dp, i)))
	}
	return n
}

// loopI16w runs f on Int16 pixels widened to 32 bits, 8 at a time, and
// stores its results narrowed with saturation (AVX-512).
func loopI16w(n int, d, a, b []int16, f func(x, y archsimd.Int32x8) archsimd.Int32x8) int {
	dp, ap, bp := ptrs(n, d, a, b)
	for i := 0; i < 2*n; i += 16 {
		x := archsimd.LoadInt16x8((*[8]int16)(unsafe.Add(ap, i))).ExtendToInt32()
		y := archsimd.LoadInt16x8((*[8]int16)(unsafe.Add(bp, i))).ExtendToInt32()
		f(x, y).SaturateToInt16().Store((*[8]int16)(unsafe.Add(dp, i)))
	}
	return n
}

func loopI32(n int, d, a, b []int32, f func(x, y archsimd.Int32x8) archsimd.Int32x8) int {
	dp, ap, bp := ptrs(n, d, a, b)
	for i := 0; i < 4*n; i += 32 {
		f(archsimd.LoadInt32x8((*[8]int32)(unsafe.Add(ap, i))), archsimd.LoadInt32x8((*[8]int32)(unsafe.Add(bp, i)))).Store((*[8]int32)(unsafe.Add(dp, i)))
	}
	return n
}

func loopU32(n int, d, a, b []uint32, f func(x, y archsimd.Uint32x8) archsimd.Uint32x8) int {
	dp, ap, bp := ptrs(n, d, a, b)
	for i := 0; i < 4*n; i += 32 {
		f(archsimd.LoadUint32x8((*[8]uint32)(unsafe.Add(ap, i))), archsimd.LoadUint32x8((*[8]uint32)(unsafe.Add(bp, i)))).Store((*[8]uint32)(unsafe.Add(dp, i)))
	}
	return n
}

// ptrs are the rows' first pixels: n pixels are there in each (whole
// vectors of d, a and b at least as long); nil when n is 0, which the
// loops then do not touch.
func ptrs[E any](n int, d, a, b []E) (dp, ap, bp unsafe.Pointer) {
	if n == 0 {
		return nil, nil, nil
	}
	d, a, b = d[:n], a[:n], b[:n]
	return unsafe.Pointer(&d[0]), unsafe.Pointer(&a[0]), unsafe.Pointer(&b[0])
}

func vecF32(op binOp) func(d, a, b []float32) int {
	type v = archsimd.Float32x8
	run := func(f func(x, y v) v) func(d, a, b []float32) int {
		return func(d, a, b []float32) int { return loopF32(len(d)&^7, d, a, b, f) }
	}
	sign := archsimd.BroadcastUint32x8(1 << 31)
	neg := func(x v) v { return x.AsUint32x8().Xor(sign).AsFloat32x8() }
	goMin := func(x, y v) v { m := x.Merge(y, x.Less(y)); return m.Merge(x, m.Less(x)).AsUint32x8().Or(m.AsUint32x8()).AsFloat32x8() }
	var zero v
	switch op {
	case binAdd:
		return run(func(x, y v) v { return x.Add(y) })
	case binSub:
		return run(func(x, y v) v { return x.Sub(y) })
	case binMul:
		return run(func(x, y v) v { return x.Mul(y) })
	case binDiv:
		return run(func(x, y v) v { return x.Div(y) })
	case binMin:
		return run(goMin)
	case binMax: // Go's max(x, y) is -min(-x, -y)
		return run(func(x, y v) v { return neg(goMin(neg(x), neg(y))) })
	case binAbsDiff:
		return run(func(x, y v) v { s := x.Sub(y); return neg(s).Merge(s, s.Less(zero)) })
	}
	return nil
}

func vecF64(op binOp) func(d, a, b []float64) int {
	type v = archsimd.Float64x4
	run := func(f func(x, y v) v) func(d, a, b []float64) int {
		return func(d, a, b []float64) int { return loopF64(len(d)&^3, d, a, b, f) }
	}
	sign := archsimd.BroadcastUint64x4(1 << 63)
	neg := func(x v) v { return x.AsUint64x4().Xor(sign).AsFloat64x4() }
	goMin := func(x, y v) v { m := x.Merge(y, x.Less(y)); return m.Merge(x, m.Less(x)).AsUint64x4().Or(m.AsUint64x4()).AsFloat64x4() }
	var zero v
	switch op {
	case binAdd:
		return run(func(x, y v) v { return x.Add(y) })
	case binSub:
		return run(func(x, y v) v { return x.Sub(y) })
	case binMul:
		return run(func(x, y v) v { return x.Mul(y) })
	case binDiv:
		return run(func(x, y v) v { return x.Div(y) })
	case binMin:
		return run(goMin)
	case binMax:
		return run(func(x, y v) v { return neg(goMin(neg(x), neg(y))) })
	case binAbsDiff:
		return run(func(x, y v) v { s := x.Sub(y); return neg(s).Merge(s, s.Less(zero)) })
	}
	return nil
}

func vecI8(op binOp) func(d, a, b []int8) int {
	type v = archsimd.Int8x32
	run := func(f func(x, y v) v) func(d, a, b []int8) int {
		return func(d, a, b []int8) int { return loopI8(len(d)&^31, d, a, b, f) }
	}
	hi := archsimd.BroadcastUint8x32(127)
	lo16, hi16 := archsimd.BroadcastInt16x16(-128), archsimd.BroadcastInt16x16(127)
	low := archsimd.BroadcastInt16x16(0xff)
	switch op {
	case binAdd:
		return run(func(x, y v) v { return x.AddSaturated(y) })
	case binSub:
		return run(func(x, y v) v { return x.SubSaturated(y) })
	case binMin:
		return run(func(x, y v) v { return x.Min(y) })
	case binMax:
		return run(func(x, y v) v { return x.Max(y) })
	case binAbsDiff: // max - min is exact as an unsigned byte
		return run(func(x, y v) v { return x.Max(y).Sub(x.Min(y)).AsUint8x32().Min(hi).AsInt8x32() })
	case binMul: // even and odd bytes sign-extended in 16-bit lanes, exact products clamped
		return run(func(x, y v) v {
			x16, y16 := x.AsInt16x16(), y.AsInt16x16()
			even := x16.ShiftAllLeft(8).ShiftAllRight(8).Mul(y16.ShiftAllLeft(8).ShiftAllRight(8))
			odd := x16.ShiftAllRight(8).Mul(y16.ShiftAllRight(8))
			even, odd = even.Max(lo16).Min(hi16), odd.Max(lo16).Min(hi16)
			return even.And(low).Or(odd.ShiftAllLeft(8)).AsInt8x32()
		})
	}
	return nil
}

func vecI16(op binOp) func(d, a, b []int16) int {
	type v = archsimd.Int16x16
	run := func(f func(x, y v) v) func(d, a, b []int16) int {
		return func(d, a, b []int16) int { return loopI16(len(d)&^15, d, a, b, f) }
	}
	hi := archsimd.BroadcastUint16x16(0x7fff)
	switch op {
	case binAdd:
		return run(func(x, y v) v { return x.AddSaturated(y) })
	case binSub:
		return run(func(x, y v) v { return x.SubSaturated(y) })
	case binMin:
		return run(func(x, y v) v { return x.Min(y) })
	case binMax:
		return run(func(x, y v) v { return x.Max(y) })
	case binAbsDiff:
		return run(func(x, y v) v { return x.Max(y).Sub(x.Min(y)).AsUint16x16().Min(hi).AsInt16x16() })
	case binMul: // the 32-bit products from their halves, packed with saturation
		return run(func(x, y v) v {
			l, h := x.Mul(y), x.MulHigh(y)
			return l.InterleaveLoGrouped(h).AsInt32x8().SaturateToInt16ConcatGrouped(l.InterleaveHiGrouped(h).AsInt32x8())
		})
	case binDiv:
		if !haveAVX512 { // the saturating narrowing store
			return nil
		}
		type w = archsimd.Int32x8
		one := archsimd.BroadcastInt32x8(1)
		return func(d, a, b []int16) int {
			return loopI16w(len(d)&^7, d, a, b, func(x, y w) w {
				ax, ay := x.Abs(), y.Abs()
				t := ax.ConvertToFloat32().Div(ay.ConvertToFloat32()).ConvertToInt32()
				r := ax.Sub(t.Mul(ay))
				q := t.Sub(ay.LessEqual(r.Add(r)).ToInt32x8()) // t + 1 where 2r >= |b|
				return q.CopySign(y).CopySign(x.Or(one))       // 0 where b is 0
			})
		}
	}
	return nil
}

func vecI32(op binOp) func(d, a, b []int32) int {
	type v = archsimd.Int32x8
	run := func(f func(x, y v) v) func(d, a, b []int32) int {
		return func(d, a, b []int32) int { return loopI32(len(d)&^7, d, a, b, f) }
	}
	var zero v
	top := archsimd.BroadcastInt32x8(1<<31 - 1)
	hi := archsimd.BroadcastUint32x8(1<<31 - 1)
	// sat is the saturated value where s overflowed (the sign bit of
	// ovf): the type's limit on x's side.
	sat := func(s, x, ovf v) v { return x.ShiftAllRight(31).Xor(top).Merge(s, ovf.Less(zero)) }
	switch op {
	case binAdd:
		return run(func(x, y v) v { s := x.Add(y); return sat(s, x, s.Xor(x).And(s.Xor(y))) })
	case binSub:
		return run(func(x, y v) v { s := x.Sub(y); return sat(s, x, x.Xor(y).And(x.Xor(s))) })
	case binMin:
		return run(func(x, y v) v { return x.Min(y) })
	case binMax:
		return run(func(x, y v) v { return x.Max(y) })
	case binAbsDiff:
		return run(func(x, y v) v { return x.Max(y).Sub(x.Min(y)).AsUint32x8().Min(hi).AsInt32x8() })
	case binMul:
		if haveAVX512 {
			lo, hi := archsimd.BroadcastFloat64x8(-1<<31), archsimd.BroadcastFloat64x8(1<<31-1)
			return run(func(x, y v) v {
				return x.ConvertToFloat64().Mul(y.ConvertToFloat64()).Min(hi).Max(lo).ConvertToInt32()
			})
		}
	case binDiv:
		if haveAVX512 {
			q := quotient64(-1<<31, 1<<31-1)
			return run(func(x, y v) v {
				return q(x.ConvertToFloat64(), y.ConvertToFloat64()).ConvertToInt32().AndNot(y.Equal(zero).ToInt32x8())
			})
		}
	}
	return nil
}

func vecU32(op binOp) func(d, a, b []uint32) int {
	type v = archsimd.Uint32x8
	run := func(f func(x, y v) v) func(d, a, b []uint32) int {
		return func(d, a, b []uint32) int { return loopU32(len(d)&^7, d, a, b, f) }
	}
	var zero v
	switch op {
	case binAdd: // x + y where it fits, else all ones: min(x, ^y) + y
		return run(func(x, y v) v { return x.Min(y.Not()).Add(y) })
	case binSub:
		return run(func(x, y v) v { return x.Max(y).Sub(y) })
	case binMin:
		return run(func(x, y v) v { return x.Min(y) })
	case binMax:
		return run(func(x, y v) v { return x.Max(y) })
	case binAbsDiff:
		return run(func(x, y v) v { return x.Max(y).Sub(x.Min(y)) })
	case binMul:
		if haveAVX512 {
			hi := archsimd.BroadcastFloat64x8(1<<32 - 1)
			return run(func(x, y v) v { return x.ConvertToFloat64().Mul(y.ConvertToFloat64()).Min(hi).ConvertToUint32() })
		}
	case binDiv:
		if haveAVX512 {
			q := quotient64(0, 1<<32-1)
			return run(func(x, y v) v {
				return q(x.ConvertToFloat64(), y.ConvertToFloat64()).ConvertToUint32().AndNot(y.Equal(zero).ToInt32x8().AsUint32x8())
			})
		}
	}
	return nil
}

// quotient64 is floatQuotient's rounded x / y in float64 lanes, clamped
// to [lo, hi] first; garbage where y is 0 (the caller masks it).
func quotient64(lo, hi float64) func(x, y archsimd.Float64x8) archsimd.Float64x8 {
	flo, fhi := archsimd.BroadcastFloat64x8(lo), archsimd.BroadcastFloat64x8(hi)
	one, half, mhalf := archsimd.BroadcastFloat64x8(1), archsimd.BroadcastFloat64x8(0.5), archsimd.BroadcastFloat64x8(-0.5)
	return func(x, y archsimd.Float64x8) archsimd.Float64x8 {
		q := x.Div(y).Min(fhi).Max(flo)
		t := q.TruncScaled(0)
		f := q.Sub(t) // exact, as roundHalfAway's
		return t.Add(one.Masked(f.GreaterEqual(half))).Sub(one.Masked(f.LessEqual(mhalf)))
	}
}
