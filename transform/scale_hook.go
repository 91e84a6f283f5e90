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

// vertical2U8 and vertical2U16 (acc[k] = r0[k]·w0 + r1[k]·w1 in int32)
// are vector versions of vertical2's loop, set by zoomint_simd.go as the
// scale kernels above; TestVertical2SIMDMatchesPureGo compares them.
var (
	vertical2U8  func(acc []int32, r0, r1 []uint8, w0, w1 int32) int
	vertical2U16 func(acc []int32, r0, r1 []uint16, w0, w1 int32) int
)

func vertical2SIMD[S gips.Pixel](acc []int32, r0, r1 []S, w0, w1 int32) int {
	switch r0 := any(r0).(type) {
	case []uint8:
		if vertical2U8 != nil {
			return vertical2U8(acc, r0, any(r1).([]uint8), w0, w1)
		}
	case []uint16:
		if vertical2U16 != nil {
			return vertical2U16(acc, r0, any(r1).([]uint16), w0, w1)
		}
	case []int16:
		if vertical2I16 != nil {
			return vertical2I16(acc, r0, any(r1).([]int16), w0, w1)
		}
	}
	return 0
}

// halveU8 is the vector version of halveRowU8's loop (zoomint_simd.go);
// TestHalveSIMDMatchesPureGo compares them.
var halveU8 func(o, r0, r1 []uint8, c int, wy0, wy1, w uint16, sh uint) int

// halveEqU8 is halveU8 for rows of equal weight: m = wy0·w = wy1·w
// (zoomint_simd.go); TestHalveSIMDMatchesPureGo compares it too.
var halveEqU8 func(o, r0, r1 []uint8, c int, m uint16, sh uint) int

// halveEqU8Kernels is every halveEqU8 kernel this CPU runs, the one in
// use first; the test runs each.
var halveEqU8Kernels []func(o, r0, r1 []uint8, c int, m uint16, sh uint) int

// vertical16U8 (v[k] = r0[k]·w0 + r1[k]·w1 in uint16) and doubleU8 (the
// middle of doubleRowU8's row from m = 1; returns the first m it did not
// do) are doubleRowU8's vector kernels (zoomint_simd.go);
// TestDoubleSIMDMatchesPureGo compares them.
var (
	vertical16U8 func(v []uint16, r0, r1 []uint8, w0, w1 uint16) int
	doubleU8     func(o []uint8, v []uint16, a, b uint16, sh uint) int
)
