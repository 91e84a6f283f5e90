package transform

import (
	"math"
	"math/bits"
	"unsafe"

	"github.com/gipsdev/gips"
)

// Order-1 zoom and shift in integers, when every weight is a multiple of
// 2^-b for a small b (the factors 2 and 1/2 in grid mode give weights
// 1/4, 3/4 and 1/2, integer and half-pixel shifts give 0, 1/2, 1). Then
// each of scipy's float64 terms v·wy·wx (v·wz·wy·wx) is exact - an 8- or
// 16-bit integer times at most 3b bits of fraction - and so is their sum;
// the sum computed in any order in integers scaled by 2^(rank·b) is that
// same number, and rounding it half away from zero (all terms are >= 0)
// is (sum + half) >> (rank·b) (int16 sources: zoomint16.go). So the result is scipy's bit for bit,
// while the row is done as two integer passes: the y (and z) taps of the
// output row combined column by column into acc, then the x taps.

// intLin is an order-1 separable map in integers: the x windows, weights
// times 2^bits.
type intLin struct {
	bits   int
	i0, i1 []int32
	w0, w1 []int32
	// pairs marks the halving pattern: output x reads i0[0]+2x and the
	// next sample, both with weight w0[0].
	pairs bool
	// double marks the doubling pattern (factor 2 in grid mode): for
	// 0 < m < len/2-1, output 2m reads m-1, m with weights a, b and
	// output 2m+1 reads m, m+1 with b, a.
	double bool
	a, b   int32
}

// dyadicBits is the smallest b <= maxb with w·2^b an integer, or -1:
// read from w's bits (w = mant·2^e, so b = -(e + trailing zeros of mant)),
// as it runs for every window of every axis table on each call.
func dyadicBits(w float64, maxb int) int {
	if w == math.Trunc(w) { // 0, integers, infinities
		return 0
	}
	if math.IsNaN(w) {
		return -1
	}
	u := math.Float64bits(w)
	exp, mant := int(u>>52&0x7ff), u&(1<<52-1)
	if exp == 0 {
		exp = 1 // subnormal
	} else {
		mant |= 1 << 52
	}
	b := 1075 - exp - bits.TrailingZeros64(mant) // > 0: w is not an integer
	if b > maxb {
		return -1
	}
	return b
}

// newIntLin is the integer form of j's map for samples of type S, or nil
// when it has none: not order 1 on per-axis tables, a special x point
// (those take the general path), a source that is not uint8, uint16 or
// int16, or weights that need more bits than an int32 sum can hold.
func newIntLin[S gips.Pixel](j *job, lin []linTap) *intLin {
	if lin == nil || j.e.order != 1 || j.m.tabs[0] == nil || j.m.coords[0] != nil {
		return nil
	}
	var vbits int
	switch gips.TypeOf[S]() {
	case gips.UInt8:
		vbits = 8
	case gips.UInt16, gips.Int16:
		vbits = 16
	default:
		return nil
	}
	for a := range j.rank {
		if j.win[a] != 2 {
			return nil
		}
	}
	// vmax·2^(rank·b) + half must stay below 2^31.
	maxb := (31 - vbits) / j.rank
	b := 0
	fits := func(ws ...float64) bool {
		for _, w := range ws {
			k := dyadicBits(w, maxb)
			if k < 0 {
				return false
			}
			b = max(b, k)
		}
		return true
	}
	for _, c := range lin {
		if c.special || !fits(c.w0, c.w1) {
			return nil
		}
	}
	for a := 1; a < j.rank; a++ {
		for k := range j.m.tabs[a] {
			t := &j.m.tabs[a][k]
			if t.zero || t.cv != 0 {
				continue // that row takes the float path
			}
			if !fits(t.w[0], t.w[1]) {
				return nil
			}
		}
	}
	il := &intLin{bits: b, i0: make([]int32, len(lin)), i1: make([]int32, len(lin)), w0: make([]int32, len(lin)), w1: make([]int32, len(lin))}
	for x, c := range lin {
		il.i0[x], il.i1[x] = c.i0, c.i1
		il.w0[x], il.w1[x] = int32(math.Ldexp(c.w0, b)), int32(math.Ldexp(c.w1, b))
	}
	il.pairs = true
	for x := range lin {
		if il.i0[x] != il.i0[0]+2*int32(x) || il.i1[x] != il.i0[x]+1 || il.w0[x] != il.w0[0] || il.w1[x] != il.w0[0] {
			il.pairs = false
			break
		}
	}
	il.double, il.a, il.b = len(lin)%2 == 0 && len(lin) >= 6, il.w0[2%len(il.w0)], il.w1[2%len(il.w1)]
	for m := 1; il.double && m < len(lin)/2-1; m++ {
		e, o := 2*m, 2*m+1
		il.double = il.i0[e] == int32(m-1) && il.i1[e] == int32(m) && il.i0[o] == int32(m) && il.i1[o] == int32(m+1) &&
			il.w0[e] == il.a && il.w1[e] == il.b && il.w0[o] == il.b && il.w1[o] == il.a
	}
	return il
}

