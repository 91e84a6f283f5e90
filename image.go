package gips

import (
	"fmt"
	"unsafe"

	"github.com/gipsdev/gips/internal/hugepage"
)

// plane is one 2D plane as raw bytes. buf runs from the lowest-addressed row
// to the end of the highest one, so a negative stride (rows stored bottom
// up) needs no special case in the Go memory model: row 0 is then at the end.
type plane struct {
	buf    []byte
	stride int // bytes from row y to row y+1; may be negative
}

// rowOffset is the byte offset of row y in buf for a plane of h rows.
func rowOffset(y, h, stride int) int {
	if stride < 0 {
		return (y - (h - 1)) * stride
	}
	return y * stride
}

// planeSource says where a copied plane came from, so Sync can write it back.
type planeSource struct {
	data      []byte // the caller's memory
	origin    int    // byte offset of pixel (0, 0) in data
	rowStride int
	xStride   int
	swap      bool // bytes are in the other byte order
}

// Image is a geometry over a list of 2D planes, one per (z, c, t) in the
// order of Geometry.PlaneIndex. Planes may share memory with a caller's
// array, with each other (views), or with a file mapping; the image keeps
// whatever backs them alive.
type Image struct {
	geom     Geometry
	cal      Calibration
	dtype    DType // the dtype Array reports (bool for a Binary image from a bool array)
	planes   []plane
	readOnly bool
	// backing is one block that holds every plane, when there is one; Array
	// describes the planes as an offset and strides into it.
	backing []byte
	keep    any           // keeps alive what backs the planes beyond Go slices
	sources []planeSource // per plane; data == nil for a shared plane
	// few holds the planes of an image of up to three (planes is
	// few[:n]): the image and its plane list in one allocation, for the
	// small grey and RGB images whose per-call cost is mostly allocations.
	few [3]plane
}

// CreateImage allocates an image as one C-contiguous block of zeros, aligned
// to the pixel size.
func CreateImage(g Geometry) (*Image, error) {
	if err := g.Validate(); err != nil {
		return nil, fmt.Errorf("createImage: %w", err)
	}
	isz := g.Type.ItemSize()
	block, err := alloc(g.Type, g.Pixels())
	if err != nil {
		return nil, fmt.Errorf("createImage: %v: %w", g, err)
	}
	img := newImage(g)
	planeBytes := g.SizeX * g.SizeY * isz
	for i := range img.planes {
		img.planes[i] = plane{buf: block[i*planeBytes : (i+1)*planeBytes : (i+1)*planeBytes], stride: g.SizeX * isz}
	}
	img.backing = block
	return img, nil
}

func newImage(g Geometry) *Image { return newImageIn(nil, g) }

// newImageIn is newImage built in dst (FromArrayGeometryInto), or in a new
// Image when dst is nil.
func newImageIn(dst *Image, g Geometry) *Image {
	dt, _ := DTypeOf(g.Type)
	img := dst
	if img == nil {
		img = new(Image)
	}
	*img = Image{geom: g, cal: DefaultCalibration, dtype: dt}
	if n := g.Planes(); n <= len(img.few) {
		img.planes = img.few[:n:n]
	} else {
		img.planes = make([]plane, n)
	}
	return img
}

// alloc returns n zeroed pixels of type t as bytes, allocated as t's Go type
// so that the block is aligned to the item size. A block beyond MaxAlloc is
// refused (ErrTooLarge) rather than attempted. A large block asks for huge
// pages before its first touch (internal/hugepage: a 268 MB output costs
// half the page-fault time).
func alloc(t BufferType, n int) ([]byte, error) {
	if err := CheckAlloc("pixel block", n, t.ItemSize()); err != nil {
		return nil, err
	}
	var b []byte
	switch t.ItemSize() {
	case 1:
		b = make([]byte, n)
	case 2:
		b = asBytes(make([]uint16, n))
	case 4:
		b = asBytes(make([]uint32, n))
	default:
		b = asBytes(make([]uint64, n))
	}
	hugepage.Advise(b)
	return b, nil
}

// asBytes is s's memory as bytes.
func asBytes[T uint16 | uint32 | uint64](s []T) []byte {
	return unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(s))), len(s)*int(unsafe.Sizeof(s[0])))
}

// Geometry returns the image's geometry.
func (img *Image) Geometry() Geometry { return img.geom }

// Type is the image's buffer type.
func (img *Image) Type() BufferType { return img.geom.Type }

// SizeX, SizeY, SizeZ, SizeC and SizeT are the geometry's sizes.
func (img *Image) SizeX() int { return img.geom.SizeX }
func (img *Image) SizeY() int { return img.geom.SizeY }
func (img *Image) SizeZ() int { return img.geom.SizeZ }
func (img *Image) SizeC() int { return img.geom.SizeC }
func (img *Image) SizeT() int { return img.geom.SizeT }

// NumPlanes is the number of 2D planes.
func (img *Image) NumPlanes() int { return len(img.planes) }

