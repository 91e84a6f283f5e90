package color

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"
)

// TestPow24Accuracy: pow24 is within 4e-14 (relative) of x^2.4 computed
// with math/big (x^12, then the fifth root by Newton's method at 200 bits),
// over its range log-uniformly and densely over rgbToLab's [0.09, 1]; and
// math.Pow outside it.
func TestPow24Accuracy(t *testing.T) {
	rng := rand.New(rand.NewPCG(31, 32))
	exact := func(x float64) float64 {
		const prec = 200
		bx := new(big.Float).SetPrec(prec).SetFloat64(x)
		p := new(big.Float).SetPrec(prec).SetFloat64(1)
		for range 12 {
			p.Mul(p, bx)
		}
		// y = p^(1/5): Newton y <- (4y + p/y^4)/5 from math.Pow's guess.
		y := new(big.Float).SetPrec(prec).SetFloat64(math.Pow(x, 2.4))
		for range 6 {
			y4 := new(big.Float).SetPrec(prec).Mul(y, y)
			y4.Mul(y4, y4)
			q := new(big.Float).SetPrec(prec).Quo(p, y4)
			y.Mul(y, big.NewFloat(4).SetPrec(prec)).Add(y, q).Quo(y, big.NewFloat(5).SetPrec(prec))
		}
		f, _ := y.Float64()
		return f
	}
	worst := 0.0
	for i := range 20000 {
		var x float64
		if i%2 == 0 {
			x = math.Exp2(-10 + 110*rng.Float64())
		} else {
			x = 0.09 + 0.91*rng.Float64()
		}
		want := exact(x)
		rel := math.Abs(pow24(x)-want) / want
		worst = max(worst, rel)
		if rel > 4e-14 {
			t.Fatalf("pow24(%v) = %v, exact %v: relative error %.3g", x, pow24(x), want, rel)
		}
	}
	t.Logf("worst relative error %.3g", worst)
	for _, x := range []float64{0, 0x1p-11, 0x1p101, math.Inf(1), 1e300} {
		if got, want := pow24(x), math.Pow(x, 2.4); got != want {
			t.Errorf("pow24(%v) = %v, want math.Pow's %v", x, got, want)
		}
	}
	if !math.IsNaN(pow24(math.NaN())) {
		t.Error("pow24(NaN) is not NaN")
	}
}

// TestLinearSIMDIsGo: linearRun gives the same bits with its AVX2 loop
// (GOEXPERIMENT=simd on an AVX2 machine) as with the Go loop alone, on
// runs of every length up to 40 of values in [-0.1, 1.2], around the
// threshold 0.04045, and with odd values (NaN, ±Inf, huge, tiny, -0)
// among them in some runs; and within 2e-14 of linear's math.Pow.
func TestLinearSIMDIsGo(t *testing.T) {
	rng := rand.New(rand.NewPCG(33, 34))
	odd := []float64{math.NaN(), math.Inf(1), math.Inf(-1), 1e40, 1e300, -0.0, math.Copysign(0, -1), 0.04045, math.Nextafter(0.04045, 1), 5e-324}
	for n := range 41 {
		for _, withOdd := range []bool{false, true} {
			in := make([]float64, n)
			for i := range in {
				in[i] = rng.Float64()*1.3 - 0.1
				if rng.IntN(5) == 0 {
					in[i] = 0.04045 + (rng.Float64()-0.5)*1e-6
				}
				if withOdd && rng.IntN(6) == 0 {
					in[i] = odd[rng.IntN(len(odd))]
				}
			}
			simd, scalar := append([]float64(nil), in...), append([]float64(nil), in...)
			linearRun(simd)
			useGo = true
			linearRun(scalar)
			useGo = false
			for i := range in {
				if math.Float64bits(simd[i]) != math.Float64bits(scalar[i]) && !(simd[i] != simd[i] && scalar[i] != scalar[i]) {
					t.Fatalf("n %d value %d (%v): SIMD %v, Go %v", n, i, in[i], simd[i], scalar[i])
				}
				if w := linear(in[i]); !(math.Abs(scalar[i]-w) <= 2e-14*math.Abs(w)) && scalar[i] != w && !(w != w && scalar[i] != scalar[i]) {
					t.Fatalf("value %v: linearFast %v, linear %v", in[i], scalar[i], w)
				}
			}
		}
	}
}
