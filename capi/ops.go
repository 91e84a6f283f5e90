package main

import (
	"encoding/json"
	"fmt"
	"unsafe"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/ops"
)

// handleOps is the registry's own JSON catalogue (ops.Describe), from which
// python/gen.py generates the family modules.
func handleOps([]byte) (any, error) {
	b, err := ops.Describe()
	if err != nil {
		return nil, err
	}
	return json.RawMessage(b), nil
}

type outputRequest struct {
	Op     string         `json:"op"`
	Inputs []wireGeometry `json:"inputs"`
	Params map[string]any `json:"params"`
}

// outputReply is the geometry of the image an op returns, with its numpy
// shape and dtype for the caller to allocate; Geometry is nil for an op
// that returns a scalar (Returns says what kind).
type outputReply struct {
	Returns  ops.ResultKind `json:"returns"`
	Geometry *wireGeometry  `json:"geometry"`
	Shape    []int          `json:"shape,omitempty"`
	TypeStr  string         `json:"typestr,omitempty"`
	// Calibration of a new output image, when it is not gips' default
	// (ops give an output the first input's calibration).
	Calibration *wireCalibration `json:"calibration,omitempty"`
}

func handleOpOutput(req []byte) (any, error) {
	var r outputRequest
	if err := decode(req, &r); err != nil {
		return nil, err
	}
	op, err := ops.Lookup(r.Op)
	if err != nil {
		return nil, err
	}
	p, err := op.Parse(r.Params)
	if err != nil {
		return nil, err
	}
	if op.Output == nil {
		return outputReply{Returns: op.Returns}, nil
	}
	geoms := make([]gips.Geometry, len(r.Inputs))
	for i, w := range r.Inputs {
		if geoms[i], err = w.geometry(); err != nil {
			return nil, fmt.Errorf("%s: input %d: %w", op.Name, i, err)
		}
	}
	g, err := op.OutputGeometry(geoms, p)
	if err != nil {
		return nil, err
	}
	d, err := describe(g)
	if err != nil {
		return nil, err
	}
	return outputReply{Returns: op.Returns, Geometry: &d.Geometry, Shape: d.Shape, TypeStr: d.TypeStr}, nil
}

// runRequest is an op call: the JSON part of gips_op_run (op, params) and
// the images it reads from gips_image structs.
type runRequest struct {
	Op     string         `json:"op"`
	Params map[string]any `json:"params"`
	Inputs []wireImage    `json:"-"`
	Output *wireImage     `json:"-"`
	// Alloc, when there is no Output, allocates the caller's memory for it
	// and returns its address (0: failed).
	Alloc func(nbytes int) uint64 `json:"-"`
	// scratch, when set, holds the call's image lists (see callScratch).
	scratch *callScratch
}

// runOp runs an op on the caller's images (gips_op_run reads them from
// gips_image structs). An image op writes into the caller's output: an
// image it describes, an array it gives (wrapped with the op's output
// geometry, as fromArray(out, geometry) would, in the same call), or memory
// it allocates through Alloc. Vectors and histograms are written into
// memory from Alloc too, not into the JSON reply. Go never allocates
// anything that outlives the call.
func runOp(r runRequest) (any, error) {
	op, err := ops.Lookup(r.Op)
	if err != nil {
		return nil, err
	}
	p, err := op.Parse(r.Params)
	if err != nil {
		return nil, err
	}
	return runParsed(op, p, r)
}

// runParsed is runOp once the op is found and its parameters parsed.
func runParsed(op *ops.Op, p ops.Values, r runRequest) (any, error) {
	var err error
	var nbytes int
	var ins []*gips.Image
	var geoms []gips.Geometry
	if n := len(r.Inputs); r.scratch != nil && n <= maxPooled {
		r.scratch.use(n)
		ins, geoms = r.scratch.ins[:n], r.scratch.geoms[:n]
	} else {
		ins, geoms = make([]*gips.Image, n), make([]gips.Geometry, n)
	}
	for i, w := range r.Inputs {
		if ins[i], err = w.imageIn(r.scratch.input(i)); err != nil {
			return nil, fmt.Errorf("%s: input %d: %w", op.Name, i, err)
		}
		geoms[i] = ins[i].Geometry()
		nbytes += geoms[i].Pixels() * geoms[i].Type.ItemSize()
	}
	ballastFor(nbytes) // gc.go: a large call's temporaries
	var out *gips.Image
	var made *outputReply
	switch {
	case r.Output != nil && r.Output.Source != nil:
		if out, err = outputArray(op, geoms, p, *r.Output.Source, r.scratch.output()); err != nil {
			return nil, err
		}
	case r.Output != nil:
		if out, err = r.Output.imageIn(r.scratch.output()); err != nil {
			return nil, fmt.Errorf("%s: output: %w", op.Name, err)
		}
	case op.Output != nil && r.Alloc != nil:
		if out, made, err = allocOutput(op, geoms, p, r.Alloc); err != nil {
			return nil, err
		}
		if len(ins) > 0 { // as ops.Call gives an output it allocates
			out.SetCalibration(ins[0].Calibration())
		}
	case op.Output != nil:
		return nil, fmt.Errorf("%w: %s returns an image: pass an output or an allocator", errRequest, op.Name)
	}
	res, err := op.Call(ins, out, p)
	probeUpper(op.Name)
	if err != nil {
		return nil, err
	}
	if res.Kind == ops.ResultImage {
		if r.Output != nil && r.Output.Source != nil {
			// Planes of the caller's array that could not be shared were
			// copied for the call: the result goes back into the array.
			if err := out.Sync(); err != nil {
				return nil, fmt.Errorf("%s: output: %w", op.Name, err)
			}
		}
		if made != nil {
			if c := out.Calibration(); c != gips.DefaultCalibration {
				w := calToWire(c)
				made.Calibration = &w
			}
			return made, nil // the caller holds the memory: here is what it is
		}
		return written, nil
	}
	if r.Alloc != nil {
		return allocResult(op, res, r.Alloc)
	}
	return res, nil
}

