//go:build goexperiment.simd && amd64

package util

import (
	"math"
	"simd/archsimd"
	"unsafe"

	"github.com/gipsdev/gips"
)

// The AVX-512 conversions of the commonest pairs without convert512's
// int32 block, whose second pass cost about a third of their time, and
// of the pairs whose values do not fit its int32 lanes: 8- and 16-bit
// integers among themselves and to 32-bit ones, 32-bit integers to
// floats, Real64 to 8- and 16-bit integers, Real32 to 32-bit integers.

// int32Float converts Int32 pixels to Real32 (VCVTDQ2PS rounds to
// nearest even, as Go's conversion does) or Real64 (exact).
func int32Float(dp, sp unsafe.Pointer, n int, dt gips.BufferType) {
	if dt == gips.Real32 {
		for i := 0; i < n; i += 16 {
			archsimd.LoadInt32x16((*[16]int32)(unsafe.Add(sp, 4*i))).ConvertToFloat32().Store((*[16]float32)(unsafe.Add(dp, 4*i)))
		}
		return
	}
	for i := 0; i < n; i += 8 {
		archsimd.LoadInt32x8((*[8]int32)(unsafe.Add(sp, 4*i))).ConvertToFloat64().Store((*[8]float64)(unsafe.Add(dp, 8*i)))
	}
}

// f64Small converts Real64 pixels to 8- or 16-bit integers without the
// int32 block: round64's lanes narrowed in register, 8 pixels a vector
// (two vectors' 8 bytes paired for one 16-byte store).
func f64Small(dp, sp unsafe.Pointer, n int, dt gips.BufferType) {
	l, h := dt.Range()
	vlo, vhi := archsimd.BroadcastFloat64x8(l), archsimd.BroadcastFloat64x8(h)
	half := archsimd.BroadcastInt64x8(int64(math.Float64bits(belowHalf)))
	in := func(i int) archsimd.Int32x8 {
		return round64(archsimd.LoadFloat64x8((*[8]float64)(unsafe.Add(sp, 8*i))), vlo, vhi, half).ConvertToInt32()
	}
	if dt.ItemSize() == 2 {
		for i := 0; i < n; i += 8 {
			in(i).TruncateToInt16().Store((*[8]int16)(unsafe.Add(dp, 2*i)))
		}
		return
	}
	for i := 0; i < n; i += 16 {
		a, b := in(i).TruncateToInt8().AsInt64x2(), in(i+8).TruncateToInt8().AsInt64x2()
		a.InterleaveLo(b).AsInt8x16().Store((*[16]int8)(unsafe.Add(dp, i)))
	}
}

// f32Wide converts Real32 pixels to Int32 or UInt32 in float32, 16 a
// vector: NaN 0, the lower bound, the rounding nudge, then a truncating
// conversion, whose out-of-range value is already the upper bound for
// UInt32 (VCVTTPS2UDQ gives 2^32-1) and is flipped from MinInt32 to
// MaxInt32 for Int32 (VCVTTPS2DQ gives 0x80000000 from 2^31 up). The
// nudge moves no float32 below 2^31 to it (their ulp is at least 1/8
// from 2^23 up, where the nudge rounds away).
func f32Wide(dp, sp unsafe.Pointer, n int, dt gips.BufferType) {
	l, _ := dt.Range()
	vlo := archsimd.BroadcastFloat32x16(float32(l))
	sign := archsimd.BroadcastInt32x16(math.MinInt32)
	half := archsimd.BroadcastInt32x16(int32(math.Float32bits(0.49999997)))
	in := func(i int) archsimd.Float32x16 {
		x := archsimd.LoadFloat32x16((*[16]float32)(unsafe.Add(sp, 4*i)))
		x = x.Masked(x.Equal(x)).Max(vlo)
		return x.Add(x.AsInt32x16().And(sign).Or(half).AsFloat32x16())
	}
	out := func(i int) *[16]uint32 { return (*[16]uint32)(unsafe.Add(dp, 4*i)) }
	if dt == gips.UInt32 {
		for i := 0; i < n; i += 16 {
			in(i).ConvertToUint32().Store(out(i))
		}
		return
	}
	top := archsimd.BroadcastFloat32x16(1 << 31)
	ones := archsimd.BroadcastInt32x16(-1)
	for i := 0; i < n; i += 16 {
		x := in(i)
		x.ConvertToInt32().Xor(ones.Masked(x.GreaterEqual(top))).AsUint32x16().Store(out(i))
	}
}

