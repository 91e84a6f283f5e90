// Package measure turns a label image into a table: one row per object,
// one column per measure, in physical units (scikit-image's
// regionprops_table, ITK's LabelShapeStatistics, the reference SDK's
// labelAnalysis), and keeps or draws objects by their measures.
//
//	tab, err := measure.LabelAnalysis(labels, intensity) // intensity may be nil
//	tab.Column("area"), tab.SaveCsv("objects.csv")
//	kept, err := measure.ShapeFiltering(labels, "area > 100 and solidity > 0.9")
//	picture, err := measure.Overlay(grey, labels, -1) // RGB outlines, PNG-ready
//
// # Labels
//
// Any label (Label8/16/32) or integer image, 2D or a volume, one channel:
// 0 is the background, every other value an object (it need not be
// connected; values need not be consecutive; a negative value is an
// error). Rows are sorted by label. The work is O(pixels + labels) for
// any number of labels (up to millions): one pass over the image per group
// of measures, in parallel over slabs of rows with per-slab accumulators
// merged at the end; labels index a lookup table, or a map when the
// largest label is far larger than the image.
//
// # Columns
//
// Axis-named columns are x, y (and z): gips' axes, not numpy's. Physical
// values use the labels' calibration (or WithSpacing): coordinates are
// index × spacing, each pixel of weight 1, as scikit-image 0.20 defines
// spacing. Against scikit-image 0.19's regionprops (unit spacing) counts,
// boxes and the Euler number are equal, the other values within 1e-9
// relative (the tests say where a value of near 0 gets an absolute floor).
//
//   - label; area: the pixel count; areaPhysical: area × pixel size (an
//     area in 2D, a volume in 3D).
//   - bboxMinX..Z, bboxMaxX..Z: the bounding box in pixel indices, the max
//     exclusive (as scikit-image's bbox and Python slices).
//   - centroidX..Z: the mean calibrated coordinate.
//   - equivalentDiameter: the diameter of the disc (ball) of areaPhysical.
//   - eulerNumber: scikit-image's euler_number with full connectivity (8 in
//     2D, 26 in 3D): objects - holes (2D), objects + cavities - tunnels (3D).
//   - extent: area / bounding-box pixels.
//   - solidity: area / the pixels of scikit-image's convex_hull_image (the
//     pixels whose centres lie in the hull of the pixels' face centres),
//     computed with exact integer hulls. (scikit-image's 3D hull fails on
//     objects whose voxel centres are coplanar; gips gives their value.)
//   - inertiaEigen1..3: the eigenvalues, largest first, of scikit-image's
//     inertia tensor (T_aa = Σ of the other axes' central second moments /
//     n, T_ab = -C_ab), in unit². Moments are exact integer sums, so they
//     do not depend on the slab order.
//   - majorAxisLength, minorAxisLength (intermediateAxisLength in 3D):
//     scikit-image's ellipse (2D: 4√λ) and ellipsoid (3D: √(10(λ1+λ2-λ3))
//     ...) axes; an axis of a flat or thin object whose sum is a rounding
//     error of λ1 is 0.
//   - orientation (2D): scikit-image's value: the angle in radians between
//     the y axis (numpy's rows) and the major axis, in [-π/2, π/2]. For an
//     object symmetric about a diagonal (equal second moments along x and
//     y, a nonzero cross moment) it is scikit-image 0.21's ±π/4: 0.19 and
//     0.20 give the opposite sign when their rounded moments come out
//     equal (scikit-image#6815); an object without a direction (a pixel, a
//     square) has π/4, 0.19's value (0.21's is -π/4).
//   - eccentricity (2D): √(1 - λ2/λ1); elongation: major / minor (2D),
//     major / intermediate (3D); flatness (3D): intermediate / minor (x/0
//     is +Inf, 0/0 NaN).
//   - perimeter (2D): scikit-image's perimeter(neighbourhood=4);
//     perimeterCrofton (2D): perimeter_crofton(directions=4). Both are
//     lengths for square pixels; with unequal x and y spacing they are NaN.
//   - feretMax, feretMin (2D and 3D): the largest and smallest caliper
//     widths of the object drawn as pixel squares (voxel cubes), from the
//     hull of their corners, calibrated; feretMaxAngle, feretMinAngle (2D):
//     the directions of those widths, from the x axis towards y, in
//     (-π/2, π/2]. In 3D feretMin tries every face normal and, when the
//     hull has at most 5000 non-flat edges, every antipodal pair of edges:
//     then it is exact; for larger hulls it is the face-normal minimum, an
//     upper bound that is close on the finely faceted hull of a voxel
//     object.
//   - surfaceArea, sphericity (3D): the area of the marching-cubes mesh
//     of the object's mask (scikit-image's mesh_surface_area of
//     marching_cubes(mask padded by 1, 0.5, spacing)), and Wadell's
//     sphericity π^⅓ (6V)^⅔ / A.
//   - with an intensity image: intensityMin, intensityMax, intensityMean,
//     intensitySum, intensityStd (numpy.std, ddof 0), intensityMedian
//     (numpy.median), weightedCentroidX..Z (Σ I·x / Σ I, calibrated).
//
// # Tables and CSV
//
// Table is column-major: Names, Units, Columns (float64, one per name).
// WriteCsv and SaveCsv write a header line with units in brackets
// ("centroidX [um]", "px" when the calibration has no unit) and numbers
// that read back exactly (pandas: read_csv(path,
// float_precision="round_trip")). Through the op registry a table is an
// ops.ResultTable; its JSON is {"kind": "table", "value": {column: [...],
// ...}, "units": {column: unit}}, and `gips run measure.labelAnalysis
// labels.tif` prints it as CSV.
package measure
