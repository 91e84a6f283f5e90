//go:build goexperiment.simd && amd64

package transform

import "simd/archsimd"

// cpuTier is the best tier of kernels this CPU runs.
var cpuTier = func() int {
	switch {
	case archsimd.X86.AVX512():
		return tierAVX512
	case archsimd.X86.AVX2():
		return tierAVX2
	}
	return tierGo
}()

// pickKernels sets the kernel variables of the tiered paths to tier t's
// (nil where the tier has none: the Go loops run).
func pickKernels(t int) {
	halveF32, halveI16 = nil, nil
	doubleF32, widenF32 = nil, nil
	vertical2I16, doubleI16 = nil, nil
	fusedAVX512, fusedAVX2 = t == tierAVX512, t == tierAVX2
	reverseBytes, transposeStrip = nil, nil
	switch t {
	case tierAVX512:
		reverseBytes, transposeStrip = reverseBytesAVX512, transposeStripAVX2
		halveF32, halveI16 = halveF32AVX512, halveI16AVX512
		doubleF32, widenF32 = doubleF32AVX512, widenF32AVX512
		vertical2I16, doubleI16 = vertical2I16AVX512, doubleI16AVX512
	case tierAVX2:
		reverseBytes, transposeStrip = reverseBytesAVX2, transposeStripAVX2
		halveF32, halveI16 = halveF32AVX2, halveI16AVX2
		doubleF32, widenF32 = doubleF32AVX2, widenF32AVX2
		vertical2I16, doubleI16 = vertical2I16AVX2, doubleI16AVX2
	}
}
