//go:build goexperiment.simd && amd64

package filter

import (
	"simd/archsimd"
	"unsafe"
)

// The AVX2 twins of the Real32 box mean's loops (mean_float.go): the same
// float64 operations on 4 lanes (TestFloatSIMDMatchesGo).

func init() {
	if archsimd.X86.AVX2() {
		floatVec.widen = floatWidenAVX2
		floatVec.diff = floatDiffAVX2
		floatVec.addSub = floatAddSubAVX2
		floatVec.store = floatStoreAVX2
	}
}

func f64at(p unsafe.Pointer, i int) *[4]float64 { return (*[4]float64)(unsafe.Add(p, 8*i)) }
func f32at(p unsafe.Pointer, i int) *[4]float32 { return (*[4]float32)(unsafe.Add(p, 4*i)) }

func floatWidenAVX2(dst []float64, src []float32) int {
	n := len(src) &^ 3
	if n == 0 || len(dst) < n {
		return 0
	}
	defer archsimd.ClearAVXUpperBits()
	sp, dp := unsafe.Pointer(&src[0]), unsafe.Pointer(&dst[0])
	for x := 0; x < n; x += 4 {
		archsimd.LoadFloat32x4(f32at(sp, x)).ConvertToFloat64().Store(f64at(dp, x))
	}
	return n
}

func floatDiffAVX2(d, a, b []float64) int {
	n := len(d) &^ 3
	if n == 0 || len(a) < n || len(b) < n {
		return 0
	}
	defer archsimd.ClearAVXUpperBits()
	dp, ap, bp := unsafe.Pointer(&d[0]), unsafe.Pointer(&a[0]), unsafe.Pointer(&b[0])
	for x := 0; x < n; x += 4 {
		archsimd.LoadFloat64x4(f64at(ap, x)).Sub(archsimd.LoadFloat64x4(f64at(bp, x))).Store(f64at(dp, x))
	}
	return n
}

func floatAddSubAVX2(acc, add, sub []float64) int {
	n := len(acc) &^ 3
	if n == 0 || len(add) < n || (sub != nil && len(sub) < n) {
		return 0
	}
	defer archsimd.ClearAVXUpperBits()
	ap, pp := unsafe.Pointer(&acc[0]), unsafe.Pointer(&add[0])
	if sub == nil {
		for x := 0; x < n; x += 4 {
			archsimd.LoadFloat64x4(f64at(ap, x)).Add(archsimd.LoadFloat64x4(f64at(pp, x))).Store(f64at(ap, x))
		}
		return n
	}
	sp := unsafe.Pointer(&sub[0])
	for x := 0; x < n; x += 4 {
		d := archsimd.LoadFloat64x4(f64at(pp, x)).Sub(archsimd.LoadFloat64x4(f64at(sp, x)))
		archsimd.LoadFloat64x4(f64at(ap, x)).Add(d).Store(f64at(ap, x))
	}
	return n
}

func floatStoreAVX2(out []float32, acc []float64, div float64) int {
	n := len(out) &^ 3
	if n == 0 || len(acc) < n {
		return 0
	}
	defer archsimd.ClearAVXUpperBits()
	dv := archsimd.BroadcastFloat64x4(div)
	ap, op := unsafe.Pointer(&acc[0]), unsafe.Pointer(&out[0])
	for x := 0; x < n; x += 4 {
		archsimd.LoadFloat64x4(f64at(ap, x)).Div(dv).ConvertToFloat32().Store(f32at(op, x))
	}
	return n
}
