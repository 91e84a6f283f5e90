//go:build goexperiment.simd && amd64

package swar

import (
	"simd/archsimd"
	"unsafe"
)

// The AVX2 and AVX-512 byte kernels (GOEXPERIMENT=simd): 32 or 64 bytes
// per instruction for the bitwise and Binary (non-zero is true) operations
// of logic, and the complement of arith.Invert. Each loop is the exact twin
// of the per-byte definition in the test (TestSIMDMatchesDefinition, which
// runs both widths).

var haveAVX2 = archsimd.X86.AVX2()

// useAVX512 picks the 64-byte loops of SIMD; the tests clear it to run
// the AVX2 ones on the same machine.
var useAVX512 = archsimd.X86.AVX512()

// SIMD sets d = op(a, b) over the first multiple of 32 bytes of d and
// returns how many bytes it did (0 without AVX2); the caller finishes the
// rest. a (and b, unless op is Not or NotNZ) must be at least as long as d.
func SIMD(op Op, d, a, b []byte) int {
	n := len(d) &^ 31
	if !haveAVX2 || n == 0 {
		return 0
	}
	defer archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next: no AVX-SSE transition stalls
	a = a[:n]
	if op != Not && op != NotNZ {
		b = b[:n]
	}
	k := 0
	if useAVX512 {
		k = simd512(op, d[:n], a, b)
	}
	d, a = d[k:n], a[k:]
	if op != Not && op != NotNZ {
		b = b[k:]
	}
	n -= k
	var zero archsimd.Uint8x32
	one := archsimd.BroadcastUint8x32(1)
	// isZero is all ones in each byte of x that is 0.
	isZero := func(x archsimd.Uint8x32) archsimd.Uint8x32 { return x.Equal(zero).ToInt8x32().AsUint8x32() }
	ld := func(s []byte, i int) archsimd.Uint8x32 { return archsimd.LoadUint8x32Slice(s[i : i+32]) }
	switch op {
	case And:
		for i := 0; i < n; i += 32 {
			ld(a, i).And(ld(b, i)).StoreSlice(d[i : i+32])
		}
	case Or:
		for i := 0; i < n; i += 32 {
			ld(a, i).Or(ld(b, i)).StoreSlice(d[i : i+32])
		}
	case Xor:
		for i := 0; i < n; i += 32 {
			ld(a, i).Xor(ld(b, i)).StoreSlice(d[i : i+32])
		}
	case Not:
		for i := 0; i < n; i += 32 {
			ld(a, i).Not().StoreSlice(d[i : i+32])
		}
	case AndNZ:
		for i := 0; i < n; i += 32 {
			one.AndNot(isZero(ld(a, i)).Or(isZero(ld(b, i)))).StoreSlice(d[i : i+32])
		}
	case OrNZ:
		for i := 0; i < n; i += 32 {
			one.AndNot(isZero(ld(a, i).Or(ld(b, i)))).StoreSlice(d[i : i+32])
		}
	case XorNZ:
		for i := 0; i < n; i += 32 {
			isZero(ld(a, i)).Xor(isZero(ld(b, i))).And(one).StoreSlice(d[i : i+32])
		}
	case NotNZ:
		for i := 0; i < n; i += 32 {
			isZero(ld(a, i)).And(one).StoreSlice(d[i : i+32])
		}
	case MaskNZ:
		for i := 0; i < n; i += 32 {
			ld(a, i).AndNot(isZero(ld(b, i))).StoreSlice(d[i : i+32])
		}
	default:
		return 0
	}
	return k + n
}

// simd512 is SIMD's AVX-512 bulk: whole 64-byte blocks of d, through
// pointers (no bounds check per vector), the op chosen outside the loop.
// The 32-byte loop with its slice checks ran at 0.6x numpy's logical_not
// on the 1024² Binary rows, which live in the caches. The Binary results
// are min(x, 1), 0 or 1, combined bitwise (not: xor 1): no mask
// registers. It returns the bytes done.
func simd512(op Op, d, a, b []byte) int {
	n := len(d) &^ 63
	if n == 0 {
		return 0
	}
	dp, ap := unsafe.Pointer(&d[0]), unsafe.Pointer(&a[0])
	bp := ap // Not and NotNZ read no b
	if op != Not && op != NotNZ {
		bp = unsafe.Pointer(&b[0])
	}
	one := archsimd.BroadcastUint8x64(1)
	var zero archsimd.Uint8x64
	type v = archsimd.Uint8x64
	switch op {
	case And:
		loop512(n, dp, ap, bp, func(x, y v) v { return x.And(y) })
	case Or:
		loop512(n, dp, ap, bp, func(x, y v) v { return x.Or(y) })
	case Xor:
		loop512(n, dp, ap, bp, func(x, y v) v { return x.Xor(y) })
	case Not:
		loop512(n, dp, ap, bp, func(x, _ v) v { return x.Not() })
	case AndNZ:
		loop512(n, dp, ap, bp, func(x, y v) v { return x.Min(one).And(y.Min(one)) })
	case OrNZ:
		loop512(n, dp, ap, bp, func(x, y v) v { return x.Or(y).Min(one) })
	case XorNZ:
		loop512(n, dp, ap, bp, func(x, y v) v { return x.Min(one).Xor(y.Min(one)) })
	case NotNZ:
		loop512(n, dp, ap, bp, func(x, _ v) v { return x.Min(one).Xor(one) })
	case MaskNZ:
		loop512(n, dp, ap, bp, func(x, y v) v { return zero.Merge(x, y.Equal(zero)) })
	default:
		return 0
	}
	return n
}

// loop512 runs f over n bytes (a multiple of 64) at the pointers. It is
// small enough to be inlined with its literal f, so that each op's loop
// is straight vector code (a body of two vectors a step is not, and its
// call of f per vector ran at half the AVX2 loop's speed).
func loop512(n int, dp, ap, bp unsafe.Pointer, f func(x, y archsimd.Uint8x64) archsimd.Uint8x64) {
	for i := 0; i < n; i += 64 {
		x := archsimd.LoadUint8x64((*[64]uint8)(unsafe.Add(ap, i)))
		y := archsimd.LoadUint8x64((*[64]uint8)(unsafe.Add(bp, i)))
		f(x, y).Store((*[64]uint8)(unsafe.Add(dp, i)))
	}
}

// Mask16 sets d[i] = a[i] where m[i] is non-zero and 0 elsewhere over the
// first multiple of 16 pixels of d, and returns how many it did (0
// without AVX2): the 16-bit pixels of logic.Mask, 16 a step (the zero
// test of 16 mask bytes, sign-extended to 16-bit lanes, clears them).
// a and m must be at least as long as d.
func Mask16(d, a []uint16, m []byte) int {
	n := len(d) &^ 15
	if !haveAVX2 || n == 0 {
		return 0
	}
	defer archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next: no AVX-SSE transition stalls
	a, m = a[:n], m[:n]
	var zero archsimd.Uint8x16
	for i := 0; i < n; i += 16 {
		z := archsimd.LoadUint8x16Slice(m[i : i+16]).Equal(zero).ToInt8x16().ExtendToInt16().AsUint16x16()
		archsimd.LoadUint16x16Slice(a[i : i+16]).AndNot(z).StoreSlice(d[i : i+16])
	}
	return n
}
