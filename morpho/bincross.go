package morpho

import "github.com/gipsdev/gips/internal/nbhd"

// The binary opening and closing by the 2D cross (scipy's default
// structure, the common call) run both passes band by band, as boxChain
// does for the grey ones by a box: each band of output rows first makes
// the rows of the first pass it reads (its own and one on either side)
// into a band buffer in cache, then the second pass over them. Through
// the volume-sized intermediate, the closing of a 4096² image cost
// OpenCV's MORPH_CLOSE (1.01x, issue 15); it wrote and read 16 MiB more.

// The erosion and dilation by the 2D cross (scipy's default structure)
// read the source rows in place: each output row is the extreme of five
// reads (the row at x-1, x, x+1, the rows above and below at x) clamped
// to 0/1, in one pass (AVX-512 where the machine has it). Through the
// generic footprint path a row was copied, reduced, then clamped: three
// passes for what OpenCV's MORPH_CROSS does in one (1.45x, issue 15).

// simdCross is the AVX-512 kernel of crossBinRow (bincross_simd.go): it
// sets out[1:n-1] and says whether it did (rows of at least 66 bytes; the
// pure-Go build and AVX2 machines do none).
var simdCross = func(out, up, mid, down []uint8, hi bool) bool { return false }

// crossBinRow is crossRow clamped to 0/1: min(v, 1) is 1 for every
// nonzero byte, so the raw bytes of a binary image need no 0/1 pass first.
// one is a row of ones at least as long as out.
func crossBinRow(out, up, mid, down []uint8, hi bool, bv uint8, one []uint8) {
	n := len(out)
	if !simdCross(out, up, mid, down, hi) {
		crossRow(out, up, mid, down, hi, bv)
		mm2(out, out, one, false)
		return
	}
	for _, x := range [2]int{0, n - 1} {
		v := crossAt(mid[:n], x, hi, bv)
		for _, u := range [2]uint8{up[x], down[x]} {
			if hi == (u > v) {
				v = u
			}
		}
		out[x] = min(v, 1)
	}
}

// binCross writes into dst the erosion (the dilation when hi) by the 2D
// cross of src, plane by plane, with bv beyond the border, as 0/1 bytes.
// dst and src must not overlap.
func binCross(dst, src vview[uint8], d nbhd.Dims, hi bool, bv uint8) error {
	nx, ny := d.NX, d.NY
	cv, one := cvalRow(nx, bv), cvalRow(nx, uint8(1))
	return nbhd.Parallel(d.NZ*ny, 64, func(lo, hi2 int) {
		for t := lo; t < hi2; t++ {
			zz, y := t/ny, t%ny
			srow := func(j int) []uint8 {
				if j < 0 || j >= ny {
					return cv
				}
				return src.row(j, zz)
			}
			crossBinRow(dst.row(y, zz), srow(y-1), srow(y), srow(y+1), hi, bv, one)
		}
	})
}

// isCross2D is whether s is the 3x3 cross (centre included) of one plane.
func isCross2D(s SE) bool {
	if s.size != [3]int{3, 3, 1} {
		return false
	}
	on := s.Bools()
	for i, v := range on {
		x, y := i%3-1, i/3-1
		if v != (abs(x)+abs(y) <= 1) {
			return false
		}
	}
	return true
}

// crossRow sets out to the maximum (minimum when !hi) of mid over x-1..x+1
// and of up and down at x, with bv beyond the row's ends. out must not
// overlap mid, up or down.
func crossRow(out, up, mid, down []uint8, hi bool, bv uint8) {
	n := len(out)
	if n >= 3 {
		mm3(out[1:n-1], mid, mid[1:], mid[2:], hi)
	}
	out[0], out[n-1] = crossAt(mid[:n], 0, hi, bv), crossAt(mid[:n], n-1, hi, bv)
	mm3(out, out, up, down, hi)
}

// crossAt is the extreme of mid[x-1..x+1], with bv outside the row.
func crossAt(mid []uint8, x int, hi bool, bv uint8) uint8 {
	v := mid[x]
	for _, w := range [2]int{x - 1, x + 1} {
		u := bv
		if w >= 0 && w < len(mid) {
			u = mid[w]
		}
		if hi == (u > v) {
			v = u
		}
	}
	return v
}

// binCrossChain writes into dst the second pass (the maximum when hi2)
// of the first (the other extreme) of src by the 2D cross, plane by
// plane, with bv beyond the border (the constant mode of the binary ops),
// and calls post with each output row. dst and src must not overlap.
func binCrossChain(dst, src vview[uint8], d nbhd.Dims, hi2 bool, bv uint8, post func(y, z int, row []uint8)) error {
	nx, ny := d.NX, d.NY
	band := max(8, (128<<10)/max(nx, 1))
	band = min(band, max(8, (ny+7)/8), ny) // enough tasks for every worker
	nb := (ny + band - 1) / band
	cv := cvalRow(nx, bv)
	return nbhd.Parallel(d.NZ*nb, 1, func(lo, hi int) {
		// mid[k] is the first pass's row j0+k; pooled, since a fresh one
		// per chunk faulted its pages in on most calls (4096² opening: 340
		// faults a call, a few ms of the kernel's time on this VM). The
		// pool's size classes keep them apart from the opening's
		// volume-sized intermediate.
		mid := getBuf[uint8]((band + 2) * nx)
		defer putBuf(mid)
		for t := lo; t < hi; t++ {
			zz, y0 := t/nb, (t%nb)*band
			y1 := min(y0+band, ny)
			j0, j1 := max(0, y0-1), min(ny, y1+1)
			srow := func(j int) []uint8 {
				if j < 0 || j >= ny {
					return cv
				}
				return src.row(j, zz)
			}
			for j := j0; j < j1; j++ {
				crossRow(mid[(j-j0)*nx:(j-j0+1)*nx], srow(j-1), srow(j), srow(j+1), !hi2, bv)
			}
			mrow := func(j int) []uint8 {
				if j < 0 || j >= ny {
					return cv
				}
				return mid[(j-j0)*nx : (j-j0+1)*nx]
			}
			for y := y0; y < y1; y++ {
				o := dst.row(y, zz)
				crossRow(o, mrow(y-1), mrow(y), mrow(y+1), hi2, bv)
				if post != nil {
					post(y, zz, o)
				}
			}
		}
	})
}
