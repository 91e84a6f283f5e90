//go:build goexperiment.simd && amd64

package filter

import (
	"math"
	"simd/archsimd"
	"unsafe"
)

// The AVX2 twin of bl8Go (bilateral_u8.go): the same float32 operations
// in the same order, no FMA, so the results are identical
// (TestBilateralU8SIMDMatchesGo).

func init() {
	if archsimd.X86.AVX2() {
		bl8Vec = bl8AVX2
	}
}

// bl8AVX2 is bl8Go on the leading multiple of 16 pixels, 16 at a time
// (two vectors: two independent chains of sums per tap).
func bl8AVX2(out []float32, rows [][]float32, taps []bl8Tap, kr float32) int {
	r := len(rows) / 2
	n := len(out) &^ 15
	if n == 0 || len(rows) != 2*r+1 {
		return 0
	}
	for _, row := range rows {
		if len(row) < n+2*r {
			return 0
		}
	}
	for _, t := range taps {
		if t.row < 0 || t.row >= len(rows) || t.col < 0 || t.col > 2*r {
			return 0
		}
	}
	defer archsimd.ClearAVXUpperBits()
	// Each tap's first source pixel and its spatial log-weight.
	type vtap struct {
		p  unsafe.Pointer
		ls archsimd.Float32x8
	}
	var buf [64]vtap
	vt := buf[:0]
	if len(taps) > len(buf) {
		vt = make([]vtap, 0, len(taps))
	}
	for _, t := range taps {
		vt = append(vt, vtap{unsafe.Pointer(&rows[t.row][t.col]), archsimd.BroadcastFloat32x8(t.ls)})
	}
	cp, op := unsafe.Pointer(&rows[r][r]), unsafe.Pointer(&out[0])
	ld := func(p unsafe.Pointer, x int) archsimd.Float32x8 {
		return archsimd.LoadFloat32x8((*[8]float32)(unsafe.Add(p, 4*x)))
	}
	// The clamp at bl8Floor only where some weight could go below it (a
	// no-op elsewhere, so bl8Go's max is matched either way).
	least := 0.0
	for _, t := range taps {
		least = min(least, float64(t.ls))
	}
	// Without a clamp the floor is -Inf, a no-op for z (never NaN): a
	// branch on a float64 comparison here was recomputed inside the loop
	// by the compiler, with legacy-SSE MOVSD loads that stall while the
	// vector registers' upper halves are dirty (90% of the kernel's time).
	lo := float32(math.Inf(-1))
	if least+65025*float64(kr) < float64(bl8Floor)+1 {
		lo = bl8Floor
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
