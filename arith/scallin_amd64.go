//go:build goexperiment.simd && amd64

package arith

import (
	"simd/archsimd"
	"unsafe"

	"github.com/gipsdev/gips"
)

// The linear combination in AVX-512 float64 vectors for the types that
// had no vector kernel: integers through f64Eng's rounding (linOne's
// value), floats as (ka*a + kb*b) + c in float64 converted to the type
// (linearRow's float formula), 16 pixels a step.

// simdLinEng sets d = linOne(a, b, ka, kb, c) on integer rows for
// weights that linEngOK accepts; it returns the pixels done.
func simdLinEng[T gips.Pixel](d, a, b []T, ka, kb, c float64) int {
	dp, ap, n, step := steps(d, a)
	if n == 0 || len(b) < len(d) {
		return 0
	}
	defer archsimd.ClearAVXUpperBits()
	bp := unsafe.Pointer(&b[0])
	e := newEng[T](ka, kb, c, 1, false, true)
	switch any(d).(type) {
	case []uint8:
		for i := 0; i < n; i += step {
			x0, x1 := ldU8(unsafe.Add(ap, i))
			y0, y1 := ldU8(unsafe.Add(bp, i))
			st8(unsafe.Add(dp, i), e.two(x0, y0), e.two(x1, y1))
		}
	case []int8:
		for i := 0; i < n; i += step {
			x0, x1 := ldI8(unsafe.Add(ap, i))
			y0, y1 := ldI8(unsafe.Add(bp, i))
			st8(unsafe.Add(dp, i), e.two(x0, y0), e.two(x1, y1))
		}
	case []uint16:
		for i := 0; i < n; i += step {
			x0, x1 := ldU16(unsafe.Add(ap, i))
			y0, y1 := ldU16(unsafe.Add(bp, i))
			st16(unsafe.Add(dp, i), e.two(x0, y0), e.two(x1, y1))
		}
	case []int16:
		for i := 0; i < n; i += step {
			x0, x1 := ldI16(unsafe.Add(ap, i))
			y0, y1 := ldI16(unsafe.Add(bp, i))
			st16(unsafe.Add(dp, i), e.two(x0, y0), e.two(x1, y1))
		}
	case []uint32:
		for i := 0; i < n; i += step {
			x0, x1 := ldU32(unsafe.Add(ap, i))
			y0, y1 := ldU32(unsafe.Add(bp, i))
			stU32(unsafe.Add(dp, i), e.two(x0, y0), e.two(x1, y1))
		}
	case []int32:
		for i := 0; i < n; i += step {
			x0, x1 := ldI32(unsafe.Add(ap, i))
			y0, y1 := ldI32(unsafe.Add(bp, i))
			stI32(unsafe.Add(dp, i), e.two(x0, y0), e.two(x1, y1))
		}
	default:
		return 0
	}
	return n / step * 16
}

// simdLinFloat sets d = T((ka*a + kb*b) + c) on float rows, computed in
// float64, and returns the pixels done.
func simdLinFloat[T gips.Pixel](d, a, b []T, ka, kb, c float64) int {
	dp, ap, n, step := steps(d, a)
	if n == 0 || len(b) < len(d) {
		return 0
	}
	defer archsimd.ClearAVXUpperBits()
	bp := unsafe.Pointer(&b[0])
	vka, vkb, vc := archsimd.BroadcastFloat64x8(ka), archsimd.BroadcastFloat64x8(kb), archsimd.BroadcastFloat64x8(c)
	f := func(x, y vf8) vf8 { return x.Mul(vka).Add(y.Mul(vkb)).Add(vc) }
	switch any(d).(type) {
	case []float32:
		ld := func(p unsafe.Pointer) vf8 { return archsimd.LoadFloat32x8((*[8]float32)(p)).ConvertToFloat64() }
		for i := 0; i < n; i += step {
			p, q, r := unsafe.Add(ap, i), unsafe.Add(bp, i), unsafe.Add(dp, i)
			f(ld(p), ld(q)).ConvertToFloat32().Store((*[8]float32)(r))
			f(ld(unsafe.Add(p, 32)), ld(unsafe.Add(q, 32))).ConvertToFloat32().Store((*[8]float32)(unsafe.Add(r, 32)))
		}
	case []float64:
		ld := func(p unsafe.Pointer) vf8 { return archsimd.LoadFloat64x8((*[8]float64)(p)) }
		for i := 0; i < n; i += step {
			p, q, r := unsafe.Add(ap, i), unsafe.Add(bp, i), unsafe.Add(dp, i)
			f(ld(p), ld(q)).Store((*[8]float64)(r))
			f(ld(unsafe.Add(p, 64)), ld(unsafe.Add(q, 64))).Store((*[8]float64)(unsafe.Add(r, 64)))
		}
	default:
		return 0
	}
	return n / step * 16
}

// simdLinFixS16 sets d = linFixS16(a, b, w) on Int16 rows, 32 pixels a
// step, and returns the pixels done: the even and odd pixels apart in
// int32 lanes through VPMADDWD (DotProductPairs) with the weight in one
// half of each pair and 0 in the other, as simdLinearFix16 does for
// UInt16 (no bias here: the pixels are signed already).
func simdLinFixS16(d, a, b []int16, w linFix16W) int {
	dp, ap, n, px := bytesOf(d, a)
	if n == 0 || len(b) < len(d) {
		return 0
	}
	defer archsimd.ClearAVXUpperBits()
	bp := unsafe.Pointer(&b[0])
	ua, ub := uint32(uint16(int16(w.wa))), uint32(uint16(int16(w.wb)))
	pair := func(u uint32) archsimd.Int16x32 { return archsimd.BroadcastUint32x16(u).AsInt16x32() }
	vaE, vbE, vaO, vbO := pair(ua), pair(ub), pair(ua<<16), pair(ub<<16)
	vc := archsimd.BroadcastInt32x16(w.wc)
	lo, hi, low := archsimd.BroadcastInt32x16(-32768), archsimd.BroadcastInt32x16(32767), archsimd.BroadcastInt32x16(0xFFFF)
	// s shifts by a vector: ShiftAllRight(count) puts a legacy-SSE MOVD of
	// the count in the loop, which stalls there.
	s, half := archsimd.BroadcastInt32x16(int32(w.shift)), archsimd.BroadcastInt32x16(1<<(w.shift-1))
	round := func(v archsimd.Int32x16) archsimd.Int32x16 {
		return v.Add(v.ShiftAllRight(31)).Add(half).ShiftRight(s).Max(lo).Min(hi)
	}
	for i := 0; i < n; i += 64 {
		x := archsimd.LoadInt16x32((*[32]int16)(unsafe.Add(ap, i)))
		y := archsimd.LoadInt16x32((*[32]int16)(unsafe.Add(bp, i)))
		even := round(x.DotProductPairs(vaE).Add(y.DotProductPairs(vbE)).Add(vc))
		odd := round(x.DotProductPairs(vaO).Add(y.DotProductPairs(vbO)).Add(vc))
		even.And(low).Or(odd.ShiftAllLeft(16)).AsInt16x32().Store((*[32]int16)(unsafe.Add(dp, i)))
	}
	return px
}
