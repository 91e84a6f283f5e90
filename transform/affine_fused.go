package transform

import (
	"unsafe"

	"github.com/gipsdev/gips"
)

// The fused path of an order-1 map on a plane of uint8, uint16, float32
// or int16 samples into an output of the same type (2D, or a volume
// rotated in xy): the kernel (AVX-512, affine_fused_simd.go and
// affine_fused_wide.go; AVX2 for float32 and int16, affine_fused_avx2.go)
// goes from coordinates to stored samples eight points at a time (four on
// AVX2) and stops at a group with a point outside the box that points2
// gives lin2; that group goes through fusedPoint, points2's choice for
// one point, and the kernel resumes after it. Without a kernel for the
// type fusedTile declines and segment and storeSeg run.

// fusedPixel is the sample types of the fused path (a plane of float32
// or int16 at least two samples wide).
type fusedPixel interface {
	uint8 | uint16 | float32 | int16
}

// fusedSrc says where a segment's coordinates come from: the slices cy and
// cx, or, when affine, (by + colY[k]) + oy and (bx + colX[k]) + ox, addRow's
// sums, or the float32 slices cy32 and cx32 widened; and the plane the
// kernel reads.
type fusedSrc struct {
	cy, cx     []float64
	cy32, cx32 []float32 // float32 coordinates, when not nil (and not affine)
	halves     bool      // read them 16 bytes at a time: they are not 32-byte aligned
	affine     bool
	by, oy     float64
	bx, ox     float64
	colY, colX []float64
	loY, hiY   float64 // the box of the kernel's points: loY <= y < hiY
	loX, hiX   float64 // and loX <= x < hiX (NaN is outside)
	lastY      int32   // the plane's last row and column
	lastX      int32
	stride     int
	base       unsafe.Pointer // the plane's first sample
	// fusedU8's walk: rows output rows of uint8 from out, outStride bytes
	// apart, whose points k are at column k, in strips of strip columns;
	// an affine source's by and bx of row r are bases[0][r] and
	// bases[1][r].
	rows, strip int
	out         unsafe.Pointer
	outStride   int
	bases       [2][tileRows + 1]float64 // one past the rows: the kernel loads two
}

// point is the coordinates of point k of f, the kernel's numbers.
func (f *fusedSrc) point(k int) (y, x float64) {
	if f.affine {
		return (f.by + f.colY[k]) + f.oy, (f.bx + f.colX[k]) + f.ox
	}
	if f.cy32 != nil {
		return float64(f.cy32[k]), float64(f.cx32[k])
	}
	return f.cy[k], f.cx[k]
}

// fusedTile does segment and storeSeg for the output points (x0..x1-1,
// y0..y1-1, z) into out (their output plane) on the fused path, and says
// whether it did. What is fixed along the tile is taken once, not at every
// row.
func fusedTile[S, D gips.Pixel](j *job, v *volume[S], sc *pointScratch, cols [3][]float64, z, y0, y1, x0, x1 int, out gips.Plane[D]) bool {
	if j.e.order != 1 {
		return false
	}
	switch vv := any(v).(type) {
	case *volume[uint8]:
		o, ok := any(out).(gips.Plane[uint8])
		return ok && fusedRun(j, vv, sc, cols, z, y0, y1, x0, x1, o)
	case *volume[uint16]:
		o, ok := any(out).(gips.Plane[uint16])
		return ok && fusedRun(j, vv, sc, cols, z, y0, y1, x0, x1, o)
	case *volume[float32]:
		o, ok := any(out).(gips.Plane[float32])
		return ok && v.nx > 1 && fusedRun(j, vv, sc, cols, z, y0, y1, x0, x1, o)
	case *volume[int16]:
		o, ok := any(out).(gips.Plane[int16])
		return ok && v.nx > 1 && fusedRun(j, vv, sc, cols, z, y0, y1, x0, x1, o)
	}
	return false
}

// fusedRun is fusedTile for one sample type.
func fusedRun[P fusedPixel](j *job, v *volume[P], sc *pointScratch, cols [3][]float64, z, y0, y1, x0, x1 int, out gips.Plane[P]) bool {
	m := j.m
	pz, hy, hx := 0, 0, 1 // the plane, and the y and x axes in numpy order
	switch {
	case j.rank == 2:
	case m.ident[2]:
		pz, hy, hx = z, 1, 2
	default:
		return false
	}
	pl := v.plane(pz)
	if !fusedOK(pl) || pl.Height != v.ny || pl.Width != v.nx {
		return false
	}
	n := x1 - x0
	f := fusedSrc{
		loY: 0, hiY: float64(v.ny - 1), loX: 0, hiX: float64(v.nx - 1),
		lastY: int32(v.ny - 1), lastX: int32(v.nx - 1), stride: pl.Stride,
		base: unsafe.Pointer(unsafe.SliceData(pl.Pix)),
	}
	if j.e.mode == Nearest {
		f.loY, f.hiY, f.loX, f.hiX = -linLimit, linLimit, -linLimit, linLimit
	}
	f32 := m.coords[0] != nil && j.rank == 2 && m.coords[0].f32 != nil && m.coords[1].f32 != nil
	if m.coords[0] == nil {
		f.affine = true
		f.oy, f.colY = m.off[hy], cols[hy][x0:x1]
		f.ox, f.colX = m.off[hx], cols[hx][x0:x1]
	}
	rows := v.rows[pz*v.ny : (pz+1)*v.ny]
	if o8, ok := any(out).(gips.Plane[uint8]); ok && f.affine {
		fusedStripsU8(j, any(rows).([][]uint8), &f, hy, hx, z, y0, y1, x0, x1, o8)
		return true
	}
	// Coordinates of other types go through the scratch, segLen points
	// at a time.
	seg := n
	if !f.affine && !f32 {
		seg = segLen
	}
	for y := y0; y < y1; y++ {
		for xa := x0; xa < x1; xa += seg {
			xb := min(x1, xa+seg)
			nn := xb - xa
			switch {
			case f.affine:
				f.by, f.bx = rowBase(j, hy, z, y), rowBase(j, hx, z, y)
			case f32:
				f.cy32, f.cx32 = m.coords[1].f32(z, y, xa)[:nn], m.coords[0].f32(z, y, xa)[:nn]
				f.halves = (uintptr(unsafe.Pointer(unsafe.SliceData(f.cy32)))|uintptr(unsafe.Pointer(unsafe.SliceData(f.cx32))))%32 != 0
			default:
				segCoords(j, sc, cols, z, y, xa, xb)
				f.cy, f.cx = sc.c[hy][:nn], sc.c[hx][:nn]
			}
			row := out.Row(y)[xa:xb]
			for k := 0; k < nn; {
				k = fusedKernel(&f, k, nn, row)
				for e := min(nn, k+fusedGroup()); k < e; k++ {
					fusedPoint(j, rows, &f, k, row)
				}
			}
		}
	}
	return true
}

