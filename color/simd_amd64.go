//go:build goexperiment.simd && amd64

package color

import (
	"encoding/binary"
	"math/bits"
	"simd/archsimd"
)

// haveAVX2 asks for FMA too: the cube roots' and Lab matrices' loops fuse
// multiply-adds as their Go twins do (math.FMA).
var haveAVX2 = archsimd.X86.AVX2() && archsimd.X86.FMA()

// evenBytes moves the even bytes (the low bytes of words) to bytes 0-7.
// The loops load it at each use (a VEX load from L1): a 128-bit vector
// held across a loop was spilled and reloaded, and copied between
// registers, with legacy-SSE MOVUPS, which stall while the upper halves
// are dirty.
var evenBytes = [16]int8{0, 2, 4, 6, 8, 10, 12, 14, -1, -1, -1, -1, -1, -1, -1, -1}

// greyU8SIMD is greyRowLutInt's unsigned loop for uint8 in and out (its
// lut the uint8 term tables), 32 pixels per step with AVX2, and returns
// the pixels done (a multiple of 32). It gives the table loop's bytes
// without its float64 numbers: the exact value is S/10000 with the integer
// S = 2125 R + 7154 G + 721 B (the weights times 10^4, the /255 and ·255
// cancelling), so the rounded result is floor(x/10000), x = S + 5000,
// unless x is a multiple of 10^4 (a tie): elsewhere the fraction of
// x/10^4 is at least 10^-4 from an integer, and the float64 sum of the
// table's terms, within 10^-13 of S/10^4, rounds the same way. x is summed
// exactly in 32-bit integers (VPMADDWD of 16-bit pairs: (R, G)·(2125, 7154)
// + (B, 1)·(721, 5000)); x < 2^22 is exact in float32; t = x·float32(10^-4)
// is within 3·10^-5 of x/10^4 (two roundings of 2^-24 relative, times at
// most 256), so truncating t is floor(x/10^4) off the ties. A tie is a
// lane where round(t)·10^4 == x (exact products); a step with one takes
// the table loop's numbers, the float64 rounding skimage's result has
// there (TestGreyU8SIMDIsGo checks all 2^24 triples).
func greyU8SIMD(o, rr, gg, bb []uint8, lut *[3][]float64) int {
	n := len(o) &^ 31
	if !haveAVX2 || useGo || n == 0 {
		return 0
	}
	if haveAVX512 && !avx2Only {
		return greyU8AVX512(o, rr, gg, bb, lut)
	}
	defer archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next
	rr, gg, bb = rr[:len(o)], gg[:len(o)], bb[:len(o)]
	lr, lg, lb := lut[0][:256], lut[1][:256], lut[2][:256]
	wRG := archsimd.LoadInt16x16(&[16]int16{2125, 7154, 2125, 7154, 2125, 7154, 2125, 7154, 2125, 7154, 2125, 7154, 2125, 7154, 2125, 7154})
	wB := archsimd.LoadInt16x16(&[16]int16{721, 5000, 721, 5000, 721, 5000, 721, 5000, 721, 5000, 721, 5000, 721, 5000, 721, 5000})
	ones := archsimd.BroadcastInt16x16(1)
	inv, ten4 := archsimd.BroadcastFloat32x8(1e-4), archsimd.BroadcastFloat32x8(1e4)
	// The even bytes of each 128-bit lane's words (the results) to its
	// bytes 0-7 (evenLo) or 8-15 (evenHi); then the 32-bit words in order.
	evenLo := archsimd.LoadInt8x32(&[32]int8{0, 2, 4, 6, 8, 10, 12, 14, -1, -1, -1, -1, -1, -1, -1, -1, 0, 2, 4, 6, 8, 10, 12, 14, -1, -1, -1, -1, -1, -1, -1, -1})
	evenHi := archsimd.LoadInt8x32(&[32]int8{-1, -1, -1, -1, -1, -1, -1, -1, 0, 2, 4, 6, 8, 10, 12, 14, -1, -1, -1, -1, -1, -1, -1, -1, 0, 2, 4, 6, 8, 10, 12, 14})
	order := archsimd.LoadUint32x8(&[8]uint32{0, 1, 4, 5, 2, 3, 6, 7})
	// sixteen converts pixels x..x+15: their results as words in order,
	// and the mask of the tied lanes.
	sixteen := func(x int) (archsimd.Uint16x16, archsimd.Mask32x8) {
		r := archsimd.LoadUint8x16Slice(rr[x : x+16]).ExtendToUint16().AsInt16x16()
		g := archsimd.LoadUint8x16Slice(gg[x : x+16]).ExtendToUint16().AsInt16x16()
		b := archsimd.LoadUint8x16Slice(bb[x : x+16]).ExtendToUint16().AsInt16x16()
		// Lanes hold pixels 0-3 and 8-11 (lo), 4-7 and 12-15 (hi).
		lo := r.InterleaveLoGrouped(g).DotProductPairs(wRG).Add(b.InterleaveLoGrouped(ones).DotProductPairs(wB)).ConvertToFloat32()
		hi := r.InterleaveHiGrouped(g).DotProductPairs(wRG).Add(b.InterleaveHiGrouped(ones).DotProductPairs(wB)).ConvertToFloat32()
		tl, th := lo.Mul(inv), hi.Mul(inv)
		tie := tl.RoundToEven().Mul(ten4).Equal(lo).Or(th.RoundToEven().Mul(ten4).Equal(hi))
		return tl.ConvertToInt32().SaturateToUint16ConcatGrouped(th.ConvertToInt32()), tie
	}
	for x := 0; x < n; x += 32 {
		a, ta := sixteen(x)
		b, tb := sixteen(x + 16)
		if ta.Or(tb).ToBits() != 0 {
			for i := x; i < x+32; i++ {
				const h = 0.49999999999999994 // as greyRowLutInt
				o[i] = uint8(int64((lr[rr[i]]+lg[gg[i]]+lb[bb[i]])*255 + h))
			}
			continue
		}
		v := a.AsUint8x32().PermuteOrZeroGrouped(evenLo).Or(b.AsUint8x32().PermuteOrZeroGrouped(evenHi))
		v.AsUint32x8().Permute(order).AsUint8x32().StoreSlice(o[x : x+32])
	}
	return n
}

