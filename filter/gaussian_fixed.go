package filter

import (
	"fmt"
	"math"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/par"
)

// The fixed-point Gaussian: UInt8 to UInt8 (the same-type output of a
// UInt8 image), as OpenCV's GaussianBlur does it, on 16-bit lanes: twice
// the lanes of the float32 path and no conversions.
//
// Values are held in units of 1/128 grey level (fxFrac fractional bits):
// a pixel is x·128 <= 32640, so the sum of the two pixels a symmetric tap
// pair reads fits a uint16. Weights are g·2^16 rounded (uint16), and one
// pass is
//
//	o = off + mulhi(u(0), W0) + Σ_k mulhi(u(-k) + u(k), Wk),  mulhi(a, b) = ⌊a·b / 2^16⌋
//
// along y (into one row of uint16), then along x; the output is
// min(⌊(o + 64) / 128⌋, 255): o/128 rounded half up (the values are not
// negative, so half away from zero).
//
// The error bound, proved per call by fxPass.err before the path is taken
// (else the exact float path runs): let O = Σ_t g_t·u_t be a pass's exact
// value on its inputs u (0 <= u <= U), d_t = W_t/2^16 - g_t. Each of the
// r+1 floors loses less than 1 unit, and the weights' error adds
// Σ_t d_t·u_t, between U·Σ(d_t<0) and U·Σ(d_t>0). So
//
//	off - (r+1) + U·Σneg < o - O <= off + U·Σpos,
//
// |o - O| <= e = max(r+1 - off + U·|Σneg|, off + U·Σpos). The second
// pass reads the first's output h instead of the exact H; as g >= 0 and
// Σg = 1, that moves its exact value by at most e1. In all, the last
// pass's o is within e1 + e2 units (1/128 grey) of 128 times the exact
// float64 Gaussian E, and fxMaxErr (0.49 grey) bounds (e1 + e2)/128 for
// the path to run. Then |o/128 - E| < 0.5, so the rounded outputs differ
// by at most one: |out - round(E)| <= 1 grey level (and |out - E| < 1).
// With off = ⌈(r+1)/2⌉ the floors' bias is centred; for sigma 2 (r = 8)
// the bound is about 0.14 grey level, and most pixels equal round(E).
// A radius beyond about 25 exceeds the budget and takes the float path.
const (
	fxFrac   = 7
	fxOne    = 1 << fxFrac
	fxMaxErr = 0.49
)

// fxPass is one axis of the fixed-point Gaussian: w[0] the centre weight,
// w[k] the weight at ±k (g·2^16 rounded, Σ over the 2r+1 taps <= 2^16),
// off the constant that centres the floors' bias. neg and pos are the
// sums of the negative and positive weight errors d_t over the taps.
type fxPass struct {
	w        []uint16
	off      uint16
	neg, pos float64
}

// newFxPass quantises the normalised half kernel g (g[0] the centre); r = 0
// (g = [1]) is the identity.
func newFxPass(g []float64) (fxPass, bool) {
	r := len(g) - 1
	if r == 0 {
		return fxPass{w: []uint16{0}}, true // identity: see fxPass.identity
	}
	w := make([]uint16, r+1)
	sum := 0
	for k, v := range g {
		q := min(math.Round(v*65536), 65535)
		if !(q >= 0) {
			return fxPass{}, false
		}
		w[k] = uint16(q)
		sum += int(q) * min(2, 1+k)
	}
	if excess := sum - 65536; excess > 0 { // the taps' sum must not exceed 1
		if int(w[0]) < excess {
			return fxPass{}, false
		}
		w[0] -= uint16(excess)
	}
	p := fxPass{w: w, off: uint16((r + 2) / 2)}
	for k, v := range g {
		d := (float64(w[k])/65536 - v) * float64(min(2, 1+k))
		if d < 0 {
			p.neg -= d
		} else {
			p.pos += d
		}
	}
	return p, true
}

func (p *fxPass) identity() bool { return len(p.w) == 1 }

// err is the pass's error bound e on inputs within [0, u], in units, and
// the largest value it can output.
func (p *fxPass) err(u float64) (e, top float64) {
	if p.identity() {
		return 0, u
	}
	r, off := float64(len(p.w)), float64(p.off)
	e = max(r-off+u*p.neg, off+u*p.pos) * (1 + 1e-9) // a margin for this float64 arithmetic
	sum := float64(p.w[0])
	for _, v := range p.w[1:] {
		sum += 2 * float64(v)
	}
	return e, off + u*sum/65536
}

