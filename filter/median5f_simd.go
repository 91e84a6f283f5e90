//go:build goexperiment.simd && amd64

package filter

import (
	"simd/archsimd"
	"unsafe"
)

// The vector twins of the 5x5 median's sorted columns and selection
// (median5.go) for float32 rows without NaN and -0 (median5f.go), where
// MINPS and MAXPS are Go's min and max in either operand order: the
// uint16 loops of median5_simd.go with the vector type changed, 64 bytes
// a step with AVX-512 where medianAVX512 says so. TestMedian5FloatTwins
// runs them under GOEXPERIMENT=simd, with and without AVX-512.

func init() {
	if archsimd.X86.AVX2() {
		simdCols5F, simdMed5F = cols5F32SIMD, med5F32SIMD
	}
}

func cols5F32SIMD(s, r *[5][]byte) int {
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
	for i := 0; i < n; i += 32 {
		a, b, c, d, e := ldF32(rp[0], i), ldF32(rp[1], i), ldF32(rp[2], i), ldF32(rp[3], i), ldF32(rp[4], i)
		a, b = a.Min(b), a.Max(b)
		d, e = d.Min(e), d.Max(e)
		c, e = c.Min(e), c.Max(e)
		c, d = c.Min(d), c.Max(d)
		a, d = a.Min(d), a.Max(d)
		a, c = a.Min(c), a.Max(c)
		b, e = b.Min(e), b.Max(e)
		b, d = b.Min(d), b.Max(d)
		b, c = b.Min(c), b.Max(c)
		a.Store(pF32(sp[0], i))
		b.Store(pF32(sp[1], i))
		c.Store(pF32(sp[2], i))
		d.Store(pF32(sp[3], i))
		e.Store(pF32(sp[4], i))
	}
	return n
}

