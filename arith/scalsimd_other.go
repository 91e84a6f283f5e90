//go:build !(goexperiment.simd && amd64)

package arith

import "github.com/gipsdev/gips"

// No vector kernels in this build: the Go ones (scalgo.go) do every pixel.

const (
	has512     = false // AVX-512 (BW, DQ, VL)
	haveF64Eng = false // the float64 formula in vectors
	haveLut8   = false // 256-byte table lookups in vectors
)

func simdFloatScalar[T gips.Pixel](op sop, d, a []T, c T) int        { return 0 }
func simdAddClamped[T gips.Pixel](d, a []T, bound, c T, up bool) int { return 0 }
func simdMulInt[T gips.Pixel](d, a []T, iv int64) int                { return 0 }
func simdFormula[T gips.Pixel](op sop, d, a []T, v float64) int      { return 0 }
func simdLut8(d, a []byte, lut *[256]uint8) int                      { return 0 }

func simdLinEng[T gips.Pixel](d, a, b []T, ka, kb, c float64) int   { return 0 }
func simdLinFloat[T gips.Pixel](d, a, b []T, ka, kb, c float64) int { return 0 }
func simdInvert[T gips.Pixel](d, a []T) int                         { return 0 }
func simdLinFixS16(d, a, b []int16, w linFix16W) int                { return 0 }
