// Package util holds the reference SDK's basic image utilities under its
// own names: EraseImg (fill with a value), CopyImg (copy pixels between
// images of one geometry) and ConvertImg (to another buffer type, clamping
// or scaling as asked; see Scaling), for 2D and 3D images of any plane layout
// and any buffer type, every channel alike, in parallel.
//
// Who allocates: Copy and ConvertImg return new C-contiguous images with
// the source's calibration; EraseImg, CopyImg and ConvertImgInto write into
// the caller's image, which must be writable. CopyImg keeps the reference
// SDK's (src, dst) order; ConvertImgInto is destination-first like the rest
// of gips.
//
// Conversions are exact wherever the target type holds every source value
// (UInt8 to Real32, Int16 to Int32: a plain conversion); otherwise values
// are rounded to nearest with halves away from zero and clamped, as by
// gips.Saturate. Clamp conversions run a loop for their pair of types
// (clamp.go; AVX2 or AVX-512 under GOEXPERIMENT=simd); scaled ones convert 8- and
// 16-bit sources through a table of their 256 or 65536 values.
package util
