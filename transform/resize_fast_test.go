package transform

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/gipsdev/gips"
)

// TestResizeSIMDMatchesPureGo: the vector kernels of the fused resize
// (weighted sums of rows, the x correlation) give the Go loops' numbers
// bit for bit, at lengths with and without a tail.
func TestResizeSIMDMatchesPureGo(t *testing.T) {
	if weightedU8 == nil {
		t.Skip("no SIMD resize kernels in this build (build with GOEXPERIMENT=simd on AVX2)")
	}
	rng := rand.New(rand.NewPCG(81, 82))
	same := func(what string, n int, got, want []float64) {
		t.Helper()
		for k := range want {
			if math.Float64bits(got[k]) != math.Float64bits(want[k]) {
				t.Fatalf("%s n=%d [%d]: SIMD %v, pure Go %v", what, n, k, got[k], want[k])
			}
		}
	}
	for _, n := range []int{0, 1, 7, 8, 15, 16, 17, 33, 100, 257} {
		for _, taps := range []int{1, 3, 5, 9} {
			w := make([]float64, taps)
			for i := range w {
				w[i] = rng.Float64() / 255
			}
			r8, r16 := make([][]uint8, taps), make([][]uint16, taps)
			for i := range taps {
				r8[i], r16[i] = make([]uint8, n), make([]uint16, n)
				for x := range n {
					r8[i][x], r16[i][x] = uint8(rng.IntN(256)), uint16(rng.IntN(65536))
				}
			}
			e := make([]float64, n+taps-1)
			for i := range e {
				e[i] = rng.NormFloat64()
			}
			got8, got16, gotc := make([]float64, n), make([]float64, n), make([]float64, n)
			weightedRows(got8, r8, w)
			weightedRows(got16, r16, w)
			correlateRow(gotc, e, w)
			u8, u16, cf := weightedU8, weightedU16, correlateF64
			weightedU8, weightedU16, correlateF64 = nil, nil, nil
			want8, want16, wantc := make([]float64, n), make([]float64, n), make([]float64, n)
			weightedRows(want8, r8, w)
			weightedRows(want16, r16, w)
			correlateRow(wantc, e, w)
			weightedU8, weightedU16, correlateF64 = u8, u16, cf
			same("weightedRows uint8", n, got8, want8)
			same("weightedRows uint16", n, got16, want16)
			same("correlateRow", n, gotc, wantc)
		}
	}
}

// TestResizeIntoChecksOutput: an output of the wrong type or channels is
// an error naming the type Resize gives.
func TestResizeIntoChecksOutput(t *testing.T) {
	src, _ := gips.CreateImage(gips.Geometry2d(gips.UInt8, 40, 30))
	bad, _ := gips.CreateImage(gips.Geometry2d(gips.UInt8, 20, 15))
	if err := ResizeInto(bad, src); err == nil || !strings.Contains(err.Error(), "Real64") {
		t.Fatalf("resize into uint8 (order 1): %v", err)
	}
	ok, _ := gips.CreateImage(gips.Geometry2d(gips.Real64, 20, 15))
	if err := ResizeInto(ok, src); err != nil {
		t.Fatal(err)
	}
}

// TestResizeMergedSIMDMatchesPureGo: the merged pass's stride-2 vector
// kernel gives mergedRow's Go loop bit for bit (with and without a tail,
// odd and even tap counts, the clip on both sides), and the byte range
// kernel the Go loop's.
func TestResizeMergedSIMDMatchesPureGo(t *testing.T) {
	if correlate2F64 == nil && weightedSymU8 == nil {
		t.Skip("no SIMD merged-resize kernels in this build (build with GOEXPERIMENT=simd on AVX2/AVX-512)")
	}
	rng := rand.New(rand.NewPCG(83, 84))
	for _, n := range []int{0, 1, 7, 8, 9, 16, 23, 64, 100} {
		for _, taps := range []int{1, 2, 5, 6, 9, 10} {
			m := mergedAxis{n: taps, start: make([]int, n), w: make([]float64, n*taps)}
			w := make([]float64, taps)
			for k := range w {
				w[k] = rng.Float64()
			}
			if n%2 == 1 { // symmetric taps (correlate2SymF64's case) half the time
				for k := range w {
					w[taps-1-k] = w[k]
				}
			}
			for i := range n {
				m.start[i] = 2 * i
				copy(m.w[i*taps:], w)
			}
			e := make([]float64, 2*n+taps+rng.IntN(3))
			for i := range e {
				e[i] = rng.Float64() * 2
			}
			lo, hi := 0.5, float64(taps)*0.8
			got, want := make([]float64, n), make([]float64, n)
			mergedRow(got, e, &m, true, lo, hi)
			c2, c2s := correlate2F64, correlate2SymF64
			correlate2F64, correlate2SymF64 = nil, nil
			mergedRow(want, e, &m, true, lo, hi)
			correlate2F64, correlate2SymF64 = c2, c2s
			for i := range want {
				if math.Float64bits(got[i]) != math.Float64bits(want[i]) {
					t.Fatalf("n=%d taps=%d [%d]: SIMD %v, pure Go %v", n, taps, i, got[i], want[i])
				}
			}
		}
	}
	if weightedSymU8 != nil {
		for _, n := range []int{0, 15, 16, 17, 40} {
			for _, taps := range []int{1, 2, 5, 6} {
				w := make([]float64, taps)
				rows := make([][]uint8, taps)
				for k := range taps {
					w[k] = rng.Float64()
					rows[k] = make([]uint8, n)
					for x := range rows[k] {
						rows[k][x] = uint8(rng.IntN(256))
					}
				}
				for k := range w {
					w[taps-1-k] = w[k]
				}
				want := make([]float64, n)
				f := weightedSymU8
				weightedSymU8 = nil
				weightedRowsSym(want, rows, w)
				for _, k := range []func([]float64, [][]uint8, []float64) int{f, weightedSymAlt} {
					if k == nil {
						continue
					}
					weightedSymU8 = k
					got := make([]float64, n)
					weightedRowsSym(got, rows, w)
					for x := range want {
						if math.Float64bits(got[x]) != math.Float64bits(want[x]) {
							weightedSymU8 = f
							t.Fatalf("weightedRowsSym n=%d taps=%d [%d]: SIMD %v, pure Go %v", n, taps, x, got[x], want[x])
						}
					}
				}
				weightedSymU8 = f
			}
		}
	}
}
