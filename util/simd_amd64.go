//go:build goexperiment.simd && amd64

package util

import "simd/archsimd"

// The AVX2 widening of 8- and 16-bit integers to float32 (GOEXPERIMENT=simd):
// zero- or sign-extension to 32 bits and VCVTDQ2PS, which is exact for
// every value of those types, as the Go conversion is
// (TestToFloat32SIMDMatchesGo).

var haveAVX2 = archsimd.X86.AVX2()

// simdU8F32 sets d[i] = float32(s[i]) over the first multiple of 16
// pixels and returns how many it did (0 without AVX2).
func simdU8F32(d []float32, s []uint8) int {
	n := min(len(d), len(s)) &^ 15
	if !haveAVX2 || n == 0 {
		return 0
	}
	defer archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next: no AVX-SSE transition stalls
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
	for i := 0; i < n; i += 16 {
		x := archsimd.LoadInt16x16Slice(s[i : i+16])
		x.GetLo().ExtendToInt32().ConvertToFloat32().StoreSlice(d[i : i+8])
		x.GetHi().ExtendToInt32().ConvertToFloat32().StoreSlice(d[i+8 : i+16])
	}
	return n
}
