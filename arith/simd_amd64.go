//go:build goexperiment.simd && amd64

package arith

import (
	"simd/archsimd"
	"unsafe"
)

// The AVX2 twins of the SWAR kernels, built with GOEXPERIMENT=simd: 32
// bytes per instruction with the hardware's saturating add and subtract,
// min and max. The default build uses the SWAR kernels alone; tests run
// both (TestSIMDMatchesSWAR) under GOEXPERIMENT=simd.

var haveAVX2 = archsimd.X86.AVX2()

// simdRows does what swarRows does, 32 bytes at a time, and returns the
// bytes done (a multiple of 32; 0 without AVX2).
func simdRows(l lanes, op swarOp, d, a, b []byte) int {
	if !haveAVX2 {
		return 0
	}
	defer archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next: no AVX-SSE transition stalls
	n := len(d) &^ 31
	if l.shift == 7 {
		for i := 0; i < n; i += 32 {
			x := archsimd.LoadUint8x32Slice(a[i : i+32])
			y := archsimd.LoadUint8x32Slice(b[i : i+32])
			var r archsimd.Uint8x32
			switch op {
			case swAdd:
				r = x.AddSaturated(y)
			case swSub:
				r = x.SubSaturated(y)
			case swMin:
				r = x.Min(y)
			case swMax:
				r = x.Max(y)
			case swAbsDiff:
				r = x.SubSaturated(y).Or(y.SubSaturated(x))
			}
			r.StoreSlice(d[i : i+32])
		}
		return n
	}
	d16, a16, b16 := words16(d[:n]), words16(a[:n]), words16(b[:n])
	for i := 0; i < len(d16); i += 16 {
		x := archsimd.LoadUint16x16Slice(a16[i : i+16])
		y := archsimd.LoadUint16x16Slice(b16[i : i+16])
		var r archsimd.Uint16x16
		switch op {
		case swAdd:
			r = x.AddSaturated(y)
		case swSub:
			r = x.SubSaturated(y)
		case swMin:
			r = x.Min(y)
		case swMax:
			r = x.Max(y)
		case swAbsDiff:
			r = x.SubSaturated(y).Or(y.SubSaturated(x))
		}
		r.StoreSlice(d16[i : i+16])
	}
	return n
}

// simdConst does what swarConst does, 32 bytes at a time: d = a +sat c or
// a -sat c, c one lane's value (at most the lane's maximum). It returns the
// bytes done (a multiple of 32; 0 without AVX2).
func simdConst(l lanes, op swarOp, d, a []byte, c uint64) int {
	n := len(d) &^ 31
	if !haveAVX2 || n == 0 {
		return 0
	}
	defer archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next: no AVX-SSE transition stalls
	a = a[:n]
	if l.shift == 7 {
		y := archsimd.BroadcastUint8x32(uint8(c))
		if op == swSub {
			for i := 0; i < n; i += 32 {
				archsimd.LoadUint8x32Slice(a[i : i+32]).SubSaturated(y).StoreSlice(d[i : i+32])
			}
			return n
		}
		for i := 0; i < n; i += 32 {
			archsimd.LoadUint8x32Slice(a[i : i+32]).AddSaturated(y).StoreSlice(d[i : i+32])
		}
		return n
	}
	d16, a16 := words16(d[:n]), words16(a)
	y := archsimd.BroadcastUint16x16(uint16(c))
	if op == swSub {
		for i := 0; i < len(d16); i += 16 {
			archsimd.LoadUint16x16Slice(a16[i : i+16]).SubSaturated(y).StoreSlice(d16[i : i+16])
		}
		return n
	}
	for i := 0; i < len(d16); i += 16 {
		archsimd.LoadUint16x16Slice(a16[i : i+16]).AddSaturated(y).StoreSlice(d16[i : i+16])
	}
	return n
}

// words16 views the bytes of a UInt16 row as its pixels again.
func words16(b []byte) []uint16 {
	if len(b) == 0 {
		return nil
	}
	return unsafe.Slice((*uint16)(unsafe.Pointer(unsafe.SliceData(b))), len(b)/2)
}