// widen32 extends 8- and 16-bit integers to Int32 or UInt32 (negative
// values to 0 for UInt32), 16 pixels a vector, without the int32 block.
func widen32(dp, sp unsafe.Pointer, n int, dt, st gips.BufferType) {
	out := func(i int) *[16]int32 { return (*[16]int32)(unsafe.Add(dp, 4*i)) }
	lo := archsimd.BroadcastInt32x16(math.MinInt32)
	if dt == gips.UInt32 {
		lo = archsimd.BroadcastInt32x16(0)
	}
	switch st {
	case gips.UInt8:
		for i := 0; i < n; i += 16 {
			archsimd.LoadUint8x16((*[16]uint8)(unsafe.Add(sp, i))).ExtendToUint32().AsInt32x16().Store(out(i))
		}
	case gips.UInt16:
		for i := 0; i < n; i += 16 {
			archsimd.LoadUint16x16((*[16]uint16)(unsafe.Add(sp, 2*i))).ExtendToUint32().AsInt32x16().Store(out(i))
		}
	case gips.Int8:
		for i := 0; i < n; i += 16 {
			archsimd.LoadInt8x16((*[16]int8)(unsafe.Add(sp, i))).ExtendToInt32().Max(lo).Store(out(i))
		}
	default: // Int16
		for i := 0; i < n; i += 16 {
			archsimd.LoadInt16x16((*[16]int16)(unsafe.Add(sp, 2*i))).ExtendToInt32().Max(lo).Store(out(i))
		}
	}
}

// small512 converts between the 8- and 16-bit integer types (dt != st)
// 16 pixels a vector, without the int32 block: a clamp in the wider or
// signed type, then an extension or a (saturating) narrowing.
func small512(dp, sp unsafe.Pointer, n int, dt, st gips.BufferType) {
	u8 := func(i int) archsimd.Uint8x16 { return archsimd.LoadUint8x16((*[16]uint8)(unsafe.Add(sp, i))) }
	i8 := func(i int) archsimd.Int8x16 { return archsimd.LoadInt8x16((*[16]int8)(unsafe.Add(sp, i))) }
	u16 := func(i int) archsimd.Uint16x16 { return archsimd.LoadUint16x16((*[16]uint16)(unsafe.Add(sp, 2*i))) }
	i16 := func(i int) archsimd.Int16x16 { return archsimd.LoadInt16x16((*[16]int16)(unsafe.Add(sp, 2*i))) }
	o8 := func(i int) *[16]uint8 { return (*[16]uint8)(unsafe.Add(dp, i)) }
	o16 := func(i int) *[16]uint16 { return (*[16]uint16)(unsafe.Add(dp, 2*i)) }
	switch {
	case st == gips.UInt8 && dt == gips.Int8:
		top := archsimd.BroadcastUint8x16(math.MaxInt8)
		for i := 0; i < n; i += 16 {
			u8(i).Min(top).Store(o8(i))
		}
	case st == gips.Int8 && dt == gips.UInt8:
		zero := archsimd.BroadcastInt8x16(0)
		for i := 0; i < n; i += 16 {
			i8(i).Max(zero).AsUint8x16().Store(o8(i))
		}
	case st == gips.UInt8: // to UInt16 or Int16
		for i := 0; i < n; i += 16 {
			u8(i).ExtendToUint16().Store(o16(i))
		}
	case st == gips.Int8 && dt == gips.Int16:
		for i := 0; i < n; i += 16 {
			i8(i).ExtendToInt16().AsUint16x16().Store(o16(i))
		}
	case st == gips.Int8: // to UInt16
		zero := archsimd.BroadcastInt16x16(0)
		for i := 0; i < n; i += 16 {
			i8(i).ExtendToInt16().Max(zero).AsUint16x16().Store(o16(i))
		}
	case st == gips.UInt16 && dt == gips.UInt8:
		for i := 0; i < n; i += 16 {
			u16(i).SaturateToUint8().Store(o8(i))
		}
	case st == gips.UInt16 && dt == gips.Int8:
		top := archsimd.BroadcastUint16x16(math.MaxInt8)
		for i := 0; i < n; i += 16 {
			u16(i).Min(top).TruncateToUint8().Store(o8(i))
		}
	case st == gips.UInt16: // to Int16
		top := archsimd.BroadcastUint16x16(math.MaxInt16)
		for i := 0; i < n; i += 16 {
			u16(i).Min(top).Store(o16(i))
		}
	case dt == gips.UInt8: // from Int16
		zero := archsimd.BroadcastInt16x16(0)
		for i := 0; i < n; i += 16 {
			i16(i).Max(zero).AsUint16x16().SaturateToUint8().Store(o8(i))
		}
	case dt == gips.Int8: // from Int16
		for i := 0; i < n; i += 16 {
			i16(i).SaturateToInt8().AsUint8x16().Store(o8(i))
		}
	default: // Int16 to UInt16
		zero := archsimd.BroadcastInt16x16(0)
		for i := 0; i < n; i += 16 {
			i16(i).Max(zero).AsUint16x16().Store(o16(i))
		}
	}
}
