// Package pointwise runs per-pixel kernels over images of any plane layout:
// it walks every plane (z, c, t) in row bands through internal/par (sized
// by the bytes the op reads and writes: small images run on the caller) and
// hands the kernel whole rows, so that a family package (arith, logic,
// util, threshold, ...) writes only the tight loop over one row.
//
// A band whose rows follow one another in memory in every image (the
// usual C-contiguous image) is handed to the kernel as one long row: a
// kernel only ever sees pixels in matching positions, so this is the same
// work, without a call, a slice and a SIMD prologue per row (a 4096-byte
// row of a fast kernel takes about as long as that overhead).
//
// Images must have the same sizes (the callers check, with their own
// names in the messages). Rows of dst may be the rows of a source pixel
// for pixel (in place); any other overlap is the caller's to refuse.
package pointwise

import (
	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/par"
)

// Rows0 calls row(d) on every row of dst, in parallel.
func Rows0[D gips.Pixel](dst *gips.Image, row func(d []D)) error {
	dp, err := gips.WritablePlanes[D](dst)
	if err != nil {
		return err
	}
	g := dst.Geometry()
	par.BandsWork(len(dp), g.SizeY, g.SizeX*g.Type.ItemSize(), func(i, y0, y1 int) {
		if d, ok := Span(dp[i], y0, y1); ok {
			for k := 0; k < len(d); k += runPixels {
				row(d[k:min(k+runPixels, len(d))])
			}
			return
		}
		for y := y0; y < y1; y++ {
			row(dp[i].Row(y))
		}
	})
	return nil
}

// Rows1 calls row(d, s) on every row of dst and the same row of src.
func Rows1[D, S gips.Pixel](dst, src *gips.Image, row func(d []D, s []S)) error {
	dp, err := gips.WritablePlanes[D](dst)
	if err != nil {
		return err
	}
	sp, err := gips.Planes[S](src)
	if err != nil {
		return err
	}
	g := dst.Geometry()
	par.BandsWork(len(dp), g.SizeY, g.SizeX*(g.Type.ItemSize()+src.Type().ItemSize()), func(i, y0, y1 int) {
		if d, ok := Span(dp[i], y0, y1); ok {
			if s, ok := Span(sp[i], y0, y1); ok {
				for k := 0; k < len(d); k += runPixels {
					e := min(k+runPixels, len(d))
					row(d[k:e], s[k:e])
				}
				return
			}
		}
		for y := y0; y < y1; y++ {
			row(dp[i].Row(y), sp[i].Row(y))
		}
	})
	return nil
}

// Rows2 calls row(d, a, b) on every row of dst, a and b.
func Rows2[D, A, B gips.Pixel](dst, a, b *gips.Image, row func(d []D, a []A, b []B)) error {
	dp, err := gips.WritablePlanes[D](dst)
	if err != nil {
		return err
	}
	ap, err := gips.Planes[A](a)
	if err != nil {
		return err
	}
	bp, err := gips.Planes[B](b)
	if err != nil {
		return err
	}
	g := dst.Geometry()
	par.BandsWork(len(dp), g.SizeY, g.SizeX*(g.Type.ItemSize()+a.Type().ItemSize()+b.Type().ItemSize()), func(i, y0, y1 int) {
		if d, ok := Span(dp[i], y0, y1); ok {
			a, oka := Span(ap[i], y0, y1)
			b, okb := Span(bp[i], y0, y1)
			if oka && okb {
				for k := 0; k < len(d); k += runPixels {
					e := min(k+runPixels, len(d))
					row(d[k:e], a[k:e], b[k:e])
				}
				return
			}
		}
		for y := y0; y < y1; y++ {
			row(dp[i].Row(y), ap[i].Row(y), bp[i].Row(y))
		}
	})
	return nil
}

// runPixels is the longest run of contiguous rows handed to a kernel in
// one call: long enough that the per-call cost vanishes (16 Ki pixels),
// short enough that what one call writes is still in the first-level
// cache when the next reads nearby, whatever the band's size.
const runPixels = 1 << 14

// Span gives rows y0 to y1 (excluded) of p as one slice, and true, when
// they follow one another in memory (the stride is the width); else
// false.
func Span[T gips.Pixel](p gips.Plane[T], y0, y1 int) ([]T, bool) {
	if p.Stride != p.Width || y0 >= y1 {
		return nil, false
	}
	o, n := y0*p.Stride, (y1-y0)*p.Width
	return p.Pix[o : o+n : o+n], true
}

// Runs calls f on rows y0 to y1 (excluded) of p: on runs of whole rows
// of at most maxPixels pixels (at least one row) when the rows are
// contiguous, else row by row. For a reduction whose per-call partial
// sums must stay bounded.
func Runs[T gips.Pixel](p gips.Plane[T], y0, y1, maxPixels int, f func(run []T)) {
	if p.Stride != p.Width {
		for y := y0; y < y1; y++ {
			f(p.Row(y))
		}
		return
	}
	step := max(1, maxPixels/max(p.Width, 1))
	for y := y0; y < y1; y += step {
		s, _ := Span(p, y, min(y+step, y1))
		f(s)
	}
}
