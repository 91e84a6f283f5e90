package measure

import (
	"cmp"
	"math"
	"slices"
)

// hullMeasures are the convex-hull measures of one label.
type hullMeasures struct {
	convexArea                                       int64 // pixels of scikit-image's convex_hull_image
	feretMax, feretMaxAngle, feretMin, feretMinAngle float64
}

// rowExt is the first and last pixel of a label in one row: only those can
// be on a convex hull.
type rowExt struct{ y, z, x0, x1 int32 }

// extremes lists, per label, its (first, last) pixel in every row it
// occupies, in one sequential pass.
func extremes(li *labelImage, ix *index) ([][]rowExt, error) {
	nl := len(ix.labels)
	out := make([][]rowExt, nl)
	buf := make([]uint32, li.w)
	for z := range li.d {
		for y := range li.h {
			row, err := li.row(z, y, buf)
			if err != nil {
				return nil, err
			}
			for x0 := 0; x0 < len(row); {
				v := row[x0]
				x1 := x0 + 1
				for x1 < len(row) && row[x1] == v {
					x1++
				}
				if v != 0 {
					l := ix.of(v)
					e := out[l]
					if k := len(e) - 1; k >= 0 && e[k].y == int32(y) && e[k].z == int32(z) {
						e[k].x1 = int32(x1 - 1)
					} else {
						out[l] = append(e, rowExt{int32(y), int32(z), int32(x0), int32(x1 - 1)})
					}
				}
				x0 = x1
			}
		}
	}
	return out, nil
}

func hulls(li *labelImage, ix *index, _ *partial, sp [3]float64, ndim int) ([]hullMeasures, error) {
	ext, err := extremes(li, ix)
	if err != nil {
		return nil, err
	}
	out := make([]hullMeasures, len(ext))
	err = forEach(len(ext), 64, func(lo, hi int) {
		for l := lo; l < hi; l++ {
			if ndim == 2 {
				out[l] = hullMeasures2(ext[l], sp)
			} else {
				out[l] = hullMeasures3(ext[l], sp)
			}
			ext[l] = nil
		}
	})
	return out, err
}

// hullMeasures2: the solidity hull is scikit-image's, the hull of the
// pixels' edge midpoints (x±½, y), (x, y±½) (doubled to integers); the
// Feret diameters are those of the object drawn as pixel squares, the hull
// of the pixel corners, in calibrated units.
func hullMeasures2(e []rowExt, sp [3]float64) hullMeasures {
	var m hullMeasures
	d := make([]pt2, 0, 8*len(e))
	c := make([]pt2, 0, 8*len(e))
	for _, r := range e {
		y := int64(r.y)
		for _, x := range [2]int64{int64(r.x0), int64(r.x1)} {
			d = append(d, pt2{2*x - 1, 2 * y}, pt2{2*x + 1, 2 * y}, pt2{2 * x, 2*y - 1}, pt2{2 * x, 2*y + 1})
		}
		x0, x1 := int64(r.x0), int64(r.x1)+1
		c = append(c, pt2{x0, y}, pt2{x0, y + 1}, pt2{x1, y}, pt2{x1, y + 1})
	}
	m.convexArea = latticeIn2(hull2(d))
	h := hull2(c)
	v := make([][2]float64, len(h))
	for i, q := range h {
		v[i] = [2]float64{float64(q.x) * sp[0], float64(q.y) * sp[1]}
	}
	m.feretMax, m.feretMaxAngle, m.feretMin, m.feretMinAngle = feret2(v)
	return m
}

