package main

import (
	"errors"
	"fmt"
	"slices"

	"github.com/gipsdev/gips"
)

// wrapRequest names a source and the gips function that wraps it.
type wrapRequest struct {
	// Kind is the function: "array" (FromArray), "geometry"
	// (FromArrayGeometry), "rgb", "binary", "label", "digisens".
	Kind     string        `json:"kind"`
	Array    *wireArray    `json:"array,omitempty"`
	Geometry *wireGeometry `json:"geometry,omitempty"`
	// Buffer, RowAlign and PlaneAlign describe a Digisens buffer: its
	// address and length in bytes.
	Buffer     *wireBuffer `json:"buffer,omitempty"`
	RowAlign   int         `json:"rowAlign,omitempty"`
	PlaneAlign int         `json:"planeAlign,omitempty"`
	// Strict refuses copies (copy=False).
	Strict bool `json:"strict,omitempty"`
}

type wireBuffer struct {
	Data     uint64 `json:"data"`
	NBytes   int    `json:"nbytes"`
	ReadOnly bool   `json:"readonly"`
}

// wrap runs the gips function the request names on the caller's memory.
// With copies allowed, the planes that need one are copied into Go memory
// that is dropped when the call returns: callers use the result to learn
// the geometry and which planes were copied, or as the source of a copy.
func (r wrapRequest) wrap(strict bool) (*gips.Image, error) {
	var opts []gips.Option
	if strict {
		opts = append(opts, gips.Strict)
	}
	if r.Kind == "digisens" {
		if r.Buffer == nil || r.Geometry == nil {
			return nil, fmt.Errorf("%w: digisens without buffer or geometry", errRequest)
		}
		g, err := r.Geometry.geometry()
		if err != nil {
			return nil, fmt.Errorf("fromDigisens: %w", err)
		}
		b, err := gips.ArrayAt(pointer(r.Buffer.Data), "|u1", []int{r.Buffer.NBytes}, []int{1}, r.Buffer.ReadOnly)
		if err != nil {
			return nil, fmt.Errorf("fromDigisens: %w", err)
		}
		return gips.FromDigisens(b.Data, g, r.RowAlign, r.PlaneAlign, opts...)
	}
	if r.Array == nil {
		return nil, fmt.Errorf("%w: %s without array", errRequest, r.Kind)
	}
	a, err := r.Array.array()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", r.fn(), err)
	}
	switch r.Kind {
	case "array":
		return gips.FromArray(a, opts...)
	case "geometry":
		if r.Geometry == nil {
			return nil, fmt.Errorf("%w: geometry kind without geometry", errRequest)
		}
		g, err := r.Geometry.geometry()
		if err != nil {
			return nil, fmt.Errorf("fromArray: %w", err)
		}
		return gips.FromArrayGeometry(a, g, opts...)
	case "rgb":
		return gips.FromRgbArray(a, opts...)
	case "binary":
		return gips.FromBinaryArray(a, opts...)
	case "label":
		return gips.FromLabelArray(a, opts...)
	}
	return nil, fmt.Errorf("%w: unknown kind %q", errRequest, r.Kind)
}

// wrapIn is wrap(strict) building an "array" kind's image in dst (the
// call's scratch, see callScratch) instead of a new Image; other kinds, or
// a nil dst, are wrapped as wrap does.
func (r wrapRequest) wrapIn(dst *gips.Image, strict bool) (*gips.Image, error) {
	if dst == nil || r.Kind != "array" || r.Array == nil {
		return r.wrap(strict)
	}
	a, err := r.Array.array()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", r.fn(), err)
	}
	if strict {
		err = gips.FromArrayInto(dst, a, gips.Strict)
	} else {
		err = gips.FromArrayInto(dst, a)
	}
	if err != nil {
		return nil, err
	}
	return dst, nil
}

func (r wrapRequest) fn() string {
	return map[string]string{"array": "fromArray", "geometry": "fromArray", "rgb": "fromRgbArray",
		"binary": "fromBinaryArray", "label": "fromLabelArray", "digisens": "fromDigisens"}[r.Kind]
}

func (r wrapRequest) readOnly() bool {
	return r.Array != nil && r.Array.ReadOnly || r.Buffer != nil && r.Buffer.ReadOnly
}

// planReply tells the caller how to hold the image.
type planReply struct {
	// BlockBytes is set, alone, when some planes need a copy and the
	// request gave no block: the caller allocates that many bytes (aligned
	// to the item size; numpy's allocations are) and asks again with it.
	BlockBytes int    `json:"blockBytes,omitempty"`
	Reason     string `json:"reason,omitempty"` // why planes are copied, in the gips package's words

	Geometry *wireGeometry `json:"geometry,omitempty"`
	Shape    []int         `json:"shape,omitempty"`
	TypeStr  string        `json:"typestr,omitempty"` // the image's dtype (native order)
	ReadOnly bool          `json:"readonly"`
	// Copied lists the planes (PlaneIndex order) copied into the block,
	// which then holds the image C-contiguous in shape Shape and dtype
	// TypeStr (planes not copied are left as they were).
	Copied []int `json:"copied,omitempty"`
	// Array is the image's memory when every plane is shared and evenly
	// spaced: a view of the source.
	Array *wireArray `json:"array,omitempty"`
	// PlaneArrays is each plane's memory when some planes are shared and
	// others copied: the shared planes' addresses, nil for copied ones.
	PlaneArrays []*wirePlane `json:"planeArrays,omitempty"`
}

