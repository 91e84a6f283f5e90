//go:build !(goexperiment.simd && amd64)

package filter

// widenVec8 and widenVec16 are the vector conversions of convertRow
// (gauss_load_simd.go); this build has none.
func widenVec8(dst []float32, src []uint8) int { return 0 }

func widenVec16[S uint16 | int16](dst []float32, src []S, signed bool) int { return 0 }
