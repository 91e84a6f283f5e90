package gips

import "fmt"

// Connectivity says which pixels are neighbours, as scikit-image counts it:
// 1 joins pixels that share a face (4 in 2D, 6 in 3D), 2 adds those that
// share an edge (8 in 2D, 18 in 3D), 3 adds corners (26 in 3D). Full (0)
// means the image's highest: 2 in 2D, 3 in 3D, skimage.measure.label's
// default. Labelling, reconstruction, regional extrema and watershed all
// take it under the parameter name connectivity.
type Connectivity int

const (
	Full   Connectivity = 0
	Conn4  Connectivity = 1 // 2D faces
	Conn8  Connectivity = 2 // 2D faces and corners
	Conn6  Connectivity = 1 // 3D faces
	Conn18 Connectivity = 2 // 3D faces and edges
	Conn26 Connectivity = 3 // 3D faces, edges and corners
)

// Resolve is the connectivity for an image of ndim axes (2 or 3): Full
// becomes ndim; a value above ndim (3 on a 2D image) is an error naming
// the parameter.
func (c Connectivity) Resolve(ndim int) (Connectivity, error) {
	if c == Full {
		return Connectivity(ndim), nil
	}
	if c < 1 || int(c) > ndim {
		return 0, fmt.Errorf("connectivity %d on a %dD image: want 1 to %d (0 for full): %w", int(c), ndim, ndim, ErrParam)
	}
	return c, nil
}

// Offsets lists the neighbours of a pixel at connectivity c in an image of
// ndim axes, as (dx, dy, dz) steps in raster order (z, then y, then x
// slowest to fastest), the centre excluded: a neighbour is within 1 along
// every axis and differs along at most c axes.
func (c Connectivity) Offsets(ndim int) ([][3]int, error) {
	c, err := c.Resolve(ndim)
	if err != nil {
		return nil, err
	}
	var out [][3]int
	zr := 0
	if ndim == 3 {
		zr = 1
	}
	for dz := -zr; dz <= zr; dz++ {
		for dy := -1; dy <= 1; dy++ {
			for dx := -1; dx <= 1; dx++ {
				n := abs(dx) + abs(dy) + abs(dz)
				if n > 0 && n <= int(c) {
					out = append(out, [3]int{dx, dy, dz})
				}
			}
		}
	}
	return out, nil
}

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}
