//go:build goexperiment.simd && amd64

package filter

import (
	"simd/archsimd"
	"unsafe"
)

// The SIMD twins of cols9 and med27Row (median27.go) for unsigned 8- and
// 16-bit rows: the same minima and maxima in the same order, 64 bytes a
// step with AVX-512 and 32 with AVX2 (which also does what is left of a
// row after the 64-byte steps). The four loops of each are one text with
// the vector type changed. TestMedian27Exhaustive01 and
// TestMedian27Shapes run them under GOEXPERIMENT=simd, with and without
// AVX-512. The loops load through pointers, the lengths checked once up
// front, so that no load pays a bounds check.

// medianAVX512 picks the 64-byte loops (here and in median5_simd.go); the
// tests clear it to run the AVX2 ones on the same machine.
var medianAVX512 = archsimd.X86.AVX512()

func init() {
	if archsimd.X86.AVX2() {
		simdCols9, simdMed27 = cols9SIMD, med27SIMD
	}
}

func cols9SIMD(w16 bool, s, t [9][]byte) int {
	n := len(s[0]) &^ 31
	for k := range s {
		if len(s[k]) < n || len(t[k]) < n {
			return 0
		}
	}
	if n == 0 {
		return 0
	}
	defer archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next: no AVX-SSE transition stalls
	var sp, tp [9]unsafe.Pointer
	for k := range s {
		sp[k], tp[k] = unsafe.Pointer(&s[k][0]), unsafe.Pointer(&t[k][0])
	}
	i := 0
	if medianAVX512 {
		i = n &^ 63
		if w16 {
			cols9U16x32(&sp, &tp, 0, i)
		} else {
			cols9U8x64(&sp, &tp, 0, i)
		}
	}
	if w16 {
		cols9U16x16(&sp, &tp, i, n)
	} else {
		cols9U8x32(&sp, &tp, i, n)
	}
	return n
}

// med27SIMD: the rows of s hold two pixels more than out.
func med27SIMD(w16 bool, out []byte, s [9][]byte) int {
	n := len(out) &^ 31
	px := 1 // bytes per pixel
	if w16 {
		px = 2
	}
	for k := range s {
		if len(s[k]) < n+2*px {
			return 0
		}
	}
	if n == 0 {
		return 0
	}
	defer archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next: no AVX-SSE transition stalls
	var sp [9]unsafe.Pointer
	for k := range s {
		sp[k] = unsafe.Pointer(&s[k][0])
	}
	op := unsafe.Pointer(&out[0])
	i := 0
	if medianAVX512 {
		i = n &^ 63
		if w16 {
			med27U16x32(op, &sp, 0, i)
		} else {
			med27U8x64(op, &sp, 0, i)
		}
	}
	if w16 {
		med27U16x16(op, &sp, i, n)
	} else {
		med27U8x32(op, &sp, i, n)
	}
	return n
}

// p8z and p16z are the 64 bytes at byte offset i of p; ld8z and ld16z
// load them (p8, p16, ld8 and ld16 in median3_simd.go: 32 bytes).
func p8z(p unsafe.Pointer, i int) *[64]uint8           { return (*[64]uint8)(unsafe.Add(p, i)) }
func p16z(p unsafe.Pointer, i int) *[32]uint16         { return (*[32]uint16)(unsafe.Add(p, i)) }
func ld8z(p unsafe.Pointer, i int) archsimd.Uint8x64   { return archsimd.LoadUint8x64(p8z(p, i)) }
func ld16z(p unsafe.Pointer, i int) archsimd.Uint16x32 { return archsimd.LoadUint16x32(p16z(p, i)) }

