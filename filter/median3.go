package filter

import (
	"unsafe"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/border"
	"github.com/gipsdev/gips/internal/nbhd"
)

// The 3x3 median, read straight from the planes and written straight into
// the output's, a band of rows per task. Each output row sorts the three
// pixels of every column of its three input rows (three exchanges, the
// sorted columns kept as rows lo, mid, hi), and the median of the 3x3
// window at x is then med3(max(lo[x-1..x+1]), med3(mid[x-1..x+1]),
// min(hi[x-1..x+1])) — the median of 9 from its sorted columns (Paeth).
// That is 18 minima and maxima per pixel, branch-free, and whole rows of
// them: 32 bytes per instruction with AVX2 (median3_simd.go) for 8- and
// 16-bit pixels.

// simdCols3 and simdMed3 are the AVX2 twins of cols3 and med3Row for
// unsigned 8-bit (w16 false) and 16-bit rows of bytes; they return the
// bytes done (none in the pure-Go build).
var (
	simdCols3 = func(w16 bool, lo, mid, hi, a, b, c []byte) int { return 0 }
	simdMed3  = func(w16 bool, out, lo, mid, hi []byte) int { return 0 }
)

// isBox3 says whether the footprint offsets are the 3x3 box.
func isBox3(offs [][3]int) bool {
	if len(offs) != 9 {
		return false
	}
	for _, o := range offs {
		if o[0] < -1 || o[0] > 1 || o[1] < -1 || o[1] > 1 || o[2] != 0 {
			return false
		}
	}
	return true
}

// median3x3 is the 3x3 median of the planes in (one volume, every plane
// alone) into out, which must not overlap in.
func median3x3[T gips.Pixel](out, in []gips.Plane[T], d nbhd.Dims, m gips.BorderMode, cval T) error {
	nx, ny := d.NX, d.NY
	band := min(ny, max(8, (ny+7)/8))
	nb := (ny + band - 1) / band
	cv := make([]T, nx)
	for i := range cv {
		cv[i] = cval
	}
	return nbhd.Parallel(d.NZ*nb, 1, func(lo, hi int) {
		L, M, H := make([]T, nx+2), make([]T, nx+2), make([]T, nx+2)
		for t := lo; t < hi; t++ {
			z, y0 := t/nb, (t%nb)*band
			src, dst := in[z], out[z]
			row := func(y int) []T {
				if j, ok := border.Index(y, ny, m); ok {
					return src.Row(j)
				}
				return cv
			}
			for y := y0; y < min(y0+band, ny); y++ {
				a, b, c := row(y-1), row(y), row(y+1)
				cols3(L[1:nx+1], M[1:nx+1], H[1:nx+1], a, b, c)
				for _, e := range [2][2]int{{-1, 0}, {nx, nx + 1}} { // the columns beyond the sides
					if j, ok := border.Index(e[0], nx, m); ok {
						L[e[1]], M[e[1]], H[e[1]] = L[j+1], M[j+1], H[j+1]
					} else {
						L[e[1]], M[e[1]], H[e[1]] = cval, cval, cval
					}
				}
				med3Row(dst.Row(y), L, M, H)
			}
		}
	})
}

// cols3 sorts each column: (lo, mid, hi)[x] is a[x], b[x], c[x] in order.
func cols3[T gips.Pixel](lo, mid, hi, a, b, c []T) {
	done := 0
	switch any(lo).(type) {
	case []uint8:
		done = simdCols3(false, bytesOf(lo), bytesOf(mid), bytesOf(hi), bytesOf(a), bytesOf(b), bytesOf(c))
	case []uint16:
		done = simdCols3(true, bytesOf(lo), bytesOf(mid), bytesOf(hi), bytesOf(a), bytesOf(b), bytesOf(c)) / 2
	}
	n := len(lo)
	a, b, c, mid, hi = a[:n], b[:n], c[:n], mid[:n], hi[:n]
	for x := done; x < n; x++ {
		p, q := sort2(a[x], b[x])
		q, r := sort2(q, c[x])
		p, q = sort2(p, q)
		lo[x], mid[x], hi[x] = p, q, r
	}
}

// med3Row sets out[x] to the median of the sorted columns x, x+1, x+2 of
// lo, mid, hi (len(out)+2 each).
func med3Row[T gips.Pixel](out, lo, mid, hi []T) {
	done := 0
	switch any(out).(type) {
	case []uint8:
		done = simdMed3(false, bytesOf(out), bytesOf(lo), bytesOf(mid), bytesOf(hi))
	case []uint16:
		done = simdMed3(true, bytesOf(out), bytesOf(lo), bytesOf(mid), bytesOf(hi)) / 2
	}
	n := len(out)
	lo, mid, hi = lo[:n+2], mid[:n+2], hi[:n+2]
	for x := done; x < n; x++ {
		a := max(lo[x], lo[x+1], lo[x+2])
		c := min(hi[x], hi[x+1], hi[x+2])
		b := med3(mid[x], mid[x+1], mid[x+2])
		out[x] = med3(a, b, c)
	}
}

// med3 is the median of three: max(min(a, b), min(max(a, b), c)).
func med3[T gips.Pixel](a, b, c T) T {
	return max(min(a, b), min(max(a, b), c))
}

func bytesOf[T any](s []T) []byte {
	if len(s) == 0 {
		return nil
	}
	var z T
	return unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(s))), len(s)*int(unsafe.Sizeof(z)))
}

// planesOf is the planes of the contiguous volume buf of dims d.
func planesOf[T gips.Pixel](buf []T, d nbhd.Dims) []gips.Plane[T] {
	ps := make([]gips.Plane[T], d.NZ)
	for z := range ps {
		ps[z] = gips.Plane[T]{Pix: buf[z*d.NX*d.NY : (z+1)*d.NX*d.NY], Stride: d.NX, Width: d.NX, Height: d.NY}
	}
	return ps
}
