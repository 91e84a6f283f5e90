package transform

import "github.com/gipsdev/gips"

// scaleU8, scaleU16 (p[k] = float64(v[k])·w) and scale2U8, scale2U16
// (p[k] = (float64(v[k])·w1)·w2) are vector versions of scaleRow's and
// scaleRow2's loops, set by scale_simd.go when gips is built with
// GOEXPERIMENT=simd on a CPU with AVX2. Each does a multiple of 16 leading
// elements and returns how many; the Go loop does the rest. The default
// build leaves them nil; TestScaleSIMDMatchesPureGo compares the two.
var (
	scaleU8   func(p []float64, v []uint8, w float64) int
	scaleU16  func(p []float64, v []uint16, w float64) int
	scale2U8  func(p []float64, v []uint8, w1, w2 float64) int
	scale2U16 func(p []float64, v []uint16, w1, w2 float64) int
)

func scaleRowSIMD[S gips.Pixel](p []float64, v []S, w float64) int {
	switch v := any(v).(type) {
	case []uint8:
		if scaleU8 != nil {
			return scaleU8(p, v, w)
		}
	case []uint16:
		if scaleU16 != nil {
			return scaleU16(p, v, w)
		}
	}
	return 0
}

func scaleRow2SIMD[S gips.Pixel](p []float64, v []S, w1, w2 float64) int {
	switch v := any(v).(type) {
	case []uint8:
		if scale2U8 != nil {
			return scale2U8(p, v, w1, w2)
		}
	case []uint16:
		if scale2U16 != nil {
			return scale2U16(p, v, w1, w2)
		}
	}
	return 0
}
