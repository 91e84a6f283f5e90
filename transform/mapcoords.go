package transform

import (
	"fmt"

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
	og := g
	og.SizeX, og.SizeY, og.SizeZ, og.Volume = cg.SizeX, cg.SizeY, cg.SizeZ, cg.Volume
	if c.output != 0 {
		og.Type = c.output
	}
	out, err := gips.CreateImage(og)
	if err != nil {
		return nil, fmt.Errorf("mapCoordinates: %w", err)
	}
	m := &mapping{}
	for a, ci := range coords {
		f, err := gips.ConvertTo(ci, gips.Real64)
		if err != nil {
			return nil, fmt.Errorf("mapCoordinates: coordinate image %d: %w", a, err)
		}
		if m.coords[a], err = gips.Planes[float64](f); err != nil {
			return nil, err
		}
	}
	// Not checkIO: the output is new, and the points may have any
	// dimensions.
	return out, newJob(out, img, c, m).run()
}
