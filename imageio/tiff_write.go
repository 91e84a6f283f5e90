package imageio

import (
	"bufio"
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"fmt"

	"github.com/gipsdev/gips"
)

// tiffPlan is how an image becomes TIFF pages: the pixel format and the
// planes each page holds.
type tiffPlan struct {
	img      *gips.Image // the pixels writePixels writes (nil for a PlaneWriter)
	geom     gips.Geometry
	cal      gips.Calibration
	comp     int
	bits     int
	format   int // SampleFormat
	predict  bool
	rgb      bool
	chunky   bool
	spp      int
	channels int     // ImageJ channels (1 for RGB, whose channels are samples)
	pages    [][]int // per page, the image planes of its samples
	rowBytes int     // stored bytes per row of a strip
	rps      int     // rows per strip
	big      bool
	order    byteOrder
}

func planTIFF(g gips.Geometry, cal gips.Calibration, o Options) (*tiffPlan, error) {
	p := &tiffPlan{geom: g, cal: cal, comp: compNone, bits: 8 * g.Type.ItemSize(), format: 1, spp: 1, channels: g.SizeC}
	switch o.Compression {
	case None:
	case Deflate:
		p.comp = compAdobeDefl
	default:
		return nil, fmt.Errorf("tiff: compression %v: %w", o.Compression, ErrUnsupported)
	}
	switch t := g.Type; {
	case t == gips.Binary:
		p.bits = 1
	case t.IsFloat():
		p.format = 3
	case t.IsSigned():
		p.format = 2
	}
	// Horizontal differencing of floats is not what readers expect (they
	// use predictor 3), so the predictor applies to integers only.
	p.predict = o.Predictor && p.bits >= 8 && !g.Type.IsFloat()
	p.rgb = g.Color == gips.RGB
	p.chunky = p.rgb && o.Chunky
	if p.rgb {
		p.spp, p.channels = 3, 1
	}
	// Page k holds channel k%C of slice (k/C)%Z of frame k/(C*Z).
	for t := range g.SizeT {
		for z := range g.SizeZ {
			for c := range p.channels {
				if p.rgb {
					p.pages = append(p.pages, []int{g.PlaneIndex(z, 0, t), g.PlaneIndex(z, 1, t), g.PlaneIndex(z, 2, t)})
				} else {
					p.pages = append(p.pages, []int{g.PlaneIndex(z, c, t)})
				}
			}
		}
	}
	p.rowBytes = (g.SizeX*p.bits + 7) / 8
	if p.chunky {
		p.rowBytes *= 3
	}
	p.rps = g.SizeY
	if p.comp != compNone {
		p.rps = max(1, min(g.SizeY, (256<<10)/p.rowBytes))
	}
	pixelBytes := uint64(p.rowBytes) * uint64(g.SizeY) * uint64(len(p.pages))
	if !p.chunky {
		pixelBytes *= uint64(p.spp)
	}
	p.big = o.BigTIFF || pixelBytes > 0xF0000000
	p.order = binary.LittleEndian
	if !nativeLittle {
		p.order = binary.BigEndian
	}
	return p, nil
}

// writeTIFF writes img as a TIFF (BigTIFF when opts ask or the data needs
// offsets past 4 GiB) in native byte order: one page per (z, c, t) plane
// in ImageJ's order (channels fastest, then z, then t), or per (z, t) for
// RGB, with ImageJ hyperstack metadata and resolution tags carrying the
// calibration. All pixel data comes first, in one contiguous run as ImageJ
// and tifffile write it (readers may map or read it as one block), then
// the IFDs; the header is written last, hence the io.WriterAt.
func writeTIFF(w writerAt, img *gips.Image, o Options) error {
	p, err := planTIFF(img.Geometry(), img.Calibration(), o)
	if err != nil {
		return err
	}
	p.img = img
	tw := &tiffWriter{w: bufio.NewWriterSize(w, 1<<20), order: p.order, big: p.big}
	hdrLen := 8
	if p.big {
		hdrLen = 16
	}
	if err := tw.write(make([]byte, hdrLen)); err != nil {
		return err
	}
	offsets, counts, err := p.writePixels(tw)
	if err != nil {
		return err
	}
	return p.writeIFDs(w, tw, offsets, counts)
}

// writeIFDs writes every page's IFD at tw's position (after the pixels),
// links them and writes the header at offset 0 of w.
func (p *tiffPlan) writeIFDs(w writerAt, tw *tiffWriter, offsets, counts [][]uint64) error {
	var ifdOffsets, nextFields []uint64 // each IFD, and its next-IFD field
	for k := range p.pages {
		if tw.pos%2 == 1 { // IFDs start on a word boundary
			if err := tw.write([]byte{0}); err != nil {
				return err
			}
		}
		off, next, err := p.ifd(k, offsets[k], counts[k]).writeTo(tw)
		if err != nil {
			return err
		}
		ifdOffsets, nextFields = append(ifdOffsets, off), append(nextFields, next)
	}
	if err := tw.w.Flush(); err != nil {
		return err
	}
	for i := 0; i+1 < len(ifdOffsets); i++ {
		if _, err := w.WriteAt(tw.offsetBytes(ifdOffsets[i+1]), int64(nextFields[i])); err != nil {
			return err
		}
	}
	_, err := w.WriteAt(p.header(ifdOffsets[0]), 0)
	return err
}