// feret2 gives the largest and smallest caliper widths of a convex polygon
// (counter-clockwise vertices) and their directions: the diameter is the
// largest vertex distance; the smallest width is attained with one caliper
// on an edge (so only edge normals are tried). Angles are from the x axis
// towards y, in (-π/2, π/2].
func feret2(v [][2]float64) (maxD, maxA, minD, minA float64) {
	for i := range v {
		for j := i + 1; j < len(v); j++ {
			dx, dy := v[j][0]-v[i][0], v[j][1]-v[i][1]
			if d := math.Hypot(dx, dy); d > maxD {
				maxD, maxA = d, fold(math.Atan2(dy, dx))
			}
		}
	}
	minD = math.Inf(1)
	for i := range v {
		a, b := v[i], v[(i+1)%len(v)]
		ex, ey := b[0]-a[0], b[1]-a[1]
		l := math.Hypot(ex, ey)
		if l == 0 {
			continue
		}
		var w float64
		for _, q := range v {
			w = max(w, math.Abs(ex*(q[1]-a[1])-ey*(q[0]-a[0]))/l)
		}
		if w < minD {
			minD, minA = w, fold(math.Atan2(ex, -ey)) // the normal of the edge
		}
	}
	return maxD, maxA, minD, minA
}

// fold maps an angle to (-π/2, π/2]: a direction, not an orientation.
func fold(a float64) float64 {
	for a > math.Pi/2 {
		a -= math.Pi
	}
	for a <= -math.Pi/2 {
		a += math.Pi
	}
	return a
}

// hullMeasures3 is hullMeasures2 for a volume: scikit-image's hull of the
// voxels' face centres for solidity, the hull of the voxel corners for the
// Feret diameters (no angles in 3D).
func hullMeasures3(e []rowExt, sp [3]float64) hullMeasures {
	var m hullMeasures
	d := make([]pt3, 0, 12*len(e))
	c := make([]pt3, 0, 8*len(e))
	for _, r := range e {
		y, z := int64(r.y), int64(r.z)
		for _, x := range [2]int64{int64(r.x0), int64(r.x1)} {
			X, Y, Z := 2*x, 2*y, 2*z
			d = append(d, pt3{X - 1, Y, Z}, pt3{X + 1, Y, Z}, pt3{X, Y - 1, Z}, pt3{X, Y + 1, Z}, pt3{X, Y, Z - 1}, pt3{X, Y, Z + 1})
		}
		x0, x1 := int64(r.x0), int64(r.x1)+1
		for _, x := range [2]int64{x0, x1} {
			c = append(c, pt3{x, y, z}, pt3{x, y + 1, z}, pt3{x, y, z + 1}, pt3{x, y + 1, z + 1})
		}
	}
	m.convexArea = latticeIn3(convexHull3(slicesHull(d)))
	m.feretMax, m.feretMin = feret3(convexHull3(slicesHull(c)), sp)
	m.feretMaxAngle, m.feretMinAngle = math.NaN(), math.NaN()
	return m
}

// slicesHull keeps the points that are vertices of the 2D hull of their
// plane z = const, then of those their plane y = const, then x = const: a
// vertex of the 3D hull is a vertex of the hull of every plane through it,
// and far fewer points make the 3D hull fast.
func slicesHull(p []pt3) []pt3 {
	for _, ax := range [3][3]int{{0, 1, 2}, {0, 2, 1}, {1, 2, 0}} { // (u, v, plane axis)
		u, v, w := ax[0], ax[1], ax[2]
		slices.SortFunc(p, func(a, b pt3) int { return cmp.Compare(a[w], b[w]) })
		var out []pt3
		var q []pt2
		for i := 0; i < len(p); {
			j := i
			for j < len(p) && p[j][w] == p[i][w] {
				j++
			}
			q = q[:0]
			for _, r := range p[i:j] {
				q = append(q, pt2{r[u], r[v]})
			}
			for _, r := range hull2(q) {
				var k pt3
				k[u], k[v], k[w] = r.x, r.y, p[i][w]
				out = append(out, k)
			}
			i = j
		}
		p = out
	}
	return p
}

func dedupe3(p []pt3) []pt3 {
	seen := make(map[pt3]struct{}, len(p))
	out := p[:0]
	for _, q := range p {
		if _, ok := seen[q]; !ok {
			seen[q] = struct{}{}
			out = append(out, q)
		}
	}
	return out
}

