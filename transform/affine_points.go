package transform

import (
	"math"

	"github.com/gipsdev/gips"
)

// Interpolation at a list of points, the inner loop of Affine, Rotate and
// MapCoordinates: the caller computes a segment of input coordinates (one
// per output pixel, scipy's own float64 numbers) and points2/points3 turn
// them into values. A point of order 0 or 1 whose taps all fall strictly
// inside the input needs no mode: its window is (floor(c), floor(c)+1)
// with weights 1-f and 1-(1-f) (scipy's order-1 weights), or round(c) for
// order 0, and the value sums v·wy·wx (v·wz·wy·wx) in scipy's order, so
// runs of such points go through lin2/lin3 (an AVX2 twin where there is
// one). In mode Nearest at order 1 on a plane, every point with |c| below
// linLimit goes through lin2 too: Nearest's window is those taps clamped
// into the plane, with the same weights. Any other point (near or beyond
// the edge in other modes, NaN, order > 1) takes the general path, tap and
// sample2/sample3 (edge2 at order 1), one point at a time.

// segLen is the most points a segment holds: its scratch (about 40 KB
// with the AVX2 buffers) stays in L1; 256 rather than 128 halves the
// per-segment calls (rotate30 4096² uint8: about 10% less CPU).
const segLen = 256

// pointScratch is one worker's buffers for a segment.
type pointScratch struct {
	c [3][segLen]float64 // coordinates, numpy axis order ((y, x) or (z, y, x))
	t [segLen]float64    // values
	l linBufs            // lin2's intermediates (the AVX2 path's)
}

// points2 sets t[k] to the value of plane z of v (0 for a 2D image) at the
// point (cy[k], cx[k]), coordinates along that plane's y and x.
func points2[S gips.Pixel](j *job, v *volume[S], z int, cy, cx, t []float64, lb *linBufs) {
	e := &j.e
	n := len(t)
	cy, cx = cy[:n], cx[:n]
	ny, nx := float64(v.ny-1), float64(v.nx-1)
	rows := v.rows[z*v.ny : (z+1)*v.ny]
	// Points whose taps lin2 may clamp: in mode Nearest any coordinate
	// that converts to int32 (clamping is Nearest's fold), else interior
	// ones.
	loY, hiY, loX, hiX := 0.0, ny, 0.0, nx
	if e.mode == Nearest {
		loY, hiY, loX, hiX = -linLimit, linLimit, -linLimit, linLimit
	}
	for k := 0; k < n; {
		r := k
		switch e.order {
		case 1:
			r += boxRunSIMD(cy[r:], cx[r:], loY, hiY, loX, hiX)
			for r < n && cy[r] >= loY && cy[r] < hiY && cx[r] >= loX && cx[r] < hiX {
				r++
			}
			if r > k {
				lin2(rows, v.plane(z), cy[k:r], cx[k:r], t[k:r], lb)
			}
		case 0:
			for ; r < n && cy[r] >= 0 && cy[r] <= ny && cx[r] >= 0 && cx[r] <= nx; r++ {
				s := 0.0
				s += float64(rows[int(cy[r]+0.5)][int(cx[r]+0.5)])
				t[r] = s
			}
		}
		if r < n && r == k {
			if e.order == 1 {
				t[r] = edge2(e, rows, j.n[1], j.n[0], cy[r], cx[r])
			} else {
				t[r] = point2(j, v, z, cy[r], cx[r])
			}
			r++
		}
		k = r
	}
}

// point2 is the general path of points2.
func point2[S gips.Pixel](j *job, v *volume[S], z int, cy, cx float64) float64 {
	e := &j.e
	var ty, tx axisTap
	e.tap(cy, j.n[1], j.pad[1], &ty)
	e.tap(cx, j.n[0], j.pad[0], &tx)
	if j.rank == 2 {
		return sample2(v, e, &ty, &tx)
	}
	var tz axisTap
	tz.idx[0], tz.w[0] = z, 1
	return sample3(v, e, &tz, &ty, &tx, &j.win)
}

// linAxis is tap's window for order 1 (no padding at this order).
type linAxis struct {
	i0, i1 int
	w0, w1 float64
	cv     uint8 // bit l: tap l reads cval (GridConstant)
	zero   bool  // the point reads cval (Constant, outside)
}