func cols9U8x32(sp, tp *[9]unsafe.Pointer, i, n int) {
	for ; i < n; i += 32 {
		a, b, c := ld8(tp[0], i), ld8(tp[3], i), ld8(tp[6], i) // rank 0 of the triples
		a, b = a.Min(b), a.Max(b)
		b, c = b.Min(c), b.Max(c)
		a, b = a.Min(b), a.Max(b)
		d, e, f := ld8(tp[1], i), ld8(tp[4], i), ld8(tp[7], i) // rank 1
		d, e = d.Min(e), d.Max(e)
		e, f = e.Min(f), e.Max(f)
		d, e = d.Min(e), d.Max(e)
		g, h, j := ld8(tp[2], i), ld8(tp[5], i), ld8(tp[8], i) // rank 2
		g, h = g.Min(h), g.Max(h)
		h, j = h.Min(j), h.Max(j)
		g, h = g.Min(h), g.Max(h)
		b, d = b.Min(d), b.Max(d)
		f, h = f.Min(h), f.Max(h)
		c, g = c.Min(g), c.Max(g)
		c, d = c.Min(d), c.Max(d)
		f, g = f.Min(g), f.Max(g)
		a.Store(p8(sp[0], i))
		b.Store(p8(sp[1], i))
		c.Store(p8(sp[2], i))
		d.Min(e).Store(p8(sp[3], i))
		d.Max(e.Min(f)).Store(p8(sp[4], i))
		e.Max(f).Store(p8(sp[5], i))
		g.Store(p8(sp[6], i))
		h.Store(p8(sp[7], i))
		j.Store(p8(sp[8], i))
	}
}

func med27U8x32(op unsafe.Pointer, sp *[9]unsafe.Pointer, i, n int) {
	for ; i < n; i += 32 {
		p := sp[0]
		h0 := ld8(p, i).Max(ld8(p, i+1)).Max(ld8(p, i+2*1))
		p = sp[1]
		h1 := ld8(p, i).Max(ld8(p, i+1)).Max(ld8(p, i+2*1))
		p = sp[2]
		a, b, c := ld8(p, i), ld8(p, i+1), ld8(p, i+2*1)
		l, h := a.Min(b), a.Max(b)
		h2, m0 := h.Max(c), l.Max(h.Min(c))
		p = sp[3]
		a, b, c = ld8(p, i), ld8(p, i+1), ld8(p, i+2*1)
		l, h = a.Min(b), a.Max(b)
		h3, m1 := h.Max(c), l.Max(h.Min(c))
		p = sp[4]
		a, b, c = ld8(p, i), ld8(p, i+1), ld8(p, i+2*1)
		m2 := a.Min(b).Max(a.Max(b).Min(c))
		p = sp[5]
		a, b, c = ld8(p, i), ld8(p, i+1), ld8(p, i+2*1)
		l, h = a.Min(b), a.Max(b)
		l0, m3 := l.Min(c), h.Min(l.Max(c))
		p = sp[6]
		a, b, c = ld8(p, i), ld8(p, i+1), ld8(p, i+2*1)
		l, h = a.Min(b), a.Max(b)
		l1, m4 := l.Min(c), h.Min(l.Max(c))
		p = sp[7]
		l2 := ld8(p, i).Min(ld8(p, i+1)).Min(ld8(p, i+2*1))
		p = sp[8]
		l3 := ld8(p, i).Min(ld8(p, i+1)).Min(ld8(p, i+2*1))
		// The least of rows 5 to 8 and the greatest of rows 0 to 3 merged,
		// but for the ends.
		v1 := l0.Max(h0)
		v2, v4 := l2.Min(h2), l2.Max(h2)
		v2, v3 := v1.Min(v2), v1.Max(v2)
		w1, n1 := l1.Min(h1), l1.Max(h1)
		n2 := l3.Min(h3)
		w2, w3 := n1.Min(n2), n1.Max(n2)
		x2, x3 := v2.Min(w1), v2.Max(w1)
		x4, x5 := v3.Min(w2), v3.Max(w2)
		x6, x7 := v4.Min(w3), v4.Max(w3)
		r := x2.Max(m4).Min(x3.Max(m3)).Min(x4.Max(m2)).Min(x5.Max(m1)).Min(x6.Max(m0)).Min(x7)
		r.Store(p8(op, i))
	}
}

