// Command capi is the C API of gips, built with -buildmode=c-shared into
// python/gips/_gips.so: one shared library, one Go runtime per process.
//
// Every entry point takes a NUL-terminated JSON request and writes a JSON
// response (or, on failure, the error text) into *out, a C string allocated
// with malloc that the caller releases with gips_free. The return value is a
// status code (see codeOf): 0 for success. No panic crosses the boundary:
// each entry point recovers and reports the panic as an internal error.
//
// The boundary moves descriptors, never pixels. Images cross as numpy
// describes arrays: a data address (an integer), a dtype string, strides in
// bytes, a read-only flag and a geometry; or, for an image whose planes are
// not evenly spaced, one address and row stride per plane. gips_op_run, the
// call made most often, takes them as gips_image structs, the others as
// JSON (gips_op_call, the fast path, as one array of int64 records; see
// call.go). Go wraps that memory for the length of the call and keeps no
// pointer to it afterwards. Every byte that outlives a call is the
// caller's: outputs and copies are allocated by the caller (numpy), either
// after asking their size or, in gips_op_run, through the caller's
// gips_alloc callback. The one exception is a memory-mapped file
// (gips_open, open.go): its mapping is Go's and lives in a handle table
// until the caller releases the handle. Addresses are trusted: they must point to memory
// that the described array really spans. The rules (which dtype stores
// which buffer type, which shapes fit a geometry, which planes can be shared
// and which must be copied) live in the gips package and are only asked for
// here, never restated.
//
// A Go runtime does not survive fork(): a process that loaded this library
// must start workers with the "spawn" method, not "fork".
//
// default.pgo is a CPU profile of the small op calls' Go side, which go
// build uses for profile-guided optimisation of this command (issue 15:
// the percall row, an 8x8 add from Python after the bench's timers, min
// 0.313-0.320 -> 0.296-0.301 us against numpy's 0.286-0.313 in the same
// runs; 256x256 invert and threshold unchanged). Made with
//
//	GOEXPERIMENT=simd go test ./capi -run xxx -cpu 1 -cpuprofile "$PWD/capi/default.pgo" \
//	    -bench 'OpCallTiny$|OpCallTinyFlat|OpCallTinyParams|OpCallMean/8/flat|OpCallHistogram/8'
//
// and worth making again when that path changes (a stale profile costs
// nothing but the gain).
package main

/*
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

// gips_image describes an image the caller holds, for gips_op_run: its
// geometry and dtype, and either one strided block (data, strides in bytes
// in numpy order, one per axis of the geometry's numpy shape) or, when
// planes is not NULL, one (address, row stride) pair per plane in plane
// order (z fastest, then c, then t). With flag 8 it is a plain array
// instead (data, ndim, shape, strides, typestr): an input that gips wraps
// as fromArray does, copying for the call what it cannot share.
typedef struct {
	int64_t data;
	int64_t strides[8];
	int64_t shape[8];  // flag 8 only
	const int64_t *planes;
	int32_t ndim;      // flag 8 only
	int32_t type;      // gips.BufferType: 1 UInt8, 2 Int8, ... 12 Label32
	int32_t size[5];   // x, y, z, c, t
	int32_t color;     // 0 grey, 1 rgb, 2 multichannel
	int32_t flags;     // 1 volume (z axis), 2 sequence (t axis), 4 read-only, 8 array, 16 calibrated
	char typestr[4];   // the numpy dtype, e.g. "<u2", NUL-terminated
	double cal[3];     // flag 16: the voxel size x, y, z (ops default their spacing to it)
	char unit[24];     // flag 16: its unit, NUL-terminated
} gips_image;

// gips_alloc allocates nbytes for an output (numpy: np.empty) and returns
// its address, aligned to 8 bytes, or 0 on failure. The caller owns it.
typedef int64_t (*gips_alloc)(int64_t nbytes);
*/
import "C"

import (
	"fmt"
	"unsafe"

	"github.com/gipsdev/gips"
	_ "github.com/gipsdev/gips/ops/all"
)

func main() {}

// gips_free releases a string returned by any gips_* call.
//
//export gips_free
func gips_free(p *C.char) { C.free(unsafe.Pointer(p)) }

