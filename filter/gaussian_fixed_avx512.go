//go:build goexperiment.simd && amd64

package filter

import (
	"simd/archsimd"
	"unsafe"
)

// The AVX-512 twins of the fixed-point Gaussian's loops: fxSymAVX2 and
// fxSymIn8AVX2 on 32 uint16 lanes, the same integer operations, so the
// results are identical (TestFixedSIMDMatchesGo runs every tier). The
// kernel is compute-bound (9 products and 17 loads a pixel for each pass
// at sigma 2), and Zen 5 runs 512-bit vectors at full width: half the
// instructions for the same pixels. These loops run on rows of a whole
// image, so the transitions that made 64-byte loops slower on calls of a
// few microseconds (arith's invsimd_amd64.go) are spread over a call of
// milliseconds.
//
// The x pass loads its 2r+1 shifted vectors unaligned, most of them
// across two cache lines, and takes about half of the time. Cutting them
// instead from three aligned neighbours with VPERMI2W (ConcatPermute) was
// tried and is slower: 4096x4096, one thread, 10.8-11.3 -> 15.0-16.0 ms.
// So is VPALIGNR within 16-byte groups of three loads (at x-8, x, x+8;
// radius 8 unrolled): 10.3-10.5 -> 12.0-12.5 ms, A/B on one CPU.

// fxSymAVX512 is fxSymGo on the leading multiple of 32 pixels; it returns
// how many it did. The pixels go 128 at a time, four accumulators.
func fxSymAVX512(out []uint16, out8 []uint8, srcs [][]uint16, w []uint16, off uint16) int {
	r := len(w) - 1
	n := len(out)
	if out == nil {
		n = len(out8)
	}
	n &^= 31
	var buf [fxStackTaps]fxTap512
	taps, ok := fxTaps512(&buf, srcs, w, n)
	if !ok {
		return 0
	}
	defer archsimd.ClearAVXUpperBits()
	cp, w0 := unsafe.Pointer(&srcs[r][0]), archsimd.BroadcastUint16x32(w[0])
	offv := archsimd.BroadcastUint16x32(off)
	block4 := func(x int) (a, b, c, d archsimd.Uint16x32) {
		m := (*[4][32]uint16)(unsafe.Add(cp, 2*x))
		a = offv.Add(archsimd.LoadUint16x32(&m[0]).MulHigh(w0))
		b = offv.Add(archsimd.LoadUint16x32(&m[1]).MulHigh(w0))
		c = offv.Add(archsimd.LoadUint16x32(&m[2]).MulHigh(w0))
		d = offv.Add(archsimd.LoadUint16x32(&m[3]).MulHigh(w0))
		for i := range taps {
			t := &taps[i]
			l, q := (*[4][32]uint16)(unsafe.Add(t.l, 2*x)), (*[4][32]uint16)(unsafe.Add(t.r, 2*x))
			a = a.Add(archsimd.LoadUint16x32(&l[0]).Add(archsimd.LoadUint16x32(&q[0])).MulHigh(t.w))
			b = b.Add(archsimd.LoadUint16x32(&l[1]).Add(archsimd.LoadUint16x32(&q[1])).MulHigh(t.w))
			c = c.Add(archsimd.LoadUint16x32(&l[2]).Add(archsimd.LoadUint16x32(&q[2])).MulHigh(t.w))
			d = d.Add(archsimd.LoadUint16x32(&l[3]).Add(archsimd.LoadUint16x32(&q[3])).MulHigh(t.w))
		}
		return
	}
	one := func(x int) archsimd.Uint16x32 {
		a := offv.Add(archsimd.LoadUint16x32((*[32]uint16)(unsafe.Add(cp, 2*x))).MulHigh(w0))
		for i := range taps {
			t := &taps[i]
			l, q := (*[32]uint16)(unsafe.Add(t.l, 2*x)), (*[32]uint16)(unsafe.Add(t.r, 2*x))
			a = a.Add(archsimd.LoadUint16x32(l).Add(archsimd.LoadUint16x32(q)).MulHigh(t.w))
		}
		return a
	}
	x := 0
	if out != nil {
		op := unsafe.Pointer(&out[0])
		st := func(v archsimd.Uint16x32, x int) { v.Store((*[32]uint16)(unsafe.Add(op, 2*x))) }
		for ; x+128 <= n; x += 128 {
			a, b, c, d := block4(x)
			st(a, x)
			st(b, x+32)
			st(c, x+64)
			st(d, x+96)
		}
		for ; x < n; x += 32 {
			st(one(x), x)
		}
		return n
	}
	// (o + 64) >> 7 as fxSymAVX2 computes it (an arithmetic shift and a
	// mask), then VPMOVUSWB: words to bytes in order, saturated at 255,
	// which is the Go loop's min(·, 255).
	half := archsimd.BroadcastUint16x32(fxOne / 2)
	low := archsimd.BroadcastUint16x32(1<<(16-fxFrac) - 1)
	op := unsafe.Pointer(&out8[0])
	st := func(v archsimd.Uint16x32, x int) {
		v = v.Add(half).AsInt16x32().ShiftAllRight(fxFrac).AsUint16x32().And(low)
		v.SaturateToUint8().Store((*[32]uint8)(unsafe.Add(op, x)))
	}
	for ; x+128 <= n; x += 128 {
		a, b, c, d := block4(x)
		st(a, x)
		st(b, x+32)
		st(c, x+64)
		st(d, x+96)
	}
	for ; x < n; x += 32 {
		st(one(x), x)
	}
	return n
}

