package transform

import (
	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/scratch"
)

// Fast paths for separable maps (zoom, shift): the windows of an output
// row are known before the row starts, so the input rows they read are
// looked up once per row and the inner loop only walks x. The arithmetic
// is sample2's and sample3's, term for term (v*wy*wx, v*wz*wy*wx, summed
// in the same order), so results are bit for bit the same; points with a
// cval tap or outside in Constant mode take the general path.

// zoomRow2 fills buf (one output row of a 2D image) for the window ty.
func zoomRow2[S gips.Pixel](v *volume[S], e *engine, ty *axisTap, tabx []axisTap, lin []linTap, buf []float64) {
	if ty.zero || ty.cv != 0 {
		for x := range buf {
			buf[x] = sample2(v, e, ty, &tabx[x])
		}
		return
	}
	o := e.order
	switch o {
	case 0:
		r := v.rows[ty.idx[0]]
		for x := range buf {
			tx := &tabx[x]
			if tx.zero || tx.cv != 0 {
				buf[x] = sample2(v, e, ty, tx)
				continue
			}
			t := 0.0
			t += float64(r[tx.idx[0]])
			buf[x] = t
		}
	case 1:
		if lin == nil {
			for x := range buf {
				buf[x] = sample2(v, e, ty, &tabx[x])
			}
			return
		}
		r0, r1 := v.rows[ty.idx[0]], v.rows[ty.idx[1]]
		wy0, wy1 := ty.w[0], ty.w[1]
		for x, c := range lin {
			if c.special {
				buf[x] = sample2(v, e, ty, &tabx[x])
				continue
			}
			t := float64(r0[c.i0]) * wy0 * c.w0
			t += float64(r0[c.i1]) * wy0 * c.w1
			t += float64(r1[c.i0]) * wy1 * c.w0
			t += float64(r1[c.i1]) * wy1 * c.w1
			buf[x] = t
		}
	default:
		var rows [maxOrder + 1][]S
		for i := 0; i <= o; i++ {
			rows[i] = v.rows[ty.idx[i]]
		}
		for x := range buf {
			tx := &tabx[x]
			if tx.zero || tx.cv != 0 {
				buf[x] = sample2(v, e, ty, tx)
				continue
			}
			t := 0.0
			for i := 0; i <= o; i++ {
				r, wy := rows[i], ty.w[i]
				for j := 0; j <= o; j++ {
					t += float64(r[tx.idx[j]]) * wy * tx.w[j]
				}
			}
			buf[x] = t
		}
	}
}

// zoomRow3 is zoomRow2 for a volume: windows tz and ty, n the window
// lengths (x, y, z).
func zoomRow3[S gips.Pixel](v *volume[S], e *engine, tz, ty *axisTap, tabx []axisTap, n *[3]int, buf []float64) {
	if tz.zero || ty.zero || tz.cv != 0 || ty.cv != 0 {
		for x := range buf {
			buf[x] = sample3(v, e, tz, ty, &tabx[x], n)
		}
		return
	}
	o := e.order
	if o == 0 {
		r := v.rows[tz.idx[0]*v.ny+ty.idx[0]]
		for x := range buf {
			tx := &tabx[x]
			if tx.zero || tx.cv != 0 {
				buf[x] = sample3(v, e, tz, ty, tx, n)
				continue
			}
			t := 0.0
			t += float64(r[tx.idx[0]])
			buf[x] = t
		}
		return
	}
	var rows [(maxOrder + 1) * (maxOrder + 1)][]S
	var wzy [(maxOrder + 1) * (maxOrder + 1)][2]float64
	m := 0
	for k := 0; k < n[2]; k++ {
		for i := 0; i < n[1]; i++ {
			rows[m] = v.rows[tz.idx[k]*v.ny+ty.idx[i]]
			wzy[m] = [2]float64{tz.w[k], ty.w[i]}
			m++
		}
	}
	nx := n[0]
	for x := range buf {
		tx := &tabx[x]
		if tx.zero || tx.cv != 0 {
			buf[x] = sample3(v, e, tz, ty, tx, n)
			continue
		}
		t := 0.0
		for r := 0; r < m; r++ {
			row, wz, wy := rows[r], wzy[r][0], wzy[r][1]
			for j := 0; j < nx; j++ {
				t += float64(row[tx.idx[j]]) * wz * wy * tx.w[j]
			}
		}
		buf[x] = t
	}
}

// storeRow converts a row of interpolated values as store does, with the
// type decided once per row.
func storeRow[D gips.Pixel](dst []D, buf []float64) {
	var z D
	switch any(z).(type) {
	case float32:
		for x, t := range buf {
			dst[x] = D(t)
		}
		return
	case float64:
		copy(any(dst).([]float64), buf)
		return
	}
	lo, hi := gips.TypeOf[D]().Range()
	for x, t := range buf {
		// Inside (lo, hi), t±0.5 truncates into [lo, hi].
		if t > lo && t < hi {
			if t > 0 {
				t += 0.5
			} else {
				t -= 0.5
			}
			dst[x] = D(t)
			continue
		}
		switch {
		case t <= lo:
			dst[x] = D(lo)
		case t >= hi:
			dst[x] = D(hi)
		default: // NaN
			dst[x] = 0
		}
	}
}

// linTap is an order-1 window along x in 32 bytes (axisTap holds six taps),
// so that a row of them stays in cache; special marks the points that take
// the general path.
type linTap struct {
	i0, i1  int32
	special bool
	w0, w1  float64
}

// linTaps is the compact form of an x table of order 1 (nil otherwise, or
// when an index does not fit in int32), from the pool: the caller may give
// it back (scratch.Put on resizePool) once no band reads it.
func linTaps(tab []axisTap, order int) []linTap {
	if order != 1 {
		return nil
	}
	out := scratch.Get[linTap](&resizePool, len(tab)) // every entry written below
	for x := range tab {
		t := &tab[x]
		if t.idx[0] > 1<<31-1 || t.idx[1] > 1<<31-1 {
			scratch.Put(&resizePool, out)
			return nil
		}
		out[x] = linTap{i0: int32(t.idx[0]), i1: int32(t.idx[1]), special: t.zero || t.cv != 0, w0: t.w[0], w1: t.w[1]}
	}
	return out
}
