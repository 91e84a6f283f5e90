//go:build !(goexperiment.simd && amd64)

package arith

// simdRows is the AVX2 twin of swarRows (simd_amd64.go); this build has
// none, so the SWAR kernels do all the words.
func simdRows(l lanes, op swarOp, d, a, b []byte) int { return 0 }

func simdConst(l lanes, op swarOp, d, a []byte, c uint64) int { return 0 }

// haveAVX2 is false: no AVX2 kernels in this build.
const haveAVX2 = false

func simdLinear8(d, a, b []uint8, ka, kb, c float32) int { return 0 }

func simdLinear16(d, a, b []uint16, ka, kb, c float64) int { return 0 }

func simdLinearFix8(d, a, b []uint8, w linFixW) int { return 0 }

func simdAffine8(d, a []uint8, k, c5 float32) int { return 0 }

func simdDiv8(d, a, b []uint8) int { return 0 }

func simdDiv16(d, a, b []uint16) int { return 0 }

func simdMul8(d, a, b []uint8) int   { return 0 }
func simdMul16(d, a, b []uint16) int { return 0 }

func simdLinearFix16(d, a, b []uint16, w linFix16W) int { return 0 }

// useAVX512 exists for the tests, which switch the kernels' loops.
var useAVX512 = false

// simdNot: no AVX2 twin, notWords' word loop does every byte.
func simdNot(d, a []byte) int { return 0 }
