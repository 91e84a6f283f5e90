package transform

import (
	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/scratch"
)

// Orders 2 to 5 of zoom and shift evaluate the spline one axis at a time:
// each input row the output needs is interpolated along x once (cached for
// the band of output rows that reads it), then the rows are combined along
// y (and z). That is (order+1) multiply-adds per axis instead of
// (order+1)^rank per pixel. The sums are the same terms grouped
// differently, so the result differs from scipy's by rounding only (far
// inside the 1e-6 of the range promised for these orders); orders 0 and 1,
// promised identical, keep scipy's grouping (fast.go).

// rowCache holds x-interpolated input rows for one band, by input row
// index (z*ny + y).
type rowCache struct {
	rows map[int][]float64
	free [][]float64
}

func newRowCache() *rowCache { return &rowCache{rows: map[int][]float64{}} }

// release gives the rows back to the pool; c is not used after.
func (c *rowCache) release() {
	c.reset()
	for _, r := range c.free {
		scratch.Put(&resizePool, r)
	}
	c.free = nil
}

// reset forgets the rows, keeping their memory for reuse.
func (c *rowCache) reset() {
	for k, r := range c.rows {
		c.free = append(c.free, r)
		delete(c.rows, k)
	}
}

// hx is input row r of v interpolated at every output x (cval for the x
// taps outside in GridConstant; points that Constant leaves at cval are
// handled by the caller).
func (c *rowCache) hx(v *volume[float64], e *engine, r int, tabx []axisTap) []float64 {
	if h, ok := c.rows[r]; ok {
		return h
	}
	var h []float64
	if n := len(c.free); n > 0 {
		h, c.free = c.free[n-1], c.free[:n-1]
	} else {
		h = scratch.Get[float64](&resizePool, len(tabx)) // written in full below
	}
	row := v.rows[r]
	o := e.order
	for x := range tabx {
		tx := &tabx[x]
		t := 0.0
		if tx.cv == 0 {
			for j := 0; j <= o; j++ {
				t += row[tx.idx[j]] * tx.w[j]
			}
		} else {
			for j := 0; j <= o; j++ {
				if tx.cv>>j&1 != 0 {
					t += e.cval * tx.w[j]
				} else {
					t += row[tx.idx[j]] * tx.w[j]
				}
			}
		}
		h[x] = t
	}
	c.rows[r] = h
	return h
}

// separableRow fills buf, output row (z, y), from the coefficient volume.
// n holds the window lengths along x, y, z (z: 1 for a 2D image).
func separableRow(v *volume[float64], e *engine, tz, ty *axisTap, tabx []axisTap, n *[3]int, rank int, c *rowCache, buf []float64) {
	if ty.zero || (rank == 3 && tz.zero) {
		for x := range buf {
			buf[x] = e.cval
		}
		return
	}
	for x := range buf {
		buf[x] = 0
	}
	nz := 1
	if rank == 3 {
		nz = n[2]
	}
	for k := 0; k < nz; k++ {
		wz, zi, zcv := 1.0, 0, false
		if rank == 3 {
			wz, zi, zcv = tz.w[k], tz.idx[k], tz.cv>>k&1 != 0
		}
		for i := 0; i < n[1]; i++ {
			w := wz * ty.w[i]
			if zcv || ty.cv>>i&1 != 0 {
				// The whole row is outside: cval times the x weights (sum 1).
				for x := range buf {
					buf[x] += w * e.cval
				}
				continue
			}
			h := c.hx(v, e, zi*v.ny+ty.idx[i], tabx)
			for x, hv := range h {
				buf[x] += w * hv
			}
		}
	}
	for x := range buf {
		if tabx[x].zero {
			buf[x] = e.cval
		}
	}
}

// separableVolume is transformVolume's band loop for orders above 1 of a
// separable map.
func separableBand[D gips.Pixel](j *job, v *volume[float64], dp []gips.Plane[D], c, t, z, y0, y1 int, buf []float64, cache *rowCache) {
	if j.rank == 3 {
		separableBand3(j, v, dp, c, t, z, y0, y1, buf) // z first (separable3.go)
		return
	}
	m := j.m
	out := dp[j.dst.Geometry().PlaneIndex(z, c, t)]
	for y := y0; y < y1; y++ {
		separableRow(v, &j.e, &m.tabs[2][z], &m.tabs[1][y], m.tabs[0], &j.win, j.rank, cache, buf)
		storeRow(out.Row(y), buf)
		if len(cache.rows) > 64 {
			cache.reset()
		}
	}
}
