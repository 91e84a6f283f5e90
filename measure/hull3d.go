package measure

// A 3D convex hull in exact integer arithmetic (quickhull with conflict
// lists): every point lies in or on the hull, faces are triangles oriented
// outward. Coordinates are small integers (doubled voxel coordinates), so
// normals and dot products fit int64.

type pt3 [3]int64

func sub3(a, b pt3) pt3   { return pt3{a[0] - b[0], a[1] - b[1], a[2] - b[2]} }
func dot3(a, b pt3) int64 { return a[0]*b[0] + a[1]*b[1] + a[2]*b[2] }
func crossp(a, b pt3) pt3 {
	return pt3{a[1]*b[2] - a[2]*b[1], a[2]*b[0] - a[0]*b[2], a[0]*b[1] - a[1]*b[0]}
}

type face3 struct {
	v       [3]int32
	n       pt3   // outward normal (b-a)x(c-a)
	off     int64 // n·a: inside is n·p <= off
	dead    bool
	outside []int32
}

type hull3 struct {
	p     []pt3
	faces []face3
	edge  map[[2]int32]int32 // directed edge -> face that has it
	stamp []int32            // per face: the point whose visibility search saw it
}

func (h *hull3) addFace(a, b, c int32) int32 {
	n := crossp(sub3(h.p[b], h.p[a]), sub3(h.p[c], h.p[a]))
	f := face3{v: [3]int32{a, b, c}, n: n, off: dot3(n, h.p[a])}
	i := int32(len(h.faces))
	h.faces = append(h.faces, f)
	h.edge[[2]int32{a, b}], h.edge[[2]int32{b, c}], h.edge[[2]int32{c, a}] = i, i, i
	return i
}

func (h *hull3) above(f *face3, q int32) int64 { return dot3(f.n, h.p[q]) - f.off }

// convexHull3 returns the live faces of the hull of p, or nil when the
// points are coplanar (then the hull has no volume).
func convexHull3(p []pt3) *hull3 {
	h := &hull3{p: p, edge: make(map[[2]int32]int32, 6*len(p))}
	if len(p) < 4 {
		return nil
	}
	// an initial tetrahedron: two distinct points, a third off their line,
	// a fourth off their plane
	i0, i1, i2, i3 := int32(0), int32(-1), int32(-1), int32(-1)
	for i := range p {
		if p[i] != p[i0] {
			i1 = int32(i)
			break
		}
	}
	if i1 < 0 {
		return nil
	}
	for i := range p {
		if crossp(sub3(p[i1], p[i0]), sub3(p[i], p[i0])) != (pt3{}) {
			i2 = int32(i)
			break
		}
	}
	if i2 < 0 {
		return nil
	}
	n := crossp(sub3(p[i1], p[i0]), sub3(p[i2], p[i0]))
	for i := range p {
		if dot3(n, sub3(p[i], p[i0])) != 0 {
			i3 = int32(i)
			break
		}
	}
	if i3 < 0 {
		return nil
	}
	if dot3(n, sub3(p[i3], p[i0])) > 0 { // i3 above (i0, i1, i2): flip that face
		i1, i2 = i2, i1
	}
	first := []int32{h.addFace(i0, i1, i2), h.addFace(i0, i3, i1), h.addFace(i1, i3, i2), h.addFace(i2, i3, i0)}
	for q := range p {
		h.assign(int32(q), first)
	}
	var stack []int32
	stack = append(stack, first...)
	for len(stack) > 0 {
		fi := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		f := &h.faces[fi]
		if f.dead || len(f.outside) == 0 {
			continue
		}
		// the farthest outside point (by unnormalised distance: any outside
		// point would do; the farthest keeps the hull small)
		best, bd := int32(-1), int64(-1)
		for _, q := range f.outside {
			if d := h.above(f, q); d > bd {
				best, bd = q, d
			}
		}
		stack = append(stack, h.addPoint(fi, best)...)
	}
	return h
}

func (h *hull3) assign(q int32, faces []int32) {
	for _, fi := range faces {
		f := &h.faces[fi]
		if h.above(f, q) > 0 {
			f.outside = append(f.outside, q)
			return
		}
	}
}

// addPoint replaces the faces that q sees (found from face fi across
// edges) by a cone from q to their horizon, and hands their outside points
// to the new faces.
func (h *hull3) addPoint(fi, q int32) []int32 {
	for len(h.stamp) < len(h.faces) {
		h.stamp = append(h.stamp, -1)
	}
	seen := func(g int32) bool { return h.stamp[g] == q }
	visible := []int32{fi}
	h.stamp[fi] = q
	for k := 0; k < len(visible); k++ {
		f := h.faces[visible[k]]
		for e := range 3 {
			a, b := f.v[e], f.v[(e+1)%3]
			g := h.edge[[2]int32{b, a}]
			if !seen(g) && h.above(&h.faces[g], q) > 0 {
				h.stamp[g] = q
				visible = append(visible, g)
			}
		}
	}
	var horizon [][2]int32
	var orphans []int32
	for _, vi := range visible {
		f := &h.faces[vi]
		for e := range 3 {
			a, b := f.v[e], f.v[(e+1)%3]
			if !seen(h.edge[[2]int32{b, a}]) {
				horizon = append(horizon, [2]int32{a, b})
			}
		}
		orphans = append(orphans, f.outside...)
		f.dead, f.outside = true, nil
	}
	for _, vi := range visible {
		f := h.faces[vi]
		for e := range 3 {
			k := [2]int32{f.v[e], f.v[(e+1)%3]}
			if h.edge[k] == vi {
				delete(h.edge, k)
			}
		}
	}
	made := make([]int32, 0, len(horizon))
	for _, e := range horizon {
		made = append(made, h.addFace(e[0], e[1], q))
	}
	for _, o := range orphans {
		if o != q {
			h.assign(o, made)
		}
	}
	return made
}

// live is the hull's faces.
func (h *hull3) live() []*face3 {
	var out []*face3
	for i := range h.faces {
		if !h.faces[i].dead {
			out = append(out, &h.faces[i])
		}
	}
	return out
}
