//go:build !(goexperiment.simd && amd64)

package stream

import "unsafe"

// have is false: this build has no non-temporal stores.
const have = false

func streamLines(dst, src unsafe.Pointer, n int) {
	panic("stream: no non-temporal stores in this build")
}

func storeFence() {}