// fxSym computes one pass into out: src(j) is the input shifted by j, a
// slice as long as out. A SIMD twin (fxSymVec) does the leading multiple
// of 16.
func fxSym(out []uint16, srcs [][]uint16, p *fxPass) {
	done := fxSymVec(out, nil, srcs, p.w, p.off)
	fxSymGo(out[done:], nil, srcs, p.w, p.off, done)
}

// fxSymU8 is fxSym followed by the final rounding into uint8 pixels.
func fxSymU8(out []uint8, srcs [][]uint16, p *fxPass) {
	done := fxSymVec(nil, out, srcs, p.w, p.off)
	fxSymGo(nil, out[done:], srcs, p.w, p.off, done)
}

// fxSymVec is the widest vector twin of fxSymGo this CPU has, set by
// gaussian_fixed_simd.go; it returns how many leading pixels it did (none
// in the pure-Go build).
var fxSymVec = func(out []uint16, out8 []uint8, srcs [][]uint16, w []uint16, off uint16) int { return 0 }

// fxTier is one vector width's twins of fxSymGo and fxSymIn8Go; fxTiers
// are those this CPU has, widest first (the widest in use), for the tests
// and benchmarks.
type fxTier struct {
	sym    func(out []uint16, out8 []uint8, srcs [][]uint16, w []uint16, off uint16) int
	symIn8 func(out []uint16, srcs [][]uint8, w []uint16, off uint16) int
}

var fxTiers []fxTier

// use makes t the vector twins in use.
func (t fxTier) use() { fxSymVec, fxSymIn8Vec = t.sym, t.symIn8 }

// fxSymGo is the pure-Go pass from pixel x0 of the sources into out (or,
// when out is nil, rounded into out8); srcs holds 2r+1 slices, srcs[r+j]
// the input shifted by j.
func fxSymGo(out []uint16, out8 []uint8, srcs [][]uint16, w []uint16, off uint16, x0 int) {
	r := len(w) - 1
	n := len(out)
	if out == nil {
		n = len(out8)
	}
	for i := range n {
		x := x0 + i
		o := off + uint16(uint32(srcs[r][x])*uint32(w[0])>>16)
		for k := 1; k <= r; k++ {
			o += uint16(uint32(srcs[r-k][x]+srcs[r+k][x]) * uint32(w[k]) >> 16)
		}
		if out != nil {
			out[i] = o
		} else {
			out8[i] = uint8(min((uint32(o)+fxOne/2)>>fxFrac, 255))
		}
	}
}

// widen7 sets dst[i] = src[i]·128; widenVec does a leading part.
func widen7(dst []uint16, src []uint8) {
	done := widenVec(dst, src)
	dst = dst[done:len(src)]
	for i, v := range src[done:] {
		dst[i] = uint16(v) << fxFrac
	}
}

var widenVec = func(dst []uint16, src []uint8) int { return 0 }

// fxGaussian runs the fixed-point Gaussian of a 2D UInt8 image into a
// UInt8 one when it applies and its error bound holds (see above); false
// leaves the work to the float path. The caller has checked sizes,
// writability and aliasing.
func fxGaussian(dst, src *gips.Image, sigma [3]float64, c config) (bool, error) {
	g := src.Geometry()
	if g.Volume || src.Type() != gips.UInt8 || dst.Type() != gips.UInt8 {
		return false, nil
	}
	cv := 0.0
	if c.mode == Constant {
		if c.cval != math.Trunc(c.cval) || c.cval < 0 || c.cval > 255 {
			return false, nil
		}
		cv = c.cval
	}
	var ps [2]fxPass
	for a, n := range [2]int{g.SizeX, g.SizeY} {
		r, _ := radius(sigma[a], c.truncate)
		gk := []float64{1}
		if r > 0 {
			gk = foldedGaussian(sigma[a], r, n, c.mode)
			if len(gk) != r+1 || r >= n { // folded: the float path
				return false, nil
			}
		}
		p, ok := newFxPass(gk)
		if !ok {
			return false, nil
		}
		ps[a] = p
	}
	// The y pass first (see fxPlanes); the x pass reads its output and,
	// in Constant mode, cval·128 beyond the row.
	e1, top := ps[1].err(255 * fxOne)
	if top > 32767 {
		return false, nil
	}
	e2, _ := ps[0].err(max(top, 255*fxOne))
	if (e1+e2)/fxOne >= fxMaxErr {
		return false, nil
	}
	sp, err := gips.Planes[uint8](src)
	if err != nil {
		return true, err
	}
	dp, err := gips.WritablePlanes[uint8](dst)
	if err != nil {
		return true, err
	}
	fxPlanes(dp, sp, &ps[0], &ps[1], c.mode, uint8(cv))
	return true, nil
}

