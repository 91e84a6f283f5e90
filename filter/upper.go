//go:build !(goexperiment.simd && amd64)

package filter

// clearUpper marks the upper halves of the vector registers clean
// (upper_simd.go); without vector kernels there is nothing to clear.
func clearUpper() {}
