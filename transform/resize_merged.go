package transform

import (
	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/border"
	"github.com/gipsdev/gips/internal/scratch"
)

// The fused resize with the zoom's two taps merged into the Gaussian's.
// Where every output pixel's zoom window is two adjacent samples along
// each axis (i0 and i0+1, as a shrink in grid mode has away from folded
// borders), output = Σ_y cy·Σ_x cx·conv(v) with the merged taps
// c[k] = w0·g[k] + w1·g[k-1] (k = 0..len(g)): the Gaussian is computed
// only where the zoom samples it, in one pass per output row instead of
// two smoothed input rows along x at every column. The same terms as
// resizeRow's, regrouped, so the values agree with skimage's to a few
// ulps (TestResizeMatchesSkimage's 1e-9 of the range). img_as_float's
// clip of signed values at -1 is not linear, so signed integers (unless
// preserved) keep resizeRow's path.

// mergedAxis holds one axis' merged taps: output i reads n samples of the
// extended axis from start[i] with weights w[i*n : i*n+n].
type mergedAxis struct {
	n     int
	start []int
	w     []float64
}

// mergeAxis merges the zoom windows t with the Gaussian taps g, or
// reports false when a window is not two adjacent samples.
func mergeAxis(t []axisTap, g []float64) (mergedAxis, bool) {
	m := mergedAxis{n: len(g) + 1, start: scratch.Get[int](&resizePool, len(t)), w: scratch.Get[float64](&resizePool, len(t)*(len(g)+1))}
	for i := range t {
		if t[i].idx[1] != t[i].idx[0]+1 {
			return m, false
		}
		m.start[i] = t[i].idx[0]
		w0, w1 := t[i].w[0], t[i].w[1]
		for k := range m.n {
			c := 0.0
			if k < len(g) {
				c = w0 * g[k]
			}
			if k > 0 {
				c += w1 * g[k-1]
			}
			m.w[i*m.n+k] = c
		}
	}
	return m, true
}

// release gives m's lists back to resizePool; m is not used after.
func (m *mergedAxis) release() {
	scratch.Put(&resizePool, m.start)
	scratch.Put(&resizePool, m.w)
}

// stride2 reports whether output i reads from start[0]+2i with the same
// weights as output 0 (a halving's interior: the vector kernel's case).
func (m *mergedAxis) stride2() bool {
	for i, s := range m.start {
		if s != m.start[0]+2*i {
			return false
		}
		for k := range m.n {
			if m.w[i*m.n+k] != m.w[k] {
				return false
			}
		}
	}
	return true
}

// resizeMerged runs the merged pass when it applies and reports whether
// it did.
func resizeMerged[S gips.Pixel](r *resizeRun) (bool, error) {
	if r.clipNeg {
		return false, nil
	}
	mx, okx := mergeAxis(r.tx, r.gx)
	my, oky := mergeAxis(r.ty, r.gy)
	defer mx.release()
	defer my.release()
	if !okx || !oky {
		return false, nil
	}
	for i := range my.w {
		my.w[i] *= r.scale
	}
	sp, err := gips.Planes[S](r.src)
	if err != nil {
		return true, err
	}
	dp, err := gips.WritablePlanes[float64](r.dst)
	if err != nil {
		return true, err
	}
	og := r.dst.Geometry()
	nx, ny := r.src.Geometry().SizeX, r.src.Geometry().SizeY
	rx, ry := len(r.gx)/2, len(r.gy)/2
	var zero S
	intRows := !isFloat(zero)
	vector := intRows && mx.stride2() // integers: no NaN, so the vector clip is Go's
	cost := 8 * (nx*my.n + og.SizeX*mx.n)
	return true, bands(len(dp), og.SizeY, cost, func(p, y0, y1 int) {
		ext := scratch.Get[float64](&resizePool, nx+2*rx) // every element written before it is read
		defer scratch.Put(&resizePool, ext)
		rows := make([][]S, my.n)
		s := ext[rx : rx+nx]
		for y := y0; y < y1; y++ {
			for k := range rows {
				yy, _ := border.Index(my.start[y]-ry+k, ny, r.mode)
				rows[k] = sp[p].Row(yy)[:nx]
			}
			if w := my.w[y*my.n : (y+1)*my.n]; intRows && symmetric(w) {
				weightedRowsSym(s, rows, w)
			} else {
				weightedRows(s, rows, w)
			}
			for x := range rx {
				j, _ := border.Index(x-rx, nx, r.mode)
				ext[x] = s[j]
				j, _ = border.Index(nx+x, nx, r.mode)
				ext[rx+nx+x] = s[j]
			}
			mergedRow(dp[p].Row(y)[:og.SizeX], ext, &mx, vector, r.lo, r.hi)
		}
	})
}

