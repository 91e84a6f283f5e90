package main

/*
#include <stdint.h>

typedef int64_t (*gips_alloc)(int64_t nbytes);
*/
import "C"

import (
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"sync"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/imageio"
)

// Memory-mapped files (gips.open in Python). This is the one place where
// memory that Go manages outlives a call: the caller's arrays point into a
// file mapping that Go made (imageio.Open), so Go must keep it mapped as
// long as the caller uses it. A handle table holds each imageio.Disk until
// the caller releases it (Python: when the last array on the mapping is
// collected); the mapping is unmapped by the Disk's own cleanup once Go
// no longer reaches it. Closing is not releasing: a closed file's arrays
// stay valid, as Disk.Close promises.
//
// Planes that cannot be mapped as they lie (another byte order,
// interleaved RGB, Fortran order) are copied by imageio.Open into Go
// memory; that copy does not cross the boundary. Instead the caller's
// allocator gives a block that holds those planes, one after another in
// plane order, and flush copies them from the block into the Disk's
// copies, which Disk.Flush writes back into the file.

// openHandle is one open file: the Disk and the planes it copied.
type openHandle struct {
	mu     sync.Mutex // orders flush, close and release of one file
	disk   *imageio.Disk
	copied []int
	closed bool
}

var openFiles = struct {
	sync.Mutex
	m    map[uint64]*openHandle
	next uint64
}{m: map[uint64]*openHandle{}}

func lookupOpen(h uint64) (*openHandle, error) {
	openFiles.Lock()
	defer openFiles.Unlock()
	oh := openFiles.m[h]
	if oh == nil {
		return nil, fmt.Errorf("%w: no open file with handle %d (released?)", errRequest, h)
	}
	return oh, nil
}

// openReply describes the mapped image: where its memory is (Array when
// every plane lies in the mapping evenly spaced, else PlaneArrays with nil
// for the copied planes) and the handle that keeps the mapping alive.
type openReply struct {
	fileReply
	Handle      uint64       `json:"handle"`
	ReadOnly    bool         `json:"readonly"`
	Array       *wireArray   `json:"array,omitempty"`
	PlaneArrays []*wirePlane `json:"planeArrays,omitempty"`
	// Copied lists the planes copied into the block the reply's
	// allocation gave, C-contiguous (Y, X) planes in this order.
	Copied []int `json:"copied,omitempty"`
}

type openRequest struct {
	Path string `json:"path"`
	Mode string `json:"mode"` // "r" or "r+"
	// A raw file: its geometry, the offset of its first pixel and its
	// byte order ("little", "big", "native"), as for load.
	Geometry  *wireGeometry `json:"geometry"`
	Offset    int64         `json:"offset"`
	ByteOrder string        `json:"byteOrder"`
}

// handleOpen maps the file and registers it. alloc gives the block for
// copied planes (not called when every plane is mapped in place).
func handleOpen(req []byte, alloc func(int) uint64) (any, error) {
	var r openRequest
	if err := decode(req, &r); err != nil {
		return nil, err
	}
	var mode imageio.Mode
	switch r.Mode {
	case "r", "":
		mode = imageio.ReadOnly
	case "r+":
		mode = imageio.ReadWrite
	default:
		return nil, fmt.Errorf("open %s: mode %q: want \"r\" (read-only) or \"r+\" (read-write): %w", r.Path, r.Mode, gips.ErrRange)
	}
	var d *imageio.Disk
	var err error
	if r.Geometry != nil {
		g, err := r.Geometry.geometry()
		if err != nil {
			return nil, fmt.Errorf("open %s: %w", r.Path, err)
		}
		bo, err := byteOrderOf(r.ByteOrder)
		if err != nil {
			return nil, fmt.Errorf("open %s: %w", r.Path, err)
		}
		if r.Offset < 0 {
			return nil, fmt.Errorf("open %s: offset %d: want >= 0: %w", r.Path, r.Offset, gips.ErrRange)
		}
		if d, err = imageio.OpenRaw(r.Path, g, r.Offset, bo, mode); err != nil {
			return nil, err
		}
	} else if d, err = imageio.Open(r.Path, mode); err != nil {
		return nil, err
	}
	rep, err := describeDisk(d, alloc)
	if err != nil {
		d.Close()
		return nil, err
	}
	rep.Format = sniffFile(r.Path, r.Geometry != nil)
	_, copied := d.Shared()
	openFiles.Lock()
	openFiles.next++
	rep.Handle = openFiles.next
	openFiles.m[rep.Handle] = &openHandle{disk: d, copied: copied}
	openFiles.Unlock()
	return rep, nil
}

