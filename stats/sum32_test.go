package stats

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/gipsdev/gips"
)

// TestFloat32SumWithinBound: the sum of Real32 values against the exact
// sum (big.Float, wide enough for any float32 sum), within sum32.go's
// bound 2u·|S| + 12u·Σ|v| (one u more of each for the final s + c and the
// merges of rows and bands), on values of every exponent, cancelling
// pairs, huge values with tiny ones, subnormals only, bench-like values;
// summed as one run and as images (rows of 2D images, planes of 3D ones).
func TestFloat32SumWithinBound(t *testing.T) {
	rng := rand.New(rand.NewPCG(31, 32))
	gens := map[string]func(i int) float32{
		"any exponent": func(int) float32 {
			return float32(math.Ldexp(rng.Float64()*2-1, rng.IntN(277)-149))
		},
		"cancelling": func(int) float32 { // pairs ±v, a few small values
			return float32(math.Ldexp(1+rng.Float64(), rng.IntN(60)-30))
		},
		"huge and tiny": func(i int) float32 {
			if i%97 == 0 {
				return float32(rng.Float64()*3e38 - 1.5e38)
			}
			return float32(rng.NormFloat64() * 1e-30)
		},
		"subnormal": func(int) float32 {
			return math.Float32frombits(uint32(rng.IntN(1<<23)) | uint32(rng.IntN(2))<<31)
		},
		"bench-like": func(int) float32 { return float32(rng.IntN(256))/4 + 0.1 },
	}
	for name, gen := range gens {
		for _, n := range []int{1, 7, 31, 255, 256, 257, 1000, 4099, 256*64 + 5, 256*130 + 77} {
			v := make([]float32, n)
			for i := range v {
				v[i] = gen(i)
			}
			if name == "cancelling" {
				for i := 0; i+1 < n; i += 2 {
					v[i+1] = -v[i]
					if rng.IntN(50) == 0 {
						v[i+1] = float32(rng.NormFloat64())
					}
				}
				rng.Shuffle(n, func(i, j int) { v[i], v[j] = v[j], v[i] })
			}
			var k neumaier
			sumFloat32(&k, v)
			checkSumBound(t, name+" run", v, k.value())
			for _, shape := range [][]int{{1, n}, {n, 1}, {1, 1, n}} {
				if n%5 == 0 {
					shape = []int{n / 5, 5, 1}
				}
				img, err := gips.FromArray(gips.ArrayOf(v, shape...))
				if err != nil {
					t.Fatal(err)
				}
				got, err := Sum(img)
				if err != nil {
					t.Fatal(err)
				}
				checkSumBound(t, name+" image", v, got)
			}
		}
	}
}

func checkSumBound(t *testing.T, what string, v []float32, got float64) {
	t.Helper()
	exact, abs := new(big.Float).SetPrec(1000), new(big.Float).SetPrec(1000)
	for _, x := range v {
		exact.Add(exact, big.NewFloat(float64(x)))
		abs.Add(abs, big.NewFloat(math.Abs(float64(x))))
	}
	const u = 0x1p-53
	s, _ := exact.Float64()
	a, _ := abs.Float64()
	bound := (3*u*math.Abs(s) + 13*u*a) * (1 + 1e-9)
	diff, _ := new(big.Float).Sub(big.NewFloat(got), exact).Float64()
	if math.Abs(diff) > bound {
		t.Fatalf("%s, %d values: sum %v, exact %v: error %g > bound %g", what, len(v), got, s, diff, bound)
	}
}
