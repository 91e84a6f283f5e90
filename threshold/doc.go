// Package threshold turns images into Binary masks: by a value range (the
// reference SDK's threshold(img, min, max)), a light or dark threshold,
// Otsu's automatic threshold (equal to scikit-image's threshold_otsu) and
// hysteresis (scikit-image's apply_hysteresis_threshold).
//
// Conventions: outputs are new Binary images of the input's geometry (the
// Into forms write into a caller's Binary or UInt8 image, which may be the
// source itself); pixel values are compared exactly, as float64, whatever
// their type, and NaN is never kept. Range, Light, Dark and Above are
// pointwise. Otsu measures all channels together; Hysteresis connects
// pixels within each volume (across z for 3D images), channel by channel,
// through label.KeepSeeded (parallel run labelling of the weak mask, not a
// flood fill).
// A Binary input is read as 0/1, whatever non-zero byte a pixel holds.
//
// Speed: Range on 8- and 16-bit pixels tests eight or four pixels per
// 64-bit word with carry-free lane arithmetic (swar.go) and writes eight
// 0/1 bytes per store (AVX2 under GOEXPERIMENT=simd); Real32 pixels are
// compared in float32 with the bounds moved inward to float32 values (the
// same pixels pass), 32- and 64-bit types with AVX-512 or AVX2 where the
// build and CPU have them, else pixel by pixel, branch-free.
package threshold
