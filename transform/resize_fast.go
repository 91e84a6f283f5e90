package transform

import (
	"math"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/border"
	"github.com/gipsdev/gips/internal/scratch"
)

// resizePool keeps the fused resize's tables and rows between calls.
var resizePool scratch.Pool

// The linear resize of a 2D image (skimage's default, order 1) in one
// pass per output row, without the float64 images of skimage's steps:
// each input row the zoom reads is converted (img_as_float's scale),
// smoothed along y (the Gaussian's taps read input rows directly),
// extended by the filter's mode, smoothed along x only at the columns the
// zoom reads, and interpolated along x; the output row combines two such
// rows along y and is clipped as it is stored. The terms are skimage's,
// grouped per axis (Gaussian y, Gaussian x, zoom x, zoom y: separable
// passes on the output grid), so the values agree with skimage's to
// rounding (a few ulps; TestResizeMatchesSkimage holds 1e-9 of the range).
//
// Where each zoom window is two adjacent samples (a shrink), the merged
// pass of resize_merged.go runs instead: the zoom's taps folded into the
// Gaussian's, one pass per output row. This row-by-row form remains for
// the other windows and for signed integers (img_as_float's clip at -1).
//
// It applies to 2D images (any channels and time points) of every type
// but Real32 (whose output skimage rounds to float32 after each pass), in
// every mode but constant, when each kernel fits inside its axis (the
// filter then reads each border pixel at most once).

// resizeFast runs the fused pass and reports true, or reports false when
// it does not apply (the caller takes skimage's steps).
func resizeFast(dst, src *gips.Image, c *resizeConfig, sigma [3]float64) (bool, error) {
	g, og := src.Geometry(), dst.Geometry()
	if c.order != 1 || g.Volume || c.mode == PadConstant || g.Type.Storage() == gips.Real32 || og.Type != gips.Real64 {
		return false, nil
	}
	gx, gy := gaussTaps1(sigma[0]), gaussTaps1(sigma[1])
	if len(gx) > g.SizeX || len(gy) > g.SizeY {
		return false, nil
	}
	// The zoom's windows: scipy's, from a zoom job on the output (order
	// 1, grid mode, the ndimage mode), as ZoomInto would use.
	m := &mapping{}
	j := newJob(dst, src, config{order: 1, mode: c.mode.ndimageMode(), cval: c.cval, gridMode: true}, m)
	// The tables, as the merged taps and rows below, are pooled: made
	// afresh, a 4096x4096 halving's 0.7 MB of them faulted in about 170
	// pages a call (10 us each on the bench's VM).
	m.tabs[0] = j.tableInto(scratch.Get[axisTap](&resizePool, og.SizeX), 0, zoomCoord(g.SizeX, og.SizeX, true))
	m.tabs[1] = j.tableInto(scratch.Get[axisTap](&resizePool, og.SizeY), 1, zoomCoord(g.SizeY, og.SizeY, true))
	defer scratch.Put(&resizePool, m.tabs[0])
	defer scratch.Put(&resizePool, m.tabs[1])
	for a := range 2 {
		for k := range m.tabs[a] {
			if t := &m.tabs[a][k]; t.zero || t.cv != 0 {
				return false, nil
			}
		}
	}
	r := &resizeRun{dst: dst, src: src, tx: m.tabs[0], ty: m.tabs[1], gx: gx, gy: gy, mode: c.mode.borderMode(), scale: 1}
	if !g.Type.IsFloat() && !c.preserveRange {
		_, hi := g.Type.Range()
		r.scale = 1 / hi
		r.clipNeg = g.Type.IsSigned()
	}
	r.lo, r.hi = math.Inf(-1), math.Inf(1)
	if c.clip {
		if lo, hi := imageRange(src); !math.IsNaN(lo) {
			r.lo, r.hi = r.conv(lo), r.conv(hi)
		}
	}
	return true, gips.Dispatch(g.Type, gips.AllKernels(resizePlanes[uint8], resizePlanes[int8], resizePlanes[uint16], resizePlanes[int16],
		resizePlanes[uint32], resizePlanes[int32], resizePlanes[float32], resizePlanes[float64]), r)
}

// gaussTaps1 is scipy's Gaussian kernel of sigma (truncate 4, radius
// int(4·sigma+0.5)): exp(-x²/2σ²) for |x| <= radius over its sum (summed
// in scipy's order, from -radius); the identity for sigma <= 1e-15, as
// scipy skips such axes.
func gaussTaps1(sigma float64) []float64 {
	if !(sigma > 1e-15) {
		return []float64{1}
	}
	rad := int(4*sigma + 0.5)
	w := make([]float64, 2*rad+1)
	sum := 0.0
	for i := range w {
		x := float64(i - rad)
		w[i] = math.Exp(-0.5 / (sigma * sigma) * x * x)
		sum += w[i]
	}
	for i := range w {
		w[i] /= sum
	}
	return w
}

// resizeRun is one fused resize.
type resizeRun struct {
	dst, src *gips.Image
	tx, ty   []axisTap
	gx, gy   []float64 // Gaussian taps along x and y, 2r+1 each
	mode     gips.BorderMode
	scale    float64 // img_as_float's factor (1: values as they are)
	clipNeg  bool    // img_as_float clips signed values at -1
	lo, hi   float64 // the output's clip range (±Inf: none)
}

// conv is img_as_float of one value.
func (r *resizeRun) conv(v float64) float64 {
	v *= r.scale
	if r.clipNeg {
		v = max(v, -1)
	}
	return v
}

