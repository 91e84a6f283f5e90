package threshold

import "testing"

// TestSIMDRange8MatchesDefinition: the AVX2 8-bit range test against
// lo <= v^bias <= hi on a row of every byte value plus an odd tail, for
// every bound pair and both biases (UInt8, Int8). Skipped in builds
// without the kernel (no GOEXPERIMENT=simd or no AVX2).
func TestSIMDRange8MatchesDefinition(t *testing.T) {
	s := make([]byte, 256+45)
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
