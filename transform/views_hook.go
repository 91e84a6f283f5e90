package transform

// reverseBytes is the vector version of reverseRow (dst = src's elements
// of size bytes in reverse order), set by pickKernels to the AVX-512 or
// AVX2 kernel of views_simd.go when gips is built with GOEXPERIMENT=simd
// on a CPU that has it: it fills a multiple of 32 leading bytes of dst
// from the end of src and returns how many; the Go loop does the rest.
// TestReverseSIMDMatchesPureGo compares them at every tier.
var reverseBytes func(dst, src []byte, size int) int