func cols9U16x16(sp, tp *[9]unsafe.Pointer, i, n int) {
	for ; i < n; i += 32 {
		a, b, c := ld16(tp[0], i), ld16(tp[3], i), ld16(tp[6], i) // rank 0 of the triples
		a, b = a.Min(b), a.Max(b)
		b, c = b.Min(c), b.Max(c)
		a, b = a.Min(b), a.Max(b)
		d, e, f := ld16(tp[1], i), ld16(tp[4], i), ld16(tp[7], i) // rank 1
		d, e = d.Min(e), d.Max(e)
		e, f = e.Min(f), e.Max(f)
		d, e = d.Min(e), d.Max(e)
		g, h, j := ld16(tp[2], i), ld16(tp[5], i), ld16(tp[8], i) // rank 2
		g, h = g.Min(h), g.Max(h)
		h, j = h.Min(j), h.Max(j)
		g, h = g.Min(h), g.Max(h)
		b, d = b.Min(d), b.Max(d)
		f, h = f.Min(h), f.Max(h)
		c, g = c.Min(g), c.Max(g)
		c, d = c.Min(d), c.Max(d)
		f, g = f.Min(g), f.Max(g)
		a.Store(p16(sp[0], i))
		b.Store(p16(sp[1], i))
		c.Store(p16(sp[2], i))
		d.Min(e).Store(p16(sp[3], i))
		d.Max(e.Min(f)).Store(p16(sp[4], i))
		e.Max(f).Store(p16(sp[5], i))
		g.Store(p16(sp[6], i))
		h.Store(p16(sp[7], i))
		j.Store(p16(sp[8], i))
	}
}

func med27U16x16(op unsafe.Pointer, sp *[9]unsafe.Pointer, i, n int) {
	for ; i < n; i += 32 {
		p := sp[0]
		h0 := ld16(p, i).Max(ld16(p, i+2)).Max(ld16(p, i+2*2))
		p = sp[1]
		h1 := ld16(p, i).Max(ld16(p, i+2)).Max(ld16(p, i+2*2))
		p = sp[2]
		a, b, c := ld16(p, i), ld16(p, i+2), ld16(p, i+2*2)
		l, h := a.Min(b), a.Max(b)
		h2, m0 := h.Max(c), l.Max(h.Min(c))
		p = sp[3]
		a, b, c = ld16(p, i), ld16(p, i+2), ld16(p, i+2*2)
		l, h = a.Min(b), a.Max(b)
		h3, m1 := h.Max(c), l.Max(h.Min(c))
		p = sp[4]
		a, b, c = ld16(p, i), ld16(p, i+2), ld16(p, i+2*2)
		m2 := a.Min(b).Max(a.Max(b).Min(c))
		p = sp[5]
		a, b, c = ld16(p, i), ld16(p, i+2), ld16(p, i+2*2)
		l, h = a.Min(b), a.Max(b)
		l0, m3 := l.Min(c), h.Min(l.Max(c))
		p = sp[6]
		a, b, c = ld16(p, i), ld16(p, i+2), ld16(p, i+2*2)
		l, h = a.Min(b), a.Max(b)
		l1, m4 := l.Min(c), h.Min(l.Max(c))
		p = sp[7]
		l2 := ld16(p, i).Min(ld16(p, i+2)).Min(ld16(p, i+2*2))
		p = sp[8]
		l3 := ld16(p, i).Min(ld16(p, i+2)).Min(ld16(p, i+2*2))
		// The least of rows 5 to 8 and the greatest of rows 0 to 3 merged,
		// but for the ends.
		v1 := l0.Max(h0)
		v2, v4 := l2.Min(h2), l2.Max(h2)
		v2, v3 := v1.Min(v2), v1.Max(v2)
		w1, n1 := l1.Min(h1), l1.Max(h1)
		n2 := l3.Min(h3)
		w2, w3 := n1.Min(n2), n1.Max(n2)
		x2, x3 := v2.Min(w1), v2.Max(w1)
		x4, x5 := v3.Min(w2), v3.Max(w2)
		x6, x7 := v4.Min(w3), v4.Max(w3)
		r := x2.Max(m4).Min(x3.Max(m3)).Min(x4.Max(m2)).Min(x5.Max(m1)).Min(x6.Max(m0)).Min(x7)
		r.Store(p16(op, i))
	}
}

