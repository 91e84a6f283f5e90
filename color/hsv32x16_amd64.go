//go:build goexperiment.simd && amd64

package color

import "simd/archsimd"

// hsvF32SIMD's and rgbFromHsvF32SIMD's loops sixteen pixels a step with
// AVX-512: the same float32 operations in the same order (floor as
// VRNDSCALEPS, which rounds as VROUNDPS does), so the same numbers; the
// twin test (TestF32SIMDIsGo) runs both forms and the Go loops. Each
// returns the pixels done (a multiple of 16); the caller's AVX2 and Go
// loops take the rest.
//
// The loops are written for the instructions they compile to: a step
// that needs the Go loop ends the vector loop (vectorSteps runs the Go
// loop on it, then the vector loop again), because a call inside it makes the compiler reload every
// constant from the stack on each step; and masks are combined as
// ToBits words, not with Mask's And and Or, which go through vector
// registers (three instructions each). A 256² rgbToHsv took 30 µs with
// those, 23 without.

// vectorSteps runs steps (which converts [x, n) w pixels a step up to
// the first step it leaves, and returns the pixels it did) and slow on
// each step it leaves; it returns the pixels done, n rounded down to a
// multiple of w (a power of 2).
func vectorSteps(n, w int, steps func(x int) int, slow func(x, y int)) int {
	n &^= w - 1
	for x := 0; x < n; x += w {
		x += steps(x)
		if x < n {
			slow(x, x+w)
		}
	}
	return n
}

func hsvF32AVX512(o0, o1, o2, r, g, b []float32) int {
	return vectorSteps(len(o0), 16, func(x int) int {
		return hsvF32Steps512(o0[x:], o1[x:], o2[x:], r[x:], g[x:], b[x:])
	}, func(x, y int) {
		hsvRow32(o0[x:y], o1[x:y], o2[x:y], r[x:y], g[x:y], b[x:y])
	})
}

// hsvF32Steps512 stops at a step that holds a NaN or a -0, on which the
// vector max and min are not Go's: found as a NaN sum (an infinity of
// each sign too) and as -0's bits, the least int32, among the bits.
func hsvF32Steps512(o0, o1, o2, r, g, b []float32) int {
	n := len(o0) &^ 15
	defer archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next
	o1, o2, r, g, b = o1[:len(o0)], o2[:len(o0)], r[:len(o0)], g[:len(o0)], b[:len(o0)]
	c := archsimd.BroadcastFloat32x16
	zero, one, two, four, six := archsimd.Float32x16{}, c(1), c(2), c(4), c(6)
	negZero := archsimd.BroadcastInt32x16(-1 << 31)
	noNaN := func(x f32x16) f32x16 { return x.Masked(x.Equal(x)) }
	for x := 0; x < n; x += 16 {
		R, G, B := archsimd.LoadFloat32x16Slice(r[x:x+16]), archsimd.LoadFloat32x16Slice(g[x:x+16]), archsimd.LoadFloat32x16Slice(b[x:x+16])
		sum := R.Add(G).Add(B)
		if sum.NotEqual(sum).ToBits()|R.AsInt32x16().Min(G.AsInt32x16()).Min(B.AsInt32x16()).Equal(negZero).ToBits() != 0 {
			return x
		}
		v := R.Max(G).Max(B)
		delta := v.Sub(R.Min(G).Min(B))
		s := delta.Div(v)
		mg, mb := G.Equal(v), B.Equal(v)
		num := R.Sub(G).Merge(B.Sub(R).Merge(G.Sub(B), mg), mb)
		off := four.Merge(two.Merge(zero, mg), mb)
		h := off.Add(num.Div(delta)).Div(six)
		h = h.Add(one.Masked(h.Less(zero)))
		live := delta.NotEqual(zero)
		noNaN(h.Masked(live)).StoreSlice(o0[x : x+16])
		noNaN(s.Masked(live)).StoreSlice(o1[x : x+16])
		v.StoreSlice(o2[x : x+16]) // the max of three numbers: no NaN
	}
	return n
}

func rgbFromHsvF32AVX512(o0, o1, o2, hh, ss, vv []float32) int {
	return vectorSteps(len(o0), 16, func(x int) int {
		return rgbFromHsvF32Steps512(o0[x:], o1[x:], o2[x:], hh[x:], ss[x:], vv[x:])
	}, func(x, y int) {
		rgbFromHsvRow32(o0[x:y], o1[x:y], o2[x:y], hh[x:y], ss[x:y], vv[x:y])
	})
}

// rgbFromHsvF32Steps512 stops at a step whose 6h is not in [0, 6] (hues
// outside [0, 1], NaN). Inside, the sector floor(6h) (0..6, 6 as 0)
// picks r, g, b from v, p, q, t as rgbFromHsvF32SIMD's does, here by a
// chain of selections on hi < k, each on one comparison: r is v in
// sectors 0 and 5, q in 1, p in 2 and 3, t in 4; g is t in 0, v in 1
// and 2, q in 3, p in 4 and 5; b is p in 0 and 1, t in 2, v in 3 and 4,
// q in 5.
func rgbFromHsvF32Steps512(o0, o1, o2, hh, ss, vv []float32) int {
	n := len(o0) &^ 15
	defer archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next
	o1, o2, hh, ss, vv = o1[:len(o0)], o2[:len(o0)], hh[:len(o0)], ss[:len(o0)], vv[:len(o0)]
	c := archsimd.BroadcastFloat32x16
	zero, one, six := archsimd.Float32x16{}, c(1), c(6)
	k2, k3, k4, k5 := c(2), c(3), c(4), c(5)
	for x := 0; x < n; x += 16 {
		h := archsimd.LoadFloat32x16Slice(hh[x : x+16])
		s, v := archsimd.LoadFloat32x16Slice(ss[x:x+16]), archsimd.LoadFloat32x16Slice(vv[x:x+16])
		h6 := h.Mul(six)
		if h6.GreaterEqual(zero).ToBits()&h6.LessEqual(six).ToBits() != 0xffff {
			return x
		}
		hi := h6.FloorScaled(0)
		f := h6.Sub(hi)
		p := v.Mul(one.Sub(s))
		q := v.Mul(one.Sub(f.Mul(s)))
		t := v.Mul(one.Sub(one.Sub(f).Mul(s)))
		lt1, lt2, lt3, lt4, lt5, lt6 := hi.Less(one), hi.Less(k2), hi.Less(k3), hi.Less(k4), hi.Less(k5), hi.Less(six)
		v.Merge(q.Merge(p.Merge(t.Merge(v, lt5), lt4), lt2), lt1).StoreSlice(o0[x : x+16])
		t.Merge(v.Merge(q.Merge(p.Merge(t, lt6), lt4), lt3), lt1).StoreSlice(o1[x : x+16])
		p.Merge(t.Merge(v.Merge(q.Merge(p, lt6), lt5), lt3), lt2).StoreSlice(o2[x : x+16])
	}
	return n
}
