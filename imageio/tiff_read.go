package imageio

import (
	"fmt"
	"io"
	"sync"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/par"
)

// readTIFF decodes every page of the main image of a TIFF or BigTIFF file
// into a new image.
func readTIFF(r io.ReaderAt, size int64) (*gips.Image, error) {
	f, err := readTIFFHeader(r, size)
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
	img, err := gips.CreateImage(l.geom)
	if err != nil {
		return nil, fmt.Errorf("tiff: %w", err)
	}
	img.SetCalibration(l.cal)
	planes := img.PlaneArrays()
	var mu sync.Mutex
	var first error
	par.For(len(pages), 1, func(lo, hi int) {
		d := decoder{f: f}
		for k := lo; k < hi; k++ {
			if err := d.page(pages[k], func(s int) []byte { return planes[l.plane(k, s)].Data }); err != nil {
				mu.Lock()
				if first == nil {
					first = fmt.Errorf("tiff page %d: %w", pages[k].index, err)
				}
				mu.Unlock()
				return
			}
		}
	})
	if first != nil {
		return nil, first
	}
	return img, nil
}

// decoder holds one worker's scratch buffers.
type decoder struct {
	f        *tiffFile
	raw, buf []byte
	tmp      []byte
}

func grow(b []byte, n int) []byte {
	if cap(b) < n {
		return alignedBytes(n)
	}
	return b[:n]
}

// page decodes p into the planes that plane(s) returns for each sample s:
// C-contiguous planes of width*height pixels.
func (d *decoder) page(p *page, plane func(s int) []byte) error {
	isz := p.typ.ItemSize()
	spc := p.samplesPerChunk()
	swap := isz > 1 && (d.f.order.Uint16([]byte{1, 0}) == 1) != nativeLittle
	per := p.chunksPerPlane()
	across := p.chunksAcross()
	dstRow := p.width * isz
	for ci := range p.offsets {
		s0, cj := 0, ci
		if p.planar == planarSeparate {
			s0, cj = ci/per, ci%per
		}
		x0, y0 := (cj%across)*p.chunkW, (cj/across)*p.chunkH
		w, h := min(p.chunkW, p.width-x0), min(p.chunkH, p.height-y0)
		storedW, storedH := p.chunkW, p.chunkH
		if !p.tiled {
			storedH = h
		}
		rb := p.rowBytes(storedW)
		n := rb * storedH
		// A full-width strip of one sample decodes straight into the plane.
		direct := !p.tiled && spc == 1 && p.bits >= 8
		var out []byte
		if direct {
			out = plane(s0)[y0*dstRow : (y0+h)*dstRow]
		} else {
			d.buf = grow(d.buf, n)
			out = d.buf
		}
		cnt := p.counts[ci]
		if p.compression == compNone {
			if cnt < uint64(n) {
				return fmt.Errorf("chunk %d has %d bytes, want %d: %w", ci, cnt, n, ErrCorrupt)
			}
			if _, err := d.f.r.ReadAt(out, int64(p.offsets[ci])); err != nil {
				return fmt.Errorf("chunk %d: %w", ci, err)
			}
		} else {
			d.raw = grow(d.raw, int(cnt))
			if _, err := d.f.r.ReadAt(d.raw, int64(p.offsets[ci])); err != nil && !(err == io.EOF && cnt == 0) {
				return fmt.Errorf("chunk %d: %w", ci, err)
			}
			if err := decompress(p.compression, d.raw, out); err != nil {
				return fmt.Errorf("chunk %d: %w", ci, err)
			}
		}
		switch {
		case p.predictor == predFloat:
			d.tmp = undoFloatPredictor(out, rb, isz, spc, d.tmp)
		case swap:
			swapBytes(out, isz)
		}
		if p.predictor == predHorizontal && p.bits >= 8 {
			undoPredictor(out, rb, isz, spc)
		}
		if direct {
			continue
		}
		for r := range h {
			src := out[r*rb : (r+1)*rb]
			if p.bits == 1 {
				row := plane(0)[(y0+r)*dstRow+x0:]
				for x := range w {
					row[x] = src[x>>3] >> (7 - x&7) & 1
				}
				continue
			}
			for s := range spc {
				row := plane(s0 + s)[(y0+r)*dstRow+x0*isz : (y0+r)*dstRow+(x0+w)*isz]
				if spc == 1 {
					copy(row, src)
					continue
				}
				for x, o := 0, s*isz; x < len(row); x, o = x+isz, o+spc*isz {
					copy(row[x:x+isz], src[o:o+isz])
				}
			}
		}
	}
	return nil
}
