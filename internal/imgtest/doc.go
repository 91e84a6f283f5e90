// Package imgtest builds the test images of gips' reference tests and
// compares results with numpy, scipy and scikit-image through
// internal/testref.
//
// Every image is a Layout: a numpy shape, the geometry that wraps it, and
// how its memory is laid out (a view of a larger base array: contiguous,
// padded, flipped, planes reversed, x reversed so that the core copies the
// planes). Two sets of layouts serve two kinds of test:
//
//   - Layouts, for pointwise ops (arith, logic, util): 2D, 3D,
//     multi-channel, a time series and 1x1, each in one telling memory
//     layout. Make fills them with EdgeValues, which include every type's
//     extremes and, for floats, NaN and infinities; CompareWithNumpy and
//     its variants run an op on every type in every layout and compare each
//     output pixel with numpy's, exactly.
//   - Grid, for the families whose results depend on neighbours or on the
//     whole image (filter, stats, threshold): every Shape (odd sizes,
//     1-pixel lines, volumes, multi-channel) in every Arrangement. Samples
//     fills them with RangeValues or the caller's generator; the test
//     compares with its own tolerance, reading pixels with Values and
//     ImageValues.
//
// An image shares its array's memory except for planes the core had to
// copy (x reversed): sync or read the image, not the array, after an op
// wrote into it.
//
// Benchmarks use the BenchSizes images (BenchImages, BenchOutput), run
// pointwise ops (BenchOps) and read-only ones (BenchRead) over them with
// the bytes moved set (BenchBytes, PixelBytes), and measure the machine's
// memory bandwidth in the same run (BenchCopy).
package imgtest