// quantizeU8SIMD is quantize for uint8 (lo 0, hi 255) eight values at a
// time with AVX2, and returns the values done (a multiple of 8). Clamped
// with max and min, NaN lanes zeroed (NaN becomes 0, as in quantize),
// then y + 0.49999999999999994 truncated: quantize's steps for y >= 0
// (quantize's copysign only matters below 0, where the clamp has put 0),
// no FMA, so the same bytes (TestQuantizeU8SIMDIsGo).
func quantizeU8SIMD(o []uint8, v []float64, scale, off float64) int {
	n := len(o) &^ 7
	if !haveAVX2 || useGo || n == 0 {
		return 0
	}
	defer archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next
	v = v[:len(o)]
	vs, vo := archsimd.BroadcastFloat64x4(scale), archsimd.BroadcastFloat64x4(off)
	zero, top := archsimd.Float64x4{}, archsimd.BroadcastFloat64x4(255)
	vh := archsimd.BroadcastFloat64x4(0.49999999999999994)
	q := func(p []float64) archsimd.Int32x4 {
		y := archsimd.LoadFloat64x4Slice(p).Mul(vs).Add(vo)
		return y.Max(zero).Min(top).Masked(y.Equal(y)).Add(vh).ConvertToInt32()
	}
	for i := 0; i < n; i += 8 {
		b := q(v[i : i+4]).SaturateToUint16Concat(q(v[i+4 : i+8])).AsUint8x16().PermuteOrZero(archsimd.LoadInt8x16(&evenBytes))
		binary.LittleEndian.PutUint64(o[i:i+8], b.AsUint64x2().GetElem(0))
	}
	return n
}

