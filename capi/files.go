package main

import (
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"os"
	"unsafe"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/imageio"
)

// wireCalibration is a gips.Calibration as JSON (named axes).
type wireCalibration struct {
	X    float64 `json:"x"`
	Y    float64 `json:"y"`
	Z    float64 `json:"z"`
	Unit string  `json:"unit"`
}

func calToWire(c gips.Calibration) wireCalibration {
	return wireCalibration{X: c.X, Y: c.Y, Z: c.Z, Unit: c.Unit}
}

// calibration checks the sizes: positive and finite, as every op that
// reads them requires.
func (w wireCalibration) calibration() (gips.Calibration, error) {
	for _, v := range []struct {
		name string
		v    float64
	}{{"x", w.X}, {"y", w.Y}, {"z", w.Z}} {
		if !(v.v > 0) || math.IsInf(v.v, 0) {
			return gips.Calibration{}, fmt.Errorf("calibration: %s = %v: want a positive finite size: %w", v.name, v.v, gips.ErrRange)
		}
	}
	return gips.Calibration{X: w.X, Y: w.Y, Z: w.Z, Unit: w.Unit}, nil
}

// fileReply describes an image read from a file: its geometry (for the
// caller to allocate or view it) and its calibration.
type fileReply struct {
	geometryReply
	Calibration wireCalibration `json:"calibration"`
	Format      string          `json:"format"`
}

// handleLoad reads a whole file (imageio.Load) and copies its pixels into a
// C-contiguous block the caller allocates through alloc, so that the
// caller's memory (numpy's) holds the only copy that outlives the call. It
// costs one copy more than imageio.Load (and twice the image's size at
// the peak): Load decodes into Go memory, which the caller cannot own.
func handleLoad(req []byte, alloc func(int) uint64) (any, error) {
	var r struct {
		Path string `json:"path"`
		// Raw files have no header: their geometry, offset and byte
		// order ("little", "big"; default the machine's) are given.
		Geometry  *wireGeometry `json:"geometry"`
		Offset    int64         `json:"offset"`
		ByteOrder string        `json:"byteOrder"`
	}
	if err := decode(req, &r); err != nil {
		return nil, err
	}
	var src *gips.Image
	var err error
	if r.Geometry != nil {
		g, err := r.Geometry.geometry()
		if err != nil {
			return nil, err
		}
		var bo binary.ByteOrder = binary.NativeEndian
		switch r.ByteOrder {
		case "", "native":
		case "little":
			bo = binary.LittleEndian
		case "big":
			bo = binary.BigEndian
		default:
			return nil, fmt.Errorf("load %s: byteOrder %q: want little, big or native: %w", r.Path, r.ByteOrder, gips.ErrRange)
		}
		src, err = imageio.LoadRaw(r.Path, g, r.Offset, bo)
		if err != nil {
			return nil, err
		}
	} else if src, err = imageio.Load(r.Path); err != nil {
		return nil, err
	}
	g := src.Geometry()
	d, err := describe(g)
	if err != nil {
		return nil, err
	}
	strides := cStrides(d.Shape, g.Type.ItemSize())
	n := g.Type.ItemSize()
	for _, s := range d.Shape {
		n *= s
	}
	addr := alloc(n)
	if addr == 0 {
		return nil, fmt.Errorf("load %s: allocating %d bytes failed: %w", r.Path, n, gips.ErrTooLarge)
	}
	a, err := gips.ArrayAt(pointer(addr), gips.DType(d.TypeStr), d.Shape, strides, false)
	if err != nil {
		return nil, err
	}
	dst, err := gips.FromArrayGeometry(a, g, gips.Strict)
	if err != nil {
		return nil, err
	}
	if err := gips.CopyImg(src, dst); err != nil {
		return nil, err
	}
	return fileReply{geometryReply: d, Calibration: calToWire(src.Calibration()), Format: sniffFile(r.Path, r.Geometry != nil)}, nil
}

// cStrides are the byte strides of a C-contiguous array.
func cStrides(shape []int, item int) []int {
	s := make([]int, len(shape))
	acc := item
	for i := len(shape) - 1; i >= 0; i-- {
		s[i] = acc
		acc *= shape[i]
	}
	return s
}

