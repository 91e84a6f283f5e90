//go:build !(goexperiment.simd && amd64)

package filter

// symVec is the vector twin of symmetric's float32 schedule
// (gauss_sym_simd.go); this build has none.
func symVec(out, w []float32, src func(j int) []float32) int { return 0 }
