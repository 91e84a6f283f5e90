package filter

import (
	"fmt"
	"math"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/par"
)

// The box mean of a Real32 image into Real32 (Mean's default), 2D: the
// float path's arithmetic (job[float64], as scipy's uniform_filter sums),
// operation for operation, with vector loops where the lanes are
// independent. Along x a row's running sum is one chain, s += (a - b): the
// differences a - b are computed in vector lanes, the chain stays scalar.
// Down the columns, acc += (a - b) and the store float32(acc / N) are per
// pixel, so lanes across x give the same bits (IEEE operations are
// correctly rounded: a vector add, division or conversion is the scalar
// one). The bands are par.Bands' with the float path's parameters: a
// running sum starts at each band's first row, as there.
//
// A size of 1 along an axis copies that axis, as the float path's
// identity kernel does (a running sum would carry a NaN or an infinity
// along the line). Boxes that fold (foldBox) and volumes take the float
// path.

// floatBox is one 2D box mean.
type floatBox struct {
	sx, sy int
	mode   Mode
	cx, cy float64 // Constant mode's value along x, and an x-summed row of it
	div    float64
}

// meanFloat runs the Real32 box mean when it applies; done false leaves
// the call to the float path.
func meanFloat(dst, src *gips.Image, size [3]int, c config) (done bool, err error) {
	g := src.Geometry()
	if src.Type() != gips.Real32 || dst.Type() != gips.Real32 || g.Volume || (size[0] == 1 && size[1] == 1) {
		return false, nil
	}
	for a, n := range [2]int{g.SizeX, g.SizeY} {
		s := size[a]
		if k := foldBox(kern1d[float64]{before: s / 2, after: s - 1 - s/2, box: true}, n, c.mode); k.folded() {
			return false, nil
		}
	}
	if err := checkInto("mean", dst, src, 1); err != nil {
		return true, err
	}
	if gips.Overlap(src, dst) {
		if src, err = gips.Copy(src); err != nil {
			return true, fmt.Errorf("mean: %w", err)
		}
	}
	sp, err := gips.Planes[float32](src)
	if err != nil {
		return true, fmt.Errorf("mean: %w", err)
	}
	dp, err := gips.WritablePlanes[float32](dst)
	if err != nil {
		return true, fmt.Errorf("mean: %w", err)
	}
	b := floatBox{sx: size[0], sy: size[1], mode: c.mode, cx: c.cval, cy: c.cval * float64(size[0])}
	b.div = float64(b.sx) * float64(b.sy)
	b.planes(dp, sp)
	return true, nil
}

// planes filters each plane in the float path's row bands (phaseA).
func (b *floatBox) planes(dp, sp []gips.Plane[float32]) {
	w, h := sp[0].Width, sp[0].Height
	span := b.sy + 1
	par.Bands(len(sp), h, max(2*span, par.Grain(8*w)), func(p, y0, y1 int) {
		// The ring holds rows y-by-1 ... y+ay+3 at output row y: the x pass
		// runs rowGroup rows ahead (one keyed by source row when the box
		// is taller than the plane).
		ring := span + rowGroup - 1
		slots, bySource := ring, span > h
		if bySource {
			slots = h
		}
		bx := b.sx / 2
		var ext, diff, rows [rowGroup][]float64
		for i := range ext {
			ext[i] = make([]float64, w+b.sx-1)
			diff[i] = make([]float64, w)
		}
		buf := make([]float64, slots*w)
		tags := make([]int, slots)
		for t := range tags {
			tags[t] = math.MinInt
		}
		cvalRow := constRow(w, b.cy)
		last := y1 + (b.sy - 1 - b.sy/2) // beyond the last row the band reads
		// slot returns row e's slot, and whether it holds row e.
		slot := func(e, r int) ([]float64, bool) {
			key, i := e, mod(e, ring)
			if bySource {
				key, i = r, r
			}
			row := buf[i*w : (i+1)*w]
			if tags[i] == key {
				return row, true
			}
			tags[i] = key
			return row, false
		}
		get := func(e int) []float64 {
			r, ok := inside(e, h, b.mode)
			if !ok {
				return cvalRow
			}
			row, ok := slot(e, r)
			if ok {
				return row
			}
			first := row
			// Rows e ... e+3 that are missing, in the image, and read.
			k := 0
			for f := e; f < min(e+rowGroup, last); f++ {
				rf, in := inside(f, h, b.mode)
				if !in {
					continue
				}
				if f > e {
					if row, ok = slot(f, rf); ok {
						continue
					}
				}
				b.extend(ext[k], sp[p].Row(rf), bx)
				rows[k] = row
				k++
			}
			if b.sx == 1 {
				for i := range k {
					copy(rows[i], ext[i])
				}
			} else {
				floatRowSums(rows[:k], ext[:k], diff[:k], b.sx)
			}
			return first
		}
		out := func(y int, acc []float64) { floatStore(dp[p].Row(y), acc, b.div) }
		if b.sy == 1 {
			for y := y0; y < y1; y++ {
				out(y, get(y))
			}
			return
		}
		by := b.sy / 2
		ay := b.sy - 1 - by
		acc := make([]float64, w)
		for e := y0 - by; e <= y0+ay; e++ {
			floatAddSub(acc, get(e), nil)
		}
		out(y0, acc)
		for y := y0 + 1; y < y1; y++ {
			floatAddSub(acc, get(y+ay), get(y-by-1))
			out(y, acc)
		}
	})
}