func (il *intLin) weight(w float64) int32 { return int32(math.Ldexp(w, il.bits)) }

// intRow2 writes output row y of a 2D image for the y window ty, or reports
// false when that window needs the float path. acc holds an input row.
func intRow2[S, D gips.Pixel](il *intLin, v *volume[S], ty *axisTap, acc []int32, row []D, buf []float64) bool {
	if ty.zero || ty.cv != 0 {
		return false
	}
	wy0, wy1 := il.weight(ty.w[0]), il.weight(ty.w[1])
	if o, ok := any(row).([]uint8); ok && il.pairs && il.bits <= 4 && direct[S, D]() {
		// uint8 in and out (direct): 255·2^8 + 2^7 < 2^16.
		r0, r1 := any(v.rows[ty.idx[0]]).([]uint8), any(v.rows[ty.idx[1]]).([]uint8)
		halveRowU8(o, r0, r1, int(il.i0[0]), uint16(wy0), uint16(wy1), uint16(il.w0[0]), uint(2*il.bits))
		return true
	}
	if o, ok := any(row).([]uint8); ok && il.double && il.bits <= 4 && direct[S, D]() {
		r0, r1 := any(v.rows[ty.idx[0]]).([]uint8), any(v.rows[ty.idx[1]]).([]uint8)
		doubleRowU8(il, o, r0, r1, v16(acc, v.nx), uint16(wy0), uint16(wy1), uint(2*il.bits))
		return true
	}
	vertical2(acc[:v.nx], v.rows[ty.idx[0]], v.rows[ty.idx[1]], wy0, wy1)
	horizontal(il, acc, row, buf, il.bits*2, direct[S, D]())
	return true
}

// intRow3 is intRow2 for a volume: windows tz and ty.
func intRow3[S, D gips.Pixel](il *intLin, v *volume[S], tz, ty *axisTap, acc []int32, row []D, buf []float64) bool {
	if tz.zero || ty.zero || tz.cv != 0 || ty.cv != 0 {
		return false
	}
	// One pass over the four rows (z, y taps), each weighted by wz·wy.
	wz0, wz1 := il.weight(tz.w[0]), il.weight(tz.w[1])
	wy0, wy1 := il.weight(ty.w[0]), il.weight(ty.w[1])
	z0, z1 := tz.idx[0]*v.ny, tz.idx[1]*v.ny
	rows := [4][]S{v.rows[z0+ty.idx[0]], v.rows[z0+ty.idx[1]], v.rows[z1+ty.idx[0]], v.rows[z1+ty.idx[1]]}
	w := [4]int32{wz0 * wy0, wz0 * wy1, wz1 * wy0, wz1 * wy1}
	if o, ok := any(row).([]uint16); ok && il.pairs && gips.TypeOf[S]() == gips.UInt16 {
		r := any(rows).([4][]uint16)
		halveRowU16(o, r, int(il.i0[0]), w, il.w0[0], uint(3*il.bits))
		return true
	}
	acc = acc[:v.nx]
	vertical4(acc, rows, w)
	horizontal(il, acc, row, buf, il.bits*3, direct[S, D]())
	return true
}

// vertical2 sets acc[k] = r0[k]·w0 + r1[k]·w1.
func vertical2[S gips.Pixel](acc []int32, r0, r1 []S, w0, w1 int32) {
	r0, r1 = r0[:len(acc)], r1[:len(acc)]
	k := vertical2SIMD(acc, r0, r1, w0, w1)
	for ; k < len(acc); k++ {
		acc[k] = int32(r0[k])*w0 + int32(r1[k])*w1
	}
}

// direct reports whether every value of S fits in D, a uint8, uint16 or
// int16: then a rounded sum, between S's extremes, is stored as is (an
// unsigned D has an unsigned S).
func direct[S, D gips.Pixel]() bool {
	s, d := gips.TypeOf[S](), gips.TypeOf[D]()
	ls, hs := s.Range()
	ld, hd := d.Range()
	return (d == gips.UInt8 || d == gips.UInt16 || d == gips.Int16) && hd >= hs && ld <= ls
}

