package main

import (
	"fmt"
	"unsafe"

	"github.com/gipsdev/gips"
)

// wireGeometry is a gips.Geometry as JSON: sizes x first, the buffer type
// and colour model by name.
type wireGeometry struct {
	Type     string `json:"type"`
	SizeX    int    `json:"sizeX"`
	SizeY    int    `json:"sizeY"`
	SizeZ    int    `json:"sizeZ"`
	SizeC    int    `json:"sizeC"`
	SizeT    int    `json:"sizeT"`
	Color    string `json:"color"`
	Volume   bool   `json:"volume"`
	Sequence bool   `json:"sequence"`
}

func toWire(g gips.Geometry) wireGeometry {
	return wireGeometry{Type: g.Type.String(), SizeX: g.SizeX, SizeY: g.SizeY, SizeZ: g.SizeZ, SizeC: g.SizeC,
		SizeT: g.SizeT, Color: g.Color.String(), Volume: g.Volume, Sequence: g.Sequence}
}

// geometry converts and validates.
func (w wireGeometry) geometry() (gips.Geometry, error) {
	t, err := gips.ParseBufferType(w.Type)
	if err != nil {
		return gips.Geometry{}, err
	}
	g := gips.Geometry{Type: t, SizeX: w.SizeX, SizeY: w.SizeY, SizeZ: w.SizeZ, SizeC: w.SizeC, SizeT: w.SizeT,
		Volume: w.Volume, Sequence: w.Sequence}
	switch w.Color {
	case "grey", "":
		g.Color = gips.Grey
	case "rgb":
		g.Color = gips.RGB
	case "multichannel":
		g.Color = gips.MultiChannel
	default:
		return gips.Geometry{}, fmt.Errorf("geometry: colour model %q: want grey, rgb or multichannel: %w", w.Color, gips.ErrGeometry)
	}
	if err := g.Validate(); err != nil {
		return gips.Geometry{}, err
	}
	return g, nil
}

// wireArray is numpy's array interface: the address of element (0, ..., 0)
// as an integer, the dtype string, shape and strides in bytes.
type wireArray struct {
	Data     uint64 `json:"data"`
	TypeStr  string `json:"typestr"`
	Shape    []int  `json:"shape"`
	Strides  []int  `json:"strides"`
	ReadOnly bool   `json:"readonly"`
}

// pointer turns an address received from the caller into a pointer. The
// memory is the caller's (numpy's), outside the Go heap; it is used only
// until the call returns.
func pointer(addr uint64) unsafe.Pointer { return *(*unsafe.Pointer)(unsafe.Pointer(&addr)) }

// address is the integer form of p, for the caller.
func address(p unsafe.Pointer) uint64 { return uint64(uintptr(p)) }

// array wraps the caller's memory for the length of the call.
func (w wireArray) array() (gips.Array, error) {
	if len(w.Strides) == 0 && len(w.Shape) > 0 {
		return gips.Array{}, fmt.Errorf("%w: array without strides", errRequest)
	}
	return gips.ArrayAt(pointer(w.Data), gips.DType(w.TypeStr), w.Shape, w.Strides, w.ReadOnly)
}

func arrayToWire(a gips.Array) wireArray {
	return wireArray{Data: address(a.Pointer()), TypeStr: string(a.DType), Shape: a.Shape, Strides: a.Strides, ReadOnly: a.ReadOnly}
}

// wirePlane is one plane's memory: the address of pixel (0, 0) and the row
// stride in bytes.
type wirePlane struct {
	Data   uint64 `json:"data"`
	Stride int    `json:"stride"`
}

// wireImage describes an image the caller holds: its geometry and dtype, and
// either one strided block (Data, Strides in numpy order) or one entry per
// plane (PlaneIndex order) when the planes are not evenly spaced.
type wireImage struct {
	Geometry wireGeometry `json:"geometry"`
	TypeStr  string       `json:"typestr"`
	ReadOnly bool         `json:"readonly"`
	Data     uint64       `json:"data"`
	Strides  []int        `json:"strides,omitempty"`
	Planes   []wirePlane  `json:"planes,omitempty"`
	// Base, when given, is the allocation the strided block lies in (what
	// numpy's base chain leads to), so that the image knows the memory
	// around it: ToDigisens then sees padding after the last plane.
	Base *wireBuffer `json:"base,omitempty"`
	// Calibration, when given, is the image's voxel size for the call.
	Calibration *wireCalibration `json:"calibration,omitempty"`
	// Source, when set, replaces all the rest: an array that gips wraps
	// itself (fromArray's rules, copies for the call where needed).
	Source *wrapRequest `json:"-"`
	// geom, when valid, is Geometry parsed and validated (imageFromC),
	// and shape its numpy shape, in the call's record.
	geom  gips.Geometry
	valid bool
	shape []int
}