// hsvSIMD is hsvRow (float64 out) four pixels at a time with AVX2 for
// inputs that hold no NaN and no -0 (scaled integers: there the vector max
// and min are Go's), and returns the pixels done (a multiple of 4). The
// same operations in the same order: the selections as hsvRow's masks,
// h + 1 or h + 0 as hsvRow adds, zeroed lanes where it sets 0; so the
// same numbers (TestHsvSIMDIsGo). hsvAVX512 runs eight pixels a step on
// an AVX-512 machine.
func hsvSIMD(o0, o1, o2, r, g, b []float64) int {
	n := len(o0) &^ 3
	if !haveAVX2 || useGo || n == 0 {
		return 0
	}
	x0 := 0
	if haveAVX512 && !avx2Only {
		x0 = hsvAVX512(o0, o1, o2, r, g, b)
	}
	defer archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next
	o1, o2, r, g, b = o1[:len(o0)], o2[:len(o0)], r[:len(o0)], g[:len(o0)], b[:len(o0)]
	zero, one := archsimd.Float64x4{}, archsimd.BroadcastFloat64x4(1)
	two, four, six := archsimd.BroadcastFloat64x4(2), archsimd.BroadcastFloat64x4(4), archsimd.BroadcastFloat64x4(6)
	noNaN := func(x archsimd.Float64x4) archsimd.Float64x4 { return x.Masked(x.Equal(x)) }
	for x := x0; x < n; x += 4 {
		R, G, B := archsimd.LoadFloat64x4Slice(r[x:x+4]), archsimd.LoadFloat64x4Slice(g[x:x+4]), archsimd.LoadFloat64x4Slice(b[x:x+4])
		v := R.Max(G).Max(B)
		delta := v.Sub(R.Min(G).Min(B))
		s := delta.Div(v)
		mg, mb := G.Equal(v), B.Equal(v)
		num := R.Sub(G).Merge(B.Sub(R).Merge(G.Sub(B), mg), mb)
		off := four.Merge(two.Merge(zero, mg), mb)
		h := off.Add(num.Div(delta)).Div(six)
		h = h.Add(one.Masked(h.Less(zero)))
		live := delta.NotEqual(zero)
		noNaN(h.Masked(live)).StoreSlice(o0[x : x+4])
		noNaN(s.Masked(live)).StoreSlice(o1[x : x+4])
		noNaN(v).StoreSlice(o2[x : x+4])
	}
	return n
}

// ycbcrSIMD is ycbcrRow (float64 out) four pixels at a time with AVX2, and
// returns the pixels done (a multiple of 4): each channel's products
// summed in ycbcrRow's order, no FMA, so the same numbers
// (TestYCbCrSIMDIsGo).
func ycbcrSIMD(o0, o1, o2, r, g, b []float64) int {
	n := len(o0) &^ 3
	if !haveAVX2 || useGo || n == 0 {
		return 0
	}
	defer archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next
	o1, o2, r, g, b = o1[:len(o0)], o2[:len(o0)], r[:len(o0)], g[:len(o0)], b[:len(o0)]
	c := func(x float64) archsimd.Float64x4 { return archsimd.BroadcastFloat64x4(x) }
	yr, yg, yb, y0 := c(yR), c(yG), c(yB), c(yO)
	br, bg, bb, b0 := c(bR), c(bG), c(bB), c(bO)
	rr, rg, rb := c(rR), c(rG), c(rB) // rO is bO
	for x := 0; x < n; x += 4 {
		R, G, B := archsimd.LoadFloat64x4Slice(r[x:x+4]), archsimd.LoadFloat64x4Slice(g[x:x+4]), archsimd.LoadFloat64x4Slice(b[x:x+4])
		R.Mul(yr).Add(G.Mul(yg)).Add(B.Mul(yb)).Add(y0).StoreSlice(o0[x : x+4])
		R.Mul(br).Add(G.Mul(bg)).Add(B.Mul(bb)).Add(b0).StoreSlice(o1[x : x+4])
		R.Mul(rr).Add(G.Mul(rg)).Add(B.Mul(rb)).Add(b0).StoreSlice(o2[x : x+4])
	}
	return n
}