// gips_last_error is the error text of the calling thread's last failed
// call, or an empty string; the caller frees it with gips_free. The same
// text is returned in *out by the failing call itself.
//
//export gips_last_error
func gips_last_error() *C.char { return C.CString(lastError()) }

// gips_version describes the library: {"go", "bufferTypes"}.
//
//export gips_version
func gips_version(req *C.char, out **C.char) C.int { return serve(req, out, handleVersion) }

// gips_set_threads sets how many threads gips ops use ({"n": n}; 0: one
// per CPU) and returns the previous count.
//
//export gips_set_threads
func gips_set_threads(req *C.char, out **C.char) C.int { return serve(req, out, handleThreads) }

// gips_upper_state turns on or off the probe that records ops returning
// with dirty upper halves of the vector registers (tests; see
// upperstate.go).
//
//export gips_upper_state
func gips_upper_state(req *C.char, out **C.char) C.int { return serve(req, out, handleUpperState) }

// gips_free_memory returns the Go heap's free pages to the OS (see
// handleFreeMemory).
//
//export gips_free_memory
func gips_free_memory(req *C.char, out **C.char) C.int { return serve(req, out, handleFreeMemory) }

// gips_geometry validates a geometry and describes it: its numpy shape, the
// native dtype that stores it, its plane count and its text form.
//
//export gips_geometry
func gips_geometry(req *C.char, out **C.char) C.int { return serve(req, out, handleGeometry) }

// gips_wrap_plan says how an array becomes an image (fromArray and its
// family, fromDigisens): its geometry and, when every plane is shared, the
// image's memory as an array descriptor. When planes must be copied it says
// why and how many bytes the copy needs; called again with a block of that
// size, it copies those planes into it and says which they are.
//
//export gips_wrap_plan
func gips_wrap_plan(req *C.char, out **C.char) C.int { return serve(req, out, handleWrapPlan) }

// gips_sync writes copied planes from the caller's block back into the
// source, in its layout and byte order.
//
//export gips_sync
func gips_sync(req *C.char, out **C.char) C.int { return serve(req, out, handleSync) }

// gips_digisens_layout gives the row and plane strides and the byte count of
// an image's Digisens layout, for the caller to allocate a buffer.
//
//export gips_digisens_layout
func gips_digisens_layout(req *C.char, out **C.char) C.int {
	return serve(req, out, handleDigisensLayout)
}

// gips_to_digisens gives an image in Digisens layout: the address of its own
// memory when it already has that layout (a view), else a copy into the
// caller's buffer.
//
//export gips_to_digisens
func gips_to_digisens(req *C.char, out **C.char) C.int { return serve(req, out, handleToDigisens) }

// gips_load reads an image file ({"path"}; a raw file with "geometry",
// "offset", "byteOrder") into one C-contiguous block it asks alloc for and
// replies with its geometry, numpy shape, dtype, calibration and format.
//
//export gips_load
func gips_load(req *C.char, alloc C.gips_alloc, out **C.char) C.int {
	return serve(req, out, func(body []byte) (any, error) {
		if alloc == nil {
			return nil, fmt.Errorf("%w: load needs an allocator", errRequest)
		}
		return handleLoad(body, func(n int) uint64 { return uint64(callAlloc(alloc, n)) })
	})
}

// gips_save writes an image ({"path", "image", "calibration",
// "compression", "predictor", "bigtiff", "chunky"}) in the format its
// extension names.
//
//export gips_save
func gips_save(req *C.char, out **C.char) C.int { return serve(req, out, handleSave) }

// gips_info describes an image file without reading its pixels when it can
// be mapped: geometry, numpy shape, dtype, calibration, format and where
// each plane lies.
//
//export gips_info
func gips_info(req *C.char, out **C.char) C.int { return serve(req, out, handleInfo) }

// gips_ops lists every registered op with its descriptor.
//
//export gips_ops
func gips_ops(req *C.char, out **C.char) C.int { return serve(req, out, handleOps) }

// gips_op_output gives the output geometry of an op for the given input
// geometries and parameters (or says that it returns a scalar).
//
//export gips_op_output
func gips_op_output(req *C.char, out **C.char) C.int { return serve(req, out, handleOpOutput) }