func resizePlanes[S gips.Pixel](r *resizeRun) error {
	if ok, err := resizeMerged[S](r); ok || err != nil {
		return err
	}
	sp, err := gips.Planes[S](r.src)
	if err != nil {
		return err
	}
	dp, err := gips.WritablePlanes[float64](r.dst)
	if err != nil {
		return err
	}
	og := r.dst.Geometry()
	nx := r.src.Geometry().SizeX
	cost := nx * 8 * (len(r.gy) + len(r.gx))
	return bands(len(dp), og.SizeY, cost, func(p, y0, y1 int) {
		f := newResizeRows(r, nx, og.SizeX)
		out := dp[p]
		for y := y0; y < y1; y++ {
			t := &r.ty[y]
			h0 := resizeRow(f, r, sp[p], t.idx[0])
			h1 := resizeRow(f, r, sp[p], t.idx[1])
			w0, w1 := t.w[0], t.w[1]
			row := out.Row(y)[:len(h0)]
			h1 = h1[:len(h0)]
			lo, hi := r.lo, r.hi
			for x, a := range h0 {
				row[x] = min(max(a*w0+h1[x]*w1, lo), hi)
			}
		}
	})
}

// resizeRows holds one band's scratch: the y-smoothed row extended by the
// filter's mode, and the last two finished rows (smoothed along y and x
// and interpolated along x) by input row.
type resizeRows struct {
	ext   []float64
	g     []float64 // ext smoothed along x, one per input column
	wy    []float64 // the y taps times img_as_float's scale
	rx    int       // the x kernel's radius: ext[rx+x] is column x
	key   [2]int
	rows  [2][]float64
	older int // which of rows to replace next (the least recently used)
}

func newResizeRows(r *resizeRun, nx, ox int) *resizeRows {
	rx := len(r.gx) / 2
	wy := make([]float64, len(r.gy))
	for i, w := range r.gy {
		wy[i] = r.scale * w
	}
	return &resizeRows{ext: make([]float64, nx+2*rx), g: make([]float64, nx), wy: wy, rx: rx, key: [2]int{-1, -1},
		rows: [2][]float64{make([]float64, ox), make([]float64, ox)}}
}

// resizeRow is input row iy of plane p smoothed along y and x and
// interpolated along x at the output columns (the last two are kept).
func resizeRow[S gips.Pixel](f *resizeRows, r *resizeRun, p gips.Plane[S], iy int) []float64 {
	for k := range 2 {
		if f.key[k] == iy {
			f.older = k ^ 1
			return f.rows[k]
		}
	}
	k := f.older
	f.older ^= 1
	f.key[k] = iy
	h := f.rows[k]
	// Along y: s[x] = Σ gy[i]·conv(v[iy-ry+i][x]), into the middle of ext.
	ny, nx := p.Height, p.Width
	ry := len(r.gy) / 2
	s := f.ext[f.rx : f.rx+nx]
	if r.clipNeg {
		for i, w := range r.gy {
			yy, _ := border.Index(iy-ry+i, ny, r.mode)
			for x, a := range p.Row(yy)[:nx] {
				t := max(float64(a)*r.scale, -1) * w
				if i == 0 {
					s[x] = t
				} else {
					s[x] += t
				}
			}
		}
	} else {
		rows := make([][]S, len(r.gy))
		for i := range rows {
			yy, _ := border.Index(iy-ry+i, ny, r.mode)
			rows[i] = p.Row(yy)[:nx]
		}
		weightedRows(s, rows, f.wy)
	}
	// The filter's border along x.
	for x := range f.rx {
		j, _ := border.Index(x-f.rx, nx, r.mode)
		f.ext[x] = s[j]
		j, _ = border.Index(nx+x, nx, r.mode)
		f.ext[f.rx+nx+x] = s[j]
	}
	// Along x at every column, then the zoom's x weights.
	g := f.g
	correlateRow(g, f.ext, r.gx)
	for x := range h {
		t := &r.tx[x]
		h[x] = g[t.idx[0]]*t.w[0] + g[t.idx[1]]*t.w[1]
	}
	return h
}

// weightedRows sets s[x] = Σ w[i]·rows[i][x], summed in i's order from
// the first product.
func weightedRows[S gips.Pixel](s []float64, rows [][]S, w []float64) {
	x := weightedRowsSIMD(s, rows, w)
	s = s[x:]
	for i, r := range rows {
		r := r[x : x+len(s)]
		wi := w[i]
		if i == 0 {
			for k, a := range r {
				s[k] = float64(a) * wi
			}
			continue
		}
		for k, a := range r {
			s[k] += float64(a) * wi
		}
	}
}

// correlateRow sets g[x] = Σ e[x+k]·w[k] for x < len(g) (e has len(g) +
// len(w) - 1 samples), summed in k's order from 0.
func correlateRow(g, e []float64, w []float64) {
	x := 0
	if correlateF64 != nil {
		x = correlateF64(g, e, w)
	}
	for ; x < len(g); x++ {
		t := 0.0
		for k, wk := range w {
			t += e[x+k] * wk
		}
		g[x] = t
	}
}

// weightedU8, weightedU16 (weightedRows) and correlateF64 (correlateRow)
// are vector versions set by resize_simd.go when gips is built with
// GOEXPERIMENT=simd on a CPU with AVX2; they do a leading part and return
// its length. TestResizeSIMDMatchesPureGo compares them with the Go loops.
var (
	weightedU8   func(s []float64, rows [][]uint8, w []float64) int
	weightedU16  func(s []float64, rows [][]uint16, w []float64) int
	correlateF64 func(g, e, w []float64) int
)

func weightedRowsSIMD[S gips.Pixel](s []float64, rows [][]S, w []float64) int {
	switch r := any(rows).(type) {
	case [][]uint8:
		if weightedU8 != nil {
			return weightedU8(s, r, w)
		}
	case [][]uint16:
		if weightedU16 != nil {
			return weightedU16(s, r, w)
		}
	}
	return 0
}