// ycbcrU8SIMD is runInt's rgbToYCbCr for uint8 in and out (lut: the uint8
// scaling table), eight pixels per step with AVX2, and returns the pixels
// done (a multiple of 8, leaving at least 8 for the block loop: each step
// loads 16 bytes). Each channel in float32 in its 8-bit units plus 1/2
// (t = R·65.481/255 + G·128.553/255 + B·24.966/255 + 16.5 for Y): t is
// within 6·10^-5 of the exact value plus 1/2 (the weights' and six
// operations' roundings, 2^-24 relative, on values below 256), and the
// float64 row within 10^-12. So where t - E and t + E (E = 2·10^-4) have
// the same integer part, that is the row's rounded value: the exact
// value's rounding, which no tie can reach (a tie's exact value + 1/2
// would be an integer between them). A step with a lane whose interval
// holds an integer (a few in ten thousand) takes the float64 row's
// numbers (ycbcrRow, quantize). Each step reads its pixels before it
// writes them: the outputs may be the inputs. TestYCbCrU8SIMDIsGo checks
// all 2^24 triples.
func ycbcrU8SIMD(o0, o1, o2, rr, gg, bb []uint8, lut []float64) int {
	n := 0
	if len(o0) >= 16 {
		n = (len(o0) - 8) &^ 7
	}
	if !haveAVX2 || useGo || n == 0 {
		return 0
	}
	if haveAVX512 && !avx2Only {
		return ycbcrU8AVX512(o0, o1, o2, rr, gg, bb, lut)
	}
	defer archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next
	o1, o2, rr, gg, bb = o1[:len(o0)], o2[:len(o0)], rr[:len(o0)], gg[:len(o0)], bb[:len(o0)]
	lut = lut[:256]
	c := func(x float64) archsimd.Float32x8 { return archsimd.BroadcastFloat32x8(float32(x)) }
	yr, yg, yb, yo := c(65.481/255), c(128.553/255), c(24.966/255), c(16.5)
	br, bg, bb0, co := c(-37.797/255), c(-74.203/255), c(112.0/255), c(128.5)
	rr0, rg, rb := c(112.0/255), c(-93.786/255), c(-18.214/255)
	e := c(2e-4)
	load := func(p []uint8) archsimd.Float32x8 {
		return archsimd.LoadUint8x16Slice(p).ExtendLo8ToUint32().AsInt32x8().ConvertToFloat32()
	}
	// one is a channel's rounded value of eight pixels and its unsure lanes.
	one := func(wr, wg, wb, wo, r, g, b archsimd.Float32x8) (archsimd.Int32x8, archsimd.Mask32x8) {
		t := r.Mul(wr).Add(g.Mul(wg)).Add(b.Mul(wb).Add(wo))
		lo := t.Sub(e).ConvertToInt32()
		return lo, lo.NotEqual(t.Add(e).ConvertToInt32())
	}
	pack := func(v archsimd.Int32x8) uint64 {
		return v.GetLo().SaturateToUint16Concat(v.GetHi()).AsUint8x16().PermuteOrZero(archsimd.LoadInt8x16(&evenBytes)).AsUint64x2().GetElem(0)
	}
	// Runs of 256 pixels: the steps without a call (which would make the
	// vectors go to the stack), then the unsure ones, left unwritten.
	for x0 := 0; x0 < n; x0 += 256 {
		var unsure uint32
		for x := x0; x < min(x0+256, n); x += 8 {
			r, g, b := load(rr[x:x+16]), load(gg[x:x+16]), load(bb[x:x+16])
			y, t0 := one(yr, yg, yb, yo, r, g, b)
			cb, t1 := one(br, bg, bb0, co, r, g, b)
			cr, t2 := one(rr0, rg, rb, co, r, g, b)
			if t0.Or(t1).Or(t2).ToBits() != 0 {
				unsure |= 1 << uint((x-x0)/8)
				continue
			}
			binary.LittleEndian.PutUint64(o0[x:x+8], pack(y))
			binary.LittleEndian.PutUint64(o1[x:x+8], pack(cb))
			binary.LittleEndian.PutUint64(o2[x:x+8], pack(cr))
		}
		if unsure != 0 {
			// ycbcrU8Float64 is scalar (legacy SSE) code, which stalls
			// while the upper halves are dirty.
			archsimd.ClearAVXUpperBits()
		}
		for ; unsure != 0; unsure &= unsure - 1 {
			x := x0 + 8*bits.TrailingZeros32(unsure)
			ycbcrU8Float64(o0[x:x+8], o1[x:x+8], o2[x:x+8], rr[x:x+8], gg[x:x+8], bb[x:x+8], lut)
		}
	}
	return n
}

