//go:build goexperiment.simd && amd64

package filter

import (
	"simd/archsimd"
	"unsafe"
)

// The AVX2 twins of cols3 and med3Row (median3.go) for unsigned 8- and
// 16-bit rows; TestMedian3MatchesBruteForce runs them (and the Go loops
// on the tails) under GOEXPERIMENT=simd.

func init() {
	if archsimd.X86.AVX2() {
		simdCols3, simdMed3 = cols3AVX2, med3AVX2
	}
}

func cols3AVX2(w16 bool, lo, mid, hi, a, b, c []byte) int {
	n := len(lo) &^ 31
	if w16 {
		L, M, H, A, B, C := u16s(lo[:n]), u16s(mid[:n]), u16s(hi[:n]), u16s(a[:n]), u16s(b[:n]), u16s(c[:n])
		for i := 0; i < len(L); i += 16 {
			x, y, z := archsimd.LoadUint16x16Slice(A[i:]), archsimd.LoadUint16x16Slice(B[i:]), archsimd.LoadUint16x16Slice(C[i:])
			p, q := x.Min(y), x.Max(y)
			q, r := q.Min(z), q.Max(z)
			p, q = p.Min(q), p.Max(q)
			p.StoreSlice(L[i:])
			q.StoreSlice(M[i:])
			r.StoreSlice(H[i:])
		}
		return n
	}
	lo, mid, hi, a, b, c = lo[:n], mid[:n], hi[:n], a[:n], b[:n], c[:n]
	for i := 0; i < n; i += 32 {
		x, y, z := archsimd.LoadUint8x32Slice(a[i:]), archsimd.LoadUint8x32Slice(b[i:]), archsimd.LoadUint8x32Slice(c[i:])
		p, q := x.Min(y), x.Max(y)
		q, r := q.Min(z), q.Max(z)
		p, q = p.Min(q), p.Max(q)
		p.StoreSlice(lo[i:])
		q.StoreSlice(mid[i:])
		r.StoreSlice(hi[i:])
	}
	return n
}

func med3AVX2(w16 bool, out, lo, mid, hi []byte) int {
	n := len(out) &^ 31
	if w16 {
		O, L, M, H := u16s(out[:n]), u16s(lo[:n+4]), u16s(mid[:n+4]), u16s(hi[:n+4])
		for i := 0; i < len(O); i += 16 {
			a := archsimd.LoadUint16x16Slice(L[i:]).Max(archsimd.LoadUint16x16Slice(L[i+1:])).Max(archsimd.LoadUint16x16Slice(L[i+2:]))
			c := archsimd.LoadUint16x16Slice(H[i:]).Min(archsimd.LoadUint16x16Slice(H[i+1:])).Min(archsimd.LoadUint16x16Slice(H[i+2:]))
			x, y, z := archsimd.LoadUint16x16Slice(M[i:]), archsimd.LoadUint16x16Slice(M[i+1:]), archsimd.LoadUint16x16Slice(M[i+2:])
			b := x.Min(y).Max(x.Max(y).Min(z))
			a.Min(b).Max(a.Max(b).Min(c)).StoreSlice(O[i:])
		}
		return n
	}
	lo, mid, hi = lo[:n+2], mid[:n+2], hi[:n+2]
	for i := 0; i < n; i += 32 {
		a := archsimd.LoadUint8x32Slice(lo[i:]).Max(archsimd.LoadUint8x32Slice(lo[i+1:])).Max(archsimd.LoadUint8x32Slice(lo[i+2:]))
		c := archsimd.LoadUint8x32Slice(hi[i:]).Min(archsimd.LoadUint8x32Slice(hi[i+1:])).Min(archsimd.LoadUint8x32Slice(hi[i+2:]))
		x, y, z := archsimd.LoadUint8x32Slice(mid[i:]), archsimd.LoadUint8x32Slice(mid[i+1:]), archsimd.LoadUint8x32Slice(mid[i+2:])
		b := x.Min(y).Max(x.Max(y).Min(z))
		a.Min(b).Max(a.Max(b).Min(c)).StoreSlice(out[i:])
	}
	return n
}

// u16s views a byte row (even length, from a []uint16) as its 16-bit lanes.
func u16s(b []byte) []uint16 {
	if len(b) == 0 {
		return nil
	}
	return unsafe.Slice((*uint16)(unsafe.Pointer(&b[0])), len(b)/2)
}