// latticeIn3 counts the points (2x, 2y, 2z), x, y, z integers, inside or
// on the hull (doubled coordinates): per line (y, z), the x range that
// every face crossing the plane z allows, in exact integer arithmetic.
func latticeIn3(h *hull3) int64 {
	if h == nil {
		return 0
	}
	faces := h.live()
	zlo, zhi := int64(math.MaxInt64), int64(math.MinInt64)
	ylo, yhi := zlo, zhi
	for _, q := range h.p {
		zlo, zhi = min(zlo, q[2]), max(zhi, q[2])
		ylo, yhi = min(ylo, q[1]), max(yhi, q[1])
	}
	var n int64
	var cross []*face3
	for Z := ceilDiv(zlo, 2) * 2; Z <= zhi; Z += 2 {
		cross = cross[:0]
		for _, f := range faces {
			lo, hi := h.p[f.v[0]][2], h.p[f.v[0]][2]
			for _, v := range f.v[1:] {
				lo, hi = min(lo, h.p[v][2]), max(hi, h.p[v][2])
			}
			if lo <= Z && Z <= hi {
				cross = append(cross, f)
			}
		}
		for Y := ceilDiv(ylo, 2) * 2; Y <= yhi; Y += 2 {
			xlo, xhi := int64(math.MinInt64), int64(math.MaxInt64)
			for _, f := range cross {
				r := f.off - f.n[1]*Y - f.n[2]*Z // n.x·X <= r, x = X/2
				switch {
				case f.n[0] > 0:
					xhi = min(xhi, floorDiv(r, 2*f.n[0]))
				case f.n[0] < 0:
					xlo = max(xlo, ceilDiv(r, 2*f.n[0]))
				case r < 0:
					xlo, xhi = 1, 0
				}
				if xlo > xhi {
					break
				}
			}
			if xlo <= xhi && xhi != math.MaxInt64 && xlo != math.MinInt64 {
				n += xhi - xlo + 1
			}
		}
	}
	return n
}