// horizontal combines the x taps of acc into row: rounded and shifted
// back by sh bits when direct (the output holds every source value),
// else as the exact float64 value through storeRow (its rounding,
// saturation and float conversions).
func horizontal[D gips.Pixel](il *intLin, acc []int32, row []D, buf []float64, sh int, direct bool) {
	n := len(row)
	i0, i1, w0, w1 := il.i0[:n], il.i1[:n], il.w0[:n], il.w1[:n]
	half := int32(1) << sh >> 1
	switch o := any(row).(type) {
	case []uint8:
		if !direct {
			break
		}
		if il.pairs {
			a, w := acc[i0[0]:int(i0[0])+2*n], w0[0]
			for x := range o {
				o[x] = uint8(((a[2*x]+a[2*x+1])*w + half) >> sh)
			}
			return
		}
		for x := range o {
			o[x] = uint8((acc[i0[x]]*w0[x] + acc[i1[x]]*w1[x] + half) >> sh)
		}
		return
	case []uint16:
		if !direct {
			break
		}
		if il.double {
			doubleRowU16(il, o, acc, sh)
			return
		}
		for x := range o {
			o[x] = uint16((acc[i0[x]]*w0[x] + acc[i1[x]]*w1[x] + half) >> sh)
		}
		return
	case []int16:
		if direct {
			horizontalI16(il, acc, o, uint(sh))
			return
		}
	}
	buf = buf[:n]
	s := math.Ldexp(1, -sh)
	for x := range buf {
		buf[x] = float64(acc[i0[x]]*w0[x]+acc[i1[x]]*w1[x]) * s
	}
	storeRow(row, buf)
}

// halveRowU8 is an output row of the halving pattern for uint8 in and
// out, in one pass: o[x] = (((r0[c+2x] + r0[c+2x+1])·wy0 + (r1[c+2x] +
// r1[c+2x+1])·wy1)·w + half) >> sh, the integer path's value. The caller
// makes sure that 255·2^sh + half < 2^16, so that a vector kernel may
// work in 16-bit lanes.
func halveRowU8(o, r0, r1 []uint8, c int, wy0, wy1, w uint16, sh uint) {
	x := 0
	switch {
	case halveEqU8 != nil && wy0 == wy1:
		x = halveEqU8(o, r0, r1, c, wy0*w, sh)
	case halveU8 != nil:
		x = halveU8(o, r0, r1, c, wy0, wy1, w, sh)
	}
	half := uint32(1) << sh >> 1
	a0, a1 := uint32(wy0), uint32(wy1)
	for ; x < len(o); x++ {
		k := c + 2*x
		s := (uint32(r0[k])+uint32(r0[k+1]))*a0 + (uint32(r1[k])+uint32(r1[k+1]))*a1
		o[x] = uint8((s*uint32(w) + half) >> sh)
	}
}

// v16 is the first n uint16s of acc's memory (acc has n int32s): the
// doubling path's row of vertical sums, which fit in 16 bits.
func v16(acc []int32, n int) []uint16 {
	return unsafe.Slice((*uint16)(unsafe.Pointer(unsafe.SliceData(acc))), 2*len(acc))[:n]
}

// doubleRowU8 is an output row of the doubling pattern for uint8 in and
// out: v[k] = r0[k]·wy0 + r1[k]·wy1 (below 2^8·2^4), then each output
// from its two taps as horizontal's, the edges from the tables and the
// middle pairs by the pattern (a vector kernel when there is one). The
// caller makes sure that 255·2^sh + half < 2^16.
func doubleRowU8(il *intLin, o, r0, r1 []uint8, v []uint16, wy0, wy1 uint16, sh uint) {
	r0, r1 = r0[:len(v)], r1[:len(v)]
	k := 0
	if vertical16U8 != nil {
		k = vertical16U8(v, r0, r1, wy0, wy1)
	}
	for ; k < len(v); k++ {
		v[k] = uint16(r0[k])*wy0 + uint16(r1[k])*wy1
	}
	half := uint32(1) << sh >> 1
	at := func(x int) uint8 {
		return uint8((uint32(v[il.i0[x]])*uint32(il.w0[x]) + uint32(v[il.i1[x]])*uint32(il.w1[x]) + half) >> sh)
	}
	n := len(o)
	o[0], o[1], o[n-2], o[n-1] = at(0), at(1), at(n-2), at(n-1)
	m := 1
	if doubleU8 != nil {
		m = doubleU8(o, v, uint16(il.a), uint16(il.b), sh)
	}
	a, b := uint32(il.a), uint32(il.b)
	for ; m < n/2-1; m++ {
		o[2*m] = uint8((uint32(v[m-1])*a + uint32(v[m])*b + half) >> sh)
		o[2*m+1] = uint8((uint32(v[m])*b + uint32(v[m+1])*a + half) >> sh)
	}
}
