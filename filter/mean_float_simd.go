//go:build goexperiment.simd && amd64

package filter

import (
	"simd/archsimd"
	"unsafe"
)

// The vector twins of the Real32 box mean's loops (mean_float.go): the
// same float64 operations on 4 lanes (AVX2) or 8 (AVX-512; the kernels are
// copies per lane type, as Go has no generic vector types), checked by
// TestMeanFloatMatchesFloatPath in this build.

func init() {
	switch {
	case archsimd.X86.AVX512():
		floatVec.widen = floatWiden512
		floatVec.diff = floatDiff512
		floatVec.addSub = floatAddSub512
		floatVec.store = floatStore512
	case archsimd.X86.AVX2():
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

func f64at8(p unsafe.Pointer, i int) *[8]float64 { return (*[8]float64)(unsafe.Add(p, 8*i)) }
func f32at8(p unsafe.Pointer, i int) *[8]float32 { return (*[8]float32)(unsafe.Add(p, 4*i)) }

func floatWiden512(dst []float64, src []float32) int {
	n := len(src) &^ 7
	if n == 0 || len(dst) < n {
		return 0
	}
	defer archsimd.ClearAVXUpperBits()
	sp, dp := unsafe.Pointer(&src[0]), unsafe.Pointer(&dst[0])
	for x := 0; x < n; x += 8 {
		archsimd.LoadFloat32x8(f32at8(sp, x)).ConvertToFloat64().Store(f64at8(dp, x))
	}
	return n
}

func floatDiff512(d, a, b []float64) int {
	n := len(d) &^ 7
	if n == 0 || len(a) < n || len(b) < n {
		return 0
	}
	defer archsimd.ClearAVXUpperBits()
	dp, ap, bp := unsafe.Pointer(&d[0]), unsafe.Pointer(&a[0]), unsafe.Pointer(&b[0])
	for x := 0; x < n; x += 8 {
		archsimd.LoadFloat64x8(f64at8(ap, x)).Sub(archsimd.LoadFloat64x8(f64at8(bp, x))).Store(f64at8(dp, x))
	}
	return n
}

func floatAddSub512(acc, add, sub []float64) int {
	n := len(acc) &^ 7
	if n == 0 || len(add) < n || (sub != nil && len(sub) < n) {
		return 0
	}
	defer archsimd.ClearAVXUpperBits()
	ap, pp := unsafe.Pointer(&acc[0]), unsafe.Pointer(&add[0])
	if sub == nil {
		for x := 0; x < n; x += 8 {
			archsimd.LoadFloat64x8(f64at8(ap, x)).Add(archsimd.LoadFloat64x8(f64at8(pp, x))).Store(f64at8(ap, x))
		}
		return n
	}
	sp := unsafe.Pointer(&sub[0])
	for x := 0; x < n; x += 8 {
		d := archsimd.LoadFloat64x8(f64at8(pp, x)).Sub(archsimd.LoadFloat64x8(f64at8(sp, x)))
		archsimd.LoadFloat64x8(f64at8(ap, x)).Add(d).Store(f64at8(ap, x))
	}
	return n
}

func floatStore512(out []float32, acc []float64, div float64) int {
	n := len(out) &^ 7
	if n == 0 || len(acc) < n {
		return 0
	}
	defer archsimd.ClearAVXUpperBits()
	dv := archsimd.BroadcastFloat64x8(div)
	ap, op := unsafe.Pointer(&acc[0]), unsafe.Pointer(&out[0])
	for x := 0; x < n; x += 8 {
		archsimd.LoadFloat64x8(f64at8(ap, x)).Div(dv).ConvertToFloat32().Store(f32at8(op, x))
	}
	return n
}
