package morpho

import (
	"unsafe"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/border"
)

// The 3x3 box (the commonest erosion, and the 3-row windows of boxXY
// generally: 3x1 along y or z with 3 along x) makes each output row in
// one call: the extreme of the 3 rows into the extended row, its two
// border pixels, then the extreme of 3 shifted copies of it. Through the
// generic row ops (mm3, extendRow, slideRow) a 1024-pixel row paid about
// as much in calls, type switches and border lookups as in vector work
// (go test -bench BoxTypes: uint8 erode3 120 µs of CPU for 64 K vectors).
// The SIMD kernel (box3_simd.go) does both passes and the border in one
// loop nest, the last vector of each pass overlapping the one before
// (no scalar tail); the pure-Go twin is the generic path, the same
// operations in the same order (floats: Go's min of the rows, then of the
// shifted copies, so NaN payloads match bit for bit). float32 rows
// without NaN and -0 (f32Clean, checked once per source row) take the
// vector MIN and MAX, which there equal Go's min and max bit for bit.

// xEdges is where an extended row of nx pixels and one pixel on each side
// reads its border pixels: j0 and j1 are indices into the row, -1 for
// cval (Constant mode).
type xEdges struct{ j0, j1 int }

func xEdgesOf(nx int, m gips.BorderMode) xEdges {
	e := xEdges{-1, -1}
	if j, ok := border.Index(-1, nx, m); ok {
		e.j0 = j
	}
	if j, ok := border.Index(nx, nx, m); ok {
		e.j1 = j
	}
	return e
}

// simdBox3 is the SIMD kernel of box3Row (box3_simd.go) on bytes: it
// returns false when it does not take the lane kind or the row length
// (the pure-Go build's takes none). cval is the bytes of one pixel; clean
// says that float32 rows and cval hold no NaN and no -0 (f32Clean).
var simdBox3 = func(lk laneKind, hi bool, out, ext, r0, r1, r2 []byte, e xEdges, cval []byte, clean bool) bool {
	return false
}

// f32Clean says whether the float32 row (bytes) holds no NaN and no -0:
// there Go's min and max of two pixels are the vector MIN and MAX (one
// instruction, not five: the two differ only on NaNs and on zeros of two
// signs). It is false where the build has no kernel (nothing then asks).
var f32Clean = func(row []byte) bool { return false }

// cleanRows remembers f32Clean of the last rows a worker read (the 3x3
// kernel reads each row for three output rows).
type cleanRows struct {
	ps   [4]unsafe.Pointer
	ok   [4]bool
	next int
}

// f32CleanPixel is f32Clean of one float32 pixel (cval's bytes).
func f32CleanPixel(b []byte) bool {
	if len(b) != 4 {
		return false
	}
	u := *(*uint32)(unsafe.Pointer(&b[0]))
	return u&(1<<31-1) <= 0x7f800000 && u != 1<<31
}

func (c *cleanRows) row(r []byte) bool {
	p := unsafe.Pointer(&r[0])
	for i, q := range c.ps {
		if q == p {
			return c.ok[i]
		}
	}
	ok := f32Clean(r)
	c.ps[c.next], c.ok[c.next] = p, ok
	c.next = (c.next + 1) % len(c.ps)
	return ok
}

// box3Wide lets the tests run the AVX2 kernels on AVX-512 machines.
var box3Wide = true

// box3Row sets out (nx pixels) to the minimum (maximum when hi) over 3
// pixels along x of the element-wise extreme of rows r, the row extended
// by e and cval; ext (nx+2 pixels) is scratch. clean: the rows and cval
// are float32 without NaN and -0 (f32Clean).
func box3Row[T gips.Pixel](out, ext []T, r *[3][]T, hi bool, e xEdges, cval T, cvb []byte, clean bool) {
	n := len(out)
	ext = ext[:n+2]
	if simdBox3(laneKindOf[T](), hi, bytesOf(out), bytesOf(ext), bytesOf(r[0][:n]), bytesOf(r[1][:n]), bytesOf(r[2][:n]), e, cvb, clean) {
		return
	}
	v := ext[1 : n+1]
	mm3(v, r[0], r[1], r[2], hi)
	ext[0], ext[n+1] = cval, cval
	if e.j0 >= 0 {
		ext[0] = v[e.j0]
	}
	if e.j1 >= 0 {
		ext[n+1] = v[e.j1]
	}
	mm3(out, ext, ext[1:], ext[2:], hi)
}