func byteOrderOf(s string) (binary.ByteOrder, error) {
	switch s {
	case "", "native":
		return binary.NativeEndian, nil
	case "little":
		return binary.LittleEndian, nil
	case "big":
		return binary.BigEndian, nil
	}
	return nil, fmt.Errorf("byteOrder %q: want little, big or native: %w", s, gips.ErrRange)
}

// describeDisk says where the image's planes are; it copies the planes
// that imageio.Open copied into a block from alloc.
func describeDisk(d *imageio.Disk, alloc func(int) uint64) (openReply, error) {
	img := d.Image
	g := img.Geometry()
	var rep openReply
	var err error
	if rep.geometryReply, err = describe(g); err != nil {
		return rep, err
	}
	rep.Calibration = calToWire(img.Calibration())
	rep.ReadOnly = img.ReadOnly()
	all, copied := img.Shared()
	if all {
		if a, err := img.Array(); err == nil {
			wa := arrayToWire(a)
			rep.Array = &wa
			return rep, nil
		}
	}
	pa := img.PlaneArrays()
	rep.PlaneArrays = make([]*wirePlane, len(pa))
	for i, a := range pa {
		if !slices.Contains(copied, i) {
			rep.PlaneArrays[i] = &wirePlane{Data: address(a.Pointer()), Stride: a.Strides[0]}
		}
	}
	if len(copied) == 0 {
		return rep, nil
	}
	if alloc == nil {
		return rep, fmt.Errorf("%w: open needs an allocator for copied planes", errRequest)
	}
	n := len(copied) * g.SizeX * g.SizeY * g.Type.ItemSize()
	addr := alloc(n)
	if addr == 0 {
		return rep, fmt.Errorf("open %s: allocating %d bytes for %d copied planes failed: %w", d.Path(), n, len(copied), gips.ErrTooLarge)
	}
	blk, err := copiedBlock(wireBuffer{Data: addr, NBytes: n}, img, len(copied))
	if err != nil {
		return rep, err
	}
	for k, i := range copied {
		for y := range g.SizeY {
			copy(blk.Row(k, y), img.Row(i, y))
		}
	}
	rep.Copied = copied
	return rep, nil
}

// copiedBlock wraps the caller's block of k (Y, X) planes, C-contiguous,
// for the length of the call.
func copiedBlock(b wireBuffer, img *gips.Image, k int) (*gips.Image, error) {
	g := img.Geometry()
	bg := gips.Geometry3d(g.Type, g.SizeX, g.SizeY, k)
	want := k * g.SizeX * g.SizeY * g.Type.ItemSize()
	if b.NBytes != want {
		return nil, fmt.Errorf("%w: block of %d bytes for %d copied planes of %v, want %d", errRequest, b.NBytes, k, g, want)
	}
	dt, err := gips.DTypeOf(g.Type)
	if err != nil {
		return nil, err
	}
	shape := []int{k, g.SizeY, g.SizeX}
	a, err := gips.ArrayAt(pointer(b.Data), dt, shape, gips.CStrides(shape, g.Type.ItemSize()), true)
	if err != nil {
		return nil, fmt.Errorf("block: %w", err)
	}
	return gips.FromArrayGeometry(a, bg, gips.Strict)
}

// handleReq names an open file and, when it has copied planes, the
// caller's block that holds them.
type handleReq struct {
	Handle uint64      `json:"handle"`
	Block  *wireBuffer `json:"block"`
}

