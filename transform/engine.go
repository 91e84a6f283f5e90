package transform

import (
	"fmt"
	"math"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/par"
	"github.com/gipsdev/gips/internal/scratch"
)

// The engine is scipy's NI_ZoomShift / NI_GeometricTransform: every output
// pixel is mapped to a point of the input, and the value there is the sum
// over a window of order+1 samples per axis (spline coefficients for order
// > 1) times their B-spline weights. The arithmetic follows scipy's
// (products v*wz*wy*wx in numpy axis order, sums in C order over the
// window) so that orders 0 and 1 give the same numbers.

// maxOrder is the highest spline order (scipy's).
const maxOrder = 5

// npadSpline is how many samples scipy pads the input by before the
// prefilter in the modes without an exact spline boundary (nearest,
// grid-constant), so that the filter sees the extension.
const npadSpline = 12

// engine holds what every output pixel needs: the order, the mode and the
// border constant.
type engine struct {
	order  int
	mode   Mode // canonical
	spline Mode // how window taps outside the input fold back in
	cval   float64
	npad   int // coordinates shift by this much into a padded coefficient volume
}

func newEngine(order int, m Mode, cval float64) engine {
	m = m.canonical()
	e := engine{order: order, mode: m, spline: m.splineMode(), cval: cval}
	if order > 1 && (m == Nearest || m == GridConstant) {
		e.npad = npadSpline
	}
	return e
}

// axisTap is the window along one axis for one coordinate: the input
// indices (already folded into [0, n)), their weights, and for
// GridConstant which taps read cval. zero marks a point that Constant
// mode leaves at cval altogether.
type axisTap struct {
	idx  [maxOrder + 1]int
	w    [maxOrder + 1]float64
	cv   uint8 // bit l: tap l is outside (GridConstant)
	zero bool
}

// tap computes the window for coordinate cc (in the unpadded input's
// pixels) along an axis of n samples (n counts the padding, if any).
func (e *engine) tap(cc float64, n, pad int, t *axisTap) {
	cc += float64(pad)
	if e.mode != GridConstant && e.mode != Nearest {
		cc = mapCoordinate(cc, n, e.mode)
	}
	t.cv, t.zero = 0, false
	if !(cc > -1 || e.mode == GridConstant || e.mode == Nearest) {
		t.zero = true
		return
	}
	var start int
	if e.order&1 != 0 {
		start = int(math.Floor(cc)) - e.order/2
	} else {
		start = int(math.Floor(cc+0.5)) - e.order/2
	}
	edge := start < 0 || start+e.order >= n
	for l := 0; l <= e.order; l++ {
		idx := start + l
		if edge {
			if e.mode == GridConstant {
				if idx < 0 || idx >= n {
					t.cv |= 1 << l
					idx = 0
				}
			} else {
				idx = int(mapCoordinate(float64(idx), n, e.spline))
			}
		}
		if idx < 0 || idx >= n { // only for coordinates beyond int's range
			idx = 0
		}
		t.idx[l] = idx
	}
	if e.order > 0 {
		splineWeights(cc, e.order, &t.w)
	}
}

// volume is one (channel, time) volume of the source: rows[z*ny+y].
type volume[S gips.Pixel] struct {
	rows       [][]S
	nx, ny, nz int
	buf        []S             // the memory of a coefficient volume (for putCoefficients)
	planes     []gips.Plane[S] // the source's planes, z by z (nil for coefficients)
}

// plane is plane z of v, or nil for a coefficient volume.
func (v *volume[S]) plane(z int) *gips.Plane[S] {
	if z < len(v.planes) {
		return &v.planes[z]
	}
	return nil
}

// coefficientPool keeps coefficient volumes between calls: a fresh one
// of 4096² float64 is 136 MB of new pages from the OS, whose page faults
// cost more than the prefilter itself (the Go runtime hands a freed
// volume's pages back to the OS before the next call). A pooled volume
// lives until the second garbage collection after it was put back.
var coefficientPool scratch.Pool

func getCoefficients(n int) []float64 { return scratch.Get[float64](&coefficientPool, n) }

