//go:build !(goexperiment.simd && amd64)

package distance

// bruteSIMD does nothing without the SIMD build: brute runs bruteGo.
func bruteSIMD(f, d []float64, lo, hi, s int, c *parabola, over []bool) int { return lo }
