//go:build goexperiment.simd && amd64

package color

import "simd/archsimd"

// greyF32SIMD is greyRow32 eight pixels at a time with AVX2
// (greyF32AVX512's sixteen first on an AVX-512 machine): the same fused
// multiply-adds in the same order, so the same numbers. It returns the
// pixels done (a multiple of 8).
func greyF32SIMD(o, rr, gg, bb []float32) int {
	n := len(o) &^ 7
	if !haveAVX2 || useGo || n == 0 {
		return 0
	}
	defer archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next
	rr, gg, bb = rr[:len(o)], gg[:len(o)], bb[:len(o)]
	x0 := 0
	if haveAVX512 && !avx2Only {
		x0 = greyF32AVX512(o[:n], rr, gg, bb) // then at most one step here
	}
	c := archsimd.BroadcastFloat32x8
	wR, wG, wB := c(wr), c(wg), c(wb)
	for x := x0; x < n; x += 8 {
		R, G, B := archsimd.LoadFloat32x8Slice(rr[x:x+8]), archsimd.LoadFloat32x8Slice(gg[x:x+8]), archsimd.LoadFloat32x8Slice(bb[x:x+8])
		R.MulAdd(wR, G.MulAdd(wG, B.Mul(wB))).StoreSlice(o[x : x+8])
	}
	return n
}

// ycbcrF32SIMD is ycbcrRow32 eight pixels at a time with AVX2
// (ycbcrF32AVX512's sixteen first on an AVX-512 machine): the same fused
// multiply-adds in the same order, so the same numbers. It returns the
// pixels done (a multiple of 8) and reads a step's pixels before it
// writes them: the outputs may be the inputs.
func ycbcrF32SIMD(o0, o1, o2, r, g, b []float32) int {
	return ycbcrF32(o0, o1, o2, r, g, b, haveAVX512 && !avx2Only)
}

// ycbcrF32AVX2 is ycbcrF32SIMD with the AVX2 loop on an AVX-512 machine
// too: on images larger than the caches (from 512², 6 MB in and out) it
// took 3-7% less CPU than the AVX-512 loop (1024²: 0.92 against 0.97 ms
// at one thread, in a 64-byte aligned input or one 16 bytes into a
// line), as did a plain 64-byte copy loop; on one in L2 (256²) 13% more.
func ycbcrF32AVX2(o0, o1, o2, r, g, b []float32) int {
	return ycbcrF32(o0, o1, o2, r, g, b, false)
}

// ycbcrF32 is ycbcrF32SIMD, with the AVX-512 loop first where avx512.
func ycbcrF32(o0, o1, o2, r, g, b []float32, avx512 bool) int {
	n := len(o0) &^ 7
	if !haveAVX2 || useGo || n == 0 {
		return 0
	}
	defer archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next
	o1, o2, r, g, b = o1[:len(o0)], o2[:len(o0)], r[:len(o0)], g[:len(o0)], b[:len(o0)]
	x0 := 0
	if avx512 {
		x0 = ycbcrF32AVX512(o0[:n], o1, o2, r, g, b) // then at most one step here
	}
	c := archsimd.BroadcastFloat32x8
	yr, yg, yb, y0 := c(yR), c(yG), c(yB), c(yO)
	br, bg, bb, b0 := c(bR), c(bG), c(bB), c(bO)
	rr, rg, rb, r0 := c(rR), c(rG), c(rB), c(rO)
	for x := x0; x < n; x += 8 {
		R, G, B := archsimd.LoadFloat32x8Slice(r[x:x+8]), archsimd.LoadFloat32x8Slice(g[x:x+8]), archsimd.LoadFloat32x8Slice(b[x:x+8])
		R.MulAdd(yr, G.MulAdd(yg, B.MulAdd(yb, y0))).StoreSlice(o0[x : x+8])
		R.MulAdd(br, G.MulAdd(bg, B.MulAdd(bb, b0))).StoreSlice(o1[x : x+8])
		R.MulAdd(rr, G.MulAdd(rg, B.MulAdd(rb, r0))).StoreSlice(o2[x : x+8])
	}
	return n
}

