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
	switch any(d).(type) {
	case []float32:
		invertBulk(r, invXor, archsimd.BroadcastUint32x8(1<<31).AsUint8x32())
	case []float64:
		invertBulk(r, invXor, archsimd.BroadcastUint64x4(1<<63).AsUint8x32())
	case []uint32:
		invertBulk(r, invXor, archsimd.BroadcastUint8x32(0xff))
	case []int8:
		invertBulk(r, invNeg8, archsimd.Uint8x32{})
	case []int16:
		invertBulk(r, invNeg16, archsimd.Uint8x32{})
	case []int32:
		invertBulk(r, invNeg32, archsimd.BroadcastInt32x8(-1<<31+1).AsUint8x32())
	default:
		return 0
	}
	archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next: no AVX-SSE transition stalls
	return n / size
}

// The operations of invertBulk.
const (
	invXor   = iota // x ^ mask: the sign of floats, the bits of UInt32
	invNeg8         // 0 -sat x, Int8
	invNeg16        // 0 -sat x, Int16
	invNeg32        // 0 - max(x, mask), Int32 (mask: -max, so -min gives max)
)

// invertBulk does op over the bulk r (backwards when r.n < 0, see
// rowsOf): four vectors a turn while four remain, then one. A loop of one
// vector a turn ran at half speed or less in some builds of the library
// and not in others (Int16, 256² in place, from Python: 2.7 us against
// 1.7-1.8 on a Zen 5), as its place in the code moved; four a turn weigh
// the loop's own instructions and branch four times less. The op is a
// switch in the loop, taken the same way every turn: a closure per op
// would not be inlined into a loop this long.
func invertBulk(r bulk, op int, mask archsimd.Uint8x32) {
	m := r.n >> 63 // -1 when backwards
	s := 32 ^ m - m
	ld := func(i int) archsimd.Uint8x32 { return archsimd.LoadUint8x32((*[32]uint8)(unsafe.Add(r.a, i))) }
	st := func(i int, x archsimd.Uint8x32) { x.Store((*[32]uint8)(unsafe.Add(r.d, i))) }
	i := 0
	for ; (r.n-i)^m-m >= 128; i += 4 * s {
		x0, x1, x2, x3 := ld(i), ld(i+s), ld(i+2*s), ld(i+3*s)
		switch op {
		case invXor:
			x0, x1, x2, x3 = x0.Xor(mask), x1.Xor(mask), x2.Xor(mask), x3.Xor(mask)
		case invNeg8:
			x0, x1, x2, x3 = neg8(x0), neg8(x1), neg8(x2), neg8(x3)
		case invNeg16:
			x0, x1, x2, x3 = neg16(x0), neg16(x1), neg16(x2), neg16(x3)
		case invNeg32:
			x0, x1, x2, x3 = neg32(x0, mask), neg32(x1, mask), neg32(x2, mask), neg32(x3, mask)
		}
		st(i, x0)
		st(i+s, x1)
		st(i+2*s, x2)
		st(i+3*s, x3)
	}
	for ; i != r.n; i += s {
		x := ld(i)
		switch op {
		case invXor:
			x = x.Xor(mask)
		case invNeg8:
			x = neg8(x)
		case invNeg16:
			x = neg16(x)
		case invNeg32:
			x = neg32(x, mask)
		}
		st(i, x)
	}
}

func neg8(x archsimd.Uint8x32) archsimd.Uint8x32 {
	var z archsimd.Int8x32
	return z.SubSaturated(x.AsInt8x32()).AsUint8x32()
}

func neg16(x archsimd.Uint8x32) archsimd.Uint8x32 {
	var z archsimd.Int16x16
	return z.SubSaturated(x.AsInt16x16()).AsUint8x32()
}

func neg32(x, lo archsimd.Uint8x32) archsimd.Uint8x32 {
	var z archsimd.Int32x8
	return z.Sub(x.AsInt32x8().Max(lo.AsInt32x8())).AsUint8x32()
}
