package morpho

import (
	"unsafe"

	"github.com/gipsdev/gips"
)

// The chord kernels (lines.go, lines3z.go) reduce tens to hundreds of rows
// into each output row. Pairwise passes (mm3) reload and store the output
// once per two rows and pay a call per pass; with AVX2 (reduce_simd.go)
// unsigned 8- and 16-bit rows are instead reduced 128 bytes at a time
// through every row, in registers, the output stored once (8-bit rows in
// AVX-512 vectors where the machine has them). The same
// kernel, on signed 8-, 16- and 32-bit, unsigned 32-bit and float lanes,
// is the AVX2 path of every row op of those types (mm2, mm3 in rowops.go):
// int16 CT volumes and float images would otherwise run one pixel at a
// time.

// laneKind is the vector lane type of a pixel type.
type laneKind uint8

const (
	kNone laneKind = iota
	kU8
	kU16
	kI8
	kI16
	kI32
	kU32
	kF32
	kF64
)

func laneKindOf[T gips.Pixel]() laneKind {
	var z T
	switch any(z).(type) {
	case uint8:
		return kU8
	case uint16:
		return kU16
	case int8:
		return kI8
	case int16:
		return kI16
	case int32:
		return kI32
	case uint32:
		return kU32
	case float32:
		return kF32
	case float64:
		return kF64
	}
	return kNone
}

// reduceChunk is how many rows one AVX2 call takes (a stack array of
// pointers, so that the call allocates nothing).
const reduceChunk = 64

// useReduceSIMD lets the twin test run the pure-Go passes in the SIMD
// build.
var useReduceSIMD = true

// reduceWide sets the leading elements of v to the minimum (maximum when
// hi) of rows (each at least len(v) long; v may be one of them at the
// same offset) and returns how many it did: 0 unless the SIMD build runs
// on AVX2.
func reduceWide[T gips.Pixel](v []T, rows [][]T, hi bool) int {
	lk := laneKindOf[T]()
	if lk == kNone {
		return 0
	}
	var z T
	size := int(unsafe.Sizeof(z))
	nb := len(v) * size
	if nb < 32 || len(rows) < 2 {
		return 0
	}
	out := unsafe.Pointer(&v[0])
	var ps [reduceChunk]unsafe.Pointer
	done := -1
	for c := 0; c < len(rows); c += reduceChunk {
		k := 0
		for _, r := range rows[c:min(c+reduceChunk, len(rows))] {
			if len(r) < len(v) {
				return 0
			}
			ps[k] = unsafe.Pointer(&r[0])
			k++
		}
		d := reduceAVX2(lk, hi, c > 0, out, nb, &ps, k)
		if d == 0 {
			return 0
		}
		done = d
	}
	return done / size
}

// reduceTail is reduceRows' element loop for what reduceWide left.
func reduceTail[T gips.Pixel](v []T, rows [][]T, hi bool, from int) {
	for i := from; i < len(v); i++ {
		m := rows[0][i]
		for _, r := range rows[1:] {
			if hi {
				m = max(m, r[i])
			} else {
				m = min(m, r[i])
			}
		}
		v[i] = m
	}
}
