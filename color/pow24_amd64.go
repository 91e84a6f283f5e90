//go:build goexperiment.simd && amd64

package color

import (
	"math"
	"simd/archsimd"
)

// linearSIMD is linearRun's loop (linearFast, pow24) four values at a time
// with AVX2, in place, and returns the values done (a multiple of 4). The
// same operations in the same order, no FMA, so the same numbers
// (TestLinearSIMDIsGo). A step with a value for which pow24 would take
// math.Pow (x outside [2^-10, 2^100], NaN) is left to the Go loop: it and
// the rest of the run are linearRun's.
func linearSIMD(s []float64) int {
	n := len(s) &^ 3
	if !haveAVX2 || useGo || n == 0 {
		return 0
	}
	defer archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next
	c := archsimd.BroadcastFloat64x4
	thr, k055, k1055, k1292 := c(0.04045), c(0.055), c(1.055), c(12.92)
	lo, hi := c(0x1p-10), c(0x1p100)
	magic, bias := c(0x1p52+1023), archsimd.BroadcastUint64x4(0x4330000000000000)
	mant, one := archsimd.BroadcastUint64x4(1<<52-1), archsimd.BroadcastUint64x4(1023<<52)
	// A shift by a vector of counts: ShiftAllRight(52) puts its count in
	// the loop through a legacy-SSE MOVQ, slow with dirty upper halves.
	sh52 := archsimd.BroadcastUint64x4(52)
	sqrt2, half, onef, two := c(math.Sqrt2), c(0.5), c(1), c(2)
	k24, l2hi, l2lo, log2e := c(2.4), c(ln2Hi), c(ln2Lo), c(math.Log2E)
	var at [len(atanhC)]archsimd.Float64x4
	for i := range at {
		at[i] = c(atanhC[i])
	}
	var ex [len(expC)]archsimd.Float64x4
	for i := range ex {
		ex[i] = c(expC[i])
	}
	for i := 0; i < n; i += 4 {
		v := archsimd.LoadFloat64x4Slice(s[i : i+4])
		x := v.Add(k055).Div(k1055)
		pow := v.Greater(thr)
		// pow24's range: lanes that take the power must be in it (a NaN
		// is not, and takes no power: v > thr is false).
		if pow.And(x.GreaterEqual(lo).And(x.LessEqual(hi))).ToBits() != pow.ToBits() {
			for j := i; j < len(s); j++ {
				s[j] = linearFast(s[j])
			}
			return len(s)
		}
		b := x.AsUint64x4()
		e := b.ShiftRight(sh52).Or(bias).AsFloat64x4().Sub(magic)
		m := b.And(mant).Or(one).AsFloat64x4()
		big := m.Greater(sqrt2)
		m = m.Mul(half).Merge(m, big)
		e = e.Add(onef).Merge(e, big)
		sv := m.Sub(onef).Div(m.Add(onef))
		s2 := sv.Mul(sv)
		p := at[len(at)-1]
		for k := len(at) - 2; k >= 0; k-- {
			p = p.Mul(s2).Add(at[k])
		}
		y := k24.Mul(e.Mul(l2hi).Add(e.Mul(l2lo).Add(two.Mul(sv).Mul(p))))
		nn := y.Mul(log2e).Add(half).Floor()
		r := y.Sub(nn.Mul(l2hi)).Sub(nn.Mul(l2lo))
		q := ex[len(ex)-1]
		for k := len(ex) - 2; k >= 0; k-- {
			q = q.Mul(r).Add(ex[k])
		}
		q = q.Mul(nn.Add(magic).AsUint64x4().ShiftAllLeft(52).AsFloat64x4())
		q.Merge(v.Div(k1292), pow).StoreSlice(s[i : i+4])
	}
	return n
}
