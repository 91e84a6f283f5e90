package logic

import (
	"fmt"

	"github.com/gipsdev/gips"
	pw "github.com/gipsdev/gips/internal/pointwise"
	"github.com/gipsdev/gips/internal/swar"
)

// MaskInto sets dst to img where mask is set (non-zero) and to 0 elsewhere.
// img may be of any buffer type; mask must be Binary with img's sizes; dst
// has img's geometry and may be img itself.
func MaskInto(dst, img, mask *gips.Image) error {
	if mask.Type() != gips.Binary {
		return fmt.Errorf("mask: mask of type %v: want Binary: %w", mask.Type(), gips.ErrBufferType)
	}
	g := img.Geometry()
	if !g.SameSizes(mask.Geometry()) || dst.Type() != g.Type || !g.SameSizes(dst.Geometry()) {
		return fmt.Errorf("mask: image %v, mask %v, output %v: want equal sizes and the output of the image's type: %w",
			g, mask.Geometry(), dst.Geometry(), gips.ErrShape)
	}
	if err := dst.CheckWritable(); err != nil {
		return fmt.Errorf("mask: %w", err)
	}
	k := gips.AllKernels(maskK[uint8], maskK[int8], maskK[uint16], maskK[int16], maskK[uint32], maskK[int32], maskK[float32], maskK[float64])
	return gips.Dispatch(g.Type, k, args{dst, img, mask})
}

// Mask returns img where mask is set and 0 elsewhere (see MaskInto).
func Mask(img, mask *gips.Image) (*gips.Image, error) {
	return alloc(img, func(d *gips.Image) error { return MaskInto(d, img, mask) })
}

func maskK[T gips.Pixel](x args) error { return pw.Streamed2(x.d, x.a, x.b, maskRow[T](x.a.Type())) }

// maskRow is mask's row kernel for pixels of type t (also the flat one,
// see flat.go): the pixel's bits ANDed with all ones or all zeros, no
// branch on the mask (for floats too: a masked-out pixel is +0, a kept
// one keeps its bits, as v = 0 where m is 0 had it); 1-byte pixels a word
// at a time, the others with AVX2 (2 bytes) or AVX-512 (4 and 8) first
// under GOEXPERIMENT=simd.
func maskRow[T gips.Pixel](t gips.BufferType) func(d, a []T, m []uint8) {
	return func(d, a []T, m []uint8) {
		n := 0
		switch t.ItemSize() {
		case 1:
			n = maskBytes(swar.Bytes(d), swar.Bytes(a), m)
		case 2:
			n = swar.Mask16(swar.View[uint16](d), swar.View[uint16](a), m)
		case 4:
			maskWide(swar.View[uint32](d), swar.View[uint32](a), m, simdMask32)
			return
		case 8:
			maskWide(swar.View[uint64](d), swar.View[uint64](a), m, simdMask64)
			return
		}
		d, a, m = d[n:], a[n:len(d)], m[n:len(d)]
		for i := range d {
			d[i] = T(int64(a[i]) & -int64(nz(m[i])))
		}
	}
}

// maskWide is the mask of 32- or 64-bit pixels as bits: simd's pixels
// first, then the rest.
func maskWide[U uint32 | uint64](d, a []U, m []uint8, simd func(d, a []U, m []uint8) int) {
	n := simd(d, a, m)
	d, a, m = d[n:], a[n:len(d)], m[n:len(d)]
	for i := range d {
		d[i] = a[i] & -U(nz(m[i]))
	}
}
