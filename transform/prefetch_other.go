//go:build !(amd64 && goexperiment.simd)

package transform

import "unsafe"

// prefetchRows has no instruction to issue in this build (transposeVec,
// its caller, runs only with the vector tiles).
func prefetchRows(p unsafe.Pointer, stride, rows, width int) {}
