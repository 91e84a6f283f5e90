package imageio

import (
	"encoding/binary"
	"fmt"
	"os"
	"runtime"
	"sync"

	"github.com/edsrzf/mmap-go"
	"github.com/gipsdev/gips"
)

// Mode says whether a disk image may be written.
type Mode int

const (
	ReadOnly  Mode = iota // the image is read-only; the file is never written
	ReadWrite             // writes into the image go to the file (see Flush)
)

// Disk is an image whose planes are a memory mapping of a file: opening
// costs no pixel copy and no resident memory beyond the pages touched.
// Planes that cannot be shared as they lie (a byte order that is not the
// machine's, interleaved RGB, Fortran order) are copied at Open and
// written back by Flush; Image.Shared lists them.
//
// The mapping lives as long as anything that uses it is reachable: the
// Disk, its image, any view of it, any Array or PlaneArrays taken from
// them (an Array holds its image through Keep), any image made from such
// an Array. Close flushes and closes the Disk but does not unmap: the
// mapping is unmapped by a cleanup once nothing that uses it is reachable,
// so an image used after Close reads valid pixels, never unmapped memory. Typed planes (gips.Planes, PlaneAt) and Mapped are bare
// slices that Go does not trace into the mapping: keep their image
// reachable while using them.
type Disk struct {
	*gips.Image
	path string
	mode Mode
	m    *mapping

	mu     sync.Mutex
	closed bool
}

// mapping is what every image over the file keeps alive; when it is
// collected, a cleanup unmaps the file.
type mapping struct {
	data mmap.MMap
}

