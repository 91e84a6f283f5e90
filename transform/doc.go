// Package transform is the geometric family: resampling and spatial maps
// with scipy.ndimage's semantics (Zoom, Shift, Affine, Rotate,
// MapCoordinates), skimage's Resize, Resample to a voxel size, numpy's
// Pad, and pixel reorderings that are views where the plane model allows
// (Flip, SwapAxes, Rot90, Crop: see views.go).
//
// # Conventions
//
//   - Sizes, factors, shifts and matrices are x first in Go, like every
//     gips per-axis value (Zoom(img, fx, fy, fz)); the registry op
//     transform.affine takes scipy's matrix in numpy order on every surface
//     and says so.
//   - Interpolation: B-splines of order 0 to 5 (WithOrder, 3 by default as
//     in scipy). Orders above 1 first turn the input into spline
//     coefficients in float64 (scipy's prefilter, with its boundary
//     handling and its padding by 12 in nearest and grid-constant modes).
//     The arithmetic follows scipy's order of operations, so orders 0 and 1
//     give scipy's numbers exactly and orders 2 to 5 agree to rounding.
//     Order-1 zooms and shifts of 8- and 16-bit unsigned images whose
//     weights are all multiples of a small power of two (factors 2 and 1/2
//     in grid mode, half-pixel shifts) run in integers: scipy's float64
//     sum is then exact, so the integer result is the same number
//     (zoomint.go).
//   - Modes: scipy's eight interpolation modes (Mode): constant (its
//     default, and here), grid-constant, nearest, reflect = grid-mirror,
//     mirror, wrap (period n-1) and grid-wrap (period n). The filters'
//     gips.BorderMode has five; FromBorderMode converts.
//   - Channels and time points are transformed one by one: nothing
//     interpolates across channels.
//   - Output type: the input's (as scipy) unless WithOutput names another
//     plain numeric type. Integer outputs round half away from zero and
//     saturate (scipy's own rule for these functions); floats are stored
//     as computed.
//   - Who allocates: Xxx allocates the output; XxxInto writes into the
//     caller's image, whose sizes are the output shape. The output must not
//     share memory with the input (the transforms read around each point).
//   - Sizes are checked before anything is allocated: an output more than
//     512 times its input (and past 2^28 pixels) is an error naming the
//     factor, widths or shape.
//   - Registry ops: zoom, shift, affine (scipy's numpy-order matrix),
//     rotate, resize, resample, pad, flip and rot90. Ops return new
//     images, so flip and rot90 copy there (FlipInto, Rot90Into: row
//     reversals and tiled transposes at memory speed); MapCoordinates and
//     the views are Go functions, and in Python Image.flipView and
//     Image.rot90View (numpy views wrapped without a copy).
//   - Zoom in slabs of z planes, for package stream's out-of-core runs:
//     ZoomSlabInto reads only the input planes a slab's windows reach
//     (orders 0 and 1); ZoomCoefs computes the coefficients of orders 2
//     to 5 in pieces (planes, bands of rows along z, planes) and
//     interpolates a slab from the coefficient planes it reads. Both are
//     the whole zoom's planes bit for bit.
//   - Work is split over output rows by internal/par; a panic in a worker
//     comes back as an error.
package transform
