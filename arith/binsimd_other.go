//go:build !(goexperiment.simd && amd64)

package arith

import "github.com/gipsdev/gips"

// binVec has no SIMD kernels in this build: the Go loops do every pixel.
func binVec[T gips.Pixel](op binOp) func(d, a, b []T) int { return nil }

// loopDir exists for the tests, which set the vector loops' direction
// (bulk_amd64.go).
var loopDir = 0
