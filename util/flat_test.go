package util

import (
	"testing"
	"unsafe"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/flat"
	"github.com/gipsdev/gips/ops"
)

// TestFlatConvertAlignHead: the flat kernel of convertImg splits off the
// output's bytes up to its first cache line (pw.HeadBytes) and cuts the
// source at the same pixel: every pixel of a long buffer, at every start
// of the output in a cache line, is gips.Saturate of its source value.
func TestFlatConvertAlignHead(t *testing.T) {
	testFlatConvert[uint8, float32](t, "Real32")
	testFlatConvert[int16, float32](t, "Real32")
	testFlatConvert[uint16, float64](t, "Real64")
	testFlatConvert[float32, uint8](t, "UInt8")
	testFlatConvert[int8, int32](t, "Int32")
}

func testFlatConvert[S, D gips.Pixel](t *testing.T, out string) {
	k := flat.Lookup("util.convertImg")
	p := ops.Values{"output": out, "scaling": string(Clamp)}
	var zs S
	var zd D
	ss, ds := int(unsafe.Sizeof(zs)), int(unsafe.Sizeof(zd))
	const n = 16<<10 + 37 // over the head's least run for every output size
	src := make([]S, n+64)
	for i := range src {
		src[i] = S(i*7 + i/5) // wraps in narrow types: every value, and negatives
	}
	for off := 0; off < 64; off += ds {
		dbuf := make([]byte, n*ds+128)
		line := int(-uintptr(unsafe.Pointer(&dbuf[0])) % 64) // dbuf's first cache line boundary
		d := dbuf[line+off : line+off+n*ds]
		s := unsafe.Slice((*byte)(unsafe.Pointer(&src[off%7])), n*ss)
		in := flat.Types{gips.TypeOf[S]()}
		if !k(gips.TypeOf[D](), 1, in, d, flat.Buffers{s}, p) {
			t.Fatalf("%T to %s: declined", zs, out)
		}
		got := flat.As[D](d)
		for i, v := range src[off%7 : off%7+n] {
			if w := gips.Saturate[D](float64(v)); got[i] != w {
				t.Fatalf("%T to %s, output at %d in its line: pixel %d of %v is %v, want %v", zs, out, off, i, v, got[i], w)
			}
		}
	}
}
