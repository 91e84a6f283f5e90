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

func (r wrapRequest) fn() string {
	return map[string]string{"array": "fromArray", "geometry": "fromArray", "rgb": "fromRgbArray",
		"binary": "fromBinaryArray", "label": "fromLabelArray", "digisens": "fromDigisens"}[r.Kind]
}

func (r wrapRequest) readOnly() bool {
	return r.Array != nil && r.Array.ReadOnly || r.Buffer != nil && r.Buffer.ReadOnly
}

// planReply tells the caller how to hold the image.
type planReply struct {
	Geometry wireGeometry `json:"geometry"`
	Shape    []int        `json:"shape"`
	TypeStr  string       `json:"typestr"` // the image's dtype (native order)
	ReadOnly bool         `json:"readonly"`
	Planes   int          `json:"planes"`
	// Copied lists the planes (PlaneIndex order) that need a copy; Reason
	// says why, in the gips package's words.
	Copied []int  `json:"copied"`
	Reason string `json:"reason,omitempty"`
	// Array is the image's memory when every plane is shared and evenly
	// spaced: a view of the source.
	Array *wireArray `json:"array,omitempty"`
	// PlaneArrays is each plane's memory when some planes are shared and
	// others copied: the shared planes' addresses, nil for copied ones.
	PlaneArrays []*wirePlane `json:"planeArrays,omitempty"`
}

func handleWrapPlan(req []byte) (any, error) {
	var r wrapRequest
	if err := decode(req, &r); err != nil {
		return nil, err
	}
	img, err := r.wrap(true)
	reason := ""
	if errors.Is(err, gips.ErrCopyRequired) {
		if r.Strict {
			return nil, err
		}
		reason = err.Error()
		img, err = r.wrap(false)
	}
	if err != nil {
		return nil, err
	}
	g := img.Geometry()
	ro := img.ReadOnly() || r.readOnly()
	pa := img.PlaneArrays()
	rep := planReply{Geometry: toWire(g), Shape: g.Shape(), TypeStr: string(pa[0].DType), ReadOnly: ro,
		Planes: img.NumPlanes(), Copied: []int{}, Reason: reason}
	all, copied := img.Shared()
	if all {
		a, err := img.Array()
		if err == nil {
			w := arrayToWire(a)
			w.ReadOnly = ro
			rep.Array = &w
			return rep, nil
		}
		if !errors.Is(err, gips.ErrNotStrided) {
			return nil, err
		}
		copied = nil // shared planes that are not evenly spaced: described per plane
	}
	if len(copied) < img.NumPlanes() && !planeable(g) {
		// Only some planes need a copy, but this binding cannot yet hold a
		// non-grey image as separate planes: copy them all.
		rep.Reason += fmt.Sprintf("; the other planes of this %v image are copied too (separate planes are held for grey volumes only)", g)
		copied = make([]int, img.NumPlanes())
		for i := range copied {
			copied[i] = i
		}
	}
	rep.Copied = append(rep.Copied, copied...)
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

// copyRequest names a source (as for a plan), the caller's block of the
// image's geometry (C-contiguous, native order) and the planes to move.
type copyRequest struct {
	Source wrapRequest `json:"source"`
	Block  wireArray   `json:"block"`
	Planes []int       `json:"planes"`
}

// endpoints wraps the source (copying what must be) and the block.
func (r copyRequest) endpoints() (src, blk *gips.Image, err error) {
	src, err = r.Source.wrap(false)
	if err != nil {
		return nil, nil, err
	}
	b, err := r.Block.array()
	if err != nil {
		return nil, nil, fmt.Errorf("block: %w", err)
	}
	blk, err = gips.FromArrayGeometry(b, src.Geometry(), gips.Strict)
	if err != nil {
		return nil, nil, fmt.Errorf("block: %w", err)
	}
	for _, i := range r.Planes {
		if i < 0 || i >= src.NumPlanes() {
			return nil, nil, fmt.Errorf("%w: plane %d of %d", errRequest, i, src.NumPlanes())
		}
	}
	return src, blk, nil
}

func copyRows(dst, src *gips.Image, planes []int) {
	for _, i := range planes {
		for y := 0; y < src.SizeY(); y++ {
			copy(dst.Row(i, y), src.Row(i, y))
		}
	}
}

func handleCopyPlanes(req []byte) (any, error) {
	var r copyRequest
	if err := decode(req, &r); err != nil {
		return nil, err
	}
	src, blk, err := r.endpoints()
	if err != nil {
		return nil, err
	}
	if err := blk.CheckWritable(); err != nil {
		return nil, err
	}
	copyRows(blk, src, r.Planes)
	return struct{}{}, nil
}

// handleSync writes the block's planes back into the source: into the
// source's memory directly for planes that the gips package shares, and
// through Image.Sync (layout, byte order) for those it copies.
func handleSync(req []byte) (any, error) {
	var r copyRequest
	if err := decode(req, &r); err != nil {
		return nil, err
	}
	src, blk, err := r.endpoints()
	if err != nil {
		return nil, err
	}
	if r.Source.readOnly() || src.ReadOnly() {
		return nil, fmt.Errorf("sync: %v: %w", src.Geometry(), gips.ErrReadOnly)
	}
	copyRows(src, blk, r.Planes)
	if err := src.Sync(); err != nil {
		return nil, err
	}
	return struct{}{}, nil
}
