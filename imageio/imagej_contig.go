package imageio

import "fmt"

// expandImageJ handles ImageJ's files past 4 GiB, which hold one IFD: the
// description counts images= pages and their pixels follow the first
// page's, back to back. It returns the pages the file really holds (the
// input when it is not such a file) after checking that they fit in it
// and that no byte of them is part of the file's structure (header, IFDs,
// tag values): every plane must be pixel data, or a write through a
// read-write mapping would overwrite the header.
//
// tifffile (2023) reads such a "virtual" stack whenever the bytes fit in
// the file, whatever they hold; here a claim that reaches the IFD is
// refused as corrupt.
func (f *tiffFile) expandImageJ(pages []*page) ([]*page, error) {
	p := pages[0]
	m, ok, err := parseImageJ(p.description)
	if err != nil {
		return nil, err
	}
	if !ok || len(pages) != 1 || m.images <= 1 {
		return pages, nil
	}
	if p.compression != compNone || p.tiled || p.bits < 8 {
		return nil, fmt.Errorf("tiff: ImageJ file with %d images in one compressed or tiled IFD: %w", m.images, ErrUnsupported)
	}
	rowBytes := uint64(p.rowBytes(p.width))
	planeBytes := rowBytes * uint64(p.height)
	per := p.chunksPerPlane()
	// Each sample plane's strips must follow each other, as ImageJ writes.
	for i, o := range p.offsets {
		s, j := i/per, i%per
		if o != p.offsets[0]+uint64(s)*planeBytes+uint64(j*p.chunkH)*rowBytes {
			return nil, fmt.Errorf("tiff: ImageJ file with %d images in one IFD whose strips are not contiguous: %w", m.images, ErrUnsupported)
		}
	}
	pageBytes := planeBytes * uint64(len(p.offsets)/per)
	n := uint64(m.images)
	if n > uint64(f.size)/pageBytes || p.offsets[0] > uint64(f.size)-n*pageBytes {
		return nil, fmt.Errorf("tiff: ImageJ images=%d of %d bytes from offset %d exceed the %d-byte file: %w",
			m.images, pageBytes, p.offsets[0], f.size, ErrCorrupt)
	}
	if s, hit := f.structure.overlap(p.offsets[0], p.offsets[0]+n*pageBytes); hit {
		return nil, fmt.Errorf("tiff: ImageJ images=%d of %d bytes from offset %d reach the file's header or IFDs at bytes [%d, %d): %w",
			m.images, pageBytes, p.offsets[0], s.lo, s.hi, ErrCorrupt)
	}
	out := make([]*page, m.images)
	for k := range out {
		q := *p
		q.offsets = make([]uint64, len(p.offsets))
		for i, o := range p.offsets {
			q.offsets[i] = o + uint64(k)*pageBytes
		}
		out[k] = &q
	}
	return out, nil
}
