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
	var zero archsimd.Float64x4
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

func init() {
	if archsimd.X86.AVX2() {
		weightedSymU8 = weightedSymU8AVX2
	}
	if archsimd.X86.AVX512() {
		correlate2F64, correlate2SymF64 = correlate2F64AVX512, correlate2SymF64AVX512
		weightedSymAlt, weightedSymU8 = weightedSymU8, weightedSymU8AVX512
	}
}

// correlate2F64AVX512 does 8 outputs at a time: o[i] = clip(Σ_k w[k]·e[2i+k])
// (mergedRow's stride-2 case), the products added from 0 in k's order and
// clipped by max then min as the Go loop (no NaN: integer inputs only).
// Taps 2j and 2j+1 of 8 outputs are the even and odd samples of the 16
// from e[2i+2j], split by a two-vector permute.
func correlate2F64AVX512(o, e, w []float64, lo, hi float64) int {
	if len(w) == 0 || len(w) > 64 {
		return 0
	}
	// Output block [i, i+8) loads e[2i+2j : 2i+2j+16] for 2j < len(w).
	pairs := (len(w) + 1) / 2
	n := 0
	if avail := len(e) - 2*(pairs-1) - 16; avail >= 0 {
		n = min(len(o), avail/2+8) &^ 7 // the last block starts at or before avail/2
	}
	if n == 0 {
		return 0
	}
	defer archsimd.ClearAVXUpperBits()
	var ws [64]archsimd.Float64x8
	for k, v := range w {
		ws[k] = archsimd.BroadcastFloat64x8(v)
	}
	even := archsimd.LoadUint64x8(&[8]uint64{0, 2, 4, 6, 8, 10, 12, 14})
	odd := archsimd.LoadUint64x8(&[8]uint64{1, 3, 5, 7, 9, 11, 13, 15})
	vlo, vhi := archsimd.BroadcastFloat64x8(lo), archsimd.BroadcastFloat64x8(hi)
	var zero archsimd.Float64x8
	for i := 0; i < n; i += 8 {
		acc := zero
		for j := range pairs {
			b := e[2*i+2*j:]
			a0, a1 := archsimd.LoadFloat64x8Slice(b), archsimd.LoadFloat64x8Slice(b[8:])
			acc = acc.Add(a0.ConcatPermute(a1, even).Mul(ws[2*j]))
			if 2*j+1 < len(w) {
				acc = acc.Add(a0.ConcatPermute(a1, odd).Mul(ws[2*j+1]))
			}
		}
		acc.Max(vlo).Min(vhi).StoreSlice(o[i:])
	}
	return n
}

// weightedSymU8AVX2 is weightedRowsSym's loop 16 columns at a time: the
// mirrored rows' bytes added in 16-bit lanes (exact), widened, weighted
// and accumulated in weightedRowsSym's order.
func weightedSymU8AVX2(s []float64, rows [][]uint8, w []float64) int {
	n := len(s)
	for _, r := range rows {
		n = min(n, len(r))
	}
	n &^= 15
	if len(rows) == 0 || len(rows) > 64 || n == 0 {
		return 0
	}
	defer archsimd.ClearAVXUpperBits()
	h := len(rows) / 2
	var ws [64]archsimd.Float64x4
	for i, v := range w[:len(rows)] {
		ws[i] = archsimd.BroadcastFloat64x4(v)
	}
	var acc [4]archsimd.Float64x4
	for x := 0; x < n; x += 16 {
		for k := range h {
			a := archsimd.LoadUint8x16Slice(rows[k][x:]).ExtendToUint16()
			b := archsimd.LoadUint8x16Slice(rows[len(rows)-1-k][x:]).ExtendToUint16()
			weighted16(&acc, a.Add(b), ws[k], k == 0)
		}
		if len(rows)%2 == 1 {
			weighted16(&acc, archsimd.LoadUint8x16Slice(rows[h][x:]).ExtendToUint16(), ws[h], h == 0)
		}
		store16(s[x:x+16], &acc)
	}
	return n
}

