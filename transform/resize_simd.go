//go:build goexperiment.simd && amd64

package transform

import "simd/archsimd"

func init() {
	if archsimd.X86.AVX2() {
		weightedU8, weightedU16, correlateF64 = weightedU8AVX2, weightedU16AVX2, correlateF64AVX2
	}
}

// weighted16 adds w·(16 samples) to the four accumulators: products
// rounded, then added, one at a time as the Go loop does (no FMA).
func weighted16(acc *[4]archsimd.Float64x4, u archsimd.Uint16x16, w archsimd.Float64x4, first bool) {
	a, b, c, d := widen16(u)
	if first {
		acc[0], acc[1], acc[2], acc[3] = a.Mul(w), b.Mul(w), c.Mul(w), d.Mul(w)
		return
	}
	acc[0] = acc[0].Add(a.Mul(w))
	acc[1] = acc[1].Add(b.Mul(w))
	acc[2] = acc[2].Add(c.Mul(w))
	acc[3] = acc[3].Add(d.Mul(w))
}

func store16(s []float64, acc *[4]archsimd.Float64x4) {
	acc[0].StoreSlice(s)
	acc[1].StoreSlice(s[4:])
	acc[2].StoreSlice(s[8:])
	acc[3].StoreSlice(s[12:])
}

func weightedU8AVX2(s []float64, rows [][]uint8, w []float64) int {
	n := len(s)
	for _, r := range rows {
		n = min(n, len(r))
	}
	n &^= 15
	if len(rows) == 0 || len(rows) > 64 {
		return 0
	}
	var ws [64]archsimd.Float64x4
	for i, v := range w[:len(rows)] {
		ws[i] = archsimd.BroadcastFloat64x4(v)
	}
	var acc [4]archsimd.Float64x4
	for x := 0; x < n; x += 16 {
		for i, r := range rows {
			weighted16(&acc, archsimd.LoadUint8x16Slice(r[x:]).ExtendToUint16(), ws[i], i == 0)
		}
		store16(s[x:x+16], &acc)
	}
	archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next
	return n
}

func weightedU16AVX2(s []float64, rows [][]uint16, w []float64) int {
	n := len(s)
	for _, r := range rows {
		n = min(n, len(r))
	}
	n &^= 15
	if len(rows) == 0 || len(rows) > 64 {
		return 0
	}
	var ws [64]archsimd.Float64x4
	for i, v := range w[:len(rows)] {
		ws[i] = archsimd.BroadcastFloat64x4(v)
	}
	var acc [4]archsimd.Float64x4
	for x := 0; x < n; x += 16 {
		for i, r := range rows {
			weighted16(&acc, archsimd.LoadUint16x16Slice(r[x:]), ws[i], i == 0)
		}
		store16(s[x:x+16], &acc)
	}
	archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next
	return n
}

// correlateF64AVX2 does 8 outputs at a time: g[x] = Σ e[x+k]·w[k], the
// products added from 0 in k's order (0 + p0 is p0 exactly, as in Go).
func correlateF64AVX2(g, e, w []float64) int {
	if len(w) == 0 || len(w) > 64 {
		return 0
	}
	n := min(len(g), len(e)-len(w)+1) &^ 7
	var ws [64]archsimd.Float64x4
	for k, v := range w {
		ws[k] = archsimd.BroadcastFloat64x4(v)
	}
	zero := archsimd.BroadcastFloat64x4(0)
	for x := 0; x < n; x += 8 {
		a, b := zero, zero
		for k := range w {
			a = a.Add(archsimd.LoadFloat64x4Slice(e[x+k:]).Mul(ws[k]))
			b = b.Add(archsimd.LoadFloat64x4Slice(e[x+k+4:]).Mul(ws[k]))
		}
		a.StoreSlice(g[x:])
		b.StoreSlice(g[x+4:])
	}
	archsimd.ClearAVXUpperBits() // the caller's scalar SSE code runs next
	return n
}
