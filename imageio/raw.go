package imageio

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
	"os"

	"github.com/gipsdev/gips"
)

// LoadRaw reads a headerless file: the pixels of geometry g in numpy C
// order for g.Shape() (x fastest, then y, z, c, t), starting headerOffset
// bytes in, each pixel in byteOrder (nil is the machine's order). The file
// must hold every pixel.
func LoadRaw(path string, g gips.Geometry, headerOffset int64, byteOrder binary.ByteOrder) (*gips.Image, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("loadRaw: %w", err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("loadRaw: %w", err)
	}
	if err := checkRaw(g, headerOffset, st.Size()); err != nil {
		return nil, fmt.Errorf("loadRaw %s: %w", path, err)
	}
	img, err := gips.CreateImage(g)
	if err != nil {
		return nil, fmt.Errorf("loadRaw: %w", err)
	}
	planeBytes := int64(g.SizeX * g.SizeY * g.Type.ItemSize())
	for i, p := range img.PlaneArrays() {
		if _, err := f.ReadAt(p.Data, headerOffset+int64(i)*planeBytes); err != nil {
			return nil, fmt.Errorf("loadRaw %s: plane %d: %w", path, i, err)
		}
		if swapped(byteOrder) {
			swapBytes(p.Data, g.Type.ItemSize())
		}
	}
	return img, nil
}

// checkRaw verifies that a file of size bytes holds geometry g after the
// header.
func checkRaw(g gips.Geometry, headerOffset, size int64) error {
	if err := g.Validate(); err != nil {
		return err
	}
	need := int64(g.Pixels()) * int64(g.Type.ItemSize())
	if headerOffset < 0 || headerOffset > size || need > size-headerOffset {
		return fmt.Errorf("geometry %v needs %d bytes after a %d-byte header, the file has %d: %w",
			g, need, headerOffset, size, ErrCorrupt)
	}
	return nil
}

// swapped reports whether pixels in order o must be byte-swapped.
func swapped(o binary.ByteOrder) bool {
	if o == nil {
		return false
	}
	return (o.Uint16([]byte{1, 0}) == 1) != nativeLittle
}

// writeRaw writes the pixels in C order for the numpy shape, each in byte
// order o (nil: native).
func writeRaw(w io.Writer, img *gips.Image, o binary.ByteOrder) error {
	bw := bufio.NewWriterSize(w, 1<<20)
	isz := img.Type().ItemSize()
	var tmp []byte
	for i := range img.NumPlanes() {
		for y := range img.SizeY() {
			row := img.Row(i, y)
			if swapped(o) && isz > 1 {
				tmp = append(tmp[:0], row...)
				swapBytes(tmp, isz)
				row = tmp
			}
			if _, err := bw.Write(row); err != nil {
				return err
			}
		}
	}
	return bw.Flush()
}

// SaveRaw writes the pixels of img to path with no header, in numpy C
// order, each pixel in byteOrder (nil: native); atomic as Save is.
func SaveRaw(path string, img *gips.Image, byteOrder binary.ByteOrder) error {
	if err := writeAtomic(path, func(f *os.File) error { return writeRaw(f, img, byteOrder) }); err != nil {
		return fmt.Errorf("saveRaw %s: %w", path, err)
	}
	return nil
}
