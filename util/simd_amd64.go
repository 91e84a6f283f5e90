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
// With AVX-512, 16 pixels a vector and a 64-byte store each, in blocks
// of four vectors loaded before any is stored (widen512); with AVX2, 32-byte
// stores. A call into rows in cache is bound by its count of stores:
// from Python at 256² (uint8 to float32 into out= through ctypes, the
// output 48 bytes into a cache line, min of 600 calls, a system call
// before each as the bench makes), 16-byte stores took 5.5 us, 32-byte ones 3.5,
// 64-byte ones 2.8 and the blocks of four 2.7 (numpy's SSE2 loop 5.5).
// An earlier measurement had a 64-byte loop slower than the 16-byte one
// (5.4-5.6 against 5.1-5.2 us); these, every loop in one process, and the
// bench's rows (BENCHMARKS.md, thirty-eighth session) say otherwise.
// Through pointers: no bounds checks.

var haveAVX2 = archsimd.X86.AVX2()

// useAVX512 picks the AVX-512 loops of simd_conv_amd64.go; the tests
// clear it to run the AVX2 ones on the same machine.
var useAVX512 = archsimd.X86.AVX512()

// highBytes are VPSHUFB's indices that move a vector's upper 8 bytes to
// its lower 8 (the upper ones zero).
var highBytes = [16]int8{8, 9, 10, 11, 12, 13, 14, 15, -1, -1, -1, -1, -1, -1, -1, -1}

// simdU8F32 sets d[i] = float32(s[i]) over the first multiple of 16
// pixels and returns how many it did (0 without AVX2).
func simdU8F32(d []float32, s []uint8) int {
	n := min(len(d), len(s)) &^ 15
	if !haveAVX2 || n == 0 {
		return 0
	}
	dp, sp := unsafe.Pointer(&d[0]), unsafe.Pointer(&s[0])
	if useAVX512 {
		widen512(dp, sp, n, wideU8)
		return n
	}
	hi := archsimd.LoadInt8x16(&highBytes)
	for i := 0; i < n; i += 16 {
		x := archsimd.LoadUint8x16((*[16]uint8)(unsafe.Add(sp, i)))
		x.ExtendLo8ToUint32().AsInt32x8().ConvertToFloat32().Store((*[8]float32)(unsafe.Add(dp, 4*i)))
		x.AsInt8x16().PermuteOrZero(hi).AsUint8x16().ExtendLo8ToUint32().AsInt32x8().ConvertToFloat32().Store((*[8]float32)(unsafe.Add(dp, 4*i+32)))
	}
	archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next (a defer's record setup was a legacy-SSE store)
	return n
}

// The source types of widen512.
const (
	wideU8 = iota
	wideI8
	wideU16
	wideI16
)

// widen512 sets d[i] = float32(s[i]) for the n pixels (a multiple of 16)
// of a source of type k: the AVX-512 loop of the widenings, four vectors
// a block, their loads before their stores. The type is a switch a block,
// taken the same way every time: a function value would not be inlined.
func widen512(dp, sp unsafe.Pointer, n, k int) {
	size := 1 + k/2 // bytes a source pixel
	src := func(i int) unsafe.Pointer { return unsafe.Add(sp, size*i) }
	u8 := func(i int) archsimd.Float32x16 {
		return archsimd.LoadUint8x16((*[16]uint8)(src(i))).ExtendToUint32().AsInt32x16().ConvertToFloat32()
	}
	i8 := func(i int) archsimd.Float32x16 {
		return archsimd.LoadInt8x16((*[16]int8)(src(i))).ExtendToInt32().ConvertToFloat32()
	}
	u16 := func(i int) archsimd.Float32x16 {
		return archsimd.LoadUint16x16((*[16]uint16)(src(i))).ExtendToUint32().AsInt32x16().ConvertToFloat32()
	}
	i16 := func(i int) archsimd.Float32x16 {
		return archsimd.LoadInt16x16((*[16]int16)(src(i))).ExtendToInt32().ConvertToFloat32()
	}
	st := func(i int, x archsimd.Float32x16) { x.Store((*[16]float32)(unsafe.Add(dp, 4*i))) }
	i := 0
	for ; i+64 <= n; i += 64 {
		var x0, x1, x2, x3 archsimd.Float32x16
		switch k {
		case wideU8:
			x0, x1, x2, x3 = u8(i), u8(i+16), u8(i+32), u8(i+48)
		case wideI8:
			x0, x1, x2, x3 = i8(i), i8(i+16), i8(i+32), i8(i+48)
		case wideU16:
			x0, x1, x2, x3 = u16(i), u16(i+16), u16(i+32), u16(i+48)
		default:
			x0, x1, x2, x3 = i16(i), i16(i+16), i16(i+32), i16(i+48)
		}
		st(i, x0)
		st(i+16, x1)
		st(i+32, x2)
		st(i+48, x3)
	}
	for ; i < n; i += 16 {
		switch k {
		case wideU8:
			st(i, u8(i))
		case wideI8:
			st(i, i8(i))
		case wideU16:
			st(i, u16(i))
		default:
			st(i, i16(i))
		}
	}
	archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next
}

// simdI8F32 is simdU8F32 for Int8 pixels (AVX2: each 16 bytes
// sign-extended by halves, the upper one shuffled down first).
func simdI8F32(d []float32, s []int8) int {
	n := min(len(d), len(s)) &^ 15
	if !haveAVX2 || n == 0 {
		return 0
	}
	dp, sp := unsafe.Pointer(&d[0]), unsafe.Pointer(&s[0])
	if useAVX512 {
		widen512(dp, sp, n, wideI8)
		return n
	}
	hi := archsimd.LoadInt8x16(&highBytes)
	for i := 0; i < n; i += 16 {
		x := archsimd.LoadInt8x16((*[16]int8)(unsafe.Add(sp, i)))
		x.ExtendLo8ToInt32().ConvertToFloat32().Store((*[8]float32)(unsafe.Add(dp, 4*i)))
		x.PermuteOrZero(hi).ExtendLo8ToInt32().ConvertToFloat32().Store((*[8]float32)(unsafe.Add(dp, 4*i+32)))
	}
	archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next (a defer's record setup was a legacy-SSE store)
	return n
}

// simdU16F32 is simdU8F32 for UInt16 pixels (AVX2: 8 a step, one 32-byte store).
func simdU16F32(d []float32, s []uint16) int {
	n := min(len(d), len(s)) &^ 15
	if !haveAVX2 || n == 0 {
		return 0
	}
	dp, sp := unsafe.Pointer(&d[0]), unsafe.Pointer(&s[0])
	if useAVX512 {
		widen512(dp, sp, n, wideU16)
		return n
	}
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
	if useAVX512 {
		widen512(dp, sp, n, wideI16)
		return n
	}
	for i := 0; i < n; i += 8 {
		x := archsimd.LoadInt16x8((*[8]int16)(unsafe.Add(sp, 2*i)))
		x.ExtendToInt32().ConvertToFloat32().Store((*[8]float32)(unsafe.Add(dp, 4*i)))
	}
	archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next (a defer's record setup was a legacy-SSE store)
	return n
}
