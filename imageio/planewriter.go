package imageio

import (
	"bufio"
	"fmt"
	"io/fs"
	"os"

	"github.com/gipsdev/gips"
)

// PlaneWriter writes an image file plane by plane, in any order, for an
// image that is never whole in memory (package stream writes slabs of a
// volume as they are computed). It writes .npy, uncompressed TIFF or
// BigTIFF (the layout Save writes: the pixels first, then the IFDs) and
// native-order raw files. Each plane goes to its place in the file at
// once (the file's layout is fixed by the geometry), so the writer holds
// no pixels. The file is written under a temporary name in the target's
// folder and renamed over the target by Commit, as Save does: Abort, or an
// interrupted process, never leaves a half-written file at the target.
type PlaneWriter struct {
	f       *os.File
	target  string
	mode    fs.FileMode
	g       gips.Geometry
	format  Format
	slot    []int64 // file offset of each plane's pixels, PlaneIndex order
	written []int   // rows written per plane: complete at SizeY
	left    int     // planes not yet complete
	tiff    *tiffPlan
	end     int64 // first byte after the pixels
	buf     []byte
	closed  bool
}

// Create starts a PlaneWriter for an image of geometry g with calibration
// cal (written into TIFF files) at path, in the format its extension
// names. TIFF files are uncompressed and planar (opts asking for
// compression or chunky RGB are refused: a compressed page's place in the
// file is not known before the pages ahead of it are written); BigTIFF is
// chosen past 4 GiB as Save chooses it. Raw files are in native order.
func Create(path string, g gips.Geometry, cal gips.Calibration, opts *Options) (*PlaneWriter, error) {
	var o Options
	if opts != nil {
		o = *opts
	}
	if err := g.Validate(); err != nil {
		return nil, fmt.Errorf("create %s: %w", path, err)
	}
	format, err := FormatOf(path)
	if err != nil {
		return nil, fmt.Errorf("create %s: %w", path, err)
	}
	w := &PlaneWriter{g: g, format: format, left: g.Planes()}
	var header []byte
	planeBytes := int64(g.SizeX) * int64(g.SizeY) * int64(g.Type.ItemSize())
	switch format {
	case NPY:
		dt, err := npyDType(g.Type)
		if err != nil {
			return nil, fmt.Errorf("create %s: npy: %w", path, err)
		}
		header = npyHeaderBytes(dt, npyShape(g))
		w.planeSlots(int64(len(header)), planeBytes)
	case Raw:
		if swapped(o.ByteOrder) {
			return nil, fmt.Errorf("create %s: raw files in the other byte order: %w", path, ErrUnsupported)
		}
		w.planeSlots(0, planeBytes)
	case TIFF:
		if o.Compression != None || o.Chunky {
			return nil, fmt.Errorf("create %s: a plane-by-plane TIFF is uncompressed and planar (compression %v, chunky %v): %w",
				path, o.Compression, o.Chunky, ErrUnsupported)
		}
		if w.tiff, err = planTIFF(g, cal, o); err != nil {
			return nil, fmt.Errorf("create %s: %w", path, err)
		}
		header = make([]byte, 8)
		if w.tiff.big {
			header = make([]byte, 16)
		}
		w.tiffSlots(int64(len(header)))
	default:
		return nil, fmt.Errorf("create %s: %s files cannot be written plane by plane (write .npy, .tif or .raw): %w", path, format, ErrUnsupported)
	}
	if w.f, w.target, w.mode, err = createTemp(path); err != nil {
		return nil, fmt.Errorf("create %s: %w", path, err)
	}
	if _, err := w.f.WriteAt(header, 0); err != nil {
		w.Abort()
		return nil, fmt.Errorf("create %s: %w", path, err)
	}
	return w, nil
}

// planeSlots places plane i at data + i*planeBytes (C order).
func (w *PlaneWriter) planeSlots(data, planeBytes int64) {
	n := w.g.Planes()
	w.slot, w.written = make([]int64, n), make([]int, n)
	for i := range w.slot {
		w.slot[i] = data + int64(i)*planeBytes
	}
	w.end = data + int64(n)*planeBytes
}

// tiffSlots places each page's strips as writePixels would: pages in
// ImageJ order, one strip per sample plane (uncompressed pages are one
// strip), one after another from the header on.
func (w *PlaneWriter) tiffSlots(data int64) {
	p := w.tiff
	w.slot, w.written = make([]int64, w.g.Planes()), make([]int, w.g.Planes())
	strip := int64(p.rowBytes) * int64(w.g.SizeY)
	pos := data
	for _, planes := range p.pages {
		for _, i := range planes {
			w.slot[i] = pos
			pos += strip
		}
	}
	w.end = pos
}

// Geometry is the geometry of the image being written.
func (w *PlaneWriter) Geometry() gips.Geometry { return w.g }

// TempName is the temporary file being written (renamed at Commit).
func (w *PlaneWriter) TempName() string { return w.f.Name() }