// planRequest is a wrap request with, on the second call, the caller's
// block for the copies.
type planRequest struct {
	wrapRequest
	Block *wireBuffer `json:"block,omitempty"`
}

// handleWrapPlan wraps the source without copying when every plane can be
// shared (one call). Otherwise it says how many bytes the copies need; the
// caller allocates them and calls again, and the planes are copied into
// that block: the caller (numpy) owns every copied byte.
func handleWrapPlan(req []byte) (any, error) {
	var r planRequest
	if err := decode(req, &r); err != nil {
		return nil, err
	}
	img, err := r.wrap(true)
	if err == nil {
		return sharedPlan(img, r.readOnly())
	}
	if !errors.Is(err, gips.ErrCopyRequired) || r.Strict {
		return nil, err
	}
	reason := err.Error()
	if r.Block == nil {
		n, err := r.bytes()
		if err != nil {
			return nil, err
		}
		return planReply{BlockBytes: n, Reason: reason}, nil
	}
	if img, err = r.wrap(false); err != nil {
		return nil, err
	}
	g := img.Geometry()
	pa := img.PlaneArrays()
	rep := planReply{Reason: reason, Shape: g.Shape(), TypeStr: string(pa[0].DType), ReadOnly: img.ReadOnly() || r.readOnly()}
	w := toWire(g)
	rep.Geometry = &w
	_, copied := img.Shared()
	blk, err := blockImage(*r.Block, g, gips.DType(rep.TypeStr))
	if err != nil {
		return nil, err
	}
	copyRows(blk, img, copied)
	rep.Copied = copied
	if len(copied) < img.NumPlanes() {
		rep.PlaneArrays = make([]*wirePlane, img.NumPlanes())
		for i, p := range pa {
			if !slices.Contains(copied, i) {
				rep.PlaneArrays[i] = &wirePlane{Data: address(p.Pointer()), Stride: p.Strides[0]}
			}
		}
	}
	return rep, nil
}

// sharedPlan describes an image whose planes are all the source's memory.
func sharedPlan(img *gips.Image, readOnly bool) (any, error) {
	g := img.Geometry()
	w := toWire(g)
	ro := img.ReadOnly() || readOnly
	rep := planReply{Geometry: &w, Shape: g.Shape(), ReadOnly: ro}
	a, err := img.Array()
	if err != nil {
		// One strided source always gives evenly spaced planes.
		return nil, fmt.Errorf("%w: shared planes without an array: %v", errRequest, err)
	}
	wa := arrayToWire(a)
	wa.ReadOnly = ro
	rep.Array, rep.TypeStr = &wa, string(a.DType)
	return rep, nil
}

// bytes is the size of the image the source makes: its pixel count (the
// array's element count, or the geometry's) times the item size.
func (r wrapRequest) bytes() (int, error) {
	if r.Kind == "digisens" {
		g, err := r.Geometry.geometry()
		if err != nil {
			return 0, err
		}
		return g.Pixels() * g.Type.ItemSize(), nil
	}
	a, err := r.Array.array()
	if err != nil {
		return 0, err
	}
	return a.Size() * a.DType.ItemSize(), nil
}

// blockImage wraps the caller's block as a C-contiguous image of g.
func blockImage(b wireBuffer, g gips.Geometry, dt gips.DType) (*gips.Image, error) {
	shape := g.Shape()
	strides := gips.CStrides(shape, g.Type.ItemSize())
	st := g.Pixels() * g.Type.ItemSize()
	if b.NBytes != st || b.ReadOnly {
		return nil, fmt.Errorf("%w: block of %d bytes (read-only %v) for %v, want %d writable", errRequest, b.NBytes, b.ReadOnly, g, st)
	}
	a, err := gips.ArrayAt(pointer(b.Data), dt, shape, strides, false)
	if err != nil {
		return nil, fmt.Errorf("block: %w", err)
	}
	blk, err := gips.FromArrayGeometry(a, g, gips.Strict)
	if err != nil {
		return nil, fmt.Errorf("block: %w", err)
	}
	return blk, nil
}

// syncRequest names a source (as for a plan), the caller's block holding
// the image C-contiguous, and the planes to write back.
type syncRequest struct {
	Source wrapRequest `json:"source"`
	Block  wireBuffer  `json:"block"`
	Planes []int       `json:"planes"`
}

func copyRows(dst, src *gips.Image, planes []int) {
	for _, i := range planes {
		for y := 0; y < src.SizeY(); y++ {
			copy(dst.Row(i, y), src.Row(i, y))
		}
	}
}

// handleSync writes the block's planes back into the source: into the
// source's memory directly for planes that the gips package shares, and
// through Image.Sync (layout, byte order) for those it copies.
func handleSync(req []byte) (any, error) {
	var r syncRequest
	if err := decode(req, &r); err != nil {
		return nil, err
	}
	src, err := r.Source.wrap(false)
	if err != nil {
		return nil, err
	}
	if r.Source.readOnly() || src.ReadOnly() {
		return nil, fmt.Errorf("sync: %v: %w", src.Geometry(), gips.ErrReadOnly)
	}
	for _, i := range r.Planes {
		if i < 0 || i >= src.NumPlanes() {
			return nil, fmt.Errorf("%w: plane %d of %d", errRequest, i, src.NumPlanes())
		}
	}
	dt := src.PlaneArrays()[0].DType
	blk, err := blockImage(r.Block, src.Geometry(), dt)
	if err != nil {
		return nil, err
	}
	copyRows(src, blk, r.Planes)
	if err := src.Sync(); err != nil {
		return nil, err
	}
	return struct{}{}, nil
}
