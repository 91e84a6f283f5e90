//go:build goexperiment.simd && amd64

package filter

import (
	"simd/archsimd"
	"unsafe"
)

// The AVX2 twins of cols5 and med5Row (median5.go) for unsigned 8- and
// 16-bit rows, the same exchanges in the same order; med5Row's also in
// 64-byte AVX-512 vectors where medianAVX512 (median27_simd.go) says so.
// TestMedian5MatchesBruteForce runs them (and the Go loops on the tails)
// under GOEXPERIMENT=simd, with and without AVX-512. The 16-bit code is
// the 8-bit code with the types changed, and the 64-byte code the 32-byte
// code with the vectors changed.

func init() {
	if archsimd.X86.AVX2() {
		simdCols5, simdMed5 = cols5AVX2, med5AVX2
	}
}

func cols5AVX2(w16 bool, s, r *[5][]byte) int {
	n := len(s[0]) &^ 31
	for k := range s {
		if len(s[k]) < n || len(r[k]) < n {
			return 0
		}
	}
	if n == 0 {
		return 0
	}
	defer archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next: no AVX-SSE transition stalls
	var sp, rp [5]unsafe.Pointer
	for k := range s {
		sp[k], rp[k] = unsafe.Pointer(&s[k][0]), unsafe.Pointer(&r[k][0])
	}
	if w16 {
		for i := 0; i < n; i += 32 {
			a, b, c, d, e := ld16(rp[0], i), ld16(rp[1], i), ld16(rp[2], i), ld16(rp[3], i), ld16(rp[4], i)
			a, b = a.Min(b), a.Max(b)
			d, e = d.Min(e), d.Max(e)
			c, e = c.Min(e), c.Max(e)
			c, d = c.Min(d), c.Max(d)
			a, d = a.Min(d), a.Max(d)
			a, c = a.Min(c), a.Max(c)
			b, e = b.Min(e), b.Max(e)
			b, d = b.Min(d), b.Max(d)
			b, c = b.Min(c), b.Max(c)
			a.Store(p16(sp[0], i))
			b.Store(p16(sp[1], i))
			c.Store(p16(sp[2], i))
			d.Store(p16(sp[3], i))
			e.Store(p16(sp[4], i))
		}
		return n
	}
	for i := 0; i < n; i += 32 {
		a, b, c, d, e := ld8(rp[0], i), ld8(rp[1], i), ld8(rp[2], i), ld8(rp[3], i), ld8(rp[4], i)
		a, b = a.Min(b), a.Max(b)
		d, e = d.Min(e), d.Max(e)
		c, e = c.Min(e), c.Max(e)
		c, d = c.Min(d), c.Max(d)
		a, d = a.Min(d), a.Max(d)
		a, c = a.Min(c), a.Max(c)
		b, e = b.Min(e), b.Max(e)
		b, d = b.Min(d), b.Max(d)
		b, c = b.Min(c), b.Max(c)
		a.Store(p8(sp[0], i))
		b.Store(p8(sp[1], i))
		c.Store(p8(sp[2], i))
		d.Store(p8(sp[3], i))
		e.Store(p8(sp[4], i))
	}
	return n
}

// med5AVX2: the rows of s hold four pixels more than out.
func med5AVX2(w16 bool, out []byte, s *[5][]byte) int {
	n := len(out) &^ 31
	px := 1 // bytes per pixel
	if w16 {
		px = 2
	}
	for k := range s {
		if len(s[k]) < n+4*px {
			return 0
		}
	}
	if n == 0 {
		return 0
	}
	defer archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next: no AVX-SSE transition stalls
	var sp [5]unsafe.Pointer
	for k := range s {
		sp[k] = unsafe.Pointer(&s[k][0])
	}
	op := unsafe.Pointer(&out[0])
	i := 0
	if medianAVX512 {
		i = n &^ 63
		if w16 {
			med5U16z(op, &sp, 0, i)
		} else {
			med5U8z(op, &sp, 0, i)
		}
	}
	if w16 {
		med5U16(op, &sp, i, n)
	} else {
		med5U8(op, &sp, i, n)
	}
	return n
}

