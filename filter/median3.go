package filter

import (
	"math"
	"unsafe"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/border"
	"github.com/gipsdev/gips/internal/nbhd"
	"github.com/gipsdev/gips/internal/scratch"
)

// The 3x3 median, read straight from the planes and written straight into
// the output's, a band of rows per task. Each output row sorts the three
// pixels of every column of its three input rows (three exchanges, the
// sorted columns kept as rows lo, mid, hi), and the median of the 3x3
// window at x is then med3(max(lo[x-1..x+1]), med3(mid[x-1..x+1]),
// min(hi[x-1..x+1])) — the median of 9 from its sorted columns (Paeth).
// That is 18 minima and maxima per pixel, branch-free, and whole rows of
// them: 32 bytes per instruction with AVX2 (median3_simd.go), 64 with
// AVX-512 for 16- and 32-bit lanes, on every pixel type.
//
// Floats: Go's min and max order -0 below +0 and return a NaN when either
// operand is one (which NaN comes of the operands' bits), and the vector
// MINPS and MAXPS do neither; on values without NaN and -0 all of them
// give the same bits. So a float row goes to the vectors only when its
// three input rows (and the constant, in Constant mode) hold no NaN and no
// -0 (a check each input row pays once, cleanRow); other rows run the Go
// loops, whose results stay as they were but for their NaN outputs (the
// windows holding a NaN), redone by scipy's selection (rank_nan.go).

// simdCols3 and simdMed3 are the SIMD twins of cols3 and med3Row for rows
// of lane type k as bytes; they return the bytes done (none in the
// pure-Go build). simdClean is the vector part of cleanRow: the bytes it
// scanned and whether they hold no NaN and no -0; vecFloats says that
// float lanes have vector rows at all.
var (
	simdCols3 = func(k medLane, lo, mid, hi, a, b, c []byte) int { return 0 }
	simdMed3  = func(k medLane, out, lo, mid, hi []byte) int { return 0 }
	simdClean = func(k medLane, r []byte) (int, bool) { return 0, true }
	vecFloats = false
)

// medLane is a pixel type as the medians' vector rows see it.
type medLane uint8

const (
	mlU8 medLane = iota
	mlI8
	mlU16
	mlI16
	mlU32
	mlI32
	mlF32
	mlF64
)

func medLaneOf[T gips.Pixel]() medLane {
	switch any(*new(T)).(type) {
	case uint8:
		return mlU8
	case int8:
		return mlI8
	case uint16:
		return mlU16
	case int16:
		return mlI16
	case uint32:
		return mlU32
	case int32:
		return mlI32
	case float32:
		return mlF32
	}
	return mlF64 // gips.Pixel's last; a named type of it runs the vectors as the plain one
}

func (k medLane) float() bool { return k >= mlF32 }

// size is the bytes of a lane.
func (k medLane) size() int { return [...]int{1, 1, 2, 2, 4, 4, 4, 8}[k] }

// special says whether v is a NaN or -0, on which Go's float min and max
// differ from the vectors'.
func special[T gips.Pixel](v T) bool {
	return v != v || v == 0 && math.Signbit(float64(v))
}

// cleanRow says whether r holds no NaN and no -0 (always for integers).
func cleanRow[T gips.Pixel](k medLane, r []T) bool {
	if !k.float() {
		return true
	}
	done, ok := simdClean(k, bytesOf(r))
	if !ok {
		return false
	}
	for _, v := range r[done/k.size():] {
		if special(v) {
			return false
		}
	}
	return true
}

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
	k := medLaneOf[T]()
	// Float rows go to the vectors when clean; never when the constant
	// that fills every row's side columns is a NaN or -0.
	vec := !k.float() || vecFloats && (m != gips.Constant || !special(cval))
	check := vec && k.float()
	return nbhd.Parallel(d.NZ*nb, 1, func(lo, hi int) {
		// From ringScratch (see ring.go's run): every column is written
		// before med3Row reads it.
		k3 := nx + 2 + alignSlack[T]()
		buf := scratch.Get[T](&ringScratch, 3*k3)
		defer scratch.Put(&ringScratch, buf)
		L, M, H := alignAt1(buf[:k3], nx+2), alignAt1(buf[k3:2*k3], nx+2), alignAt1(buf[2*k3:], nx+2)
		var vals [9]T
		clean := make([]bool, band+2) // of rows y0-1 ... y0+band
		for t := lo; t < hi; t++ {
			z, y0 := t/nb, (t%nb)*band
			y1 := min(y0+band, ny)
			src, dst := in[z], out[z]
			row := func(y int) []T {
				if j, ok := border.Index(y, ny, m); ok {
					return src.Row(j)
				}
				return cv
			}
			for i := range 2 {
				clean[i] = !check || cleanRow(k, row(y0-1+i))
			}
			for y := y0; y < y1; y++ {
				a, b, c := row(y-1), row(y), row(y+1)
				// Each row's scan just before its first use, which then
				// reads it from L1 (a band's scan up front read the band
				// from memory twice).
				clean[y-y0+2] = !check || cleanRow(k, c)
				fast := vec && clean[y-y0] && clean[y-y0+1] && clean[y-y0+2]
				cols3(fast, L[1:nx+1], M[1:nx+1], H[1:nx+1], a, b, c)
				for _, e := range [2][2]int{{-1, 0}, {nx, nx + 1}} { // the columns beyond the sides
					if j, ok := border.Index(e[0], nx, m); ok {
						L[e[1]], M[e[1]], H[e[1]] = L[j+1], M[j+1], H[j+1]
					} else {
						L[e[1]], M[e[1]], H[e[1]] = cval, cval, cval
					}
				}
				med3Row(fast, dst.Row(y), L, M, H)
				if !fast && k.float() { // NaN outputs: the windows with a NaN, redone as scipy (rank_nan.go)
					fixNaN(dst.Row(y), [][]T{a, b, c}, m, cval, 4, vals[:])
				}
			}
		}
	})
}

// alignedAt1 is a slice of n values whose second is at a multiple of 64
// bytes: cols3's vector stores then never split a cache line.
func alignedAt1[T gips.Pixel](n int) []T {
	return alignAt1(make([]T, n+alignSlack[T]()), n)
}

// alignSlack is the values beyond n that alignAt1's buffer needs.
func alignSlack[T gips.Pixel]() int {
	var z T
	return 64 / int(unsafe.Sizeof(z))
}

// alignAt1 is alignedAt1 within buf (n+alignSlack values).
func alignAt1[T gips.Pixel](buf []T, n int) []T {
	var z T
	sz := int(unsafe.Sizeof(z))
	off := (64 - int(uintptr(unsafe.Pointer(&buf[1]))%64)) % 64 / sz
	return buf[off : off+n : off+n]
}

// cols3 sorts each column: (lo, mid, hi)[x] is a[x], b[x], c[x] in order.
// vec says the vector rows may run: for floats, that a, b and c hold no
// NaN and no -0.
func cols3[T gips.Pixel](vec bool, lo, mid, hi, a, b, c []T) {
	done := 0
	if k := medLaneOf[T](); vec {
		done = simdCols3(k, bytesOf(lo), bytesOf(mid), bytesOf(hi), bytesOf(a), bytesOf(b), bytesOf(c)) / k.size()
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
// lo, mid, hi (len(out)+2 each); vec as for cols3.
func med3Row[T gips.Pixel](vec bool, out, lo, mid, hi []T) {
	done := 0
	if k := medLaneOf[T](); vec {
		done = simdMed3(k, bytesOf(out), bytesOf(lo), bytesOf(mid), bytesOf(hi)) / k.size()
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
