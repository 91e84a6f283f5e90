//go:build goexperiment.simd && amd64

package color

import "simd/archsimd"

// hsvSIMD's and rgbFromHsvSIMD's loops eight pixels at a time with
// AVX-512: the same operations in the same order, so the same numbers
// (the twin tests run both forms). Each returns the pixels done (a
// multiple of 8). rgbFromHsv's vector loop holds no call and no Mask
// And or Or (see hsv32x16_amd64.go): 256² min at one thread 64 -> 34 µs.

func hsvAVX512(o0, o1, o2, r, g, b []float64) int {
	n := len(o0) &^ 7
	if n == 0 {
		return 0
	}
	defer archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next
	o1, o2, r, g, b = o1[:len(o0)], o2[:len(o0)], r[:len(o0)], g[:len(o0)], b[:len(o0)]
	c := archsimd.BroadcastFloat64x8
	zero, one, two, four, six := archsimd.Float64x8{}, c(1), c(2), c(4), c(6)
	noNaN := func(x f64x8) f64x8 { return x.Masked(x.Equal(x)) }
	for x := 0; x < n; x += 8 {
		R, G, B := archsimd.LoadFloat64x8Slice(r[x:x+8]), archsimd.LoadFloat64x8Slice(g[x:x+8]), archsimd.LoadFloat64x8Slice(b[x:x+8])
		v := R.Max(G).Max(B)
		delta := v.Sub(R.Min(G).Min(B))
		s := delta.Div(v)
		mg, mb := G.Equal(v), B.Equal(v)
		num := R.Sub(G).Merge(B.Sub(R).Merge(G.Sub(B), mg), mb)
		off := four.Merge(two.Merge(zero, mg), mb)
		h := off.Add(num.Div(delta)).Div(six)
		h = h.Add(one.Masked(h.Less(zero)))
		live := delta.NotEqual(zero)
		noNaN(h.Masked(live)).StoreSlice(o0[x : x+8])
		noNaN(s.Masked(live)).StoreSlice(o1[x : x+8])
		noNaN(v).StoreSlice(o2[x : x+8])
	}
	return n
}

func rgbFromHsvAVX512(o0, o1, o2, hh, ss, vv []float64) int {
	return vectorSteps(len(o0), 8, func(x int) int {
		return rgbFromHsvSteps512(o0[x:], o1[x:], o2[x:], hh[x:], ss[x:], vv[x:])
	}, func(x, y int) {
		for j := x; j < y; j++ {
			o0[j], o1[j], o2[j] = rgbFromHsv(hh[j], ss[j], vv[j])
		}
	})
}

// rgbFromHsvSteps512 stops at a step whose 6h is not in [0, 12) (hues
// outside [0, 2), NaN). Inside, the sector (floor(6h) mod 6) picks r, g,
// b from v, p, q, t as rgbFromHsvF32Steps512's does, by selections on
// hi < k.
func rgbFromHsvSteps512(o0, o1, o2, hh, ss, vv []float64) int {
	n := len(o0) &^ 7
	defer archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next
	o1, o2, hh, ss, vv = o1[:len(o0)], o2[:len(o0)], hh[:len(o0)], ss[:len(o0)], vv[:len(o0)]
	c := archsimd.BroadcastFloat64x8
	zero, one, six, twelve := archsimd.Float64x8{}, c(1), c(6), c(12)
	k2, k3, k4, k5 := c(2), c(3), c(4), c(5)
	for i := 0; i < n; i += 8 {
		h6 := archsimd.LoadFloat64x8Slice(hh[i : i+8]).Mul(six)
		if h6.GreaterEqual(zero).ToBits()&h6.Less(twelve).ToBits() != 0xff {
			return i
		}
		s, v := archsimd.LoadFloat64x8Slice(ss[i:i+8]), archsimd.LoadFloat64x8Slice(vv[i:i+8])
		hi := h6.FloorScaled(0) // floor: 0 fraction bits
		f := h6.Sub(hi)
		p := v.Mul(one.Sub(s))
		q := v.Mul(one.Sub(f.Mul(s)))
		t := v.Mul(one.Sub(one.Sub(f).Mul(s)))
		hi = hi.Sub(six.Masked(hi.GreaterEqual(six)))
		lt1, lt2, lt3, lt4, lt5 := hi.Less(one), hi.Less(k2), hi.Less(k3), hi.Less(k4), hi.Less(k5)
		v.Merge(q.Merge(p.Merge(t.Merge(v, lt5), lt4), lt2), lt1).StoreSlice(o0[i : i+8])
		t.Merge(v.Merge(q.Merge(p, lt4), lt3), lt1).StoreSlice(o1[i : i+8])
		p.Merge(t.Merge(v.Merge(q, lt5), lt3), lt2).StoreSlice(o2[i : i+8])
	}
	return n
}
