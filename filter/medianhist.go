package filter

import (
	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/nbhd"
)

// The rank of a box of 8-bit pixels by Perreault and Hébert's histograms
// ("Median filtering in constant time", IEEE TIP 2007): one histogram per
// column of the extended rows, over the box's rows, moved down one row by
// one pixel out and one in; a window histogram moved right by adding the
// column that enters and subtracting the one that leaves. The work per
// pixel does not grow with the box. Histograms have two levels: 16 coarse
// bins (the high nibble), always current, and 256 fine bins updated only
// for the coarse bin that holds the rank, lazily (a fine segment catches
// up on the columns it missed, or is summed afresh when it missed more
// than the box is wide). Counts are 16-bit lanes of uint64 words, four
// bins a word: a window holds at most 65535 pixels (histBox checks), so a
// lane never carries into the next, and a subtraction never borrows (the
// window holds the column it subtracts).

// histMinPixels is the smallest box that takes the histograms. At
// 2048x2048 (BenchmarkMedianBox8) they beat selection 3x at 4x4 and 25x
// or more from 7x7 on; the 3x3 and 5x5 medians keep their sorting
// networks (tested before the histograms), and smaller boxes select.
var histMinPixels = 16 // a variable so that the benchmarks can time selection too

// histCol is one column's histogram: coarse bin k is lane k&3 of word
// k>>2; fine bin v is lane v&3 of word v>>2, so coarse bin k's fine
// segment is words 4k to 4k+3.
type histCol struct {
	coarse [4]uint64
	fine   [64]uint64
}

// hbox is a box footprint's offsets: x0..x1 by y0..y1 in one plane.
type hbox struct{ x0, x1, y0, y1 int }

func (b hbox) wx() int { return b.x1 - b.x0 + 1 }
func (b hbox) wy() int { return b.y1 - b.y0 + 1 }

// histBox is the box the offsets fill exactly (every offset distinct, in
// one plane, filling their bounding rectangle), and whether they do and
// the histograms should take it: at least histMinPixels and at most 65535
// pixels (16-bit counts).
func histBox(offs [][3]int) (hbox, bool) {
	n := len(offs)
	if n < histMinPixels || n > 65535 {
		return hbox{}, false
	}
	b := hbox{offs[0][0], offs[0][0], offs[0][1], offs[0][1]}
	for _, o := range offs {
		if o[2] != 0 {
			return hbox{}, false
		}
		b.x0, b.x1 = min(b.x0, o[0]), max(b.x1, o[0])
		b.y0, b.y1 = min(b.y0, o[1]), max(b.y1, o[1])
	}
	if b.wx()*b.wy() != n { // also bounds the bitmap below by n
		return hbox{}, false
	}
	seen := make([]bool, n)
	for _, o := range offs {
		i := (o[1]-b.y0)*b.wx() + o[0] - b.x0
		if seen[i] {
			return hbox{}, false
		}
		seen[i] = true
	}
	return b, true
}

// histRank8 writes into res (the volume's pixels, x fastest) the value of
// rank r among the box b's pixels of the extended volume e, in parallel
// over bands of rows; each band builds its column histograms once and
// moves them down row by row.
// Signed pixels count in bin uint8(v)^0x80, which orders them as the
// unsigned bins.
func histRank8[T ~uint8 | ~int8](res []T, e *nbhd.Ext[T], b hbox, r int) error {
	var bias uint8
	if T(0)-1 < 0 {
		bias = 0x80
	}
	d := e.Dims
	wx, wy := b.wx(), b.wy()
	xs := e.Before + b.x0 // column of the window's left edge at x = 0
	grain := max(nbhd.Grain(d.NX), 2*wy)
	return nbhd.Parallel(d.NY*d.NZ, grain, func(lo, hi int) {
		cols := make([]histCol, e.W)
		z := -1
		for row := lo; row < hi; row++ {
			y, zz := row%d.NY, row/d.NY
			if zz != z {
				z = zz
				clear(cols)
				for dy := b.y0; dy <= b.y1; dy++ {
					addRow(cols, e.Row(y+dy, z), bias)
				}
			} else {
				moveRow(cols, e.Row(y-1+b.y0, z), e.Row(y+b.y1, z), bias)
			}
			rankRow(res[row*d.NX:(row+1)*d.NX], cols[xs:xs+d.NX+wx-1], wx, r, bias)
		}
	})
}

