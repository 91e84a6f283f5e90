package arith

import (
	"math/rand/v2"
	"testing"

	"github.com/gipsdev/gips/internal/swar"
)

// TestSwarMatchesScalarOnEveryUint8Pair checks the SWAR lanes (add, sub,
// min, max, absDiff) against their definitions, on every pair of bytes in every lane position
// and on random 16-bit lanes.
func TestSwarMatchesScalarOnEveryUint8Pair(t *testing.T) {
	for x := range 256 {
		for y := range 256 {
			xs := uint64(x) * 0x0101010101010101
			ys := uint64(y) * 0x0101010101010101
			// Neighbouring lanes hold other values so that a carry or a
			// borrow crossing a lane would show.
			xs ^= 0x00FF00FF00FF00FF & uint64(x*7) * 0x0001000100010001
			for lane := range 8 {
				a, b := uint8(xs>>(8*lane)), uint8(ys>>(8*lane))
				add := uint8(min(int(a)+int(b), 255))
				sub := uint8(max(int(a)-int(b), 0))
				if got := uint8(lanes8.addSat(xs, ys) >> (8 * lane)); got != add {
					t.Fatalf("add %d + %d = %d, want %d", a, b, got, add)
				}
				if got := uint8(lanes8.subSat(xs, ys) >> (8 * lane)); got != sub {
					t.Fatalf("sub %d - %d = %d, want %d", a, b, got, sub)
				}
				if got := uint8(lanes8.minU(xs, ys) >> (8 * lane)); got != min(a, b) {
					t.Fatalf("min %d %d = %d", a, b, got)
				}
				if got := uint8(lanes8.maxU(xs, ys) >> (8 * lane)); got != max(a, b) {
					t.Fatalf("max %d %d = %d", a, b, got)
				}
				if got := uint8(lanes8.absDiffU(xs, ys) >> (8 * lane)); got != max(a, b)-min(a, b) {
					t.Fatalf("absDiff %d %d = %d", a, b, got)
				}
			}
		}
	}
	rng := rand.New(rand.NewPCG(5, 6))
	for range 1 << 20 {
		xs, ys := rng.Uint64(), rng.Uint64()
		if rng.IntN(4) == 0 {
			ys = xs ^ uint64(1)<<rng.IntN(64)
		}
		for lane := range 4 {
			a, b := uint16(xs>>(16*lane)), uint16(ys>>(16*lane))
			add := uint16(min(int(a)+int(b), 65535))
			sub := uint16(max(int(a)-int(b), 0))
			if got := uint16(lanes16.addSat(xs, ys) >> (16 * lane)); got != add {
				t.Fatalf("add %d + %d = %d, want %d", a, b, got, add)
			}
			if got := uint16(lanes16.subSat(xs, ys) >> (16 * lane)); got != sub {
				t.Fatalf("sub %d - %d = %d, want %d", a, b, got, sub)
			}
			if got := uint16(lanes16.minU(xs, ys) >> (16 * lane)); got != min(a, b) {
				t.Fatalf("min %d %d = %d", a, b, got)
			}
			if got := uint16(lanes16.maxU(xs, ys) >> (16 * lane)); got != max(a, b) {
				t.Fatalf("max %d %d = %d", a, b, got)
			}
			if got := uint16(lanes16.absDiffU(xs, ys) >> (16 * lane)); got != max(a, b)-min(a, b) {
				t.Fatalf("absDiff %d %d = %d", a, b, got)
			}
		}
	}
}

// TestSIMDMatchesSWAR compares the AVX2 kernels with the SWAR ones on
// random rows of lengths around the vector steps, the output placed for
// either loop direction, the loops run as chosen and forced both ways; it
// runs under GOEXPERIMENT=simd on a machine with AVX2 and is skipped
// elsewhere.
// With AVX-512 it runs twice: the 128-byte AVX-512 blocks (with the AVX2
// tail), then the AVX2 loop alone.
func TestSIMDMatchesSWAR(t *testing.T) {
	saved := useAVX512
	defer func() { useAVX512 = saved }()
	for _, on := range []bool{false, true} {
		if on && !saved {
			continue
		}
		useAVX512 = on
		t.Run(map[bool]string{false: "AVX2", true: "AVX512"}[on], testSIMDMatchesSWAR)
	}
}

