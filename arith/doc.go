// Package arith is pixel arithmetic on images: add, subtract, multiply,
// divide (image-image and image-scalar), absolute difference, min, max,
// linear combination and invert, for 2D and 3D images of any plane layout,
// every channel and time point alike, in parallel.
//
// Types: the sources are numeric images (UInt8 ... Real64) of one type and
// one set of sizes; Binary and label images are refused (use package
// logic, or convert first). The result has the sources' type.
//
// Integer results saturate, as in OpenCV: the exact result is rounded to
// nearest with halves away from zero (the rule of gips.Saturate), then
// clamped to the type's range: UInt8 200 + 100 is 255, 5 - 10 is 0.
// Image-image add, subtract, multiply, absolute difference, min and max are
// computed exactly in integers; divide too (a / b rounded, no floating
// point); image-scalar ops and the linear combination in float64 (see
// scalar.go and LinearCombinationInto).
//
// Division by zero: for integer types x / 0 is 0 (OpenCV's rule); for float
// types it is IEEE (±Inf, and NaN for 0 / 0), as in numpy.
//
// Float images follow IEEE arithmetic in their own precision, so that a
// Real32 result equals numpy's float32 result bit for bit.
//
// Speed: one generic kernel per op, chosen once per call by gips.Dispatch,
// runs over row bands in parallel. UInt8 and UInt16 add, subtract, min,
// max and absolute difference, and the add or subtract of a whole-number
// scalar, work on 64-bit words (SWAR: eight or four saturating lanes per
// word, swar.go); built with GOEXPERIMENT=simd on an
// AVX2 machine they use 32-byte vectors (simd_amd64.go), whose results the
// tests compare with the SWAR twins. The image-image ops on the other
// types (Int8, Int16, Int32, UInt32, Real32, Real64) run vector kernels
// in that build too (binsimd_amd64.go, AVX-512 where it pays:
// binwide_amd64.go, where Real32 min and max load whole cache lines when
// the sources start inside one), their Go loops the twins, bit for bit,
// NaN payloads included. Invert runs 32-byte vectors (invsimd_amd64.go; ^a through
// the word kernels for the unsigned types). These loops run backwards
// where the output starts a little after a source modulo 4 KiB (numpy's
// heap places a call's arrays so), whose loads would otherwise wait on
// the stores just made (bulk_amd64.go). The scalar ops and the
// linear combination have
// AVX-512 kernels for every type (scalrow.go: exact integer arithmetic
// for whole scalars, the float64 formula in vectors otherwise, 8-bit
// tables looked up 64 bytes a step, floats in their own lanes), each
// with a Go twin; their float, clamped-add and table loops run backwards
// in the same case (dirOf, scalsimd_amd64.go). A UInt16 or Int16 linear combination whose weights are
// multiples of 2^-k (a blend by halves, a difference) is the float64
// formula's exact value computed in int32 (linfix16.go, scallin16.go).
//
// Who allocates: Add(a, b) returns a new image (C-contiguous, with a's
// calibration); AddInto(dst, a, b) writes into a caller's image of the same
// geometry. dst may be one of the sources (in place), pixel for pixel; a
// dst that overlaps a source any other way gives undefined results.
package arith
