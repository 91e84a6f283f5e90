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
	"github.com/gipsdev/gips/internal/stream"
)

// Rows0 calls row(d) on every row of dst, in parallel.
func Rows0[D gips.Pixel](dst *gips.Image, row func(d []D)) error {
	g := dst.Geometry()
	rowBytes := g.SizeX * g.Type.ItemSize()
	if inline(dst, rowBytes) {
		if err := dst.CheckWritable(); err != nil {
			return err
		}
		for i := range dst.NumPlanes() {
			z, c, t := g.PlaneCoords(i)
			d, err := gips.PlaneAt[D](dst, z, c, t)
			if err != nil {
				return err
			}
			rows0(d, 0, g.SizeY, row)
		}
		return nil
	}
	dp, err := gips.WritablePlanes[D](dst)
	if err != nil {
		return err
	}
	par.BandsWork(len(dp), g.SizeY, rowBytes, func(i, y0, y1 int) { rows0(dp[i], y0, y1, row) })
	return nil
}

func rows0[D gips.Pixel](dp gips.Plane[D], y0, y1 int, row func(d []D)) {
	if d, ok := Span(dp, y0, y1); ok {
		h := Head(d)
		if h > 0 {
			row(d[:h])
		}
		for k := h; k < len(d); k += runPixels {
			row(d[k:min(k+runPixels, len(d))])
		}
		return
	}
	for y := y0; y < y1; y++ {
		row(dp.Row(y))
	}
}

// Rows1 calls row(d, s) on every row of dst and the same row of src.
func Rows1[D, S gips.Pixel](dst, src *gips.Image, row func(d []D, s []S)) error {
	return rows1Of(dst, src, row, false)
}

// Streamed1 is Rows1 for a kernel that only writes d, never reads it: an
// output of stream.Min bytes or more is written through a cached block
// and streamed out (internal/stream), a third less memory traffic.
func Streamed1[D, S gips.Pixel](dst, src *gips.Image, row func(d []D, s []S)) error {
	return rows1Of(dst, src, row, true)
}

func rows1Of[D, S gips.Pixel](dst, src *gips.Image, row func(d []D, s []S), streams bool) error {
	g := dst.Geometry()
	rowBytes := g.SizeX * (g.Type.ItemSize() + src.Type().ItemSize())
	if inline(dst, rowBytes) {
		if err := dst.CheckWritable(); err != nil {
			return err
		}
		for i := range dst.NumPlanes() {
			z, c, t := g.PlaneCoords(i)
			d, err := gips.PlaneAt[D](dst, z, c, t)
			if err != nil {
				return err
			}
			s, err := gips.PlaneAt[S](src, z, c, t)
			if err != nil {
				return err
			}
			rows1(d, s, 0, g.SizeY, row)
		}
		return nil
	}
	dp, err := gips.WritablePlanes[D](dst)
	if err != nil {
		return err
	}
	sp, err := gips.Planes[S](src)
	if err != nil {
		return err
	}
	if streams && stream.On(imageBytes(dst)) {
		par.BandsWork(len(dp), g.SizeY, rowBytes, func(i, y0, y1 int) {
			w := stream.NewWriter()
			defer w.Done()
			runs1(dp[i], sp[i], y0, y1, func(d []D, s []S) {
				stream.Items(w, d, func(k int, o []D) { row(o, s[k:k+len(o)]) })
			})
		})
		return nil
	}
	par.BandsWork(len(dp), g.SizeY, rowBytes, func(i, y0, y1 int) { rows1(dp[i], sp[i], y0, y1, row) })
	return nil
}

// runs1 calls f on rows y0 to y1 (excluded) of dp and sp: once where the
// rows of both are contiguous, else row by row.
func runs1[D, S gips.Pixel](dp gips.Plane[D], sp gips.Plane[S], y0, y1 int, f func(d []D, s []S)) {
	if d, ok := Span(dp, y0, y1); ok {
		if s, ok := Span(sp, y0, y1); ok {
			f(d, s)
			return
		}
	}
	for y := y0; y < y1; y++ {
		f(dp.Row(y), sp.Row(y))
	}
}

