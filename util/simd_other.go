//go:build !(goexperiment.simd && amd64)

package util

import "github.com/gipsdev/gips"

// The AVX2 widenings to float32 (simd_amd64.go); this build has none, so
// the Go loop converts every pixel.

func simdU8F32(d []float32, s []uint8) int   { return 0 }
func simdI8F32(d []float32, s []int8) int    { return 0 }
func simdU16F32(d []float32, s []uint16) int { return 0 }
func simdI16F32(d []float32, s []int16) int  { return 0 }

// useAVX512 is the SIMD build's switch to its AVX2 loops (tests); none here.
var useAVX512 = false

// The AVX-512 Clamp conversions (simd_conv_amd64.go): none here.

func simdConv[D, S gips.Pixel](d []D, s []S) int   { return 0 }
func simdNarrow[D, S gips.Pixel](d []D, s []S) int { return 0 }
func simdRound[D, S gips.Pixel](d []D, s []S) int  { return 0 }
