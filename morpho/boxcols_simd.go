//go:build goexperiment.simd && amd64

package morpho

import (
	"simd/archsimd"
	"unsafe"
)

func init() {
	if archsimd.X86.AVX512() {
		slideRun, colRun = slideAVX512, colAVX512
	}
	if archsimd.X86.AVX512VBMI() {
		edgeRun = edgeVBMI
	}
}

// edgeVBMI is edgeRun (boxcols.go). Both loads come before the stores:
// the last 64 bytes may overlap the first 64 (rows under 128 bytes).
func edgeVBMI(e []byte, lo, ro int, li, ri *[64]uint8) bool {
	n := len(e)
	if n < 128 || lo < 0 || lo > n-64 || ro < 0 || ro > n-64 {
		return false
	}
	defer archsimd.ClearAVXUpperBits()
	p := unsafe.Pointer(&e[0])
	a := ld8w(p, lo).Permute(archsimd.LoadUint8x64(li))
	b := ld8w(p, ro).Permute(archsimd.LoadUint8x64(ri))
	a.Store(p8w(p, 0))
	b.Store(p8w(p, n-64))
	return true
}

// colAVX512 is colRun (boxcols.go), the diagonal kernel's scheme
// (diagGroup8) for s = 0, 64 bytes a step: for output row i the extreme
// of the rows all 8 outputs read (7..n-1), of rows n..n+i-1 (prefix
// extremes, in registers) and of rows i..6 (suffix extremes, made on the
// way back). Each lane kind and op has its own loop: one loop whose
// closure switched on them per extreme cost a tenth of a 1024² uint8 box
// and a sixth of a 256² one (172 -> 159 us, 17.4 -> 14.9).
func colAVX512(hi, w16 bool, bs *[diagMaxN + diagK]unsafe.Pointer, off *[diagMaxN + diagK]int, n int, outs *[diagK]unsafe.Pointer, nx, s int) bool {
	size := 1
	if w16 {
		size = 2
	}
	if !useReduceSIMD || s != 0 || nx*size < 64 || n < diagK || n > diagMaxN {
		return false
	}
	for q := range n + diagK - 1 {
		if off[q] != 0 {
			return false
		}
	}
	defer archsimd.ClearAVXUpperBits()
	switch {
	case w16 && hi:
		colMaxU16(bs, n, outs, nx*size)
	case w16:
		colMinU16(bs, n, outs, nx*size)
	case hi:
		colMaxU8(bs, n, outs, nx*size)
	default:
		colMinU8(bs, n, outs, nx*size)
	}
	return true
}

func colMinU8(bs *[diagMaxN + diagK]unsafe.Pointer, n int, outs *[diagK]unsafe.Pointer, nb int) {
	ld := func(q, c int) archsimd.Uint8x64 { return ld8w(bs[q], c) }
	st := func(i, c int, v archsimd.Uint8x64) { v.Store(p8w(outs[i], c)) }
	for c := 0; ; c += 64 {
		c = min(c, nb-64) // the last step overlaps the one before
		v := ld(7, c)
		for q := 8; q < n; q++ {
			v = v.Min(ld(q, c))
		}
		p1 := v.Min(ld(n, c))
		p2 := p1.Min(ld(n+1, c))
		p3 := p2.Min(ld(n+2, c))
		p4 := p3.Min(ld(n+3, c))
		p5 := p4.Min(ld(n+4, c))
		p6 := p5.Min(ld(n+5, c))
		st(7, c, p6.Min(ld(n+6, c)))
		u := ld(6, c)
		st(6, c, p6.Min(u))
		u = u.Min(ld(5, c))
		st(5, c, p5.Min(u))
		u = u.Min(ld(4, c))
		st(4, c, p4.Min(u))
		u = u.Min(ld(3, c))
		st(3, c, p3.Min(u))
		u = u.Min(ld(2, c))
		st(2, c, p2.Min(u))
		u = u.Min(ld(1, c))
		st(1, c, p1.Min(u))
		st(0, c, v.Min(u.Min(ld(0, c))))
		if c+64 >= nb {
			return
		}
	}
}

