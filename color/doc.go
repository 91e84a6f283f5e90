// Package color converts between colour spaces with scikit-image's
// formulas (skimage.color 0.19): rgbToGrey (rgb2gray), rgbToHsv /
// hsvToRgb, rgbToLab / labToRgb (illuminant D65, 2° observer), rgbToYCbCr,
// greyToRgb (gray2rgb), and splits and merges channels as views.
//
// # Conventions
//
//   - Layout: channel first, as FromRgbArray makes it: a 2D RGB image is
//     numpy (3, Y, X), a 3D one (3, Z, Y, X); any image with three
//     channels is accepted (RGB or MultiChannel), volumes and time series
//     included, whatever its memory layout.
//   - Scaling, skimage's img_as_float: unsigned integers are multiplied by
//     1/max (uint8 255 -> 1.0), signed integers by 1/max and clipped at -1
//     (int8 -128 -> -1.0), floats are used as they are (no clipping).
//     Every conversion scales its input this way, the inverse ones too
//     (hsvToRgb of a uint8 image reads h = v/255).
//   - Output type: Real32 for a Real32 input, Real64 for every other
//     (skimage's rule, rgbToGrey's too); WithOutput (the ops' output
//     parameter: auto, a type, or same) chooses. An integer output is the
//     float64 result scaled back, rounded half away from zero and
//     saturated: results in [0, 1] (grey, hsv, rgb) times the type's
//     maximum, so uint8 in and uint8 out is round(255·v) as OpenCV's
//     cvtColor returns; YCbCr's 8-bit units times max/255 (as they are in
//     uint8); Lab in UInt8 only, OpenCV's 8-bit Lab (L·255/100, a + 128,
//     b + 128). Where the exact result is a tie (x.5) the float64 rounding
//     of the formula decides, and skimage's float64 may decide the other
//     way: within 1; uint8-to-uint8 rgbToHsv rounds its exact rational
//     results (a tie up) with integer arithmetic. Three-channel results are
//     MultiChannel (hsv, lab, ycbcr) or RGB (hsvToRgb, labToRgb);
//     rgbToGrey gives a grey image; greyToRgb keeps the input's type.
//   - Precision: computed in float64; equal to skimage within 1e-12 of the
//     range in float64 (skimage's matrix products run through BLAS), and
//     within float32 rounding for Real32. Real32 in and Real32 out,
//     rgbToHsv and hsvToRgb compute in float32 as skimage does for float32
//     (the same operations: rgbToHsv gives skimage's float32 bits), eight
//     pixels at a time with AVX2 (sixteen with AVX-512); so do rgbToGrey
//     and rgbToYCbCr (skimage's rgb @ coeffs in float32; rgbToYCbCr eight
//     at a time on images of 4 MiB in and out or more, where that is
//     faster), each channel a
//     chain of fused multiply-adds, with or without SIMD: within 2.5e-7
//     (grey) and 4e-5 (YCbCr, in its 8-bit units: about 2.5 float32 ulps
//     of 235) of the float64 formulas for inputs in [0, 1];
//     rgbToLab and labToRgb start their roots in float32 and end them in
//     float64, 8 (AVX2) or 16 (AVX-512) pixels at a time: rgbToLab's L
//     within 1e-5 and a, b within 2e-5 of the float64 result (about a
//     float32 ulp), labToRgb's within 2.5e-7. Real64 inputs of rgbToLab
//     are gamma-expanded with exp and log polynomials
//     (within 4e-14 of the power), not math.Pow. The same numbers as the
//     per-pixel formulas, faster: 8- and 16-bit inputs are scaled (for
//     rgbToLab, gamma-expanded) by table, exactly; cube roots are a
//     bit-pattern seed and Newton steps with fused multiply-adds (within 2 ulps); labToRgb's
//     c^(1/2.4) is c^(1/3)·(c^(1/3))^(1/4), a cube root and two square
//     roots (within 4 ulps of the power), not math.Pow. Built with
//     GOEXPERIMENT=simd on an AVX2 machine, the float64 row kernels of
//     rgbToHsv, hsvToRgb, rgbToLab, labToRgb and rgbToYCbCr run four
//     pixels at a time (eight with AVX-512: rgbToHsv, hsvToRgb, rgbToLab,
//     labToRgb, and rgbToYCbCr and rgbToGrey of uint8), and uint8 inputs
//     are scaled in vectors, with the same operations in the same order
//     (fused multiply-adds exactly where the Go loops call math.FMA: the
//     cube roots' steps and the Lab matrices): the same numbers as the Go
//     loops. uint8 in and out,
//     rgbToGrey, rgbToYCbCr and rgbToLab run 8 (AVX2) or 16 to 32
//     (AVX-512) pixels at a time in integers or float32 and keep a byte
//     only where its error bound cannot change the rounding; the other
//     pixels (ties, or within the bound of one: under 1% of them) take
//     the float64 path, so the bytes are the float64 path's (each loop
//     is tested on all 2^24 RGB triples); rgbToHsv's are its exact
//     rationals rounded.
//   - Large outputs: built with GOEXPERIMENT=simd on an AVX2 machine,
//     rgbToGrey, rgbToYCbCr and hsvToRgb write a float output of 64 MiB
//     or more (a 4096² float32 YCbCr image, 192 MiB) with non-temporal
//     stores, a block at a time from scratch in the cache: they run at the
//     speed of memory, and a plain store first reads the line it writes.
//     The output then starts out of the cache; the numbers are the same.
//   - Views: SplitChannels gives one grey view per channel and
//     MergeChannels stacks grey images into one image without copying; a
//     write through either is a write into the other. They are Go
//     functions: an op of the registry returns a new image.
package color
