//go:build goexperiment.simd && amd64

package color

import (
	"unsafe"

	"github.com/gipsdev/gips/internal/stream"
)

// haveStream is whether streamCopy has non-temporal stores (AVX).
var haveStream = haveAVX2

// storeFence orders streamCopy's stores (internal/stream).
func storeFence() { stream.Fence() }

// streamCopy is copy(dst, src) (of equal lengths, not overlapping) with
// the whole 64-byte lines of dst written by non-temporal stores
// (stream.Copy). The caller calls storeFence before the stores must be
// seen by another thread.
func streamCopy[D float32 | float64](dst, src []D) {
	src = src[:len(dst)]
	if !haveStream || useGo || len(dst) == 0 {
		copy(dst, src)
		return
	}
	size := int(unsafe.Sizeof(D(0)))
	stream.Copy(unsafe.Slice((*byte)(unsafe.Pointer(&dst[0])), len(dst)*size),
		unsafe.Slice((*byte)(unsafe.Pointer(&src[0])), len(src)*size))
}
