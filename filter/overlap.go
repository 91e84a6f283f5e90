package filter

import (
	"unsafe"

	"github.com/gipsdev/gips"
)

// overlap reports whether any plane of a shares bytes with any plane of b,
// so that a filter reading a while writing b copies a first.
func overlap(a, b *gips.Image) bool {
	ra, rb := spans(a), spans(b)
	for _, x := range ra {
		for _, y := range rb {
			if x[0] < y[1] && y[0] < x[1] {
				return true
			}
		}
	}
	return false
}

// spans is the byte range [lo, hi) of each plane.
func spans(img *gips.Image) [][2]uintptr {
	h := img.SizeY()
	out := make([][2]uintptr, img.NumPlanes())
	for i := range out {
		r0, r1 := img.Row(i, 0), img.Row(i, h-1)
		a0 := uintptr(unsafe.Pointer(unsafe.SliceData(r0)))
		a1 := uintptr(unsafe.Pointer(unsafe.SliceData(r1)))
		lo, hi := min(a0, a1), max(a0, a1)+uintptr(len(r1))
		out[i] = [2]uintptr{lo, hi}
	}
	return out
}
