package imageio

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/gipsdev/gips"
)

// npyHeader is what a .npy header says: the dtype (with byte order), the
// shape, the axis order, and where the data starts.
type npyHeader struct {
	dtype   gips.DType
	fortran bool
	shape   []int
	offset  int64 // first data byte
	bytes   int64 // data size
}

// parseNpyHeader reads and checks a .npy header against the file size: the
// data must be in the file before anything is allocated for it.
func parseNpyHeader(r io.ReaderAt, size int64) (npyHeader, error) {
	var h npyHeader
	var pre [12]byte
	if size < 10 {
		return h, fmt.Errorf("npy: %d-byte file: %w", size, ErrCorrupt)
	}
	if _, err := r.ReadAt(pre[:min(12, size)], 0); err != nil && err != io.EOF {
		return h, fmt.Errorf("npy: %w", err)
	}
	if string(pre[:6]) != "\x93NUMPY" {
		return h, fmt.Errorf("npy: signature %q: %w", pre[:6], ErrFormat)
	}
	var hl, start int64
	switch pre[6] {
	case 1:
		hl, start = int64(binary.LittleEndian.Uint16(pre[8:])), 10
	case 2, 3:
		hl, start = int64(binary.LittleEndian.Uint32(pre[8:])), 12
	default:
		return h, fmt.Errorf("npy: format version %d: %w", pre[6], ErrUnsupported)
	}
	if hl > npyMaxHeader || start+hl > size {
		return h, fmt.Errorf("npy: %d-byte header in a %d-byte file (numpy reads at most %d): %w", hl, size, npyMaxHeader, ErrCorrupt)
	}
	buf := make([]byte, hl)
	if _, err := r.ReadAt(buf, start); err != nil {
		return h, fmt.Errorf("npy header: %w", err)
	}
	descr, fortran, shape, err := parseNpyDict(string(buf))
	if err != nil {
		return h, err
	}
	h.dtype, h.fortran, h.shape, h.offset = gips.DType(descr), fortran, shape, start+hl
	if _, err := h.dtype.BufferType(); err != nil {
		return h, fmt.Errorf("npy: %w", err)
	}
	n := int64(h.dtype.ItemSize())
	for _, v := range shape {
		if int64(v) > size {
			return h, fmt.Errorf("npy: shape %v of %s needs more than the %d-byte file: %w", shape, h.dtype, size, ErrCorrupt)
		}
		if v != 0 && n > size/int64(v) {
			return h, fmt.Errorf("npy: shape %v of %s needs more than the %d-byte file: %w", shape, h.dtype, size, ErrCorrupt)
		}
		n *= int64(v)
	}
	h.bytes = n
	if h.offset+n > size {
		return h, fmt.Errorf("npy: shape %v of %s needs %d data bytes, the file has %d: %w", h.shape, h.dtype, n, size-h.offset, ErrCorrupt)
	}
	return h, nil
}

// geometry is the image a .npy array of this shape holds (npyGeometry).
func (h npyHeader) geometry() (gips.Geometry, error) {
	t, _ := h.dtype.BufferType()
	return npyGeometry(t, h.shape)
}

// npyGeometry reads a numpy shape by gips' axis rule, the reverse of
// (x, y, z, c, t) with absent axes dropped. 2D and 3D arrays are grey
// images and volumes, as fromArray reads them. A 4D array is ambiguous
// ((C, Z, Y, X), (T, Z, Y, X) or (T, C, Y, X)): it is read as channels of
// a volume, RGB when C is 3, grey when C is 1, multi-channel otherwise. A
// 5D array is (T, C, Z, Y, X): a sequence, channels as for 4D, a volume
// when Z > 1. writeNpy writes the 5D form for the 4D geometries this rule
// would misread, so that what gips writes reads back as it was.
func npyGeometry(t gips.BufferType, shape []int) (gips.Geometry, error) {
	n := len(shape)
	if n < 2 || n > 5 {
		return gips.Geometry{}, fmt.Errorf("npy: array of shape %v: want 2D (Y, X), 3D (Z, Y, X), 4D (C, Z, Y, X) or 5D (T, C, Z, Y, X): %w", shape, ErrUnsupported)
	}
	g := gips.Geometry2d(t, shape[n-1], shape[n-2])
	if n >= 3 {
		g.SizeZ, g.Volume = shape[n-3], true
	}
	if n >= 4 {
		switch g.SizeC = shape[n-4]; g.SizeC {
		case 1:
		case 3:
			g.Color = gips.RGB
		default:
			g.Color = gips.MultiChannel
		}
	}
	if n == 5 {
		g.SizeT, g.Sequence, g.Volume = shape[0], true, g.SizeZ > 1
	}
	if err := g.Validate(); err != nil {
		return g, fmt.Errorf("npy: array of shape %v: %w", shape, err)
	}
	return g, nil
}