// shapeIn is g's numpy shape (Geometry.Shape) appended to buf.
func shapeIn(g gips.Geometry, buf []int) []int {
	if g.Sequence {
		buf = append(buf, g.SizeT)
	}
	if g.Color != gips.Grey {
		buf = append(buf, g.SizeC)
	}
	if g.Volume {
		buf = append(buf, g.SizeZ)
	}
	return append(buf, g.SizeY, g.SizeX)
}

// image wraps the caller's image for the length of the call. The layout
// was made by a plan, so it never needs a copy: Strict turns a layout that
// would into an error instead of silently working on a copy.
func (w wireImage) image() (*gips.Image, error) { return w.imageIn(nil) }

// imageIn is image built in dst, when it is not nil and the image is one
// strided block (see callScratch).
func (w wireImage) imageIn(dst *gips.Image) (*gips.Image, error) {
	img, err := w.uncalibrated(dst)
	if err != nil || w.Calibration == nil {
		return img, err
	}
	c, err := w.Calibration.calibration()
	if err != nil {
		return nil, err
	}
	img.SetCalibration(c)
	return img, nil
}

func (w wireImage) uncalibrated(dst *gips.Image) (*gips.Image, error) {
	if w.Source != nil {
		return w.Source.wrapIn(dst, false)
	}
	g, shape := w.geom, w.shape
	if !w.valid {
		var err error
		if g, err = w.Geometry.geometry(); err != nil {
			return nil, err
		}
	}
	if shape == nil {
		shape = g.Shape()
	}
	if w.Planes == nil {
		a, err := gips.ArrayAt(pointer(w.Data), gips.DType(w.TypeStr), shape, w.Strides, w.ReadOnly)
		if err != nil {
			return nil, err
		}
		if w.Base != nil && w.Base.NBytes > 0 && w.Data >= w.Base.Data {
			b, err := gips.ArrayAt(pointer(w.Base.Data), "|u1", []int{w.Base.NBytes}, []int{1}, w.ReadOnly)
			if err != nil {
				return nil, err
			}
			// FromArrayGeometry checks that every pixel lies in Data.
			a.Data, a.Offset = b.Data, int(w.Data-w.Base.Data)
		}
		if dst == nil {
			return gips.FromArrayGeometry(a, g, gips.Strict)
		}
		// Without the Strict option, whose collection costs an allocation,
		// and the same refusal after the fact (a copy is a bug in the plan).
		if err := gips.FromArrayGeometryInto(dst, a, g); err != nil {
			return nil, err
		}
		if ok, copied := dst.Shared(); !ok {
			return nil, fmt.Errorf("%w: planes %v of %v would be copied", gips.ErrCopyRequired, copied, g)
		}
		return dst, nil
	}
	if len(w.Planes) != g.Planes() {
		return nil, fmt.Errorf("%w: %d plane descriptors for %v", errRequest, len(w.Planes), g)
	}
	isz := g.Type.ItemSize()
	arrays := make([]gips.Array, len(w.Planes))
	for i, p := range w.Planes {
		a, err := gips.ArrayAt(pointer(p.Data), gips.DType(w.TypeStr), []int{g.SizeY, g.SizeX}, []int{p.Stride, isz}, w.ReadOnly)
		if err != nil {
			return nil, fmt.Errorf("plane %d: %w", i, err)
		}
		arrays[i] = a
	}
	return fromPlaneArrays(arrays, g)
}

// fromPlaneArrays builds an image of geometry g from one array per plane,
// in plane order: any colour model, volume or sequence.
func fromPlaneArrays(arrays []gips.Array, g gips.Geometry) (*gips.Image, error) {
	return gips.FromPlanesGeometry(arrays, g, gips.Strict)
}
