package transform

import (
	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/scratch"
)

// Order-1 zoom of a plane by gathered rows. scipy's value at output
// (x, y) is ((((0 + (v00·wy0)·wx0) + (v01·wy0)·wx1) + (v10·wy1)·wx0) +
// (v11·wy1)·wx1), where v00, v01 are input row y0 at the x taps i0[x],
// i1[x] and v10, v11 row y1 at the same taps. The x taps are the same on
// every output row, so an input row is gathered once into two float64 rows
// of the output's width, a[x] = v[i0[x]] and b[x] = v[i1[x]] (exact), and
// kept while the next output row reads it too (two output rows per input
// row at a zoom by 2). The sum is then a straight vector loop over x
// (linRows; AVX2 where there is, the same operations in the same order, so
// the same values): the products and sums are zoomLinRow2's, bit for bit,
// without its per-pixel index loads. Points marked special (a tap reading
// cval) take sample2 afterwards. Into float32 and int16 the AVX-512 pass
// stores the values as it makes them (linRowsStoreSIMD). A float32
// doubling widens its rows instead of gathering them (zoomdouble.go).

// zoomGather turns the gathered rows on (tests turn it off to compare with
// zoomLinRow2).
var zoomGather = true

// gatherTaps is an x table of order 1 as flat arrays for gather: the taps
// of the special points are 0 (read, then overwritten by sample2).
type gatherTaps struct {
	i0, i1  []int32
	w0, w1  []float64
	special []int // the x of the special points
	// double marks the doubling pattern of weights a, b (doublePattern).
	double bool
	a, b   float64
}

// newGatherTaps takes its arrays from the pool and writes every entry;
// release gives them back.
func newGatherTaps(lin []linTap) *gatherTaps {
	n := len(lin)
	g := &gatherTaps{i0: scratch.Get[int32](&resizePool, n), i1: scratch.Get[int32](&resizePool, n),
		w0: scratch.Get[float64](&resizePool, n), w1: scratch.Get[float64](&resizePool, n)}
	for x, c := range lin {
		if c.special {
			g.special = append(g.special, x)
			g.i0[x], g.i1[x], g.w0[x], g.w1[x] = 0, 0, 0, 0
			continue
		}
		g.i0[x], g.i1[x], g.w0[x], g.w1[x] = c.i0, c.i1, c.w0, c.w1
	}
	g.a, g.b, g.double = doublePattern(lin)
	return g
}

func (g *gatherTaps) release() {
	scratch.Put(&resizePool, g.i0)
	scratch.Put(&resizePool, g.i1)
	scratch.Put(&resizePool, g.w0)
	scratch.Put(&resizePool, g.w1)
	g.i0, g.i1, g.w0, g.w1 = nil, nil, nil, nil
}

// gatherCache holds the gathered forms of two input rows (slot s: input row
// key[s], -1 for none; -2-r for row r widened into a[s]).
type gatherCache struct {
	key  [2]int
	a, b [2][]float64
}

// newGatherCache takes its rows from the pool: a slot is written in full
// (gathered or widened) before its key names a row; release gives them
// back.
func newGatherCache(width int) *gatherCache {
	c := &gatherCache{key: [2]int{-1, -1}}
	for s := range 2 {
		c.a[s], c.b[s] = scratch.Get[float64](&resizePool, width), scratch.Get[float64](&resizePool, width)
	}
	return c
}

func (c *gatherCache) release() {
	for s := range 2 {
		scratch.Put(&resizePool, c.a[s])
		scratch.Put(&resizePool, c.b[s])
		c.a[s], c.b[s] = nil, nil
	}
}

// slot is the slot holding input row r of rows, gathered (or widened)
// into the slot not holding row keep if it is not there yet.
func slot[S gips.Pixel](c *gatherCache, g *gatherTaps, rows [][]S, r, keep int, wide bool) int {
	k := r
	if wide {
		k, keep = -2-r, -2-keep
	}
	for s := range 2 {
		if c.key[s] == k {
			return s
		}
	}
	s := 0
	if c.key[0] == keep {
		s = 1
	}
	if wide {
		widenRow(c.a[s], rows[r])
	} else {
		gatherRow(c.a[s], c.b[s], rows[r], g.i0, g.i1)
	}
	c.key[s] = k
	return s
}

