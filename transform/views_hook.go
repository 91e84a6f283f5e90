package transform

import "unsafe"

// reverseBytes is the vector version of reverseRow (dst = src's elements
// of size bytes in reverse order), set by pickKernels to the AVX-512 or
// AVX2 kernel of views_simd.go when gips is built with GOEXPERIMENT=simd
// on a CPU that has it: it fills a multiple of 32 leading bytes of dst
// from the end of src and returns how many; the Go loop does the rest.
// TestReverseSIMDMatchesPureGo compares them at every tier.
var reverseBytes func(dst, src []byte, size int) int

// transposeStrip is the vector version of transposeRows' tiles, set by
// pickKernels on the AVX2 and AVX-512 tiers (transpose_simd.go): for
// pixels of 1, 2, 4 or 8 bytes it writes n tiles side by side, each th
// output rows of tw pixels (vecTile), output row j, column i of a tile
// being input row i, column j; input rows are ss bytes apart from src,
// output rows ds bytes apart from dst (either negative for a reversed
// axis). TestFlipRot90IntoMatchNumpy runs it, and the Go tiles, at every
// tier against numpy.
var transposeStrip func(size int, dst unsafe.Pointer, ds int, src unsafe.Pointer, ss int, n int)

// vecTile is transposeStrip's tile for pixels of size bytes: tw output
// columns (input rows) by th output rows (input columns), or 0, 0.
func vecTile(size int) (tw, th int) {
	if transposeStrip == nil {
		return 0, 0
	}
	switch size {
	case 1:
		return 16, 8
	case 2, 4:
		return 8, 8
	case 8:
		return 4, 4
	}
	return 0, 0
}
