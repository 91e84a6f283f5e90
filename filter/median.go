package filter

import (
	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/morpho"
)

// Median is scipy.ndimage.median_filter(img, footprint=se): Rank with
// rank n/2 of the footprint's n pixels (the upper median when n is even).
// A box is morpho.Box(sx, sy, sz) (morpho.Rect for 2D): scipy's size.
// The 3x3 median sorts columns once for three windows (18 minima and
// maxima per pixel, no branches, in vectors on every pixel type:
// median3.go), the 5x5 median of 8- and 16-bit pixels (and of float32
// pixels in vectors) sorts columns once for five windows and selects among 13 candidates
// (median5.go, median5f.go), the 3x3x3 median sorts columns of nine once
// for three windows and merges the 13 candidates left (about 100 minima
// and maxima a pixel, median27.go); float rows with a NaN or -0 nearby keep
// the Go loops (or, for 5x5, the selection below), whose results the
// vectors match bit for bit elsewhere, and windows holding a NaN get
// scipy's selection (Rank's NaN rule). Other boxes of 16 pixels or more of
// 8-bit pixels (a volume's planes alone) walk histograms kept per column,
// in time that does not grow with the box (medianhist.go); other
// footprints select (forgetful selection or quickselect) among the
// footprint's values.
func Median(img *gips.Image, se morpho.SE, opts ...Option) (*gips.Image, error) {
	return rankNew("median", img, medianRank, se, opts)
}

// MedianInto is Median into dst (src's sizes and type); dst may be src.
func MedianInto(dst, src *gips.Image, se morpho.SE, opts ...Option) error {
	return rankInto("median", dst, src, medianRank, se, opts)
}

func medianRank(n int) (int, error) { return n / 2, nil }
