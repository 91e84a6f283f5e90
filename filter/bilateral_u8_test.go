package filter

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/gipsdev/gips"
)

// bruteBilateral2D is the definition in float64, tap by tap, every pixel
// read through bruteIndex (cval outside in Constant mode).
func bruteBilateral2D(pix []uint8, w, h int, ss, sr float64, r int, m Mode, cval float64) []float64 {
	at := func(x, y int) float64 {
		xi, okx := bruteIndex(x, w, m)
		yi, oky := bruteIndex(y, h, m)
		if !okx || !oky {
			return cval
		}
		return float64(pix[yi*w+xi])
	}
	out := make([]float64, w*h)
	for y := range h {
		for x := range w {
			c := at(x, y)
			var num, den float64
			for dy := -r; dy <= r; dy++ {
				for dx := -r; dx <= r; dx++ {
					if dx*dx+dy*dy > r*r {
						continue
					}
					q := at(x+dx, y+dy)
					wt := math.Exp(-float64(dx*dx+dy*dy)/(2*ss*ss)) * math.Exp(-(q-c)*(q-c)/(2*sr*sr))
					num += wt * q
					den += wt
				}
			}
			out[y*w+x] = num / den
		}
	}
	return out
}

// TestBilateralU8MatchesFloat64: the UInt8 output of a 2D UInt8 image
// (float32 sums, a computed exponential) is the exact float64 bilateral
// rounded half away from zero, or one off where that value lies within
// 0.03 of a half; on noise, steps, 0/255 noise and flat images, every
// mode, radii 1 to 5, sizes below and past the 16-pixel SIMD step.
func TestBilateralU8MatchesFloat64(t *testing.T) {
	rng := rand.New(rand.NewPCG(54, 3))
	sizes := [][2]int{{61, 23}, {5, 3}, {1, 9}, {33, 17}, {16, 4}}
	params := []struct {
		ss, sr float64
		r      int
	}{{2, 25, 3}, {0.8, 5, 1}, {3, 80, 5}, {1.5, 12, 2}, {2, 0.5, 3}}
	total, off := 0, 0
	for _, sz := range sizes {
		w, h := sz[0], sz[1]
		imgs := map[string][]uint8{}
		mk := func(name string, f func(x, y int) uint8) {
			p := make([]uint8, w*h)
			for y := range h {
				for x := range w {
					p[y*w+x] = f(x, y)
				}
			}
			imgs[name] = p
		}
		mk("noise", func(x, y int) uint8 { return uint8(rng.IntN(256)) })
		mk("step", func(x, y int) uint8 { return uint8(rng.IntN(40) + 200*b2i(x > w/2)) })
		mk("binary", func(x, y int) uint8 { return uint8(255 * rng.IntN(2)) })
		mk("flat", func(x, y int) uint8 { return 255 })
		for name, pix := range imgs {
			img, err := gips.FromArray(gips.ArrayOf(pix, h, w))
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range modes {
				for _, cval := range []float64{0, 77} {
					if cval != 0 && m != Constant {
						continue
					}
					for _, p := range params {
						got, err := Bilateral(img, p.ss, p.sr, p.r, WithMode(m), WithCval(cval), WithOutput(gips.UInt8))
						if err != nil {
							t.Fatal(err)
						}
						gp, _ := gips.Planes[uint8](got)
						want := bruteBilateral2D(pix, w, h, p.ss, p.sr, p.r, m, cval)
						for y := range h {
							for x := range w {
								e := want[y*w+x]
								v := float64(gp[0].Row(y)[x])
								total++
								switch d := math.Abs(v - math.Round(e)); {
								case d == 0:
								case d == 1 && math.Abs(e-math.Floor(e)-0.5) < 0.03:
									off++
								default:
									t.Fatalf("%dx%d %s %v cval %v %+v: pixel (%d, %d): %v, exact %v", w, h, name, m, cval, p, x, y, v, e)
								}
							}
						}
					}
				}
			}
		}
	}
	t.Logf("%d pixels, %d one off (near a half)", total, off)
}

