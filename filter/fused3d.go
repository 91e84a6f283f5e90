package filter

import "math"

// Fused 1D kernels for the 3D streamed path (stream3d.go): every tap of
// a symmetric or antisymmetric kernel is summed into one accumulator per
// pixel, which is stored once. The taps' pairs are added in a fixed order,
// the same in the pure-Go loops below (tap by tap over the line: each
// pixel sees the same sequence of roundings) and in the AVX2 twins
// (fused3d_simd.go, all taps per block of pixels in registers), so that a
// pixel's value does not depend on which of the two computed it.

// fusedF32 holds the AVX2 twins, set by fused3d_simd.go on a CPU with
// AVX2; each does a leading multiple of its block and returns how many
// pixels, 0 when nil.
var fusedF32 struct {
	sym  func(out, c []float32, lo, hi [][]float32, w []float32) int
	anti func(out []float32, lo, hi [][]float32, w []float32) int
	norm func(out, a []float32, first bool) int
	sqrt func(out, a []float32, inv float32) int
	quot func(acc []float32, n float32) int
}

// applyFused sets out as t.apply does, src(j) being the input shifted by
// j, rounding as described above; lo and hi are scratch of len(t.half)
// slices. A general kernel (neither symmetric nor antisymmetric) runs
// t.apply.
func applyFused[A accum](t taps[A], out []A, src func(j int) []A, lo, hi [][]A) {
	r := len(t.half) - 1
	if t.kind == 0 || r == 0 {
		t.apply(out, src)
		return
	}
	n := len(out)
	lo, hi = lo[:r+1], hi[:r+1]
	for j := 1; j <= r; j++ {
		lo[j], hi[j] = src(-j)[:n], src(j)[:n]
	}
	var c []A
	if t.kind == 1 {
		c = src(0)[:n]
	}
	done := 0
	if o, ok := any(out).([]float32); ok {
		l, h, w := any(lo).([][]float32), any(hi).([][]float32), any(t.half).([]float32)
		switch {
		case t.kind == 1 && fusedF32.sym != nil:
			done = fusedF32.sym(o, any(c).([]float32), l, h, w)
		case t.kind == -1 && fusedF32.anti != nil:
			done = fusedF32.anti(o, l, h, w)
		}
	}
	if done == n {
		return
	}
	for j := 1; j <= r; j++ {
		lo[j], hi[j] = lo[j][done:], hi[j][done:]
	}
	if t.kind == 1 {
		symFusedGo(out[done:], c[done:], lo, hi, t.half)
	} else {
		antiFusedGo(out[done:], lo, hi, t.half)
	}
}

// symFusedGo sets out = w[0]·c, then adds w[j]·(lo[j] + hi[j]) for j = 1, 2, ….
func symFusedGo[A accum](out, c []A, lo, hi [][]A, w []A) {
	c = c[:len(out)]
	for i := range out {
		out[i] = c[i] * w[0]
	}
	for j := 1; j < len(w); j++ {
		l, h, wj := lo[j][:len(out)], hi[j][:len(out)], w[j]
		for i := range out {
			out[i] += A((l[i] + h[i]) * wj) // A(): no fused multiply-add
		}
	}
}

// antiFusedGo sets out = w[1]·(hi[1] − lo[1]), then adds w[j]·(hi[j] − lo[j]) for j = 2, 3, ….
func antiFusedGo[A accum](out []A, lo, hi [][]A, w []A) {
	l, h := lo[1][:len(out)], hi[1][:len(out)]
	for i := range out {
		out[i] = (h[i] - l[i]) * w[1]
	}
	for j := 2; j < len(w); j++ {
		l, h, wj := lo[j][:len(out)], hi[j][:len(out)], w[j]
		for i := range out {
			out[i] += A((h[i] - l[i]) * wj)
		}
	}
}

// normAdd sets out = a² (first) or adds a² to it: the gradient
// magnitude's sum of squares.
func normAdd[A accum](out, a []A, first bool) {
	done := 0
	if o, ok := any(out).([]float32); ok && fusedF32.norm != nil {
		done = fusedF32.norm(o, any(a).([]float32), first)
	}
	out, a = out[done:], a[done:len(out)]
	if first {
		for i, v := range a {
			out[i] = v * v
		}
		return
	}
	for i, v := range a {
		out[i] += A(v * v)
	}
}

// sqrtScale sets out = √a · inv (out may be a), the square root rounded
// once to A as a float64 root converted to float32 is (float64 carries
// more than twice float32's bits, so the double rounding is exact).
func sqrtScale[A accum](out, a []A, inv A) {
	done := 0
	if o, ok := any(out).([]float32); ok && fusedF32.sqrt != nil {
		done = fusedF32.sqrt(o, any(a).([]float32), float32(inv))
	}
	out, a = out[done:], a[done:len(out)]
	for i, v := range a {
		out[i] = A(math.Sqrt(float64(v))) * inv
	}
}

// meanQuot replaces each sum S in acc (a non-negative integer) by its mean
// S/n rounded half up (half away from zero, S >= 0), ⌊(S + ⌊n/2⌋)/n⌋,
// exactly: q = ⌊(S + ⌊n/2⌋)·(1/n)⌋ in A is within one of it, and the
// remainder S + ⌊n/2⌋ − q·n (exact: every value is an integer below 2^24,
// which meanSlab checks) corrects it. The result is exact, so the AVX2
// twin agrees with this loop whatever its roundings.
func meanQuot[A accum](acc []A, n A) {
	done := 0
	if a, ok := any(acc).([]float32); ok && fusedF32.quot != nil {
		done = fusedF32.quot(a, float32(n))
	}
	h := A(math.Floor(float64(n) / 2))
	inv := 1 / n
	for i, s := range acc[done:] {
		t := s + h
		q := A(math.Floor(float64(A(t * inv))))
		switch r := t - q*n; {
		case r < 0:
			q--
		case r >= n:
			q++
		}
		acc[done+i] = q
	}
}
