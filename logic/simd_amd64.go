//go:build goexperiment.simd && amd64

package logic

import (
	"simd/archsimd"
	"unsafe"
)

// The AVX2 bulk of the bitwise and Binary byte ops (simdWords), and the
// AVX-512 mask of 32- and 64-bit pixels (GOEXPERIMENT=simd): the
// mask bytes, zero-extended to 32-bit lanes, compared with 0 into a mask
// register that zeroes the pixels it does not keep (VMOVDQU32/64 with
// zeroing), 16 pixels a step. TestMaskWideMatchesDefinition runs it and
// the Go loop.

// useAVX512 selects these loops; the tests clear it to run the Go ones.
var useAVX512 = archsimd.X86.AVX512()

// haveAVX2 selects simdWords; the tests clear it to run the word loops.
var haveAVX2 = archsimd.X86.AVX2()

// simdWords is wordRows' bulk: d = op(a, b) over the first multiple of 32
// bytes of d (a and b at least as long; b unused by wNot), bitwise, or on
// Binary bytes (bin: non-zero is true, results 0 or 1), in 32-byte AVX2
// vectors through pointers, forwards or backwards as bytesOf chooses; it
// returns the bytes done (0 without AVX2). Not swar.SIMD, whose loop is
// AVX-512 where the CPU has it: with a system call just before each call,
// as bench.py makes, that loop ran less evenly on rows in cache (not of a
// 256² Binary image, Go, min/median of 4000 calls: 0.91/1.24 us, this
// loop 0.96/1.00), and Python's not at 256² had its median 20% above its
// minimum.
func simdWords(op wordOp, bin bool, d, a, b []byte) int {
	n := len(d) &^ 31
	if !haveAVX2 || n == 0 {
		return 0
	}
	if op == wNot {
		b = a // wNot reads no b
	}
	r := bytesOf(d[:n], a[:n], b[:n])
	type v = archsimd.Uint8x32
	// On Binary bytes NOT x is 1 -sat x, and x AND y is min(x, y, 1): one
	// and two instructions where min(x, 1) of each took two and three.
	// The loops are bound by the cache, but not so far that an
	// instruction is free (Go, 256², a system call before each call,
	// median of 1500: not 1.53-1.56 -> 1.43 us, and 1.80-2.14 ->
	// 1.65-1.91).
	one := archsimd.BroadcastUint8x32(1)
	switch {
	case op == wAnd && bin:
		loop32(r, func(x, y v) v { return x.Min(y).Min(one) })
	case op == wAnd:
		loop32(r, func(x, y v) v { return x.And(y) })
	case op == wOr && bin:
		loop32(r, func(x, y v) v { return x.Or(y).Min(one) })
	case op == wOr:
		loop32(r, func(x, y v) v { return x.Or(y) })
	case op == wXor && bin:
		loop32(r, func(x, y v) v { return x.Min(one).Xor(y.Min(one)) })
	case op == wXor:
		loop32(r, func(x, y v) v { return x.Xor(y) })
	case op == wNot && bin:
		loop32(r, func(x, _ v) v { return one.SubSaturated(x) })
	case op == wNot:
		loop32(r, func(x, _ v) v { return x.Not() })
	default:
		return 0
	}
	archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next: no AVX-SSE transition stalls
	return n
}

// loop32 runs f over the bulk r (32 bytes a step, backwards when r.n < 0,
// see bytesOf); small enough to be inlined with its literal f, so that
// each op's loop is straight vector code.
func loop32(r bulk, f func(x, y archsimd.Uint8x32) archsimd.Uint8x32) {
	m := r.n >> 63 // -1 when backwards
	for i, s := 0, 32^m-m; i != r.n; i += s {
		f(archsimd.LoadUint8x32((*[32]uint8)(unsafe.Add(r.a, i))), archsimd.LoadUint8x32((*[32]uint8)(unsafe.Add(r.b, i)))).Store((*[32]uint8)(unsafe.Add(r.d, i)))
	}
}

