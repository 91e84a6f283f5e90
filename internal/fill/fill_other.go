//go:build !(goexperiment.simd && amd64)

package fill

// haveAVX2 is false in this build: Slice is the doubling copy alone.
var haveAVX2 = false

// vector is the AVX2 fill's stand-in.
func vector[T any](s []T, v T) bool { return false }
