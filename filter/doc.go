// Package filter holds gips' neighbourhood filters: the separable Gaussian
// (scipy.ndimage.gaussian_filter), the box mean
// (scipy.ndimage.uniform_filter), the rank filters Median, Rank and
// Percentile (scipy.ndimage.median_filter, rank_filter, percentile_filter)
// over a box or any footprint (morpho.SE), the derivative and edge filters
// (Sobel, Prewitt, Scharr, Laplace, GaussianDerivative,
// GaussianGradientMagnitude, GaussianLaplace, DifferenceOfGaussians,
// UnsharpMask, HessianEigenvalues, Frangi), LocalVariance and LocalStd,
// and Bilateral.
//
// # Conventions
//
//   - Axes: a 2D image is filtered along x and y, a volume along x, y and
//     z; every channel and time point is filtered on its own. Per-axis
//     arguments are given x first (numpy's order reversed).
//   - Borders: Mode, with scipy.ndimage's names and meanings (Reflect by
//     default); WithCval sets Constant's value.
//   - Who allocates: Gaussian, GaussianXYZ, Mean and MeanXYZ return a new
//     C-contiguous image (output type from WithOutput or the function's
//     default); GaussianInto and MeanInto write into the caller's image,
//     whose buffer type is then the output type. Any plane layout the core
//     accepts works on either side (padded, flipped, views, copied planes).
//   - Aliasing: dst may be src or share memory with it; the source is then
//     copied first, so the result is the same.
//   - Output types: the Gaussian gives Real32 by default, the mean the
//     input's type (as scipy). Integer outputs are rounded to nearest, half
//     away from zero, and saturated, once, at the end; scipy truncates after
//     each axis, so its integer outputs can be one lower.
//   - Accuracy: the Gaussian accumulates in float32 (float64 for 32-bit
//     integer and Real64 inputs) and stays within 2e-7 of the input range
//     of scipy's float64 result (the tests allow 1e-5). Its integer outputs
//     are scipy's float64 value rounded, except off by one where that value
//     is within the float32 error of a .5 tie: about 3 pixels in 1000 for
//     UInt16, 1 in 50000 for UInt8 in the tests (WithPrecise). The
//     exception is a 2D UInt8 image into UInt8, which by default runs in
//     fixed point, as OpenCV does (16-bit lanes; see gaussian_fixed.go):
//     every output is within one grey level of the exact float64 result
//     rounded half away from zero (and within 1 of the exact value), a
//     bound each call proves from its quantised kernels before it runs
//     (about 0.14 grey level of error for sigma 2; kernels whose bound
//     would reach 0.49 take the float path), and TestFixedGaussianWithinOneGrey
//     checks on random and worst-case images. WithPrecise (registry
//     precise=true) asks for the float path; gips.ndimage always uses it.
//     The mean's sums are exact for integer inputs, so its integer outputs
//     are exact (a 2D UInt8 mean into UInt8 sums in uint16 lanes and
//     divides by a multiply-high checked against every possible sum; UInt16
//     and Int16 means into their type sum in uint32 lanes and divide by a
//     multiply-high proved exact, mean_wide.go).
//   - Speed: rows are filtered through a line buffer; columns and planes as
//     whole rows at a time (a ring of x-filtered rows feeds the y pass; the
//     z pass gathers one row of every plane), so memory is read in order.
//     Work is split over planes and row bands by internal/par.
//   - Wide kernels: a kernel that reaches beyond what its line's border
//     mode can give distinct values for (Wrap repeats every n pixels,
//     Reflect every 2n, Mirror every 2n-2; Nearest and Constant read one
//     value beyond the edge) is folded onto the line, so a huge sigma or
//     size costs what a kernel of the line's width does, in time and
//     memory. Gaussian radii beyond MaxRadius are refused (ErrParam and
//     gips.ErrTooLarge): building even a folded kernel visits every tap.
//   - Binary inputs are read as 0/1, whatever non-zero byte they hold.
//   - Derivative and edge filters: scipy.ndimage's definitions
//     (scipy's kernels, and its pass order: numpy's axes first to last,
//     each 1D pass reading cval beyond the border in Constant mode) or
//     scikit-image 0.19.3's where scipy has none; each function's doc says
//     which and where they differ. Axes are named (AxisX, AxisY, AxisZ,
//     Magnitude), so Go and Python cannot disagree on their order. They
//     give Real32 by default, like the Gaussian (scipy keeps the input's
//     type, where an unsigned derivative wraps around); WithOutput asks for
//     another, integers rounded half away from zero and saturated. They
//     accumulate in float32 (float64 for 32-bit integer and Real64 inputs,
//     and always for HessianEigenvalues, Frangi, LocalVariance, LocalStd
//     and Bilateral). The separable ones (edges, Laplacians, Gaussian
//     derivatives, differences of Gaussians, unsharp masks) stream: rows
//     (2D) or planes (3D) pass through rings of filtered rows or planes,
//     and the image is read once and the output written once; Constant
//     mode with a nonzero cval and Binary inputs take a general path that
//     holds a few float copies of one channel's volume, as do the others
//     (a 3D Frangi holds about ten). These fields stay in a pool between
//     calls (internal/scratch: dropped after two idle garbage
//     collections), as do the Gaussian's and the 3D edges' rings, so that
//     a loop over images does not fault their pages in again each call.
//   - SIMD: built with GOEXPERIMENT=simd on a CPU with AVX2 and FMA, the
//     Gaussian's tap loops run on 8-lane float32 vectors (about twice as
//     fast); the default build runs the pure-Go loops, and
//     TestSIMDMatchesPureGo compares the two.
package filter