// TestBilateralU8SIMDMatchesGo: every vector loop this CPU has (AVX-512,
// AVX2) gives bl8Go's float32 results bit for bit (with GOEXPERIMENT=simd;
// the pure-Go build has none to compare).
func TestBilateralU8SIMDMatchesGo(t *testing.T) {
	rng := rand.New(rand.NewPCG(55, 4))
	for _, r := range []int{1, 2, 3, 6} {
		var taps []bl8Tap
		for dy := -r; dy <= r; dy++ {
			for dx := -r; dx <= r; dx++ {
				if d2 := dx*dx + dy*dy; d2 <= r*r {
					taps = append(taps, bl8Tap{dy + r, dx + r, float32(-math.Log2E * float64(d2) / (2 * 1.7 * 1.7))})
				}
			}
		}
		for _, sr := range []float64{0.3, 9, 25, 300} {
			kr := float32(-math.Log2E / (2 * sr * sr))
			for n := 0; n <= 70; n += 1 + n/8 {
				rows := make([][]float32, 2*r+1)
				for j := range rows {
					rows[j] = make([]float32, n+2*r)
					for i := range rows[j] {
						rows[j][i] = float32(rng.IntN(256))
					}
				}
				want := make([]float32, n)
				bl8Go(want, rows, taps, kr, 0)
				for tier, vec := range bl8Tiers {
					got := make([]float32, n)
					done := vec.direct(got, rows, taps, kr)
					if n >= 32 && done == 0 {
						t.Fatalf("tier %d, n %d: the vector loop did nothing", tier, n)
					}
					bl8Go(got[done:], rows, taps, kr, done)
					for i := range want {
						if math.Float32bits(got[i]) != math.Float32bits(want[i]) {
							t.Fatalf("tier %d (widest first), r %d sr %v n %d [%d]: SIMD %v, Go %v", tier, r, sr, n, i, got[i], want[i])
						}
					}
				}
			}
		}
	}
}

// TestBilateralU8PairsMatchGo: the shared pair weights (bl8Pairs, with
// each vector tier this CPU has and with the Go loops alone) give bl8Go's
// float32 results bit for bit, row after row of an image and from a band
// that starts mid-image (its ring empty), every radius they serve.
func TestBilateralU8PairsMatchGo(t *testing.T) {
	defer func(v bl8Kernel, w func(dst, a, b []float32, ls, kr float32) int, s func(out []float32, ws, qs [][]float32) int) {
		bl8Vec, bl8WeightsVec, bl8SumVec = v, w, s
	}(bl8Vec, bl8WeightsVec, bl8SumVec)
	goOnly := bl8Tier{
		func([]float32, [][]float32, []bl8Tap, float32) int { return 0 },
		func(dst, a, b []float32, ls, kr float32) int { return 0 },
		func(out []float32, ws, qs [][]float32) int { return 0 },
	}
	rng := rand.New(rand.NewPCG(56, 5))
	for tier, tr := range append(append([]bl8Tier(nil), bl8Tiers...), goOnly) {
		tr.use()
		for r := 1; r <= bl8PairRadius; r++ {
			var taps []bl8Tap
			for dy := -r; dy <= r; dy++ {
				for dx := -r; dx <= r; dx++ {
					if d2 := dx*dx + dy*dy; d2 <= r*r {
						taps = append(taps, bl8Tap{dy + r, dx + r, float32(-math.Log2E * float64(d2) / (2 * 1.3 * 1.3))})
					}
				}
			}
			for _, sr := range []float64{0.3, 9, 25, 300} {
				kr := float32(-math.Log2E / (2 * sr * sr))
				for _, w := range []int{1, 7, 16, 33, 70} {
					const h = 9
					ext := make([][]float32, h+2*r)
					for j := range ext {
						ext[j] = make([]float32, w+2*r)
						for i := range ext[j] {
							ext[j][i] = float32(rng.IntN(256))
						}
					}
					for _, y0 := range []int{0, 4} {
						s := newBl8Pairs(taps, r, w, kr)
						for y := y0; y < h; y++ {
							rows := ext[y : y+2*r+1]
							want, got := make([]float32, w), make([]float32, w)
							bl8Go(want, rows, taps, kr, 0)
							s.row(got, rows, y+r)
							for i := range want {
								if math.Float32bits(got[i]) != math.Float32bits(want[i]) {
									t.Fatalf("tier %d (widest first, last Go), r %d sr %v w %d from row %d, row %d [%d]: pairs %v, bl8Go %v", tier, r, sr, w, y0, y, i, got[i], want[i])
								}
							}
						}
					}
				}
			}
		}
	}
}

// TestBilateralU8Store: the vector store (bl8StoreVec) rounds as bl8Store's
// Go loop, half away from zero in float64, on every half and quarter of 0
// ... 255, their float32 neighbours, values past the ends and random
// ones, rows of lengths around the vector width.
func TestBilateralU8Store(t *testing.T) {
	var vals []float32
	for k := -4; k <= 260*4; k++ {
		v := float32(k) / 4
		vals = append(vals, v, math.Nextafter32(v, -1), math.Nextafter32(v, 300))
	}
	rng := rand.New(rand.NewPCG(58, 7))
	for range 1000 {
		vals = append(vals, rng.Float32()*256)
	}
	goStore := func(out []uint8, q []float32) {
		for i, v := range q {
			out[i] = uint8(math.Round(min(max(float64(v), 0), 255)))
		}
	}
	for _, n := range []int{1, 15, 16, 17, 33, len(vals)} {
		for off := 0; off+n <= len(vals); off += max(n, 997) {
			q := vals[off : off+n]
			want, got := make([]uint8, n), make([]uint8, n)
			goStore(want, q)
			bl8Store(got, q)
			for i := range want {
				if got[i] != want[i] {
					t.Fatalf("n %d: %v stored as %d, want %d", n, q[i], got[i], want[i])
				}
			}
		}
	}
}
