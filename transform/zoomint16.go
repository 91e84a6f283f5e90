package transform

// int16 sources on the integer path (zoomint.go). Their terms are exact
// as uint16's (|v| <= 2^15 times at most 2·bits of fraction), so the sum S
// scaled by 2^sh is scipy's float64 sum exactly, and scipy's rounding half
// away from zero of S/2^sh is (S + half) >> sh for S >= 0 and
// (S + half - 1) >> sh for S < 0 (sh > 0): storeRow's value, saturated as
// it saturates (an order-1 window's weights are convex, so it never has
// to). The bench's zoom 2 of int16 (1.5x OpenCV on the float path) is
// this in int32 lanes, 32 outputs a step on AVX-512.

// vertical2I16 (vertical2's loop for int16) and doubleI16 (doubleRowI16's
// middle from m = 1; returns the first m it did not do) are vector
// kernels set by zoomint16_simd.go; TestZoomI16SIMDMatchesGo compares them
// with the Go loops.
var (
	vertical2I16 func(acc []int32, r0, r1 []int16, w0, w1 int32) int
	doubleI16    func(o []int16, acc []int32, a, b int32, sh uint) int
)

// roundI16 is s/2^sh rounded half away from zero and saturated to int16.
func roundI16(s int32, sh uint) int16 {
	if sh > 0 {
		s = (s + int32(1)<<(sh-1) + s>>31) >> sh
	}
	return int16(min(max(s, -1<<15), 1<<15-1))
}

// doubleRowI16 is horizontal for the doubling pattern from int16 to
// int16: the edges from the tables, the middle pairs by the pattern.
func doubleRowI16(il *intLin, o []int16, acc []int32, sh uint) {
	at := func(x int) int16 {
		return roundI16(acc[il.i0[x]]*il.w0[x]+acc[il.i1[x]]*il.w1[x], sh)
	}
	n := len(o)
	o[0], o[1], o[n-2], o[n-1] = at(0), at(1), at(n-2), at(n-1)
	m := 1
	if doubleI16 != nil {
		m = doubleI16(o, acc, il.a, il.b, sh)
	}
	a, b := il.a, il.b
	for ; m < n/2-1; m++ {
		o[2*m] = roundI16(acc[m-1]*a+acc[m]*b, sh)
		o[2*m+1] = roundI16(acc[m]*b+acc[m+1]*a, sh)
	}
}

// horizontalI16 is horizontal into int16 from a source whose values all
// fit in int16.
func horizontalI16(il *intLin, acc []int32, o []int16, sh uint) {
	if il.double {
		doubleRowI16(il, o, acc, sh)
		return
	}
	n := len(o)
	i0, i1, w0, w1 := il.i0[:n], il.i1[:n], il.w0[:n], il.w1[:n]
	for x := range o {
		o[x] = roundI16(acc[i0[x]]*w0[x]+acc[i1[x]]*w1[x], sh)
	}
}
