//go:build goexperiment.simd && amd64

package logic

import (
	"simd/archsimd"
	"unsafe"
)

// The AVX-512 mask of 32- and 64-bit pixels (GOEXPERIMENT=simd): the
// mask bytes, zero-extended to 32-bit lanes, compared with 0 into a mask
// register that zeroes the pixels it does not keep (VMOVDQU32/64 with
// zeroing), 16 pixels a step. TestMaskWideMatchesDefinition runs it and
// the Go loop.

// useAVX512 selects these loops; the tests clear it to run the Go ones.
var useAVX512 = archsimd.X86.AVX512()

// simdMask32 sets d[i] = a[i] where m[i] != 0, 0 elsewhere, over the
// first multiple of 16 pixels, and returns how many it did (0 without
// AVX-512).
func simdMask32(d, a []uint32, m []uint8) int {
	n := min(len(d), len(a), len(m)) &^ 15
	if !useAVX512 || n == 0 {
		return 0
	}
	dp, ap, mp := unsafe.Pointer(&d[0]), unsafe.Pointer(&a[0]), unsafe.Pointer(&m[0])
	zero := archsimd.BroadcastUint32x16(0)
	for i := 0; i < n; i += 16 {
		k := archsimd.LoadUint8x16((*[16]uint8)(unsafe.Add(mp, i))).ExtendToUint32().NotEqual(zero)
		archsimd.LoadUint32x16((*[16]uint32)(unsafe.Add(ap, 4*i))).Masked(k).Store((*[16]uint32)(unsafe.Add(dp, 4*i)))
	}
	archsimd.ClearAVXUpperBits()
	return n
}

// simdMask64 is simdMask32 for 64-bit pixels: the 16 mask bits split
// between two 8-pixel vectors.
func simdMask64(d, a []uint64, m []uint8) int {
	n := min(len(d), len(a), len(m)) &^ 15
	if !useAVX512 || n == 0 {
		return 0
	}
	dp, ap, mp := unsafe.Pointer(&d[0]), unsafe.Pointer(&a[0]), unsafe.Pointer(&m[0])
	zero := archsimd.BroadcastUint32x16(0)
	for i := 0; i < n; i += 16 {
		bits := archsimd.LoadUint8x16((*[16]uint8)(unsafe.Add(mp, i))).ExtendToUint32().NotEqual(zero).ToBits()
		lo, hi := archsimd.Mask64x8FromBits(uint8(bits)), archsimd.Mask64x8FromBits(uint8(bits>>8))
		archsimd.LoadUint64x8((*[8]uint64)(unsafe.Add(ap, 8*i))).Masked(lo).Store((*[8]uint64)(unsafe.Add(dp, 8*i)))
		archsimd.LoadUint64x8((*[8]uint64)(unsafe.Add(ap, 8*i+64))).Masked(hi).Store((*[8]uint64)(unsafe.Add(dp, 8*i+64)))
	}
	archsimd.ClearAVXUpperBits()
	return n
}
