package gips

import (
	"fmt"
	"unsafe"

	"github.com/gipsdev/gips/internal/par"
)

// Option changes how an array is wrapped.
type Option func(*options)

type options struct{ strict bool }

// Strict refuses to copy: a layout that needs a copy is an error
// (ErrCopyRequired) instead of a per-plane copy.
func Strict(o *options) { o.strict = true }

func collect(opts []Option) options {
	if len(opts) == 0 {
		return options{} // before o, which the calls below move to the heap
	}
	var o options
	for _, f := range opts {
		f(&o)
	}
	return o
}

// FromArray wraps a 2D array (Y, X) as a 2D grey image or a 3D array
// (Z, Y, X) as a 3D grey volume, with the buffer type of its dtype (bool
// gives Binary). See FromArrayGeometry for what is shared and what copied.
func FromArray(a Array, opts ...Option) (*Image, error) {
	g, err := arrayGeometry(a)
	if err != nil {
		return nil, err
	}
	return fromArray("fromArray", a, g, opts, nil)
}

// FromRgbArray wraps a 3D array of shape (3, Y, X) as a 2D RGB image.
func FromRgbArray(a Array, opts ...Option) (*Image, error) {
	t, err := a.DType.BufferType()
	if err != nil {
		return nil, fmt.Errorf("fromRgbArray: shape %v: %w", a.Shape, err)
	}
	if len(a.Shape) != 3 || a.Shape[0] != 3 {
		return nil, fmt.Errorf("fromRgbArray: array of shape %v dtype %s: want 3D with first dimension 3, (3, Y, X): %w", a.Shape, a.DType, ErrShape)
	}
	return fromArray("fromRgbArray", a, GeometryRgb2d(t, a.Shape[2], a.Shape[1]), opts, nil)
}

// FromBinaryArray wraps a 2D or 3D array of dtype bool, int8 or uint8 as a
// Binary image. Its values are used as they are: binary algorithms read any
// non-zero byte as 1.
func FromBinaryArray(a Array, opts ...Option) (*Image, error) {
	kind, size, _, err := a.DType.parsed()
	if err != nil || size != 1 || (kind != 'b' && kind != 'u' && kind != 'i') {
		return nil, fmt.Errorf("fromBinaryArray: array of shape %v dtype %s: want dtype bool, int8 or uint8: %w", a.Shape, a.DType, ErrDType)
	}
	return fromTyped("fromBinaryArray", a, Binary, opts)
}

// FromLabelArray wraps a 2D or 3D array of dtype uint16 or uint32 as a
// Label16 or Label32 image.
func FromLabelArray(a Array, opts ...Option) (*Image, error) {
	kind, size, _, err := a.DType.parsed()
	if err != nil || kind != 'u' || (size != 2 && size != 4) {
		return nil, fmt.Errorf("fromLabelArray: array of shape %v dtype %s: want dtype uint16 or uint32: %w", a.Shape, a.DType, ErrDType)
	}
	t := Label16
	if size == 4 {
		t = Label32
	}
	return fromTyped("fromLabelArray", a, t, opts)
}

func fromTyped(fn string, a Array, t BufferType, opts []Option) (*Image, error) {
	switch len(a.Shape) {
	case 2:
		return fromArray(fn, a, Geometry2d(t, a.Shape[1], a.Shape[0]), opts, nil)
	case 3:
		return fromArray(fn, a, Geometry3d(t, a.Shape[2], a.Shape[1], a.Shape[0]), opts, nil)
	}
	return nil, fmt.Errorf("%s: array of shape %v dtype %s: want 2D (Y, X) or 3D (Z, Y, X): %w", fn, a.Shape, a.DType, ErrShape)
}

// FromArrayGeometry wraps an array as an image of geometry g (sizes x
// first). The array's shape must be g.Shape() up to axes of size 1, so that
// a (3, Z, Y, X) array becomes a 3D RGB image and a (1, Y, X) array a 2D
// one. The dtype must store g.Type (bool, int8 or uint8 for Binary; the
// unsigned type of the same size for labels).
//
// Each plane whose pixels are contiguous along x, aligned to the item size
// and in native byte order is shared, whatever the row and plane strides
// (padding, negative strides): a write through the image is seen in the
// array and the other way round. The other planes are copied into one new
// block; Shared says which, Sync writes them back, and the Strict option
// makes the copy an error. A read-only array gives a read-only image.
func FromArrayGeometry(a Array, g Geometry, opts ...Option) (*Image, error) {
	return fromArray("fromArray", a, g, opts, nil)
}

