package label

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/gipsdev/gips"
)

// TestPrefixSIMDMatchesGo: the AVX2 and AVX-512 running sums
// (GOEXPERIMENT=simd builds) equal a plain loop's from any starting sum,
// wrapping past 2^32, and leave the differences they read cleared.
// Without AVX2 or the experiment it checks that the kernel declines.
func TestPrefixSIMDMatchesGo(t *testing.T) {
	defer func(b bool) { prefixAVX512 = b }(prefixAVX512)
	for _, wide := range []bool{false, prefixAVX512} { // the AVX2 kernel, then the AVX-512 one if the CPU has it
		prefixAVX512 = wide
		testPrefix(t)
	}
}

func testPrefix(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for _, n := range []int{0, 1, 7, 8, 9, 15, 16, 17, 23, 24, 25, 31, 32, 63, 512, 4096 + 5} {
		d := make([]uint32, n+1)
		for i := range d {
			d[i] = []uint32{0, 0, 0, 1, ^uint32(0), 1 << 31, rng.Uint32()}[rng.IntN(7)]
		}
		acc0 := rng.Uint32()
		want := make([]uint32, n)
		acc := acc0
		for i := range want {
			acc += d[i]
			want[i] = acc
		}
		out := make([]uint32, n)
		k, sum := simdPrefix(out, d, acc0)
		if !haveAVX2 && k != 0 {
			t.Fatalf("n %d: %d pixels without AVX2", n, k)
		}
		if k%8 != 0 || k > n || (haveAVX2 && k != n/8*8) {
			t.Fatalf("n %d: %d pixels done", n, k)
		}
		for i := range k {
			if out[i] != want[i] || d[i] != 0 {
				t.Fatalf("n %d pixel %d: sum %d (difference left %d), loop %d", n, i, out[i], d[i], want[i])
			}
		}
		if k > 0 && sum != want[k-1] {
			t.Fatalf("n %d: carried sum %d, loop %d", n, sum, want[k-1])
		}
	}
}

// TestPaintDenseMatchesRuns: paintDense writes each run's label on its
// pixels and 0 between, into every integer type (the 4-byte ones through
// prefixRow's AVX2 sums), on random runs that abut (equal-value runs),
// touch the row's ends or are one pixel long, on rows of 1 to 70 pixels
// and 515; and it leaves its differences all zero for the next row.
func TestPaintDenseMatchesRuns(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 9))
	for _, w := range append(seq(1, 70), 515) {
		for trial := range 20 {
			var rs []run
			var labels []uint32
			for x := rng.IntN(3); x < w; {
				end := min(w, x+1+rng.IntN([]int{2, 9, 40}[trial%3]))
				rs = append(rs, run{int32(x), int32(end)})
				labels = append(labels, []uint32{1, 255, 65535, 1<<31 - 1, rng.Uint32() >> 1}[rng.IntN(5)])
				x = end + rng.IntN(3) // 0: the next run abuts
			}
			want := make([]uint32, w)
			for i, r := range rs {
				for x := r.x0; x < r.x1; x++ {
					want[x] = labels[i]
				}
			}
			name := fmt.Sprintf("width %d trial %d", w, trial)
			checkDense[uint8](t, name, w, rs, labels, want)
			checkDense[int8](t, name, w, rs, labels, want)
			checkDense[uint16](t, name, w, rs, labels, want)
			checkDense[int16](t, name, w, rs, labels, want)
			checkDense[uint32](t, name, w, rs, labels, want)
			checkDense[int32](t, name, w, rs, labels, want)
		}
	}
}

func checkDense[U gips.Pixel](t *testing.T, name string, w int, rs []run, labels []uint32, want []uint32) {
	t.Helper()
	row := make([]U, w)
	for i := range row {
		row[i] = 99 // every pixel must be written
	}
	d := make([]uint32, w+1)
	paintDense(row, rs, labels, d)
	for x, v := range row {
		if v != U(want[x]) {
			t.Fatalf("%s %T: pixel %d is %v, want %v", name, v, x, v, U(want[x]))
		}
	}
	for i, v := range d {
		if v != 0 {
			t.Fatalf("%s %T: difference %d left at %d", name, row[0], v, i)
		}
	}
}

// TestPaintMaskMatchesRuns: paintMask writes each run's label on its
// pixels and 0 between, from the row's mask, on random rows of densities
// 0.05 to 0.95 (and all background, all foreground) of 1 to 70 pixels and
// past one and several mask words, with labels of every size; through the
// AVX-512 kernel (GOEXPERIMENT=simd builds on a CPU that has it) and the Go
// loop alone.
func TestPaintMaskMatchesRuns(t *testing.T) {
	defer func(b bool) { paintMaskAVX512 = b }(paintMaskAVX512)
	rng := rand.New(rand.NewPCG(13, 14))
	for _, wide := range []bool{false, paintMaskAVX512} {
		paintMaskAVX512 = wide
		for _, w := range append(seq(1, 70), 127, 128, 129, 192, 515) {
			for trial := range 30 {
				density := []float64{0, 1, 0.05 + 0.9*rng.Float64()}[min(trial, 2)]
				row := make([]uint8, w)
				for x := range row {
					if rng.Float64() < density {
						row[x] = uint8(1 + rng.IntN(255))
					}
				}
				want := make([]uint32, w)
				var labels []uint32
				for x := 0; x < w; x++ {
					if row[x] != 0 && (x == 0 || row[x-1] == 0) {
						labels = append(labels, []uint32{1, 255, 65535, 1<<31 - 1, ^uint32(0), rng.Uint32()}[rng.IntN(6)])
					}
					if row[x] != 0 {
						want[x] = labels[len(labels)-1]
					}
				}
				m := make([]uint64, maskWords(w))
				rowMask(row, m)
				out := make([]uint32, w)
				for i := range out {
					out[i] = 99 // every pixel must be written
				}
				// A first element never written, then 16 past the labels.
				padded := append([]uint32{rng.Uint32() | 1}, labels...)
				paintMask(out, m, nil, append(padded, make([]uint32, 16)...))
				for x, v := range out {
					if v != want[x] {
						t.Fatalf("AVX-512 %v width %d trial %d: pixel %d is %d, want %d", wide, w, trial, x, v, want[x])
					}
				}
			}
		}
	}
}