// feret3 is the largest vertex distance of the hull, and its smallest
// width: the smallest extent over the directions that can give it (face
// normals, and cross products of two antipodal edges), in calibrated
// units. The edge pairs are tried when the hull has at most maxEdgePairs
// non-flat edges; beyond, the face normals alone give an upper bound (a
// voxel object's hull is finely faceted, so the difference is small).
func feret3(h *hull3, sp [3]float64) (maxD, minD float64) {
	if h == nil {
		return math.NaN(), math.NaN()
	}
	faces := h.live()
	idx := map[int32]bool{}
	var edges [][2]int32
	for _, f := range faces {
		for e := range 3 {
			a, b := f.v[e], f.v[(e+1)%3]
			idx[a] = true
			if a < b {
				edges = append(edges, [2]int32{a, b})
			}
		}
	}
	var v [][3]float64
	for i := range idx {
		q := h.p[i]
		v = append(v, [3]float64{float64(q[0]) * sp[0], float64(q[1]) * sp[1], float64(q[2]) * sp[2]})
	}
	P := func(i int32) [3]float64 {
		q := h.p[i]
		return [3]float64{float64(q[0]) * sp[0], float64(q[1]) * sp[1], float64(q[2]) * sp[2]}
	}
	for i := range v {
		for j := i + 1; j < len(v); j++ {
			maxD = max(maxD, math.Sqrt(sq3(v[i], v[j])))
		}
	}
	minD = math.Inf(1)
	width := func(u [3]float64) {
		l := math.Sqrt(u[0]*u[0] + u[1]*u[1] + u[2]*u[2])
		if l == 0 {
			return
		}
		lo, hi := math.Inf(1), math.Inf(-1)
		for _, q := range v {
			d := (q[0]*u[0] + q[1]*u[1] + q[2]*u[2]) / l
			lo, hi = min(lo, d), max(hi, d)
		}
		minD = min(minD, hi-lo)
	}
	for _, f := range faces {
		a, b, c := P(f.v[0]), P(f.v[1]), P(f.v[2])
		width(crossf(subf(b, a), subf(c, a)))
	}
	// The smallest width along a cross product of two edges needs the
	// edges antipodal: u in the normal cone of one (between the normals
	// of its two faces) and -u in the other's. The O(1) cone test leaves
	// few pairs for the O(V) projection.
	// u is in the cone of edge d between face normals n1, n2 when
	// u·(d×n1) and u·(n2×d) have the sign of (n1×n2)·d: p and q are those
	// two vectors, unit, with that sign folded in.
	type edgeCone struct {
		d, p, q [3]float64
		m       [3]float64 // unit mid-direction of the cone
		half    float64    // the cone's half angle (an upper bound)
	}
	normal := func(f int32) [3]float64 {
		fc := h.faces[f]
		a := P(fc.v[0])
		return crossf(subf(P(fc.v[1]), a), subf(P(fc.v[2]), a))
	}
	unit := func(u [3]float64, s float64) [3]float64 {
		l := math.Sqrt(dotf(u, u)) * s
		return [3]float64{u[0] / l, u[1] / l, u[2] / l}
	}
	var cones []edgeCone
	for _, e := range edges {
		d := subf(P(e[1]), P(e[0]))
		n1, n2 := normal(h.edge[e]), normal(h.edge[[2]int32{e[1], e[0]}])
		s := dotf(crossf(n1, n2), d)
		if s == 0 { // a flat edge: its face normal covers it
			continue
		}
		sg := math.Copysign(1, s)
		u1, u2 := unit(n1, 1), unit(n2, 1)
		m := [3]float64{u1[0] + u2[0], u1[1] + u2[1], u1[2] + u2[2]}
		half := math.Acos(max(-1, min(1, dotf(u1, u2))))/2 + 1e-9
		cones = append(cones, edgeCone{d: d, p: unit(crossf(d, n1), sg), q: unit(crossf(n2, d), sg), m: unit(m, 1), half: half})
	}
	if len(cones) > maxEdgePairs {
		return maxD, minD // face normals only: an upper bound (see feret3's doc)
	}
	// side: +1 when u is in the cone, -1 when -u is, 0 neither. A pair
	// on a cone's boundary has u along one of its face normals, which the
	// face loop has tried already, so rounding there loses nothing.
	side := func(u [3]float64, c *edgeCone) int {
		a, b := dotf(u, c.p), dotf(u, c.q)
		switch {
		case a >= 0 && b >= 0:
			return 1
		case a <= 0 && b <= 0:
			return -1
		}
		return 0
	}
	// Antipodal cones have mid-directions nearly opposite: |m_e + m_g|
	// (a chord) is at most the sum of the half angles (arcs). Sorted by
	// m.z, each edge looks only at the edges whose -m.z is that close.
	slices.SortFunc(cones, func(a, b edgeCone) int { return cmp.Compare(a.m[2], b.m[2]) })
	var maxHalf float64
	for i := range cones {
		maxHalf = max(maxHalf, cones[i].half)
	}
	for i := range cones {
		e := &cones[i]
		r := e.half + maxHalf
		lo, _ := slices.BinarySearchFunc(cones, -e.m[2]-r, func(c edgeCone, z float64) int { return cmp.Compare(c.m[2], z) })
		for j := lo; j < len(cones) && cones[j].m[2] <= -e.m[2]+r; j++ {
			if j == i {
				continue
			}
			g := &cones[j]
			s := [3]float64{e.m[0] + g.m[0], e.m[1] + g.m[1], e.m[2] + g.m[2]}
			if rr := e.half + g.half; dotf(s, s) > rr*rr {
				continue
			}
			u := crossf(e.d, g.d)
			if se := side(u, e); se != 0 && side(u, g) == -se && u != ([3]float64{}) {
				width(u)
			}
		}
	}
	return maxD, minD
}

const maxEdgePairs = 5000

func dotf(a, b [3]float64) float64 { return a[0]*b[0] + a[1]*b[1] + a[2]*b[2] }

func sq3(a, b [3]float64) float64 {
	d0, d1, d2 := a[0]-b[0], a[1]-b[1], a[2]-b[2]
	return d0*d0 + d1*d1 + d2*d2
}
func subf(a, b [3]float64) [3]float64 { return [3]float64{a[0] - b[0], a[1] - b[1], a[2] - b[2]} }
func crossf(a, b [3]float64) [3]float64 {
	return [3]float64{a[1]*b[2] - a[2]*b[1], a[2]*b[0] - a[0]*b[2], a[0]*b[1] - a[1]*b[0]}
}
