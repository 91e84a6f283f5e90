//go:build goexperiment.simd && amd64

package filter

import (
	"simd/archsimd"
	"unsafe"
)

// The vector twin of symmetric's float32 schedule (gauss_sym.go): every
// tap of a block of pixels summed in registers and stored once, each lane
// rounding as the Go loops do. AVX-512 takes 64 pixels a block, AVX2 32.

var symWide, symAVX2 = archsimd.X86.AVX512(), archsimd.X86.AVX2()

// symStackTaps is the most tap pairs symVec keeps on its stack (a radius
// of 32: sigma 8 at scipy's truncate); wider kernels take a heap slice.
const symStackTaps = 32

// symTap is one tap pair: the inputs shifted by -j and +j and w[j].
type symTap struct {
	l, h unsafe.Pointer
	w    float32
}

// symVec sets out[:n] as symmetric does for the largest n, a multiple of
// 8, that it handles (0 without AVX2), and returns n.
func symVec(out, w []float32, src func(j int) []float32) int {
	r := len(w) - 1
	n := len(out) &^ 7
	if !symAVX2 || n == 0 {
		return 0
	}
	sc, ok := newSymSchedule(r)
	if !ok {
		return 0
	}
	var buf [symStackTaps + 1]symTap
	taps := buf[:]
	if r > symStackTaps {
		taps = make([]symTap, r+1)
	}
	taps = taps[:r+1]
	for j := range taps {
		h := src(j)
		l := h
		if j > 0 {
			l = src(-j)
		}
		if len(l) < n || len(h) < n {
			return 0
		}
		taps[j] = symTap{unsafe.Pointer(&l[0]), unsafe.Pointer(&h[0]), w[j]}
	}
	defer archsimd.ClearAVXUpperBits() // scalar SSE code follows: no AVX-SSE transition stalls
	op := unsafe.Pointer(&out[0])
	x := 0
	if symWide {
		x = sym512(op, n, taps, &sc)
	}
	sym256(op, x, n, taps, &sc)
	return n
}

// sym512 does the pixels [0, the largest multiple of 16 <= n) in 64- and
// 16-pixel blocks and returns where it stopped.
func sym512(op unsafe.Pointer, n int, taps []symTap, sc *symSchedule) int {
	// Each tap's pointers are offset once per block; the four vectors
	// are then constant displacements (no address arithmetic per load).
	type blk = [4][16]float32
	at := func(p unsafe.Pointer, x int) *blk { return (*blk)(unsafe.Add(p, 4*x)) }
	ld := func(p *[16]float32) archsimd.Float32x16 { return archsimd.LoadFloat32x16(p) }
	pair := func(t *symTap, x int) archsimd.Float32x16 {
		return ld(&at(t.l, x)[0]).Add(ld(&at(t.h, x)[0])).Mul(archsimd.BroadcastFloat32x16(t.w))
	}
	var zero archsimd.Float32x16
	c := &taps[0]
	x := 0
	for ; x+64 <= n; x += 64 {
		m, w0 := at(c.h, x), archsimd.BroadcastFloat32x16(c.w)
		a0, a1, a2, a3 := ld(&m[0]).Mul(w0), ld(&m[1]).Mul(w0), ld(&m[2]).Mul(w0), ld(&m[3]).Mul(w0)
		k := 1
		if sc.first {
			for ; k <= 4; k++ {
				l, h, w := at(taps[k].l, x), at(taps[k].h, x), archsimd.BroadcastFloat32x16(taps[k].w)
				a0 = a0.Add(ld(&l[0]).Add(ld(&h[0])).Mul(w))
				a1 = a1.Add(ld(&l[1]).Add(ld(&h[1])).Mul(w))
				a2 = a2.Add(ld(&l[2]).Add(ld(&h[2])).Mul(w))
				a3 = a3.Add(ld(&l[3]).Add(ld(&h[3])).Mul(w))
			}
			a0, a1, a2, a3 = zero.Add(a0), zero.Add(a1), zero.Add(a2), zero.Add(a3)
		}
		for _, g := range sc.groups[:sc.n] {
			l, h, w := at(taps[k].l, x), at(taps[k].h, x), archsimd.BroadcastFloat32x16(taps[k].w)
			s0 := ld(&l[0]).Add(ld(&h[0])).Mul(w)
			s1 := ld(&l[1]).Add(ld(&h[1])).Mul(w)
			s2 := ld(&l[2]).Add(ld(&h[2])).Mul(w)
			s3 := ld(&l[3]).Add(ld(&h[3])).Mul(w)
			for k++; g > 1; g-- {
				l, h, w := at(taps[k].l, x), at(taps[k].h, x), archsimd.BroadcastFloat32x16(taps[k].w)
				s0 = s0.Add(ld(&l[0]).Add(ld(&h[0])).Mul(w))
				s1 = s1.Add(ld(&l[1]).Add(ld(&h[1])).Mul(w))
				s2 = s2.Add(ld(&l[2]).Add(ld(&h[2])).Mul(w))
				s3 = s3.Add(ld(&l[3]).Add(ld(&h[3])).Mul(w))
				k++
			}
			a0, a1, a2, a3 = a0.Add(s0), a1.Add(s1), a2.Add(s2), a3.Add(s3)
		}
		o := at(op, x)
		a0.Store(&o[0])
		a1.Store(&o[1])
		a2.Store(&o[2])
		a3.Store(&o[3])
	}
	for ; x+16 <= n; x += 16 {
		a := ld(&at(c.h, x)[0]).Mul(archsimd.BroadcastFloat32x16(c.w))
		k := 1
		if sc.first {
			for ; k <= 4; k++ {
				a = a.Add(pair(&taps[k], x))
			}
			a = zero.Add(a)
		}
		for _, g := range sc.groups[:sc.n] {
			s := pair(&taps[k], x)
			for k++; g > 1; g-- {
				s = s.Add(pair(&taps[k], x))
				k++
			}
			a = a.Add(s)
		}
		a.Store(&at(op, x)[0])
	}
	return x
}