// gatherRow sets a[x] = v[i0[x]] and b[x] = v[i1[x]] as float64.
func gatherRow[S gips.Pixel](a, b []float64, v []S, i0, i1 []int32) {
	i0, i1, b = i0[:len(a)], i1[:len(a)], b[:len(a)]
	for x := range a {
		a[x] = float64(v[i0[x]])
		b[x] = float64(v[i1[x]])
	}
}

// zoomGatherRow2 writes output row y of a 2D zoom for the y window ty, or
// reports false when that window needs the general path (zoomLinRow2's
// conditions).
func zoomGatherRow2[S, D gips.Pixel](v *volume[S], e *engine, ty *axisTap, tabx []axisTap, g *gatherTaps, c *gatherCache, row []D, buf []float64) bool {
	if g == nil || ty.zero || ty.cv != 0 {
		return false
	}
	r0, r1 := ty.idx[0], ty.idx[1]
	wy0, wy1 := ty.w[0], ty.w[1]
	if o, ok := any(row).([]float32); ok && g.double && gips.TypeOf[S]() == gips.Real32 && sixteenths(g.a, g.b, wy0, wy1) {
		s0 := slot(c, g, v.rows, r0, r1, true)
		s1 := slot(c, g, v.rows, r1, r0, true)
		doubleRowF32(o, c.a[s0], c.a[s1], g, wy0, wy1)
		zoomSpecial(v, e, ty, tabx, g, row)
		return true
	}
	s0 := slot(c, g, v.rows, r0, r1, false)
	s1 := slot(c, g, v.rows, r1, r0, false)
	a0, b0, a1, b1 := c.a[s0], c.b[s0], c.a[s1], c.b[s1]
	k := linRowsStoreSIMD(row, a0, b0, a1, b1, g.w0, g.w1, wy0, wy1)
	if k < len(row) {
		t := buf[k:len(row)]
		linRows(t, a0[k:], b0[k:], a1[k:], b1[k:], g.w0[k:], g.w1[k:], wy0, wy1)
		storeSeg(row[k:], t)
	}
	zoomSpecial(v, e, ty, tabx, g, row)
	return true
}

// zoomSpecial writes the special points of the row from sample2.
func zoomSpecial[S, D gips.Pixel](v *volume[S], e *engine, ty *axisTap, tabx []axisTap, g *gatherTaps, row []D) {
	for _, x := range g.special {
		t := [1]float64{sample2(v, e, ty, &tabx[x])}
		storeRow(row[x:x+1], t[:])
	}
}

// linRows sets t[x] = ((((0 + (a0·wy0)·w0) + (b0·wy0)·w1) + (a1·wy1)·w0) +
// (b1·wy1)·w1) at every x, its vector part first.
func linRows(t, a0, b0, a1, b1, w0, w1 []float64, wy0, wy1 float64) {
	k := linRowsSIMD(t, a0, b0, a1, b1, w0, w1, wy0, wy1)
	linRowsGo(t[k:], a0[k:], b0[k:], a1[k:], b1[k:], w0[k:], w1[k:], wy0, wy1)
}

// linRowsGo is linRows in Go, the reference of its vector twin. The
// conversions keep each product rounded (no fused multiply-add).
func linRowsGo(t, a0, b0, a1, b1, w0, w1 []float64, wy0, wy1 float64) {
	n := len(t)
	a0, b0, a1, b1, w0, w1 = a0[:n], b0[:n], a1[:n], b1[:n], w0[:n], w1[:n]
	for x := range t {
		s := 0.0
		s += float64(float64(a0[x]*wy0) * w0[x])
		s += float64(float64(b0[x]*wy0) * w1[x])
		s += float64(float64(a1[x]*wy1) * w0[x])
		s += float64(float64(b1[x]*wy1) * w1[x])
		t[x] = s
	}
}
