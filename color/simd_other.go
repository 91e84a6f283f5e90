//go:build !(goexperiment.simd && amd64)

package color

// haveAVX2 is false: this build has no AVX2 loops.
const haveAVX2 = false

// greyU8SIMD is the AVX2 loop of grey_simd.go; without it, none.
func greyU8SIMD(o, rr, gg, bb []uint8, lut *[3][]float64) int { return 0 }

// cbrtSIMD, labSIMD, rgbFromLabSIMD and rgbFromHsvSIMD are the AVX2 loops of
// lab64_amd64.go; without them, none.
func cbrtSIMD(dst, src []float64) int                     { return 0 }
func labSIMD(o0, o1, o2, r, g, b []float64) int           { return 0 }
func rgbFromLabSIMD(o0, o1, o2, l, a, b []float64) int    { return 0 }
func rgbFromHsvSIMD(o0, o1, o2, hh, ss, vv []float64) int { return 0 }

// quantizeU8SIMD is the AVX2 loop of simd_amd64.go; without it, none.
func quantizeU8SIMD(o []uint8, v []float64, scale, off float64) int { return 0 }

// hsvSIMD is the AVX2 loop of simd_amd64.go; without it, none.
func hsvSIMD(o0, o1, o2, r, g, b []float64) int { return 0 }

// ycbcrSIMD is the AVX2 loop of simd_amd64.go; without it, none.
func ycbcrSIMD(o0, o1, o2, r, g, b []float64) int { return 0 }

// ycbcrU8SIMD is the AVX2 loop of simd_amd64.go; without it, none.
func ycbcrU8SIMD(o0, o1, o2, rr, gg, bb []uint8, lut []float64) int { return 0 }

// hsvU8SIMD is the AVX2 loop of simd_amd64.go; without it, none.
func hsvU8SIMD(o0, o1, o2, rr, gg, bb []uint8) int { return 0 }

// labU8SIMD is the AVX2 loop of labu8_amd64.go; without it, none.
func labU8SIMD(o0, o1, o2, rr, gg, bb []uint8, lut []float64) int { return 0 }

// avx2Only is the AVX-512 switch of avx512_amd64.go; without it, nothing.
var avx2Only = false

// haveAVX512 is false: this build has no AVX-512 loops.
const haveAVX512 = false

// greyF32SIMD, ycbcrF32SIMD, hsvF32SIMD and rgbFromHsvF32SIMD are the AVX2
// loops of f32_amd64.go; without them, none.
func greyF32SIMD(o, rr, gg, bb []float32) int                { return 0 }
func ycbcrF32SIMD(o0, o1, o2, r, g, b []float32) int         { return 0 }
func ycbcrF32AVX2(o0, o1, o2, r, g, b []float32) int         { return 0 }
func hsvF32SIMD(o0, o1, o2, r, g, b []float32) int           { return 0 }
func rgbFromHsvF32SIMD(o0, o1, o2, hh, ss, vv []float32) int { return 0 }

// linearSIMD is the AVX2 loop of pow24_amd64.go; without it, none.
func linearSIMD(s []float64) int { return 0 }

// labF32SIMD and rgbFromLabF32SIMD are the AVX2 loops of lab32_amd64.go;
// without them, none.
func labF32SIMD(o0, o1, o2, r, g, b []float32) int        { return 0 }
func rgbFromLabF32SIMD(o0, o1, o2, l, a, b []float32) int { return 0 }

// scaleU8SIMD and greyU8F64SIMD are the AVX2 loops of scale_amd64.go;
// without them, none.
func scaleU8SIMD(dst []float64, src []uint8, k float64) int        { return 0 }
func greyU8F64SIMD(o []float64, rr, gg, bb []uint8, k float64) int { return 0 }

// ycbcrU8F64AVX512 and hsvU8F64AVX512 are the AVX-512 loops of
// u8f64_amd64.go; without them, none.
func ycbcrU8F64AVX512(o0, o1, o2 []float64, rr, gg, bb []uint8, k float64) int { return 0 }
func hsvU8F64AVX512(o0, o1, o2 []float64, rr, gg, bb []uint8, k float64) int   { return 0 }

// haveStream is false: this build has no non-temporal stores.
const haveStream = false

// streamCopy is copy without non-temporal stores in this build.
func streamCopy[D float32 | float64](dst, src []D) { copy(dst, src) }

// storeFence has no non-temporal stores to order.
func storeFence() {}
