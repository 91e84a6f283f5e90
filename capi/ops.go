package main

import (
	"encoding/json"
	"fmt"

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
}

// runOp runs an op on the caller's images (gips_op_run reads them from
// gips_image structs). An image op writes into the caller's output
// (allocated by the caller from gips_op_output): Go never allocates an image
// that outlives the call.
func runOp(r runRequest) (any, error) {
	op, err := ops.Lookup(r.Op)
	if err != nil {
		return nil, err
	}
	p, err := op.Parse(r.Params)
	if err != nil {
		return nil, err
	}
	ins := make([]*gips.Image, len(r.Inputs))
	geoms := make([]gips.Geometry, len(r.Inputs))
	for i, w := range r.Inputs {
		if ins[i], err = w.image(); err != nil {
			return nil, fmt.Errorf("%s: input %d: %w", op.Name, i, err)
		}
		geoms[i] = ins[i].Geometry()
	}
	var out *gips.Image
	var made *outputReply
	switch {
	case r.Output != nil:
		if out, err = r.Output.image(); err != nil {
			return nil, fmt.Errorf("%s: output: %w", op.Name, err)
		}
	case op.Output != nil && r.Alloc != nil:
		if out, made, err = allocOutput(op, geoms, p, r.Alloc); err != nil {
			return nil, err
		}
	case op.Output != nil:
		return nil, fmt.Errorf("%w: %s returns an image: pass an output or an allocator", errRequest, op.Name)
	}
	res, err := op.Call(ins, out, p)
	if err != nil {
		return nil, err
	}
	if res.Kind == ops.ResultImage {
		if made != nil {
			return made, nil // the caller holds the memory: here is what it is
		}
		return map[string]any{"kind": res.Kind}, nil
	}
	return res, nil
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
	strides := make([]int, len(d.Shape))
	st := g.Type.ItemSize()
	for i := len(strides) - 1; i >= 0; i-- {
		strides[i] = st
		st *= d.Shape[i]
	}
	out, err := wireImage{Geometry: d.Geometry, TypeStr: d.TypeStr, Data: addr, Strides: strides}.image()
	if err != nil {
		return nil, nil, fmt.Errorf("%s: output: %w", op.Name, err)
	}
	return out, &outputReply{Returns: ops.ResultImage, Geometry: &d.Geometry, Shape: d.Shape, TypeStr: d.TypeStr}, nil
}

// handleOpHalo is the border, in pixels along x, y and z, that each output
// pixel of the op needs with these parameters (ops.Halo): the overlap a
// chunked caller (Dask's map_overlap) gives each chunk.
func handleOpHalo(req []byte) (any, error) {
	var r outputRequest
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
