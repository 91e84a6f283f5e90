//go:build !(goexperiment.simd && amd64)

package stats

// withoutSIMD runs f: without GOEXPERIMENT=simd there are no SIMD twins.
func withoutSIMD(f func()) { f() }