// mergedRow sets o[i] = clip(Σ_k w[i][k]·e[start[i]+k]), summed in k's
// order from 0; vector lets the stride-2 kernel do a leading part.
func mergedRow(o, e []float64, m *mergedAxis, vector bool, lo, hi float64) {
	i := 0
	sym := vector && len(o) > 0 && symmetric(m.w[:m.n]) // then every output's (stride2)
	if vector && len(o) > 0 {
		if sym && correlate2SymF64 != nil {
			i = correlate2SymF64(o, e[m.start[0]:], m.w[:m.n], lo, hi)
		} else if !sym && correlate2F64 != nil {
			i = correlate2F64(o, e[m.start[0]:], m.w[:m.n], lo, hi)
		}
	}
	n, h := m.n, m.n/2
	for ; i < len(o); i++ {
		w := m.w[i*n : (i+1)*n]
		e := e[m.start[i] : m.start[i]+n]
		t := 0.0
		if sym {
			for k := range h {
				t += (e[k] + e[n-1-k]) * w[k]
			}
			if n%2 == 1 {
				t += e[h] * w[h]
			}
		} else {
			for k, v := range e {
				t += v * w[k]
			}
		}
		o[i] = min(max(t, lo), hi)
	}
}

// symmetric reports whether w reads the same backwards: a halving's
// merged taps (the zoom's equal weights, the Gaussian's symmetric ones),
// whose mirrored samples can be added before one product.
func symmetric(w []float64) bool {
	for k := range w {
		if w[k] != w[len(w)-1-k] {
			return false
		}
	}
	return true
}

// weightedRowsSym is weightedRows for symmetric w and integer samples
// (the sum of two is exact in float64): s[x] = Σ_k w[k]·(rows[k][x] +
// rows[n-1-k][x]) for k < n/2, then w[n/2]·rows[n/2][x] for odd n, summed
// in that order from the first product; half the products.
func weightedRowsSym[S gips.Pixel](s []float64, rows [][]S, w []float64) {
	x := 0
	if r, ok := any(rows).([][]uint8); ok && weightedSymU8 != nil {
		x = weightedSymU8(s, r, w)
	}
	s = s[x:]
	n, h := len(rows), len(rows)/2
	for k := range h {
		a, b := rows[k][x:x+len(s)], rows[n-1-k][x:x+len(s)]
		wk := w[k]
		if k == 0 {
			for i := range s {
				s[i] = (float64(a[i]) + float64(b[i])) * wk
			}
			continue
		}
		for i := range s {
			s[i] += (float64(a[i]) + float64(b[i])) * wk
		}
	}
	if n%2 == 1 {
		a, wh := rows[h][x:x+len(s)], w[h]
		for i := range s {
			if h == 0 {
				s[i] = float64(a[i]) * wh
			} else {
				s[i] += float64(a[i]) * wh
			}
		}
	}
}

func isFloat[S gips.Pixel](v S) bool {
	switch any(v).(type) {
	case float32, float64:
		return true
	}
	return false
}

// correlate2F64 (mergedRow's stride-2 case: o[i] = clip(Σ_k w[k]·e[2i+k])),
// correlate2SymF64 (the same with symmetric w, mirrored samples added
// first) and weightedSymU8 (weightedRowsSym) are vector versions set by
// resize_simd.go; each does a leading part and returns its length.
// TestResizeMergedSIMDMatchesPureGo compares them with the Go loops.
var (
	correlate2F64    func(o, e, w []float64, lo, hi float64) int
	correlate2SymF64 func(o, e, w []float64, lo, hi float64) int
	weightedSymU8    func(s []float64, rows [][]uint8, w []float64) int
	weightedSymAlt   func(s []float64, rows [][]uint8, w []float64) int // the AVX2 one AVX-512 replaced (for the twin test)
)
