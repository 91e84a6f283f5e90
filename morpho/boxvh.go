package morpho

import (
	"unsafe"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/border"
	"github.com/gipsdev/gips/internal/nbhd"
)

// Long box windows along y and z (more than boxXY's 3x3 of rows) run van
// Herk / Gil-Werman over whole rows (tiles of rows along z): three
// row minima per output row whatever the window, where doublings took
// log2(w) passes over a band of rows in L2. The order is y, then z, then
// x, in one streaming pass per band of rows: a 3D box reads the volume
// once and writes it once (no volume-sized intermediate, which made a 3D
// box of 5 or more cost two extra passes through memory), and only the
// y pass of a band's few halo rows is done twice.

// vhSlider holds the scratch of one van Herk sliding extreme of window w
// over items (rows or tiles) of length L.
type vhSlider[T gips.Pixel] struct {
	w     int
	slots [][]T // w items: the items of the current block, or the extremes of the last complete block's suffixes
	p     []T   // the running extreme of the current block's leading items
	blk   [][]T // the current block's items
	block []T   // slots and p, from the pool (release)
}

// newSlider takes its slots and p from the morpho pool: a 3D box's z
// slider holds about 1 MiB a chunk, and made afresh it faulted 1350 pages
// a call of a 512x512x256 erosion by a box of 7. run writes each slot and
// p before it reads them (TestBoxIgnoresWhatPooledRowsHeld).
func newSlider[T gips.Pixel](w, L int) *vhSlider[T] {
	s := &vhSlider[T]{w: w, blk: make([][]T, w), slots: make([][]T, w), block: getBuf[T]((w + 1) * L)}
	s.p = s.block[w*L : (w+1)*L : (w+1)*L]
	for j := range s.slots {
		s.slots[j] = s.block[j*L : (j+1)*L : (j+1)*L]
	}
	return s
}

// release gives the slider's memory back to the pool.
func (s *vhSlider[T]) release() {
	putBuf(s.block)
	s.block, s.slots, s.p = nil, nil, nil
}

// resize sets the length of the items to L (at most the L it was made
// with).
func (s *vhSlider[T]) resize(L int) {
	s.p = s.p[:L]
	for j := range s.slots {
		s.slots[j] = s.slots[j][:L]
	}
}

// run writes into out(i), 0 <= i <= n-w, the element-wise minimum
// (maximum when hi) of items get(0, _) .. get(n-1, _) over the window i ..
// i+w-1 and then calls emit(i), in order of i; it gets each item once, in
// order of k. Blocks of w items each keep the extremes of their suffixes;
// an output is the extreme of its first block's suffix and its second
// block's prefix, which the stream of items carries along. get(k, slot)
// returns item k: either slot, which it fills (so that a producer needs
// no storage of its own), or a slice that stays valid to the end of k's
// block. out(i) must be none of these.
func (s *vhSlider[T]) run(n int, hi bool, get func(k int, slot []T) []T, out func(i int) []T, emit func(i int)) {
	w := s.w
	if w == 1 {
		for k := range n {
			copy(out(k), get(k, s.slots[0]))
			emit(k)
		}
		return
	}
	var pre []T
	for k := range n {
		b, j := k/w, k%w
		// Slot j held the last block's suffix j, which no output needs any
		// more: it was last read for output k-w (j > 0), or made only for
		// it (j == 0).
		it := get(k, s.slots[j])
		s.blk[j] = it
		if b >= 1 && j < w-1 {
			i := k - (w - 1)
			if j == 0 {
				mm2(out(i), s.slots[1], it, hi)
				pre = it
			} else {
				vhStep(s.p, out(i), pre, it, s.slots[j+1], hi)
				pre = s.p
			}
			emit(i)
		}
		if j == w-1 { // the block is complete: its suffixes, and the output it alone covers
			if &it[0] != &s.slots[w-1][0] {
				copy(s.slots[w-1], it)
			}
			for jj := w - 2; jj >= 1; jj-- {
				mm2(s.slots[jj], s.blk[jj], s.slots[jj+1], hi)
			}
			i := b * w
			mm2(out(i), s.blk[0], s.slots[1], hi)
			emit(i)
		}
	}
}

// ySlide runs a y window (before by, slider ys) over plane zz of src for
// the output rows y0 <= y < y1: out(i) and emit(i) are row y0+i's.
func ySlide[T gips.Pixel](ys *vhSlider[T], src vview[T], d nbhd.Dims, zz, y0, y1, by int, hi bool, m gips.BorderMode, cv []T, out func(i int) []T, emit func(i int)) {
	n := y1 - y0 + ys.w - 1
	ys.run(n, hi, func(k int, _ []T) []T {
		if j, ok := border.Index(y0-by+k, d.NY, m); ok {
			return src.row(j, zz)[:d.NX]
		}
		return cv
	}, out, emit)
}

