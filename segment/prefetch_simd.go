//go:build amd64 && goexperiment.simd

package segment

import "unsafe"

// hasPrefetch: prefetch issues the CPU's prefetch instruction, which
// retires at once; the pure-Go twin (prefetch_other.go) reads ahead with
// loads instead, which hold the out-of-order window until they arrive.
const hasPrefetch = true

// prefetch asks for the cache lines at p+offs[i] bytes (no fault, no
// result: an address out of bounds is harmless, but none is).
//
//go:noescape
func prefetch(p unsafe.Pointer, offs []int)
