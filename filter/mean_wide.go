package filter

import (
	"fmt"
	"math"
	"unsafe"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/par"
	"github.com/gipsdev/gips/internal/scratch"
)

// The integer box mean of 16-bit images (UInt16, Int16, into their own
// type), 2D and 3D, with sums in uint32 lanes. Int16 pixels are read in
// offset binary (v + 32768, a flip of the top bit), so that every sum is
// non-negative: a box of N <= 65536 pixels sums to at most 65535·N < 2^32.
// The mean rounded half away from zero is then ⌊(S + h) / N⌋ with h = ⌊N/2⌋
// (for an odd N no mean is a half), except that an Int16 mean below zero
// (S < 32768·N in offset binary) with an even N takes h - 1, so that its
// ties go down. That quotient is a multiply-high (wideDiv), proved exact.
//
// The frame is the 8-bit one's (ring.go) with uint32 rows: rows widened and
// summed along x into a ring of row sums, a running sum down the columns.
// A volume runs in slabs of rows: each slab's xy sums of every plane go
// through a ring of planes along z, with a running sum again.

// wideDiv maps a sum S to its rounded mean: a = S + half (minus 1 below
// neg), q = (a·m) >> k, stored as q ^ flip (back to two's complement).
//
// With m = ⌈2^k/N⌉ and e = m·N - 2^k, a·m/2^k = a/N + a·e/(N·2^k): writing
// a = qN + r (r <= N-1), that is q + (r + a·e/2^k)/N, whose floor is q
// whenever a·e < 2^k. newWideDiv takes the least k >= 32 for which that
// holds up to the largest numerator and m fits in 32 bits.
type wideDiv struct {
	m    uint32
	k    uint8
	half uint32
	neg  uint32
	flip uint16
}

func newWideDiv(n int, signed bool) (wideDiv, bool) {
	top := uint64(65535*n + n/2)
	if n < 2 || top >= 1<<32 {
		return wideDiv{}, false
	}
	d := wideDiv{half: uint32(n / 2)}
	if signed {
		d.flip = 0x8000
		if n%2 == 0 {
			d.neg = uint32(32768 * n)
		}
	}
	for k := 32; k < 64; k++ {
		m := (uint64(1)<<k + uint64(n) - 1) / uint64(n)
		if m >= 1<<32 {
			break
		}
		e := m*uint64(n) - uint64(1)<<k
		if e == 0 || top < (uint64(1)<<k)/e {
			d.m, d.k = uint32(m), uint8(k)
			return d, true
		}
	}
	return wideDiv{}, false
}

// quot is the stored mean of sum s.
func (d wideDiv) quot(s uint32) uint16 {
	a := s + d.half
	if s < d.neg {
		a--
	}
	return uint16(uint64(a)*uint64(d.m)>>d.k) ^ d.flip
}

// wideBox is one box mean: sizes, border mode, Constant's value in offset
// binary, and the divisor.
type wideBox struct {
	sx, sy, sz int
	mode       Mode
	cval       uint32
	div        wideDiv
}

// meanWide runs the 16-bit box mean when it applies (a UInt16 or Int16
// image into its own type, at most 65536 pixels per box, an integer cval
// within the type's range); done false leaves the call to the other paths.
func meanWide(dst, src *gips.Image, size [3]int, c config) (done bool, err error) {
	t := src.Type()
	if (t != gips.UInt16 && t != gips.Int16) || dst.Type() != t {
		return false, nil
	}
	g := src.Geometry()
	b := wideBox{sx: size[0], sy: size[1], sz: 1, mode: c.mode}
	if g.Volume {
		b.sz = size[2]
	}
	if b.sx > 1<<16 || b.sy > 1<<16 || b.sz > 1<<16 || b.sx*b.sy*b.sz > 1<<16 {
		return false, nil
	}
	lo, hi := t.Range()
	if c.mode == Constant {
		if c.cval != math.Trunc(c.cval) || c.cval < lo || c.cval > hi {
			return false, nil
		}
		b.cval = uint32(c.cval - lo)
	}
	var ok bool
	if b.div, ok = newWideDiv(b.sx*b.sy*b.sz, t == gips.Int16); !ok {
		return false, nil
	}
	if err := checkInto("mean", dst, src, 1); err != nil {
		return true, err
	}
	if gips.Overlap(src, dst) {
		if src, err = gips.Copy(src); err != nil {
			return true, fmt.Errorf("mean: %w", err)
		}
	}
	sp, err := planes16(src, false)
	if err != nil {
		return true, fmt.Errorf("mean: %w", err)
	}
	dp, err := planes16(dst, true)
	if err != nil {
		return true, fmt.Errorf("mean: %w", err)
	}
	if g.Volume {
		b.volumes(dp, sp, g.SizeZ)
	} else {
		b.planes(dp, sp)
	}
	return true, nil
}

