//go:build goexperiment.simd && amd64

package filter

import "simd/archsimd"

func init() {
	if archsimd.X86.AVX2() && archsimd.X86.FMA() {
		axpy8F32 = axpy8AVX2
		axpy9F32 = axpy9AVX2
	}
}

// axpy8AVX2 is axpy8 on eight float32 lanes with fused multiply-adds:
// out += w1·(a+b) + w2·(c+d) + w3·(e+f) + w4·(g+h), accumulated into out
// term by term (the pure-Go loop sums the terms first; the two differ by
// rounding only).
func axpy8AVX2(out, a, b, c, d, e, f, g, h []float32, w1, w2, w3, w4 float32) int {
	n := len(out) &^ 7
	a, b, c, d, e, f, g, h = a[:n], b[:n], c[:n], d[:n], e[:n], f[:n], g[:n], h[:n]
	v1, v2 := archsimd.BroadcastFloat32x8(w1), archsimd.BroadcastFloat32x8(w2)
	v3, v4 := archsimd.BroadcastFloat32x8(w3), archsimd.BroadcastFloat32x8(w4)
	for i := 0; i < n; i += 8 {
		acc := archsimd.LoadFloat32x8Slice(out[i:])
		acc = archsimd.LoadFloat32x8Slice(a[i:]).Add(archsimd.LoadFloat32x8Slice(b[i:])).MulAdd(v1, acc)
		acc = archsimd.LoadFloat32x8Slice(c[i:]).Add(archsimd.LoadFloat32x8Slice(d[i:])).MulAdd(v2, acc)
		acc = archsimd.LoadFloat32x8Slice(e[i:]).Add(archsimd.LoadFloat32x8Slice(f[i:])).MulAdd(v3, acc)
		acc = archsimd.LoadFloat32x8Slice(g[i:]).Add(archsimd.LoadFloat32x8Slice(h[i:])).MulAdd(v4, acc)
		acc.StoreSlice(out[i:])
	}
	return n
}

// axpy9AVX2 is axpy9 on eight float32 lanes, as axpy8AVX2.
func axpy9AVX2(out, m, a, b, c, d, e, f, g, h []float32, w0, w1, w2, w3, w4 float32) int {
	n := len(out) &^ 7
	m, a, b, c, d, e, f, g, h = m[:n], a[:n], b[:n], c[:n], d[:n], e[:n], f[:n], g[:n], h[:n]
	v0, v1, v2 := archsimd.BroadcastFloat32x8(w0), archsimd.BroadcastFloat32x8(w1), archsimd.BroadcastFloat32x8(w2)
	v3, v4 := archsimd.BroadcastFloat32x8(w3), archsimd.BroadcastFloat32x8(w4)
	for i := 0; i < n; i += 8 {
		acc := archsimd.LoadFloat32x8Slice(m[i:]).MulAdd(v0, archsimd.LoadFloat32x8Slice(out[i:]))
		acc = archsimd.LoadFloat32x8Slice(a[i:]).Add(archsimd.LoadFloat32x8Slice(b[i:])).MulAdd(v1, acc)
		acc = archsimd.LoadFloat32x8Slice(c[i:]).Add(archsimd.LoadFloat32x8Slice(d[i:])).MulAdd(v2, acc)
		acc = archsimd.LoadFloat32x8Slice(e[i:]).Add(archsimd.LoadFloat32x8Slice(f[i:])).MulAdd(v3, acc)
		acc = archsimd.LoadFloat32x8Slice(g[i:]).Add(archsimd.LoadFloat32x8Slice(h[i:])).MulAdd(v4, acc)
		acc.StoreSlice(out[i:])
	}
	return n
}