// med5F32SIMD: the rows of s hold four pixels more than out.
func med5F32SIMD(out []byte, s *[5][]byte) int {
	n := len(out) &^ 31
	for k := range s {
		if len(s[k]) < n+16 {
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
		med5F32z(op, &sp, 0, i)
	}
	med5F32(op, &sp, i, n)
	return n
}

func pF32(p unsafe.Pointer, i int) *[8]float32           { return (*[8]float32)(unsafe.Add(p, i)) }
func pF32z(p unsafe.Pointer, i int) *[16]float32         { return (*[16]float32)(unsafe.Add(p, i)) }
func ldF32(p unsafe.Pointer, i int) archsimd.Float32x8   { return archsimd.LoadFloat32x8(pF32(p, i)) }
func ldF32z(p unsafe.Pointer, i int) archsimd.Float32x16 { return archsimd.LoadFloat32x16(pF32z(p, i)) }

func med5F32(op unsafe.Pointer, sp *[5]unsafe.Pointer, i, n int) {
	for ; i < n; i += 32 {
		p := sp[0]
		c0, c1 := top2F32(ldF32(p, i), ldF32(p, i+4*1), ldF32(p, i+4*2), ldF32(p, i+4*3), ldF32(p, i+4*4))
		p = sp[1]
		h1, h2, h3, h4 := dropMin5F32(ldF32(p, i), ldF32(p, i+4*1), ldF32(p, i+4*2), ldF32(p, i+4*3), ldF32(p, i+4*4))
		c2, c3, c4 := dropMin4F32(h1, h2, h3, h4)
		p = sp[2]
		h1, h2, h3, h4 = dropMin5F32(ldF32(p, i), ldF32(p, i+4*1), ldF32(p, i+4*2), ldF32(p, i+4*3), ldF32(p, i+4*4))
		c5, c6, c7 := dropMax4F32(h1, h2, h3, h4)
		p = sp[3]
		h1, h2, h3, h4 = dropMax5F32(ldF32(p, i), ldF32(p, i+4*1), ldF32(p, i+4*2), ldF32(p, i+4*3), ldF32(p, i+4*4))
		c8, c9, c10 := dropMax4F32(h1, h2, h3, h4)
		p = sp[4]
		c11, c12 := bottom2F32(ldF32(p, i), ldF32(p, i+4*1), ldF32(p, i+4*2), ldF32(p, i+4*3), ldF32(p, i+4*4))
		// forget13's selection in named values (registers, not a stack
		// array): keep eight, drop the least and the greatest, take the next
		a1, a2, a3, a4, a5, a6 := drop2of8F32(c0, c1, c2, c3, c4, c5, c6, c7)
		a1, a2, a3, a4, a5 = drop2of7F32(c8, a1, a2, a3, a4, a5, a6)
		a1, a2, a3, a4 = drop2of6F32(c9, a1, a2, a3, a4, a5)
		a1, a2, a3 = drop2of5F32(c10, a1, a2, a3, a4)
		a1, a2 = drop2of4F32(c11, a1, a2, a3)
		a1.Min(a2).Max(a1.Max(a2).Min(c12)).Store(pF32(op, i))
	}
}

func top2F32(a, b, c, d, e archsimd.Float32x8) (archsimd.Float32x8, archsimd.Float32x8) {
	l1, hi := a.Min(b), a.Max(b)
	l2, hi := hi.Min(c), hi.Max(c)
	l3, hi := hi.Min(d), hi.Max(d)
	l4, hi := hi.Min(e), hi.Max(e)
	return l1.Max(l2).Max(l3.Max(l4)), hi
}

func bottom2F32(a, b, c, d, e archsimd.Float32x8) (archsimd.Float32x8, archsimd.Float32x8) {
	lo, h1 := a.Min(b), a.Max(b)
	lo, h2 := lo.Min(c), lo.Max(c)
	lo, h3 := lo.Min(d), lo.Max(d)
	lo, h4 := lo.Min(e), lo.Max(e)
	return lo, h1.Min(h2).Min(h3.Min(h4))
}

func dropMin5F32(a, b, c, d, e archsimd.Float32x8) (archsimd.Float32x8, archsimd.Float32x8, archsimd.Float32x8, archsimd.Float32x8) {
	lo, h1 := a.Min(b), a.Max(b)
	lo, h2 := lo.Min(c), lo.Max(c)
	lo, h3 := lo.Min(d), lo.Max(d)
	return h1, h2, h3, lo.Max(e)
}

func dropMax5F32(a, b, c, d, e archsimd.Float32x8) (archsimd.Float32x8, archsimd.Float32x8, archsimd.Float32x8, archsimd.Float32x8) {
	l1, hi := a.Min(e), a.Max(e)
	l2, hi := b.Min(hi), b.Max(hi)
	l3, hi := c.Min(hi), c.Max(hi)
	return l1, l2, l3, d.Min(hi)
}

func dropMin4F32(a, b, c, d archsimd.Float32x8) (archsimd.Float32x8, archsimd.Float32x8, archsimd.Float32x8) {
	lo, h1 := a.Min(b), a.Max(b)
	lo, h2 := lo.Min(c), lo.Max(c)
	return h1, h2, lo.Max(d)
}

func dropMax4F32(a, b, c, d archsimd.Float32x8) (archsimd.Float32x8, archsimd.Float32x8, archsimd.Float32x8) {
	l1, hi := a.Min(d), a.Max(d)
	l2, hi := b.Min(hi), b.Max(hi)
	return l1, l2, c.Min(hi)
}

// drop2ofN is N values less their least and their greatest (forget13's
// steps: the least by a chain of exchanges up, the greatest by one down).
func drop2of8F32(a0, a1, a2, a3, a4, a5, a6, a7 archsimd.Float32x8) (archsimd.Float32x8, archsimd.Float32x8, archsimd.Float32x8, archsimd.Float32x8, archsimd.Float32x8, archsimd.Float32x8) {
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

func drop2of7F32(a0, a1, a2, a3, a4, a5, a6 archsimd.Float32x8) (archsimd.Float32x8, archsimd.Float32x8, archsimd.Float32x8, archsimd.Float32x8, archsimd.Float32x8) {
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

func drop2of6F32(a0, a1, a2, a3, a4, a5 archsimd.Float32x8) (archsimd.Float32x8, archsimd.Float32x8, archsimd.Float32x8, archsimd.Float32x8) {
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

func drop2of5F32(a0, a1, a2, a3, a4 archsimd.Float32x8) (archsimd.Float32x8, archsimd.Float32x8, archsimd.Float32x8) {
	lo, a1 := a0.Min(a1), a0.Max(a1)
	lo, a2 = lo.Min(a2), lo.Max(a2)
	lo, a3 = lo.Min(a3), lo.Max(a3)
	hi := lo.Max(a4)
	a1, hi = a1.Min(hi), a1.Max(hi)
	a2, hi = a2.Min(hi), a2.Max(hi)
	return a1, a2, a3.Min(hi)
}

func drop2of4F32(a0, a1, a2, a3 archsimd.Float32x8) (archsimd.Float32x8, archsimd.Float32x8) {
	lo, a1 := a0.Min(a1), a0.Max(a1)
	lo, a2 = lo.Min(a2), lo.Max(a2)
	hi := lo.Max(a3)
	a1, hi = a1.Min(hi), a1.Max(hi)
	return a1, a2.Min(hi)
}

func med5F32z(op unsafe.Pointer, sp *[5]unsafe.Pointer, i, n int) {
	for ; i < n; i += 64 {
		p := sp[0]
		c0, c1 := top2F32z(ldF32z(p, i), ldF32z(p, i+4*1), ldF32z(p, i+4*2), ldF32z(p, i+4*3), ldF32z(p, i+4*4))
		p = sp[1]
		h1, h2, h3, h4 := dropMin5F32z(ldF32z(p, i), ldF32z(p, i+4*1), ldF32z(p, i+4*2), ldF32z(p, i+4*3), ldF32z(p, i+4*4))
		c2, c3, c4 := dropMin4F32z(h1, h2, h3, h4)
		p = sp[2]
		h1, h2, h3, h4 = dropMin5F32z(ldF32z(p, i), ldF32z(p, i+4*1), ldF32z(p, i+4*2), ldF32z(p, i+4*3), ldF32z(p, i+4*4))
		c5, c6, c7 := dropMax4F32z(h1, h2, h3, h4)
		p = sp[3]
		h1, h2, h3, h4 = dropMax5F32z(ldF32z(p, i), ldF32z(p, i+4*1), ldF32z(p, i+4*2), ldF32z(p, i+4*3), ldF32z(p, i+4*4))
		c8, c9, c10 := dropMax4F32z(h1, h2, h3, h4)
		p = sp[4]
		c11, c12 := bottom2F32z(ldF32z(p, i), ldF32z(p, i+4*1), ldF32z(p, i+4*2), ldF32z(p, i+4*3), ldF32z(p, i+4*4))
		// forget13's selection in named values (registers, not a stack
		// array): keep eight, drop the least and the greatest, take the next
		a1, a2, a3, a4, a5, a6 := drop2of8F32z(c0, c1, c2, c3, c4, c5, c6, c7)
		a1, a2, a3, a4, a5 = drop2of7F32z(c8, a1, a2, a3, a4, a5, a6)
		a1, a2, a3, a4 = drop2of6F32z(c9, a1, a2, a3, a4, a5)
		a1, a2, a3 = drop2of5F32z(c10, a1, a2, a3, a4)
		a1, a2 = drop2of4F32z(c11, a1, a2, a3)
		a1.Min(a2).Max(a1.Max(a2).Min(c12)).Store(pF32z(op, i))
	}
}

func top2F32z(a, b, c, d, e archsimd.Float32x16) (archsimd.Float32x16, archsimd.Float32x16) {
	l1, hi := a.Min(b), a.Max(b)
	l2, hi := hi.Min(c), hi.Max(c)
	l3, hi := hi.Min(d), hi.Max(d)
	l4, hi := hi.Min(e), hi.Max(e)
	return l1.Max(l2).Max(l3.Max(l4)), hi
}

func bottom2F32z(a, b, c, d, e archsimd.Float32x16) (archsimd.Float32x16, archsimd.Float32x16) {
	lo, h1 := a.Min(b), a.Max(b)
	lo, h2 := lo.Min(c), lo.Max(c)
	lo, h3 := lo.Min(d), lo.Max(d)
	lo, h4 := lo.Min(e), lo.Max(e)
	return lo, h1.Min(h2).Min(h3.Min(h4))
}

func dropMin5F32z(a, b, c, d, e archsimd.Float32x16) (archsimd.Float32x16, archsimd.Float32x16, archsimd.Float32x16, archsimd.Float32x16) {
	lo, h1 := a.Min(b), a.Max(b)
	lo, h2 := lo.Min(c), lo.Max(c)
	lo, h3 := lo.Min(d), lo.Max(d)
	return h1, h2, h3, lo.Max(e)
}

func dropMax5F32z(a, b, c, d, e archsimd.Float32x16) (archsimd.Float32x16, archsimd.Float32x16, archsimd.Float32x16, archsimd.Float32x16) {
	l1, hi := a.Min(e), a.Max(e)
	l2, hi := b.Min(hi), b.Max(hi)
	l3, hi := c.Min(hi), c.Max(hi)
	return l1, l2, l3, d.Min(hi)
}

func dropMin4F32z(a, b, c, d archsimd.Float32x16) (archsimd.Float32x16, archsimd.Float32x16, archsimd.Float32x16) {
	lo, h1 := a.Min(b), a.Max(b)
	lo, h2 := lo.Min(c), lo.Max(c)
	return h1, h2, lo.Max(d)
}

func dropMax4F32z(a, b, c, d archsimd.Float32x16) (archsimd.Float32x16, archsimd.Float32x16, archsimd.Float32x16) {
	l1, hi := a.Min(d), a.Max(d)
	l2, hi := b.Min(hi), b.Max(hi)
	return l1, l2, c.Min(hi)
}

func drop2of8F32z(a0, a1, a2, a3, a4, a5, a6, a7 archsimd.Float32x16) (archsimd.Float32x16, archsimd.Float32x16, archsimd.Float32x16, archsimd.Float32x16, archsimd.Float32x16, archsimd.Float32x16) {
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

func drop2of7F32z(a0, a1, a2, a3, a4, a5, a6 archsimd.Float32x16) (archsimd.Float32x16, archsimd.Float32x16, archsimd.Float32x16, archsimd.Float32x16, archsimd.Float32x16) {
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

func drop2of6F32z(a0, a1, a2, a3, a4, a5 archsimd.Float32x16) (archsimd.Float32x16, archsimd.Float32x16, archsimd.Float32x16, archsimd.Float32x16) {
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

func drop2of5F32z(a0, a1, a2, a3, a4 archsimd.Float32x16) (archsimd.Float32x16, archsimd.Float32x16, archsimd.Float32x16) {
	lo, a1 := a0.Min(a1), a0.Max(a1)
	lo, a2 = lo.Min(a2), lo.Max(a2)
	lo, a3 = lo.Min(a3), lo.Max(a3)
	hi := lo.Max(a4)
	a1, hi = a1.Min(hi), a1.Max(hi)
	a2, hi = a2.Min(hi), a2.Max(hi)
	return a1, a2, a3.Min(hi)
}

func drop2of4F32z(a0, a1, a2, a3 archsimd.Float32x16) (archsimd.Float32x16, archsimd.Float32x16) {
	lo, a1 := a0.Min(a1), a0.Max(a1)
	lo, a2 = lo.Min(a2), lo.Max(a2)
	hi := lo.Max(a3)
	a1, hi = a1.Min(hi), a1.Max(hi)
	return a1, a2.Min(hi)
}
