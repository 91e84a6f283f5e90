//go:build goexperiment.simd && amd64

package filter

import (
	"simd/archsimd"
	"unsafe"
)

// widenVec8 sets dst[i] = float32(src[i]) for the leading multiple of 8
// pixels (none without AVX2) and returns how many.
func widenVec8(dst []float32, src []uint8) int {
	n := min(len(dst), len(src)) &^ 7
	if !symAVX2 || n == 0 {
		return 0
	}
	defer archsimd.ClearAVXUpperBits()
	sp, dp := unsafe.Pointer(&src[0]), unsafe.Pointer(&dst[0])
	for x := 0; x < n; x += 8 {
		// A load takes 16 bytes, of which the low 8 are used: near
		// the row's end they come through a copy, not past the slice.
		p := (*[16]uint8)(unsafe.Add(sp, x))
		var tail [16]uint8
		if x+16 > len(src) {
			copy(tail[:8], src[x:x+8])
			p = &tail
		}
		archsimd.LoadUint8x16(p).ExtendLo8ToUint32().AsInt32x8().ConvertToFloat32().Store((*[8]float32)(unsafe.Add(dp, 4*x)))
	}
	return n
}

// widenVec16 sets dst[i] = float32(src[i]) for the leading multiple of 8
// pixels of an int16 (signed) or uint16 row (none without AVX2) and
// returns how many.
func widenVec16[S uint16 | int16](dst []float32, src []S, signed bool) int {
	n := min(len(dst), len(src)) &^ 7
	if !symAVX2 || n == 0 {
		return 0
	}
	defer archsimd.ClearAVXUpperBits()
	sp, dp := unsafe.Pointer(&src[0]), unsafe.Pointer(&dst[0])
	for x := 0; x < n; x += 8 {
		var v archsimd.Int32x8
		if signed {
			v = archsimd.LoadInt16x8((*[8]int16)(unsafe.Add(sp, 2*x))).ExtendToInt32()
		} else {
			v = archsimd.LoadUint16x8((*[8]uint16)(unsafe.Add(sp, 2*x))).ExtendToUint32().AsInt32x8()
		}
		v.ConvertToFloat32().Store((*[8]float32)(unsafe.Add(dp, 4*x)))
	}
	return n
}
