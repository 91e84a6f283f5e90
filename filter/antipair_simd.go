//go:build goexperiment.simd && amd64

package filter

import "simd/archsimd"

func init() {
	if archsimd.X86.AVX2() {
		antiPair2F32 = antiPair2AVX2
	}
}

// antiPair2AVX2 is antiPair2 on eight float32 lanes: out += w1·(a−b) +
// w2·(c−d), each operation rounded as the Go loop rounds it (no fused
// multiply-add), so a pixel's value does not depend on its column.
func antiPair2AVX2(out, a, b, c, d []float32, w1, w2 float32) int {
	n := len(out) &^ 7
	a, b, c, d = a[:n], b[:n], c[:n], d[:n]
	v1, v2 := archsimd.BroadcastFloat32x8(w1), archsimd.BroadcastFloat32x8(w2)
	for i := 0; i < n; i += 8 {
		t := archsimd.LoadFloat32x8Slice(a[i:]).Sub(archsimd.LoadFloat32x8Slice(b[i:])).Mul(v1)
		t = t.Add(archsimd.LoadFloat32x8Slice(c[i:]).Sub(archsimd.LoadFloat32x8Slice(d[i:])).Mul(v2))
		archsimd.LoadFloat32x8Slice(out[i:]).Add(t).StoreSlice(out[i:])
	}
	archsimd.ClearAVXUpperBits() // scalar SSE code follows
	return n
}
