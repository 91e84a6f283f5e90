// Package stats computes global measures of an image: min, max, sum, mean,
// standard deviation, histograms, percentiles and value counts, with
// numpy's definitions.
//
// Every function measures all the pixels of all planes together (every
// channel and time point), as numpy does on the whole array. For one
// channel, measure the zero-copy view img.ExtractVolume(c, t) (or
// img.ExtractPlane for one plane).
//
// Exactness: min, max, integer sums and means, histograms, value counts
// and percentiles are exactly numpy's (histogram edges are numpy's linspace,
// in float32 for Real32 images, and every pixel lands in numpy's bin;
// percentiles are numpy's 'linear' method on float64). Float sums use a
// compensated (Neumaier) float64 sum, more accurate than numpy's pairwise
// float32 one; the standard deviation is two-pass. Binary images are
// measured as 0/1, whatever non-zero byte a pixel holds (one Binary
// contract across gips); label images as the integers they store.
//
// Min, max, sum, mean and the sums of squares of the standard deviation
// run on SIMD twins (AVX2, AVX-512) of their Go loops for every type, with
// the same results: integer sums and sums of squares are exact either
// way, float extremes are taken over integer keys that order as Go's min
// and max do (scanfloat.go), and float blocks are summed in the Go loops'
// lanes (Real32 sums: 256-value blocks in 32 lanes, with the accuracy
// bound sum32.go proves; Real64 sums and the squares: 64-value blocks in
// four chains).
//
// Results are plain Go values: float64 numbers, a Hist of counts and
// edges, slices for percentiles and value counts. The work is split over
// planes and row bands by internal/par. Histograms of 8- and 16-bit images
// count each value in integer counters and bin each value once
// (histsmall.go), so their cost per pixel is one increment.
package stats