// bulk is what loop32 runs over: |n| bytes at the pointers, backwards
// when n < 0 (the pointers then at the last 32 bytes). Four fields: the
// compiler keeps them in registers.
type bulk struct {
	n       int
	d, a, b unsafe.Pointer
}

// bytesOf is the bulk of d, a and b (of one length, a multiple of 32),
// backwards when d starts less than 256 bytes after a or b modulo 4 KiB
// and neither starts so just after d: a forward loop's loads then
// wait for the stores just made at the same low 12 address bits (arith's
// backward tells the story). Binary not at 256², Go, a system call before
// each call as the bench makes, median of 1500: the output 16 or 80 bytes
// after the source, 1.70 -> 1.53 us; 16 bytes before, 1.54 -> 1.57.
func bytesOf(d, a, b []byte) bulk {
	n := len(d)
	dp, ap, bp := unsafe.Pointer(&d[0]), unsafe.Pointer(&a[0]), unsafe.Pointer(&b[0])
	if loopDir > 0 || loopDir == 0 && !((justAfter(dp, ap) || justAfter(dp, bp)) && !justAfter(ap, dp) && !justAfter(bp, dp)) {
		return bulk{n, dp, ap, bp}
	}
	l := n - 32
	return bulk{-n, unsafe.Add(dp, l), unsafe.Add(ap, l), unsafe.Add(bp, l)}
}

// justAfter says whether x starts less than 256 bytes after y modulo
// 4 KiB.
func justAfter(x, y unsafe.Pointer) bool {
	δ := (uintptr(x) - uintptr(y)) % 4096
	return δ != 0 && δ < 256
}

// loopDir makes loop32 run forwards (1) or backwards (-1), not as bytesOf
// chooses (0): the tests run both.
var loopDir = 0

// simdMask32 sets d[i] = a[i] where m[i] != 0, 0 elsewhere, over the
// first multiple of 16 pixels, and returns how many it did (0 without
// AVX-512).
func simdMask32(d, a []uint32, m []uint8) int {
	n := min(len(d), len(a), len(m)) &^ 15
	if !useAVX512 || n == 0 {
		return 0
	}
	dp, ap, mp := unsafe.Pointer(&d[0]), unsafe.Pointer(&a[0]), unsafe.Pointer(&m[0])
	zero := archsimd.BroadcastUint32x16(0)
	for i := 0; i < n; i += 16 {
		k := archsimd.LoadUint8x16((*[16]uint8)(unsafe.Add(mp, i))).ExtendToUint32().NotEqual(zero)
		archsimd.LoadUint32x16((*[16]uint32)(unsafe.Add(ap, 4*i))).Masked(k).Store((*[16]uint32)(unsafe.Add(dp, 4*i)))
	}
	archsimd.ClearAVXUpperBits()
	return n
}

// simdMask64 is simdMask32 for 64-bit pixels: the 16 mask bits split
// between two 8-pixel vectors.
func simdMask64(d, a []uint64, m []uint8) int {
	n := min(len(d), len(a), len(m)) &^ 15
	if !useAVX512 || n == 0 {
		return 0
	}
	dp, ap, mp := unsafe.Pointer(&d[0]), unsafe.Pointer(&a[0]), unsafe.Pointer(&m[0])
	zero := archsimd.BroadcastUint32x16(0)
	for i := 0; i < n; i += 16 {
		bits := archsimd.LoadUint8x16((*[16]uint8)(unsafe.Add(mp, i))).ExtendToUint32().NotEqual(zero).ToBits()
		lo, hi := archsimd.Mask64x8FromBits(uint8(bits)), archsimd.Mask64x8FromBits(uint8(bits>>8))
		archsimd.LoadUint64x8((*[8]uint64)(unsafe.Add(ap, 8*i))).Masked(lo).Store((*[8]uint64)(unsafe.Add(dp, 8*i)))
		archsimd.LoadUint64x8((*[8]uint64)(unsafe.Add(ap, 8*i+64))).Masked(hi).Store((*[8]uint64)(unsafe.Add(dp, 8*i+64)))
	}
	archsimd.ClearAVXUpperBits()
	return n
}