// FromArrayGeometryInto is FromArrayGeometry building the image in dst,
// an Image the caller owns, instead of a new one: for a binding that wraps
// the arrays of one call and reuses its Image structs from call to call,
// so that an image of up to three planes (grey, RGB) costs no allocation
// (the per-call cost of a small image is mostly allocations). Whatever dst
// held is dropped; on error dst is left empty (a zero Image, which no
// function accepts). dst must not be in use: no image, view or plane list
// taken from it may be used after it is rebuilt.
func FromArrayGeometryInto(dst *Image, a Array, g Geometry, opts ...Option) error {
	if dst == nil {
		return fmt.Errorf("fromArray: nil destination image: %w", ErrShape)
	}
	if _, err := fromArray("fromArray", a, g, opts, dst); err != nil {
		*dst = Image{}
		return err
	}
	return nil
}

// FromArrayInto is FromArray building the image in dst (see
// FromArrayGeometryInto).
func FromArrayInto(dst *Image, a Array, opts ...Option) error {
	g, err := arrayGeometry(a)
	if err != nil {
		if dst != nil {
			*dst = Image{}
		}
		return err
	}
	return FromArrayGeometryInto(dst, a, g, opts...)
}

// arrayGeometry is FromArray's geometry for an array: 2D grey or a 3D
// volume of its dtype's buffer type.
func arrayGeometry(a Array) (Geometry, error) {
	t, err := a.DType.BufferType()
	if err != nil {
		return Geometry{}, fmt.Errorf("fromArray: shape %v: %w", a.Shape, err)
	}
	switch len(a.Shape) {
	case 2:
		return Geometry2d(t, a.Shape[1], a.Shape[0]), nil
	case 3:
		return Geometry3d(t, a.Shape[2], a.Shape[1], a.Shape[0]), nil
	}
	return Geometry{}, fmt.Errorf("fromArray: array of shape %v dtype %s: want 2D (Y, X) or 3D (Z, Y, X); give a geometry for other layouts: %w",
		a.Shape, a.DType, ErrShape)
}