// takeBlock copies the caller's block into the Disk's copied planes, so
// that Disk.Flush writes the caller's pixels.
func (oh *openHandle) takeBlock(b *wireBuffer) error {
	if len(oh.copied) == 0 {
		return nil
	}
	if b == nil {
		return fmt.Errorf("%w: flush of %s without the block of its %d copied planes", errRequest, oh.disk.Path(), len(oh.copied))
	}
	img := oh.disk.Image
	blk, err := copiedBlock(*b, img, len(oh.copied))
	if err != nil {
		return err
	}
	for k, i := range oh.copied {
		for y := range img.SizeY() {
			copy(img.Row(i, y), blk.Row(k, y))
		}
	}
	return nil
}

// handleOpenFlush writes the caller's copied planes back and the mapping
// to the file (Disk.Flush: fails on a read-only file and after close).
func handleOpenFlush(req []byte) (any, error) {
	var r handleReq
	if err := decode(req, &r); err != nil {
		return nil, err
	}
	oh, err := lookupOpen(r.Handle)
	if err != nil {
		return nil, err
	}
	oh.mu.Lock()
	defer oh.mu.Unlock()
	if !oh.closed && !oh.disk.ReadOnly() {
		if err := oh.takeBlock(r.Block); err != nil {
			return nil, err
		}
	}
	// Disk.Flush names the refusal: a read-only or closed file.
	return struct{}{}, oh.disk.Flush()
}

// handleOpenClose flushes a read-write file and closes it; the handle
// stays registered (the caller's arrays still point into the mapping)
// until released. Closing again does nothing.
func handleOpenClose(req []byte) (any, error) {
	var r handleReq
	if err := decode(req, &r); err != nil {
		return nil, err
	}
	oh, err := lookupOpen(r.Handle)
	if err != nil {
		return nil, err
	}
	return struct{}{}, oh.close(r.Block)
}

func (oh *openHandle) close(b *wireBuffer) error {
	oh.mu.Lock()
	defer oh.mu.Unlock()
	if oh.closed {
		return nil
	}
	oh.closed = true
	var err error
	if !oh.disk.ReadOnly() {
		err = oh.takeBlock(b)
	}
	// Close even when the block was bad: the file must not stay open.
	return errors.Join(err, oh.disk.Close())
}

// handleOpenRelease closes the file if it is open and forgets the handle:
// the caller promises that nothing of its own points into the mapping
// any more, so Go may unmap it once it no longer reaches it either.
func handleOpenRelease(req []byte) (any, error) {
	var r handleReq
	if err := decode(req, &r); err != nil {
		return nil, err
	}
	oh, err := lookupOpen(r.Handle)
	if err != nil {
		return nil, err
	}
	err = oh.close(r.Block)
	openFiles.Lock()
	delete(openFiles.m, r.Handle)
	openFiles.Unlock()
	return struct{}{}, err
}

// openCount is how many files are registered (for tests).
func openCount() int {
	openFiles.Lock()
	defer openFiles.Unlock()
	return len(openFiles.m)
}

// gips_open maps an image file ({"path", "mode": "r" or "r+"}; a raw file
// with "geometry", "offset", "byteOrder") and replies with a handle, the
// geometry, and the addresses of its planes in the mapping. Planes that
// must be converted (byte order, interleaved samples) are copied into a
// block it asks alloc for. The mapping stays until gips_open_release.
//
//export gips_open
func gips_open(req *C.char, alloc C.gips_alloc, out **C.char) C.int {
	return serve(req, out, func(body []byte) (any, error) {
		var f func(int) uint64
		if alloc != nil {
			f = func(n int) uint64 { return uint64(callAlloc(alloc, n)) }
		}
		return handleOpen(body, f)
	})
}

// gips_open_flush writes an open file's changes to disk ({"handle",
// "block": the copied planes, when there are}).
//
//export gips_open_flush
func gips_open_flush(req *C.char, out **C.char) C.int { return serve(req, out, handleOpenFlush) }

// gips_open_close flushes (read-write) and closes an open file ({"handle",
// "block"}); its mapping stays until gips_open_release.
//
//export gips_open_close
func gips_open_close(req *C.char, out **C.char) C.int { return serve(req, out, handleOpenClose) }

// gips_open_release closes the file if needed and drops the handle: the
// caller must hold no pointer into the mapping any more.
//
//export gips_open_release
func gips_open_release(req *C.char, out **C.char) C.int { return serve(req, out, handleOpenRelease) }