// imageWritten is the reply of an image op that wrote into the caller's
// output: {"kind": "image"} (gips_op_call sends nothing instead).
type imageWritten struct {
	Kind ops.ResultKind `json:"kind"`
}

// written is that reply, boxed once: an in-place call allocates no
// interface value for it.
var written any = imageWritten{Kind: ops.ResultImage}

// outputArray wraps the caller's output array as an image of the op's
// output geometry: shared where its layout allows, else copied for the
// call (runOp writes the copies back).
//
// dst, when not nil, is the Image struct to build the output in.
func outputArray(op *ops.Op, geoms []gips.Geometry, p ops.Values, src wrapRequest, dst *gips.Image) (*gips.Image, error) {
	g, err := op.OutputGeometry(geoms, p)
	if err != nil {
		return nil, err
	}
	var out *gips.Image
	if src.Kind == "array" && src.Array != nil {
		// What wrap does for kind "geometry", with the geometry as it is
		// rather than through its wire form and back (strings parsed on
		// every call). FromArrayGeometry validates it.
		var a gips.Array
		if a, err = src.Array.array(); err != nil {
			err = fmt.Errorf("fromArray: %w", err)
		} else if dst != nil {
			if err = gips.FromArrayGeometryInto(dst, a, g); err == nil {
				out = dst
			}
		} else {
			out, err = gips.FromArrayGeometry(a, g)
		}
	} else {
		w := toWire(g)
		src.Kind, src.Geometry = "geometry", &w
		out, err = src.wrap(false)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: output %v: %w", op.Name, g, err)
	}
	return out, nil
}

// arrayReply says what allocResult wrote into the caller's memory: a
// vector of N float64 in the one block allocated, or a histogram's N
// int64 counts and N+1 float64 edges in the two blocks allocated, in that
// order.
type arrayReply struct {
	Kind ops.ResultKind `json:"kind"`
	N    int            `json:"n"`
}

// allocResult writes a vector or a histogram into memory from the
// caller's allocator (numpy), so that a 65536-bin histogram costs a copy,
// not a JSON text of its numbers; a number or a record stays in the reply.
func allocResult(op *ops.Op, res ops.Result, alloc func(int) uint64) (any, error) {
	if res.Release != nil && (res.Kind == ops.ResultVector || res.Kind == ops.ResultHistogram) {
		defer res.Release() // copied: the op's pool may have the values back
	}
	switch res.Kind {
	case ops.ResultVector:
		if err := allocCopy(op, res.Vector, alloc); err != nil {
			return nil, err
		}
		return arrayReply{Kind: res.Kind, N: len(res.Vector)}, nil
	case ops.ResultHistogram:
		h := res.Histogram
		if h == nil || len(h.Edges) != len(h.Counts)+1 {
			return nil, fmt.Errorf("%s: internal error: histogram without counts+1 edges", op.Name)
		}
		if err := allocCopy(op, h.Counts, alloc); err != nil {
			return nil, err
		}
		if err := allocCopy(op, h.Edges, alloc); err != nil {
			return nil, err
		}
		return arrayReply{Kind: res.Kind, N: len(h.Counts)}, nil
	}
	return res, nil
}

// tableHeader is the first block of a table sent in blocks (tagTable):
// the columns' names and units ("" for none), in order.
type tableHeader struct {
	Names []string `json:"names"`
	Units []string `json:"units"`
}