// tap1 is tap for order 1, the same numbers without the loops over the
// window: edge points (a rotation's corners) take it.
func (e *engine) tap1(cc float64, n int, t *linAxis) {
	if e.mode != GridConstant && e.mode != Nearest {
		cc = mapCoordinate(cc, n, e.mode)
	}
	t.cv, t.zero = 0, false
	if !(cc > -1 || e.mode == GridConstant || e.mode == Nearest) {
		t.zero = true
		return
	}
	f := math.Floor(cc)
	start := int(f)
	i := [2]int{start, start + 1}
	if start < 0 || start+1 >= n {
		for l := range i {
			if e.mode == GridConstant {
				if i[l] < 0 || i[l] >= n {
					t.cv |= 1 << l
					i[l] = 0
				}
			} else {
				i[l] = int(mapCoordinate(float64(i[l]), n, e.spline))
			}
			if i[l] < 0 || i[l] >= n { // only for coordinates beyond int's range
				i[l] = 0
			}
		}
	}
	t.i0, t.i1 = i[0], i[1]
	t.w0 = 1 - (cc - f)
	t.w1 = 1 - t.w0
}

// nearestTap is tap1 in mode Nearest: the coordinate is not folded and
// the taps are clamped into [0, n-1] (Nearest's fold of an index). A
// coordinate beyond int's range: amd64 converts it (and NaN) to
// math.MinInt64, whose taps fold to 0 here as in tap; where the conversion
// saturates instead, start+1 wraps and tap folds it to 0 too.
func nearestTap(cc float64, n int, t *linAxis) {
	f := math.Floor(cc)
	start := int(f)
	t.i0, t.i1 = min(max(start, 0), n-1), min(max(start+1, 0), n-1)
	if start == math.MaxInt64 {
		t.i1 = 0 // start+1 wrapped
	}
	t.w0 = 1 - (cc - f)
	t.w1 = 1 - t.w0
	t.cv, t.zero = 0, false
}

// edge2 is sample2 at (cy, cx) for order 1 on a plane of ny by nx samples.
func edge2[S gips.Pixel](e *engine, rows [][]S, ny, nx int, cy, cx float64) float64 {
	var ty, tx linAxis
	switch e.mode {
	case Constant:
		// Beyond [0, n-1] (or NaN) the point is cval, as tap says.
		if !(cy >= 0 && cy <= float64(ny-1) && cx >= 0 && cx <= float64(nx-1)) {
			return e.cval
		}
		e.tap1(cy, ny, &ty)
		e.tap1(cx, nx, &tx)
	case Nearest:
		nearestTap(cy, ny, &ty)
		nearestTap(cx, nx, &tx)
	default:
		e.tap1(cy, ny, &ty)
		e.tap1(cx, nx, &tx)
	}
	if ty.zero || tx.zero {
		return e.cval
	}
	r0, r1 := rows[ty.i0], rows[ty.i1]
	v00, v01, v10, v11 := float64(r0[tx.i0]), float64(r0[tx.i1]), float64(r1[tx.i0]), float64(r1[tx.i1])
	if ty.cv|tx.cv != 0 {
		if (ty.cv|tx.cv)&1 != 0 {
			v00 = e.cval
		}
		if (ty.cv|tx.cv>>1)&1 != 0 {
			v01 = e.cval
		}
		if (ty.cv>>1|tx.cv)&1 != 0 {
			v10 = e.cval
		}
		if (ty.cv>>1|tx.cv>>1)&1 != 0 {
			v11 = e.cval
		}
	}
	s := 0.0
	s += v00 * ty.w0 * tx.w0
	s += v01 * ty.w0 * tx.w1
	s += v10 * ty.w1 * tx.w0
	s += v11 * ty.w1 * tx.w1
	return s
}

// linLimit bounds the coordinates lin2 takes: their floors and floors+1
// convert to int32 (the AVX2 path's width) exactly.
const linLimit = 1 << 30

