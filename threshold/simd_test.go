package threshold

import "testing"

// eachWidth runs f with the AVX2 loops and, on a machine that has it, the
// AVX-512 ones: the same bytes are expected of both.
func eachWidth(t *testing.T, f func(t *testing.T)) {
	saved := useAVX512
	defer func() { useAVX512 = saved }()
	for _, on := range []bool{false, true} {
		if on && !saved {
			continue
		}
		useAVX512 = on
		t.Run(map[bool]string{false: "AVX2", true: "AVX512"}[on], f)
	}
}

// TestSIMDRange8MatchesDefinition: the AVX2 8-bit range test against
// lo <= v^bias <= hi on a row of every byte value plus an odd tail, for
// every bound pair and both biases (UInt8, Int8), on rows long enough
// for the 128-byte steps and the 32-byte tail steps. Skipped in builds
// without the kernel (no GOEXPERIMENT=simd or no AVX2).
func TestSIMDRange8MatchesDefinition(t *testing.T) { eachWidth(t, testSIMDRange8) }

func testSIMDRange8(t *testing.T) {
	s := make([]byte, 2*256+96+45)
	for i := range s {
		s[i] = byte(i * 7)
	}
	d := make([]byte, len(s))
	for _, bias := range []uint8{0, 0x80} {
		for lo := range 256 {
			for hi := range 256 {
				clear(d)
				n := simdRange8(d, s, uint8(lo), uint8(hi), bias)
				if n == 0 {
					t.Skip("no SIMD kernel in this build (GOEXPERIMENT=simd and AVX2 enable it)")
				}
				if n != len(s)&^31 {
					t.Fatalf("did %d bytes of %d", n, len(s))
				}
				for i := range n {
					v := int(s[i] ^ bias)
					want := byte(0)
					if lo <= v && v <= hi {
						want = 1
					}
					if d[i] != want {
						t.Fatalf("bias %#x [%d, %d]: %d gives %d", bias, lo, hi, v, d[i])
					}
				}
				for i := n; i < len(d); i++ {
					if d[i] != 0 {
						t.Fatalf("wrote byte %d beyond the %d it reports", i, n)
					}
				}
			}
		}
	}
}

// TestSIMDRange16MatchesDefinition: the AVX2 16-bit range test against
// lo <= v^bias <= hi on a row of every 16-bit value plus an odd tail,
// for bounds at and next to the edges (0, the byte and sign boundaries,
// the maximum) and random ones, both biases (UInt16, Int16).
func TestSIMDRange16MatchesDefinition(t *testing.T) { eachWidth(t, testSIMDRange16) }

func testSIMDRange16(t *testing.T) {
	s := make([]uint16, 65536+45)
	for i := range s {
		s[i] = uint16(i * 7)
	}
	d := make([]byte, len(s))
	bounds := []int{0, 1, 2, 0x7F, 0x80, 0xFF, 0x100, 0x101, 0x7FFE, 0x7FFF, 0x8000, 0x8001, 0xFFFE, 0xFFFF, 12345, 54321}
	for _, bias := range []uint16{0, 0x8000} {
		for _, lo := range bounds {
			for _, hi := range bounds {
				clear(d)
				n := simdRange16(d, s, uint16(lo), uint16(hi), bias)
				if n == 0 {
					t.Skip("no SIMD kernel in this build (GOEXPERIMENT=simd and AVX2 enable it)")
				}
				if n != len(s)&^31 {
					t.Fatalf("did %d of %d", n, len(s))
				}
				for i := range n {
					v := int(s[i] ^ bias)
					want := byte(0)
					if lo <= v && v <= hi {
						want = 1
					}
					if d[i] != want {
						t.Fatalf("bias %#x [%d, %d]: %d (pixel %d) gives %d", bias, lo, hi, v, i, d[i])
					}
				}
				for i := n; i < len(d); i++ {
					if d[i] != 0 {
						t.Fatalf("wrote byte %d beyond the %d it reports", i, n)
					}
				}
			}
		}
	}
}
