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
	if archsimd.X86.AVX2() {
		fxSymVec = fxSymAVX2
		widenVec = widenAVX2
	}
}

// fxSymAVX2 is fxSymGo on the leading multiple of 16 (32 for a uint8
// output) pixels; it returns how many it did.
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
	// Per tap k: the two sources it pairs (the centre's twice, unused)
	// and its weight, in slices of one length so the loop has no bounds
	// checks.
	lp, rp := make([]unsafe.Pointer, r+1), make([]unsafe.Pointer, r+1)
	wv := make([]archsimd.Uint16x16, r+1)
	for k := range wv {
		lp[k], rp[k] = unsafe.Pointer(&srcs[r-k][0]), unsafe.Pointer(&srcs[r+k][0])
		wv[k] = archsimd.BroadcastUint16x16(w[k])
	}
	lp, rp = lp[:len(wv)], rp[:len(wv)]
	offv := archsimd.BroadcastUint16x16(off)
	ld := func(p unsafe.Pointer, x int) archsimd.Uint16x16 {
		return archsimd.LoadUint16x16((*[16]uint16)(unsafe.Add(p, 2*x)))
	}
	// pass2 computes 32 pixels from x: two accumulators share each tap's
	// loop step.
	pass2 := func(x int) (archsimd.Uint16x16, archsimd.Uint16x16) {
		a := offv.Add(ld(lp[0], x).MulHigh(wv[0]))
		b := offv.Add(ld(lp[0], x+16).MulHigh(wv[0]))
		k := 1
		for ; k+1 < len(wv); k += 2 { // two taps a step: half the loop overhead
			l, q, v := lp[k], rp[k], wv[k]
			l2, q2, v2 := lp[k+1], rp[k+1], wv[k+1]
			a = a.Add(ld(l, x).Add(ld(q, x)).MulHigh(v))
			b = b.Add(ld(l, x+16).Add(ld(q, x+16)).MulHigh(v))
			a = a.Add(ld(l2, x).Add(ld(q2, x)).MulHigh(v2))
			b = b.Add(ld(l2, x+16).Add(ld(q2, x+16)).MulHigh(v2))
		}
		if k < len(wv) {
			l, q, v := lp[k], rp[k], wv[k]
			a = a.Add(ld(l, x).Add(ld(q, x)).MulHigh(v))
			b = b.Add(ld(l, x+16).Add(ld(q, x+16)).MulHigh(v))
		}
		return a, b
	}
	if out != nil {
		op := unsafe.Pointer(&out[0])
		x := 0
		for ; x+32 <= n; x += 32 {
			a, b := pass2(x)
			a.Store((*[16]uint16)(unsafe.Add(op, 2*x)))
			b.Store((*[16]uint16)(unsafe.Add(op, 2*x+32)))
		}
		if x < n { // one vector left
			a := offv.Add(ld(lp[0], x).MulHigh(wv[0]))
			for k := 1; k < len(wv); k++ {
				a = a.Add(ld(lp[k], x).Add(ld(rp[k], x)).MulHigh(wv[k]))
			}
			a.Store((*[16]uint16)(unsafe.Add(op, 2*x)))
		}
		return n
	}
	// The low byte of each uint16 to bytes 0-7 (lo) or 8-15 (hi) of its
	// 128-bit lane, then the dwords back in pixel order.
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
	plo, phi := archsimd.LoadInt8x32(&lo), archsimd.LoadInt8x32(&hi)
	order := archsimd.LoadUint32x8(&[8]uint32{0, 1, 4, 5, 2, 3, 6, 7})
	half, top := archsimd.BroadcastUint16x16(fxOne/2), archsimd.BroadcastUint16x16(255)
	round := func(o archsimd.Uint16x16) archsimd.Uint16x16 {
		return o.Add(half).ShiftAllRight(fxFrac).Min(top)
	}
	op := unsafe.Pointer(&out8[0])
	for x := 0; x < n; x += 32 {
		a, b := pass2(x)
		a = round(a).AsUint8x32().PermuteOrZeroGrouped(plo).AsUint16x16()
		b = round(b).AsUint8x32().PermuteOrZeroGrouped(phi).AsUint16x16()
		a.Or(b).AsUint32x8().Permute(order).Store((*[8]uint32)(unsafe.Add(op, x)))
	}
	return n
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
