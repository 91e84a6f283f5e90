package transform

import (
	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/scratch"
)

// Order-1 zoom and shift, one output row at a time. scipy's term for tap
// (z, y, x) is ((v·wz)·wy)·wx, and along an output row wz and wy are
// fixed: so each input row the row reads is scaled once, p[k] = (v[k]·wz)·wy
// over the whole input row (a vector loop, see scaleRow), and each output
// pixel is then Σ p[i]·wx over its two taps, summed in scipy's order
// (z slowest, x fastest) from 0. The products are scipy's, rounded the same
// way, so the result is bit for bit scipy's. The loop writes the output
// type directly (no float64 row in between). Rows with a window outside
// the input in Constant or GridConstant mode, and the points marked
// special, take the general path.

// linScratch is one band's scaled input rows: 2 for an image, 4 for a
// volume, each of the input's width.
type linScratch struct{ p [4][]float64 }

// newLinScratch takes the rows from the pool (scaleRow writes a row in
// full before it is read); release gives them back.
func newLinScratch(nx, rows int) *linScratch {
	s := &linScratch{}
	for i := range rows {
		s.p[i] = scratch.Get[float64](&resizePool, nx)
	}
	return s
}

func (s *linScratch) release() {
	for i, p := range s.p {
		if p != nil {
			scratch.Put(&resizePool, p)
			s.p[i] = nil
		}
	}
}

// scaleRow sets p[k] = float64(v[k])·w for every k (Go's version; an AVX2
// twin replaces the loop for 8- and 16-bit inputs where it exists).
func scaleRow[S gips.Pixel](p []float64, v []S, w float64) {
	p = p[:len(v)]
	k := scaleRowSIMD(p, v, w)
	for ; k < len(v); k++ {
		p[k] = float64(v[k]) * w
	}
}

// scaleRow2 sets p[k] = (float64(v[k])·w1)·w2, the two products of a
// volume's z and y weights in scipy's order.
func scaleRow2[S gips.Pixel](p []float64, v []S, w1, w2 float64) {
	p = p[:len(v)]
	k := scaleRow2SIMD(p, v, w1, w2)
	for ; k < len(v); k++ {
		p[k] = float64(v[k]) * w1 * w2
	}
}

// zoomLinRow2 writes output row y of a 2D image for the y window ty, or
// reports false when that window needs the general path.
func zoomLinRow2[S, D gips.Pixel](v *volume[S], e *engine, ty *axisTap, tabx []axisTap, lin []linTap, s *linScratch, row []D, buf []float64) bool {
	if lin == nil || ty.zero || ty.cv != 0 {
		return false
	}
	p0, p1 := s.p[0], s.p[1]
	scaleRow(p0, v.rows[ty.idx[0]], ty.w[0])
	scaleRow(p1, v.rows[ty.idx[1]], ty.w[1])
	lin = lin[:len(row)]
	buf = buf[:len(row)]
	for x := range lin {
		c := &lin[x]
		if c.special {
			buf[x] = sample2(v, e, ty, &tabx[x])
			continue
		}
		i0, i1, w0, w1 := c.i0, c.i1, c.w0, c.w1
		t := 0.0
		t += p0[i0] * w0
		t += p0[i1] * w1
		t += p1[i0] * w0
		t += p1[i1] * w1
		buf[x] = t
	}
	storeRow(row, buf)
	return true
}

// zoomLinRow3 is zoomLinRow2 for a volume: windows tz and ty, n the window
// lengths (x, y, z), all 2 here.
func zoomLinRow3[S, D gips.Pixel](v *volume[S], e *engine, tz, ty *axisTap, tabx []axisTap, lin []linTap, n *[3]int, s *linScratch, row []D, buf []float64) bool {
	if lin == nil || tz.zero || ty.zero || tz.cv != 0 || ty.cv != 0 || n[1] != 2 || n[2] != 2 {
		return false
	}
	for k := range 2 {
		for i := range 2 {
			scaleRow2(s.p[2*k+i], v.rows[tz.idx[k]*v.ny+ty.idx[i]], tz.w[k], ty.w[i])
		}
	}
	p0, p1, p2, p3 := s.p[0], s.p[1], s.p[2], s.p[3]
	lin = lin[:len(row)]
	buf = buf[:len(row)]
	for x := range lin {
		c := &lin[x]
		if c.special {
			buf[x] = sample3(v, e, tz, ty, &tabx[x], n)
			continue
		}
		i0, i1, w0, w1 := c.i0, c.i1, c.w0, c.w1
		t := 0.0
		t += p0[i0] * w0
		t += p0[i1] * w1
		t += p1[i0] * w0
		t += p1[i1] * w1
		t += p2[i0] * w0
		t += p2[i1] * w1
		t += p3[i0] * w0
		t += p3[i1] * w1
		buf[x] = t
	}
	storeRow(row, buf)
	return true
}
