package morpho

import "github.com/gipsdev/gips/internal/nbhd"

// graph is a volume's pixels with directed edges p -> p + o for each
// offset o, as the flood fills (fillHoles, reconstruct, regional extrema)
// walk them; an edge that leaves the volume does not exist.
type graph struct {
	d    nbhd.Dims
	offs [][3]int
	lin  []int // linear offset of each o
	r    [3]int
}

func newGraph(d nbhd.Dims, offs [][3]int) graph {
	g := graph{d: d, offs: offs}
	for _, o := range offs {
		g.lin = append(g.lin, o[0]+d.NX*(o[1]+d.NY*o[2]))
		for a := range 3 {
			g.r[a] = max(g.r[a], abs(o[a]))
		}
	}
	return g
}

// coords is the (x, y, z) of pixel p.
func (g graph) coords(p int) (x, y, z int) {
	return p % g.d.NX, (p / g.d.NX) % g.d.NY, p / (g.d.NX * g.d.NY)
}

// interior reports whether every edge of pixel (x, y, z) stays inside.
func (g graph) interior(x, y, z int) bool {
	return x >= g.r[0] && x < g.d.NX-g.r[0] && y >= g.r[1] && y < g.d.NY-g.r[1] && z >= g.r[2] && z < g.d.NZ-g.r[2]
}

// next calls fn with the pixel at the end of each edge from p, scale
// times the offset (-1: the edges that arrive at p).
func (g graph) next(p, scale int, fn func(q int)) {
	x, y, z := g.coords(p)
	if g.interior(x, y, z) {
		for _, l := range g.lin {
			fn(p + scale*l)
		}
		return
	}
	for k, o := range g.offs {
		qx, qy, qz := x+scale*o[0], y+scale*o[1], z+scale*o[2]
		if qx >= 0 && qx < g.d.NX && qy >= 0 && qy < g.d.NY && qz >= 0 && qz < g.d.NZ {
			fn(p + scale*g.lin[k])
		}
	}
}

// leaves reports whether an edge of p, scaled, leaves the volume.
func (g graph) leaves(p, scale int) bool {
	x, y, z := g.coords(p)
	if g.interior(x, y, z) {
		return false
	}
	for _, o := range g.offs {
		qx, qy, qz := x+scale*o[0], y+scale*o[1], z+scale*o[2]
		if qx < 0 || qx >= g.d.NX || qy < 0 || qy >= g.d.NY || qz < 0 || qz >= g.d.NZ {
			return true
		}
	}
	return false
}