// fromArray wraps a as an image of g: a new Image, or built in dst when it
// is not nil.
func fromArray(fn string, a Array, g Geometry, opts []Option, dst *Image) (*Image, error) {
	o := collect(opts)
	if err := g.Validate(); err != nil {
		return nil, fmt.Errorf("%s: %w", fn, err)
	}
	if err := a.check(); err != nil {
		return nil, fmt.Errorf("%s: %w", fn, err)
	}
	kind, size, native, _ := a.DType.parsed()
	if !dtypeStores(kind, size, g.Type) {
		return nil, fmt.Errorf("%s: array of shape %v dtype %s cannot hold a %v image: %w", fn, a.Shape, a.DType, g.Type, ErrDType)
	}
	// Match the array's axes to (t, c, z, y, x), ignoring axes of size 1.
	var st [5]int // byte strides along t, c, z, y, x
	var as, ast []int
	for i, n := range a.Shape {
		if n != 1 {
			as, ast = append(as, n), append(ast, a.Strides[i])
		}
	}
	sizes := [5]int{g.SizeT, g.SizeC, g.SizeZ, g.SizeY, g.SizeX}
	j := 0
	for k, n := range sizes {
		if n == 1 {
			continue
		}
		if j >= len(as) || as[j] != n {
			return nil, fmt.Errorf("%s: array of shape %v dtype %s does not fit geometry %v (numpy shape %v): %w", fn, a.Shape, a.DType, g, g.Shape(), ErrShape)
		}
		st[k] = ast[j]
		j++
	}
	if j != len(as) {
		return nil, fmt.Errorf("%s: array of shape %v dtype %s does not fit geometry %v (numpy shape %v): %w", fn, a.Shape, a.DType, g, g.Shape(), ErrShape)
	}
	isz := size
	rowBytes := g.SizeX * isz
	if g.SizeX == 1 {
		st[4] = isz
	}
	if g.SizeY == 1 {
		st[3] = rowBytes
	}

	img := newImageIn(dst, g)
	img.readOnly = a.ReadOnly
	if a.Keep != nil {
		img.Keep(a.Keep)
	}
	if kind == 'b' || kind == 'i' && g.Type == Binary {
		img.dtype = DType([]byte{'|', kind, '1'})
	}
	var copied []int
	for i := range img.planes {
		z, c, t := g.PlaneCoords(i)
		origin := a.Offset + t*st[0] + c*st[1] + z*st[2]
		addr := uintptr(unsafe.Pointer(unsafe.SliceData(a.Data))) + uintptr(origin)
		if st[4] == isz && (native || isz == 1) && addr%uintptr(isz) == 0 && st[3]%isz == 0 {
			lo := origin + min(0, (g.SizeY-1)*st[3])
			hi := origin + max(0, (g.SizeY-1)*st[3]) + rowBytes
			img.planes[i] = plane{buf: a.Data[lo:hi:hi], stride: st[3]}
			continue
		}
		copied = append(copied, i)
	}
	if len(copied) > 0 && o.strict {
		return nil, fmt.Errorf("%s: array of shape %v strides %v dtype %s: %d of %d planes would be copied (%s): %w",
			fn, a.Shape, a.Strides, a.DType, len(copied), len(img.planes), copyReason(a, st[4], isz, native), ErrCopyRequired)
	}
	if len(copied) == 0 {
		img.backing = a.Data
		return img, nil
	}
	block, err := img.copyPlanes(a, copied, st, !native && isz > 1)
	if err != nil {
		return nil, fmt.Errorf("%s: array of shape %v strides %v dtype %s: copying %d planes (%s): %w",
			fn, a.Shape, a.Strides, a.DType, len(copied), copyReason(a, st[4], isz, native), err)
	}
	if len(copied) == len(img.planes) {
		img.backing = block
	}
	return img, nil
}

func copyReason(a Array, xs, isz int, native bool) string {
	switch {
	case xs != isz:
		return fmt.Sprintf("x stride %d is not the item size %d", xs, isz)
	case !native && isz > 1:
		return "byte order is not native"
	}
	return "data is not aligned to the item size"
}

// dtypeStores reports whether an array of this kind and size can back an
// image of type t.
func dtypeStores(kind byte, size int, t BufferType) bool {
	switch t {
	case Binary:
		return size == 1 && (kind == 'b' || kind == 'u' || kind == 'i')
	case Label8, Label16, Label32:
		return kind == 'u' && size == t.ItemSize()
	}
	bt, ok := storedType(kind, size)
	return ok && bt == t
}

// copyPlanes copies the listed planes from a into one new aligned block
// and records their sources for Sync. It returns the block. The block is
// bounded by MaxAlloc: a broadcast array (stride 0) describes far more
// pixels than the memory behind it.
func (img *Image) copyPlanes(a Array, which []int, st [5]int, swap bool) ([]byte, error) {
	g := img.geom
	isz := g.Type.ItemSize()
	rowBytes := g.SizeX * isz
	planeBytes := rowBytes * g.SizeY
	block, err := alloc(g.Type, g.SizeX*g.SizeY*len(which))
	if err != nil {
		return nil, err
	}
	img.sources = make([]planeSource, len(img.planes))
	for k, i := range which {
		z, c, t := g.PlaneCoords(i)
		img.sources[i] = planeSource{data: a.Data, origin: a.Offset + t*st[0] + c*st[1] + z*st[2],
			rowStride: st[3], xStride: st[4], swap: swap}
		img.planes[i] = plane{buf: block[k*planeBytes : (k+1)*planeBytes : (k+1)*planeBytes], stride: rowBytes}
	}
	par.Bands(len(which), g.SizeY, par.Grain(rowBytes), func(k, y0, y1 int) {
		i := which[k]
		src, p := img.sources[i], img.planes[i]
		for y := y0; y < y1; y++ {
			gather(p.buf[y*rowBytes:(y+1)*rowBytes], a.Data, src.origin+y*src.rowStride, src.xStride, g.SizeX, isz, swap)
		}
	})
	return block, nil
}

