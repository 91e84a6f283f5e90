package gips

import "fmt"

// Views for package transform's flips and axis swaps: new plane headers
// over the same pixels, so a write through either image is read through
// the other. Only the axes the plane model can express are here: a row is
// a contiguous run of pixels in increasing x, so reversing x or exchanging
// x with another axis needs new pixels (package transform copies then).

// FlipYView is img with its rows in reverse order (each plane's row stride
// negated): no pixel is copied.
func (img *Image) FlipYView() *Image {
	v := img.view(img.geom, identity(len(img.planes)), 0, 0)
	h := img.geom.SizeY
	for k := range v.planes {
		v.planes[k].stride = -v.planes[k].stride
		if v.sources != nil && v.sources[k].data != nil {
			s := &v.sources[k]
			s.origin += (h - 1) * s.rowStride
			s.rowStride = -s.rowStride
		}
	}
	return v
}

// FlipZView is img with its planes in reverse z order, in every channel and
// time point: no pixel is copied.
func (img *Image) FlipZView() *Image {
	g := img.geom
	idx := make([]int, 0, len(img.planes))
	for t := 0; t < g.SizeT; t++ {
		for c := 0; c < g.SizeC; c++ {
			for z := g.SizeZ - 1; z >= 0; z-- {
				idx = append(idx, g.PlaneIndex(z, c, t))
			}
		}
	}
	return img.view(g, idx, 0, 0)
}

// SwapYZView exchanges the y and z axes of a volume without copying: plane
// y of the view is the x-z slice at row y, whose rows are the planes of
// img. It needs planes evenly spaced in one block within each channel and
// time point (any image from one array or CreateImage); otherwise the
// error is ErrNotStrided and the caller copies.
func (img *Image) SwapYZView() (*Image, error) {
	g := img.geom
	if !g.Volume {
		return nil, fmt.Errorf("swapYZView: %v is not a volume: %w", g, ErrGeometry)
	}
	if img.backing == nil {
		return nil, fmt.Errorf("swapYZView: %v: %w", g, ErrNotStrided)
	}
	isz := g.Type.ItemSize()
	rowBytes := g.SizeX * isz
	base := addr(img.backing)
	// start is the byte offset in backing of row y of plane i.
	start := func(i, y int) (int, bool) {
		p := img.planes[i]
		a := addr(p.buf)
		if a < base || a+uintptr(len(p.buf)) > base+uintptr(len(img.backing)) {
			return 0, false
		}
		return int(a-base) + rowOffset(y, g.SizeY, p.stride), true
	}
	ng := g
	ng.SizeY, ng.SizeZ = g.SizeZ, g.SizeY
	v := &Image{geom: ng, cal: img.cal, dtype: img.dtype, readOnly: img.readOnly,
		backing: img.backing, keep: img.keep, planes: make([]plane, ng.Planes())}
	v.cal.Y, v.cal.Z = img.cal.Z, img.cal.Y
	for t := 0; t < g.SizeT; t++ {
		for c := 0; c < g.SizeC; c++ {
			o0, ok0 := start(g.PlaneIndex(0, c, t), 0)
			step := rowBytes
			if g.SizeZ > 1 {
				o1, ok1 := start(g.PlaneIndex(1, c, t), 0)
				if !ok0 || !ok1 {
					return nil, fmt.Errorf("swapYZView: %v: %w", g, ErrNotStrided)
				}
				step = o1 - o0
			}
			for y := 0; y < g.SizeY; y++ {
				lo, hi := -1, -1
				first := 0
				for z := 0; z < g.SizeZ; z++ {
					o, ok := start(g.PlaneIndex(z, c, t), y)
					if z == 0 {
						first = o
					}
					if !ok || o != first+z*step {
						return nil, fmt.Errorf("swapYZView: %v: planes not evenly spaced: %w", g, ErrNotStrided)
					}
					if lo < 0 || o < lo {
						lo = o
					}
					hi = max(hi, o+rowBytes)
				}
				v.planes[ng.PlaneIndex(y, c, t)] = plane{buf: img.backing[lo:hi:hi], stride: step}
			}
		}
	}
	return v, nil
}

func identity(n int) []int {
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	return idx
}
