//go:build goexperiment.simd && amd64

package filter

import "simd/archsimd"

func init() {
	if archsimd.X86.AVX2() {
		fusedF32.sym = symFusedAVX2
		fusedF32.anti = antiFusedAVX2
		fusedF32.norm = normAddAVX2
		fusedF32.sqrt = sqrtScaleAVX2
		fusedF32.quot = meanQuotAVX2
	}
}

// symFusedAVX2 is symFusedGo on blocks of 32 pixels (four vectors of
// eight float32 lanes), every tap summed in registers; each lane rounds
// as the Go loop does (c·w0, then + (lo+hi)·wj tap by tap; no fused
// multiply-add).
func symFusedAVX2(out, c []float32, lo, hi [][]float32, w []float32) int {
	n := len(out) &^ 31
	if n == 0 {
		return 0
	}
	defer archsimd.ClearAVXUpperBits() // scalar SSE code follows
	r := len(w) - 1
	lo, hi, c = lo[:r+1], hi[:r+1], c[:n]
	w0 := archsimd.BroadcastFloat32x8(w[0])
	for i := 0; i < n; i += 32 {
		cc := c[i : i+32]
		a0 := archsimd.LoadFloat32x8Slice(cc).Mul(w0)
		a1 := archsimd.LoadFloat32x8Slice(cc[8:]).Mul(w0)
		a2 := archsimd.LoadFloat32x8Slice(cc[16:]).Mul(w0)
		a3 := archsimd.LoadFloat32x8Slice(cc[24:]).Mul(w0)
		for j := 1; j <= r; j++ {
			l, h := lo[j][i:i+32], hi[j][i:i+32]
			wj := archsimd.BroadcastFloat32x8(w[j])
			a0 = a0.Add(archsimd.LoadFloat32x8Slice(l).Add(archsimd.LoadFloat32x8Slice(h)).Mul(wj))
			a1 = a1.Add(archsimd.LoadFloat32x8Slice(l[8:]).Add(archsimd.LoadFloat32x8Slice(h[8:])).Mul(wj))
			a2 = a2.Add(archsimd.LoadFloat32x8Slice(l[16:]).Add(archsimd.LoadFloat32x8Slice(h[16:])).Mul(wj))
			a3 = a3.Add(archsimd.LoadFloat32x8Slice(l[24:]).Add(archsimd.LoadFloat32x8Slice(h[24:])).Mul(wj))
		}
		o := out[i : i+32]
		a0.StoreSlice(o)
		a1.StoreSlice(o[8:])
		a2.StoreSlice(o[16:])
		a3.StoreSlice(o[24:])
	}
	return n
}

// antiFusedAVX2 is antiFusedGo on blocks of 32 pixels, as symFusedAVX2.
func antiFusedAVX2(out []float32, lo, hi [][]float32, w []float32) int {
	n := len(out) &^ 31
	if n == 0 {
		return 0
	}
	defer archsimd.ClearAVXUpperBits()
	r := len(w) - 1
	lo, hi = lo[:r+1], hi[:r+1]
	w1 := archsimd.BroadcastFloat32x8(w[1])
	for i := 0; i < n; i += 32 {
		l, h := lo[1][i:i+32], hi[1][i:i+32]
		a0 := archsimd.LoadFloat32x8Slice(h).Sub(archsimd.LoadFloat32x8Slice(l)).Mul(w1)
		a1 := archsimd.LoadFloat32x8Slice(h[8:]).Sub(archsimd.LoadFloat32x8Slice(l[8:])).Mul(w1)
		a2 := archsimd.LoadFloat32x8Slice(h[16:]).Sub(archsimd.LoadFloat32x8Slice(l[16:])).Mul(w1)
		a3 := archsimd.LoadFloat32x8Slice(h[24:]).Sub(archsimd.LoadFloat32x8Slice(l[24:])).Mul(w1)
		for j := 2; j <= r; j++ {
			l, h := lo[j][i:i+32], hi[j][i:i+32]
			wj := archsimd.BroadcastFloat32x8(w[j])
			a0 = a0.Add(archsimd.LoadFloat32x8Slice(h).Sub(archsimd.LoadFloat32x8Slice(l)).Mul(wj))
			a1 = a1.Add(archsimd.LoadFloat32x8Slice(h[8:]).Sub(archsimd.LoadFloat32x8Slice(l[8:])).Mul(wj))
			a2 = a2.Add(archsimd.LoadFloat32x8Slice(h[16:]).Sub(archsimd.LoadFloat32x8Slice(l[16:])).Mul(wj))
			a3 = a3.Add(archsimd.LoadFloat32x8Slice(h[24:]).Sub(archsimd.LoadFloat32x8Slice(l[24:])).Mul(wj))
		}
		o := out[i : i+32]
		a0.StoreSlice(o)
		a1.StoreSlice(o[8:])
		a2.StoreSlice(o[16:])
		a3.StoreSlice(o[24:])
	}
	return n
}

// normAddAVX2 is normAdd's loop on eight lanes (a·a, then added: the Go
// loop's roundings).
func normAddAVX2(out, a []float32, first bool) int {
	n := len(out) &^ 7
	if n == 0 {
		return 0
	}
	defer archsimd.ClearAVXUpperBits()
	a = a[:n]
	for i := 0; i < n; i += 8 {
		v := archsimd.LoadFloat32x8Slice(a[i:])
		v = v.Mul(v)
		if !first {
			v = archsimd.LoadFloat32x8Slice(out[i:]).Add(v)
		}
		v.StoreSlice(out[i:])
	}
	return n
}

// sqrtScaleAVX2 is sqrtScale's loop on eight lanes: VSQRTPS rounds the
// root once, as the Go loop's float64 root converted to float32 does.
func sqrtScaleAVX2(out, a []float32, inv float32) int {
	n := len(out) &^ 7
	if n == 0 {
		return 0
	}
	defer archsimd.ClearAVXUpperBits()
	a = a[:n]
	v := archsimd.BroadcastFloat32x8(inv)
	for i := 0; i < n; i += 8 {
		archsimd.LoadFloat32x8Slice(a[i:]).Sqrt().Mul(v).StoreSlice(out[i:])
	}
	return n
}

// meanQuotAVX2 is meanQuot's loop on eight lanes.
func meanQuotAVX2(acc []float32, n float32) int {
	m := len(acc) &^ 7
	if m == 0 {
		return 0
	}
	defer archsimd.ClearAVXUpperBits()
	vn := archsimd.BroadcastFloat32x8(n)
	h := archsimd.BroadcastFloat32x8(float32(int(n) / 2))
	inv := archsimd.BroadcastFloat32x8(1 / n)
	one, zero := archsimd.BroadcastFloat32x8(1), archsimd.BroadcastFloat32x8(0)
	for i := 0; i < m; i += 8 {
		t := archsimd.LoadFloat32x8Slice(acc[i:]).Add(h)
		q := t.Mul(inv).Floor()
		r := t.Sub(q.Mul(vn))
		q = q.Sub(one.Masked(r.Less(zero))).Add(one.Masked(r.GreaterEqual(vn)))
		q.StoreSlice(acc[i:])
	}
	return m
}