func med5U8(op unsafe.Pointer, sp *[5]unsafe.Pointer, i, n int) {
	for ; i < n; i += 32 {
		p := sp[0]
		c0, c1 := top2U8(ld8(p, i), ld8(p, i+1), ld8(p, i+2), ld8(p, i+3), ld8(p, i+4))
		p = sp[1]
		h1, h2, h3, h4 := dropMin5U8(ld8(p, i), ld8(p, i+1), ld8(p, i+2), ld8(p, i+3), ld8(p, i+4))
		c2, c3, c4 := dropMin4U8(h1, h2, h3, h4)
		p = sp[2]
		h1, h2, h3, h4 = dropMin5U8(ld8(p, i), ld8(p, i+1), ld8(p, i+2), ld8(p, i+3), ld8(p, i+4))
		c5, c6, c7 := dropMax4U8(h1, h2, h3, h4)
		p = sp[3]
		h1, h2, h3, h4 = dropMax5U8(ld8(p, i), ld8(p, i+1), ld8(p, i+2), ld8(p, i+3), ld8(p, i+4))
		c8, c9, c10 := dropMax4U8(h1, h2, h3, h4)
		p = sp[4]
		c11, c12 := bottom2U8(ld8(p, i), ld8(p, i+1), ld8(p, i+2), ld8(p, i+3), ld8(p, i+4))
		a1, a2, a3, a4, a5, a6 := drop2of8U8(c0, c1, c2, c3, c4, c5, c6, c7) // forget13's steps
		a1, a2, a3, a4, a5 = drop2of7U8(c8, a1, a2, a3, a4, a5, a6)
		a1, a2, a3, a4 = drop2of6U8(c9, a1, a2, a3, a4, a5)
		a1, a2, a3 = drop2of5U8(c10, a1, a2, a3, a4)
		a1, a2 = drop2of4U8(c11, a1, a2, a3)
		a1.Min(a2).Max(a1.Max(a2).Min(c12)).Store(p8(op, i))
	}
}

func top2U8(a, b, c, d, e archsimd.Uint8x32) (archsimd.Uint8x32, archsimd.Uint8x32) {
	l1, hi := a.Min(b), a.Max(b)
	l2, hi := hi.Min(c), hi.Max(c)
	l3, hi := hi.Min(d), hi.Max(d)
	l4, hi := hi.Min(e), hi.Max(e)
	return l1.Max(l2).Max(l3.Max(l4)), hi
}

func bottom2U8(a, b, c, d, e archsimd.Uint8x32) (archsimd.Uint8x32, archsimd.Uint8x32) {
	lo, h1 := a.Min(b), a.Max(b)
	lo, h2 := lo.Min(c), lo.Max(c)
	lo, h3 := lo.Min(d), lo.Max(d)
	lo, h4 := lo.Min(e), lo.Max(e)
	return lo, h1.Min(h2).Min(h3.Min(h4))
}

func dropMin5U8(a, b, c, d, e archsimd.Uint8x32) (archsimd.Uint8x32, archsimd.Uint8x32, archsimd.Uint8x32, archsimd.Uint8x32) {
	lo, h1 := a.Min(b), a.Max(b)
	lo, h2 := lo.Min(c), lo.Max(c)
	lo, h3 := lo.Min(d), lo.Max(d)
	return h1, h2, h3, lo.Max(e)
}

func dropMax5U8(a, b, c, d, e archsimd.Uint8x32) (archsimd.Uint8x32, archsimd.Uint8x32, archsimd.Uint8x32, archsimd.Uint8x32) {
	l1, hi := a.Min(e), a.Max(e)
	l2, hi := b.Min(hi), b.Max(hi)
	l3, hi := c.Min(hi), c.Max(hi)
	return l1, l2, l3, d.Min(hi)
}

func dropMin4U8(a, b, c, d archsimd.Uint8x32) (archsimd.Uint8x32, archsimd.Uint8x32, archsimd.Uint8x32) {
	lo, h1 := a.Min(b), a.Max(b)
	lo, h2 := lo.Min(c), lo.Max(c)
	return h1, h2, lo.Max(d)
}

func dropMax4U8(a, b, c, d archsimd.Uint8x32) (archsimd.Uint8x32, archsimd.Uint8x32, archsimd.Uint8x32) {
	l1, hi := a.Min(d), a.Max(d)
	l2, hi := b.Min(hi), b.Max(hi)
	return l1, l2, c.Min(hi)
}

func drop2of8U8(a0, a1, a2, a3, a4, a5, a6, a7 archsimd.Uint8x32) (archsimd.Uint8x32, archsimd.Uint8x32, archsimd.Uint8x32, archsimd.Uint8x32, archsimd.Uint8x32, archsimd.Uint8x32) {
	lo, a1 := a0.Min(a1), a0.Max(a1)
	lo, a2 = lo.Min(a2), lo.Max(a2)
	lo, a3 = lo.Min(a3), lo.Max(a3)
	lo, a4 = lo.Min(a4), lo.Max(a4)
	lo, a5 = lo.Min(a5), lo.Max(a5)
	lo, a6 = lo.Min(a6), lo.Max(a6)
	hi := lo.Max(a7)
	a1, hi = a1.Min(hi), a1.Max(hi)
	a2, hi = a2.Min(hi), a2.Max(hi)
	a3, hi = a3.Min(hi), a3.Max(hi)
	a4, hi = a4.Min(hi), a4.Max(hi)
	a5, hi = a5.Min(hi), a5.Max(hi)
	return a1, a2, a3, a4, a5, a6.Min(hi)
}

