package filter

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/gipsdev/gips"
)

// TestStoreSIMDMatchesGo: the float32 store (its AVX2 loop under
// GOEXPERIMENT=simd, where job.exact32 allows it) gives what the float64
// loop gives, into uint8, uint16 and int16 rows whose lengths cross the vector
// size: for Gaussian sums (div 1) exact halves, their float32 neighbours,
// negatives, values beyond the range, infinities and NaN; for means,
// integer sums over odd box volumes within exact32's bound.
func TestStoreSIMDMatchesGo(t *testing.T) {
	rng := rand.New(rand.NewPCG(90, 91))
	for _, w := range []int{1, 31, 32, 33, 64, 100} {
		acc := make([]float32, w)
		for i := range acc {
			v := float32(rng.IntN(140000)-5000) / 2 // halves and integers
			switch rng.IntN(6) {
			case 0:
				v = math.Nextafter32(v, float32(math.Inf(1)))
			case 1:
				v = math.Nextafter32(v, float32(math.Inf(-1)))
			case 2:
				v = rng.Float32()*600 - 300
			}
			acc[i] = v
		}
		acc[0] = float32(math.NaN())
		if w > 3 {
			acc[1], acc[2] = float32(math.Inf(1)), float32(math.Inf(-1))
		}
		storeCase[uint8](t, acc, 1)
		storeCase[uint16](t, acc, 1)
		for i := 3; i < w; i++ { // around int16's range
			acc[i] -= 35000
		}
		storeCase[int16](t, acc, 1)
		for _, n := range []int{3, 9, 25, 125} {
			for i := range acc {
				acc[i] = float32(rng.IntN(255*n+40) - 20) // sums of n pixels, a few outside (cval)
			}
			storeCase[uint8](t, acc, float32(n))
			for i := range acc {
				acc[i] = float32(rng.IntN(min(65535*n, 1<<21/n*n)))
			}
			storeCase[uint16](t, acc, float32(n))
			lim := min(32768*n, 1<<21/n*n)
			for i := range acc {
				acc[i] = float32(rng.IntN(2*lim) - lim)
			}
			storeCase[int16](t, acc, float32(n))
		}
	}
}

func storeCase[D gips.Pixel](t *testing.T, acc []float32, div float32) {
	want, got := make([]D, len(acc)), make([]D, len(acc))
	newStorer[D](div).store(want, acc)
	st := newStorer[D](div)
	st.exact32 = true
	st.store(got, acc)
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("%T div %v, width %d: pixel %d, sum %v: float32 store %v, float64 store %v", got[0], div, len(acc), i, acc[i], got[i], want[i])
		}
	}
}

// BenchmarkStoreUint8 stores a row of 4096 float32 Gaussian sums into
// uint8, by the float64 loop (go) and by the float32 one (exact32).
func BenchmarkStoreUint8(b *testing.B) {
	acc := make([]float32, 4096)
	for i := range acc {
		acc[i] = float32(i%300) * 0.97
	}
	dst := make([]uint8, len(acc))
	for _, fast := range []bool{false, true} {
		name := map[bool]string{false: "go", true: "exact32"}[fast]
		b.Run(name, func(b *testing.B) {
			st := newStorer[uint8](float32(1))
			st.exact32 = fast
			b.SetBytes(int64(len(acc)))
			for b.Loop() {
				st.store(dst, acc)
			}
		})
	}
}