// putCoefficients gives a coefficient volume back once nothing reads it.
func putCoefficients(v *volume[float64]) {
	if v.buf != nil {
		b := v.buf
		v.buf, v.rows = nil, nil
		scratch.Put(&coefficientPool, b)
	}
}

// sample2 is the value at the point whose windows are ty and tx.
func sample2[S gips.Pixel](v *volume[S], e *engine, ty, tx *axisTap) float64 {
	if ty.zero || tx.zero {
		return e.cval
	}
	t := 0.0
	o := e.order
	for i := 0; i <= o; i++ {
		row := v.rows[ty.idx[i]]
		for j := 0; j <= o; j++ {
			var c float64
			if (ty.cv>>i|tx.cv>>j)&1 != 0 {
				c = e.cval
			} else {
				c = float64(row[tx.idx[j]])
			}
			if o > 0 {
				c *= ty.w[i]
				c *= tx.w[j]
			}
			t += c
		}
	}
	return t
}

// sample3 is sample2 for a volume; n holds the window length along x, y
// and z (order+1, or 1 along an axis that the map leaves alone).
func sample3[S gips.Pixel](v *volume[S], e *engine, tz, ty, tx *axisTap, n *[3]int) float64 {
	if tz.zero || ty.zero || tx.zero {
		return e.cval
	}
	t := 0.0
	o := e.order
	for k := 0; k < n[2]; k++ {
		base := tz.idx[k] * v.ny
		for i := 0; i < n[1]; i++ {
			row := v.rows[base+ty.idx[i]]
			for j := 0; j < n[0]; j++ {
				var c float64
				if (tz.cv>>k|ty.cv>>i|tx.cv>>j)&1 != 0 {
					c = e.cval
				} else {
					c = float64(row[tx.idx[j]])
				}
				if o > 0 {
					c *= tz.w[k]
					c *= ty.w[i]
					c *= tx.w[j]
				}
				t += c
			}
		}
	}
	return t
}

// store converts an interpolated value to D as scipy does: integers round
// half away from zero (t+0.5 truncated, t-0.5 for negatives) and saturate,
// NaN becomes 0; floats convert directly.
func store[D gips.Pixel](t float64) D {
	var z D
	switch any(z).(type) {
	case float32, float64:
		return D(t)
	}
	lo, hi := gips.TypeOf[D]().Range()
	if !(t > lo) { // NaN too
		if t != t {
			return 0
		}
		return D(lo)
	}
	if t > 0 {
		t += 0.5
	} else {
		t -= 0.5
	}
	if t >= hi {
		return D(hi)
	}
	if t <= lo {
		return D(lo)
	}
	return D(t)
}

// sourceVolumes gives the (channel, time) volumes of img, typed, in
// PlaneIndex order of their first plane.
func sourceVolume[S gips.Pixel](planes []gips.Plane[S], g gips.Geometry, c, t int) *volume[S] {
	v := &volume[S]{nx: g.SizeX, ny: g.SizeY, nz: g.SizeZ, rows: make([][]S, g.SizeY*g.SizeZ),
		planes: make([]gips.Plane[S], g.SizeZ)}
	for z := 0; z < g.SizeZ; z++ {
		p := planes[g.PlaneIndex(z, c, t)]
		v.planes[z] = p
		for y := 0; y < g.SizeY; y++ {
			v.rows[z*g.SizeY+y] = p.Row(y)
		}
	}
	return v
}

// coefficients is the prefiltered spline coefficient volume of src, in
// float64, padded by pad along x, y and z as scipy pads before filtering
// in nearest and grid-constant modes. Axes marked ident (left alone by
// the map, as the third axis of a rotation) are neither padded nor
// filtered, as scipy rotates a volume plane by plane.
func coefficients[S gips.Pixel](src *volume[S], e *engine, pad [3]int, ident [3]bool) *volume[float64] {
	px, p, pz := pad[0], pad[1], pad[2]
	nx, ny, nz := src.nx+2*px, src.ny+2*p, src.nz+2*pz
	data := getCoefficients(nx * ny * nz) // every sample is written below
	// Fill, padding included (nearest repeats the edge, grid-constant
	// cval), and filter along z, y, then x: scipy's axis order
	// (prefilter.go).
	fillFilterZ(data, src, e, pad, nx, ny, nz, ident[2])
	filterYX(data, nx, ny, e, ident)
	v := &volume[float64]{nx: nx, ny: ny, nz: nz, rows: make([][]float64, ny*nz), buf: data}
	for r := range v.rows {
		v.rows[r] = data[r*nx : (r+1)*nx : (r+1)*nx]
	}
	return v
}

