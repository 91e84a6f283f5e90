package color

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"
)

// TestCbrtWithinUlps: cbrt against the cube root computed in 200-bit
// arithmetic (math/big), over labF's range and beyond, and at the edges
// where it hands over to math.Cbrt.
func TestCbrtWithinUlps(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	exact := func(x float64) float64 {
		// Newton in big.Float from math.Cbrt's estimate.
		prec := uint(200)
		bx := new(big.Float).SetPrec(prec).SetFloat64(x)
		y := new(big.Float).SetPrec(prec).SetFloat64(math.Cbrt(x))
		three := new(big.Float).SetPrec(prec).SetInt64(3)
		for range 4 {
			y2 := new(big.Float).SetPrec(prec).Mul(y, y)
			q := new(big.Float).SetPrec(prec).Quo(bx, y2)
			q.Sub(q, y)
			q.Quo(q, three)
			y.Add(y, q)
		}
		f, _ := y.Float64()
		return f
	}
	xs := []float64{0x1p-1000, 0x1.0000000000001p-1000, 0.008856, 0.0088560000001, 0.5, 1, 1.0000000000000002, 8, 27, 0x1.fffffffffffffp999}
	for range 20000 {
		xs = append(xs, 0.008856+rng.Float64()*1.2, math.Ldexp(1+rng.Float64(), rng.IntN(200)-100))
	}
	worst := 0.0
	for _, x := range xs {
		got, want := cbrt(x), exact(x)
		ulp := math.Nextafter(want, math.Inf(1)) - want
		if d := math.Abs(got-want) / ulp; d > worst {
			worst = d
		}
		if d := math.Abs(got - want); d > 2*ulp {
			t.Fatalf("cbrt(%v) = %v, exact %v (%.1f ulps)", x, got, want, d/ulp)
		}
	}
	t.Logf("worst %.2f ulps", worst)
	for _, x := range []float64{0, math.Inf(1), math.NaN(), -8, 0x1p-1070, 0x1p1020} {
		if got, want := cbrt(x), math.Cbrt(x); got != want && !(math.IsNaN(got) && math.IsNaN(want)) {
			t.Errorf("cbrt(%v) = %v, math.Cbrt %v", x, got, want)
		}
	}
}
