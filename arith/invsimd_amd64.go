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
// rowsOf): blocks of four vectors while four remain (quads), then one
// at a time. A block loads its four vectors before it stores any, at
// fixed offsets from one pointer a step: the loop that stored each vector
// before loading the next, at offsets i+s, i+2s, i+3s, ran a quarter
// slower on rows in cache (from Python on a Zen 5, 256² uint8, out=:
// 1.62 us a call against 1.25-1.35, every placement of the output modulo
// 4 KiB; 512²: 4.8 against 3.4-3.5). The op is a switch in the loop,
// taken the same way every turn: a closure per op would not be inlined
// into a loop this long.
func invertBulk(r bulk, op int, mask archsimd.Uint8x32) {
	ld := func(p unsafe.Pointer, off int) archsimd.Uint8x32 {
		return archsimd.LoadUint8x32((*[32]uint8)(unsafe.Add(p, off)))
	}
	st := func(p unsafe.Pointer, off int, x archsimd.Uint8x32) { x.Store((*[32]uint8)(unsafe.Add(p, off))) }
	a, d, blocks, step := quads(r)
	for k := range blocks {
		if k > 0 {
			a, d = unsafe.Add(a, step), unsafe.Add(d, step)
		}
		x0, x1, x2, x3 := ld(a, 0), ld(a, 32), ld(a, 64), ld(a, 96)
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
		st(d, 0, x0)
		st(d, 32, x1)
		st(d, 64, x2)
		st(d, 96, x3)
	}
	i, step, left := quadRest(r)
	for ; left > 0; i, left = i+step, left-1 {
		x := ld(r.a, i)
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
		st(r.d, i, x)
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
