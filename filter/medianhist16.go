package filter

import (
	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/nbhd"
)

// The rank of a box of 16-bit pixels by Huang's sliding histogram (Huang,
// Yang and Tang, "A fast two-dimensional median filtering algorithm",
// 1979), in 2D and 3D: one histogram of the window, moved one pixel along
// x by taking out the column of wy*wz pixels that leaves and putting in
// the one that enters, and at the end of a row moved one row down at the
// same x (rows are walked back and forth, so the window is never built
// afresh but at a band's or a plane's start). The work per pixel grows
// with wy*wz only, not with the box's pixels, and selection (the path
// before) costs the whole box per pixel.
//
// Column histograms (Perreault-Hébert, medianhist.go) would make the
// work constant, but 65536 bins a column do not fit any cache; the
// window's histogram has three levels instead, so that finding the rank
// reads few bins: 256 coarse bins (the high byte), 4096 middle bins (the
// high 12 bits) and 65536 fine bins, all current (three increments a
// pixel). The coarse bin that holds the rank moves little between
// neighbouring windows, so it is tracked (with the count below it) rather
// than searched from 0; the rank is then at most 16 middle and 16 fine
// bins further.

// hist16MinPixels is the smallest box that takes the histogram. In
// BenchmarkMedianBox16 (2048x2048, CPU time under GOEXPERIMENT=simd on a
// loaded machine) it takes 0.66 s at 4x4 against 0.88 s by selection,
// 0.73 s against 4.5 s at 9x9, 1.06 s against 10.5 s at 15x15 and 1.9 s
// against 46 s at 31x31; on 256x256x64, 1.9 s against 6.6 s at 5x5x5. The
// 5x5 and 3x3x3 medians keep their sorting networks (tested before), and
// a uint16 median the AVX2 forgetful selection takes (hist16Faster).
var hist16MinPixels = 16 // a variable so that the benchmarks can time selection too

// hist16Faster is whether the histogram beats the selector of rank r
// among n for T: not for a uint16 median of an odd box of at most
// maxForget pixels that the AVX2 forgetful selection takes (7x7 at
// 2048x2048: 0.19 s against 0.61 s of CPU).
func hist16Faster[T gips.Pixel](n, r int) bool {
	_, u16 := any(*new(T)).(uint16)
	return !(u16 && forgetVector && n%2 == 1 && r == n/2 && n <= maxForget)
}

// hist16 is a window's three-level histogram with the tracked coarse bin
// kc and the count of the window's values in the coarse bins below it.
// Counts are 16 bits: a window holds at most 65535 pixels (histBox16).
type hist16 struct {
	fine      [1 << 16]uint16
	mid       [1 << 12]uint16
	coarse    [1 << 8]uint16
	kc, below int
}

func (h *hist16) add(v uint16) {
	h.fine[v]++
	h.mid[v>>4]++
	c := int(v >> 8)
	h.coarse[c]++
	if c < h.kc {
		h.below++
	}
}

func (h *hist16) sub(v uint16) {
	h.fine[v]--
	h.mid[v>>4]--
	c := int(v >> 8)
	h.coarse[c]--
	if c < h.kc {
		h.below--
	}
}

// rank is the value of rank r (0 first) of the window, which holds more
// than r values.
func (h *hist16) rank(r int) uint16 {
	k, below := h.kc, h.below
	for below > r {
		k--
		below -= int(h.coarse[k])
	}
	for below+int(h.coarse[k]) <= r {
		below += int(h.coarse[k])
		k++
	}
	h.kc, h.below = k, below
	j := k << 4
	for below+int(h.mid[j]) <= r {
		below += int(h.mid[j])
		j++
	}
	f := j << 4
	for below+int(h.fine[f]) <= r {
		below += int(h.fine[f])
		f++
	}
	return uint16(f)
}

// hbox3 is a box footprint's offsets: x0..x1 by y0..y1 by z0..z1.
type hbox3 struct{ x0, x1, y0, y1, z0, z1 int }

// histBox16 is the box the offsets fill exactly (every offset distinct,
// filling their bounding box, 2D or 3D), and whether they do and the
// histogram should take it: at least hist16MinPixels and at most 65535
// pixels (16-bit counts).
func histBox16(offs [][3]int) (hbox3, bool) {
	n := len(offs)
	if n < hist16MinPixels || n > 65535 {
		return hbox3{}, false
	}
	o0 := offs[0]
	b := hbox3{o0[0], o0[0], o0[1], o0[1], o0[2], o0[2]}
	for _, o := range offs {
		b.x0, b.x1 = min(b.x0, o[0]), max(b.x1, o[0])
		b.y0, b.y1 = min(b.y0, o[1]), max(b.y1, o[1])
		b.z0, b.z1 = min(b.z0, o[2]), max(b.z1, o[2])
	}
	wx, wy, wz := b.x1-b.x0+1, b.y1-b.y0+1, b.z1-b.z0+1
	if wx*wy*wz != n { // also bounds the bitmap below by n
		return hbox3{}, false
	}
	seen := make([]bool, n)
	for _, o := range offs {
		i := ((o[2]-b.z0)*wy+o[1]-b.y0)*wx + o[0] - b.x0
		if seen[i] {
			return hbox3{}, false
		}
		seen[i] = true
	}
	return b, true
}