func rows1[D, S gips.Pixel](dp gips.Plane[D], sp gips.Plane[S], y0, y1 int, row func(d []D, s []S)) {
	if d, ok := Span(dp, y0, y1); ok {
		if s, ok := Span(sp, y0, y1); ok {
			h := Head(d)
			if h > 0 {
				row(d[:h], s[:h])
			}
			for k := h; k < len(d); k += runPixels {
				e := min(k+runPixels, len(d))
				row(d[k:e], s[k:e])
			}
			return
		}
	}
	for y := y0; y < y1; y++ {
		row(dp.Row(y), sp.Row(y))
	}
}

// Rows2 calls row(d, a, b) on every row of dst, a and b.
func Rows2[D, A, B gips.Pixel](dst, a, b *gips.Image, row func(d []D, a []A, b []B)) error {
	return rows2Of(dst, a, b, row, false)
}

// Streamed2 is Rows2 for a kernel that only writes d (see Streamed1).
func Streamed2[D, A, B gips.Pixel](dst, a, b *gips.Image, row func(d []D, a []A, b []B)) error {
	return rows2Of(dst, a, b, row, true)
}

func rows2Of[D, A, B gips.Pixel](dst, a, b *gips.Image, row func(d []D, a []A, b []B), streams bool) error {
	g := dst.Geometry()
	rowBytes := g.SizeX * (g.Type.ItemSize() + a.Type().ItemSize() + b.Type().ItemSize())
	if inline(dst, rowBytes) {
		if err := dst.CheckWritable(); err != nil {
			return err
		}
		for i := range dst.NumPlanes() {
			z, c, t := g.PlaneCoords(i)
			d, err := gips.PlaneAt[D](dst, z, c, t)
			if err != nil {
				return err
			}
			ap, err := gips.PlaneAt[A](a, z, c, t)
			if err != nil {
				return err
			}
			bp, err := gips.PlaneAt[B](b, z, c, t)
			if err != nil {
				return err
			}
			rows2(d, ap, bp, 0, g.SizeY, row)
		}
		return nil
	}
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
	if streams && stream.On(imageBytes(dst)) {
		par.BandsWork(len(dp), g.SizeY, rowBytes, func(i, y0, y1 int) {
			w := stream.NewWriter()
			defer w.Done()
			runs2(dp[i], ap[i], bp[i], y0, y1, func(d []D, a []A, b []B) {
				stream.Items(w, d, func(k int, o []D) { row(o, a[k:k+len(o)], b[k:k+len(o)]) })
			})
		})
		return nil
	}
	par.BandsWork(len(dp), g.SizeY, rowBytes, func(i, y0, y1 int) { rows2(dp[i], ap[i], bp[i], y0, y1, row) })
	return nil
}

// runs2 is runs1 for three planes.
func runs2[D, A, B gips.Pixel](dp gips.Plane[D], ap gips.Plane[A], bp gips.Plane[B], y0, y1 int, f func(d []D, a []A, b []B)) {
	if d, ok := Span(dp, y0, y1); ok {
		a, oka := Span(ap, y0, y1)
		b, okb := Span(bp, y0, y1)
		if oka && okb {
			f(d, a, b)
			return
		}
	}
	for y := y0; y < y1; y++ {
		f(dp.Row(y), ap.Row(y), bp.Row(y))
	}
}

// imageBytes is the bytes of img's pixels (its rows' padding not counted).
func imageBytes(img *gips.Image) int {
	g := img.Geometry()
	return g.Pixels() * g.Type.ItemSize()
}

func rows2[D, A, B gips.Pixel](dp gips.Plane[D], ap gips.Plane[A], bp gips.Plane[B], y0, y1 int, row func(d []D, a []A, b []B)) {
	if d, ok := Span(dp, y0, y1); ok {
		a, oka := Span(ap, y0, y1)
		b, okb := Span(bp, y0, y1)
		if oka && okb {
			h := Head(d)
			if h > 0 {
				row(d[:h], a[:h], b[:h])
			}
			for k := h; k < len(d); k += runPixels {
				e := min(k+runPixels, len(d))
				row(d[k:e], a[k:e], b[k:e])
			}
			return
		}
	}
	for y := y0; y < y1; y++ {
		row(dp.Row(y), ap.Row(y), bp.Row(y))
	}
}

// inline says whether the work is small enough for par to run it on the
// caller (par.BandsWork's rule): then the Rows functions walk the planes
// themselves, one PlaneAt each, without the plane lists and the band
// closure that the parallel path allocates (most of what a small op call
// allocated).
func inline(dst *gips.Image, rowBytes int) bool {
	return dst.NumPlanes()*dst.SizeY()*rowBytes < par.InlineBytes
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
