package logic

import (
	"encoding/binary"

	"github.com/gipsdev/gips/internal/swar"
)

// Word-at-a-time kernels: bitwise operations do not care about the pixel
// type, so integer rows are processed as 64-bit words, and Binary rows as
// eight bytes at once with the non-zero test done lane-wise.

type wordOp int

const (
	wAnd wordOp = iota
	wOr
	wXor
	wNot
)

const (
	low7 = 0x7F7F7F7F7F7F7F7F
	ones = 0x0101010101010101
)

// nzw is 1 in each byte of x that is non-zero, 0 elsewhere.
func nzw(x uint64) uint64 { return swar.NonZero(x) }

// wordRows sets d = op(a, b) over whole 64-bit words (b unused by wNot)
// and returns how many bytes it did, a multiple of 8; the caller finishes
// the tail. bin selects the logical (Binary) meaning.
func wordRows(op wordOp, bin bool, d, a, b []byte) int {
	// AVX2 first under GOEXPERIMENT=simd (32 bytes at a time), the words
	// of the rest here.
	k := simdWords(op, bin, d, a, b)
	d, a = d[k:], a[k:]
	if op != wNot {
		b = b[k:]
	}
	n := len(d) &^ 7
	a = a[:n]
	if op != wNot {
		b = b[:n]
	}
	ne := binary.NativeEndian
	switch {
	case op == wNot && bin:
		for i := 0; i < n; i += 8 {
			ne.PutUint64(d[i:i+8], nzw(ne.Uint64(a[i:i+8]))^ones)
		}
	case op == wNot:
		for i := 0; i < n; i += 8 {
			ne.PutUint64(d[i:i+8], ^ne.Uint64(a[i:i+8]))
		}
	case op == wAnd && bin:
		for i := 0; i < n; i += 8 {
			ne.PutUint64(d[i:i+8], nzw(ne.Uint64(a[i:i+8]))&nzw(ne.Uint64(b[i:i+8])))
		}
	case op == wAnd:
		for i := 0; i < n; i += 8 {
			ne.PutUint64(d[i:i+8], ne.Uint64(a[i:i+8])&ne.Uint64(b[i:i+8]))
		}
	case op == wOr && bin:
		for i := 0; i < n; i += 8 {
			ne.PutUint64(d[i:i+8], nzw(ne.Uint64(a[i:i+8])|ne.Uint64(b[i:i+8])))
		}
	case op == wOr:
		for i := 0; i < n; i += 8 {
			ne.PutUint64(d[i:i+8], ne.Uint64(a[i:i+8])|ne.Uint64(b[i:i+8]))
		}
	case op == wXor && bin:
		for i := 0; i < n; i += 8 {
			ne.PutUint64(d[i:i+8], nzw(ne.Uint64(a[i:i+8]))^nzw(ne.Uint64(b[i:i+8])))
		}
	case op == wXor:
		for i := 0; i < n; i += 8 {
			ne.PutUint64(d[i:i+8], ne.Uint64(a[i:i+8])^ne.Uint64(b[i:i+8]))
		}
	}
	return k + n
}

// maskBytes sets d = a where m is non-zero and 0 elsewhere, for 1-byte
// pixels, over whole words; it returns the bytes done.
func maskBytes(d, a, m []byte) int {
	k := swar.SIMD(swar.MaskNZ, d, a, m)
	d, a, m = d[k:], a[k:], m[k:]
	n := len(d) &^ 7
	a, m = a[:n], m[:n]
	ne := binary.NativeEndian
	for i := 0; i < n; i += 8 {
		ne.PutUint64(d[i:i+8], ne.Uint64(a[i:i+8])&(nzw(ne.Uint64(m[i:i+8]))*0xFF))
	}
	return k + n
}