func testSIMDMatchesSWAR(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 9))
	defer func() { loopDir = 0 }()
	for _, l := range []lanes{lanes8, lanes16} {
		for op := swAdd; op <= swAbsDiff; op++ {
			for _, n := range []int{0, 31, 32, 127, 128, 129, 200, 4096 + 1000} {
				for _, p := range placements { // the output placed for either loop direction
					got, a, b := placed[byte](n, p)
					for i := range a {
						a[i], b[i] = byte(rng.Uint32()), byte(rng.Uint32())
						if i%5 == 0 {
							b[i] = a[i]
						}
					}
					want := make([]byte, n)
					nw := swarRows(l, op, want, a, b)
					for _, dir := range loopDirs {
						loopDir = dir
						clear(got)
						ng := simdRows(l, op, got, a, b)
						if ng == 0 && n >= 32 {
							t.Skip("no SIMD kernels in this build (GOEXPERIMENT=simd and AVX2 enable them)")
						}
						if ng != n&^31 {
							t.Fatalf("lanes %d op %d: did %d bytes of %d", l.shift+1, op, ng, n)
						}
						if k := min(nw, ng); string(got[:k]) != string(want[:k]) {
							t.Fatalf("lanes %d op %d n %d %v dir %d: SIMD and SWAR differ", l.shift+1, op, n, p, dir)
						}
					}
				}
			}
		}
	}
}

// TestSwarConstMatchesScalar: the add and subtract of a broadcast constant
// (addLow, addHigh and the complement for subtract; under GOEXPERIMENT=simd
// the AVX2 kernel first) on every uint8 value with every constant, and on
// 16-bit lanes at the edges and at random, on rows of odd lengths.
func TestSwarConstMatchesScalar(t *testing.T) {
	src := make([]byte, 256+37)
	for i := range src {
		src[i] = byte(i)
	}
	dst := make([]byte, len(src))
	for c := range 256 {
		for _, op := range []swarOp{swAdd, swSub} {
			if n := constRows(lanes8, op, dst, src, uint64(c)); n != len(src)&^7 {
				t.Fatalf("did %d bytes of %d", n, len(src))
			}
			for i, got := range dst[:len(src)&^7] {
				x := i % 256
				want := min(x+c, 255)
				if op == swSub {
					want = max(x-c, 0)
				}
				if int(got) != want {
					t.Fatalf("op %d: %d and %d: %d, want %d", op, x, c, got, want)
				}
			}
		}
	}
	rng := rand.New(rand.NewPCG(9, 10))
	edges := []int{0, 1, 2, 0x7FFE, 0x7FFF, 0x8000, 0x8001, 0xFFFE, 0xFFFF, 0xFF, 0x100}
	xs := make([]uint16, 4096+13)
	for i := range xs {
		if i%2 == 0 {
			xs[i] = uint16(edges[rng.IntN(len(edges))])
		} else {
			xs[i] = uint16(rng.Uint32())
		}
	}
	d16 := make([]uint16, len(xs))
	for _, c := range append(edges, rng.IntN(65536), rng.IntN(65536), rng.IntN(65536)) {
		for _, op := range []swarOp{swAdd, swSub} {
			n := constRows(lanes16, op, swar.Bytes(d16), swar.Bytes(xs), uint64(c)) / 2
			for i, x := range xs[:n] {
				want := min(int(x)+c, 65535)
				if op == swSub {
					want = max(int(x)-c, 0)
				}
				if int(d16[i]) != want {
					t.Fatalf("op %d: %d and %d: %d, want %d", op, x, c, d16[i], want)
				}
			}
		}
	}
}

