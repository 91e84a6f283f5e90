//go:build goexperiment.simd && amd64

package filter

import (
	"simd/archsimd"
	"unsafe"
)

// The AVX2 twins of cols3 and med3Row (median3.go) for unsigned 8- and
// 16-bit rows; TestMedian3MatchesBruteForce runs them (and the Go loops
// on the tails) under GOEXPERIMENT=simd. The loops load through pointers,
// the lengths checked once up front, so that no load pays a bounds check.

func init() {
	if archsimd.X86.AVX2() {
		simdCols3, simdMed3 = cols3AVX2, med3AVX2
	}
}

func cols3AVX2(w16 bool, lo, mid, hi, a, b, c []byte) int {
	n := len(lo) &^ 31
	if n == 0 || len(mid) < n || len(hi) < n || len(a) < n || len(b) < n || len(c) < n {
		return 0
	}
	defer archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next: no AVX-SSE transition stalls
	lp, mp, hp := unsafe.Pointer(&lo[0]), unsafe.Pointer(&mid[0]), unsafe.Pointer(&hi[0])
	ap, bp, cp := unsafe.Pointer(&a[0]), unsafe.Pointer(&b[0]), unsafe.Pointer(&c[0])
	if w16 {
		for i := 0; i < n; i += 32 {
			x, y, z := ld16(ap, i), ld16(bp, i), ld16(cp, i)
			p, q := x.Min(y), x.Max(y)
			q, r := q.Min(z), q.Max(z)
			p.Min(q).Store(p16(lp, i))
			p.Max(q).Store(p16(mp, i))
			r.Store(p16(hp, i))
		}
		return n
	}
	for i := 0; i < n; i += 32 {
		x, y, z := ld8(ap, i), ld8(bp, i), ld8(cp, i)
		p, q := x.Min(y), x.Max(y)
		q, r := q.Min(z), q.Max(z)
		p.Min(q).Store(p8(lp, i))
		p.Max(q).Store(p8(mp, i))
		r.Store(p8(hp, i))
	}
	return n
}

// med3AVX2: lo, mid and hi hold two pixels more than out.
func med3AVX2(w16 bool, out, lo, mid, hi []byte) int {
	n := len(out) &^ 31
	s := 1 // bytes per pixel
	if w16 {
		s = 2
	}
	if n == 0 || len(lo) < n+2*s || len(mid) < n+2*s || len(hi) < n+2*s {
		return 0
	}
	defer archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next: no AVX-SSE transition stalls
	op, lp, mp, hp := unsafe.Pointer(&out[0]), unsafe.Pointer(&lo[0]), unsafe.Pointer(&mid[0]), unsafe.Pointer(&hi[0])
	if w16 {
		for i := 0; i < n; i += 32 {
			a := ld16(lp, i).Max(ld16(lp, i+2)).Max(ld16(lp, i+4))
			c := ld16(hp, i).Min(ld16(hp, i+2)).Min(ld16(hp, i+4))
			x, y, z := ld16(mp, i), ld16(mp, i+2), ld16(mp, i+4)
			b := x.Min(y).Max(x.Max(y).Min(z))
			a.Min(b).Max(a.Max(b).Min(c)).Store(p16(op, i))
		}
		return n
	}
	for i := 0; i < n; i += 32 {
		a := ld8(lp, i).Max(ld8(lp, i+1)).Max(ld8(lp, i+2))
		c := ld8(hp, i).Min(ld8(hp, i+1)).Min(ld8(hp, i+2))
		x, y, z := ld8(mp, i), ld8(mp, i+1), ld8(mp, i+2)
		b := x.Min(y).Max(x.Max(y).Min(z))
		a.Min(b).Max(a.Max(b).Min(c)).Store(p8(op, i))
	}
	return n
}

// p8 and p16 are the 32 bytes at byte offset i of p; ld8 and ld16 load
// them.
func p8(p unsafe.Pointer, i int) *[32]uint8           { return (*[32]uint8)(unsafe.Add(p, i)) }
func p16(p unsafe.Pointer, i int) *[16]uint16         { return (*[16]uint16)(unsafe.Add(p, i)) }
func ld8(p unsafe.Pointer, i int) archsimd.Uint8x32   { return archsimd.LoadUint8x32(p8(p, i)) }
func ld16(p unsafe.Pointer, i int) archsimd.Uint16x16 { return archsimd.LoadUint16x16(p16(p, i)) }
