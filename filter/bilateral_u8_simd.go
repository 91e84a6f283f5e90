//go:build goexperiment.simd && amd64

package filter

import (
	"math"
	"simd/archsimd"
	"unsafe"
)

// The AVX-512 and AVX2 twins of bl8Go (bilateral_u8.go): the same float32
// operations in the same order, no FMA, so the results are identical
// (TestBilateralU8SIMDMatchesGo). AVX-512 where the CPU has it: 4096²
// (radius 3, the bench row) 1T CPU 183 -> 145-155 ms, the AVX2 loop
// spilling its sums for want of registers.

func init() {
	if archsimd.X86.AVX512() {
		bl8Tiers = append(bl8Tiers, bl8Tier{bl8AVX512, bl8WeightsAVX512, bl8SumAVX512})
	}
	if archsimd.X86.AVX2() {
		bl8Tiers = append(bl8Tiers, bl8Tier{bl8AVX2, bl8WeightsAVX2, bl8SumAVX2})
	}
	if len(bl8Tiers) > 0 {
		bl8Tiers[0].use()
	}
	if archsimd.X86.AVX512() {
		bl8StoreVec = bl8StoreAVX512
	}
}

// bl8StoreAVX512 is bl8Store's rounding on the leading multiple of 16
// pixels: the integer part i of v (clamped to 0 ... 255), plus one where
// v − i (exact) is at least 1/2; 6 operations a vector where the general
// store took about 15 (4.7% of the bench row's profile).
func bl8StoreAVX512(out []uint8, q []float32) int {
	n := min(len(out), len(q)) &^ 15
	if n == 0 {
		return 0
	}
	defer archsimd.ClearAVXUpperBits()
	lo, hi, half := archsimd.Float32x16{}, archsimd.BroadcastFloat32x16(255), archsimd.BroadcastFloat32x16(0.5)
	op, qp := unsafe.Pointer(&out[0]), unsafe.Pointer(&q[0])
	for x := 0; x < n; x += 16 {
		v := archsimd.LoadFloat32x16((*[16]float32)(unsafe.Add(qp, 4*x))).Max(lo).Min(hi)
		i := v.ConvertToInt32()
		up := v.Sub(i.ConvertToFloat32()).GreaterEqual(half).ToInt32x16() // -1 where rounding up
		i.Sub(up).TruncateToInt8().Store((*[16]int8)(unsafe.Add(op, x)))
	}
	return n
}

// bl8Ptr is a tap of the vector loops: its first source pixel and its
// spatial log-weight.
type bl8Ptr struct {
	p  unsafe.Pointer
	ls float32
}

// bl8Setup checks the arguments of a vector loop of width pixels a step
// and returns how many leading pixels it does (0: none, the Go loop does
// them all), the taps (in buf when they fit), the centre and output
// pointers and the floor of the exponents.
func bl8Setup(out []float32, rows [][]float32, taps []bl8Tap, kr float32, width int, buf *[64]bl8Ptr) (n int, vt []bl8Ptr, cp, op unsafe.Pointer, lo float32) {
	r := len(rows) / 2
	n = len(out) / width * width
	if n == 0 || len(rows) != 2*r+1 {
		return 0, nil, nil, nil, 0
	}
	for _, row := range rows {
		if len(row) < n+2*r {
			return 0, nil, nil, nil, 0
		}
	}
	vt = buf[:0]
	least := 0.0
	for _, t := range taps {
		if t.row < 0 || t.row >= len(rows) || t.col < 0 || t.col > 2*r {
			return 0, nil, nil, nil, 0
		}
		vt = append(vt, bl8Ptr{unsafe.Pointer(&rows[t.row][t.col]), t.ls})
		least = min(least, float64(t.ls))
	}
	// The clamp at bl8Floor only where some weight could go below it (a
	// no-op elsewhere, so bl8Go's max is matched either way). Without a
	// clamp the floor is -Inf, a no-op for z (never NaN): a branch on a
	// float64 comparison in the loop was recomputed inside it by the
	// compiler, with legacy-SSE MOVSD loads that stall while the vector
	// registers' upper halves are dirty (90% of the kernel's time).
	lo = float32(math.Inf(-1))
	if least+65025*float64(kr) < float64(bl8Floor)+1 {
		lo = bl8Floor
	}
	return n, vt, unsafe.Pointer(&rows[r][r]), unsafe.Pointer(&out[0]), lo
}

