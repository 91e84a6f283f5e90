//go:build !(goexperiment.simd && amd64)

package threshold

import (
	"unsafe"

	"github.com/gipsdev/gips"
)

// simdRange8 is the AVX2 range test (simd_amd64.go); this build has none,
// so range8 does every word.
func simdRange8(d, s []byte, lo, hi, bias uint8) int { return 0 }

func simdRange16(d []byte, s []uint16, lo, hi, bias uint16) int { return 0 }

// useAVX512 exists for the tests, which switch the kernels' loops.
var useAVX512 = false

// simdRange32 is the AVX-512 test of 32- and 64-bit pixels: none here.
func simdRange32(t gips.BufferType, d []byte, s, lo, hi unsafe.Pointer) int { return 0 }
