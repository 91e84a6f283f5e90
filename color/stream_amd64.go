//go:build goexperiment.simd && amd64

package color

import "unsafe"

// haveStream is whether streamCopy has non-temporal stores (AVX).
var haveStream = haveAVX2

func streamLines(dst, src unsafe.Pointer, n int)

func storeFence()

// streamCopy is copy(dst, src) (of equal lengths, not overlapping) with
// the whole 64-byte lines of dst written by non-temporal stores, the
// bytes before the first and after the last by copy. The caller calls
// storeFence before the stores must be seen by another thread.
func streamCopy[D float32 | float64](dst, src []D) {
	src = src[:len(dst)]
	if !haveStream || useGo {
		copy(dst, src)
		return
	}
	size := int(unsafe.Sizeof(D(0)))
	head := (64 - int(uintptr(unsafe.Pointer(unsafe.SliceData(dst)))%64)) % 64
	if head%size != 0 || len(dst)*size < head+64 {
		copy(dst, src)
		return
	}
	h := head / size
	lines := (len(dst)*size - head) &^ 63
	e := h + lines/size
	copy(dst[:h], src[:h])
	streamLines(unsafe.Pointer(&dst[h]), unsafe.Pointer(&src[h]), lines)
	copy(dst[e:], src[e:])
}