// Calibration is the physical voxel size.
func (img *Image) Calibration() Calibration { return img.cal }

// SetCalibration sets the physical voxel size; views share nothing of it.
func (img *Image) SetCalibration(c Calibration) { img.cal = c }

// ReadOnly reports whether the image's memory must not be written.
func (img *Image) ReadOnly() bool { return img.readOnly }

// CheckWritable returns ErrReadOnly, with context, for a read-only image.
// Every algorithm that writes into an image calls it (WritablePlanes does).
func (img *Image) CheckWritable() error {
	if img.readOnly {
		return fmt.Errorf("image %v: %w", img.geom, ErrReadOnly)
	}
	return nil
}

// Keep ties v's lifetime to the image: a memory mapping, or the owner of
// memory that Go does not manage. The image holds it until it is collected.
func (img *Image) Keep(v any) {
	if img.keep == nil {
		img.keep = v
		return
	}
	img.keep = []any{img.keep, v}
}

// PlaneRowStride is the row stride in bytes of plane i (negative when its
// rows are stored bottom up).
func (img *Image) PlaneRowStride(i int) int { return img.planes[i].stride }

// Row returns the bytes of row y of plane i, so that readers and writers
// can move whole rows without knowing the pixel type.
func (img *Image) Row(i, y int) []byte {
	p := img.planes[i]
	o := rowOffset(y, img.geom.SizeY, p.stride)
	n := img.geom.SizeX * img.geom.Type.ItemSize()
	return p.buf[o : o+n : o+n]
}

// Plane is typed access to one 2D plane. Pix holds the plane from its
// lowest-addressed row; Stride is in elements and may be negative.
type Plane[T Pixel] struct {
	Pix           []T
	Stride        int
	Width, Height int
}

// Row returns the Width pixels of row y.
func (p Plane[T]) Row(y int) []T {
	o := rowOffset(y, p.Height, p.Stride)
	return p.Pix[o : o+p.Width : o+p.Width]
}

// At returns the pixel at (x, y).
func (p Plane[T]) At(x, y int) T { return p.Pix[rowOffset(y, p.Height, p.Stride)+x] }

// Set writes the pixel at (x, y).
func (p Plane[T]) Set(x, y int, v T) { p.Pix[rowOffset(y, p.Height, p.Stride)+x] = v }

// Planes gives typed read access to every plane, in PlaneIndex order. T
// must be the storage type of the image's buffer type (uint8 for Binary).
// Writing through them into a read-only image is a bug: writers use
// WritablePlanes.
func Planes[T Pixel](img *Image) ([]Plane[T], error) {
	out, err := AppendPlanes(make([]Plane[T], 0, len(img.planes)), img)
	if err != nil {
		return nil, err
	}
	return out, nil
}

// AppendPlanes is Planes appended to dst: a caller that calls it for every
// small image gives a list it holds already rather than allocate one.
func AppendPlanes[T Pixel](dst []Plane[T], img *Image) ([]Plane[T], error) {
	if err := storedAs[T](img); err != nil {
		return dst, err
	}
	for i := range img.planes {
		dst = append(dst, planeOf[T](img, i))
	}
	return dst, nil
}

// storedAs checks that img's pixels are stored as T.
func storedAs[T Pixel](img *Image) error {
	if want := img.geom.Type.Storage(); want != TypeOf[T]() {
		var z T
		return fmt.Errorf("planes: image of type %v is stored as %v, not %T: %w", img.geom.Type, want, z, ErrBufferType)
	}
	return nil
}

// planeOf is plane i of an image stored as T.
func planeOf[T Pixel](img *Image, i int) Plane[T] {
	p := img.planes[i]
	isz := img.geom.Type.ItemSize()
	var pix []T
	if len(p.buf) > 0 {
		pix = unsafe.Slice((*T)(unsafe.Pointer(unsafe.SliceData(p.buf))), len(p.buf)/isz)
	}
	return Plane[T]{Pix: pix, Stride: p.stride / isz, Width: img.geom.SizeX, Height: img.geom.SizeY}
}

// WritablePlanes is Planes for an algorithm that writes: it fails with
// ErrReadOnly on a read-only image.
func WritablePlanes[T Pixel](img *Image) ([]Plane[T], error) {
	if err := img.CheckWritable(); err != nil {
		return nil, err
	}
	return Planes[T](img)
}

// PlaneAt is Planes for one plane (z, c, t), without making the list: a
// per-pixel loop over a small image calls it once per plane instead of
// allocating one.
func PlaneAt[T Pixel](img *Image, z, c, t int) (Plane[T], error) {
	if err := storedAs[T](img); err != nil {
		return Plane[T]{}, err
	}
	return planeOf[T](img, img.geom.PlaneIndex(z, c, t)), nil
}

func (img *Image) String() string {
	s := "Image(" + img.geom.String()
	if img.readOnly {
		s += " read-only"
	}
	if ok, copied := img.Shared(); !ok {
		s += fmt.Sprintf(" %d planes copied", len(copied))
	}
	return s + ")"
}
