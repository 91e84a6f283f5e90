// Package pointwise runs per-pixel kernels over images of any plane layout:
// it walks every plane (z, c, t) in row bands through internal/par (sized
// by the bytes the op reads and writes: small images run on the caller) and
// hands the kernel whole rows, so that a family package (arith, logic,
// util, threshold, ...) writes only the tight loop over one row.
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
		for y := y0; y < y1; y++ {
			row(dp[i].Row(y), ap[i].Row(y), bp[i].Row(y))
		}
	})
	return nil
}