// gips_op_halo gives the border, in pixels along x, y and z, that each
// output pixel of an op needs with the given parameters and inputs
// ({"op", "params", "inputs"}: geometries, or {"array": {"typestr",
// "shape"}} for an array fromArray would wrap): [x, y, z].
//
//export gips_op_halo
func gips_op_halo(req *C.char, out **C.char) C.int { return serve(req, out, handleOpHalo) }

// gips_op_run runs an op, named with its parameters in the JSON request
// {"op": "filter.gaussian", "params": {...}}, on n input images and returns
// its result. An image op writes into output (an image, or with flag 8 an
// array, wrapped with the op's output geometry and written back if its
// planes had to be copied), or when output is NULL into memory it asks
// alloc for (the reply then gives the output's geometry, numpy shape and
// dtype). A vector result goes into one block from alloc (n float64), a
// histogram into two (n int64 counts, n+1 float64 edges), the reply being
// {"kind", "n"}; numbers and records are in the reply. Images cross as
// gips_image structs rather than JSON: this is the call made most often.
//
//export gips_op_run
func gips_op_run(req *C.char, n C.int, inputs *C.gips_image, output *C.gips_image, alloc C.gips_alloc, out **C.char) C.int {
	var ins []C.gips_image
	if n > 0 && inputs != nil {
		ins = unsafe.Slice(inputs, int(n))
	}
	return serve(req, out, func(body []byte) (any, error) {
		var r runRequest
		if err := decode(body, &r); err != nil {
			return nil, err
		}
		r.Inputs = make([]wireImage, len(ins))
		// Inputs with a calibration (flag 16) carry it into the call.
		for i := range ins {
			w, err := imageFromC(&ins[i], nil)
			if err != nil {
				return nil, fmt.Errorf("%s: input %d: %w", r.Op, i, err)
			}
			r.Inputs[i] = w
		}
		if output != nil {
			w, err := imageFromC(output, nil)
			if err != nil {
				return nil, fmt.Errorf("%s: output: %w", r.Op, err)
			}
			r.Output = &w
		}
		if alloc != nil {
			r.Alloc = func(n int) uint64 { return uint64(callAlloc(alloc, n)) }
		}
		return runOp(r)
	})
}

// gips_op_call is gips_op_run as the Python binding calls it, cheaper per
// call (see call.go): req is the JSON request {"op", "params"} of reqlen
// bytes; recs holds nrec int64 words, the records of the n inputs and then,
// when hasOut, of the output (an array, or the address of a gips_image).
// When the op wrote an image into the given output, *out is NULL: there is
// nothing to reply. out points at three words: *out, then a tag and a
// value that Go writes: tag 1 when the result is a number, whose float64
// bits are the value; tag 2 when it is a histogram of value bins, whose
// counts (int64) and edges (float64) are in the two blocks that alloc
// gave, in that order; tag 3 when it is a vector of value float64 in the
// one block alloc gave; tag 4 when it is a table of value rows: a JSON
// header {"names": [...], "units": [...]} in the first block alloc gave,
// then each column's float64 values in a block of its own, in order
// (with tags 1-4, *out is NULL: no JSON to make and parse); else tag 0.
//
//export gips_op_call
func gips_op_call(req *C.char, reqlen C.int, n C.int, hasOut C.int, recs *C.int64_t, nrec C.int, alloc C.gips_alloc, out **C.char) C.int {
	var body []byte
	if req != nil && reqlen > 0 {
		// The caller's bytes, not a copy: they outlive the call, and what
		// is kept of them (the parsed-request cache's key, decoded
		// strings) is copied by string conversion and encoding/json.
		body = unsafe.Slice((*byte)(unsafe.Pointer(req)), int(reqlen))
	}
	var words []int64
	if recs != nil && nrec > 0 {
		words = unsafe.Slice((*int64)(unsafe.Pointer(recs)), int(nrec))
	}
	var allocate func(int) uint64
	if alloc != nil {
		allocate = func(n int) uint64 { return uint64(callAlloc(alloc, n)) }
	}
	code, text, tag, value := opCall(body, int(n), hasOut != 0, words, allocate, structImage, out != nil)
	c := C.int(reply(out, code, text))
	if out != nil {
		// The two words after *out: a result without JSON (call.go's tags).
		tail := unsafe.Slice((*uint64)(unsafe.Pointer(out)), 3)
		tail[1], tail[2] = 0, 0
		if tag != tagNone && code == codeOK {
			tail[1], tail[2] = uint64(tag), value
		}
	}
	return c
}

