package filter

import (
	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/border"
	"github.com/gipsdev/gips/internal/nbhd"
)

// The 3x3x3 median by forgetful selection (Paeth): keep 15 of the 27
// values; drop the least and the greatest of the kept ones and take the
// next value, twelve times; the median is the median of the last three.
// Dropping both ends of m kept values while r are still to come keeps the
// median as long as m > r (each dropped value has at least half of the
// remaining values on its other side), and 15 > 12. That is about 390
// minima and maxima a pixel, branch-free, run across x on whole rows: 16
// pixels per instruction with AVX2 for 16-bit pixels, 32 for 8-bit
// (median27_simd.go).

// simdMed27 is the AVX2 twin of med27Row for unsigned 8-bit (w16 false)
// and 16-bit rows as bytes; it returns the bytes done (none in the
// pure-Go build).
var simdMed27 = func(w16 bool, out []byte, rows *[9][]byte) int { return 0 }

// isBox333 says whether the footprint offsets are the 3x3x3 box.
func isBox333(offs [][3]int) bool {
	if len(offs) != 27 {
		return false
	}
	for _, o := range offs {
		for _, c := range o {
			if c < -1 || c > 1 {
				return false
			}
		}
	}
	return true
}

// median3x3x3 is the 3x3x3 median of the planes in (one volume) into
// out, which must not overlap in.
func median3x3x3[T gips.Pixel](out, in []gips.Plane[T], d nbhd.Dims, m gips.BorderMode, cval T) error {
	nx, ny, nz := d.NX, d.NY, d.NZ
	band := min(ny, 16)
	nb := (ny + band - 1) / band
	cv := make([]T, nx)
	for i := range cv {
		cv[i] = cval
	}
	return nbhd.Parallel(nz*nb, 1, func(lo, hi int) {
		var ext [9][]T
		for k := range ext {
			ext[k] = make([]T, nx+2)
		}
		for t := lo; t < hi; t++ {
			z, y0 := t/nb, (t%nb)*band
			for y := y0; y < min(y0+band, ny); y++ {
				k := 0
				for dz := -1; dz <= 1; dz++ {
					zz, okz := border.Index(z+dz, nz, m)
					for dy := -1; dy <= 1; dy++ {
						yy, oky := border.Index(y+dy, ny, m)
						row := cv
						if okz && oky {
							row = in[zz].Row(yy)
						}
						e := ext[k]
						copy(e[1:], row)
						e[0], e[nx+1] = pixelAt(row, -1, m, cval), pixelAt(row, nx, m, cval)
						k++
					}
				}
				med27Row(out[z].Row(y), &ext)
			}
		}
	})
}

func pixelAt[T gips.Pixel](row []T, i int, m gips.BorderMode, cval T) T {
	if j, ok := border.Index(i, len(row), m); ok {
		return row[j]
	}
	return cval
}

// med27Row sets out[x] to the median of rows[k][x+j], k < 9, j < 3 (each
// row len(out)+2 long).
func med27Row[T gips.Pixel](out []T, rows *[9][]T) {
	done := 0
	switch o := any(out).(type) {
	case []uint8:
		var b [9][]byte
		for k := range b {
			b[k] = bytesOf(rows[k])
		}
		done = simdMed27(false, bytesOf(o), &b)
	case []uint16:
		var b [9][]byte
		for k := range b {
			b[k] = bytesOf(rows[k])
		}
		done = simdMed27(true, bytesOf(o), &b) / 2
	}
	var v [27]T
	for x := done; x < len(out); x++ {
		for k, r := range rows {
			v[3*k], v[3*k+1], v[3*k+2] = r[x], r[x+1], r[x+2]
		}
		out[x] = forget27(&v)
	}
}

// forget27 is the median of v by forgetful selection (v is reordered).
func forget27[T gips.Pixel](v *[27]T) T {
	b := v[:15]
	for next := 15; ; next++ {
		m := len(b)
		for i := 1; i < m; i++ { // the least to b[0]
			b[0], b[i] = sort2(b[0], b[i])
		}
		for i := 1; i < m-1; i++ { // the greatest to b[m-1]
			b[i], b[m-1] = sort2(b[i], b[m-1])
		}
		if next == 27 {
			return b[1] // m == 3
		}
		b[0] = v[next]
		b = b[:m-1]
	}
}
