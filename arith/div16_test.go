package arith

import (
	"os"
	"testing"
)

// div16Divisors are the divisors of TestDiv16SIMDMatchesIntegers: every
// one up to 1024 and around each power of two, then every 61st, and the
// largest; GIPS_EXHAUSTIVE=1 takes every divisor (2^32 pairs, seconds).
func div16Divisors() []int {
	if os.Getenv("GIPS_EXHAUSTIVE") != "" {
		all := make([]int, 65536)
		for i := range all {
			all[i] = i
		}
		return all
	}
	var bs []int
	for b := 0; b <= 1024; b++ {
		bs = append(bs, b)
	}
	for k := 11; k <= 16; k++ {
		for b := 1<<k - 3; b <= 1<<k+3 && b < 65536; b++ {
			bs = append(bs, b)
		}
	}
	for b := 1025; b < 65536; b += 61 {
		bs = append(bs, b)
	}
	return append(bs, 65535, 65534, 43691, 21845)
}

// TestDiv16SIMDMatchesIntegers: the AVX2 UInt16 divide, and its Go twin
// (the float64 quotient of divide's 16-bit loop), against the quotient
// rounded half away from zero computed here by counting (q and r carried
// from one dividend to the next), and against intQuotient, for every
// dividend with each divisor of div16Divisors, zero included; the pixels
// after the last whole vector are left to the caller. With
// GIPS_EXHAUSTIVE=1 only the SIMD kernel is checked (every pair).
func TestDiv16SIMDMatchesIntegers(t *testing.T) {
	const tail = 7
	exhaustive := os.Getenv("GIPS_EXHAUSTIVE") != ""
	a, b, d := make([]uint16, 65536+tail), make([]uint16, 65536+tail), make([]uint16, 65536+tail)
	for i := range 65536 {
		a[i] = uint16(i)
	}
	simd := true
	for _, bv := range div16Divisors() {
		for i := range b {
			b[i], d[i] = uint16(bv), 0xAAAA
		}
		n := simdDiv16(d, a, b)
		if n == 0 {
			simd = false
			if exhaustive {
				t.Skip("no SIMD kernels in this build (GOEXPERIMENT=simd and AVX2 enable them)")
			}
		} else if n != len(d)&^15 {
			t.Fatalf("did %d of %d", n, len(d))
		}
		q, r := 0, 0 // a = q*b + r, 0 <= r < b
		for i := range 65536 {
			want := uint16(0)
			if bv != 0 {
				want = uint16(q)
				if 2*r >= bv {
					want++
				}
				if r++; r == bv {
					q, r = q+1, 0
				}
			}
			if n > 0 && d[i] != want {
				t.Fatalf("SIMD %d / %d = %d, want %d", a[i], bv, d[i], want)
			}
			if exhaustive {
				continue
			}
			if g := uint16(intQuotient(int64(a[i]), int64(bv), 0, 65535)); g != want {
				t.Fatalf("intQuotient %d / %d = %d, want %d", a[i], bv, g, want)
			}
			if g := floatQuotient(a[i], uint16(bv), 0, 65535); g != want {
				t.Fatalf("Go %d / %d = %d, want %d", a[i], bv, g, want)
			}
		}
		for i := n; n > 0 && i < len(d); i++ {
			if d[i] != 0xAAAA {
				t.Fatalf("pixel %d after the %d done was written", i, n)
			}
		}
	}
	if !simd {
		t.Log("no SIMD kernels in this build (GOEXPERIMENT=simd and AVX2 enable them): the Go twin alone was checked")
	}
}
