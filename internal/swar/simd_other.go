//go:build !(goexperiment.simd && amd64)

package swar

// SIMD is the AVX2 byte kernel (simd_amd64.go); this build has none, so
// the callers' word loops do every byte.
func SIMD(op Op, d, a, b []byte) int { return 0 }

const haveAVX2 = false

// useAVX512 is the SIMD build's switch to its AVX2 loops (tests); none here.
var useAVX512 = false

// Mask16 is the AVX2 16-bit mask kernel (simd_amd64.go); none in this
// build.
func Mask16(d, a []uint16, m []byte) int { return 0 }
