package imageio

import (
	"fmt"

	"github.com/gipsdev/gips"
)

// tiffLayout is how a file's pages make one image: its geometry and
// calibration, and which plane each (page, sample) fills.
type tiffLayout struct {
	geom     gips.Geometry
	cal      gips.Calibration
	channels int // ImageJ channels (pages per z step), 1 otherwise
}

// readPages parses every IFD and keeps the pages of the main image: the
// first page and every later page that is not a reduced-resolution copy.
// The kept pages must agree in size and pixel type.
func (f *tiffFile) readPages() ([]*page, error) {
	ds, err := f.ifds()
	if err != nil {
		return nil, err
	}
	var pages []*page
	// Every page could reuse the same stored bytes: the pages together
	// must still be reachable from the file at the compression's best ratio.
	var budget uint64
	// Pages may share one StripOffsets array, so that each page's chunk
	// list costs the file nothing: legitimate files store at least a byte
	// per chunk, and the lists together must fit in the file.
	var chunks uint64
	for i, d := range ds {
		p, err := f.page(d, i)
		if err != nil {
			return nil, err
		}
		if chunks += uint64(len(p.offsets)); chunks > uint64(f.size) {
			return nil, fmt.Errorf("tiff: %d pages list %d strips or tiles, more than the %d-byte file can hold: %w",
				i+1, chunks, f.size, ErrCorrupt)
		}
		if i > 0 && p.subfile&1 != 0 {
			// A reduced-resolution copy: its pixels are no plane of the
			// main image either.
			for k, o := range p.offsets {
				f.structure.add(o, o+p.counts[k])
			}
			continue
		}
		if len(pages) > 0 {
			q := pages[0]
			if p.width != q.width || p.height != q.height || p.typ != q.typ || p.spp != q.spp {
				return nil, fmt.Errorf("tiff page %d is %dx%d %v x%d, page 0 %dx%d %v x%d: %w",
					i, p.width, p.height, p.typ, p.spp, q.width, q.height, q.typ, q.spp, ErrUnsupported)
			}
		}
		pages = append(pages, p)
		if budget += p.need / p.ratio; budget > uint64(f.size)+64*uint64(len(pages)) {
			return nil, fmt.Errorf("tiff: %d pages of %dx%d pixels cannot come from a %d-byte file: %w",
				len(pages), p.width, p.height, f.size, ErrCorrupt)
		}
	}
	return pages, nil
}

func layoutOf(pages []*page) (tiffLayout, error) {
	p := pages[0]
	l := tiffLayout{cal: gips.DefaultCalibration, channels: 1}
	c, z, t := p.spp, len(pages), 1
	m, ok, err := parseImageJ(p.description)
	if err != nil {
		return l, err
	}
	// ImageJ's channels, slices and frames apply when they account for
	// every page. Otherwise the pages are z slices: tifffile (2023) also
	// falls back to the pages that exist when there are too few or too
	// many for the hyperstack the description claims.
	if n, _ := m.planes(); ok && n == len(pages) {
		if m.channels > 1 && p.spp > 1 {
			return l, fmt.Errorf("tiff: ImageJ channels=%d with %d samples per pixel: %w", m.channels, p.spp, ErrUnsupported)
		}
		l.channels = m.channels
		c, z, t = max(c, m.channels), m.slices, m.frames
		if m.spacing > 0 {
			l.cal.Z = m.spacing
		}
		l.cal.Unit = m.unit
	} else if p.xres > 0 {
		switch p.resUnit {
		case 2:
			l.cal.Unit = "inch"
		case 3:
			l.cal.Unit = "cm"
		}
	}
	if p.xres > 0 {
		l.cal.X = 1 / p.xres
	}
	if p.yres > 0 {
		l.cal.Y = 1 / p.yres
	}
	g := gips.Geometry{Type: p.typ, SizeX: p.width, SizeY: p.height, SizeZ: z, SizeC: c, SizeT: t,
		Volume: z > 1, Sequence: t > 1}
	switch {
	case c == 3 && p.spp == 3 && p.photometric == photoRGB:
		g.Color = gips.RGB
	case c > 1:
		g.Color = gips.MultiChannel
	}
	if err := g.Validate(); err != nil {
		return l, fmt.Errorf("tiff: %w", err)
	}
	l.geom = g
	return l, nil
}

// plane is the plane index that sample s of page k fills.
func (l tiffLayout) plane(k, s int) int {
	g := l.geom
	if l.channels > 1 {
		c := k % l.channels
		z := (k / l.channels) % g.SizeZ
		return g.PlaneIndex(z, c, k/(l.channels*g.SizeZ))
	}
	return g.PlaneIndex(k%g.SizeZ, s, k/g.SizeZ)
}
