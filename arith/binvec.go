package arith

import "github.com/gipsdev/gips"

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
