package stats

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/gipsdev/gips"
)

// pctBrute is numpy's 'linear' percentile of vals, sorted here by value
// (NaN: NaN), the reference for Percentiles.
func pctBrute(vals []float64, q float64) float64 {
	for _, v := range vals {
		if v != v {
			return math.NaN()
		}
	}
	s := slices.Clone(vals)
	slices.Sort(s)
	prev, next, t := virtualIndex(len(s), q)
	return lerp(s[prev], s[next], t)
}

// radixCase builds an image of T from draw, with the rows padded (a view
// whose stride exceeds its width: the selection reads rows, not a buffer).
func radixCase[T gips.Pixel](t *testing.T, nx, ny, nz int, draw func(i int) T) (*gips.Image, []float64) {
	t.Helper()
	pad := 3
	data := make([]T, nz*ny*(nx+pad))
	var vals []float64
	i := 0
	for z := range nz {
		for y := range ny {
			for x := range nx {
				v := draw(i)
				i++
				data[(z*ny+y)*(nx+pad)+x] = v
				vals = append(vals, float64(v))
			}
		}
	}
	a := gips.ArrayOf(data, nz, ny, nx+pad)
	a.Shape[2] = nx
	img, err := gips.FromArray(a)
	if err != nil {
		t.Fatal(err)
	}
	return img, vals
}

// TestRadixSelectMatchesBruteForce: the percentiles of 32- and 64-bit
// images equal a sort's, for values that test every level of the
// selection: spread over the whole range (one level), packed into one
// first-level bucket (keys that differ in their low bits only, down to the
// last), duplicates, the types' extremes, ±0, ±Inf and subnormals; lists of
// percentiles from one to more than one gathering pass takes (maxGroups).
func TestRadixSelectMatchesBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 9))
	qsets := [][]float64{{50}, {0, 100}, {1, 25, 50, 75, 99}, {33.3, 0.01, 99.99, 66.6}}
	var many []float64
	for i := range 301 {
		many = append(many, float64(i)/3)
	}
	qsets = append(qsets, many)
	shapes := [][3]int{{5, 3, 1}, {61, 47, 1}, {37, 29, 5}}
	check := func(name string, img *gips.Image, vals []float64) {
		t.Helper()
		for _, qs := range qsets {
			got, err := Percentiles(img, qs...)
			if err != nil {
				t.Fatal(err)
			}
			for k, q := range qs {
				want := pctBrute(vals, q)
				if got[k] != want && !(math.IsNaN(got[k]) && math.IsNaN(want)) {
					t.Fatalf("%s: percentile %v = %v, a sort gives %v", name, q, got[k], want)
				}
			}
		}
	}
	f32 := []func(i int) float32{
		func(int) float32 { return rng.Float32()*2 - 1 },
		func(int) float32 { return 1 + float32(rng.IntN(1<<10))*0x1p-23 }, // one top bucket, low bits differ
		func(int) float32 { return float32(rng.IntN(4)) },                 // duplicates
		func(int) float32 {
			e := []float32{0, float32(math.Copysign(0, -1)), float32(math.Inf(1)), float32(math.Inf(-1)),
				math.MaxFloat32, -math.MaxFloat32, math.SmallestNonzeroFloat32, -math.SmallestNonzeroFloat32, 1, -1}
			return e[rng.IntN(len(e))]
		},
	}
	f64 := []func(i int) float64{
		func(int) float64 { return rng.NormFloat64() * 1e6 },
		func(int) float64 { return 1 + float64(rng.IntN(1<<12))*0x1p-52 },
		func(int) float64 {
			e := []float64{0, math.Copysign(0, -1), math.Inf(1), math.Inf(-1), math.MaxFloat64, -math.MaxFloat64,
				math.SmallestNonzeroFloat64, 5e-324 * 3, -1e-310, 2}
			return e[rng.IntN(len(e))]
		},
	}
	i32 := []func(i int) int32{
		func(int) int32 { return int32(rng.Uint32()) },
		func(int) int32 { return int32(rng.IntN(600)) - 300 },
		func(int) int32 { return []int32{math.MinInt32, math.MaxInt32, -1, 0}[rng.IntN(4)] },
	}
	u32 := []func(i int) uint32{
		func(int) uint32 { return rng.Uint32() },
		func(int) uint32 { return 0x7fff0000 + uint32(rng.IntN(5000)) },
		func(int) uint32 { return []uint32{0, math.MaxUint32, 1 << 31, 1<<31 - 1}[rng.IntN(4)] },
	}
	for _, s := range shapes {
		for _, d := range f32 {
			img, v := radixCase(t, s[0], s[1], s[2], d)
			check("float32", img, v)
		}
		for _, d := range f64 {
			img, v := radixCase(t, s[0], s[1], s[2], d)
			check("float64", img, v)
		}
		for _, d := range i32 {
			img, v := radixCase(t, s[0], s[1], s[2], d)
			check("int32", img, v)
		}
		for _, d := range u32 {
			img, v := radixCase(t, s[0], s[1], s[2], d)
			check("uint32", img, v)
		}
	}
}

// TestRadixSelectNaN: any NaN, whatever its sign and payload (those next to
// ±Inf share the Infs' first-level bucket), makes every percentile NaN;
// ±Inf do not.
func TestRadixSelectNaN(t *testing.T) {
	nan32 := []uint32{0x7fc00000, 0x7f800001, 0xff800001, 0xffffffff, 0x7fffffff}
	for _, bits := range nan32 {
		for _, withInf := range []bool{false, true} {
			img, vals := radixCase(t, 40, 30, 1, func(i int) float32 {
				switch {
				case i == 777:
					return math.Float32frombits(bits)
				case withInf && i%5 == 0:
					return float32(math.Inf(1 - 2*(i%2)))
				}
				return float32(i % 13)
			})
			p, _ := Percentiles(img, 10, 50)
			if !math.IsNaN(p[0]) || !math.IsNaN(p[1]) || !math.IsNaN(pctBrute(vals, 50)) {
				t.Errorf("float32 NaN %#x (Inf %v): percentiles %v, want NaN", bits, withInf, p)
			}
		}
	}
	for _, bits := range []uint64{0x7ff8000000000000, 0x7ff0000000000001, 0xfff0000000000001, 0xffffffffffffffff} {
		img, _ := radixCase(t, 40, 30, 1, func(i int) float64 {
			if i == 5 {
				return math.Float64frombits(bits)
			}
			return math.Inf(1 - 2*(i%2))
		})
		if p, _ := Percentiles(img, 50); !math.IsNaN(p[0]) {
			t.Errorf("float64 NaN %#x: percentile %v, want NaN", bits, p)
		}
	}
	// ±Inf next to finite values: the percentiles between them are finite
	// (numpy's interpolation makes any percentile that touches an Inf NaN).
	img, vals := radixCase(t, 40, 30, 1, func(i int) float32 {
		if i%10 == 0 {
			return float32(math.Inf(1 - 2*(i/10%2)))
		}
		return float32(i % 13)
	})
	if p, _ := Percentiles(img, 20, 50, 80); p[0] != pctBrute(vals, 20) || p[1] != pctBrute(vals, 50) || p[2] != pctBrute(vals, 80) || math.IsNaN(p[1]) {
		t.Errorf("finite values and ±Inf: percentiles %v, want %v %v %v", p, pctBrute(vals, 20), pctBrute(vals, 50), pctBrute(vals, 80))
	}
}
