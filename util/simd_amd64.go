//go:build goexperiment.simd && amd64

package util

import (
	"simd/archsimd"
	"unsafe"
)

// The widening of 8- and 16-bit integers to float32 (GOEXPERIMENT=simd,
// AVX2 machines): zero- or sign-extension to 32 bits and VCVTDQ2PS, which
// is exact for every value of those types, as the Go conversion is
// (TestToFloat32SIMDMatchesGo).
//
// The loops store 16 bytes (uint8) or 32 bytes (the others) a step, not
// 64, on AVX-512 machines too: from Python at 256² (in cache; a system
// call before each call, as the bench times them), CPU 1T, the 64-byte
// loops ran uint8 in 5.4-5.6 us against 5.1-5.2 for the 16-byte one
// (numpy's SSE2 loop 5.0) and 5.2-5.4 for a 32-byte one, int16 in 5.8
// against 5.3 for the 32-byte one (5.7 for a 16-byte one, a shuffle more
// a step); at 1024² (out of cache) all ran alike. Through pointers: no
// bounds checks.

var haveAVX2 = archsimd.X86.AVX2()

// useAVX512 picks the AVX-512 loops of simd_conv_amd64.go; the tests
// clear it to run the AVX2 ones on the same machine.
var useAVX512 = archsimd.X86.AVX512()

// spreadU8 are VPSHUFB's indices that zero-extend bytes 4k to 4k+3 of a
// vector to its four 32-bit lanes (index -1: a zero byte).
var spreadU8 = func() (t [4][16]int8) {
	for k := range t {
		for j := range t[k] {
			t[k][j] = -1
			if j%4 == 0 {
				t[k][j] = int8(4*k + j/4)
			}
		}
	}
	return t
}()

// highBytes are VPSHUFB's indices that move a vector's upper 8 bytes to
// its lower 8 (the upper ones zero).
var highBytes = [16]int8{8, 9, 10, 11, 12, 13, 14, 15, -1, -1, -1, -1, -1, -1, -1, -1}

// simdU8F32 sets d[i] = float32(s[i]) over the first multiple of 16
// pixels and returns how many it did (0 without AVX2): each 16 bytes
// shuffled four ways to 32-bit lanes, four 16-byte stores (numpy's loop,
// in VEX instructions).
func simdU8F32(d []float32, s []uint8) int {
	n := min(len(d), len(s)) &^ 15
	if !haveAVX2 || n == 0 {
		return 0
	}
	dp, sp := unsafe.Pointer(&d[0]), unsafe.Pointer(&s[0])
	k0, k1 := archsimd.LoadInt8x16(&spreadU8[0]), archsimd.LoadInt8x16(&spreadU8[1])
	k2, k3 := archsimd.LoadInt8x16(&spreadU8[2]), archsimd.LoadInt8x16(&spreadU8[3])
	for i := 0; i < n; i += 16 {
		x := archsimd.LoadUint8x16((*[16]uint8)(unsafe.Add(sp, i)))
		x.PermuteOrZero(k0).AsInt32x4().ConvertToFloat32().Store((*[4]float32)(unsafe.Add(dp, 4*i)))
		x.PermuteOrZero(k1).AsInt32x4().ConvertToFloat32().Store((*[4]float32)(unsafe.Add(dp, 4*i+16)))
		x.PermuteOrZero(k2).AsInt32x4().ConvertToFloat32().Store((*[4]float32)(unsafe.Add(dp, 4*i+32)))
		x.PermuteOrZero(k3).AsInt32x4().ConvertToFloat32().Store((*[4]float32)(unsafe.Add(dp, 4*i+48)))
	}
	archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next (a defer's record setup was a legacy-SSE store)
	return n
}

// simdI8F32 is simdU8F32 for Int8 pixels: each 16 bytes sign-extended by
// halves (the upper one shuffled down first), two 32-byte stores.
func simdI8F32(d []float32, s []int8) int {
	n := min(len(d), len(s)) &^ 15
	if !haveAVX2 || n == 0 {
		return 0
	}
	dp, sp := unsafe.Pointer(&d[0]), unsafe.Pointer(&s[0])
	hi := archsimd.LoadInt8x16(&highBytes)
	for i := 0; i < n; i += 16 {
		x := archsimd.LoadInt8x16((*[16]int8)(unsafe.Add(sp, i)))
		x.ExtendLo8ToInt32().ConvertToFloat32().Store((*[8]float32)(unsafe.Add(dp, 4*i)))
		x.PermuteOrZero(hi).ExtendLo8ToInt32().ConvertToFloat32().Store((*[8]float32)(unsafe.Add(dp, 4*i+32)))
	}
	archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next (a defer's record setup was a legacy-SSE store)
	return n
}

// simdU16F32 is simdU8F32 for UInt16 pixels: 8 a step, one 32-byte store.
func simdU16F32(d []float32, s []uint16) int {
	n := min(len(d), len(s)) &^ 15
	if !haveAVX2 || n == 0 {
		return 0
	}
	dp, sp := unsafe.Pointer(&d[0]), unsafe.Pointer(&s[0])
	for i := 0; i < n; i += 8 {
		x := archsimd.LoadUint16x8((*[8]uint16)(unsafe.Add(sp, 2*i)))
		x.ExtendToUint32().AsInt32x8().ConvertToFloat32().Store((*[8]float32)(unsafe.Add(dp, 4*i)))
	}
	archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next (a defer's record setup was a legacy-SSE store)
	return n
}

// simdI16F32 is simdU16F32 for Int16 pixels.
func simdI16F32(d []float32, s []int16) int {
	n := min(len(d), len(s)) &^ 15
	if !haveAVX2 || n == 0 {
		return 0
	}
	dp, sp := unsafe.Pointer(&d[0]), unsafe.Pointer(&s[0])
	for i := 0; i < n; i += 8 {
		x := archsimd.LoadInt16x8((*[8]int16)(unsafe.Add(sp, 2*i)))
		x.ExtendToInt32().ConvertToFloat32().Store((*[8]float32)(unsafe.Add(dp, 4*i)))
	}
	archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next (a defer's record setup was a legacy-SSE store)
	return n
}