// bl8AVX2 is bl8Go on the leading multiple of 16 pixels, 16 at a time
// (two vectors: two independent chains of sums per tap).
func bl8AVX2(out []float32, rows [][]float32, taps []bl8Tap, kr float32) int {
	var buf [64]bl8Ptr
	n, pt, cp, op, lo := bl8Setup(out, rows, taps, kr, 16, &buf)
	if n == 0 {
		return 0
	}
	defer archsimd.ClearAVXUpperBits()
	type vtap struct {
		p  unsafe.Pointer
		ls archsimd.Float32x8
	}
	var vbuf [64]vtap
	vt := vbuf[:0]
	for _, t := range pt {
		vt = append(vt, vtap{t.p, archsimd.BroadcastFloat32x8(t.ls)})
	}
	ld := func(p unsafe.Pointer, x int) archsimd.Float32x8 {
		return archsimd.LoadFloat32x8((*[8]float32)(unsafe.Add(p, 4*x)))
	}
	krv, floor := archsimd.BroadcastFloat32x8(kr), archsimd.BroadcastFloat32x8(lo)
	c1, c2, c3 := archsimd.BroadcastFloat32x8(bl8Poly[0]), archsimd.BroadcastFloat32x8(bl8Poly[1]), archsimd.BroadcastFloat32x8(bl8Poly[2])
	c4, one, round := archsimd.BroadcastFloat32x8(bl8Poly[3]), archsimd.BroadcastFloat32x8(1), archsimd.BroadcastFloat32x8(bl8Round)
	weight := func(q, c, ls archsimd.Float32x8) archsimd.Float32x8 {
		d := q.Sub(c)
		z := d.Mul(d).Mul(krv).Add(ls).Max(floor)
		t := z.Add(round)
		f := z.Sub(t.Sub(round))
		p := c4.Mul(f).Add(c3)
		p = p.Mul(f).Add(c2)
		p = p.Mul(f).Add(c1)
		p = p.Mul(f).Add(one)
		return p.AsInt32x8().Add(t.AsInt32x8().ShiftAllLeft(23)).AsFloat32x8()
	}
	for x := 0; x < n; x += 16 {
		ca, cb := ld(cp, x), ld(cp, x+8)
		var na, da, nb, db archsimd.Float32x8
		for i := range vt {
			t := &vt[i]
			qa, qb := ld(t.p, x), ld(t.p, x+8)
			wa, wb := weight(qa, ca, t.ls), weight(qb, cb, t.ls)
			na, da = na.Add(wa.Mul(qa)), da.Add(wa)
			nb, db = nb.Add(wb.Mul(qb)), db.Add(wb)
		}
		na.Div(da).Store((*[8]float32)(unsafe.Add(op, 4*x)))
		nb.Div(db).Store((*[8]float32)(unsafe.Add(op, 4*x+32)))
	}
	return n
}