// writePixels writes every page's strips and returns their offsets and
// byte counts, per page.
func (p *tiffPlan) writePixels(tw *tiffWriter) (offsets, counts [][]uint64, err error) {
	g := p.geom
	isz := g.Type.ItemSize()
	offsets, counts = make([][]uint64, len(p.pages)), make([][]uint64, len(p.pages))
	var strip []byte
	var zb bytes.Buffer
	zw := zlib.NewWriter(&zb)
	for k, planes := range p.pages {
		for _, group := range chunkPlanes(planes, p.chunky) {
			for y0 := 0; y0 < g.SizeY; y0 += p.rps {
				strip = stripBytes(strip, p.img, group, y0, min(g.SizeY, y0+p.rps), p.rowBytes, p.bits, isz)
				if p.predict {
					applyPredictor(strip, p.rowBytes, isz, len(group))
				}
				raw := strip
				if p.comp != compNone {
					zb.Reset()
					zw.Reset(&zb)
					zw.Write(strip)
					if err := zw.Close(); err != nil {
						return nil, nil, err
					}
					raw = zb.Bytes()
				}
				offsets[k], counts[k] = append(offsets[k], tw.pos), append(counts[k], uint64(len(raw)))
				if err := tw.write(raw); err != nil {
					return nil, nil, err
				}
			}
		}
	}
	return offsets, counts, nil
}

// ifd is the IFD of page k. The first page carries the ImageJ description.
func (p *tiffPlan) ifd(k int, offsets, counts []uint64) *ifdBuilder {
	g, cal := p.geom, p.cal
	e := &ifdBuilder{order: p.order, big: p.big}
	e.short(tagNewSubfileType, typeLong, 0)
	e.short(tagImageWidth, typeLong, uint64(g.SizeX))
	e.short(tagImageLength, typeLong, uint64(g.SizeY))
	e.shorts(tagBitsPerSample, repeat(uint64(p.bits), p.spp))
	e.short(tagCompression, typeShort, uint64(p.comp))
	photo := photoMinIsBlack
	if p.rgb {
		photo = photoRGB
	}
	e.short(tagPhotometric, typeShort, uint64(photo))
	if k == 0 {
		e.ascii(tagImageDescription, formatImageJ(p.channels, g.SizeZ, g.SizeT, p.rgb, cal.Z, cal.Unit))
	}
	e.offsets(tagStripOffsets, offsets)
	e.short(tagSamplesPerPixel, typeShort, uint64(p.spp))
	e.short(tagRowsPerStrip, typeLong, uint64(p.rps))
	e.offsets(tagStripByteCounts, counts)
	e.rational(tagXResolution, 1/cal.X)
	e.rational(tagYResolution, 1/cal.Y)
	planar := planarChunky
	if p.spp > 1 && !p.chunky {
		planar = planarSeparate
	}
	e.short(tagPlanarConfig, typeShort, uint64(planar))
	e.short(tagResolutionUnit, typeShort, 1) // none: ImageJ's unit= names it
	if p.predict {
		e.short(tagPredictor, typeShort, predHorizontal)
	}
	e.shorts(tagSampleFormat, repeat(uint64(p.format), p.spp))
	return e
}

// header is the file header pointing at the first IFD.
func (p *tiffPlan) header(first uint64) []byte {
	hdr := []byte("II")
	if p.order == binary.BigEndian {
		hdr = []byte("MM")
	}
	if p.big {
		hdr = p.order.AppendUint16(hdr, 43)
		hdr = p.order.AppendUint16(hdr, 8)
		hdr = p.order.AppendUint16(hdr, 0)
		return p.order.AppendUint64(hdr, first)
	}
	hdr = p.order.AppendUint16(hdr, 42)
	return p.order.AppendUint32(hdr, uint32(first))
}

func repeat(v uint64, n int) []uint64 {
	out := make([]uint64, n)
	for i := range out {
		out[i] = v
	}
	return out
}

// chunkPlanes groups a page's sample planes the way its strips hold them:
// all together when chunky, one group per sample when planar.
func chunkPlanes(planes []int, chunky bool) [][]int {
	if chunky {
		return [][]int{planes}
	}
	out := make([][]int, len(planes))
	for i, p := range planes {
		out[i] = []int{p}
	}
	return out
}

// stripBytes lays out rows [y0, y1) of the given planes as stored: samples
// interleaved when there are several, 1-bit pixels packed MSB first. It
// reuses buf when it is large enough.
func stripBytes(buf []byte, img *gips.Image, planes []int, y0, y1, rowBytes, bits, isz int) []byte {
	out := grow(buf, (y1-y0)*rowBytes)
	if bits == 1 {
		clear(out)
	}
	for y := y0; y < y1; y++ {
		dst := out[(y-y0)*rowBytes : (y-y0+1)*rowBytes]
		switch {
		case bits == 1:
			for x, v := range img.Row(planes[0], y) {
				if v != 0 {
					dst[x>>3] |= 0x80 >> (x & 7)
				}
			}
		case len(planes) == 1:
			copy(dst, img.Row(planes[0], y))
		default:
			n := len(planes)
			for s, p := range planes {
				src := img.Row(p, y)
				for x, o := 0, s*isz; x < len(src); x, o = x+isz, o+n*isz {
					copy(dst[o:o+isz], src[x:x+isz])
				}
			}
		}
	}
	return out
}

// tiffWriter counts the bytes it writes, so that offsets are known.
type tiffWriter struct {
	w     *bufio.Writer
	order byteOrder
	big   bool
	pos   uint64
}

func (tw *tiffWriter) write(b []byte) error {
	n, err := tw.w.Write(b)
	tw.pos += uint64(n)
	return err
}

func (tw *tiffWriter) offsetBytes(v uint64) []byte {
	if tw.big {
		return tw.order.AppendUint64(nil, v)
	}
	return tw.order.AppendUint32(nil, uint32(v))
}