func drop2of7U8(a0, a1, a2, a3, a4, a5, a6 archsimd.Uint8x32) (archsimd.Uint8x32, archsimd.Uint8x32, archsimd.Uint8x32, archsimd.Uint8x32, archsimd.Uint8x32) {
	lo, a1 := a0.Min(a1), a0.Max(a1)
	lo, a2 = lo.Min(a2), lo.Max(a2)
	lo, a3 = lo.Min(a3), lo.Max(a3)
	lo, a4 = lo.Min(a4), lo.Max(a4)
	lo, a5 = lo.Min(a5), lo.Max(a5)
	hi := lo.Max(a6)
	a1, hi = a1.Min(hi), a1.Max(hi)
	a2, hi = a2.Min(hi), a2.Max(hi)
	a3, hi = a3.Min(hi), a3.Max(hi)
	a4, hi = a4.Min(hi), a4.Max(hi)
	return a1, a2, a3, a4, a5.Min(hi)
}

func drop2of6U8(a0, a1, a2, a3, a4, a5 archsimd.Uint8x32) (archsimd.Uint8x32, archsimd.Uint8x32, archsimd.Uint8x32, archsimd.Uint8x32) {
	lo, a1 := a0.Min(a1), a0.Max(a1)
	lo, a2 = lo.Min(a2), lo.Max(a2)
	lo, a3 = lo.Min(a3), lo.Max(a3)
	lo, a4 = lo.Min(a4), lo.Max(a4)
	hi := lo.Max(a5)
	a1, hi = a1.Min(hi), a1.Max(hi)
	a2, hi = a2.Min(hi), a2.Max(hi)
	a3, hi = a3.Min(hi), a3.Max(hi)
	return a1, a2, a3, a4.Min(hi)
}

func drop2of5U8(a0, a1, a2, a3, a4 archsimd.Uint8x32) (archsimd.Uint8x32, archsimd.Uint8x32, archsimd.Uint8x32) {
	lo, a1 := a0.Min(a1), a0.Max(a1)
	lo, a2 = lo.Min(a2), lo.Max(a2)
	lo, a3 = lo.Min(a3), lo.Max(a3)
	hi := lo.Max(a4)
	a1, hi = a1.Min(hi), a1.Max(hi)
	a2, hi = a2.Min(hi), a2.Max(hi)
	return a1, a2, a3.Min(hi)
}

func drop2of4U8(a0, a1, a2, a3 archsimd.Uint8x32) (archsimd.Uint8x32, archsimd.Uint8x32) {
	lo, a1 := a0.Min(a1), a0.Max(a1)
	lo, a2 = lo.Min(a2), lo.Max(a2)
	hi := lo.Max(a3)
	a1, hi = a1.Min(hi), a1.Max(hi)
	return a1, a2.Min(hi)
}

func med5U16(op unsafe.Pointer, sp *[5]unsafe.Pointer, i, n int) {
	for ; i < n; i += 32 {
		p := sp[0]
		c0, c1 := top2U16(ld16(p, i), ld16(p, i+2*1), ld16(p, i+2*2), ld16(p, i+2*3), ld16(p, i+2*4))
		p = sp[1]
		h1, h2, h3, h4 := dropMin5U16(ld16(p, i), ld16(p, i+2*1), ld16(p, i+2*2), ld16(p, i+2*3), ld16(p, i+2*4))
		c2, c3, c4 := dropMin4U16(h1, h2, h3, h4)
		p = sp[2]
		h1, h2, h3, h4 = dropMin5U16(ld16(p, i), ld16(p, i+2*1), ld16(p, i+2*2), ld16(p, i+2*3), ld16(p, i+2*4))
		c5, c6, c7 := dropMax4U16(h1, h2, h3, h4)
		p = sp[3]
		h1, h2, h3, h4 = dropMax5U16(ld16(p, i), ld16(p, i+2*1), ld16(p, i+2*2), ld16(p, i+2*3), ld16(p, i+2*4))
		c8, c9, c10 := dropMax4U16(h1, h2, h3, h4)
		p = sp[4]
		c11, c12 := bottom2U16(ld16(p, i), ld16(p, i+2*1), ld16(p, i+2*2), ld16(p, i+2*3), ld16(p, i+2*4))
		a1, a2, a3, a4, a5, a6 := drop2of8U16(c0, c1, c2, c3, c4, c5, c6, c7) // forget13's steps
		a1, a2, a3, a4, a5 = drop2of7U16(c8, a1, a2, a3, a4, a5, a6)
		a1, a2, a3, a4 = drop2of6U16(c9, a1, a2, a3, a4, a5)
		a1, a2, a3 = drop2of5U16(c10, a1, a2, a3, a4)
		a1, a2 = drop2of4U16(c11, a1, a2, a3)
		a1.Min(a2).Max(a1.Max(a2).Min(c12)).Store(p16(op, i))
	}
}

