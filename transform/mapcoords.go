package transform

import (
	"fmt"
	"slices"

	"github.com/gipsdev/gips"
)

// MapCoordinates is scipy.ndimage.map_coordinates: output pixel p reads
// img at the point (x[p], y[p], z[p]) given by coordinate images, x first
// (z only for a volume; scipy's coordinates array is these images stacked
// in numpy order, z first). The coordinate images are grey, of one
// geometry, any numeric type; the output has their sizes and dimensions
// (a 2D grid of points in a volume is an oblique slice) and img's
// channels, time points and type (or WithOutput's). Options as Zoom's.
func MapCoordinates(img *gips.Image, coords []*gips.Image, opts ...Option) (*gips.Image, error) {
	c := collect(opts)
	if err := c.check("mapCoordinates"); err != nil {
		return nil, err
	}
	g := img.Geometry()
	if !numeric(g.Type) {
		return nil, fmt.Errorf("mapCoordinates: input type %v: want a plain numeric type: %w", g.Type, gips.ErrBufferType)
	}
	rank := 2
	if g.Volume {
		rank = 3
	}
	if len(coords) != rank {
		return nil, fmt.Errorf("mapCoordinates: %d coordinate images for a %dD image: want %d (x, y[, z]): %w", len(coords), rank, rank, ErrParam)
	}
	cg := coords[0].Geometry()
	for i, ci := range coords {
		gi := ci.Geometry()
		if gi.SizeC != 1 || gi.SizeT != 1 || gi.SizeX != cg.SizeX || gi.SizeY != cg.SizeY || gi.SizeZ != cg.SizeZ || !numeric(gi.Type) {
			return nil, fmt.Errorf("mapCoordinates: coordinate image %d is %v, image 0 %v: want grey numeric images of one size: %w", i, gi, cg, gips.ErrShape)
		}
	}
	og := MapCoordinatesGeometry(g, cg)
	if c.output != 0 {
		og.Type = c.output
	}
	out, err := gips.CreateImage(og)
	if err != nil {
		return nil, fmt.Errorf("mapCoordinates: %w", err)
	}
	return out, mapInto(out, img, coords, c)
}

// MapCoordinatesGeometry is the geometry of MapCoordinates' output for an
// input of geometry g and coordinate images of geometry cg: cg's sizes and
// dimensions, g's channels, time points and type.
func MapCoordinatesGeometry(g, cg gips.Geometry) gips.Geometry {
	og := g
	og.SizeX, og.SizeY, og.SizeZ, og.Volume = cg.SizeX, cg.SizeY, cg.SizeZ, cg.Volume
	return og
}

// mapInto runs the interpolation into out, whose geometry is
// MapCoordinatesGeometry's (with any numeric type).
func mapInto(out, img *gips.Image, coords []*gips.Image, c config) error {
	if gips.Overlap(out, img) || slices.ContainsFunc(coords, func(ci *gips.Image) bool { return gips.Overlap(out, ci) }) {
		return fmt.Errorf("mapCoordinates: the output shares memory with the image or the coordinates: %w", ErrParam)
	}
	m := &mapping{}
	for a, ci := range coords {
		r, err := newCoordReader(ci)
		if err != nil {
			return fmt.Errorf("mapCoordinates: coordinate image %d: %w", a, err)
		}
		m.coords[a] = r
	}
	return newJob(out, img, c, m).run()
}

// coordReader reads the coordinates of the output points (x0.., y, z) from
// a coordinate image of any numeric type, in place: the images are not
// converted as a whole. read sets dst to them as float64; f32, for a
// float32 image (nil otherwise), is the image's row from x0, which the
// fused path widens itself.
type coordReader = *coordSource

type coordSource struct {
	read func(dst []float64, z, y, x0 int)
	f32  func(z, y, x0 int) []float32
}

func newCoordReader(ci *gips.Image) (coordReader, error) {
	var r coordReader
	err := gips.Dispatch(ci.Type(), gips.AllKernels(coordsOf[uint8](&r), coordsOf[int8](&r), coordsOf[uint16](&r), coordsOf[int16](&r),
		coordsOf[uint32](&r), coordsOf[int32](&r), coordsOf[float32](&r), coordsOf[float64](&r)), ci)
	return r, err
}

func coordsOf[T gips.Pixel](r *coordReader) func(*gips.Image) error {
	return func(ci *gips.Image) error {
		ps, err := gips.Planes[T](ci)
		if err != nil {
			return err
		}
		r1 := &coordSource{read: func(dst []float64, z, y, x0 int) {
			row := ps[min(z, len(ps)-1)].Row(y)[x0:]
			row = row[:len(dst)]
			k := 0
			if f, ok := any(row).([]float32); ok {
				k = widenSIMD(dst, f)
			}
			for ; k < len(row); k++ {
				dst[k] = float64(row[k])
			}
		}}
		if p32, ok := any(ps).([]gips.Plane[float32]); ok {
			r1.f32 = func(z, y, x0 int) []float32 { return p32[min(z, len(p32)-1)].Row(y)[x0:] }
		}
		*r = r1
		return nil
	}
}
