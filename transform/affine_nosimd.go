//go:build !(goexperiment.simd && amd64)

package transform

import "github.com/gipsdev/gips"

// linBufs holds the AVX2 path's intermediates; the pure-Go build has none.
type linBufs struct{}

// lin2SIMD is the AVX2 part of lin2: none in the pure-Go build.
func lin2SIMD[S gips.Pixel](rows [][]S, pl *gips.Plane[S], cy, cx, t []float64, lb *linBufs) int {
	return 0
}

// storeSIMD is the AVX2 part of storeSeg: none in the pure-Go build.
func storeSIMD[D gips.Pixel](row []D, t []float64) int { return 0 }

// addRowSIMD is the AVX2 part of addRow: none in the pure-Go build.
func addRowSIMD(c, col []float64, base, off float64) int { return 0 }

// boxRunSIMD is the AVX2 part of points2's scan: none in the pure-Go build.
func boxRunSIMD(cy, cx []float64, loY, hiY, loX, hiX float64) int { return 0 }

// linAVX2Available says whether the AVX2 paths run (for tests): never here.
func linAVX2Available() bool { return false }

// widenSIMD is the AVX2 part of reading float32 coordinates: none here.
func widenSIMD(dst []float64, src []float32) int { return 0 }

// fusedOK says whether the fused path takes a plane: never here.
func fusedOK[P fusedPixel](p *gips.Plane[P]) bool { return false }

// fusedU8 is the fused kernel for uint8: none in the pure-Go build.
func fusedU8(f *fusedSrc, k, r, n int) (int, int, bool) { return k, r, true }

// fusedU16 is the fused kernel for uint16: none in the pure-Go build.
func fusedU16(f *fusedSrc, k, n int, row []uint16) int { return k }

// fusedF32 is the fused kernel for float32: none in the pure-Go build.
func fusedF32(f *fusedSrc, k, n int, row []float32) int { return k }

// fusedI16 is the fused kernel for int16: none in the pure-Go build.
func fusedI16(f *fusedSrc, k, n int, row []int16) int { return k }

// fusedTakes says whether a kernel takes samples of type P: never here.
func fusedTakes[P fusedPixel]() bool { return false }

// fusedGroup is the kernels' group of points (none here).
func fusedGroup() int { return 8 }

// fusedAvailable says whether the fused kernels run (for tests): never here.
func fusedAvailable() bool { return false }

// linRowsSIMD is the AVX2 part of linRows: none in the pure-Go build.
func linRowsSIMD(t, a0, b0, a1, b1, w0, w1 []float64, wy0, wy1 float64) int { return 0 }

// linRowsStoreSIMD is the AVX-512 store of linRows: none in the pure-Go build.
func linRowsStoreSIMD[D gips.Pixel](row []D, a0, b0, a1, b1, w0, w1 []float64, wy0, wy1 float64) int {
	return 0
}