// Shared reports whether every plane shares memory with the image's source,
// and if not, the indices (PlaneIndex order) of the planes that were copied.
func (img *Image) Shared() (all bool, copied []int) {
	for i, s := range img.sources {
		if s.data != nil {
			copied = append(copied, i)
		}
	}
	return len(copied) == 0, copied
}

// Sync writes the copied planes back to the array they came from (in its
// byte order and layout). Shared planes need nothing. It fails on a
// read-only image.
func (img *Image) Sync() error {
	if ok, _ := img.Shared(); ok {
		return nil
	}
	if err := img.CheckWritable(); err != nil {
		return fmt.Errorf("sync: %w", err)
	}
	isz := img.geom.Type.ItemSize()
	for i, s := range img.sources {
		if s.data == nil {
			continue
		}
		for y := 0; y < img.geom.SizeY; y++ {
			scatter(s.data, s.origin+y*s.rowStride, s.xStride, img.Row(i, y), img.geom.SizeX, isz, s.swap)
		}
	}
	return nil
}

// FromPlanes wraps a list of 2D arrays of one shape and dtype (separately
// allocated slices, say) as a 3D grey volume, plane z from planes[z]. See
// FromPlanesGeometry.
func FromPlanes(planes []Array, opts ...Option) (*Image, error) {
	if len(planes) == 0 {
		return nil, fmt.Errorf("fromPlanes: no planes: %w", ErrShape)
	}
	first := planes[0]
	if len(first.Shape) != 2 {
		return nil, fmt.Errorf("fromPlanes: plane 0 has shape %v dtype %s: want 2D (Y, X): %w", first.Shape, first.DType, ErrShape)
	}
	t, err := first.DType.BufferType()
	if err != nil {
		return nil, fmt.Errorf("fromPlanes: plane 0: %w", err)
	}
	return FromPlanesGeometry(planes, Geometry3d(t, first.Shape[1], first.Shape[0], len(planes)), opts...)
}

// FromPlanesGeometry wraps one 2D (Y, X) array per plane of g, in
// PlaneIndex order (z fastest, then c, then t): a hyperstack whose pages sit
// at arbitrary offsets. Each plane is shared or copied by the rules of
// FromArrayGeometry; the planes are not one block, so Array returns
// ErrNotStrided and PlaneArrays describes them.
func FromPlanesGeometry(planes []Array, g Geometry, opts ...Option) (*Image, error) {
	if err := g.Validate(); err != nil {
		return nil, fmt.Errorf("fromPlanes: %w", err)
	}
	if len(planes) != g.Planes() {
		return nil, fmt.Errorf("fromPlanes: %d planes for geometry %v, which has %d: %w", len(planes), g, g.Planes(), ErrShape)
	}
	pg := Geometry2d(g.Type, g.SizeX, g.SizeY)
	img := newImage(g)
	for i, p := range planes {
		if len(p.Shape) != 2 || p.Shape[0] != g.SizeY || p.Shape[1] != g.SizeX || p.DType != planes[0].DType {
			return nil, fmt.Errorf("fromPlanes: plane %d has shape %v dtype %s, want (%d, %d) %s: %w",
				i, p.Shape, p.DType, g.SizeY, g.SizeX, planes[0].DType, ErrShape)
		}
		one, err := fromArray("fromPlanes", p, pg, opts, nil)
		if err != nil {
			return nil, fmt.Errorf("plane %d: %w", i, err)
		}
		img.planes[i] = one.planes[0]
		img.dtype = one.dtype
		img.readOnly = img.readOnly || one.readOnly
		if one.keep != nil {
			img.Keep(one.keep)
		}
		if one.sources != nil {
			if img.sources == nil {
				img.sources = make([]planeSource, len(planes))
			}
			img.sources[i] = one.sources[0]
		}
	}
	return img, nil
}
