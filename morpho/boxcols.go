package morpho

import (
	"unsafe"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/border"
	"github.com/gipsdev/gips/internal/nbhd"
)

// A 2D box of unsigned 8- or 16-bit pixels with diagK to diagMaxN rows
// (the common 15x15 one) takes its y pass from the diagonal kernel with
// no shift (diag.go): 8 output rows from one pass over the n+7 rows they
// read, in place in the image, into 8 extended rows in L1, where van Herk
// over whole rows (boxvh.go) paid a call and a pass through memory per row
// minimum (three a row), each with its scalar tail. Then each row is
// extended by a table of where its border pixels come from, and filtered
// along x by one AVX-512 call (slideRun: the triple minima, then the
// minimum of up to 5 shifted copies of them) where slideRow made 3 calls
// with AVX2, SWAR and scalar tails and a heap allocation.

// slideRun is the AVX-512 kernel of boxCols' x pass (boxcols_simd.go): it
// sets out (whole rows of bytes, w16 false, or 16-bit words) to the
// extreme of w consecutive pixels of ext, with g (len(ext)) as scratch,
// and returns false where it does not run (then slideRow, its twin, does
// the row). Nil without the SIMD build, where boxCols does not run.
var slideRun func(hi, w16 bool, out, ext, g []byte, w int) bool

// boxCols is boxFilter for those windows; it returns false (having
// written nothing) where it does not run.
func boxCols[T gips.Pixel](dst, src vview[T], d nbhd.Dims, win [3][2]int, hi bool, m gips.BorderMode, cval T, post func(y, z int, row []T)) (bool, error) {
	nx, ny, nz := d.NX, d.NY, d.NZ
	bx, fx := win[0][0], win[0][1]
	by, fy := win[1][0], win[1][1]
	wx, wy := bx+fx+1, by+fy+1
	lk := laneKindOf[T]()
	size := int(unsafe.Sizeof(cval))
	if diagRun == nil || lk != kU8 && lk != kU16 || win[2] != [2]int{} || wy < diagK || wy > diagMaxN || nx*size < 64+(diagK-1)*size {
		return false, nil
	}
	w16 := lk == kU16
	sx := nx + wx - 1
	cv := cvalRow(nx, cval)
	// from[i] is the pixel of the extended row e that e[i] takes, or -1
	// for cval, for the bx pixels before the row and the fx after it.
	from := make([]int, bx+fx)
	for i := range from {
		x := i - bx
		if i >= bx {
			x = nx + i - bx
		}
		from[i] = -1
		if j, ok := border.Index(x, nx, m); ok {
			from[i] = bx + j
		}
	}
	// Groups of diagK rows in par's guided chunks, as diagFilter.
	ng := (ny + diagK - 1) / diagK
	grain := max((4*(wy-1)+diagK-1)/diagK, (nbhd.Grain(nx)+diagK-1)/diagK)
	return true, nbhd.Parallel(nz*ng, grain, func(lo, hi2 int) {
		buf := getBuf[T]((diagK + 1) * sx) // every row is written before it is read
		defer putBuf(buf)
		g := buf[diagK*sx:]
		var bs [diagMaxN + diagK]unsafe.Pointer
		var off [diagMaxN + diagK]int
		var outs [diagK]unsafe.Pointer
		for i := range outs {
			outs[i] = unsafe.Pointer(&buf[i*sx+bx])
		}
		for lo < hi2 {
			z, y0 := lo/ng, lo%ng*diagK
			y1 := min((min(hi2-z*ng, ng))*diagK, ny)
			lo = (z + 1) * ng
			for y := y0; y < y1; y += diagK {
				for q := range wy + diagK - 1 {
					r := cv
					if j, ok := border.Index(y-by+q, ny, m); ok {
						r = src.row(j, z)
					}
					bs[q] = unsafe.Pointer(&r[0])
				}
				if !diagRun(hi, w16, &bs, &off, wy, &outs, nx, 0) {
					diagGroupGo(hi, w16, &bs, &off, wy, &outs, nx, 0)
				}
				for i := range min(diagK, y1-y) {
					e, row := buf[i*sx:(i+1)*sx], dst.row(y+i, z)[:nx]
					if wx == 1 {
						copy(row, e)
					} else {
						for i, k := range from {
							if i >= bx {
								i += nx
							}
							if k < 0 {
								e[i] = cval
							} else {
								e[i] = e[k]
							}
						}
						if slideRun == nil || !slideRun(hi, w16, bytesOf(row), bytesOf(e), bytesOf(g), wx) {
							slideRow(row, e, wx, hi, g)
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
