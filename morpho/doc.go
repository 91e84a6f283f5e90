// Package morpho is mathematical morphology on 2D and 3D images: grey
// erosion, dilation, opening, closing, top-hats and gradient
// (scipy.ndimage's grey_*), binary erosion, dilation, opening, closing
// and hole filling (scipy.ndimage's binary_*), reconstruction, h-maxima
// and h-minima and regional extrema (scikit-image's reconstruction,
// h_maxima, h_minima, local_maxima, local_minima). Each op gives the
// reference's result pixel for pixel; the tests compare every type,
// layout, border mode and footprint with scipy and scikit-image.
//
// # Footprints
//
// An SE is a flat structuring element, 2D or 3D: Box and Rect (scipy's
// size), Cross (scipy's generate_binary_structure(ndim, 1)),
// ConnectivitySE, Disk, Ball, Diamond and Octahedron (scikit-image's),
// FromBools and FromImage (any array: odd or even sizes). Sizes are x
// first. The centre is element size/2 along each axis (scipy's rule,
// also for even sizes); an erosion reads p + (e - centre) for each true
// element e, a dilation p - (e - centre): the footprint reflected, as
// scipy's dilations do. A 2D footprint on a volume works plane by plane.
//
// # Conventions
//
//   - Every channel and time point is processed alone: a 2D image plane
//     by plane, a volume as a volume.
//   - Borders: grey ops take WithMode and WithCval (scipy's five modes,
//     Reflect by default). cval is truncated toward zero and clamped to an
//     integer type's range: that is what scipy's cast of its result does
//     for an in-range cval (for one outside the range scipy's box and
//     footprint paths disagree with each other). Reflect reflects as far
//     as a footprint reaches; scipy's footprint path reads outside the
//     array where one reaches exactly 4, 6, ... lengths before an axis'
//     start (its offset table maps those to index -1). Binary ops read
//     WithBorderValue beyond the border (false by default, as scipy).
//   - Types: grey ops keep the input's numeric type; their differences
//     (top-hats, gradient) saturate where scipy's unsigned arithmetic
//     would wrap (only possible in Constant mode with a large cval or a
//     footprint without its centre). Binary ops read any one-byte image
//     (any nonzero byte is true) and write Binary 0/1; a float image is an
//     error. Reconstruction keeps the seed's type (scikit-image returns
//     float64 of the same values); extrema are Binary.
//   - Who allocates: Xxx(img, ...) returns a new image; XxxInto(dst, src,
//     ...) writes into the caller's image of src's sizes, which may be src
//     itself (each volume is copied before its result is written). A
//     read-only output is an error and nothing is written.
//   - Bad input (an SE from bad arguments, an empty footprint, a 3D
//     footprint on a 2D image, a non-numeric or float image where a binary
//     one is needed) is an error naming the footprint, parameter or type.
//
// # Speed
//
// Every grey and binary op is one minimum filter, or maximum filter for a
// dilation (the same row kernels with max for min, no order flip), read
// straight from the image's planes and written into the output's. Boxes
// are separable: along y and z, three whole-row vector minima per pixel
// whatever the size (van Herk / Gil-Werman, boxvh.go; the 3x3 rows of the
// commonest boxes at once), in one streaming pass per band of rows (a 3D
// box has no volume-sized intermediate); along x, a triple minimum and
// then at most 8 shifted copies, O(log w) beyond 24 (box.go); the 3x3
// square makes each output row in one call, both passes in AVX-512 or
// AVX2 (box3.go); a 2D box of 8 to 56 rows of unsigned 8- or 16-bit
// pixels (15x15) makes 8 output rows per AVX-512 pass over the rows they
// read, in registers, and each row along x in one call (boxcols.go).
// Other footprints are split into runs of
// consecutive x offsets per (y, z) line (lines.go): each source row gets
// its running minima of every run length once per band of rows (doublings
// shared by all lengths), and each output row is the minimum of shifted
// slices of those rows, one per run (the chord method of Urbach and
// Wilkinson); so a disk of radius r costs O(r) vector minima per pixel,
// not O(r²), and a ball O(r²), halved by making each slice's minimum once
// for the two z offsets that share it (lines3z.go): ball(20) costs about
// 45x ball(1), where the footprint's 33401 voxels would cost 4800x. A
// 45° or 135° line of unsigned bytes makes 8 output rows in one AVX-512
// pass over the rows they read (diag.go): about 2 loads and 3 minima a
// pixel for line(15, 45°), where its chord rows cost 11 and 10.
// Rows are processed in parallel, in tiles and bands that stay in cache;
// the opening, closing, top-hats and gradient by a small box, and the
// binary opening and closing by the 2D cross, make both of their passes
// band by band, without a volume-sized intermediate; the binary erosion
// and dilation by the 2D cross read the source rows in place, one pass a
// row (bincross.go).
// fillHoles joins the background's row runs by union-find, in parallel
// bands (3D, and every 2D structure but the cross, which floods row
// segments from the border: in 2D the flood often visits little of the
// background). The other floods (reconstruct, extrema) are
// single-threaded over each volume. Reconstruction is Vincent's hybrid
// algorithm a row at a time on a padded copy in the image's own type (h-
// maxima and h-minima too, but for an integer image and a fractional h,
// whose seed is a float64 in skimage): two pairs of raster and
// anti-raster scans, then a FIFO queue (reconrows.go).
package morpho
