package transform

import "github.com/gipsdev/gips"

// The integer path's volume row in one vertical pass, and the doubling
// pattern's horizontal pass for integer rows (uint16 output in the 3D
// zoom2 row). Both only regroup integer sums: exact in any order (see
// zoomint.go), so the result is still scipy's bit for bit.

// vertical4U8 and vertical4U16 (acc[k] = Σ r[i][k]·w[i] over four rows in
// int32) and doubleU16 (doubleRowU16's middle from m = 1; returns the
// first m it did not do) are vector kernels set by zoomint3_simd.go;
// TestVertical4DoubleU16SIMDMatchesPureGo compares them with the Go loops.
var (
	vertical4U8  func(acc []int32, r0, r1, r2, r3 []uint8, w [4]int32) int
	vertical4U16 func(acc []int32, r0, r1, r2, r3 []uint16, w [4]int32) int
	doubleU16    func(o []uint16, acc []int32, a, b int32, sh uint) int
)

// vertical4 sets acc[k] = r[0][k]·w[0] + r[1][k]·w[1] + r[2][k]·w[2] +
// r[3][k]·w[3]: a volume's four rows (z, y taps) of one output row.
func vertical4[S gips.Pixel](acc []int32, r [4][]S, w [4]int32) {
	n := len(acc)
	for i := range r {
		r[i] = r[i][:n]
	}
	r0, r1, r2, r3 := r[0], r[1], r[2], r[3]
	k := 0
	// The rows go to the kernels one by one: a pointer to r would put it
	// on the heap on every row.
	switch any(r0).(type) {
	case []uint8:
		if vertical4U8 != nil {
			k = vertical4U8(acc, any(r0).([]uint8), any(r1).([]uint8), any(r2).([]uint8), any(r3).([]uint8), w)
		}
	case []uint16:
		if vertical4U16 != nil {
			k = vertical4U16(acc, any(r0).([]uint16), any(r1).([]uint16), any(r2).([]uint16), any(r3).([]uint16), w)
		}
	}
	for ; k < n; k++ {
		acc[k] = int32(r0[k])*w[0] + int32(r1[k])*w[1] + int32(r2[k])*w[2] + int32(r3[k])*w[3]
	}
}

// doubleRowU16 is horizontal for the doubling pattern and uint16 output
// (direct): the edges from the tables, the middle pairs by the pattern.
func doubleRowU16(il *intLin, o []uint16, acc []int32, sh int) {
	half := int32(1) << sh >> 1
	at := func(x int) uint16 {
		return uint16((acc[il.i0[x]]*il.w0[x] + acc[il.i1[x]]*il.w1[x] + half) >> sh)
	}
	n := len(o)
	o[0], o[1], o[n-2], o[n-1] = at(0), at(1), at(n-2), at(n-1)
	m := 1
	if doubleU16 != nil {
		m = doubleU16(o, acc, il.a, il.b, uint(sh))
	}
	a, b := il.a, il.b
	for ; m < n/2-1; m++ {
		o[2*m] = uint16((acc[m-1]*a + acc[m]*b + half) >> sh)
		o[2*m+1] = uint16((acc[m]*b + acc[m+1]*a + half) >> sh)
	}
}

// halve4U16 is halveRowU16's vector loop (zoomint3_simd.go);
// TestHalveRowU16SIMDMatchesPureGo compares them.
var halve4U16 func(o, r0, r1, r2, r3 []uint16, c int, w [4]int32, wx int32, sh uint) int

// halveRowU16 is a volume's output row of the halving pattern for uint16
// in and out, in one pass: o[x] = ((Σ_i (r_i[c+2x] + r_i[c+2x+1])·w[i])·wx
// + half) >> sh, the integer path's value (the same exact sum regrouped).
func halveRowU16(o []uint16, r [4][]uint16, c int, w [4]int32, wx int32, sh uint) {
	r0, r1, r2, r3 := r[0], r[1], r[2], r[3]
	x := 0
	if halve4U16 != nil {
		x = halve4U16(o, r0, r1, r2, r3, c, w, wx, sh)
	}
	half := int32(1) << sh >> 1
	for ; x < len(o); x++ {
		k := c + 2*x
		s := (int32(r0[k])+int32(r0[k+1]))*w[0] + (int32(r1[k])+int32(r1[k+1]))*w[1] +
			(int32(r2[k])+int32(r2[k+1]))*w[2] + (int32(r3[k])+int32(r3[k+1]))*w[3]
		o[x] = uint16((s*wx + half) >> sh)
	}
}
