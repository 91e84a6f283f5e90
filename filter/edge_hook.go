package filter

import "math"

// edgeLineF32 (d = r − l, sm = s0·(l + r) + s1·m) and edgeMagF32 (the 2D
// Sobel-type magnitude: gx = s0·(d0 + d2) + s1·d1, gy = sm2 − sm0,
// acc = sqrt(gx² + gy²)·inv) are vector versions of edgeTyped's float32
// loops, set by edge_simd.go when gips is built with GOEXPERIMENT=simd on a
// CPU with AVX2. Each does a multiple of 8 leading elements and returns
// how many; the Go loop does the rest. TestEdgeSIMDMatchesPureGo compares
// the two bit for bit.
var (
	edgeLineF32 func(d, sm, l, m, r []float32, s0, s1 float32) int
	edgeMagF32  func(acc, d0, d1, d2, sm0, sm2 []float32, s0, s1, inv float32) int
)

// edgeLine fills the x derivative d and x smoothing sm of an extended
// line (l, m, r: the line shifted by -1, 0, +1).
func edgeLine[A accum](d, sm, l, m, r []A, s0, s1 A) {
	x := 0
	if edgeLineF32 != nil {
		if d32, ok := any(d).([]float32); ok {
			x = edgeLineF32(d32, any(sm).([]float32), any(l).([]float32), any(m).([]float32), any(r).([]float32), float32(s0), float32(s1))
		}
	}
	d, sm, l, m, r = d[:len(d)], sm[:len(d)], l[:len(d)], m[:len(d)], r[:len(d)]
	for ; x < len(d); x++ {
		d[x] = r[x] - l[x]
		sm[x] = s0*(l[x]+r[x]) + s1*m[x]
	}
}

// edgeMag is the 2D magnitude of one output row.
func edgeMag[A accum](acc, d0, d1, d2, sm0, sm2 []A, s0, s1, inv A) {
	x := 0
	if edgeMagF32 != nil {
		if a32, ok := any(acc).([]float32); ok {
			x = edgeMagF32(a32, any(d0).([]float32), any(d1).([]float32), any(d2).([]float32), any(sm0).([]float32), any(sm2).([]float32), float32(s0), float32(s1), float32(inv))
		}
	}
	n := len(acc)
	d0, d1, d2, sm0, sm2 = d0[:n], d1[:n], d2[:n], sm0[:n], sm2[:n]
	for ; x < n; x++ {
		gx := s0*(d0[x]+d2[x]) + s1*d1[x]
		gy := sm2[x] - sm0[x]
		acc[x] = A(math.Sqrt(float64(gx*gx+gy*gy))) * inv
	}
}