// hsvF32SIMD is hsvRow32 (float32 arithmetic, skimage's for float32
// input) eight pixels at a time with AVX2 (hsvF32AVX512's sixteen first
// on an AVX-512 machine): the same operations in the same order, so the
// same numbers. Where a step holds a NaN or a -0 (on which the vector
// max and min are not Go's), its pixels take hsvRow32.
func hsvF32SIMD(o0, o1, o2, r, g, b []float32) int {
	n := len(o0) &^ 7
	if !haveAVX2 || useGo || n == 0 {
		return 0
	}
	defer archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next
	o1, o2, r, g, b = o1[:len(o0)], o2[:len(o0)], r[:len(o0)], g[:len(o0)], b[:len(o0)]
	c := archsimd.BroadcastFloat32x8
	zero, one, two, four, six := archsimd.Float32x8{}, c(1), c(2), c(4), c(6)
	negZero := archsimd.BroadcastUint32x8(1 << 31)
	noNaN := func(x archsimd.Float32x8) archsimd.Float32x8 { return x.Masked(x.Equal(x)) }
	odd := func(x archsimd.Float32x8) archsimd.Mask32x8 {
		return x.NotEqual(x).Or(x.AsUint32x8().Equal(negZero))
	}
	x0 := 0
	if haveAVX512 && !avx2Only {
		x0 = hsvF32AVX512(o0[:n], o1, o2, r, g, b) // then at most one step here
	}
	for x := x0; x < n; x += 8 {
		R, G, B := archsimd.LoadFloat32x8Slice(r[x:x+8]), archsimd.LoadFloat32x8Slice(g[x:x+8]), archsimd.LoadFloat32x8Slice(b[x:x+8])
		if odd(R).Or(odd(G)).Or(odd(B)).ToBits() != 0 {
			hsvRow32(o0[x:x+8], o1[x:x+8], o2[x:x+8], r[x:x+8], g[x:x+8], b[x:x+8])
			continue
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
		noNaN(h.Masked(live)).StoreSlice(o0[x : x+8])
		noNaN(s.Masked(live)).StoreSlice(o1[x : x+8])
		noNaN(v).StoreSlice(o2[x : x+8])
	}
	return n
}

// rgbFromHsvF32SIMD is rgbFromHsvRow32 (float32 arithmetic, skimage's
// for float32 input) eight pixels at a time with AVX2
// (rgbFromHsvF32AVX512's sixteen first on an AVX-512 machine): the same
// operations in the same order, so the same numbers. A step whose 6h is
// not in [0, 6] (hues outside [0, 1], NaN) takes rgbFromHsvRow32;
// inside, floor(6h) is 0..6 and the sector floor(6h) mod 6 picks r, g, b
// from v, p, q, t as hsvPerm does.
func rgbFromHsvF32SIMD(o0, o1, o2, hh, ss, vv []float32) int {
	n := len(o0) &^ 7
	if !haveAVX2 || useGo || n == 0 {
		return 0
	}
	defer archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next
	o1, o2, hh, ss, vv = o1[:len(o0)], o2[:len(o0)], hh[:len(o0)], ss[:len(o0)], vv[:len(o0)]
	c := archsimd.BroadcastFloat32x8
	zero, one, six := archsimd.Float32x8{}, c(1), c(6)
	k1, k2, k3, k4, k5 := c(1), c(2), c(3), c(4), c(5)
	x0 := 0
	if haveAVX512 && !avx2Only {
		x0 = rgbFromHsvF32AVX512(o0[:n], o1, o2, hh, ss, vv) // then at most one step here
	}
	for x := x0; x < n; x += 8 {
		h := archsimd.LoadFloat32x8Slice(hh[x : x+8])
		s, v := archsimd.LoadFloat32x8Slice(ss[x:x+8]), archsimd.LoadFloat32x8Slice(vv[x:x+8])
		h6 := h.Mul(six)
		if h6.GreaterEqual(zero).And(h6.LessEqual(six)).ToBits() != 0xff {
			rgbFromHsvRow32(o0[x:x+8], o1[x:x+8], o2[x:x+8], hh[x:x+8], ss[x:x+8], vv[x:x+8])
			continue
		}
		hi := h6.Floor()
		f := h6.Sub(hi)
		p := v.Mul(one.Sub(s))
		q := v.Mul(one.Sub(f.Mul(s)))
		t := v.Mul(one.Sub(one.Sub(f).Mul(s)))
		// Sectors 0..5 (6 is 0): r is v in 0 and 5, q in 1, p in 2 and
		// 3, t in 4; g is t in 0, v in 1 and 2, q in 3, p in 4 and 5; b
		// is p in 0 and 1, t in 2, v in 3 and 4, q in 5.
		s0 := hi.Equal(zero).Or(hi.Equal(six))
		s1, s2, s3, s4, s5 := hi.Equal(k1), hi.Equal(k2), hi.Equal(k3), hi.Equal(k4), hi.Equal(k5)
		v.Merge(q.Merge(p.Merge(t.Merge(v, s4), s2.Or(s3)), s1), s0.Or(s5)).StoreSlice(o0[x : x+8])
		t.Merge(v.Merge(q.Merge(p, s3), s1.Or(s2)), s0).StoreSlice(o1[x : x+8])
		p.Merge(t.Merge(v.Merge(q, s3.Or(s4)), s2), s0.Or(s1)).StoreSlice(o2[x : x+8])
	}
	return n
}
