//go:build goexperiment.simd && amd64

package filter

import "simd/archsimd"

func init() {
	if archsimd.X86.AVX2() {
		edgeLineF32, edgeMagF32 = edgeLineAVX2, edgeMagAVX2
	}
}

// edgeLineAVX2 is edgeLine on eight float32 lanes, each operation rounded
// as the Go loop rounds it (no fused multiply-add).
func edgeLineAVX2(d, sm, l, m, r []float32, s0, s1 float32) int {
	n := len(d) &^ 7
	sm, l, m, r = sm[:n], l[:n], m[:n], r[:n]
	v0, v1 := archsimd.BroadcastFloat32x8(s0), archsimd.BroadcastFloat32x8(s1)
	for x := 0; x < n; x += 8 {
		lv, rv := archsimd.LoadFloat32x8Slice(l[x:]), archsimd.LoadFloat32x8Slice(r[x:])
		rv.Sub(lv).StoreSlice(d[x:])
		lv.Add(rv).Mul(v0).Add(archsimd.LoadFloat32x8Slice(m[x:]).Mul(v1)).StoreSlice(sm[x:])
	}
	archsimd.ClearAVXUpperBits() // scalar SSE code follows
	return n
}

// edgeMagAVX2 is edgeMag on eight float32 lanes. The square root is
// float32's, equal to the Go loop's float64 root rounded to float32 (a
// correctly rounded root survives the double rounding: 53 >= 2·24 + 2).
func edgeMagAVX2(acc, d0, d1, d2, sm0, sm2 []float32, s0, s1, inv float32) int {
	n := len(acc) &^ 7
	d0, d1, d2, sm0, sm2 = d0[:n], d1[:n], d2[:n], sm0[:n], sm2[:n]
	v0, v1, vi := archsimd.BroadcastFloat32x8(s0), archsimd.BroadcastFloat32x8(s1), archsimd.BroadcastFloat32x8(inv)
	for x := 0; x < n; x += 8 {
		gx := archsimd.LoadFloat32x8Slice(d0[x:]).Add(archsimd.LoadFloat32x8Slice(d2[x:])).Mul(v0)
		gx = gx.Add(archsimd.LoadFloat32x8Slice(d1[x:]).Mul(v1))
		gy := archsimd.LoadFloat32x8Slice(sm2[x:]).Sub(archsimd.LoadFloat32x8Slice(sm0[x:]))
		gx.Mul(gx).Add(gy.Mul(gy)).Sqrt().Mul(vi).StoreSlice(acc[x:])
	}
	archsimd.ClearAVXUpperBits() // scalar SSE code follows
	return n
}
