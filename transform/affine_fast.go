package transform

import "github.com/gipsdev/gips"

// Affine maps of order 0 and 1 (rotate, affine_transform) without a
// window per pixel: along an output row the input coordinate of axis h is
// (rowBase_h + x·m[h][last]) + off_h. rowBase is fixed for the row and
// x·m[h][last] is a per-column table, so the sum is scipy's own
// (Σ_l out_l·m[h][l] in numpy axis order, then the offset), bit for bit,
// with no multiply per pixel. A point whose taps all fall strictly inside
// the input needs no mode: its window is (floor(c), floor(c)+1) with
// weights 1-f and 1-(1-f) (scipy's order-1 weights), or round(c) for
// order 0, and the value sums v·wy·wx in scipy's order. Points near or
// beyond the edge take the general path (tap and sample2/sample3).

// affineCols is x·m[h][r-1] for every output x and mapped axis h (numpy
// order).
func affineCols(m *mapping, rank, width int) [3][]float64 {
	var cols [3][]float64
	for h := 0; h < rank; h++ {
		c := make([]float64, width)
		for x := range c {
			c[x] = float64(x) * m.mat[h][rank-1]
		}
		cols[h] = c
	}
	return cols
}

// affineFast says whether the per-row path applies: order 0 or 1, an
// affine map (no coordinate images, no tables) and, for a volume, a
// rotation in the xy plane (z left alone) or no axis left alone.
func affineFast(j *job) bool {
	m := j.m
	if j.e.order > 1 || m.coords[0] != nil || m.tabs[0] != nil {
		return false
	}
	if j.rank == 2 {
		return true
	}
	return m.ident == [3]bool{false, false, true} || m.ident == [3]bool{}
}

// affineRow2 fills output row y of a 2D image (or of plane z of a volume
// rotated in xy: rows are that plane's) from v. base holds the row's
// partial sums for numpy axes (y, x); cols the column tables of those axes.
func affineRow2[S, D gips.Pixel](j *job, v *volume[S], z int, base [2]float64, cols [2][]float64, row []D) {
	e := &j.e
	m := j.m
	st := storerOf[D]()
	off0, off1 := m.off[0], m.off[1]
	if j.rank == 3 {
		off0, off1 = m.off[1], m.off[2]
	}
	ny, nx := float64(v.ny-1), float64(v.nx-1)
	rows := v.rows[z*v.ny : (z+1)*v.ny]
	c0, c1 := cols[0][:len(row)], cols[1][:len(row)]
	for x := range row {
		cy := base[0] + c0[x] + off0
		cx := base[1] + c1[x] + off1
		if e.order == 1 && cy >= 0 && cy < ny && cx >= 0 && cx < nx {
			iy, ix := int(cy), int(cx)
			wy0 := 1 - (cy - float64(iy))
			wy1 := 1 - wy0
			wx0 := 1 - (cx - float64(ix))
			wx1 := 1 - wx0
			r0, r1 := rows[iy], rows[iy+1]
			t := 0.0
			t += float64(r0[ix]) * wy0 * wx0
			t += float64(r0[ix+1]) * wy0 * wx1
			t += float64(r1[ix]) * wy1 * wx0
			t += float64(r1[ix+1]) * wy1 * wx1
			row[x] = st.put(t)
			continue
		}
		if e.order == 0 && cy >= 0 && cy <= ny && cx >= 0 && cx <= nx {
			t := 0.0
			t += float64(rows[int(cy+0.5)][int(cx+0.5)])
			row[x] = st.put(t)
			continue
		}
		var ty, tx axisTap
		e.tap(cy, j.n[1], j.pad[1], &ty)
		e.tap(cx, j.n[0], j.pad[0], &tx)
		if j.rank == 2 {
			row[x] = st.put(sample2(v, e, &ty, &tx))
			continue
		}
		var tz axisTap
		tz.idx[0], tz.w[0] = z, 1
		row[x] = st.put(sample3(v, e, &tz, &ty, &tx, &j.win))
	}
}

// affineRow3 is affineRow2 for a volume that no axis leaves alone:
// trilinear (8 terms v·wz·wy·wx, z slowest) or nearest.
func affineRow3[S, D gips.Pixel](j *job, v *volume[S], base [3]float64, cols [3][]float64, row []D) {
	e := &j.e
	m := j.m
	st := storerOf[D]()
	nz, ny, nx := float64(v.nz-1), float64(v.ny-1), float64(v.nx-1)
	c0, c1, c2 := cols[0][:len(row)], cols[1][:len(row)], cols[2][:len(row)]
	for x := range row {
		cz := base[0] + c0[x] + m.off[0]
		cy := base[1] + c1[x] + m.off[1]
		cx := base[2] + c2[x] + m.off[2]
		if e.order == 1 && cz >= 0 && cz < nz && cy >= 0 && cy < ny && cx >= 0 && cx < nx {
			iz, iy, ix := int(cz), int(cy), int(cx)
			wz0 := 1 - (cz - float64(iz))
			wz1 := 1 - wz0
			wy0 := 1 - (cy - float64(iy))
			wy1 := 1 - wy0
			wx0 := 1 - (cx - float64(ix))
			wx1 := 1 - wx0
			b0, b1 := iz*v.ny+iy, (iz+1)*v.ny+iy
			r00, r01, r10, r11 := v.rows[b0], v.rows[b0+1], v.rows[b1], v.rows[b1+1]
			t := 0.0
			t += float64(r00[ix]) * wz0 * wy0 * wx0
			t += float64(r00[ix+1]) * wz0 * wy0 * wx1
			t += float64(r01[ix]) * wz0 * wy1 * wx0
			t += float64(r01[ix+1]) * wz0 * wy1 * wx1
			t += float64(r10[ix]) * wz1 * wy0 * wx0
			t += float64(r10[ix+1]) * wz1 * wy0 * wx1
			t += float64(r11[ix]) * wz1 * wy1 * wx0
			t += float64(r11[ix+1]) * wz1 * wy1 * wx1
			row[x] = st.put(t)
			continue
		}
		if e.order == 0 && cz >= 0 && cz <= nz && cy >= 0 && cy <= ny && cx >= 0 && cx <= nx {
			t := 0.0
			t += float64(v.rows[int(cz+0.5)*v.ny+int(cy+0.5)][int(cx+0.5)])
			row[x] = st.put(t)
			continue
		}
		var tz, ty, tx axisTap
		e.tap(cz, j.n[2], j.pad[2], &tz)
		e.tap(cy, j.n[1], j.pad[1], &ty)
		e.tap(cx, j.n[0], j.pad[0], &tx)
		row[x] = st.put(sample3(v, e, &tz, &ty, &tx, &j.win))
	}
}

// storer is store with the type's range looked up once, not per pixel.
type storer[D gips.Pixel] struct {
	lo, hi float64
	float  bool
}

func storerOf[D gips.Pixel]() storer[D] {
	t := gips.TypeOf[D]()
	lo, hi := t.Range()
	return storer[D]{lo: lo, hi: hi, float: t.IsFloat()}
}

// put is store[D](t): integers round half away from zero and saturate,
// NaN becomes 0; floats convert directly.
func (s storer[D]) put(t float64) D {
	if s.float {
		return D(t)
	}
	if t > s.lo && t < s.hi {
		// Inside (lo, hi), t±0.5 truncates into [lo, hi].
		if t > 0 {
			return D(t + 0.5)
		}
		return D(t - 0.5)
	}
	if t <= s.lo {
		return D(s.lo)
	}
	if t >= s.hi {
		return D(s.hi)
	}
	return 0 // NaN
}
