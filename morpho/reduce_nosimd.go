//go:build !(goexperiment.simd && amd64)

package morpho

import "unsafe"

// reduceAVX2 does nothing without the SIMD build: reduceRows runs its
// pure-Go passes.
func reduceAVX2(lk laneKind, hi, withOut bool, out unsafe.Pointer, n int, ps *[reduceChunk]unsafe.Pointer, k int) int {
	return 0
}
