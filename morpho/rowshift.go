package morpho

import (
	"unsafe"

	"github.com/gipsdev/gips"
)

// The last step of a long x window (slideRow) is the extreme of a few
// copies of one row g shifted by fixed offsets. reduceRows walks a list of
// row pointers per vector, which costs about half as much again as loads
// at fixed offsets from one base (measured: 5 copies of a 4096-byte row,
// 195 ns against 103 ns with AVX-512); so up to five copies go to a kernel
// with the offsets unrolled (rowshift_simd.go).

// shiftCopies is the most copies simdShift takes.
const shiftCopies = 5

// simdShift is the AVX-512 kernel of shiftRows (rowshift_simd.go): out[i]
// = the minimum (maximum when hi) of g[i+o[j]], j < 5, over the leading
// bytes of rows of 8- or 16-bit lanes or float32 lanes lk (Go's min,
// the copies in order), offsets in bytes; it returns
// the bytes done. The pure-Go build's does none.
var simdShift = func(lk laneKind, hi bool, out, g []byte, o *[shiftCopies]int) int { return 0 }

// shiftRows sets out[i] to the minimum (maximum when hi) of g[i+off] over
// offs (ascending, the first 0; g at least len(out)+offs[last] long).
func shiftRows[T gips.Pixel](out, g []T, offs []int, hi bool, rs [][]T) {
	done := 0
	if k := len(offs); k >= 4 && k <= shiftCopies {
		var z T
		size := int(unsafe.Sizeof(z))
		var o [shiftCopies]int
		for j := range o {
			o[j] = offs[min(j, k-1)] * size // repeats of the last copy change no extreme
		}
		n := len(out) + offs[k-1]
		switch lk := laneKindOf[T](); lk {
		case kU8, kU16, kI8, kI16, kF32:
			done = simdShift(lk, hi, bytesOf(out), bytesOf(g[:n]), &o) / size
		}
		if done == len(out) {
			return
		}
	}
	rs = rs[:0]
	for _, off := range offs {
		rs = append(rs, g[off+done:])
	}
	reduceRows(out[done:], rs, hi)
}