// fusedKernel stores points k, k+1, ... of f into row (whole groups,
// while in the box) with the kernel of its type and says where it stopped.
func fusedKernel[P fusedPixel](f *fusedSrc, k, n int, row []P) int {
	switch r := any(row).(type) {
	case []uint8:
		// A walk of one row.
		if n = min(n, len(r)); n-k < 8 {
			return k
		}
		f.rows, f.strip, f.out, f.outStride = 1, n, unsafe.Pointer(unsafe.SliceData(r)), 0
		f.bases[0][0], f.bases[1][0] = f.by, f.bx
		if e, _, ok := fusedU8(f, k, 0, n); !ok {
			return e
		}
		return k + (n-k)&^7
	case []uint16:
		return fusedU16(f, k, n, r)
	case []float32:
		return fusedF32(f, k, n, r)
	case []int16:
		return fusedI16(f, k, n, r)
	}
	return k
}

// fusedStripsU8 is fusedRun's walk of an affine map's tile into a uint8
// plane, in strips of stripCols columns: across a strip, down all the
// tile's rows, then the next strip. Along a whole tile row (256 points)
// a rotation reads a slanted line of input rows 4 KiB apart, whose cache
// lines share a few L1 sets and were gone by the next row (a quarter of
// the kernel's samples waited on its loads); a strip's row reads a short
// piece of that line, which the next row mostly reads again. 64 columns
// are one cache line of each output row, written whole: strips of 8 or
// 16 columns wrote each line in pieces, 8 strips apart, and lost more on
// the stores than they won on the loads. CPU at one thread, 4096², three
// interleaved runs (ms): rotate30 53.2-55.4 in tile rows, 55-60 in strips
// of 8, 52-54 of 16, 48-49 of 32, 45-48 of 64, 49-50 of 128; affine
// 50.6-56.1, and 45.4-46.9 in strips of 64.
const stripCols = 64

func fusedStripsU8(j *job, rows [][]uint8, f *fusedSrc, hy, hx, z, y0, y1, x0, x1 int, out gips.Plane[uint8]) {
	nr, n := y1-y0, x1-x0
	for r := range nr {
		f.bases[0][r], f.bases[1][r] = rowBase(j, hy, z, y0+r), rowBase(j, hx, z, y0+r)
	}
	f.rows, f.strip, f.out, f.outStride = nr, stripCols, unsafe.Pointer(&out.Row(y0)[x0]), out.Stride
	row := func(r int) []uint8 {
		f.by, f.bx = f.bases[0][r], f.bases[1][r]
		return out.Row(y0 + r)[x0:x1]
	}
	g := n &^ 7
	for k, r, done := 0, 0, false; !done; {
		if k, r, done = fusedU8(f, k, r, n); !done {
			// The group at (k, r) has a point outside the kernel's box.
			o := row(r)
			for p := k; p < k+8; p++ {
				fusedPoint(j, rows, f, p, o)
			}
			switch c := k - k%stripCols; {
			case k+8 < min(c+stripCols, g):
				k += 8
			case r+1 < nr:
				k, r = c, r+1
			default:
				k, r = c+stripCols, 0
			}
		}
	}
	for r := range nr {
		o := row(r)
		for p := g; p < n; p++ {
			fusedPoint(j, rows, f, p, o)
		}
	}
}

// fusedPoint stores point k of f into row[k], as points2 and storeSeg do:
// lin2 in the box, edge2 outside.
func fusedPoint[P fusedPixel](j *job, rows [][]P, f *fusedSrc, k int, row []P) {
	y, x := f.point(k)
	var t [1]float64
	if y >= f.loY && y < f.hiY && x >= f.loX && x < f.hiX {
		lin2Go(rows, []float64{y}, []float64{x}, t[:])
	} else {
		t[0] = edge2(&j.e, rows, j.n[1], j.n[0], y, x)
	}
	storeRow(row[k:k+1], t[:])
}

// rowBase is the part of axis h's coordinate (numpy order) that is fixed
// along an output row: ((0 + z·m0) + y·m1), scipy's order, no fused
// multiply-add.
func rowBase(j *job, h, z, y int) float64 {
	m := j.m
	base := 0.0
	if j.rank == 3 {
		base += float64(float64(z) * m.mat[h][0])
	}
	base += float64(float64(y) * m.mat[h][j.rank-2])
	return base
}
