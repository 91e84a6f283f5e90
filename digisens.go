package gips

import "fmt"

// DigiXCT (Digisens) volumes pad each line and each plane to an alignment,
// so that row y of plane z starts at z*PlaneStride + y*RowStride. gips wraps
// such a buffer as it is: the padding is exactly the row and plane strides
// that every image already has.

// DigisensStrides is the row and plane stride, in bytes, of a Digisens
// buffer for g: a row of SizeX pixels rounded up to rowAlign bytes, a plane
// of SizeY rows rounded up to planeAlign bytes.
func DigisensStrides(g Geometry, rowAlign, planeAlign int) (rowStride, planeStride int, err error) {
	if err := g.Validate(); err != nil {
		return 0, 0, fmt.Errorf("digisens: %w", err)
	}
	if rowAlign < 1 || planeAlign < 1 || rowAlign > 1<<30 || planeAlign > 1<<30 {
		return 0, 0, fmt.Errorf("digisens: alignments %d (row) and %d (plane) must be in [1, 2^30]: %w", rowAlign, planeAlign, ErrShape)
	}
	// Padding can push a valid geometry's byte count past an int: every
	// product is checked, up to the whole buffer's.
	roundUp := func(n, a int) (int, bool) { return mulInt((n-1)/a+1, a) } // n >= 1
	rowStride, ok1 := roundUp(g.SizeX*g.Type.ItemSize(), rowAlign)
	rows, ok2 := mulInt(rowStride, g.SizeY)
	planeStride, ok3 := roundUp(rows, planeAlign)
	_, ok4 := mulInt(planeStride, g.Planes())
	if !ok1 || !ok2 || !ok3 || !ok4 {
		return 0, 0, fmt.Errorf("digisens: %v with alignments %d (row) and %d (plane): byte count overflows int: %w", g, rowAlign, planeAlign, ErrTooLarge)
	}
	return rowStride, planeStride, nil
}

// FromDigisens wraps a Digisens buffer, planes in PlaneIndex order, with no
// copy when the strides keep pixels aligned (see FromArrayGeometry).
func FromDigisens(buf []byte, g Geometry, rowAlign, planeAlign int, opts ...Option) (*Image, error) {
	rs, ps, err := DigisensStrides(g, rowAlign, planeAlign)
	if err != nil {
		return nil, fmt.Errorf("fromDigisens: %w", err)
	}
	return FromDigisensStrides(buf, g, g.Type.ItemSize(), rs, ps, opts...)
}

// FromDigisensStrides wraps a buffer with explicit pixel, row and plane
// strides in bytes. A pixel stride larger than the item size (padding
// interleaved inside a line) cannot be shared: every plane is copied, and
// Shared reports it.
func FromDigisensStrides(buf []byte, g Geometry, pixelStride, rowStride, planeStride int, opts ...Option) (*Image, error) {
	if err := g.Validate(); err != nil {
		return nil, fmt.Errorf("fromDigisens: %w", err)
	}
	isz := g.Type.ItemSize()
	if pixelStride < isz || rowStride < g.SizeX*pixelStride-(pixelStride-isz) || planeStride < rowStride*(g.SizeY-1)+g.SizeX*pixelStride-(pixelStride-isz) {
		return nil, fmt.Errorf("fromDigisens: strides (pixel %d, row %d, plane %d) overlap for %v: %w", pixelStride, rowStride, planeStride, g, ErrShape)
	}
	dt, _ := DTypeOf(g.Type)
	if g.Type == Binary {
		dt = "|u1"
	}
	// Planes are consecutive whatever their (z, c, t): describe them as
	// numpy would, t slowest.
	shape := g.Shape()
	strides := make([]int, len(shape))
	strides[len(shape)-1], strides[len(shape)-2] = pixelStride, rowStride
	sizes := map[int]int{0: g.SizeT, 1: g.SizeC, 2: g.SizeZ}
	st := planeStride
	axes := g.outerAxes()
	for k := len(axes) - 1; k >= 0; k-- {
		strides[k] = st
		st *= sizes[axes[k]]
	}
	a := Array{DType: dt, Shape: shape, Strides: strides, Data: buf}
	if err := a.check(); err != nil {
		return nil, fmt.Errorf("fromDigisens: buffer of %d bytes is too small for %v with strides %v: %w", len(buf), g, strides, ErrShape)
	}
	return fromArray("fromDigisens", a, g, opts, nil)
}

// DigisensBuffer is an image's pixels in Digisens layout.
type DigisensBuffer struct {
	Data                   []byte // Planes * PlaneStride bytes
	RowStride, PlaneStride int
	// View is true when Data is the image's own memory (writes are seen by
	// the image), false when the pixels were copied into a new buffer.
	View bool
}

// ToDigisens gives img's pixels in the Digisens layout with the given
// alignments: a view of the image's memory when it already has that layout,
// one copy otherwise (View says which).
func ToDigisens(img *Image, rowAlign, planeAlign int) (DigisensBuffer, error) {
	g := img.geom
	rs, ps, err := DigisensStrides(g, rowAlign, planeAlign)
	if err != nil {
		return DigisensBuffer{}, fmt.Errorf("toDigisens: %w", err)
	}
	n := len(img.planes) * ps
	if b := img.backing; b != nil {
		base := addr(b)
		start := int(addr(img.planes[0].buf) - base)
		ok := start >= 0 && start+n <= len(b)
		for i, p := range img.planes {
			ok = ok && (p.stride == rs || g.SizeY == 1) && int(addr(p.buf)-base) == start+i*ps
		}
		if ok {
			return DigisensBuffer{Data: b[start : start+n : start+n], RowStride: rs, PlaneStride: ps, View: true}, nil
		}
	}
	out, err := alloc(g.Type, (n+g.Type.ItemSize()-1)/g.Type.ItemSize())
	if err != nil {
		return DigisensBuffer{}, fmt.Errorf("toDigisens: %w", err)
	}
	out = out[:n]
	for i := range img.planes {
		for y := 0; y < g.SizeY; y++ {
			copy(out[i*ps+y*rs:], img.Row(i, y))
		}
	}
	return DigisensBuffer{Data: out, RowStride: rs, PlaneStride: ps}, nil
}