// npyShape is the shape writeNpy gives an image of geometry g: its numpy
// shape, except for the 4D shapes that npyGeometry reads as another
// geometry: a grey volume sequence is written (T, 1, Z, Y, X) and a 2D
// multi-channel or RGB sequence (T, C, 1, Y, X), which read back as they
// were. 2D and 3D shapes are written as they are, as numpy users expect
// them: a 2D RGB image (3, Y, X) or a 2D sequence (T, Y, X) reads back as
// a volume, and a volume of 3 channels that are not RGB (3, Z, Y, X) reads
// back as RGB.
func npyShape(g gips.Geometry) []int {
	same := func(shape []int) bool {
		r, err := npyGeometry(g.Type, shape)
		return err == nil && r == g
	}
	s := g.Shape()
	if len(s) != 4 || same(s) {
		return s
	}
	if full := []int{g.SizeT, g.SizeC, g.SizeZ, g.SizeY, g.SizeX}; same(full) {
		return full
	}
	return s
}

// array describes the data bytes (data[0] is the first data byte) in the
// header's dtype, shape and axis order.
func (h npyHeader) array(data []byte, readOnly bool) gips.Array {
	isz := h.dtype.ItemSize()
	strides := make([]int, len(h.shape))
	st := isz
	for k := range h.shape {
		i := len(h.shape) - 1 - k
		if h.fortran {
			i = k
		}
		strides[i] = st
		st *= h.shape[i]
	}
	return gips.Array{DType: h.dtype, Shape: h.shape, Strides: strides, Data: data, ReadOnly: readOnly}
}

func readNpy(r io.ReaderAt, size int64) (*gips.Image, error) {
	h, err := parseNpyHeader(r, size)
	if err != nil {
		return nil, err
	}
	g, err := h.geometry()
	if err != nil {
		return nil, err
	}
	data := alignedBytes(int(h.bytes))
	if _, err := r.ReadAt(data, h.offset); err != nil && !(err == io.EOF && h.bytes == 0) {
		return nil, fmt.Errorf("npy data: %w", err)
	}
	if !h.dtype.Native() {
		swapBytes(data, h.dtype.ItemSize())
		h.dtype = gips.DType("=" + string(h.dtype[1:]))
	}
	img, err := gips.FromArrayGeometry(h.array(data, false), g)
	if err != nil {
		return nil, fmt.Errorf("npy: %w", err)
	}
	if ok, _ := img.Shared(); !ok { // Fortran order: make it C-contiguous
		return gips.Copy(img)
	}
	return img, nil
}

// npyDType is the dtype a .npy file of img gets: native order, and bool for
// Binary so that the file loads back as Binary.
func npyDType(t gips.BufferType) (gips.DType, error) {
	if t == gips.Binary {
		return "|b1", nil
	}
	return gips.DTypeOf(t)
}

func npyHeaderBytes(dt gips.DType, shape []int) []byte {
	fields := make([]string, len(shape))
	for i, s := range shape {
		fields[i] = strconv.Itoa(s)
	}
	tuple := strings.Join(fields, ", ")
	if len(shape) == 1 {
		tuple += ","
	}
	dict := fmt.Sprintf("{'descr': '%s', 'fortran_order': False, 'shape': (%s), }", dt, tuple)
	// Data starts on a 64-byte boundary, as numpy writes it.
	pre := 10
	if len(dict)+1+pre > 65535 {
		pre = 12
	}
	pad := (64 - (pre+len(dict)+1)%64) % 64
	dict += strings.Repeat(" ", pad) + "\n"
	out := []byte("\x93NUMPY")
	if pre == 10 {
		out = append(out, 1, 0)
		out = binary.LittleEndian.AppendUint16(out, uint16(len(dict)))
	} else {
		out = append(out, 2, 0)
		out = binary.LittleEndian.AppendUint32(out, uint32(len(dict)))
	}
	return append(out, dict...)
}

// writeNpy writes img C-contiguous in native byte order, in the shape
// npyShape gives. Binary pixels are written as bool, any non-zero byte as 1.
func writeNpy(w io.Writer, img *gips.Image) error {
	dt, err := npyDType(img.Type())
	if err != nil {
		return fmt.Errorf("npy: %w", err)
	}
	bw := bufio.NewWriterSize(w, 1<<20)
	if _, err := bw.Write(npyHeaderBytes(dt, npyShape(img.Geometry()))); err != nil {
		return err
	}
	if err := writeRows(bw, img, img.Type() == gips.Binary); err != nil {
		return err
	}
	return bw.Flush()
}

// writeRows writes every row of every plane in PlaneIndex order, which is
// C order for the numpy shape. bits01 writes 0/1 bytes.
func writeRows(w io.Writer, img *gips.Image, bits01 bool) error {
	var tmp []byte
	for i := range img.NumPlanes() {
		for y := range img.SizeY() {
			row := img.Row(i, y)
			if bits01 {
				tmp = append(tmp[:0], row...)
				for x, v := range tmp {
					if v != 0 {
						tmp[x] = 1
					}
				}
				row = tmp
			}
			if _, err := w.Write(row); err != nil {
				return err
			}
		}
	}
	return nil
}
