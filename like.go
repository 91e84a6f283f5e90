package gips

import "unsafe"

// Checks and constructors that every family needs, in one place.

// SameSizes reports whether g and o have the same sizes (x, y, z,
// channels, time); their buffer types may differ.
func (g Geometry) SameSizes(o Geometry) bool {
	return g.SizeX == o.SizeX && g.SizeY == o.SizeY && g.SizeZ == o.SizeZ && g.SizeC == o.SizeC && g.SizeT == o.SizeT
}

// CreateLike is a new C-contiguous image of img's sizes and calibration
// and buffer type t (img's own when t is 0): the output of every
// allocating Xxx(src, ...) form.
func CreateLike(img *Image, t BufferType) (*Image, error) {
	g := img.Geometry()
	if t != 0 {
		g = g.WithType(t)
	}
	out, err := CreateImage(g)
	if err != nil {
		return nil, err
	}
	out.SetCalibration(img.Calibration())
	return out, nil
}

// Overlap reports whether any plane of a shares bytes with any plane of b:
// an op that reads a while it writes b must then read from a copy, or
// refuse.
func Overlap(a, b *Image) bool {
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
func spans(img *Image) [][2]uintptr {
	h := img.SizeY()
	out := make([][2]uintptr, img.NumPlanes())
	for i := range out {
		r0, r1 := img.Row(i, 0), img.Row(i, h-1)
		a0 := uintptr(unsafe.Pointer(unsafe.SliceData(r0)))
		a1 := uintptr(unsafe.Pointer(unsafe.SliceData(r1)))
		out[i] = [2]uintptr{min(a0, a1), max(a0, a1) + uintptr(len(r1))}
	}
	return out
}