// WritePlane writes plane j of src (of w's plane sizes and type) as plane
// i (PlaneIndex order) of the file. Writing a plane again overwrites it.
func (w *PlaneWriter) WritePlane(i int, src *gips.Image, j int) error {
	sg := src.Geometry()
	switch {
	case w.closed:
		return fmt.Errorf("writePlane: %s: %w", w.target, os.ErrClosed)
	case i < 0 || i >= len(w.slot) || j < 0 || j >= src.NumPlanes():
		return fmt.Errorf("writePlane: plane %d of %v from plane %d of %v: %w", i, w.g, j, sg, gips.ErrRange)
	case sg.Type != w.g.Type || sg.SizeX != w.g.SizeX || sg.SizeY != w.g.SizeY:
		return fmt.Errorf("writePlane: a %v plane into %v: %w", sg, w.g, gips.ErrGeometry)
	}
	if w.tiff != nil {
		p := w.tiff
		w.buf = stripBytes(w.buf, src, []int{j}, 0, w.g.SizeY, p.rowBytes, p.bits, w.g.Type.ItemSize())
	} else {
		rowBytes := w.g.SizeX * w.g.Type.ItemSize()
		w.buf = grow(w.buf, rowBytes*w.g.SizeY)
		for y := range w.g.SizeY {
			copy(w.buf[y*rowBytes:], src.Row(j, y))
		}
		if w.format == NPY && w.g.Type == gips.Binary {
			for k, v := range w.buf {
				if v != 0 {
					w.buf[k] = 1
				}
			}
		}
	}
	if _, err := w.f.WriteAt(w.buf, w.slot[i]); err != nil {
		return fmt.Errorf("writePlane %d: %w", i, err)
	}
	w.done(i, w.g.SizeY)
	return nil
}

// done counts rows of plane i as written.
func (w *PlaneWriter) done(i, rows int) {
	if w.written[i] < w.g.SizeY && w.written[i]+rows >= w.g.SizeY {
		w.left--
	}
	w.written[i] += rows
}

// WriteRows writes plane j of src (w's width and type, any height) as rows
// [y0, y0+height) of plane i of the file: a band of rows, for writers
// that go through a volume along y. A plane counts as written for Commit
// once SizeY rows of it have been written (each row once, as the caller
// must ensure). Binary images cannot be written in bands.
func (w *PlaneWriter) WriteRows(i, y0 int, src *gips.Image, j int) error {
	sg := src.Geometry()
	switch {
	case w.closed:
		return fmt.Errorf("writeRows: %s: %w", w.target, os.ErrClosed)
	case i < 0 || i >= len(w.slot) || j < 0 || j >= src.NumPlanes() || y0 < 0 || y0+sg.SizeY > w.g.SizeY:
		return fmt.Errorf("writeRows: rows %d.. of plane %d of %v from plane %d of %v: %w", y0, i, w.g, j, sg, gips.ErrRange)
	case sg.Type != w.g.Type || sg.SizeX != w.g.SizeX || sg.Type == gips.Binary:
		return fmt.Errorf("writeRows: a %v band into %v: %w", sg, w.g, gips.ErrGeometry)
	}
	rowBytes := w.g.SizeX * w.g.Type.ItemSize()
	w.buf = grow(w.buf, rowBytes*sg.SizeY)
	for y := range sg.SizeY {
		copy(w.buf[y*rowBytes:], src.Row(j, y))
	}
	if _, err := w.f.WriteAt(w.buf, w.slot[i]+int64(y0)*int64(rowBytes)); err != nil {
		return fmt.Errorf("writeRows %d: %w", i, err)
	}
	w.done(i, sg.SizeY)
	return nil
}

// Commit finishes the file (a TIFF's IFDs and header), syncs it and
// renames it over the target. Every plane must have been written.
func (w *PlaneWriter) Commit() (err error) {
	if w.closed {
		return fmt.Errorf("commit: %s: %w", w.target, os.ErrClosed)
	}
	defer func() {
		if err != nil {
			w.Abort()
			err = fmt.Errorf("commit %s: %w", w.target, err)
		}
	}()
	if w.left > 0 {
		return fmt.Errorf("%d of %d planes not written", w.left, len(w.slot))
	}
	if w.tiff != nil {
		if err := w.finishTIFF(); err != nil {
			return err
		}
	} else if err := w.f.Truncate(w.end); err != nil { // a last plane of zeros is still in the file
		return err
	}
	if err := w.f.Sync(); err != nil {
		return err
	}
	if err := w.f.Chmod(w.mode); err != nil {
		return err
	}
	w.closed = true
	if err := w.f.Close(); err != nil {
		os.Remove(w.f.Name())
		return err
	}
	if err := os.Rename(w.f.Name(), w.target); err != nil {
		os.Remove(w.f.Name())
		return err
	}
	return nil
}

func (w *PlaneWriter) finishTIFF() error {
	p := w.tiff
	offsets, counts := make([][]uint64, len(p.pages)), make([][]uint64, len(p.pages))
	strip := uint64(p.rowBytes) * uint64(w.g.SizeY)
	for k, planes := range p.pages {
		for _, i := range planes {
			offsets[k], counts[k] = append(offsets[k], uint64(w.slot[i])), append(counts[k], strip)
		}
	}
	if _, err := w.f.Seek(w.end, 0); err != nil {
		return err
	}
	tw := &tiffWriter{w: bufio.NewWriterSize(w.f, 1<<20), order: p.order, big: p.big, pos: uint64(w.end)}
	return p.writeIFDs(w.f, tw, offsets, counts)
}

// Abort removes the temporary file; the target is left as it was. It
// does nothing after Commit or another Abort.
func (w *PlaneWriter) Abort() error {
	if w.closed {
		return nil
	}
	w.closed = true
	w.f.Close()
	return os.Remove(w.f.Name())
}