// histRank16 writes into res (the volume's pixels, x fastest) the value
// of rank r among the box b's pixels of the extended volume e, in
// parallel over bands of rows. Signed pixels count in bin
// uint16(v)^0x8000, which orders them as the unsigned bins.
func histRank16[T ~uint16 | ~int16](res []T, e *nbhd.Ext[T], b hbox3, r int) error {
	var bias uint16
	if T(0)-1 < 0 {
		bias = 0x8000
	}
	d := e.Dims
	wx, wy := b.x1-b.x0+1, b.y1-b.y0+1
	xs := e.Before + b.x0 // column of the window's left edge at x = 0
	grain := max(nbhd.Grain(d.NX*wy), 2*wy)
	return nbhd.Parallel(d.NY*d.NZ, grain, func(lo, hi int) {
		h := new(hist16)
		var rows [][]T // the window's rows at (y, z)
		cx := 0        // the window in h is at x = cx (of row py, plane pz)
		py, pz := -1, -1
		for row := lo; row < hi; row++ {
			y, z := row%d.NY, row/d.NY
			if z == pz && y == py+1 { // one row down at cx
				for dz := b.z0; dz <= b.z1; dz++ {
					a := e.Row(py+b.y0, z+dz)[xs+cx : xs+cx+wx]
					v := e.Row(y+b.y1, z+dz)[xs+cx : xs+cx+wx]
					moveValues(h, a, v, bias)
				}
				rows = windowRows(rows[:0], e, y, z, b)
			} else { // a new plane: empty h and fill it with the window at x = 0
				for _, rw := range rows {
					for _, v := range rw[xs+cx : xs+cx+wx] {
						h.sub(uint16(v) ^ bias)
					}
				}
				cx = 0
				rows = windowRows(rows[:0], e, y, z, b)
				for _, rw := range rows {
					for _, v := range rw[xs : xs+wx] {
						h.add(uint16(v) ^ bias)
					}
				}
			}
			out := res[row*d.NX : (row+1)*d.NX]
			if cx == 0 { // left to right
				for x := 0; ; x++ {
					out[x] = T(h.rank(r) ^ bias)
					if x == d.NX-1 {
						break
					}
					moveColumn(h, rows, xs+x, xs+x+wx, bias)
				}
				cx = d.NX - 1
			} else { // right to left
				for x := d.NX - 1; ; x-- {
					out[x] = T(h.rank(r) ^ bias)
					if x == 0 {
						break
					}
					moveColumn(h, rows, xs+x+wx-1, xs+x-1, bias)
				}
				cx = 0
			}
			py, pz = y, z
		}
	})
}

// windowRows appends to rows the extended rows the box b reads for the
// output row (y, z).
func windowRows[T gips.Pixel](rows [][]T, e *nbhd.Ext[T], y, z int, b hbox3) [][]T {
	for dz := b.z0; dz <= b.z1; dz++ {
		for dy := b.y0; dy <= b.y1; dy++ {
			rows = append(rows, e.Row(y+dy, z+dz))
		}
	}
	return rows
}

// moveColumn takes column out of every row of the window out of h and
// puts column in in.
func moveColumn[T ~uint16 | ~int16](h *hist16, rows [][]T, out, in int, bias uint16) {
	for _, rw := range rows {
		a, v := uint16(rw[out])^bias, uint16(rw[in])^bias
		if a != v {
			h.sub(a)
			h.add(v)
		}
	}
}

// moveValues takes the values out out of h and puts in in (as many).
func moveValues[T ~uint16 | ~int16](h *hist16, out, in []T, bias uint16) {
	in = in[:len(out)]
	for i, o := range out {
		a, v := uint16(o)^bias, uint16(in[i])^bias
		if a != v {
			h.sub(a)
			h.add(v)
		}
	}
}

// histRank16For is histRank16 for 16-bit pixels; it reports false,
// having done nothing, for other types.
func histRank16For[T gips.Pixel](res []T, e *nbhd.Ext[T], b hbox3, r int) (bool, error) {
	switch e := any(e).(type) {
	case *nbhd.Ext[uint16]:
		return true, histRank16(any(res).([]uint16), e, b, r)
	case *nbhd.Ext[int16]:
		return true, histRank16(any(res).([]int16), e, b, r)
	}
	return false, nil
}
