//go:build goexperiment.simd && amd64

package filter

import (
	"simd/archsimd"
	"unsafe"
)

// The AVX2 twins of the fixed-point Gaussian's loops (gaussian_fixed.go):
// 16 uint16 lanes, the same integer operations as the Go loops, so the
// results are identical (TestFixedSIMDMatchesGo).

func init() {
	if archsimd.X86.AVX512() {
		fxTiers = append(fxTiers, fxTier{fxSymAVX512, fxSymIn8AVX512})
	}
	if archsimd.X86.AVX2() {
		fxTiers = append(fxTiers, fxTier{fxSymAVX2, fxSymIn8AVX2})
		widenVec = widenAVX2
	}
	if len(fxTiers) > 0 {
		fxTiers[0].use()
	}
}

// fxSymAVX2 is fxSymGo on the leading multiple of 16 (32 for a uint8
// output) pixels; it returns how many it did. The pixels go 64 at a time
// (four accumulators in registers): each tap's pointers and weight are
// read once per block (a 32-pixel step spent more instructions on
// pointers, bounds checks and addresses than on arithmetic).
func fxSymAVX2(out []uint16, out8 []uint8, srcs [][]uint16, w []uint16, off uint16) int {
	r := len(w) - 1
	n := len(out)
	step := 16
	if out == nil {
		n, step = len(out8), 32
	}
	n &^= step - 1
	if n == 0 || len(srcs) != 2*r+1 {
		return 0
	}
	for _, s := range srcs {
		if len(s) < n {
			return 0
		}
	}
	defer archsimd.ClearAVXUpperBits() // scalar SSE code follows: no AVX-SSE transition stalls
	// Per tap k >= 1: the two sources it pairs and its weight.
	// On the stack (radii past fxStackTaps are beyond the error budget
	// anyway): a make here cost a heap allocation per row, and through
	// Python at one thread the heap's growth and page faults added more
	// time than the arithmetic.
	var buf [fxStackTaps]fxTap
	taps := buf[:0]
	if r > fxStackTaps {
		taps = make([]fxTap, 0, r)
	}
	taps = taps[:r]
	for k := range taps {
		taps[k] = fxTap{unsafe.Pointer(&srcs[r-k-1][0]), unsafe.Pointer(&srcs[r+k+1][0]), archsimd.BroadcastUint16x16(w[k+1])}
	}
	cp, w0 := unsafe.Pointer(&srcs[r][0]), archsimd.BroadcastUint16x16(w[0])
	offv := archsimd.BroadcastUint16x16(off)
	// block4 computes the 64 pixels from x, one the 16 from x.
	ld := func(p unsafe.Pointer, x, i int) archsimd.Uint16x16 {
		return archsimd.LoadUint16x16((*[16]uint16)(unsafe.Add(p, 2*x+32*i)))
	}
	block4 := func(x int) (a, b, c, d archsimd.Uint16x16) {
		m := (*[4][16]uint16)(unsafe.Add(cp, 2*x))
		a = offv.Add(archsimd.LoadUint16x16(&m[0]).MulHigh(w0))
		b = offv.Add(archsimd.LoadUint16x16(&m[1]).MulHigh(w0))
		c = offv.Add(archsimd.LoadUint16x16(&m[2]).MulHigh(w0))
		d = offv.Add(archsimd.LoadUint16x16(&m[3]).MulHigh(w0))
		for i := range taps {
			t := &taps[i]
			l, q := (*[4][16]uint16)(unsafe.Add(t.l, 2*x)), (*[4][16]uint16)(unsafe.Add(t.r, 2*x))
			a = a.Add(archsimd.LoadUint16x16(&l[0]).Add(archsimd.LoadUint16x16(&q[0])).MulHigh(t.w))
			b = b.Add(archsimd.LoadUint16x16(&l[1]).Add(archsimd.LoadUint16x16(&q[1])).MulHigh(t.w))
			c = c.Add(archsimd.LoadUint16x16(&l[2]).Add(archsimd.LoadUint16x16(&q[2])).MulHigh(t.w))
			d = d.Add(archsimd.LoadUint16x16(&l[3]).Add(archsimd.LoadUint16x16(&q[3])).MulHigh(t.w))
		}
		return
	}
	one := func(x int) archsimd.Uint16x16 {
		a := offv.Add(ld(cp, x, 0).MulHigh(w0))
		for i := range taps {
			t := &taps[i]
			a = a.Add(ld(t.l, x, 0).Add(ld(t.r, x, 0)).MulHigh(t.w))
		}
		return a
	}
	x := 0
	if out != nil {
		op := unsafe.Pointer(&out[0])
		st := func(v archsimd.Uint16x16, x, i int) { v.Store((*[16]uint16)(unsafe.Add(op, 2*x+32*i))) }
		for ; x+64 <= n; x += 64 {
			a, b, c, d := block4(x)
			st(a, x, 0)
			st(b, x, 1)
			st(c, x, 2)
			st(d, x, 3)
		}
		for ; x < n; x += 16 {
			st(one(x), x, 0)
		}
		return n
	}
	bytes := newBytePacker()
	half, top := archsimd.BroadcastUint16x16(fxOne/2), archsimd.BroadcastUint16x16(255)
	// >> fxFrac as an arithmetic shift and a mask: the logical
	// ShiftAllRight has no immediate form and puts its count in the loop
	// through a legacy-SSE MOVQ, slow with the upper halves dirty.
	low := archsimd.BroadcastUint16x16(1<<(16-fxFrac) - 1)
	shr := func(v archsimd.Uint16x16) archsimd.Uint16x16 {
		return v.AsInt16x16().ShiftAllRight(fxFrac).AsUint16x16().And(low)
	}
	pack := func(a, b archsimd.Uint16x16, p unsafe.Pointer) {
		a = shr(a.Add(half)).Min(top)
		b = shr(b.Add(half)).Min(top)
		bytes.pack(a, b, p)
	}
	op := unsafe.Pointer(&out8[0])
	for ; x+64 <= n; x += 64 {
		a, b, c, d := block4(x)
		pack(a, b, unsafe.Add(op, x))
		pack(c, d, unsafe.Add(op, x+32))
	}
	for ; x < n; x += 32 {
		pack(one(x), one(x+16), unsafe.Add(op, x))
	}
	return n
}

