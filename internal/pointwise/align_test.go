package pointwise

import (
	"testing"
	"unsafe"

	"github.com/gipsdev/gips"
)

// TestRowsAlignHead: on a contiguous float32 image of more than
// alignBytes starting 4-60 bytes past a cache line, Rows0, Rows1 and Rows2
// hand the kernel the pixels up to the output's first 64-byte boundary
// first, then runs from there; every pixel is computed once.
func TestRowsAlignHead(t *testing.T) {
	const w, h = 100, 50 // 20000 bytes a plane
	for off := 0; off < 64; off += 4 {
		mk := func(seed float32) (*gips.Image, []float32) {
			buf := make([]float32, w*h+32)
			s := (int(64-uintptr(unsafe.Pointer(&buf[0]))%64)%64 + off) / 4
			pix := buf[s : s+w*h]
			for i := range pix {
				pix[i] = float32(i)*seed + 1
			}
			img, err := gips.FromArrayGeometry(gips.ArrayOf(pix, h, w), gips.Geometry2d(gips.Real32, w, h))
			if err != nil {
				t.Fatal(err)
			}
			return img, pix
		}
		d, dp := mk(0)
		a, ap := mk(3)
		b, bp := mk(5)
		var calls []int // the length of each kernel call of one Rows call
		check := func(name string, want func(i int) float32) {
			t.Helper()
			// One run of w*h pixels (under runPixels), after the head.
			wantCalls := []int{w * h}
			if head := (64 - off) % 64 / 4; head > 0 {
				wantCalls = []int{head, w*h - head}
			}
			if len(calls) != len(wantCalls) || calls[0] != wantCalls[0] {
				t.Fatalf("offset %d, %s: kernel calls of %v pixels, want %v", off, name, calls, wantCalls)
			}
			for i, v := range dp {
				if v != want(i) {
					t.Fatalf("offset %d, %s: pixel %d = %v, want %v", off, name, i, v, want(i))
				}
			}
			calls = calls[:0]
		}
		if err := Rows0(d, func(o []float32) {
			calls = append(calls, len(o))
			for i := range o {
				o[i] = 7
			}
		}); err != nil {
			t.Fatal(err)
		}
		check("Rows0", func(int) float32 { return 7 })
		if err := Rows1(d, a, func(o, x []float32) {
			calls = append(calls, len(o))
			for i := range o {
				o[i] = x[i] + 1
			}
		}); err != nil {
			t.Fatal(err)
		}
		check("Rows1", func(i int) float32 { return ap[i] + 1 })
		if err := Rows2(d, a, b, func(o, x, y []float32) {
			calls = append(calls, len(o))
			for i := range o {
				o[i] = x[i] - y[i]
			}
		}); err != nil {
			t.Fatal(err)
		}
		check("Rows2", func(i int) float32 { return ap[i] - bp[i] })
	}
}
