package stats

import (
	"math/rand/v2"
	"testing"

	"github.com/gipsdev/gips"
)

// The scan of UInt8 and UInt16 images (the AVX2 twin when built with
// GOEXPERIMENT=simd, the Go loop otherwise) against a brute-force sum, min
// and max, for widths around the 32-byte blocks and extremes in the tail.
func TestScanSIMDMatchesGo(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, w := range []int{1, 15, 16, 17, 31, 32, 33, 64, 100, 127, 128, 129, 160, 255, 256, 300, 1000} {
		for _, h := range []int{1, 3, 70} {
			u8 := make([]uint8, w*h)
			u16 := make([]uint16, w*h)
			for i := range u8 {
				u8[i] = uint8(100 + rng.IntN(50))
				u16[i] = uint16(30000 + rng.IntN(5000))
			}
			u8[len(u8)-1], u16[len(u16)-1] = 255, 65535 // the max in a tail
			u8[rng.IntN(len(u8))], u16[rng.IntN(len(u16))] = 0, 0
			check(t, u8, w, h)
			check(t, u16, w, h)
		}
	}
	// Large sums: every 32-bit lane of the UInt16 kernel wraps without its
	// blocks.
	big := make([]uint16, 1<<20)
	for i := range big {
		big[i] = 65535
	}
	check(t, big, 1<<20, 1)
}

func check[T uint8 | uint16 | int8 | int16 | int32 | uint32](t *testing.T, d []T, w, h int) {
	t.Helper()
	img, err := gips.FromArray(gips.ArrayOf(d, h, w))
	if err != nil {
		t.Fatal(err)
	}
	var sum float64
	lo, hi := d[0], d[0]
	for _, v := range d {
		sum += float64(v)
		lo, hi = min(lo, v), max(hi, v)
	}
	s, err1 := Sum(img)
	mn, err2 := Min(img)
	mx, err3 := Max(img)
	m, err4 := Mean(img)
	if err1 != nil || err2 != nil || err3 != nil || err4 != nil {
		t.Fatal(err1, err2, err3, err4)
	}
	if s != sum || mn != float64(lo) || mx != float64(hi) || m != sum/float64(len(d)) {
		t.Fatalf("%T %dx%d: sum %v min %v max %v mean %v, want %v %v %v %v", d[0], w, h, s, mn, mx, m, sum, lo, hi, sum/float64(len(d)))
	}
}

// TestScanSquaresMatchBruteForce: the integer scan with squares (the
// AVX-512 kernel for UInt8 runs when built with GOEXPERIMENT=simd, the Go
// loop otherwise) against a brute-force sum, sum of squares, min and max:
// widths around the 64-byte steps, a padded view (row by row), and a
// run of 2^20 bytes of 255, past one block of 32-bit lanes.
func TestScanSquaresMatchBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	var cases []*gips.Image
	for _, w := range []int{1, 63, 64, 65, 127, 128, 200, 1000} {
		for _, h := range []int{1, 3, 70} {
			d := make([]uint8, w*h)
			for i := range d {
				d[i] = uint8(rng.IntN(256))
			}
			img, err := gips.FromArray(gips.ArrayOf(d, h, w))
			if err != nil {
				t.Fatal(err)
			}
			cases = append(cases, img)
			if w > 3 {
				v, err := img.Region2d(1, 0, w-3, h)
				if err != nil {
					t.Fatal(err)
				}
				cases = append(cases, v)
			}
		}
	}
	big := make([]uint8, 1<<20)
	for i := range big {
		big[i] = 255
	}
	big[12345] = 3
	img, err := gips.FromArray(gips.ArrayOf(big, 1, 1<<20))
	if err != nil {
		t.Fatal(err)
	}
	cases = append(cases, img)
	for _, img := range cases {
		var sum, sq uint64
		lo, hi := uint64(255), uint64(0)
		for _, v := range bruteValues(t, img) {
			u := uint64(v)
			sum, sq, lo, hi = sum+u, sq+u*u, min(lo, u), max(hi, u)
		}
		p, err := scan(img, needExtremes|needSum|needSquares)
		if err != nil {
			t.Fatal(err)
		}
		if p.hi != 0 || p.lo != sum || p.qhi != 0 || p.qlo != sq || p.min != float64(lo) || p.max != float64(hi) {
			t.Fatalf("%v: sum %d:%d squares %d:%d min %v max %v; want %d %d %d %d",
				img.Geometry(), p.hi, p.lo, p.qhi, p.qlo, p.min, p.max, sum, sq, lo, hi)
		}
	}
}

// The flat sum of UInt8 buffers (sumRow8's AVX2 chains when built with
// GOEXPERIMENT=simd, the Go loop otherwise) against a brute-force sum:
// lengths around the 32- and 128-byte steps, and 2^20+37 bytes of 255.
func TestFlatSum8MatchesBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for _, n := range []int{1, 31, 32, 33, 127, 128, 129, 160, 255, 256, 257, 1000, 4099, 65536} {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte(rng.IntN(256))
		}
		checkFlatSum8(t, b)
	}
	big := make([]byte, 1<<20+37)
	for i := range big {
		big[i] = 255
	}
	checkFlatSum8(t, big)
}

func checkFlatSum8(t *testing.T, b []byte) {
	t.Helper()
	var want uint64
	for _, v := range b {
		want += uint64(v)
	}
	if p := flatSum8(b); p.n != len(b) || p.lo != want || p.hi != 0 || p.sum() != float64(want) {
		t.Fatalf("%d bytes: n %d sum %d (hi %d), want %d", len(b), p.n, p.lo, p.hi, want)
	}
}
