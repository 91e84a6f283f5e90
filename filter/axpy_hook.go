package filter

// axpy8F32 is a vector version of axpy8 for float32, set by axpy_simd.go
// when gips is built with GOEXPERIMENT=simd on a CPU with AVX2 and FMA. It
// processes a multiple of 8 leading elements and returns how many; axpy8
// does the rest. The default build leaves it nil and runs the pure-Go loop,
// which TestSIMDMatchesPureGo compares it with.
var axpy8F32 func(out, a, b, c, d, e, f, g, h []float32, w1, w2, w3, w4 float32) int

// axpy9F32 is axpy9's vector version, under the same rules.
var axpy9F32 func(out, m, a, b, c, d, e, f, g, h []float32, w0, w1, w2, w3, w4 float32) int
