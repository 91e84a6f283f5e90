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
	for y := y0; y < y1; y++ {
		switch {
		case f.affine:
			f.by, f.bx = rowBase(j, hy, z, y), rowBase(j, hx, z, y)
		case f32:
			f.cy32, f.cx32 = m.coords[1].f32(z, y, x0)[:n], m.coords[0].f32(z, y, x0)[:n]
			f.halves = (uintptr(unsafe.Pointer(unsafe.SliceData(f.cy32)))|uintptr(unsafe.Pointer(unsafe.SliceData(f.cx32))))%32 != 0
		default:
			segCoords(j, sc, cols, z, y, x0, x1)
			f.cy, f.cx = sc.c[hy][:n], sc.c[hx][:n]
		}
		row := out.Row(y)[x0:x1]
		for k := 0; k < n; {
			k = fusedKernel(&f, k, n, row)
			for e := min(n, k+fusedGroup()); k < e; k++ {
				fusedPoint(j, rows, &f, k, row)
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
		return fusedU8(f, k, n, r)
	case []uint16:
		return fusedU16(f, k, n, r)
	case []float32:
		return fusedF32(f, k, n, r)
	case []int16:
		return fusedI16(f, k, n, r)
	}
	return k
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
