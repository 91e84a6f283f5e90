package morpho

import (
	"unsafe"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/border"
	"github.com/gipsdev/gips/internal/nbhd"
)

// A 2D box of unsigned 8- or 16-bit pixels with diagK to diagMaxN rows
// (the common 15x15 one) takes its y pass from the diagonal kernel's
// scheme with no shift (diag.go, colRun): 8 output rows from one pass
// over the n+7 rows they read, in place in the image, into 8 extended
// rows in L1, where van Herk over whole rows (boxvh.go) paid a call and a
// pass through memory per row minimum (three a row), each with its scalar
// tail. Then each row is extended (its border pixels by two byte
// permutations, edgeRun, or a table of where they come from), and
// filtered along x by one AVX-512 call (slideRun: the triple minima, then
// the minimum of up to 5 shifted copies of them) where slideRow made 3
// calls with AVX2, SWAR and scalar tails and a heap allocation. Rows of
// 2048 bytes (1024 uint16 pixels) read 22 rows that fall in 2 L1 sets: a
// padded stride made 1024² uint16 erode15 17% faster (337 -> 281 us);
// copying the rows to a ring of odd stride, as diag.go does, would cost
// about as much as it saves (not tried).

// slideRun is the AVX-512 kernel of boxCols' x pass (boxcols_simd.go): it
// sets out (whole rows of bytes, w16 false, or 16-bit words) to the
// extreme of w consecutive pixels of ext, with g (len(ext)) as scratch,
// and returns false where it does not run (then slideRow, its twin, does
// the row). Nil without the SIMD build, where boxCols does not run.
var slideRun func(hi, w16 bool, out, ext, g []byte, w int) bool

// edgeRun is the AVX-512 VBMI kernel of boxCols' border pixels
// (boxcols_simd.go): the first 64 bytes of the extended row e (at least
// 128) become those 64 bytes from byte lo of e permuted by li, and the
// last 64 those from byte ro by ri; false where it cannot. Nil where the
// machine or build has none; the table walk (to, from) is its twin.
var edgeRun func(e []byte, lo, ro int, li, ri *[64]uint8) bool

// colRun is the AVX-512 kernel of boxCols' y pass (boxcols_simd.go): the
// diagonal kernel (a diagKernel) for s = 0 and off all 0; nil without the
// SIMD build, where boxCols does not run. diagGroupGo is its twin.
var colRun diagKernel

// boxCols is boxFilter for those windows; it returns false (having
// written nothing) where it does not run.
func boxCols[T gips.Pixel](dst, src vview[T], d nbhd.Dims, win [3][2]int, hi bool, m gips.BorderMode, cval T, post func(y, z int, row []T)) (bool, error) {
	nx, ny, nz := d.NX, d.NY, d.NZ
	bx, fx := win[0][0], win[0][1]
	by, fy := win[1][0], win[1][1]
	wx, wy := bx+fx+1, by+fy+1
	lk := laneKindOf[T]()
	size := int(unsafe.Sizeof(cval))
	if colRun == nil || lk != kU8 && lk != kU16 || win[2] != [2]int{} || wy < diagK || wy > diagMaxN || nx*size < 64 {
		return false, nil
	}
	w16 := lk == kU16
	sx := nx + wx - 1
	se := sx + 1 // an extended row, then cval: the source of border pixels in Constant mode
	cv := cvalRow(nx, cval)
	// The border pixels of an extended row e: e[to[i]] = e[from[i]], the
	// bx before the row and the fx after it, by a table made once.
	to, from := make([]int, bx+fx), make([]int, bx+fx)
	for i := range to {
		to[i] = i
		if i >= bx {
			to[i] = nx + i
		}
		from[i] = sx
		if j, ok := border.Index(to[i]-bx, nx, m); ok {
			from[i] = bx + j
		}
	}
	// The same as two byte permutations, where every border pixel's
	// source lies in the row's first or last 64 bytes (not Wrap or
	// Constant): the table walk was 14 scalar copies a row of 15x15.
	sb, nbx := size, nx*size
	el, er := bx*sb, (bx+nx)*sb-64 // the row's first and last 64 bytes
	var li, ri [64]uint8
	edges := edgeRun != nil && nbx >= 64 && sx*sb >= 128 && bx*sb < 64 && fx*sb < 64
	for p := range 64 {
		li[p] = uint8(max(p-el, 0)) // the row's own bytes past the border
		ri[p] = uint8(min(p+fx*sb, 63))
	}
	for i, t := range to {
		for b := range sb {
			src := from[i]*sb + b
			if t < bx { // a byte of the first 64
				j := src - el
				edges = edges && j >= 0 && j < 64
				li[(t*sb+b)&63] = uint8(j & 63)
			} else { // the last 64 end at the extended row's end, sx*sb
				j := src - er
				edges = edges && j >= 0 && j < 64
				ri[(t*sb+b-(sx*sb-64))&63] = uint8(j & 63)
			}
		}
	}
	// Groups of diagK rows in par's guided chunks, as diagFilter.
	ng := (ny + diagK - 1) / diagK
	grain := max((4*(wy-1)+diagK-1)/diagK, (nbhd.Grain(nx)+diagK-1)/diagK)
	return true, nbhd.Parallel(nz*ng, grain, func(lo, hi2 int) {
		buf := getBuf[T]((diagK + 1) * se) // every pixel is written before it is read
		defer putBuf(buf)
		g := buf[diagK*se:]
		var off [diagMaxN + diagK]int
		var outs [diagK]unsafe.Pointer
		for i := range outs {
			outs[i] = unsafe.Pointer(&buf[i*se+bx])
			buf[i*se+sx] = cval
		}
		var rows []unsafe.Pointer
		for lo < hi2 {
			z, y0 := lo/ng, lo%ng*diagK
			y1 := min((min(hi2-z*ng, ng))*diagK, ny)
			lo = (z + 1) * ng
			// rows[k] is source row y0-by+k, found once for the groups
			// that read it; past them, room for the kernel's array.
			n := (y1-y0+diagK-1)/diagK*diagK + wy - 1
			if len(rows) < n+diagMaxN+diagK {
				rows = make([]unsafe.Pointer, n+diagMaxN+diagK)
			}
			for k := range n {
				r := cv
				if j, ok := border.Index(y0-by+k, ny, m); ok {
					r = src.row(j, z)
				}
				rows[k] = unsafe.Pointer(&r[0])
			}
			for y := y0; y < y1; y += diagK {
				bs := (*[diagMaxN + diagK]unsafe.Pointer)(rows[y-y0:])
				if !colRun(hi, w16, bs, &off, wy, &outs, nx, 0) {
					diagGroupGo(hi, w16, bs, &off, wy, &outs, nx, 0)
				}
				// Every row's border pixels first: the x pass's first
				// load then spans no byte stores still in the store buffer
				// (a load that spans pending stores waits for them).
				nr := min(diagK, y1-y)
				for i := range nr {
					e := buf[i*se : (i+1)*se]
					if edges && edgeRun(bytesOf(e[:sx]), el, er, &li, &ri) {
						continue
					}
					for k, t := range to {
						e[t] = e[from[k]]
					}
				}
				for i := range nr {
					e, row := buf[i*se:(i+1)*se], dst.row(y+i, z)[:nx]
					if wx == 1 {
						copy(row, e[:nx])
					} else {
						if slideRun == nil || !slideRun(hi, w16, bytesOf(row), bytesOf(e[:sx]), bytesOf(g), wx) {
							slideRow(row, e[:sx], wx, hi, g[:sx])
						}
					}
					if post != nil {
						post(y+i, z, row)
					}
				}
			}
		}
	})
}