// allocTable writes table t into blocks from the caller's allocator, for
// gips_op_call's callers that take tagged results: its header (JSON),
// then each column's float64 values in a block of its own. Returns the
// number of rows. In the JSON reply, a table of 461 109 rows and seven
// columns (an intensity table of the bench's 4096x4096 components) took
// most of its call to format, parse and convert number by number.
func allocTable(op *ops.Op, t *ops.Table, alloc func(int) uint64) (int, error) {
	if t == nil {
		t = &ops.Table{}
	}
	rows := 0
	if len(t.Columns) > 0 {
		rows = len(t.Columns[0])
	}
	if len(t.Names) != len(t.Columns) || len(t.Units) > len(t.Names) {
		return 0, fmt.Errorf("%s: internal error: a table of %d names, %d units and %d columns", op.Name, len(t.Names), len(t.Units), len(t.Columns))
	}
	for i, c := range t.Columns {
		if len(c) != rows {
			return 0, fmt.Errorf("%s: internal error: table column %q of %d rows, the first of %d", op.Name, t.Names[i], len(c), rows)
		}
	}
	units := make([]string, len(t.Names))
	copy(units, t.Units)
	h, err := json.Marshal(tableHeader{Names: t.Names, Units: units})
	if err != nil {
		return 0, fmt.Errorf("%s: table header: %w", op.Name, err)
	}
	addr := alloc(len(h))
	if addr == 0 {
		return 0, fmt.Errorf("%s: allocating %d bytes for the result failed", op.Name, len(h))
	}
	copy(unsafe.Slice((*byte)(pointer(addr)), len(h)), h)
	for _, c := range t.Columns {
		if err := allocCopy(op, c, alloc); err != nil {
			return 0, err
		}
	}
	return rows, nil
}

// allocCopy copies v into a block from the caller's allocator.
func allocCopy[T int64 | float64](op *ops.Op, v []T, alloc func(int) uint64) error {
	b, err := allocBlock[T](op, len(v), alloc)
	copy(b, v)
	return err
}

// allocBlock is a block of n values from the caller's allocator (at least
// one byte, so that an empty result still has its block).
func allocBlock[T int64 | float64](op *ops.Op, n int, alloc func(int) uint64) ([]T, error) {
	addr := alloc(max(n*8, 1))
	if addr == 0 {
		return nil, fmt.Errorf("%s: allocating %d bytes for the result failed", op.Name, n*8)
	}
	return unsafe.Slice((*T)(pointer(addr)), n), nil
}

// allocOutput has the caller allocate the op's output and wraps it.
func allocOutput(op *ops.Op, geoms []gips.Geometry, p ops.Values, alloc func(int) uint64) (*gips.Image, *outputReply, error) {
	g, err := op.OutputGeometry(geoms, p)
	if err != nil {
		return nil, nil, err
	}
	d, err := describe(g)
	if err != nil {
		return nil, nil, err
	}
	n := g.Pixels() * g.Type.ItemSize()
	addr := alloc(n)
	if addr == 0 {
		return nil, nil, fmt.Errorf("%s: allocating %d bytes for the output %v failed", op.Name, n, g)
	}
	strides := gips.CStrides(d.Shape, g.Type.ItemSize())
	out, err := wireImage{Geometry: d.Geometry, TypeStr: d.TypeStr, Data: addr, Strides: strides}.image()
	if err != nil {
		return nil, nil, fmt.Errorf("%s: output: %w", op.Name, err)
	}
	return out, &outputReply{Returns: ops.ResultImage, Geometry: &d.Geometry, Shape: d.Shape, TypeStr: d.TypeStr}, nil
}

// haloRequest names an op, its parameters and its inputs: geometries, or
// arrays by dtype and shape alone (a chunked array's, whose memory the
// caller need not touch), which are the images fromArray would make of
// them.
type haloRequest struct {
	Op     string         `json:"op"`
	Inputs []haloInput    `json:"inputs"`
	Params map[string]any `json:"params"`
}

type haloInput struct {
	wireGeometry
	Array *struct {
		TypeStr string `json:"typestr"`
		Shape   []int  `json:"shape"`
	} `json:"array,omitempty"`
}

// geometry is the input's geometry; an array's is FromArray's: 2D (Y, X)
// grey, 3D (Z, Y, X) grey, the buffer type of its dtype.
func (in haloInput) geometry() (gips.Geometry, error) {
	a := in.Array
	if a == nil {
		return in.wireGeometry.geometry()
	}
	t, err := gips.DType(a.TypeStr).BufferType()
	if err != nil {
		return gips.Geometry{}, fmt.Errorf("fromArray: shape %v: %w", a.Shape, err)
	}
	var g gips.Geometry
	switch len(a.Shape) {
	case 2:
		g = gips.Geometry2d(t, a.Shape[1], a.Shape[0])
	case 3:
		g = gips.Geometry3d(t, a.Shape[2], a.Shape[1], a.Shape[0])
	default:
		return gips.Geometry{}, fmt.Errorf("fromArray: array of shape %v dtype %s: want 2D (Y, X) or 3D (Z, Y, X): %w", a.Shape, a.TypeStr, gips.ErrShape)
	}
	return g, g.Validate()
}

// handleOpHalo is the border, in pixels along x, y and z, that each output
// pixel of the op needs with these parameters and inputs (ops.Halo): the
// overlap a chunked caller (Dask's map_overlap) gives each chunk.
func handleOpHalo(req []byte) (any, error) {
	var r haloRequest
	if err := decode(req, &r); err != nil {
		return nil, err
	}
	geoms := make([]gips.Geometry, len(r.Inputs))
	for i, w := range r.Inputs {
		var err error
		if geoms[i], err = w.geometry(); err != nil {
			return nil, fmt.Errorf("%s: input %d: %w", r.Op, i, err)
		}
	}
	h, err := ops.Halo(r.Op, geoms, r.Params)
	if err != nil {
		return nil, err
	}
	return h, nil
}