// lin2 is order-1 interpolation at points of a plane (rows) with taps
// clamped into the plane: scipy's window and weights in mode Nearest
// (nearestTap: the taps clamped, the weights of the coordinate itself), and
// at interior points (0 <= c < n-1, where clamping changes nothing) those
// of every mode. Every |c| < linLimit. pl, if not nil, is the plane whose
// rows are rows (the AVX2 path of uint8 reads its memory directly).
func lin2[S gips.Pixel](rows [][]S, pl *gips.Plane[S], cy, cx, t []float64, lb *linBufs) {
	k := lin2SIMD(rows, pl, cy, cx, t, lb)
	lin2Go(rows, cy[k:], cx[k:], t[k:])
}

// lin2Go is lin2 in Go; the reference of lin2's AVX2 twin. The value is
// edge2's sum, in its order.
func lin2Go[S gips.Pixel](rows [][]S, cy, cx, t []float64) {
	cy, cx = cy[:len(t)], cx[:len(t)]
	ny, nx := len(rows)-1, len(rows[0])-1
	for k := range t {
		y, x := cy[k], cx[k]
		fy, fx := math.Floor(y), math.Floor(x)
		iy, ix := int(fy), int(fx)
		y0, y1 := min(max(iy, 0), ny), min(max(iy+1, 0), ny)
		x0, x1 := min(max(ix, 0), nx), min(max(ix+1, 0), nx)
		wy0 := 1 - (y - fy)
		wy1 := 1 - wy0
		wx0 := 1 - (x - fx)
		wx1 := 1 - wx0
		r0, r1 := rows[y0], rows[y1]
		s := 0.0
		s += float64(r0[x0]) * wy0 * wx0
		s += float64(r0[x1]) * wy0 * wx1
		s += float64(r1[x0]) * wy1 * wx0
		s += float64(r1[x1]) * wy1 * wx1
		t[k] = s
	}
}

// points3 is points2 for a volume that the map moves along every axis.
func points3[S gips.Pixel](j *job, v *volume[S], cz, cy, cx, t []float64) {
	e := &j.e
	n := len(t)
	cz, cy, cx = cz[:n], cy[:n], cx[:n]
	nz, ny, nx := float64(v.nz-1), float64(v.ny-1), float64(v.nx-1)
	for k := range t {
		z, y, x := cz[k], cy[k], cx[k]
		if e.order == 1 && z >= 0 && z < nz && y >= 0 && y < ny && x >= 0 && x < nx {
			iz, iy, ix := int(z), int(y), int(x)
			wz0 := 1 - (z - float64(iz))
			wz1 := 1 - wz0
			wy0 := 1 - (y - float64(iy))
			wy1 := 1 - wy0
			wx0 := 1 - (x - float64(ix))
			wx1 := 1 - wx0
			b0, b1 := iz*v.ny+iy, (iz+1)*v.ny+iy
			r00, r01, r10, r11 := v.rows[b0], v.rows[b0+1], v.rows[b1], v.rows[b1+1]
			s := 0.0
			s += float64(r00[ix]) * wz0 * wy0 * wx0
			s += float64(r00[ix+1]) * wz0 * wy0 * wx1
			s += float64(r01[ix]) * wz0 * wy1 * wx0
			s += float64(r01[ix+1]) * wz0 * wy1 * wx1
			s += float64(r10[ix]) * wz1 * wy0 * wx0
			s += float64(r10[ix+1]) * wz1 * wy0 * wx1
			s += float64(r11[ix]) * wz1 * wy1 * wx0
			s += float64(r11[ix+1]) * wz1 * wy1 * wx1
			t[k] = s
			continue
		}
		if e.order == 0 && z >= 0 && z <= nz && y >= 0 && y <= ny && x >= 0 && x <= nx {
			s := 0.0
			s += float64(v.rows[int(z+0.5)*v.ny+int(y+0.5)][int(x+0.5)])
			t[k] = s
			continue
		}
		var tz, ty, tx axisTap
		e.tap(z, j.n[2], j.pad[2], &tz)
		e.tap(y, j.n[1], j.pad[1], &ty)
		e.tap(x, j.n[0], j.pad[0], &tx)
		t[k] = sample3(v, e, &tz, &ty, &tx, &j.win)
	}
}

// storeSeg is storeRow (store's rule for every value), its AVX2 part first.
func storeSeg[D gips.Pixel](row []D, t []float64) {
	k := storeSIMD(row, t)
	storeRow(row[k:], t[k:])
}