// structImage reads the gips_image at addr (a recStruct record) into rec.
func structImage(addr uint64, rec *arrayRecord) (wireImage, error) {
	if addr == 0 {
		return wireImage{}, fmt.Errorf("%w: NULL gips_image", errRequest)
	}
	return imageFromC((*C.gips_image)(pointer(addr)), rec)
}

// imageFromC reads a gips_image. Its shape, strides and array request are
// rec's (nil: a new one), so that a pooled record makes a small call's
// image without allocating.
func imageFromC(c *C.gips_image, rec *arrayRecord) (wireImage, error) {
	if rec == nil {
		rec = new(arrayRecord)
	}
	// The typestr's four bytes as a record word: typeStr interns it.
	var tw int64
	for i := range 4 {
		tw |= int64(byte(c.typestr[i])) << (8 * i)
	}
	typestr := typeStr(tw)
	if c.flags&8 != 0 {
		nd := int(c.ndim)
		if nd < 0 || nd > len(c.shape) {
			return wireImage{}, fmt.Errorf("%w: array of %d dimensions", errRequest, nd)
		}
		rec.a = wireArray{Data: uint64(c.data), TypeStr: typestr, ReadOnly: c.flags&4 != 0,
			Shape: rec.dims[:nd:nd], Strides: rec.dims[8 : 8+nd : 8+nd]}
		for i := range nd {
			rec.a.Shape[i], rec.a.Strides[i] = int(c.shape[i]), int(c.strides[i])
		}
		rec.r = wrapRequest{Kind: "array", Array: &rec.a}
		return wireImage{Source: &rec.r}, nil
	}
	t := gips.BufferType(c._type)
	if !t.Valid() {
		return wireImage{}, fmt.Errorf("buffer type %d: %w", int(c._type), gips.ErrBufferType)
	}
	var cal *wireCalibration
	if c.flags&16 != 0 {
		cal = &wireCalibration{X: float64(c.cal[0]), Y: float64(c.cal[1]), Z: float64(c.cal[2]),
			Unit: C.GoStringN(&c.unit[0], C.int(C.strnlen(&c.unit[0], 24)))}
	}
	colors := [...]gips.ColorModel{gips.Grey, gips.RGB, gips.MultiChannel}
	if c.color < 0 || int(c.color) >= len(colors) {
		return wireImage{}, fmt.Errorf("%w: colour model %d", errRequest, int(c.color))
	}
	// The geometry as it is, validated once here: its wire form (names)
	// parsed back in uncalibrated was a tenth of a small call.
	g := gips.Geometry{Type: t, SizeX: int(c.size[0]), SizeY: int(c.size[1]), SizeZ: int(c.size[2]),
		SizeC: int(c.size[3]), SizeT: int(c.size[4]), Color: colors[c.color],
		Volume: c.flags&1 != 0, Sequence: c.flags&2 != 0}
	if err := g.Validate(); err != nil {
		return wireImage{}, err
	}
	w := wireImage{
		Geometry:    toWire(g),
		TypeStr:     typestr,
		ReadOnly:    c.flags&4 != 0,
		Data:        uint64(c.data),
		Calibration: cal,
		geom:        g,
		valid:       true,
	}
	if c.planes != nil {
		pairs := unsafe.Slice(c.planes, 2*g.Planes())
		w.Planes = make([]wirePlane, g.Planes())
		for i := range w.Planes {
			w.Planes[i] = wirePlane{Data: uint64(pairs[2*i]), Stride: int(pairs[2*i+1])}
		}
		return w, nil
	}
	w.shape = shapeIn(g, rec.dims[:0:8])
	nd := len(w.shape)
	w.Strides = rec.dims[8 : 8+nd : 8+nd]
	for i := range nd {
		w.Strides[i] = int(c.strides[i])
	}
	return w, nil
}