// fxPlanes filters each plane, the y pass first: each output row's y
// pass reads its 2ry+1 source rows (UInt8, widened on the fly) into one
// row of 1/128 units, extended along x by the mode, and its x pass rounds
// that row into the output. A row needs nothing but its source rows, so
// bands of rows run in parallel with no halo to recompute and no state
// but one extended row (the x-first order kept a ring of x-filtered rows
// per band, 139 KB at 4096 pixels, and every band filtered its 2ry halo
// rows again: 40% more CPU at two threads than at one). A source row
// beyond the image in Constant mode is cval, so the y pass of a column
// is cval itself and the x pass reads cval beyond the row.
func fxPlanes(dp, sp []gips.Plane[uint8], px, py *fxPass, mode Mode, cval uint8) {
	rx, ry := len(px.w)-1, len(py.w)-1
	w, h := sp[0].Width, sp[0].Height
	wide := uint16(cval) << fxFrac
	par.Bands(len(sp), h, max(4, par.Grain(3*w)), func(p, y0, y1 int) {
		ext := make([]uint16, w+2*rx)
		mid := ext[rx : rx+w]
		var cvRow []uint8
		ys := make([][]uint8, 2*ry+1)
		xs := make([][]uint16, 2*rx+1)
		for j := range xs {
			xs[j] = ext[j : j+w]
		}
		for y := y0; y < y1; y++ {
			for j := range ys {
				s, ok := inside(y+j-ry, h, mode)
				if ok {
					ys[j] = sp[p].Row(s)
					continue
				}
				if cvRow == nil {
					cvRow = make([]uint8, w)
					for i := range cvRow {
						cvRow[i] = cval
					}
				}
				ys[j] = cvRow
			}
			if py.identity() {
				widen7(mid, ys[0])
			} else {
				fxSymIn8(mid, ys, py)
			}
			for i := range rx {
				ext[i], ext[rx+w+i] = wide, wide
				if j, ok := inside(i-rx, w, mode); ok {
					ext[i] = mid[j]
				}
				if j, ok := inside(w+i, w, mode); ok {
					ext[rx+w+i] = mid[j]
				}
			}
			out := dp[p].Row(y)
			if px.identity() {
				fxRound(out, mid)
			} else {
				fxSymU8(out, xs, px)
			}
		}
	})
}

// fxSymIn8 is fxSym on UInt8 sources widened to 1/128 units on the fly
// (srcs[r+j] the source shifted by j, each at least len(out) long): the
// same integer operations as fxSymGo on widened rows, since the widened
// pair sum (a+b)·128 <= 65280 fits a uint16. A SIMD twin (fxSymIn8Vec)
// does a leading part.
func fxSymIn8(out []uint16, srcs [][]uint8, p *fxPass) {
	done := fxSymIn8Vec(out, srcs, p.w, p.off)
	fxSymIn8Go(out[done:], srcs, p.w, p.off, done)
}

var fxSymIn8Vec = func(out []uint16, srcs [][]uint8, w []uint16, off uint16) int { return 0 }

// fxSymIn8Go is the pure-Go fxSymIn8 from pixel x0 of the sources.
func fxSymIn8Go(out []uint16, srcs [][]uint8, w []uint16, off uint16, x0 int) {
	r := len(w) - 1
	for i := range out {
		x := x0 + i
		o := off + uint16(uint32(uint16(srcs[r][x])<<fxFrac)*uint32(w[0])>>16)
		for k := 1; k <= r; k++ {
			o += uint16(uint32((uint16(srcs[r-k][x])+uint16(srcs[r+k][x]))<<fxFrac) * uint32(w[k]) >> 16)
		}
		out[i] = o
	}
}

// fxRound stores 1/128 units rounded half up (a y identity: sigma 0).
func fxRound(out []uint8, row []uint16) {
	for i, o := range row[:len(out)] {
		out[i] = uint8(min((uint32(o)+fxOne/2)>>fxFrac, 255))
	}
}

// fxRun checks the images and runs fxGaussian; done false: the float
// path's turn (which then checks the images itself).
func fxRun(dst, src *gips.Image, sigma [3]float64, c config) (done bool, err error) {
	if src.Type() != gips.UInt8 || dst.Type() != gips.UInt8 || src.Geometry().Volume {
		return false, nil
	}
	if err := checkInto("gaussian", dst, src, 1); err != nil {
		return true, err
	}
	if gips.Overlap(src, dst) {
		cp, err := gips.Copy(src)
		if err != nil {
			return true, err
		}
		src = cp
	}
	done, err = fxGaussian(dst, src, sigma, c)
	if err != nil {
		err = fmt.Errorf("gaussian: %w", err)
	}
	return done, err
}
