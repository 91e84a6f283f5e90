package imageio

import "fmt"

// expandImageJ handles ImageJ's files past 4 GiB, which hold one IFD: the
// description counts images= pages and their pixels follow the first
// page's, back to back. It returns the pages the file really holds (the
// input when it is not such a file) after checking that they fit in it.
func (f *tiffFile) expandImageJ(pages []*page) ([]*page, error) {
	p := pages[0]
	m, ok := parseImageJ(p.description)
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
	if n := uint64(m.images); n > uint64(f.size)/pageBytes || p.offsets[0] > uint64(f.size)-n*pageBytes {
		return nil, fmt.Errorf("tiff: ImageJ images=%d of %d bytes from offset %d exceed the %d-byte file: %w",
			m.images, pageBytes, p.offsets[0], f.size, ErrCorrupt)
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
