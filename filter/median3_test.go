package filter

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/border"
	"github.com/gipsdev/gips/internal/nbhd"
)

// bruteMedian3 is the definition of the 3x3 median, for the tests: the
// nine values read through border.Index (cval beyond in Constant mode),
// sorted, the fifth.
func bruteMedian3[T gips.Pixel](src []T, d nbhd.Dims, m gips.BorderMode, cval T) []T {
	out := make([]T, len(src))
	var v [9]T
	for z := range d.NZ {
		for y := range d.NY {
			for x := range d.NX {
				k := 0
				for dy := -1; dy <= 1; dy++ {
					for dx := -1; dx <= 1; dx++ {
						yy, oky := border.Index(y+dy, d.NY, m)
						xx, okx := border.Index(x+dx, d.NX, m)
						v[k] = cval
						if oky && okx {
							v[k] = src[(z*d.NY+yy)*d.NX+xx]
						}
						k++
					}
				}
				s := v
				slices.Sort(s[:])
				out[(z*d.NY+y)*d.NX+x] = s[4]
			}
		}
	}
	return out
}

// TestMedian3MatchesBruteForce runs the sorted-columns 3x3 median (its
// vector rows under GOEXPERIMENT=simd, both widths, the Go loop on the
// tails) against bruteMedian3 in every mode, on widths around the vector
// sizes, with few distinct values (ties) and with many.
func TestMedian3MatchesBruteForce(t *testing.T) {
	forEachSIMDWidth(t, func(t *testing.T) {
		rng := rand.New(rand.NewPCG(80, 81))
		dims := []nbhd.Dims{{NX: 77, NY: 13, NZ: 2}, {NX: 45, NY: 40, NZ: 1}, {NX: 1, NY: 7, NZ: 1}, {NX: 33, NY: 1, NZ: 1}, {NX: 2, NY: 2, NZ: 3}, {NX: 64, NY: 3, NZ: 1}}
		for _, d := range dims {
			for _, levels := range []int{3, 1 << 16} {
				u8, u16, i16, f32 := make([]uint8, d.Len()), make([]uint16, d.Len()), make([]int16, d.Len()), make([]float32, d.Len())
				i8, u32, i32, f64 := make([]int8, d.Len()), make([]uint32, d.Len()), make([]int32, d.Len()), make([]float64, d.Len())
				for i := range u8 {
					r := rng.IntN(levels)
					u8[i], u16[i], i16[i], f32[i] = uint8(r), uint16(r*7), int16(r-levels/2), float32(r)-0.5
					i8[i], u32[i], i32[i], f64[i] = int8(r), uint32(r)*65599, int32(r-levels/2)*65599, float64(r)/3-7
				}
				median3Case(t, d, u8, 1)
				median3Case(t, d, u16, 9)
				median3Case(t, d, i16, -2)
				median3Case(t, d, f32, 0.25)
				median3Case(t, d, i8, -3)
				median3Case(t, d, u32, 5)
				median3Case(t, d, i32, -7)
				median3Case(t, d, f64, 0.5)
			}
		}
	})
}

func median3Case[T gips.Pixel](t *testing.T, d nbhd.Dims, src []T, cval T) {
	for _, m := range []gips.BorderMode{gips.Reflect, gips.Nearest, gips.Mirror, gips.Constant, gips.Wrap} {
		want := bruteMedian3(src, d, m, cval)
		got := make([]T, len(src))
		if err := median3x3(planesOf(got, d), planesOf(src, d), d, m, cval); err != nil {
			t.Fatal(err)
		}
		for i := range want {
			if got[i] != want[i] {
				t.Fatalf("%s: pixel %d: got %v, brute force %v", fmt.Sprintf("%T %v %v", src[0], d, m), i, got[i], want[i])
			}
		}
	}
}

// bruteMedian27 is the definition of the 3x3x3 median, for the tests.
func bruteMedian27[T gips.Pixel](src []T, d nbhd.Dims, m gips.BorderMode, cval T) []T {
	out := make([]T, len(src))
	var v []T
	for z := range d.NZ {
		for y := range d.NY {
			for x := range d.NX {
				v = v[:0]
				for dz := -1; dz <= 1; dz++ {
					for dy := -1; dy <= 1; dy++ {
						for dx := -1; dx <= 1; dx++ {
							zz, okz := border.Index(z+dz, d.NZ, m)
							yy, oky := border.Index(y+dy, d.NY, m)
							xx, okx := border.Index(x+dx, d.NX, m)
							if okz && oky && okx {
								v = append(v, src[(zz*d.NY+yy)*d.NX+xx])
							} else {
								v = append(v, cval)
							}
						}
					}
				}
				slices.Sort(v)
				out[(z*d.NY+y)*d.NX+x] = v[13]
			}
		}
	}
	return out
}

// TestMedian27MatchesBruteForce runs the forgetful-selection 3x3x3 median
// (its AVX2 rows under GOEXPERIMENT=simd, the Go loop on the tails)
// against bruteMedian27 in every mode, on widths around the vector sizes,
// with ties and without.
func TestMedian27MatchesBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(82, 83))
	dims := []nbhd.Dims{{NX: 77, NY: 5, NZ: 4}, {NX: 40, NY: 3, NZ: 3}, {NX: 1, NY: 4, NZ: 3}, {NX: 33, NY: 1, NZ: 2}, {NX: 2, NY: 2, NZ: 1}}
	for _, d := range dims {
		for _, levels := range []int{3, 1 << 16} {
			u8, u16, i16, f32 := make([]uint8, d.Len()), make([]uint16, d.Len()), make([]int16, d.Len()), make([]float32, d.Len())
			for i := range u8 {
				r := rng.IntN(levels)
				u8[i], u16[i], i16[i], f32[i] = uint8(r), uint16(r*7), int16(r-levels/2), float32(r)-0.5
			}
			for _, m := range []gips.BorderMode{gips.Reflect, gips.Nearest, gips.Mirror, gips.Constant, gips.Wrap} {
				median27Case(t, d, u8, m, 1)
				median27Case(t, d, u16, m, 9)
				median27Case(t, d, i16, m, -2)
				median27Case(t, d, f32, m, 0.25)
			}
		}
	}
}

func median27Case[T gips.Pixel](t *testing.T, d nbhd.Dims, src []T, m gips.BorderMode, cval T) {
	want := bruteMedian27(src, d, m, cval)
	got := make([]T, len(src))
	if err := median3x3x3(planesOf(got, d), planesOf(src, d), d, m, cval); err != nil {
		t.Fatal(err)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("%T %v %v: pixel %d: got %v, brute force %v", src[0], d, m, i, got[i], want[i])
		}
	}
}
