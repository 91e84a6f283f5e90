package transform

import (
	"fmt"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/ops"
)

// The registry form of MapCoordinates takes the coordinates as one image
// with a channel per axis of the input (x first, as every gips surface),
// so that a single array input carries scipy's coordinates array: Python
// passes scipy's (ndim, ...) array reversed along its first axis, a view.

func init() {
	ops.Register(&ops.Op{
		Name: "transform.mapCoordinates",
		Doc: "Reads the image at given points, scipy.ndimage.map_coordinates: output pixel p is the input interpolated at the point whose " +
			"coordinates are the channels of coordinates at p (channel 0 x, 1 y, 2 z for a volume: one channel per axis of the image). " +
			"The output has the coordinates' sizes and dimensions (a 2D grid of points in a volume is an oblique slice) and the image's channels." + interpDoc,
		Inputs: []ops.Input{
			{Name: "image", Types: ops.Numeric},
			{Name: "coordinates", Doc: "one channel per image axis, x first; any numeric type", Types: ops.Numeric},
		},
		Params: interpParams(),
		Output: func(in []gips.Geometry, p ops.Values) (gips.Geometry, error) {
			if err := checkCoordinates(in[0], in[1]); err != nil {
				return in[0], err
			}
			_, t, err := interpOptions(p, in[0].Type)
			return MapCoordinatesGeometry(in[0], in[1]).WithType(t), err
		},
		Run: func(in []*gips.Image, out *gips.Image, p ops.Values) (ops.Result, error) {
			g, cg := in[0].Geometry(), in[1].Geometry()
			if err := checkCoordinates(g, cg); err != nil {
				return ops.Result{}, err
			}
			opts, _, err := interpOptions(p, g.Type)
			if err != nil {
				return ops.Result{}, err
			}
			c := collect(opts)
			if err := c.check("mapCoordinates"); err != nil {
				return ops.Result{}, err
			}
			coords := make([]*gips.Image, cg.SizeC)
			for a := range coords {
				if coords[a], err = in[1].ChannelView(a); err != nil {
					return ops.Result{}, err
				}
			}
			return ops.ImageResult(out), mapInto(out, in[0], coords, c)
		},
	})
}

// checkCoordinates says whether cg can hold the coordinates of points in
// an image of geometry g.
func checkCoordinates(g, cg gips.Geometry) error {
	rank := 2
	if g.Volume {
		rank = 3
	}
	if cg.SizeC != rank || cg.SizeT != 1 {
		return fmt.Errorf("input coordinates: %d channels and %d time points for a %dD image: want %d channels (x, y[, z]) and 1 time point: %w",
			cg.SizeC, cg.SizeT, rank, rank, gips.ErrShape)
	}
	return nil
}
