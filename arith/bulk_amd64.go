//go:build goexperiment.simd && amd64

package arith

import "unsafe"

// bulk is what the vector loops run over: |n| bytes, the whole vectors
// of d (a and b at least as long), at the pointers. n < 0 runs them
// backwards: the pointers are then at the last vector and the loop steps
// down (see backward).
type bulk struct {
	n       int
	d, a, b unsafe.Pointer
}

// rowsOf is d, a and b's bulk for vectors of w pixels (the loop's step
// is w pixels' bytes), backwards where backward says so; the loops do
// not touch the pointers when n is 0. Four fields, no more: the compiler
// keeps a struct of four in registers, and a fifth put the loops' bulk
// on the stack (twice the time).
func rowsOf[E any](d, a, b []E, w int) bulk {
	r := forwardOf(d, a, b, w)
	if r.n == 0 || !backward(r.d, r.a, r.b) {
		return r
	}
	l := r.n - w*int(unsafe.Sizeof(d[0]))
	return bulk{-r.n, unsafe.Add(r.d, l), unsafe.Add(r.a, l), unsafe.Add(r.b, l)}
}

// quads is a one-source loop's bulk r (a 32-byte vector a step, r.b
// unused) in blocks of four vectors, for loops that load a block's four
// vectors before they store any (invertBulk says why): the pointers at
// the first block's lowest vector, how many blocks, and the step from a
// block to the next (-128 backwards, where a block is the vector r
// points at and the three below it). A loop steps its pointers between
// blocks only, never past the last: a pointer outside the bulk's memory
// is invalid (checkptr refuses it). quadRest is what is left after the
// blocks: the offset from r's pointers of the next vector, the step to
// the one after (±32) and how many are left (0-3).
func quads(r bulk) (a, d unsafe.Pointer, blocks, step int) {
	m := r.n >> 63 // -1 when backwards
	blocks, step = (r.n^m-m)/128, 128^m-m
	if blocks == 0 {
		return r.a, r.d, 0, step
	}
	lo := 96 & m
	return unsafe.Add(r.a, -lo), unsafe.Add(r.d, -lo), blocks, step
}

func quadRest(r bulk) (i, step, k int) {
	m := r.n >> 63
	n := r.n ^ m - m
	return n / 128 * (128 ^ m - m), 32 ^ m - m, n % 128 / 32
}

// forwardOf is rowsOf's bulk forwards, for the loops that compute more
// than they load (Int8 and Int16 divide): their loads do not wait on the
// stores, and a loop of both directions would be too long for the
// compiler to inline (then f is a call a vector).
func forwardOf[E any](d, a, b []E, w int) bulk {
	n := len(d) / w * w
	if n == 0 {
		return bulk{}
	}
	d, a, b = d[:n], a[:n], b[:n]
	return bulk{n * int(unsafe.Sizeof(d[0])), unsafe.Pointer(&d[0]), unsafe.Pointer(&a[0]), unsafe.Pointer(&b[0])}
}

// backward says whether a loop storing at d and loading at a and b should
// run from the end. The CPU first matches a load with the pending stores
// by the low 12 bits of the addresses (4 KiB apart look alike), and a
// load that seems to match waits for the store: when d starts a little
// after a source modulo 4 KiB, the loads of a forward loop meet the
// stores it has just made. numpy allocates the arrays of a 256² call one
// after the other on its heap, 16 bytes apart modulo 4 KiB. A backward
// loop loads below its stores and does not wait, unless a source starts
// a little after d (then the forward one does not). Go, 256², a system
// call before each call as the bench makes, min of 1000, a source on a
// cache line and d δ bytes after it: UInt8 invert, forward 1.55-1.60 us
// at δ = 16, 48, ..., 176 and 1.36-1.47 from 192 on, backward 1.36-1.43
// at every δ > 0 (and 1.56-2.17 at δ = -16, -48, ..., -112, where
// forward is 1.36-1.42); Real32 subtract, forward 6.4-6.7 us at δ = 16,
// 32, 48, ..., 176, 5.8 from 192 on, backward 5.7-6.4.
func backward(d, a, b unsafe.Pointer) bool {
	if loopDir != 0 { // the tests
		return loopDir < 0
	}
	return (justAfter(d, a) || justAfter(d, b)) && !justAfter(a, d) && !justAfter(b, d)
}

// justAfter says whether x starts less than 256 bytes after y modulo
// 4 KiB.
func justAfter(x, y unsafe.Pointer) bool {
	δ := (uintptr(x) - uintptr(y)) % 4096
	return δ != 0 && δ < 256
}

// loopDir makes every loop run forwards (1) or backwards (-1), not as
// backward chooses (0): the tests run both.
var loopDir = 0
