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
	ins := make([]*gips.Image, len(r.Inputs))
	for i, w := range r.Inputs {
		if ins[i], err = w.image(); err != nil {
			return nil, fmt.Errorf("%s: input %d: %w", op.Name, i, err)
		}
	}
	var out *gips.Image
	if r.Output != nil {
		if out, err = r.Output.image(); err != nil {
			return nil, fmt.Errorf("%s: output: %w", op.Name, err)
		}
	} else if op.Output != nil {
		return nil, fmt.Errorf("%w: %s returns an image: allocate the output (gips_op_output) and pass it", errRequest, op.Name)
	}
	res, err := ops.Call(r.Op, ins, out, r.Params)
	if err != nil {
		return nil, err
	}
	if res.Kind == ops.ResultImage {
		return map[string]any{"kind": res.Kind}, nil // the caller holds the output
	}
	return res, nil
}

// handleOpHalo is the border, in pixels along x, y and z, that each output
// pixel of the op needs with these parameters (ops.Halo): the overlap a
// chunked caller (Dask's map_overlap) gives each chunk.
func handleOpHalo(req []byte) (any, error) {
	var r outputRequest
	if err := decode(req, &r); err != nil {
		return nil, err
	}
	h, err := ops.Halo(r.Op, r.Params)
	if err != nil {
		return nil, err
	}
	return h, nil
}
