package stats

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/gipsdev/gips"
)

// TestExtremesMatchBruteForce checks Extremes against a scan written for
// the test, on integer images large enough for several workers and on a
// float image holding a NaN (numpy's min and max are then NaN).
func TestExtremesMatchBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for _, n := range []int{1, 37, 1500} {
		u := make([]uint16, n*n)
		for i := range u {
			u[i] = uint16(100 + rng.IntN(60000))
		}
		img, err := gips.FromArray(gips.ArrayOf(u, n, n))
		if err != nil {
			t.Fatal(err)
		}
		lo, hi, err := Extremes(img)
		if err != nil {
			t.Fatal(err)
		}
		wlo, whi := u[0], u[0]
		for _, v := range u {
			wlo, whi = min(wlo, v), max(whi, v)
		}
		if lo != float64(wlo) || hi != float64(whi) {
			t.Fatalf("%dx%d uint16: Extremes %v..%v, brute force %v..%v", n, n, lo, hi, wlo, whi)
		}
	}
	f := []float32{3, -2, float32(math.NaN()), 7}
	img, err := gips.FromArray(gips.ArrayOf(f, 2, 2))
	if err != nil {
		t.Fatal(err)
	}
	if lo, hi, err := Extremes(img); err != nil || !math.IsNaN(lo) || !math.IsNaN(hi) {
		t.Fatalf("float32 with a NaN: Extremes %v..%v (%v), want NaN..NaN", lo, hi, err)
	}
}
