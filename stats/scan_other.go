//go:build !(goexperiment.simd && amd64)

package stats

// Without GOEXPERIMENT=simd on amd64 there is no AVX2 twin: scanPlanes'
// pure-Go loop does every pixel.

const haveAVX2 = false

func scanRow8(row []uint8) (sum uint64, lo, hi uint8, n int)    { return 0, 0, 0, 0 }
func scanRow16(row []uint16) (sum uint64, lo, hi uint16, n int) { return 0, 0, 0, 0 }

func sumRow8(row []uint8) (sum uint64, n int) { return 0, 0 }

func scanSq8(row []uint8) (sum, sq uint64, lo, hi uint8, n int) { return 0, 0, 0, 0, 0 }