// bl8AVX512 is bl8AVX2 on 16 lanes: the leading multiple of 32 pixels.
func bl8AVX512(out []float32, rows [][]float32, taps []bl8Tap, kr float32) int {
	var buf [64]bl8Ptr
	n, pt, cp, op, lo := bl8Setup(out, rows, taps, kr, 32, &buf)
	if n == 0 {
		return 0
	}
	defer archsimd.ClearAVXUpperBits()
	type vtap struct {
		p  unsafe.Pointer
		ls archsimd.Float32x16
	}
	var vbuf [64]vtap
	vt := vbuf[:0]
	for _, t := range pt {
		vt = append(vt, vtap{t.p, archsimd.BroadcastFloat32x16(t.ls)})
	}
	ld := func(p unsafe.Pointer, x int) archsimd.Float32x16 {
		return archsimd.LoadFloat32x16((*[16]float32)(unsafe.Add(p, 4*x)))
	}
	krv, floor := archsimd.BroadcastFloat32x16(kr), archsimd.BroadcastFloat32x16(lo)
	c1, c2, c3 := archsimd.BroadcastFloat32x16(bl8Poly[0]), archsimd.BroadcastFloat32x16(bl8Poly[1]), archsimd.BroadcastFloat32x16(bl8Poly[2])
	c4, one, round := archsimd.BroadcastFloat32x16(bl8Poly[3]), archsimd.BroadcastFloat32x16(1), archsimd.BroadcastFloat32x16(bl8Round)
	weight := func(q, c, ls archsimd.Float32x16) archsimd.Float32x16 {
		d := q.Sub(c)
		z := d.Mul(d).Mul(krv).Add(ls).Max(floor)
		e := z.Add(round).Sub(round) // z rounded to even
		f := z.Sub(e)
		p := c4.Mul(f).Add(c3)
		p = p.Mul(f).Add(c2)
		p = p.Mul(f).Add(c1)
		p = p.Mul(f).Add(one)
		return p.Scale(e) // as in bl8WeightsAVX512
	}
	for x := 0; x < n; x += 32 {
		ca, cb := ld(cp, x), ld(cp, x+16)
		var na, da, nb, db archsimd.Float32x16
		for i := range vt {
			t := &vt[i]
			qa, qb := ld(t.p, x), ld(t.p, x+16)
			wa, wb := weight(qa, ca, t.ls), weight(qb, cb, t.ls)
			na, da = na.Add(wa.Mul(qa)), da.Add(wa)
			nb, db = nb.Add(wb.Mul(qb)), db.Add(wb)
		}
		na.Div(da).Store((*[16]float32)(unsafe.Add(op, 4*x)))
		nb.Div(db).Store((*[16]float32)(unsafe.Add(op, 4*x+64)))
	}
	return n
}

// bl8WeightsAVX512 is bl8WeightsGo on the leading multiple of 16 pixels.
// 2^n·p by VSCALEFPS, one operation where adding n to p's exponent bits
// takes two (the same bits: p·2^n is a normal float32, z >= bl8Floor).
// The loop walks pointers: sliced loads and stores kept their bounds
// checks and index in the loop, about as many scalar µops as vector ones.
func bl8WeightsAVX512(dst, a, b []float32, ls, kr float32) int {
	n := min(len(dst), len(a), len(b)) &^ 15
	if n == 0 {
		return 0
	}
	defer archsimd.ClearAVXUpperBits()
	lsv, krv, floor := archsimd.BroadcastFloat32x16(ls), archsimd.BroadcastFloat32x16(kr), archsimd.BroadcastFloat32x16(bl8Floor)
	c1, c2, c3 := archsimd.BroadcastFloat32x16(bl8Poly[0]), archsimd.BroadcastFloat32x16(bl8Poly[1]), archsimd.BroadcastFloat32x16(bl8Poly[2])
	c4, one, round := archsimd.BroadcastFloat32x16(bl8Poly[3]), archsimd.BroadcastFloat32x16(1), archsimd.BroadcastFloat32x16(bl8Round)
	pd, pa, pb := unsafe.Pointer(&dst[0]), unsafe.Pointer(&a[0]), unsafe.Pointer(&b[0])
	for x := 0; x < 4*n; x += 64 {
		d := archsimd.LoadFloat32x16((*[16]float32)(unsafe.Add(pb, x))).Sub(archsimd.LoadFloat32x16((*[16]float32)(unsafe.Add(pa, x))))
		z := d.Mul(d).Mul(krv).Add(lsv).Max(floor)
		n := z.Add(round).Sub(round)
		f := z.Sub(n)
		p := c4.Mul(f).Add(c3)
		p = p.Mul(f).Add(c2)
		p = p.Mul(f).Add(c1)
		p = p.Mul(f).Add(one)
		p.Scale(n).Store((*[16]float32)(unsafe.Add(pd, x)))
	}
	return n
}