// planes16 gives the planes of a UInt16 or Int16 image as uint16 (an
// Int16 plane's bits).
func planes16(img *gips.Image, writable bool) ([]gips.Plane[uint16], error) {
	if img.Type() == gips.UInt16 {
		if writable {
			return gips.WritablePlanes[uint16](img)
		}
		return gips.Planes[uint16](img)
	}
	get := gips.Planes[int16]
	if writable {
		get = gips.WritablePlanes[int16]
	}
	ps, err := get(img)
	if err != nil {
		return nil, err
	}
	out := make([]gips.Plane[uint16], len(ps))
	for i, p := range ps {
		pix := unsafe.Slice((*uint16)(unsafe.Pointer(unsafe.SliceData(p.Pix))), len(p.Pix))
		out[i] = gips.Plane[uint16]{Pix: pix, Stride: p.Stride, Width: p.Width, Height: p.Height}
	}
	return out, nil
}

// wideBand is a worker's scratch: the extended source row, the ring of row
// sums and its tags, a row of Constant-mode x sums, and the column sums.
type wideBand struct {
	ext, ring, cvalRow, acc []uint32
	tags                    []int
	span                    int
	bySource                bool
}

func (b *wideBox) newBand(w, h int) *wideBand {
	s := &wideBand{span: b.sy + 1}
	slots := s.span
	if s.span > h { // a box taller than the plane: one slot per source row
		s.bySource, slots = true, h
	}
	// The rows from the pool (release gives them back; made afresh, a 3D
	// call's bands faulted in about 1500 pages): rowsXY clears acc and the
	// tags before it reads them, extend writes ext in full, a ring row is
	// read once its tag says it was written, and cvalRow is set here.
	s.ext = scratch.Get[uint32](&ringScratch, w+b.sx-1)
	s.ring = scratch.Get[uint32](&ringScratch, slots*w)
	s.tags = make([]int, slots)
	s.cvalRow = scratch.Get[uint32](&ringScratch, w)
	s.acc = scratch.Get[uint32](&ringScratch, w)
	for i := range s.cvalRow {
		s.cvalRow[i] = b.cval * uint32(b.sx)
	}
	return s
}

func (s *wideBand) release() {
	for _, b := range [][]uint32{s.ext, s.ring, s.cvalRow, s.acc} {
		scratch.Put(&ringScratch, b)
	}
}

// rowsXY hands put the box sums along x and y of rows y0 ... y1-1 of src,
// in order (acc, valid during the call).
func (b *wideBox) rowsXY(s *wideBand, src gips.Plane[uint16], y0, y1 int, put func(y int, acc []uint32)) {
	w, h := src.Width, src.Height
	for t := range s.tags {
		s.tags[t] = math.MinInt
	}
	bx := b.sx / 2
	get := func(e int) []uint32 {
		r, ok := inside(e, h, b.mode)
		if !ok {
			return s.cvalRow
		}
		key, slot := e, mod(e, s.span)
		if s.bySource {
			key, slot = r, r
		}
		row := s.ring[slot*w : (slot+1)*w]
		if s.tags[slot] != key {
			b.extend(s.ext, src.Row(r), bx)
			wideRowSum(row, s.ext, b.sx)
			s.tags[slot] = key
		}
		return row
	}
	by := b.sy / 2
	ay := b.sy - 1 - by
	clear(s.acc)
	for e := y0 - by; e <= y0+ay; e++ {
		wideAddSub(s.acc, get(e), nil)
	}
	put(y0, s.acc)
	for y := y0 + 1; y < y1; y++ {
		wideAddSub(s.acc, get(y+ay), get(y-by-1))
		put(y, s.acc)
	}
}

// extend widens row into ext[back : back+len(row)] (offset binary) and
// fills the pixels around it by the border mode.
func (b *wideBox) extend(ext []uint32, row []uint16, back int) {
	n := len(row)
	mid := ext[back : back+n]
	wideWiden(mid, row, b.div.flip)
	pick := func(i int) uint32 {
		if j, ok := inside(i-back, n, b.mode); ok {
			return mid[j]
		}
		return b.cval
	}
	for i := range back {
		ext[i] = pick(i)
	}
	for i := back + n; i < len(ext); i++ {
		ext[i] = pick(i)
	}
}

// planes filters 2D planes in row bands.
func (b *wideBox) planes(dp, sp []gips.Plane[uint16]) {
	w, h := sp[0].Width, sp[0].Height
	par.Bands(len(sp), h, max(2*(b.sy+1), par.Grain(4*w)), func(p, y0, y1 int) {
		s := b.newBand(w, h)
		defer s.release()
		b.rowsXY(s, sp[p], y0, y1, func(y int, acc []uint32) { wideStore(dp[p].Row(y), acc, b.div) })
	})
}

// wideSlabBytes bounds a slab's ring of planes: about a core's L2.
const wideSlabBytes = 768 << 10