func colMaxU8(bs *[diagMaxN + diagK]unsafe.Pointer, n int, outs *[diagK]unsafe.Pointer, nb int) {
	ld := func(q, c int) archsimd.Uint8x64 { return ld8w(bs[q], c) }
	st := func(i, c int, v archsimd.Uint8x64) { v.Store(p8w(outs[i], c)) }
	for c := 0; ; c += 64 {
		c = min(c, nb-64) // the last step overlaps the one before
		v := ld(7, c)
		for q := 8; q < n; q++ {
			v = v.Max(ld(q, c))
		}
		p1 := v.Max(ld(n, c))
		p2 := p1.Max(ld(n+1, c))
		p3 := p2.Max(ld(n+2, c))
		p4 := p3.Max(ld(n+3, c))
		p5 := p4.Max(ld(n+4, c))
		p6 := p5.Max(ld(n+5, c))
		st(7, c, p6.Max(ld(n+6, c)))
		u := ld(6, c)
		st(6, c, p6.Max(u))
		u = u.Max(ld(5, c))
		st(5, c, p5.Max(u))
		u = u.Max(ld(4, c))
		st(4, c, p4.Max(u))
		u = u.Max(ld(3, c))
		st(3, c, p3.Max(u))
		u = u.Max(ld(2, c))
		st(2, c, p2.Max(u))
		u = u.Max(ld(1, c))
		st(1, c, p1.Max(u))
		st(0, c, v.Max(u.Max(ld(0, c))))
		if c+64 >= nb {
			return
		}
	}
}

func colMinU16(bs *[diagMaxN + diagK]unsafe.Pointer, n int, outs *[diagK]unsafe.Pointer, nb int) {
	ld := func(q, c int) archsimd.Uint16x32 { return ld16w(bs[q], c) }
	st := func(i, c int, v archsimd.Uint16x32) { v.Store(p16w(outs[i], c)) }
	for c := 0; ; c += 64 {
		c = min(c, nb-64) // the last step overlaps the one before
		v := ld(7, c)
		for q := 8; q < n; q++ {
			v = v.Min(ld(q, c))
		}
		p1 := v.Min(ld(n, c))
		p2 := p1.Min(ld(n+1, c))
		p3 := p2.Min(ld(n+2, c))
		p4 := p3.Min(ld(n+3, c))
		p5 := p4.Min(ld(n+4, c))
		p6 := p5.Min(ld(n+5, c))
		st(7, c, p6.Min(ld(n+6, c)))
		u := ld(6, c)
		st(6, c, p6.Min(u))
		u = u.Min(ld(5, c))
		st(5, c, p5.Min(u))
		u = u.Min(ld(4, c))
		st(4, c, p4.Min(u))
		u = u.Min(ld(3, c))
		st(3, c, p3.Min(u))
		u = u.Min(ld(2, c))
		st(2, c, p2.Min(u))
		u = u.Min(ld(1, c))
		st(1, c, p1.Min(u))
		st(0, c, v.Min(u.Min(ld(0, c))))
		if c+64 >= nb {
			return
		}
	}
}

func colMaxU16(bs *[diagMaxN + diagK]unsafe.Pointer, n int, outs *[diagK]unsafe.Pointer, nb int) {
	ld := func(q, c int) archsimd.Uint16x32 { return ld16w(bs[q], c) }
	st := func(i, c int, v archsimd.Uint16x32) { v.Store(p16w(outs[i], c)) }
	for c := 0; ; c += 64 {
		c = min(c, nb-64) // the last step overlaps the one before
		v := ld(7, c)
		for q := 8; q < n; q++ {
			v = v.Max(ld(q, c))
		}
		p1 := v.Max(ld(n, c))
		p2 := p1.Max(ld(n+1, c))
		p3 := p2.Max(ld(n+2, c))
		p4 := p3.Max(ld(n+3, c))
		p5 := p4.Max(ld(n+4, c))
		p6 := p5.Max(ld(n+5, c))
		st(7, c, p6.Max(ld(n+6, c)))
		u := ld(6, c)
		st(6, c, p6.Max(u))
		u = u.Max(ld(5, c))
		st(5, c, p5.Max(u))
		u = u.Max(ld(4, c))
		st(4, c, p4.Max(u))
		u = u.Max(ld(3, c))
		st(3, c, p3.Max(u))
		u = u.Max(ld(2, c))
		st(2, c, p2.Max(u))
		u = u.Max(ld(1, c))
		st(1, c, p1.Max(u))
		st(0, c, v.Max(u.Max(ld(0, c))))
		if c+64 >= nb {
			return
		}
	}
}