// fxSymIn8AVX2 is fxSymIn8Go on the leading multiple of 16 pixels, 64
// at a time as fxSymAVX2 does; the last 16-pixel steps widen each source
// byte (and shift the pair sum) in the register.
func fxSymIn8AVX2(out []uint16, srcs [][]uint8, w []uint16, off uint16) int {
	r := len(w) - 1
	n := len(out) &^ 15
	if n == 0 || len(srcs) != 2*r+1 {
		return 0
	}
	for _, s := range srcs {
		if len(s) < n {
			return 0
		}
	}
	defer archsimd.ClearAVXUpperBits()
	var buf [fxStackTaps]fxTap
	taps := buf[:0]
	if r > fxStackTaps {
		taps = make([]fxTap, 0, r)
	}
	taps = taps[:r]
	for k := range taps {
		taps[k] = fxTap{unsafe.Pointer(&srcs[r-k-1][0]), unsafe.Pointer(&srcs[r+k+1][0]), archsimd.BroadcastUint16x16(w[k+1])}
	}
	cp, w0 := unsafe.Pointer(&srcs[r][0]), archsimd.BroadcastUint16x16(w[0])
	offv := archsimd.BroadcastUint16x16(off)
	ld := func(p unsafe.Pointer, x int) archsimd.Uint16x16 {
		return archsimd.LoadUint8x16((*[16]uint8)(unsafe.Add(p, x))).ExtendToUint16()
	}
	op := unsafe.Pointer(&out[0])
	st := func(v archsimd.Uint16x16, x int) { v.Store((*[16]uint16)(unsafe.Add(op, 2*x))) }
	// The bulk as fxSymIn8AVX512 takes it: 32 bytes read as 16 words, the
	// even pixels' pair sums by the average of x<<8, the odd ones' of
	// x&0xff00, no widening; InterleaveLo/HiGrouped(even, odd) hold pixels
	// 0-7 and 16-23, 8-15 and 24-31, put in order by VPERM2I128.
	odd := archsimd.BroadcastUint16x16(0xff00)
	var zero archsimd.Uint16x16
	lw := func(p unsafe.Pointer, x int) archsimd.Uint16x16 {
		return archsimd.LoadUint16x16((*[16]uint16)(unsafe.Add(p, x)))
	}
	st2 := func(e, o archsimd.Uint16x16, x int) {
		lo, hi := e.InterleaveLoGrouped(o), e.InterleaveHiGrouped(o)
		st(lo.Select128FromPair(0, 2, hi), x)
		st(lo.Select128FromPair(1, 3, hi), x+16)
	}
	x := 0
	for ; x+64 <= n; x += 64 {
		c0, c1 := lw(cp, x), lw(cp, x+32)
		e0 := offv.Add(c0.ShiftAllLeft(8).Average(zero).MulHigh(w0))
		o0 := offv.Add(c0.And(odd).Average(zero).MulHigh(w0))
		e1 := offv.Add(c1.ShiftAllLeft(8).Average(zero).MulHigh(w0))
		o1 := offv.Add(c1.And(odd).Average(zero).MulHigh(w0))
		for i := range taps {
			t := &taps[i]
			l0, q0, l1, q1 := lw(t.l, x), lw(t.r, x), lw(t.l, x+32), lw(t.r, x+32)
			e0 = e0.Add(l0.ShiftAllLeft(8).Average(q0.ShiftAllLeft(8)).MulHigh(t.w))
			o0 = o0.Add(l0.And(odd).Average(q0.And(odd)).MulHigh(t.w))
			e1 = e1.Add(l1.ShiftAllLeft(8).Average(q1.ShiftAllLeft(8)).MulHigh(t.w))
			o1 = o1.Add(l1.And(odd).Average(q1.And(odd)).MulHigh(t.w))
		}
		st2(e0, o0, x)
		st2(e1, o1, x+32)
	}
	for ; x < n; x += 16 {
		a := offv.Add(ld(cp, x).ShiftAllLeft(fxFrac).MulHigh(w0))
		for i := range taps {
			t := &taps[i]
			a = a.Add(ld(t.l, x).Add(ld(t.r, x)).ShiftAllLeft(fxFrac).MulHigh(t.w))
		}
		st(a, x)
	}
	return n
}