// Open maps an uncompressed TIFF (every page at any offset, each page's
// strips one after another), a .npy file, or, through OpenRaw, a raw
// volume. Compressed or bit-packed TIFF pages fail with ErrNotMappable: use
// Load. The format is found from the file's first bytes.
func Open(path string, mode Mode) (*Disk, error) {
	m, size, err := mapFile(path, mode)
	if err != nil {
		return nil, fmt.Errorf("open: %w", err)
	}
	format, err := Sniff(m.data)
	var img *gips.Image
	if err == nil {
		switch format {
		case TIFF:
			img, err = openTIFF(m.data, size, mode)
		case NPY:
			img, err = openNpy(m.data, size, mode)
		default:
			err = fmt.Errorf("%s files: %w", format, ErrNotMappable)
		}
	}
	if err != nil {
		m.data.Unmap()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	return newDisk(path, mode, m, img), nil
}

// OpenRaw maps a headerless file holding the pixels of geometry g in numpy
// C order for g.Shape(), from headerOffset, each pixel in byteOrder (nil is
// the machine's order).
func OpenRaw(path string, g gips.Geometry, headerOffset int64, byteOrder binary.ByteOrder, mode Mode) (*Disk, error) {
	m, size, err := mapFile(path, mode)
	if err != nil {
		return nil, fmt.Errorf("openRaw: %w", err)
	}
	img, err := openRaw(m.data, size, g, headerOffset, byteOrder, mode)
	if err != nil {
		m.data.Unmap()
		return nil, fmt.Errorf("openRaw %s: %w", path, err)
	}
	return newDisk(path, mode, m, img), nil
}

func newDisk(path string, mode Mode, m *mapping, img *gips.Image) *Disk {
	img.Keep(m)
	runtime.AddCleanup(m, func(data mmap.MMap) { data.Unmap() }, m.data)
	return &Disk{Image: img, path: path, mode: mode, m: m}
}

func mapFile(path string, mode Mode) (*mapping, int64, error) {
	flag, prot := os.O_RDONLY, mmap.RDONLY
	if mode == ReadWrite {
		flag, prot = os.O_RDWR, mmap.RDWR
	}
	f, err := os.OpenFile(path, flag, 0)
	if err != nil {
		return nil, 0, err
	}
	defer f.Close() // the mapping outlives the descriptor
	st, err := f.Stat()
	if err != nil {
		return nil, 0, err
	}
	if st.Size() == 0 {
		return nil, 0, fmt.Errorf("%s: empty file: %w", path, ErrCorrupt)
	}
	data, err := mmap.Map(f, prot, 0)
	if err != nil {
		return nil, 0, fmt.Errorf("mapping %s: %w", path, err)
	}
	return &mapping{data: data}, st.Size(), nil
}

// Path is the mapped file.
func (d *Disk) Path() string { return d.path }

// Mapped is the whole mapped file, for callers that check where planes lie.
func (d *Disk) Mapped() []byte { return d.m.data }

// Flush writes the copied planes back into the mapping (in the file's byte
// order and layout) and asks the system to write the mapping to the file.
// It fails on a read-only disk image and after Close.
func (d *Disk) Flush() error {
	if d.mode != ReadWrite {
		return fmt.Errorf("flush %s: %w", d.path, gips.ErrReadOnly)
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.closed {
		return fmt.Errorf("flush %s: %w", d.path, os.ErrClosed)
	}
	return d.flush()
}

func (d *Disk) flush() error {
	if err := d.Image.Sync(); err != nil {
		return fmt.Errorf("flush %s: %w", d.path, err)
	}
	if err := d.m.data.Flush(); err != nil {
		return fmt.Errorf("flush %s: %w", d.path, err)
	}
	return nil
}

// Close flushes a read-write image and ends the Disk's hold on the
// mapping; closing again does nothing, and Flush fails afterwards. The
// image and its views stay valid: the mapping is unmapped once none of
// them is reachable. Until then, writes into a read-write image still
// reach the file through the mapping (shared planes only: copied planes
// are no longer written back).
func (d *Disk) Close() error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.closed {
		return nil
	}
	d.closed = true
	if d.mode == ReadWrite {
		return d.flush()
	}
	return nil
}

// dtypeFor is the numpy dtype of pixels of type t stored in order o.
func dtypeFor(t gips.BufferType, o binary.ByteOrder) gips.DType {
	dt, _ := gips.DTypeOf(t)
	if t.ItemSize() == 1 || o == nil {
		return dt
	}
	if o.Uint16([]byte{1, 0}) == 1 {
		return "<" + dt[1:]
	}
	return ">" + dt[1:]
}

func openNpy(data []byte, size int64, mode Mode) (*gips.Image, error) {
	h, err := parseNpyHeader(bytesReaderAt(data), size)
	if err != nil {
		return nil, err
	}
	g, err := h.geometry()
	if err != nil {
		return nil, err
	}
	a := h.array(data[h.offset:h.offset+h.bytes], mode == ReadOnly)
	img, err := gips.FromArrayGeometry(a, g)
	if err != nil {
		return nil, fmt.Errorf("npy: %w", err)
	}
	return img, nil
}

func openRaw(data []byte, size int64, g gips.Geometry, headerOffset int64, o binary.ByteOrder, mode Mode) (*gips.Image, error) {
	if err := checkRaw(g, headerOffset, size); err != nil {
		return nil, err
	}
	shape := g.Shape()
	strides := gips.CStrides(shape, g.Type.ItemSize())
	st := g.Pixels() * g.Type.ItemSize()
	a := gips.Array{DType: dtypeFor(g.Type, o), Shape: shape, Strides: strides,
		Data: data[headerOffset : headerOffset+int64(st)], ReadOnly: mode == ReadOnly}
	img, err := gips.FromArrayGeometry(a, g)
	if err != nil {
		return nil, fmt.Errorf("raw: %w", err)
	}
	return img, nil
}

// bytesReaderAt reads from a byte slice (the mapping).
type bytesReaderAt []byte

func (b bytesReaderAt) ReadAt(p []byte, off int64) (int, error) {
	if off < 0 || off > int64(len(b)) {
		return 0, fmt.Errorf("offset %d outside %d bytes: %w", off, len(b), ErrCorrupt)
	}
	n := copy(p, b[off:])
	if n < len(p) {
		return n, fmt.Errorf("read %d of %d bytes at %d: %w", n, len(p), off, ErrCorrupt)
	}
	return n, nil
}
