package imageio

import (
	"encoding/binary"
	"fmt"

	"github.com/gipsdev/gips"
)

// openTIFF wraps the pages of an uncompressed TIFF in the mapping. When
// the planes are evenly spaced (the usual case: one contiguous run of
// pages, as tifffile and ImageJ write them) the image is one strided array
// and Image.Array works; otherwise a grey volume is built plane by plane.
func openTIFF(data []byte, size int64, mode Mode) (*gips.Image, error) {
	f, err := readTIFFHeader(bytesReaderAt(data), size)
	if err != nil {
		return nil, err
	}
	pages, err := f.readPages()
	if err != nil {
		return nil, err
	}
	if pages, err = f.expandImageJ(pages); err != nil {
		return nil, err
	}
	l, err := layoutOf(pages)
	if err != nil {
		return nil, err
	}
	g := l.geom
	isz := g.Type.ItemSize()
	// origin[i] is the file offset of pixel (0, 0) of plane i; xs the
	// distance between pixels of a row (interleaved samples are apart).
	origin := make([]int, g.Planes())
	xs := isz
	for k, p := range pages {
		if p.compression != compNone || p.bits < 8 || p.tiled || p.predictor != predNone {
			return nil, fmt.Errorf("tiff page %d: compression %d, %d bits, tiled %v, predictor %d: %w",
				p.index, p.compression, p.bits, p.tiled, p.predictor, ErrNotMappable)
		}
		spc := p.samplesPerChunk()
		xs = spc * isz
		rowBytes := p.width * xs
		per := p.chunksPerPlane()
		for s := range p.spp {
			first := 0
			if p.planar == planarSeparate {
				first = s * per
			}
			// The strips of a plane must follow each other in the file.
			for j := 1; j < per; j++ {
				if p.offsets[first+j] != p.offsets[first]+uint64(j*p.chunkH*rowBytes) {
					return nil, fmt.Errorf("tiff page %d: strips are not contiguous: %w", p.index, ErrNotMappable)
				}
			}
			// A plane that reaches the header or an IFD would let writes
			// through a read-write mapping damage the file.
			lo := p.offsets[first]
			if r, hit := f.structure.overlap(lo, lo+uint64(p.height*rowBytes)); hit {
				return nil, fmt.Errorf("tiff page %d: pixels at [%d, %d) overlap the file's header or IFDs at [%d, %d): %w",
					p.index, lo, lo+uint64(p.height*rowBytes), r.lo, r.hi, ErrCorrupt)
			}
			o := int(lo)
			if p.planar != planarSeparate {
				o += s * isz
			}
			origin[l.plane(k, s)] = o
		}
	}
	order := binary.ByteOrder(binary.LittleEndian)
	if f.order == binary.BigEndian {
		order = binary.BigEndian
	}
	dt := dtypeFor(g.Type, order)
	rowStride := g.SizeX * xs
	readOnly := mode == ReadOnly
	var img *gips.Image
	if st, ok := evenlySpaced(g, origin); ok {
		a := gips.Array{DType: dt, Shape: []int{g.SizeT, g.SizeC, g.SizeZ, g.SizeY, g.SizeX},
			Strides: []int{st[0], st[1], st[2], rowStride, xs}, Data: data, Offset: origin[0], ReadOnly: readOnly}
		img, err = gips.FromArrayGeometry(a, g)
	} else {
		// Pages at uneven offsets: one array per page, in plane order.
		planes := make([]gips.Array, len(origin))
		for i, o := range origin {
			planes[i] = gips.Array{DType: dt, Shape: []int{g.SizeY, g.SizeX}, Strides: []int{rowStride, xs},
				Data: data, Offset: o, ReadOnly: readOnly}
		}
		img, err = gips.FromPlanesGeometry(planes, g)
	}
	if err != nil {
		return nil, fmt.Errorf("tiff: %w", err)
	}
	img.SetCalibration(l.cal)
	return img, nil
}

// evenlySpaced finds byte strides along t, c, z such that every plane's
// origin is origin[0] + t*st[0] + c*st[1] + z*st[2].
func evenlySpaced(g gips.Geometry, origin []int) (st [3]int, ok bool) {
	o0 := origin[0]
	if g.SizeT > 1 {
		st[0] = origin[g.PlaneIndex(0, 0, 1)] - o0
	}
	if g.SizeC > 1 {
		st[1] = origin[g.PlaneIndex(0, 1, 0)] - o0
	}
	if g.SizeZ > 1 {
		st[2] = origin[g.PlaneIndex(1, 0, 0)] - o0
	}
	for i, o := range origin {
		z, c, t := g.PlaneCoords(i)
		if o != o0+t*st[0]+c*st[1]+z*st[2] {
			return st, false
		}
	}
	return st, true
}