// coefRow fills a row of the padded coefficient volume before filtering
// from s, the input row it repeats (the nearest one for a padding row):
// nearest repeats the edge, grid-constant pads with cval (the whole row
// when it lies outside the input).
func coefRow[S gips.Pixel](row []float64, s []S, px int, e *engine, outside bool) {
	if e.mode == GridConstant && outside {
		for i := range row {
			row[i] = e.cval
		}
		return
	}
	mid := row[px : len(row)-px]
	for x, v := range s[:len(mid)] {
		mid[x] = float64(v)
	}
	before, after := row[:px], row[len(row)-px:]
	lo, hi := e.cval, e.cval
	if e.mode != GridConstant {
		lo, hi = mid[0], mid[len(mid)-1]
	}
	for x := range before {
		before[x] = lo
	}
	for x := range after {
		after[x] = hi
	}
}

// lineFilter filters the contiguous lines of length n, 8 at a time:
// gathered side by side (sample i of line k at buf[i*8+k]) so that their
// recursions interleave (filterLines), and scattered back.
func lineFilter(data []float64, n int, e *engine) {
	if n <= 1 {
		return
	}
	const group = 8
	lines := len(data) / n
	groups := (lines + group - 1) / group
	par.For(groups, max(1, par.Grain(n*8*group)), func(lo, hi int) {
		buf := scratch.Get[float64](&coefficientPool, group*n) // filterLines reads the w lanes written
		defer scratch.Put(&coefficientPool, buf)
		for gi := lo; gi < hi; gi++ {
			l0 := gi * group
			w := min(group, lines-l0)
			for k := 0; k < w; k++ {
				line := data[(l0+k)*n : (l0+k+1)*n]
				for i, v := range line {
					buf[i*group+k] = v
				}
			}
			filterLines(buf, n, w, group, e.order, e.mode)
			for k := 0; k < w; k++ {
				line := data[(l0+k)*n : (l0+k+1)*n]
				for i := range line {
					line[i] = buf[i*group+k]
				}
			}
		}
	})
}

// filterAxis filters the lines of n samples spaced stride apart; blocks of
// block elements hold stride independent lines each. Lines are gathered
// 16 neighbours at a time (contiguous runs of memory, kept side by side:
// sample i of line k at buf[i*16+k]), filtered together (filterLines) and
// scattered back.
func filterAxis(data []float64, n, stride, block int, e *engine) {
	if n <= 1 {
		return
	}
	const group = 16
	blocks := len(data) / block
	groups := (stride + group - 1) / group
	par.For(blocks*groups, max(1, 256/n), func(lo, hi int) {
		buf := scratch.Get[float64](&coefficientPool, group*n) // filterLines reads the w lanes written
		defer scratch.Put(&coefficientPool, buf)
		for l := lo; l < hi; l++ {
			b, o := l/groups, (l%groups)*group
			w := min(group, stride-o)
			base := b*block + o
			for i := 0; i < n; i++ {
				copy(buf[i*group:i*group+w], data[base+i*stride:base+i*stride+w])
			}
			filterLines(buf, n, w, group, e.order, e.mode)
			for i := 0; i < n; i++ {
				copy(data[base+i*stride:base+i*stride+w], buf[i*group:i*group+w])
			}
		}
	})
}

// bands runs fn over the rows of planes in parallel, turning a panic in a
// worker into an error.
func bands(planes, height int, rowCost int, fn func(p, y0, y1 int)) (err error) {
	var first error
	var once = make(chan struct{}, 1)
	once <- struct{}{}
	par.Bands(planes, height, par.Grain(rowCost), func(p, y0, y1 int) {
		defer func() {
			if r := recover(); r != nil {
				select {
				case <-once:
					first = fmt.Errorf("transform: internal error: %v", r)
				default:
				}
			}
		}()
		fn(p, y0, y1)
	})
	return first
}