func top2U16(a, b, c, d, e archsimd.Uint16x16) (archsimd.Uint16x16, archsimd.Uint16x16) {
	l1, hi := a.Min(b), a.Max(b)
	l2, hi := hi.Min(c), hi.Max(c)
	l3, hi := hi.Min(d), hi.Max(d)
	l4, hi := hi.Min(e), hi.Max(e)
	return l1.Max(l2).Max(l3.Max(l4)), hi
}

func bottom2U16(a, b, c, d, e archsimd.Uint16x16) (archsimd.Uint16x16, archsimd.Uint16x16) {
	lo, h1 := a.Min(b), a.Max(b)
	lo, h2 := lo.Min(c), lo.Max(c)
	lo, h3 := lo.Min(d), lo.Max(d)
	lo, h4 := lo.Min(e), lo.Max(e)
	return lo, h1.Min(h2).Min(h3.Min(h4))
}

func dropMin5U16(a, b, c, d, e archsimd.Uint16x16) (archsimd.Uint16x16, archsimd.Uint16x16, archsimd.Uint16x16, archsimd.Uint16x16) {
	lo, h1 := a.Min(b), a.Max(b)
	lo, h2 := lo.Min(c), lo.Max(c)
	lo, h3 := lo.Min(d), lo.Max(d)
	return h1, h2, h3, lo.Max(e)
}

func dropMax5U16(a, b, c, d, e archsimd.Uint16x16) (archsimd.Uint16x16, archsimd.Uint16x16, archsimd.Uint16x16, archsimd.Uint16x16) {
	l1, hi := a.Min(e), a.Max(e)
	l2, hi := b.Min(hi), b.Max(hi)
	l3, hi := c.Min(hi), c.Max(hi)
	return l1, l2, l3, d.Min(hi)
}

func dropMin4U16(a, b, c, d archsimd.Uint16x16) (archsimd.Uint16x16, archsimd.Uint16x16, archsimd.Uint16x16) {
	lo, h1 := a.Min(b), a.Max(b)
	lo, h2 := lo.Min(c), lo.Max(c)
	return h1, h2, lo.Max(d)
}

func dropMax4U16(a, b, c, d archsimd.Uint16x16) (archsimd.Uint16x16, archsimd.Uint16x16, archsimd.Uint16x16) {
	l1, hi := a.Min(d), a.Max(d)
	l2, hi := b.Min(hi), b.Max(hi)
	return l1, l2, c.Min(hi)
}

func drop2of8U16(a0, a1, a2, a3, a4, a5, a6, a7 archsimd.Uint16x16) (archsimd.Uint16x16, archsimd.Uint16x16, archsimd.Uint16x16, archsimd.Uint16x16, archsimd.Uint16x16, archsimd.Uint16x16) {
	lo, a1 := a0.Min(a1), a0.Max(a1)
	lo, a2 = lo.Min(a2), lo.Max(a2)
	lo, a3 = lo.Min(a3), lo.Max(a3)
	lo, a4 = lo.Min(a4), lo.Max(a4)
	lo, a5 = lo.Min(a5), lo.Max(a5)
	lo, a6 = lo.Min(a6), lo.Max(a6)
	hi := lo.Max(a7)
	a1, hi = a1.Min(hi), a1.Max(hi)
	a2, hi = a2.Min(hi), a2.Max(hi)
	a3, hi = a3.Min(hi), a3.Max(hi)
	a4, hi = a4.Min(hi), a4.Max(hi)
	a5, hi = a5.Min(hi), a5.Max(hi)
	return a1, a2, a3, a4, a5, a6.Min(hi)
}

func drop2of7U16(a0, a1, a2, a3, a4, a5, a6 archsimd.Uint16x16) (archsimd.Uint16x16, archsimd.Uint16x16, archsimd.Uint16x16, archsimd.Uint16x16, archsimd.Uint16x16) {
	lo, a1 := a0.Min(a1), a0.Max(a1)
	lo, a2 = lo.Min(a2), lo.Max(a2)
	lo, a3 = lo.Min(a3), lo.Max(a3)
	lo, a4 = lo.Min(a4), lo.Max(a4)
	lo, a5 = lo.Min(a5), lo.Max(a5)
	hi := lo.Max(a6)
	a1, hi = a1.Min(hi), a1.Max(hi)
	a2, hi = a2.Min(hi), a2.Max(hi)
	a3, hi = a3.Min(hi), a3.Max(hi)
	a4, hi = a4.Min(hi), a4.Max(hi)
	return a1, a2, a3, a4, a5.Min(hi)
}

