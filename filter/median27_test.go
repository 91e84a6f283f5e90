package filter

import (
	"fmt"
	"math/bits"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/imgtest"
	"github.com/gipsdev/gips/internal/nbhd"
	"github.com/gipsdev/gips/internal/testref"
	"github.com/gipsdev/gips/morpho"
)

// TestMedian27Exhaustive01 proves the 3x3x3 network for every input. Its
// exchanges are monotone, so it selects the median of all inputs if it
// does of all inputs of zeros and ones (the 0-1 principle). cols3 then
// cols9 are tried on all 512 columns of nine zeros and ones; med27Row,
// which reads sorted columns, on all 10^3 windows of three sorted 0/1
// columns (a sorted column of nine is fixed by its number of ones). Rows
// are long enough for the SIMD rows under GOEXPERIMENT=simd (each input
// in every lane), with and without AVX-512, for 8- and 16-bit types and
// the pure-Go int16 and float32.
func TestMedian27Exhaustive01(t *testing.T) {
	forEachSIMDWidth(t, func(t *testing.T) {
		med27Exhaustive[uint8](t)
		med27Exhaustive[uint16](t)
		med27Exhaustive[int16](t)
		med27Exhaustive[float32](t)
	})
}

func med27Exhaustive[T gips.Pixel](t *testing.T) {
	const w = 2 * 64 * 512 // each 0/1 column twice, in every lane of a 64-byte vector
	var in, tr, s [9][]T
	for k := range in {
		in[k], tr[k], s[k] = make([]T, w), make([]T, w), make([]T, w)
		for x := range w {
			in[k][x] = T(x >> k & 1)
		}
	}
	for j := range 3 { // sort the triples as median3x3x3 does
		cols3(true, tr[3*j], tr[3*j+1], tr[3*j+2], in[3*j], in[3*j+1], in[3*j+2])
	}
	cols9(&s, &tr)
	for x := range w {
		ones := bits.OnesCount(uint(x & 511))
		for k := range s {
			want := T(0)
			if k >= 9-ones {
				want = 1
			}
			if s[k][x] != want {
				t.Fatalf("%T cols9: column %09b: rank %d is %v, want %v", s[0][0], x&511, k, s[k][x], want)
			}
		}
	}
	const windows = 10 * 10 * 10
	for k := range s {
		s[k] = make([]T, 3*windows+2)
	}
	for q := range windows { // window q at columns 3q ... 3q+2
		c := q
		for j := range 3 {
			ones := c % 10
			c /= 10
			for k := range s {
				if k >= 9-ones {
					s[k][3*q+j] = 1
				}
			}
		}
	}
	out := make([]T, 3*windows)
	med27Row(out, &s)
	for q := range windows {
		ones := q%10 + q/10%10 + q/100
		want := T(0)
		if ones >= 14 {
			want = 1
		}
		if out[3*q] != want {
			t.Fatalf("%T med27Row: columns with %d, %d, %d ones: got %v, want %v", out[0], q%10, q/10%10, q/100, out[3*q], want)
		}
	}
}

// TestMedian27Shapes runs median3x3x3 against bruteMedian27 on thin and
// odd volumes, widths around the 16-, 32- and 64-lane vectors, in every
// mode, with and without AVX-512 (the SIMD rows under GOEXPERIMENT=simd,
// the Go loops on the tails), with ties and without.
func TestMedian27Shapes(t *testing.T) {
	rng := rand.New(rand.NewPCG(84, 85))
	dims := []nbhd.Dims{{NX: 67, NY: 3, NZ: 2}, {NX: 130, NY: 2, NZ: 3}, {NX: 31, NY: 1, NZ: 1}, {NX: 3, NY: 1, NZ: 5},
		{NX: 65, NY: 18, NZ: 2}, {NX: 97, NY: 5, NZ: 1}, {NX: 16, NY: 17, NZ: 3}, {NX: 2, NY: 35, NZ: 2}}
	forEachSIMDWidth(t, func(t *testing.T) {
		for _, d := range dims {
			for _, levels := range []int{2, 5, 1 << 16} {
				u8, u16, i8, f64 := make([]uint8, d.Len()), make([]uint16, d.Len()), make([]int8, d.Len()), make([]float64, d.Len())
				for i := range u8 {
					r := rng.IntN(levels)
					u8[i], u16[i], i8[i], f64[i] = uint8(r), uint16(r*7919), int8(r), float64(r)/3
				}
				for _, m := range []gips.BorderMode{gips.Reflect, gips.Nearest, gips.Mirror, gips.Constant, gips.Wrap} {
					median27Case(t, d, u8, m, 1)
					median27Case(t, d, u8, m, 255)
					median27Case(t, d, u16, m, 9)
					median27Case(t, d, u16, m, 65535)
					median27Case(t, d, i8, m, -3)
					median27Case(t, d, f64, m, 0.5)
				}
			}
		}
	})
}

