package color

import (
	"sync"
	"unsafe"

	"github.com/gipsdev/gips"
)

// A large float output (streamMin bytes or more) is converted a block at
// a time into scratch that stays in the cache, and each block copied to
// the output by streamCopy's non-temporal stores: a plain store first
// reads the output's line from memory (its owner's copy), a third of the
// memory traffic of a conversion that reads as many bytes as it writes.
// An output that fits in the caches is better written there (the next op
// reads it from them): at 1024² (12 MB of float32 YCbCr, 24 MB of
// float64 HSV to RGB) streaming was no faster at one thread.

// streamMin is the output bytes from which run streams (a variable: the
// tests lower it).
var streamMin = 64 << 20

// streamBlock is the bytes of one channel's scratch.
const streamBlock = 32 << 10

// streamBuf is streamed's scratch: three channels' blocks, in the pool
// between calls.
type streamBuf struct{ b [3][streamBlock / 8]float64 }

var streamBufs = sync.Pool{New: func() any { return new(streamBuf) }}

// streams reports whether run writes dst by streamed.
func streams(dst *gips.Image) bool {
	return haveStream && imageBytes(dst) >= streamMin
}

// streamed is conv(o0, o1, o2, a, b, c) through scratch (o1 and o2 nil
// for rgbToGrey): each block's inputs are read before its outputs are
// written, so the outputs may be the inputs.
func streamed[S gips.Pixel, D float32 | float64](o0, o1, o2 []D, a, b, c []S, conv func(o0, o1, o2 []D, a, b, c []S)) {
	sb := streamBufs.Get().(*streamBuf)
	defer streamBufs.Put(sb)
	n := streamBlock / int(unsafe.Sizeof(D(0)))
	var s [3][]D
	for i := range s {
		s[i] = unsafe.Slice((*D)(unsafe.Pointer(&sb.b[i][0])), n)
	}
	for x := 0; x < len(o0); x += n {
		x1 := min(x+n, len(o0))
		m := x1 - x
		if o1 == nil {
			conv(s[0][:m], nil, nil, a[x:x1], b[x:x1], c[x:x1])
			streamCopy(o0[x:x1], s[0][:m])
			continue
		}
		conv(s[0][:m], s[1][:m], s[2][:m], a[x:x1], b[x:x1], c[x:x1])
		streamCopy(o0[x:x1], s[0][:m])
		streamCopy(o1[x:x1], s[1][:m])
		streamCopy(o2[x:x1], s[2][:m])
	}
	storeFence()
}