// fxSymIn8AVX512 is fxSymIn8Go on the leading multiple of 32 pixels.
// The bulk goes 128 pixels at a time without widening the bytes (a
// cross-lane shuffle per 32 pixels and tap, the loop's bottleneck when it
// widened them as fxSymIn8AVX2 does): a 64-byte load read as 32 words
// holds the even pixels in its low bytes and the odd ones in its high
// bytes, so x<<8 puts each even pixel p at p<<8 and x&0xff00 each odd
// one, and the rounding average of two such words, (a + b + 1) >> 1, is
// (p + q)<<7 exactly (a + b is even): the widened pair sum of the Go
// loop, in two operations per 32 pixels. The even and odd sums are
// interleaved back into pixel order once, at the store.
func fxSymIn8AVX512(out []uint16, srcs [][]uint8, w []uint16, off uint16) int {
	r := len(w) - 1
	n := len(out) &^ 31
	var buf [fxStackTaps]fxTap512
	taps, ok := fxTaps512(&buf, srcs, w, n)
	if !ok {
		return 0
	}
	defer archsimd.ClearAVXUpperBits()
	cp, w0 := unsafe.Pointer(&srcs[r][0]), archsimd.BroadcastUint16x32(w[0])
	offv := archsimd.BroadcastUint16x32(off)
	odd := archsimd.BroadcastUint16x32(0xff00)
	var zero archsimd.Uint16x32
	ld := func(p unsafe.Pointer, x int) archsimd.Uint16x32 {
		return archsimd.LoadUint16x32((*[32]uint16)(unsafe.Add(p, x)))
	}
	// The 64-bit quarters of InterleaveLo/HiGrouped(even, odd) in pixel
	// order: lo holds pixels 0-7, 16-23, 32-39, 48-55, hi the others.
	first := archsimd.LoadUint64x8(&[8]uint64{0, 1, 8, 9, 2, 3, 10, 11})
	second := archsimd.LoadUint64x8(&[8]uint64{4, 5, 12, 13, 6, 7, 14, 15})
	op := unsafe.Pointer(&out[0])
	st := func(e, o archsimd.Uint16x32, x int) {
		lo, hi := e.InterleaveLoGrouped(o).AsUint64x8(), e.InterleaveHiGrouped(o).AsUint64x8()
		lo.ConcatPermute(hi, first).Store((*[8]uint64)(unsafe.Add(op, 2*x)))
		lo.ConcatPermute(hi, second).Store((*[8]uint64)(unsafe.Add(op, 2*x+64)))
	}
	x := 0
	for ; x+128 <= n; x += 128 {
		c0, c1 := ld(cp, x), ld(cp, x+64)
		e0 := offv.Add(c0.ShiftAllLeft(8).Average(zero).MulHigh(w0))
		o0 := offv.Add(c0.And(odd).Average(zero).MulHigh(w0))
		e1 := offv.Add(c1.ShiftAllLeft(8).Average(zero).MulHigh(w0))
		o1 := offv.Add(c1.And(odd).Average(zero).MulHigh(w0))
		for i := range taps {
			t := &taps[i]
			l0, q0, l1, q1 := ld(t.l, x), ld(t.r, x), ld(t.l, x+64), ld(t.r, x+64)
			e0 = e0.Add(l0.ShiftAllLeft(8).Average(q0.ShiftAllLeft(8)).MulHigh(t.w))
			o0 = o0.Add(l0.And(odd).Average(q0.And(odd)).MulHigh(t.w))
			e1 = e1.Add(l1.ShiftAllLeft(8).Average(q1.ShiftAllLeft(8)).MulHigh(t.w))
			o1 = o1.Add(l1.And(odd).Average(q1.And(odd)).MulHigh(t.w))
		}
		st(e0, o0, x)
		st(e1, o1, x+64)
	}
	// The last 32-pixel steps widen, as fxSymIn8AVX2 does.
	wide := func(p unsafe.Pointer, x int) archsimd.Uint16x32 {
		return archsimd.LoadUint8x32((*[32]uint8)(unsafe.Add(p, x))).ExtendToUint16()
	}
	for ; x < n; x += 32 {
		a := offv.Add(wide(cp, x).ShiftAllLeft(fxFrac).MulHigh(w0))
		for i := range taps {
			t := &taps[i]
			a = a.Add(wide(t.l, x).Add(wide(t.r, x)).ShiftAllLeft(fxFrac).MulHigh(t.w))
		}
		a.Store((*[32]uint16)(unsafe.Add(op, 2*x)))
	}
	return n
}

// fxTaps512 checks that there are 2r+1 sources of at least n > 0 pixels
// (r = len(w)-1) and returns the tap pairs k = 1 ... r, in buf where they
// fit (a make per row cost a heap allocation per row; see fxSymAVX2).
func fxTaps512[E uint8 | uint16](buf *[fxStackTaps]fxTap512, srcs [][]E, w []uint16, n int) ([]fxTap512, bool) {
	r := len(w) - 1
	if n == 0 || len(srcs) != 2*r+1 {
		return nil, false
	}
	for _, s := range srcs {
		if len(s) < n {
			return nil, false
		}
	}
	taps := buf[:0]
	if r > fxStackTaps {
		taps = make([]fxTap512, 0, r)
	}
	taps = taps[:r]
	for k := range taps {
		taps[k] = fxTap512{unsafe.Pointer(&srcs[r-k-1][0]), unsafe.Pointer(&srcs[r+k+1][0]), archsimd.BroadcastUint16x32(w[k+1])}
	}
	return taps, true
}

// fxTap512 is fxTap with the weight in 32 lanes.
type fxTap512 struct {
	l, r unsafe.Pointer
	w    archsimd.Uint16x32
}
