// Package distance computes exact Euclidean distance maps:
// scipy.ndimage.distance_transform_edt (EDT), its signed form (SignedEDT,
// for level sets), its feature transform (FeatureTransform: where the
// nearest zero pixel is) and the multi-label transform of a label image
// (LabelEDT: each label's distance to anything else, as the edt package's
// label mode).
//
// # Conventions
//
// Nonzero pixels (NaN included, -0 excluded) are the objects; each gets
// its distance to the nearest zero pixel, zero pixels 0. Outside the image
// is not background. Volumes are transformed in 3D, channels and time
// points separately. Pixel sizes come from WithSampling (x first, one
// value or one per axis) or, by default, from the image's calibration;
// each must be positive and finite. An image (or channel) with no zero
// pixel is +Inf everywhere: scipy returns meaningless numbers there.
//
// # Algorithm and accuracy
//
// One pass along y finds each column's nearest zeros (a branch-free scan
// of a band of columns, row by row); passes along x and z take, for each
// sample, the minimum of f[p] + w*(q-p)^2 over the line (the lower
// envelope of parabolas, Felzenszwalb and Huttenlocher 2012). Those
// minima are searched by brute force around each sample, 8 samples at a
// time (SIMD), stopping where no nearer sample can lower them: the work
// is about each voxel's distance in voxels, and a line where that exceeds
// 64 takes the envelope itself, linear in its length (brute.go). Along z
// the lines are taken 32 side by side, gathered 256 bytes of a plane at a
// time; the last pass writes the square roots straight into the output.
// Squared distances are float64 throughout (8 bytes per voxel of one
// volume beyond the output): Real64 output agrees with scipy to within a
// few roundings (the tests ask 1e-12 relative), Real32 output (the
// default) is that value rounded once. In unit sampling every squared
// distance is an integer and exact.
//
// With feature tracking the passes are x (the row's nearest zeros), then
// the envelope along y and z, over blocks of 8 neighbouring lines.
//
// A 2D image with square pixels (EDT) takes an integer path instead
// (plane2d.go): in pixels every squared distance is an integer, so the
// column scans keep a uint16 per pixel (2 bytes, not 8), the pass along x
// runs on exact int64 arithmetic (gaps of up to 16 pixels between two
// zeros by brute force), and the rows of a strip go from the column scan
// through the envelope to the output while they are in L1. Exact: in unit
// sampling the float64 passes' values bit for bit; with square pixels of
// size s, sqrt(s²·d²), within a rounding of them.
//
// LabelEDT runs the same passes with each line split into runs of equal
// label: a run's envelope takes its own samples plus 0-valued sites just
// outside both its ends, the nearest pixels of another value (the proof is
// at labelLines), so it is as exact and as linear as EDT.
//
// FeatureTransform picks, among equally near zero pixels, the first in
// raster order (z, then y, then x) with unit sampling; scipy may pick
// another one at the same distance.
//
// # Who allocates
//
// EDT, SignedEDT, LabelEDT and FeatureTransform allocate; EDTInto,
// SignedEDTInto and LabelEDTInto write a caller's Real32 or Real64 image,
// which for the first two may be the source.
package distance
