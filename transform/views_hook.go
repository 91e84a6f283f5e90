package transform

// reverseBytes is the vector version of reverseRow (dst = src's elements
// of size bytes in reverse order), set by views_simd.go when gips is built
// with GOEXPERIMENT=simd on a CPU with AVX2: it fills a multiple of 32
// leading bytes of dst from the end of src and returns how many; the Go
// loop does the rest. TestReverseSIMDMatchesPureGo compares the two.
var reverseBytes func(dst, src []byte, size int) int
