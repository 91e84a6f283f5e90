package imageio

import (
	"bufio"
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"fmt"

	"github.com/gipsdev/gips"
)

// tiffPageSpec is what the writer puts in one IFD.
type tiffPageSpec struct {
	planes []int // the image planes of the page's samples
}

// writeTIFF writes img as a TIFF (BigTIFF when opts ask or the data needs
// offsets past 4 GiB) in native byte order: one page per (z, c, t) plane
// in ImageJ's order (channels fastest, then z, then t), or per (z, t) for
// RGB, with ImageJ hyperstack metadata and resolution tags carrying the
// calibration. w must also be an io.WriterAt (the header is written last).
func writeTIFF(w writerAt, img *gips.Image, o Options) error {
	g := img.Geometry()
	comp := compNone
	switch o.Compression {
	case None:
	case Deflate:
		comp = compAdobeDefl
	default:
		return fmt.Errorf("tiff: compression %v: %w", o.Compression, ErrUnsupported)
	}
	t := g.Type
	bits := 8 * t.ItemSize()
	format := 1
	switch {
	case t == gips.Binary:
		bits = 1
	case t.IsFloat():
		format = 3
	case t.IsSigned():
		format = 2
	}
	// Horizontal differencing of floats is not what readers expect (they
	// use predictor 3), so the predictor applies to integers only.
	predict := o.Predictor && bits >= 8 && !t.IsFloat()
	rgb := g.Color == gips.RGB
	chunky := rgb && o.Chunky
	spp := 1
	channels := g.SizeC
	if rgb {
		spp, channels = 3, 1
	}
	// Page k holds channel k%channels of slice (k/channels)%Z of frame k/(channels*Z).
	var pages []tiffPageSpec
	for tt := range g.SizeT {
		for z := range g.SizeZ {
			for c := range channels {
				var ps []int
				if rgb {
					ps = []int{g.PlaneIndex(z, 0, tt), g.PlaneIndex(z, 1, tt), g.PlaneIndex(z, 2, tt)}
				} else {
					ps = []int{g.PlaneIndex(z, c, tt)}
				}
				pages = append(pages, tiffPageSpec{planes: ps})
			}
		}
	}
	rowBytes := (g.SizeX*bits + 7) / 8
	if chunky {
		rowBytes *= 3
	}
	rps := g.SizeY
	if comp != compNone {
		rps = max(1, min(g.SizeY, (256<<10)/rowBytes))
	}
	pixelBytes := uint64(rowBytes) * uint64(g.SizeY) * uint64(len(pages))
	if !chunky {
		pixelBytes *= uint64(spp)
	}
	big := o.BigTIFF || pixelBytes > 0xF0000000
	order := byteOrder(binary.LittleEndian)
	if !nativeLittle {
		order = binary.BigEndian
	}
	tw := &tiffWriter{w: bufio.NewWriterSize(w, 1<<20), order: order, big: big}
	tw.pos = 16
	if !big {
		tw.pos = 8
	}
	if _, err := tw.w.Write(make([]byte, tw.pos)); err != nil {
		return err
	}
	cal := img.Calibration()
	desc := formatImageJ(channels, g.SizeZ, g.SizeT, rgb, cal.Z, cal.Unit)
	// Pixel data first, every page's strips in one contiguous run (as
	// ImageJ and tifffile write it: readers may map or read it as one
	// block), then the IFDs.
	var scratch []byte
	offsets := make([][]uint64, len(pages))
	counts := make([][]uint64, len(pages))
	for k, pg := range pages {
		for _, pl := range chunkPlanes(pg.planes, chunky) {
			for y0 := 0; y0 < g.SizeY; y0 += rps {
				scratch = stripBytes(scratch, img, pl, y0, min(g.SizeY, y0+rps), rowBytes, bits, g.Type.ItemSize())
				raw := scratch
				if predict {
					applyPredictor(raw, rowBytes, g.Type.ItemSize(), len(pl))
				}
				if comp != compNone {
					var zb bytes.Buffer
					zw := zlib.NewWriter(&zb)
					zw.Write(raw)
					if err := zw.Close(); err != nil {
						return err
					}
					raw = zb.Bytes()
				}
				offsets[k], counts[k] = append(offsets[k], tw.pos), append(counts[k], uint64(len(raw)))
				if err := tw.write(raw); err != nil {
					return err
				}
			}
		}
	}
	var ifdOffsets []uint64
	var nextFields []uint64 // where each IFD's next-IFD field is
	for k := range pages {
		e := &ifdBuilder{order: order, big: big}
		e.short(tagNewSubfileType, typeLong, 0)
		e.short(tagImageWidth, typeLong, uint64(g.SizeX))
		e.short(tagImageLength, typeLong, uint64(g.SizeY))
		e.shorts(tagBitsPerSample, repeat(uint64(bits), spp))
		e.short(tagCompression, typeShort, uint64(comp))
		photo := photoMinIsBlack
		if rgb {
			photo = photoRGB
		}
		e.short(tagPhotometric, typeShort, uint64(photo))
		if k == 0 {
			e.ascii(tagImageDescription, desc)
		}
		e.offsets(tagStripOffsets, offsets[k])
		e.short(tagSamplesPerPixel, typeShort, uint64(spp))
		e.short(tagRowsPerStrip, typeLong, uint64(rps))
		e.offsets(tagStripByteCounts, counts[k])
		e.rational(tagXResolution, 1/cal.X)
		e.rational(tagYResolution, 1/cal.Y)
		planar := planarChunky
		if spp > 1 && !chunky {
			planar = planarSeparate
		}
		e.short(tagPlanarConfig, typeShort, uint64(planar))
		e.short(tagResolutionUnit, typeShort, 1)
		if predict {
			e.short(tagPredictor, typeShort, predHorizontal)
		}
		e.shorts(tagSampleFormat, repeat(uint64(format), spp))
		if tw.pos%2 == 1 { // IFDs start on a word boundary
			if err := tw.write([]byte{0}); err != nil {
				return err
			}
		}
		off, next, err := e.writeTo(tw)
		if err != nil {
			return err
		}
		ifdOffsets, nextFields = append(ifdOffsets, off), append(nextFields, next)
	}
	if err := tw.w.Flush(); err != nil {
		return err
	}
	// Link the IFDs and write the header.
	for i := 0; i+1 < len(ifdOffsets); i++ {
		if _, err := w.WriteAt(tw.offsetBytes(ifdOffsets[i+1]), int64(nextFields[i])); err != nil {
			return err
		}
	}
	hdr := []byte("II")
	if order == binary.BigEndian {
		hdr = []byte("MM")
	}
	if big {
		hdr = order.AppendUint16(hdr, 43)
		hdr = order.AppendUint16(hdr, 8)
		hdr = order.AppendUint16(hdr, 0)
		hdr = order.AppendUint64(hdr, ifdOffsets[0])
	} else {
		hdr = order.AppendUint16(hdr, 42)
		hdr = order.AppendUint32(hdr, uint32(ifdOffsets[0]))
	}
	_, err := w.WriteAt(hdr, 0)
	return err
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
