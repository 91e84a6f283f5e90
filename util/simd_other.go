//go:build !(goexperiment.simd && amd64)

package util

// The AVX2 widenings to float32 (simd_amd64.go); this build has none, so
// the Go loop converts every pixel.

func simdU8F32(d []float32, s []uint8) int   { return 0 }
func simdI8F32(d []float32, s []int8) int    { return 0 }
func simdU16F32(d []float32, s []uint16) int { return 0 }
func simdI16F32(d []float32, s []int16) int  { return 0 }

// useAVX512 is the SIMD build's switch to its AVX2 loops (tests); none here.
var useAVX512 = false
