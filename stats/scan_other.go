//go:build !(goexperiment.simd && amd64)

package stats

// Without GOEXPERIMENT=simd on amd64 there are no SIMD twins: the pure-Go
// loops do every pixel.

const haveAVX2 = false

func minMax8(row []uint8) (lo, hi uint8, n int)                 { return 0, 0, 0 }
func scanRow16(row []uint16) (sum uint64, lo, hi uint16, n int) { return 0, 0, 0, 0 }

func scanI8(row []int8, sums bool) (sum int64, lo, hi int8, n int)      { return 0, 0, 0, 0 }
func scanU16(row []uint16, sums bool) (sum int64, lo, hi uint16, n int) { return 0, 0, 0, 0 }
func scanI16(row []int16, sums bool) (sum int64, lo, hi int16, n int)   { return 0, 0, 0, 0 }
func scanI32(row []int32, sums bool) (sum int64, lo, hi int32, n int)   { return 0, 0, 0, 0 }
func scanU32(row []uint32, sums bool) (sum int64, lo, hi uint32, n int) { return 0, 0, 0, 0 }

func sumRow8(row []uint8) (sum uint64, n int) { return 0, 0 }

func scanSq8(row []uint8) (sum, sq uint64, lo, hi uint8, n int) { return 0, 0, 0, 0, 0 }

func scanSqI8(row []int8) (sum int64, qhi, qlo uint64, lo, hi int8, n int)      { return }
func scanSqU16(row []uint16) (sum int64, qhi, qlo uint64, lo, hi uint16, n int) { return }
func scanSqI16(row []int16) (sum int64, qhi, qlo uint64, lo, hi int16, n int)   { return }
func scanSqI32(row []int32) (sum int64, qhi, qlo uint64, lo, hi int32, n int)   { return }
func scanSqU32(row []uint32) (sum int64, qhi, qlo uint64, lo, hi uint32, n int) { return }

func extremes32(s []float32) (lo, hi float64, n int) { return 0, 0, 0 }
func extremes64(s []float64) (lo, hi float64, n int) { return 0, 0, 0 }

func blockSums[T ~float32 | ~float64](s []T, sums []float64, mean float64, sq bool) bool {
	return false
}

func blockSums32(s []float32, sums []float64) bool { return false }
