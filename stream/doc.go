// Package stream runs gips ops over volumes larger than memory: the input
// files are mapped (imageio.Open), the op runs on slabs of z planes, and
// the output file is written slab by slab (imageio.PlaneWriter), so that
// the process's resident memory is bounded by a budget, not by the
// volume.
//
//	st, err := stream.Run(ctx, "filter.gaussian", map[string]any{"sigma": []float64{1}},
//		[]string{"big.npy"}, "smooth.npy", stream.Options{Memory: 256 << 20})
//
// The gips command does the same with `gips run OP ... --memory 256MiB`.
//
// # What runs out of core
//
//   - Local ops (ops.Op.Local: pointwise ops, filters, morphology, median,
//     ...): slab [z0, z1) reads input planes [z0-h, z1+h), h the op's halo
//     along z (ops.Op.HaloOf), and keeps output planes [z0, z1). At the
//     volume's faces the slab's faces are the volume's, so every border
//     mode gives the in-memory result, pixel for pixel, except wrap, which
//     reads the far face: with a halo along z it needs the whole volume in
//     one slab.
//   - label.components: each slab is labelled, the slabs' labels are
//     joined across their faces by a union-find, and a second pass writes
//     the global numbers: the in-memory numbering (raster order of each
//     component's first pixel), exactly.
//   - distance.edt: the passes along x and y per slab, the pass along z
//     over bands of rows (package distance's stages): the in-memory EDT
//     bit for bit. It writes a temporary file of 8 bytes per voxel beside
//     the output.
//   - transform.zoom and transform.resample, whose output has another
//     number of planes: output slab [z0, z1) reads the input planes the
//     interpolation windows of its planes reach (with the whole volume's
//     coordinates and border folds: transform.ZoomSlabInto), the
//     in-memory result bit for bit. Orders 2 to 5 interpolate B-spline
//     coefficients that a recursive filter computes along the whole z
//     axis: when the budget does not hold the whole zoom, the input is
//     converted plane by plane into a temporary file of float64
//     coefficients (8 bytes per voxel, padded by 12 on each side in the
//     nearest and grid-constant modes) beside the output, filtered along
//     z band of rows by band of rows, then each output slab filters the
//     coefficient planes it reads along y and x and interpolates them: the
//     in-memory filters in the in-memory order, so the result is the
//     in-memory one bit for bit. The budget must hold a row of the
//     coefficients across every plane (ErrBudget naming --memory).
//   - measure.labelAnalysis (Table): every column of a volume's table
//     (measure.Parts): each slab, read with the plane before it, adds its
//     labels' exact integer moments (counts, boxes, centroids, inertia,
//     axes, elongation, flatness), its 2x2x2 windows, each counted once
//     (Euler number, surface area, sphericity), and its rows' first and
//     last pixels (convex hull: solidity, Feret diameters). The table is
//     the in-memory one bit for bit, but the surface area and sphericity,
//     the same window areas summed in another order (a few ulps).
//     measure.labelIntensityAnalysis adds the intensity extremes (exact)
//     and sums (sum, mean, weighted centroids: within a few ulps);
//     intensityStd and intensityMedian need each label's values together
//     and are refused (ErrUnsupported naming the column).
//
// Other ops (whole-image ops such as Otsu, min-max scaling, resize, which
// rescales by the image's range) are refused with ErrUnsupported.
//
// # Memory
//
// Options.Memory is the budget for what the run adds to the process's
// resident memory (default DefaultMemory, a quarter of RAM). A slab's
// cost is its mapped input planes, its output planes and the op's
// scratch (estimated at 8 bytes per pixel beyond twice the output); a quarter of
// the budget is kept for the Go runtime. The slab is the deepest the
// budget holds; when not even one plane with its halo fits, the error
// (ErrBudget) says how much would. Input pages are dropped from the
// process (madvise MADV_DONTNEED: they stay in the page cache) as soon as
// no later slab reads them, and the output and the temporary files (EDT,
// zoom of orders 2 to 5) are written and read with pwrite and pread, so
// none of them counts in the process's resident memory beyond a slab or a
// band. The Go
// heap is returned to the system after each slab and capped at the budget
// (debug.SetMemoryLimit) during the run. Not bounded by the budget:
// label.components' union-find (8 bytes per component of each slab) and
// measure.labelAnalysis' table (a row per label; with the hull columns,
// 16 to 32 bytes per row of each label: on 256x256x1024 half-filled with labels, 13 to 26 MiB).
//
// # Files
//
// Temporary files (distance.edt, zoom of orders 2 to 5) are created
// beside the output and lose their names as soon as they are open, so
// that they are gone however the run ends.
//
// Inputs: uncompressed TIFF, .npy and raw files whose planes can be mapped
// as they lie (native byte order, planar). Output: .npy, uncompressed
// TIFF/BigTIFF or raw (imageio.Create), written under a temporary name and
// renamed at the end: an error, a cancelled context or an interrupt
// leaves no output file, and a file already at the output path stays as
// it was.
package stream