// correlate2SymF64AVX512 is correlate2F64AVX512 for symmetric w (up to 16
// taps): o[i] = clip(Σ_{k<n/2} w[k]·(e[2i+k] + e[2i+n-1-k]) + w[n/2]·e[2i+n/2]
// for odd n), mergedRow's order.
func correlate2SymF64AVX512(o, e, w []float64, lo, hi float64) int {
	if len(w) == 6 {
		return correlate2Sym6AVX512(o, e, w, lo, hi)
	}
	if len(w) == 0 || len(w) > 16 {
		return 0
	}
	pairs := (len(w) + 1) / 2
	n := 0
	if avail := len(e) - 2*(pairs-1) - 16; avail >= 0 {
		n = min(len(o), avail/2+8) &^ 7 // the last block starts at or before avail/2
	}
	if n == 0 {
		return 0
	}
	defer archsimd.ClearAVXUpperBits()
	var ws [16]archsimd.Float64x8
	for k, v := range w {
		ws[k] = archsimd.BroadcastFloat64x8(v)
	}
	even := archsimd.LoadUint64x8(&[8]uint64{0, 2, 4, 6, 8, 10, 12, 14})
	odd := archsimd.LoadUint64x8(&[8]uint64{1, 3, 5, 7, 9, 11, 13, 15})
	vlo, vhi := archsimd.BroadcastFloat64x8(lo), archsimd.BroadcastFloat64x8(hi)
	var zero archsimd.Float64x8
	nt, h := len(w), len(w)/2
	var v [16]archsimd.Float64x8
	for i := 0; i < n; i += 8 {
		for j := range pairs {
			b := e[2*i+2*j:]
			a0, a1 := archsimd.LoadFloat64x8Slice(b), archsimd.LoadFloat64x8Slice(b[8:])
			v[2*j] = a0.ConcatPermute(a1, even)
			v[2*j+1] = a0.ConcatPermute(a1, odd)
		}
		acc := zero
		for k := range h {
			acc = acc.Add(v[k].Add(v[nt-1-k]).Mul(ws[k]))
		}
		if nt%2 == 1 {
			acc = acc.Add(v[h].Mul(ws[h]))
		}
		acc.Max(vlo).Min(vhi).StoreSlice(o[i:])
	}
	return n
}

// weightedSymU8AVX512 is weightedSymU8AVX2 with 8-lane float64 vectors:
// the 16 pair sums widen to one 16-lane int32 vector, converted in two
// halves; the same operations per lane, so the same values.
func weightedSymU8AVX512(s []float64, rows [][]uint8, w []float64) int {
	if len(rows) == 6 {
		return weightedSym6U8AVX512(s, rows, w)
	}
	n := len(s)
	for _, r := range rows {
		n = min(n, len(r))
	}
	n &^= 15
	if len(rows) == 0 || len(rows) > 64 || n == 0 {
		return 0
	}
	defer archsimd.ClearAVXUpperBits()
	nr, h := len(rows), len(rows)/2
	var ws [64]archsimd.Float64x8
	for i, v := range w[:nr] {
		ws[i] = archsimd.BroadcastFloat64x8(v)
	}
	for x := 0; x < n; x += 16 {
		var a0, a1 archsimd.Float64x8
		for k := range (nr + 1) / 2 {
			u := archsimd.LoadUint8x16Slice(rows[k][x:]).ExtendToUint16()
			if k < h {
				u = u.Add(archsimd.LoadUint8x16Slice(rows[nr-1-k][x:]).ExtendToUint16())
			}
			v := u.ExtendToUint32().AsInt32x16()
			lo, hi := v.GetLo().ConvertToFloat64().Mul(ws[k]), v.GetHi().ConvertToFloat64().Mul(ws[k])
			if k == 0 {
				a0, a1 = lo, hi
			} else {
				a0, a1 = a0.Add(lo), a1.Add(hi)
			}
		}
		a0.StoreSlice(s[x:])
		a1.StoreSlice(s[x+8:])
	}
	return n
}