// bl8WeightsAVX2 is bl8WeightsGo on the leading multiple of 8 pixels.
func bl8WeightsAVX2(dst, a, b []float32, ls, kr float32) int {
	n := min(len(dst), len(a), len(b)) &^ 7
	if n == 0 {
		return 0
	}
	defer archsimd.ClearAVXUpperBits()
	lsv, krv, floor := archsimd.BroadcastFloat32x8(ls), archsimd.BroadcastFloat32x8(kr), archsimd.BroadcastFloat32x8(bl8Floor)
	c1, c2, c3 := archsimd.BroadcastFloat32x8(bl8Poly[0]), archsimd.BroadcastFloat32x8(bl8Poly[1]), archsimd.BroadcastFloat32x8(bl8Poly[2])
	c4, one, round := archsimd.BroadcastFloat32x8(bl8Poly[3]), archsimd.BroadcastFloat32x8(1), archsimd.BroadcastFloat32x8(bl8Round)
	pd, pa, pb := unsafe.Pointer(&dst[0]), unsafe.Pointer(&a[0]), unsafe.Pointer(&b[0])
	for x := 0; x < 4*n; x += 32 {
		d := archsimd.LoadFloat32x8((*[8]float32)(unsafe.Add(pb, x))).Sub(archsimd.LoadFloat32x8((*[8]float32)(unsafe.Add(pa, x))))
		z := d.Mul(d).Mul(krv).Add(lsv).Max(floor)
		t := z.Add(round)
		f := z.Sub(t.Sub(round))
		p := c4.Mul(f).Add(c3)
		p = p.Mul(f).Add(c2)
		p = p.Mul(f).Add(c1)
		p = p.Mul(f).Add(one)
		p.AsInt32x8().Add(t.AsInt32x8().ShiftAllLeft(23)).AsFloat32x8().Store((*[8]float32)(unsafe.Add(pd, x)))
	}
	return n
}

// bl8SumPtrs checks the rows of bl8Sum (each at least n long) and returns
// their first elements, weight and value of each tap.
func bl8SumPtrs(n int, ws, qs [][]float32, buf *[128]unsafe.Pointer) []unsafe.Pointer {
	if n == 0 || len(ws) != len(qs) {
		return nil
	}
	p := buf[:0]
	for t := range ws {
		if len(ws[t]) < n || len(qs[t]) < n {
			return nil
		}
		p = append(p, unsafe.Pointer(&ws[t][0]), unsafe.Pointer(&qs[t][0]))
	}
	return p
}

// bl8SumAVX512 is bl8SumGo on the leading multiple of 32 pixels (two
// vectors: two independent chains of sums).
func bl8SumAVX512(out []float32, ws, qs [][]float32) int {
	n := len(out) &^ 31
	var buf [128]unsafe.Pointer
	p := bl8SumPtrs(n, ws, qs, &buf)
	if p == nil {
		return 0
	}
	defer archsimd.ClearAVXUpperBits()
	ld := func(p unsafe.Pointer, x int) archsimd.Float32x16 {
		return archsimd.LoadFloat32x16((*[16]float32)(unsafe.Add(p, 4*x)))
	}
	for x := 0; x < n; x += 32 {
		var na, da, nb, db archsimd.Float32x16
		for t := 0; t < len(p); t += 2 {
			wa, wb := ld(p[t], x), ld(p[t], x+16)
			na, da = na.Add(wa.Mul(ld(p[t+1], x))), da.Add(wa)
			nb, db = nb.Add(wb.Mul(ld(p[t+1], x+16))), db.Add(wb)
		}
		na.Div(da).StoreSlice(out[x:])
		nb.Div(db).StoreSlice(out[x+16:])
	}
	return n
}

// bl8SumAVX2 is bl8SumGo on the leading multiple of 16 pixels.
func bl8SumAVX2(out []float32, ws, qs [][]float32) int {
	n := len(out) &^ 15
	var buf [128]unsafe.Pointer
	p := bl8SumPtrs(n, ws, qs, &buf)
	if p == nil {
		return 0
	}
	defer archsimd.ClearAVXUpperBits()
	ld := func(p unsafe.Pointer, x int) archsimd.Float32x8 {
		return archsimd.LoadFloat32x8((*[8]float32)(unsafe.Add(p, 4*x)))
	}
	for x := 0; x < n; x += 16 {
		var na, da, nb, db archsimd.Float32x8
		for t := 0; t < len(p); t += 2 {
			wa, wb := ld(p[t], x), ld(p[t], x+8)
			na, da = na.Add(wa.Mul(ld(p[t+1], x))), da.Add(wa)
			nb, db = nb.Add(wb.Mul(ld(p[t+1], x+8))), db.Add(wb)
		}
		na.Div(da).StoreSlice(out[x:])
		nb.Div(db).StoreSlice(out[x+8:])
	}
	return n
}
