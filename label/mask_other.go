//go:build !(goexperiment.simd && amd64)

package label

// simdRowMask is the AVX2 mask kernel (mask_simd_amd64.go); this build has
// none, so rowMask's word loop does every block.
func simdRowMask(row []uint8, m []uint64) int { return 0 }

const haveAVX2 = false

// maskAVX512 is the AVX-512 choice of simdRowMask, which this build does
// not have.
var maskAVX512 = false

// simdPrefix is the AVX2 running-sum kernel (prefix_simd_amd64.go); this
// build has none, so prefixRow's loop does every pixel.
func simdPrefix(out, d []uint32, acc uint32) (int, uint32) { return 0, acc }

// prefixAVX512 is the AVX-512 choice of simdPrefix, which this build does
// not have.
var prefixAVX512 = false

// paintMaskAVX512 says whether simdPaintMask runs; this build has no
// such kernel.
var paintMaskAVX512 = false

// simdPaintMask is the AVX-512 kernel of paintMask
// (paintmask_simd_amd64.go); this build has none.
func simdPaintMask(out []uint32, m, st []uint64, labels []uint32) (int, int) { return 0, 0 }

// firstsAVX512 says whether rowStepsU32 compares 16 labels in one
// register; this build has no vector kernels.
var firstsAVX512 = false

// rowStepsU32 is rowSteps for uint32 labels: this build's is the scalar
// loop (the vector one is in firsts_simd_amd64.go).
func rowStepsU32(row []uint32, top uint32, base int64, out []step[uint32]) ([]step[uint32], uint32) {
	return rowSteps(row, top, base, out)
}
