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
//   - float absDiff clears the sign bit of a - b (-0 and NaN included);
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
	k := kernel32[T](op)
	if !binNarrow {
		if w := vecWide(*new(T), op); w != nil {
			k = w // AVX-512 where it pays (binwide_amd64.go)
		}
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

// kernel32 is the 32-byte kernel of op for T, or nil.
func kernel32[T gips.Pixel](op binOp) any {
	switch any(*new(T)).(type) {
	case float32:
		return vecF32(op)
	case float64:
		return vecF64(op)
	case int8:
		return vecI8(op)
	case int16:
		return vecI16(op)
	case int32:
		return vecI32(op)
	case uint32:
		return vecU32(op)
	}
	return nil
}

// The loops run d = f(a, b) over the bulk r (whole vectors; a and b as
// long as d; backwards when r.n < 0, see rowsOf) through pointers, and
// return the pixels done. One per vector
// type: Go's generics take no vector type argument (the compiler cannot
// pass one in registers). Each is inlined with its literal f, so that
// each kernel is straight vector code.

func loopF32(r bulk, f func(x, y archsimd.Float32x8) archsimd.Float32x8) int {
	m := r.n >> 63 // -1 when backwards
	for i, s := 0, 32^m-m; i != r.n; i += s {
		f(archsimd.LoadFloat32x8((*[8]float32)(unsafe.Add(r.a, i))), archsimd.LoadFloat32x8((*[8]float32)(unsafe.Add(r.b, i)))).Store((*[8]float32)(unsafe.Add(r.d, i)))
	}
	return (r.n ^ m - m) / 4
}

func loopF64(r bulk, f func(x, y archsimd.Float64x4) archsimd.Float64x4) int {
	m := r.n >> 63 // -1 when backwards
	for i, s := 0, 32^m-m; i != r.n; i += s {
		f(archsimd.LoadFloat64x4((*[4]float64)(unsafe.Add(r.a, i))), archsimd.LoadFloat64x4((*[4]float64)(unsafe.Add(r.b, i)))).Store((*[4]float64)(unsafe.Add(r.d, i)))
	}
	return (r.n ^ m - m) / 8
}

func loopI8(r bulk, f func(x, y archsimd.Int8x32) archsimd.Int8x32) int {
	m := r.n >> 63 // -1 when backwards
	for i, s := 0, 32^m-m; i != r.n; i += s {
		f(archsimd.LoadInt8x32((*[32]int8)(unsafe.Add(r.a, i))), archsimd.LoadInt8x32((*[32]int8)(unsafe.Add(r.b, i)))).Store((*[32]int8)(unsafe.Add(r.d, i)))
	}
	return r.n ^ m - m
}

func loopI16(r bulk, f func(x, y archsimd.Int16x16) archsimd.Int16x16) int {
	m := r.n >> 63 // -1 when backwards
	for i, s := 0, 32^m-m; i != r.n; i += s {
		f(archsimd.LoadInt16x16((*[16]int16)(unsafe.Add(r.a, i))), archsimd.LoadInt16x16((*[16]int16)(unsafe.Add(r.b, i)))).Store((*[16]int16)(unsafe.Add(r.d, i)))
	}
	return (r.n ^ m - m) / 2
}

// loopI8w and loopI16w run f on 16 pixels widened to 32 bits, and store
// its results narrowed with saturation (AVX-512); forwards only
// (forwardOf).
func loopI8w(r bulk, f func(x, y archsimd.Int32x16) archsimd.Int32x16) int {
	for i := 0; i < r.n; i += 16 {
		x := archsimd.LoadInt8x16((*[16]int8)(unsafe.Add(r.a, i))).ExtendToInt32()
		y := archsimd.LoadInt8x16((*[16]int8)(unsafe.Add(r.b, i))).ExtendToInt32()
		f(x, y).SaturateToInt8().Store((*[16]int8)(unsafe.Add(r.d, i)))
	}
	return r.n
}

func loopI16w(r bulk, f func(x, y archsimd.Int32x16) archsimd.Int32x16) int {
	for i := 0; i < r.n; i += 32 {
		x := archsimd.LoadInt16x16((*[16]int16)(unsafe.Add(r.a, i))).ExtendToInt32()
		y := archsimd.LoadInt16x16((*[16]int16)(unsafe.Add(r.b, i))).ExtendToInt32()
		f(x, y).SaturateToInt16().Store((*[16]int16)(unsafe.Add(r.d, i)))
	}
	return r.n / 2
}

func loopI32(r bulk, f func(x, y archsimd.Int32x8) archsimd.Int32x8) int {
	m := r.n >> 63 // -1 when backwards
	for i, s := 0, 32^m-m; i != r.n; i += s {
		f(archsimd.LoadInt32x8((*[8]int32)(unsafe.Add(r.a, i))), archsimd.LoadInt32x8((*[8]int32)(unsafe.Add(r.b, i)))).Store((*[8]int32)(unsafe.Add(r.d, i)))
	}
	return (r.n ^ m - m) / 4
}

func loopU32(r bulk, f func(x, y archsimd.Uint32x8) archsimd.Uint32x8) int {
	m := r.n >> 63 // -1 when backwards
	for i, s := 0, 32^m-m; i != r.n; i += s {
		f(archsimd.LoadUint32x8((*[8]uint32)(unsafe.Add(r.a, i))), archsimd.LoadUint32x8((*[8]uint32)(unsafe.Add(r.b, i)))).Store((*[8]uint32)(unsafe.Add(r.d, i)))
	}
	return (r.n ^ m - m) / 4
}

func vecF32(op binOp) func(d, a, b []float32) int {
	type v = archsimd.Float32x8
	sign := archsimd.BroadcastUint32x8(1 << 31)
	switch op {
	case binAdd:
		return func(d, a, b []float32) int { return loopF32(rowsOf(d, a, b, 8), func(x, y v) v { return x.Add(y) }) }
	case binSub:
		return func(d, a, b []float32) int { return loopF32(rowsOf(d, a, b, 8), func(x, y v) v { return x.Sub(y) }) }
	case binMul:
		return func(d, a, b []float32) int { return loopF32(rowsOf(d, a, b, 8), func(x, y v) v { return x.Mul(y) }) }
	case binDiv:
		return func(d, a, b []float32) int { return loopF32(rowsOf(d, a, b, 8), func(x, y v) v { return x.Div(y) }) }
	case binMin:
		return func(d, a, b []float32) int { return loopF32(rowsOf(d, a, b, 8), minF32) }
	case binMax: // Go's max(x, y) is -min(-x, -y)
		return func(d, a, b []float32) int {
			return loopF32(rowsOf(d, a, b, 8), func(x, y v) v { return maxF32(x, y, sign) })
		}
	case binAbsDiff:
		return func(d, a, b []float32) int {
			return loopF32(rowsOf(d, a, b, 8), func(x, y v) v { return x.Sub(y).AsUint32x8().AndNot(sign).AsFloat32x8() })
		}
	}
	return nil
}

func vecF64(op binOp) func(d, a, b []float64) int {
	type v = archsimd.Float64x4
	sign := archsimd.BroadcastUint64x4(1 << 63)
	switch op {
	case binAdd:
		return func(d, a, b []float64) int { return loopF64(rowsOf(d, a, b, 4), func(x, y v) v { return x.Add(y) }) }
	case binSub:
		return func(d, a, b []float64) int { return loopF64(rowsOf(d, a, b, 4), func(x, y v) v { return x.Sub(y) }) }
	case binMul:
		return func(d, a, b []float64) int { return loopF64(rowsOf(d, a, b, 4), func(x, y v) v { return x.Mul(y) }) }
	case binDiv:
		return func(d, a, b []float64) int { return loopF64(rowsOf(d, a, b, 4), func(x, y v) v { return x.Div(y) }) }
	case binMin:
		return func(d, a, b []float64) int { return loopF64(rowsOf(d, a, b, 4), minF64) }
	case binMax:
		return func(d, a, b []float64) int {
			return loopF64(rowsOf(d, a, b, 4), func(x, y v) v { return maxF64(x, y, sign) })
		}
	case binAbsDiff:
		return func(d, a, b []float64) int {
			return loopF64(rowsOf(d, a, b, 4), func(x, y v) v { return x.Sub(y).AsUint64x4().AndNot(sign).AsFloat64x4() })
		}
	}
	return nil
}

func vecI8(op binOp) func(d, a, b []int8) int {
	type v = archsimd.Int8x32
	hi := archsimd.BroadcastUint8x32(127)
	lo16, hi16 := archsimd.BroadcastInt16x16(-128), archsimd.BroadcastInt16x16(127)
	low := archsimd.BroadcastInt16x16(0xff)
	switch op {
	case binAdd:
		return func(d, a, b []int8) int {
			return loopI8(rowsOf(d, a, b, 32), func(x, y v) v { return x.AddSaturated(y) })
		}
	case binSub:
		return func(d, a, b []int8) int {
			return loopI8(rowsOf(d, a, b, 32), func(x, y v) v { return x.SubSaturated(y) })
		}
	case binMin:
		return func(d, a, b []int8) int { return loopI8(rowsOf(d, a, b, 32), func(x, y v) v { return x.Min(y) }) }
	case binMax:
		return func(d, a, b []int8) int { return loopI8(rowsOf(d, a, b, 32), func(x, y v) v { return x.Max(y) }) }
	case binAbsDiff: // max - min is exact as an unsigned byte
		return func(d, a, b []int8) int {
			return loopI8(rowsOf(d, a, b, 32), func(x, y v) v { return x.Max(y).Sub(x.Min(y)).AsUint8x32().Min(hi).AsInt8x32() })
		}
	case binMul: // even and odd bytes sign-extended in 16-bit lanes, exact products clamped
		return func(d, a, b []int8) int {
			return loopI8(rowsOf(d, a, b, 32), func(x, y v) v {
				x16, y16 := x.AsInt16x16(), y.AsInt16x16()
				even := x16.ShiftAllLeft(8).ShiftAllRight(8).Mul(y16.ShiftAllLeft(8).ShiftAllRight(8))
				odd := x16.ShiftAllRight(8).Mul(y16.ShiftAllRight(8))
				even, odd = even.Max(lo16).Min(hi16), odd.Max(lo16).Min(hi16)
				return even.And(low).Or(odd.ShiftAllLeft(8)).AsInt8x32()
			})
		}
	case binDiv:
		if haveAVX512 {
			one := archsimd.BroadcastInt32x16(1)
			return func(d, a, b []int8) int {
				return loopI8w(forwardOf(d, a, b, 16), func(x, y archsimd.Int32x16) archsimd.Int32x16 { return quotSmall(x, y, one) })
			}
		}
	}
	return nil
}

func vecI16(op binOp) func(d, a, b []int16) int {
	type v = archsimd.Int16x16
	hi := archsimd.BroadcastUint16x16(0x7fff)
	switch op {
	case binAdd:
		return func(d, a, b []int16) int {
			return loopI16(rowsOf(d, a, b, 16), func(x, y v) v { return x.AddSaturated(y) })
		}
	case binSub:
		return func(d, a, b []int16) int {
			return loopI16(rowsOf(d, a, b, 16), func(x, y v) v { return x.SubSaturated(y) })
		}
	case binMin:
		return func(d, a, b []int16) int { return loopI16(rowsOf(d, a, b, 16), func(x, y v) v { return x.Min(y) }) }
	case binMax:
		return func(d, a, b []int16) int { return loopI16(rowsOf(d, a, b, 16), func(x, y v) v { return x.Max(y) }) }
	case binAbsDiff:
		return func(d, a, b []int16) int {
			return loopI16(rowsOf(d, a, b, 16), func(x, y v) v { return x.Max(y).Sub(x.Min(y)).AsUint16x16().Min(hi).AsInt16x16() })
		}
	case binMul: // the 32-bit products from their halves, packed with saturation
		return func(d, a, b []int16) int {
			return loopI16(rowsOf(d, a, b, 16), func(x, y v) v {
				l, h := x.Mul(y), x.MulHigh(y)
				return l.InterleaveLoGrouped(h).AsInt32x8().SaturateToInt16ConcatGrouped(l.InterleaveHiGrouped(h).AsInt32x8())
			})
		}
	case binDiv:
		if haveAVX512 {
			one := archsimd.BroadcastInt32x16(1)
			return func(d, a, b []int16) int {
				return loopI16w(forwardOf(d, a, b, 16), func(x, y archsimd.Int32x16) archsimd.Int32x16 { return quotSmall(x, y, one) })
			}
		}
	}
	return nil
}

func vecI32(op binOp) func(d, a, b []int32) int {
	type v = archsimd.Int32x8
	var zero v
	top := archsimd.BroadcastInt32x8(1<<31 - 1)
	hi := archsimd.BroadcastUint32x8(1<<31 - 1)
	switch op {
	case binAdd:
		return func(d, a, b []int32) int {
			return loopI32(rowsOf(d, a, b, 8), func(x, y v) v { s := x.Add(y); return satI32(s, x, s.Xor(x).And(s.Xor(y)), top) })
		}
	case binSub:
		return func(d, a, b []int32) int {
			return loopI32(rowsOf(d, a, b, 8), func(x, y v) v { s := x.Sub(y); return satI32(s, x, x.Xor(y).And(x.Xor(s)), top) })
		}
	case binMin:
		return func(d, a, b []int32) int { return loopI32(rowsOf(d, a, b, 8), func(x, y v) v { return x.Min(y) }) }
	case binMax:
		return func(d, a, b []int32) int { return loopI32(rowsOf(d, a, b, 8), func(x, y v) v { return x.Max(y) }) }
	case binAbsDiff:
		return func(d, a, b []int32) int {
			return loopI32(rowsOf(d, a, b, 8), func(x, y v) v { return x.Max(y).Sub(x.Min(y)).AsUint32x8().Min(hi).AsInt32x8() })
		}
	case binMul:
		if haveAVX512 {
			lo, hi := archsimd.BroadcastFloat64x8(-1<<31), archsimd.BroadcastFloat64x8(1<<31-1)
			return func(d, a, b []int32) int {
				return loopI32(rowsOf(d, a, b, 8), func(x, y v) v {
					return x.ConvertToFloat64().Mul(y.ConvertToFloat64()).Min(hi).Max(lo).ConvertToInt32()
				})
			}
		}
	case binDiv:
		if haveAVX512 {
			q := newQuot64(-1<<31, 1<<31-1)
			return func(d, a, b []int32) int {
				return loopI32(rowsOf(d, a, b, 8), func(x, y v) v {
					return q.of(x.ConvertToFloat64(), y.ConvertToFloat64()).ConvertToInt32().AndNot(y.Equal(zero).ToInt32x8())
				})
			}
		}
	}
	return nil
}

func vecU32(op binOp) func(d, a, b []uint32) int {
	type v = archsimd.Uint32x8
	var zero v
	switch op {
	case binAdd: // x + y where it fits, else all ones: min(x, ^y) + y
		return func(d, a, b []uint32) int {
			return loopU32(rowsOf(d, a, b, 8), func(x, y v) v { return x.Min(y.Not()).Add(y) })
		}
	case binSub:
		return func(d, a, b []uint32) int {
			return loopU32(rowsOf(d, a, b, 8), func(x, y v) v { return x.Max(y).Sub(y) })
		}
	case binMin:
		return func(d, a, b []uint32) int { return loopU32(rowsOf(d, a, b, 8), func(x, y v) v { return x.Min(y) }) }
	case binMax:
		return func(d, a, b []uint32) int { return loopU32(rowsOf(d, a, b, 8), func(x, y v) v { return x.Max(y) }) }
	case binAbsDiff:
		return func(d, a, b []uint32) int {
			return loopU32(rowsOf(d, a, b, 8), func(x, y v) v { return x.Max(y).Sub(x.Min(y)) })
		}
	case binMul:
		if haveAVX512 {
			hi := archsimd.BroadcastFloat64x8(1<<32 - 1)
			return func(d, a, b []uint32) int {
				return loopU32(rowsOf(d, a, b, 8), func(x, y v) v { return x.ConvertToFloat64().Mul(y.ConvertToFloat64()).Min(hi).ConvertToUint32() })
			}
		}
	case binDiv:
		if haveAVX512 {
			q := newQuot64(0, 1<<32-1)
			return func(d, a, b []uint32) int {
				return loopU32(rowsOf(d, a, b, 8), func(x, y v) v {
					return q.of(x.ConvertToFloat64(), y.ConvertToFloat64()).ConvertToUint32().AndNot(y.Equal(zero).ToInt32x8().AsUint32x8())
				})
			}
		}
	}
	return nil
}

// quot64 is floatQuotient's rounding of float64 quotients to [lo, hi].
type quot64 struct{ lo, hi archsimd.Float64x8 }

func newQuot64(lo, hi float64) quot64 {
	return quot64{archsimd.BroadcastFloat64x8(lo), archsimd.BroadcastFloat64x8(hi)}
}

// of is x / y clamped and rounded half away from zero, as roundHalfAway
// does it: t = trunc(q), plus trunc(2(q - t)), which is 1 where
// q - t >= 0.5 and -1 where q - t <= -0.5 (both differences exact).
// Garbage where y is 0: the caller masks it.
func (c quot64) of(x, y archsimd.Float64x8) archsimd.Float64x8 {
	q := x.Div(y).Min(c.hi).Max(c.lo)
	t := q.TruncScaled(0)
	f := q.Sub(t)
	return t.Add(f.Add(f).TruncScaled(0))
}

// minF32 is what the compiler's code for Go's min(x, y) gives (see
// the file's comment); maxF32 Go's max, -min(-x, -y), sign the sign bits.
func minF32(x, y archsimd.Float32x8) archsimd.Float32x8 {
	m := x.Merge(y, x.Less(y))
	return m.Merge(x, m.Less(x)).AsUint32x8().Or(m.AsUint32x8()).AsFloat32x8()
}

func maxF32(x, y archsimd.Float32x8, sign archsimd.Uint32x8) archsimd.Float32x8 {
	return negF32(minF32(negF32(x, sign), negF32(y, sign)), sign)
}

func negF32(x archsimd.Float32x8, sign archsimd.Uint32x8) archsimd.Float32x8 {
	return x.AsUint32x8().Xor(sign).AsFloat32x8()
}

// minF64 is what the compiler's code for Go's min(x, y) gives (see
// the file's comment); maxF64 Go's max, -min(-x, -y), sign the sign bits.
func minF64(x, y archsimd.Float64x4) archsimd.Float64x4 {
	m := x.Merge(y, x.Less(y))
	return m.Merge(x, m.Less(x)).AsUint64x4().Or(m.AsUint64x4()).AsFloat64x4()
}

func maxF64(x, y archsimd.Float64x4, sign archsimd.Uint64x4) archsimd.Float64x4 {
	return negF64(minF64(negF64(x, sign), negF64(y, sign)), sign)
}

func negF64(x archsimd.Float64x4, sign archsimd.Uint64x4) archsimd.Float64x4 {
	return x.AsUint64x4().Xor(sign).AsFloat64x4()
}

// satI32 is s where it did not overflow, else the limit on x's side:
// ovf's sign bit says where, top is MaxInt32 in every lane.
func satI32(s, x, ovf, top archsimd.Int32x8) archsimd.Int32x8 {
	m := ovf.ShiftAllRight(31) // all ones where s overflowed
	return s.Xor(s.Xor(x.ShiftAllRight(31).Xor(top)).And(m))
}

// quotSmall is intQuotient's x / y for |x|, |y| <= 2^15 in 32-bit lanes
// (Int8, Int16; the caller saturates): floor(|x| / |y|) is the float32
// quotient truncated (exact below 2^24, see simdDiv16), the remainder
// says whether to round up in magnitude, the sign is x's times y's, and
// 0 where y is 0. one is 1 in every lane.
func quotSmall(x, y, one archsimd.Int32x16) archsimd.Int32x16 {
	ax, ay := x.Abs(), y.Abs()
	t := ax.ConvertToFloat32().Div(ay.ConvertToFloat32()).ConvertToInt32()
	r := ax.Sub(t.Mul(ay))
	q := t.Add(one.Masked(ay.LessEqual(r.Add(r)))) // 2r >= |y|: round up
	s := x.Xor(y).ShiftAllRight(31)                // all ones where the signs differ
	var zero archsimd.Int32x16
	return q.Xor(s).Sub(s).Masked(y.NotEqual(zero))
}