// TestMulSIMDMatchesGo: the AVX2 UInt8 and UInt16 multiply against the
// saturated exact product, on every UInt8 pair and on UInt16 edges and
// random values, at lengths around the vector width.
func TestMulSIMDMatchesGo(t *testing.T) {
	a8, b8 := make([]uint8, 65536), make([]uint8, 65536)
	for i := range a8 {
		a8[i], b8[i] = uint8(i), uint8(i>>8)
	}
	d8 := make([]uint8, len(a8)+7)
	n := simdMul8(d8[:len(a8)], a8, b8)
	if n == 0 {
		t.Skip("no SIMD kernels in this build (GOEXPERIMENT=simd and AVX2 enable them)")
	}
	for i := range n {
		if want := min(int(a8[i])*int(b8[i]), 255); int(d8[i]) != want {
			t.Fatalf("uint8 %d * %d = %d, want %d", a8[i], b8[i], d8[i], want)
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	edges := []uint16{0, 1, 2, 255, 256, 257, 65535, 65534, 32768, 4096, 16}
	for _, ln := range []int{15, 16, 17, 1000} {
		a, b, d := make([]uint16, ln), make([]uint16, ln), make([]uint16, ln)
		for i := range a {
			a[i], b[i] = uint16(rng.Uint32()), uint16(rng.Uint32()>>uint(rng.IntN(16)))
			if i%3 == 0 {
				a[i], b[i] = edges[rng.IntN(len(edges))], edges[rng.IntN(len(edges))]
			}
		}
		k := simdMul16(d, a, b)
		for i := range k {
			if want := min(int(a[i])*int(b[i]), 65535); int(d[i]) != want {
				t.Fatalf("uint16 %d * %d = %d, want %d", a[i], b[i], d[i], want)
			}
		}
	}
}

// TestDivSIMDMatchesTable: the AVX2 UInt8 divide against the exact integer
// quotient (intQuotient, which fills the table) on every pair of bytes,
// zero divisors included, with an odd tail left untouched.
func TestDivSIMDMatchesTable(t *testing.T) {
	a, b := make([]uint8, 65536+19), make([]uint8, 65536+19)
	for i := range 65536 {
		a[i], b[i] = uint8(i), uint8(i>>8)
	}
	d := make([]uint8, len(a))
	for i := range d {
		d[i] = 0xAA
	}
	n := simdDiv8(d, a, b)
	if n == 0 {
		t.Skip("no SIMD kernels in this build (GOEXPERIMENT=simd and AVX2 enable them)")
	}
	if n != len(d)&^31 {
		t.Fatalf("did %d of %d", n, len(d))
	}
	for i := range d {
		want := uint8(0xAA)
		if i < n {
			want = uint8(intQuotient(int64(a[i]), int64(b[i]), 0, 255))
		}
		if d[i] != want {
			t.Fatalf("%d / %d = %d, want %d", a[i], b[i], d[i], want)
		}
	}
}

// notWords (invert's bulk: the words before the output's first cache
// line, simdNot's AVX2 loop under GOEXPERIMENT=simd, then whole words)
// against the complement byte by byte, for every length up to 200 and
// long odd ones (from 16 KiB on, the head splits off), the output placed
// for either loop direction and at several offsets into a line, the loop
// run as chosen and forced both ways.
func TestNotWordsMatchesComplement(t *testing.T) {
	rng := rand.New(rand.NewPCG(10, 11))
	defer func() { loopDir = 0 }()
	for n := range 16<<10 + 206 {
		if n > 200 && n != 4096+13 && n != 16<<10+13 && n != 16<<10+205 {
			continue
		}
		for _, p := range placements { // the output placed for either loop direction
			d, a, _ := placed[byte](n, p)
			for i := range a {
				a[i] = byte(rng.Uint32())
			}
			for _, dir := range loopDirs {
				loopDir = dir
				clear(d)
				k := notWords(d, a)
				if k != n&^7 {
					t.Fatalf("%d bytes: did %d, want %d", n, k, n&^7)
				}
				for i := range k {
					if d[i] != ^a[i] {
						t.Fatalf("%d bytes %v dir %d: byte %d is %#x, want %#x", n, p, dir, i, d[i], ^a[i])
					}
				}
			}
		}
	}
}
