//go:build !(goexperiment.simd && amd64)

package morpho

// diagRun is nil without the SIMD build: diagonal lines take the chord
// kernel (lines3z), whose SWAR rows beat a pixel-by-pixel pass.
var diagRun diagKernel
