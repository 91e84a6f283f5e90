package color

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/gipsdev/gips"
)

// TestFma32IsRoundedOnce: fma32 is x·y + z computed exactly (math/big)
// and rounded once to float32, on random operands of every scale and on
// sums a float64 ulp from a float32 midpoint, where rounding
// math.FMA's float64 result again is wrong (the test checks it meets
// some: the cases it exists for).
func TestFma32IsRoundedOnce(t *testing.T) {
	rng := rand.New(rand.NewPCG(31, 32))
	exact := func(x, y, z float32) float32 {
		p := new(big.Float).SetPrec(2000).SetFloat64(float64(x))
		p.Mul(p, new(big.Float).SetFloat64(float64(y)))
		p.Add(p, new(big.Float).SetFloat64(float64(z)))
		f, _ := p.Float32()
		return f
	}
	anyF32 := func() float32 { // finite (big.Float holds no NaN), subnormals included
		return float32(math.Ldexp(rng.Float64()+0.5, rng.IntN(260)-140)) * float32(1-2*rng.IntN(2))
	}
	twice := 0
	for i := range 400000 {
		var x, y, z float32
		if i%2 == 0 {
			x, y, z = anyF32(), anyF32(), anyF32()
		} else {
			// x·y = 2^-24·2^e·(1 - k²·2^-46): just off z's float32
			// midpoint z + 2^-24·2^e (z in [2^e, 2^(e+1))) by less
			// than a float64 ulp of z.
			k := float32(1 + rng.IntN(1<<10))
			e := rng.IntN(200) - 100
			s := float32(1 - 2*rng.IntN(2))
			x = float32(math.Ldexp(1, -12+e/2)) * (1 + k*0x1p-23) * s
			y = float32(math.Ldexp(1, -12+e-e/2)) * (1 - k*0x1p-23) * s
			z = float32(math.Ldexp(1+float64(rng.IntN(1<<23))*0x1p-23, e))
			if rng.IntN(2) == 0 {
				x, z = -x, -z
			}
		}
		want := exact(x, y, z)
		if got := fma32(x, y, z); math.Float32bits(got) != math.Float32bits(want) {
			t.Fatalf("fma32(%g, %g, %g) = %g, exact %g", x, y, z, got, want)
		}
		if float32(math.FMA(float64(x), float64(y), float64(z))) != want {
			twice++
		}
	}
	if twice == 0 {
		t.Fatal("no case where rounding twice is wrong: the test misses fma32's point")
	}
	t.Logf("%d cases where float32(math.FMA) is wrong", twice)
	for _, c := range [][3]float32{{float32(math.Inf(1)), 1, 2}, {1, 2, float32(math.Inf(-1))}, {float32(math.NaN()), 1, 1}, {0, 1, -0}} {
		got, want := fma32(c[0], c[1], c[2]), float32(math.FMA(float64(c[0]), float64(c[1]), float64(c[2])))
		if math.Float32bits(got) != math.Float32bits(want) && !(got != got && want != want) {
			t.Fatalf("fma32%v = %v, want %v", c, got, want)
		}
	}
}

// TestF32GreyYCbCrBound: float32 rgbToGrey within 2.5e-7 and rgbToYCbCr
// within 4e-5 (its 8-bit units) of the float64 formulas, doc.go's bound,
// for inputs in [0, 1]: a grid of 65 levels per channel and random
// values, with the SIMD loops where there are some and in Go.
func TestF32GreyYCbCrBound(t *testing.T) {
	rng := rand.New(rand.NewPCG(33, 34))
	const w, h = 65 * 65, 130 // the grid, then as many random pixels
	i := 0
	img := f32Image(t, w, h, func(c int) float32 {
		p := i / 3
		i++
		if p >= 65*65*65 {
			return rng.Float32()
		}
		return float32([3]int{p / (65 * 65), p / 65 % 65, p % 65}[c]) / 64
	})
	in := f32Values(t, img)
	n := w * h
	for _, goOnly := range []bool{false, true} {
		useGo = goOnly
		g, err1 := RgbToGrey(img)
		y, err2 := RgbToYCbCr(img)
		useGo = false
		if err1 != nil || err2 != nil || g.Type() != gips.Real32 {
			t.Fatal(err1, err2, g.Type())
		}
		gv, yv := f32Values(t, g), f32Values(t, y)
		var worst [4]float64
		for p := range n {
			r, gg, b := float64(in[p]), float64(in[n+p]), float64(in[2*n+p])
			y0, y1, y2 := ycbcr(r, gg, b)
			for c, d := range [4]float64{float64(gv[p]) - grey(r, gg, b), float64(yv[p]) - y0, float64(yv[n+p]) - y1, float64(yv[2*n+p]) - y2} {
				worst[c] = max(worst[c], math.Abs(d))
				if tol := [4]float64{2.5e-7, 4e-5, 4e-5, 4e-5}[c]; !(math.Abs(d) <= tol) {
					t.Fatalf("(Go only %v) (%v, %v, %v) channel %d (0: grey, 1-3: ycbcr): %v off the float64 formula", goOnly, r, gg, b, c, d)
				}
			}
		}
		t.Logf("Go only %v: worst grey %.3g, Y Cb Cr %.3g", goOnly, worst[0], worst[1:])
	}
}
