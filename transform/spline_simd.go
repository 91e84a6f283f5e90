//go:build goexperiment.simd && amd64

package transform

import "simd/archsimd"

func init() {
	if archsimd.X86.AVX2() {
		comb4F64, causalF64, anticausalF64, scaleF64 = comb4AVX2, causalAVX2, anticausalAVX2, scaleAVX2
	}
}

// comb4AVX2 is comb4 on four float64 lanes: the products summed left to
// right as the Go loop does, no fused multiply-add.
func comb4AVX2(r, a, b, c, d []float64, w0, w1, w2, w3 float64) int {
	n := len(r) &^ 3
	a, b, c, d = a[:n], b[:n], c[:n], d[:n]
	v0, v1 := archsimd.BroadcastFloat64x4(w0), archsimd.BroadcastFloat64x4(w1)
	v2, v3 := archsimd.BroadcastFloat64x4(w2), archsimd.BroadcastFloat64x4(w3)
	for i := 0; i < n; i += 4 {
		t := archsimd.LoadFloat64x4Slice(a[i:]).Mul(v0)
		t = t.Add(archsimd.LoadFloat64x4Slice(b[i:]).Mul(v1))
		t = t.Add(archsimd.LoadFloat64x4Slice(c[i:]).Mul(v2))
		t = t.Add(archsimd.LoadFloat64x4Slice(d[i:]).Mul(v3))
		t.StoreSlice(r[i:])
	}
	archsimd.ClearAVXUpperBits() // scalar SSE code follows: no AVX-SSE transition stalls
	return n
}

// causalAVX2 is causalRow's loop: row += z·prev, the product rounded first.
func causalAVX2(row, prev []float64, z float64) int {
	n := len(row) &^ 3
	prev = prev[:n]
	vz := archsimd.BroadcastFloat64x4(z)
	for i := 0; i < n; i += 4 {
		p := archsimd.LoadFloat64x4Slice(prev[i:]).Mul(vz)
		archsimd.LoadFloat64x4Slice(row[i:]).Add(p).StoreSlice(row[i:])
	}
	archsimd.ClearAVXUpperBits()
	return n
}

// anticausalAVX2 is anticausalRow's loop: row = z·(next - row).
func anticausalAVX2(row, next []float64, z float64) int {
	n := len(row) &^ 3
	next = next[:n]
	vz := archsimd.BroadcastFloat64x4(z)
	for i := 0; i < n; i += 4 {
		d := archsimd.LoadFloat64x4Slice(next[i:]).Sub(archsimd.LoadFloat64x4Slice(row[i:]))
		vz.Mul(d).StoreSlice(row[i:])
	}
	archsimd.ClearAVXUpperBits()
	return n
}

// scaleAVX2 is scaleRowF64's loop: row *= g.
func scaleAVX2(row []float64, g float64) int {
	n := len(row) &^ 3
	vg := archsimd.BroadcastFloat64x4(g)
	for i := 0; i < n; i += 4 {
		archsimd.LoadFloat64x4Slice(row[i:]).Mul(vg).StoreSlice(row[i:])
	}
	archsimd.ClearAVXUpperBits()
	return n
}