func cols9U8x64(sp, tp *[9]unsafe.Pointer, i, n int) {
	for ; i < n; i += 64 {
		a, b, c := ld8z(tp[0], i), ld8z(tp[3], i), ld8z(tp[6], i) // rank 0 of the triples
		a, b = a.Min(b), a.Max(b)
		b, c = b.Min(c), b.Max(c)
		a, b = a.Min(b), a.Max(b)
		d, e, f := ld8z(tp[1], i), ld8z(tp[4], i), ld8z(tp[7], i) // rank 1
		d, e = d.Min(e), d.Max(e)
		e, f = e.Min(f), e.Max(f)
		d, e = d.Min(e), d.Max(e)
		g, h, j := ld8z(tp[2], i), ld8z(tp[5], i), ld8z(tp[8], i) // rank 2
		g, h = g.Min(h), g.Max(h)
		h, j = h.Min(j), h.Max(j)
		g, h = g.Min(h), g.Max(h)
		b, d = b.Min(d), b.Max(d)
		f, h = f.Min(h), f.Max(h)
		c, g = c.Min(g), c.Max(g)
		c, d = c.Min(d), c.Max(d)
		f, g = f.Min(g), f.Max(g)
		a.Store(p8z(sp[0], i))
		b.Store(p8z(sp[1], i))
		c.Store(p8z(sp[2], i))
		d.Min(e).Store(p8z(sp[3], i))
		d.Max(e.Min(f)).Store(p8z(sp[4], i))
		e.Max(f).Store(p8z(sp[5], i))
		g.Store(p8z(sp[6], i))
		h.Store(p8z(sp[7], i))
		j.Store(p8z(sp[8], i))
	}
}

func med27U8x64(op unsafe.Pointer, sp *[9]unsafe.Pointer, i, n int) {
	for ; i < n; i += 64 {
		p := sp[0]
		h0 := ld8z(p, i).Max(ld8z(p, i+1)).Max(ld8z(p, i+2*1))
		p = sp[1]
		h1 := ld8z(p, i).Max(ld8z(p, i+1)).Max(ld8z(p, i+2*1))
		p = sp[2]
		a, b, c := ld8z(p, i), ld8z(p, i+1), ld8z(p, i+2*1)
		l, h := a.Min(b), a.Max(b)
		h2, m0 := h.Max(c), l.Max(h.Min(c))
		p = sp[3]
		a, b, c = ld8z(p, i), ld8z(p, i+1), ld8z(p, i+2*1)
		l, h = a.Min(b), a.Max(b)
		h3, m1 := h.Max(c), l.Max(h.Min(c))
		p = sp[4]
		a, b, c = ld8z(p, i), ld8z(p, i+1), ld8z(p, i+2*1)
		m2 := a.Min(b).Max(a.Max(b).Min(c))
		p = sp[5]
		a, b, c = ld8z(p, i), ld8z(p, i+1), ld8z(p, i+2*1)
		l, h = a.Min(b), a.Max(b)
		l0, m3 := l.Min(c), h.Min(l.Max(c))
		p = sp[6]
		a, b, c = ld8z(p, i), ld8z(p, i+1), ld8z(p, i+2*1)
		l, h = a.Min(b), a.Max(b)
		l1, m4 := l.Min(c), h.Min(l.Max(c))
		p = sp[7]
		l2 := ld8z(p, i).Min(ld8z(p, i+1)).Min(ld8z(p, i+2*1))
		p = sp[8]
		l3 := ld8z(p, i).Min(ld8z(p, i+1)).Min(ld8z(p, i+2*1))
		// The least of rows 5 to 8 and the greatest of rows 0 to 3 merged,
		// but for the ends.
		v1 := l0.Max(h0)
		v2, v4 := l2.Min(h2), l2.Max(h2)
		v2, v3 := v1.Min(v2), v1.Max(v2)
		w1, n1 := l1.Min(h1), l1.Max(h1)
		n2 := l3.Min(h3)
		w2, w3 := n1.Min(n2), n1.Max(n2)
		x2, x3 := v2.Min(w1), v2.Max(w1)
		x4, x5 := v3.Min(w2), v3.Max(w2)
		x6, x7 := v4.Min(w3), v4.Max(w3)
		r := x2.Max(m4).Min(x3.Max(m3)).Min(x4.Max(m2)).Min(x5.Max(m1)).Min(x6.Max(m0)).Min(x7)
		r.Store(p8z(op, i))
	}
}

