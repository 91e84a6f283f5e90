//go:build goexperiment.simd && amd64

package color

import "simd/archsimd"

// uint8 RGB to float64 rgbToGrey, rgbToYCbCr and rgbToHsv in one loop with AVX-512,
// eight pixels a step: the bytes scaled in the vector (float64(v)·k, the
// loader's numbers) and ycbcrSIMD's or hsvSIMD's operations in the same
// order, so the same numbers as loading a block and running the row
// kernel (TestFloat64MatchesSkimage and TestU8F64IsGo run both). Each
// returns the pixels done (a multiple of 8, leaving at least 8: each step
// loads 16 bytes) and reads a step's pixels before it writes them.

// u8x8 is the first eight bytes of p[:16] as float64s times k.
func u8x8(p []uint8, k f64x8) f64x8 {
	return archsimd.LoadUint8x16Slice(p).ExtendLo8ToUint32().AsInt32x8().ConvertToFloat64().Mul(k)
}

func u8Steps(n int) int {
	if n < 16 || !haveAVX512 || avx2Only || useGo {
		return 0
	}
	return (n - 8) &^ 7
}

// greyU8F64AVX512 is greyU8F64SIMD eight pixels a step: each term
// (v·k)·w summed in greyRowLut's order. Half the instructions per pixel
// of the AVX2 loop, which at 0.7 ns a pixel (in cache or not) was bound by
// them, not by the 8-byte stores.
func greyU8F64AVX512(o []float64, rr, gg, bb []uint8, k float64) int {
	n := u8Steps(len(o))
	if n == 0 {
		return 0
	}
	defer archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next
	rr, gg, bb = rr[:len(o)], gg[:len(o)], bb[:len(o)]
	c := archsimd.BroadcastFloat64x8
	vk, w0, w1, w2 := c(k), c(wr), c(wg), c(wb)
	for x := 0; x < n; x += 8 {
		R, G, B := u8x8(rr[x:x+16], vk), u8x8(gg[x:x+16], vk), u8x8(bb[x:x+16], vk)
		R.Mul(w0).Add(G.Mul(w1)).Add(B.Mul(w2)).StoreSlice(o[x : x+8])
	}
	return n
}

func ycbcrU8F64AVX512(o0, o1, o2 []float64, rr, gg, bb []uint8, k float64) int {
	n := u8Steps(len(o0))
	if n == 0 {
		return 0
	}
	defer archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next
	o1, o2, rr, gg, bb = o1[:len(o0)], o2[:len(o0)], rr[:len(o0)], gg[:len(o0)], bb[:len(o0)]
	c := archsimd.BroadcastFloat64x8
	vk := c(k)
	yr, yg, yb, y0 := c(yR), c(yG), c(yB), c(yO)
	br, bg, bb0, b0 := c(bR), c(bG), c(bB), c(bO)
	rr0, rg, rb := c(rR), c(rG), c(rB) // rO is bO
	for x := 0; x < n; x += 8 {
		R, G, B := u8x8(rr[x:x+16], vk), u8x8(gg[x:x+16], vk), u8x8(bb[x:x+16], vk)
		R.Mul(yr).Add(G.Mul(yg)).Add(B.Mul(yb)).Add(y0).StoreSlice(o0[x : x+8])
		R.Mul(br).Add(G.Mul(bg)).Add(B.Mul(bb0)).Add(b0).StoreSlice(o1[x : x+8])
		R.Mul(rr0).Add(G.Mul(rg)).Add(B.Mul(rb)).Add(b0).StoreSlice(o2[x : x+8])
	}
	return n
}

func hsvU8F64AVX512(o0, o1, o2 []float64, rr, gg, bb []uint8, k float64) int {
	n := u8Steps(len(o0))
	if n == 0 {
		return 0
	}
	defer archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next
	o1, o2, rr, gg, bb = o1[:len(o0)], o2[:len(o0)], rr[:len(o0)], gg[:len(o0)], bb[:len(o0)]
	c := archsimd.BroadcastFloat64x8
	vk := c(k)
	zero, one, two, four, six := archsimd.Float64x8{}, c(1), c(2), c(4), c(6)
	for x := 0; x < n; x += 8 {
		R, G, B := u8x8(rr[x:x+16], vk), u8x8(gg[x:x+16], vk), u8x8(bb[x:x+16], vk)
		v := R.Max(G).Max(B)
		delta := v.Sub(R.Min(G).Min(B))
		s := delta.Div(v)
		mg, mb := G.Equal(v), B.Equal(v)
		num := R.Sub(G).Merge(B.Sub(R).Merge(G.Sub(B), mg), mb)
		off := four.Merge(two.Merge(zero, mg), mb)
		h := off.Add(num.Div(delta)).Div(six)
		h = h.Add(one.Masked(h.Less(zero)))
		live := delta.NotEqual(zero)
		// No NaN from bytes: s is NaN only where delta is 0 (masked).
		h.Masked(live).StoreSlice(o0[x : x+8])
		s.Masked(live).StoreSlice(o1[x : x+8])
		v.StoreSlice(o2[x : x+8])
	}
	return n
}
