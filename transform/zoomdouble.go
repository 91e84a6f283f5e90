package transform

import (
	"math"
	"unsafe"

	"github.com/gipsdev/gips"
)

// The doubling of a float32 plane (grid mode, factor 2: the bench's
// zoom2_f32) without the gather. Output 2m reads input m-1 and m with
// weights a and b, output 2m+1 reads m and m+1 with b and a (0 < m <
// n/2-1; the edges fold by the mode), so each output row reads its two
// input rows, widened to float64 once each (the gather cache keeps them),
// at the offsets m-1, m and m+1: no per-pixel index. The value is
// linRowsGo's, term for term. When the weights are multiples of 1/16
// (a zoom by 2 in grid mode: 1/4 and 3/4) every term (v·wy)·wx of a
// float32 v is exact (24 + 5 + 5 significant bits), so it is v·(wy·wx):
// the vector kernel makes each term in one product, and the first one
// in a fused multiply-add on 0 on AVX-512 (exact too).

// doubleF32 is doubleRowF32's middle (AVX-512 or AVX2) from m = m0 (returns the
// first m it did not do) and widenF32 widens a row to float64 (returns
// how many it did), set by zoomdouble_simd.go; TestZoomDoubleF32SIMD
// compares them with the Go loops.
var (
	doubleF32 func(o []float32, u0, u1 []float64, m0 int, ca0, cb0, ca1, cb1 float64) int
	widenF32  func(u []float64, v []float32) int
)

// doublePattern reports whether the x table of order 1 is the doubling
// pattern, and its weights.
func doublePattern(lin []linTap) (a, b float64, ok bool) {
	n := len(lin)
	if n%2 != 0 || n < 6 {
		return 0, 0, false
	}
	a, b = lin[2].w0, lin[2].w1
	for m := 1; m < n/2-1; m++ {
		e, o := &lin[2*m], &lin[2*m+1]
		if e.special || o.special || e.i0 != int32(m-1) || e.i1 != int32(m) || o.i0 != int32(m) || o.i1 != int32(m+1) ||
			e.w0 != a || e.w1 != b || o.w0 != b || o.w1 != a {
			return 0, 0, false
		}
	}
	return a, b, true
}

// sixteenths reports whether every w is a multiple of 1/16 in [-1, 1].
func sixteenths(ws ...float64) bool {
	for _, w := range ws {
		if math.Abs(w) > 1 || dyadicBits(w, 4) < 0 {
			return false
		}
	}
	return true
}

// widenRow sets u[k] = float64(v[k]).
func widenRow[S gips.Pixel](u []float64, v []S) {
	u = u[:len(v)]
	k := 0
	if f, ok := any(v).([]float32); ok && widenF32 != nil {
		k = widenF32(u, f)
	}
	for ; k < len(v); k++ {
		u[k] = float64(v[k])
	}
}

// doubleRowF32 writes an output row of the doubling pattern from the
// widened input rows u0 (weight wy0) and u1 (wy1): the edges from the
// taps, the middle by the pattern. The caller has checked sixteenths.
func doubleRowF32(o []float32, u0, u1 []float64, g *gatherTaps, wy0, wy1 float64) {
	n := len(o)
	for _, x := range [4]int{0, 1, n - 2, n - 1} {
		i0, i1, w0, w1 := g.i0[x], g.i1[x], g.w0[x], g.w1[x]
		s := 0.0
		s += float64(float64(u0[i0]*wy0) * w0)
		s += float64(float64(u0[i1]*wy0) * w1)
		s += float64(float64(u1[i0]*wy1) * w0)
		s += float64(float64(u1[i1]*wy1) * w1)
		o[x] = float32(s)
	}
	if n/2-1 <= 1 {
		return
	}
	// The kernel's stores (a 64-byte line, or half) start at a line where
	// the row allows.
	m := 1
	if doubleF32 != nil {
		m0 := 1
		for m0 < 9 && 2*m0 < n && uintptr(unsafe.Pointer(&o[2*m0]))%64 != 0 {
			m0++
		}
		if m0 == 9 || 2*m0 >= n {
			m0 = 1
		}
		doublePairsF32(o, u0, u1, g.a, g.b, wy0, wy1, 1, min(m0, n/2-1))
		m = doubleF32(o, u0, u1, min(m0, n/2-1), wy0*g.a, wy0*g.b, wy1*g.a, wy1*g.b)
	}
	doublePairsF32(o, u0, u1, g.a, g.b, wy0, wy1, m, n/2-1)
}

// doublePairsF32 writes the outputs 2m and 2m+1 of the doubling pattern
// for m in [m0, m1).
func doublePairsF32(o []float32, u0, u1 []float64, a, b, wy0, wy1 float64, m0, m1 int) {
	for m := m0; m < m1; m++ {
		s := 0.0
		s += float64(float64(u0[m-1]*wy0) * a)
		s += float64(float64(u0[m]*wy0) * b)
		s += float64(float64(u1[m-1]*wy1) * a)
		s += float64(float64(u1[m]*wy1) * b)
		o[2*m] = float32(s)
		s = 0
		s += float64(float64(u0[m]*wy0) * b)
		s += float64(float64(u0[m+1]*wy0) * a)
		s += float64(float64(u1[m]*wy1) * b)
		s += float64(float64(u1[m+1]*wy1) * a)
		o[2*m+1] = float32(s)
	}
}