func cols9U16x32(sp, tp *[9]unsafe.Pointer, i, n int) {
	for ; i < n; i += 64 {
		a, b, c := ld16z(tp[0], i), ld16z(tp[3], i), ld16z(tp[6], i) // rank 0 of the triples
		a, b = a.Min(b), a.Max(b)
		b, c = b.Min(c), b.Max(c)
		a, b = a.Min(b), a.Max(b)
		d, e, f := ld16z(tp[1], i), ld16z(tp[4], i), ld16z(tp[7], i) // rank 1
		d, e = d.Min(e), d.Max(e)
		e, f = e.Min(f), e.Max(f)
		d, e = d.Min(e), d.Max(e)
		g, h, j := ld16z(tp[2], i), ld16z(tp[5], i), ld16z(tp[8], i) // rank 2
		g, h = g.Min(h), g.Max(h)
		h, j = h.Min(j), h.Max(j)
		g, h = g.Min(h), g.Max(h)
		b, d = b.Min(d), b.Max(d)
		f, h = f.Min(h), f.Max(h)
		c, g = c.Min(g), c.Max(g)
		c, d = c.Min(d), c.Max(d)
		f, g = f.Min(g), f.Max(g)
		a.Store(p16z(sp[0], i))
		b.Store(p16z(sp[1], i))
		c.Store(p16z(sp[2], i))
		d.Min(e).Store(p16z(sp[3], i))
		d.Max(e.Min(f)).Store(p16z(sp[4], i))
		e.Max(f).Store(p16z(sp[5], i))
		g.Store(p16z(sp[6], i))
		h.Store(p16z(sp[7], i))
		j.Store(p16z(sp[8], i))
	}
}

func med27U16x32(op unsafe.Pointer, sp *[9]unsafe.Pointer, i, n int) {
	for ; i < n; i += 64 {
		p := sp[0]
		h0 := ld16z(p, i).Max(ld16z(p, i+2)).Max(ld16z(p, i+2*2))
		p = sp[1]
		h1 := ld16z(p, i).Max(ld16z(p, i+2)).Max(ld16z(p, i+2*2))
		p = sp[2]
		a, b, c := ld16z(p, i), ld16z(p, i+2), ld16z(p, i+2*2)
		l, h := a.Min(b), a.Max(b)
		h2, m0 := h.Max(c), l.Max(h.Min(c))
		p = sp[3]
		a, b, c = ld16z(p, i), ld16z(p, i+2), ld16z(p, i+2*2)
		l, h = a.Min(b), a.Max(b)
		h3, m1 := h.Max(c), l.Max(h.Min(c))
		p = sp[4]
		a, b, c = ld16z(p, i), ld16z(p, i+2), ld16z(p, i+2*2)
		m2 := a.Min(b).Max(a.Max(b).Min(c))
		p = sp[5]
		a, b, c = ld16z(p, i), ld16z(p, i+2), ld16z(p, i+2*2)
		l, h = a.Min(b), a.Max(b)
		l0, m3 := l.Min(c), h.Min(l.Max(c))
		p = sp[6]
		a, b, c = ld16z(p, i), ld16z(p, i+2), ld16z(p, i+2*2)
		l, h = a.Min(b), a.Max(b)
		l1, m4 := l.Min(c), h.Min(l.Max(c))
		p = sp[7]
		l2 := ld16z(p, i).Min(ld16z(p, i+2)).Min(ld16z(p, i+2*2))
		p = sp[8]
		l3 := ld16z(p, i).Min(ld16z(p, i+2)).Min(ld16z(p, i+2*2))
		// The least of rows 5 to 8 and the greatest of rows 0 to 3 merged,
		// but for the ends.
		v1 := l0.Max(h0)
		v2, v4 := l2.Min(h2), l2.Max(h2)
		v2, v3 := v1.Min(v2), v1.Max(v2)
		w1, n1 := l1.Min(h1), l1.Max(h1)
		n2 := l3.Min(h3)
		w2, w3 := n1.Min(n2), n1.Max(n2)
		x2, x3 := v2.Min(w1), v2.Max(w1)
		x4, x5 := v3.Min(w2), v3.Max(w2)
		x6, x7 := v4.Min(w3), v4.Max(w3)
		r := x2.Max(m4).Min(x3.Max(m3)).Min(x4.Max(m2)).Min(x5.Max(m1)).Min(x6.Max(m0)).Min(x7)
		r.Store(p16z(op, i))
	}
}