func addRow[T ~uint8 | ~int8](cols []histCol, in []T, bias uint8) {
	in = in[:len(cols)]
	for c := range cols {
		v := uint8(in[c]) ^ bias
		h := &cols[c]
		h.fine[v>>2] += 1 << (16 * (v & 3))
		h.coarse[v>>6] += 1 << (16 * ((v >> 4) & 3))
	}
}

// moveRow takes pixel out[c] out of column c's histogram and puts in[c]
// in, for every column.
func moveRow[T ~uint8 | ~int8](cols []histCol, out, in []T, bias uint8) {
	out, in = out[:len(cols)], in[:len(cols)]
	for c := range cols {
		a, v := uint8(out[c])^bias, uint8(in[c])^bias
		if a == v {
			continue
		}
		h := &cols[c]
		h.fine[a>>2] -= 1 << (16 * (a & 3))
		h.fine[v>>2] += 1 << (16 * (v & 3))
		h.coarse[a>>6] -= 1 << (16 * ((a >> 4) & 3))
		h.coarse[v>>6] += 1 << (16 * ((v >> 4) & 3))
	}
}

// rankRow writes out[x], the value of rank r in columns x to x+wx-1 of
// cols (len(out)+wx-1 columns).
func rankRow[T ~uint8 | ~int8](out []T, cols []histCol, wx, r int, bias uint8) {
	var coarse [4]uint64
	var fine [64]uint64
	var at [16]int // fine segment k holds the window at x = at[k]
	for k := range at {
		at[k] = -wx // stale: summed afresh
	}
	for c := range cols[:wx] {
		for i, w := range cols[c].coarse {
			coarse[i] += w
		}
	}
	for x := range out {
		if x > 0 {
			in, gone := &cols[x+wx-1].coarse, &cols[x-1].coarse
			for i := range coarse {
				coarse[i] += in[i] - gone[i]
			}
		}
		// the coarse bin k that holds rank r, and the count below it
		k, below := 0, 0
		for ; k < 15; k++ {
			n := int(uint16(coarse[k>>2] >> (16 * (k & 3))))
			if below+n > r {
				break
			}
			below += n
		}
		f := (*[4]uint64)(fine[4*k : 4*k+4])
		if lag := x - at[k]; 2*lag >= wx {
			*f = [4]uint64{}
			for c := x; c < x+wx; c++ {
				s := (*[4]uint64)(cols[c].fine[4*k : 4*k+4])
				f[0] += s[0]
				f[1] += s[1]
				f[2] += s[2]
				f[3] += s[3]
			}
		} else {
			for j := at[k] + 1; j <= x; j++ {
				in := (*[4]uint64)(cols[j+wx-1].fine[4*k : 4*k+4])
				gone := (*[4]uint64)(cols[j-1].fine[4*k : 4*k+4])
				f[0] += in[0] - gone[0]
				f[1] += in[1] - gone[1]
				f[2] += in[2] - gone[2]
				f[3] += in[3] - gone[3]
			}
		}
		at[k] = x
		i := 0
		for ; i < 15; i++ {
			n := int(uint16(f[i>>2] >> (16 * (i & 3))))
			if below+n > r {
				break
			}
			below += n
		}
		out[x] = T(uint8(16*k+i) ^ bias)
	}
}

// histFaster is whether the histograms beat the selector of rank r among
// n for T: not for a uint8 median that the AVX2 forgetful selection takes
// (an odd box of 16 to 49 pixels: 7x7 at 2048x2048, 106 ms against 332
// ms of CPU in BenchmarkMedianBox8 under GOEXPERIMENT=simd).
func histFaster[T gips.Pixel](n, r int) bool {
	_, u8 := any(*new(T)).(uint8)
	return !(u8 && forgetVector && n%2 == 1 && r == n/2 && n <= maxForget)
}

// histRank is histRank8 for 8-bit pixels; it reports false, having done
// nothing, for other types.
func histRank[T gips.Pixel](res []T, e *nbhd.Ext[T], b hbox, r int) (bool, error) {
	switch e := any(e).(type) {
	case *nbhd.Ext[uint8]:
		return true, histRank8(any(res).([]uint8), e, b, r)
	case *nbhd.Ext[int8]:
		return true, histRank8(any(res).([]int8), e, b, r)
	}
	return false, nil
}
