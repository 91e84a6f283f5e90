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

// absDiff32 and absDiff64 set d = a - b, negated where it is < 0 (so -0
// and NaN stay as they are), by flipping the sign bit through a
// conditional move, not a branch (a branch on random pixels mispredicted
// every other pixel: 340 us for 64 Ki pixels, not 70).
func absDiff32(d, a, b []float32) {
	a, b = a[:len(d)], b[:len(d)]
	for i := range d {
		v := a[i] - b[i]
		var s uint32
		if v < 0 {
			s = 1 << 31
		}
		d[i] = math.Float32frombits(math.Float32bits(v) ^ s)
	}
}

func absDiff64(d, a, b []float64) {
	a, b = a[:len(d)], b[:len(d)]
	for i := range d {
		v := a[i] - b[i]
		var s uint64
		if v < 0 {
			s = 1 << 63
		}
		d[i] = math.Float64frombits(math.Float64bits(v) ^ s)
	}
}
