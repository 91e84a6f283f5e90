//go:build goexperiment.simd && amd64

package filter

import "simd/archsimd"

func init() {
	if archsimd.X86.AVX2() {
		axpy8F32 = axpy8AVX2
		axpy9F32 = axpy9AVX2
	}
}

// axpy8AVX2 is axpy8 on eight float32 lanes: out += w1·(a+b) + w2·(c+d) +
// w3·(e+f) + w4·(g+h), rounded exactly as the pure-Go loop rounds (the
// terms summed left to right, then added to out; no fused multiply-add).
// Bit-identical results matter beyond taste: the vector loop covers a
// multiple of 8 pixels and the Go loop the rest, so any difference would
// make a pixel's value depend on its column, and a chunked (Dask) result
// differ from the whole image's.
func axpy8AVX2(out, a, b, c, d, e, f, g, h []float32, w1, w2, w3, w4 float32) int {
	n := len(out) &^ 7
	a, b, c, d, e, f, g, h = a[:n], b[:n], c[:n], d[:n], e[:n], f[:n], g[:n], h[:n]
	v1, v2 := archsimd.BroadcastFloat32x8(w1), archsimd.BroadcastFloat32x8(w2)
	v3, v4 := archsimd.BroadcastFloat32x8(w3), archsimd.BroadcastFloat32x8(w4)
	for i := 0; i < n; i += 8 {
		t := archsimd.LoadFloat32x8Slice(a[i:]).Add(archsimd.LoadFloat32x8Slice(b[i:])).Mul(v1)
		t = t.Add(archsimd.LoadFloat32x8Slice(c[i:]).Add(archsimd.LoadFloat32x8Slice(d[i:])).Mul(v2))
		t = t.Add(archsimd.LoadFloat32x8Slice(e[i:]).Add(archsimd.LoadFloat32x8Slice(f[i:])).Mul(v3))
		t = t.Add(archsimd.LoadFloat32x8Slice(g[i:]).Add(archsimd.LoadFloat32x8Slice(h[i:])).Mul(v4))
		archsimd.LoadFloat32x8Slice(out[i:]).Add(t).StoreSlice(out[i:])
	}
	archsimd.ClearAVXUpperBits() // scalar SSE code follows: no AVX-SSE transition stalls
	return n
}

// axpy9AVX2 is axpy9 on eight float32 lanes, rounded as the Go loop
// (w0·m first), as axpy8AVX2.
func axpy9AVX2(out, m, a, b, c, d, e, f, g, h []float32, w0, w1, w2, w3, w4 float32) int {
	n := len(out) &^ 7
	m, a, b, c, d, e, f, g, h = m[:n], a[:n], b[:n], c[:n], d[:n], e[:n], f[:n], g[:n], h[:n]
	v0, v1, v2 := archsimd.BroadcastFloat32x8(w0), archsimd.BroadcastFloat32x8(w1), archsimd.BroadcastFloat32x8(w2)
	v3, v4 := archsimd.BroadcastFloat32x8(w3), archsimd.BroadcastFloat32x8(w4)
	for i := 0; i < n; i += 8 {
		t := archsimd.LoadFloat32x8Slice(m[i:]).Mul(v0)
		t = t.Add(archsimd.LoadFloat32x8Slice(a[i:]).Add(archsimd.LoadFloat32x8Slice(b[i:])).Mul(v1))
		t = t.Add(archsimd.LoadFloat32x8Slice(c[i:]).Add(archsimd.LoadFloat32x8Slice(d[i:])).Mul(v2))
		t = t.Add(archsimd.LoadFloat32x8Slice(e[i:]).Add(archsimd.LoadFloat32x8Slice(f[i:])).Mul(v3))
		t = t.Add(archsimd.LoadFloat32x8Slice(g[i:]).Add(archsimd.LoadFloat32x8Slice(h[i:])).Mul(v4))
		archsimd.LoadFloat32x8Slice(out[i:]).Add(t).StoreSlice(out[i:])
	}
	archsimd.ClearAVXUpperBits() // scalar SSE code follows: no AVX-SSE transition stalls
	return n
}