// boxLong is boxFilter for windows of more than 3x3 rows along y and z:
// y by van Herk over the rows read straight from src, then (3D) z by van
// Herk over tiles of rows kept in a ring, then x on each output row.
func boxLong[T gips.Pixel](dst, src vview[T], d nbhd.Dims, win [3][2]int, hi bool, m gips.BorderMode, cval T, post func(y, z int, row []T)) error {
	nx, ny, nz := d.NX, d.NY, d.NZ
	bx, fx := win[0][0], win[0][1]
	by, fy := win[1][0], win[1][1]
	bz, fz := win[2][0], win[2][1]
	wx, wy, wz := bx+fx+1, by+fy+1, bz+fz+1
	var zero T
	size := int(unsafe.Sizeof(zero))
	// A tile holds band rows; the z pass keeps wz+2 of them, about 1 MiB
	// in all (L2 and L3: a smaller tile pays more for the y pass of its
	// halo rows than it gains; measured on 512x512 planes), and 2D bands
	// are long so that the halo rows cost little.
	band := max(32, (ny+7)/8)
	if wz > 1 {
		band = max(1, (1<<20)/((wz+2)*(nx+wx-1)*size))
	}
	band = min(band, ny)
	nb := (ny + band - 1) / band
	cv := cvalRow(nx, cval)
	// xOut filters row y of plane z (ext[bx:bx+nx], in place) along x
	// into dst and hands it to post.
	xOut := func(ext, g []T, y, z int) {
		row := dst.row(y, z)[:nx]
		if wx > 1 {
			extendRow(ext, ext[bx:bx+nx], bx, m, cval)
			slideRow(row, ext, wx, hi, g)
		}
		if post != nil {
			post(y, z, row)
		}
	}
	if wz == 1 {
		return nbhd.Parallel(nz*nb, 1, func(lo, hi2 int) {
			ext, g := make([]T, nx+wx-1), make([]T, nx+wx-1)
			ys := newSlider[T](wy, nx)
			defer ys.release()
			for t := lo; t < hi2; t++ {
				zz, y0 := t/nb, (t%nb)*band
				y1 := min(y0+band, ny)
				ySlide(ys, src, d, zz, y0, y1, by, hi, m, cv, func(i int) []T {
					if wx == 1 {
						return dst.row(y0+i, zz)[:nx]
					}
					return ext[bx : bx+nx]
				}, func(i int) {
					xOut(ext, g, y0+i, zz)
				})
			}
		})
	}
	// The tiles' rows are extended rows (stride sx, the row at bx) so
	// that the z pass makes a whole tile at once and x reads it in place;
	// the padding is minimized along with the row, and then overwritten.
	sx := nx + wx - 1
	return nbhd.Parallel(nb, 1, func(lo, hi2 int) {
		g := make([]T, sx)
		ys := newSlider[T](wy, nx)
		zs := newSlider[T](wz, band*sx)
		tile := getBuf[T](band * sx) // written by the z pass before x reads it
		var cvt []T                  // the planes beyond the volume (constant mode), made when first read
		defer func() {
			ys.release()
			zs.release()
			putBuf(tile)
			if cvt != nil {
				putBuf(cvt)
			}
		}()
		for t := lo; t < hi2; t++ {
			y0 := t * band
			y1 := min(y0+band, ny)
			L := (y1 - y0) * sx
			zs.resize(L)
			zs.run(nz+wz-1, hi, func(k int, slot []T) []T {
				e, ok := border.Index(k-bz, nz, m)
				if !ok {
					if cvt == nil {
						cvt = fillRow(getBuf[T](band*sx), cval)
					}
					return cvt[:L]
				}
				ySlide(ys, src, d, e, y0, y1, by, hi, m, cv, func(i int) []T {
					return slot[i*sx+bx : i*sx+bx+nx]
				}, func(int) {})
				return slot
			}, func(int) []T {
				return tile[:L]
			}, func(z int) {
				for i := range y1 - y0 {
					y := y0 + i
					row, e := dst.row(y, z)[:nx], tile[i*sx:(i+1)*sx]
					if wx == 1 {
						copy(row, e)
					} else {
						extendRow(e, e[bx:bx+nx], bx, m, cval)
						slideRow(row, e, wx, hi, g)
					}
					if post != nil {
						post(y, z, row)
					}
				}
			})
		}
	})
}