// fxStackTaps is the most tap pairs fxSymAVX2 keeps on its stack.
const fxStackTaps = 32

// fxTap is one symmetric tap pair of fxSymAVX2: its two sources and its
// weight in every lane.
type fxTap struct {
	l, r unsafe.Pointer
	w    archsimd.Uint16x16
}

// widenAVX2 is widen7 on the leading multiple of 16 pixels.
func widenAVX2(dst []uint16, src []uint8) int {
	n := len(src) &^ 15
	if n == 0 || len(dst) < n {
		return 0
	}
	defer archsimd.ClearAVXUpperBits()
	sp, dp := unsafe.Pointer(&src[0]), unsafe.Pointer(&dst[0])
	for x := 0; x < n; x += 16 {
		v := archsimd.LoadUint8x16((*[16]uint8)(unsafe.Add(sp, x))).ExtendToUint16().ShiftAllLeft(fxFrac)
		v.Store((*[16]uint16)(unsafe.Add(dp, 2*x)))
	}
	return n
}

// bytePacker stores the low bytes of two Uint16x16 vectors (values below
// 256) as 32 bytes in pixel order: AVX2 has no lane-crossing word-to-byte
// narrowing, so each vector's bytes go to one half of every 128-bit lane
// and a dword permutation restores the order.
type bytePacker struct {
	lo, hi archsimd.Int8x32
	order  archsimd.Uint32x8
}

func newBytePacker() bytePacker {
	var lo, hi [32]int8
	for j := range lo {
		lo[j], hi[j] = -1, -1
	}
	for lane := range 2 {
		for j := range 8 {
			lo[16*lane+j] = int8(2 * j)
			hi[16*lane+8+j] = int8(2 * j)
		}
	}
	return bytePacker{archsimd.LoadInt8x32(&lo), archsimd.LoadInt8x32(&hi),
		archsimd.LoadUint32x8(&[8]uint32{0, 1, 4, 5, 2, 3, 6, 7})}
}

// pack stores a's 16 low bytes then b's at p.
func (k *bytePacker) pack(a, b archsimd.Uint16x16, p unsafe.Pointer) {
	x := a.AsUint8x32().PermuteOrZeroGrouped(k.lo).AsUint16x16()
	y := b.AsUint8x32().PermuteOrZeroGrouped(k.hi).AsUint16x16()
	x.Or(y).AsUint32x8().Permute(k.order).Store((*[8]uint32)(p))
}
