package imageio

import (
	"bufio"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"

	"github.com/gipsdev/gips"
)

// readPNG decodes a PNG: 8- and 16-bit grey give a 2D UInt8 or UInt16
// image, colour gives 2D RGB of the same depth. Alpha is dropped; palette
// images are expanded to RGB.
func readPNG(r io.ReaderAt, size int64) (*gips.Image, error) {
	cfg, err := png.DecodeConfig(io.NewSectionReader(r, 0, size))
	if err != nil {
		return nil, fmt.Errorf("png: %v: %w", err, ErrCorrupt)
	}
	// The decoder allocates the whole image before it inflates a byte, so
	// refuse sizes the file cannot hold first: the filtered rows (one
	// filter byte, then bit depth x samples bits per pixel) must come from
	// the file at deflate's best ratio, about 1032.
	if cfg.Width < 1 || cfg.Height < 1 || cfg.Width > maxSide || cfg.Height > maxSide {
		return nil, fmt.Errorf("png: size %dx%d: %w", cfg.Width, cfg.Height, ErrCorrupt)
	}
	var ihdr [26]byte // signature, IHDR length and type, width, height, depth, colour type
	if _, err := r.ReadAt(ihdr[:], 0); err != nil {
		return nil, fmt.Errorf("png: IHDR: %v: %w", err, ErrCorrupt)
	}
	samples := map[byte]int64{0: 1, 2: 3, 3: 1, 4: 2, 6: 4}[ihdr[25]]
	rowBytes := 1 + (int64(cfg.Width)*int64(ihdr[24])*samples+7)/8
	if raw := int64(cfg.Height) * rowBytes; raw > (size+1024)*1032 {
		return nil, fmt.Errorf("png: %dx%d pixels of %d bits x %d samples (%d bytes) cannot come from a %d-byte file: %w",
			cfg.Width, cfg.Height, ihdr[24], samples, raw, size, ErrCorrupt)
	}
	m, err := png.Decode(bufio.NewReader(io.NewSectionReader(r, 0, size)))
	if err != nil {
		return nil, fmt.Errorf("png: %v: %w", err, ErrCorrupt)
	}
	b := m.Bounds()
	w, h := b.Dx(), b.Dy()
	var g gips.Geometry
	switch m.(type) {
	case *image.Gray:
		g = gips.Geometry2d(gips.UInt8, w, h)
	case *image.Gray16:
		g = gips.Geometry2d(gips.UInt16, w, h)
	case *image.RGBA64, *image.NRGBA64:
		g = gips.GeometryRgb2d(gips.UInt16, w, h)
	default:
		g = gips.GeometryRgb2d(gips.UInt8, w, h)
	}
	img, err := gips.CreateImage(g)
	if err != nil {
		return nil, fmt.Errorf("png: %w", err)
	}
	switch m := m.(type) {
	case *image.Gray:
		for y := range h {
			copy(img.Row(0, y), m.Pix[y*m.Stride:y*m.Stride+w])
		}
	case *image.Gray16:
		// PNG and Go's Gray16 hold big-endian samples.
		for y := range h {
			row := img.Row(0, y)
			copy(row, m.Pix[y*m.Stride:y*m.Stride+2*w])
			if nativeLittle {
				swapBytes(row, 2)
			}
		}
	default:
		u16 := g.Type == gips.UInt16
		for y := range h {
			r, gr, bl := img.Row(0, y), img.Row(1, y), img.Row(2, y)
			for x := range w {
				// NRGBA values: alpha is dropped, not multiplied in.
				c := color.NRGBA64Model.Convert(m.At(b.Min.X+x, b.Min.Y+y)).(color.NRGBA64)
				if u16 {
					putU16(r[2*x:], c.R)
					putU16(gr[2*x:], c.G)
					putU16(bl[2*x:], c.B)
				} else {
					r[x], gr[x], bl[x] = byte(c.R>>8), byte(c.G>>8), byte(c.B>>8)
				}
			}
		}
	}
	return img, nil
}

func putU16(b []byte, v uint16) {
	if nativeLittle {
		b[0], b[1] = byte(v), byte(v>>8)
	} else {
		b[0], b[1] = byte(v>>8), byte(v)
	}
}

func getU16(b []byte) uint16 {
	if nativeLittle {
		return uint16(b[0]) | uint16(b[1])<<8
	}
	return uint16(b[1]) | uint16(b[0])<<8
}

// writePNG encodes a 2D grey or RGB image of type UInt8 or UInt16 (Binary
// is written as 8-bit grey 0 and 255).
func writePNG(w io.Writer, img *gips.Image) error {
	g := img.Geometry()
	if g.SizeZ != 1 || g.SizeT != 1 || (g.Color != gips.Grey && g.Color != gips.RGB) {
		return fmt.Errorf("png: image %v: want a 2D grey or RGB image: %w", g, ErrUnsupported)
	}
	t := g.Type
	if t != gips.UInt8 && t != gips.UInt16 && t != gips.Binary && t != gips.Label8 && t != gips.Label16 {
		return fmt.Errorf("png: image %v: want 8 or 16-bit unsigned pixels: %w", g, ErrUnsupported)
	}
	wd, h := g.SizeX, g.SizeY
	rect := image.Rect(0, 0, wd, h)
	var m image.Image
	switch {
	case g.Color == gips.Grey && t.ItemSize() == 1:
		gm := image.NewGray(rect)
		for y := range h {
			row := gm.Pix[y*gm.Stride : y*gm.Stride+wd]
			copy(row, img.Row(0, y))
			if t == gips.Binary {
				for x, v := range row {
					if v != 0 {
						row[x] = 255
					}
				}
			}
		}
		m = gm
	case g.Color == gips.Grey:
		gm := image.NewGray16(rect)
		for y := range h {
			row := gm.Pix[y*gm.Stride : y*gm.Stride+2*wd]
			copy(row, img.Row(0, y))
			if nativeLittle {
				swapBytes(row, 2)
			}
		}
		m = gm
	case t.ItemSize() == 1:
		cm := image.NewNRGBA(rect)
		for y := range h {
			r, gr, bl := img.Row(0, y), img.Row(1, y), img.Row(2, y)
			p := cm.Pix[y*cm.Stride:]
			for x := range wd {
				p[4*x], p[4*x+1], p[4*x+2], p[4*x+3] = r[x], gr[x], bl[x], 255
			}
		}
		m = cm
	default:
		cm := image.NewNRGBA64(rect)
		for y := range h {
			r, gr, bl := img.Row(0, y), img.Row(1, y), img.Row(2, y)
			for x := range wd {
				cm.SetNRGBA64(x, y, color.NRGBA64{R: getU16(r[2*x:]), G: getU16(gr[2*x:]), B: getU16(bl[2*x:]), A: 0xffff})
			}
		}
		m = cm
	}
	return (&png.Encoder{CompressionLevel: png.DefaultCompression}).Encode(w, m)
}