// ycbcrU8Float64 is runInt's float64 numbers for eight uint8 pixels
// (ycbcrRow, quantize): ycbcrU8SIMD's unsure steps.
func ycbcrU8Float64(o0, o1, o2, r, g, b []uint8, lut []float64) {
	var x, y, z, v0, v1, v2 [8]float64
	for i := range 8 {
		x[i], y[i], z[i] = lut[r[i]], lut[g[i]], lut[b[i]]
	}
	ycbcrRow(v0[:], v1[:], v2[:], x[:], y[:], z[:])
	quantize(o0, v0[:], 1, 0, 0, 255)
	quantize(o1, v1[:], 1, 0, 0, 255)
	quantize(o2, v2[:], 1, 0, 0, 255)
}

// hsvU8SIMD is hsvU8's loop (see there) eight pixels per step with
// AVX2, and returns the pixels done (a multiple of 8, leaving at least 8
// for hsvU8Row: each step loads 16 bytes). With the bytes R, G, B, V =
// max, D = V - min, the rounded results are floor(n/d): n = 510 D + V over
// d = 2V for s, n = 255 N + 3 D over d = 6 D for h (hsvU8Row). n < 2^19
// and d are exact in float32 and n/d is one correctly rounded division:
// an integer quotient comes out exact, any other is at least 1/d >=
// 1/1530 from the integers around it and the rounding (2^-24 relative,
// times at most 256) moves it less than 2·10^-5, so truncating it is
// floor(n/d) in every lane, ties included. D = 0 gives 0 for h and s.
// Each step reads its pixels before it writes them: the outputs may be
// the inputs. TestHsvU8SIMDIsGo checks all 2^24 triples.
func hsvU8SIMD(o0, o1, o2, rr, gg, bb []uint8) int {
	n := 0
	if len(o0) >= 16 {
		n = (len(o0) - 8) &^ 7
	}
	if !haveAVX2 || useGo || n == 0 {
		return 0
	}
	if haveAVX512 && !avx2Only {
		return hsvU8AVX512(o0, o1, o2, rr, gg, bb)
	}
	defer archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next
	o1, o2, rr, gg, bb = o1[:len(o0)], o2[:len(o0)], rr[:len(o0)], gg[:len(o0)], bb[:len(o0)]
	c := archsimd.BroadcastFloat32x8
	zero, two, three, four, six, c255, c510 := archsimd.Float32x8{}, c(2), c(3), c(4), c(6), c(255), c(510)
	load := func(p []uint8) archsimd.Float32x8 {
		return archsimd.LoadUint8x16Slice(p).ExtendLo8ToUint32().AsInt32x8().ConvertToFloat32()
	}
	pack := func(v archsimd.Int32x8) uint64 {
		return v.GetLo().SaturateToUint16Concat(v.GetHi()).AsUint8x16().PermuteOrZero(archsimd.LoadInt8x16(&evenBytes)).AsUint64x2().GetElem(0)
	}
	for x := 0; x < n; x += 8 {
		R, G, B := load(rr[x:x+16]), load(gg[x:x+16]), load(bb[x:x+16])
		V := R.Max(G).Max(B)
		D := V.Sub(R.Min(G).Min(B))
		live := D.NotEqual(zero) // D > 0 makes V > 0
		mg, mb := G.Equal(V), B.Equal(V)
		num := R.Sub(G).Merge(B.Sub(R).Merge(G.Sub(B), mg), mb)
		N := four.Merge(two.Merge(zero, mg), mb).Mul(D).Add(num)
		D6 := D.Mul(six)
		N = N.Add(D6.Masked(N.Less(zero)))
		s := D.Mul(c510).Add(V).Div(V.Mul(two))
		h := N.Mul(c255).Add(D.Mul(three)).Div(D6)
		binary.LittleEndian.PutUint64(o0[x:x+8], pack(h.Masked(live).ConvertToInt32()))
		binary.LittleEndian.PutUint64(o1[x:x+8], pack(s.Masked(live).ConvertToInt32()))
		binary.LittleEndian.PutUint64(o2[x:x+8], pack(V.ConvertToInt32()))
	}
	return n
}