func drop2of6U16(a0, a1, a2, a3, a4, a5 archsimd.Uint16x16) (archsimd.Uint16x16, archsimd.Uint16x16, archsimd.Uint16x16, archsimd.Uint16x16) {
	lo, a1 := a0.Min(a1), a0.Max(a1)
	lo, a2 = lo.Min(a2), lo.Max(a2)
	lo, a3 = lo.Min(a3), lo.Max(a3)
	lo, a4 = lo.Min(a4), lo.Max(a4)
	hi := lo.Max(a5)
	a1, hi = a1.Min(hi), a1.Max(hi)
	a2, hi = a2.Min(hi), a2.Max(hi)
	a3, hi = a3.Min(hi), a3.Max(hi)
	return a1, a2, a3, a4.Min(hi)
}

func drop2of5U16(a0, a1, a2, a3, a4 archsimd.Uint16x16) (archsimd.Uint16x16, archsimd.Uint16x16, archsimd.Uint16x16) {
	lo, a1 := a0.Min(a1), a0.Max(a1)
	lo, a2 = lo.Min(a2), lo.Max(a2)
	lo, a3 = lo.Min(a3), lo.Max(a3)
	hi := lo.Max(a4)
	a1, hi = a1.Min(hi), a1.Max(hi)
	a2, hi = a2.Min(hi), a2.Max(hi)
	return a1, a2, a3.Min(hi)
}

func drop2of4U16(a0, a1, a2, a3 archsimd.Uint16x16) (archsimd.Uint16x16, archsimd.Uint16x16) {
	lo, a1 := a0.Min(a1), a0.Max(a1)
	lo, a2 = lo.Min(a2), lo.Max(a2)
	hi := lo.Max(a3)
	a1, hi = a1.Min(hi), a1.Max(hi)
	return a1, a2.Min(hi)
}

// The same for 64-byte AVX-512 vectors.

func med5U8z(op unsafe.Pointer, sp *[5]unsafe.Pointer, i, n int) {
	for ; i < n; i += 64 {
		p := sp[0]
		c0, c1 := top2U8z(ld8z(p, i), ld8z(p, i+1), ld8z(p, i+2), ld8z(p, i+3), ld8z(p, i+4))
		p = sp[1]
		h1, h2, h3, h4 := dropMin5U8z(ld8z(p, i), ld8z(p, i+1), ld8z(p, i+2), ld8z(p, i+3), ld8z(p, i+4))
		c2, c3, c4 := dropMin4U8z(h1, h2, h3, h4)
		p = sp[2]
		h1, h2, h3, h4 = dropMin5U8z(ld8z(p, i), ld8z(p, i+1), ld8z(p, i+2), ld8z(p, i+3), ld8z(p, i+4))
		c5, c6, c7 := dropMax4U8z(h1, h2, h3, h4)
		p = sp[3]
		h1, h2, h3, h4 = dropMax5U8z(ld8z(p, i), ld8z(p, i+1), ld8z(p, i+2), ld8z(p, i+3), ld8z(p, i+4))
		c8, c9, c10 := dropMax4U8z(h1, h2, h3, h4)
		p = sp[4]
		c11, c12 := bottom2U8z(ld8z(p, i), ld8z(p, i+1), ld8z(p, i+2), ld8z(p, i+3), ld8z(p, i+4))
		a1, a2, a3, a4, a5, a6 := drop2of8U8z(c0, c1, c2, c3, c4, c5, c6, c7) // forget13's steps
		a1, a2, a3, a4, a5 = drop2of7U8z(c8, a1, a2, a3, a4, a5, a6)
		a1, a2, a3, a4 = drop2of6U8z(c9, a1, a2, a3, a4, a5)
		a1, a2, a3 = drop2of5U8z(c10, a1, a2, a3, a4)
		a1, a2 = drop2of4U8z(c11, a1, a2, a3)
		a1.Min(a2).Max(a1.Max(a2).Min(c12)).Store(p8z(op, i))
	}
}

func top2U8z(a, b, c, d, e archsimd.Uint8x64) (archsimd.Uint8x64, archsimd.Uint8x64) {
	l1, hi := a.Min(b), a.Max(b)
	l2, hi := hi.Min(c), hi.Max(c)
	l3, hi := hi.Min(d), hi.Max(d)
	l4, hi := hi.Min(e), hi.Max(e)
	return l1.Max(l2).Max(l3.Max(l4)), hi
}

func bottom2U8z(a, b, c, d, e archsimd.Uint8x64) (archsimd.Uint8x64, archsimd.Uint8x64) {
	lo, h1 := a.Min(b), a.Max(b)
	lo, h2 := lo.Min(c), lo.Max(c)
	lo, h3 := lo.Min(d), lo.Max(d)
	lo, h4 := lo.Min(e), lo.Max(e)
	return lo, h1.Min(h2).Min(h3.Min(h4))
}