// TestMedian27Twins compares the SIMD rows of cols9 and med27Row (under
// GOEXPERIMENT=simd, both widths) with their pure-Go loops (the hooks
// switched off) on random 8- and 16-bit rows of every length up to 200.
func TestMedian27Twins(t *testing.T) {
	forEachSIMDWidth(t, func(t *testing.T) {
		med27Twins[uint8](t)
		med27Twins[uint16](t)
	})
}

func med27Twins[T uint8 | uint16](t *testing.T) {
	rng := rand.New(rand.NewPCG(86, 87))
	for n := 1; n <= 200; n++ {
		var in, tr [9][]T
		for k := range in {
			in[k], tr[k] = make([]T, n+2), make([]T, n+2)
			for x := range in[k] {
				in[k][x] = T(rng.Uint32())
			}
		}
		for j := range 3 {
			cols3(true, tr[3*j], tr[3*j+1], tr[3*j+2], in[3*j], in[3*j+1], in[3*j+2])
		}
		run := func(goOnly bool) ([9][]T, []T) {
			if goOnly {
				c, m := simdCols9, simdMed27
				simdCols9 = func(bool, [9][]byte, [9][]byte) int { return 0 }
				simdMed27 = func(bool, []byte, [9][]byte) int { return 0 }
				defer func() { simdCols9, simdMed27 = c, m }()
			}
			var s [9][]T
			for k := range s {
				s[k] = make([]T, n+2)
			}
			cols9(&s, &tr)
			out := make([]T, n)
			med27Row(out, &s)
			return s, out
		}
		sv, ov := run(false)
		sg, og := run(true)
		for k := range sv {
			if !slices.Equal(sv[k], sg[k]) {
				t.Fatalf("%T cols9 n=%d rank %d: SIMD %v, Go %v", sv[0][0], n, k, sv[k], sg[k])
			}
		}
		if !slices.Equal(ov, og) {
			t.Fatalf("%T med27Row n=%d: SIMD %v, Go %v", ov[0], n, ov, og)
		}
	}
}

// TestMedian27MatchesScipy compares Median with the 3x3x3 box with
// scipy.ndimage.median_filter(size=3) on 8- and 16-bit volumes wide
// enough for the 64-byte rows, the 32-byte rows and the Go tail, in every
// border mode, with and without AVX-512, exactly.
func TestMedian27MatchesScipy(t *testing.T) {
	rng := rand.New(rand.NewPCG(90, 91))
	u8, u16 := make([]uint8, 150*6*4), make([]uint16, 150*6*4)
	for i := range u8 {
		u8[i], u16[i] = uint8(rng.IntN(7)*40), uint16(rng.Uint32())
	}
	inp := map[string]gips.Array{"u8": gips.ArrayOf(u8, 4, 6, 150), "u16": gips.ArrayOf(u16, 4, 6, 150)}
	ref := testref.Run(t, fmt.Sprintf(`import scipy.ndimage as ndi
for k in ("u8", "u16"):
    out[k] = np.stack([ndi.median_filter(inp[k], size=3, mode=m, cval=%g) for m in %s])
`, 120.0, pyModes()), inp)
	forEachSIMDWidth(t, func(t *testing.T) {
		for _, k := range []string{"u8", "u16"} {
			img, err := gips.FromArray(inp[k])
			if err != nil {
				t.Fatal(err)
			}
			for i, m := range modes {
				out, err := Median(img, morpho.Box(3, 3, 3), WithMode(m), WithCval(120))
				if err != nil {
					t.Fatal(err)
				}
				a, _ := out.Array()
				imgtest.Equal(t, fmt.Sprintf("%s median 3x3x3 %v", k, m), a, ref[k].Index(0, i))
			}
		}
	})
}
