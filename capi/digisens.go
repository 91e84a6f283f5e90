package main

import (
	"fmt"
	"unsafe"

	"github.com/gipsdev/gips"
)

type digisensRequest struct {
	Image      wireImage  `json:"image"`
	RowAlign   int        `json:"rowAlign"`
	PlaneAlign int        `json:"planeAlign"`
	Block      *wireArray `json:"block,omitempty"` // to_digisens: the caller's buffer, 1D bytes
}

// digisensReply is the layout; Data is set when the image's own memory
// already has it (a view), zero when a copy is needed.
type digisensReply struct {
	RowStride   int    `json:"rowStride"`
	PlaneStride int    `json:"planeStride"`
	NBytes      int    `json:"nbytes"`
	View        bool   `json:"view"`
	Data        uint64 `json:"data,omitempty"`
}

func handleDigisensLayout(req []byte) (any, error) {
	var r digisensRequest
	if err := decode(req, &r); err != nil {
		return nil, err
	}
	g, err := r.Image.Geometry.geometry()
	if err != nil {
		return nil, fmt.Errorf("toDigisens: %w", err)
	}
	rs, ps, err := gips.DigisensStrides(g, r.RowAlign, r.PlaneAlign)
	if err != nil {
		return nil, fmt.Errorf("toDigisens: %w", err)
	}
	return digisensReply{RowStride: rs, PlaneStride: ps, NBytes: ps * g.Planes()}, nil
}

// handleToDigisens gives the image in Digisens layout: the address of its
// own memory when it has that layout already, else a copy into the
// caller's block.
func handleToDigisens(req []byte) (any, error) {
	var r digisensRequest
	if err := decode(req, &r); err != nil {
		return nil, err
	}
	img, err := r.Image.image()
	if err != nil {
		return nil, fmt.Errorf("toDigisens: %w", err)
	}
	buf, err := gips.ToDigisens(img, r.RowAlign, r.PlaneAlign)
	if err != nil {
		return nil, err
	}
	rep := digisensReply{RowStride: buf.RowStride, PlaneStride: buf.PlaneStride, NBytes: len(buf.Data), View: buf.View}
	if buf.View {
		rep.Data = address(unsafe.Pointer(unsafe.SliceData(buf.Data)))
		return rep, nil
	}
	if r.Block == nil {
		return nil, fmt.Errorf("%w: toDigisens needs a block for a copy", errRequest)
	}
	b, err := r.Block.array()
	if err != nil {
		return nil, fmt.Errorf("toDigisens: block: %w", err)
	}
	if b.ReadOnly || len(b.Data) != len(buf.Data) {
		return nil, fmt.Errorf("%w: toDigisens block of %d bytes (read-only %v), want %d", errRequest, len(b.Data), b.ReadOnly, len(buf.Data))
	}
	copy(b.Data, buf.Data)
	return rep, nil
}