func dropMin5U8z(a, b, c, d, e archsimd.Uint8x64) (archsimd.Uint8x64, archsimd.Uint8x64, archsimd.Uint8x64, archsimd.Uint8x64) {
	lo, h1 := a.Min(b), a.Max(b)
	lo, h2 := lo.Min(c), lo.Max(c)
	lo, h3 := lo.Min(d), lo.Max(d)
	return h1, h2, h3, lo.Max(e)
}

func dropMax5U8z(a, b, c, d, e archsimd.Uint8x64) (archsimd.Uint8x64, archsimd.Uint8x64, archsimd.Uint8x64, archsimd.Uint8x64) {
	l1, hi := a.Min(e), a.Max(e)
	l2, hi := b.Min(hi), b.Max(hi)
	l3, hi := c.Min(hi), c.Max(hi)
	return l1, l2, l3, d.Min(hi)
}

func dropMin4U8z(a, b, c, d archsimd.Uint8x64) (archsimd.Uint8x64, archsimd.Uint8x64, archsimd.Uint8x64) {
	lo, h1 := a.Min(b), a.Max(b)
	lo, h2 := lo.Min(c), lo.Max(c)
	return h1, h2, lo.Max(d)
}

func dropMax4U8z(a, b, c, d archsimd.Uint8x64) (archsimd.Uint8x64, archsimd.Uint8x64, archsimd.Uint8x64) {
	l1, hi := a.Min(d), a.Max(d)
	l2, hi := b.Min(hi), b.Max(hi)
	return l1, l2, c.Min(hi)
}

func drop2of8U8z(a0, a1, a2, a3, a4, a5, a6, a7 archsimd.Uint8x64) (archsimd.Uint8x64, archsimd.Uint8x64, archsimd.Uint8x64, archsimd.Uint8x64, archsimd.Uint8x64, archsimd.Uint8x64) {
	lo, a1 := a0.Min(a1), a0.Max(a1)
	lo, a2 = lo.Min(a2), lo.Max(a2)
	lo, a3 = lo.Min(a3), lo.Max(a3)
	lo, a4 = lo.Min(a4), lo.Max(a4)
	lo, a5 = lo.Min(a5), lo.Max(a5)
	lo, a6 = lo.Min(a6), lo.Max(a6)
	hi := lo.Max(a7)
	a1, hi = a1.Min(hi), a1.Max(hi)
	a2, hi = a2.Min(hi), a2.Max(hi)
	a3, hi = a3.Min(hi), a3.Max(hi)
	a4, hi = a4.Min(hi), a4.Max(hi)
	a5, hi = a5.Min(hi), a5.Max(hi)
	return a1, a2, a3, a4, a5, a6.Min(hi)
}

func drop2of7U8z(a0, a1, a2, a3, a4, a5, a6 archsimd.Uint8x64) (archsimd.Uint8x64, archsimd.Uint8x64, archsimd.Uint8x64, archsimd.Uint8x64, archsimd.Uint8x64) {
	lo, a1 := a0.Min(a1), a0.Max(a1)
	lo, a2 = lo.Min(a2), lo.Max(a2)
	lo, a3 = lo.Min(a3), lo.Max(a3)
	lo, a4 = lo.Min(a4), lo.Max(a4)
	lo, a5 = lo.Min(a5), lo.Max(a5)
	hi := lo.Max(a6)
	a1, hi = a1.Min(hi), a1.Max(hi)
	a2, hi = a2.Min(hi), a2.Max(hi)
	a3, hi = a3.Min(hi), a3.Max(hi)
	a4, hi = a4.Min(hi), a4.Max(hi)
	return a1, a2, a3, a4, a5.Min(hi)
}

func drop2of6U8z(a0, a1, a2, a3, a4, a5 archsimd.Uint8x64) (archsimd.Uint8x64, archsimd.Uint8x64, archsimd.Uint8x64, archsimd.Uint8x64) {
	lo, a1 := a0.Min(a1), a0.Max(a1)
	lo, a2 = lo.Min(a2), lo.Max(a2)
	lo, a3 = lo.Min(a3), lo.Max(a3)
	lo, a4 = lo.Min(a4), lo.Max(a4)
	hi := lo.Max(a5)
	a1, hi = a1.Min(hi), a1.Max(hi)
	a2, hi = a2.Min(hi), a2.Max(hi)
	a3, hi = a3.Min(hi), a3.Max(hi)
	return a1, a2, a3, a4.Min(hi)
}

