package transform

import (
	"fmt"

	"github.com/gipsdev/gips"
)

// The B-spline coefficients of a zoom of orders 2 to 5 in pieces, for
// package stream's out-of-core zoom. In memory (coefficients), the input
// is converted to a float64 volume padded as scipy pads it, filtered along
// z, then y, then x, and interpolated. ZoomCoefs does the same steps on
// parts of a coefficient volume that the caller keeps where it likes (a
// temporary file): FillPlane plane by plane, FilterZ over a band of rows
// across every plane, FilterXY plane by plane. Every line goes through
// the same filter calls on the same values in the same axis order, so the
// coefficients, and the zoom (ZoomCoefs.SlabInto), are the in-memory ones
// bit for bit.

// ZoomCoefs is the shape of the coefficient volume of a zoom of orders 2
// to 5 of a volume: one (channel, time) volume of Nx*Ny*Nz float64, plane
// after plane, row after row, padded by Pad samples on each side of each
// axis (12 in the nearest and grid-constant modes, 0 in the others).
type ZoomCoefs struct {
	Nx, Ny, Nz int
	Pad        int
	src        gips.Geometry
	c          config
	e          engine
}

// NewZoomCoefs gives the coefficient volume's shape for a zoom of the
// volume geometry src with opts (order 2 to 5).
func NewZoomCoefs(src gips.Geometry, opts ...Option) (*ZoomCoefs, error) {
	c := collect(opts)
	if err := c.check("zoom coefficients"); err != nil {
		return nil, err
	}
	if c.order < 2 {
		return nil, fmt.Errorf("zoom coefficients: order %d: orders 2 to 5 have coefficients: %w", c.order, ErrParam)
	}
	if err := src.Validate(); err != nil {
		return nil, fmt.Errorf("zoom coefficients: %w", err)
	}
	if !src.Volume || !numeric(src.Type) {
		return nil, fmt.Errorf("zoom coefficients: input %v: want a volume of a plain numeric type: %w", src, gips.ErrShape)
	}
	e := newEngine(c.order, c.mode, c.cval)
	p := e.npad
	return &ZoomCoefs{Nx: src.SizeX + 2*p, Ny: src.SizeY + 2*p, Nz: src.SizeZ + 2*p, Pad: p, src: src, c: c, e: e}, nil
}

// PlaneLen is the number of float64 in one coefficient plane.
func (k *ZoomCoefs) PlaneLen() int { return k.Nx * k.Ny }

// FillPlane writes into plane coefficient plane z (0 <= z < Nz) of the
// (c, t) volume of src before any filtering: the input converted to
// float64, padded as the mode pads. It reads input plane z-Pad only (the
// nearest one for a padding plane).
func (k *ZoomCoefs) FillPlane(plane []float64, src *gips.Image, z, c, t int) error {
	g := src.Geometry()
	if !g.SameSizes(k.src) || g.Type != k.src.Type || g.Volume != k.src.Volume {
		return fmt.Errorf("zoom coefficients: input %v: want %v: %w", g, k.src, gips.ErrShape)
	}
	if len(plane) != k.PlaneLen() || z < 0 || z >= k.Nz || c < 0 || c >= g.SizeC || t < 0 || t >= g.SizeT {
		return fmt.Errorf("zoom coefficients: plane of %d samples at z %d, channel %d, time %d: want %d samples, z < %d: %w",
			len(plane), z, c, t, k.PlaneLen(), k.Nz, ErrParam)
	}
	return gips.Dispatch(g.Type, gips.AllKernels(fillPlane[uint8], fillPlane[int8], fillPlane[uint16], fillPlane[int16],
		fillPlane[uint32], fillPlane[int32], fillPlane[float32], fillPlane[float64]), fillArgs{k, plane, src, z, c, t})
}

type fillArgs struct {
	k       *ZoomCoefs
	plane   []float64
	src     *gips.Image
	z, c, t int
}

func fillPlane[S gips.Pixel](a fillArgs) error {
	sp, err := gips.Planes[S](a.src)
	if err != nil {
		return err
	}
	k, g := a.k, a.src.Geometry()
	z := a.z - k.Pad
	in := sp[g.PlaneIndex(min(max(z, 0), g.SizeZ-1), a.c, a.t)]
	for r := range k.Ny {
		y := r - k.Pad
		outside := z < 0 || z >= g.SizeZ || y < 0 || y >= g.SizeY
		coefRow(a.plane[r*k.Nx:(r+1)*k.Nx], in.Row(min(max(y, 0), g.SizeY-1)), k.Pad, &k.e, outside)
	}
	return nil
}

// FilterZ filters along z a band of rows of every plane: band holds Nz
// blocks (planes 0 to Nz-1) of rows*Nx samples (the same rows of each
// plane), in place.
func (k *ZoomCoefs) FilterZ(band []float64, rows int) (err error) {
	if rows < 1 || len(band) != k.Nz*rows*k.Nx {
		return fmt.Errorf("zoom coefficients: band of %d samples for %d rows: want %d: %w", len(band), rows, k.Nz*rows*k.Nx, ErrParam)
	}
	defer catch(&err)
	filterAxis(band, k.Nz, rows*k.Nx, len(band), &k.e)
	return nil
}

// FilterXY filters whole planes (one after the other in planes) along y,
// then x, in place: after FilterZ, the coefficients.
func (k *ZoomCoefs) FilterXY(planes []float64) (err error) {
	n := k.PlaneLen()
	if len(planes) == 0 || len(planes)%n != 0 {
		return fmt.Errorf("zoom coefficients: %d samples: want whole planes of %d: %w", len(planes), n, ErrParam)
	}
	defer catch(&err)
	filterAxis(planes, k.Ny, k.Nx, n, &k.e)
	lineFilter(planes, k.Nx, &k.e)
	return nil
}

// catch turns a panic (a worker's comes back as a *par.Panic) into an
// error: these functions are called outside ops.Call, whose recover would
// do it.
func catch(err *error) {
	if r := recover(); r != nil {
		*err = fmt.Errorf("zoom coefficients: internal error: %v", r)
	}
}
