//go:build !(goexperiment.simd && amd64)

package logic

// The AVX-512 masks of 32- and 64-bit pixels (simd_amd64.go): none here,
// the Go loop does every pixel.

func simdMask32(d, a []uint32, m []uint8) int { return 0 }
func simdMask64(d, a []uint64, m []uint8) int { return 0 }

// useAVX512 exists for the tests, which switch the kernels off.
var useAVX512 = false

// simdWords is the AVX2 bulk of wordRows (simd_amd64.go): none here.
func simdWords(op wordOp, bin bool, d, a, b []byte) int { return 0 }

// haveAVX2 exists for the tests, which switch simdWords off.
var haveAVX2 = false

// loopDir exists for the tests, which set the vector loop's direction.
var loopDir = 0