func drop2of5U8z(a0, a1, a2, a3, a4 archsimd.Uint8x64) (archsimd.Uint8x64, archsimd.Uint8x64, archsimd.Uint8x64) {
	lo, a1 := a0.Min(a1), a0.Max(a1)
	lo, a2 = lo.Min(a2), lo.Max(a2)
	lo, a3 = lo.Min(a3), lo.Max(a3)
	hi := lo.Max(a4)
	a1, hi = a1.Min(hi), a1.Max(hi)
	a2, hi = a2.Min(hi), a2.Max(hi)
	return a1, a2, a3.Min(hi)
}

func drop2of4U8z(a0, a1, a2, a3 archsimd.Uint8x64) (archsimd.Uint8x64, archsimd.Uint8x64) {
	lo, a1 := a0.Min(a1), a0.Max(a1)
	lo, a2 = lo.Min(a2), lo.Max(a2)
	hi := lo.Max(a3)
	a1, hi = a1.Min(hi), a1.Max(hi)
	return a1, a2.Min(hi)
}

func med5U16z(op unsafe.Pointer, sp *[5]unsafe.Pointer, i, n int) {
	for ; i < n; i += 64 {
		p := sp[0]
		c0, c1 := top2U16z(ld16z(p, i), ld16z(p, i+2*1), ld16z(p, i+2*2), ld16z(p, i+2*3), ld16z(p, i+2*4))
		p = sp[1]
		h1, h2, h3, h4 := dropMin5U16z(ld16z(p, i), ld16z(p, i+2*1), ld16z(p, i+2*2), ld16z(p, i+2*3), ld16z(p, i+2*4))
		c2, c3, c4 := dropMin4U16z(h1, h2, h3, h4)
		p = sp[2]
		h1, h2, h3, h4 = dropMin5U16z(ld16z(p, i), ld16z(p, i+2*1), ld16z(p, i+2*2), ld16z(p, i+2*3), ld16z(p, i+2*4))
		c5, c6, c7 := dropMax4U16z(h1, h2, h3, h4)
		p = sp[3]
		h1, h2, h3, h4 = dropMax5U16z(ld16z(p, i), ld16z(p, i+2*1), ld16z(p, i+2*2), ld16z(p, i+2*3), ld16z(p, i+2*4))
		c8, c9, c10 := dropMax4U16z(h1, h2, h3, h4)
		p = sp[4]
		c11, c12 := bottom2U16z(ld16z(p, i), ld16z(p, i+2*1), ld16z(p, i+2*2), ld16z(p, i+2*3), ld16z(p, i+2*4))
		a1, a2, a3, a4, a5, a6 := drop2of8U16z(c0, c1, c2, c3, c4, c5, c6, c7) // forget13's steps
		a1, a2, a3, a4, a5 = drop2of7U16z(c8, a1, a2, a3, a4, a5, a6)
		a1, a2, a3, a4 = drop2of6U16z(c9, a1, a2, a3, a4, a5)
		a1, a2, a3 = drop2of5U16z(c10, a1, a2, a3, a4)
		a1, a2 = drop2of4U16z(c11, a1, a2, a3)
		a1.Min(a2).Max(a1.Max(a2).Min(c12)).Store(p16z(op, i))
	}
}

func top2U16z(a, b, c, d, e archsimd.Uint16x32) (archsimd.Uint16x32, archsimd.Uint16x32) {
	l1, hi := a.Min(b), a.Max(b)
	l2, hi := hi.Min(c), hi.Max(c)
	l3, hi := hi.Min(d), hi.Max(d)
	l4, hi := hi.Min(e), hi.Max(e)
	return l1.Max(l2).Max(l3.Max(l4)), hi
}

func bottom2U16z(a, b, c, d, e archsimd.Uint16x32) (archsimd.Uint16x32, archsimd.Uint16x32) {
	lo, h1 := a.Min(b), a.Max(b)
	lo, h2 := lo.Min(c), lo.Max(c)
	lo, h3 := lo.Min(d), lo.Max(d)
	lo, h4 := lo.Min(e), lo.Max(e)
	return lo, h1.Min(h2).Min(h3.Min(h4))
}

func dropMin5U16z(a, b, c, d, e archsimd.Uint16x32) (archsimd.Uint16x32, archsimd.Uint16x32, archsimd.Uint16x32, archsimd.Uint16x32) {
	lo, h1 := a.Min(b), a.Max(b)
	lo, h2 := lo.Min(c), lo.Max(c)
	lo, h3 := lo.Min(d), lo.Max(d)
	return h1, h2, h3, lo.Max(e)
}

func dropMax5U16z(a, b, c, d, e archsimd.Uint16x32) (archsimd.Uint16x32, archsimd.Uint16x32, archsimd.Uint16x32, archsimd.Uint16x32) {
	l1, hi := a.Min(e), a.Max(e)
	l2, hi := b.Min(hi), b.Max(hi)
	l3, hi := c.Min(hi), c.Max(hi)
	return l1, l2, l3, d.Min(hi)
}

