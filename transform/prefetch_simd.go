//go:build amd64 && goexperiment.simd

package transform

import "unsafe"

// prefetchRows asks for the cache lines of rows rows of width bytes from
// p, stride bytes apart (PREFETCHT0, which retires at once and cannot
// fault: an address out of bounds is harmless, but none is).
//
//go:noescape
func prefetchRows(p unsafe.Pointer, stride, rows, width int)
