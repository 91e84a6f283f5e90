package gips

import (
	"fmt"
	"unsafe"
)

func addr(b []byte) uintptr { return uintptr(unsafe.Pointer(unsafe.SliceData(b))) }

// ExtractPlane is a 2D grey view of plane (z, c, t): no pixel is copied, a
// write through the view is a write into img.
func (img *Image) ExtractPlane(z, c, t int) (*Image, error) {
	g := img.geom
	if z < 0 || z >= g.SizeZ || c < 0 || c >= g.SizeC || t < 0 || t >= g.SizeT {
		return nil, fmt.Errorf("extractPlane: (z=%d, c=%d, t=%d) in %v: %w", z, c, t, g, ErrRange)
	}
	return img.view(Geometry2d(g.Type, g.SizeX, g.SizeY), []int{g.PlaneIndex(z, c, t)}, 0, 0), nil
}

// ExtractVolume is a 3D grey view of channel c at time t.
func (img *Image) ExtractVolume(c, t int) (*Image, error) {
	g := img.geom
	if c < 0 || c >= g.SizeC || t < 0 || t >= g.SizeT {
		return nil, fmt.Errorf("extractVolume: (c=%d, t=%d) in %v: %w", c, t, g, ErrRange)
	}
	idx := make([]int, g.SizeZ)
	for z := range idx {
		idx[z] = g.PlaneIndex(z, c, t)
	}
	return img.view(Geometry3d(g.Type, g.SizeX, g.SizeY, g.SizeZ), idx, 0, 0), nil
}

// Region2d is a view of the rectangle of sx by sy pixels at (x0, y0), in
// every plane.
func (img *Image) Region2d(x0, y0, sx, sy int) (*Image, error) {
	return img.Region(x0, y0, 0, sx, sy, img.geom.SizeZ)
}

// Region is a view of the box of sx by sy by sz voxels at (x0, y0, z0), in
// every channel and time point.
func (img *Image) Region(x0, y0, z0, sx, sy, sz int) (*Image, error) {
	g := img.geom
	if x0 < 0 || y0 < 0 || z0 < 0 || sx < 1 || sy < 1 || sz < 1 ||
		x0+sx > g.SizeX || y0+sy > g.SizeY || z0+sz > g.SizeZ {
		return nil, fmt.Errorf("region: origin (%d, %d, %d) size (%d, %d, %d) in %v: %w", x0, y0, z0, sx, sy, sz, g, ErrRange)
	}
	ng := g
	ng.SizeX, ng.SizeY, ng.SizeZ = sx, sy, sz
	var idx []int
	for t := 0; t < g.SizeT; t++ {
		for c := 0; c < g.SizeC; c++ {
			for z := z0; z < z0+sz; z++ {
				idx = append(idx, g.PlaneIndex(z, c, t))
			}
		}
	}
	return img.view(ng, idx, x0, y0), nil
}

// view builds an image of geometry ng from the listed planes of img, each
// cut to ng's sizes at (x0, y0).
func (img *Image) view(ng Geometry, idx []int, x0, y0 int) *Image {
	isz := ng.Type.ItemSize()
	v := &Image{geom: ng, cal: img.cal, dtype: img.dtype, readOnly: img.readOnly,
		backing: img.backing, keep: img.keep, planes: make([]plane, len(idx))}
	for k, i := range idx {
		p := img.planes[i]
		ra := rowOffset(y0, img.geom.SizeY, p.stride)
		rb := rowOffset(y0+ng.SizeY-1, img.geom.SizeY, p.stride)
		lo := min(ra, rb) + x0*isz
		hi := max(ra, rb) + (x0+ng.SizeX)*isz
		v.planes[k] = plane{buf: p.buf[lo:hi:hi], stride: p.stride}
		if img.sources != nil && img.sources[i].data != nil {
			if v.sources == nil {
				v.sources = make([]planeSource, len(idx))
			}
			s := img.sources[i]
			s.origin += x0*s.xStride + y0*s.rowStride
			v.sources[k] = s
		}
	}
	return v
}

// Array describes the image's own memory in numpy order: (Y, X), (Z, Y, X),
// (3, Y, X), (3, Z, Y, X), time first. Writes through it are writes into
// the image. Images whose planes are not evenly spaced in one block (a list
// of separate slices, or some planes copied and others shared) have no such
// array: the error is ErrNotStrided, and PlaneArrays describes each plane.
func (img *Image) Array() (Array, error) {
	g := img.geom
	isz := g.Type.ItemSize()
	if img.backing == nil {
		return Array{}, fmt.Errorf("array: %v: %w; use PlaneArrays", g, ErrNotStrided)
	}
	base := addr(img.backing)
	rel := func(i int) int {
		p := img.planes[i]
		return int(addr(p.buf)-base) + rowOffset(0, g.SizeY, p.stride)
	}
	rs := img.planes[0].stride
	if g.SizeY == 1 {
		rs = g.SizeX * isz
	}
	var st [3]int // t, c, z
	st[2], st[1], st[0] = rs*g.SizeY, rs*g.SizeY*g.SizeZ, rs*g.SizeY*g.SizeZ*g.SizeC
	if g.SizeZ > 1 {
		st[2] = rel(g.PlaneIndex(1, 0, 0)) - rel(0)
	}
	if g.SizeC > 1 {
		st[1] = rel(g.PlaneIndex(0, 1, 0)) - rel(0)
	}
	if g.SizeT > 1 {
		st[0] = rel(g.PlaneIndex(0, 0, 1)) - rel(0)
	}
	for i, p := range img.planes {
		z, c, t := g.PlaneCoords(i)
		inside := addr(p.buf) >= base && addr(p.buf)+uintptr(len(p.buf)) <= base+uintptr(len(img.backing))
		if !inside || (g.SizeY > 1 && p.stride != rs) || rel(i) != rel(0)+t*st[0]+c*st[1]+z*st[2] {
			return Array{}, fmt.Errorf("array: %v: %w; use PlaneArrays", g, ErrNotStrided)
		}
	}
	shape := g.Shape()
	strides := make([]int, 0, len(shape))
	for _, ax := range g.outerAxes() {
		strides = append(strides, st[ax])
	}
	strides = append(strides, rs, isz)
	return Array{DType: img.dtype, Shape: shape, Strides: strides, Data: img.backing, Offset: rel(0), ReadOnly: img.readOnly, Keep: img}, nil
}

// PlaneArrays describes each plane as a 2D (Y, X) array on its memory, in
// PlaneIndex order. It works for every image.
func (img *Image) PlaneArrays() []Array {
	g := img.geom
	isz := g.Type.ItemSize()
	out := make([]Array, len(img.planes))
	for i, p := range img.planes {
		out[i] = Array{DType: img.dtype, Shape: []int{g.SizeY, g.SizeX}, Strides: []int{p.stride, isz},
			Data: p.buf, Offset: rowOffset(0, g.SizeY, p.stride), ReadOnly: img.readOnly, Keep: img}
	}
	return out
}
