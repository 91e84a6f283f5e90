//go:build goexperiment.simd && amd64

package morpho

import (
	"simd/archsimd"
	"unsafe"
)

// diagRun is the AVX-512 diagonal kernel where the machine has it.
var diagRun = func() diagKernel {
	if archsimd.X86.AVX512() {
		return diagGroup8
	}
	return nil
}()

// diagGroup8 is the diagonal kernel (diag.go) in AVX-512, 64 columns a
// step: for output row i the extreme of rows i..i+n-1 is the extreme of
// the rows all 8 outputs read (7..n-1), of rows n..n+i-1 (prefix minima,
// held in registers) and of rows i..6 (suffix minima, made on the way
// back). Each row's first and last 64 pixels that the common columns miss
// (up to 7) are a vector of n reads each. It takes bytes and diagonals
// only (w16 and s = 0 are colAVX512's, boxcols_simd.go).
func diagGroup8(hi, w16 bool, bs *[diagMaxN + diagK]unsafe.Pointer, off *[diagMaxN + diagK]int, n int, outs *[diagK]unsafe.Pointer, nx, s int) bool {
	if !useReduceSIMD || w16 || s != 1 && s != -1 || nx < diagK+63 || n < diagK || n > diagMaxN {
		return false
	}
	defer archsimd.ClearAVXUpperBits()
	ld := func(q, c int) archsimd.Uint8x64 {
		return archsimd.LoadUint8x64((*[64]uint8)(unsafe.Add(bs[q], off[q]+c)))
	}
	op := func(a, b archsimd.Uint8x64) archsimd.Uint8x64 {
		if hi {
			return a.Max(b)
		}
		return a.Min(b)
	}
	st := func(i, x int, v archsimd.Uint8x64) { v.Store((*[64]uint8)(unsafe.Add(outs[i], x))) }
	// c runs over the columns at which every output row's pixel c+s*i is
	// in the row: [0, nx-7) for s = 1, [7, nx) for s = -1.
	cA, cB := 0, nx-(diagK-1)
	if s < 0 {
		cA, cB = diagK-1, nx
	}
	for c := cA; ; c += 64 {
		c = min(c, cB-64) // the last step overlaps the one before
		v := ld(7, c)
		for q := 8; q < n; q++ {
			v = op(v, ld(q, c))
		}
		p0 := v
		p1 := op(p0, ld(n, c))
		p2 := op(p1, ld(n+1, c))
		p3 := op(p2, ld(n+2, c))
		p4 := op(p3, ld(n+3, c))
		p5 := op(p4, ld(n+4, c))
		p6 := op(p5, ld(n+5, c))
		st(7, c+7*s, op(p6, ld(n+6, c)))
		u := ld(6, c)
		st(6, c+6*s, op(p6, u))
		u = op(u, ld(5, c))
		st(5, c+5*s, op(p5, u))
		u = op(u, ld(4, c))
		st(4, c+4*s, op(p4, u))
		u = op(u, ld(3, c))
		st(3, c+3*s, op(p3, u))
		u = op(u, ld(2, c))
		st(2, c+2*s, op(p2, u))
		u = op(u, ld(1, c))
		st(1, c+s, op(p1, u))
		u = op(u, ld(0, c))
		st(0, c, op(p0, u))
		if c+64 >= cB {
			break
		}
	}
	for i := range diagK {
		for _, x := range [2]int{0, nx - 64} {
			if x == 0 && cA+s*i <= 0 || x > 0 && cB+s*i >= nx {
				continue // the common columns reached this end of row i
			}
			c := x - s*i
			v := ld(i, c)
			for q := i + 1; q < i+n; q++ {
				v = op(v, ld(q, c))
			}
			st(i, x, v)
		}
	}
	return true
}
