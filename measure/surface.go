package measure

import "math"

//go:generate sh -c "/usr/bin/python3 gen_mctable.py > mctable.go && gofmt -w mctable.go"

// The surface area of a 3D label is scikit-image's
// mesh_surface_area(marching_cubes(mask padded by 1, 0.5, spacing)): the
// sum, over every 2x2x2 window of the padded mask, of the area of the
// triangles marching cubes puts in that window. Lewiner's marching cubes
// triangulates each cube from its eight values alone, so the area is a
// table of the 256 configurations (mctable.go, generated from
// scikit-image) scaled by the spacing, summed in the window pass.

// mcAreas is the triangle area of every configuration for pixels of size
// sp (x, y, z).
func mcAreas(sp [3]float64) *[256]float64 {
	var out [256]float64
	for c, tris := range mcTriangles {
		var a float64
		for _, t := range tris {
			var p [3][3]float64
			for i, v := range t {
				for k := range 3 {
					p[i][k] = float64(v[k]) / 2 * sp[k]
				}
			}
			n := crossf(subf(p[1], p[0]), subf(p[2], p[0]))
			a += math.Sqrt(dotf(n, n)) / 2
		}
		out[c] = a
	}
	return &out
}
