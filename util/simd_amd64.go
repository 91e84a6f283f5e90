//go:build goexperiment.simd && amd64

package util

import (
	"simd/archsimd"
	"unsafe"
)

// The AVX2 and AVX-512 widening of 8- and 16-bit integers to float32
// (GOEXPERIMENT=simd): zero- or sign-extension to 32 bits and VCVTDQ2PS,
// which is exact for every value of those types, as the Go conversion is
// (TestToFloat32SIMDMatchesGo, which runs both widths).

var haveAVX2 = archsimd.X86.AVX2()

// useAVX512 picks the 16-pixel AVX-512 loops; the tests clear it to run
// the AVX2 ones on the same machine.
var useAVX512 = archsimd.X86.AVX512()

// widen512 stores f(the pixels at sp + size*i) at d[i:i+16] for i up to n
// (a multiple of 16): one 64-byte store a step, through pointers (no
// bounds checks). The AVX2 loops below, two 32-byte stores and their
// slice checks a step, ran at 0.64x this loop's speed on the 1024²
// UInt8 row. Small enough to be inlined with its literal f.
func widen512(n int, dp, sp unsafe.Pointer, size int, f func(p unsafe.Pointer) archsimd.Float32x16) {
	for i := 0; i < n; i += 16 {
		f(unsafe.Add(sp, size*i)).Store((*[16]float32)(unsafe.Add(dp, 4*i)))
	}
}

// simdU8F32 sets d[i] = float32(s[i]) over the first multiple of 16
// pixels and returns how many it did (0 without AVX2).
func simdU8F32(d []float32, s []uint8) int {
	n := min(len(d), len(s)) &^ 15
	if !haveAVX2 || n == 0 {
		return 0
	}
	defer archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next: no AVX-SSE transition stalls
	if useAVX512 {
		widen512(n, unsafe.Pointer(&d[0]), unsafe.Pointer(&s[0]), 1, func(p unsafe.Pointer) archsimd.Float32x16 {
			return archsimd.LoadUint8x16((*[16]uint8)(p)).ExtendToUint32().AsInt32x16().ConvertToFloat32()
		})
		return n
	}
	for i := 0; i < n; i += 16 {
		x := archsimd.LoadUint8x16Slice(s[i : i+16]).ExtendToUint16()
		x.GetLo().ExtendToUint32().AsInt32x8().ConvertToFloat32().StoreSlice(d[i : i+8])
		x.GetHi().ExtendToUint32().AsInt32x8().ConvertToFloat32().StoreSlice(d[i+8 : i+16])
	}
	return n
}

// simdI8F32 is simdU8F32 for Int8 pixels.
func simdI8F32(d []float32, s []int8) int {
	n := min(len(d), len(s)) &^ 15
	if !haveAVX2 || n == 0 {
		return 0
	}
	defer archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next: no AVX-SSE transition stalls
	if useAVX512 {
		widen512(n, unsafe.Pointer(&d[0]), unsafe.Pointer(&s[0]), 1, func(p unsafe.Pointer) archsimd.Float32x16 {
			return archsimd.LoadInt8x16((*[16]int8)(p)).ExtendToInt32().ConvertToFloat32()
		})
		return n
	}
	for i := 0; i < n; i += 16 {
		x := archsimd.LoadInt8x16Slice(s[i : i+16]).ExtendToInt16()
		x.GetLo().ExtendToInt32().ConvertToFloat32().StoreSlice(d[i : i+8])
		x.GetHi().ExtendToInt32().ConvertToFloat32().StoreSlice(d[i+8 : i+16])
	}
	return n
}

// simdU16F32 is simdU8F32 for UInt16 pixels.
func simdU16F32(d []float32, s []uint16) int {
	n := min(len(d), len(s)) &^ 15
	if !haveAVX2 || n == 0 {
		return 0
	}
	defer archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next: no AVX-SSE transition stalls
	if useAVX512 {
		widen512(n, unsafe.Pointer(&d[0]), unsafe.Pointer(&s[0]), 2, func(p unsafe.Pointer) archsimd.Float32x16 {
			return archsimd.LoadUint16x16((*[16]uint16)(p)).ExtendToUint32().AsInt32x16().ConvertToFloat32()
		})
		return n
	}
	for i := 0; i < n; i += 16 {
		x := archsimd.LoadUint16x16Slice(s[i : i+16])
		x.GetLo().ExtendToUint32().AsInt32x8().ConvertToFloat32().StoreSlice(d[i : i+8])
		x.GetHi().ExtendToUint32().AsInt32x8().ConvertToFloat32().StoreSlice(d[i+8 : i+16])
	}
	return n
}

// simdI16F32 is simdU8F32 for Int16 pixels.
func simdI16F32(d []float32, s []int16) int {
	n := min(len(d), len(s)) &^ 15
	if !haveAVX2 || n == 0 {
		return 0
	}
	defer archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next: no AVX-SSE transition stalls
	if useAVX512 {
		widen512(n, unsafe.Pointer(&d[0]), unsafe.Pointer(&s[0]), 2, func(p unsafe.Pointer) archsimd.Float32x16 {
			return archsimd.LoadInt16x16((*[16]int16)(p)).ExtendToInt32().ConvertToFloat32()
		})
		return n
	}
	for i := 0; i < n; i += 16 {
		x := archsimd.LoadInt16x16Slice(s[i : i+16])
		x.GetLo().ExtendToInt32().ConvertToFloat32().StoreSlice(d[i : i+8])
		x.GetHi().ExtendToInt32().ConvertToFloat32().StoreSlice(d[i+8 : i+16])
	}
	return n
}
