//go:build goexperiment.simd && amd64

package arith

import (
	"simd/archsimd"
	"unsafe"

	"github.com/gipsdev/gips"
)

// simdInvert is invert's -a for float and signed integer rows, in 32-byte
// AVX2 vectors: the sign bit flipped for floats (Go's negation, NaN
// included), 0 -sat a for 8- and 16-bit pixels, -max(a, -hi) for Int32
// (-lo saturates to hi), and ^a for UInt32. Not AVX-512: with a system
// call just before each call, as the bench makes, the 64-byte loop ran
// slower and far less evenly on rows in cache (int16 at 256², numpy's
// addresses, min/median of 4000 calls: 1.90/2.79 us, this loop
// 1.71/1.77). It returns the pixels done (whole vectors; 0 without AVX2).
func simdInvert[T gips.Pixel](d, a []T) int {
	size := int(unsafe.Sizeof(d[0:1][0]))
	n := len(d) * size &^ 31
	if !haveAVX2 || n == 0 {
		return 0
	}
	switch any(d).(type) {
	case []uint8, []uint16:
		return 0 // ^a, through the word kernels (notWords)
	}
	r := rowsOf(d, a[:len(d)], a[:len(d)], 32/size)
	type v = archsimd.Uint8x32
	switch any(d).(type) {
	case []float32:
		s := archsimd.BroadcastUint32x8(1 << 31).AsUint8x32()
		loopInv(r, func(x v) v { return x.Xor(s) })
	case []float64:
		s := archsimd.BroadcastUint64x4(1 << 63).AsUint8x32()
		loopInv(r, func(x v) v { return x.Xor(s) })
	case []int8:
		var z archsimd.Int8x32
		loopInv(r, func(x v) v { return z.SubSaturated(x.AsInt8x32()).AsUint8x32() })
	case []int16:
		var z archsimd.Int16x16
		loopInv(r, func(x v) v { return z.SubSaturated(x.AsInt16x16()).AsUint8x32() })
	case []uint32:
		m := archsimd.BroadcastUint8x32(0xff)
		loopInv(r, func(x v) v { return x.Xor(m) })
	case []int32:
		var z archsimd.Int32x8
		m := archsimd.BroadcastInt32x8(-1<<31 + 1)
		loopInv(r, func(x v) v { return z.Sub(x.AsInt32x8().Max(m)).AsUint8x32() })
	default:
		return 0
	}
	archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next: no AVX-SSE transition stalls
	return n / size
}

// loopInv runs f over the bulk r (32 bytes a step, backwards when
// r.n < 0, see rowsOf); inlined with its literal f.
func loopInv(r bulk, f func(x archsimd.Uint8x32) archsimd.Uint8x32) {
	m := r.n >> 63 // -1 when backwards
	for i, s := 0, 32^m-m; i != r.n; i += s {
		f(archsimd.LoadUint8x32((*[32]uint8)(unsafe.Add(r.a, i)))).Store((*[32]uint8)(unsafe.Add(r.d, i)))
	}
}
