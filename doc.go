// Package gips is the image model of the Go Image Processing SDK: images of
// 2D and 3D scientific data (microscopy, X-ray CT, materials) whose pixels
// can live in memory that gips does not own — a numpy array, a memory-mapped
// file, an aligned vendor volume — without being copied.
//
// # The image model
//
// An Image is a Geometry (SizeX, SizeY, SizeZ, SizeC, SizeT, a BufferType
// and a ColorModel) over a list of 2D planes, one per (z, c, t) in the order
// of Geometry.PlaneIndex (z fastest, then c, then t). A plane is a block of
// bytes plus a row stride, which may exceed a row (padding) or be negative
// (rows stored bottom up); planes need not be evenly spaced or in one
// allocation. Algorithms see typed planes, Plane[T] with Row(y), through
// Planes or WritablePlanes, and are written as one generic kernel chosen by
// Dispatch from the buffer type.
//
// # The numpy bridge
//
// An Array describes memory as numpy's array interface does: dtype with byte
// order, shape, strides in bytes, data. numpy's axis order is the reverse of
// gips' sizes: a Geometry2d(UInt8, 5, 7) image is a (7, 5) array, 3D grey is
// (Z, Y, X), 2D RGB (3, Y, X), 3D RGB (3, Z, Y, X), and sequences put T first.
//
// FromArray and its family (FromArrayGeometry, FromRgbArray,
// FromBinaryArray, FromLabelArray, FromPlanes, FromDigisens) share every
// plane whose pixels are contiguous along x, aligned and in native byte
// order, whatever the row and plane strides; only the other planes are
// copied, Shared says which, Sync writes them back, and the Strict option
// refuses to copy. Image.Array gives the image's own memory back as an Array.
//
// Who allocates: CreateImage, Copy and ConvertTo allocate; views
// (ExtractPlane, ExtractVolume, Region) and the From* family do not, except
// for the planes they must copy. A read-only array gives a read-only image;
// writing into it is ErrReadOnly, never a write.
//
// Every block gips allocates (an image, a copy of planes, a kernel's
// scratch) is checked first against MaxAlloc, RAM plus swap by default:
// beyond it the allocation is ErrTooLarge, not an end of the process. Array
// descriptors are validated without overflow (a stride times a size that
// overflows is ErrShape). A Binary image is one byte per pixel, any
// non-zero byte meaning true, in every algorithm.
package gips