// sniffFile names a file's format from its first bytes ("raw" for a raw
// file, "" when unknown: the reply only informs).
func sniffFile(path string, raw bool) string {
	if raw {
		return string(imageio.Raw)
	}
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	head := make([]byte, 8)
	n, _ := io.ReadFull(f, head)
	fm, _ := imageio.Sniff(head[:n])
	return string(fm)
}

// handleSave writes the caller's image (wrapped for the call only) with its
// calibration: imageio.Save picks the format from the extension.
func handleSave(req []byte) (any, error) {
	var r struct {
		Path        string           `json:"path"`
		Image       wireImage        `json:"image"`
		Calibration *wireCalibration `json:"calibration"`
		Compression string           `json:"compression"`
		Predictor   bool             `json:"predictor"`
		BigTIFF     bool             `json:"bigtiff"`
		Chunky      bool             `json:"chunky"`
	}
	if err := decode(req, &r); err != nil {
		return nil, err
	}
	img, err := r.Image.image()
	if err != nil {
		return nil, fmt.Errorf("save %s: %w", r.Path, err)
	}
	if r.Calibration != nil {
		c, err := r.Calibration.calibration()
		if err != nil {
			return nil, fmt.Errorf("save %s: %w", r.Path, err)
		}
		img.SetCalibration(c)
	}
	o := &imageio.Options{Predictor: r.Predictor, BigTIFF: r.BigTIFF, Chunky: r.Chunky}
	switch r.Compression {
	case "", "none":
	case "deflate", "zlib":
		o.Compression = imageio.Deflate
	default:
		return nil, fmt.Errorf("save %s: compression %q: want none or deflate: %w", r.Path, r.Compression, gips.ErrRange)
	}
	if err := imageio.Save(r.Path, img, o); err != nil {
		return nil, err
	}
	return map[string]any{"path": r.Path}, nil
}

// infoPlane is where a plane lies in the file, when it can be mapped in
// place: the byte offset of pixel (0, 0) and the row stride; Copied when
// the plane must be converted (byte order, interleaved samples).
type infoPlane struct {
	Offset    int64 `json:"offset"`
	RowStride int   `json:"rowStride"`
	Copied    bool  `json:"copied,omitempty"`
}

// handleInfo describes a file without reading its pixels when it can be
// mapped (imageio.Open, read-only: uncompressed TIFF, .npy), with the
// file offset of every plane; other files (compressed TIFF, PNG) are read
// with imageio.Load and have no plane layout.
func handleInfo(req []byte) (any, error) {
	var r struct {
		Path string `json:"path"`
	}
	if err := decode(req, &r); err != nil {
		return nil, err
	}
	var rep struct {
		fileReply
		Mappable bool        `json:"mappable"`
		Planes   []infoPlane `json:"planes,omitempty"`
	}
	d, err := imageio.Open(r.Path, imageio.ReadOnly)
	var img *gips.Image
	switch {
	case err == nil:
		defer d.Close()
		img = d.Image
		rep.Mappable = true
		m := d.Mapped()
		base := address(unsafe.Pointer(unsafe.SliceData(m)))
		copied := map[int]bool{}
		_, cp := img.Shared()
		for _, i := range cp {
			copied[i] = true
		}
		for i, a := range img.PlaneArrays() {
			p := address(a.Pointer())
			ip := infoPlane{RowStride: img.PlaneRowStride(i), Offset: -1, Copied: copied[i]}
			if p >= base && p < base+uint64(len(m)) {
				ip.Offset = int64(p - base)
			}
			rep.Planes = append(rep.Planes, ip)
		}
	default: // compressed TIFF, PNG, .npz: read (errors are Load's)
		if img, err = imageio.Load(r.Path); err != nil {
			return nil, err
		}
	}
	g := img.Geometry()
	if rep.geometryReply, err = describe(g); err != nil {
		return nil, err
	}
	rep.Calibration = calToWire(img.Calibration())
	rep.Format = sniffFile(r.Path, false)
	return rep, nil
}
