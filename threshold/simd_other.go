//go:build !(goexperiment.simd && amd64)

package threshold

// simdRange8 is the AVX2 range test (simd_amd64.go); this build has none,
// so range8 does every word.
func simdRange8(d, s []byte, lo, hi, bias uint8) int { return 0 }
