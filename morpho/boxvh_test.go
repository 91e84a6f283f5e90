package morpho

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/internal/nbhd"
)

// TestBoxLongMatchesBruteForce sweeps the box sizes 1..33 (odd and even,
// beyond the image too) along y and z, where van Herk (boxvh.go) takes
// over from boxXY, on thin images, in every mode, erosion and dilation,
// with the AVX2 and AVX-512 row kernels and without (the SWAR and scalar
// twins). The reference is the brute-force footprint kernel run one axis at a time (a
// box's minimum is the minimum of its rows' minima, for every mode).
func TestBoxLongMatchesBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(80, 81))
	dims := []nbhd.Dims{{NX: 37, NY: 41, NZ: 1}, {NX: 2, NY: 35, NZ: 1}, {NX: 65, NY: 3, NZ: 1},
		{NX: 9, NY: 12, NZ: 10}, {NX: 4, NY: 3, NZ: 17}, {NX: 1, NY: 1, NZ: 40}}
	saved, savedShift := simdMM, simdShift
	defer func() { simdMM, simdShift = saved, savedShift }()
	defer func() { useReduceSIMD = true }()
	for _, simd := range []bool{true, false} {
		useReduceSIMD = simd
		if !simd {
			simdMM = func(bool, bool, []byte, []byte, []byte, []byte) int { return 0 }
			simdShift = func(laneKind, bool, []byte, []byte, *[shiftCopies]int) int { return 0 }
		}
		for _, d := range dims {
			u8 := make([]uint8, d.Len())
			u16 := make([]uint16, d.Len())
			i16 := make([]int16, d.Len())
			for i := range u8 {
				u8[i] = uint8(rng.IntN(256))
				u16[i] = uint16(rng.IntN(65536))
				i16[i] = int16(rng.IntN(65536) - 32768)
			}
			name := fmt.Sprintf("simd=%v %v", simd, d)
			boxSweep(t, name, d, u8, 7)
			boxSweep(t, name, d, u16, 300)
			boxSweep(t, name, d, i16, -5)
		}
	}
}

func boxSweep[T gips.Pixel](t *testing.T, name string, d nbhd.Dims, src []T, cval T) {
	for k := 1; k <= 33; k++ {
		ses := []SE{Box(k, k, 1), Box(3, k, 1)}
		if d.NZ > 1 {
			ses = []SE{Box(k, k, k), Box(2, k, 3), Box(1, 3, k), Box(k, 1, 5)}
		}
		for _, s := range ses {
			for _, m := range modes {
				for _, hi := range []bool{false, true} {
					want := separableBrute(src, d, s, hi, m, cval)
					got := make([]T, len(src))
					err := boxFilter(bufView(got, d), bufView(src, d), d, boxWindow(s, hi, d), hi, m, cval, nil)
					if err != nil {
						t.Fatal(err)
					}
					compare(t, fmt.Sprintf("%s %T box%v %v max=%v", name, src[0], s.size, m, hi), got, want)
				}
			}
		}
	}
}

// separableBrute is the brute-force minimum (maximum when hi: over the
// reflected box, through flipped values) over s, one axis at a time.
func separableBrute[T gips.Pixel](src []T, d nbhd.Dims, s SE, hi bool, m gips.BorderMode, cval T) []T {
	v := append([]T(nil), src...)
	if hi {
		nbhd.Flip(v)
		cval = nbhd.FlipValue(cval)
	}
	for a := range 3 {
		size := [3]int{1, 1, 1}
		size[a] = s.size[a]
		v = bruteMin(v, d, Box(size[0], size[1], size[2]), hi, m, cval)
	}
	if hi {
		nbhd.Flip(v)
	}
	return v
}

// TestVHStepTwinsMatchScalar: vhStep (AVX2 in the SIMD build, its pure-Go
// twin of two passes in both) equals Go's min and max on every length up
// to 100, with the prefix in place (p = pre) and apart.
func TestVHStepTwinsMatchScalar(t *testing.T) {
	rng := rand.New(rand.NewPCG(82, 83))
	for n := range 100 {
		stepTwins(t, n, func() uint8 { return uint8(rng.IntN(256)) })
		stepTwins(t, n, func() uint16 { return uint16(rng.IntN(65536)) })
	}
}

func stepTwins[T uint8 | uint16](t *testing.T, n int, gen func() T) {
	pre, it, s := make([]T, n), make([]T, n), make([]T, n)
	for i := range pre {
		pre[i], it[i], s[i] = gen(), gen(), gen()
	}
	saved := simdStep
	defer func() { simdStep = saved }()
	for _, simd := range []bool{true, false} {
		if !simd {
			simdStep = func(bool, bool, []byte, []byte, []byte, []byte, []byte) int { return 0 }
		}
		for _, hi := range []bool{false, true} {
			for _, inPlace := range []bool{false, true} {
				p, out := make([]T, n), make([]T, n)
				in := pre
				if inPlace {
					copy(p, pre)
					in = p
				}
				vhStep(p, out, in, it, s, hi)
				for i := range n {
					wp := min(pre[i], it[i])
					wo := min(s[i], wp)
					if hi {
						wp = max(pre[i], it[i])
						wo = max(s[i], wp)
					}
					if p[i] != wp || out[i] != wo {
						t.Fatalf("%T n=%d simd=%v max=%v in place=%v pixel %d: got %v %v, want %v %v", pre[0], n, simd, hi, inPlace, i, p[i], out[i], wp, wo)
					}
				}
			}
		}
	}
}