func dropMin4U16z(a, b, c, d archsimd.Uint16x32) (archsimd.Uint16x32, archsimd.Uint16x32, archsimd.Uint16x32) {
	lo, h1 := a.Min(b), a.Max(b)
	lo, h2 := lo.Min(c), lo.Max(c)
	return h1, h2, lo.Max(d)
}

func dropMax4U16z(a, b, c, d archsimd.Uint16x32) (archsimd.Uint16x32, archsimd.Uint16x32, archsimd.Uint16x32) {
	l1, hi := a.Min(d), a.Max(d)
	l2, hi := b.Min(hi), b.Max(hi)
	return l1, l2, c.Min(hi)
}

func drop2of8U16z(a0, a1, a2, a3, a4, a5, a6, a7 archsimd.Uint16x32) (archsimd.Uint16x32, archsimd.Uint16x32, archsimd.Uint16x32, archsimd.Uint16x32, archsimd.Uint16x32, archsimd.Uint16x32) {
	lo, a1 := a0.Min(a1), a0.Max(a1)
	lo, a2 = lo.Min(a2), lo.Max(a2)
	lo, a3 = lo.Min(a3), lo.Max(a3)
	lo, a4 = lo.Min(a4), lo.Max(a4)
	lo, a5 = lo.Min(a5), lo.Max(a5)
	lo, a6 = lo.Min(a6), lo.Max(a6)
	hi := lo.Max(a7)
	a1, hi = a1.Min(hi), a1.Max(hi)
	a2, hi = a2.Min(hi), a2.Max(hi)
	a3, hi = a3.Min(hi), a3.Max(hi)
	a4, hi = a4.Min(hi), a4.Max(hi)
	a5, hi = a5.Min(hi), a5.Max(hi)
	return a1, a2, a3, a4, a5, a6.Min(hi)
}

func drop2of7U16z(a0, a1, a2, a3, a4, a5, a6 archsimd.Uint16x32) (archsimd.Uint16x32, archsimd.Uint16x32, archsimd.Uint16x32, archsimd.Uint16x32, archsimd.Uint16x32) {
	lo, a1 := a0.Min(a1), a0.Max(a1)
	lo, a2 = lo.Min(a2), lo.Max(a2)
	lo, a3 = lo.Min(a3), lo.Max(a3)
	lo, a4 = lo.Min(a4), lo.Max(a4)
	lo, a5 = lo.Min(a5), lo.Max(a5)
	hi := lo.Max(a6)
	a1, hi = a1.Min(hi), a1.Max(hi)
	a2, hi = a2.Min(hi), a2.Max(hi)
	a3, hi = a3.Min(hi), a3.Max(hi)
	a4, hi = a4.Min(hi), a4.Max(hi)
	return a1, a2, a3, a4, a5.Min(hi)
}

func drop2of6U16z(a0, a1, a2, a3, a4, a5 archsimd.Uint16x32) (archsimd.Uint16x32, archsimd.Uint16x32, archsimd.Uint16x32, archsimd.Uint16x32) {
	lo, a1 := a0.Min(a1), a0.Max(a1)
	lo, a2 = lo.Min(a2), lo.Max(a2)
	lo, a3 = lo.Min(a3), lo.Max(a3)
	lo, a4 = lo.Min(a4), lo.Max(a4)
	hi := lo.Max(a5)
	a1, hi = a1.Min(hi), a1.Max(hi)
	a2, hi = a2.Min(hi), a2.Max(hi)
	a3, hi = a3.Min(hi), a3.Max(hi)
	return a1, a2, a3, a4.Min(hi)
}

func drop2of5U16z(a0, a1, a2, a3, a4 archsimd.Uint16x32) (archsimd.Uint16x32, archsimd.Uint16x32, archsimd.Uint16x32) {
	lo, a1 := a0.Min(a1), a0.Max(a1)
	lo, a2 = lo.Min(a2), lo.Max(a2)
	lo, a3 = lo.Min(a3), lo.Max(a3)
	hi := lo.Max(a4)
	a1, hi = a1.Min(hi), a1.Max(hi)
	a2, hi = a2.Min(hi), a2.Max(hi)
	return a1, a2, a3.Min(hi)
}

func drop2of4U16z(a0, a1, a2, a3 archsimd.Uint16x32) (archsimd.Uint16x32, archsimd.Uint16x32) {
	lo, a1 := a0.Min(a1), a0.Max(a1)
	lo, a2 = lo.Min(a2), lo.Max(a2)
	hi := lo.Max(a3)
	a1, hi = a1.Min(hi), a1.Max(hi)
	return a1, a2.Min(hi)
}
