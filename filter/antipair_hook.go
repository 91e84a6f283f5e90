package filter

// antiPair2F32 is a vector version of antiPair2 for float32 (the odd
// derivative kernels of gaussianGradientMagnitude and Sobel), set by
// antipair_simd.go when gips is built with GOEXPERIMENT=simd on a CPU with
// AVX2. It does a multiple of 8 leading elements and returns how many;
// antiPair2 does the rest. TestAntiPairSIMDMatchesPureGo compares the two.
var antiPair2F32 func(out, a, b, c, d []float32, w1, w2 float32) int

// antiPair2Vec runs the vector version where there is one for A.
func antiPair2Vec[A accum](out, a, b, c, d []A, w1, w2 A) int {
	if antiPair2F32 == nil {
		return 0
	}
	if o, ok := any(out).([]float32); ok {
		return antiPair2F32(o, any(a).([]float32), any(b).([]float32), any(c).([]float32), any(d).([]float32), float32(w1), float32(w2))
	}
	return 0
}