// slideAVX512 is slideRun (boxcols.go) for windows of 2 to 15 pixels, 64
// bytes a step, the last step overlapping the one before (no scalar
// tail): g holds the extremes of triples (pairs for w 2; for w up to 3
// they are the output) and the output is the extreme of g shifted by 0, 3, 6,
// 9 and w-3 pixels (clipped to w-3: repeats change nothing). Each lane
// kind and op has its own loops: one closure that switched on them per
// minimum cost 15% of a 1024² uint8 box (174 -> 146 us).
func slideAVX512(hi, w16 bool, out, ext, g []byte, w int) bool {
	size := 1
	if w16 {
		size = 2
	}
	nb := len(out)
	if !useReduceSIMD || nb < 64 || w < 2 || w > 15 || len(ext) < nb+(w-1)*size || len(g) < nb+(w-1)*size {
		return false
	}
	defer archsimd.ClearAVXUpperBits()
	L := nb + max(w-3, 0)*size // the triples the output reads
	e1, e2 := size, min(2, w-1)*size
	o1, o2, o3, o4 := min(3, w-3)*size, min(6, w-3)*size, min(9, w-3)*size, (w-3)*size
	if w <= 3 { // the pairs or triples are the output
		L, g = nb, out
	}
	ep, gp, outp := unsafe.Pointer(&ext[0]), unsafe.Pointer(&g[0]), unsafe.Pointer(&out[0])
	// c is the byte of a step over n bytes: the last overlaps the one before.
	c := func(i, n int) int { return min(i, n-64) }
	switch {
	case w16 && hi:
		for i := 0; i < L; i += 64 {
			j := c(i, L)
			ld16w(ep, j).Max(ld16w(ep, j+e1)).Max(ld16w(ep, j+e2)).Store(p16w(gp, j))
		}
		for i := 0; w > 3 && i < nb; i += 64 {
			j := c(i, nb)
			a := ld16w(gp, j).Max(ld16w(gp, j+o1))
			a.Max(ld16w(gp, j+o2).Max(ld16w(gp, j+o3))).Max(ld16w(gp, j+o4)).Store(p16w(outp, j))
		}
	case w16:
		for i := 0; i < L; i += 64 {
			j := c(i, L)
			ld16w(ep, j).Min(ld16w(ep, j+e1)).Min(ld16w(ep, j+e2)).Store(p16w(gp, j))
		}
		for i := 0; w > 3 && i < nb; i += 64 {
			j := c(i, nb)
			a := ld16w(gp, j).Min(ld16w(gp, j+o1))
			a.Min(ld16w(gp, j+o2).Min(ld16w(gp, j+o3))).Min(ld16w(gp, j+o4)).Store(p16w(outp, j))
		}
	case hi:
		for i := 0; i < L; i += 64 {
			j := c(i, L)
			ld8w(ep, j).Max(ld8w(ep, j+e1)).Max(ld8w(ep, j+e2)).Store(p8w(gp, j))
		}
		for i := 0; w > 3 && i < nb; i += 64 {
			j := c(i, nb)
			a := ld8w(gp, j).Max(ld8w(gp, j+o1))
			a.Max(ld8w(gp, j+o2).Max(ld8w(gp, j+o3))).Max(ld8w(gp, j+o4)).Store(p8w(outp, j))
		}
	default:
		for i := 0; i < L; i += 64 {
			j := c(i, L)
			ld8w(ep, j).Min(ld8w(ep, j+e1)).Min(ld8w(ep, j+e2)).Store(p8w(gp, j))
		}
		for i := 0; w > 3 && i < nb; i += 64 {
			j := c(i, nb)
			a := ld8w(gp, j).Min(ld8w(gp, j+o1))
			a.Min(ld8w(gp, j+o2).Min(ld8w(gp, j+o3))).Min(ld8w(gp, j+o4)).Store(p8w(outp, j))
		}
	}
	return true
}
