package arith

import (
	"math"

	"github.com/gipsdev/gips"
)

// The image-image ops of the types without SWAR lanes (Int8, Int16,
// Int32, UInt32, Real32, Real64) take a SIMD bulk under GOEXPERIMENT=simd
// (binsimd_amd64.go): the row kernel runs binVec's kernel over the first
// whole vectors of a row and its Go loop, the twin, over the rest.

// binOp names an image-image op for binVec.
type binOp int

const (
	binAdd binOp = iota
	binSub
	binMul
	binDiv
	binMin
	binMax
	binAbsDiff
)

// binGoOnly makes binVec give no kernel: the tests set it to build the Go
// twins of the row kernels on the same machine.
var binGoOnly = false

// binNarrow makes binVec give the 32-byte kernels where it would give
// AVX-512 ones: the tests set it to run both.
var binNarrow = false

// vecFirst is the row kernel that runs the SIMD bulk v (none when nil)
// and then the Go loop g over the pixels v left.
func vecFirst[T gips.Pixel](v func(d, a, b []T) int, g func(d, a, b []T)) func(d, a, b []T) {
	if v == nil {
		return g
	}
	return func(d, a, b []T) {
		a, b = a[:len(d)], b[:len(d)]
		n := v(d, a, b)
		g(d[n:], a[n:], b[n:])
	}
}

// absDiffFloat is absDiff's Go loop for floats (absDiff32, absDiff64).
func absDiffFloat[T gips.Pixel]() func(d, a, b []T) {
	var k any = absDiff64
	if _, ok := any(*new(T)).(float32); ok {
		k = absDiff32
	}
	return k.(func(d, a, b []T))
}

// absDiff32 and absDiff64 set d = |a - b| as math.Abs does, the sign bit
// cleared (so -0 gives +0 and a NaN loses its sign, as numpy's and
// OpenCV's fabs do): one AND a vector in the SIMD bulk, where negating
// a - b where it was < 0 took a compare, an XOR and a blend, and the
// 256² Real32 call ran 1.2x OpenCV's (see the commit).
func absDiff32(d, a, b []float32) {
	a, b = a[:len(d)], b[:len(d)]
	for i := range d {
		d[i] = math.Float32frombits(math.Float32bits(a[i]-b[i]) &^ (1 << 31))
	}
}

func absDiff64(d, a, b []float64) {
	a, b = a[:len(d)], b[:len(d)]
	for i := range d {
		d[i] = math.Float64frombits(math.Float64bits(a[i]-b[i]) &^ (1 << 63))
	}
}