// extend converts row into ext[back : back+len(row)] and fills the pixels
// around it by the border mode, as extendLine does.
func (b *floatBox) extend(ext []float64, row []float32, back int) {
	n := len(row)
	mid := ext[back : back+n]
	floatWiden(mid, row)
	for k := range ext[:back] {
		ext[k] = pick(mid, k-back, b.mode, b.cx)
	}
	for k := back + n; k < len(ext); k++ {
		ext[k] = pick(mid, k-back, b.mode, b.cx)
	}
}

// rowGroup is how many rows the x pass runs at once: their running sums
// are independent chains, which the core overlaps (one chain waits on the
// latency of each addition).
const rowGroup = 4

// floatRowSums is kern1d.line's box on each row: row[0] is 0 + ext[0] +
// ... + ext[sx-1], then row[i+1] = row[i] + (ext[i+sx] - ext[i]).
func floatRowSums(rows, ext, diff [][]float64, sx int) {
	var s [rowGroup]float64
	n := len(rows[0])
	for r := range rows {
		for _, v := range ext[r][:sx] {
			s[r] += v
		}
		rows[r][0] = s[r]
		floatDiff(diff[r][:n-1], ext[r][sx:sx+n-1], ext[r][:n-1])
	}
	if len(rows) == rowGroup {
		d0, d1, d2, d3 := diff[0][:n-1], diff[1][:n-1], diff[2][:n-1], diff[3][:n-1]
		o0, o1, o2, o3 := rows[0][1:n], rows[1][1:n], rows[2][1:n], rows[3][1:n]
		s0, s1, s2, s3 := s[0], s[1], s[2], s[3]
		for i := range d0 {
			s0 += d0[i]
			o0[i] = s0
			s1 += d1[i]
			o1[i] = s1
			s2 += d2[i]
			o2[i] = s2
			s3 += d3[i]
			o3[i] = s3
		}
		return
	}
	for r := range rows {
		sr, out := s[r], rows[r][1:n]
		for i, v := range diff[r][:n-1] {
			sr += v
			out[i] = sr
		}
	}
}

func floatWiden(dst []float64, src []float32) {
	done := floatVec.widen(dst, src)
	dst = dst[done:len(src)]
	for i, v := range src[done:] {
		dst[i] = float64(v)
	}
}

// floatDiff sets d[i] = a[i] - b[i].
func floatDiff(d, a, b []float64) {
	done := floatVec.diff(d, a, b)
	d, a, b = d[done:], a[done:len(d)], b[done:len(d)]
	for i := range d {
		d[i] = a[i] - b[i]
	}
}

// floatAddSub sets acc[i] += add[i] - sub[i] (acc[i] += add[i] when sub
// is nil), as add and addSub do.
func floatAddSub(acc, add, sub []float64) {
	addSubFrom(floatVec.addSub(acc, add, sub), acc, add, sub)
}

// addSubFrom is the Go loop of floatAddSub and wideAddSub from pixel done
// on (the vector loops did those before it).
func addSubFrom[T float64 | uint32](done int, acc, add, sub []T) {
	n := len(acc)
	acc, add = acc[done:], add[done:n]
	if sub == nil {
		for i := range acc {
			acc[i] += add[i]
		}
		return
	}
	sub = sub[done:n]
	for i := range acc {
		acc[i] += add[i] - sub[i]
	}
}

// floatStore sets out[i] = float32(acc[i] / div), as storer does.
func floatStore(out []float32, acc []float64, div float64) {
	done := floatVec.store(out, acc, div)
	acc = acc[done:len(out)]
	out = out[done:]
	for i, v := range acc {
		out[i] = float32(v / div)
	}
}

// floatVec holds the vector twins (mean_float_simd.go); each returns how
// many leading elements it did, none in the pure-Go build.
var floatVec = struct {
	widen  func(dst []float64, src []float32) int
	diff   func(d, a, b []float64) int
	addSub func(acc, add, sub []float64) int
	store  func(out []float32, acc []float64, div float64) int
}{
	widen:  func([]float64, []float32) int { return 0 },
	diff:   func([]float64, []float64, []float64) int { return 0 },
	addSub: func([]float64, []float64, []float64) int { return 0 },
	store:  func([]float32, []float64, float64) int { return 0 },
}
