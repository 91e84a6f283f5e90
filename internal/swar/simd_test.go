package swar

import (
	"math/rand/v2"
	"testing"
)

// def is each Op on one byte, from its meaning: the twin of SIMD.
func def(op Op, a, b byte) byte {
	t := func(v bool) byte {
		if v {
			return 1
		}
		return 0
	}
	switch op {
	case And:
		return a & b
	case Or:
		return a | b
	case Xor:
		return a ^ b
	case Not:
		return ^a
	case AndNZ:
		return t(a != 0 && b != 0)
	case OrNZ:
		return t(a != 0 || b != 0)
	case XorNZ:
		return t((a != 0) != (b != 0))
	case NotNZ:
		return t(a == 0)
	case MaskNZ:
		if b != 0 {
			return a
		}
		return 0
	}
	panic("unknown op")
}

// TestSIMDMatchesDefinition runs every op on all 65536 byte pairs, at
// every offset of a 32-byte vector, and on odd lengths around the 128-byte
// step of the AVX-512 loop and the 32-byte one of the AVX2 loop (both run:
// the test clears useAVX512 for the second): SIMD's bytes equal the
// definition's and it writes no byte beyond those it reports. Without
// GOEXPERIMENT=simd (or AVX2) SIMD does nothing and reports 0.
func TestSIMDMatchesDefinition(t *testing.T) {
	const n = 1<<16 + 37 // every pair, then an odd tail
	a, b := make([]byte, n), make([]byte, n)
	for i := range 1 << 16 {
		a[i], b[i] = byte(i>>8), byte(i)
	}
	r := rand.New(rand.NewPCG(1, 2))
	for i := 1 << 16; i < n; i++ {
		a[i], b[i] = byte(r.UintN(4)*85), byte(r.UintN(256))
	}
	for wide := range widths {
		for op := And; op <= MaskNZ; op++ {
			for _, off := range []int{0, 1, 7} {
				for _, l := range []int{0, 1, 31, 32, 33, 95, 127, 128, 129, 160, 255, 1000, n - off} {
					d := make([]byte, l)
					for i := range d {
						d[i] = 0xAA
					}
					a, b := a[off:], b[off:]
					k := SIMD(op, d, a, b)
					if k%32 != 0 || k > l || haveAVX2 && k != l&^31 {
						t.Fatalf("%s op %d, length %d: did %d bytes", wide, op, l, k)
					}
					for i := range l {
						want := def(op, a[i], b[i])
						if i >= k {
							want = 0xAA
						}
						if d[i] != want {
							t.Fatalf("%s op %d, offset %d, length %d: byte %d (%d, %d) = %d, want %d", wide, op, off, l, i, a[i], b[i], d[i], want)
						}
					}
				}
			}
		}
	}
}

// widths gives the vector widths to test, setting useAVX512 for each as
// the loop takes it: AVX-512 (when the CPU has it), then AVX2 on the same
// machine; useAVX512 is restored after the loop.
func widths(yield func(string) bool) {
	saved := useAVX512
	defer func() { useAVX512 = saved }()
	if saved && !yield("AVX-512") {
		return
	}
	useAVX512 = false
	yield("AVX2")
}

// TestMask16MatchesDefinition: the AVX2 16-bit mask against its meaning
// (a where the mask byte is non-zero, 0 elsewhere) with every mask byte
// value against random and edge pixels, the pixels after the last whole
// vector left untouched.
func TestMask16MatchesDefinition(t *testing.T) {
	const n = 256*64 + 13
	rng := rand.New(rand.NewPCG(3, 4))
	a, m, d := make([]uint16, n), make([]byte, n), make([]uint16, n)
	edges := []uint16{0, 1, 0x7FFF, 0x8000, 0xFFFF, 0x00FF, 0xFF00}
	for i := range a {
		a[i], m[i] = uint16(rng.Uint32()), byte(i*131)
		if i%5 == 0 {
			a[i] = edges[i%len(edges)]
		}
		d[i] = 0xAAAA
	}
	k := Mask16(d, a, m)
	if k == 0 {
		t.Skip("no SIMD kernels in this build (GOEXPERIMENT=simd and AVX2 enable them)")
	}
	if k != n&^15 {
		t.Fatalf("did %d of %d", k, n)
	}
	for i := range d {
		want := uint16(0xAAAA)
		if i < k {
			want = 0
			if m[i] != 0 {
				want = a[i]
			}
		}
		if d[i] != want {
			t.Fatalf("pixel %d (a %#x, mask %d): %#x, want %#x", i, a[i], m[i], d[i], want)
		}
	}
}
