package filter

import (
	"math"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/par"
	"github.com/gipsdev/gips/internal/scratch"
)

// The frame the integer separable filters of 8-bit planes share (the
// fixed-point Gaussian, gaussian_fixed.go, and the box mean,
// mean_fixed.go): each plane goes in row bands (in parallel); a band's
// source rows, widened to uint16 and filtered along x, are kept in a ring
// of span rows that the y pass reads.
//
// Column strips narrow enough for the ring to stay in L1 (a 17-row ring
// of a 4096-pixel row is 139 KB) were tried and were slower: the y pass
// streams its rows from L2 well, and the strips multiplied the kernels'
// per-call setup.

// ringFilter describes one such filter.
type ringFilter struct {
	span   int    // ring rows: those one output row reads, and one more for a running sum
	back   int    // source pixels the x pass reads before its output pixel
	fwd    int    // ... and after it
	shift  uint8  // widening: a pixel v becomes v << shift (0 or fxFrac)
	mode   Mode   // border mode along x and y
	cval   uint16 // Constant mode's value, widened
	cvalRx uint16 // an x-filtered row of cval (a row beyond the image in Constant mode)
	// newX returns a band's x pass: it sets row[i] from ext[i : i+back+fwd+1].
	newX func() func(row, ext []uint16)
	// y runs the y pass of output rows y0 ... y1-1 of plane p: get(e) is
	// the x-filtered source row e (a ring row, valid until span other rows
	// were asked for).
	y func(p, y0, y1 int, get func(e int) []uint16)
}

// run filters the planes sp (2D or the planes of a volume, each on its own).
func (f *ringFilter) run(sp []gips.Plane[uint8]) {
	w, h := sp[0].Width, sp[0].Height
	par.Bands(len(sp), h, max(2*f.span, par.Grain(2*w)), func(p, y0, y1 int) {
		// A band's buffers come from ringScratch: made afresh, a 4096x4096
		// mean 5x5's 40 or so bands faulted in about 190 pages a call
		// (10 us each on this machine's VM), half the call's time.
		// Every buffer is written before it is read: ext by extend, a
		// ring row by xpass before its tag says it holds a row.
		ext := scratch.Get[uint16](&ringScratch, w+f.back+f.fwd)
		defer scratch.Put(&ringScratch, ext)
		ring := scratch.Get[uint16](&ringScratch, f.span*w)
		defer scratch.Put(&ringScratch, ring)
		tags := make([]int, f.span)
		for t := range tags {
			tags[t] = math.MinInt
		}
		cvalRow := scratch.Get[uint16](&ringScratch, w)
		defer scratch.Put(&ringScratch, cvalRow)
		for i := range cvalRow {
			cvalRow[i] = f.cvalRx
		}
		xpass := f.newX()
		get := func(e int) []uint16 {
			s, ok := inside(e, h, f.mode)
			if !ok {
				return cvalRow
			}
			slot := mod(e, f.span)
			row := ring[slot*w : (slot+1)*w]
			if tags[slot] != e {
				f.extend(ext, sp[p].Row(s))
				xpass(row, ext)
				tags[slot] = e
			}
			return row
		}
		f.y(p, y0, y1, get)
	})
}

// extend widens row into ext[back : back+len(row)] and fills back pixels
// before it and fwd after it by the border mode (cval in Constant mode).
func (f *ringFilter) extend(ext []uint16, row []uint8) {
	n := len(row)
	mid := ext[f.back : f.back+n]
	if f.shift == 0 {
		widenBox(mid, row)
	} else { // fxFrac
		widen7(mid, row)
	}
	pick := func(i int) uint16 {
		if j, ok := inside(i-f.back, n, f.mode); ok {
			return mid[j]
		}
		return f.cval
	}
	for i := range f.back {
		ext[i] = pick(i)
	}
	for i := f.back + n; i < len(ext); i++ {
		ext[i] = pick(i)
	}
}
