package morpho

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/nbhd"
	"github.com/gipsdev/gips/internal/scratch"
)

// TestLineKernelsIgnoreWhatPooledRowsHeld: the line kernels (lines,
// lines3, lines3z) carve their bands' rows from the morpho pool, which
// hands buffers back with their last contents. After the pool is filled
// with 0xff bytes (the largest uint16, a NaN float32) in every size
// class a band's block takes, each kernel still gives bruteMin's minimum
// and maximum: every row is written before it is read.
func TestLineKernelsIgnoreWhatPooledRowsHeld(t *testing.T) {
	d, src, f := poolInputs(45, 3)
	for si, s := range []SE{Ball(2), Ball(4), Disk(5), irregular(3)} {
		for _, m := range []gips.BorderMode{gips.Reflect, gips.Constant} {
			name := fmt.Sprintf("se%d %v", si, m)
			pooledLines(t, name, src, d, s, m, 7)
			pooledLines(t, name, f, d, s, m, 0.5)
		}
	}
}

func pooledLines[T gips.Pixel](t *testing.T, name string, src []T, d nbhd.Dims, s SE, m gips.BorderMode, cval T) {
	t.Helper()
	kernels := []struct {
		name string
		run  func(dst, src vview[T], p plan, hi bool) error
	}{
		{"lines", func(dst, src vview[T], p plan, hi bool) error {
			return linesFilter(dst, src, d, p, hi, m, cval, nil)
		}},
		{"lines3", func(dst, src vview[T], p plan, hi bool) error { return lines3(dst, src, d, p, hi, m, cval, nil) }},
		{"lines3z", func(dst, src vview[T], p plan, hi bool) error { return lines3z(dst, src, d, p, hi, m, cval, nil) }},
	}
	want := bruteMin(src, d, s, false, m, cval)
	flipped := append([]T(nil), src...)
	nbhd.Flip(flipped)
	wantMax := bruteMin(flipped, d, s, true, m, nbhd.FlipValue(cval))
	nbhd.Flip(wantMax)
	for _, k := range kernels {
		what := fmt.Sprintf("%T %s %s", src[0], name, k.name)
		poisonBufPool()
		got := make([]T, len(src))
		if err := k.run(bufView(got, d), bufView(src, d), makePlan(s, false, d, m), false); err != nil {
			t.Fatal(err)
		}
		compare(t, what, got, want)
		poisonBufPool()
		gotMax := make([]T, len(src))
		if err := k.run(bufView(gotMax, d), bufView(src, d), makePlan(s, true, d, m), true); err != nil {
			t.Fatal(err)
		}
		compare(t, what+" max", gotMax, wantMax)
	}
}

// TestBoxIgnoresWhatPooledRowsHeld: boxLong's sliders, tiles and constant
// planes come from the morpho pool; after the pool is filled with 0xff
// bytes it still gives bruteMin's minimum and maximum, with a z window
// (the tiles' path) and without (a slider per band of rows).
func TestBoxIgnoresWhatPooledRowsHeld(t *testing.T) {
	d, src, f := poolInputs(46, 1)
	for _, s := range []SE{Box(7, 5, 7), Box(4, 9, 6), Box(9, 9, 1)} {
		for _, m := range []gips.BorderMode{gips.Reflect, gips.Constant} {
			name := fmt.Sprintf("box %v %v", s.Size(), m)
			pooledBox(t, name, src, d, s, m, 7)
			pooledBox(t, name, f, d, s, m, 0.5)
		}
	}
}

func pooledBox[T gips.Pixel](t *testing.T, name string, src []T, d nbhd.Dims, s SE, m gips.BorderMode, cval T) {
	t.Helper()
	want := bruteMin(src, d, s, false, m, cval)
	flipped := append([]T(nil), src...)
	nbhd.Flip(flipped)
	wantMax := bruteMin(flipped, d, s, true, m, nbhd.FlipValue(cval))
	nbhd.Flip(wantMax)
	for _, hi := range []bool{false, true} {
		poisonBufPool()
		got := make([]T, len(src))
		if err := boxLong(bufView(got, d), bufView(src, d), d, boxWindow(s, hi, d), hi, m, cval, nil); err != nil {
			t.Fatal(err)
		}
		if hi {
			compare(t, fmt.Sprintf("%T %s max", src[0], name), got, wantMax)
		} else {
			compare(t, fmt.Sprintf("%T %s", src[0], name), got, want)
		}
	}
}

// poolInputs are the pool tests' volume, of few grey levels (ties and
// plateaus), as uint16 and as float32.
func poolInputs(seed1, seed2 uint64) (nbhd.Dims, []uint16, []float32) {
	rng := rand.New(rand.NewPCG(seed1, seed2))
	d := nbhd.Dims{NX: 300, NY: 23, NZ: 9}
	src := make([]uint16, d.Len())
	for i := range src {
		src[i] = uint16(rng.IntN(9) * 5000)
	}
	f := make([]float32, d.Len())
	for i := range f {
		f[i] = float32(rng.IntN(9)) - 4.5
	}
	return d, src, f
}

// poisonBufPool puts two buffers of 0xff bytes in each of the pool's
// size classes from 4 KiB to 512 KiB.
func poisonBufPool() {
	var held [][]byte
	for n := 4096; n <= 512<<10; n += max(n/8, 1) {
		for range 2 {
			b := scratch.Get[byte](&bufPool, n)
			for i := range b {
				b[i] = 0xff
			}
			held = append(held, b)
		}
	}
	for _, b := range held {
		scratch.Put(&bufPool, b)
	}
}