// sym256 does the pixels [x, n) (n - x a multiple of 8) as sym512 does,
// in 32- and 8-pixel blocks.
func sym256(op unsafe.Pointer, x, n int, taps []symTap, sc *symSchedule) {
	ld := func(p unsafe.Pointer, x int) archsimd.Float32x8 {
		return archsimd.LoadFloat32x8((*[8]float32)(unsafe.Add(p, 4*x)))
	}
	pair := func(t *symTap, x int) archsimd.Float32x8 {
		return ld(t.l, x).Add(ld(t.h, x)).Mul(archsimd.BroadcastFloat32x8(t.w))
	}
	st := func(v archsimd.Float32x8, x int) { v.Store((*[8]float32)(unsafe.Add(op, 4*x))) }
	var zero archsimd.Float32x8
	c := &taps[0]
	for ; x+32 <= n; x += 32 {
		w0 := archsimd.BroadcastFloat32x8(c.w)
		a0, a1, a2, a3 := ld(c.h, x).Mul(w0), ld(c.h, x+8).Mul(w0), ld(c.h, x+16).Mul(w0), ld(c.h, x+24).Mul(w0)
		k := 1
		if sc.first {
			for ; k <= 4; k++ {
				t := &taps[k]
				a0, a1, a2, a3 = a0.Add(pair(t, x)), a1.Add(pair(t, x+8)), a2.Add(pair(t, x+16)), a3.Add(pair(t, x+24))
			}
			a0, a1, a2, a3 = zero.Add(a0), zero.Add(a1), zero.Add(a2), zero.Add(a3)
		}
		for _, g := range sc.groups[:sc.n] {
			t := &taps[k]
			s0, s1, s2, s3 := pair(t, x), pair(t, x+8), pair(t, x+16), pair(t, x+24)
			for k++; g > 1; g-- {
				t := &taps[k]
				s0, s1, s2, s3 = s0.Add(pair(t, x)), s1.Add(pair(t, x+8)), s2.Add(pair(t, x+16)), s3.Add(pair(t, x+24))
				k++
			}
			a0, a1, a2, a3 = a0.Add(s0), a1.Add(s1), a2.Add(s2), a3.Add(s3)
		}
		st(a0, x)
		st(a1, x+8)
		st(a2, x+16)
		st(a3, x+24)
	}
	for ; x < n; x += 8 {
		a := ld(c.h, x).Mul(archsimd.BroadcastFloat32x8(c.w))
		k := 1
		if sc.first {
			for ; k <= 4; k++ {
				a = a.Add(pair(&taps[k], x))
			}
			a = zero.Add(a)
		}
		for _, g := range sc.groups[:sc.n] {
			s := pair(&taps[k], x)
			for k++; g > 1; g-- {
				s = s.Add(pair(&taps[k], x))
				k++
			}
			a = a.Add(s)
		}
		st(a, x)
	}
}