// volumes filters each volume of nz planes in slabs of rows: the xy sums
// of a slab of plane e go to a ring of sz+1 slab planes (one per source
// plane when the box is deeper than the volume), which a running sum
// along z reads.
func (b *wideBox) volumes(dp, sp []gips.Plane[uint16], nz int) {
	w, h := sp[0].Width, sp[0].Height
	zspan := b.sz + 1
	slots := min(zspan, nz)
	rows := min(h, max(4*b.sy, wideSlabBytes/(4*w*slots)))
	if wideSlabRowsMax > 0 {
		rows = min(rows, wideSlabRowsMax)
	}
	slabs := (h + rows - 1) / rows
	bz := b.sz / 2
	az := b.sz - 1 - bz
	par.Bands(len(sp)/nz, slabs, 1, func(v, s0, s1 int) {
		s := b.newBand(w, h)
		defer s.release()
		// From the pool as the band's rows: the slab's tags are reset and
		// acc cleared before either is read, cvalPlane is set here.
		ring := scratch.Get[uint32](&ringScratch, slots*rows*w)
		defer scratch.Put(&ringScratch, ring)
		tags := make([]int, slots)
		cvalPlane := scratch.Get[uint32](&ringScratch, rows*w)
		defer scratch.Put(&ringScratch, cvalPlane)
		for i := range cvalPlane {
			cvalPlane[i] = b.cval * uint32(b.sx*b.sy)
		}
		acc := scratch.Get[uint32](&ringScratch, rows*w)
		defer scratch.Put(&ringScratch, acc)
		for slab := s0; slab < s1; slab++ {
			y0 := slab * rows
			y1 := min(h, y0+rows)
			n := (y1 - y0) * w
			for t := range tags {
				tags[t] = math.MinInt
			}
			get := func(e int) []uint32 {
				z, ok := inside(e, nz, b.mode)
				if !ok {
					return cvalPlane[:n]
				}
				key, slot := e, mod(e, zspan)
				if zspan > nz {
					key, slot = z, z
				}
				pl := ring[slot*n : (slot+1)*n]
				if tags[slot] != key {
					b.rowsXY(s, sp[v*nz+z], y0, y1, func(y int, a []uint32) { copy(pl[(y-y0)*w:], a) })
					tags[slot] = key
				}
				return pl
			}
			put := func(z int) {
				for y := y0; y < y1; y++ {
					wideStore(dp[v*nz+z].Row(y), acc[(y-y0)*w:(y-y0+1)*w], b.div)
				}
			}
			clear(acc[:n])
			for e := -bz; e <= az; e++ {
				wideAddSub(acc[:n], get(e), nil)
			}
			put(0)
			for z := 1; z < nz; z++ {
				wideAddSub(acc[:n], get(z+az), get(z-bz-1))
				put(z)
			}
		}
	})
}

// wideSlabRowsMax, when set (by tests), bounds the rows of a slab.
var wideSlabRowsMax int

// wideWiden sets dst[i] = src[i] ^ flip.
func wideWiden(dst []uint32, src []uint16, flip uint16) {
	done := wideVec.widen(dst, src, flip)
	dst = dst[done:len(src)]
	for i, v := range src[done:] {
		dst[i] = uint32(v ^ flip)
	}
}

// wideRowSum sets row[i] = Σ ext[i : i+sx].
func wideRowSum(row, ext []uint32, sx int) {
	done := wideVec.rowSum(row, ext, sx)
	if done == len(row) {
		return
	}
	var s uint32
	for _, v := range ext[done : done+sx] {
		s += v
	}
	row[done] = s
	add, sub := ext[done+sx:sx+len(row)-1], ext[done:len(row)-1]
	out := row[done+1:]
	for i := range out {
		s += add[i] - sub[i]
		out[i] = s
	}
}

// wideAddSub adds add to acc and subtracts sub (none when nil).
func wideAddSub(acc, add, sub []uint32) {
	addSubFrom(wideVec.addSub(acc, add, sub), acc, add, sub)
}

// wideStore sets out[i] to the rounded mean of sum acc[i] (wideDiv).
func wideStore(out []uint16, acc []uint32, d wideDiv) {
	done := wideVec.store(out, acc, d)
	acc = acc[done:len(out)]
	out = out[done:]
	for i, a := range acc {
		out[i] = d.quot(a)
	}
}

// wideVec holds the vector twins (mean_wide_simd.go); each returns how
// many leading elements it did, none in the pure-Go build.
var wideVec = struct {
	widen  func(dst []uint32, src []uint16, flip uint16) int
	rowSum func(row, ext []uint32, sx int) int
	addSub func(acc, add, sub []uint32) int
	store  func(out []uint16, acc []uint32, d wideDiv) int
}{
	widen:  func([]uint32, []uint16, uint16) int { return 0 },
	rowSum: func([]uint32, []uint32, int) int { return 0 },
	addSub: func([]uint32, []uint32, []uint32) int { return 0 },
	store:  func([]uint16, []uint32, wideDiv) int { return 0 },
}
